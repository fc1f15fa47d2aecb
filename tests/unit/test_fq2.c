/* Fq2 = Fq[u]/(u^2 + 1) against a GMP reference of the same ring. */
#include "zk_test.h"

#include <string.h>

#include "curve/fq2.h"
#include "field/field.h"

#define N_DIFF 20000

typedef struct ref2 {
    mpz_t c0, c1;
} ref2;

static mpz_t g_q;

static void to_ref(ref2 *r, const fq2_t *a)
{
    zk_test_elt_to_mpz(r->c0, a->c0.v, &fq_params);
    zk_test_elt_to_mpz(r->c1, a->c1.v, &fq_params);
}

static void assert_eq_ref(const fq2_t *a, const ref2 *want)
{
    ref2 got;
    mpz_inits(got.c0, got.c1, NULL);
    to_ref(&got, a);
    ZK_ASSERT_MPZ_EQ(got.c0, want->c0);
    ZK_ASSERT_MPZ_EQ(got.c1, want->c1);
    mpz_clears(got.c0, got.c1, NULL);
}

/* (a0 + a1 u)(b0 + b1 u) with u^2 = -1, schoolbook, in GMP. */
static void ref_mul(ref2 *r, const ref2 *a, const ref2 *b)
{
    mpz_t t0, t1;
    mpz_inits(t0, t1, NULL);
    mpz_mul(t0, a->c0, b->c0);
    mpz_submul(t0, a->c1, b->c1);
    mpz_mul(t1, a->c0, b->c1);
    mpz_addmul(t1, a->c1, b->c0);
    mpz_mod(r->c0, t0, g_q);
    mpz_mod(r->c1, t1, g_q);
    mpz_clears(t0, t1, NULL);
}

/* A coefficient at the edges where carries and borrows of the lazy
 * reduction in fq2_x86_64.S are tightest: 0, 1, q - 1, q - 2, (q ± 1)/2,
 * 2^253, q - 2^64. */
static void pick_edge_fq(fq_t *a, zk_rng *rng)
{
    mpz_t x;
    mpz_init(x);
    switch (zk_random_below(rng, 8)) {
    case 0: mpz_set_ui(x, 0); break;
    case 1: mpz_set_ui(x, 1); break;
    case 2: mpz_sub_ui(x, g_q, 1); break;
    case 3: mpz_sub_ui(x, g_q, 2); break;
    case 4: mpz_fdiv_q_2exp(x, g_q, 1); break;
    case 5: mpz_cdiv_q_2exp(x, g_q, 1); break;
    case 6: mpz_setbit(x, 253); break;
    default: mpz_setbit(x, 64); mpz_sub(x, g_q, x); break;
    }
    zk_test_mpz_to_elt(a->v, x, &fq_params);
    mpz_clear(x);
}

static void pick(fq2_t *a, zk_rng *rng)
{
    fq2_random(a, rng);
    uint64_t sel = zk_random_below(rng, 8);
    if (sel == 0)
        fq_zero(&a->c0);
    if (sel == 1)
        fq_zero(&a->c1);
    if (sel == 2)
        fq2_zero(a);
    if (sel == 3 || sel == 4)
        pick_edge_fq(&a->c0, rng);
    if (sel == 4 || sel == 5)
        pick_edge_fq(&a->c1, rng);
}

/* fq2_mul and fq2_sqr have an assembly version (used with the ADX field
 * kernels) and the portable C one: run the differential under each kernel
 * set this machine supports. */

