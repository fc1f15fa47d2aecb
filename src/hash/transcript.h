/* The Fiat-Shamir transcript: a verifier's coins from a hash of everything
 * the prover has said so far.
 *
 * The state is a 32-byte BLAKE2b digest chained over every message:
 *   absorb(m):   state = BLAKE2b-256(0x10 || state || m)
 *   draw:        BLAKE2b-256(0x11 || state || counter) for counter = 0, 1, ...
 * A draw never changes the state, only the counter (reset by the next
 * absorb), so the prover and the verifier agree as long as they absorb the
 * same messages in the same order. Field elements are drawn by rejection
 * (8 bytes at a time, retried when >= p), so they are uniform.
 *
 * Grinding (proof of work) asks the prover for a nonce such that
 * BLAKE2b-256(0x12 || state || nonce) starts with `bits` zero bits; a cheating
 * prover who wants to retry the query phase pays 2^bits hashes per try. */
#ifndef ZK_HASH_TRANSCRIPT_H
#define ZK_HASH_TRANSCRIPT_H

#include "field/gl_ext.h"
#include "hash/hash.h"

typedef struct transcript {
    hash_digest state;
    uint64_t counter;        /* draws since the last absorb */
    uint8_t buf[HASH_BYTES]; /* bytes of the current draw block */
    size_t used;             /* bytes of buf already handed out */
} transcript;

/* Starts a transcript bound to a protocol label ("zkcave-stark-v1"). */
void transcript_init(transcript *t, const char *label);
void transcript_absorb(transcript *t, const void *data, size_t len);
void transcript_absorb_u64(transcript *t, uint64_t v);
/* Field elements as little-endian u64s, in one message. */
void transcript_absorb_gl(transcript *t, const gl_t *v, size_t n);
void transcript_absorb_gl2(transcript *t, const gl2_t *v, size_t n);

void transcript_draw_bytes(transcript *t, void *out, size_t n);
gl_t transcript_draw_gl(transcript *t);
gl2_t transcript_draw_gl2(transcript *t);
/* Uniform in [0, 2^bits), bits <= 63. */
uint64_t transcript_draw_bits(transcript *t, unsigned bits);

/* Whether nonce gives `bits` leading zero bits (bits <= 64). */
bool transcript_pow_ok(const transcript *t, uint64_t nonce, unsigned bits);
/* Finds the smallest such nonce, on every thread of the pool; ZK_ECANCELLED
 * is impossible here, but ZK_EOVERFLOW when bits > 40 (too slow to grind). */
zk_err transcript_grind(const transcript *t, unsigned bits, uint64_t *nonce);

#endif
