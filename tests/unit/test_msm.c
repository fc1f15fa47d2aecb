/* Multi-scalar multiplication against independent references:
 *  - small sizes: the naive Σ s_i·P_i with one wNAF multiplication each;
 *  - large sizes: points in arithmetic progression P_i = A + i·B, for which
 *    Σ s_i·P_i = (Σ s_i)·A + (Σ i·s_i)·B needs two multiplications;
 * over scalar mixes that hit every path (dense, 0/1, small negatives r - k,
 * zeros, the (r-1)/2 boundary), points at infinity, repeated points, P next
 * to -P, and forced window sizes, bucket modes and bucket ranges. Every
 * bucket path runs whatever the CPU: Jacobian, eight lanes (IFMA and its C
 * twin) and 4×64-bit batches (MULX/ADX and the C twins), the last two also
 * as bare batch kernels against single additions. */
#include "zk_test.h"

#include <stdint.h>
#include <string.h>

#include "curve/msm.h"
#include "curve/msm_lanes.h"
#include "field/field.h"

enum { MIX_DENSE, MIX_BITS, MIX_SMALL_NEG, MIX_ZERO, MIX_SMALL, MIX_BOUNDARY, MIX_ALL, MIX_COUNT };

static void fill_scalars(fr_t *s, size_t n, int mix, zk_rng *rng)
{
    for (size_t i = 0; i < n; i++) {
        int m = mix == MIX_ALL ? (int)zk_random_below(rng, MIX_ALL) : mix;
        switch (m) {
        case MIX_DENSE:
            fr_random(&s[i], rng);
            break;
        case MIX_BITS:
            fr_from_u64(&s[i], zk_random_below(rng, 2));
            break;
        case MIX_SMALL_NEG:
            fr_from_u64(&s[i], 1 + zk_random_below(rng, 1000));
            fr_neg(&s[i], &s[i]);
            break;
        case MIX_ZERO:
            fr_zero(&s[i]);
            break;
        case MIX_SMALL:
            fr_from_u64(&s[i], zk_random_below(rng, (uint64_t)1 << 20));
            break;
        default: {
            /* (r-1)/2 + {-1, 0, 1, 2}: either side of the folding point. */
            uint64_t h[4];
            memcpy(h, fr_params.p_minus_1_half, sizeof h);
            fr_from_int(&s[i], h);
            fr_t d;
            fr_from_u64(&d, zk_random_below(rng, 4));
            fr_add(&s[i], &s[i], &d);
            fr_from_u64(&d, 1);
            fr_sub(&s[i], &s[i], &d);
            break;
        }
        }
    }
}

/* ---- G1 ------------------------------------------------------------------- */

static void g1_naive(g1_jac *r, const g1_aff *p, const fr_t *s, size_t n)
{
    g1_set_inf(r);
    for (size_t i = 0; i < n; i++) {
        uint64_t k[4];
        g1_jac t;
        fr_to_int(k, &s[i]);
        g1_from_aff(&t, &p[i]);
        g1_mul_var(&t, &t, k);
        g1_add_var(r, r, &t);
    }
}

/* Σ s_i·(A + i·B) over the finite points. */
static void g1_progression_sum(g1_jac *r, const g1_aff *pts, const fr_t *s, size_t n,
                               const g1_aff *a, const g1_aff *b)
{
    fr_t sa, sb, t, fi;
    fr_zero(&sa);
    fr_zero(&sb);
    for (size_t i = 0; i < n; i++) {
        if (pts[i].inf)
            continue;
        fr_add(&sa, &sa, &s[i]);
        fr_from_u64(&fi, i);
        fr_mul(&t, &fi, &s[i]);
        fr_add(&sb, &sb, &t);
    }
    uint64_t ka[4], kb[4];
    fr_to_int(ka, &sa);
    fr_to_int(kb, &sb);
    g1_jac pa, pb;
    g1_from_aff(&pa, a);
    g1_from_aff(&pb, b);
    g1_mul_var(&pa, &pa, ka);
    g1_mul_var(&pb, &pb, kb);
    g1_add_var(r, &pa, &pb);
}

