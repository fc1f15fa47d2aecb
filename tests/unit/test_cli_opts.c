/* Command options come from one table per command (src/cli/cli_opts.h):
 * every option of every command parses with a sample value and lands in
 * its field, an unknown option is refused with exit 2, the help printed
 * from a table names every option and no option that is not there, and
 * every command line the README and the lessons show parses. */
#include "zk_test.h"

#include <ctype.h>
#include <dirent.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

/* ---- helpers ------------------------------------------------------------------ */

typedef struct opts_buf {
    alignas(max_align_t) unsigned char b[CLI_OPTS_MAX];
} opts_buf;

static void fresh(opts_buf *o, const cli_cmd *c)
{
    memset(o, 0, sizeof *o);
    if (c->init)
        c->init(o->b);
}

static const char *sample(const cli_opt *o, char *buf, size_t n)
{
    switch (o->kind) {
    case CLI_U64:
        snprintf(buf, n, "%llu", (unsigned long long)o->lo);
        return buf;
    case CLI_PARSE:
        return o->sample;
    case CLI_STR:
    case CLI_LIST:
        return "x";
    default:
        return NULL;
    }
}

/* argv for c: every required option but skip with its sample, then the
 * least positional arguments, then extra (its value after it when given). */
static int build(char **argv, char store[][32], const cli_cmd *c, size_t skip, const char *extra,
                 const char *value)
{
    int n = 0;
    for (size_t i = 0; i < c->n_opts; i++) {
        const cli_opt *o = &c->opts[i];
        if (i == skip || !(o->flags & CLI_OPT_REQUIRED))
            continue;
        argv[n] = (char *)o->name;
        argv[n + 1] = (char *)sample(o, store[n + 1], 32);
        n += 2;
    }
    /* Options that stop at the first positional come before it. */
    bool first = c->flags & CLI_CMD_IN_ORDER;
    if (extra && first) {
        argv[n++] = (char *)extra;
        if (value)
            argv[n++] = (char *)value;
    }
    for (int p = 0; p < c->min_pos; p++) {
        snprintf(store[n], 32, "pos%d", p);
        argv[n] = store[n];
        n++;
    }
    if (extra && !first) {
        argv[n++] = (char *)extra;
        if (value)
            argv[n++] = (char *)value;
    }
    argv[n] = NULL;
    return n;
}

/* Whether the value of o (given as v) is in its field of buf. */
static void assert_landed(const cli_opt *o, const opts_buf *buf, const char *v)
{
    const void *dst = buf->b + o->off;
    switch (o->kind) {
    case CLI_FLAG:
        assert_true(*(const bool *)dst);
        break;
    case CLI_SET:
        assert_int_equal(*(const int *)dst, (int)o->lo);
        break;
    case CLI_STR:
        assert_string_equal(*(const char *const *)dst, v);
        break;
    case CLI_U64:
        assert_int_equal(*(const uint64_t *)dst, o->lo);
        break;
    case CLI_LIST:
        assert_int_equal(((const cli_list *)dst)->n, 1);
        assert_string_equal(((const cli_list *)dst)->v[0], v);
        break;
    case CLI_PARSE:
        break;
    }
}

/* ---- every option parses -------------------------------------------------------- */

static void test_every_option_parses(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t k = 0; k < cli_n_commands; k++) {
        const cli_cmd *c = cli_commands[k];
        assert_true(c->opts_size <= CLI_OPTS_MAX);
        assert_true(c->n_opts <= 64);
        assert_true(c->min_pos <= c->max_pos);
        assert_non_null(c->run);
        assert_non_null(c->summary);
        for (size_t i = 0; i < c->n_opts; i++) {
            const cli_opt *o = &c->opts[i];
            assert_non_null(o->help);
            assert_true(o->off < c->opts_size);
            assert_true((o->arg != NULL) == (o->kind != CLI_FLAG && o->kind != CLI_SET));
            if (o->kind == CLI_PARSE)
                assert_true(o->parse && o->sample);
            char sbuf[32], store[24][32], joined[128];
            const char *v = sample(o, sbuf, sizeof sbuf);
            const char *spellings[2] = {o->name, o->alias};
            for (int s = 0; s < 2 && spellings[s]; s++) {
                /* "--name value", and "--name=value" for an option with a value. */
                for (int eq = 0; eq < (v ? 2 : 1); eq++) {
                    char *argv[32];
                    snprintf(joined, sizeof joined, "%s=%s", spellings[s], v ? v : "");
                    int argc = build(argv, store, c, i, eq ? joined : spellings[s], eq ? NULL : v);
                    opts_buf buf;
                    fresh(&buf, c);
                    cli_args a;
                    int rc = cli_parse(c, buf.b, &a, argc, argv);
                    if (rc != CLI_OK)
                        fail_msg("zkcave %s: %s %s does not parse", c->name, spellings[s],
                                 v ? v : "");
                    assert_true(cli_given(c, &a, o->name));
                    assert_int_equal(a.npos, c->min_pos);
                    assert_landed(o, &buf, v);
                    checked++;
                }
            }
        }
    }
    assert_true(checked > 100);
}

