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
 * The five accumulator words rotate through r8..r12: after each step the low
 * word is exactly zero and becomes the next step's top word.
 *
 * Register use: rdi = r, rsi = a, r14 = b, rcx = m (p[0..3] at 0..24,
 * n0 at 32), rdx = multiplier for MULX, r13/rbx = product halves,
 * rax = zero. */

    .text

/* One outer step: T += a·b[\off/8], then T += q·p and T /= 2^64. */
.macro MONT_STEP off, T0, T1, T2, T3, T4
    movq    \off(%r14), %rdx
    xorl    %eax, %eax              /* rax = 0 and CF = OF = 0 */
    mulxq   0(%rsi), %r13, %rbx
    adoxq   %r13, \T0
    adcxq   %rbx, \T1
    mulxq   8(%rsi), %r13, %rbx
    adoxq   %r13, \T1
    adcxq   %rbx, \T2
    mulxq   16(%rsi), %r13, %rbx
    adoxq   %r13, \T2
    adcxq   %rbx, \T3
    mulxq   24(%rsi), %r13, %rbx
    adoxq   %r13, \T3
    adcxq   %rbx, \T4
    adoxq   %rax, \T4               /* the sum is < 2^320: no carry leaves T4 */

    movq    \T0, %rdx
    imulq   32(%rcx), %rdx          /* q = T0·n0 mod 2^64 */
    xorl    %eax, %eax
    mulxq   0(%rcx), %r13, %rbx
    adoxq   %r13, \T0               /* T0 becomes exactly 0 */
    adcxq   %rbx, \T1
    mulxq   8(%rcx), %r13, %rbx
    adoxq   %r13, \T1
    adcxq   %rbx, \T2
    mulxq   16(%rcx), %r13, %rbx
    adoxq   %r13, \T2
    adcxq   %rbx, \T3
    mulxq   24(%rcx), %r13, %rbx
    adoxq   %r13, \T3
    adcxq   %rbx, \T4
    adoxq   %rax, \T4               /* T1..T4 < 2p now */
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
    xorl    %r8d, %r8d
    xorl    %r9d, %r9d
    xorl    %r10d, %r10d
    xorl    %r11d, %r11d
    xorl    %r12d, %r12d

    MONT_STEP 0,  %r8,  %r9,  %r10, %r11, %r12
    MONT_STEP 8,  %r9,  %r10, %r11, %r12, %r8
    MONT_STEP 16, %r10, %r11, %r12, %r8,  %r9
    MONT_STEP 24, %r11, %r12, %r8,  %r9,  %r10

    /* Result (r12, r8, r9, r10) < 2p: subtract p unless that borrows. */
    movq    %r12, %rax
    subq    0(%rcx), %rax
    movq    %r8, %rbx
    sbbq    8(%rcx), %rbx
    movq    %r9, %r13
    sbbq    16(%rcx), %r13
    movq    %r10, %rdx
    sbbq    24(%rcx), %rdx
    cmovcq  %r12, %rax
    cmovcq  %r8, %rbx
    cmovcq  %r9, %r13
    cmovcq  %r10, %rdx
    movq    %rax, 0(%rdi)
    movq    %rbx, 8(%rdi)
    movq    %r13, 16(%rdi)
    movq    %rdx, 24(%rdi)

    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbx
    ret
    .size   zk_mont256_mul_adx, .-zk_mont256_mul_adx

/* void zk_mont256_sqr_adx(uint64_t r[4], const uint64_t a[4], const zk_mont256 *m)
 * Squaring as a·a for now. */
    .globl  zk_mont256_sqr_adx
    .type   zk_mont256_sqr_adx, @function
    .p2align 4
zk_mont256_sqr_adx:
    movq    %rdx, %rcx
    movq    %rsi, %rdx
    jmp     zk_mont256_mul_adx
    .size   zk_mont256_sqr_adx, .-zk_mont256_sqr_adx

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
