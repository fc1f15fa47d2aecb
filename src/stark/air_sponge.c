/* The sponge gadget: Plonky2's hash_no_pad as AIR rows (layout, degree and
 * the argument in air_sponge.h). */
#include <sodium.h>
#include <string.h>

#include "stark/air_builtin.h"
#include "stark/air_sponge.h"

static void sp_mds_base(gl_t out[POSEIDON_GL_WIDTH], const gl_t in[POSEIDON_GL_WIDTH])
{
    poseidon_gl_mds(out, in);
}

#define SP_T gl_t
#define SP_FN(name) name##_base
#define SP_ADD(a, b) gl_add((a), (b))
#define SP_SUB(a, b) gl_sub((a), (b))
#define SP_MUL(a, b) gl_mul((a), (b))
#define SP_CONST(c) (c)
#define SP_MDS(o, i) sp_mds_base((o), (i))
#include "stark/air_sponge_eval.h"

#define SP_T gl2_t
#define SP_FN(name) name##_ext
#define SP_ADD(a, b) gl2_add((a), (b))
#define SP_SUB(a, b) gl2_sub((a), (b))
#define SP_MUL(a, b) gl2_mul((a), (b))
#define SP_CONST(c) gl2_from_base(c)
#define SP_MDS(o, i) air_poseidon_mds_ext((o), (i))
#include "stark/air_sponge_eval.h"

/* Row t of a permutation: a full round (its number), or a P row (-1). */
static int sp_full_round(size_t t)
{
    if (t < POSEIDON_GL_HALF_FULL)
        return (int)t;
    if (t < POSEIDON_GL_HALF_FULL + 2)
        return -1;
    return (int)(t - 2 + POSEIDON_GL_PARTIAL);
}

/* A P row's constants (p = 0, 1: partial rounds 4 + 11p ..): PK_j =
 * K_j[0] + c[0] for its rounds and the output offset K_11 (air_sponge.h). */
static void sp_partial_constants(gl_t pk[AIR_SPONGE_PARTIAL_PER_ROW],
                                 gl_t out[POSEIDON_GL_WIDTH], unsigned p)
{
    gl_t k[POSEIDON_GL_WIDTH] = {0};
    for (unsigned j = 0; j < AIR_SPONGE_PARTIAL_PER_ROW; j++) {
        const gl_t *c = poseidon_gl_rc +
                        POSEIDON_GL_WIDTH * (POSEIDON_GL_HALF_FULL + AIR_SPONGE_PARTIAL_PER_ROW * p + j);
        pk[j] = gl_add(k[0], c[0]);
        k[0] = 0;
        for (unsigned i = 1; i < POSEIDON_GL_WIDTH; i++)
            k[i] = gl_add(k[i], c[i]);
        poseidon_gl_mds(k, k);
    }
    memcpy(out, k, sizeof k);
}

void air_sponge_fixed(const air_sponge *g, gl_t *fixed, size_t n_rows, size_t n_main,
                      size_t n_fixed)
{
    size_t perms = air_sponge_perms(g->n_elems), rows = air_sponge_rows(g->n_elems);
    gl_t pk[2][AIR_SPONGE_PARTIAL_PER_ROW], pout[2][POSEIDON_GL_WIDTH];
    for (unsigned p = 0; p < 2; p++)
        sp_partial_constants(pk[p], pout[p], p);
    for (size_t r = g->row0 - 1; r < g->row0 + rows && r < n_rows; r++) {
        gl_t *f = fixed + r * n_fixed + (g->fcol - n_main);
        memset(f, 0, AIR_SPONGE_FIXED * sizeof *f);
        f[SF_CH] = r + 1 < g->row0 + rows;
        if (r < g->row0)
            continue;
        size_t k = (r - g->row0) / AIR_SPONGE_ROWS_PER_PERM, t = (r - g->row0) % AIR_SPONGE_ROWS_PER_PERM;
        int round = sp_full_round(t);
        if (round >= 0) {
            f[SF_F] = 1;
            memcpy(f + SF_RC, poseidon_gl_rc + POSEIDON_GL_WIDTH * (unsigned)round,
                   POSEIDON_GL_WIDTH * sizeof *f);
        } else {
            unsigned p = (unsigned)(t - POSEIDON_GL_HALF_FULL);
            f[SF_P] = 1;
            memcpy(f + SF_RC, pout[p], sizeof pout[p]);
            memcpy(f + SF_PK, pk[p], sizeof pk[p]);
        }
        if (t == 0) {
            size_t len = g->n_elems - POSEIDON_GL_RATE * k;
            for (size_t i = 0; i < POSEIDON_GL_RATE && i < len; i++)
                f[SF_RD + i] = 1;
            f[SF_RA] = (gl_t)(g->addr_base + POSEIDON_GL_RATE * k);
        }
        f[SF_DG] = k + 1 == perms && t + 1 == AIR_SPONGE_ROWS_PER_PERM;
    }
}

