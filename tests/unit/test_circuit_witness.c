/* Witnesses of code that computes with signals (<--, and the functions it
 * calls): the value a condition on a signal chooses, the integer operators,
 * array elements chosen by a signal, division by zero. Issue 13 found
 * `inv <-- in ? 7 : 3` giving 0, which broke circomlib's IsZero and all
 * that rests on it. The expected values are what circom2's own witness
 * calculator (its wasm, run by snarkjs) computes for the same programs. */
#include "zk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/r1cs.h"

static const char *const lib_dirs[] = {"circuits"};

static zk_err compile_with(circom_circuit *c, const char *src, const char *inputs, int level)
{
    circom_options o = {.opt_level = level, .include_dirs = lib_dirs, .n_include_dirs = 1,
                        .inputs_json = inputs};
    return circom_compile_text(c, "w.circom", src, &o);
}

/* Compiles src with inputs at level; fails the test on any error. */
static void witness_of(circom_circuit *c, const char *src, const char *inputs, int level)
{
    zk_err err = compile_with(c, src, inputs, level);
    if (err)
        fail_msg("%s with %s: %s", src, inputs, c->error ? c->error : zk_errname(err));
    assert_int_equal(r1cs_check(&c->sys, c->witness, NULL), ZK_OK);
}

/* Decimal text, "-k" for r - k. */
static void fr_of(fr_t *out, const char *text)
{
    bool neg = text[0] == '-';
    assert_int_equal(fr_from_str(out, text + neg), ZK_OK);
    if (neg)
        fr_neg(out, out);
}

/* The witness value of a signal by its .sym name ("main.o[3]"). */
static fr_t value_of(const circom_circuit *c, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = c->sym; p && *p;) {
        long long label, wire;
        unsigned comp;
        int used = 0;
        const char *e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        if (sscanf(p, "%lld,%lld,%u,%n", &label, &wire, &comp, &used) == 3 && wire >= 0 &&
            (size_t)(e - p - used) == n && strncmp(p + used, name, n) == 0)
            return c->witness[wire];
        p = *e ? e + 1 : e;
    }
    fail_msg("no signal %s among the wires", name);
    fr_t z;
    fr_zero(&z);
    return z;
}

static void assert_value(const circom_circuit *c, const char *name, const char *want)
{
    fr_t w, got = value_of(c, name);
    fr_of(&w, want);
    if (!fr_eq(&got, &w)) {
        char d[MONT256_DEC_MAX];
        fr_to_dec(d, &got);
        fail_msg("%s = %s, want %s", name, d, want);
    }
}

