#include "zkml/builder.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void zc_fr_from_i64(fr_t *out, int64_t v)
{
    fr_from_u64(out, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
    if (v < 0)
        fr_neg(out, out);
}

zk_err zc_init(zc *c, r1cs *s, zkml_circuit *circ, bool values, bool check,
               zkml_counts *counts, zkml_report *rep)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->circ = circ;
    c->check = values && check;
    c->lcs = s != NULL || c->check || (counts != NULL && !values);
    c->counts = counts;
    c->rep = rep;
    c->n_wires = 1;
    fr_one(&c->pow2[0]);
    for (int i = 1; i < 256; i++)
        fr_dbl(&c->pow2[i], &c->pow2[i - 1]);
    for (int i = 0; i < 5; i++)
        r1cs_lc_init(&c->t[i]);
    if (values) {
        c->w_cap = 1 << 12;
        c->w = zk_calloc(c->w_cap, sizeof *c->w);
        if (!c->w)
            return ZK_ENOMEM;
        fr_one(&c->w[0]);
    }
    return ZK_OK;
}

void zc_free(zc *c)
{
    for (int i = 0; i < 5; i++)
        r1cs_lc_free(&c->t[i]);
}

/* Makes room for wires below n in the values. */
static void values_reserve(zc *c, uint64_t n)
{
    if (!c->w || n <= c->w_cap || c->err)
        return;
    size_t cap = c->w_cap;
    while (cap < n)
        cap *= 2;
    fr_t *w = zk_realloc_secret(c->w, c->w_cap, cap, sizeof *w);
    if (!w) {
        c->err = ZK_ENOMEM;
        return;
    }
    memset(w + c->w_cap, 0, (cap - c->w_cap) * sizeof *w);
    c->w = w;
    c->w_cap = cap;
}

void zc_io(zc *c, uint32_t n_pub_out, uint32_t n_pub_in, uint32_t n_prv_in)
{
    if (c->err)
        return;
    uint64_t n = 1 + (uint64_t)n_pub_out + n_pub_in + n_prv_in;
    if (n >= UINT32_MAX) {
        c->err = ZK_EOVERFLOW;
        return;
    }
    if (c->s && (c->err = r1cs_set_io(c->s, n_pub_out, n_pub_in, n_prv_in)))
        return;
    c->n_wires = (uint32_t)n;
    values_reserve(c, n);
}

void zc_at(zc *c, zkml_row row, zkml_op op, uint64_t index, const char *gadget)
{
    if (c->row != row || c->op != op || c->index != index || c->gadget != gadget)
        c->seg_current = false;
    c->row = row;
    c->op = op;
    c->index = index;
    c->gadget = gadget;
}

uint32_t zc_wires(zc *c, uint32_t n)
{
    if (c->err)
        return 0;
    if ((uint64_t)c->n_wires + n >= UINT32_MAX) {
        c->err = ZK_EOVERFLOW;
        return 0;
    }
    uint32_t first = c->n_wires;
    if (c->s && (c->err = r1cs_new_wires(c->s, n, &first)))
        return 0;
    c->n_wires += n;
    values_reserve(c, c->n_wires);
    if (c->counts)
        c->counts->cell[c->row][c->op].wires += n;
    return first;
}

void zc_set(zc *c, uint32_t wire, const fr_t *v)
{
    if (c->w && !c->err)
        c->w[wire] = *v;
}

void zc_set_i64(zc *c, uint32_t wire, int64_t v)
{
    if (c->w && !c->err)
        zc_fr_from_i64(&c->w[wire], v);
}

void zc_add_shifted(fr_t *acc, uint64_t v, unsigned e)
{
    uint64_t x[4] = {0};
    x[e / 64] = v << (e % 64);
    if (e % 64 && e / 64 < 3)
        x[e / 64 + 1] = v >> (64 - e % 64);
    fr_t t;
    fr_from_int(&t, x);
    fr_add(acc, acc, &t);
}

void zc_eval(const zc *c, fr_t *out, const r1cs_lc *lc)
{
    fr_zero(out);
    for (uint32_t i = 0; i < lc->n; i++) {
        fr_t t;
        fr_mul(&t, &lc->coef[i], &c->w[lc->wire[i]]);
        fr_add(out, out, &t);
    }
}

static void where_now(const zc *c, zkml_where *w)
{
    *w = (zkml_where){c->row, c->op, c->index, c->gadget};
}

