/* zkcave ptau | groth16 | zkey: the snarkjs-compatible commands. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/bench.h"
#include "cli/cli.h"
#include "cli/cmd_snark.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/hex.h"
#include "snark/groth16.h"
#include "snark/groth16_cs.h"
#include "snark/groth16_setup.h"
#include "snark/solidity.h"
#include "snark/zkey_mpc.h"
#include "snark/blake2b.h"
#include "snark/points_io.h"
#include "snark/ptau.h"
#include <sodium.h>

/* ---- progress on stderr ----------------------------------------------------------- */

bool cli_snark_on_event(void *user, const zk_event *ev)
{
    cli_snark_progress *p = user;
    if (p->quiet)
        return true;
    switch (ev->kind) {
    case ZK_EV_BEGIN:
        if (p->depth < 8) {
            p->t0[p->depth] = bench_now();
            p->name[p->depth] = ev->phase;
        }
        p->depth++;
        p->last_pct = -1;
        break;
    case ZK_EV_PROGRESS:
        if (p->tty && ev->total) {
            int pct = (int)(100 * ev->done / ev->total);
            if (pct != p->last_pct) {
                int bar = pct / 5;
                fprintf(stderr, "\r  %-10s [%.*s%*s] %3d%%", ev->phase, bar,
                        "####################", 20 - bar, "", pct);
                p->last_pct = pct;
            }
        }
        break;
    case ZK_EV_END:
        if (p->depth > 0)
            p->depth--;
        if (p->tty && p->last_pct >= 0)
            fputs("\r\033[K", stderr);
        p->last_pct = -1;
        /* Time only the outermost phases; the MSM inside "msm_a" needs no
         * line of its own. */
        if (p->depth < 8 && p->depth <= 1 && p->name[p->depth] &&
            strcmp(p->name[p->depth], ev->phase) == 0 && p->depth == 0)
            fprintf(stderr, "  %-10s %8.3f s\n", ev->phase, bench_now() - p->t0[p->depth]);
        break;
    case ZK_EV_NOTE:
        if (ev->detail)
            fprintf(stderr, "  %s\n", ev->detail);
        break;
    }
    return true;
}

void cli_snark_progress_init(cli_snark_progress *p, bool quiet)
{
    memset(p, 0, sizeof *p);
    p->quiet = quiet;
    p->tty = isatty(2);
    p->last_pct = -1;
}

int cli_snark_run(const cli_snark_opts *o, char **pos, cli_snark_fn fn)
{
    cli_snark_progress pg;
    cli_snark_progress_init(&pg, o->quiet);
    zk_events ev = {cli_snark_on_event, &pg};
    return fn(o, pos, &ev);
}

void cli_snark_seed_rng(zk_rng *rng, const char *entropy)
{
    uint8_t buf[64], seed[64];
    zk_random_bytes(NULL, buf, sizeof buf);
    blake2b_state h;
    blake2b_init(&h);
    blake2b_update(&h, buf, sizeof buf);
    blake2b_update(&h, entropy, strlen(entropy));
    /* The state has absorbed the OS randomness and the user's text, as
     * secret as the seed: blake2b_final wipes it (a tested promise). */
    blake2b_final(&h, seed);
    zk_rng_seed(rng, seed);
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(seed, sizeof seed);
}

/* 1..max bytes from an even number of hex digits; non-zero on bad input. */
static int hex_bytes(uint8_t *out, size_t max, const char *hex, size_t *len)
{
    return zk_hex_decode(out, max, len, hex) || *len == 0 ? -1 : 0;
}

int cli_snark_beacon_args(uint8_t beacon[255], size_t *len, unsigned *exp, const char *hex,
                          const char *exp_text, const char *cmd)
{
    uint64_t e;
    if (hex_bytes(beacon, 255, hex, len))
        return cli_error(CLI_USAGE, "%s: the beacon must be 1 to 255 bytes of hex", cmd);
    if (!cli_parse_u64(exp_text, 10, 63, &e))
        return cli_error(CLI_USAGE, "%s: EXP must be 10..63", cmd);
    *exp = (unsigned)e;
    return CLI_OK;
}

