/* `zkcave mnist prove digit.png --backend stark -o proof.bin` and `zkcave
 * mnist verify proof.bin`: the classification proven with the STARK
 * (zkml/zkml_stark.h), and a proof file checked against the model
 * expected, both model hashes shown. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_mnist_zk.h"
#include "core/alloc.h"
#include "core/file.h"
#include "zkml/zkml_stark.h"

/* The two commitments to the same quantized weights, and why there are two. */
static void print_hashes(const zkml_model *m, const gl_t *carried, const char *expected)
{
    char gl[ZKML_GL_DIGEST_HEX + 1];
    zkml_gl_digest_hex(gl, carried);
    printf("  model digest %s\n    Goldilocks Poseidon (4 elements) of the weights, hashed "
           "inside the proof\n", gl);
    if (expected)
        printf("    = the model expected (%s)\n", expected);
    if (m->has_hash) {
        char hex[MONT256_HEX_MAX];
        printf("  model hash   %s\n    BN254 Poseidon: what the same model's Groth16 proof "
               "carries\n", fr_to_hex(hex, &m->hash));
    }
    printf("  two hashes of the same weights: each backend hashes in its own field (the\n"
           "  STARK's 64-bit Goldilocks, Groth16's 254-bit BN254 scalars), and neither\n"
           "  field's Poseidon is cheap to compute inside the other's proof\n");
}

static void print_figures(const zkml_stark_figures *f, bool verified)
{
    printf("  %u bits conjectured, proven %u (UDR) / %u (LDR); %zu bytes (%.0f KiB)\n",
           f->sec.conjectured, f->sec.proven_udr, f->sec.proven_ldr, f->bytes,
           (double)f->bytes / 1024);
    if (verified)
        printf("  verified in %.2f ms (CPU %.2f ms)", f->seconds * 1e3, f->cpu_seconds * 1e3);
    else
        printf("  proved in %.2f s (CPU %.2f s)", f->seconds, f->cpu_seconds);
    printf("; trace %zu rows x %zu columns\n", f->rows, f->columns);
}

int cli_mnist_prove_stark(const cli_mnist_zk_opts *o, const char *png)
{
    static const char *const cmd = "mnist prove";
    const char *out = o->out ? o->out : "proof.bin";
    const zk_file_arg files[] = {{"image", png, false}, {"proof", out, true}};
    uint8_t img[NN_PIXELS];
    zkml_model m;
    int rc = cli_mnist_zk_start(&m, img, cmd, png, files, 2, o);
    if (rc)
        return rc;
    cli_mnist_progress pg;
    cli_mnist_progress_init(&pg, o->quiet);
    zk_events ev = {cli_mnist_progress_event, &pg};
    uint8_t *buf = NULL;
    size_t len = 0;
    zkml_stark_statement st;
    zkml_stark_figures f;
    char why[600];
    zk_err err = zkml_stark_prove(&buf, &len, &st, &f, &m, img, &ev, why, sizeof why);
    if (err) {
        zkml_model_free(&m);
        return cli_error(err == ZK_ETRACE ? CLI_FAIL : CLI_USAGE, "%s: %s", cmd, why);
    }
    if ((rc = cli_outputs_begin(cmd, files, 2)) == CLI_OK) {
        err = zk_file_write_atomic(out, buf, len);
        rc = cli_outputs_end(cmd, err ? cli_file_error(cmd, true, out, err, NULL) : CLI_OK);
    }
    zk_free(buf);
    if (!rc) {
        cli_mnist_print_statement(&st.pub, &m);
        print_hashes(&m, st.digest, NULL);
        printf("wrote %s: a STARK proof (Goldilocks, FRI; zero knowledge on)\n", out);
        print_figures(&f, false);
        if (!o->quiet)
            printf("check it: zkcave mnist verify %s\n", out);
    }
    zkml_model_free(&m);
    return rc;
}

bool cli_mnist_is_stark_file(const char *path)
{
    uint8_t head[16];
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return zkml_stark_is_proof(head, n);
}

int cli_mnist_verify_stark(const cli_mnist_zk_opts *o, const char *path)
{
    static const char *const cmd = "mnist verify";
    if (o->vk)
        return cli_error(CLI_USAGE, "%s: %s is a STARK proof, which needs no key (--vk is for "
                         "Groth16 proofs)", cmd, path);
    if (o->model && o->model_hash)
        return cli_error(CLI_USAGE, "%s: --model and --model-hash both name the model expected: "
                         "give one", cmd);
    gl_t expected[ZKML_GL_DIGEST];
    if (o->model_hash && zkml_gl_digest_parse(expected, o->model_hash))
        return cli_error(CLI_USAGE, "%s: --model-hash with a STARK proof is its Goldilocks "
                         "digest: 64 hex digits, four elements below p", cmd);
    char *buf;
    size_t len;
    zk_err err = zk_file_read(path, STARK_PROOF_MAX_BYTES, &buf, &len);
    if (err)
        return cli_file_error(cmd, false, path, err, NULL);
    if (!zkml_stark_is_proof((const uint8_t *)buf, len)) {
        zk_free(buf);
        return cli_error(CLI_USAGE, "%s: %s is not a zkcave STARK proof (a Groth16 proof is "
                         "checked with its public signals: zkcave mnist verify proof.json "
                         "public.json)", cmd, path);
    }
    zkml_model m;
    char mpath[4096], why[600];
    int rc = cli_mnist_zk_model(&m, "verify", o->model, o->settings, mpath, NULL);
    if (rc) {
        zk_free(buf);
        return rc;
    }
    zkml_stark_verified r;
    err = zkml_stark_verify(&r, (const uint8_t *)buf, len, &m, o->model_hash ? expected : NULL,
                            STARK_MIN_BITS_DEFAULT, why, sizeof why);
    zk_free(buf);
    const char *who = o->model_hash ? "--model-hash" : mpath;
    if (err)
        rc = cli_error(CLI_USAGE, "%s: %s: %s", cmd, path, why);
    else if (r.verdict == ZKML_STARK_WEAK)
        rc = cli_error(CLI_FAIL, "rejected: the proof's parameters give %u bits of conjectured "
                       "security, below the minimum of %u", r.fig.sec.conjectured,
                       STARK_MIN_BITS_DEFAULT);
    else if (r.verdict == ZKML_STARK_INVALID)
        rc = cli_error(CLI_FAIL, "INVALID proof: %s (the statement or the proof was changed)", why);
    else if (r.verdict == ZKML_STARK_OTHER_MODEL)
        rc = cli_error(CLI_FAIL, "a valid proof, but about ANOTHER model: %s (the model "
                       "expected: %s)", why, who);
    if (!rc) {
        printf("OK: the STARK proof is valid. It proves:\n");
        cli_mnist_print_statement(&r.st.pub, &m);
        print_hashes(&m, r.st.digest, who);
        printf("  for this image (public):\n");
        cli_mnist_print_image(r.st.pub.pixels);
        print_figures(&r.fig, true);
    }
    zkml_model_free(&m);
    return rc;
}
