/* nn/quant: integer inference bit for bit against a straightforward
 * reference written separately here (direct convolution loops, its own
 * rounding code), the rounding rules exhaustively on small ranges,
 * overflow reported instead of wrapped, calibration and its settings file. */
#include "zk_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nn/calibrate.h"
#include "nn/idx.h"
#include "nn/model_file.h"
#include "nn/quant.h"
#include "nn/quant_eval.h"
#include "nn/train.h"

static void load(nn_cnn *m, nn_dataset *test)
{
    char why[256], buf[1024];
    if (nn_model_load(m, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) != ZK_OK)
        fail_msg("%s", why);
    if (test && nn_mnist_load(test, nn_mnist_dir(NULL, buf, sizeof buf), false, why,
                              sizeof why) != ZK_OK)
        fail_msg("MNIST: %s (set ZKCAVE_SHARED_DATA)", why);
}

/* floor(a / 2^r) by the definition of floor, not by shifting. */
static int64_t ref_floor_div(int64_t a, int r)
{
    int64_t d = (int64_t)1 << r, m = ((a % d) + d) % d;
    return (a - m) / d;
}

static int64_t ref_rescale(int64_t acc, int r)
{
    if (r <= 0)
        return acc * ((int64_t)1 << -r);
    return ref_floor_div(acc + ((int64_t)1 << (r - 1)), r);
}

static void test_rescale_exhaustive(void **state)
{
    (void)state;
    for (int r = -3; r <= 7; r++)
        for (int64_t a = -3000; a <= 3000; a++) {
            int64_t got = nn_rescale(a, r);
            assert_int_equal(got, ref_rescale(a, r));
            if (r > 0) {   /* the nearest integer to a / 2^r, halves upward */
                double exact = a / ldexp(1, r);
                assert_true(fabs((double)got - exact) <= 0.5);
                if (fabs((double)got - exact) == 0.5)
                    assert_true((double)got > exact);
            }
        }
    assert_int_equal(nn_rescale(-3, 1), -1);   /* -1.5 → -1 */
    assert_int_equal(nn_rescale(3, 1), 2);     /*  1.5 →  2 */
    assert_int_equal(nn_rescale(-5, 2), -1);   /* -1.25 → -1 */
}

static void test_pixel_and_weight_rounding(void **state)
{
    (void)state;
    for (int e = 0; e <= 16; e++)
        for (int p = 0; p < 256; p++) {
            int32_t x = nn_quantize_pixel((uint8_t)p, e);
            assert_int_equal(x, (int32_t)floor(p * ldexp(1, e) / 255.0 + 0.5));
        }
    assert_int_equal(nn_quantize_pixel(255, 16), 65536);
    /* The article's example, corrected: 0.3847291 × 2^16 = 25,213.8… → 25,214. */
    int32_t q;
    assert_int_equal(nn_quantize_value(&q, 0.3847291, 16), ZK_OK);
    assert_int_equal(q, 25214);
    assert_int_equal(nn_quantize_value(&q, -2.5 / 16, 4), ZK_OK);   /* ties away from zero */
    assert_int_equal(q, -3);
    assert_int_equal(nn_quantize_value(&q, 1e6, 16), ZK_EOVERFLOW);
    assert_int_equal(nn_quantize_value(&q, NAN, 4), ZK_EOVERFLOW);
}

/* ---- the reference: the network as the definition says, loop by loop ---- */

static int32_t ref_weight(double v, int e)
{
    double s = fabs(v) * ldexp(1, e);
    int32_t m = (int32_t)floor(s + 0.5);
    return v < 0 ? -m : m;
}

static int64_t ref_bias(double v, int e)
{
    double s = fabs(v) * ldexp(1, e);
    int64_t m = (int64_t)floor(s + 0.5);
    return v < 0 ? -m : m;
}

/* ReLU, or a square model's y² brought back from 2^(2e) to 2^e. */
static int64_t ref_act(int64_t y, const nn_cnn *m, int e)
{
    if (m->act == NN_ACT_SQUARE)
        return ref_rescale(y * y, e);
    return y > 0 ? y : 0;
}

static void ref_conv(int32_t *y, const int32_t *x, const nn_cnn *m, int l, const nn_qparams *q,
                     int cin, int cout, int side)
{
    const nn_layer_info *L = &nn_layers[l];
    int in = l == 0 ? q->in_exp : q->out_exp[l - 1];
    int r = in + q->w_exp[l] - q->out_exp[l];
    for (int o = 0; o < cout; o++)
        for (int yy = 0; yy < side; yy++)
            for (int xx = 0; xx < side; xx++) {
                int64_t acc = ref_bias(m->p[L->bias_off + o], in + q->w_exp[l]);
                for (int c = 0; c < cin; c++)
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = yy + ky - 1, ix = xx + kx - 1;
                            if (iy < 0 || ix < 0 || iy >= side || ix >= side)
                                continue;
                            float w = m->p[L->weight_off + ((o * cin + c) * 3 + ky) * 3 + kx];
                            acc += (int64_t)ref_weight(w, q->w_exp[l]) *
                                   x[(c * side + iy) * side + ix];
                        }
                y[(o * side + yy) * side + xx] =
                    (int32_t)ref_act(ref_rescale(acc, r), m, q->out_exp[l]);
            }
}

