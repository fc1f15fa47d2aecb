/* STARK benchmarks: Poseidon hash chains of 2^12 and 2^16 permutations
 * (one permutation per row, 118 columns), the CNN AIR's first slice
 * (cnn-conv1) and the whole CNN (cnn) on the shipped 7, each with its trace
 * size and each prover phase's share of the time, and the model
 * commitment's sponge (model-hash on the shipped model) at the default
 * options (blowup 8, 28 queries, 20 grinding bits, folding 8, zero
 * knowledge; 101-103 bits conjectured). Prove time is wall-clock on every
 * thread (best of a few runs) and its CPU time, verify time the best of many; peak memory is the process's
 * maximum resident set after the proofs of that size. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "cli/bench.h"
#include "cli/cli.h"
#include "core/alloc.h"
#include "stark/stark.h"

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;   /* Linux reports KiB */
}

/* Wall-clock seconds per prover phase (the stark.h event names), summed
 * over the runs. */
typedef struct phase_clock {
    const char *names[12];
    double total[12], begun;
    size_t n;
} phase_clock;

static bool on_phase(void *user, const zk_event *ev)
{
    phase_clock *pc = user;
    if (ev->kind == ZK_EV_BEGIN) {
        pc->begun = bench_now();
    } else if (ev->kind == ZK_EV_END) {
        size_t k = 0;
        while (k < pc->n && strcmp(pc->names[k], ev->phase) != 0)
            k++;
        if (k == pc->n && pc->n < 12)
            pc->names[pc->n++] = ev->phase;
        if (k < 12)
            pc->total[k] += bench_now() - pc->begun;
    }
    return true;
}

/* Proves a's statement prove_runs times (best time), verifies 20 times
 * (best), and prints the figures under name. */
static void bench_air(const char *tag, const stark_air *a, int prove_runs)
{
    stark_options o;
    stark_options_default(&o);
    char name[96];
    double best = 1e30, sum = 0, cpu_best = 1e30;
    stark_proof p;
    bool have = false;
    phase_clock pc = {{0}, {0}, 0, 0};
    zk_events ev = {on_phase, &pc};
    for (int r = 0; r < prove_runs; r++) {
        stark_proof q;
        double t0 = bench_now(), c0 = bench_cpu_now();
        if (stark_prove(&q, a, &o, NULL, &ev, NULL) != ZK_OK) {
            printf("%s: proving failed\n", tag);
            if (have)
                stark_proof_free(&p);
            return;
        }
        double t = bench_now() - t0, c = bench_cpu_now() - c0;
        cpu_best = c < cpu_best ? c : cpu_best;
        sum += t;
        if (t < best)
            best = t;
        if (have)
            stark_proof_free(&q);
        else
            p = q, have = true;
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    stark_proof_encode(&p, a, &buf, &len);
    double vbest = 1e30;
    bool ok = true;
    for (int r = 0; r < 20; r++) {
        double t0 = bench_now();
        ok &= stark_verify(&p, a, STARK_MIN_BITS_DEFAULT, NULL) == ZK_OK;
        double t = bench_now() - t0;
        if (t < vbest)
            vbest = t;
    }
    snprintf(name, sizeof name, "%s_prove", tag);
    bench_line(name, best, "s");
    snprintf(name, sizeof name, "%s_prove_cpu", tag);
    bench_line(name, cpu_best, "s CPU, all threads");
    snprintf(name, sizeof name, "%s_proof_size", tag);
    bench_line(name, (double)len / 1024.0, "KiB");
    snprintf(name, sizeof name, "%s_verify", tag);
    bench_line(name, ok ? vbest * 1e3 : -1, ok ? "ms" : "ms (INVALID)");
    snprintf(name, sizeof name, "%s_peak_memory", tag);
    bench_line(name, peak_mb(), "MiB");
    snprintf(name, sizeof name, "%s_trace_rows", tag);
    bench_line(name, (double)a->n_rows, "rows");
    snprintf(name, sizeof name, "%s_trace_columns", tag);
    bench_line(name, (double)a->n_main, "columns");
    if (a->n_fixed || a->n_aux) {
        /* Base columns: an extension column is two. */
        size_t cols = a->n_main + a->n_fixed + 2 * a->n_aux;
        snprintf(name, sizeof name, "%s_trace_base_columns", tag);
        bench_line(name, (double)cols, "columns (main + fixed + 2 x aux)");
        snprintf(name, sizeof name, "%s_trace_cells", tag);
        bench_line(name, (double)(cols * a->n_rows) / 1e6, "M cells");
        for (size_t k = 0; k < pc.n; k++) {
            snprintf(name, sizeof name, "%s_share_%s", tag, pc.names[k]);
            bench_line(name, 100.0 * pc.total[k] / sum, "% of prove time");
        }
    }
    snprintf(name, sizeof name, "%s_security", tag);
    bench_line(name, p.sec.conjectured, "bits conjectured");
    zk_free(buf);
    stark_proof_free(&p);
}

static void bench_chain(unsigned log_steps, int prove_runs)
{
    gl_t seed[12] = {0};
    stark_air a;
    if (air_poseidon_chain_new(&a, (size_t)1 << log_steps, seed) != ZK_OK)
        return;
    char tag[48];
    snprintf(tag, sizeof tag, "stark_poseidon_2^%u", log_steps);
    bench_air(tag, &a, prove_runs);
    stark_air_free(&a);
}

/* The CNN AIR's first slice (stark/air_cnn.h) on the shipped 7: conv1,
 * max-pool, rescale and ReLU, all sixteen channels. */
static void bench_cnn_conv1(void)
{
    stark_air a;
    if (cli_stark_cnn_conv1(&a, NULL, 16) != CLI_OK)
        return;
    bench_air("stark_cnn_conv1", &a, 2);
    stark_air_free(&a);
}

/* The model commitment proven alone: from the shipped model's 20,741
 * packed elements (model-hash, stark/air_sponge.h: 2,593 permutations) and
 * from its 206,922 parameters (model-commit: the unpack lanes too). */
static void bench_model_hash(void)
{
    stark_air a;
    if (cli_stark_model_hash(&a) == CLI_OK) {
        bench_air("stark_model_hash", &a, 2);
        stark_air_free(&a);
    }
    if (cli_stark_model_commit(&a) == CLI_OK) {
        bench_air("stark_model_commit", &a, 1);
        stark_air_free(&a);
    }
}

/* The whole CNN (stark/air_cnn.h) on the shipped 7: weights private and
 * hashed inside the proof; pixels, logits and the model's digest public. */
static void bench_cnn(void)
{
    stark_air a;
    if (cli_stark_cnn(&a, NULL) != CLI_OK)
        return;
    bench_air("stark_cnn", &a, 2);
    stark_air_free(&a);
}

void bench_stark(void)
{
    /* Smallest first: each peak memory line is the process's so far. */
    bench_chain(12, 3);
    bench_cnn_conv1();
    bench_model_hash();
    bench_chain(16, 2);
    bench_cnn();
}
