#include "viz/heatmap.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "viz/text.h"

enum { SCALE = 2, BG = 0xFFFFFF, INK = 0x222222, AXIS = 0x555555 };

zk_err viz_heatmap_init(viz_heatmap *hm, const char *title, const char *label, int w, int h,
                        int tiles, viz_colormap map)
{
    memset(hm, 0, sizeof *hm);
    if (w <= 0 || h <= 0 || tiles <= 0 || (size_t)w * h * tiles > (1u << 24))
        return ZK_EINVAL;
    hm->v = zk_calloc((size_t)w * h * tiles, sizeof *hm->v);
    if (!hm->v)
        return ZK_ENOMEM;
    snprintf(hm->title, sizeof hm->title, "%s", title ? title : "");
    snprintf(hm->label, sizeof hm->label, "%s", label ? label : "");
    hm->w = w, hm->h = h, hm->tiles = tiles;
    hm->cols = 1;
    while (hm->cols * hm->cols < tiles)
        hm->cols++;
    hm->lo = 0, hm->hi = 1;
    hm->map = map;
    return ZK_OK;
}

void viz_heatmap_free(viz_heatmap *hm)
{
    zk_free(hm->v);
    memset(hm, 0, sizeof *hm);
}

void viz_heatmap_autorange(viz_heatmap *hm)
{
    size_t n = (size_t)hm->w * hm->h * hm->tiles;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(hm->v[i])) {
            lo = hm->v[i] < lo ? hm->v[i] : lo;
            hi = hm->v[i] > hi ? hm->v[i] : hi;
        }
    if (!(lo <= hi))
        lo = hi = 0;
    if (hm->map == VIZ_MAP_DIVERGING) {
        double m = fmax(fabs(lo), fabs(hi));
        lo = -m, hi = m;
    }
    if (hi - lo <= 0) {
        hi = lo + 1;
        if (hm->map == VIZ_MAP_DIVERGING)
            lo = -0.5, hi = 0.5;
    }
    hm->lo = lo, hm->hi = hi;
}

double viz_heatmap_frac(const viz_heatmap *hm, double v)
{
    if (!isfinite(v) || hm->hi <= hm->lo)
        return 0;
    double t = (v - hm->lo) / (hm->hi - hm->lo);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

static uint32_t lerp_rgb(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int s = 16; s >= 0; s -= 8) {
        double ca = (a >> s) & 0xFF, cb = (b >> s) & 0xFF;
        out |= (uint32_t)lround(ca + (cb - ca) * t) << s;
    }
    return out;
}

uint32_t viz_colormap_rgb(viz_colormap map, double t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    if (map == VIZ_MAP_GRAY)
        return lerp_rgb(0x000000, 0xFFFFFF, t);
    if (map == VIZ_MAP_DIVERGING)
        return t < 0.5 ? lerp_rgb(0x2166AC, 0xF7F7F7, t * 2) : lerp_rgb(0xF7F7F7, 0xB2182B, t * 2 - 1);
    /* Five stops along matplotlib's viridis (van der Walt and Smith, 2015),
     * perceptually ordered and readable in gray. */
    static const uint32_t stops[5] = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};
    double f = t * 4;
    int i = f >= 4 ? 3 : (int)f;
    return lerp_rgb(stops[i], stops[i + 1], f - i);
}

/* The mean of tile `tile` over the pixel rectangle [x0, x1) × [y0, y1). */
static double region_mean(const viz_heatmap *hm, int tile, int x0, int x1, int y0, int y1)
{
    x1 = x1 > x0 ? x1 : x0 + 1;
    y1 = y1 > y0 ? y1 : y0 + 1;
    double s = 0;
    int n = 0;
    const double *t = hm->v + (size_t)tile * hm->w * hm->h;
    for (int y = y0; y < y1 && y < hm->h; y++)
        for (int x = x0; x < x1 && x < hm->w; x++, n++)
            s += t[y * hm->w + x];
    return n ? s / n : 0;
}

static const char *const shades[5] = {" ", "░", "▒", "▓", "█"};

