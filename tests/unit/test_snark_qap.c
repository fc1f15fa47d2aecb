/* QAPs: Vitalik Buterin's worked example (its published polynomials, as
 * exact fractions in Fr), the same circuit over the toy field F_13, bad
 * witnesses against Schwartz–Zippel, and the NTT path over snarkjs's domain
 * against schoolbook arithmetic on GMP. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#include "circuit/flatten.h"
#include "poly/zp_poly.h"
#include "snark/qap.h"

static void fr_modulus(mpz_t p)
{
    mpz_import(p, 4, -1, sizeof(uint64_t), 0, 0, fr_params.p);
}

static fr_t *alloc_fr(size_t n)
{
    fr_t *a = zk_calloc(n, sizeof *a);
    assert_non_null(a);
    return a;
}

/* A small coefficient of a circuit as a signed integer (|c| < 2^31). */
static long small_signed(const fr_t *c)
{
    char dec[MONT256_DEC_MAX];
    if (strlen(fr_to_dec(dec, c)) < 10)
        return strtol(dec, NULL, 10);
    fr_t neg;
    fr_neg(&neg, c);
    return -strtol(fr_to_dec(dec, &neg), NULL, 10);
}

/* v = num/den in f. */
static void frac(const zp_field *f, mpz_t v, long num, long den)
{
    mpz_t d;
    mpz_init_set_si(d, den);
    zp_reduce(f, d, d);
    assert_int_equal(zp_inv(f, d, d), ZK_OK);
    mpz_set_si(v, num);
    zp_reduce(f, v, v);
    zp_mul(f, v, v, d);
    mpz_clear(d);
}

/* Asserts p (len coefficients) = nums[k]/dens[k]. */
static void assert_poly(const zp_field *f, mpz_t *p, size_t len, const long *nums, const long *dens)
{
    mpz_t v;
    mpz_init(v);
    for (size_t k = 0; k < len; k++) {
        frac(f, v, nums[k], dens[k]);
        ZK_ASSERT_MPZ_EQ(p[k], v);
    }
    mpz_clear(v);
}

static void cubic_qap(qap *q, flat_circuit *fc, const mpz_t p)
{
    assert_int_equal(flat_parse(fc, "x^3 + x + 5", NULL, NULL), ZK_OK);
    r1cs s;
    assert_int_equal(flat_to_r1cs(fc, &s), ZK_OK);
    assert_int_equal(qap_init(q, &s, p, NULL), ZK_OK);
    r1cs_free(&s);
}

static void witness(const qap *q, const flat_circuit *fc, mpz_t *w, uint64_t x)
{
    fr_t xf, wf[FLAT_MAX_GATES + 3];
    fr_from_u64(&xf, x);
    flat_eval(fc, &xf, wf);
    qap_witness_from_fr(q, w, wf);
}

/* "Quadratic Arithmetic Programs: from Zero to Hero", the QAP section: the
 * A, B and C polynomials of wires [one, x, out, sym_1, y, sym_2], then
 * A·B - C = [-88, 592.666, -1063.777, 805.833, -294.777, 51.5, -3.444] and
 * h = [-3.666, 17.055, -3.444] for x = 3 — here as exact fractions. */
