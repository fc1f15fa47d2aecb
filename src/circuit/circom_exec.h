/* The Circom interpreter's internal state, shared by circom_inst.c
 * (components and signals), circom_expr.c (expressions and access paths),
 * circom_stmt.c (statements and constraints) and circom_call.c (function
 * calls and component runs).
 *
 * Elaboration runs the program once. Signals get temporary ids in the order
 * they are created, which are the wires of a builder r1cs; when the run ends
 * (circom_inst.c, cx_finalize) they are renumbered in Circom's order and the
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

#define CX_MAXD 16

/* The interpreter recurses over the program: expressions inside
 * expressions, statements inside statements, calls, component runs. Each
 * level costs stack, so their nesting is bounded where it is counted
 * (x->nest, x->depth) and a program past the bound gets a located error,
 * not a stack overflow; the bounds keep the stack under about 4 MB with
 * the sanitizers' larger frames (tests/unit/test_circuit_limits.c runs them
 * under an 8 MB limit). */
#define CX_MAX_NEST 4000
#define CX_MAX_DEPTH 400

typedef struct cJSON cJSON;

/* One signal declaration executed in a component instance. */
typedef struct cx_sigdecl {
    const char *name;
    cc_sig_kind kind;
    bool pub;
    uint32_t ndims, dims[CX_MAXD], n;
    uint32_t base;                 /* temporary id of element 0 */
    const cc_stmt *decl;
} cx_sigdecl;

/* A write or read of an input of a component that has not run yet. */
typedef struct cx_ph {
    const char *name;
    uint32_t nidx, idx[CX_MAXD];
    uint32_t id;
    cc_loc loc;
    bool bound;
} cx_ph;

typedef enum cx_state { CX_PENDING, CX_RUNNING, CX_DONE } cx_state;

/* A template argument: a constant, or an array of constants. */
typedef struct cx_arg {
    uint32_t ndims, dims[CX_MAXD], n;
    fr_t *v;
} cx_arg;

typedef struct cx_inst cx_inst;
struct cx_inst {
    const cc_def *tmpl;
    cx_inst *parent;
    const char *name;              /* the component's name in its parent, "main" at the root */
    uint32_t nidx, idx[CX_MAXD];   /* its position in a component array */
    cx_arg *args;
    uint32_t nargs;
    cx_sigdecl *sigs;
    uint32_t nsigs, cap_sigs;
    cx_inst **kids;
    uint32_t nkids, cap_kids;
    cx_ph *ph;
    uint32_t nph, cap_ph;
    uint32_t *ph_hash;             /* open addressing over ph, index + 1 */
    uint32_t ph_hash_cap;
    cx_state state;
    cc_loc loc;                    /* where it was created */
    uint32_t id;                   /* creation order */
    uint32_t dfs;                  /* position in Circom's order, set by cx_finalize */
    uint64_t own_constraints;
};

typedef struct cx_slot {
    cc_slot_kind kind;             /* CC_SLOT_NONE until the declaration runs */
    uint32_t ndims, dims[CX_MAXD], n;
    cv_val *vals;                  /* var */
    uint32_t sig;                  /* signal: index into the instance's sigs */
    cx_inst **comps;               /* component */
} cx_slot;

typedef struct cx_frame {
    const cc_def *def;
    cx_inst *inst;                 /* NULL in a function */
    cx_slot *slots;
    bool returned;
    struct cx_res *ret;
} cx_frame;

/* An evaluated expression: a scalar or an array of scalars. */
typedef struct cx_res {
    bool arr;
    cv_val v;
    uint32_t ndims, dims[CX_MAXD], n;
    cv_val *elems;
} cx_res;

/* Signal flags. */
enum {
    CX_SF_ASSIGNED = 1,     /* by <==, <--, or as an input of main */
    CX_SF_CONSTRAINED = 2,  /* appears in a constraint */
    CX_SF_ARROW = 4,        /* assigned with <-- */
    CX_SF_KNOWN = 8,        /* its value is in val[] (witness mode) */
    CX_SF_PLACEHOLDER = 16,
};

