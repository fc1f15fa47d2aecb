/* zkcave ptau ...: powers-of-tau ceremonies in snarkjs's .ptau format. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_snark.h"
#include "snark/ptau.h"

static int load(ptau *t, const char *path)
{
    zk_err err = ptau_read(t, path);
    return err ? cli_file_error("ptau", false, path, err, cli_snark_why(err)) : CLI_OK;
}

static int save(const ptau *t, const char *path, bool prepare, const zk_events *ev)
{
    zk_err err = ptau_write(t, path, prepare, ev);
    return err ? cli_file_error("ptau", true, path, err, NULL) : CLI_OK;
}

/* Opens the one output out.ptau of a command reading in.ptau (NULL for
 * ptau new), refusing the same file for both (core/file.h). */
static int begin(const char *cmd, const char *in, const char *out)
{
    const zk_file_arg files[] = {{"new powers of tau", out, true}, {"powers of tau", in, false}};
    return cli_outputs_begin(cmd, files, in ? 2 : 1);
}

/* Your randomness into t (rng from the OS and -e TEXT), then the outputs
 * cmd opened are published (or removed); prints the response hash once
 * out is in place. */
static int contribute_and_save(ptau *t, const char *name, const char *entropy, const char *in,
                               const char *out, const zk_events *ev, const char *cmd)
{
    zk_rng rng, *r = cli_snark_entropy_rng(&rng, entropy);
    uint8_t resp[64];
    zk_err err = ptau_contribute(t, name, r, resp, ev);
    if (r)
        zk_rng_wipe(r);
    int rc = CLI_OK;
    if (err == ZK_EINVAL)
        rc = cli_error(CLI_USAGE, "ptau contribute: %s was truncated to a smaller power than its "
                       "ceremony; contribute to the full file", in);
    else if (err == ZK_ENOTINSUBGROUP)
        rc = cli_error(CLI_USAGE, "ptau contribute: malformed %s: a point of its G2 sections is "
                       "outside the subgroup (your secret was not used)", in);
    else if (err)
        rc = cli_error(CLI_USAGE, "ptau contribute: %s", zk_strerror(err));
    if (!rc)
        rc = save(t, out, false, ev);
    if (!(rc = cli_outputs_end(cmd, rc)))
        cli_snark_print_hash("Contribution response hash:", resp);
    return rc;
}

static int new_ceremony(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    bool contribute = o->contribute;
    const char *name = o->name, *entropy = o->entropy;
    if ((name || entropy) && !contribute)
        return cli_error(CLI_USAGE, "ptau new: --name and -e go with --contribute");
    uint64_t p;
    if (!cli_parse_u64(argv[0], 1, PTAU_MAX_POWER, &p))
        return cli_error(CLI_USAGE, "ptau new: POWER must be 1..%d", PTAU_MAX_POWER);
    int rc = begin("ptau new", NULL, argv[1]);
    if (rc)
        return rc;
    ptau t;
    zk_err err = ptau_new(&t, (unsigned)p);
    if (err)
        return cli_outputs_end("ptau new", cli_error(CLI_USAGE, "ptau new: %s", zk_strerror(err)));
    if (contribute) {
        rc = contribute_and_save(&t, name, entropy, argv[1], argv[1], ev, "ptau new");
    } else if (!(rc = cli_outputs_end("ptau new", save(&t, argv[1], false, NULL)))) {
        uint8_t h[64];
        ptau_last_challenge(h, &t);
        cli_snark_print_hash("First contribution hash:", h);
        fprintf(stderr, "  no secret yet: run 'zkcave ptau contribute %s NEXT.ptau' (or use "
                "--contribute) before prepare or setup\n", argv[1]);
    }
    ptau_free(&t);
    return rc;
}

static int contribute(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    const char *name = o->name, *entropy = o->entropy;
    int rc = begin("ptau contribute", argv[0], argv[1]);
    if (rc)
        return rc;
    ptau t;
    if ((rc = load(&t, argv[0])))
        return cli_outputs_end("ptau contribute", rc);
    rc = contribute_and_save(&t, name, entropy, argv[0], argv[1], ev, "ptau contribute");
    ptau_free(&t);
    return rc;
}

static int beacon(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    const char *name = o->name;
    uint8_t beacon[255];
    size_t len;
    unsigned exp;
    int rc = cli_snark_beacon_args(beacon, &len, &exp, argv[2], argv[3], "ptau beacon");
    if (rc || (rc = begin("ptau beacon", argv[0], argv[1])))
        return rc;
    ptau t;
    if ((rc = load(&t, argv[0])))
        return cli_outputs_end("ptau beacon", rc);
    zk_err err = ptau_beacon(&t, name, beacon, len, exp, ev);
    if (err)
        rc = cli_error(CLI_USAGE, "ptau beacon: %s", zk_strerror(err));
    if (!rc)
        rc = save(&t, argv[1], false, ev);
    /* A beacon ends a ceremony; it cannot start one. */
    const char *none = rc ? NULL : ptau_no_secret(&t);
    if (none)
        cli_snark_warn_forgeable(argv[1], none, true, false);
    ptau_free(&t);
    return cli_outputs_end("ptau beacon", rc);
}

