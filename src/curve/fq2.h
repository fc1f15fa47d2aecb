/* Fq2 = Fq[u]/(u^2 + 1), the quadratic extension of BN254's base field: the
 * field of G2's coordinates and the bottom of the pairing tower
 * (Fq6 = Fq2[v]/(v^3 - ξ), Fq12 = Fq6[w]/(w^2 - v), with ξ = 9 + u).
 * -1 is a non-residue since q ≡ 3 (mod 4), so u^2 + 1 is irreducible.
 *
 * An element is c0 + c1·u. snarkjs JSON writes it as [c0, c1]; EIP-197 bytes
 * put c1 first. Constant-time except where named _var. */
#ifndef ZK_CURVE_FQ2_H
#define ZK_CURVE_FQ2_H

#include "field/fq.h"

typedef struct fq2_t {
    fq_t c0, c1;
} fq2_t;

static inline void fq2_zero(fq2_t *r) { fq_zero(&r->c0); fq_zero(&r->c1); }
static inline void fq2_one(fq2_t *r) { fq_one(&r->c0); fq_zero(&r->c1); }
static inline bool fq2_is_zero(const fq2_t *a) { return fq_is_zero(&a->c0) & fq_is_zero(&a->c1); }
static inline bool fq2_is_one(const fq2_t *a) { return fq_is_one(&a->c0) & fq_is_zero(&a->c1); }
static inline bool fq2_eq(const fq2_t *a, const fq2_t *b) { return fq_eq(&a->c0, &b->c0) & fq_eq(&a->c1, &b->c1); }
static inline void fq2_cmov(fq2_t *r, const fq2_t *a, bool c) { fq_cmov(&r->c0, &a->c0, c); fq_cmov(&r->c1, &a->c1, c); }
static inline void fq2_add(fq2_t *r, const fq2_t *a, const fq2_t *b) { fq_add(&r->c0, &a->c0, &b->c0); fq_add(&r->c1, &a->c1, &b->c1); }
static inline void fq2_sub(fq2_t *r, const fq2_t *a, const fq2_t *b) { fq_sub(&r->c0, &a->c0, &b->c0); fq_sub(&r->c1, &a->c1, &b->c1); }
static inline void fq2_dbl(fq2_t *r, const fq2_t *a) { fq_dbl(&r->c0, &a->c0); fq_dbl(&r->c1, &a->c1); }
static inline void fq2_neg(fq2_t *r, const fq2_t *a) { fq_neg(&r->c0, &a->c0); fq_neg(&r->c1, &a->c1); }
/* The conjugate c0 - c1·u, which is also the Frobenius a^q. */
static inline void fq2_conj(fq2_t *r, const fq2_t *a) { r->c0 = a->c0; fq_neg(&r->c1, &a->c1); }
static inline void fq2_mul_fq(fq2_t *r, const fq2_t *a, const fq_t *b) { fq_mul(&r->c0, &a->c0, b); fq_mul(&r->c1, &a->c1, b); }

void fq2_mul(fq2_t *r, const fq2_t *a, const fq2_t *b);
void fq2_sqr(fq2_t *r, const fq2_t *a);
/* r = a·ξ with ξ = 9 + u, the non-residue of the Fq6 step. */
void fq2_mul_xi(fq2_t *r, const fq2_t *a);
/* ZK_EZERO (r = 0) for a = 0. inv is constant-time, inv_var faster. */
zk_err fq2_inv(fq2_t *r, const fq2_t *a);
zk_err fq2_inv_var(fq2_t *r, const fq2_t *a);
/* e is a plain 256-bit integer; variable-time in e. */
void fq2_pow(fq2_t *r, const fq2_t *a, const uint64_t e[4]);
/* A square root, ZK_ENOSQRT when a is not a square. Variable-time. */
zk_err fq2_sqrt_var(fq2_t *r, const fq2_t *a);
/* 1 if a is a non-zero square, -1 if not, 0 for 0: the norm's Legendre symbol. */
int fq2_legendre(const fq2_t *a);
void fq2_random(fq2_t *r, zk_rng *rng);

#endif
