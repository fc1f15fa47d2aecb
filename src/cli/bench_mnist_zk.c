/* The seed CNN proven with Groth16, in `zkcave bench mnist`: the circuit's
 * constraints per layer and operation, and the times and peak memory of
 * each phase of the workflow (zkml/pipeline.h) on the shipped model and
 * settings: hashed weights with packed pixels, then fixed weights.
 *
 * Keys come from the workflow's own cache ($XDG_CACHE_HOME/zkcave/mnist),
 * the one `zkcave mnist prove` fills: the first run makes them (minutes;
 * its setup is then timed here), later runs read the setup time the cache
 * recorded. ZKCAVE_BENCH_SMALL=1 benches fc2 alone instead of the whole
 * CNN. This is the one bench of the whole CNN's proof (it proves what users
 * run); `zkcave bench zkml` keeps the circuit-level figures.
 *
 * Times are wall clock on a shared machine (CPU time beside them); peak
 * memory is this process's VmHWM, reset before each phase (Linux
 * /proc/self/clear_refs), so it is the phase's own high-water mark over
 * what the process held before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bench.h"
#include "core/alloc.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "zkml/pipeline.h"

/* The workflow's phases and the prover's, timed from their events. */
static const char *const phases[] = {"pipeline_compile", "pipeline_setup", "pipeline_witness",
                                     "pipeline_prove", "load", "qap_h", "msm_c", "msm_a",
                                     "msm_b1", "msm_b2", "finish"};
enum { FIRST_PROVER_PHASE = 4 };
enum { N_PHASES = sizeof phases / sizeof phases[0] };

static void line(const char *prefix, const char *what, double v, const char *unit)
{
    char name[96];
    snprintf(name, sizeof name, "%s_%s", prefix, what);
    bench_line(name, v, unit);
}

/* "max-pool" → "max_pool", "MAC" → "mac": names that read as one word. */
static void ident(char *out, size_t len, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < len; i++)
        out[i] = s[i] == '-' || s[i] == ' ' ? '_' : (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[i] = 0;
}

static void counts(const char *prefix, const zkml_model *m)
{
    const zkml_counts *k = &m->counts;
    line(prefix, "constraints", (double)k->total.constraints, "constraints");
    line(prefix, "wires", (double)k->n_wires, "wires");
    line(prefix, "public", (double)k->n_public, "signals");
    line(prefix, "domain", (double)k->log_domain, "log2");
    for (int r = 0; r < ZKML_ROWS; r++)
        for (int o = 0; o < ZKML_OPS; o++) {
            if (!k->cell[r][o].constraints)
                continue;
            char what[64], op[32];
            ident(op, sizeof op, zkml_op_name((zkml_op)o));
            snprintf(what, sizeof what, "%s_%s", zkml_row_name((zkml_row)r), op);
            line(prefix, what, (double)k->cell[r][o].constraints, "constraints");
        }
}

/* One model: keys (made or cached), then three proofs of the digit, the
 * best reported, and the verifier. */
