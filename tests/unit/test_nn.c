/* nn/: the GEMM kernels against a naive product, every layer's backward
 * pass against numerical derivatives of the whole network, training that
 * learns and repeats itself byte for byte, the model file, IDX files, and
 * the shipped weights on a slice of the MNIST test set. */
#include "zk_test.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "nn/cnn.h"
#include "nn/gemm.h"
#include "nn/idx.h"
#include "nn/layers.h"
#include "nn/model_file.h"
#include "nn/train.h"

static float rnd(zk_rng *rng)
{
    return (float)(zk_random_u64(rng) >> 40) * 0x1p-24f * 2 - 1;
}

/* C = op(A)·op(B) (+ C) in double, element by element. */
static void naive_gemm(double *c, const float *a, bool ta, const float *b, bool tb, size_t m,
                       size_t n, size_t k, size_t lda, size_t ldb, const float *c0)
{
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            double s = c0 ? c0[i * n + j] : 0;
            for (size_t p = 0; p < k; p++)
                s += (double)(ta ? a[p * lda + i] : a[i * lda + p]) *
                     (tb ? b[j * ldb + p] : b[p * ldb + j]);
            c[i * n + j] = s;
        }
}

static void check_gemm_kernel(const char *kernel)
{
    zk_test_need_kernel(nn_gemm_use(kernel) == ZK_OK, "AVX-512 GEMM", "avx512f");
    zk_rng rng;
    zk_test_rng(&rng, kernel);
    float *ws = zk_alloc_aligned(NN_GEMM_WS_FLOATS, sizeof(float));
    /* Sizes around the tile and block edges, and the network's own shapes. */
    static const size_t shapes[][3] = {
        {1, 1, 1}, {8, 32, 1}, {7, 31, 5}, {9, 33, 257}, {16, 9, 300}, {130, 70, 3},
        {16, 128, 600}, {33, 2050, 17}, {10, 16, 128}, {144, 96, 32},
    };
    for (size_t s = 0; s < ZK_ARRAY_LEN(shapes); s++)
        for (int mode = 0; mode < 8; mode++) {
            size_t m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
            bool ta = mode & 1, tb = mode & 2, acc = mode & 4;
            size_t lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 1, ldc = n + 2;
            float *a = zk_alloc((ta ? k : m) * lda, sizeof(float));
            float *b = zk_alloc((tb ? n : k) * ldb, sizeof(float));
            float *c = zk_alloc(m * ldc, sizeof(float)), *c0 = zk_alloc(m * n, sizeof(float));
            double *ref = zk_alloc(m * n, sizeof(double));
            for (size_t i = 0; i < (ta ? k : m) * lda; i++)
                a[i] = rnd(&rng);
            for (size_t i = 0; i < (tb ? n : k) * ldb; i++)
                b[i] = rnd(&rng);
            for (size_t i = 0; i < m; i++)
                for (size_t j = 0; j < ldc; j++) {
                    c[i * ldc + j] = j < n ? rnd(&rng) : 12345.0f;   /* padding must survive */
                    if (j < n)
                        c0[i * n + j] = c[i * ldc + j];
                }
            nn_gemm(c, ldc, a, lda, ta, b, ldb, tb, m, n, k, acc, ws);
            naive_gemm(ref, a, ta, b, tb, m, n, k, lda, ldb, acc ? c0 : NULL);
            for (size_t i = 0; i < m; i++) {
                for (size_t j = 0; j < n; j++) {
                    double err = fabs(c[i * ldc + j] - ref[i * n + j]);
                    if (err > 1e-5 * (double)(k + 1))
                        fail_msg("%s m=%zu n=%zu k=%zu mode=%d: c[%zu][%zu] = %g, want %g",
                                 kernel, m, n, k, mode, i, j, c[i * ldc + j], ref[i * n + j]);
                }
                for (size_t j = n; j < ldc; j++)
                    assert_true(c[i * ldc + j] == 12345.0f);
            }
            zk_free(a), zk_free(b), zk_free(c), zk_free(c0), zk_free(ref);
        }
    zk_free(ws);
}

static void test_gemm_portable(void **state)
{
    (void)state;
    check_gemm_kernel("portable");
}

