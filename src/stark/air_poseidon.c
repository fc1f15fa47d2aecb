/* poseidon-chain: a hash chain of Poseidon permutations, one per row.
 *
 * Row i holds permutation i of the chain state_{i+1} = P(state_i), its
 * input and the intermediate values that keep every constraint at degree 7
 * (the S-box): 118 columns,
 *   IN      12   the permutation's input (state_i)
 *   S0..S3  48   the state after each of the four first full rounds
 *   X4..X25 22   the S-box output of each partial round (element 0 only: the
 *                other eleven elements stay linear forms in S3 and the X's,
 *                so they need no columns)
 *   S26..S28 36  the state after the next three full rounds
 * and 130 constraints:
 *   every row  S_r = M·(S_{r-1} + c_r)^7 for the full rounds (84), and
 *              X_r = (v_r[0] + c_r[0])^7 for the partial ones (22), where
 *              v_r is the linear state before round r;
 *   transition next.IN = M·(S28 + c_29)^7, the last round's output (12);
 *   last row   M·(S28 + c_29)^7 = the public result (12).
 * The seed (row 0's IN) is private. Round 29's output is never stored: it is
 * the next row's input, or the result. */
#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "hash/poseidon_gl.h"
#include "stark/air_builtin.h"

#define PC_IN 0
#define PC_WIDTH 118
#define PC_CONSTRAINTS 130

/* Column of S_r[0] for a full round r (not the last), of X_r for a partial one. */
static inline size_t pc_s(unsigned r)
{
    return r < POSEIDON_GL_HALF_FULL ? 12 + 12 * (size_t)r : 82 + 12 * (size_t)(r - 26);
}

static inline size_t pc_x(unsigned r)
{
    return 60 + (size_t)(r - POSEIDON_GL_HALF_FULL);
}

void air_poseidon_mds_ext(gl2_t out[POSEIDON_GL_WIDTH], const gl2_t in[POSEIDON_GL_WIDTH])
{
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++) {
        gl2_t acc = gl2_mul_base(in[i], poseidon_gl_mds_diag[i]);
        for (unsigned k = 0; k < POSEIDON_GL_WIDTH; k++)
            acc = gl2_add(acc, gl2_mul_base(in[(i + k) % POSEIDON_GL_WIDTH], poseidon_gl_mds_circ[k]));
        out[i] = acc;
    }
}

#define PE_T gl_t
#define PE_FN(name) base_##name
#define PE_ADD(a, b) gl_add((a), (b))
#define PE_SUB(a, b) gl_sub((a), (b))
#define PE_MUL(a, b) gl_mul((a), (b))
#define PE_CONST(c) (c)
#define PE_MDS(o, i) poseidon_gl_mds((o), (i))
#include "stark/air_poseidon_eval.h"

#define PE_T gl2_t
#define PE_FN(name) ext_##name
#define PE_ADD(a, b) gl2_add((a), (b))
#define PE_SUB(a, b) gl2_sub((a), (b))
#define PE_MUL(a, b) gl2_mul((a), (b))
#define PE_CONST(c) gl2_from_base(c)
#define PE_MDS(o, i) air_poseidon_mds_ext((o), (i))
#include "stark/air_poseidon_eval.h"

static zk_err pc_trace(const stark_air *a, gl_t *t)
{
    gl_t s[POSEIDON_GL_WIDTH];
    memcpy(s, a->witness, sizeof s);
    for (size_t i = 0; i < a->n_rows; i++) {
        gl_t *row = t + i * PC_WIDTH;
        memcpy(row + PC_IN, s, sizeof s);
        for (unsigned r = 0; r < POSEIDON_GL_ROUNDS; r++) {
            if (!poseidon_gl_full_round(r))
                row[pc_x(r)] = poseidon_gl_sbox(gl_add(s[0], poseidon_gl_rc[POSEIDON_GL_WIDTH * r]));
            poseidon_gl_round(s, r);
            if (poseidon_gl_full_round(r) && r + 1 < POSEIDON_GL_ROUNDS)
                memcpy(row + pc_s(r), s, sizeof s);
        }
    }
    sodium_memzero(s, sizeof s);
    return ZK_OK;
}

static void pc_free(stark_air *a)
{
    zk_free_secret(a->witness, POSEIDON_GL_WIDTH, sizeof(gl_t));
    a->witness = NULL;
}

static const stark_air_vt pc_vt = {base_eval, ext_eval, NULL, pc_trace, NULL, pc_free, NULL};

static zk_err pc_shape(stark_air *a, size_t n)
{
    zk_err err = stark_air_init(a, "poseidon-chain", n, PC_WIDTH);
    if (!err)
        err = stark_air_alloc_constraints(a, PC_CONSTRAINTS);
    if (err)
        return err;
    a->vt = &pc_vt;
    a->n_main_cons = PC_CONSTRAINTS;
    a->params[0] = n;
    a->n_params = 1;
    a->n_pub = POSEIDON_GL_WIDTH;
    size_t c = 0;
    for (unsigned r = 0; r + 1 < POSEIDON_GL_ROUNDS; r++) {
        if (poseidon_gl_full_round(r)) {
            for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
                stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 7, false,
                                         "S%u[%u] = full round %u of the state", r, i, r);
        } else {
            stark_air_set_constraint(a, c++, STARK_EVERY_ROW, 0, 7, false,
                                     "X%u = S-box of partial round %u", r, r);
        }
    }
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        stark_air_set_constraint(a, c++, STARK_TRANSITION, 0, 7, false,
                                 "next.IN[%u] = output[%u]", i, i);
    for (unsigned i = 0; i < POSEIDON_GL_WIDTH; i++)
        stark_air_set_constraint(a, c++, STARK_ROW, n - 1, 7, false,
                                 "output[%u] = result[%u] at the last row", i, i);
    return ZK_OK;
}

zk_err air_poseidon_chain_statement(stark_air *a, const uint64_t *params, size_t np,
                                    const gl_t *pub, size_t npub)
{
    if (np != 1 || npub != POSEIDON_GL_WIDTH || !air_rows_ok(params[0]))
        return ZK_EINVAL;
    zk_err err = pc_shape(a, (size_t)params[0]);
    if (err)
        return err;
    memcpy(a->pub, pub, POSEIDON_GL_WIDTH * sizeof *pub);
    return ZK_OK;
}

void air_poseidon_chain_output(gl_t out[12], const gl_t seed[12], size_t steps)
{
    memcpy(out, seed, POSEIDON_GL_WIDTH * sizeof *out);
    for (size_t i = 0; i < steps; i++)
        poseidon_gl_permute(out);
}

zk_err air_poseidon_chain_new(stark_air *a, size_t steps, const gl_t seed[12])
{
    memset(a, 0, sizeof *a);
    if (!air_rows_ok(steps))
        return ZK_EINVAL;
    zk_err err = pc_shape(a, steps);
    if (err)
        return err;
    gl_t *w = zk_alloc(POSEIDON_GL_WIDTH, sizeof *w);
    if (!w) {
        stark_air_free(a);
        return ZK_ENOMEM;
    }
    memcpy(w, seed, POSEIDON_GL_WIDTH * sizeof *w);
    a->witness = w;
    air_poseidon_chain_output(a->pub, seed, steps);
    return ZK_OK;
}
