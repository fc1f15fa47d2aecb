/* Batched affine additions with the 4×64-bit field kernels (curve/msm_lanes.h,
 * msm_x4_add_g1/g2): the MSM's inner loop on CPUs without AVX-512 IFMA.
 *
 * The formulas are the eight-lane kernels' (curve/msm_lanes.c):
 *   λ = (y_P - y_B)/(x_P - x_B), x' = λ² - x_B - x_P, y' = λ(x_B - x') - y_B,
 * the denominators inverted together by Montgomery's trick. A 4×64-bit
 * Montgomery multiplication is a chain of dependent MULX/ADCX/ADOX steps
 * whose latency is about a third above its throughput, and the trick's
 * prefix products form one long dependent chain; the additions therefore
 * take turns between MSM_X4_CHAINS independent prefix chains (addition t in
 * chain t mod MSM_X4_CHAINS), so consecutive multiplications never wait for
 * each other, and the chains' products share one inversion at the end. */
#include "curve/msm_lanes.h"

#include "curve/fq2.h"

/* Replaces acc[0..MSM_X4_CHAINS) by their inverses with one field inversion
 * (Montgomery's trick on four values, none zero). */
static void invert_chains_fq(fq_t acc[MSM_X4_CHAINS])
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

void msm_x4_stage_g1(msm_x4_slot_g1 *s, size_t t, size_t cap, fq_t *scratch,
                     fq_t acc[MSM_X4_CHAINS], const fq_t *xb, const fq_t *yb, const fq_t *xp,
                     const fq_t *yp)
{
    fq_t *den = scratch + t, *pre = scratch + cap + t, *a = &acc[t % MSM_X4_CHAINS];
    s[t].xb = *xb;
    s[t].yb = *yb;
    s[t].xp = *xp;
    s[t].yp = *yp;
    fq_sub(den, xp, xb);
    if (t < MSM_X4_CHAINS) {   /* the chain's first: its product so far is 1 */
        fq_one(pre);
        *a = *den;
    } else {
        *pre = *a;
        fq_mul(a, a, den);
    }
}

void msm_x4_finish_g1(msm_x4_slot_g1 *s, size_t m, size_t cap, fq_t *scratch,
                      fq_t acc[MSM_X4_CHAINS])
{
    if (m == 0)
        return;
    const fq_t *den = scratch, *pre = scratch + cap;
    for (size_t c = m; c < MSM_X4_CHAINS; c++)
        fq_one(&acc[c]);
    invert_chains_fq(acc);
    /* The walk back, two additions at a time (2j and 2j + 1, in adjacent
     * chains), each slot being the kernel's {x_B, y_B, x_P, y_P}. An odd
     * one out at the top goes with a dummy whose denominator 1 leaves its
     * chain as it was. */
    uint64_t *acc_w = acc[0].v;   /* fq_t is its four words */
    if (m % 2) {
        msm_x4_slot_g1 two[2] = {s[m - 1]};
        fq_t dpre[2] = {pre[m - 1]}, dden[2] = {den[m - 1]};
        fq_one(&dpre[1]);
        fq_one(&dden[1]);
        mont256_chord2(two[0].xb.v, acc_w + 4 * ((m - 1) % MSM_X4_CHAINS), dpre[0].v,
                       dden[0].v, &fq_params);
        s[m - 1] = two[0];
    }
    for (size_t j = m / 2; j-- > 0;)
        mont256_chord2(s[2 * j].xb.v, acc_w + 4 * ((2 * j) % MSM_X4_CHAINS), pre[2 * j].v,
                       den[2 * j].v, &fq_params);
}

void msm_x4_add_g1(msm_x4_slot_g1 *s, size_t m, fq_t *scratch)
{
    fq_t acc[MSM_X4_CHAINS];
    for (size_t t = 0; t < m; t++)
        msm_x4_stage_g1(s, t, m, scratch, acc, &s[t].xb, &s[t].yb, &s[t].xp, &s[t].yp);
    msm_x4_finish_g1(s, m, m, scratch, acc);
}

/* ---- G2 ---------------------------------------------------------------------
 *
 * Over Fq2 = Fq[u]/(u² + 1) the shared inversion runs in Fq: 1/d = d̄/N(d)
 * with the norm N(d) = d0² + d1², so the prefix chains and the walk back
 * multiply in Fq (a third of an Fq2 product each), and each addition pays
 * two squarings for its norm and two Fq products for d̄/N(d) instead. */

#if defined(__x86_64__)
/* fq2_x86_64.S, with the MULX/ADX kernels: x4_norm and x4_chord_g2 for
 * n = 2. */
void fq2_norm_adx(fq_t *r, const fq2_t *a, const mont256 *m);
void fq2_chord2_adx(msm_x4_slot_g2 *s, fq_t *acc, const fq_t *pre, const fq_t *nrm,
                       const fq2_t *cden, const mont256 *m);
#endif

