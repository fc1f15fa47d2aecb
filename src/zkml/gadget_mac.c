/* Multiply-accumulate: acc = bias + Σ w_k·x_k.
 *
 * Constraints: one per product of two wires, w_k·x_k = p_k with a fresh
 * wire p_k, and none per term with a constant side: with fixed weights the
 * whole sum is a linear combination of the inputs, which the next gadget
 * (max-of-four or rescale) consumes inside a constraint it needs anyway.
 * The accumulator is never a wire of its own for the same reason: it is
 * b + Σ p_k, a linear combination. So n products cost n constraints and n
 * wires with private, hashed or public weights, 0 and 0 with fixed ones. */
#include "zkml/gadget.h"

/* Whether v is a constant. */
static bool is_const(const zv *v)
{
    return v->kind == ZV_CONST;
}

void zg_mac(zc *c, r1cs_lc *acc, int64_t *value, const zv *bias, const zv *w, const zv *x,
            size_t n)
{
    int64_t sum = bias->value;
    if (c->lcs) {
        r1cs_lc_clear(acc);
        zl_zv_i64(c, acc, bias, 1);
    }
    r1cs_lc *a = &c->t[2], *b = &c->t[3], *p = &c->t[4];
    for (size_t k = 0; k < n; k++) {
        int64_t prod = w[k].value * x[k].value;
        sum += prod;
        if (is_const(&w[k]) || is_const(&x[k])) {
            if (!c->lcs)
                continue;
            const zv *k_side = is_const(&w[k]) ? &w[k] : &x[k];
            const zv *v_side = is_const(&w[k]) ? &x[k] : &w[k];
            if (k_side->value != 0)
                zl_zv_i64(c, acc, v_side, k_side->value);
            continue;
        }
        uint32_t pw = zc_wires(c, 1);
        zc_set_i64(c, pw, prod);
        if (!c->lcs)
            continue;
        r1cs_lc_clear(a);
        r1cs_lc_clear(b);
        r1cs_lc_clear(p);
        zl_zv_i64(c, a, &w[k], 1);
        zl_zv_i64(c, b, &x[k], 1);
        zl_i64(c, p, pw, 1);
        zc_add(c, a, b, p);
        zl_i64(c, acc, pw, 1);
    }
    *value = sum;
}
