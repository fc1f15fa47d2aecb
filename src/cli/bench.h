/* The benchmark harness behind `zkcave bench` and `make bench`.
 *
 * Every figure is printed as one line `name: value unit`. Timings take the
 * best of several runs, each long enough to swamp the clock's resolution. */
#ifndef ZK_CLI_BENCH_H
#define ZK_CLI_BENCH_H

#include <stdint.h>

/* Runs fn(ctx, iters) repeatedly, growing iters until one run takes at least
 * min_seconds, then returns the best time per iteration in nanoseconds of
 * this thread's CPU time (for single-threaded work only). */
double bench_ns_per_iter(void (*fn)(void *ctx, uint64_t iters), void *ctx, double min_seconds);

/* Prints `name: value unit` with a sensible number of digits. */
void bench_line(const char *name, double value, const char *unit);

/* Seconds on a monotonic wall clock, for work spread over threads. */
double bench_now(void);

/* Benchmark groups, one per layer; each prints its own lines. */
void bench_field(void);
void bench_curve(void);
void bench_pairing(void);
void bench_poly(void);
void bench_sigma(void);
void bench_circuit(void);
void bench_stark(void);
void bench_mnist(void);
/* The CNN proven with Groth16, called by bench_mnist (bench_mnist_zk.c). */
void bench_mnist_zk(void);
void bench_groth16(void);
void bench_zkml(void);

#endif
