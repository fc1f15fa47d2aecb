/* KZG polynomial commitments (Kate, Zaverucha, Goldberg, "Constant-size
 * commitments to polynomials and their applications", ASIACRYPT 2010).
 *
 * Setup: a secret τ and its powers in the groups, the structured reference
 * string  [τ^i]_1 for i < n1  and  [τ^i]_2 for i < n2  ([x]_1 = x·G,
 * [x]_2 = x·H); τ itself is then destroyed ("toxic waste").
 * Commit:  C = [p(τ)]_1 = Σ p_i·[τ^i]_1, one MSM.
 * Open at z:  y = p(z) and the proof π = [q(τ)]_1 with q = (p - y)/(x - z),
 *             a polynomial exactly because z is a root of p - y.
 * Verify:  e(C - [y]_1, H) = e(π, [τ - z]_2), i.e. p(τ) - y = q(τ)·(τ - z)
 *          checked "in the exponent". A prover who claims y' ≠ p(z) needs
 *          [(p(τ) - y')/(τ - z)]_1, which (p - y')/(x - z) no longer gives
 *          (it has remainder y - y'); computing it means knowing τ, and two
 *          valid openings at one point would reveal [1/(τ - z)]_1, breaking
 *          the t-SDH assumption the scheme rests on.
 *
 * Batched openings, both from the paper (§3.4) and PLONK's use of it:
 *  - many polynomials at one point z: with a verifier's random γ, open
 *    p = Σ γ^i p_i at z; the verifier combines C = Σ γ^i C_i and
 *    y = Σ γ^i y_i and checks one opening;
 *  - one polynomial at k points S: with I the interpolant of the values
 *    on S and Z_S = Π (x - z_i), π = [(p - I)/Z_S (τ)]_1 and the check
 *    e(C - [I(τ)]_1, H) = e(π, [Z_S(τ)]_2), which needs n2 > k.
 *
 * Two implementations of the same scheme: BN254 (the real one: fixed-base
 * tables for the setup, Pippenger MSMs, the optimal ate pairing) and the toy
 * pairing curves of curve/toy.h, where every point can be written down. */
#ifndef ZK_SNARK_KZG_H
#define ZK_SNARK_KZG_H

#include <gmp.h>

#include "core/event.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "curve/toy.h"
#include "field/fr.h"

/* ---- BN254 ------------------------------------------------------------ */

typedef struct kzg_srs {
    size_t n1, n2;
    g1_aff *g1;   /* [τ^i]_1, i < n1 */
    g2_aff *g2;   /* [τ^i]_2, i < n2 */
} kzg_srs;

/* The SRS for a given τ (a lesson's or a test's; real use wants
 * kzg_setup_random). n1 >= 1, n2 >= 2, else ZK_EINVAL; ZK_ENOMEM;
 * ZK_ECANCELLED from the events. The powers of τ are wiped. On error srs
 * needs no freeing. */
zk_err kzg_setup(kzg_srs *srs, const fr_t *tau, size_t n1, size_t n2, const zk_events *ev);
/* The same with τ drawn from rng (NULL: the OS) and wiped afterwards. */
zk_err kzg_setup_random(kzg_srs *srs, size_t n1, size_t n2, zk_rng *rng, const zk_events *ev);
void kzg_srs_free(kzg_srs *srs);

/* C = [p(τ)]_1 for p of len coefficients (len <= n1, else ZK_EINVAL). */
zk_err kzg_commit(g1_aff *c, const kzg_srs *srs, const fr_t *p, size_t len, const zk_events *ev);

/* y = p(z) and π. ZK_EINVAL for len > n1 or len = 0, ZK_ENOMEM. */
zk_err kzg_open(g1_aff *proof, fr_t *y, const kzg_srs *srs, const fr_t *p, size_t len,
                const fr_t *z, const zk_events *ev);

/* *ok = e(C - [y]_1, H) = e(π, [τ - z]_2), checked as
 * e(C - [y]_1 + z·π, -H)·e(π, [τ]_2) = 1 so that the only scalar
 * multiplications are in G1. The points must be on the curve (the decoders
 * of curve/encode.h check untrusted ones). */
zk_err kzg_verify(bool *ok, const kzg_srs *srs, const g1_aff *c, const fr_t *z, const fr_t *y,
                  const g1_aff *proof);

/* Many polynomials at one point: polys[i] of lens[i] coefficients, values
 * ys[i] = p_i(z) (k of them), one proof for Σ γ^i p_i. ZK_EINVAL, ZK_ENOMEM. */
zk_err kzg_open_batch(g1_aff *proof, fr_t *ys, const kzg_srs *srs, const fr_t *const *polys,
                      const size_t *lens, size_t k, const fr_t *z, const fr_t *gamma,
                      const zk_events *ev);
zk_err kzg_verify_batch(bool *ok, const kzg_srs *srs, const g1_aff *cs, const fr_t *ys, size_t k,
                        const fr_t *z, const fr_t *gamma, const g1_aff *proof);

/* One polynomial at k distinct points zs: ys[i] = p(z_i) and one proof.
 * ZK_EINVAL for repeated points, k = 0 or k >= n2 (the verifier needs
 * [Z_S(τ)]_2), ZK_ENOMEM. */
