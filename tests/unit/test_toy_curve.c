/* The toy pairing curves: their published facts, the group law exhaustively
 * over F_p, point counts over the extension, and the pairing's bilinearity
 * over every pair of exponents. */
#include "zk_test.h"

#include <string.h>

#include "curve/toy.h"

static void test_fields(void **state)
{
    (void)state;
    toy_field F;
    static const uint64_t t4_plus_1[4] = {1, 0, 0, 0};   /* (t^2 + 5)(t^2 - 5) over F_13 */
    assert_int_equal(toy_field_init(&F, 13, 4, t4_plus_1), ZK_EINVAL);
    static const uint64_t t2_plus_1[2] = {1, 0};   /* 5^2 = -1 mod 13: (t - 5)(t + 5) */
    assert_int_equal(toy_field_init(&F, 13, 2, t2_plus_1), ZK_EINVAL);
    assert_int_equal(toy_field_init(&F, 15, 2, t2_plus_1), ZK_ENOTPRIME);
    static const uint64_t t6_plus_6[6] = {6, 0, 0, 0, 0, 0};
    assert_int_equal(toy_field_init(&F, 43, 6, t6_plus_6), ZK_OK);
    /* Every non-zero element has an inverse and a^(q-1) = 1; Frobenius^6 = id. */
    zk_rng rng;
    zk_test_rng(&rng, "toy_field");
    toy_elt a, b, c;
    toy_elt_init(&a);
    toy_elt_init(&b);
    toy_elt_init(&c);
    mpz_t e;
    mpz_init(e);
    mpz_sub_ui(e, F.q, 1);
    for (int i = 0; i < 200; i++) {
        for (unsigned j = 0; j < F.k; j++)
            zp_set_u64(&F.fp, a.c[j], zk_random_below(&rng, 43));
        if (toy_elt_is_zero(&F, &a))
            continue;
        assert_int_equal(toy_inv(&F, &b, &a), ZK_OK);
        toy_mul(&F, &c, &a, &b);
        assert_true(toy_elt_is_one(&F, &c));
        toy_pow(&F, &c, &a, e);
        assert_true(toy_elt_is_one(&F, &c));
        toy_elt_set(&F, &b, &a);
        for (int k = 0; k < 6; k++)
            toy_frobenius(&F, &b, &b);
        assert_true(toy_elt_eq(&F, &a, &b));
        toy_mul(&F, &b, &a, &a);
        assert_int_equal(toy_sqrt(&F, &c, &b), ZK_OK);
        toy_mul(&F, &c, &c, &c);
        assert_true(toy_elt_eq(&F, &c, &b));
    }
    /* t^6 = -6 = 37 in F_43[t]/(t^6 + 6), and the printed form. */
    toy_elt_set_monomial(&F, &a, 1, 3);
    toy_mul(&F, &b, &a, &a);
    char buf[128];
    assert_string_equal(toy_elt_str(&F, &b, buf, sizeof buf), "37");
    toy_elt_set_monomial(&F, &a, 16, 3);
    toy_elt_set_monomial(&F, &b, 7, 2);
    toy_add(&F, &a, &a, &b);
    assert_string_equal(toy_elt_str(&F, &a, buf, sizeof buf), "16t^3 + 7t^2");
    mpz_clear(e);
    toy_elt_clear(&a);
    toy_elt_clear(&b);
    toy_elt_clear(&c);
    toy_field_clear(&F);
}

/* Every point of E(F_p), found by brute force: the count, closure and the
 * group law's identities, on every pair and on a sample of triples. */
static void check_base_group(const toy_curve *c)
{
    enum { MAX = 64 };
    toy_point pts[MAX], s, t;
    for (int i = 0; i < MAX; i++)
        toy_point_init(&pts[i]);
    toy_point_init(&s);
    toy_point_init(&t);
    int n = 1;   /* pts[0] = O */
    unsigned long p = mpz_get_ui(c->F.fp.p);
    for (unsigned long x = 0; x < p; x++)
        for (unsigned long y = 0; y < p; y++) {
            toy_elt_set_u64(&c->F, &pts[n].x, x);
            toy_elt_set_u64(&c->F, &pts[n].y, y);
            pts[n].inf = false;
            if (toy_on_curve(c, &pts[n])) {
                assert_true(n + 1 < MAX);
                n++;
            }
        }
    pts[n].inf = true;
    assert_int_equal(mpz_cmp_ui(c->n1, (unsigned long)n), 0);
    for (int i = 0; i < n; i++) {
        toy_point_mul_u64(c, &s, &pts[i], (uint64_t)n);
        assert_true(s.inf);
        for (int j = 0; j < n; j++) {
            toy_point_add(c, &s, &pts[i], &pts[j]);
            assert_true(toy_on_curve(c, &s));
            toy_point_add(c, &t, &pts[j], &pts[i]);
            assert_true(toy_point_eq(c, &s, &t));
            for (int k = 0; k < n; k += 5) {
                toy_point_add(c, &s, &s, &pts[k]);
                toy_point_add(c, &t, &pts[j], &pts[k]);
                toy_point_add(c, &t, &pts[i], &t);
                assert_true(toy_point_eq(c, &s, &t));
                toy_point_add(c, &s, &pts[i], &pts[j]);
            }
        }
    }
    for (int i = 0; i < MAX; i++)
        toy_point_clear(&pts[i]);
    toy_point_clear(&s);
    toy_point_clear(&t);
}

