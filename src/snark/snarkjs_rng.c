#include "snark/snarkjs_rng.h"

#include <sodium.h>
#include <string.h>

#include "curve/encode.h"

/* ---- ChaCha20 block function (RFC 8439, section 2.3) ----------------------- */

static inline uint32_t rotl32(uint32_t x, unsigned n) { return x << n | x >> (32 - n); }

#define CHACHA_QR(a, b, c, d)                 \
    do {                                      \
        x[a] += x[b];                         \
        x[d] = rotl32(x[d] ^ x[a], 16);       \
        x[c] += x[d];                         \
        x[b] = rotl32(x[b] ^ x[c], 12);       \
        x[a] += x[b];                         \
        x[d] = rotl32(x[d] ^ x[a], 8);        \
        x[c] += x[d];                         \
        x[b] = rotl32(x[b] ^ x[c], 7);        \
    } while (0)

static void chacha_block(snarkjs_chacha *c)
{
    uint32_t x[16];
    memcpy(x, c->state, sizeof x);
    for (int i = 0; i < 10; i++) {
        CHACHA_QR(0, 4, 8, 12);
        CHACHA_QR(1, 5, 9, 13);
        CHACHA_QR(2, 6, 10, 14);
        CHACHA_QR(3, 7, 11, 15);
        CHACHA_QR(0, 5, 10, 15);
        CHACHA_QR(1, 6, 11, 12);
        CHACHA_QR(2, 7, 8, 13);
        CHACHA_QR(3, 4, 9, 14);
    }
    for (int i = 0; i < 16; i++)
        c->out[i] = x[i] + c->state[i];
    c->idx = 0;
    /* ffjavascript carries the counter through all four words. */
    for (int i = 12; i < 16 && ++c->state[i] == 0; i++)
        ;
    sodium_memzero(x, sizeof x);
}

void snarkjs_chacha_init(snarkjs_chacha *c, const uint32_t seed[8])
{
    static const uint32_t sigma[4] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    memcpy(c->state, sigma, sizeof sigma);
    memcpy(c->state + 4, seed, 8 * sizeof *seed);
    memset(c->state + 12, 0, 4 * sizeof *c->state);
    c->idx = 16;
}

void snarkjs_chacha_init_be(snarkjs_chacha *c, const uint8_t seed[32])
{
    uint32_t w[8];
    for (int i = 0; i < 8; i++)
        w[i] = (uint32_t)seed[4 * i] << 24 | (uint32_t)seed[4 * i + 1] << 16 |
               (uint32_t)seed[4 * i + 2] << 8 | seed[4 * i + 3];
    snarkjs_chacha_init(c, w);
    sodium_memzero(w, sizeof w);
}

uint32_t snarkjs_chacha_u32(snarkjs_chacha *c)
{
    if (c->idx == 16)
        chacha_block(c);
    return c->out[c->idx++];
}

void snarkjs_chacha_wipe(snarkjs_chacha *c) { sodium_memzero(c, sizeof *c); }

/* ---- field elements and points --------------------------------------------- */

/* ffjavascript F1Field.fromRng: four u64 draws (high word first), masked to
 * 254 bits, rejected while >= p; the integer is the Montgomery form. */
static void from_rng(uint64_t v[4], const uint64_t p[4], snarkjs_chacha *c)
{
    for (;;) {
        for (int i = 0; i < 4; i++) {
            uint64_t hi = snarkjs_chacha_u32(c);
            v[i] = hi << 32 | snarkjs_chacha_u32(c);
        }
        v[3] &= (UINT64_C(1) << 62) - 1;   /* both BN254 primes have 254 bits */
        int i = 3;
        while (i > 0 && v[i] == p[i])
            i--;
        if (v[i] < p[i])
            return;
    }
}

void snarkjs_fr_from_rng(fr_t *r, snarkjs_chacha *c) { from_rng(r->v, fr_params.p, c); }
void snarkjs_fq_from_rng(fq_t *r, snarkjs_chacha *c) { from_rng(r->v, fq_params.p, c); }

bool snarkjs_fq_is_negative(const fq_t *a)
{
    uint64_t v[4], half[4];
    fq_to_int(v, a);
    const uint64_t *p = fq_params.p;
    for (int i = 0; i < 4; i++)
        half[i] = p[i] >> 1 | (i < 3 ? p[i + 1] << 63 : 0);
    for (int i = 3; i >= 0; i--)
        if (v[i] != half[i])
            return v[i] > half[i];
    return false;
}

bool snarkjs_fq2_is_negative(const fq2_t *a)
{
    return fq_is_zero(&a->c1) ? snarkjs_fq_is_negative(&a->c0) : snarkjs_fq_is_negative(&a->c1);
}

void snarkjs_g1_from_rng(g1_aff *r, snarkjs_chacha *c)
{
    fq_t x, rhs, y;
    bool greatest;
    for (;;) {
        snarkjs_fq_from_rng(&x, c);
        greatest = snarkjs_chacha_u32(c) & 1;
        fq_sqr(&rhs, &x);
        fq_mul(&rhs, &rhs, &x);
        fq_add(&rhs, &rhs, &g1_b);
        if (fq_sqrt(&y, &rhs) == ZK_OK)
            break;
    }
    if (snarkjs_fq_is_negative(&y) != greatest)
        fq_neg(&y, &y);
    r->x = x;
    r->y = y;
    r->inf = false;
}

