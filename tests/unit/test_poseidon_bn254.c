/* Poseidon over BN254 (circomlib parameters): the published vectors, in C
 * and through the Circom library's Poseidon / PoseidonEx circuits. */
#include "zk_test.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "hash/poseidon_bn254.h"

static cJSON *load(const char *rel)
{
    char *text = zk_test_read_shared(rel);
    cJSON *j = cJSON_Parse(text);
    free(text);
    assert_non_null(j);
    assert_true(cJSON_IsArray(j));
    return j;
}

static size_t read_elems(const cJSON *arr, fr_t *out, size_t max)
{
    size_t n = 0;
    for (const cJSON *e = arr->child; e; e = e->next) {
        assert_true(n < max);
        assert_int_equal(fr_from_dec(&out[n++], e->valuestring), ZK_OK);
    }
    return n;
}

static void test_vectors_in_c(void **state)
{
    (void)state;
    cJSON *j = load("vectors/poseidon_bn254/vectors.json");
    int cases = 0;
    bool widths[17] = {false};
    for (const cJSON *v = j->child; v; v = v->next) {
        fr_t in[16], want, got;
        size_t n = read_elems(cJSON_GetObjectItem(v, "inputs"), in, 16);
        assert_int_equal(fr_from_dec(&want, cJSON_GetObjectItem(v, "output")->valuestring), ZK_OK);
        assert_int_equal(poseidon_bn254_hash(&got, in, n), ZK_OK);
        assert_true(fr_eq(&got, &want));
        widths[n] = true;
        cases++;
    }
    assert_int_equal(cases, 69);
    for (int n = 1; n <= 16; n++)
        assert_true(widths[n]);
    cJSON_Delete(j);
}

static void test_vectors_ex_in_c(void **state)
{
    (void)state;
    cJSON *j = load("vectors/poseidon_bn254/vectors_ex.json");
    int cases = 0;
    for (const cJSON *v = j->child; v; v = v->next) {
        fr_t in[16], want[17], got[17], init;
        size_t n = read_elems(cJSON_GetObjectItem(v, "inputs"), in, 16);
        size_t n_out = read_elems(cJSON_GetObjectItem(v, "outputs"), want, 17);
        assert_int_equal((int)n_out, cJSON_GetObjectItem(v, "nOut")->valueint);
        assert_int_equal(fr_from_dec(&init, cJSON_GetObjectItem(v, "initState")->valuestring), ZK_OK);
        assert_int_equal(poseidon_bn254_hash_ex(got, n_out, in, n, &init), ZK_OK);
        for (size_t i = 0; i < n_out; i++)
            assert_true(fr_eq(&got[i], &want[i]));
        cases++;
    }
    assert_true(cases >= 5);
    cJSON_Delete(j);
}

static void test_bad_sizes(void **state)
{
    (void)state;
    fr_t in[17], out[18], z;
    memset(in, 0, sizeof in);
    fr_zero(&z);
    assert_int_equal(poseidon_bn254_hash(out, in, 0), ZK_EINVAL);
    assert_int_equal(poseidon_bn254_hash(out, in, 17), ZK_EINVAL);
    assert_int_equal(poseidon_bn254_hash_ex(out, 4, in, 2, &z), ZK_EINVAL);
    assert_int_equal(poseidon_bn254_hash_ex(out, 0, in, 2, &z), ZK_EINVAL);
}

/* Compiles main = decl over the library at level with the JSON inputs
 * (which this deletes) and checks the witness satisfies the system. */
static void run_circuit(circom_circuit *c, const char *decl, cJSON *input, int level)
{
    static const char *const dirs[] = {"circuits"};
    char src[256];
    snprintf(src, sizeof src, "pragma circom 2.0.0;\ninclude \"poseidon.circom\";\n"
             "component main = %s;\n", decl);
    char *json = cJSON_PrintUnformatted(input);
    circom_options o = {level, dirs, 1, json, NULL, 0, 0};
    zk_err err = circom_compile_text(c, "poseidon_main.circom", src, &o);
    cJSON_free(json);
    cJSON_Delete(input);
    if (err)
        fail_msg("%s", c->diagnostics);
    assert_int_equal(r1cs_check(&c->sys, c->witness, NULL), ZK_OK);
}

/* Runs the library circuit on each vector: the witness's output wire (1,
 * just after the constant) must be the published hash. */
static void test_vectors_in_circuit(void **state)
{
    (void)state;
    cJSON *j = load("vectors/poseidon_bn254/vectors.json");
    int cases = 0;
    for (const cJSON *v = j->child; v; v = v->next) {
        const cJSON *ins = cJSON_GetObjectItem(v, "inputs");
        int n = cJSON_GetArraySize(ins);
        char decl[32];
        snprintf(decl, sizeof decl, "Poseidon(%d)", n);
        cJSON *input = cJSON_CreateObject();
        cJSON_AddItemToObject(input, "inputs", cJSON_Duplicate(ins, 1));
        circom_circuit c;
        run_circuit(&c, decl, input, 1);
        fr_t want;
        assert_int_equal(fr_from_dec(&want, cJSON_GetObjectItem(v, "output")->valuestring), ZK_OK);
        assert_true(fr_eq(&c.witness[1], &want));
        /* 3 constraints per S-box (8 full rounds of t, then the partial
         * ones), less 2 at --O1: the initial state 0 makes the first S-box's
         * input a constant, so x2 and x4 are constants there. */
        const poseidon_bn254_params *p = &poseidon_bn254_table[n - 1];
        assert_int_equal(c.n_nonlinear, 3 * (8 * p->t + p->partial_rounds) - 2);
        circom_circuit_free(&c);
        cases++;
    }
    assert_int_equal(cases, 69);
    cJSON_Delete(j);
}

static void test_vectors_ex_in_circuit(void **state)
{
    (void)state;
    cJSON *j = load("vectors/poseidon_bn254/vectors_ex.json");
    for (const cJSON *v = j->child; v; v = v->next) {
        const cJSON *ins = cJSON_GetObjectItem(v, "inputs");
        int n = cJSON_GetArraySize(ins), n_out = cJSON_GetObjectItem(v, "nOut")->valueint;
        char decl[40];
        snprintf(decl, sizeof decl, "PoseidonEx(%d, %d)", n, n_out);
        cJSON *input = cJSON_CreateObject();
        cJSON_AddItemToObject(input, "inputs", cJSON_Duplicate(ins, 1));
        cJSON_AddItemToObject(input, "initialState",
                              cJSON_Duplicate(cJSON_GetObjectItem(v, "initState"), 1));
        circom_circuit c;
        run_circuit(&c, decl, input, 0);
        fr_t want[17];
        assert_int_equal(read_elems(cJSON_GetObjectItem(v, "outputs"), want, 17), (size_t)n_out);
        for (int i = 0; i < n_out; i++)
            assert_true(fr_eq(&c.witness[1 + i], &want[i]));
        circom_circuit_free(&c);
    }
    cJSON_Delete(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors_in_c),
        cmocka_unit_test(test_vectors_ex_in_c),
        cmocka_unit_test(test_bad_sizes),
        cmocka_unit_test(test_vectors_in_circuit),
        cmocka_unit_test(test_vectors_ex_in_circuit),
    };
    return ZK_RUN_TESTS(tests);
}
