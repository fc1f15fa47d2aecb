/* The labs' engine (lesson/lab.h), checked against facts found without
 * it: the circuits that ship with a main are listed and the template
 * libraries are not; cubic.circom's one input x is private and valued 3
 * from cubic.input.json, and its witness gives out = 3³ + 3 + 5 = 35;
 * dot_product's inputs are in[0..2] (public, listed first) then the
 * private weights, flattened in circom's order; a value that is not a
 * number is refused by name; the Groth16 pipeline on the key it sets up
 * verifies, and the same proof with any public signal changed by one does
 * not; a STARK proven and verified reports the FRI layers its layout
 * implies (each a folding factor smaller, the remainder as long as the
 * layout says), a bit flipped anywhere in it is refused, a cancel stops
 * it, and a range check wider than its trace is refused with a reason.
 * Run from the repository root. */
#include "zk_test.h"

#include <stdio.h>
#include <string.h>

#include "lesson/lab.h"

/* A circuit of circuits/lessons/ by its name, at --O1; it must open. */
static void open_circuit(lesson_lab_circuit *lc, const char *name)
{
    char path[128], why[LESSON_LAB_WHY_MAX];
    snprintf(path, sizeof path, "circuits/lessons/%s.circom", name);
    zk_err err = lesson_lab_circuit_open(lc, path, 1, NULL, why, sizeof why);
    if (err)
        print_message("%s: %s\n", path, why);
    assert_int_equal(err, ZK_OK);
}

static void test_list(void **state)
{
    (void)state;
    lesson_lab_circuit_file *f;
    size_t n;
    assert_int_equal(lesson_lab_circuit_list(&f, &n), ZK_OK);
    bool cubic = false, bitify = false;
    for (size_t i = 0; i < n; i++) {
        cubic |= strcmp(f[i].rel, "lessons/cubic.circom") == 0;
        bitify |= strcmp(f[i].rel, "bitify.circom") == 0;
        if (i)
            assert_true(strchr(f[i - 1].rel, '/') == NULL || strchr(f[i].rel, '/') != NULL);
    }
    assert_true(cubic);
    assert_false(bitify);   /* a library: no main */
    zk_free(f);
}

static void test_cubic(void **state)
{
    (void)state;
    lesson_lab_circuit lc;
    char why[LESSON_LAB_WHY_MAX];
    open_circuit(&lc, "cubic");
    assert_int_equal(lc.n_inputs, 1);
    assert_string_equal(lc.inputs[0].name, "x");
    assert_false(lc.inputs[0].is_public);
    assert_string_equal(lc.inputs[0].value, "3");
    assert_non_null(strstr(lc.example, "cubic.input.json"));
    char *json;
    assert_int_equal(lesson_lab_circuit_json(&json, &lc, why, sizeof why), ZK_OK);
    assert_string_equal(json, "{\"x\": \"3\"}");
    zk_free(json);
    fr_t *w, want;
    assert_int_equal(lesson_lab_circuit_witness(&w, &lc, why, sizeof why), ZK_OK);
    fr_from_u64(&want, 35);
    assert_true(fr_eq(&w[1], &want));   /* out, the one public signal */
    zk_free(w);
    /* x = -2: out = -8 - 2 + 5 = -5, the negative of 5 mod r. */
    snprintf(lc.inputs[0].value, sizeof lc.inputs[0].value, "-2");
    assert_int_equal(lesson_lab_circuit_witness(&w, &lc, why, sizeof why), ZK_OK);
    fr_from_u64(&want, 5);
    fr_neg(&want, &want);
    assert_true(fr_eq(&w[1], &want));
    zk_free(w);
    snprintf(lc.inputs[0].value, sizeof lc.inputs[0].value, "3x");
    assert_int_equal(lesson_lab_circuit_json(&json, &lc, why, sizeof why), ZK_EPARSE);
    assert_non_null(strstr(why, "x must be a whole number"));
    lesson_lab_circuit_close(&lc);
}

