#include "core/alloc.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Returns 0 when count × size would not fit in size_t. */
static int mul_ok(size_t count, size_t size, size_t *out)
{
    if (size != 0 && count > SIZE_MAX / size)
        return 0;
    *out = count * size;
    return 1;
}

void *zk_alloc(size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n))
        return NULL;
    return malloc(n ? n : 1);
}

void *zk_calloc(size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n))
        return NULL;
    return calloc(n ? n : 1, 1);
}

void *zk_alloc_aligned(size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n) || n > SIZE_MAX - 63)
        return NULL;
    /* aligned_alloc wants a size that is a multiple of the alignment. */
    n = (n + 63) & ~(size_t)63;
    return aligned_alloc(64, n ? n : 64);
}

void *zk_realloc(void *p, size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n))
        return NULL;
    return realloc(p, n ? n : 1);
}

char *zk_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void zk_free(void *p)
{
    free(p);
}

void zk_free_secret(void *p, size_t count, size_t size)
{
    size_t n;
    if (!p)
        return;
    if (mul_ok(count, size, &n))
        sodium_memzero(p, n);
    free(p);
}
