/* Algebraic intermediate representations: a computation as a table of field
 * elements and the polynomial constraints its rows satisfy.
 *
 * An AIR has N = 2^k rows (the trace) of n_main base-field columns, and
 * optionally n_aux extension-field columns built only after the verifier's
 * challenges are known (an auxiliary segment, what permutation and LogUp
 * lookup arguments need: the prover commits to the main trace first, so it
 * cannot choose it to suit the challenges).
 *
 * Each constraint is a polynomial in the values of two consecutive rows
 * ("cur" and "next"), the periodic columns and, for auxiliary constraints,
 * the challenges. It must vanish on
 *   STARK_TRANSITION  every row but the last (it reads "next"),
 *   STARK_ROW         one given row (a boundary constraint),
 *   STARK_EVERY_ROW   every row (it must not read "next").
 * Its degree is its total degree in the trace values (periodic values and
 * challenges are constants), which fixes how many composition chunks the
 * proof needs; a wrong declared degree makes the prover fail, never an
 * unsound proof.
 *
 * A periodic column repeats `period` values (period a power of two <= N) down
 * the trace, like a round-constant schedule; it costs no commitment, since
 * the verifier evaluates its small polynomial itself.
 *
 * The evaluators come in two field versions: the prover evaluates main
 * constraints over Goldilocks on millions of points, the verifier over the
 * extension at one out-of-domain point. Auxiliary constraints are always
 * evaluated in the extension. */
#ifndef ZK_STARK_AIR_H
#define ZK_STARK_AIR_H

#include "core/event.h"
#include "core/rng.h"
#include "field/gl_ext.h"

#define STARK_AIR_NAME_MAX 24
#define STARK_AIR_MAX_PARAMS 4
#define STARK_AIR_MAX_PUB 16
#define STARK_AIR_MAX_PERIODIC 4
#define STARK_AIR_MAX_CHALLENGES 4
#define STARK_CONSTRAINT_NAME_MAX 48

typedef enum stark_ckind {
    STARK_TRANSITION,
    STARK_ROW,
    STARK_EVERY_ROW,
} stark_ckind;

typedef struct stark_constraint {
    char name[STARK_CONSTRAINT_NAME_MAX];
    unsigned degree;
    stark_ckind kind;
    size_t row;       /* STARK_ROW only */
    bool aux;         /* evaluated by eval_aux; aux constraints come last */
} stark_constraint;

typedef struct stark_periodic {
    size_t period;
    gl_t *values;
} stark_periodic;

typedef struct stark_air stark_air;

typedef struct stark_air_vt {
    /* out[i] for the main constraints i < n_main_cons. per holds the
     * periodic columns' values at this point. */
    void (*eval_base)(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                      const gl_t *per);
    void (*eval_ext)(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                     const gl2_t *per);
    /* out[i] for the auxiliary constraints (n_cons - n_main_cons of them);
     * NULL without an auxiliary segment. */
    void (*eval_aux)(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                     const gl2_t *acur, const gl2_t *anext, const gl2_t *chal, const gl2_t *per);
    /* Prover side: fills the main trace, row-major N × n_main. */
    zk_err (*build_trace)(const stark_air *a, gl_t *trace);
    /* Fills the auxiliary trace, row-major N × n_aux, from the main trace
     * and the challenges. */
    zk_err (*build_aux)(const stark_air *a, gl2_t *aux, const gl_t *trace, const gl2_t *chal);
    /* Releases the witness (wiping it). */
    void (*free_witness)(stark_air *a);
} stark_air_vt;

struct stark_air {
    char name[STARK_AIR_NAME_MAX];
    /* The statement: shape parameters and public inputs, both recorded in
     * the proof and bound into the transcript. */
    uint64_t params[STARK_AIR_MAX_PARAMS];
    size_t n_params;
    gl_t pub[STARK_AIR_MAX_PUB];
    size_t n_pub;

