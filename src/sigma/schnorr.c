#include "sigma/schnorr.h"

#include <stdio.h>

/* ---- keys -------------------------------------------------------------- */

void schnorr_keypair_init(schnorr_keypair *kp)
{
    mpz_init(kp->x);
    sg_elt_init(&kp->y);
}

void schnorr_keypair_clear(schnorr_keypair *kp)
{
    sg_scalar_wipe(kp->x);
    mpz_clear(kp->x);
    sg_elt_clear(&kp->y);
}

void schnorr_keygen(const sg_group *g, schnorr_keypair *kp, zk_rng *rng)
{
    sg_scalar_random_nonzero(g, kp->x, rng);
    sg_exp_g(g, &kp->y, kp->x);
}

static bool is_scalar(const sg_group *g, const mpz_t a)
{
    return mpz_sgn(a) >= 0 && mpz_cmp(a, SG_ORDER(g)) < 0;
}

zk_err schnorr_keypair_set(const sg_group *g, schnorr_keypair *kp, const mpz_t x)
{
    if (!is_scalar(g, x))
        return ZK_ENONCANONICAL;
    mpz_set(kp->x, x);
    sg_exp_g(g, &kp->y, kp->x);
    return ZK_OK;
}

/* ---- one round ------------------------------------------------------- */

void schnorr_prover_init(schnorr_prover *pr)
{
    mpz_init(pr->r);
    sg_elt_init(&pr->t);
}

void schnorr_prover_clear(schnorr_prover *pr)
{
    sg_scalar_wipe(pr->r);
    mpz_clear(pr->r);
    sg_elt_clear(&pr->t);
}

void schnorr_commit(const sg_group *g, schnorr_prover *pr, zk_rng *rng)
{
    sg_scalar_random(g, pr->r, rng);
    sg_exp_g(g, &pr->t, pr->r);
}

zk_err schnorr_commit_with(const sg_group *g, schnorr_prover *pr, const mpz_t r)
{
    if (!is_scalar(g, r))
        return ZK_ENONCANONICAL;
    mpz_set(pr->r, r);
    sg_exp_g(g, &pr->t, pr->r);
    return ZK_OK;
}

void schnorr_challenge(const sg_group *g, mpz_t c, zk_rng *rng)
{
    sg_scalar_random(g, c, rng);
}

void schnorr_respond(const sg_group *g, mpz_t s, const schnorr_prover *pr,
                     const schnorr_keypair *kp, const mpz_t c)
{
    mpz_t cx;
    mpz_init(cx);
    mpz_mod(cx, c, SG_ORDER(g));
    mpz_mul(cx, cx, kp->x);
    mpz_add(cx, cx, pr->r);
    mpz_mod(s, cx, SG_ORDER(g));
    sg_scalar_wipe(cx);
    mpz_clear(cx);
}

void schnorr_transcript_init(schnorr_transcript *tr)
{
    sg_elt_init(&tr->t);
    mpz_inits(tr->c, tr->s, NULL);
}

void schnorr_transcript_clear(schnorr_transcript *tr)
{
    sg_elt_clear(&tr->t);
    mpz_clears(tr->c, tr->s, NULL);
}

void schnorr_transcript_set(schnorr_transcript *tr, const sg_elt *t, const mpz_t c,
                            const mpz_t s)
{
    sg_elt_set(&tr->t, t);
    mpz_set(tr->c, c);
    mpz_set(tr->s, s);
}

void schnorr_prove_round(const sg_group *g, schnorr_transcript *tr, const schnorr_keypair *kp,
                         zk_rng *rng)
{
    schnorr_prover pr;
    schnorr_prover_init(&pr);
    schnorr_commit(g, &pr, rng);
    schnorr_challenge(g, tr->c, rng);
    schnorr_respond(g, tr->s, &pr, kp, tr->c);
    sg_elt_set(&tr->t, &pr.t);
    schnorr_prover_clear(&pr);
}

void schnorr_check_init(schnorr_check *chk)
{
    sg_elt_init(&chk->lhs);
    sg_elt_init(&chk->y_c);
    sg_elt_init(&chk->rhs);
    chk->ok = false;
}

void schnorr_check_clear(schnorr_check *chk)
{
    sg_elt_clear(&chk->lhs);
    sg_elt_clear(&chk->y_c);
    sg_elt_clear(&chk->rhs);
}

