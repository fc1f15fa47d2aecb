#include "lesson/answer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/text.h"

/* Results larger than this many bits are refused, so "10^10^10" is an
 * unreadable answer rather than a hang. */
enum { MAX_BITS = 65536, MAX_DEPTH = 64, MAX_LITERAL = 200 };

static int superscript_digit(uint32_t cp)
{
    if (cp == 0x2070)
        return 0;
    if (cp == 0xB9)
        return 1;
    if (cp == 0xB2 || cp == 0xB3)
        return (int)(cp - 0xB0);
    if (cp >= 0x2074 && cp <= 0x2079)
        return (int)(cp - 0x2070);
    return -1;
}

/* Rewrites the Unicode math a student may paste into ASCII: superscripts
 * become "^" exponents, · and × become *, − becomes -. Returns false when
 * the result does not fit or holds other non-ASCII text. */
static bool to_ascii_math(const char *s, char *out, size_t out_len)
{
    size_t n = 0, len = strlen(s);
    bool in_sup = false;
    while (len) {
        size_t used;
        uint32_t cp = viz_utf8_decode(s, len, &used);
        char rep = 0;
        int digit = superscript_digit(cp);
        bool sup = digit >= 0 || cp == 0x207B;
        if (digit >= 0)
            rep = (char)('0' + digit);
        else if (cp == 0x207B || cp == 0x2212)   /* superscript minus, minus sign */
            rep = '-';
        else if (cp == 0xB7 || cp == 0xD7 || cp == 0x22C5)
            rep = '*';
        else if (cp < 0x80)
            rep = (char)cp;
        else
            return false;
        if (n + 2 >= out_len)
            return false;
        if (sup && !in_sup)
            out[n++] = '^';
        in_sup = sup;
        out[n++] = rep;
        s += used;
        len -= used;
    }
    out[n] = '\0';
    return true;
}

/* "s = 6" → "6": a name and one '=' in front of the answer are dropped. */
static const char *strip_assignment(const char *s)
{
    const char *p = s;
    if (!isalpha((unsigned char)*p))
        return s;
    while (isalnum((unsigned char)*p) || *p == '_')
        p++;
    while (*p == ' ')
        p++;
    if (*p != '=' || p[1] == '=')
        return s;
    p++;
    while (*p == ' ')
        p++;
    return *p ? p : s;
}

void lesson_answer_normalize(const char *s, char *out, size_t out_len)
{
    char ascii[LESSON_ANSWER_MAX], tmp[LESSON_ANSWER_MAX];
    if (!out_len)
        return;
    if (to_ascii_math(s, ascii, sizeof ascii))
        s = ascii;
    size_t n = 0;
    bool space = false;
    while (*s && isspace((unsigned char)*s))
        s++;
    for (; *s && n + 1 < sizeof tmp; s++) {
        if (isspace((unsigned char)*s)) {
            space = true;
            continue;
        }
        if (space && n + 2 < sizeof tmp)
            tmp[n++] = ' ';
        space = false;
        tmp[n++] = (char)tolower((unsigned char)*s);
    }
    while (n && tmp[n - 1] == '.')
        n--;
    tmp[n] = '\0';
    snprintf(out, out_len, "%s", strip_assignment(tmp));
}

void lesson_number_init(lesson_number *n)
{
    mpq_init(n->value);
    n->approx = false;
    n->digits = 0;
}

void lesson_number_clear(lesson_number *n)
{
    mpq_clear(n->value);
}

/* ---- the expression reader, exact over the rationals ---------------------------- */

typedef struct expr {
    const char *p;
    bool bad;
    bool grouping;   /* commas may group digits: not inside a list's items */
    bool approx;
    int digits;      /* fewest significant digits of a decimal seen */
    int depth;
} expr;

static void skip(expr *e)
{
    while (*e->p == ' ')
        e->p++;
}

