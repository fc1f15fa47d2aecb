/* Schnorr's protocol: the lesson screen's numbers, completeness and unique
 * responses exhaustively in the toy group, the student checker, the
 * special-soundness extractor, the HVZK simulator (exact distributions in the
 * toy group, chi-squared on secp256k1), the rewinding simulator. */
#include "zk_test.h"

#include <math.h>
#include <string.h>

#include "sigma/schnorr.h"
#include "sigma/schnorr_dist.h"

static void set_u(mpz_t r, unsigned long v)
{
    mpz_set_ui(r, v);
}

/* SCREENS.md, "Lesson step with a live action": p = 23, q = 11, g = 4,
 * y = g^x = 9 (so x = 8), t = 18 (so r = 3), c = 7, s = 4,
 * g^s = 4^4 = 3 and t·y^c = 18·9^7 = 3. */
static void test_screen_example(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_named(&g, "toy11"), ZK_OK);
    schnorr_keypair kp;
    schnorr_prover pr;
    schnorr_transcript tr;
    schnorr_check chk;
    schnorr_keypair_init(&kp);
    schnorr_prover_init(&pr);
    schnorr_transcript_init(&tr);
    schnorr_check_init(&chk);
    mpz_t x, r, c, s;
    mpz_inits(x, r, c, s, NULL);
    set_u(x, 8);
    assert_int_equal(schnorr_keypair_set(&g, &kp, x), ZK_OK);
    assert_int_equal(mpz_get_ui(kp.y.v), 9);
    set_u(r, 3);
    assert_int_equal(schnorr_commit_with(&g, &pr, r), ZK_OK);
    assert_int_equal(mpz_get_ui(pr.t.v), 18);
    set_u(c, 7);
    schnorr_respond(&g, s, &pr, &kp, c);
    assert_int_equal(mpz_get_ui(s), 4);
    schnorr_transcript_set(&tr, &pr.t, c, s);
    assert_int_equal(schnorr_verify(&g, &chk, &kp.y, &tr), ZK_OK);
    assert_true(chk.ok);
    assert_int_equal(mpz_get_ui(chk.lhs.v), 3);
    assert_int_equal(mpz_get_ui(chk.y_c.v), 4);    /* 9^7 = 4 (mod 23) */
    assert_int_equal(mpz_get_ui(chk.rhs.v), 3);
    /* The screen's exercise: r = 5, x = 3, c = 4 gives s = 17 mod 11 = 6. */
    set_u(x, 3);
    schnorr_keypair_set(&g, &kp, x);
    set_u(r, 5);
    schnorr_commit_with(&g, &pr, r);
    set_u(c, 4);
    schnorr_respond(&g, s, &pr, &kp, c);
    assert_int_equal(mpz_get_ui(s), 6);
    /* Out-of-range inputs. */
    set_u(x, 11);
    assert_int_equal(schnorr_keypair_set(&g, &kp, x), ZK_ENONCANONICAL);
    mpz_set_si(r, -1);
    assert_int_equal(schnorr_commit_with(&g, &pr, r), ZK_ENONCANONICAL);
    schnorr_transcript_set(&tr, &pr.t, c, s);
    set_u(tr.c, 11);
    assert_int_equal(schnorr_verify(&g, &chk, &kp.y, &tr), ZK_ENONCANONICAL);
    set_u(tr.c, 4);
    set_u(tr.s, 11);
    assert_int_equal(schnorr_verify(&g, NULL, &kp.y, &tr), ZK_ENONCANONICAL);
    set_u(tr.s, 6);
    sg_elt bad;
    sg_elt_init(&bad);
    set_u(bad.v, 5);   /* in Z_23^* but not in the subgroup */
    assert_int_equal(schnorr_verify(&g, NULL, &bad, &tr), ZK_ENOTINSUBGROUP);
    sg_elt_set(&tr.t, &bad);
    assert_int_equal(schnorr_verify(&g, NULL, &kp.y, &tr), ZK_ENOTINSUBGROUP);
    sg_elt_clear(&bad);
    mpz_clears(x, r, c, s, NULL);
    schnorr_keypair_clear(&kp);
    schnorr_prover_clear(&pr);
    schnorr_transcript_clear(&tr);
    schnorr_check_clear(&chk);
    sg_clear(&g);
}

/* Completeness for every x, r, c of the toy group, and uniqueness of the
 * response: for the same (t, c) exactly one s of the 11 is accepted. */
