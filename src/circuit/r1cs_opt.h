/* Circom's constraint simplification, levels --O0, --O1 and --O2.
 *
 * The input is a system whose wires are the labels (every signal, in
 * Circom's order, w_0 = 1). "Forbidden" wires may never be removed: the
 * constant one, the public outputs and the public inputs of main (private
 * inputs may go, as in Circom).
 *
 * --O1 (Circom's default; its constraint_simplification.rs with flag_s):
 *   a linear constraint k·(x - y) = 0 between two signals makes them one:
 *   within each cluster of such equalities every signal is replaced by the
 *   smallest forbidden one, or the smallest one if none is forbidden (a
 *   cluster of two non-forbidden signals keeps the smaller), and the
 *   constraints between forbidden signals stay; then a linear constraint
 *   a·x + k = 0 with x not forbidden replaces x by -k/a everywhere. Both
 *   kinds of constraint disappear, other constraints are rewritten, and a
 *   non-linear one whose A or B became a constant turns linear. Constraints
 *   left with nothing in them disappear.
 * --O2 (full simplification): additionally every linear constraint with a
 *   non-forbidden signal is used to eliminate that signal (repeatedly, as
 *   non-linear constraints turn linear), and signals left in no constraint
 *   are removed.
 * Surviving signals keep their relative order in the new wire numbering. */
#ifndef ZK_CIRCUIT_R1CS_OPT_H
#define ZK_CIRCUIT_R1CS_OPT_H

#include "circuit/r1cs.h"

typedef struct r1cs_simplified {
    uint32_t *label_to_wire;   /* n_labels entries; R1CS_REMOVED for removed signals */
    size_t *row_origin;        /* for each final constraint, the input constraint it came from */
    size_t n_rows;
} r1cs_simplified;

#define R1CS_REMOVED UINT32_MAX

/* Simplifies s in place at the given level (0, 1 or 2). forbidden has one
 * flag per wire of s. On success s's wires are renumbered, s->wire_label maps
 * them back to labels and s->n_labels is the input's wire count. */
zk_err r1cs_simplify(r1cs *s, int level, const uint8_t *forbidden, r1cs_simplified *out);
void r1cs_simplified_free(r1cs_simplified *r);

#endif
