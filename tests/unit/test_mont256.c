/* BN254 Fr and Fq, and the generic 256-bit Montgomery code under them:
 * differential tests against GMP on 100,000 inputs per operation, every
 * kernel (portable C, x86-64 add/sub, MULX/ADX multiplication), exhaustive
 * tests over small primes, strict parsing, and the published constants. */
#include "zk_test.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/field.h"

#define N_DIFF 100000

/* The kernel sets every x86-64 runs. The MULX/ADX one has tests of its own
 * (need_adx), which a CPU without BMI2 and ADX skips, saying so, while it
 * still runs these. */
static const char *const base_kernels[] = {"portable", "x86-64"};
static const char *const adx_kernels[] = {"adx"};

/* Runs body once per kernel set of names[0 .. n-1] this machine can run,
 * then restores the kernels field_init chose. */
#define FOR_EACH_KERNEL(k, names, n)                                           \
    for (size_t k##_i = 0, k##_done = 0; k##_i < (n); k##_i++, k##_done = 0)  \
        for (const char *k = (names)[k##_i];                                   \
             !k##_done && mont256_select(k); k##_done = 1, restore_kernels())

static void restore_kernels(void)
{
    assert_int_equal(field_init(), ZK_OK);
}

static void need_adx(void)
{
    zk_test_use_mont256("adx");
    restore_kernels();
}

/* An input: mostly uniform, often an edge value (0, 1, p-1, p-2, (p±1)/2,
 * powers of two, p minus a power of two). */
static void pick(mpz_t out, zk_rng *rng, const mpz_t p)
{
    uint64_t sel = zk_random_below(rng, 16);
    size_t bits = mpz_sizeinbase(p, 2);
    switch (sel) {
    case 0:
        mpz_set_ui(out, 0);
        break;
    case 1:
        mpz_set_ui(out, 1);
        break;
    case 2:
        mpz_sub_ui(out, p, 1);
        break;
    case 3:
        mpz_sub_ui(out, p, 2);
        mpz_mod(out, out, p);
        break;
    case 4:
        mpz_sub_ui(out, p, 1);
        mpz_tdiv_q_2exp(out, out, 1);
        break;
    case 5:
        mpz_add_ui(out, p, 1);
        mpz_tdiv_q_2exp(out, out, 1);
        mpz_mod(out, out, p);
        break;
    case 6:
        mpz_set_ui(out, 0);
        mpz_setbit(out, zk_random_below(rng, bits - 1));
        mpz_mod(out, out, p);
        break;
    case 7:
        mpz_set_ui(out, 0);
        mpz_setbit(out, zk_random_below(rng, bits - 1));
        mpz_sub(out, p, out);
        mpz_mod(out, out, p);
        break;
    default: {
        uint8_t buf[40];
        zk_random_bytes(rng, buf, sizeof buf);
        mpz_import(out, sizeof buf, 1, 1, 0, 0, buf);
        mpz_mod(out, out, p);
    }
    }
}

typedef struct diff {
    const mont256 *m;
    mpz_t p, a, b, e, got, want;
    uint64_t ea[4], eb[4], er[4];
    zk_rng rng;
} diff;

static void diff_init(diff *d, const mont256 *m, const char *name)
{
    d->m = m;
    mpz_inits(d->p, d->a, d->b, d->e, d->got, d->want, NULL);
    zk_test_u256_to_mpz(d->p, m->p);
    zk_test_rng(&d->rng, name);
}

static void diff_clear(diff *d)
{
    mpz_clears(d->p, d->a, d->b, d->e, d->got, d->want, NULL);
}

/* Draws a and b and their Montgomery forms. */
static void diff_draw(diff *d)
{
    pick(d->a, &d->rng, d->p);
    pick(d->b, &d->rng, d->p);
    zk_test_mpz_to_elt(d->ea, d->a, d->m);
    zk_test_mpz_to_elt(d->eb, d->b, d->m);
}

static void diff_check(diff *d)
{
    zk_test_elt_to_mpz(d->got, d->er, d->m);
    ZK_ASSERT_MPZ_EQ(d->got, d->want);
}

/* ---- constants ------------------------------------------------------------ */

static void check_params(const mont256 *m)
{
    mont256 ref;
    mpz_t p;
    mpz_init(p);
    zk_test_u256_to_mpz(p, m->p);
    assert_true(mpz_probab_prime_p(p, 40) > 0);
    zk_test_make_mont256(&ref, p);
    assert_memory_equal(m->p, ref.p, 32);
    assert_int_equal(m->n0, ref.n0);
    assert_memory_equal(m->one, ref.one, 32);
    assert_memory_equal(m->r2, ref.r2, 32);
    assert_memory_equal(m->r3, ref.r3, 32);
    assert_memory_equal(m->p_minus_2, ref.p_minus_2, 32);
    assert_memory_equal(m->p_minus_1_half, ref.p_minus_1_half, 32);
    assert_int_equal(m->two_adicity, ref.two_adicity);
    assert_memory_equal(m->t_minus_1_half, ref.t_minus_1_half, 32);
    assert_memory_equal(m->nqr_t, ref.nqr_t, 32);
    assert_int_equal(m->pinv62, ref.pinv62);
    assert_int_equal(m->bits, ref.bits);
    mpz_clear(p);
}

static void test_params(void **state)
{
    check_params(*state);
}

/* The moduli, root of unity and smallest non-residue as published in
 * ../shared/data/vectors/bn254_misc. */
static void test_bn254_constants_vs_vectors(void **state)
{
    (void)state;
    char *text = zk_test_read_shared("vectors/bn254_misc/bn254_constants.json");
    cJSON *j = cJSON_Parse(text);
    assert_non_null(j);
    char buf[MONT256_DEC_MAX];
    fr_t minus_one_fr, x;
    fq_t minus_one_fq;

    /* p - 1 printed in decimal, plus one, must be the published modulus. */
    fr_one(&minus_one_fr);
    fr_neg(&minus_one_fr, &minus_one_fr);
    fq_one(&minus_one_fq);
    fq_neg(&minus_one_fq, &minus_one_fq);
    mpz_t v, w;
    mpz_inits(v, w, NULL);
    mpz_set_str(v, fr_to_dec(buf, &minus_one_fr), 10);
    mpz_add_ui(v, v, 1);
    mpz_set_str(w, cJSON_GetObjectItem(j, "Fr_modulus")->valuestring, 10);
    ZK_ASSERT_MPZ_EQ(v, w);
    mpz_set_str(v, fq_to_dec(buf, &minus_one_fq), 10);
    mpz_add_ui(v, v, 1);
    mpz_set_str(w, cJSON_GetObjectItem(j, "Fq_modulus")->valuestring, 10);
    ZK_ASSERT_MPZ_EQ(v, w);

    assert_int_equal(cJSON_GetObjectItem(j, "Fr_two_adicity")->valueint, FR_TWO_ADICITY);
    assert_int_equal(fr_params.two_adicity, FR_TWO_ADICITY);
    assert_int_equal(fr_root_of_unity(&x, 28), ZK_OK);
    assert_string_equal(fr_to_dec(buf, &x),
                        cJSON_GetObjectItem(j, "Fr_root_of_unity_2_28")->valuestring);
    char hex[MONT256_HEX_MAX];
    assert_string_equal(fr_to_hex(hex, &x),
                        cJSON_GetObjectItem(j, "Fr_root_of_unity_2_28_hex")->valuestring);

    /* 5 is the smallest quadratic non-residue mod r. */
    int nqr = cJSON_GetObjectItem(j, "Fr_smallest_quadratic_nonresidue")->valueint;
    assert_int_equal(nqr, 5);
    for (uint64_t k = 2; k < 5; k++) {
        fr_from_u64(&x, k);
        assert_int_equal(fr_legendre(&x), 1);
    }
    fr_from_u64(&x, 5);
    assert_int_equal(fr_legendre(&x), -1);
    mpz_clears(v, w, NULL);
    cJSON_Delete(j);
    free(text);
}

/* Every 2^k-th root has order exactly 2^k, and they square down the chain. */
static void test_fr_roots_of_unity(void **state)
{
    (void)state;
    fr_t w, t, one, prev;
    fr_one(&one);
    for (unsigned k = 0; k <= FR_TWO_ADICITY; k++) {
        assert_int_equal(fr_root_of_unity(&w, k), ZK_OK);
        t = w;
        for (unsigned i = 0; i < k; i++) {
            if (i + 1 == k)
                assert_false(fr_eq(&t, &one)); /* w^(2^(k-1)) != 1 */
            fr_sqr(&t, &t);
        }
        assert_true(fr_eq(&t, &one));
        if (k > 0) {
            fr_sqr(&t, &w);
            assert_true(fr_eq(&t, &prev));
        }
        prev = w;
    }
    assert_int_equal(fr_root_of_unity(&w, 29), ZK_EINVAL);
}

/* ---- additive and multiplicative kernels ---------------------------------- */

static void run_primitives(const mont256 *m, const char *kernel, int n)
{
    diff d;
    char name[64];
    snprintf(name, sizeof name, "primitives/%s/%s", m->name, kernel);
    diff_init(&d, m, name);
    for (int i = 0; i < n; i++) {
        diff_draw(&d);
        mont256_add(d.er, d.ea, d.eb, m);
        mpz_add(d.want, d.a, d.b);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);

        mont256_sub(d.er, d.ea, d.eb, m);
        mpz_sub(d.want, d.a, d.b);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);

        mont256_mul(d.er, d.ea, d.eb, m);
        mpz_mul(d.want, d.a, d.b);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);

        mont256_sqr(d.er, d.ea, m);
        mpz_mul(d.want, d.a, d.a);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);

        mont256_neg(d.er, d.ea, m);
        mpz_neg(d.want, d.a);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);

        /* Outputs may alias inputs. */
        memcpy(d.er, d.ea, 32);
        mont256_mul(d.er, d.er, d.er, m);
        mpz_mul(d.want, d.a, d.a);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);
        memcpy(d.er, d.eb, 32);
        mont256_sub(d.er, d.ea, d.er, m);
        mpz_sub(d.want, d.a, d.b);
        mpz_mod(d.want, d.want, d.p);
        diff_check(&d);

        assert_int_equal(mont256_eq(d.ea, d.eb), mpz_cmp(d.a, d.b) == 0);
        assert_int_equal(mont256_is_zero(d.ea), mpz_sgn(d.a) == 0);
        memcpy(d.er, d.ea, 32);
        mont256_cmov(d.er, d.eb, false);
        assert_memory_equal(d.er, d.ea, 32);
        mont256_cmov(d.er, d.eb, true);
        assert_memory_equal(d.er, d.eb, 32);
    }
    diff_clear(&d);
}

