/* Draw a digit (the `d` tool): a 28×28 pad, the digit the CNN reads from
 * it, and the float and quantized predictions, updated as the ink changes.
 * The engine is lesson/digit_pad.h; this file draws it and maps keys and
 * the mouse.
 *
 * Each terminal cell shows two pixels of the pad, one above the other
 * (▀ ▄ █), so the 28×28 sheet takes 28 columns and 14 rows and looks
 * square. The pen: arrows move it, Space puts it down or lifts it (down, it
 * draws as it moves); with a mouse, press and drag. c clears, Tab loads the
 * next bundled digit, o any PNG, w saves the page as a PNG, and p proves
 * the digit with the shipped settings (the whole CNN) through the pipeline
 * `zkcave mnist prove` uses (lesson/zkml_prove.h), on a worker thread, with
 * the phases and the time left on screen. */
#include <dirent.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/file.h"
#include "lesson/digit_pad.h"
#include "lesson/zkml_prove.h"
#include "lesson/mnist_views.h"
#include "nn/model_file.h"
#include "tui/tui.h"
#include "viz/heatmap.h"
#include "viz/text.h"

enum { PAD_X = 1, PAD_Y = 2, PAD_W = NN_SIDE + 2, PAD_H = NN_SIDE / 2 + 2, MAX_DIGITS = 64 };

struct tui_pad {
    lesson_zkml z;
    lesson_pad p;
    bool mouse_down;
    int last_x, last_y;          /* pixel of the last mouse event while held */
    char *digits[MAX_DIGITS];    /* bundled digits, sorted */
    size_t ndigits, next_digit;
    char digits_dir[700];
    bool typing;                 /* a PNG path after o */
    char path[800];
    tui_return back;
    /* proving: the worker reads only img and z, and writes proof, why and
     * the atomics; the screen reads the rest once the job is collected */
    uint8_t img[NN_PIXELS];      /* the digit as it was when p was pressed */
    lesson_zkml_proof proof;
    bool have_proof, proving;
    zk_err prove_err;
    char why[600];
    atomic_int top;              /* the pipeline's phase: 0 none, 1 compile .. 4 prove */
    double top_t0, t0;           /* when it and the whole proof began (screen's clock) */
    char sub[48];                /* the engine's phase last seen, and since when */
    double sub_t0;
    int shown_top;
};

static const char *const top_names[5] = {"", "compile", "setup", "witness", "prove"};

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_digits(tui_pad *t)
{
    if (nn_asset_path(t->digits_dir, sizeof t->digits_dir, "digits") != ZK_OK)
        return;
    DIR *d = opendir(t->digits_dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && t->ndigits < MAX_DIGITS) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".png") == 0 &&
            (t->digits[t->ndigits] = zk_alloc(n + 1, 1)))
            memcpy(t->digits[t->ndigits++], e->d_name, n + 1);
    }
    if (d)
        closedir(d);
    qsort(t->digits, t->ndigits, sizeof *t->digits, cmp_names);
}

static void update(tui_app *app)
{
    tui_pad *t = app->pad;
    zk_err err = lesson_pad_update(&t->p, &t->z);
    if (err)
        tui_set_status(app, TR_BAD, "✘ cannot read the pad: %s", zk_strerror(err));
}

void tui_open_pad(tui_app *app)
{
    if (!app->pad) {
        tui_pad *t = zk_calloc(1, sizeof *t);
        char why[300] = "";
        if (!t || lesson_pad_init(&t->p) != ZK_OK) {
            zk_free(t);
            tui_set_status(app, TR_BAD, "✘ out of memory");
            return;
        }
        if (lesson_zkml_open(&t->z, why, sizeof why) != ZK_OK) {
            lesson_pad_free(&t->p);
            zk_free(t);
            tui_set_status(app, TR_BAD, "✘ drawing pad: %s", why);
            return;
        }
        list_digits(t);
        app->pad = t;
    }
    tui_return_here(&app->pad->back, app);
    tui_switch(app, &tui_pad_screen);
}

void tui_pad_free(tui_app *app)
{
    tui_pad *t = app->pad;
    if (!t)
        return;
    if (app->job.active && app->job.ctx == t) {
        tui_job_cancel(&app->job);
        tui_job_wait(&app->job);
    }
    lesson_zkml_proof_free(&t->proof);
    for (size_t i = 0; i < t->ndigits; i++)
        zk_free(t->digits[i]);
    lesson_pad_free(&t->p);
    lesson_zkml_close(&t->z);
    zk_free(t);
    app->pad = NULL;
}

