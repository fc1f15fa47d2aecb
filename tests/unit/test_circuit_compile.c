/* The Circom compiler: broken programs get a located diagnostic and no
 * crash; the library circuits give Circom's counts (checked against circom2
 * by tests/interop/circom.sh) and the right witnesses; inputs that break a
 * constraint are reported with the component and the constraint. */
#include "zk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/circom.h"
#include "circuit/r1cs_io.h"

static const char *const lib_dirs[] = {"circuits"};

typedef struct broken {
    const char *name;
    unsigned line, col;
    const char *msg;
    const char *src;
} broken;

/* Each program has one mistake; the diagnostic must name the file, line and
 * column of it and show the line with a caret. */
static const broken broken_cases[] = {
    {"read_before_assign", 5, 15, "'c' is read before it is assigned",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    signal c;\n"
        "    a * a === c;\n"
        "    c <== a * a;\n"
        "    b <== c;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"semicolon", 3, 20, "missing ';'",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b\n"
        "    b <== a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"unknown_signal", 4, 15, "unknown name 'c'",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a + c;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"nonquadratic", 4, 5, "non-quadratic constraint",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a * a * a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"double_assign", 5, 5, "assigned twice",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a;\n"
        "    b <== a + 1;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"unclosed_brace", 5, 1, "'}' missing",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a;\n"
        "component main = T();\n"
        ""},
    {"unknown_template", 4, 18, "unknown template 'U'",
        "template T() {\n"
        "    signal input a;\n"
        "}\n"
        "component main = U();\n"
        ""},
    {"arg_count", 4, 18, "takes 1 argument, not 2",
        "template T(n) {\n"
        "    signal input a;\n"
        "}\n"
        "component main = T(1, 2);\n"
        ""},
    {"assign_own_input", 4, 5, "is an input of this template",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    a <== 3;\n"
        "    b <== a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"eq_on_signal", 4, 5, "'<==' or '<--'",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b = a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"constrain_var", 4, 5, "is a variable",
        "template T() {\n"
        "    signal input a;\n"
        "    var v;\n"
        "    v <== a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"index_range", 4, 13, "out of range",
        "template T() {\n"
        "    signal input a[3];\n"
        "    signal output b;\n"
        "    b <== a[3];\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"signal_index", 5, 13, "known at compile time",
        "template T() {\n"
        "    signal input a[3];\n"
        "    signal input i;\n"
        "    signal output b;\n"
        "    b <== a[i];\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"template_in_expr", 5, 13, "can only be instantiated",
        "template U() {\n"
        "    signal input x;\n"
        "}\n"
        "template T() {\n"
        "    var v = U();\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"no_return", 6, 11, "without returning",
        "function f(x) {\n"
        "    var y = x;\n"
        "}\n"
        "template T() {\n"
        "    signal output b;\n"
        "    b <== f(2);\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"bad_member", 10, 13, "no input or output named 'z'",
        "template U() {\n"
        "    signal input x;\n"
        "    signal output y;\n"
        "    y <== x;\n"
        "}\n"
        "template T() {\n"
        "    signal output b;\n"
        "    component u = U();\n"
        "    u.x <== 1;\n"
        "    b <== u.z;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"intermediate_member", 10, 13, "'mid'",
        "template U() {\n"
        "    signal input x;\n"
        "    signal mid;\n"
        "    mid <== x * x;\n"
        "}\n"
        "template T() {\n"
        "    signal output b;\n"
        "    component u = U();\n"
        "    u.x <== 1;\n"
        "    b <== u.mid;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"signal_condition", 4, 9, "depends on a signal",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    if (a == 0) {\n"
        "        b <== 1;\n"
        "    }\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"open_comment", 3, 5, "never closed",
        "template T() {\n"
        "    signal input a;\n"
        "    /* never closed\n"
        "}\n"
        ""},
    {"bad_char", 4, 13, "unexpected character '@'",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a @ 2;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"div_zero", 4, 11, "division by zero",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a / 0;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"no_main", 1, 1, "no main component",
        "template T() {\n"
        "    signal input a;\n"
        "}\n"
        ""},
    {"include_missing", 2, 9, "not found",
        "pragma circom 2.0.0;\n"
        "include \"nowhere.circom\";\n"
        "template T() {\n"
        "    signal input a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"defined_twice", 4, 10, "defined twice",
        "template T() {\n"
        "    signal input a;\n"
        "}\n"
        "template T() {\n"
        "    signal input b;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"public_not_input", 6, 25, "not an input signal",
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== a;\n"
        "}\n"
        "component main {public [b]} = T();\n"
        ""},
    {"endless_loop", 5, 9, "runs too long",
        "template T() {\n"
        "    signal output b;\n"
        "    var i = 0;\n"
        "    while (1) {\n"
        "        i++;\n"
        "    }\n"
        "    b <== i;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"deep_recursion", 2, 12, "nested too deeply",
        "function f(x) {\n"
        "    return f(x + 1);\n"
        "}\n"
        "template T() {\n"
        "    signal output b;\n"
        "    b <== f(0);\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"never_holds", 3, 5, "can never hold",
        "template T() {\n"
        "    signal input a;\n"
        "    1 === 2;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"input_unassigned", 10, 15, "never assigned",
        "template U() {\n"
        "    signal input x;\n"
        "    signal input y;\n"
        "    signal output z;\n"
        "    z <== x * y;\n"
        "}\n"
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    component u = U();\n"
        "    u.x <== a;\n"
        "    b <== u.z;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"assign_child_output", 9, 5, "is an output of U",
        "template U() {\n"
        "    signal input x;\n"
        "    signal output z;\n"
        "    z <== x;\n"
        "}\n"
        "template T() {\n"
        "    signal input a;\n"
        "    component u = U();\n"
        "    u.z <== a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"shadowing", 3, 9, "already declared",
        "template T() {\n"
        "    signal input a;\n"
        "    var a = 1;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"deep_parens", 3, 266, "nested too deeply",
        NULL},
    {"signal_in_function", 2, 12, "cannot declare signals",
        "function f(x) {\n"
        "    signal s;\n"
        "    return x;\n"
        "}\n"
        "template T() {\n"
        "    signal output b;\n"
        "    b <== f(1);\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"bad_number", 3, 11, "malformed number",
        "template T() {\n"
        "    signal output b;\n"
        "    b <== 12ab;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"open_string", 2, 9, "never closed",
        "pragma circom 2.0.0;\n"
        "include \"bitify.circom;\n"
        "component main = T();\n"
        ""},
    {"empty", 1, 1, "no main component",
        ""},
    {"self_template", 3, 15, "nested too deeply",
        "template T() {\n"
        "    signal input a;\n"
        "    component t = T();\n"
        "    t.a <== a;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"assert_fails", 3, 5, "assert fails",
        "template T(n) {\n"
        "    signal input a;\n"
        "    assert(n < 3);\n"
        "}\n"
        "component main = T(5);\n"
        ""},
    {"component_twice", 7, 5, "assigned twice",
        "template U() {\n"
        "    signal output y;\n"
        "    y <== 1;\n"
        "}\n"
        "template T() {\n"
        "    component u = U();\n"
        "    u = U();\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"prefix_inc", 3, 5, "no prefix ++",
        "template T() {\n"
        "    var i = 0;\n"
        "    ++i;\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"anonymous", 9, 11, "anonymous components",
        "template U() {\n"
        "    signal input x;\n"
        "    signal output y;\n"
        "    y <== x;\n"
        "}\n"
        "template T() {\n"
        "    signal input a;\n"
        "    signal output b;\n"
        "    b <== U()(a);\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"wrong_dims", 4, 5, "array sizes differ",
        "template T() {\n"
        "    signal input a[2][2];\n"
        "    signal output b;\n"
        "    b <== a[0];\n"
        "}\n"
        "component main = T();\n"
        ""},
    {"binary_garbage", 2, 20, "unexpected byte 0x01",
        "template T() {\n"
        "    signal input a;\x01""\n"
        "}\n"
        ""},
};