/* r = 10^k for |k| <= MAX_BITS / 3. */
static bool pow10_q(expr *e, mpq_t r, long k)
{
    if (k > MAX_BITS / 3 || k < -MAX_BITS / 3)
        return e->bad = true, false;
    mpz_ui_pow_ui(mpq_numref(r), 10, (unsigned long)(k < 0 ? -k : k));
    mpz_set_ui(mpq_denref(r), 1);
    if (k < 0)
        mpq_inv(r, r);
    return true;
}

/* A literal: digits (with "1,048,576" grouping where allowed), an optional
 * fraction and e-exponent, an optional %. Its digits are kept as text and
 * read exactly: 0.1 is 1/10, not the double nearest it. */
static void parse_literal(expr *e, mpq_t r)
{
    char mant[MAX_LITERAL + 1];
    size_t n = 0, frac = 0, run = 0;
    bool point = false, grouped = false;
    int sig = 0;
    const char *p = e->p;
    for (;; p++) {
        if (isdigit((unsigned char)*p)) {
            if (n == MAX_LITERAL) {
                e->bad = true;
                return;
            }
            if (sig || *p != '0')
                sig++;
            mant[n++] = *p;
            frac += point;
            run++;
        } else if (*p == ',' && e->grouping && !point && run && run <= 3 &&
                   (run == 3 || !grouped) && isdigit((unsigned char)p[1]) &&
                   isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
                   !isdigit((unsigned char)p[4])) {
            /* A grouping comma: the first group 1 to 3 digits, then threes. */
            grouped = true;
            run = 0;
        } else if (*p == '.' && !point && !grouped) {
            point = true;
        } else {
            break;
        }
    }
    if (!n || (grouped && run != 3)) {
        e->bad = true;
        return;
    }
    mant[n] = '\0';
    long exp10 = -(long)frac;
    bool has_e = false;
    if (*p == 'e' && (isdigit((unsigned char)p[1]) ||
                      ((p[1] == '-' || p[1] == '+') && isdigit((unsigned char)p[2])))) {
        char *end;
        long k = strtol(p + 1, &end, 10);
        if (k > MAX_BITS || k < -MAX_BITS) {
            e->bad = true;
            return;
        }
        exp10 += k;
        has_e = true;
        p = end;
    }
    mpz_set_str(mpq_numref(r), mant, 10);
    mpz_set_ui(mpq_denref(r), 1);
    mpq_t scale;
    mpq_init(scale);
    if (pow10_q(e, scale, exp10))
        mpq_mul(r, r, scale);
    mpq_clear(scale);
    if (point || has_e) {
        /* A decimal: a measurement whose precision is what it shows. */
        if (!e->approx || sig < e->digits)
            e->digits = sig;
        e->approx = true;
    }
    e->p = p;
    skip(e);
    if (*e->p == '%') {
        e->p++;
        mpz_mul_ui(mpq_denref(r), mpq_denref(r), 100);
        mpq_canonicalize(r);
    }
}

static void parse_sum(expr *e, mpq_t r);
static void parse_unary(expr *e, mpq_t r);

static bool enter(expr *e)
{
    if (++e->depth > MAX_DEPTH)
        e->bad = true;
    return !e->bad;
}

static void parse_atom(expr *e, mpq_t r)
{
    skip(e);
    if (*e->p == '(') {
        e->p++;
        if (!enter(e))
            return;
        parse_sum(e, r);
        e->depth--;
        skip(e);
        if (*e->p != ')')
            e->bad = true;
        else
            e->p++;
        return;
    }
    if (isdigit((unsigned char)*e->p) || *e->p == '.')
        parse_literal(e, r);
    else
        e->bad = true;
}

static size_t q_bits(const mpq_t a)
{
    return mpz_sizeinbase(mpq_numref(a), 2) + mpz_sizeinbase(mpq_denref(a), 2);
}