static void test_gemm_avx512(void **state)
{
    (void)state;
    check_gemm_kernel("avx512");
    nn_gemm_use(zk_cpu_get()->avx512f && !zk_cpu_get()->forced_portable ? "avx512"
                                                                          : "portable");
}

/* One micro-tile's operands and the ldc-wide C they update; columns past
 * NR are padding the kernels must not touch. */
enum { TILE_LDC = 40, TILE_KC_MAX = 300 };
typedef struct tile_case {
    float a[NN_GEMM_MR * TILE_KC_MAX], b[NN_GEMM_NR * TILE_KC_MAX];
    float c[NN_GEMM_MR * TILE_LDC];
} tile_case;

static void tile_fill(tile_case *t, size_t kc, zk_rng *rng)
{
    for (size_t i = 0; i < NN_GEMM_MR * kc; i++)
        t->a[i] = rnd(rng);
    for (size_t i = 0; i < NN_GEMM_NR * kc; i++)
        t->b[i] = rnd(rng);
    for (size_t i = 0; i < NN_GEMM_MR * TILE_LDC; i++)
        t->c[i] = rnd(rng);
}

/* The C micro-kernel against the tile's sum in double, so that a machine
 * without AVX-512 still checks the kernel its products run on. */
static void test_gemm_tile_portable(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "tile_portable");
    static tile_case t;
    for (size_t kc = 0; kc <= TILE_KC_MAX; kc += 37)
        for (int acc = 0; acc < 2; acc++) {
            tile_fill(&t, kc, &rng);
            float c[NN_GEMM_MR * TILE_LDC];
            memcpy(c, t.c, sizeof c);
            nn_gemm_kernel_portable(kc, t.a, t.b, c, TILE_LDC, acc);
            for (size_t i = 0; i < NN_GEMM_MR; i++)
                for (size_t j = 0; j < TILE_LDC; j++) {
                    float got = c[i * TILE_LDC + j], was = t.c[i * TILE_LDC + j];
                    if (j >= NN_GEMM_NR) {
                        assert_true(got == was);
                        continue;
                    }
                    double want = acc ? was : 0;
                    for (size_t p = 0; p < kc; p++)
                        want += (double)t.a[p * NN_GEMM_MR + i] * t.b[p * NN_GEMM_NR + j];
                    if (fabs(got - want) > 1e-5 * (double)(kc + 1))
                        fail_msg("kc=%zu acc=%d: c[%zu][%zu] = %g, want %g", kc, acc, i, j,
                                 got, want);
                }
        }
}

/* The assembly kernel against its C twin, tile by tile. */
static void test_gemm_tile_avx512(void **state)
{
    (void)state;
#if defined(__x86_64__)
    zk_test_need_kernel(zk_cpu_get()->avx512f, "AVX-512 GEMM tile", "avx512f");
    zk_rng rng;
    zk_test_rng(&rng, "kernels");
    static tile_case t;
    for (size_t kc = 0; kc <= TILE_KC_MAX; kc += 37)
        for (int acc = 0; acc < 2; acc++) {
            tile_fill(&t, kc, &rng);
            float c1[NN_GEMM_MR * TILE_LDC], c2[NN_GEMM_MR * TILE_LDC];
            memcpy(c1, t.c, sizeof c1);
            memcpy(c2, t.c, sizeof c2);
            nn_gemm_kernel_portable(kc, t.a, t.b, c1, TILE_LDC, acc);
            nn_gemm_kernel_avx512(kc, t.a, t.b, c2, TILE_LDC, acc);
            for (size_t i = 0; i < NN_GEMM_MR * TILE_LDC; i++)
                assert_true(fabsf(c1[i] - c2[i]) <= 1e-5f * (float)(kc + 1));
        }
#else
    ZK_SKIP("the AVX-512 GEMM tile kernel exists only on x86-64");
#endif
}

