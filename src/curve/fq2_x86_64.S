/* Fq2 = Fq[u]/(u^2 + 1) multiplication and squaring for x86-64 with
 * MULX/ADCX/ADOX (BMI2 + ADX), with lazy reduction: full 512-bit products
 * are combined first and only two Montgomery reductions are made per Fq2
 * result instead of three (mul) or two plus extra additions (sqr).
 * The C functions of the same names in fq2.c, built from fq_mul, are the
 * portable twins and the tests' second opinion; fq2.c calls these only
 * when the MULX/ADX field kernels are selected.
 *
 * Bounds (q < 2^254, R = 2^256; REDC(X) = X·R^-1 mod q is < 2q, hence
 * canonical after one conditional subtraction, whenever X < q·R):
 *   mul: c1 = REDC((a0 + a1)(b0 + b1) - a0 b0 - a1 b1) with the argument
 *        a0 b1 + a1 b0 < 2q^2 < qR; c0 = REDC(a0 b0 - a1 b1 (+ q·R if
 *        negative)), in [0, qR). The sums a0 + a1 < 2q < 2^255 need no
 *        reduction and their product is < 4q^2 < 2^512.
 *   sqr: c0 = REDC((a0 + a1)(a0 - a1 + q)) with argument < 4q^2 < qR
 *        (4q < R); c1 = REDC(a0·(a1 + a1)) with argument < 2q^2.
 * (Aranha, Karabina, Longa, Gebotys, López, "Faster explicit formulas for
 * computing pairings over ordinary curves", Eurocrypt 2011, for lazy
 * reduction in Fq2.)
 *
 * System V ABI. The modulus comes in as a const mont256 * (p at offset
 * 0, n0 at 32), kept in rbp. */

    .text

#include "../field/mont256_x86_64.inc"

/* One row of a 4x4 product: T0..T3 += a·bi (a at \AO(\A)), T4 = top word,
 * and the finished low word T0 goes to \OUT(%rsp). The sum is < 2^320, so
 * nothing carries out of T4. Uses rax, rbx, rdx. */
.macro MUL_ROW A, AO, BI, OUT, T0, T1, T2, T3, T4
    movq    \BI, %rdx
    xorq    \T4, \T4                /* T4 = 0, CF = OF = 0 */
    MULX_ROW \A, \AO, %rax, %rbx, \T0, \T1, \T2, \T3, \T4
    movl    $0, %eax                /* mov keeps the flags */
    adoxq   %rax, \T4
    movq    \T0, \OUT(%rsp)
.endm

/* The 512-bit product of the 256-bit integers at \AO(\A) and \BO(\B) into
 * eight words at \OUT(%rsp). Uses rax, rbx, rdx, r8..r12. */
.macro MUL_4x4 A, AO, B, BO, OUT
    movq    \BO+0(\B), %rdx
    mulxq   \AO+0(\A), %r8, %r9
    mulxq   \AO+8(\A), %rax, %r10
    addq    %rax, %r9
    mulxq   \AO+16(\A), %rax, %r11
    adcq    %rax, %r10
    mulxq   \AO+24(\A), %rax, %r12
    adcq    %rax, %r11
    adcq    $0, %r12
    movq    %r8, \OUT(%rsp)
    MUL_ROW \A, \AO, \BO+8(\B),  \OUT+8,  %r9,  %r10, %r11, %r12, %r8
    MUL_ROW \A, \AO, \BO+16(\B), \OUT+16, %r10, %r11, %r12, %r8,  %r9
    MUL_ROW \A, \AO, \BO+24(\B), \OUT+24, %r11, %r12, %r8,  %r9,  %r10
    movq    %r12, \OUT+32(%rsp)
    movq    %r8,  \OUT+40(%rsp)
    movq    %r9,  \OUT+48(%rsp)
    movq    %r10, \OUT+56(%rsp)
.endm