static void test_article_example(void **state)
{
    (void)state;
    mpz_t p;
    mpz_init(p);
    fr_modulus(p);
    qap q;
    flat_circuit fc;
    cubic_qap(&q, &fc, p);
    assert_int_equal(q.m, 4);
    assert_int_equal(q.n, 6);
    static const long a_num[6][4] = {{-5, 55, -5, 5}, {8, -34, 5, -2}, {0, 0, 0, 0},
                                     {-6, 19, -4, 1}, {4, -7, 7, -1}, {-1, 11, -1, 1}};
    static const long a_den[6][4] = {{1, 6, 1, 6}, {1, 3, 1, 3}, {1, 1, 1, 1},
                                     {1, 2, 1, 2}, {1, 1, 2, 2}, {1, 6, 1, 6}};
    static const long b_num[2][4] = {{3, -31, 5, -1}, {-2, 31, -5, 1}};
    static const long b_den[2][4] = {{1, 6, 2, 3}, {1, 6, 2, 3}};
    static const long c_num[6][4] = {{0, 0, 0, 0}, {0, 0, 0, 0}, {-1, 11, -1, 1},
                                     {4, -13, 3, -1}, {-6, 19, -4, 1}, {4, -7, 7, -1}};
    static const long c_den[6][4] = {{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 6, 1, 6},
                                     {1, 3, 2, 6}, {1, 2, 1, 2}, {1, 1, 2, 2}};
    static const long zero[4] = {0, 0, 0, 0}, ones[4] = {1, 1, 1, 1};
    for (size_t j = 0; j < 6; j++) {
        assert_poly(&q.f, qap_column(&q, 0, j), 4, a_num[j], a_den[j]);
        assert_poly(&q.f, qap_column(&q, 1, j), 4, j < 2 ? b_num[j] : zero, j < 2 ? b_den[j] : ones);
        assert_poly(&q.f, qap_column(&q, 2, j), 4, c_num[j], c_den[j]);
    }
    static const long t_num[5] = {24, -50, 35, -10, 1}, t_den[5] = {1, 1, 1, 1, 1};
    assert_poly(&q.f, q.t, 5, t_num, t_den);

    mpz_t *w = zp_poly_new(q.n);
    witness(&q, &fc, w, 3);
    qap_sol sol;
    assert_int_equal(qap_solve(&sol, &q, w), ZK_OK);
    assert_true(sol.exact);
    static const long p_num[7] = {-88, 1778, -9574, 4835, -2653, 103, -31};
    static const long p_den[7] = {1, 3, 9, 6, 9, 2, 9};
    assert_poly(&q.f, sol.p, 7, p_num, p_den);
    static const long h_num[3] = {-11, 307, -31}, h_den[3] = {3, 18, 9};
    assert_poly(&q.f, sol.h, 3, h_num, h_den);
    char buf[160];
    assert_string_equal(zp_poly_str(&q.f, buf, sizeof buf, sol.h, 3, "x"),
                        "(-31/9)x^2 + (307/18)x - 11/3");
    assert_string_equal(zp_poly_str(&q.f, buf, sizeof buf, q.t, 5, "x"),
                        "x^4 - 10x^3 + 35x^2 - 50x + 24");

    /* Schwartz–Zippel at random points, and at the constraint points. */
    zk_rng rng;
    zk_test_rng(&rng, "qap_article");
    qap_point pt;
    qap_point_init(&pt);
    mpz_t s;
    mpz_init(s);
    for (int i = 0; i < 20; i++) {
        zp_random(&q.f, s, &rng);
        assert_true(qap_check_at(&pt, &q, &sol, s));
    }
    mpz_set_ui(s, 2);
    assert_true(qap_check_at(&pt, &q, &sol, s));
    assert_int_equal(mpz_sgn(pt.t), 0);
    mpz_clear(s);
    qap_point_clear(&pt);
    qap_sol_free(&sol);
    zp_poly_free(w, q.n);
    qap_free(&q);
    mpz_clear(p);
}

/* A witness with sym_1 = 10 breaks rows 1 and 2 (3·3 ≠ 10, 10·3 ≠ 27):
 * t no longer divides P. Over Fr a random point exposes it every time; over
 * F_13 the check passes exactly at the roots of the remainder, which include
 * the points of the rows that still hold (3 and 4) and number at most 3. */
static void test_bad_witness(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "qap_bad");
    for (int field = 0; field < 2; field++) {
        mpz_t p, s;
        mpz_inits(p, s, NULL);
        if (field == 0)
            fr_modulus(p);
        else
            mpz_set_ui(p, 13);
        qap q;
        flat_circuit fc;
        cubic_qap(&q, &fc, p);
        mpz_t *w = zp_poly_new(q.n);
        witness(&q, &fc, w, 3);
        mpz_set_ui(w[3], 10);
        qap_sol sol;
        assert_int_equal(qap_solve(&sol, &q, w), ZK_OK);
        assert_false(sol.exact);
        qap_point pt;
        qap_point_init(&pt);
        if (field == 0) {
            for (int i = 0; i < 20; i++) {
                zp_random(&q.f, s, &rng);
                assert_false(qap_check_at(&pt, &q, &sol, s));
            }
        } else {
            int passes = 0;
            for (unsigned long v = 0; v < 13; v++) {
                mpz_set_ui(s, v);
                bool ok = qap_check_at(&pt, &q, &sol, s);
                mpz_t r;
                mpz_init(r);
                zp_poly_eval(&q.f, r, sol.rem, q.m, s);
                assert_int_equal(ok, mpz_sgn(r) == 0);
                mpz_clear(r);
                passes += ok;
                if (v == 3 || v == 4)
                    assert_true(ok);
                if (v == 1 || v == 2)
                    assert_false(ok);
            }
            assert_true(passes <= 3);
        }
        qap_point_clear(&pt);
        qap_sol_free(&sol);
        zp_poly_free(w, q.n);
        qap_free(&q);
        mpz_clears(p, s, NULL);
    }
}

