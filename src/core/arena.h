/* An arena: many small objects that live and die together (a parsed lesson,
 * a Circom program's syntax tree and names), bump-allocated from blocks and
 * released at once. A zero-initialised zk_arena is empty and ready. */
#ifndef ZK_CORE_ARENA_H
#define ZK_CORE_ARENA_H

#include "core/types.h"

typedef struct zk_arena {
    struct zk_arena_block *head;
    size_t used, cap;     /* of the head block */
    size_t total;         /* bytes in all blocks */
} zk_arena;

/* n zeroed bytes aligned for any type; NULL when out of memory. */
void *zk_arena_alloc(zk_arena *a, size_t n);
/* A NUL-terminated copy of the first n bytes of s, or of all of s. */
char *zk_arena_strndup(zk_arena *a, const char *s, size_t n);
char *zk_arena_strdup(zk_arena *a, const char *s);
/* Makes room for at least need elements of size bytes in the array *items
 * of capacity *cap, copying it into a larger block of the arena (doubling)
 * when needed; false when out of memory or past SIZE_MAX bytes. */
bool zk_arena_reserve(zk_arena *a, void **items, size_t *cap, size_t need, size_t size);
/* Releases every block; a is empty again. */
void zk_arena_free(zk_arena *a);

#endif