static void test_primitives_every_kernel(void **state)
{
    const mont256 *m = *state;
    int ran = 0;
    FOR_EACH_KERNEL(k, base_kernels, ZK_ARRAY_LEN(base_kernels))
    {
        run_primitives(m, k, N_DIFF);
        ran++;
    }
    assert_true(ran >= 1);
#if defined(__x86_64__)
    assert_true(ran >= 2);   /* the x86-64 add/sub always run here */
#endif
}

static void test_primitives_adx(void **state)
{
    const mont256 *m = *state;
    need_adx();
    FOR_EACH_KERNEL(k, adx_kernels, 1)
    {
        run_primitives(m, k, N_DIFF);
    }
}

/* field_init picks the MULX/ADX kernels exactly when /proc/cpuinfo says
 * the CPU has BMI2 and ADX (unless ZKCAVE_KERNEL=portable), and every
 * kernel set this CPU can run can be selected. */
static void test_kernel_selection(void **state)
{
    (void)state;
    int adx = zk_test_cpu_flag("adx"), bmi2 = zk_test_cpu_flag("bmi2");
    if (adx < 0)
        ZK_SKIP("no /proc/cpuinfo to hold the kernel choice against");
    const char *want = zk_cpu_get()->forced_portable ? "portable"
                       : adx == 1 && bmi2 == 1       ? "adx"
#if defined(__x86_64__)
                                                     : "x86-64";
#else
                                                     : "portable";
#endif
    assert_string_equal(mont256_k.name, want);
    int ran = 0;
    FOR_EACH_KERNEL(k, base_kernels, ZK_ARRAY_LEN(base_kernels))
    {
        (void)k;
        ran++;
    }
    FOR_EACH_KERNEL(k, adx_kernels, 1)
    {
        (void)k;
        ran++;
    }
    assert_int_equal(ran, adx == 1 && bmi2 == 1 ? 3 : 2);
    assert_false(mont256_select("no-such-kernel"));
}

