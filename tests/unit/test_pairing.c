/* The BN254 optimal ate pairing: the published EIP-197 vectors, bilinearity
 * on random scalars, non-degeneracy, order r, the final exponentiation
 * against a plain power by m·(q^12 - 1)/r, the multi-pairing product against
 * separate pairings, malformed EIP-197 input (each must be an error), and
 * a snarkjs Groth16 verification key and proof. */
#include "zk_test.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curve/pairing.h"
#include "field/field.h"

/* ---- test-only group arithmetic ----------------------------------------
 * Affine double-and-add with an inversion per step: slow, obviously right,
 * and independent of both the pairing's projective formulas and the group
 * code of another branch. The same text serves G1 (over Fq) and G2 (over
 * Fq2), as the formulas do not involve the curve's b:
 *   λ = (y2 - y1)/(x2 - x1), or 3x1^2/(2y1) when doubling,
 *   x3 = λ^2 - x1 - x2,  y3 = λ(x1 - x3) - y1. */
#define AFFINE_OPS(G, PT, F)                                                   \
    static void G##_add(PT *r, const PT *a, const PT *b)                       \
    {                                                                          \
        if (a->inf || b->inf) {                                                \
            *r = a->inf ? *b : *a;                                             \
            return;                                                            \
        }                                                                      \
        F##_t num, den, lam, t;                                                \
        if (F##_eq(&a->x, &b->x)) {                                            \
            F##_add(&t, &a->y, &b->y);                                         \
            if (F##_is_zero(&t)) { /* b = -a */                                \
                r->inf = true;                                                 \
                return;                                                        \
            }                                                                  \
            F##_sqr(&num, &a->x);                                              \
            F##_add(&t, &num, &num);                                           \
            F##_add(&num, &t, &num);                                           \
            F##_add(&den, &a->y, &a->y);                                       \
        } else {                                                               \
            F##_sub(&num, &b->y, &a->y);                                       \
            F##_sub(&den, &b->x, &a->x);                                       \
        }                                                                      \
        assert_int_equal(F##_inv_var(&den, &den), ZK_OK);                      \
        F##_mul(&lam, &num, &den);                                             \
        PT out = {.inf = false};                                               \
        F##_sqr(&out.x, &lam);                                                 \
        F##_sub(&out.x, &out.x, &a->x);                                        \
        F##_sub(&out.x, &out.x, &b->x);                                        \
        F##_sub(&t, &a->x, &out.x);                                            \
        F##_mul(&out.y, &lam, &t);                                             \
        F##_sub(&out.y, &out.y, &a->y);                                        \
        *r = out;                                                              \
    }                                                                          \
    /* k·P for a plain 256-bit k. */                                           \
    static void G##_mul(PT *r, const PT *p, const uint64_t k[4])               \
    {                                                                          \
        PT acc = {.inf = true};                                                \
        for (int i = 255; i >= 0; i--) {                                       \
            G##_add(&acc, &acc, &acc);                                         \
            if ((k[i / 64] >> (i % 64)) & 1)                                   \
                G##_add(&acc, &acc, p);                                        \
        }                                                                      \
        *r = acc;                                                              \
    }

AFFINE_OPS(ref_g1, bn254_g1_aff, fq)
AFFINE_OPS(ref_g2, bn254_g2_aff, fq2)

/* ---- fixtures ------------------------------------------------------------ */

static bn254_g1_aff g_g1;
static bn254_g2_aff g_g2;
static fq2_t g_twist_b;

static void fq_from_json(fq_t *r, cJSON *obj, const char *key)
{
    cJSON *item = cJSON_GetObjectItem(obj, key);
    assert_non_null(item);
    assert_int_equal(fq_from_dec(r, item->valuestring), ZK_OK);
}

static void fq2_from_json(fq2_t *r, cJSON *obj, const char *key)
{
    cJSON *item = cJSON_GetObjectItem(obj, key);
    assert_non_null(item);
    fq_from_json(&r->c0, item, "c0");
    fq_from_json(&r->c1, item, "c1");
}

/* The generators and the twist's b from the shared constants file. */
static int setup(void **state)
{
    (void)state;
    char *text = zk_test_read_shared("vectors/bn254_misc/bn254_constants.json");
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    cJSON *g1 = cJSON_GetObjectItem(j, "G1_generator");
    fq_from_json(&g_g1.x, g1, "x");
    fq_from_json(&g_g1.y, g1, "y");
    g_g1.inf = false;
    cJSON *g2 = cJSON_GetObjectItem(j, "G2_generator");
    fq2_from_json(&g_g2.x, g2, "x");
    fq2_from_json(&g_g2.y, g2, "y");
    g_g2.inf = false;
    fq2_from_json(&g_twist_b, j, "twist_b");
    assert_string_equal(cJSON_GetObjectItem(j, "ate_loop_count_hex")->valuestring,
                        "0x19d797039be763ba8");
    assert_string_equal(cJSON_GetObjectItem(j, "x_hex")->valuestring, "0x44e992b44a6909f1");
    cJSON_Delete(j);
    free(text);
    return 0;
}

static void random_scalar(uint64_t k[4], zk_rng *rng)
{
    fr_t s;
    fr_random(&s, rng);
    fr_to_int(k, &s);
}

/* ---- properties ---------------------------------------------------------- */

static void test_naf(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "naf");
    int8_t d[BN254_NAF_MAX];
    for (int it = 0; it < 1000; it++) {
        zk_u128 n;
        if (it == 0)
            n = (zk_u128)BN254_ATE_X * 6 + 2;
        else if (it == 1)
            n = BN254_ATE_X;
        else if (it == 2)
            n = ((zk_u128)1 << 127) - 1;
        else
            n = (((zk_u128)zk_random_below(&rng, UINT64_MAX) << 64) |
                 zk_random_below(&rng, UINT64_MAX)) >> (1 + zk_random_below(&rng, 127));
        int len = bn254_naf(d, n);
        assert_true(len <= BN254_NAF_MAX);
        zk_u128 pos = 0, neg = 0;
        for (int i = 0; i < len; i++) {
            if (d[i] > 0)
                pos |= (zk_u128)1 << i;
            if (d[i] < 0)
                neg |= (zk_u128)1 << i;
            if (i > 0)
                assert_false(d[i] != 0 && d[i - 1] != 0);
        }
        assert_true(pos - neg == n);
        if (len > 0)
            assert_int_equal(d[len - 1], 1);
        if (it == 0)
            assert_int_equal(len, 66);
    }
}

