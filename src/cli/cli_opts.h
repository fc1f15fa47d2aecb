/* Commands and their options, each declared once in a table that both
 * parses argv and prints the command's help, so the two cannot drift.
 *
 * A command is a cli_cmd: its name ("stark prove"), its positional
 * arguments, a table of cli_opt and the function that runs it. An option
 * names its spellings, its argument, its help line and where its value
 * goes: an offset into the command's own options struct (offsetof), which
 * cli_parse fills before run is called.
 *
 * The walker's rules, the same for every command: options and positional
 * arguments mix in any order (CLI_CMD_IN_ORDER: options stop at the first
 * positional); an option's value is the next argument, whatever it starts
 * with, or follows '=' (--name=alice, snarkjs's style); "--" ends the
 * options; -h or --help prints the help. Anything else starting with '-'
 * (but "-" alone) is an unknown option: one line naming it and the
 * command's usage line, exit 2. */
#ifndef ZK_CLI_CLI_OPTS_H
#define ZK_CLI_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum cli_opt_kind {
    CLI_FLAG,    /* bool = true */
    CLI_SET,     /* int = lo: one of several spellings of one choice (--O0 --O1 --O2) */
    CLI_STR,     /* const char * = the value */
    CLI_U64,     /* uint64_t = a whole number (decimal or 0x hex) from lo to hi */
    CLI_LIST,    /* cli_list: the value appended (the option may repeat) */
    CLI_PARSE,   /* parse(dst, value): NULL when taken, else what it wants */
} cli_opt_kind;

enum {
    CLI_OPT_REQUIRED = 1, /* the command refuses to run without it */
    CLI_OPT_NONEMPTY = 2, /* CLI_STR: "" is refused */
};

/* Where CLI_LIST values go. */
#define CLI_LIST_MAX 30
typedef struct cli_list {
    const char *v[CLI_LIST_MAX];
    size_t n;
} cli_list;

typedef struct cli_opt {
    const char *name;   /* "--steps" */
    const char *alias;  /* "-n", or NULL */
    cli_opt_kind kind;
    const char *arg;    /* the value's name in the help ("N", "FILE"); NULL for flags */
    size_t off;         /* offsetof the field in the command's options */
    uint64_t lo, hi;    /* CLI_U64's range; CLI_SET's value in lo */
    unsigned flags;     /* CLI_OPT_* */
    const char *help;   /* its help; '\n' starts a continuation line */
    const char *(*parse)(void *dst, const char *v); /* CLI_PARSE */
    const char *sample; /* CLI_PARSE: a value it takes (tests/unit/test_cli_opts.c) */
} cli_opt;

/* What cli_parse found besides the options: the positional arguments and
 * which options were given (bit i: opts[i]). */
typedef struct cli_args {
    int npos;
    char **pos;
    uint64_t seen;
} cli_args;

enum {
    CLI_CMD_IN_ORDER = 1, /* options end at the first positional argument */
    CLI_CMD_HIDDEN = 2,   /* another spelling of a command (snarkjs's): not in the help */
};

/* The largest options struct a command may have (cli_run keeps it on the
 * stack). */
#define CLI_OPTS_MAX 512

typedef struct cli_cmd {
    const char *name;      /* the words after zkcave: "stark prove" */
    const char *args;      /* the positional arguments for the usage line, or NULL */
    int min_pos, max_pos;
    const cli_opt *opts;
    size_t n_opts;
    size_t opts_size;      /* sizeof the options struct */
    void (*init)(void *o); /* defaults before parsing (the struct starts zeroed), or NULL */
    int (*run)(void *o, const cli_args *a);
    const char *summary;   /* one line under the usage line */
    const char *about;     /* more lines, or NULL */
    const char *heading;   /* a line printed above it in its group's help, or NULL */
    void (*notes)(FILE *out, int indent); /* lines after about made at run time, or NULL */
    unsigned flags;        /* CLI_CMD_* */
} cli_cmd;

/* A group of commands sharing a first word ("stark"): its help is the
 * head, each command's help, the foot and notes(out). */
typedef struct cli_group {
    const char *name;
    const char *summary;
    const char *head, *foot;
    void (*notes)(FILE *out);
} cli_group;

#define CLI_OPTS(table) table, sizeof table / sizeof table[0]

/* The first fields of a cli_cmd with a table: `const cli_cmd c = {CLI_CMD(...),
 * .summary = ...};`, its positional arguments from min to max, its options
 * table and their struct's type. */
#define CLI_CMD(cmd_name, pos_args, min, max, fn, table, type)                            \
    .name = cmd_name, .args = pos_args, .min_pos = min, .max_pos = max, .run = fn,       \
    .opts = CLI_OPTS(table), .opts_size = sizeof(type)

/* Parses argv (the arguments after the command's name) into o (opts_size
 * bytes, already initialised) and a. CLI_OK; CLI_USAGE after one line on
 * stderr; or CLI_HELP when -h or --help asked for the help (not printed). */
enum { CLI_HELP = 3 };
int cli_parse(const cli_cmd *c, void *o, cli_args *a, int argc, char **argv);

/* Whether option name (its long spelling) was given. */
bool cli_given(const cli_cmd *c, const cli_args *a, const char *name);

/* "zkcave NAME ARGS -o FILE [options]": the required options spelt out. */
void cli_usage_line(FILE *out, const cli_cmd *c);
/* The usage line, the summary and about, and one line (or more) per
 * option, as `zkcave help NAME` prints them; indent spaces before each. */
void cli_help(FILE *out, const cli_cmd *c, int indent);
/* text's lines, each after indent spaces. */
void cli_put_lines(FILE *out, const char *text, int indent);
/* The options' part of cli_help alone. */
void cli_help_opts(FILE *out, const cli_opt *opts, size_t n, int indent);

/* A whole number from lo to hi, decimal or 0x hex, nothing else. */
bool cli_parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

#endif
