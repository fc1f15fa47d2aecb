/* The map: the curriculum in three parts, each lesson marked done (✔), in
 * progress (▶), not started (·) or not written yet (dim), the progress over
 * the lessons that exist, and where to go on. The map promises nothing that
 * is not there: a lesson or tool not written yet is said to be so. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"
#include "viz/text.h"

/* The map's columns are the catalog's parts, from the lessons' front matter. */
static int part_rows(const tui_app *app, int p)
{
    int n = app->catalog.part_count[p];
    return n < LESSON_PART_ROWS ? n : LESSON_PART_ROWS;
}

static int selected(const tui_app *app)
{
    return app->catalog.nparts ? app->catalog.part_first[app->home.part] + app->home.row : 0;
}

static void select_lesson(tui_app *app, int number)
{
    const lesson_catalog *c = &app->catalog;
    for (int p = 0; p < c->nparts; p++)
        if (number >= c->part_first[p] && number < c->part_first[p] + part_rows(app, p)) {
            app->home.part = p;
            app->home.row = number - c->part_first[p];
        }
}

static void home_enter(tui_app *app)
{
    int next = lesson_catalog_next(&app->catalog, &app->progress);
    if (next)
        select_lesson(app, next);
}

static void add_attr(viz_canvas *c, int x, int y, int w, uint8_t attr)
{
    for (int i = x; i < x + w; i++) {
        viz_cell *cell = viz_canvas_at(c, i, y);
        if (cell)
            cell->attr |= attr;
    }
}

static int lessons_done(const tui_app *app)
{
    int done = 0;
    for (int i = 0; i < app->catalog.count; i++)
        done += lesson_slot_status(&app->catalog.slots[i], &app->progress) == LESSON_DONE;
    return done;
}

/* Numbers below the last lesson's with no file in the lessons directory. */
static int lessons_unwritten(const tui_app *app)
{
    int n = 0;
    for (int i = 0; i < app->catalog.count; i++)
        n += lesson_slot_status(&app->catalog.slots[i], &app->progress) == LESSON_MISSING;
    return n;
}

static void draw_header(tui_app *app, viz_canvas *c)
{
    viz_canvas_text(c, 1, 0, c->w - 1, "zkcave — zero knowledge, by running it",
                    tui_style(TR_TITLE));
    /* Progress counts the lessons that exist, so it can complete; the ones
     * still to be written are said apart. */
    int done = lessons_done(app), unwritten = lessons_unwritten(app);
    int written = app->catalog.count - unwritten;
    char count[48];
    int cw = snprintf(count, sizeof count, " %d/%d", done, written);
    char rest[32] = "";
    int rw = unwritten ? snprintf(rest, sizeof rest, ", %d unwritten", unwritten) : 0;
    int bar = c->w - 1 - cw - rw - 9 - 40;   /* the title keeps its 40 columns */
    bar = bar > 14 ? 14 : bar < 6 ? 6 : bar;
    int x = c->w - 1 - cw - rw - bar - 9;
    viz_canvas_text(c, x, 0, 9, "progress ", tui_style(TR_DIM));
    tui_draw_bar(c, x + 9, 0, bar, written ? (double)done / written : 0, TR_OK);
    viz_canvas_text(c, x + 9 + bar, 0, cw, count, VIZ_PLAIN);
    viz_canvas_text(c, x + 9 + bar + cw, 0, rw, rest, tui_style(TR_DIM));
    tui_draw_rule(c, 1);
}

static void draw_entry(tui_app *app, viz_canvas *c, int x, int y, int w, int number)
{
    const lesson_slot *s = lesson_catalog_slot(&app->catalog, number);
    lesson_status st = lesson_slot_status(s, &app->progress);
    static const char *const marks[] = {"·", "✘", "·", "▶", "✔"};
    static const tui_role roles[] = {TR_DIM, TR_BAD, TR_TEXT, TR_LIVE, TR_OK};
    viz_canvas_put(c, x, y, marks[st], tui_style(roles[st]));
    const char *title = st == LESSON_MISSING ? "(no file)" : s->info.title;
    if (s->loaded && (int)viz_text_width(s->doc.title, strlen(s->doc.title), c->ascii) <= w - 6)
        title = s->doc.title;
    char text[96];
    snprintf(text, sizeof text, "%02d %s", number, title);
    viz_style ts = st == LESSON_MISSING ? tui_style(TR_DIM) : VIZ_PLAIN;
    int tw = viz_canvas_text_fit(c, x + 2, y, w - 3, text, ts);
    if (st == LESSON_STARTED) {
        const lesson_progress_entry *e =
            lesson_progress_entry_get(&app->progress, s->doc.slug, false);
        char extra[32];
        snprintf(extra, sizeof extra, "%d/%zu", e ? e->seen : 0, s->doc.nsteps);
        int ew = (int)strlen(extra);
        if (2 + tw + 2 + ew <= w - 1)
            viz_canvas_text(c, x + w - 1 - ew, y, ew, extra, tui_style(TR_DIM));
    }
    if (number == selected(app))
        add_attr(c, x, y, w - 1, VIZ_REVERSE);
}

