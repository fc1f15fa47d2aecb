/* The workbench's main loop.
 *
 * One loop owns input and resizing: it draws the current screen onto a
 * canvas, shows the canvas, waits for a key (waking every 100 ms while an
 * action runs, to redraw its progress) and hands the key to the screen. The
 * same application runs headless for tests: keys come from a script and the
 * last canvas is printed. Colour is used only when the terminal has it and
 * NO_COLOR is unset (https://no-color.org); every colour also has a glyph. */
#include "tui/app.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "tui/term.h"
#include "tui/tui.h"

void tui_options_default(tui_options *o)
{
    memset(o, 0, sizeof *o);
    o->cols = 100;
    o->rows = 30;
    o->ascii = -1;
}

static bool locale_is_utf8(void)
{
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset && strcmp(codeset, "UTF-8") == 0;
}

void tui_set_status(tui_app *app, tui_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->status, sizeof app->status, fmt, ap);
    va_end(ap);
    app->status_role = role;
}

void tui_transcript(tui_app *app, const char *fmt, ...)
{
    if (!app->transcript)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(app->transcript, fmt, ap);
    va_end(ap);
    fputc('\n', app->transcript);
}

void tui_save_progress(tui_app *app)
{
    lesson_progress *p = &app->progress;
    if (lesson_progress_save(p) == ZK_OK && !p->read_only) {
        if (app->save_warning[0] && strstr(app->status, app->save_warning))
            app->status[0] = '\0';
        app->save_warning[0] = '\0';
        return;
    }
    if (p->read_only && !p->path[0])
        snprintf(app->save_warning, sizeof app->save_warning,
                 "progress is not being saved: HOME is not set");
    else if (p->read_only)
        snprintf(app->save_warning, sizeof app->save_warning,
                 "progress is not being saved: %s could not be read or set aside",
                 p->path);
    else
        snprintf(app->save_warning, sizeof app->save_warning, "cannot save progress to %s: %s",
                 p->path, strerror(errno));
    tui_set_status(app, TR_BAD, "✘ %s", app->save_warning);
}

void tui_switch(tui_app *app, const tui_screen *screen)
{
    if (app->screen == screen)
        return;
    if (app->screen && app->screen->leave)
        app->screen->leave(app);
    app->screen = screen;
    if (screen->enter)
        screen->enter(app);
}

void tui_return_here(tui_return *r, const tui_app *app)
{
    r->screen = app->screen;
    r->lesson = app->screen == &tui_lesson_screen && app->lesson.slot
                    ? app->lesson.slot->doc.number
                    : 0;
}

void tui_return_go(tui_app *app, const tui_return *r)
{
    if (r->screen == &tui_lesson_screen && r->lesson)
        tui_open_lesson(app, r->lesson);
    else if (r->screen && r->screen != &tui_lesson_screen)
        tui_switch(app, r->screen);
    else
        tui_switch(app, &tui_home_screen);
}

void tui_tool_escape(tui_app *app, const void *ctx, const tui_return *back)
{
    if (app->job.active && app->job.ctx == ctx) {
        tui_job_cancel(&app->job);
        tui_set_status(app, TR_LIVE, "● stopping…");
    } else {
        tui_return_go(app, back);
    }
}

static void first_problem(tui_app *app)
{
    for (int i = 0; i < app->catalog.count; i++)
        if (app->catalog.slots[i].error[0]) {
            tui_set_status(app, TR_BAD, "✘ %s", app->catalog.slots[i].error);
            return;
        }
}

