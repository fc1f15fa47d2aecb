/* KZG commitments on BN254 and on the toy curves: commitments equal
 * [p(τ)]_1 computed directly, honest openings verify, a wrong value, proof
 * or commitment fails, both batched openings, and the binding property: on
 * a toy curve, for a wrong value exactly one proof point of all r verifies,
 * the one only τ can compute. */
#include "zk_test.h"

#include <string.h>

#include "core/alloc.h"
#include "curve/pairing.h"
#include "poly/fr_poly.h"
#include "poly/zp_poly.h"
#include "snark/kzg.h"

static void random_poly(fr_t *p, size_t len, zk_rng *rng)
{
    for (size_t i = 0; i < len; i++)
        fr_random(&p[i], rng);
}

static void test_bn254_single(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "kzg_single");
    fr_t tau;
    fr_from_u64(&tau, 123456789);
    kzg_srs srs;
    assert_int_equal(kzg_setup(&srs, &tau, 0, 2, NULL), ZK_EINVAL);
    assert_int_equal(kzg_setup(&srs, &tau, 4, 1, NULL), ZK_EINVAL);
    assert_int_equal(kzg_setup(&srs, &tau, 12, 4, NULL), ZK_OK);
    /* The SRS is the powers of τ. */
    fr_t pw;
    fr_one(&pw);
    for (size_t i = 0; i < 12; i++) {
        g1_aff want;
        zk_test_g1_times(&want, &g1_generator, &pw);
        assert_true(g1_aff_eq(&srs.g1[i], &want));
        fr_mul(&pw, &pw, &tau);
    }
    fr_t p[10], q[10], z, y, y2, v;
    random_poly(p, 10, &rng);
    g1_aff c, c2, proof, proof2;
    assert_int_equal(kzg_commit(&c, &srs, p, 13, NULL), ZK_EINVAL);
    assert_int_equal(kzg_commit(&c, &srs, p, 10, NULL), ZK_OK);
    fr_poly_eval(&v, p, 10, &tau);
    g1_aff want;
    zk_test_g1_times(&want, &g1_generator, &v);
    assert_true(g1_aff_eq(&c, &want));

    fr_random(&z, &rng);
    assert_int_equal(kzg_open(&proof, &y, &srs, p, 10, &z, NULL), ZK_OK);
    fr_poly_eval(&v, p, 10, &z);
    assert_true(fr_eq(&y, &v));
    bool ok;
    assert_int_equal(kzg_verify(&ok, &srs, &c, &z, &y, &proof), ZK_OK);
    assert_true(ok);
    /* A wrong value, a proof for another point, another commitment. */
    fr_t one;
    fr_one(&one);
    fr_add(&y2, &y, &one);
    assert_int_equal(kzg_verify(&ok, &srs, &c, &z, &y2, &proof), ZK_OK);
    assert_false(ok);
    fr_t z2;
    fr_add(&z2, &z, &one);
    assert_int_equal(kzg_open(&proof2, &y2, &srs, p, 10, &z2, NULL), ZK_OK);
    assert_int_equal(kzg_verify(&ok, &srs, &c, &z, &y, &proof2), ZK_OK);
    assert_false(ok);
    memcpy(q, p, sizeof q);
    fr_add(&q[3], &q[3], &one);
    assert_int_equal(kzg_commit(&c2, &srs, q, 10, NULL), ZK_OK);
    assert_int_equal(kzg_verify(&ok, &srs, &c2, &z, &y, &proof), ZK_OK);
    assert_false(ok);

    /* Two values at one point: the honest quotient of p - y' leaves the
     * remainder y - y' and its commitment fails; with τ a proof for y' is
     * easy and verifies next to the true one. */
    fr_add(&y2, &y, &one);
    fr_t shifted[10];
    memcpy(shifted, p, sizeof shifted);
    fr_sub(&shifted[0], &shifted[0], &y2);
    fr_t rem;
    assert_int_equal(kzg_open(&proof2, &rem, &srs, shifted, 10, &z, NULL), ZK_OK);
    assert_false(fr_is_zero(&rem));
    assert_int_equal(kzg_verify(&ok, &srs, &c, &z, &y2, &proof2), ZK_OK);
    assert_false(ok);
    assert_int_equal(kzg_forge_open(&proof2, &tau, p, 10, &z, &y2), ZK_OK);
    assert_int_equal(kzg_verify(&ok, &srs, &c, &z, &y2, &proof2), ZK_OK);
    assert_true(ok);
    assert_int_equal(kzg_forge_open(&proof2, &tau, p, 10, &tau, &y2), ZK_EINVAL);

    /* A constant opens with the point at infinity. */
    assert_int_equal(kzg_commit(&c2, &srs, p, 1, NULL), ZK_OK);
    assert_int_equal(kzg_open(&proof2, &y2, &srs, p, 1, &z, NULL), ZK_OK);
    assert_true(proof2.inf);
    assert_int_equal(kzg_verify(&ok, &srs, &c2, &z, &y2, &proof2), ZK_OK);
    assert_true(ok);
    kzg_srs_free(&srs);

    /* A random τ, discarded. */
    assert_int_equal(kzg_setup_random(&srs, 10, 2, &rng, NULL), ZK_OK);
    assert_int_equal(kzg_commit(&c, &srs, p, 10, NULL), ZK_OK);
    assert_int_equal(kzg_open(&proof, &y, &srs, p, 10, &z, NULL), ZK_OK);
    assert_int_equal(kzg_verify(&ok, &srs, &c, &z, &y, &proof), ZK_OK);
    assert_true(ok);
    kzg_srs_free(&srs);
}

