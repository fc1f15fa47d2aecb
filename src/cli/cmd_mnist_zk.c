/* `zkcave mnist settings | compile | setup | witness`: the steps of the
 * zkML workflow before the proof (EZKL's gen-settings, compile-circuit,
 * setup, gen-witness), writing snarkjs's files. */
#include <cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/r1cs_io.h"
#include "cli/bench.h"
#include "cli/cli.h"
#include "cli/cmd_mnist_zk.h"
#include "cli/cmd_snark.h"
#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "snark/groth16_setup.h"
#include "snark/ptau.h"
#include "snark/zkey_mpc.h"

/* ---- the model and its settings --------------------------------------------------- */

int cli_mnist_zk_model(zkml_model *m, const char *cmd, const char *model_opt,
                       const char *settings_opt, char *model_path, char *settings_path)
{
    char mpath[4096], spath[4096], why[600];
    if (model_opt)
        snprintf(mpath, sizeof mpath, "%s", model_opt);
    else if (nn_asset_path(mpath, sizeof mpath, NN_MODEL_FILE) != ZK_OK)
        return cli_error(CLI_USAGE, "mnist %s: cannot find assets/%s (run from the zkcave "
                         "directory, set ZKCAVE_ASSETS, or pass --model FILE)", cmd, NN_MODEL_FILE);
    if (settings_opt)
        snprintf(spath, sizeof spath, "%s", settings_opt);
    else if (nn_asset_path(spath, sizeof spath, ZKML_SETTINGS_FILE) != ZK_OK)
        return cli_error(CLI_USAGE, "mnist %s: cannot find assets/%s (pass --settings FILE, "
                         "made by 'zkcave mnist calibrate')", cmd, ZKML_SETTINGS_FILE);
    zkml_settings s;
    nn_qparams q;
    zk_err err = zkml_settings_load(&s, &q, spath, why, sizeof why);
    if (err && zk_file_which(err, NULL))
        return cli_file_error(cmd, false, spath, err, NULL);
    if (err)
        return cli_error(CLI_USAGE, "mnist %s: %s: %s", cmd, spath, why);
    nn_cnn cnn;
    if (nn_model_load(&cnn, mpath, NULL, NULL, why, sizeof why) != ZK_OK)
        return cli_error(CLI_USAGE, "mnist %s: %s", cmd, why);
    if (s.salted) {
        nn_cnn_free(&cnn);
        return cli_error(CLI_USAGE, "mnist %s: %s asks for a salted model hash; the command line "
                         "does not take a salt yet", cmd, spath);
    }
    err = zkml_model_init(m, &cnn, &q, &s, NULL, why, sizeof why);
    nn_cnn_free(&cnn);
    if (err)
        return cli_error(CLI_USAGE, "mnist %s: %s does not make a circuit for %s: %s", cmd, spath,
                         mpath, why);
    if (model_path)
        memcpy(model_path, mpath, sizeof mpath);
    if (settings_path)
        memcpy(settings_path, spath, sizeof spath);
    return CLI_OK;
}

int cli_mnist_zk_files_check(const char *cmd, const zk_file_arg *files, size_t n_files,
                             const char *model_path, const char *settings_path)
{
    zk_file_arg all[8];
    if (n_files > 6)
        return cli_error(CLI_USAGE, "%s: too many files", cmd);
    memcpy(all, files, n_files * sizeof *files);
    all[n_files] = (zk_file_arg){"model", model_path, false};
    all[n_files + 1] = (zk_file_arg){"settings", settings_path, false};
    return cli_files_check(cmd, all, n_files + 2);
}

