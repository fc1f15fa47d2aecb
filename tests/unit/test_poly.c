/* NTTs and dense polynomials over Fr, Goldilocks and the STARK101 field:
 * against the naive DFT, round trips across the parallel paths, cosets,
 * interpolation, division by the vanishing polynomial, and STARK101's
 * published values. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>

#include "field/field.h"
#include "poly/f101_poly.h"
#include "poly/fr_poly.h"
#include "poly/gl_poly.h"

/* ---- Goldilocks ----------------------------------------------------------- */

/* The naive DFT: out_i = Σ a_k (shift·ω^i)^k. */
static void gl_dft_naive(gl_t *out, const gl_t *a, size_t n, gl_t omega, gl_t shift)
{
    for (size_t i = 0; i < n; i++) {
        gl_t x = gl_mul(gl_pow(omega, i), shift);
        gl_poly_eval(&out[i], a, n, &x);
    }
}

static void test_gl_ntt_vs_naive(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl_ntt");
    for (unsigned log_n = 0; log_n <= 9; log_n++) {
        gl_domain d;
        assert_int_equal(gl_domain_init(&d, log_n), ZK_OK);
        size_t n = d.n;
        gl_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *want = malloc(n * sizeof *want);
        for (size_t i = 0; i < n; i++)
            a[i] = gl_random(&rng);
        memcpy(b, a, n * sizeof *a);
        gl_ntt(&d, b);
        gl_dft_naive(want, a, n, d.omega, 1);
        assert_memory_equal(b, want, n * sizeof *b);
        gl_intt(&d, b);
        assert_memory_equal(b, a, n * sizeof *b);
        gl_t shift = GL_GENERATOR;
        memcpy(b, a, n * sizeof *a);
        gl_coset_ntt(&d, b, &shift);
        gl_dft_naive(want, a, n, d.omega, shift);
        assert_memory_equal(b, want, n * sizeof *b);
        gl_coset_intt(&d, b, &shift);
        assert_memory_equal(b, a, n * sizeof *b);
        free(a);
        free(b);
        free(want);
        gl_domain_free(&d);
    }
    gl_domain d;
    assert_int_equal(gl_domain_init(&d, 33), ZK_EINVAL);
}

/* Sizes past the cache block and the parallel threshold: a round trip, and
 * single evaluations checked against Horner. */
static void test_gl_ntt_large(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl_ntt_large");
    static const unsigned sizes[] = {12, 13, 14, 17};
    for (size_t s = 0; s < ZK_ARRAY_LEN(sizes); s++) {
        gl_domain d;
        assert_int_equal(gl_domain_init(&d, sizes[s]), ZK_OK);
        size_t n = d.n;
        gl_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        for (size_t i = 0; i < n; i++)
            a[i] = gl_random(&rng);
        memcpy(b, a, n * sizeof *a);
        gl_ntt(&d, b);
        for (int k = 0; k < 8; k++) {
            size_t i = zk_random_below(&rng, n);
            gl_t x = gl_pow(d.omega, i), want;
            gl_poly_eval(&want, a, n, &x);
            assert_int_equal(b[i], want);
        }
        gl_intt(&d, b);
        assert_memory_equal(a, b, n * sizeof *a);
        free(a);
        free(b);
        gl_domain_free(&d);
    }
}

/* ntt_bitrev is ntt without the reordering, at every size from the
 * scalar-only ones past the vector-kernel runs and the parallel threshold;
 * and the vectorised butterflies agree with the portable kernels. */
static void test_gl_ntt_bitrev(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl_ntt_bitrev");
    for (unsigned log_n = 0; log_n <= 14; log_n++) {
        gl_domain d;
        assert_int_equal(gl_domain_init(&d, log_n), ZK_OK);
        size_t n = d.n;
        gl_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
        for (size_t i = 0; i < n; i++)
            a[i] = gl_random(&rng);
        memcpy(b, a, n * sizeof *a);
        memcpy(c, a, n * sizeof *a);
        gl_ntt(&d, b);
        gl_ntt_bitrev(&d, c);
        for (size_t i = 0; i < n; i++) {
            size_t r = 0;
            for (unsigned k = 0; k < log_n; k++)
                r |= ((i >> k) & 1) << (log_n - 1 - k);
            assert_int_equal(c[r], b[i]);
        }
        const char *kernel = gl_k.name;
        assert_true(gl_select("portable"));
        memcpy(c, a, n * sizeof *a);
        gl_ntt(&d, c);
        assert_true(gl_select(kernel));
        assert_memory_equal(b, c, n * sizeof *b);
        free(a);
        free(b);
        free(c);
        gl_domain_free(&d);
    }
}