static void ref_pool(int32_t *y, const int32_t *x, int planes, int side)
{
    int h = side / 2;
    for (int p = 0; p < planes; p++)
        for (int i = 0; i < h; i++)
            for (int j = 0; j < h; j++) {
                int32_t best = INT32_MIN;
                for (int d = 0; d < 4; d++) {
                    int32_t v = x[(p * side + 2 * i + d / 2) * side + 2 * j + d % 2];
                    best = v > best ? v : best;
                }
                y[(p * h + i) * h + j] = best;
            }
}

static void ref_linear(int64_t *y, const int32_t *x, const nn_cnn *m, int l, const nn_qparams *q,
                       int in_n, int out_n, bool act)
{
    const nn_layer_info *L = &nn_layers[l];
    int in = q->out_exp[l - 1], r = in + q->w_exp[l] - q->out_exp[l];
    for (int o = 0; o < out_n; o++) {
        int64_t acc = ref_bias(m->p[L->bias_off + o], in + q->w_exp[l]);
        for (int k = 0; k < in_n; k++)
            acc += (int64_t)ref_weight(m->p[L->weight_off + o * in_n + k], q->w_exp[l]) * x[k];
        int64_t v = ref_rescale(acc, r);
        y[o] = act ? ref_act(v, m, q->out_exp[l]) : v;
    }
}

typedef struct ref_trace {
    int32_t x[NN_PIXELS], a1[NN_C1 * NN_PIXELS], p1[NN_C1 * 196], a2[NN_C2 * 196],
        p2[NN_C2 * 49], f1[NN_FC_HIDDEN];
    int64_t z[NN_CLASSES];
} ref_trace;

static void ref_infer(ref_trace *t, const nn_cnn *m, const nn_qparams *q, const uint8_t *img)
{
    for (int i = 0; i < NN_PIXELS; i++)
        t->x[i] = (int32_t)floor(img[i] * ldexp(1, q->in_exp) / 255.0 + 0.5);
    ref_conv(t->a1, t->x, m, 0, q, 1, NN_C1, 28);
    ref_pool(t->p1, t->a1, NN_C1, 28);
    ref_conv(t->a2, t->p1, m, 1, q, NN_C1, NN_C2, 14);
    ref_pool(t->p2, t->a2, NN_C2, 14);
    int64_t f1[NN_FC_HIDDEN];
    ref_linear(f1, t->p2, m, 2, q, NN_FC_IN, NN_FC_HIDDEN, true);
    for (int i = 0; i < NN_FC_HIDDEN; i++)
        t->f1[i] = (int32_t)f1[i];
    ref_linear(t->z, t->f1, m, 3, q, NN_FC_HIDDEN, NN_CLASSES, false);
}

