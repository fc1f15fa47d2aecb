/* Helpers shared by the snarkjs-compatible commands (cmd_snark.c,
 * cmd_zkey.c, cmd_ptau.c). */
#ifndef ZK_CLI_CMD_SNARK_H
#define ZK_CLI_CMD_SNARK_H

#include <cJSON.h>
#include <stdio.h>

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

/* A subcommand of `zkcave ptau` / `zkcave zkey`: its arguments after the
 * group-wide -q, the progress sink, and whether -q was given. */
typedef struct cli_snark_cmd {
    const char *name;
    int (*run)(int argc, char **argv, const zk_events *ev, bool quiet);
} cli_snark_cmd;

/* Runs `zkcave GROUP CMD ...`: help (or nothing: usage on stderr, exit 2),
 * -q taken out anywhere, progress on stderr, the subcommand by name or a
 * usage error naming the group. */
int cli_snark_dispatch(const char *group, int argc, char **argv, const cli_snark_cmd *cmds,
                       size_t n, void (*usage)(FILE *out));

/* Removes flag from argv (shifting the rest), returning whether it was there. */
bool cli_snark_flag(int *argc, char **argv, const char *flag);
/* Removes "opt VALUE" (or "alias VALUE") from argv; the value, or NULL. */
const char *cli_snark_option(int *argc, char **argv, const char *opt, const char *alias);
/* A one-line reason for a file error. */
const char *cli_snark_why(zk_err err);
/* Reads a JSON file, printing the reason on failure; returns an exit code. */
int cli_snark_read_json(cJSON **j, const char *path, const char *what);
/* How a command treats a key anyone can forge for (snark/groth16.h
 * groth16_vk_check): verifiers and exports refuse it (exit 1, "forgeable
 * key"; an IC point at infinity exit 2) unless --insecure, and then warn;
 * commands that make proofs or keys only warn. A key with α, β, γ or δ at
 * infinity is malformed (exit 2) whatever the mode. */
enum { SNARK_VK_REFUSE, SNARK_VK_INSECURE, SNARK_VK_WARN };
/* Removes --insecure from argv: SNARK_VK_INSECURE when it was there. */
int cli_snark_vk_mode(int *argc, char **argv);
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

int zkey_export_vk_cmd(int argc, char **argv);
int zkey_export_solidity_cmd(const char *zkey, const char *out, int mode);
int zkey_export_calldata_cmd(const char *pub, const char *proof);

#endif
