#include "nn/layers.h"

#include <math.h>
#include <string.h>

#include "nn/gemm.h"

void nn_im2col3(float *col, const float *x, size_t c, size_t n, size_t h, size_t w)
{
    size_t hw = h * w, plane = n * hw;
    for (size_t ch = 0; ch < c; ch++)
        for (size_t ky = 0; ky < 3; ky++)
            for (size_t kx = 0; kx < 3; kx++) {
                float *dst = col + (ch * 9 + ky * 3 + kx) * plane;
                for (size_t img = 0; img < n; img++) {
                    const float *src = x + ch * plane + img * hw;
                    for (size_t y = 0; y < h; y++) {
                        float *row = dst + img * hw + y * w;
                        size_t sy = y + ky;   /* source row + 1 */
                        if (sy < 1 || sy > h) {
                            memset(row, 0, w * sizeof *row);
                            continue;
                        }
                        const float *s = src + (sy - 1) * w;
                        /* Columns x + kx - 1: the first or last is padding. */
                        if (kx == 0) {
                            row[0] = 0;
                            memcpy(row + 1, s, (w - 1) * sizeof *row);
                        } else if (kx == 1) {
                            memcpy(row, s, w * sizeof *row);
                        } else {
                            memcpy(row, s + 1, (w - 1) * sizeof *row);
                            row[w - 1] = 0;
                        }
                    }
                }
            }
}

void nn_col2im3(float *dx, const float *dcol, size_t c, size_t n, size_t h, size_t w)
{
    size_t hw = h * w, plane = n * hw;
    memset(dx, 0, c * plane * sizeof *dx);
    for (size_t ch = 0; ch < c; ch++)
        for (size_t ky = 0; ky < 3; ky++)
            for (size_t kx = 0; kx < 3; kx++) {
                const float *src = dcol + (ch * 9 + ky * 3 + kx) * plane;
                for (size_t img = 0; img < n; img++) {
                    float *dst = dx + ch * plane + img * hw;
                    for (size_t y = 0; y < h; y++) {
                        size_t sy = y + ky;
                        if (sy < 1 || sy > h)
                            continue;
                        const float *row = src + img * hw + y * w;
                        float *d = dst + (sy - 1) * w;
                        size_t x0 = kx == 0 ? 1 : 0, x1 = kx == 2 ? w - 1 : w;
                        for (size_t x = x0; x < x1; x++)
                            d[x + kx - 1] += row[x];
                    }
                }
            }
}

void nn_conv3_forward(float *y, float *col, const float *x, const float *wt, const float *b,
                      size_t cin, size_t cout, size_t n, size_t h, size_t w, float *ws)
{
    size_t P = n * h * w, K = cin * 9;
    nn_im2col3(col, x, cin, n, h, w);
    for (size_t o = 0; o < cout; o++)
        for (size_t p = 0; p < P; p++)
            y[o * P + p] = b[o];
    nn_gemm(y, P, wt, K, false, col, P, false, cout, P, K, true, ws);
}

void nn_conv3_backward(float *dw, float *db, float *dx, float *dcol, const float *dy,
                       const float *col, const float *wt, size_t cin, size_t cout, size_t n,
                       size_t h, size_t w, float *ws)
{
    size_t P = n * h * w, K = cin * 9;
    for (size_t o = 0; o < cout; o++) {
        float s = 0;
        for (size_t p = 0; p < P; p++)
            s += dy[o * P + p];
        db[o] = s;
    }
    nn_gemm(dw, K, dy, P, false, col, P, true, cout, K, P, false, ws);
    if (dx) {
        nn_gemm(dcol, P, wt, K, true, dy, P, false, K, P, cout, false, ws);
        nn_col2im3(dx, dcol, cin, n, h, w);
    }
}

/* ReLU on the bit patterns: clearing a float whose sign bit is set gives
 * max(x, 0) without a branch (a branch on the sign of trained activations
 * mispredicts about half the time), and the loops vectorise. */
void nn_relu_forward(float *x, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t b;
        memcpy(&b, &x[i], 4);
        b &= (b >> 31) - 1u;
        memcpy(&x[i], &b, 4);
    }
}

