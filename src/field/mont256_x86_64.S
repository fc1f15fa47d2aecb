/* Montgomery arithmetic modulo p < 2^255 for x86-64 (System V ABI):
 * multiplication with MULX, ADCX and ADOX (needs BMI2 and ADX, which
 * field_init checks), and addition and subtraction in the baseline ISA
 * (gcc -O2 turns the C versions' 128-bit carries into spills, 3× slower).
 *
 * The macros are in mont256_x86_64.inc; the C twins and test oracles are
 * the portable functions of mont256.c. */

    .text

#include "mont256_x86_64.inc"

/* void mont256_mul_adx(uint64_t r[4], const uint64_t a[4],
 *                         const uint64_t b[4], const mont256 *m) */
    .globl  mont256_mul_adx
    .type   mont256_mul_adx, @function
    .p2align 4
mont256_mul_adx:
    pushq   %rbx
    pushq   %r12
    pushq   %r13
    pushq   %r14
    movq    %rdx, %r14
    MMUL    %rdi, 0, %rsi, 0, %r14, 0, %rcx
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbx
    ret
    .size   mont256_mul_adx, .-mont256_mul_adx

/* void mont256_sqr_adx(uint64_t r[4], const uint64_t a[4], const mont256 *m) */
    .globl  mont256_sqr_adx
    .type   mont256_sqr_adx, @function
    .p2align 4
mont256_sqr_adx:
    PROLOGUE
    movq    %rdx, %rbp
    MSQR    %rdi, 0, %rsi, 0, %rbp
    EPILOGUE
    ret
    .size   mont256_sqr_adx, .-mont256_sqr_adx

/* void mont256_chord2_adx(uint64_t xy[2][4][4], uint64_t acc[2][4],
 *                            const uint64_t pre[2][4], const uint64_t den[2][4],
 *                            const mont256 *m)
 * Two independent steps of a batch of affine additions (mont256.h; the C
 * twin is mont256_chord2_portable). One step is a chain of four
 * dependent products whose latency exceeds their throughput, and it is
 * longer than the reorder window, so the two steps' operations alternate
 * here and the core runs each one while the other waits.
 * The products whose only uses are another product or a subtraction stay
 * below 2p without their last conditional subtraction ("lazy"; p < 2^254
 * makes inputs below 2p safe, mont256_x86_64.inc): 1/den, λ, λ² and
 * λ(x_B - x'); the subtractions that make x' and y' reduce fully, so every
 * output is canonical as the C twin's.
 * Registers: rdi = xy, rsi = acc, r14 = pre, r15 = den (read before the
 * first squaring, which clobbers r14 and r15), rbp = m. Stack, per step
 * i at 128·i: 1/den at 0, y_P - y_B and later x_B - x' at 32, λ at 64,
 * x' at 96. */
    .globl  mont256_chord2_adx
    .type   mont256_chord2_adx, @function
    .p2align 4
mont256_chord2_adx:
    PROLOGUE
    subq    $264, %rsp              /* 256 + 8 keeps rsp 16-byte aligned */
    movq    %r8, %rbp
    movq    %rdx, %r14
    movq    %rcx, %r15
    MMUL_LAZY %rsp, 0, %rsi, 0, %r14, 0, %rbp      /* 1/den = acc·pre (lazy) */
    MMUL_LAZY %rsp, 128, %rsi, 32, %r14, 32, %rbp
    MMUL    %rsi, 0, %rsi, 0, %r15, 0, %rbp        /* acc·den, the next inverse */
    MMUL    %rsi, 32, %rsi, 32, %r15, 32, %rbp
    MSUB    %rsp, 32, %rdi, 96, %rdi, 32, %rbp     /* y_P - y_B */
    MSUB    %rsp, 160, %rdi, 224, %rdi, 160, %rbp
    MMUL_LAZY %rsp, 64, %rsp, 32, %rsp, 0, %rbp    /* λ (lazy) */
    MMUL_LAZY %rsp, 192, %rsp, 160, %rsp, 128, %rbp
    MSQR_LAZY %rsp, 96, %rsp, 64, %rbp             /* λ² (lazy) */
    MSQR_LAZY %rsp, 224, %rsp, 192, %rbp
    MSUB    %rsp, 96, %rsp, 96, %rdi, 0, %rbp
    MSUB    %rsp, 224, %rsp, 224, %rdi, 128, %rbp
    MSUB_CANON %rsp, 96, %rsp, 96, %rdi, 64, %rbp  /* x' = λ² - x_B - x_P */
    MSUB_CANON %rsp, 224, %rsp, 224, %rdi, 192, %rbp
    MSUB    %rsp, 32, %rdi, 0, %rsp, 96, %rbp      /* x_B - x' */
    MSUB    %rsp, 160, %rdi, 128, %rsp, 224, %rbp
    MMUL_LAZY %rsp, 32, %rsp, 32, %rsp, 64, %rbp   /* (lazy) */
    MMUL_LAZY %rsp, 160, %rsp, 160, %rsp, 192, %rbp
    MSUB_CANON %rdi, 32, %rsp, 32, %rdi, 32, %rbp  /* y' = λ(x_B - x') - y_B */
    MSUB_CANON %rdi, 160, %rsp, 160, %rdi, 160, %rbp
    MCOPY   %rdi, 0, %rsp, 96
    MCOPY   %rdi, 128, %rsp, 224
    addq    $264, %rsp
    EPILOGUE
    ret
    .size   mont256_chord2_adx, .-mont256_chord2_adx

