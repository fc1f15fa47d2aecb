#include "lesson/mnist_views.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

zk_err lesson_mnist_digit_map(viz_heatmap *hm, const uint8_t img[NN_PIXELS])
{
    zk_err err = viz_heatmap_init(hm, "input 28×28", "pixel", NN_SIDE, NN_SIDE, 1, VIZ_MAP_GRAY);
    if (err)
        return err;
    for (int i = 0; i < NN_PIXELS; i++)
        hm->v[i] = img[i];
    hm->lo = 0, hm->hi = 255;
    return ZK_OK;
}

zk_err lesson_mnist_error_map(viz_heatmap *hm, const nn_comparison *c, int layer,
                              bool per_channel)
{
    static const struct {
        int w, h, tiles, cols;
    } shape[NN_LAYERS] = {{28, 28, NN_C1, 8}, {14, 14, NN_C2, 8}, {16, 8, 1, 1}, {10, 1, 1, 1}};
    const float *src[NN_LAYERS] = {c->err1, c->err2, c->err3, c->err4};
    if (layer < 0 || layer >= NN_LAYERS)
        return ZK_EINVAL;
    int w = shape[layer].w, h = shape[layer].h, tiles = shape[layer].tiles;
    bool fold = !per_channel && tiles > 1;
    char title[80];
    snprintf(title, sizeof title, "%s |error|%s", nn_layers[layer].name,
             layer == NN_LAYERS - 1 ? " (logits)" : fold ? ", largest over channels"
                                                         : " after ReLU");
    zk_err err = viz_heatmap_init(hm, title, "|quantized - float|", w, h, fold ? 1 : tiles,
                                  VIZ_MAP_HEAT);
    if (err)
        return err;
    hm->cols = fold ? 1 : shape[layer].cols;
    size_t plane = (size_t)w * h;
    for (int t = 0; t < tiles; t++)
        for (size_t i = 0; i < plane; i++) {
            double v = src[layer][t * plane + i];
            double *dst = &hm->v[(fold ? 0 : t * plane) + i];
            *dst = fold && t > 0 && *dst > v ? *dst : v;
        }
    viz_heatmap_autorange(hm);
    hm->lo = 0;
    return ZK_OK;
}

void lesson_mnist_softmax(double *p, const double *z, int n)
{
    double top = z[0], sum = 0;
    for (int k = 1; k < n; k++)
        top = z[k] > top ? z[k] : top;
    for (int k = 0; k < n; k++)
        sum += p[k] = exp(z[k] - top);
    for (int k = 0; k < n; k++)
        p[k] /= sum;
}

zk_err lesson_mnist_prob_chart(viz_chart *ch, const nn_comparison *c, int scale)
{
    static const char *const classes[NN_CLASSES] = {"0", "1", "2", "3", "4",
                                                    "5", "6", "7", "8", "9"};
    double zf[NN_CLASSES], zq[NN_CLASSES], pf[NN_CLASSES], pq[NN_CLASSES];
    for (int k = 0; k < NN_CLASSES; k++) {
        zf[k] = c->z[k];
        zq[k] = ldexp((double)c->zq[k], -c->e);
    }
    lesson_mnist_softmax(pf, zf, NN_CLASSES);
    lesson_mnist_softmax(pq, zq, NN_CLASSES);
    char name[40];
    snprintf(name, sizeof name, "quantized 2^%d", scale);
    ch->y_fixed = true;
    ch->y_lo = 0, ch->y_hi = 1;
    zk_err err = viz_chart_set_categories(ch, classes, NN_CLASSES);
    if (!err)
        err = viz_chart_add_bars(ch, "float", VIZ_CYAN, pf, NN_CLASSES);
    if (!err && c->qerr == ZK_OK)
        err = viz_chart_add_bars(ch, name, VIZ_YELLOW, pq, NN_CLASSES);
    return err;
}

zk_err lesson_mnist_layer_chart(viz_chart *ch, const nn_comparison *c, int scale)
{
    const char *names[NN_LAYERS];
    for (int l = 0; l < NN_LAYERS; l++)
        names[l] = nn_layers[l].name;
    char name[40];
    snprintf(name, sizeof name, "max at 2^%d", scale);
    zk_err err = viz_chart_set_categories(ch, names, NN_LAYERS);
    if (!err)
        err = viz_chart_add_bars(ch, name, VIZ_YELLOW, c->max_err, NN_LAYERS);
    if (!err)
        err = viz_chart_add_bars(ch, "mean", VIZ_CYAN, c->mean_err, NN_LAYERS);
    return err;
}

zk_err lesson_mnist_export(const nn_explorer *x, int layer, const char *path)
{
    viz_chart probs, layers;
    viz_heatmap digit, err_map;
    char title[120];
    snprintf(title, sizeof title, "float %d, quantized %d at 2^%d", x->cmp->fpred,
             x->cmp->qpred, x->scale);
    viz_chart_init(&probs, VIZ_CHART_BARS, title, "class", "softmax");
    viz_chart_init(&layers, VIZ_CHART_BARS, "|error| per layer", "layer", "|error|");
    memset(&digit, 0, sizeof digit);
    memset(&err_map, 0, sizeof err_map);
    zk_err err = lesson_mnist_prob_chart(&probs, x->cmp, x->scale);
    if (!err)
        err = lesson_mnist_layer_chart(&layers, x->cmp, x->scale);
    if (!err)
        err = lesson_mnist_digit_map(&digit, x->img);
    if (!err)
        err = lesson_mnist_error_map(&err_map, x->cmp, layer, true);
    if (!err) {
        const viz_chart *charts[2] = {&probs, &layers};
        const viz_heatmap *maps[2] = {&digit, &err_map};
        err = viz_figure_png(charts, 2, maps, 2, path);
    }
    viz_chart_free(&probs);
    viz_chart_free(&layers);
    viz_heatmap_free(&digit);
    viz_heatmap_free(&err_map);
    return err;
}

zk_err lesson_mnist_text_art(const viz_heatmap *hm, int w, int h,
                             zk_err (*add)(void *ctx, const char *row), void *ctx)
{
    viz_canvas c;
    zk_err err = viz_canvas_init(&c, w, h, false);
    if (err)
        return err;
    viz_heatmap_draw(&c, 0, 0, w, h, hm);
    char row[1024];
    for (int y = 0; y < h && !err; y++)
        err = add(ctx, viz_canvas_row_text(&c, y, row, sizeof row));
    viz_canvas_free(&c);
    return err;
}
