/* Pieces of the Groth16 prover shared by its files (not a public API). */
#ifndef ZK_SNARK_GROTH16_INTERNAL_H
#define ZK_SNARK_GROTH16_INTERNAL_H

#include "snark/groth16.h"

/* groth16_prove with the H part of C replaced by h_override when it is not
 * NULL: the place where one who knows τ would put p(τ)·[1/δ]1 for an
 * assignment that does not satisfy the constraints (p = A·B − C). Only
 * groth16_prove calls it, with NULL. */
zk_err groth16_prove_with_h(groth16_proof *proof, const groth16_pk *pk, const fr_t *w,
                            size_t n_w, const g1_jac *h_override, zk_rng *rng,
                            const zk_events *ev);

/* The last step of proving: the MSM results plus α, β and the blinding by
 * fresh secret r, s (constant-time scalar multiplications). */
void groth16_blind(groth16_proof *proof, const zkey_header *h, const g1_jac *acc_a,
                   const g1_jac *acc_b1, const g2_jac *acc_b2, const g1_jac *acc_c, zk_rng *rng);

/* vk_x = IC_0 + Σ x_i·IC_i; ZK_EINVAL when n_pub is not the key's. */
zk_err groth16_vk_x(g1_jac *r, const groth16_vk *vk, const fr_t *pub, size_t n_pub);

#endif
