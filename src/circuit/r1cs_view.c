#include "circuit/r1cs_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"

size_t r1cs_check_rows(const r1cs *s, const fr_t *w, r1cs_row_check *out)
{
    size_t first = s->n_rows;
    for (size_t i = 0; i < s->n_rows; i++) {
        r1cs_eval_side(s, &out[i].a, i, 0, w);
        r1cs_eval_side(s, &out[i].b, i, 1, w);
        r1cs_eval_side(s, &out[i].c, i, 2, w);
        fr_t ab;
        fr_mul(&ab, &out[i].a, &out[i].b);
        out[i].holds = fr_eq(&ab, &out[i].c);
        if (!out[i].holds && first == s->n_rows)
            first = i;
    }
    return first;
}

void r1cs_coef_at(const r1cs *s, size_t i, int side, uint32_t wire, fr_t *out)
{
    uint32_t n;
    const r1cs_term *t = r1cs_side(s, i, side, &n);
    fr_zero(out);
    for (uint32_t k = 0; k < n; k++)
        if (t[k].wire == wire)
            *out = s->coefs[t[k].coef];
}

void r1cs_short(char out[24], const fr_t *x)
{
    uint64_t v[4], m[4];
    fr_t neg;
    fr_to_int(v, x);
    fr_neg(&neg, x);
    fr_to_int(m, &neg);
    if (!(v[1] | v[2] | v[3]) && v[0] < 1000000000u)
        snprintf(out, 24, "%llu", (unsigned long long)v[0]);
    else if (!(m[1] | m[2] | m[3]) && m[0] < 1000000000u)
        snprintf(out, 24, "-%llu", (unsigned long long)m[0]);
    else
        snprintf(out, 24, "0x%04llx...", (unsigned long long)(v[3] >> 48));
}

char *r1cs_render(const r1cs *s, const char *const *names, const fr_t *w)
{
    if (s->n_wires > 64 || s->n_rows > 64)
        return NULL;
    zk_strbuf b = {0};
    int width = 6;
    char name[64];
    for (uint32_t j = 0; j < s->n_wires; j++) {
        int len = names ? (int)strlen(names[j]) : 4;
        if (len + 1 > width)
            width = len + 1 > 14 ? 14 : len + 1;
    }
    r1cs_row_check *rc = w ? zk_alloc(s->n_rows ? s->n_rows : 1, sizeof *rc) : NULL;
    if (w && !rc)
        return NULL;
    if (w)
        r1cs_check_rows(s, w, rc);
    static const char side_name[3] = {'A', 'B', 'C'};
    for (int side = 0; side < 3; side++) {
        zk_strbuf_printf(&b, "%c%*s", side_name[side], 6, "");
        for (uint32_t j = 0; j < s->n_wires; j++) {
            if (names)
                snprintf(name, sizeof name, "%.13s", names[j]);
            else
                snprintf(name, sizeof name, "w%u", j);
            zk_strbuf_printf(&b, "%*s", width, name);
        }
        zk_strbuf_printf(&b, "\n");
        for (size_t i = 0; i < s->n_rows; i++) {
            zk_strbuf_printf(&b, "%-3zu%s  ", i, w && !rc[i].holds ? " !" : "  ");
            for (uint32_t j = 0; j < s->n_wires; j++) {
                fr_t k;
                char v[24];
                r1cs_coef_at(s, i, side, j, &k);
                r1cs_short(v, &k);
                zk_strbuf_printf(&b, "%*s", width, v);
            }
            zk_strbuf_printf(&b, "\n");
        }
        zk_strbuf_printf(&b, "\n");
    }
    if (w) {
        zk_strbuf_printf(&b, "w%6s", "");
        for (uint32_t j = 0; j < s->n_wires; j++) {
            char v[24];
            r1cs_short(v, &w[j]);
            zk_strbuf_printf(&b, "%*s", width, v);
        }
        zk_strbuf_printf(&b, "\n");
        for (size_t i = 0; i < s->n_rows; i++) {
            char a[24], bb[24], c[24];
            r1cs_short(a, &rc[i].a);
            r1cs_short(bb, &rc[i].b);
            r1cs_short(c, &rc[i].c);
            zk_strbuf_printf(&b, "row %zu: %s * %s = %s  %s\n", i, a, bb, c,
                             rc[i].holds ? "holds" : "FAILS");
        }
    }
    zk_free(rc);
    char *out;
    return zk_strbuf_finish(&b, &out) ? NULL : out;
}

void r1cs_free_names(char **names, size_t n)
{
    if (!names)
        return;
    for (size_t i = 0; i < n; i++)
        zk_free(names[i]);
    zk_free(names);
}

zk_err circom_wire_names(const circom_circuit *c, char ***out)
{
    uint32_t n = c->sys.n_wires;
    char **names = zk_calloc(n ? n : 1, sizeof *names);
    if (!names)
        return ZK_ENOMEM;
    names[0] = zk_strdup("one");
    zk_err err = names[0] ? ZK_OK : ZK_ENOMEM;
    /* Each .sym line is label,wire,component,name; wire -1 is removed. */
    for (const char *p = c->sym; !err && p && *p;) {
        const char *e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        long long label, wire;
        unsigned comp;
        int used = 0;
        if (sscanf(p, "%lld,%lld,%u,%n", &label, &wire, &comp, &used) == 3 && used > 0 &&
            wire > 0 && wire < (long long)n && !names[wire]) {
            size_t len = (size_t)(e - (p + used));
            names[wire] = zk_alloc(len + 1, 1);
            if (!names[wire])
                err = ZK_ENOMEM;
            else {
                memcpy(names[wire], p + used, len);
                names[wire][len] = 0;
            }
        }
        p = *e ? e + 1 : e;
    }
    for (uint32_t i = 0; !err && i < n; i++) {
        if (!names[i]) {
            char tmp[24];
            snprintf(tmp, sizeof tmp, "w%u", i);
            if (!(names[i] = zk_strdup(tmp)))
                err = ZK_ENOMEM;
        }
    }
    if (err) {
        r1cs_free_names(names, n);
        return err;
    }
    *out = names;
    return ZK_OK;
}
