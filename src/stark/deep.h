/* The DEEP composition polynomial, FRI's input (see stark.h, step 5):
 *   f(x) = (A(x) - A(z) + C(x) - C(z))/(x - z) + λ·(A(x) - A(ωz))/(x - ωz)
 * with A = Σ γ_i·T_i over the trace columns (main and auxiliary) and
 * C = Σ δ_k·H_k over the composition columns. Internal. */
#ifndef ZK_STARK_DEEP_H
#define ZK_STARK_DEEP_H

#include "stark/lde.h"

typedef struct stark_deep {
    const gl2_t *gamma;    /* n_main + n_aux */
    const gl2_t *delta;    /* n_comp */
    gl2_t lambda, z, gz;
    gl2_t a_z, a_gz, c_z;
    size_t n_main, n_aux, n_comp;
} stark_deep;

/* Fixes the coefficients and computes A(z), A(ωz), C(z) from the openings. */
void stark_deep_init(stark_deep *dp, size_t n_main, size_t n_aux, size_t n_comp,
                     const gl2_t *gamma, gl2_t lambda, const gl2_t *delta, gl2_t z, gl2_t gz,
                     const gl2_t *ood_main, const gl2_t *ood_aux, const gl2_t *ood_comp);

/* f at one point x of D from that point's rows (aux_row NULL if none).
 * ZK_EVERIFY if x = z or x = ωz (impossible for z outside Goldilocks). */
zk_err stark_deep_at(gl2_t *f, const stark_deep *dp, gl_t x, const gl_t *main_row,
                     const gl_t *aux_row, const gl_t *comp_row);

/* f on all of D from the row-major tables. Parallel. */
zk_err stark_deep_on_lde(gl2_t *f, const stark_deep *dp, const stark_domains *dm,
                         const gl_t *main_lde, const gl_t *aux_lde, const gl_t *comp_lde);

#endif
