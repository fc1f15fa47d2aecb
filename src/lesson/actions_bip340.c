/* bip340.*: lesson 04's signatures, BIP-340 Schnorr over secp256k1
 * (sigma/bip340.h) on the BIP's published vectors, and the key two
 * signatures with one nonce give away. */
#include <stdio.h>
#include <sodium.h>
#include <string.h>

#include "lesson/actions.h"
#include "lesson/action_util.h"

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
    {"bip340.sign", "sk msg aux expect", "BIP-340 Sign, compared with a test vector",
     sign_action},
    {"bip340.verify", "pk msg sig expect", "BIP-340 Verify, compared with a test vector",
     verify_action},
    {"bip340.nonce_reuse", "seed", "two signatures with one nonce reveal the key",
     reuse_action},
};

const lesson_action_table lesson_actions_bip340 = {actions, sizeof actions / sizeof actions[0]};
