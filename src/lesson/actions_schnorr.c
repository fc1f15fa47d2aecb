/* schnorr.*: lesson 03, Schnorr's protocol step by step (sigma/schnorr.h),
 * and the honest rounds of lesson 02's completeness step. */
#include <stdio.h>
#include <string.h>

#include "lesson/actions.h"
#include "lesson/answer.h"
#include "lesson/action_util.h"

/* The group, the randomness and the key every schnorr.* action starts from:
 * `x=` fixes the secret (default 8 in the toy group, where y = 9), else it
 * is random. */
typedef struct setup {
    sg_group g;
    zk_rng storage, *rng;
    schnorr_keypair kp;
    bool have_group;
} setup;

static zk_err setup_open(setup *s, lesson_result *out, const lesson_params *p)
{
    memset(s, 0, sizeof *s);
    schnorr_keypair_init(&s->kp);
    zk_err err = lesson_group(out, p, &s->g);
    if (err)
        return err;
    s->have_group = true;
    if ((err = lesson_rng(out, p, &s->storage, &s->rng)))
        return err;
    bool given;
    mpz_t x;
    mpz_init(x);
    err = lesson_scalar(out, p, "x", &s->g, x, &given);
    if (!err && !given && s->g.kind == SG_ZP) {
        mpz_set_ui(x, 8);
        given = true;
    }
    if (!err && given)
        err = schnorr_keypair_set(&s->g, &s->kp, x);
    else if (!err)
        schnorr_keygen(&s->g, &s->kp, s->rng);
    sg_scalar_wipe(x);
    mpz_clear(x);
    return err;
}

static void setup_close(setup *s)
{
    schnorr_keypair_clear(&s->kp);
    if (s->have_group)
        sg_clear(&s->g);
}

static void key_line(lesson_result *out, const setup *s)
{
    char desc[160], x[LESSON_NUM], y[LESSON_NUM];
    sg_describe(&s->g, desc, sizeof desc);
    lesson_result_line(out, LESSON_MARK_NOTE, "group %s", desc);
    lesson_result_line(out, LESSON_MARK_NOTE, "secret x = %s, statement y = g^x = %s",
                       lesson_num(x, sizeof x, s->kp.x), lesson_elt(y, sizeof y, &s->g, &s->kp.y));
}

/* schnorr.group: the group's elements as powers of g (toy) or its size. */
static zk_err group_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    sg_group g;
    zk_err err = lesson_group(out, p, &g);
    if (err)
        return err;
    char desc[160];
    lesson_result_line(out, LESSON_MARK_NONE, "%s", sg_describe(&g, desc, sizeof desc));
    if (g.kind == SG_ZP && mpz_cmp_ui(SG_ORDER(&g), 16) <= 0) {
        char ks[128] = "k    ", vs[128] = "g^k  ";
        sg_elt e;
        sg_elt_init(&e);
        mpz_t k;
        mpz_init(k);
        for (unsigned long i = 0; mpz_cmp_ui(SG_ORDER(&g), i) > 0; i++) {
            mpz_set_ui(k, i);
            sg_exp_g(&g, &e, k);
            char v[16];
            gmp_snprintf(v, sizeof v, "%Zd", e.v);
            size_t n = strlen(ks);
            snprintf(ks + n, sizeof ks - n, "%4lu", i);
            n = strlen(vs);
            snprintf(vs + n, sizeof vs - n, "%4s", v);
        }
        mpz_clear(k);
        sg_elt_clear(&e);
        lesson_result_line(out, LESSON_MARK_NONE, "%s", ks);
        lesson_result_line(out, LESSON_MARK_NONE, "%s", vs);
        lesson_result_line(out, LESSON_MARK_NOTE,
                           "every element is a power of g, and g^11 = g^0 = 1: exponents live "
                           "mod q = 11");
    } else {
        lesson_result_line(out, LESSON_MARK_NOTE, "about 2^%zu elements: no table, and no way "
                           "to find x from y by trying", mpz_sizeinbase(SG_ORDER(&g), 2));
    }
    sg_clear(&g);
    return ZK_OK;
}