/* Over F_13, every wire's column takes the matrix entries (reduced mod 13,
 * signed: a -1 of the circuit is 12) at the points, and for each x the QAP
 * is satisfied exactly by the true witness. */
static void test_toy_field(void **state)
{
    (void)state;
    mpz_t p, v, e;
    mpz_inits(p, v, e, NULL);
    mpz_set_ui(p, 13);
    flat_circuit fc;
    assert_int_equal(flat_parse(&fc, "x^2 - 3*x + 40", NULL, NULL), ZK_OK);
    r1cs s;
    assert_int_equal(flat_to_r1cs(&fc, &s), ZK_OK);
    qap q;
    assert_int_equal(qap_init(&q, &s, p, NULL), ZK_OK);
    for (size_t i = 0; i < q.m; i++)
        for (int side = 0; side < 3; side++)
            for (size_t j = 0; j < q.n; j++) {
                uint32_t nt;
                const r1cs_term *t = r1cs_side(&s, i, side, &nt);
                long want = 0;
                for (uint32_t k = 0; k < nt; k++)
                    if (t[k].wire == j)
                        want = small_signed(&s.coefs[t[k].coef]);
                zp_poly_eval(&q.f, v, qap_column(&q, side, j), q.m, q.xs[i]);
                mpz_set_si(e, want);
                mpz_mod_ui(e, e, 13);
                ZK_ASSERT_MPZ_EQ(v, e);
            }
    mpz_t *w = zp_poly_new(q.n);
    for (uint64_t x = 0; x < 13; x++) {
        witness(&q, &fc, w, x);
        qap_sol sol;
        assert_int_equal(qap_solve(&sol, &q, w), ZK_OK);
        assert_true(sol.exact);
        assert_true(zp_poly_degree(sol.h, q.m - 1) <= (long)q.m - 2);
        qap_sol_free(&sol);
        /* Changing out alone breaks exactly the last row. */
        mpz_add_ui(w[2], w[2], 1);
        mpz_mod_ui(w[2], w[2], 13);
        assert_int_equal(qap_solve(&sol, &q, w), ZK_OK);
        assert_false(sol.exact);
        qap_sol_free(&sol);
    }
    zp_poly_free(w, q.n);
    qap_free(&q);
    /* F_3 has too few points for the default 1..m; 4 is no prime. */
    assert_true(s.n_rows >= 3);
    mpz_set_ui(p, 4);
    assert_int_equal(qap_init(&q, &s, p, NULL), ZK_ENOTPRIME);
    mpz_set_ui(p, 3);
    assert_int_equal(qap_init(&q, &s, p, NULL), ZK_EINVAL);
    r1cs_free(&s);
    mpz_clears(p, v, e, NULL);
}

/* A chain with one public output, one public and one private input:
 * constraint k squares the running value and adds the inputs. */
