/* The lesson screen: one step at a time, its Markdown laid out on a page
 * that scrolls, with live action panels and exercises. The line above the
 * keys always says what to do next. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "tui/tui.h"
#include "viz/text.h"

enum { PAGE_MAX_W = 100 };

static tui_panel *focused(tui_app *app)
{
    tui_lesson *L = &app->lesson;
    return L->focus >= 0 && (size_t)L->focus < L->npanels ? &L->panels[L->focus] : NULL;
}

static const lesson_doc *doc_of(const tui_app *app)
{
    return &app->lesson.slot->doc;
}

/* Panels of the current step, in order: first index and count. */
static void step_panels(const tui_app *app, size_t *first, size_t *count)
{
    const tui_lesson *L = &app->lesson;
    *first = 0;
    *count = 0;
    while (*first < L->npanels && L->panels[*first].step < L->step)
        (*first)++;
    while (*first + *count < L->npanels && L->panels[*first + *count].step == L->step)
        (*count)++;
}

static bool is_open_exercise(const tui_panel *p)
{
    return p->block->kind == LESSON_EXERCISE && !p->ex.solved;
}

/* Focus goes first to an exercise still open, else to the first panel. */
static int default_focus(const tui_app *app)
{
    size_t first, count;
    step_panels(app, &first, &count);
    for (size_t i = first; i < first + count; i++)
        if (is_open_exercise(&app->lesson.panels[i]))
            return (int)i;
    return count ? (int)first : -1;
}

/* Focus on an open exercise is focus on its answer field: from then on
 * every printable key goes into it, until Esc leaves the field (htop's
 * search field works the same way). */
