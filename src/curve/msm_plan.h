/* What the G1 and G2 multi-scalar multiplications share (curve/msm.h):
 * scalar preparation, the choice of window size and task split, and the
 * window digits. Internal to src/curve. */
#ifndef ZK_CURVE_MSM_PLAN_H
#define ZK_CURVE_MSM_PLAN_H

#include "curve/msm.h"

/* Per-scalar flags. */
enum {
    MSM_NEG = 1,    /* use -P: the scalar was above (r-1)/2 and became r - s */
    MSM_ONE = 2,    /* the (folded) scalar is 1: added outside the windows */
    MSM_MANY = 4,   /* the scalar goes through the windows */
};

/* The scalars of a prover's MSM are witness values: k, flags and digits
 * are wiped when freed. */
typedef struct msm_scalars {
    uint64_t (*k)[4];   /* plain integers, all <= (r-1)/2; freed by msm_digits */
    uint8_t *flags;
    int16_t *digits;    /* windows × n signed digits, window-major */
    size_t n, n_digits; /* the lengths of k and flags, and of digits */
    size_t n_many, n_one;
    unsigned bits;      /* the longest MSM_MANY scalar */
} msm_scalars;

/* Converts and classifies n scalars with the thread pool. ZK_ENOMEM leaves
 * nothing to free. */
zk_err msm_scalars_prepare(msm_scalars *s, const fr_t *scalars, size_t n);
void msm_scalars_free(msm_scalars *s);

/* A window's 2^(c-1) buckets are split into ranges; a task is one window
 * and one range: it reads the window's digits, takes the points whose bucket
 * falls in its range, and sums its buckets. Ranges give the threads enough
 * pieces to balance when there are few windows. */
typedef struct msm_plan {
    unsigned c;          /* window bits, 1..16 */
    unsigned windows;    /* enough for bits + 2: the top digit never wraps */
    unsigned ranges;     /* bucket ranges per window */
    bool batch;          /* batch-affine buckets */
    bool lanes;          /* ... added eight at a time (curve/msm_lanes.h) */
    size_t batch_size;   /* additions per shared inversion */
} msm_plan;

/* The cheapest plan by the cost model in msm_plan.c, for n_many points with
 * scalars of at most bits bits, on threads threads; cfg may force fields.
 * lanes says the group has the eight-lane batch path (G1); it is chosen when
 * its kernels are fast (IFMA) or cfg forces it. */
void msm_plan_choose(msm_plan *p, size_t n_many, unsigned bits, unsigned threads,
                     bool lanes, const msm_config *cfg);

/* The plan for the sum of the points whose scalar is ±1 (msm_impl.h,
 * ones_range): batched tree additions unless cfg forces Jacobian buckets,
 * on the lanes when msm_plan_choose would take them. */
void msm_plan_ones(msm_plan *p, bool lanes, const msm_config *cfg);

/* Replaces s->k by the plan's signed c-bit digits (standard recoding,
 * d in [-2^(c-1), 2^(c-1)), zero for scalars outside MSM_MANY), with the
 * thread pool. ZK_ENOMEM leaves s as it was. */
zk_err msm_digits(msm_scalars *s, size_t n, const msm_plan *p);

#endif
