/* `zkcave mnist prove | verify`: the proof of a classification in one
 * command, and its check against the key pinned for the circuit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bench.h"
#include "cli/cli.h"
#include "cli/cmd_mnist_zk.h"
#include "cli/cmd_snark.h"
#include "core/alloc.h"
#include "core/file.h"
#include "nn/digit_png.h"


static void hash_hex(char out[MONT256_HEX_MAX], const fr_t *h)
{
    fr_to_hex(out, h);
}

/* The image a statement is about, 28 × 14 characters (two pixel rows a
 * line, the brighter of the two). */
void cli_mnist_print_image(const uint8_t px[NN_PIXELS])
{
    static const char ramp[] = " .:-=+*#%@";
    for (int y = 0; y < NN_SIDE; y += 2) {
        char line[NN_SIDE + 1];
        for (int x = 0; x < NN_SIDE; x++) {
            int v = px[y * NN_SIDE + x] > px[(y + 1) * NN_SIDE + x] ? px[y * NN_SIDE + x]
                                                                     : px[(y + 1) * NN_SIDE + x];
            line[x] = ramp[v * 9 / 255];
        }
        line[NN_SIDE] = 0;
        printf("    |%s|\n", line);
    }
}

void cli_mnist_print_statement(const zkml_public *p, const zkml_model *m)
{
    int e = m->qm->q.out_exp[NN_LAYERS - 1];
    printf("class %d\n  logits:", p->cls);
    for (int k = 0; k < NN_CLASSES; k++)
        printf(" %.3f", ldexp((double)p->logits[k], -e));
    printf("\n  as integers at 2^%d:", e);
    for (int k = 0; k < NN_CLASSES; k++)
        printf(" %lld", (long long)p->logits[k]);
    printf("\n");
    if (p->has_hash) {
        char hex[MONT256_HEX_MAX];
        hash_hex(hex, &p->model_hash);
        printf("  model hash %s\n", hex);
    }
}

/* ---- prove ------------------------------------------------------------------------------ */

static int write_proof(const char *dir_files[3], const zkml_proof *pr, const groth16_vk *vk)
{
    cJSON *jp = groth16_proof_to_json(&pr->proof), *ju = groth16_public_to_json(pr->pub, pr->n_pub);
    cJSON *jv = groth16_vk_to_json(vk);
    zk_err err = jp && ju && jv ? ZK_OK : ZK_ENOMEM;
    int which = 0;
    if (!err && !(err = groth16_json_write(jp, dir_files[0])) &&
        !(err = groth16_json_write(ju, dir_files[which = 1])))
        err = groth16_json_write(jv, dir_files[which = 2]);
    cJSON_Delete(jp);
    cJSON_Delete(ju);
    cJSON_Delete(jv);
    return err ? cli_file_error("mnist prove", true, dir_files[which], err, NULL) : CLI_OK;
}

