/* Looking inside an R1CS, for lesson 06 and `zkcave circuit` users: the
 * A, B, C matrices as text, each row checked against a witness (the first
 * failing row is the one the lesson lights up), and the signal names of a
 * compiled circuit's wires. */
#ifndef ZK_CIRCUIT_R1CS_VIEW_H
#define ZK_CIRCUIT_R1CS_VIEW_H

#include "circuit/circom.h"
#include "circuit/r1cs.h"

/* One row evaluated: <A,w>, <B,w>, <C,w> and whether A·B = C. */
typedef struct r1cs_row_check {
    fr_t a, b, c;
    bool holds;
} r1cs_row_check;

/* Evaluates every row (out has n_rows entries); returns the index of the
 * first row that fails, or n_rows when all hold. */
size_t r1cs_check_rows(const r1cs *s, const fr_t *w, r1cs_row_check *out);

/* The coefficient of wire in side (0 A, 1 B, 2 C) of row i; zero if absent. */
void r1cs_coef_at(const r1cs *s, size_t i, int side, uint32_t wire, fr_t *out);

/* A field element as short text: small values and their negatives in
 * decimal ("-1"), others as "0x1f2e…" (first 4 hex digits). */
void r1cs_short(char out[24], const fr_t *x);

/* The three matrices as a text table, one column per wire headed by its
 * name (names may be NULL: w0, w1, ...), and, when w is given, the witness
 * row and a mark on each failing constraint. malloc'd; NULL when out of
 * memory. For teaching-size systems: at most 64 wires and 64 rows. */
char *r1cs_render(const r1cs *s, const char *const *names, const fr_t *w);

/* The signal name of each wire of a compiled circuit ("one", "main.x",
 * ...), from its .sym text; *names is a malloc'd array of n_wires malloc'd
 * strings, freed with r1cs_free_names. */
zk_err circom_wire_names(const circom_circuit *c, char ***names);
void r1cs_free_names(char **names, size_t n);

#endif
