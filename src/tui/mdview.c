/* Lesson Markdown on the page: paragraphs wrapped with their list bullets
 * and quote bars, headings, code, tables and rules. Text is first turned into
 * a row of styled cells (with ASCII stand-ins already applied, so widths are
 * exact) and then wrapped greedily at spaces. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "tui/tui.h"
#include "viz/text.h"

typedef struct scell {
    uint32_t cp;   /* 0 = hard line break */
    viz_style st;
} scell;

typedef struct scells {
    scell *v;
    size_t n, cap;
} scells;

static bool push(scells *s, uint32_t cp, viz_style st)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        scell *more = zk_realloc(s->v, cap, sizeof *more);
        if (!more)
            return false;
        s->v = more;
        s->cap = cap;
    }
    s->v[s->n].cp = cp;
    s->v[s->n].st = st;
    s->n++;
    return true;
}

static viz_style run_style(unsigned style, viz_style base)
{
    viz_style st = base;
    if (style & LESSON_CODE)
        st = tui_style(TR_CODE);
    if (style & LESSON_LINK)
        st = tui_style(TR_LINK);
    if (style & LESSON_EMPH)
        st.attr |= VIZ_ITALIC;
    if (style & LESSON_STRONG)
        st.attr |= VIZ_BOLD;
    if (style & LESSON_STRIKE)
        st.attr |= VIZ_DIM;
    return st;
}

static void push_text(scells *s, const char *text, size_t len, viz_style st, bool ascii)
{
    while (len) {
        size_t used;
        uint32_t cp = viz_utf8_decode(text, len, &used);
        text += used;
        len -= used;
        if (cp == '\n') {
            push(s, 0, st);
        } else if (ascii && cp >= 0x80) {
            for (const char *a = viz_ascii_fallback(cp); *a; a++)
                push(s, (unsigned char)*a, st);
        } else {
            push(s, cp < 0x20 ? ' ' : cp, st);
        }
    }
}

static void put_cells(viz_canvas *page, int x, int y, const scell *v, size_t n)
{
    viz_canvas_grow(page, y + 1);
    for (size_t i = 0; i < n; i++) {
        char g[5];
        viz_utf8_encode(g, v[i].cp);
        viz_canvas_put(page, x + (int)i, y, g, v[i].st);
    }
}

/* Wraps cells into width columns at (x, y); the first row may start after
 * a hanging prefix drawn by the caller. Returns the rows used. */
static int wrap_cells(viz_canvas *page, int x, int y, int width, const scell *v, size_t n)
{
    int row = 0;
    size_t i = 0;
    if (width < 1)
        width = 1;
    for (;;) {
        size_t j = i;
        while (j < n && v[j].cp != 0)
            j++;
        size_t pos = i;
        do {
            size_t k = pos, fit = pos;
            while (k < j) {
                size_t w = k;
                while (w < j && v[w].cp == ' ')
                    w++;
                size_t we = w;
                while (we < j && v[we].cp != ' ')
                    we++;
                if (we - pos > (size_t)width)
                    break;
                k = fit = we;
            }
            if (fit == pos)
                fit = pos + ((size_t)width < j - pos ? (size_t)width : j - pos);
            if (page)
                put_cells(page, x, y + row, v + pos, fit - pos);
            row++;
            pos = fit;
            while (pos < j && v[pos].cp == ' ')
                pos++;
        } while (pos < j);
        if (j >= n)
            return row;
        i = j + 1;
    }
}

static void inline_cells(scells *s, const lesson_inline *in, viz_style base, bool ascii)
{
    for (size_t i = 0; i < in->n; i++)
        push_text(s, in->runs[i].text, strlen(in->runs[i].text), run_style(in->runs[i].style, base),
                  ascii);
}

static int draw_para(viz_canvas *page, int y, int width, const lesson_block *b, viz_style base)
{
    scells s = {0};
    inline_cells(&s, &b->text, base, page->ascii);
    /* A quote's bar sits in the two columns its nesting added. */
    int x = b->indent;
    int text_x = x, bar_x = x >= 2 ? x - 2 : 0;
    if (b->quote && x < 2)
        text_x = 2;
    int bullet_w = 0;
    if (b->bullet)
        bullet_w = (int)viz_text_width(b->bullet, strlen(b->bullet), page->ascii);
    int rows = wrap_cells(page, text_x + bullet_w, y, width - text_x - bullet_w, s.v, s.n);
    viz_canvas_grow(page, y + rows);
    if (b->bullet)
        viz_canvas_text(page, text_x, y, bullet_w, b->bullet, tui_style(TR_DIM));
    if (b->quote)
        for (int r = 0; r < rows; r++)
            viz_canvas_put(page, bar_x, y + r, "│", tui_style(TR_DIM));
    zk_free(s.v);
    return y + rows;
}

/* Code keeps every character: a line wider than the page goes on in the
 * rows below it, each marked ↪ in the margin where the bar would be. */
static int draw_code(viz_canvas *page, int y, int width, const lesson_block *b)
{
    const char *p = b->code;
    int w = width - b->indent - 2;
    if (w < 1)
        w = 1;
    for (;;) {
        size_t len = strcspn(p, "\n");
        scells s = {0};
        push_text(&s, p, len, tui_style(TR_CODE), page->ascii);
        size_t at = 0;
        do {
            size_t take = s.n - at < (size_t)w ? s.n - at : (size_t)w;
            viz_canvas_grow(page, y + 1);
            viz_canvas_put(page, b->indent, y, at ? "↪" : "│", tui_style(TR_DIM));
            put_cells(page, b->indent + 2, y, s.v + at, take);
            at += take;
            y++;
        } while (at < s.n);
        zk_free(s.v);
        if (!p[len])
            break;
        p += len + 1;
    }
    return y;
}

