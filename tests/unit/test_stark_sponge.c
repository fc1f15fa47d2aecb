/* stark/air_sponge: Plonky2's hash_no_pad as AIR rows. The gadget's trace
 * on 1..17 elements and on the shipped model's 20,741 elements satisfies
 * every constraint with the digest poseidon_gl_hash_no_pad and
 * zkml_model_hash_gl compute; its rows hold the permutation's rounds
 * (checked against poseidon_gl_round); a changed element, a changed read,
 * a changed helper, a nonzero initial capacity or a changed digest word is
 * rejected at the row and constraint it breaks; the standalone model-hash
 * proves, verifies through the registry and fails with a flipped byte. */
#include "zk_stark_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hex.h"
#include "nn/model_file.h"
#include "stark/air_sponge.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"

/* The model-hash AIR's columns the tests touch (air_model_hash.c). */
#define ELEM AIR_SPONGE_MAIN
#define FIXED0 (AIR_SPONGE_MAIN + 1)

static void elements(gl_t *e, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++)
        e[i] = (gl_t)((zk_u128)0x9e3779b97f4a7c15u * (i + seed) % GL_P);
}

static void expect_ok(const stark_air *a, const gl_t *t)
{
    stark_check_report rep;
    zk_stark_check_all(a, t, &rep);
    if (!rep.ok)
        fail_msg("%s: row %zu: %s", a->name, rep.row, a->cons[rep.constraint].name);
}

static void expect_fail(const stark_air *a, const gl_t *t, size_t row, const char *cons)
{
    stark_check_report rep;
    zk_stark_check_all(a, t, &rep);
    if (rep.ok)
        fail_msg("accepted; expected %s at row %zu", cons, row);
    if (rep.row != row || strcmp(a->cons[rep.constraint].name, cons) != 0)
        fail_msg("failed at row %zu: %s; expected row %zu: %s", rep.row,
                 a->cons[rep.constraint].name, row, cons);
}

/* Every length around the rate's edges: the trace holds and its digest is
 * the native one; each F row's IN is the state before its round and each
 * permutation's output is the native permutation of its input. */
static void test_small_lengths(void **state)
{
    (void)state;
    static const size_t lens[] = {1, 2, 7, 8, 9, 15, 16, 17, 24, 41};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        size_t n = lens[k];
        gl_t e[64], d[POSEIDON_GL_DIGEST];
        elements(e, n, 1 + k);
        poseidon_gl_hash_no_pad(d, e, n);
        stark_air a;
        assert_int_equal(air_model_hash_new(&a, e, n), ZK_OK);
        assert_memory_equal(a.pub, d, sizeof d);
        assert_true(a.n_rows >= 1 + air_sponge_rows(n));
        gl_t *t = zk_stark_full_trace(&a);
        expect_ok(&a, t);
        /* The rounds, row by row, against the permutation. */
        size_t w = stark_air_row_width(&a);
        gl_t s[POSEIDON_GL_WIDTH] = {0};
        for (size_t p = 0; p < air_sponge_perms(n); p++) {
            for (size_t i = 0; i < POSEIDON_GL_RATE && POSEIDON_GL_RATE * p + i < n; i++)
                s[i] = e[POSEIDON_GL_RATE * p + i];
            for (unsigned r = 0; r < POSEIDON_GL_ROUNDS; r++) {
                size_t row = 1 + AIR_SPONGE_ROWS_PER_PERM * p +
                             (r < 4 ? r : r < 26 ? 4 + (r - 4) / 11 : r - 20);
                bool starts = r < 4 || r >= 26 || (r - 4) % 11 == 0;
                if (starts)
                    assert_memory_equal(t + row * w + SP_IN, s, sizeof s);
                poseidon_gl_round(s, r);
            }
        }
        assert_memory_equal(s, d, sizeof d);
        zk_free(t);
        stark_air_free(&a);
    }
    stark_air a;
    gl_t e[1] = {0};
    assert_int_equal(air_model_hash_new(&a, e, 0), ZK_EINVAL);
}

