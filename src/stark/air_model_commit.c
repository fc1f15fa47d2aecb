/* model-commit: "parameters, each within its slot width, pack and hash to
 * this public digest under this public header" — the model commitment
 * from the raw parameters: the unpack lanes (air_sponge_unpack.h) write
 * the packed elements, the sponge (air_sponge.h) reads and hashes them,
 * and a range table 0..2^R - 1 serves the slots' range reads.
 *
 * The statement: params R; public values the header (zkml_hash_header's
 * layout: 1, first layer, layers L, salted = 0, then per layer fan-in,
 * biases, w_exp, in_exp, out_exp, acc_bits, b_w, b_b), which fixes every
 * tensor's length and width, then the 4-element digest. Standing alone
 * there are no CNN reads: the parameters' multiplicities are 0 (the CNN
 * AIR gives their uses).
 *
 * Columns: main  the sponge's 58, the lanes' 12, RM (the range table's
 *                multiplicity): 71
 *          fixed the sponge's 36, the lanes' 31, RT (min(row, 2^R - 1)): 68
 *          aux   the sponge's 4, the lanes' 9, the table's, L: 15
 * Both gadgets start at row 1; N is the power of two holding both and
 * the table. For the shipped model (R = 16): 2^16 rows. */
#include <string.h>

#include "core/alloc.h"
#include "core/hex.h"
#include "hash/poseidon_gl.h"
#include "stark/air_builtin.h"
#include "stark/air_sponge.h"
#include "stark/air_sponge_unpack.h"

enum {
    MC_LANES = 4,
    MC_UP = AIR_SPONGE_MAIN,
    MC_RM = MC_UP + AIR_UNPACK_MAIN(MC_LANES),
    MC_MAIN,
    MC_SF = MC_MAIN,
    MC_UF = MC_SF + AIR_SPONGE_FIXED,
    MC_RT = MC_UF + AIR_UNPACK_FIXED(MC_LANES),
    MC_WIDTH,
    MC_FIXED = MC_WIDTH - MC_MAIN,
    MC_AUP = AIR_SPONGE_AUX,
    MC_HT = MC_AUP + AIR_UNPACK_AUX(MC_LANES),
    MC_L,
    MC_AUX,
    MC_MAIN_CONS = AIR_SPONGE_CONS + AIR_UNPACK_CONS(MC_LANES),
    MC_CONS = MC_MAIN_CONS + AIR_SPONGE_AUX_CONS + AIR_UNPACK_AUX_CONS(MC_LANES) + 4,
};

/* The witness: each tensor's parameters. */
typedef struct mc_witness {
    int64_t *values[AIR_UNPACK_TENSORS_MAX];
} mc_witness;

/* The lanes' layout from the statement's header; false for a header this
 * AIR does not take. */
static bool mc_layout(air_unpack *u, const gl_t *pub, size_t n_pub, unsigned r)
{
    memset(u, 0, sizeof *u);
    if (n_pub < 4 + POSEIDON_GL_DIGEST || pub[0] != 1 || pub[3] != 0 || pub[2] < 1 ||
        pub[2] > AIR_UNPACK_TENSORS_MAX / 2)
        return false;
    size_t layers = (size_t)pub[2], nh = 4 + 8 * layers, total = 0;
    if (n_pub != nh + POSEIDON_GL_DIGEST || nh > AIR_UNPACK_HEADER_MAX)
        return false;
    u->n_header = nh;
    for (size_t k = 0; k < nh; k++)
        u->header[k] = pub[k];
    for (size_t l = 0; l < layers; l++) {
        const gl_t *h = pub + 4 + 8 * l;
        if (h[0] < 1 || h[1] < 1 || h[0] > (1u << 20) || h[1] > (1u << 20) || h[6] > 63 ||
            h[7] > 63)
            return false;
        u->t[2 * l] = (air_unpack_tensor){(size_t)(h[0] * h[1]), (unsigned)h[6], 0, total};
        total += (size_t)(h[0] * h[1]);
        u->t[2 * l + 1] = (air_unpack_tensor){(size_t)h[1], (unsigned)h[7], 0, total};
        total += (size_t)h[1];
    }
    if (total > ((size_t)1 << 24))
        return false;
    u->n_tensors = 2 * layers;
    u->lanes = MC_LANES;
    u->range_bits = r;
    u->elem_base = 0;
    u->row0 = 1;
    u->col = MC_UP;
    u->fcol = MC_UF;
    u->aux = MC_AUP;
    return air_unpack_ok(u);
}