/* One Montgomery reduction step on X = (X0..X7 in r8..r15): add m·p·2^(64i)
 * with m = Xi·n0 so that Xi becomes 0, carrying to the top. The running sum
 * stays < 2·q·R < 2^512, so no carry leaves the top word. Uses rax, rbx,
 * rcx, rdx; p and n0 at (rbp). */
.macro REDC8_STEP XI, X1, X2, X3, X4, REST:vararg
    movq    \XI, %rdx
    imulq   32(%rbp), %rdx
    xorl    %ecx, %ecx
    MULX_ROW %rbp, 0, %rax, %rbx, \XI, \X1, \X2, \X3, \X4
    adoxq   %rcx, \X4
    .ifnb   \REST
    .irp    R, \REST
    adcxq   %rcx, \R
    adoxq   %rcx, \R
    .endr
    .endif
.endm

/* (r8..r15) < q·R  ->  REDC into \OO(\O), canonical. Clobbers rax, rbx,
 * rcx, rdx, r8..r15. */
.macro REDC_STORE O, OO
    REDC8_STEP %r8,  %r9,  %r10, %r11, %r12, %r13, %r14, %r15
    REDC8_STEP %r9,  %r10, %r11, %r12, %r13, %r14, %r15
    REDC8_STEP %r10, %r11, %r12, %r13, %r14, %r15
    REDC8_STEP %r11, %r12, %r13, %r14, %r15
    /* (r12..r15) < 2q: subtract q unless that borrows. */
    CANON_STORE %r12, %r13, %r14, %r15, \O, \OO, %rbp, %rax, %rbx, %rcx, %rdx
.endm

/* Loads the eight words at \OFF(%rsp) into r8..r15. */
.macro LOAD8 OFF
    movq    \OFF+0(%rsp), %r8
    movq    \OFF+8(%rsp), %r9
    movq    \OFF+16(%rsp), %r10
    movq    \OFF+24(%rsp), %r11
    movq    \OFF+32(%rsp), %r12
    movq    \OFF+40(%rsp), %r13
    movq    \OFF+48(%rsp), %r14
    movq    \OFF+56(%rsp), %r15
.endm

/* Stores r8..r15 as eight words at \OFF(%rsp). */
.macro STORE8 OFF
    movq    %r8, \OFF+0(%rsp)
    movq    %r9, \OFF+8(%rsp)
    movq    %r10, \OFF+16(%rsp)
    movq    %r11, \OFF+24(%rsp)
    movq    %r12, \OFF+32(%rsp)
    movq    %r13, \OFF+40(%rsp)
    movq    %r14, \OFF+48(%rsp)
    movq    %r15, \OFF+56(%rsp)
.endm

/* r8..r15 -= the eight words at \OFF(%rsp); leaves the borrow in CF. */
.macro SUB8 OFF
    subq    \OFF+0(%rsp), %r8
    sbbq    \OFF+8(%rsp), %r9
    sbbq    \OFF+16(%rsp), %r10
    sbbq    \OFF+24(%rsp), %r11
    sbbq    \OFF+32(%rsp), %r12
    sbbq    \OFF+40(%rsp), %r13
    sbbq    \OFF+48(%rsp), %r14
    sbbq    \OFF+56(%rsp), %r15
.endm

/* \DST(%rsp) = the 256-bit sum of the words at \AO(\A) and \BO(\B) (no
 * reduction: both are < q, so the sum is < 2^255). Uses rax, rbx, rcx,
 * rdx. */
.macro ADD4_NORED DST, A, AO, B, BO
    movq    \AO+0(\A), %rax
    movq    \AO+8(\A), %rbx
    movq    \AO+16(\A), %rcx
    movq    \AO+24(\A), %rdx
    addq    \BO+0(\B), %rax
    adcq    \BO+8(\B), %rbx
    adcq    \BO+16(\B), %rcx
    adcq    \BO+24(\B), %rdx
    movq    %rax, \DST+0(%rsp)
    movq    %rbx, \DST+8(%rsp)
    movq    %rcx, \DST+16(%rsp)
    movq    %rdx, \DST+24(%rsp)
