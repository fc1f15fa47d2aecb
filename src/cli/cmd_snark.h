/* Helpers shared by the snarkjs-compatible commands (cmd_snark.c,
 * cmd_zkey.c, cmd_ptau.c). */
#ifndef ZK_CLI_CMD_SNARK_H
#define ZK_CLI_CMD_SNARK_H

#include <cJSON.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/cli_opts.h"
#include "core/event.h"
#include "core/rng.h"
#include "snark/groth16.h"

/* Progress bars on stderr (when it is a terminal) and the time of every
 * outermost phase; quiet prints nothing. */
typedef struct cli_snark_progress {
    bool quiet, tty;
    int depth;
    double t0[8];
    const char *name[8];
    int last_pct;
} cli_snark_progress;

void cli_snark_progress_init(cli_snark_progress *p, bool quiet);
bool cli_snark_on_event(void *user, const zk_event *ev);

/* The options of the ptau, zkey and groth16 commands; each command's
 * table (cli/cli_opts.h) names the ones it takes, from the rows below. */
typedef struct cli_snark_opts {
    const char *name, *entropy;
    bool quiet, insecure, contribute, no_contribution, secrets;
} cli_snark_opts;

#define CLI_SNARK_OPT(name, alias, kind, arg, field, help) \
    {name, alias, kind, arg, offsetof(cli_snark_opts, field), 0, 0, 0, help, NULL, NULL}
#define CLI_SNARK_OPT_QUIET \
    CLI_SNARK_OPT("-q", NULL, CLI_FLAG, NULL, quiet, "no progress on stderr")
#define CLI_SNARK_OPT_NAME \
    CLI_SNARK_OPT("--name", "-n", CLI_STR, "NAME", name, \
                  "the contribution's name, kept in the file")
#define CLI_SNARK_OPT_ENTROPY \
    CLI_SNARK_OPT("--entropy", "-e", CLI_STR, "TEXT", entropy, \
                  "TEXT mixed into the randomness from the OS")
#define CLI_SNARK_OPT_INSECURE(what) \
    CLI_SNARK_OPT("--insecure", NULL, CLI_FLAG, NULL, insecure, \
                  "accept a " what " anyone can forge for, with a warning:\n" \
                  "for demonstrations of the forgery, never for real use")

/* A command's work with its options, positional arguments and progress
 * sink; cli_snark_run calls it with progress on stderr (none with -q). */
typedef int (*cli_snark_fn)(const cli_snark_opts *o, char **pos, const zk_events *ev);
int cli_snark_run(const cli_snark_opts *o, char **pos, cli_snark_fn fn);
/* The run function of a cli_cmd that calls fn so. */
#define CLI_SNARK_RUN(fn) \
    static int run_##fn(void *o, const cli_args *a) { return cli_snark_run(o, a->pos, fn); }

/* A one-line reason for a file error. */
const char *cli_snark_why(zk_err err);
/* Reads a JSON file, printing the reason on failure; returns an exit code. */
int cli_snark_read_json(cJSON **j, const char *path, const char *what);
/* How a command treats a key anyone can forge for (snark/groth16.h
 * groth16_vk_check): verifiers and exports refuse it (exit 1, "forgeable
 * key"; an IC point at infinity exit 2) unless --insecure, and then warn;
 * commands that make proofs or keys only warn. A key with α, β, γ or δ at
 * infinity is malformed (exit 2) whatever the mode. */
enum { CLI_SNARK_VK_REFUSE, CLI_SNARK_VK_INSECURE, CLI_SNARK_VK_WARN };
/* CLI_SNARK_VK_INSECURE with --insecure, else CLI_SNARK_VK_REFUSE. */
int cli_snark_vk_mode(const cli_snark_opts *o);
/* CLI_OK, or the exit code with its one-line message (cmd: ... path). mpc:
 * the key's phase-2 records when it was read from a .zkey, else NULL
 * (groth16_key_check). */
int cli_snark_check_vk(const groth16_vk *vk, const zkey_mpc *mpc, const char *path,
                       const char *cmd, int mode);
/* The loud warning for a key, or a ceremony, at path that anyone can forge
 * for; insecure: it is used all the same because --insecure was given. */
void cli_snark_warn_forgeable(const char *path, const char *why, bool ceremony, bool insecure);

/* A generator seeded from OS randomness and the user's text, as snarkjs's
 * -e option mixes both. */
void cli_snark_seed_rng(zk_rng *rng, const char *entropy);

/* A beacon's HEX (1 to 255 bytes) and EXP (10..63) arguments; CLI_OK, or
 * a usage error naming cmd. */
int cli_snark_beacon_args(uint8_t beacon[255], size_t *len, unsigned *exp, const char *hex,
                          const char *exp_text, const char *cmd);

/* rng seeded from the OS and the user's -e text, or NULL (the OS alone)
 * when there is none; zk_rng_wipe it after use when not NULL. */
zk_rng *cli_snark_entropy_rng(zk_rng *rng, const char *entropy);

/* A 64-byte hash under a title, in snarkjs's four-line layout. */
void cli_snark_print_hash(const char *title, const uint8_t h[64]);

/* zkey export-vk | export solidityverifier | export soliditycalldata
 * (cmd_snark.c, for cmd_zkey.c's table). */
int cli_zkey_export_vk(const cli_snark_opts *o, char **pos, const zk_events *ev);
int cli_zkey_export_solidity(const cli_snark_opts *o, char **pos, const zk_events *ev);
int cli_zkey_export_calldata(const cli_snark_opts *o, char **pos, const zk_events *ev);

#endif
