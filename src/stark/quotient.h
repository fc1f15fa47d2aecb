/* The constraint quotient Q = Σ α_i·C_i/Z_i: on the whole LDE domain for
 * the prover, at the out-of-domain point for the verifier. Internal. */
#ifndef ZK_STARK_QUOTIENT_H
#define ZK_STARK_QUOTIENT_H

#include "stark/lde.h"

/* Q on D, as two coordinate arrays (Q = q0 + u·q1), from the row-major LDE
 * tables (aux_lde NULL without an auxiliary segment). Parallel. */
zk_err stark_quotient_on_lde(const stark_domains *dm, const stark_air *air,
                             const gl_t *main_lde, const gl_t *aux_lde, const gl2_t *chal,
                             const gl2_t *alpha, gl_t *q0, gl_t *q1);

/* Q(z) from the out-of-domain frame: main columns at z then at ω·z
 * (2·n_main), the same for the auxiliary ones, periodic columns evaluated
 * at z. ZK_EVERIFY if z makes a divisor vanish (it cannot for z outside
 * Goldilocks), ZK_ENOMEM. */
zk_err stark_quotient_at(gl2_t *q, const stark_layout *l, const stark_air *air,
                         const gl2_t *ood_main, const gl2_t *ood_aux, const gl2_t *chal,
                         const gl2_t *alpha, gl2_t z);

#endif
