/* fs.* and bip340.*: lesson 04, Fiat-Shamir (sigma/fiat_shamir.h) and
 * BIP-340 signatures (sigma/bip340.h). */
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

static zk_err secp(lesson_result *out, sg_group *g)
{
    zk_err err = sg_init_secp256k1(g);
    return err ? lesson_fail(out, err, "cannot set up secp256k1") : ZK_OK;
}

/* bip340.sign sk= msg= aux= expect=: the BIP's Sign on a published vector. */
static zk_err sign_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint8_t sk[32], aux[32], msg[512], sig[64];
    size_t len;
    if (zk_hex_decode_exact(sk, 32, lesson_param_get(p, "sk", "")) ||
        zk_hex_decode_exact(aux, 32, lesson_param_get(p, "aux", "")) ||
        zk_hex_decode(msg, sizeof msg, &len, lesson_param_get(p, "msg", "")))
        return lesson_fail(out, ZK_EINVAL, "sk and aux must be 64 hex digits, msg hex");
    sg_group g;
    zk_err err = secp(out, &g);
    if (err)
        return err;
    bip340_trace tr;
    err = bip340_sign(&g, sig, &tr, sk, msg, len, aux, NULL);
    sodium_memzero(sk, sizeof sk);
    if (err) {
        sg_clear(&g);
        return lesson_fail(out, err, "signing failed: %s", zk_strerror(err));
    }
    char a[160];
    lesson_result_line(out, LESSON_MARK_NONE, "public key  P = d·G, x only:  %s",
                       lesson_hex(a, sizeof a, tr.px, 32));
    lesson_result_line(out, LESSON_MARK_NONE, "nonce       R = k·G, x only:  %s%s",
                       lesson_hex(a, sizeof a, tr.rx, 32), tr.k_negated ? " (k negated: even y)" : "");
    lesson_result_line(out, LESSON_MARK_NONE, "challenge   e = H(R, P, m) mod n = %s",
                       lesson_hex(a, sizeof a, tr.e, 32));
    lesson_result_line(out, LESSON_MARK_NONE, "signature   (R, s = k + e·d mod n) = %s",
                       lesson_hex(a, sizeof a, sig, 64));
    const char *expect = lesson_param_get(p, "expect", NULL);
    if (expect) {
        uint8_t want[64];
        bool same = zk_hex_decode_exact(want, 64, expect) == ZK_OK &&
                    memcmp(want, sig, 64) == 0;
        lesson_result_line(out, same ? LESSON_MARK_OK : LESSON_MARK_BAD, "%s the published test "
                           "vector, byte for byte", same ? "matches" : "DIFFERS from");
    }
    sg_clear(&g);
    return ZK_OK;
}

/* bip340.verify pk= msg= sig= expect=valid|invalid: the BIP's Verify. */
static zk_err verify_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const expects[] = {"valid", "invalid"};
    size_t expect;
    sg_group g;
    zk_err err = lesson_param_choice(out, p, "expect", expects, 2, &expect);
    if (err || (err = secp(out, &g)))
        return err;
    bip340_verdict v;
    memset(&v, 0, sizeof v);
    err = bip340_verify_hex(&g, &v, lesson_param_get(p, "pk", ""), lesson_param_get(p, "msg", ""),
                            lesson_param_get(p, "sig", ""));
    sg_clear(&g);
    if (err == ZK_EPARSE || err == ZK_EINVAL)
        return lesson_fail(out, err, "pk must be 64 hex digits, sig 128, msg hex");
    bool valid = err == ZK_OK;
    if (v.have_e) {
        char a[160];
        lesson_result_line(out, LESSON_MARK_NONE, "challenge  e = H(r, P, m) mod n = %s",
                           lesson_hex(a, sizeof a, v.e, 32));
    }
    lesson_result_line(out, LESSON_MARK_NONE, "verdict    %s%s%s", valid ? "valid" : "invalid",
                       valid ? "" : ": ", valid ? "" : bip340_result_str(v.result));
    bool agree = valid == (expect == 0);
    lesson_result_line(out, agree ? LESSON_MARK_OK : LESSON_MARK_BAD, "%s the test vector (%s)",
                       agree ? "agrees with" : "DISAGREES with", expect ? "FALSE" : "TRUE");
    return ZK_OK;
}

