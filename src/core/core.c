#include "core/core.h"

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>

/* GMP's memory, wiped when GMP lets go of it. The circuit evaluator
 * computes on private inputs with mpz (shifts, divisions, comparisons), and
 * GMP frees and reallocates its limbs as they are: 127 freed blocks held an
 * input of Num2Bits(254) in one `circuit witness`. GMP passes every block's
 * size to these functions, so each is wiped exactly. GMP has no way to
 * report a failed allocation; like its own default, these stop the program
 * (GMP serves lessons' toy fields and the circuit evaluator, never the
 * provers' large buffers, which report ZK_ENOMEM). */
static void *gmp_alloc(size_t n)
{
    void *p = zk_alloc(n ? n : 1, 1);
    if (!p) {
        fputs("zkcave: out of memory in GMP\n", stderr);
        abort();
    }
    return p;
}

static void *gmp_realloc(void *p, size_t old, size_t n)
{
    void *q = zk_realloc_secret(p, old, n ? n : 1, 1);
    if (!q) {
        fputs("zkcave: out of memory in GMP\n", stderr);
        abort();
    }
    return q;
}

static void gmp_free(void *p, size_t n)
{
    zk_free_secret(p, n, 1);
}

zk_err zk_core_init(void)
{
    zk_err err = zk_rng_init();
    if (err)
        return err;
    /* Blocks GMP allocated before this with malloc are freed with free by
     * these functions as well, so installing them late is safe. */
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    (void)zk_cpu_get();
    return ZK_OK;
}