static void set_focus(tui_app *app, int index)
{
    tui_lesson *L = &app->lesson;
    L->focus = index;
    L->typing = index >= 0 && is_open_exercise(&L->panels[index]);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void tui_lesson_run_panel(tui_app *app, int index)
{
    tui_lesson *L = &app->lesson;
    tui_panel *p = &L->panels[index];
    if (p->block->kind != LESSON_ACTION || p->running)
        return;
    if (app->job.active) {
        p->pending = true;
        return;
    }
    const lesson_call *call = p->block->action;
    lesson_param extra[8];
    size_t n = 0;
    for (size_t k = 0; k < call->ninputs && n < 8; k++, n++) {
        extra[n].key = call->inputs[k].name;
        extra[n].value = p->inputs[k];
    }
    p->pending = false;
    p->running = true;
    p->started = now();
    tui_job_start(&app->job, index, call, extra, n, app->opt.headless);
    if (tui_job_collect(&app->job))
        tui_lesson_job_done(app);
}

void tui_lesson_job_done(tui_app *app)
{
    tui_lesson *L = &app->lesson;
    tui_job *job = &app->job;
    if (job->panel < 0 || (size_t)job->panel >= L->npanels) {
        lesson_result_free(&job->result);
        return;
    }
    tui_panel *p = &L->panels[job->panel];
    lesson_result_free(&p->result);
    p->result = job->result;
    lesson_result_init(&job->result);
    p->has_result = true;
    p->running = false;
    p->err = job->err;
    /* The action's own verdict lines, counted for the transcript. */
    size_t ok = 0, bad = 0;
    for (size_t i = 0; i < p->result.nlines; i++) {
        ok += p->result.lines[i].mark == LESSON_MARK_OK;
        bad += p->result.lines[i].mark == LESSON_MARK_BAD;
    }
    tui_transcript(app, "  action %s: %s in %.1f ms (%zu ✔, %zu ✘ lines)", p->block->action->name,
                   p->err == ZK_ECANCELLED ? "stopped" : p->err ? zk_strerror(p->err) : "ran",
                   1e3 * (now() - p->started), ok, bad);
    /* The next action waiting in this step runs now. */
    for (size_t i = 0; i < L->npanels; i++)
        if (L->panels[i].pending) {
            tui_lesson_run_panel(app, (int)i);
            break;
        }
}

static void show_step(tui_app *app, size_t step)
{
    tui_lesson *L = &app->lesson;
    L->step = step;
    L->scroll = 0;
    L->follow = false;
    L->clicks = 0;
    tui_transcript(app, "%02d step %zu/%zu: %s%s", doc_of(app)->number, step + 1,
                   doc_of(app)->nsteps, doc_of(app)->steps[step].title,
                   app->presenter ? " (presenter)" : "");
    set_focus(app, default_focus(app));
    lesson_progress_visit(&app->progress, doc_of(app)->slug, (int)step);
    tui_save_progress(app);
    /* Every number on a step is computed when it is shown. */
    size_t first, count;
    step_panels(app, &first, &count);
    for (size_t i = first; i < first + count; i++) {
        tui_panel *p = &L->panels[i];
        if (p->block->kind == LESSON_ACTION && !p->has_result && !p->running)
            tui_lesson_run_panel(app, (int)i);
    }
}

static void free_panels(tui_lesson *L)
{
    for (size_t i = 0; i < L->npanels; i++)
        lesson_result_free(&L->panels[i].result);
    zk_free(L->panels);
    L->panels = NULL;
    L->npanels = 0;
}

static void lesson_leave(tui_app *app)
{
    tui_lesson *L = &app->lesson;
    if (app->job.active) {
        tui_job_cancel(&app->job);
        tui_job_wait(&app->job);
        lesson_result_free(&app->job.result);
    }
    free_panels(L);
    viz_canvas_free(&L->page);
    L->slot = NULL;
}

static bool build_panels(tui_app *app, lesson_slot *slot)
{
    tui_lesson *L = &app->lesson;
    const lesson_doc *d = &slot->doc;
    size_t n = d->nactions + d->nexercises;
    L->panels = zk_calloc(n ? n : 1, sizeof *L->panels);
    if (!L->panels)
        return false;
    const lesson_progress_entry *e = lesson_progress_entry_get(&app->progress, d->slug, false);
    int number = 0;
    for (size_t s = 0; s < d->nsteps; s++)
        for (size_t b = 0; b < d->steps[s].nblocks; b++) {
            const lesson_block *blk = &d->steps[s].blocks[b];
            if (blk->kind != LESSON_ACTION && blk->kind != LESSON_EXERCISE)
                continue;
            tui_panel *p = &L->panels[L->npanels++];
            p->block = blk;
            p->step = s;
            if (blk->kind == LESSON_ACTION) {
                for (size_t k = 0; k < blk->action->ninputs && k < 8; k++)
                    snprintf(p->inputs[k], sizeof p->inputs[k], "%s", blk->action->inputs[k].value);
            } else {
                p->number = ++number;
                bool solved = lesson_progress_is_solved(e, blk->exercise->id);
                lesson_exercise_init(&p->ex, blk->exercise, solved);
                p->solved_before = solved;
            }
        }
    return true;
}

bool tui_open_lesson(tui_app *app, int number)
{
    lesson_slot *slot = lesson_catalog_slot(&app->catalog, number);
    if (!slot || !slot->path[0]) {
        tui_set_status(app, TR_DIM, "Lesson %02d is not written yet.", number);
        return false;
    }
    if (!slot->loaded) {
        tui_set_status(app, TR_BAD, "✘ %s", slot->error);
        return false;
    }
    if (app->screen == &tui_lesson_screen)
        lesson_leave(app);
    tui_lesson *L = &app->lesson;
    memset(L, 0, sizeof *L);
    L->focus = -1;
    /* As lesson_draw sets it: PgDn before the first draw (a headless
     * script) pages by the screen, not by nothing. */
    L->view_h = app->rows - 5;
    if (!build_panels(app, slot) || viz_canvas_init(&L->page, 10, 0, app->ascii) != ZK_OK) {
        free_panels(L);
        tui_set_status(app, TR_BAD, "✘ out of memory");
        return false;
    }
    L->slot = slot;
    app->screen = &tui_lesson_screen;
    const lesson_progress_entry *e = lesson_progress_entry_get(&app->progress, slot->doc.slug, false);
    size_t step = e && (size_t)e->step < slot->doc.nsteps ? (size_t)e->step : 0;
    show_step(app, step);
    return true;
}

/* ---- drawing ---- */

static bool list_para(const lesson_block *b)
{
    return b->kind == LESSON_PARA && (b->bullet || b->indent > 0);
}

static int layout_page(tui_app *app, int width)
{
    tui_lesson *L = &app->lesson;
    viz_canvas_resize(&L->page, width, 0);
    const lesson_step *st = &doc_of(app)->steps[L->step];
    size_t first, count;
    step_panels(app, &first, &count);
    size_t next_panel = first;
    int y = 0;
    for (size_t i = 0; i < st->nblocks; i++) {
        const lesson_block *b = &st->blocks[i];
        if (i > 0 && !(list_para(b) && list_para(&st->blocks[i - 1])))
            y++;
        if (b->kind == LESSON_ACTION || b->kind == LESSON_EXERCISE)
            y = tui_panel_draw(app, &L->page, y, width, (int)next_panel++);
        else
            y = tui_md_block(&L->page, y, width, b);
    }
    viz_canvas_grow(&L->page, y);
    return y;
}

static void keep_in_view(tui_lesson *L, int content_h)
{
    int max_scroll = content_h - L->view_h;
    if (L->follow && L->focus >= 0) {
        const tui_panel *p = &L->panels[L->focus];
        int y0 = p->y0, y1 = p->y1;
        if (L->typing && p->cursor_y >= 0) {
            /* While typing, the field and what follows it matter most. */
            y0 = p->cursor_y - 3 > y0 ? p->cursor_y - 3 : y0;
        }
        if (y1 - y0 > L->view_h || y0 < L->scroll || L->follow_top)
            L->scroll = y0;
        else if (y1 > L->scroll + L->view_h)
            L->scroll = y1 - L->view_h;
        L->follow = L->typing;
        L->follow_top = false;
    }
    if (L->scroll > max_scroll)
        L->scroll = max_scroll;
    if (L->scroll < 0)
        L->scroll = 0;
}

/* The line that says what to do next. */
static void guidance(tui_app *app, char *out, size_t len, tui_role *role)
{
    tui_lesson *L = &app->lesson;
    const lesson_doc *d = doc_of(app);
    tui_panel *f = focused(app);
    *role = TR_TEXT;
    if (app->status[0]) {
        snprintf(out, len, "%s", app->status);
        *role = app->status_role;
        return;
    }
    if (L->jumping) {
        snprintf(out, len, ":%s  go to step (1 to %zu): Enter goes, Esc cancels", L->jump,
                 d->nsteps);
        *role = TR_KEY;
        return;
    }
    if (L->typing && f && f->block->kind == LESSON_EXERCISE) {
        bool visible = f->y0 >= L->scroll && f->y0 < L->scroll + L->view_h;
        if (app->presenter && !f->shown)
            snprintf(out, len, "▶ Exercise %d: type an answer, Enter checks it; F3 reveals the "
                     "answer and hints.", f->number);
        else if (visible)
            snprintf(out, len, "▶ Exercise %d: type your answer, Enter checks it; Esc leaves the "
                     "field.", f->number);
        else
            snprintf(out, len, "▶ Exercise %d is below (↓ scrolls): type your answer, Enter "
                     "checks it.", f->number);
        *role = TR_KEY;
        return;
    }
    if (L->typing) {
        snprintf(out, len, "Type a value, Enter runs the action; Esc leaves the field.");
        return;
    }
    size_t first, count;
    step_panels(app, &first, &count);
    for (size_t i = first; i < first + count; i++) {
        tui_panel *p = &L->panels[i];
        if (!is_open_exercise(p))
            continue;
        bool visible = p->y0 >= L->scroll && p->y0 < L->scroll + L->view_h;
        if (L->focus == (int)i)
            snprintf(out, len, "▶ Exercise %d: Enter goes back to its answer field%s.", p->number,
                     visible ? "" : " (it is below; ↓ scrolls)");
        else
            snprintf(out, len, "▶ Exercise %d %s: Tab to it, then type your answer.", p->number,
                     visible ? "on this page" : "below");
        *role = TR_KEY;
        return;
    }
    /* An open exercise matters more than a running action, which shows
     * itself in its panel and in the header anyway. */
    if (app->job.active) {
        snprintf(out, len, "%s running %s… (Esc cancels)", tui_spinner(app), app->job.call->name);
        *role = TR_LIVE;
        return;
    }
    if (L->step + 1 < d->nsteps) {
        snprintf(out, len, "▶ n: next step — %s", d->steps[L->step + 1].title);
        *role = TR_KEY;
        return;
    }
    for (size_t i = 0; i < L->npanels; i++)
        if (is_open_exercise(&L->panels[i])) {
            snprintf(out, len, "Exercise %d (step %zu) is still open: p goes back to it.",
                     L->panels[i].number, L->panels[i].step + 1);
            *role = TR_LIVE;
            return;
        }
    const lesson_slot *next = lesson_catalog_slot(&app->catalog, d->number + 1);
    if (next && next->loaded)
        snprintf(out, len, "✔ Lesson complete. n opens %02d %s; Esc goes to the map.",
                 d->number + 1, next->doc.title);
    else
        snprintf(out, len, "✔ Lesson complete. Esc goes back to the map.");
    *role = TR_OK;
}

/* The header names the lesson and the step. A step title is never cut:
 * when the line is narrow the lesson's title goes first ("07 ─ step 5/9:
 * ..."), then the exercise count, then the presenter mark. */
static void draw_header(tui_app *app, viz_canvas *c)
{
    const lesson_doc *d = doc_of(app);
    tui_lesson *L = &app->lesson;
    char full[256], brief[256];
    snprintf(full, sizeof full, "%02d %s ─ step %zu/%zu: %s", d->number, d->title, L->step + 1,
             d->nsteps, d->steps[L->step].title);
    snprintf(brief, sizeof brief, "%02d ─ step %zu/%zu: %s", d->number, L->step + 1, d->nsteps,
             d->steps[L->step].title);
    char count[64] = "";
    size_t solved = 0;
    for (size_t i = 0; i < L->npanels; i++)
        solved += L->panels[i].block->kind == LESSON_EXERCISE && L->panels[i].ex.solved;
    if (d->nexercises)
        snprintf(count, sizeof count, "exercises %zu/%zu", solved, d->nexercises);
    const char *mark = app->presenter ? "▣ presenter" : "";
    int live_w = app->job.active ? 8 : 0;
    int cw = (int)viz_text_width(count, strlen(count), c->ascii);
    int pw = (int)viz_text_width(mark, strlen(mark), c->ascii);
    const struct {
        const char *head;
        bool count, mark;
    } tries[] = {{full, true, true}, {brief, true, true}, {brief, false, true},
                 {brief, false, false}};
    size_t t = 0;
    int rw = 0;
    for (; t < ZK_ARRAY_LEN(tries); t++) {
        rw = (tries[t].count && cw ? cw : 0) + (tries[t].mark && pw ? pw : 0) +
             (tries[t].count && cw && tries[t].mark && pw ? 2 : 0);
        int hw = (int)viz_text_width(tries[t].head, strlen(tries[t].head), c->ascii);
        if (hw <= c->w - rw - live_w - 4 || t + 1 == ZK_ARRAY_LEN(tries))
            break;
    }
    viz_canvas_text_fit(c, 1, 0, c->w - rw - live_w - 4, tries[t].head, tui_style(TR_TITLE));
    if (app->job.active) {
        viz_canvas_put(c, c->w - rw - live_w - 1, 0, "●", tui_style(TR_LIVE));
        viz_canvas_text(c, c->w - rw - live_w + 1, 0, 5, "live", tui_style(TR_LIVE));
    }
    int at = c->w - rw - 1;
    if (tries[t].count && cw)
        at += viz_canvas_text(c, at, 0, cw, count,
                              solved == d->nexercises ? tui_style(TR_OK) : tui_style(TR_DIM)) + 2;
    if (tries[t].mark && pw)
        viz_canvas_text(c, at, 0, pw, mark, tui_style(TR_KEY));
    tui_draw_rule(c, 1);
}

/* The exercise F3 reveals next: the step's first one still hidden; NULL
 * when every one is shown (or the step has none). */
static tui_panel *reveal_target(tui_app *app)
{
    size_t first, count;
    step_panels(app, &first, &count);
    for (size_t i = first; i < first + count; i++) {
        tui_panel *p = &app->lesson.panels[i];
        if (p->block->kind == LESSON_EXERCISE && !p->shown)
            return p;
    }
    return NULL;
}

static bool step_has_exercise(const tui_app *app)
{
    size_t first, count;
    step_panels(app, &first, &count);
    for (size_t i = first; i < first + count; i++)
        if (app->lesson.panels[i].block->kind == LESSON_EXERCISE)
            return true;
    return false;
}

static void draw_keys(tui_app *app, viz_canvas *c)
{
    tui_lesson *L = &app->lesson;
    tui_panel *f = focused(app);
    const char *pairs[24];
    size_t n = 0;
#define KEY(k, v) (pairs[n++] = (k), pairs[n++] = (v))
    if (L->jumping) {
        KEY("0-9", "step number");
        KEY("Enter", "go");
        KEY("Esc", "cancel");
    } else if (L->typing) {
        /* Every printable key types, so the way out comes last and stays. */
        KEY("Enter", f && f->block->kind == LESSON_ACTION ? "run" : "check");
        KEY("BSpace", "erase");
        KEY("Tab", f && f->block->kind == LESSON_ACTION && f->block->action->ninputs > 1
                       ? "next value" : "next");
        if (app->presenter && f && f->block->kind == LESSON_EXERCISE)
            KEY("F3", "reveal");
        KEY("F1", "help");
        KEY("Esc", "leave the field");
    } else {
        KEY("n", "next");
        KEY("p", "back");
        KEY("Esc", app->job.active ? "cancel" : "map");
        if (L->npanels)
            KEY("Tab", "focus");
        if (f && f->block->kind == LESSON_EXERCISE && !f->ex.solved) {
            KEY("Enter", "answer");
            if (!app->presenter)
                KEY("h", "hint");
        } else if (f && f->block->kind == LESSON_ACTION) {
            KEY("Enter", f->block->action->ninputs ? "edit" : "run");
        }
        /* Dropped from the right when the line is narrow: keep F2 and F3
         * ahead of r and e. */
        if (app->presenter && step_has_exercise(app))
            KEY("F3", "reveal");
        KEY("F2", "presenter");
        if (f && f->block->kind == LESSON_ACTION) {
            KEY("r", "rerun");
            if (f->has_result && f->result.ncharts)
                KEY("e", "export PNG");
        }
        KEY("↑↓", "scroll");
        KEY("?", "help");
        KEY("q", "quit");
    }
#undef KEY
    tui_draw_keys(c, c->h - 1, pairs, n);
}

static void lesson_draw(tui_app *app, viz_canvas *c)
{
    tui_lesson *L = &app->lesson;
    /* A projector gets the whole width: no margin, no cap on the measure. */
    int width = app->presenter ? c->w - 2 : c->w - 4 < PAGE_MAX_W ? c->w - 4 : PAGE_MAX_W;
    L->page_x = (c->w - width) / 2;
    L->view_y = 2;
    L->view_h = c->h - 5;
    draw_header(app, c);
    int content_h = layout_page(app, width);
    keep_in_view(L, content_h);
    viz_canvas_blit(c, L->page_x, L->view_y, &L->page, 0, L->scroll, width, L->view_h);
    char text[400];
    tui_role role;
    guidance(app, text, sizeof text, &role);
    viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, text, tui_style(role));
    tui_draw_rule(c, c->h - 2);
    if (content_h > L->view_h) {
        char more[32];
        int pct = (int)(100.0 * (L->scroll + L->view_h) / content_h + 0.5);
        bool below = L->scroll + L->view_h < content_h;
        snprintf(more, sizeof more, " %s %d%% ", below ? "↓ more" : "end", pct > 100 ? 100 : pct);
        int mw = (int)viz_text_width(more, strlen(more), c->ascii);
        viz_canvas_text(c, c->w - mw - 2, c->h - 2, mw, more, tui_style(TR_DIM));
    }
    draw_keys(app, c);
    app->cursor_x = app->cursor_y = -1;
    tui_panel *f = focused(app);
    if (L->typing && f && f->cursor_y >= L->scroll && f->cursor_y < L->scroll + L->view_h) {
        app->cursor_x = L->page_x + f->cursor_x;
        app->cursor_y = L->view_y + f->cursor_y - L->scroll;
    }
}