static char *deep_parens(void)
{
    size_t n = 5000;
    char *s = malloc(2 * n + 200);
    assert_non_null(s);
    char *p = s + sprintf(s, "template T() {\n    signal output b;\n    b <== ");
    memset(p, '(', n);
    p += n;
    *p++ = '1';
    memset(p, ')', n);
    p += n;
    sprintf(p, ";\n}\ncomponent main = T();\n");
    return s;
}

static void test_broken_programs(void **state)
{
    (void)state;
    size_t n = sizeof broken_cases / sizeof broken_cases[0];
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++) {
        const broken *b = &broken_cases[i];
        char *src = b->src ? NULL : deep_parens();
        circom_options o = {1, lib_dirs, 1, NULL, NULL, 100000, 0};
        circom_circuit c;
        zk_err err = circom_compile_text(&c, "bad.circom", b->src ? b->src : src, &o);
        /* A program stopped by a budget is told apart from a wrong one. */
        zk_err want_err = strcmp(b->name, "endless_loop") == 0 ? ZK_EOVERFLOW : ZK_EPARSE;
        if (err != want_err || !c.error)
            fail_msg("%s: expected %s, got %s", b->name, zk_errname(want_err), zk_errname(err));
        char want[64];
        snprintf(want, sizeof want, "bad.circom:%u:%u: error: ", b->line, b->col);
        if (strncmp(c.error, want, strlen(want)) != 0 || !strstr(c.error, b->msg))
            fail_msg("%s: got \"%s\", want \"%s...%s\"", b->name, c.error, want, b->msg);
        /* The excerpt: the source line, then a caret line. */
        assert_non_null(strstr(c.diagnostics, "\n    "));
        assert_non_null(strchr(c.diagnostics, '^'));
        assert_int_equal(c.sys.n_rows, 0);
        circom_circuit_free(&c);
        free(src);
    }
}