static void bench_one(const char *prefix, const nn_cnn *cnn, const nn_qparams *q,
                      const zkml_settings *s, const uint8_t img[NN_PIXELS])
{
    zkml_model m;
    char why[600];
    double t0 = bench_now();
    if (zkml_model_init(&m, cnn, q, s, NULL, why, sizeof why)) {
        fprintf(stderr, "bench %s: %s\n", prefix, why);
        return;
    }
    line(prefix, "count", bench_now() - t0, "s");
    counts(prefix, &m);

    bench_phases c = {.names = phases, .n = N_PHASES};
    zk_events ev = {bench_phases_on_event, &c};
    zkml_keys k;
    bench_peak_reset();
    zk_err err = zkml_keys_ensure(&k, &m, &ev, why, sizeof why);
    if (err) {
        fprintf(stderr, "bench %s: %s\n", prefix, why);
        zkml_model_free(&m);
        return;
    }
    if (k.made) {
        line(prefix, "compile", c.dt[0], "s");
        line(prefix, "setup", k.setup_seconds, "s");
        line(prefix, "setup_peak", bench_peak_mb(), "MB");
        /* prove from the file, as every later proof does */
        groth16_pk_free(k.pk);
        zk_free(k.pk);
        k.pk = NULL;
    } else {
        line(prefix, "setup_cached", k.setup_seconds, "s");
    }

    double best = 1e30, best_cpu = 0, peak = 0;
    bench_phases bc = {.names = phases, .n = N_PHASES};
    zkml_proof pr;
    memset(&pr, 0, sizeof pr);
    for (int rep = 0; rep < 3 && !err; rep++) {
        zkml_proof_free(&pr);
        memset(c.dt, 0, sizeof c.dt);
        bench_peak_reset();
        double w0 = bench_now(), c0 = bench_cpu_now();
        err = zkml_prove_image(&pr, &m, &k, img, &ev, NULL);
        double wall = bench_now() - w0, cpu = bench_cpu_now() - c0, pk = bench_peak_mb();
        if (!err && wall < best) {
            best = wall;
            best_cpu = cpu;
            bc = c;
        }
        peak = pk > peak ? pk : peak;
    }
    if (!err) {
        line(prefix, "witness", bc.dt[2], "s");
        for (int i = FIRST_PROVER_PHASE; i < N_PHASES; i++) {
            char what[32];
            snprintf(what, sizeof what, "prove_%s", phases[i]);
            line(prefix, what, bc.dt[i], "s");
        }
        line(prefix, "prove", best, "s");
        line(prefix, "prove_cpu", best_cpu, "s");
        line(prefix, "prove_peak", peak, "MB");
        /* A fast wrong prover is no prover: the proof must verify. */
        double v_best = 1e30;
        bool valid = true;
        for (int rep = 0; rep < 20; rep++) {
            bool ok = false;
            double v0 = bench_now();
            groth16_verify(&ok, &k.vk, pr.pub, pr.n_pub, &pr.proof);
            double dt = bench_now() - v0;
            v_best = ok && dt < v_best ? dt : v_best;
            valid = valid && ok;
        }
        line(prefix, "verify", 1e3 * v_best, "ms");
        line(prefix, "proof_valid", valid, "bool");
    } else {
        fprintf(stderr, "bench %s: %s\n", prefix, zk_strerror(err));
    }
    zkml_proof_free(&pr);
    zkml_keys_free(&k);
    zkml_model_free(&m);
}

void bench_mnist_zk(void)
{
    nn_cnn cnn;
    zkml_settings s;
    nn_qparams q;
    uint8_t img[NN_PIXELS];
    char mpath[4096], spath[4096], ipath[4096], why[600];
    if (nn_asset_path(mpath, sizeof mpath, NN_MODEL_FILE) ||
        nn_asset_path(spath, sizeof spath, ZKML_SETTINGS_FILE) ||
        nn_asset_path(ipath, sizeof ipath, "digits/7_0000.png")) {
        fprintf(stderr, "bench mnist_zk: the assets are missing\n");
        return;
    }
    if (nn_model_load(&cnn, mpath, NULL, NULL, why, sizeof why) ||
        zkml_settings_load(&s, &q, spath, why, sizeof why) ||
        nn_digit_load_png(img, ipath, NULL, why, sizeof why)) {
        fprintf(stderr, "bench mnist_zk: %s\n", why);
        return;
    }
    const char *small = getenv("ZKCAVE_BENCH_SMALL");
    if (small && *small == '1') {
        s.first_layer = NN_LAYERS - 1;
        bench_one("mnist_zk_fc2", &cnn, &q, &s, img);
    } else {
        bench_one("mnist_zk_hashed", &cnn, &q, &s, img);
        s.params = ZKML_FIXED;
        bench_one("mnist_zk_fixed", &cnn, &q, &s, img);
    }
    nn_cnn_free(&cnn);
}
