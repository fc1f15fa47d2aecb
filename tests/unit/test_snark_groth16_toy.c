/* Groth16 by hand on BLS6_6 (r = 13) for x^3 + x + 5 = out: every x proves
 * its own out and nothing else, the proof elements have the discrete logs
 * the formulas say, a bad witness verifies exactly when its remainder
 * vanishes at τ (the toy's soundness error, counted), and both forgeries
 * work — knowing τ, and a key with δ = γ — and the latter only then. */
#include "zk_test.h"

#include "circuit/flatten.h"
#include "poly/zp_poly.h"
#include "snark/groth16_toy.h"
#include "snark/kzg.h"

typedef struct fixture {
    toy_curve c;
    flat_circuit fc;
    qap q;
    bool pub[FLAT_MAX_GATES + 3];
    groth16_toy_toxic tw;
    groth16_toy_key key;
    mpz_t *w;
} fixture;

static void set_toxic(groth16_toy_toxic *tw, unsigned long tau, unsigned long alpha,
                      unsigned long beta, unsigned long gamma, unsigned long delta)
{
    mpz_set_ui(tw->tau, tau);
    mpz_set_ui(tw->alpha, alpha);
    mpz_set_ui(tw->beta, beta);
    mpz_set_ui(tw->gamma, gamma);
    mpz_set_ui(tw->delta, delta);
}

static void fixture_open(fixture *f, unsigned long gamma, unsigned long delta)
{
    assert_int_equal(toy_curve_init(&f->c, "bls6_6"), ZK_OK);
    assert_int_equal(flat_parse(&f->fc, "x^3 + x + 5", NULL, NULL), ZK_OK);
    r1cs s;
    assert_int_equal(flat_to_r1cs(&f->fc, &s), ZK_OK);
    assert_int_equal(qap_init(&f->q, &s, f->c.r, NULL), ZK_OK);
    r1cs_free(&s);
    for (size_t j = 0; j < f->q.n; j++)
        f->pub[j] = j == 0 || j == 2;   /* one and out; x and the rest private */
    groth16_toy_toxic_init(&f->tw);
    set_toxic(&f->tw, 6, 3, 5, gamma, delta);
    assert_int_equal(groth16_toy_setup(&f->key, &f->c, &f->q, f->pub, &f->tw), ZK_OK);
    f->w = zp_poly_new(f->q.n);
}

static void fixture_close(fixture *f)
{
    zp_poly_free(f->w, f->q.n);
    groth16_toy_key_free(&f->key);
    groth16_toy_toxic_clear(&f->tw);
    qap_free(&f->q);
    toy_curve_clear(&f->c);
}

static void witness(fixture *f, unsigned long x)
{
    fr_t xf, wf[FLAT_MAX_GATES + 3];
    fr_from_u64(&xf, x);
    flat_eval(&f->fc, &xf, wf);
    qap_witness_from_fr(&f->q, f->w, wf);
}

static bool verifies(fixture *f, const groth16_toy_proof *pr, const mpz_t out)
{
    groth16_toy_check chk;
    groth16_toy_check_init(&chk);
    mpz_t pubv[1];
    mpz_init_set(pubv[0], out);
    /* insecure: these tests are about the equation, forgeable keys too. */
    assert_int_equal(groth16_toy_verify(&chk, &f->key, pubv, pr, true), ZK_OK);
    bool ok = chk.ok;
    mpz_clear(pubv[0]);
    groth16_toy_check_clear(&chk);
    return ok;
}

static void test_setup_errors(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f, 7, 11);
    groth16_toy_key k2;
    /* τ at a constraint point, γ = 0, δ = 0, wire 0 private. */
    set_toxic(&f.tw, 3, 3, 5, 7, 11);
    assert_int_equal(groth16_toy_setup(&k2, &f.c, &f.q, f.pub, &f.tw), ZK_EINVAL);
    set_toxic(&f.tw, 6, 3, 5, 0, 11);
    assert_int_equal(groth16_toy_setup(&k2, &f.c, &f.q, f.pub, &f.tw), ZK_EINVAL);
    set_toxic(&f.tw, 6, 3, 5, 7, 13);
    assert_int_equal(groth16_toy_setup(&k2, &f.c, &f.q, f.pub, &f.tw), ZK_EINVAL);
    set_toxic(&f.tw, 6, 3, 5, 7, 11);
    f.pub[0] = false;
    assert_int_equal(groth16_toy_setup(&k2, &f.c, &f.q, f.pub, &f.tw), ZK_EINVAL);
    f.pub[0] = true;
    /* A QAP over another field than the curve's scalars. */
    toy_curve tj;
    assert_int_equal(toy_curve_init(&tj, "tjj13"), ZK_OK);
    assert_int_equal(groth16_toy_setup(&k2, &tj, &f.q, f.pub, &f.tw), ZK_EINVAL);
    toy_curve_clear(&tj);
    assert_int_equal(f.key.n_pub, 1);
    fixture_close(&f);
}