/* Prints both sides of the verifier's equation. */
static void check_line(lesson_result *out, const sg_group *g, const schnorr_check *chk)
{
    char l[LESSON_NUM], r[LESSON_NUM];
    lesson_result_line(out, chk->ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "check      g^s = %s   t·y^c = %s   %s", lesson_elt(l, sizeof l, g, &chk->lhs),
                       lesson_elt(r, sizeof r, g, &chk->rhs), chk->ok ? "accepted" : "rejected");
}

/* schnorr.round: one round with the student's challenge c (and r if given). */
static zk_err round_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    setup s;
    zk_err err = setup_open(&s, out, p);
    mpz_t r, c, sv;
    mpz_inits(r, c, sv, NULL);
    schnorr_prover pr;
    schnorr_prover_init(&pr);
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    schnorr_check chk;
    schnorr_check_init(&chk);
    bool have_r = false, have_c = false;
    if (!err)
        err = lesson_scalar(out, p, "r", &s.g, r, &have_r);
    if (!err)
        err = lesson_scalar(out, p, "c", &s.g, c, &have_c);
    if (!err) {
        key_line(out, &s);
        if (have_r)
            err = schnorr_commit_with(&s.g, &pr, r);
        else
            schnorr_commit(&s.g, &pr, s.rng);
    }
    if (!err) {
        if (!have_c)
            schnorr_challenge(&s.g, c, s.rng);
        schnorr_respond(&s.g, sv, &pr, &s.kp, c);
        schnorr_transcript_set(&tr, &pr.t, c, sv);
        char a[LESSON_NUM], b[LESSON_NUM], d[LESSON_NUM], q[LESSON_NUM], e[LESSON_NUM];
        lesson_result_line(out, LESSON_MARK_NONE, "commit     r = %s (the prover's secret nonce), t = g^r = %s",
                           lesson_num(a, sizeof a, pr.r), lesson_elt(b, sizeof b, &s.g, &pr.t));
        lesson_result_line(out, LESSON_MARK_NONE, "challenge  c = %s%s", lesson_num(a, sizeof a, c),
                           have_c ? " (yours)" : " (random)");
        lesson_result_line(out, LESSON_MARK_NONE, "respond    s = r + c·x mod q = %s + %s·%s mod %s = %s",
                           lesson_num(a, sizeof a, pr.r), lesson_num(b, sizeof b, c),
                           lesson_num(d, sizeof d, s.kp.x), lesson_num(q, sizeof q, SG_ORDER(&s.g)),
                           lesson_num(e, sizeof e, sv));
        zk_err v = schnorr_verify(&s.g, &chk, &s.kp.y, &tr);
        check_line(out, &s.g, &chk);
        if (v && v != ZK_EVERIFY)
            err = v;
    }
    schnorr_check_clear(&chk);
    schnorr_transcript_clear(&tr);
    schnorr_prover_clear(&pr);
    sg_scalar_wipe(r);
    mpz_clears(r, c, sv, NULL);
    setup_close(&s);
    return err;
}

/* schnorr.student: the student plays the prover, typing r, c and s. */
static zk_err student_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    setup s;
    zk_err err = setup_open(&s, out, p);
    if (err) {
        setup_close(&s);
        return err;
    }
    key_line(out, &s);
    schnorr_student st;
    schnorr_student_init(&st);
    err = schnorr_check_student(&s.g, &st, &s.kp, lesson_param_get(p, "r", ""),
                                lesson_param_get(p, "c", ""), lesson_param_get(p, "s", ""));
    if (st.failed == SCHNORR_STEP_INPUT) {
        lesson_result_line(out, LESSON_MARK_BAD, "%s", st.message);
    } else {
        char a[LESSON_NUM], b[LESSON_NUM];
        lesson_result_line(out, LESSON_MARK_NONE, "t = g^r = %s", lesson_elt(a, sizeof a, &s.g, &st.t));
        lesson_result_line(out, st.response_ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "response  s = %s, and r + c·x mod q = %s", lesson_num(a, sizeof a, st.s),
                           lesson_num(b, sizeof b, st.s_expected));
        check_line(out, &s.g, &st.check);
        lesson_result_line(out, st.failed ? LESSON_MARK_BAD : LESSON_MARK_OK, "%s", st.message);
    }
    schnorr_student_clear(&st);
    setup_close(&s);
    return err == ZK_EVERIFY || err == ZK_EPARSE || err == ZK_ENONCANONICAL ? ZK_OK : err;
}

