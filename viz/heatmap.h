/* Heatmaps and images: a grid of values shown through a colour map, with a
 * colour-scale legend, in terminal cells and as pixels for PNG export.
 *
 * One viz_heatmap holds one or more tiles of the same size laid out in a
 * grid: a digit is one 28 × 28 tile in gray; the sixteen feature maps of a
 * convolution are sixteen tiles; a layer's error is a heat map. In cells,
 * each cell shows the mean of the pixels it covers as a shade (" ░▒▓█",
 * ASCII " .:%#") coloured by the map, so the picture survives without
 * colour; a cell is about twice as tall as wide, so a square tile takes
 * twice as many columns as rows. As pixels, every value is a square block
 * of the map's colour, and the legend is a colour bar with its range. */
#ifndef ZK_VIZ_HEATMAP_H
#define ZK_VIZ_HEATMAP_H

#include "core/err.h"
#include "core/types.h"
#include "viz/canvas.h"
#include "viz/chart.h"
#include "viz/raster.h"

typedef enum viz_colormap {
    VIZ_MAP_GRAY,       /* black (lo) to white (hi): digits, white ink on black */
    VIZ_MAP_HEAT,       /* dark violet → blue → green → yellow, for magnitudes */
    VIZ_MAP_DIVERGING,  /* blue (lo) → white (midpoint 0) → red (hi), for signed values */
} viz_colormap;

typedef struct viz_heatmap {
    char title[80];
    char label[40];      /* what the values are, shown with the legend */
    int w, h;            /* one tile */
    int tiles, cols;     /* tiles in a grid cols wide */
    double *v;           /* tiles × h × w values, owned */
    double lo, hi;       /* the colour scale's range */
    viz_colormap map;
} viz_heatmap;

/* A heatmap of `tiles` tiles of w × h, all zero, range [0, 1]; cols = the
 * smallest grid width that makes the grid about square. */
zk_err viz_heatmap_init(viz_heatmap *hm, const char *title, const char *label, int w, int h,
                        int tiles, viz_colormap map);
void viz_heatmap_free(viz_heatmap *hm);
/* Sets lo and hi from the data (symmetric about 0 for VIZ_MAP_DIVERGING;
 * a flat map gets a range of width 1). */
void viz_heatmap_autorange(viz_heatmap *hm);
/* Where v falls in the range, clamped to [0, 1]. */
double viz_heatmap_frac(const viz_heatmap *hm, double v);

/* The map's colour at t in [0, 1], 0xRRGGBB. */
uint32_t viz_colormap_rgb(viz_colormap map, double t);

/* Draws tiles, title and legend into the w × h cell rectangle at (x, y). */
void viz_heatmap_draw(viz_canvas *c, int x, int y, int w, int h, const viz_heatmap *hm);
/* Draws the same as pixels into a w × h rectangle of a raster. */
void viz_heatmap_render(viz_raster *r, int x, int y, int w, int h, const viz_heatmap *hm);

/* One PNG (written atomically) with charts in a first row and heatmaps in
 * a second: the picture a screen shows, for export. Either list may be
 * empty, not both. */
zk_err viz_figure_png(const viz_chart *const *charts, size_t ncharts,
                      const viz_heatmap *const *maps, size_t nmaps, const char *path);

#endif
