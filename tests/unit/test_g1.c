/* BN254 G1: the Jacobian and projective formulas against the GMP affine curve
 * of curve/ec_zp.h on random points and on every exceptional case, the scalar
 * multiplications against a naive double-and-add, and group-law identities. */
#include "zk_test.h"

#include <string.h>

#include "curve/ec_zp.h"
#include "curve/g1.h"
#include "field/field.h"

static const char *Q_DEC =
    "21888242871839275222246405745257275088696311157297823662689037894645226208583";
static const char *R_DEC =
    "21888242871839275222246405745257275088548364400416034343698204186575808495617";

static ec_zp_curve g_curve;

static void curve_setup(void)
{
    assert_int_equal(ec_zp_curve_init(&g_curve, "bn254", Q_DEC, "0", "3", "1", "2", R_DEC, "1"),
                     ZK_OK);
}

static void to_zp(ec_zp_point *r, const g1_jac *p)
{
    g1_aff a;
    g1_to_aff_var(&a, p);
    if (a.inf) {
        ec_zp_point_set_inf(r);
        return;
    }
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    zk_test_elt_to_mpz(x, a.x.v, &fq_params);
    zk_test_elt_to_mpz(y, a.y.v, &fq_params);
    assert_int_equal(ec_zp_point_set_xy(&g_curve, r, x, y), ZK_OK);
    mpz_clears(x, y, NULL);
}

static void assert_same(const g1_jac *p, const ec_zp_point *want)
{
    ec_zp_point got;
    ec_zp_point_init(&got);
    to_zp(&got, p);
    assert_true(ec_zp_eq(&got, want));
    ec_zp_point_clear(&got);
}

/* The same point with a random Z, so formulas see general Jacobian inputs. */
static void rescale(g1_jac *p, zk_rng *rng)
{
    if (g1_is_inf(p))
        return;
    fq_t z, z2, z3;
    do
        fq_random(&z, rng);
    while (fq_is_zero(&z));
    fq_sqr(&z2, &z);
    fq_mul(&z3, &z2, &z);
    fq_mul(&p->x, &p->x, &z2);
    fq_mul(&p->y, &p->y, &z3);
    fq_mul(&p->z, &p->z, &z);
}

static void random_jac(g1_jac *p, zk_rng *rng)
{
    g1_aff a;
    g1_random_var(&a, rng);
    g1_from_aff(p, &a);
    rescale(p, rng);
}

static void random_u256(uint64_t k[4], zk_rng *rng)
{
    for (int i = 0; i < 4; i++)
        k[i] = zk_random_u64(rng);
}

/* Left-to-right double-and-add over all 256 bits: the simplest reference. */
static void naive_mul(g1_jac *r, const g1_jac *p, const uint64_t k[4])
{
    g1_jac acc;
    g1_set_inf(&acc);
    for (int i = 255; i >= 0; i--) {
        g1_dbl(&acc, &acc);
        if ((k[i / 64] >> (i % 64)) & 1)
            g1_add_var(&acc, &acc, p);
    }
    *r = acc;
}

