/* A bump allocator for one lesson document: every string and array of a
 * parsed lesson lives in its arena and is released with it at once. */
#ifndef ZK_LESSON_ARENA_H
#define ZK_LESSON_ARENA_H

#include "core/types.h"

typedef struct lesson_arena {
    struct arena_chunk *head;
} lesson_arena;

/* n zeroed bytes aligned for any type; NULL when out of memory. */
void *lesson_arena_alloc(lesson_arena *a, size_t n);
char *lesson_arena_strndup(lesson_arena *a, const char *s, size_t n);
char *lesson_arena_strdup(lesson_arena *a, const char *s);
/* Makes room for at least need elements of size bytes in the array *items of
 * capacity *cap (copying into a larger block when needed). */
bool lesson_arena_reserve(lesson_arena *a, void **items, size_t *cap, size_t need, size_t size);
void lesson_arena_free(lesson_arena *a);

#endif
