/* The curriculum: twenty lessons in three parts, and the lesson files found
 * on disk for them. A lesson whose file is not there yet is shown on the map
 * as coming; one whose file does not parse is shown with the reason. */
#ifndef ZK_LESSON_CATALOG_H
#define ZK_LESSON_CATALOG_H

#include "core/err.h"
#include "lesson/doc.h"
#include "lesson/progress.h"

enum { LESSON_COUNT = 20, LESSON_PARTS = 3 };

typedef struct lesson_info {
    int number;
    int part;              /* 0, 1, 2 */
    const char *title;     /* short, for the map (at most 20 columns) */
    const char *summary;   /* one line: what the student does */
} lesson_info;

extern const lesson_info lesson_curriculum[LESSON_COUNT];
extern const char *const lesson_part_names[LESSON_PARTS];

typedef enum lesson_status {
    LESSON_MISSING,   /* no file yet */
    LESSON_BROKEN,    /* the file does not parse */
    LESSON_NEW,
    LESSON_STARTED,
    LESSON_DONE,      /* every step seen and every exercise solved */
} lesson_status;

typedef struct lesson_slot {
    const lesson_info *info;
    char path[1024];    /* "" when there is no file */
    bool loaded;
    lesson_doc doc;     /* valid when loaded */
    char error[240];    /* why it did not load */
} lesson_slot;

typedef struct lesson_catalog {
    char dir[1024];
    lesson_slot slots[LESSON_COUNT];
} lesson_catalog;

/* Where the lessons are: $ZKCAVE_LESSONS, else ./lessons, else lessons/ next
 * to the program or two levels up from it (build/rel/zkcave), else
 * ../share/zkcave/lessons from it. ZK_EIO when none exists. */
zk_err lesson_catalog_find_dir(char *out, size_t len);

/* Reads every NN-*.md in dir for NN in 1..20. ZK_EIO when dir cannot be read;
 * a lesson file that does not parse is not an error here (see slot->error). */
zk_err lesson_catalog_open(lesson_catalog *c, const char *dir);
void lesson_catalog_free(lesson_catalog *c);

/* The slot of lesson number (1..20), or NULL. */
lesson_slot *lesson_catalog_slot(lesson_catalog *c, int number);

/* Exercises of a loaded lesson solved according to p. */
size_t lesson_slot_solved(const lesson_slot *s, const lesson_progress *p);
lesson_status lesson_slot_status(const lesson_slot *s, const lesson_progress *p);
/* The lesson the student should go on with: the last one opened unless it
 * is done, else the next unfinished one after it (wrapping round); 0 when
 * all are done. */
int lesson_catalog_next(const lesson_catalog *c, const lesson_progress *p);

#endif
