#include "hash/hash.h"

#include <sodium.h>

#include "core/hex.h"

void hash_blake2b(hash_digest *out, const void *data, size_t len)
{
    crypto_generichash_blake2b(out->b, HASH_BYTES, data, len, NULL, 0);
}

void hash_blake2b2(hash_digest *out, const void *a, size_t alen, const void *b, size_t blen)
{
    crypto_generichash_blake2b_state st;
    crypto_generichash_blake2b_init(&st, NULL, 0, HASH_BYTES);
    crypto_generichash_blake2b_update(&st, a, alen);
    crypto_generichash_blake2b_update(&st, b, blen);
    crypto_generichash_blake2b_final(&st, out->b, HASH_BYTES);
}

void hash_sha256(hash_digest *out, const void *data, size_t len)
{
    crypto_hash_sha256(out->b, data, len);
}

void hash_to_hex(char out[2 * HASH_BYTES + 1], const hash_digest *d)
{
    zk_hex_encode(out, d->b, HASH_BYTES);
}