.endm

/* \OO(\O) = a·b in Fq2 for a at \AO(\A), b at \BO(\B), with q at (rbp) and
 * 256 bytes of scratch at \S(%rsp): s = a0 + a1 at S, t = b0 + b1 at S+32,
 * a0 b0 at S+64, a1 b1 at S+128, s·t at S+192. The output is written after
 * the last read of a and b, so it may alias them. \O, \A and \B must be
 * rsp, rsi or rdi. Uses rax, rbx, rcx, rdx, r8..r15. */
.macro FQ2_MUL O, OO, A, AO, B, BO, S
    ADD4_NORED \S+0, \A, \AO, \A, \AO+32
    ADD4_NORED \S+32, \B, \BO, \B, \BO+32
    MUL_4x4 \A, \AO, \B, \BO, \S+64
    MUL_4x4 \A, \AO+32, \B, \BO+32, \S+128
    MUL_4x4 %rsp, \S+0, %rsp, \S+32, \S+192

    /* c1 = REDC(s·t - a0 b0 - a1 b1); never negative. */
    LOAD8   \S+192
    SUB8    \S+64
    SUB8    \S+128
    REDC_STORE \O, \OO+32

    /* c0 = REDC(a0 b0 - a1 b1), plus q·R when that is negative. */
    LOAD8   \S+64
    SUB8    \S+128
    sbbq    %rax, %rax              /* all ones on borrow */
    movq    0(%rbp), %rbx
    movq    8(%rbp), %rcx
    movq    16(%rbp), %rdx
    andq    %rax, %rbx
    andq    %rax, %rcx
    andq    %rax, %rdx
    andq    24(%rbp), %rax
    addq    %rbx, %r12
    adcq    %rcx, %r13
    adcq    %rdx, %r14
    adcq    %rax, %r15              /* the carry out cancels the borrow */
    REDC_STORE \O, \OO+0
.endm

/* \OO(\O) = a^2 in Fq2 for a at \AO(\A), with q at (rbp) and 224 bytes of
 * scratch at \S(%rsp): a0 + a1 at S, a0 - a1 + q at S+32, a1 + a1 at S+64,
 * the two products at S+96 and S+160. The output may alias a. \O and \A
 * must be rsp, rsi or rdi. Uses rax, rbx, rcx, rdx, r8..r15. */
.macro FQ2_SQR O, OO, A, AO, S
    ADD4_NORED \S+0, \A, \AO, \A, \AO+32
    ADD4_NORED \S+64, \A, \AO+32, \A, \AO+32
    /* a0 - a1 + q, in (0, 2q). */
    movq    \AO+0(\A), %rax
    movq    \AO+8(\A), %rbx
    movq    \AO+16(\A), %rcx
    movq    \AO+24(\A), %rdx
    addq    0(%rbp), %rax
    adcq    8(%rbp), %rbx
    adcq    16(%rbp), %rcx
    adcq    24(%rbp), %rdx
    subq    \AO+32(\A), %rax
    sbbq    \AO+40(\A), %rbx
    sbbq    \AO+48(\A), %rcx
    sbbq    \AO+56(\A), %rdx
    movq    %rax, \S+32(%rsp)
    movq    %rbx, \S+40(%rsp)
    movq    %rcx, \S+48(%rsp)
    movq    %rdx, \S+56(%rsp)

    MUL_4x4 %rsp, \S+0, %rsp, \S+32, \S+96
    MUL_4x4 \A, \AO, %rsp, \S+64, \S+160

    /* a is not read after this point. */
    LOAD8   \S+160
    REDC_STORE \O, \OO+32
    LOAD8   \S+96
    REDC_STORE \O, \OO+0
.endm

/* void fq2_mul_adx(fq2_t *r, const fq2_t *a, const fq2_t *b, const mont256 *m)
 * b is copied to the stack (at 256), as FQ2_MUL has two pointer registers
 * to spare. r may alias a or b. */
    .globl  fq2_mul_adx
    .type   fq2_mul_adx, @function
    .p2align 4
