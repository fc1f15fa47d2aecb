#include "lesson/action.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/actions.h"
#include "lesson/answer.h"

void lesson_result_init(lesson_result *r)
{
    memset(r, 0, sizeof *r);
}

void lesson_result_free(lesson_result *r)
{
    for (size_t i = 0; i < r->nlines; i++)
        zk_free(r->lines[i].text);
    zk_free(r->lines);
    for (size_t i = 0; i < r->ncharts; i++)
        viz_chart_free(&r->charts[i]);
    memset(r, 0, sizeof *r);
}

zk_err lesson_result_line(lesson_result *r, lesson_mark mark, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (r->nlines == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        lesson_line *more = zk_realloc(r->lines, cap, sizeof *more);
        if (!more)
            return ZK_ENOMEM;
        r->lines = more;
        r->cap = cap;
    }
    char *text = zk_strdup(buf);
    if (!text)
        return ZK_ENOMEM;
    r->lines[r->nlines].mark = mark;
    r->lines[r->nlines].text = text;
    r->nlines++;
    return ZK_OK;
}

static bool figure_char(char c)
{
    return isdigit((unsigned char)c) || (c && strchr(".,+-/^%", c));
}

bool lesson_result_figure(const lesson_result *r, const char *label, char *value, size_t vlen,
                          char *unit, size_t ulen)
{
    for (size_t i = 0; i < r->nlines; i++) {
        const char *at = strstr(r->lines[i].text, label);
        if (!at)
            continue;
        at += strlen(label);
        at += strspn(at, " =:");
        size_t n = 0;
        while (figure_char(at[n]))
            n++;
        /* A sentence's comma or full stop after the number is not part of it. */
        while (n && strchr(".,", at[n - 1]))
            n--;
        bool digit = false;
        for (size_t k = 0; k < n; k++)
            digit |= isdigit((unsigned char)at[k]) != 0;
        /* A verdict in capitals (VALID, INVALID) is a figure too. */
        if (!digit && !n) {
            while (isupper((unsigned char)at[n]))
                n++;
            if (n < 2 || isalnum((unsigned char)at[n]))
                continue;
        } else if (!digit) {
            continue;
        }
        snprintf(value, vlen, "%.*s", (int)n, at);
        const char *u = at + n;
        size_t un = 0;
        if (*u == ' ') {
            u++;
            while (isalpha((unsigned char)u[un]) || (unsigned char)u[un] >= 0x80)
                un++;
        }
        snprintf(unit, ulen, "%.*s", (int)(un <= 12 ? un : 0), u);
        return true;
    }
    return false;
}

viz_chart *lesson_result_chart(lesson_result *r, viz_chart_kind kind, const char *title,
                               const char *xlabel, const char *ylabel)
{
    if (r->ncharts >= LESSON_MAX_CHARTS)
        return NULL;
    viz_chart *ch = &r->charts[r->ncharts++];
    viz_chart_init(ch, kind, title, xlabel, ylabel);
    return ch;
}

zk_err lesson_fail(lesson_result *r, zk_err err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    return err;
}

/* Built-in tables, one per lesson part, plus room for actions registered at
 * run time. */
static const lesson_action_table *const builtin[] = {
    &lesson_actions_demo,
    &lesson_actions_cave,
    &lesson_actions_schnorr,
    &lesson_actions_zk,
    &lesson_actions_fs,
    &lesson_actions_qap,
    &lesson_actions_kzg,
    &lesson_actions_groth16,
    &lesson_actions_bn254,
    &lesson_actions_rollup,
    &lesson_actions_stark,
    &lesson_actions_compare,
    &lesson_actions_mnist,
    &lesson_actions_act,
    &lesson_actions_circuit,
    &lesson_actions_circom,
    &lesson_actions_zkml,
    &lesson_actions_zkml_proof,
    &lesson_actions_frontier,
};

enum { MAX_EXTRA = 32 };
static const lesson_action *extra_actions[MAX_EXTRA];
static size_t nextra;

size_t lesson_action_count(void)
{
    size_t n = nextra;
    for (size_t t = 0; t < sizeof builtin / sizeof builtin[0]; t++)
        n += builtin[t]->n;
    return n;
}

const lesson_action *lesson_action_at(size_t i)
{
    for (size_t t = 0; t < sizeof builtin / sizeof builtin[0]; t++) {
        if (i < builtin[t]->n)
            return &builtin[t]->actions[i];
        i -= builtin[t]->n;
    }
    return i < nextra ? extra_actions[i] : NULL;
}

