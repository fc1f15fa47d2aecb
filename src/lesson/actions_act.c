/* act.*: lesson 15, activations in a circuit. The ReLU and x² gadgets are
 * built here as real rank-1 constraints (A·w)(B·w) = (C·w) over the prime
 * 2^61 − 1, with witnesses that are checked row by row, so every count on
 * screen is rows that exist; GELU and softmax approximations are measured
 * against libm's erf and exp. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/actions.h"
#include "lesson/mnist_views.h"
#include "nn/explore.h"

/* ---- a tiny R1CS over p = 2^61 − 1 ---- */

#define P61 ((uint64_t)0x1FFFFFFFFFFFFFFF)
enum { MAX_TERMS = 70, MAX_VARS = 70 };

typedef struct lc {
    int var[MAX_TERMS];
    uint64_t coeff[MAX_TERMS];
    int n;
} lc;

typedef struct cs {
    lc a[MAX_VARS], b[MAX_VARS], c[MAX_VARS];
    int rows;
    uint64_t w[MAX_VARS];   /* the witness; w[0] = 1 */
} cs;

static uint64_t fe(int64_t v)
{
    return v >= 0 ? (uint64_t)v % P61 : P61 - (uint64_t)(-v) % P61;
}

static uint64_t add61(uint64_t a, uint64_t b)
{
    uint64_t s = a + b;
    return s >= P61 ? s - P61 : s;
}

static uint64_t mul61(uint64_t a, uint64_t b)
{
    zk_u128 t = (zk_u128)a * b;
    uint64_t lo = (uint64_t)t & P61, hi = (uint64_t)(t >> 61);
    return add61(lo, hi);   /* 2^61 ≡ 1 (mod 2^61 − 1) */
}

static void term(lc *l, int var, int64_t coeff)
{
    l->var[l->n] = var;
    l->coeff[l->n++] = fe(coeff);
}

static uint64_t eval(const lc *l, const uint64_t *w)
{
    uint64_t s = 0;
    for (int i = 0; i < l->n; i++)
        s = add61(s, mul61(l->coeff[i], w[l->var[i]]));
    return s;
}

/* The first row that fails, or -1. */
static int first_failure(const cs *c)
{
    for (int r = 0; r < c->rows; r++)
        if (mul61(eval(&c->a[r], c->w), eval(&c->b[r], c->w)) != eval(&c->c[r], c->w))
            return r;
    return -1;
}

static lc *row(cs *c, int part)
{
    lc *l = part == 0 ? &c->a[c->rows] : part == 1 ? &c->b[c->rows] : &c->c[c->rows];
    memset(l, 0, sizeof *l);
    return l;
}

/* d·(1 − d) = 0: d is a bit. */
static void boolean_row(cs *c, int d)
{
    term(row(c, 0), d, 1);
    lc *b = row(c, 1);
    term(b, 0, 1);
    term(b, d, -1);
    row(c, 2);
    c->rows++;
}

/* ReLU of a b-bit signed x by bit decomposition. Variables: 0 one, 1 x,
 * 2 y, 3… the bits of u = x + 2^(b−1) ∈ [0, 2^b). u's top bit is 1 exactly
 * when x >= 0, so y = x · top bit. Rows: b bits, 1 recomposition, 1 product. */
static void relu_gadget(cs *c, int bits, int64_t x, int64_t claimed_y, bool honest)
{
    memset(c, 0, sizeof *c);
    c->w[0] = 1;
    c->w[1] = fe(x);
    uint64_t u = (uint64_t)(x + ((int64_t)1 << (bits - 1)));
    for (int i = 0; i < bits; i++) {
        c->w[3 + i] = (u >> i) & 1;
        boolean_row(c, 3 + i);
    }
    lc *a = row(c, 0);
    for (int i = 0; i < bits; i++)
        term(a, 3 + i, (int64_t)1 << i);
    term(row(c, 1), 0, 1);
    lc *cc = row(c, 2);
    term(cc, 1, 1);
    term(cc, 0, (int64_t)1 << (bits - 1));
    c->rows++;
    term(row(c, 0), 1, 1);
    term(row(c, 1), 3 + bits - 1, 1);
    term(row(c, 2), 2, 1);
    c->rows++;
    c->w[2] = fe(honest ? (x > 0 ? x : 0) : claimed_y);
}

