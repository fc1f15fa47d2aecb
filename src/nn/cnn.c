#include "nn/cnn.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "nn/gemm.h"
#include "nn/layers.h"

/* The square model's initial weights, as a fraction of He's bound. */
#define SQUARE_INIT 0.5

const nn_layer_info nn_layers[NN_LAYERS] = {
    {"conv1", "1→16, 3×3, pad 1", NN_OFF_CONV1_W, NN_C1 * 9, NN_OFF_CONV1_B, NN_C1, 9,
     NN_C1 * NN_PIXELS, (size_t)NN_C1 * NN_PIXELS * 9},
    {"conv2", "16→32, 3×3, pad 1", NN_OFF_CONV2_W, NN_C2 * NN_C1 * 9, NN_OFF_CONV2_B, NN_C2,
     NN_C1 * 9, NN_C2 * 196, (size_t)NN_C2 * 196 * NN_C1 * 9},
    {"fc1", "1568→128", NN_OFF_FC1_W, NN_FC_HIDDEN * NN_FC_IN, NN_OFF_FC1_B, NN_FC_HIDDEN,
     NN_FC_IN, NN_FC_HIDDEN, (size_t)NN_FC_HIDDEN * NN_FC_IN},
    {"fc2", "128→10", NN_OFF_FC2_W, NN_CLASSES * NN_FC_HIDDEN, NN_OFF_FC2_B, NN_CLASSES,
     NN_FC_HIDDEN, NN_CLASSES, (size_t)NN_CLASSES * NN_FC_HIDDEN},
};

static const char *const act_names[NN_ACTIVATIONS] = {"relu", "square"};

const char *nn_activation_name(nn_activation a)
{
    return (unsigned)a < NN_ACTIVATIONS ? act_names[a] : "?";
}

zk_err nn_activation_parse(nn_activation *a, const char *name)
{
    for (int i = 0; i < NN_ACTIVATIONS; i++)
        if (strcmp(name, act_names[i]) == 0) {
            *a = (nn_activation)i;
            return ZK_OK;
        }
    return ZK_EINVAL;
}

zk_err nn_cnn_init(nn_cnn *m)
{
    m->act = NN_ACT_RELU;
    m->p = zk_alloc_aligned(NN_PARAMS, sizeof *m->p);
    if (!m->p)
        return ZK_ENOMEM;
    memset(m->p, 0, NN_PARAMS * sizeof *m->p);
    return ZK_OK;
}

void nn_cnn_free(nn_cnn *m)
{
    zk_free(m->p);
    m->p = NULL;
}

void nn_cnn_init_random(nn_cnn *m, zk_rng *rng)
{
    memset(m->p, 0, NN_PARAMS * sizeof *m->p);
    /* He's bound keeps the variance of a ReLU layer's output equal to its
     * input's. A square has no such fixed point: an activation of size s
     * leaves as s², so three layers turn 2 into 256 and 0.5 into 1/256.
     * Started SQUARE_INIT times smaller, the first pre-activations sit
     * inside (−1, 1), where x² shrinks rather than blows up; training
     * grows the weights it needs (train.c nn_train_opts_square has the
     * measurement). */
    double gain = m->act == NN_ACT_SQUARE ? SQUARE_INIT : 1.0;
    for (size_t l = 0; l < NN_LAYERS; l++) {
        const nn_layer_info *L = &nn_layers[l];
        float bound = (float)(gain * sqrt(6.0 / (double)L->fan_in));
        for (size_t i = 0; i < L->weights; i++) {
            /* 24 random bits give a float in [0, 1) exactly. */
            float u = (float)(zk_random_u64(rng) >> 40) * 0x1p-24f;
            m->p[L->weight_off + i] = (2 * u - 1) * bound;
        }
    }
}

void nn_cnn_ws_free(nn_cnn_ws *ws)
{
    zk_free(ws->block);
    memset(ws, 0, sizeof *ws);
}