static void mc_gadgets(const stark_air *a, air_sponge *g, air_unpack *u)
{
    mc_layout(u, a->pub, a->n_pub, (unsigned)a->params[0]);
    *g = (air_sponge){air_unpack_elements(u), 1, 0, MC_SF, 0, 0, a->pub + u->n_header};
}

/* The gadgets as the constraint evaluators need them, on every row of the
 * LDE: their columns and the digest (the statement's last values: mc_shape
 * took only n_pub = header + digest), so that no row parses the header
 * again. The full layout is mc_gadgets', for the fixed columns, the trace
 * and the helpers; air_cnn.c's evaluators do the same. */
static const air_unpack mc_eval_lanes = {.lanes = MC_LANES, .col = MC_UP, .fcol = MC_UF,
                                         .aux = MC_AUP};

static air_sponge mc_eval_sponge(const stark_air *a)
{
    return (air_sponge){.fcol = MC_SF, .digest = a->pub + a->n_pub - POSEIDON_GL_DIGEST};
}

static void mc_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                         const gl_t *per)
{
    (void)per;
    air_sponge g = mc_eval_sponge(a);
    air_sponge_eval_base(&g, out, cur, next);
    air_unpack_eval_base(&mc_eval_lanes, out + AIR_SPONGE_CONS, cur, next);
}

static void mc_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *per)
{
    (void)per;
    air_sponge g = mc_eval_sponge(a);
    air_sponge_eval_ext(&g, out, cur, next);
    air_unpack_eval_ext(&mc_eval_lanes, out + AIR_SPONGE_CONS, cur, next);
}

static void mc_eval_aux(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *acur, const gl2_t *anext, const gl2_t *chal,
                        const gl2_t *per)
{
    (void)next;
    (void)per;
    air_sponge g = mc_eval_sponge(a);
    air_sponge_eval_aux(&g, out, cur, acur, chal);
    out += AIR_SPONGE_AUX_CONS;
    air_unpack_eval_aux(&mc_eval_lanes, out, cur, acur, chal);
    out += AIR_UNPACK_AUX_CONS(MC_LANES);
    /* The range table: -RM/(γ - RT). */
    out[0] = gl2_add(gl2_mul(acur[MC_HT], gl2_sub(chal[2], cur[MC_RT])), cur[MC_RM]);
    stark_logup_sum_eval(out + 1, acur, anext, MC_L);
}

static zk_err mc_fixed(const stark_air *a, gl_t *f)
{
    air_sponge g;
    air_unpack u;
    mc_gadgets(a, &g, &u);
    memset(f, 0, a->n_rows * MC_FIXED * sizeof *f);
    air_sponge_fixed(&g, f, a->n_rows, MC_MAIN, MC_FIXED);
    air_unpack_fixed(&u, f, MC_MAIN, MC_FIXED);
    size_t table = (size_t)1 << u.range_bits;
    for (size_t r = 0; r < a->n_rows; r++)
        f[r * MC_FIXED + MC_RT - MC_MAIN] = (gl_t)(r < table ? r : table - 1);
    return ZK_OK;
}

