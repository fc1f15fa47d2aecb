/* cnn-conv1: the seed CNN's first block (3×3 convolution, pad 1, over the
 * 28×28 image; 2×2 max-pool; rescale; ReLU) as an AIR, the first slice of
 * the CNN AIR designed in air_cnn.h, one pool window a row. Its statement
 * is every input in public: the quantized pixels, the channels' weights and
 * biases, and the sum of the pooled activations, all in the public-input
 * column; the activations themselves stay in the trace. Layout and
 * constraints are in air_cnn.h ("The first slice"). */
#include <string.h>

#include "core/alloc.h"
#include "stark/air_builtin.h"
#include "stark/air_cnn.h"



/* The lookups' terms, in the order the helpers pair them: reads (memory:
 * the patch, the weights, the bias; range: the limbs, T, T·2^(R-r), U,
 * U·2^(R-s)), then the range table's entry; the memory table's entry has a
 * helper of its own (its denominator holds the public column). */
enum {
    D_X = 0, D_W = D_X + 16, D_B = D_W + 9,
    D_DL = D_B + 1, D_DH = D_DL + 4, D_T = D_DH + 4, D_T2, D_U, D_U2,
    D_RT,                     /* the range table: -RM/(γ - RT) */
    D_MEM,                    /* the memory table: -MULT/(α - IDX - β·P) */
    CV_DENS,
};
enum {
    CV_PAIRS = D_RT / 2,                  /* 19 helpers of two reads */
    CV_HELPERS = CV_PAIRS + 2,            /* + the range table, the memory table */
    CV_AUX = CV_HELPERS + 1,              /* + the running sum L */
    CV_MAIN_CONS = 13,
    CV_CONS = CV_MAIN_CONS + CV_HELPERS + 3,
};

/* Which of the 16 patch cells window member g = 2·dy + dx reads at tap t. */
static inline int cv_patch(int g, int t)
{
    return (g / 2 + t / 3) * 4 + g % 2 + t % 3;
}

/* The shape a statement implies. */
typedef struct cv_shape {
    unsigned channels, shift, sbits, rbits;   /* c, r, s, R */
    size_t rows;                              /* N */
    size_t w_addr, b_addr, zero_addr;         /* public-column rows */
} cv_shape;

static unsigned cv_range_bits(unsigned r, unsigned sb)
{
    unsigned rb = AIR_CNN_RANGE_BITS_MIN;
    rb = r > rb ? r : rb;
    return sb > rb ? sb : rb;
}

static void cv_shape_of(cv_shape *s, const stark_air *a)
{
    s->channels = (unsigned)a->params[0];
    s->shift = (unsigned)a->params[1];
    s->sbits = (unsigned)a->params[2];
    s->rbits = cv_range_bits(s->shift, s->sbits);
    s->rows = a->n_rows;
    s->w_addr = AIR_CNN_PIXELS;
    s->b_addr = s->w_addr + 9 * (size_t)s->channels;
    s->zero_addr = a->n_pub;   /* the column is 0 past the public values */
}

/* The addresses row i reads: the patch's pixels (the zero row off the
 * image), the weights' base and the bias. Padding rows read channel 0's
 * weights and zeros, so that they satisfy every constraint as they are. */
static void cv_addresses(const cv_shape *s, size_t i, size_t xa[16], size_t *wa, size_t *ba)
{
    const size_t side = AIR_CNN_SIDE / 2, per_channel = side * side;
    if (i >= per_channel * s->channels) {
        for (int k = 0; k < 16; k++)
            xa[k] = s->zero_addr;
        *wa = s->w_addr;
        *ba = s->zero_addr;
        return;
    }
    size_t o = i / per_channel, wy = i % per_channel / side, wx = i % side;
    for (int k = 0; k < 16; k++) {
        /* Source (2wy - 1 + k/4, 2wx - 1 + k%4), kept unsigned by adding 1. */
        size_t sy = 2 * wy + (size_t)(k / 4), sx = 2 * wx + (size_t)(k % 4);
        bool in = sy >= 1 && sy <= AIR_CNN_SIDE && sx >= 1 && sx <= AIR_CNN_SIDE;
        xa[k] = in ? (sy - 1) * AIR_CNN_SIDE + sx - 1 : s->zero_addr;
    }
    *wa = s->w_addr + 9 * o;
    *ba = s->b_addr + o;
}

