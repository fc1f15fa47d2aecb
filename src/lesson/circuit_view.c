#include "lesson/circuit_view.h"

#include <stdio.h>
#include <string.h>

#include "circuit/r1cs_view.h"
#include "core/alloc.h"
#include "lesson/answer.h"

char *lesson_fr_text(char out[LESSON_FR_TEXT], const fr_t *v)
{
    uint64_t a[4], m[4];
    fr_t neg;
    fr_to_int(a, v);
    fr_neg(&neg, v);
    fr_to_int(m, &neg);
    if (!(a[1] | a[2] | a[3]))
        snprintf(out, LESSON_FR_TEXT, "%llu", (unsigned long long)a[0]);
    else if (!(m[1] | m[2] | m[3]))
        snprintf(out, LESSON_FR_TEXT, "-%llu", (unsigned long long)m[0]);
    else {
        char dec[MONT256_DEC_MAX];
        fr_to_dec(dec, v);
        size_t n = strlen(dec);
        snprintf(out, LESSON_FR_TEXT, "%.8s…%s (%zu digits)", dec, dec + n - 4, n);
    }
    return out;
}

zk_err lesson_fr_parse(fr_t *v, const char *s)
{
    /* Read by the answer checker's rules, then taken mod r: -1 and r - 1
     * are the same wire value. */
    mpz_t z, r;
    mpz_inits(z, r, NULL);
    zk_err err = lesson_answer_integer(z, s);
    if (!err) {
        uint64_t limbs[4] = {0, 0, 0, 0};
        mpz_import(r, 4, -1, sizeof limbs[0], 0, 0, fr_params.p);
        mpz_mod(z, z, r);
        mpz_export(limbs, NULL, -1, sizeof limbs[0], 0, 0, z);
        fr_from_int(v, limbs);
    }
    mpz_clears(z, r, NULL);
    return err;
}

/* Appends text to buf, keeping it NUL-terminated and within cap. */
static void append(char *buf, size_t cap, const char *text)
{
    size_t used = strlen(buf);
    if (used + 1 < cap)
        snprintf(buf + used, cap - used, "%s", text);
}

void lesson_r1cs_side_text(char *buf, size_t cap, const r1cs *s, size_t i, int side,
                           const char *const *names)
{
    uint32_t n;
    const r1cs_term *t = r1cs_side(s, i, side, &n);
    buf[0] = '\0';
    if (!n) {
        append(buf, cap, "0");
        return;
    }
    /* Constants last, as people write them: "sym_3 + 5", not "5 + sym_3". */
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t k = 0; k < n; k++) {
            if ((t[k].wire == 0) != (pass == 1))
                continue;
            char v[LESSON_FR_TEXT], term[LESSON_FR_TEXT + 64];
            lesson_fr_text(v, &s->coefs[t[k].coef]);
            bool minus = v[0] == '-';
            const char *mag = minus ? v + 1 : v;
            const char *name = names[t[k].wire];
            if (t[k].wire == 0)
                snprintf(term, sizeof term, "%s", mag);
            else if (strcmp(mag, "1") == 0)
                snprintf(term, sizeof term, "%s", name);
            else
                snprintf(term, sizeof term, "%s·%s", mag, name);
            if (buf[0])
                append(buf, cap, minus ? " - " : " + ");
            else if (minus)
                append(buf, cap, "-");
            append(buf, cap, term);
        }
}

/* The row as the equation it states: "x · x = sym_1", "(sym_3 + 5) · 1 =
 * out"; a linear row (A or B empty) as "0 = C". */
void lesson_r1cs_row_equation(char *buf, size_t cap, const r1cs *s, size_t i,
                              const char *const *names)
{
    char side[3][160];
    for (int k = 0; k < 3; k++)
        lesson_r1cs_side_text(side[k], sizeof side[k], s, i, k, names);
    uint32_t na, nb, nc;
    r1cs_side(s, i, 0, &na);
    r1cs_side(s, i, 1, &nb);
    r1cs_side(s, i, 2, &nc);
    if (!na || !nb)
        snprintf(buf, cap, "0 = %s", side[2]);
    else
        snprintf(buf, cap, "%s%s%s · %s%s%s = %s", na > 1 ? "(" : "", side[0], na > 1 ? ")" : "",
                 nb > 1 ? "(" : "", side[1], nb > 1 ? ")" : "", side[2]);
}

/* The row's values: "3 · 3 = 9", or "10 · 3 = 30 ≠ 27" when it fails. */
void lesson_r1cs_row_values(char *buf, size_t cap, const r1cs_row_check *rc)
{
    char a[LESSON_FR_TEXT], b[LESSON_FR_TEXT], ab[LESSON_FR_TEXT], c[LESSON_FR_TEXT];
    fr_t prod;
    fr_mul(&prod, &rc->a, &rc->b);
    lesson_fr_text(a, &rc->a);
    lesson_fr_text(b, &rc->b);
    lesson_fr_text(ab, &prod);
    lesson_fr_text(c, &rc->c);
    if (rc->holds)
        snprintf(buf, cap, "%s · %s = %s", a, b, ab);
    else
        snprintf(buf, cap, "%s · %s = %s ≠ %s", a, b, ab, c);
}

/* Display width of UTF-8 text, one column a code point (the marks and
 * operators used here are all one column wide). */
