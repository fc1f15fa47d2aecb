#include "curve/msm_lanes.h"

#include <string.h>

/* Where the powers of two go. The 4×64-bit inputs are fq_t words, x·2^256
 * mod q ("weight 256"); the lane multiplication M(a, b) = a·b·2^-260 turns
 * weights w1 and w2 into w1 + w2 - 260, and multiplying the integer by 2^k
 * (zk_m52x8_shl) adds k. The batch is arranged so that every result comes
 * out at weight 256 again with no conversion multiplication:
 *   den·16             weight 260 (den = x_P - x_B in [0, q), so den·16 < 2^258)
 *   prefix products    weight 260 (M of two weight-260 values)
 *   inverse chain      weight 262 (set up in scalar code, see lanes_invert)
 *   1/den              M(262, 260) = 262
 *   λ = num/den        M(256, 262) = 258
 *   λ²                 M(258, 258) = 256, which x' needs
 *   λ·4 (shl 2)        weight 260, and M(260, 256) = 256 gives y'.
 * Bounds: every M input below 4q, so every M output is below 2q (q < 2^254:
 * 16q²/2^260 < q/4); den·16 < 16q and λ·4 < 8q stay below 2^258 and their
 * products with values below 2q are still below 2q. */

#if !defined(__x86_64__)
void msm_prefetch(const void *p)
{
    (void)p;
}
#endif

void msm_lanes_pad(msm_lanes_group *g, unsigned from)
{
    fq_t zero, one;
    fq_zero(&zero);
    fq_one(&one);
    for (unsigned k = from; k < ZK_M52_LANES; k++) {
        msm_lanes_put(&g->xb, k, &zero);
        msm_lanes_put(&g->yb, k, &zero);
        msm_lanes_put(&g->xp, k, &one);
        msm_lanes_put(&g->yp, k, &zero);
    }
}

/* acc holds eight weight-260 products Π_k (below 2q); replaces them by
 * 1/Π_k at weight 262. Read as fq_t words, Π_k·2^260 is the element 16·Π_k,
 * so fq_inv_var gives (16·Π_k)^-1·2^256 = Π_k^-1·2^252, and a Montgomery
 * multiplication by the word form of 2^10 (2^266 mod q) moves it to 2^262.
 * The eight share one inversion (Montgomery's trick again). */
static void lanes_invert(zk_m52x8 *acc, const zk_mont52 *m)
{
    const zk_m52x8_kernels *k = &zk_m52x8_k;
    zk_u256x8 w;
    fq_t v[ZK_M52_LANES], pre[ZK_M52_LANES], inv, shift;
    k->reduce(acc, acc, m);
    k->to_u256(&w, acc);
    fq_one(&inv);
    for (unsigned i = 0; i < ZK_M52_LANES; i++) {
        msm_lanes_get(&v[i], &w, i);
        pre[i] = inv;
        fq_mul(&inv, &inv, &v[i]);
    }
    /* No lane's product is zero: every denominator is non-zero. */
    (void)fq_inv_var(&inv, &inv);
    fq_from_u64(&shift, 1024);
    for (unsigned i = ZK_M52_LANES; i-- > 0;) {
        fq_t t;
        fq_mul(&t, &inv, &pre[i]);
        fq_mul(&inv, &inv, &v[i]);
        fq_mul(&t, &t, &shift);
        msm_lanes_put(&w, i, &t);
    }
    k->from_u256(acc, &w);
}

void msm_lanes_add_g1(msm_lanes_group *g, size_t groups, zk_m52x8 *scratch)
{
    if (groups == 0)
        return;
    const zk_m52x8_kernels *k = &zk_m52x8_k;
    zk_mont52 m;
    zk_mont52_from_mont256(&m, &zk_fq_params);
    zk_m52x8 *den = scratch, *pre = scratch + groups;
    zk_m52x8 acc, xb, yb, xp, yp, t, lam;

    /* acc = 1 at weight 260: the word form of the element 16. */
    fq_t sixteen;
    zk_u256x8 w;
    fq_from_u64(&sixteen, 16);
    for (unsigned i = 0; i < ZK_M52_LANES; i++)
        msm_lanes_put(&w, i, &sixteen);
    k->from_u256(&acc, &w);

    for (size_t i = 0; i < groups; i++) {
        k->from_u256(&xb, &g[i].xb);
        k->from_u256(&xp, &g[i].xp);
        k->sub(&t, &xp, &xb, &m);
        k->shl(&den[i], &t, 4);
        pre[i] = acc;
        k->mul(&acc, &acc, &den[i], &m);
    }
    lanes_invert(&acc, &m);
    for (size_t i = groups; i-- > 0;) {
        msm_lanes_group *gi = &g[i];
        k->mul(&t, &acc, &pre[i], &m);       /* 1/den_i */
        k->mul(&acc, &acc, &den[i], &m);
        k->from_u256(&yb, &gi->yb);
        k->from_u256(&yp, &gi->yp);
        k->sub(&lam, &yp, &yb, &m);
        k->mul(&lam, &lam, &t, &m);          /* λ, weight 258 */
        k->from_u256(&xb, &gi->xb);
        k->from_u256(&xp, &gi->xp);
        k->mul(&t, &lam, &lam, &m);          /* λ², weight 256 */
        k->reduce(&t, &t, &m);
        k->sub(&t, &t, &xb, &m);
        k->sub(&t, &t, &xp, &m);             /* x' */
        k->to_u256(&gi->xb, &t);
        k->sub(&t, &xb, &t, &m);             /* x_B - x' */
        k->shl(&lam, &lam, 2);               /* λ at weight 260 */
        k->mul(&t, &lam, &t, &m);
        k->reduce(&t, &t, &m);
        k->sub(&t, &t, &yb, &m);             /* y' */
        k->to_u256(&gi->yb, &t);
    }
}
