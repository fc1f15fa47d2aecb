/* Scalar recodings: every digit string must add back up to the scalar (in
 * GMP) and obey its digit-set rules. */
#include "zk_test.h"

#include "curve/recode.h"

static void random_scalar(uint64_t k[4], zk_rng *rng, int it)
{
    for (int i = 0; i < 4; i++)
        k[i] = zk_random_u64(rng);
    /* Short, all-ones and sparse scalars besides dense ones. */
    if (it % 5 == 1)
        k[1] = k[2] = k[3] = 0;
    if (it % 5 == 2)
        k[0] = k[1] = k[2] = k[3] = ~(uint64_t)0;
    if (it % 5 == 3)
        for (int i = 0; i < 4; i++)
            k[i] &= zk_random_u64(rng) & zk_random_u64(rng) & zk_random_u64(rng);
    if (it == 0)
        k[0] = k[1] = k[2] = k[3] = 0;
}

static void test_wnaf(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "wnaf");
    mpz_t want, got, term;
    mpz_inits(want, got, term, NULL);
    for (int it = 0; it < 2000; it++) {
        uint64_t k[4];
        random_scalar(k, &rng, it);
        unsigned w = 2 + (unsigned)(it % 6);
        int8_t d[RECODE_WNAF_MAX];
        size_t n = recode_wnaf(d, k, w);
        assert_true(n <= RECODE_WNAF_MAX);
        mpz_set_ui(got, 0);
        int last_nonzero = -1000;
        for (size_t i = 0; i < n; i++) {
            if (d[i] == 0)
                continue;
            assert_true(d[i] & 1);
            assert_true(d[i] < (1 << (w - 1)) && d[i] > -(1 << (w - 1)));
            assert_true((int)i - last_nonzero >= (int)w);   /* non-adjacency */
            last_nonzero = (int)i;
            mpz_set_si(term, d[i]);
            mpz_mul_2exp(term, term, i);
            mpz_add(got, got, term);
        }
        if (n > 0)
            assert_int_not_equal(d[n - 1], 0);
        zk_test_u256_to_mpz(want, k);
        ZK_ASSERT_MPZ_EQ(got, want);
    }
    mpz_clears(want, got, term, NULL);
}

static void test_signed_windows(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "windows");
    mpz_t want, got, term;
    mpz_inits(want, got, term, NULL);
    for (int it = 0; it < 2000; it++) {
        uint64_t k[4];
        random_scalar(k, &rng, it);
        unsigned c = 1 + (unsigned)(it % 20);
        unsigned bits = recode_bit_length(k);
        zk_test_u256_to_mpz(want, k);
        assert_int_equal(bits, mpz_sgn(want) ? mpz_sizeinbase(want, 2) : 0);
        /* Enough windows that the top one cannot carry out. */
        unsigned windows = (bits + 1 + c - 1) / c;
        mpz_set_ui(got, 0);
        for (unsigned j = 0; j < windows; j++) {
            int32_t d = recode_window(k, j, c);
            assert_true(d >= -(1 << (c - 1)) && d <= (1 << (c - 1)));
            mpz_set_si(term, d);
            mpz_mul_2exp(term, term, j * c);
            mpz_add(got, got, term);
        }
        ZK_ASSERT_MPZ_EQ(got, want);
    }
    mpz_clears(want, got, term, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wnaf),
        cmocka_unit_test(test_signed_windows),
    };
    return ZK_RUN_TESTS(tests);
}
