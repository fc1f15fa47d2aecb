/* `zkcave mnist settings | compile | setup | witness | prove | verify`: the
 * zkML workflow with EZKL's step names and snarkjs's files, over
 * zkml/pipeline.h (cmd_mnist_zk.c, cmd_mnist_prove.c). */
#ifndef ZK_CLI_CMD_MNIST_ZK_H
#define ZK_CLI_CMD_MNIST_ZK_H

#include <stdio.h>

#include "core/event.h"
#include "core/file.h"
#include "zkml/pipeline.h"

/* Runs sub-command sub with the arguments after it; -1 when sub is not one
 * of the workflow's. */
int cmd_mnist_zk(const char *sub, int argc, char **argv);
/* The workflow's part of `zkcave mnist help`. */
void cmd_mnist_zk_usage(FILE *out);

/* ---- shared by the two files ---- */

/* The options every step takes: -o, --model, --settings, -q (removed from
 * argv). */
typedef struct mnist_zk_opts {
    const char *out, *model, *settings;
    bool quiet;
} mnist_zk_opts;

void mnist_zk_opts_take(mnist_zk_opts *o, int *argc, char **argv);

/* The start of a command on one image: its files checked, the PNG read
 * into img, the model (mnist_zk_model), and no output the model or the
 * settings file (mnist_zk_files_check). An exit code, or CLI_OK. */
int mnist_zk_start(zkml_model *m, uint8_t img[NN_PIXELS], const char *cmd, const char *png,
                   const zk_file_arg *files, size_t n_files, const mnist_zk_opts *o);

/* cli_files_check over files and the model and settings that were read
 * (mnist_zk_model's paths): an output may overwrite none of them. */
int mnist_zk_files_check(const char *cmd, const zk_file_arg *files, size_t n_files,
                         const char *model_path, const char *settings_path);

/* The model (--model FILE or the shipped one) and the settings (--settings
 * FILE, or the positional path when given, or the shipped ones) as a
 * zkml_model; prints why and returns CLI_USAGE when one cannot be used.
 * model_path, settings_path (4096 bytes each, may be NULL) receive what
 * was read. */
int mnist_zk_model(zkml_model *m, const char *cmd, const char *model_opt, const char *settings_opt,
                   char *model_path, char *settings_path);

/* The workflow's progress on stderr: one bar per phase (compile, setup,
 * witness, prove and its MSMs) with the time left, and each phase's time
 * when it ends; quiet prints only the notes (a pinned key replaced). */
typedef struct mnist_progress {
    bool quiet, tty;
    const char *top;           /* the pipeline phase under way */
    double t_top;
    const char *sub;           /* the engine phase whose progress is shown */
    double t_sub;
    uint64_t last_done;
    int last_pct;
    double last_draw;
} mnist_progress;

void mnist_progress_init(mnist_progress *p, bool quiet);
bool mnist_progress_event(void *user, const zk_event *ev);

/* The class, the logits as numbers and integers, on stdout. */
void mnist_print_statement(const zkml_public *p, const zkml_model *m);

#endif
