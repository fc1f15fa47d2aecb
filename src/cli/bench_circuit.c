/* Circuit benchmarks: compiling a 1,000,000-constraint Circom program. */
#include <stdio.h>
#include <sys/resource.h>

#include "circuit/circom.h"
#include "cli/bench.h"

static const char chain_src[] =
    "pragma circom 2.0.0;\n"
    "template Chain(n) {\n"
    "    signal input in;\n"
    "    signal output out;\n"
    "    signal x[n + 1];\n"
    "    x[0] <== in;\n"
    "    for (var i = 0; i < n; i++) {\n"
    "        x[i + 1] <== x[i] * x[i] + i;\n"
    "    }\n"
    "    out <== x[n];\n"
    "}\n"
    "component main = Chain(1000000);\n";

void bench_circuit(void)
{
    double best = 1e30;
    size_t rows = 0;
    for (int run = 0; run < 3; run++) {
        circom_options o = {1, NULL, 0, NULL, NULL, 0};
        circom_circuit c;
        double t0 = bench_now();
        zk_err err = circom_compile_text(&c, "chain.circom", chain_src, &o);
        double t = bench_now() - t0;
        rows = c.sys.n_rows;
        circom_circuit_free(&c);
        if (err) {
            fprintf(stderr, "zkcave: bench: compiling the chain failed: %s\n", zk_strerror(err));
            return;
        }
        if (t < best)
            best = t;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    bench_line("circuit_compile_1M", best, "s");
    bench_line("circuit_compile_1M_constraints", (double)rows, "constraints");
    bench_line("circuit_compile_peak_rss", (double)ru.ru_maxrss / 1024.0, "MB");
}
