/* zkcave zkey ...: phase-2 contributions, verification and exports of
 * snarkjs .zkey files. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_snark.h"
#include "snark/groth16.h"
#include "snark/ptau.h"
#include "snark/solidity.h"
#include "snark/zkey_mpc.h"

static int load(groth16_pk *pk, const char *path, bool check)
{
    zk_err err = zkey_read(pk, path, check);
    return err ? cli_file_error("zkey", false, path, err, cli_snark_why(err)) : CLI_OK;
}

static int save(const groth16_pk *pk, const char *path)
{
    zk_err err = zkey_write(pk, path);
    return err ? cli_file_error("zkey", true, path, err, NULL) : CLI_OK;
}

/* Opens new.zkey as the one output of a command reading old.zkey, refusing
 * the same file for both (core/file.h). */
static int begin(const char *cmd, const char *in, const char *out)
{
    const zk_file_arg files[] = {{"old key", in, false}, {"new key", out, true}};
    return cli_outputs_begin(cmd, files, 2);
}

/* A contribution to δ does not mend a key whose α and β are the
 * generators, and a beacon alone leaves δ known to all: the new key is
 * checked, and a weakness said loudly. */
static int warn_if_forgeable(const groth16_pk *pk, const char *path, const char *cmd)
{
    groth16_vk vk;
    zk_err err = groth16_vk_from_pk(&vk, pk);
    if (err)
        return cli_error(CLI_USAGE, "%s: %s", cmd, zk_strerror(err));
    int rc = cli_snark_check_vk(&vk, &pk->mpc, path, cmd, CLI_SNARK_VK_WARN);
    groth16_vk_free(&vk);
    return rc;
}

static int contribute(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    const char *name = o->name, *entropy = o->entropy;
    int rc = begin("zkey contribute", argv[0], argv[1]);
    if (rc)
        return rc;
    groth16_pk pk;
    if ((rc = load(&pk, argv[0], false)))
        return cli_outputs_end("zkey contribute", rc);
    zk_rng rng, *r = cli_snark_entropy_rng(&rng, entropy);
    uint8_t h[64];
    zk_err err = zkey_contribute_hash(&pk, name, r, h, ev);
    if (r)
        zk_rng_wipe(r);
    if (err)
        rc = cli_error(CLI_USAGE, "zkey contribute: %s", zk_strerror(err));
    if (!rc)
        rc = save(&pk, argv[1]);
    if (!(rc = cli_outputs_end("zkey contribute", rc)))
        cli_snark_print_hash("Contribution hash:", h);
    if (!rc)
        rc = warn_if_forgeable(&pk, argv[1], "zkey contribute");
    groth16_pk_free(&pk);
    return rc;
}

static int beacon(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    const char *name = o->name;
    uint8_t beacon[255];
    size_t len;
    unsigned exp;
    int rc = cli_snark_beacon_args(beacon, &len, &exp, argv[2], argv[3], "zkey beacon");
    if (rc || (rc = begin("zkey beacon", argv[0], argv[1])))
        return rc;
    groth16_pk pk;
    if ((rc = load(&pk, argv[0], false)))
        return cli_outputs_end("zkey beacon", rc);
    zk_err err = zkey_beacon(&pk, name, beacon, len, exp, ev);
    if (err)
        rc = cli_error(CLI_USAGE, "zkey beacon: %s", zk_strerror(err));
    if (!rc)
        rc = save(&pk, argv[1]);
    if (!rc)
        rc = warn_if_forgeable(&pk, argv[1], "zkey beacon");
    groth16_pk_free(&pk);
    return cli_outputs_end("zkey beacon", rc);
}

/* The key's history first (1 when it does not verify), then whether it
 * can be trusted at all: a ceremony with no secret, or a key anyone can
 * forge for, is 1 ("forgeable key") unless --insecure. */