/* {window bits, bucket mode, bucket ranges}: zeros choose. */
static const msm_config g_configs[] = {
    {0, 0, 0},
    {0, -1, 0},      /* Jacobian buckets */
    {0, 1, 0},       /* batch-affine buckets */
    {2, 1, 1},
    {2, 1, 2},
    {3, -1, 3},      /* rounded down to 2 ranges */
    {5, 1, 16},
    {8, 1, 0},
    {11, 1, 64},
    {13, -1, 4},
    {16, 1, 1},
    {0, 2, 0},       /* eight lanes at a time (G1; batch-affine for G2) */
};

/* The batch-affine paths, under each kernel set this CPU runs: eight lanes
 * (IFMA or its C twin) and 4×64-bit (MULX/ADX or the C twins). */
static const msm_config g_lane_configs[] = {
    {0, 2, 0}, {2, 2, 1}, {3, 2, 2}, {6, 2, 4}, {9, 2, 0}, {12, 2, 2},
    {13, 2, 1},   /* a narrow top window spread over copies of its buckets */
};
static const msm_config g_x4_configs[] = {
    {0, 1, 0}, {2, 1, 1}, {3, 1, 2}, {6, 1, 4}, {9, 1, 0}, {12, 1, 2}, {13, 1, 1},
};
/* The batch tests run once per path and kernel set on the same cases (their
 * generator is seeded by the group's name, not the path's), so the naive
 * sums one run computes are kept for the next: case i's sum is in the
 * cache once i is below known. */
enum { NAIVE_CACHE = 256 };
static struct {
    g1_jac g1[NAIVE_CACHE];
    g2_jac g2[NAIVE_CACHE];
    size_t g1_known, g2_known;
} g_naive;

/* Selects the lanes' kernel set *state names (ZK_KERNEL_TEST); the IFMA one
 * skips, saying why, on a CPU without it. */
static const char *use_lane_kernels(void **state)
{
    const char *k = *state;
    zk_test_need_kernel(m52x8_select(k), "IFMA MSM lane", "avx512f avx512ifma");
    return k;
}

/* Selects the 4×64-bit kernel set *state names ("adx", "portable"). */
static const char *use_x4_kernels(void **state)
{
    const char *k = *state;
    zk_test_use_mont256(k);
    return k;
}

enum { PTS_RANDOM, PTS_SOME_INF, PTS_REPEATED, PTS_PLUS_MINUS, PTS_COUNT };

static void g1_fill_points(g1_aff *p, size_t n, int kind, zk_rng *rng)
{
    for (size_t i = 0; i < n; i++) {
        if (kind == PTS_REPEATED && i > 0) {
            p[i] = p[i % 3];   /* three distinct points, repeated */
        } else if (kind == PTS_PLUS_MINUS && i % 2 == 1) {
            g1_aff_neg(&p[i], &p[i - 1]);
        } else if (kind == PTS_SOME_INF && i % 4 == 2) {
            g1_aff_set_inf(&p[i]);
        } else {
            g1_random_var(&p[i], rng);
        }
    }
}

