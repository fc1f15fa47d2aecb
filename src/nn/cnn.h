/* The seed CNN of the curriculum, exactly as the article describes it. The
 * article, here and in the lessons, is the three-part series on
 * zero-knowledge proofs whose arc the curriculum follows (foundations,
 * proving computation, ZK meets AI: ../shared/design/CURRICULUM.md, which
 * also states this network's facts under "The seed CNN").
 *
 *   input 1×28×28
 *   conv1 1→16, 3×3, pad 1 → ReLU → maxpool 2   (16×14×14)
 *   conv2 16→32, 3×3, pad 1 → ReLU → maxpool 2  (32×7×7)
 *   flatten (c, y, x) → fc1 1568→128 → ReLU → fc2 128→10 (logits)
 *
 * The activation is ReLU unless the model says otherwise: `mnist train
 * --activation square` puts x ↦ x² in the three places ReLU stands, the
 * activation of the proof-friendly networks (CryptoNets, Gilad-Bachrach et
 * al., ICML 2016): a square is one multiplication in a circuit where ReLU
 * needs the sign, i.e. a range check (lesson 15 counts both).
 *
 * Parameters: 160 + 4,640 + 200,832 + 1,290 = 206,922 (the article's
 * "~408K" is wrong: nothing in this network has that many). Multiply-
 * accumulates per image: 112,896 + 903,168 + 200,704 + 1,280 = 1,218,048.
 *
 * All parameters live in one float array, in PyTorch's order and layout:
 * conv1.weight (16,1,3,3), conv1.bias, conv2.weight (32,16,3,3), conv2.bias,
 * fc1.weight (128,1568), fc1.bias, fc2.weight (10,128), fc2.bias. Pixels
 * enter as value/255 in [0, 1], white digit on black as in MNIST. */
#ifndef ZK_NN_CNN_H
#define ZK_NN_CNN_H

#include "core/err.h"
#include "core/rng.h"
#include "core/types.h"

enum {
    NN_SIDE = 28,
    NN_PIXELS = 784,
    NN_CLASSES = 10,
    NN_C1 = 16,
    NN_C2 = 32,
    NN_FC_IN = 1568,
    NN_FC_HIDDEN = 128,
    NN_LAYERS = 4,
};

/* Where each tensor starts in the parameter array. */
enum {
    NN_OFF_CONV1_W = 0,
    NN_OFF_CONV1_B = NN_OFF_CONV1_W + NN_C1 * 9,
    NN_OFF_CONV2_W = NN_OFF_CONV1_B + NN_C1,
    NN_OFF_CONV2_B = NN_OFF_CONV2_W + NN_C2 * NN_C1 * 9,
    NN_OFF_FC1_W = NN_OFF_CONV2_B + NN_C2,
    NN_OFF_FC1_B = NN_OFF_FC1_W + NN_FC_HIDDEN * NN_FC_IN,
    NN_OFF_FC2_W = NN_OFF_FC1_B + NN_FC_HIDDEN,
    NN_OFF_FC2_B = NN_OFF_FC2_W + NN_CLASSES * NN_FC_HIDDEN,
    NN_PARAMS = NN_OFF_FC2_B + NN_CLASSES,   /* 206,922 */
};

/* One layer's shape, for tables and lessons. */
typedef struct nn_layer_info {
    const char *name;        /* "conv1" */
    const char *shape;       /* "1→16, 3×3, pad 1" */
    size_t weight_off, weights;
    size_t bias_off, biases;
    size_t fan_in;           /* inputs summed per output: 9, 144, 1568, 128 */
    size_t outputs;          /* outputs per image: 12,544, 6,272, 128, 10 */
    size_t macs;             /* multiply-accumulates per image */
} nn_layer_info;

extern const nn_layer_info nn_layers[NN_LAYERS];

/* What follows conv1, conv2 and fc1. The numbers are the model file's
 * activation codes (nn/model_file.h): never renumber. */
typedef enum nn_activation {
    NN_ACT_RELU = 0,
    NN_ACT_SQUARE = 1,
    NN_ACTIVATIONS
} nn_activation;

/* "relu", "square". */
const char *nn_activation_name(nn_activation a);
/* ZK_EINVAL for any other name. */
zk_err nn_activation_parse(nn_activation *a, const char *name);

typedef struct nn_cnn {
    float *p;            /* NN_PARAMS floats, 64-byte aligned */
    nn_activation act;
} nn_cnn;

zk_err nn_cnn_init(nn_cnn *m);   /* all zero, ReLU */
void nn_cnn_free(nn_cnn *m);
/* He initialisation for the ReLU layers (He et al., "Delving Deep into
 * Rectifiers", ICCV 2015): weights uniform in ±sqrt(6 / fan_in), biases 0;
 * the same seed gives the same weights on every machine. A square model
 * (m->act, set before) gets half that bound (see cnn.c). */
void nn_cnn_init_random(nn_cnn *m, zk_rng *rng);

/* Activations and gradients for batches of up to cap images. */
typedef struct nn_cnn_ws {
    size_t cap;
    float *x;              /* input        [1][n][28][28] */
    float *col1;           /* im2col       [9][n·784] */
    float *a1;             /* conv1, act   [16][n·784] */
    float *p1;             /* pool1        [16][n·196] */
    uint8_t *arg1;
    float *col2;           /* im2col       [144][n·196] */
    float *a2;             /* conv2, act   [32][n·196] */
    float *p2;             /* pool2        [32][n·49] */
    uint8_t *arg2;
    float *f0;             /* flattened    [n][1568] */
    float *f1;             /* fc1, act     [n][128] */
    float *z;              /* logits       [n][10] */
    /* backward, square only: the activations' inputs (x² forgets the sign) */
    float *pre1, *pre2, *pref1;
    /* backward */
    float *dz, *df1, *df0, *dp2, *da2, *dcol2, *dp1, *da1;
    float *gemm;           /* NN_GEMM_WS_FLOATS */
    float *block;          /* the one allocation behind all of the above */
} nn_cnn_ws;

zk_err nn_cnn_ws_init(nn_cnn_ws *ws, size_t cap, bool backward);
void nn_cnn_ws_free(nn_cnn_ws *ws);

/* Forward pass of n <= ws->cap images (784 bytes each, 0..255); the logits
 * are in ws->z and every activation stays in ws for the backward pass. */
void nn_cnn_forward(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t *images, size_t n);
/* Backward pass after nn_cnn_forward: writes the gradient of
 * scale · (summed cross-entropy) into grad (NN_PARAMS floats) and returns the
 * summed loss; *correct counts the right predictions. */
double nn_cnn_backward(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t *labels, size_t n,
                       float scale, float *grad, size_t *correct);

/* The predicted class of one image, with its logits if logits is not NULL. */
int nn_cnn_predict(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t image[NN_PIXELS],
                   float logits[NN_CLASSES]);

#endif
