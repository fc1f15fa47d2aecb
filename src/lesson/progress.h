/* Lesson progress, kept in $XDG_STATE_HOME/zkcave/progress.json (by the XDG
 * Base Directory spec, ~/.local/state/zkcave/progress.json when the variable
 * is unset, empty or not an absolute path).
 *
 *   {"version": 1, "last": "03-schnorr",
 *    "lessons": {"03-schnorr": {"step": 2, "seen": 3, "solved": ["1", "2"],
 *                               "resets": 1}}}
 *
 * The file is replaced atomically on every save (core/file.h). Several
 * processes may share it: a save re-reads the file under a lock (an fcntl
 * lock on progress.json.lock) and writes the union of both, so no process
 * drops what another saved. A reset must win over that union, so each
 * lesson counts its resets ("resets", 0 when absent, as older files are):
 * where the two counts differ the lesson with more resets is taken whole
 * (its step aside) and the other's solved exercises are dropped, being from
 * before the reset; where they are equal the union stands. A process that
 * solves an exercise after another reset the lesson, without having seen
 * the reset, loses that exercise to it. Loading removes the temporary files of saves
 * that were killed midway. A file that
 * cannot be understood is never overwritten: it is renamed to
 * progress.json.corrupt-YYYYMMDD-HHMMSS, the caller gets a note saying so,
 * and progress starts afresh. More lessons or exercise ids than any
 * curriculum has (PROGRESS_MAX_* in progress.c) also make a file damaged. */
#ifndef ZK_LESSON_PROGRESS_H
#define ZK_LESSON_PROGRESS_H

#include "core/err.h"
#include "core/types.h"

typedef struct lesson_progress_entry {
    char slug[64];
    int step;       /* the step last shown, from 0 */
    int seen;       /* how many steps have been reached (never decreases) */
    char **solved;  /* ids of solved exercises */
    size_t nsolved;
    int resets;     /* how many times the lesson was reset (see above) */
} lesson_progress_entry;

typedef struct lesson_progress {
    char path[4096];
    char last[64];  /* the lesson opened last, "" when none */
    lesson_progress_entry *entries;
    size_t n;
    bool read_only; /* a file we could not set aside: never write over it */
} lesson_progress;

/* The default file path (see above). ZK_EINVAL when neither an absolute
 * XDG_STATE_HOME nor HOME is set. */
zk_err lesson_progress_default_path(char *out, size_t len);

/* Loads progress from path, first removing temporaries that killed saves
 * left. A missing file is empty progress. A corrupt one
 * is set aside (see above) and note says where; ZK_OK either way. ZK_EIO
 * when the file exists but cannot be read or set aside (note says why; the
 * progress is then empty and read_only). note may be NULL. */
zk_err lesson_progress_load(lesson_progress *p, const char *path, char *note, size_t note_len);
/* Merges what the file holds now into p (solved exercises, the furthest
 * step seen, lessons p lacks; p's own steps stand) and writes the result
 * atomically, creating the directory, all under the lock. ZK_EIO (errno
 * says why) when the directory or file cannot be written, the file exists
 * but cannot be read, or another process holds the lock for 5 s; ZK_OK and
 * nothing written when read_only. Entry pointers into p may move. */
zk_err lesson_progress_save(lesson_progress *p);
void lesson_progress_free(lesson_progress *p);

/* The entry for a lesson; with create, a new empty one when missing (NULL
 * only when out of memory). */
lesson_progress_entry *lesson_progress_entry_get(lesson_progress *p, const char *slug,
                                                 bool create);
bool lesson_progress_is_solved(const lesson_progress_entry *e, const char *id);
zk_err lesson_progress_mark_solved(lesson_progress_entry *e, const char *id);
/* Clears a lesson's progress: step 0, nothing seen or solved, and one more
 * reset, so the next save wins over what the file holds for it. */
zk_err lesson_progress_reset(lesson_progress *p, const char *slug);
/* Records that step of a lesson is being shown (and that it was opened last). */
zk_err lesson_progress_visit(lesson_progress *p, const char *slug, int step);

#endif