/* Compiles src (a main over the library) at level, with inputs if given. */
/* src starting with '@' names a file instead. */
static zk_err compile(circom_circuit *c, const char *src, int level, const char *inputs)
{
    circom_options o = {level, lib_dirs, 1, inputs, NULL, 0, 0};
    zk_err err = src[0] == '@' ? circom_compile_file(c, src + 1, &o)
                               : circom_compile_text(c, "main.circom", src, &o);
    if (err && err != ZK_EVERIFY && err != ZK_EINVAL)
        print_message("%s", c->diagnostics ? c->diagnostics : "");
    return err;
}

typedef struct counted {
    const char *src;
    /* non-linear, linear, wires at --O0, --O1; non-linear at --O2 */
    size_t nl0, l0, w0, nl1, l1, w1, nl2;
} counted;

/* Figures circom 2.2.3 (circom2 0.2.23) prints for the same sources. */
static const counted counts[] = {
    {"include \"bitify.circom\";\ncomponent main = Num2Bits(32);\n", 32, 1, 34, 32, 1, 34, 32},
    {"include \"comparators.circom\";\ncomponent main = LessThan(32);\n", 33, 3, 38, 33, 3, 38, 33},
    {"include \"comparators.circom\";\ncomponent main {public [in]} = IsEqual();\n", 2, 2, 7, 2, 1, 6, 2},
    {"include \"neurons.circom\";\ncomponent main = ReLU();\n", 33, 3, 37, 33, 2, 36, 33},
    {"include \"neurons.circom\";\ncomponent main {public [in]} = DotProduct(3);\n", 3, 1, 11, 3, 1, 11, 3},
    {"include \"poseidon.circom\";\ncomponent main = Poseidon(2);\n", 243, 5, 251, 241, 3, 247, 240},
};

static void test_counts_match_circom(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        const counted *k = &counts[i];
        circom_circuit c;
        assert_int_equal(compile(&c, k->src, 0, NULL), ZK_OK);
        assert_int_equal(c.n_nonlinear, k->nl0);
        assert_int_equal(c.n_linear, k->l0);
        assert_int_equal(c.sys.n_wires, k->w0);
        circom_circuit_free(&c);
        assert_int_equal(compile(&c, k->src, 1, NULL), ZK_OK);
        assert_int_equal(c.n_nonlinear, k->nl1);
        assert_int_equal(c.n_linear, k->l1);
        assert_int_equal(c.sys.n_wires, k->w1);
        circom_circuit_free(&c);
        assert_int_equal(compile(&c, k->src, 2, NULL), ZK_OK);
        assert_int_equal(c.n_nonlinear, k->nl2);
        assert_int_equal(c.n_linear, 0);
        circom_circuit_free(&c);
    }
}

/* out (wire 1) of a one-output main for the given inputs, as a signed
 * integer (r - k reads as -k). */
static long long run_out(const char *src, const char *inputs, int level)
{
    circom_circuit c;
    zk_err err = compile(&c, src, level, inputs);
    if (err)
        fail_msg("compile with %s: %s", inputs, c.error ? c.error : zk_errname(err));
    assert_int_equal(r1cs_check(&c.sys, c.witness, NULL), ZK_OK);
    fr_t v = c.witness[1], neg;
    uint64_t a[4], b[4];
    fr_to_int(a, &v);
    fr_neg(&neg, &v);
    fr_to_int(b, &neg);
    circom_circuit_free(&c);
    if (!(a[1] | a[2] | a[3]) && a[0] < ((uint64_t)1 << 62))
        return (long long)a[0];
    assert_true(!(b[1] | b[2] | b[3]) && b[0] < ((uint64_t)1 << 62));
    return -(long long)b[0];
}