/* One cell changed at a time, each failing where it must. */
static void test_rejections(void **state)
{
    (void)state;
    const size_t n = 17;
    gl_t e[17];
    elements(e, n, 5);
    stark_air a;
    assert_int_equal(air_model_hash_new(&a, e, n), ZK_OK);
    size_t w = stark_air_row_width(&a), last = a.n_rows - 1;
    gl_t *t = zk_stark_full_trace(&a);
    expect_ok(&a, t);
    /* An element written other than the one read: the memory does not close. */
    t[9 * w + ELEM] = gl_add(t[9 * w + ELEM], 1);
    expect_fail(&a, t, last, "LogUp sum closes at 0");
    t[9 * w + ELEM] = gl_sub(t[9 * w + ELEM], 1);
    /* The sponge absorbing another element than memory holds (its whole
     * trace recomputed, as a cheating prover would): the reads fail. */
    {
        gl_t e2[17];
        memcpy(e2, e, sizeof e2);
        e2[9] = gl_add(e2[9], 1);
        stark_air b;
        assert_int_equal(air_model_hash_new(&b, e2, n), ZK_OK);
        gl_t *t2 = zk_stark_full_trace(&b);
        expect_ok(&b, t2);
        t2[9 * w + ELEM] = e[9];
        expect_fail(&b, t2, last, "LogUp sum closes at 0");
        zk_free(t2);
        stark_air_free(&b);
    }
    /* A helper of a partial round. */
    t[15 * w + SP_TP + 3] = gl_add(t[15 * w + SP_TP + 3], 1);
    expect_fail(&a, t, 15, "sponge TP3 = U3^3");
    t[15 * w + SP_TP + 3] = gl_sub(t[15 * w + SP_TP + 3], 1);
    /* A capacity element carried wrongly into the next row. */
    t[13 * w + SP_IN + 10] = gl_add(t[13 * w + SP_IN + 10], 1);
    stark_check_report rep;
    zk_stark_check_all(&a, t, &rep);
    assert_false(rep.ok);
    assert_int_equal(rep.row, 12);
    assert_string_equal(a.cons[rep.constraint].name, "sponge next IN10 chained");
    t[13 * w + SP_IN + 10] = gl_sub(t[13 * w + SP_IN + 10], 1);
    expect_ok(&a, t);
    /* A changed digest word. */
    a.pub[2] = gl_add(a.pub[2], 1);
    size_t dg_row = 1 + air_sponge_rows(n) - 1;
    expect_fail(&a, t, dg_row, "sponge digest2");
    a.pub[2] = gl_sub(a.pub[2], 1);
    zk_free(t);
    stark_air_free(&a);
}

/* The initial state's capacity and the rate a short block leaves are
 * pinned: a nonzero capacity entering the gadget fails at row 0 (the row
 * before its first), a rate element not overwritten but changed fails
 * where it is carried. */
static void test_initial_and_carried(void **state)
{
    (void)state;
    gl_t e[9];
    elements(e, 9, 3);
    stark_air a;
    assert_int_equal(air_model_hash_new(&a, e, 9), ZK_OK);
    size_t w = stark_air_row_width(&a);
    gl_t *t = zk_stark_full_trace(&a);
    t[1 * w + SP_IN + 11] = 1;
    expect_fail(&a, t, 0, "sponge next IN11 chained");
    t[1 * w + SP_IN + 11] = 0;
    /* The second block is one element: IN1..7 of row 11 are carried. */
    t[11 * w + SP_IN + 3] = gl_add(t[11 * w + SP_IN + 3], 1);
    expect_fail(&a, t, 10, "sponge next IN3 chained");
    zk_free(t);
    stark_air_free(&a);
}

static nn_qmodel *g_qm;
static zkml_settings g_s;

/* The shipped model's 20,741 elements: 2,593 permutations on 25,930 rows
 * of a 2^15-row table, the digest zkml_model_hash_gl's. */