static int verify(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    bool quiet = o->quiet;
    char why[160] = "";
    zk_err err = ptau_verify_file(argv[0], why, ev);
    if (err == ZK_EVERIFY)
        return cli_error(CLI_FAIL, "INVALID powers of tau %s: %s", argv[0], why);
    if (err)
        return cli_file_error("ptau verify", false, argv[0], err, why[0] ? why : cli_snark_why(err));
    if (!quiet)
        puts("OK: powers of tau verified");
    return CLI_OK;
}

static int prepare(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    bool insecure = o->insecure;
    int rc = begin("ptau prepare", argv[0], argv[1]);
    if (rc)
        return rc;
    ptau t;
    if ((rc = load(&t, argv[0])))
        return cli_outputs_end("ptau prepare", rc);
    /* Phase 2 from a ceremony with no secret gives keys anyone can forge
     * for: refused before the work, unless it is a demonstration. */
    const char *none = ptau_no_secret(&t);
    if (none && !insecure)
        rc = cli_error(CLI_USAGE, "ptau prepare: %s has no secret (%s); run 'zkcave ptau "
                       "contribute' first (--insecure accepts it, for demonstrations only)",
                       argv[0], none);
    else if (none)
        cli_snark_warn_forgeable(argv[0], none, true, true);
    if (!rc && ptau_check_g2(&t))
        rc = cli_error(CLI_USAGE, "ptau prepare: malformed %s: a point of its G2 sections is "
                       "outside the subgroup", argv[0]);
    if (!rc)
        rc = save(&t, argv[1], true, ev);
    ptau_free(&t);
    return cli_outputs_end("ptau prepare", rc);
}

CLI_SNARK_RUN(new_ceremony)
CLI_SNARK_RUN(contribute)
CLI_SNARK_RUN(beacon)
CLI_SNARK_RUN(verify)
CLI_SNARK_RUN(prepare)

static const cli_opt new_opts[] = {
    CLI_SNARK_OPT("--contribute", NULL, CLI_FLAG, NULL, contribute,
                  "add your secret at once (--name and -e as for contribute)"),
    CLI_SNARK_OPT_NAME, CLI_SNARK_OPT_ENTROPY, CLI_SNARK_OPT_QUIET,
};
static const cli_opt contribute_opts[] = {CLI_SNARK_OPT_NAME, CLI_SNARK_OPT_ENTROPY,
                                          CLI_SNARK_OPT_QUIET};
static const cli_opt beacon_opts[] = {CLI_SNARK_OPT_NAME, CLI_SNARK_OPT_QUIET};
static const cli_opt verify_opts[] = {CLI_SNARK_OPT_QUIET};
static const cli_opt prepare_opts[] = {CLI_SNARK_OPT_INSECURE("ceremony"), CLI_SNARK_OPT_QUIET};

const cli_cmd cli_cmd_ptau_new = {
    CLI_CMD("ptau new", "POWER out.ptau", 2, 2, run_new_ceremony, new_opts, cli_snark_opts),
    .summary = "a fresh ceremony for up to 2^POWER constraints (as snarkjs powersoftau new)",
};

const cli_cmd cli_cmd_ptau_contribute = {
    CLI_CMD("ptau contribute", "in.ptau out.ptau", 2, 2, run_contribute, contribute_opts,
            cli_snark_opts),
    .summary = "add your randomness (TEXT is mixed in)",
};

const cli_cmd cli_cmd_ptau_beacon = {
    CLI_CMD("ptau beacon", "in.ptau out.ptau HEX EXP", 4, 4, run_beacon, beacon_opts,
            cli_snark_opts),
    .summary = "a public random beacon: HEX hashed 2^EXP times",
};

const cli_cmd cli_cmd_ptau_verify = {
    CLI_CMD("ptau verify", "in.ptau", 1, 1, run_verify, verify_opts, cli_snark_opts),
    .summary = "exit 0 valid; 1 invalid, or no secret (no contribution, or only beacons);\n"
               "2 unreadable or malformed",
};

const cli_cmd cli_cmd_ptau_prepare = {
    CLI_CMD("ptau prepare", "in.ptau out.ptau", 2, 2, run_prepare, prepare_opts, cli_snark_opts),
    .summary = "add the phase-2 (Lagrange) sections; a ceremony with no secret is\n"
               "refused unless --insecure (demonstrations only)",
};

/* snarkjs's spelling of prepare (powersoftau prepare phase2). */
const cli_cmd cli_cmd_ptau_prepare_phase2 = {
    CLI_CMD("ptau prepare-phase2", "in.ptau out.ptau", 2, 2, run_prepare, prepare_opts,
            cli_snark_opts),
    .summary = "as prepare",
    .flags = CLI_CMD_HIDDEN,
};

const cli_group cli_group_ptau = {
    .name = "ptau",
    .summary = "powers of tau (snarkjs .ptau)",
};
