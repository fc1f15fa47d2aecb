/* Rank-1 constraint systems over BN254's Fr, built directly from C.
 *
 * A system has wires w_0 = 1, w_1, ..., w_{n-1} and constraints
 *     <A_i, w> · <B_i, w> - <C_i, w> = 0,
 * the form of the iden3 .r1cs file (r1cs_io.h). Wires come in the file's
 * order: the constant one, the public outputs, the public inputs, the private
 * inputs, then every other signal.
 *
 * The store is made for millions of constraints (the MNIST CNN compiler
 * builds its circuit here without going through text): a term is eight
 * bytes, a wire index and an index into a table of distinct coefficients
 * (a quantised network has few), and all terms of all constraints live in one
 * growing array. A caller builds each linear combination in an r1cs_lc that it
 * clears and reuses, so adding a constraint allocates nothing in steady state.
 *
 * Witnesses are computed by hints attached to the system, run in the order
 * they were added: a hint reads wires already known and sets new ones. Three
 * kinds exist: out = <lc, w>, out = <a, w>·<b, w>, and a C callback for
 * anything else (bit decomposition, inverses, a neural layer). */
#ifndef ZK_CIRCUIT_R1CS_H
#define ZK_CIRCUIT_R1CS_H

#include "core/err.h"
#include "core/types.h"
#include "field/fr.h"

/* A growable linear combination Σ coef_k · w_{wire_k}, owned by the caller.
 * Duplicate wires are allowed; r1cs_add merges them and drops zeros. */
typedef struct r1cs_lc {
    uint32_t *wire;
    fr_t *coef;
    uint32_t n, cap;
} r1cs_lc;

void r1cs_lc_init(r1cs_lc *lc);
void r1cs_lc_free(r1cs_lc *lc);
static inline void r1cs_lc_clear(r1cs_lc *lc) { lc->n = 0; }
zk_err r1cs_lc_push(r1cs_lc *lc, uint32_t wire, const fr_t *coef);
/* Adds coef·w_wire for a small signed coefficient (1, -1, 2^k, ...). */
zk_err r1cs_lc_push_i64(r1cs_lc *lc, uint32_t wire, int64_t coef);

/* A term of a stored constraint: a wire and an index into the system's
 * coefficient table. */
typedef struct r1cs_term {
    uint32_t wire;
    uint32_t coef;
} r1cs_term;

/* The terms of constraint i are terms[off .. off+na+nb+nc): A, then B, then C,
 * each sorted by wire with no zero coefficient. */
typedef struct r1cs_row {
    uint64_t off;
    uint32_t na, nb, nc;
} r1cs_row;

typedef zk_err (*r1cs_hint_fn)(void *user, fr_t *out, size_t n_out, const fr_t *in, size_t n_in);

typedef enum r1cs_hint_kind { R1CS_HINT_LC, R1CS_HINT_MUL, R1CS_HINT_FN } r1cs_hint_kind;

typedef struct r1cs_hint {
    r1cs_hint_kind kind;
    uint32_t out;          /* LC, MUL: the wire set; FN: offset of outputs in hint_wires */
    uint32_t n_out;        /* FN only */
    uint64_t off;          /* LC, MUL: offset in terms (a then b); FN: offset of inputs in hint_wires */
    uint32_t na, nb;       /* LC: na terms; MUL: na + nb terms; FN: na = number of inputs */
    r1cs_hint_fn fn;
    void *user;
} r1cs_hint;

typedef struct r1cs {
    uint32_t n_wires;             /* including w_0 = 1 */
    uint32_t n_pub_out, n_pub_in, n_prv_in;
    uint64_t n_labels;            /* signals before simplification (the .sym file's lines + 1) */
    uint64_t *wire_label;         /* label of each wire, NULL for the identity */

    r1cs_row *rows;
    size_t n_rows, cap_rows;
    r1cs_term *terms;
    uint64_t n_terms, cap_terms;

    fr_t *coefs;                  /* distinct coefficients, Montgomery form */
    uint32_t n_coefs, cap_coefs;
    uint32_t *coef_index;         /* open-addressing table of coefs + 1, 0 = empty */
    uint32_t coef_index_cap;      /* a power of two */

    r1cs_hint *hints;
    size_t n_hints, cap_hints;
    uint32_t *hint_wires;
    size_t n_hint_wires, cap_hint_wires;

    r1cs_lc scratch[3];           /* merge buffers for r1cs_add */
} r1cs;