    size_t n_rows;
    size_t n_main;
    size_t n_aux;
    size_t n_challenges;
    stark_periodic periodic[STARK_AIR_MAX_PERIODIC];
    size_t n_periodic;
    stark_constraint *cons;
    size_t n_cons, n_main_cons;

    const stark_air_vt *vt;
    void *witness;    /* prover only: the private input */
};

/* Shape helpers for AIR constructors. stark_air_init zeroes a and names it;
 * stark_air_alloc_constraints makes room for n constraints (zeroed);
 * stark_air_set_constraint fills one (printf-style name). */
zk_err stark_air_init(stark_air *a, const char *name, size_t n_rows, size_t n_main);
zk_err stark_air_alloc_constraints(stark_air *a, size_t n);
void stark_air_set_constraint(stark_air *a, size_t i, stark_ckind kind, size_t row,
                              unsigned degree, bool aux, const char *fmt, ...);
/* Adds a periodic column (copies the values); ZK_EINVAL unless period is a
 * power of two dividing n_rows. */
zk_err stark_air_add_periodic(stark_air *a, const gl_t *values, size_t period);
void stark_air_free(stark_air *a);

/* The largest declared constraint degree (at least 1). */
unsigned stark_air_max_degree(const stark_air *a);

/* ---- the trace check ------------------------------------------------------ */

typedef struct stark_check_report {
    bool ok;
    size_t row;          /* first failing row */
    size_t constraint;   /* and the first constraint failing there */
} stark_check_report;

/* Periodic column values at row i (per has n_periodic entries). */
void stark_air_periodic_at_row(const stark_air *a, size_t row, gl_t *per);

/* Evaluates every main constraint on every row it applies to, and the
 * auxiliary ones too when aux is given. rep->ok tells the outcome; on
 * failure rep names the first failing row and constraint. ZK_ENOMEM only. */
zk_err stark_trace_check(const stark_air *a, const gl_t *trace, const gl2_t *aux,
                         const gl2_t *chal, stark_check_report *rep);

/* ---- the built-in AIRs ---------------------------------------------------- */

/* Builds the AIR named in a proof from its statement (no witness): the
 * verifier's side. ZK_EINVAL for an unknown name or a bad statement. */
zk_err stark_air_from_statement(stark_air *a, const char *name, const uint64_t *params,
                                size_t n_params, const gl_t *pub, size_t n_pub);

/* The names of the built-in AIRs, for usage texts. */
extern const char *const stark_air_names[];
extern const size_t stark_air_count;
/* What shape parameter i of a built-in AIR means ("rows", "bits"), so that
 * a statement can be shown whole; NULL for none. */
const char *stark_air_param_name(const stark_air *a, size_t i);

/* fibonacci: columns (a, b), a_0 = b_0 = 1, next = (b, a + b); public: b at
 * the last row. n_rows a power of two >= 4. */
zk_err air_fibonacci_new(stark_air *a, size_t n_rows);
/* fibonacci-sq (STARK101's FibonacciSq): columns (a, b), a_0 = 1, b_0 = x
 * (private), next = (b, a² + b²); public: a at the last row. x and -x give
 * the same public output. */
zk_err air_fibsq_new(stark_air *a, size_t n_rows, gl_t x);
/* poseidon-chain: one Poseidon permutation per row (118 columns, degree 7),
 * steps rows; the seed is private, the final state public. */
zk_err air_poseidon_chain_new(stark_air *a, size_t steps, const gl_t seed[12]);
/* The chain's output without building the AIR: seed permuted steps times. */
void air_poseidon_chain_output(gl_t out[12], const gl_t seed[12], size_t steps);
/* range-check: n_rows private values, each proven below 2^bits with a LogUp
 * argument against the table 0..2^bits - 1 (n_rows >= 2^bits). values NULL
 * draws them from rng; any value >= 2^bits makes the trace check fail. */
zk_err air_range_check_new(stark_air *a, size_t n_rows, unsigned bits, const uint64_t *values,
                           zk_rng *rng);

#endif
