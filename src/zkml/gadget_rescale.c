/* Rescale with half-up rounding: q = floor((v + 2^(r−1)) / 2^r), r >= 1.
 *
 *   v + 2^(r−1) = 2^r·q + t,  t ∈ [0, 2^r),  q + 2^(K−1) ∈ [0, 2^K)
 * with K = A − r + 1 for |v| < 2^(A−1) (then q ∈ [−2^(A−r), 2^(A−r)]).
 * Both ranges are needed: with t alone, q = (v + 2^(r−1) − t)/2^r is a
 * field element for every t, and all 2^r of them pass; with q bounded, the
 * equation holds over the integers (every term is far below the field's
 * size), and floor division has one quotient and one remainder.
 * r bits of t, K bits of q + 2^(K−1), one linear constraint: A + 2
 * constraints, A + 1 wires. q stays as its bits (ZV_SBITS). */
#include "zkml/gadget.h"

#include "nn/quant.h"

zv zg_rescale(zc *c, const r1cs_lc *v, int64_t value, int A, int r)
{
    int K = A - r + 1;
    int64_t q = nn_rescale(value, r);
    int64_t t = value + ((int64_t)1 << (r - 1)) - q * ((int64_t)1 << r);
    uint32_t tb = zg_bits(c, r, (uint64_t)t);
    uint32_t qb = zg_bits(c, K, (uint64_t)(q + ((int64_t)1 << (K - 1))));
    zv out = {ZV_SBITS, (uint8_t)K, qb, q};
    if (!c->lcs)
        return out;
    /* v + 2^(r−1) − t − 2^r·q = 0 */
    r1cs_lc *x = &c->t[2];
    r1cs_lc_clear(x);
    for (uint32_t k = 0; k < v->n; k++)
        zl_fr(c, x, v->wire[k], &v->coef[k]);
    zl_fr(c, x, 0, &c->pow2[r - 1]);
    fr_t minus;
    fr_one(&minus);
    fr_neg(&minus, &minus);
    zl_bits(c, x, tb, r, &minus);
    fr_neg(&minus, &c->pow2[r]);
    zl_zv(c, x, &out, &minus);
    zc_add(c, NULL, NULL, x);
    return out;
}
