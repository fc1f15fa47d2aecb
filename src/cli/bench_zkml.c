/* zkml benchmarks: the whole CNN as a circuit (src/zkml) with the shipped
 * model at the calibrated scales (2^5) and worst-case accumulator widths.
 *
 * Reported: constraints per row and operation with hashed weights and the
 * totals and domains of every visibility; the time (wall and CPU) and the
 * peak resident memory of counting, compiling, computing the witness and
 * checking it constraint by constraint as it is generated; then, unless
 * ZKCAVE_BENCH_SMALL=1, the Groth16 proof of the whole circuit with a key
 * from known secrets made in memory (groth16_setup_toxic: a ceremony at
 * 2^22 is not a laptop's job, see lesson 18): setup, prove with its phases,
 * verify, and the peak memory of each. Peaks are the process's VmHWM,
 * reset before each phase through /proc/self/clear_refs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/bench.h"
#include "core/alloc.h"
#include "nn/calibrate.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "snark/groth16.h"
#include "snark/groth16_setup.h"
#include "zkml/zkml.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Resets the peak resident memory, where Linux allows it. */
static void peak_reset(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* The peak resident memory since the last reset, in MB (0 if unknown). */
static double peak_mb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    double mb = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            mb = strtod(line + 6, NULL) / 1024.0;
    fclose(f);
    return mb;
}

typedef struct phase {
    double wall, cpu;
} phase;

static phase phase_begin(void)
{
    peak_reset();
    return (phase){bench_now(), cpu_now()};
}

static void phase_end(const phase *p, const char *name)
{
    char line[96];
    snprintf(line, sizeof line, "zkml_%s_wall", name);
    bench_line(line, bench_now() - p->wall, "s");
    snprintf(line, sizeof line, "zkml_%s_cpu", name);
    bench_line(line, cpu_now() - p->cpu, "s");
    snprintf(line, sizeof line, "zkml_%s_peak_rss", name);
    bench_line(line, peak_mb(), "MB");
}

/* The prover's phases, timed from its events. */
#define N_PROVE 6
static const char *const prove_phases[N_PROVE] = {"qap_h", "msm_a", "msm_b1", "msm_b2",
                                                  "msm_c", "finish"};
static double prove_t0[N_PROVE], prove_dt[N_PROVE];

static bool on_event(void *user, const zk_event *ev)
{
    (void)user;
    for (int i = 0; i < N_PROVE; i++)
        if (strcmp(ev->phase, prove_phases[i]) == 0) {
            if (ev->kind == ZK_EV_BEGIN)
                prove_t0[i] = bench_now();
            else if (ev->kind == ZK_EV_END)
                prove_dt[i] = bench_now() - prove_t0[i];
        }
    return true;
}

static void prove_full(const zkml_settings *s, const nn_qmodel *qm, const uint8_t *img)
{
    const char *vis = zkml_visibility_name(s->params);
    char why[200], name[64];
    zkml_circuit c;
    if (zkml_compile(&c, s, qm, NULL, why, sizeof why) != ZK_OK)
        return;
    groth16_cs cs;
    zk_err err = groth16_cs_from_r1cs(&cs, &c.cs);
    zkml_layout L = c.layout;
    zkml_circuit_free(&c);
    if (err)
        return;
    groth16_toxic tx;
    groth16_toxic_random(&tx, NULL);
    groth16_pk pk;
    phase p = phase_begin();
    err = groth16_setup_toxic(&pk, &cs, &tx, false, NULL);
    groth16_toxic_wipe(&tx);
    groth16_cs_free(&cs);
    if (err)
        return;
    snprintf(name, sizeof name, "%s_setup", vis);
    phase_end(&p, name);
    zkml_witness w;
    zkml_report rep;
    if (zkml_witness_compute(&w, s, qm, img, NULL, false, &rep, NULL) != ZK_OK) {
        groth16_pk_free(&pk);
        return;
    }
    groth16_proof proof;
    zk_events ev = {on_event, NULL};
    p = phase_begin();
    err = groth16_prove(&proof, &pk, w.w, w.n, NULL, &ev);
    if (!err) {
        snprintf(name, sizeof name, "%s_prove", vis);
        phase_end(&p, name);
        for (int i = 0; i < N_PROVE; i++) {
            snprintf(name, sizeof name, "zkml_%s_prove_%s", vis, prove_phases[i]);
            bench_line(name, prove_dt[i], "s");
        }
        groth16_vk vk;
        bool ok = false;
        if (groth16_vk_from_pk(&vk, &pk) == ZK_OK) {
            double t0 = bench_now();
            err = groth16_verify(&ok, &vk, w.w + 1, L.n_public, &proof);
            snprintf(name, sizeof name, "zkml_%s_verify", vis);
            bench_line(name, (bench_now() - t0) * 1e3, "ms");
            groth16_vk_free(&vk);
        }
        snprintf(name, sizeof name, "zkml_%s_proof_valid", vis);
        bench_line(name, !err && ok, "bool");
    }
    zkml_witness_free(&w);
    groth16_pk_free(&pk);
}

