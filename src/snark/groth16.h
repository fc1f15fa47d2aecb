/* Groth16 on BN254, file-compatible with snarkjs: proving from a .zkey and a
 * .wtns, verifying against snarkjs's verification key JSON.
 *
 * Jens Groth, "On the Size of Pairing-based Non-interactive Arguments",
 * EUROCRYPT 2016, section 3.2, with snarkjs's choices (src/groth16_prove.js):
 * for a witness w (w_0 = 1, then the public signals, then the rest) and
 * random r, s,
 *   A = α + Σ w_i·A_i(τ) + r·δ                                   (G1)
 *   B = β + Σ w_i·B_i(τ) + s·δ                                   (G2, and in G1 as B')
 *   C = Σ_{i>ℓ} w_i·K_i + Σ_j h_j·H_j + s·A + r·B' − r·s·δ       (G1)
 * where K_i = (β·A_i + α·B_i + C_i)(τ)/δ and the H_j are the .zkey's
 * section 9 (snark/zkey.h): the Lagrange basis of the 2n-th roots of unity
 * at the odd points, divided by δ. With the values h_j of A·B − C at those
 * odd points (the coset ω_2n·⟨ω_n⟩, see groth16_h_coset) the sum is
 * (A·B − C)(τ)/δ = h(τ)·Z(τ)/δ: snarkjs never divides by Z, and neither do
 * we. The verifier checks
 *   e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1,  vk_x = IC_0 + Σ_{i≤ℓ} x_i·IC_i.
 *
 * Proving is variable-time in the witness (its MSMs are; curve/msm.h says
 * why every prover of this kind accepts that); r and s are secret and used
 * with constant-time scalar multiplication. */
#ifndef ZK_SNARK_GROTH16_H
#define ZK_SNARK_GROTH16_H

#include <cJSON.h>

#include "core/event.h"
#include "core/rng.h"
#include "poly/fr_poly.h"
#include "snark/zkey.h"

typedef struct groth16_proof {
    g1_aff a;
    g2_aff b;
    g1_aff c;
} groth16_proof;

typedef struct groth16_vk {
    size_t n_public;
    g1_aff alpha1;
    g2_aff beta2, gamma2, delta2;
    g1_aff *ic;   /* n_public + 1, zk_alloc'ed */
} groth16_vk;

void groth16_vk_free(groth16_vk *vk);
/* The verification key of a proving key (copies IC). */
zk_err groth16_vk_from_pk(groth16_vk *vk, const groth16_pk *pk);

/* ---- the quotient (groth16_h.c) ------------------------------------------------ */

/* The coset shift snarkjs uses for a domain of 2^log_n points: ω_2n, the
 * primitive 2^(log_n+1)-th root of unity, or 5^2 when log_n is 28 (there is
 * no 2^29-th root; ffjavascript's Fr.shift is the square of its
 * non-residue 5). */
void groth16_coset_shift(fr_t *shift, unsigned log_n);

/* In: a and b hold the evaluations of A(x) = Σ w_i A_i(x) and B(x) on the
 * domain (n = 2^d->log_n points), c is scratch of n elements. Out: a[i] =
 * (A·B − C)(shift·ω^i) where C = A∘B on the domain, i.e. the values the H
 * points of a .zkey are multiplied with. Six NTTs of size n on the thread
 * pool; "qap_h" progress events count them. */
zk_err groth16_h_coset(fr_t *a, fr_t *b, fr_t *c, const fr_domain *d, const zk_events *ev);

/* a[c] = Σ value·w[signal] over the coefficients of matrix A (b: of B), a
 * and b of domain_size elements, zeroed first. */
void groth16_eval_ab(fr_t *a, fr_t *b, size_t domain_size, const zkey_coef *coefs, size_t n,
                     const fr_t *w);

/* ---- proving (groth16_prove.c) -------------------------------------------------- */

/* Phases announced with ZK_EV_BEGIN/END, so a caller can time them (the
 * bench does, the CLI draws bars from the progress events inside):
 *   "load"      reading the key's header and coefficients (files only)
 *   "qap_h"     witness to A, B on the domain, the six NTTs, A·B − C
 *   "msm_a", "msm_b1", "msm_b2", "msm_c" (C and H together), then "finish"
 * The MSMs report progress as phase "msm_g1" / "msm_g2" (curve/msm.h).
 * rng = NULL draws r and s from the OS. ZK_EINVAL when the witness has the
 * wrong length. */
zk_err groth16_prove(groth16_proof *proof, const groth16_pk *pk, const fr_t *w, size_t n_w,
                     zk_rng *rng, const zk_events *ev);

