/* nn/dispute: the step-by-step trace equals nn_qinfer's integers; the
 * bisection game convicts an asserter who tampers any one of the 235 steps,
 * at that very step, in ceil(log2 235) = 8 rounds; an honest asserter is
 * never convicted, whichever step a wrong challenger disputes; and a
 * challenger who agrees with a lie loses. */
#include "zk_test.h"

#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "nn/calibrate.h"
#include "nn/digit_png.h"
#include "nn/dispute.h"
#include "nn/model_file.h"

typedef struct fixture {
    nn_cnn m;
    nn_qmodel *qm;
    uint8_t img[NN_PIXELS];
    nn_trace honest;
} fixture;

static int setup(void **state)
{
    fixture *f = zk_calloc(1, sizeof *f);
    char why[256], *json = NULL;
    size_t len;
    nn_qparams q;
    if (!f || nn_model_load(&f->m, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) ||
        zk_file_read("assets/mnist-settings.json", 1 << 20, &json, &len) ||
        nn_settings_parse(&q, json, why, sizeof why) || nn_qmodel_init(&f->qm, &f->m, &q) ||
        nn_digit_load_png(f->img, "assets/digits/7_0000.png", NULL, why, sizeof why) ||
        nn_trace_run(&f->honest, f->qm, f->img, NN_DISPUTE_STEPS, 0))
        return -1;
    zk_free(json);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    nn_trace_free(&f->honest);
    nn_qmodel_free(f->qm);
    nn_cnn_free(&f->m);
    zk_free(f);
    return 0;
}

static const int64_t *leaf(const nn_trace *t, size_t s)
{
    return t->vals + t->off[s + 1];
}

static void test_trace_equals_qinfer(void **state)
{
    fixture *f = *state;
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    int pred;
    assert_int_equal(nn_qinfer(f->qm, f->img, tr, &pred, NULL), ZK_OK);
    assert_int_equal(f->honest.cls, pred);
    assert_int_equal(pred, 7);
    const int32_t *want[4] = {tr->a1, tr->p1, tr->a2, tr->p2};
    for (int k = 0; k < 4; k++) {
        size_t n, first = nn_step_first((nn_step_kind)k, &n);
        size_t width = f->honest.off[first + 2] - f->honest.off[first + 1];
        for (size_t c = 0; c < n; c++)
            for (size_t i = 0; i < width; i++)
                assert_int_equal(leaf(&f->honest, first + c)[i], want[k][c * width + i]);
    }
    size_t first = nn_step_first(NN_STEP_FC1, NULL);
    for (size_t j = 0; j < NN_FC_HIDDEN; j++)
        assert_int_equal(leaf(&f->honest, first + j)[0], tr->f1[j]);
    first = nn_step_first(NN_STEP_FC2, NULL);
    for (size_t j = 0; j < NN_CLASSES; j++)
        assert_int_equal(leaf(&f->honest, first + j)[0], tr->z[j]);
    zk_free(tr);
}

static void test_steps_cover_the_cnn(void **state)
{
    (void)state;
    size_t total = 0, macs = 0;
    for (int k = 0; k < NN_STEP_KINDS; k++) {
        size_t n;
        assert_int_equal(nn_step_first((nn_step_kind)k, &n), total);
        total += n;
    }
    assert_int_equal(total, NN_DISPUTE_STEPS);
    for (size_t s = 0; s < NN_DISPUTE_STEPS; s++)
        macs += nn_step_macs(s);
    assert_int_equal(macs, 1218048);   /* nn/cnn.h's count for the whole CNN */
}

/* Every step tampered in turn: the game ends at it, the asserter loses. */
static void test_every_tampered_step_is_found(void **state)
{
    fixture *f = *state;
    for (size_t s = 0; s < NN_DISPUTE_STEPS; s++) {
        nn_trace cheat;
        nn_dispute d;
        assert_int_equal(nn_trace_run(&cheat, f->qm, f->img, s, 1), ZK_OK);
        assert_int_equal(nn_dispute_play(&d, f->qm, &cheat, &f->honest), ZK_OK);
        assert_int_equal(d.state, NN_DISPUTE_ASSERTER_LOST);
        assert_int_equal(d.lo, s);
        assert_true(d.nrounds <= 8);
        assert_true(d.nrounds >= 7);
        /* The referee alone, on the same step, against the honest trace. */
        bool honest;
        const char *why;
        assert_int_equal(nn_referee(&honest, &why, f->qm, &cheat, s), ZK_OK);
        assert_false(honest);
        assert_int_equal(nn_referee(&honest, &why, f->qm, &f->honest, s), ZK_OK);
        assert_true(honest);
        nn_trace_free(&cheat);
    }
}

