/* The Circom interpreter's internal state, shared by circom_inst.c
 * (components and signals), circom_expr.c (expressions and access paths),
 * circom_stmt.c (statements and constraints) and circom_call.c (function
 * calls and component runs).
 *
 * Elaboration runs the program once. Signals get temporary ids in the order
 * they are created, which are the wires of a builder r1cs; when the run ends
 * (circom_inst.c, circom_elab_finalize) they are renumbered in Circom's order and the
 * constraints sorted the way Circom lists them. When a witness is wanted the
 * same run also computes every signal's value.
 *
 * Components run lazily: `c = T(...)` only records the call; the parent's
 * writes to c's inputs go to placeholder signals; c's body runs when the
 * parent first reads one of c's outputs (or when the parent ends), and its
 * input declarations then take over the placeholders. By then every input
 * must have been assigned, which is Circom's rule too. */
#ifndef ZK_CIRCUIT_CIRCOM_EXEC_H
#define ZK_CIRCUIT_CIRCOM_EXEC_H

#include <stdio.h>

#include "circuit/circom_front.h"
#include "circuit/circom_value.h"
#include "circuit/r1cs.h"

#define CIRCOM_ELAB_MAXD 16

/* The interpreter recurses over the program: expressions inside
 * expressions, statements inside statements, calls, component runs. Each
 * level costs stack, so their nesting is bounded where it is counted
 * (x->nest, x->depth) and a program past the bound gets a located error,
 * not a stack overflow; the bounds keep the stack under about 4 MB with
 * the sanitizers' larger frames (tests/unit/test_circuit_limits.c runs them
 * under an 8 MB limit). */
#define CIRCOM_ELAB_MAX_NEST 4000
#define CIRCOM_ELAB_MAX_DEPTH 400

typedef struct cJSON cJSON;

/* One signal declaration executed in a component instance. */
typedef struct circom_elab_sigdecl {
    const char *name;
    circom_sig_kind kind;
    bool pub;
    uint32_t ndims, dims[CIRCOM_ELAB_MAXD], n;
    uint32_t base;                 /* temporary id of element 0 */
    const circom_stmt *decl;
} circom_elab_sigdecl;

/* A write or read of an input of a component that has not run yet. */
typedef struct circom_elab_ph {
    const char *name;
    uint32_t nidx, idx[CIRCOM_ELAB_MAXD];
    uint32_t id;
    circom_loc loc;
    bool bound;
} circom_elab_ph;

typedef enum circom_elab_state {
    CIRCOM_ELAB_PENDING,
    CIRCOM_ELAB_RUNNING,
    CIRCOM_ELAB_DONE
} circom_elab_state;

/* A template argument: a constant, or an array of constants. */
typedef struct circom_elab_arg {
    uint32_t ndims, dims[CIRCOM_ELAB_MAXD], n;
    fr_t *v;
} circom_elab_arg;

typedef struct circom_elab_inst circom_elab_inst;
struct circom_elab_inst {
    const circom_def *tmpl;
    circom_elab_inst *parent;
    const char *name;              /* the component's name in its parent, "main" at the root */
    uint32_t nidx, idx[CIRCOM_ELAB_MAXD];   /* its position in a component array */
    circom_elab_arg *args;
    uint32_t nargs;
    circom_elab_sigdecl *sigs;
    uint32_t nsigs, cap_sigs;
    circom_elab_inst **kids;
    uint32_t nkids, cap_kids;
    circom_elab_ph *ph;
    uint32_t nph, cap_ph;
    uint32_t *ph_hash;             /* open addressing over ph, index + 1 */
    uint32_t ph_hash_cap;
    circom_elab_state state;
    circom_loc loc;                    /* where it was created */
    uint32_t id;                   /* creation order */
    uint32_t dfs;                  /* position in Circom's order, set by circom_elab_finalize */
    uint64_t own_constraints;
};

typedef struct circom_elab_slot {
    circom_slot_kind kind;             /* CIRCOM_SLOT_NONE until the declaration runs */
    uint32_t ndims, dims[CIRCOM_ELAB_MAXD], n;
    circom_val *vals;                  /* var */
    uint32_t sig;                  /* signal: index into the instance's sigs */
    circom_elab_inst **comps;               /* component */
} circom_elab_slot;

typedef struct circom_elab_frame {
    const circom_def *def;
    circom_elab_inst *inst;                 /* NULL in a function */
    circom_elab_slot *slots;
    bool returned;
    struct circom_elab_res *ret;
} circom_elab_frame;