/* Every x: the honest proof verifies for its out and fails for out + 1;
 * A's discrete log is α + A(τ) + r·δ, B's β + B(τ) + s·δ. */
static void test_every_witness(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f, 7, 11);
    groth16_toy_proof pr;
    groth16_toy_proof_init(&pr);
    mpz_t r, s, out, k, want, t;
    mpz_inits(r, s, out, k, want, t, NULL);
    mpz_t *u = zp_poly_new(f.q.n), *v = zp_poly_new(f.q.n), *cw = zp_poly_new(f.q.n);
    qap_columns_at(&f.q, u, v, cw, t, f.tw.tau);
    for (unsigned long x = 0; x < 13; x++) {
        witness(&f, x);
        mpz_set_ui(r, (x * 5 + 2) % 13);
        mpz_set_ui(s, (x * 7 + 9) % 13);
        bool sat;
        assert_int_equal(groth16_toy_prove(&pr, &f.key, &f.q, f.w, r, s, &sat), ZK_OK);
        assert_true(sat);
        mpz_set(out, f.w[2]);
        assert_true(verifies(&f, &pr, out));
        mpz_add_ui(out, out, 1);
        mpz_mod_ui(out, out, 13);
        assert_false(verifies(&f, &pr, out));

        const zp_field *fl = &f.q.f;
        mpz_set(want, f.tw.alpha);
        for (size_t j = 0; j < f.q.n; j++) {
            zp_mul(fl, t, f.w[j], u[j]);
            zp_add(fl, want, want, t);
        }
        zp_mul(fl, t, r, f.tw.delta);
        zp_add(fl, want, want, t);
        assert_int_equal(kzg_toy_dlog(&f.c, k, &pr.a, &f.c.g1), ZK_OK);
        ZK_ASSERT_MPZ_EQ(k, want);
        mpz_set(want, f.tw.beta);
        for (size_t j = 0; j < f.q.n; j++) {
            zp_mul(fl, t, f.w[j], v[j]);
            zp_add(fl, want, want, t);
        }
        zp_mul(fl, t, s, f.tw.delta);
        zp_add(fl, want, want, t);
        assert_int_equal(kzg_toy_dlog(&f.c, k, &pr.b, &f.c.g2), ZK_OK);
        ZK_ASSERT_MPZ_EQ(k, want);
    }
    zp_poly_free(u, f.q.n);
    zp_poly_free(v, f.q.n);
    zp_poly_free(cw, f.q.n);
    mpz_clears(r, s, out, k, want, t, NULL);
    groth16_toy_proof_clear(&pr);
    fixture_close(&f);
}

/* For every x, wire `wire` of the true witness replaced by every other
 * value: the honest prover's proof fails — except when the remainder of
 * P / t vanishes at τ, where the check cannot see the difference. Asserts
 * that rule for each case; returns how many false witnesses passed. */
static int bad_witnesses(fixture *f, size_t wire)
{
    groth16_toy_proof pr;
    groth16_toy_proof_init(&pr);
    mpz_t r, s, rem_tau;
    mpz_inits(r, s, rem_tau, NULL);
    mpz_set_ui(r, 4);
    mpz_set_ui(s, 10);
    int bad = 0, fooled = 0;
    for (unsigned long x = 0; x < 13; x++) {
        for (unsigned long v = 0; v < 13; v++) {
            witness(f, x);
            if (mpz_cmp_ui(f->w[wire], v) == 0)
                continue;
            mpz_set_ui(f->w[wire], v);
            bool sat;
            assert_int_equal(groth16_toy_prove(&pr, &f->key, &f->q, f->w, r, s, &sat), ZK_OK);
            assert_false(sat);
            qap_sol sol;
            assert_int_equal(qap_solve(&sol, &f->q, f->w), ZK_OK);
            zp_poly_eval(&f->q.f, rem_tau, sol.rem, f->q.m, f->tw.tau);
            qap_sol_free(&sol);
            bool ok = verifies(f, &pr, f->w[2]);
            assert_int_equal(ok, mpz_sgn(rem_tau) == 0);
            bad++;
            fooled += ok;
        }
    }
    assert_int_equal(bad, 13 * 12);
    mpz_clears(r, s, rem_tau, NULL);
    groth16_toy_proof_clear(&pr);
    return fooled;
}

