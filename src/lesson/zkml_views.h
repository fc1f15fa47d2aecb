/* The constraint-count visualizer's engine (SCREENS.md "Constraint counts",
 * lesson 16), shared by the workbench's `v` tool and lesson 16's panels:
 * the seed CNN's circuit counted by zkml_count per row × operation for a
 * visibility mode, a pixel layout and the max-pool order; charts of those
 * counts; the prover's throughput measured on this machine; the
 * extrapolation to larger networks; and the prover's memory.
 *
 * Nothing here is a constant standing for a measurement: counts come from
 * the circuit code, the throughput from a proof made and timed here, and
 * the larger networks' sizes are published figures whose sources are
 * listed with them. */
#ifndef ZK_LESSON_ZKML_VIEWS_H
#define ZK_LESSON_ZKML_VIEWS_H

#include "core/event.h"
#include "nn/cnn.h"
#include "viz/chart.h"
#include "zkml/zkml.h"

/* The shipped model, quantized as its circuit is by the settings the app
 * ships (assets/mnist-settings.json). */
typedef struct lesson_zkml {
    nn_cnn cnn;
    uint8_t cnn_hash[32];         /* BLAKE2b of the weights file */
    nn_qmodel *qm;                /* acc_bits = the worst case over every image */
    zkml_settings settings;       /* as shipped: hashed, packed pixels */
    char source[160];             /* where the quantization came from */
} lesson_zkml;

zk_err lesson_zkml_open(lesson_zkml *z, char *why, size_t why_len);
/* Another shipped model with its own settings (assets/<model>,
 * assets/<settings>): lesson 20's x² network. */
zk_err lesson_zkml_open_asset(lesson_zkml *z, const char *model, const char *settings, char *why,
                              size_t why_len);
void lesson_zkml_close(lesson_zkml *z);

/* What the visualizer counts. */
typedef struct lesson_zkml_config {
    zkml_visibility params;
    zkml_pixels pixels;
    bool pool_first;              /* false: the max-pool after rescale and ReLU */
    int first_layer;              /* 0: the whole CNN */
} lesson_zkml_config;

/* The shipped settings as a configuration. */
void lesson_zkml_config_default(lesson_zkml_config *cfg, const lesson_zkml *z);
/* One line: "weights hashed · pixels packed · pool before rescale". */
void lesson_zkml_config_str(char *out, size_t len, const lesson_zkml_config *cfg);

/* Counts cfg's circuit with zkml_count (pool_first false: zkml's
 * settings.pool_last ablation, the "before" of pooling first); *cpu_seconds
 * (may be NULL) the thread CPU time it took. */
zk_err lesson_zkml_count(zkml_counts *out, double *cpu_seconds, const lesson_zkml *z,
                         const lesson_zkml_config *cfg, char *why, size_t why_len);

/* A row's constraints over every operation. */
uint64_t lesson_zkml_row_total(const zkml_counts *k, zkml_row r);
/* The layer (conv1 .. fc2) with the most constraints. */
zkml_row lesson_zkml_dominant(const zkml_counts *k);
/* "3,016,737". */
char *lesson_zkml_commas(char *out, size_t len, uint64_t v);
/* A count with three significant digits: "1.8×10^9", "73,000", "4.5 M". */
char *lesson_zkml_short(char *out, size_t len, double v);

/* Constraints per row for each visibility mode (categories: the rows,
 * series: the modes, log-free bars). counts[v] for mode v. */
zk_err lesson_zkml_mode_chart(viz_chart *ch, const zkml_counts counts[ZKML_VISIBILITIES]);
/* Constraints per operation of the conv layers, pool first against pool
 * last (series), for one mode. */
zk_err lesson_zkml_pool_chart(viz_chart *ch, const zkml_counts *first, const zkml_counts *last);

/* The counts of every mode for cfg's other choices. */
zk_err lesson_zkml_count_modes(zkml_counts out[ZKML_VISIBILITIES], const lesson_zkml *z,
                               const lesson_zkml_config *cfg, char *why, size_t why_len);
/* The two charts above side by side in one PNG. */
zk_err lesson_zkml_export(const lesson_zkml *z, const lesson_zkml_config *cfg, const char *path,
                          char *why, size_t why_len);

/* ---- larger networks ---- */

typedef struct lesson_zkml_net {
    const char *name;        /* "ResNet-18" */
    const char *per;         /* "image", "token" */
    double macs;             /* multiply-accumulates per image or token */
    double params;
    const char *source;      /* where the figures are published */
} lesson_zkml_net;

enum { LESSON_ZKML_NETS = 3 };
/* The seed CNN (its MACs from nn/cnn.h), ResNet-18 and GPT-2 1.5B. */
extern const lesson_zkml_net lesson_zkml_nets[LESSON_ZKML_NETS];

/* The article's throughput, for comparison with the measured one. */
#define LESSON_ZKML_ARTICLE_RATE 1e6

/* ---- the prover's throughput on this machine ---- */

typedef struct lesson_zkml_rate {
    uint64_t constraints;
    unsigned log_domain;
    double seconds;          /* wall clock of Groth16 prove (witness excluded) */
    double cpu_seconds;      /* process CPU time meanwhile */
    char what[160];          /* which circuit: "fc2 alone (11,482 constraints, 2^14)" */
    char kernels[96];        /* field_kernels() at the time */
    char when[32];           /* local time, "2026-12-07 09:30" */
} lesson_zkml_rate;

/* Proves the reduced model fc2 alone (hashed weights) with Groth16 three
 * times and keeps the fastest prove: setup first, from fresh secrets that are wiped (the key
 * is thrown away), and the witness, neither of them timed. A second or
 * two; progress: "zkml_rate_setup", "zkml_rate_prove". */
zk_err lesson_zkml_measure_rate(lesson_zkml_rate *r, const lesson_zkml *z, const zk_events *ev,
                                char *why, size_t why_len);
/* The throughput of the last whole-CNN proof made by the workbench on this
 * machine ($XDG_CACHE_HOME/zkcave/mnist/prove-rate.json): ZK_ENOENT when
 * there is none. */
zk_err lesson_zkml_rate_load(lesson_zkml_rate *r);
zk_err lesson_zkml_rate_save(const lesson_zkml_rate *r);
double lesson_zkml_rate_per_second(const lesson_zkml_rate *r);
/* Sets when (now) and kernels (field_kernels()). */
void lesson_zkml_rate_stamp(lesson_zkml_rate *r);

/* ---- memory ---- */

/* What a Groth16 prover holds for a circuit of these counts, in bytes:
 * the witness (32 bytes a wire), the proving key in snarkjs's .zkey layout
 * (A, B₁ in G1 and B₂ in G2 for every wire, C for every private wire, H for
 * every point of the domain, 64 bytes a G1 and 128 a G2 point, 44 bytes a
 * coefficient of A and B, here bounded by all the terms), and the prover's
 * three domain-sized vectors for the quotient (a, b, c at 32 bytes). */
typedef struct lesson_zkml_memory {
    double witness, key, domain, total;
} lesson_zkml_memory;

void lesson_zkml_memory_estimate(lesson_zkml_memory *m, const zkml_counts *k);
/* "41 s", "12 min", "1.2 h", "3.1 days", "2.4 years". */
char *lesson_zkml_duration(char *out, size_t len, double seconds);
/* "96 MB", "1.2 GB". */
char *lesson_zkml_bytes(char *out, size_t len, double bytes);

#endif