/* e(G1, G2) != 1 but e(G1, G2)^r = 1; and 1 when either point is infinity. */
static void test_nondegenerate_order_r(void **state)
{
    (void)state;
    fq12_t e, t;
    bn254_pairing(&e, &g_g1, &g_g2);
    assert_false(fq12_is_one(&e));
    fq12_pow_var(&t, &e, fr_params.p, 4);
    assert_true(fq12_is_one(&t));

    bn254_g1_aff o1 = g_g1;
    bn254_g2_aff o2 = g_g2;
    o1.inf = true;
    o2.inf = true;
    bn254_miller_loop(&t, &o1, &g_g2);
    assert_true(fq12_is_one(&t));
    bn254_pairing(&t, &g_g1, &o2);
    assert_true(fq12_is_one(&t));
}

/* e(aP, bQ) = e(P, Q)^(ab) = e(bP, aQ) on random scalars and points. */
static void test_bilinearity(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "bilinear");
    fq12_t base;
    bn254_pairing(&base, &g_g1, &g_g2);
    for (int it = 0; it < 3; it++) {
        uint64_t a[4], b[4], ab[4];
        random_scalar(a, &rng);
        random_scalar(b, &rng);
        fr_t fa, fb;
        fr_from_int(&fa, a);
        fr_from_int(&fb, b);
        fr_mul(&fa, &fa, &fb);
        fr_to_int(ab, &fa);

        bn254_g1_aff aP, bP;
        bn254_g2_aff aQ, bQ;
        ref_g1_mul(&aP, &g_g1, a);
        ref_g1_mul(&bP, &g_g1, b);
        ref_g2_mul(&aQ, &g_g2, a);
        ref_g2_mul(&bQ, &g_g2, b);

        fq12_t e1, e2, want;
        bn254_pairing(&e1, &aP, &bQ);
        bn254_pairing(&e2, &bP, &aQ);
        fq12_pow_var(&want, &base, ab, 4);
        assert_true(fq12_eq(&e1, &want));
        assert_true(fq12_eq(&e2, &want));

        /* Linearity in each argument separately: e(P + aP, Q) = e(P, Q)·e(aP, Q). */
        bn254_g1_aff sum;
        ref_g1_add(&sum, &g_g1, &aP);
        fq12_t l, r1, r2;
        bn254_pairing(&l, &sum, &bQ);
        bn254_pairing(&r1, &g_g1, &bQ);
        bn254_pairing(&r2, &aP, &bQ);
        fq12_mul(&r1, &r1, &r2);
        assert_true(fq12_eq(&l, &r1));
    }
}