static void test_msm_g1_small(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "msm_g1_small");
    const size_t sizes[] = {0, 1, 2, 3, 15, 16, 17, 100};
    enum { MAX = 100 };
    g1_aff pts[MAX];
    fr_t sc[MAX];
    for (size_t si = 0; si < ZK_ARRAY_LEN(sizes); si++) {
        size_t n = sizes[si];
        for (int mix = 0; mix < MIX_COUNT; mix++) {
            for (int pk = 0; pk < PTS_COUNT; pk++) {
                g1_fill_points(pts, n, pk, &rng);
                fill_scalars(sc, n, mix, &rng);
                /* Repeated points with repeated scalars make every batched
                 * addition collide or double. */
                if (pk == PTS_REPEATED && mix == MIX_SMALL)
                    for (size_t i = 3; i < n; i++)
                        sc[i] = sc[i % 3];
                if (pk == PTS_PLUS_MINUS && mix == MIX_DENSE)
                    for (size_t i = 1; i < n; i += 2)
                        sc[i] = sc[i - 1];   /* s·P + s·(-P) cancel in a bucket */
                g1_jac want, got;
                g1_naive(&want, pts, sc, n);
                for (size_t c = 0; c < ZK_ARRAY_LEN(g_configs); c++) {
                    /* Every config on the shortest inputs, fewer later. */
                    if ((n > 3 && c % 2 == 1) || (n > 20 && c % 3 != 0))
                        continue;
                    assert_int_equal(g1_msm_var_with(&got, pts, sc, n, NULL, &g_configs[c]), ZK_OK);
                    if (!g1_eq(&got, &want))
                        fail_msg("n=%zu mix=%d points=%d config=%zu", n, mix, pk, c);
                }
            }
        }
    }
}

/* The batch-affine paths against the naive sum, under the kernel set the
 * caller selected: every scalar mix and point kind, including the inputs
 * that make additions collide, double and cancel inside a bucket (which
 * the batches must route around). */
static void g1_batch_cases(const msm_config *cfgs, size_t n_cfgs, const char *kernels)
{
    size_t cases = 0;
    zk_rng rng;
    zk_test_rng(&rng, "msm_g1_batch");
    const size_t sizes[] = {1, 2, 9, 17, 100, 600};
    enum { MAX = 600 };
    g1_aff *pts = zk_alloc(MAX, sizeof *pts);
    fr_t *sc = zk_alloc(MAX, sizeof *sc);
    assert_non_null(pts);
    assert_non_null(sc);
    for (size_t si = 0; si < ZK_ARRAY_LEN(sizes); si++) {
        size_t n = sizes[si];
        for (int mix = 0; mix < MIX_COUNT; mix++) {
            for (int pk = 0; pk < PTS_COUNT; pk++) {
                if (n > 100 && (mix + pk) % 3 != 0)
                    continue;
                g1_fill_points(pts, n, pk, &rng);
                fill_scalars(sc, n, mix, &rng);
                if (pk == PTS_REPEATED)
                    for (size_t i = 3; i < n; i++)
                        sc[i] = sc[i % 3];
                if (pk == PTS_PLUS_MINUS)
                    for (size_t i = 1; i < n; i += 2)
                        sc[i] = sc[i - 1];
                assert_true(cases < NAIVE_CACHE);
                g1_jac got, *want = &g_naive.g1[cases];
                if (cases++ == g_naive.g1_known) {
                    g1_naive(want, pts, sc, n);
                    g_naive.g1_known++;
                }
                for (size_t c = 0; c < n_cfgs; c++) {
                    assert_int_equal(g1_msm_var_with(&got, pts, sc, n, NULL, &cfgs[c]), ZK_OK);
                    if (!g1_eq(&got, want))
                        fail_msg("n=%zu mix=%d points=%d config=%zu kernels=%s", n, mix, pk, c,
                                 kernels);
                }
            }
        }
    }
    zk_free(pts);
    zk_free(sc);
}

/* Eight lanes (curve/msm_lanes.c), with the IFMA kernels and their C twin. */
static void test_msm_g1_lanes(void **state)
{
    const char *kernels = use_lane_kernels(state);
    g1_batch_cases(g_lane_configs, ZK_ARRAY_LEN(g_lane_configs), kernels);
}

/* 4×64-bit batches (curve/msm_x4.c), with the MULX/ADX kernels and the C
 * twins: the path of every CPU without IFMA, tested on those with it too. */
static void test_msm_g1_x4(void **state)
{
    const char *kernels = use_x4_kernels(state);
    g1_batch_cases(g_x4_configs, ZK_ARRAY_LEN(g_x4_configs), kernels);
}

