/* The one walker over a command's option table (cli_opts.h): parsing,
 * the usage line and the help, all read from the same rows. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_opts.h"

bool cli_parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    /* strtoull alone takes " 12", "+12", "-1" (as 2^64 - 1) and "012" as
     * octal: only digits, or 0x and hex digits, reach it here. */
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char *d = hex ? s + 2 : s;
    if (!*d || strspn(d, hex ? "0123456789abcdefABCDEF" : "0123456789") != strlen(d))
        return false;
    errno = 0;
    unsigned long long v = strtoull(d, NULL, hex ? 16 : 10);
    if (errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static bool takes_value(const cli_opt *o)
{
    return o->kind != CLI_FLAG && o->kind != CLI_SET;
}

void cli_put_lines(FILE *out, const char *text, int indent)
{
    while (text && *text) {
        size_t n = strcspn(text, "\n");
        fprintf(out, "%*s%.*s\n", indent, "", (int)n, text);
        text += n + (text[n] == '\n');
    }
}

void cli_usage_line(FILE *out, const cli_cmd *c)
{
    bool optional = false;
    for (size_t i = 0; i < c->n_opts; i++)
        optional |= !(c->opts[i].flags & CLI_OPT_REQUIRED);
    /* Options that end at the first argument come before it. */
    bool first = c->flags & CLI_CMD_IN_ORDER;
    fprintf(out, "zkcave%s%s%s", *c->name ? " " : "", c->name,
            first && optional ? " [options]" : "");
    if (c->args)
        fprintf(out, " %s", c->args);
    for (size_t i = 0; i < c->n_opts; i++) {
        const cli_opt *o = &c->opts[i];
        if (o->flags & CLI_OPT_REQUIRED)
            fprintf(out, " %s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    }
    if (optional && !first)
        fputs(" [options]", out);
}

void cli_help_opts(FILE *out, const cli_opt *opts, size_t n, int indent)
{
    enum { COLUMN = 22 };
    for (size_t i = 0; i < n; i++) {
        const cli_opt *o = &opts[i];
        char label[80];
        snprintf(label, sizeof label, "%s%s%s%s%s", o->alias ? o->alias : "",
                 o->alias ? ", " : "", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        int len = (int)strlen(label);
        const char *h = o->help;
        size_t first = strcspn(h, "\n");
        if (len + 1 < COLUMN)
            fprintf(out, "%*s%-*s%.*s\n", indent, "", COLUMN, label, (int)first, h);
        else
            fprintf(out, "%*s%s\n%*s%.*s\n", indent, "", label, indent + COLUMN, "", (int)first, h);
        if (h[first])
            cli_put_lines(out, h + first + 1, indent + COLUMN);
    }
}

void cli_help(FILE *out, const cli_cmd *c, int indent)
{
    fprintf(out, "%*s", indent, "");
    cli_usage_line(out, c);
    fputc('\n', out);
    cli_put_lines(out, c->summary, indent + 4);
    cli_put_lines(out, c->about, indent + 4);
    if (c->notes)
        c->notes(out, indent + 4);
    cli_help_opts(out, c->opts, c->n_opts, indent + 2);
}

/* One line: "zkcave: CMD: what; usage: zkcave CMD ...". */
static int usage_error(const cli_cmd *c, const char *fmt, ...)
{
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    fprintf(stderr, "zkcave: %s%s%s; usage: ", c->name, *c->name ? ": " : "", what);
    cli_usage_line(stderr, c);
    fprintf(stderr, " (more: zkcave help%s%s)\n", *c->name ? " " : "", c->name);
    return CLI_USAGE;
}

/* The row arg names ("--name", "-n", or either before '=' when it takes a
 * value), with *val pointing after the '='; NULL when none does. */
static const cli_opt *find(const cli_cmd *c, const char *arg, const char **val, size_t *idx)
{
    *val = NULL;
    size_t eq = strcspn(arg, "=");
    for (size_t i = 0; i < c->n_opts; i++) {
        const cli_opt *o = &c->opts[i];
        const char *names[2] = {o->name, o->alias};
        for (int k = 0; k < 2; k++) {
            if (!names[k])
                continue;
            size_t l = strlen(names[k]);
            if (strncmp(arg, names[k], l) != 0 || (arg[l] && (arg[l] != '=' || eq != l)))
                continue;
            *val = arg[l] == '=' ? arg + l + 1 : NULL;
            *idx = i;
            return o;
        }
    }
    return NULL;
}

static int take(const cli_cmd *c, const cli_opt *o, void *opts, const char *v)
{
    void *dst = (char *)opts + o->off;
    switch (o->kind) {
    case CLI_FLAG:
        *(bool *)dst = true;
        return CLI_OK;
    case CLI_SET:
        *(int *)dst = (int)o->lo;
        return CLI_OK;
    case CLI_STR:
        if ((o->flags & CLI_OPT_NONEMPTY) && !*v)
            return usage_error(c, "%s needs %s, not ''", o->name, o->arg);
        *(const char **)dst = v;
        return CLI_OK;
    case CLI_U64:
        if (cli_parse_u64(v, o->lo, o->hi, dst))
            return CLI_OK;
        if (o->hi == UINT64_MAX && o->lo <= 1)
            return usage_error(c, "%s takes a %swhole number, not '%s'", o->name,
                               o->lo ? "positive " : "", cli_text(v));
        if (o->hi == UINT64_MAX)
            return usage_error(c, "%s takes a whole number from %llu, not '%s'", o->name,
                               (unsigned long long)o->lo, cli_text(v));
        return usage_error(c, "%s takes a whole number from %llu to %llu, not '%s'", o->name,
                           (unsigned long long)o->lo, (unsigned long long)o->hi, cli_text(v));
    case CLI_LIST: {
        cli_list *l = dst;
        if (l->n == CLI_LIST_MAX)
            return usage_error(c, "%s is given more than %d times", o->name, CLI_LIST_MAX);
        l->v[l->n++] = v;
        return CLI_OK;
    }
    case CLI_PARSE: {
        const char *want = o->parse(dst, v);
        return want ? usage_error(c, "%s wants %s, not '%s'", o->name, want, cli_text(v)) : CLI_OK;
    }
    }
    return CLI_USAGE;
}

int cli_parse(const cli_cmd *c, void *opts, cli_args *a, int argc, char **argv)
{
    a->npos = 0;
    a->pos = argv;
    a->seen = 0;
    bool options = true;
    /* Positional arguments are gathered at the front of argv, in order. */
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!options || arg[0] != '-' || !arg[1]) {
            argv[a->npos++] = argv[i];
            if (c->flags & CLI_CMD_IN_ORDER)
                options = false;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            options = false;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            return CLI_HELP;
        const char *v;
        size_t idx;
        const cli_opt *o = find(c, arg, &v, &idx);
        if (!o)
            return usage_error(c, "unknown option '%s'", cli_text(arg));
        if (v && !takes_value(o))
            return usage_error(c, "%s takes no value", o->name);
        if (!v && takes_value(o)) {
            if (i + 1 >= argc)
                return usage_error(c, "%s needs a value, %s", o->name, o->arg);
            v = argv[++i];
        }
        int rc = take(c, o, opts, v);
        if (rc)
            return rc;
        a->seen |= (uint64_t)1 << idx;
    }
    for (size_t i = 0; i < c->n_opts; i++)
        if ((c->opts[i].flags & CLI_OPT_REQUIRED) && !(a->seen >> i & 1))
            return usage_error(c, "%s %s is needed", c->opts[i].name, c->opts[i].arg);
    if (a->npos < c->min_pos)
        return usage_error(c, "%s", a->npos ? "too few arguments" : "arguments are missing");
    if (a->npos > c->max_pos)
        return usage_error(c, "unexpected '%s'", cli_text(a->pos[c->max_pos]));
    return CLI_OK;
}

bool cli_given(const cli_cmd *c, const cli_args *a, const char *name)
{
    for (size_t i = 0; i < c->n_opts; i++)
        if (strcmp(c->opts[i].name, name) == 0)
            return a->seen >> i & 1;
    return false;
}
