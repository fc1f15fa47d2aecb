/* What the commands of the zkcave program share: exit codes, the one-line
 * error, text from files and the files a command writes. A command returns
 * the process exit code: 0 done/valid, 1 invalid proof or failed check, 2
 * bad usage or unreadable input (the commands: cli/commands.h). */
#ifndef ZK_CLI_CLI_H
#define ZK_CLI_CLI_H

#include "cli/cli_opts.h"
#include "core/file.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* cnn-conv1's AIR for one digit (digit NULL: the shipped 7), from the
 * shipped model and settings (cmd_stark_cnn.c): CLI_OK, or the error's
 * exit code after its line. */
struct stark_air;
int cli_stark_cnn_conv1(struct stark_air *a, const char *digit, uint64_t channels);
/* model-hash's and model-commit's AIRs for the shipped model's commitment
 * (cmd_stark_hash.c). */
int cli_stark_model_hash(struct stark_air *a);
int cli_stark_model_commit(struct stark_air *a);
/* The whole CNN's AIR (cnn) for one digit, the same way. */
int cli_stark_cnn(struct stark_air *a, const char *digit);
/* What they start from: the shipped model quantized with the shipped
 * settings (into *s), cmd_stark_hash.c; CLI_OK, or the error's exit code
 * after its line naming the AIR. */
struct nn_qmodel;
struct zkml_settings;
int cli_stark_shipped(struct nn_qmodel **qm, struct zkml_settings *s, const char *air);

/* Prints "zkcave: <message>" on stderr (one line) and returns code. */
int cli_error(int code, const char *fmt, ...);

/* ---- text from files (cli_text.c) ---- */

/* s with every byte a terminal could act on escaped (core/text.h), in one of
 * four static buffers that later calls reuse: for a printf argument. Text
 * beyond about 1 KB is cut. */
const char *cli_text(const char *s);

/* ---- files (cli_files.c) ---- */

/* "cmd: cannot read PATH: reason" (or "write") for a file error, naming the
 * file that failed, the system's reason and whether it was read or written
 * as core/file recorded them when err came from there, else path, writing
 * and why (zk_file_why(err) when NULL). Returns CLI_USAGE. */
int cli_file_error(const char *cmd, bool writing, const char *path, zk_err err, const char *why);
/* Before a command works: refuses (one line naming both, CLI_USAGE) an
 * output that is the same file as an input or another output, or that
 * cannot be a file (zk_file_args_check). */
int cli_files_check(const char *cmd, const zk_file_arg *args, size_t n);
/* cli_files_check, then opens the command's outputs so that they appear
 * together or not at all; every command that writes files starts so. */
int cli_outputs_begin(const char *cmd, const zk_file_arg *args, size_t n);
/* After it: publishes the outputs when rc is CLI_OK, else removes them.
 * Returns rc, or CLI_USAGE with one line when publishing failed. */
int cli_outputs_end(const char *cmd, int rc);

#endif
