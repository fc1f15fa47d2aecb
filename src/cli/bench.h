/* The benchmark harness behind `zkcave bench` and `make bench`.
 *
 * Every figure is printed as one line `name: value unit`. Timings take the
 * best of several runs, each long enough to swamp the clock's resolution. */
#ifndef ZK_CLI_BENCH_H
#define ZK_CLI_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/event.h"

/* Runs fn(ctx, iters) repeatedly, growing iters until one run takes at least
 * min_seconds, then returns the best time per iteration in nanoseconds of
 * this thread's CPU time (for single-threaded work only). */
double bench_ns_per_iter(void (*fn)(void *ctx, uint64_t iters), void *ctx, double min_seconds);

/* Prints `name: value unit` with a sensible number of digits. */
void bench_line(const char *name, double value, const char *unit);

/* Seconds on a monotonic wall clock, for work spread over threads. */
double bench_now(void);
/* This process's CPU time in seconds, all threads. */
double bench_cpu_now(void);

/* This process's peak resident memory (VmHWM) in MB, 0 when unknown; and
 * its reset (Linux /proc/self/clear_refs, where allowed), so that a phase's
 * peak is its own high-water mark over what the process held before it. */
double bench_peak_mb(void);
void bench_peak_reset(void);

/* Wall-clock durations of named phases, from a prover's events: pass
 * bench_phases_on_event with a bench_phases as zk_events' user; dt[i] is
 * then the last BEGIN..END of names[i] (0 if it never ran). */
enum { BENCH_PHASES_MAX = 16 };
typedef struct bench_phases {
    const char *const *names;
    int n;
    double t0[BENCH_PHASES_MAX], dt[BENCH_PHASES_MAX];
} bench_phases;
bool bench_phases_on_event(void *user, const zk_event *ev);

/* One child program run to completion: wall and CPU seconds, peak resident
 * memory (its own VmHWM, polled), wait status. */
typedef struct bench_child {
    double wall, cpu, rss_mb;
    int status;
} bench_child;
/* Runs argv (argv[0] a path) with stdout and stderr to /dev/null; true
 * when it exited 0. */
bool bench_run_child(bench_child *st, char *const argv[]);

/* The directory benchmarks cache their inputs in ($XDG_CACHE_HOME/zkcave/bench,
 * default ~/.cache/zkcave/bench), created if missing. */
zk_err bench_cache_dir(char *out, size_t n);
bool bench_file_exists(const char *p);
double bench_file_mb(const char *p);

/* Time-stamp counter ticks per nanosecond (measured once against the wall
 * clock), 0 where there is no counter: ns × this = TSC cycles. */
double bench_tsc_ghz(void);

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
void bench_setup(void);

#endif