/* The final exponentiation equals f^(m·(q^12 - 1)/r), m = 2x(6x^2 + 3x + 1),
 * computed plainly; m is prime to r. */
static void test_final_exp_is_power(void **state)
{
    (void)state;
    mpz_t q, r, e;
    mpz_inits(q, r, e, NULL);
    zk_test_u256_to_mpz(q, fq_params.p);
    zk_test_u256_to_mpz(r, fr_params.p);
    mpz_pow_ui(e, q, 12);
    mpz_sub_ui(e, e, 1);
    assert_true(mpz_divisible_p(e, r));
    mpz_divexact(e, e, r);
    mpz_t m, x, t;
    mpz_inits(m, x, t, NULL);
    mpz_set_ui(x, BN254_ATE_X);
    mpz_mul(m, x, x);
    mpz_mul_ui(m, m, 6);
    mpz_addmul_ui(m, x, 3);
    mpz_add_ui(m, m, 1);
    mpz_mul(m, m, x);
    mpz_mul_ui(m, m, 2);
    mpz_gcd(t, m, r);
    assert_int_equal(mpz_cmp_ui(t, 1), 0);
    mpz_mul(e, e, m);
    mpz_clears(m, x, t, NULL);
    uint64_t limbs[50] = {0};
    size_t n = 0;
    assert_true(mpz_sizeinbase(e, 2) <= 50 * 64);
    mpz_export(limbs, &n, -1, sizeof(uint64_t), 0, 0, e);

    zk_rng rng;
    zk_test_rng(&rng, "final-exp");
    for (int it = 0; it < 2; it++) {
        fq12_t f, want, got;
        fq12_random(&f, &rng);
        if (it == 1)   /* an actual Miller loop output */
            bn254_miller_loop(&f, &g_g1, &g_g2);
        fq12_pow_var(&want, &f, limbs, n);
        bn254_final_exp(&got, &f);
        assert_true(fq12_eq(&got, &want));
    }
    mpz_clears(q, r, e, NULL);
}

/* The multi-pairing product against separate pairings, across the batch
 * boundary (10 pairs > 8), with infinities mixed in; and the check itself. */
static void test_pairing_check(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "check");
    enum { N = 10 };
    bn254_g1_aff P[N];
    bn254_g2_aff Q[N];
    for (int i = 0; i < N; i++) {
        uint64_t a[4], b[4];
        random_scalar(a, &rng);
        b[0] = (uint64_t)i + 2;
        b[1] = b[2] = b[3] = 0;
        ref_g1_mul(&P[i], &g_g1, a);
        ref_g2_mul(&Q[i], &g_g2, b);
    }
    P[3].inf = true;
    Q[7].inf = true;
    fq12_t multi, prod, e;
    bn254_miller_loop_multi(&multi, P, Q, N);
    bn254_final_exp(&multi, &multi);
    fq12_one(&prod);
    for (int i = 0; i < N; i++) {
        bn254_pairing(&e, &P[i], &Q[i]);
        fq12_mul(&prod, &prod, &e);
    }
    assert_true(fq12_eq(&multi, &prod));
    bool ok = true;
    assert_int_equal(bn254_pairing_check(P, Q, N, &ok), ZK_OK);
    assert_false(ok);

    /* e(aP, Q)·e(-P, aQ) = 1, the shape of every verification equation. */
    uint64_t a[4];
    random_scalar(a, &rng);
    bn254_g1_aff pp[2];
    bn254_g2_aff qq[2];
    ref_g1_mul(&pp[0], &g_g1, a);
    qq[0] = g_g2;
    pp[1] = g_g1;
    fq_neg(&pp[1].y, &g_g1.y);
    ref_g2_mul(&qq[1], &g_g2, a);
    assert_int_equal(bn254_pairing_check(pp, qq, 2, &ok), ZK_OK);
    assert_true(ok);
    pp[1].y = g_g1.y;   /* e(aP, Q)·e(P, aQ) = e(P, Q)^(2a) != 1 */
    assert_int_equal(bn254_pairing_check(pp, qq, 2, &ok), ZK_OK);
    assert_false(ok);

    assert_int_equal(bn254_pairing_check(NULL, NULL, 0, &ok), ZK_OK);
    assert_true(ok);
    assert_int_equal(bn254_pairing_check(NULL, qq, 1, &ok), ZK_EINVAL);
    assert_int_equal(bn254_pairing_check(pp, qq, 1, NULL), ZK_EINVAL);
}