static void test_g1_constants(void **state)
{
    (void)state;
    fq_t v;
    assert_int_equal(fq_from_dec(&v, "1"), ZK_OK);
    assert_true(fq_eq(&v, &g1_generator.x));
    assert_int_equal(fq_from_dec(&v, "2"), ZK_OK);
    assert_true(fq_eq(&v, &g1_generator.y));
    assert_int_equal(fq_from_dec(&v, "3"), ZK_OK);
    assert_true(fq_eq(&v, &g1_b));
    assert_false(g1_generator.inf);
    assert_true(g1_is_on_curve(&g1_generator));

    /* r·G = O and (r - 1)·G = -G, with both multiplications. */
    uint64_t r[4], rm1[4];
    memcpy(r, fr_params.p, sizeof r);
    memcpy(rm1, r, sizeof r);
    rm1[0] -= 1;
    g1_jac g, t, neg_g;
    g1_from_aff(&g, &g1_generator);
    g1_neg(&neg_g, &g);
    g1_mul_var(&t, &g, r);
    assert_true(g1_is_inf(&t));
    g1_mul(&t, &g, r);
    assert_true(g1_is_inf(&t));
    g1_mul_var(&t, &g, rm1);
    assert_true(g1_eq(&t, &neg_g));
    g1_mul(&t, &g, rm1);
    assert_true(g1_eq(&t, &neg_g));

    /* (1, 3) is not on the curve; infinity is. */
    g1_aff off = g1_generator;
    fq_from_u64(&off.y, 3);
    assert_false(g1_is_on_curve(&off));
    g1_aff inf;
    g1_aff_set_inf(&inf);
    assert_true(g1_is_on_curve(&inf));
}

/* Addition, mixed addition, doubling and negation against GMP, on random
 * points and on the exceptional inputs (P + P, P + (-P), O + P, P + O). */
static void test_g1_vs_gmp(void **state)
{
    (void)state;
    curve_setup();
    zk_rng rng;
    zk_test_rng(&rng, "g1_vs_gmp");
    ec_zp_point zp, zq, want;
    ec_zp_point_init(&zp);
    ec_zp_point_init(&zq);
    ec_zp_point_init(&want);
    g1_jac inf;
    g1_set_inf(&inf);
    for (int it = 0; it < 300; it++) {
        g1_jac p, q, r, negp;
        random_jac(&p, &rng);
        random_jac(&q, &rng);
        to_zp(&zp, &p);
        to_zp(&zq, &q);
        g1_aff qa;
        g1_to_aff_var(&qa, &q);
        assert_true(g1_is_on_curve(&qa));

        ec_zp_add(&g_curve, &want, &zp, &zq);
        g1_add_var(&r, &p, &q);
        assert_same(&r, &want);
        g1_add_mixed_var(&r, &p, &qa);
        assert_same(&r, &want);
        r = p;
        g1_add_var(&r, &r, &q);   /* output aliases the first input */
        assert_same(&r, &want);
        r = q;
        g1_add_var(&r, &p, &r);   /* ... and the second */
        assert_same(&r, &want);

        ec_zp_dbl(&g_curve, &want, &zp);
        g1_dbl(&r, &p);
        assert_same(&r, &want);
        g1_add_var(&r, &p, &p);
        assert_same(&r, &want);
        g1_jac p2 = p;
        rescale(&p2, &rng);          /* P + P with different Z */
        g1_add_var(&r, &p, &p2);
        assert_same(&r, &want);
        g1_aff pa;
        g1_to_aff(&pa, &p);
        g1_add_mixed_var(&r, &p, &pa);
        assert_same(&r, &want);

        g1_neg(&negp, &p);
        ec_zp_neg(&g_curve, &want, &zp);
        assert_same(&negp, &want);
        g1_add_var(&r, &p, &negp);
        assert_true(g1_is_inf(&r));
        g1_aff_neg(&pa, &pa);
        g1_add_mixed_var(&r, &p, &pa);
        assert_true(g1_is_inf(&r));

        g1_add_var(&r, &inf, &p);
        assert_true(g1_eq(&r, &p));
        g1_add_var(&r, &p, &inf);
        assert_true(g1_eq(&r, &p));
        g1_add_mixed_var(&r, &inf, &qa);
        assert_same(&r, &zq);
        g1_aff ia;
        g1_aff_set_inf(&ia);
        g1_add_mixed_var(&r, &p, &ia);
        assert_true(g1_eq(&r, &p));
        g1_dbl(&r, &inf);
        assert_true(g1_is_inf(&r));

        if (it % 10 == 0) {
            uint64_t k[4];
            random_u256(k, &rng);
            if (it % 30 == 0)
                k[3] = k[2] = 0;
            mpz_t kz;
            mpz_init(kz);
            zk_test_u256_to_mpz(kz, k);
            ec_zp_mul(&g_curve, &want, &zp, kz);
            g1_mul_var(&r, &p, k);
            assert_same(&r, &want);
            g1_mul(&r, &p, k);
            assert_same(&r, &want);
            mpz_clear(kz);
        }
    }
    ec_zp_point_clear(&zp);
    ec_zp_point_clear(&zq);
    ec_zp_point_clear(&want);
    ec_zp_curve_clear(&g_curve);
}