/* A small field element as the signed integer it stands for. */
static int64_t cv_signed(gl_t v)
{
    return v > GL_P / 2 ? -(int64_t)(GL_P - v) : (int64_t)v;
}

static gl_t cv_field(int64_t v)
{
    return v < 0 ? gl_neg((gl_t)-v) : (gl_t)v;
}

/* floor(v / 2^r), without relying on how >> treats negative numbers. */
static int64_t cv_floor_shift(int64_t v, unsigned r)
{
    int64_t d = (int64_t)1 << r;
    return v >= 0 ? v / d : -((-v + d - 1) / d);
}

static gl_t cv_pub(const stark_air *a, size_t addr)
{
    return addr < a->n_pub ? a->pub[addr] : 0;
}

/* Row i's window: acc[g] = B + Σ_t W_t·X(g, t) for its four members,
 * m the largest, q = floor((m + 2^(r-1)) / 2^r), t the remainder. */
typedef struct cv_row {
    int64_t acc[4], m, q, t;
} cv_row;

static void cv_compute(const stark_air *a, const cv_shape *s, size_t i, cv_row *w)
{
    size_t xa[16], wa, ba;
    cv_addresses(s, i, xa, &wa, &ba);
    for (int g = 0; g < 4; g++) {
        int64_t acc = cv_signed(cv_pub(a, ba));
        for (int t = 0; t < 9; t++)
            acc += cv_signed(cv_pub(a, wa + (size_t)t)) * cv_signed(cv_pub(a, xa[cv_patch(g, t)]));
        w->acc[g] = acc;
        w->m = g == 0 || acc > w->m ? acc : w->m;
    }
    int64_t v = w->m + ((int64_t)1 << (s->shift - 1));
    w->q = cv_floor_shift(v, s->shift);
    w->t = v - w->q * ((int64_t)1 << s->shift);
}

/* ---- constraints --------------------------------------------------------------- */

/* The main constraints, written once for both fields (the evaluators
 * below instantiate it). */
#define CV_EVAL(T, ADD, SUB, MUL, K)                                                               \
    do {                                                                                           \
        unsigned r_ = (unsigned)a->params[1];                                                      \
        T two_r_ = K((gl_t)1 << cv_range_bits(r_, (unsigned)a->params[2]));                        \
        T d_[4];                                                                                   \
        for (int g = 0; g < 4; g++) {                                                              \
            T acc = cur[CNN1_B];                                                                   \
            for (int t = 0; t < 9; t++)                                                            \
                acc = ADD(acc, MUL(cur[CNN1_W + t], cur[CNN1_X + cv_patch(g, t)]));                \
            d_[g] = ADD(cur[CNN1_DL + g], MUL(two_r_, cur[CNN1_DH + g]));                          \
            out[g] = SUB(SUB(cur[CNN1_M], acc), d_[g]);                                            \
        }                                                                                          \
        out[4] = SUB(cur[CNN1_E], MUL(d_[0], d_[1]));                                              \
        out[5] = MUL(MUL(cur[CNN1_E], d_[2]), d_[3]);                                              \
        T q = cur[CNN1_Q], sq = MUL(cur[CNN1_S], q), one = K(1);                                   \
        out[6] = SUB(ADD(cur[CNN1_M], K((gl_t)1 << (r_ - 1))),                                     \
                     ADD(MUL(K((gl_t)1 << r_), q), cur[CNN1_T]));                                  \
        out[7] = MUL(cur[CNN1_S], SUB(cur[CNN1_S], one));                                          \
        /* U = S·Q + (1 - S)(-1 - Q) = 2SQ - Q + S - 1 */                                          \
        out[8] = SUB(cur[CNN1_U], SUB(ADD(ADD(sq, sq), cur[CNN1_S]), ADD(q, one)));                \
        out[9] = SUB(cur[CNN1_Y], sq);                                                             \
        out[10] = SUB(next[CNN1_SUM], ADD(cur[CNN1_SUM], cur[CNN1_Y]));                            \
        out[11] = cur[CNN1_SUM];                                                                   \
        out[12] = SUB(ADD(cur[CNN1_SUM], cur[CNN1_Y]), K(a->pub[a->n_pub - 1]));                   \
    } while (0)