static void test_msm_g1_large(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "msm_g1_large");
    const size_t sizes[] = {1000, 3000, 20000};
    enum { MAX = 20000 };
    g1_aff *pts = zk_alloc(MAX, sizeof *pts), a, b;
    fr_t *sc = zk_alloc(MAX, sizeof *sc);
    assert_non_null(pts);
    assert_non_null(sc);
    g1_random_var(&a, &rng);
    g1_random_var(&b, &rng);
    g1_progression_var(pts, MAX, &a, &b);
    for (size_t si = 0; si < ZK_ARRAY_LEN(sizes); si++) {
        size_t n = sizes[si];
        for (int mix = 0; mix < MIX_COUNT; mix++) {
            if (n > 5000 && mix != MIX_DENSE && mix != MIX_ALL)
                continue;
            fill_scalars(sc, n, mix, &rng);
            if (mix == MIX_ALL) {
                /* Knock out some points, and repeat others with their scalars. */
                for (size_t i = 0; i < n; i += 97)
                    g1_aff_set_inf(&pts[i]);
            }
            g1_jac want, got;
            g1_progression_sum(&want, pts, sc, n, &a, &b);
            const msm_config cfgs[] = {{0, 0, 0}, {0, -1, 0}, {12, 1, 8}, {0, 1, 0}, {0, 2, 0},
                                       {13, 2, 1}};
            for (size_t c = 0; c < ZK_ARRAY_LEN(cfgs); c++) {
                if (n > 5000 && c > 0 && c < 4)
                    continue;
                assert_int_equal(g1_msm_var_with(&got, pts, sc, n, NULL, &cfgs[c]), ZK_OK);
                if (!g1_eq(&got, &want))
                    fail_msg("n=%zu mix=%d config=%zu", n, mix, c);
            }
            /* The lanes' C twin on the largest inputs too. */
            if (n > 5000) {
                assert_true(m52x8_select("portable"));
                assert_int_equal(g1_msm_var_with(&got, pts, sc, n, NULL, &cfgs[4]), ZK_OK);
                field_init();
                if (!g1_eq(&got, &want))
                    fail_msg("n=%zu mix=%d portable lanes", n, mix);
            }
            if (mix == MIX_ALL)
                g1_progression_var(pts, MAX, &a, &b);
        }
    }
    /* 1000 independent random points against the naive sum as well. */
    for (size_t i = 0; i < 1000; i++)
        g1_random_var(&pts[i], &rng);
    fill_scalars(sc, 1000, MIX_ALL, &rng);
    {
        g1_jac want, got;
        g1_naive(&want, pts, sc, 1000);
        assert_int_equal(g1_msm_var(&got, pts, sc, 1000, NULL), ZK_OK);
        assert_true(g1_eq(&got, &want));
    }

    /* A few thousand copies of one point with one scalar: every addition
     * collides with a waiting bucket. Σ = (n·s)·P. */
    size_t n = 3000;
    for (size_t i = 0; i < n; i++) {
        pts[i] = a;
        fr_from_u64(&sc[i], 123456789);
    }
    g1_jac want, got;
    uint64_t k[4] = {(uint64_t)123456789 * 3000, 0, 0, 0};
    g1_from_aff(&want, &a);
    g1_mul_var(&want, &want, k);
    const msm_config batched[] = {{0, 1, 0}, {0, 2, 0}, {9, 2, 0}};
    assert_int_equal(g1_msm_var(&got, pts, sc, n, NULL), ZK_OK);
    assert_true(g1_eq(&got, &want));
    for (size_t c = 0; c < ZK_ARRAY_LEN(batched); c++) {
        assert_int_equal(g1_msm_var_with(&got, pts, sc, n, NULL, &batched[c]), ZK_OK);
        assert_true(g1_eq(&got, &want));
    }
    zk_free(pts);
    zk_free(sc);
}

/* Scalars ±1, which are summed apart (a tree of batched additions when
 * there are many): thousands of them on points that repeat, cancel (P next
 * to -P) and vanish (infinity), with a few other scalars beside, against
 * the plain sum Σ ±P_i, on every bucket path with the kernels field_init
 * chose (the lanes' and 4×64-bit kernels' twins are exercised by the
 * tests above on the same staging code). */