/* An evaluated expression: a scalar or an array of scalars. */
typedef struct circom_elab_res {
    bool arr;
    circom_val v;
    uint32_t ndims, dims[CIRCOM_ELAB_MAXD], n;
    circom_val *elems;
} circom_elab_res;

/* Signal flags. */
enum {
    CIRCOM_ELAB_SF_ASSIGNED = 1,     /* by <==, <--, or as an input of main */
    CIRCOM_ELAB_SF_CONSTRAINED = 2,  /* appears in a constraint */
    CIRCOM_ELAB_SF_ARROW = 4,        /* assigned with <-- */
    CIRCOM_ELAB_SF_KNOWN = 8,        /* its value is in val[] (witness mode) */
    CIRCOM_ELAB_SF_PLACEHOLDER = 16,
};

typedef struct circom_elab_ctx {
    circom_ctx *cc;
    r1cs sys;                      /* wires are temporary signal ids */
    bool witness;
    const cJSON *inputs;           /* witness mode: main's inputs */

    fr_t *val;
    uint8_t *flags;
    uint32_t *alias;               /* placeholder id -> its signal, else itself */
    uint32_t nsig, cap_sig;

    uint32_t *con_inst;            /* per constraint, the instance that made it */
    const circom_stmt **con_stmt;      /* and the statement */
    size_t cap_con;

    circom_elab_inst **insts;
    uint32_t ninsts, cap_insts;
    circom_elab_inst *root;

    circom_val_scratch scratch;
    circom_val_ctx vc;
    r1cs_lc lc[3];
    uint64_t steps, max_steps;     /* statements run, and the budget (see circom_elab_exec_stmt) */
    uint64_t max_constraints;      /* the size budget (circom_options.max_constraints) */
    uint64_t var_elems;            /* elements of the variables alive now */
    bool over_budget;              /* a budget stopped the run */
    unsigned in_constraint;        /* evaluating a side of <== or === */
    unsigned depth;                /* calls and component runs in progress */
    unsigned nest;                 /* circom_elab_eval and circom_elab_exec_stmt in progress */
    FILE *log;
} circom_elab_ctx;

zk_err circom_elab_init(circom_elab_ctx *x, circom_ctx *cc, bool witness, const cJSON *inputs,
                        FILE *log);
void circom_elab_free(circom_elab_ctx *x);

/* Runs the main component; the system x->sys then holds the constraints
 * over temporary ids. */
zk_err circom_elab_run_main(circom_elab_ctx *x);

/* ---- circom_inst.c ------------------------------------------------------------------- */

/* Both within the size budget; loc is what asked for them. */
zk_err circom_elab_new_signals(circom_elab_ctx *x, uint32_t n, const circom_loc *loc,
                               uint32_t *base);
zk_err circom_elab_new_inst(circom_elab_ctx *x, circom_elab_inst *parent, const circom_def *t,
                            const char *name, const uint32_t *idx, uint32_t nidx,
                            const circom_loc *loc, circom_elab_inst **out);
/* Records the declaration and binds placeholders written by the parent. */
zk_err circom_elab_declare_signals(circom_elab_ctx *x, circom_elab_inst *inst,
                                   const circom_stmt *st, const uint32_t *dims, uint32_t ndims,
                                   uint32_t *sig_index);
circom_elab_sigdecl *circom_elab_find_sig(circom_elab_inst *inst, const char *name);
/* The placeholder of input name[idx] of a pending instance, created on first use. */
zk_err circom_elab_placeholder(circom_elab_ctx *x, circom_elab_inst *inst, const char *name,
                               const uint32_t *idx, uint32_t nidx, const circom_loc *loc,
                               uint32_t *id);
/* 1 input, 2 output, 0 neither: what the template body declares name as. */
int circom_elab_template_io(const circom_def *t, const char *name);
bool circom_elab_template_has_inputs(const circom_def *t);
/* "main.a.b[2]" for an instance, into buf. */
void circom_elab_inst_path(const circom_elab_inst *inst, char *buf, size_t n);
/* "Num2Bits(32)" into buf. */
void circom_elab_inst_title(const circom_elab_inst *inst, char *buf, size_t n);

/* ---- circom_stmt.c ------------------------------------------------------------------- */

/* Runs a pending component's template body. */
zk_err circom_elab_run_inst(circom_elab_ctx *x, circom_elab_inst *inst, const circom_loc *why);
zk_err circom_elab_exec_stmt(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s);
zk_err circom_elab_call_function(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *call,
                                 circom_elab_res *out);
/* Marks an input of main assigned, with its values from the inputs in
 * witness mode (nested arrays flattened, decimal strings or numbers). */
