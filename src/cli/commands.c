/* The program's commands in one list, the dispatcher over it, and the
 * help generated from it: `zkcave help`, `zkcave help CMD...`, `zkcave
 * GROUP help` and `zkcave CMD --help` all read the commands' tables. */
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/bench.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/core.h"
#include "field/field.h"

#define ZKCAVE_VERSION "0.1.0"

int cli_error(int code, const char *fmt, ...)
{
    va_list ap;
    fputs("zkcave: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return code;
}

/* The commands each file defines (cmd_*.c), in help order below. */
extern const cli_cmd cli_cmd_lessons, cli_cmd_check, cli_cmd_check_lessons, cli_cmd_bench,
    cli_cmd_version, cli_cmd_help;
extern const cli_cmd cli_cmd_mnist_train, cli_cmd_mnist_eval, cli_cmd_mnist_calibrate,
    cli_cmd_mnist_quant_table, cli_cmd_mnist_predict, cli_cmd_mnist_prove, cli_cmd_mnist_verify,
    cli_cmd_mnist_settings, cli_cmd_mnist_compile, cli_cmd_mnist_setup, cli_cmd_mnist_witness,
    cli_cmd_mnist_hash;
extern const cli_cmd cli_cmd_circuit_compile, cli_cmd_circuit_witness, cli_cmd_circuit_info;
extern const cli_cmd cli_cmd_ptau_new, cli_cmd_ptau_contribute, cli_cmd_ptau_beacon,
    cli_cmd_ptau_verify, cli_cmd_ptau_prepare, cli_cmd_ptau_prepare_phase2;
extern const cli_cmd cli_cmd_groth16_setup, cli_cmd_groth16_prove, cli_cmd_groth16_verify;
extern const cli_cmd cli_cmd_zkey_contribute, cli_cmd_zkey_beacon, cli_cmd_zkey_verify,
    cli_cmd_zkey_export_vk, cli_cmd_zkey_export_solidityverifier,
    cli_cmd_zkey_export_soliditycalldata, cli_cmd_zkey_export_verificationkey;
extern const cli_cmd cli_cmd_stark_prove, cli_cmd_stark_verify, cli_cmd_stark_airs;

const cli_cmd *const cli_commands[] = {
    &cli_cmd_lessons, &cli_cmd_lesson, &cli_cmd_check, &cli_cmd_check_lessons,
    &cli_cmd_mnist_train, &cli_cmd_mnist_eval, &cli_cmd_mnist_calibrate,
    &cli_cmd_mnist_quant_table, &cli_cmd_mnist_predict, &cli_cmd_mnist_prove,
    &cli_cmd_mnist_verify, &cli_cmd_mnist_settings, &cli_cmd_mnist_compile, &cli_cmd_mnist_setup,
    &cli_cmd_mnist_witness, &cli_cmd_mnist_hash, &cli_cmd_bench,
    &cli_cmd_circuit_compile, &cli_cmd_circuit_witness, &cli_cmd_circuit_info,
    &cli_cmd_ptau_new, &cli_cmd_ptau_contribute, &cli_cmd_ptau_beacon, &cli_cmd_ptau_verify,
    &cli_cmd_ptau_prepare, &cli_cmd_ptau_prepare_phase2,
    &cli_cmd_groth16_setup, &cli_cmd_groth16_prove, &cli_cmd_groth16_verify,
    &cli_cmd_zkey_contribute, &cli_cmd_zkey_beacon, &cli_cmd_zkey_verify, &cli_cmd_zkey_export_vk,
    &cli_cmd_zkey_export_solidityverifier, &cli_cmd_zkey_export_soliditycalldata,
    &cli_cmd_zkey_export_verificationkey,
    &cli_cmd_stark_prove, &cli_cmd_stark_verify, &cli_cmd_stark_airs,
    &cli_cmd_version, &cli_cmd_help, &cli_cmd_workbench,
};
const size_t cli_n_commands = ZK_ARRAY_LEN(cli_commands);

extern const cli_group cli_group_mnist, cli_group_circuit, cli_group_ptau, cli_group_groth16,
    cli_group_zkey, cli_group_stark;

const cli_group *const cli_groups[] = {
    &cli_group_mnist, &cli_group_circuit, &cli_group_ptau, &cli_group_groth16, &cli_group_zkey,
    &cli_group_stark,
};
const size_t cli_n_groups = ZK_ARRAY_LEN(cli_groups);

/* ---- finding a command by its words ---------------------------------------------- */

/* How many words of name argv starts with: all of them, or 0. */
static int words_of(const char *name, int argc, char **argv)
{
    int w = 0;
    for (const char *p = name; *p; w++) {
        size_t n = strcspn(p, " ");
        if (w >= argc || strlen(argv[w]) != n || memcmp(argv[w], p, n) != 0)
            return 0;
        p += n + (p[n] == ' ');
    }
    return w;
}

const cli_cmd *cli_find(int argc, char **argv, int *words)
{
    const cli_cmd *best = NULL;
    *words = 0;
    for (size_t i = 0; i < cli_n_commands; i++) {
        int w = words_of(cli_commands[i]->name, argc, argv);
        if (w > *words && cli_commands[i] != &cli_cmd_workbench) {
            best = cli_commands[i];
            *words = w;
        }
    }
    return best;
}

/* The group (or "zkey export", a group within one) argv's first words
 * name: how many words, 0 when none. */
static int group_words(int argc, char **argv, char *name, size_t len)
{
    int best = 0;
    for (size_t i = 0; i < cli_n_commands; i++) {
        const char *n = cli_commands[i]->name;
        for (const char *sp = strchr(n, ' '); sp; sp = strchr(sp + 1, ' ')) {
            char prefix[64];
            snprintf(prefix, sizeof prefix, "%.*s", (int)(sp - n), n);
            int w = words_of(prefix, argc, argv);
            if (w > best) {
                best = w;
                snprintf(name, len, "%s", prefix);
            }
        }
    }
    return best;
}

/* ---- help ------------------------------------------------------------------------------ */

static const cli_group *group_of(const char *name)
{
    for (size_t i = 0; i < cli_n_groups; i++)
        if (strcmp(cli_groups[i]->name, name) == 0)
            return cli_groups[i];
    return NULL;
}

static bool in_group(const cli_cmd *c, const char *group)
{
    size_t n = strlen(group);
    return strncmp(c->name, group, n) == 0 && c->name[n] == ' ';
}

/* Each command of the group (or sub-group "zkey export"), with its
 * group's head, foot and notes when it is one of cli_groups. */
void cli_group_help(FILE *out, const char *name)
{
    const cli_group *g = group_of(name);
    if (g && g->head)
        fputs(g->head, out);
    for (size_t i = 0; i < cli_n_commands; i++) {
        const cli_cmd *c = cli_commands[i];
        if (!in_group(c, name) || (c->flags & CLI_CMD_HIDDEN))
            continue;
        if (c->heading)
            fprintf(out, "\n%s\n", c->heading);
        cli_help(out, c, 2);
    }
    if (g && g->foot)
        fputs(g->foot, out);
    if (g && g->notes)
        g->notes(out);
}

void cli_usage(FILE *out)
{
    fputs("usage: zkcave [command] [args]\n"
          "\n"
          "With no command, opens the workbench (a terminal of at least 80x24).\n"
          "\n"
          "commands:\n",
          out);
    const char *shown[16];
    size_t n_shown = 0;
    for (size_t i = 0; i < cli_n_commands; i++) {
        const cli_cmd *c = cli_commands[i];
        if (c == &cli_cmd_workbench || (c->flags & CLI_CMD_HIDDEN))
            continue;
        const cli_group *g = NULL;
        for (size_t k = 0; k < cli_n_groups && !g; k++)
            g = in_group(c, cli_groups[k]->name) ? cli_groups[k] : NULL;
        if (!g) {
            cli_help(out, c, 2);
            continue;
        }
        bool seen = false;
        for (size_t k = 0; k < n_shown; k++)
            seen |= shown[k] == g->name;
        if (seen || n_shown == ZK_ARRAY_LEN(shown))
            continue;
        shown[n_shown++] = g->name;
        /* "stark prove|verify|airs ...": the group's next words, once
         * each, or COMMAND when they are many. */
        const char *words[24];
        size_t n_words = 0;
        for (size_t k = i; k < cli_n_commands && n_words < ZK_ARRAY_LEN(words); k++) {
            const cli_cmd *s = cli_commands[k];
            if (!in_group(s, g->name) || (s->flags & CLI_CMD_HIDDEN))
                continue;
            const char *w = s->name + strlen(g->name) + 1;
            size_t len = strcspn(w, " ");
            bool again = false;
            for (size_t m = 0; m < n_words; m++)
                again |= strncmp(words[m], w, len) == 0 && strcspn(words[m], " ") == len;
            if (!again)
                words[n_words++] = w;
        }
        fprintf(out, "  zkcave %s ", g->name);
        for (size_t m = 0; m < n_words && n_words <= 6; m++)
            fprintf(out, "%s%.*s", m ? "|" : "", (int)strcspn(words[m], " "), words[m]);
        fprintf(out, "%s ...\n", n_words <= 6 ? "" : "COMMAND");
        fprintf(out, "      %s (zkcave help %s)\n", g->summary, g->name);
    }
    fputs("\nworkbench options (before the command):\n", out);
    cli_help_opts(out, cli_cmd_workbench.opts, cli_cmd_workbench.n_opts, 2);
    fputs(cli_cmd_workbench.about, out);
}

/* `zkcave help [CMD...]`: the overview, a group's commands or one's. */
static int run_help(void *o, const cli_args *a)
{
    (void)o;
    if (a->npos == 0) {
        cli_usage(stdout);
        return CLI_OK;
    }
    int w;
    char name[64];
    const cli_cmd *c = cli_find(a->npos, a->pos, &w);
    if (c && w == a->npos) {
        cli_help(stdout, c, 0);
        return CLI_OK;
    }
    if (group_words(a->npos, a->pos, name, sizeof name) == a->npos) {
        cli_group_help(stdout, name);
        return CLI_OK;
    }
    return cli_error(CLI_USAGE, "help: no command '%s' (try 'zkcave help')", cli_text(a->pos[0]));
}

const cli_cmd cli_cmd_help = {
    .name = "help", .args = "[COMMAND...]", .max_pos = 3, .run = run_help,
    .summary = "this text, or a command's (also: zkcave COMMAND --help)",
};

/* ---- bench and version ----------------------------------------------------------------- */

/* Benchmark groups, one per layer, in the order `make bench` prints them. */
static const struct {
    const char *name;
    void (*run)(void);
} bench_groups[] = {
    {"field", bench_field},
    {"curve", bench_curve},
    {"pairing", bench_pairing},
    {"poly", bench_poly},
    {"sigma", bench_sigma},
    {"circuit", bench_circuit},
    {"groth16", bench_groth16},
    {"setup", bench_setup},
    {"stark", bench_stark},
    {"mnist", bench_mnist},
    {"zkml", bench_zkml},
};

static void print_bench_groups(FILE *out)
{
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++)
        fprintf(out, "%s%s", i ? ", " : "", bench_groups[i].name);
}