static void build_chain(r1cs *s, size_t rows)
{
    r1cs_init(s);
    assert_int_equal(r1cs_set_io(s, 1, 1, 1), ZK_OK);
    r1cs_lc a, b, c;
    r1cs_lc_init(&a);
    r1cs_lc_init(&b);
    r1cs_lc_init(&c);
    uint32_t prev = 2;
    for (size_t k = 0; k + 1 < rows; k++) {
        uint32_t nw;
        assert_int_equal(r1cs_new_wire(s, &nw), ZK_OK);
        r1cs_lc_clear(&a);
        r1cs_lc_clear(&b);
        r1cs_lc_clear(&c);
        r1cs_lc_push_i64(&a, prev, 1);
        r1cs_lc_push_i64(&a, 3, (int64_t)k + 1);
        r1cs_lc_push_i64(&b, prev, 1);
        r1cs_lc_push_i64(&b, 0, -7);
        r1cs_lc_push_i64(&c, nw, 1);
        assert_int_equal(r1cs_add(s, &a, &b, &c), ZK_OK);
        assert_int_equal(r1cs_hint_mul(s, nw, &a, &b), ZK_OK);
        prev = nw;
    }
    r1cs_lc_clear(&a);
    r1cs_lc_clear(&b);
    r1cs_lc_clear(&c);
    r1cs_lc_push_i64(&a, prev, 1);
    r1cs_lc_push_i64(&a, 2, 1);
    r1cs_lc_push_i64(&b, 0, 1);
    r1cs_lc_push_i64(&c, 1, 1);
    assert_int_equal(r1cs_add(s, &a, &b, &c), ZK_OK);
    assert_int_equal(r1cs_hint_lc(s, 1, &a), ZK_OK);
    r1cs_lc_free(&a);
    r1cs_lc_free(&b);
    r1cs_lc_free(&c);
}

static void fr_to_mpz(mpz_t r, const fr_t *a)
{
    uint64_t l[4];
    fr_to_int(l, a);
    mpz_import(r, 4, -1, sizeof l[0], 0, 0, l);
}

/* qap_fr_h against the definition: interpolate the evaluations on H with
 * GMP, form A·B - C, divide by x^n - 1 by long division. */