/* ---- keys ---- */

static void scroll_by(tui_lesson *L, int rows)
{
    L->scroll += rows;   /* clamped when drawn */
    L->follow = false;
}

static void cycle_focus(tui_app *app, int dir)
{
    tui_lesson *L = &app->lesson;
    size_t first, count;
    step_panels(app, &first, &count);
    if (!count)
        return;
    int at = L->focus >= (int)first && L->focus < (int)(first + count) ? L->focus - (int)first : -1;
    at = at < 0 ? (dir > 0 ? 0 : (int)count - 1) : (at + dir + (int)count) % (int)count;
    set_focus(app, (int)first + at);
    L->follow = true;
}

static void next_step(tui_app *app)
{
    const lesson_doc *d = doc_of(app);
    if (app->lesson.step + 1 < d->nsteps) {
        show_step(app, app->lesson.step + 1);
        return;
    }
    const lesson_slot *next = lesson_catalog_slot(&app->catalog, d->number + 1);
    if (next && next->loaded)
        tui_open_lesson(app, d->number + 1);
    else
        tui_set_status(app, TR_DIM, "This is the last step; Esc goes back to the map.");
}

/* Space in presenter mode, the key a clicker sends: the step's actions one
 * by one, each brought to the top of the view, then the next step. */
static void advance(tui_app *app)
{
    tui_lesson *L = &app->lesson;
    size_t first, count;
    step_panels(app, &first, &count);
    int n = 0;
    for (size_t i = first; i < first + count; i++) {
        if (L->panels[i].block->kind != LESSON_ACTION || n++ < L->clicks)
            continue;
        L->clicks++;
        set_focus(app, (int)i);
        L->follow = L->follow_top = true;
        tui_transcript(app, "  Space: action %d of the step", L->clicks);
        return;
    }
    next_step(app);
}

