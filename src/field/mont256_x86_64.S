/* Montgomery arithmetic modulo p < 2^255 for x86-64 (System V ABI):
 * multiplication with MULX, ADCX and ADOX (needs BMI2 and ADX, which
 * field_init checks), and addition and subtraction in the baseline ISA
 * (gcc -O2 turns the C versions' 128-bit carries into spills, 3× slower).
 *
 * The same CIOS algorithm as zk_mont256_mul_portable in mont256.c, which is
 * this file's twin and test oracle: four outer steps, each adding a·b_i and
 * then q·p so that the low word cancels. ADOX carries the chain of low
 * halves and ADCX the chain of high halves, so the two run interleaved
 * without saving flags ("Fast Prime Field Elliptic Curve Cryptography with
 * 256 Bit Primes", Gueron and Krasnov, 2014, for the two-carry-chain idea).
 *
 * The macros below compute on operands in memory (base register plus
 * offset) so that the fused kernels (zk_mont256_chord2_adx) can chain them
 * through the stack; each states the registers it uses. rdx is MULX's
 * implicit multiplier, r13/rbx take product halves, rax is zero. */

    .text

/* One outer step of CIOS: T += a·b_i, then T += q·p and T /= 2^64, for a at
 * \AO(\A), the word b_i at the memory operand \BI and the modulus at \M. */
.macro MSTEP A, AO, BI, M, T0, T1, T2, T3, T4
    movq    \BI, %rdx
    xorl    %eax, %eax              /* rax = 0 and CF = OF = 0 */
    mulxq   \AO+0(\A), %r13, %rbx
    adoxq   %r13, \T0
    adcxq   %rbx, \T1
    mulxq   \AO+8(\A), %r13, %rbx
    adoxq   %r13, \T1
    adcxq   %rbx, \T2
    mulxq   \AO+16(\A), %r13, %rbx
    adoxq   %r13, \T2
    adcxq   %rbx, \T3
    mulxq   \AO+24(\A), %r13, %rbx
    adoxq   %r13, \T3
    adcxq   %rbx, \T4
    adoxq   %rax, \T4               /* the sum is < 2^320: no carry leaves T4 */
    REDC_STEP \M, \T0, \T1, \T2, \T3, \T4
.endm

/* T += q·p with q = T0·n0 mod 2^64, so that T0 becomes exactly 0; the
 * five-word sum stays below 2^320. */
.macro REDC_STEP M, T0, T1, T2, T3, T4
    movq    \T0, %rdx
    imulq   32(\M), %rdx            /* q = T0·n0 mod 2^64 */
    xorl    %eax, %eax
    mulxq   0(\M), %r13, %rbx
    adoxq   %r13, \T0               /* T0 becomes exactly 0 */
    adcxq   %rbx, \T1
    mulxq   8(\M), %r13, %rbx
    adoxq   %r13, \T1
    adcxq   %rbx, \T2
    mulxq   16(\M), %r13, %rbx
    adoxq   %r13, \T2
    adcxq   %rbx, \T3
    mulxq   24(\M), %r13, %rbx
    adoxq   %r13, \T3
    adcxq   %rbx, \T4
    adoxq   %rax, \T4
.endm

/* (R0, R1, R2, R3) < 2p: subtract p unless that borrows, and store the
 * result at \OO(\O). Uses rax, rbx, rdx, r13. */
.macro CANON_STORE R0, R1, R2, R3, O, OO, M
    movq    \R0, %rax
    subq    0(\M), %rax
    movq    \R1, %rbx
    sbbq    8(\M), %rbx
    movq    \R2, %r13
    sbbq    16(\M), %r13
    movq    \R3, %rdx
    sbbq    24(\M), %rdx
    cmovcq  \R0, %rax
    cmovcq  \R1, %rbx
    cmovcq  \R2, %r13
    cmovcq  \R3, %rdx
    movq    %rax, \OO+0(\O)
    movq    %rbx, \OO+8(\O)
    movq    %r13, \OO+16(\O)
    movq    %rdx, \OO+24(\O)
