/* The Goldilocks field, p = 2^64 - 2^32 + 1, for the STARK backend.
 *
 * Elements are plain uint64_t, always canonical (< p). The modulus makes
 * reduction cheap: 2^64 ≡ 2^32 - 1 and 2^96 ≡ -1 (mod p), so a 128-bit
 * product folds back with a few additions and no division (the reduction
 * used by Plonky2 and Winterfell). p - 1 = 2^32·3·5·17·257·65537, so NTTs up
 * to 2^32 points exist; 7 generates the multiplicative group. */
#ifndef ZK_FIELD_GOLDILOCKS_H
#define ZK_FIELD_GOLDILOCKS_H

#include "core/ctime.h"
#include "core/err.h"
#include "core/rng.h"
#include "core/types.h"

typedef uint64_t gl_t;

#define GL_P 0xffffffff00000001u
#define GL_EPSILON 0xffffffffu        /* 2^64 mod p = 2^32 - 1 */
#define GL_TWO_ADICITY 32
#define GL_GENERATOR 7

static inline gl_t gl_canon(uint64_t x);

static inline gl_t gl_from_u64(uint64_t x)
{
    return gl_canon(x);
}

static inline gl_t gl_add(gl_t a, gl_t b)
{
    ZK_VERIFY(a < GL_P && b < GL_P);
    /* a + b < 2p < 2^65: on overflow the lost 2^64 is worth EPSILON. */
    uint64_t s = a + b;
    s += GL_EPSILON & ((uint64_t)0 - (uint64_t)(s < a));   /* no second overflow */
    return gl_canon(s);
}

static inline gl_t gl_sub(gl_t a, gl_t b)
{
    ZK_VERIFY(a < GL_P && b < GL_P);
    /* On a borrow, a - b + p = (a - b + 2^64) - EPSILON. */
    return (a - b) - (GL_EPSILON & ((uint64_t)0 - (uint64_t)(a < b)));
}

static inline gl_t gl_neg(gl_t a)
{
    return a == 0 ? 0 : GL_P - a;
}

/* Canonical form of x < 2^64: subtract p once if needed, without a branch. */
static inline gl_t gl_canon(uint64_t x)
{
    uint64_t ge = (uint64_t)0 - (uint64_t)(x >= GL_P);
    return x - (GL_P & ge);
}

/* x = hi·2^64 + lo ≡ lo - hi_hi + hi_lo·(2^32 - 1), with hi = hi_hi·2^32 + hi_lo.
 * Branch-free: on random data both corrections happen unpredictably. */
static inline gl_t gl_reduce128(zk_u128 x)
{
    uint64_t lo = (uint64_t)x, hi = (uint64_t)(x >> 64);
    uint64_t hi_hi = hi >> 32, hi_lo = hi & GL_EPSILON;
    uint64_t t0 = lo - hi_hi;
    /* A borrowed 2^64 is worth EPSILON; t0 > EPSILON whenever this applies. */
    t0 -= GL_EPSILON & ((uint64_t)0 - (uint64_t)(lo < hi_hi));
    uint64_t t1 = (hi_lo << 32) - hi_lo;   /* hi_lo·EPSILON */
    uint64_t t2 = t0 + t1;
    /* A carried 2^64 is worth EPSILON; no second carry: t2 < t1 < 2^64 - 2^32. */
    t2 += GL_EPSILON & ((uint64_t)0 - (uint64_t)(t2 < t1));
    return gl_canon(t2);
}

static inline gl_t gl_mul(gl_t a, gl_t b)
{
    return gl_reduce128((zk_u128)a * b);
}

static inline gl_t gl_sqr(gl_t a)
{
    return gl_reduce128((zk_u128)a * a);
}

gl_t gl_pow(gl_t a, uint64_t e);
/* Fermat: a^(p-2); ZK_EZERO (and *r = 0) for a = 0. */
zk_err gl_inv(gl_t *r, gl_t a);
/* Inverts n elements with one inversion; zeros map to zero; out may alias in;
 * scratch holds n elements. */
void gl_batch_inv(gl_t *out, const gl_t *in, size_t n, gl_t *scratch);
/* A primitive 2^log2n-th root of unity, log2n <= 32: 7^((p-1)/2^32) squared
 * down, Plonky3's table (../shared/data/vectors/goldilocks). */
zk_err gl_root_of_unity(gl_t *r, unsigned log2n);
/* A square root (Tonelli-Shanks); ZK_ENOSQRT if a is not a square. */
zk_err gl_sqrt(gl_t *r, gl_t a);
gl_t gl_random(zk_rng *rng);
/* Parses a canonical decimal (or 0x hex) value; ZK_EPARSE / ZK_ENONCANONICAL. */
zk_err gl_from_str(gl_t *r, const char *s);

/* ---- vector kernels (goldilocks_vec.c) ----------------------------------- */

/* out[i] = a[i] op b[i] for i < n, inputs canonical. out may be a or b, but
 * must not overlap them any other way. Every kernel gives the same canonical
 * results and none branches on the values, only on n. */
typedef void (*gl_vec_op)(gl_t *out, const gl_t *a, const gl_t *b, size_t n);

typedef struct gl_kernels {
    gl_vec_op mul_vec;
    gl_vec_op add_vec;
    gl_vec_op sub_vec;
    const char *name;
} gl_kernels;

/* The kernels in use; field_init() points them at the fastest ones. Before
 * that they are the portable ones, so an uninitialised program is slow but
 * still right. */
extern gl_kernels gl_k;

/* The portable C loops, the reference the others are tested against. */
void gl_mul_vec_portable(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_add_vec_portable(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_sub_vec_portable(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
#if defined(__x86_64__)
/* goldilocks_x86_64.S: eight lanes with AVX-512F, four with AVX2. */
void gl_mul_vec_avx512(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_add_vec_avx512(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_sub_vec_avx512(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_mul_vec_avx2(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_add_vec_avx2(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
void gl_sub_vec_avx2(gl_t *out, const gl_t *a, const gl_t *b, size_t n);
#endif

/* Selects the kernels: "portable", "avx2" or "avx512". Returns false,
 * changing nothing, for a name this build or CPU cannot run. Not
 * thread-safe: call before starting work. */
bool gl_select(const char *name);

/* out[i] = a[i]·b[i] for i < n: the STARK prover's inner loop. */
static inline void gl_mul_vec(gl_t *out, const gl_t *a, const gl_t *b, size_t n)
{
    gl_k.mul_vec(out, a, b, n);
}

static inline void gl_add_vec(gl_t *out, const gl_t *a, const gl_t *b, size_t n)
{
    gl_k.add_vec(out, a, b, n);
}

static inline void gl_sub_vec(gl_t *out, const gl_t *a, const gl_t *b, size_t n)
{
    gl_k.sub_vec(out, a, b, n);
}

#endif
