/* Every command of the zkcave program, in the order `zkcave help` lists
 * them, and the one dispatcher that finds a command by its words, parses
 * its options from its table (cli/cli_opts.h) and runs it. */
#ifndef ZK_CLI_COMMANDS_H
#define ZK_CLI_COMMANDS_H

#include "cli/cli_opts.h"

/* The commands in help order (cli_commands[0 .. cli_n_commands)). */
extern const cli_cmd *const cli_commands[];
extern const size_t cli_n_commands;

/* The workbench's own options, before the command (cmd_lesson.c). */
extern const cli_cmd cli_cmd_workbench;
/* `lesson N [--restart]`, which the workbench's options may precede. */
extern const cli_cmd cli_cmd_lesson;

extern const cli_group *const cli_groups[];
extern const size_t cli_n_groups;

/* Runs `zkcave ARGV...` (argc >= 1, the program's name left out): the
 * command's exit code (cli.h), help on stdout for `help ...`, --help or
 * -h, a one-line usage error (exit 2) for anything it does not know. */
int cli_run(int argc, char **argv);

/* `zkcave help`: the commands, the workbench's options, the environment. */
void cli_usage(FILE *out);
/* `zkcave help GROUP`: each command of the group ("stark", "zkey export"). */
void cli_group_help(FILE *out, const char *group);

/* The command named by the first words of argv (*words of them), or NULL. */
const cli_cmd *cli_find(int argc, char **argv, int *words);

#endif
