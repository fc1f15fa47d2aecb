/* Multi-scalar multiplication Σ s_i·P_i over G1 and G2: the bulk of a Groth16
 * prover's time.
 *
 * Pippenger's bucket method (as described by Bernstein, Doumen, Lange and
 * Oosterwijk, "Faster batch forgery identification", INDOCRYPT 2012) with:
 *  - signed windows of c bits (digits in [-2^(c-1), 2^(c-1))), so 2^(c-1)
 *    buckets per window, a negative digit adding -P;
 *  - scalars above (r-1)/2 replaced by r - s on -P (one bit fewer), and the
 *    number of windows cut to the longest scalar actually present;
 *  - scalars 0 skipped and scalars ±1 added directly (R1CS witnesses are
 *    mostly bits), outside the windows;
 *  - batch-affine bucket accumulation for large inputs: up to a thousand
 *    independent "bucket += point" additions share one field inversion
 *    (Montgomery's trick), making each about 6 multiplications instead of
 *    the 11 of a mixed Jacobian addition (the approach of gnark-crypto's
 *    MSM and of the ZPrize 2022 MSM entries). A point whose bucket already
 *    waits in the batch waits for the next batch (as in gnark-crypto), a
 *    point equal in x to its bucket goes to a Jacobian side bucket, so no
 *    input (repeated points included) can make it slow; the top window's
 *    few buckets are spread over copies, buckets are prefetched, and the
 *    buckets' final weighted sum is batched too (chains of buckets
 *    stepping down together);
 *  - the batches run on one of two kernel sets (curve/msm_lanes.h): with
 *    AVX-512 IFMA eight additions at a time in 52-bit lanes
 *    (field/mont52x8.h), elsewhere in 4×64-bit Montgomery form
 *    (curve/msm_x4.c, the MULX/ADX kernels of field/mont256.h or their C
 *    twins), two additions interleaved and four inversion chains;
 *  - no endomorphism split (GLV in G1, the ψ split in G2, curve/glv.h):
 *    it shortens the scalars but multiplies the points alike, so it saves
 *    only the buckets' sums, which the batches already make cheap; the
 *    split MSMs alone, before the split and the images are paid for, run
 *    no faster than the plain one (`zkcave bench curve`,
 *    msm_g1_2^16_glv_shape and msm_g2_2^16_psi_shape);
 *  - the digits of all windows computed once, in bulk (2 bytes each);
 *  - (window, bucket range) tasks spread over the thread pool, each worker
 *    with its own buckets; ranges split a window when there are fewer
 *    windows than threads can use.
 * The window size comes from a cost model of these steps (msm_plan.c).
 *
 * Scalars are fr_t (Montgomery form; converted once, in bulk). Points at
 * infinity are allowed and contribute nothing. Variable-time in everything:
 * the scalars of a Groth16 proof are secret witness values, but the point of
 * an MSM-based prover is speed and its timing channel is accepted by every
 * prover of this kind (snarkjs, rapidsnark, gnark); say so where it matters.
 *
 * Progress: events of phase "msm_g1" / "msm_g2" from the calling thread,
 * done/total counted in (window, bucket range) tasks; a sink that cancels gets
 * ZK_ECANCELLED. ZK_ENOMEM when scratch cannot be allocated (r is then
 * infinity). */
#ifndef ZK_CURVE_MSM_H
#define ZK_CURVE_MSM_H

#include "core/event.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"

/* Overrides for tests and benchmarks; zero fields mean "choose". */
typedef struct msm_config {
    unsigned window;   /* c, 2..16 */
    int batch;         /* 2 batch-affine buckets added eight at a time
                        * (the IFMA lanes or their C twin), 1 batch-affine
                        * buckets with the 4×64-bit kernels, -1 Jacobian
                        * buckets, 0 choose */
    unsigned ranges;   /* bucket ranges per window, a power of two up to 64 */
} msm_config;

zk_err g1_msm_var(g1_jac *r, const g1_aff *points, const fr_t *scalars, size_t n,
                  const zk_events *ev);
zk_err g2_msm_var(g2_jac *r, const g2_aff *points, const fr_t *scalars, size_t n,
                  const zk_events *ev);

/* The same with overrides; cfg = NULL is the plain call. */
zk_err g1_msm_var_with(g1_jac *r, const g1_aff *points, const fr_t *scalars, size_t n,
                       const zk_events *ev, const msm_config *cfg);
zk_err g2_msm_var_with(g2_jac *r, const g2_aff *points, const fr_t *scalars, size_t n,
                       const zk_events *ev, const msm_config *cfg);

#endif
