/* The help overlay (?) and the question before quitting while typing. */
#include <stdio.h>
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

/* Each row: key, meaning, key, meaning (or a section title alone). The map
 * and the lessons share one page; each tool has its own. */
typedef const char *const help_row[4];

static help_row common[] = {
    {"?", "this help; any key closes it", "↑↓ PgDn", "scroll it"},
    {"q", "quit (progress is saved as you go)", NULL, NULL},
};

static help_row lessons[] = {
    {"On the map", NULL, NULL, NULL},
    {"↑↓←→ hjkl", "choose a lesson", "Enter", "open it"},
    {"Space", "continue where you left off", "r", "reset its progress"},
    {"c g s", "labs: circuits, Groth16, STARK", "m", "MNIST explorer"},
    {"v", "constraint counts", "d", "draw a digit"},
    {"In a lesson", NULL, NULL, NULL},
    {"n p → ←", "next / previous step", "↑↓ PgDn", "scroll"},
    {"Tab BTab", "next / previous panel", "Enter", "run it, or answer"},
    {"h", "a hint", "r", "run the action again"},
    {": N Enter", "go to step N", "Space", "presenter: next action"},
    {"F2", "presenter mode (projector)", "F3", "reveal an answer"},
    {"e", "save the chart as PNG", "Esc", "the map, or stop"},
    {"Typing", NULL, NULL, NULL},
    {"a-z ? q", "type into the focused answer", "Enter", "check the answer"},
    {"Esc", "leave the field for commands", "F1", "help while typing"},
    {"", "after 3 wrong tries the answer is shown", NULL, NULL},
};

static help_row mnist[] = {
    {"MNIST explorer", NULL, NULL, NULL},
    {"←→", "scale of every tensor", "Tab", "next bundled digit"},
    {"t", "next MNIST test image", "o", "open any PNG"},
    {"l", "layer of the error map", "e", "save the view as PNG"},
    {"Esc", "back where you were", NULL, NULL},
};

static help_row counts[] = {
    {"Constraint counts", NULL, NULL, NULL},
    {"Tab", "table, charts, scale", "←→", "weights' visibility"},
    {"↑↓", "the layer listed", "o", "pool first or last"},
    {"x", "pixels packed or each", "t", "time a proof here"},
    {"e", "save the charts as PNG", "d", "draw a digit"},
    {"Esc", "back where you were", NULL, NULL},
};

static help_row pad[] = {
    {"Draw a digit", NULL, NULL, NULL},
    {"↑↓←→", "move the pen", "Space", "pen down or up"},
    {"mouse", "press and drag to draw", "c", "clear the pad"},
    {"Tab", "next bundled digit", "o", "open any PNG"},
    {"w", "save the page as PNG", "p Enter", "prove it (whole CNN)"},
    {"v", "constraint counts", "Esc", "back; stops a proof"},
};

static help_row g16lab[] = {
    {"Groth16 lab", NULL, NULL, NULL},
    {"↑↓ Enter", "choose a circuit, open it", "o", "another circuit"},
    {"↑↓ 0-9 - ^", "choose an input, type a value", "BSpace", "erase"},
    {"Enter", "setup, witness, prove, verify", "k", "a new key"},
    {"t", "verify with a public input + 1", "j", "proof.json in full"},
    {"Esc", "stop a phase; the map", "q", "the map"},
};

static help_row circlab[] = {
    {"Circuits lab", NULL, NULL, NULL},
    {"↑↓ Enter", "choose a circuit, open it", "o", "another circuit"},
    {"Tab", "rows, witness, inputs", "↑↓ PgDn", "scroll or choose"},
    {"0-9 Enter", "set the chosen signal", "+", "the signal plus one"},
    {"w", "the witness from its inputs", "l", "level --O0 --O1 --O2"},
    {"Esc", "stop; the map", "q", "the map"},
};

static help_row starklab[] = {
    {"STARK lab", NULL, NULL, NULL},
    {"↑↓", "choose a setting", "←→ 0-9", "change it"},
    {"Enter", "prove and verify", "t", "flip a proof bit"},
    {"Esc", "stop a proof; the map", "q", "the map"},
};

static help_row marks[] = {
    {"Marks", NULL, NULL, NULL},
    {"✔ done, passed", "▶ in progress   · not started   ✘ failed   ● live", NULL, NULL},
};

