/* cnn-conv1: the seed CNN's first layer (3×3 convolution, pad 1, over the
 * 28×28 image, then rescale and ReLU) as an AIR, the first slice of the CNN
 * AIR designed in air_cnn.h. Its statement is every input in public: the
 * quantized pixels, the channels' weights and biases, and the sum of the
 * activations, all in the public-input column; the activations themselves
 * stay in the trace. Layout and constraints are in air_cnn.h ("The first
 * slice"). */
#include <string.h>

#include "core/alloc.h"
#include "stark/air_builtin.h"
#include "stark/air_cnn.h"

enum {
    CV_X = 0,                 /* 9: the window, quantized pixels */
    CV_W = CV_X + 9,          /* 9: the channel's weights */
    CV_B = CV_W + 9,          /* its bias */
    CV_Q, CV_T, CV_S, CV_U, CV_Y,
    CV_RM,                    /* range multiplicity of the value on this row */
    CV_SUM,                   /* Σ Y over the rows above */
    CV_MAIN,
    CV_XA = CV_MAIN,          /* fixed: 9 window addresses */
    CV_WA = CV_XA + 9,        /* the address of W_0 (W_t at WA + t) */
    CV_BA, CV_MULT, CV_IDX, CV_RT,
    CV_WIDTH,
};
enum { CV_FIXED = CV_WIDTH - CV_MAIN, CV_HELPERS = 13, CV_AUX = CV_HELPERS + 1 };
enum { CV_MAIN_CONS = 7, CV_CONS = CV_MAIN_CONS + CV_HELPERS + 3 };

/* The shape a statement implies. */
typedef struct cv_shape {
    unsigned channels, shift, sbits, rbits;   /* c, r, s, R */
    size_t rows;                              /* N */
    size_t w_addr, b_addr, zero_addr;         /* public-column rows */
} cv_shape;

static void cv_shape_of(cv_shape *s, const stark_air *a)
{
    s->channels = (unsigned)a->params[0];
    s->shift = (unsigned)a->params[1];
    s->sbits = (unsigned)a->params[2];
    s->rbits = AIR_CNN_RANGE_BITS_MIN;
    if (s->shift > s->rbits)
        s->rbits = s->shift;
    if (s->sbits > s->rbits)
        s->rbits = s->sbits;
    s->rows = a->n_rows;
    s->w_addr = AIR_CNN_PIXELS;
    s->b_addr = s->w_addr + 9 * (size_t)s->channels;
    s->zero_addr = a->n_pub;   /* the column is 0 past the public values */
}

/* The addresses row i reads: the window's pixels (the zero row off the
 * image), the weights' base and the bias. Padding rows read channel 0's
 * weights and zeros, so that they satisfy every constraint as they are. */