.endm

/* \OO(\O) = a·b·R^-1 mod p for a at \AO(\A), b at \BO(\B), the modulus at
 * \M. The five accumulator words rotate through r8..r12: after each step
 * the low word is exactly zero and becomes the next step's top word. The
 * output is written last, so it may alias a or b. Uses rax, rbx, rdx,
 * r8..r13. */
.macro MMUL O, OO, A, AO, B, BO, M
    xorl    %r8d, %r8d
    xorl    %r9d, %r9d
    xorl    %r10d, %r10d
    xorl    %r11d, %r11d
    xorl    %r12d, %r12d
    MSTEP   \A, \AO, \BO+0(\B),  \M, %r8,  %r9,  %r10, %r11, %r12
    MSTEP   \A, \AO, \BO+8(\B),  \M, %r9,  %r10, %r11, %r12, %r8
    MSTEP   \A, \AO, \BO+16(\B), \M, %r10, %r11, %r12, %r8,  %r9
    MSTEP   \A, \AO, \BO+24(\B), \M, %r11, %r12, %r8,  %r9,  %r10
    CANON_STORE %r12, %r8, %r9, %r10, \O, \OO, \M
.endm

/* \OO(\O) = a^2·R^-1 mod p for a at \AO(\A): the 512-bit square with each
 * cross product a_i·a_j (i < j) taken once and doubled (10 MULX instead of
 * 16), then four reduction steps on its low half, whose result (below
 * p + 1) plus the high half is below 2p. Product words W0..W7 in r8..r15.
 * Uses rax, rbx, rcx, rdx, r8..r15; \A must be none of those, and the
 * output may alias a. */
.macro MSQR O, OO, A, AO, M
    movq    \AO+0(\A), %rdx
    mulxq   \AO+8(\A), %r9, %r10    /* a0·a1 at W1 */
    mulxq   \AO+16(\A), %rax, %r11  /* a0·a2 at W2 */
    mulxq   \AO+24(\A), %rbx, %r12  /* a0·a3 at W3 */
    addq    %rax, %r10
    adcq    %rbx, %r11
    adcq    $0, %r12
    movq    \AO+8(\A), %rdx
    mulxq   \AO+16(\A), %rax, %rbx  /* a1·a2 at W3 */
    mulxq   \AO+24(\A), %rcx, %r13  /* a1·a3 at W4 */
    addq    %rax, %r11
    adcq    %rbx, %r12
    adcq    $0, %r13                /* a3 < 2^63, so a1·a3's top word has room */
    addq    %rcx, %r12
    adcq    $0, %r13
    movq    \AO+16(\A), %rdx
    mulxq   \AO+24(\A), %rax, %r14  /* a2·a3 at W5 */
    addq    %rax, %r13
    adcq    $0, %r14
    xorl    %r15d, %r15d            /* double W1..W6 into W1..W7 */
    addq    %r9, %r9
    adcq    %r10, %r10
    adcq    %r11, %r11
    adcq    %r12, %r12
    adcq    %r13, %r13
    adcq    %r14, %r14
    adcq    %r15, %r15
    movq    \AO+0(\A), %rdx         /* the squares a_i^2 at W(2i); mov and */
    mulxq   %rdx, %r8, %rax         /* MULX leave the carry alone */
    addq    %rax, %r9
    movq    \AO+8(\A), %rdx
    mulxq   %rdx, %rax, %rbx
    adcq    %rax, %r10
    adcq    %rbx, %r11
    movq    \AO+16(\A), %rdx
    mulxq   %rdx, %rax, %rbx
    adcq    %rax, %r12
    adcq    %rbx, %r13
    movq    \AO+24(\A), %rdx
    mulxq   %rdx, %rax, %rbx
    adcq    %rax, %r14
    adcq    %rbx, %r15
    /* The high half waits in the output (a is no longer read) while W0..W3
     * are reduced, the fifth word rotating in as each low word clears. */
    movq    %r12, \OO+0(\O)
    movq    %r13, \OO+8(\O)
    movq    %r14, \OO+16(\O)
    movq    %r15, \OO+24(\O)
    xorl    %ecx, %ecx
    REDC_STEP \M, %r8,  %r9,  %r10, %r11, %rcx
    REDC_STEP \M, %r9,  %r10, %r11, %rcx, %r8
    REDC_STEP \M, %r10, %r11, %rcx, %r8,  %r9
    REDC_STEP \M, %r11, %rcx, %r8,  %r9,  %r10
    addq    \OO+0(\O), %rcx
    adcq    \OO+8(\O), %r8
    adcq    \OO+16(\O), %r9
    adcq    \OO+24(\O), %r10
    CANON_STORE %rcx, %r8, %r9, %r10, \O, \OO, \M