zk_err nn_cnn_ws_init(nn_cnn_ws *ws, size_t cap, bool backward)
{
    memset(ws, 0, sizeof *ws);
    if (cap == 0 || cap > 4096)
        return ZK_EINVAL;
    size_t n = cap;
    /* Sizes in floats, each rounded up to a cache line so that every buffer
     * is 64-byte aligned; the two argmax arrays are counted as floats too. */
    struct {
        float **dst;
        size_t len;
    } parts[] = {
        {&ws->x, n * NN_PIXELS},
        {&ws->col1, 9 * n * NN_PIXELS},
        {&ws->a1, NN_C1 * n * NN_PIXELS},
        {&ws->p1, NN_C1 * n * 196},
        {NULL, (NN_C1 * n * 196 + 3) / 4},
        {&ws->col2, NN_C1 * 9 * n * 196},
        {&ws->a2, NN_C2 * n * 196},
        {&ws->p2, NN_C2 * n * 49},
        {NULL, (NN_C2 * n * 49 + 3) / 4},
        {&ws->f0, n * NN_FC_IN},
        {&ws->f1, n * NN_FC_HIDDEN},
        {&ws->z, n * NN_CLASSES},
        {&ws->gemm, NN_GEMM_WS_FLOATS},
        {&ws->pre1, backward ? NN_C1 * n * NN_PIXELS : 0},
        {&ws->pre2, backward ? NN_C2 * n * 196 : 0},
        {&ws->pref1, backward ? n * NN_FC_HIDDEN : 0},
        {&ws->dz, backward ? n * NN_CLASSES : 0},
        {&ws->df1, backward ? n * NN_FC_HIDDEN : 0},
        {&ws->df0, backward ? n * NN_FC_IN : 0},
        {&ws->dp2, backward ? NN_C2 * n * 49 : 0},
        {&ws->da2, backward ? NN_C2 * n * 196 : 0},
        {&ws->dcol2, backward ? NN_C1 * 9 * n * 196 : 0},
        {&ws->dp1, backward ? NN_C1 * n * 196 : 0},
        {&ws->da1, backward ? NN_C1 * n * NN_PIXELS : 0},
    };
    size_t total = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        total += (parts[i].len + 15) & ~(size_t)15;
    ws->block = zk_alloc_aligned(total, sizeof(float));
    if (!ws->block)
        return ZK_ENOMEM;
    memset(ws->block, 0, total * sizeof(float));
    float *at = ws->block;
    uint8_t **args[] = {&ws->arg1, &ws->arg2};
    size_t next_arg = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i].dst)
            *parts[i].dst = parts[i].len ? at : NULL;
        else
            *args[next_arg++] = (uint8_t *)at;
        at += (parts[i].len + 15) & ~(size_t)15;
    }
    ws->cap = cap;
    return ZK_OK;
}

/* The activation in place; a square keeps its input for the backward pass
 * when the workspace has room for it. */
static void act_forward(const nn_cnn *m, float *x, float *pre, size_t len)
{
    if (m->act == NN_ACT_SQUARE)
        nn_square_forward(x, pre, len);
    else
        nn_relu_forward(x, len);
}

static void act_backward(const nn_cnn *m, float *dy, const float *y, const float *pre,
                         size_t len)
{
    if (m->act == NN_ACT_SQUARE)
        nn_square_backward(dy, pre, len);
    else
        nn_relu_backward(dy, y, len);
}

