/* Tables in narrow terminals: column widths that keep every row whole.
 *
 * At 80 columns a table wider than the page used to wrap like a sentence,
 * so the end of one row landed under the start of the next. Here a table
 * that does not fit has its widest columns narrowed (never below the
 * longest word they hold) and its cells wrapped inside their columns; a
 * row then takes several lines but its cells stay in their columns. When
 * even the longest words do not fit side by side, the caller shows each
 * row as a block of "header: value" lines instead. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"
#include "viz/text.h"

bool tui_table_widths(int *widths, const int *natural, const int *word, size_t cols, int gap,
                      int avail)
{
    int total = gap * (int)(cols ? cols - 1 : 0), least = total;
    for (size_t c = 0; c < cols; c++) {
        widths[c] = natural[c] > 0 ? natural[c] : 1;
        total += widths[c];
        least += word[c] > 1 ? word[c] : 1;
    }
    if (least > avail)
        return false;
    /* Narrow the widest column that can still give, one column at a time:
     * the widths end as even as the words allow. */
    while (total > avail) {
        size_t widest = cols;
        for (size_t c = 0; c < cols; c++)
            if (widths[c] > (word[c] > 1 ? word[c] : 1) &&
                (widest == cols || widths[c] > widths[widest]))
                widest = c;
        widths[widest]--;
        total--;
    }
    return true;
}

/* ---- tables in action results: lines whose cells are separated by tabs ---- */

static int width_of(const char *s, size_t n, bool ascii)
{
    return (int)viz_text_width(s, n, ascii);
}

/* Cell k of a tab-separated line: start and length; NULL past the last. */
static const char *cell(const char *line, size_t k, size_t *len)
{
    for (; k && line; k--) {
        line = strchr(line, '\t');
        if (line)
            line++;
    }
    if (!line)
        return NULL;
    *len = strcspn(line, "\t");
    return line;
}

static size_t cells_in(const char *line)
{
    size_t n = 1;
    for (const char *p = line; (p = strchr(p, '\t')); p++)
        n++;
    return n;
}

/* The widest word of s[0..n). */
static int longest_word(const char *s, size_t n, bool ascii)
{
    int best = 0;
    for (size_t i = 0; i < n;) {
        size_t w = strcspn(s + i, " \t");
        if (i + w > n)
            w = n - i;
        int ww = width_of(s + i, w, ascii);
        best = ww > best ? ww : best;
        i += w + 1;
    }
    return best;
}

/* A column of numbers reads right-aligned: every cell below the header is
 * digits with separators and signs (or empty). */
static bool numeric(const char *s, size_t n)
{
    bool digit = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digit = true;
        else if (!strchr(".,+-%", s[i]))
            return false;
    }
    return digit || n == 0;
}

enum { TABLE_MAX_COLS = 12, TABLE_GAP = 2 };

static int wrap_cell(viz_canvas *page, int x, int y, int w, const char *s, size_t n, bool right,
                     viz_style st)
{
    char text[512];
    snprintf(text, sizeof text, "%.*s", (int)n, s);
    int tw = width_of(text, strlen(text), page->ascii);
    if (right && tw <= w) {
        viz_canvas_grow(page, y + 1);
        viz_canvas_text(page, x + w - tw, y, w, text, st);
        return 1;
    }
    int rows = tui_draw_wrapped(NULL, x, y, w, text, st);
    viz_canvas_grow(page, y + rows);
    tui_draw_wrapped(page, x, y, w, text, st);
    return rows;
}

static void mark(viz_canvas *page, int x, int y, lesson_mark m)
{
    if (m == LESSON_MARK_OK || m == LESSON_MARK_BAD)
        viz_canvas_put(page, x, y, m == LESSON_MARK_OK ? "✔" : "✘",
                       tui_style(m == LESSON_MARK_OK ? TR_OK : TR_BAD));
}

int tui_result_table(viz_canvas *page, int x, int y, int width, const lesson_line *rows,
                     size_t nrows)
{
    bool head = rows[0].mark == LESSON_MARK_HEAD;
    size_t cols = 0;
    for (size_t r = 0; r < nrows; r++) {
        size_t n = cells_in(rows[r].text);
        cols = n > cols ? n : cols;
    }
    if (cols > TABLE_MAX_COLS)
        cols = TABLE_MAX_COLS;
    int natural[TABLE_MAX_COLS] = {0}, word[TABLE_MAX_COLS] = {0}, widths[TABLE_MAX_COLS];
    bool right[TABLE_MAX_COLS];
    for (size_t c = 0; c < cols; c++) {
        right[c] = true;
        for (size_t r = 0; r < nrows; r++) {
            size_t n;
            const char *s = cell(rows[r].text, c, &n);
            if (!s)
                continue;
            int w = width_of(s, n, page->ascii), lw = longest_word(s, n, page->ascii);
            natural[c] = w > natural[c] ? w : natural[c];
            word[c] = lw > word[c] ? lw : word[c];
            if (!(head && r == 0))
                right[c] = right[c] && numeric(s, n);
        }
    }
    /* Two columns for the row's mark (✔ ✘), as every result line has. */
    int tx = x + 2, avail = width - 2;
    if (tui_table_widths(widths, natural, word, cols, TABLE_GAP, avail)) {
        for (size_t r = 0; r < nrows; r++) {
            viz_style st = head && r == 0 ? tui_style(TR_STRONG) : VIZ_PLAIN;
            int at = tx, h = 1;
            mark(page, x, y, rows[r].mark);
            for (size_t c = 0; c < cols; c++) {
                size_t n;
                const char *s = cell(rows[r].text, c, &n);
                if (s) {
                    int used = wrap_cell(page, at, y, widths[c], s, n, right[c], st);
                    h = used > h ? used : h;
                }
                at += widths[c] + TABLE_GAP;
            }
            y += h;
        }
        return y;
    }
    /* One record per block: the first cell, then "header: value" lines. */
    for (size_t r = head; r < nrows; r++) {
        size_t n;
        const char *s = cell(rows[r].text, 0, &n);
        mark(page, x, y, rows[r].mark);
        y += wrap_cell(page, tx, y, avail, s, n, false, tui_style(TR_STRONG));
        for (size_t c = 1; c < cols; c++) {
            size_t hn = 0, vn;
            const char *h = head ? cell(rows[0].text, c, &hn) : NULL;
            const char *v = cell(rows[r].text, c, &vn);
            if (!v)
                continue;
            char text[600];
            snprintf(text, sizeof text, "%.*s%s%.*s", (int)(h ? hn : 0), h ? h : "",
                     h ? ": " : "", (int)vn, v);
            y += wrap_cell(page, tx + 2, y, avail - 2, text, strlen(text), false, VIZ_PLAIN);
        }
    }
    return y;
}