/* groth16_prove from a .zkey read one section at a time (memory stays near
 * the largest section rather than the whole key) and a witness in memory.
 * Errors: those of zkey_open, ZK_EINVAL for a witness of the wrong length. */
zk_err groth16_prove_zkey(groth16_proof *proof, const char *zkey_path, const fr_t *w, size_t n_w,
                          zk_rng *rng, const zk_events *ev);

/* The same from files, loading one section at a time so that memory stays
 * near the largest section rather than the whole key. *pub (n_public
 * elements, zk_alloc'ed) receives w_1..w_ℓ. Errors: those of zkey_open and
 * wtns_read_file, ZK_EINVAL for a witness of the wrong length. Every
 * other error records the one file that failed (core/file.h:
 * zk_file_which), a malformed one included. */
zk_err groth16_prove_files(groth16_proof *proof, fr_t **pub, size_t *n_pub, const char *zkey_path,
                           const char *wtns_path, zk_rng *rng, const zk_events *ev);

/* ---- verifying (groth16_verify.c) ------------------------------------------------ */

/* *ok = the pairing equation holds. ZK_EINVAL when n_pub differs from the
 * key's, ZK_EINFINITY when A, B or C is the point at infinity (no honest
 * proof has one; snarkjs accepts them, and sums vk_x over the public
 * signals it is given, so that missing ones count as zero: we refuse both,
 * so that a proof one verifier rejects is never accepted by reading it
 * more leniently). The proof points must be valid curve points (the JSON
 * and byte decoders guarantee it). The key is taken as it is: check it
 * first with groth16_vk_check. */
zk_err groth16_verify(bool *ok, const groth16_vk *vk, const fr_t *pub, size_t n_pub,
                      const groth16_proof *proof);
/* The part of that about the proof alone: ZK_EINFINITY or ZK_OK. */
zk_err groth16_proof_check(const groth16_proof *proof);

/* ---- keys anyone can forge for (groth16_vk_check.c) -------------------------------- */

/* Why proofs of ANY public input can be made for a key from public data
 * alone, in the verifier's equation e(A, B) = e(α, β)·e(vk_x, γ)·e(C, δ):
 *   DELTA_IS_GAMMA  δ2 = γ2 (`snarkjs groth16 setup`'s key, and ours with
 *                   --no-contribution): A = α1, B = β2, C = −vk_x.
 *   NO_PTAU_SECRET  α1 = G1 and β2 = G2 (a powers of tau nobody contributed
 *                   to: τ = α = β = 1): every IC point is then a known
 *                   multiple x'·G1 of the generator (L_i(1) is 0 or 1), and
 *                   A = C = G1, B = δ2 + (1 + x')·G2 passes.
 *   BETA_IS_GAMMA   β2 = γ2 (β = 1 when γ is the generator, as in every
 *                   snarkjs key): A = α1 + vk_x + δ1, B = β2, C = β1 passes,
 *                   since e(δ1, β2) = e(β1, δ2), with β1 and δ1 from the
 *                   proving key, which is public.
 *   and from a .zkey's phase-2 records (section 10):
 *   NO_PHASE2_SECRET  contributions were made and none is a real one (type
 *                   0): only public beacons (no record at all is no phase 2:
 *                   snarkjs's initial key, delta = gamma, or a key from
 *                   secrets, trusted as its maker). Each beacon's secret
 *                   d_i follows from its recorded value
 *                   (snarkjs_beacon_rng), so δ2 = d·γ2
 *                   with d = Π d_i known to all, and A = α1, B = β2,
 *                   C = −vk_x/d passes. δ2 itself looks like any other.
 * A key from a ceremony whose only contributions are beacons is just as
 * forgeable (anyone recomputes τ) but looks like any other key: that is
 * caught where the ceremony is read (ptau_no_secret). A verification key
 * alone (vk.json) carries neither history: those two cases cannot be told
 * from it, only from the .zkey and the .ptau.
 *
 * The same relations with a small known factor, which no ceremony produces
 * but a hand-made key can carry (1 <= k, a, b <= GROTH16_SMALL_MULTIPLE,
 * either sign):
 *   DELTA_GAMMA_RELATED  δ2 = ±k·γ2 or γ2 = ±k·δ2 (δ = −γ included): e.g.
 *                   A = α1, B = β2, C = −vk_x/k for δ2 = k·γ2.
 *   BETA_GAMMA_RELATED   β2 = ±k·γ2 or γ2 = ±k·β2: e(α1, β2)·e(vk_x, γ2)
 *                   is then e(X, γ2) (or e(X, β2)) for a known X, met by
 *                   B = γ2 (or β2) and A, C as in BETA_IS_GAMMA.
 *   ALPHA_BETA_KNOWN     α1 = ±a·G1 or G1 = ±a·α1, and β2 = ±b·G2 or
 *                   G2 = ±b·β2: e(α1, β2) = e(G1, G2)^m with m known, and
 *                   (γ2 = G2) A = m·G1 + vk_x + δ1, B = G2, C = G1 passes.
 * Detection cannot be complete: a relation with any factor its maker knows
 * makes a key forgeable, and finding an unknown factor is the discrete
 * logarithm problem the scheme rests on. These checks catch the keys that
 * skipped a step (the exact cases) and careless crafting (small factors,
 * at the cost of 6·256 point additions, a millisecond); a key whose δ2 is
 * k·γ2 for a large k, or whose IC points are known multiples of G1, passes
 * them. What makes a key trustworthy is its history: `zkey verify` against
 * a ceremony with a real contribution in each phase. */
