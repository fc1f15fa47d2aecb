/* fs.*: lesson 04, Fiat-Shamir (sigma/fiat_shamir.h): a non-interactive
 * Schnorr proof, and the forgery when the hash binds too little. The
 * BIP-340 signatures of the same lesson are bip340.*, actions_bip340.c. */
#include <stdio.h>
#include <sodium.h>
#include <string.h>

#include "lesson/actions.h"
#include "lesson/action_util.h"

static const uint8_t *message(const lesson_params *p, size_t *len)
{
    const char *m = lesson_param_get(p, "msg", "");
    *len = strlen(m);
    return (const uint8_t *)m;
}

/* fs.prove msg=M mode=strong|weak: a proof of knowledge without a verifier. */
static zk_err prove_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const modes[] = {"strong", "weak"};
    size_t mode;
    sg_group g;
    zk_rng storage, *rng;
    zk_err err = lesson_param_choice(out, p, "mode", modes, 2, &mode);
    if (err || (err = lesson_group_rng(out, p, &g, &storage, &rng)))
        return err;
    size_t len;
    const uint8_t *msg = message(p, &len);
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    schnorr_keygen(&g, &kp, rng);
    fs_proof pf;
    fs_proof_init(&pf);
    fs_prove(&g, &pf, mode ? FS_WEAK : FS_STRONG, &kp, msg, len, rng);
    fs_verdict v;
    fs_verdict_init(&v);
    zk_err ok = fs_verify(&g, &v, mode ? FS_WEAK : FS_STRONG, &kp.y, &pf, msg, len);
    char a[LESSON_NUM], b[LESSON_NUM];
    lesson_result_line(out, LESSON_MARK_NOTE, "statement y = g^x = %s, message \"%s\"",
                       lesson_elt(a, sizeof a, &g, &kp.y), (const char *)msg);
    lesson_result_line(out, LESSON_MARK_NONE, "commit     t = g^r = %s",
                       lesson_elt(a, sizeof a, &g, &pf.t));
    lesson_result_line(out, LESSON_MARK_NONE, "challenge  c = H(group, g, %st, message) mod q = %s",
                       mode ? "" : "y, ", lesson_num(b, sizeof b, v.c));
    lesson_result_line(out, LESSON_MARK_NONE, "respond    s = r + c·x mod q = %s",
                       lesson_num(a, sizeof a, pf.s));
    lesson_result_line(out, ok ? LESSON_MARK_BAD : LESSON_MARK_OK,
                       "anyone can check: recompute c, then g^s = %s and t·y^c = %s: %s",
                       lesson_elt(a, sizeof a, &g, &v.check.lhs),
                       lesson_elt(b, sizeof b, &g, &v.check.rhs), ok ? "rejected" : "accepted");
    lesson_result_line(out, LESSON_MARK_NOTE, "the proof is (t, s): no verifier had to be there");
    fs_verdict_clear(&v);
    fs_proof_clear(&pf);
    schnorr_keypair_clear(&kp);
    sg_clear(&g);
    return ok == ZK_EVERIFY ? ZK_OK : ok;
}

/* fs.forge msg=M: the weak Fiat-Shamir forgery, then both verifiers. */
static zk_err forge_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    sg_group g;
    zk_rng storage, *rng;
    zk_err err = lesson_group_rng(out, p, &g, &storage, &rng);
    if (err)
        return err;
    size_t len;
    const uint8_t *msg = message(p, &len);
    fs_forgery f;
    fs_forgery_init(&f);
    fs_forge_weak(&g, &f, msg, len, rng);
    char a[LESSON_NUM], b[LESSON_NUM];
    lesson_result_line(out, LESSON_MARK_NONE,
                       "1. t = a hash turned into a group element = %s (nobody knows its log)",
                       lesson_elt(a, sizeof a, &g, &f.proof.t));
    lesson_result_line(out, LESSON_MARK_NONE,
                       "2. c = H(group, g, t, message) mod q = %s — no statement needed yet",
                       lesson_num(a, sizeof a, f.c));
    lesson_result_line(out, LESSON_MARK_NONE, "3. s = %s, picked at random",
                       lesson_num(a, sizeof a, f.proof.s));
    lesson_result_line(out, LESSON_MARK_NONE, "4. y = (g^s · t^-1)^(1/c) = %s, so g^s = t·y^c",
                       lesson_elt(a, sizeof a, &g, &f.y));
    fs_verdict v;
    fs_verdict_init(&v);
    zk_err weak = fs_verify(&g, &v, FS_WEAK, &f.y, &f.proof, msg, len);
    lesson_result_line(out, weak ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "weak verifier (y not hashed):  %s", weak ? "rejected"
                       : "ACCEPTED — a proof about a y whose secret nobody knows");
    zk_err strong = fs_verify(&g, &v, FS_STRONG, &f.y, &f.proof, msg, len);
    lesson_result_line(out, strong ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "strong verifier (y hashed):    %s, its c = %s", strong ? "rejected"
                       : "accepted by luck (probability 1/q)", lesson_num(b, sizeof b, v.c));
    fs_verdict_clear(&v);
    fs_forgery_clear(&f);
    sg_clear(&g);
    return (weak && weak != ZK_EVERIFY) ? weak : (strong && strong != ZK_EVERIFY) ? strong : ZK_OK;
}

static const lesson_action actions[] = {
    {"fs.prove", "group msg mode seed", "a non-interactive Schnorr proof", prove_action},
    {"fs.forge", "group msg seed", "the weak Fiat-Shamir forgery, against both verifiers",
     forge_action},
};

const lesson_action_table lesson_actions_fs = {actions, sizeof actions / sizeof actions[0]};
