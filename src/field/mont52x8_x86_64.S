/* Eight-lane Montgomery arithmetic in 52-bit limbs with AVX-512F and
 * AVX-512 IFMA (System V ABI); field/mont52x8.h states the contracts, and
 * the portable C in mont52x8.c is this file's twin and test oracle: the
 * results agree bit for bit.
 *
 * VPMADD52LUQ b, a, t adds to each 64-bit lane of t the low 52 bits of the
 * 104-bit product of the low 52 bits of a and b; VPMADD52HUQ adds the high
 * 52 bits. A 52×52-bit digit product thus lands in two columns (lo in
 * column i + j, hi in column i + j + 1) with no carry handling: the 64-bit
 * lanes have twelve bits of headroom, and no column collects more than
 * twenty 52-bit terms and one carry (< 2^57).
 *
 * Multiplication (m52x8_mul_ifma) interleaves rows and reductions as
 * CIOS does (Koç, Acar and Kaliski, 1996): row i adds a·b_i, then
 * q_i = t_i·n0 mod 2^52 (VPMADD52LUQ keeps exactly the low 52 bits) adds
 * q_i·p, which clears column i's low 52 bits, and its carry joins column
 * i + 1. After five rows the result is columns 5..9, carried into 52-bit
 * limbs at the end. The same scheme, and the reason to use IFMA for
 * BN254-size fields, is in Gueron and Krasnov, "Accelerating big integer
 * arithmetic using Intel IFMA extensions" (ARITH 2016), and in
 * Drucker and Gueron, "Fast modular squaring with AVX512IFMA" (2018).
 *
 * Register use in the multiplication: rdi = r, rsi = a, rdx = b, rcx = m;
 * zmm0-4 = a, zmm5-9 = p broadcast, zmm10 = n0, zmm11 = 2^52 - 1,
 * zmm12-21 = columns t0..t9, zmm22 = b_i, zmm23 = q_i, zmm24 = a carry. */

    .text

/* t_lo += lo52(x·y), t_hi += hi52(x·y). */
.macro MADD x, y, tlo, thi
    vpmadd52luq \x, \y, \tlo
    vpmadd52huq \x, \y, \thi
.endm

/* Row i: columns T0..T5 (i..i+5) += a·b_i, b_i read from \off(%rdx). */
.macro ROW off, T0, T1, T2, T3, T4, T5
    vmovdqu64   \off(%rdx), %zmm22
    MADD        %zmm22, %zmm0, \T0, \T1
    MADD        %zmm22, %zmm1, \T1, \T2
    MADD        %zmm22, %zmm2, \T2, \T3
    MADD        %zmm22, %zmm3, \T3, \T4
    MADD        %zmm22, %zmm4, \T4, \T5
.endm

/* Reduction step i: q = T0·n0 mod 2^52, columns T0..T5 += q·p, then the
 * carry of T0 (whose low 52 bits are now zero) into T1. */
.macro RED T0, T1, T2, T3, T4, T5
    vpxorq      %zmm23, %zmm23, %zmm23
    vpmadd52luq %zmm10, \T0, %zmm23
    MADD        %zmm23, %zmm5, \T0, \T1
    MADD        %zmm23, %zmm6, \T1, \T2
    MADD        %zmm23, %zmm7, \T2, \T3
    MADD        %zmm23, %zmm8, \T3, \T4
    MADD        %zmm23, %zmm9, \T4, \T5
    vpsrlq      $52, \T0, %zmm24
    vpaddq      %zmm24, \T1, \T1
.endm

/* Carries limb A into limb B and leaves A below 2^52, with an arithmetic
 * shift so that negative limbs borrow. Needs the mask in \M, clobbers \C. */
.macro CARRY A, B, M, C
    vpsraq      $52, \A, \C
    vpandq      \M, \A, \A
    vpaddq      \C, \B, \B
.endm

/* All four carries of the limbs in zmm0..zmm4 (mask in zmm11, clobbers zmm24). */
.macro NORM0
    CARRY       %zmm0, %zmm1, %zmm11, %zmm24
    CARRY       %zmm1, %zmm2, %zmm11, %zmm24
    CARRY       %zmm2, %zmm3, %zmm11, %zmm24
    CARRY       %zmm3, %zmm4, %zmm11, %zmm24