/* Shade and colour of a cell at fraction t. */
static void cell_look(const viz_heatmap *hm, double t, const char **glyph, viz_style *st)
{
    double mag = hm->map == VIZ_MAP_DIVERGING ? fabs(t - 0.5) * 2 : t;
    int k = (int)lround(mag * 4);
    *glyph = shades[k < 0 ? 0 : k > 4 ? 4 : k];
    st->attr = 0;
    if (hm->map == VIZ_MAP_GRAY)
        st->fg = VIZ_DEFAULT;
    else if (hm->map == VIZ_MAP_DIVERGING)
        st->fg = t < 0.5 ? VIZ_BLUE : VIZ_RED;
    else
        st->fg = t < 0.25 ? VIZ_BLUE : t < 0.5 ? VIZ_CYAN : t < 0.75 ? VIZ_GREEN : VIZ_YELLOW;
}

static void format_value(char *out, size_t len, double v)
{
    if (v == 0)
        snprintf(out, len, "0");
    else if (fabs(v) >= 1e4 || fabs(v) < 1e-3)
        snprintf(out, len, "%.1e", v);
    else
        snprintf(out, len, "%.3g", v);
}

/* "lo ░▒▓█ hi  label" on one row. */
static void draw_legend_cells(viz_canvas *c, int x, int y, int w, const viz_heatmap *hm)
{
    char lo[24], hi[24];
    format_value(lo, sizeof lo, hm->lo);
    format_value(hi, sizeof hi, hm->hi);
    int at = x + viz_canvas_text(c, x, y, w, lo, VIZ_PLAIN) + 1;
    for (int k = 0; k <= 8 && at < x + w; k++, at++) {
        const char *g;
        viz_style st;
        cell_look(hm, k / 8.0, &g, &st);
        viz_canvas_put(c, at, y, hm->map == VIZ_MAP_GRAY && k == 0 ? "·" : g, st);
    }
    at += 1;
    at += viz_canvas_text(c, at, y, x + w - at, hi, VIZ_PLAIN) + 2;
    viz_canvas_text_fit(c, at, y, x + w - at, hm->label, (viz_style){VIZ_DEFAULT, VIZ_DIM});
}

void viz_heatmap_draw(viz_canvas *c, int x, int y, int w, int h, const viz_heatmap *hm)
{
    int top = y;
    if (hm->title[0] && h > 2) {
        viz_canvas_text_fit(c, x, y, w, hm->title, (viz_style){VIZ_DEFAULT, VIZ_BOLD});
        top++;
    }
    int rows = (hm->tiles + hm->cols - 1) / hm->cols;
    int avail_h = y + h - 1 - top;   /* the last row is the legend */
    if (avail_h < rows || w < hm->cols)
        return;
    /* Cells per tile: as large as fits, two columns per row of pixels. */
    int th = (avail_h - (rows - 1)) / rows, tw = (w - (hm->cols - 1)) / hm->cols;
    int fit_h = (int)((double)tw * hm->h / (2.0 * hm->w));
    if (fit_h < th)
        th = fit_h > 0 ? fit_h : 1;
    int fit_w = (int)lround(2.0 * th * hm->w / hm->h);
    if (fit_w < tw)
        tw = fit_w > 0 ? fit_w : 1;
    for (int t = 0; t < hm->tiles; t++) {
        int ox = x + (t % hm->cols) * (tw + 1), oy = top + (t / hm->cols) * (th + 1);
        for (int cy = 0; cy < th; cy++)
            for (int cx = 0; cx < tw; cx++) {
                int px0 = cx * hm->w / tw, px1 = (cx + 1) * hm->w / tw;
                int py0 = cy * hm->h / th, py1 = (cy + 1) * hm->h / th;
                double t01 = viz_heatmap_frac(hm, region_mean(hm, t, px0, px1, py0, py1));
                const char *g;
                viz_style st;
                cell_look(hm, t01, &g, &st);
                viz_canvas_put(c, ox + cx, oy + cy, g, st);
            }
    }
    draw_legend_cells(c, x, top + rows * (th + 1) - 1 < y + h - 1 ? top + rows * (th + 1) - 1
                                                                   : y + h - 1,
                      w, hm);
}