/* Inputs for the kernel comparisons: a·b and a² of random a, b, through
 * the portable kernels, so each kernel also meets the others' outputs.
 * r0, r1 are the product and square. */
static void draw_pair(uint64_t a[4], uint64_t b[4], uint64_t r0[4], uint64_t r1[4],
                      zk_rng *rng, const mont256 *m)
{
    mont256_random(a, rng, m);
    mont256_random(b, rng, m);
    mont256_mul_portable(r0, a, b, m);
    mont256_sqr_portable(r1, a, m);
    mont256_add_portable(a, r0, r1, m);
    mont256_sub_portable(b, r0, r1, m);
}

/* The kernels agree with each other bit for bit (the portable C is the
 * assembly's twin), including on outputs of each other. */
static void test_kernels_agree(void **state)
{
    const mont256 *m = *state;
    zk_rng rng;
    zk_test_rng(&rng, "kernels_agree");
    uint64_t a[4], b[4], r0[4], r1[4];
    for (int i = 0; i < N_DIFF; i++) {
        draw_pair(a, b, r0, r1, &rng, m);
#if defined(__x86_64__)
        uint64_t s0[4], s1[4];
        mont256_add_x86(s0, r0, r1, m);
        assert_memory_equal(s0, a, 32);
        mont256_sub_x86(s1, r0, r1, m);
        assert_memory_equal(s1, b, 32);
#endif
    }
}

/* The MULX/ADX multiplication against its portable twin, likewise. */
static void test_kernels_agree_adx(void **state)
{
    const mont256 *m = *state;
    need_adx();
#if defined(__x86_64__)
    zk_rng rng;
    zk_test_rng(&rng, "kernels_agree");
    uint64_t a[4], b[4], r0[4], r1[4], s0[4], s1[4];
    for (int i = 0; i < N_DIFF; i++) {
        draw_pair(a, b, r0, r1, &rng, m);
        mont256_mul_adx(s0, a, b, m);
        mont256_mul_portable(s1, a, b, m);
        assert_memory_equal(s0, s1, 32);
        mont256_sqr_adx(s0, a, m);
        mont256_sqr_portable(s1, a, m);
        assert_memory_equal(s0, s1, 32);
    }
#endif
}

/* The fused step of batched affine additions (mont256_chord2) against
 * GMP, for each kernel set, on edge values and random ones; every set's
 * results are canonical, so agreeing with GMP is agreeing bit for bit. */
