/* Charts as pixels, for PNG export: the same scales and ticks as on screen
 * (viz_plot), drawn with 3-pixel lines, disc markers and the 5×7 font at
 * twice its size. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viz/chart.h"

enum { SCALE = 2, BG = 0xFFFFFF, INK = 0x222222, GRID = 0xE4E4E4, AXIS = 0x555555 };

typedef struct px_area {
    int x, y, w, h;
} px_area;

static int px_x(const px_area *a, double f)
{
    return a->x + (int)lround(f * (a->w - 1));
}

static int px_y(const px_area *a, double f)
{
    return a->y + a->h - 1 - (int)lround(f * (a->h - 1));
}

static void marker(viz_raster *r, int x, int y, size_t series, uint32_t rgb)
{
    switch (series % VIZ_MAX_SERIES) {
    case 0:
        viz_raster_disc(r, x, y, 5, rgb);
        break;
    case 1:   /* a ring */
        viz_raster_disc(r, x, y, 5, rgb);
        viz_raster_disc(r, x, y, 2, BG);
        break;
    case 2:   /* a diamond */
        for (int k = -5; k <= 5; k++)
            viz_raster_rect(r, x - (5 - abs(k)), y + k, 2 * (5 - abs(k)) + 1, 1, rgb);
        break;
    default:
        viz_raster_rect(r, x - 4, y - 4, 9, 9, rgb);
        break;
    }
}

/* The legend's entries, right-aligned at right from row y down, wrapped into
 * rows no wider than maxw; returns the rows used, drawing only when r is
 * set (so that the layout can ask first). */
static int legend(viz_raster *r, int right, int y, int maxw, const viz_chart *ch)
{
    int lh = viz_raster_line_height(SCALE);
    int rows = 0;
    for (size_t i = 0; i < ch->nseries; rows++) {
        size_t j = i;
        int w = 0;
        while (j < ch->nseries) {
            int ew = 24 + viz_raster_text_width(ch->series[j].name, SCALE) + (j > i ? 20 : 0);
            if (j > i && w + ew > maxw)
                break;
            w += ew;
            j++;
        }
        for (int x = right - w; r && i < j; i++) {
            if (x != right - w)
                x += 20;
            uint32_t rgb = viz_color_rgb((viz_color)ch->series[i].color);
            int ry = y + rows * lh;
            if (ch->kind == VIZ_CHART_LINE)
                marker(r, x + 8, ry + lh / 2 - 3, i, rgb);
            else
                viz_raster_rect(r, x + 2, ry + 1, 12, 12, rgb);
            x += 24;
            x += viz_raster_text(r, x, ry, SCALE, ch->series[i].name, INK);
        }
        i = j;
    }
    return rows;
}

static void axes(viz_raster *r, const px_area *a, const viz_chart *ch, const viz_plot *p)
{
    int lh = viz_raster_line_height(SCALE);
    viz_tick ticks[VIZ_MAX_TICKS];
    size_t n = viz_scale_ticks(&p->y, ticks, VIZ_MAX_TICKS);
    for (size_t i = 0; i < n; i++) {
        int y = px_y(a, ticks[i].frac);
        viz_raster_rect(r, a->x, y, a->w, 1, GRID);
        int lw = viz_raster_text_width(ticks[i].label, SCALE);
        viz_raster_text(r, a->x - 10 - lw, y - 7, SCALE, ticks[i].label, INK);
    }
    int base = a->y + a->h;
    if (ch->kind == VIZ_CHART_BARS) {
        for (size_t g = 0; g < p->ngroups; g++) {
            int x = a->x + (int)((g + 0.5) * a->w / (double)p->ngroups);
            int lw = viz_raster_text_width(ch->categories[g], SCALE);
            viz_raster_text(r, x - lw / 2, base + 8, SCALE, ch->categories[g], INK);
        }
    } else {
        int next_free = a->x - 40;
        n = viz_scale_ticks(&p->x, ticks, VIZ_MAX_TICKS);
        for (size_t i = 0; i < n; i++) {
            int x = px_x(a, ticks[i].frac);
            int lw = viz_raster_text_width(ticks[i].label, SCALE);
            viz_raster_rect(r, x, base, 1, 6, AXIS);
            if (x - lw / 2 >= next_free) {
                viz_raster_text(r, x - lw / 2, base + 10, SCALE, ticks[i].label, INK);
                next_free = x + lw / 2 + 12;
            }
        }
    }
    viz_raster_rect(r, a->x, a->y, 2, a->h + 1, AXIS);
    viz_raster_rect(r, a->x, base, a->w, 2, AXIS);
    int xw = viz_raster_text_width(ch->xlabel, SCALE);
    viz_raster_text(r, a->x + (a->w - xw) / 2, base + 12 + lh, SCALE, ch->xlabel, INK);
}

