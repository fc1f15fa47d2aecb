/* Pictures of the quantization-error explorer (nn/explore.h) as viz
 * heatmaps and charts, shared by lesson 14's panels and the workbench's
 * MNIST screen, and the PNG export of the whole view. */
#ifndef ZK_LESSON_MNIST_VIEWS_H
#define ZK_LESSON_MNIST_VIEWS_H

#include "nn/explore.h"
#include "viz/canvas.h"
#include "viz/chart.h"
#include "viz/heatmap.h"

/* The 28 × 28 digit, white on black. */
zk_err lesson_mnist_digit_map(viz_heatmap *hm, const uint8_t img[NN_PIXELS]);
/* The |error| of layer l (0..3) after its activation: with per_channel,
 * conv1 as 16 maps of 28 × 28 and conv2 as 32 of 14 × 14; without, the
 * largest error over the channels at each position (one map: where in the
 * image the error is). fc1 is 16 × 8, the logits 10 × 1. */
zk_err lesson_mnist_error_map(viz_heatmap *hm, const nn_comparison *c, int layer,
                              bool per_channel);
/* Softmax probabilities of the float and the quantized model, per class. */
zk_err lesson_mnist_prob_chart(viz_chart *ch, const nn_comparison *c, int scale);
/* Largest |error| per layer, at this scale. */
zk_err lesson_mnist_layer_chart(viz_chart *ch, const nn_comparison *c, int scale);
/* Softmax of n logits (double precision, max subtracted). */
void lesson_mnist_softmax(double *p, const double *z, int n);
/* The explorer's view as one PNG: the two charts above, the digit and the
 * error map of layer l below. */
zk_err lesson_mnist_export(const nn_explorer *x, int layer, const char *path);
/* Draws a heatmap into a fresh canvas w × h and appends its rows to lines
 * through add(ctx, row) — for results that hold text only. */
zk_err lesson_mnist_text_art(const viz_heatmap *hm, int w, int h,
                             zk_err (*add)(void *ctx, const char *row), void *ctx);

#endif
