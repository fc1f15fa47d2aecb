/* madvise and MADV_HUGEPAGE are Linux's, beyond POSIX. */
#define _DEFAULT_SOURCE
#include "core/alloc.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Large blocks (prover arrays, MSM scratch: up to gigabytes) ask the kernel
 * for 2 MiB pages. On the virtual machines zkcave is developed on, the
 * first touch of a fresh 4 KiB page costs about 16 µs, so a 2^20 Groth16
 * proof, which streams through a few gigabytes of freshly allocated arrays,
 * spent seconds in page faults; a 2 MiB page costs little more than its
 * zeroing. Only the 2 MiB-aligned interior is advised (madvise needs
 * page-aligned ranges), and the advice is a hint: when the kernel has no
 * huge page at hand, or THP is off, nothing changes but the speed. */
#define HUGE_PAGE ((uintptr_t)2 << 20)
#define HUGE_MIN ((size_t)4 << 20)

static void *advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (p && n >= HUGE_MIN) {
        uintptr_t lo = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        uintptr_t hi = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
        if (hi > lo)
            (void)madvise((void *)lo, (size_t)(hi - lo), MADV_HUGEPAGE);
    }
#else
    (void)n;
#endif
    return p;
}

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
    return advise_huge(malloc(n ? n : 1), n);
}

void *zk_calloc(size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n))
        return NULL;
    return advise_huge(calloc(n ? n : 1, 1), n);
}

void *zk_alloc_aligned(size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n) || n > SIZE_MAX - 63)
        return NULL;
    /* aligned_alloc wants a size that is a multiple of the alignment. */
    n = (n + 63) & ~(size_t)63;
    return advise_huge(aligned_alloc(64, n ? n : 64), n);
}

void *zk_realloc(void *p, size_t count, size_t size)
{
    size_t n;
    if (!mul_ok(count, size, &n))
        return NULL;
    return realloc(p, n ? n : 1);
}

zk_err zk_grow(void **p, size_t *cap, size_t need, size_t elem, size_t max)
{
    if (need <= *cap)
        return ZK_OK;
    if (need > max)
        return ZK_EOVERFLOW;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c = c > max / 2 ? max : 2 * c;
    void *q = zk_realloc(*p, c, elem);
    if (!q)
        return ZK_ENOMEM;
    *p = q;
    *cap = c;
    return ZK_OK;
}

void *zk_realloc_secret(void *p, size_t old_count, size_t count, size_t size)
{
    void *q = zk_alloc(count, size);
    if (!q)
        return NULL;
    if (p && old_count)
        memcpy(q, p, (old_count < count ? old_count : count) * size);
    zk_free_secret(p, old_count, size);
    return q;
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
