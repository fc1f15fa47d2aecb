#include "lesson/progress.h"

#include <cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"

enum { PROGRESS_VERSION = 1, MAX_FILE = 1 << 22 };

/* Far more lessons and exercises than any curriculum has. Loading looks each
 * lesson and id up among those read so far, so without these caps a 4 MB
 * file of a million ids would take hours to load (quadratic) instead of
 * being set aside as damaged. */
enum { PROGRESS_MAX_LESSONS = 1024, PROGRESS_MAX_SOLVED = 1024, PROGRESS_MAX_IDS = 16384 };
/* small_int's bound: a lesson reset more often simply stops counting (a
 * reset then ties with the file's and merges as a union). */
enum { PROGRESS_MAX_RESETS = 1000000 };

static void set_note(char *note, size_t len, const char *fmt, const char *a, const char *b)
{
    if (note && len)
        snprintf(note, len, fmt, a, b);
}

zk_err lesson_progress_default_path(char *out, size_t len)
{
    const char *state = getenv("XDG_STATE_HOME");
    int n;
    if (state && state[0] == '/') {
        n = snprintf(out, len, "%s/zkcave/progress.json", state);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/')
            return ZK_EINVAL;
        n = snprintf(out, len, "%s/.local/state/zkcave/progress.json", home);
    }
    return n > 0 && (size_t)n < len ? ZK_OK : ZK_EOVERFLOW;
}

static void clear_solved(lesson_progress_entry *e)
{
    for (size_t k = 0; k < e->nsolved; k++)
        zk_free(e->solved[k]);
    zk_free(e->solved);
    e->solved = NULL;
    e->nsolved = 0;
}

void lesson_progress_free(lesson_progress *p)
{
    for (size_t i = 0; i < p->n; i++)
        clear_solved(&p->entries[i]);
    zk_free(p->entries);
    p->entries = NULL;
    p->n = 0;
    p->last[0] = '\0';
}

lesson_progress_entry *lesson_progress_entry_get(lesson_progress *p, const char *slug,
                                                 bool create)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->entries[i].slug, slug) == 0)
            return &p->entries[i];
    if (!create || strlen(slug) >= sizeof p->entries[0].slug)
        return NULL;
    lesson_progress_entry *more = zk_realloc(p->entries, p->n + 1, sizeof *more);
    if (!more)
        return NULL;
    p->entries = more;
    lesson_progress_entry *e = &p->entries[p->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->slug, sizeof e->slug, "%s", slug);
    return e;
}

bool lesson_progress_is_solved(const lesson_progress_entry *e, const char *id)
{
    for (size_t i = 0; e && i < e->nsolved; i++)
        if (strcmp(e->solved[i], id) == 0)
            return true;
    return false;
}

zk_err lesson_progress_mark_solved(lesson_progress_entry *e, const char *id)
{
    if (lesson_progress_is_solved(e, id))
        return ZK_OK;
    char **more = zk_realloc(e->solved, e->nsolved + 1, sizeof *more);
    if (!more)
        return ZK_ENOMEM;
    e->solved = more;
    if (!(e->solved[e->nsolved] = zk_strdup(id)))
        return ZK_ENOMEM;
    e->nsolved++;
    return ZK_OK;
}

zk_err lesson_progress_reset(lesson_progress *p, const char *slug)
{
    lesson_progress_entry *e = lesson_progress_entry_get(p, slug, true);
    if (!e)
        return ZK_ENOMEM;
    clear_solved(e);
    e->step = 0;
    e->seen = 0;
    /* Bounded like every count in the file, so a saved file loads again. */
    if (e->resets < PROGRESS_MAX_RESETS)
        e->resets++;
    return ZK_OK;
}

