/* Arithmetic modulo a prime p < 2^255 in 4×64-bit Montgomery form.
 *
 * An element x is stored as x·R mod p with R = 2^256, in four little-endian
 * 64-bit limbs, always fully reduced (< p). BN254's Fr and Fq (field/fr.h,
 * field/fq.h) are this code with their moduli; the typed front ends come from
 * field/fp256_template.h.
 *
 * Multiplication goes through a kernel chosen at run time: the portable C
 * CIOS loop below, or the MULX/ADCX/ADOX assembly in mont256_x86_64.S when
 * the CPU has BMI2 and ADX. Both compute the same function; the tests compare
 * them with each other and with GMP.
 *
 * Everything here is constant-time in the values of the elements unless its
 * name ends in _var. */
#ifndef ZK_FIELD_MONT256_H
#define ZK_FIELD_MONT256_H

#include "core/ctime.h"
#include "core/err.h"
#include "core/rng.h"
#include "core/types.h"

/* A modulus and the constants derived from it. The assembly kernels read p at
 * offset 0 and n0 at offset 32: keep those two first. */
typedef struct mont256 {
    uint64_t p[4];
    uint64_t n0;              /* -p^-1 mod 2^64 */
    uint64_t one[4];          /* R mod p: the element 1 */
    uint64_t r2[4];           /* R^2 mod p: multiplying by it enters Montgomery form */
    uint64_t r3[4];           /* R^3 mod p: corrects the plain-integer inverse */
    uint64_t p_minus_2[4];    /* Fermat exponent for the inverse */
    uint64_t p_minus_1_half[4]; /* Euler's criterion */
    unsigned two_adicity;     /* s with p - 1 = 2^s·t, t odd */
    uint64_t t_minus_1_half[4]; /* (t - 1)/2, for Tonelli-Shanks */
    uint64_t nqr_t[4];        /* z^t for a quadratic non-residue z, Montgomery form */
    uint64_t pinv62;          /* p^-1 mod 2^62, for the safegcd inverse */
    unsigned bits;            /* bit length of p */
    const char *name;
} mont256;

/* Largest decimal string of an element (78 digits) plus NUL. */
#define MONT256_DEC_MAX 80
/* "0x" + 64 hex digits + NUL. */
#define MONT256_HEX_MAX 67

/* ---- kernels ------------------------------------------------------------ */

/* r = a·b·R^-1 mod p (mul, sqr with b = a), r = a ± b mod p (add, sub).
 * r may alias a or b. */
typedef void (*mont256_op2)(uint64_t r[4], const uint64_t a[4],
                               const uint64_t b[4], const mont256 *m);
typedef void (*mont256_op1)(uint64_t r[4], const uint64_t a[4], const mont256 *m);

/* Two additions of a batch of affine point additions B ← B + P that share
 * an inversion by Montgomery's trick, as met on the trick's walk back (the
 * inner loop of a batch-affine MSM, curve/msm_x4.c). Every argument but m
 * holds two elements (or points) one after the other: addition i < 2 has
 * xy + 16i, acc + 4i, pre + 4i and den + 4i. With acc the inverse of the
 * product of its denominator den = x_P - x_B and of those before it in its
 * chain, and pre the product of those before it:
 *   1/den = acc·pre, then acc ← acc·den (the inverse the step before needs);
 *   λ = (y_P - y_B)/den, x' = λ² - x_B - x_P, y' = λ(x_B - x') - y_B,
 * with xy = {x_B, y_B, x_P, y_P} on entry and {x', y'} in its first eight
 * words on return. Two at a time because one is a chain of dependent
 * products: the kernels interleave them. The formula holds on any short
 * Weierstrass curve. Needs p < 2^254: the assembly keeps intermediate
 * products below 2p (mont256_x86_64.S). */
typedef void (*mont256_chord2_fn)(uint64_t *xy, uint64_t *acc, const uint64_t *pre,
                                     const uint64_t *den,
                                     const mont256 *m);

typedef struct mont256_kernels {
    mont256_op2 mul;
    mont256_op1 sqr;
    mont256_op2 add;
    mont256_op2 sub;
    mont256_chord2_fn chord2;
    const char *name;
} mont256_kernels;

/* The kernels in use; field_init() points them at the fastest ones. Before
 * that they are the portable ones, so an uninitialised program is slow but
 * still right. */
extern mont256_kernels mont256_k;

/* The portable C kernels, the reference the others are tested against. */
void mont256_mul_portable(uint64_t r[4], const uint64_t a[4],
                             const uint64_t b[4], const mont256 *m);
void mont256_sqr_portable(uint64_t r[4], const uint64_t a[4], const mont256 *m);
void mont256_add_portable(uint64_t r[4], const uint64_t a[4],
                             const uint64_t b[4], const mont256 *m);
void mont256_sub_portable(uint64_t r[4], const uint64_t a[4],
                             const uint64_t b[4], const mont256 *m);
void mont256_chord2_portable(uint64_t *xy, uint64_t *acc,
                                const uint64_t *pre, const uint64_t *den,
                                const mont256 *m);