int cli_mnist_zk_start(zkml_model *m, uint8_t img[NN_PIXELS], const char *cmd, const char *png,
                       const zk_file_arg *files, size_t n_files, const cli_mnist_zk_opts *o)
{
    int rc = cli_files_check(cmd, files, n_files);
    if (rc)
        return rc;
    char why[600];
    if (nn_digit_load_png(img, png, NULL, why, sizeof why) != ZK_OK)
        return cli_error(CLI_USAGE, "%s: %s", cmd, why);
    char mpath[4096], spath[4096];
    if ((rc = cli_mnist_zk_model(m, cmd + strlen("mnist "), o->model, o->settings, mpath, spath)))
        return rc;
    if ((rc = cli_mnist_zk_files_check(cmd, files, n_files, mpath, spath)))
        zkml_model_free(m);
    return rc;
}

/* ---- progress ------------------------------------------------------------------------- */

void cli_mnist_progress_init(cli_mnist_progress *p, bool quiet)
{
    memset(p, 0, sizeof *p);
    p->quiet = quiet;
    p->tty = isatty(2);
    p->last_pct = -1;
}

static const char *top_label(const char *phase)
{
    return strncmp(phase, "pipeline_", 9) == 0 ? phase + 9 : phase;
}

/* "1 min 05 s", "12 s". */
static void say_time(char *buf, size_t len, double s)
{
    if (s >= 60)
        snprintf(buf, len, "%d min %02d s", (int)(s / 60), (int)s % 60);
    else
        snprintf(buf, len, "%d s", (int)(s + 0.5));
}

bool cli_mnist_progress_event(void *user, const zk_event *ev)
{
    cli_mnist_progress *p = user;
    /* Notes say what happened to the pinned key (a new key replacing it):
     * -q silences progress, not that. */
    if (p->quiet && ev->kind != ZK_EV_NOTE)
        return true;
    double now = bench_now();
    bool top = strncmp(ev->phase, "pipeline_", 9) == 0;
    switch (ev->kind) {
    case ZK_EV_BEGIN:
        if (top) {
            p->top = ev->phase;
            p->t_top = now;
        }
        p->sub = NULL;
        break;
    case ZK_EV_PROGRESS: {
        if (!p->tty || !ev->total || !p->top)
            break;
        /* The time left is the rate of the phase reporting progress, from
         * its first report: a new phase (or one that starts over, as each
         * MSM does) restarts the clock. */
        if (!p->sub || strcmp(p->sub, ev->phase) != 0 || ev->done < p->last_done) {
            p->sub = ev->phase;
            p->t_sub = now;
            p->last_pct = -1;
        }
        p->last_done = ev->done;
        int pct = (int)(100 * ev->done / ev->total);
        if (pct == p->last_pct && now - p->last_draw < 1)
            break;
        p->last_pct = pct;
        p->last_draw = now;
        char left[40] = "";
        double el = now - p->t_sub, f = (double)ev->done / (double)ev->total;
        if (f > 0.01 && el > 0.5 && f < 1) {
            char t[32];
            say_time(t, sizeof t, el * (1 - f) / f);
            snprintf(left, sizeof left, "  %s left", t);
        }
        char label[48];
        if (strcmp(p->top, "pipeline_prove") == 0 || strcmp(p->top, "pipeline_setup") == 0)
            snprintf(label, sizeof label, "%s %s", top_label(p->top), ev->phase);
        else
            snprintf(label, sizeof label, "%s", top_label(p->top));
        int bar = pct / 5;
        fprintf(stderr, "\r\033[K  %-16s [%.*s%*s] %3d%%%s", label, bar, "####################",
                20 - bar, "", pct, left);
        fflush(stderr);
        break;
    }
    case ZK_EV_END:
        if (!top)
            break;
        if (p->tty)
            fputs("\r\033[K", stderr);
        char t[32];
        double el = now - p->t_top;
        if (el >= 60)
            say_time(t, sizeof t, el);
        else
            snprintf(t, sizeof t, "%.2f s", el);
        fprintf(stderr, "  %-16s %s\n", top_label(ev->phase), t);
        p->top = NULL;
        p->sub = NULL;
        break;
    case ZK_EV_NOTE:
        if (ev->detail)
            fprintf(stderr, "%s  %s\n", p->tty ? "\r\033[K" : "", ev->detail);
        break;
    }
    return true;
}

