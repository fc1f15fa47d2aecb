/* Charts in terminal cells.
 *
 * Lines are drawn on a grid of Braille dots, 2 × 4 per cell (U+2800 + dot
 * bits), which gives four times the vertical resolution of whole cells;
 * each data point also gets its series' marker so series stay apart without
 * colour. Bars use the eighth blocks ▁..█ for their tops. For a projector
 * (viz_chart_draw_blocks) lines use half blocks, 1 × 2 per cell (▀ ▄ █),
 * and bar tops round to half cells: Braille dots are too fine to read from
 * the back of a room. In ASCII mode the canvas turns dots into '.' and
 * blocks into '#'. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "viz/chart.h"
#include "viz/text.h"

typedef struct area {
    int x, y, w, h;   /* the plot inside the axes, in cells */
} area;

static viz_style series_style(const viz_chart *ch, size_t i)
{
    return (viz_style){ch->series[i].color, 0};
}

static int text_w(const viz_canvas *c, const char *s)
{
    return (int)viz_text_width(s, strlen(s), c->ascii);
}

/* The legend, right-aligned on row y within [x, x + w). */
static void draw_legend(viz_canvas *c, int x, int y, int w, const viz_chart *ch)
{
    if (ch->nseries < 1)
        return;
    int need = 0;
    for (size_t i = 0; i < ch->nseries; i++)
        need += 2 + text_w(c, ch->series[i].name) + (i ? 2 : 0);
    int at = need <= w ? x + w - need : x;
    for (size_t i = 0; i < ch->nseries && at < x + w; i++) {
        if (i)
            at += 2;
        const char *g = ch->kind == VIZ_CHART_LINE ? viz_series_marker(i) : viz_series_fill(i);
        viz_canvas_put(c, at, y, g, series_style(ch, i));
        at += 2;
        at += viz_canvas_text_fit(c, at, y, x + w - at, ch->series[i].name, VIZ_PLAIN);
    }
}

static int row_at(const area *a, double frac)
{
    return a->y + a->h - 1 - (int)lround(frac * (a->h - 1));
}

static int col_at(const area *a, double frac)
{
    return a->x + (int)lround(frac * (a->w - 1));
}

static void draw_y_axis(viz_canvas *c, const area *a, int label_w, const viz_scale *s)
{
    viz_style axis = {VIZ_DEFAULT, VIZ_DIM};
    viz_canvas_vline(c, a->x - 1, a->y, a->h, axis);
    viz_tick ticks[VIZ_MAX_TICKS];
    size_t n = viz_scale_ticks(s, ticks, VIZ_MAX_TICKS);
    for (size_t i = 0; i < n; i++) {
        int r = row_at(a, ticks[i].frac);
        int lw = text_w(c, ticks[i].label);
        viz_canvas_text(c, a->x - 2 - lw, r, label_w, ticks[i].label, VIZ_PLAIN);
        viz_canvas_put(c, a->x - 1, r, "┤", axis);
    }
}

/* Tick labels under the x axis at the given columns, skipping any that
 * would touch the previous one. */
typedef struct xlabels {
    int next_free;
} xlabels;

static void put_xlabel(viz_canvas *c, xlabels *xl, int col, int y, int right, const char *label)
{
    int lw = text_w(c, label);
    int at = col - lw / 2;
    if (at < xl->next_free || at + lw > right)
        return;
    viz_canvas_text(c, at, y, lw, label, VIZ_PLAIN);
    viz_canvas_put(c, col, y - 1, "┬", (viz_style){VIZ_DEFAULT, VIZ_DIM});
    xl->next_free = at + lw + 1;
}

/* The column of a data value on the x scale, or -1 outside it. */
static int col_of(const area *a, const viz_scale *s, double v)
{
    double f = viz_scale_frac(s, v);
    if (isnan(f) || f < -1e-9 || f > 1 + 1e-9)
        return -1;
    return col_at(a, f);
}