static zk_err mc_trace(const stark_air *a, gl_t *t)
{
    air_sponge g;
    air_unpack u;
    mc_gadgets(a, &g, &u);
    const mc_witness *w = a->witness;
    for (size_t r = 0; r < a->n_rows; r++)
        memset(t + r * MC_WIDTH, 0, MC_MAIN * sizeof *t);
    air_unpack_trace(&u, t, MC_WIDTH, (const int64_t *const *)w->values);
    gl_t *e = zk_calloc(g.n_elems, sizeof *e);
    if (!e)
        return ZK_ENOMEM;
    air_unpack_pack(e, &u, (const int64_t *const *)w->values);
    air_sponge_trace(&g, t, MC_WIDTH, e);
    zk_free_secret(e, g.n_elems, sizeof *e);
    gl_t *counts = zk_calloc((size_t)1 << u.range_bits, sizeof *counts);
    if (!counts)
        return ZK_ENOMEM;
    /* A slot out of range has no table row: the lookup fails, as it must. */
    air_unpack_range_counts(&u, t, MC_WIDTH, a->n_rows, counts);
    for (size_t r = 0; r < ((size_t)1 << u.range_bits); r++)
        t[r * MC_WIDTH + MC_RM] = counts[r];
    zk_free(counts);
    return ZK_OK;
}

static zk_err mc_aux(const stark_air *a, gl2_t *aux, const gl_t *t, const gl2_t *chal)
{
    air_sponge g;
    air_unpack u;
    mc_gadgets(a, &g, &u);
    memset(aux, 0, a->n_rows * MC_AUX * sizeof *aux);
    zk_err err = air_sponge_aux(&g, aux, MC_AUX, t, MC_WIDTH, chal);
    if (!err)
        err = air_unpack_aux(&u, aux, MC_AUX, t, MC_WIDTH, a->n_rows, chal);
    if (err)
        return err;
    gl2_t l = gl2_from_base(0);
    for (size_t r = 0; r < a->n_rows; r++) {
        const gl_t *row = t + r * MC_WIDTH;
        gl2_t *h = aux + r * MC_AUX, inv;
        if (row[MC_RM]) {
            if (gl2_inv(&inv, gl2_sub(chal[2], gl2_from_base(row[MC_RT]))))
                return ZK_EVERIFY;
            h[MC_HT] = gl2_neg(gl2_mul_base(inv, row[MC_RM]));
        }
        h[MC_L] = l;
        for (int k = 0; k < MC_L; k++)
            l = gl2_add(l, h[k]);
    }
    return ZK_OK;
}

static void mc_free(stark_air *a)
{
    mc_witness *w = a->witness;
    if (!w)
        return;
    air_unpack u;
    mc_layout(&u, a->pub, a->n_pub, (unsigned)a->params[0]);
    for (size_t t = 0; t < AIR_UNPACK_TENSORS_MAX; t++)
        if (w->values[t])
            zk_free_secret(w->values[t], u.t[t].len, sizeof(int64_t));
    zk_free(w);
    a->witness = NULL;
}

static const stark_air_vt mc_vt = {mc_eval_base, mc_eval_ext, mc_eval_aux, mc_trace,
                                   mc_aux,       mc_free,     mc_fixed};

/* The fixed columns' root for the shipped model's statement (R = 16, its
 * header) at the default blowup 8: cached as model-hash caches its own, so
 * that `stark verify` does not extend 68 columns of 2^16 rows again (3 s on
 * this machine). test_stark_unpack recomputes it. */
static const struct {
    unsigned range_bits, log_blowup;
    uint64_t header[4 + 8 * 4];
    const char *root;
} mc_roots[] = {
    {16, 3, {1,    0,   4, 0, 9,  16, 5, 5, 5, 14, 6, 9,  144, 32, 6, 5, 5, 19,
             6,    10,  1568, 128, 6, 5, 5, 25, 6, 8, 128, 10, 6, 5, 5, 29, 6, 7},
     "2885c54f6bf7352a968201bbf90a7d3b4c5862f0e2d1137bc781c2f7cbb2ce8d"},
};

static void mc_known_root(stark_air *a, const air_unpack *u)
{
    for (size_t k = 0; k < sizeof mc_roots / sizeof mc_roots[0]; k++) {
        if (mc_roots[k].range_bits != u->range_bits || u->n_header != 4 + 8 * 4 ||
            memcmp(mc_roots[k].header, u->header, u->n_header * sizeof *u->header) != 0)
            continue;
        if (zk_hex_decode_exact(a->fixed_root.b, HASH_BYTES, mc_roots[k].root) == ZK_OK)
            a->fixed_root_log_blowup = mc_roots[k].log_blowup;
    }
}