zk_err lesson_progress_visit(lesson_progress *p, const char *slug, int step)
{
    lesson_progress_entry *e = lesson_progress_entry_get(p, slug, true);
    if (!e)
        return ZK_ENOMEM;
    e->step = step < 0 ? 0 : step;
    if (e->seen < e->step + 1)
        e->seen = e->step + 1;
    snprintf(p->last, sizeof p->last, "%s", slug);
    return ZK_OK;
}

static bool small_int(const cJSON *v, int *out)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e6 ||
        v->valuedouble != (double)(int)v->valuedouble)
        return false;
    *out = (int)v->valuedouble;
    return true;
}

/* Fills p from a parsed document; false when its shape is not ours. */
static bool from_json(lesson_progress *p, const cJSON *root, bool *newer)
{
    int version;
    *newer = false;
    if (!cJSON_IsObject(root) || !small_int(cJSON_GetObjectItemCaseSensitive(root, "version"),
                                            &version))
        return false;
    if (version != PROGRESS_VERSION) {
        *newer = version > PROGRESS_VERSION;
        return false;
    }
    const cJSON *last = cJSON_GetObjectItemCaseSensitive(root, "last");
    if (last && !cJSON_IsNull(last)) {
        if (!cJSON_IsString(last) || strlen(last->valuestring) >= sizeof p->last)
            return false;
        snprintf(p->last, sizeof p->last, "%s", last->valuestring);
    }
    const cJSON *lessons = cJSON_GetObjectItemCaseSensitive(root, "lessons");
    if (!cJSON_IsObject(lessons))
        return false;
    const cJSON *item;
    size_t items = 0, ids = 0;
    cJSON_ArrayForEach(item, lessons)
    {
        if (!cJSON_IsObject(item) || !item->string || ++items > PROGRESS_MAX_LESSONS)
            return false;
        lesson_progress_entry *e = lesson_progress_entry_get(p, item->string, true);
        if (!e || !small_int(cJSON_GetObjectItemCaseSensitive(item, "step"), &e->step) ||
            !small_int(cJSON_GetObjectItemCaseSensitive(item, "seen"), &e->seen))
            return false;
        const cJSON *resets = cJSON_GetObjectItemCaseSensitive(item, "resets");
        if (resets && !small_int(resets, &e->resets))
            return false;
        const cJSON *solved = cJSON_GetObjectItemCaseSensitive(item, "solved");
        if (!cJSON_IsArray(solved))
            return false;
        const cJSON *id;
        cJSON_ArrayForEach(id, solved)
        {
            if (!cJSON_IsString(id) || e->nsolved >= PROGRESS_MAX_SOLVED ||
                ++ids > PROGRESS_MAX_IDS || lesson_progress_mark_solved(e, id->valuestring) != ZK_OK)
                return false;
        }
    }
    return true;
}

/* Renames a file we cannot read to <path>.corrupt-<UTC time>[-N]. */
static zk_err set_aside(const char *path, char *moved, size_t moved_len)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int i = 0; i < 100; i++) {
        int n = i ? snprintf(moved, moved_len, "%s.corrupt-%s-%d", path, stamp, i)
                  : snprintf(moved, moved_len, "%s.corrupt-%s", path, stamp);
        if (n < 0 || (size_t)n >= moved_len)
            return ZK_EOVERFLOW;
        if (access(moved, F_OK) != 0 && rename(path, moved) == 0)
            return ZK_OK;
    }
    return ZK_EIO;
}

/* Reads p->path into p (which is empty), setting a damaged file aside; the
 * contract of lesson_progress_load, without the lock. */
