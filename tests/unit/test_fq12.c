/* Fq6 and Fq12 against a GMP reference of the same ring, and the identities
 * the pairing relies on: inverses, Frobenius maps equal to powers by q^k,
 * Frobenius constants recomputed from their definition, and cyclotomic
 * squaring equal to plain squaring in the cyclotomic subgroup. */
#include "zk_test.h"

#include <string.h>

#include "curve/fq12.h"
#include "field/field.h"

#define N_DIFF 4000

/* The reference: an element of Fq12 as Σ a_i w^i, i = 0..5, a_i = re + im·u
 * in Fq2, with w^6 = ξ = 9 + u; schoolbook products in GMP. This basis is
 * independent of the tower's Karatsuba code paths. */
typedef struct ref12 {
    mpz_t re[6], im[6];
} ref12;

static mpz_t g_q;

static void ref_init(ref12 *r)
{
    for (int i = 0; i < 6; i++)
        mpz_inits(r->re[i], r->im[i], NULL);
}

static void ref_clear(ref12 *r)
{
    for (int i = 0; i < 6; i++)
        mpz_clears(r->re[i], r->im[i], NULL);
}

/* The w-power of each Fq2 coefficient in struct order c0.c0, c0.c1, c0.c2,
 * c1.c0, c1.c1, c1.c2: c0.cj sits at w^(2j), c1.cj at w^(2j+1). */
static const fq2_t *coeff_c(const fq12_t *a, int i)
{
    const fq6_t *h = i % 2 ? &a->c1 : &a->c0;
    return i / 2 == 0 ? &h->c0 : i / 2 == 1 ? &h->c1 : &h->c2;
}

static void to_ref(ref12 *r, const fq12_t *a)
{
    for (int i = 0; i < 6; i++) {
        const fq2_t *c = coeff_c(a, i);
        zk_test_elt_to_mpz(r->re[i], c->c0.v, &fq_params);
        zk_test_elt_to_mpz(r->im[i], c->c1.v, &fq_params);
    }
}

/* r = a·b in the reference ring. r must not alias a or b. */
static void ref_mul(ref12 *r, const ref12 *a, const ref12 *b)
{
    mpz_t re[11], im[11], t;
    mpz_init(t);
    for (int k = 0; k < 11; k++)
        mpz_inits(re[k], im[k], NULL);
    for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
            mpz_addmul(re[i + j], a->re[i], b->re[j]);
            mpz_submul(re[i + j], a->im[i], b->im[j]);
            mpz_addmul(im[i + j], a->re[i], b->im[j]);
            mpz_addmul(im[i + j], a->im[i], b->re[j]);
        }
    }
    /* w^(6+k) = ξ w^k: (x + y u)(9 + u) = (9x - y) + (x + 9y) u. */
    for (int k = 0; k < 5; k++) {
        mpz_mul_ui(t, re[k + 6], 9);
        mpz_sub(t, t, im[k + 6]);
        mpz_add(re[k], re[k], t);
        mpz_mul_ui(t, im[k + 6], 9);
        mpz_add(t, t, re[k + 6]);
        mpz_add(im[k], im[k], t);
    }
    for (int k = 0; k < 6; k++) {
        mpz_mod(r->re[k], re[k], g_q);
        mpz_mod(r->im[k], im[k], g_q);
    }
    for (int k = 0; k < 11; k++)
        mpz_clears(re[k], im[k], NULL);
    mpz_clear(t);
}

static void assert_eq_ref(const fq12_t *a, const ref12 *want)
{
    ref12 got;
    ref_init(&got);
    to_ref(&got, a);
    for (int i = 0; i < 6; i++) {
        ZK_ASSERT_MPZ_EQ(got.re[i], want->re[i]);
        ZK_ASSERT_MPZ_EQ(got.im[i], want->im[i]);
    }
    ref_clear(&got);
}

/* Random elements with the shapes that break careless code: zero and one
 * coefficients, whole zero halves. */
static void pick(fq12_t *a, zk_rng *rng)
{
    fq12_random(a, rng);
    switch (zk_random_below(rng, 10)) {
    case 0: fq6_zero(&a->c1); break;
    case 1: fq6_zero(&a->c0); break;
    case 2: fq2_zero(&a->c0.c1); fq2_zero(&a->c1.c2); break;
    case 3: fq2_one(&a->c1.c1); break;
    case 4: fq12_zero(a); break;
    default: break;
    }
}

static void embed6(fq12_t *r, const fq6_t *a)
{
    r->c0 = *a;
    fq6_zero(&r->c1);
}