void tui_draw_help(tui_app *app, viz_canvas *c)
{
    const char *ctx = app->screen ? app->screen->help_context : "map";
    const help_row *page = lessons;
    size_t npage = ZK_ARRAY_LEN(lessons);
    if (!strcmp(ctx, "mnist"))
        page = mnist, npage = ZK_ARRAY_LEN(mnist);
    else if (!strcmp(ctx, "counts"))
        page = counts, npage = ZK_ARRAY_LEN(counts);
    else if (!strcmp(ctx, "pad"))
        page = pad, npage = ZK_ARRAY_LEN(pad);
    else if (!strcmp(ctx, "g16lab"))
        page = g16lab, npage = ZK_ARRAY_LEN(g16lab);
    else if (!strcmp(ctx, "circlab"))
        page = circlab, npage = ZK_ARRAY_LEN(circlab);
    else if (!strcmp(ctx, "starklab"))
        page = starklab, npage = ZK_ARRAY_LEN(starklab);
    const help_row *rows[48];
    int n = 0;
    /* In a lab q goes back to the map: its page says so, not "quit". */
    for (size_t i = 0; i < ZK_ARRAY_LEN(common); i++)
        if (!(app->screen && app->screen->q_back && common[i][0][0] == 'q'))
            rows[n++] = &common[i];
    for (size_t i = 0; i < npage; i++)
        rows[n++] = &page[i];
    for (size_t i = 0; i < ZK_ARRAY_LEN(marks); i++)
        rows[n++] = &marks[i];
    int x0, y0;
    overlay_box(c, 76, n + 2, "Keys", &x0, &y0);
    /* Rows that do not fit scroll (↑↓); the bottom edge says there is more. */
    int shown = (c->h - 2 < n + 2 ? c->h - 2 : n + 2) - 2;
    if (app->help_scroll > n - shown)
        app->help_scroll = n - shown;
    int first = app->help_scroll;
    for (int i = first; i < n && i < first + shown; i++) {
        const char *const *r = *rows[i];
        int y = y0 + 1 + i - first, x = x0 + 2;
        if (!r[1]) {
            viz_canvas_text(c, x, y, 70, r[0], tui_style(TR_STRONG));
            continue;
        }
        bool legend = i == n - 1;
        /* Columns: key, meaning, key, meaning, inside the 72 of the box. */
        viz_canvas_text(c, x + 1, y, legend ? 14 : 11, r[0], legend ? VIZ_PLAIN : tui_style(TR_KEY));
        viz_canvas_text(c, x + (legend ? 16 : 13), y, r[2] ? 30 : 58, r[1], VIZ_PLAIN);
        if (r[2]) {
            viz_canvas_text(c, x + 44, y, 8, r[2], tui_style(TR_KEY));
            viz_canvas_text(c, x + 52, y, 20, r[3], VIZ_PLAIN);
        }
        /* The legend's marks carry their colours too. */
        for (int k = x0; legend && k < x0 + 76 && k < c->w; k++) {
            viz_cell *cell = viz_canvas_at(c, k, y);
            if (!strcmp(cell->glyph, "✔"))
                cell->fg = VIZ_GREEN;
            else if (!strcmp(cell->glyph, "▶") || !strcmp(cell->glyph, "●"))
                cell->fg = VIZ_YELLOW;
            else if (!strcmp(cell->glyph, "✘"))
                cell->fg = VIZ_RED;
        }
    }
    if (shown < n) {
        char more[40];
        snprintf(more, sizeof more, " %s %d/%d ", first + shown < n ? "↓ more" : "end",
                 first + shown, n);
        int mw = (int)viz_text_width(more, strlen(more), c->ascii);
        viz_canvas_text(c, x0 + 74 - mw, y0 + shown + 1, mw, more, tui_style(TR_DIM));
    }
}

void tui_draw_ask(viz_canvas *c, const char *title, const char *line1, const char *line2,
                  const char *yes, const char *no)
{
    int x0, y0;
    overlay_box(c, 56, 6, title, &x0, &y0);
    viz_canvas_text(c, x0 + 2, y0 + 1, 52, line1, VIZ_PLAIN);
    viz_canvas_text(c, x0 + 2, y0 + 2, 52, line2, VIZ_PLAIN);
    viz_canvas_text(c, x0 + 2, y0 + 4, 2, "y", tui_style(TR_KEY));
    viz_canvas_text(c, x0 + 4, y0 + 4, 10, yes, VIZ_PLAIN);
    viz_canvas_text(c, x0 + 15, y0 + 4, 2, "n", tui_style(TR_KEY));
    viz_canvas_text(c, x0 + 17, y0 + 4, 36, no, VIZ_PLAIN);
}

void tui_draw_confirm(tui_app *app, viz_canvas *c)
{
    (void)app;
    tui_draw_ask(c, "Quit zkcave?", "The answer you are typing has not been checked.",
                 "Everything else is saved.", "quit", "keep typing");
}
