#include "hash/transcript.h"

#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

#include "core/pool.h"

enum { TAG_ABSORB = 0x10, TAG_DRAW = 0x11, TAG_POW = 0x12 };

static void put_u64le(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_u64le(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

void transcript_init(transcript *t, const char *label)
{
    memset(t, 0, sizeof *t);
    hash_blake2b(&t->state, label, strlen(label));
    t->used = HASH_BYTES;
}

void transcript_absorb(transcript *t, const void *data, size_t len)
{
    uint8_t head[1 + HASH_BYTES];
    head[0] = TAG_ABSORB;
    memcpy(head + 1, t->state.b, HASH_BYTES);
    hash_blake2b2(&t->state, head, sizeof head, data, len);
    t->counter = 0;
    t->used = HASH_BYTES;
}

void transcript_absorb_u64(transcript *t, uint64_t v)
{
    uint8_t b[8];
    put_u64le(b, v);
    transcript_absorb(t, b, sizeof b);
}

/* The elements go through a streaming hash in pieces, so a long message
 * (a whole remainder polynomial) needs no byte buffer of its own. */
void transcript_absorb_gl(transcript *t, const gl_t *v, size_t n)
{
    uint8_t head[1 + HASH_BYTES], buf[8 * 64];
    head[0] = TAG_ABSORB;
    memcpy(head + 1, t->state.b, HASH_BYTES);
    crypto_generichash_blake2b_state st;
    crypto_generichash_blake2b_init(&st, NULL, 0, HASH_BYTES);
    crypto_generichash_blake2b_update(&st, head, sizeof head);
    for (size_t i = 0; i < n; i += 64) {
        size_t m = n - i < 64 ? n - i : 64;
        for (size_t k = 0; k < m; k++)
            put_u64le(buf + 8 * k, v[i + k]);
        crypto_generichash_blake2b_update(&st, buf, 8 * m);
    }
    crypto_generichash_blake2b_final(&st, t->state.b, HASH_BYTES);
    t->counter = 0;
    t->used = HASH_BYTES;
}

void transcript_absorb_gl2(transcript *t, const gl2_t *v, size_t n)
{
    /* gl2_t is two gl_t with no padding (checked below), so the coordinates
     * are absorbed as 2n base elements, c0 first. */
    typedef char gl2_is_two_gl[sizeof(gl2_t) == 2 * sizeof(gl_t) ? 1 : -1];
    (void)sizeof(gl2_is_two_gl);
    transcript_absorb_gl(t, (const gl_t *)(const void *)v, 2 * n);
}

void transcript_draw_bytes(transcript *t, void *out, size_t n)
{
    uint8_t *o = out;
    while (n > 0) {
        if (t->used == HASH_BYTES) {
            uint8_t in[1 + HASH_BYTES + 8];
            in[0] = TAG_DRAW;
            memcpy(in + 1, t->state.b, HASH_BYTES);
            put_u64le(in + 1 + HASH_BYTES, t->counter++);
            hash_digest d;
            hash_blake2b(&d, in, sizeof in);
            memcpy(t->buf, d.b, HASH_BYTES);
            t->used = 0;
        }
        size_t take = HASH_BYTES - t->used < n ? HASH_BYTES - t->used : n;
        memcpy(o, t->buf + t->used, take);
        t->used += take;
        o += take;
        n -= take;
    }
}

gl_t transcript_draw_gl(transcript *t)
{
    for (;;) {
        uint8_t b[8];
        transcript_draw_bytes(t, b, 8);
        uint64_t v = get_u64le(b);
        if (v < GL_P)
            return v;
    }
}

gl2_t transcript_draw_gl2(transcript *t)
{
    gl_t c0 = transcript_draw_gl(t);
    gl_t c1 = transcript_draw_gl(t);
    return gl2_make(c0, c1);
}

uint64_t transcript_draw_bits(transcript *t, unsigned bits)
{
    uint8_t b[8];
    transcript_draw_bytes(t, b, 8);
    uint64_t v = get_u64le(b);
    return bits >= 64 ? v : v & (((uint64_t)1 << bits) - 1);
}

static uint64_t pow_value(const hash_digest *state, uint64_t nonce)
{
    uint8_t in[1 + HASH_BYTES + 8];
    in[0] = TAG_POW;
    memcpy(in + 1, state->b, HASH_BYTES);
    put_u64le(in + 1 + HASH_BYTES, nonce);
    hash_digest d;
    hash_blake2b(&d, in, sizeof in);
    /* The first 8 bytes big-endian, so "leading zero bits" reads naturally. */
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | d.b[i];
    return v;
}

bool transcript_pow_ok(const transcript *t, uint64_t nonce, unsigned bits)
{
    if (bits == 0)
        return true;
    if (bits > 64)
        return false;
    uint64_t v = pow_value(&t->state, nonce);
    return bits == 64 ? v == 0 : (v >> (64 - bits)) == 0;
}

typedef struct grind_job {
    const transcript *t;
    unsigned bits;
    uint64_t base;               /* first block of this round */
    atomic_uint_fast64_t best;   /* smallest nonce found so far */
} grind_job;

/* Nonces are searched in blocks; a block past the best nonce found is
 * skipped, so the answer is the smallest nonce whatever the thread count. */
#define GRIND_BLOCK 4096

static void grind_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    grind_job *j = ctx;
    for (size_t b = begin; b < end; b++) {
        uint64_t lo = (j->base + b) * GRIND_BLOCK;
        if (lo > atomic_load(&j->best))
            return;
        for (uint64_t n = lo; n < lo + GRIND_BLOCK; n++) {
            if (transcript_pow_ok(j->t, n, j->bits)) {
                uint_fast64_t cur = atomic_load(&j->best);
                while (n < cur && !atomic_compare_exchange_weak(&j->best, &cur, n)) {
                }
                break;
            }
        }
    }
}

zk_err transcript_grind(const transcript *t, unsigned bits, uint64_t *nonce)
{
    if (bits > 40)
        return ZK_EOVERFLOW;
    *nonce = 0;
    if (bits == 0)
        return ZK_OK;
    grind_job j = {.t = t, .bits = bits};
    atomic_init(&j.best, UINT64_MAX);
    /* Rounds of twice the expected work each; one almost always suffices. */
    size_t blocks = (size_t)((((uint64_t)1 << bits) * 2) / GRIND_BLOCK) + 2;
    for (unsigned round = 0; round < 64; round++) {
        zk_parallel_for(blocks, 1, grind_range, &j);
        if (atomic_load(&j.best) != UINT64_MAX) {
            *nonce = (uint64_t)atomic_load(&j.best);
            return ZK_OK;
        }
        j.base += blocks;
    }
    return ZK_EOVERFLOW;
}
