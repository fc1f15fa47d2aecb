/* stark/air_cnn: the whole seed CNN as one AIR (quantization, conv1, conv2,
 * fc1, fc2, parameters private in the memory relation), its trace built
 * from real MNIST test images through the shipped quantized model: every
 * integer it writes equals nn_qinfer's, bit for bit, and every constraint
 * holds; a MAC weight that is not its write, a parameter write that is not
 * the model's, a logit, a post-row cell each break it. (Proving it takes
 * seconds in a release build: tests/screen/stark_cnn.sh and make bench.) */
#include "zk_stark_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn/idx.h"
#include "nn/model_file.h"
#include "nn/quant.h"
#include "stark/air_cnn.h"
#include "zkml/pipeline.h"

static nn_qmodel *g_qm;
static nn_dataset g_test;

static int group_setup(void **state)
{
    (void)state;
    char why[300], buf[1024];
    nn_cnn m;
    zkml_settings s;
    nn_qparams q;
    if (nn_model_load(&m, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) ||
        zkml_settings_load(&s, &q, "assets/" ZKML_SETTINGS_FILE, why, sizeof why) ||
        nn_mnist_load(&g_test, nn_mnist_dir(NULL, buf, sizeof buf), false, why, sizeof why)) {
        fprintf(stderr, "# %s (set ZKCAVE_SHARED_DATA)\n", why);
        return -1;
    }
    zk_err err = nn_qmodel_init(&g_qm, &m, &q);
    nn_cnn_free(&m);
    return err ? -1 : 0;
}

static void group_teardown(void)
{
    nn_qmodel_free(g_qm);
    nn_dataset_free(&g_test);
}

/* The AIR for test image k with nn_qinfer's logits as the claim. */
static void cnn_air(stark_air *a, nn_qtrace *tr, size_t k)
{
    int pred;
    const uint8_t *img = g_test.images + k * NN_PIXELS;
    assert_int_equal(nn_qinfer(g_qm, img, tr, &pred, NULL), ZK_OK);
    const nn_qparams *q = &g_qm->q;
    air_cnn_input in = {.in_exp = (unsigned)q->in_exp, .pixels = img, .logits = tr->z,
                        .weights = g_qm->w, .biases = g_qm->bias};
    for (int l = 0; l < NN_LAYERS; l++) {
        int r = nn_qparams_layer_in(q, l) + q->w_exp[l] - q->out_exp[l];
        in.shift[l] = (unsigned)r;
        in.sign_bits[l] = (unsigned)(q->acc_bits[l] - r);
    }
    assert_int_equal(air_cnn_new(a, &in), ZK_OK);
}

static gl_t *build_trace(const stark_air *a)
{
    size_t w = stark_air_row_width(a);
    gl_t *t = malloc(a->n_rows * w * sizeof *t);
    gl_t *f = malloc(a->n_rows * a->n_fixed * sizeof *f);
    assert_int_equal(a->vt->build_fixed(a, f), ZK_OK);
    for (size_t i = 0; i < a->n_rows; i++)
        memcpy(t + i * w + a->n_main, f + i * a->n_fixed, a->n_fixed * sizeof *f);
    free(f);
    assert_int_equal(a->vt->build_trace(a, t), ZK_OK);
    return t;
}

static stark_check_report check_all(const stark_air *a, const gl_t *t)
{
    gl2_t chal[3] = {gl2_make(12345, 678), gl2_make(91011, 1213), gl2_make(1415, 1617)};
    gl2_t *aux = malloc(a->n_rows * a->n_aux * sizeof *aux);
    stark_check_report rep;
    assert_int_equal(a->vt->build_aux(a, aux, t, chal), ZK_OK);
    assert_int_equal(stark_trace_check(a, t, aux, chal, &rep), ZK_OK);
    free(aux);
    return rep;
}

static void expect_ok(const stark_air *a, const gl_t *t)
{
    stark_check_report rep = check_all(a, t);
    if (!rep.ok)
        fail_msg("row %zu: %s", rep.row, a->cons[rep.constraint].name);
}

static void expect_fail(const stark_air *a, const gl_t *t, const char *cons, const char *what)
{
    stark_check_report rep = check_all(a, t);
    if (rep.ok)
        fail_msg("%s: still satisfied", what);
    if (cons && strcmp(a->cons[rep.constraint].name, cons) != 0)
        fail_msg("%s: row %zu fails '%s', not '%s'", what, rep.row,
                 a->cons[rep.constraint].name, cons);
}

#define SAME(field, n)                                                                             \
    for (size_t i = 0; i < (n); i++)                                                               \
        if ((int64_t)v.field[i] != (int64_t)tr.field[i])                                           \
            fail_msg("image %zu, " #field "[%zu]: AIR %lld, nn_qinfer %lld", k, i,                  \
                     (long long)v.field[i], (long long)tr.field[i]);

/* Three real test images: the quantized pixels, both pooled maps, the
 * hidden layer and the logits the trace writes are nn_qinfer's, and the
 * trace satisfies every constraint (the logits read from the statement). */
