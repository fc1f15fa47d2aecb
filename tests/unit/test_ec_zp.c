/* Curves over GMP prime fields: the group law checked exhaustively on a small
 * curve, secp256k1's published points, and bad parameters refused. */
#include "zk_test.h"

#include <stdlib.h>

#include "curve/ec_zp.h"

/* y^2 = x^3 + 2x + 3 over F_97: every point, found by brute force. */
static int all_points(const ec_zp_curve *c, ec_zp_point *pts, int max)
{
    int n = 0;
    ec_zp_point_set_inf(&pts[n++]);
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    unsigned long p = mpz_get_ui(c->f.p);
    for (unsigned long xi = 0; xi < p; xi++) {
        for (unsigned long yi = 0; yi < p; yi++) {
            mpz_set_ui(x, xi);
            mpz_set_ui(y, yi);
            if (ec_zp_point_set_xy(c, &pts[n], x, y) == ZK_OK) {
                assert_true(n + 1 < max);
                n++;
            }
        }
    }
    mpz_clears(x, y, NULL);
    return n;
}

static int index_of(const ec_zp_point *pts, int n, const ec_zp_point *q)
{
    for (int i = 0; i < n; i++)
        if (ec_zp_eq(&pts[i], q))
            return i;
    return -1;
}

static void test_group_law_exhaustive(void **state)
{
    (void)state;
    ec_zp_curve c;
    /* (3, 6): 6^2 = 36 = 27 + 6 + 3. Its order, found below, is checked by init. */
    assert_int_equal(ec_zp_curve_init(&c, "toy97", "97", "2", "3", "3", "6", "5", "1"), ZK_OK);
    enum { MAX = 200 };
    ec_zp_point pts[MAX], r, s, t;
    for (int i = 0; i < MAX; i++)
        ec_zp_point_init(&pts[i]);
    ec_zp_point_init(&r);
    ec_zp_point_init(&s);
    ec_zp_point_init(&t);
    int n = all_points(&c, pts, MAX);
    /* Hasse: |#E - (p + 1)| <= 2 sqrt(p). */
    assert_true(n >= 98 - 19 && n <= 98 + 19);
    for (int i = 0; i < n; i++) {
        assert_true(ec_zp_on_curve(&c, &pts[i]));
        ec_zp_neg(&c, &r, &pts[i]);
        ec_zp_add(&c, &s, &pts[i], &r);
        assert_true(s.inf);                               /* P + (-P) = O */
        ec_zp_dbl(&c, &s, &pts[i]);
        ec_zp_add(&c, &t, &pts[i], &pts[i]);
        assert_true(ec_zp_eq(&s, &t));                    /* 2P = P + P */
        mpz_t k;
        mpz_init_set_ui(k, (unsigned long)n);
        ec_zp_mul(&c, &s, &pts[i], k);
        assert_true(s.inf);                               /* #E·P = O */
        mpz_set_si(k, -3);
        ec_zp_mul(&c, &s, &pts[i], k);
        ec_zp_add(&c, &t, &pts[i], &pts[i]);
        ec_zp_add(&c, &t, &t, &pts[i]);
        ec_zp_neg(&c, &t, &t);
        assert_true(ec_zp_eq(&s, &t));                    /* (-3)P = -(P+P+P) */
        mpz_clear(k);
        for (int j = 0; j < n; j++) {
            ec_zp_add(&c, &r, &pts[i], &pts[j]);
            assert_true(index_of(pts, n, &r) >= 0);       /* closed */
            ec_zp_add(&c, &s, &pts[j], &pts[i]);
            assert_true(ec_zp_eq(&r, &s));                /* commutative */
        }
    }
    /* Associativity on every triple of a sample of points. */
    for (int i = 0; i < n; i += 3)
        for (int j = 0; j < n; j += 2)
            for (int k = 0; k < n; k++) {
                ec_zp_add(&c, &r, &pts[i], &pts[j]);
                ec_zp_add(&c, &r, &r, &pts[k]);
                ec_zp_add(&c, &s, &pts[j], &pts[k]);
                ec_zp_add(&c, &s, &pts[i], &s);
                assert_true(ec_zp_eq(&r, &s));
            }
    for (int i = 0; i < MAX; i++)
        ec_zp_point_clear(&pts[i]);
    ec_zp_point_clear(&r);
    ec_zp_point_clear(&s);
    ec_zp_point_clear(&t);
    ec_zp_curve_clear(&c);
}

