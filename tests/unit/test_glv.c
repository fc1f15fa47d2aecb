/* The endomorphisms and scalar splits of curve/glv.h: their constants
 * against GMP (λ, μ roots of their polynomials mod r, β a cube root of
 * unity in Fq), φ(P) = λ·P and ψ(Q) = μ·Q on random points, every split
 * recombined with GMP and its parts bounded, and the split multiplications
 * against a plain double-and-add written here, on random, small, negative
 * (r − k), zero, r and infinity inputs, under every 256-bit kernel set. */
#include "zk_test.h"

#include <string.h>

#include "core/alloc.h"
#include "curve/glv.h"
#include "field/field.h"
#include "field/fr.h"

/* ---- GMP facts ----------------------------------------------------------- */

static void mpz_r(mpz_t r) { zk_test_u256_to_mpz(r, fr_params.p); }

static void test_glv_constants(void **state)
{
    (void)state;
    mpz_t r, l, m, t, q;
    mpz_inits(r, l, m, t, q, NULL);
    mpz_r(r);
    zk_test_u256_to_mpz(q, fq_params.p);
    /* λ^2 + λ + 1 ≡ 0 (mod r), λ ≠ 1. */
    zk_test_u256_to_mpz(l, glv_lambda);
    mpz_mul(t, l, l);
    mpz_add(t, t, l);
    mpz_add_ui(t, t, 1);
    mpz_mod(t, t, r);
    assert_int_equal(mpz_sgn(t), 0);
    assert_true(mpz_cmp_ui(l, 1) != 0);
    /* μ = q − r and μ^4 − μ^2 + 1 ≡ 0 (mod r). */
    zk_test_u256_to_mpz(m, glv_mu);
    mpz_sub(t, q, r);
    ZK_ASSERT_MPZ_EQ(m, t);
    mpz_pow_ui(t, m, 4);
    mpz_submul(t, m, m);
    mpz_add_ui(t, t, 1);
    mpz_mod(t, t, r);
    assert_int_equal(mpz_sgn(t), 0);
    /* β^3 = 1 in Fq, β ≠ 1. */
    fq_t b3;
    fq_sqr(&b3, &glv_beta);
    fq_mul(&b3, &b3, &glv_beta);
    assert_true(fq_is_one(&b3));
    assert_false(fq_is_one(&glv_beta));
    mpz_clears(r, l, m, t, q, NULL);
}

/* ---- reference multiplication ------------------------------------------ */

/* Binary double-and-add from the top bit, with the group law's own
 * add and double: nothing shared with wNAF, tables or splits. */
#define REF_MUL(G, JAC)                                                        \
    static void G##_ref_mul(JAC *r, const JAC *p, const uint64_t k[4])         \
    {                                                                          \
        JAC acc;                                                               \
        G##_set_inf(&acc);                                                     \
        for (int i = 255; i >= 0; i--) {                                       \
            G##_dbl(&acc, &acc);                                               \
            if ((k[i / 64] >> (i % 64)) & 1)                                   \
                G##_add_var(&acc, &acc, p);                                    \
        }                                                                      \
        *r = acc;                                                              \
    }
REF_MUL(g1, g1_jac)
REF_MUL(g2, g2_jac)

static void random_g2(g2_jac *p, zk_rng *rng)
{
    g2_aff a;
    g2_random_var(&a, rng);
    g2_from_aff(p, &a);
}

static void random_g1(g1_jac *p, zk_rng *rng)
{
    g1_aff a;
    g1_random_var(&a, rng);
    g1_from_aff(p, &a);
}

static void test_endomorphisms(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    for (int i = 0; i < 6; i++) {
        g1_jac p, a, b;
        if (i == 0)
            g1_from_aff(&p, &g1_generator);
        else
            random_g1(&p, &rng);
        g1_endo(&a, &p);
        g1_ref_mul(&b, &p, glv_lambda);
        assert_true(g1_eq(&a, &b));
        g1_aff pa, ea;
        g1_to_aff_var(&pa, &p);
        g1_aff_endo(&ea, &pa);
        g1_from_aff(&a, &ea);
        assert_true(g1_eq(&a, &b));

        g2_jac q, c, d;
        if (i == 0)
            g2_from_aff(&q, &g2_generator);
        else
            random_g2(&q, &rng);
        g2_psi(&c, &q);
        g2_ref_mul(&d, &q, glv_mu);
        assert_true(g2_eq(&c, &d));
    }
}

