/* Lessons 15-18 and the tools behind them (act.costs, zkml.* actions, the
 * constraint counter's engine, the drawing pad's engine):
 *   - lesson 15's costs: a ReLU takes b + 2 rows, a soundly rescaled x²
 *     2b − 1, and without the quotient's range a forged remainder passes;
 *   - zkml's pool-last ablation against the gadgets' documented costs;
 *   - the counts a panel prints are zkml_count's, cell for cell;
 *   - every checker accepts the true answer, computed here independently,
 *     and rejects a near miss;
 *   - the pad's digit is what reading its page as a PNG gives;
 *   - a proof of fc2 alone through the pipeline verifies, and a changed
 *     class, another model's hash, and private weights behave as lesson 18
 *     says; a changed pixel changes exactly that pixel of the statement.
 * Keys and proofs go to a temporary XDG_CACHE_HOME. ZK_DUMP=1 prints the
 * results. */
#include "zk_test.h"
#include "lesson_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/action.h"
#include "lesson/digit_pad.h"
#include "lesson/zkml_prove.h"
#include "nn/model_file.h"
#include "zkml/tensors.h"

static char cache_dir[64];

static int make_cache(void **state)
{
    (void)state;
    snprintf(cache_dir, sizeof cache_dir, "/tmp/zkcave-zkml-XXXXXX");
    assert_non_null(mkdtemp(cache_dir));
    setenv("XDG_CACHE_HOME", cache_dir, 1);
    return 0;
}

static int drop_cache(void **state)
{
    (void)state;
    zk_test_remove_tree(cache_dir);
    return 0;
}

/* A checker's verdict on answer. */
static bool judge(const char *call, const char *answer)
{
    char text[300];
    snprintf(text, sizeof text, "%s answer=\"%s\"", call, answer);
    lesson_result r;
    lf_run(&r, text, ZK_OK);
    bool pass = r.verdict == LESSON_VERDICT_PASS;
    lesson_result_free(&r);
    return pass;
}

/* The shipped settings and model, read here without lesson_zkml. */
typedef struct shipped {
    zkml_settings s;
    nn_qmodel *qm;
} shipped;

static void shipped_open(shipped *sh)
{
    char path[700], why[300];
    nn_cnn m;
    assert_int_equal(nn_asset_path(path, sizeof path, NN_MODEL_FILE), ZK_OK);
    assert_int_equal(nn_model_load(&m, path, NULL, NULL, why, sizeof why), ZK_OK);
    nn_qparams q;
    assert_int_equal(nn_asset_path(path, sizeof path, ZKML_SETTINGS_FILE), ZK_OK);
    assert_int_equal(zkml_settings_load(&sh->s, &q, path, why, sizeof why), ZK_OK);
    assert_int_equal(nn_qmodel_init(&sh->qm, &m, &q), ZK_OK);
    nn_cnn_free(&m);
}

static void counts_of(zkml_counts *k, const shipped *sh, zkml_visibility v)
{
    zkml_settings s = sh->s;
    s.params = v;
    char why[300];
    assert_int_equal(zkml_count(k, &s, sh->qm, why, sizeof why), ZK_OK);
}

static uint64_t layer_sum(const zkml_counts *k, int r)
{
    uint64_t t = 0;
    for (int o = 0; o < ZKML_OPS; o++)
        t += k->cell[r][o].constraints;
    return t;
}

/* Pooling last costs, per pooled output, four rescales (A + 2 each), four
 * ReLUs (1) and a max-of-four of K-bit values (4K + 7), instead of a
 * max-of-four of A-bit accumulators (4A + 7), one rescale and one ReLU:
 * the gadgets' header counts (zkml/gadget.h). */