/* r = base^exp for a whole exp, refused when the result would be huge. */
static void q_pow(expr *e, mpq_t r, const mpq_t base, const mpq_t exp)
{
    if (mpz_cmp_ui(mpq_denref(exp), 1) != 0 || !mpz_fits_slong_p(mpq_numref(exp))) {
        e->bad = true;   /* roots are not exact answers */
        return;
    }
    long k = mpz_get_si(mpq_numref(exp));
    unsigned long m = (unsigned long)(k < 0 ? -k : k);
    if (mpq_sgn(base) == 0 && k < 0) {
        e->bad = true;
        return;
    }
    bool trivial = mpz_cmpabs_ui(mpq_numref(base), 1) <= 0 && mpz_cmp_ui(mpq_denref(base), 1) == 0;
    if (!trivial && (m > MAX_BITS || (double)q_bits(base) * (double)m > MAX_BITS)) {
        e->bad = true;
        return;
    }
    mpz_pow_ui(mpq_numref(r), mpq_numref(base), m);
    mpz_pow_ui(mpq_denref(r), mpq_denref(base), m);
    mpq_canonicalize(r);
    if (k < 0)
        mpq_inv(r, r);
}

static void parse_power(expr *e, mpq_t r)
{
    parse_atom(e, r);
    skip(e);
    if (e->bad || !(*e->p == '^' || (e->p[0] == '*' && e->p[1] == '*')))
        return;
    e->p += *e->p == '^' ? 1 : 2;
    if (!enter(e))
        return;
    mpq_t base, exp;
    mpq_init(base);
    mpq_init(exp);
    mpq_set(base, r);
    parse_unary(e, exp);   /* right-associative: 2^-2^2 = 2^(-(2^2)) */
    e->depth--;
    if (!e->bad)
        q_pow(e, r, base, exp);
    mpq_clear(base);
    mpq_clear(exp);
}

static void parse_unary(expr *e, mpq_t r)
{
    skip(e);
    if (*e->p == '-' || *e->p == '+') {
        bool neg = *e->p == '-';
        e->p++;
        if (!enter(e))
            return;
        parse_unary(e, r);
        e->depth--;
        if (neg)
            mpq_neg(r, r);
        return;
    }
    parse_power(e, r);
}

static void parse_product(expr *e, mpq_t r)
{
    parse_unary(e, r);
    mpq_t b;
    mpq_init(b);
    for (;;) {
        skip(e);
        char op = *e->p;
        if (e->bad || !((op == '*' && e->p[1] != '*') || op == '/'))
            break;
        e->p++;
        parse_unary(e, b);
        if (e->bad)
            break;
        if (op == '/' && mpq_sgn(b) == 0) {
            e->bad = true;
            break;
        }
        if (op == '*')
            mpq_mul(r, r, b);
        else
            mpq_div(r, r, b);
        if (q_bits(r) > MAX_BITS) {
            e->bad = true;
            break;
        }
    }
    mpq_clear(b);
}

static void parse_sum(expr *e, mpq_t r)
{
    parse_product(e, r);
    mpq_t b;
    mpq_init(b);
    for (;;) {
        skip(e);
        char op = *e->p;
        if (e->bad || (op != '+' && op != '-'))
            break;
        e->p++;
        parse_product(e, b);
        if (e->bad)
            break;
        if (op == '+')
            mpq_add(r, r, b);
        else
            mpq_sub(r, r, b);
    }
    mpq_clear(b);
}

/* Reads an already normalized text; grouping allows "1,048,576". */
static zk_err number_read(lesson_number *out, const char *norm, bool grouping)
{
    expr e = {.p = norm, .grouping = grouping};
    parse_sum(&e, out->value);
    skip(&e);
    if (e.bad || *e.p)
        return ZK_EPARSE;
    out->approx = e.approx;
    out->digits = e.digits;
    return ZK_OK;
}

zk_err lesson_number_parse(lesson_number *out, const char *typed)
{
    char norm[LESSON_ANSWER_MAX];
    lesson_answer_normalize(typed, norm, sizeof norm);
    return number_read(out, norm, true);
}

