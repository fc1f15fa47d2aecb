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
 * ("cur" and "next"), the known columns (below) and, for auxiliary
 * constraints, the challenges. It must vanish on
 *   STARK_TRANSITION  every row but the last (it reads "next"),
 *   STARK_ROW         one given row (a boundary constraint),
 *   STARK_EVERY_ROW   every row (it must not read "next").
 *
 * Three kinds of column cost the prover no secret and the verifier little:
 *
 * Fixed (preprocessed) columns, n_fixed of them, are a function of the
 * statement alone (a layer schedule, a table): build_fixed fills them. The
 * prover commits to their low-degree extension in a Merkle tree of its own
 * (unsalted, unmasked: nothing in them is secret) and opens it at the
 * queries and at z, ω·z like the main trace; the verifier checks those
 * openings against the root it computes itself from the AIR
 * (stark_air_fixed_root, or a root the AIR's constructor cached), never one
 * taken from the proof. A prover with other fixed columns therefore fails
 * the Merkle check. In the evaluators and in the trace they follow the main
 * columns: a row is n_main + n_fixed values.
 *
 * Periodic columns (up to STARK_AIR_MAX_PERIODIC) repeat `period` values (a
 * power of two <= N) down the trace, like a round-constant schedule; the
 * verifier evaluates their small polynomial at z itself, so they cost no
 * commitment.
 *
 * The public-input column (pub_column) holds the public values pub[0..n_pub)
 * on rows 0..n_pub - 1 and 0 below them: P(x) = Σ_i pub_i·L_i(x), L_i the
 * Lagrange basis of the trace domain H. Statements with hundreds of public
 * values (an image and its class scores) bind them through this one column
 * instead of a boundary constraint each: a constraint such as
 * sel(x)·(v - P(x)) pins a trace column v to them where sel is 1. It is
 * sound for the reason periodic columns are: the prover never supplies P;
 * the prover's quotient is computed with the true P on D, and the verifier
 * evaluates P(z) = (z^N - 1)/N · Σ_i pub_i·ω^i/(z - ω^i) from the public
 * values it holds (O(n_pub) work, one batch inversion), so the out-of-domain
 * check at a random z holds only if the committed trace satisfies the
 * constraints with those very values (Schwartz-Zippel, as for every other
 * constraint). The public values also enter the transcript with the rest of
 * the statement.
 *
 * The evaluators receive the known columns in per[]: the periodic columns in
 * the order they were added, then the public-input column.
 *
 * Degree. A constraint declares `degree`, its total degree in the trace
 * values (main, fixed and auxiliary; challenges are constants), and
 * `known`, the most factors of known columns (periodic or public) in any one
 * of its terms. A trace column has degree < d (N plus the zero-knowledge
 * slack); a periodic column of period P is p(x^(N/P)) with deg p < P, so
 * degree N - N/P; the public column degree N - 1. The quotient of a
 * constraint is charged
 *     degree·(d - 1) + known·K - deg Z,
 * K the largest degree among the AIR's known columns: an upper bound on
 * every term, so the composition gets enough chunks. Before, periodic
 * columns were counted as constants (known = 0, which still holds for a
 * term that is a periodic value alone or added to the trace values, since
 * N - N/P < d). A declared degree too low makes the prover fail (its
 * quotient has coefficients past the bound), never an unsound proof: the
 * verifier's check at z compares the true constraint combination with the
 * committed chunks whatever degree was declared.
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
#include "hash/hash.h"

#define STARK_AIR_NAME_MAX 24
#define STARK_AIR_MAX_PARAMS 4
/* The statement of the CNN AIR: 784 pixels, 10 logits, a 4-element model
 * digest, through the public-input column. */
#define STARK_AIR_MAX_PUB 1024
#define STARK_AIR_MAX_PERIODIC 64
/* The periodic columns and the public-input column: per[] holds this many. */
#define STARK_AIR_MAX_KNOWN (STARK_AIR_MAX_PERIODIC + 1)
#define STARK_AIR_MAX_CHALLENGES 4
#define STARK_CONSTRAINT_NAME_MAX 48

typedef enum stark_ckind {
    STARK_TRANSITION,
    STARK_ROW,
    STARK_EVERY_ROW,
} stark_ckind;

typedef struct stark_constraint {
    char name[STARK_CONSTRAINT_NAME_MAX];
    unsigned degree;  /* in the trace values */
    unsigned known;   /* factors of known columns per term (see the top) */
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
    /* out[i] for the main constraints i < n_main_cons. cur and next hold
     * n_main + n_fixed values (main columns, then fixed ones); per holds
     * the known columns' values at this point (periodic, then public). */
    void (*eval_base)(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                      const gl_t *per);
    void (*eval_ext)(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                     const gl2_t *per);
    /* out[i] for the auxiliary constraints (n_cons - n_main_cons of them);
     * NULL without an auxiliary segment. */
    void (*eval_aux)(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                     const gl2_t *acur, const gl2_t *anext, const gl2_t *chal, const gl2_t *per);
    /* Prover side: fills the main trace, row-major N × (n_main + n_fixed),
     * the first n_main columns of each row; the engine has already written
     * the fixed columns after them. */
    zk_err (*build_trace)(const stark_air *a, gl_t *trace);
    /* Fills the auxiliary trace, row-major N × n_aux, from the main trace
     * and the challenges. */
    zk_err (*build_aux)(const stark_air *a, gl2_t *aux, const gl_t *trace, const gl2_t *chal);
    /* Releases the witness (wiping it). */
    void (*free_witness)(stark_air *a);
    /* Fills the fixed columns, row-major N × n_fixed, from the statement
     * alone (no witness: the verifier calls it too). NULL without. */
    zk_err (*build_fixed)(const stark_air *a, gl_t *fixed);
} stark_air_vt;

struct stark_air {
    char name[STARK_AIR_NAME_MAX];
    /* The statement: shape parameters and public inputs, both recorded in
     * the proof and bound into the transcript. */
    uint64_t params[STARK_AIR_MAX_PARAMS];
    size_t n_params;
    gl_t pub[STARK_AIR_MAX_PUB];
    size_t n_pub;
    /* pub is also the public-input column (n_pub <= n_rows). */
    bool pub_column;

    size_t n_rows;
    size_t n_main;
    size_t n_fixed;
    /* The fixed columns' Merkle root at blowup 2^fixed_root_log_blowup,
     * when a constructor cached it (stark_air_commit_fixed); 0: none. */
    hash_digest fixed_root;
    unsigned fixed_root_log_blowup;
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
/* Declares that constraint i's terms have up to `factors` factors of known
 * columns (see Degree at the top). */
void stark_air_set_known(stark_air *a, size_t i, unsigned factors);
/* The LogUp running sum the lookup AIRs close (Haböck, ePrint 2022/1530):
 * auxiliary columns 0..l-1 are helpers, each the sum of some of the row's
 * fractions, and column l the sum L of all rows above: L = 0 on row 0,
 * L' = L + Σ helpers, and on the last row L + Σ helpers = 0.
 * stark_logup_sum_eval writes the three constraints' values at out[0..3)
 * (in the extension field; aux rows as the evaluators get them);
 * stark_logup_sum_constraints declares them as constraints k, k + 1, k + 2
 * of a table of n rows, degree 1, and returns k + 3. */
void stark_logup_sum_eval(gl2_t out[3], const gl2_t *acur, const gl2_t *anext, size_t l);
size_t stark_logup_sum_constraints(stark_air *a, size_t k, size_t n);
/* Adds a periodic column (copies the values); ZK_EINVAL unless period is a
 * power of two dividing n_rows, or when there are STARK_AIR_MAX_PERIODIC. */
zk_err stark_air_add_periodic(stark_air *a, const gl_t *values, size_t period);
void stark_air_free(stark_air *a);

/* The largest declared constraint degree (at least 1). */
unsigned stark_air_max_degree(const stark_air *a);
/* Columns of a row as the evaluators see it: n_main + n_fixed. */
static inline size_t stark_air_row_width(const stark_air *a)
{
    return a->n_main + a->n_fixed;
}
/* How many known columns per[] holds: periodic, plus the public one. */
static inline size_t stark_air_n_known(const stark_air *a)
{
    return a->n_periodic + (a->pub_column ? 1 : 0);
}
/* K: the largest degree of a known column (0 without any). */
size_t stark_air_known_degree(const stark_air *a);
/* The public-input column at z, from the public values (the verifier's
 * side). ZK_EVERIFY if z is a point of H (never for z outside Goldilocks). */
zk_err stark_air_public_at(gl2_t *out, const stark_air *a, gl2_t z);

/* The fixed columns' Merkle root at blowup 2^log_blowup, computed from
 * build_fixed: the table, its extension onto D, unsalted leaves. ZK_EINVAL
 * without fixed columns or for a bad blowup, ZK_ENOMEM. */
zk_err stark_air_fixed_root(hash_digest *root, const stark_air *a, unsigned log_blowup);
/* Computes that root and caches it in a (fixed_root), so that verifying
 * many proofs, or a verifier built from a known statement, does not redo
 * the extension. */
zk_err stark_air_commit_fixed(stark_air *a, unsigned log_blowup);
/* Caches a root known in advance (64 hex digits; a statement's root written
 * into the AIR's source, which a test recomputes); ignored if malformed. */
void stark_air_known_fixed_root(stark_air *a, const char *hex, unsigned log_blowup);

/* ---- the trace check ------------------------------------------------------ */

typedef struct stark_check_report {
    bool ok;
    size_t row;          /* first failing row */
    size_t constraint;   /* and the first constraint failing there */
} stark_check_report;

/* The known columns' values at row i (per has stark_air_n_known entries). */
void stark_air_known_at_row(const stark_air *a, size_t row, gl_t *per);

/* Evaluates every main constraint on every row it applies to, and the
 * auxiliary ones too when aux is given. trace is row-major N ×
 * (n_main + n_fixed), the fixed columns included. rep->ok tells the outcome; on
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
