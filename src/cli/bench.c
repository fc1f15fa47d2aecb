/* wait4, for the resource use of one child, is a BSD/Linux call. */
#define _DEFAULT_SOURCE
#include "cli/bench.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/file.h"

extern char **environ;

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

double bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- peak memory and phases ----------------------------------------------------- */

/* VmHWM from a /proc/.../status file, in MB; 0 when it cannot be read. */
static double status_hwm_mb(const char *path)
{
    char line[256];
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    double mb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) {
            mb = strtod(line + 6, NULL) / 1024.0;   /* kB */
            break;
        }
    fclose(f);
    return mb;
}

double bench_peak_mb(void)
{
    return status_hwm_mb("/proc/self/status");
}

void bench_peak_reset(void)
{
    /* "5" resets the peak resident set size to the current one (proc(5)). */
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

bool bench_phases_on_event(void *user, const zk_event *ev)
{
    bench_phases *c = user;
    for (int i = 0; i < c->n && i < BENCH_PHASES_MAX && ev->phase; i++) {
        if (strcmp(ev->phase, c->names[i]) != 0)
            continue;
        if (ev->kind == ZK_EV_BEGIN)
            c->t0[i] = bench_now();
        else if (ev->kind == ZK_EV_END)
            c->dt[i] = bench_now() - c->t0[i];
    }
    return true;
}

/* ---- child processes ------------------------------------------------------------- */

/* The child's peak resident memory, in MB, from VmHWM in /proc/PID/status;
 * 0 when it cannot be read (no /proc, or the child has already exited). */
static double child_hwm_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
    return status_hwm_mb(path);
}

/* The peak memory is not rusage's ru_maxrss: posix_spawn runs the child in
 * the parent's memory until its exec, and Linux folds that memory's
 * high-water mark into the child's maxrss, so every child reported the
 * bench's own peak (2.3x the .zkey at 2^20 where the prover really took
 * 1.05x). VmHWM belongs to the child's program alone and only grows, so
 * polling it every few milliseconds misses at most a peak reached just
 * before exit. */
bool bench_run_child(bench_child *st, char *const argv[])
{
    pid_t pid;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    double t0 = bench_now();
    int e = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0)
        return false;
    struct rusage ru;
    int status;
    double hwm = 0;
    const struct timespec tick = {0, 5000000};
    for (;;) {
        pid_t got = wait4(pid, &status, WNOHANG, &ru);
        if (got == pid)
            break;
        if (got < 0 && errno != EINTR)
            return false;
        double m = child_hwm_mb(pid);
        if (m > hwm)
            hwm = m;
        nanosleep(&tick, NULL);
    }
    st->wall = bench_now() - t0;
    st->cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
              (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    st->rss_mb = hwm > 0 ? hwm : (double)ru.ru_maxrss / 1024.0;   /* Linux: KiB */
    st->status = status;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* ---- cached inputs ------------------------------------------------------------------ */

zk_err bench_cache_dir(char *out, size_t n)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (x && *x)
        snprintf(out, n, "%s/zkcave/bench", x);
    else
        snprintf(out, n, "%s/.cache/zkcave/bench", home ? home : "/tmp");
    return zk_mkdir_p(out, 0755);
}

bool bench_file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && st.st_size > 0;
}

double bench_file_mb(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (double)st.st_size / 1048576.0 : 0;
}