/* im2col and col2im are adjoint: <col2im(d), x> = <d, im2col(x)>. */
static void test_im2col_adjoint(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "adjoint");
    size_t c = 3, n = 2, h = 5, w = 4, len = c * n * h * w, clen = 9 * len;
    float *x = zk_alloc(len, 4), *dx = zk_alloc(len, 4), *col = zk_alloc(clen, 4),
          *d = zk_alloc(clen, 4);
    for (size_t i = 0; i < len; i++)
        x[i] = rnd(&rng);
    for (size_t i = 0; i < clen; i++)
        d[i] = rnd(&rng);
    nn_im2col3(col, x, c, n, h, w);
    nn_col2im3(dx, d, c, n, h, w);
    double lhs = 0, rhs = 0;
    for (size_t i = 0; i < len; i++)
        lhs += (double)dx[i] * x[i];
    for (size_t i = 0; i < clen; i++)
        rhs += (double)d[i] * col[i];
    assert_true(fabs(lhs - rhs) < 1e-4);
    /* A corner's left and top neighbours are padding. */
    size_t plane = n * h * w;
    assert_true(col[0 * plane] == 0);        /* (ky, kx) = (0, 0) at pixel 0 */
    assert_true(col[4 * plane] == x[0]);     /* the centre tap is the pixel itself */
    zk_free(x), zk_free(dx), zk_free(col), zk_free(d);
}

static bool load_test_set(nn_dataset *d, bool train);

/* Whether a 2×2 window of planes of side w has a clear winner: a square
 * model's windows over the black background hold four values that are the
 * same function of the parameters and differ only by rounding (or, after
 * a step h of a zero bias, by terms of the size of h⁴), so which one
 * "wins" flips with any step yet the loss stays smooth there. */
static bool clear_winner(const float *a, size_t window, size_t w)
{
    size_t ow = w / 2, plane = window / (ow * ow), i = window % (ow * ow) / ow,
           j = window % ow;
    const float *q = a + plane * w * w + 2 * i * w + 2 * j;
    float v[4] = {q[0], q[1], q[w], q[w + 1]}, hi = v[0], second = -INFINITY;
    for (int k = 1; k < 4; k++) {
        if (v[k] > hi) {
            second = hi;
            hi = v[k];
        } else if (v[k] > second) {
            second = v[k];
        }
    }
    return hi - second > 1e-5f * fabsf(hi) + 1e-9f;
}

/* A fingerprint of every ReLU and pooling decision of the last forward
 * pass (a square has no kink: only the pooling counts, where it is clear). */
static uint64_t decisions(const nn_cnn *m, const nn_cnn_ws *ws, size_t n)
{
    uint64_t h = 1469598103934665603u;
    const struct {
        const float *v;
        size_t len;
    } acts[] = {{ws->a1, NN_C1 * n * NN_PIXELS}, {ws->a2, NN_C2 * n * 196},
                {ws->f1, n * NN_FC_HIDDEN}};
    bool relu = m->act == NN_ACT_RELU;
    for (size_t a = 0; relu && a < ZK_ARRAY_LEN(acts); a++)
        for (size_t i = 0; i < acts[a].len; i++)
            h = (h ^ (acts[a].v[i] > 0)) * 1099511628211u;
    for (size_t i = 0; i < NN_C1 * n * 196; i++)
        h = (h ^ (relu || clear_winner(ws->a1, i, NN_SIDE) ? ws->arg1[i] : 4u)) *
            1099511628211u;
    for (size_t i = 0; i < NN_C2 * n * 49; i++)
        h = (h ^ (relu || clear_winner(ws->a2, i, 14) ? ws->arg2[i] : 4u)) * 1099511628211u;
    return h;
}

static double loss_of(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t *img, const uint8_t *lab,
                      size_t n, uint64_t *fingerprint)
{
    nn_cnn_forward(m, ws, img, n);
    *fingerprint = decisions(m, ws, n);
    float dz[4 * NN_CLASSES];
    return nn_softmax_xent(dz, ws->z, lab, n, NN_CLASSES, 1, NULL);
}

/* Backpropagation against central differences of the loss, for sampled
 * parameters of every tensor (Goodfellow et al., Deep Learning, §11.5),
 * with ReLU and with x² (whose gradient 2x needs the forward pass's input).
 * The loss is smooth only between ReLU kinks and pooling switches; a
 * sample whose step flips any of them is drawn again, since there the
 * difference quotient measures the jump, not the derivative. */
