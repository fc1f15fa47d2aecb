/* Exports: the PNGs the workbench writes (a lesson's charts, the MNIST
 * explorer, the constraint counter, the drawing pad).
 *
 * They all go to one directory that is the user's data, never the directory
 * the workbench was started in (under `make run` that is the repository):
 * --exports DIR, else $XDG_DATA_HOME/zkcave/exports, else
 * ~/.local/share/zkcave/exports (the XDG Base Directory specification's
 * default). No export replaces an earlier one: each name is taken by
 * creating the file with O_EXCL, so a second zkcave exporting at the same
 * moment gets the next name, and the writer then replaces only its own
 * empty file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/file.h"
#include "tui/tui.h"

/* Enough tries for any directory a person fills by pressing e. */
enum { EXPORT_MAX_TRIES = 10000 };

zk_err tui_export_dir(char *out, size_t n, const char *opt)
{
    const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    int len;
    if (opt && *opt)
        len = snprintf(out, n, "%s", opt);
    else if (data && data[0] == '/')   /* relative values are to be ignored (XDG spec) */
        len = snprintf(out, n, "%s/zkcave/exports", data);
    else if (home && home[0] == '/')
        len = snprintf(out, n, "%s/.local/share/zkcave/exports", home);
    else
        return ZK_EINVAL;
    return len > 0 && (size_t)len < n ? ZK_OK : ZK_EOVERFLOW;
}

/* dir/stem.png, or the first of dir/stem-2.png, stem-3.png, ... not yet
 * there, created empty (0644 less the umask) and named in out. */
static zk_err reserve(char *out, size_t n, const char *dir, const char *stem)
{
    for (int i = 1; i <= EXPORT_MAX_TRIES; i++) {
        int len = i == 1 ? snprintf(out, n, "%s/%s.png", dir, stem)
                         : snprintf(out, n, "%s/%s-%d.png", dir, stem, i);
        if (len <= 0 || (size_t)len >= n)
            return ZK_EOVERFLOW;
        int fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            close(fd);
            return ZK_OK;
        }
        if (errno != EEXIST)
            return zk_file_fail(out, true, errno, ZK_EIO);
    }
    return zk_file_fail(out, true, EEXIST, ZK_EIO);
}

/* path with the home directory as "~", as a shell would accept it: the
 * whole path fits the status line more often. */
static const char *shown(char *buf, size_t n, const char *path)
{
    const char *home = getenv("HOME");
    size_t h = home ? strlen(home) : 0;
    if (h > 1 && home[0] == '/' && strncmp(path, home, h) == 0 && path[h] == '/') {
        snprintf(buf, n, "~%s", path + h);
        return buf;
    }
    return path;
}

bool tui_export_begin(tui_app *app, char *path, size_t n, const char *stem)
{
    char dir[2048];
    zk_err err = tui_export_dir(dir, sizeof dir, app->opt.exports_dir);
    if (err) {
        tui_set_status(app, TR_BAD, "✘ nowhere to export: HOME is not set (use --exports DIR)");
        return false;
    }
    /* 0700 for the directories made here, as the XDG specification asks. */
    err = zk_mkdir_p(dir, 0700);
    if (!err)
        err = reserve(path, n, dir, stem);
    if (err) {
        tui_set_status(app, TR_BAD, "✘ cannot export to %s: %s", dir,
                       err == ZK_EOVERFLOW ? "the path is too long" : zk_file_why(err));
        return false;
    }
    return true;
}

void tui_export_end(tui_app *app, const char *path, zk_err err, const char *why)
{
    char buf[1200];
    if (err) {
        unlink(path);   /* the empty file reserve made */
        if (why && *why)
            tui_set_status(app, TR_BAD, "✘ could not export: %s", why);
        else
            tui_set_status(app, TR_BAD, "✘ could not write %s: %s",
                           shown(buf, sizeof buf, path), zk_file_why(err));
    } else {
        tui_set_status(app, TR_OK, "✔ saved %s", shown(buf, sizeof buf, path));
    }
}