/* ---- settings ------------------------------------------------------------------------- */

/* `mnist settings`: EZKL's gen-settings: the calibrated settings with the
 * run arguments the user chose. */
static int run_settings(void *opts, const cli_args *a)
{
    (void)a;
    static const char *const cmd = "mnist settings";
    const cli_mnist_zk_opts *o = opts;
    const char *out = o->out, *from = o->from, *vis = o->visibility, *layout = o->layout;
    const char *first = o->first_layer;
    zkml_visibility v = ZKML_HASHED;
    if (vis && zkml_visibility_parse(&v, vis))
        return cli_error(CLI_USAGE, "%s: --param-visibility is hashed, fixed, public or private",
                         cmd);
    if (layout && strcmp(layout, "packed") != 0 && strcmp(layout, "each") != 0)
        return cli_error(CLI_USAGE, "%s: --pixel-layout is packed or each", cmd);
    if (first && (strlen(first) != 1 || first[0] < '0' || first[0] > '3'))
        return cli_error(CLI_USAGE, "%s: --first-layer is 0 (the whole CNN) to 3 (fc2 alone)", cmd);
    char src[4096], why[600];
    if (from)
        snprintf(src, sizeof src, "%s", from);
    else if (nn_asset_path(src, sizeof src, ZKML_SETTINGS_FILE) != ZK_OK)
        return cli_error(CLI_USAGE, "%s: cannot find assets/%s (pass --from FILE)", cmd,
                         ZKML_SETTINGS_FILE);
    const zk_file_arg files[] = {{"settings", src, false}, {"new settings", out, true}};
    int rc = cli_files_check(cmd, files, 2);
    if (rc)
        return rc;
    zkml_settings s;
    nn_qparams q;
    zk_err err = zkml_settings_load(&s, &q, src, why, sizeof why);
    if (err && zk_file_which(err, NULL))
        return cli_file_error(cmd, false, src, err, NULL);
    if (err)
        return cli_error(CLI_USAGE, "%s: %s: %s", cmd, src, why);
    char *text;
    size_t len;
    if ((err = zk_file_read(src, 1 << 20, &text, &len)))
        return cli_file_error(cmd, false, src, err, NULL);
    cJSON *root = zk_json_parse(text, len);
    zk_free(text);
    cJSON *run = cJSON_GetObjectItemCaseSensitive(root, "run_args");
    if (!cJSON_IsObject(run)) {
        cJSON_Delete(root);
        return cli_error(CLI_USAGE, "%s: %s has no run_args", cmd, src);
    }
    if (vis)
        cJSON_ReplaceItemInObjectCaseSensitive(run, "param_visibility", cJSON_CreateString(vis));
    if (layout) {
        cJSON_DeleteItemFromObjectCaseSensitive(run, "pixel_layout");
        cJSON_AddStringToObject(run, "pixel_layout", layout);
    }
    if (first) {
        cJSON_DeleteItemFromObjectCaseSensitive(run, "first_layer");
        cJSON_AddNumberToObject(run, "first_layer", first[0] - '0');
    }
    char *json = cJSON_Print(root);
    cJSON_Delete(root);
    if (!json)
        return cli_error(CLI_FAIL, "%s: out of memory", cmd);
    if ((rc = cli_outputs_begin(cmd, files, 2)) == CLI_OK) {
        err = zk_file_write_atomic(out, json, strlen(json));
        rc = cli_outputs_end(cmd, err ? cli_file_error(cmd, true, out, err, NULL) : CLI_OK);
    }
    free(json);
    if (!rc) {
        zkml_visibility_parse(&v, vis ? vis : zkml_visibility_name(s.params));
        printf("wrote %s\n  %s\n", out, zkml_visibility_meaning(v));
    }
    return rc;
}

/* ---- compile ---------------------------------------------------------------------------- */