bool lesson_number_matches(const lesson_number *typed, const mpq_t expected)
{
    if (mpq_equal(typed->value, expected))
        return true;
    /* Exact forms must be exact; a count must be hit; 0 is never "close". */
    if (!typed->approx || typed->digits < 3 || mpq_sgn(expected) == 0 ||
        mpq_sgn(typed->value) == 0 || mpz_cmp_ui(mpq_denref(expected), 1) == 0)
        return false;
    /* |typed - expected| <= 0.5 % of |expected|, exactly: 200·|d| <= |e|. */
    mpq_t d, lim;
    mpq_init(d);
    mpq_init(lim);
    mpq_sub(d, typed->value, expected);
    mpq_abs(d, d);
    mpz_mul_ui(mpq_numref(d), mpq_numref(d), 200);
    mpq_canonicalize(d);
    mpq_abs(lim, expected);
    bool ok = mpq_cmp(d, lim) <= 0;
    mpq_clear(d);
    mpq_clear(lim);
    return ok;
}

zk_err lesson_answer_integer(mpz_t out, const char *typed)
{
    lesson_number n;
    lesson_number_init(&n);
    zk_err err = lesson_number_parse(&n, typed);
    if (!err && mpz_cmp_ui(mpq_denref(n.value), 1) != 0)
        err = ZK_EPARSE;
    if (!err)
        mpz_set(out, mpq_numref(n.value));
    lesson_number_clear(&n);
    return err;
}

/* ---- lists ---------------------------------------------------------------------- */

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    return s;
}

zk_err lesson_answer_list(lesson_list *out, const char *typed)
{
    out->n = 0;
    out->bracketed = false;
    lesson_answer_normalize(typed, out->buf, sizeof out->buf);
    char *s = out->buf;
    size_t len = strlen(s);
    if (!len)
        return ZK_EPARSE;
    /* One pair of brackets around the whole list, matched: "[1, 2" and
     * "1, 2]" are malformed, "(1+2), 3" is a list of two. */
    if (s[0] == '[' || s[0] == '(') {
        char close = s[0] == '[' ? ']' : ')';
        int depth = 0;
        size_t i = 0;
        for (; i < len; i++) {
            depth += s[i] == '(' || s[i] == '[';
            depth -= s[i] == ')' || s[i] == ']';
            if (depth == 0)
                break;
        }
        if (i == len)
            return ZK_EPARSE;
        if (i == len - 1 && s[i] == close) {
            s[i] = '\0';
            s++;
            out->bracketed = true;
        }
    }
    /* Items are split at top-level commas; a list with none may be split
     * at spaces instead ("1 3 35"). */
    char sep = ' ';
    int depth = 0;
    for (char *p = s; *p; p++) {
        depth += *p == '(' || *p == '[';
        depth -= *p == ')' || *p == ']';
        if (*p == ',' && depth == 0)
            sep = ',';
    }
    depth = 0;
    s = trim(s);
    char *item = s;
    for (char *p = s;; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if ((*p == ')' || *p == ']') && --depth < 0)
            return ZK_EPARSE;
        if ((*p == sep && depth == 0) || !*p) {
            bool last = !*p;
            *p = '\0';
            char *t = trim(item);
            if (!*t || out->n == LESSON_LIST_MAX)
                return ZK_EPARSE;
            out->items[out->n++] = t;
            if (last)
                break;
            item = p + 1;
        }
    }
    return depth ? ZK_EPARSE : ZK_OK;
}

/* ---- choices -------------------------------------------------------------------- */

/* The text of choice `letter` in prompt ("  b) the statement y" or
 * "(b) ..."), normalized, into out; false when the prompt has none. */
static bool choice_text(const char *prompt, char letter, char *out, size_t out_len)
{
    for (const char *line = prompt; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *p = line;
        while (p < line + n && (*p == ' ' || *p == '\t'))
            p++;
        bool paren = *p == '(';
        p += paren;
        if (p + 2 < line + n && tolower((unsigned char)p[0]) == letter && p[1] == ')' &&
            p[2] == ' ' && (paren || line != prompt)) {
            char raw[LESSON_ANSWER_MAX];
            snprintf(raw, sizeof raw, "%.*s", (int)(line + n - p - 3), p + 3);
            lesson_answer_normalize(raw, out, out_len);
            return true;
        }
        line = end ? end + 1 : NULL;
    }
    return false;
}

