#include "viz/canvas.h"

#include <string.h>

#include "core/alloc.h"
#include "viz/text.h"

static void blank(viz_cell *cell)
{
    cell->glyph[0] = ' ';
    cell->glyph[1] = '\0';
    cell->fg = VIZ_DEFAULT;
    cell->attr = 0;
}

static zk_err reserve(viz_canvas *c, int w, int h)
{
    if (w < 0 || h < 0)
        return ZK_EINVAL;
    size_t need = (size_t)w * (size_t)h;
    if (need > c->cap) {
        viz_cell *cells = zk_realloc(c->cells, need, sizeof *cells);
        if (!cells)
            return ZK_ENOMEM;
        c->cells = cells;
        c->cap = need;
    }
    return ZK_OK;
}

zk_err viz_canvas_init(viz_canvas *c, int w, int h, bool ascii)
{
    memset(c, 0, sizeof *c);
    c->ascii = ascii;
    return viz_canvas_resize(c, w, h);
}

void viz_canvas_free(viz_canvas *c)
{
    zk_free(c->cells);
    memset(c, 0, sizeof *c);
}

zk_err viz_canvas_resize(viz_canvas *c, int w, int h)
{
    zk_err err = reserve(c, w, h);
    if (err)
        return err;
    c->w = w;
    c->h = h;
    viz_canvas_clear(c);
    return ZK_OK;
}

zk_err viz_canvas_grow(viz_canvas *c, int h)
{
    if (h <= c->h)
        return ZK_OK;
    /* Grow by half again so a page laid out line by line is not quadratic. */
    size_t want = (size_t)c->w * (size_t)h;
    if (want > c->cap) {
        size_t more = want + want / 2;
        viz_cell *cells = zk_realloc(c->cells, more, sizeof *cells);
        if (!cells)
            return ZK_ENOMEM;
        c->cells = cells;
        c->cap = more;
    }
    for (size_t i = (size_t)c->w * (size_t)c->h; i < want; i++)
        blank(&c->cells[i]);
    c->h = h;
    return ZK_OK;
}

void viz_canvas_clear(viz_canvas *c)
{
    for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++)
        blank(&c->cells[i]);
}

viz_cell *viz_canvas_at(const viz_canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return NULL;
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

/* Stores code point cp (already ASCII in ASCII mode) in a cell. Control
 * characters, C0, DEL and C1 (U+0080..U+009F, which some terminals obey in
 * UTF-8, e.g. U+009B as CSI), become blanks, so no text drawn, whoever
 * wrote it, can send the terminal a command. */
static void set_cell(viz_cell *cell, uint32_t cp, viz_style st)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        cp = ' ';
    viz_utf8_encode(cell->glyph, cp);
    cell->fg = st.fg;
    cell->attr = st.attr;
}

void viz_canvas_put(viz_canvas *c, int x, int y, const char *glyph, viz_style st)
{
    viz_cell *cell = viz_canvas_at(c, x, y);
    if (!cell)
        return;
    size_t used;
    uint32_t cp = viz_utf8_decode(glyph, strlen(glyph), &used);
    if (c->ascii && cp >= 0x80)
        cp = (unsigned char)viz_ascii_fallback(cp)[0];
    set_cell(cell, cp ? cp : ' ', st);
}

int viz_canvas_textn(viz_canvas *c, int x, int y, int max_w, const char *text, size_t len,
                     viz_style st)
{
    int col = 0;
    while (len && col < max_w) {
        size_t used;
        uint32_t cp = viz_utf8_decode(text, len, &used);
        text += used;
        len -= used;
        if (c->ascii && cp >= 0x80) {
            for (const char *a = viz_ascii_fallback(cp); *a && col < max_w; a++, col++) {
                viz_cell *cell = viz_canvas_at(c, x + col, y);
                if (cell)
                    set_cell(cell, (unsigned char)*a, st);
            }
        } else {
            viz_cell *cell = viz_canvas_at(c, x + col, y);
            if (cell)
                set_cell(cell, cp, st);
            col++;
        }
    }
    return col;
}