static void test_msm_ones(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "msm_ones");
    enum { N = 3000 };
    g1_aff *pts = zk_alloc(N, sizeof *pts);
    fr_t *sc = zk_alloc(N, sizeof *sc);
    assert_non_null(pts);
    assert_non_null(sc);
    for (int kind = 0; kind < PTS_COUNT; kind++) {
        g1_fill_points(pts, N, kind, &rng);
        g1_jac want;
        g1_set_inf(&want);
        for (size_t i = 0; i < N; i++) {
            uint64_t pick = zk_random_below(&rng, 16);
            if (pick == 0) {
                fr_random(&sc[i], &rng);   /* a few go through the windows */
                g1_jac t;
                uint64_t k[4];
                fr_to_int(k, &sc[i]);
                g1_from_aff(&t, &pts[i]);
                g1_mul_var(&t, &t, k);
                g1_add_var(&want, &want, &t);
                continue;
            }
            fr_one(&sc[i]);
            g1_aff p = pts[i];
            if (pick < 6) {
                fr_neg(&sc[i], &sc[i]);
                g1_aff_neg(&p, &p);
            }
            g1_add_mixed_var(&want, &want, &p);
        }
        const msm_config cfgs[] = {{0, 0, 0}, {0, -1, 0}, {0, 1, 0}, {0, 2, 0}};
        for (size_t c = 0; c < ZK_ARRAY_LEN(cfgs); c++) {
            g1_jac got;
            assert_int_equal(g1_msm_var_with(&got, pts, sc, N, NULL, &cfgs[c]), ZK_OK);
            if (!g1_eq(&got, &want))
                fail_msg("points=%d config=%zu", kind, c);
        }
    }
    zk_free(pts);
    zk_free(sc);
}

/* Scalars at the edges of the signed digits, for every window size: the
 * half-way value 2^(c-1) (the first digit that wraps to -2^(c-1)), its
 * neighbours, all-ones windows that carry through, and the same in the
 * second window. */
static void test_msm_digit_edges(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "msm_digit_edges");
    enum { N = 10 };
    g1_aff pts[N];
    fr_t sc[N];
    for (size_t i = 0; i < N; i++)
        g1_random_var(&pts[i], &rng);
    for (unsigned c = 2; c <= 16; c++) {
        const uint64_t h = (uint64_t)1 << (c - 1);
        const uint64_t v[N] = {
            h, h - 1, h + 1, 2 * h - 1, 2 * h, h << c, (h << c) - 1, (h << c) + h,
            ((uint64_t)1 << (2 * c)) - 1, h | (h << c) | (h << (2 * c)),
        };
        for (size_t i = 0; i < N; i++)
            fr_from_u64(&sc[i], v[i]);
        g1_jac want, got;
        g1_naive(&want, pts, sc, N);
        for (int batch = -1; batch <= 1; batch += 2) {
            const msm_config cfg = {c, batch, 1};
            assert_int_equal(g1_msm_var_with(&got, pts, sc, N, NULL, &cfg), ZK_OK);
            if (!g1_eq(&got, &want))
                fail_msg("c=%u batch=%d", c, batch);
        }
    }
}

typedef struct ev_log {
    int begins, progresses, ends;
    uint64_t last_done, total;
    int cancel_after;   /* cancel at this progress event, -1 never */
} ev_log;

static bool on_event(void *user, const zk_event *ev)
{
    ev_log *l = user;
    assert_string_equal(ev->phase, "msm_g1");
    if (ev->kind == ZK_EV_BEGIN) {
        l->begins++;
        l->total = ev->total;
    } else if (ev->kind == ZK_EV_PROGRESS) {
        assert_true(ev->done > l->last_done && ev->done <= l->total);
        l->last_done = ev->done;
        if (l->progresses++ == l->cancel_after)
            return false;
    } else if (ev->kind == ZK_EV_END) {
        l->ends++;
        assert_int_equal(ev->done, l->total);
    }
    return true;
}

