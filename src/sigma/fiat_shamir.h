/* Fiat-Shamir: Schnorr's protocol made non-interactive, done right and done
 * wrong.
 *
 * The prover replaces the verifier's random challenge by a hash of what the
 * verifier would have seen (Fiat and Shamir, CRYPTO 1986). What goes into
 * the hash decides whether the result is sound:
 *
 *   FS_STRONG  c = H(group, generator, statement y, commitment t, message)
 *   FS_WEAK    c = H(group, generator,              commitment t, message)
 *
 * With the weak form the challenge does not depend on y, so a forger can fix
 * t and s first and solve for the statement afterwards:
 *
 *   t := an element nobody knows the logarithm of (sg_hash_to_elt)
 *   c := H(group, g, t, msg)                  (possible without y!)
 *   s := random
 *   y := (g^s · t^-1)^(1/c)                   so that g^s = t·y^c
 *
 * The result (y, t, s) passes the weak verifier, although nobody knows the
 * x with g^x = y: a "proof of knowledge" of something unknown. The strong
 * verifier hashes y, gets another c and rejects. This is the flaw that
 * Bernhard, Pereira and Warinschi describe ("How not to prove yourself:
 * pitfalls of the Fiat-Shamir heuristic and applications to Helios",
 * ASIACRYPT 2012) and that Trail of Bits found in several zk-proof
 * libraries in 2022 ("Frozen Heart").
 *
 * Hashes are BIP-340 tagged hashes, SHA-256(SHA-256(tag) || SHA-256(tag) ||
 * data), with libsodium's SHA-256. Each input is fixed-length (the group's
 * 32-byte id, elements of sg_encode's length) except the message, which comes
 * last, so concatenation is unambiguous. The hash (256 bits) is reduced mod q;
 * for q of 256 bits the bias is negligible, for a toy q it does not matter. */
#ifndef ZK_SIGMA_FIAT_SHAMIR_H
#define ZK_SIGMA_FIAT_SHAMIR_H

#include "sigma/schnorr.h"

/* One piece of a hash input. */
typedef struct fs_part {
    const uint8_t *data;
    size_t len;
} fs_part;

/* SHA-256(SHA-256(tag) || SHA-256(tag) || msg) (BIP-340, "Design"): the tag
 * separates the uses of one hash function. */
void fs_tagged_hash(uint8_t out[32], const char *tag, const uint8_t *msg, size_t len);
/* The same over the concatenation of n parts. */
void fs_tagged_hash_parts(uint8_t out[32], const char *tag, const fs_part *parts, size_t n);

typedef enum fs_mode {
    FS_STRONG,   /* the hash binds the statement y */
    FS_WEAK,     /* deliberately broken: y is left out */
} fs_mode;

/* The tag of the challenge hash of both modes. */
#define FS_TAG "zkcave/schnorr-pok/challenge"

/* c = H_tag(id(g) || [enc(y) if strong] || enc(t) || msg) mod q. y is not read
 * in FS_WEAK (may be NULL there). msg may be NULL when len = 0. */
void fs_challenge(const sg_group *g, mpz_t c, fs_mode mode, const sg_elt *y, const sg_elt *t,
                  const uint8_t *msg, size_t len);

/* A non-interactive proof of knowledge of log_g y, optionally bound to a
 * message (then it is a Schnorr signature on msg). */
typedef struct fs_proof {
    sg_elt t;     /* commitment */
    mpz_t s;      /* response s = r + c·x mod q */
} fs_proof;

void fs_proof_init(fs_proof *pf);
void fs_proof_clear(fs_proof *pf);

/* r uniform (rng NULL: from the operating system, as real use must),
 * t = g^r, c = fs_challenge(...), s = r + c·x. The nonce is wiped. */
void fs_prove(const sg_group *g, fs_proof *pf, fs_mode mode, const schnorr_keypair *kp,
              const uint8_t *msg, size_t len, zk_rng *rng);

/* What the verifier computed, for display. */
typedef struct fs_verdict {
    mpz_t c;                 /* the recomputed challenge */
    schnorr_check check;     /* g^s against t·y^c */
} fs_verdict;

void fs_verdict_init(fs_verdict *v);
void fs_verdict_clear(fs_verdict *v);

/* Recomputes c and checks g^s = t·y^c. ZK_OK accepts, ZK_EVERIFY rejects;
 * ZK_ENONCANONICAL for s not in [0, q), sg_check's codes for y or t outside
 * the group. v may be NULL. */
zk_err fs_verify(const sg_group *g, fs_verdict *v, fs_mode mode, const sg_elt *y,
                 const fs_proof *pf, const uint8_t *msg, size_t len);

/* A forged statement and proof for the weak verifier. */
typedef struct fs_forgery {
    sg_elt y;        /* the statement, whose discrete log nobody knows */
    fs_proof proof;  /* (t, s) */
    mpz_t c;         /* the weak challenge H(g, t, msg), fixed before y existed */
    mpz_t c_inv;     /* 1/c mod q, the exponent that solves for y */
    unsigned tries;  /* commitments tried until c != 0 */
} fs_forgery;

void fs_forgery_init(fs_forgery *f);
void fs_forgery_clear(fs_forgery *f);

/* The forgery described above, for message msg: t from sg_hash_to_elt on a
 * fresh random seed (so nobody, the forger included, knows log t, hence log
 * y), s random. A t whose challenge is 0 cannot be solved for y and is
 * replaced (probability 1/q each), and so is an s that would make y the
 * identity (whose logarithm, 0, everybody knows). The strong verifier rejects the result
 * except with probability about 1/q (its challenge is a fresh hash): always
 * in practice on secp256k1, 10 times in 11 in the toy group. */
void fs_forge_weak(const sg_group *g, fs_forgery *f, const uint8_t *msg, size_t len,
                   zk_rng *rng);

#endif