static void check_gradients(nn_activation act)
{
    zk_rng rng;
    zk_test_rng(&rng, act == NN_ACT_RELU ? "gradients" : "gradients square");
    nn_cnn m;
    nn_cnn_ws ws;
    assert_int_equal(nn_cnn_init(&m), ZK_OK);
    m.act = act;
    assert_int_equal(nn_cnn_ws_init(&ws, 4, true), ZK_OK);
    nn_cnn_init_random(&m, &rng);
    /* Non-zero conv1 biases exercise db's sum over positions; not under x²
     * (below). */
    for (size_t i = 0; act == NN_ACT_RELU && i < NN_PARAMS; i++)
        if (i >= NN_OFF_CONV1_B && i < NN_OFF_CONV2_W)
            m.p[i] = 0.05f * rnd(&rng);
    nn_dataset d;
    load_test_set(&d, false);
    uint8_t img[2 * NN_PIXELS], lab[2];
    memcpy(img, d.images, sizeof img);
    memcpy(lab, d.labels, sizeof lab);
    nn_dataset_free(&d);
    /* Under x² a pooling window's values tie where two pre-activations have
     * equal size and opposite signs. A conv1 bias b makes the background
     * b², tied with every digit pixel whose pre-activation passes −b, and
     * the faint pixels at a digit's edge give pre-activations of the size
     * of the step h: a step of almost any conv1 parameter then crosses
     * such a kink. Zero conv1 biases, the digits without their faint
     * pixels and a step of 2e-4 leave few (5 redrawn). */
    for (size_t i = 0; act == NN_ACT_SQUARE && i < sizeof img; i++)
        img[i] = img[i] < 128 ? 0 : img[i];
    float *grad = zk_alloc(NN_PARAMS, sizeof(float));
    nn_cnn_forward(&m, &ws, img, 2);
    uint64_t base = decisions(&m, &ws, 2);
    nn_cnn_backward(&m, &ws, lab, 2, 1.0f, grad, NULL);
    int checked = 0, redrawn = 0;
    for (size_t l = 0; l < NN_LAYERS; l++) {
        const nn_layer_info *L = &nn_layers[l];
        for (int t = 0; t < 12; t++) {
            size_t i = t < 9 ? L->weight_off + (size_t)zk_random_below(&rng, L->weights)
                             : L->bias_off + (size_t)zk_random_below(&rng, L->biases);
            float keep = m.p[i], h = act == NN_ACT_SQUARE ? 2e-4f : 1e-3f;
            uint64_t fu, fd;
            m.p[i] = keep + h;
            double up = loss_of(&m, &ws, img, lab, 2, &fu);
            m.p[i] = keep - h;
            double down = loss_of(&m, &ws, img, lab, 2, &fd);
            m.p[i] = keep;
            if (fu != base || fd != base) {
                assert_true(++redrawn < 200);
                t--;
                continue;
            }
            double num = (up - down) / (2 * h), ana = grad[i];
            if (fabs(num - ana) > 4e-4 + 5e-3 * fmax(fabs(num), fabs(ana)))
                fail_msg("%s param %zu: backprop %g, numerical %g", L->name, i, ana, num);
            checked++;
        }
    }
    print_message("# %s: %d parameters checked, %d samples redrawn at a kink\n",
                  nn_activation_name(act), checked, redrawn);
    assert_int_equal(checked, 48);
    zk_free(grad);
    nn_cnn_ws_free(&ws);
    nn_cnn_free(&m);
}

static void test_gradients_numerical(void **state)
{
    (void)state;
    check_gradients(NN_ACT_RELU);
    check_gradients(NN_ACT_SQUARE);
}

/* The square's own two loops against their definitions, and a square
 * model's forward pass: the same weights under ReLU and x² give other
 * logits (the activation is used, not just recorded). */