.endm

/* Five limb vectors from \base (0, 64, ..., 256) into registers, and back. */
.macro LOAD5 base, R0, R1, R2, R3, R4
    vmovdqu64   0(\base), \R0
    vmovdqu64   64(\base), \R1
    vmovdqu64   128(\base), \R2
    vmovdqu64   192(\base), \R3
    vmovdqu64   256(\base), \R4
.endm

.macro STORE5 base, R0, R1, R2, R3, R4
    vmovdqu64   \R0, 0(\base)
    vmovdqu64   \R1, 64(\base)
    vmovdqu64   \R2, 128(\base)
    vmovdqu64   \R3, 192(\base)
    vmovdqu64   \R4, 256(\base)
.endm

/* zmm11 = 2^52 - 1 in every lane. */
.macro MASK52
    vpternlogq  $0xff, %zmm11, %zmm11, %zmm11
    vpsrlq      $12, %zmm11, %zmm11
.endm

/* void m52x8_mul_ifma(m52x8 *r, const m52x8 *a, const m52x8 *b,
 *                        const zk_mont52 *m) */
    .globl  m52x8_mul_ifma
    .type   m52x8_mul_ifma, @function
    .p2align 4
m52x8_mul_ifma:
    LOAD5   %rsi, %zmm0, %zmm1, %zmm2, %zmm3, %zmm4
    vpbroadcastq    0(%rcx), %zmm5
    vpbroadcastq    8(%rcx), %zmm6
    vpbroadcastq    16(%rcx), %zmm7
    vpbroadcastq    24(%rcx), %zmm8
    vpbroadcastq    32(%rcx), %zmm9
    vpbroadcastq    40(%rcx), %zmm10
    MASK52
    vpxorq  %zmm12, %zmm12, %zmm12
    vpxorq  %zmm13, %zmm13, %zmm13
    vpxorq  %zmm14, %zmm14, %zmm14
    vpxorq  %zmm15, %zmm15, %zmm15
    vpxorq  %zmm16, %zmm16, %zmm16
    vpxorq  %zmm17, %zmm17, %zmm17
    vpxorq  %zmm18, %zmm18, %zmm18
    vpxorq  %zmm19, %zmm19, %zmm19
    vpxorq  %zmm20, %zmm20, %zmm20
    vpxorq  %zmm21, %zmm21, %zmm21

    ROW     0,   %zmm12, %zmm13, %zmm14, %zmm15, %zmm16, %zmm17
    RED          %zmm12, %zmm13, %zmm14, %zmm15, %zmm16, %zmm17
    ROW     64,  %zmm13, %zmm14, %zmm15, %zmm16, %zmm17, %zmm18
    RED          %zmm13, %zmm14, %zmm15, %zmm16, %zmm17, %zmm18
    ROW     128, %zmm14, %zmm15, %zmm16, %zmm17, %zmm18, %zmm19
    RED          %zmm14, %zmm15, %zmm16, %zmm17, %zmm18, %zmm19
    ROW     192, %zmm15, %zmm16, %zmm17, %zmm18, %zmm19, %zmm20
    RED          %zmm15, %zmm16, %zmm17, %zmm18, %zmm19, %zmm20
    ROW     256, %zmm16, %zmm17, %zmm18, %zmm19, %zmm20, %zmm21
    RED          %zmm16, %zmm17, %zmm18, %zmm19, %zmm20, %zmm21

    /* The result is columns 5..9, all non-negative: carry them. */
    CARRY   %zmm17, %zmm18, %zmm11, %zmm24
    CARRY   %zmm18, %zmm19, %zmm11, %zmm24
    CARRY   %zmm19, %zmm20, %zmm11, %zmm24
    CARRY   %zmm20, %zmm21, %zmm11, %zmm24
    STORE5  %rdi, %zmm17, %zmm18, %zmm19, %zmm20, %zmm21
    vzeroupper
    ret
    .size   m52x8_mul_ifma, .-m52x8_mul_ifma

