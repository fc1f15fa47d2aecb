#include "hash/poseidon_gl.h"

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
