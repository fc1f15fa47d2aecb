/* The engine pieces lessons 05, 06 and 19 call: flattening a polynomial into
 * gates (checked against the gates of Vitalik Buterin's "Quadratic
 * Arithmetic Programs: from Zero to Hero"), its R1CS and the row-by-row check
 * that lights up the failing constraint, and wire names of compiled
 * circuits. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/flatten.h"
#include "circuit/r1cs_view.h"

static void test_flatten_cubic(void **state)
{
    (void)state;
    flat_circuit fc;
    assert_int_equal(flat_parse(&fc, "x^3 + x + 5", NULL, NULL), ZK_OK);
    static const char *const want[] = {"sym_1 = x * x", "sym_2 = sym_1 * x", "sym_3 = sym_2 + x",
                                       "out = sym_3 + 5"};
    assert_int_equal(fc.n_gates, 4);
    for (size_t i = 0; i < 4; i++) {
        char buf[80];
        flat_gate_text(&fc, i, buf, sizeof buf);
        assert_string_equal(buf, want[i]);
    }
    assert_int_equal(fc.n_vars, 6);
    fr_t x, w[6];
    fr_from_u64(&x, 3);
    flat_eval(&fc, &x, w);
    static const uint64_t witness[6] = {1, 3, 35, 9, 27, 30};
    for (int i = 0; i < 6; i++) {
        fr_t v;
        fr_from_u64(&v, witness[i]);
        assert_true(fr_eq(&w[i], &v));
    }
    r1cs s;
    assert_int_equal(flat_to_r1cs(&fc, &s), ZK_OK);
    assert_int_equal(s.n_rows, 4);
    assert_int_equal(s.n_wires, 6);
    r1cs_row_check rc[4];
    assert_int_equal(r1cs_check_rows(&s, w, rc), 4);
    /* The article's matrices, row 3: A = [5,0,0,0,0,1], B = [1,0,...], C = out. */
    fr_t k;
    r1cs_coef_at(&s, 3, 0, 0, &k);
    fr_t five;
    fr_from_u64(&five, 5);
    assert_true(fr_eq(&k, &five));
    r1cs_coef_at(&s, 3, 2, 2, &k);
    assert_true(fr_is_one(&k));
    /* Edit sym_1: rows 0 and 1 fail, the first failing is 0. */
    fr_from_u64(&w[3], 10);
    assert_int_equal(r1cs_check_rows(&s, w, rc), 0);
    assert_false(rc[0].holds);
    assert_false(rc[1].holds);
    assert_true(rc[2].holds && rc[3].holds);
    const char *names[6];
    for (int i = 0; i < 6; i++)
        names[i] = fc.names[i];
    char *text = r1cs_render(&s, names, w);
    assert_non_null(text);
    assert_non_null(strstr(text, "sym_1"));
    assert_non_null(strstr(text, "row 0: 3 * 3 = 10  FAILS"));
    assert_non_null(strstr(text, "row 3: 35 * 1 = 35  holds"));
    free(text);
    r1cs_free(&s);
}