static inline gl_t cv_k(gl_t v) { return v; }

static void cv_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                         const gl_t *per)
{
    (void)per;
    CV_EVAL(gl_t, gl_add, gl_sub, gl_mul, cv_k);
}

static void cv_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *per)
{
    (void)per;
    CV_EVAL(gl2_t, gl2_add, gl2_sub, gl2_mul, gl2_from_base);
}

/* Memory (address, value) pairs compressed as α - a - β·v, range values as
 * γ - v: every denominator of a row, in the D_ order, so that a row's are
 * inverted together. */
static gl2_t cv_dm(const gl2_t *chal, gl2_t addr, gl2_t v)
{
    return gl2_sub(gl2_sub(chal[0], addr), gl2_mul(chal[1], v));
}

static void cv_denominators(gl2_t d[CV_DENS], const stark_air *a, const gl2_t *cur,
                            const gl2_t *chal, gl2_t pub)
{
    unsigned r = (unsigned)a->params[1], sb = (unsigned)a->params[2];
    unsigned rb = cv_range_bits(r, sb);
    for (int k = 0; k < 16; k++)
        d[D_X + k] = cv_dm(chal, cur[CNN1_XA + k], cur[CNN1_X + k]);
    for (int t = 0; t < 9; t++)
        d[D_W + t] = cv_dm(chal, gl2_add(cur[CNN1_WA], gl2_from_base((gl_t)t)), cur[CNN1_W + t]);
    d[D_B] = cv_dm(chal, cur[CNN1_BA], cur[CNN1_B]);
    for (int g = 0; g < 4; g++) {
        d[D_DL + g] = gl2_sub(chal[2], cur[CNN1_DL + g]);
        d[D_DH + g] = gl2_sub(chal[2], cur[CNN1_DH + g]);
    }
    d[D_T] = gl2_sub(chal[2], cur[CNN1_T]);
    d[D_T2] = gl2_sub(chal[2], gl2_mul_base(cur[CNN1_T], (gl_t)1 << (rb - r)));
    d[D_U] = gl2_sub(chal[2], cur[CNN1_U]);
    d[D_U2] = gl2_sub(chal[2], gl2_mul_base(cur[CNN1_U], (gl_t)1 << (rb - sb)));
    d[D_RT] = gl2_sub(chal[2], cur[CNN1_RT]);
    d[D_MEM] = cv_dm(chal, cur[CNN1_IDX], pub);
}

static void cv_eval_aux(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *acur, const gl2_t *anext, const gl2_t *chal,
                        const gl2_t *per)
{
    (void)next;
    gl2_t d[CV_DENS];
    cv_denominators(d, a, cur, chal, per[a->n_periodic]);
    /* h = 1/d1 + 1/d2: h·d1·d2 = d1 + d2. */
    for (int k = 0; k < CV_PAIRS; k++) {
        gl2_t d1 = d[2 * k], d2 = d[2 * k + 1];
        out[k] = gl2_sub(gl2_mul(gl2_mul(acur[k], d1), d2), gl2_add(d1, d2));
    }
    /* h = -RM/rt: the range table's entry, each value read RM times. */
    out[CV_PAIRS] = gl2_add(gl2_mul(acur[CV_PAIRS], d[D_RT]), cur[CNN1_RM]);
    /* h = -MULT/mem: the public column as memory, each row read MULT times. */
    out[CV_PAIRS + 1] = gl2_add(gl2_mul(acur[CV_PAIRS + 1], d[D_MEM]), cur[CNN1_MULT]);
    stark_logup_sum_eval(out + CV_HELPERS, acur, anext, CV_HELPERS);
}

