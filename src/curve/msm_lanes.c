#include "curve/msm_lanes.h"

#include <string.h>

/* Where the powers of two go. The 4×64-bit inputs are fq_t words, x·2^256
 * mod q ("weight 256"); the lane multiplication M(a, b) = a·b·2^-260 turns
 * weights w1 and w2 into w1 + w2 - 260, and multiplying the integer by 2^k
 * (m52x8_shl) adds k. The batch is arranged so that every result comes
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

void msm_lanes_pad_g1(msm_lanes_group_g1 *g, unsigned from)
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
static void lanes_invert(m52x8 *acc, const zk_mont52 *m)
{
    const m52x8_kernels *k = &m52x8_k;
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

void msm_lanes_add_g1(msm_lanes_group_g1 *g, size_t groups, m52x8 *scratch)
{
    if (groups == 0)
        return;
    const m52x8_kernels *k = &m52x8_k;
    zk_mont52 m;
    zk_mont52_from_mont256(&m, &fq_params);
    m52x8 *den = scratch, *pre = scratch + groups;
    m52x8 acc, xb, yb, xp, yp, t, lam;

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
        msm_lanes_group_g1 *gi = &g[i];
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

/* ---- G2: the same over Fq2 = Fq[u]/(u² + 1) ---------------------------------
 *
 * Each coordinate is two lane vectors (c0, c1). Products are schoolbook,
 * (a0 + a1·u)(b0 + b1·u) = (a0b0 - a1b1) + (a0b1 + a1b0)·u, four lane
 * multiplications whose outputs are reduced so that the canonical
 * subtraction can combine them; both terms of a component carry the same
 * weight, so the weights of the G1 scheme above hold component by component
 * and every result is canonical. */

typedef struct lane2 {
    m52x8 c0, c1;
} lane2;

/* r = a + b for canonical a, b: a - (0 - b). */
static void lane_add(m52x8 *r, const m52x8 *a, const m52x8 *b, const zk_mont52 *m)
{
    const m52x8_kernels *k = &m52x8_k;
    m52x8 zero, nb;
    memset(&zero, 0, sizeof zero);
    k->sub(&nb, &zero, b, m);
    k->sub(r, a, &nb, m);
}

/* r = a·b (weights add, less 260), canonical; inputs below 2^258 with
 * products below q·2^260 (so each lane product is below 2q). */
static void lane2_mul(lane2 *r, const lane2 *a, const lane2 *b, const zk_mont52 *m)
{
    const m52x8_kernels *k = &m52x8_k;
    m52x8 t00, t11, t01, t10;
    k->mul(&t00, &a->c0, &b->c0, m);
    k->mul(&t11, &a->c1, &b->c1, m);
    k->mul(&t01, &a->c0, &b->c1, m);
    k->mul(&t10, &a->c1, &b->c0, m);
    k->reduce(&t00, &t00, m);
    k->reduce(&t11, &t11, m);
    k->reduce(&t01, &t01, m);
    k->reduce(&t10, &t10, m);
    k->sub(&r->c0, &t00, &t11, m);
    lane_add(&r->c1, &t01, &t10, m);
}

static void lane2_sub(lane2 *r, const lane2 *a, const lane2 *b, const zk_mont52 *m)
{
    m52x8_k.sub(&r->c0, &a->c0, &b->c0, m);
    m52x8_k.sub(&r->c1, &a->c1, &b->c1, m);
}

static void lane2_shl(lane2 *r, const lane2 *a, unsigned s)
{
    m52x8_k.shl(&r->c0, &a->c0, s);
    m52x8_k.shl(&r->c1, &a->c1, s);
}

static void lane2_load(lane2 *r, const zk_u256x8 *c0, const zk_u256x8 *c1)
{
    m52x8_k.from_u256(&r->c0, c0);
    m52x8_k.from_u256(&r->c1, c1);
}

static void lane2_store(zk_u256x8 *c0, zk_u256x8 *c1, const lane2 *a)
{
    m52x8_k.to_u256(c0, &a->c0);
    m52x8_k.to_u256(c1, &a->c1);
}

/* lanes_invert over Fq2: the canonical weight-260 products, read as fq2_t
 * words, are 16·Π_k; their inverses (Montgomery's trick, one fq2_inv_var)
 * times the word form of 2^10 are 1/Π_k at weight 262. */
