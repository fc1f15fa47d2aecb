#include "hash/poseidon_gl.h"

void poseidon_gl_mds(gl_t out[POSEIDON_GL_WIDTH], const gl_t in[POSEIDON_GL_WIDTH])
{
    gl_t t[POSEIDON_GL_WIDTH];
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++) {
        /* At most 13 terms below 2^70 each: the sum stays below 2^74. */
        zk_u128 acc = (zk_u128)in[i] * poseidon_gl_mds_diag[i];
        for (unsigned k = 0; k < POSEIDON_GL_WIDTH; k++) {
            unsigned j = i + k < POSEIDON_GL_WIDTH ? i + k : i + k - POSEIDON_GL_WIDTH;
            acc += (zk_u128)in[j] * poseidon_gl_mds_circ[k];
        }
        t[i] = gl_reduce128(acc);
    }
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        out[i] = t[i];
}

void poseidon_gl_round(gl_t s[POSEIDON_GL_WIDTH], unsigned r)
{
    const gl_t *rc = poseidon_gl_rc + POSEIDON_GL_WIDTH * r;
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        s[i] = gl_add(s[i], rc[i]);
    if (poseidon_gl_full_round(r)) {
        for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
            s[i] = poseidon_gl_sbox(s[i]);
    } else {
        s[0] = poseidon_gl_sbox(s[0]);
    }
    poseidon_gl_mds(s, s);
}

void poseidon_gl_permute(gl_t s[POSEIDON_GL_WIDTH])
{
    for (unsigned r = 0; r < POSEIDON_GL_ROUNDS; r++)
        poseidon_gl_round(s, r);
}