static void submit(tui_app *app, tui_panel *p)
{
    tui_lesson *L = &app->lesson;
    lesson_outcome o = lesson_exercise_submit(&p->ex, p->answer);
    if (o == LESSON_EMPTY)
        return;
    tui_transcript(app, "  exercise %d: '%s' %s", p->number, p->answer,
                   o == LESSON_RIGHT ? "correct" : "wrong");
    /* A wrong answer keeps the field, and the next key typed starts the
     * answer afresh; a right one moves on to the next open exercise. */
    p->replace = true;
    if (o != LESSON_RIGHT)
        return;
    L->typing = false;
    size_t first, count;
    step_panels(app, &first, &count);
    for (size_t i = first; i < first + count; i++)
        if (is_open_exercise(&L->panels[i])) {
            set_focus(app, (int)i);
            L->follow = true;
            break;
        }
    lesson_progress_entry *e = lesson_progress_entry_get(&app->progress, doc_of(app)->slug, true);
    if (!e || lesson_progress_mark_solved(e, p->ex.def->id) != ZK_OK) {
        tui_set_status(app, TR_BAD, "✘ out of memory; this answer is not saved");
        return;
    }
    tui_save_progress(app);
}

static void export_charts(tui_app *app)
{
    tui_lesson *L = &app->lesson;
    tui_panel *p = focused(app);
    if (!p || !p->has_result || !p->result.ncharts) {
        p = NULL;
        size_t first, count;
        step_panels(app, &first, &count);
        for (size_t i = first; i < first + count && !p; i++)
            if (L->panels[i].has_result && L->panels[i].result.ncharts)
                p = &L->panels[i];
    }
    if (!p) {
        tui_set_status(app, TR_DIM, "No chart on this step to export.");
        return;
    }
    char stem[160];
    snprintf(stem, sizeof stem, "zkcave-%s-%s", doc_of(app)->slug, p->block->action->name);
    for (char *c = stem; *c; c++)
        if (*c == '.')
            *c = '-';
    const viz_chart *charts[LESSON_MAX_CHARTS];
    for (size_t i = 0; i < p->result.ncharts; i++)
        charts[i] = &p->result.charts[i];
    char path[2400];
    if (tui_export_begin(app, path, sizeof path, stem))
        tui_export_end(app, path, viz_charts_png(charts, p->result.ncharts, path), NULL);
}