void nn_cnn_forward(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t *images, size_t n)
{
    const float *p = m->p;
    for (size_t i = 0; i < n * NN_PIXELS; i++)
        ws->x[i] = images[i] * (1.0f / 255.0f);
    nn_conv3_forward(ws->a1, ws->col1, ws->x, p + NN_OFF_CONV1_W, p + NN_OFF_CONV1_B, 1, NN_C1,
                     n, NN_SIDE, NN_SIDE, ws->gemm);
    act_forward(m, ws->a1, ws->pre1, NN_C1 * n * NN_PIXELS);
    nn_maxpool2_forward(ws->p1, ws->arg1, ws->a1, NN_C1 * n, NN_SIDE, NN_SIDE);
    nn_conv3_forward(ws->a2, ws->col2, ws->p1, p + NN_OFF_CONV2_W, p + NN_OFF_CONV2_B, NN_C1,
                     NN_C2, n, 14, 14, ws->gemm);
    act_forward(m, ws->a2, ws->pre2, NN_C2 * n * 196);
    nn_maxpool2_forward(ws->p2, ws->arg2, ws->a2, NN_C2 * n, 14, 14);
    /* Flatten each image in (c, y, x) order, as PyTorch's view() does. */
    for (size_t c = 0; c < NN_C2; c++)
        for (size_t i = 0; i < n; i++)
            memcpy(ws->f0 + i * NN_FC_IN + c * 49, ws->p2 + (c * n + i) * 49, 49 * sizeof(float));
    nn_linear_forward(ws->f1, ws->f0, p + NN_OFF_FC1_W, p + NN_OFF_FC1_B, n, NN_FC_IN,
                      NN_FC_HIDDEN, ws->gemm);
    act_forward(m, ws->f1, ws->pref1, n * NN_FC_HIDDEN);
    nn_linear_forward(ws->z, ws->f1, p + NN_OFF_FC2_W, p + NN_OFF_FC2_B, n, NN_FC_HIDDEN,
                      NN_CLASSES, ws->gemm);
}

double nn_cnn_backward(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t *labels, size_t n,
                       float scale, float *grad, size_t *correct)
{
    const float *p = m->p;
    double loss = nn_softmax_xent(ws->dz, ws->z, labels, n, NN_CLASSES, scale, correct);
    nn_linear_backward(grad + NN_OFF_FC2_W, grad + NN_OFF_FC2_B, ws->df1, ws->dz, ws->f1,
                       p + NN_OFF_FC2_W, n, NN_FC_HIDDEN, NN_CLASSES, ws->gemm);
    act_backward(m, ws->df1, ws->f1, ws->pref1, n * NN_FC_HIDDEN);
    nn_linear_backward(grad + NN_OFF_FC1_W, grad + NN_OFF_FC1_B, ws->df0, ws->df1, ws->f0,
                       p + NN_OFF_FC1_W, n, NN_FC_IN, NN_FC_HIDDEN, ws->gemm);
    for (size_t c = 0; c < NN_C2; c++)
        for (size_t i = 0; i < n; i++)
            memcpy(ws->dp2 + (c * n + i) * 49, ws->df0 + i * NN_FC_IN + c * 49,
                   49 * sizeof(float));
    nn_maxpool2_backward(ws->da2, ws->dp2, ws->arg2, NN_C2 * n, 14, 14);
    act_backward(m, ws->da2, ws->a2, ws->pre2, NN_C2 * n * 196);
    nn_conv3_backward(grad + NN_OFF_CONV2_W, grad + NN_OFF_CONV2_B, ws->dp1, ws->dcol2, ws->da2,
                      ws->col2, p + NN_OFF_CONV2_W, NN_C1, NN_C2, n, 14, 14, ws->gemm);
    nn_maxpool2_backward(ws->da1, ws->dp1, ws->arg1, NN_C1 * n, NN_SIDE, NN_SIDE);
    act_backward(m, ws->da1, ws->a1, ws->pre1, NN_C1 * n * NN_PIXELS);
    nn_conv3_backward(grad + NN_OFF_CONV1_W, grad + NN_OFF_CONV1_B, NULL, NULL, ws->da1,
                      ws->col1, p + NN_OFF_CONV1_W, 1, NN_C1, n, NN_SIDE, NN_SIDE, ws->gemm);
    return loss;
}

int nn_cnn_predict(const nn_cnn *m, nn_cnn_ws *ws, const uint8_t image[NN_PIXELS],
                   float logits[NN_CLASSES])
{
    nn_cnn_forward(m, ws, image, 1);
    if (logits)
        memcpy(logits, ws->z, NN_CLASSES * sizeof *logits);
    return (int)nn_argmax(ws->z, NN_CLASSES);
}
