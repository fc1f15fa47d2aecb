/* CPUID, XGETBV and RDTSC for core/cpu.c (x86-64 System V ABI). */
    .text

/* void zk_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
 * out = { eax, ebx, ecx, edx } */
    .globl  zk_cpuid
    .type   zk_cpuid, @function
zk_cpuid:
    pushq   %rbx
    movq    %rdx, %r8
    movl    %edi, %eax
    movl    %esi, %ecx
    cpuid
    movl    %eax, 0(%r8)
    movl    %ebx, 4(%r8)
    movl    %ecx, 8(%r8)
    movl    %edx, 12(%r8)
    popq    %rbx
    ret
    .size   zk_cpuid, .-zk_cpuid

/* uint64_t zk_xgetbv(uint32_t index) */
    .globl  zk_xgetbv
    .type   zk_xgetbv, @function
zk_xgetbv:
    movl    %edi, %ecx
    xgetbv
    shlq    $32, %rdx
    orq     %rdx, %rax
    ret
    .size   zk_xgetbv, .-zk_xgetbv

/* uint64_t zk_rdtsc(void): the time-stamp counter, for cycle counts in
 * benchmarks (constant-rate on every CPU zkcave's kernels target). */
    .globl  zk_rdtsc
    .type   zk_rdtsc, @function
zk_rdtsc:
    rdtsc
    shlq    $32, %rdx
    orq     %rdx, %rax
    ret
    .size   zk_rdtsc, .-zk_rdtsc

    .section .note.GNU-stack, "", @progbits