zk_err tui_app_open(tui_app **out, const tui_options *o, char *why, size_t why_len)
{
    *out = NULL;
    tui_app *app = zk_calloc(1, sizeof *app);
    if (!app)
        return ZK_ENOMEM;
    app->opt = *o;
    app->ascii = o->ascii >= 0 ? o->ascii == 1 : !locale_is_utf8();
    app->cols = o->cols;
    app->rows = o->rows;
    app->cursor_x = app->cursor_y = -1;
    tui_job_init(&app->job);
    zk_err err = viz_canvas_init(&app->canvas, app->cols, app->rows, app->ascii);
    if (!err && o->transcript && !(app->transcript = fopen(o->transcript, "w"))) {
        snprintf(why, why_len, "--transcript %s: %s", o->transcript, strerror(errno));
        err = ZK_EIO;
    }
    char dir[1024];
    if (!err) {
        if (o->lessons_dir)
            snprintf(dir, sizeof dir, "%s", o->lessons_dir);
        else if (lesson_catalog_find_dir(dir, sizeof dir) != ZK_OK) {
            snprintf(why, why_len, "cannot find the lessons directory (run from the zkcave "
                                   "directory or set ZKCAVE_LESSONS)");
            err = ZK_EIO;
        }
    }
    if (!err && lesson_catalog_open(&app->catalog, dir) != ZK_OK) {
        snprintf(why, why_len, "cannot read lessons from %s", dir);
        err = ZK_EIO;
    }
    if (err) {
        tui_app_close(app);
        return err;
    }
    first_problem(app);
    char path[4096], note[sizeof app->status];
    if (o->progress_path)
        snprintf(path, sizeof path, "%s", o->progress_path);
    if (!o->progress_path && lesson_progress_default_path(path, sizeof path) != ZK_OK) {
        /* No place for progress: the lessons still work, nothing is saved. */
        app->progress.read_only = true;
        tui_set_status(app, TR_LIVE, "● HOME is not set: progress will not be saved");
    } else {
        lesson_progress_load(&app->progress, path, note, sizeof note);
        if (note[0])
            tui_set_status(app, TR_LIVE, "● %s", note);
    }
    tui_switch(app, &tui_home_screen);
    if (o->lesson) {
        lesson_slot *s = lesson_catalog_slot(&app->catalog, o->lesson);
        if (!s || !s->loaded) {
            if (s && s->path[0])
                snprintf(why, why_len, "lesson %d: %s", o->lesson, s->error);
            else
                snprintf(why, why_len, "lesson %d: no file %02d-*.md in %.200s", o->lesson,
                         o->lesson, app->catalog.dir);
            tui_app_close(app);
            return ZK_EINVAL;
        }
        /* Saved (winning over the file's progress) as the first step shows. */
        if (o->restart && lesson_progress_reset(&app->progress, s->doc.slug) != ZK_OK) {
            snprintf(why, why_len, "out of memory");
            tui_app_close(app);
            return ZK_ENOMEM;
        }
        tui_open_lesson(app, o->lesson);
    }
    *out = app;
    return ZK_OK;
}

void tui_app_close(tui_app *app)
{
    if (!app)
        return;
    if (app->screen && app->screen->leave)
        app->screen->leave(app);
    tui_job_destroy(&app->job);
    tui_mnist_free(app);
    tui_counts_free(app);
    tui_pad_free(app);
    tui_g16lab_free(app);
    tui_circlab_free(app);
    tui_starklab_free(app);
    lesson_catalog_free(&app->catalog);
    lesson_progress_free(&app->progress);
    viz_canvas_free(&app->canvas);
    if (app->transcript)
        fclose(app->transcript);
    zk_free(app);
}

bool tui_app_done(const tui_app *app)
{
    return app->done;
}

static bool too_small(const tui_app *app)
{
    return app->cols < TUI_MIN_COLS || app->rows < TUI_MIN_ROWS;
}

void tui_job_finish(tui_app *app)
{
    if (app->job.on_done)
        app->job.on_done(app);
    else
        tui_lesson_job_done(app);
}

