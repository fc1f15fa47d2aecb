/* Large type: each cell shows two pixel rows of the 5×7 font. */
#include <string.h>

#include "viz/bigtext.h"
#include "viz/font.h"

int viz_big_width(const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || (unsigned char)text[i] > 0x7E)
            return -1;
    /* The gap after the last character is not part of the text. */
    return n ? (int)n * VIZ_BIG_ADVANCE - 1 : 0;
}

int viz_big_text(viz_canvas *c, int x, int y, int max_w, const char *text, viz_style st)
{
    int w = viz_big_width(text);
    if (w < 0 || w > max_w)
        return -1;
    static const char *const halves[4] = {" ", "▀", "▄", "█"};
    for (size_t i = 0; text[i]; i++) {
        unsigned char ch = (unsigned char)text[i];
        int cx = x + (int)i * VIZ_BIG_ADVANCE;
        for (int row = 0; row < VIZ_BIG_ROWS; row++)
            for (int px = 0; px < VIZ_FONT_W; px++) {
                int top = 2 * row, bottom = top + 1;
                int bits = viz_font_pixel(ch, px, top) |
                           (bottom < VIZ_FONT_H && viz_font_pixel(ch, px, bottom)) << 1;
                if (bits)
                    viz_canvas_put(c, cx + px, y + row, halves[bits], st);
            }
    }
    return w;
}
