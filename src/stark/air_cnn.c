/* cnn: the whole seed CNN as one AIR (air_cnn.h designs it; this file's
 * layout is what the code does). Constraints, the LogUp terms and the
 * statement; the layer schedule and the trace are in air_cnn_rows.c. */
#include <stdatomic.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "stark/air_builtin.h"
#include "stark/air_cnn_rows.h"

/* ---- constraints --------------------------------------------------------- */

/* The main constraints, written once for both fields. */
#define CN_EVAL(T, ADD, SUB, MUL, K)                                                               \
    do {                                                                                           \
        T two_r_ = K((gl_t)1 << AIR_CNN_LIMB_BITS), one_ = K(1), d_[CNN_GROUPS];                   \
        for (int g = 0; g < CNN_GROUPS; g++) {                                                     \
            T sn_ = next[CNN_B + g], sc_ = cur[CNN_B + g];                                         \
            for (int j = 0; j < CNN_SLOTS; j++) {                                                  \
                int k_ = g * CNN_SLOTS + j;                                                        \
                sn_ = ADD(sn_, MUL(next[CNN_A + j], next[CNN_G + k_]));                            \
                sc_ = ADD(sc_, MUL(cur[CNN_A + j], cur[CNN_G + k_]));                              \
            }                                                                                      \
            out[g] = SUB(next[CNN_ACC + g], ADD(sn_, MUL(next[CNN_CHAIN], cur[CNN_ACC + g])));     \
            out[4 + g] = SUB(cur[CNN_ACC + g], sc_);                                               \
            d_[g] = ADD(cur[CNN_DL + g], MUL(two_r_, cur[CNN_DH + g]));                            \
            out[8 + g] = MUL(cur[CNN_POOL], SUB(SUB(cur[CNN_M], cur[CNN_ACC + g]), d_[g]));        \
        }                                                                                          \
        out[12] = SUB(cur[CNN_E], MUL(d_[0], d_[1]));                                              \
        out[31] = MUL(SUB(one_, cur[CNN_POOL]), cur[CNN_M]);                                       \
        out[13] = SUB(cur[CNN_E2], MUL(cur[CNN_E], d_[2]));                                        \
        out[14] = MUL(MUL(cur[CNN_POOL], cur[CNN_E2]), d_[3]);                                     \
        for (int g = 0; g < CNN_GROUPS; g++) {                                                     \
            T v_ = cur[CNN_ACC + g];                                                               \
            if (g == 0)                                                                            \
                v_ = ADD(v_, MUL(cur[CNN_POOL], SUB(cur[CNN_M], v_)));                             \
            T q_ = cur[CNN_Q + g], s_ = cur[CNN_S + g], sq_ = MUL(s_, q_);                         \
            out[15 + g] = SUB(ADD(MUL(v_, cur[CNN_SC]), cur[CNN_HALF]),                            \
                              ADD(MUL(cur[CNN_DIV], q_), cur[CNN_T + g]));                         \
            out[19 + g] = MUL(s_, SUB(s_, one_));                                                  \
            /* U = S·Q + (1 - S)(-1 - Q) = 2SQ - Q + S - 1 */                                    \
            T u_ = ADD(cur[CNN_U + g], MUL(two_r_, cur[CNN_UH + g]));                              \
            out[23 + g] = SUB(u_, SUB(ADD(ADD(sq_, sq_), s_), ADD(q_, one_)));                     \
            out[27 + g] = SUB(SUB(cur[CNN_Y + g], q_), MUL(cur[CNN_RELU], SUB(sq_, q_)));          \
        }                                                                                          \
    } while (0)

/* The CNN's own, then the sponge's, then the unpack lanes'. */
enum {
    CN_OWN_CONS = 32,
    CN_SP_CONS = CN_OWN_CONS,
    CN_UP_CONS = CN_SP_CONS + AIR_SPONGE_CONS,
    CN_MAIN_CONS = CN_UP_CONS + AIR_UNPACK_CONS(CNN_LANES),
};

