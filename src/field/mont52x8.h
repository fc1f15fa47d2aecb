/* Montgomery arithmetic modulo a prime p < 2^254, eight independent elements
 * at a time, in five limbs of 52 bits: the shape of the AVX-512 IFMA
 * instructions (VPMADD52LUQ/HUQ multiply the low 52 bits of two 64-bit lanes
 * and add the low or high 52 bits of the 104-bit product to a third).
 *
 * An 8-lane vector holds limb j of lane k in l[j][k]; its value in lane k is
 * Σ_j l[j][k]·2^(52j). "Normalized" means limbs 0..3 below 2^52 and limb 4
 * below 2^52 too (a value below 2^260); every operation takes and returns
 * normalized vectors.
 *
 * Multiplication is Montgomery's with R' = 2^260 (five 52-bit digits), and
 * it reduces lazily: for inputs a, b below 2^258 it returns
 * (a·b + Q·p)/2^260 for the unique Q < 2^260 that makes the division exact,
 * which is below a·b/2^260 + p and congruent to a·b·2^-260 mod p, with no
 * final subtraction. So values may exceed p; m52x8_reduce and the
 * canonical subtraction bring them back. The caller keeps the bounds; the
 * comments at each operation state what it needs.
 *
 * These are not a field's typed front end: callers (the G1 MSM's batched
 * affine additions, curve/msm_lanes.c) track which power of two each value
 * carries. Multiplying by 2^k (m52x8_shl) and Montgomery's 2^-260 move a
 * value between "Montgomery forms" for free, which is how 4×64-bit elements
 * in the R = 2^256 form of field/mont256.h enter and leave without a
 * conversion multiplication.
 *
 * Kernels are chosen at run time: the portable C below, the test oracle, or
 * the AVX-512 IFMA assembly in mont52x8_x86_64.S. Both compute the same
 * function bit for bit. Variable-time in nothing, but nothing here is used
 * on secrets either. */
#ifndef ZK_FIELD_MONT52X8_H
#define ZK_FIELD_MONT52X8_H

#include "field/mont256.h"

enum { ZK_M52_LIMBS = 5, ZK_M52_LANES = 8 };

typedef struct m52x8 {
    _Alignas(64) uint64_t l[ZK_M52_LIMBS][ZK_M52_LANES];
} m52x8;

/* Eight 4×64-bit integers, word-major the same way: w[j][k] is word j of
 * lane k. */
typedef struct zk_u256x8 {
    _Alignas(64) uint64_t w[4][ZK_M52_LANES];
} zk_u256x8;

/* A modulus in 52-bit limbs. The assembly reads p at offset 0 and n0 at
 * offset 40. */
typedef struct zk_mont52 {
    uint64_t p[ZK_M52_LIMBS];
    uint64_t n0;   /* -p^-1 mod 2^52 */
} zk_mont52;

/* The 52-bit form of a mont256 modulus (which must be below 2^254). */
void zk_mont52_from_mont256(zk_mont52 *r, const mont256 *m);

/* ---- kernels ------------------------------------------------------------ */

typedef struct m52x8_kernels {
    /* r = a·b·2^-260 mod p, lazily: inputs below 2^258, output below
     * a·b/2^260 + p (so below 2p when a·b < p·2^260). */
    void (*mul)(m52x8 *r, const m52x8 *a, const m52x8 *b, const zk_mont52 *m);
    /* r = a - b mod p, for a and b in [0, p); the result is in [0, p). */
    void (*sub)(m52x8 *r, const m52x8 *a, const m52x8 *b, const zk_mont52 *m);
    /* r = a mod p, for a in [0, 2p). */
    void (*reduce)(m52x8 *r, const m52x8 *a, const zk_mont52 *m);
    /* r = a·2^k as an integer, 1 <= k <= 8; a·2^k must stay below 2^260. */
    void (*shl)(m52x8 *r, const m52x8 *a, unsigned k);
    /* Radix conversions of the same integers: r from 4×64-bit words, and
     * back (which needs a below 2^256). */
    void (*from_u256)(m52x8 *r, const zk_u256x8 *a);
    void (*to_u256)(zk_u256x8 *r, const m52x8 *a);
    const char *name;
} m52x8_kernels;

/* The kernels in use: the portable ones until field_init() picks "ifma". */
extern m52x8_kernels m52x8_k;
extern const m52x8_kernels m52x8_portable;
#if defined(__x86_64__)
/* mont52x8_x86_64.S; they need AVX-512F and AVX-512 IFMA. */
extern const m52x8_kernels m52x8_ifma;
#endif

/* Selects "portable" or "ifma"; false, changing nothing, for a name this
 * build or CPU cannot run. Not thread-safe: call before starting work. */
bool m52x8_select(const char *name);

/* True when the kernels in use are faster than the 4×64-bit ones for
 * independent multiplications (so vectorising pays). */
bool m52x8_fast(void);

#endif