static int run_prove(void *opts, const cli_args *a)
{
    static const char *const cmd = "mnist prove";
    const cli_mnist_zk_opts o = *(const cli_mnist_zk_opts *)opts;
    if (o.backend && strcmp(o.backend, "stark") == 0)
        return cli_mnist_prove_stark(&o, a->pos[0]);
    if (o.backend && strcmp(o.backend, "groth16") != 0)
        return cli_error(CLI_USAGE, "%s: --backend is groth16 or stark", cmd);
    const char *outdir = o.out;
    bool quiet = o.quiet;
    char **argv = a->pos;
    double t0 = bench_now();
    zk_err err;
    if (outdir && (err = zk_mkdir_p(outdir, 0755)))
        return cli_error(CLI_USAGE, "%s: cannot create %s: %s", cmd, outdir, zk_file_why(err));
    char paths[3][4200];
    static const char *const names[3] = {"proof.json", "public.json", "vk.json"};
    for (int i = 0; i < 3; i++)
        snprintf(paths[i], sizeof paths[i], "%s/%s", outdir ? outdir : ".", names[i]);
    const zk_file_arg files[] = {{"image", argv[0], false},
                                 {"proof", paths[0], true},
                                 {"public signals", paths[1], true},
                                 {"verification key", paths[2], true}};
    uint8_t img[NN_PIXELS];
    char why[600];
    zkml_model m;
    int rc = cli_mnist_zk_start(&m, img, cmd, argv[0], files, 4, &o);
    if (rc)
        return rc;
    if (!quiet && m.s.params != ZKML_HASHED)
        fprintf(stderr, "  weights %s\n", zkml_visibility_meaning(m.s.params));
    cli_mnist_progress pg;
    cli_mnist_progress_init(&pg, quiet);
    zk_events ev = {cli_mnist_progress_event, &pg};
    zkml_keys k;
    err = zkml_keys_ensure(&k, &m, &ev, why, sizeof why);
    if (err) {
        zkml_model_free(&m);
        return cli_error(CLI_USAGE, "%s: no key: %s", cmd, why);
    }
    if (!quiet)
        fprintf(stderr, "  key %s %s\n", k.made ? "made and cached in" : "from the cache,",
                k.dir);
    zkml_proof pr;
    zkml_report rep;
    err = zkml_prove_image(&pr, &m, &k, img, &ev, &rep);
    if (err) {
        zkml_keys_free(&k);
        zkml_model_free(&m);
        return cli_error(err == ZK_EVERIFY || err == ZK_EOVERFLOW ? CLI_FAIL : CLI_USAGE, "%s: %s",
                         cmd, rep.msg[0] ? rep.msg : zk_strerror(err));
    }
    const char *out_paths[3] = {paths[0], paths[1], paths[2]};
    if ((rc = cli_outputs_begin(cmd, files, 4)) == CLI_OK)
        rc = cli_outputs_end(cmd, write_proof(out_paths, &pr, &k.vk));
    if (!rc) {
        if (!quiet)
            fprintf(stderr, "  %-16s %.2f s\n", "total", bench_now() - t0);
        cli_mnist_print_statement(&pr.stmt, &m);
        printf("wrote %s, %s and %s\n", paths[0], paths[1], paths[2]);
        if (!quiet)
            printf("check it: zkcave mnist verify %s %s\n", paths[0], paths[1]);
    }
    zkml_proof_free(&pr);
    zkml_keys_free(&k);
    zkml_model_free(&m);
    return rc;
}

/* ---- verify ----------------------------------------------------------------------------- */

typedef struct verify_in {
    groth16_proof proof;
    fr_t *pub;
    size_t n_pub;
    groth16_vk vk;
    bool have_vk;
} verify_in;

static void verify_in_free(verify_in *v)
{
    zk_free(v->pub);
    if (v->have_vk)
        groth16_vk_free(&v->vk);
}

/* The proof and the public signals, or an exit code. */
static int read_proof(verify_in *v, const char *proof_path, const char *pub_path)
{
    static const char *const cmd = "mnist verify";
    cJSON *jp = NULL, *ju = NULL;
    int rc;
    if ((rc = cli_snark_read_json(&jp, proof_path, "proof")) ||
        (rc = cli_snark_read_json(&ju, pub_path, "public signals"))) {
        cJSON_Delete(jp);
        return rc;
    }
    zk_err err = groth16_proof_from_json(&v->proof, jp);
    if (!err)
        err = groth16_proof_check(&v->proof);
    if (err)
        rc = cli_error(CLI_USAGE, "%s: malformed proof %s: %s", cmd, proof_path,
                       cli_snark_why(err));
    else if ((err = groth16_public_from_json(&v->pub, &v->n_pub, ju)))
        rc = cli_error(CLI_USAGE, "%s: malformed public signals %s: %s", cmd, pub_path,
                       cli_snark_why(err));
    cJSON_Delete(jp);
    cJSON_Delete(ju);
    return rc;
}

/* The key the user named with --vk, its SHA-256 shown. */
static int read_vk_option(verify_in *v, const char *path, bool quiet)
{
    static const char *const cmd = "mnist verify";
    cJSON *jv;
    int rc = cli_snark_read_json(&jv, path, "verification key");
    if (rc)
        return rc;
    zk_err err = groth16_vk_from_json(&v->vk, jv);
    cJSON_Delete(jv);
    if (err)
        return cli_error(CLI_USAGE, "%s: bad verification key %s: %s", cmd, path,
                         cli_snark_why(err));
    v->have_vk = true;
    char sha[65];
    if ((err = zkml_file_sha256(sha, path)))
        return cli_file_error(cmd, false, path, err, NULL);
    if (!quiet)
        printf("key: %s (SHA-256 %s), named with --vk, not the key pinned for this circuit: "
               "trust it only if you know who made it\n", path, sha);
    return CLI_OK;
}