static void test_toy_exhaustive(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_toy11(&g), ZK_OK);
    schnorr_keypair kp;
    schnorr_prover pr;
    schnorr_transcript tr;
    schnorr_keypair_init(&kp);
    schnorr_prover_init(&pr);
    schnorr_transcript_init(&tr);
    mpz_t v, s;
    mpz_inits(v, s, NULL);
    for (unsigned x = 0; x < 11; x++) {
        set_u(v, x);
        schnorr_keypair_set(&g, &kp, v);
        for (unsigned r = 0; r < 11; r++) {
            set_u(v, r);
            schnorr_commit_with(&g, &pr, v);
            for (unsigned c = 0; c < 11; c++) {
                set_u(v, c);
                schnorr_respond(&g, s, &pr, &kp, v);
                assert_int_equal(mpz_get_ui(s), (r + c * x) % 11);
                int accepted = 0;
                for (unsigned s2 = 0; s2 < 11; s2++) {
                    mpz_set_ui(s, s2);
                    schnorr_transcript_set(&tr, &pr.t, v, s);
                    zk_err err = schnorr_verify(&g, NULL, &kp.y, &tr);
                    assert_true(err == ZK_OK || err == ZK_EVERIFY);
                    if (err == ZK_OK) {
                        accepted++;
                        assert_int_equal(s2, (r + c * x) % 11);
                    }
                }
                assert_int_equal(accepted, 1);
            }
        }
    }
    mpz_clears(v, s, NULL);
    schnorr_keypair_clear(&kp);
    schnorr_prover_clear(&pr);
    schnorr_transcript_clear(&tr);
    sg_clear(&g);
}

static void test_student_check(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_toy11(&g), ZK_OK);
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    mpz_t x;
    mpz_init_set_ui(x, 3);
    schnorr_keypair_set(&g, &kp, x);
    schnorr_student st;
    schnorr_student_init(&st);

    assert_int_equal(schnorr_check_student(&g, &st, &kp, "5", "4", "6"), ZK_OK);
    assert_int_equal(st.failed, SCHNORR_STEP_NONE);
    assert_true(st.response_ok && st.check.ok);
    assert_int_equal(mpz_get_ui(st.t.v), 12);          /* 4^5 = 12 */
    assert_int_equal(mpz_get_ui(st.check.lhs.v), 2);   /* 4^6 = 2 */

    assert_int_equal(schnorr_check_student(&g, &st, &kp, "5", "4", "7"), ZK_EVERIFY);
    assert_int_equal(st.failed, SCHNORR_STEP_RESPONSE);
    assert_false(st.response_ok);
    assert_false(st.check.ok);
    assert_int_equal(mpz_get_ui(st.s_expected), 6);
    assert_string_equal(st.message,
                        "s = r + c*x mod q = 5 + 4*3 mod 11 = 6, not 7; so g^s != t*y^c.");
    assert_false(sg_eq(&g, &st.check.lhs, &st.check.rhs));

    assert_int_equal(schnorr_check_student(&g, &st, &kp, "5", "11", "6"), ZK_ENONCANONICAL);
    assert_int_equal(st.failed, SCHNORR_STEP_INPUT);
    assert_int_equal(st.bad_input, 'c');
    assert_non_null(strstr(st.message, "0 to q - 1"));
    assert_int_equal(schnorr_check_student(&g, &st, &kp, "five", "4", "6"), ZK_EPARSE);
    assert_int_equal(st.bad_input, 'r');
    assert_int_equal(schnorr_check_student(&g, &st, &kp, "5", "4", ""), ZK_EPARSE);
    assert_int_equal(st.bad_input, 's');
    assert_int_equal(schnorr_check_student(&g, &st, &kp, "5", "4", NULL), ZK_EINVAL);
    assert_int_equal(schnorr_check_student(&g, &st, &kp, "0x5", "0x4", "0x6"), ZK_OK);

    schnorr_student_clear(&st);
    schnorr_keypair_clear(&kp);
    mpz_clear(x);
    sg_clear(&g);
}

/* Two accepting transcripts with one t give x, in every toy case and on
 * secp256k1 — the same arithmetic as a prover reusing its nonce. */