static void test_chord2(void **state)
{
    const mont256 *m = *state;
    static const char *const all[] = {"portable", "x86-64", "adx"};
    diff d;
    diff_init(&d, m, "chord2");
    mpz_t v[12], lam, t;
    mpz_inits(lam, t, NULL);
    for (int k = 0; k < 12; k++)
        mpz_init(v[k]);
    for (int i = 0; i < N_DIFF / 10; i++) {
        /* Two steps: x_B, y_B, x_P, y_P, acc, pre each, then den. */
        uint64_t xy[32], acc[8], pre[8], den[8];
        for (int k = 0; k < 12; k++) {
            pick(v[k], &d.rng, d.p);
            zk_test_mpz_to_elt(k < 8 ? xy + 4 * k : k < 10 ? acc + 4 * (k - 8) : pre + 4 * (k - 10),
                               v[k], m);
        }
        mont256_random(den, &d.rng, m);
        mont256_random(den + 4, &d.rng, m);
        uint64_t want_xy[32], want_acc[8];
        memcpy(want_xy, xy, sizeof xy);
        for (int j = 0; j < 2; j++) {
            mpz_t *b = v + 4 * j, *a = v + 8 + j, *p = v + 10 + j;
            mpz_sub(lam, b[3], b[1]);           /* λ = (y_P - y_B)·acc·pre */
            mpz_mul(lam, lam, *a);
            mpz_mul(lam, lam, *p);
            mpz_mod(lam, lam, d.p);
            mpz_mul(t, lam, lam);               /* x' = λ² - x_B - x_P */
            mpz_sub(t, t, b[0]);
            mpz_sub(t, t, b[2]);
            mpz_mod(d.want, t, d.p);
            zk_test_mpz_to_elt(want_xy + 16 * j, d.want, m);
            mpz_sub(t, b[0], d.want);           /* y' = λ(x_B - x') - y_B */
            mpz_mul(t, t, lam);
            mpz_sub(t, t, b[1]);
            mpz_mod(t, t, d.p);
            zk_test_mpz_to_elt(want_xy + 16 * j + 4, t, m);
            zk_test_elt_to_mpz(t, den + 4 * j, m);  /* acc' = acc·den */
            mpz_mul(t, t, *a);
            mpz_mod(t, t, d.p);
            zk_test_mpz_to_elt(want_acc + 4 * j, t, m);
        }
        FOR_EACH_KERNEL(k, all, ZK_ARRAY_LEN(all))
        {
            uint64_t got_xy[32], got_acc[8];
            memcpy(got_xy, xy, sizeof xy);
            memcpy(got_acc, acc, sizeof acc);
            mont256_chord2(got_xy, got_acc, pre, den, m);
            if (memcmp(got_xy, want_xy, sizeof got_xy) != 0 ||
                memcmp(got_acc, want_acc, sizeof got_acc) != 0)
                fail_msg("chord2 differs from GMP with the %s kernels (case %d)", k, i);
        }
    }
    for (int k = 0; k < 12; k++)
        mpz_clear(v[k]);
    mpz_clears(lam, t, NULL);
    diff_clear(&d);
}

/* ---- inversion, powers, roots --------------------------------------------- */

static void test_inv(void **state)
{
    const mont256 *m = *state;
    diff d;
    diff_init(&d, m, "inv");
    for (int i = 0; i < N_DIFF; i++) {
        diff_draw(&d);
        zk_err ct = mont256_inv(d.er, d.ea, m);
        if (mpz_sgn(d.a) == 0) {
            assert_int_equal(ct, ZK_EZERO);
            assert_true(mont256_is_zero(d.er));
            assert_int_equal(mont256_inv_var(d.er, d.ea, m), ZK_EZERO);
            assert_true(mont256_is_zero(d.er));
            continue;
        }
        assert_int_equal(ct, ZK_OK);
        mpz_invert(d.want, d.a, d.p);
        diff_check(&d);
        assert_int_equal(mont256_inv_var(d.er, d.ea, m), ZK_OK);
        diff_check(&d);
    }
    diff_clear(&d);
}

/* from_int takes any 256-bit integer and reduces it (the Montgomery
 * product with R² is below p for every x < 2^256), on every kernel. */
static void test_from_int_any(void **state)
{
    const mont256 *m = *state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    mpz_t x, p, want, got;
    mpz_inits(x, p, want, got, NULL);
    zk_test_u256_to_mpz(p, m->p);
    static const char *const kernels[] = {"portable", "x86-64", "adx"};
    for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        if (!mont256_select(kernels[k]))
            continue;
        for (int i = 0; i < 400; i++) {
            uint64_t raw[4], r[4], back[4];
            zk_random_bytes(&rng, raw, sizeof raw);
            if (i == 0)
                memset(raw, 0xff, sizeof raw);   /* 2^256 - 1 */
            if (i == 1)
                memcpy(raw, m->p, sizeof raw);   /* p itself */
            if (i % 3 == 2)
                raw[3] |= (uint64_t)1 << 63;     /* certainly >= p */
            mont256_from_int(r, raw, m);
            assert_true(mont256_reduced(r, m));
            mont256_to_int(back, r, m);
            zk_test_u256_to_mpz(x, raw);
            mpz_mod(want, x, p);
            zk_test_u256_to_mpz(got, back);
            assert_int_equal(mpz_cmp(got, want), 0);
        }
    }
    mpz_clears(x, p, want, got, NULL);
}

static void test_pow(void **state)
{
    const mont256 *m = *state;
    diff d;
    diff_init(&d, m, "pow");
    for (int i = 0; i < N_DIFF; i++) {
        diff_draw(&d);
        /* Exponents: small, edge values, and full 256-bit ones. */
        switch (i % 4) {
        case 0:
            mpz_set_ui(d.e, (unsigned long)zk_random_below(&d.rng, 20));
            break;
        case 1:
            mpz_sub_ui(d.e, d.p, 1 + zk_random_below(&d.rng, 2));
            break;
        default: {
            uint64_t e[4];
            zk_random_bytes(&d.rng, e, sizeof e);
            zk_test_u256_to_mpz(d.e, e);
        }
        }
        uint64_t e[4];
        zk_test_mpz_to_u256(e, d.e);
        mont256_pow(d.er, d.ea, e, m);
        mpz_powm(d.want, d.a, d.e, d.p);
        diff_check(&d);
    }
    diff_clear(&d);
}

