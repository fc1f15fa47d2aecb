/* The curriculum: the lesson files found on disk, `NN-slug.md`, numbered
 * from 01 up to the highest present, in parts. Each lesson's map title, part
 * and summary come from its front matter (doc.h), so the curriculum is data:
 * adding a lesson is adding its file. A number below the highest with no file
 * is shown as not written; a file whose front matter or Markdown does not
 * parse is shown with the reason. */
#ifndef ZK_LESSON_CATALOG_H
#define ZK_LESSON_CATALOG_H

#include "core/err.h"
#include "lesson/doc.h"
#include "lesson/progress.h"

/* Two-digit file numbers; the map shows at most ten lessons a part. */
enum { LESSON_MAX = 99, LESSON_PART_ROWS = 10 };

/* What the map shows of a lesson: its front matter's, or for a lesson that
 * has none readable, its file name's slug, in the part before it. */
typedef struct lesson_info {
    int number;
    int part;              /* 0-based */
    char title[64];        /* short, for the map (at most 20 columns) */
    char summary[200];     /* one line: what the student does; "" when unknown */
    char part_name[40];    /* as the front matter spells it; "" when unknown */
    int part_line;         /* the front matter's part: line */
} lesson_info;

typedef enum lesson_status {
    LESSON_MISSING,   /* no file yet */
    LESSON_BROKEN,    /* the file does not parse */
    LESSON_NEW,
    LESSON_STARTED,
    LESSON_DONE,      /* every step seen and every exercise solved */
} lesson_status;

typedef struct lesson_slot {
    lesson_info info;
    char path[1024];    /* "" when there is no file */
    bool loaded;
    lesson_doc doc;     /* valid when loaded */
    char error[240];    /* why it did not load */
} lesson_slot;

typedef struct lesson_catalog {
    char dir[1024];
    int count;                            /* lessons 1..count */
    int nparts;
    char parts[LESSON_PARTS_MAX][40];     /* part names in capitals, for headings */
    int part_first[LESSON_PARTS_MAX];     /* first lesson number of each part */
    int part_count[LESSON_PARTS_MAX];
    lesson_slot slots[LESSON_MAX];
} lesson_catalog;

/* Where the lessons are: $ZKCAVE_LESSONS, else ./lessons, else lessons/ next
 * to the program or two levels up from it (build/rel/zkcave), else
 * ../share/zkcave/lessons from it. ZK_EIO when none exists. */
zk_err lesson_catalog_find_dir(char *out, size_t len);

/* Reads every NN-*.md in dir (NN from 01 to 99). ZK_EIO when dir cannot be
 * read; a lesson file that does not parse is not an error here (see
 * slot->error), nor are parts out of order: the first lesson whose part
 * breaks them (a part number skipped or gone back to, a part named two
 * ways, more than ten lessons in one) carries that error. */
zk_err lesson_catalog_open(lesson_catalog *c, const char *dir);
void lesson_catalog_free(lesson_catalog *c);

/* The slot of lesson number (1..count), or NULL. */
lesson_slot *lesson_catalog_slot(lesson_catalog *c, int number);

/* Exercises of a loaded lesson solved according to p. */
size_t lesson_slot_solved(const lesson_slot *s, const lesson_progress *p);
lesson_status lesson_slot_status(const lesson_slot *s, const lesson_progress *p);
/* The lesson the student should go on with: the last one opened unless it
 * is done, else the next unfinished one after it (wrapping round); 0 when
 * all are done. */
int lesson_catalog_next(const lesson_catalog *c, const lesson_progress *p);

#endif