/* A cell's width and its longest word, in columns. */
static void cell_widths(const lesson_inline *in, bool ascii, int *width, int *word)
{
    scells s = {0};
    inline_cells(&s, in, VIZ_PLAIN, ascii);
    int run = 0;
    *word = 0;
    for (size_t i = 0; i < s.n; i++) {
        run = s.v[i].cp == ' ' || s.v[i].cp == 0 ? 0 : run + 1;
        *word = run > *word ? run : *word;
    }
    *width = (int)s.n;
    zk_free(s.v);
}

/* One cell at (x, y) in w columns, wrapped inside them; returns its rows. */
static int draw_cell(viz_canvas *page, int x, int y, int w, const lesson_inline *in,
                     uint8_t align, viz_style base)
{
    scells s = {0};
    inline_cells(&s, in, base, page->ascii);
    for (size_t i = 0; i < s.n; i++)
        if (s.v[i].cp == 0)
            s.v[i].cp = ' ';
    int n = (int)s.n, rows = 1;
    if (n <= w) {
        int pad = align == LESSON_ALIGN_RIGHT ? w - n : align == LESSON_ALIGN_CENTER ? (w - n) / 2 : 0;
        put_cells(page, x + pad, y, s.v, (size_t)n);
    } else {
        rows = wrap_cells(page, x, y, w, s.v, s.n);
    }
    zk_free(s.v);
    return rows;
}

static void table_rule(viz_canvas *page, int x, int y, const int *widths, size_t cols)
{
    viz_canvas_grow(page, y + 1);
    for (size_t c = 0; c < cols; c++) {
        if (c) {
            viz_canvas_hline(page, x, y, 3, tui_style(TR_DIM));
            viz_canvas_put(page, x + 1, y, "┼", tui_style(TR_DIM));
            x += 3;
        }
        viz_canvas_hline(page, x, y, widths[c], tui_style(TR_DIM));
        x += widths[c];
    }
}

/* A table keeps every row whole: columns narrowed to fit with their cells
 * wrapped inside them (tui_table_widths), or, when even the longest words
 * do not fit side by side, each row as a block of "header: value" lines. */
static int draw_table(viz_canvas *page, int y, int width, const lesson_block *b)
{
    size_t cols = b->cols;
    if (!cols || !b->rows)
        return y;
    int widths[32], natural[32], word[32];
    if (cols > 32)
        cols = 32;
    for (size_t c = 0; c < cols; c++) {
        natural[c] = word[c] = 1;
        for (size_t r = 0; r < b->rows; r++) {
            int w, lw;
            cell_widths(&b->cells[r * b->cols + c], page->ascii, &w, &lw);
            natural[c] = w > natural[c] ? w : natural[c];
            word[c] = lw > word[c] ? lw : word[c];
        }
    }
    if (!tui_table_widths(widths, natural, word, cols, 3, width - b->indent)) {
        for (size_t r = 1; r < b->rows; r++) {
            if (r > 1)
                y++;
            for (size_t c = 0; c < cols; c++) {
                viz_canvas_grow(page, y + 1);
                int x = b->indent + (c ? 2 : 0);
                if (c) {
                    char head[200];
                    lesson_inline_plain(&b->cells[c], head, sizeof head);
                    x += viz_canvas_text(page, x, y, width - x, head, tui_style(TR_DIM));
                    x += viz_canvas_text(page, x, y, width - x, ": ", tui_style(TR_DIM));
                }
                y += draw_cell(page, x, y, width - x, &b->cells[r * b->cols + c],
                               LESSON_ALIGN_LEFT, c ? VIZ_PLAIN : tui_style(TR_STRONG));
            }
        }
        return y;
    }
    for (size_t r = 0; r < b->rows; r++) {
        viz_canvas_grow(page, y + 1);
        int x = b->indent, h = 1;
        for (size_t c = 0; c < cols; c++) {
            if (c)
                x += 3;
            int used = draw_cell(page, x, y, widths[c], &b->cells[r * b->cols + c], b->align[c],
                                 r == 0 ? tui_style(TR_STRONG) : VIZ_PLAIN);
            h = used > h ? used : h;
            x += widths[c];
        }
        /* The column rules run through every line of a wrapped row. */
        for (int k = 0; k < h; k++) {
            viz_canvas_grow(page, y + k + 1);
            x = b->indent;
            for (size_t c = 0; c + 1 < cols; c++) {
                x += widths[c];
                viz_canvas_put(page, x + 1, y + k, "│", tui_style(TR_DIM));
                x += 3;
            }
        }
        y += h;
        if (r == 0)
            table_rule(page, b->indent, y++, widths, cols);
    }
    return y;
}

int tui_md_block(viz_canvas *page, int y, int width, const lesson_block *b)
{
    switch (b->kind) {
    case LESSON_HEADING: {
        viz_style st = tui_style(b->level <= 3 ? TR_HEADING : TR_STRONG);
        return draw_para(page, y, width, b, st);
    }
    case LESSON_PARA:
        return draw_para(page, y, width, b, VIZ_PLAIN);
    case LESSON_CODE_BLOCK:
        return draw_code(page, y, width, b);
    case LESSON_TABLE:
        return draw_table(page, y, width, b);
    case LESSON_RULE:
        viz_canvas_grow(page, y + 1);
        viz_canvas_hline(page, b->indent, y, width - b->indent, tui_style(TR_DIM));
        return y + 1;
    default:
        return y;
    }
}