static void print_counts(const zkml_model *m)
{
    const zkml_counts *k = &m->counts;
    printf("%llu constraints in a domain of 2^%u, %u wires, %u public signals (%s weights, %s "
           "pixels%s)\n",
           (unsigned long long)k->total.constraints, k->log_domain, k->n_wires, k->n_public,
           zkml_visibility_name(m->s.params),
           m->s.pixels == ZKML_PIXELS_PACKED ? "packed" : "one signal a pixel",
           m->s.first_layer ? ", a reduced model" : "");
    for (int r = 0; r < ZKML_ROWS; r++) {
        uint64_t c = 0;
        for (int o = 0; o < ZKML_OPS; o++)
            c += k->cell[r][o].constraints;
        if (!c)
            continue;
        printf("  %-7s %10llu", zkml_row_name((zkml_row)r), (unsigned long long)c);
        const char *sep = "  (";
        for (int o = 0; o < ZKML_OPS; o++)
            if (k->cell[r][o].constraints) {
                printf("%s%s %llu", sep, zkml_op_name((zkml_op)o),
                       (unsigned long long)k->cell[r][o].constraints);
                sep = ", ";
            }
        printf(")\n");
    }
}

static int run_compile(void *opts, const cli_args *a)
{
    static const char *const cmd = "mnist compile";
    const cli_mnist_zk_opts o = *(const cli_mnist_zk_opts *)opts;
    const char *out = o.out;
    if (a->npos && o.settings)
        return cli_error(CLI_USAGE, "%s: the settings are settings.json or --settings FILE, not "
                         "both", cmd);
    zkml_model m;
    char spath[4096], mpath[4096];
    int rc =
        cli_mnist_zk_model(&m, "compile", o.model, a->npos ? a->pos[0] : o.settings, mpath, spath);
    if (rc)
        return rc;
    const zk_file_arg files[] = {{"settings", spath, false}, {"model", mpath, false},
                                 {"circuit", out, true}};
    if ((rc = cli_outputs_begin(cmd, files, 3))) {
        zkml_model_free(&m);
        return rc;
    }
    cli_mnist_progress pg;
    cli_mnist_progress_init(&pg, o.quiet);
    zk_events ev = {cli_mnist_progress_event, &pg};
    zkml_circuit c;
    char why[600];
    zk_err err = zk_emit(&ev, ZK_EV_BEGIN, "pipeline_compile", 0, 1, NULL);
    if (!err)
        err = zkml_compile(&c, &m.s, m.qm, &ev, why, sizeof why);
    if (err) {
        zkml_model_free(&m);
        return cli_outputs_end(cmd, cli_error(CLI_USAGE, "%s: %s", cmd, why));
    }
    zk_emit(&ev, ZK_EV_END, "pipeline_compile", 1, 1, NULL);
    err = r1cs_write_file(&c.cs, out);
    zkml_circuit_free(&c);
    rc = cli_outputs_end(cmd, err ? cli_file_error(cmd, true, out, err, NULL) : CLI_OK);
    if (!rc) {
        printf("wrote %s: ", out);
        print_counts(&m);
        printf("  %s\n  circuit id %s\n", zkml_visibility_meaning(m.s.params), m.id_hex);
        char hex[MONT256_HEX_MAX];
        if (m.has_hash)
            printf("  model hash %s\n", fr_to_hex(hex, &m.hash));
    }
    zkml_model_free(&m);
    return rc;
}

/* ---- setup ------------------------------------------------------------------------------ */

/* The key of mnist setup: from fresh secrets, or from a ceremony file and a
 * contribution of the user's own. */
