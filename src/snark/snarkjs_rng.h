/* The deterministic randomness of snarkjs ceremonies, reproduced bit for bit.
 *
 * A snarkjs verifier re-derives some points instead of trusting them: the
 * G2 point g2_sp of every proof of knowledge in a .ptau or .zkey
 * contribution is "hashed to the curve" from the transcript, and a random
 * beacon's whole key is re-derived from the beacon value. A file we write
 * passes `snarkjs powersoftau verify` / `snarkjs zkey verify` only if we
 * derive the same points, so this file follows ffjavascript exactly:
 *
 *   ChaCha      ffjavascript chacha.js: the ChaCha20 block function (20
 *               rounds) with the eight seed words as the key, a 128-bit block
 *               counter in words 12..15 and no nonce; output words in order.
 *   fromRng     a field element: n64 = 4 draws of u64 (each two u32 words,
 *               the first one high), limb i the i-th draw, masked to the
 *               modulus's bit length and rejected while >= p. The integer is
 *               taken as the element's *Montgomery representation*, which
 *               is exactly fr_t / fq_t memory (both use R = 2^256).
 *   point       repeat { x = fromRng (Fq2: c0 then c1); greatest = next u32
 *               & 1 } until x^3 + b is a square; y = the root whose
 *               "negative" flag (canonical value > (q-1)/2; in Fq2 decided by
 *               c1, or c0 when c1 = 0) equals greatest; in G2 multiplied by
 *               the cofactor 2q - r.
 *   hashToG2    seed = the first 32 bytes of a 64-byte hash as eight
 *               big-endian u32 words; ChaCha; a G2 point.
 *   beacon      the beacon value hashed with SHA-256 2^e times, seed = its
 *               eight big-endian words.
 *
 * Points are hashed in ffjavascript's "uncompressed" form, which is the
 * EIP-196/197 byte layout (big-endian; G2 imaginary parts first; all zero
 * for infinity), and responses in its "compressed" form: x alone, big-endian
 * (G2: c1 then c0), with 0x80 set in the first byte when y is "negative"
 * and 0x40 alone for infinity. */
#ifndef ZK_SNARK_SNARKJS_RNG_H
#define ZK_SNARK_SNARKJS_RNG_H

#include "core/event.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"
#include "snark/blake2b.h"

typedef struct snarkjs_chacha {
    uint32_t state[16];
    uint32_t out[16];
    unsigned idx;   /* next word of out; 16 = generate a block */
} snarkjs_chacha;

void snarkjs_chacha_init(snarkjs_chacha *c, const uint32_t seed[8]);
/* Seeded from 32 bytes read as eight big-endian words (hashToG2, beacons). */
void snarkjs_chacha_init_be(snarkjs_chacha *c, const uint8_t seed[32]);
uint32_t snarkjs_chacha_u32(snarkjs_chacha *c);
void snarkjs_chacha_wipe(snarkjs_chacha *c);

void snarkjs_fr_from_rng(fr_t *r, snarkjs_chacha *c);
void snarkjs_fq_from_rng(fq_t *r, snarkjs_chacha *c);
void snarkjs_g1_from_rng(g1_aff *r, snarkjs_chacha *c);
void snarkjs_g2_from_rng(g2_aff *r, snarkjs_chacha *c);

/* keypair.js hashToG2. */
void snarkjs_hash_to_g2(g2_aff *r, const uint8_t hash[64]);
/* keypair.js getG2sp: hashToG2(blake2b(personalization || challenge ||
 * U(g1_s) || U(g1_sx))). */
void snarkjs_g2_sp(g2_aff *r, uint8_t personalization, const uint8_t challenge[64],
                   const g1_aff *g1_s, const g1_aff *g1_sx);

/* misc.js rngFromBeaconParams: 10 <= exp <= 63 (else ZK_EINVAL), len >= 1.
 * Emits "beacon" progress events (done/total in units of 2^20 hashes) and
 * stops with ZK_ECANCELLED when the sink asks. */
zk_err snarkjs_beacon_rng(snarkjs_chacha *c, const uint8_t *beacon, size_t len, unsigned exp,
                          const zk_events *ev);

/* "Negative" in ffjavascript's sense: the canonical value exceeds (q-1)/2. */
bool snarkjs_fq_is_negative(const fq_t *a);
bool snarkjs_fq2_is_negative(const fq2_t *a);

/* Encodings for hashing (see above). */
void snarkjs_g1_uncompressed(uint8_t out[64], const g1_aff *p);
void snarkjs_g2_uncompressed(uint8_t out[128], const g2_aff *p);
void snarkjs_g1_compressed(uint8_t out[32], const g1_aff *p);
void snarkjs_g2_compressed(uint8_t out[64], const g2_aff *p);
void snarkjs_hash_g1(blake2b_state *h, const g1_aff *p);
void snarkjs_hash_g2(blake2b_state *h, const g2_aff *p);

#endif
