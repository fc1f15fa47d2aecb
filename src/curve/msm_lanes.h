/* Batched affine additions in G1 and G2: the inner loop of the MSM's bucket
 * accumulation and reduction, eight lanes at a time (field/mont52x8.h) when
 * the CPU has AVX-512 IFMA, else with the 4×64-bit field kernels
 * (curve/msm_x4.c). Internal to src/curve.
 *
 * A batch is a run of groups of eight independent additions B ← B + P of
 * affine points with x_B ≠ x_P (the caller routes equal x elsewhere). They
 * share one field inversion by Montgomery's trick, run as eight interleaved
 * chains, one per lane, whose eight products are then inverted together:
 *   λ = (y_P - y_B)/(x_P - x_B), x' = λ² - x_B - x_P, y' = λ(x_B - x') - y_B.
 * Coordinates go in and come out as fq_t words (Montgomery form for
 * R = 2^256, canonical; an fq2_t as its two fq_t), staged word-major so a
 * lane is a column. */
#ifndef ZK_CURVE_MSM_LANES_H
#define ZK_CURVE_MSM_LANES_H

#include "curve/g1.h"
#include "curve/g2.h"
#include "field/mont52x8.h"

typedef struct msm_lanes_group_g1 {
    zk_u256x8 xb, yb, xp, yp;
} msm_lanes_group_g1;

/* G2: each Fq2 coordinate as its two Fq components. */
typedef struct msm_lanes_group_g2 {
    zk_u256x8 xb0, xb1, yb0, yb1, xp0, xp1, yp0, yp1;
} msm_lanes_group_g2;

/* Scratch vectors per group that msm_lanes_add_g1/g2 need. */
#define MSM_LANES_SCRATCH_G1 2
#define MSM_LANES_SCRATCH_G2 4

/* Stages coordinates into lane k of a group, and reads a lane back. */
static inline void msm_lanes_put(zk_u256x8 *v, unsigned k, const fq_t *a)
{
    v->w[0][k] = a->v[0];
    v->w[1][k] = a->v[1];
    v->w[2][k] = a->v[2];
    v->w[3][k] = a->v[3];
}

static inline void msm_lanes_get(fq_t *a, const zk_u256x8 *v, unsigned k)
{
    a->v[0] = v->w[0][k];
    a->v[1] = v->w[1][k];
    a->v[2] = v->w[2][k];
    a->v[3] = v->w[3][k];
}

/* Stages the addition (xb, yb) + (xp, yp) as lane k of g, and reads the
 * sum back from lane k. */
static inline void msm_lanes_stage_g1(msm_lanes_group_g1 *g, unsigned k, const fq_t *xb,
                                      const fq_t *yb, const fq_t *xp, const fq_t *yp)
{
    msm_lanes_put(&g->xb, k, xb);
    msm_lanes_put(&g->yb, k, yb);
    msm_lanes_put(&g->xp, k, xp);
    msm_lanes_put(&g->yp, k, yp);
}

static inline void msm_lanes_result_g1(fq_t *x, fq_t *y, const msm_lanes_group_g1 *g, unsigned k)
{
    msm_lanes_get(x, &g->xb, k);
    msm_lanes_get(y, &g->yb, k);
}

static inline void msm_lanes_stage_g2(msm_lanes_group_g2 *g, unsigned k, const fq2_t *xb,
                                      const fq2_t *yb, const fq2_t *xp, const fq2_t *yp)
{
    msm_lanes_put(&g->xb0, k, &xb->c0);
    msm_lanes_put(&g->xb1, k, &xb->c1);
    msm_lanes_put(&g->yb0, k, &yb->c0);
    msm_lanes_put(&g->yb1, k, &yb->c1);
    msm_lanes_put(&g->xp0, k, &xp->c0);
    msm_lanes_put(&g->xp1, k, &xp->c1);
    msm_lanes_put(&g->yp0, k, &yp->c0);
    msm_lanes_put(&g->yp1, k, &yp->c1);
}

