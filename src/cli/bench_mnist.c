/* MNIST benchmarks: the matrix kernel, one image through the float and the
 * integer model, and training time per epoch (extrapolated from 100 steps
 * of 64 images; an epoch is 60,000 images). Images are random pixels: the
 * work does not depend on them. Then the CNN proven (bench_mnist_zk.c). */
#include <stdio.h>
#include <string.h>

#include "cli/bench.h"
#include "core/core.h"
#include "nn/cnn.h"
#include "nn/gemm.h"
#include "nn/quant.h"
#include "nn/train.h"

typedef struct gemm_ctx {
    float *a, *b, *c, *ws;
} gemm_ctx;

/* The shape of conv2's forward product for 16 images. */
enum { GM = 32, GN = 16 * 196, GK = 144 };

static void run_gemm(void *p, uint64_t n)
{
    gemm_ctx *c = p;
    for (uint64_t i = 0; i < n; i++)
        nn_gemm(c->c, GN, c->a, GK, false, c->b, GN, false, GM, GN, GK, false, c->ws);
}

static void bench_gemm(zk_rng *rng)
{
    gemm_ctx c = {zk_alloc_aligned(GM * GK, 4), zk_alloc_aligned(GK * GN, 4),
                  zk_alloc_aligned(GM * GN, 4), zk_alloc_aligned(NN_GEMM_WS_FLOATS, 4)};
    if (c.a && c.b && c.c && c.ws) {
        for (size_t i = 0; i < GM * GK; i++)
            c.a[i] = (float)(zk_random_u64(rng) >> 40) * 0x1p-24f;
        for (size_t i = 0; i < GK * GN; i++)
            c.b[i] = (float)(zk_random_u64(rng) >> 40) * 0x1p-24f;
        const char *keep = nn_gemm_kernel_name();
        static const char *const kernels[] = {"portable", "avx512"};
        for (size_t k = 0; k < 2; k++) {
            if (nn_gemm_use(kernels[k]) != ZK_OK)
                continue;
            double ns = bench_ns_per_iter(run_gemm, &c, 0.2);
            char name[48];
            snprintf(name, sizeof name, "mnist_gemm_%s", kernels[k]);
            bench_line(name, 2.0 * GM * GN * GK / ns, "GFLOP/s");
        }
        nn_gemm_use(keep);
    }
    zk_free(c.a), zk_free(c.b), zk_free(c.c), zk_free(c.ws);
}

typedef struct infer_ctx {
    nn_cnn m;
    nn_cnn_ws ws;
    nn_qmodel *qm;
    nn_qtrace *tr;
    uint8_t img[NN_PIXELS];
} infer_ctx;

static volatile int g_sink;

static void run_float(void *p, uint64_t n)
{
    infer_ctx *c = p;
    for (uint64_t i = 0; i < n; i++)
        g_sink += nn_cnn_predict(&c->m, &c->ws, c->img, NULL);
}

static void run_int(void *p, uint64_t n)
{
    infer_ctx *c = p;
    for (uint64_t i = 0; i < n; i++) {
        int pred = 0;
        nn_qinfer(c->qm, c->img, c->tr, &pred, NULL);
        g_sink += pred;
    }
}

static void bench_inference(zk_rng *rng)
{
    infer_ctx c;
    memset(&c, 0, sizeof c);
    c.tr = zk_alloc(1, sizeof *c.tr);
    if (!c.tr || nn_cnn_init(&c.m) != ZK_OK || nn_cnn_ws_init(&c.ws, 1, false) != ZK_OK)
        goto out;
    nn_cnn_init_random(&c.m, rng);
    zk_random_bytes(rng, c.img, sizeof c.img);
    bench_line("mnist_float_infer", bench_ns_per_iter(run_float, &c, 0.3) / 1e3, "us/image");
    static const int scales[] = {8, 16};
    for (size_t s = 0; s < 2; s++) {
        nn_qparams q;
        nn_qparams_uniform(&q, scales[s]);
        if (nn_qmodel_init(&c.qm, &c.m, &q) != ZK_OK)
            continue;
        char name[48];
        snprintf(name, sizeof name, "mnist_int_infer_2^%d", scales[s]);
        bench_line(name, bench_ns_per_iter(run_int, &c, 0.3) / 1e3, "us/image");
        nn_qmodel_free(c.qm);
        c.qm = NULL;
    }
out:
    nn_cnn_ws_free(&c.ws);
    nn_cnn_free(&c.m);
    zk_free(c.tr);
}

static void bench_training(zk_rng *rng)
{
    enum { STEPS = 100, BATCH = 64, EPOCH = 60000 };
    nn_cnn m;
    nn_trainer t;
    nn_train_opts o;
    nn_train_opts_default(&o);
    uint8_t *img = zk_alloc(BATCH, NN_PIXELS), lab[BATCH];
    if (!img || nn_cnn_init(&m) != ZK_OK) {
        zk_free(img);
        return;
    }
    if (nn_trainer_init(&t, &m, &o) == ZK_OK) {
        zk_random_bytes(rng, img, (size_t)BATCH * NN_PIXELS);
        for (int i = 0; i < BATCH; i++)
            lab[i] = (uint8_t)zk_random_below(rng, 10);
        nn_trainer_step(&t, img, lab, BATCH);   /* warm the caches */
        double best_wall = 1e30, best_cpu = 1e30;
        for (int rep = 0; rep < 2; rep++) {
            double w0 = bench_now(), c0 = nn_cpu_seconds();
            for (int s = 0; s < STEPS; s++)
                nn_trainer_step(&t, img, lab, BATCH);
            double w = bench_now() - w0, c = nn_cpu_seconds() - c0;
            best_wall = w < best_wall ? w : best_wall;
            best_cpu = c < best_cpu ? c : best_cpu;
        }
        double scale = (double)EPOCH / (STEPS * BATCH);
        char name[64];
        snprintf(name, sizeof name, "mnist_train_epoch_%uthreads", zk_pool_threads());
        bench_line(name, best_wall * scale, "s");
        bench_line("mnist_train_epoch_cpu", best_cpu * scale, "s");
        nn_trainer_free(&t);
    }
    nn_cnn_free(&m);
    zk_free(img);
}

void bench_mnist(void)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 9);
    bench_gemm(&rng);
    bench_inference(&rng);
    bench_training(&rng);
    bench_mnist_zk();
}
