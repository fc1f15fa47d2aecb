/* Batched affine additions with the 4×64-bit field kernels (curve/msm_lanes.h,
 * msm_x4_add_g1/g2): the MSM's inner loop on CPUs without AVX-512 IFMA.
 *
 * The batch is the one the eight-lane kernels take (staged word-major in
 * groups of eight), and the formulas are the same:
 *   λ = (y_P - y_B)/(x_P - x_B), x' = λ² - x_B - x_P, y' = λ(x_B - x') - y_B,
 * the denominators inverted together by Montgomery's trick. A 4×64-bit
 * Montgomery multiplication is a chain of dependent MULX/ADCX/ADOX steps
 * whose latency is about a third above its throughput, and the trick's
 * prefix products form one long dependent chain; the additions therefore
 * take turns between X4_CHAINS independent prefix chains (addition t in
 * chain t mod X4_CHAINS), so consecutive multiplications never wait for
 * each other, and the chains' products share one inversion at the end. */
#include "curve/msm_lanes.h"

#include <string.h>

#include "curve/fq2.h"

enum { X4_CHAINS = 4 };

/* Addition t's coordinate v of group array g (word-major, eight a group). */
#define X4_GROUP(g, t) (&(g)[(t) / ZK_M52_LANES])
#define X4_LANE(t) ((unsigned)((t) % ZK_M52_LANES))

/* Replaces acc[0..X4_CHAINS) by their inverses with one field inversion
 * (Montgomery's trick on four values, none zero). */
static void invert_chains_fq(fq_t acc[X4_CHAINS])
{
    fq_t p01, p23, all, inv, t;
    fq_mul(&p01, &acc[0], &acc[1]);
    fq_mul(&p23, &acc[2], &acc[3]);
    fq_mul(&all, &p01, &p23);
    (void)fq_inv_var(&inv, &all);
    fq_mul(&p01, &p01, &inv);   /* 1/(a2·a3) */
    fq_mul(&p23, &p23, &inv);   /* 1/(a0·a1) */
    fq_mul(&t, &acc[0], &p23);  /* 1/a1 */
    fq_mul(&acc[0], &acc[1], &p23);
    acc[1] = t;
    fq_mul(&t, &acc[2], &p01);  /* 1/a3 */
    fq_mul(&acc[2], &acc[3], &p01);
    acc[3] = t;
}

/* Addition t's {x_B, y_B, x_P, y_P} out of the staged groups, and its sum
 * back into (x_B, y_B). */
static void x4_gather_g1(uint64_t xy[16], const msm_lanes_group_g1 *g, size_t t)
{
    const msm_lanes_group_g1 *gi = X4_GROUP(g, t);
    unsigned k = X4_LANE(t);
    for (unsigned i = 0; i < 4; i++) {
        xy[i] = gi->xb.w[i][k];
        xy[4 + i] = gi->yb.w[i][k];
        xy[8 + i] = gi->xp.w[i][k];
        xy[12 + i] = gi->yp.w[i][k];
    }
}

static void x4_scatter_g1(msm_lanes_group_g1 *g, size_t t, const uint64_t xy[8])
{
    msm_lanes_group_g1 *gi = X4_GROUP(g, t);
    unsigned k = X4_LANE(t);
    for (unsigned i = 0; i < 4; i++) {
        gi->xb.w[i][k] = xy[i];
        gi->yb.w[i][k] = xy[4 + i];
    }
}

void msm_x4_add_g1(msm_lanes_group_g1 *g, size_t m, fq_t *scratch)
{
    if (m == 0)
        return;
    fq_t *den = scratch, *pre = scratch + m;
    fq_t acc[X4_CHAINS];
    for (unsigned c = 0; c < X4_CHAINS; c++)
        fq_one(&acc[c]);
    for (size_t t = 0; t < m; t++) {
        const msm_lanes_group_g1 *gi = X4_GROUP(g, t);
        unsigned k = X4_LANE(t);
        fq_t xb, xp;
        msm_lanes_get(&xb, &gi->xb, k);
        msm_lanes_get(&xp, &gi->xp, k);
        fq_sub(&den[t], &xp, &xb);
        pre[t] = acc[t % X4_CHAINS];
        fq_mul(&acc[t % X4_CHAINS], &acc[t % X4_CHAINS], &den[t]);
    }
    invert_chains_fq(acc);
    /* The walk back, two additions at a time (2j and 2j + 1, in adjacent
     * chains). An odd one out at the top goes with a dummy whose
     * denominator 1 leaves its chain as it was. */
    uint64_t *acc_w = acc[0].v;   /* fq_t is its four words */
    if (m % 2) {
        uint64_t xy[32] = {0}, dpre[8], dden[8];
        x4_gather_g1(xy, g, m - 1);
        memcpy(dpre, &pre[m - 1], 32);
        memcpy(dden, &den[m - 1], 32);
        memcpy(dpre + 4, zk_fq_params.one, 32);
        memcpy(dden + 4, zk_fq_params.one, 32);
        zk_mont256_chord2(xy, acc_w + 4 * ((m - 1) % X4_CHAINS), dpre, dden, &zk_fq_params);
        x4_scatter_g1(g, m - 1, xy);
    }
    for (size_t j = m / 2; j-- > 0;) {
        uint64_t xy[32];
        x4_gather_g1(xy, g, 2 * j);
        x4_gather_g1(xy + 16, g, 2 * j + 1);
        zk_mont256_chord2(xy, acc_w + 4 * ((2 * j) % X4_CHAINS), pre[2 * j].v, den[2 * j].v,
                          &zk_fq_params);
        x4_scatter_g1(g, 2 * j, xy);
        x4_scatter_g1(g, 2 * j + 1, xy + 16);
    }
}

