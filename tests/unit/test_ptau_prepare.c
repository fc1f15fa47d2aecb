/* The group inverse NTT behind `ptau prepare` (snark/ptau_internal.h):
 * for a known τ, the powers τ^j·G transformed must be the Lagrange points
 * L_i(τ)·G computed from the scalars directly (groth16_lagrange_at and a
 * plain scalar multiplication), for every block size up to 2^8 in G1 and
 * 2^6 in G2, and with the last power missing (infinity), as τ in G1's top
 * block has it: then L_i(τ) − ω^i·τ^(n−1)/n, the coefficient of x^(n−1) in
 * L_i being ω^i/n. Run under every 256-bit kernel set. */
#include "zk_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "field/fr.h"
#include "snark/groth16_setup.h"
#include "snark/ptau_internal.h"

/* The expected block: L_i(τ) (minus the missing top power's share). */
static void expected_scalars(fr_t *want, unsigned k, const fr_t *tau, bool missing_top)
{
    size_t n = (size_t)1 << k;
    assert_int_equal(groth16_lagrange_at(want, k, tau), ZK_OK);
    if (!missing_top)
        return;
    fr_t w, wi, ninv, top, t;
    fr_root_of_unity(&w, k);
    fr_from_u64(&ninv, n);
    fr_inv_var(&ninv, &ninv);
    fr_pow_u64(&top, tau, n - 1);
    fr_mul(&top, &top, &ninv);
    fr_one(&wi);
    for (size_t i = 0; i < n; i++) {
        fr_mul(&t, &wi, &top);
        fr_sub(&want[i], &want[i], &t);
        fr_mul(&wi, &wi, &w);
    }
}

#define MUL_ALL(G, AFF, JAC)                                                       \
    static void G##_mul_all(AFF *out, const fr_t *s, size_t n, const AFF *base)    \
    {                                                                              \
        JAC b, r;                                                                  \
        G##_from_aff(&b, base);                                                    \
        for (size_t i = 0; i < n; i++) {                                           \
            uint64_t e[4];                                                         \
            fr_to_int(e, &s[i]);                                                   \
            G##_mul_var(&r, &b, e);                                                \
            G##_to_aff_var(&out[i], &r);                                           \
        }                                                                          \
    }
MUL_ALL(g1, g1_aff, g1_jac)
MUL_ALL(g2, g2_aff, g2_jac)

static void test_lagrange_blocks(void **state)
{
    zk_test_use_mont256(*state);
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    fr_t tau;
    fr_random(&tau, &rng);
    enum { MAX1 = 8, MAX2 = 6 };
    size_t nmax = (size_t)1 << MAX1;
    fr_t *pw = zk_alloc(nmax, sizeof *pw), *want = zk_alloc(nmax, sizeof *want);
    g1_aff *p1 = zk_alloc(nmax, sizeof *p1), *w1 = zk_alloc(nmax, sizeof *w1);
    g2_aff *p2 = zk_alloc(nmax, sizeof *p2), *w2 = zk_alloc(nmax, sizeof *w2);
    assert_non_null(pw && want && p1 && w1 && p2 && w2);
    fr_one(&pw[0]);
    for (size_t j = 1; j < nmax; j++)
        fr_mul(&pw[j], &pw[j - 1], &tau);
    for (unsigned k = 0; k <= MAX1; k++) {
        size_t n = (size_t)1 << k;
        for (int missing = 0; missing < 2; missing++) {
            if (missing && k == 0)
                continue;
            expected_scalars(want, k, &tau, missing);
            g1_mul_all(p1, pw, n, &g1_generator);
            g1_mul_all(w1, want, n, &g1_generator);
            if (missing)
                g1_aff_set_inf(&p1[n - 1]);
            assert_int_equal(g1_lagrange_var(p1, k), ZK_OK);
            for (size_t i = 0; i < n; i++)
                if (!g1_aff_eq(&p1[i], &w1[i]))
                    fail_msg("G1 block 2^%u (top power %s): point %zu differs", k,
                             missing ? "missing" : "present", i);
            if (k > MAX2)
                continue;
            g2_mul_all(p2, pw, n, &g2_generator);
            g2_mul_all(w2, want, n, &g2_generator);
            if (missing)
                g2_aff_set_inf(&p2[n - 1]);
            assert_int_equal(g2_lagrange_var(p2, k), ZK_OK);
            for (size_t i = 0; i < n; i++)
                if (!g2_aff_eq(&p2[i], &w2[i]))
                    fail_msg("G2 block 2^%u: point %zu differs", k, i);
        }
    }
    zk_free(pw);
    zk_free(want);
    zk_free(p1);
    zk_free(w1);
    zk_free(p2);
    zk_free(w2);
}

