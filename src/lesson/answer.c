#include "lesson/answer.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "viz/text.h"

void lesson_answer_normalize(const char *s, char *out, size_t out_len)
{
    size_t n = 0;
    bool space = false;
    if (!out_len)
        return;
    while (*s && isspace((unsigned char)*s))
        s++;
    for (; *s && n + 1 < out_len; s++) {
        if (isspace((unsigned char)*s)) {
            space = true;
            continue;
        }
        if (space && n + 2 < out_len)
            out[n++] = ' ';
        space = false;
        out[n++] = (char)tolower((unsigned char)*s);
    }
    while (n && out[n - 1] == '.')
        n--;
    out[n] = '\0';
}

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

typedef struct expr {
    const char *p;
    bool bad;
    int depth;
} expr;

static double parse_sum(expr *e);

static void skip(expr *e)
{
    while (*e->p == ' ')
        e->p++;
}

static double parse_number(expr *e)
{
    /* Digit-grouping commas ("1,048,576") are dropped before strtod. */
    char buf[64];
    size_t n = 0;
    const char *p = e->p;
    while (n + 1 < sizeof buf &&
           (isdigit((unsigned char)*p) || *p == '.' ||
            (*p == ',' && n && isdigit((unsigned char)p[1])) ||
            ((*p == 'e' || *p == 'E') && n && (isdigit((unsigned char)p[1]) ||
                                             ((p[1] == '-' || p[1] == '+') &&
                                              isdigit((unsigned char)p[2])))) ||
            ((*p == '-' || *p == '+') && n && (p[-1] == 'e' || p[-1] == 'E')))) {
        if (*p != ',')
            buf[n++] = *p;
        p++;
    }
    buf[n] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (n == 0 || *end) {
        e->bad = true;
        return 0;
    }
    e->p = p;
    skip(e);
    if (*e->p == '%') {
        e->p++;
        v /= 100;
    }
    return v;
}

static double parse_unary(expr *e);

static double parse_atom(expr *e)
{
    skip(e);
    if (*e->p == '(') {
        e->p++;
        if (++e->depth > 64) {
            e->bad = true;
            return 0;
        }
        double v = parse_sum(e);
        e->depth--;
        skip(e);
        if (*e->p != ')')
            e->bad = true;
        else
            e->p++;
        return v;
    }
    return parse_number(e);
}

static double parse_power(expr *e)
{
    double base = parse_atom(e);
    skip(e);
    if (*e->p == '^' || (e->p[0] == '*' && e->p[1] == '*')) {
        e->p += *e->p == '^' ? 1 : 2;
        if (++e->depth > 64) {
            e->bad = true;
            return 0;
        }
        double exp = parse_unary(e);   /* right-associative: 2^-2^2 = 2^(-(2^2)) */
        e->depth--;
        return pow(base, exp);
    }
    return base;
}

static double parse_unary(expr *e)
{
    skip(e);
    if (*e->p == '-' || *e->p == '+') {
        bool neg = *e->p == '-';
        e->p++;
        if (++e->depth > 64) {
            e->bad = true;
            return 0;
        }
        double v = parse_unary(e);
        e->depth--;
        return neg ? -v : v;
    }
    return parse_power(e);
}

static double parse_product(expr *e)
{
    double v = parse_unary(e);
    for (;;) {
        skip(e);
        if (*e->p == '*' && e->p[1] != '*') {
            e->p++;
            v *= parse_unary(e);
        } else if (*e->p == '/') {
            e->p++;
            v /= parse_unary(e);
        } else {
            return v;
        }
    }
}

static double parse_sum(expr *e)
{
    double v = parse_product(e);
    for (;;) {
        skip(e);
        if (*e->p == '+') {
            e->p++;
            v += parse_product(e);
        } else if (*e->p == '-') {
            e->p++;
            v -= parse_product(e);
        } else {
            return v;
        }
    }
}

zk_err lesson_answer_eval(const char *s, double *out)
{
    char ascii[256];
    if (!to_ascii_math(s, ascii, sizeof ascii))
        return ZK_EPARSE;
    expr e = {ascii, false, 0};
    double v = parse_sum(&e);
    skip(&e);
    if (e.bad || *e.p || !isfinite(v))
        return ZK_EPARSE;
    *out = v;
    return ZK_OK;
}

/* "s = 6" → "6": a name and '=' in front of the answer are dropped. */
static const char *strip_assignment(const char *s)
{
    const char *p = s;
    while (*p == ' ')
        p++;
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

static bool numbers_match(double typed, double expected)
{
    double r = nearbyint(expected);
    if (fabs(expected - r) < 1e-9 && fabs(expected) < 9007199254740992.0)
        return fabs(typed - r) < 1e-9;
    return fabs(typed - expected) <= 0.005 * fabs(expected);
}

bool lesson_answer_matches(const char *typed, const char *expected)
{
    char t[256], x[256];
    lesson_answer_normalize(typed, t, sizeof t);
    lesson_answer_normalize(expected, x, sizeof x);
    if (!t[0])
        return false;
    if (strcmp(t, x) == 0)
        return true;
    const char *tv = strip_assignment(t), *xv = strip_assignment(x);
    if (strcmp(tv, xv) == 0)
        return true;
    /* Multiple choice: "(c)", "c)" and "c." all mean c. */
    if (strlen(xv) == 1 && isalpha((unsigned char)xv[0])) {
        char letter[8];
        size_t n = 0;
        for (const char *p = tv; *p && n < sizeof letter - 1; p++)
            if (*p != '(' && *p != ')' && *p != ' ')
                letter[n++] = *p;
        letter[n] = '\0';
        return strcmp(letter, xv) == 0;
    }
    double a, b;
    return lesson_answer_eval(tv, &a) == ZK_OK && lesson_answer_eval(xv, &b) == ZK_OK &&
           numbers_match(a, b);
}
