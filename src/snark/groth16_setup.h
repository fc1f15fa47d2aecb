/* Groth16 setup: the proving key of a circuit, in snarkjs's .zkey layout
 * (snark/zkey.h).
 *
 * Two ways to get one:
 *   from a powers-of-tau file (groth16_setup_ptau), as `snarkjs groth16
 *   setup` does, followed by one phase-2 contribution with a fresh secret δ
 *   (unlike snarkjs, whose fresh key has δ = γ = the generator and so lets
 *   anyone forge: A = α, B = β, C = −vk_x verifies for any public input,
 *   lesson 10); nobody learns τ, α, β
 *   and the secret δ is wiped;
 *   from secrets (groth16_setup_toxic with given ones, groth16_setup_secrets
 *   with fresh ones sampled and wiped): the same key computed from τ, α, β,
 *   γ, δ directly, with fixed-base tables, no ceremony needed: the way to a
 *   key for a circuit too big for any ceremony one can prepare on a laptop.
 *   Its trust is the machine's: whoever ran it could have kept τ, and τ
 *   alone lets one forge proofs (a phase-2 contribution re-randomises δ
 *   only, and does not change that).
 * Both write every section exactly as snarkjs would for the same
 * secrets, so snarkjs proves and verifies with either key. */
#ifndef ZK_SNARK_GROTH16_SETUP_H
#define ZK_SNARK_GROTH16_SETUP_H

#include "core/event.h"
#include "core/rng.h"
#include "snark/groth16_cs.h"
#include "snark/zkey.h"

typedef struct groth16_toxic {
    fr_t tau, alpha, beta, gamma, delta;
} groth16_toxic;

/* Five random non-zero secrets (rng = NULL: the OS). */
void groth16_toxic_random(groth16_toxic *t, zk_rng *rng);
void groth16_toxic_wipe(groth16_toxic *t);

/* The Lagrange basis of the 2^log_n-th roots of unity at x:
 * out[i] = L_i(x) = (x^n − 1)/n · ω^i/(x − ω^i), i < n. ZK_EINVAL when x is
 * itself a root of unity of that order (then L_i(x) is 0 or 1). */
zk_err groth16_lagrange_at(fr_t *out, unsigned log_n, const fr_t *x);

/* The key for cs from the secrets. secret = true uses constant-time
 * fixed-base multiplication (a real key), false the faster variable-time
 * one (benchmarks, lessons with published secrets). Progress: phase
 * "setup" (points done of all), and the fixed-base events inside.
 * The MPC section has a zero circuit hash and no contributions. */
zk_err groth16_setup_toxic(groth16_pk *pk, const groth16_cs *cs, const groth16_toxic *t,
                           bool secret, const zk_events *ev);

/* The key for cs from five secrets drawn from rng (NULL: the OS, as a real
 * key wants; a seeded generator only in tests) and wiped before returning:
 * groth16_setup_toxic, constant-time in the secrets. α and β are random, so
 * the key is none of the forgeable kinds of snark/groth16.h; but see above
 * for whom it makes the user trust. Errors: those of groth16_setup_toxic. */
zk_err groth16_setup_secrets(groth16_pk *pk, const groth16_cs *cs, zk_rng *rng,
                             const zk_events *ev);

/* The sizes in a key's header for cs: wires, public inputs, the domain
 * (snark/groth16_cs.h groth16_cs_log_domain; at most 2^27 when called). */
void groth16_setup_sizes(zkey_header *h, const groth16_cs *cs);

/* Section 4 of a key for cs, in snarkjs's order: per constraint its A then
 * its B terms, then A coefficient 1 for each public wire s in constraint
 * n_constraints + s. *c is zk_alloc'ed. */
zk_err groth16_setup_coefs(zkey_coef **c, size_t *n, const groth16_cs *cs);

#endif
