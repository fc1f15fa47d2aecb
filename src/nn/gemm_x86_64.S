/* The AVX-512F micro-kernel of nn/gemm.c (x86-64 System V ABI).
 *
 *   void nn_gemm_kernel_avx512(size_t kc, const float *a, const float *b,
 *                              float *c, size_t ldc, int acc)
 *
 * computes the 8 × 32 tile c[i·ldc + j] = (acc ? c : 0) + Σ_p a[p·8 + i]·b[p·32 + j]
 * with p running from 0 to kc-1 in order, exactly what its twin and test
 * oracle nn_gemm_kernel_portable computes, except that each step here is
 * one fused multiply-add (one rounding instead of two).
 *
 * Registers: rdi = kc, rsi = a (8 floats per step), rdx = b (32 floats per
 * step), rcx = c, r8 = ldc, r9d = acc. Row i of the tile is held in zmm(2i)
 * (columns 0-15) and zmm(2i+1) (columns 16-31); zmm16 and zmm17 hold the
 * step's row of b and zmm18-zmm25 the broadcast elements of a. Sixteen
 * independent accumulators cover the FMA latency on cores with two FMA
 * units. nn/gemm.c calls it only when CPUID reports AVX-512F with the OS
 * saving ZMM state. */

    .text

.macro ROW off, bc, r0, r1
    vbroadcastss \off(%rsi), %zmm\bc
    vfmadd231ps %zmm16, %zmm\bc, %zmm\r0
    vfmadd231ps %zmm17, %zmm\bc, %zmm\r1
.endm

.macro ADDROW r0, r1
    vaddps  (%rcx), %zmm\r0, %zmm\r0
    vaddps  64(%rcx), %zmm\r1, %zmm\r1
    vmovups %zmm\r0, (%rcx)
    vmovups %zmm\r1, 64(%rcx)
    addq    %r8, %rcx
.endm

.macro SETROW r0, r1
    vmovups %zmm\r0, (%rcx)
    vmovups %zmm\r1, 64(%rcx)
    addq    %r8, %rcx
.endm

    .globl  nn_gemm_kernel_avx512
    .type   nn_gemm_kernel_avx512, @function
    .p2align 4
nn_gemm_kernel_avx512:
    vpxord  %zmm0, %zmm0, %zmm0
    vmovaps %zmm0, %zmm1
    vmovaps %zmm0, %zmm2
    vmovaps %zmm0, %zmm3
    vmovaps %zmm0, %zmm4
    vmovaps %zmm0, %zmm5
    vmovaps %zmm0, %zmm6
    vmovaps %zmm0, %zmm7
    vmovaps %zmm0, %zmm8
    vmovaps %zmm0, %zmm9
    vmovaps %zmm0, %zmm10
    vmovaps %zmm0, %zmm11
    vmovaps %zmm0, %zmm12
    vmovaps %zmm0, %zmm13
    vmovaps %zmm0, %zmm14
    vmovaps %zmm0, %zmm15
    testq   %rdi, %rdi
    jz      .Lstore
    .p2align 4
.Lloop:
    vmovups (%rdx), %zmm16
    vmovups 64(%rdx), %zmm17
    ROW     0, 18, 0, 1
    ROW     4, 19, 2, 3
    ROW     8, 20, 4, 5
    ROW     12, 21, 6, 7
    ROW     16, 22, 8, 9
    ROW     20, 23, 10, 11
    ROW     24, 24, 12, 13
    ROW     28, 25, 14, 15
    addq    $32, %rsi
    addq    $128, %rdx
    decq    %rdi
    jnz     .Lloop
.Lstore:
    shlq    $2, %r8                 /* ldc in bytes */
    testl   %r9d, %r9d
    jz      .Lset
    ADDROW  0, 1
    ADDROW  2, 3
    ADDROW  4, 5
    ADDROW  6, 7
    ADDROW  8, 9
    ADDROW  10, 11
    ADDROW  12, 13
    ADDROW  14, 15
    vzeroupper
    ret
.Lset:
    SETROW  0, 1
    SETROW  2, 3
    SETROW  4, 5
    SETROW  6, 7
    SETROW  8, 9
    SETROW  10, 11
    SETROW  12, 13
    SETROW  14, 15
    vzeroupper
    ret
    .size   nn_gemm_kernel_avx512, .-nn_gemm_kernel_avx512

    .section .note.GNU-stack, "", @progbits
