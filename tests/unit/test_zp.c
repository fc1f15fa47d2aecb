/* Prime fields of any size over GMP (the lessons' toy fields): exhaustive
 * over tiny primes, differential on a large one, strict parsing. */
#include "zk_test.h"

#include <string.h>

#include "field/field.h"

static void test_init_rejects_bad_moduli(void **state)
{
    (void)state;
    zp_field f;
    assert_int_equal(zp_field_init(&f, "15"), ZK_ENOTPRIME);
    assert_int_equal(zp_field_init(&f, "1"), ZK_ENOTPRIME);
    assert_int_equal(zp_field_init(&f, "0"), ZK_ENOTPRIME);
    assert_int_equal(zp_field_init(&f, "-7"), ZK_EPARSE);
    assert_int_equal(zp_field_init(&f, " 7"), ZK_EPARSE);
    assert_int_equal(zp_field_init(&f, "7x"), ZK_EPARSE);
    assert_int_equal(zp_field_init(&f, ""), ZK_EPARSE);
    assert_int_equal(zp_field_init(&f, "0x"), ZK_EPARSE);
    /* 2^64 + 1 = 274177 · 67280421310721. */
    assert_int_equal(zp_field_init(&f, "18446744073709551617"), ZK_ENOTPRIME);
    assert_int_equal(zp_field_init_u64(&f, 1ull << 40), ZK_ENOTPRIME);
    assert_int_equal(zp_field_init(&f, "0x11"), ZK_OK);
    assert_int_equal(f.bits, 5);
    zp_field_clear(&f);
}

/* Every element and pair of F_p for small p, against plain integers. */
static void test_exhaustive(void **state)
{
    (void)state;
    static const uint64_t primes[] = {2, 3, 5, 11, 13, 23, 43, 97};
    mpz_t a, b, r;
    mpz_inits(a, b, r, NULL);
    for (size_t pi = 0; pi < ZK_ARRAY_LEN(primes); pi++) {
        uint64_t p = primes[pi];
        zp_field f;
        assert_int_equal(zp_field_init_u64(&f, p), ZK_OK);
        for (uint64_t x = 0; x < p; x++) {
            mpz_set_ui(a, x);
            for (uint64_t y = 0; y < p; y++) {
                mpz_set_ui(b, y);
                zp_add(&f, r, a, b);
                assert_int_equal(mpz_get_ui(r), (x + y) % p);
                zp_sub(&f, r, a, b);
                assert_int_equal(mpz_get_ui(r), (x + p - y) % p);
                zp_mul(&f, r, a, b);
                assert_int_equal(mpz_get_ui(r), (x * y) % p);
            }
            zp_neg(&f, r, a);
            assert_int_equal(mpz_get_ui(r), (p - x) % p);
            zp_sqr(&f, r, a);
            assert_int_equal(mpz_get_ui(r), (x * x) % p);
            zk_err err = zp_inv(&f, r, a);
            if (x == 0) {
                assert_int_equal(err, ZK_EZERO);
            } else {
                assert_int_equal(err, ZK_OK);
                assert_int_equal((mpz_get_ui(r) * x) % p, 1);
            }
            bool square = false;
            for (uint64_t y = 0; y < p; y++)
                square |= (y * y) % p == x;
            int leg = zp_legendre(&f, a);
            assert_int_equal(leg, x == 0 ? 0 : square ? 1 : -1);
            err = zp_sqrt(&f, r, a);
            assert_int_equal(err, square ? ZK_OK : ZK_ENOSQRT);
            if (square)
                assert_int_equal((mpz_get_ui(r) * mpz_get_ui(r)) % p, x);
            uint64_t want = 1;
            for (uint64_t e = 0; e < 2 * p; e++) {
                zp_pow_u64(&f, r, a, e);
                assert_int_equal(mpz_get_ui(r), want);
                want = (want * x) % p;
            }
        }
        /* Reduction of negative and large integers. */
        mpz_set_si(a, -1);
        zp_reduce(&f, r, a);
        assert_int_equal(mpz_get_ui(r), p - 1);
        zp_set_u64(&f, r, UINT64_MAX);
        assert_int_equal(mpz_get_ui(r), UINT64_MAX % p);
        zp_field_clear(&f);
    }
    mpz_clears(a, b, r, NULL);
}

/* zp_random over p = 3: uniform, and 3 itself never drawn. */
static void test_random_uniform(void **state)
{
    (void)state;
    zp_field f;
    assert_int_equal(zp_field_init_u64(&f, 3), ZK_OK);
    zk_rng rng;
    zk_test_rng(&rng, "zp_random3");
    mpz_t x;
    mpz_init(x);
    int count[3] = {0};
    for (int i = 0; i < 3000; i++) {
        zp_random(&f, x, &rng);
        assert_true(mpz_cmp_ui(x, 3) < 0);
        count[mpz_get_ui(x)]++;
    }
    for (int i = 0; i < 3; i++)
        assert_true(count[i] > 1000 - 155 && count[i] < 1000 + 155);
    mpz_clear(x);
    zp_field_clear(&f);
}

/* A 255-bit prime, against direct GMP arithmetic, 100,000 times. */
static void test_large_prime(void **state)
{
    (void)state;
    zp_field f;
    assert_int_equal(zp_field_init(&f, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed"), ZK_OK);
    assert_int_equal(f.bits, 255);
    zk_rng rng;
    zk_test_rng(&rng, "zp_large");
    mpz_t a, b, r, w;
    mpz_inits(a, b, r, w, NULL);
    for (int i = 0; i < 100000; i++) {
        zp_random(&f, a, &rng);
        zp_random(&f, b, &rng);
        assert_true(mpz_sgn(a) >= 0 && mpz_cmp(a, f.p) < 0);
        zp_mul(&f, r, a, b);
        mpz_mul(w, a, b);
        mpz_mod(w, w, f.p);
        ZK_ASSERT_MPZ_EQ(r, w);
        zp_sub(&f, r, a, b);
        mpz_sub(w, a, b);
        mpz_mod(w, w, f.p);
        ZK_ASSERT_MPZ_EQ(r, w);
        if (i % 20 == 0) {
            zk_err err = zp_sqrt(&f, r, a);
            if (mpz_legendre(a, f.p) >= 0) {
                assert_int_equal(err, ZK_OK);
                zp_sqr(&f, w, r);
                ZK_ASSERT_MPZ_EQ(w, a);
            } else {
                assert_int_equal(err, ZK_ENOSQRT);
            }
        }
    }
    assert_int_equal(zp_set_str(&f, r, "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed"),
                     ZK_ENONCANONICAL);
    assert_int_equal(zp_set_str(&f, r, "12"), ZK_OK);
    assert_int_equal(mpz_get_ui(r), 12);
    assert_int_equal(zp_set_str(&f, r, "-12"), ZK_EPARSE);
    assert_int_equal(zp_set_str(&f, r, "1 2"), ZK_EPARSE);
    mpz_clears(a, b, r, w, NULL);
    zp_field_clear(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_rejects_bad_moduli),
        cmocka_unit_test(test_exhaustive),
        cmocka_unit_test(test_random_uniform),
        cmocka_unit_test(test_large_prime),
    };
    return ZK_RUN_TESTS(tests);
}