static void test_square_layer(void **state)
{
    (void)state;
    float x[5] = {-3, -0.5f, 0, 0.25f, 2}, pre[5], dy[5] = {1, 1, 1, 1, 2};
    nn_square_forward(x, pre, 5);
    static const float want[5] = {9, 0.25f, 0, 0.0625f, 4}, dwant[5] = {-6, -1, 0, 0.5f, 8};
    for (int i = 0; i < 5; i++)
        assert_true(x[i] == want[i]);
    nn_square_backward(dy, pre, 5);
    for (int i = 0; i < 5; i++)
        assert_true(dy[i] == dwant[i]);
    zk_rng rng;
    zk_test_rng(&rng, "square forward");
    nn_cnn m;
    nn_cnn_ws ws;
    assert_int_equal(nn_cnn_init(&m), ZK_OK);
    assert_int_equal(nn_cnn_ws_init(&ws, 1, false), ZK_OK);
    nn_cnn_init_random(&m, &rng);
    uint8_t img[NN_PIXELS];
    for (size_t i = 0; i < NN_PIXELS; i++)
        img[i] = (uint8_t)zk_random_below(&rng, 256);
    float zr[NN_CLASSES], zs[NN_CLASSES];
    nn_cnn_predict(&m, &ws, img, zr);
    m.act = NN_ACT_SQUARE;
    nn_cnn_predict(&m, &ws, img, zs);
    assert_memory_not_equal(zr, zs, sizeof zr);
    /* fc1's outputs are squares: never negative, as ReLU's */
    for (size_t i = 0; i < NN_FC_HIDDEN; i++)
        assert_true(ws.f1[i] >= 0);
    nn_cnn_ws_free(&ws);
    nn_cnn_free(&m);
}

/* Softmax cross-entropy on a hand-computed case. */
static void test_softmax_xent(void **state)
{
    (void)state;
    float z[2 * NN_CLASSES] = {0}, dz[2 * NN_CLASSES];
    z[3] = (float)log(3.0);   /* p = (1, …, 3, …, 1) / 12 */
    z[NN_CLASSES + 5] = 100;  /* huge logit: no overflow */
    uint8_t lab[2] = {3, 5};
    size_t right;
    double loss = nn_softmax_xent(dz, z, lab, 2, NN_CLASSES, 0.5f, &right);
    assert_true(fabs(loss - log(4.0)) < 1e-6);   /* -log(3/12) + ~0 */
    assert_int_equal(right, 2);
    assert_true(fabs(dz[3] - 0.5 * (3.0 / 12 - 1)) < 1e-6);
    assert_true(fabs(dz[0] - 0.5 / 12) < 1e-6);
}

static bool load_test_set(nn_dataset *d, bool train)
{
    char buf[1024], why[256];
    const char *dir = nn_mnist_dir(NULL, buf, sizeof buf);
    zk_err err = nn_mnist_load(d, dir, train, why, sizeof why);
    if (err)
        fail_msg("MNIST: %s (set ZKCAVE_SHARED_DATA)", why);
    return true;
}

static void train_steps(nn_cnn *m, const nn_dataset *d, int steps, double *first, double *last)
{
    nn_train_opts o;
    if (m->act == NN_ACT_SQUARE)
        nn_train_opts_square(&o);
    else
        nn_train_opts_default(&o);
    o.batch = 32;
    o.seed = 7;
    nn_trainer t;
    assert_int_equal(nn_trainer_init(&t, m, &o), ZK_OK);
    for (int s = 0; s < steps; s++) {
        double loss = nn_trainer_step(&t, d->images + (size_t)(s % 8) * 32 * NN_PIXELS,
                                      d->labels + (size_t)(s % 8) * 32, 32);
        if (s == 0)
            *first = loss;
        *last = loss;
    }
    nn_trainer_free(&t);
}

/* A few steps on 256 images: the loss falls, and the same seed gives the
 * same bytes with one thread or two (shards are summed in a fixed order). */
static void test_training_learns_and_repeats(void **state)
{
    (void)state;
    nn_dataset d;
    load_test_set(&d, true);
    nn_cnn a, b;
    assert_int_equal(nn_cnn_init(&a), ZK_OK);
    assert_int_equal(nn_cnn_init(&b), ZK_OK);
    double first, last, first2, last2;
    train_steps(&a, &d, 24, &first, &last);
    assert_true(first > 1.5);          /* about log(10) at the start */
    assert_true(last < 0.5 * first);
    zk_pool_shutdown();
    assert_int_equal(zk_pool_init(1), ZK_OK);
    train_steps(&b, &d, 24, &first2, &last2);
    zk_pool_shutdown();
    assert_int_equal(zk_pool_init(2), ZK_OK);
    assert_memory_equal(a.p, b.p, NN_PARAMS * sizeof(float));
    assert_true(first == first2 && last == last2);
    nn_cnn_free(&a);
    nn_cnn_free(&b);
    nn_dataset_free(&d);
}