zk_err schnorr_verify(const sg_group *g, schnorr_check *chk, const sg_elt *y,
                      const schnorr_transcript *tr)
{
    if (chk)
        chk->ok = false;
    if (!is_scalar(g, tr->c) || !is_scalar(g, tr->s))
        return ZK_ENONCANONICAL;
    zk_err err = sg_check(g, y);
    if (!err)
        err = sg_check(g, &tr->t);
    if (err)
        return err;
    schnorr_check local;
    schnorr_check *k = chk ? chk : &local;
    if (!chk)
        schnorr_check_init(&local);
    sg_exp_g(g, &k->lhs, tr->s);
    sg_exp(g, &k->y_c, y, tr->c);
    sg_mul(g, &k->rhs, &tr->t, &k->y_c);
    k->ok = sg_eq(g, &k->lhs, &k->rhs);
    err = k->ok ? ZK_OK : ZK_EVERIFY;
    if (!chk)
        schnorr_check_clear(&local);
    return err;
}

/* ---- the student's transcript ---------------------------------------- */

void schnorr_student_init(schnorr_student *st)
{
    st->failed = SCHNORR_STEP_NONE;
    st->bad_input = 0;
    mpz_inits(st->r, st->c, st->s, st->s_expected, NULL);
    sg_elt_init(&st->t);
    st->response_ok = false;
    schnorr_check_init(&st->check);
    st->message[0] = '\0';
}

void schnorr_student_clear(schnorr_student *st)
{
    sg_scalar_wipe(st->r);
    mpz_clears(st->r, st->c, st->s, st->s_expected, NULL);
    sg_elt_clear(&st->t);
    schnorr_check_clear(&st->check);
}

/* Numbers of toy groups fit in a line; those of secp256k1 are abbreviated by
 * the screen, not here, so the message names the equation only. */
static bool small_group(const sg_group *g)
{
    return g->kind == SG_ZP && g->zp.bits <= 64;
}

zk_err schnorr_check_student(const sg_group *g, schnorr_student *st, const schnorr_keypair *kp,
                             const char *r_text, const char *c_text, const char *s_text)
{
    const char *texts[3] = {r_text, c_text, s_text};
    mpz_ptr dst[3] = {st->r, st->c, st->s};
    static const char names[3] = {'r', 'c', 's'};
    st->response_ok = false;
    st->check.ok = false;
    for (int i = 0; i < 3; i++) {
        zk_err err = sg_scalar_set_str(g, dst[i], texts[i]);
        if (err) {
            st->failed = SCHNORR_STEP_INPUT;
            st->bad_input = names[i];
            char q[SG_STR_MAX];
            mpz_get_str(q, 10, SG_ORDER(g));
            snprintf(st->message, sizeof st->message,
                     err == ZK_ENONCANONICAL ? "%c must be a number from 0 to q - 1 (q = %.40s)."
                                             : "%c is not a number (type decimal or 0x-hex; q = %.40s).",
                     names[i], q);
            return err;
        }
    }
    st->bad_input = 0;
    sg_exp_g(g, &st->t, st->r);

    schnorr_prover pr;
    schnorr_prover_init(&pr);
    mpz_set(pr.r, st->r);
    schnorr_respond(g, st->s_expected, &pr, kp, st->c);
    schnorr_prover_clear(&pr);
    st->response_ok = mpz_cmp(st->s, st->s_expected) == 0;

    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    schnorr_transcript_set(&tr, &st->t, st->c, st->s);
    zk_err err = schnorr_verify(g, &st->check, &kp->y, &tr);
    schnorr_transcript_clear(&tr);
    if (err && err != ZK_EVERIFY)
        return err;

    if (!st->response_ok) {
        st->failed = SCHNORR_STEP_RESPONSE;
        if (small_group(g))
            snprintf(st->message, sizeof st->message,
                     "s = r + c*x mod q = %lu + %lu*%lu mod %lu = %lu, not %lu; so g^s != t*y^c.",
                     mpz_get_ui(st->r), mpz_get_ui(st->c), mpz_get_ui(kp->x),
                     mpz_get_ui(SG_ORDER(g)), mpz_get_ui(st->s_expected), mpz_get_ui(st->s));
        else
            snprintf(st->message, sizeof st->message,
                     "s is not r + c*x mod q, so g^s != t*y^c: the verifier rejects.");
    } else if (!st->check.ok) {
        /* Unreachable with an honest key pair; kept so that a broken group
         * implementation shows up as a failed check, not as a pass. */
        st->failed = SCHNORR_STEP_VERIFY;
        snprintf(st->message, sizeof st->message, "g^s != t*y^c: the verifier rejects.");
    } else {
        st->failed = SCHNORR_STEP_NONE;
        snprintf(st->message, sizeof st->message,
                 "s = r + c*x mod q and g^s = t*y^c: the verifier accepts.");
    }
    return st->failed == SCHNORR_STEP_NONE ? ZK_OK : ZK_EVERIFY;
}