/* ---- splits -------------------------------------------------------------- */

/* The scalars every split and multiplication is tried on: edge cases, then
 * random ones. */
#define N_EDGE 22
static void scalar_case(uint64_t k[4], int i, zk_rng *rng)
{
    mpz_t r, t, l;
    mpz_inits(r, t, l, NULL);
    mpz_r(r);
    zk_test_u256_to_mpz(l, glv_lambda);
    switch (i) {
    case 0: mpz_set_ui(t, 0); break;
    case 1: mpz_set_ui(t, 1); break;
    case 2: mpz_set_ui(t, 2); break;
    case 3: mpz_sub_ui(t, r, 1); break;                  /* −1 */
    case 4: mpz_sub_ui(t, r, 2); break;                  /* −2 */
    case 5: mpz_set(t, r); break;                        /* r itself */
    case 6: mpz_add_ui(t, r, 1); break;
    case 7: mpz_set(t, l); break;                        /* λ */
    case 8: mpz_sub(t, r, l); break;                     /* −λ */
    case 9: zk_test_u256_to_mpz(t, glv_mu); break;       /* μ */
    case 10: mpz_mul_ui(t, l, 3); mpz_mod(t, t, r); break;
    case 11: mpz_mul(t, l, l); mpz_mod(t, t, r); break;  /* λ^2 */
    case 12: mpz_sub_ui(t, r, 1); mpz_tdiv_q_2exp(t, t, 1); break;   /* (r − 1)/2 */
    case 13: mpz_add_ui(t, r, 1); mpz_tdiv_q_2exp(t, t, 1); break;
    case 14: mpz_ui_pow_ui(t, 2, 127); break;
    case 15: mpz_ui_pow_ui(t, 2, 128); mpz_sub_ui(t, t, 1); break;
    case 16: mpz_ui_pow_ui(t, 2, 253); break;
    case 17: mpz_ui_pow_ui(t, 2, 256); mpz_sub_ui(t, t, 1); break;   /* above 5r */
    case 18: mpz_mul_ui(t, r, 5); break;
    case 19: mpz_set_ui(t, 0x7fffffffu); break;
    case 20: mpz_sub_ui(t, r, 0x7fffffffu); break;
    case 21: mpz_set_str(t, "147946756881789319010696353538189108491", 10); break;   /* a basis entry */
    default:
        for (int j = 0; j < 4; j++)
            k[j] = zk_random_u64(rng);
        /* Below r for half of them, any 256-bit value for the rest. */
        if (i % 2)
            k[3] &= 0x0fffffffffffffffu;
        mpz_clears(r, t, l, NULL);
        return;
    }
    zk_test_mpz_to_u256(k, t);
    mpz_clears(r, t, l, NULL);
}

static void part_to_mpz(mpz_t v, const glv_part *p)
{
    uint64_t w[4] = {p->mag[0], p->mag[1], 0, 0};
    zk_test_u256_to_mpz(v, w);
    if (p->neg)
        mpz_neg(v, v);
}

