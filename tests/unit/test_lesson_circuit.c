/* The circuit actions of lessons 05, 06 and 19, each run once through the
 * registry as a lesson runs them, checked against the facts the lessons
 * state: x³ + x + 5 flattens to 4 gates of which 2 multiply, its witness for
 * x = 3 is [1, 3, 35, 9, 27, 30], editing sym_1 to 10 breaks rows 0 and 1
 * only, cubic.circom has 3 constraints at --O0 and 2 at --O2, the article's
 * ReLU as printed maps 5 to 0 and -5 to -5 while the corrected one maps them
 * to 5 and 0, and DotProduct(3) on [1, 2, 3] gives 17 with the weights
 * (17, 0, 0) as with (2, 3, 3). Also the circuit search path the actions
 * share with `zkcave circuit`. Run from the repository root. */
#include "zk_test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "circuit/circom_search.h"
#include "lesson/action.h"
#include "core/arena.h"
#include "lesson/doc.h"

/* Runs one action line, with typed values (key, value, key, value, ...,
 * NULL) appended as the workbench appends inputs. */
static zk_err run(lesson_result *r, const char *line, ...)
{
    zk_arena arena = {0};
    lesson_call call = {0};
    char why[200];
    assert_int_equal(lesson_call_parse(&arena, &call, line, why, sizeof why), ZK_OK);
    lesson_param typed[4];
    size_t n = 0;
    va_list ap;
    va_start(ap, line);
    for (const char *k; n < 4 && (k = va_arg(ap, const char *));) {
        typed[n].key = (char *)k;
        typed[n++].value = va_arg(ap, char *);
    }
    va_end(ap);
    lesson_params extra = {typed, n};
    zk_err err = lesson_action_run(r, &call, &extra, NULL);
    zk_arena_free(&arena);
    return err;
}

/* The index of the first line containing text, or -1. */
static int find(const lesson_result *r, const char *text)
{
    for (size_t i = 0; i < r->nlines; i++)
        if (strstr(r->lines[i].text, text))
            return (int)i;
    return -1;
}

/* Terminal columns of UTF-8 text (every character here is one column). */
static size_t cols(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void expect_line(const lesson_result *r, lesson_mark mark, const char *text)
{
    int i = find(r, text);
    if (i < 0) {
        for (size_t k = 0; k < r->nlines; k++)
            fprintf(stderr, "# %d %s\n", r->lines[k].mark, r->lines[k].text);
        fail_msg("no line with '%s'", text);
    }
    assert_int_equal(r->lines[i].mark, mark);
}

static void test_flatten_and_eval(void **state)
{
    (void)state;
    lesson_result r;
    assert_int_equal(run(&r, "circuit.flatten expr=\"x^3 + x + 5\"", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_HEAD, "x^3 + x + 5: 4 gates, 2 multiplications");
    expect_line(&r, LESSON_MARK_NONE, "sym_2 = sym_1 * x");
    lesson_result_free(&r);
    /* A typed polynomial replaces the block's; a bad one says where. */
    assert_int_equal(run(&r, "circuit.flatten expr=x", "expr", "x^5", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_HEAD, "x^5: 4 gates, 4 multiplications");
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circuit.flatten expr=\"x + * 2\"", NULL), ZK_EPARSE);
    expect_line(&r, LESSON_MARK_BAD, "    ^ expected x");
    lesson_result_free(&r);
    /* Constants a student may type fold without overflowing int64_t. */
    assert_int_equal(run(&r, "circuit.flatten expr=\"99999999^3 * x\"", NULL), ZK_EPARSE);
    assert_non_null(strstr(r.message, "constant too large"));
    lesson_result_free(&r);

    assert_int_equal(run(&r, "circuit.eval expr=\"x^3 + x + 5\" x=3 target=35", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_NONE, "= [1, 3, 35, 9, 27, 30]");
    expect_line(&r, LESSON_MARK_NONE, "27 + 3 = 30");
    expect_line(&r, LESSON_MARK_OK, "out = 35, the target 35");
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circuit.eval expr=\"x^3 + x + 5\" x=3 target=35", "x", "-2", NULL),
                     ZK_OK);
    expect_line(&r, LESSON_MARK_BAD, "out = -5, not the target 35");
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circuit.eval expr=x x=three", NULL), ZK_EINVAL);
    lesson_result_free(&r);
}