static void test_tower_differential(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fq12-diff");
    ref12 ra, rb, rr;
    ref_init(&ra);
    ref_init(&rb);
    ref_init(&rr);
    for (int it = 0; it < N_DIFF; it++) {
        fq12_t a, b, r, s;
        pick(&a, &rng);
        pick(&b, &rng);
        to_ref(&ra, &a);
        to_ref(&rb, &b);

        fq12_mul(&r, &a, &b);
        ref_mul(&rr, &ra, &rb);
        assert_eq_ref(&r, &rr);
        s = a;
        fq12_mul(&s, &s, &b);   /* aliasing */
        assert_true(fq12_eq(&s, &r));
        s = b;
        fq12_mul(&s, &a, &s);
        assert_true(fq12_eq(&s, &r));

        fq12_sqr(&r, &a);
        ref_mul(&rr, &ra, &ra);
        assert_eq_ref(&r, &rr);
        s = a;
        fq12_sqr(&s, &s);
        assert_true(fq12_eq(&s, &r));

        /* A line: b restricted to w^0, w^1, w^3. */
        fq12_t line;
        fq12_zero(&line);
        line.c0.c0 = b.c0.c0;
        line.c1.c0 = b.c1.c0;
        line.c1.c1 = b.c1.c1;
        to_ref(&rb, &line);
        fq12_mul_by_013(&r, &a, &b.c0.c0, &b.c1.c0, &b.c1.c1);
        ref_mul(&rr, &ra, &rb);
        assert_eq_ref(&r, &rr);
        s = a;
        fq12_mul_by_013(&s, &s, &b.c0.c0, &b.c1.c0, &b.c1.c1);
        assert_true(fq12_eq(&s, &r));

        /* Fq6 through its embedding c0 + c1 w^2 + c2 w^4. */
        fq12_t ea, eb;
        fq6_t r6;
        embed6(&ea, &a.c0);
        embed6(&eb, &b.c1);
        to_ref(&ra, &ea);
        to_ref(&rb, &eb);
        ref_mul(&rr, &ra, &rb);
        fq6_mul(&r6, &a.c0, &b.c1);
        embed6(&r, &r6);
        assert_eq_ref(&r, &rr);
        ref_mul(&rr, &ra, &ra);
        fq6_sqr(&r6, &a.c0);
        embed6(&r, &r6);
        assert_eq_ref(&r, &rr);
        r6 = a.c0;
        fq6_sqr(&r6, &r6);
        embed6(&r, &r6);
        assert_eq_ref(&r, &rr);
        fq6_t sparse = b.c1;
        fq2_zero(&sparse.c2);
        embed6(&eb, &sparse);
        to_ref(&rb, &eb);
        ref_mul(&rr, &ra, &rb);
        fq6_mul_by_01(&r6, &a.c0, &sparse.c0, &sparse.c1);
        embed6(&r, &r6);
        assert_eq_ref(&r, &rr);
        fq6_zero(&sparse);
        sparse.c0 = b.c0.c2;
        embed6(&eb, &sparse);
        to_ref(&rb, &eb);
        ref_mul(&rr, &ra, &rb);
        fq6_mul_fq2(&r6, &a.c0, &b.c0.c2);
        embed6(&r, &r6);
        assert_eq_ref(&r, &rr);
        /* a·v: v = w^2. */
        fq6_zero(&sparse);
        fq2_one(&sparse.c1);
        embed6(&eb, &sparse);
        to_ref(&rb, &eb);
        ref_mul(&rr, &ra, &rb);
        fq6_mul_by_v(&r6, &a.c0);
        embed6(&r, &r6);
        assert_eq_ref(&r, &rr);

        /* Additive operations and conjugation, checked through their laws. */
        fq12_add(&r, &a, &b);
        fq12_sub(&r, &r, &b);
        assert_true(fq12_eq(&r, &a));
        fq12_neg(&r, &a);
        fq12_add(&r, &r, &a);
        fq12_zero(&s);
        assert_true(fq12_eq(&r, &s));
        fq12_conj(&r, &a);
        fq12_add(&r, &r, &a);
        assert_true(fq6_is_zero(&r.c1));
        fq6_dbl(&r6, &a.c0);
        assert_true(fq6_eq(&r.c0, &r6));

        /* Inverses, both kinds, in Fq6 and Fq12. */
        fq12_t inv, inv2, one;
        fq12_one(&one);
        zk_err err = fq12_inv(&inv, &a);
        zk_err err2 = fq12_inv_var(&inv2, &a);
        bool zero = fq6_is_zero(&a.c0) && fq6_is_zero(&a.c1);
        assert_int_equal(err, zero ? ZK_EZERO : ZK_OK);
        assert_int_equal(err2, err);
        assert_true(fq12_eq(&inv, &inv2));
        if (!zero) {
            fq12_mul(&r, &inv, &a);
            assert_true(fq12_is_one(&r));
        }
        fq6_t i6;
        err = fq6_inv(&i6, &a.c1);
        assert_int_equal(err, fq6_is_zero(&a.c1) ? ZK_EZERO : ZK_OK);
        if (!err) {
            fq6_mul(&r6, &i6, &a.c1);
            assert_true(fq6_eq(&r6, &one.c0));
            fq6_t i6v;
            assert_int_equal(fq6_inv_var(&i6v, &a.c1), ZK_OK);
            assert_true(fq6_eq(&i6v, &i6));
        }
    }
    ref_clear(&ra);
    ref_clear(&rb);
    ref_clear(&rr);
}