/* Σ parts_i·ev^i ≡ k (mod r), |parts_i| < 2^bound. */
static void check_split(const glv_part *parts, unsigned dim, const uint64_t *ev, unsigned bound,
                        const uint64_t k[4])
{
    mpz_t r, e, sum, term, v, want, pw;
    mpz_inits(r, e, sum, term, v, want, pw, NULL);
    mpz_r(r);
    zk_test_u256_to_mpz(e, ev);
    mpz_set_ui(pw, 1);
    for (unsigned i = 0; i < dim; i++) {
        part_to_mpz(v, &parts[i]);
        assert_true(mpz_sizeinbase(v, 2) <= bound || mpz_sgn(v) == 0);
        mpz_mul(term, v, pw);
        mpz_add(sum, sum, term);
        mpz_mul(pw, pw, e);
        mpz_mod(pw, pw, r);
    }
    mpz_mod(sum, sum, r);
    zk_test_u256_to_mpz(want, k);
    mpz_mod(want, want, r);
    ZK_ASSERT_MPZ_EQ(sum, want);
    mpz_clears(r, e, sum, term, v, want, pw, NULL);
}

static void test_splits(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    for (int i = 0; i < N_EDGE + 3000; i++) {
        uint64_t k[4];
        scalar_case(k, i, &rng);
        glv_part p2[2], p4[4];
        glv_split_g1(p2, k);
        check_split(p2, 2, glv_lambda, 127, k);
        glv_split_g2(p4, k);
        check_split(p4, 4, glv_mu, 65, k);
    }
    /* Zero splits into zeros; a multiple of r too. */
    uint64_t z[4] = {0};
    glv_part p2[2];
    glv_split_g1(p2, z);
    for (int i = 0; i < 2; i++)
        assert_true(p2[i].mag[0] == 0 && p2[i].mag[1] == 0);
    glv_split_g1(p2, fr_params.p);
    for (int i = 0; i < 2; i++)
        assert_true(p2[i].mag[0] == 0 && p2[i].mag[1] == 0);
}

/* ---- multiplications, under the kernel set *state names ------------------- */

static void test_mul_g1(void **state)
{
    zk_test_use_mont256(*state);
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    enum { N = N_EDGE + 10 };
    g1_aff pts[N];
    g1_jac want[N], got[N];
    glv_part parts[N][2];
    for (int i = 0; i < N; i++) {
        uint64_t k[4];
        scalar_case(k, i, &rng);
        g1_jac p;
        if (i % 7 == 3)
            g1_set_inf(&p);
        else if (i % 5 == 0)
            g1_from_aff(&p, &g1_generator);
        else
            random_g1(&p, &rng);
        g1_to_aff_var(&pts[i], &p);
        g1_ref_mul(&want[i], &p, k);
        g1_mul_glv_var(&got[i], &p, k);
        if (!g1_eq(&got[i], &want[i]))
            fail_msg("g1_mul_glv_var, case %d", i);
        glv_split_g1(parts[i], k);
    }
    /* All at once, and in runs that end mid-chunk. */
    void *scratch = zk_alloc(1, g1_split_scratch_size());
    assert_non_null(scratch);
    g1_aff ga[N];
    g1_mul_split_many_var(ga, pts, (const glv_part(*)[2])parts, N, scratch);
    for (int i = 0; i < N; i++) {
        g1_from_aff(&got[i], &ga[i]);
        if (!g1_eq(&got[i], &want[i]))
            fail_msg("g1_mul_split_many_var, case %d", i);
    }
    /* A run that ends mid-block, in place. */
    g1_mul_split_many_var(pts + 5, pts + 5, (const glv_part(*)[2])parts + 5, 3, scratch);
    for (int i = 5; i < 8; i++) {
        g1_from_aff(&got[i], &pts[i]);
        assert_true(g1_eq(&got[i], &want[i]));
    }
    zk_free(scratch);
}

