/* Writing files: stages, the outputs of one command published together,
 * and the check that no output names an input (see core/file.h).
 * realpath(3) is an XSI function. */
#define _XOPEN_SOURCE 700

#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

/* More outputs than any command has (circuit compile writes three). */
#define OUTPUTS_MAX 16

/* The outputs of the command that is running. They are opened and closed
 * by the program's main thread; other threads write no files meanwhile. */
static struct {
    bool open;
    zk_err err;              /* the first stage that failed while open */
    zk_stage st[OUTPUTS_MAX];
    size_t n;
} outs;

/* ---- stages --------------------------------------------------------------------------- */

/* Where path leads when it is a dangling symbolic link, or a chain of them
 * (out holds PATH_MAX bytes): the file that creating path would create, as
 * a shell's > does. path itself when it is no dangling link; false for a
 * loop or a name too long. */
static bool follow_dangling(char *out, const char *path)
{
    if (strlen(path) >= PATH_MAX)
        return false;
    strcpy(out, path);
    /* The kernel's own bound on links in one lookup (Linux: 40). */
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode) || stat(out, &st) == 0)
            return true;
        char target[PATH_MAX];
        ssize_t n = readlink(out, target, sizeof target - 1);
        if (n <= 0)
            return false;
        target[n] = '\0';
        const char *slash = strrchr(out, '/');
        size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - out) + 1;
        if (dir + (size_t)n >= PATH_MAX)
            return false;
        memcpy(out + dir, target, (size_t)n + 1);
    }
    return false;
}

static char *format_name(const char *fmt, const char *a, long pid, unsigned i)
{
    int n = snprintf(NULL, 0, fmt, a, pid, i);
    char *s = n > 0 ? zk_alloc((size_t)n + 1, 1) : NULL;
    if (s)
        snprintf(s, (size_t)n + 1, fmt, a, pid, i);
    return s;
}

/* Creates the stage's temporary (never an existing file: O_EXCL) beside
 * dest, or in $TMPDIR for a device; the descriptor, or -1 with errno. */
static int create_temp(zk_stage *s, mode_t mode)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    /* What killed processes left where this one is about to write. */
    if (s->device)
        zk_stage_sweep_devices(tmpdir);
    else
        zk_stage_sweep(s->dest, false);
    long pid = (long)getpid();
    for (unsigned i = 0; i < 100; i++) {
        /* The first name is the one earlier versions used, so a tool that
         * sweeps stale "NAME.tmp.PID" files still finds these. */
        char *name = s->device ? format_name("%s/zkcave-out.%ld.%u.tmp", tmpdir, pid, i)
                     : i      ? format_name("%s.tmp.%ld.%u", s->dest, pid, i)
                              : format_name("%s.tmp.%ld", s->dest, pid, i);
        if (!name) {
            errno = ENOMEM;
            return -1;
        }
        /* Tracked before it exists, so that no signal finds it untracked. */
        zk_tmp_track(name);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0) {
            s->tmp = name;
            return fd;
        }
        int e = errno;
        zk_tmp_untrack(name);
        errno = e;
        zk_free(name);
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

/* Forgets the stage's temporary, removing it first when remove. */
static void tmp_release(zk_stage *s, bool remove)
{
    if (!s->tmp)
        return;
    if (remove)
        unlink(s->tmp);
    zk_tmp_untrack(s->tmp);
    zk_free(s->tmp);
    s->tmp = NULL;
}

static void stage_free(zk_stage *s)
{
    if (s->fd >= 0)
        close(s->fd);
    zk_free(s->path);
    zk_free(s->dest);
    tmp_release(s, false);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}

zk_err zk_stage_open(zk_stage *s, const char *path)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    zk_file_fail_clear();
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT)
        return zk_file_fail(path, true, errno, ZK_EIO);
    if (exists && S_ISDIR(st.st_mode))
        return zk_file_fail(path, true, EISDIR, ZK_EIO);
    s->device = exists && !S_ISREG(st.st_mode);
    char resolved[PATH_MAX];
    bool link = exists ? !s->device && realpath(path, resolved) : follow_dangling(resolved, path);
    s->path = zk_strdup(path);
    s->dest = zk_strdup(link ? resolved : path);
    if (!s->path || !s->dest) {
        stage_free(s);
        return ZK_ENOMEM;
    }
    /* A replaced file keeps its permissions (a key made private stays
     * private); a new one gets the usual 0644 less the umask. */
    mode_t mode = exists && !s->device ? (st.st_mode & 07777) : s->device ? 0600 : 0644;
    s->fd = create_temp(s, mode);
    if (s->fd < 0) {
        zk_err err = zk_file_fail(path, true, errno, ZK_EIO);
        stage_free(s);
        return err;
    }
    if (exists && !s->device)
        (void)fchmod(s->fd, mode);
    return ZK_OK;
}

