/* The quantization-error explorer (SCREENS.md): one digit through the
 * float and the fixed-point CNN, with ← → changing the scale. The engine is
 * nn/explore.h; this file only draws it and maps keys. Opened with m from
 * the map or from a lesson; Esc goes back there. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/mnist_views.h"
#include "tui/tui.h"
#include "viz/heatmap.h"
#include "viz/text.h"

struct tui_mnist {
    nn_explorer x;
    int layer;               /* error map shown: 0..3 */
    bool map_left;           /* short screens: the left box shows the error map */
    size_t digit;            /* bundled digit shown last */
    size_t test;             /* next test image */
    bool typing;             /* typing a PNG path after o */
    char path[700];
    char acc[160];           /* the accuracy line for the current scale */
    tui_return back;         /* where Esc returns */
};

static void update_accuracy(tui_mnist *m)
{
    double acc, facc;
    const char *what;
    if (nn_explorer_accuracy(&m->x, m->x.scale, &acc, &facc, &what) == ZK_OK)
        snprintf(m->acc, sizeof m->acc, "accuracy at 2^%d: %.1f%% (float %.1f%%) on %s",
                 m->x.scale, acc, facc, what);
    else
        snprintf(m->acc, sizeof m->acc, "accuracy: no test images here");
}

void tui_open_mnist(tui_app *app)
{
    if (!app->mnist) {
        tui_mnist *m = zk_calloc(1, sizeof *m);
        char why[400] = "";
        if (!m) {
            tui_set_status(app, TR_BAD, "✘ out of memory");
            return;
        }
        if (nn_explorer_open(&m->x, why, sizeof why) != ZK_OK) {
            tui_set_status(app, TR_BAD, "✘ MNIST explorer: %s", why);
            zk_free(m);
            return;
        }
        update_accuracy(m);
        app->mnist = m;
    }
    tui_mnist *m = app->mnist;
    tui_return_here(&m->back, app);
    tui_switch(app, &tui_mnist_screen);
}

void tui_mnist_free(tui_app *app)
{
    if (!app->mnist)
        return;
    nn_explorer_close(&app->mnist->x);
    zk_free(app->mnist);
    app->mnist = NULL;
}

static const char *const layer_names[NN_LAYERS] = {"conv1", "conv2", "fc1", "fc2"};

static void draw_header(tui_app *app, viz_canvas *c)
{
    tui_mnist *m = app->mnist;
    char right[64];
    snprintf(right, sizeof right, "scale 2^[ %d ]  %s to change", m->x.scale,
             c->ascii ? "<- ->" : "← →");
    int rw = (int)viz_text_width(right, strlen(right), c->ascii);
    char title[400];
    snprintf(title, sizeof title, "MNIST explorer ─ %s", m->x.source);
    viz_canvas_text_fit(c, 1, 0, c->w - rw - 4, title, tui_style(TR_TITLE));
    viz_canvas_text(c, c->w - rw - 1, 0, rw, right, VIZ_PLAIN);
    tui_draw_rule(c, 1);
}

/* Whether the error map has no room under the summary (below 28 rows):
 * then l shows it in the input's box instead, in turn with the digit. */
static bool map_in_box(const viz_canvas *c)
{
    return c->h - 3 - 18 < 4;
}

static void draw_digit(tui_app *app, viz_canvas *c)
{
    tui_mnist *m = app->mnist;
    viz_heatmap hm;
    if (map_in_box(c) && m->map_left && m->x.cmp->qerr == ZK_OK) {
        char title[48];
        snprintf(title, sizeof title, "error, %s", layer_names[m->layer]);
        viz_canvas_box(c, 1, 2, 32, 17, title, tui_style(TR_DIM));
        if (lesson_mnist_error_map(&hm, m->x.cmp, m->layer, false) == ZK_OK) {
            hm.title[0] = '\0';
            viz_heatmap_draw(c, 2, 3, 30, 15, &hm);
            viz_heatmap_free(&hm);
        }
        tui_draw_wrapped(c, 2, 19, 31, "l: next layer, then the digit", tui_style(TR_DIM));
        return;
    }
    viz_canvas_box(c, 1, 2, 32, 17, "input 28×28", tui_style(TR_DIM));
    if (lesson_mnist_digit_map(&hm, m->x.img) == ZK_OK) {
        hm.title[0] = '\0';
        viz_heatmap_draw(c, 3, 3, 28, 15, &hm);
        viz_heatmap_free(&hm);
    }
    const nn_png_info *i = &m->x.info;
    char info[160];
    if (i->as_is)
        snprintf(info, sizeof info, "28×28, MNIST style: used as is");
    else
        snprintf(info, sizeof info, "%u×%u %s: ink %s, scaled to 20×20, centred", i->width,
                 i->height, i->bit_depth == 16 ? "16-bit" : "8-bit",
                 i->from_alpha ? "from alpha" : i->inverted ? "inverted" : "as drawn");
    tui_draw_wrapped(c, 2, 19, 31, info, tui_style(TR_DIM));
}