static void test_mul_g2(void **state)
{
    zk_test_use_mont256(*state);
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    enum { N = N_EDGE + 6 };
    g2_aff pts[N];
    g2_jac want[N], got[N];
    glv_part parts[N][4];
    for (int i = 0; i < N; i++) {
        uint64_t k[4];
        scalar_case(k, i, &rng);
        g2_jac p;
        if (i % 7 == 3)
            g2_set_inf(&p);
        else if (i % 5 == 0)
            g2_from_aff(&p, &g2_generator);
        else
            random_g2(&p, &rng);
        g2_to_aff_var(&pts[i], &p);
        g2_ref_mul(&want[i], &p, k);
        g2_mul_glv_var(&got[i], &p, k);
        if (!g2_eq(&got[i], &want[i]))
            fail_msg("g2_mul_glv_var, case %d", i);
        glv_split_g2(parts[i], k);
    }
    void *scratch = zk_alloc(1, g2_split_scratch_size());
    assert_non_null(scratch);
    g2_aff ga[N];
    g2_mul_split_many_var(ga, pts, (const glv_part(*)[4])parts, N, scratch);
    for (int i = 0; i < N; i++) {
        g2_from_aff(&got[i], &ga[i]);
        if (!g2_eq(&got[i], &want[i]))
            fail_msg("g2_mul_split_many_var, case %d", i);
    }
    zk_free(scratch);
}

/* The constant-time lock-step path, in place, against the reference on
 * the same edge and random scalars (as field elements), infinity among the
 * points, more points than one block. */
static void test_mul_many_ct(void **state)
{
    zk_test_use_mont256(*state);
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    enum { N = 300, N2 = N_EDGE + 8 };
    g1_aff *p = zk_alloc(N, sizeof *p);
    g1_jac *want = zk_alloc(N, sizeof *want);
    fr_t *k = zk_alloc(N, sizeof *k);
    assert_non_null(p && want && k);
    g1_aff base;
    g1_random_var(&base, &rng);
    for (int i = 0; i < N; i++) {
        uint64_t kk[4];
        scalar_case(kk, i < N_EDGE ? i : N_EDGE + i % 40, &rng);
        fr_from_int(&k[i], kk);   /* taken mod r */
        fr_to_int(kk, &k[i]);
        g1_jac pj;
        if (i % 9 == 4)
            g1_set_inf(&pj);
        else if (i % 3 == 0)
            g1_from_aff(&pj, &base);   /* the same point with many scalars */
        else
            random_g1(&pj, &rng);
        g1_to_aff_var(&p[i], &pj);
        g1_ref_mul(&want[i], &pj, kk);
    }
    assert_int_equal(g1_mul_many_ct(p, p, k, N), ZK_OK);
    for (int i = 0; i < N; i++) {
        g1_jac got;
        g1_from_aff(&got, &p[i]);
        if (!g1_eq(&got, &want[i]))
            fail_msg("g1_mul_many_ct, case %d", i);
    }
    g2_aff q[N2], q2[N2];
    g2_jac want2[N2];
    for (int i = 0; i < N2; i++) {
        uint64_t kk[4];
        scalar_case(kk, i, &rng);
        fr_from_int(&k[i], kk);
        fr_to_int(kk, &k[i]);
        g2_jac pj;
        if (i % 9 == 4)
            g2_set_inf(&pj);
        else
            random_g2(&pj, &rng);
        g2_to_aff_var(&q[i], &pj);
        g2_ref_mul(&want2[i], &pj, kk);
    }
    assert_int_equal(g2_mul_many_ct(q2, q, k, N2), ZK_OK);
    for (int i = 0; i < N2; i++) {
        g2_jac got;
        g2_from_aff(&got, &q2[i]);
        if (!g2_eq(&got, &want2[i]))
            fail_msg("g2_mul_many_ct, case %d", i);
    }
    zk_free(p);
    zk_free(want);
    zk_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glv_constants),
        cmocka_unit_test(test_endomorphisms),
        cmocka_unit_test(test_splits),
        ZK_KERNEL_TEST(test_mul_g1, "portable"),
        ZK_KERNEL_TEST(test_mul_g1, "x86-64"),
        ZK_KERNEL_TEST(test_mul_g1, "adx"),
        ZK_KERNEL_TEST(test_mul_g2, "portable"),
        ZK_KERNEL_TEST(test_mul_g2, "x86-64"),
        ZK_KERNEL_TEST(test_mul_g2, "adx"),
        ZK_KERNEL_TEST(test_mul_many_ct, "portable"),
        ZK_KERNEL_TEST(test_mul_many_ct, "adx"),
    };
    return ZK_RUN_TESTS(tests);
}