static void cv_addresses(const cv_shape *s, size_t i, size_t xa[9], size_t *wa, size_t *ba)
{
    size_t per_channel = AIR_CNN_PIXELS;
    if (i >= per_channel * s->channels) {
        for (int t = 0; t < 9; t++)
            xa[t] = s->zero_addr;
        *wa = s->w_addr;
        *ba = s->zero_addr;
        return;
    }
    size_t o = i / per_channel, p = i % per_channel, y = p / AIR_CNN_SIDE, x = p % AIR_CNN_SIDE;
    for (int t = 0; t < 9; t++) {
        /* Source (y + ky - 1, x + kx - 1), kept unsigned by adding 1. */
        size_t sy = y + (size_t)(t / 3), sx = x + (size_t)(t % 3);
        bool in = sy >= 1 && sy <= AIR_CNN_SIDE && sx >= 1 && sx <= AIR_CNN_SIDE;
        xa[t] = in ? (sy - 1) * AIR_CNN_SIDE + sx - 1 : s->zero_addr;
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

/* Row i's output: acc = B + Σ W·X, Q = floor((acc + 2^(r-1)) / 2^r),
 * T = acc + 2^(r-1) - 2^r·Q, Y = max(Q, 0). */
static void cv_output(const stark_air *a, const cv_shape *s, size_t i, int64_t *q, int64_t *t)
{
    size_t xa[9], wa, ba;
    cv_addresses(s, i, xa, &wa, &ba);
    int64_t acc = cv_signed(cv_pub(a, ba));
    for (int k = 0; k < 9; k++)
        acc += cv_signed(cv_pub(a, wa + (size_t)k)) * cv_signed(cv_pub(a, xa[k]));
    int64_t v = acc + ((int64_t)1 << (s->shift - 1));
    *q = cv_floor_shift(v, s->shift);
    *t = v - *q * ((int64_t)1 << s->shift);
}

/* ---- constraints --------------------------------------------------------------- */

static void cv_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                         const gl_t *per)
{
    (void)per;
    unsigned r = (unsigned)a->params[1];
    gl_t acc = cur[CV_B];
    for (int t = 0; t < 9; t++)
        acc = gl_add(acc, gl_mul(cur[CV_W + t], cur[CV_X + t]));
    gl_t q = cur[CV_Q], sq = gl_mul(cur[CV_S], q);
    out[0] = gl_sub(gl_add(acc, (gl_t)1 << (r - 1)), gl_add(gl_mul((gl_t)1 << r, q), cur[CV_T]));
    out[1] = gl_mul(cur[CV_S], gl_sub(cur[CV_S], 1));
    /* U = S·Q + (1 - S)(-1 - Q) = 2SQ - Q + S - 1 */
    out[2] = gl_sub(cur[CV_U], gl_sub(gl_add(gl_add(sq, sq), cur[CV_S]), gl_add(q, 1)));
    out[3] = gl_sub(cur[CV_Y], sq);
    out[4] = gl_sub(next[CV_SUM], gl_add(cur[CV_SUM], cur[CV_Y]));
    out[5] = cur[CV_SUM];
    out[6] = gl_sub(gl_add(cur[CV_SUM], cur[CV_Y]), a->pub[a->n_pub - 1]);
}

static void cv_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *per)
{
    (void)per;
    unsigned r = (unsigned)a->params[1];
    gl2_t acc = cur[CV_B], one = gl2_from_base(1);
    for (int t = 0; t < 9; t++)
        acc = gl2_add(acc, gl2_mul(cur[CV_W + t], cur[CV_X + t]));
    gl2_t q = cur[CV_Q], sq = gl2_mul(cur[CV_S], q);
    out[0] = gl2_sub(gl2_add(acc, gl2_from_base((gl_t)1 << (r - 1))),
                     gl2_add(gl2_mul_base(q, (gl_t)1 << r), cur[CV_T]));
    out[1] = gl2_mul(cur[CV_S], gl2_sub(cur[CV_S], one));
    out[2] = gl2_sub(cur[CV_U], gl2_sub(gl2_add(gl2_add(sq, sq), cur[CV_S]), gl2_add(q, one)));
    out[3] = gl2_sub(cur[CV_Y], sq);
    out[4] = gl2_sub(next[CV_SUM], gl2_add(cur[CV_SUM], cur[CV_Y]));
    out[5] = cur[CV_SUM];
    out[6] = gl2_sub(gl2_add(cur[CV_SUM], cur[CV_Y]), gl2_from_base(a->pub[a->n_pub - 1]));
}

/* The denominators of the two lookups: memory (address, value) pairs
 * compressed as α - a - β·v, range values as γ - v; in an array, so that a
 * row's are inverted together. */
enum { D_X = 0, D_W = 9, D_B = 18, D_T, D_T2, D_U, D_U2, D_RT, D_MEM, CV_DENS };

static gl2_t cv_dm(const gl2_t *chal, gl2_t addr, gl2_t v)
{
    return gl2_sub(gl2_sub(chal[0], addr), gl2_mul(chal[1], v));
}