fq2_mul_adx:
    PROLOGUE
    subq    $328, %rsp              /* 320 + 8 keeps rsp 16-byte aligned */
    movq    %rcx, %rbp
    movq    %rdx, %r8
    MCOPY   %rsp, 256, %r8, 0
    MCOPY   %rsp, 288, %r8, 32
    FQ2_MUL %rdi, 0, %rsi, 0, %rsp, 256, 0
    addq    $328, %rsp
    EPILOGUE
    ret
    .size   fq2_mul_adx, .-fq2_mul_adx

/* void fq2_sqr_adx(fq2_t *r, const fq2_t *a, const mont256 *m) */
    .globl  fq2_sqr_adx
    .type   fq2_sqr_adx, @function
    .p2align 4
fq2_sqr_adx:
    PROLOGUE
    subq    $232, %rsp              /* 224 + 8 keeps rsp 16-byte aligned */
    movq    %rdx, %rbp
    FQ2_SQR %rdi, 0, %rsi, 0, 0
    addq    $232, %rsp
    EPILOGUE
    ret
    .size   fq2_sqr_adx, .-fq2_sqr_adx

/* void fq2_norm_adx(fq_t *r, const fq2_t *a, const mont256 *m)
 * r = a0² + a1², the norm of a (so 1/a = conj(a)/r), with one reduction:
 * the sum of the two 512-bit squares is below 2q² < q·R. Stack: a0² at 0,
 * a1² at 64. SQR_4x4 leaves rsi alone. */
    .globl  fq2_norm_adx
    .type   fq2_norm_adx, @function
    .p2align 4
fq2_norm_adx:
    PROLOGUE
    subq    $136, %rsp              /* 128 + 8 keeps rsp 16-byte aligned */
    movq    %rdx, %rbp
    SQR_4x4 %rsi, 0
    STORE8  0
    SQR_4x4 %rsi, 32
    STORE8  64
    LOAD8   0
    addq    64(%rsp), %r8
    adcq    72(%rsp), %r9
    adcq    80(%rsp), %r10
    adcq    88(%rsp), %r11
    adcq    96(%rsp), %r12
    adcq    104(%rsp), %r13
    adcq    112(%rsp), %r14
    adcq    120(%rsp), %r15
    REDC_STORE %rdi, 0
    addq    $136, %rsp
    EPILOGUE
    ret
    .size   fq2_norm_adx, .-fq2_norm_adx

/* void fq2_chord2_adx(msm_x4_slot_g2 s[2], fq_t acc[2], const fq_t pre[2],
 *                        const fq_t nrm[2], const fq2_t cden[2], const mont256 *m)
 * Two independent steps of the walk back of a batch of affine additions in
 * G2 (curve/msm_x4.c, whose x4_chord_g2 is the C twin): for each i, with
 * slot s[i] = {x_B, y_B, x_P, y_P}, the conjugate cden of its denominator
 * x_P - x_B, that denominator's norm nrm and the chain values acc and pre
 * (mont256_chord2's, over the norms),
 *   1/N = acc·pre, acc ← acc·N, 1/den = cden·(1/N),
 *   λ = (y_P - y_B)/den, x' = λ² - x_B - x_P, y' = λ(x_B - x') - y_B
 * into (x_B, y_B). The two steps' operations alternate, as in
 * mont256_chord2_adx. Stack: scratch at 0 (256 bytes); per step i at
 * 256 + 288·i: 1/N at 0, 1/den at 32, λ at 96, x' at 160, y_P - y_B and
 * later x_B - x' at 224. Registers: rdi = s (steps 256 bytes apart),
 * rsi = acc, r14 = pre, r15 = nrm, rcx = cden (read before the first Fq2
 * product, which clobbers them), rbp = m. */
    .globl  fq2_chord2_adx
    .type   fq2_chord2_adx, @function
    .p2align 4