static void draw_logits(tui_app *app, viz_canvas *c, int x, int w)
{
    const nn_comparison *cmp = app->mnist->x.cmp;
    /* Narrow screens drop the confidence bars so that every number fits. */
    bool bars = w >= 66;
    int at = bars ? 20 : 6;
    viz_canvas_text_fit(c, x, 2, w,
                        bars ? "class  confidence       float   quantized    |error|"
                             : "class    float   quantized    |error|",
                        tui_style(TR_STRONG));
    double zf[NN_CLASSES], pf[NN_CLASSES];
    for (int k = 0; k < NN_CLASSES; k++)
        zf[k] = cmp->z[k];
    lesson_mnist_softmax(pf, zf, NN_CLASSES);
    for (int k = 0; k < NN_CLASSES; k++) {
        int y = 3 + k;
        char head[16];
        snprintf(head, sizeof head, "  %d", k);
        bool top = k == cmp->fpred;
        viz_canvas_text(c, x, y, 4, head, top ? tui_style(TR_STRONG) : VIZ_PLAIN);
        int bar = (int)lround(pf[k] * 12);
        if (bars)
            viz_canvas_fill(c, x + 7, y, bar, 1, "█", top ? tui_style(TR_OK) : tui_style(TR_DIM));
        if (bars && !bar)
            viz_canvas_put(c, x + 7, y, "▏", tui_style(TR_DIM));
        char nums[96];
        if (cmp->qerr == ZK_OK)
            snprintf(nums, sizeof nums, "%8.3f  %8.3f   %8.4f%s", (double)cmp->z[k],
                     ldexp((double)cmp->zq[k], -cmp->e), cmp->logit_err[k],
                     top ? (w - at >= 46 ? "  ← prediction" : " ←") : "");
        else
            snprintf(nums, sizeof nums, "%8.3f       —          —", (double)cmp->z[k]);
        viz_canvas_text_fit(c, x + at, y, w - at, nums, VIZ_PLAIN);
    }
}

