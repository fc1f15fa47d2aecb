/* Groth16 on BN254: setup from known secrets, proving (in memory and from
 * files), verification, snarkjs JSON, and the facts the prover rests on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/r1cs_io.h"
#include "core/alloc.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"
#include "snark/groth16_setup.h"
#include "zk_test.h"

/* A circuit with its key and a satisfying witness. */
typedef struct fixture {
    r1cs s;
    groth16_cs cs;
    groth16_pk pk;
    groth16_vk vk;
    fr_t *w;
    groth16_toxic t;
} fixture;

static void fixture_make(fixture *f, bool bits, uint32_t m, const char *seed_name,
                         bool delta_is_gamma)
{
    memset(f, 0, sizeof *f);
    if (bits)
        assert_int_equal(groth16_demo_bits(&f->s, m, NULL), ZK_OK);
    else
        assert_int_equal(groth16_demo_square_chain(&f->s, m), ZK_OK);
    fr_t in[64];
    assert_true(f->s.n_pub_in + f->s.n_prv_in <= 64);
    groth16_demo_inputs(&f->s, in, 7);
    f->w = zk_alloc(f->s.n_wires, sizeof *f->w);
    assert_int_equal(r1cs_solve(&f->s, f->w, in, NULL), ZK_OK);
    assert_int_equal(r1cs_check(&f->s, f->w, NULL), ZK_OK);
    assert_int_equal(groth16_cs_from_r1cs(&f->cs, &f->s), ZK_OK);
    zk_rng rng;
    zk_test_rng(&rng, seed_name);
    groth16_toxic_random(&f->t, &rng);
    if (delta_is_gamma)
        f->t.delta = f->t.gamma;
    assert_int_equal(groth16_setup_toxic(&f->pk, &f->cs, &f->t, false, NULL), ZK_OK);
    assert_int_equal(groth16_vk_from_pk(&f->vk, &f->pk), ZK_OK);
}

static void fixture_free(fixture *f)
{
    r1cs_free(&f->s);
    groth16_cs_free(&f->cs);
    groth16_pk_free(&f->pk);
    groth16_vk_free(&f->vk);
    zk_free(f->w);
}

static bool verifies(const groth16_vk *vk, const fr_t *pub, size_t n, const groth16_proof *p)
{
    bool ok = false;
    assert_int_equal(groth16_verify(&ok, vk, pub, n, p), ZK_OK);
    return ok;
}

/* ---- the polynomial facts ------------------------------------------------------ */

/* Interpolation of f(X) = 1 and f(X) = X: Σ L_i(x) = 1, Σ ω^i·L_i(x) = x. */
static void test_lagrange_at(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    for (unsigned k = 0; k <= 6; k++) {
        size_t n = (size_t)1 << k;
        fr_t x, L[64], s0, s1, w, wi;
        fr_random(&x, &rng);
        assert_int_equal(groth16_lagrange_at(L, k, &x), ZK_OK);
        fr_zero(&s0);
        fr_zero(&s1);
        fr_root_of_unity(&w, k);
        fr_one(&wi);
        for (size_t i = 0; i < n; i++) {
            fr_t t;
            fr_add(&s0, &s0, &L[i]);
            fr_mul(&t, &L[i], &wi);
            fr_add(&s1, &s1, &t);
            fr_mul(&wi, &wi, &w);
        }
        assert_true(fr_is_one(&s0));
        /* X has degree 1: it interpolates from two points or more. */
        assert_true(k == 0 || fr_eq(&s1, &x));
        /* At a root of unity the basis is an indicator, not a formula. */
        assert_int_equal(groth16_lagrange_at(L, k, &w), ZK_EINVAL);
    }
}

/* groth16_h_coset against a naive reference: interpolate a, b, c = a∘b by
 * Lagrange and evaluate A·B − C at shift·ω^i. */