static int make_key(groth16_pk *pk, const groth16_cs *cs, const char *pot, const zk_events *ev)
{
    static const char *const cmd = "mnist setup";
    if (!pot) {
        zk_err err = zkml_setup(pk, cs, ev);
        return err ? cli_error(CLI_FAIL, "%s: %s", cmd, zk_strerror(err)) : CLI_OK;
    }
    const char *none = NULL;
    zk_err err = ptau_file_no_secret(&none, pot);
    if (err)
        return cli_file_error(cmd, false, pot, err, cli_snark_why(err));
    if (none)
        return cli_error(CLI_USAGE, "%s: %s has no secret (%s): keys made from it can be forged",
                         cmd, pot, none);
    if ((err = zk_emit(ev, ZK_EV_BEGIN, "pipeline_setup", 0, 1, NULL)) == ZK_OK)
        err = groth16_setup_ptau(pk, cs, pot, "zkcave mnist setup", NULL,
                                 GROTH16_SETUP_CONTRIBUTE, ev);
    if (err == ZK_EOVERFLOW)
        return cli_error(CLI_USAGE, "%s: the circuit needs a domain of 2^%u; %s is smaller", cmd,
                         groth16_cs_log_domain(cs), pot);
    if (err == ZK_EUNSUPPORTED)
        return cli_error(CLI_USAGE, "%s: %s is exactly 2^%u; use a ceremony of 2^%u", cmd, pot,
                         groth16_cs_log_domain(cs), groth16_cs_log_domain(cs) + 1);
    if (err)
        return cli_file_error(cmd, false, pot, err, cli_snark_why(err));
    zk_emit(ev, ZK_EV_END, "pipeline_setup", 1, 1, NULL);
    return CLI_OK;
}

static int run_setup(void *opts, const cli_args *a)
{
    static const char *const cmd = "mnist setup";
    const cli_mnist_zk_opts o = *(const cli_mnist_zk_opts *)opts;
    const char *out = o.out, *pot = o.ptau;
    char **argv = a->pos;
    const zk_file_arg files[] = {{"circuit", argv[0], false},
                                 {"proving key", out, true},
                                 {"powers of tau", pot ? pot : argv[0], false}};
    int rc = cli_files_check(cmd, files, 3);
    if (rc)
        return rc;
    zkml_model m;
    char spath[4096], mpath[4096];
    if ((rc = cli_mnist_zk_model(&m, "setup", o.model, o.settings, mpath, spath)))
        return rc;
    if ((rc = cli_mnist_zk_files_check(cmd, files, 3, mpath, spath))) {
        zkml_model_free(&m);
        return rc;
    }
    groth16_cs cs;
    zk_err err = groth16_cs_read(&cs, argv[0]);
    if (err) {
        zkml_model_free(&m);
        return cli_file_error(cmd, false, argv[0], err, cli_snark_why(err));
    }
    cli_mnist_progress pg;
    cli_mnist_progress_init(&pg, o.quiet);
    zk_events ev = {cli_mnist_progress_event, &pg};
    char why[600];
    /* The key is pinned for the settings' circuit: the file must be it. */
    if ((err = zkml_same_circuit(&m, &cs, NULL, why, sizeof why))) {
        groth16_cs_free(&cs);
        zkml_model_free(&m);
        return cli_error(CLI_USAGE, "%s: %s is not the circuit of %s: %s (compile it with "
                         "'zkcave mnist compile %s'; 'zkcave groth16 setup' takes any circuit)",
                         cmd, argv[0], spath, why, spath);
    }
    if ((rc = cli_outputs_begin(cmd, files, 3))) {
        groth16_cs_free(&cs);
        zkml_model_free(&m);
        return rc;
    }
    double t0 = bench_now();
    groth16_pk pk;
    memset(&pk, 0, sizeof pk);
    groth16_vk vk = {0};
    rc = make_key(&pk, &cs, pot, &ev);
    groth16_cs_free(&cs);
    if (!rc && ((err = zkey_write(&pk, out)) || (err = groth16_vk_from_pk(&vk, &pk))))
        rc = cli_file_error(cmd, true, out, err, NULL);
    groth16_pk_free(&pk);
    double secs = bench_now() - t0;
    rc = cli_outputs_end(cmd, rc);
    zkml_keys k;
    if (!rc && (err = zkml_keys_pin(&k, &m, &vk, out, secs, why, sizeof why)))
        rc = cli_error(CLI_USAGE, "%s: wrote %s but could not pin it: %s", cmd, out, why);
    groth16_vk_free(&vk);
    if (!rc) {
        char hex[65];
        for (int i = 0; i < 32; i++)
            snprintf(hex + 2 * i, 3, "%02x", k.vk_sha256[i]);
        printf("wrote %s (setup %.1f s) and pinned its verification key for this circuit:\n"
               "  %s (SHA-256 %s)\n"
               "  'zkcave mnist verify' trusts this key, not a vk.json that comes with a proof.\n",
               out, secs, k.vk_path, hex);
        if (pot)
            printf("  Trust: the ceremony %s. Forging a proof takes its tau, which only all of\n"
                   "  its contributors together could know; your contribution to delta was wiped.\n",
                   pot);
        else
            printf("  Trust: the secrets (tau, alpha, beta, gamma, delta) were sampled on this "
                   "machine and wiped;\n  whoever ran this setup could have kept tau, and tau "
                   "forges any proof. For a key no\n  single machine knows, use a prepared "
                   "ceremony: --ptau FILE (README).\n");
        zkml_keys_free(&k);
    }
    zkml_model_free(&m);
    return rc;
}

