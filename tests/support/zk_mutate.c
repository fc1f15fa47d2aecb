#include "zk_mutate.h"

#include <stdbool.h>
#include <string.h>

typedef struct mut_rng {
    uint64_t s;
} mut_rng;

/* splitmix64: a fixed, portable stream for a given seed. */
static uint64_t next(mut_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static size_t below(mut_rng *r, size_t n) { return n ? (size_t)(next(r) % n) : 0; }

static const uint64_t boundary[] = {0,
                                    1,
                                    2,
                                    0x7f,
                                    0x80,
                                    0xff,
                                    0xffff,
                                    0x7fffffff,
                                    0x80000000,
                                    0xffffffff,
                                    0xfffffffe,
                                    0x100000000u,
                                    0x7fffffffffffffffu,
                                    0xffffffffffffffffu,
                                    1u << 20,
                                    1u << 28};
#define N_BOUNDARY (sizeof boundary / sizeof *boundary)

static const char *const tokens[] = {
    "-1", "1e999", "\"\"", "null", "[]", "{}", "\"0x10\"", "\"-5\"", "true", "\xff\xfe",
    "21888242871839275222246405745257275088548364400416034343698204186575808495617",
    "21888242871839275222246405745257275088696311157297823662689037894645226208583",
    "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["};
#define N_TOKENS (sizeof tokens / sizeof *tokens)

static void put_le(uint8_t *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* Offsets of up to max section headers of a zk_binfile image. */
static size_t sections(const uint8_t *b, size_t n, size_t *off, size_t max)
{
    if (n < 12)
        return 0;
    size_t k = 0, o = 12;
    uint64_t count = get_le(b + 8, 4);
    while (k < count && k < max && n - o >= 12) {
        off[k++] = o;
        uint64_t size = get_le(b + o + 4, 8);
        if (size > n - o - 12)
            break;
        o += 12 + (size_t)size;
    }
    return k;
}

/* Replaces del bytes at o with s (when the result fits in cap). */
static size_t splice(uint8_t *b, size_t n, size_t cap, size_t o, size_t del, const void *s,
                     size_t m)
{
    if (n - del + m > cap)
        return n;
    memmove(b + o + m, b + o + del, n - o - del);
    memcpy(b + o, s, m);
    return n - del + m;
}

/* Duplicates or drops section i, with the count kept or adjusted. */
static size_t section_copy_or_drop(mut_rng *r, uint8_t *b, size_t n, size_t cap, size_t o)
{
    uint64_t size = get_le(b + o + 4, 8);
    size_t m = size > n - o - 12 ? n - o : 12 + (size_t)size;
    uint32_t count = (uint32_t)get_le(b + 8, 4);
    bool fix_count = below(r, 2);
    if (below(r, 2)) {
        if (n + m > cap)
            return n;
        memmove(b + o + m, b + o, n - o);
        n += m;
        count++;
    } else {
        memmove(b + o, b + o + m, n - o - m);
        n -= m;
        count--;
    }
    if (fix_count)
        put_le(b + 8, count, 4);
    return n;
}

size_t zk_mutate(uint8_t *b, size_t n, size_t cap, uint64_t seed)
{
    mut_rng r = {seed};
    size_t sec[64];
    size_t ns = sections(b, n, sec, 64);
    int rounds = 1 + (int)below(&r, 3);
    for (int k = 0; k < rounds && n; k++) {
        switch (below(&r, ns ? 10 : 7)) {
        case 0:   /* truncate (and stop: nothing after the end matters) */
            return below(&r, n);
        case 1:   /* flip a few bytes */
            for (int i = 0, m = 1 + (int)below(&r, 8); i < m; i++)
                b[below(&r, n)] ^= (uint8_t)(1 + below(&r, 255));
            break;
        case 2:   /* a boundary u32 or u64 at an aligned offset */
        case 3: {
            int w = below(&r, 2) ? 4 : 8;
            if (n >= (size_t)w)
                put_le(b + below(&r, (n - (size_t)w) / 4 + 1) * 4, boundary[below(&r, N_BOUNDARY)],
                       w);
            break;
        }
        case 4: { /* delete a chunk */
            size_t o = below(&r, n), m = 1 + below(&r, n - o);
            n = splice(b, n, cap, o, m, "", 0);
            break;
        }
        case 5: { /* copy a chunk elsewhere */
            size_t o = below(&r, n), m = 1 + below(&r, n - o < 256 ? n - o : 256);
            uint8_t chunk[256];
            memcpy(chunk, b + o, m);
            n = splice(b, n, cap, below(&r, n), 0, chunk, m);
            break;
        }
        case 6: { /* a hostile JSON token over a few bytes */
            const char *t = tokens[below(&r, N_TOKENS)];
            size_t o = below(&r, n), del = below(&r, 8);
            n = splice(b, n, cap, o, del < n - o ? del : n - o, t, strlen(t));
            break;
        }
        case 7:   /* a section's size */
            put_le(b + sec[below(&r, ns)] + 4, boundary[below(&r, N_BOUNDARY)], 8);
            break;
        case 8:   /* the section count */
            put_le(b + 8, boundary[below(&r, N_BOUNDARY)], 4);
            break;
        default:
            n = section_copy_or_drop(&r, b, n, cap, sec[below(&r, ns)]);
            break;
        }
        ns = sections(b, n, sec, 64);
    }
    return n;
}