#if defined(__x86_64__)
/* mont256_x86_64.S: mul, sqr and chord2 need BMI2 and ADX; add and sub need
 * nothing beyond the x86-64 baseline. */
void mont256_mul_adx(uint64_t r[4], const uint64_t a[4],
                        const uint64_t b[4], const mont256 *m);
void mont256_sqr_adx(uint64_t r[4], const uint64_t a[4], const mont256 *m);
void mont256_add_x86(uint64_t r[4], const uint64_t a[4],
                        const uint64_t b[4], const mont256 *m);
void mont256_sub_x86(uint64_t r[4], const uint64_t a[4],
                        const uint64_t b[4], const mont256 *m);
void mont256_chord2_adx(uint64_t *xy, uint64_t *acc,
                           const uint64_t *pre, const uint64_t *den,
                           const mont256 *m);
#endif

/* Selects the kernels: "portable" (all C), "x86-64" (assembly add/sub, C
 * multiplication) or "adx" (all assembly). Returns false, changing nothing,
 * for a name this build or CPU cannot run. Not thread-safe: call before
 * starting work. */
bool mont256_select(const char *name);

/* a < p: the "always fully reduced" invariant, asserted by the operations
 * below in debug builds (ZK_VERIFY, core/ctime.h). */
static inline bool mont256_reduced(const uint64_t a[4], const mont256 *m)
{
    for (int i = 3; i >= 0; i--)
        if (a[i] != m->p[i])
            return a[i] < m->p[i];
    return false;
}

static inline void mont256_mul(uint64_t r[4], const uint64_t a[4],
                                  const uint64_t b[4], const mont256 *m)
{
    ZK_VERIFY(mont256_reduced(a, m) && mont256_reduced(b, m));
    mont256_k.mul(r, a, b, m);
    ZK_VERIFY(mont256_reduced(r, m));
}

static inline void mont256_sqr(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    ZK_VERIFY(mont256_reduced(a, m));
    mont256_k.sqr(r, a, m);
    ZK_VERIFY(mont256_reduced(r, m));
}

static inline void mont256_add(uint64_t r[4], const uint64_t a[4],
                                  const uint64_t b[4], const mont256 *m)
{
    ZK_VERIFY(mont256_reduced(a, m) && mont256_reduced(b, m));
    mont256_k.add(r, a, b, m);
    ZK_VERIFY(mont256_reduced(r, m));
}

static inline void mont256_sub(uint64_t r[4], const uint64_t a[4],
                                  const uint64_t b[4], const mont256 *m)
{
    ZK_VERIFY(mont256_reduced(a, m) && mont256_reduced(b, m));
    mont256_k.sub(r, a, b, m);
    ZK_VERIFY(mont256_reduced(r, m));
}

static inline void mont256_chord2(uint64_t *xy, uint64_t *acc,
                                     const uint64_t *pre, const uint64_t *den,
                                     const mont256 *m)
{
    ZK_VERIFY(m->bits <= 254);
    mont256_k.chord2(xy, acc, pre, den, m);
}
/* ---- inline additive operations ------------------------------------------ */

/* Add and subtract with carry on 64-bit words. Written out limb by limb (gcc
 * at -O2 does not unroll four-trip loops, and the loops cost 3× here). */
#define MONT256_ADC(r, a, b, carry)                                      \
    do {                                                            \
        zk_u128 t_ = (zk_u128)(a) + (b) + (carry);                  \
        (r) = (uint64_t)t_;                                         \
        (carry) = (uint64_t)(t_ >> 64);                             \
    } while (0)
#define MONT256_SBB(r, a, b, borrow)                                     \
    do {                                                            \
        zk_u128 t_ = (zk_u128)(a) - (b) - (borrow);                 \
        (r) = (uint64_t)t_;                                         \
        (borrow) = (uint64_t)(t_ >> 127);                           \
    } while (0)

/* r = mask ? a : b, limb by limb, for masks of all ones or all zeros. */
#define MONT256_SELECT4(r, mask, a, b)                                   \
    do {                                                            \
        (r)[0] = ((a)[0] & (mask)) | ((b)[0] & ~(mask));            \
        (r)[1] = ((a)[1] & (mask)) | ((b)[1] & ~(mask));            \
        (r)[2] = ((a)[2] & (mask)) | ((b)[2] & ~(mask));            \
        (r)[3] = ((a)[3] & (mask)) | ((b)[3] & ~(mask));            \
    } while (0)

/* r = x - p if x >= p (x < 2p), else x; x has a fifth word xc (0 or 1). */
static inline void mont256_reduce_once(uint64_t r[4], const uint64_t x[4], uint64_t xc,
                                          const mont256 *m)
{
    uint64_t d[4], borrow = 0;
    MONT256_SBB(d[0], x[0], m->p[0], borrow);
    MONT256_SBB(d[1], x[1], m->p[1], borrow);
    MONT256_SBB(d[2], x[2], m->p[2], borrow);
    MONT256_SBB(d[3], x[3], m->p[3], borrow);
    /* Keep x when x - p borrowed and there is no fifth word to pay for it. */
    uint64_t keep_x = (uint64_t)0 - (borrow & (xc ^ 1));
    MONT256_SELECT4(r, keep_x, x, d);
}