void r1cs_init(r1cs *s);
void r1cs_free(r1cs *s);

/* Allocates the input and output wires: 1..n_pub_out are the public outputs,
 * then n_pub_in public and n_prv_in private inputs. Call once, before any
 * r1cs_new_wire. */
zk_err r1cs_set_io(r1cs *s, uint32_t n_pub_out, uint32_t n_pub_in, uint32_t n_prv_in);
/* A fresh internal wire; ZK_EOVERFLOW past 2^32 - 2 wires. */
zk_err r1cs_new_wire(r1cs *s, uint32_t *wire);
zk_err r1cs_new_wires(r1cs *s, uint32_t count, uint32_t *first);

/* Adds <a,w>·<b,w> - <c,w> = 0. a or b may be NULL for an empty combination
 * (a linear constraint). Wires must exist. */
zk_err r1cs_add(r1cs *s, const r1cs_lc *a, const r1cs_lc *b, const r1cs_lc *c);
/* Adds <a,w> = <b,w> as a linear constraint. */
zk_err r1cs_add_eq(r1cs *s, const r1cs_lc *a, const r1cs_lc *b);

/* The index of coef in the coefficient table, adding it if new. */
zk_err r1cs_coef_intern(r1cs *s, const fr_t *coef, uint32_t *index);

/* Hints, run in order by r1cs_solve. */
zk_err r1cs_hint_lc(r1cs *s, uint32_t out, const r1cs_lc *lc);
zk_err r1cs_hint_mul(r1cs *s, uint32_t out, const r1cs_lc *a, const r1cs_lc *b);
zk_err r1cs_hint_fn_add(r1cs *s, r1cs_hint_fn fn, void *user, const uint32_t *in, uint32_t n_in,
                        const uint32_t *out, uint32_t n_out);

/* Computes a full witness: w[0] = 1, the inputs (public then private, as
 * many as n_pub_in + n_prv_in) copied in, then every hint in order.
 * ZK_EINVAL when a hint reads a wire nothing has set, or when some wire is
 * left unset (its index in *bad_wire, if not NULL); a hint's own error is
 * passed on. w holds n_wires elements. */
zk_err r1cs_solve(const r1cs *s, fr_t *w, const fr_t *inputs, uint32_t *bad_wire);

/* The terms of one side (0 = A, 1 = B, 2 = C) of constraint i. */
static inline const r1cs_term *r1cs_side(const r1cs *s, size_t i, int side, uint32_t *n)
{
    const r1cs_row *r = &s->rows[i];
    const r1cs_term *t = s->terms + r->off;
    *n = side == 0 ? r->na : side == 1 ? r->nb : r->nc;
    return t + (side >= 1 ? r->na : 0) + (side == 2 ? r->nb : 0);
}

/* <lc, w> of one side (0 = A, 1 = B, 2 = C) of constraint i. */
void r1cs_eval_side(const r1cs *s, fr_t *out, size_t i, int side, const fr_t *w);
/* True when constraint i holds for w. */
bool r1cs_row_holds(const r1cs *s, size_t i, const fr_t *w);
/* ZK_OK when every constraint holds, else ZK_EVERIFY with the first failing
 * constraint in *failing (if not NULL). */
zk_err r1cs_check(const r1cs *s, const fr_t *w, size_t *failing);

/* Counts of constraints with both A and B non-empty (non-linear) and of
 * the others (linear). */
void r1cs_count(const r1cs *s, size_t *nonlinear, size_t *linear);

/* Rewrites every term's wire through map[old] (old < n_wires), which must be
 * a wire below new_n_wires; rows whose sides come out unsorted are re-sorted.
 * Hints are dropped: they speak of the old wires. */
zk_err r1cs_renumber(r1cs *s, const uint32_t *map, uint32_t new_n_wires);
/* Puts the constraints in the order order[0], order[1], ... (a permutation of
 * 0..n_rows-1, or a subset to keep only those). */
zk_err r1cs_reorder_rows(r1cs *s, const size_t *order, size_t n);

#endif