/* A wrong challenger (its own trace tampered at any step) against an honest
 * asserter: the challenger always loses. */
static void test_honest_asserter_never_convicted(void **state)
{
    fixture *f = *state;
    nn_dispute d;
    assert_int_equal(nn_dispute_play(&d, f->qm, &f->honest, &f->honest), ZK_OK);
    assert_int_equal(d.state, NN_DISPUTE_NONE);
    for (size_t s = 0; s < NN_DISPUTE_STEPS; s++) {
        nn_trace wrong;
        assert_int_equal(nn_trace_run(&wrong, f->qm, f->img, s, -3), ZK_OK);
        assert_int_equal(nn_dispute_play(&d, f->qm, &f->honest, &wrong), ZK_OK);
        assert_int_equal(d.state, NN_DISPUTE_CHALLENGER_LOST);
        nn_trace_free(&wrong);
    }
    /* A challenger who answers at random still never convicts it. */
    nn_trace wrong;
    assert_int_equal(nn_trace_run(&wrong, f->qm, f->img, 100, 5), ZK_OK);
    for (unsigned bits = 0; bits < 256; bits += 7) {
        assert_int_equal(nn_dispute_begin(&d, f->qm, &f->honest, &wrong), ZK_OK);
        for (unsigned r = 0; d.state == NN_DISPUTE_PLAYING; r++)
            assert_int_equal(nn_dispute_answer(&d, (bits >> (r % 8)) & 1), ZK_OK);
        assert_int_equal(d.state, NN_DISPUTE_CHALLENGER_LOST);
    }
    nn_trace_free(&wrong);
}

/* A challenger who says "agree" where the roots differ moves past the lie
 * and loses the game the cheater should have lost. */
static void test_agreeing_with_a_lie_loses(void **state)
{
    fixture *f = *state;
    nn_trace cheat;
    nn_dispute d;
    assert_int_equal(nn_trace_run(&cheat, f->qm, f->img, 40, 1), ZK_OK);
    assert_int_equal(nn_dispute_begin(&d, f->qm, &cheat, &f->honest), ZK_OK);
    assert_int_equal(d.state, NN_DISPUTE_PLAYING);
    while (d.state == NN_DISPUTE_PLAYING)
        assert_int_equal(nn_dispute_answer(&d, true), ZK_OK);
    assert_int_equal(d.state, NN_DISPUTE_CHALLENGER_LOST);
    assert_int_equal(d.lo, NN_DISPUTE_STEPS - 1);
    assert_int_equal(nn_dispute_answer(&d, true), ZK_EINVAL);
    /* Roots: state 0 is the input's, equal for both; the last differs. */
    hash_digest a, b;
    assert_int_equal(nn_trace_root(&a, &cheat, 0), ZK_OK);
    assert_int_equal(nn_trace_root(&b, &f->honest, 0), ZK_OK);
    assert_memory_equal(&a, &b, sizeof a);
    assert_int_equal(nn_trace_root(&a, &cheat, 41), ZK_OK);
    assert_int_equal(nn_trace_root(&b, &f->honest, 41), ZK_OK);
    assert_memory_not_equal(&a, &b, sizeof a);
    assert_int_equal(nn_trace_root(&a, &cheat, NN_DISPUTE_STEPS + 1), ZK_EINVAL);
    nn_trace_free(&cheat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps_cover_the_cnn),
        cmocka_unit_test_setup_teardown(test_trace_equals_qinfer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_tampered_step_is_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_honest_asserter_never_convicted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_agreeing_with_a_lie_loses, setup, teardown),
    };
    return ZK_RUN_TESTS(tests);
}