bool tui_run_fn(tui_app *app, zk_err (*fn)(void *ctx, const zk_events *ev), void *ctx,
                void (*done)(tui_app *app))
{
    if (app->job.active) {
        tui_set_status(app, TR_DIM, "Something is running; wait for it or press Esc.");
        return false;
    }
    tui_job_start_fn(&app->job, fn, ctx, done, app->opt.headless);
    if (tui_job_collect(&app->job))
        tui_job_finish(app);
    return true;
}

static void poll_job(tui_app *app)
{
    if (app->job.active && tui_job_collect(&app->job))
        tui_job_finish(app);
}

void tui_app_settle(tui_app *app)
{
    while (app->job.active) {
        tui_job_wait(&app->job);
        tui_job_finish(app);
    }
}

void tui_app_resize(tui_app *app, int cols, int rows)
{
    app->cols = cols > 0 ? cols : 1;
    app->rows = rows > 0 ? rows : 1;
    /* Screens lay out from the size at every draw, so nothing else changes:
     * a screen that was too small comes back exactly as it was. */
    app->lesson.follow = app->lesson.follow || app->lesson.typing;
}

static void handle_key(tui_app *app, int key)
{
    if (app->confirm_quit) {
        app->confirm_quit = false;
        if (key == 'y' || key == 'Y' || key == 'q')
            app->done = true;
        return;
    }
    if (app->help) {
        /* The overlay scrolls when the terminal is too short for it; any
         * other key closes it. */
        if (key == TK_DOWN || key == TK_PGDN || key == ' ')
            app->help_scroll += key == TK_DOWN ? 1 : 10;
        else if (key == TK_UP || key == TK_PGUP)
            app->help_scroll -= key == TK_PGUP ? 10 : 1;
        else
            app->help = false;
        if (app->help_scroll < 0)
            app->help_scroll = 0;
        return;
    }
    if (too_small(app)) {
        if (key == 'q' || key == 'Q')
            app->done = true;
        return;
    }
    bool typing = app->screen->typing && app->screen->typing(app);
    if ((key == '?' && !typing) || key == TK_F1) {
        app->help = true;
        app->help_scroll = 0;
        return;
    }
    if ((key == 'q' || key == 'Q') && !typing && !app->screen->q_back) {
        if (app->screen->unchecked && app->screen->unchecked(app))
            app->confirm_quit = true;
        else
            app->done = true;
        return;
    }
    app->screen->key(app, key);
}

void tui_app_key(tui_app *app, int key)
{
    poll_job(app);
    if (key == TK_TICK) {
        app->frame++;
        return;
    }
    app->status[0] = '\0';
    handle_key(app, key);
    /* Unsaved progress is not news of one moment: its warning comes back
     * after every key, and only another problem covers it, for one key. */
    if (app->save_warning[0] && !(app->status[0] && app->status_role == TR_BAD))
        tui_set_status(app, TR_BAD, "✘ %s", app->save_warning);
}

/* Says on stderr, as the program ends, that progress was not kept; the
 * exit code is 2 then. */
static int report_unsaved(const tui_app *app, int rc)
{
    if (!app->save_warning[0])
        return rc;
    fprintf(stderr, "zkcave: %s\n", app->save_warning);
    return 2;
}

static void draw_too_small(tui_app *app, viz_canvas *c)
{
    char line[160];
    snprintf(line, sizeof line,
             "zkcave needs at least %dx%d; this terminal is %dx%d.\n"
             "Make the window larger, or press q to quit.",
             TUI_MIN_COLS, TUI_MIN_ROWS, app->cols, app->rows);
    int rows = tui_draw_wrapped(NULL, 1, 0, c->w - 2, line, VIZ_PLAIN);
    int y = (c->h - rows) / 2;
    tui_draw_wrapped(c, 1, y < 0 ? 0 : y, c->w - 2, line, VIZ_PLAIN);
}