/* ---- proving ---- */

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct prove_sink {
    tui_pad *t;
    const zk_events *next;
} prove_sink;

/* Notes which of the pipeline's phases is under way, then passes the
 * event on to the job (which keeps the engine's phase and progress). */
static bool on_prove_event(void *user, const zk_event *ev)
{
    prove_sink *ps = user;
    if (ev->kind == ZK_EV_BEGIN && ev->phase)
        for (int i = 1; i < 5; i++)
            if (strncmp(ev->phase, "pipeline_", 9) == 0 && !strcmp(ev->phase + 9, top_names[i]))
                atomic_store(&ps->t->top, i);
    return zk_emit_data(ps->next, ev) == ZK_OK;
}

static zk_err prove_work(void *ctx, const zk_events *ev)
{
    tui_pad *t = ctx;
    prove_sink ps = {t, ev};
    zk_events sink = {on_prove_event, &ps};
    /* the circuit of the settings the app ships: the whole CNN */
    lesson_zkml_target target = {t->z.settings.params, t->z.settings.first_layer, NULL};
    t->why[0] = '\0';
    t->prove_err = lesson_zkml_prove(&t->proof, &t->z, &target, t->img, &sink, t->why,
                                     sizeof t->why);
    return t->prove_err;
}

static void prove_done(tui_app *app)
{
    tui_pad *t = app->pad;
    if (!t)
        return;
    t->proving = false;
    atomic_store(&t->top, 0);
    t->have_proof = t->prove_err == ZK_OK;
    if (t->prove_err == ZK_ECANCELLED)
        tui_set_status(app, TR_DIM, "Proving stopped; nothing was written.");
    else if (t->prove_err)
        tui_set_status(app, TR_BAD, "✘ no proof: %s", t->why[0] ? t->why : "an error");
}

static void prove(tui_app *app)
{
    tui_pad *t = app->pad;
    if (!t->p.has_digit) {
        tui_set_status(app, TR_DIM, "Draw a digit first.");
        return;
    }
    if (t->p.cmp->qerr != ZK_OK) {
        tui_set_status(app, TR_BAD, "✘ this drawing overflows the quantized CNN: no circuit "
                       "can prove it");
        return;
    }
    lesson_zkml_proof_free(&t->proof);
    t->have_proof = false;
    memcpy(t->img, t->p.img, sizeof t->img);
    t->proving = true;
    t->t0 = t->top_t0 = t->sub_t0 = seconds_now();
    t->shown_top = 0;
    t->sub[0] = '\0';
    atomic_store(&t->top, 0);
    if (!tui_run_fn(app, prove_work, t, prove_done))
        t->proving = false;
}

/* "1:05" */
static void clock_str(char *out, size_t len, double s)
{
    int v = s < 0 ? 0 : (int)(s + 0.5);
    snprintf(out, len, "%d:%02d", v / 60, v % 60);
}

/* Two lines while proving: the pipeline's phase with its elapsed time, the
 * engine's step with a bar and the time it has left. */
static void draw_proving(tui_app *app, viz_canvas *c, int y)
{
    tui_pad *t = app->pad;
    char phase[48], line[200], a[16], b[16];
    uint64_t done, total;
    tui_job_progress(&app->job, phase, sizeof phase, &done, &total);
    double now = seconds_now();
    int top = atomic_load(&t->top);
    if (top != t->shown_top) {
        t->shown_top = top;
        t->top_t0 = now;
    }
    if (strcmp(phase, t->sub) != 0) {
        snprintf(t->sub, sizeof t->sub, "%s", phase);
        t->sub_t0 = now;
    }
    clock_str(a, sizeof a, now - t->t0);
    int first = t->z.settings.first_layer;
    snprintf(line, sizeof line, "%s proving %s%s: %s%s  (%s so far; Esc stops)",
             tui_spinner(app), first ? "from " : "the whole CNN", first ? nn_layers[first].name : "",
             top ? top_names[top] : "starting",
             top == 2 ? ", once for this circuit: minutes" : "", a);
    viz_canvas_text_fit(c, 1, y, c->w - 2, line, tui_style(TR_LIVE));
    int x = 3 + viz_canvas_text_fit(c, 3, y + 1, 24, phase, tui_style(TR_DIM)) + 1;
    if (total) {
        double f = (double)done / (double)total;
        tui_draw_bar(c, x, y + 1, 20, f, TR_LIVE);
        x += 21;
        snprintf(line, sizeof line, "%3.0f%%", 100 * f);
        if (f > 0.02) {
            clock_str(b, sizeof b, (now - t->sub_t0) * (1 - f) / f);
            snprintf(line, sizeof line, "%3.0f%%, this step ~%s left", 100 * f, b);
        }
        viz_canvas_text_fit(c, x, y + 1, c->w - x - 1, line, tui_style(TR_LIVE));
    }
}