static void test_witnesses(void **state)
{
    (void)state;
    const char *cubic = "template C() {\n signal input x;\n signal output out;\n signal x2;\n"
                        " signal x3;\n x2 <== x * x;\n x3 <== x2 * x;\n out <== x3 + x + 5;\n}\n"
                        "component main = C();\n";
    assert_int_equal(run_out(cubic, "{\"x\": 3}", 1), 35);
    assert_int_equal(run_out(cubic, "{\"x\": \"-2\"}", 0), -5);
    const char *relu = "include \"neurons.circom\";\ncomponent main = ReLU();\n";
    const char *printed = "@circuits/lessons/relu_as_printed.circom";
    for (int level = 0; level <= 2; level++) {
        assert_int_equal(run_out(relu, "{\"in\": 5}", level), 5);
        assert_int_equal(run_out(relu, "{\"in\": -5}", level), 0);
        assert_int_equal(run_out(relu, "{\"in\": \"0\"}", level), 0);
        assert_int_equal(run_out(relu, "{\"in\": 2147483647}", level), 2147483647);
        assert_int_equal(run_out(relu, "{\"in\": -2147483648}", level), 0);
    }
    /* The article's template, inverted: 5 -> 0 and -5 -> -5. */
    assert_int_equal(run_out(printed, "{\"in\": 5}", 1), 0);
    assert_int_equal(run_out(printed, "{\"in\": -5}", 1), -5);
    const char *dot = "include \"neurons.circom\";\ncomponent main {public [in]} = DotProduct(3);\n";
    assert_int_equal(run_out(dot, "{\"in\": [1, 2, 3], \"weights\": [2, 3, 3]}", 1), 17);
    assert_int_equal(run_out(dot, "{\"in\": [1, 2, 3], \"weights\": [17, 0, 0]}", 1), 17);
    const char *lt = "include \"comparators.circom\";\ncomponent main = LessThan(16);\n";
    assert_int_equal(run_out(lt, "{\"in\": [3, 4]}", 1), 1);
    assert_int_equal(run_out(lt, "{\"in\": [4, 4]}", 1), 0);
    assert_int_equal(run_out(lt, "{\"in\": [65535, 0]}", 2), 0);
    const char *mux = "include \"mux1.circom\";\ncomponent main = Mux1();\n";
    assert_int_equal(run_out(mux, "{\"c\": [10, 20], \"s\": 1}", 1), 20);
    assert_int_equal(run_out(mux, "{\"c\": [10, 20], \"s\": 0}", 1), 10);
    const char *b2n = "include \"bitify.circom\";\ncomponent main = Bits2Num(4);\n";
    assert_int_equal(run_out(b2n, "{\"in\": [1, 0, 1, 1]}", 1), 13);
}

/* Circom's integer operators on constants, folded at compile time: each
 * output must come out as the value Circom defines (these were also run
 * through circom2's own witness calculator, with the same results). */
static void test_integer_operators(void **state)
{
    (void)state;
    static const struct {
        const char *expr;
        long long want;
    } ops[] = {
        {"7 \\ 2", 3},          {"7 % 4", 3},           {"-7 % 4", 2},
        {"1 << 10", 1024},        {"1024 >> 3", 128},     {"5 >> -1", 10},
        {"6 & 3", 2},             {"6 | 3", 7},           {"6 ^ 3", 5},
        {"-1 < 0", 1},            {"3 > -2", 1},          {"2 ** 10", 1024},
        {"(10 / 4) * 4", 10},     {"!0 + !5", 1},         {"3 == 3 && 4 != 4", 0},
        {"0 || 7", 1},            {"1 ? 11 : 12", 11},    {"(1 << 254) == 0", 1},
        {"~0 == 7059779437489773633646340506914701874769131765994106666166191815402473914366", 1},
        {"-1 >> 252", 3},         {"10 - 3 * 2 - 1", 3},  {"2 ** 3 ** 2", 64},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        char src[512];
        snprintf(src, sizeof src, "template T() {\n signal input dummy;\n signal output out;\n"
                 " out <== %s + 0 * dummy;\n}\ncomponent main = T();\n", ops[i].expr);
        long long got = run_out(src, "{\"dummy\": 1}", 0);
        if (got != ops[i].want)
            fail_msg("%s = %lld, want %lld", ops[i].expr, got, ops[i].want);
    }
}