#define GROTH16_SMALL_MULTIPLE 256

typedef enum groth16_weakness {
    GROTH16_SOUND,
    GROTH16_NO_PTAU_SECRET,
    GROTH16_BETA_IS_GAMMA,
    GROTH16_DELTA_IS_GAMMA,
    GROTH16_NO_PHASE2_SECRET,
    GROTH16_ALPHA_BETA_KNOWN,
    GROTH16_BETA_GAMMA_RELATED,
    GROTH16_DELTA_GAMMA_RELATED,
} groth16_weakness;

/* The rule above from the facts about a key, shared with the toy curve's
 * keys (snark/groth16_toy.h): the first weakness that applies. */
groth16_weakness groth16_weakness_of(bool alpha_is_g1, bool beta_is_g2, bool beta_is_gamma,
                                     bool delta_is_gamma);
groth16_weakness groth16_vk_weakness(const groth16_vk *vk);
/* NO_PHASE2_SECRET unless some contribution of m is of type 0. The records
 * are taken as they are: zkey_verify checks that they explain δ. */
groth16_weakness groth16_mpc_weakness(const zkey_mpc *m);
/* One sentence: what is wrong and what would fix it. */
const char *groth16_weakness_str(groth16_weakness w);

/* Whether vk may be used: ZK_EINFINITY when α1, β2, γ2 or δ2 is the point
 * at infinity, or an IC point is (public input i then takes any value)
 * unless insecure; ZK_EFORGEABLE when groth16_vk_weakness finds one, unless
 * insecure. why (if not NULL) receives a one-line reason. insecure is for
 * lessons and tests that demonstrate a forgery, never for trusting one. */
zk_err groth16_vk_check(const groth16_vk *vk, bool insecure, char why[160]);
/* The same for a key whose .zkey records mpc (its section 10; NULL for a
 * vk.json, which has none): also ZK_EFORGEABLE, unless insecure, when
 * groth16_mpc_weakness finds no secret in phase 2. Every command that
 * proves with, verifies, or exports a .zkey checks it so. */
zk_err groth16_key_check(const groth16_vk *vk, const zkey_mpc *mpc, bool insecure, char why[160]);

/* ---- snarkjs JSON (groth16_json.c) ------------------------------------------------- */

/* {"pi_a": [...], "pi_b": [...], "pi_c": [...], "protocol": "groth16",
 * "curve": "bn128"}. NULL when out of memory. */
cJSON *groth16_proof_to_json(const groth16_proof *p);
/* ZK_EFORMAT for a malformed object, the decoders' errors for bad points
 * (ZK_ENONCANONICAL, ZK_ENOTONCURVE, ZK_ENOTINSUBGROUP). */
zk_err groth16_proof_from_json(groth16_proof *p, const cJSON *j);

/* ["1", "33", ...] */
cJSON *groth16_public_to_json(const fr_t *pub, size_t n);
/* *pub zk_alloc'ed. ZK_EFORMAT for anything but an array of decimal strings
 * (or numbers); ZK_ENONCANONICAL for a value >= r (which snarkjs calls an
 * invalid public input). */
zk_err groth16_public_from_json(fr_t **pub, size_t *n, const cJSON *j);

/* snarkjs's verification_key.json, vk_alphabeta_12 = e(α, β) included. */
cJSON *groth16_vk_to_json(const groth16_vk *vk);
zk_err groth16_vk_from_json(groth16_vk *vk, const cJSON *j);

/* Reads and parses a JSON file (ZK_EIO, ZK_EFORMAT, ZK_EDUPKEY: core/json.h). */
zk_err groth16_json_read(cJSON **j, const char *path);
/* Writes j indented with one space per level (as snarkjs does), atomically. */
zk_err groth16_json_write(const cJSON *j, const char *path);

#endif
