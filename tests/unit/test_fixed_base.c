/* Fixed-base tables: every window width against the wNAF multiplication on
 * edge and random scalars, the batch entry point (points in lock step,
 * batched affine additions) against single calls on edge scalars, its
 * events and cancellation, and the base checks; the batched affine
 * additions and doublings themselves against the Jacobian formulas,
 * infinity and equal x included. */
#include "zk_test.h"

#include <string.h>

#include "core/alloc.h"
#include "curve/batch_aff.h"
#include "curve/fixed_base.h"
#include "field/field.h"

static void scalar_for(uint64_t k[4], int it, zk_rng *rng)
{
    memset(k, 0, 32);
    switch (it) {
    case 0:
        break;   /* 0 */
    case 1:
        k[0] = 1;
        break;
    case 2:
        memcpy(k, fr_params.p, 32);   /* r: gives infinity */
        break;
    case 3:
        memcpy(k, fr_params.p, 32);
        k[0] -= 1;
        break;
    case 4:
        memset(k, 0xff, 32);   /* 2^256 - 1 */
        break;
    default:
        for (int i = 0; i < 4; i++)
            k[i] = zk_random_u64(rng);
    }
}

static void test_fixed_g1(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fixed_g1");
    const unsigned ws[] = {2, 3, 4, 5, 8, 12};
    for (size_t wi = 0; wi < ZK_ARRAY_LEN(ws); wi++) {
        g1_aff base;
        g1_random_var(&base, &rng);
        g1_fixed f;
        assert_int_equal(g1_fixed_init(&f, &base, ws[wi]), ZK_OK);
        g1_jac b, want, got;
        g1_from_aff(&b, &base);
        for (int it = 0; it < 12; it++) {
            uint64_t k[4];
            scalar_for(k, it, &rng);
            g1_mul_var(&want, &b, k);
            g1_fixed_mul_var(&got, &f, k);
            assert_true(g1_eq(&got, &want));
            g1_fixed_mul(&got, &f, k);
            assert_true(g1_eq(&got, &want));
        }
        g1_fixed_free(&f);
        assert_null(f.t);
    }
}

static void test_fixed_g2(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fixed_g2");
    const unsigned ws[] = {2, 5};
    for (size_t wi = 0; wi < ZK_ARRAY_LEN(ws); wi++) {
        g2_aff base;
        g2_random_var(&base, &rng);
        g2_fixed f;
        assert_int_equal(g2_fixed_init(&f, &base, ws[wi]), ZK_OK);
        g2_jac b, want, got;
        g2_from_aff(&b, &base);
        for (int it = 0; it < 8; it++) {
            uint64_t k[4];
            scalar_for(k, it, &rng);
            g2_mul_var(&want, &b, k);
            g2_fixed_mul_var(&got, &f, k);
            assert_true(g2_eq(&got, &want));
            g2_fixed_mul(&got, &f, k);
            assert_true(g2_eq(&got, &want));
        }
        g2_fixed_free(&f);
    }
}

/* Whether got = k·base, by the wNAF multiplication. */
static bool g1_is_multiple(const g1_aff *got, const g1_aff *base, const fr_t *k)
{
    g1_aff want;
    zk_test_g1_times(&want, base, k);
    return g1_aff_eq(got, &want);
}

static bool g2_is_multiple(const g2_aff *got, const g2_aff *base, const fr_t *k)
{
    g2_aff want;
    zk_test_g2_times(&want, base, k);
    return g2_aff_eq(got, &want);
}

static bool cancel_at_first(void *user, const zk_event *ev)
{
    int *seen = user;
    assert_string_equal(ev->phase, "fixed_g1");
    if (ev->kind == ZK_EV_PROGRESS)
        return ++*seen > 1;
    return true;
}