static size_t mc_rows(const air_unpack *u)
{
    size_t sp = air_sponge_rows(air_unpack_elements(u)), up = air_unpack_rows(u);
    size_t need = 1 + (sp > up ? sp : up), rows = 4;
    if (need < ((size_t)1 << u->range_bits))
        need = (size_t)1 << u->range_bits;
    while (rows < need)
        rows *= 2;
    return rows;
}

static zk_err mc_shape(stark_air *a, const gl_t *pub, size_t n_pub, uint64_t r)
{
    air_unpack u;
    if (r < 1 || r > 20 || n_pub > STARK_AIR_MAX_PUB || !mc_layout(&u, pub, n_pub, (unsigned)r))
        return ZK_EINVAL;
    size_t rows = mc_rows(&u);
    if (!air_rows_ok(rows))
        return ZK_EINVAL;
    zk_err err = stark_air_init(a, "model-commit", rows, MC_MAIN);
    if (!err)
        err = stark_air_alloc_constraints(a, MC_CONS);
    if (err)
        return err;
    a->vt = &mc_vt;
    a->n_fixed = MC_FIXED;
    a->n_aux = MC_AUX;
    a->n_challenges = 3;
    a->n_main_cons = MC_MAIN_CONS;
    a->params[0] = r;
    a->n_params = 1;
    a->n_pub = n_pub;
    memcpy(a->pub, pub, n_pub * sizeof *pub);
    air_sponge g;
    mc_gadgets(a, &g, &u);
    size_t aux0 = MC_MAIN_CONS, k = aux0 + AIR_SPONGE_AUX_CONS + AIR_UNPACK_AUX_CONS(MC_LANES);
    air_sponge_constraints(&g, a, 0, aux0);
    air_unpack_constraints(&u, a, AIR_SPONGE_CONS, aux0 + AIR_SPONGE_AUX_CONS);
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 2, true, "range table");
    stark_logup_sum_constraints(a, k, rows);
    mc_known_root(a, &u);
    return ZK_OK;
}

zk_err air_model_commit_statement(stark_air *a, const uint64_t *params, size_t np,
                                  const gl_t *pub, size_t npub)
{
    if (np != 1)
        return ZK_EINVAL;
    return mc_shape(a, pub, npub, params[0]);
}

zk_err air_model_commit_new(stark_air *a, const uint64_t *header, size_t nh,
                            const int64_t *const *values, unsigned range_bits)
{
    memset(a, 0, sizeof *a);
    gl_t pub[AIR_UNPACK_HEADER_MAX + POSEIDON_GL_DIGEST] = {0};
    if (nh > AIR_UNPACK_HEADER_MAX)
        return ZK_EINVAL;
    for (size_t k = 0; k < nh; k++)
        pub[k] = header[k] < GL_P ? header[k] : 0;
    zk_err err = mc_shape(a, pub, nh + POSEIDON_GL_DIGEST, range_bits);
    if (err)
        return err;
    air_sponge g;
    air_unpack u;
    mc_gadgets(a, &g, &u);
    mc_witness *w = zk_calloc(1, sizeof *w);
    gl_t *e = zk_calloc(g.n_elems, sizeof *e);
    bool ok = w && e;
    for (size_t t = 0; ok && t < u.n_tensors; t++) {
        ok = (w->values[t] = zk_alloc(u.t[t].len, sizeof(int64_t))) != NULL;
        if (ok)
            memcpy(w->values[t], values[t], u.t[t].len * sizeof(int64_t));
    }
    a->witness = w;
    if (!ok) {
        zk_free(e);
        stark_air_free(a);
        return ZK_ENOMEM;
    }
    air_unpack_pack(e, &u, values);
    poseidon_gl_hash_no_pad(a->pub + nh, e, g.n_elems);
    zk_free_secret(e, g.n_elems, sizeof *e);
    return ZK_OK;
}