static void cv_denominators(gl2_t d[CV_DENS], const stark_air *a, const gl2_t *cur,
                            const gl2_t *chal, gl2_t pub)
{
    unsigned r = (unsigned)a->params[1], sb = (unsigned)a->params[2];
    cv_shape s;
    cv_shape_of(&s, a);
    for (int t = 0; t < 9; t++) {
        d[D_X + t] = cv_dm(chal, cur[CV_XA + t], cur[CV_X + t]);
        d[D_W + t] = cv_dm(chal, gl2_add(cur[CV_WA], gl2_from_base((gl_t)t)), cur[CV_W + t]);
    }
    d[D_B] = cv_dm(chal, cur[CV_BA], cur[CV_B]);
    d[D_T] = gl2_sub(chal[2], cur[CV_T]);
    d[D_T2] = gl2_sub(chal[2], gl2_mul_base(cur[CV_T], (gl_t)1 << (s.rbits - r)));
    d[D_U] = gl2_sub(chal[2], cur[CV_U]);
    d[D_U2] = gl2_sub(chal[2], gl2_mul_base(cur[CV_U], (gl_t)1 << (s.rbits - sb)));
    d[D_RT] = gl2_sub(chal[2], cur[CV_RT]);
    d[D_MEM] = cv_dm(chal, cur[CV_IDX], pub);
}

/* h·d1·d2 - (d1 + d2): h = 1/d1 + 1/d2, two reads. */
static gl2_t cv_pair(gl2_t h, gl2_t d1, gl2_t d2)
{
    return gl2_sub(gl2_mul(gl2_mul(h, d1), d2), gl2_add(d1, d2));
}

static void cv_eval_aux(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *acur, const gl2_t *anext, const gl2_t *chal,
                        const gl2_t *per)
{
    (void)next;
    gl2_t d[CV_DENS];
    cv_denominators(d, a, cur, chal, per[a->n_periodic]);
    for (int t = 0; t < 9; t++)
        out[t] = cv_pair(acur[t], d[D_X + t], d[D_W + t]);
    out[9] = cv_pair(acur[9], d[D_B], d[D_T]);
    out[10] = cv_pair(acur[10], d[D_T2], d[D_U]);
    /* h = 1/u2 - RM/rt: the last read and the range table's entry. */
    out[11] = gl2_sub(gl2_mul(gl2_mul(acur[11], d[D_U2]), d[D_RT]),
                      gl2_sub(d[D_RT], gl2_mul(cur[CV_RM], d[D_U2])));
    /* h = -MULT/mem: the public column as memory, each row read MULT times. */
    out[12] = gl2_add(gl2_mul(acur[12], d[D_MEM]), cur[CV_MULT]);
    gl2_t sum = gl2_from_base(0);
    for (int k = 0; k < CV_HELPERS; k++)
        sum = gl2_add(sum, acur[k]);
    out[13] = acur[CV_HELPERS];
    out[14] = gl2_sub(anext[CV_HELPERS], gl2_add(acur[CV_HELPERS], sum));
    out[15] = gl2_add(acur[CV_HELPERS], sum);
}

/* ---- the trace ---------------------------------------------------------------- */

static zk_err cv_fixed(const stark_air *a, gl_t *f)
{
    cv_shape s;
    cv_shape_of(&s, a);
    memset(f, 0, s.rows * CV_FIXED * sizeof *f);
    size_t table = (size_t)1 << s.rbits;
/* Fixed column col (a column number of the whole row) at row i. */
#define FX(i, col) f[(i) * CV_FIXED + (col) - CV_MAIN]
    for (size_t i = 0; i < s.rows; i++) {
        size_t xa[9], wa, ba;
        cv_addresses(&s, i, xa, &wa, &ba);
        for (int t = 0; t < 9; t++) {
            FX(i, CV_XA + t) = (gl_t)xa[t];
            FX(xa[t], CV_MULT)++;
            FX(wa + (size_t)t, CV_MULT)++;
        }
        FX(ba, CV_MULT)++;
        FX(i, CV_WA) = (gl_t)wa;
        FX(i, CV_BA) = (gl_t)ba;
        FX(i, CV_IDX) = (gl_t)i;
        FX(i, CV_RT) = (gl_t)(i < table ? i : table - 1);
    }
#undef FX
    return ZK_OK;
}