static void test_g1_scalar_mul(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g1_scalar_mul");
    /* Edge scalars: 0, 1, 2, 15, 16, 17, 31, r - 1, r, r + 1, 2^255, 2^256 - 1. */
    uint64_t edges[12][4] = {{0}, {1}, {2}, {15}, {16}, {17}, {31}};
    memcpy(edges[7], fr_params.p, 32);
    edges[7][0] -= 1;
    memcpy(edges[8], fr_params.p, 32);
    memcpy(edges[9], fr_params.p, 32);
    edges[9][0] += 1;
    edges[10][3] = (uint64_t)1 << 63;
    memset(edges[11], 0xff, 32);
    g1_jac p, a, b, c;
    for (int it = 0; it < 40; it++) {
        random_jac(&p, &rng);
        uint64_t k[4];
        if (it < 12)
            memcpy(k, edges[it], sizeof k);
        else
            random_u256(k, &rng);
        naive_mul(&a, &p, k);
        g1_mul_var(&b, &p, k);
        g1_mul(&c, &p, k);
        assert_true(g1_eq(&a, &b));
        assert_true(g1_eq(&a, &c));
    }
    g1_jac inf;
    g1_set_inf(&inf);
    uint64_t k[4] = {12345, 0, 0, 7};
    g1_mul_var(&a, &inf, k);
    assert_true(g1_is_inf(&a));
    g1_mul(&a, &inf, k);
    assert_true(g1_is_inf(&a));
}

/* Identities that hold in any group of order r: commutativity,
 * associativity, (a + b)P = aP + bP, a(bP) = (ab mod r)P. */
static void test_g1_group_law(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g1_group_law");
    for (int it = 0; it < 20; it++) {
        g1_jac p, q, s, l, r, t;
        random_jac(&p, &rng);
        random_jac(&q, &rng);
        random_jac(&s, &rng);
        g1_add_var(&l, &p, &q);
        g1_add_var(&r, &q, &p);
        assert_true(g1_eq(&l, &r));
        g1_add_var(&l, &l, &s);
        g1_add_var(&t, &q, &s);
        g1_add_var(&r, &p, &t);
        assert_true(g1_eq(&l, &r));

        fr_t a, b, ab;
        fr_random(&a, &rng);
        fr_random(&b, &rng);
        uint64_t ka[4], kb[4], kab[4];
        fr_add(&ab, &a, &b);
        fr_to_int(ka, &a);
        fr_to_int(kb, &b);
        fr_to_int(kab, &ab);
        g1_mul_var(&l, &p, kab);
        g1_mul_var(&r, &p, ka);
        g1_mul_var(&t, &p, kb);
        g1_add_var(&r, &r, &t);
        assert_true(g1_eq(&l, &r));
        fr_mul(&ab, &a, &b);
        fr_to_int(kab, &ab);
        g1_mul_var(&l, &p, kab);
        g1_mul(&r, &p, kb);
        g1_mul(&r, &r, ka);
        assert_true(g1_eq(&l, &r));
        /* A different point is not equal. */
        g1_add_var(&t, &l, &q);
        assert_false(g1_eq(&l, &t));
    }
}

static void proj_of(g1_proj *r, const g1_jac *p) { g1_proj_from_jac(r, p); }