/* ---- witness ---------------------------------------------------------------------------- */

static int run_witness(void *opts, const cli_args *a)
{
    static const char *const cmd = "mnist witness";
    const cli_mnist_zk_opts o = *(const cli_mnist_zk_opts *)opts;
    const char *out = o.out;
    char **argv = a->pos;
    const zk_file_arg files[] = {{"image", argv[0], false}, {"witness", out, true}};
    uint8_t img[NN_PIXELS];
    zkml_model m;
    int rc = cli_mnist_zk_start(&m, img, cmd, argv[0], files, 2, &o);
    if (rc)
        return rc;
    cli_mnist_progress pg;
    cli_mnist_progress_init(&pg, o.quiet);
    zk_events ev = {cli_mnist_progress_event, &pg};
    zkml_witness w;
    zkml_report rep;
    zk_err err = zkml_witness_for(&w, &m, img, true, &ev, &rep);
    if (err) {
        zkml_model_free(&m);
        return cli_error(err == ZK_EVERIFY ? CLI_FAIL : CLI_USAGE, "%s: %s", cmd,
                         rep.msg[0] ? rep.msg : zk_strerror(err));
    }
    if ((rc = cli_outputs_begin(cmd, files, 2)) == CLI_OK) {
        err = wtns_write_file(out, w.w, w.n);
        rc = cli_outputs_end(cmd, err ? cli_file_error(cmd, true, out, err, NULL) : CLI_OK);
    }
    if (!rc) {
        printf("wrote %s: %zu values, every constraint checked; ", out, w.n);
        cli_mnist_print_statement(&w.pub, &m);
        printf("  it holds the private weights and the image: keep it private; prove with\n"
               "  'zkcave groth16 prove mnist.zkey %s proof.json public.json'\n", out);
    }
    zkml_witness_free(&w);
    zkml_model_free(&m);
    return rc;
}

/* ---- hash ------------------------------------------------------------------------------- */

/* The model hash a proof about this model carries: what a verifier passes
 * as --model-hash, recomputable from the weights (README). */
static int run_hash(void *opts, const cli_args *a)
{
    (void)a;
    const cli_mnist_zk_opts o = *(const cli_mnist_zk_opts *)opts;
    zkml_model m;
    int rc = cli_mnist_zk_model(&m, "hash", o.model, o.settings, NULL, NULL);
    if (rc)
        return rc;
    if (!m.has_hash) {
        rc = cli_error(CLI_USAGE, "mnist hash: the settings make %s weights, which have no model "
                       "hash (only hashed visibility does)", zkml_visibility_name(m.s.params));
    } else {
        char hex[MONT256_HEX_MAX], dec[MONT256_DEC_MAX];
        printf("%s\n%s\n", fr_to_hex(hex, &m.hash), fr_to_dec(dec, &m.hash));
    }
    zkml_model_free(&m);
    return rc;
}

