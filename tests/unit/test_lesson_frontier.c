/* The frontier.* actions of lesson 20, run as the workbench runs them: the
 * prover's phases add up to its time and the proof verifies; the recursion
 * count reads the NAFs the pairing code walks (checked here against the
 * digits computed independently); the game convicts the student's cheat
 * at every kind of step, follows a student challenger's moves, and refuses
 * moves that are not a or d; the x² network's table holds the shipped
 * models' figures (fc1's square from the gadgets' formula) and its layer
 * proof verifies; the checkers take the right counts only. */
#include "zk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/action.h"
#include "lesson/zkml_views.h"
#include "lesson_fixture.h"
#include "nn/dispute.h"
#include "nn/model_file.h"
#include "zkml/pipeline.h"

static void test_share_adds_up(void **state)
{
    (void)state;
    lesson_result r;
    lf_run(&r, "frontier.share log=10 reps=1", ZK_OK);
    assert_true(lf_has_line(&r, "proven and verified"));
    /* The four parts' shares, as printed, add up to 100 % give or take
     * their rounding. */
    int sum = 0;
    static const char *const parts[] = {"NTT/QAP\t", "G1 MSMs\t", "G2 MSM\t", "rest\t"};
    for (size_t i = 0; i < 4; i++) {
        const lesson_line *l = lf_line_with(&r, parts[i]);
        double ms, cpu;
        int pct;
        const char *cells = strchr(l->text, '\t') + 1;
        assert_int_equal(sscanf(cells, "%lf\t%lf\t%d", &ms, &cpu, &pct), 3);
        assert_true(ms >= 0 && cpu >= 0);
        sum += pct;
    }
    assert_in_range(sum, 98, 102);
    assert_int_equal(r.ncharts, 1);
    lesson_result_free(&r);
    lf_run(&r, "frontier.share log=7", ZK_EINVAL);
    lesson_result_free(&r);
}

/* The NAF of n by its definition (digits in {-1, 0, 1}, no two adjacent
 * non-zero), written here without bn254_naf: length and non-zero digits. */
static void naf_counts(zk_u128 n, int *len, int *nonzero)
{
    *len = *nonzero = 0;
    while (n) {
        if (n & 1) {
            int d = (n & 3) == 3 ? -1 : 1;
            n = d < 0 ? n + 1 : n - 1;
            ++*nonzero;
        }
        n >>= 1;
        ++*len;
    }
}

static void test_recursion_counts_our_verifier(void **state)
{
    (void)state;
    int len, nz, xlen, xnz;
    naf_counts((zk_u128)0x44e992b44a6909f1u * 6 + 2, &len, &nz);
    naf_counts(0x44e992b44a6909f1u, &xlen, &xnz);
    lesson_result r;
    lf_run(&r, "frontier.recursion log=10 reps=1 limb=64 pub=1", ZK_OK);
    char want[160];
    /* The top digit starts the loop: the rest are doublings, and the
     * non-zero ones among them additions. */
    snprintf(want, sizeof want, "%d doubling steps, %d addition steps + 2", len - 1, nz - 1);
    assert_true(lf_has_line(&r, want));
    snprintf(want, sizeof want, "(%d squarings, %d products each)", xlen - 1, xnz - 1);
    assert_true(lf_has_line(&r, want));
    /* 4 limbs of 64 bits: 16 products, 512 + 7·72 range bits. */
    assert_true(lf_has_line(&r, "per non-native product: 1032 constraints"));
    lesson_result_free(&r);
    lf_run(&r, "frontier.recursion log=10 reps=1 limb=8", ZK_EINVAL);
    lesson_result_free(&r);
}

static void test_every_kind_of_cheat_is_caught(void **state)
{
    (void)state;
    for (int k = 0; k < NN_STEP_KINDS; k++) {
        size_t n, first = nn_step_first((nn_step_kind)k, &n);
        char line[160], want[96];
        snprintf(line, sizeof line, "frontier.challenge role=asserter tamper=%s index=%zu",
                 nn_step_kind_names[k], n - 1);
        lesson_result r;
        lf_run(&r, line, ZK_OK);
        assert_true(lf_has_line(&r, "winner: CHALLENGER"));
        snprintf(want, sizeof want, "one step left: step %zu ", first + n - 1);
        assert_true(lf_has_line(&r, want));
        lesson_result_free(&r);
    }
    lesson_result r;
    lf_run(&r, "frontier.challenge role=asserter tamper=fc2 index=10", ZK_EINVAL);
    lesson_result_free(&r);
}

/* The student as challenger: the right answer each round (read from the
 * roots the action shows) finds the lie; one wrong "agree" loses. */
static void test_student_challenger(void **state)
{
    (void)state;
    char moves[NN_DISPUTE_MAX_ROUNDS + 1] = "", line[160];
    lesson_result r;
    for (;;) {
        snprintf(line, sizeof line, "frontier.challenge role=challenger seed=7 moves=\"%s\"",
                 moves);
        lf_run(&r, line, ZK_OK);
        if (!lf_has_line(&r, "your move"))
            break;
        const lesson_line *next = lf_line_with(&r, "next\t");
        /* next, range, state, asserter's root, challenger's root, ? */
        const char *a = next->text;
        for (int tab = 0; tab < 3; tab++)
            a = strchr(a, '\t') + 1;
        const char *c = strchr(a, '\t') + 1;
        size_t len = (size_t)(strchr(a, '\t') - a);
        strcat(moves, strncmp(a, c, len) == 0 ? "a" : "d");
        assert_true(strlen(moves) <= 8);
        lesson_result_free(&r);
    }
    assert_true(lf_has_line(&r, "winner: CHALLENGER"));
    assert_true(lf_has_line(&r, "you found the lie"));
    lesson_result_free(&r);
    /* Agreeing with everything moves past the lie. */
    lf_run(&r, "frontier.challenge role=challenger seed=7 moves=aaaaaaaa", ZK_OK);
    assert_true(lf_has_line(&r, "winner: ASSERTER"));
    assert_true(lf_has_line(&r, "you said agree, but the roots differ"));
    lesson_result_free(&r);
    lf_run(&r, "frontier.challenge role=challenger moves=ax", ZK_EINVAL);
    lesson_result_free(&r);
}

