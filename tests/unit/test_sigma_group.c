/* Prime-order groups for sigma protocols: the toy group checked against
 * numbers computed by hand, secp256k1 against SEC 2, encodings round-trip,
 * bad parameters and bad elements refused with the documented codes. */
#include "zk_test.h"

#include <stdio.h>
#include <string.h>

#include "sigma/group.h"
#include "core/hex.h"

/* 4^0 .. 4^10 mod 23, by hand: 1, 4, 16, 64-46=18, 72-69=3, 12, 48-46=2, 8,
 * 32-23=9, 36-23=13, 52-46=6. */
static const unsigned long toy_powers[11] = {1, 4, 16, 18, 3, 12, 2, 8, 9, 13, 6};

static void test_toy_group_by_hand(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_toy11(&g), ZK_OK);
    assert_string_equal(g.name, "toy11");
    char desc[128];
    assert_string_equal(sg_describe(&g, desc, sizeof desc), "p = 23, q = 11, g = 4");
    assert_int_equal(g.kind, SG_ZP);
    assert_int_equal(mpz_get_ui(SG_ORDER(&g)), 11);
    assert_int_equal(g.elt_bytes, 1);
    sg_elt a, b, r;
    sg_elt_init(&a);
    sg_elt_init(&b);
    sg_elt_init(&r);
    mpz_t k;
    mpz_init(k);
    char text[SG_STR_MAX];
    for (unsigned long i = 0; i < 11; i++) {
        mpz_set_ui(k, i);
        sg_exp_g(&g, &a, k);
        assert_int_equal(mpz_get_ui(a.v), toy_powers[i]);
        assert_int_equal(sg_check(&g, &a), ZK_OK);
        assert_int_equal(sg_dlog_small_var(&g, k, &a), ZK_OK);
        assert_int_equal(mpz_get_ui(k), i);
        /* Exponents act mod q: g^(i + 11) = g^i, g^(i - 11) = g^i. */
        mpz_set_ui(k, i + 11);
        sg_exp_g(&g, &b, k);
        assert_true(sg_eq(&g, &a, &b));
        mpz_set_si(k, (long)i - 11);
        sg_exp_g(&g, &b, k);
        assert_true(sg_eq(&g, &a, &b));
        /* a · a^-1 = 1, and the operation is multiplication mod 23. */
        sg_inv(&g, &b, &a);
        sg_mul(&g, &r, &a, &b);
        assert_true(sg_is_identity(&g, &r));
        for (unsigned long j = 0; j < 11; j++) {
            mpz_set_ui(b.v, toy_powers[j]);
            sg_mul(&g, &r, &a, &b);
            assert_int_equal(mpz_get_ui(r.v), toy_powers[i] * toy_powers[j] % 23);
            assert_int_equal(mpz_get_ui(r.v), toy_powers[(i + j) % 11]);
        }
        char want[8];
        snprintf(want, sizeof want, "%lu", toy_powers[i]);
        assert_string_equal(sg_to_str(&g, text, &a), want);
        uint8_t enc[SG_ENC_MAX];
        sg_encode(&g, enc, &a);
        assert_int_equal(enc[0], toy_powers[i]);
        assert_int_equal(sg_decode(&g, &b, enc, 1), ZK_OK);
        assert_true(sg_eq(&g, &a, &b));
        assert_int_equal(sg_set_str(&g, &b, text), ZK_OK);
        assert_true(sg_eq(&g, &a, &b));
    }
    /* The other 11 residues of Z_23^* are not in the subgroup. */
    int outside = 0;
    for (unsigned long v = 1; v < 23; v++) {
        mpz_set_ui(a.v, v);
        bool listed = false;
        for (int i = 0; i < 11; i++)
            listed |= toy_powers[i] == v;
        zk_err err = sg_check(&g, &a);
        assert_int_equal(err, listed ? ZK_OK : ZK_ENOTINSUBGROUP);
        outside += !listed;
        if (!listed)
            assert_int_equal(sg_dlog_small_var(&g, k, &a), ZK_ENOTINSUBGROUP);
    }
    assert_int_equal(outside, 11);
    mpz_set_ui(a.v, 0);
    assert_int_equal(sg_check(&g, &a), ZK_ENONCANONICAL);
    mpz_set_ui(a.v, 23);
    assert_int_equal(sg_check(&g, &a), ZK_ENONCANONICAL);
    assert_int_equal(sg_set_str(&g, &a, "5"), ZK_ENOTINSUBGROUP);
    assert_int_equal(sg_set_str(&g, &a, "23"), ZK_ENONCANONICAL);
    assert_int_equal(sg_set_str(&g, &a, "x"), ZK_EPARSE);
    assert_int_equal(sg_set_str(&g, &a, "-4"), ZK_EPARSE);
    assert_int_equal(sg_set_str(&g, &a, ""), ZK_EPARSE);
    assert_int_equal(sg_set_str(&g, &a, "0x12"), ZK_OK);   /* 18 */
    assert_int_equal(mpz_get_ui(a.v), 18);
    uint8_t two[2] = {0, 4};
    assert_int_equal(sg_decode(&g, &a, two, 2), ZK_EINVAL);
    /* Scalars: canonical text below q only. */
    assert_int_equal(sg_scalar_set_str(&g, k, "10"), ZK_OK);
    assert_int_equal(sg_scalar_set_str(&g, k, "11"), ZK_ENONCANONICAL);
    assert_int_equal(sg_scalar_set_str(&g, k, "1 "), ZK_EPARSE);
    assert_int_equal(sg_scalar_set_str(&g, k, NULL), ZK_EINVAL);
    mpz_clear(k);
    sg_elt_clear(&a);
    sg_elt_clear(&b);
    sg_elt_clear(&r);
    sg_clear(&g);
}