static size_t cols(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* "[0 1 0 5]": one matrix row, each coefficient right-aligned in cw columns. */
static void matrix_row(char *buf, size_t cap, const r1cs *s, size_t i, int side, int cw)
{
    append(buf, cap, "[");
    for (uint32_t j = 0; j < s->n_wires; j++) {
        fr_t k;
        char v[LESSON_FR_TEXT], cell[LESSON_FR_TEXT + 8];
        r1cs_coef_at(s, i, side, j, &k);
        snprintf(cell, sizeof cell, "%s%*s", j ? " " : "", cw, lesson_fr_text(v, &k));
        append(buf, cap, cell);
    }
    append(buf, cap, "]");
}

zk_err lesson_r1cs_show(lesson_result *out, const r1cs *s, const lesson_r1cs_view *v,
                        size_t *failing, size_t *first)
{
    *failing = 0;
    *first = s->n_rows;
    size_t shown = v->max_rows && v->max_rows < s->n_rows ? v->max_rows : s->n_rows;
    r1cs_row_check *rc = NULL;
    if (v->w) {
        rc = zk_alloc(s->n_rows ? s->n_rows : 1, sizeof *rc);
        if (!rc)
            return ZK_ENOMEM;
        *first = r1cs_check_rows(s, v->w, rc);
        for (size_t i = 0; i < s->n_rows; i++)
            *failing += !rc[i].holds;
    }
    /* The widest coefficient decides the column width; the widest suffix
     * (equation or values) whether it shares the line with the matrices. */
    int cw = 1;
    size_t suffix = 0;
    char text[512];
    for (size_t i = 0; i < shown; i++) {
        for (int side = 0; side < 3; side++)
            for (uint32_t j = 0; j < s->n_wires; j++) {
                fr_t k;
                char num[LESSON_FR_TEXT];
                r1cs_coef_at(s, i, side, j, &k);
                int len = (int)cols(lesson_fr_text(num, &k));
                cw = len > cw ? len : cw;
            }
        if (rc)
            lesson_r1cs_row_values(text, sizeof text, &rc[i]);
        else
            lesson_r1cs_row_equation(text, sizeof text, s, i, v->names);
        suffix = cols(text) > suffix ? cols(text) : suffix;
    }
    int label = shown > 10 ? 3 : 2;
    size_t matrix = (size_t)label + 3 * (2 + s->n_wires * (size_t)(cw + 1));
    bool draw = v->matrices && matrix <= LESSON_R1CS_COLS;
    bool beside = draw && matrix + 1 + suffix <= LESSON_R1CS_COLS;
    zk_err err = ZK_OK;
    if (draw) {
        char legend[512] = "";
        for (uint32_t j = 0; j < s->n_wires; j++) {
            append(legend, sizeof legend, j ? ", " : "columns: ");
            append(legend, sizeof legend, v->names[j]);
        }
        err = lesson_result_line(out, LESSON_MARK_NOTE, "%s", legend);
        size_t block = 2 + s->n_wires * (size_t)(cw + 1);
        char head[256];
        snprintf(head, sizeof head, "%*s%*s%*s%*s", label, "", (int)(block / 2 + 1), "A",
                 (int)block, "B", (int)block, "C");
        if (!err)
            err = lesson_result_line(out, LESSON_MARK_NONE, "%s", head);
    }
    /* Without a witness the matrices stand alone; the equations follow. */
    for (int pass = 0; pass < 2 && !err; pass++) {
        if (pass == 1 && (!draw || beside))
            break;
        for (size_t i = 0; i < shown && !err; i++) {
            char line[1024], tail[512];
            snprintf(line, sizeof line, "%-*zu", label, i);
            if (draw && pass == 0) {
                for (int side = 0; side < 3; side++) {
                    append(line, sizeof line, " ");
                    matrix_row(line, sizeof line, s, i, side, cw);
                }
            }
            if (!draw || beside || pass == 1) {
                if (rc)
                    lesson_r1cs_row_values(tail, sizeof tail, &rc[i]);
                else
                    lesson_r1cs_row_equation(tail, sizeof tail, s, i, v->names);
                append(line, sizeof line, "  ");
                if (!draw && rc) {
                    /* Without matrices say which equation each value checks. */
                    char eq[512];
                    lesson_r1cs_row_equation(eq, sizeof eq, s, i, v->names);
                    append(line, sizeof line, eq);
                    append(line, sizeof line, ":  ");
                }
                append(line, sizeof line, tail);
            }
            lesson_mark mark = !rc || (draw && !beside && pass == 0) ? LESSON_MARK_NONE
                               : rc[i].holds                           ? LESSON_MARK_OK
                                                                       : LESSON_MARK_BAD;
            err = lesson_result_line(out, mark, "%s", line);
        }
        if (!err && draw && !beside && pass == 0)
            err = lesson_result_line(out, LESSON_MARK_NONE, "%s", "");
    }
    if (!err && shown < s->n_rows)
        err = lesson_result_line(out, LESSON_MARK_NOTE, "… and %zu more rows", s->n_rows - shown);
    zk_free(rc);
    return err;
}

zk_err lesson_answer_fr(lesson_result *out, const lesson_params *p, fr_t *v)
{
    if (lesson_fr_parse(v, lesson_param_get(p, "answer", ""))) {
        lesson_fail(out, ZK_OK, "type a whole number (negative with a minus sign)");
        return ZK_EPARSE;
    }
    return ZK_OK;
}