static inline gl_t cn_k(gl_t v) { return v; }

/* The gadgets as the evaluators need them: their columns and the digest
 * (the constraints read nothing else; the full layout is
 * air_cnn_gadgets', for the fixed columns and the trace). */
static const air_unpack cn_lanes = {.lanes = CNN_LANES, .col = CNN_UP, .fcol = CNN_UF,
                                    .aux = CNN_AUX_UP};

static air_sponge cn_sponge(const stark_air *a)
{
    return (air_sponge){.col = CNN_SP, .fcol = CNN_SF, .aux = CNN_AUX_SP,
                        .digest = a->pub + AIR_CNN_PUB_DIGEST};
}

static void cn_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                         const gl_t *per)
{
    (void)per;
    CN_EVAL(gl_t, gl_add, gl_sub, gl_mul, cn_k);
    air_sponge g = cn_sponge(a);
    air_sponge_eval_base(&g, out + CN_SP_CONS, cur, next);
    air_unpack_eval_base(&cn_lanes, out + CN_UP_CONS, cur, next);
}

static void cn_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *per)
{
    (void)per;
    CN_EVAL(gl2_t, gl2_add, gl2_sub, gl2_mul, gl2_from_base);
    air_sponge g = cn_sponge(a);
    air_sponge_eval_ext(&g, out + CN_SP_CONS, cur, next);
    air_unpack_eval_ext(&cn_lanes, out + CN_UP_CONS, cur, next);
}

/* ---- the LogUp terms ------------------------------------------------------- */

/* A row's terms n/d of the CNN's part of the one LogUp sum: memory pairs
 * compressed as α - a - β·v (reads n = 1, writes n = -multiplicity), range
 * values as γ - v. In the order the helpers pair them; the range table's
 * term, then the public table's, whose denominator holds the public
 * column, alone. (The unpack lanes and the sponge add theirs, in their
 * own helpers.) */
enum {
    T_A = 0,
    T_G = T_A + CNN_SLOTS,
    T_B = T_G + CNN_GROUPS * CNN_SLOTS,
    T_Y = T_B + CNN_GROUPS,
    /* DL, DH, T, T + 2^R - DIV, U, U + UOFF, UH, UH + UOFFH: a group's 8 */
    T_RANGE = T_Y + CNN_GROUPS,
    T_RT = T_RANGE + 8 * CNN_GROUPS,
    T_PUB,
    CN_TERMS,
    CN_PAIRS = T_RT / 2,
    CN_AUX = CNN_AUX_WIDTH,
    /* the pairs, the two tables, the gadgets', the sum's three */
    CN_AUX_CONS = CN_PAIRS + 2 + AIR_UNPACK_AUX_CONS(CNN_LANES) + AIR_SPONGE_AUX_CONS + 3,
    CN_CONS = CN_MAIN_CONS + CN_AUX_CONS,
};
_Static_assert(T_RT % 2 == 0 && (int)CN_PAIRS == (int)CNN_AUX_PAIRS,
               "the paired terms come in pairs");

static gl2_t cn_mem(const gl2_t *chal, gl2_t addr, gl2_t v)
{
    return gl2_sub(gl2_sub(chal[0], addr), gl2_mul(chal[1], v));
}

/* d[] and n[] for one row (cur: n_main + n_fixed values); pub the public
 * column's value there. */