static void draw_proof(tui_app *app, viz_canvas *c, int y)
{
    tui_pad *t = app->pad;
    const lesson_zkml_proof *pf = &t->proof;
    char line[600], h[40];
    snprintf(line, sizeof line, "✔ verified with the pinned key: class %d · model hash %s",
             pf->pr.stmt.cls, lesson_zkml_hash_str(h, sizeof h, &pf->pr.stmt.model_hash));
    viz_canvas_text_fit(c, 1, y, c->w - 2, line, tui_style(TR_OK));
    /* the directory's tail names the circuit */
    int at = 1;
    snprintf(line, sizeof line, "  prove %.1f s%s · proof.json etc. in ", pf->prove_s,
             pf->key_made ? " after setup" : "");
    at += viz_canvas_text(c, at, y + 1, c->w - 1 - at, line, tui_style(TR_DIM));
    tui_draw_tail(c, at, y + 1, c->w - 1 - at, pf->dir, tui_style(TR_DIM));
}

/* ---- drawing ---- */

static void draw_pad(tui_app *app, viz_canvas *c)
{
    tui_pad *t = app->pad;
    const lesson_pad *p = &t->p;
    viz_canvas_box(c, PAD_X, PAD_Y, PAD_W, PAD_H, "pad 28×28", tui_style(TR_DIM));
    static const char *const glyph[4] = {" ", "▀", "▄", "█"};
    for (int cy = 0; cy < NN_SIDE / 2; cy++)
        for (int x = 0; x < NN_SIDE; x++) {
            uint8_t top = p->ink[2 * cy * NN_SIDE + x], bot = p->ink[(2 * cy + 1) * NN_SIDE + x];
            int g = (top >= 64) | (bot >= 64) << 1;
            bool faint = (top > bot ? top : bot) < 192;
            viz_canvas_put(c, PAD_X + 1 + x, PAD_Y + 1 + cy, glyph[g],
                           faint ? tui_style(TR_DIM) : VIZ_PLAIN);
        }
    /* the pen: its cell reversed, and a mark when it is down */
    viz_cell *cell = viz_canvas_at(c, PAD_X + 1 + p->x, PAD_Y + 1 + p->y / 2);
    if (cell) {
        if (!strcmp(cell->glyph, " "))
            snprintf(cell->glyph, sizeof cell->glyph, "%s", p->pen ? "●" : "+");
        cell->attr |= VIZ_REVERSE;
        cell->fg = p->pen ? VIZ_YELLOW : VIZ_DEFAULT;
    }
}

static void draw_digit(tui_app *app, viz_canvas *c, int x)
{
    tui_pad *t = app->pad;
    viz_canvas_box(c, x, PAD_Y, PAD_W, PAD_H, "what the CNN reads", tui_style(TR_DIM));
    if (!t->p.has_digit) {
        tui_draw_wrapped(c, x + 2, PAD_Y + 5, PAD_W - 4, "Nothing to read yet: draw a digit.",
                         VIZ_PLAIN);
        return;
    }
    viz_heatmap hm;
    if (lesson_mnist_digit_map(&hm, t->p.img) == ZK_OK) {
        hm.title[0] = '\0';
        viz_heatmap_draw(c, x + 1, PAD_Y + 1, NN_SIDE, NN_SIDE / 2, &hm);
        viz_heatmap_free(&hm);
    }
}