static int pinned_vk(verify_in *v, const zkml_model *m, bool quiet)
{
    zkml_keys k;
    char why[600];
    zk_err err = zkml_keys_find(&k, m, why, sizeof why);
    if (err == ZK_ENOENT)
        return cli_error(CLI_USAGE, "mnist verify: no key is pinned for this circuit here: make "
                         "one with 'zkcave mnist prove' or 'zkcave mnist setup', or name the "
                         "prover's with --vk FILE and compare its SHA-256 with theirs");
    if (err)
        return cli_error(CLI_USAGE, "mnist verify: the pinned key cannot be used: %s", why);
    v->vk = k.vk;
    v->have_vk = true;
    k.vk = (groth16_vk){0};
    if (!quiet) {
        printf("key: pinned for this circuit, %s (SHA-256 ", k.vk_path);
        for (int i = 0; i < 32; i++)
            printf("%02x", k.vk_sha256[i]);
        printf(")\n");
    }
    zkml_keys_free(&k);
    return CLI_OK;
}

static int run_verify(void *opts, const cli_args *a)
{
    static const char *const cmd = "mnist verify";
    const cli_mnist_zk_opts o = *(const cli_mnist_zk_opts *)opts;
    const char *mhash = o.model_hash, *vk_path = o.vk, *model = o.model;
    bool quiet = o.quiet;
    char **argv = a->pos;
    if (a->npos == 1)
        return cli_mnist_verify_stark(&o, argv[0]);
    if (cli_mnist_is_stark_file(argv[0]))
        return cli_error(CLI_USAGE, "%s: %s is a STARK proof: verify it alone (zkcave mnist "
                         "verify %s)", cmd, argv[0], argv[0]);
    if (model && mhash)
        return cli_error(CLI_USAGE, "%s: --model and --model-hash both name the model expected: "
                         "give one", cmd);
    fr_t expected;
    if (mhash && fr_from_str(&expected, mhash))
        return cli_error(CLI_USAGE, "%s: --model-hash must be a number below r, decimal or 0x "
                         "hex, as public.json and 'mnist verify' show it", cmd);
    verify_in v;
    memset(&v, 0, sizeof v);
    int rc = read_proof(&v, argv[0], argv[1]);
    zkml_model m;
    char mpath[4096], why[600];
    if (!rc)
        rc = cli_mnist_zk_model(&m, "verify", model, o.settings, mpath, NULL);
    if (rc) {
        verify_in_free(&v);
        return rc;
    }
    /* Only hashed visibility outputs a model hash: with other settings an
     * expected hash would go uncompared, and a valid proof pass as one
     * about that model. */
    if (mhash && !m.has_hash) {
        rc = cli_error(CLI_USAGE, "%s: --model-hash: the settings make %s weights, whose proofs "
                       "carry no model hash (only hashed visibility does)", cmd,
                       zkml_visibility_name(m.s.params));
        zkml_model_free(&m);
        verify_in_free(&v);
        return rc;
    }
    if (!mhash)
        expected = m.hash;
    /* What the signals say is checked before any key is looked for: a
     * count or a value the circuit cannot output is malformed (exit 2). */
    zkml_public stmt;
    stmt.params = NULL;
    if (zkml_public_decode(&stmt, &m.layout, v.pub, v.n_pub, why, sizeof why) != ZK_OK)
        rc = cli_error(CLI_USAGE, "%s: %s: %s (the circuit of these settings)", cmd, argv[1], why);
    if (!rc)
        rc = vk_path ? read_vk_option(&v, vk_path, quiet) : pinned_vk(&v, &m, quiet);
    if (!rc)
        rc = cli_snark_check_vk(&v.vk, NULL, vk_path ? vk_path : "(pinned)", cmd,
                                CLI_SNARK_VK_REFUSE);
    zkml_verified res;
    zk_err err = ZK_OK;
    if (!rc)
        err = zkml_verify(&res, &v.vk, &m.layout, v.pub, v.n_pub, &v.proof,
                          m.has_hash ? &expected : NULL,
                          m.s.params == ZKML_PUBLIC && !mhash ? m.qm : NULL, why, sizeof why);
    if (!rc && err)
        rc = cli_error(err == ZK_EFORGEABLE ? CLI_FAIL : CLI_USAGE, "%s: %s: %s", cmd,
                       err == ZK_EFORMAT ? argv[1] : "key", why);
    char got[MONT256_HEX_MAX], want[MONT256_HEX_MAX];
    if (!rc && res.stmt.has_hash) {
        hash_hex(got, &res.stmt.model_hash);
        hash_hex(want, &expected);
    }
    const char *who = mhash ? "--model-hash" : mpath;
    if (!rc && res.verdict == ZKML_INVALID) {
        rc = cli_error(CLI_FAIL, "INVALID proof: the pairing equation does not hold for this key "
                       "(a public signal or the proof was changed, or it was made with another "
                       "key)%s", res.model_checked && !res.model_matches
                                     ? "; it also names another model than the one expected"
                                     : "");
    } else if (!rc && res.verdict == ZKML_OTHER_MODEL) {
        if (res.stmt.has_hash)
            rc = cli_error(CLI_FAIL, "a valid proof, but about ANOTHER model: its model hash is "
                           "%s, the model expected (%s) has %s", got, who, want);
        else
            rc = cli_error(CLI_FAIL, "a valid proof, but about ANOTHER model: its public "
                           "parameters are not those of %s", who);
    } else if (!rc && !quiet) {
        printf("OK: the proof is valid. It proves:\n");
        cli_mnist_print_statement(&res.stmt, &m);
        if (res.stmt.has_hash)
            printf("    = the model expected (%s)\n", who);
        else if (m.s.params == ZKML_PUBLIC)
            printf("  the parameters, public, are those of %s\n", who);
        else
            printf("  weights %s\n", zkml_visibility_meaning(m.s.params));
        if (res.stmt.has_pixels) {
            printf("  for this image (public):\n");
            cli_mnist_print_image(res.stmt.pixels);
        } else {
            printf("  for a private input to layer %s (a reduced model: the image is not part of "
                   "the statement)\n", nn_layers[m.s.first_layer].name);
        }
    }
    zkml_model_free(&m);
    verify_in_free(&v);
    return rc;
}