/* r = a0² + a1², the norm of a. */
static void x4_norm(fq_t *r, const fq2_t *a)
{
#if defined(__x86_64__)
    if (mont256_k.mul == mont256_mul_adx) {
        fq2_norm_adx(r, a, &fq_params);
        return;
    }
#endif
    fq_t sq;
    fq_sqr(r, &a->c0);
    fq_sqr(&sq, &a->c1);
    fq_add(r, r, &sq);
}

/* n (1 or 2) steps of the walk back over Fq2, addition i with slot s[i],
 * chain acc[i], prefix pre[i], norm nrm[i] and conjugate denominator
 * cden[i]: the steps of mont256_chord2 with 1/den = cden·(acc·pre), each
 * operation made for both additions before the next. */
static void x4_chord_g2(msm_x4_slot_g2 *s, fq_t *acc, const fq_t *pre, const fq_t *nrm,
                        const fq2_t *cden, unsigned n)
{
#if defined(__x86_64__)
    if (n == 2 && mont256_k.mul == mont256_mul_adx) {
        fq2_chord2_adx(s, acc, pre, nrm, cden, &fq_params);
        return;
    }
#endif
    fq_t ninv[2];
    fq2_t inv[2], lam[2], x3[2], y3[2];
    for (unsigned i = 0; i < n; i++)
        fq_mul(&ninv[i], &acc[i], &pre[i]);
    for (unsigned i = 0; i < n; i++)
        fq_mul(&acc[i], &acc[i], &nrm[i]);
    for (unsigned i = 0; i < n; i++)
        fq2_mul_fq(&inv[i], &cden[i], &ninv[i]);
    for (unsigned i = 0; i < n; i++) {
        fq2_sub(&lam[i], &s[i].yp, &s[i].yb);
        fq2_mul(&lam[i], &lam[i], &inv[i]);
    }
    for (unsigned i = 0; i < n; i++)
        fq2_sqr(&x3[i], &lam[i]);
    for (unsigned i = 0; i < n; i++) {
        fq2_sub(&x3[i], &x3[i], &s[i].xb);
        fq2_sub(&x3[i], &x3[i], &s[i].xp);
        fq2_sub(&y3[i], &s[i].xb, &x3[i]);
    }
    for (unsigned i = 0; i < n; i++)
        fq2_mul(&y3[i], &y3[i], &lam[i]);
    for (unsigned i = 0; i < n; i++) {
        fq2_sub(&s[i].yb, &y3[i], &s[i].yb);
        s[i].xb = x3[i];
    }
}

void msm_x4_stage_g2(msm_x4_slot_g2 *s, size_t t, size_t cap, fq_t *scratch,
                     fq_t acc[MSM_X4_CHAINS], const fq2_t *xb, const fq2_t *yb, const fq2_t *xp,
                     const fq2_t *yp)
{
    fq2_t *cden = (fq2_t *)scratch + t;
    fq_t *nrm = scratch + 2 * cap + t, *pre = scratch + 3 * cap + t;
    fq_t *a = &acc[t % MSM_X4_CHAINS];
    s[t].xb = *xb;
    s[t].yb = *yb;
    s[t].xp = *xp;
    s[t].yp = *yp;
    fq2_sub(cden, xp, xb);
    x4_norm(nrm, cden);
    fq_neg(&cden->c1, &cden->c1);
    if (t < MSM_X4_CHAINS) {
        fq_one(pre);
        *a = *nrm;
    } else {
        *pre = *a;
        fq_mul(a, a, nrm);
    }
}

void msm_x4_finish_g2(msm_x4_slot_g2 *s, size_t m, size_t cap, fq_t *scratch,
                      fq_t acc[MSM_X4_CHAINS])
{
    if (m == 0)
        return;
    const fq2_t *cden = (const fq2_t *)scratch;
    const fq_t *nrm = scratch + 2 * cap, *pre = scratch + 3 * cap;
    for (size_t c = m; c < MSM_X4_CHAINS; c++)
        fq_one(&acc[c]);
    invert_chains_fq(acc);
    /* The walk back, additions 2j and 2j + 1 side by side (in adjacent
     * chains) so that each one's chain of products runs while the other's
     * waits. An odd one out at the top goes alone first. */
    if (m % 2)
        x4_chord_g2(&s[m - 1], &acc[(m - 1) % MSM_X4_CHAINS], &pre[m - 1], &nrm[m - 1],
                    &cden[m - 1], 1);
    for (size_t j = m / 2; j-- > 0;)
        x4_chord_g2(&s[2 * j], &acc[(2 * j) % MSM_X4_CHAINS], &pre[2 * j], &nrm[2 * j],
                    &cden[2 * j], 2);
}

void msm_x4_add_g2(msm_x4_slot_g2 *s, size_t m, fq_t *scratch)
{
    fq_t acc[MSM_X4_CHAINS];
    for (size_t t = 0; t < m; t++)
        msm_x4_stage_g2(s, t, m, scratch, acc, &s[t].xb, &s[t].yb, &s[t].xp, &s[t].yp);
    msm_x4_finish_g2(s, m, m, scratch, acc);
}