static int verify(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    int mode = cli_snark_vk_mode(o);
    bool quiet = o->quiet;
    groth16_cs cs;
    zk_err err = groth16_cs_read(&cs, argv[0]);
    if (err)
        return cli_file_error("zkey verify", false, argv[0], err, cli_snark_why(err));
    groth16_pk pk;
    int rc = load(&pk, argv[2], true);
    if (rc) {
        groth16_cs_free(&cs);
        return rc;
    }
    char why[160];
    const char *none = NULL;
    groth16_vk vk;
    memset(&vk, 0, sizeof vk);
    if ((err = ptau_file_no_secret(&none, argv[1]))) {
        rc = cli_file_error("zkey verify", false, argv[1], err, cli_snark_why(err));
    } else if ((err = groth16_vk_from_pk(&vk, &pk))) {
        rc = cli_error(CLI_USAGE, "zkey verify: %s", cli_snark_why(err));
    } else if (none && mode != CLI_SNARK_VK_INSECURE) {
        rc = cli_error(CLI_FAIL, "zkey verify: forgeable key %s: its ceremony %s has no secret "
                       "(%s); --insecure accepts it, for demonstrations only", argv[2], argv[1], none);
    } else {
        if (none)
            cli_snark_warn_forgeable(argv[1], none, true, true);
        err = zkey_verify(&pk, &cs, argv[1], why, ev);
        if (err == ZK_EVERIFY)
            rc = cli_error(CLI_FAIL, "INVALID key %s: %s", argv[2], why);
        else if (err == ZK_EOVERFLOW)
            rc = cli_error(CLI_FAIL, "INVALID: the circuit %s does not fit the ceremony %s",
                           argv[0], argv[1]);
        else if (err)
            rc = cli_file_error("zkey verify", false, argv[1], err, cli_snark_why(err));
        else if (!none)
            rc = cli_snark_check_vk(&vk, &pk.mpc, argv[2], "zkey verify", mode);
    }
    if (!rc && !quiet) {
        printf("OK: %s is the key of %s from %s, with %zu contribution(s)\n", argv[2], argv[0],
               argv[1], pk.mpc.n);
        for (size_t i = 0; i < pk.mpc.n; i++)
            printf("  #%zu %s%s\n", i + 1, pk.mpc.c[i].name[0] ? cli_text(pk.mpc.c[i].name) : "(no name)",
                   pk.mpc.c[i].type == 1 ? " (beacon)" : "");
    }
    groth16_vk_free(&vk);
    groth16_pk_free(&pk);
    groth16_cs_free(&cs);
    return rc;
}

CLI_SNARK_RUN(contribute)
CLI_SNARK_RUN(beacon)
CLI_SNARK_RUN(verify)
CLI_SNARK_RUN(cli_zkey_export_vk)
CLI_SNARK_RUN(cli_zkey_export_solidity)
CLI_SNARK_RUN(cli_zkey_export_calldata)

static const cli_opt contribute_opts[] = {CLI_SNARK_OPT_NAME, CLI_SNARK_OPT_ENTROPY,
                                          CLI_SNARK_OPT_QUIET};
static const cli_opt beacon_opts[] = {CLI_SNARK_OPT_NAME, CLI_SNARK_OPT_QUIET};
static const cli_opt key_opts[] = {CLI_SNARK_OPT_INSECURE("key"), CLI_SNARK_OPT_QUIET};
static const cli_opt quiet_opts[] = {CLI_SNARK_OPT_QUIET};

const cli_cmd cli_cmd_zkey_contribute = {
    CLI_CMD("zkey contribute", "old.zkey new.zkey", 2, 2, run_contribute, contribute_opts,
            cli_snark_opts),
    .summary = "your secret contributed to delta (a phase-2 contribution)",
};

const cli_cmd cli_cmd_zkey_beacon = {
    CLI_CMD("zkey beacon", "old.zkey new.zkey HEX EXP", 4, 4, run_beacon, beacon_opts,
            cli_snark_opts),
    .summary = "a public beacon: after a real contribution only (a phase 2 of beacons\n"
               "alone has a delta anyone recomputes: a forgeable key)",
};

const cli_cmd cli_cmd_zkey_verify = {
    CLI_CMD("zkey verify", "F.r1cs pot.ptau F.zkey", 3, 3, run_verify, key_opts, cli_snark_opts),
    .summary = "exit 0 valid, 1 invalid or forgeable, 2 unreadable or malformed",
};

const cli_cmd cli_cmd_zkey_export_vk = {
    CLI_CMD("zkey export-vk", "F.zkey vk.json", 2, 2, run_cli_zkey_export_vk, key_opts,
            cli_snark_opts),
    .summary = "the verification key (snarkjs JSON)",
};

/* snarkjs's spelling of export-vk. */
const cli_cmd cli_cmd_zkey_export_verificationkey = {
    CLI_CMD("zkey export verificationkey", "F.zkey vk.json", 2, 2, run_cli_zkey_export_vk, key_opts,
            cli_snark_opts),
    .summary = "the verification key (snarkjs JSON)",
    .flags = CLI_CMD_HIDDEN,
};

const cli_cmd cli_cmd_zkey_export_solidityverifier = {
    CLI_CMD("zkey export solidityverifier", "F.zkey verifier.sol", 2, 2,
            run_cli_zkey_export_solidity, key_opts, cli_snark_opts),
    .summary = "a Solidity verifier contract (EIP-197 precompiles)",
};

const cli_cmd cli_cmd_zkey_export_soliditycalldata = {
    CLI_CMD("zkey export soliditycalldata", "public.json proof.json", 2, 2,
            run_cli_zkey_export_calldata, quiet_opts, cli_snark_opts),
    .summary = "the verifier's call data for a proof",
};

const cli_group cli_group_zkey = {
    .name = "zkey",
    .summary = "proving keys (.zkey)",
};