static void test_bn254_batch(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "kzg_batch");
    kzg_srs srs;
    assert_int_equal(kzg_setup_random(&srs, 16, 5, &rng, NULL), ZK_OK);
    fr_t p0[16], p1[7], p2[11], z, gamma, ys[3];
    random_poly(p0, 16, &rng);
    random_poly(p1, 7, &rng);
    random_poly(p2, 11, &rng);
    fr_random(&z, &rng);
    fr_random(&gamma, &rng);
    const fr_t *polys[3] = {p0, p1, p2};
    size_t lens[3] = {16, 7, 11};
    g1_aff cs[3], proof;
    for (int i = 0; i < 3; i++)
        assert_int_equal(kzg_commit(&cs[i], &srs, polys[i], lens[i], NULL), ZK_OK);
    assert_int_equal(kzg_open_batch(&proof, ys, &srs, polys, lens, 3, &z, &gamma, NULL), ZK_OK);
    for (int i = 0; i < 3; i++) {
        fr_t v;
        fr_poly_eval(&v, polys[i], lens[i], &z);
        assert_true(fr_eq(&v, &ys[i]));
    }
    bool ok;
    assert_int_equal(kzg_verify_batch(&ok, &srs, cs, ys, 3, &z, &gamma, &proof), ZK_OK);
    assert_true(ok);
    fr_t one, g2;
    fr_one(&one);
    fr_add(&ys[1], &ys[1], &one);
    assert_int_equal(kzg_verify_batch(&ok, &srs, cs, ys, 3, &z, &gamma, &proof), ZK_OK);
    assert_false(ok);
    fr_sub(&ys[1], &ys[1], &one);
    fr_add(&g2, &gamma, &one);
    assert_int_equal(kzg_verify_batch(&ok, &srs, cs, ys, 3, &z, &g2, &proof), ZK_OK);
    assert_false(ok);

    /* One polynomial at four points. */
    fr_t zs[4], vs[4];
    for (int i = 0; i < 4; i++)
        fr_random(&zs[i], &rng);
    assert_int_equal(kzg_open_multi(&proof, vs, &srs, p0, 16, zs, 4, NULL), ZK_OK);
    for (int i = 0; i < 4; i++) {
        fr_t v;
        fr_poly_eval(&v, p0, 16, &zs[i]);
        assert_true(fr_eq(&v, &vs[i]));
    }
    assert_int_equal(kzg_verify_multi(&ok, &srs, &cs[0], zs, vs, 4, &proof), ZK_OK);
    assert_true(ok);
    fr_add(&vs[2], &vs[2], &one);
    assert_int_equal(kzg_verify_multi(&ok, &srs, &cs[0], zs, vs, 4, &proof), ZK_OK);
    assert_false(ok);
    assert_int_equal(kzg_verify_multi(&ok, &srs, &cs[1], zs, vs, 4, &proof), ZK_OK);
    assert_false(ok);
    assert_int_equal(kzg_open_multi(&proof, vs, &srs, p0, 16, zs, 5, NULL), ZK_EINVAL);
    zs[1] = zs[0];
    assert_int_equal(kzg_open_multi(&proof, vs, &srs, p0, 16, zs, 4, NULL), ZK_EINVAL);
    kzg_srs_free(&srs);
}

