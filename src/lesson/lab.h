/* The engines of the map's labs (the workbench's c, g and s tools): a
 * Circom file compiled with its inputs as a form (circuits lab, Groth16
 * lab), the Groth16 pipeline on it with every phase timed, and a STARK of
 * a registered AIR with its FRI layers. Every figure a lab shows comes from
 * the engine's own functions run here: nothing is shelled out, nothing is
 * a stored number. The TUI (src/tui/lab_*.c) only draws these and maps keys;
 * the work runs on its job thread, so every function here takes a zk_events
 * sink and stops with ZK_ECANCELLED when the sink asks. */
#ifndef ZK_LESSON_LAB_H
#define ZK_LESSON_LAB_H

#include "circuit/circom.h"
#include "core/event.h"
#include "snark/groth16_demo.h"
#include "stark/fri.h"

enum {
    LESSON_LAB_PATH_MAX = 1024,
    LESSON_LAB_NAME_MAX = 64,
    LESSON_LAB_VALUE_MAX = 80,
    LESSON_LAB_WHY_MAX = 240
};

/* ---- circuits (lab_circuit.c) -------------------------------------------------------- */

/* A circuit that ships with zkcave: a .circom with a `component main`, in a
 * directory of the circuit search path (circuit/circom_search.h) or its
 * lessons/ subdirectory. rel is what a user reads: "lessons/cubic.circom". */
typedef struct lesson_lab_circuit_file {
    char rel[128];
    char path[LESSON_LAB_PATH_MAX];
} lesson_lab_circuit_file;

/* Every such circuit, sorted by rel (the first search directory holding a
 * name wins); libraries of templates without a main are left out. *files
 * zk_alloc'ed (NULL when none). */
zk_err lesson_lab_circuit_list(lesson_lab_circuit_file **files, size_t *n);

/* One value of one input signal of main: "x", "in[2]", "weights[1][0]". */
typedef struct lesson_lab_input {
    char name[LESSON_LAB_NAME_MAX];
    size_t base_len;             /* the signal's name: name[0 .. base_len) */
    bool is_public;
    char value[LESSON_LAB_VALUE_MAX];   /* as typed: "3", "-5", "2^64" */
} lesson_lab_input;

typedef struct lesson_lab_circuit {
    char path[LESSON_LAB_PATH_MAX];
    int level;                   /* Circom's simplification level, 0..2 */
    circom_circuit c;            /* compiled at level, without a witness */
    char **names;                /* c.sys.n_wires signal names, "main." dropped */
    lesson_lab_input *inputs;
    size_t n_inputs;
    char example[LESSON_LAB_PATH_MAX];  /* the example input file the values came from, or "" */
    double compile_seconds;
} lesson_lab_circuit;

/* Compiles path at level and lists main's inputs, each valued from the
 * example input beside the circuit (F.circom → F.input.json, circom's
 * input.json format) when there is one, else "0". ZK_EPARSE, ZK_EIO, ...
 * with a one-line reason in why. lc is always initialised: close it. */
zk_err lesson_lab_circuit_open(lesson_lab_circuit *lc, const char *path, int level,
                               const zk_events *ev, char *why, size_t why_len);
void lesson_lab_circuit_close(lesson_lab_circuit *lc);

/* The inputs as circom's input.json (each value canonical decimal mod r,
 * an array for an indexed signal). ZK_EPARSE when a value is not a whole
 * number (why names the input). *json zk_alloc'ed. */
zk_err lesson_lab_circuit_json(char **json, const lesson_lab_circuit *lc, char *why,
                               size_t why_len);

/* The witness for the inputs (c.sys.n_wires values, w[0] = 1), computed
 * by the compiler as `zkcave circuit witness` does. ZK_EVERIFY when the
 * inputs break a constraint or an assert, ZK_EINVAL when they are unusable
 * (why says where). *w zk_alloc'ed; wipe it with sodium_memzero. */
zk_err lesson_lab_circuit_witness(fr_t **w, const lesson_lab_circuit *lc, char *why,
                                  size_t why_len);

/* ---- Groth16 (lab_groth16.c) --------------------------------------------------------- */

typedef struct lesson_lab_groth16 {
    /* the key, from secrets sampled here and wiped (a demo key: whoever
     * ran this could have kept τ) */
    groth16_demo_key key;
    bool have_key;
    unsigned log_domain;
    double setup_seconds;
    /* the last proof */
    bool proved, valid;
    double witness_seconds, prove_seconds, verify_seconds;
    groth16_proof proof;
    fr_t *pub;                   /* n_pub public signals, zk_alloc'ed */
    size_t n_pub;
    char *proof_json;            /* as snarkjs writes proof.json (cJSON_Print) */
} lesson_lab_groth16;

