/* Batched affine additions in G1, eight lanes at a time (field/mont52x8.h):
 * the inner loop of the G1 MSM's bucket accumulation when the CPU has
 * AVX-512 IFMA. Internal to src/curve.
 *
 * A batch is a run of groups of eight independent additions B ← B + P of
 * affine points with x_B ≠ x_P (the caller routes equal x elsewhere). They
 * share one field inversion by Montgomery's trick, run as eight interleaved
 * chains, one per lane, whose eight products are then inverted together:
 *   λ = (y_P - y_B)/(x_P - x_B), x' = λ² - x_B - x_P, y' = λ(x_B - x') - y_B.
 * Coordinates go in and come out as fq_t words (Montgomery form for
 * R = 2^256, canonical), staged word-major so a lane is a column. */
#ifndef ZK_CURVE_MSM_LANES_H
#define ZK_CURVE_MSM_LANES_H

#include "curve/g1.h"
#include "field/mont52x8.h"

typedef struct msm_lanes_group {
    zk_u256x8 xb, yb, xp, yp;
} msm_lanes_group;

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

/* A hint that *p will be read soon (msm_prefetch_x86_64.S; a no-op
 * elsewhere). */
void msm_prefetch(const void *p);

/* Fills lanes [from, 8) of g with a harmless addition (x_B = 0, x_P = 1),
 * so that a batch can end inside a group. */
void msm_lanes_pad(msm_lanes_group *g, unsigned from);

/* (xb, yb) += (xp, yp) in every lane of g[0..groups), in place. scratch
 * holds 2·groups vectors. Every lane must have x_B ≠ x_P. */
void msm_lanes_add_g1(msm_lanes_group *g, size_t groups, zk_m52x8 *scratch);

#endif