static void bench_notes(FILE *out, int indent)
{
    fprintf(out, "%*sGROUP is one of: ", indent, "");
    print_bench_groups(out);
    fputs(" (default: all)\n", out);
}

static int run_bench(void *o, const cli_args *a)
{
    (void)o;
    const char *only = a->npos ? a->pos[0] : NULL;
    bool found = !only;
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++)
        found |= only && strcmp(only, bench_groups[i].name) == 0;
    if (!found) {
        fprintf(stderr, "zkcave: no benchmark group '%s' (groups: ", cli_text(only));
        print_bench_groups(stderr);
        fputs(")\n", stderr);
        return CLI_USAGE;
    }
    const zk_cpu *cpu = zk_cpu_get();
    printf("cpu: %s (%u threads; bmi2=%d adx=%d avx2=%d avx512f=%d avx512ifma=%d)\n",
           cpu->model, zk_pool_threads(), cpu->bmi2, cpu->adx, cpu->avx2, cpu->avx512f,
           cpu->avx512ifma);
    if (cpu->masked[0])
        printf("masked: %s (ZKCAVE_CPU_MASK)\n", cpu->masked);
    printf("kernels: %s\n", field_kernels());
    /* Timings on a shared machine depend on what else runs: say what did. */
    FILE *lf = fopen("/proc/loadavg", "r");
    double l1, l5, l15;
    if (lf && fscanf(lf, "%lf %lf %lf", &l1, &l5, &l15) == 3)
        printf("load: %.2f %.2f %.2f\n", l1, l5, l15);
    if (lf)
        fclose(lf);
    if (bench_tsc_ghz() > 0)
        printf("tsc: %.3f GHz\n", bench_tsc_ghz());
    fflush(stdout);
    for (size_t i = 0; i < ZK_ARRAY_LEN(bench_groups); i++) {
        if (!only || strcmp(only, bench_groups[i].name) == 0)
            bench_groups[i].run();
    }
    return CLI_OK;
}