zk_rng *cli_snark_entropy_rng(zk_rng *rng, const char *entropy)
{
    if (!entropy)
        return NULL;
    cli_snark_seed_rng(rng, entropy);
    return rng;
}

void cli_snark_print_hash(const char *title, const uint8_t h[64])
{
    printf("%s\n", title);
    for (int i = 0; i < 4; i++) {
        printf("\t\t");
        for (int j = 0; j < 16; j++)
            printf("%02x%s", h[16 * i + j], (j % 4 == 3 && j < 15) ? " " : "");
        printf("\n");
    }
}

const char *cli_snark_why(zk_err err)
{
    switch (err) {
    case ZK_EFORMAT:
        return "malformed or truncated file";
    case ZK_ENOTONCURVE:
        return "a point is not on the curve";
    case ZK_ENOTINSUBGROUP:
        return "a point is not in the prime-order subgroup";
    case ZK_ENONCANONICAL:
        return "a number is not below the field modulus";
    case ZK_EINFINITY:
        return "a point is at infinity where none is allowed";
    case ZK_EUNSUPPORTED:
        return "not a Groth16 key (PLONK and FFLONK keys are not supported)";
    default:
        return zk_file_why(err);
    }
}

/* ---- groth16 ------------------------------------------------------------------------ */

/* A verification key as a command reads it: from a .zkey (section 2 and
 * IC) with its phase-2 records, or from a vk.json, which has none. */
typedef struct loaded_key {
    groth16_vk vk;
    zkey_mpc mpc;
    bool has_mpc;
} loaded_key;

static void key_free(loaded_key *k)
{
    groth16_vk_free(&k->vk);
    zkey_mpc_free(&k->mpc);
}

static zk_err key_load(loaded_key *k, const char *path)
{
    memset(k, 0, sizeof *k);
    size_t l = strlen(path);
    if (l > 5 && strcmp(path + l - 5, ".json") == 0) {
        cJSON *j;
        zk_err err = groth16_json_read(&j, path);
        if (!err) {
            err = groth16_vk_from_json(&k->vk, j);
            cJSON_Delete(j);
        }
        return err;
    }
    zkey_file zf;
    zk_err err = zkey_open(&zf, path);
    if (err)
        return err;
    groth16_vk *vk = &k->vk;
    vk->n_public = zf.h.n_public;
    vk->alpha1 = zf.h.alpha1;
    vk->beta2 = zf.h.beta2;
    vk->gamma2 = zf.h.gamma2;
    vk->delta2 = zf.h.delta2;
    err = snark_load_g1s(&vk->ic, &zf.bf, ZKEY_SEC_IC, vk->n_public + 1);
    if (!err)
        err = zkey_read_mpc(&zf, &k->mpc);
    k->has_mpc = !err;
    zkey_close(&zf);
    if (err)
        key_free(k);
    return err;
}

static int key_check(const loaded_key *k, const char *path, const char *cmd, int mode)
{
    return cli_snark_check_vk(&k->vk, k->has_mpc ? &k->mpc : NULL, path, cmd, mode);
}

/* The work of a command between cli_outputs_begin and cli_outputs_end. */
typedef int (*staged_fn)(char **argv, const void *opt, const zk_events *ev);

/* Runs fn with progress on stderr and the command's outputs staged, so
 * that they appear together or not at all (core/file.h). */
static int run_staged(const char *cmd, const zk_file_arg *files, size_t n, bool quiet, staged_fn fn,
                      char **argv, const void *opt)
{
    int rc = cli_outputs_begin(cmd, files, n);
    if (rc)
        return rc;
    cli_snark_progress pg;
    cli_snark_progress_init(&pg, quiet);
    zk_events ev = {cli_snark_on_event, &pg};
    return cli_outputs_end(cmd, fn(argv, opt, &ev));
}