/* ---- special soundness ----------------------------------------------- */

void schnorr_extraction_init(schnorr_extraction *ex)
{
    mpz_inits(ex->ds, ex->dc, ex->dc_inv, ex->x, NULL);
}

void schnorr_extraction_clear(schnorr_extraction *ex)
{
    sg_scalar_wipe(ex->x);
    sg_scalar_wipe(ex->ds);
    mpz_clears(ex->ds, ex->dc, ex->dc_inv, ex->x, NULL);
}

zk_err schnorr_extract(const sg_group *g, schnorr_extraction *ex, const sg_elt *y,
                       const schnorr_transcript *tr1, const schnorr_transcript *tr2)
{
    zk_err err = schnorr_verify(g, NULL, y, tr1);
    if (!err)
        err = schnorr_verify(g, NULL, y, tr2);
    if (err)
        return err;
    if (!sg_eq(g, &tr1->t, &tr2->t) || mpz_cmp(tr1->c, tr2->c) == 0)
        return ZK_EINVAL;
    const zp_field *fq = &g->fq;
    zp_sub(fq, ex->ds, tr1->s, tr2->s);
    zp_sub(fq, ex->dc, tr1->c, tr2->c);
    zp_inv(fq, ex->dc_inv, ex->dc);   /* dc != 0: the challenges differ */
    zp_mul(fq, ex->x, ex->ds, ex->dc_inv);
    return ZK_OK;
}

/* ---- honest-verifier zero knowledge ---------------------------------- */

void schnorr_simulate_with(const sg_group *g, schnorr_transcript *tr, const sg_elt *y,
                           const mpz_t c, const mpz_t s)
{
    mpz_t neg_c;
    sg_elt gs;
    mpz_init(neg_c);
    sg_elt_init(&gs);
    sg_scalar_reduce(g, tr->c, c);
    sg_scalar_reduce(g, tr->s, s);
    mpz_neg(neg_c, tr->c);
    sg_exp_g(g, &gs, tr->s);
    sg_exp(g, &tr->t, y, neg_c);
    sg_mul(g, &tr->t, &gs, &tr->t);   /* t = g^s · y^-c */
    mpz_clear(neg_c);
    sg_elt_clear(&gs);
}

void schnorr_simulate(const sg_group *g, schnorr_transcript *tr, const sg_elt *y, zk_rng *rng)
{
    mpz_t c, s;
    mpz_inits(c, s, NULL);
    sg_scalar_random(g, c, rng);
    sg_scalar_random(g, s, rng);
    schnorr_simulate_with(g, tr, y, c, s);
    mpz_clears(c, s, NULL);
}

zk_err schnorr_simulate_rewind(const sg_group *g, schnorr_transcript *tr, uint64_t *tries,
                               const sg_elt *y, uint64_t c_bound, schnorr_verifier_fn verifier,
                               void *user, uint64_t max_tries, zk_rng *rng,
                               const zk_events *ev)
{
    *tries = 0;
    if (c_bound == 0 || mpz_cmp_ui(SG_ORDER(g), c_bound) < 0 || !verifier)
        return ZK_EINVAL;
    mpz_t guess, s, c;
    mpz_inits(guess, s, c, NULL);
    zk_err err = ZK_EOVERFLOW;
    while (*tries < max_tries) {
        ++*tries;
        uint64_t gv = zk_random_below(rng, c_bound);
        mpz_set_ui(guess, gv);
        sg_scalar_random(g, s, rng);
        schnorr_simulate_with(g, tr, y, guess, s);
        zk_err verr = verifier(user, c, &tr->t);
        if (verr) {
            err = verr;
            break;
        }
        if (mpz_sgn(c) < 0 || mpz_cmp_ui(c, c_bound) >= 0) {
            err = ZK_EINVAL;
            break;
        }
        bool hit = mpz_cmp(c, guess) == 0;
        char note[128];
        snprintf(note, sizeof note, "guessed c' = %lu, verifier asked c = %lu: %s",
                 (unsigned long)gv, mpz_get_ui(c), hit ? "keep" : "rewind");
        if (zk_emit(ev, ZK_EV_PROGRESS, "rewind", *tries, 0, NULL) ||
            zk_emit(ev, ZK_EV_NOTE, "rewind", *tries, 0, note)) {
            err = ZK_ECANCELLED;
            break;
        }
        if (hit) {
            err = ZK_OK;
            break;
        }
    }
    mpz_clears(guess, s, c, NULL);
    return err;
}