zk_err kzg_open_multi(g1_aff *proof, fr_t *ys, const kzg_srs *srs, const fr_t *p, size_t len,
                      const fr_t *zs, size_t k, const zk_events *ev);
zk_err kzg_verify_multi(bool *ok, const kzg_srs *srs, const g1_aff *c, const fr_t *zs,
                        const fr_t *ys, size_t k, const g1_aff *proof);

/* What the toxic waste buys: a proof that C = [p(τ)]_1 opens to any y at
 * z, π = [(p(τ) - y)/(τ - z)]_1, which kzg_verify accepts. ZK_EINVAL when
 * τ = z. Constant-time in τ only as far as fr_inv and g1_mul are. */
zk_err kzg_forge_open(g1_aff *proof, const fr_t *tau, const fr_t *p, size_t len, const fr_t *z,
                      const fr_t *y);

/* ---- toy curves --------------------------------------------------------- */

typedef struct kzg_toy_srs {
    const toy_curve *c;
    zp_field fr;         /* scalars mod r */
    size_t n1, n2;
    toy_point *g1;       /* [τ^i]_1 */
    toy_point *g2;       /* [τ^i]_2 */
} kzg_toy_srs;

/* e(P, Q), taken as 1 when P or Q is the point at infinity (as bilinearity
 * demands; toy_pairing refuses infinity). */
zk_err kzg_toy_pair(const toy_curve *c, toy_elt *r, const toy_point *p, const toy_point *q);

/* n points, initialised (to the point at infinity), or NULL when out of
 * memory; free with kzg_toy_points_free. */
toy_point *kzg_toy_points_new(size_t n);
void kzg_toy_points_free(toy_point *p, size_t n);

/* k with P = k·B (both in one group of order r), by trying every k < r:
 * possible only because r is tiny, which is the point the lessons make.
 * ZK_EINVAL when P is not a multiple of B. */
zk_err kzg_toy_dlog(const toy_curve *c, mpz_t k, const toy_point *p, const toy_point *b);

/* n1 >= 1, n2 >= 2; τ any integer (taken mod r). ZK_EINVAL, ZK_ENOMEM. The
 * curve must outlive the SRS. On error srs needs no freeing. */
zk_err kzg_toy_setup(kzg_toy_srs *srs, const toy_curve *c, const mpz_t tau, size_t n1, size_t n2);
void kzg_toy_srs_free(kzg_toy_srs *srs);

/* Coefficients are integers taken mod r. ZK_EINVAL for len > n1. */
zk_err kzg_toy_commit(const kzg_toy_srs *srs, toy_point *c, mpz_t *p, size_t len);
zk_err kzg_toy_open(const kzg_toy_srs *srs, toy_point *proof, mpz_t y, mpz_t *p, size_t len,
                    const mpz_t z);

/* Both sides of the check, for printing: lhs = e(C - [y]_1, H),
 * rhs = e(π, [τ]_2 - [z]_2). */
typedef struct kzg_toy_check {
    toy_elt lhs, rhs;
    bool ok;
} kzg_toy_check;

void kzg_toy_check_init(kzg_toy_check *chk);
void kzg_toy_check_clear(kzg_toy_check *chk);
zk_err kzg_toy_verify(const kzg_toy_srs *srs, kzg_toy_check *chk, const toy_point *c,
                      const mpz_t z, const mpz_t y, const toy_point *proof);

/* Many polynomials at one point, as kzg_open_batch: polys[i] has lens[i]
 * coefficients in [0, r); ys gets the k values. */
zk_err kzg_toy_open_batch(const kzg_toy_srs *srs, toy_point *proof, mpz_t *ys,
                          mpz_t *const *polys, const size_t *lens, size_t k, const mpz_t z,
                          const mpz_t gamma);
zk_err kzg_toy_verify_batch(const kzg_toy_srs *srs, kzg_toy_check *chk, const toy_point *cs,
                            mpz_t *ys, size_t k, const mpz_t z, const mpz_t gamma,
                            const toy_point *proof);

/* A powers-of-tau contribution: every [τ^i] becomes [(s·τ)^i], so the new τ
 * is s·τ and stays unknown unless every contributor's s is known. pub gets
 * [s]_2, published with the update so that anyone can check it. s ≠ 0 mod r
 * (else ZK_EINVAL). */
zk_err kzg_toy_contribute(kzg_toy_srs *srs, toy_point *pub, const mpz_t s);

/* The checks a ceremony's verifier runs without any secret:
 *  powers:  [τ^0] are the generators, and e([τ^(i+1)]_1, H) = e([τ^i]_1, [τ]_2),
 *           e(G, [τ^(i+1)]_2) = e([τ]_1, [τ^i]_2) for every i — the vectors
 *           are powers of one τ;
 *  update:  e([τ']_1, H) = e([τ]_1, pub) — the new τ' is the old τ times the
 *           s behind pub.
 * *ok is the verdict; errors only for mismatched sizes (ZK_EINVAL). */
zk_err kzg_toy_check_powers(bool *ok, const kzg_toy_srs *srs);
zk_err kzg_toy_check_update(bool *ok, const kzg_toy_srs *old_srs, const kzg_toy_srs *new_srs,
                            const toy_point *pub);

/* A copy of src (same curve); ZK_ENOMEM. */
zk_err kzg_toy_srs_copy(kzg_toy_srs *dst, const kzg_toy_srs *src);

#endif
