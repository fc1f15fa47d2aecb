/* Goldilocks vector kernels for x86-64 (System V ABI): out[i] = a[i]·b[i],
 * a[i] + b[i] and a[i] - b[i] mod p = 2^64 - 2^32 + 1, eight lanes at a time
 * with AVX-512F or four with AVX2. field_init checks CPUID before selecting
 * them. Their twins and test oracles are gl_mul_vec_portable,
 * gl_add_vec_portable and gl_sub_vec_portable in goldilocks_vec.c; every
 * result is canonical (< p), so the kernels agree with the C bit for bit.
 *
 * Multiplication, per 64-bit lane. VPMULUDQ multiplies the low 32 bits of
 * each lane into a 64-bit product, so the 64×64→128-bit product is built
 * from four partial products (schoolbook on 32-bit halves, as Plonky3 does in
 * goldilocks/src/x86_64_avx512/packing.rs), with a = a1·2^32 + a0 and b = b1·2^32 + b0:
 *
 *     a·b = a1b1·2^64 + (a1b0 + a0b1)·2^32 + a0b0.
 *
 * The middle terms are folded in one at a time so no sum exceeds 64 bits:
 * t = a1b0 + (a0b0 >> 32) <= (2^32-1)^2 + 2^32-1 < 2^64, likewise
 * u = a0b1 + (t mod 2^32); then hi = a1b1 + (t >> 32) + (u >> 32) and
 * lo = (u mod 2^32)·2^32 + (a0b0 mod 2^32).
 *
 * Reduction, the identity gl_reduce128 uses: 2^64 ≡ 2^32 - 1 = EPSILON and
 * 2^96 ≡ -1 (mod p), so with hi = hh·2^32 + hl,
 *
 *     hi·2^64 + lo ≡ lo - hh + hl·EPSILON (mod p).
 *
 * lo - hh may borrow; the lost 2^64 is worth EPSILON, so subtract it (no
 * second borrow: after a borrow the difference is >= 2^64 - 2^32 + 1).
 * hl·EPSILON is one more VPMULUDQ, by the constant. Adding it may carry; the
 * carry is again worth EPSILON, and the wrapped sum is below
 * hl·EPSILON <= 2^64 - 2^33 + 1, so adding EPSILON neither carries again nor
 * reaches p. Without a carry the sum may still be >= p, and then p is
 * subtracted, which modulo 2^64 is again adding EPSILON. The two cases
 * exclude each other, so one correction covers both.
 *
 * AVX-512 has unsigned comparisons into mask registers, merge-masked
 * arithmetic for the corrections, and VPMINUQ: for any x < 2^64,
 * min(x, x - p mod 2^64) is x mod p, because x - p wraps to x + EPSILON
 * (larger than x) exactly when x < p. AVX2 has only the signed VPCMPGTQ;
 * it compares unsigned values after flipping their top bits (x ^ 2^63 is
 * x + 2^63 mod 2^64, so the flip commutes with adding or subtracting an
 * unflipped value; Plonky2's AVX2 Goldilocks keeps values "shifted" the
 * same way). Its compare results are all-ones lanes, and an all-ones
 * lane shifted right by 32 is EPSILON, which is the correction every time.
 *
 * Vectors: out, a and b hold n elements each, all < p; out may be a or b
 * (each block is read before it is written) but must not overlap them
 * otherwise. The last n mod 8 (or mod 4) elements go through masked loads
 * and stores, which touch no memory in the masked-off lanes.
 *
 * Register use: rdi = out, rsi = a, rdx = b, rcx = n, rax = element index.
 * AVX-512: zmm31 = EPSILON in every lane, k7 = the low 32-bit halves,
 * k3 = the tail's lanes. AVX2: ymm15 = EPSILON, ymm14 = 2^63 (the flip),
 * ymm13 = (p - 1) ^ 2^63, ymm12 = the tail's lanes. The operation macros
 * read a from register 0 and b from register 1, leave the result in
 * register 0, and clobber registers 1-9 (and k1, k2). */

    .section .rodata
    .p2align 5
.Lgl_epsilon:
    .quad   0xffffffff