static void test_sqrt_legendre(void **state)
{
    const mont256 *m = *state;
    diff d;
    diff_init(&d, m, "sqrt");
    int squares = 0, non_squares = 0;
    for (int i = 0; i < N_DIFF; i++) {
        diff_draw(&d);
        if (i % 2) {   /* half the inputs are squares by construction */
            mpz_mul(d.a, d.a, d.a);
            mpz_mod(d.a, d.a, d.p);
            zk_test_mpz_to_elt(d.ea, d.a, m);
        }
        int leg = mont256_legendre(d.ea, m);
        assert_int_equal(leg, mpz_legendre(d.a, d.p));
        zk_err err = mont256_sqrt(d.er, d.ea, m);
        if (leg < 0) {
            assert_int_equal(err, ZK_ENOSQRT);
            non_squares++;
            continue;
        }
        assert_int_equal(err, ZK_OK);
        zk_test_elt_to_mpz(d.got, d.er, m);
        mpz_mul(d.want, d.got, d.got);
        mpz_mod(d.want, d.want, d.p);
        ZK_ASSERT_MPZ_EQ(d.want, d.a);
        squares++;
    }
    /* Both branches ran often (edge inputs like 1 and p - 1 skew the mix). */
    assert_true(squares > N_DIFF / 2 && non_squares > N_DIFF / 20);
    diff_clear(&d);
}

static void test_batch_inv(void **state)
{
    const mont256 *m = *state;
    static const size_t sizes[] = {0, 1, 2, 3, 17, 1000};
    zk_rng rng;
    zk_test_rng(&rng, "batch_inv");
    for (size_t s = 0; s < ZK_ARRAY_LEN(sizes); s++) {
        size_t n = sizes[s];
        uint64_t(*in)[4] = zk_calloc(n + 1, 32);
        uint64_t(*out)[4] = zk_calloc(n + 1, 32);
        uint64_t(*scratch)[4] = zk_calloc(n + 1, 32);
        assert_true(in && out && scratch);
        for (size_t i = 0; i < n; i++) {
            if (zk_random_below(&rng, 5) != 0)   /* one in five stays zero */
                mont256_random(in[i], &rng, m);
        }
        mont256_batch_inv(out, (const uint64_t(*)[4])in, n, scratch, m);
        for (size_t i = 0; i < n; i++) {
            uint64_t want[4];
            zk_err err = mont256_inv_var(want, in[i], m);
            assert_true(err == ZK_OK || err == ZK_EZERO);
            assert_memory_equal(out[i], want, 32);
        }
        /* In place: out aliases in. */
        mont256_batch_inv(in, (const uint64_t(*)[4])in, n, scratch, m);
        assert_memory_equal(in, out, n * 32);
        zk_free(in);
        zk_free(out);
        zk_free(scratch);
    }
}

/* ---- encodings ------------------------------------------------------------ */