/* The toy KZG, exhaustively in the small field: for p = 3x^2 + x + 2, each
 * opening point z and each claimed value y, the pairing check is tried with
 * every point of G1 as the proof. Exactly one passes — the honest proof
 * when y = p(z), otherwise [(p(τ) - y)/(τ - z)]_1, which needs τ (and for
 * z = τ, where that divides by zero, every proof passes if y = p(τ) and
 * none otherwise). The check's two sides are e(C - [y]_1, H), one per y,
 * and e(π, [τ - z]_2), one per π, compared pairwise; kzg_toy_verify
 * itself is run on the one accepted proof and its neighbour. */
static void check_toy_binding(const char *curve, unsigned long tau_v, const unsigned long *zs,
                              size_t nz)
{
    toy_curve c;
    assert_int_equal(toy_curve_init(&c, curve), ZK_OK);
    unsigned long r = mpz_get_ui(c.r);
    mpz_t tau, z, y, v, k;
    mpz_inits(tau, z, y, v, k, NULL);
    mpz_set_ui(tau, tau_v);
    kzg_toy_srs srs;
    assert_int_equal(kzg_toy_setup(&srs, &c, tau, 3, 2), ZK_OK);
    bool ok;
    assert_int_equal(kzg_toy_check_powers(&ok, &srs), ZK_OK);
    assert_true(ok);
    mpz_t *p = zp_poly_new(3);
    mpz_set_ui(p[0], 2);
    mpz_set_ui(p[1], 1);
    mpz_set_ui(p[2], 3);
    enum { MAXR = 16 };
    assert_true(r <= MAXR);
    toy_point cm, proof, g[MAXR], t, tz;
    toy_elt rhs[MAXR], lhs;
    toy_point_init(&cm);
    toy_point_init(&proof);
    toy_point_init(&t);
    toy_point_init(&tz);
    toy_elt_init(&lhs);
    for (unsigned long i = 0; i < r; i++) {
        toy_point_init(&g[i]);
        toy_elt_init(&rhs[i]);
        toy_point_mul_u64(&c, &g[i], &c.g1, i);
    }
    assert_int_equal(kzg_toy_commit(&srs, &cm, p, 3), ZK_OK);
    /* C = [p(τ)]_1, and its discrete log is found by brute force. */
    mpz_t ptau;
    mpz_init(ptau);
    zp_poly_eval(&srs.fr, ptau, p, 3, tau);
    assert_int_equal(kzg_toy_dlog(&c, k, &cm, &c.g1), ZK_OK);
    ZK_ASSERT_MPZ_EQ(k, ptau);
    kzg_toy_check chk;
    kzg_toy_check_init(&chk);
    for (size_t iz = 0; iz < nz; iz++) {
        unsigned long zv = zs[iz];
        mpz_set_ui(z, zv);
        assert_int_equal(kzg_toy_open(&srs, &proof, y, p, 3, z), ZK_OK);
        zp_poly_eval(&srs.fr, v, p, 3, z);
        ZK_ASSERT_MPZ_EQ(y, v);
        assert_int_equal(kzg_toy_verify(&srs, &chk, &cm, z, y, &proof), ZK_OK);
        assert_true(chk.ok);
        /* [τ - z]_2 */
        toy_point_mul_u64(&c, &tz, &c.g2, zv);
        toy_point_neg(&c, &tz, &tz);
        toy_point_add(&c, &tz, &tz, &srs.g2[1]);
        for (unsigned long i = 0; i < r; i++)
            assert_int_equal(kzg_toy_pair(&c, &rhs[i], &g[i], &tz), ZK_OK);
        for (unsigned long yv = 0; yv < r; yv++) {
            mpz_set_ui(y, yv);
            toy_point_mul_u64(&c, &t, &c.g1, yv);
            toy_point_neg(&c, &t, &t);
            toy_point_add(&c, &t, &t, &cm);
            assert_int_equal(kzg_toy_pair(&c, &lhs, &t, &c.g2), ZK_OK);
            int accepted = 0;
            unsigned long which = 0;
            for (unsigned long i = 0; i < r; i++)
                if (toy_elt_eq(&c.F, &lhs, &rhs[i])) {
                    accepted++;
                    which = i;
                }
            if (zv == tau_v % r) {
                assert_int_equal(accepted, mpz_cmp(y, ptau) == 0 ? (int)r : 0);
                continue;
            }
            assert_int_equal(accepted, 1);
            /* which = (p(τ) - y)/(τ - z) mod r */
            mpz_t num, den;
            mpz_inits(num, den, NULL);
            zp_sub(&srs.fr, num, ptau, y);
            zp_sub(&srs.fr, den, tau, z);
            zp_reduce(&srs.fr, den, den);
            assert_int_equal(zp_inv(&srs.fr, den, den), ZK_OK);
            zp_mul(&srs.fr, num, num, den);
            assert_int_equal(mpz_get_ui(num), which);
            mpz_clears(num, den, NULL);
            assert_int_equal(kzg_toy_verify(&srs, &chk, &cm, z, y, &g[which]), ZK_OK);
            assert_true(chk.ok);
            assert_int_equal(kzg_toy_verify(&srs, &chk, &cm, z, y, &g[(which + 1) % r]), ZK_OK);
            assert_false(chk.ok);
        }
    }
    kzg_toy_check_clear(&chk);
    for (unsigned long i = 0; i < r; i++) {
        toy_point_clear(&g[i]);
        toy_elt_clear(&rhs[i]);
    }
    toy_elt_clear(&lhs);
    toy_point_clear(&cm);
    toy_point_clear(&proof);
    toy_point_clear(&t);
    toy_point_clear(&tz);
    zp_poly_free(p, 3);
    kzg_toy_srs_free(&srs);
    mpz_clears(tau, z, y, v, k, ptau, NULL);
    toy_curve_clear(&c);
}

