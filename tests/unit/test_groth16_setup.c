/* Groth16 setup from secrets (snark/groth16_setup.h), without a ceremony:
 * with the generator seeded, groth16_setup_secrets must give, point for
 * point, the key computed here the slow way from the same five secrets
 * (Lagrange basis by the product formula, H by its defining sum over the
 * 2n-th roots, each point one plain scalar multiplication of a generator);
 * proofs made with it verify; it is none of the forgeable kinds; the
 * CNN-shaped demo circuit (groth16_demo_cnn) solves and proves. */
#include "zk_test.h"

#include <string.h>

#include "core/alloc.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"
#include "snark/groth16_setup.h"

/* L_c(x) = Π_{m≠c} (x − ω^m)/(ω^c − ω^m) over the 2^log_n-th roots. */
static void slow_lagrange(fr_t *L, unsigned log_n, const fr_t *x)
{
    size_t n = (size_t)1 << log_n;
    fr_t w, *pw = zk_alloc(n, sizeof *pw);
    assert_non_null(pw);
    fr_root_of_unity(&w, log_n);
    fr_one(&pw[0]);
    for (size_t i = 1; i < n; i++)
        fr_mul(&pw[i], &pw[i - 1], &w);
    for (size_t c = 0; c < n; c++) {
        fr_t num, den, t;
        fr_one(&num);
        fr_one(&den);
        for (size_t m = 0; m < n; m++) {
            if (m == c)
                continue;
            fr_sub(&t, x, &pw[m]);
            fr_mul(&num, &num, &t);
            fr_sub(&t, &pw[c], &pw[m]);
            fr_mul(&den, &den, &t);
        }
        assert_int_equal(fr_inv_var(&den, &den), ZK_OK);
        fr_mul(&L[c], &num, &den);
    }
    zk_free(pw);
}

static void expect_g1(const g1_aff *got, const fr_t *s, const char *what, size_t i)
{
    g1_aff want;
    zk_test_g1_times(&want, &g1_generator, s);
    if (!g1_aff_eq(got, &want))
        fail_msg("%s %zu differs from the slow way", what, i);
}

/* Every section of pk against the slow way from the secrets t. */
static void check_slow_way(const groth16_pk *pk, const groth16_cs *cs, const groth16_toxic *t)
{
    unsigned log_n = groth16_cs_log_domain(cs);
    size_t n = (size_t)1 << log_n, nv = cs->n_wires, np = cs->n_public;
    assert_int_equal(pk->h.domain_size, n);
    fr_t *L = zk_alloc(n, sizeof *L), *abc = zk_calloc(3 * nv, sizeof *abc);
    assert_non_null(L);
    assert_non_null(abc);
    slow_lagrange(L, log_n, &t->tau);
    /* A_j(τ), B_j(τ), C_j(τ), with snarkjs's extra A constraint for each
     * public wire (and the constant). */
    for (size_t c = 0; c < cs->n_constraints; c++)
        for (int side = 0; side < 3; side++) {
            size_t nt;
            const groth16_term *tm = groth16_cs_side(cs, c, side, &nt);
            for (size_t i = 0; i < nt; i++) {
                fr_t x;
                fr_mul(&x, &tm[i].coef, &L[c]);
                fr_add(&abc[side * nv + tm[i].wire], &abc[side * nv + tm[i].wire], &x);
            }
        }
    for (size_t s = 0; s <= np; s++)
        fr_add(&abc[s], &abc[s], &L[cs->n_constraints + s]);
    fr_t gi, di;
    fr_inv_var(&gi, &t->gamma);
    fr_inv_var(&di, &t->delta);
    g1_aff a1;
    g2_aff a2;
    zk_test_g1_times(&a1, &g1_generator, &t->alpha);
    assert_true(g1_aff_eq(&a1, &pk->h.alpha1));
    zk_test_g1_times(&a1, &g1_generator, &t->beta);
    assert_true(g1_aff_eq(&a1, &pk->h.beta1));
    zk_test_g1_times(&a1, &g1_generator, &t->delta);
    assert_true(g1_aff_eq(&a1, &pk->h.delta1));
    zk_test_g2_times(&a2, &g2_generator, &t->beta);
    assert_true(g2_aff_eq(&a2, &pk->h.beta2));
    zk_test_g2_times(&a2, &g2_generator, &t->gamma);
    assert_true(g2_aff_eq(&a2, &pk->h.gamma2));
    zk_test_g2_times(&a2, &g2_generator, &t->delta);
    assert_true(g2_aff_eq(&a2, &pk->h.delta2));
    for (size_t j = 0; j < nv; j++) {
        expect_g1(&pk->a[j], &abc[j], "A", j);
        expect_g1(&pk->b1[j], &abc[nv + j], "B1", j);
        zk_test_g2_times(&a2, &g2_generator, &abc[nv + j]);
        if (!g2_aff_eq(&pk->b2[j], &a2))
            fail_msg("B2 %zu differs from the slow way", j);
        fr_t k, y;
        fr_mul(&k, &t->beta, &abc[j]);
        fr_mul(&y, &t->alpha, &abc[nv + j]);
        fr_add(&k, &k, &y);
        fr_add(&k, &k, &abc[2 * nv + j]);
        fr_mul(&k, &k, j <= np ? &gi : &di);
        if (j <= np)
            expect_g1(&pk->ic[j], &k, "IC", j);
        else
            expect_g1(&pk->c[j - np - 1], &k, "C", j);
    }
    /* H_i = (1/2n)·Σ_{j<2n} ω_2n^(−(2i+1)j)·τ^j / δ. */
    fr_t w2, inv2n;
    fr_root_of_unity(&w2, log_n + 1);
    fr_inv_var(&w2, &w2);
    fr_from_u64(&inv2n, 2 * n);
    fr_inv_var(&inv2n, &inv2n);
    for (size_t i = 0; i < n; i++) {
        fr_t step, x, tj, sum, term;
        fr_pow_u64(&step, &w2, 2 * i + 1);
        fr_one(&x);
        fr_one(&tj);
        fr_zero(&sum);
        for (size_t j = 0; j < 2 * n; j++) {
            fr_mul(&term, &x, &tj);
            fr_add(&sum, &sum, &term);
            fr_mul(&x, &x, &step);
            fr_mul(&tj, &tj, &t->tau);
        }
        fr_mul(&sum, &sum, &inv2n);
        fr_mul(&sum, &sum, &di);
        expect_g1(&pk->hq[i], &sum, "H", i);
    }
    zk_free(L);
    zk_free(abc);
}