static void test_zp_parameters_refused(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_zp(&g, "24", "11", "4"), ZK_ENOTPRIME);     /* p */
    assert_int_equal(sg_init_zp(&g, "23", "12", "4"), ZK_ENOTPRIME);     /* q */
    assert_int_equal(sg_init_zp(&g, "23", "7", "4"), ZK_EINVAL);         /* 7 does not divide 22 */
    assert_int_equal(sg_init_zp(&g, "23", "11", "5"), ZK_ENOTINSUBGROUP);/* 5 has order 22 */
    assert_int_equal(sg_init_zp(&g, "23", "11", "1"), ZK_EINVAL);
    assert_int_equal(sg_init_zp(&g, "23", "11", "0"), ZK_EINVAL);
    assert_int_equal(sg_init_zp(&g, "23", "11", "23"), ZK_ENONCANONICAL);
    assert_int_equal(sg_init_zp(&g, "23", "11", "four"), ZK_EPARSE);
    assert_int_equal(sg_init_zp(&g, "2x", "11", "4"), ZK_EPARSE);
    assert_int_equal(sg_init_zp(&g, NULL, "11", "4"), ZK_EINVAL);
    assert_int_equal(sg_init_named(&g, "toy13"), ZK_EINVAL);
    assert_int_equal(sg_init_named(&g, NULL), ZK_EINVAL);
    char huge[2000];
    memset(huge, '7', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    assert_int_equal(sg_init_zp(&g, huge, "11", "4"), ZK_EOVERFLOW);
    /* A different toy group: p = 47 = 2·23 + 1, g = 2 (a square mod 47). */
    assert_int_equal(sg_init_zp(&g, "47", "23", "2"), ZK_OK);
    assert_int_equal(g.elt_bytes, 1);
    sg_clear(&g);
}

static void test_safe_prime_group(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "safe_prime");
    sg_group g;
    for (unsigned bits = 5; bits <= 64; bits += 59) {
        assert_int_equal(sg_init_safe_prime(&g, bits, &rng, NULL), ZK_OK);
        assert_int_equal(g.zp.bits, bits);
        mpz_t t;
        mpz_init(t);
        mpz_mul_2exp(t, SG_ORDER(&g), 1);
        mpz_add_ui(t, t, 1);
        ZK_ASSERT_MPZ_EQ(t, g.zp.p);                  /* p = 2q + 1 */
        assert_true(mpz_probab_prime_p(SG_ORDER(&g), 30) != 0);
        assert_int_equal(mpz_get_ui(g.zp_g), 4);
        mpz_clear(t);
        if (bits == 5)
            assert_int_equal(mpz_get_ui(g.zp.p), 23);
        sg_clear(&g);
    }
    assert_int_equal(sg_init_safe_prime(&g, 4, &rng, NULL), ZK_EINVAL);
    assert_int_equal(sg_init_safe_prime(&g, 257, &rng, NULL), ZK_EINVAL);
}

