/* Roles to styles, and the drawing helpers every screen shares. */
#include <string.h>

#include "tui/tui.h"
#include "viz/text.h"

viz_style tui_style(tui_role role)
{
    switch (role) {
    case TR_DIM:
    case TR_RULE:
        return (viz_style){VIZ_DEFAULT, VIZ_DIM};
    case TR_TITLE:
        return (viz_style){VIZ_CYAN, VIZ_BOLD};
    case TR_HEADING:
        return (viz_style){VIZ_CYAN, VIZ_BOLD};
    case TR_KEY:
        return (viz_style){VIZ_YELLOW, VIZ_BOLD};
    case TR_OK:
        return (viz_style){VIZ_GREEN, VIZ_BOLD};
    case TR_BAD:
        return (viz_style){VIZ_RED, VIZ_BOLD};
    case TR_LIVE:
        return (viz_style){VIZ_YELLOW, 0};
    case TR_CODE:
        return (viz_style){VIZ_YELLOW, 0};
    case TR_LINK:
        return (viz_style){VIZ_BLUE, VIZ_UNDERLINE};
    case TR_FOCUS:
        return (viz_style){VIZ_CYAN, VIZ_BOLD};
    case TR_SELECT:
        return (viz_style){VIZ_DEFAULT, VIZ_REVERSE};
    case TR_EMPH:
        return (viz_style){VIZ_DEFAULT, VIZ_ITALIC};
    case TR_STRONG:
        return (viz_style){VIZ_DEFAULT, VIZ_BOLD};
    case TR_TEXT:
    default:
        return VIZ_PLAIN;
    }
}

void tui_draw_rule(viz_canvas *c, int y)
{
    viz_canvas_hline(c, 0, y, c->w, tui_style(TR_RULE));
}

static int width_of(const viz_canvas *c, const char *s)
{
    return (int)viz_text_width(s, strlen(s), c->ascii);
}

void tui_draw_keys(viz_canvas *c, int y, const char *const *pairs, size_t npairs)
{
    size_t n = npairs / 2;
    bool keep[32];
    int total = 1;
    for (size_t i = 0; i < n && i < 32; i++) {
        keep[i] = true;
        total += width_of(c, pairs[2 * i]) + 1 + width_of(c, pairs[2 * i + 1]) + 2;
    }
    if (n)
        total -= 2;   /* no gap after the last pair */
    /* Drop pairs from just before the last two until the line fits. */
    for (size_t drop = n >= 2 ? n - 2 : 0; total > c->w && drop-- > 0;) {
        keep[drop] = false;
        total -= width_of(c, pairs[2 * drop]) + 1 + width_of(c, pairs[2 * drop + 1]) + 2;
    }
    int x = 1;
    for (size_t i = 0; i < n && i < 32; i++) {
        if (!keep[i])
            continue;
        x += viz_canvas_text(c, x, y, c->w - x, pairs[2 * i], tui_style(TR_KEY));
        x += 1;
        x += viz_canvas_text(c, x, y, c->w - x, pairs[2 * i + 1], VIZ_PLAIN);
        x += 2;
    }
}

void tui_draw_path_footer(tui_app *app, viz_canvas *c, const char *path,
                          const char *const *keys, size_t npairs)
{
    static const char *const typing_keys[] = {"Enter", "open", "F1", "help", "Esc", "cancel"};
    if (path) {
        int at = viz_canvas_text(c, 1, c->h - 3, c->w - 2, "PNG to open: ", tui_style(TR_KEY));
        int tw = viz_canvas_text_fit(c, 1 + at, c->h - 3, c->w - 3 - at, path,
                                     tui_style(TR_CODE));
        app->cursor_x = 1 + at + tw;
        app->cursor_y = c->h - 3;
    } else if (app->status[0]) {
        viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, app->status, tui_style(app->status_role));
    }
    tui_draw_rule(c, c->h - 2);
    if (path)
        tui_draw_keys(c, c->h - 1, typing_keys, ZK_ARRAY_LEN(typing_keys));
    else
        tui_draw_keys(c, c->h - 1, keys, npairs);
}