static void test_bytes(void **state)
{
    const mont256 *m = *state;
    diff d;
    diff_init(&d, m, "bytes");
    for (int i = 0; i < N_DIFF; i++) {
        diff_draw(&d);
        uint8_t be[32], le[32], want[32] = {0};
        size_t count;
        mont256_to_bytes_be(be, d.ea, m);
        mont256_to_bytes_le(le, d.ea, m);
        /* GMP writes the minimal number of bytes: right-align for BE. */
        uint8_t tmp[32];
        mpz_export(tmp, &count, 1, 1, 1, 0, d.a);
        memcpy(want + 32 - count, tmp, count);
        assert_memory_equal(be, want, 32);
        for (int k = 0; k < 32; k++)
            assert_int_equal(le[k], be[31 - k]);
        assert_int_equal(mont256_from_bytes_be(d.er, be, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);
        assert_int_equal(mont256_from_bytes_le(d.er, le, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);

        /* A value >= p, up to 2^256 - 1, is refused whatever its form. */
        mpz_t big;
        mpz_init(big);
        mpz_add(big, d.p, d.a);
        if (mpz_sizeinbase(big, 2) <= 256) {
            memset(want, 0, 32);
            mpz_export(tmp, &count, 1, 1, 1, 0, big);
            memcpy(want + 32 - count, tmp, count);
            assert_int_equal(mont256_from_bytes_be(d.er, want, m), ZK_ENONCANONICAL);
            for (int k = 0; k < 16; k++) {
                uint8_t t = want[k];
                want[k] = want[31 - k];
                want[31 - k] = t;
            }
            assert_int_equal(mont256_from_bytes_le(d.er, want, m), ZK_ENONCANONICAL);
        }
        mpz_clear(big);
    }
    uint8_t ones[32];
    memset(ones, 0xff, 32);
    assert_int_equal(mont256_from_bytes_be(d.er, ones, m), ZK_ENONCANONICAL);
    assert_int_equal(mont256_from_bytes_le(d.er, ones, m), ZK_ENONCANONICAL);
    diff_clear(&d);
}

static void test_strings(void **state)
{
    const mont256 *m = *state;
    diff d;
    diff_init(&d, m, "strings");
    char dec[MONT256_DEC_MAX], hex[MONT256_HEX_MAX], want[100], padded[120];
    for (int i = 0; i < N_DIFF; i++) {
        diff_draw(&d);
        mpz_get_str(want, 10, d.a);
        assert_string_equal(mont256_to_dec(dec, d.ea, m), want);
        assert_int_equal(mont256_from_dec(d.er, dec, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);
        assert_int_equal(mont256_from_str(d.er, dec, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);

        mpz_get_str(want, 16, d.a);
        snprintf(padded, sizeof padded, "0x%064d", 0);
        memcpy(padded + 2 + 64 - strlen(want), want, strlen(want));
        assert_string_equal(mont256_to_hex(hex, d.ea, m), padded);
        assert_int_equal(mont256_from_hex(d.er, hex, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);
        /* Short, upper-case hex with the 0X prefix reads the same. */
        mpz_get_str(want, -16, d.a);
        snprintf(padded, sizeof padded, "0X%s", want);
        assert_int_equal(mont256_from_str(d.er, padded, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);
        /* Leading zeros are harmless. */
        snprintf(padded, sizeof padded, "0000%s", dec);
        assert_int_equal(mont256_from_dec(d.er, padded, m), ZK_OK);
        assert_memory_equal(d.er, d.ea, 32);

        /* a + p in decimal is refused as not canonical. */
        mpz_add(d.want, d.a, d.p);
        mpz_get_str(want, 10, d.want);
        assert_int_equal(mont256_from_dec(d.er, want, m), ZK_ENONCANONICAL);
    }
    diff_clear(&d);
}

/* Text that is not a canonical number gets the right error, never a crash. */
static void test_bad_strings(void **state)
{
    const mont256 *m = *state;
    static const struct {
        const char *text;
        zk_err err;
    } cases[] = {
        {"", ZK_EPARSE},
        {"-1", ZK_EPARSE},
        {"+1", ZK_EPARSE},
        {" 1", ZK_EPARSE},
        {"1 ", ZK_EPARSE},
        {"1\n", ZK_EPARSE},
        {"12a", ZK_EPARSE},
        {"1e5", ZK_EPARSE},
        {"1.0", ZK_EPARSE},
        {"0x", ZK_EPARSE},
        {"0xg1", ZK_EPARSE},
        {"0x 1", ZK_EPARSE},
        {"0x-1", ZK_EPARSE},
        {"x12", ZK_EPARSE},
        {"١٢", ZK_EPARSE},   /* Arabic-Indic digits are not digits here */
        /* Values too large: the modulus, 2^256 - 1, 2^256, 10^80, and junk after a huge prefix. */
        {"115792089237316195423570985008687907853269984665640564039457584007913129639935", ZK_ENONCANONICAL},
        {"115792089237316195423570985008687907853269984665640564039457584007913129639936", ZK_ENONCANONICAL},
        {"100000000000000000000000000000000000000000000000000000000000000000000000000000000", ZK_ENONCANONICAL},
        {"0x10000000000000000000000000000000000000000000000000000000000000000", ZK_ENONCANONICAL},
        {"0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", ZK_ENONCANONICAL},
        {"1000000000000000000000000000000000000000000000000000000000000000000000000000000000x", ZK_EPARSE},
    };
    uint64_t r[4];
    for (size_t i = 0; i < ZK_ARRAY_LEN(cases); i++) {
        zk_err got = mont256_from_str(r, cases[i].text, m);
        if (got != cases[i].err)
            fail_msg("'%s': got %s, want %s", cases[i].text, zk_errname(got), zk_errname(cases[i].err));
    }
    /* The modulus itself, in both notations, and p - 1 which is fine. */
    char text[MONT256_DEC_MAX + 2];
    mpz_t p;
    mpz_init(p);
    zk_test_u256_to_mpz(p, m->p);
    mpz_get_str(text, 10, p);
    assert_int_equal(mont256_from_dec(r, text, m), ZK_ENONCANONICAL);
    text[0] = '0';
    text[1] = 'x';
    mpz_get_str(text + 2, 16, p);
    assert_int_equal(mont256_from_hex(r, text, m), ZK_ENONCANONICAL);
    assert_int_equal(mont256_from_dec(r, "0x1", m), ZK_EPARSE);   /* dec takes no prefix */
    /* Leading zeros do not count against hex's 64-digit width. */
    char zeros[100] = "0x";
    memset(zeros + 2, '0', 70);
    strcpy(zeros + 72, "2a");
    assert_int_equal(mont256_from_hex(r, zeros, m), ZK_OK);
    char back42[MONT256_DEC_MAX];
    assert_string_equal(mont256_to_dec(back42, r, m), "42");
    assert_int_equal(mont256_from_hex(r, "11", m), ZK_EPARSE);    /* hex needs its prefix */
    mpz_sub_ui(p, p, 1);
    mpz_get_str(text, 10, p);
    assert_int_equal(mont256_from_dec(r, text, m), ZK_OK);
    char back[MONT256_DEC_MAX];
    assert_string_equal(mont256_to_dec(back, r, m), text);
    mpz_clear(p);
}

/* Random elements are canonical and spread evenly (16 buckets, 16,000 draws:
 * each bucket within 6 standard deviations of 1000). */
static void test_random(void **state)
{
    const mont256 *m = *state;
    zk_rng rng;
    zk_test_rng(&rng, "random");
    int bucket[16] = {0};
    mpz_t p, x;
    mpz_inits(p, x, NULL);
    zk_test_u256_to_mpz(p, m->p);
    for (int i = 0; i < 16000; i++) {
        uint64_t r[4];
        mont256_random(r, i % 2 ? &rng : NULL, m);
        zk_test_elt_to_mpz(x, r, m);
        mpz_mul_ui(x, x, 16);
        mpz_tdiv_q(x, x, p);
        bucket[mpz_get_ui(x)]++;
    }
    for (int i = 0; i < 16; i++)
        assert_true(bucket[i] > 1000 - 6 * 31 && bucket[i] < 1000 + 6 * 31);
    mpz_clears(p, x, NULL);
}

/* Over p = 3 every value is equally likely and 3 itself never appears
 * (a rejection bound off by one would show as a lopsided count). */
static void test_random_tiny_modulus(void **state)
{
    (void)state;
    mont256 m;
    mpz_t p, x;
    mpz_inits(p, x, NULL);
    mpz_set_ui(p, 3);
    zk_test_make_mont256(&m, p);
    zk_rng rng;
    zk_test_rng(&rng, "random_p3");
    int count[3] = {0};
    for (int i = 0; i < 3000; i++) {
        uint64_t r[4];
        mont256_random(r, &rng, &m);
        zk_test_elt_to_mpz(x, r, &m);   /* fails on a non-canonical value */
        count[mpz_get_ui(x)]++;
    }
    for (int i = 0; i < 3; i++)
        assert_true(count[i] > 1000 - 155 && count[i] < 1000 + 155);
    mpz_clears(p, x, NULL);
}

/* ---- other moduli --------------------------------------------------------- */

/* Every pair of elements of small prime fields, through every kernel. */
static void exhaustive_small_primes(const char *const *names, size_t nnames)
{
    static const unsigned long primes[] = {3, 5, 13, 97, 251};
    for (size_t pi = 0; pi < ZK_ARRAY_LEN(primes); pi++) {
        unsigned long p = primes[pi];
        mont256 m;
        mpz_t mp, x;
        mpz_inits(mp, x, NULL);
        mpz_set_ui(mp, p);
        zk_test_make_mont256(&m, mp);
        uint64_t (*elt)[4] = zk_alloc(p, 32);
        assert_non_null(elt);
        for (unsigned long a = 0; a < p; a++) {
            mpz_set_ui(x, a);
            zk_test_mpz_to_elt(elt[a], x, &m);
        }
        FOR_EACH_KERNEL(k, names, nnames)
        {
            uint64_t r[4];
            for (unsigned long a = 0; a < p; a++) {
                for (unsigned long b = 0; b < p; b++) {
                    mont256_add(r, elt[a], elt[b], &m);
                    assert_memory_equal(r, elt[(a + b) % p], 32);
                    mont256_sub(r, elt[a], elt[b], &m);
                    assert_memory_equal(r, elt[(a + p - b) % p], 32);
                    mont256_mul(r, elt[a], elt[b], &m);
                    assert_memory_equal(r, elt[(a * b) % p], 32);
                }
                mont256_sqr(r, elt[a], &m);
                assert_memory_equal(r, elt[(a * a) % p], 32);
                mont256_neg(r, elt[a], &m);
                assert_memory_equal(r, elt[(p - a) % p], 32);
                /* The inverse is the b with a·b = 1; zero has none. */
                unsigned long inv = 0;
                for (unsigned long b = 1; b < p && a; b++)
                    if ((a * b) % p == 1)
                        inv = b;
                assert_int_equal(mont256_inv(r, elt[a], &m), a ? ZK_OK : ZK_EZERO);
                assert_memory_equal(r, elt[inv], 32);
                assert_int_equal(mont256_inv_var(r, elt[a], &m), a ? ZK_OK : ZK_EZERO);
                assert_memory_equal(r, elt[inv], 32);
                /* a is a square iff some b has b^2 = a. */
                bool square = false;
                for (unsigned long b = 0; b < p; b++)
                    square |= (b * b) % p == a;
                int leg = mont256_legendre(elt[a], &m);
                assert_int_equal(leg, a == 0 ? 0 : square ? 1 : -1);
                zk_err err = mont256_sqrt(r, elt[a], &m);
                assert_int_equal(err, square ? ZK_OK : ZK_ENOSQRT);
                if (square) {
                    mont256_sqr(r, r, &m);
                    assert_memory_equal(r, elt[a], 32);
                }
                /* a^e for every e < p, by repeated multiplication. */
                unsigned long want = 1;
                for (unsigned long e = 0; e < p; e++) {
                    const uint64_t ee[4] = {e, 0, 0, 0};
                    mont256_pow(r, elt[a], ee, &m);
                    assert_memory_equal(r, elt[want], 32);
                    want = (want * a) % p;
                }
            }
        }
        zk_free(elt);
        mpz_clears(mp, x, NULL);
    }
}

/* A modulus just under the 2^255 bound (2^255 - 19), where the carries of
 * every kernel are tightest, differentially against GMP. */
static void modulus_near_bound(const char *const *names, size_t nnames)
{
    mont256 m;
    mpz_t p;
    mpz_init(p);
    mpz_set_ui(p, 0);
    mpz_setbit(p, 255);
    mpz_sub_ui(p, p, 19);
    zk_test_make_mont256(&m, p);
    m.name = "2^255-19";
    FOR_EACH_KERNEL(k, names, nnames)
    {
        run_primitives(&m, k, N_DIFF / 10);
    }
    diff d;
    diff_init(&d, &m, "near_bound");
    for (int i = 0; i < 2000; i++) {
        diff_draw(&d);
        if (mpz_sgn(d.a) == 0)
            continue;
        assert_int_equal(mont256_inv_var(d.er, d.ea, &m), ZK_OK);
        mpz_invert(d.want, d.a, d.p);
        diff_check(&d);
        zk_err err = mont256_sqrt(d.er, d.ea, &m);
        assert_int_equal(err, mpz_legendre(d.a, d.p) >= 0 ? ZK_OK : ZK_ENOSQRT);
        if (err == ZK_OK) {
            zk_test_elt_to_mpz(d.got, d.er, &m);
            mpz_mul(d.want, d.got, d.got);
            mpz_mod(d.want, d.want, d.p);
            ZK_ASSERT_MPZ_EQ(d.want, d.a);
        }
    }
    diff_clear(&d);
    mpz_clear(p);
}

static void test_exhaustive_small_primes(void **state)
{
    (void)state;
    exhaustive_small_primes(base_kernels, ZK_ARRAY_LEN(base_kernels));
}

static void test_modulus_near_bound(void **state)
{
    (void)state;
    modulus_near_bound(base_kernels, ZK_ARRAY_LEN(base_kernels));
}

static void test_small_primes_and_bound_adx(void **state)
{
    (void)state;
    need_adx();
    exhaustive_small_primes(adx_kernels, 1);
    modulus_near_bound(adx_kernels, 1);
}

/* The typed front ends keep Fr and Fq apart and forward faithfully. */
static void test_typed_api(void **state)
{
    (void)state;
    fr_t a, b, c;
    fq_t x, y;
    fr_from_u64(&a, 6);
    fr_from_u64(&b, 7);
    fr_mul(&c, &a, &b);
    char buf[MONT256_DEC_MAX];
    assert_string_equal(fr_to_dec(buf, &c), "42");
    fr_sub(&c, &a, &b);
    fr_add(&c, &c, &b);
    assert_true(fr_eq(&c, &a));
    fr_inv_var(&c, &a);
    fr_mul(&c, &c, &a);
    assert_true(fr_is_one(&c));
    fr_dbl(&c, &b);
    assert_string_equal(fr_to_dec(buf, &c), "14");
    fr_pow_u64(&c, &b, 3);
    assert_string_equal(fr_to_dec(buf, &c), "343");
    fr_zero(&c);
    assert_true(fr_is_zero(&c));
    assert_int_equal(fr_from_str(&c, "0x2a"), ZK_OK);
    assert_string_equal(fr_to_dec(buf, &c), "42");
    /* 3 and 4 are squares mod q? Check through sqrt and the Legendre symbol. */
    fq_from_u64(&x, 4);
    assert_int_equal(fq_sqrt(&y, &x), ZK_OK);
    fq_sqr(&y, &y);
    assert_true(fq_eq(&y, &x));
    /* -1 is not a square mod q, since q ≡ 3 (mod 4). */
    fq_one(&x);
    fq_neg(&x, &x);
    assert_int_equal(fq_legendre(&x), -1);
    assert_int_equal(fq_sqrt(&y, &x), ZK_ENOSQRT);
    uint8_t be[32];
    fq_to_bytes_be(be, &x);
    assert_int_equal(be[0], 0x30);
    assert_int_equal(be[31], 0x46);   /* q - 1 ends in ...fd46 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate_setup_teardown(test_params, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_params, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_setup(test_bn254_constants_vs_vectors, zk_test_reset_kernels),
        cmocka_unit_test_setup(test_fr_roots_of_unity, zk_test_reset_kernels),
        cmocka_unit_test_prestate_setup_teardown(test_primitives_every_kernel, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_primitives_every_kernel, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_kernels_agree, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_kernels_agree, zk_test_reset_kernels, NULL, (void *)&fq_params),
        /* Named per field, so a skip list tells them apart. */
        {"test_primitives_adx_fr", test_primitives_adx, zk_test_reset_kernels, zk_test_reset_kernels, (void *)&fr_params},
        {"test_primitives_adx_fq", test_primitives_adx, zk_test_reset_kernels, zk_test_reset_kernels, (void *)&fq_params},
        {"test_kernels_agree_adx_fr", test_kernels_agree_adx, zk_test_reset_kernels, zk_test_reset_kernels, (void *)&fr_params},
        {"test_kernels_agree_adx_fq", test_kernels_agree_adx, zk_test_reset_kernels, zk_test_reset_kernels, (void *)&fq_params},
        cmocka_unit_test_prestate_setup_teardown(test_chord2, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_chord2, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_inv, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_inv, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_from_int_any, zk_test_reset_kernels, zk_test_reset_kernels, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_from_int_any, zk_test_reset_kernels, zk_test_reset_kernels, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_pow, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_pow, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_sqrt_legendre, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_sqrt_legendre, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_batch_inv, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_batch_inv, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_bytes, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_bytes, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_strings, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_strings, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_bad_strings, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_bad_strings, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_prestate_setup_teardown(test_random, zk_test_reset_kernels, NULL, (void *)&fr_params),
        cmocka_unit_test_prestate_setup_teardown(test_random, zk_test_reset_kernels, NULL, (void *)&fq_params),
        cmocka_unit_test_setup(test_kernel_selection, zk_test_reset_kernels),
        cmocka_unit_test_setup(test_random_tiny_modulus, zk_test_reset_kernels),
        cmocka_unit_test_setup(test_exhaustive_small_primes, zk_test_reset_kernels),
        cmocka_unit_test_setup(test_modulus_near_bound, zk_test_reset_kernels),
        cmocka_unit_test_setup_teardown(test_small_primes_and_bound_adx, zk_test_reset_kernels, zk_test_reset_kernels),
        cmocka_unit_test_setup(test_typed_api, zk_test_reset_kernels),
    };
    return ZK_RUN_TESTS(tests);
}
