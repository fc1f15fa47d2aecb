/* Fixed-base scalar multiplication: many multiples k·B of one point B, as in
 * a trusted setup (the powers τ^i·G of a powers-of-tau ceremony, the Groth16
 * key's A_j(τ)·G, ...).
 *
 * A scalar is taken mod r and made odd (k' = k, or r − k and the result
 * negated), then written in the regular recoding of Joye and Tunstall:
 * k' = Σ_(j<t) d_j·2^(wj) + 2^(wt) with t = ceil(254/w) and every digit
 * odd, in [−(2^w − 1), 2^w − 1], never zero (fixed_base.c derives it). Row j
 * of the table holds the odd multiples (2e + 1)·2^(wj)·B for e < 2^(w−1),
 * in affine form, and row t the leading 2^(wt)·B, so k·B is t additions of
 * looked-up entries and no doubling, the same t for every scalar.
 *
 * Ways to use it:
 *   _var   looks the entry up directly and adds with madd-2007-bl:
 *          for public scalars;
 *   plain  scans all 2^(w−1) entries of each row with conditional moves
 *          and adds with the complete projective formulas, so neither the
 *          memory traffic nor the branches depend on k: for secrets (τ).
 *          Its cost grows with 2^w, so it wants a small w (4 to 6);
 *   many   runs the points of a block in lock step, each row one batched
 *          affine addition for all of them (curve/batch_aff.h: a shared
 *          inversion, six multiplications a point against eleven),
 *          scanning rows for secrets as above; the accumulators meet their
 *          entries (the formulas' exceptional case) only if a scalar is
 *          chosen for it, and zero scalars, whose zeroness a circuit makes
 *          public, skip the work.
 * The table is read-only after init and may be shared between threads. */
#ifndef ZK_CURVE_FIXED_BASE_H
#define ZK_CURVE_FIXED_BASE_H

#include "core/event.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"

typedef struct g1_fixed {
    unsigned w, windows;   /* windows: the rows, t + 1 */
    g1_aff *t;             /* windows × 2^(w−1) entries, row-major */
} g1_fixed;

typedef struct g2_fixed {
    unsigned w, windows;
    g2_aff *t;
} g2_fixed;

/* 2 <= w <= 12, else ZK_EINVAL; the base must be a finite point of G1 / G2:
 * ZK_EINVAL for infinity, ZK_ENOTONCURVE, ZK_ENOTINSUBGROUP (G2); ZK_ENOMEM.
 * On error f needs no freeing. */
zk_err g1_fixed_init(g1_fixed *f, const g1_aff *base, unsigned w);
zk_err g2_fixed_init(g2_fixed *f, const g2_aff *base, unsigned w);
void g1_fixed_free(g1_fixed *f);
void g2_fixed_free(g2_fixed *f);

/* r = k·B for a plain 256-bit integer k. */
void g1_fixed_mul_var(g1_jac *r, const g1_fixed *f, const uint64_t k[4]);
void g1_fixed_mul(g1_jac *r, const g1_fixed *f, const uint64_t k[4]);
void g2_fixed_mul_var(g2_jac *r, const g2_fixed *f, const uint64_t k[4]);
void g2_fixed_mul(g2_jac *r, const g2_fixed *f, const uint64_t k[4]);

/* r[i] = k[i]·B in affine form for i < n, on the thread pool, constant-time
 * in each non-zero scalar when secret (the scalars' copies are wiped).
 * Progress events "fixed_g1" / "fixed_g2" count points; ZK_ECANCELLED if
 * the sink cancels; ZK_ENOMEM. */
zk_err g1_fixed_mul_many(g1_aff *r, const g1_fixed *f, const fr_t *k, size_t n, bool secret,
                         const zk_events *ev);
zk_err g2_fixed_mul_many(g2_aff *r, const g2_fixed *f, const fr_t *k, size_t n, bool secret,
                         const zk_events *ev);

#endif
