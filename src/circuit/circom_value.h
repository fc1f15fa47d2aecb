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

typedef struct cv_chunk cv_chunk;
typedef struct cv_scratch {
    cv_chunk *head;     /* current chunk */
    cv_chunk *spare;    /* released chunks kept for reuse */
} cv_scratch;

typedef struct cv_mark {
    cv_chunk *chunk;
    size_t used;
} cv_mark;

void cv_scratch_init(cv_scratch *s);
void cv_scratch_free(cv_scratch *s);
void *cv_scratch_alloc(cv_scratch *s, size_t size);   /* NULL when out of memory */
cv_mark cv_scratch_mark(const cv_scratch *s);
void cv_scratch_release(cv_scratch *s, cv_mark m);
/* Bytes the stack holds, in use or kept for reuse. */
size_t cv_scratch_held(const cv_scratch *s);

/* ---- values ---------------------------------------------------------------- */

typedef struct cv_term {
    fr_t k;
    uint32_t sig;
} cv_term;

/* Σ t[i].k · s_{t[i].sig} + k, terms sorted by signal, no zero coefficient. */
typedef struct cv_lc {
    cv_term *t;
    uint32_t n, cap;     /* cap > 0: t is heap memory owned by a variable */
    fr_t k;
} cv_lc;

typedef enum cv_kind { CV_CONST, CV_LIN, CV_QUAD, CV_NONQ } cv_kind;

typedef struct cv_sym {
    cv_lc a, b, c;       /* LIN: c; QUAD: a·b + c */
} cv_sym;

typedef struct cv_val {
    cv_kind kind;
    bool known;          /* w is the concrete value (always for CONST) */
    bool owned;          /* s is heap memory owned by a variable */
    fr_t w;
    cv_sym *s;
} cv_val;

typedef struct cv_ctx {
    cv_scratch *scratch;
    /* Set by an operation that fails: division by zero, a shift too large. */
    const char *error;
    /* Terms combined so far: adding up long sums takes time in proportion,
     * which the interpreter's step budget counts. */
    uint64_t work;
} cv_ctx;

void cv_const(cv_val *v, const fr_t *x);
void cv_const_u64(cv_val *v, uint64_t x);
void cv_nonq(cv_val *v, bool known, const fr_t *w);
/* The signal sig as a linear value; known/w give its concrete value. */
zk_err cv_signal(cv_ctx *c, cv_val *v, uint32_t sig, bool known, const fr_t *w);

/* r = a op b for a binary operator, r = op a for a unary one; r may be a
 * or b (both are read before r is written). On an arithmetic error (a
 * constant division by zero) returns ZK_EINVAL with c->error set. */
zk_err cv_binop(cv_ctx *c, cv_val *r, cc_op op, const cv_val *a, const cv_val *b);
zk_err cv_unop(cv_ctx *c, cv_val *r, cc_op op, const cv_val *a);

/* Circom's truth of a value: non-zero. Only for known values. */
bool cv_truth(const cv_val *v);
/* The value as an unsigned index below limit (for array sizes and
 * subscripts); false when not a constant or too large. */
bool cv_to_index(const cv_val *v, uint64_t limit, uint64_t *out);
/* The same for a concrete value, whatever its kind. */
bool cv_index_of(const fr_t *w, uint64_t limit, uint64_t *out);
/* Decimal text of a field element as Circom's log prints it: values above
 * r/2 are shown negative. */
void cv_format(char out[MONT256_DEC_MAX + 1], const fr_t *x);
/* The same, with values above r/2 shown as negative integers ("-5"): how
 * a program's sizes and indices are meant. */
void cv_format_signed(char out[MONT256_DEC_MAX + 1], const fr_t *x);

/* Deep copy into a variable's element (heap-owned); dst must be owned or
 * zero-initialised. */
zk_err cv_store(cv_val *dst, const cv_val *src);
void cv_release(cv_val *v);   /* frees a heap-owned value */
/* dst += b (dst -= b when sub) in place, for a variable's element: *done
 * tells whether it could (dst a constant or a linear value it owns, b a
 * constant or linear); otherwise nothing changed and the caller computes
 * the sum the usual way. */
zk_err cv_accumulate(cv_ctx *c, cv_val *dst, const cv_val *b, bool sub, bool *done);
/* A copy of src whose memory lives on the scratch stack (for values coming
 * back from a function's frame). */
zk_err cv_copy_scratch(cv_ctx *c, cv_val *dst, const cv_val *src);
/* The same value made opaque (non-quadratic), its concrete part kept: what
 * a variable becomes after a branch on a signal. */
void cv_make_opaque(cv_val *v);

#endif