typedef struct cx_ctx {
    cc_ctx *cc;
    r1cs sys;                      /* wires are temporary signal ids */
    bool witness;
    const cJSON *inputs;           /* witness mode: main's inputs */

    fr_t *val;
    uint8_t *flags;
    uint32_t *alias;               /* placeholder id -> its signal, else itself */
    uint32_t nsig, cap_sig;

    uint32_t *con_inst;            /* per constraint, the instance that made it */
    const cc_stmt **con_stmt;      /* and the statement */
    size_t cap_con;

    cx_inst **insts;
    uint32_t ninsts, cap_insts;
    cx_inst *root;

    cv_scratch scratch;
    cv_ctx vc;
    r1cs_lc lc[3];
    uint64_t steps, max_steps;     /* statements run, and the budget (see cx_exec_stmt) */
    uint64_t max_constraints;      /* the size budget (circom_options.max_constraints) */
    uint64_t var_elems;            /* elements of the variables alive now */
    bool over_budget;              /* a budget stopped the run */
    unsigned in_constraint;        /* evaluating a side of <== or === */
    unsigned depth;                /* calls and component runs in progress */
    unsigned nest;                 /* cx_eval and cx_exec_stmt in progress */
    FILE *log;
} cx_ctx;

zk_err cx_init(cx_ctx *x, cc_ctx *cc, bool witness, const cJSON *inputs, FILE *log);
void cx_free(cx_ctx *x);

/* Runs the main component; the system x->sys then holds the constraints
 * over temporary ids. */
zk_err cx_run_main(cx_ctx *x);

/* ---- circom_inst.c ------------------------------------------------------------------- */

/* Both within the size budget; loc is what asked for them. */
zk_err cx_new_signals(cx_ctx *x, uint32_t n, const cc_loc *loc, uint32_t *base);
zk_err cx_new_inst(cx_ctx *x, cx_inst *parent, const cc_def *t, const char *name,
                   const uint32_t *idx, uint32_t nidx, const cc_loc *loc, cx_inst **out);
/* Records the declaration and binds placeholders written by the parent. */
zk_err cx_declare_signals(cx_ctx *x, cx_inst *inst, const cc_stmt *st, const uint32_t *dims,
                          uint32_t ndims, uint32_t *sig_index);
cx_sigdecl *cx_find_sig(cx_inst *inst, const char *name);
/* The placeholder of input name[idx] of a pending instance, created on first use. */
zk_err cx_placeholder(cx_ctx *x, cx_inst *inst, const char *name, const uint32_t *idx,
                      uint32_t nidx, const cc_loc *loc, uint32_t *id);
/* 1 input, 2 output, 0 neither: what the template body declares name as. */
int cx_template_io(const cc_def *t, const char *name);
bool cx_template_has_inputs(const cc_def *t);
/* "main.a.b[2]" for an instance, into buf. */
void cx_inst_path(const cx_inst *inst, char *buf, size_t n);
/* "Num2Bits(32)" into buf. */
void cx_inst_title(const cx_inst *inst, char *buf, size_t n);

/* ---- circom_stmt.c ------------------------------------------------------------------- */

/* Runs a pending component's template body. */
zk_err cx_run_inst(cx_ctx *x, cx_inst *inst, const cc_loc *why);
zk_err cx_exec_stmt(cx_ctx *x, cx_frame *f, const cc_stmt *s);
zk_err cx_call_function(cx_ctx *x, cx_frame *f, const cc_expr *call, cx_res *out);
/* Marks an input of main assigned, with its values from the inputs in
 * witness mode (nested arrays flattened, decimal strings or numbers). */
zk_err cx_main_input(cx_ctx *x, const cx_sigdecl *sd);
/* Makes slot a variable of the given shape, every element 0, counting its
 * elements against the size budget (loc: where it is made). */
