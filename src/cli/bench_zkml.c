/* zkml benchmarks: the whole CNN as a circuit (src/zkml) with the shipped
 * model at the calibrated scales (2^5) and worst-case accumulator widths.
 *
 * Reported: constraints per row and operation with hashed weights and the
 * totals and domains of every visibility; the time (wall and CPU) and the
 * peak resident memory of counting, compiling, computing the witness and
 * checking it constraint by constraint as it is generated. Peaks are the
 * process's VmHWM, reset before each phase. The Groth16 proof of the whole
 * CNN (setup, prove with its phases, verify) is benched once, through the
 * workflow users run, by `zkcave bench mnist` (bench_mnist_zk.c). */
#include <stdio.h>
#include <string.h>

#include "cli/bench.h"
#include "nn/calibrate.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "zkml/pipeline.h"
#include "zkml/zkml.h"

typedef struct phase {
    double wall, cpu;
} phase;

static phase phase_begin(void)
{
    bench_peak_reset();
    return (phase){bench_now(), bench_cpu_now()};
}

static void phase_end(const phase *p, const char *name)
{
    char line[96];
    snprintf(line, sizeof line, "zkml_%s_wall", name);
    bench_line(line, bench_now() - p->wall, "s");
    snprintf(line, sizeof line, "zkml_%s_cpu", name);
    bench_line(line, bench_cpu_now() - p->cpu, "s");
    snprintf(line, sizeof line, "zkml_%s_peak_rss", name);
    bench_line(line, bench_peak_mb(), "MB");
}

/* The x² network (assets/mnist-cnn-square.zkw with its own settings):
 * its constraints per layer beside the ReLU model's, both hashed. */
static void bench_square(const zkml_counts *relu)
{
    char why[256], path[512];
    nn_cnn m;
    zkml_settings s;
    nn_qparams q;
    if (nn_asset_path(path, sizeof path, NN_MODEL_SQUARE_FILE) != ZK_OK ||
        nn_model_load(&m, path, NULL, NULL, why, sizeof why) != ZK_OK) {
        printf("# zkml: no x² model (%s)\n", NN_MODEL_SQUARE_FILE);
        return;
    }
    nn_qmodel *qm = NULL;
    zkml_counts k;
    if (nn_asset_path(path, sizeof path, ZKML_SETTINGS_SQUARE_FILE) != ZK_OK ||
        zkml_settings_load(&s, &q, path, why, sizeof why) != ZK_OK ||
        nn_qmodel_init(&qm, &m, &q) != ZK_OK || zkml_count(&k, &s, qm, why, sizeof why)) {
        printf("# zkml: the x² model does not make a circuit\n");
    } else {
        for (int r = 0; r < ZKML_ROWS; r++) {
            uint64_t n = 0, n0 = 0;
            for (int o = 0; o < ZKML_OPS; o++) {
                n += k.cell[r][o].constraints;
                n0 += relu->cell[r][o].constraints;
            }
            char name[96];
            snprintf(name, sizeof name, "zkml_square_%s", zkml_row_name((zkml_row)r));
            bench_line(name, (double)n, "constraints");
            snprintf(name, sizeof name, "zkml_relu_%s", zkml_row_name((zkml_row)r));
            bench_line(name, (double)n0, "constraints");
        }
        bench_line("zkml_square_constraints", (double)k.total.constraints, "constraints");
        bench_line("zkml_square_over_relu",
                   (double)k.total.constraints / (double)relu->total.constraints, "x");
    }
    nn_qmodel_free(qm);
    nn_cnn_free(&m);
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
        bench_square(&k);
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
    nn_qmodel_free(qm);
    nn_cnn_free(&m);
}