.Lgl_sign:
    .quad   0x8000000000000000
.Lgl_p_minus_1_flipped:
    .quad   0x7fffffff00000000
/* Eight quadwords: loading four from offset 8·(4 - r) gives r lanes of
 * all ones and 4 - r of zeros, the AVX2 tail mask for r = 1..3. */
.Lgl_tail_masks:
    .quad   -1, -1, -1, -1, 0, 0, 0, 0

    .text

/* ---- AVX-512F, eight lanes --------------------------------------------- */

/* (hi, lo) = zmm0·zmm1 as 128-bit products: hi in zmm7, lo in zmm5. */
.macro GL_MUL128_512
    vmovshdup   %zmm0, %zmm2            /* a1 into the low halves; VPMULUDQ ignores the high */
    vmovshdup   %zmm1, %zmm3            /* b1 */
    vpmuludq    %zmm1, %zmm0, %zmm4     /* a0b0 */
    vpmuludq    %zmm3, %zmm0, %zmm5     /* a0b1 */
    vpmuludq    %zmm1, %zmm2, %zmm6     /* a1b0 */
    vpmuludq    %zmm3, %zmm2, %zmm7     /* a1b1 */
    vpsrlq      $32, %zmm4, %zmm8
    vpaddq      %zmm8, %zmm6, %zmm6     /* t = a1b0 + (a0b0 >> 32) */
    vpandq      %zmm31, %zmm6, %zmm8
    vpsrlq      $32, %zmm6, %zmm6
    vpaddq      %zmm8, %zmm5, %zmm5     /* u = a0b1 + (t mod 2^32) */
    vpaddq      %zmm6, %zmm7, %zmm7
    vpsrlq      $32, %zmm5, %zmm8
    vpaddq      %zmm8, %zmm7, %zmm7     /* hi = a1b1 + (t >> 32) + (u >> 32) */
    vmovsldup   %zmm5, %zmm5            /* u's low half into the high half */
    vpblendmd   %zmm4, %zmm5, %zmm5{%k7} /* lo = (u mod 2^32)·2^32 + (a0b0 mod 2^32) */
.endm

/* zmm0 = zmm7·2^64 + zmm5 mod p, canonical. */
.macro GL_REDUCE128_512
    vpsrlq      $32, %zmm7, %zmm8       /* hh */
    vpcmpltuq   %zmm8, %zmm5, %k1       /* lo - hh borrows */
    vpsubq      %zmm8, %zmm5, %zmm5
    vpsubq      %zmm31, %zmm5, %zmm5{%k1}
    vpmuludq    %zmm31, %zmm7, %zmm7    /* hl·EPSILON */
    vpaddq      %zmm7, %zmm5, %zmm5     /* sum */
    vpcmpnltuq  %zmm7, %zmm5, %k2       /* the sum did not carry */
    vpaddq      %zmm31, %zmm5, %zmm0    /* sum + EPSILON, the answer after a carry */
    vpminuq     %zmm5, %zmm0, %zmm0{%k2} /* otherwise min(sum, sum - p) */
.endm

.macro GL_MUL_512
    GL_MUL128_512
    GL_REDUCE128_512
.endm

/* a + b < 2p: a carry out of 64 bits is worth EPSILON and leaves a value
 * a + b - p < p; without one, subtract p if the sum reached it. */
.macro GL_ADD_512
    vpaddq      %zmm1, %zmm0, %zmm2     /* sum */
    vpcmpnltuq  %zmm0, %zmm2, %k1       /* the sum did not carry */
    vpaddq      %zmm31, %zmm2, %zmm0    /* sum + EPSILON, the answer after a carry */
    vpminuq     %zmm2, %zmm0, %zmm0{%k1} /* otherwise min(sum, sum - p) */
.endm

/* a - b: a borrowed 2^64 is worth EPSILON too much; the result a - b + p
 * is < p. */
.macro GL_SUB_512
    vpcmpltuq   %zmm1, %zmm0, %k1       /* a - b borrows */
    vpsubq      %zmm1, %zmm0, %zmm0
    vpsubq      %zmm31, %zmm0, %zmm0{%k1}