/* The pairing functions trust their inputs, but garbage must still give a
 * value, not a crash or a hang: points off the curves, zero coordinates,
 * and a zero Miller value into the final exponentiation. */
static void test_garbage_inputs(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "garbage");
    bn254_g1_aff P[3];
    bn254_g2_aff Q[3];
    for (int i = 0; i < 3; i++) {
        fq_random(&P[i].x, &rng);
        fq_random(&P[i].y, &rng);
        fq2_random(&Q[i].x, &rng);
        fq2_random(&Q[i].y, &rng);
        P[i].inf = Q[i].inf = false;
    }
    fq_zero(&P[1].y);
    fq2_zero(&Q[2].x);
    fq2_zero(&Q[2].y);
    bool ok = true;
    assert_int_equal(bn254_pairing_check(P, Q, 3, &ok), ZK_OK);
    assert_false(ok);
    fq12_t z, r;
    fq12_zero(&z);
    bn254_final_exp(&r, &z);
    assert_true(fq6_is_zero(&r.c0) && fq6_is_zero(&r.c1));
}

/* ---- EIP-197 ------------------------------------------------------------- */

static size_t hex_decode(uint8_t *out, size_t cap, const char *hex)
{
    size_t n = strlen(hex) / 2;
    assert_true(n <= cap && strlen(hex) % 2 == 0);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
    return n;
}

static void eip197_vectors(void)
{
    char *text = zk_test_read_shared("vectors/eip196_197/bn256Pairing.json");
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    assert_int_equal(cJSON_GetArraySize(j), 14);
    static uint8_t in[16 * BN254_EIP197_PAIR_BYTES];
    int seen_true = 0, seen_false = 0;
    cJSON *v;
    cJSON_ArrayForEach(v, j) {
        const char *name = cJSON_GetObjectItem(v, "Name")->valuestring;
        size_t len = hex_decode(in, sizeof in, cJSON_GetObjectItem(v, "Input")->valuestring);
        uint8_t want[32];
        assert_int_equal(hex_decode(want, sizeof want, cJSON_GetObjectItem(v, "Expected")->valuestring), 32);
        bool expect = want[31] == 1;
        for (int i = 0; i < 31; i++)
            assert_int_equal(want[i], 0);
        bool ok = !expect;
        zk_err err = bn254_pairing_check_eip197(in, len, &ok);
        if (err != ZK_OK || ok != expect)
            fail_msg("EIP-197 vector %s: err %s, ok %d, expected %d", name, zk_errname(err), ok, expect);
        seen_true += expect;
        seen_false += !expect;
    }
    assert_int_equal(seen_true, 12);
    assert_int_equal(seen_false, 2);
    cJSON_Delete(j);
    free(text);
}

/* All 14 vectors, with the kernels field_init picked and again with the
 * portable C ones (the Fq2 assembly is then out of the picture). */
static void test_eip197_vectors(void **state)
{
    (void)state;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            assert_true(mont256_select("portable"));
        eip197_vectors();
    }
    assert_int_equal(field_init(), ZK_OK);
}