static void cnn_circuit(groth16_cs *cs, fr_t **w, uint32_t m)
{
    r1cs s;
    assert_int_equal(groth16_demo_cnn(&s, m, NULL), ZK_OK);
    assert_int_equal(s.n_pub_in + s.n_prv_in, 512);
    fr_t in[512];
    groth16_demo_cnn_inputs(in, 5);
    *w = zk_alloc(s.n_wires, sizeof **w);
    assert_int_equal(r1cs_solve(&s, *w, in, NULL), ZK_OK);
    assert_int_equal(groth16_cs_from_r1cs(cs, &s), ZK_OK);
    r1cs_free(&s);
}

static bool proves(const groth16_pk *pk, const fr_t *w, size_t n_w)
{
    groth16_vk vk;
    groth16_proof p;
    bool ok = false;
    assert_int_equal(groth16_vk_from_pk(&vk, pk), ZK_OK);
    assert_int_equal(groth16_vk_weakness(&vk), GROTH16_SOUND);
    assert_int_equal(groth16_vk_check(&vk, false, NULL), ZK_OK);
    assert_int_equal(groth16_prove(&p, pk, w, n_w, NULL, NULL), ZK_OK);
    assert_int_equal(groth16_verify(&ok, &vk, w + 1, pk->h.n_public, &p), ZK_OK);
    /* Another public input does not verify. */
    bool other = true;
    fr_t pub = w[1];
    fr_add(&pub, &pub, &w[0]);
    assert_int_equal(groth16_verify(&other, &vk, &pub, 1, &p), ZK_OK);
    assert_false(other);
    groth16_vk_free(&vk);
    return ok;
}

static void test_secrets_match_slow_way(void **state)
{
    (void)state;
    groth16_cs cs;
    fr_t *w;
    cnn_circuit(&cs, &w, 65);   /* one neuron: 65 constraints + 1 public + 1: 2^7 */
    assert_int_equal(groth16_cs_log_domain(&cs), 7);
    zk_rng r1, r2;
    zk_test_rng(&r1, __func__);
    zk_test_rng(&r2, __func__);
    groth16_pk pk;
    assert_int_equal(groth16_setup_secrets(&pk, &cs, &r1, NULL), ZK_OK);
    groth16_toxic t;
    groth16_toxic_random(&t, &r2);   /* what setup_secrets drew */
    check_slow_way(&pk, &cs, &t);
    groth16_toxic_wipe(&t);
    assert_true(proves(&pk, w, cs.n_wires));
    assert_int_equal(pk.mpc.n, 0);
    groth16_pk_free(&pk);

    /* From the OS: another key, as sound. */
    assert_int_equal(groth16_setup_secrets(&pk, &cs, NULL, NULL), ZK_OK);
    assert_true(proves(&pk, w, cs.n_wires));
    groth16_pk_free(&pk);
    groth16_cs_free(&cs);
    zk_free(w);
}

/* Several neurons, a domain well filled: the demo solves and proves. */
static void test_cnn_demo_proves(void **state)
{
    (void)state;
    groth16_cs cs;
    fr_t *w;
    cnn_circuit(&cs, &w, 900);
    assert_int_equal(cs.n_constraints, 14 * 65);
    groth16_pk pk;
    assert_int_equal(groth16_setup_secrets(&pk, &cs, NULL, NULL), ZK_OK);
    assert_true(proves(&pk, w, cs.n_wires));
    /* A wrong product breaks the witness: the setup is not lenient. */
    fr_t one;
    fr_one(&one);
    fr_add(&w[600], &w[600], &one);
    groth16_vk vk;
    groth16_proof p;
    bool ok = true;
    assert_int_equal(groth16_vk_from_pk(&vk, &pk), ZK_OK);
    assert_int_equal(groth16_prove(&p, &pk, w, cs.n_wires, NULL, NULL), ZK_OK);
    assert_int_equal(groth16_verify(&ok, &vk, w + 1, 1, &p), ZK_OK);
    assert_false(ok);
    groth16_vk_free(&vk);
    groth16_pk_free(&pk);
    groth16_cs_free(&cs);
    zk_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_secrets_match_slow_way),
        cmocka_unit_test(test_cnn_demo_proves),
    };
    return ZK_RUN_TESTS(tests);
}
