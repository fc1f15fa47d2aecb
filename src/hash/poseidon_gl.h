/* The Poseidon permutation over Goldilocks with Plonky2's parameters.
 *
 * Grassi, Khovratovich, Rechberger, Roy, Schofnegger, "Poseidon: A New Hash
 * Function for Zero-Knowledge Proof Systems" (USENIX Security 2021), as
 * instantiated by Plonky2: state width 12, 8 full rounds (4 before and 4
 * after) and 22 partial rounds, S-box x^7 (gcd(7, p - 1) = 1, so it is a
 * permutation of the field). Round r (r = 0..29):
 *   state[i] += rc[12·r + i]                       for every i, every round
 *   state[i] = state[i]^7    for every i (full) or for i = 0 only (partial)
 *   state = M·state,  M[i][j] = circ[(j - i) mod 12] + (i = j)·diag[i]
 * This is Plonky2's poseidon_naive; its production form computes the same
 * function. The constants are in poseidon_gl_constants.c, generated from
 * ../shared/data/vectors/poseidon_goldilocks by
 * scripts/gen_poseidon_gl_constants.py.
 *
 * This is the STARK benchmark's workload: one step of a hash chain is one
 * permutation, both here in plain C and as the poseidon-chain AIR. */
#ifndef ZK_HASH_POSEIDON_GL_H
#define ZK_HASH_POSEIDON_GL_H

#include "field/goldilocks.h"

#define POSEIDON_GL_WIDTH 12
#define POSEIDON_GL_ROUNDS 30
#define POSEIDON_GL_HALF_FULL 4      /* full rounds before and after the partial ones */
#define POSEIDON_GL_PARTIAL 22

extern const gl_t poseidon_gl_rc[POSEIDON_GL_ROUNDS * POSEIDON_GL_WIDTH];
extern const uint64_t poseidon_gl_mds_circ[POSEIDON_GL_WIDTH];
extern const uint64_t poseidon_gl_mds_diag[POSEIDON_GL_WIDTH];

static inline bool poseidon_gl_full_round(unsigned r)
{
    return r < POSEIDON_GL_HALF_FULL || r >= POSEIDON_GL_HALF_FULL + POSEIDON_GL_PARTIAL;
}

static inline gl_t poseidon_gl_sbox(gl_t x)
{
    gl_t x2 = gl_sqr(x), x3 = gl_mul(x2, x), x6 = gl_sqr(x3);
    return gl_mul(x6, x);
}

/* out = M·in; out may be in. The entries are small (< 2^6), so each output
 * is summed in 128 bits and reduced once. */
void poseidon_gl_mds(gl_t out[POSEIDON_GL_WIDTH], const gl_t in[POSEIDON_GL_WIDTH]);
/* One round, r = 0..29, in place. */
void poseidon_gl_round(gl_t state[POSEIDON_GL_WIDTH], unsigned r);
/* The whole permutation, in place. */
void poseidon_gl_permute(gl_t state[POSEIDON_GL_WIDTH]);

#endif