void viz_heatmap_render(viz_raster *r, int x, int y, int w, int h, const viz_heatmap *hm)
{
    int lh = viz_raster_line_height(SCALE);
    viz_raster_rect(r, x, y, w, h, BG);
    viz_raster_text(r, x + 16, y + 12, SCALE, hm->title, INK);
    viz_raster_text(r, x + 17, y + 12, SCALE, hm->title, INK);
    int rows = (hm->tiles + hm->cols - 1) / hm->cols;
    int gap = hm->tiles > 1 ? 4 : 0;
    /* Below the tiles: 14 px of gap, the 14 px bar, 8 px, two lines of text. */
    int top = y + 12 + lh + 8, legend_h = 14 + 14 + 8 + 2 * lh;
    int aw = w - 32 - gap * (hm->cols - 1), ah = y + h - legend_h - top - gap * (rows - 1);
    int px = aw / (hm->cols * hm->w), py = ah / (rows * hm->h);
    int k = px < py ? px : py;
    if (k < 1)
        return;
    int gw = hm->cols * hm->w * k + gap * (hm->cols - 1);
    int ox = x + (w - gw) / 2;
    for (int t = 0; t < hm->tiles; t++) {
        int tx = ox + (t % hm->cols) * (hm->w * k + gap), ty = top + (t / hm->cols) * (hm->h * k + gap);
        const double *v = hm->v + (size_t)t * hm->w * hm->h;
        for (int j = 0; j < hm->h; j++)
            for (int i = 0; i < hm->w; i++)
                viz_raster_rect(r, tx + i * k, ty + j * k, k, k,
                                viz_colormap_rgb(hm->map, viz_heatmap_frac(hm, v[j * hm->w + i])));
        viz_raster_rect(r, tx - 1, ty - 1, hm->w * k + 2, 1, AXIS);
        viz_raster_rect(r, tx - 1, ty + hm->h * k, hm->w * k + 2, 1, AXIS);
        viz_raster_rect(r, tx - 1, ty - 1, 1, hm->h * k + 2, AXIS);
        viz_raster_rect(r, tx + hm->w * k, ty - 1, 1, hm->h * k + 2, AXIS);
    }
    /* The colour bar: the map from lo to hi, with both ends and the middle labelled. */
    int by = top + rows * hm->h * k + gap * (rows - 1) + 14;
    int bw = w - 64 < 360 ? w - 64 : 360, bx = x + (w - bw) / 2;
    for (int i = 0; i < bw; i++)
        viz_raster_rect(r, bx + i, by, 1, 14, viz_colormap_rgb(hm->map, (double)i / (bw - 1)));
    viz_raster_rect(r, bx, by + 14, bw, 1, AXIS);
    char lo[24], mid[24], hi[24];
    format_value(lo, sizeof lo, hm->lo);
    format_value(mid, sizeof mid, (hm->lo + hm->hi) / 2);
    format_value(hi, sizeof hi, hm->hi);
    const char *labels[3] = {lo, mid, hi};
    for (int i = 0; i < 3; i++) {
        int cx = bx + i * (bw - 1) / 2, tw = viz_raster_text_width(labels[i], SCALE);
        viz_raster_rect(r, cx, by + 14, 1, 5, AXIS);
        viz_raster_text(r, cx - tw / 2, by + 22, SCALE, labels[i], INK);
    }
    int lw = viz_raster_text_width(hm->label, SCALE);
    viz_raster_text(r, bx + (bw - lw) / 2, by + 22 + lh, SCALE, hm->label, AXIS);
}

zk_err viz_figure_png(const viz_chart *const *charts, size_t ncharts,
                      const viz_heatmap *const *maps, size_t nmaps, const char *path)
{
    enum { CELL_W = 560, CHART_H = 420, MAP_H = 460 };
    if ((ncharts == 0 && nmaps == 0) || ncharts > 6 || nmaps > 6)
        return ZK_EINVAL;
    size_t across = ncharts > nmaps ? ncharts : nmaps;
    int W = CELL_W * (int)across, H = (ncharts ? CHART_H : 0) + (nmaps ? MAP_H : 0);
    viz_raster r;
    zk_err err = viz_raster_init(&r, W, H, BG);
    if (err)
        return err;
    for (size_t i = 0; i < ncharts; i++)
        viz_chart_render(&r, (int)i * W / (int)ncharts, 0, W / (int)ncharts, CHART_H, charts[i]);
    int my = ncharts ? CHART_H : 0;
    for (size_t i = 0; i < nmaps; i++)
        viz_heatmap_render(&r, (int)i * W / (int)nmaps, my, W / (int)nmaps, MAP_H, maps[i]);
    err = viz_raster_write_png(&r, path);
    viz_raster_free(&r);
    return err;
}