/* ---- bad usage is refused ------------------------------------------------------------- */

static void test_unknown_option_refused(void **state)
{
    (void)state;
    for (size_t k = 0; k < cli_n_commands; k++) {
        const cli_cmd *c = cli_commands[k];
        char store[24][32], *argv[32];
        opts_buf buf;
        cli_args a;
        /* What the table takes parses... */
        int argc = build(argv, store, c, SIZE_MAX, NULL, NULL);
        fresh(&buf, c);
        assert_int_equal(cli_parse(c, buf.b, &a, argc, argv), CLI_OK);
        /* ...an option it does not name is refused, and so is a value for
         * a flag, a missing value and a positional too many. */
        argc = build(argv, store, c, SIZE_MAX, "--no-such-option", NULL);
        fresh(&buf, c);
        assert_int_equal(cli_parse(c, buf.b, &a, argc, argv), CLI_USAGE);
        for (size_t i = 0; i < c->n_opts; i++) {
            const cli_opt *o = &c->opts[i];
            char flagval[64];
            snprintf(flagval, sizeof flagval, "%s=1", o->name);
            bool flag = o->kind == CLI_FLAG || o->kind == CLI_SET;
            argc = build(argv, store, c, i, flag ? flagval : o->name, NULL);
            if (!flag && !(c->flags & CLI_CMD_IN_ORDER)) {
                fresh(&buf, c);
                assert_int_equal(cli_parse(c, buf.b, &a, argc, argv), CLI_USAGE);
            } else if (flag) {
                fresh(&buf, c);
                assert_int_equal(cli_parse(c, buf.b, &a, argc, argv), CLI_USAGE);
            }
            if (o->flags & CLI_OPT_REQUIRED) {
                argc = build(argv, store, c, i, NULL, NULL);
                fresh(&buf, c);
                assert_int_equal(cli_parse(c, buf.b, &a, argc, argv), CLI_USAGE);
            }
        }
        if (c->max_pos < 8) {
            argc = build(argv, store, c, SIZE_MAX, NULL, NULL);
            for (int p = c->min_pos; p <= c->max_pos; p++)
                argv[argc++] = (char *)"more";
            fresh(&buf, c);
            assert_int_equal(cli_parse(c, buf.b, &a, argc, argv), CLI_USAGE);
        }
        /* Through the program's dispatcher: the words, then the bad option
         * (nothing runs: the table refuses it first). */
        if (c != &cli_cmd_workbench) {
            char name[64], *words[40];
            snprintf(name, sizeof name, "%s", c->name);
            int n = 0;
            for (char *w = strtok(name, " "); w; w = strtok(NULL, " "))
                words[n++] = w;
            argc = build(argv, store, c, SIZE_MAX, "--no-such-option", NULL);
            memcpy(words + n, argv, (size_t)(argc + 1) * sizeof *argv);
            assert_int_equal(cli_run(n + argc, words), CLI_USAGE);
        }
    }
    char *bad[] = {(char *)"--no-such-option", NULL};
    assert_int_equal(cli_run(1, bad), CLI_USAGE);
    char *stark[] = {(char *)"stark", (char *)"no-such-command", NULL};
    assert_int_equal(cli_run(2, stark), CLI_USAGE);
}