static void test_pool_last_counts(void **state)
{
    (void)state;
    shipped sh;
    shipped_open(&sh);
    for (int v = 0; v < ZKML_VISIBILITIES; v++) {
        zkml_settings s = sh.s;
        s.params = (zkml_visibility)v;
        zkml_counts first, last;
        char why[300];
        assert_int_equal(zkml_count(&first, &s, sh.qm, why, sizeof why), ZK_OK);
        s.pool_last = true;
        assert_int_equal(zkml_count(&last, &s, sh.qm, why, sizeof why), ZK_OK);
        uint64_t extra = 0;
        static const uint64_t pooled[2] = {NN_C1 * 196, NN_C2 * 49};
        for (int l = 0; l < 2; l++) {
            int A = sh.qm->q.acc_bits[l], r = zkml_shift(&sh.qm->q, l), K = A - r + 1;
            int row = ZKML_ROW_CONV1 + l;
            assert_int_equal(last.cell[row][ZKML_OP_RESCALE].constraints,
                             pooled[l] * 4 * (uint64_t)(A + 2));
            assert_int_equal(last.cell[row][ZKML_OP_RELU].constraints, pooled[l] * 4);
            assert_int_equal(last.cell[row][ZKML_OP_MAXPOOL].constraints,
                             pooled[l] * (uint64_t)(4 * K + 7));
            assert_int_equal(first.cell[row][ZKML_OP_MAXPOOL].constraints,
                             pooled[l] * (uint64_t)(4 * A + 7));
            extra += pooled[l] * (uint64_t)(4 * (A + 2) + 4 + 4 * K + 7 - (4 * A + 7) - (A + 2) - 1);
        }
        assert_int_equal(last.total.constraints, first.total.constraints + extra);
        /* every other cell is untouched */
        for (int r = 0; r < ZKML_ROWS; r++)
            for (int o = 0; o < ZKML_OPS; o++)
                if ((r != ZKML_ROW_CONV1 && r != ZKML_ROW_CONV2) ||
                    (o != ZKML_OP_MAXPOOL && o != ZKML_OP_RESCALE && o != ZKML_OP_RELU))
                    assert_memory_equal(&first.cell[r][o], &last.cell[r][o], sizeof(zkml_cell));
        unsigned d = 0;
        while (((uint64_t)1 << d) <= last.total.constraints + last.n_public)
            d++;
        assert_int_equal(last.log_domain, d);
    }
    nn_qmodel_free(sh.qm);
}

/* counts.layers prints zkml_count's cells; the checkers know the answers. */
static void test_counts_and_checkers(void **state)
{
    (void)state;
    shipped sh;
    shipped_open(&sh);
    zkml_counts k[ZKML_VISIBILITIES];
    for (int v = 0; v < ZKML_VISIBILITIES; v++)
        counts_of(&k[v], &sh, (zkml_visibility)v);
    lesson_result r;
    lf_run(&r, "counts.layers weights=hashed", ZK_OK);
    char n[32], needle[96];
    for (int row = 0; row < ZKML_ROWS; row++)
        for (int o = 0; o < ZKML_OPS; o++)
            if (k[ZKML_HASHED].cell[row][o].constraints) {
                snprintf(needle, sizeof needle, "%-20s %13s", zkml_op_name((zkml_op)o),
                         lesson_zkml_commas(n, sizeof n, k[ZKML_HASHED].cell[row][o].constraints));
                lf_line_with(&r, needle);
            }
    snprintf(needle, sizeof needle, "total %s constraints",
             lesson_zkml_commas(n, sizeof n, k[ZKML_HASHED].total.constraints));
    assert_int_equal(lf_line_with(&r, needle)->mark, LESSON_MARK_OK);
    assert_int_equal(r.ncharts, 1);
    lesson_result_free(&r);
    lf_run(&r, "counts.layers weights=nothing", ZK_EINVAL);
    lesson_result_free(&r);

    /* the dominant layer, found here by summing the cells */
    static const char *const names[] = {"input", "conv1", "conv2", "fc1", "fc2"};
    for (int v = 0; v < ZKML_VISIBILITIES; v++) {
        int best = ZKML_ROW_CONV1;
        for (int row = ZKML_ROW_CONV1; row <= ZKML_ROW_FC2; row++)
            best = layer_sum(&k[v], row) > layer_sum(&k[v], best) ? row : best;
        char call[80];
        snprintf(call, sizeof call, "counts.check_dominant weights=%s",
                 zkml_visibility_name((zkml_visibility)v));
        assert_true(judge(call, names[best]));
        assert_false(judge(call, names[best == ZKML_ROW_CONV2 ? ZKML_ROW_FC1 : ZKML_ROW_CONV2]));
        assert_false(judge(call, "model"));
    }
    assert_true(judge("counts.check_dominant weights=hashed", "FC1"));

    zkml_counts last;
    char why[300], ans[32];
    zkml_settings s = sh.s;
    s.pool_last = true;
    assert_int_equal(zkml_count(&last, &s, sh.qm, why, sizeof why), ZK_OK);
    uint64_t saved = last.total.constraints - k[ZKML_HASHED].total.constraints;
    snprintf(ans, sizeof ans, "%llu", (unsigned long long)saved);
    assert_true(judge("counts.check_saving weights=hashed", ans));
    snprintf(ans, sizeof ans, "%llu", (unsigned long long)saved + 1);
    assert_false(judge("counts.check_saving weights=hashed", ans));
    assert_true(judge("counts.check_saving weights=hashed",
                      lesson_zkml_commas(ans, sizeof ans, saved)));

    snprintf(ans, sizeof ans, "%llu", 32ull * k[ZKML_HASHED].n_wires);
    assert_true(judge("counts.check_witness_bytes weights=hashed", ans));
    snprintf(ans, sizeof ans, "%llu", 32ull * k[ZKML_HASHED].total.constraints);
    assert_false(judge("counts.check_witness_bytes weights=hashed", ans));

    /* 784 bytes, 31 to an element; class, logits, hash and pixels */
    zkml_layout L;
    assert_int_equal(zkml_layout_init(&L, &sh.s, &sh.qm->q), ZK_OK);
    assert_int_equal(L.n_pixel_elems, (784 + 30) / 31);
    assert_true(judge("zkml.check_layout what=pixel_elems", "26"));
    assert_false(judge("zkml.check_layout what=pixel_elems", "25"));
    snprintf(ans, sizeof ans, "%u", L.n_public);
    assert_true(judge("zkml.check_layout what=publics", ans));
    assert_int_equal(L.n_public, 1 + L.n_logit_elems + 1 + 26);
    nn_qmodel_free(sh.qm);
}