static void differential(const char *kernel, int n)
{
    zk_rng rng;
    zk_test_rng(&rng, kernel);
    ref2 ra, rb, rr, xi;
    mpz_inits(ra.c0, ra.c1, rb.c0, rb.c1, rr.c0, rr.c1, xi.c0, xi.c1, NULL);
    mpz_set_ui(xi.c0, 9);
    mpz_set_ui(xi.c1, 1);
    int roots = 0, nonroots = 0;
    for (int i = 0; i < n; i++) {
        fq2_t a, b, r;
        pick(&a, &rng);
        pick(&b, &rng);
        to_ref(&ra, &a);
        to_ref(&rb, &b);
        fq2_mul(&r, &a, &b);
        ref_mul(&rr, &ra, &rb);
        assert_eq_ref(&r, &rr);
        fq2_sqr(&r, &a);
        ref_mul(&rr, &ra, &ra);
        assert_eq_ref(&r, &rr);
        fq2_mul_xi(&r, &a);
        ref_mul(&rr, &ra, &xi);
        assert_eq_ref(&r, &rr);
        r = a;
        fq2_mul_xi(&r, &r);   /* aliasing */
        assert_eq_ref(&r, &rr);
        fq2_t inv, one;
        fq2_one(&one);
        zk_err err = fq2_inv(&inv, &a);
        if (fq2_is_zero(&a)) {
            assert_int_equal(err, ZK_EZERO);
            assert_int_equal(fq2_inv_var(&inv, &a), ZK_EZERO);
        } else {
            assert_int_equal(err, ZK_OK);
            fq2_mul(&r, &inv, &a);
            assert_true(fq2_eq(&r, &one));
            assert_int_equal(fq2_inv_var(&r, &a), ZK_OK);
            assert_true(fq2_eq(&r, &inv));
        }
        /* Frobenius = conjugation: a^q. Checked on a sample (a full power is slow). */
        if (i % 100 == 0) {
            fq2_t fr, cj;
            fq2_pow(&fr, &a, fq_params.p);
            fq2_conj(&cj, &a);
            assert_true(fq2_eq(&fr, &cj));
        }
        /* Square roots: every square has one, half of the rest do not. */
        if (i % 4 == 0) {
            fq2_t sq = a, s;
            if (i % 8 == 0)
                fq2_sqr(&sq, &a);
            int leg = fq2_legendre(&sq);
            err = fq2_sqrt_var(&s, &sq);
            if (leg < 0) {
                assert_int_equal(err, ZK_ENOSQRT);
                nonroots++;
            } else {
                assert_int_equal(err, ZK_OK);
                fq2_sqr(&s, &s);
                assert_true(fq2_eq(&s, &sq));
                roots++;
            }
        }
    }
    assert_true(roots > n / 8 && nonroots > n / 40);
    mpz_clears(ra.c0, ra.c1, rb.c0, rb.c1, rr.c0, rr.c1, xi.c0, xi.c1, NULL);
}

/* Once per kernel set (ZK_KERNEL_TEST): the full count for the one
 * field_init picks, fewer for the rest. */
static void test_fq2_differential(void **state)
{
    const char *kernel = *state;
    bool is_default = strcmp(kernel, mont256_k.name) == 0;
    zk_test_use_mont256(kernel);
    mpz_init(g_q);
    zk_test_u256_to_mpz(g_q, fq_params.p);
    differential(kernel, is_default ? N_DIFF : N_DIFF / 4);
    mpz_clear(g_q);
}

/* ξ = 9 + u is neither a square nor a cube in Fq2, so the tower is a field. */
static void test_xi_non_residue(void **state)
{
    (void)state;
    fq2_t xi, t;
    fq_from_u64(&xi.c0, 9);
    fq_from_u64(&xi.c1, 1);
    assert_int_equal(fq2_legendre(&xi), -1);
    /* Not a cube: ξ^((q^2 - 1)/3) != 1. (q^2 - 1)/3 = (q - 1)/3·(q + 1)... q ≡ 1 mod 3. */
    mpz_t q, e;
    mpz_inits(q, e, NULL);
    zk_test_u256_to_mpz(q, fq_params.p);
    mpz_mul(e, q, q);
    mpz_sub_ui(e, e, 1);
    assert_true(mpz_divisible_ui_p(e, 3));
    mpz_divexact_ui(e, e, 3);
    /* The exponent exceeds 256 bits: raise in two steps, e = e1·(q + 1). */
    mpz_t e1, e2;
    mpz_inits(e1, e2, NULL);
    mpz_sub_ui(e1, q, 1);
    assert_true(mpz_divisible_ui_p(e1, 3));
    mpz_divexact_ui(e1, e1, 3);
    mpz_add_ui(e2, q, 1);
    uint64_t l1[4], l2[4];
    zk_test_mpz_to_u256(l1, e1);
    zk_test_mpz_to_u256(l2, e2);
    fq2_pow(&t, &xi, l1);
    fq2_pow(&t, &t, l2);
    fq2_t one;
    fq2_one(&one);
    assert_false(fq2_eq(&t, &one));
    mpz_clears(q, e, e1, e2, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ZK_KERNEL_TEST(test_fq2_differential, "portable"),
        ZK_KERNEL_TEST(test_fq2_differential, "x86-64"),
        ZK_KERNEL_TEST(test_fq2_differential, "adx"),
        cmocka_unit_test(test_xi_non_residue),
    };
    return ZK_RUN_TESTS(tests);
}
