/* An RGB pixel image with the few primitives charts need (rectangles, thick
 * lines, discs, text in the built-in 5×7 font) and PNG output via libpng. */
#ifndef ZK_VIZ_RASTER_H
#define ZK_VIZ_RASTER_H

#include "core/err.h"
#include "core/types.h"

typedef struct viz_raster {
    int w, h;
    uint8_t *rgb;   /* h rows of w pixels, 3 bytes each */
} viz_raster;

/* Colours are 0xRRGGBB. */
zk_err viz_raster_init(viz_raster *r, int w, int h, uint32_t background);
void viz_raster_free(viz_raster *r);
/* The colour at (x, y); 0 outside the image. */
uint32_t viz_raster_get(const viz_raster *r, int x, int y);
void viz_raster_set(viz_raster *r, int x, int y, uint32_t rgb);
void viz_raster_rect(viz_raster *r, int x, int y, int w, int h, uint32_t rgb);
/* Visits every point of the line from (x0, y0) to (x1, y1), both ends
 * included, in order (Bresenham's algorithm, integers only). Pixels and
 * Braille dots are drawn with it. */
void viz_line_walk(int x0, int y0, int x1, int y1, void (*visit)(void *ctx, int x, int y),
                   void *ctx);
/* A line of the given thickness in pixels (Bresenham with a square pen). */
void viz_raster_line(viz_raster *r, int x0, int y0, int x1, int y1, int thick, uint32_t rgb);
void viz_raster_disc(viz_raster *r, int cx, int cy, int radius, uint32_t rgb);
/* Text with its top-left corner at (x, y), each font pixel scale × scale;
 * non-ASCII code points use their ASCII stand-ins. Returns the width drawn. */
int viz_raster_text(viz_raster *r, int x, int y, int scale, const char *text, uint32_t rgb);
/* The width viz_raster_text would draw, and the height of a line. */
int viz_raster_text_width(const char *text, int scale);
int viz_raster_line_height(int scale);

/* Writes an 8-bit RGB PNG. The file appears complete or not at all: it is
 * written next to path under a temporary name and renamed into place. */
zk_err viz_raster_write_png(const viz_raster *r, const char *path);

#endif
