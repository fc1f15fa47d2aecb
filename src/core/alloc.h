/* Checked allocation.
 *
 * Sizes are given as count × size and the product is checked for overflow.
 * Every allocator returns NULL on failure and never aborts: a prover asked for
 * a 2^28-point MSM on a small machine must report ZK_ENOMEM, not crash.
 * Memory that held secrets (witness values, τ, nonces) is released with
 * zk_free_secret, which wipes it first. */
#ifndef ZK_CORE_ALLOC_H
#define ZK_CORE_ALLOC_H

#include <stddef.h>

#include "core/err.h"

void *zk_alloc(size_t count, size_t size);   /* uninitialised */
void *zk_calloc(size_t count, size_t size);  /* zeroed */
/* 64-byte aligned (a cache line), for vectors that hot loops stream over. */
void *zk_alloc_aligned(size_t count, size_t size);
/* Like realloc(3) with a checked count × size; on failure *p is left intact. */
void *zk_realloc(void *p, size_t count, size_t size);
/* zk_realloc for memory holding secrets: realloc may move the block and
 * leave the old one, contents and all, to the allocator, so this always
 * copies the first min(old_count, count) elements into a new block and
 * wipes and frees the old one (old_count elements). NULL on failure, p
 * left intact. */
void *zk_realloc_secret(void *p, size_t old_count, size_t count, size_t size);
/* The growable array: makes room for need elements in *p (capacity *cap,
 * elem bytes each), doubling from 16 until they fit. ZK_EOVERFLOW when
 * that passes max elements, ZK_ENOMEM; on error *p and *cap are unchanged. */
zk_err zk_grow(void **p, size_t *cap, size_t need, size_t elem, size_t max);
char *zk_strdup(const char *s);
void zk_free(void *p);
/* Wipes count × size bytes at p (which may be NULL), then frees it. */
void zk_free_secret(void *p, size_t count, size_t size);

#endif