static void draw_prediction(tui_app *app, viz_canvas *c, int x)
{
    tui_pad *t = app->pad;
    int w = c->w - x - 1;
    viz_canvas_text_fit(c, x, PAD_Y, w, "class  float", tui_style(TR_STRONG));
    if (!t->p.has_digit)
        return;
    const nn_comparison *cmp = t->p.cmp;
    double zf[NN_CLASSES], pf[NN_CLASSES];
    for (int k = 0; k < NN_CLASSES; k++)
        zf[k] = cmp->z[k];
    lesson_mnist_softmax(pf, zf, NN_CLASSES);
    int bar = w - 10 > 12 ? 12 : w - 10;
    for (int k = 0; k < NN_CLASSES; k++) {
        int y = PAD_Y + 1 + k;
        bool top = k == cmp->fpred;
        char head[16];
        snprintf(head, sizeof head, "  %d", k);
        viz_canvas_text(c, x, y, 4, head, top ? tui_style(TR_STRONG) : VIZ_PLAIN);
        int n = (int)lround(pf[k] * bar);
        viz_canvas_fill(c, x + 5, y, n, 1, "█", top ? tui_style(TR_OK) : tui_style(TR_DIM));
        if (!n)
            viz_canvas_put(c, x + 5, y, "▏", tui_style(TR_DIM));
        char pct[8];
        snprintf(pct, sizeof pct, "%3.0f%%", 100 * pf[k]);
        viz_canvas_text(c, x + 6 + bar, y, 4, pct, VIZ_PLAIN);
    }
    char line[120];
    int y = PAD_Y + NN_CLASSES + 2;
    if (cmp->qerr != ZK_OK) {
        snprintf(line, sizeof line, "✘ float %d; quantized overflowed", cmp->fpred);
        viz_canvas_text_fit(c, x, y, w, line, tui_style(TR_BAD));
        return;
    }
    bool agree = cmp->fpred == cmp->qpred;
    snprintf(line, sizeof line, "%s float %d", agree ? "✔" : "✘", cmp->fpred);
    viz_canvas_text_fit(c, x, y, w, line, tui_style(agree ? TR_OK : TR_BAD));
    snprintf(line, sizeof line, "  quantized %d", cmp->qpred);
    viz_canvas_text_fit(c, x, y + 1, w, line, tui_style(agree ? TR_OK : TR_BAD));
}

static void draw_info(tui_app *app, viz_canvas *c, int y)
{
    tui_pad *t = app->pad;
    const lesson_pad *p = &t->p;
    char line[800];
    if (p->from_png) {
        const char *tail = ", read as `mnist predict` reads it";
        int w = (int)viz_text_width(tail, strlen(tail), c->ascii);
        int at = 1 + tui_draw_tail(c, 1, y, c->w - 2 - w, p->source, tui_style(TR_DIM));
        viz_canvas_text(c, at, y, c->w - 1 - at, tail, tui_style(TR_DIM));
        return;
    }
    if (p->has_digit)
        snprintf(line, sizeof line, "drawn: its %u×%u box scaled to 20×20 and centred, as "
                 "for a PNG", p->info.box_w, p->info.box_h);
    else
        snprintf(line, sizeof line, "pen at (%d, %d), %s: Space puts it %s", p->x, p->y,
                 p->pen ? "down" : "up", p->pen ? "up" : "down");
    viz_canvas_text_fit(c, 1, y, c->w - 2, line, tui_style(TR_DIM));
}

static void pad_draw(tui_app *app, viz_canvas *c)
{
    tui_pad *t = app->pad;
    char right[64] = "";
    if (t->p.has_digit && t->p.cmp->qerr == ZK_OK)
        snprintf(right, sizeof right, "prediction %d", t->p.cmp->qpred);
    int rw = (int)viz_text_width(right, strlen(right), c->ascii);
    viz_canvas_text_fit(c, 1, 0, c->w - rw - 4, "Draw a digit ─ the seed CNN reads it as you "
                        "draw", tui_style(TR_TITLE));
    viz_canvas_text(c, c->w - rw - 1, 0, rw, right, tui_style(TR_STRONG));
    tui_draw_rule(c, 1);
    draw_pad(app, c);
    draw_digit(app, c, PAD_X + PAD_W + 1);
    draw_prediction(app, c, PAD_X + 2 * PAD_W + 3);
    draw_info(app, c, PAD_Y + PAD_H);
    if (t->proving && app->job.active && app->job.ctx == t)
        draw_proving(app, c, PAD_Y + PAD_H + 1);
    else if (t->have_proof)
        draw_proof(app, c, PAD_Y + PAD_H + 1);
    const char *const keys[] = {c->ascii ? "arrows" : "↑↓←→", "pen", "Space", "pen down/up",
                                "c", "clear", "Tab", "digit", "o", "open PNG",
                                "p", "prove", "w", "save PNG", "Esc", "back", "?", "help",
                                "q", "quit"};
    tui_draw_path_footer(app, c, t->typing ? t->path : NULL, keys, ZK_ARRAY_LEN(keys));
}