/* The proof and public signals of groth16 prove. */
static int prove_to_files(char **argv, const void *opt, const zk_events *ev)
{
    (void)opt;
    static const char *const cmd = "groth16 prove";
    /* A key anyone can forge for still proves; say so before the work. */
    loaded_key key;
    zk_err err = key_load(&key, argv[0]);
    if (err)
        return cli_file_error(cmd, false, argv[0], err, cli_snark_why(err));
    int rc = key_check(&key, argv[0], cmd, CLI_SNARK_VK_WARN);
    key_free(&key);
    if (rc)
        return rc;
    groth16_proof proof;
    fr_t *pub = NULL;
    size_t np = 0;
    err = groth16_prove_files(&proof, &pub, &np, argv[0], argv[1], NULL, ev);
    if (err == ZK_EINVAL)
        return cli_error(CLI_USAGE, "groth16 prove: the witness %s does not fit the key %s (wrong "
                         "length, or its first value is not 1)", argv[1], argv[0]);
    if (err)
        return cli_file_error(cmd, false, argv[0], err, cli_snark_why(err));
    cJSON *jp = groth16_proof_to_json(&proof), *ju = groth16_public_to_json(pub, np);
    zk_free(pub);
    if (!jp || !ju)
        err = ZK_ENOMEM;
    if (!err && !(err = groth16_json_write(jp, argv[2])))
        err = groth16_json_write(ju, argv[3]);
    cJSON_Delete(jp);
    cJSON_Delete(ju);
    return err ? cli_file_error(cmd, true, argv[2], err, NULL) : CLI_OK;
}

static int run_groth16_prove(void *opts, const cli_args *a)
{
    bool quiet = ((const cli_snark_opts *)opts)->quiet;
    char **argv = a->pos;
    const zk_file_arg files[] = {{"proving key", argv[0], false}, {"witness", argv[1], false},
                                 {"proof", argv[2], true}, {"public signals", argv[3], true}};
    double t0 = bench_now();
    int rc = run_staged("groth16 prove", files, 4, quiet, prove_to_files, argv, NULL);
    if (!rc && !quiet)
        fprintf(stderr, "  %-10s %8.3f s\n", "total", bench_now() - t0);
    return rc;
}

int cli_snark_read_json(cJSON **j, const char *path, const char *what)
{
    zk_err err = groth16_json_read(j, path);
    if (err)
        return cli_error(CLI_USAGE, "cannot read %s %s: %s", what, path,
                         err == ZK_EFORMAT   ? "not valid JSON"
                         : err == ZK_EDUPKEY ? "an object names the same key twice (readers "
                                               "disagree on which one counts)"
                                             : zk_file_why(err));
    return CLI_OK;
}

void cli_snark_warn_forgeable(const char *path, const char *why, bool ceremony, bool insecure)
{
    const char *next = insecure ? "accepted only because of --insecure: for demonstrations, never "
                                  "for real use."
                       : ceremony ? "prepare and setup refuse it: run 'zkcave ptau contribute' on it."
                                  : "verifiers refuse it ('forgeable key'); proofs made with it "
                                    "prove nothing.";
    fprintf(stderr,
            "zkcave: WARNING: %s is FORGEABLE: %s\n"
            "zkcave: WARNING: ANYONE can make a proof of ANY public input %s;\n"
            "zkcave: WARNING: %s\n",
            path, why, ceremony ? "for every key made from it" : "that this key accepts", next);
}

int cli_snark_check_vk(const groth16_vk *vk, const zkey_mpc *mpc, const char *path,
                       const char *cmd, int mode)
{
    char why[160], hard[160];
    if (groth16_vk_check(vk, true, hard))
        return cli_error(CLI_USAGE, "%s: malformed key %s: %s", cmd, path, hard);
    zk_err err = groth16_key_check(vk, mpc, false, why);
    if (!err)
        return CLI_OK;
    if (mode == CLI_SNARK_VK_REFUSE && err == ZK_EFORGEABLE)
        return cli_error(CLI_FAIL, "%s: forgeable key %s: %s; --insecure accepts it, for "
                         "demonstrations only", cmd, path, why);
    if (mode == CLI_SNARK_VK_REFUSE)
        return cli_error(CLI_USAGE, "%s: malformed key %s: %s; --insecure accepts it, for "
                         "demonstrations only", cmd, path, why);
    cli_snark_warn_forgeable(path, why, false, mode == CLI_SNARK_VK_INSECURE);
    return CLI_OK;
}