/* The pad's digit is what its page gives when read as a PNG file. */
static void test_pad_reads_as_png(void **state)
{
    (void)state;
    lesson_pad p;
    lesson_zkml z;
    char why[300], path[128];
    assert_int_equal(lesson_pad_init(&p), ZK_OK);
    assert_int_equal(lesson_zkml_open(&z, why, sizeof why), ZK_OK);
    assert_int_equal(lesson_pad_update(&p, &z), ZK_OK);
    assert_false(p.has_digit);   /* blank paper */
    /* a 7: a bar and a slanted stroke, drawn off-centre */
    lesson_pad_stroke(&p, 3, 4, 14, 4);
    lesson_pad_stroke(&p, 14, 4, 7, 19);
    lesson_pad_dab(&p, -1, 40);   /* outside: nothing */
    assert_int_equal(lesson_pad_update(&p, &z), ZK_OK);
    assert_true(p.has_digit);
    assert_false(p.info.as_is);
    assert_true(p.info.inverted);
    snprintf(path, sizeof path, "%s/pad.png", cache_dir);
    assert_int_equal(lesson_pad_write_png(&p, path), ZK_OK);
    uint8_t img[NN_PIXELS];
    assert_int_equal(nn_digit_load_png(img, path, NULL, why, sizeof why), ZK_OK);
    assert_memory_equal(img, p.img, NN_PIXELS);
    /* loaded onto the pad, the file reads the same, and stays a file until drawn on */
    lesson_pad_clear(&p);
    assert_int_equal(lesson_pad_load_png(&p, &z, path, why, sizeof why), ZK_OK);
    assert_true(p.from_png);
    assert_memory_equal(img, p.img, NN_PIXELS);
    lesson_pad_dab(&p, 20, 20);
    assert_false(p.from_png);
    lesson_pad_free(&p);
    lesson_zkml_close(&z);
}

/* fc2 alone through the pipeline: the honest statement verifies, another
 * class does not, another model's hash is reported as another model. */