static void cn_terms(gl2_t d[CN_TERMS], gl2_t n[CN_TERMS], const gl2_t *cur, const gl2_t *chal,
                     gl2_t pub)
{
    gl2_t one = gl2_from_base(1);
    for (int k = 0; k < CN_TERMS; k++)
        n[k] = one;
    for (int j = 0; j < CNN_SLOTS; j++)
        d[T_A + j] = cn_mem(chal, cur[CNN_AA + j], cur[CNN_A + j]);
    for (int g = 0; g < CNN_GROUPS; g++) {
        for (int j = 0; j < CNN_SLOTS; j++) {
            int k = g * CNN_SLOTS + j;
            d[T_G + k] = cn_mem(chal, cur[CNN_GA + k], cur[CNN_G + k]);
        }
        d[T_B + g] = cn_mem(chal, cur[CNN_BA + g], cur[CNN_B + g]);
        d[T_Y + g] = cn_mem(chal, cur[CNN_YA + g], cur[CNN_Y + g]);
        n[T_Y + g] = gl2_neg(cur[CNN_YM + g]);
        gl2_t *r = d + T_RANGE + 8 * g;
        r[0] = gl2_sub(chal[2], cur[CNN_DL + g]);
        r[1] = gl2_sub(chal[2], cur[CNN_DH + g]);
        r[2] = gl2_sub(chal[2], cur[CNN_T + g]);
        r[3] = gl2_sub(gl2_sub(r[2], gl2_from_base((gl_t)1 << AIR_CNN_LIMB_BITS)),
                       gl2_neg(cur[CNN_DIV]));
        r[4] = gl2_sub(chal[2], cur[CNN_U + g]);
        r[5] = gl2_sub(r[4], cur[CNN_UOFF]);
        r[6] = gl2_sub(chal[2], cur[CNN_UH + g]);
        r[7] = gl2_sub(r[6], cur[CNN_UOFFH]);
    }
    d[T_RT] = gl2_sub(chal[2], cur[CNN_IDX]);
    n[T_RT] = gl2_neg(cur[CNN_RM]);
    d[T_PUB] = cn_mem(chal, gl2_add(cur[CNN_IDX], gl2_from_base(AIR_CNN_A_PUB)), pub);
    n[T_PUB] = gl2_neg(cur[CNN_MPUB]);
}

static void cn_eval_aux(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *acur, const gl2_t *anext, const gl2_t *chal,
                        const gl2_t *per)
{
    (void)next;
    gl2_t d[CN_TERMS], n[CN_TERMS];
    cn_terms(d, n, cur, chal, per[a->n_periodic]);
    /* h = n1/d1 + n2/d2: h·d1·d2 = n1·d2 + n2·d1. */
    for (int k = 0; k < CN_PAIRS; k++) {
        gl2_t d1 = d[2 * k], d2 = d[2 * k + 1];
        out[k] = gl2_sub(gl2_mul(gl2_mul(acur[k], d1), d2),
                         gl2_add(gl2_mul(n[2 * k], d2), gl2_mul(n[2 * k + 1], d1)));
    }
    out[CNN_AUX_RT] = gl2_sub(gl2_mul(acur[CNN_AUX_RT], d[T_RT]), n[T_RT]);
    out[CNN_AUX_PUB] = gl2_sub(gl2_mul(acur[CNN_AUX_PUB], d[T_PUB]), n[T_PUB]);
    out += CNN_AUX_UP;
    air_unpack_eval_aux(&cn_lanes, out, cur, acur, chal);
    out += AIR_UNPACK_AUX_CONS(CNN_LANES);
    air_sponge g = cn_sponge(a);
    air_sponge_eval_aux(&g, out, cur, acur, chal);
    out += AIR_SPONGE_AUX_CONS;
    stark_logup_sum_eval(out, acur, anext, CNN_AUX_L);
}

typedef struct cn_aux_job {
    const stark_air *a;
    gl2_t *aux;
    const gl_t *tr;
    const gl2_t *chal;
    atomic_bool failed;
} cn_aux_job;