zk_err circom_elab_main_input(circom_elab_ctx *x, const circom_elab_sigdecl *sd);
/* Makes slot a variable of the given shape, every element 0, counting its
 * elements against the size budget (loc: where it is made). */
zk_err circom_elab_slot_var(circom_elab_ctx *x, const circom_loc *loc, circom_elab_slot *slot,
                            const uint32_t *dims, uint32_t ndims, uint32_t n);
void circom_elab_free_slots(circom_elab_ctx *x, circom_elab_slot *slots, uint32_t n);
/* Reports an error located at loc, naming the instance being elaborated. */
zk_err circom_elab_error(circom_elab_ctx *x, const circom_elab_frame *f, const circom_loc *loc,
                         const char *fmt, ...);
/* The error for nesting past CIRCOM_ELAB_MAX_NEST, located at loc. */
zk_err circom_elab_too_deep(circom_elab_ctx *x, const circom_elab_frame *f, const circom_loc *loc);

/* What the size budget counts. Constraints, signals, component instances
 * and the elements of the variables alive at once may each number up to
 * max_constraints, and the constraints' terms up to CIRCOM_ELAB_TERMS_PER_CONSTRAINT
 * times that: each is memory that grows with the program's loops. */
typedef enum circom_elab_budget {
    CIRCOM_ELAB_B_CONSTRAINTS,
    CIRCOM_ELAB_B_TERMS,
    CIRCOM_ELAB_B_SIGNALS,
    CIRCOM_ELAB_B_INSTANCES,
    CIRCOM_ELAB_B_VARS
} circom_elab_budget;
#define CIRCOM_ELAB_TERMS_PER_CONSTRAINT 16
/* Statements a program may run for each constraint or signal it makes,
 * beyond max_steps, and the terms of sums that count as one statement (see
 * circom_elab_exec_stmt). */
#define CIRCOM_ELAB_STEPS_PER_ITEM 256
#define CIRCOM_ELAB_TERMS_PER_STEP 64
/* The error for going past the budget b (it names the limit and the
 * option that raises it), located at loc; sets x->over_budget. */
zk_err circom_elab_over_budget(circom_elab_ctx *x, const circom_loc *loc, circom_elab_budget b);

/* ---- circom_expr.c ------------------------------------------------------------------- */

zk_err circom_elab_eval(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                        circom_elab_res *out);
/* The errors for an array where e needs one value, and for the failed
 * operation e (x->vc.error says why). */
zk_err circom_elab_scalar_expected(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e);
zk_err circom_elab_op_error(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e);
/* A scalar value (an array is an error). */
zk_err circom_elab_eval_scalar(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                               circom_val *out);
/* A compile-time constant index or size below limit. */
zk_err circom_elab_eval_index(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                              uint64_t limit, uint32_t *out);
/* Indices and sizes stay below this; as a limit of circom_elab_eval_index it means
 * "no size known here". */
#define CIRCOM_ELAB_INDEX_CAP ((uint64_t)1 << 31)
/* A compile-time constant size of the declaration of name, at most 2^31. */
zk_err circom_elab_eval_size(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                             const char *name, uint32_t *out);

typedef enum circom_elab_place_kind {
    CIRCOM_ELAB_PL_VAR,
    CIRCOM_ELAB_PL_SIG,
    CIRCOM_ELAB_PL_PH,
    CIRCOM_ELAB_PL_COMP
} circom_elab_place_kind;

/* Where an access path points: a range of elements of a var, signal or
 * component slot, or input placeholders of a pending component. */
typedef struct circom_elab_place {
    circom_elab_place_kind kind;
    circom_elab_slot *slot;                 /* var, component */
    circom_elab_inst *inst;                 /* signal: owner; placeholder: the pending component */
    circom_elab_sigdecl *sd;                /* signal */
    const char *member;            /* placeholder: input name */
    uint32_t nidx, idx[CIRCOM_ELAB_MAXD];   /* placeholder: the indices given */
    uint32_t off, n;               /* element range */
    uint32_t ndims, dims[CIRCOM_ELAB_MAXD]; /* shape of the range (0 dims: one element) */
    bool foreign;                  /* a signal of a subcomponent */
    bool dynamic;                  /* an index depends on signals */
    bool unknown;                  /* ... and its value is not known here */
} circom_elab_place;

/* Resolves an access path. for_write: the place will be assigned. */
zk_err circom_elab_place_of(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                            bool for_write, circom_elab_place *pl);
/* The temporary id of element i of a signal or placeholder place. */
zk_err circom_elab_place_sig(circom_elab_ctx *x, const circom_elab_place *pl, uint32_t i,
                             const circom_loc *loc, uint32_t *id);

#endif
