/* The bodies of `action` and `exercise` blocks, and action calls. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lesson/doc.h"

static zk_err fail(char *why, size_t why_len, int line, const char *fmt, ...)
{
    if (why && why_len) {
        int n = line > 0 ? snprintf(why, why_len, "line %d: ", line) : 0;
        if (n < 0 || (size_t)n >= why_len)
            n = 0;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why + n, why_len - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return ZK_EFORMAT;
}

const char *lesson_param_get(const lesson_params *p, const char *key, const char *fallback)
{
    /* The last occurrence wins, so typed inputs appended after a block's own
     * parameters override them. */
    for (size_t i = p->n; i-- > 0;)
        if (strcmp(p->items[i].key, key) == 0)
            return p->items[i].value;
    return fallback;
}

static bool name_char(char c)
{
    return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '_' || c == '.' ||
           c == '-';
}

zk_err lesson_call_parse(zk_arena *a, lesson_call *call, const char *line, char *why,
                         size_t why_len)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    const char *name = p;
    while (*p && name_char(*p))
        p++;
    if (p == name)
        return fail(why, why_len, call->line, "expected an action name, found '%s'", line);
    if (*p && *p != ' ' && *p != '\t')
        return fail(why, why_len, call->line, "bad character '%c' in action name", *p);
    call->name = zk_arena_strndup(a, name, (size_t)(p - name));
    size_t cap = 0;
    call->params.n = 0;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *key = p;
        while (*p && *p != '=' && *p != ' ' && *p != '\t')
            p++;
        if (*p != '=' || p == key)
            return fail(why, why_len, call->line, "parameter '%.*s' is not key=value",
                        (int)strcspn(key, " \t"), key);
        size_t key_len = (size_t)(p - key);
        p++;
        const char *val;
        size_t val_len;
        if (*p == '"') {
            val = ++p;
            while (*p && *p != '"')
                p++;
            if (*p != '"')
                return fail(why, why_len, call->line, "unterminated quote after %.*s=",
                            (int)key_len, key);
            val_len = (size_t)(p - val);
            p++;
        } else {
            val = p;
            while (*p && *p != ' ' && *p != '\t')
                p++;
            val_len = (size_t)(p - val);
        }
        if (!zk_arena_reserve(a, (void **)&call->params.items, &cap, call->params.n + 1,
                                  sizeof *call->params.items))
            return ZK_ENOMEM;
        lesson_param *pr = &call->params.items[call->params.n++];
        pr->key = zk_arena_strndup(a, key, key_len);
        pr->value = zk_arena_strndup(a, val, val_len);
        if (!pr->key || !pr->value)
            return ZK_ENOMEM;
    }
    return call->name ? ZK_OK : ZK_ENOMEM;
}

/* Splits body into lines, calling fn(line, line_number) for each; stops at
 * the first error. The line is NUL-terminated and has no trailing blanks. */
typedef zk_err (*line_fn)(void *ctx, char *line, int number);

static zk_err each_line(const char *body, int first_line, line_fn fn, void *ctx)
{
    char buf[1024];
    int number = first_line;
    while (*body) {
        size_t len = strcspn(body, "\n");
        size_t keep = len < sizeof buf - 1 ? len : sizeof buf - 1;
        memcpy(buf, body, keep);
        while (keep && isspace((unsigned char)buf[keep - 1]))
            keep--;
        buf[keep] = '\0';
        zk_err err = fn(ctx, buf, number);
        if (err)
            return err;
        body += len + (body[len] == '\n');
        number++;
    }
    return ZK_OK;
}