static zk_err read_file(lesson_progress *p, char *note, size_t note_len)
{
    const char *path = p->path;
    char *text;
    size_t len;
    zk_err err = zk_file_read(path, MAX_FILE, &text, &len);
    if (err == ZK_ENOENT)
        return ZK_OK;
    if (err && err != ZK_EOVERFLOW) {
        set_note(note, note_len, "cannot read %s (%s); progress will not be saved", path,
                 zk_file_why(err));
        p->read_only = true;
        return ZK_EIO;
    }
    cJSON *root = err ? NULL : zk_json_parse(text, len);
    zk_free(text);
    bool newer = false;
    bool ok = root && from_json(p, root, &newer);
    cJSON_Delete(root);
    if (ok)
        return ZK_OK;
    lesson_progress_free(p);
    char moved[4200];
    if (set_aside(path, moved, sizeof moved) != ZK_OK) {
        set_note(note, note_len, "%s is damaged and could not be moved aside (%s); it was "
                 "left alone and progress will not be saved", path, strerror(errno));
        p->read_only = true;
        return ZK_EIO;
    }
    set_note(note, note_len,
             newer ? "%s was written by a newer zkcave; it was moved to %s and progress starts afresh"
                   : "%s was damaged; it was moved to %s and progress starts afresh",
             path, moved);
    return ZK_OK;
}

/* ---- sharing the file ---------------------------------------------------
 *
 * Two workbenches (or a workbench and `zkcave check`) may use one file, so a
 * save re-reads it under a lock, keeps what the other wrote and writes the
 * union. The lock is an fcntl write lock on <path>.lock beside the file. The
 * lock file is never removed: a process could be about to lock it, and it
 * would then hold a lock on a file nobody else sees. All of a process's
 * fcntl locks on a file go when it closes any descriptor of that file, so
 * the lock file is opened in one place only. */

enum { LOCK_TRIES = 500, LOCK_WAIT_NS = 10 * 1000 * 1000 };   /* 5 s in all */

/* Locks path's lock file and returns its descriptor, or -1 (errno set)
 * when it cannot be opened, or stays locked by someone else for 5 s. A file
 * system without locks gets the descriptor unlocked: saves then merge all
 * the same, only without excluding each other. */