/* The fixed columns are in the trace already (the engine wrote them). */
static zk_err cv_trace(const stark_air *a, gl_t *tr)
{
    cv_shape s;
    cv_shape_of(&s, a);
    size_t table = (size_t)1 << s.rbits;
    for (size_t i = 0; i < s.rows; i++)
        tr[i * CV_WIDTH + CV_RM] = 0;
    gl_t sum = 0;
    for (size_t i = 0; i < s.rows; i++) {
        gl_t *row = tr + i * CV_WIDTH;
        size_t xa[9], wa, ba;
        cv_addresses(&s, i, xa, &wa, &ba);
        for (int t = 0; t < 9; t++) {
            row[CV_X + t] = cv_pub(a, xa[t]);
            row[CV_W + t] = cv_pub(a, wa + (size_t)t);
        }
        row[CV_B] = cv_pub(a, ba);
        int64_t q, t;
        cv_output(a, &s, i, &q, &t);
        int64_t u = q >= 0 ? q : -1 - q;
        row[CV_Q] = cv_field(q);
        row[CV_T] = (gl_t)t;
        row[CV_S] = q >= 0;
        row[CV_U] = cv_field(u);
        row[CV_Y] = q >= 0 ? (gl_t)q : 0;
        row[CV_SUM] = sum;
        sum = gl_add(sum, row[CV_Y]);
        /* What leaves the range has no table row: the lookup fails, as it
         * must for an accumulator wider than the statement allows. */
        uint64_t reads[4] = {(uint64_t)t, (uint64_t)t << (s.rbits - s.shift), (uint64_t)u,
                             (uint64_t)u << (s.rbits - s.sbits)};
        for (int k = 0; k < 4; k++)
            if (u >= 0 && reads[k] < table)
                tr[reads[k] * CV_WIDTH + CV_RM]++;
    }
    return ZK_OK;
}

