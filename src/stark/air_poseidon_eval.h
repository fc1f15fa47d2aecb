/* The poseidon-chain AIR's constraints, written once for both fields.
 *
 * Included by air_poseidon.c twice, with
 *   PE_T           the element type (gl_t, gl2_t)
 *   PE_FN(name)    the function name for this field
 *   PE_ADD PE_SUB PE_MUL(a, b), PE_CONST(gl_t c)   arithmetic
 *   PE_MDS(out, in)   out = M·in over 12 elements
 * The column layout and the order of the constraints are described in
 * air_poseidon.c. */

static PE_T PE_FN(sbox)(PE_T x)
{
    PE_T x2 = PE_MUL(x, x), x3 = PE_MUL(x2, x), x6 = PE_MUL(x3, x3);
    return PE_MUL(x6, x);
}

static void PE_FN(eval)(const stark_air *a, PE_T *out, const PE_T *cur, const PE_T *next,
                        const PE_T *per)
{
    (void)per;
    PE_T u[POSEIDON_GL_WIDTH], v[POSEIDON_GL_WIDTH];
    size_t o = 0;
    const PE_T *prev = cur + PC_IN;
    for (unsigned r = 0; r < POSEIDON_GL_ROUNDS; r++) {
        const gl_t *rc = poseidon_gl_rc + POSEIDON_GL_WIDTH * r;
        if (r >= POSEIDON_GL_HALF_FULL && r < POSEIDON_GL_HALF_FULL + POSEIDON_GL_PARTIAL) {
            /* Partial round: v holds the state, a linear form in the
             * columns; the S-box output is the column X_r. */
            for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
                u[i] = PE_ADD(v[i], PE_CONST(rc[i]));
            PE_T x = cur[pc_x(r)];
            out[o++] = PE_SUB(x, PE_FN(sbox)(u[0]));
            u[0] = x;
            PE_MDS(v, u);
            if (r + 1 == POSEIDON_GL_HALF_FULL + POSEIDON_GL_PARTIAL)
                prev = v;
            continue;
        }
        for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
            u[i] = PE_FN(sbox)(PE_ADD(prev[i], PE_CONST(rc[i])));
        PE_MDS(v, u);
        if (r + 1 == POSEIDON_GL_ROUNDS)
            break;
        /* A full round's output is a block of columns S_r. */
        const PE_T *s = cur + pc_s(r);
        for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
            out[o++] = PE_SUB(s[i], v[i]);
        prev = s;
        if (r + 1 == POSEIDON_GL_HALF_FULL) {
            for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
                v[i] = s[i];
        }
    }
    /* v is the permutation's output: the next row's input, and at the last
     * row the public result. */
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        out[o++] = PE_SUB(next[PC_IN + i], v[i]);
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        out[o++] = PE_SUB(v[i], PE_CONST(a->pub[i]));
}

#undef PE_T
#undef PE_FN
#undef PE_ADD
#undef PE_SUB
#undef PE_MUL
#undef PE_CONST
#undef PE_MDS