fq2_chord2_adx:
    PROLOGUE
    subq    $840, %rsp              /* 832 + 8 keeps rsp 16-byte aligned */
    movq    %r9, %rbp
    movq    %rdx, %r14
    movq    %rcx, %r15
    movq    %r8, %rcx
    MMUL_LAZY %rsp, 256, %rsi, 0, %r14, 0, %rbp     /* 1/N = acc·pre, below 2p: */
    MMUL_LAZY %rsp, 544, %rsi, 32, %r14, 32, %rbp   /* only MMUL reads it */
    MMUL    %rsi, 0, %rsi, 0, %r15, 0, %rbp         /* acc·N, the next inverse */
    MMUL    %rsi, 32, %rsi, 32, %r15, 32, %rbp
    MMUL    %rsp, 288, %rcx, 0, %rsp, 256, %rbp     /* 1/den = cden/N */
    MMUL    %rsp, 576, %rcx, 64, %rsp, 544, %rbp
    MMUL    %rsp, 320, %rcx, 32, %rsp, 256, %rbp
    MMUL    %rsp, 608, %rcx, 96, %rsp, 544, %rbp
    MSUB    %rsp, 480, %rdi, 192, %rdi, 64, %rbp    /* y_P - y_B */
    MSUB    %rsp, 512, %rdi, 224, %rdi, 96, %rbp
    MSUB    %rsp, 768, %rdi, 448, %rdi, 320, %rbp
    MSUB    %rsp, 800, %rdi, 480, %rdi, 352, %rbp
    FQ2_MUL %rsp, 352, %rsp, 480, %rsp, 288, 0      /* λ */
    FQ2_MUL %rsp, 640, %rsp, 768, %rsp, 576, 0
    FQ2_SQR %rsp, 416, %rsp, 352, 0                 /* λ² */
    FQ2_SQR %rsp, 704, %rsp, 640, 0
    MSUB    %rsp, 416, %rsp, 416, %rdi, 0, %rbp     /* x' = λ² - x_B - x_P */
    MSUB    %rsp, 448, %rsp, 448, %rdi, 32, %rbp
    MSUB    %rsp, 704, %rsp, 704, %rdi, 256, %rbp
    MSUB    %rsp, 736, %rsp, 736, %rdi, 288, %rbp
    MSUB    %rsp, 416, %rsp, 416, %rdi, 128, %rbp
    MSUB    %rsp, 448, %rsp, 448, %rdi, 160, %rbp
    MSUB    %rsp, 704, %rsp, 704, %rdi, 384, %rbp
    MSUB    %rsp, 736, %rsp, 736, %rdi, 416, %rbp
    MSUB    %rsp, 480, %rdi, 0, %rsp, 416, %rbp     /* x_B - x' */
    MSUB    %rsp, 512, %rdi, 32, %rsp, 448, %rbp
    MSUB    %rsp, 768, %rdi, 256, %rsp, 704, %rbp
    MSUB    %rsp, 800, %rdi, 288, %rsp, 736, %rbp
    FQ2_MUL %rsp, 480, %rsp, 480, %rsp, 352, 0
    FQ2_MUL %rsp, 768, %rsp, 768, %rsp, 640, 0
    MSUB    %rdi, 64, %rsp, 480, %rdi, 64, %rbp     /* y' = λ(x_B - x') - y_B */
    MSUB    %rdi, 96, %rsp, 512, %rdi, 96, %rbp
    MSUB    %rdi, 320, %rsp, 768, %rdi, 320, %rbp
    MSUB    %rdi, 352, %rsp, 800, %rdi, 352, %rbp
    MCOPY   %rdi, 0, %rsp, 416
    MCOPY   %rdi, 32, %rsp, 448
    MCOPY   %rdi, 256, %rsp, 704
    MCOPY   %rdi, 288, %rsp, 736
    addq    $840, %rsp
    EPILOGUE
    ret
    .size   fq2_chord2_adx, .-fq2_chord2_adx