/* x² of a b-bit signed x (|x| < 2^(b−1)) at scale 2^s, rescaled back to
 * 2^s: x·x + 2^(s−1) = q·2^s + r with r < 2^s and q < 2^(2b−2−s), both by
 * their bits. The range of q is what makes the rescale sound: 2^s is
 * invertible mod p, so with r's bits alone every r has a field element q
 * that balances the row, and the prover picks the rounding. With both
 * ranges the right side stays below 2^(2b−2) < p, so the row holds over the
 * integers and fixes q and r. Variables: 0 one, 1 x, 2… the s bits of r,
 * then the bits of q. Rows: s + (2b − 2 − s) bits and the one product,
 * 2b − 1 whatever s is. `q_bits` false builds the row without q's range
 * (q one free variable) and `forge` puts r + 1 and its balancing q in the
 * witness, to show what the range of q is for. */
static int square_bits_q(int b, int s)
{
    return 2 * b - 2 - s;
}

static void square_gadget(cs *c, int b, int s, int64_t x, bool q_bits, bool forge)
{
    memset(c, 0, sizeof *c);
    c->w[0] = 1;
    c->w[1] = fe(x);
    int64_t t = x * x + ((int64_t)1 << (s - 1));
    int64_t q = t >> s, r = t - (q << s);
    if (forge)
        r = (r + 1) % ((int64_t)1 << s);
    /* q = (t − r)/2^s in the field; 1/2^s = 2^(61−s) since 2^61 ≡ 1. */
    uint64_t qf = mul61(fe(t - r), (uint64_t)1 << (61 - s));
    int k = q_bits ? square_bits_q(b, s) : 0, qv = 2 + s;
    for (int i = 0; i < s; i++) {
        c->w[2 + i] = ((uint64_t)r >> i) & 1;
        boolean_row(c, 2 + i);
    }
    if (q_bits) {
        for (int i = 0; i < k; i++) {
            c->w[qv + i] = (qf >> i) & 1;
            boolean_row(c, qv + i);
        }
    } else {
        c->w[qv] = qf;
    }
    term(row(c, 0), 1, 1);
    term(row(c, 1), 1, 1);
    lc *cc = row(c, 2);
    for (int i = 0; i < s; i++)
        term(cc, 2 + i, (int64_t)1 << i);
    if (q_bits)
        for (int i = 0; i < k; i++)
            term(cc, qv + i, (int64_t)1 << (s + i));
    else
        term(cc, qv, (int64_t)1 << s);
    term(cc, 0, -((int64_t)1 << (s - 1)));
    c->rows++;
}

