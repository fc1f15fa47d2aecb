/* Action panels and exercises, drawn inside boxes on the lesson page. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"
#include "viz/bigtext.h"
#include "viz/chart.h"
#include "viz/text.h"

enum { CHART_ROWS = 13 };

static int line(viz_canvas *page, int x, int y, int width, const char *text, viz_style st)
{
    int rows = tui_draw_wrapped(NULL, x, y, width, text, st);
    viz_canvas_grow(page, y + rows);
    tui_draw_wrapped(page, x, y, width, text, st);
    return y + rows;
}

/* A line with a mark in front: "✔ text", "✘ text"; wrapped lines hang. */
static int marked(viz_canvas *page, int x, int y, int width, const char *mark, tui_role role,
                  const char *text, viz_style st)
{
    int mw = mark ? (int)viz_text_width(mark, strlen(mark), page->ascii) + 1 : 0;
    int end = line(page, x + mw, y, width - mw, text, st);
    if (mark)
        viz_canvas_text(page, x, y, mw, mark, tui_style(role));
    return end;
}

static bool table_row(const lesson_line *l)
{
    return strchr(l->text, '\t') != NULL;
}

static int result_lines(viz_canvas *page, int x, int y, int width, const lesson_result *r)
{
    for (size_t i = 0; i < r->nlines; i++) {
        const lesson_line *l = &r->lines[i];
        if (table_row(l)) {
            size_t n = 1;
            while (i + n < r->nlines && table_row(&r->lines[i + n]))
                n++;
            y = tui_result_table(page, x, y, width, l, n);
            i += n - 1;
            continue;
        }
        switch (l->mark) {
        case LESSON_MARK_OK:
            y = marked(page, x, y, width, "✔", TR_OK, l->text, VIZ_PLAIN);
            break;
        case LESSON_MARK_BAD:
            y = marked(page, x, y, width, "✘", TR_BAD, l->text, VIZ_PLAIN);
            break;
        case LESSON_MARK_NOTE:
            y = marked(page, x, y, width, " ", TR_DIM, l->text, tui_style(TR_DIM));
            break;
        case LESSON_MARK_HEAD:
            y = line(page, x, y, width, l->text, tui_style(TR_STRONG));
            break;
        default:
            y = marked(page, x, y, width, " ", TR_TEXT, l->text, VIZ_PLAIN);
            break;
        }
    }
    return y;
}

/* Presenter mode stacks the charts, each the panel's full width, in half
 * blocks. */
static int charts(viz_canvas *page, int x, int y, int width, const lesson_result *r,
                  bool presenter)
{
    if (!r->ncharts)
        return y;
    bool side = r->ncharts == 2 && width >= 2 * 36 + 2 && !presenter;
    int rows = side || r->ncharts == 1 ? CHART_ROWS : 2 * CHART_ROWS + 1;
    viz_canvas_grow(page, y + rows + 1);
    y++;   /* a blank line above the charts */
    if (side) {
        int w = (width - 2) / 2;
        viz_chart_draw(page, x, y, w, CHART_ROWS, &r->charts[0]);
        viz_chart_draw(page, x + w + 2, y, w, CHART_ROWS, &r->charts[1]);
    } else {
        for (size_t i = 0; i < r->ncharts; i++)
            (presenter ? viz_chart_draw_blocks : viz_chart_draw)(
                page, x, y + (int)i * (CHART_ROWS + 1), width, CHART_ROWS, &r->charts[i]);
    }
    return y + rows;
}

/* A figure in large type: its label above, the number in VIZ_BIG_ROWS rows
 * and its unit after the number's last row. Returns the columns used, or -1
 * (nothing drawn) when the number does not fit in w. */
static int big_figure(viz_canvas *page, int x, int y, int w, const char *label,
                      const char *value, const char *unit, tui_role role)
{
    int vw = viz_big_width(value);
    int uw = unit[0] ? (int)viz_text_width(unit, strlen(unit), page->ascii) + 1 : 0;
    if (vw < 0 || vw + uw > w)
        return -1;
    viz_canvas_grow(page, y + 1 + VIZ_BIG_ROWS);
    int lw = viz_canvas_text_fit(page, x, y, w, label, tui_style(TR_DIM));
    viz_big_text(page, x, y + 1, w, value, tui_style(role));
    if (uw)
        viz_canvas_text(page, x + vw + 1, y + VIZ_BIG_ROWS, uw, unit, tui_style(TR_STRONG));
    return vw + uw > lw ? vw + uw : lw;
}

/* The action's big: figures, side by side while they fit, each on rows of
 * its own otherwise; one that fits in neither way is left to the result
 * lines below, which show every figure in ordinary type anyway. */