/* A checker's verdict on one answer. */
static void verdict(const char *line, lesson_verdict want)
{
    lesson_result r;
    lf_run(&r, line, ZK_OK);
    assert_int_equal(r.verdict, want);
    lesson_result_free(&r);
}

/* fc1's x² and its rescale: 2K + 4 a neuron, K the bits of its rescaled
 * value in the shipped x² settings (zkml/zkml.h). */
static uint64_t fc1_square_per_neuron(void)
{
    lesson_zkml z;
    char why[600];
    if (lesson_zkml_open_asset(&z, NN_MODEL_SQUARE_FILE, ZKML_SETTINGS_SQUARE_FILE, why,
                               sizeof why) != ZK_OK)
        fail_msg("%s", why);
    const nn_qparams *q = &z.qm->q;
    assert_int_equal(q->act, NN_ACT_SQUARE);
    int K = q->acc_bits[2] - (q->out_exp[1] + q->w_exp[2] - q->out_exp[2]) + 1;
    lesson_zkml_close(&z);
    return 2 * (uint64_t)K + 4;
}

static void test_square_network(void **state)
{
    (void)state;
    lesson_result r;
    lf_run(&r, "frontier.square", ZK_OK);
    for (size_t i = 0; i < r.nlines; i++)
        print_message("# %s\n", r.lines[i].text);
    /* the accuracies the recipes record: the ReLU model's published 99.20 % */
    const lesson_line *acc = lf_line_with(&r, "test accuracy (float)\t");
    assert_non_null(strstr(acc->text, "\t99.20 %\t"));
    char want[120];
    snprintf(want, sizeof want, "fc1's x² with its rescale: %llu constraints for 128 neurons",
             (unsigned long long)(128 * fc1_square_per_neuron()));
    /* (the counts print with thousands separators) */
    const lesson_line *l = lf_line_with(&r, "fc1's x² with its rescale: ");
    unsigned long long got = 0;
    for (const char *c = strchr(l->text, ':') + 1; *c && *c != 'c'; c++)
        if (*c >= '0' && *c <= '9')
            got = 10 * got + (unsigned long long)(*c - '0');
    assert_int_equal(got, 128 * fc1_square_per_neuron());
    /* the whole x² CNN costs more than the ReLU one: its conv layers
     * rescale four values a window instead of one */
    const lesson_line *whole = lf_line_with(&r, "whole CNN\t");
    unsigned long long a = 0, b = 0;
    const char *c = strchr(whole->text, '\t') + 1;
    for (; *c != '\t'; c++)
        if (*c >= '0' && *c <= '9')
            a = 10 * a + (unsigned long long)(*c - '0');
    for (c++; *c; c++)
        if (*c >= '0' && *c <= '9')
            b = 10 * b + (unsigned long long)(*c - '0');
    assert_true(a > 2900000 && b > a);
    assert_true(lf_has_line(&r, "the x² network's fc1 and fc2 proven"));
    assert_true(lf_has_line(&r, "verified with the key pinned for the circuit: VALID"));
    lesson_result_free(&r);
    char line[80];
    snprintf(line, sizeof line, "frontier.check_square answer=%llu",
             (unsigned long long)fc1_square_per_neuron());
    lf_run(&r, line, ZK_OK);
    assert_int_equal(r.verdict, LESSON_VERDICT_PASS);
    lesson_result_free(&r);
    snprintf(line, sizeof line, "frontier.check_square answer=%llu",
             (unsigned long long)fc1_square_per_neuron() - 1);
    lf_run(&r, line, ZK_OK);
    assert_int_equal(r.verdict, LESSON_VERDICT_FAIL);
    lesson_result_free(&r);
}

static void test_checkers(void **state)
{
    (void)state;
    verdict("frontier.check_rounds steps=1000000 answer=20", LESSON_VERDICT_PASS);
    verdict("frontier.check_rounds steps=1024 answer=11", LESSON_VERDICT_FAIL);
    verdict("frontier.check_rounds steps=1025 answer=11", LESSON_VERDICT_PASS);
    verdict("frontier.check_macs kind=fc1 answer=1568", LESSON_VERDICT_PASS);
    verdict("frontier.check_macs kind=conv1 answer=7056", LESSON_VERDICT_PASS);
    verdict("frontier.check_macs kind=conv2 answer=nonsense", LESSON_VERDICT_FAIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_share_adds_up),
        cmocka_unit_test(test_recursion_counts_our_verifier),
        cmocka_unit_test(test_every_kind_of_cheat_is_caught),
        cmocka_unit_test(test_student_challenger),
        cmocka_unit_test(test_square_network),
        cmocka_unit_test(test_checkers),
    };
    return ZK_RUN_TESTS(tests);
}