const lesson_action *lesson_action_find(const char *name)
{
    size_t n = lesson_action_count();
    for (size_t i = 0; i < n; i++) {
        const lesson_action *a = lesson_action_at(i);
        if (strcmp(a->name, name) == 0)
            return a;
    }
    return NULL;
}

zk_err lesson_action_register(const lesson_action *action)
{
    if (!action || !action->name || !action->run || !*action->name)
        return ZK_EINVAL;
    for (const char *p = action->name; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '.' &&
            *p != '_' && *p != '-')
            return ZK_EINVAL;
    if (lesson_action_find(action->name))
        return ZK_EINVAL;
    if (nextra == MAX_EXTRA)
        return ZK_EOVERFLOW;
    extra_actions[nextra++] = action;
    return ZK_OK;
}

bool lesson_action_accepts(const lesson_action *action, const char *param)
{
    size_t len = strlen(param);
    const char *p = action->params ? action->params : "";
    while (*p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, param, len) == 0)
            return true;
        p += n;
    }
    return false;
}

zk_err lesson_action_run(lesson_result *out, const lesson_call *call,
                         const lesson_params *extra, const zk_events *events)
{
    lesson_result_init(out);
    const lesson_action *a = lesson_action_find(call->name);
    if (!a)
        return lesson_fail(out, ZK_EINVAL, "no action named '%s'", call->name);
    size_t n = call->params.n + (extra ? extra->n : 0);
    lesson_param *items = zk_alloc(n ? n : 1, sizeof *items);
    if (!items)
        return lesson_fail(out, ZK_ENOMEM, "out of memory");
    if (call->params.n)
        memcpy(items, call->params.items, call->params.n * sizeof *items);
    if (extra && extra->n)
        memcpy(items + call->params.n, extra->items, extra->n * sizeof *items);
    lesson_params all = {items, n};
    zk_err err = a->run(out, &all, events);
    zk_free(items);
    if (err && !out->message[0])
        snprintf(out->message, sizeof out->message, "%s: %s", call->name, zk_strerror(err));
    return err;
}

zk_err lesson_param_u64(lesson_result *out, const lesson_params *p, const char *key,
                        uint64_t fallback, uint64_t lo, uint64_t hi, uint64_t *value)
{
    const char *s = lesson_param_get(p, key, NULL);
    if (!s) {
        *value = fallback;
        return ZK_OK;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    while (*end == ' ')
        end++;
    if (!isdigit((unsigned char)*s) || *end || errno || v < lo || v > hi)
        return lesson_fail(out, ZK_EINVAL, "%s must be a whole number from %llu to %llu, not '%s'",
                           key, (unsigned long long)lo, (unsigned long long)hi, s);
    *value = v;
    return ZK_OK;
}

bool lesson_answer_long(const lesson_params *p, long *v)
{
    mpz_t z;
    mpz_init(z);
    bool ok = lesson_answer_integer(z, lesson_param_get(p, "answer", "")) == ZK_OK &&
              mpz_fits_slong_p(z);
    if (ok)
        *v = mpz_get_si(z);
    mpz_clear(z);
    return ok;
}

zk_err lesson_answer_u64(lesson_result *out, const lesson_params *p, uint64_t *v)
{
    mpz_t z;
    mpz_init(z);
    zk_err err = lesson_answer_integer(z, lesson_param_get(p, "answer", ""));
    if (!err && (mpz_sgn(z) < 0 || mpz_sizeinbase(z, 2) > 64))
        err = ZK_EPARSE;
    if (!err) {
        uint64_t limb = 0;
        mpz_export(&limb, NULL, -1, sizeof limb, 0, 0, z);
        *v = limb;
    } else {
        lesson_fail(out, ZK_OK, "type a whole number");
    }
    mpz_clear(z);
    return err;
}

zk_err lesson_param_choice(lesson_result *out, const lesson_params *p, const char *key,
                           const char *const *choices, size_t n, size_t *index)
{
    const char *s = lesson_param_get(p, key, choices[0]);
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, choices[i]) == 0) {
            *index = i;
            return ZK_OK;
        }
    char list[160] = "";
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", choices[i]);
    }
    return lesson_fail(out, ZK_EINVAL, "%s must be one of %s, not '%s'", key, list, s);
}
