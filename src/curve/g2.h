/* BN254's G2: the order-r subgroup of the sextic D-type twist
 *   E': y^2 = x^3 + b',  b' = 3/(9 + u),  over Fq2 = Fq[u]/(u^2 + 1).
 * #E'(Fq2) = r·h with cofactor h = 2q - r, so unlike G1 a point on the curve
 * need not be in the group: decoders check membership (g2_is_in_subgroup_var).
 *
 * Representations, conventions and contracts are those of curve/g1.h with
 * Fq2 coordinates; see there. Below, what G2 has beyond G1: the
 * endomorphism ψ, the subgroup check and cofactor clearing. */
#ifndef ZK_CURVE_G2_H
#define ZK_CURVE_G2_H

#include "curve/fq2.h"

typedef struct g2_aff {
    fq2_t x, y;
    bool inf;   /* x = y = 0 when set */
} g2_aff;

typedef struct g2_jac {
    fq2_t x, y, z;
} g2_jac;

typedef struct g2_proj {
    fq2_t x, y, z;
} g2_proj;

/* The generator of EIP-197 and snarkjs, and b' = 3/(9 + u). */
extern const g2_aff g2_generator;
extern const fq2_t g2_b;

void g2_set_inf(g2_jac *r);
bool g2_is_inf(const g2_jac *p);
void g2_aff_set_inf(g2_aff *r);
void g2_from_aff(g2_jac *r, const g2_aff *a);
void g2_to_aff(g2_aff *r, const g2_jac *p);
void g2_to_aff_var(g2_aff *r, const g2_jac *p);
void g2_batch_to_aff_var(g2_aff *r, const g2_jac *p, size_t n);

bool g2_eq(const g2_jac *p, const g2_jac *q);
bool g2_aff_eq(const g2_aff *a, const g2_aff *b);
/* On E' (not necessarily in G2); infinity counts as on the curve. */
bool g2_is_on_curve(const g2_aff *a);

void g2_neg(g2_jac *r, const g2_jac *p);
void g2_aff_neg(g2_aff *r, const g2_aff *a);
void g2_dbl(g2_jac *r, const g2_jac *p);
void g2_add_var(g2_jac *r, const g2_jac *p, const g2_jac *q);
void g2_add_mixed_var(g2_jac *r, const g2_jac *p, const g2_aff *q);
void g2_mul_var(g2_jac *r, const g2_jac *p, const uint64_t k[4]);
void g2_mul(g2_jac *r, const g2_jac *p, const uint64_t k[4]);

void g2_proj_from_jac(g2_proj *r, const g2_jac *p);
void g2_jac_from_proj(g2_jac *r, const g2_proj *p);
void g2_proj_add(g2_proj *r, const g2_proj *p, const g2_proj *q);
void g2_proj_add_mixed(g2_proj *r, const g2_proj *p, const g2_aff *q);
void g2_proj_dbl(g2_proj *r, const g2_proj *p);

void g2_progression_var(g2_aff *r, size_t n, const g2_aff *start, const g2_aff *step);

/* ψ = (twist)∘(q-power Frobenius)∘(untwist): for the D-type twist
 * (x, y) ↦ (x̄·ξ^((q-1)/3), ȳ·ξ^((q-1)/2)), where x̄ is the conjugate.
 * On G2 it acts as multiplication by q ≡ 6x^2 (mod r), x the BN parameter. */
void g2_psi(g2_jac *r, const g2_jac *p);

/* Whether a point of E' lies in G2 (infinity does), by the test of Dai,
 * Lin, Zhao and Zhou, "Fast subgroup membership testings for G1, G2 and GT
 * on pairing-friendly curves" (ePrint 2022/348, sections 3 and 5.1) for BN
 * curves: Q ∈ G2 iff
 *   [x + 1]Q + ψ([x]Q) + ψ^2([x]Q) = ψ^3([2x]Q),
 * one 63-bit multiplication instead of a 254-bit r·Q. The point must be on E'
 * (g2_is_on_curve); the tests compare it with r·Q = O. */
bool g2_is_in_subgroup_var(const g2_aff *a);

/* Maps any point of E' into G2: Fuentes-Castañeda, Knapp, Rodríguez-
 * Henríquez, "Faster hashing to G2" (SAC 2011), section 6.1 for BN curves:
 *   [x]P + ψ([3x]P) + ψ^2([x]P) + ψ^3(P),
 * a multiple of [h]P by a constant prime to r. */
void g2_clear_cofactor_var(g2_jac *r, const g2_jac *p);

/* A random point of G2 (random x, a square root, cofactor cleared), for
 * tests and benchmarks; its discrete log is unknown. */
void g2_random_var(g2_aff *r, zk_rng *rng);
/* A random point of E'(Fq2), before cofactor clearing: almost surely not in
 * G2. For tests of subgroup checks and for lessons that show why they
 * matter. */
void g2_random_on_twist_var(g2_aff *r, zk_rng *rng);

#endif