/* Product through NTT equals the schoolbook product. */
static void test_gl_mul_via_ntt(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "gl_mul");
    enum { LA = 37, LB = 50 };
    gl_t a[LA], b[LB], want[LA + LB - 1];
    for (int i = 0; i < LA; i++)
        a[i] = gl_random(&rng);
    for (int i = 0; i < LB; i++)
        b[i] = gl_random(&rng);
    gl_poly_mul_naive(want, a, LA, b, LB);
    gl_domain d;
    assert_int_equal(gl_domain_init(&d, 7), ZK_OK);
    gl_t fa[128] = {0}, fb[128] = {0};
    memcpy(fa, a, sizeof a);
    memcpy(fb, b, sizeof b);
    gl_ntt(&d, fa);
    gl_ntt(&d, fb);
    for (int i = 0; i < 128; i++)
        fa[i] = gl_mul(fa[i], fb[i]);
    gl_intt(&d, fa);
    assert_memory_equal(fa, want, sizeof want);
    for (int i = LA + LB - 1; i < 128; i++)
        assert_int_equal(fa[i], 0);
    gl_domain_free(&d);
}

/* ---- Fr -------------------------------------------------------------------- */

static void test_fr_ntt(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fr_ntt");
    static const unsigned sizes[] = {0, 1, 2, 3, 5, 8, 13, 14};
    for (size_t s = 0; s < ZK_ARRAY_LEN(sizes); s++) {
        fr_domain d;
        assert_int_equal(fr_domain_init(&d, sizes[s]), ZK_OK);
        size_t n = d.n;
        fr_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        for (size_t i = 0; i < n; i++)
            fr_random(&a[i], &rng);
        memcpy(b, a, n * sizeof *a);
        fr_ntt(&d, b);
        for (int k = 0; k < 6; k++) {
            size_t i = zk_random_below(&rng, n);
            fr_t x, want;
            fr_pow_u64(&x, &d.omega, i);
            fr_poly_eval(&want, a, n, &x);
            assert_true(fr_eq(&b[i], &want));
        }
        fr_intt(&d, b);
        assert_memory_equal(a, b, n * sizeof *a);
        /* Coset: evaluations at g·ω^i, with g = 5 (a non-residue, off H). */
        fr_t shift;
        fr_from_u64(&shift, 5);
        memcpy(b, a, n * sizeof *a);
        fr_coset_ntt(&d, b, &shift);
        for (int k = 0; k < 4; k++) {
            size_t i = zk_random_below(&rng, n);
            fr_t x, want;
            fr_pow_u64(&x, &d.omega, i);
            fr_mul(&x, &x, &shift);
            fr_poly_eval(&want, a, n, &x);
            assert_true(fr_eq(&b[i], &want));
        }
        fr_coset_intt(&d, b, &shift);
        assert_memory_equal(a, b, n * sizeof *a);
        /* From the domain straight to the coset, against the two-step
         * path: a holds values on H, b gets coset_ntt(intt(a)). */
        memcpy(b, a, n * sizeof *a);
        fr_intt(&d, b);
        fr_coset_ntt(&d, b, &shift);
        fr_t *c = malloc(n * sizeof *c);
        memcpy(c, a, n * sizeof *a);
        fr_domain_to_coset(&d, c, &shift);
        assert_memory_equal(b, c, n * sizeof *c);
        free(c);
        free(a);
        free(b);
        fr_domain_free(&d);
    }
    fr_domain d;
    assert_int_equal(fr_domain_init(&d, 29), ZK_EINVAL);
}