static void test_toy_binding(void **state)
{
    (void)state;
    static const unsigned long all5[5] = {0, 1, 2, 3, 4}, some13[3] = {0, 7, 11};
    check_toy_binding("tjj13", 2, all5, 5);
    check_toy_binding("bls6_6", 7 + 13, some13, 3);   /* τ ≡ 7: z = τ is among them */
}

/* Batch opening and a three-party ceremony on BLS6_6: every update checks,
 * the final τ is the product, a skipped or faked update is caught. */
static void test_toy_batch_and_ceremony(void **state)
{
    (void)state;
    toy_curve c;
    assert_int_equal(toy_curve_init(&c, "bls6_6"), ZK_OK);
    mpz_t tau, z, gamma, s;
    mpz_inits(tau, z, gamma, s, NULL);
    mpz_set_ui(tau, 2);
    kzg_toy_srs srs;
    assert_int_equal(kzg_toy_setup(&srs, &c, tau, 4, 3), ZK_OK);
    mpz_t *p0 = zp_poly_new(4), *p1 = zp_poly_new(2), ys[2];
    for (int i = 0; i < 4; i++)
        mpz_set_ui(p0[i], (unsigned long)(3 * i + 1) % 13);
    mpz_set_ui(p1[0], 9);
    mpz_set_ui(p1[1], 4);
    mpz_init(ys[0]);
    mpz_init(ys[1]);
    mpz_t *polys[2] = {p0, p1};
    size_t lens[2] = {4, 2};
    toy_point cs[2], proof;
    toy_point_init(&cs[0]);
    toy_point_init(&cs[1]);
    toy_point_init(&proof);
    assert_int_equal(kzg_toy_commit(&srs, &cs[0], p0, 4), ZK_OK);
    assert_int_equal(kzg_toy_commit(&srs, &cs[1], p1, 2), ZK_OK);
    mpz_set_ui(z, 5);
    mpz_set_ui(gamma, 3);
    assert_int_equal(kzg_toy_open_batch(&srs, &proof, ys, polys, lens, 2, z, gamma), ZK_OK);
    kzg_toy_check chk;
    kzg_toy_check_init(&chk);
    assert_int_equal(kzg_toy_verify_batch(&srs, &chk, cs, ys, 2, z, gamma, &proof), ZK_OK);
    assert_true(chk.ok);
    mpz_add_ui(ys[1], ys[1], 1);
    mpz_mod_ui(ys[1], ys[1], 13);
    assert_int_equal(kzg_toy_verify_batch(&srs, &chk, cs, ys, 2, z, gamma, &proof), ZK_OK);
    assert_false(chk.ok);

    /* Three contributors: s = 3, 5, 11; τ ends as 2·3·5·11 = 330 ≡ 5. */
    static const unsigned long secrets[3] = {3, 5, 11};
    kzg_toy_srs old;
    toy_point pub;
    toy_point_init(&pub);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(kzg_toy_srs_copy(&old, &srs), ZK_OK);
        mpz_set_ui(s, secrets[i]);
        assert_int_equal(kzg_toy_contribute(&srs, &pub, s), ZK_OK);
        bool ok;
        assert_int_equal(kzg_toy_check_powers(&ok, &srs), ZK_OK);
        assert_true(ok);
        assert_int_equal(kzg_toy_check_update(&ok, &old, &srs, &pub), ZK_OK);
        assert_true(ok);
        /* The update checked against another contributor's key fails. */
        toy_point_mul_u64(&c, &pub, &c.g2, secrets[i] + 1);
        assert_int_equal(kzg_toy_check_update(&ok, &old, &srs, &pub), ZK_OK);
        assert_false(ok);
        kzg_toy_srs_free(&old);
    }
    mpz_t k;
    mpz_init(k);
    assert_int_equal(kzg_toy_dlog(&c, k, &srs.g1[1], &c.g1), ZK_OK);
    assert_int_equal(mpz_get_ui(k), 330 % 13);
    mpz_set_ui(s, 0);
    assert_int_equal(kzg_toy_contribute(&srs, &pub, s), ZK_EINVAL);
    /* A tampered power is caught by the consistency check. */
    toy_point_add(&c, &srs.g1[2], &srs.g1[2], &c.g1);
    bool ok;
    assert_int_equal(kzg_toy_check_powers(&ok, &srs), ZK_OK);
    assert_false(ok);
    mpz_clear(k);
    toy_point_clear(&pub);
    kzg_toy_check_clear(&chk);
    toy_point_clear(&cs[0]);
    toy_point_clear(&cs[1]);
    toy_point_clear(&proof);
    mpz_clear(ys[0]);
    mpz_clear(ys[1]);
    zp_poly_free(p0, 4);
    zp_poly_free(p1, 2);
    kzg_toy_srs_free(&srs);
    mpz_clears(tau, z, gamma, s, NULL);
    toy_curve_clear(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bn254_single),
        cmocka_unit_test(test_bn254_batch),
        cmocka_unit_test(test_toy_binding),
        cmocka_unit_test(test_toy_batch_and_ceremony),
    };
    return ZK_RUN_TESTS(tests);
}