static void encode_pair(uint8_t out[BN254_EIP197_PAIR_BYTES], const bn254_g1_aff *P,
                        const bn254_g2_aff *Q)
{
    fq_to_bytes_be(out, &P->x);
    fq_to_bytes_be(out + 32, &P->y);
    fq_to_bytes_be(out + 64, &Q->x.c1);
    fq_to_bytes_be(out + 96, &Q->x.c0);
    fq_to_bytes_be(out + 128, &Q->y.c1);
    fq_to_bytes_be(out + 160, &Q->y.c0);
}

/* A point on the twist y^2 = x^3 + b' that is (with overwhelming
 * probability, and checked) not of order r: a random x with a square
 * right-hand side, without the cofactor multiplication. */
static void twist_point_outside_g2(bn254_g2_aff *Q, zk_rng *rng)
{
    for (;;) {
        fq2_t rhs;
        fq2_random(&Q->x, rng);
        fq2_sqr(&rhs, &Q->x);
        fq2_mul(&rhs, &rhs, &Q->x);
        fq2_add(&rhs, &rhs, &g_twist_b);
        if (fq2_sqrt_var(&Q->y, &rhs) == ZK_OK)
            break;
    }
    Q->inf = false;
    bn254_g2_aff t;
    ref_g2_mul(&t, Q, fr_params.p);
    assert_false(t.inf);
}

static void expect_eip197(const uint8_t *in, size_t len, zk_err want_err, bool want_ok)
{
    bool ok = !want_ok;
    zk_err err = bn254_pairing_check_eip197(in, len, &ok);
    if (err != want_err)
        fail_msg("expected %s, got %s", zk_errname(want_err), zk_errname(err));
    assert_int_equal(ok, want_ok);
}

