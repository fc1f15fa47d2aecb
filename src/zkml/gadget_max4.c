/* Max-of-four, for a 2×2 max-pool of accumulators.
 *
 * m = max(a₀, a₁, a₂, a₃) where each aᵢ is an integer with |aᵢ| < 2^(A−1):
 *   m − aᵢ = Σ_k 2^k·d_ik with A bits d_ik each     (4 linear, 4A bits)
 *   (m − a₀)(m − a₁) = e,  (m − a₂)(m − a₃) = f,  e·f = 0     (3 products)
 * The product says m equals some aᵢ (a field has no zero divisors), so m is
 * an integer of the same range; each difference is then an integer in
 * (−2^A, 2^A), and the bits say it is >= 0: m is at least every aᵢ and is
 * one of them, which is the maximum and nothing else. Without the product
 * any m above the maximum would pass; without the range checks, any aᵢ.
 * 4A + 7 constraints; wires: m, e, f and the 4A bits. */
#include "zkml/gadget.h"

zv zg_max4(zc *c, const r1cs_lc a[4], const int64_t av[4], int A)
{
    int64_t m = av[0];
    for (int i = 1; i < 4; i++)
        m = av[i] > m ? av[i] : m;
    uint32_t mw = zc_wires(c, 1);
    zc_set_i64(c, mw, m);
    uint32_t d[4];
    for (int i = 0; i < 4; i++)
        d[i] = zg_bits(c, A, (uint64_t)(m - av[i]));
    uint32_t ef = zc_wires(c, 2);
    zc_set_i64(c, ef, (m - av[0]) * (m - av[1]));
    zc_set_i64(c, ef + 1, (m - av[2]) * (m - av[3]));
    if (!c->lcs)
        return zv_wire(mw, m);
    r1cs_lc *x = &c->t[2], *y = &c->t[3], *z = &c->t[4];
    fr_t one, minus;
    fr_one(&one);
    fr_neg(&minus, &one);
    for (int i = 0; i < 4; i++) {
        /* m − aᵢ − Σ 2^k·d_ik = 0 */
        r1cs_lc_clear(x);
        zl_i64(c, x, mw, 1);
        for (uint32_t k = 0; k < a[i].n; k++) {
            fr_t neg;
            fr_neg(&neg, &a[i].coef[k]);
            zl_fr(c, x, a[i].wire[k], &neg);
        }
        zl_bits(c, x, d[i], A, &minus);
        zc_add(c, NULL, NULL, x);
    }
    for (int h = 0; h < 2; h++) {
        r1cs_lc_clear(x);
        r1cs_lc_clear(y);
        r1cs_lc_clear(z);
        zl_bits(c, x, d[2 * h], A, &one);
        zl_bits(c, y, d[2 * h + 1], A, &one);
        zl_i64(c, z, ef + (uint32_t)h, 1);
        zc_add(c, x, y, z);
    }
    r1cs_lc_clear(x);
    r1cs_lc_clear(y);
    zl_i64(c, x, ef, 1);
    zl_i64(c, y, ef + 1, 1);
    zc_add(c, x, y, NULL);
    return zv_wire(mw, m);
}