static void test_fixed_many(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fixed_many");
    enum { N = 9000 };   /* more than one round of progress */
    g1_fixed f;
    assert_int_equal(g1_fixed_init(&f, &g1_generator, 6), ZK_OK);
    fr_t *k = zk_alloc(N, sizeof *k);
    g1_aff *a = zk_alloc(N, sizeof *a), *b = zk_alloc(N, sizeof *b);
    assert_non_null(k);
    assert_non_null(a);
    assert_non_null(b);
    for (size_t i = 0; i < N; i++) {
        if (i % 50 == 7)
            fr_zero(&k[i]);
        else
            fr_random(&k[i], &rng);
    }
    assert_int_equal(g1_fixed_mul_many(a, &f, k, N, false, NULL), ZK_OK);
    assert_int_equal(g1_fixed_mul_many(b, &f, k, 300, true, NULL), ZK_OK);
    for (size_t i = 0; i < N; i += (i < 300 ? 1 : 97)) {
        assert_true(g1_is_multiple(&a[i], &g1_generator, &k[i]));
        if (i < 300)
            assert_true(g1_is_multiple(&b[i], &g1_generator, &k[i]));
        assert_int_equal(a[i].inf, i % 50 == 7);
    }
    int seen = 0;
    zk_events sink = {cancel_at_first, &seen};
    assert_int_equal(g1_fixed_mul_many(a, &f, k, N, false, &sink), ZK_ECANCELLED);

    g2_fixed f2;
    assert_int_equal(g2_fixed_init(&f2, &g2_generator, 4), ZK_OK);
    g2_aff c[40];
    assert_int_equal(g2_fixed_mul_many(c, &f2, k, 40, true, NULL), ZK_OK);
    for (size_t i = 0; i < 40; i++)
        assert_true(g2_is_multiple(&c[i], &g2_generator, &k[i]));
    g2_fixed_free(&f2);
    g1_fixed_free(&f);
    zk_free(k);
    zk_free(a);
    zk_free(b);
}

/* Scalars near the ends of the recoding: 0, ±1, ±2, ±3, (r ± 1)/2, powers
 * of two, then random ones; many (both ways) against the wNAF one by one. */
static void edge_scalar(fr_t *k, int i, zk_rng *rng)
{
    static const int64_t small[] = {0, 1, 2, 3, -1, -2, -3, 15, 16, 17, -16, 255, 256};
    int ns = (int)ZK_ARRAY_LEN(small);
    if (i < ns) {
        fr_from_u64(k, (uint64_t)(small[i] < 0 ? -small[i] : small[i]));
        if (small[i] < 0)
            fr_neg(k, k);
        return;
    }
    fr_t two, half;
    fr_from_u64(&two, 2);
    fr_inv_var(&half, &two);
    switch (i - ns) {
    case 0: *k = half; return;                              /* (r + 1)/2 */
    case 1: fr_neg(k, &half); return;                       /* (r − 1)/2 */
    case 2: fr_pow_u64(k, &two, 253); return;
    case 3: fr_pow_u64(k, &two, 128); return;
    case 4: fr_pow_u64(k, &two, 200); fr_neg(k, k); return;
    default: fr_random(k, rng); return;
    }
}

static void test_fixed_many_edges(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    enum { N = 300 };
    fr_t k[N];
    for (int i = 0; i < N; i++)
        edge_scalar(&k[i], i, &rng);
    const unsigned ws[] = {2, 4, 5, 9};
    for (size_t wi = 0; wi < ZK_ARRAY_LEN(ws); wi++) {
        g1_aff base, a[N], b[N];
        g1_random_var(&base, &rng);
        g1_fixed f;
        assert_int_equal(g1_fixed_init(&f, &base, ws[wi]), ZK_OK);
        assert_int_equal(g1_fixed_mul_many(a, &f, k, N, false, NULL), ZK_OK);
        assert_int_equal(g1_fixed_mul_many(b, &f, k, N, true, NULL), ZK_OK);
        for (int i = 0; i < N; i++)
            if (!g1_is_multiple(&a[i], &base, &k[i]) || !g1_is_multiple(&b[i], &base, &k[i]))
                fail_msg("w=%u scalar %d", ws[wi], i);
        g1_fixed_free(&f);
    }
    g2_aff base2, c[40], d[40];
    g2_random_var(&base2, &rng);
    g2_fixed f2;
    assert_int_equal(g2_fixed_init(&f2, &base2, 4), ZK_OK);
    assert_int_equal(g2_fixed_mul_many(c, &f2, k, 40, false, NULL), ZK_OK);
    assert_int_equal(g2_fixed_mul_many(d, &f2, k, 40, true, NULL), ZK_OK);
    for (int i = 0; i < 40; i++)
        if (!g2_is_multiple(&c[i], &base2, &k[i]) || !g2_is_multiple(&d[i], &base2, &k[i]))
            fail_msg("G2 scalar %d", i);
    g2_fixed_free(&f2);
}