static int lock_progress(const char *path)
{
    char name[4200];
    if (snprintf(name, sizeof name, "%s.lock", path) >= (int)sizeof name) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(name, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    for (int i = 0; i < LOCK_TRIES; i++) {
        if (fcntl(fd, F_SETLK, &fl) == 0)
            return fd;
        if (errno == EINTR)
            continue;
        if (errno != EACCES && errno != EAGAIN)
            return fd;   /* ENOLCK and the like: no locking here */
        nanosleep(&(struct timespec){0, LOCK_WAIT_NS}, NULL);
    }
    close(fd);
    errno = EWOULDBLOCK;
    return -1;
}

static void unlock_progress(int fd)
{
    int saved = errno;
    close(fd);   /* releases the lock */
    errno = saved;
}

zk_err lesson_progress_load(lesson_progress *p, const char *path, char *note, size_t note_len)
{
    memset(p, 0, sizeof *p);
    if (note && note_len)
        note[0] = '\0';
    if (snprintf(p->path, sizeof p->path, "%s", path) >= (int)sizeof p->path)
        return ZK_EOVERFLOW;
    /* No lock (a directory we cannot write, or none yet): nothing to tidy. */
    int lock = lock_progress(path);
    /* What killed saves left (under the lock no save of ours is writing). */
    if (lock >= 0)
        zk_stage_sweep(path, true);
    zk_err err = read_file(p, note, note_len);
    if (lock >= 0)
        unlock_progress(lock);
    return err;
}

/* Adds what another process saved (disk) to p: every solved exercise, the
 * furthest step seen, lessons p has not opened (with their last step), and
 * the last lesson when p has none. Where both have a lesson, p's step (the
 * one this process shows) stands; where their reset counts differ, the
 * side reset more often is taken instead of the union (progress.h). */
static zk_err merge(lesson_progress *p, const lesson_progress *disk)
{
    if (!p->last[0])
        snprintf(p->last, sizeof p->last, "%s", disk->last);
    for (size_t i = 0; i < disk->n; i++) {
        const lesson_progress_entry *de = &disk->entries[i];
        bool had = lesson_progress_entry_get(p, de->slug, false) != NULL;
        lesson_progress_entry *e = lesson_progress_entry_get(p, de->slug, true);
        if (!e)
            return ZK_ENOMEM;
        if (!had)
            e->step = de->step;
        if (had && e->resets > de->resets)
            continue;   /* p reset the lesson after disk's progress was made */
        if (had && e->resets < de->resets) {
            clear_solved(e);   /* reset elsewhere since p loaded it */
            e->seen = de->seen > e->step ? de->seen : e->step + 1;
            e->resets = de->resets;
        }
        if (!had)
            e->resets = de->resets;
        if (e->seen < de->seen)
            e->seen = de->seen;
        for (size_t k = 0; k < de->nsolved; k++) {
            zk_err err = lesson_progress_mark_solved(e, de->solved[k]);
            if (err)
                return err;
        }
    }
    return ZK_OK;
}

static cJSON *to_json(const lesson_progress *p)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *lessons = cJSON_CreateObject();
    bool ok = root && lessons && cJSON_AddNumberToObject(root, "version", PROGRESS_VERSION) &&
              (p->last[0] ? cJSON_AddStringToObject(root, "last", p->last) != NULL
                          : cJSON_AddNullToObject(root, "last") != NULL);
    if (ok)
        cJSON_AddItemToObject(root, "lessons", lessons);
    else
        cJSON_Delete(lessons);
    for (size_t i = 0; ok && i < p->n; i++) {
        const lesson_progress_entry *e = &p->entries[i];
        cJSON *item = cJSON_AddObjectToObject(lessons, e->slug);
        cJSON *solved = item ? cJSON_AddArrayToObject(item, "solved") : NULL;
        ok = item && solved && cJSON_AddNumberToObject(item, "step", e->step) &&
             cJSON_AddNumberToObject(item, "seen", e->seen) &&
             (!e->resets || cJSON_AddNumberToObject(item, "resets", e->resets));
        for (size_t k = 0; ok && k < e->nsolved; k++) {
            cJSON *id = cJSON_CreateString(e->solved[k]);
            ok = id && cJSON_AddItemToArray(solved, id);
        }
    }
    if (!ok) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Writes p as the file's new content (the caller holds the lock). */
static zk_err write_file(const lesson_progress *p)
{
    cJSON *root = to_json(p);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text)
        return ZK_ENOMEM;
    /* cJSON_Print ends without a newline; a text file should have one. */
    size_t len = strlen(text);
    char *with_nl = zk_alloc(len + 2, 1);
    zk_err err = ZK_ENOMEM;
    if (with_nl) {
        memcpy(with_nl, text, len);
        with_nl[len] = '\n';
        err = zk_file_write_atomic(p->path, with_nl, len + 1);
        zk_free(with_nl);
    }
    cJSON_free(text);
    return err;
}

zk_err lesson_progress_save(lesson_progress *p)
{
    if (p->read_only)
        return ZK_OK;
    if (!p->path[0]) {
        errno = ENOENT;
        return ZK_EINVAL;   /* never loaded: no file to save to */
    }
    char dir[4096];
    zk_path_dir(dir, sizeof dir, p->path);
    if (zk_mkdir_p(dir, 0700) != ZK_OK)
        return ZK_EIO;
    int lock = lock_progress(p->path);
    if (lock < 0)
        return ZK_EIO;
    /* What is on disk now may be newer than what p was loaded from. A file
     * that cannot be read is not written over (its progress would be lost);
     * a damaged one is set aside as lesson_progress_load does. */
    lesson_progress disk;
    memset(&disk, 0, sizeof disk);
    snprintf(disk.path, sizeof disk.path, "%s", p->path);
    zk_err err = read_file(&disk, NULL, 0);
    if (!err)
        err = merge(p, &disk);
    lesson_progress_free(&disk);
    if (!err)
        err = write_file(p);
    unlock_progress(lock);
    return err;
}