static void test_eip197_bad_inputs(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "eip197-bad");
    uint8_t good[2 * BN254_EIP197_PAIR_BYTES], bad[2 * BN254_EIP197_PAIR_BYTES];
    bn254_g1_aff negP = g_g1;
    fq_neg(&negP.y, &g_g1.y);
    encode_pair(good, &g_g1, &g_g2);
    encode_pair(good + BN254_EIP197_PAIR_BYTES, &negP, &g_g2);
    expect_eip197(good, sizeof good, ZK_OK, true);
    expect_eip197(good, BN254_EIP197_PAIR_BYTES, ZK_OK, false);
    expect_eip197(NULL, 0, ZK_OK, true);

    /* Wrong lengths. */
    expect_eip197(good, 1, ZK_EFORMAT, false);
    expect_eip197(good, BN254_EIP197_PAIR_BYTES - 1, ZK_EFORMAT, false);
    expect_eip197(good, BN254_EIP197_PAIR_BYTES + 1, ZK_EFORMAT, false);
    expect_eip197(good, sizeof good - 32, ZK_EFORMAT, false);
    bool ok;
    assert_int_equal(bn254_pairing_check_eip197(good, sizeof good, NULL), ZK_EINVAL);
    assert_int_equal(bn254_pairing_check_eip197(NULL, 192, &ok), ZK_EFORMAT);

    /* Each of the six coordinates of the second pair set to q, then to 2^256 - 1. */
    uint8_t qbytes[32];
    for (int i = 0; i < 32; i++)
        qbytes[i] = (uint8_t)(fq_params.p[3 - i / 8] >> (8 * (7 - i % 8)));
    for (int c = 0; c < 6; c++) {
        memcpy(bad, good, sizeof bad);
        memcpy(bad + BN254_EIP197_PAIR_BYTES + 32 * c, qbytes, 32);
        expect_eip197(bad, sizeof bad, ZK_ENONCANONICAL, false);
        memset(bad + BN254_EIP197_PAIR_BYTES + 32 * c, 0xff, 32);
        expect_eip197(bad, sizeof bad, ZK_ENONCANONICAL, false);
    }

    /* G1 off the curve: (1, 2 + 1), then (0, 3). */
    bn254_g1_aff P = g_g1;
    fq_t one;
    fq_one(&one);
    fq_add(&P.y, &P.y, &one);
    memcpy(bad, good, sizeof bad);
    encode_pair(bad + BN254_EIP197_PAIR_BYTES, &P, &g_g2);
    expect_eip197(bad, sizeof bad, ZK_ENOTONCURVE, false);
    fq_zero(&P.x);
    encode_pair(bad, &P, &g_g2);
    expect_eip197(bad, BN254_EIP197_PAIR_BYTES, ZK_ENOTONCURVE, false);

    /* G2 off the twist: x + 1. And a G2 point on the untwisted-b curve. */
    bn254_g2_aff Q = g_g2;
    fq_add(&Q.x.c0, &Q.x.c0, &one);
    encode_pair(bad, &g_g1, &Q);
    expect_eip197(bad, BN254_EIP197_PAIR_BYTES, ZK_ENOTONCURVE, false);
    /* Swapping real and imaginary parts (a classic encoding mistake) also lands off the twist. */
    Q = g_g2;
    Q.x.c0 = g_g2.x.c1;
    Q.x.c1 = g_g2.x.c0;
    Q.y.c0 = g_g2.y.c1;
    Q.y.c1 = g_g2.y.c0;
    encode_pair(bad, &g_g1, &Q);
    expect_eip197(bad, BN254_EIP197_PAIR_BYTES, ZK_ENOTONCURVE, false);

    /* On the twist but not in G2, alone and behind a valid pair. */
    for (int it = 0; it < 3; it++) {
        twist_point_outside_g2(&Q, &rng);
        memcpy(bad, good, sizeof bad);
        encode_pair(bad + BN254_EIP197_PAIR_BYTES, &g_g1, &Q);
        expect_eip197(bad, sizeof bad, ZK_ENOTINSUBGROUP, false);
        bn254_g1_aff P0;
        bn254_g2_aff Q0;
        assert_int_equal(bn254_eip197_read_pair(&P0, &Q0, bad + BN254_EIP197_PAIR_BYTES),
                         ZK_ENOTINSUBGROUP);
        /* With P at infinity the pair contributes 1 either way, but the
         * input is still invalid. */
        bn254_g1_aff inf = {.inf = true};
        fq_zero(&inf.x);
        fq_zero(&inf.y);
        encode_pair(bad, &inf, &Q);
        expect_eip197(bad, BN254_EIP197_PAIR_BYTES, ZK_ENOTINSUBGROUP, false);
    }

    /* Infinity encodings: (0, 0) in G1 and all zeros in G2 are valid and contribute 1. */
    memset(bad, 0, sizeof bad);
    expect_eip197(bad, sizeof bad, ZK_OK, true);
    encode_pair(bad, &g_g1, &g_g2);
    memset(bad, 0, 64);
    expect_eip197(bad, BN254_EIP197_PAIR_BYTES, ZK_OK, true);
    encode_pair(bad, &g_g1, &g_g2);
    memset(bad + 64, 0, 128);
    expect_eip197(bad, BN254_EIP197_PAIR_BYTES, ZK_OK, true);
    bn254_g1_aff P1;
    bn254_g2_aff Q1;
    assert_int_equal(bn254_eip197_read_pair(&P1, &Q1, bad), ZK_OK);
    assert_false(P1.inf);
    assert_true(Q1.inf);
}

/* ---- snarkjs Groth16 ------------------------------------------------------
 * A real verification equation from snarkjs files (circom's Multiplier,
 * public output 33): e(-A, B)·e(α, β)·e(vk_x, γ)·e(C, δ) = 1 with
 * vk_x = IC0 + 33·IC1; and the key's vk_alphabeta_12 = e(α, β) as snarkjs
 * computed it, which pins down the pairing value and the Fq12 layout. */

static void g1_from_json(bn254_g1_aff *P, cJSON *arr)
{
    assert_int_equal(cJSON_GetArraySize(arr), 3);
    assert_int_equal(fq_from_dec(&P->x, cJSON_GetArrayItem(arr, 0)->valuestring), ZK_OK);
    assert_int_equal(fq_from_dec(&P->y, cJSON_GetArrayItem(arr, 1)->valuestring), ZK_OK);
    assert_string_equal(cJSON_GetArrayItem(arr, 2)->valuestring, "1");
    P->inf = false;
}

static void fq2_from_pair(fq2_t *r, cJSON *pair)
{
    assert_int_equal(fq_from_dec(&r->c0, cJSON_GetArrayItem(pair, 0)->valuestring), ZK_OK);
    assert_int_equal(fq_from_dec(&r->c1, cJSON_GetArrayItem(pair, 1)->valuestring), ZK_OK);
}