static void draw_summary(tui_app *app, viz_canvas *c, int x, int w)
{
    tui_mnist *m = app->mnist;
    const nn_comparison *cmp = m->x.cmp;
    bool narrow = w < 60;   /* 80 columns: the layers' errors take two rows */
    char line[240];
    if (cmp->qerr == ZK_EOVERFLOW) {
        snprintf(line, sizeof line, "✘ float %d; quantized overflowed in %s (%s)", cmp->fpred,
                 nn_layers[cmp->ov.layer].name, cmp->ov.what);
        viz_canvas_text_fit(c, x, 14, w, line, tui_style(TR_BAD));
    } else {
        bool agree = cmp->fpred == cmp->qpred;
        snprintf(line, sizeof line, "%s float %d, quantized %d%s%s%s", agree ? "✔" : "✘",
                 cmp->fpred, cmp->qpred, narrow ? ": " : " — ",
                 agree ? (narrow ? "agree" : "both agree") : (narrow ? "differ" : "they differ"),
                 m->x.label >= 0 ? (cmp->fpred == m->x.label ? ", label right" : ", label wrong")
                                 : "");
        viz_canvas_text_fit(c, x, 14, w, line, tui_style(agree ? TR_OK : TR_BAD));
    }
    /* Per-layer largest error as a spark line, scaled to the largest. */
    static const char *const spark[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    double top = 0;
    for (int l = 0; l < NN_LAYERS; l++)
        top = cmp->max_err[l] > top ? cmp->max_err[l] : top;
    const char *head = "max |error| ";
    int at = x + viz_canvas_text(c, x, 15, w, head, tui_style(TR_DIM)), row = 15;
    for (int l = 0; l < NN_LAYERS && cmp->qerr == ZK_OK; l++) {
        if (narrow && l == NN_LAYERS / 2) {
            row++;
            at = x + (int)viz_text_width(head, strlen(head), c->ascii);
        }
        int k = top > 0 ? (int)lround(7 * cmp->max_err[l] / top) : 0;
        char item[48];
        snprintf(item, sizeof item, "%s ", layer_names[l]);
        at += viz_canvas_text(c, at, row, x + w - at, item,
                              l == m->layer ? tui_style(TR_STRONG) : VIZ_PLAIN);
        viz_canvas_put(c, at++, row, spark[k], tui_style(TR_LIVE));
        snprintf(item, sizeof item, " %.2g  ", cmp->max_err[l]);
        at += viz_canvas_text(c, at, row, x + w - at, item, VIZ_PLAIN);
    }
    if (narrow)
        tui_draw_wrapped(c, x, row + 1, w, m->acc, VIZ_PLAIN);
    else
        viz_canvas_text_fit(c, x, 16, w, m->acc, VIZ_PLAIN);
}

static void draw_error_map(tui_app *app, viz_canvas *c, int x, int w)
{
    tui_mnist *m = app->mnist;
    int y = 18, h = c->h - 3 - y;
    viz_heatmap hm;
    if (m->x.cmp->qerr != ZK_OK || h < 4)
        return;
    if (lesson_mnist_error_map(&hm, m->x.cmp, m->layer, false) == ZK_OK) {
        viz_heatmap_draw(c, x, y, w < 64 ? w : 64, h, &hm);
        viz_heatmap_free(&hm);
    }
}

static void mnist_draw(tui_app *app, viz_canvas *c)
{
    tui_mnist *m = app->mnist;
    draw_header(app, c);
    draw_digit(app, c);
    int x = 35, w = c->w - x - 1;
    draw_logits(app, c, x, w);
    draw_summary(app, c, x, w);
    draw_error_map(app, c, x, w);
    bool narrow = c->w < 100;
    const char *const keys[] = {c->ascii ? "<- ->" : "←→", "scale", "Tab", "digit",
                                "t", narrow ? "test" : "test image", "o", narrow ? "open" : "open PNG",
                                "l", map_in_box(c) ? "map" : "layer",
                                "e", "export", "Esc", "back", "?", "help", "q", "quit"};
    tui_draw_path_footer(app, c, m->typing ? m->path : NULL, keys, ZK_ARRAY_LEN(keys));
}

static void set_scale(tui_app *app, int s)
{
    tui_mnist *m = app->mnist;
    if (s < 1 || s > 16) {
        tui_set_status(app, TR_DIM, "Scales run from 2^1 to 2^16.");
        return;
    }
    if (nn_explorer_set_scale(&m->x, s) != ZK_OK)
        tui_set_status(app, TR_BAD, "✘ cannot quantize at 2^%d", s);
    update_accuracy(m);
}

static void export_view(tui_app *app)
{
    tui_mnist *m = app->mnist;
    char path[2400];
    if (tui_export_begin(app, path, sizeof path, "zkcave-mnist-explorer"))
        tui_export_end(app, path, lesson_mnist_export(&m->x, m->layer, path), NULL);
}

static void path_key(tui_app *app, int key)
{
    tui_mnist *m = app->mnist;
    int end = tui_line_key(m->path, sizeof m->path, key);
    m->typing = !end;
    char why[400];
    if (end == TK_ENTER && nn_explorer_load_png(&m->x, m->path, why, sizeof why) != ZK_OK)
        tui_set_status(app, TR_BAD, "✘ %s", why);
}

static void mnist_key(tui_app *app, int key)
{
    tui_mnist *m = app->mnist;
    char why[400];
    if (m->typing) {
        path_key(app, key);
        return;
    }
    switch (key) {
    case TK_LEFT:
    case TK_RIGHT:
        set_scale(app, m->x.scale + (key == TK_RIGHT ? 1 : -1));
        break;
    case TK_TAB:
    case TK_BTAB:
        if (m->x.ndigits) {
            size_t n = m->x.ndigits;
            m->digit = (m->digit + (key == TK_TAB ? 1 : n - 1)) % n;
            if (nn_explorer_load_bundled(&m->x, m->digit, why, sizeof why) != ZK_OK)
                tui_set_status(app, TR_BAD, "✘ %s", why);
        }
        break;
    case 't':
        if (nn_explorer_load_test(&m->x, m->test, why, sizeof why) != ZK_OK)
            tui_set_status(app, TR_BAD, "✘ no MNIST test set (name it with --data DIR or ZKCAVE_MNIST): %s", why);
        else
            m->test++;
        break;
    case 'o':
        m->typing = true;
        snprintf(m->path, sizeof m->path, "%s/", m->x.digits_dir[0] ? m->x.digits_dir : ".");
        break;
    case 'l':
        /* Short screens: digit → conv1 … fc2 → digit in the input's box. */
        if (m->map_left && m->layer == NN_LAYERS - 1) {
            m->map_left = false;
            m->layer = 0;
        } else if (!m->map_left && map_in_box(&app->canvas)) {
            m->map_left = true;
        } else {
            m->layer = (m->layer + 1) % NN_LAYERS;
        }
        break;
    case 'e':
        export_view(app);
        break;
    case TK_ESC:
        tui_return_go(app, &app->mnist->back);
        break;
    default:
        break;
    }
}

static bool mnist_typing(const tui_app *app)
{
    return app->mnist && app->mnist->typing;
}

const tui_screen tui_mnist_screen = {
    .name = "mnist",
    .draw = mnist_draw,
    .key = mnist_key,
    .typing = mnist_typing,
    .help_context = "mnist",
};
