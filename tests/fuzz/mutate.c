/* One seeded mutation of a file, for the CLI mutation driver (mutate.sh).
 *
 *   mutate IN OUT SEED
 *
 * The mutation is a function of SEED alone, so a finding is replayed by its
 * seed. Binary inputs that start like an iden3 binfile (a 4-byte magic, a
 * u32 version and a u32 section count) also get container-aware mutations:
 * a section size or the count set to 0, 1, huge or "negative", a section
 * duplicated or dropped, because those are the fields a reader trusts first.
 * Everything else gets truncations, byte flips, boundary words, and chunk
 * deletions, copies and insertions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

/* splitmix64: a fixed, portable stream for a given seed. */
static uint64_t next(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static size_t below(size_t n) { return n ? (size_t)(next() % n) : 0; }

static const uint64_t boundary[] = {0,          1,          2,          0x7f,
                                    0x80,       0xff,       0xffff,     0x7fffffff,
                                    0x80000000, 0xffffffff, 0xfffffffe, 0x100000000u,
                                    0x7fffffffffffffffu,    0xffffffffffffffffu, 1u << 20, 1u << 28};

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

/* Offsets of the section headers of a binfile, at most max of them. */
static size_t sections(const uint8_t *b, size_t n, size_t *off, size_t max)
{
    if (n < 12)
        return 0;
    size_t k = 0, o = 12;
    uint64_t count = get_le(b + 8, 4);
    while (k < count && k < max && o + 12 <= n) {
        off[k++] = o;
        uint64_t size = get_le(b + o + 4, 8);
        if (size > n - o - 12)
            break;
        o += 12 + (size_t)size;
    }
    return k;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: mutate IN OUT SEED\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return 2;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    size_t n = (size_t)len, cap = 2 * n + 4096;
    uint8_t *b = malloc(cap), *t = malloc(cap);
    if (!b || !t || fread(b, 1, n, f) != n)
        return 2;
    fclose(f);
    state = strtoull(argv[3], NULL, 10);

    size_t sec[64];
    size_t ns = sections(b, n, sec, 64);
    int rounds = 1 + (int)below(3);
    for (int r = 0; r < rounds && n; r++) {
        int kind = (int)below(ns ? 10 : 7);
        if (kind == 0) { /* truncate */
            n = below(n);
            break;
        } else if (kind == 1) { /* flip a few bytes */
            for (int i = 0, m = 1 + (int)below(8); i < m; i++)
                b[below(n)] ^= (uint8_t)(1 + below(255));
        } else if (kind == 2 || kind == 3) { /* a boundary word at an aligned offset */
            int w = kind == 2 ? 4 : 8;
            if (n >= (size_t)w) {
                size_t o = below((n - (size_t)w) / 4 + 1) * 4;
                put_le(b + o, boundary[below(sizeof boundary / sizeof *boundary)], w);
            }
        } else if (kind == 4) { /* delete a chunk */
            size_t o = below(n), m = 1 + below(n - o);
            memmove(b + o, b + o + m, n - o - m);
            n -= m;
        } else if (kind == 5) { /* copy a chunk elsewhere */
            size_t o = below(n), m = 1 + below(n - o < 256 ? n - o : 256), to = below(n);
            if (n + m <= cap) {
                memmove(b + to + m, b + to, n - to);
                memcpy(b + to, b + (o >= to ? o + m : o), m);
                n += m;
            }
        } else if (kind == 6) { /* a JSON-ish or text value swapped for a hostile one */
            static const char *tok[] = {"-1", "1e999", "\"\"", "null", "[]", "{}", "\"0x10\"",
                                        "21888242871839275222246405745257275088548364400416034343698204186575808495617",
                                        "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
                                        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "\xff\xfe", "\"-5\"", "true"};
            const char *s = tok[below(sizeof tok / sizeof *tok)];
            size_t m = strlen(s), o = below(n), del = below(8);
            if (del > n - o)
                del = n - o;
            if (n - del + m <= cap) {
                memmove(b + o + m, b + o + del, n - o - del);
                memcpy(b + o, s, m);
                n = n - del + m;
            }
        } else if (kind == 7) { /* a section's size field */
            size_t o = sec[below(ns)];
            if (o + 12 <= n)
                put_le(b + o + 4, boundary[below(sizeof boundary / sizeof *boundary)], 8);
        } else if (kind == 8) { /* the section count */
            put_le(b + 8, boundary[below(sizeof boundary / sizeof *boundary)], 4);
        } else { /* duplicate or drop a whole section (keeping or not the count) */
            size_t i = below(ns), o = sec[i];
            if (o + 12 > n)
                continue;
            uint64_t size = get_le(b + o + 4, 8);
            size_t m = size > n - o - 12 ? n - o : 12 + (size_t)size;
            uint32_t count = (uint32_t)get_le(b + 8, 4);
            if (below(2) && n + m <= cap) {
                memmove(b + o + m, b + o, n - o);
                n += m;
                if (below(2))
                    put_le(b + 8, count + 1, 4);
            } else {
                memmove(b + o, b + o + m, n - o - m);
                n -= m;
                if (below(2))
                    put_le(b + 8, count - 1, 4);
            }
            ns = sections(b, n, sec, 64);
        }
    }
    (void)t;
    f = fopen(argv[2], "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f))
        return 2;
    free(b);
    free(t);
    return 0;
}
