/* Little-endian bytes: a growable buffer to write a binary format into, and
 * the fixed-width reads every format here needs (.r1cs, .wtns, .ptau, .zkey
 * in core/binfile.h, the STARK proof in stark/proof_io.c).
 *
 * Writing never fails half-way silently: the first allocation failure sets
 * `failed`, later writes do nothing, and the writer checks the flag once at
 * the end. A buffer that holds secrets (a witness) is sized up front with
 * zk_bytes_init, so that it never grows and leaves copies behind in freed
 * blocks, and is released with zk_free_secret. */
#ifndef ZK_CORE_BYTES_H
#define ZK_CORE_BYTES_H

#include "core/types.h"

typedef struct zk_bytes {
    uint8_t *p;
    size_t len, cap;
    bool failed;    /* an allocation failed: the contents are incomplete */
} zk_bytes;

/* An empty buffer with room for cap bytes (0: grow from the first write);
 * sets failed when that allocation fails. */
void zk_bytes_init(zk_bytes *w, size_t cap);
/* Appends n bytes, growing by doubling. */
void zk_bytes_put(zk_bytes *w, const void *data, size_t n);
/* Appends the low `width` bytes of v (1..8), least significant first. */
void zk_bytes_put_le(zk_bytes *w, uint64_t v, unsigned width);

static inline uint32_t zk_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t zk_le64(const uint8_t *p)
{
    return zk_le32(p) | (uint64_t)zk_le32(p + 4) << 32;
}

static inline void zk_le_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

#endif