static void test_numbers(void **state)
{
    (void)state;
    uint64_t v = 7;
    assert_true(cli_parse_u64("0", 0, 10, &v) && v == 0);
    assert_true(cli_parse_u64("0x1f", 0, 100, &v) && v == 31);
    assert_true(cli_parse_u64("18446744073709551615", 0, UINT64_MAX, &v) && v == UINT64_MAX);
    /* Not numbers, out of range, or what strtoull alone would misread. */
    const char *bad[] = {"", "-1", "+1", " 1", "1 ", "0x", "1e3", "18446744073709551616", "11",
                         "abc"};
    for (size_t i = 0; i < ZK_ARRAY_LEN(bad); i++)
        assert_false(cli_parse_u64(bad[i], 0, 10, &v));
    assert_true(cli_parse_u64("010", 0, 10, &v) && v == 10); /* decimal, not octal */
}

/* ---- help and table cannot drift --------------------------------------------------- */

/* Whether tok names an option of c. */
static bool has_opt(const cli_cmd *c, const char *tok)
{
    for (size_t i = 0; i < c->n_opts; i++)
        if (strcmp(c->opts[i].name, tok) == 0 ||
            (c->opts[i].alias && !strcmp(c->opts[i].alias, tok)))
            return true;
    return false;
}

/* Whether tok names an option of a command whose name starts with prefix
 * ("" for any; the workbench's too). */
static bool some_has_opt(const char *prefix, const char *tok)
{
    for (size_t k = 0; k < cli_n_commands; k++)
        if (strncmp(cli_commands[k]->name, prefix, strlen(prefix)) == 0 &&
            has_opt(cli_commands[k], tok))
            return true;
    return strcmp(tok, "--help") == 0 || strcmp(tok, "-h") == 0;
}

/* Every word of text that looks like an option ("-o", "--min-bits",
 * "--blowup/--queries"; only long ones when !single: in prose, -x is
 * mathematics) names one that prefix's commands take. */
static void assert_options_exist(const char *text, const char *prefix, const char *where,
                                 bool single)
{
    for (const char *p = text; *p; p++) {
        if (*p != '-' || (!single && p[1] != '-') ||
            (p > text &&
             (isalnum((unsigned char)p[-1]) || p[-1] == '-' || p[-1] == '_' || p[-1] == '^')))
            continue;
        const char *q = p + (p[1] == '-' ? 2 : 1);
        if (!isalpha((unsigned char)*q))
            continue;
        size_t n = strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
        char tok[64];
        snprintf(tok, sizeof tok, "%.*s", (int)(q + n - p), p);
        while (tok[strlen(tok) - 1] == '-')
            tok[strlen(tok) - 1] = '\0';
        if (!some_has_opt(prefix, tok))
            fail_msg("%s names %s, which no table of '%s' has", where, tok, prefix);
        p = q + n - 1;
    }
}

static char *capture(void (*fn)(FILE *out, const void *arg), const void *arg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    fn(f, arg);
    fclose(f);
    return text;
}

static void help_of(FILE *out, const void *c)
{
    cli_help(out, c, 0);
}

static void group_of(FILE *out, const void *g)
{
    cli_group_help(out, ((const cli_group *)g)->name);
}

static void usage_of(FILE *out, const void *unused)
{
    (void)unused;
    cli_usage(out);
}