/* "key: value" → value, when line starts with key and a colon. */
static const char *field(const char *line, const char *key)
{
    size_t n = strlen(key);
    if (strncmp(line, key, n) != 0 || line[n] != ':')
        return NULL;
    line += n + 1;
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

static zk_err push(zk_arena *a, char ***items, size_t *n, size_t *cap, const char *v)
{
    if (!zk_arena_reserve(a, (void **)items, cap, *n + 1, sizeof **items))
        return ZK_ENOMEM;
    (*items)[*n] = zk_arena_strdup(a, v);
    return (*items)[(*n)++] ? ZK_OK : ZK_ENOMEM;
}

typedef struct action_ctx {
    zk_arena *a;
    lesson_call *call;
    size_t input_cap, big_cap;
    bool have_call;
    char *why;
    size_t why_len;
} action_ctx;

static zk_err action_line(void *vctx, char *line, int number)
{
    action_ctx *c = vctx;
    const char *v;
    if (!*line || line[0] == '#')
        return ZK_OK;
    if ((v = field(line, "title"))) {
        c->call->title = zk_arena_strdup(c->a, v);
        return c->call->title ? ZK_OK : ZK_ENOMEM;
    }
    if ((v = field(line, "big"))) {
        if (!*v)
            return fail(c->why, c->why_len, number, "empty big:");
        return push(c->a, &c->call->big, &c->call->nbig, &c->big_cap, v);
    }
    if ((v = field(line, "input"))) {
        const char *eq = strchr(v, '=');
        if (!eq || eq == v)
            return fail(c->why, c->why_len, number, "input needs name=default, found '%s'", v);
        /* A default with spaces is quoted, as parameters are. */
        const char *val = eq + 1;
        size_t vlen;
        const char *label;
        if (*val == '"') {
            const char *close = strchr(++val, '"');
            if (!close)
                return fail(c->why, c->why_len, number, "unterminated quote in input '%s'", v);
            vlen = (size_t)(close - val);
            label = close + 1;
        } else {
            vlen = strcspn(val, " \t");
            label = val + vlen;
        }
        while (*label == ' ' || *label == '\t')
            label++;
        if (!zk_arena_reserve(c->a, (void **)&c->call->inputs, &c->input_cap,
                                  c->call->ninputs + 1, sizeof *c->call->inputs))
            return ZK_ENOMEM;
        lesson_input *in = &c->call->inputs[c->call->ninputs++];
        in->name = zk_arena_strndup(c->a, v, (size_t)(eq - v));
        in->value = zk_arena_strndup(c->a, val, vlen);
        in->label = zk_arena_strdup(c->a, *label ? label : in->name);
        return in->name && in->value && in->label ? ZK_OK : ZK_ENOMEM;
    }
    if (c->have_call)
        return fail(c->why, c->why_len, number, "an action block holds one call; found '%s'",
                    line);
    c->have_call = true;
    c->call->line = number;
    return lesson_call_parse(c->a, c->call, line, c->why, c->why_len);
}

zk_err lesson_action_block_parse(zk_arena *a, lesson_call *call, const char *body,
                                 int first_line, char *why, size_t why_len)
{
    action_ctx c = {.a = a, .call = call, .why = why, .why_len = why_len};
    call->line = first_line;
    zk_err err = each_line(body, first_line, action_line, &c);
    if (!err && !c.have_call)
        return fail(why, why_len, first_line, "action block without an action name");
    return err;
}

typedef struct exercise_ctx {
    zk_arena *a;
    lesson_exercise_def *ex;
    size_t answer_cap, hint_cap, accept_cap, reject_cap, unit_cap;
    char **last;    /* the field a continuation line extends */
    char *why;
    size_t why_len;
} exercise_ctx;

static zk_err exercise_line(void *vctx, char *line, int number)
{
    exercise_ctx *c = vctx;
    lesson_exercise_def *ex = c->ex;
    const char *v;
    zk_err err = ZK_OK;
    if ((v = field(line, "prompt"))) {
        if (ex->prompt)
            return fail(c->why, c->why_len, number, "second prompt: in one exercise");
        ex->prompt = zk_arena_strdup(c->a, v);
        c->last = &ex->prompt;
    } else if ((v = field(line, "answer"))) {
        if (!*v)
            return fail(c->why, c->why_len, number, "empty answer:");
        err = push(c->a, &ex->answers, &ex->nanswers, &c->answer_cap, v);
        c->last = NULL;
    } else if ((v = field(line, "accept"))) {
        if (!*v)
            return fail(c->why, c->why_len, number, "empty accept:");
        err = push(c->a, &ex->accepts, &ex->naccepts, &c->accept_cap, v);
        c->last = NULL;
    } else if ((v = field(line, "reject"))) {
        /* An empty reject: would test nothing: the empty answer is never judged. */
        if (!*v)
            return fail(c->why, c->why_len, number, "empty reject:");
        err = push(c->a, &ex->rejects, &ex->nrejects, &c->reject_cap, v);
        c->last = NULL;
    } else if ((v = field(line, "unit"))) {
        if (!*v)
            return fail(c->why, c->why_len, number, "empty unit:");
        err = push(c->a, &ex->units, &ex->nunits, &c->unit_cap, v);
        c->last = NULL;
    } else if ((v = field(line, "hint"))) {
        err = push(c->a, &ex->hints, &ex->nhints, &c->hint_cap, v);
        c->last = err ? NULL : &ex->hints[ex->nhints - 1];
    } else if ((v = field(line, "id"))) {
        ex->id = zk_arena_strdup(c->a, v);
        c->last = NULL;
    } else if ((v = field(line, "check"))) {
        ex->check = zk_arena_alloc(c->a, sizeof *ex->check);
        if (!ex->check)
            return ZK_ENOMEM;
        ex->check->line = number;
        err = lesson_call_parse(c->a, ex->check, v, c->why, c->why_len);
        c->last = NULL;
    } else if (c->last) {
        /* A continuation line carries on the sentence, unless it is indented
         * or blank: then it starts a new line (the choices of a question). */
        size_t old = strlen(*c->last), add = strlen(line);
        char *joined = zk_arena_alloc(c->a, old + add + 2);
        if (!joined)
            return ZK_ENOMEM;
        memcpy(joined, *c->last, old);
        joined[old] = line[0] == ' ' || line[0] == '\t' || !line[0] ? '\n' : ' ';
        memcpy(joined + old + 1, line, add + 1);
        *c->last = joined;
    } else if (*line) {
        return fail(c->why, c->why_len, number,
                    "expected prompt:, answer:, accept:, reject:, check:, hint: or id:, "
                    "found '%s'", line);
    }
    return err;
}

zk_err lesson_exercise_block_parse(zk_arena *a, lesson_exercise_def *ex, const char *body,
                                   int first_line, char *why, size_t why_len)
{
    exercise_ctx c = {.a = a, .ex = ex, .why = why, .why_len = why_len};
    ex->line = first_line;
    zk_err err = each_line(body, first_line, exercise_line, &c);
    if (err)
        return err;
    if (!ex->prompt)
        return fail(why, why_len, first_line, "exercise has no prompt:");
    if (!ex->nanswers)
        return fail(why, why_len, first_line,
                    "exercise has no answer: (a checker needs one too, to be tested)");
    /* Blank continuation lines at the end of a prompt add nothing. */
    size_t n = strlen(ex->prompt);
    while (n && ex->prompt[n - 1] == '\n')
        ex->prompt[--n] = '\0';
    return ZK_OK;
}