/* ---- ξ multiplication (baseline x86-64) ---------------------------------
 * Four-word values in r8..r11 ("T"), r12..r15 as scratch, the modulus at
 * (rcx). All values stay below q < 2^254, so no sum below overflows. */

/* T = 2T mod q. */
.macro DBL_T
    addq    %r8, %r8
    adcq    %r9, %r9
    adcq    %r10, %r10
    adcq    %r11, %r11
    SUBQ_IF_GE
.endm

/* T = T + \OFF(\BASE) mod q. */
.macro ADD_T OFF, BASE
    addq    \OFF+0(\BASE), %r8
    adcq    \OFF+8(\BASE), %r9
    adcq    \OFF+16(\BASE), %r10
    adcq    \OFF+24(\BASE), %r11
    SUBQ_IF_GE
.endm

/* T < 2q -> T mod q: keep T - q unless it borrows. */
.macro SUBQ_IF_GE
    movq    %r8, %r12
    subq    0(%rcx), %r12
    movq    %r9, %r13
    sbbq    8(%rcx), %r13
    movq    %r10, %r14
    sbbq    16(%rcx), %r14
    movq    %r11, %r15
    sbbq    24(%rcx), %r15
    cmovncq %r12, %r8
    cmovncq %r13, %r9
    cmovncq %r14, %r10
    cmovncq %r15, %r11
.endm

/* T = T - \OFF(\BASE) mod q: add q back when the subtraction borrows. */
.macro SUB_T OFF, BASE
    subq    \OFF+0(\BASE), %r8
    sbbq    \OFF+8(\BASE), %r9
    sbbq    \OFF+16(\BASE), %r10
    sbbq    \OFF+24(\BASE), %r11
    sbbq    %rax, %rax
    movq    0(%rcx), %r12
    movq    8(%rcx), %r13
    movq    16(%rcx), %r14
    movq    24(%rcx), %r15
    andq    %rax, %r12
    andq    %rax, %r13
    andq    %rax, %r14
    andq    %rax, %r15
    addq    %r12, %r8
    adcq    %r13, %r9
    adcq    %r14, %r10
    adcq    %r15, %r11
.endm

/* T = 9·x mod q for x at \OFF(\BASE), as 8x + x. */
.macro NINE_T OFF, BASE
    movq    \OFF+0(\BASE), %r8
    movq    \OFF+8(\BASE), %r9
    movq    \OFF+16(\BASE), %r10
    movq    \OFF+24(\BASE), %r11
    DBL_T
    DBL_T
    DBL_T
    ADD_T   \OFF, \BASE
.endm

/* void fq2_mul_xi_x86(fq2_t *r, const fq2_t *a, const mont256 *m)
 * r = a·(9 + u) = (9 a0 - a1) + (a0 + 9 a1) u. c0 waits in rbx, rbp, rdx
 * and a stack slot while c1 is formed, since r may alias a. */
    .globl  fq2_mul_xi_x86
    .type   fq2_mul_xi_x86, @function
    .p2align 4
fq2_mul_xi_x86:
    PROLOGUE
    movq    %rdx, %rcx
    NINE_T  0, %rsi
    SUB_T   32, %rsi
    movq    %r8, %rbx
    movq    %r9, %rbp
    movq    %r10, %rdx
    pushq   %r11
    NINE_T  32, %rsi
    ADD_T   0, %rsi
    popq    %rax
    movq    %rbx, 0(%rdi)
    movq    %rbp, 8(%rdi)
    movq    %rdx, 16(%rdi)
    movq    %rax, 24(%rdi)
    movq    %r8, 32(%rdi)
    movq    %r9, 40(%rdi)
    movq    %r10, 48(%rdi)
    movq    %r11, 56(%rdi)
    EPILOGUE
    ret
    .size   fq2_mul_xi_x86, .-fq2_mul_xi_x86

    .section .note.GNU-stack, "", @progbits