static void test_h_coset_naive(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, __func__);
    for (unsigned k = 1; k <= 5; k++) {
        size_t n = (size_t)1 << k;
        fr_t a[32], b[32], c[32], a0[32], b0[32], shift, w, x, L[32];
        for (size_t i = 0; i < n; i++) {
            fr_random(&a[i], &rng);
            fr_random(&b[i], &rng);
            a0[i] = a[i];
            b0[i] = b[i];
        }
        fr_domain d;
        assert_int_equal(fr_domain_init(&d, k), ZK_OK);
        assert_int_equal(groth16_h_coset(a, b, c, &d, NULL), ZK_OK);
        fr_domain_free(&d);
        groth16_coset_shift(&shift, k);
        fr_root_of_unity(&w, k + 1);
        assert_true(fr_eq(&shift, &w));
        fr_root_of_unity(&w, k);
        x = shift;
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(groth16_lagrange_at(L, k, &x), ZK_OK);
            fr_t A, B, C, t;
            fr_zero(&A);
            fr_zero(&B);
            fr_zero(&C);
            for (size_t j = 0; j < n; j++) {
                fr_mul(&t, &a0[j], &L[j]);
                fr_add(&A, &A, &t);
                fr_mul(&t, &b0[j], &L[j]);
                fr_add(&B, &B, &t);
                fr_mul(&t, &a0[j], &b0[j]);
                fr_mul(&t, &t, &L[j]);
                fr_add(&C, &C, &t);
            }
            fr_mul(&t, &A, &B);
            fr_sub(&t, &t, &C);
            assert_true(fr_eq(&t, &a[i]));
            fr_mul(&x, &x, &w);
        }
    }
}

/* ---- prove and verify ------------------------------------------------------------ */

static void prove_verify_tamper(fixture *f, const char *name)
{
    zk_rng rng;
    zk_test_rng(&rng, name);
    groth16_proof p, q;
    assert_int_equal(groth16_prove(&p, &f->pk, f->w, f->s.n_wires, &rng, NULL), ZK_OK);
    size_t np = f->pk.h.n_public;
    const fr_t *pub = f->w + 1;
    assert_true(verifies(&f->vk, pub, np, &p));
    /* A second proof is different (fresh r, s) and verifies too. */
    assert_int_equal(groth16_prove(&q, &f->pk, f->w, f->s.n_wires, &rng, NULL), ZK_OK);
    assert_false(g1_aff_eq(&p.a, &q.a));
    assert_true(verifies(&f->vk, pub, np, &q));
    /* A changed public input. */
    fr_t bad[8];
    memcpy(bad, pub, np * sizeof *bad);
    fr_t one;
    fr_one(&one);
    fr_add(&bad[0], &bad[0], &one);
    assert_false(verifies(&f->vk, bad, np, &p));
    /* Swapped or mixed proof elements. */
    groth16_proof x = p;
    x.a = p.c;
    x.c = p.a;
    assert_false(verifies(&f->vk, pub, np, &x));
    x = p;
    x.c = q.c;
    assert_false(verifies(&f->vk, pub, np, &x));
    /* A point at infinity: malformed, not merely invalid. */
    x = p;
    g1_aff_set_inf(&x.a);
    bool ok = true;
    assert_int_equal(groth16_verify(&ok, &f->vk, pub, np, &x), ZK_EINFINITY);
    assert_false(ok);
    /* The wrong number of public inputs. */
    ok = true;
    assert_int_equal(groth16_verify(&ok, &f->vk, pub, np + 1, &p), ZK_EINVAL);
    assert_false(ok);
}

static void test_prove_square_chain(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, false, 40, __func__, false);
    assert_int_equal(f.pk.h.domain_size, 64);
    assert_int_equal(f.pk.h.n_public, 2);
    prove_verify_tamper(&f, __func__);
    fixture_free(&f);
}

static void test_prove_bits(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, true, 130, __func__, false);
    prove_verify_tamper(&f, __func__);
    fixture_free(&f);
}

static void assert_same_vk(const groth16_vk *a, const groth16_vk *b)
{
    assert_int_equal(a->n_public, b->n_public);
    assert_true(g1_aff_eq(&a->alpha1, &b->alpha1));
    assert_true(g2_aff_eq(&a->beta2, &b->beta2));
    assert_true(g2_aff_eq(&a->gamma2, &b->gamma2));
    assert_true(g2_aff_eq(&a->delta2, &b->delta2));
    for (size_t i = 0; i <= a->n_public; i++)
        assert_true(g1_aff_eq(&a->ic[i], &b->ic[i]));
}

/* groth16_demo_key_make is the fixture's sequence in one call: from the
 * same seeded secrets it gives the same key, by the variable-time and by
 * the constant-time setup, and the key proves and verifies. */
static void test_demo_key(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, false, 40, __func__, false);
    for (int secret = 0; secret < 2; secret++) {
        zk_rng rng;
        zk_test_rng(&rng, __func__);
        groth16_demo_key k;
        assert_int_equal(groth16_demo_key_make(&k, &f.s, &rng, secret, NULL), ZK_OK);
        assert_int_equal(k.log_domain, 6);
        assert_int_equal(k.pk.h.domain_size, 64);
        assert_same_vk(&k.vk, &f.vk);
        groth16_proof p;
        assert_int_equal(groth16_prove(&p, &k.pk, f.w, f.s.n_wires, &rng, NULL), ZK_OK);
        assert_true(verifies(&k.vk, f.w + 1, 2, &p));
        fr_t bad[2] = {f.w[1], f.w[2]}, one;
        fr_one(&one);
        fr_add(&bad[1], &bad[1], &one);
        assert_false(verifies(&k.vk, bad, 2, &p));
        groth16_demo_key_free(&k);
    }
    fixture_free(&f);
}