static void test_prove_and_tamper(void **state)
{
    (void)state;
    lesson_zkml z;
    char why[600], src[1600];
    assert_int_equal(lesson_zkml_open(&z, why, sizeof why), ZK_OK);
    uint8_t img[NN_PIXELS];
    char path[700];
    assert_int_equal(nn_asset_path(path, sizeof path, "digits/7_0000.png"), ZK_OK);
    assert_int_equal(nn_digit_load_png(img, path, NULL, src, sizeof src), ZK_OK);
    lesson_zkml_target t = {ZKML_HASHED, 3, NULL};
    lesson_zkml_proof pf;
    assert_int_equal(lesson_zkml_prove(&pf, &z, &t, img, NULL, why, sizeof why), ZK_OK);
    assert_int_equal(pf.pr.stmt.cls, 7);
    zkml_verified v;
    assert_int_equal(lesson_zkml_verify(&v, &pf, pf.pr.pub, pf.pr.n_pub, NULL, why, sizeof why),
                     ZK_OK);
    assert_int_equal(v.verdict, ZKML_VALID);
    fr_t *pub;
    assert_int_equal(lesson_zkml_claim_class(&pub, &pf, 3), ZK_OK);
    assert_int_equal(lesson_zkml_verify(&v, &pf, pub, pf.pr.n_pub, NULL, why, sizeof why), ZK_OK);
    assert_int_equal(v.verdict, ZKML_INVALID);
    assert_int_equal(v.stmt.cls, 3);
    zk_free(pub);
    fr_t other = pf.m.hash;
    fr_t one;
    fr_one(&one);
    fr_add(&other, &other, &one);
    assert_int_equal(lesson_zkml_verify(&v, &pf, pf.pr.pub, pf.pr.n_pub, &other, why, sizeof why),
                     ZK_OK);
    assert_int_equal(v.verdict, ZKML_OTHER_MODEL);
    assert_int_equal(lesson_zkml_claim_pixel(&pub, &pf, 0, 1), ZK_EINVAL);   /* no pixels */
    /* the files, and reading them back */
    lesson_zkml_proof back;
    assert_int_equal(lesson_zkml_proof_load(&back, &z, &t, why, sizeof why), ZK_OK);
    assert_int_equal(back.pr.n_pub, pf.pr.n_pub);
    assert_memory_equal(back.pr.pub, pf.pr.pub, pf.pr.n_pub * sizeof *pf.pr.pub);
    assert_int_equal(lesson_zkml_verify(&v, &back, back.pr.pub, back.pr.n_pub, NULL, why,
                                        sizeof why), ZK_OK);
    assert_int_equal(v.verdict, ZKML_VALID);
    lesson_zkml_proof_free(&back);
    /* the whole CNN has never been proven in this cache */
    lesson_zkml_target all = {ZKML_HASHED, 0, NULL};
    assert_int_equal(lesson_zkml_proof_load(&back, &z, &all, why, sizeof why), ZK_ENOENT);

    /* a changed pixel changes that pixel of the statement and nothing else */
    lesson_zkml_proof full;
    memset(&full, 0, sizeof full);
    zkml_settings s = z.settings;
    assert_int_equal(zkml_layout_init(&full.m.layout, &s, &z.qm->q), ZK_OK);
    zkml_public st = pf.pr.stmt;
    st.has_pixels = true;
    memcpy(st.pixels, img, NN_PIXELS);
    st.has_hash = true;
    full.pr.n_pub = full.m.layout.n_public;
    full.pr.pub = zk_calloc(full.pr.n_pub, sizeof *full.pr.pub);
    assert_int_equal(zkml_public_encode(full.pr.pub, &full.m.layout, &st), ZK_OK);
    full.pr.stmt = st;
    assert_int_equal(lesson_zkml_claim_pixel(&pub, &full, 300, 17), ZK_OK);
    zkml_public got;
    got.params = NULL;
    assert_int_equal(zkml_public_decode(&got, &full.m.layout, pub, full.pr.n_pub, why,
                                        sizeof why), ZK_OK);
    for (int i = 0; i < NN_PIXELS; i++)
        assert_int_equal(got.pixels[i], i == 300 ? 17 : img[i]);
    assert_memory_equal(got.logits, st.logits, sizeof st.logits);
    size_t changed = 0;
    for (size_t i = 0; i < full.pr.n_pub; i++)
        changed += !fr_eq(&pub[i], &full.pr.pub[i]);
    assert_int_equal(changed, 1);
    zk_free(pub);
    zk_free(full.pr.pub);
    lesson_zkml_proof_free(&pf);
    lesson_zkml_close(&z);
}