static void test_broken_inputs(void **state)
{
    (void)state;
    const char *lt = "include \"comparators.circom\";\ncomponent main = LessThan(8);\n";
    circom_circuit c;
    /* 300 does not fit in 8 bits: Num2Bits(9) inside LessThan fails. */
    assert_int_equal(compile(&c, lt, 1, "{\"in\": [300, 2]}"), ZK_EVERIFY);
    assert_non_null(strstr(c.error, "constraint does not hold"));
    assert_non_null(strstr(c.error, "main.bits"));
    assert_non_null(strstr(c.error, "Num2Bits(9)"));
    assert_non_null(strstr(c.error, "bitify.circom:"));
    assert_null(c.witness);
    circom_circuit_free(&c);
    static const char *const bad[] = {
        "{\"in\": [1]}",                  /* too few values */
        "{\"in\": [1, 2, 3]}",            /* too many */
        "{\"in\": [1, 2], \"x\": 3}",     /* not an input */
        "{}",                             /* missing */
        "{\"in\": [1, 2.5]}",             /* not an integer */
        "{\"in\": [\"1\", \"abc\"]}",     /* not a number */
        "[1, 2]",                         /* not an object */
        "{\"in\": [1, 2]",                /* not JSON */
        "{\"in\": [true, 2]}",            /* wrong type */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(compile(&c, lt, 1, bad[i]), ZK_EINVAL);
        assert_non_null(c.error);
        circom_circuit_free(&c);
    }
}

static void test_levels_agree_on_outputs(void **state)
{
    (void)state;
    const char *src = "include \"neurons.circom\";\n"
                      "component main {public [in]} = LinearLayerWithReLU(3, 2);\n";
    const char *in = "{\"in\": [1, -2, 3], \"weights\": [[1, 2, 3], [-1, 0, 5]], \"bias\": [4, -100]}";
    fr_t out[3][2];
    for (int level = 0; level <= 2; level++) {
        circom_circuit c;
        assert_int_equal(compile(&c, src, level, in), ZK_OK);
        assert_int_equal(r1cs_check(&c.sys, c.witness, NULL), ZK_OK);
        assert_int_equal(c.sys.n_pub_out, 2);
        assert_int_equal(c.sys.n_pub_in, 3);
        out[level][0] = c.witness[1];
        out[level][1] = c.witness[2];
        /* Corrupting any one wire but the constant breaks some constraint:
         * every wire is pinned down (there is no free signal). */
        if (level == 1) {
            for (uint32_t w = 1; w < c.sys.n_wires; w++) {
                fr_t keep = c.witness[w], one;
                fr_one(&one);
                fr_add(&c.witness[w], &c.witness[w], &one);
                assert_int_equal(r1cs_check(&c.sys, c.witness, NULL), ZK_EVERIFY);
                c.witness[w] = keep;
            }
        }
        circom_circuit_free(&c);
    }
    /* (1 - 4 + 9) + 4 = 10, ReLU(-1 + 15 - 100) = 0 */
    fr_t ten;
    fr_from_u64(&ten, 10);
    for (int level = 0; level <= 2; level++) {
        assert_true(fr_eq(&out[level][0], &ten));
        assert_true(fr_is_zero(&out[level][1]));
    }
}