/* void m52x8_sub_ifma(m52x8 *r, const m52x8 *a, const m52x8 *b,
 *                        const zk_mont52 *m)
 * a - b, carried with borrows; lanes that went negative get p added (k1)
 * and are carried again. */
    .globl  m52x8_sub_ifma
    .type   m52x8_sub_ifma, @function
    .p2align 4
m52x8_sub_ifma:
    MASK52
    LOAD5       %rsi, %zmm0, %zmm1, %zmm2, %zmm3, %zmm4
    vpsubq      0(%rdx), %zmm0, %zmm0
    vpsubq      64(%rdx), %zmm1, %zmm1
    vpsubq      128(%rdx), %zmm2, %zmm2
    vpsubq      192(%rdx), %zmm3, %zmm3
    vpsubq      256(%rdx), %zmm4, %zmm4
    NORM0
    vpxorq      %zmm25, %zmm25, %zmm25
    vpcmpq      $1, %zmm25, %zmm4, %k1      /* k1 = lanes with a - b < 0 */
    vpaddq      0(%rcx){1to8}, %zmm0, %zmm0{%k1}
    vpaddq      8(%rcx){1to8}, %zmm1, %zmm1{%k1}
    vpaddq      16(%rcx){1to8}, %zmm2, %zmm2{%k1}
    vpaddq      24(%rcx){1to8}, %zmm3, %zmm3{%k1}
    vpaddq      32(%rcx){1to8}, %zmm4, %zmm4{%k1}
    NORM0
    STORE5      %rdi, %zmm0, %zmm1, %zmm2, %zmm3, %zmm4
    vzeroupper
    ret
    .size   m52x8_sub_ifma, .-m52x8_sub_ifma

/* void m52x8_reduce_ifma(m52x8 *r, const m52x8 *a, const zk_mont52 *m)
 * a - p, carried; lanes where that went negative keep a (zmm5..9). */
    .globl  m52x8_reduce_ifma
    .type   m52x8_reduce_ifma, @function
    .p2align 4
m52x8_reduce_ifma:
    MASK52
    LOAD5       %rsi, %zmm5, %zmm6, %zmm7, %zmm8, %zmm9
    vpsubq      0(%rdx){1to8}, %zmm5, %zmm0
    vpsubq      8(%rdx){1to8}, %zmm6, %zmm1
    vpsubq      16(%rdx){1to8}, %zmm7, %zmm2
    vpsubq      24(%rdx){1to8}, %zmm8, %zmm3
    vpsubq      32(%rdx){1to8}, %zmm9, %zmm4
    NORM0
    vpxorq      %zmm25, %zmm25, %zmm25
    vpcmpq      $1, %zmm25, %zmm4, %k1      /* k1 = lanes with a < p */
    vmovdqa64   %zmm5, %zmm0{%k1}
    vmovdqa64   %zmm6, %zmm1{%k1}
    vmovdqa64   %zmm7, %zmm2{%k1}
    vmovdqa64   %zmm8, %zmm3{%k1}
    vmovdqa64   %zmm9, %zmm4{%k1}
    STORE5      %rdi, %zmm0, %zmm1, %zmm2, %zmm3, %zmm4
    vzeroupper
    ret
    .size   m52x8_reduce_ifma, .-m52x8_reduce_ifma

/* void m52x8_shl_ifma(m52x8 *r, const m52x8 *a, unsigned k)
 * Limb j becomes (a_j << k) mod 2^52 plus the k bits shifted out of limb
 * j - 1 (a_(j-1) >> (52 - k)). Counts: xmm30 = k, xmm31 = 52 - k. */
    .globl  m52x8_shl_ifma
    .type   m52x8_shl_ifma, @function
    .p2align 4