/* "b", "(b)", "b)": the letter, or 0. */
static char letter_of(const char *t)
{
    if (t[0] == '(' && isalpha((unsigned char)t[1]) && t[2] == ')' && !t[3])
        return t[1];
    if (isalpha((unsigned char)t[0]) && (!t[1] || (t[1] == ')' && !t[2])))
        return t[0];
    return 0;
}

/* The words before a choice's colon ("no" of "no: a forger can..."), when
 * no other choice has the same ones: a short answer a teacher would take. */
static bool head_matches(const char *prompt, char want, const char *t)
{
    bool hit = false;
    for (char l = 'a'; l <= 'z'; l++) {
        char text[LESSON_ANSWER_MAX];
        if (!choice_text(prompt, l, text, sizeof text))
            continue;
        char *colon = strchr(text, ':');
        if (!colon)
            continue;
        *colon = '\0';
        if (strcmp(text, t) == 0) {
            if (l != want)
                return false;
            hit = true;
        }
    }
    return hit;
}

static bool choice_matches(const char *t, char want, const char *prompt)
{
    char l = letter_of(t);
    if (l)
        return l == want;
    if (!prompt)
        return false;
    char text[LESSON_ANSWER_MAX];
    if (!choice_text(prompt, want, text, sizeof text))
        return false;
    /* "b) the statement y" and "(b) the statement y": letter and text agree. */
    const char *body = t;
    if ((t[0] == '(' && t[1] == want && t[2] == ')' && t[3] == ' ') ||
        (t[0] == want && t[1] == ')' && t[2] == ' '))
        body = strchr(t, ' ') + 1;
    return strcmp(body, text) == 0 || head_matches(prompt, want, body);
}

/* ---- the comparison ------------------------------------------------------------- */

/* An expected answer with a top-level comma is a list, unless the commas
 * group the digits of one number ("1,048,576"). */
static bool is_list(const char *x)
{
    if (x[0] == '[')
        return true;
    lesson_number n;
    lesson_number_init(&n);
    bool number = number_read(&n, x, true) == ZK_OK;
    lesson_number_clear(&n);
    if (number)
        return false;
    int depth = 0;
    for (const char *p = x; *p; p++) {
        depth += *p == '(' || *p == '[';
        depth -= *p == ')' || *p == ']';
        if (*p == ',' && depth == 0)
            return true;
    }
    return false;
}

/* One value of the answer: a number when expected is one, else text. */
static bool value_matches(const char *t, const char *x, bool grouping)
{
    if (strcmp(t, x) == 0)
        return true;
    lesson_number a, b;
    lesson_number_init(&a);
    lesson_number_init(&b);
    bool ok = number_read(&b, x, grouping) == ZK_OK && number_read(&a, t, grouping) == ZK_OK &&
              lesson_number_matches(&a, b.value);
    lesson_number_clear(&a);
    lesson_number_clear(&b);
    return ok;
}

static bool list_matches(const char *typed, const char *expected)
{
    lesson_list a, b;
    if (lesson_answer_list(&a, typed) || lesson_answer_list(&b, expected) || a.n != b.n)
        return false;
    for (size_t i = 0; i < a.n; i++)
        if (!value_matches(a.items[i], b.items[i], false))
            return false;
    return true;
}

bool lesson_answer_matches(const char *typed, const char *expected, const char *prompt)
{
    char t[LESSON_ANSWER_MAX], x[LESSON_ANSWER_MAX];
    lesson_answer_normalize(typed, t, sizeof t);
    lesson_answer_normalize(expected, x, sizeof x);
    if (!t[0])
        return false;
    if (strcmp(t, x) == 0)
        return true;
    if (isalpha((unsigned char)x[0]) && !x[1])
        return choice_matches(t, x[0], prompt);
    if (is_list(x))
        return list_matches(t, x);
    return value_matches(t, x, true);
}
