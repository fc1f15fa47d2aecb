/* Fq6 = Fq2[v]/(v^3 - ξ), ξ = 9 + u: the middle of BN254's pairing tower
 *   Fq2 = Fq[u]/(u^2 + 1),  Fq6 = Fq2[v]/(v^3 - ξ),  Fq12 = Fq6[w]/(w^2 - v).
 * v^3 - ξ is irreducible because ξ is not a cube in Fq2 (tests/unit/test_fq2.c).
 *
 * An element is c0 + c1·v + c2·v^2 with ci in Fq2. Every function accepts
 * outputs that alias inputs, allocates nothing and is constant-time except
 * where named _var. */
#ifndef ZK_CURVE_FQ6_H
#define ZK_CURVE_FQ6_H

#include "curve/fq2.h"

typedef struct fq6_t {
    fq2_t c0, c1, c2;
} fq6_t;

static inline void fq6_zero(fq6_t *r) { fq2_zero(&r->c0); fq2_zero(&r->c1); fq2_zero(&r->c2); }
static inline void fq6_one(fq6_t *r) { fq2_one(&r->c0); fq2_zero(&r->c1); fq2_zero(&r->c2); }
static inline bool fq6_is_zero(const fq6_t *a)
{
    return fq2_is_zero(&a->c0) && fq2_is_zero(&a->c1) && fq2_is_zero(&a->c2);
}
static inline bool fq6_eq(const fq6_t *a, const fq6_t *b)
{
    return fq2_eq(&a->c0, &b->c0) && fq2_eq(&a->c1, &b->c1) && fq2_eq(&a->c2, &b->c2);
}
static inline void fq6_add(fq6_t *r, const fq6_t *a, const fq6_t *b)
{
    fq2_add(&r->c0, &a->c0, &b->c0);
    fq2_add(&r->c1, &a->c1, &b->c1);
    fq2_add(&r->c2, &a->c2, &b->c2);
}
static inline void fq6_sub(fq6_t *r, const fq6_t *a, const fq6_t *b)
{
    fq2_sub(&r->c0, &a->c0, &b->c0);
    fq2_sub(&r->c1, &a->c1, &b->c1);
    fq2_sub(&r->c2, &a->c2, &b->c2);
}
static inline void fq6_dbl(fq6_t *r, const fq6_t *a)
{
    fq2_dbl(&r->c0, &a->c0);
    fq2_dbl(&r->c1, &a->c1);
    fq2_dbl(&r->c2, &a->c2);
}
static inline void fq6_neg(fq6_t *r, const fq6_t *a)
{
    fq2_neg(&r->c0, &a->c0);
    fq2_neg(&r->c1, &a->c1);
    fq2_neg(&r->c2, &a->c2);
}

/* r = a·v, the multiplication by the non-residue of the Fq12 step:
 * (c0 + c1 v + c2 v^2)·v = ξ c2 + c0 v + c1 v^2. */
static inline void fq6_mul_by_v(fq6_t *r, const fq6_t *a)
{
    fq2_t t;
    fq2_mul_xi(&t, &a->c2);
    r->c2 = a->c1;
    r->c1 = a->c0;
    r->c0 = t;
}

void fq6_mul(fq6_t *r, const fq6_t *a, const fq6_t *b);
void fq6_sqr(fq6_t *r, const fq6_t *a);
/* r = a·b for b in Fq2 (three Fq2 products). */
void fq6_mul_fq2(fq6_t *r, const fq6_t *a, const fq2_t *b);
/* r = a·(b0 + b1 v): the sparse product the line functions need (five Fq2
 * products instead of six). */
void fq6_mul_by_01(fq6_t *r, const fq6_t *a, const fq2_t *b0, const fq2_t *b1);
/* ZK_EZERO (r = 0) for a = 0. inv uses Fermat in Fq and is constant-time;
 * inv_var uses the faster variable-time Fq inverse. */
zk_err fq6_inv(fq6_t *r, const fq6_t *a);
zk_err fq6_inv_var(fq6_t *r, const fq6_t *a);
void fq6_random(fq6_t *r, zk_rng *rng);

#endif