m52x8_shl_ifma:
    MASK52
    movl        %edx, %edx
    vmovq       %rdx, %xmm30
    movl        $52, %eax
    subl        %edx, %eax
    vmovq       %rax, %xmm31
    LOAD5       %rsi, %zmm0, %zmm1, %zmm2, %zmm3, %zmm4
    vpsllq      %xmm30, %zmm0, %zmm5
    vpsllq      %xmm30, %zmm1, %zmm6
    vpsllq      %xmm30, %zmm2, %zmm7
    vpsllq      %xmm30, %zmm3, %zmm8
    vpsllq      %xmm30, %zmm4, %zmm9
    vpandq      %zmm11, %zmm5, %zmm5
    vpandq      %zmm11, %zmm6, %zmm6
    vpandq      %zmm11, %zmm7, %zmm7
    vpandq      %zmm11, %zmm8, %zmm8
    vpandq      %zmm11, %zmm9, %zmm9
    vpsrlq      %xmm31, %zmm0, %zmm0
    vpsrlq      %xmm31, %zmm1, %zmm1
    vpsrlq      %xmm31, %zmm2, %zmm2
    vpsrlq      %xmm31, %zmm3, %zmm3
    vporq       %zmm0, %zmm6, %zmm6
    vporq       %zmm1, %zmm7, %zmm7
    vporq       %zmm2, %zmm8, %zmm8
    vporq       %zmm3, %zmm9, %zmm9
    STORE5      %rdi, %zmm5, %zmm6, %zmm7, %zmm8, %zmm9
    vzeroupper
    ret
    .size   m52x8_shl_ifma, .-m52x8_shl_ifma

/* Stores (LO >> rs | HI << ls) to \off(%rdi), masked to 52 bits when
 * \mask is 1 (clobbers zmm4, zmm5). */
.macro SPLICE LO, rs, HI, ls, off, mask
    vpsrlq      $\rs, \LO, %zmm4
    vpsllq      $\ls, \HI, %zmm5
    vporq       %zmm5, %zmm4, %zmm4
    .if \mask
    vpandq      %zmm11, %zmm4, %zmm4
    .endif
    vmovdqu64   %zmm4, \off(%rdi)
.endm

/* void m52x8_from_u256_ifma(m52x8 *r, const zk_u256x8 *a)
 * Words w0..w3 (zmm0-3) into limbs: l0 = w0, l1 = w0 >> 52 | w1 << 12,
 * l2 = w1 >> 40 | w2 << 24, l3 = w2 >> 28 | w3 << 36 (each mod 2^52),
 * l4 = w3 >> 16. */
    .globl  m52x8_from_u256_ifma
    .type   m52x8_from_u256_ifma, @function
    .p2align 4
m52x8_from_u256_ifma:
    MASK52
    vmovdqu64   0(%rsi), %zmm0
    vmovdqu64   64(%rsi), %zmm1
    vmovdqu64   128(%rsi), %zmm2
    vmovdqu64   192(%rsi), %zmm3
    vpandq      %zmm11, %zmm0, %zmm4
    vmovdqu64   %zmm4, 0(%rdi)
    SPLICE      %zmm0, 52, %zmm1, 12, 64, 1
    SPLICE      %zmm1, 40, %zmm2, 24, 128, 1
    SPLICE      %zmm2, 28, %zmm3, 36, 192, 1
    vpsrlq      $16, %zmm3, %zmm4
    vmovdqu64   %zmm4, 256(%rdi)
    vzeroupper
    ret
    .size   m52x8_from_u256_ifma, .-m52x8_from_u256_ifma

/* void m52x8_to_u256_ifma(zk_u256x8 *r, const m52x8 *a)
 * w0 = l0 | l1 << 52, w1 = l1 >> 12 | l2 << 40, w2 = l2 >> 24 | l3 << 28,
 * w3 = l3 >> 36 | l4 << 16 (mod 2^64). */
    .globl  m52x8_to_u256_ifma
    .type   m52x8_to_u256_ifma, @function
    .p2align 4
m52x8_to_u256_ifma:
    LOAD5       %rsi, %zmm0, %zmm1, %zmm2, %zmm3, %zmm6
    SPLICE      %zmm0, 0, %zmm1, 52, 0, 0
    SPLICE      %zmm1, 12, %zmm2, 40, 64, 0
    SPLICE      %zmm2, 24, %zmm3, 28, 128, 0
    SPLICE      %zmm3, 36, %zmm6, 16, 192, 0
    vzeroupper
    ret
    .size   m52x8_to_u256_ifma, .-m52x8_to_u256_ifma

    .section .note.GNU-stack, "", @progbits
