/* Fixed-base scalar multiplication: many multiples k·B of one point B, as in
 * a trusted setup (the powers τ^i·G of a powers-of-tau ceremony, the Groth16
 * key's α·τ^i·G, ...).
 *
 * A table holds, for each w-bit window j, the multiples e·2^(wj)·B for
 * e = 1 .. 2^(w-1), in affine form. With k in signed windows (curve/recode.h)
 * k·B = Σ_j d_j·2^(wj)·B is one table look-up and one mixed addition per
 * window and no doubling: ceil(257/w) additions for any 256-bit k.
 *
 * Two ways to use it:
 *   _var   looks the entry up directly and adds with madd-2007-bl:
 *          for public scalars;
 *   plain  scans all 2^(w-1) entries of each window with conditional moves
 *          and adds with the complete projective formulas, so neither the
 *          memory traffic nor the branches depend on k: for secrets (τ).
 *          Its cost grows with 2^w, so it wants a small w (4 to 6).
 * The table is read-only after init and may be shared between threads. */
#ifndef ZK_CURVE_FIXED_BASE_H
#define ZK_CURVE_FIXED_BASE_H

#include "core/event.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"

typedef struct g1_fixed {
    unsigned w, windows;
    g1_aff *t;   /* windows × 2^(w-1) entries, window-major */
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
 * per scalar when secret (the converted scalars are wiped). Progress events
 * "fixed_g1" / "fixed_g2" count points; ZK_ECANCELLED if the sink cancels. */
zk_err g1_fixed_mul_many(g1_aff *r, const g1_fixed *f, const fr_t *k, size_t n, bool secret,
                         const zk_events *ev);
zk_err g2_fixed_mul_many(g2_aff *r, const g2_fixed *f, const fr_t *k, size_t n, bool secret,
                         const zk_events *ev);

#endif