static void test_extractor(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "extractor");
    const char *names[2] = {"toy11", "secp256k1"};
    for (int n = 0; n < 2; n++) {
        sg_group g;
        assert_int_equal(sg_init_named(&g, names[n]), ZK_OK);
        bool toy = g.kind == SG_ZP;
        schnorr_keypair kp;
        schnorr_prover pr;
        schnorr_transcript t1, t2;
        schnorr_extraction ex;
        schnorr_keypair_init(&kp);
        schnorr_prover_init(&pr);
        schnorr_transcript_init(&t1);
        schnorr_transcript_init(&t2);
        schnorr_extraction_init(&ex);
        mpz_t v, c1, c2, s;
        mpz_inits(v, c1, c2, s, NULL);
        unsigned xs = toy ? 11 : 2, cs = toy ? 11 : 2;
        for (unsigned xi = 0; xi < xs; xi++) {
            if (toy) {
                set_u(v, xi);
                schnorr_keypair_set(&g, &kp, v);
            } else {
                schnorr_keygen(&g, &kp, &rng);
            }
            schnorr_commit(&g, &pr, &rng);
            for (unsigned a = 0; a < cs; a++) {
                for (unsigned b = 0; b < cs; b++) {
                    if (toy) {
                        set_u(c1, a);
                        set_u(c2, b);
                    } else {
                        schnorr_challenge(&g, c1, &rng);
                        mpz_set(c2, c1);
                        if (a != b)
                            schnorr_challenge(&g, c2, &rng);
                    }
                    schnorr_respond(&g, s, &pr, &kp, c1);
                    schnorr_transcript_set(&t1, &pr.t, c1, s);
                    schnorr_respond(&g, s, &pr, &kp, c2);
                    schnorr_transcript_set(&t2, &pr.t, c2, s);
                    zk_err err = schnorr_extract(&g, &ex, &kp.y, &t1, &t2);
                    if (a == b) {
                        assert_int_equal(err, ZK_EINVAL);
                        continue;
                    }
                    assert_int_equal(err, ZK_OK);
                    ZK_ASSERT_MPZ_EQ(ex.x, kp.x);
                }
            }
        }
        /* Different commitments: nothing to extract; a forged response: refused. */
        schnorr_prove_round(&g, &t1, &kp, &rng);
        schnorr_prove_round(&g, &t2, &kp, &rng);
        if (mpz_cmp(t1.c, t2.c) != 0 && !sg_eq(&g, &t1.t, &t2.t))
            assert_int_equal(schnorr_extract(&g, &ex, &kp.y, &t1, &t2), ZK_EINVAL);
        mpz_add_ui(t2.s, t2.s, 1);
        mpz_mod(t2.s, t2.s, SG_ORDER(&g));
        assert_int_equal(schnorr_extract(&g, &ex, &kp.y, &t1, &t2), ZK_EVERIFY);
        mpz_clears(v, c1, c2, s, NULL);
        schnorr_keypair_clear(&kp);
        schnorr_prover_clear(&pr);
        schnorr_transcript_clear(&t1);
        schnorr_transcript_clear(&t2);
        schnorr_extraction_clear(&ex);
        sg_clear(&g);
    }
}

/* The required test: for every secret x of the toy group, the q·q real
 * transcripts (all r, all c) and the q·q simulated ones (all c, all s) are
 * the same multiset of triples (t, c, s). */
static void test_exact_distribution(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_toy11(&g), ZK_OK);
    mpz_t x;
    mpz_init(x);
    for (unsigned xi = 0; xi < 11; xi++) {
        set_u(x, xi);
        schnorr_dist d;
        assert_int_equal(schnorr_dist_exact(&g, &d, x, 11), ZK_OK);
        assert_int_equal(d.q, 11);
        assert_int_equal(d.real_total, 121);
        assert_int_equal(d.sim_total, 121);
        assert_memory_equal(d.real, d.sim, 11 * 11 * 11 * sizeof *d.real);
        assert_true(d.identical);
        assert_int_equal(d.support, 121);   /* every accepting triple, once */
        uint64_t sum = 0;
        for (unsigned i = 0; i < 11 * 11 * 11; i++) {
            assert_true(d.real[i] <= 1);
            sum += d.real[i];
        }
        assert_int_equal(sum, 121);
        for (unsigned i = 0; i < 11; i++) {
            assert_int_equal(d.real_t[i], 11);
            assert_int_equal(d.sim_t[i], 11);
            assert_int_equal(d.real_s[i], 11);
            assert_int_equal(d.sim_s[i], 11);
        }
        schnorr_dist_clear(&d);
    }
    /* A prover whose nonces avoid part of [0, q) is told apart: its
     * commitments never take some values. */
    set_u(x, 8);
    schnorr_dist d;
    assert_int_equal(schnorr_dist_exact(&g, &d, x, 6), ZK_OK);
    assert_false(d.identical);
    assert_int_equal(d.real_t[7], 0);
    assert_int_equal(d.sim_t[7], 11);
    schnorr_dist_clear(&d);
    assert_int_equal(schnorr_dist_exact(&g, &d, x, 0), ZK_EINVAL);
    assert_int_equal(schnorr_dist_exact(&g, &d, x, 12), ZK_EINVAL);
    set_u(x, 11);
    assert_int_equal(schnorr_dist_exact(&g, &d, x, 11), ZK_EINVAL);
    mpz_clear(x);
    sg_clear(&g);
    assert_int_equal(sg_init_secp256k1(&g), ZK_OK);
    mpz_init_set_ui(x, 1);
    assert_int_equal(schnorr_dist_exact(&g, &d, x, 11), ZK_EUNSUPPORTED);
    mpz_clear(x);
    sg_clear(&g);
}

