#include "hash/poseidon_gl.h"

#include <sodium.h>
#include <string.h>

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

void poseidon_gl_hash_no_pad(gl_t out[POSEIDON_GL_DIGEST], const gl_t *in, size_t n)
{
    gl_t st[POSEIDON_GL_WIDTH] = {0};
    for (size_t b = 0; b < n; b += POSEIDON_GL_RATE) {
        size_t len = n - b < POSEIDON_GL_RATE ? n - b : POSEIDON_GL_RATE;
        memcpy(st, in + b, len * sizeof *st);
        poseidon_gl_permute(st);
    }
    memcpy(out, st, POSEIDON_GL_DIGEST * sizeof *out);
    /* The inputs may be private (a model's weights). */
    sodium_memzero(st, sizeof st);
}
