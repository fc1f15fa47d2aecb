/* Range checks by bit decomposition.
 *
 * zg_bits: n constraints bit·bit = bit and n wires. A field element with
 * b² = b is 0 or 1 (written so, not as b·(b − 1) = 0, it keeps one term of
 * each out of A and B, the only sides a .zkey stores: 1.6 million terms
 * fewer for the CNN), so the bits are integers and Σ 2^i·bit_i is an
 * integer in [0, 2^n): tied to a value by a linear constraint, it proves
 * the value is in that range (n <= 252 keeps the sum below r, so no other
 * field element has the same bits).
 * zg_range: n + 1 constraints, the bits and Σ 2^i·bit_i = v. */
#include "zkml/gadget.h"

uint32_t zg_bits(zc *c, int n, uint64_t value)
{
    if (c->w && n < 64 && (value >> n) != 0)
        zc_fail_value(c, (int64_t)value, n);
    uint32_t first = zc_wires(c, (uint32_t)n);
    for (int i = 0; i < n && c->w; i++)
        zc_set_i64(c, first + (uint32_t)i, (int64_t)((value >> i) & 1));
    if (!c->lcs)
        return first;
    r1cs_lc *a = &c->t[0];
    for (int i = 0; i < n; i++) {
        r1cs_lc_clear(a);
        zl_i64(c, a, first + (uint32_t)i, 1);
        zc_add(c, a, a, a);
    }
    return first;
}

zv zg_range(zc *c, const r1cs_lc *v, int n, uint64_t value)
{
    uint32_t first = zg_bits(c, n, value);
    if (c->lcs) {
        r1cs_lc *d = &c->t[0];
        r1cs_lc_clear(d);
        fr_t one, minus;
        fr_one(&one);
        fr_neg(&minus, &one);
        zl_bits(c, d, first, n, &one);
        for (uint32_t i = 0; i < v->n; i++) {
            fr_t k;
            fr_neg(&k, &v->coef[i]);
            zl_fr(c, d, v->wire[i], &k);
        }
        zc_add(c, NULL, NULL, d);
    }
    return (zv){ZV_UBITS, (uint8_t)n, first, (int64_t)value};
}