/* schnorr.check_response r= c= x= answer=: the checker for "compute s by hand". */
static zk_err check_response(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    setup s;
    zk_err err = setup_open(&s, out, p);
    mpz_t r, c, want, typed, raw;
    mpz_inits(r, c, want, typed, raw, NULL);
    bool have_r, have_c;
    if (!err)
        err = lesson_scalar(out, p, "r", &s.g, r, &have_r);
    if (!err)
        err = lesson_scalar(out, p, "c", &s.g, c, &have_c);
    if (!err && (!have_r || !have_c))
        err = lesson_fail(out, ZK_EINVAL, "schnorr.check_response needs r and c");
    if (!err) {
        schnorr_prover pr;
        schnorr_prover_init(&pr);
        schnorr_commit_with(&s.g, &pr, r);
        schnorr_respond(&s.g, want, &pr, &s.kp, c);
        schnorr_prover_clear(&pr);
        mpz_mul(raw, c, s.kp.x);
        mpz_add(raw, raw, r);   /* r + c·x before reduction */
        const char *answer = lesson_param_get(p, "answer", "");
        out->verdict = LESSON_VERDICT_FAIL;
        if (lesson_answer_integer(typed, answer) != ZK_OK)
            lesson_fail(out, ZK_OK, "type the number s");
        else if (mpz_cmp(typed, want) == 0)
            out->verdict = LESSON_VERDICT_PASS;
        else if (mpz_cmp(typed, raw) == 0)
            lesson_fail(out, ZK_OK, "that is r + c·x; now reduce it mod q");
        else if (s.g.kind == SG_ZP) {
            mpz_mod(raw, raw, s.g.zp.p);
            if (mpz_cmp(typed, raw) == 0)
                lesson_fail(out, ZK_OK, "that is reduced mod p; exponents live mod q, the "
                            "group's order");
        }
    }
    mpz_clears(r, c, want, typed, raw, NULL);
    setup_close(&s);
    return err;
}

/* schnorr.rounds n=N: N honest rounds, every one accepted (completeness). */
static zk_err rounds_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t n;
    setup s;
    zk_err err = setup_open(&s, out, p);
    if (!err)
        err = lesson_param_u64(out, p, "n", 5, 1, 20, &n);
    if (!err) {
        key_line(out, &s);
        schnorr_transcript tr;
        schnorr_transcript_init(&tr);
        for (uint64_t i = 0; i < n && !err; i++) {
            schnorr_prove_round(&s.g, &tr, &s.kp, s.rng);
            zk_err v = schnorr_verify(&s.g, NULL, &s.kp.y, &tr);
            char t[LESSON_NUM], c[LESSON_NUM], sv[LESSON_NUM];
            lesson_result_line(out, v ? LESSON_MARK_BAD : LESSON_MARK_OK,
                               "t = %-20s c = %-20s s = %-20s %s", lesson_elt(t, sizeof t, &s.g, &tr.t),
                               lesson_num(c, sizeof c, tr.c), lesson_num(sv, sizeof sv, tr.s),
                               v ? "rejected" : "accepted");
            if (v && v != ZK_EVERIFY)
                err = v;
        }
        schnorr_transcript_clear(&tr);
    }
    setup_close(&s);
    return err;
}

/* Two accepting transcripts with one t: the extractor (story=extract) or the
 * nonce-reuse attack (story=reuse) — the same algebra. */