void lesson_lab_groth16_init(lesson_lab_groth16 *g);
void lesson_lab_groth16_free(lesson_lab_groth16 *g);
/* The proving key of lc from fresh secrets (groth16_setup_secrets). */
zk_err lesson_lab_groth16_setup(lesson_lab_groth16 *g, const lesson_lab_circuit *lc,
                                const zk_events *ev, char *why, size_t why_len);
/* The witness of lc's inputs, a proof with g's key, and its verification,
 * each timed; g->valid is the verifier's answer. Needs the key. */
zk_err lesson_lab_groth16_prove(lesson_lab_groth16 *g, const lesson_lab_circuit *lc,
                                const zk_events *ev, char *why, size_t why_len);
/* Verifies g's proof against its public signals with public signal which
 * raised by one (*changed: its value then): what a verifier told another
 * statement answers. */
zk_err lesson_lab_groth16_verify_tampered(bool *ok, fr_t *changed, const lesson_lab_groth16 *g,
                                          size_t which);

/* ---- STARK (lab_stark.c) ------------------------------------------------------------- */

typedef struct lesson_lab_stark_config {
    size_t air;                  /* index into stark_air_names */
    uint64_t rows;
    unsigned bits;               /* range-check: values below 2^bits */
    stark_options opt;
} lesson_lab_stark_config;

/* fibonacci, 1024 rows, 8 bits, stark_options_default. */
void lesson_lab_stark_config_default(lesson_lab_stark_config *cfg);
/* The AIR the configuration names, built with its witness as `zkcave stark
 * prove` builds it (its default secret and seeds). ZK_EINVAL with why. */
zk_err lesson_lab_stark_air(stark_air *a, const lesson_lab_stark_config *cfg, char *why,
                            size_t why_len);
/* Whether the lab builds the registry's AIR air from its rows alone: the
 * four whose witness follows from a row count. The others (the CNN's, the
 * model commitment's) are built from the shipped model and digit by
 * `zkcave stark prove NAME`, and the lab's AIR setting skips them. */
bool lesson_lab_stark_buildable(size_t air);

typedef struct lesson_lab_stark_layer {
    size_t points;               /* the layer's domain */
    size_t degree;               /* the degree bound it is claimed below */
    char root[17];               /* its Merkle root's first 16 hex digits */
} lesson_lab_stark_layer;

/* A phase of the prover as its events named it, and its wall time. */
typedef struct lesson_lab_stark_phase {
    char name[16];
    double seconds;
} lesson_lab_stark_phase;

enum { LESSON_LAB_STARK_PHASES = 12 };

typedef struct lesson_lab_stark {
    stark_layout layout;
    stark_security sec;          /* the verifier's own estimate (stark_proof_security) */
    unsigned min_bits;           /* what it was verified against: 100, or less when the
                                  * options give less (then `stark verify` needs --min-bits) */
    double prove_seconds, verify_seconds;
    lesson_lab_stark_phase phases[LESSON_LAB_STARK_PHASES];
    size_t n_phases;
    uint8_t *proof;              /* the encoded proof, as `stark prove -o` writes it */
    size_t proof_len;
    bool valid;
    char why[LESSON_LAB_WHY_MAX];       /* the verifier's reason when not valid */
    lesson_lab_stark_layer layers[FRI_MAX_LAYERS];
    size_t n_layers;
    size_t remainder;            /* coefficients sent in the clear */
    unsigned folding;
} lesson_lab_stark;

void lesson_lab_stark_free(lesson_lab_stark *r);
/* Proves cfg's statement, encodes the proof, decodes it and verifies it as
 * `zkcave stark verify` does, timing both. ZK_EINVAL (options that make no
 * proof), ZK_ETRACE, ZK_ECANCELLED, with why. */
zk_err lesson_lab_stark_run(lesson_lab_stark *r, const lesson_lab_stark_config *cfg,
                            const zk_events *ev, char *why, size_t why_len);
/* The proof with one bit of byte offset flipped, read and verified
 * again: *exit_code is what `stark verify` would exit with (0 valid, 1
 * invalid, 2 malformed), why the verifier's reason. */
zk_err lesson_lab_stark_tamper(int *exit_code, char *why, size_t why_len, const lesson_lab_stark *r,
                               size_t offset);

#endif
