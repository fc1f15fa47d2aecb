/* A terminal-independent canvas: a grid of cells, each one column wide,
 * holding a glyph (one UTF-8 code point) and a style (colour + attributes).
 *
 * The workbench draws every screen onto a canvas and then shows it on the
 * terminal or prints it as text (headless mode, tests); charts draw onto a
 * canvas too. A canvas made with ascii = true stores only ASCII: every glyph
 * put on it is replaced by its stand-in from viz/text.h. */
#ifndef ZK_VIZ_CANVAS_H
#define ZK_VIZ_CANVAS_H

#include "core/err.h"
#include "core/types.h"

/* The eight terminal colours; VIZ_DEFAULT is the terminal's own foreground. */
typedef enum viz_color {
    VIZ_DEFAULT = 0,
    VIZ_BLACK, VIZ_RED, VIZ_GREEN, VIZ_YELLOW, VIZ_BLUE, VIZ_MAGENTA, VIZ_CYAN, VIZ_WHITE,
    VIZ_COLOR_COUNT
} viz_color;

enum {
    VIZ_BOLD = 1,
    VIZ_DIM = 2,
    VIZ_ITALIC = 4,
    VIZ_UNDERLINE = 8,
    VIZ_REVERSE = 16,
};

typedef struct viz_style {
    uint8_t fg;     /* viz_color */
    uint8_t attr;   /* VIZ_BOLD | ... */
} viz_style;

typedef struct viz_cell {
    char glyph[5];  /* one code point, NUL-terminated; never empty */
    uint8_t fg;
    uint8_t attr;
} viz_cell;

typedef struct viz_canvas {
    int w, h;
    bool ascii;
    viz_cell *cells;  /* h rows of w cells */
    size_t cap;       /* cells allocated */
} viz_canvas;

#define VIZ_PLAIN ((viz_style){VIZ_DEFAULT, 0})

/* A blank w × h canvas (w, h >= 0). */
zk_err viz_canvas_init(viz_canvas *c, int w, int h, bool ascii);
void viz_canvas_free(viz_canvas *c);
/* New size, every cell blank. */
zk_err viz_canvas_resize(viz_canvas *c, int w, int h);
/* Makes the canvas at least h rows tall, keeping what is drawn and adding
 * blank rows: a page of text grows as it is laid out. */
zk_err viz_canvas_grow(viz_canvas *c, int h);
void viz_canvas_clear(viz_canvas *c);

/* The cell at (x, y), or NULL outside the canvas. */
viz_cell *viz_canvas_at(const viz_canvas *c, int x, int y);

/* Puts one glyph (the first code point of glyph) at (x, y); outside is
 * ignored. In ASCII mode the glyph's stand-in's first character is used. */
void viz_canvas_put(viz_canvas *c, int x, int y, const char *glyph, viz_style st);
/* Writes text from (x, y), at most max_w columns (and never past the right
 * edge); returns the columns written. Control characters show as spaces. */
int viz_canvas_text(viz_canvas *c, int x, int y, int max_w, const char *text, viz_style st);
/* As viz_canvas_text for the first len bytes of text. */
int viz_canvas_textn(viz_canvas *c, int x, int y, int max_w, const char *text, size_t len,
                     viz_style st);
/* Like viz_canvas_text but a text wider than max_w ends with "…". */
int viz_canvas_text_fit(viz_canvas *c, int x, int y, int max_w, const char *text, viz_style st);
/* Changes the style of a rectangle, keeping its glyphs. */
void viz_canvas_restyle(viz_canvas *c, int x, int y, int w, int h, viz_style st);
void viz_canvas_fill(viz_canvas *c, int x, int y, int w, int h, const char *glyph, viz_style st);
void viz_canvas_hline(viz_canvas *c, int x, int y, int w, viz_style st);
void viz_canvas_vline(viz_canvas *c, int x, int y, int h, viz_style st);
/* A box outline with an optional title set into its top edge ("┌ title ──┐"). */
void viz_canvas_box(viz_canvas *c, int x, int y, int w, int h, const char *title, viz_style st);
/* Copies a w × h region of src at (sx, sy) to dst at (dx, dy), clipped. */
void viz_canvas_blit(viz_canvas *dst, int dx, int dy, const viz_canvas *src, int sx, int sy,
                     int w, int h);

/* The canvas as text: one line per row, trailing blanks removed, every line
 * ending with '\n'. Caller frees with zk_free; NULL when out of memory. */
char *viz_canvas_to_text(const viz_canvas *c);
/* One row as text (trailing blanks removed) into out; returns out. */
char *viz_canvas_row_text(const viz_canvas *c, int y, char *out, size_t out_len);

#endif