/* A random scalar in [1, n) as 32 bytes. */
static void random_scalar(const sg_group *g, uint8_t out[32], zk_rng *rng)
{
    mpz_t v;
    mpz_init(v);
    sg_scalar_random_nonzero(g, v, rng);
    sg_export_be(out, 32, v);
    sg_scalar_wipe(v);
    mpz_clear(v);
}

/* bip340.nonce_reuse: two signatures with one nonce give the key away. */
static zk_err reuse_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    sg_group g;
    zk_rng storage, *rng;
    zk_err err = lesson_rng(out, p, &storage, &rng);
    if (err || (err = secp(out, &g)))
        return err;
    static const char m1[] = "pay Alice 1 BTC", m2[] = "pay Bob 2 BTC";
    uint8_t sk[32], k[32], pk[32], sig1[64], sig2[64], found[32], found_pk[32];
    random_scalar(&g, sk, rng);
    random_scalar(&g, k, rng);
    err = bip340_pubkey(&g, pk, sk);
    if (!err)
        err = bip340_sign_with_nonce_unsafe(&g, sig1, sk, (const uint8_t *)m1, strlen(m1), k);
    if (!err)
        err = bip340_sign_with_nonce_unsafe(&g, sig2, sk, (const uint8_t *)m2, strlen(m2), k);
    char a[160];
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NOTE, "a careless wallet signs two payments with the "
                           "same nonce k; its public key is %s", lesson_hex(a, sizeof a, pk, 32));
        bool v1 = bip340_verify(&g, NULL, pk, (const uint8_t *)m1, strlen(m1), sig1) == ZK_OK;
        bool v2 = bip340_verify(&g, NULL, pk, (const uint8_t *)m2, strlen(m2), sig2) == ZK_OK;
        lesson_result_line(out, v1 ? LESSON_MARK_OK : LESSON_MARK_BAD, "\"%s\": valid signature, "
                           "r = %s", m1, lesson_hex(a, sizeof a, sig1, 32));
        lesson_result_line(out, v2 ? LESSON_MARK_OK : LESSON_MARK_BAD, "\"%s\":   valid signature, "
                           "r = %s (the same r)", m2, lesson_hex(a, sizeof a, sig2, 32));
        err = bip340_recover_nonce_reuse(&g, found, pk, (const uint8_t *)m1, strlen(m1), sig1,
                                         (const uint8_t *)m2, strlen(m2), sig2);
    }
    if (!err && (err = bip340_pubkey(&g, found_pk, found)) == ZK_OK) {
        bool same = memcmp(found_pk, pk, 32) == 0;
        lesson_result_line(out, same ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "d = (s1 - s2)/(e1 - e2) mod n %s: anyone can now sign as this wallet",
                           same ? "is the secret key" : "is not the key");
    }
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(k, sizeof k);
    sodium_memzero(found, sizeof found);
    sg_clear(&g);
    return err ? lesson_fail(out, err, "%s", zk_strerror(err)) : ZK_OK;
}

static const lesson_action actions[] = {
    {"fs.prove", "group msg mode seed", "a non-interactive Schnorr proof", prove_action},
    {"fs.forge", "group msg seed", "the weak Fiat-Shamir forgery, against both verifiers",
     forge_action},
    {"bip340.sign", "sk msg aux expect", "BIP-340 Sign, compared with a test vector",
     sign_action},
    {"bip340.verify", "pk msg sig expect", "BIP-340 Verify, compared with a test vector",
     verify_action},
    {"bip340.nonce_reuse", "seed", "two signatures with one nonce reveal the key",
     reuse_action},
};

const lesson_action_table lesson_actions_fs = {actions, sizeof actions / sizeof actions[0]};