/* After ReLU y >= 0, so y > 0 exactly when its bits are not all zero. */
void nn_relu_backward(float *dy, const float *y, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t b, g;
        memcpy(&b, &y[i], 4);
        memcpy(&g, &dy[i], 4);
        g &= 0u - (uint32_t)(b != 0);
        memcpy(&dy[i], &g, 4);
    }
}

void nn_square_forward(float *x, float *pre, size_t len)
{
    if (pre)
        memcpy(pre, x, len * sizeof *x);
    for (size_t i = 0; i < len; i++)
        x[i] *= x[i];
}

void nn_square_backward(float *dy, const float *pre, size_t len)
{
    for (size_t i = 0; i < len; i++)
        dy[i] *= 2 * pre[i];
}

void nn_maxpool2_forward(float *y, uint8_t *arg, const float *x, size_t planes, size_t h,
                         size_t w)
{
    size_t oh = h / 2, ow = w / 2;
    for (size_t pl = 0; pl < planes; pl++) {
        const float *xp = x + pl * h * w;
        float *yp = y + pl * oh * ow;
        uint8_t *ap = arg + pl * oh * ow;
        for (size_t i = 0; i < oh; i++) {
            const float *r0 = xp + 2 * i * w, *r1 = r0 + w;
            for (size_t j = 0; j < ow; j++) {
                /* Selects, not branches: the winner is data, not a pattern. */
                float best = r0[2 * j];
                uint8_t k = 0;
                float v = r0[2 * j + 1];
                k = v > best ? 1 : k;
                best = v > best ? v : best;
                v = r1[2 * j];
                k = v > best ? 2 : k;
                best = v > best ? v : best;
                v = r1[2 * j + 1];
                k = v > best ? 3 : k;
                best = v > best ? v : best;
                yp[i * ow + j] = best;
                ap[i * ow + j] = k;
            }
        }
    }
}

void nn_maxpool2_backward(float *dx, const float *dy, const uint8_t *arg, size_t planes,
                          size_t h, size_t w)
{
    size_t oh = h / 2, ow = w / 2;
    memset(dx, 0, planes * h * w * sizeof *dx);
    for (size_t pl = 0; pl < planes; pl++)
        for (size_t i = 0; i < oh; i++)
            for (size_t j = 0; j < ow; j++) {
                size_t at = pl * oh * ow + i * ow + j;
                uint8_t k = arg[at];
                dx[pl * h * w + (2 * i + k / 2) * w + 2 * j + k % 2] = dy[at];
            }
}

void nn_linear_forward(float *y, const float *x, const float *wt, const float *b, size_t n,
                       size_t in, size_t out, float *ws)
{
    for (size_t i = 0; i < n; i++)
        memcpy(y + i * out, b, out * sizeof *y);
    nn_gemm(y, out, x, in, false, wt, in, true, n, out, in, true, ws);
}

void nn_linear_backward(float *dw, float *db, float *dx, const float *dy, const float *x,
                        const float *wt, size_t n, size_t in, size_t out, float *ws)
{
    for (size_t o = 0; o < out; o++) {
        float s = 0;
        for (size_t i = 0; i < n; i++)
            s += dy[i * out + o];
        db[o] = s;
    }
    nn_gemm(dw, in, dy, out, true, x, in, false, out, in, n, false, ws);
    if (dx)
        nn_gemm(dx, in, dy, out, false, wt, in, false, n, in, out, false, ws);
}

size_t nn_argmax(const float *v, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (v[i] > v[best])
            best = i;
    return best;
}

double nn_softmax_xent(float *dlogits, const float *logits, const uint8_t *labels, size_t n,
                       size_t classes, float scale, size_t *correct)
{
    double loss = 0;
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        const float *z = logits + i * classes;
        float *dz = dlogits + i * classes;
        size_t top = nn_argmax(z, classes);
        right += top == labels[i];
        /* Subtracting the largest logit keeps every exp() at most 1. */
        double sum = 0;
        for (size_t k = 0; k < classes; k++)
            sum += exp((double)z[k] - z[top]);
        double lse = z[top] + log(sum);
        loss += lse - z[labels[i]];
        for (size_t k = 0; k < classes; k++) {
            double p = exp((double)z[k] - lse);
            dz[k] = (float)(scale * (p - (k == labels[i])));
        }
    }
    if (correct)
        *correct = right;
    return loss;
}
