/* Randomness.
 *
 * Secrets (τ, nonces, blinding factors) come from the operating system through
 * libsodium: pass rng = NULL. Tests, lessons that must replay the same numbers,
 * and seeded training pass a zk_rng, a ChaCha20 stream keyed by a seed, which
 * gives the same bytes on every machine. A zk_rng is not thread-safe; give
 * each thread its own. */
#ifndef ZK_CORE_RNG_H
#define ZK_CORE_RNG_H

#include "core/err.h"
#include "core/types.h"

typedef struct zk_rng {
    uint8_t key[32];
    uint64_t block;      /* next ChaCha20 block to generate */
    uint8_t buf[64];
    size_t used;         /* bytes of buf already handed out */
} zk_rng;

/* Initialises libsodium (and with it the OS random source). Safe to call
 * many times and from several threads. */
zk_err zk_rng_init(void);

void zk_rng_seed(zk_rng *rng, const uint8_t seed[32]);
void zk_rng_seed_u64(zk_rng *rng, uint64_t seed);
/* Wipes the generator's state. */
void zk_rng_wipe(zk_rng *rng);

/* rng == NULL draws from the operating system. */
void zk_random_bytes(zk_rng *rng, void *out, size_t n);
uint64_t zk_random_u64(zk_rng *rng);
/* Uniform in [0, bound) without modulo bias; bound must be > 0. */
uint64_t zk_random_below(zk_rng *rng, uint64_t bound);

#endif