int cli_snark_vk_mode(const cli_snark_opts *o)
{
    return o->insecure ? CLI_SNARK_VK_INSECURE : CLI_SNARK_VK_REFUSE;
}

/* Exit codes as the README states them: every input is read and checked
 * for being well formed first (2 when one is not: unreadable, a point off
 * the curve or outside the subgroup or at infinity, a number not below
 * its modulus, a public-signal count that is not the key's), then whether
 * the key can be trusted and the pairing equation holds (1 when not). */
static int run_groth16_verify(void *opts, const cli_args *a)
{
    bool quiet = ((const cli_snark_opts *)opts)->quiet;
    int mode = cli_snark_vk_mode(opts);
    char **argv = a->pos;
    cJSON *jv = NULL, *ju = NULL, *jp = NULL;
    int rc;
    if ((rc = cli_snark_read_json(&jv, argv[0], "verification key")) ||
        (rc = cli_snark_read_json(&ju, argv[1], "public signals")) || (rc = cli_snark_read_json(&jp, argv[2], "proof"))) {
        cJSON_Delete(jv);
        cJSON_Delete(ju);
        return rc;
    }
    groth16_vk vk;
    groth16_proof proof;
    fr_t *pub = NULL;
    size_t np = 0;
    zk_err err;
    rc = CLI_OK;
    if ((err = groth16_vk_from_json(&vk, jv))) {
        rc = cli_error(CLI_USAGE, "groth16 verify: bad verification key %s: %s", argv[0], cli_snark_why(err));
        goto out;
    }
    if ((err = groth16_proof_from_json(&proof, jp)) || (err = groth16_proof_check(&proof))) {
        rc = cli_error(CLI_USAGE, "groth16 verify: malformed proof %s: %s", argv[2], cli_snark_why(err));
        goto out_vk;
    }
    if ((err = groth16_public_from_json(&pub, &np, ju))) {
        rc = cli_error(CLI_USAGE, "groth16 verify: malformed public signals %s: %s", argv[1],
                       cli_snark_why(err));
        goto out_vk;
    }
    /* snarkjs sums over the signals it is given (missing ones count as
     * zero): a count that differs is refused, not read two ways. */
    if (np != vk.n_public) {
        rc = cli_error(CLI_USAGE, "groth16 verify: %s has %zu public signals, the key %s expects "
                       "%zu (a key for another circuit?)", argv[1], np, argv[0], vk.n_public);
        goto out_pub;
    }
    if ((rc = cli_snark_check_vk(&vk, NULL, argv[0], "groth16 verify", mode)))
        goto out_pub;
    bool ok = false;
    if ((err = groth16_verify(&ok, &vk, pub, np, &proof))) {
        rc = cli_error(CLI_USAGE, "groth16 verify: %s", zk_strerror(err));
    } else if (ok) {
        if (!quiet)
            puts("OK: the proof is valid");
    } else {
        rc = cli_error(CLI_FAIL, "INVALID proof: the pairing equation does not hold");
    }
out_pub:
    zk_free(pub);
out_vk:
    groth16_vk_free(&vk);
out:
    cJSON_Delete(jv);
    cJSON_Delete(ju);
    cJSON_Delete(jp);
    return rc;
}

static int export_solidity(const char *zkey, const char *out, int mode)
{
    static const char *const cmd = "zkey export solidityverifier";
    loaded_key key;
    zk_err err = key_load(&key, zkey);
    if (err)
        return cli_file_error(cmd, false, zkey, err, cli_snark_why(err));
    int rc = key_check(&key, zkey, cmd, mode);
    if (rc) {
        key_free(&key);
        return rc;
    }
    char *src = NULL;
    err = groth16_solidity_verifier(&src, &key.vk);
    size_t n_public = key.vk.n_public;
    key_free(&key);
    if (err == ZK_EOVERFLOW)
        return cli_error(CLI_USAGE, "%s: %s has %zu public signals; a verifier contract holds one "
                         "point a signal and deploys with at most %d (its code would pass the "
                         "24,576 bytes EIP-170 allows): use a circuit with fewer public signals "
                         "(for MNIST: packed pixels, hashed or fixed weights)",
                         cmd, zkey, n_public, GROTH16_SOLIDITY_MAX_PUBLIC);
    if (!err)
        err = zk_file_write_atomic(out, src, strlen(src));
    zk_free(src);
    return err ? cli_file_error(cmd, true, out, err, NULL) : CLI_OK;
}

