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
#include "hash/poseidon_gl_mds.h"

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

/* Row i of M·v for one 32-bit half of v: the entries are below 2^6 and
 * rows sum to less than 2^9, so 13 terms below 2^38 fit a u64 exactly. */
#define POSEIDON_GL_MDS_ROW(v, i)                                                     \
    (POSEIDON_GL_CIRC_0 * v[(i + 0) % 12] + POSEIDON_GL_CIRC_1 * v[(i + 1) % 12] +    \
     POSEIDON_GL_CIRC_2 * v[(i + 2) % 12] + POSEIDON_GL_CIRC_3 * v[(i + 3) % 12] +    \
     POSEIDON_GL_CIRC_4 * v[(i + 4) % 12] + POSEIDON_GL_CIRC_5 * v[(i + 5) % 12] +    \
     POSEIDON_GL_CIRC_6 * v[(i + 6) % 12] + POSEIDON_GL_CIRC_7 * v[(i + 7) % 12] +    \
     POSEIDON_GL_CIRC_8 * v[(i + 8) % 12] + POSEIDON_GL_CIRC_9 * v[(i + 9) % 12] +    \
     POSEIDON_GL_CIRC_10 * v[(i + 10) % 12] + POSEIDON_GL_CIRC_11 * v[(i + 11) % 12] + \
     POSEIDON_GL_DIAG_##i * v[i])

/* out = M·in; out may be in. Each input is split into 32-bit halves, the
 * small-coefficient products are summed exactly in 64 bits, and each output
 * is reduced once from hi·2^32 + lo < 2^71 (Plonky2's split trick). */
static inline void poseidon_gl_mds(gl_t out[POSEIDON_GL_WIDTH], const gl_t in[POSEIDON_GL_WIDTH])
{
    uint64_t lo[POSEIDON_GL_WIDTH], hi[POSEIDON_GL_WIDTH], sl[POSEIDON_GL_WIDTH],
        sh[POSEIDON_GL_WIDTH];
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++) {
        lo[i] = in[i] & 0xffffffffu;
        hi[i] = in[i] >> 32;
    }
#define POSEIDON_GL_MDS_OUT(i)               \
    sl[i] = POSEIDON_GL_MDS_ROW(lo, i);      \
    sh[i] = POSEIDON_GL_MDS_ROW(hi, i);
    POSEIDON_GL_MDS_OUT(0) POSEIDON_GL_MDS_OUT(1) POSEIDON_GL_MDS_OUT(2) POSEIDON_GL_MDS_OUT(3)
    POSEIDON_GL_MDS_OUT(4) POSEIDON_GL_MDS_OUT(5) POSEIDON_GL_MDS_OUT(6) POSEIDON_GL_MDS_OUT(7)
    POSEIDON_GL_MDS_OUT(8) POSEIDON_GL_MDS_OUT(9) POSEIDON_GL_MDS_OUT(10) POSEIDON_GL_MDS_OUT(11)
#undef POSEIDON_GL_MDS_OUT
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        out[i] = gl_reduce128(((zk_u128)sh[i] << 32) + sl[i]);
}
/* One round, r = 0..29, in place. */
void poseidon_gl_round(gl_t state[POSEIDON_GL_WIDTH], unsigned r);
/* The whole permutation, in place. */
void poseidon_gl_permute(gl_t state[POSEIDON_GL_WIDTH]);

/* Plonky2's sponge (hashing.rs, hash_n_to_hash_no_pad, as
 * PoseidonHash::hash_no_pad calls it): rate 8, capacity 4, the state
 * starting at zero; each block of up to 8 inputs OVERWRITES state[0..len)
 * (the last block may be shorter: the rest of the rate keeps what the
 * permutation left) and the state is permuted; the digest is state[0..4)
 * after the last permutation (no inputs: no permutation, a zero digest).
 * No padding: lengths must be fixed by the context. */
#define POSEIDON_GL_RATE 8
#define POSEIDON_GL_DIGEST 4
void poseidon_gl_hash_no_pad(gl_t out[POSEIDON_GL_DIGEST], const gl_t *in, size_t n);

#endif