/* Rows [begin, end)'s helpers: a row's denominators inverted together. */
static void cn_aux_rows(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    cn_aux_job *j = ctx;
    gl2_t cur[CNN_WIDTH], d[CN_TERMS], n[CN_TERMS], scratch[CN_TERMS];
    for (size_t i = begin; i < end; i++) {
        const gl_t *row = j->tr + i * CNN_WIDTH;
        for (int k = 0; k < CNN_WIDTH; k++)
            cur[k] = gl2_from_base(row[k]);
        cn_terms(d, n, cur, j->chal, gl2_from_base(i < j->a->n_pub ? j->a->pub[i] : 0));
        if (gl2_batch_inv(d, CN_TERMS, scratch)) {
            atomic_store(&j->failed, true);   /* a zero denominator: the challenges hit a row */
            return;
        }
        gl2_t *h = j->aux + i * CN_AUX;
        for (int k = 0; k < CN_PAIRS; k++)
            h[k] = gl2_add(gl2_mul(n[2 * k], d[2 * k]), gl2_mul(n[2 * k + 1], d[2 * k + 1]));
        h[CNN_AUX_RT] = gl2_mul(n[T_RT], d[T_RT]);
        h[CNN_AUX_PUB] = gl2_mul(n[T_PUB], d[T_PUB]);
        for (int k = CNN_AUX_SP; k < CNN_AUX_L; k++)
            h[k] = gl2_from_base(0);   /* the sponge's, on its rows only */
    }
}

/* The lanes' helpers on rows [begin, end). */
static void cn_aux_lanes(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    cn_aux_job *j = ctx;
    const gl_t *tr = j->tr + begin * CNN_WIDTH;
    if (air_unpack_aux(&cn_lanes, j->aux + begin * CN_AUX, CN_AUX, tr, CNN_WIDTH, end - begin,
                       j->chal))
        atomic_store(&j->failed, true);
}

/* The helpers row by row on every thread (the sponge's on its rows), then
 * the running sum. */
static zk_err cn_aux(const stark_air *a, gl2_t *aux, const gl_t *tr, const gl2_t *chal)
{
    cn_aux_job j = {a, aux, tr, chal, false};
    zk_parallel_for(a->n_rows, 256, cn_aux_rows, &j);
    zk_parallel_for(a->n_rows, 256, cn_aux_lanes, &j);
    if (atomic_load(&j.failed))
        return ZK_EZERO;
    air_sponge g;
    air_unpack u;
    air_cnn_gadgets(a, &g, &u);
    if (air_sponge_aux(&g, aux, CN_AUX, tr, CNN_WIDTH, chal))
        return ZK_EZERO;
    gl2_t l = gl2_from_base(0);
    for (size_t i = 0; i < a->n_rows; i++) {
        gl2_t *h = aux + i * CN_AUX;
        h[CNN_AUX_L] = l;
        for (int k = 0; k < CNN_AUX_L; k++)
            l = gl2_add(l, h[k]);
    }
    return ZK_OK;
}

static void cn_free_witness(stark_air *a)
{
    zk_free_secret(a->witness, AIR_CNN_PARAMS, sizeof(int64_t));
    a->witness = NULL;
}

static const stark_air_vt cn_vt = {cn_eval_base, cn_eval_ext, cn_eval_aux,     air_cnn_rows_trace,
                                   cn_aux,       cn_free_witness, air_cnn_rows_fixed};

/* ---- statements ------------------------------------------------------------ */

/* The digest of the witness's parameters under the statement's header:
 * the elements the lanes pack, hashed natively (zkml_model_hash_gl's, for
 * the same model and header). */
static zk_err cn_digest_of(gl_t d[AIR_CNN_DIGEST], const stark_air *a)
{
    air_cnn_packing p;
    if (air_cnn_pack(&p, a))
        return ZK_ENOMEM;
    poseidon_gl_hash_no_pad(d, p.elems, p.g.n_elems);
    air_cnn_pack_free(&p);
    return ZK_OK;
}