static void test_bad_witnesses(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f, 7, 11);
    /* A wrong out breaks only the last row, so rem = (o - out)·L_4 mod t
     * with L_4 the Lagrange polynomial of point 4: L_4(6) ≠ 0 and no bad
     * witness passes. */
    assert_int_equal(bad_witnesses(&f, 2), 0);
    /* A wrong sym_1 breaks rows 1 and 2: rem = e_1·L_1 + e_2·L_2 can vanish
     * at τ, and then a false witness is accepted — 12 times of 156 here,
     * the toy's soundness error. */
    assert_int_equal(bad_witnesses(&f, 3), 12);
    fixture_close(&f);
}

static void test_forgeries(void **state)
{
    (void)state;
    fixture f;
    fixture_open(&f, 7, 11);
    groth16_toy_proof pr;
    groth16_toy_proof_init(&pr);
    mpz_t out, blind_r, blind_s;
    mpz_init(out);
    mpz_init_set_ui(blind_r, 0);
    mpz_init_set_ui(blind_s, 0);
    assert_int_equal(groth16_toy_key_weakness(&f.key), GROTH16_SOUND);
    int dg_accepted = 0;
    for (unsigned long o = 0; o < 13; o++) {
        mpz_set_ui(out, o);
        mpz_set_ui(blind_r, (o * 3) % 13);   /* blinding or none: it makes no difference */
        mpz_set_ui(blind_s, (o * 5 + 1) % 13);
        assert_int_equal(groth16_toy_forge_tau(&pr, &f.key, &f.q, f.tw.tau, &out, blind_r, blind_s), ZK_OK);
        assert_true(verifies(&f, &pr, out));
        assert_int_equal(groth16_toy_forge_delta_gamma(&pr, &f.key, &out), ZK_OK);
        dg_accepted += verifies(&f, &pr, out);
    }
    /* With δ ≠ γ the trick fails except for the one public value whose IC
     * is the point at infinity, where e(IC, γ) = e(IC, δ) = 1 anyway (a
     * 1-in-13 accident here, 1 in 2^254 on BN254). */
    assert_int_equal(dg_accepted, 1);
    /* A wrong τ' gives an h that matches at τ' instead of τ: of the 13
     * public values at most one passes, by accident (1/r). */
    mpz_t wrong;
    mpz_init(wrong);
    for (unsigned long tv = 0; tv < 13; tv++) {
        if (tv == 6)
            continue;
        mpz_set_ui(wrong, tv);
        int passed = 0;
        for (unsigned long o = 0; o < 13; o++) {
            mpz_set_ui(out, o);
            zk_err err = groth16_toy_forge_tau(&pr, &f.key, &f.q, wrong, &out, blind_r, blind_s);
            /* t(τ') = 0 at the QAP's points: no h to take. */
            assert_int_equal(err, tv >= 1 && tv <= 4 ? ZK_EINVAL : ZK_OK);
            passed += !err && verifies(&f, &pr, out);
        }
        assert_true(passed <= 1);
    }
    mpz_clear(wrong);
    fixture_close(&f);

    /* δ = γ: every public value is "proven", by the bare equation; the
     * verifier refuses the key unless told the forgery is the point. */
    fixture_open(&f, 7, 7);
    for (unsigned long o = 0; o < 13; o++) {
        mpz_set_ui(out, o);
        assert_int_equal(groth16_toy_forge_delta_gamma(&pr, &f.key, &out), ZK_OK);
        assert_true(verifies(&f, &pr, out));
    }
    assert_int_equal(groth16_toy_key_weakness(&f.key), GROTH16_DELTA_IS_GAMMA);
    groth16_toy_check chk;
    groth16_toy_check_init(&chk);
    assert_int_equal(groth16_toy_verify(&chk, &f.key, &out, &pr, false), ZK_EFORGEABLE);
    assert_false(chk.ok);
    groth16_toy_check_clear(&chk);
    mpz_clears(out, blind_r, blind_s, NULL);
    groth16_toy_proof_clear(&pr);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_setup_errors),
        cmocka_unit_test(test_every_witness),
        cmocka_unit_test(test_bad_witnesses),
        cmocka_unit_test(test_forgeries),
    };
    return ZK_RUN_TESTS(tests);
}