/* Fills a row's helpers from its IN and fixed columns, exactly as the
 * constraints read them, and returns its output (the next row's IN before
 * any read). */
static void sp_fill_row(gl_t *m, const gl_t *f, gl_t next_in[POSEIDON_GL_WIDTH])
{
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++) {
        gl_t u = gl_add(m[SP_IN + i], f[SF_RC + i]);
        m[SP_TF + i] = gl_mul(gl_sqr(u), u);
        m[SP_XF + i] = gl_mul(gl_sqr(m[SP_TF + i]), u);
    }
    gl_t v[POSEIDON_GL_WIDTH];
    memcpy(v, m + SP_IN, sizeof v);
    for (unsigned j = 0; j < AIR_SPONGE_PARTIAL_PER_ROW; j++) {
        gl_t u = gl_add(v[0], f[SF_PK + j]);
        m[SP_TP + j] = gl_mul(gl_sqr(u), u);
        m[SP_XP + j] = gl_mul(gl_sqr(m[SP_TP + j]), u);
        v[0] = m[SP_XP + j];
        poseidon_gl_mds(v, v);
    }
    if (f[SF_F]) {
        poseidon_gl_mds(next_in, m + SP_XF);
    } else {
        for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
            next_in[i] = gl_add(v[i], f[SF_RC + i]);
    }
    sodium_memzero(v, sizeof v);
}

void air_sponge_trace(const air_sponge *g, gl_t *trace, size_t width, const gl_t *elems)
{
    size_t rows = air_sponge_rows(g->n_elems);
    gl_t s[POSEIDON_GL_WIDTH] = {0};
    for (size_t r = g->row0; r < g->row0 + rows; r++) {
        gl_t *m = trace + r * width + g->col;
        const gl_t *f = trace + r * width + g->fcol;
        /* hash_no_pad's absorption: the block overwrites the rate. */
        for (unsigned i = 0; i < POSEIDON_GL_RATE; i++)
            if (f[SF_RD + i])
                s[i] = elems[(size_t)(f[SF_RA] - g->addr_base) + i];
        memcpy(m + SP_IN, s, sizeof s);
        sp_fill_row(m, f, s);
    }
    sodium_memzero(s, sizeof s);
}

/* The reads' denominators d_i = α - (RA + i) - β·IN_i. */
static void sp_denominators(gl2_t d[POSEIDON_GL_RATE], const air_sponge *g, const gl2_t *cur,
                            const gl2_t *chal)
{
    for (unsigned i = 0; i < POSEIDON_GL_RATE; i++) {
        gl2_t addr = gl2_add(cur[g->fcol + SF_RA], gl2_from_base(i));
        d[i] = gl2_sub(gl2_sub(chal[0], addr), gl2_mul(chal[1], cur[g->col + SP_IN + i]));
    }
}