static void test_condition_on_a_signal(void **state)
{
    (void)state;
    const char *src = "template T() {\n"
                      "    signal input in;\n"
                      "    signal inv;\n"
                      "    signal output out;\n"
                      "    inv <-- in ? 7 : 3;\n"
                      "    out <== inv * in + inv;\n"
                      "}\n"
                      "component main = T();\n";
    for (int level = 0; level <= 2; level++) {
        circom_circuit c;
        witness_of(&c, src, "{\"in\": 5}", level);
        assert_value(&c, "main.out", "42");
        circom_circuit_free(&c);
        witness_of(&c, src, "{\"in\": 0}", level);
        assert_value(&c, "main.out", "3");
        circom_circuit_free(&c);
    }
    /* IsZero is `inv <-- in != 0 ? 1 / in : 0` and failed for every in != 0
     * when the ternary yielded 0; IsEqual rests on it. */
    const char *iseq = "include \"comparators.circom\";\ncomponent main = IsEqual();\n";
    static const struct {
        const char *in, *out;
    } cases[] = {{"[5, 6]", "0"}, {"[5, 5]", "1"}, {"[0, -1]", "0"}, {"[-1, -1]", "1"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char in[64];
        snprintf(in, sizeof in, "{\"in\": %s}", cases[i].in);
        circom_circuit c;
        witness_of(&c, iseq, in, 1);
        assert_value(&c, "main.out", cases[i].out);
        circom_circuit_free(&c);
    }
}

/* Every operator on signals in <-- code; conditions and loops on signals
 * in the template and in functions; arrays read at a signal's value;
 * a / 0 (o[35] when b = 0), which circom's calculator makes 0. */
static const char ops_src[] =
    "pragma circom 2.0.0;\n"
    "function f(x) {\n"
    "    var acc = 0;\n"
    "    for (var i = 0; i < 4; i++) {\n"
    "        if (x > i) {\n"
    "            acc += i;\n"
    "        } else {\n"
    "            acc += 10;\n"
    "        }\n"
    "    }\n"
    "    return acc;\n"
    "}\n"
    "function g(x) {\n"
    "    return x > 3 ? x : 100;\n"
    "}\n"
    "function pick(x) {\n"
    "    var t[4] = [10, 20, 30, 40];\n"
    "    return t[x];\n"
    "}\n"
    "template Ops() {\n"
    "    signal input a;\n"
    "    signal input b;\n"
    "    signal output o[40];\n"
    "    var arr[4] = [11, 22, 33, 44];\n"
    "    o[0] <-- a ? 7 : 3;\n"
    "    o[1] <-- a != 0 ? 1 / a : 0;\n"
    "    o[2] <-- a && b;\n"
    "    o[3] <-- a || b;\n"
    "    o[4] <-- !a;\n"
    "    o[5] <-- a < b;\n"
    "    o[6] <-- a > b;\n"
    "    o[7] <-- a <= b;\n"
    "    o[8] <-- a >= b;\n"
    "    o[9] <-- a == b;\n"
    "    o[10] <-- a != b;\n"
    "    o[11] <-- a & b;\n"
    "    o[12] <-- a | b;\n"
    "    o[13] <-- a ^ b;\n"
    "    o[14] <-- ~a;\n"
    "    o[15] <-- a << 3;\n"
    "    o[16] <-- a >> 1;\n"
    "    o[17] <-- (b + 1) \\ 2;\n"
    "    o[18] <-- (a + 10) % 4;\n"
    "    o[19] <-- a ** 3;\n"
    "    o[20] <-- f(a);\n"
    "    o[21] <-- g(a);\n"
    "    o[22] <-- a > b ? (a > 4 ? 1 : 2) : 3;\n"
    "    o[23] <-- (a ? 1 : 0) + (b ? 2 : 0);\n"
    "    var t = 0;\n"
    "    if (a > 2) {\n"
    "        t = 5;\n"
    "    } else {\n"
    "        t = 6;\n"
    "    }\n"
    "    o[24] <-- t;\n"
    "    var c = 0;\n"
    "    var i = 0;\n"
    "    while (i < b) {\n"
    "        c += 2;\n"
    "        i++;\n"
    "    }\n"
    "    o[25] <-- c;\n"
    "    var x = a;\n"
    "    x *= 3;\n"
    "    x \\= 2;\n"
    "    o[26] <-- x;\n"
    "    o[27] <-- a << b;\n"
    "    o[28] <-- a >> b;\n"
    "    o[29] <-- b ** a;\n"
    "    o[30] <-- arr[b];\n"
    "    o[31] <-- pick(b);\n"
    "    o[32] <-- (a == 0 || b == 0) ? 0 : 1;\n"
    "    o[33] <-- -a;\n"
    "    o[34] <-- a * b - 3;\n"
    "    o[35] <-- a / b;\n"
    "    o[36] <-- (a > 0) * 5 + (a < 0) * 7;\n"
    "    o[37] <-- a % 3 == 0 && b % 2 == 1;\n"
    "    var y = a > b;\n"
    "    o[38] <-- y + 1;\n"
    "    o[39] <-- (a & 1) == 1 ? a \\ 2 : a * 2;\n"
    "    for (var k = 0; k < 40; k++) {\n"
    "        o[k] * 0 === 0;\n"
    "    }\n"
    "}\n"
    "component main = Ops();\n";

static const struct {
    const char *inputs;
    const char *out[40];
} ops_cases[] = {
    {"{\"a\": \"5\", \"b\": \"3\"}",
     {"7", "8755297148735710088898562298102910035419345760166413737479281674630323398247", "1", "1",
      "0", "0", "1", "0",
      "1", "0", "1", "1",
      "7", "6", "7059779437489773633646340506914701874769131765994106666166191815402473914361", "40",
      "2", "2", "3", "125",
      "6", "5", "1", "3",
      "5", "6", "7", "40",
      "0", "243", "44", "40",
      "1", "-5", "12", "7296080957279758407415468581752425029516121466805344781232734728858602831874",
      "5", "0", "2", "2"}},
    {"{\"a\": \"0\", \"b\": \"1\"}",
     {"3", "0", "0", "1",
      "1", "1", "0", "1",
      "0", "0", "1", "0",
      "1", "1", "7059779437489773633646340506914701874769131765994106666166191815402473914366", "0",
      "0", "1", "2", "0",
      "40", "100", "3", "2",
      "6", "2", "0", "0",
      "0", "1", "22", "20",
      "0", "0", "-3", "0",
      "0", "1", "1", "0"}},
    {"{\"a\": \"-3\", \"b\": \"2\"}",
     {"7", "7296080957279758407415468581752425029516121466805344781232734728858602831872", "1", "1",
      "0", "1", "0", "1",
      "0", "0", "1", "2",
      "-3", "-5", "7059779437489773633646340506914701874769131765994106666166191815402473914369", "1417809118739908642614768449026338928481938204867428690399257480736773505008",
      "10944121435919637611123202872628637544274182200208017171849102093287904247807", "1", "3", "-27",
      "40", "100", "3", "3",
      "6", "4", "10944121435919637611123202872628637544274182200208017171849102093287904247804", "708904559369954321307384224513169464240969102433714345199628740368386752504",
      "5472060717959818805561601436314318772137091100104008585924551046643952123903", "-5472060717959818805561601436314318772137091100104008585924551046643952123904", "33", "30",
      "1", "3", "-9", "10944121435919637611123202872628637544274182200208017171849102093287904247807",
      "7", "0", "1", "-6"}},
    {"{\"a\": \"7\", \"b\": \"0\"}",
     {"7", "3126891838834182174606629392179610726935480628630862049099743455225115499374", "0", "1",
      "0", "0", "1", "0",
      "1", "0", "1", "0",
      "7", "7", "7059779437489773633646340506914701874769131765994106666166191815402473914359", "56",
      "3", "0", "1", "343",
      "6", "7", "1", "1",
      "5", "0", "10", "7",
      "7", "0", "11", "10",
      "0", "-7", "-3", "0",
      "5", "0", "2", "3"}},
};

static void test_operators_on_signals_match_circom(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof ops_cases / sizeof ops_cases[0]; k++) {
        for (int level = 0; level <= 2; level += 2) {
            circom_circuit c;
            witness_of(&c, ops_src, ops_cases[k].inputs, level);
            for (int i = 0; i < 40; i++) {
                char name[32];
                snprintf(name, sizeof name, "main.o[%d]", i);
                assert_value(&c, name, ops_cases[k].out[i]);
            }
            circom_circuit_free(&c);
        }
    }
}

