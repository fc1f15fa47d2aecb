/* An exercise being answered: tries, hints, and the answer revealed only
 * after LESSON_TRIES_BEFORE_REVEAL wrong answers (rustlings' rule that the
 * learner should struggle a little first). A revealed exercise still needs
 * the answer typed to count as solved. */
#ifndef ZK_LESSON_EXERCISE_H
#define ZK_LESSON_EXERCISE_H

#include "core/err.h"
#include "lesson/doc.h"

enum { LESSON_TRIES_BEFORE_REVEAL = 3 };

typedef struct lesson_exercise {
    const lesson_exercise_def *def;
    int tries;            /* wrong answers so far */
    size_t hints_shown;
    bool solved;
    bool revealed;
    char feedback[240];   /* what the last answer earned, for the panel */
} lesson_exercise;

typedef enum lesson_outcome {
    LESSON_RIGHT,
    LESSON_WRONG,
    LESSON_EMPTY,   /* nothing typed: not counted as a try */
} lesson_outcome;

void lesson_exercise_init(lesson_exercise *ex, const lesson_exercise_def *def, bool solved);

/* Judges a typed answer and updates the tries, the reveal and the feedback. */
lesson_outcome lesson_exercise_submit(lesson_exercise *ex, const char *typed);

/* Shows the next hint; returns it, or NULL when none is left. */
const char *lesson_exercise_hint(lesson_exercise *ex);
size_t lesson_exercise_hints_left(const lesson_exercise *ex);
/* Wrong answers still allowed before the reveal (0 once revealed). */
int lesson_exercise_tries_left(const lesson_exercise *ex);

/* Judges typed against def without any state: by def's checker action when
 * it has one, else against its answers. feedback (may be NULL) receives the
 * checker's explanation. ZK_OK with *right set, or the checker's error. */
zk_err lesson_exercise_judge(const lesson_exercise_def *def, const char *typed, bool *right,
                             char *feedback, size_t feedback_len);

#endif