int cli_zkey_export_solidity(const cli_snark_opts *o, char **pos, const zk_events *ev)
{
    (void)ev;
    const char *zkey = pos[0], *out = pos[1];
    int mode = cli_snark_vk_mode(o);
    const zk_file_arg files[] = {{"key", zkey, false}, {"verifier", out, true}};
    int rc = cli_outputs_begin("zkey export solidityverifier", files, 2);
    return rc ? rc : cli_outputs_end("zkey export solidityverifier", export_solidity(zkey, out, mode));
}

int cli_zkey_export_calldata(const cli_snark_opts *o, char **pos, const zk_events *ev)
{
    (void)o, (void)ev;
    const char *pub_path = pos[0], *proof_path = pos[1];
    cJSON *ju = NULL, *jp = NULL;
    int rc;
    if ((rc = cli_snark_read_json(&ju, pub_path, "public signals")) ||
        (rc = cli_snark_read_json(&jp, proof_path, "proof"))) {
        cJSON_Delete(ju);
        return rc;
    }
    groth16_proof proof;
    fr_t *pub = NULL;
    size_t np = 0;
    zk_err err = groth16_public_from_json(&pub, &np, ju);
    if (!err && !(err = groth16_proof_from_json(&proof, jp)))
        err = groth16_proof_check(&proof);
    char *text = NULL;
    if (!err)
        err = groth16_solidity_calldata(&text, &proof, pub, np);
    cJSON_Delete(ju);
    cJSON_Delete(jp);
    zk_free(pub);
    if (err)
        return cli_error(CLI_USAGE, "zkey export soliditycalldata: %s", cli_snark_why(err));
    puts(text);
    zk_free(text);
    return CLI_OK;
}

static int export_vk(const char *zkey, const char *out, int mode)
{
    static const char *const cmd = "zkey export-vk";
    loaded_key key;
    zk_err err = key_load(&key, zkey);
    if (err)
        return cli_file_error(cmd, false, zkey, err, cli_snark_why(err));
    int rc = key_check(&key, zkey, cmd, mode);
    if (rc) {
        key_free(&key);
        return rc;
    }
    cJSON *j = groth16_vk_to_json(&key.vk);
    err = j ? groth16_json_write(j, out) : ZK_ENOMEM;
    cJSON_Delete(j);
    key_free(&key);
    return err ? cli_file_error(cmd, true, out, err, NULL) : CLI_OK;
}

int cli_zkey_export_vk(const cli_snark_opts *o, char **argv, const zk_events *ev)
{
    (void)ev;
    int mode = cli_snark_vk_mode(o);
    const zk_file_arg files[] = {{"key", argv[0], false}, {"verification key", argv[1], true}};
    int rc = cli_outputs_begin("zkey export-vk", files, 2);
    return rc ? rc : cli_outputs_end("zkey export-vk", export_vk(argv[0], argv[1], mode));
}


/* Said on every key from secrets, -q or not: it is what the user trusts. */
static void print_secrets_trust(const char *zkey)
{
    fprintf(stderr,
            "zkcave: TRUST: %s comes from secrets this machine sampled (tau, alpha, beta, gamma,\n"
            "zkcave: TRUST: delta) and wiped. Whoever ran this could have kept tau, and tau alone\n"
            "zkcave: TRUST: lets one prove ANY public input for this key; 'zkey contribute' changes\n"
            "zkcave: TRUST: delta only and does not remove that trust. For a key no single party\n"
            "zkcave: TRUST: can forge for, set up from a ceremony: zkcave groth16 setup F.r1cs pot.ptau F.zkey\n",
            zkey);
}