static void draw_continue(tui_app *app, viz_canvas *c, int y)
{
    char text[320];
    int next = lesson_catalog_next(&app->catalog, &app->progress);
    const lesson_slot *s = lesson_catalog_slot(&app->catalog, next);
    bool any = false;
    for (int i = 0; i < app->catalog.count; i++)
        any |= app->catalog.slots[i].loaded;
    if (!any) {
        snprintf(text, sizeof text, "No lessons found in %s", app->catalog.dir);
    } else if (!s) {
        int unwritten = lessons_unwritten(app);
        if (unwritten)
            snprintf(text, sizeof text, "Every lesson written so far is done; %d of the %d are "
                     "not written yet.", unwritten, app->catalog.count);
        else
            snprintf(text, sizeof text, "Every lesson is done.");
    } else {
        const lesson_progress_entry *e =
            lesson_progress_entry_get(&app->progress, s->doc.slug, false);
        if (e && e->seen > 0) {
            size_t step = (size_t)e->step < s->doc.nsteps ? (size_t)e->step : 0;
            snprintf(text, sizeof text, "%02d %s — step %zu of %zu: \"%s\"", next, s->doc.title,
                     step + 1, s->doc.nsteps, s->doc.steps[step].title);
        } else {
            snprintf(text, sizeof text, "Start with %02d %s — %s", next, s->doc.title,
                     s->info.summary);
        }
    }
    int w = c->w - 4;
    viz_canvas_box(c, 2, y, w, 3, s ? "Continue" : "Lessons", tui_style(TR_DIM));
    int kw = s ? 9 : 0;
    viz_canvas_text_fit(c, 4, y + 1, w - 5 - kw, text, VIZ_PLAIN);
    if (s)
        viz_canvas_text(c, 2 + w - 2 - kw, y + 1, kw, "[Space]", tui_style(TR_KEY));
}

static void draw_description(tui_app *app, viz_canvas *c, int y)
{
    const lesson_slot *s = lesson_catalog_slot(&app->catalog, selected(app));
    char text[400];
    lesson_status st = s ? lesson_slot_status(s, &app->progress) : LESSON_MISSING;
    if (!s)
        snprintf(text, sizeof text, "No lessons.");
    else if (st == LESSON_MISSING)
        snprintf(text, sizeof text, "%02d — not written yet (no file %02d-*.md in %s)",
                 s->info.number, s->info.number, app->catalog.dir);
    else if (st == LESSON_BROKEN)
        snprintf(text, sizeof text, "%02d cannot be opened: %s", s->info.number, s->error);
    else
        snprintf(text, sizeof text, "%02d %s — %s  (%zu steps, %zu of %zu exercises solved)",
                 s->info.number, s->doc.title, s->info.summary, s->doc.nsteps,
                 lesson_slot_solved(s, &app->progress), s->doc.nexercises);
    viz_style ts = st == LESSON_BROKEN ? tui_style(TR_BAD) : VIZ_PLAIN;
    int rows = tui_draw_wrapped(NULL, 3, y, c->w - 5, text, ts);
    if (rows > 2)
        viz_canvas_text_fit(c, 3, y, c->w - 5, text, ts);
    else
        tui_draw_wrapped(c, 3, y, c->w - 5, text, ts);
}

