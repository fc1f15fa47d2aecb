/* The quantized model measured on a data set, against the float model:
 * accuracy, agreement of predictions, the largest logit error and the
 * largest accumulator per layer. Images run in parallel; the figures do not
 * depend on the thread count. */
#ifndef ZK_NN_QUANT_EVAL_H
#define ZK_NN_QUANT_EVAL_H

#include "core/err.h"
#include "nn/idx.h"
#include "nn/quant.h"

typedef struct nn_qeval {
    size_t n;                     /* images measured */
    size_t correct;               /* quantized prediction = label */
    size_t agree;                 /* quantized prediction = float prediction */
    size_t overflows;             /* images refused for an overflow */
    nn_qoverflow first_overflow;  /* the first of them, in image order */
    size_t first_overflow_image;
    double max_logit_err;         /* max |z_q / 2^e − z_float| over images and classes */
    int64_t acc_max[NN_LAYERS];   /* largest |accumulator| seen per layer */
} nn_qeval;

/* Runs the first n images of d (n = 0: all). float_logits (n × 10, from
 * nn_evaluate) may be NULL: then agree and max_logit_err stay 0. */
zk_err nn_qevaluate(nn_qeval *out, const nn_qmodel *qm, const nn_dataset *d, size_t n,
                    const float *float_logits);

/* |z_q · 2^−e − z| for each class; returns the largest. */
double nn_logit_error(const int64_t zq[NN_CLASSES], int e, const float z[NN_CLASSES],
                      double err[NN_CLASSES]);

#endif
