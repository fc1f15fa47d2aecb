/* zkcave's Circom compiler: source to R1CS, witness and symbols.
 *
 * The subset: pragma, include, templates with parameters, input, output and
 * intermediate signals (multi-dimensional), var, for, while, if, functions,
 * the field and integer operators, <== ==> <-- --> ===, components and arrays
 * of components, `component main {public [...]} = T(...)`, log and assert.
 * Not supported: anonymous components, tuples, buses, custom templates, tags
 * (read and ignored).
 *
 * Circom's behaviour is the reference (circom 2.2): signals are numbered as
 * Circom numbers them (in each component its outputs, inputs and
 * intermediates in declaration order, then its subcomponents sorted by name
 * and index), constraints come in Circom's order at --O0, and the
 * simplification levels are Circom's (circuit/r1cs_opt.h), so the counts of
 * constraints, wires and public inputs agree with circom's at --O0 and
 * --O1, and non-linear counts at --O2.
 *
 * Errors and warnings come with file:line:col and a caret under the place.
 * Witness generation runs the same elaboration with main's inputs (circom's
 * input.json) and checks every constraint as it is made; a broken one is
 * reported with the component instance and the constraint's source. */
#ifndef ZK_CIRCUIT_CIRCOM_H
#define ZK_CIRCUIT_CIRCOM_H

#include <stdio.h>

#include "circuit/r1cs.h"

typedef struct circom_options {
    int opt_level;                       /* 0, 1 (Circom's default) or 2 */
    const char *const *include_dirs;     /* searched after the including file's directory */
    size_t n_include_dirs;
    const char *inputs_json;             /* non-NULL: also compute the witness */
    FILE *log;                           /* where log(...) prints in witness mode; NULL: nowhere */
    /* Budgets; past one the compilation stops with ZK_EOVERFLOW and an
     * error naming it. Steps: statements run and a step for every 64 terms
     * of sums built, max_steps, and 256 more for each constraint or signal
     * made (0: CIRCOM_DEFAULT_STEPS). Size: constraints,
     * signals, component instances and the values of the variables alive at
     * once, each up to max_constraints, and terms up to 16 times that
     * (0: circom_default_max_constraints()). */
    uint64_t max_steps;
    uint64_t max_constraints;
} circom_options;

#define CIRCOM_DEFAULT_STEPS ((uint64_t)1 << 25)
/* Memory that one constraint may take while compiling, with its signal,
 * terms and the .r1cs image (measured about 400 bytes; doubled). */
#define CIRCOM_BYTES_PER_CONSTRAINT 1024

/* The default size budget: a quarter of the machine's physical memory
 * divided by CIRCOM_BYTES_PER_CONSTRAINT (2^20 when the memory size is
 * unknown). */
uint64_t circom_default_max_constraints(void);

/* Constraints made by the instances of one template with one set of
 * arguments ("Num2Bits(32)"), counted in the final system. */
typedef struct circom_template_count {
    char *title;
    uint32_t instances;
    uint64_t constraints;
} circom_template_count;

typedef struct circom_source {
    char *path;
    char *text;
} circom_source;

typedef struct circom_circuit {
    r1cs sys;                    /* after simplification; wire_label maps wires to labels */
    fr_t *witness;               /* sys.n_wires values when inputs were given */
    int opt_level;
    size_t n_nonlinear, n_linear;
    uint32_t n_prv_in_declared;  /* private inputs of main; sys.n_prv_in counts those still wires */
    char *sym;                   /* the .sym file's text */
    char *diagnostics;           /* every warning and error, rendered */
    char *error;                 /* the first error on one line, or NULL */
    char *input_error;           /* after ZK_EINVAL: what is wrong with the inputs,
                                    one line with no prefix ("input 'b' is missing") */
    uint32_t n_warnings;
    circom_template_count *per_template;
    size_t n_per_template;
    uint32_t n_instances;
    circom_source *sources;      /* every file read, main first */
    size_t n_sources;
    char *main_template;         /* the title of main, like "ReLU()" */
} circom_circuit;

/* Compiles a file. ZK_EPARSE for an error in the program (see ->error and
 * ->diagnostics), ZK_EVERIFY when the given inputs break a constraint or an
 * assert, ZK_EINVAL for unusable inputs, ZK_EIO when the file cannot be
 * read. out is always initialised; free it with circom_circuit_free. */
zk_err circom_compile_file(circom_circuit *out, const char *path, const circom_options *opt);
/* The same for source text; includes are looked up in the include
 * directories (and next to `name` when it has a directory part). */
zk_err circom_compile_text(circom_circuit *out, const char *name, const char *text,
                           const circom_options *opt);
/* The same from sources held in memory (a witness-calculator bundle): no
 * file is opened; includes resolve among the given sources only. */
zk_err circom_compile_sources(circom_circuit *out, const circom_source *src, size_t n,
                              const circom_options *opt);
void circom_circuit_free(circom_circuit *c);

/* The witness-calculator file that `zkcave circuit compile` writes next to
 * the .r1cs: a JSON document with the sources, the level and the expected
 * counts, from which `zkcave circuit witness` recompiles the circuit with
 * the inputs and checks it is the same circuit. */
zk_err circom_bundle_write(const circom_circuit *c, const char *path);
/* limits: the budgets and log of opt are used (its level and include
 * directories come from the bundle); NULL for the defaults. */
zk_err circom_witness_from_bundle(circom_circuit *out, const char *bundle_path,
                                  const char *inputs_json, const circom_options *limits);

#endif
