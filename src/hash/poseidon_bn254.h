/* Poseidon over BN254's Fr with circomlib's parameters (Grassi, Khovratovich,
 * Rechberger, Roy, Schofnegger, "Poseidon: A New Hash Function for
 * Zero-Knowledge Proof Systems", USENIX Security 2021; constants and round
 * numbers of iden3's circomlib / circomlibjs).
 *
 * State width t = inputs + 1 (2..17), S-box x^5, 8 full rounds and 56..68
 * partial rounds depending on t. Each round adds its t round constants,
 * applies the S-box (to every element in the first 4 and last 4 rounds, to
 * element 0 in the others), then multiplies by the t×t MDS matrix:
 * new[i] = Σ_j M[i][j]·old[j]. The state starts as [initial, in_1, ..., in_n]
 * and the hash is element 0 of the final state (circomlib's Poseidon); the
 * extended form returns the first n_out elements (circomlib's PoseidonEx).
 *
 * The tables (poseidon_bn254_constants.c) are generated from circomlibjs's
 * poseidon_constants.json by scripts/gen_poseidon_constants.py. */
#ifndef ZK_HASH_POSEIDON_BN254_H
#define ZK_HASH_POSEIDON_BN254_H

#include "core/err.h"
#include "field/fr.h"

#define POSEIDON_BN254_MAX_T 17
#define POSEIDON_BN254_MAX_INPUTS (POSEIDON_BN254_MAX_T - 1)

typedef struct poseidon_bn254_params {
    unsigned t, full_rounds, partial_rounds;
    const uint64_t (*c)[4];   /* t·(full + partial) round constants, plain limbs */
    const uint64_t (*m)[4];   /* t·t MDS entries, row-major, plain limbs */
} poseidon_bn254_params;

/* Index t - 2. */
extern const poseidon_bn254_params poseidon_bn254_table[POSEIDON_BN254_MAX_T - 1];

/* out = Poseidon(in[0..n)), 1 <= n <= 16; ZK_EINVAL otherwise. */
zk_err poseidon_bn254_hash(fr_t *out, const fr_t *in, size_t n);
/* The first n_out (1..n+1) elements of the final state, starting from
 * [initial, in...]. */
zk_err poseidon_bn254_hash_ex(fr_t *out, size_t n_out, const fr_t *in, size_t n,
                              const fr_t *initial);

#endif