static zk_err two_transcripts(lesson_result *out, const lesson_params *p, bool attack)
{
    setup s;
    zk_err err = setup_open(&s, out, p);
    if (err) {
        setup_close(&s);
        return err;
    }
    if (!attack)
        key_line(out, &s);
    else
        lesson_result_line(out, LESSON_MARK_NOTE, "a prover whose secret x we do not know "
                           "answers two verifiers with the same nonce r");
    schnorr_prover pr;
    schnorr_prover_init(&pr);
    schnorr_transcript tr1, tr2;
    schnorr_transcript_init(&tr1);
    schnorr_transcript_init(&tr2);
    schnorr_extraction ex;
    schnorr_extraction_init(&ex);
    mpz_t c1, c2, s1, s2;
    mpz_inits(c1, c2, s1, s2, NULL);
    schnorr_commit(&s.g, &pr, s.rng);
    schnorr_challenge(&s.g, c1, s.rng);
    do
        schnorr_challenge(&s.g, c2, s.rng);
    while (mpz_cmp(c1, c2) == 0);
    schnorr_respond(&s.g, s1, &pr, &s.kp, c1);
    schnorr_respond(&s.g, s2, &pr, &s.kp, c2);
    schnorr_transcript_set(&tr1, &pr.t, c1, s1);
    schnorr_transcript_set(&tr2, &pr.t, c2, s2);
    char a[LESSON_NUM], b[LESSON_NUM], c[LESSON_NUM], d[LESSON_NUM];
    lesson_elt(a, sizeof a, &s.g, &pr.t);
    lesson_result_line(out, LESSON_MARK_NONE, "transcript 1   t = %s   c1 = %s   s1 = %s", a,
                       lesson_num(b, sizeof b, c1), lesson_num(c, sizeof c, s1));
    lesson_result_line(out, LESSON_MARK_NONE, "transcript 2   t = %s   c2 = %s   s2 = %s", a,
                       lesson_num(b, sizeof b, c2), lesson_num(c, sizeof c, s2));
    err = schnorr_extract(&s.g, &ex, &s.kp.y, &tr1, &tr2);
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE, "s1 - s2 = %s,  c1 - c2 = %s,  1/(c1 - c2) = %s  (mod q)",
                           lesson_num(a, sizeof a, ex.ds), lesson_num(b, sizeof b, ex.dc),
                           lesson_num(c, sizeof c, ex.dc_inv));
        bool same = mpz_cmp(ex.x, s.kp.x) == 0;
        lesson_result_line(out, same ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "x = (s1 - s2)/(c1 - c2) = %s %s the prover's secret %s",
                           lesson_num(a, sizeof a, ex.x), same ? "=" : "!=",
                           lesson_num(d, sizeof d, s.kp.x));
        if (attack)
            lesson_result_line(out, LESSON_MARK_NOTE, "two answers to one commitment: the key is out");
    }
    mpz_clears(c1, c2, s1, s2, NULL);
    schnorr_extraction_clear(&ex);
    schnorr_transcript_clear(&tr1);
    schnorr_transcript_clear(&tr2);
    schnorr_prover_clear(&pr);
    setup_close(&s);
    return err;
}

static zk_err extract_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    return two_transcripts(out, p, false);
}

static zk_err reuse_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    return two_transcripts(out, p, true);
}

static const lesson_action actions[] = {
    {"schnorr.group", "group", "the group, its elements as powers of g", group_action},
    {"schnorr.round", "group x r c seed", "one round of Schnorr with a chosen challenge",
     round_action},
    {"schnorr.student", "group x r c s", "checks a transcript the student typed", student_action},
    {"schnorr.check_response", "group x r c answer", "checks a hand-computed response s",
     check_response},
    {"schnorr.rounds", "group x n seed", "several honest rounds, each verified", rounds_action},
    {"schnorr.extract", "group x seed", "special soundness: x from two transcripts",
     extract_action},
    {"schnorr.nonce_reuse", "group x seed", "a reused nonce gives the secret away",
     reuse_action},
};

const lesson_action_table lesson_actions_schnorr = {actions, sizeof actions / sizeof actions[0]};