void bench_zkml(void)
{
    char why[256], path[512];
    nn_cnn m;
    if (nn_asset_path(path, sizeof path, NN_MODEL_FILE) != ZK_OK ||
        nn_model_load(&m, path, NULL, NULL, why, sizeof why) != ZK_OK) {
        printf("# zkml: no model (%s)\n", NN_MODEL_FILE);
        return;
    }
    nn_qparams q;
    nn_qparams_for_scale(&q, &m, 5);
    nn_qmodel *qm = NULL;
    uint8_t img[NN_PIXELS];
    if (nn_qmodel_init(&qm, &m, &q) == ZK_OK) {
        nn_acc_bits_worst(q.acc_bits, qm);
        nn_qmodel_free(qm);
        qm = NULL;
    }
    if (nn_qmodel_init(&qm, &m, &q) != ZK_OK ||
        nn_asset_path(path, sizeof path, "digits/7_0000.png") != ZK_OK ||
        nn_digit_load_png(img, path, NULL, why, sizeof why) != ZK_OK) {
        printf("# zkml: no quantized model or digit\n");
        nn_qmodel_free(qm);
        nn_cnn_free(&m);
        return;
    }
    zkml_settings s;
    zkml_settings_default(&s);
    for (int v = 0; v < ZKML_VISIBILITIES; v++) {
        zkml_settings sv = s;
        sv.params = (zkml_visibility)v;
        zkml_counts k;
        if (zkml_count(&k, &sv, qm, why, sizeof why) != ZK_OK)
            continue;
        char name[96];
        snprintf(name, sizeof name, "zkml_constraints_%s", zkml_visibility_name(sv.params));
        bench_line(name, (double)k.total.constraints, "constraints");
        snprintf(name, sizeof name, "zkml_domain_%s", zkml_visibility_name(sv.params));
        bench_line(name, (double)(1u << k.log_domain), "points");
        if (v != ZKML_HASHED)
            continue;
        for (int r = 0; r < ZKML_ROWS; r++)
            for (int o = 0; o < ZKML_OPS; o++) {
                if (!k.cell[r][o].constraints)
                    continue;
                snprintf(name, sizeof name, "zkml_hashed_%s_%s", zkml_row_name(r), zkml_op_name(o));
                for (char *c = name; *c; c++)
                    *c = *c == ' ' || *c == '-' ? '_' : *c;
                bench_line(name, (double)k.cell[r][o].constraints, "constraints");
            }
        bench_line("zkml_hashed_wires", (double)k.n_wires, "wires");
        bench_line("zkml_hashed_terms", (double)k.total.terms, "terms");
    }
    zkml_counts k;
    phase p = phase_begin();
    if (zkml_count(&k, &s, qm, why, sizeof why) == ZK_OK)
        phase_end(&p, "count");
    zkml_circuit c;
    p = phase_begin();
    if (zkml_compile(&c, &s, qm, NULL, why, sizeof why) == ZK_OK) {
        phase_end(&p, "compile");
        zkml_circuit_free(&c);
    }
    for (int check = 0; check < 2; check++) {
        zkml_witness w;
        zkml_report rep;
        p = phase_begin();
        if (zkml_witness_compute(&w, &s, qm, img, NULL, check, &rep, NULL) == ZK_OK) {
            phase_end(&p, check ? "witness_checked" : "witness");
            zkml_witness_free(&w);
        }
    }
    const char *small = getenv("ZKCAVE_BENCH_SMALL");
    if (!small || strcmp(small, "1") != 0) {
        prove_full(&s, qm, img);
        zkml_settings f = s;
        f.params = ZKML_FIXED;
        prove_full(&f, qm, img);
    }
    nn_qmodel_free(qm);
    nn_cnn_free(&m);
}