static void test_msm_events(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "msm_events");
    enum { N = 2000 };
    g1_aff *pts = zk_alloc(N, sizeof *pts), a, b;
    fr_t *sc = zk_alloc(N, sizeof *sc);
    assert_non_null(pts);
    assert_non_null(sc);
    g1_random_var(&a, &rng);
    g1_random_var(&b, &rng);
    g1_progression_var(pts, N, &a, &b);
    fill_scalars(sc, N, MIX_DENSE, &rng);

    ev_log log = {.cancel_after = -1};
    zk_events sink = {on_event, &log};
    g1_jac got, want;
    assert_int_equal(g1_msm_var(&got, pts, sc, N, &sink), ZK_OK);
    g1_progression_sum(&want, pts, sc, N, &a, &b);
    assert_true(g1_eq(&got, &want));
    assert_int_equal(log.begins, 1);
    assert_int_equal(log.ends, 1);
    assert_true(log.progresses >= 2);
    assert_int_equal(log.last_done, log.total);

    /* Scratch that cannot exist (n·32 bytes overflows): ZK_ENOMEM, r = O,
     * and the inputs are never read. */
    g1_set_inf(&want);
    g1_dbl(&got, &want);
    assert_int_equal(g1_msm_var(&got, pts, sc, SIZE_MAX / 16, NULL), ZK_ENOMEM);
    assert_true(g1_is_inf(&got));

    ev_log stop = {.cancel_after = 0};
    sink.user = &stop;
    assert_int_equal(g1_msm_var(&got, pts, sc, N, &sink), ZK_ECANCELLED);
    assert_true(g1_is_inf(&got));
    assert_int_equal(stop.ends, 0);
    zk_free(pts);
    zk_free(sc);
}

/* ---- G2 ------------------------------------------------------------------- */

static void g2_naive(g2_jac *r, const g2_aff *p, const fr_t *s, size_t n)
{
    g2_set_inf(r);
    for (size_t i = 0; i < n; i++) {
        uint64_t k[4];
        g2_jac t;
        fr_to_int(k, &s[i]);
        g2_from_aff(&t, &p[i]);
        g2_mul_var(&t, &t, k);
        g2_add_var(r, r, &t);
    }
}

static void test_msm_g2(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "msm_g2");
    enum { MAX = 2000 };
    g2_aff *pts = zk_alloc(MAX, sizeof *pts), a, b;
    fr_t *sc = zk_alloc(MAX, sizeof *sc);
    assert_non_null(pts);
    assert_non_null(sc);
    const size_t small[] = {0, 1, 2, 3, 17, 40};
    for (size_t si = 0; si < ZK_ARRAY_LEN(small); si++) {
        size_t n = small[si];
        for (int mix = 0; mix < MIX_COUNT; mix += 2) {
            for (size_t i = 0; i < n; i++) {
                if (i % 5 == 4)
                    g2_aff_set_inf(&pts[i]);
                else if (i % 5 == 3)
                    g2_aff_neg(&pts[i], &pts[i - 1]);
                else
                    g2_random_var(&pts[i], &rng);
            }
            fill_scalars(sc, n, mix, &rng);
            g2_jac want, got;
            g2_naive(&want, pts, sc, n);
            for (size_t c = 0; c < ZK_ARRAY_LEN(g_configs); c += 2) {
                assert_int_equal(g2_msm_var_with(&got, pts, sc, n, NULL, &g_configs[c]), ZK_OK);
                if (!g2_eq(&got, &want))
                    fail_msg("n=%zu mix=%d config=%zu", n, mix, c);
            }
        }
    }
    /* Large: the progression identity. */
    g2_random_var(&a, &rng);
    g2_random_var(&b, &rng);
    g2_progression_var(pts, MAX, &a, &b);
    fill_scalars(sc, MAX, MIX_ALL, &rng);
    fr_t sa, sb, t, fi;
    fr_zero(&sa);
    fr_zero(&sb);
    for (size_t i = 0; i < MAX; i++) {
        fr_add(&sa, &sa, &sc[i]);
        fr_from_u64(&fi, i);
        fr_mul(&t, &fi, &sc[i]);
        fr_add(&sb, &sb, &t);
    }
    uint64_t ka[4], kb[4];
    fr_to_int(ka, &sa);
    fr_to_int(kb, &sb);
    g2_jac pa, pb, want, got;
    g2_from_aff(&pa, &a);
    g2_from_aff(&pb, &b);
    g2_mul_var(&pa, &pa, ka);
    g2_mul_var(&pb, &pb, kb);
    g2_add_var(&want, &pa, &pb);
    assert_int_equal(g2_msm_var(&got, pts, sc, MAX, NULL), ZK_OK);
    assert_true(g2_eq(&got, &want));
    zk_free(pts);
    zk_free(sc);
}