.endm

/* \OO(\O) = a - b mod p for a at \AO(\A), b at \BO(\B): subtract, then add p
 * masked by the borrow. Uses rax, rbx, rdx, r8..r13; the output may alias
 * either input. */
.macro MSUB O, OO, A, AO, B, BO, M
    movq    \AO+0(\A), %r8
    movq    \AO+8(\A), %r9
    movq    \AO+16(\A), %r10
    movq    \AO+24(\A), %r11
    subq    \BO+0(\B), %r8
    sbbq    \BO+8(\B), %r9
    sbbq    \BO+16(\B), %r10
    sbbq    \BO+24(\B), %r11
    sbbq    %rax, %rax              /* all ones when a < b */
    movq    0(\M), %rbx
    movq    8(\M), %rdx
    movq    16(\M), %r12
    movq    24(\M), %r13
    andq    %rax, %rbx
    andq    %rax, %rdx
    andq    %rax, %r12
    andq    %rax, %r13
    addq    %rbx, %r8
    adcq    %rdx, %r9
    adcq    %r12, %r10
    adcq    %r13, %r11
    movq    %r8, \OO+0(\O)
    movq    %r9, \OO+8(\O)
    movq    %r10, \OO+16(\O)
    movq    %r11, \OO+24(\O)
.endm

/* Copies four words from \AO(\A) to \OO(\O). Uses rax, rbx, rcx, rdx. */
.macro MCOPY O, OO, A, AO
    movq    \AO+0(\A), %rax
    movq    \AO+8(\A), %rbx
    movq    \AO+16(\A), %rcx
    movq    \AO+24(\A), %rdx
    movq    %rax, \OO+0(\O)
    movq    %rbx, \OO+8(\O)
    movq    %rcx, \OO+16(\O)
    movq    %rdx, \OO+24(\O)
.endm

/* void zk_mont256_mul_adx(uint64_t r[4], const uint64_t a[4],
 *                         const uint64_t b[4], const zk_mont256 *m) */
    .globl  zk_mont256_mul_adx
    .type   zk_mont256_mul_adx, @function
    .p2align 4
zk_mont256_mul_adx:
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
    .size   zk_mont256_mul_adx, .-zk_mont256_mul_adx

/* void zk_mont256_sqr_adx(uint64_t r[4], const uint64_t a[4], const zk_mont256 *m) */
    .globl  zk_mont256_sqr_adx
    .type   zk_mont256_sqr_adx, @function
    .p2align 4
zk_mont256_sqr_adx:
    pushq   %rbx
    pushq   %rbp
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    movq    %rdx, %rbp
    MSQR    %rdi, 0, %rsi, 0, %rbp
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbp
    popq    %rbx
    ret
    .size   zk_mont256_sqr_adx, .-zk_mont256_sqr_adx

/* void zk_mont256_chord2_adx(uint64_t xy[2][4][4], uint64_t acc[2][4],
 *                            const uint64_t pre[2][4], const uint64_t den[2][4],
 *                            const zk_mont256 *m)
 * Two independent steps of a batch of affine additions (mont256.h; the C
 * twin is zk_mont256_chord2_portable). One step is a chain of four
 * dependent products whose latency exceeds their throughput, and it is
 * longer than the reorder window, so the two steps' operations alternate
 * here and the core runs each one while the other waits.
 * Registers: rdi = xy, rsi = acc, r14 = pre, r15 = den (read before the
 * first squaring, which clobbers r14 and r15), rbp = m. Stack, per step
 * i at 128·i: 1/den at 0, y_P - y_B and later x_B - x' at 32, λ at 64,
 * x' at 96. */
    .globl  zk_mont256_chord2_adx
    .type   zk_mont256_chord2_adx, @function
    .p2align 4