static zk_err push_segment(zc *c)
{
    zkml_circuit *k = c->circ;
    if (k->n_seg == k->cap_seg) {
        size_t cap = k->cap_seg ? 2 * k->cap_seg : 1024;
        zkml_segment *p = zk_realloc(k->seg, cap, sizeof *p);
        if (!p)
            return ZK_ENOMEM;
        k->seg = p;
        k->cap_seg = cap;
    }
    k->seg[k->n_seg++] = (zkml_segment){c->n_rows, c->index, c->gadget, (uint8_t)c->row,
                                        (uint8_t)c->op};
    c->seg_current = true;
    return ZK_OK;
}

void zc_add(zc *c, const r1cs_lc *a, const r1cs_lc *b, const r1cs_lc *cc)
{
    if (c->err)
        return;
    if (c->circ && !c->seg_current && (c->err = push_segment(c)))
        return;
    if (c->s && (c->err = r1cs_add(c->s, a, b, cc)))
        return;
    if (c->counts) {
        zkml_cell *cell = &c->counts->cell[c->row][c->op];
        cell->constraints++;
        cell->terms += (a ? a->n : 0) + (b ? b->n : 0) + (cc ? cc->n : 0);
    }
    if (c->check) {
        fr_t va, vb, vc;
        if (a && b) {
            zc_eval(c, &va, a);
            zc_eval(c, &vb, b);
            fr_mul(&va, &va, &vb);
        } else {
            fr_zero(&va);
        }
        if (cc)
            zc_eval(c, &vc, cc);
        else
            fr_zero(&vc);
        if (!fr_eq(&va, &vc)) {
            c->err = ZK_EVERIFY;
            if (c->rep) {
                c->rep->failed_constraint = true;
                c->rep->constraint = (size_t)c->n_rows;
                where_now(c, &c->rep->where);
                char at[120];
                zkml_where_str(at, sizeof at, &c->rep->where);
                snprintf(c->rep->msg, sizeof c->rep->msg, "constraint %llu (%s) does not hold",
                         (unsigned long long)c->n_rows, at);
            }
        }
    }
    c->n_rows++;
}

void zc_fail_value(zc *c, int64_t value, int bits)
{
    if (c->err)
        return;
    c->err = ZK_EOVERFLOW;
    if (c->rep) {
        where_now(c, &c->rep->where);
        char at[120];
        zkml_where_str(at, sizeof at, &c->rep->where);
        snprintf(c->rep->msg, sizeof c->rep->msg, "%s: the value %lld does not fit %d bits", at,
                 (long long)value, bits);
    }
}

/* ---- linear combinations ---- */

void zl_fr(zc *c, r1cs_lc *lc, uint32_t wire, const fr_t *k)
{
    if (c->err || fr_is_zero(k))
        return;
    c->err = r1cs_lc_push(lc, wire, k);
}

void zl_i64(zc *c, r1cs_lc *lc, uint32_t wire, int64_t k)
{
    if (c->err || k == 0)
        return;
    c->err = r1cs_lc_push_i64(lc, wire, k);
}

void zl_bits(zc *c, r1cs_lc *lc, uint32_t first, int n, const fr_t *k)
{
    for (int i = 0; i < n; i++) {
        fr_t t;
        fr_mul(&t, k, &c->pow2[i]);
        zl_fr(c, lc, first + (uint32_t)i, &t);
    }
}

void zl_zv(zc *c, r1cs_lc *lc, const zv *v, const fr_t *k)
{
    fr_t t;
    switch ((zv_kind)v->kind) {
    case ZV_CONST:
        zc_fr_from_i64(&t, v->value);
        fr_mul(&t, &t, k);
        zl_fr(c, lc, 0, &t);
        break;
    case ZV_WIRE:
        zl_fr(c, lc, v->wire, k);
        break;
    case ZV_SBITS:
        fr_mul(&t, k, &c->pow2[v->bits - 1]);
        fr_neg(&t, &t);
        zl_fr(c, lc, 0, &t);
        /* fall through */
    case ZV_UBITS:
        zl_bits(c, lc, v->wire, v->bits, k);
        break;
    }
}

void zl_zv_i64(zc *c, r1cs_lc *lc, const zv *v, int64_t k)
{
    fr_t t;
    zc_fr_from_i64(&t, k);
    zl_zv(c, lc, v, &t);
}