int viz_canvas_text(viz_canvas *c, int x, int y, int max_w, const char *text, viz_style st)
{
    return viz_canvas_textn(c, x, y, max_w, text, strlen(text), st);
}

int viz_canvas_text_fit(viz_canvas *c, int x, int y, int max_w, const char *text, viz_style st)
{
    size_t len = strlen(text);
    if (max_w <= 0)
        return 0;
    if (viz_text_width(text, len, c->ascii) <= (size_t)max_w)
        return viz_canvas_textn(c, x, y, max_w, text, len, st);
    const char *ellipsis = c->ascii ? "." : "…";
    int n = viz_canvas_textn(c, x, y, max_w - 1, text, len, st);
    viz_canvas_put(c, x + n, y, ellipsis, st);
    return n + 1;
}

void viz_canvas_restyle(viz_canvas *c, int x, int y, int w, int h, viz_style st)
{
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++) {
            viz_cell *cell = viz_canvas_at(c, i, j);
            if (cell) {
                cell->fg = st.fg;
                cell->attr = st.attr;
            }
        }
}

void viz_canvas_fill(viz_canvas *c, int x, int y, int w, int h, const char *glyph, viz_style st)
{
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++)
            viz_canvas_put(c, i, j, glyph, st);
}

void viz_canvas_hline(viz_canvas *c, int x, int y, int w, viz_style st)
{
    viz_canvas_fill(c, x, y, w, 1, "─", st);
}

void viz_canvas_vline(viz_canvas *c, int x, int y, int h, viz_style st)
{
    viz_canvas_fill(c, x, y, 1, h, "│", st);
}

void viz_canvas_box(viz_canvas *c, int x, int y, int w, int h, const char *title, viz_style st)
{
    if (w < 2 || h < 2)
        return;
    viz_canvas_hline(c, x + 1, y, w - 2, st);
    viz_canvas_hline(c, x + 1, y + h - 1, w - 2, st);
    viz_canvas_vline(c, x, y + 1, h - 2, st);
    viz_canvas_vline(c, x + w - 1, y + 1, h - 2, st);
    viz_canvas_put(c, x, y, "┌", st);
    viz_canvas_put(c, x + w - 1, y, "┐", st);
    viz_canvas_put(c, x, y + h - 1, "└", st);
    viz_canvas_put(c, x + w - 1, y + h - 1, "┘", st);
    if (title && *title && w > 6) {
        viz_canvas_put(c, x + 1, y, " ", st);
        int n = viz_canvas_text_fit(c, x + 2, y, w - 5, title, st);
        viz_canvas_put(c, x + 2 + n, y, " ", st);
    }
}

void viz_canvas_blit(viz_canvas *dst, int dx, int dy, const viz_canvas *src, int sx, int sy,
                     int w, int h)
{
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++) {
            const viz_cell *from = viz_canvas_at(src, sx + i, sy + j);
            viz_cell *to = viz_canvas_at(dst, dx + i, dy + j);
            if (from && to)
                *to = *from;
        }
}

char *viz_canvas_row_text(const viz_canvas *c, int y, char *out, size_t out_len)
{
    size_t n = 0, keep = 0;
    if (!out_len)
        return out;
    for (int x = 0; x < c->w && y >= 0 && y < c->h; x++) {
        const char *g = viz_canvas_at(c, x, y)->glyph;
        size_t len = strlen(g);
        if (n + len >= out_len)
            break;
        memcpy(out + n, g, len);
        n += len;
        if (strcmp(g, " ") != 0)
            keep = n;
    }
    out[keep] = '\0';
    return out;
}

char *viz_canvas_to_text(const viz_canvas *c)
{
    size_t row_max = (size_t)c->w * 4 + 1;
    char *out = zk_alloc((size_t)c->h * row_max + 1, 1);
    if (!out)
        return NULL;
    size_t n = 0;
    for (int y = 0; y < c->h; y++) {
        viz_canvas_row_text(c, y, out + n, row_max);
        n += strlen(out + n);
        out[n++] = '\n';
    }
    out[n] = '\0';
    return out;
}