static void test_flatten_other_polynomials(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "flatten");
    static const char *const exprs[] = {"x", "7", "x^5", "(x + 1) * (x - 2) + x^2", "-x * 3 - 4",
                                        "x**2 - 2*x + 1", "((x))"};
    for (size_t e = 0; e < sizeof exprs / sizeof exprs[0]; e++) {
        flat_circuit fc;
        assert_int_equal(flat_parse(&fc, exprs[e], NULL, NULL), ZK_OK);
        r1cs s;
        assert_int_equal(flat_to_r1cs(&fc, &s), ZK_OK);
        for (int t = 0; t < 5; t++) {
            fr_t x, w[FLAT_MAX_GATES + 3];
            fr_random(&x, &rng);
            flat_eval(&fc, &x, w);
            assert_int_equal(r1cs_check(&s, w, NULL), ZK_OK);
            /* out against the polynomial evaluated directly */
            fr_t want, t1, t2, one;
            fr_one(&one);
            switch (e) {
            case 0: case 6: want = x; break;
            case 1: fr_from_u64(&want, 7); break;
            case 2: fr_pow_u64(&want, &x, 5); break;
            case 3:
                fr_add(&t1, &x, &one);
                fr_from_u64(&t2, 2);
                fr_sub(&t2, &x, &t2);
                fr_mul(&want, &t1, &t2);
                fr_sqr(&t1, &x);
                fr_add(&want, &want, &t1);
                break;
            case 4:
                fr_from_u64(&t1, 3);
                fr_mul(&want, &x, &t1);
                fr_neg(&want, &want);
                fr_from_u64(&t1, 4);
                fr_sub(&want, &want, &t1);
                break;
            default:
                fr_sub(&want, &x, &one);
                fr_sqr(&want, &want);
            }
            assert_true(fr_eq(&w[2], &want));
        }
        r1cs_free(&s);
    }
    flat_circuit fc;
    assert_int_equal(flat_parse(&fc, "x^2", NULL, NULL), ZK_OK);
    assert_int_equal(fc.n_gates, 1);
    char msg[128];
    size_t at;
    assert_int_equal(flat_parse(&fc, "x + * 2", msg, &at), ZK_EPARSE);
    assert_int_equal(at, 4);
    assert_int_equal(flat_parse(&fc, "x + y", msg, &at), ZK_EPARSE);
    assert_int_equal(flat_parse(&fc, "(x + 1", msg, &at), ZK_EPARSE);
    assert_int_equal(flat_parse(&fc, "x^0", msg, &at), ZK_EPARSE);
    assert_int_equal(flat_parse(&fc, "x^200", msg, &at), ZK_EOVERFLOW);
    assert_int_equal(flat_parse(&fc, "x^40 * x^40", msg, &at), ZK_EOVERFLOW);
}

/* Issue 13: each '-' recursed with no bound, so a long run of them
 * overflowed the stack. */
static void test_flatten_minus_chain(void **state)
{
    (void)state;
    size_t n = 200000;
    char *s = malloc(n + 2);
    assert_non_null(s);
    memset(s, '-', n);
    s[n] = 'x';
    s[n + 1] = 0;
    flat_circuit fc;
    char msg[128];
    size_t at;
    assert_int_equal(flat_parse(&fc, s, msg, &at), ZK_EPARSE);
    assert_non_null(strstr(msg, "'-'"));
    free(s);
    assert_int_equal(flat_parse(&fc, "---x + 1", msg, &at), ZK_OK);
}

static void test_wire_names_of_compiled_cubic(void **state)
{
    (void)state;
    const char *dirs[] = {"circuits"};
    circom_options o = {.include_dirs = dirs, .n_include_dirs = 1, .inputs_json = "{\"x\": 3}"};
    circom_circuit c;
    assert_int_equal(circom_compile_file(&c, "circuits/lessons/cubic.circom", &o), ZK_OK);
    char **names;
    assert_int_equal(circom_wire_names(&c, &names), ZK_OK);
    assert_int_equal(c.sys.n_wires, 5);
    static const char *const want[] = {"one", "main.out", "main.x", "main.x2", "main.x3"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(names[i], want[i]);
    char *text = r1cs_render(&c.sys, (const char *const *)names, c.witness);
    assert_non_null(text);
    assert_non_null(strstr(text, "main.x2"));
    assert_null(strstr(text, "FAILS"));
    free(text);
    r1cs_free_names(names, c.sys.n_wires);
    circom_circuit_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flatten_cubic),
        cmocka_unit_test(test_flatten_other_polynomials),
        cmocka_unit_test(test_flatten_minus_chain),
        cmocka_unit_test(test_wire_names_of_compiled_cubic),
    };
    return ZK_RUN_TESTS(tests);
}
