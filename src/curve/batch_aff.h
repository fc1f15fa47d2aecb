/* Additions and doublings of many independent affine points at once, with
 * one field inversion for the whole batch (Montgomery's trick): an addition
 * costs about six multiplications and a doubling seven, against eleven and
 * seven in Jacobian form, and the results are already affine. For
 * computations that run many points in lock step: fixed-base and
 * same-scalar multiplications of a setup, an NTT's butterflies.
 *
 * A pair with either point at infinity, or with equal x (a doubling, or a
 * sum at infinity), takes the Jacobian formulas on its own, in variable
 * time. Computations on secret scalars meet such pairs only with negligible
 * probability (they are arranged so), so the timing of the rest is what
 * counts: the formulas are straight-line, and with blind set the batch's
 * product is multiplied by a random ρ from it before the (variable-time,
 * fastest) inversion and by ρ after, so that the inversion sees a uniform
 * element whatever the secrets. blind = NULL for public data.
 * tmp holds 2n field elements; a and b must not overlap. */
#ifndef ZK_CURVE_BATCH_AFF_H
#define ZK_CURVE_BATCH_AFF_H

#include "core/rng.h"
#include "curve/g1.h"
#include "curve/g2.h"

/* A blinding generator for the functions below, seeded from the OS
 * (zk_rng_wipe it when done). */
void aff_blind_seed(zk_rng *blind);

/* a[i] ← a[i] + b[i] for i < n. */
void g1_aff_add_many(g1_aff *a, const g1_aff *b, size_t n, fq_t *tmp, zk_rng *blind);
void g2_aff_add_many(g2_aff *a, const g2_aff *b, size_t n, fq2_t *tmp, zk_rng *blind);
/* a[at[i]] ← a[at[i]] + b[i] for i < n, distinct at[i] (at = NULL: a[i]). */
void g1_aff_add_many_at(g1_aff *a, const size_t *at, const g1_aff *b, size_t n, fq_t *tmp,
                        zk_rng *blind);
void g2_aff_add_many_at(g2_aff *a, const size_t *at, const g2_aff *b, size_t n, fq2_t *tmp,
                        zk_rng *blind);
/* a[i] ← 2·a[i] for i < n. */
void g1_aff_dbl_many(g1_aff *a, size_t n, fq_t *tmp, zk_rng *blind);
void g2_aff_dbl_many(g2_aff *a, size_t n, fq2_t *tmp, zk_rng *blind);

#endif