static void test_bit_exact_against_reference(void **state)
{
    (void)state;
    nn_cnn m;
    nn_dataset test;
    load(&m, &test);
    nn_qparams configs[7];
    nn_qparams_uniform(&configs[0], 4);
    nn_qparams_uniform(&configs[1], 8);
    nn_qparams_uniform(&configs[2], 16);
    nn_qparams_for_scale(&configs[3], &m, 6);
    nn_qparams_for_scale(&configs[4], &m, 12);
    /* Mixed exponents, including a layer that scales up (r < 0). */
    configs[5] = (nn_qparams){5, {7, 9, 11, 8}, {6, 4, 10, 9}, {0, 0, 0, 0}, NN_ACT_RELU};
    configs[6] = (nn_qparams){3, {3, 3, 3, 3}, {8, 8, 8, 8}, {0, 0, 0, 0}, NN_ACT_RELU};
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    ref_trace *rt = zk_alloc(1, sizeof *rt);
    /* The same weights as a square model, at scales where x² stays inside
     * 32 bits (the first and the last, which scales up before squaring). */
    static const size_t square_configs[] = {0, 3, 6};
    size_t runs = ZK_ARRAY_LEN(configs) + ZK_ARRAY_LEN(square_configs);
    for (size_t run = 0; run < runs; run++) {
        bool square = run >= ZK_ARRAY_LEN(configs);
        size_t c = square ? square_configs[run - ZK_ARRAY_LEN(configs)] : run;
        m.act = square ? NN_ACT_SQUARE : NN_ACT_RELU;
        nn_qmodel *qm;
        assert_int_equal(nn_qmodel_init(&qm, &m, &configs[c]), ZK_OK);
        assert_int_equal(qm->q.act, m.act);
        for (size_t i = 0; i < 4; i++) {
            const uint8_t *img = test.images + (i * 997 % test.n) * NN_PIXELS;
            int pred;
            assert_int_equal(nn_qinfer(qm, img, tr, &pred, NULL), ZK_OK);
            ref_infer(rt, &m, &configs[c], img);
            assert_memory_equal(tr->x, rt->x, sizeof rt->x);
            assert_memory_equal(tr->a1, rt->a1, sizeof rt->a1);
            assert_memory_equal(tr->p1, rt->p1, sizeof rt->p1);
            assert_memory_equal(tr->a2, rt->a2, sizeof rt->a2);
            assert_memory_equal(tr->p2, rt->p2, sizeof rt->p2);
            assert_memory_equal(tr->f1, rt->f1, sizeof rt->f1);
            assert_memory_equal(tr->z, rt->z, sizeof rt->z);
            int best = 0;
            for (int k = 1; k < NN_CLASSES; k++)
                best = rt->z[k] > rt->z[best] ? k : best;
            assert_int_equal(pred, best);
        }
        nn_qmodel_free(qm);
    }
    zk_free(tr);
    zk_free(rt);
    nn_cnn_free(&m);
    nn_dataset_free(&test);
}

static void test_overflow_is_reported(void **state)
{
    (void)state;
    nn_cnn m;
    nn_dataset test;
    load(&m, &test);
    nn_qparams q;
    nn_qparams_uniform(&q, 8);
    nn_qmodel *qm;
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_OK);
    int pred;
    assert_int_equal(nn_qinfer(qm, test.images, tr, &pred, NULL), ZK_OK);
    int64_t seen[NN_LAYERS];
    memcpy(seen, tr->acc_max, sizeof seen);
    nn_qmodel_free(qm);
    /* Exactly wide enough passes; one bit less is caught in that layer. */
    for (int l = 0; l < NN_LAYERS; l++) {
        nn_qparams tight = q;
        tight.acc_bits[l] = nn_signed_bits((uint64_t)seen[l]);
        assert_int_equal(nn_qmodel_init(&qm, &m, &tight), ZK_OK);
        assert_int_equal(nn_qinfer(qm, test.images, tr, &pred, NULL), ZK_OK);
        nn_qmodel_free(qm);
        tight.acc_bits[l]--;
        nn_qoverflow ov;
        assert_int_equal(nn_qmodel_init(&qm, &m, &tight), ZK_OK);
        assert_int_equal(nn_qinfer(qm, test.images, tr, &pred, &ov), ZK_EOVERFLOW);
        assert_int_equal(ov.layer, l);
        assert_string_equal(ov.what, "accumulator");
        assert_int_equal(ov.bits, tight.acc_bits[l]);
        int64_t lim = (int64_t)1 << (ov.bits - 1);
        assert_true(ov.value >= lim || ov.value < -lim);
        nn_qmodel_free(qm);
    }
    /* A layer whose worst case could leave 62 bits does not run at all. */
    assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_OK);
    qm->row_abs_max[1] = (uint64_t)1 << 60;
    nn_qoverflow ov;
    assert_int_equal(nn_qinfer(qm, test.images, tr, &pred, &ov), ZK_EOVERFLOW);
    assert_int_equal(ov.layer, 1);
    assert_string_equal(ov.what, "62-bit bound");
    nn_qmodel_free(qm);
    /* A weight too large for 31 bits at its scale is refused up front. */
    float keep = m.p[NN_OFF_FC1_W];
    m.p[NN_OFF_FC1_W] = 300.0f;
    nn_qparams_uniform(&q, 24);
    assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_EOVERFLOW);
    assert_null(qm);
    m.p[NN_OFF_FC1_W] = keep;
    /* An activation past 32 bits (here a huge bias) is reported, not cut. */
    nn_qparams_uniform(&q, 8);
    assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_OK);
    qm->bias[0] = qm->bias_abs_max[0] = (int64_t)1 << 45;
    assert_int_equal(nn_qinfer(qm, test.images, tr, &pred, &ov), ZK_EOVERFLOW);
    assert_int_equal(ov.layer, 0);
    assert_string_equal(ov.what, "activation");
    assert_int_equal(ov.value, (int64_t)1 << 37);   /* a background corner: 2^45 / 2^8 */
    nn_qmodel_free(qm);
    zk_free(tr);
    nn_cnn_free(&m);
    nn_dataset_free(&test);
}