/* G2's batch-affine paths against the naive sum, under the kernel set the
 * caller selected: points at infinity, P next to -P with equal scalars,
 * and repeated points with repeated scalars (doublings in buckets and
 * chains). */
static void g2_batch_cases(const msm_config *cfgs, size_t n_cfgs, const char *kernels)
{
    size_t cases = 0;
    zk_rng rng;
    zk_test_rng(&rng, "msm_g2_batch");
    enum { MAX = 300 };
    const size_t sizes[] = {1, 9, 17, 100, MAX};
    g2_aff *pts = zk_alloc(MAX, sizeof *pts);
    fr_t *sc = zk_alloc(MAX, sizeof *sc);
    assert_non_null(pts);
    assert_non_null(sc);
    for (size_t si = 0; si < ZK_ARRAY_LEN(sizes); si++) {
        size_t n = sizes[si];
        for (int mix = 0; mix < MIX_COUNT; mix += 3) {
            for (size_t i = 0; i < n; i++) {
                if (i % 7 == 6)
                    g2_aff_set_inf(&pts[i]);
                else if (i % 7 == 3)
                    g2_aff_neg(&pts[i], &pts[i - 1]);
                else if (i % 7 == 5)
                    pts[i] = pts[i - 5];
                else
                    g2_random_var(&pts[i], &rng);
            }
            fill_scalars(sc, n, mix, &rng);
            for (size_t i = 0; i < n; i++)
                if (i % 7 == 3 || i % 7 == 5)
                    sc[i] = sc[i - (i % 7 == 3 ? 1 : 5)];
            assert_true(cases < NAIVE_CACHE);
            g2_jac got, *want = &g_naive.g2[cases];
            if (cases++ == g_naive.g2_known) {
                g2_naive(want, pts, sc, n);
                g_naive.g2_known++;
            }
            for (size_t c = 0; c < n_cfgs; c++) {
                if (n > 20 && c % 2 == 1)
                    continue;
                assert_int_equal(g2_msm_var_with(&got, pts, sc, n, NULL, &cfgs[c]), ZK_OK);
                if (!g2_eq(&got, want))
                    fail_msg("n=%zu mix=%d config=%zu kernels=%s", n, mix, c, kernels);
            }
        }
    }
    zk_free(pts);
    zk_free(sc);
}

static void test_msm_g2_lanes(void **state)
{
    const char *kernels = use_lane_kernels(state);
    g2_batch_cases(g_lane_configs, ZK_ARRAY_LEN(g_lane_configs), kernels);
}

static void test_msm_g2_x4(void **state)
{
    const char *kernels = use_x4_kernels(state);
    g2_batch_cases(g_x4_configs, ZK_ARRAY_LEN(g_x4_configs), kernels);
}

/* ---- the 4×64-bit batch kernels themselves ---------------------------------- */

/* m additions B_t + P_t of random points (x_B ≠ x_P), through
 * msm_x4_add_g1 and _g2 with each kernel set, against the Jacobian
 * additions; odd and even m, so that the odd one out and the pairs both
 * run. The kernel sets' results are canonical, so matching the reference
 * makes the assembly and its C twin agree bit for bit. */