/* ---- keys ---- */

static void load(tui_app *app, const char *path)
{
    tui_pad *t = app->pad;
    char why[800];
    if (lesson_pad_load_png(&t->p, &t->z, path, why, sizeof why) != ZK_OK)
        tui_set_status(app, TR_BAD, "✘ %s", why);
}

static void path_key(tui_app *app, int key)
{
    tui_pad *t = app->pad;
    int end = tui_line_key(t->path, sizeof t->path, key);
    t->typing = !end;
    if (end == TK_ENTER)
        load(app, t->path);
}

static void save(tui_app *app)
{
    char path[2400];
    if (tui_export_begin(app, path, sizeof path, "zkcave-pad"))
        tui_export_end(app, path, lesson_pad_write_png(&app->pad->p, path), NULL);
}

/* The pad pixel under the mouse; false outside the pad. */
static bool mouse_pixel(const tui_app *app, int *x, int *y)
{
    int cx = app->mouse_x - (PAD_X + 1), cy = app->mouse_y - (PAD_Y + 1);
    if (cx < 0 || cy < 0 || cx >= NN_SIDE || cy >= NN_SIDE / 2)
        return false;
    *x = cx;
    *y = 2 * cy;
    return true;
}

static void mouse_key(tui_app *app, int key)
{
    tui_pad *t = app->pad;
    int x, y;
    if (key == TK_MOUSE_UP) {
        t->mouse_down = false;
        return;
    }
    if (!mouse_pixel(app, &x, &y)) {
        t->mouse_down = key == TK_MOUSE_DRAG && t->mouse_down;
        return;
    }
    /* A cell is two pixels tall: the stroke covers both. */
    if (key == TK_MOUSE_DRAG && t->mouse_down) {
        lesson_pad_stroke(&t->p, t->last_x, t->last_y, x, y);
        lesson_pad_stroke(&t->p, t->last_x, t->last_y + 1, x, y + 1);
    } else {
        lesson_pad_dab(&t->p, x, y);
        lesson_pad_dab(&t->p, x, y + 1);
    }
    t->mouse_down = true;
    t->last_x = x, t->last_y = y;
    t->p.x = x, t->p.y = y;
    update(app);
}

static void pad_key(tui_app *app, int key)
{
    tui_pad *t = app->pad;
    if (t->typing) {
        path_key(app, key);
        return;
    }
    switch (key) {
    case TK_MOUSE_DOWN:
    case TK_MOUSE_DRAG:
    case TK_MOUSE_UP:
        mouse_key(app, key);
        return;
    case TK_LEFT:
    case TK_RIGHT:
    case TK_UP:
    case TK_DOWN:
        lesson_pad_move(&t->p, key == TK_LEFT ? -1 : key == TK_RIGHT ? 1 : 0,
                        key == TK_UP ? -1 : key == TK_DOWN ? 1 : 0);
        if (t->p.pen)
            update(app);
        return;
    case ' ':
        lesson_pad_pen(&t->p, !t->p.pen);
        update(app);
        return;
    case 'c':
        lesson_pad_clear(&t->p);
        update(app);
        return;
    case TK_TAB:
        if (t->ndigits) {
            char path[1500];
            snprintf(path, sizeof path, "%s/%s", t->digits_dir, t->digits[t->next_digit]);
            t->next_digit = (t->next_digit + 1) % t->ndigits;
            load(app, path);
        }
        return;
    case 'o':
        t->typing = true;
        snprintf(t->path, sizeof t->path, "%s/", t->digits_dir[0] ? t->digits_dir : ".");
        return;
    case 'w':
        save(app);
        return;
    case 'p':
    case TK_ENTER:
        prove(app);
        return;
    case 'v':
        tui_open_counts(app);
        return;
    case TK_ESC:
        tui_tool_escape(app, t, &t->back);
        return;
    default:
        return;
    }
}

static bool pad_typing(const tui_app *app)
{
    return app->pad && app->pad->typing;
}

const tui_screen tui_pad_screen = {
    .name = "pad",
    .draw = pad_draw,
    .key = pad_key,
    .typing = pad_typing,
    .help_context = "pad",
    .mouse = true,
};