/* ---- the trace ---------------------------------------------------------------- */

static zk_err cv_fixed(const stark_air *a, gl_t *f)
{
    cv_shape s;
    cv_shape_of(&s, a);
    memset(f, 0, s.rows * CNN1_FIXED * sizeof *f);
    size_t table = (size_t)1 << s.rbits;
/* Fixed column col (a column number of the whole row) at row i. */
#define FX(i, col) f[(i) * CNN1_FIXED + (col) - CNN1_MAIN]
    for (size_t i = 0; i < s.rows; i++) {
        size_t xa[16], wa, ba;
        cv_addresses(&s, i, xa, &wa, &ba);
        for (int k = 0; k < 16; k++) {
            FX(i, CNN1_XA + k) = (gl_t)xa[k];
            FX(xa[k], CNN1_MULT)++;
        }
        for (int t = 0; t < 9; t++)
            FX(wa + (size_t)t, CNN1_MULT)++;
        FX(ba, CNN1_MULT)++;
        FX(i, CNN1_WA) = (gl_t)wa;
        FX(i, CNN1_BA) = (gl_t)ba;
        FX(i, CNN1_IDX) = (gl_t)i;
        FX(i, CNN1_RT) = (gl_t)(i < table ? i : table - 1);
    }
#undef FX
    return ZK_OK;
}

/* The fixed columns are in the trace already (the engine wrote them). */
static zk_err cv_trace(const stark_air *a, gl_t *tr)
{
    cv_shape s;
    cv_shape_of(&s, a);
    uint64_t table = (uint64_t)1 << s.rbits;
    for (size_t i = 0; i < s.rows; i++)
        tr[i * CNN1_WIDTH + CNN1_RM] = 0;
    gl_t sum = 0;
    for (size_t i = 0; i < s.rows; i++) {
        gl_t *row = tr + i * CNN1_WIDTH;
        size_t xa[16], wa, ba;
        cv_addresses(&s, i, xa, &wa, &ba);
        for (int k = 0; k < 16; k++)
            row[CNN1_X + k] = cv_pub(a, xa[k]);
        for (int t = 0; t < 9; t++)
            row[CNN1_W + t] = cv_pub(a, wa + (size_t)t);
        row[CNN1_B] = cv_pub(a, ba);
        cv_row w;
        cv_compute(a, &s, i, &w);
        row[CNN1_M] = cv_field(w.m);
        /* What leaves the range has no table row: the lookup fails, as it
         * must for a window wider than the statement allows. */
        uint64_t reads[12];
        for (int g = 0; g < 4; g++) {
            uint64_t dg = (uint64_t)(w.m - w.acc[g]);
            reads[g] = dg & (table - 1);
            reads[4 + g] = dg >> s.rbits;
            row[CNN1_DL + g] = reads[g];
            row[CNN1_DH + g] = reads[4 + g];
        }
        row[CNN1_E] = gl_mul((gl_t)(w.m - w.acc[0]), (gl_t)(w.m - w.acc[1]));
        int64_t u = w.q >= 0 ? w.q : -1 - w.q;
        row[CNN1_Q] = cv_field(w.q);
        row[CNN1_T] = (gl_t)w.t;
        row[CNN1_S] = w.q >= 0;
        row[CNN1_U] = (gl_t)u;
        row[CNN1_Y] = w.q >= 0 ? (gl_t)w.q : 0;
        row[CNN1_SUM] = sum;
        sum = gl_add(sum, row[CNN1_Y]);
        reads[8] = (uint64_t)w.t;
        reads[9] = (uint64_t)w.t << (s.rbits - s.shift);
        reads[10] = (uint64_t)u;
        reads[11] = (uint64_t)u << (s.rbits - s.sbits);
        for (int k = 0; k < 12; k++)
            if (reads[k] < table)
                tr[reads[k] * CNN1_WIDTH + CNN1_RM]++;
    }
    return ZK_OK;
}