static const cli_opt prove_opts[] = {
    CLI_MNIST_ZK_OPT("-o", CLI_STR, "DIR", out,
                     "where proof.json, public.json, vk.json go (default .);\n"
                     "with --backend stark, the proof file (default proof.bin)"),
    CLI_MNIST_ZK_OPT("--backend", CLI_STR, "groth16|stark", backend,
                     "the proof system (default groth16): stark proves the\n"
                     "whole CNN with no setup, zero knowledge on"),
    CLI_MNIST_ZK_OPT_SETTINGS,
    CLI_MNIST_ZK_OPT_MODEL,
    CLI_MNIST_ZK_OPT_QUIET,
};
static const cli_opt verify_opts[] = {
    CLI_MNIST_ZK_OPT_SETTINGS, CLI_MNIST_ZK_OPT_MODEL,
    CLI_MNIST_ZK_OPT("--model-hash", CLI_STR, "H", model_hash,
                     "the model expected, by its hash instead of --model\n"
                     "(a STARK proof: its Goldilocks digest, 64 hex digits)"),
    CLI_MNIST_ZK_OPT("--vk", CLI_STR, "FILE", vk,
                     "check with this key instead of the pinned one (its\n"
                     "SHA-256 is shown)"),
    CLI_MNIST_ZK_OPT_QUIET,
};

const cli_cmd cli_cmd_mnist_prove = {
    CLI_CMD("mnist prove", "digit.png", 1, 1, run_prove, prove_opts, cli_mnist_zk_opts),
    .heading = "Proving a classification with Groth16 (EZKL's steps, snarkjs's files):",
    .summary = "all of it at once: proof.json, public.json and vk.json in DIR\n"
               "(default .); the keys are made once and cached under\n"
               "$XDG_CACHE_HOME/zkcave/mnist, so the next digit skips setup;\n"
               "--backend stark: one proof file, no setup, no key",
};
const cli_cmd cli_cmd_mnist_verify = CLI_MNIST_ZK_CMD(
    "verify", "proof.json public.json | proof.bin", 1, 2, run_verify, verify_opts,
    "check the proof with the key pinned for the circuit (never a\n"
    "vk.json that comes with the proof), or a STARK proof.bin alone, and\n"
    "say what it proves: class, logits, model hash; exit 0 valid, 1\n"
    "invalid or about another model, 2 unreadable");
