#include "lesson/verify.h"

#include <string.h>

#include "lesson/action.h"
#include "lesson/catalog.h"
#include "lesson/exercise.h"

static void problem(lesson_verify_stats *st, FILE *out, const char *path, int line,
                    const char *what, const char *detail)
{
    st->problems++;
    if (line > 0)
        fprintf(out, "%s:%d: %s%s%s\n", path, line, what, detail ? ": " : "", detail ? detail : "");
    else
        fprintf(out, "%s: %s%s%s\n", path, what, detail ? ": " : "", detail ? detail : "");
}

/* The call names a registered action, which reads every parameter and input
 * given. Returns the action, or NULL after reporting. */
static const lesson_action *resolve(lesson_verify_stats *st, FILE *out, const char *path,
                                    const lesson_call *call)
{
    const lesson_action *a = lesson_action_find(call->name);
    char msg[200];
    if (!a) {
        snprintf(msg, sizeof msg, "no action named '%s'", call->name);
        problem(st, out, path, call->line, msg, NULL);
        return NULL;
    }
    bool ok = true;
    for (size_t i = 0; i < call->params.n; i++)
        if (!lesson_action_accepts(a, call->params.items[i].key)) {
            snprintf(msg, sizeof msg, "%s has no parameter '%s' (it reads: %s)", call->name,
                     call->params.items[i].key, a->params);
            problem(st, out, path, call->line, msg, NULL);
            ok = false;
        }
    for (size_t i = 0; i < call->ninputs; i++)
        if (!lesson_action_accepts(a, call->inputs[i].name)) {
            snprintf(msg, sizeof msg, "%s has no parameter '%s' for an input (it reads: %s)",
                     call->name, call->inputs[i].name, a->params);
            problem(st, out, path, call->line, msg, NULL);
            ok = false;
        }
    return ok ? a : NULL;
}

static void check_action(lesson_verify_stats *st, FILE *out, const char *path,
                         const lesson_call *call, bool run)
{
    if (!resolve(st, out, path, call) || !run)
        return;
    /* Run with the inputs' defaults, as the workbench does on first show. */
    lesson_param extra[16];
    size_t n = 0;
    for (size_t i = 0; i < call->ninputs && n < 16; i++, n++) {
        extra[n].key = call->inputs[i].name;
        extra[n].value = call->inputs[i].value;
    }
    lesson_params params = {extra, n};
    lesson_result r;
    zk_err err = lesson_action_run(&r, call, &params, NULL);
    if (err) {
        char msg[120];
        snprintf(msg, sizeof msg, "action %s failed", call->name);
        problem(st, out, path, call->line, msg, r.message);
    }
    /* A big: label that no longer matches what the action prints would
     * leave presenter mode with nothing to show. */
    for (size_t i = 0; !err && i < call->nbig; i++) {
        char v[64], u[16], msg[200];
        if (lesson_result_figure(&r, call->big[i], v, sizeof v, u, sizeof u))
            continue;
        snprintf(msg, sizeof msg, "big: '%s' is followed by no number in %s's result",
                 call->big[i], call->name);
        problem(st, out, path, call->line, msg, NULL);
    }
    lesson_result_free(&r);
}

static void check_exercise(lesson_verify_stats *st, FILE *out, const char *path,
                           const lesson_exercise_def *ex)
{
    if (ex->check) {
        const lesson_action *a = resolve(st, out, path, ex->check);
        if (!a)
            return;
        if (!lesson_action_accepts(a, "answer")) {
            problem(st, out, path, ex->line, "a checker must read the parameter 'answer'",
                    ex->check->name);
            return;
        }
    }
    /* The exercise's table: its answers and accept: lines are taken, its
     * reject: lines refused; every exercise has at least one reject:. */
    const struct {
        char **items;
        size_t n;
        bool want;
        const char *kind;
    } table[] = {{ex->answers, ex->nanswers, true, "answer"},
                 {ex->accepts, ex->naccepts, true, "accept:"},
                 {ex->rejects, ex->nrejects, false, "reject:"}};
    for (size_t k = 0; k < ZK_ARRAY_LEN(table); k++)
        for (size_t i = 0; i < table[k].n; i++) {
            bool right;
            char why[240], msg[300];
            const char *typed = table[k].items[i];
            zk_err err = lesson_exercise_judge(ex, typed, &right, why, sizeof why);
            if (err) {
                snprintf(msg, sizeof msg, "exercise %s: the checker failed on %s '%s'", ex->id,
                         table[k].kind, typed);
                problem(st, out, path, ex->line, msg, why);
            } else if (right != table[k].want) {
                snprintf(msg, sizeof msg, "exercise %s %s its %s '%s'", ex->id,
                         table[k].want ? "does not accept" : "accepts", table[k].kind, typed);
                problem(st, out, path, ex->line, msg, !right && why[0] ? why : NULL);
            }
        }
    if (!ex->nrejects) {
        char msg[120];
        snprintf(msg, sizeof msg, "exercise %s has no reject: line (a near miss it must refuse)",
                 ex->id);
        problem(st, out, path, ex->line, msg, NULL);
    }
    if (ex->check) {
        bool right;
        zk_err err = lesson_exercise_judge(ex, "zkcave: surely not the answer", &right, NULL, 0);
        if (err || right) {
            char msg[200];
            snprintf(msg, sizeof msg, "exercise %s: checker %s %s nonsense", ex->id,
                     ex->check->name, err ? "fails on" : "accepts");
            problem(st, out, path, ex->line, msg, NULL);
        }
    }
}

void lesson_verify_dir(lesson_verify_stats *st, const char *dir, bool run_actions, FILE *out)
{
    memset(st, 0, sizeof *st);
    lesson_catalog c;
    if (lesson_catalog_open(&c, dir) != ZK_OK) {
        problem(st, out, dir, 0, "cannot read the lesson directory", NULL);
        lesson_catalog_free(&c);
        return;
    }
    for (int i = 0; i < c.count; i++) {
        lesson_slot *s = &c.slots[i];
        if (!s->path[0])
            continue;
        st->lessons++;
        if (!s->loaded) {
            problem(st, out, s->path, 0, s->error, NULL);
            continue;
        }
        size_t before = st->problems;
        const lesson_doc *d = &s->doc;
        for (size_t k = 0; k < d->nactions; k++)
            check_action(st, out, s->path, d->actions[k], run_actions);
        for (size_t k = 0; k < d->nexercises; k++)
            check_exercise(st, out, s->path, d->exercises[k]);
        st->steps += d->nsteps;
        st->actions += d->nactions;
        st->exercises += d->nexercises;
        fprintf(out, "%s %s: %zu steps, %zu actions, %zu exercises\n",
                st->problems == before ? "ok  " : "FAIL", s->path, d->nsteps, d->nactions,
                d->nexercises);
    }
    lesson_catalog_free(&c);
}