static zk_err cv_aux(const stark_air *a, gl2_t *aux, const gl_t *tr, const gl2_t *chal)
{
    gl2_t l = gl2_from_base(0), cur[CNN1_WIDTH], d[CV_DENS], scratch[CV_DENS];
    for (size_t i = 0; i < a->n_rows; i++) {
        const gl_t *row = tr + i * CNN1_WIDTH;
        for (int k = 0; k < CNN1_WIDTH; k++)
            cur[k] = gl2_from_base(row[k]);
        cv_denominators(d, a, cur, chal, gl2_from_base(cv_pub(a, i)));
        zk_err err = gl2_batch_inv(d, CV_DENS, scratch);
        if (err)
            return err;
        gl2_t *h = aux + i * CV_AUX;
        for (int k = 0; k < CV_PAIRS; k++)
            h[k] = gl2_add(d[2 * k], d[2 * k + 1]);
        h[CV_PAIRS] = gl2_neg(gl2_mul_base(d[D_RT], row[CNN1_RM]));
        h[CV_PAIRS + 1] = gl2_neg(gl2_mul_base(d[D_MEM], row[CNN1_MULT]));
        h[CV_HELPERS] = l;
        for (int k = 0; k < CV_HELPERS; k++)
            l = gl2_add(l, h[k]);
    }
    return ZK_OK;
}

static const stark_air_vt cv_vt = {cv_eval_base, cv_eval_ext, cv_eval_aux, cv_trace,
                                   cv_aux,       NULL,        cv_fixed};

/* ---- statements ---------------------------------------------------------------- */

/* The fixed columns' root of the shipped model's statement (all sixteen
 * channels, r = 5, s = 9) at the default blowup 8: what the verifier knows
 * from the AIR, as a Groth16 verifier knows its key, so that `stark verify`
 * does not extend the fixed columns again (tens of milliseconds).
 * test_stark_cnn recomputes it. Other statements compute theirs. */
static const struct {
    uint8_t channels, shift, sbits, log_blowup;
    const char *root;
} cv_roots[] = {
    {16, 5, 9, 3, "c78f2dc268f18f04ecf8af2ad73eeaedafba7ee8e29eec7da7e1a374d224292d"},
};

static void cv_known_root(stark_air *a, unsigned c, unsigned r, unsigned sb)
{
    for (size_t k = 0; k < sizeof cv_roots / sizeof cv_roots[0]; k++) {
        if (cv_roots[k].channels != c || cv_roots[k].shift != r || cv_roots[k].sbits != sb)
            continue;
        stark_air_known_fixed_root(a, cv_roots[k].root, cv_roots[k].log_blowup);
    }
}

static bool cv_params_ok(uint64_t c, uint64_t r, uint64_t sb)
{
    return c >= 1 && c <= AIR_CNN_CONV1_CHANNELS && r >= 1 && r <= AIR_CNN_RANGE_BITS_MAX &&
           sb >= 1 && sb <= AIR_CNN_RANGE_BITS_MAX;
}

static size_t cv_rows(unsigned c, unsigned r, unsigned sb)
{
    size_t n = (size_t)1 << cv_range_bits(r, sb);
    while (n < (size_t)AIR_CNN_PIXELS / 4 * c)
        n *= 2;
    return n;
}