/* Pairs of every kind: random, one or both at infinity, P + P, P + (−P). */
static void test_batch_aff(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    enum { N = 40 };
    g1_aff a[N], b[N], d[N];
    g2_aff a2[N], b2[N], d2[N];
    fq_t tmp[2 * N];
    fq2_t tmp2[2 * N];
    for (int i = 0; i < N; i++) {
        g1_random_var(&a[i], &rng);
        g1_random_var(&b[i], &rng);
        g2_random_var(&a2[i], &rng);
        g2_random_var(&b2[i], &rng);
        switch (i % 8) {
        case 1: g1_aff_set_inf(&a[i]); g2_aff_set_inf(&a2[i]); break;
        case 2: g1_aff_set_inf(&b[i]); g2_aff_set_inf(&b2[i]); break;
        case 3: g1_aff_set_inf(&a[i]); g1_aff_set_inf(&b[i]);
                g2_aff_set_inf(&a2[i]); g2_aff_set_inf(&b2[i]); break;
        case 4: b[i] = a[i]; b2[i] = a2[i]; break;
        case 5: g1_aff_neg(&b[i], &a[i]); g2_aff_neg(&b2[i], &a2[i]); break;
        default: break;
        }
    }
    for (int ct = 0; ct < 2; ct++) {
        zk_rng blind, *bl = ct ? &blind : NULL;
        zk_test_rng(&blind, "blind");
        memcpy(d, a, sizeof a);
        memcpy(d2, a2, sizeof a2);
        g1_aff_add_many(d, b, N, tmp, bl);
        g2_aff_add_many(d2, b2, N, tmp2, bl);
        for (int i = 0; i < N; i++) {
            g1_jac j, want;
            g1_from_aff(&j, &a[i]);
            g1_add_mixed_var(&want, &j, &b[i]);
            g1_from_aff(&j, &d[i]);
            if (!g1_eq(&j, &want))
                fail_msg("G1 add, pair %d (ct %d)", i, ct);
            g2_jac j2, want2;
            g2_from_aff(&j2, &a2[i]);
            g2_add_mixed_var(&want2, &j2, &b2[i]);
            g2_from_aff(&j2, &d2[i]);
            if (!g2_eq(&j2, &want2))
                fail_msg("G2 add, pair %d (ct %d)", i, ct);
        }
        memcpy(d, a, sizeof a);
        memcpy(d2, a2, sizeof a2);
        g1_aff_dbl_many(d, N, tmp, bl);
        g2_aff_dbl_many(d2, N, tmp2, bl);
        for (int i = 0; i < N; i++) {
            g1_jac j, want;
            g1_from_aff(&j, &a[i]);
            g1_dbl(&want, &j);
            g1_from_aff(&j, &d[i]);
            assert_true(g1_eq(&j, &want));
            g2_jac j2, want2;
            g2_from_aff(&j2, &a2[i]);
            g2_dbl(&want2, &j2);
            g2_from_aff(&j2, &d2[i]);
            assert_true(g2_eq(&j2, &want2));
        }
    }
}

static void test_fixed_rejects(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fixed_rejects");
    g1_fixed f;
    assert_int_equal(g1_fixed_init(&f, &g1_generator, 1), ZK_EINVAL);
    assert_int_equal(g1_fixed_init(&f, &g1_generator, 13), ZK_EINVAL);
    g1_aff inf;
    g1_aff_set_inf(&inf);
    assert_int_equal(g1_fixed_init(&f, &inf, 4), ZK_EINVAL);
    g1_aff off = g1_generator;
    fq_from_u64(&off.y, 3);
    assert_int_equal(g1_fixed_init(&f, &off, 4), ZK_ENOTONCURVE);
    assert_null(f.t);
    /* A point of the twist outside G2. */
    g2_aff t;
    g2_random_on_twist_var(&t, &rng);
    g2_fixed f2;
    assert_int_equal(g2_fixed_init(&f2, &t, 4), ZK_ENOTINSUBGROUP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_g1),
        cmocka_unit_test(test_fixed_g2),
        cmocka_unit_test(test_fixed_many),
        cmocka_unit_test(test_fixed_many_edges),
        cmocka_unit_test(test_batch_aff),
        cmocka_unit_test(test_fixed_rejects),
    };
    return ZK_RUN_TESTS(tests);
}
