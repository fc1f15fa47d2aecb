/* BIP-340 Schnorr signatures over secp256k1: the Fiat-Shamir transform of
 * Schnorr's protocol as Bitcoin uses it (BIP 340, Wuille, Nick and Ruffing,
 * 2020; messages of any length as in the 2023 revision).
 *
 * Public keys are 32-byte x coordinates: of the two points with that x, the
 * one with even y is meant (lift_x). The signer therefore negates its secret
 * d' when d'·G has odd y, and its nonce k' when k'·G has odd y. The nonce is
 * derived, not drawn: k' = H_nonce(d xor H_aux(aux_rand) || P || m) mod n, so a
 * bad random source cannot leak the key; aux_rand only adds protection
 * against side channels. The challenge is e = H_challenge(r || P || m) mod n,
 * binding the commitment R (as r), the statement P and the message — the
 * strong Fiat-Shamir of fiat_shamir.h. Tagged hashes H_tag use the tags
 * "BIP0340/aux", "BIP0340/nonce" and "BIP0340/challenge".
 *
 * Every function takes a group made by sg_init_secp256k1 (ZK_EINVAL for any
 * other). Arrays are big-endian as in the BIP. Errors on bad input, never a
 * crash: ZK_EINVAL (wrong group, zero key, wrong length in the _hex forms),
 * ZK_EPARSE (not hex), ZK_ENONCANONICAL (a value >= p or >= n),
 * ZK_ENOTONCURVE (no point with that x), ZK_EVERIFY (a signature that does
 * not verify).
 *
 * This is variable-time GMP arithmetic, made to be read and to check the
 * published vectors; a wallet wants libsecp256k1. */
#ifndef ZK_SIGMA_BIP340_H
#define ZK_SIGMA_BIP340_H

#include "sigma/group.h"

#define BIP340_TAG_AUX "BIP0340/aux"
#define BIP340_TAG_NONCE "BIP0340/nonce"
#define BIP340_TAG_CHALLENGE "BIP0340/challenge"

/* Why a verification failed, in the order the BIP's Verify checks. */
typedef enum bip340_result {
    BIP340_VALID,
    BIP340_PK_RANGE,          /* public key x >= p */
    BIP340_PK_NOT_ON_CURVE,   /* no curve point has x = public key */
    BIP340_R_RANGE,           /* r = sig[0:32] >= p */
    BIP340_S_RANGE,           /* s = sig[32:64] >= n */
    BIP340_R_INFINITE,        /* R = s·G - e·P is the point at infinity */
    BIP340_R_ODD_Y,           /* R has odd y */
    BIP340_R_MISMATCH,        /* x(R) != r */
} bip340_result;

/* A sentence for each result ("R = s·G - e·P has odd y"); never NULL. */
const char *bip340_result_str(bip340_result r);

/* The verifier's work, for a step-by-step screen. Fields after `result` are
 * meaningful only if the check got that far (flags say so). */
typedef struct bip340_verdict {
    bip340_result result;
    bool have_e;          /* the ranges passed and e was computed */
    uint8_t e[32];        /* e = H_challenge(r || pk || m) mod n */
    bool have_r;          /* R was computed and is finite */
    uint8_t rx[32];       /* x(R) */
    bool r_odd;           /* y(R) is odd */
    bool r_on_curve;      /* some point has x = r (else the signature was never
                             made by anyone; vector 11) */
} bip340_verdict;

/* The signer's public intermediate values (no secrets), for display. */
typedef struct bip340_trace {
    uint8_t px[32];       /* P = d'·G, x only: the public key */
    bool d_negated;       /* d'·G had odd y, so d = n - d' */
    uint8_t rx[32];       /* R = k'·G, x only: sig[0:32] */
    bool k_negated;       /* k'·G had odd y, so k = n - k' */
    uint8_t e[32];        /* the challenge */
} bip340_trace;

/* pk = bytes(d'·G). ZK_EINVAL for d' = 0, ZK_ENONCANONICAL for d' >= n. */
zk_err bip340_pubkey(const sg_group *g, uint8_t pk[32], const uint8_t sk[32]);

/* The BIP's Sign. aux NULL draws 32 fresh bytes from rng (NULL: the operating
 * system, as real use must). trace may be NULL. The signature is verified
 * before it is returned, as the BIP recommends (ZK_EVERIFY if that fails,
 * which would mean a bug or a hardware fault). Secrets are wiped. */
zk_err bip340_sign(const sg_group *g, uint8_t sig[64], bip340_trace *trace, const uint8_t sk[32],
                   const uint8_t *msg, size_t len, const uint8_t aux[32], zk_rng *rng);

/* The BIP's Verify. ZK_OK for a valid signature; otherwise ZK_ENONCANONICAL
 * (a range check failed), ZK_ENOTONCURVE (the public key has no point) or
 * ZK_EVERIFY (the equation failed), with the exact reason in v->result.
 * v may be NULL. */
zk_err bip340_verify(const sg_group *g, bip340_verdict *v, const uint8_t pk[32],
                     const uint8_t *msg, size_t len, const uint8_t sig[64]);

/* The same with hex text (the form of the BIP's test-vector file): sk, pk
 * and aux 64 digits, sig 128, msg any even number including none. aux_hex
 * NULL or "" draws aux_rand from rng. Outputs are lower-case hex. */
zk_err bip340_pubkey_hex(const sg_group *g, char pk_hex[65], const char *sk_hex);
zk_err bip340_sign_hex(const sg_group *g, char sig_hex[129], const char *sk_hex,
                       const char *msg_hex, const char *aux_hex, zk_rng *rng);
zk_err bip340_verify_hex(const sg_group *g, bip340_verdict *v, const char *pk_hex,
                         const char *msg_hex, const char *sig_hex);

/* ---- nonce reuse, for the lesson -------------------------------------- */

/* A deliberately broken signer that uses the nonce k' it is given instead of
 * deriving it — what a careless implementation with a fixed or repeated
 * random nonce does. The signatures are valid. ZK_EINVAL for k' = 0,
 * ZK_ENONCANONICAL for k' >= n. Never use outside a lesson. */
zk_err bip340_sign_with_nonce_unsafe(const sg_group *g, uint8_t sig[64], const uint8_t sk[32],
                                     const uint8_t *msg, size_t len, const uint8_t k[32]);

/* Recovers the secret key from two valid signatures by pk on different
 * messages that share the nonce (the same r): with s_i = k + e_i·d,
 *   d = (s1 - s2)/(e1 - e2) mod n.
 * The result is d, the secret whose point has even y; the signer may have
 * held d' = n - d, which signs identically. ZK_EVERIFY if a signature does
 * not verify, ZK_EINVAL if the r values differ (no reuse) or e1 = e2 (same
 * message). sk is wiped on failure. */
zk_err bip340_recover_nonce_reuse(const sg_group *g, uint8_t sk[32], const uint8_t pk[32],
                                  const uint8_t *msg1, size_t len1, const uint8_t sig1[64],
                                  const uint8_t *msg2, size_t len2, const uint8_t sig2[64]);

#endif