/* groth16 setup F.r1cs --secrets F.zkey: no ceremony, fresh secrets. */
static int secrets_to_file(char **argv, const void *opt_, const zk_events *ev)
{
    static const char *const cmd = "groth16 setup";
    const cli_snark_opts *opt = opt_;
    groth16_cs cs;
    zk_err err = groth16_cs_read(&cs, argv[0]);
    if (err)
        return cli_file_error(cmd, false, argv[0], err, cli_snark_why(err));
    unsigned k = groth16_cs_log_domain(&cs);
    zk_rng rng, *r = cli_snark_entropy_rng(&rng, opt->entropy);
    groth16_pk pk;
    err = groth16_setup_secrets(&pk, &cs, r, ev);
    if (r)
        zk_rng_wipe(r);
    groth16_cs_free(&cs);
    if (err == ZK_EOVERFLOW)
        return cli_error(CLI_USAGE, "groth16 setup: the circuit needs a domain of 2^%u; BN254's "
                         "largest is 2^%u", k, FR_TWO_ADICITY - 1);
    if (err)
        return cli_error(CLI_USAGE, "groth16 setup: %s", zk_strerror(err));
    groth16_vk vk;
    if ((err = groth16_vk_from_pk(&vk, &pk)) || (err = zkey_write(&pk, argv[1]))) {
        groth16_pk_free(&pk);
        return cli_file_error(cmd, true, argv[1], err, NULL);
    }
    groth16_pk_free(&pk);
    int rc = cli_snark_check_vk(&vk, NULL, argv[1], cmd, CLI_SNARK_VK_WARN);
    groth16_vk_free(&vk);
    if (!rc)
        print_secrets_trust(argv[1]);
    return rc;
}

static int setup_to_file(char **argv, const void *opt_, const zk_events *ev)
{
    static const char *const cmd = "groth16 setup";
    const cli_snark_opts *opt = opt_;
    /* A ceremony with no secret gives a key anyone can forge for, whatever
     * phase 2 does: refused before any work, unless it is a demonstration. */
    const char *none = NULL;
    zk_err err = ptau_file_no_secret(&none, argv[1]);
    if (err)
        return cli_file_error(cmd, false, argv[1], err, cli_snark_why(err));
    if (none && !opt->insecure)
        return cli_error(CLI_USAGE, "groth16 setup: %s has no secret (%s); run 'zkcave ptau "
                         "contribute' first (--insecure accepts it, for demonstrations only)",
                         argv[1], none);
    if (none)
        cli_snark_warn_forgeable(argv[1], none, true, true);
    groth16_cs cs;
    if ((err = groth16_cs_read(&cs, argv[0])))
        return cli_file_error(cmd, false, argv[0], err, cli_snark_why(err));
    groth16_pk pk;
    unsigned flags = (opt->no_contribution ? 0 : GROTH16_SETUP_CONTRIBUTE) |
                     (opt->insecure ? GROTH16_SETUP_INSECURE : 0);
    err = groth16_setup_ptau(&pk, &cs, argv[1], opt->name ? opt->name : "zkcave setup", NULL,
                             flags, ev);
    unsigned k = groth16_cs_log_domain(&cs);
    groth16_cs_free(&cs);
    if (err == ZK_EOVERFLOW)
        return cli_error(CLI_USAGE, "groth16 setup: the circuit needs a domain of 2^%u; %s is "
                         "smaller (use a bigger ceremony)", k, argv[1]);
    if (err == ZK_EUNSUPPORTED)
        return cli_error(CLI_USAGE, "groth16 setup: %s is exactly 2^%u, too small to hash the key "
                         "as snarkjs does for domains above 2^14; use a ceremony of 2^%u",
                         argv[1], k, k + 1);
    if (err)
        return cli_file_error(cmd, false, argv[1], err, cli_snark_why(err));
    groth16_vk vk;
    if ((err = groth16_vk_from_pk(&vk, &pk)) || (err = zkey_write(&pk, argv[2]))) {
        groth16_pk_free(&pk);
        return cli_file_error(cmd, true, argv[2], err, NULL);
    }
    groth16_pk_free(&pk);
    /* δ = γ after --no-contribution (the start of a phase-2 ceremony), or
     * α, β the generators after --insecure: said once more, of the key. */
    int rc = none ? CLI_OK : cli_snark_check_vk(&vk, NULL, argv[2], cmd, CLI_SNARK_VK_WARN);
    groth16_vk_free(&vk);
    return rc;
}

