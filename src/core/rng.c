#include "core/rng.h"

#include <sodium.h>
#include <string.h>

zk_err zk_rng_init(void)
{
    /* sodium_init returns 1 when already initialised; it is thread-safe. */
    return sodium_init() < 0 ? ZK_ECRYPTO : ZK_OK;
}

void zk_rng_seed(zk_rng *rng, const uint8_t seed[32])
{
    memcpy(rng->key, seed, 32);
    rng->block = 0;
    rng->used = sizeof rng->buf;
}

void zk_rng_seed_u64(zk_rng *rng, uint64_t seed)
{
    uint8_t key[32] = {0};
    for (int i = 0; i < 8; i++)
        key[i] = (uint8_t)(seed >> (8 * i));
    zk_rng_seed(rng, key);
}

void zk_rng_wipe(zk_rng *rng)
{
    sodium_memzero(rng, sizeof *rng);
}

/* One 64-byte ChaCha20 keystream block per refill: the nonce carries the block
 * counter, so the stream is the same whatever sizes the bytes are drawn in. */
static void refill(zk_rng *rng)
{
    uint8_t nonce[crypto_stream_chacha20_NONCEBYTES] = {0};
    for (int i = 0; i < 8; i++)
        nonce[i] = (uint8_t)(rng->block >> (8 * i));
    crypto_stream_chacha20(rng->buf, sizeof rng->buf, nonce, rng->key);
    rng->block++;
    rng->used = 0;
}

void zk_random_bytes(zk_rng *rng, void *out, size_t n)
{
    uint8_t *o = out;
    if (!rng) {
        randombytes_buf(out, n);
        return;
    }
    while (n > 0) {
        if (rng->used == sizeof rng->buf)
            refill(rng);
        size_t take = sizeof rng->buf - rng->used;
        if (take > n)
            take = n;
        memcpy(o, rng->buf + rng->used, take);
        sodium_memzero(rng->buf + rng->used, take);
        rng->used += take;
        o += take;
        n -= take;
    }
}

uint64_t zk_random_u64(zk_rng *rng)
{
    uint8_t b[8];
    uint64_t v = 0;
    zk_random_bytes(rng, b, sizeof b);
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)b[i] << (8 * i);
    return v;
}

uint64_t zk_random_below(zk_rng *rng, uint64_t bound)
{
    /* Reject the top partial interval so every residue is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t v;
    do
        v = zk_random_u64(rng);
    while (v >= limit);
    return v % bound;
}