static void lines(viz_raster *r, const px_area *a, const viz_chart *ch, const viz_plot *p)
{
    /* Last series first: series 0 (the measured one, by convention) ends on top. */
    for (size_t i = ch->nseries; i-- > 0;) {
        const viz_series *s = &ch->series[i];
        uint32_t rgb = viz_color_rgb((viz_color)s->color);
        bool have_prev = false;
        int px = 0, py = 0;
        for (size_t k = 0; k < s->n; k++) {
            double fx = viz_scale_frac(&p->x, s->x[k]), fy = viz_scale_frac(&p->y, s->y[k]);
            if (isnan(fx) || isnan(fy)) {
                have_prev = false;
                continue;
            }
            int x = px_x(a, fx), y = px_y(a, fmin(fmax(fy, 0), 1));
            if (have_prev)
                viz_raster_line(r, px, py, x, y, 3, rgb);
            px = x, py = y, have_prev = true;
        }
        if (s->n > (size_t)a->w / 8)
            continue;
        for (size_t k = 0; k < s->n; k++) {
            double fx = viz_scale_frac(&p->x, s->x[k]), fy = viz_scale_frac(&p->y, s->y[k]);
            if (!isnan(fx) && !isnan(fy))
                marker(r, px_x(a, fx), px_y(a, fmin(fmax(fy, 0), 1)), i, rgb);
        }
    }
}

static void bars(viz_raster *r, const px_area *a, const viz_chart *ch, const viz_plot *p)
{
    size_t ns = ch->nseries;
    if (!ns || !p->ngroups)
        return;
    double gw = a->w / (double)p->ngroups;
    double pad = gw * 0.1, bw = (gw - 2 * pad) / (double)ns;
    double zero = viz_scale_frac(&p->y, 0);
    if (isnan(zero) || zero < 0)
        zero = 0;
    int y0 = px_y(a, zero);
    for (size_t g = 0; g < p->ngroups; g++)
        for (size_t s = 0; s < ns; s++) {
            double f = viz_scale_frac(&p->y, p->values[g * ns + s]);
            if (isnan(f))
                continue;
            int y1 = px_y(a, fmin(fmax(f, 0), 1));
            int x0 = a->x + (int)lround(g * gw + pad + s * bw);
            int x1 = a->x + (int)lround(g * gw + pad + (s + 1) * bw);
            if (x1 - x0 > 3)
                x1--;   /* a hairline between neighbours */
            viz_raster_rect(r, x0, y1, x1 - x0 > 0 ? x1 - x0 : 1, y0 - y1 + 1,
                            viz_color_rgb((viz_color)ch->series[s].color));
        }
}

void viz_chart_render(viz_raster *r, int x, int y, int w, int h, const viz_chart *ch)
{
    int lh = viz_raster_line_height(SCALE);
    viz_raster_rect(r, x, y, w, h, BG);
    viz_raster_text(r, x + 16, y + 12, SCALE, ch->title, INK);
    viz_raster_text(r, x + 17, y + 12, SCALE, ch->title, INK);   /* bold */
    viz_plot p;
    if (viz_plot_prepare(&p, ch) != ZK_OK)
        return;
    int label_w = 0;
    viz_tick ticks[VIZ_MAX_TICKS];
    size_t nt = viz_scale_ticks(&p.y, ticks, VIZ_MAX_TICKS);
    for (size_t i = 0; i < nt; i++) {
        int lw = viz_raster_text_width(ticks[i].label, SCALE);
        label_w = lw > label_w ? lw : label_w;
    }
    /* The legend goes right of the y label when it fits there on one row,
     * else on rows of its own below it, and the plot moves down. */
    int ly = y + 12 + lh + 6, right = x + w - 24;
    int beside = w - 40 - 24 - viz_raster_text_width(ch->ylabel, SCALE);
    int extra = 0;
    if (legend(NULL, right, ly, beside, ch) > 1)
        extra = legend(NULL, right, ly, w - 40, ch);
    px_area a = {x + 24 + label_w, y + 12 + (3 + extra) * lh, 0, 0};
    a.w = x + w - 24 - a.x;
    a.h = y + h - 2 * lh - 24 - a.y;
    if (a.w < 40 || a.h < 40) {
        viz_plot_free(&p);
        return;
    }
    viz_raster_text(r, x + 16, ly, SCALE, ch->ylabel, AXIS);
    if (extra)
        legend(r, right, ly + lh, w - 40, ch);
    else
        legend(r, right, ly, beside, ch);
    axes(r, &a, ch, &p);
    if (ch->kind == VIZ_CHART_LINE)
        lines(r, &a, ch, &p);
    else
        bars(r, &a, ch, &p);
    viz_plot_free(&p);
}

zk_err viz_charts_png(const viz_chart *const *charts, size_t n, const char *path)
{
    enum { CHART_W = 760, CHART_H = 460 };
    if (n == 0 || n > 8)
        return ZK_EINVAL;
    viz_raster r;
    zk_err err = viz_raster_init(&r, CHART_W * (int)n, CHART_H, BG);
    if (err)
        return err;
    for (size_t i = 0; i < n; i++)
        viz_chart_render(&r, CHART_W * (int)i, 0, CHART_W, CHART_H, charts[i]);
    err = viz_raster_write_png(&r, path);
    viz_raster_free(&r);
    return err;
}
