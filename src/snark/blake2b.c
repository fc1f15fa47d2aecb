#include "snark/blake2b.h"

#include <sodium.h>
#include <string.h>

#include "core/binfile.h"

/* RFC 7693, section 2.6: the SHA-512 initial values. */
static const uint64_t blake2b_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

/* RFC 7693, section 2.7: the message schedule. */
static const uint8_t blake2b_sigma[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

static inline uint64_t rotr64(uint64_t x, unsigned n) { return x >> n | x << (64 - n); }

static inline uint64_t load64(const uint8_t *p) { return zk_le64(p); }

/* The mixing function G of RFC 7693, section 3.1. */
#define B2B_G(a, b, c, d, x, y)                \
    do {                                       \
        v[a] = v[a] + v[b] + (x);              \
        v[d] = rotr64(v[d] ^ v[a], 32);        \
        v[c] = v[c] + v[d];                    \
        v[b] = rotr64(v[b] ^ v[c], 24);        \
        v[a] = v[a] + v[b] + (y);              \
        v[d] = rotr64(v[d] ^ v[a], 16);        \
        v[c] = v[c] + v[d];                    \
        v[b] = rotr64(v[b] ^ v[c], 63);        \
    } while (0)

/* The compression function F (RFC 7693, section 3.2); t counts bytes
 * including this block, last marks the final block. */
static void blake2b_compress(blake2b_state *s, const uint8_t block[128], bool last)
{
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++)
        m[i] = load64(block + 8 * i);
    for (int i = 0; i < 8; i++) {
        v[i] = s->h[i];
        v[i + 8] = blake2b_iv[i];
    }
    v[12] ^= s->t;   /* the high word of the 128-bit counter stays zero */
    if (last)
        v[14] = ~v[14];
    for (int r = 0; r < 12; r++) {
        const uint8_t *sg = blake2b_sigma[r];
        B2B_G(0, 4, 8, 12, m[sg[0]], m[sg[1]]);
        B2B_G(1, 5, 9, 13, m[sg[2]], m[sg[3]]);
        B2B_G(2, 6, 10, 14, m[sg[4]], m[sg[5]]);
        B2B_G(3, 7, 11, 15, m[sg[6]], m[sg[7]]);
        B2B_G(0, 5, 10, 15, m[sg[8]], m[sg[9]]);
        B2B_G(1, 6, 11, 12, m[sg[10]], m[sg[11]]);
        B2B_G(2, 7, 8, 13, m[sg[12]], m[sg[13]]);
        B2B_G(3, 4, 9, 14, m[sg[14]], m[sg[15]]);
    }
    for (int i = 0; i < 8; i++)
        s->h[i] ^= v[i] ^ v[i + 8];
}

void blake2b_init(blake2b_state *s)
{
    memset(s, 0, sizeof *s);
    memcpy(s->h, blake2b_iv, sizeof s->h);
    /* Parameter block: digest length 64, no key, fanout 1, depth 1. */
    s->h[0] ^= 0x01010000ULL ^ BLAKE2B_OUT;
}

void blake2b_update(blake2b_state *s, const void *data, size_t n)
{
    const uint8_t *p = data;
    while (n) {
        /* A full block is compressed only once more input arrives: the last
         * block must wait for the final flag. */
        if (s->pos == 128) {
            s->t += 128;
            blake2b_compress(s, s->buf, false);
            s->pos = 0;
        }
        if (s->pos == 0) {
            while (n > 128) {
                s->t += 128;
                blake2b_compress(s, p, false);
                p += 128;
                n -= 128;
            }
        }
        size_t take = 128 - s->pos < n ? 128 - s->pos : n;
        memcpy(s->buf + s->pos, p, take);
        s->pos += take;
        p += take;
        n -= take;
    }
}

void blake2b_final(blake2b_state *s, uint8_t out[BLAKE2B_OUT])
{
    s->t += s->pos;
    memset(s->buf + s->pos, 0, 128 - s->pos);
    blake2b_compress(s, s->buf, true);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            out[8 * i + j] = (uint8_t)(s->h[i] >> (8 * j));
    /* The pending block holds the last input as it was (a contributor's
     * entropy text, say): wiped, as libsodium's final wipes its state. */
    sodium_memzero(s, sizeof *s);
}

void blake2b_512(uint8_t out[BLAKE2B_OUT], const void *data, size_t n)
{
    blake2b_state s;
    blake2b_init(&s);
    blake2b_update(&s, data, n);
    blake2b_final(&s, out);
}

void blake2b_save(uint8_t out[BLAKE2B_PARTIAL], const blake2b_state *s)
{
    memset(out, 0, BLAKE2B_PARTIAL);
    memcpy(out, s->buf, 128);
    for (int i = 0; i < 8; i++) {
        zk_le_put32(out + 128 + 8 * i, (uint32_t)s->h[i]);
        zk_le_put32(out + 132 + 8 * i, (uint32_t)(s->h[i] >> 32));
    }
    zk_le_put32(out + 192, (uint32_t)s->t);
    zk_le_put32(out + 196, (uint32_t)(s->t >> 32));
    zk_le_put32(out + 200, (uint32_t)s->pos);
}

zk_err blake2b_restore(blake2b_state *s, const uint8_t in[BLAKE2B_PARTIAL])
{
    uint32_t pos = zk_le32(in + 200);
    if (pos > 128)
        return ZK_EFORMAT;
    memcpy(s->buf, in, 128);
    for (int i = 0; i < 8; i++)
        s->h[i] = zk_le32(in + 128 + 8 * i) | (uint64_t)zk_le32(in + 132 + 8 * i) << 32;
    s->t = zk_le64(in + 192);
    s->pos = pos;
    return ZK_OK;
}