/* The lesson 18 panels: each verdict is the one the text promises. */
static void test_lesson18_actions(void **state)
{
    (void)state;
    lesson_result r;
    lf_run(&r, "zkml.prove layers=fc2", ZK_OK);
    assert_int_equal(lf_line_with(&r, "checked with the key pinned")->mark, LESSON_MARK_OK);
    lf_line_with(&r, "class 7;");
    lesson_result_free(&r);
    lf_run(&r, "zkml.tamper what=class layers=fc2", ZK_OK);
    assert_int_equal(lf_line_with(&r, "as proven: VALID")->mark, LESSON_MARK_OK);
    assert_int_equal(lf_line_with(&r, "the same proof: INVALID")->mark, LESSON_MARK_OK);
    lesson_result_free(&r);
    lf_run(&r, "zkml.tamper what=pixel layers=all", ZK_OK);
    lf_line_with(&r, "the whole CNN has not been proven here yet");
    lesson_result_free(&r);
    lf_run(&r, "zkml.tamper what=model layers=fc2", ZK_OK);
    assert_int_equal(lf_line_with(&r, "one step larger")->mark, LESSON_MARK_NONE);
    assert_int_equal(lf_line_with(&r, "expects it: a valid proof about ANOTHER model")->mark,
                     LESSON_MARK_OK);
    lesson_result_free(&r);
    lf_run(&r, "zkml.forge cls=3 layers=fc2", ZK_OK);
    lf_line_with(&r, "class 3;");
    assert_int_equal(lf_line_with(&r, "private circuit: VALID")->mark, LESSON_MARK_OK);
    assert_int_equal(lf_line_with(&r, "a valid proof that the image is a 3")->mark,
                     LESSON_MARK_BAD);
    assert_int_equal(lf_line_with(&r, "not the published")->mark, LESSON_MARK_OK);
    lesson_result_free(&r);
    lf_run(&r, "zkml.tamper what=nothing", ZK_EINVAL);
    lesson_result_free(&r);
    lf_run(&r, "zkml.prove digit=no_such.png", ZK_ENOENT);
    lesson_result_free(&r);
}

/* act.costs: the rows each gadget really has, against the counts derived
 * by hand in lesson 15 (ReLU: b bits, recomposition, product; x² with its
 * rescale: the product row with remainder and quotient, s + (2b − 2 − s)
 * bits), and the forgery that x² with only the remainder's bits lets
 * through (lesson 15 had it sound at s + 1 rows). */
static void test_activation_costs(void **state)
{
    (void)state;
    lesson_result r;
    lf_run(&r, "act.costs", ZK_OK);
    static const int widths[] = {4, 8, 12, 16, 24, 32, 48, 60};
    for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
        int b = widths[i];
        char want[80];
        if (b <= 31)
            snprintf(want, sizeof want, "%4d     %4d                 %4d", b, b + 2, 2 * b - 1);
        else
            snprintf(want, sizeof want, "%4d     %4d                    —", b, b + 2);
        assert_int_equal(lf_line_with(&r, want)->mark, LESSON_MARK_OK);
    }
    assert_int_equal(lf_line_with(&r, "without the quotient's range every row holds")->mark,
                     LESSON_MARK_OK);
    lesson_result_free(&r);
}

/* The prover's throughput: a real proof timed, kept and read back. */
static void test_rate(void **state)
{
    (void)state;
    lesson_zkml z;
    char why[300];
    assert_int_equal(lesson_zkml_open(&z, why, sizeof why), ZK_OK);
    lesson_zkml_rate r, back;
    assert_int_equal(lesson_zkml_rate_load(&back), ZK_ENOENT);
    assert_int_equal(lesson_zkml_measure_rate(&r, &z, NULL, why, sizeof why), ZK_OK);
    assert_int_equal(r.constraints, 11482u);
    assert_int_equal(r.log_domain, 14);
    assert_true(r.seconds > 0 && lesson_zkml_rate_per_second(&r) > 0);
    assert_int_equal(lesson_zkml_rate_save(&r), ZK_OK);
    assert_int_equal(lesson_zkml_rate_load(&back), ZK_OK);
    assert_int_equal(back.constraints, r.constraints);
    assert_string_equal(back.what, r.what);
    lesson_zkml_close(&z);
    char d[32];
    assert_string_equal(lesson_zkml_duration(d, sizeof d, 3.02), "3.0 s");
    assert_string_equal(lesson_zkml_duration(d, sizeof d, 4460), "1.2 h");
    assert_string_equal(lesson_zkml_short(d, sizeof d, 73456), "73,500");
    assert_string_equal(lesson_zkml_short(d, sizeof d, 1.8e9), "1.8×10^9");
    assert_string_equal(lesson_zkml_commas(d, sizeof d, 3016737), "3,016,737");
}

int main(void)
{
    /* One cache for the whole file: each fc2 key is made once. */
    make_cache(NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_activation_costs),
        cmocka_unit_test(test_pool_last_counts),
        cmocka_unit_test(test_counts_and_checkers),
        cmocka_unit_test(test_pad_reads_as_png),
        cmocka_unit_test(test_prove_and_tamper),
        cmocka_unit_test(test_lesson18_actions),
        cmocka_unit_test(test_rate),
    };
    int failed = ZK_RUN_TESTS(tests);
    drop_cache(NULL);
    return failed;
}
