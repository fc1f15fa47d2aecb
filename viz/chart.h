/* Charts with axes and legends: line, bar and histogram.
 *
 * A viz_chart is plain data (series of numbers, labels); it owns copies of
 * what is added to it. The same chart is drawn in terminal cells
 * (viz_chart_draw) and as pixels for a PNG (viz_chart_render, viz_charts_png),
 * from one shared computation of scales and ticks (viz_plot), so the picture
 * a student exports is the one on screen.
 *
 * Every series has a colour and, for terminals without colour, its own
 * marker or fill glyph (● ○ ◆ ■ for lines, █ ▒ ░ ▓ for bars). Lines are
 * drawn last series first, so the first series ends on top where they
 * cross: add the measured series first and its reference (a bound, the
 * exact value) after. */
#ifndef ZK_VIZ_CHART_H
#define ZK_VIZ_CHART_H

#include "core/err.h"
#include "core/types.h"
#include "viz/canvas.h"
#include "viz/raster.h"

enum { VIZ_MAX_SERIES = 4, VIZ_MAX_CATEGORIES = 64 };

typedef enum viz_chart_kind {
    VIZ_CHART_LINE,  /* series of (x, y) points, joined */
    VIZ_CHART_BARS,  /* one value per category per series, grouped bars */
    VIZ_CHART_HIST,  /* samples counted into equal bins over [lo, hi] */
} viz_chart_kind;

typedef struct viz_series {
    char name[40];
    uint8_t color;   /* viz_color */
    double *x;       /* LINE only */
    double *y;       /* LINE: y of each point; BARS: a value per category; HIST: samples */
    size_t n;
} viz_series;

typedef struct viz_chart {
    viz_chart_kind kind;
    char title[80];
    char xlabel[40];
    char ylabel[40];
    bool log_y;             /* LINE: logarithmic y axis; points with y <= 0 are left out */
    bool y_fixed;           /* use [y_lo, y_hi] instead of the data's range */
    double y_lo, y_hi;
    char categories[VIZ_MAX_CATEGORIES][16];   /* BARS */
    size_t ncategories;
    double hist_lo, hist_hi;                   /* HIST */
    size_t hist_bins;
    viz_series series[VIZ_MAX_SERIES];
    size_t nseries;
} viz_chart;

void viz_chart_init(viz_chart *ch, viz_chart_kind kind, const char *title, const char *xlabel,
                    const char *ylabel);
void viz_chart_free(viz_chart *ch);

/* LINE: n points (x[i], y[i]). */
zk_err viz_chart_add_line(viz_chart *ch, const char *name, viz_color color, const double *x,
                          const double *y, size_t n);
/* BARS: set the category labels first, then add series of ncategories values. */
zk_err viz_chart_set_categories(viz_chart *ch, const char *const *labels, size_t n);
zk_err viz_chart_add_bars(viz_chart *ch, const char *name, viz_color color,
                          const double *values, size_t n);
/* HIST: set the bins first, then add series of samples. A sample equal to hi
 * falls in the last bin; samples outside [lo, hi] are not counted. */
zk_err viz_chart_set_bins(viz_chart *ch, double lo, double hi, size_t bins);
zk_err viz_chart_add_samples(viz_chart *ch, const char *name, viz_color color,
                             const double *samples, size_t n);

/* An axis: the range shown and its tick marks. */
typedef struct viz_scale {
    double lo, hi;      /* log10 of the bounds when log */
    double first, step; /* ticks at first + k·step while <= hi */
    bool log;
} viz_scale;

/* What both renderers draw: scales and, for BARS and HIST, the bar heights. */
typedef struct viz_plot {
    viz_scale x, y;
    size_t ngroups;     /* BARS: categories; HIST: bins */
    double *values;     /* ngroups × nseries: values[g·nseries + s] */
} viz_plot;

zk_err viz_plot_prepare(viz_plot *p, const viz_chart *ch);
void viz_plot_free(viz_plot *p);
/* Where v lies on the scale, 0 at lo and 1 at hi; NaN when it cannot be
 * shown (not finite, or <= 0 on a log scale). */
double viz_scale_frac(const viz_scale *s, double v);
/* "Nice" ticks (steps of 1, 2 or 5 × 10^k) covering [lo, hi] with at most
 * about max_ticks of them. */
void viz_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step);
/* A tick's label: as many decimals as the step needs, 1e-6 style for the
 * decades of a log scale. */
void viz_format_tick(char *out, size_t len, const viz_scale *s, double v);

enum { VIZ_MAX_TICKS = 32 };

typedef struct viz_tick {
    double frac;      /* where it sits: 0 at the scale's lo, 1 at its hi */
    char label[24];
} viz_tick;

/* The ticks of a scale that fall inside it, at most max of them; returns
 * how many. Both renderers place axes and labels from this list. */
size_t viz_scale_ticks(const viz_scale *s, viz_tick *out, size_t max);

/* The marker (lines) and fill (bars) glyph of series i. */
const char *viz_series_marker(size_t i);
const char *viz_series_fill(size_t i);
/* The colour used for viz_color c in PNG images, 0xRRGGBB. */
uint32_t viz_color_rgb(viz_color c);

/* Draws the chart into the w × h rectangle at (x, y) of a canvas: title,
 * legend, y axis with labels, plot, x axis with labels. Needs w >= 24 and
 * h >= 7; a smaller rectangle shows only the title. */
void viz_chart_draw(viz_canvas *c, int x, int y, int w, int h, const viz_chart *ch);
/* The same in coarser cells for a projector: lines in half blocks (▀ ▄ █)
 * rather than Braille dots, bar tops in half cells. */
void viz_chart_draw_blocks(viz_canvas *c, int x, int y, int w, int h, const viz_chart *ch);

/* Draws the chart as pixels into a w × h rectangle of a raster. */
void viz_chart_render(viz_raster *r, int x, int y, int w, int h, const viz_chart *ch);
/* Writes n charts side by side into one PNG file (written atomically). */
zk_err viz_charts_png(const viz_chart *const *charts, size_t n, const char *path);

#endif