/* A witness that does not satisfy the constraints gives a proof that does
 * not verify (the prover does not check; the verifier catches it). */
static void test_bad_witness_fails(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, false, 10, __func__, false);
    fr_t one;
    fr_one(&one);
    fr_add(&f.w[5], &f.w[5], &one);
    groth16_proof p;
    assert_int_equal(groth16_prove(&p, &f.pk, f.w, f.s.n_wires, NULL, NULL), ZK_OK);
    assert_false(verifies(&f.vk, f.w + 1, 2, &p));
    /* The wrong witness length, or w_0 ≠ 1, is refused. */
    assert_int_equal(groth16_prove(&p, &f.pk, f.w, f.s.n_wires - 1, NULL, NULL), ZK_EINVAL);
    f.w[0] = one;
    fr_add(&f.w[0], &f.w[0], &one);
    assert_int_equal(groth16_prove(&p, &f.pk, f.w, f.s.n_wires, NULL, NULL), ZK_EINVAL);
    fixture_free(&f);
}

/* ---- files ------------------------------------------------------------------------ */

static char *tmp_path(const char *name)
{
    static char buf[4][256];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, 256, "%s/zkcave-g16-%d-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (int)getpid(), name);
    return p;
}

static void test_zkey_round_trip_and_prove_files(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, true, 70, __func__, false);
    char *zk = tmp_path("k.zkey"), *wt = tmp_path("w.wtns");
    assert_int_equal(zkey_write(&f.pk, zk), ZK_OK);
    assert_int_equal(wtns_write_file(wt, f.w, f.s.n_wires), ZK_OK);
    groth16_pk back;
    assert_int_equal(zkey_read(&back, zk, true), ZK_OK);
    assert_int_equal(back.n_coefs, f.pk.n_coefs);
    for (size_t i = 0; i < back.n_coefs; i++)
        assert_true(fr_eq(&back.coefs[i].value, &f.pk.coefs[i].value));
    for (size_t i = 0; i < back.h.n_vars; i++) {
        assert_true(g1_aff_eq(&back.a[i], &f.pk.a[i]));
        assert_true(g2_aff_eq(&back.b2[i], &f.pk.b2[i]));
    }
    for (size_t i = 0; i < back.h.domain_size; i++)
        assert_true(g1_aff_eq(&back.hq[i], &f.pk.hq[i]));
    assert_true(g2_aff_eq(&back.h.delta2, &f.pk.h.delta2));
    groth16_pk_free(&back);

    groth16_proof p;
    fr_t *pub = NULL;
    size_t np = 0;
    assert_int_equal(groth16_prove_files(&p, &pub, &np, zk, wt, NULL, NULL), ZK_OK);
    assert_int_equal(np, 1);
    assert_true(fr_eq(&pub[0], &f.w[1]));
    assert_true(verifies(&f.vk, pub, np, &p));
    zk_free(pub);
    /* A truncated key is refused, not read past. */
    assert_int_equal(truncate(zk, 5000), 0);
    assert_int_equal(groth16_prove_files(&p, &pub, &np, zk, wt, NULL, NULL), ZK_EFORMAT);
    /* A missing file says so (not "input/output error"), and which one. */
    assert_int_equal(groth16_prove_files(&p, &pub, &np, tmp_path("missing"), wt, NULL, NULL),
                     ZK_ENOENT);
    assert_string_equal(zk_file_which(ZK_ENOENT, NULL), tmp_path("missing"));
    assert_int_equal(groth16_prove_files(&p, &pub, &np, zk, tmp_path("missing.wtns"), NULL, NULL),
                     ZK_ENOENT);
    assert_string_equal(zk_file_which(ZK_ENOENT, NULL), tmp_path("missing.wtns"));
    unlink(zk);
    unlink(wt);
    fixture_free(&f);
}

/* ---- JSON ------------------------------------------------------------------------- */