void air_sponge_eval_aux(const air_sponge *g, gl2_t *out, const gl2_t *cur, const gl2_t *acur,
                         const gl2_t *chal)
{
    gl2_t d[POSEIDON_GL_RATE];
    sp_denominators(d, g, cur, chal);
    const gl2_t *rd = cur + g->fcol + SF_RD;
    /* h = RD_a/d_a + RD_b/d_b: h·d_a·d_b = RD_a·d_b + RD_b·d_a. */
    for (unsigned k = 0; k < AIR_SPONGE_AUX; k++) {
        gl2_t da = d[2 * k], db = d[2 * k + 1];
        gl2_t rhs = gl2_add(gl2_mul(rd[2 * k], db), gl2_mul(rd[2 * k + 1], da));
        out[k] = gl2_sub(gl2_mul(gl2_mul(acur[g->aux + k], da), db), rhs);
    }
}

zk_err air_sponge_aux(const air_sponge *g, gl2_t *aux, size_t aux_width, const gl_t *trace,
                      size_t width, const gl2_t *chal)
{
    size_t rows = air_sponge_rows(g->n_elems);
    gl2_t cur[AIR_SPONGE_MAIN + AIR_SPONGE_FIXED], d[POSEIDON_GL_RATE], scratch[POSEIDON_GL_RATE];
    /* A view of the row holding only the gadget's columns, at offsets 0. */
    air_sponge v = *g;
    v.col = 0;
    v.fcol = AIR_SPONGE_MAIN;
    for (size_t r = g->row0; r < g->row0 + rows; r++) {
        const gl_t *row = trace + r * width;
        gl2_t *h = aux + r * aux_width + g->aux;
        for (unsigned k = 0; k < AIR_SPONGE_AUX; k++)
            h[k] = gl2_from_base(0);
        if (!row[g->fcol + SF_RD])
            continue;   /* no read on this row */
        for (size_t c = 0; c < AIR_SPONGE_MAIN; c++)
            cur[c] = gl2_from_base(row[g->col + c]);
        for (size_t c = 0; c < AIR_SPONGE_FIXED; c++)
            cur[AIR_SPONGE_MAIN + c] = gl2_from_base(row[g->fcol + c]);
        sp_denominators(d, &v, cur, chal);
        zk_err err = gl2_batch_inv(d, POSEIDON_GL_RATE, scratch);
        if (err)
            return ZK_EVERIFY;
        for (unsigned i = 0; i < POSEIDON_GL_RATE; i++)
            h[i / 2] = gl2_add(h[i / 2], gl2_mul_base(d[i], row[g->fcol + SF_RD + i]));
    }
    return ZK_OK;
}

void air_sponge_constraints(const air_sponge *g, stark_air *a, size_t first, size_t first_aux)
{
    (void)g;
    size_t c = first;
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 3, false,
                                 "sponge TF%u = (IN%u + RC%u)^3", i, i, i);
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 3, false,
                                 "sponge XF%u = TF%u^2 (IN%u + RC%u)", i, i, i, i);
    for (unsigned j = 0; j < AIR_SPONGE_PARTIAL_PER_ROW; j++)
        stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 3, false,
                                 "sponge TP%u = U%u^3", j, j);
    for (unsigned j = 0; j < AIR_SPONGE_PARTIAL_PER_ROW; j++)
        stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 3, false,
                                 "sponge XP%u = TP%u^2 U%u", j, j, j);
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        stark_air_set_constraint(a, c++, STARK_TRANSITION, 0, 3, false,
                                 "sponge next IN%u chained", i);
    for (unsigned i = 0; i < POSEIDON_GL_DIGEST; i++)
        stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 2, false,
                                 "sponge digest%u", i);
    for (unsigned k = 0; k < AIR_SPONGE_AUX; k++)
        stark_air_set_constraint(a, first_aux + k, STARK_EVERY_ROW, 0, 3, true,
                                 "sponge reads %u, %u", 2 * k, 2 * k + 1);
}