static zk_err cv_aux(const stark_air *a, gl2_t *aux, const gl_t *tr, const gl2_t *chal)
{
    gl2_t l = gl2_from_base(0), cur[CV_WIDTH], d[CV_DENS], scratch[CV_DENS];
    for (size_t i = 0; i < a->n_rows; i++) {
        const gl_t *row = tr + i * CV_WIDTH;
        for (int k = 0; k < CV_WIDTH; k++)
            cur[k] = gl2_from_base(row[k]);
        cv_denominators(d, a, cur, chal, gl2_from_base(cv_pub(a, i)));
        zk_err err = gl2_batch_inv(d, CV_DENS, scratch);
        if (err)
            return err;
        gl2_t *h = aux + i * CV_AUX;
        for (int t = 0; t < 9; t++)
            h[t] = gl2_add(d[D_X + t], d[D_W + t]);
        h[9] = gl2_add(d[D_B], d[D_T]);
        h[10] = gl2_add(d[D_T2], d[D_U]);
        h[11] = gl2_sub(d[D_U2], gl2_mul_base(d[D_RT], row[CV_RM]));
        h[12] = gl2_neg(gl2_mul_base(d[D_MEM], row[CV_MULT]));
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
    {16, 5, 9, 3, "2492cf23da142f56b7bb46adb07083e2591ae99bfd264e2676df3e06230edcd9"},
};

static void cv_known_root(stark_air *a, unsigned c, unsigned r, unsigned sb)
{
    for (size_t k = 0; k < sizeof cv_roots / sizeof cv_roots[0]; k++) {
        if (cv_roots[k].channels != c || cv_roots[k].shift != r || cv_roots[k].sbits != sb)
            continue;
        for (size_t i = 0; i < HASH_BYTES; i++) {
            const char *h = cv_roots[k].root + 2 * i;
            int hi = h[0] <= '9' ? h[0] - '0' : h[0] - 'a' + 10;
            int lo = h[1] <= '9' ? h[1] - '0' : h[1] - 'a' + 10;
            a->fixed_root.b[i] = (uint8_t)(hi << 4 | lo);
        }
        a->fixed_root_log_blowup = cv_roots[k].log_blowup;
    }
}

static bool cv_params_ok(uint64_t c, uint64_t r, uint64_t sb)
{
    return c >= 1 && c <= AIR_CNN_CONV1_CHANNELS && r >= 1 && r <= AIR_CNN_RANGE_BITS_MAX &&
           sb >= 1 && sb <= AIR_CNN_RANGE_BITS_MAX;
}

static size_t cv_rows(unsigned c, unsigned r, unsigned sb)
{
    unsigned rb = AIR_CNN_RANGE_BITS_MIN;
    rb = r > rb ? r : rb;
    rb = sb > rb ? sb : rb;
    size_t n = (size_t)1 << rb;
    while (n < (size_t)AIR_CNN_PIXELS * c)
        n *= 2;
    return n;
}

static zk_err cv_shape_new(stark_air *a, unsigned c, unsigned r, unsigned sb)
{
    size_t n = cv_rows(c, r, sb);
    zk_err err = stark_air_init(a, "cnn-conv1", n, CV_MAIN);
    if (!err)
        err = stark_air_alloc_constraints(a, CV_CONS);
    if (err)
        return err;
    a->vt = &cv_vt;
    a->n_fixed = CV_FIXED;
    a->n_aux = CV_AUX;
    a->n_challenges = 3;
    a->n_main_cons = CV_MAIN_CONS;
    a->pub_column = true;
    a->n_pub = air_cnn_conv1_n_pub(c);
    a->params[0] = c;
    a->params[1] = r;
    a->params[2] = sb;
    a->n_params = 3;
    stark_air_set_constraint(a, 0, STARK_EVERY_ROW, 0, 2, false,
                             "B + sum W X + 2^(r-1) = 2^r Q + T");
    stark_air_set_constraint(a, 1, STARK_EVERY_ROW, 0, 2, false, "S is a bit");
    stark_air_set_constraint(a, 2, STARK_EVERY_ROW, 0, 2, false, "U = S Q + (1 - S)(-1 - Q)");
    stark_air_set_constraint(a, 3, STARK_EVERY_ROW, 0, 2, false, "Y = S Q");
    stark_air_set_constraint(a, 4, STARK_TRANSITION, 0, 1, false, "SUM' = SUM + Y");
    stark_air_set_constraint(a, 5, STARK_ROW, 0, 1, false, "SUM = 0 at row 0");
    stark_air_set_constraint(a, 6, STARK_ROW, n - 1, 1, false, "SUM + Y = the public sum");
    size_t k = CV_MAIN_CONS;
    for (int t = 0; t < 9; t++)
        stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 3, true, "lookups X%d, W%d", t, t);
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 3, true, "lookups B, T");
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 3, true, "lookups T<<, U");
    stark_air_set_constraint(a, k++, STARK_EVERY_ROW, 0, 3, true, "lookup U<<, range table");
    stark_air_set_constraint(a, k, STARK_EVERY_ROW, 0, 2, true, "memory table");
    stark_air_set_known(a, k++, 1);
    stark_air_set_constraint(a, k++, STARK_ROW, 0, 1, true, "LogUp sum starts at 0");
    stark_air_set_constraint(a, k++, STARK_TRANSITION, 0, 1, true, "LogUp sum step");
    stark_air_set_constraint(a, k++, STARK_ROW, n - 1, 1, true, "LogUp sum closes at 0");
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
    /* The sum of the activations, by the same arithmetic as the trace. */
    cv_shape s;
    cv_shape_of(&s, a);
    gl_t sum = 0;
    for (size_t i = 0; i < AIR_CNN_PIXELS * c; i++) {
        int64_t q, t;
        cv_output(a, &s, i, &q, &t);
        sum = gl_add(sum, q > 0 ? (gl_t)q : 0);
    }
    a->pub[k] = sum;
    return ZK_OK;
}

size_t air_cnn_conv1_output(const stark_air *a, const gl_t *trace, int32_t *out)
{
    size_t n = AIR_CNN_PIXELS * (size_t)a->params[0];
    for (size_t i = 0; i < n; i++)
        out[i] = (int32_t)cv_signed(trace[i * CV_WIDTH + CV_Y]);
    return n;
}
