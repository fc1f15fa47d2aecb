/* Reading files, naming why they failed, and finding directories; the
 * writing side is file_out.c. realpath(3) is an XSI function. */
#define _XOPEN_SOURCE 700

#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

/* ---- failures ----------------------------------------------------------------------- */

/* The last failure of this thread, as errno is: valid right after the
 * call that returned its code. */
static _Thread_local struct {
    zk_err err;
    int sys;
    bool writing;
    char path[1024];
} last;

static zk_err code_of_errno(int e)
{
    switch (e) {
    case ENOENT:
        return ZK_ENOENT;
    case EACCES:
    case EPERM:
        return ZK_EACCES;
    case EISDIR:
        return ZK_EISDIR;
    case ENOMEM:
        return ZK_ENOMEM;
    default:
        return ZK_EIO;
    }
}

zk_err zk_file_fail(const char *path, bool writing, int errnum, zk_err code)
{
    if (code == ZK_EIO && errnum)
        code = code_of_errno(errnum);
    last.err = code;
    last.sys = errnum;
    last.writing = writing;
    snprintf(last.path, sizeof last.path, "%s", path ? path : "");
    return code;
}

void zk_file_fail_clear(void)
{
    last.err = ZK_OK;
}

const char *zk_file_why(zk_err err)
{
    if (err != ZK_OK && last.err == err && last.sys)
        return strerror(last.sys);
    return zk_strerror(err);
}

const char *zk_file_which(zk_err err, const char *fallback)
{
    return err != ZK_OK && last.err == err && last.path[0] ? last.path : fallback;
}

bool zk_file_was_write(zk_err err)
{
    return err != ZK_OK && last.err == err && last.writing;
}

/* ---- reading ------------------------------------------------------------------------ */

zk_err zk_file_open_input(const char *path, int *fd, uint64_t *size)
{
    *fd = -1;
    *size = 0;
    zk_file_fail_clear();
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait for
     * one; the file is refused below anyway. */
    int f = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (f < 0)
        return zk_file_fail(path, false, errno, ZK_EIO);
    struct stat st;
    if (fstat(f, &st) != 0) {
        int e = errno;
        close(f);
        return zk_file_fail(path, false, e, ZK_EIO);
    }
    if (!S_ISREG(st.st_mode)) {
        close(f);
        return S_ISDIR(st.st_mode) ? zk_file_fail(path, false, EISDIR, ZK_EIO)
                                   : zk_file_fail(path, false, 0, ZK_ENOTREG);
    }
    int flags = fcntl(f, F_GETFL);
    if (flags >= 0)
        (void)fcntl(f, F_SETFL, flags & ~O_NONBLOCK);
    *fd = f;
    *size = (uint64_t)st.st_size;
    return ZK_OK;
}

static void release(char *buf, size_t cap, bool secret)
{
    if (secret)
        zk_free_secret(buf, cap, 1);
    else
        zk_free(buf);
}

/* One allocation of the size fstat gave, filled by read(2) directly (stdio
 * would keep a copy of the last block in its own buffer). A file that
 * shrinks meanwhile is read as far as it goes; one that grows is read up
 * to the size it had. */
static zk_err read_whole(const char *path, size_t max, char **data, size_t *len, bool secret)
{
    *data = NULL;
    *len = 0;
    int fd;
    uint64_t size;
    zk_err err = zk_file_open_input(path, &fd, &size);
    if (err)
        return err;
    if (size > max || size >= SIZE_MAX) {
        close(fd);
        return zk_file_fail(path, false, EFBIG, ZK_EOVERFLOW);
    }
    size_t cap = (size_t)size + 1, n = 0;
    char *buf = zk_alloc(cap, 1);
    if (!buf) {
        close(fd);
        return ZK_ENOMEM;
    }
    while (n < size) {
        ssize_t got = read(fd, buf + n, (size_t)size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            err = zk_file_fail(path, false, errno, ZK_EIO);
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (err) {
        release(buf, cap, secret);
        return err;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return ZK_OK;
}

zk_err zk_file_read(const char *path, size_t max, char **data, size_t *len)
{
    return read_whole(path, max, data, len, false);
}

zk_err zk_file_read_secret(const char *path, size_t max, char **data, size_t *len)
{
    return read_whole(path, max, data, len, true);
}

void zk_file_free_secret(char *data, size_t len)
{
    if (data)
        zk_free_secret(data, len + 1, 1);
}

/* ---- directories -------------------------------------------------------------------- */

bool zk_path_dir(char *out, size_t len, const char *path)
{
    const char *slash = strrchr(path, '/');
    int n = !slash ? snprintf(out, len, ".")
            : slash == path ? snprintf(out, len, "/")
                            : snprintf(out, len, "%.*s", (int)(slash - path), path);
    return n >= 0 && (size_t)n < len;
}

zk_err zk_mkdir_p(const char *path, unsigned mode)
{
    zk_file_fail_clear();
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf)
        return ZK_EINVAL;
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
                return zk_file_fail(path, true, errno, ZK_EIO);
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return zk_file_fail(path, true, errno, ZK_EIO);
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;   /* not mkdir's EEXIST: the reason a caller shows */
        return zk_file_fail(path, true, ENOTDIR, ZK_EIO);
    }
    return ZK_OK;
}

static bool try_dir(char *out, size_t len, const char *candidate)
{
    struct stat st;
    if (stat(candidate, &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    char resolved[PATH_MAX];
    const char *use = realpath(candidate, resolved) ? resolved : candidate;
    int n = snprintf(out, len, "%s", use);
    return n > 0 && (size_t)n < len;
}

zk_err zk_data_dir(char *out, size_t len, const char *name, const char *env_var)
{
    const char *env = env_var ? getenv(env_var) : NULL;
    if (env && *env)
        return try_dir(out, len, env) ? ZK_OK : ZK_EIO;
    if (try_dir(out, len, name))
        return ZK_OK;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return ZK_EIO;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    static const char *const rel[] = {"%s/%s", "%s/../../%s", "%s/../share/zkcave/%s"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char candidate[2 * PATH_MAX];
        snprintf(candidate, sizeof candidate, rel[i], exe, name);
        if (try_dir(out, len, candidate))
            return ZK_OK;
    }
    return ZK_EIO;
}
