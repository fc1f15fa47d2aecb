/* Actions: engine code a lesson runs by name.
 *
 * A lesson's ```action block names an action ("cave.run rounds=10"); the
 * registry maps the name to a function that runs real engine code and fills
 * a lesson_result: lines of text, each with a mark (✔ ✘ or a note), up to two
 * charts, and for checkers a verdict. Actions never draw; the workbench
 * shows the result in a panel and the CLI prints it.
 *
 * An action takes its parameters from the block, then from what the student
 * typed into the block's inputs (which override), and for exercise checkers
 * the typed answer as `answer`. It may report progress and be cancelled
 * through events (ZK_ECANCELLED). It runs on a worker thread while the
 * workbench keeps drawing, so it must not touch global state. */
#ifndef ZK_LESSON_ACTION_H
#define ZK_LESSON_ACTION_H

#include "core/err.h"
#include "core/event.h"
#include "core/types.h"
#include "lesson/doc.h"
#include "viz/chart.h"

typedef enum lesson_mark {
    LESSON_MARK_NONE,
    LESSON_MARK_OK,     /* a check that passed: ✔ */
    LESSON_MARK_BAD,    /* a check that failed: ✘ */
    LESSON_MARK_NOTE,   /* commentary, drawn dim */
    LESSON_MARK_HEAD,   /* a sub-heading inside the result */
} lesson_mark;

typedef struct lesson_line {
    lesson_mark mark;
    char *text;
} lesson_line;

typedef enum lesson_verdict {
    LESSON_VERDICT_NONE,   /* not a checker */
    LESSON_VERDICT_PASS,
    LESSON_VERDICT_FAIL,
} lesson_verdict;

enum { LESSON_MAX_CHARTS = 2 };

typedef struct lesson_result {
    lesson_line *lines;
    size_t nlines, cap;
    viz_chart charts[LESSON_MAX_CHARTS];
    size_t ncharts;
    lesson_verdict verdict;
    char message[240];   /* why the action failed, or a checker's feedback */
} lesson_result;

void lesson_result_init(lesson_result *r);
void lesson_result_free(lesson_result *r);
/* Appends one line of text (printf format). Consecutive lines with tabs
 * are a table, one cell between tabs (the first, marked LESSON_MARK_HEAD,
 * its header): the workbench lines the columns up and keeps each row whole
 * at any width. */
zk_err lesson_result_line(lesson_result *r, lesson_mark mark, const char *fmt, ...);
/* A figure for presenter mode: the first line holding label, and the
 * number written after it (past spaces, '=' and ':'; digits with . , + - /
 * ^ %), or a word in capitals (VALID), into value, the word after a
 * number (a unit: "ms", "bytes") into unit, "" when there is none. False
 * when no line holds label followed by either. */
bool lesson_result_figure(const lesson_result *r, const char *label, char *value, size_t vlen,
                          char *unit, size_t ulen);
/* A new chart in the result, or NULL when it already has LESSON_MAX_CHARTS. */
viz_chart *lesson_result_chart(lesson_result *r, viz_chart_kind kind, const char *title,
                               const char *xlabel, const char *ylabel);
/* Sets message (printf format) and returns err: `return lesson_fail(r, ZK_EINVAL, ...)`. */
zk_err lesson_fail(lesson_result *r, zk_err err, const char *fmt, ...);

typedef zk_err (*lesson_action_fn)(lesson_result *out, const lesson_params *params,
                                   const zk_events *events);

typedef struct lesson_action {
    const char *name;      /* "schnorr.round" */
    const char *params;    /* the parameter names it reads, space-separated */
    const char *summary;   /* one line for listings */
    lesson_action_fn run;
} lesson_action;

/* The action registered under name, or NULL. */
const lesson_action *lesson_action_find(const char *name);
/* Adds an action at run time (tests, plug-ins); call before any job runs.
 * ZK_EINVAL when the name is taken or malformed, ZK_EOVERFLOW when full. */
zk_err lesson_action_register(const lesson_action *action);
/* The family of a built-in action: "schnorr" for the actions of
 * src/lesson/actions_schnorr.c, whose names all start "schnorr.". NULL for
 * an action registered at run time. */
const char *lesson_action_family(const lesson_action *a);
/* Every registered action, built-in ones first. */
size_t lesson_action_count(void);
const lesson_action *lesson_action_at(size_t i);
/* Whether the action reads a parameter of that name. */
bool lesson_action_accepts(const lesson_action *action, const char *param);

/* Runs a lesson's call: its own parameters, then extra ones (typed inputs,
 * an answer) which override. The result is initialised here; on an error
 * its message says why in one line. */
zk_err lesson_action_run(lesson_result *out, const lesson_call *call,
                         const lesson_params *extra, const zk_events *events);

/* Reading parameters inside actions; on a bad value they set out->message
 * ("rounds must be a whole number from 1 to 64") and return ZK_EINVAL. */
zk_err lesson_param_u64(lesson_result *out, const lesson_params *p, const char *key,
                        uint64_t fallback, uint64_t lo, uint64_t hi, uint64_t *value);
zk_err lesson_param_choice(lesson_result *out, const lesson_params *p, const char *key,
                           const char *const *choices, size_t n, size_t *index);
/* A checker's typed `answer=` as a whole number, read by the rules of
 * lesson/answer.h ("21", "q = 21", "2^4"); false when
 * it is none. */
bool lesson_answer_long(const lesson_params *p, long *v);
/* The same as a count from 0 to 2^64 - 1: ZK_EPARSE (and "type a whole
 * number" in out's message) when it is not one. */
zk_err lesson_answer_u64(lesson_result *out, const lesson_params *p, uint64_t *v);

#endif