/* A square model with its recipe (half He's bound, the gradient's norm
 * capped) learns from the same 256 images: slower from its smaller start,
 * but the loss halves within 40 steps, no NaN. */
static void test_training_square(void **state)
{
    (void)state;
    nn_dataset d;
    load_test_set(&d, true);
    nn_cnn m;
    assert_int_equal(nn_cnn_init(&m), ZK_OK);
    m.act = NN_ACT_SQUARE;
    double first, last;
    train_steps(&m, &d, 40, &first, &last);
    print_message("# square: loss %.3f → %.3f in 40 steps\n", first, last);
    assert_true(first > 1.5);
    assert_true(last < 0.5 * first);
    for (size_t i = 0; i < NN_PARAMS; i++)
        assert_true(isfinite(m.p[i]));
    nn_cnn_free(&m);
    nn_dataset_free(&d);
}

/* One epoch over a slice, shifted images and all: sane statistics. */
static void test_training_epoch(void **state)
{
    (void)state;
    nn_dataset d;
    load_test_set(&d, false);
    nn_cnn m;
    assert_int_equal(nn_cnn_init(&m), ZK_OK);
    nn_train_opts o;
    nn_train_opts_default(&o);
    o.limit = 128;
    nn_trainer t;
    assert_int_equal(nn_trainer_init(&t, &m, &o), ZK_OK);
    nn_epoch_stats st;
    assert_int_equal(nn_trainer_epoch(&t, &d, 0, NULL, &st), ZK_OK);
    assert_true(st.loss > 0 && st.accuracy >= 0 && st.accuracy <= 1);
    nn_trainer_free(&t);
    nn_cnn_free(&m);
    nn_dataset_free(&d);
}

static void test_shipped_model(void **state)
{
    (void)state;
    nn_cnn m;
    char *recipe, why[256];
    uint8_t hash[32];
    assert_int_equal(nn_model_load(&m, "assets/" NN_MODEL_FILE, &recipe, hash, why, sizeof why),
                     ZK_OK);
    assert_non_null(strstr(recipe, "\"seed\": 1"));
    assert_non_null(strstr(recipe, "\"params\": 206922"));
    nn_dataset d;
    load_test_set(&d, false);
    size_t right;
    assert_int_equal(nn_evaluate(&m, &d, 1000, NULL, NULL, &right), ZK_OK);
    print_message("# shipped model: %zu of the first 1000 test images right\n", right);
    assert_true(right >= 985);
    /* Saving it again gives the same bytes. */
    char path[] = "/tmp/zkcave-test-model-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(nn_model_save(path, &m, recipe), ZK_OK);
    char *a, *b;
    size_t alen, blen;
    assert_int_equal(zk_file_read("assets/" NN_MODEL_FILE, 1 << 21, &a, &alen), ZK_OK);
    assert_int_equal(zk_file_read(path, 1 << 21, &b, &blen), ZK_OK);
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);
    /* One flipped bit, a cut, or another file are refused with a reason. */
    nn_cnn bad;
    b[alen / 2] ^= 1;
    assert_int_equal(zk_file_write_atomic(path, b, blen), ZK_OK);
    assert_int_equal(nn_model_load(&bad, path, NULL, NULL, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "checksum"));
    assert_int_equal(zk_file_write_atomic(path, a, alen - 100), ZK_OK);
    assert_int_equal(nn_model_load(&bad, path, NULL, NULL, why, sizeof why), ZK_EFORMAT);
    assert_int_equal(zk_file_write_atomic(path, "hello", 5), ZK_OK);
    assert_int_equal(nn_model_load(&bad, path, NULL, NULL, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "not a zkcave model"));
    /* A square model is version 2 and reads back as square; the ReLU
     * file above is version 1 (its bytes unchanged). */
    assert_memory_equal(a, "ZKCVCNN1", 8);
    m.act = NN_ACT_SQUARE;
    assert_int_equal(nn_model_save(path, &m, recipe), ZK_OK);
    zk_free(b);
    assert_int_equal(zk_file_read(path, 1 << 21, &b, &blen), ZK_OK);
    assert_int_equal(blen, alen + 4);
    assert_memory_equal(b, "ZKCVCNN2\x01\0\0\0", 12);
    assert_memory_equal(b + 12, a + 8, alen - 8 - 32);
    nn_cnn sq;
    assert_int_equal(nn_model_load(&sq, path, NULL, NULL, why, sizeof why), ZK_OK);
    assert_int_equal(sq.act, NN_ACT_SQUARE);
    assert_memory_equal(sq.p, m.p, NN_PARAMS * sizeof(float));
    nn_cnn_free(&sq);
    /* an activation code this program does not know (or relu, which has
     * version 1), with a valid checksum: refused in one line */
    for (uint8_t code = 0; code < 4; code += 2) {
        b[8] = code;
        crypto_generichash((uint8_t *)b + blen - 32, 32, (uint8_t *)b, blen - 32, NULL, 0);
        assert_int_equal(zk_file_write_atomic(path, b, blen), ZK_OK);
        assert_int_equal(nn_model_load(&bad, path, NULL, NULL, why, sizeof why), ZK_EFORMAT);
        assert_non_null(strstr(why, "activation code"));
        assert_null(strchr(why, '\n'));
    }
    unlink(path);
    zk_free(a), zk_free(b), zk_free(recipe);
    nn_cnn_free(&m);
    nn_dataset_free(&d);
}