void snarkjs_g2_from_rng(g2_aff *r, snarkjs_chacha *c)
{
    /* The cofactor 2q - r of E'(Fq2), as ffjavascript's bn128 has it. */
    static const uint64_t h[4] = {0x345f2299c0f9fa8dULL, 0x06ceecda572a2489ULL,
                                  0xb85045b68181585eULL, 0x30644e72e131a029ULL};
    fq2_t x, rhs, y;
    bool greatest;
    for (;;) {
        snarkjs_fq_from_rng(&x.c0, c);
        snarkjs_fq_from_rng(&x.c1, c);
        greatest = snarkjs_chacha_u32(c) & 1;
        fq2_sqr(&rhs, &x);
        fq2_mul(&rhs, &rhs, &x);
        fq2_add(&rhs, &rhs, &g2_b);
        if (fq2_sqrt_var(&y, &rhs) == ZK_OK)
            break;
    }
    if (snarkjs_fq2_is_negative(&y) != greatest)
        fq2_neg(&y, &y);
    g2_jac p, q;
    g2_aff a = {x, y, false};
    g2_from_aff(&p, &a);
    g2_mul_var(&q, &p, h);
    g2_to_aff_var(r, &q);
}

void snarkjs_hash_to_g2(g2_aff *r, const uint8_t hash[64])
{
    snarkjs_chacha c;
    snarkjs_chacha_init_be(&c, hash);
    snarkjs_g2_from_rng(r, &c);
    snarkjs_chacha_wipe(&c);
}

void snarkjs_g2_sp(g2_aff *r, uint8_t personalization, const uint8_t challenge[64],
                   const g1_aff *g1_s, const g1_aff *g1_sx)
{
    blake2b_state h;
    blake2b_init(&h);
    blake2b_update(&h, &personalization, 1);
    blake2b_update(&h, challenge, 64);
    snarkjs_hash_g1(&h, g1_s);
    snarkjs_hash_g1(&h, g1_sx);
    uint8_t d[64];
    blake2b_final(&h, d);
    snarkjs_hash_to_g2(r, d);
}

zk_err snarkjs_beacon_rng(snarkjs_chacha *c, const uint8_t *beacon, size_t len, unsigned exp,
                          const zk_events *ev)
{
    if (exp < 10 || exp > 63 || len == 0)
        return ZK_EINVAL;
    uint8_t cur[crypto_hash_sha256_BYTES];
    /* The first round hashes the beacon itself, whatever its length. */
    crypto_hash_sha256(cur, beacon, len);
    uint64_t total = (uint64_t)1 << exp >> 20 ? (uint64_t)1 << exp >> 20 : 1;
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "beacon", 0, total, NULL);
    for (uint64_t i = 1; !err && i < (uint64_t)1 << exp; i++) {
        crypto_hash_sha256(cur, cur, sizeof cur);
        if ((i & ((1u << 20) - 1)) == 0)
            err = zk_emit(ev, ZK_EV_PROGRESS, "beacon", i >> 20, total, NULL);
    }
    if (!err)
        err = zk_emit(ev, ZK_EV_END, "beacon", total, total, NULL);
    if (!err)
        snarkjs_chacha_init_be(c, cur);
    sodium_memzero(cur, sizeof cur);
    return err;
}

/* ---- encodings --------------------------------------------------------------- */

void snarkjs_g1_uncompressed(uint8_t out[64], const g1_aff *p) { g1_encode_eip196(out, p); }
void snarkjs_g2_uncompressed(uint8_t out[128], const g2_aff *p) { g2_encode_eip197(out, p); }

void snarkjs_g1_compressed(uint8_t out[32], const g1_aff *p)
{
    memset(out, 0, 32);
    if (p->inf) {
        out[0] = 0x40;
        return;
    }
    fq_to_bytes_be(out, &p->x);
    if (snarkjs_fq_is_negative(&p->y))
        out[0] |= 0x80;
}

void snarkjs_g2_compressed(uint8_t out[64], const g2_aff *p)
{
    memset(out, 0, 64);
    if (p->inf) {
        out[0] = 0x40;
        return;
    }
    fq_to_bytes_be(out, &p->x.c1);
    fq_to_bytes_be(out + 32, &p->x.c0);
    if (snarkjs_fq2_is_negative(&p->y))
        out[0] |= 0x80;
}

void snarkjs_hash_g1(blake2b_state *h, const g1_aff *p)
{
    uint8_t b[64];
    snarkjs_g1_uncompressed(b, p);
    blake2b_update(h, b, sizeof b);
}

void snarkjs_hash_g2(blake2b_state *h, const g2_aff *p)
{
    uint8_t b[128];
    snarkjs_g2_uncompressed(b, p);
    blake2b_update(h, b, sizeof b);
}