/* e(aP, bQ) = e(P, Q)^(ab) for every a, b in [0, r), e(P, Q) != 1, e^r = 1,
 * and G2 is the trace-zero subgroup. */
static void check_pairing(const toy_curve *c)
{
    uint64_t r = mpz_get_ui(c->r);
    toy_elt g, want, got;
    toy_elt_init(&g);
    toy_elt_init(&want);
    toy_elt_init(&got);
    assert_int_equal(toy_pairing(c, &g, &c->g1, &c->g2), ZK_OK);
    assert_false(toy_elt_is_one(&c->F, &g));
    mpz_t e;
    mpz_init(e);
    toy_pow(&c->F, &got, &g, c->r);
    assert_true(toy_elt_is_one(&c->F, &got));
    toy_point aP, bQ;
    toy_point_init(&aP);
    toy_point_init(&bQ);
    for (uint64_t a = 1; a < r; a++) {
        toy_point_mul_u64(c, &aP, &c->g1, a);
        for (uint64_t b = 1; b < r; b++) {
            toy_point_mul_u64(c, &bQ, &c->g2, b);
            assert_int_equal(toy_pairing(c, &got, &aP, &bQ), ZK_OK);
            mpz_set_ui(e, a * b);
            toy_pow(&c->F, &want, &g, e);
            assert_true(toy_elt_eq(&c->F, &got, &want));
        }
    }
    /* Tr(Q) = Σ π^i(Q) = O for the G2 generator. */
    toy_point f, tr;
    toy_point_init(&f);
    toy_point_init(&tr);
    toy_point_set(c, &tr, &c->g2);
    toy_point_set(c, &f, &c->g2);
    for (unsigned i = 1; i < c->F.k; i++) {
        toy_point_frobenius(c, &f, &f);
        toy_point_add(c, &tr, &tr, &f);
    }
    assert_true(tr.inf);
    /* Bad inputs: infinity, a G1 point as Q, a point of the wrong order. */
    toy_point o;
    toy_point_init(&o);
    assert_int_equal(toy_pairing(c, &got, &o, &c->g2), ZK_EINVAL);
    assert_int_equal(toy_pairing(c, &got, &c->g1, &c->g1), ZK_EINVAL);
    toy_point_clear(&o);
    toy_point_clear(&f);
    toy_point_clear(&tr);
    toy_point_clear(&aP);
    toy_point_clear(&bQ);
    mpz_clear(e);
    toy_elt_clear(&g);
    toy_elt_clear(&want);
    toy_elt_clear(&got);
}

static void test_tjj13(void **state)
{
    (void)state;
    toy_curve c;
    assert_int_equal(toy_curve_init(&c, "tjj13"), ZK_OK);
    assert_int_equal(mpz_get_ui(c.n1), 20);
    check_base_group(&c);
    /* #E(F_{13^4}) by the Frobenius recurrence equals a brute-force count
     * over all 28,561 x of the extension. */
    unsigned long count = 1;
    toy_elt x, y;
    toy_elt_init(&x);
    toy_elt_init(&y);
    for (unsigned long v = 0; v < 28561; v++) {
        unsigned long w = v;
        for (unsigned i = 0; i < 4; i++, w /= 13)
            mpz_set_ui(x.c[i], w % 13);
        toy_mul(&c.F, &y, &x, &x);
        zp_add(&c.F.fp, y.c[0], y.c[0], c.a);
        toy_mul(&c.F, &y, &y, &x);
        zp_add(&c.F.fp, y.c[0], y.c[0], c.b);
        if (toy_elt_is_zero(&c.F, &y))
            count += 1;
        else if (toy_sqrt(&c.F, &x, &y) == ZK_OK) {
            count += 2;
            w = v;   /* restore x, which toy_sqrt overwrote */
            for (unsigned i = 0; i < 4; i++, w /= 13)
                mpz_set_ui(x.c[i], w % 13);
        }
    }
    assert_int_equal(mpz_cmp_ui(c.nk, count), 0);
    toy_elt_clear(&x);
    toy_elt_clear(&y);
    check_pairing(&c);
    toy_curve_clear(&c);
}

static void test_bls6_6(void **state)
{
    (void)state;
    toy_curve c;
    assert_int_equal(toy_curve_init(&c, "bls6_6"), ZK_OK);
    assert_int_equal(mpz_get_ui(c.n1), 39);
    /* 13 divides 43^k - 1 first at k = 6: the embedding degree. */
    for (unsigned k = 1; k < 6; k++) {
        mpz_t q;
        mpz_init(q);
        mpz_ui_pow_ui(q, 43, k);
        mpz_sub_ui(q, q, 1);
        assert_false(mpz_divisible_ui_p(q, 13));
        mpz_clear(q);
    }
    assert_true(mpz_divisible_ui_p(c.nk, 13 * 13));
    check_base_group(&c);
    check_pairing(&c);
    assert_int_equal(toy_curve_init(&c, "no-such-curve"), ZK_EINVAL);
    toy_curve_clear(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_tjj13),
        cmocka_unit_test(test_bls6_6),
    };
    return ZK_RUN_TESTS(tests);
}