/* 2G and 3G of secp256k1 as published (e.g. in SEC 2 derived test lists). */
static void test_secp256k1(void **state)
{
    (void)state;
    ec_zp_curve c;
    assert_int_equal(ec_zp_curve_secp256k1(&c), ZK_OK);
    ec_zp_point r;
    ec_zp_point_init(&r);
    mpz_t k, x;
    mpz_inits(k, x, NULL);
    mpz_set_ui(k, 2);
    ec_zp_mul(&c, &r, &c.g, k);
    mpz_set_str(x, "c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5", 16);
    ZK_ASSERT_MPZ_EQ(r.x, x);
    mpz_set_str(x, "1ae168fea63dc339a3c58419466ceaeef7f632653266d0e1236431a950cfe52a", 16);
    ZK_ASSERT_MPZ_EQ(r.y, x);
    mpz_set_ui(k, 3);
    ec_zp_mul(&c, &r, &c.g, k);
    mpz_set_str(x, "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9", 16);
    ZK_ASSERT_MPZ_EQ(r.x, x);
    /* (n - 1)·G = -G. */
    mpz_sub_ui(k, c.n, 1);
    ec_zp_mul(&c, &r, &c.g, k);
    ec_zp_neg(&c, &r, &r);
    assert_true(ec_zp_eq(&r, &c.g));
    mpz_clears(k, x, NULL);
    ec_zp_point_clear(&r);
    ec_zp_curve_clear(&c);
}

static void test_bad_parameters(void **state)
{
    (void)state;
    ec_zp_curve c;
    assert_int_equal(ec_zp_curve_init(&c, "x", "91", "2", "3", "3", "6", "5", "1"), ZK_ENOTPRIME);
    assert_int_equal(ec_zp_curve_init(&c, "x", "97", "0", "0", "0", "0", "5", "1"), ZK_EINVAL);
    assert_int_equal(ec_zp_curve_init(&c, "x", "97", "2", "3", "3", "7", "5", "1"), ZK_ENOTONCURVE);
    assert_int_equal(ec_zp_curve_init(&c, "x", "97", "2", "3", "3", "6", "7", "1"), ZK_ENOTONCURVE);
    assert_int_equal(ec_zp_curve_init(&c, "x", "97", "2", "3", "3", "6", "5x", "1"), ZK_EPARSE);
    assert_int_equal(ec_zp_curve_init(&c, "x", "97", "200", "3", "3", "6", "5", "1"), ZK_ENONCANONICAL);
    ec_zp_curve_secp256k1(&c);
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    ec_zp_point p;
    ec_zp_point_init(&p);
    mpz_set(x, c.f.p);
    assert_int_equal(ec_zp_point_set_xy(&c, &p, x, y), ZK_ENONCANONICAL);
    mpz_set_ui(x, 1);
    mpz_set_ui(y, 1);
    assert_int_equal(ec_zp_point_set_xy(&c, &p, x, y), ZK_ENOTONCURVE);
    assert_true(p.inf);   /* unchanged */
    ec_zp_point_clear(&p);
    mpz_clears(x, y, NULL);
    ec_zp_curve_clear(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_law_exhaustive),
        cmocka_unit_test(test_secp256k1),
        cmocka_unit_test(test_bad_parameters),
    };
    return ZK_RUN_TESTS(tests);
}