static void test_help_from_table(void **state)
{
    (void)state;
    for (size_t k = 0; k < cli_n_commands; k++) {
        const cli_cmd *c = cli_commands[k];
        char *help = capture(help_of, c);
        for (size_t i = 0; i < c->n_opts; i++) {
            const cli_opt *o = &c->opts[i];
            char label[96];
            snprintf(label, sizeof label, "%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
            if (!strstr(help, label))
                fail_msg("zkcave help %s does not show %s", c->name, label);
            if (o->alias && !strstr(help, o->alias))
                fail_msg("zkcave help %s does not show %s", c->name, o->alias);
        }
        char where[80];
        snprintf(where, sizeof where, "zkcave help %s", c->name);
        /* A command's text may name its group's options (stark verify's
         * --min-bits in stark prove's --steps). */
        char group[64];
        snprintf(group, sizeof group, "%.*s", (int)strcspn(c->name, " "), c->name);
        assert_options_exist(help, strchr(c->name, ' ') ? group : c->name, where, true);
        free(help);
    }
    for (size_t g = 0; g < cli_n_groups; g++) {
        char *help = capture(group_of, cli_groups[g]);
        assert_true(strlen(help) > 100);
        assert_options_exist(help, cli_groups[g]->name, cli_groups[g]->name, true);
        free(help);
    }
    char *usage = capture(usage_of, NULL);
    assert_options_exist(usage, "", "zkcave help", true);
    for (size_t i = 0; i < cli_cmd_workbench.n_opts; i++)
        assert_non_null(strstr(usage, cli_cmd_workbench.opts[i].name));
    free(usage);
}

/* ---- the README and the lessons against the tables ------------------------------- */

/* Splits line into words as a shell would for these examples ("quoted
 * words", a '#' comment ending it); returns how many. */
static int split(char *line, char **w, int max)
{
    int n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        if (!*p || *p == '#')
            break;
        char quote = *p == '"' || *p == '\'' ? *p : 0;
        if (quote)
            p++;
        w[n++] = p;
        while (*p && (quote ? *p != quote : *p != ' '))
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

/* One example: a full command line from a code block must parse; a span
 * in the text (which may leave out arguments) must name only options its
 * command has. */
static void check_example(const char *file, int lineno, char *cmd, bool full)
{
    char *w[64];
    int n = split(cmd, w, 64);
    if (n == 0)
        return;
    int words = 0;
    const cli_cmd *c = w[0][0] == '-' ? &cli_cmd_workbench : cli_find(n, w, &words);
    if (!c)
        return; /* a group alone, or prose */
    opts_buf buf;
    fresh(&buf, c);
    cli_args a;
    if (full) {
        if (cli_parse(c, buf.b, &a, n - words, w + words) != CLI_OK)
            fail_msg("%s:%d: 'zkcave %s ...' does not parse", file, lineno, c->name);
        return;
    }
    for (int i = words; i < n; i++)
        if (w[i][0] == '-' && w[i][1] && !has_opt(c, w[i]) && !strchr(w[i], '='))
            fail_msg("%s:%d: zkcave %s has no option %s", file, lineno, c->name, w[i]);
}

static void check_markdown(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s", path);
    char line[4096];
    bool code = false;
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "```", 3) == 0) {
            code = !code;
            continue;
        }
        const char *t = line + strspn(line, " ");
        if (code && (!strncmp(t, "./zkcave ", 9) || !strncmp(t, "zkcave ", 7))) {
            char copy[4096];
            snprintf(copy, sizeof copy, "%s", strchr(t, ' ') + 1);
            check_example(path, lineno, copy, true);
            continue;
        }
        /* `zkcave CMD ...` spans on one line of text. */
        for (char *s = strchr(line, '`'); s; s = strchr(s + 1, '`')) {
            char *e = strchr(s + 1, '`');
            if (!e)
                break;
            char span[1024];
            snprintf(span, sizeof span, "%.*s", (int)(e - s - 1), s + 1);
            const char *sp = !strncmp(span, "./zkcave ", 9) ? span + 9
                             : !strncmp(span, "zkcave ", 7) ? span + 7 : NULL;
            if (sp) {
                char copy[1024];
                snprintf(copy, sizeof copy, "%s", sp);
                check_example(path, lineno, copy, false);
            }
            s = e;
        }
        /* Every --option the text names is some command's. */
        if (!code)
            assert_options_exist(line, "", path, false);
    }
    fclose(f);
}

static void test_readme_and_lessons(void **state)
{
    (void)state;
    check_markdown("README.md");
    DIR *d = opendir("lessons");
    assert_non_null(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 4 || strcmp(e->d_name + l - 3, ".md") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "lessons/%s", e->d_name);
        check_markdown(path);
        n++;
    }
    closedir(d);
    assert_true(n >= 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_option_parses),
        cmocka_unit_test(test_unknown_option_refused),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_help_from_table),
        cmocka_unit_test(test_readme_and_lessons),
    };
    return ZK_RUN_TESTS(tests);
}