static void test_cnn_matches_quant(void **state)
{
    (void)state;
    static nn_qtrace tr;
    static air_cnn_values v;
    for (size_t k = 0; k < 3 * 4321; k += 4321) {
        stark_air a;
        cnn_air(&a, &tr, k);
        assert_int_equal(a.n_rows, 32768);
        gl_t *t = build_trace(&a);
        air_cnn_values_of(&v, &a, t);
        SAME(x, NN_PIXELS);
        SAME(p1, NN_C1 * 196);
        SAME(p2, NN_FC_IN);
        SAME(f1, NN_FC_HIDDEN);
        SAME(z, NN_CLASSES);
        expect_ok(&a, t);
        free(t);
        stark_air_free(&a);
    }
}

/* Changed cells of an honest trace, each caught: by the arithmetic at its
 * row, or where only the memory can tell, by the LogUp sum not closing. */
static void test_cnn_tampered(void **state)
{
    (void)state;
    static nn_qtrace tr;
    stark_air a;
    cnn_air(&a, &tr, 0);
    gl_t *t = build_trace(&a);
    size_t w = stark_air_row_width(&a);
    const char *closes = "LogUp sum closes at 0";
    /* A MAC weight whose product the arithmetic cannot see: conv1's first
     * window is the image's blank corner (X = 0), so only its read, which
     * no write matches now, fails. */
    size_t r1 = air_cnn_stage_row(1);
    assert_int_equal(t[r1 * w + CNN_X + 0], 0);
    t[r1 * w + CNN_W + 0] = gl_add(t[r1 * w + CNN_W + 0], 1);
    expect_fail(&a, t, closes, "a MAC weight");
    t[r1 * w + CNN_W + 0] = gl_sub(t[r1 * w + CNN_W + 0], 1);
    /* A parameter written other than the model's (its MAC reads unchanged). */
    t[100 * w + CNN_WL + 3] = gl_add(t[100 * w + CNN_WL + 3], 1);
    expect_fail(&a, t, closes, "a parameter write");
    t[100 * w + CNN_WL + 3] = gl_sub(t[100 * w + CNN_WL + 3], 1);
    expect_ok(&a, t);
    /* A post-row cell: conv2's first pooled output's quotient. */
    size_t post = air_cnn_stage_row(2) + 11;
    t[post * w + CNN_Q] = gl_add(t[post * w + CNN_Q], 1);
    expect_fail(&a, t, "V0 SC + HALF = DIV Q0 + T0", "conv2's Q");
    t[post * w + CNN_Q] = gl_sub(t[post * w + CNN_Q], 1);
    /* Its max: M one above the largest member still passes the limbs only
     * without the zero product. */
    t[post * w + CNN_M] = gl_add(t[post * w + CNN_M], 1);
    expect_fail(&a, t, NULL, "conv2's M");
    t[post * w + CNN_M] = gl_sub(t[post * w + CNN_M], 1);
    free(t);
    /* A logit other than the network's in the statement. */
    a.pub[AIR_CNN_PIXELS + 3] = gl_add(a.pub[AIR_CNN_PIXELS + 3], 1);
    t = build_trace(&a);
    expect_fail(&a, t, closes, "a logit");
    free(t);
    stark_air_free(&a);
}

/* Statements the registry refuses or accepts. */
static void test_cnn_statement(void **state)
{
    (void)state;
    static gl_t pub[STARK_AIR_MAX_PUB];
    stark_air a;
    uint64_t ok[3] = {5, 0x06060605, 0x0d0d0c09};
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB), ZK_OK);
    assert_int_equal(a.n_pub, AIR_CNN_PUB);
    assert_int_equal(a.fixed_root_log_blowup, 0);
    stark_air_free(&a);
    /* The shipped settings' root, known to the AIR, is its columns'. */
    uint64_t shipped[3] = {5, 0x06060605, 0x17130d09};
    assert_int_equal(stark_air_from_statement(&a, "cnn", shipped, 3, pub, AIR_CNN_PUB), ZK_OK);
    assert_int_equal(a.fixed_root_log_blowup, 3);
    hash_digest root;
    assert_int_equal(stark_air_fixed_root(&root, &a, 3), ZK_OK);
    if (memcmp(root.b, a.fixed_root.b, HASH_BYTES) != 0) {
        char hex[2 * HASH_BYTES + 1];
        for (int i = 0; i < HASH_BYTES; i++)
            snprintf(hex + 2 * i, 3, "%02x", root.b[i]);
        fail_msg("the shipped root is %s", hex);
    }
    stark_air_free(&a);
    uint64_t bad[][3] = {{15, 0x06060605, 0x0d0d0c09}, {5, 0x06060600, 0x0d0d0c09},
                         {5, 0x0606060f, 0x0d0d0c09}, {5, 0x06060605, 0x0d0d0c00},
                         {5, 0x06060605, 0x100d0d0c09}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(stark_air_from_statement(&a, "cnn", bad[i], 3, pub, AIR_CNN_PUB),
                         ZK_EINVAL);
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB - 1),
                     ZK_EINVAL);
    pub[5] = 256;   /* a pixel is a byte */
    assert_int_equal(stark_air_from_statement(&a, "cnn", ok, 3, pub, AIR_CNN_PUB), ZK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cnn_statement),
        cmocka_unit_test(test_cnn_matches_quant),
        cmocka_unit_test(test_cnn_tampered),
    };
    if (group_setup(NULL))
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    group_teardown();
    return failed;
}