static bool cn_params_ok(const uint64_t *p)
{
    if (p[0] > AIR_CNN_IN_EXP_MAX || p[1] >> 32 || p[2] >> 32)
        return false;
    for (unsigned l = 0; l < AIR_CNN_LAYERS; l++) {
        uint64_t r = p[1] >> (8 * l) & 0xff, s = p[2] >> (8 * l) & 0xff;
        if (r < 1 || r >= AIR_CNN_LIMB_BITS || s < 1 || s > 2 * AIR_CNN_LIMB_BITS)
            return false;
    }
    return true;
}

/* Whether the header is zkml_hash_header's for these shifts and sign bits:
 * format 1 (a ReLU model), hashed from layer 0, four layers, unsalted; per
 * layer (fan-in, outputs, w_exp, in_exp, out_exp, acc_bits, b_w, b_b) with
 * the network's shape, r = in + w - out, s = acc - r, e = conv1's in_exp,
 * and slot widths the range table holds: a slot wider than 2^15 would need
 * limbs, which the lanes do not have, so such a model is refused. */
static bool cn_header_ok(const uint64_t *params, const gl_t *h)
{
    static const uint64_t shape[AIR_CNN_LAYERS][2] = {{9, AIR_CNN_C1},
                                                      {9 * AIR_CNN_C1, AIR_CNN_C2},
                                                      {AIR_CNN_FC_IN, AIR_CNN_HIDDEN},
                                                      {AIR_CNN_HIDDEN, AIR_CNN_CLASSES}};
    if (h[0] != 1 || h[1] != 0 || h[2] != AIR_CNN_LAYERS || h[3] != 0)
        return false;
    for (unsigned l = 0; l < AIR_CNN_LAYERS; l++) {
        const gl_t *L = h + 4 + 8 * l;
        uint64_t r = params[1] >> (8 * l) & 0xff, s = params[2] >> (8 * l) & 0xff;
        if (L[0] != shape[l][0] || L[1] != shape[l][1] || L[2] > 64 || L[3] > 64 || L[4] > 64 ||
            L[5] > 64 || L[3] + L[2] != L[4] + r || L[5] != r + s || (l == 0 && L[3] != params[0]))
            return false;
        for (int k = 6; k < 8; k++)
            if (L[k] < 1 || L[k] > AIR_CNN_LIMB_BITS)
                return false;
    }
    return true;
}

/* The shipped model's statement (assets/: its settings' shifts and sign
 * bits, its header), whose fixed columns' root at the default blowup 8 is
 * known (test_stark_cnn_net recomputes it), so that `stark verify` does
 * not extend 170 columns again. */
static const uint64_t cn_shipped_params[3] = {5, 0x06060605, 0x17130d09};
static const gl_t cn_shipped_header[AIR_CNN_HEADER] = {
    1,   0,  4, 0, 9,  16, 5, 5, 5, 14, 6, 9,  144, 32, 6, 5, 5, 19,
    6,   10, 1568, 128, 6, 5, 5, 25, 6, 8, 128, 10, 6, 5, 5, 29, 6, 7};
#define CN_SHIPPED_ROOT "79baf8dcf4bb7447cc2cf79239bab58ad5046b10f5fb15027f3a79ada28f2864"

/* The AIR of a statement whose params passed cn_params_ok, its public
 * values pub (the digest may be filled later). ZK_EINVAL for a header it
 * does not take or whose gadgets do not fit the table. */