static void test_shipped_model(void **state)
{
    (void)state;
    char why[300];
    nn_cnn m;
    nn_qparams q;
    if (nn_model_load(&m, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) ||
        zkml_settings_load(&g_s, &q, "assets/" ZKML_SETTINGS_FILE, why, sizeof why))
        fail_msg("%s", why);
    assert_int_equal(nn_qmodel_init(&g_qm, &m, &q), ZK_OK);
    nn_cnn_free(&m);
    gl_t *e, d[ZKML_GL_DIGEST];
    size_t n;
    assert_int_equal(zkml_hash_gl_elements(&e, &n, &g_s, g_qm), ZK_OK);
    assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
    assert_int_equal(n, 20741);
    assert_int_equal(air_sponge_rows(n), 25930);
    stark_air a;
    assert_int_equal(air_model_hash_new(&a, e, n), ZK_OK);
    assert_memory_equal(a.pub, d, sizeof d);
    assert_int_equal(a.n_rows, 32768);
    gl_t *t = zk_stark_full_trace(&a);
    expect_ok(&a, t);
    /* The fixed root the AIR caches for this statement is the one the
     * fixed columns give. */
    hash_digest root;
    assert_int_equal(a.fixed_root_log_blowup, 3);
    assert_int_equal(stark_air_fixed_root(&root, &a, 3), ZK_OK);
    if (memcmp(root.b, a.fixed_root.b, HASH_BYTES) != 0) {
        char hex[2 * HASH_BYTES + 1];
        fail_msg("the cached fixed root is not %s", zk_hex_encode(hex, root.b, HASH_BYTES));
    }
    print_message("# model-hash: %zu rows × %zu main + %zu fixed + %zu aux (extension) columns\n",
                  a.n_rows, a.n_main, a.n_fixed, a.n_aux);
    /* One element of the trace's memory changed: rejected. */
    size_t w = stark_air_row_width(&a);
    t[12345 * w + ELEM] ^= 1;
    expect_fail(&a, t, a.n_rows - 1, "LogUp sum closes at 0");
    zk_free(t);
    stark_air_free(&a);
    zk_free_secret(e, n, sizeof *e);
    nn_qmodel_free(g_qm);
}

/* Proves and verifies; through the registry from the statement alone; a
 * tampered trace and a wrong digest fail verification. */
static void test_prove_verify(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "model-hash");
    gl_t e[41];
    elements(e, 41, 7);
    stark_air a, v;
    assert_int_equal(air_model_hash_new(&a, e, 41), ZK_OK);
    assert_int_equal(a.n_rows, 64);
    stark_options o = zk_stark_small_options();
    zk_stark_prove_verify(&a, &o, &rng);
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    uint64_t params[1] = {41};
    assert_int_equal(stark_air_from_statement(&v, "model-hash", params, 1, a.pub, 4), ZK_OK);
    assert_int_equal(stark_verify(&p, &v, ANY_LEVEL, NULL), ZK_OK);
    /* The proof for another digest (the proof records its statement). */
    v.pub[0] = gl_add(v.pub[0], 1);
    assert_int_equal(stark_verify(&p, &v, ANY_LEVEL, NULL), ZK_EINVAL);
    p.pub[0] = v.pub[0];
    assert_int_equal(stark_verify(&p, &v, ANY_LEVEL, NULL), ZK_EVERIFY);
    stark_air_free(&v);
    stark_proof_free(&p);
    params[0] = 0;
    assert_int_equal(stark_air_from_statement(&v, "model-hash", params, 1, a.pub, 4), ZK_EINVAL);
    params[0] = 41;
    assert_int_equal(stark_air_from_statement(&v, "model-hash", params, 1, a.pub, 3), ZK_EINVAL);
    /* A changed element of the memory: the prover refuses, a forced proof fails. */
    stark_air_vt vt;
    zk_stark_tamper(&a, &vt, 4, ELEM);
    zk_stark_rejected(&a, a.n_rows - 1, "LogUp sum closes at 0", &rng);
    zk_stark_tamper(&a, &vt, 4, SP_XF + 5);
    zk_stark_rejected(&a, 4, "sponge XF5 = TF5^2 (IN5 + RC5)", &rng);
    zk_stark_untamper(&a);
    stark_air_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_lengths),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_initial_and_carried),
        cmocka_unit_test(test_prove_verify),
        cmocka_unit_test(test_shipped_model),
    };
    return ZK_RUN_TESTS(tests);
}