/* SEC 2, 2.4.1: the compressed encoding of G. */
static const char secp_g_hex[] =
    "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

static void test_secp256k1_group(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_named(&g, "secp256k1"), ZK_OK);
    assert_int_equal(g.kind, SG_EC);
    assert_int_equal(g.elt_bytes, 33);
    char desc[128];
    assert_string_equal(sg_describe(&g, desc, sizeof desc),
                        "secp256k1: y^2 = x^3 + 7, n = 0xffff...4141");
    sg_elt a, b, r;
    sg_elt_init(&a);
    sg_elt_init(&b);
    sg_elt_init(&r);
    char text[SG_STR_MAX];
    sg_set_generator(&g, &a);
    assert_string_equal(sg_to_str(&g, text, &a), secp_g_hex);
    assert_int_equal(sg_set_str(&g, &b, secp_g_hex), ZK_OK);
    assert_true(sg_eq(&g, &a, &b));
    /* 2G has the well-known x c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5
     * with even y. */
    mpz_t k;
    mpz_init_set_ui(k, 2);
    sg_exp_g(&g, &r, k);
    assert_string_equal(sg_to_str(&g, text, &r),
                        "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
    /* g^(q-1) = g^-1; g^q = identity, which encodes as zeros and prints "O". */
    mpz_sub_ui(k, SG_ORDER(&g), 1);
    sg_exp_g(&g, &r, k);
    sg_inv(&g, &b, &a);
    assert_true(sg_eq(&g, &r, &b));
    assert_string_equal(sg_to_str(&g, text, &b),
                        "0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    sg_mul(&g, &r, &r, &a);
    assert_true(sg_is_identity(&g, &r));
    assert_string_equal(sg_to_str(&g, text, &r), "O");
    uint8_t enc[SG_ENC_MAX], zero[33] = {0};
    sg_encode(&g, enc, &r);
    assert_memory_equal(enc, zero, 33);
    assert_int_equal(sg_decode(&g, &b, enc, 33), ZK_OK);
    assert_true(sg_is_identity(&g, &b));
    assert_int_equal(sg_set_str(&g, &b, "O"), ZK_OK);
    assert_true(sg_is_identity(&g, &b));
    /* Bad encodings: prefix, length, x >= p, x with no point (x = 5:
     * 125 + 7 = 132 is not a square mod p, found by the check itself). */
    uint8_t bad[33];
    memcpy(bad, zero, 33);
    bad[0] = 0x04;
    assert_int_equal(sg_decode(&g, &b, bad, 33), ZK_EINVAL);
    bad[0] = 0x00;
    bad[32] = 1;
    assert_int_equal(sg_decode(&g, &b, bad, 33), ZK_EINVAL);
    assert_int_equal(sg_decode(&g, &b, bad, 32), ZK_EINVAL);
    memset(bad, 0xff, 33);
    bad[0] = 0x02;
    assert_int_equal(sg_decode(&g, &b, bad, 33), ZK_ENONCANONICAL);
    assert_int_equal(sg_set_str(&g, &b, "02zz"), ZK_EPARSE);
    assert_int_equal(sg_set_str(&g, &b, "0279be"), ZK_EPARSE);
    int off = 0;
    for (unsigned x = 1; x < 20; x++) {
        memset(bad, 0, 33);
        bad[0] = 0x02;
        bad[32] = (uint8_t)x;
        zk_err err = sg_decode(&g, &b, bad, 33);
        assert_true(err == ZK_OK || err == ZK_ENOTONCURVE);
        if (err == ZK_OK) {
            assert_int_equal(sg_check(&g, &b), ZK_OK);
            assert_false(mpz_odd_p(b.pt.y));
        }
        off += err == ZK_ENOTONCURVE;
    }
    assert_true(off > 3);   /* about half the x have no point */
    /* A point off the curve is refused by sg_check. */
    mpz_add_ui(a.pt.y, a.pt.y, 1);
    assert_int_equal(sg_check(&g, &a), ZK_ENOTONCURVE);
    mpz_set(a.pt.y, g.ec.f.p);
    assert_int_equal(sg_check(&g, &a), ZK_ENONCANONICAL);
    mpz_clear(k);
    sg_elt_clear(&a);
    sg_elt_clear(&b);
    sg_elt_clear(&r);
    sg_clear(&g);
}

static void test_hash_to_elt(void **state)
{
    (void)state;
    const char *names[2] = {"toy11", "secp256k1"};
    for (int n = 0; n < 2; n++) {
        sg_group g;
        assert_int_equal(sg_init_named(&g, names[n]), ZK_OK);
        sg_elt a, b;
        sg_elt_init(&a);
        sg_elt_init(&b);
        sg_hash_to_elt(&g, &a, "tag", (const uint8_t *)"abc", 3);
        sg_hash_to_elt(&g, &b, "tag", (const uint8_t *)"abc", 3);
        assert_int_equal(sg_check(&g, &a), ZK_OK);
        assert_false(sg_is_identity(&g, &a));
        assert_true(sg_eq(&g, &a, &b));           /* deterministic */
        if (g.kind == SG_EC) {
            sg_hash_to_elt(&g, &b, "tag", (const uint8_t *)"abd", 3);
            assert_false(sg_eq(&g, &a, &b));
            sg_hash_to_elt(&g, &b, "other", (const uint8_t *)"abc", 3);
            assert_false(sg_eq(&g, &a, &b));
        } else {
            /* In the toy group all 10 non-identity elements should appear. */
            bool seen[23] = {false};
            for (uint8_t i = 0; i < 200; i++) {
                sg_hash_to_elt(&g, &b, "tag", &i, 1);
                seen[mpz_get_ui(b.v)] = true;
            }
            int count = 0;
            for (int v = 0; v < 23; v++)
                count += seen[v];
            assert_int_equal(count, 10);
            assert_false(seen[1]);
        }
        sg_elt_clear(&a);
        sg_elt_clear(&b);
        sg_clear(&g);
    }
}

static void test_scalars_and_hex(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "scalars");
    sg_group g;
    assert_int_equal(sg_init_toy11(&g), ZK_OK);
    unsigned hist[11] = {0};
    mpz_t k;
    mpz_init(k);
    for (int i = 0; i < 1100; i++) {
        sg_scalar_random(&g, k, &rng);
        assert_true(mpz_cmp_ui(k, 11) < 0);
        hist[mpz_get_ui(k)]++;
        sg_scalar_random_nonzero(&g, k, &rng);
        assert_true(mpz_sgn(k) > 0);
    }
    for (int i = 0; i < 11; i++)
        assert_true(hist[i] > 50 && hist[i] < 160);   /* expected 100 each */
    mpz_set_ui(k, 12345);
    sg_scalar_wipe(k);
    assert_int_equal(mpz_sgn(k), 0);
    mpz_clear(k);
    sg_clear(&g);

    uint8_t buf[4];
    size_t len;
    char out[9];
    assert_int_equal(zk_hex_decode(buf, 4, &len, "00fFa1"), ZK_OK);
    assert_int_equal(len, 3);
    assert_string_equal(zk_hex_encode(out, buf, 3), "00ffa1");
    assert_int_equal(zk_hex_decode(buf, 4, &len, ""), ZK_OK);
    assert_int_equal(len, 0);
    assert_int_equal(zk_hex_decode(buf, 4, &len, "abc"), ZK_EPARSE);
    assert_int_equal(zk_hex_decode(buf, 4, &len, "0g"), ZK_EPARSE);
    assert_int_equal(zk_hex_decode(buf, 4, &len, "0x00"), ZK_EPARSE);
    assert_int_equal(zk_hex_decode(buf, 2, &len, "001122"), ZK_EOVERFLOW);
    assert_int_equal(zk_hex_decode_exact(buf, 2, "0011"), ZK_OK);
    assert_int_equal(zk_hex_decode_exact(buf, 2, "001122"), ZK_EINVAL);
    assert_int_equal(zk_hex_decode_exact(buf, 2, "00 1"), ZK_EPARSE);
    assert_int_equal(zk_hex_decode_exact(buf, 2, NULL), ZK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_toy_group_by_hand),
        cmocka_unit_test(test_zp_parameters_refused),
        cmocka_unit_test(test_safe_prime_group),
        cmocka_unit_test(test_secp256k1_group),
        cmocka_unit_test(test_hash_to_elt),
        cmocka_unit_test(test_scalars_and_hex),
    };
    return ZK_RUN_TESTS(tests);
}