/* At 2^8 the quantized model agrees with the float one almost always. */
static void test_quantized_agrees_with_float(void **state)
{
    (void)state;
    nn_cnn m;
    nn_dataset test;
    load(&m, &test);
    size_t n = 300, right;
    float *logits = zk_alloc(n * NN_CLASSES, sizeof *logits);
    assert_int_equal(nn_evaluate(&m, &test, n, NULL, logits, &right), ZK_OK);
    nn_qparams q;
    nn_qparams_uniform(&q, 8);
    nn_qmodel *qm;
    assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_OK);
    nn_qeval e;
    assert_int_equal(nn_qevaluate(&e, qm, &test, n, logits), ZK_OK);
    print_message("# 2^8 on %zu images: float %zu right, quantized %zu, agree %zu, max err %g\n",
                  n, right, e.correct, e.agree, e.max_logit_err);
    assert_true(e.agree >= n - 2);
    assert_true(e.correct + 2 >= right);
    assert_true(e.max_logit_err < 1.0);
    assert_int_equal(e.overflows, 0);
    nn_qmodel_free(qm);
    /* At 2^4 the errors are visibly larger. */
    nn_qparams_uniform(&q, 4);
    nn_qeval coarse;
    assert_int_equal(nn_qmodel_init(&qm, &m, &q), ZK_OK);
    assert_int_equal(nn_qevaluate(&coarse, qm, &test, n, logits), ZK_OK);
    assert_true(coarse.max_logit_err > 2 * e.max_logit_err);
    nn_qmodel_free(qm);
    zk_free(logits);
    nn_cnn_free(&m);
    nn_dataset_free(&test);
}

static void test_calibrate_and_settings(void **state)
{
    (void)state;
    nn_cnn m;
    nn_dataset test;
    load(&m, &test);
    nn_calib_opts o;
    nn_calib_opts_default(&o);
    o.min_exp = 5;
    o.max_exp = 9;
    nn_calibration cal;
    assert_int_equal(nn_calibrate(&cal, &m, &test, 150, &o, NULL), ZK_OK);
    assert_true(cal.scale >= 5 && cal.scale <= 9);
    assert_int_equal(cal.samples, 150);
    for (int l = 0; l < NN_LAYERS; l++) {
        assert_true(cal.q.w_exp[l] >= cal.scale);
        assert_true(cal.q.acc_bits[l] <= cal.acc_bits_worst[l]);
        assert_true(cal.q.acc_bits[l] > cal.acc_bits_observed[l] ||
                    cal.q.acc_bits[l] == cal.acc_bits_worst[l]);
        /* Small weights get more fractional bits, never past 2^scale in size. */
        assert_true(ldexp(cal.w_abs_max[l], cal.q.w_exp[l]) < ldexp(1, cal.scale) ||
                    cal.q.w_exp[l] == cal.scale);
    }
    /* Every sample image fits the chosen accumulators. */
    nn_qmodel *qm;
    nn_qeval e;
    assert_int_equal(nn_qmodel_init(&qm, &m, &cal.q), ZK_OK);
    assert_int_equal(nn_qevaluate(&e, qm, &test, 150, NULL), ZK_OK);
    assert_int_equal(e.overflows, 0);
    nn_qmodel_free(qm);
    uint8_t hash[32] = {1, 2, 3};
    char *json = nn_settings_json(&cal, hash, "test 0..149");
    assert_non_null(json);
    assert_non_null(strstr(json, "\"input_visibility\""));
    assert_non_null(strstr(json, "\"param_visibility\""));
    assert_non_null(strstr(json, "010203"));
    nn_qparams back;
    char why[200];
    assert_int_equal(nn_settings_parse(&back, json, why, sizeof why), ZK_OK);
    assert_memory_equal(&back, &cal.q, sizeof back);
    zk_free(json);
    assert_int_equal(nn_settings_parse(&back, "{", why, sizeof why), ZK_EPARSE);
    assert_int_equal(nn_settings_parse(&back, "{\"tensors\": {\"input\": {\"exp\": 8}}}", why,
                                       sizeof why),
                     ZK_EFORMAT);
    assert_non_null(strstr(why, "conv1"));
    nn_cnn_free(&m);
    nn_dataset_free(&test);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rescale_exhaustive),
        cmocka_unit_test(test_pixel_and_weight_rounding),
        cmocka_unit_test(test_bit_exact_against_reference),
        cmocka_unit_test(test_overflow_is_reported),
        cmocka_unit_test(test_quantized_agrees_with_float),
        cmocka_unit_test(test_calibrate_and_settings),
    };
    return ZK_RUN_TESTS(tests);
}
