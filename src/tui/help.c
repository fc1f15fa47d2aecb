/* The help overlay (?) and the question before quitting while typing. */
#include <string.h>

#include "tui/tui.h"
#include "viz/text.h"

static void overlay_box(viz_canvas *c, int w, int h, const char *title, int *x0, int *y0)
{
    if (w > c->w - 2)
        w = c->w - 2;
    if (h > c->h - 2)
        h = c->h - 2;
    *x0 = (c->w - w) / 2;
    *y0 = (c->h - h) / 2;
    viz_canvas_fill(c, *x0, *y0, w, h, " ", VIZ_PLAIN);
    viz_canvas_box(c, *x0, *y0, w, h, title, tui_style(TR_FOCUS));
}

void tui_draw_help(tui_app *app, viz_canvas *c)
{
    (void)app;
    /* Each row: key, meaning, key, meaning (or a section title alone). */
    static const char *const rows[][4] = {
        {"?", "this help; any key closes it", NULL, NULL},
        {"q", "quit (progress is saved as you go)", NULL, NULL},
        {"On the map", NULL, NULL, NULL},
        {"↑↓←→ hjkl", "choose a lesson", "Enter", "open it"},
        {"Space", "continue where you left off", NULL, NULL},
        {"In a lesson", NULL, NULL, NULL},
        {"n p → ←", "next / previous step", "↑↓ PgDn", "scroll"},
        {"Tab", "next action or exercise", "Enter", "run it, or answer"},
        {"h", "a hint", "r", "run the action again"},
        {"e", "save the chart as PNG", "Esc", "the map (or stop a run)"},
        {"m", "the MNIST explorer (←→ scale, Tab digit, o PNG, Esc back)", NULL, NULL},
        {"v", "constraint counts (Tab page, ←→ weights, o pool order, x pixels, t time)", NULL,
         NULL},
        {"d", "draw a digit (←→↑↓ Space pen, mouse, c clear, Tab digit, o/w PNG)", NULL, NULL},
        {"Typing", NULL, NULL, NULL},
        {"digits", "start typing at once", "Enter", "check the answer"},
        {"BSpace", "erase", "Esc", "stop typing"},
        {"", "after 3 wrong tries the answer is shown", NULL, NULL},
        {"Marks", NULL, NULL, NULL},
        {"✔ done, passed", "▶ in progress   · not started   ✘ failed   ● live", NULL, NULL},
    };
    int n = (int)ZK_ARRAY_LEN(rows);
    int x0, y0;
    overlay_box(c, 76, n + 2, "Keys", &x0, &y0);
    for (int i = 0; i < n && i + 1 < c->h; i++) {
        int y = y0 + 1 + i, x = x0 + 2;
        if (!rows[i][1]) {
            viz_canvas_text(c, x, y, 70, rows[i][0], tui_style(TR_STRONG));
            continue;
        }
        bool legend = i == n - 1;
        viz_canvas_text(c, x + 1, y, 14, rows[i][0], legend ? VIZ_PLAIN : tui_style(TR_KEY));
        viz_canvas_text(c, x + (legend ? 16 : 13), y, 56, rows[i][1], VIZ_PLAIN);
        if (rows[i][2]) {
            viz_canvas_text(c, x + 44, y, 9, rows[i][2], tui_style(TR_KEY));
            viz_canvas_text(c, x + 53, y, 20, rows[i][3], VIZ_PLAIN);
        }
    }
    if (n == (int)ZK_ARRAY_LEN(rows)) {
        /* The legend's marks carry their colours too. */
        int y = y0 + n;
        for (int x = x0; x < x0 + 76 && x < c->w; x++) {
            viz_cell *cell = viz_canvas_at(c, x, y);
            if (!cell)
                continue;
            if (!strcmp(cell->glyph, "✔"))
                cell->fg = VIZ_GREEN;
            else if (!strcmp(cell->glyph, "▶") || !strcmp(cell->glyph, "●"))
                cell->fg = VIZ_YELLOW;
            else if (!strcmp(cell->glyph, "✘"))
                cell->fg = VIZ_RED;
        }
    }
}

void tui_draw_confirm(tui_app *app, viz_canvas *c)
{
    (void)app;
    int x0, y0;
    overlay_box(c, 56, 6, "Quit zkcave?", &x0, &y0);
    viz_canvas_text(c, x0 + 2, y0 + 1, 52, "The answer you are typing has not been checked.",
                    VIZ_PLAIN);
    viz_canvas_text(c, x0 + 2, y0 + 2, 52, "Everything else is saved.", VIZ_PLAIN);
    viz_canvas_text(c, x0 + 2, y0 + 4, 2, "y", tui_style(TR_KEY));
    viz_canvas_text(c, x0 + 4, y0 + 4, 10, "quit", VIZ_PLAIN);
    viz_canvas_text(c, x0 + 12, y0 + 4, 2, "n", tui_style(TR_KEY));
    viz_canvas_text(c, x0 + 14, y0 + 4, 20, "keep typing", VIZ_PLAIN);
}
