/* What the circuit labs (c and g) share: the list of circuits that ship,
 * with a path typed after o for any other; a form of a circuit's inputs;
 * and the footer, which shows a running job's phase with a spinner. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "tui/tui.h"
#include "viz/text.h"

void tui_lab_pick_load(tui_lab_pick *p)
{
    if (p->loaded)
        return;
    p->loaded = lesson_lab_circuit_list(&p->files, &p->n) == ZK_OK;
}

void tui_lab_pick_free(tui_lab_pick *p)
{
    zk_free(p->files);
    memset(p, 0, sizeof *p);
}

void tui_lab_pick_draw(viz_canvas *c, const tui_lab_pick *p, int y, int bottom)
{
    viz_canvas_text_fit(c, 3, y++, c->w - 4, "Choose a circuit (Enter), or o to type the path of "
                        "any .circom", tui_style(TR_STRONG));
    if (!p->n)
        viz_canvas_text_fit(c, 3, y++, c->w - 4, "no circuits found beside zkcave or in "
                            "./circuits: o opens one by its path", tui_style(TR_DIM));
    int rows = bottom - y;
    int top = p->sel >= rows ? p->sel - rows + 1 : 0;
    for (int i = top; i < (int)p->n && y < bottom; i++, y++) {
        bool sel = i == p->sel;
        viz_canvas_put(c, 3, y, sel ? "▸" : " ", tui_style(TR_FOCUS));
        viz_canvas_text_fit(c, 5, y, 30, p->files[i].rel, VIZ_PLAIN);
        viz_canvas_text_fit(c, 36, y, c->w - 37, p->files[i].path, tui_style(TR_DIM));
        if (sel)
            viz_canvas_restyle(c, 5, y, 30, 1, tui_style(TR_SELECT));
    }
}

const char *tui_lab_pick_key(tui_lab_pick *p, int key)
{
    if (p->typing) {
        int end = tui_line_key(p->path, sizeof p->path, key);
        if (end)
            p->typing = false;
        return end == TK_ENTER && p->path[0] ? p->path : NULL;
    }
    switch (key) {
    case TK_UP:
    case 'k':
        p->sel = p->sel > 0 ? p->sel - 1 : 0;
        break;
    case TK_DOWN:
    case 'j':
        p->sel = p->sel + 1 < (int)p->n ? p->sel + 1 : p->sel;
        break;
    case 'o':
        p->typing = true;
        p->path[0] = '\0';
        break;
    case TK_ENTER:
        return p->n ? p->files[p->sel].path : NULL;
    default:
        break;
    }
    return NULL;
}

/* ---- the inputs form ---- */

int tui_lab_form_draw(viz_canvas *c, const lesson_lab_circuit *lc, int sel, bool focus, int y,
                      int rows)
{
    char line[LESSON_LAB_PATH_MAX + 32];
    if (lc->example[0])
        snprintf(line, sizeof line, "inputs, from %s", lc->example);
    else
        snprintf(line, sizeof line, "inputs (no example input beside the circuit: type values)");
    tui_draw_tail(c, 1, y++, c->w - 2, line, tui_style(TR_STRONG));
    if (!lc->n_inputs)
        viz_canvas_text(c, 3, y++, c->w - 4, "main has no inputs", tui_style(TR_DIM));
    int top = sel >= rows ? sel - rows + 1 : 0;
    for (int i = top; i < (int)lc->n_inputs && i < top + rows; i++, y++) {
        const lesson_lab_input *in = &lc->inputs[i];
        bool on = focus && i == sel;
        viz_canvas_put(c, 1, y, on ? "▸" : " ", tui_style(TR_FOCUS));
        viz_canvas_text_fit(c, 3, y, 20, in->name, VIZ_PLAIN);
        viz_canvas_text(c, 23, y, 8, in->is_public ? "public" : "private", tui_style(TR_DIM));
        int w = viz_canvas_text_fit(c, 32, y, c->w - 34, in->value,
                                    on ? tui_style(TR_SELECT) : tui_style(TR_CODE));
        if (on)
            viz_canvas_put(c, 32 + w, y, "_", tui_style(TR_FOCUS));
    }
    if ((int)lc->n_inputs > rows)
        viz_canvas_text(c, c->w - 12, y - 1, 11, "↑↓ more", tui_style(TR_DIM));
    return y;
}

bool tui_lab_form_key(lesson_lab_circuit *lc, int *sel, int key)
{
    if (!lc->n_inputs)
        return false;
    char *v = lc->inputs[*sel].value;
    size_t len = strlen(v);
    if (key == TK_UP && *sel > 0)
        (*sel)--;
    else if (key == TK_DOWN && *sel + 1 < (int)lc->n_inputs)
        (*sel)++;
    else if (key == TK_BACKSPACE || key == TK_DELETE)
        v[len ? len - 1 : 0] = '\0';
    else if (((key >= '0' && key <= '9') || key == '-' || key == '^') &&
             len + 1 < LESSON_LAB_VALUE_MAX) {
        /* A value just shown is replaced by the first digit typed. */
        if (len == 1 && v[0] == '0')
            len = 0;
        v[len] = (char)key;
        v[len + 1] = '\0';
    } else
        return key == TK_UP || key == TK_DOWN;
    return true;
}

