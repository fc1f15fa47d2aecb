/* Single-precision matrix product for the CNN's inner loops.
 *
 * Convolutions become matrix products through im2col, and linear layers are
 * matrix products already, so this one routine decides training time. It
 * follows the structure of Goto and van de Geijn, "Anatomy of
 * High-Performance Matrix Multiplication" (ACM TOMS 34(3), 2008), as BLIS
 * arranges it: blocks of B (KC × NC) and of A (MC × KC) are copied into
 * contiguous micro-panels sized for the cache, and a small micro-kernel
 * multiplies an MR-row sliver of A by an NR-column sliver of B into an
 * MR × NR tile of C held in registers.
 *
 * The micro-kernel is portable C or, on x86-64 with AVX-512F, hand-written
 * assembly (gemm_x86_64.S) chosen at run time; ZKCAVE_KERNEL=portable forces
 * C. Each element of C is summed over k in the same order whatever its
 * position, the thread count or the block it falls in, so one kernel always
 * gives the same bits; the two kernels differ in rounding (the assembly
 * fuses multiply and add). Nothing here allocates: the caller passes a
 * workspace. */
#ifndef ZK_NN_GEMM_H
#define ZK_NN_GEMM_H

#include "core/err.h"
#include "core/types.h"

enum {
    NN_GEMM_MR = 8,    /* rows of a micro-tile */
    NN_GEMM_NR = 32,   /* columns of a micro-tile */
    NN_GEMM_KC = 256,  /* depth of a packed block */
    NN_GEMM_MC = 128,  /* rows of a packed block of A */
    NN_GEMM_NC = 2048, /* columns of a packed block of B */
};

/* Packing space for one thread: NN_GEMM_WS_FLOATS floats, 64-byte aligned. */
#define NN_GEMM_WS_FLOATS ((size_t)NN_GEMM_MC * NN_GEMM_KC + (size_t)NN_GEMM_KC * NN_GEMM_NC)

/* A micro-kernel: c[i·ldc + j] = (acc ? c[i·ldc + j] : 0) + Σ_p a[p·MR + i]·b[p·NR + j]
 * for the full MR × NR tile, p = 0 … kc-1 in order. */
typedef void (*nn_gemm_kernel_fn)(size_t kc, const float *a, const float *b, float *c,
                                  size_t ldc, int acc);

/* C (m × n, row stride ldc) = op(A)·op(B), plus C when accumulate.
 * op(A) is m × k: A itself (row stride lda) or, with ta, the transpose of a
 * k × m matrix. op(B) is k × n likewise with tb. ws holds NN_GEMM_WS_FLOATS
 * floats. */
void nn_gemm(float *c, size_t ldc, const float *a, size_t lda, bool ta, const float *b,
             size_t ldb, bool tb, size_t m, size_t n, size_t k, bool accumulate, float *ws);

/* The kernel in use ("avx512" or "portable"). */
const char *nn_gemm_kernel_name(void);
/* Selects a kernel by name; ZK_EUNSUPPORTED when this CPU lacks it. Call it
 * before any product runs (tests and benchmarks compare kernels). */
zk_err nn_gemm_use(const char *name);

/* The kernels themselves, for tests. */
void nn_gemm_kernel_portable(size_t kc, const float *a, const float *b, float *c, size_t ldc,
                             int acc);
#if defined(__x86_64__)
void nn_gemm_kernel_avx512(size_t kc, const float *a, const float *b, float *c, size_t ldc,
                           int acc);
#endif

#endif
