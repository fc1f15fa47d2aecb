/* Lesson 12's compare.* actions: both backends prove the Poseidon chain,
 * every proof verifies and every tampered one is refused; the STARK proof's
 * size is the same on every run with a seed (the checker relies on it);
 * the checker accepts the table's own ratio and nothing else. ZK_DUMP=1
 * prints the results. */
#include "zk_test.h"
#include "lesson_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/action.h"

/* The STARK row's proof bytes at steps, from the size table. */
static long stark_bytes(const lesson_result *r, const char *steps)
{
    char head[32];
    snprintf(head, sizeof head, "%s\tSTARK\tAIR", steps);
    const lesson_line *l = lf_line_with(r, head);
    /* steps, backend, circuit, key, proof: the fifth cell. */
    const char *cell = l->text;
    for (int k = 0; k < 4; k++) {
        cell = strchr(cell, '\t');
        assert_non_null(cell);
        cell++;
    }
    long v = 0;
    for (; *cell && *cell != ' '; cell++)
        if (*cell != ',')
            v = 10 * v + (*cell - '0');
    return v;
}

static void test_compare_poseidon(void **state)
{
    (void)state;
    lesson_result r;
    lf_run(&r, "compare.poseidon from=6 to=7 seed=5", ZK_OK);
    for (size_t i = 0; i < r.nlines; i++)
        assert_int_not_equal(r.lines[i].mark, LESSON_MARK_BAD);
    assert_int_equal(lf_line_with(&r, "every proof verified")->mark, LESSON_MARK_OK);
    lf_line_with(&r, "64\tGroth16\tR1CS 13,888\t");   /* 217 constraints a step */
    lf_line_with(&r, "128\tGroth16\tR1CS 27,776\t");
    lf_line_with(&r, "128\tGroth16\t");
    long b64 = stark_bytes(&r, "64"), b128 = stark_bytes(&r, "128");
    assert_true(b64 > 100 * 128 && b128 > b64);
    assert_int_equal(r.ncharts, 2);
    lesson_result_free(&r);

    /* The same seed, the same STARK proof size. */
    lf_run(&r, "compare.poseidon from=6 to=6 seed=5", ZK_OK);
    assert_int_equal(stark_bytes(&r, "64"), b64);
    lesson_result_free(&r);

    char call[96];
    long want = (b64 + 64) / 128;
    snprintf(call, sizeof call, "compare.check_ratio steps=6 seed=5 answer=%ld", want);
    lf_run(&r, call, ZK_OK);
    assert_int_equal(r.verdict, LESSON_VERDICT_PASS);
    lesson_result_free(&r);
    snprintf(call, sizeof call, "compare.check_ratio steps=6 seed=5 answer=%ld", want + 1);
    lf_run(&r, call, ZK_OK);
    assert_int_equal(r.verdict, LESSON_VERDICT_FAIL);
    assert_non_null(strstr(r.message, "bytes"));
    lesson_result_free(&r);
    lf_run(&r, "compare.check_ratio steps=6 seed=5 answer=lots", ZK_OK);
    assert_int_equal(r.verdict, LESSON_VERDICT_FAIL);
    lesson_result_free(&r);

    lf_run(&r, "compare.poseidon from=8 to=6", ZK_EINVAL);
    lesson_result_free(&r);
    lf_run(&r, "compare.poseidon from=1", ZK_EINVAL);
    lesson_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_poseidon),
    };
    return ZK_RUN_TESTS(tests);
}