/* void mont256_add_x86(uint64_t r[4], const uint64_t a[4],
 *                         const uint64_t b[4], const mont256 *m)
 * r = a + b mod p, baseline x86-64 (no BMI2/ADX needed). With p < 2^255 the
 * sum fits in four words; subtract p unless that borrows. */
    .globl  mont256_add_x86
    .type   mont256_add_x86, @function
    .p2align 4
mont256_add_x86:
    pushq   %rbx
    movq    0(%rsi), %r8
    movq    8(%rsi), %r9
    movq    16(%rsi), %r10
    movq    24(%rsi), %r11
    addq    0(%rdx), %r8
    adcq    8(%rdx), %r9
    adcq    16(%rdx), %r10
    adcq    24(%rdx), %r11
    movq    %r8, %rax
    subq    0(%rcx), %rax
    movq    %r9, %rsi
    sbbq    8(%rcx), %rsi
    movq    %r10, %rdx
    sbbq    16(%rcx), %rdx
    movq    %r11, %rbx
    sbbq    24(%rcx), %rbx
    cmovcq  %r8, %rax
    cmovcq  %r9, %rsi
    cmovcq  %r10, %rdx
    cmovcq  %r11, %rbx
    movq    %rax, 0(%rdi)
    movq    %rsi, 8(%rdi)
    movq    %rdx, 16(%rdi)
    movq    %rbx, 24(%rdi)
    popq    %rbx
    ret
    .size   mont256_add_x86, .-mont256_add_x86

/* void mont256_sub_x86(uint64_t r[4], const uint64_t a[4],
 *                         const uint64_t b[4], const mont256 *m)
 * r = a - b mod p: subtract, then add p masked by the borrow. */
    .globl  mont256_sub_x86
    .type   mont256_sub_x86, @function
    .p2align 4
mont256_sub_x86:
    pushq   %rbx
    movq    0(%rsi), %r8
    movq    8(%rsi), %r9
    movq    16(%rsi), %r10
    movq    24(%rsi), %r11
    subq    0(%rdx), %r8
    sbbq    8(%rdx), %r9
    sbbq    16(%rdx), %r10
    sbbq    24(%rdx), %r11
    sbbq    %rax, %rax              /* rax = a < b ? all ones : 0 */
    movq    0(%rcx), %rsi
    movq    8(%rcx), %rdx
    movq    16(%rcx), %rbx
    movq    24(%rcx), %rcx
    andq    %rax, %rsi
    andq    %rax, %rdx
    andq    %rax, %rbx
    andq    %rax, %rcx
    addq    %rsi, %r8
    adcq    %rdx, %r9
    adcq    %rbx, %r10
    adcq    %rcx, %r11
    movq    %r8, 0(%rdi)
    movq    %r9, 8(%rdi)
    movq    %r10, 16(%rdi)
    movq    %r11, 24(%rdi)
    popq    %rbx
    ret
    .size   mont256_sub_x86, .-mont256_sub_x86

    .section .note.GNU-stack, "", @progbits