static bool answer_char(int key)
{
    return key >= 32 && key < 127;
}

static void type_key(tui_app *app, tui_panel *p, int key)
{
    tui_lesson *L = &app->lesson;
    bool action = p->block->kind == LESSON_ACTION;
    char *field = action ? p->inputs[p->input_cur] : p->answer;
    size_t cap = action ? sizeof p->inputs[0] : sizeof p->answer;
    size_t len = strlen(field);
    L->follow = true;
    switch (key) {
    case TK_ENTER:
        if (action) {
            L->typing = false;
            tui_lesson_run_panel(app, L->focus);
        } else {
            submit(app, p);
        }
        break;
    case TK_ESC:
        L->typing = false;   /* the field keeps its text; Enter or Tab comes back */
        break;
    case TK_BACKSPACE:
    case TK_DELETE:
        if (len)
            field[len - 1] = '\0';
        p->replace = false;   /* editing the last answer, not starting afresh */
        break;
    case TK_CTRL_U:
        field[0] = '\0';
        p->replace = false;
        break;
    case TK_TAB:
    case TK_BTAB:
        if (action && p->block->action->ninputs > 1) {
            int n = (int)p->block->action->ninputs;
            p->input_cur = (p->input_cur + (key == TK_TAB ? 1 : n - 1)) % n;
        } else {
            L->typing = false;
            cycle_focus(app, key == TK_TAB ? 1 : -1);
        }
        break;
    default:
        if (answer_char(key)) {
            if (p->replace && !action)
                field[len = 0] = '\0';
            p->replace = false;
            if (len + 1 < cap) {
                field[len] = (char)key;
                field[len + 1] = '\0';
            }
        }
        break;
    }
}

