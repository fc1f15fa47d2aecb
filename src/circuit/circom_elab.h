/* Elaboration's last steps (circom_elab.c): Circom's numbering of signals
 * and order of constraints, and the warnings about unconstrained signals. */
#ifndef ZK_CIRCUIT_CIRCOM_ELAB_H
#define ZK_CIRCUIT_CIRCOM_ELAB_H

#include "circuit/circom_exec.h"

/* Called for element k of each signal declaration, in Circom's order. */
typedef zk_err (*circom_elab_walk_fn)(void *user, circom_elab_inst *in,
                                      const circom_elab_sigdecl *sd, uint32_t k);

/* Visits the signals of in and its subcomponents in Circom's order (sorting
 * each instance's subcomponents by name, then index) and numbers the
 * instances in that order (dfs, from *dfs on). */
zk_err circom_elab_walk(circom_elab_ctx *x, circom_elab_inst *in, circom_elab_walk_fn fn,
                        void *user, uint32_t *dfs);

/* Renumbers x->sys from temporary ids to labels (1.., in Circom's order),
 * moves the values along, sorts constraints by component and sets the
 * input/output counts. */
zk_err circom_elab_finalize(circom_elab_ctx *x, uint32_t *n_labels);

/* Warns about outputs that no constraint mentions and about signals
 * assigned with <-- that no constraint mentions. */
void circom_elab_warn(circom_elab_ctx *x);

#endif
