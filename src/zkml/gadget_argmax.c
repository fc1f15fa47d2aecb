/* The class: the first index of the largest logit, as nn_qinfer picks it.
 *
 * For n logits z_j (each range-checked, as the K bits of z_j + 2^(K−1)):
 *   e_j ∈ {0, 1}, Σ e_j = 1, cls = Σ j·e_j          (n bits, 2 linear)
 *   g_j = e_j·z_j, so Σ g_j = z_cls                  (n products)
 *   D_j = Σ g − z_j − Σ_{i>j} e_i ∈ [0, 2^K)         (nK bits, n linear)
 * Σ_{i>j} e_i is 1 exactly when j < cls, so D_j >= 0 says z_cls >= z_j for
 * every j and z_cls > z_j for every j before cls: the first of the largest.
 * Every D_j is an integer in (−2^K − 1, 2^K), so K bits decide its sign.
 * n(K + 3) + 2 constraints, n(K + 2) wires. */
#include "zkml/gadget.h"

void zg_argmax(zc *c, uint32_t cls, const zv *z, int n, int K)
{
    int best = 0;
    for (int j = 1; j < n; j++)
        if (z[j].value > z[best].value)
            best = j;
    zc_set_i64(c, cls, best);
    /* the one-hot bits: e_j = bit j of 2^best */
    uint32_t e = zg_bits(c, n, (uint64_t)1 << best);
    if (c->lcs) {
        /* Σ e = 1 and cls = Σ j·e_j */
        r1cs_lc *o = &c->t[4];
        r1cs_lc_clear(o);
        for (int j = 0; j < n; j++)
            zl_i64(c, o, e + (uint32_t)j, 1);
        zl_i64(c, o, 0, -1);
        zc_add(c, NULL, NULL, o);
        r1cs_lc_clear(o);
        for (int j = 1; j < n; j++)
            zl_i64(c, o, e + (uint32_t)j, j);
        zl_i64(c, o, cls, -1);
        zc_add(c, NULL, NULL, o);
    }
    uint32_t g = zc_wires(c, (uint32_t)n);
    for (int j = 0; j < n; j++) {
        zc_set_i64(c, g + (uint32_t)j, j == best ? z[j].value : 0);
        if (!c->lcs)
            continue;
        r1cs_lc *a = &c->t[2], *b = &c->t[3], *o = &c->t[4];
        r1cs_lc_clear(a);
        r1cs_lc_clear(b);
        r1cs_lc_clear(o);
        zl_i64(c, a, e + (uint32_t)j, 1);
        zl_zv_i64(c, b, &z[j], 1);
        zl_i64(c, o, g + (uint32_t)j, 1);
        zc_add(c, a, b, o);
    }
    for (int j = 0; j < n; j++) {
        int64_t dv = z[best].value - z[j].value - (j < best);
        uint32_t db = zg_bits(c, K, (uint64_t)dv);
        if (!c->lcs)
            continue;
        r1cs_lc *o = &c->t[2];
        r1cs_lc_clear(o);
        fr_t minus;
        fr_one(&minus);
        fr_neg(&minus, &minus);
        for (int i = 0; i < n; i++)
            zl_i64(c, o, g + (uint32_t)i, 1);
        zl_zv(c, o, &z[j], &minus);
        for (int i = j + 1; i < n; i++)
            zl_i64(c, o, e + (uint32_t)i, -1);
        zl_bits(c, o, db, K, &minus);
        zc_add(c, NULL, NULL, o);
    }
}
