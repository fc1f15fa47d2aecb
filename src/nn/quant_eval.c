#include "nn/quant_eval.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "nn/layers.h"

double nn_logit_error(const int64_t zq[NN_CLASSES], int e, const float z[NN_CLASSES],
                      double err[NN_CLASSES])
{
    double worst = 0;
    for (int k = 0; k < NN_CLASSES; k++) {
        double d = fabs(ldexp((double)zq[k], -e) - z[k]);
        if (err)
            err[k] = d;
        worst = d > worst ? d : worst;
    }
    return worst;
}

enum { CHUNK = 25 };

typedef struct qeval_ctx {
    const nn_qmodel *qm;
    const nn_dataset *d;
    size_t n;
    const float *float_logits;
    nn_qtrace *traces;        /* one per worker */
    nn_qeval *parts;          /* one per chunk */
} qeval_ctx;

static void run_chunks(void *ctx, size_t begin, size_t end, unsigned worker)
{
    qeval_ctx *c = ctx;
    nn_qtrace *tr = &c->traces[worker];
    for (size_t k = begin; k < end; k++) {
        nn_qeval *e = &c->parts[k];
        size_t lo = k * CHUNK, hi = lo + CHUNK < c->n ? lo + CHUNK : c->n;
        for (size_t i = lo; i < hi; i++) {
            int pred;
            nn_qoverflow ov;
            e->n++;
            if (nn_qinfer(c->qm, c->d->images + i * NN_PIXELS, tr, &pred, &ov) != ZK_OK) {
                if (!e->overflows++) {
                    e->first_overflow = ov;
                    e->first_overflow_image = i;
                }
                continue;
            }
            e->correct += pred == c->d->labels[i];
            for (int l = 0; l < NN_LAYERS; l++)
                e->acc_max[l] = tr->acc_max[l] > e->acc_max[l] ? tr->acc_max[l] : e->acc_max[l];
            if (c->float_logits) {
                const float *z = c->float_logits + i * NN_CLASSES;
                e->agree += pred == (int)nn_argmax(z, NN_CLASSES);
                double err = nn_logit_error(tr->z, c->qm->q.out_exp[NN_LAYERS - 1], z, NULL);
                e->max_logit_err = err > e->max_logit_err ? err : e->max_logit_err;
            }
        }
    }
}

zk_err nn_qevaluate(nn_qeval *out, const nn_qmodel *qm, const nn_dataset *d, size_t n,
                    const float *float_logits)
{
    memset(out, 0, sizeof *out);
    out->first_overflow.layer = -1;
    if (n == 0 || n > d->n)
        n = d->n;
    size_t chunks = (n + CHUNK - 1) / CHUNK;
    unsigned threads = zk_pool_threads();
    qeval_ctx c = {qm, d, n, float_logits, zk_alloc(threads, sizeof(nn_qtrace)),
                   zk_calloc(chunks, sizeof(nn_qeval))};
    if (!c.traces || !c.parts) {
        zk_free(c.traces);
        zk_free(c.parts);
        return ZK_ENOMEM;
    }
    zk_parallel_for(chunks, 1, run_chunks, &c);
    /* Chunks are merged in image order, so the first overflow is the first. */
    for (size_t k = 0; k < chunks; k++) {
        const nn_qeval *e = &c.parts[k];
        out->n += e->n;
        out->correct += e->correct;
        out->agree += e->agree;
        if (e->overflows && !out->overflows) {
            out->first_overflow = e->first_overflow;
            out->first_overflow_image = e->first_overflow_image;
        }
        out->overflows += e->overflows;
        out->max_logit_err = e->max_logit_err > out->max_logit_err ? e->max_logit_err
                                                                   : out->max_logit_err;
        for (int l = 0; l < NN_LAYERS; l++)
            out->acc_max[l] = e->acc_max[l] > out->acc_max[l] ? e->acc_max[l] : out->acc_max[l];
    }
    zk_free(c.traces);
    zk_free(c.parts);
    return ZK_OK;
}