static void test_arrays(void **state)
{
    (void)state;
    lesson_lab_circuit lc;
    char why[LESSON_LAB_WHY_MAX];
    open_circuit(&lc, "dot_product");
    assert_int_equal(lc.n_inputs, 6);
    static const char *const names[] = {"in[0]", "in[1]", "in[2]",
                                        "weights[0]", "weights[1]", "weights[2]"};
    static const char *const vals[] = {"1", "2", "3", "2", "3", "3"};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(lc.inputs[i].name, names[i]);
        assert_string_equal(lc.inputs[i].value, vals[i]);
        assert_int_equal(lc.inputs[i].is_public, i < 3);
    }
    char *json;
    assert_int_equal(lesson_lab_circuit_json(&json, &lc, why, sizeof why), ZK_OK);
    assert_string_equal(json,
                        "{\"in\": [\"1\", \"2\", \"3\"], \"weights\": [\"2\", \"3\", \"3\"]}");
    zk_free(json);
    fr_t *w, want;
    assert_int_equal(lesson_lab_circuit_witness(&w, &lc, why, sizeof why), ZK_OK);
    fr_from_u64(&want, 1 * 2 + 2 * 3 + 3 * 3);
    assert_true(fr_eq(&w[1], &want));
    zk_free(w);
    lesson_lab_circuit_close(&lc);
    /* Two dimensions, flattened row by row: out = ReLU(W·in + b). */
    open_circuit(&lc, "linear_relu");
    assert_string_equal(lc.inputs[3].name, "weights[0][0]");
    assert_string_equal(lc.inputs[5].value, "2");    /* weights[0][2] */
    assert_string_equal(lc.inputs[7].value, "-1");   /* weights[1][1] */
    assert_int_equal(lesson_lab_circuit_witness(&w, &lc, why, sizeof why), ZK_OK);
    fr_from_u64(&want, 1 + 2 * 3 + 4);               /* 11 */
    assert_true(fr_eq(&w[1], &want));
    fr_zero(&want);                                 /* -2 + 3 - 20 < 0 */
    assert_true(fr_eq(&w[2], &want));
    zk_free(w);
    lesson_lab_circuit_close(&lc);
}

static void test_groth16(void **state)
{
    (void)state;
    lesson_lab_circuit lc;
    lesson_lab_groth16 g;
    char why[LESSON_LAB_WHY_MAX];
    lesson_lab_groth16_init(&g);
    open_circuit(&lc, "dot_product");
    assert_int_equal(lesson_lab_groth16_prove(&g, &lc, NULL, why, sizeof why), ZK_EINVAL);
    assert_int_equal(lesson_lab_groth16_setup(&g, &lc, NULL, why, sizeof why), ZK_OK);
    assert_int_equal(lesson_lab_groth16_prove(&g, &lc, NULL, why, sizeof why), ZK_OK);
    assert_true(g.proved && g.valid);
    assert_int_equal(g.n_pub, 4);   /* out, in[0..2] */
    assert_non_null(strstr(g.proof_json, "\"protocol\":\t\"groth16\""));
    for (size_t i = 0; i < g.n_pub; i++) {
        bool ok = true;
        fr_t changed, one;
        fr_one(&one);
        assert_int_equal(lesson_lab_groth16_verify_tampered(&ok, &changed, &g, i), ZK_OK);
        assert_false(ok);
        fr_sub(&changed, &changed, &one);
        assert_true(fr_eq(&changed, &g.pub[i]));
    }
    /* Inputs that break no constraint but differ give another statement. */
    snprintf(lc.inputs[3].value, sizeof lc.inputs[3].value, "17");
    snprintf(lc.inputs[4].value, sizeof lc.inputs[4].value, "0");
    snprintf(lc.inputs[5].value, sizeof lc.inputs[5].value, "0");
    assert_int_equal(lesson_lab_groth16_prove(&g, &lc, NULL, why, sizeof why), ZK_OK);
    assert_true(g.valid);
    fr_t want;
    fr_from_u64(&want, 17);
    assert_true(fr_eq(&g.pub[0], &want));
    lesson_lab_groth16_free(&g);
    lesson_lab_circuit_close(&lc);
}

static bool stop_at_fri(void *user, const zk_event *ev)
{
    (void)user;
    return !(ev->kind == ZK_EV_BEGIN && ev->phase && strcmp(ev->phase, "fri") == 0);
}