static void test_msm_x4_kernels(void **state)
{
    const char *kernels = use_x4_kernels(state);
    zk_rng rng;
    zk_test_rng(&rng, "msm_x4_kernels");
    enum { MAX = 41 };
    const size_t sizes[] = {1, 2, 3, 8, 17, MAX};
    msm_x4_slot_g1 *s1 = zk_alloc(MAX, sizeof *s1);
    msm_x4_slot_g2 *s2 = zk_alloc(MAX, sizeof *s2);
    g1_aff *b1 = zk_alloc(MAX, sizeof *b1), *p1 = zk_alloc(MAX, sizeof *p1);
    g2_aff *b2 = zk_alloc(MAX, sizeof *b2), *p2 = zk_alloc(MAX, sizeof *p2);
    fq_t *scratch = zk_alloc(MSM_X4_SCRATCH_G2 * MAX, sizeof *scratch);
    assert_true(s1 && s2 && b1 && p1 && b2 && p2 && scratch);
    for (size_t si = 0; si < ZK_ARRAY_LEN(sizes); si++) {
        size_t m = sizes[si];
        for (size_t t = 0; t < m; t++) {
            g1_random_var(&b1[t], &rng);
            g1_random_var(&p1[t], &rng);
            g2_random_var(&b2[t], &rng);
            g2_random_var(&p2[t], &rng);
            s1[t] = (msm_x4_slot_g1){b1[t].x, b1[t].y, p1[t].x, p1[t].y};
            s2[t] = (msm_x4_slot_g2){b2[t].x, b2[t].y, p2[t].x, p2[t].y};
        }
        msm_x4_add_g1(s1, m, scratch);
        msm_x4_add_g2(s2, m, scratch);
        for (size_t t = 0; t < m; t++) {
            g1_jac j1;
            g1_aff w1;
            g1_from_aff(&j1, &b1[t]);
            g1_add_mixed_var(&j1, &j1, &p1[t]);
            g1_to_aff_var(&w1, &j1);
            if (!fq_eq(&w1.x, &s1[t].xb) || !fq_eq(&w1.y, &s1[t].yb))
                fail_msg("G1 m=%zu t=%zu kernels=%s", m, t, kernels);
            g2_jac j2;
            g2_aff w2;
            g2_from_aff(&j2, &b2[t]);
            g2_add_mixed_var(&j2, &j2, &p2[t]);
            g2_to_aff_var(&w2, &j2);
            if (!fq2_eq(&w2.x, &s2[t].xb) || !fq2_eq(&w2.y, &s2[t].yb))
                fail_msg("G2 m=%zu t=%zu kernels=%s", m, t, kernels);
        }
    }
    zk_free(s1);
    zk_free(s2);
    zk_free(b1);
    zk_free(p1);
    zk_free(b2);
    zk_free(p2);
    zk_free(scratch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_msm_g1_small),
        ZK_KERNEL_TEST(test_msm_g1_lanes, "portable"),
        ZK_KERNEL_TEST(test_msm_g1_lanes, "ifma"),
        ZK_KERNEL_TEST(test_msm_g1_x4, "portable"),
        ZK_KERNEL_TEST(test_msm_g1_x4, "adx"),
        cmocka_unit_test_setup_teardown(test_msm_g1_large, zk_test_reset_kernels,
                                        zk_test_reset_kernels),
        cmocka_unit_test(test_msm_ones),
        cmocka_unit_test(test_msm_digit_edges),
        cmocka_unit_test(test_msm_events),
        cmocka_unit_test(test_msm_g2),
        ZK_KERNEL_TEST(test_msm_g2_lanes, "portable"),
        ZK_KERNEL_TEST(test_msm_g2_lanes, "ifma"),
        ZK_KERNEL_TEST(test_msm_g2_x4, "portable"),
        ZK_KERNEL_TEST(test_msm_g2_x4, "adx"),
        ZK_KERNEL_TEST(test_msm_x4_kernels, "portable"),
        ZK_KERNEL_TEST(test_msm_x4_kernels, "adx"),
    };
    return ZK_RUN_TESTS(tests);
}