.endm

/* void name(gl_t *out, const gl_t *a, const gl_t *b, size_t n) */
.macro GL_VEC_512 name, op
    .globl  \name
    .type   \name, @function
    .p2align 4
\name:
    movl        $0xffffffff, %eax
    vpbroadcastq %rax, %zmm31
    movl        $0x5555, %eax
    kmovw       %eax, %k7
    movq        %rcx, %r8
    andq        $-8, %r8                /* elements in whole blocks */
    xorl        %eax, %eax
    testq       %r8, %r8
    jz          .L\name\()_tail
    .p2align 4
.L\name\()_loop:
    vmovdqu64   (%rsi,%rax,8), %zmm0
    vmovdqu64   (%rdx,%rax,8), %zmm1
    \op
    vmovdqu64   %zmm0, (%rdi,%rax,8)
    addq        $8, %rax
    cmpq        %r8, %rax
    jb          .L\name\()_loop
.L\name\()_tail:
    andl        $7, %ecx
    jz          .L\name\()_done
    movl        $1, %r9d
    shll        %cl, %r9d
    decl        %r9d                    /* the low n mod 8 lanes */
    kmovw       %r9d, %k3
    vmovdqu64   (%rsi,%rax,8), %zmm0{%k3}{z}
    vmovdqu64   (%rdx,%rax,8), %zmm1{%k3}{z}
    \op
    vmovdqu64   %zmm0, (%rdi,%rax,8){%k3}
.L\name\()_done:
    vzeroupper
    ret
    .size   \name, .-\name
.endm

    GL_VEC_512 gl_mul_vec_avx512, GL_MUL_512
    GL_VEC_512 gl_add_vec_avx512, GL_ADD_512
    GL_VEC_512 gl_sub_vec_avx512, GL_SUB_512

/* ---- AVX2, four lanes -------------------------------------------------- */

/* (hi, lo) = ymm0·ymm1 as 128-bit products: hi in ymm7, lo in ymm5. */
.macro GL_MUL128_256
    vmovshdup   %ymm0, %ymm2            /* a1 into the low halves */
    vmovshdup   %ymm1, %ymm3            /* b1 */
    vpmuludq    %ymm1, %ymm0, %ymm4     /* a0b0 */
    vpmuludq    %ymm3, %ymm0, %ymm5     /* a0b1 */
    vpmuludq    %ymm1, %ymm2, %ymm6     /* a1b0 */
    vpmuludq    %ymm3, %ymm2, %ymm7     /* a1b1 */
    vpsrlq      $32, %ymm4, %ymm8
    vpaddq      %ymm8, %ymm6, %ymm6     /* t = a1b0 + (a0b0 >> 32) */
    vpand       %ymm15, %ymm6, %ymm8
    vpsrlq      $32, %ymm6, %ymm6
    vpaddq      %ymm8, %ymm5, %ymm5     /* u = a0b1 + (t mod 2^32) */
    vpaddq      %ymm6, %ymm7, %ymm7
    vpsrlq      $32, %ymm5, %ymm8
    vpaddq      %ymm8, %ymm7, %ymm7     /* hi = a1b1 + (t >> 32) + (u >> 32) */
    vmovsldup   %ymm5, %ymm5            /* u's low half into the high half */
    vpblendd    $0x55, %ymm4, %ymm5, %ymm5 /* lo = (u mod 2^32)·2^32 + (a0b0 mod 2^32) */
.endm

/* ymm0 = ymm7·2^64 + ymm5 mod p, canonical. Values ending in _f below are
 * flipped (xor 2^63) so that VPCMPGTQ orders them as unsigned. */