static void test_r1cs_rows(void **state)
{
    (void)state;
    lesson_result r;
    assert_int_equal(run(&r, "circuit.r1cs expr=\"x^3 + x + 5\"", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_HEAD, "4 constraints over 6 wires");
    /* The article's row 4: A = [5, 0, 0, 0, 0, 1], B = one, C = out. */
    expect_line(&r, LESSON_MARK_NONE, "3  [5 0 0 0 0 1] [1 0 0 0 0 0] [0 0 1 0 0 0]");
    expect_line(&r, LESSON_MARK_NONE, "(sym_3 + 5) · 1 = out");
    for (size_t i = 0; i < r.nlines; i++)
        assert_true(cols(r.lines[i].text) <= 70);
    lesson_result_free(&r);

    assert_int_equal(run(&r, "circuit.satisfy circuit=cubic x=3 set=sym_1:10", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_BAD, "0  [0 1 0 0 0 0] [0 1 0 0 0 0] [0 0 0 1 0 0]  3 · 3 = 9 ≠ 10");
    expect_line(&r, LESSON_MARK_BAD, "10 · 3 = 30 ≠ 27");
    expect_line(&r, LESSON_MARK_OK, "30 · 1 = 30");
    expect_line(&r, LESSON_MARK_OK, "35 · 1 = 35");
    expect_line(&r, LESSON_MARK_BAD, "rows 0 and 1 fail");
    lesson_result_free(&r);
    /* The student puts 9 back: every row is re-checked and holds. */
    assert_int_equal(run(&r, "circuit.satisfy circuit=cubic x=3 set=sym_1:10", "set", "sym_1:9", NULL),
                     ZK_OK);
    expect_line(&r, LESSON_MARK_OK, "all 4 rows hold");
    assert_int_equal(find(&r, "≠"), -1);
    lesson_result_free(&r);
    /* A whole witness typed in, and an edit of a wire that does not exist. */
    assert_int_equal(run(&r, "circuit.satisfy circuit=cubic w=\"1 3 38 10 30 33\"", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_BAD, "row 0 fails");
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circuit.satisfy circuit=cubic set=y:1", NULL), ZK_EINVAL);
    assert_non_null(strstr(r.message, "no wire named 'y'"));
    lesson_result_free(&r);
}

static void test_compile_and_templates(void **state)
{
    (void)state;
    lesson_result r;
    assert_int_equal(run(&r, "circom.compile file=circuits/lessons/cubic.circom level=O0 "
                             "show=matrices", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_NONE, "3 constraints: 2 non-linear, 1 linear");
    expect_line(&r, LESSON_MARK_NOTE, "columns: one, out, x, x2, x3");
    expect_line(&r, LESSON_MARK_NONE, "0 = out - x - x3 - 5");
    /* The matrices fit the panel of an 80-column terminal. */
    for (size_t i = 0; i < r.nlines; i++)
        if (strchr(r.lines[i].text, '['))
            assert_true(cols(r.lines[i].text) <= 70);
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circom.compile file=circuits/lessons/cubic.circom level=O2", NULL),
                     ZK_OK);
    expect_line(&r, LESSON_MARK_NONE, "2 constraints: 2 non-linear, 0 linear");
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circom.compile file=circuits/lessons/nothing.circom", NULL), ZK_EIO);
    lesson_result_free(&r);
    assert_int_equal(run(&r, "circom.compile file=../Makefile", NULL), ZK_EINVAL);
    lesson_result_free(&r);

    assert_int_equal(run(&r, "circom.templates file=circuits/lessons/linear_relu.circom level=O1",
                         NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_NONE, "DotProduct(3)                        2      4           8");
    expect_line(&r, LESSON_MARK_NONE, "Num2Bits(32)                         2     33          66");
    expect_line(&r, LESSON_MARK_OK, "total 80 constraints at --O1");
    lesson_result_free(&r);

    assert_int_equal(run(&r, "circom.source file=circuits/lessons/relu_as_printed.circom "
                             "template=ReLU", NULL), ZK_OK);
    assert_int_equal(find(&r, "template ReLU() {"), 0);
    expect_line(&r, LESSON_MARK_NONE, "out <== in * (1 - isNegative);");
    assert_string_equal(r.lines[r.nlines - 1].text, "}");
    lesson_result_free(&r);
}

static void test_witnesses(void **state)
{
    (void)state;
    lesson_result r;
    static const struct {
        const char *file, *in, *out, *bits;
    } relu[] = {
        {"relu_as_printed", "5", "out = 0   (public output)", "n2b.out[31..0] = 1000 0000"},
        {"relu_as_printed", "-5", "out = -5   (public output)", "n2b.out[31..0] = 0111 1111"},
        {"relu", "5", "out = 5   (public output)", "bits.out[31..0] = 1000 0000"},
        {"relu", "-5", "out = 0   (public output)", "bits.out[31..0] = 0111 1111"},
    };
    for (size_t i = 0; i < sizeof relu / sizeof relu[0]; i++) {
        char line[160];
        snprintf(line, sizeof line, "circom.witness file=circuits/lessons/%s.circom in=%s",
                 relu[i].file, relu[i].in);
        assert_int_equal(run(&r, line, NULL), ZK_OK);
        expect_line(&r, LESSON_MARK_NONE, relu[i].out);
        expect_line(&r, LESSON_MARK_NONE, relu[i].bits);
        expect_line(&r, LESSON_MARK_OK, "all 36 constraints hold");
        lesson_result_free(&r);
    }
    /* Out of range for 32 bits: no witness, and the failing constraint said. */
    assert_int_equal(run(&r, "circom.witness file=circuits/lessons/relu.circom in=3000000000",
                         NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_BAD, "constraint does not hold");
    lesson_result_free(&r);

    const char *dot = "circom.witness file=circuits/lessons/dot_product.circom in=[1,2,3] "
                      "weights=[2,3,3]";
    assert_int_equal(run(&r, dot, NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_NONE, "out = 17   (public output)");
    expect_line(&r, LESSON_MARK_NONE, "prod = [2, 6, 9]");
    lesson_result_free(&r);
    assert_int_equal(run(&r, dot, "weights", "17, 0, 0", NULL), ZK_OK);
    expect_line(&r, LESSON_MARK_NONE, "out = 17   (public output)");
    expect_line(&r, LESSON_MARK_NONE, "weights = [17, 0, 0]   (private input)");
    expect_line(&r, LESSON_MARK_OK, "all 4 constraints hold");
    lesson_result_free(&r);
    assert_int_equal(run(&r, dot, "weights", "17, 0", NULL), ZK_EINVAL);
    assert_non_null(strstr(r.message, "needs 3 values"));
    lesson_result_free(&r);
}

/* A checker's verdict on a typed answer. */
static lesson_verdict judge(const char *line, const char *answer)
{
    lesson_result r;
    assert_int_equal(run(&r, line, "answer", answer, NULL), ZK_OK);
    lesson_verdict v = r.verdict;
    lesson_result_free(&r);
    return v;
}

static void test_checkers(void **state)
{
    (void)state;
    const char *gates = "circuit.check_gates expr=\"x^3 + x + 5\" count=mul";
    assert_int_equal(judge(gates, "2"), LESSON_VERDICT_PASS);
    assert_int_equal(judge(gates, "4"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge("circuit.check_gates expr=\"x^3 + x + 5\" count=all", "4"),
                     LESSON_VERDICT_PASS);
    assert_int_equal(judge("circuit.check_eval expr=\"x^3 + x + 5\" x=2", "15"), LESSON_VERDICT_PASS);
    assert_int_equal(judge("circuit.check_eval expr=\"x^3 + x + 5\" x=2", "35"), LESSON_VERDICT_FAIL);
    const char *wit = "circuit.check_witness circuit=cubic x=3";
    assert_int_equal(judge(wit, "[1, 3, 35, 9, 27, 30]"), LESSON_VERDICT_PASS);
    assert_int_equal(judge(wit, "1 3 35 9 27 31"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge(wit, "1 3 35 9 27"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge("circom.check_count file=circuits/neurons.circom "
                           "main=\"DotProduct(10)\" level=O1", "11"), LESSON_VERDICT_PASS);
    assert_int_equal(judge("circom.check_count file=circuits/lessons/cubic.circom level=O2", "3"),
                     LESSON_VERDICT_FAIL);
    assert_int_equal(judge("circom.check_count file=circuits/lessons/cubic.circom level=O2", "2"),
                     LESSON_VERDICT_PASS);
    assert_int_equal(judge("circom.check_count file=circuits/lessons/cubic.circom level=O2", "two"),
                     LESSON_VERDICT_FAIL);
    const char *printed = "circom.check_output file=circuits/lessons/relu_as_printed.circom in=7";
    assert_int_equal(judge(printed, "0"), LESSON_VERDICT_PASS);
    assert_int_equal(judge(printed, "7"), LESSON_VERDICT_FAIL);
    const char *weights = "circom.check_weights file=circuits/lessons/dot_product.circom "
                          "in=[1,2,3] out=17 not=[2,3,3]";
    assert_int_equal(judge(weights, "17, 0, 0"), LESSON_VERDICT_PASS);
    assert_int_equal(judge(weights, "(0, 1, 5)"), LESSON_VERDICT_PASS);
    assert_int_equal(judge(weights, "2 3 3"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge(weights, "1, 2, 3"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge(weights, "seventeen"), LESSON_VERDICT_FAIL);
    /* Lesson 19 shows (17, 0, 0) the step before: it is ruled out too. */
    weights = "circom.check_weights file=circuits/lessons/dot_product.circom "
              "in=[1,2,3] out=17 not=[2,3,3];[17,0,0]";
    assert_int_equal(judge(weights, "17, 0, 0"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge(weights, "2, 3, 3"), LESSON_VERDICT_FAIL);
    assert_int_equal(judge(weights, "0, 4, 3"), LESSON_VERDICT_PASS);
}

static void test_search_path_and_quoted_inputs(void **state)
{
    (void)state;
    circom_search s;
    char path[CIRCOM_PATH_MAX];
    unsetenv("ZKCAVE_CIRCUITS");
    circom_search_default(&s);
    assert_int_equal(circom_search_find(&s, "circuits/lessons/cubic.circom", path, sizeof path),
                     ZK_OK);
    assert_string_equal(path, "circuits/lessons/cubic.circom");
    assert_int_equal(circom_search_find(&s, "lessons/../../Makefile", path, sizeof path), ZK_EINVAL);
    assert_int_equal(circom_search_find(&s, "/etc/passwd", path, sizeof path), ZK_EINVAL);
    assert_int_equal(circom_search_find(&s, "lessons/none.circom", path, sizeof path), ZK_EIO);
    /* $ZKCAVE_CIRCUITS comes first. */
    char dir[] = "/tmp/zkcave-circuits-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char file[sizeof dir + 32];
    snprintf(file, sizeof file, "%s/bitify.circom", dir);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    setenv("ZKCAVE_CIRCUITS", dir, 1);
    circom_search_default(&s);
    assert_int_equal(circom_search_find(&s, "bitify.circom", path, sizeof path), ZK_OK);
    assert_string_equal(path, file);
    unsetenv("ZKCAVE_CIRCUITS");
    unlink(file);
    rmdir(dir);

    /* An input's default may be quoted to hold spaces. */
    zk_arena arena = {0};
    lesson_call call = {0};
    char why[200];
    assert_int_equal(lesson_action_block_parse(&arena, &call,
                                               "circuit.flatten expr=x\n"
                                               "input: expr=\"(x + 1) * x\" a polynomial\n",
                                               1, why, sizeof why),
                     ZK_OK);
    assert_int_equal(call.ninputs, 1);
    assert_string_equal(call.inputs[0].value, "(x + 1) * x");
    assert_string_equal(call.inputs[0].label, "a polynomial");
    assert_int_equal(lesson_action_block_parse(&arena, &call, "demo.sum\ninput: a=\"1 b\n", 1, why,
                                               sizeof why),
                     ZK_EFORMAT);
    zk_arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flatten_and_eval),
        cmocka_unit_test(test_r1cs_rows),
        cmocka_unit_test(test_compile_and_templates),
        cmocka_unit_test(test_witnesses),
        cmocka_unit_test(test_checkers),
        cmocka_unit_test(test_search_path_and_quoted_inputs),
    };
    return ZK_RUN_TESTS(tests);
}
