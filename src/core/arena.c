#include "core/arena.h"

#include <stdalign.h>
#include <string.h>

#include "core/alloc.h"

/* Blocks of at least 64 KiB; a larger object gets a block of its own size. */
#define ARENA_BLOCK ((size_t)1 << 16)

struct zk_arena_block {
    struct zk_arena_block *next;
    alignas(max_align_t) unsigned char data[];
};

void *zk_arena_alloc(zk_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    if (n > SIZE_MAX - align)
        return NULL;
    n = (n + align - 1) / align * align;
    if (!a->head || a->cap - a->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        struct zk_arena_block *b = zk_alloc(1, sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a->head;
        a->head = b;
        a->used = 0;
        a->cap = cap;
        a->total += cap;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *zk_arena_strndup(zk_arena *a, const char *s, size_t n)
{
    char *out = zk_arena_alloc(a, n + 1);
    if (out)
        memcpy(out, s, n);   /* the terminator is the arena's zero */
    return out;
}

char *zk_arena_strdup(zk_arena *a, const char *s)
{
    return zk_arena_strndup(a, s, strlen(s));
}

bool zk_arena_reserve(zk_arena *a, void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t more = *cap ? *cap : 8;
    while (more < need) {
        if (more > SIZE_MAX / 2)
            return false;
        more *= 2;
    }
    if (more > SIZE_MAX / size)
        return false;
    void *grown = zk_arena_alloc(a, more * size);
    if (!grown)
        return false;
    if (*cap)
        memcpy(grown, *items, *cap * size);
    *items = grown;
    *cap = more;
    return true;
}

void zk_arena_free(zk_arena *a)
{
    while (a->head) {
        struct zk_arena_block *next = a->head->next;
        zk_free(a->head);
        a->head = next;
    }
    memset(a, 0, sizeof *a);
}