static void lanes2_invert(lane2 *acc)
{
    zk_u256x8 w0, w1;
    fq2_t v[ZK_M52_LANES], pre[ZK_M52_LANES], inv;
    fq_t shift;
    lane2_store(&w0, &w1, acc);
    fq2_one(&inv);
    for (unsigned i = 0; i < ZK_M52_LANES; i++) {
        msm_lanes_get(&v[i].c0, &w0, i);
        msm_lanes_get(&v[i].c1, &w1, i);
        pre[i] = inv;
        fq2_mul(&inv, &inv, &v[i]);
    }
    (void)fq2_inv_var(&inv, &inv);
    fq_from_u64(&shift, 1024);
    for (unsigned i = ZK_M52_LANES; i-- > 0;) {
        fq2_t t;
        fq2_mul(&t, &inv, &pre[i]);
        fq2_mul(&inv, &inv, &v[i]);
        fq2_mul_fq(&t, &t, &shift);
        msm_lanes_put(&w0, i, &t.c0);
        msm_lanes_put(&w1, i, &t.c1);
    }
    lane2_load(acc, &w0, &w1);
}

void msm_lanes_pad_g2(msm_lanes_group_g2 *g, unsigned from)
{
    fq_t zero, one;
    fq_zero(&zero);
    fq_one(&one);
    for (unsigned k = from; k < ZK_M52_LANES; k++) {
        msm_lanes_put(&g->xb0, k, &zero);
        msm_lanes_put(&g->xb1, k, &zero);
        msm_lanes_put(&g->yb0, k, &zero);
        msm_lanes_put(&g->yb1, k, &zero);
        msm_lanes_put(&g->xp0, k, &one);
        msm_lanes_put(&g->xp1, k, &zero);
        msm_lanes_put(&g->yp0, k, &zero);
        msm_lanes_put(&g->yp1, k, &zero);
    }
}

void msm_lanes_add_g2(msm_lanes_group_g2 *g, size_t groups, m52x8 *scratch)
{
    if (groups == 0)
        return;
    const m52x8_kernels *k = &m52x8_k;
    zk_mont52 m;
    zk_mont52_from_mont256(&m, &fq_params);
    lane2 *den = (lane2 *)scratch, *pre = den + groups;
    lane2 acc, xb, yb, xp, yp, t, lam, l2;

    fq_t sixteen;
    zk_u256x8 w;
    fq_from_u64(&sixteen, 16);
    for (unsigned i = 0; i < ZK_M52_LANES; i++)
        msm_lanes_put(&w, i, &sixteen);
    k->from_u256(&acc.c0, &w);
    memset(&acc.c1, 0, sizeof acc.c1);

    for (size_t i = 0; i < groups; i++) {
        lane2_load(&xb, &g[i].xb0, &g[i].xb1);
        lane2_load(&xp, &g[i].xp0, &g[i].xp1);
        lane2_sub(&t, &xp, &xb, &m);
        lane2_shl(&den[i], &t, 4);
        pre[i] = acc;
        lane2_mul(&acc, &acc, &den[i], &m);
    }
    lanes2_invert(&acc);
    for (size_t i = groups; i-- > 0;) {
        msm_lanes_group_g2 *gi = &g[i];
        lane2_mul(&t, &acc, &pre[i], &m);        /* 1/den_i, weight 262 */
        lane2_mul(&acc, &acc, &den[i], &m);
        lane2_load(&yb, &gi->yb0, &gi->yb1);
        lane2_load(&yp, &gi->yp0, &gi->yp1);
        lane2_sub(&lam, &yp, &yb, &m);
        lane2_mul(&lam, &lam, &t, &m);           /* λ, weight 258 */
        lane2_load(&xb, &gi->xb0, &gi->xb1);
        lane2_load(&xp, &gi->xp0, &gi->xp1);
        lane2_mul(&l2, &lam, &lam, &m);          /* λ², weight 256 */
        lane2_sub(&l2, &l2, &xb, &m);
        lane2_sub(&l2, &l2, &xp, &m);            /* x' */
        lane2_store(&gi->xb0, &gi->xb1, &l2);
        lane2_sub(&t, &xb, &l2, &m);             /* x_B - x' */
        lane2_shl(&lam, &lam, 2);                /* λ at weight 260 */
        lane2_mul(&t, &lam, &t, &m);
        lane2_sub(&t, &t, &yb, &m);              /* y' */
        lane2_store(&gi->yb0, &gi->yb1, &t);
    }
}