static void test_idx_files(void **state)
{
    (void)state;
    nn_dataset d;
    load_test_set(&d, false);
    assert_int_equal(d.n, 10000);
    static const uint8_t first[10] = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
    assert_memory_equal(d.labels, first, 10);
    nn_dataset_free(&d);
    /* Malformed files, uncompressed (gzread reads them as they are). */
    char dir[] = "/tmp/zkcave-test-idx-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char img[128], lab[128], why[256];
    snprintf(img, sizeof img, "%s/i", dir);
    snprintf(lab, sizeof lab, "%s/l", dir);
    uint8_t head[16 + 784] = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28};
    uint8_t labels[9] = {0, 0, 8, 1, 0, 0, 0, 1, 4};
    assert_int_equal(zk_file_write_atomic(img, head, sizeof head), ZK_OK);
    assert_int_equal(zk_file_write_atomic(lab, labels, sizeof labels), ZK_OK);
    assert_int_equal(nn_idx_load(&d, img, lab, why, sizeof why), ZK_OK);
    assert_int_equal(d.n, 1);
    nn_dataset_free(&d);
    labels[8] = 10;
    assert_int_equal(zk_file_write_atomic(lab, labels, sizeof labels), ZK_OK);
    assert_int_equal(nn_idx_load(&d, img, lab, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "not a digit"));
    assert_int_equal(zk_file_write_atomic(img, head, sizeof head - 1), ZK_OK);
    assert_int_equal(nn_idx_load(&d, img, lab, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "truncated"));
    head[3] = 1;
    assert_int_equal(zk_file_write_atomic(img, head, sizeof head), ZK_OK);
    assert_int_equal(nn_idx_load(&d, img, lab, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "magic"));
    unlink(img);
    assert_int_equal(nn_idx_load(&d, img, lab, why, sizeof why), ZK_ENOENT);
    assert_non_null(strstr(why, "No such file or directory"));
    unlink(lab);
    rmdir(dir);
}

static void test_parameter_count(void **state)
{
    (void)state;
    assert_int_equal(NN_PARAMS, 206922);
    size_t params = 0, macs = 0;
    for (int l = 0; l < NN_LAYERS; l++) {
        params += nn_layers[l].weights + nn_layers[l].biases;
        macs += nn_layers[l].macs;
    }
    assert_int_equal(params, 206922);
    assert_int_equal(macs, 1218048);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parameter_count),
        cmocka_unit_test(test_gemm_portable),
        cmocka_unit_test(test_gemm_avx512),
        cmocka_unit_test(test_gemm_tile_portable),
        cmocka_unit_test(test_gemm_tile_avx512),
        cmocka_unit_test(test_im2col_adjoint),
        cmocka_unit_test(test_softmax_xent),
        cmocka_unit_test(test_gradients_numerical),
        cmocka_unit_test(test_square_layer),
        cmocka_unit_test(test_training_square),
        cmocka_unit_test(test_training_learns_and_repeats),
        cmocka_unit_test(test_training_epoch),
        cmocka_unit_test(test_shipped_model),
        cmocka_unit_test(test_idx_files),
    };
    return ZK_RUN_TESTS(tests);
}