static zk_err cn_shape_new(stark_air *a, const uint64_t *params, const gl_t *pub)
{
    size_t n = (size_t)1 << AIR_CNN_LOG_ROWS;
    if (!cn_header_ok(params, pub + AIR_CNN_PUB_HEADER))
        return ZK_EINVAL;
    zk_err err = stark_air_init(a, "cnn", n, CNN_MAIN);
    if (err)
        return err;
    memcpy(a->pub, pub, AIR_CNN_PUB * sizeof *pub);
    a->n_pub = AIR_CNN_PUB;
    air_sponge sp;
    air_unpack u;
    air_cnn_gadgets(a, &sp, &u);
    /* Wider slots mean more elements: the sponge must end before the last
     * row, the lanes by it. */
    if (!air_unpack_ok(&u) || u.row0 + air_unpack_rows(&u) > n ||
        sp.row0 + air_sponge_rows(sp.n_elems) >= n) {
        stark_air_free(a);
        return ZK_EINVAL;
    }
    if ((err = stark_air_alloc_constraints(a, CN_CONS)))
        return err;
    a->vt = &cn_vt;
    a->n_fixed = CNN_FIXED;
    a->n_aux = CN_AUX;
    a->n_challenges = 3;
    a->n_main_cons = CN_MAIN_CONS;
    a->pub_column = true;
    memcpy(a->params, params, 3 * sizeof *params);
    a->n_params = 3;
    for (int g = 0; g < CNN_GROUPS; g++) {
        stark_air_set_constraint(a, (size_t)g, STARK_TRANSITION, 0, 2, false,
                                 "ACC%d' = B' + CHAIN' ACC%d + sum A'G'", g, g);
        stark_air_set_constraint(a, (size_t)(4 + g), STARK_ROW, 0, 2, false,
                                 "ACC%d = B + sum A G at row 0", g);
        stark_air_set_constraint(a, (size_t)(8 + g), STARK_EVERY_ROW, 0, 2, false,
                                 "POOL (M - ACC%d - D%d)", g, g);
        stark_air_set_constraint(a, (size_t)(15 + g), STARK_EVERY_ROW, 0, 3, false,
                                 "V%d SC + HALF = DIV Q%d + T%d", g, g, g);
        stark_air_set_constraint(a, (size_t)(19 + g), STARK_EVERY_ROW, 0, 2, false,
                                 "S%d is a bit", g);
        stark_air_set_constraint(a, (size_t)(23 + g), STARK_EVERY_ROW, 0, 2, false,
                                 "U%d = S Q + (1 - S)(-1 - Q)", g);
        stark_air_set_constraint(a, (size_t)(27 + g), STARK_EVERY_ROW, 0, 3, false,
                                 "Y%d = RELU ? S Q : Q", g);
    }
    stark_air_set_constraint(a, 12, STARK_EVERY_ROW, 0, 2, false, "E = D0 D1");
    stark_air_set_constraint(a, 13, STARK_EVERY_ROW, 0, 2, false, "E2 = E D2");
    stark_air_set_constraint(a, 14, STARK_EVERY_ROW, 0, 3, false, "POOL E2 D3 = 0");
    /* M is read only on pool rows: elsewhere it is held at 0, so that no
     * cell of the trace is free. */
    stark_air_set_constraint(a, 31, STARK_EVERY_ROW, 0, 2, false, "M = 0 off pool rows");
    size_t k = CN_MAIN_CONS;
    for (int p = 0; p < CN_PAIRS; p++)
        stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 3, true, "lookups %d, %d", 2 * p,
                                 2 * p + 1);
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 2, true, "range table");
    stark_air_set_constraint(a, k, STARK_EVERY_ROW, 0, 2, true, "public table");
    stark_air_set_known(a, k++, 1);
    air_sponge_constraints(&sp, a, CN_SP_CONS, k + AIR_UNPACK_AUX_CONS(CNN_LANES));
    air_unpack_constraints(&u, a, CN_UP_CONS, k);
    k += AIR_UNPACK_AUX_CONS(CNN_LANES) + AIR_SPONGE_AUX_CONS;
    stark_logup_sum_constraints(a, k, n);
    if (memcmp(params, cn_shipped_params, sizeof cn_shipped_params) == 0 &&
        memcmp(pub + AIR_CNN_PUB_HEADER, cn_shipped_header, sizeof cn_shipped_header) == 0)
        stark_air_known_fixed_root(a, CN_SHIPPED_ROOT, 3);
    return ZK_OK;
}

