#include "lesson/exercise.h"

#include <stdio.h>
#include <string.h>

#include "lesson/action.h"
#include "lesson/answer.h"

void lesson_exercise_init(lesson_exercise *ex, const lesson_exercise_def *def, bool solved)
{
    memset(ex, 0, sizeof *ex);
    ex->def = def;
    ex->solved = solved;
}

/* typed without a trailing unit the exercise lists ("217 constraints" →
 * "217"), into out; typed as it is when it carries none of them. A unit
 * counts only as a word of its own after the value ("128 bytes", "128 B";
 * "128bytes" and a unit not listed are left for the judge to refuse). */
static const char *strip_unit(const lesson_exercise_def *def, const char *typed, char *out,
                              size_t cap)
{
    char t[LESSON_ANSWER_MAX], u[LESSON_ANSWER_MAX];
    lesson_answer_normalize(typed, t, sizeof t);
    size_t tl = strlen(t);
    for (size_t i = 0; i < def->nunits; i++) {
        lesson_answer_normalize(def->units[i], u, sizeof u);
        size_t ul = strlen(u);
        if (ul && tl > ul + 1 && strcmp(t + tl - ul, u) == 0 && t[tl - ul - 1] == ' ') {
            snprintf(out, cap, "%.*s", (int)(tl - ul - 1), t);
            return out;
        }
    }
    return typed;
}

zk_err lesson_exercise_judge(const lesson_exercise_def *def, const char *typed, bool *right,
                             char *feedback, size_t feedback_len)
{
    *right = false;
    if (feedback && feedback_len)
        feedback[0] = '\0';
    char bare[LESSON_ANSWER_MAX];
    typed = strip_unit(def, typed, bare, sizeof bare);
    if (!def->check) {
        for (size_t i = 0; i < def->nanswers && !*right; i++)
            *right = lesson_answer_matches(typed, def->answers[i], def->prompt);
        return ZK_OK;
    }
    lesson_param answer = {"answer", (char *)typed};
    lesson_params extra = {&answer, 1};
    lesson_result r;
    zk_err err = lesson_action_run(&r, def->check, &extra, NULL);
    if (!err && r.verdict == LESSON_VERDICT_NONE) {
        snprintf(r.message, sizeof r.message, "%s gives no verdict", def->check->name);
        err = ZK_EINVAL;
    }
    *right = !err && r.verdict == LESSON_VERDICT_PASS;
    if (feedback && feedback_len)
        snprintf(feedback, feedback_len, "%s", r.message);
    lesson_result_free(&r);
    return err;
}

lesson_outcome lesson_exercise_submit(lesson_exercise *ex, const char *typed)
{
    char norm[256];
    lesson_answer_normalize(typed, norm, sizeof norm);
    if (!norm[0]) {
        snprintf(ex->feedback, sizeof ex->feedback, "Type an answer first.");
        return LESSON_EMPTY;
    }
    if (ex->solved) {
        snprintf(ex->feedback, sizeof ex->feedback, "Already solved.");
        return LESSON_RIGHT;
    }
    bool right;
    char why[240];
    zk_err err = lesson_exercise_judge(ex->def, typed, &right, why, sizeof why);
    if (err) {
        /* A broken checker is the lesson's fault, not the student's: no try is used. */
        snprintf(ex->feedback, sizeof ex->feedback, "The checker failed: %.200s", why);
        return LESSON_EMPTY;
    }
    if (right) {
        ex->solved = true;
        snprintf(ex->feedback, sizeof ex->feedback, "Correct.");
        return LESSON_RIGHT;
    }
    if (!ex->revealed)
        ex->tries++;
    if (ex->tries >= LESSON_TRIES_BEFORE_REVEAL)
        ex->revealed = true;
    int left = lesson_exercise_tries_left(ex);
    char more[120];
    if (ex->revealed)
        snprintf(more, sizeof more, "The answer is shown below; type it to finish.");
    else
        snprintf(more, sizeof more, "%d %s before the answer is shown.", left,
                 left == 1 ? "try" : "tries");
    size_t wl = strlen(why);
    while (wl && (why[wl - 1] == '.' || why[wl - 1] == ' '))
        why[--wl] = '\0';
    if (wl)
        snprintf(ex->feedback, sizeof ex->feedback, "Not quite: %.120s. %.100s", why, more);
    else
        snprintf(ex->feedback, sizeof ex->feedback, "Not quite. %.100s", more);
    return LESSON_WRONG;
}

const char *lesson_exercise_hint(lesson_exercise *ex)
{
    if (ex->hints_shown >= ex->def->nhints)
        return NULL;
    return ex->def->hints[ex->hints_shown++];
}

size_t lesson_exercise_hints_left(const lesson_exercise *ex)
{
    return ex->def->nhints - ex->hints_shown;
}

int lesson_exercise_tries_left(const lesson_exercise *ex)
{
    return ex->revealed ? 0 : LESSON_TRIES_BEFORE_REVEAL - ex->tries;
}