static void assert_proj_is(const g1_proj *p, const g1_jac *want)
{
    g1_jac j;
    g1_jac_from_proj(&j, p);
    assert_true(g1_eq(&j, want));
}

/* The complete formulas agree with the Jacobian ones on every case,
 * including those where the Jacobian ones must branch. */
static void test_g1_complete_formulas(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g1_complete");
    g1_jac inf;
    g1_set_inf(&inf);
    for (int it = 0; it < 100; it++) {
        g1_jac p, q, negp, want;
        random_jac(&p, &rng);
        random_jac(&q, &rng);
        g1_neg(&negp, &p);
        const g1_jac *lhs[] = {&p, &p, &p, &inf, &p, &inf};
        const g1_jac *rhs[] = {&q, &p, &negp, &p, &inf, &inf};
        for (size_t c = 0; c < ZK_ARRAY_LEN(lhs); c++) {
            g1_proj a, b, s;
            proj_of(&a, lhs[c]);
            proj_of(&b, rhs[c]);
            g1_add_var(&want, lhs[c], rhs[c]);
            g1_proj_add(&s, &a, &b);
            assert_proj_is(&s, &want);
            if (!g1_is_inf(rhs[c])) {
                g1_aff ba;
                g1_to_aff_var(&ba, rhs[c]);
                g1_proj_add_mixed(&s, &a, &ba);
                assert_proj_is(&s, &want);
            }
            g1_dbl(&want, lhs[c]);
            g1_proj_dbl(&s, &a);
            assert_proj_is(&s, &want);
        }
    }
}

static void test_g1_batch_to_aff(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g1_batch");
    enum { N = 67 };
    g1_jac p[N];
    g1_aff got[N], want;
    for (int i = 0; i < N; i++) {
        if (i % 7 == 3)
            g1_set_inf(&p[i]);
        else
            random_jac(&p[i], &rng);
    }
    g1_batch_to_aff_var(got, p, N);
    for (int i = 0; i < N; i++) {
        g1_to_aff(&want, &p[i]);
        assert_true(g1_aff_eq(&got[i], &want));
        assert_int_equal(got[i].inf, i % 7 == 3);
        assert_true(g1_is_on_curve(&got[i]));
        g1_to_aff_var(&want, &p[i]);
        assert_true(g1_aff_eq(&got[i], &want));
    }
    g1_batch_to_aff_var(got, p, 0);   /* empty: nothing to do, no crash */
    g1_batch_to_aff_var(got, p, 1);
    g1_to_aff(&want, &p[0]);
    assert_true(g1_aff_eq(&got[0], &want));
}

static void test_g1_progression(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "g1_progression");
    enum { N = 10000 };
    g1_aff *pts = zk_alloc(N, sizeof *pts), start, step;
    assert_non_null(pts);
    g1_random_var(&start, &rng);
    g1_random_var(&step, &rng);
    g1_progression_var(pts, N, &start, &step);
    g1_jac st;
    g1_from_aff(&st, &step);
    const size_t idx[] = {0, 1, 2, 255, 256, 4095, 4096, 5000, N - 1};
    for (size_t t = 0; t < ZK_ARRAY_LEN(idx); t++) {
        uint64_t k[4] = {idx[t], 0, 0, 0};
        g1_jac want;
        g1_mul_var(&want, &st, k);
        g1_add_mixed_var(&want, &want, &start);
        g1_aff wa;
        g1_to_aff_var(&wa, &want);
        assert_true(g1_aff_eq(&pts[idx[t]], &wa));
    }
    zk_free(pts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_g1_constants),
        cmocka_unit_test(test_g1_vs_gmp),
        cmocka_unit_test(test_g1_scalar_mul),
        cmocka_unit_test(test_g1_group_law),
        cmocka_unit_test(test_g1_complete_formulas),
        cmocka_unit_test(test_g1_batch_to_aff),
        cmocka_unit_test(test_g1_progression),
    };
    return ZK_RUN_TESTS(tests);
}
