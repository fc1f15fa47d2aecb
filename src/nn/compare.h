/* One image through the float and the quantized model side by side: the
 * logits, the two predictions, and after every layer the error each
 * activation carries, |q · 2^−e − float|. What the quantization-error
 * explorer shows and lessons 14 and 15 ask about. */
#ifndef ZK_NN_COMPARE_H
#define ZK_NN_COMPARE_H

#include "core/err.h"
#include "nn/cnn.h"
#include "nn/quant.h"

typedef struct nn_comparison {
    float z[NN_CLASSES];            /* float logits */
    int64_t zq[NN_CLASSES];         /* quantized logits, integers at 2^e */
    int e;                          /* the logits' exponent */
    double logit_err[NN_CLASSES];
    int fpred, qpred;               /* qpred = -1 after an overflow */
    zk_err qerr;                    /* ZK_OK or ZK_EOVERFLOW */
    nn_qoverflow ov;
    /* |error| after each layer's activation: conv1 (16 × 28 × 28), conv2
     * (32 × 14 × 14), fc1 (128), fc2 (10, the logits) */
    float err1[NN_C1 * NN_PIXELS], err2[NN_C2 * 196], err3[NN_FC_HIDDEN], err4[NN_CLASSES];
    double max_err[NN_LAYERS], mean_err[NN_LAYERS];
    /* the float activations, for feature-map views */
    float a1[NN_C1 * NN_PIXELS], a2[NN_C2 * 196];
} nn_comparison;

/* Runs both models on img. ws needs room for one image; tr is scratch.
 * Returns ZK_OK even when the quantized model overflows (see qerr). */
zk_err nn_compare(nn_comparison *out, const nn_cnn *m, const nn_qmodel *qm,
                  const uint8_t img[NN_PIXELS], nn_cnn_ws *ws, nn_qtrace *tr);

/* The smallest s in [lo, hi] such that at s and at every finer scale up to
 * hi, the uniformly quantized model (every tensor at 2^s) predicts what the
 * float model predicts; hi + 1 when even 2^hi disagrees. */
zk_err nn_min_scale(int *s_out, const nn_cnn *m, const uint8_t img[NN_PIXELS], int lo, int hi);

#endif
