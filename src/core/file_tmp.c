/* The temporaries of staged outputs (core/file.h): removed when a signal
 * ends the program, and swept when a killed process left them. */
#define _XOPEN_SOURCE 700

#include "core/file.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- removal on SIGINT, SIGTERM, SIGHUP ------------------------------------------------ */

/* More temporaries than a command has open at once (its outputs). */
#define TRACKED_MAX 32

/* Written by the main thread only (stages are opened and closed there);
 * read by the handler, which may run on any thread: a slot's path is
 * complete before `used` is set, and `used` is cleared before the path is
 * reused. */
static struct {
    volatile sig_atomic_t used;
    char path[PATH_MAX];
} tracked[TRACKED_MAX];

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Async-signal-safe: unlink(2), signal(2) and raise(3) only. The signal is
 * raised again with its default action, so the program ends as the sender
 * meant (a shell sees "killed by SIGTERM"). */
static void on_signal(int sig)
{
    for (size_t i = 0; i < TRACKED_MAX; i++)
        if (tracked[i].used)
            unlink(tracked[i].path);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installs on_signal for the signals whose action is the default: one that
 * is ignored stays ignored (nohup, a shell's background job), and one that
 * another part of the program handles (the workbench's terminal) keeps its
 * handler. */
static void install_handlers(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof cleanup_signals[0]; i++) {
        struct sigaction old, sa;
        if (sigaction(cleanup_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL ||
            (old.sa_flags & SA_SIGINFO))
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(cleanup_signals[i], &sa, NULL);
    }
}

void zk_tmp_track(const char *path)
{
    if (strlen(path) >= PATH_MAX)
        return;
    install_handlers();
    for (size_t i = 0; i < TRACKED_MAX; i++) {
        if (!tracked[i].used) {
            strcpy(tracked[i].path, path);
            tracked[i].used = 1;
            return;
        }
    }
}

void zk_tmp_untrack(const char *path)
{
    for (size_t i = 0; i < TRACKED_MAX; i++)
        if (tracked[i].used && strcmp(tracked[i].path, path) == 0)
            tracked[i].used = 0;
}

/* ---- stale temporaries ------------------------------------------------------------------ */

/* Whether no process pid runs (a number no pid can be counts as gone). */
static bool process_gone(long pid)
{
    if (pid <= 0 || (long)(pid_t)pid != pid)
        return true;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* The pid in a stage's name, or -1 when name is none: "<base>.tmp.<pid>"
 * or "<base>.tmp.<pid>.<n>" beside a target, "zkcave-out.<pid>.<n>.tmp"
 * for a device's (base NULL). */
static long stage_pid(const char *name, const char *base)
{
    const char *p;
    if (base) {
        size_t blen = strlen(base);
        if (strncmp(name, base, blen) != 0 || strncmp(name + blen, ".tmp.", 5) != 0)
            return -1;
        p = name + blen + 5;
    } else {
        if (strncmp(name, "zkcave-out.", 11) != 0)
            return -1;
        p = name + 11;
    }
    if (*p < '0' || *p > '9')
        return -1;
    char *end;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno)
        return -1;
    if (*end == '.' && end[1] >= '0' && end[1] <= '9')
        (void)strtoul(end + 1, &end, 10);
    bool whole = base ? *end == '\0' : strcmp(end, ".tmp") == 0;
    return whole ? pid : -1;
}

/* Removes the stages in dir named for base (see stage_pid) whose process is
 * gone; with eager also this process's and those over an hour old. */
static void sweep(const char *dir, const char *base, bool eager)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    time_t now = time(NULL);
    for (const struct dirent *de; (de = readdir(d));) {
        long pid = stage_pid(de->d_name, base);
        if (pid < 0)
            continue;
        char file[PATH_MAX];
        struct stat st;
        if (snprintf(file, sizeof file, "%s/%s", dir, de->d_name) >= (int)sizeof file ||
            lstat(file, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        bool mine = pid == (long)getpid();
        if ((!mine && process_gone(pid)) || (eager && (mine || now - st.st_mtime > 3600)))
            unlink(file);
    }
    closedir(d);
}

void zk_stage_sweep(const char *target, bool eager)
{
    char dir[PATH_MAX];
    if (!zk_path_dir(dir, sizeof dir, target))
        return;
    const char *slash = strrchr(target, '/');
    sweep(dir, slash ? slash + 1 : target, eager);
}

void zk_stage_sweep_devices(const char *tmpdir)
{
    sweep(tmpdir, NULL, false);
}