static void test_ring_laws(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fq12-laws");
    for (int it = 0; it < 200; it++) {
        fq12_t a, b, c, l, r, t;
        fq12_random(&a, &rng);
        fq12_random(&b, &rng);
        fq12_random(&c, &rng);
        fq12_mul(&l, &a, &b);           /* (ab)c = a(bc) */
        fq12_mul(&l, &l, &c);
        fq12_mul(&r, &b, &c);
        fq12_mul(&r, &a, &r);
        assert_true(fq12_eq(&l, &r));
        fq12_mul(&l, &a, &b);           /* ab = ba */
        fq12_mul(&r, &b, &a);
        assert_true(fq12_eq(&l, &r));
        fq12_add(&t, &b, &c);           /* a(b + c) = ab + ac */
        fq12_mul(&l, &a, &t);
        fq12_mul(&t, &a, &c);
        fq12_add(&r, &r, &t);
        assert_true(fq12_eq(&l, &r));
        fq12_inv(&t, &b);               /* (a/b)·b = a */
        fq12_mul(&l, &a, &t);
        fq12_mul(&l, &l, &b);
        assert_true(fq12_eq(&l, &a));
    }
}

/* The exponent q^k as 64-bit limbs (at most 12). */
static size_t q_power_limbs(uint64_t out[12], unsigned k)
{
    mpz_t e;
    mpz_init(e);
    mpz_pow_ui(e, g_q, k);
    size_t n = 0;
    memset(out, 0, 12 * sizeof(uint64_t));
    mpz_export(out, &n, -1, sizeof(uint64_t), 0, 0, e);
    mpz_clear(e);
    return n;
}

/* a^e in Fq2 for an exponent of any size, by square-and-multiply. */
static void fq2_pow_mpz(fq2_t *r, const fq2_t *a, const mpz_t e)
{
    fq2_t acc;
    fq2_one(&acc);
    for (size_t i = mpz_sizeinbase(e, 2); i-- > 0;) {
        fq2_sqr(&acc, &acc);
        if (mpz_tstbit(e, i))
            fq2_mul(&acc, &acc, a);
    }
    *r = acc;
}

/* γ_{k,i} = ξ^(i(q^k - 1)/6), recomputed from the definition. */
static void test_frobenius_constants(void **state)
{
    (void)state;
    fq2_t xi, g;
    fq_from_u64(&xi.c0, 9);
    fq_from_u64(&xi.c1, 1);
    mpz_t e;
    mpz_init(e);
    for (unsigned k = 1; k <= 3; k++) {
        for (unsigned i = 1; i <= 5; i++) {
            mpz_pow_ui(e, g_q, k);
            mpz_sub_ui(e, e, 1);
            assert_true(mpz_divisible_ui_p(e, 6));
            mpz_divexact_ui(e, e, 6);
            mpz_mul_ui(e, e, i);
            fq2_pow_mpz(&g, &xi, e);
            if (k == 2) {
                assert_true(fq_is_zero(&g.c1));
                assert_true(fq_eq(&g.c0, &fq12_frob_gamma2[i - 1]));
            } else {
                const fq2_t *tab = k == 1 ? fq12_frob_gamma1 : fq12_frob_gamma3;
                assert_true(fq2_eq(&g, &tab[i - 1]));
            }
        }
    }
    mpz_clear(e);
}

