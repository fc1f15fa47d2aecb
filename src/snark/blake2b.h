/* BLAKE2b-512 (RFC 7693) with a state that can be saved and restored in the
 * 216-byte "partial hash" form of snarkjs's .ptau files.
 *
 * snarkjs hashes everything of a ceremony (challenges, responses, the
 * circuit of a .zkey) with BLAKE2b-512, no key. A .ptau contribution record
 * stores the response hash's state before the contributor's public key was
 * absorbed, so a verifier can finish that hash without the previous file;
 * libsodium keeps its state opaque, hence this small implementation.
 *
 * The saved form (snarkjs misc.js toPartialHash over @noble/hashes' state):
 *   bytes 0..127    the pending block (only its first `pos` bytes matter);
 *   bytes 128..191  h[0..7], each as two little-endian u32, low word first;
 *   bytes 192..199  the count of bytes already compressed (u64 LE);
 *   bytes 200..203  pos, the bytes pending in the block (u32 LE, 1..128
 *                   after any input: the last block waits for the final
 *                   compression, as in the RFC);
 *   bytes 204..215  zero. */
#ifndef ZK_SNARK_BLAKE2B_H
#define ZK_SNARK_BLAKE2B_H

#include "core/err.h"
#include "core/types.h"

#define BLAKE2B_OUT 64
#define BLAKE2B_PARTIAL 216

typedef struct blake2b_state {
    uint64_t h[8];
    uint64_t t;        /* bytes compressed so far */
    uint8_t buf[128];
    size_t pos;        /* bytes waiting in buf */
} blake2b_state;

void blake2b_init(blake2b_state *s);
void blake2b_update(blake2b_state *s, const void *data, size_t n);
/* The digest; the state is wiped (it holds the last input block as it was)
 * and must be initialised again before reuse. */
void blake2b_final(blake2b_state *s, uint8_t out[BLAKE2B_OUT]);
/* One-shot. */
void blake2b_512(uint8_t out[BLAKE2B_OUT], const void *data, size_t n);

void blake2b_save(uint8_t out[BLAKE2B_PARTIAL], const blake2b_state *s);
/* ZK_EFORMAT when pos is out of range. */
zk_err blake2b_restore(blake2b_state *s, const uint8_t in[BLAKE2B_PARTIAL]);

#endif
