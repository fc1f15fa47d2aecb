/* Extensions of Goldilocks, where STARK verifier challenges are drawn so that
 * soundness is not capped at 64 bits.
 *
 *   gl2 = Gl[u]/(u^2 - 7)         128 bits; 7 is a non-residue (it generates Gl^*)
 *   gl3 = Gl[x]/(x^3 - x - 1)     192 bits; the cubic Winterfell uses
 *
 * Elements are coefficient arrays, constant term first. */
#ifndef ZK_FIELD_GL_EXT_H
#define ZK_FIELD_GL_EXT_H

#include "field/goldilocks.h"

typedef struct gl2_t {
    gl_t c[2];
} gl2_t;

typedef struct gl3_t {
    gl_t c[3];
} gl3_t;

#define GL2_NONRESIDUE 7

static inline gl2_t gl2_make(gl_t c0, gl_t c1) { return (gl2_t){{c0, c1}}; }
static inline gl2_t gl2_from_base(gl_t a) { return (gl2_t){{a, 0}}; }
static inline bool gl2_eq(gl2_t a, gl2_t b) { return a.c[0] == b.c[0] && a.c[1] == b.c[1]; }
static inline gl2_t gl2_add(gl2_t a, gl2_t b) { return (gl2_t){{gl_add(a.c[0], b.c[0]), gl_add(a.c[1], b.c[1])}}; }
static inline gl2_t gl2_sub(gl2_t a, gl2_t b) { return (gl2_t){{gl_sub(a.c[0], b.c[0]), gl_sub(a.c[1], b.c[1])}}; }
static inline gl2_t gl2_neg(gl2_t a) { return (gl2_t){{gl_neg(a.c[0]), gl_neg(a.c[1])}}; }
static inline gl2_t gl2_mul_base(gl2_t a, gl_t b) { return (gl2_t){{gl_mul(a.c[0], b), gl_mul(a.c[1], b)}}; }
gl2_t gl2_mul(gl2_t a, gl2_t b);
gl2_t gl2_sqr(gl2_t a);
/* ZK_EZERO (and *r = 0) for a = 0. */
zk_err gl2_inv(gl2_t *r, gl2_t a);
/* Inverts v[0..n) in place with one inversion (Montgomery's trick);
 * scratch has room for n products. ZK_EZERO, v unchanged, if some v is 0. */
zk_err gl2_batch_inv(gl2_t *v, size_t n, gl2_t *scratch);
gl2_t gl2_pow(gl2_t a, uint64_t e);
gl2_t gl2_random(zk_rng *rng);

static inline gl3_t gl3_make(gl_t c0, gl_t c1, gl_t c2) { return (gl3_t){{c0, c1, c2}}; }
static inline gl3_t gl3_from_base(gl_t a) { return (gl3_t){{a, 0, 0}}; }
static inline bool gl3_eq(gl3_t a, gl3_t b) { return a.c[0] == b.c[0] && a.c[1] == b.c[1] && a.c[2] == b.c[2]; }
static inline gl3_t gl3_add(gl3_t a, gl3_t b) { return (gl3_t){{gl_add(a.c[0], b.c[0]), gl_add(a.c[1], b.c[1]), gl_add(a.c[2], b.c[2])}}; }
static inline gl3_t gl3_sub(gl3_t a, gl3_t b) { return (gl3_t){{gl_sub(a.c[0], b.c[0]), gl_sub(a.c[1], b.c[1]), gl_sub(a.c[2], b.c[2])}}; }
static inline gl3_t gl3_neg(gl3_t a) { return (gl3_t){{gl_neg(a.c[0]), gl_neg(a.c[1]), gl_neg(a.c[2])}}; }
static inline gl3_t gl3_mul_base(gl3_t a, gl_t b) { return (gl3_t){{gl_mul(a.c[0], b), gl_mul(a.c[1], b), gl_mul(a.c[2], b)}}; }
gl3_t gl3_mul(gl3_t a, gl3_t b);
gl3_t gl3_sqr(gl3_t a);
zk_err gl3_inv(gl3_t *r, gl3_t a);
gl3_t gl3_pow(gl3_t a, uint64_t e);
gl3_t gl3_random(zk_rng *rng);

#endif