/* Interpolation through random points, and division by x^m - 1. */
static void test_fr_interpolate_and_divide(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fr_interp");
    enum { N = 20 };
    fr_t xs[N], ys[N], c[N];
    for (int i = 0; i < N; i++) {
        fr_random(&xs[i], &rng);
        fr_random(&ys[i], &rng);
    }
    assert_int_equal(fr_poly_interpolate(c, xs, ys, N), ZK_OK);
    for (int i = 0; i < N; i++) {
        fr_t y;
        fr_poly_eval(&y, c, N, &xs[i]);
        assert_true(fr_eq(&y, &ys[i]));
    }
    xs[3] = xs[7];
    assert_int_equal(fr_poly_interpolate(c, xs, ys, N), ZK_EINVAL);

    /* p = q·(x^8 - 1) divides exactly; p + 1 does not. */
    enum { QL = 13, M = 8 };
    fr_t q[QL], p[QL + M], back[QL];
    fr_t minus_one, one;
    fr_one(&one);
    fr_neg(&minus_one, &one);
    fr_t van[M + 1];
    for (int i = 0; i <= M; i++)
        fr_zero(&van[i]);
    van[0] = minus_one;
    van[M] = one;
    for (int i = 0; i < QL; i++)
        fr_random(&q[i], &rng);
    fr_poly_mul_naive(p, q, QL, van, M + 1);
    bool exact;
    fr_poly_div_vanishing(back, p, QL + M, M, &exact);
    assert_true(exact);
    assert_memory_equal(back, q, sizeof q);
    fr_add(&p[2], &p[2], &one);
    fr_poly_div_vanishing(back, p, QL + M, M, &exact);
    assert_false(exact);
}

/* ---- STARK101 ------------------------------------------------------------ */

/* FibonacciSq: a_0 = 1, a_1 = 3141592, a_{n+2} = a_{n+1}^2 + a_n^2 over
 * 3·2^30 + 1, interpolated over the first 1023 points of the group of order
 * 1024 generated by 5^(3·2^20). The tutorial asserts a_1022 = 2338775057,
 * f(2) = 1302089273 and, for p0 = (f - 1)/(x - 1), p0(2718) = 2509888982. */
static void test_stark101_values(void **state)
{
    (void)state;
    enum { N = 1023 };
    f101_t a[N], xs[N], c[N];
    a[0] = 1;
    a[1] = 3141592;
    for (int i = 2; i < N; i++)
        a[i] = f101_add(f101_mul(a[i - 1], a[i - 1]), f101_mul(a[i - 2], a[i - 2]));
    assert_int_equal(a[1022], 2338775057u);
    f101_t g;
    assert_int_equal(f101_root_of_unity(&g, 10), ZK_OK);
    assert_int_equal(g, f101_pow(5, 3u << 20));
    xs[0] = 1;
    for (int i = 1; i < N; i++)
        xs[i] = f101_mul(xs[i - 1], g);
    assert_int_equal(f101_poly_interpolate(c, xs, a, N), ZK_OK);
    f101_t x = 2, y;
    f101_poly_eval(&y, c, N, &x);
    assert_int_equal(y, 1302089273u);
    x = 2718;
    f101_poly_eval(&y, c, N, &x);
    f101_t inv;
    f101_inv(&inv, 2717);
    assert_int_equal(f101_mul(f101_sub(y, 1), inv), 2509888982u);

    /* The same polynomial by NTT over the group of order 1024 needs the
     * 1024th value; the interpolant's value at g^1023 supplies it. */
    f101_domain d;
    assert_int_equal(f101_domain_init(&d, 10), ZK_OK);
    f101_t ev[1024];
    memcpy(ev, a, sizeof a);
    f101_t last = f101_mul(xs[N - 1], g);
    f101_poly_eval(&ev[N], c, N, &last);
    f101_intt(&d, ev);
    assert_memory_equal(ev, c, sizeof c);
    assert_int_equal(ev[N], 0);   /* degree < 1023 */
    f101_domain_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl_ntt_vs_naive),
        cmocka_unit_test(test_gl_ntt_large),
        cmocka_unit_test(test_gl_ntt_bitrev),
        cmocka_unit_test(test_gl_mul_via_ntt),
        cmocka_unit_test(test_fr_ntt),
        cmocka_unit_test(test_fr_interpolate_and_divide),
        cmocka_unit_test(test_stark101_values),
    };
    return ZK_RUN_TESTS(tests);
}
