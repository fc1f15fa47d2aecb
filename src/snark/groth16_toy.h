/* Groth16 by hand, on a toy pairing curve (Groth, "On the size of
 * pairing-based non-interactive arguments", EUROCRYPT 2016, §3.2), where
 * every scalar is below r = 13 and every point can be written down.
 *
 * From a QAP over F_r (snark/qap.h) with wires w_0 = 1, ..., w_{n-1}, some
 * of them public, and toxic waste τ, α, β, γ, δ:
 *   K_j(τ) = β·A_j(τ) + α·B_j(τ) + C_j(τ)
 *   proving key   [α]_1 [β]_1 [δ]_1 [β]_2 [δ]_2, [A_j(τ)]_1, [B_j(τ)]_1,
 *                 [B_j(τ)]_2, [K_j(τ)/δ]_1 for private j,
 *                 [τ^i·t(τ)/δ]_1 for i ≤ m - 2
 *   verifying key [α]_1 [β]_2 [γ]_2 [δ]_2, [K_j(τ)/γ]_1 for public j
 * A proof with random r, s:
 *   A = [α + A(τ) + r·δ]_1   B = [β + B(τ) + s·δ]_2
 *   C = [(Σ_private w_j·K_j(τ) + h(τ)·t(τ))/δ + s·A + r·B - r·s·δ]_1
 * and the verifier checks, with IC = Σ_public w_j·[K_j(τ)/γ]_1,
 *   e(A, B) = e([α]_1, [β]_2) · e(IC, [γ]_2) · e(C, [δ]_2).
 * γ and δ keep the public and private parts apart; r and s hide the witness.
 *
 * The forgeries of lessons 09 and 10 are here too: whoever knows τ proves
 * anything (h may be any constant once only its value at τ is checked), and
 * a key with δ = γ accepts A = [α]_1, B = [β]_2, C = -IC for every public
 * input. BN254's Groth16 is the real one; this is for following it. */
#ifndef ZK_SNARK_GROTH16_TOY_H
#define ZK_SNARK_GROTH16_TOY_H

#include "curve/toy.h"
#include "snark/groth16.h"
#include "snark/qap.h"

typedef struct groth16_toy_toxic {
    mpz_t tau, alpha, beta, gamma, delta;
} groth16_toy_toxic;

void groth16_toy_toxic_init(groth16_toy_toxic *tw);
void groth16_toy_toxic_clear(groth16_toy_toxic *tw);

/* The proving and verifying key in one (a toy has no need to split them). */
typedef struct groth16_toy_key {
    const toy_curve *c;
    size_t n, m;          /* wires, constraints */
    bool *pub;            /* pub[j]: wire j is public (pub[0] always) */
    size_t n_pub;         /* public wires besides w_0 */
    toy_point alpha1, beta1, delta1, beta2, gamma2, delta2;
    toy_point *a1, *b1, *b2;   /* [A_j(τ)]_1, [B_j(τ)]_1, [B_j(τ)]_2 for every j */
    toy_point *k1;        /* [K_j(τ)/δ]_1 for private j, infinity for public */
    toy_point *ic;        /* [K_j(τ)/γ]_1 for public j, infinity for private */
    toy_point *h1;        /* [τ^i·t(τ)/δ]_1, i < m - 1 */
    toy_elt alpha_beta;   /* e([α]_1, [β]_2), precomputed as verifiers do */
} groth16_toy_key;

/* q must be over F_r of the curve, and pub (q->n flags) must mark wire 0.
 * ZK_EINVAL for a field mismatch, a bad mask, γ = 0, δ = 0 or t(τ) = 0 (τ
 * one of the QAP's points: the H points would all be zero and h could not
 * be checked). ZK_ENOMEM. The curve must outlive the key. On error key
 * needs no freeing. */
zk_err groth16_toy_setup(groth16_toy_key *key, const toy_curve *c, const qap *q, const bool *pub,
                         const groth16_toy_toxic *tw);
void groth16_toy_key_free(groth16_toy_key *key);

typedef struct groth16_toy_proof {
    toy_point a, b, c;   /* A, C in G1; B in G2 */
} groth16_toy_proof;

void groth16_toy_proof_init(groth16_toy_proof *pr);
void groth16_toy_proof_clear(groth16_toy_proof *pr);

/* The honest prover for witness w (q->n values in [0, r)) with blinding r
 * and s. *satisfied (if not NULL) says whether w satisfies the QAP; a proof
 * is made either way (h is then the quotient without its remainder, and
 * verification fails unless the remainder happens to vanish at τ, which on
 * a curve with r = 13 it sometimes does: soundness error ~ m/r). */
zk_err groth16_toy_prove(groth16_toy_proof *pr, const groth16_toy_key *key, const qap *q,
                         mpz_t *w, const mpz_t r, const mpz_t s, bool *satisfied);

/* Every factor of the verifier's equation, for printing. */
typedef struct groth16_toy_check {
    toy_point ic;        /* Σ_public w_j·[K_j(τ)/γ]_1, w_0 = 1 included */
    toy_elt lhs;         /* e(A, B) */
    toy_elt ab, icg, cd; /* e([α]_1, [β]_2), e(IC, [γ]_2), e(C, [δ]_2) */
    toy_elt rhs;         /* ab·icg·cd */
    bool ok;
} groth16_toy_check;

void groth16_toy_check_init(groth16_toy_check *chk);
void groth16_toy_check_clear(groth16_toy_check *chk);

/* What makes a key forgeable from public data, by BN254's rule
 * (snark/groth16.h groth16_weakness_of): δ = γ, β = γ, or α = β = 1. */
groth16_weakness groth16_toy_key_weakness(const groth16_toy_key *key);

/* pub_values: the key->n_pub public wire values after w_0, in wire order.
 * ZK_EINVAL for points outside the groups. ZK_EFORGEABLE, before any
 * pairing, for a key with a weakness, unless insecure: a lesson that shows
 * the forgery passes insecure and says so, as `zkcave groth16 verify
 * --insecure` must be told. */
zk_err groth16_toy_verify(groth16_toy_check *chk, const groth16_toy_key *key,
                          mpz_t *pub_values, const groth16_toy_proof *pr, bool insecure);

/* Knowing τ (and nothing else: the other toxic waste stays secret) proves
 * any public values: the private wires are set to zero, A(τ), B(τ), C(τ)
 * are computed as numbers, and h is the constant (A·B - C)(τ)/t(τ); r and
 * s blind the result as an honest proof's. */
zk_err groth16_toy_forge_tau(groth16_toy_proof *pr, const groth16_toy_key *key, const qap *q,
                             const mpz_t tau, mpz_t *pub_values, const mpz_t r, const mpz_t s);

/* A = [α]_1, B = [β]_2, C = -IC: accepted for any public values exactly
 * when δ = γ (the key snarkjs's `groth16 setup` writes before a phase-2
 * contribution). */
zk_err groth16_toy_forge_delta_gamma(groth16_toy_proof *pr, const groth16_toy_key *key,
                                     mpz_t *pub_values);

#endif