static void test_bundle_and_sym(void **state)
{
    (void)state;
    const char *src = "include \"comparators.circom\";\ncomponent main {public [in]} = IsEqual();\n";
    circom_circuit c, d;
    assert_int_equal(compile(&c, src, 1, "{\"in\": [7, 7]}"), ZK_OK);
    /* .sym lines: label,wire,component,name; removed signals have wire -1. */
    assert_non_null(strstr(c.sym, "1,1,"));
    assert_non_null(strstr(c.sym, ",main.out\n"));
    assert_non_null(strstr(c.sym, ",main.in[0]\n"));
    assert_non_null(strstr(c.sym, ",-1,"));
    char path[] = "/tmp/zkcave_bundle_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(circom_bundle_write(&c, path), ZK_OK);
    assert_int_equal(circom_witness_from_bundle(&d, path, "{\"in\": [7, 7]}", NULL), ZK_OK);
    assert_int_equal(d.sys.n_wires, c.sys.n_wires);
    for (uint32_t i = 0; i < c.sys.n_wires; i++)
        assert_true(fr_eq(&c.witness[i], &d.witness[i]));
    circom_circuit_free(&d);
    assert_int_equal(circom_witness_from_bundle(&d, path, "{\"in\": [7]}", NULL), ZK_EINVAL);
    circom_circuit_free(&d);
    /* A damaged bundle is refused. */
    assert_int_equal(zk_file_write_atomic(path, "{\"sources\": 3}", 14), ZK_OK);
    assert_int_equal(circom_witness_from_bundle(&d, path, "{}", NULL), ZK_EFORMAT);
    circom_circuit_free(&d);
    remove(path);
    circom_circuit_free(&c);
}

/* Circom's numbering, as circom 2.2.3 writes it in the .sym file: in each
 * component its outputs, then inputs (public ones first in main), then
 * intermediates, each in declaration order; then its subcomponents sorted
 * by name and then index, whatever order they were created or run in. */