const cli_cmd cli_cmd_bench = {
    .name = "bench", .args = "[GROUP]", .max_pos = 1, .run = run_bench,
    .summary = "print benchmark figures, one `name: value unit` a line",
    .notes = bench_notes,
};

static int run_version(void *o, const cli_args *a)
{
    (void)o, (void)a;
    const zk_cpu *cpu = zk_cpu_get();
    printf("zkcave %s\ncpu: %s\n", ZKCAVE_VERSION, cpu->model);
    if (cpu->masked[0])
        printf("masked: %s (ZKCAVE_CPU_MASK)\n", cpu->masked);
    printf("kernels: %s\n", field_kernels());
    return CLI_OK;
}

const cli_cmd cli_cmd_version = {
    .name = "version", .run = run_version,
    .summary = "print the version, CPU and the kernels in use",
};

/* ---- running a command ------------------------------------------------------------------ */

static int run_cmd(const cli_cmd *c, int argc, char **argv)
{
    alignas(max_align_t) unsigned char opts[CLI_OPTS_MAX];
    if (c->opts_size > sizeof opts)
        return cli_error(CLI_USAGE, "%s: its options do not fit (CLI_OPTS_MAX)", c->name);
    memset(opts, 0, sizeof opts);
    if (c->init)
        c->init(opts);
    cli_args a;
    int rc = cli_parse(c, opts, &a, argc, argv);
    if (rc == CLI_HELP) {
        if (c == &cli_cmd_workbench)
            cli_usage(stdout);
        else
            cli_help(stdout, c, 0);
        return CLI_OK;
    }
    return rc ? rc : c->run(opts, &a);
}