static void g2_from_json(bn254_g2_aff *Q, cJSON *arr)
{
    assert_int_equal(cJSON_GetArraySize(arr), 3);
    fq2_from_pair(&Q->x, cJSON_GetArrayItem(arr, 0));
    fq2_from_pair(&Q->y, cJSON_GetArrayItem(arr, 1));
    Q->inf = false;
}

static cJSON *read_json(const char *path)
{
    char *text = zk_test_read_shared(path);
    cJSON *j = cJSON_Parse(text);
    free(text);
    assert_non_null(j);
    return j;
}

static void test_snarkjs_groth16(void **state)
{
    (void)state;
    cJSON *vk = read_json("vectors/snarkjs_groth16/verification_key.json");
    cJSON *proof = read_json("vectors/snarkjs_groth16/proof.json");
    cJSON *pub = read_json("vectors/snarkjs_groth16/public.json");
    bn254_g1_aff P[4], ic0, ic1;
    bn254_g2_aff Q[4];
    g1_from_json(&P[0], cJSON_GetObjectItem(proof, "pi_a"));
    fq_neg(&P[0].y, &P[0].y);
    g2_from_json(&Q[0], cJSON_GetObjectItem(proof, "pi_b"));
    g1_from_json(&P[1], cJSON_GetObjectItem(vk, "vk_alpha_1"));
    g2_from_json(&Q[1], cJSON_GetObjectItem(vk, "vk_beta_2"));
    cJSON *ic = cJSON_GetObjectItem(vk, "IC");
    assert_int_equal(cJSON_GetArraySize(ic), 2);
    g1_from_json(&ic0, cJSON_GetArrayItem(ic, 0));
    g1_from_json(&ic1, cJSON_GetArrayItem(ic, 1));
    g2_from_json(&Q[2], cJSON_GetObjectItem(vk, "vk_gamma_2"));
    g1_from_json(&P[3], cJSON_GetObjectItem(proof, "pi_c"));
    g2_from_json(&Q[3], cJSON_GetObjectItem(vk, "vk_delta_2"));
    assert_string_equal(cJSON_GetArrayItem(pub, 0)->valuestring, "33");

    for (uint64_t input = 33; input <= 34; input++) {
        const uint64_t k[4] = {input, 0, 0, 0};
        ref_g1_mul(&P[2], &ic1, k);
        ref_g1_add(&P[2], &P[2], &ic0);
        bool ok = input != 33;
        assert_int_equal(bn254_pairing_check(P, Q, 4, &ok), ZK_OK);
        assert_int_equal(ok, input == 33);
    }

    /* vk_alphabeta_12: [c0, c1] of Fq6 = [c0, c1, c2] of Fq2 = [re, im]. */
    fq12_t want, got;
    cJSON *ab = cJSON_GetObjectItem(vk, "vk_alphabeta_12");
    fq6_t *halves[2] = {&want.c0, &want.c1};
    for (int h = 0; h < 2; h++) {
        cJSON *c6 = cJSON_GetArrayItem(ab, h);
        fq2_from_pair(&halves[h]->c0, cJSON_GetArrayItem(c6, 0));
        fq2_from_pair(&halves[h]->c1, cJSON_GetArrayItem(c6, 1));
        fq2_from_pair(&halves[h]->c2, cJSON_GetArrayItem(c6, 2));
    }
    bn254_pairing(&got, &P[1], &Q[1]);
    assert_true(fq12_eq(&got, &want));
    cJSON_Delete(vk);
    cJSON_Delete(proof);
    cJSON_Delete(pub);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_naf),
        cmocka_unit_test_setup(test_nondegenerate_order_r, setup),
        cmocka_unit_test_setup(test_bilinearity, setup),
        cmocka_unit_test_setup(test_final_exp_is_power, setup),
        cmocka_unit_test_setup(test_pairing_check, setup),
        cmocka_unit_test(test_garbage_inputs),
        cmocka_unit_test_setup(test_eip197_vectors, setup),
        cmocka_unit_test_setup(test_eip197_bad_inputs, setup),
        cmocka_unit_test(test_snarkjs_groth16),
    };
    return ZK_RUN_TESTS(tests);
}
