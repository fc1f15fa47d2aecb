/* A 5×7 bitmap font for printable ASCII, drawn for zkcave's PNG charts:
 * VIZ_FONT_H rows down to the baseline, VIZ_FONT_DESCENT more below it for
 * the descenders of g, j, p, q and y. */
#ifndef ZK_VIZ_FONT_H
#define ZK_VIZ_FONT_H

#include <stdbool.h>

enum { VIZ_FONT_W = 5, VIZ_FONT_H = 7, VIZ_FONT_DESCENT = 2 };

/* True when pixel (x, y) of character ch is set (y below VIZ_FONT_H +
 * VIZ_FONT_DESCENT); characters outside
 * 0x20..0x7E draw as '?'. */
bool viz_font_pixel(unsigned char ch, int x, int y);

#endif
