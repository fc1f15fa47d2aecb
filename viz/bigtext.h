/* Large type for a projector: text drawn in the 5×7 font of viz/font.h
 * with half blocks (▀ ▄ █), two pixel rows a cell, so a character is 5
 * columns wide (6 with its gap) and VIZ_BIG_ROWS rows high. */
#ifndef ZK_VIZ_BIGTEXT_H
#define ZK_VIZ_BIGTEXT_H

#include "viz/canvas.h"

enum { VIZ_BIG_ROWS = 4, VIZ_BIG_ADVANCE = 6 };

/* Columns text takes in large type; -1 when it holds a character outside
 * printable ASCII (the font has no other glyphs). */
int viz_big_width(const char *text);
/* Draws text in large type with its top-left cell at (x, y); returns the
 * columns used, or -1 (nothing drawn) when it is not printable ASCII or
 * wider than max_w. */
int viz_big_text(viz_canvas *c, int x, int y, int max_w, const char *text, viz_style st);

#endif
