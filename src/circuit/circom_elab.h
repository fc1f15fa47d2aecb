/* Elaboration's last steps (circom_elab.c): Circom's numbering of signals
 * and order of constraints, and the warnings about unconstrained signals. */
#ifndef ZK_CIRCUIT_CIRCOM_ELAB_H
#define ZK_CIRCUIT_CIRCOM_ELAB_H

#include "circuit/circom_exec.h"

/* Called for element k of each signal declaration, in Circom's order. */
typedef zk_err (*cx_walk_fn)(void *user, cx_inst *in, const cx_sigdecl *sd, uint32_t k);

/* Visits the signals of in and its subcomponents in Circom's order (sorting
 * each instance's subcomponents by name, then index) and numbers the
 * instances in that order (dfs, from *dfs on). */
zk_err cx_walk(cx_ctx *x, cx_inst *in, cx_walk_fn fn, void *user, uint32_t *dfs);

/* Renumbers x->sys from temporary ids to labels (1.., in Circom's order),
 * moves the values along, sorts constraints by component and sets the
 * input/output counts. */
zk_err cx_finalize(cx_ctx *x, uint32_t *n_labels);

/* Warns about outputs that no constraint mentions and about signals
 * assigned with <-- that no constraint mentions. */
void cx_warn(cx_ctx *x);

#endif
