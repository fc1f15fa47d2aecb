#include "nn/compare.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "nn/quant_eval.h"

static void errors(float *err, const float *f, const int32_t *q, size_t n, int e, double *max,
                   double *mean)
{
    double m = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        double d = fabs(ldexp((double)q[i], -e) - f[i]);
        err[i] = (float)d;
        m = d > m ? d : m;
        s += d;
    }
    *max = m;
    *mean = s / (double)n;
}

zk_err nn_compare(nn_comparison *out, const nn_cnn *m, const nn_qmodel *qm,
                  const uint8_t img[NN_PIXELS], nn_cnn_ws *ws, nn_qtrace *tr)
{
    memset(out, 0, sizeof *out);
    out->fpred = nn_cnn_predict(m, ws, img, out->z);
    memcpy(out->a1, ws->a1, sizeof out->a1);
    memcpy(out->a2, ws->a2, sizeof out->a2);
    out->e = qm->q.out_exp[NN_LAYERS - 1];
    out->qerr = nn_qinfer(qm, img, tr, &out->qpred, &out->ov);
    if (out->qerr == ZK_EOVERFLOW) {
        out->qpred = -1;
        return ZK_OK;
    }
    if (out->qerr)
        return out->qerr;
    memcpy(out->zq, tr->z, sizeof out->zq);
    nn_logit_error(out->zq, out->e, out->z, out->logit_err);
    const nn_qparams *q = &qm->q;
    errors(out->err1, ws->a1, tr->a1, NN_C1 * NN_PIXELS, q->out_exp[0], &out->max_err[0],
           &out->mean_err[0]);
    errors(out->err2, ws->a2, tr->a2, NN_C2 * 196, q->out_exp[1], &out->max_err[1],
           &out->mean_err[1]);
    errors(out->err3, ws->f1, tr->f1, NN_FC_HIDDEN, q->out_exp[2], &out->max_err[2],
           &out->mean_err[2]);
    double m4 = 0, s4 = 0;
    for (int k = 0; k < NN_CLASSES; k++) {
        out->err4[k] = (float)out->logit_err[k];
        m4 = out->logit_err[k] > m4 ? out->logit_err[k] : m4;
        s4 += out->logit_err[k];
    }
    out->max_err[3] = m4;
    out->mean_err[3] = s4 / NN_CLASSES;
    return ZK_OK;
}

zk_err nn_min_scale(int *s_out, const nn_cnn *m, const uint8_t img[NN_PIXELS], int lo, int hi)
{
    if (lo < NN_QEXP_MIN || hi > NN_QEXP_MAX || lo > hi)
        return ZK_EINVAL;
    nn_cnn_ws ws;
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    zk_err err = tr ? nn_cnn_ws_init(&ws, 1, false) : ZK_ENOMEM;
    if (err) {
        zk_free(tr);
        return err;
    }
    int fpred = nn_cnn_predict(m, &ws, img, NULL);
    int best = hi + 1;
    for (int s = hi; s >= lo && !err; s--) {
        nn_qparams q;
        nn_qparams_uniform(&q, s);
        nn_qmodel *qm;
        int pred = -1;
        err = nn_qmodel_init(&qm, m, &q);
        if (!err) {
            zk_err e = nn_qinfer(qm, img, tr, &pred, NULL);
            nn_qmodel_free(qm);
            if (e && e != ZK_EOVERFLOW)
                err = e;
        }
        if (err || pred != fpred)
            break;
        best = s;
    }
    nn_cnn_ws_free(&ws);
    zk_free(tr);
    *s_out = best;
    return err;
}