static void test_chi2(void **state)
{
    (void)state;
    /* Published quantiles: chi2_1 at 95% is 3.841459, chi2_10 at 95% is
     * 18.307038, chi2_15 at 99.9% is 37.697; P(chi2_2 >= x) = e^(-x/2). */
    assert_true(fabs(chi2_sf(3.841458820694124, 1) - 0.05) < 1e-9);
    assert_true(fabs(chi2_sf(18.307038053275146, 10) - 0.05) < 1e-9);
    assert_true(fabs(chi2_sf(37.69729821835383, 15) - 0.001) < 1e-9);
    assert_true(fabs(chi2_sf(2.0, 2) - exp(-1.0)) < 1e-12);
    assert_true(fabs(chi2_sf(0.5, 4) - 0.9735009788392561) < 1e-9);
    assert_true(chi2_sf(0.0, 3) == 1.0);
    assert_true(chi2_sf(400.0, 15) < 1e-60);
    uint32_t a[4] = {10, 20, 30, 0}, b[4] = {10, 20, 30, 0};
    chi2_result r = chi2_two_sample(a, b, 4);
    assert_true(r.stat == 0.0 && r.df == 2 && r.p_value == 1.0);
    uint32_t c[4] = {60, 0, 0, 0};
    r = chi2_two_sample(a, c, 4);
    assert_true(r.p_value < 1e-6);
    /* Totals 60 vs 120: b scaled by two is the same shape. */
    uint32_t d[4] = {20, 40, 60, 0};
    r = chi2_two_sample(a, d, 4);
    assert_true(r.stat < 1e-12);
}

static bool count_events(void *user, const zk_event *ev)
{
    unsigned *n = user;
    if (ev->kind == ZK_EV_PROGRESS)
        (*n)++;
    return true;
}

/* On secp256k1 nothing can be enumerated: 16-bin histograms of real and
 * simulated transcripts must pass a two-sample chi-squared test. */
static void test_statistical_secp256k1(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "statistical");
    sg_group g;
    assert_int_equal(sg_init_secp256k1(&g), ZK_OK);
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    schnorr_keygen(&g, &kp, &rng);
    schnorr_sample smp;
    unsigned progress = 0;
    zk_events ev = {count_events, &progress};
    assert_int_equal(schnorr_dist_sample(&g, &smp, &kp, 640, &rng, &ev), ZK_OK);
    assert_int_equal(progress, 10);
    const schnorr_hist *h[3] = {&smp.t, &smp.c, &smp.s};
    for (int i = 0; i < 3; i++) {
        uint32_t nr = 0, ns = 0;
        for (int b = 0; b < SCHNORR_HIST_BINS; b++) {
            nr += h[i]->real[b];
            ns += h[i]->sim[b];
        }
        assert_int_equal(nr, 640);
        assert_int_equal(ns, 640);
        assert_int_equal(h[i]->chi2.df, 15);
        assert_true(h[i]->chi2.p_value > 0.001);
    }
    /* Negative control: the same test does reject a histogram of only even
     * responses, what a simulator drawing s from 2Z would give. */
    uint32_t even[SCHNORR_HIST_BINS] = {0};
    for (int b = 0; b < SCHNORR_HIST_BINS; b += 2)
        even[b] = 80;
    assert_true(chi2_two_sample(smp.s.real, even, SCHNORR_HIST_BINS).p_value < 1e-10);
    assert_int_equal(schnorr_dist_sample(&g, &smp, &kp, 0, &rng, NULL), ZK_EINVAL);
    schnorr_keypair_clear(&kp);
    sg_clear(&g);
}

typedef struct verifier_state {
    const sg_group *g;
    uint64_t bound;
    unsigned calls;
} verifier_state;

/* A verifier whose challenge depends on the commitment it sees. */
static zk_err malicious_verifier(void *user, mpz_t c, const sg_elt *t)
{
    verifier_state *vs = user;
    uint8_t enc[SG_ENC_MAX];
    sg_encode(vs->g, enc, t);
    mpz_set_ui(c, (uint64_t)(enc[vs->g->elt_bytes - 1] * 7u + 3u) % vs->bound);
    vs->calls++;
    return ZK_OK;
}