zk_err cx_slot_var(cx_ctx *x, const cc_loc *loc, cx_slot *slot, const uint32_t *dims,
                   uint32_t ndims, uint32_t n);
void cx_free_slots(cx_ctx *x, cx_slot *slots, uint32_t n);
/* Reports an error located at loc, naming the instance being elaborated. */
zk_err cx_error(cx_ctx *x, const cx_frame *f, const cc_loc *loc, const char *fmt, ...);
/* The error for nesting past CX_MAX_NEST, located at loc. */
zk_err cx_too_deep(cx_ctx *x, const cx_frame *f, const cc_loc *loc);

/* What the size budget counts. Constraints, signals, component instances
 * and the elements of the variables alive at once may each number up to
 * max_constraints, and the constraints' terms up to CX_TERMS_PER_CONSTRAINT
 * times that: each is memory that grows with the program's loops. */
typedef enum cx_budget { CX_B_CONSTRAINTS, CX_B_TERMS, CX_B_SIGNALS, CX_B_INSTANCES, CX_B_VARS } cx_budget;
#define CX_TERMS_PER_CONSTRAINT 16
/* Statements a program may run for each constraint or signal it makes,
 * beyond max_steps, and the terms of sums that count as one statement (see
 * cx_exec_stmt). */
#define CX_STEPS_PER_ITEM 256
#define CX_TERMS_PER_STEP 64
/* The error for going past the budget b (it names the limit and the
 * option that raises it), located at loc; sets x->over_budget. */
zk_err cx_over_budget(cx_ctx *x, const cc_loc *loc, cx_budget b);

/* ---- circom_expr.c ------------------------------------------------------------------- */

zk_err cx_eval(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out);
/* The errors for an array where e needs one value, and for the failed
 * operation e (x->vc.error says why). */
zk_err cx_scalar_expected(cx_ctx *x, cx_frame *f, const cc_expr *e);
zk_err cx_op_error(cx_ctx *x, cx_frame *f, const cc_expr *e);
/* A scalar value (an array is an error). */
zk_err cx_eval_scalar(cx_ctx *x, cx_frame *f, const cc_expr *e, cv_val *out);
/* A compile-time constant index or size below limit. */
zk_err cx_eval_index(cx_ctx *x, cx_frame *f, const cc_expr *e, uint64_t limit, uint32_t *out);
/* Indices and sizes stay below this; as a limit of cx_eval_index it means
 * "no size known here". */
#define CX_INDEX_CAP ((uint64_t)1 << 31)
/* A compile-time constant size of the declaration of name, at most 2^31. */
zk_err cx_eval_size(cx_ctx *x, cx_frame *f, const cc_expr *e, const char *name, uint32_t *out);

typedef enum cx_place_kind { CX_PL_VAR, CX_PL_SIG, CX_PL_PH, CX_PL_COMP } cx_place_kind;

/* Where an access path points: a range of elements of a var, signal or
 * component slot, or input placeholders of a pending component. */
typedef struct cx_place {
    cx_place_kind kind;
    cx_slot *slot;                 /* var, component */
    cx_inst *inst;                 /* signal: owner; placeholder: the pending component */
    cx_sigdecl *sd;                /* signal */
    const char *member;            /* placeholder: input name */
    uint32_t nidx, idx[CX_MAXD];   /* placeholder: the indices given */
    uint32_t off, n;               /* element range */
    uint32_t ndims, dims[CX_MAXD]; /* shape of the range (0 dims: one element) */
    bool foreign;                  /* a signal of a subcomponent */
    bool dynamic;                  /* an index depends on signals */
    bool unknown;                  /* ... and its value is not known here */
} cx_place;

/* Resolves an access path. for_write: the place will be assigned. */
zk_err cx_place_of(cx_ctx *x, cx_frame *f, const cc_expr *e, bool for_write, cx_place *pl);
/* The temporary id of element i of a signal or placeholder place. */
zk_err cx_place_sig(cx_ctx *x, const cx_place *pl, uint32_t i, const cc_loc *loc, uint32_t *id);

#endif