static void test_fr_domain(void **state)
{
    (void)state;
    r1cs s;
    build_chain(&s, 20);
    unsigned log_n;
    assert_int_equal(qap_fr_domain_log(&log_n, &s), ZK_OK);
    assert_int_equal(log_n, 5);   /* 20 + 2 + 1 = 23 → 32 */
    fr_domain d;
    assert_int_equal(fr_domain_init(&d, log_n), ZK_OK);
    size_t n = d.n;
    fr_t *w = alloc_fr(s.n_wires), in[2];
    fr_from_u64(&in[0], 5);
    fr_from_u64(&in[1], 11);
    assert_int_equal(r1cs_solve(&s, w, in, NULL), ZK_OK);
    fr_t *a = alloc_fr(n), *b = alloc_fr(n), *c = alloc_fr(n);
    fr_t *a0 = alloc_fr(n), *b0 = alloc_fr(n), *c0 = alloc_fr(n);
    assert_int_equal(qap_fr_abc(a, b, c, 16, &s, w), ZK_EINVAL);
    assert_int_equal(qap_fr_abc(a, b, c, n, &s, w), ZK_OK);
    /* snarkjs's extra rows: a = w_k for the constant and the public wires. */
    for (size_t k = 0; k < 3; k++)
        assert_true(fr_eq(&a[20 + k], &w[k]));
    assert_true(fr_is_zero(&a[23]));
    memcpy(a0, a, n * sizeof *a);
    memcpy(b0, b, n * sizeof *b);
    memcpy(c0, c, n * sizeof *c);
    fr_t *h = alloc_fr(n);
    qap_fr_h(h, &d, a, b, c);
    assert_true(fr_is_zero(&h[n - 1]));

    /* The GMP oracle. */
    mpz_t p;
    mpz_init(p);
    fr_modulus(p);
    zp_field f;
    char dec[100];
    gmp_snprintf(dec, sizeof dec, "%Zd", p);
    assert_int_equal(zp_field_init(&f, dec), ZK_OK);
    mpz_t *xs = zp_poly_new(n), *ys = zp_poly_new(n), *pa = zp_poly_new(n), *pb = zp_poly_new(n);
    mpz_t *pc = zp_poly_new(n), *pp = zp_poly_new(2 * n - 1), *zn = zp_poly_new(n + 1);
    mpz_t *q = zp_poly_new(n), *rem = zp_poly_new(n);
    fr_t om;
    fr_one(&om);
    for (size_t i = 0; i < n; i++) {
        fr_to_mpz(xs[i], &om);
        fr_mul(&om, &om, &d.omega);
    }
    const fr_t *src[3] = {a0, b0, c0};
    mpz_t *dst[3] = {pa, pb, pc};
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < n; i++)
            fr_to_mpz(ys[i], &src[k][i]);
        assert_int_equal(zp_poly_interpolate(&f, dst[k], xs, ys, n), ZK_OK);
    }
    zp_poly_mul(&f, pp, pa, n, pb, n);
    mpz_t m1;
    mpz_init_set_si(m1, -1);
    zp_reduce(&f, m1, m1);
    zp_poly_add_scaled(&f, pp, pp, 2 * n - 1, pc, n, m1);
    mpz_set(zn[0], m1);
    mpz_set_ui(zn[n], 1);
    bool exact;
    assert_int_equal(zp_poly_divmod(&f, q, rem, pp, 2 * n - 1, zn, n + 1, &exact), ZK_OK);
    assert_true(exact);
    for (size_t i = 0; i < n; i++) {
        mpz_t hv;
        mpz_init(hv);
        fr_to_mpz(hv, &h[i]);
        ZK_ASSERT_MPZ_EQ(hv, q[i]);
        mpz_clear(hv);
    }

    /* Schwartz–Zippel on the fast path; the Lagrange basis sums to one and
     * is an indicator on H; A(s) agrees with the interpolated polynomial. */
    zk_rng rng;
    zk_test_rng(&rng, "qap_fr");
    fr_t sp, *l = alloc_fr(n), sum, as;
    fr_random(&sp, &rng);
    bool ok;
    assert_int_equal(qap_fr_check_at(&ok, &d, a0, b0, c0, h, &sp), ZK_OK);
    assert_true(ok);
    assert_int_equal(qap_fr_lagrange_at(l, &d, &sp), ZK_OK);
    fr_zero(&sum);
    for (size_t i = 0; i < n; i++)
        fr_add(&sum, &sum, &l[i]);
    assert_true(fr_is_one(&sum));
    qap_fr_eval(&as, a0, l, n);
    mpz_t sv, av, want;
    mpz_inits(sv, av, want, NULL);
    fr_to_mpz(sv, &sp);
    fr_to_mpz(av, &as);
    zp_poly_eval(&f, want, pa, n, sv);
    ZK_ASSERT_MPZ_EQ(av, want);
    mpz_clears(sv, av, want, NULL);
    fr_mul(&om, &d.omega, &d.omega);
    fr_mul(&om, &om, &d.omega);   /* ω^3 */
    assert_int_equal(qap_fr_lagrange_at(l, &d, &om), ZK_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fr_is_one(&l[i]), i == 3);

    /* A wrong witness value: the same pipeline yields an h that fails. */
    fr_add(&w[5], &w[5], &sum);
    assert_int_equal(qap_fr_abc(a, b, c, n, &s, w), ZK_OK);
    memcpy(a0, a, n * sizeof *a);
    memcpy(b0, b, n * sizeof *b);
    memcpy(c0, c, n * sizeof *c);
    qap_fr_h(h, &d, a, b, c);
    assert_int_equal(qap_fr_check_at(&ok, &d, a0, b0, c0, h, &sp), ZK_OK);
    assert_false(ok);

    mpz_clears(m1, p, NULL);
    zp_poly_free(xs, n);
    zp_poly_free(ys, n);
    zp_poly_free(pa, n);
    zp_poly_free(pb, n);
    zp_poly_free(pc, n);
    zp_poly_free(pp, 2 * n - 1);
    zp_poly_free(zn, n + 1);
    zp_poly_free(q, n);
    zp_poly_free(rem, n);
    zp_field_clear(&f);
    zk_free(l);
    zk_free(h);
    zk_free(a);
    zk_free(b);
    zk_free(c);
    zk_free(a0);
    zk_free(b0);
    zk_free(c0);
    zk_free(w);
    fr_domain_free(&d);
    r1cs_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_example),
        cmocka_unit_test(test_bad_witness),
        cmocka_unit_test(test_toy_field),
        cmocka_unit_test(test_fr_domain),
    };
    return ZK_RUN_TESTS(tests);
}