zk_err air_cnn_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                         size_t npub)
{
    if (np != 3 || !cn_params_ok(params) || npub != AIR_CNN_PUB)
        return ZK_EINVAL;
    for (size_t i = 0; i < AIR_CNN_PIXELS; i++)
        if (pub[i] > 255)
            return ZK_EINVAL;
    return cn_shape_new(a, params, pub);
}

zk_err air_cnn_new(stark_air *a, const air_cnn_input *in)
{
    memset(a, 0, sizeof *a);
    uint64_t params[3] = {in->in_exp, 0, 0};
    for (unsigned l = 0; l < AIR_CNN_LAYERS; l++) {
        if (in->shift[l] > 0xff || in->sign_bits[l] > 0xff)
            return ZK_EINVAL;
        params[1] |= (uint64_t)in->shift[l] << (8 * l);
        params[2] |= (uint64_t)in->sign_bits[l] << (8 * l);
    }
    if (!cn_params_ok(params) || !in->header || in->n_header != AIR_CNN_HEADER)
        return ZK_EINVAL;
    gl_t pub[AIR_CNN_PUB] = {0};
    for (size_t i = 0; i < AIR_CNN_PIXELS; i++)
        pub[i] = in->pixels[i];
    for (size_t o = 0; o < AIR_CNN_CLASSES; o++)
        pub[AIR_CNN_PUB_LOGITS + o] = air_cnn_field(in->logits[o]);
    for (size_t k = 0; k < AIR_CNN_HEADER; k++) {
        if (in->header[k] >= GL_P)
            return ZK_EINVAL;
        pub[AIR_CNN_PUB_HEADER + k] = in->header[k];
    }
    if (in->digest)
        memcpy(pub + AIR_CNN_PUB_DIGEST, in->digest, AIR_CNN_DIGEST * sizeof *pub);
    int64_t *w = zk_calloc(AIR_CNN_PARAMS, sizeof *w);
    if (!w)
        return ZK_ENOMEM;
    zk_err err = cn_shape_new(a, params, pub);
    if (err) {
        zk_free(w);
        return err;
    }
    static const struct { size_t w, b, n, fan_in; } layer[AIR_CNN_LAYERS] = {
        {AIR_CNN_OFF_CONV1_W, AIR_CNN_OFF_CONV1_B, AIR_CNN_C1, 9},
        {AIR_CNN_OFF_CONV2_W, AIR_CNN_OFF_CONV2_B, AIR_CNN_C2, 9 * AIR_CNN_C1},
        {AIR_CNN_OFF_FC1_W, AIR_CNN_OFF_FC1_B, AIR_CNN_HIDDEN, AIR_CNN_FC_IN},
        {AIR_CNN_OFF_FC2_W, AIR_CNN_OFF_FC2_B, AIR_CNN_CLASSES, AIR_CNN_HIDDEN},
    };
    const int64_t *bias = in->biases;
    for (unsigned l = 0; l < AIR_CNN_LAYERS; l++) {
        for (size_t i = 0; i < layer[l].n * layer[l].fan_in; i++)
            w[layer[l].w + i] = in->weights[layer[l].w + i];
        for (size_t o = 0; o < layer[l].n; o++)
            w[layer[l].b + o] = *bias++;
    }
    a->witness = w;
    if (!in->digest && (err = cn_digest_of(a->pub + AIR_CNN_PUB_DIGEST, a))) {
        stark_air_free(a);
        return err;
    }
    return ZK_OK;
}

void air_cnn_digest(const stark_air *a, gl_t d[AIR_CNN_DIGEST])
{
    memcpy(d, a->pub + AIR_CNN_PUB_DIGEST, AIR_CNN_DIGEST * sizeof *d);
}

int air_cnn_logits(const stark_air *a, int64_t z[AIR_CNN_CLASSES])
{
    int best = 0;
    for (int k = 0; k < AIR_CNN_CLASSES; k++) {
        z[k] = air_cnn_signed(a->pub[AIR_CNN_PIXELS + k]);
        best = z[k] > z[best] ? k : best;
    }
    return best;
}
