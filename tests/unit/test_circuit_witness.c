/* Witnesses of code that computes with signals (<--, and the functions it
 * calls): the value a condition on a signal chooses, division by zero. Issue 13 found
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
        char d[ZK_MONT256_DEC_MAX];
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
        cmocka_unit_test(test_division_by_zero),
    };
    return ZK_RUN_TESTS(tests);
}