static void draw_x_axis(viz_canvas *c, const area *a, const viz_chart *ch, const viz_plot *p)
{
    viz_style axis = {VIZ_DEFAULT, VIZ_DIM};
    int y = a->y + a->h;
    viz_canvas_hline(c, a->x, y, a->w, axis);
    viz_canvas_put(c, a->x - 1, y, "└", axis);
    xlabels xl = {a->x - 1};
    int right = a->x + a->w;
    if (ch->kind == VIZ_CHART_BARS) {
        for (size_t g = 0; g < p->ngroups; g++) {
            int col = a->x + (int)((g + 0.5) * a->w / (double)p->ngroups);
            put_xlabel(c, &xl, col, y + 1, right, ch->categories[g]);
        }
    } else {
        viz_tick ticks[VIZ_MAX_TICKS];
        size_t n = viz_scale_ticks(&p->x, ticks, VIZ_MAX_TICKS);
        for (size_t i = 0; i < n; i++)
            put_xlabel(c, &xl, col_at(a, ticks[i].frac), y + 1, right, ticks[i].label);
    }
    int lw = text_w(c, ch->xlabel);
    if (lw && xl.next_free + lw <= right)
        viz_canvas_text(c, right - lw, y + 1, lw, ch->xlabel, (viz_style){VIZ_DEFAULT, VIZ_DIM});
}