/* Inputs that force the butterflies' exceptional cases: equal points (u
 * and t with equal x, after the twiddle), negatives and infinity, against
 * the same transform done with scalars: the points are multiples of G by
 * known c_j, so the outputs must be (1/n)·Σ_j ω^(−ij)·c_j times G. */
static void test_lagrange_degenerate(void **state)
{
    zk_test_use_mont256(*state);
    enum { K = 4, N = 1 << K };
    fr_t c[N], want[N], w, wi;
    for (int pattern = 0; pattern < 4; pattern++) {
        for (size_t j = 0; j < N; j++) {
            switch (pattern) {
            case 0: fr_from_u64(&c[j], 7); break;                       /* all equal */
            case 1: fr_from_u64(&c[j], j % 2 ? 3 : 0); break;           /* infinity every other */
            case 2: fr_from_u64(&c[j], 5); if (j % 3 == 0) fr_neg(&c[j], &c[j]); break;
            default: fr_zero(&c[j]); break;                            /* all infinity */
            }
        }
        /* want_i = (1/n)·Σ_j ω^(−ij)·c_j */
        fr_t ninv;
        fr_from_u64(&ninv, N);
        fr_inv_var(&ninv, &ninv);
        fr_root_of_unity(&w, K);
        fr_inv_var(&w, &w);
        for (size_t i = 0; i < N; i++) {
            fr_t acc, x, step;
            fr_zero(&acc);
            fr_one(&x);
            fr_pow_u64(&step, &w, i);
            for (size_t j = 0; j < N; j++) {
                fr_mul(&wi, &x, &c[j]);
                fr_add(&acc, &acc, &wi);
                fr_mul(&x, &x, &step);
            }
            fr_mul(&want[i], &acc, &ninv);
        }
        g1_aff p[N], e[N];
        g1_mul_all(p, c, N, &g1_generator);
        g1_mul_all(e, want, N, &g1_generator);
        assert_int_equal(g1_lagrange_var(p, K), ZK_OK);
        for (size_t i = 0; i < N; i++)
            if (!g1_aff_eq(&p[i], &e[i]))
                fail_msg("pattern %d: point %zu differs", pattern, i);
        g2_aff q[N], f[N];
        g2_mul_all(q, c, N, &g2_generator);
        g2_mul_all(f, want, N, &g2_generator);
        assert_int_equal(g2_lagrange_var(q, K), ZK_OK);
        for (size_t i = 0; i < N; i++)
            if (!g2_aff_eq(&q[i], &f[i]))
                fail_msg("pattern %d: G2 point %zu differs", pattern, i);
    }
}

/* A ceremony of known secrets made the fast way (fixed-base series, Lagrange
 * sections from L_i(τ)) is, byte for byte, the file the slow way writes:
 * contribute_with's per-point multiplications, then the group NTT. */
static void test_known_ceremony_file(void **state)
{
    (void)state;
    fr_t s[3];
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    for (int i = 0; i < 3; i++)
        fr_random(&s[i], &rng);
    char path[2][256];
    for (int way = 0; way < 2; way++) {
        snprintf(path[way], sizeof path[way], "%s/zkcave-prep-%d-%d.ptau",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), way);
        ptau t;
        zk_rng r;
        zk_rng_seed_u64(&r, 7);   /* the same public-key points both ways */
        assert_int_equal(ptau_new(&t, 5), ZK_OK);
        if (way == 0) {
            assert_int_equal(ptau_contribute_with(&t, "k", &s[0], &s[1], &s[2], &r, NULL), ZK_OK);
            assert_int_equal(ptau_write(&t, path[way], true, NULL), ZK_OK);
        } else {
            assert_int_equal(ptau_contribute_known(&t, "k", &s[0], &s[1], &s[2], &r, NULL), ZK_OK);
            assert_int_equal(ptau_contribute_known(&t, "k", &s[0], &s[1], &s[2], &r, NULL),
                             ZK_EINVAL);
            assert_int_equal(ptau_write_prepared_known(&t, path[way], s, NULL), ZK_OK);
        }
        ptau_free(&t);
    }
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    assert_int_equal(zk_file_read(path[0], (size_t)1 << 24, &a, &na), ZK_OK);
    assert_int_equal(zk_file_read(path[1], (size_t)1 << 24, &b, &nb), ZK_OK);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    zk_free(a);
    zk_free(b);
    unlink(path[0]);
    unlink(path[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        ZK_KERNEL_TEST(test_lagrange_blocks, "portable"),
        ZK_KERNEL_TEST(test_lagrange_blocks, "x86-64"),
        ZK_KERNEL_TEST(test_lagrange_blocks, "adx"),
        ZK_KERNEL_TEST(test_lagrange_degenerate, "portable"),
        ZK_KERNEL_TEST(test_lagrange_degenerate, "adx"),
        cmocka_unit_test(test_known_ceremony_file),
    };
    return ZK_RUN_TESTS(tests);
}
