/* The STARK101 field, p = 3·2^30 + 1 = 3221225473.
 *
 * StarkWare's STARK101 tutorial proves FibonacciSq over this field, and
 * lesson 11 reproduces its published numbers; elements are small enough to
 * print and follow by hand. Elements are canonical uint32 values held in a
 * uint64_t; 5 generates the multiplicative group (as in the tutorial), and
 * p - 1 = 2^30·3. */
#ifndef ZK_FIELD_F101_H
#define ZK_FIELD_F101_H

#include "core/err.h"
#include "core/rng.h"
#include "core/types.h"

typedef uint64_t f101_t;

#define F101_P 3221225473u
#define F101_GENERATOR 5
#define F101_TWO_ADICITY 30

static inline f101_t f101_from_u64(uint64_t x) { return x % F101_P; }
static inline f101_t f101_add(f101_t a, f101_t b)
{
    uint64_t s = a + b;
    return s >= F101_P ? s - F101_P : s;
}
static inline f101_t f101_sub(f101_t a, f101_t b) { return a >= b ? a - b : a + F101_P - b; }
static inline f101_t f101_neg(f101_t a) { return a == 0 ? 0 : F101_P - a; }
/* Both factors are below 2^32, so the product fits in 64 bits. */
static inline f101_t f101_mul(f101_t a, f101_t b) { return (a * b) % F101_P; }

f101_t f101_pow(f101_t a, uint64_t e);
/* ZK_EZERO (and *r = 0) for a = 0. */
zk_err f101_inv(f101_t *r, f101_t a);
/* g^((p-1)/n) for n = 2^log2n, log2n <= 30, with g = 5: the tutorial's
 * "generator of a group of size n". */
zk_err f101_root_of_unity(f101_t *r, unsigned log2n);
f101_t f101_random(zk_rng *rng);

#endif