/* ---- the commands ---------------------------------------------------------------------- */

#define OPT_OUT(what) {"-o", NULL, CLI_STR, "FILE", offsetof(cli_mnist_zk_opts, out), \
                       .flags = CLI_OPT_REQUIRED, .help = "write the " what " to FILE"}

static const cli_opt settings_opts[] = {
    OPT_OUT("settings"),
    CLI_MNIST_ZK_OPT("--param-visibility", CLI_STR, "hashed|fixed|public|private", visibility,
                     "how the weights enter the circuit (default hashed)"),
    CLI_MNIST_ZK_OPT("--pixel-layout", CLI_STR, "packed|each", layout,
                     "pixels packed into field elements, or one each"),
    CLI_MNIST_ZK_OPT("--first-layer", CLI_STR, "N", first_layer,
                     "prove from layer N, 0 (the whole CNN) to 3 (fc2 alone)"),
    CLI_MNIST_ZK_OPT("--from", CLI_STR, "FILE", from,
                     "settings to start from (default the shipped)"),
};
static const cli_opt compile_opts[] = {
    OPT_OUT("circuit"), CLI_MNIST_ZK_OPT_MODEL, CLI_MNIST_ZK_OPT_SETTINGS, CLI_MNIST_ZK_OPT_QUIET,
};
static const cli_opt setup_opts[] = {
    OPT_OUT("proving key"),
    CLI_MNIST_ZK_OPT("--ptau", CLI_STR, "pot.ptau", ptau,
                     "from a prepared ceremony and a contribution of yours\n"
                     "(default: fresh secrets)"),
    CLI_MNIST_ZK_OPT_SETTINGS, CLI_MNIST_ZK_OPT_MODEL, CLI_MNIST_ZK_OPT_QUIET,
};
static const cli_opt witness_opts[] = {
    OPT_OUT("witness"), CLI_MNIST_ZK_OPT_SETTINGS, CLI_MNIST_ZK_OPT_MODEL, CLI_MNIST_ZK_OPT_QUIET,
};
static const cli_opt hash_opts[] = {CLI_MNIST_ZK_OPT_SETTINGS, CLI_MNIST_ZK_OPT_MODEL,
                                    CLI_MNIST_ZK_OPT_QUIET};

const cli_cmd cli_cmd_mnist_settings = {
    CLI_CMD("mnist settings", NULL, 0, 0, run_settings, settings_opts, cli_mnist_zk_opts),
    .heading = "Step by step:",
    .summary = "the shipped calibrated settings with other run arguments",
};
const cli_cmd cli_cmd_mnist_compile = CLI_MNIST_ZK_CMD(
    "compile", "[settings.json]", 0, 1, run_compile, compile_opts,
    "the circuit, and its constraints per layer and operation");
const cli_cmd cli_cmd_mnist_setup = CLI_MNIST_ZK_CMD(
    "setup", "mnist.r1cs", 1, 1, run_setup, setup_opts,
    "a proving key from fresh secrets (or from a prepared ceremony and\n"
    "a contribution of yours), its vk pinned for verify");
const cli_cmd cli_cmd_mnist_witness = CLI_MNIST_ZK_CMD(
    "witness", "digit.png", 1, 1, run_witness, witness_opts,
    "the witness; then: zkcave groth16 prove mnist.zkey w.wtns proof.json public.json");
const cli_cmd cli_cmd_mnist_hash = CLI_MNIST_ZK_CMD(
    "hash", NULL, 0, 0, run_hash, hash_opts,
    "the model hash proofs about the model carry (hex, decimal)");
