#include "cli/bench.h"

#include <stdio.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Single-threaded figures are timed in this thread's CPU time, so a busy
 * machine (other processes taking turns on the cores) does not inflate them;
 * wall-clock time would count the turns the others took. */
static double thread_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double bench_ns_per_iter(void (*fn)(void *ctx, uint64_t iters), void *ctx, double min_seconds)
{
    uint64_t iters = 1;
    double elapsed;
    for (;;) {
        double t0 = thread_cpu_now();
        fn(ctx, iters);
        elapsed = thread_cpu_now() - t0;
        if (elapsed >= min_seconds || iters >= ((uint64_t)1 << 40))
            break;
        /* Aim straight for the target, with a margin, at most ×100 a step. */
        double grow = elapsed > 0 ? 1.3 * min_seconds / elapsed : 100;
        iters = (uint64_t)((double)iters * (grow > 100 ? 100 : grow < 2 ? 2 : grow));
    }
    double best = elapsed / (double)iters;
    for (int rep = 0; rep < 4; rep++) {
        double t0 = thread_cpu_now();
        fn(ctx, iters);
        double per = (thread_cpu_now() - t0) / (double)iters;
        if (per < best)
            best = per;
    }
    return best * 1e9;
}

void bench_line(const char *name, double value, const char *unit)
{
    if (value >= 100)
        printf("%s: %.0f %s\n", name, value, unit);
    else if (value >= 10)
        printf("%s: %.1f %s\n", name, value, unit);
    else
        printf("%s: %.2f %s\n", name, value, unit);
    fflush(stdout);
}
