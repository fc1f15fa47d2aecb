#include "lesson/arena.h"

#include <stdalign.h>
#include <string.h>

#include "core/alloc.h"

struct arena_chunk {
    struct arena_chunk *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

void *lesson_arena_alloc(lesson_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    n = (n + align - 1) / align * align;
    struct arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > 16384 ? n : 16384;
        c = zk_alloc(1, sizeof *c + size);
        if (!c)
            return NULL;
        c->next = a->head;
        c->used = 0;
        c->size = size;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *lesson_arena_strndup(lesson_arena *a, const char *s, size_t n)
{
    char *out = lesson_arena_alloc(a, n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

char *lesson_arena_strdup(lesson_arena *a, const char *s)
{
    return lesson_arena_strndup(a, s, strlen(s));
}

bool lesson_arena_reserve(lesson_arena *a, void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t more = *cap ? *cap * 2 : 8;
    while (more < need)
        more *= 2;
    if (more > SIZE_MAX / size)
        return false;
    void *grown = lesson_arena_alloc(a, more * size);
    if (!grown)
        return false;
    if (*cap)
        memcpy(grown, *items, *cap * size);
    *items = grown;
    *cap = more;
    return true;
}

void lesson_arena_free(lesson_arena *a)
{
    while (a->head) {
        struct arena_chunk *next = a->head->next;
        zk_free(a->head);
        a->head = next;
    }
}
