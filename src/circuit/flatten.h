/* Flattening a polynomial into an arithmetic circuit, the first step of
 * Vitalik Buterin's "Quadratic Arithmetic Programs: from Zero to Hero"
 * (2016), for lesson 05, and its R1CS for lesson 06.
 *
 * An expression in one variable x with + - * ^ (or **), parentheses and
 * integer constants, such as "x^3 + x + 5", becomes a list of gates, each
 * one operation on two operands (a variable or a constant):
 *     sym_1 = x * x
 *     y     = sym_1 * x        (the names follow the article series, src/nn/cnn.h)
 *     sym_2 = y + x
 *     out   = sym_2 + 5
 * A multiplication gate gives the constraint left · right = out; an addition
 * gate (left + right) · 1 = out. The witness is [one, x, out, the gates'
 * outputs in order]. Everything here is for small teaching circuits: at most
 * FLAT_MAX_GATES gates. */
#ifndef ZK_CIRCUIT_FLATTEN_H
#define ZK_CIRCUIT_FLATTEN_H

#include "circuit/r1cs.h"

#define FLAT_MAX_GATES 64
#define FLAT_NAME_MAX 24

typedef enum flat_op { FLAT_MUL, FLAT_ADD, FLAT_SUB } flat_op;

/* An operand: variable index var >= 0 (0 is "one", 1 is x), or var = -1 and
 * a constant. */
typedef struct flat_operand {
    int var;
    int64_t k;
} flat_operand;

typedef struct flat_gate {
    flat_op op;
    flat_operand left, right;
    int out;   /* variable index */
} flat_gate;

typedef struct flat_circuit {
    flat_gate gates[FLAT_MAX_GATES];
    size_t n_gates;
    /* Variable names in witness order: "one", "x", "out", then the rest. */
    char names[FLAT_MAX_GATES + 3][FLAT_NAME_MAX];
    size_t n_vars;
} flat_circuit;

/* Parses and flattens expr. ZK_EPARSE (with a reason in err_msg, if not
 * NULL, and the 0-based byte offset in *err_at) for text that is not such a
 * polynomial, ZK_EOVERFLOW past FLAT_MAX_GATES gates or exponent 64. */
zk_err flat_parse(flat_circuit *fc, const char *expr, char err_msg[128], size_t *err_at);

/* "sym_1 = x * x" for gate i, into buf. */
void flat_gate_text(const flat_circuit *fc, size_t i, char *buf, size_t n);

/* The witness for x: w[0] = 1, w[1] = x, then every variable (n_vars). */
void flat_eval(const flat_circuit *fc, const fr_t *x, fr_t *w);

/* The R1CS of the gates, one constraint per gate, over n_vars wires
 * (x public input, out public output). s is initialised here. */
zk_err flat_to_r1cs(const flat_circuit *fc, r1cs *s);

#endif