static void test_stark(void **state)
{
    (void)state;
    lesson_lab_stark_config cfg;
    lesson_lab_stark r = {0};
    char why[LESSON_LAB_WHY_MAX];
    lesson_lab_stark_config_default(&cfg);
    assert_string_equal(stark_air_names[cfg.air], "fibonacci");
    cfg.rows = 4096;
    cfg.opt.grinding = 0;
    cfg.opt.log_folding = 2;
    assert_int_equal(lesson_lab_stark_run(&r, &cfg, NULL, why, sizeof why), ZK_OK);
    assert_true(r.valid);
    assert_int_equal(r.folding, 4);
    assert_true(r.n_layers >= 2);
    assert_int_equal(r.n_layers, r.layout.fri_layers);
    assert_int_equal(r.layers[0].points, r.layout.lde);
    assert_int_equal(r.layers[0].degree, r.layout.d);
    for (size_t i = 1; i < r.n_layers; i++) {
        assert_int_equal(r.layers[i].points * 4, r.layers[i - 1].points);
        assert_int_equal(r.layers[i].degree, (r.layers[i - 1].degree + 3) / 4);
    }
    assert_int_equal(r.remainder, r.layout.fri_rem);
    /* The verifier's estimate, as `stark verify` computes it. */
    stark_security sec;
    stark_security_of(&sec, &r.layout, &cfg.opt);
    assert_int_equal(r.sec.conjectured, sec.conjectured);
    assert_int_equal(r.min_bits, sec.conjectured < 100 ? sec.conjectured : 100);
    bool named[4] = {false};
    for (size_t k = 0; k < 64; k++) {
        int rc = 0;
        size_t at = r.proof_len * (2 * k + 1) / 128;
        assert_int_equal(lesson_lab_stark_tamper(&rc, why, sizeof why, &r, at), ZK_OK);
        assert_true(rc == 1 || rc == 2);
        named[rc] = true;
        assert_true(why[0] != '\0');
    }
    assert_true(named[1]);   /* most flips break a check, not the format */
    assert_int_equal(lesson_lab_stark_tamper(&(int){0}, why, sizeof why, &r, r.proof_len),
                     ZK_EINVAL);
    zk_events stop = {stop_at_fri, NULL};
    assert_int_equal(lesson_lab_stark_run(&r, &cfg, &stop, why, sizeof why), ZK_ECANCELLED);
    cfg.air = 3;   /* range-check */
    assert_string_equal(stark_air_names[cfg.air], "range-check");
    cfg.rows = 64;
    cfg.bits = 8;
    assert_int_equal(lesson_lab_stark_run(&r, &cfg, NULL, why, sizeof why), ZK_EINVAL);
    assert_non_null(strstr(why, "2^bits <= rows"));
    lesson_lab_stark_free(&r);
}

/* The lab offers exactly the registry's AIRs it can build from a row count:
 * each one it offers builds with the default rows, each one it skips does
 * not (they need the shipped model), and the four it is made for are
 * offered. */
static void test_stark_buildable(void **state)
{
    (void)state;
    size_t offered = 0;
    for (size_t air = 0; air < stark_air_count; air++) {
        lesson_lab_stark_config cfg;
        lesson_lab_stark_config_default(&cfg);
        cfg.air = air;
        stark_air a;
        char why[128];
        zk_err err = lesson_lab_stark_air(&a, &cfg, why, sizeof why);
        if (err == ZK_OK)
            stark_air_free(&a);
        if (lesson_lab_stark_buildable(air) != (err == ZK_OK))
            fail_msg("%s: offered %d, builds %d", stark_air_names[air],
                     lesson_lab_stark_buildable(air), err == ZK_OK);
        offered += lesson_lab_stark_buildable(air);
    }
    assert_int_equal(offered, 4);
    assert_false(lesson_lab_stark_buildable(stark_air_count));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_cubic),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_groth16),
        cmocka_unit_test(test_stark),
        cmocka_unit_test(test_stark_buildable),
    };
    return ZK_RUN_TESTS(tests);
}