/* ---- G2 ---------------------------------------------------------------------
 *
 * Over Fq2 = Fq[u]/(u² + 1) the shared inversion runs in Fq: 1/d = d̄/N(d)
 * with the norm N(d) = d0² + d1², so the prefix chains and the walk back
 * multiply in Fq (a third of an Fq2 product each), and each addition pays
 * two squarings for its norm and two Fq products for d̄/N(d) instead. */

void msm_x4_add_g2(msm_lanes_group_g2 *g, size_t m, fq_t *scratch)
{
    if (m == 0)
        return;
    fq2_t *den = (fq2_t *)scratch;
    fq_t *nrm = scratch + 2 * m, *pre = scratch + 3 * m;
    fq_t acc[X4_CHAINS];
    for (unsigned c = 0; c < X4_CHAINS; c++)
        fq_one(&acc[c]);
    for (size_t t = 0; t < m; t++) {
        const msm_lanes_group_g2 *gi = X4_GROUP(g, t);
        unsigned k = X4_LANE(t);
        fq2_t xb, xp;
        fq_t s;
        msm_lanes_get(&xb.c0, &gi->xb0, k);
        msm_lanes_get(&xb.c1, &gi->xb1, k);
        msm_lanes_get(&xp.c0, &gi->xp0, k);
        msm_lanes_get(&xp.c1, &gi->xp1, k);
        fq2_sub(&den[t], &xp, &xb);
        fq_sqr(&nrm[t], &den[t].c0);
        fq_sqr(&s, &den[t].c1);
        fq_add(&nrm[t], &nrm[t], &s);
        pre[t] = acc[t % X4_CHAINS];
        fq_mul(&acc[t % X4_CHAINS], &acc[t % X4_CHAINS], &nrm[t]);
    }
    invert_chains_fq(acc);
    for (size_t t = m; t-- > 0;) {
        msm_lanes_group_g2 *gi = X4_GROUP(g, t);
        unsigned k = X4_LANE(t);
        fq_t *a = &acc[t % X4_CHAINS];
        fq_t ninv;
        fq2_t inv, lam, x3, y3, xb, yb, xp, yp;
        fq_mul(&ninv, a, &pre[t]);
        fq_mul(a, a, &nrm[t]);
        fq_mul(&inv.c0, &den[t].c0, &ninv);
        fq_mul(&inv.c1, &den[t].c1, &ninv);
        fq_neg(&inv.c1, &inv.c1);
        msm_lanes_get(&yb.c0, &gi->yb0, k);
        msm_lanes_get(&yb.c1, &gi->yb1, k);
        msm_lanes_get(&yp.c0, &gi->yp0, k);
        msm_lanes_get(&yp.c1, &gi->yp1, k);
        msm_lanes_get(&xb.c0, &gi->xb0, k);
        msm_lanes_get(&xb.c1, &gi->xb1, k);
        msm_lanes_get(&xp.c0, &gi->xp0, k);
        msm_lanes_get(&xp.c1, &gi->xp1, k);
        fq2_sub(&lam, &yp, &yb);
        fq2_mul(&lam, &lam, &inv);
        fq2_sqr(&x3, &lam);
        fq2_sub(&x3, &x3, &xb);
        fq2_sub(&x3, &x3, &xp);
        fq2_sub(&y3, &xb, &x3);
        fq2_mul(&y3, &y3, &lam);
        fq2_sub(&y3, &y3, &yb);
        msm_lanes_put(&gi->xb0, k, &x3.c0);
        msm_lanes_put(&gi->xb1, k, &x3.c1);
        msm_lanes_put(&gi->yb0, k, &y3.c0);
        msm_lanes_put(&gi->yb1, k, &y3.c1);
    }
}