/* act.relu bits=B x=X: the gadget built, solved and checked, then fooled. */
static zk_err relu_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t bits;
    zk_err err = lesson_param_u64(out, p, "bits", 8, 2, 62, &bits);
    if (err)
        return err;
    const char *xs = lesson_param_get(p, "x", "-5");
    char *end;
    long long x = strtoll(xs, &end, 10);
    long long half = (long long)1 << (bits - 1);
    if (*end || !*xs || x < -half || x >= half)
        return lesson_fail(out, ZK_EINVAL, "x must be a whole number from %lld to %lld", -half,
                           half - 1);
    cs *c = zk_alloc(1, sizeof *c);
    if (!c)
        return ZK_ENOMEM;
    relu_gadget(c, (int)bits, x, 0, true);
    lesson_result_line(out, LESSON_MARK_HEAD, "ReLU(%lld) with %d-bit decomposition: %d "
                       "constraints", x, (int)bits, c->rows);
    char bitstr[80] = "";
    for (int i = (int)bits - 1, k = 0; i >= 0 && k < 70; i--)
        bitstr[k++] = (char)('0' + (int)c->w[3 + i]), bitstr[k] = '\0';
    lesson_result_line(out, LESSON_MARK_NONE, "u = x + 2^%d = %lld = %s₂; its top bit says x "
                       "%s 0", (int)bits - 1, x + half, bitstr, x >= 0 ? ">=" : "<");
    lesson_result_line(out, LESSON_MARK_NONE, "%d rows d·(1 − d) = 0, 1 row Σ 2^i·d_i = x + "
                       "2^%d, 1 row x · d_%d = y", (int)bits, (int)bits - 1, (int)bits - 1);
    int bad = first_failure(c);
    lesson_result_line(out, bad < 0 ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "witness y = %lld: all %d rows hold", x > 0 ? x : 0, c->rows);
    relu_gadget(c, (int)bits, x, x, false);
    if (x < 0) {
        bad = first_failure(c);
        lesson_result_line(out, bad >= 0 ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "a cheating witness y = %lld fails row %d (x · d_%d = y)", x, bad + 1,
                           (int)bits - 1);
    }
    zk_free(c);
    return ZK_OK;
}

/* act.costs: constraints per activation against the input's width, from
 * the gadgets, and the forgery the quotient's range check stops. */
static zk_err costs_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p, (void)ev;
    cs *c = zk_alloc(1, sizeof *c);
    if (!c)
        return ZK_ENOMEM;
    enum { N = 8, SQ_MAX_BITS = 31 };   /* x² of 31 bits needs 60: 2^61 − 1 holds it */
    double bits[N], relu[N], square[N];
    static const int widths[N] = {4, 8, 12, 16, 24, 32, 48, 60};
    size_t nsq = 0;
    lesson_result_line(out, LESSON_MARK_HEAD, "bits b   ReLU (decompose x)   x² + sound rescale "
                                              "(remainder and quotient)");
    for (int i = 0; i < N; i++) {
        int b = widths[i];
        relu_gadget(c, b, -3, 0, true);
        int rr = c->rows, ok = first_failure(c) < 0;
        bits[i] = b, relu[i] = rr;
        if (b > SQ_MAX_BITS) {
            lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                               "%4d     %4d                    —", b, rr);
            continue;
        }
        square_gadget(c, b, b / 2, -3, true, false);
        ok &= first_failure(c) < 0;
        square[nsq++] = c->rows;
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "%4d     %4d                 %4d", b, rr, c->rows);
    }
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "x² alone is one constraint, but it doubles the scale; the division "
                       "back needs the remainder's s bits and the quotient's 2b − 2 − s: "
                       "2b − 1 rows (— : x² of over 31 bits does not fit this demo's 61-bit "
                       "field)");
    /* x = -3 at 16 bits, scale 2^8: r + 1 with its balancing q. */
    square_gadget(c, 16, 8, -3, false, true);
    int loose = first_failure(c);
    square_gadget(c, 16, 8, -3, true, true);
    int tight = first_failure(c);
    lesson_result_line(out, loose < 0 && tight >= 0 ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "x = -3 at 16 bits, a remainder off by one: without the quotient's "
                       "range every row holds (q is a huge field element); with it row %d "
                       "fails", tight + 1);
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Constraints per activation",
                                        "bits of the input", "constraints");
    zk_err err = viz_chart_add_line(ch, "ReLU", VIZ_YELLOW, bits, relu, N);
    if (!err)
        err = viz_chart_add_line(ch, "x² + rescale", VIZ_CYAN, bits, square, nsq);
    zk_free(c);
    return err;
}

/* ---- GELU and softmax approximations ---- */