/* Keys a field has no use for (it has no cursor to move) keep their
 * meaning while typing: the arrows and pages scroll and change steps. */
static bool navigation_key(int key)
{
    return key == TK_UP || key == TK_DOWN || key == TK_LEFT || key == TK_RIGHT ||
           key == TK_PGUP || key == TK_PGDN || key == TK_HOME || key == TK_END;
}

/* Keys that start typing straight away on a focused input, or on an
 * exercise after Esc: digits and signs. Letters are commands out of a field. */
static bool starts_typing(int key)
{
    if (key < 32 || key >= 127)
        return false;
    return isdigit(key) || strchr("-(.^/", key);
}

/* A key after ':' (out of a field, where ':' is text): digits name a step,
 * Enter goes there, BSpace erases, Esc or any other key cancels. */
static void jump_key(tui_app *app, int key)
{
    tui_lesson *L = &app->lesson;
    size_t len = strlen(L->jump);
    if (key >= '0' && key <= '9') {
        if (len + 1 < sizeof L->jump) {
            L->jump[len] = (char)key;
            L->jump[len + 1] = '\0';
        }
        return;
    }
    if ((key == TK_BACKSPACE || key == TK_DELETE) && len) {
        L->jump[len - 1] = '\0';
        return;
    }
    L->jumping = false;
    if (key != TK_ENTER || !len)
        return;
    size_t nsteps = doc_of(app)->nsteps;
    long n = strtol(L->jump, NULL, 10);
    if (n < 1 || (size_t)n > nsteps)
        tui_set_status(app, TR_BAD, "✘ No step %s: this lesson has steps 1 to %zu.", L->jump,
                       nsteps);
    else if ((size_t)n - 1 != L->step)
        show_step(app, (size_t)n - 1);
}

