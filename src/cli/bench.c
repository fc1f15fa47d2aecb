#include "cli/bench.h"

#include <stdio.h>
#include <time.h>

#include "core/cpu.h"

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double bench_tsc_ghz(void)
{
    static double ghz = -1;
    if (ghz >= 0)
        return ghz;
    /* The counter runs at a constant rate, asleep or not: 50 ms of wall
     * clock against it gives the rate to a few parts in a million. */
    const struct timespec pause = {0, 50000000};
    uint64_t c0 = zk_cpu_tsc();
    double t0 = bench_now();
    nanosleep(&pause, NULL);
    uint64_t c1 = zk_cpu_tsc();
    double t1 = bench_now();
    ghz = c0 && c1 > c0 ? (double)(c1 - c0) / ((t1 - t0) * 1e9) : 0;
    return ghz;
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