/* r = -a mod p (0 stays 0). */
static inline void mont256_neg(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    uint64_t nz = a[0] | a[1] | a[2] | a[3];
    uint64_t mask = (uint64_t)0 - (uint64_t)((nz | (0 - nz)) >> 63);
    uint64_t borrow = 0;
    MONT256_SBB(r[0], m->p[0] & mask, a[0], borrow);
    MONT256_SBB(r[1], m->p[1] & mask, a[1], borrow);
    MONT256_SBB(r[2], m->p[2] & mask, a[2], borrow);
    MONT256_SBB(r[3], m->p[3] & mask, a[3], borrow);
}

static inline bool mont256_is_zero(const uint64_t a[4])
{
    return (a[0] | a[1] | a[2] | a[3]) == 0;
}

static inline bool mont256_eq(const uint64_t a[4], const uint64_t b[4])
{
    return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0;
}

/* r = cond ? a : r, without a branch on cond. */
static inline void mont256_cmov(uint64_t r[4], const uint64_t a[4], bool cond)
{
    uint64_t mask = (uint64_t)0 - (uint64_t)cond;
    for (int i = 0; i < 4; i++)
        r[i] ^= mask & (r[i] ^ a[i]);
}

/* ---- the rest (mont256.c, mont256_inv.c, mont256_io.c) -------------------- */

/* Plain integer (little-endian limbs) into Montgomery form, reduced mod p
 * (any 256-bit x), and back. */
void mont256_from_int(uint64_t r[4], const uint64_t x[4], const mont256 *m);
void mont256_to_int(uint64_t r[4], const uint64_t a[4], const mont256 *m);
/* r = a^e for a plain-integer exponent e; constant-time in a, not in e. */
void mont256_pow(uint64_t r[4], const uint64_t a[4], const uint64_t e[4],
                    const mont256 *m);
/* r = a^-1; ZK_EZERO when a = 0 (then r = 0). inv is Fermat, constant-time;
 * inv_var is Bernstein-Yang safegcd, several times faster. */
zk_err mont256_inv(uint64_t r[4], const uint64_t a[4], const mont256 *m);
zk_err mont256_inv_var(uint64_t r[4], const uint64_t a[4], const mont256 *m);
/* Inverts n elements with one inversion (Montgomery's trick). Zeros map to
 * zero. out may alias in; scratch holds n elements and must not alias either. */
void mont256_batch_inv(uint64_t (*out)[4], const uint64_t (*in)[4], size_t n,
                          uint64_t (*scratch)[4], const mont256 *m);
/* 1 if a is a non-zero square, -1 if not a square, 0 if a = 0. */
int mont256_legendre(const uint64_t a[4], const mont256 *m);
/* A square root of a (Tonelli-Shanks); ZK_ENOSQRT when there is none. */
zk_err mont256_sqrt(uint64_t r[4], const uint64_t a[4], const mont256 *m);
/* Uniform element; rng = NULL uses the OS source. */
void mont256_random(uint64_t r[4], zk_rng *rng, const mont256 *m);

/* 32-byte encodings of the canonical value; reading rejects values >= p. */
zk_err mont256_from_bytes_be(uint64_t r[4], const uint8_t in[32], const mont256 *m);
zk_err mont256_from_bytes_le(uint64_t r[4], const uint8_t in[32], const mont256 *m);
void mont256_to_bytes_be(uint8_t out[32], const uint64_t a[4], const mont256 *m);
void mont256_to_bytes_le(uint8_t out[32], const uint64_t a[4], const mont256 *m);
/* Decimal ("123"), or hex with a 0x prefix ("0x7b"). Leading zeros are
 * allowed; signs, spaces, empty strings and values >= p are not: ZK_EPARSE
 * for text that is not a number, ZK_ENONCANONICAL for a number >= p. */
zk_err mont256_from_str(uint64_t r[4], const char *s, const mont256 *m);
zk_err mont256_from_dec(uint64_t r[4], const char *s, const mont256 *m);
zk_err mont256_from_hex(uint64_t r[4], const char *s, const mont256 *m);
/* Canonical decimal, no leading zeros; returns out. */
char *mont256_to_dec(char out[MONT256_DEC_MAX], const uint64_t a[4], const mont256 *m);
/* "0x" and 64 lower-case hex digits; returns out. */
char *mont256_to_hex(char out[MONT256_HEX_MAX], const uint64_t a[4], const mont256 *m);

/* Plain 256-bit integers (not field elements), for parsing and tests. */
int u256_cmp(const uint64_t a[4], const uint64_t b[4]);
zk_err u256_from_dec(uint64_t r[4], const char *s);
zk_err u256_from_hex(uint64_t r[4], const char *s);

#endif
