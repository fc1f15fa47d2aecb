/* void msm_prefetch(const void *p): asks for p's cache line ahead of use
 * (PREFETCHT0, into every cache level). The G1 MSM calls it on the bucket a
 * point a little further down the scan will add into: buckets are read in
 * random order, so no hardware prefetcher can guess them. The C twin in
 * msm_lanes.c, for other architectures, does nothing. */

    .text
    .globl  msm_prefetch
    .type   msm_prefetch, @function
    .p2align 4
msm_prefetch:
    prefetcht0  (%rdi)
    ret
    .size   msm_prefetch, .-msm_prefetch

    .section .note.GNU-stack, "", @progbits