static void home_draw(tui_app *app, viz_canvas *c)
{
    draw_header(app, c);
    const lesson_catalog *cat = &app->catalog;
    int colw = (c->w - 2) / (cat->nparts ? cat->nparts : 1);
    /* "PART 2  PROVING COMPUTATION", or for all three "2  PROVING
     * COMPUTATION" when a column is too narrow for that (80 columns). */
    bool short_heads = false;
    for (int p = 0; p < cat->nparts; p++)
        short_heads |= (int)strlen(cat->parts[p]) + 8 > colw - 1;
    for (int p = 0; p < cat->nparts; p++) {
        int x = 1 + p * colw;
        char head[64];
        snprintf(head, sizeof head, "%s%d  %s", short_heads ? "" : "PART ", p + 1,
                 cat->parts[p]);
        viz_canvas_text_fit(c, x, 3, colw - 1, head, tui_style(TR_STRONG));
        for (int r = 0; r < part_rows(app, p); r++)
            draw_entry(app, c, x, 4 + r, colw, cat->part_first[p] + r);
    }
    draw_description(app, c, 14);
    draw_continue(app, c, 16);
    viz_canvas_text(c, 3, 19, c->w - 3, "Tools", tui_style(TR_STRONG));
    viz_canvas_text_fit(c, 10, 19, c->w - 11,
                        "c circuits · g Groth16 · s STARK · m MNIST · d draw · v counts",
                        tui_style(TR_DIM));
    if (app->status[0])
        viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, app->status, tui_style(app->status_role));
    tui_draw_rule(c, c->h - 2);
    const char *const keys[] = {c->ascii ? "arrows" : "↑↓←→", "move", "Enter", "open",
                                "Space", "continue", "r", "reset", "?", "help", "q", "quit"};
    tui_draw_keys(c, c->h - 1, keys, ZK_ARRAY_LEN(keys));
    int n = app->home.confirm_reset;
    if (n) {
        const lesson_slot *s = lesson_catalog_slot(&app->catalog, n);
        char title[40], line[120];
        snprintf(title, sizeof title, "Reset progress of lesson %02d?", n);
        snprintf(line, sizeof line, "%s: %zu of %zu exercises solved.", s->doc.title,
                 lesson_slot_solved(s, &app->progress), s->doc.nexercises);
        tui_draw_ask(c, title, line, "It opens at its first step, exercises unsolved.", "reset",
                     "keep it (any other key)");
    }
}

/* While the reset question is open every key answers it (? and q too). */
static bool home_asking(const tui_app *app)
{
    return app->home.confirm_reset != 0;
}

/* r on the map: asks before clearing the selected lesson's progress. */
static void ask_reset(tui_app *app)
{
    int n = selected(app);
    const lesson_slot *s = lesson_catalog_slot(&app->catalog, n);
    if (!s || !s->loaded)
        tui_set_status(app, TR_DIM, "Lesson %02d has no progress to reset.", n);
    else if (!lesson_progress_entry_get(&app->progress, s->doc.slug, false))
        tui_set_status(app, TR_DIM, "Lesson %02d is not started: nothing to reset.", n);
    else
        app->home.confirm_reset = n;
}

/* The answer to ask_reset's question: only y resets. */
static void answer_reset(tui_app *app, int key)
{
    int n = app->home.confirm_reset;
    app->home.confirm_reset = 0;
    if (key != 'y' && key != 'Y') {
        tui_set_status(app, TR_DIM, "Lesson %02d keeps its progress.", n);
        return;
    }
    const lesson_slot *s = lesson_catalog_slot(&app->catalog, n);
    if (lesson_progress_reset(&app->progress, s->doc.slug) != ZK_OK) {
        tui_set_status(app, TR_BAD, "✘ out of memory; nothing was reset");
        return;
    }
    tui_set_status(app, TR_OK, "✔ Lesson %02d starts afresh.", n);
    tui_save_progress(app);
}

static void home_key(tui_app *app, int key)
{
    tui_home *h = &app->home;
    if (h->confirm_reset) {
        answer_reset(app, key);
        return;
    }
    switch (key) {
    case TK_UP:
    case 'k':
        if (h->row > 0)
            h->row--;
        break;
    case TK_DOWN:
    case 'j':
        if (h->row < part_rows(app, h->part) - 1)
            h->row++;
        break;
    case TK_LEFT:
    case 'h':
    case TK_RIGHT:
    case 'l': {
        int dir = key == TK_LEFT || key == 'h' ? -1 : 1, n = app->catalog.nparts;
        if (!n)
            break;
        h->part = (h->part + dir + n) % n;
        if (h->row >= part_rows(app, h->part))
            h->row = part_rows(app, h->part) - 1;
        break;
    }
    case TK_HOME:
        h->row = 0;
        break;
    case TK_END:
        h->row = part_rows(app, h->part) > 0 ? part_rows(app, h->part) - 1 : 0;
        break;
    case TK_ENTER:
        tui_open_lesson(app, selected(app));
        break;
    case ' ': {
        int next = lesson_catalog_next(&app->catalog, &app->progress);
        if (next)
            tui_open_lesson(app, next);
        else
            tui_set_status(app, TR_OK, "✔ Every lesson here is done.");
        break;
    }
    case 'r':
        ask_reset(app);
        break;
    case 'm':
        tui_open_mnist(app);
        break;
    case 'v':
        tui_open_counts(app);
        break;
    case 'd':
        tui_open_pad(app);
        break;
    case 'g':
        tui_open_g16lab(app);
        break;
    case 'c':
        tui_open_circlab(app);
        break;
    case 's':
        tui_open_starklab(app);
        break;
    default:
        break;
    }
}

const tui_screen tui_home_screen = {
    .name = "home",
    .enter = home_enter,
    .draw = home_draw,
    .key = home_key,
    .typing = home_asking,
    .help_context = "map",
};