static int run_groth16_setup(void *opts, const cli_args *a)
{
    const cli_snark_opts *opt = opts;
    char **argv = a->pos;
    if (opt->secrets) {
        if (a->npos != 2 || opt->no_contribution || opt->insecure || opt->name)
            return cli_error(CLI_USAGE, "usage: zkcave groth16 setup F.r1cs --secrets F.zkey "
                                        "[-e TEXT] [-q]");
        const zk_file_arg files[] = {{"circuit", argv[0], false}, {"proving key", argv[1], true}};
        return run_staged("groth16 setup", files, 2, opt->quiet, secrets_to_file, argv, opt);
    }
    if (opt->entropy)
        return cli_error(CLI_USAGE, "groth16 setup: -e goes with --secrets (a ceremony's "
                                    "setup takes its randomness from the OS)");
    if (a->npos != 3)
        return cli_error(CLI_USAGE, "usage: zkcave groth16 setup F.r1cs pot.ptau F.zkey "
                                    "[--name NAME] [--no-contribution] [--insecure]");
    const zk_file_arg files[] = {{"circuit", argv[0], false}, {"powers of tau", argv[1], false},
                                 {"proving key", argv[2], true}};
    return run_staged("groth16 setup", files, 3, opt->quiet, setup_to_file, argv, opt);
}

static const cli_opt setup_opts_table[] = {
    CLI_SNARK_OPT("--secrets", NULL, CLI_FLAG, NULL, secrets,
                  "no ceremony: F.r1cs --secrets F.zkey makes the key from\n"
                  "secrets sampled here (and -e TEXT, mixed in) then wiped:\n"
                  "for circuits too big for any ceremony you can prepare.\n"
                  "Whoever runs it could keep tau and forge, and 'zkey\n"
                  "contribute' does not remove that: use it when you are\n"
                  "the one the verifiers trust"),
    CLI_SNARK_OPT_ENTROPY,
    CLI_SNARK_OPT_NAME,
    CLI_SNARK_OPT("--no-contribution", NULL, CLI_FLAG, NULL, no_contribution,
                  "no secret delta of yours (snarkjs's setup: the start of\n"
                  "a phase-2 ceremony; the key is forgeable until contributed to)"),
    CLI_SNARK_OPT_INSECURE("ceremony"),
    CLI_SNARK_OPT_QUIET,
};

static const cli_opt prove_opts_table[] = {CLI_SNARK_OPT_QUIET};

static const cli_opt verify_opts_table[] = {CLI_SNARK_OPT_QUIET, CLI_SNARK_OPT_INSECURE("key")};

const cli_cmd cli_cmd_groth16_setup = {
    CLI_CMD("groth16 setup", "F.r1cs pot.ptau F.zkey", 2, 3, run_groth16_setup, setup_opts_table,
            cli_snark_opts),
    .summary = "a proving key from a powers-of-tau file, with a fresh secret delta\n"
               "contributed (unlike snarkjs's setup, whose key anyone can forge for); a\n"
               "ceremony nobody contributed to (or only beacons) is refused",
};

const cli_cmd cli_cmd_groth16_prove = {
    CLI_CMD("groth16 prove", "F.zkey w.wtns proof.json public.json", 4, 4, run_groth16_prove,
            prove_opts_table, cli_snark_opts),
    .summary = "a proof and its public signals, as snarkjs groth16 prove writes them",
};

const cli_cmd cli_cmd_groth16_verify = {
    CLI_CMD("groth16 verify", "vk.json public.json proof.json", 3, 3, run_groth16_verify,
            verify_opts_table, cli_snark_opts),
    .summary = "exit 0 valid; 1 invalid (the pairing check fails, or the key is one anyone\n"
               "can forge for); 2 unreadable or malformed input",
};

const cli_group cli_group_groth16 = {
    .name = "groth16",
    .summary = "Groth16 on BN254 with snarkjs files",
};