.macro GL_REDUCE128_256
    vpxor       %ymm14, %ymm5, %ymm5    /* lo_f */
    vpsrlq      $32, %ymm7, %ymm8       /* hh */
    vpsubq      %ymm8, %ymm5, %ymm6     /* (lo - hh)_f */
    vpcmpgtq    %ymm5, %ymm6, %ymm9     /* it borrowed iff lo - hh > lo */
    vpsrlq      $32, %ymm9, %ymm9
    vpsubq      %ymm9, %ymm6, %ymm6
    vpmuludq    %ymm15, %ymm7, %ymm7    /* hl·EPSILON */
    vpaddq      %ymm7, %ymm6, %ymm5     /* sum_f */
    vpcmpgtq    %ymm5, %ymm6, %ymm9     /* it carried iff sum < lo - hh */
    vpcmpgtq    %ymm13, %ymm5, %ymm8    /* sum > p - 1 */
    vpor        %ymm8, %ymm9, %ymm9     /* either way, add EPSILON */
    vpsrlq      $32, %ymm9, %ymm9
    vpaddq      %ymm9, %ymm5, %ymm5
    vpxor       %ymm14, %ymm5, %ymm0
.endm

.macro GL_MUL_256
    GL_MUL128_256
    GL_REDUCE128_256
.endm

/* As GL_ADD_512, with flipped comparisons; a carry and sum >= p exclude
 * each other, as in the reduction. */
.macro GL_ADD_256
    vpxor       %ymm14, %ymm0, %ymm0    /* a_f */
    vpaddq      %ymm1, %ymm0, %ymm2     /* sum_f */
    vpcmpgtq    %ymm2, %ymm0, %ymm3     /* it carried iff sum < a */
    vpcmpgtq    %ymm13, %ymm2, %ymm4    /* sum > p - 1 */
    vpor        %ymm4, %ymm3, %ymm3     /* either way, add EPSILON */
    vpsrlq      $32, %ymm3, %ymm3
    vpaddq      %ymm3, %ymm2, %ymm2
    vpxor       %ymm14, %ymm2, %ymm0
.endm

/* As GL_SUB_512, with a flipped comparison. */
.macro GL_SUB_256
    vpxor       %ymm14, %ymm0, %ymm2    /* a_f */
    vpxor       %ymm14, %ymm1, %ymm3    /* b_f */
    vpcmpgtq    %ymm2, %ymm3, %ymm3     /* a - b borrows iff b > a */
    vpsubq      %ymm1, %ymm0, %ymm0
    vpsrlq      $32, %ymm3, %ymm3
    vpsubq      %ymm3, %ymm0, %ymm0
.endm

/* void name(gl_t *out, const gl_t *a, const gl_t *b, size_t n) */
.macro GL_VEC_256 name, op
    .globl  \name
    .type   \name, @function
    .p2align 4
\name:
    vpbroadcastq .Lgl_epsilon(%rip), %ymm15
    vpbroadcastq .Lgl_sign(%rip), %ymm14
    vpbroadcastq .Lgl_p_minus_1_flipped(%rip), %ymm13
    movq        %rcx, %r8
    andq        $-4, %r8                /* elements in whole blocks */
    xorl        %eax, %eax
    testq       %r8, %r8
    jz          .L\name\()_tail
    .p2align 4
.L\name\()_loop:
    vmovdqu     (%rsi,%rax,8), %ymm0
    vmovdqu     (%rdx,%rax,8), %ymm1
    \op
    vmovdqu     %ymm0, (%rdi,%rax,8)
    addq        $4, %rax
    cmpq        %r8, %rax
    jb          .L\name\()_loop
.L\name\()_tail:
    andl        $3, %ecx
    jz          .L\name\()_done
    negq        %rcx
    leaq        .Lgl_tail_masks(%rip), %r9
    vmovdqu     32(%r9,%rcx,8), %ymm12  /* the low n mod 4 lanes */
    vpmaskmovq  (%rsi,%rax,8), %ymm12, %ymm0
    vpmaskmovq  (%rdx,%rax,8), %ymm12, %ymm1
    \op
    vpmaskmovq  %ymm0, %ymm12, (%rdi,%rax,8)
.L\name\()_done:
    vzeroupper
    ret
    .size   \name, .-\name
.endm

    GL_VEC_256 gl_mul_vec_avx2, GL_MUL_256
    GL_VEC_256 gl_add_vec_avx2, GL_ADD_256
    GL_VEC_256 gl_sub_vec_avx2, GL_SUB_256

    .section .note.GNU-stack, "", @progbits
