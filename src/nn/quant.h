/* Fixed-point quantization of the seed CNN and integer-only inference.
 *
 * A circuit computes over a prime field, so it cannot hold 0.3847291; it
 * holds the integer round(0.3847291 · 2^e) for a scale 2^e chosen per
 * tensor. Every tensor here has a power-of-two scale: input pixels
 * (in_exp), each layer's weights (w_exp), its bias (in_exp + w_exp, the
 * scale of the products it is added to) and its output (out_exp). Every
 * step below is integer arithmetic that a circuit reproduces exactly, so
 * this code is the specification the zkml layer's witness must match:
 *
 *   pixel:    x = floor((p · 2^(e+1) + 255) / 510)         = round(p/255 · 2^e), ties up
 *   weight:   w = round(v · 2^w_exp), ties away from zero   (done once, offline)
 *   layer:    acc = b + Σ w·x                               (exact, 64-bit)
 *   rescale:  r = in_exp + w_exp − out_exp;
 *             y = floor((acc + 2^(r−1)) / 2^r)  for r > 0   (round half up, toward +∞)
 *             y = acc · 2^(−r)                  for r <= 0
 *   ReLU:     max(y, 0);  maxpool: the largest of four   (both commute with
 *             the monotone rescale, so a circuit may apply them in any order)
 *   square:   (a square model, in ReLU's place) y² is at 2^(2·out_exp), so
 *             it is rescaled back: floor((y² + 2^(out−1)) / 2^out); y must
 *             fit 32 bits first and the result too, as any activation
 *   logits:   fc2's y, at scale 2^out_exp[3]
 *
 * Overflow is never silent. A layer whose worst case Σ|w|·max|x| + |b|
 * could leave 62 bits is refused before it runs; an accumulator outside the
 * signed acc_bits a circuit provides for it (its range check) is reported
 * with the layer, the position and the value; so is an activation that
 * leaves 32 bits.
 *
 * When the bound is below 2^53, the sums run in binary64 floating point:
 * every product and partial sum is then an integer that a double holds
 * exactly, so the result is the same integer, only computed with vector
 * instructions. Beyond 2^53 they run in 64-bit integers. */
#ifndef ZK_NN_QUANT_H
#define ZK_NN_QUANT_H

#include "core/err.h"
#include "core/types.h"
#include "nn/cnn.h"

enum { NN_QEXP_MIN = 0, NN_QEXP_MAX = 24 };

typedef struct nn_qparams {
    int in_exp;                  /* input pixels at 2^in_exp */
    int w_exp[NN_LAYERS];        /* each layer's weights */
    int out_exp[NN_LAYERS];      /* each layer's output; the next layer's input */
    int acc_bits[NN_LAYERS];     /* signed accumulator width allowed (0: only the 62-bit bound) */
    nn_activation act;           /* the model's (nn_qmodel_init copies it) */
} nn_qparams;

/* Every tensor at 2^s, no accumulator limit: the quant-table's rows. */
void nn_qparams_uniform(nn_qparams *q, int s);
/* ZK_EINVAL when an exponent is outside [NN_QEXP_MIN, NN_QEXP_MAX] or an
 * acc_bits outside [0, 62]. */
zk_err nn_qparams_check(const nn_qparams *q);
/* The input exponent of layer l (in_exp for conv1, out_exp[l-1] after). */
int nn_qparams_layer_in(const nn_qparams *q, int l);

typedef struct nn_qmodel {
    nn_qparams q;
    int32_t *w;                  /* NN_PARAMS entries at nn/cnn.h offsets (bias slots unused) */
    double *wf;                  /* the same integers as doubles */
    int64_t bias[NN_C1 + NN_C2 + NN_FC_HIDDEN + NN_CLASSES];   /* layer by layer */
    uint64_t row_abs_max[NN_LAYERS];  /* max over outputs of Σ|w| */
    int64_t bias_abs_max[NN_LAYERS];
} nn_qmodel;

/* Quantizes m's parameters with q, the activation m's whatever q says.
 * ZK_EOVERFLOW when a weight does not fit 31 bits at its scale. */
zk_err nn_qmodel_init(nn_qmodel **out, const nn_cnn *m, const nn_qparams *q);
void nn_qmodel_free(nn_qmodel *qm);

/* Where an overflow happened. */
typedef struct nn_qoverflow {
    int layer;                   /* 0..3, -1 for none */
    size_t index;                /* output index within the layer (channel-major) */
    int64_t value;               /* the accumulator (or activation) that did not fit */
    int bits;                    /* the width it had to fit */
    const char *what;            /* "accumulator", "activation" or "62-bit bound" */
} nn_qoverflow;

/* Every integer a circuit would hold for one image, layer by layer. */
typedef struct nn_qtrace {
    int32_t x[NN_PIXELS];                    /* input at 2^in_exp */
    int32_t a1[NN_C1 * NN_PIXELS];           /* conv1 → rescale → ReLU or square */
    int32_t p1[NN_C1 * 196];                 /* pool1 */
    int32_t a2[NN_C2 * 196];                 /* conv2 → rescale → activation */
    int32_t p2[NN_C2 * 49];                  /* pool2 = fc1's input, in (c, y, x) order */
    int32_t f1[NN_FC_HIDDEN];                /* fc1 → rescale → activation */
    int64_t z[NN_CLASSES];                   /* logits at 2^out_exp[3] */
    int64_t acc_max[NN_LAYERS];              /* largest |accumulator| per layer */
    /* scratch */
    int32_t col[NN_C1 * 9 * 196];
    int64_t acc[NN_C1 * NN_PIXELS];
    double colf[NN_C1 * 9 * 200];   /* the largest of 9 × 784, 144 × 200, 1568 × 8 */
    double accf[NN_PIXELS];
} nn_qtrace;

/* Integer inference of one image (784 pixels, 0..255). Fills tr and returns
 * the predicted class in *pred (the first of equal largest logits). On
 * ZK_EOVERFLOW, ov says where (ov may be NULL). */
zk_err nn_qinfer(const nn_qmodel *qm, const uint8_t image[NN_PIXELS], nn_qtrace *tr, int *pred,
                 nn_qoverflow *ov);

/* round(v · 2^e), ties away from zero, for weights; ZK_EOVERFLOW past 31 bits. */
zk_err nn_quantize_value(int32_t *out, double v, int e);
/* The rescale above: floor((acc + 2^(r−1)) / 2^r) for r > 0, acc · 2^−r else. */
int64_t nn_rescale(int64_t acc, int r);
/* A hidden layer's activation on its rescaled output y at 2^e (the rules
 * above); a square of |y| >= 2^31.5 saturates to INT64_MAX. */
int64_t nn_qactivate(int64_t y, nn_activation act, int e);
/* The input pixel rule above. */
int32_t nn_quantize_pixel(uint8_t p, int e);

#endif