/* Braille dot (dx, dy) of a cell: bit numbers from the Unicode Braille block. */
static uint8_t braille_bit(int dx, int dy)
{
    static const uint8_t bits[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    return bits[dy][dx];
}

/* Dots per cell across and down: Braille 2 × 4, half blocks 1 × 2. */
typedef struct dots {
    uint8_t *grid;
    const area *a;
    int sx, sy;
} dots;

static void dot(const dots *d, int px, int py)
{
    const area *a = d->a;
    if (px < 0 || py < 0 || px >= d->sx * a->w || py >= d->sy * a->h)
        return;
    uint8_t bit = d->sy == 4 ? braille_bit(px % 2, py % 4) : (uint8_t)(1u << (py % 2));
    d->grid[(py / d->sy) * a->w + px / d->sx] |= bit;
}

static void dot_at(void *ctx, int x, int y)
{
    dot(ctx, x, y);
}

/* The glyph of a cell's dots, merged with dots of the same kind that an
 * earlier series left in it. */
static void dot_glyph(char g[5], const dots *d, uint32_t bits, const viz_cell *under)
{
    static const char *const halves[4] = {" ", "▀", "▄", "█"};
    size_t used;
    uint32_t old = under ? viz_utf8_decode(under->glyph, strlen(under->glyph), &used) : 0;
    if (d->sy == 4) {
        bits |= old >= 0x2800 && old <= 0x28FF ? old - 0x2800 : 0;
        viz_utf8_encode(g, 0x2800 + bits);
        return;
    }
    bits |= old == 0x2580 ? 1 : old == 0x2584 ? 2 : old == 0x2588 ? 3 : 0;
    strcpy(g, halves[bits & 3]);
}

static void draw_lines(viz_canvas *c, const area *a, const viz_chart *ch, const viz_plot *p,
                       bool blocks)
{
    size_t cells = (size_t)a->w * (size_t)a->h;
    uint8_t *grid = zk_calloc(cells, 1);
    if (!grid)
        return;
    dots d = {grid, a, blocks ? 1 : 2, blocks ? 2 : 4};
    /* Last series first: series 0 (the measured one, by convention) ends on top. */
    for (size_t i = ch->nseries; i-- > 0;) {
        const viz_series *s = &ch->series[i];
        memset(grid, 0, cells);
        bool have_prev = false;
        int px = 0, py = 0;
        for (size_t k = 0; k < s->n; k++) {
            double fx = viz_scale_frac(&p->x, s->x[k]), fy = viz_scale_frac(&p->y, s->y[k]);
            if (isnan(fx) || isnan(fy)) {
                have_prev = false;   /* a gap in the line */
                continue;
            }
            fy = fmin(fmax(fy, 0), 1);
            int x = (int)lround(fx * (d.sx * a->w - 1)), y = (int)lround((1 - fy) * (d.sy * a->h - 1));
            if (have_prev)
                viz_line_walk(px, py, x, y, dot_at, &d);
            else
                dot(&d, x, y);
            px = x, py = y, have_prev = true;
        }
        for (size_t cell = 0; cell < cells; cell++) {
            if (!grid[cell])
                continue;
            int x = a->x + (int)(cell % (size_t)a->w), y = a->y + (int)(cell / (size_t)a->w);
            /* Dots of series drawn earlier in this cell stay visible. */
            char g[5];
            dot_glyph(g, &d, grid[cell], viz_canvas_at(c, x, y));
            viz_canvas_put(c, x, y, g, series_style(ch, i));
        }
    }
    zk_free(grid);
    /* Markers on top, when the points are few enough to tell apart. */
    for (size_t i = ch->nseries; i-- > 0;) {
        const viz_series *s = &ch->series[i];
        if (s->n > (size_t)a->w / 2 + 1)
            continue;
        for (size_t k = 0; k < s->n; k++) {
            int x = col_of(a, &p->x, s->x[k]);
            double fy = viz_scale_frac(&p->y, s->y[k]);
            if (x < 0 || isnan(fy))
                continue;
            fy = fmin(fmax(fy, 0), 1);
            int y = a->y + (int)lround((1 - fy) * (d.sy * a->h - 1)) / d.sy;
            viz_canvas_put(c, x, y, viz_series_marker(i), series_style(ch, i));
        }
    }
}

static void draw_bars(viz_canvas *c, const area *a, const viz_chart *ch, const viz_plot *p,
                      bool blocks)
{
    static const char *const eighths[8] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇"};
    static const char *const halves[8] = {" ", " ", " ", "▄", "▄", "▄", "▄", "▄"};
    size_t ns = ch->nseries;
    if (!ns || !p->ngroups)
        return;
    double gw = a->w / (double)p->ngroups;
    int gap = gw >= (double)ns + 1 ? 1 : 0;
    int bw = (int)((gw - gap) / (double)ns);
    if (bw < 1)
        bw = 1;
    double zero = viz_scale_frac(&p->y, 0);
    if (isnan(zero) || zero < 0)
        zero = 0;
    for (size_t g = 0; g < p->ngroups; g++) {
        int gx = a->x + (int)(g * gw) + gap;
        for (size_t s = 0; s < ns; s++) {
            double f = viz_scale_frac(&p->y, p->values[g * ns + s]);
            if (isnan(f))
                continue;
            f = fmin(fmax(f, 0), 1);
            int eighths_up = (int)lround((f - zero) * a->h * 8);
            if (eighths_up < 0)
                eighths_up = 0;
            int full = eighths_up / 8, rem = eighths_up % 8;
            int bx = gx + (int)s * bw;
            for (int col = bx; col < bx + bw && col < a->x + a->w; col++) {
                int base = a->y + a->h - 1 - (int)lround(zero * (a->h - 1));
                for (int k = 0; k < full && base - k >= a->y; k++)
                    viz_canvas_put(c, col, base - k, viz_series_fill(s), series_style(ch, s));
                if (rem && base - full >= a->y) {
                    /* Only solid bars can show a fractional top; patterned
                     * ones round to the nearest whole cell. */
                    const char *top = s == 0 ? (blocks ? halves : eighths)[rem]
                                      : rem >= 4 ? viz_series_fill(s) : NULL;
                    if (top)
                        viz_canvas_put(c, col, base - full, top, series_style(ch, s));
                }
            }
        }
    }
}

static void chart_draw(viz_canvas *c, int x, int y, int w, int h, const viz_chart *ch, bool blocks)
{
    viz_canvas_fill(c, x, y, w, h, " ", VIZ_PLAIN);
    viz_canvas_text_fit(c, x, y, w, ch->title, (viz_style){VIZ_DEFAULT, VIZ_BOLD});
    if (w < 24 || h < 7)
        return;
    viz_plot p;
    if (viz_plot_prepare(&p, ch) != ZK_OK)
        return;
    /* The y labels' width decides where the axis goes. */
    int label_w = 1;
    viz_tick ticks[VIZ_MAX_TICKS];
    size_t nt = viz_scale_ticks(&p.y, ticks, VIZ_MAX_TICKS);
    for (size_t i = 0; i < nt; i++) {
        int lw = text_w(c, ticks[i].label);
        label_w = lw > label_w ? lw : label_w;
    }
    if (label_w > 9)
        label_w = 9;
    area a = {x + label_w + 2, y + 2, w - label_w - 3, h - 4};
    viz_canvas_text_fit(c, x, y + 1, w / 3, ch->ylabel, (viz_style){VIZ_DEFAULT, VIZ_DIM});
    draw_legend(c, x + w / 3 + 1, y + 1, w - w / 3 - 1, ch);
    draw_y_axis(c, &a, label_w, &p.y);
    draw_x_axis(c, &a, ch, &p);
    if (ch->kind == VIZ_CHART_LINE)
        draw_lines(c, &a, ch, &p, blocks);
    else
        draw_bars(c, &a, ch, &p, blocks);
    viz_plot_free(&p);
}

void viz_chart_draw(viz_canvas *c, int x, int y, int w, int h, const viz_chart *ch)
{
    chart_draw(c, x, y, w, h, ch, false);
}

void viz_chart_draw_blocks(viz_canvas *c, int x, int y, int w, int h, const viz_chart *ch)
{
    chart_draw(c, x, y, w, h, ch, true);
}
