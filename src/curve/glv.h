/* Endomorphisms of BN254 and the short scalar decompositions they give, for
 * variable-base scalar multiplication by public scalars (ptau prepare's
 * twiddles, the coefficients of a setup from a ceremony).
 *
 * G1 (Gallant, Lambert, Vanstone, "Faster point multiplication on elliptic
 * curves with efficient endomorphisms", CRYPTO 2001): on y^2 = x^3 + 3,
 * φ(x, y) = (β·x, y) with β a primitive cube root of unity in Fq is a group
 * endomorphism, and on G1 (cofactor 1: every point of the curve) it is
 * multiplication by λ, a cube root of unity mod r (λ^2 + λ + 1 ≡ 0). Any k
 * splits as k ≡ k1 + λ·k2 (mod r) with |k1|, |k2| < 2^127, so
 * k·P = k1·P + k2·φ(P) takes half the doublings.
 *
 * G2 (Galbraith, Scott, "Exponentiation in pairing-friendly groups using
 * homomorphisms", Pairing 2008, section 5 for BN curves): ψ of curve/g2.h
 * acts on G2 as μ = q mod r = 6x^2 (x the BN parameter), a root of
 * μ^4 − μ^2 + 1 (the 12th cyclotomic polynomial), so k ≡ k0 + k1·μ + k2·μ^2
 * + k3·μ^3 with |ki| < 2^65: a quarter of the doublings. Points of E' outside
 * G2 do not obey ψ = μ, so g2_mul_glv_var wants points of G2 (decoded and
 * checked, or computed from such points); g2_mul_var serves the others.
 *
 * Both splits are Babai's rounding in a reduced basis of the lattice
 * {(a_i) : Σ a_i·λ^i ≡ 0 (mod r)} (found with LLL; the basis vectors are
 * small polynomials in x, listed in glv.c): c_j = round(k·α_j) with α the
 * first row of the basis's inverse, precomputed as round(α_j·2^256), and
 * k_i = [i = 0]·k − Σ_j c_j·b_ji. The c_j err by at most 5/8, so
 * |k_i| ≤ 5/8·Σ_j |b_ji|. Variable-time throughout: public scalars only. */
#ifndef ZK_CURVE_GLV_H
#define ZK_CURVE_GLV_H

#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"

/* One part of a split: k_i = (neg ? −1 : 1)·(mag[0] + 2^64·mag[1]). */
typedef struct glv_part {
    uint64_t mag[2];
    bool neg;
} glv_part;

/* λ and μ as plain integers, β in Montgomery form (φ(x, y) = (β·x, y)). */
extern const uint64_t glv_lambda[4];
extern const uint64_t glv_mu[4];
extern const fq_t glv_beta;

/* k (any 256-bit integer, taken mod r) ≡ out[0] + λ·out[1] (G1), or
 * Σ out[i]·μ^i (G2), with |out[i]| < 2^127 (G1), < 2^65 (G2). */
void glv_split_g1(glv_part out[2], const uint64_t k[4]);
void glv_split_g2(glv_part out[4], const uint64_t k[4]);

/* φ on G1: r = λ·p. */
void g1_endo(g1_jac *r, const g1_jac *p);
void g1_aff_endo(g1_aff *r, const g1_aff *p);

/* r = k·p through the split, for any 256-bit k (variable-time; g1_mul_var
 * and g2_mul_var compute the same). p must lie in G2 for the G2 one. */
void g1_mul_glv_var(g1_jac *r, const g1_jac *p, const uint64_t k[4]);
void g2_mul_glv_var(g2_jac *r, const g2_jac *p, const uint64_t k[4]);

/* r[i] = k_i·p[i] for i < n, the scalars already split (k[i] holds the
 * parts of the i-th), in affine form: the points of a block of a few
 * hundred go in lock step, every doubling and addition one batched affine
 * step for all of them (curve/batch_aff.h). p may hold infinity; r may be
 * p. scratch: _split_scratch_size() bytes (hundreds of KB), e.g. one per
 * thread. For many multiplications at once (an NTT stage, the terms of a
 * setup). */
size_t g1_split_scratch_size(void);
size_t g2_split_scratch_size(void);
void g1_mul_split_many_var(g1_aff *r, const g1_aff *p, const glv_part (*k)[2], size_t n,
                           void *scratch);
void g2_mul_split_many_var(g2_aff *r, const g2_aff *p, const glv_part (*k)[4], size_t n,
                           void *scratch);

/* r[i] = k[i]·p[i] for i < n, in constant time in the scalars (secrets: a
 * contribution's powers, 1/δ): the points of a block go in lock step
 * through the split, each part in the regular recoding of
 * curve/fixed_base.h with 4-bit windows, every step one batched affine
 * doubling or addition of all of them (curve/batch_aff.h, its inversions
 * blinded) with table entries picked by scanning, so every point takes the
 * same steps whatever its scalar. A point at infinity gives infinity
 * (whether one is, is public). r may be p. G2's points must lie in G2.
 * ZK_ENOMEM. */
zk_err g1_mul_many_ct(g1_aff *r, const g1_aff *p, const fr_t *k, size_t n);
zk_err g2_mul_many_ct(g2_aff *r, const g2_aff *p, const fr_t *k, size_t n);

#endif