zk_mont256_chord2_adx:
    pushq   %rbx
    pushq   %rbp
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    subq    $264, %rsp              /* 256 + 8 keeps rsp 16-byte aligned */
    movq    %r8, %rbp
    movq    %rdx, %r14
    movq    %rcx, %r15
    MMUL    %rsp, 0, %rsi, 0, %r14, 0, %rbp        /* 1/den = acc·pre */
    MMUL    %rsp, 128, %rsi, 32, %r14, 32, %rbp
    MMUL    %rsi, 0, %rsi, 0, %r15, 0, %rbp        /* acc·den, the next inverse */
    MMUL    %rsi, 32, %rsi, 32, %r15, 32, %rbp
    MSUB    %rsp, 32, %rdi, 96, %rdi, 32, %rbp     /* y_P - y_B */
    MSUB    %rsp, 160, %rdi, 224, %rdi, 160, %rbp
    MMUL    %rsp, 64, %rsp, 32, %rsp, 0, %rbp      /* λ */
    MMUL    %rsp, 192, %rsp, 160, %rsp, 128, %rbp
    MSQR    %rsp, 96, %rsp, 64, %rbp               /* λ² */
    MSQR    %rsp, 224, %rsp, 192, %rbp
    MSUB    %rsp, 96, %rsp, 96, %rdi, 0, %rbp
    MSUB    %rsp, 224, %rsp, 224, %rdi, 128, %rbp
    MSUB    %rsp, 96, %rsp, 96, %rdi, 64, %rbp     /* x' = λ² - x_B - x_P */
    MSUB    %rsp, 224, %rsp, 224, %rdi, 192, %rbp
    MSUB    %rsp, 32, %rdi, 0, %rsp, 96, %rbp      /* x_B - x' */
    MSUB    %rsp, 160, %rdi, 128, %rsp, 224, %rbp
    MMUL    %rsp, 32, %rsp, 32, %rsp, 64, %rbp
    MMUL    %rsp, 160, %rsp, 160, %rsp, 192, %rbp
    MSUB    %rdi, 32, %rsp, 32, %rdi, 32, %rbp     /* y' = λ(x_B - x') - y_B */
    MSUB    %rdi, 160, %rsp, 160, %rdi, 160, %rbp
    MCOPY   %rdi, 0, %rsp, 96
    MCOPY   %rdi, 128, %rsp, 224
    addq    $264, %rsp
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbp
    popq    %rbx
    ret
    .size   zk_mont256_chord2_adx, .-zk_mont256_chord2_adx

/* void zk_mont256_add_x86(uint64_t r[4], const uint64_t a[4],
 *                         const uint64_t b[4], const zk_mont256 *m)
 * r = a + b mod p, baseline x86-64 (no BMI2/ADX needed). With p < 2^255 the
 * sum fits in four words; subtract p unless that borrows. */
    .globl  zk_mont256_add_x86
    .type   zk_mont256_add_x86, @function
    .p2align 4
zk_mont256_add_x86:
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
    .size   zk_mont256_add_x86, .-zk_mont256_add_x86

/* void zk_mont256_sub_x86(uint64_t r[4], const uint64_t a[4],
 *                         const uint64_t b[4], const zk_mont256 *m)
 * r = a - b mod p: subtract, then add p masked by the borrow. */
    .globl  zk_mont256_sub_x86
    .type   zk_mont256_sub_x86, @function
    .p2align 4
zk_mont256_sub_x86:
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
    .size   zk_mont256_sub_x86, .-zk_mont256_sub_x86

    .section .note.GNU-stack, "", @progbits