static void test_frobenius_is_power(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fq12-frob");
    uint64_t e[12];
    for (int it = 0; it < 3; it++) {
        fq12_t a, f, p, t;
        fq12_random(&a, &rng);
        for (unsigned k = 1; k <= 3; k++) {
            size_t n = q_power_limbs(e, k);
            fq12_frobenius(&f, &a, k);
            fq12_pow_var(&p, &a, e, n);
            assert_true(fq12_eq(&f, &p));
        }
        /* Composition, the conjugate at 6, the identity at 12 and 0. */
        fq12_frobenius(&f, &a, 1);
        fq12_frobenius(&f, &f, 4);
        fq12_frobenius(&t, &a, 5);
        assert_true(fq12_eq(&f, &t));
        fq12_frobenius(&f, &a, 6);
        fq12_conj(&t, &a);
        assert_true(fq12_eq(&f, &t));
        fq12_frobenius(&f, &a, 7);
        fq12_frobenius(&t, &t, 1);
        assert_true(fq12_eq(&f, &t));
        fq12_frobenius(&f, &a, 12);
        assert_true(fq12_eq(&f, &a));
        fq12_frobenius(&f, &a, 0);
        assert_true(fq12_eq(&f, &a));
        /* A ring map: (ab)^q = a^q b^q. */
        fq12_t b, l, r;
        fq12_random(&b, &rng);
        fq12_mul(&l, &a, &b);
        fq12_frobenius(&l, &l, 1);
        fq12_frobenius(&r, &a, 1);
        fq12_frobenius(&t, &b, 1);
        fq12_mul(&r, &r, &t);
        assert_true(fq12_eq(&l, &r));
    }
}

static void test_cyclotomic_sqr(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fq12-cyclo");
    mpz_t e;
    mpz_init(e);
    /* Φ12(q) = q^4 - q^2 + 1, the order of the cyclotomic subgroup. */
    mpz_pow_ui(e, g_q, 4);
    mpz_t q2;
    mpz_init(q2);
    mpz_mul(q2, g_q, g_q);
    mpz_sub(e, e, q2);
    mpz_add_ui(e, e, 1);
    uint64_t limbs[16] = {0};
    assert_true(mpz_sizeinbase(e, 2) <= 16 * 64);
    size_t n = 0;
    mpz_export(limbs, &n, -1, sizeof(uint64_t), 0, 0, e);
    for (int it = 0; it < 50; it++) {
        fq12_t a, m, t, s1, s2;
        fq12_random(&a, &rng);
        /* m = a^((q^6 - 1)(q^2 + 1)) lies in the cyclotomic subgroup. */
        fq12_inv(&t, &a);
        fq12_conj(&m, &a);
        fq12_mul(&m, &m, &t);
        fq12_frobenius(&t, &m, 2);
        fq12_mul(&m, &m, &t);
        if (it < 2) {
            fq12_pow_var(&t, &m, limbs, n);
            assert_true(fq12_is_one(&t));
        }
        /* There, conj is the inverse and Granger-Scott equals squaring. */
        fq12_conj(&t, &m);
        fq12_mul(&t, &t, &m);
        assert_true(fq12_is_one(&t));
        for (int j = 0; j < 4; j++) {
            fq12_sqr(&s1, &m);
            fq12_cyclotomic_sqr(&s2, &m);
            assert_true(fq12_eq(&s1, &s2));
            m = s2;
            fq12_cyclotomic_sqr(&m, &m);   /* aliasing */
            fq12_sqr(&s1, &s1);
            assert_true(fq12_eq(&m, &s1));
        }
        /* Outside the subgroup the shortcut is wrong, so the check above has teeth. */
        fq12_sqr(&s1, &a);
        fq12_cyclotomic_sqr(&s2, &a);
        assert_false(fq12_eq(&s1, &s2));
    }
    mpz_clears(e, q2, NULL);
}

static void test_encoding(void **state)
{
    (void)state;
    fq12_t a;
    uint8_t out[FQ12_BYTES], want[FQ12_BYTES];
    fq12_one(&a);
    fq_from_u64(&a.c1.c2.c1, 0x0102);   /* the last coefficient */
    memset(want, 0, sizeof want);
    want[31] = 1;
    want[FQ12_BYTES - 2] = 1;
    want[FQ12_BYTES - 1] = 2;
    fq12_to_bytes(out, &a);
    assert_memory_equal(out, want, FQ12_BYTES);
}

static int setup(void **state)
{
    (void)state;
    mpz_init(g_q);
    zk_test_u256_to_mpz(g_q, fq_params.p);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mpz_clear(g_q);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tower_differential, setup, teardown),
        cmocka_unit_test(test_ring_laws),
        cmocka_unit_test_setup_teardown(test_frobenius_constants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_frobenius_is_power, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cyclotomic_sqr, setup, teardown),
        cmocka_unit_test(test_encoding),
    };
    return ZK_RUN_TESTS(tests);
}