static double gelu(double x)
{
    return 0.5 * x * (1 + erf(x / sqrt(2.0)));
}

/* Least-squares polynomial of degree d (<= 8) for f on [-R, R], in the
 * variable x/R: normal equations solved by Gaussian elimination. */
static void fit_poly(double *coef, int d, double (*f)(double), double R)
{
    double A[9][10] = {{0}};
    for (int k = 0; k <= 800; k++) {
        double t = -1 + k / 400.0, y = f(t * R), pw[9];
        pw[0] = 1;
        for (int i = 1; i <= d; i++)
            pw[i] = pw[i - 1] * t;
        for (int i = 0; i <= d; i++) {
            for (int j = 0; j <= d; j++)
                A[i][j] += pw[i] * pw[j];
            A[i][d + 1] += pw[i] * y;
        }
    }
    for (int col = 0; col <= d; col++) {
        int piv = col;
        for (int r = col + 1; r <= d; r++)
            piv = fabs(A[r][col]) > fabs(A[piv][col]) ? r : piv;
        for (int j = 0; j <= d + 1; j++) {
            double tmp = A[col][j];
            A[col][j] = A[piv][j];
            A[piv][j] = tmp;
        }
        for (int r = 0; r <= d; r++)
            if (r != col) {
                double m = A[r][col] / A[col][col];
                for (int j = col; j <= d + 1; j++)
                    A[r][j] -= m * A[col][j];
            }
    }
    for (int i = 0; i <= d; i++)
        coef[i] = A[i][d + 1] / A[i][i];
}

static double horner(const double *coef, int d, double t)
{
    double y = coef[d];
    for (int i = d - 1; i >= 0; i--)
        y = y * t + coef[i];
    return y;
}

/* Piecewise linear through `seg` equal segments of [-R, R]; 0 left of it
 * and x right of it, as GELU is there to within 1e-4. */
static double gelu_pwl(double x, int seg, double R)
{
    if (x <= -R)
        return 0;
    if (x >= R)
        return x;
    double w = 2 * R / seg;
    int k = (int)((x + R) / w);
    double x0 = -R + k * w;
    return gelu(x0) + (gelu(x0 + w) - gelu(x0)) * (x - x0) / w;
}

/* act.gelu: polynomial and piecewise-linear GELU, and their largest error. */
static zk_err gelu_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p, (void)ev;
    const double R = 4;
    double c2[9], c4[9], c8[9];
    fit_poly(c2, 2, gelu, R);
    fit_poly(c4, 4, gelu, R);
    fit_poly(c8, 8, gelu, R);
    double e2 = 0, e4 = 0, e8 = 0, ep = 0;
    enum { N = 81 };
    double xs[N], ex[N], y2[N], y4[N];
    for (int k = 0; k <= 1600; k++) {
        double x = -R + k * (2 * R / 1600), g = gelu(x);
        e2 = fmax(e2, fabs(horner(c2, 2, x / R) - g));
        e4 = fmax(e4, fabs(horner(c4, 4, x / R) - g));
        e8 = fmax(e8, fabs(horner(c8, 8, x / R) - g));
        ep = fmax(ep, fabs(gelu_pwl(x, 16, R) - g));
        if (k % 20 == 0) {
            int i = k / 20;
            xs[i] = x, ex[i] = g, y2[i] = horner(c2, 2, x / R), y4[i] = horner(c4, 4, x / R);
        }
    }
    lesson_result_line(out, LESSON_MARK_HEAD, "GELU(x) = x·Φ(x) on [-4, 4], largest error");
    lesson_result_line(out, LESSON_MARK_NONE, "degree-2 polynomial   %.4f   2 multiplications",
                       e2);
    lesson_result_line(out, LESSON_MARK_NONE, "degree-4 polynomial   %.4f   4 multiplications",
                       e4);
    lesson_result_line(out, LESSON_MARK_NONE, "degree-8 polynomial   %.5f  8 multiplications",
                       e8);
    lesson_result_line(out, LESSON_MARK_NONE, "16 linear pieces      %.5f  a range check to "
                                              "pick the piece, like a ReLU's", ep);
    lesson_result_line(out, LESSON_MARK_NOTE, "each multiplication also doubles the scale and "
                                              "needs a rescale; outside [-4, 4] a polynomial "
                                              "runs away, so inputs must be range-checked too");
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "GELU and two polynomials", "x",
                                        "y");
    zk_err err = viz_chart_add_line(ch, "GELU", VIZ_CYAN, xs, ex, N);
    if (!err)
        err = viz_chart_add_line(ch, "degree 2", VIZ_YELLOW, xs, y2, N);
    if (!err)
        err = viz_chart_add_line(ch, "degree 4", VIZ_MAGENTA, xs, y4, N);
    return err;
}

