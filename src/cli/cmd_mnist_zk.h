/* `zkcave mnist settings | compile | setup | witness | prove | verify`: the
 * zkML workflow with EZKL's step names and snarkjs's files, over
 * zkml/pipeline.h (cmd_mnist_zk.c, cmd_mnist_prove.c). */
#ifndef ZK_CLI_CMD_MNIST_ZK_H
#define ZK_CLI_CMD_MNIST_ZK_H

#include <stddef.h>
#include <stdio.h>

#include "cli/cli_opts.h"
#include "core/event.h"
#include "core/file.h"
#include "zkml/pipeline.h"

/* ---- shared by the two files ---- */

/* The options of the workflow's steps; each step's table (cli/cli_opts.h)
 * names the ones it takes, from the rows below. */
typedef struct cli_mnist_zk_opts {
    const char *out, *model, *settings;
    const char *ptau, *model_hash, *vk;                    /* setup; verify */
    const char *from, *visibility, *layout, *first_layer;  /* settings */
    const char *backend;                                   /* prove: groth16 or stark */
    bool quiet;
} cli_mnist_zk_opts;

#define CLI_MNIST_ZK_OPT(name, kind, arg, field, help) \
    {name, NULL, kind, arg, offsetof(cli_mnist_zk_opts, field), 0, 0, 0, help, NULL, NULL}
#define CLI_MNIST_ZK_OPT_MODEL \
    CLI_MNIST_ZK_OPT("--model", CLI_STR, "FILE", model, "the model's weights (default the shipped)")
#define CLI_MNIST_ZK_OPT_SETTINGS \
    CLI_MNIST_ZK_OPT("--settings", CLI_STR, "FILE", settings, "the settings (default the shipped)")
#define CLI_MNIST_ZK_OPT_QUIET \
    CLI_MNIST_ZK_OPT("-q", CLI_FLAG, NULL, quiet, "no progress on stderr")

/* A step's cli_cmd: "mnist " sub, its table, n positional arguments. */
#define CLI_MNIST_ZK_CMD(sub, pos_args, min, max, fn, table, text) \
    {CLI_CMD("mnist " sub, pos_args, min, max, fn, table, cli_mnist_zk_opts), .summary = text}

/* The start of a command on one image: its files checked, the PNG read
 * into img, the model (cli_mnist_zk_model), and no output the model or the
 * settings file (cli_mnist_zk_files_check). An exit code, or CLI_OK. */
int cli_mnist_zk_start(zkml_model *m, uint8_t img[NN_PIXELS], const char *cmd, const char *png,
                       const zk_file_arg *files, size_t n_files, const cli_mnist_zk_opts *o);

/* cli_files_check over files and the model and settings that were read
 * (cli_mnist_zk_model's paths): an output may overwrite none of them. */
int cli_mnist_zk_files_check(const char *cmd, const zk_file_arg *files, size_t n_files,
                             const char *model_path, const char *settings_path);

/* The model (--model FILE or the shipped one) and the settings (--settings
 * FILE, or the positional path when given, or the shipped ones) as a
 * zkml_model; prints why and returns CLI_USAGE when one cannot be used.
 * model_path, settings_path (4096 bytes each, may be NULL) receive what
 * was read. */
int cli_mnist_zk_model(zkml_model *m, const char *cmd, const char *model_opt,
                       const char *settings_opt, char *model_path, char *settings_path);

/* The workflow's progress on stderr: one bar per phase (compile, setup,
 * witness, prove and its MSMs) with the time left, and each phase's time
 * when it ends; quiet prints only the notes (a pinned key replaced). */
typedef struct cli_mnist_progress {
    bool quiet, tty;
    const char *top;           /* the pipeline phase under way */
    double t_top;
    const char *sub;           /* the engine phase whose progress is shown */
    double t_sub;
    uint64_t last_done;
    int last_pct;
    double last_draw;
} cli_mnist_progress;

void cli_mnist_progress_init(cli_mnist_progress *p, bool quiet);
bool cli_mnist_progress_event(void *user, const zk_event *ev);

/* The class, the logits as numbers and integers, on stdout. */
void cli_mnist_print_statement(const zkml_public *p, const zkml_model *m);
/* The image a statement is about, 28 × 14 characters. */
void cli_mnist_print_image(const uint8_t px[NN_PIXELS]);

/* ---- the STARK backend (cmd_mnist_stark.c) ---- */

/* `mnist prove png --backend stark`: the proof file at o->out (default
 * proof.bin). */
int cli_mnist_prove_stark(const cli_mnist_zk_opts *o, const char *png);
/* Whether the file at path starts as a zkcave STARK proof (false when it
 * cannot be read: the Groth16 reader says why). */
bool cli_mnist_is_stark_file(const char *path);
/* `mnist verify proof.bin`: a STARK proof against the model expected. */
int cli_mnist_verify_stark(const cli_mnist_zk_opts *o, const char *path);

#endif