static int figures(viz_canvas *page, int x, int y, int width, const tui_panel *p)
{
    const lesson_call *call = p->block->action;
    int at = x, top = y, drawn = 0;
    for (size_t i = 0; i < call->nbig; i++) {
        char v[64], u[16];
        if (!lesson_result_figure(&p->result, call->big[i], v, sizeof v, u, sizeof u))
            continue;
        int used = big_figure(page, at, top, x + width - at, call->big[i], v, u, TR_TITLE);
        if (used < 0 && at > x) {
            top += VIZ_BIG_ROWS + 2;
            at = x;
            used = big_figure(page, at, top, width, call->big[i], v, u, TR_TITLE);
        }
        if (used >= 0) {
            at += used + 4;
            drawn++;
        }
    }
    return drawn ? top + VIZ_BIG_ROWS + 2 : y;
}

static void progress_line(tui_app *app, viz_canvas *page, int x, int y, int width)
{
    char phase[48];
    uint64_t done, total;
    tui_job_progress(&app->job, phase, sizeof phase, &done, &total);
    viz_canvas_grow(page, y + 1);
    int at = x;
    at += viz_canvas_text(page, at, y, width, tui_spinner(app), tui_style(TR_LIVE)) + 1;
    char text[96];
    snprintf(text, sizeof text, "running%s%s", phase[0] ? ": " : "", phase);
    at += viz_canvas_text_fit(page, at, y, width / 2, text, tui_style(TR_LIVE)) + 1;
    if (total) {
        int bar = x + width - at - 18;
        if (bar > 30)
            bar = 30;
        if (bar > 4) {
            tui_draw_bar(page, at, y, bar, (double)done / (double)total, TR_LIVE);
            at += bar + 1;
        }
        snprintf(text, sizeof text, "%3.0f%%", 100.0 * (double)done / (double)total);
        at += viz_canvas_text(page, at, y, x + width - at, text, tui_style(TR_LIVE)) + 2;
    }
    viz_canvas_text(page, at, y, x + width - at, "Esc cancels", tui_style(TR_DIM));
}

static int draw_action(tui_app *app, viz_canvas *page, int y, int width, int index)
{
    tui_lesson *L = &app->lesson;
    tui_panel *p = &L->panels[index];
    const lesson_call *call = p->block->action;
    bool focused = L->focus == index;
    int x = 2, iw = width - 4, y0 = y;
    y++;
    p->cursor_x = p->cursor_y = -1;
    for (size_t k = 0; k < call->ninputs; k++) {
        bool editing = focused && L->typing && p->input_cur == (int)k;
        viz_canvas_grow(page, y + 1);
        int at = x;
        char label[96];
        snprintf(label, sizeof label, "%s = ", call->inputs[k].name);
        at += viz_canvas_text(page, at, y, iw, label, tui_style(TR_STRONG));
        at += viz_canvas_text(page, at, y, iw, "[ ", tui_style(TR_DIM));
        int vw = viz_canvas_text(page, at, y, iw, p->inputs[k],
                                 editing ? tui_style(TR_SELECT) : tui_style(TR_CODE));
        if (editing) {
            p->cursor_x = at + vw;
            p->cursor_y = y;
        }
        at += vw;
        at += viz_canvas_text(page, at, y, iw, " ]", tui_style(TR_DIM)) + 2;
        viz_canvas_text_fit(page, at, y, x + iw - at, call->inputs[k].label, tui_style(TR_DIM));
        y++;
    }
    if (call->ninputs)
        y++;
    if (p->running) {
        progress_line(app, page, x, y, iw);
        y++;
    } else if (p->pending) {
        y = line(page, x, y, iw, "waiting for the action before it to finish…", tui_style(TR_DIM));
    }
    if (p->has_result) {
        if (app->presenter)
            y = figures(page, x, y, iw, p);
        y = result_lines(page, x, y, iw, &p->result);
        if (p->err == ZK_ECANCELLED)
            y = marked(page, x, y, iw, "●", TR_LIVE, "stopped", tui_style(TR_LIVE));
        else if (p->err)
            y = marked(page, x, y, iw, "✘", TR_BAD,
                       p->result.message[0] ? p->result.message : zk_strerror(p->err),
                       tui_style(TR_BAD));
        y = charts(page, x, y, iw, &p->result, app->presenter);
    } else if (!p->running && !p->pending) {
        y = line(page, x, y, iw, "Enter runs this action.", tui_style(TR_DIM));
    }
    int h = y - y0 + 1;
    viz_canvas_grow(page, y0 + h);
    char title[128];
    snprintf(title, sizeof title, "%s%s", call->title ? "" : "action: ",
             call->title ? call->title : call->name);
    viz_canvas_box(page, 0, y0, width, h, title, tui_style(focused ? TR_FOCUS : TR_DIM));
    return y0 + h;
}

/* Presenter mode: F3's line while the answer is hidden; once shown, the
 * answer in large type (or ordinary type when too wide). */