/* ---- the footer ---- */

void tui_lab_footer(tui_app *app, viz_canvas *c, const void *ctx, const char *const *keys,
                    size_t npairs)
{
    if (app->job.active && app->job.ctx == ctx) {
        char phase[48], text[120];
        uint64_t done, total;
        tui_job_progress(&app->job, phase, sizeof phase, &done, &total);
        if (total)
            snprintf(text, sizeof text, "%s %s %llu/%llu  Esc stops", tui_spinner(app), phase,
                     (unsigned long long)done, (unsigned long long)total);
        else
            snprintf(text, sizeof text, "%s %s  Esc stops", tui_spinner(app), phase);
        viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, text, tui_style(TR_LIVE));
    } else if (app->status[0]) {
        viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, app->status, tui_style(app->status_role));
    }
    tui_draw_rule(c, c->h - 2);
    tui_draw_keys(c, c->h - 1, keys, npairs);
}

char *tui_lab_seconds(char *out, size_t cap, double s)
{
    if (s >= 1)
        snprintf(out, cap, "%.2f s", s);
    else if (s >= 1e-3)
        snprintf(out, cap, "%.1f ms", s * 1e3);
    else
        snprintf(out, cap, "%.0f µs", s * 1e6);
    return out;
}

void tui_lab_key_back(tui_app *app, const void *ctx, const tui_return *back, int key)
{
    if (key == TK_ESC) {
        tui_tool_escape(app, ctx, back);
        return;
    }
    /* q leaves at once; a running job is told to stop and finishes behind
     * the map (its done callback keeps quiet there). */
    if (app->job.active && app->job.ctx == ctx)
        tui_job_cancel(&app->job);
    tui_return_go(app, back);
}

void tui_lab_status(tui_app *app, const tui_screen *lab, tui_role role, const char *fmt, ...)
{
    if (app->screen != lab)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->status, sizeof app->status, fmt, ap);
    va_end(ap);
    app->status_role = role;
}

void tui_lab_stop(tui_app *app, const void *ctx)
{
    if (app->job.active && app->job.ctx == ctx) {
        tui_job_cancel(&app->job);
        tui_job_wait(&app->job);
    }
}

void *tui_lab_alloc(tui_app *app, size_t size)
{
    void *t = zk_calloc(1, size);
    if (!t)
        tui_set_status(app, TR_BAD, "✘ out of memory");
    return t;
}

void tui_lab_show(tui_app *app, tui_lab_pick *pick, tui_return *back, const tui_screen *lab)
{
    tui_lab_pick_load(pick);
    tui_return_here(back, app);
    tui_switch(app, lab);
}

void tui_lab_release(tui_app *app, const void *ctx, tui_lab_pick *pick, lesson_lab_circuit *lc,
                     bool open, lesson_lab_circuit *next)
{
    tui_lab_stop(app, ctx);
    if (open)
        lesson_lab_circuit_close(lc);
    lesson_lab_circuit_close(next);
    tui_lab_pick_free(pick);
}

void tui_lab_pick_page(tui_app *app, viz_canvas *c, const void *ctx, const tui_lab_pick *p)
{
    const char *const keys[] = {c->ascii ? "up/dn" : "↑↓", "choose", "Enter", "open",
                                "o", "type a path", "?", "help", "q", "map"};
    tui_lab_pick_draw(c, p, 3, c->h - 3);
    if (p->typing)
        tui_draw_path_footer(app, c, p->path, keys, ZK_ARRAY_LEN(keys));
    else
        tui_lab_footer(app, c, ctx, keys, ZK_ARRAY_LEN(keys));
}

bool tui_lab_busy(const tui_app *app, const void *ctx)
{
    return app->job.active && app->job.ctx == ctx;
}

void tui_lab_header(viz_canvas *c, const char *title, const char *path, const char *right,
                    tui_role right_role)
{
    int tw = (int)viz_text_width(title, strlen(title), c->ascii);
    int rw = (int)viz_text_width(right, strlen(right), c->ascii);
    viz_canvas_text(c, 1, 0, tw, title, tui_style(TR_TITLE));
    if (path) {
        viz_canvas_text(c, 1 + tw, 0, 3, " ─ ", tui_style(TR_TITLE));
        tui_draw_tail(c, 4 + tw, 0, c->w - rw - tw - 7, path, tui_style(TR_TITLE));
    }
    viz_canvas_text(c, c->w - rw - 1, 0, rw, right, tui_style(right_role));
    tui_draw_rule(c, 1);
}