/* exp(t) for t <= 0 as (1 + t/2^n)^(2^n): n squarings (Euler's limit). */
static double exp_squarings(double t, int n)
{
    double b = 1 + ldexp(t, -n);
    b = b > 0 ? b : 0;
    for (int i = 0; i < n; i++)
        b *= b;
    return b;
}

/* act.softmax: softmax with exp by repeated squaring, on the shipped
 * model's logits for the bundled digits. */
static zk_err softmax_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p, (void)ev;
    nn_explorer x;
    char why[400] = "";
    zk_err err = nn_explorer_open(&x, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    double ns[12], worst[12];
    for (int n = 1; n <= 12; n++) {
        ns[n - 1] = n;
        worst[n - 1] = 0;
    }
    size_t digits = 0;
    for (size_t i = 0; i < x.ndigits && !err; i++) {
        if (nn_explorer_load_bundled(&x, i, why, sizeof why) != ZK_OK)
            continue;
        digits++;
        double z[NN_CLASSES], exact[NN_CLASSES], top = x.cmp->z[0];
        for (int k = 0; k < NN_CLASSES; k++) {
            z[k] = x.cmp->z[k];
            top = z[k] > top ? z[k] : top;
        }
        lesson_mnist_softmax(exact, z, NN_CLASSES);
        for (int n = 1; n <= 12; n++) {
            double e[NN_CLASSES], sum = 0;
            for (int k = 0; k < NN_CLASSES; k++)
                sum += e[k] = exp_squarings(z[k] - top, n);
            for (int k = 0; k < NN_CLASSES; k++)
                worst[n - 1] = fmax(worst[n - 1], fabs(e[k] / sum - exact[k]));
        }
    }
    nn_explorer_close(&x);
    lesson_result_line(out, LESSON_MARK_HEAD, "softmax on the logits of %zu digits, exp(t) ≈ "
                       "(1 + t/2^n)^(2^n)", digits);
    for (int n = 2; n <= 12; n += 2)
        lesson_result_line(out, LESSON_MARK_NONE, "n = %2d squarings: largest probability "
                           "error %.2e", n, worst[n - 1]);
    lesson_result_line(out, LESSON_MARK_NOTE, "each exp costs n multiplications (and rescales); "
                       "the division by the sum is one inverse and one check per class");
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Softmax error", "squarings n",
                                        "max |error|");
    ch->log_y = true;
    return viz_chart_add_line(ch, "probabilities", VIZ_YELLOW, ns, worst, 12);
}

static const lesson_action actions[] = {
    {"act.relu", "bits x", "ReLU by bit decomposition: constraints built and checked",
     relu_action},
    {"act.costs", "", "constraints per ReLU and per soundly rescaled x² against bit width", costs_action},
    {"act.gelu", "", "GELU by polynomials and pieces, with their error", gelu_action},
    {"act.softmax", "", "softmax with exp by repeated squaring, with its error",
     softmax_action},
};

const lesson_action_table lesson_actions_act = {actions, sizeof actions / sizeof actions[0]};
