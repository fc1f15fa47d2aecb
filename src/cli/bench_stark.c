/* STARK benchmarks: Poseidon hash chains of 2^12 and 2^16 permutations
 * (one permutation per row, 118 columns) at the default options (blowup 8,
 * 28 queries, 20 grinding bits, folding 8, zero knowledge; 102-103 bits
 * conjectured). Prove time is wall-clock on every thread (best of a few
 * runs), verify time the best of many; peak memory is the process's
 * maximum resident set after the proofs of that size. */
#include <stdio.h>
#include <sys/resource.h>

#include "cli/bench.h"
#include "core/alloc.h"
#include "stark/stark.h"

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;   /* Linux reports KiB */
}

static void bench_chain(unsigned log_steps, int prove_runs)
{
    size_t steps = (size_t)1 << log_steps;
    gl_t seed[12] = {0};
    stark_air a;
    stark_options o;
    stark_options_default(&o);
    if (air_poseidon_chain_new(&a, steps, seed) != ZK_OK)
        return;
    char name[64];
    double best = 1e30;
    stark_proof p;
    bool have = false;
    for (int r = 0; r < prove_runs; r++) {
        stark_proof q;
        double t0 = bench_now();
        if (stark_prove(&q, &a, &o, NULL, NULL, NULL) != ZK_OK) {
            printf("stark_poseidon_2^%u: proving failed\n", log_steps);
            stark_air_free(&a);
            if (have)
                stark_proof_free(&p);
            return;
        }
        double t = bench_now() - t0;
        if (t < best)
            best = t;
        if (have)
            stark_proof_free(&q);
        else
            p = q, have = true;
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    stark_proof_encode(&p, &a, &buf, &len);
    double vbest = 1e30;
    bool ok = true;
    for (int r = 0; r < 20; r++) {
        double t0 = bench_now();
        ok &= stark_verify(&p, &a, STARK_MIN_BITS_DEFAULT, NULL) == ZK_OK;
        double t = bench_now() - t0;
        if (t < vbest)
            vbest = t;
    }
    snprintf(name, sizeof name, "stark_poseidon_2^%u_prove", log_steps);
    bench_line(name, best, "s");
    snprintf(name, sizeof name, "stark_poseidon_2^%u_proof_size", log_steps);
    bench_line(name, (double)len / 1024.0, "KiB");
    snprintf(name, sizeof name, "stark_poseidon_2^%u_verify", log_steps);
    bench_line(name, ok ? vbest * 1e3 : -1, ok ? "ms" : "ms (INVALID)");
    snprintf(name, sizeof name, "stark_poseidon_2^%u_peak_memory", log_steps);
    bench_line(name, peak_mb(), "MiB");
    snprintf(name, sizeof name, "stark_poseidon_2^%u_trace_rows", log_steps);
    bench_line(name, (double)a.n_rows, "rows");
    snprintf(name, sizeof name, "stark_poseidon_2^%u_trace_columns", log_steps);
    bench_line(name, (double)a.n_main, "columns");
    snprintf(name, sizeof name, "stark_poseidon_2^%u_security", log_steps);
    bench_line(name, p.sec.conjectured, "bits conjectured");
    zk_free(buf);
    stark_proof_free(&p);
    stark_air_free(&a);
}

void bench_stark(void)
{
    bench_chain(12, 3);
    bench_chain(16, 2);
}