static void test_json_round_trip(void **state)
{
    (void)state;
    fixture f;
    fixture_make(&f, false, 12, __func__, false);
    groth16_proof p, p2;
    assert_int_equal(groth16_prove(&p, &f.pk, f.w, f.s.n_wires, NULL, NULL), ZK_OK);
    cJSON *jp = groth16_proof_to_json(&p), *jv = groth16_vk_to_json(&f.vk),
          *ju = groth16_public_to_json(f.w + 1, 2);
    char *tp = cJSON_PrintUnformatted(jp), *tv = cJSON_PrintUnformatted(jv),
         *tu = cJSON_PrintUnformatted(ju);
    cJSON *rp = cJSON_Parse(tp), *rv = cJSON_Parse(tv), *ru = cJSON_Parse(tu);
    groth16_vk vk2;
    fr_t *pub;
    size_t np;
    assert_int_equal(groth16_proof_from_json(&p2, rp), ZK_OK);
    assert_int_equal(groth16_vk_from_json(&vk2, rv), ZK_OK);
    assert_int_equal(groth16_public_from_json(&pub, &np, ru), ZK_OK);
    assert_true(verifies(&vk2, pub, np, &p2));
    assert_true(g2_aff_eq(&p.b, &p2.b));
    zk_free(pub);
    groth16_vk_free(&vk2);
    /* A public value >= r is refused as non-canonical; text as malformed. */
    cJSON *big = cJSON_Parse("[\"21888242871839275222246405745257275088548364400416034343698204186575808495617\"]");
    assert_int_equal(groth16_public_from_json(&pub, &np, big), ZK_ENONCANONICAL);
    cJSON *txt = cJSON_Parse("[\"0x12\", \"abc\"]");
    assert_int_equal(groth16_public_from_json(&pub, &np, txt), ZK_EFORMAT);
    cJSON_Delete(big);
    cJSON_Delete(txt);
    /* A proof point off the curve. */
    cJSON *a = cJSON_GetObjectItem(rp, "pi_a");
    cJSON_ReplaceItemInArray(a, 0, cJSON_CreateString("1"));
    assert_int_equal(groth16_proof_from_json(&p2, rp), ZK_ENOTONCURVE);
    cJSON_free(tp);
    cJSON_free(tv);
    cJSON_free(tu);
    cJSON_Delete(jp);
    cJSON_Delete(jv);
    cJSON_Delete(ju);
    cJSON_Delete(rp);
    cJSON_Delete(rv);
    cJSON_Delete(ru);
    fixture_free(&f);
}

/* The published snarkjs triple verifies; its key has δ = γ. */
static void test_snarkjs_vector(void **state)
{
    (void)state;
    const char *names[3] = {"vectors/snarkjs_groth16/verification_key.json",
                            "vectors/snarkjs_groth16/proof.json",
                            "vectors/snarkjs_groth16/public.json"};
    cJSON *j[3];
    for (int i = 0; i < 3; i++) {
        char *text = zk_test_read_shared(names[i]);
        j[i] = cJSON_Parse(text);
        free(text);
        assert_non_null(j[i]);
    }
    groth16_vk vk;
    groth16_proof p;
    fr_t *pub;
    size_t np;
    assert_int_equal(groth16_vk_from_json(&vk, j[0]), ZK_OK);
    assert_int_equal(groth16_proof_from_json(&p, j[1]), ZK_OK);
    assert_int_equal(groth16_public_from_json(&pub, &np, j[2]), ZK_OK);
    assert_true(verifies(&vk, pub, np, &p));
    assert_int_equal(groth16_vk_weakness(&vk), GROTH16_DELTA_IS_GAMMA);
    assert_int_equal(groth16_vk_check(&vk, false, NULL), ZK_EFORGEABLE);
    /* Our JSON of their key reproduces vk_alphabeta_12. */
    cJSON *mine = groth16_vk_to_json(&vk);
    assert_true(cJSON_Compare(cJSON_GetObjectItem(mine, "vk_alphabeta_12"),
                              cJSON_GetObjectItem(j[0], "vk_alphabeta_12"), true));
    cJSON_Delete(mine);
    fr_t one;
    fr_one(&one);
    fr_add(&pub[0], &pub[0], &one);
    assert_false(verifies(&vk, pub, np, &p));
    zk_free(pub);
    groth16_vk_free(&vk);
    for (int i = 0; i < 3; i++)
        cJSON_Delete(j[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lagrange_at),
        cmocka_unit_test(test_h_coset_naive),
        cmocka_unit_test(test_prove_square_chain),
        cmocka_unit_test(test_prove_bits),
        cmocka_unit_test(test_bad_witness_fails),
        cmocka_unit_test(test_demo_key),
        cmocka_unit_test(test_zkey_round_trip_and_prove_files),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_snarkjs_vector),
    };
    return ZK_RUN_TESTS(tests);
}