/* F3: the presenter shows the class the next exercise's answer and hints,
 * in the step's order; once all are shown, F3 hides them again. */
static void reveal(tui_app *app)
{
    tui_lesson *L = &app->lesson;
    tui_panel *ex = reveal_target(app);
    size_t first, count;
    step_panels(app, &first, &count);
    if (!app->presenter) {
        tui_set_status(app, TR_DIM, "F3 reveals answers in presenter mode (F2).");
    } else if (ex) {
        ex->shown = true;
        tui_transcript(app, "  exercise %d revealed: %s", ex->number, ex->ex.def->answers[0]);
        set_focus(app, (int)(ex - L->panels));
        L->follow = true;
        tui_set_status(app, TR_KEY, "Exercise %d: answer and hints shown.", ex->number);
    } else if (step_has_exercise(app)) {
        for (size_t i = first; i < first + count; i++)
            L->panels[i].shown = false;
        tui_set_status(app, TR_KEY, "Answers and hints hidden again.");
    } else {
        tui_set_status(app, TR_DIM, "No exercise on this step.");
    }
}

static void lesson_key(tui_app *app, int key)
{
    tui_lesson *L = &app->lesson;
    tui_panel *f = focused(app);
    if (L->jumping) {
        jump_key(app, key);
        return;
    }
    /* Function keys type nothing, so they work in an answer field too. */
    if (key == TK_F2) {
        app->presenter = !app->presenter;
        L->follow = true;
        tui_transcript(app, "  F2: presenter mode %s", app->presenter ? "on" : "off");
        tui_set_status(app, TR_KEY, app->presenter
                       ? "▣ Presenter mode: answers and hints wait for F3; F2 leaves it."
                       : "Presenter mode off.");
        return;
    }
    if (key == TK_F3) {
        reveal(app);
        return;
    }
    /* A clicker's Space advances while no answer is being typed. */
    if (key == ' ' && app->presenter && !(L->typing && f && f->answer[0])) {
        advance(app);
        return;
    }
    if (L->typing && f && !navigation_key(key)) {
        type_key(app, f, key);
        return;
    }
    switch (key) {
    case 'n':
    case TK_RIGHT:
        next_step(app);
        return;
    case 'p':
    case TK_LEFT:
        if (L->step > 0)
            show_step(app, L->step - 1);
        else
            tui_set_status(app, TR_DIM, "This is the first step.");
        return;
    case TK_UP:
    case 'k':
        scroll_by(L, -1);
        return;
    case TK_DOWN:
    case 'j':
        scroll_by(L, 1);
        return;
    case TK_PGUP:
        scroll_by(L, -(L->view_h - 2));
        return;
    case TK_PGDN:
    case ' ':
        scroll_by(L, L->view_h - 2);
        return;
    case TK_HOME:
    case 'g':
        L->scroll = 0;
        L->follow = false;
        return;
    case TK_END:
    case 'G':
        scroll_by(L, 1 << 20);
        return;
    case TK_TAB:
    case TK_BTAB:
        cycle_focus(app, key == TK_TAB ? 1 : -1);
        return;
    case TK_ESC:
        if (app->job.active) {
            tui_job_cancel(&app->job);
            tui_set_status(app, TR_LIVE, "● stopping the action…");
        } else {
            tui_switch(app, &tui_home_screen);
        }
        return;
    case ':':
        L->jumping = true;
        L->jump[0] = '\0';
        return;
    case 'e':
        export_charts(app);
        return;
    case 'm':
        tui_open_mnist(app);
        return;
    case 'v':
    case 'd':
        /* tools, unless the letter is the first of an answer being started */
        if (f && is_open_exercise(f))
            break;
        if (key == 'v')
            tui_open_counts(app);
        else
            tui_open_pad(app);
        return;
    case 'h': {
        tui_panel *ex = f && is_open_exercise(f) ? f : NULL;
        size_t first, count;
        step_panels(app, &first, &count);
        for (size_t i = first; i < first + count && !ex; i++)
            if (is_open_exercise(&L->panels[i]))
                ex = &L->panels[i];
        if (!ex)
            tui_set_status(app, TR_DIM, "No open exercise on this step.");
        else if (app->presenter)
            tui_set_status(app, TR_DIM, "In presenter mode F3 reveals the hints with the answer.");
        else if (!lesson_exercise_hint(&ex->ex))
            tui_set_status(app, TR_DIM, "No more hints for exercise %d.", ex->number);
        else {
            set_focus(app, (int)(ex - L->panels));
            L->follow = true;
        }
        return;
    }
    case 'r':
        if (f && f->block->kind == LESSON_ACTION)
            tui_lesson_run_panel(app, L->focus);
        return;
    case TK_ENTER:
        if (!f) {
            next_step(app);
        } else if (f->block->kind == LESSON_ACTION && !f->block->action->ninputs) {
            tui_lesson_run_panel(app, L->focus);
        } else if (f->block->kind == LESSON_EXERCISE && f->ex.solved) {
            tui_set_status(app, TR_OK, "✔ Exercise %d is solved.", f->number);
        } else {
            L->typing = true;
            L->follow = true;
            f->input_cur = 0;
        }
        return;
    default:
        break;
    }
    if (f && starts_typing(key) &&
        (is_open_exercise(f) || (f->block->kind == LESSON_ACTION && f->block->action->ninputs))) {
        L->typing = true;
        L->follow = true;
        if (f->block->kind == LESSON_ACTION) {
            f->input_cur = 0;
            f->inputs[0][0] = '\0';
        }
        type_key(app, f, key);
    }
}

/* In a field, or naming a step after ':': ? and q are keys like others. */
static bool lesson_typing(const tui_app *app)
{
    return app->lesson.typing || app->lesson.jumping;
}

/* An answer typed into a field and not yet checked, in or out of it. */
static bool lesson_unchecked(const tui_app *app)
{
    const tui_lesson *L = &app->lesson;
    for (size_t i = 0; i < L->npanels; i++)
        if (is_open_exercise(&L->panels[i]) && L->panels[i].answer[0] && !L->panels[i].replace)
            return true;
    return false;
}

const tui_screen tui_lesson_screen = {
    .name = "lesson",
    .leave = lesson_leave,
    .draw = lesson_draw,
    .key = lesson_key,
    .typing = lesson_typing,
    .unchecked = lesson_unchecked,
    .help_context = "lesson",
};