const viz_canvas *tui_app_render(tui_app *app)
{
    viz_canvas *c = &app->canvas;
    viz_canvas_resize(c, app->cols, app->rows);
    app->cursor_x = app->cursor_y = -1;
    if (too_small(app)) {
        draw_too_small(app, c);
        return c;
    }
    app->screen->draw(app, c);
    if (app->help)
        tui_draw_help(app, c);
    if (app->confirm_quit)
        tui_draw_confirm(app, c);
    if (app->help || app->confirm_quit)
        app->cursor_x = app->cursor_y = -1;
    return c;
}

void tui_app_input(tui_app *app, const tui_input *in)
{
    if (in->key == TK_RESIZE) {
        tui_app_resize(app, in->cols, in->rows);
        return;
    }
    if (in->key == TK_PRINT)   /* run_headless's; nothing to the app */
        return;
    if (in->key == TK_MOUSE_DOWN || in->key == TK_MOUSE_DRAG || in->key == TK_MOUSE_UP) {
        app->mouse_x = in->cols;
        app->mouse_y = in->rows;
    }
    tui_app_key(app, in->key);
}

/* The screen as text on stdout; false when out of memory. */
static bool print_screen(tui_app *app)
{
    char *text = viz_canvas_to_text(tui_app_render(app));
    if (text)
        fputs(text, stdout);
    zk_free(text);
    return text != NULL;
}

static int run_headless(const tui_options *o)
{
    static tui_input inputs[4096];
    size_t n;
    char why[256];
    if (tui_keys_parse(o->keys, inputs, ZK_ARRAY_LEN(inputs), &n, why, sizeof why) != ZK_OK) {
        fprintf(stderr, "zkcave: --keys: %s\n", why);
        return 2;
    }
    tui_app *app;
    if (tui_app_open(&app, o, why, sizeof why) != ZK_OK) {
        fprintf(stderr, "zkcave: %s\n", why);
        return 2;
    }
    for (size_t i = 0; i < n && !tui_app_done(app); i++) {
        if (inputs[i].key == TK_PRINT) {
            print_screen(app);
            fputs("\f\n", stdout);
            continue;
        }
        tui_app_input(app, &inputs[i]);
        tui_app_settle(app);
    }
    bool printed = print_screen(app);
    int rc = report_unsaved(app, printed ? 0 : 2);
    tui_app_close(app);
    return rc;
}

static int run_terminal(const tui_options *o)
{
    setlocale(LC_ALL, "");   /* ncursesw needs it before newterm */
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("zkcave: the workbench needs a terminal; for commands see 'zkcave help'\n", stderr);
        return 2;
    }
    tui_app *app;
    char why[256];
    if (tui_app_open(&app, o, why, sizeof why) != ZK_OK) {
        fprintf(stderr, "zkcave: %s\n", why);
        return 2;
    }
    const char *no_color = getenv("NO_COLOR");
    if (tui_term_open(!(no_color && *no_color), why, sizeof why) != ZK_OK) {
        tui_app_close(app);
        fprintf(stderr, "zkcave: %s\n", why);
        return 2;
    }
    int cols, rows;
    tui_term_size(&cols, &rows);
    tui_app_resize(app, cols, rows);
    while (!tui_app_done(app)) {
        const viz_canvas *c = tui_app_render(app);
        tui_term_present(c, app->cursor_x, app->cursor_y);
        tui_term_mouse(app->screen->mouse);
        tui_input in = {tui_term_key(app->job.active ? 100 : -1), 0, 0};
        if (in.key == TK_RESIZE)
            tui_term_size(&in.cols, &in.rows);
        else if (in.key >= TK_MOUSE_DOWN && in.key <= TK_MOUSE_UP)
            tui_term_mouse_at(&in.cols, &in.rows);
        tui_app_input(app, &in);
    }
    tui_term_close();
    int rc = report_unsaved(app, 0);
    tui_app_close(app);
    return rc;
}

int tui_run(const tui_options *o)
{
    return o->headless ? run_headless(o) : run_terminal(o);
}

int tui_main(void)
{
    tui_options o;
    tui_options_default(&o);
    return tui_run(&o);
}