static zk_err cv_shape_new(stark_air *a, unsigned c, unsigned r, unsigned sb)
{
    size_t n = cv_rows(c, r, sb);
    zk_err err = stark_air_init(a, "cnn-conv1", n, CNN1_MAIN);
    if (!err)
        err = stark_air_alloc_constraints(a, CV_CONS);
    if (err)
        return err;
    a->vt = &cv_vt;
    a->n_fixed = CNN1_FIXED;
    a->n_aux = CV_AUX;
    a->n_challenges = 3;
    a->n_main_cons = CV_MAIN_CONS;
    a->pub_column = true;
    a->n_pub = air_cnn_conv1_n_pub(c);
    a->params[0] = c;
    a->params[1] = r;
    a->params[2] = sb;
    a->n_params = 3;
    for (int g = 0; g < 4; g++)
        stark_air_set_constraint(a, (size_t)g, STARK_EVERY_ROW, 0, 2, false,
                                 "M - ACC%d = DL%d + 2^R DH%d", g, g, g);
    stark_air_set_constraint(a, 4, STARK_EVERY_ROW, 0, 2, false, "E = D0 D1");
    stark_air_set_constraint(a, 5, STARK_EVERY_ROW, 0, 3, false, "E D2 D3 = 0");
    stark_air_set_constraint(a, 6, STARK_EVERY_ROW, 0, 1, false, "M + 2^(r-1) = 2^r Q + T");
    stark_air_set_constraint(a, 7, STARK_EVERY_ROW, 0, 2, false, "S is a bit");
    stark_air_set_constraint(a, 8, STARK_EVERY_ROW, 0, 2, false, "U = S Q + (1 - S)(-1 - Q)");
    stark_air_set_constraint(a, 9, STARK_EVERY_ROW, 0, 2, false, "Y = S Q");
    stark_air_set_constraint(a, 10, STARK_TRANSITION, 0, 1, false, "SUM' = SUM + Y");
    stark_air_set_constraint(a, 11, STARK_ROW, 0, 1, false, "SUM = 0 at row 0");
    stark_air_set_constraint(a, 12, STARK_ROW, n - 1, 1, false, "SUM + Y = the public sum");
    size_t k = CV_MAIN_CONS;
    for (int p = 0; p < CV_PAIRS; p++)
        stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 3, true, "lookups %d, %d", 2 * p,
                                 2 * p + 1);
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 2, true, "range table");
    stark_air_set_constraint(a, k, STARK_EVERY_ROW, 0, 2, true, "memory table");
    stark_air_set_known(a, k++, 1);
    stark_logup_sum_constraints(a, k, n);
    cv_known_root(a, c, r, sb);
    return ZK_OK;
}

size_t air_cnn_conv1_n_pub(unsigned channels)
{
    return AIR_CNN_PIXELS + 10 * (size_t)channels + 1;
}

zk_err air_cnn_conv1_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                               size_t npub)
{
    if (np != 3 || !cv_params_ok(params[0], params[1], params[2]) ||
        npub != air_cnn_conv1_n_pub((unsigned)params[0]))
        return ZK_EINVAL;
    zk_err err = cv_shape_new(a, (unsigned)params[0], (unsigned)params[1], (unsigned)params[2]);
    if (err)
        return err;
    memcpy(a->pub, pub, npub * sizeof *pub);
    return ZK_OK;
}

zk_err air_cnn_conv1_new(stark_air *a, const air_cnn_conv1_input *in)
{
    memset(a, 0, sizeof *a);
    if (!cv_params_ok(in->channels, in->shift, in->sign_bits))
        return ZK_EINVAL;
    zk_err err = cv_shape_new(a, in->channels, in->shift, in->sign_bits);
    if (err)
        return err;
    size_t k = 0, c = in->channels;
    for (size_t i = 0; i < AIR_CNN_PIXELS; i++)
        a->pub[k++] = cv_field(in->pixels[i]);
    for (size_t i = 0; i < 9 * c; i++)
        a->pub[k++] = cv_field(in->weights[i]);
    for (size_t i = 0; i < c; i++)
        a->pub[k++] = cv_field(in->biases[i]);
    /* The sum of the pooled activations, by the same arithmetic as the
     * trace. */
    cv_shape s;
    cv_shape_of(&s, a);
    gl_t sum = 0;
    for (size_t i = 0; i < AIR_CNN_PIXELS / 4 * c; i++) {
        cv_row w;
        cv_compute(a, &s, i, &w);
        sum = gl_add(sum, w.q > 0 ? (gl_t)w.q : 0);
    }
    a->pub[k] = sum;
    return ZK_OK;
}

size_t air_cnn_conv1_output(const stark_air *a, const gl_t *trace, int32_t *out)
{
    size_t n = AIR_CNN_PIXELS / 4 * (size_t)a->params[0];
    for (size_t i = 0; i < n; i++)
        out[i] = (int32_t)cv_signed(trace[i * CNN1_WIDTH + CNN1_Y]);
    return n;
}