static zk_err out_of_range_verifier(void *user, mpz_t c, const sg_elt *t)
{
    (void)t;
    verifier_state *vs = user;
    mpz_set_ui(c, vs->bound);
    return ZK_OK;
}

static bool count_notes(void *user, const zk_event *ev)
{
    unsigned *n = user;
    if (ev->kind == ZK_EV_NOTE && strstr(ev->detail, "guessed c' = "))
        (*n)++;
    return true;
}

static void test_simulators(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "simulators");
    const char *names[2] = {"toy11", "secp256k1"};
    for (int n = 0; n < 2; n++) {
        sg_group g;
        assert_int_equal(sg_init_named(&g, names[n]), ZK_OK);
        schnorr_keypair kp;
        schnorr_transcript tr;
        schnorr_keypair_init(&kp);
        schnorr_transcript_init(&tr);
        schnorr_keygen(&g, &kp, &rng);
        /* HVZK simulator: accepting transcripts from y alone. */
        for (int i = 0; i < 8; i++) {
            schnorr_simulate(&g, &tr, &kp.y, &rng);
            assert_int_equal(schnorr_verify(&g, NULL, &kp.y, &tr), ZK_OK);
        }
        /* Rewinding simulator against a verifier that looks at t. */
        uint64_t bound = g.kind == SG_ZP ? 11 : 2;
        verifier_state vs = {&g, bound, 0};
        uint64_t tries = 0, total = 0;
        unsigned notes = 0;
        zk_events ev = {count_notes, &notes};
        for (int i = 0; i < 10; i++) {
            assert_int_equal(schnorr_simulate_rewind(&g, &tr, &tries, &kp.y, bound,
                                                     malicious_verifier, &vs, 1000, &rng, &ev),
                             ZK_OK);
            assert_true(tries >= 1);
            total += tries;
            assert_int_equal(schnorr_verify(&g, NULL, &kp.y, &tr), ZK_OK);
            mpz_t c;
            mpz_init(c);
            malicious_verifier(&vs, c, &tr.t);
            ZK_ASSERT_MPZ_EQ(c, tr.c);   /* the kept transcript has the verifier's own c */
            mpz_clear(c);
        }
        assert_int_equal(notes, total);
        assert_int_equal(vs.calls, total + 10);
        assert_true(total >= 10);
        assert_int_equal(schnorr_simulate_rewind(&g, &tr, &tries, &kp.y, 0, malicious_verifier,
                                                 &vs, 10, &rng, NULL),
                         ZK_EINVAL);
        assert_int_equal(schnorr_simulate_rewind(&g, &tr, &tries, &kp.y, bound,
                                                 out_of_range_verifier, &vs, 10, &rng, NULL),
                         ZK_EINVAL);
        assert_int_equal(schnorr_simulate_rewind(&g, &tr, &tries, &kp.y, bound,
                                                 malicious_verifier, &vs, 0, &rng, NULL),
                         ZK_EOVERFLOW);
        schnorr_keypair_clear(&kp);
        schnorr_transcript_clear(&tr);
        sg_clear(&g);
    }
    sg_group g;
    assert_int_equal(sg_init_toy11(&g), ZK_OK);
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    sg_elt y;
    sg_elt_init(&y);
    sg_set_generator(&g, &y);
    uint64_t tries;
    verifier_state vs = {&g, 12, 0};
    assert_int_equal(schnorr_simulate_rewind(&g, &tr, &tries, &y, 12, malicious_verifier, &vs,
                                             10, NULL, NULL),
                     ZK_EINVAL);   /* more challenges than the group has */
    /* Hand-made: c = 7, s = 4 with y = 9 must give the screen's t = 18. */
    mpz_t c, s;
    mpz_init_set_ui(c, 7);
    mpz_init_set_ui(s, 4);
    mpz_set_ui(y.v, 9);
    schnorr_simulate_with(&g, &tr, &y, c, s);
    assert_int_equal(mpz_get_ui(tr.t.v), 18);
    mpz_clears(c, s, NULL);
    sg_elt_clear(&y);
    schnorr_transcript_clear(&tr);
    sg_clear(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screen_example),
        cmocka_unit_test(test_toy_exhaustive),
        cmocka_unit_test(test_student_check),
        cmocka_unit_test(test_extractor),
        cmocka_unit_test(test_exact_distribution),
        cmocka_unit_test(test_chi2),
        cmocka_unit_test(test_statistical_secp256k1),
        cmocka_unit_test(test_simulators),
    };
    return ZK_RUN_TESTS(tests);
}