static void test_signal_order(void **state)
{
    (void)state;
    const char *src =
        "template P() {\n signal input a;\n signal output s;\n s <== a * a;\n}\n"
        "template T() {\n signal input x;\n signal input y;\n signal output z;\n signal m;\n"
        " component zz = P();\n component c[11];\n component b = P();\n"
        " for (var i = 10; i >= 0; i--) {\n  c[i] = P();\n  c[i].a <== x + i;\n }\n"
        " zz.a <== y;\n b.a <== zz.s;\n m <== b.s * c[10].s;\n z <== m + c[2].s;\n}\n"
        "component main {public [y]} = T();\n";
    circom_circuit c;
    assert_int_equal(compile(&c, src, 0, NULL), ZK_OK);
    /* label (= wire at --O0) and name; the third .sym column (the component's
     * number) is zkcave's own and not compared with circom's. */
    static const struct {
        unsigned label;
        const char *name;
    } want[] = {
        {1, "main.z"}, {2, "main.y"}, {3, "main.x"}, {4, "main.m"}, {5, "main.b.s"},
        {6, "main.b.a"}, {7, "main.c[0].s"}, {9, "main.c[1].s"}, {11, "main.c[2].s"},
        {25, "main.c[9].s"}, {27, "main.c[10].s"}, {29, "main.zz.s"}, {30, "main.zz.a"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bool found = false;
        for (const char *p = c.sym; *p && !found;) {
            unsigned label, comp;
            int wire, used = 0;
            const char *e = strchr(p, '\n');
            if (sscanf(p, "%u,%d,%u,%n", &label, &wire, &comp, &used) == 3 && label == want[i].label) {
                size_t len = strlen(want[i].name);
                found = (int)label == wire && (size_t)(e - (p + used)) == len &&
                        strncmp(p + used, want[i].name, len) == 0;
                if (!found)
                    fail_msg("label %u is %.*s, want %s", label, (int)(e - p), p, want[i].name);
            }
            p = e ? e + 1 : p + strlen(p);
        }
        assert_true(found);
    }
    circom_circuit_free(&c);
}

static void test_warnings(void **state)
{
    (void)state;
    const char *src = "template T() {\n signal input a;\n signal output b;\n signal output c;\n"
                      " signal d;\n b <== a * a;\n d <-- a * 3;\n}\ncomponent main = T();\n";
    circom_circuit c;
    assert_int_equal(compile(&c, src, 1, NULL), ZK_OK);
    assert_int_equal(c.n_warnings, 2);
    assert_non_null(strstr(c.diagnostics, "main.circom:4:16: warning: output 'c'"));
    assert_non_null(strstr(c.diagnostics, "main.circom:5:9: warning: 'd'"));
    circom_circuit_free(&c);
}

static void test_log_prints_in_witness_mode(void **state)
{
    (void)state;
    const char *src = "template T() {\n signal input a;\n signal output b;\n b <== a * a;\n"
                      " log(\"b is\", b, a + 1);\n}\ncomponent main = T();\n";
    char buf[256] = "";
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    circom_options o = {1, lib_dirs, 1, "{\"a\": 6}", f, 0, 0};
    circom_circuit c;
    assert_int_equal(circom_compile_text(&c, "log.circom", src, &o), ZK_OK);
    fclose(f);
    assert_string_equal(buf, "b is 36 7\n");
    circom_circuit_free(&c);
}

static void test_per_template_counts(void **state)
{
    (void)state;
    const char *src = "include \"neurons.circom\";\ncomponent main {public [in]} = LinearLayerWithReLU(3, 2);\n";
    circom_circuit c;
    assert_int_equal(compile(&c, src, 1, NULL), ZK_OK);
    uint64_t total = 0;
    bool dot = false, relu = false, bits = false;
    for (size_t i = 0; i < c.n_per_template; i++) {
        const circom_template_count *t = &c.per_template[i];
        total += t->constraints;
        if (strcmp(t->title, "DotProduct(3)") == 0) {
            dot = true;
            assert_int_equal(t->instances, 2);
            assert_int_equal(t->constraints, 8);
        }
        if (strcmp(t->title, "ReLU()") == 0) {
            relu = true;
            assert_int_equal(t->instances, 2);
        }
        if (strcmp(t->title, "Num2Bits(32)") == 0) {
            bits = true;
            assert_int_equal(t->constraints, 66);
        }
    }
    assert_true(dot && relu && bits);
    assert_int_equal(total, c.sys.n_rows);
    assert_string_equal(c.main_template, "LinearLayerWithReLU(3, 2)");
    circom_circuit_free(&c);
}


/* Random damage to real sources (changed bytes, cut or repeated pieces)
 * must give an error or a circuit, never a crash or a hang. */
static void test_mutated_sources_never_crash(void **state)
{
    (void)state;
    static const char *const files[] = {"circuits/comparators.circom", "circuits/neurons.circom",
                                        "circuits/mux1.circom"};
    static const char *const mains[] = {"component main = LessThan(8);\n",
                                        "component main = LinearLayerWithReLU(2, 2);\n",
                                        "component main = MultiMux1(2);\n"};
    static const char alphabet[] = "{}()[];=<>-+*/.,0123456789 xnia\"\n!&|^~?:\\%";
    zk_rng rng;
    zk_test_rng(&rng, "mutate circom");
    for (size_t f = 0; f < 3; f++) {
        char *text;
        size_t len;
        assert_int_equal(zk_file_read(files[f], 1 << 20, &text, &len), ZK_OK);
        size_t cap = 2 * len + 200;
        char *buf = malloc(cap);
        assert_non_null(buf);
        for (int iter = 0; iter < 120; iter++) {
            memcpy(buf, text, len);
            size_t n = len;
            int edits = 1 + (int)zk_random_below(&rng, 4);
            for (int e = 0; e < edits && n > 2; e++) {
                size_t at = (size_t)zk_random_below(&rng, n);
                size_t span = 1 + (size_t)zk_random_below(&rng, 40);
                if (at + span > n)
                    span = n - at;
                switch (zk_random_below(&rng, 3)) {
                case 0:
                    buf[at] = alphabet[zk_random_below(&rng, sizeof alphabet - 1)];
                    break;
                case 1:
                    memmove(buf + at, buf + at + span, n - at - span);
                    n -= span;
                    break;
                default:
                    if (n + span < cap - 100) {
                        memmove(buf + at + span, buf + at, n - at);
                        n += span;
                    }
                }
            }
            n += (size_t)sprintf(buf + n, "\n%s", mains[f]);
            circom_options o = {(int)zk_random_below(&rng, 3), lib_dirs, 1,
                                zk_random_below(&rng, 2) ? "{\"in\": [1, 2], \"c\": [[1, 2], [3, 4]], \"s\": 1}" : NULL,
                                NULL, 200000, 0};
            circom_circuit c;
            zk_err err = circom_compile_text(&c, "mutant.circom", buf, &o);
            if (err == ZK_EPARSE)
                assert_non_null(c.error);
            circom_circuit_free(&c);
        }
        free(buf);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_programs),
        cmocka_unit_test(test_counts_match_circom),
        cmocka_unit_test(test_witnesses),
        cmocka_unit_test(test_integer_operators),
        cmocka_unit_test(test_broken_inputs),
        cmocka_unit_test(test_levels_agree_on_outputs),
        cmocka_unit_test(test_bundle_and_sym),
        cmocka_unit_test(test_signal_order),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_log_prints_in_witness_mode),
        cmocka_unit_test(test_per_template_counts),
        cmocka_unit_test(test_mutated_sources_never_crash),
    };
    return ZK_RUN_TESTS(tests);
}