zk_err zk_stage_write(zk_stage *s, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(s->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return zk_file_fail(s->path, true, n < 0 ? errno : ENOSPC, ZK_EIO);
        p += n;
        len -= (size_t)n;
    }
    return ZK_OK;
}

/* Flushes the directory entry created by rename; a file system that cannot
 * sync directories (some network mounts) is not an error. */
static void sync_parent(const char *path)
{
    char dir[PATH_MAX];
    if (!zk_path_dir(dir, sizeof dir, path))
        return;
    int fd = open(dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/* Copies the temporary into the device (no O_TRUNC: a device has no
 * length, and a FIFO's open waits for its reader, as a shell's > does). */
static zk_err copy_into_device(const zk_stage *s)
{
    int in = open(s->tmp, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return zk_file_fail(s->path, true, errno, ZK_EIO);
    int out = open(s->dest, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (out < 0) {
        zk_err err = zk_file_fail(s->path, true, errno, ZK_EIO);
        close(in);
        return err;
    }
    enum { CHUNK = 1 << 16 };
    char *buf = zk_alloc(CHUNK, 1);
    zk_err err = buf ? ZK_OK : ZK_ENOMEM;
    zk_stage w = {.fd = out, .path = s->path};
    while (!err) {
        ssize_t got = read(in, buf, CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            err = zk_file_fail(s->path, true, errno, ZK_EIO);
        if (got <= 0)
            break;
        err = zk_stage_write(&w, buf, (size_t)got);
    }
    zk_free(buf);
    close(in);
    if (close(out) != 0 && !err)
        err = zk_file_fail(s->path, true, errno, ZK_EIO);
    return err;
}

/* Puts a closed stage's temporary in place and removes it either way. */
static zk_err publish(const zk_stage *s)
{
    zk_err err = ZK_OK;
    if (s->device) {
        err = copy_into_device(s);
    } else if (rename(s->tmp, s->dest) != 0) {
        err = zk_file_fail(s->path, true, errno, ZK_EIO);
    } else {
        sync_parent(s->dest);
        return ZK_OK;
    }
    unlink(s->tmp);
    return err;
}

zk_err zk_stage_close(zk_stage *s, zk_err err)
{
    if (!err && fsync(s->fd) != 0 && errno != EINVAL)
        err = zk_file_fail(s->path, true, errno, ZK_EIO);
    if (close(s->fd) != 0 && !err)
        err = zk_file_fail(s->path, true, errno, ZK_EIO);
    s->fd = -1;
    if (!err && outs.open && outs.n == OUTPUTS_MAX)
        err = ZK_EOVERFLOW;
    if (err) {
        tmp_release(s, true);
        if (outs.open && !outs.err)
            outs.err = err;
        stage_free(s);
        return err;
    }
    if (outs.open) {
        outs.st[outs.n++] = *s;
        memset(s, 0, sizeof *s);
        s->fd = -1;
        return ZK_OK;
    }
    err = publish(s);
    stage_free(s);
    return err;
}

zk_err zk_file_write_atomic(const char *path, const void *data, size_t len)
{
    zk_stage s;
    zk_err err = zk_stage_open(&s, path);
    if (err)
        return err;
    return zk_stage_close(&s, zk_stage_write(&s, data, len));
}

/* ---- the outputs of one command ------------------------------------------------------- */

zk_err zk_outputs_begin(void)
{
    if (outs.open)
        return ZK_EINVAL;
    outs.open = true;
    outs.err = ZK_OK;
    outs.n = 0;
    return ZK_OK;
}

static void note_written(char *written, size_t len, const char *path)
{
    if (!written || !len)
        return;
    size_t used = strlen(written);
    snprintf(written + used, len - used, "%s%s", used ? ", " : "", path);
}

zk_err zk_outputs_end(zk_err err, char *written, size_t written_len)
{
    if (written && written_len)
        written[0] = '\0';
    if (!outs.open)
        return err;
    outs.open = false;
    if (!err)
        err = outs.err;
    /* Devices first: copying into one is what may fail (a FIFO's reader
     * gone), and nothing has been renamed into place yet when it does. */
    for (int pass = 0; pass < 2 && !err; pass++) {
        for (size_t i = 0; i < outs.n && !err; i++) {
            zk_stage *s = &outs.st[i];
            if (!s->tmp || s->device != (pass == 0))
                continue;
            err = publish(s);
            if (!err)
                note_written(written, written_len, s->path);
            tmp_release(s, false);
        }
    }
    for (size_t i = 0; i < outs.n; i++) {
        tmp_release(&outs.st[i], true);
        stage_free(&outs.st[i]);
    }
    outs.n = 0;
    outs.err = ZK_OK;
    if (!err && written && written_len)
        written[0] = '\0';
    return err;
}

/* ---- which files a command touches ---------------------------------------------------- */

/* The absolute form of path (out holds PATH_MAX bytes): realpath of the
 * longest part that exists, then the missing components with "." dropped
 * and ".." taking one off. false when it cannot be formed. */
static bool normalize(char *out, const char *path)
{
    char buf[PATH_MAX];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, path, len + 1);
    const char *missing[64];
    size_t n = 0;
    const char *dir = buf;
    while (!realpath(dir, out)) {
        if (errno != ENOENT || n == 64 || dir != buf)
            return false;
        char *end = buf + strlen(buf);
        while (end > buf + 1 && end[-1] == '/')
            *--end = '\0';
        char *slash = strrchr(buf, '/');
        if (!slash) {
            missing[n++] = buf;
            dir = ".";
        } else {
            missing[n++] = slash + 1;
            if (slash == buf)
                dir = "/";
            else
                *slash = '\0';
        }
    }
    size_t olen = strlen(out);
    for (size_t i = n; i-- > 0;) {
        const char *c = missing[i];
        if (!*c || strcmp(c, ".") == 0)
            continue;
        if (strcmp(c, "..") == 0) {
            char *s = strrchr(out, '/');
            olen = s == out ? 1 : (size_t)(s - out);
            out[olen] = '\0';
            continue;
        }
        size_t cl = strlen(c);
        if (olen + 1 + cl >= PATH_MAX)
            return false;
        if (olen > 1)
            out[olen++] = '/';
        memcpy(out + olen, c, cl + 1);
        olen += cl;
    }
    return true;
}

bool zk_file_same(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    /* A dangling link is compared as the file it would create. */
    char ta[PATH_MAX], tb[PATH_MAX], na[PATH_MAX], nb[PATH_MAX];
    if (follow_dangling(ta, a) && follow_dangling(tb, b) && normalize(na, ta) && normalize(nb, tb))
        return strcmp(na, nb) == 0;
    return strcmp(a, b) == 0;
}

/* An output that cannot be a file: a directory, or in a directory that
 * does not exist. Recorded as a failed write. */
static zk_err output_place(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISDIR(st.st_mode) ? zk_file_fail(path, true, EISDIR, ZK_EIO) : ZK_OK;
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ZK_OK;
    snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    if (stat(dir, &st) != 0)
        return zk_file_fail(path, true, errno, ZK_EIO);
    return S_ISDIR(st.st_mode) ? ZK_OK : zk_file_fail(path, true, ENOTDIR, ZK_EIO);
}

static bool is_char_device(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

zk_err zk_file_args_check(const zk_file_arg *args, size_t n, size_t *first, size_t *second)
{
    for (size_t i = 0; i < n; i++) {
        if (!args[i].output)
            continue;
        *first = *second = i;
        zk_err err = output_place(args[i].path);
        if (err)
            return err;
        for (size_t j = 0; j < n; j++) {
            if (j == i || (args[j].output && j > i))
                continue;
            if (!zk_file_same(args[i].path, args[j].path))
                continue;
            if (args[j].output && is_char_device(args[i].path))
                continue;
            *second = j;
            return ZK_ESAMEFILE;
        }
    }
    return ZK_OK;
}
