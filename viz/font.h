/* A 5×7 bitmap font for printable ASCII, drawn for zkcave's PNG charts. */
#ifndef ZK_VIZ_FONT_H
#define ZK_VIZ_FONT_H

#include <stdbool.h>

enum { VIZ_FONT_W = 5, VIZ_FONT_H = 7 };

/* True when pixel (x, y) of character ch is set; characters outside
 * 0x20..0x7E draw as '?'. */
bool viz_font_pixel(unsigned char ch, int x, int y);

#endif