static int presented_answer(viz_canvas *page, int x, int y, int iw, const tui_panel *p,
                            bool hidden)
{
    if (hidden)
        return line(page, x, y, iw, p->ex.solved ? "F3 shows the expected answer"
                                                 : "F3 reveals the answer and the hints",
                    tui_style(TR_DIM));
    /* The answer in words too: large type has no glyph for "·" or "²". */
    const char *answer = p->ex.def->answers[0];
    char text[300];
    snprintf(text, sizeof text, "answer: %s", answer);
    if (big_figure(page, x, y + 1, iw, text, answer, "", TR_LIVE) >= 0)
        return y + 2 + VIZ_BIG_ROWS;
    return marked(page, x, y, iw, "●", TR_LIVE, text, tui_style(TR_LIVE));
}

static int draw_exercise(tui_app *app, viz_canvas *page, int y, int width, int index)
{
    tui_lesson *L = &app->lesson;
    tui_panel *p = &L->panels[index];
    const lesson_exercise *ex = &p->ex;
    const lesson_exercise_def *def = ex->def;
    bool focused = L->focus == index, typing = focused && L->typing;
    /* In front of a class the answer and hints wait for the presenter. */
    bool hidden = app->presenter && !p->shown;
    int x = 2, iw = width - 4, y0 = y;
    y = line(page, x, y + 1, iw, def->prompt, VIZ_PLAIN) + 1;
    viz_canvas_grow(page, y + 1);
    int at = x + viz_canvas_text(page, x, y, iw, "> ", tui_style(TR_KEY));
    p->cursor_x = p->cursor_y = -1;
    if (ex->solved) {
        const char *shown = p->answer[0] ? p->answer : hidden ? "" : def->answers[0];
        at += viz_canvas_text(page, at, y, iw - 4, shown, tui_style(TR_CODE)) + 1;
        viz_canvas_text(page, at, y, x + iw - at, "✔ solved", tui_style(TR_OK));
    } else if (typing || p->answer[0]) {
        int w = viz_canvas_text(page, at, y, iw - 2, p->answer, tui_style(TR_CODE));
        if (typing) {
            p->cursor_x = at + w;
            p->cursor_y = y;
        }
    } else {
        viz_canvas_text_fit(page, at, y, x + iw - at,
                            focused ? "type your answer, then Enter"
                                    : "Tab here, then type your answer",
                            tui_style(TR_DIM));
    }
    y++;
    if (ex->feedback[0] && !(ex->solved && p->solved_before)) {
        bool good = ex->solved;
        y = marked(page, x, y, iw, good ? "✔" : "✘", good ? TR_OK : TR_BAD, ex->feedback,
                   VIZ_PLAIN);
    }
    size_t hints = app->presenter ? (hidden ? 0 : def->nhints) : ex->hints_shown;
    for (size_t h = 0; h < hints; h++) {
        char text[600];
        snprintf(text, sizeof text, "hint %zu: %s", h + 1, def->hints[h]);
        y = marked(page, x, y, iw, "●", TR_LIVE, text, VIZ_PLAIN);
    }
    if (app->presenter) {
        y = presented_answer(page, x, y, iw, p, hidden);
    } else if (ex->revealed && !ex->solved) {
        char text[300];
        snprintf(text, sizeof text, "answer: %s", def->answers[0]);
        y = marked(page, x, y, iw, "●", TR_LIVE, text, tui_style(TR_LIVE));
    }
    if (!ex->solved && !app->presenter) {
        char foot[160];
        size_t left = lesson_exercise_hints_left(ex);
        int tries = lesson_exercise_tries_left(ex);
        /* In the field h is a letter of the answer: the hint needs Esc first. */
        int n = left ? snprintf(foot, sizeof foot, "%s hint (%zu left)", typing ? "Esc h" : "h",
                                left)
                     : snprintf(foot, sizeof foot, "no hints left");
        if (tries > 0 && n > 0)
            snprintf(foot + n, sizeof foot - (size_t)n, " · the answer shows after %d more wrong %s",
                     tries, tries == 1 ? "try" : "tries");
        y = line(page, x, y, iw, foot, tui_style(TR_DIM));
    }
    int h = y - y0 + 1;
    viz_canvas_grow(page, y0 + h);
    char title[96];
    int total = 0;
    for (size_t i = 0; i < L->npanels; i++)
        total += L->panels[i].block->kind == LESSON_EXERCISE;
    snprintf(title, sizeof title, "exercise %d of %d%s", p->number, total,
             ex->solved ? " ✔" : "");
    viz_canvas_box(page, 0, y0, width, h, title, tui_style(focused ? TR_FOCUS : TR_DIM));
    if (ex->solved) {
        /* The mark in the title is green, like every passed check. */
        int tw = (int)viz_text_width(title, strlen(title), page->ascii);
        int mw = page->ascii ? 2 : 1;
        viz_canvas_restyle(page, 2 + tw - mw, y0, mw, 1, tui_style(TR_OK));
    }
    return y0 + h;
}

int tui_panel_draw(tui_app *app, viz_canvas *page, int y, int width, int index)
{
    tui_panel *p = &app->lesson.panels[index];
    p->y0 = y;
    int end = p->block->kind == LESSON_ACTION ? draw_action(app, page, y, width, index)
                                               : draw_exercise(app, page, y, width, index);
    p->y1 = end;
    return end;
}
