/* The CNN's layers, forward and backward, on plain float buffers.
 *
 * Activations of a batch of n images are channel-major, (c, n, h, w): a
 * 3×3 convolution with padding 1 is then one matrix product
 *
 *     Y[o][p] = b[o] + Σ_k W[o][k] · col[k][p],   k = (c, ky, kx), p = (image, y, x),
 *
 * where col = im2col(x) holds, for every output position p, the 3×3
 * neighbourhood of every input channel (zero outside the image), and W is
 * stored as PyTorch stores it, (out, in, 3, 3). Its gradients are
 *
 *     dW = dY · colᵀ,   db[o] = Σ_p dY[o][p],   dcol = Wᵀ · dY,
 *
 * and dx is dcol folded back (col2im, the adjoint of im2col). Linear layers
 * take images as rows, x (n, in), with W (out, in): y = x·Wᵀ + b,
 * dW = dyᵀ·x, dx = dy·W. See Goodfellow, Bengio and Courville, *Deep
 * Learning* (2016), §6.5 and §9, for these rules.
 *
 * Every function is single-threaded and allocation-free; ws is a GEMM
 * workspace (nn/gemm.h). Results depend only on the inputs, never on
 * where a batch sits in memory. */
#ifndef ZK_NN_LAYERS_H
#define ZK_NN_LAYERS_H

#include "core/types.h"

/* col [c·9][n·h·w] from x [c][n][h][w]. */
void nn_im2col3(float *col, const float *x, size_t c, size_t n, size_t h, size_t w);
/* dx [c][n][h][w] = the sum of every entry of dcol [c·9][n·h·w] into the
 * input element it was copied from (dx is overwritten). */
void nn_col2im3(float *dx, const float *dcol, size_t c, size_t n, size_t h, size_t w);

/* y [cout][n·h·w] from x [cin][n][h][w]; col is scratch of cin·9·n·h·w
 * floats and keeps im2col(x) for the backward pass. */
void nn_conv3_forward(float *y, float *col, const float *x, const float *wt, const float *b,
                      size_t cin, size_t cout, size_t n, size_t h, size_t w, float *ws);
/* dW, db (overwritten) and, when dx is not NULL, dx [cin][n][h][w] from dy
 * [cout][n·h·w] and the forward pass's col; dcol is scratch like col. */
void nn_conv3_backward(float *dw, float *db, float *dx, float *dcol, const float *dy,
                       const float *col, const float *wt, size_t cin, size_t cout, size_t n,
                       size_t h, size_t w, float *ws);

/* x = max(x, 0) in place. */
void nn_relu_forward(float *x, size_t len);
/* dy[i] = 0 where the forward output y[i] was 0. */
void nn_relu_backward(float *dy, const float *y, size_t len);

/* x = x² in place, keeping x in pre first when pre is not NULL. */
void nn_square_forward(float *x, float *pre, size_t len);
/* dy[i] *= 2·pre[i]: the derivative of x² at the forward pass's input. */
void nn_square_backward(float *dy, const float *pre, size_t len);

/* 2×2 max pooling with stride 2 over planes of h × w (h, w even): y has
 * planes of h/2 × w/2; arg records which of the four won (the first of
 * equal values, in reading order). */
void nn_maxpool2_forward(float *y, uint8_t *arg, const float *x, size_t planes, size_t h,
                         size_t w);
/* dx (overwritten) gets each dy at the position that won, zero elsewhere. */
void nn_maxpool2_backward(float *dx, const float *dy, const uint8_t *arg, size_t planes,
                          size_t h, size_t w);

/* y [n][out] = x [n][in] · Wᵀ + b. */
void nn_linear_forward(float *y, const float *x, const float *wt, const float *b, size_t n,
                       size_t in, size_t out, float *ws);
/* dW, db (overwritten) and, when dx is not NULL, dx [n][in]. */
void nn_linear_backward(float *dw, float *db, float *dx, const float *dy, const float *x,
                        const float *wt, size_t n, size_t in, size_t out, float *ws);

/* Softmax cross-entropy of n rows of logits against labels: returns the
 * summed loss, writes dlogits = scale · (softmax − onehot) (scale is
 * 1/batch so that the gradients of a split batch add up), and counts the
 * rows whose largest logit is the label's (the first of equal ones). */
double nn_softmax_xent(float *dlogits, const float *logits, const uint8_t *labels, size_t n,
                       size_t classes, float scale, size_t *correct);

/* The index of the largest of n values (the first of equal ones). */
size_t nn_argmax(const float *v, size_t n);

#endif
