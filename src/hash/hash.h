/* Hash functions for commitments and transcripts: BLAKE2b-256 and SHA-256,
 * both from libsodium (RFC 7693; FIPS 180-4).
 *
 * zkcave's STARK hashes with BLAKE2b (the faster of the two in software);
 * lesson 11 needs SHA-256 because StarkWare's STARK101 tutorial commits with
 * it. A digest is 32 bytes; its collision resistance is 128 bits. */
#ifndef ZK_HASH_HASH_H
#define ZK_HASH_HASH_H

#include "core/err.h"
#include "core/types.h"

#define HASH_BYTES 32

typedef struct hash_digest {
    uint8_t b[HASH_BYTES];
} hash_digest;

/* out = BLAKE2b-256(data). */
void hash_blake2b(hash_digest *out, const void *data, size_t len);
/* out = BLAKE2b-256(a || b), without copying the parts together. */
void hash_blake2b2(hash_digest *out, const void *a, size_t alen, const void *b, size_t blen);
/* out = SHA-256(data). */
void hash_sha256(hash_digest *out, const void *data, size_t len);

/* Lower-case hex of a digest: 64 characters and a NUL. */
void hash_to_hex(char out[2 * HASH_BYTES + 1], const hash_digest *d);

#endif
