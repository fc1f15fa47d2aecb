/* The sponge gadget's constraints (air_sponge.h), written once for both
 * fields. Included by air_sponge.c twice, with
 *   SP_T           the element type (gl_t, gl2_t)
 *   SP_FN(name)    the function name for this field
 *   SP_ADD SP_SUB SP_MUL(a, b), SP_CONST(gl_t c)   arithmetic
 *   SP_MDS(out, in)   out = M·in over 12 elements, out != in */

static inline SP_T SP_FN(cube)(SP_T x)
{
    return SP_MUL(SP_MUL(x, x), x);
}

void SP_FN(air_sponge_eval)(const air_sponge *g, SP_T *out, const SP_T *cur, const SP_T *next)
{
    const SP_T *m = cur + g->col, *f = cur + g->fcol, *nm = next + g->col, *nf = next + g->fcol;
    /* The full round: definitions of TF and XF from IN and RC. */
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++) {
        SP_T u = SP_ADD(m[SP_IN + i], f[SF_RC + i]), t = m[SP_TF + i];
        out[i] = SP_SUB(t, SP_FN(cube)(u));
        out[POSEIDON_GL_WIDTH + i] = SP_SUB(m[SP_XF + i], SP_MUL(SP_MUL(t, t), u));
    }
    SP_T mxf[POSEIDON_GL_WIDTH], v[POSEIDON_GL_WIDTH], w[POSEIDON_GL_WIDTH];
    SP_MDS(mxf, m + SP_XF);
    /* Eleven partial rounds on Lin_j, their constants in PK and RC. */
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        v[i] = m[SP_IN + i];
    for (unsigned j = 0; j < AIR_SPONGE_PARTIAL_PER_ROW; j++) {
        SP_T u = SP_ADD(v[0], f[SF_PK + j]), t = m[SP_TP + j], x = m[SP_XP + j];
        out[24 + j] = SP_SUB(t, SP_FN(cube)(u));
        out[24 + AIR_SPONGE_PARTIAL_PER_ROW + j] = SP_SUB(x, SP_MUL(SP_MUL(t, t), u));
        v[0] = x;
        SP_MDS(w, v);
        for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
            v[i] = w[i];
    }
    /* The chain into the next row, where it is not overwritten by a read. */
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++) {
        SP_T keep = i < POSEIDON_GL_RATE ? SP_SUB(f[SF_CH], nf[SF_RD + i]) : f[SF_CH];
        SP_T d = SP_SUB(nm[SP_IN + i], SP_MUL(f[SF_F], mxf[i]));
        d = SP_SUB(d, SP_MUL(f[SF_P], SP_ADD(v[i], f[SF_RC + i])));
        out[46 + i] = SP_MUL(keep, d);
    }
    for (unsigned i = 0; i < POSEIDON_GL_DIGEST; i++)
        out[58 + i] = SP_MUL(f[SF_DG], SP_SUB(mxf[i], SP_CONST(g->digest[i])));
}

#undef SP_T
#undef SP_FN
#undef SP_ADD
#undef SP_SUB
#undef SP_MUL
#undef SP_CONST
#undef SP_MDS
