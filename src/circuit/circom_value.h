/* Values of the Circom interpreter: field constants and symbolic expressions
 * over signals, with an optional concrete value for witness computation.
 *
 * Circom's constraint generator keeps every expression in one of four forms
 * (its circom_algebra ArithmeticExpression): a number, a linear combination
 * of signals plus a constant, a quadratic a·b + c with a, b, c linear, or
 * "non-quadratic" once a product of products or a division by a signal
 * appears. A constraint may only be built from the first three. zkcave keeps
 * the same four kinds, so the same source gives the same constraints.
 *
 * When a witness is being computed, every value also carries its concrete
 * field element (known = true once the signals it reads are assigned).
 * Integer operators (\ % << >> & | ^ ~ and comparisons) act on the
 * canonical representative in [0, r) as Circom defines them; on signals they
 * give non-quadratic values whose concrete part is still computed. */
#ifndef ZK_CIRCUIT_CIRCOM_VALUE_H
#define ZK_CIRCUIT_CIRCOM_VALUE_H

#include "circuit/circom_ast.h"
#include "core/err.h"

/* ---- a scratch stack for the temporaries of one statement -------------------- */

typedef struct circom_val_chunk circom_val_chunk;
typedef struct circom_val_scratch {
    circom_val_chunk *head;     /* current chunk */
    circom_val_chunk *spare;    /* released chunks kept for reuse */
} circom_val_scratch;

typedef struct circom_val_mark {
    circom_val_chunk *chunk;
    size_t used;
} circom_val_mark;

void circom_val_scratch_init(circom_val_scratch *s);
void circom_val_scratch_free(circom_val_scratch *s);
void *circom_val_scratch_alloc(circom_val_scratch *s, size_t size);   /* NULL when out of memory */
circom_val_mark circom_val_scratch_mark(const circom_val_scratch *s);
void circom_val_scratch_release(circom_val_scratch *s, circom_val_mark m);
/* Bytes the stack holds, in use or kept for reuse. */
size_t circom_val_scratch_held(const circom_val_scratch *s);

/* ---- values ---------------------------------------------------------------- */

typedef struct circom_val_term {
    fr_t k;
    uint32_t sig;
} circom_val_term;

/* Σ t[i].k · s_{t[i].sig} + k, terms sorted by signal, no zero coefficient. */
typedef struct circom_val_lc {
    circom_val_term *t;
    uint32_t n, cap;     /* cap > 0: t is heap memory owned by a variable */
    fr_t k;
} circom_val_lc;

typedef enum circom_val_kind {
    CIRCOM_VAL_CONST,
    CIRCOM_VAL_LIN,
    CIRCOM_VAL_QUAD,
    CIRCOM_VAL_NONQ
} circom_val_kind;

typedef struct circom_val_sym {
    circom_val_lc a, b, c;       /* LIN: c; QUAD: a·b + c */
} circom_val_sym;

typedef struct circom_val {
    circom_val_kind kind;
    bool known;          /* w is the concrete value (always for CONST) */
    bool owned;          /* s is heap memory owned by a variable */
    fr_t w;
    circom_val_sym *s;
} circom_val;

typedef struct circom_val_ctx {
    circom_val_scratch *scratch;
    /* Set by an operation that fails: division by zero, a shift too large. */
    const char *error;
    /* Terms combined so far: adding up long sums takes time in proportion,
     * which the interpreter's step budget counts. */
    uint64_t work;
} circom_val_ctx;

void circom_val_const(circom_val *v, const fr_t *x);
void circom_val_const_u64(circom_val *v, uint64_t x);
void circom_val_nonq(circom_val *v, bool known, const fr_t *w);
/* The signal sig as a linear value; known/w give its concrete value. */
zk_err circom_val_signal(circom_val_ctx *c, circom_val *v, uint32_t sig, bool known, const fr_t *w);

/* r = a op b for a binary operator, r = op a for a unary one; r may be a
 * or b (both are read before r is written). On an arithmetic error (a
 * constant division by zero) returns ZK_EINVAL with c->error set. */
zk_err circom_val_binop(circom_val_ctx *c, circom_val *r, circom_op op, const circom_val *a,
                        const circom_val *b);
zk_err circom_val_unop(circom_val_ctx *c, circom_val *r, circom_op op, const circom_val *a);

/* Circom's truth of a value: non-zero. Only for known values. */
bool circom_val_truth(const circom_val *v);
/* The value as an unsigned index below limit (for array sizes and
 * subscripts); false when not a constant or too large. */
bool circom_val_to_index(const circom_val *v, uint64_t limit, uint64_t *out);
/* The same for a concrete value, whatever its kind. */
bool circom_val_index_of(const fr_t *w, uint64_t limit, uint64_t *out);
/* Decimal text of a field element as Circom's log prints it: values above
 * r/2 are shown negative. */
void circom_val_format(char out[MONT256_DEC_MAX + 1], const fr_t *x);
/* The same, with values above r/2 shown as negative integers ("-5"): how
 * a program's sizes and indices are meant. */
void circom_val_format_signed(char out[MONT256_DEC_MAX + 1], const fr_t *x);

/* Deep copy into a variable's element (heap-owned); dst must be owned or
 * zero-initialised. */
zk_err circom_val_store(circom_val *dst, const circom_val *src);
void circom_val_release(circom_val *v);   /* frees a heap-owned value */
/* dst += b (dst -= b when sub) in place, for a variable's element: *done
 * tells whether it could (dst a constant or a linear value it owns, b a
 * constant or linear); otherwise nothing changed and the caller computes
 * the sum the usual way. */
zk_err circom_val_accumulate(circom_val_ctx *c, circom_val *dst, const circom_val *b, bool sub,
                             bool *done);
/* A copy of src whose memory lives on the scratch stack (for values coming
 * back from a function's frame). */
zk_err circom_val_copy_scratch(circom_val_ctx *c, circom_val *dst, const circom_val *src);
/* The same value made opaque (non-quadratic), its concrete part kept: what
 * a variable becomes after a branch on a signal. */
void circom_val_make_opaque(circom_val *v);

#endif