int cli_run(int argc, char **argv)
{
    const char *first = argv[0];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0)
        return run_cmd(&cli_cmd_help, argc - 1, argv + 1);
    if (strcmp(first, "--version") == 0)
        return run_cmd(&cli_cmd_version, argc - 1, argv + 1);
    if (strncmp(first, "--", 2) == 0)
        return run_cmd(&cli_cmd_workbench, argc, argv);
    int w;
    const cli_cmd *c = cli_find(argc, argv, &w);
    if (c)
        return run_cmd(c, argc - w, argv + w);
    char group[64];
    int gw = group_words(argc, argv, group, sizeof group);
    if (!gw)
        return cli_error(CLI_USAGE, "unknown command '%s' (try 'zkcave help')", cli_text(first));
    /* `zkcave stark` alone is a usage error; `zkcave stark help` asks. */
    if (gw == argc) {
        cli_group_help(stderr, group);
        return CLI_USAGE;
    }
    const char *next = argv[gw];
    if (!strcmp(next, "help") || !strcmp(next, "--help") || !strcmp(next, "-h")) {
        cli_group_help(stdout, group);
        return CLI_OK;
    }
    return cli_error(CLI_USAGE, "unknown %s command '%s' (try 'zkcave help %s')", group,
                     cli_text(next), group);
}
