/* realpath(3) is an XSI function. */
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

static zk_err write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return ZK_EIO;
        p += n;
        len -= (size_t)n;
    }
    return ZK_OK;
}

/* Flushes the directory entry created by rename; a file system that cannot
 * sync directories (some network mounts) is not an error. */
static void sync_parent(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

zk_err zk_file_write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return ZK_EINVAL;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return ZK_EIO;
    zk_err err = write_all(fd, data, len);
    if (!err && fsync(fd) != 0)
        err = ZK_EIO;
    if (close(fd) != 0 && !err)
        err = ZK_EIO;
    if (!err && rename(tmp, path) != 0)
        err = ZK_EIO;
    if (err) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return err;
    }
    sync_parent(path);
    return ZK_OK;
}

zk_err zk_file_read(const char *path, size_t max, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ZK_EIO;
    size_t cap = 4096, n = 0;
    char *buf = zk_alloc(cap, 1);
    zk_err err = buf ? ZK_OK : ZK_ENOMEM;
    while (!err) {
        if (n + 1 >= cap) {
            if (cap > max) {
                err = ZK_EOVERFLOW;
                break;
            }
            char *more = zk_realloc(buf, cap, 2);
            if (!more) {
                err = ZK_ENOMEM;
                break;
            }
            buf = more;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                err = ZK_EIO;
            break;
        }
    }
    fclose(f);
    if (!err && n > max)
        err = ZK_EOVERFLOW;
    if (err) {
        zk_free(buf);
        return err;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return ZK_OK;
}

zk_err zk_mkdir_p(const char *path, unsigned mode)
{
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
                return ZK_EIO;
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return ZK_EIO;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;   /* not mkdir's EEXIST: the reason a caller shows */
        return ZK_EIO;
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