/* Arrays read and written at an index that depends on a signal: allowed in
 * code that computes witnesses, as circom allows it; in a constraint the
 * index must be a constant. The values are circom2's (a = 0, 1, 2). */
static void test_index_by_a_signal(void **state)
{
    (void)state;
    const char *src = "function setget(x) {\n"
                      "    var t[4] = [1, 2, 3, 4];\n"
                      "    t[x] = 9;\n"
                      "    return t[0] * 1000 + t[1] * 100 + t[2] * 10 + t[3];\n"
                      "}\n"
                      "template T() {\n"
                      "    signal input a;\n"
                      "    signal input s[3];\n"
                      "    signal output o[4];\n"
                      "    o[0] <-- s[a];\n"
                      "    o[1] <-- setget(a);\n"
                      "    var m[2][3] = [[1, 2, 3], [4, 5, 6]];\n"
                      "    o[2] <-- m[a % 2][a];\n"
                      "    var q[3] = [7, 8, 9];\n"
                      "    q[a] = 0;\n"
                      "    o[3] <-- q[0] + q[1] * 10 + q[2] * 100;\n"
                      "}\n"
                      "component main = T();\n";
    static const char *const want[3][4] = {
        {"10", "9234", "1", "980"}, {"20", "1934", "5", "907"}, {"30", "1294", "3", "87"}};
    for (int a = 0; a < 3; a++) {
        char in[64];
        snprintf(in, sizeof in, "{\"a\": %d, \"s\": [10, 20, 30]}", a);
        circom_circuit c;
        witness_of(&c, src, in, 1);
        for (int i = 0; i < 4; i++) {
            char name[32];
            snprintf(name, sizeof name, "main.o[%d]", i);
            assert_value(&c, name, want[a][i]);
        }
        circom_circuit_free(&c);
    }
    /* Out of range: an error (circom's calculator reads past the array). */
    circom_circuit c;
    assert_int_equal(compile_with(&c, src, "{\"a\": 5, \"s\": [10, 20, 30]}", 1), ZK_EPARSE);
    assert_non_null(strstr(c.error, "w.circom:10:16: error: index 5 is out of range (the size is 3)"));
    circom_circuit_free(&c);
    /* In a constraint, or choosing the signal assigned: not at compile time. */
    static const struct {
        const char *stmt, *where, *msg;
    } bad[] = {
        {"b <== s[a];", "w.circom:6:13", "an array index in a constraint must be known at compile time"},
        {"a === s[a];", "w.circom:6:13", "an array index in a constraint must be known at compile time"},
        {"t[a] <-- 1;", "w.circom:6:5", "the signal assigned must be chosen by indices known"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char prog[512];
        snprintf(prog, sizeof prog, "template T() {\n    signal input a;\n    signal input s[3];\n"
                 "    signal output b;\n    signal t[3];\n    %s\n}\ncomponent main = T();\n",
                 bad[i].stmt);
        assert_int_equal(compile_with(&c, prog, NULL, 1), ZK_EPARSE);
        if (!strstr(c.error, bad[i].where) || !strstr(c.error, bad[i].msg))
            fail_msg("%s: got %s", bad[i].stmt, c.error);
        circom_circuit_free(&c);
    }
}

/* A divisor that a signal makes zero gives 0, as in circom's calculator
 * (`inv <-- 1 / in` relies on it); a constant zero divisor is a mistake. */
static void test_division_by_zero(void **state)
{
    (void)state;
    const char *src = "template T() {\n"
                      "    signal input in;\n"
                      "    signal inv;\n"
                      "    signal output out;\n"
                      "    inv <-- 1 / in;\n"
                      "    out <== 1 - in * inv;\n"
                      "    in * out === 0;\n"
                      "}\n"
                      "component main = T();\n";
    circom_circuit c;
    witness_of(&c, src, "{\"in\": 0}", 1);
    assert_value(&c, "main.out", "1");
    circom_circuit_free(&c);
    witness_of(&c, src, "{\"in\": 4}", 1);
    assert_value(&c, "main.out", "0");
    circom_circuit_free(&c);
    const char *konst = "template T() {\n    signal output out;\n    var z = 0;\n"
                        "    out <== 1 / z;\n}\ncomponent main = T();\n";
    assert_int_equal(compile_with(&c, konst, NULL, 1), ZK_EPARSE);
    assert_non_null(strstr(c.error, "w.circom:4:13: error: division by zero"));
    circom_circuit_free(&c);
    /* \ and % by zero stop the witness, as they stop circom's calculator. */
    const char *idiv = "template T() {\n    signal input a;\n    signal output o;\n"
                       "    o <-- 7 \\ a;\n}\ncomponent main = T();\n";
    assert_int_equal(compile_with(&c, idiv, "{\"a\": 0}", 1), ZK_EPARSE);
    assert_non_null(strstr(c.error, "integer division by zero"));
    circom_circuit_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_condition_on_a_signal),
        cmocka_unit_test(test_operators_on_signals_match_circom),
        cmocka_unit_test(test_index_by_a_signal),
        cmocka_unit_test(test_division_by_zero),
    };
    return ZK_RUN_TESTS(tests);
}