void tui_draw_bar(viz_canvas *c, int x, int y, int width, double fraction, tui_role role)
{
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    int full = (int)(fraction * width + 0.5);
    for (int i = 0; i < width; i++)
        viz_canvas_put(c, x + i, y, i < full ? "█" : "░",
                       i < full ? tui_style(role) : tui_style(TR_DIM));
}

static int cells_of(const char *s, size_t len, bool ascii)
{
    return (int)viz_text_width(s, len, ascii);
}

/* The longest prefix of s[0..len) that fits in width columns (at least one
 * code point, so a too-long word still makes progress). */
static size_t fit_prefix(const char *s, size_t len, int width, bool ascii)
{
    size_t take = 0;
    int cols = 0;
    while (take < len) {
        size_t used;
        uint32_t cp = viz_utf8_decode(s + take, len - take, &used);
        int w = ascii && cp >= 0x80 ? (int)strlen(viz_ascii_fallback(cp)) : 1;
        if (cols + w > width && take > 0)
            break;
        cols += w;
        take += used;
    }
    return take;
}

/* Greedy word wrap: as many words as fit on each row; spaces at the start
 * of a hard line are kept (indentation), spaces at a wrap are dropped. */
int tui_draw_wrapped(viz_canvas *c, int x, int y, int width, const char *text, viz_style st)
{
    bool ascii = c ? c->ascii : false;
    int rows = 0;
    if (width < 1)
        return 0;
    const char *line = text;
    for (;;) {
        const char *end = line + strcspn(line, "\n");
        const char *pos = line;
        do {
            const char *q = pos, *fit = pos;
            int col = 0;
            while (q < end) {
                const char *w = q;
                while (w < end && *w == ' ')
                    w++;
                const char *we = w;
                while (we < end && *we != ' ')
                    we++;
                int need = col + cells_of(q, (size_t)(we - q), ascii);
                if (need > width)
                    break;
                col = need;
                q = fit = we;
            }
            if (fit == pos)
                fit = pos + fit_prefix(pos, (size_t)(end - pos), width, ascii);
            if (c)
                viz_canvas_textn(c, x, y + rows, width, pos, (size_t)(fit - pos), st);
            rows++;
            pos = fit;
            while (pos < end && *pos == ' ')
                pos++;
        } while (pos < end);
        if (!*end)
            break;
        line = end + 1;
    }
    return rows;
}

const char *tui_spinner(const tui_app *app)
{
    static const char *const utf8[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    static const char *const ascii[] = {"|", "/", "-", "\\"};
    return app->ascii ? ascii[app->frame % 4] : utf8[app->frame % 10];
}

int tui_line_key(char *line, size_t cap, int key)
{
    size_t len = strlen(line);
    if (key == TK_ESC || key == TK_ENTER)
        return key;
    if (key == TK_BACKSPACE || key == TK_DELETE) {
        if (len)
            line[len - 1] = '\0';
    } else if (key == TK_CTRL_U) {
        line[0] = '\0';
    } else if (key >= 32 && key < 127 && len + 1 < cap) {
        line[len] = (char)key;
        line[len + 1] = '\0';
    }
    return 0;
}

int tui_draw_tail(viz_canvas *c, int x, int y, int w, const char *text, viz_style st)
{
    int cols = width_of(c, text);
    if (cols <= w || w < 2)
        return viz_canvas_text(c, x, y, w, text, st);
    /* drop code points from the front until the rest fits beside "…" */
    const char *p = text;
    while (*p && cols > w - 1) {
        size_t used;
        viz_utf8_decode(p, strlen(p), &used);
        cols -= (int)viz_text_width(p, used, c->ascii);
        p += used;
    }
    int n = viz_canvas_text(c, x, y, 1, "…", st);
    return n + viz_canvas_text(c, x + n, y, w - n, p, st);
}