static inline void msm_lanes_result_g2(fq2_t *x, fq2_t *y, const msm_lanes_group_g2 *g,
                                       unsigned k)
{
    msm_lanes_get(&x->c0, &g->xb0, k);
    msm_lanes_get(&x->c1, &g->xb1, k);
    msm_lanes_get(&y->c0, &g->yb0, k);
    msm_lanes_get(&y->c1, &g->yb1, k);
}

/* A hint that *p will be read soon (msm_prefetch_x86_64.S; a no-op
 * elsewhere). */
void msm_prefetch(const void *p);

/* Fills lanes [from, 8) of g with a harmless addition (x_B = 0, x_P = 1),
 * so that a batch can end inside a group. */
void msm_lanes_pad_g1(msm_lanes_group_g1 *g, unsigned from);
void msm_lanes_pad_g2(msm_lanes_group_g2 *g, unsigned from);

/* (xb, yb) += (xp, yp) in every lane of g[0..groups), in place. scratch
 * holds MSM_LANES_SCRATCH_G1 (or _G2) vectors per group. Every lane must
 * have x_B ≠ x_P. */
void msm_lanes_add_g1(msm_lanes_group_g1 *g, size_t groups, m52x8 *scratch);
void msm_lanes_add_g2(msm_lanes_group_g2 *g, size_t groups, m52x8 *scratch);

/* The same with the 4×64-bit field kernels (curve/msm_x4.c), for CPUs
 * without IFMA: the batch is an array of slots, one addition each, staged
 * in the memory the lanes' groups would take (eight slots a group), and
 * only its first m additions are made. scratch holds MSM_X4_SCRATCH_G1 (or
 * _G2) fq_t per addition. */
typedef struct msm_x4_slot_g1 {
    fq_t xb, yb, xp, yp;
} msm_x4_slot_g1;

typedef struct msm_x4_slot_g2 {
    fq2_t xb, yb, xp, yp;
} msm_x4_slot_g2;

_Static_assert(8 * sizeof(msm_x4_slot_g1) == sizeof(msm_lanes_group_g1),
               "eight slots fill a group");
_Static_assert(8 * sizeof(msm_x4_slot_g2) == sizeof(msm_lanes_group_g2),
               "eight slots fill a group");

#define MSM_X4_SCRATCH_G1 2
#define MSM_X4_SCRATCH_G2 4
void msm_x4_add_g1(msm_x4_slot_g1 *s, size_t m, fq_t *scratch);
void msm_x4_add_g2(msm_x4_slot_g2 *s, size_t m, fq_t *scratch);

/* The same in two halves, so that a caller staging additions one by one
 * (the MSM's bucket loop) runs each one's share of Montgomery's trick as it
 * stages it: its denominator and the prefix product of its chain, which
 * the core then executes beside the caller's own bookkeeping (the product
 * keeps the carry ports busy, the bookkeeping the others). Stage addition
 * t = 0, 1, 2, ... of a batch of at most cap (scratch holding
 * MSM_X4_SCRATCH_* · cap, laid out by cap), then finish the first m; acc
 * is the batch's chains, which staging t < MSM_X4_CHAINS starts afresh. */
#define MSM_X4_CHAINS 4
void msm_x4_stage_g1(msm_x4_slot_g1 *s, size_t t, size_t cap, fq_t *scratch,
                     fq_t acc[MSM_X4_CHAINS], const fq_t *xb, const fq_t *yb, const fq_t *xp,
                     const fq_t *yp);
void msm_x4_finish_g1(msm_x4_slot_g1 *s, size_t m, size_t cap, fq_t *scratch,
                      fq_t acc[MSM_X4_CHAINS]);
void msm_x4_stage_g2(msm_x4_slot_g2 *s, size_t t, size_t cap, fq_t *scratch,
                     fq_t acc[MSM_X4_CHAINS], const fq2_t *xb, const fq2_t *yb, const fq2_t *xp,
                     const fq2_t *yp);
void msm_x4_finish_g2(msm_x4_slot_g2 *s, size_t m, size_t cap, fq_t *scratch,
                      fq_t acc[MSM_X4_CHAINS]);

#endif
