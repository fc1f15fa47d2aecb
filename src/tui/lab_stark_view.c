/* The STARK lab (s on the map): an AIR from the registry with its
 * parameters (rows, blowup, queries, grinding, folding, zero knowledge),
 * proven and verified on the job thread; the times, the proof's size, its
 * security as `zkcave stark verify` reports it, the prover's phases and
 * the FRI layers; t flips a bit of the proof and shows the verifier's
 * answer. The engine is lesson/lab.h.
 *
 *   ↑↓          choose a setting;  ←→ change it;  0-9 type a number
 *   Enter       prove and verify
 *   t           flip one bit of the proof (the next place each time)
 *   q Esc       the map (Esc first stops a running proof) */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/zkml_views.h"
#include "tui/tui.h"
#include "viz/text.h"

enum { F_AIR, F_ROWS, F_BITS, F_BLOWUP, F_QUERIES, F_GRINDING, F_FOLDING, F_ZK, FIELDS };
static const char *const field_names[FIELDS] = {"AIR",     "rows",     "bits",    "blowup",
                                                "queries", "grinding", "folding", "zero knowledge"};

struct tui_starklab {
    lesson_lab_stark_config cfg;     /* the settings shown */
    lesson_lab_stark_config ran; /* the settings of the run shown (the worker's while it runs) */
    lesson_lab_stark r;              /* the worker's while a job runs */
    bool have;                /* r holds a finished run */
    int field;
    bool typed;               /* a digit was typed into the field since it was chosen */
    char why[LESSON_LAB_WHY_MAX];
    /* the last tampering */
    int tampers;
    size_t tamper_at;
    int tamper_exit;
    char tamper_why[LESSON_LAB_WHY_MAX];
    tui_return back;
};

static zk_err work(void *ctx, const zk_events *ev)
{
    tui_starklab *t = ctx;
    t->why[0] = '\0';
    return lesson_lab_stark_run(&t->r, &t->ran, ev, t->why, sizeof t->why);
}

static void done(tui_app *app)
{
    tui_starklab *t = app->starklab;
    if (!t)
        return;
    zk_err err = app->job.err;
    t->have = !err;
    t->tampers = 0;
    if (err == ZK_ECANCELLED)
        tui_lab_status(app, &tui_starklab_screen, TR_DIM, "Stopped; nothing was proven.");
    else if (err)
        tui_lab_status(app, &tui_starklab_screen, TR_BAD, "✘ %s", t->why);
    else if (t->r.valid)
        tui_lab_status(app, &tui_starklab_screen, TR_OK,
                       "✔ valid; t flips a bit of the proof and verifies again");
    else
        tui_lab_status(app, &tui_starklab_screen, TR_BAD, "✘ %s", t->r.why);
}

void tui_open_starklab(tui_app *app)
{
    tui_starklab *t = app->starklab;
    if (!t && (t = app->starklab = tui_lab_alloc(app, sizeof *t)))
        lesson_lab_stark_config_default(&t->cfg);
    if (!t)
        return;
    tui_return_here(&t->back, app);
    tui_switch(app, &tui_starklab_screen);
}

void tui_starklab_free(tui_app *app)
{
    tui_starklab *t = app->starklab;
    if (!t)
        return;
    tui_lab_stop(app, t);
    lesson_lab_stark_free(&t->r);
    zk_free(t);
    app->starklab = NULL;
}

/* ---- drawing ---- */

static void field_value(char *out, size_t cap, const lesson_lab_stark_config *cfg, int f)
{
    const stark_options *o = &cfg->opt;
    switch (f) {
    case F_AIR:
        snprintf(out, cap, "%s", stark_air_names[cfg->air]);
        break;
    case F_ROWS:
        snprintf(out, cap, "%llu", (unsigned long long)cfg->rows);
        break;
    case F_BITS:
        snprintf(out, cap, "%u", cfg->bits);
        break;
    case F_BLOWUP:
        snprintf(out, cap, "%u", 1u << o->log_blowup);
        break;
    case F_QUERIES:
        snprintf(out, cap, "%u", o->queries);
        break;
    case F_GRINDING:
        snprintf(out, cap, "%u bits", o->grinding);
        break;
    case F_FOLDING:
        snprintf(out, cap, "%u", 1u << o->log_folding);
        break;
    default:
        snprintf(out, cap, "%s", o->zk ? "on" : "off");
        break;
    }
}

static bool is_range(const lesson_lab_stark_config *cfg)
{
    return strcmp(stark_air_names[cfg->air], "range-check") == 0;
}

static void draw_settings(tui_app *app, viz_canvas *c, int y)
{
    tui_starklab *t = app->starklab;
    viz_canvas_text(c, 1, y++, 36, "settings  ↑↓ choose  ←→ change", tui_style(TR_STRONG));
    for (int f = 0; f < FIELDS; f++, y++) {
        char v[48], shown[64];
        bool on = f == t->field, off = f == F_BITS && !is_range(&t->cfg);
        field_value(v, sizeof v, &t->cfg, f);
        snprintf(shown, sizeof shown, on ? "◂ %s ▸" : "  %s", v);
        viz_canvas_put(c, 1, y, on ? "▸" : " ", tui_style(TR_FOCUS));
        viz_canvas_text(c, 3, y, 15, field_names[f], tui_style(off ? TR_DIM : TR_TEXT));
        viz_canvas_text_fit(c, 18, y, 20, off ? "  (range-check)" : shown,
                            on ? tui_style(TR_SELECT) : tui_style(off ? TR_DIM : TR_CODE));
    }
}

static void draw_summary(tui_app *app, viz_canvas *c, int x, int y)
{
    tui_starklab *t = app->starklab;
    const lesson_lab_stark *r = &t->r;
    int w = c->w - x - 1;
    char line[300], a[32], b[32], n[32];
    viz_canvas_text(c, x, y++, w, "result", tui_style(TR_STRONG));
    if (tui_lab_busy(app, t)) {
        viz_canvas_text_fit(c, x, y, w, "proving on the job thread…", tui_style(TR_LIVE));
        return;
    }
    if (!t->have) {
        viz_canvas_text_fit(c, x, y, w, "Enter proves and verifies", tui_style(TR_DIM));
        return;
    }
    snprintf(line, sizeof line, "%s, %llu rows", stark_air_names[t->ran.air],
             (unsigned long long)t->ran.rows);
    viz_canvas_text_fit(c, x, y++, w, line, VIZ_PLAIN);
    snprintf(line, sizeof line, "prove  %s", tui_lab_seconds(a, sizeof a, r->prove_seconds));
    viz_canvas_text_fit(c, x, y++, w, line, VIZ_PLAIN);
    snprintf(line, sizeof line, "verify %s", tui_lab_seconds(b, sizeof b, r->verify_seconds));
    viz_canvas_text_fit(c, x, y++, w, line, VIZ_PLAIN);
    snprintf(line, sizeof line, "proof  %s bytes", lesson_zkml_commas(n, sizeof n, r->proof_len));
    viz_canvas_text_fit(c, x, y++, w, line, VIZ_PLAIN);
    snprintf(line, sizeof line, "%u bits conjectured (ethSTARK)", r->sec.conjectured);
    viz_canvas_text_fit(c, x, y++, w, line, tui_style(TR_STRONG));
    snprintf(line, sizeof line, "proven %u (UDR) / %u (LDR)", r->sec.proven_udr,
             r->sec.proven_ldr);
    viz_canvas_text_fit(c, x, y++, w, line, VIZ_PLAIN);
    if (r->sec.grinding_dropped)
        snprintf(line, sizeof line, "grinding not counted (queries %u < %u)", r->sec.query_bits,
                 STARK_GRINDING_FLOOR);
    else
        line[0] = '\0';
    viz_canvas_text_fit(c, x, y++, w, line, tui_style(TR_DIM));
    if (!r->valid)
        snprintf(line, sizeof line, "✘ %s", r->why);
    else if (r->min_bits < STARK_MIN_BITS_DEFAULT)
        snprintf(line, sizeof line, "✔ valid with --min-bits %u (exit 0)", r->min_bits);
    else
        snprintf(line, sizeof line, "✔ valid: stark verify exits 0");
    viz_canvas_text_fit(c, x, y, w, line, tui_style(r->valid ? TR_OK : TR_BAD));
}

/* The prover's phases as one line: "trace 0.1 ms · lde 2 ms · …". */
static int draw_phases(tui_app *app, viz_canvas *c, int y)
{
    const lesson_lab_stark *r = &app->starklab->r;
    char line[600] = "phases: ";
    size_t used = strlen(line);
    for (size_t i = 0; i < r->n_phases && used < sizeof line; i++) {
        char d[32];
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s %s", i ? " · " : "",
                                 r->phases[i].name,
                                 tui_lab_seconds(d, sizeof d, r->phases[i].seconds));
    }
    return tui_draw_wrapped(c, 1, y, c->w - 2, line, tui_style(TR_DIM));
}

static int draw_fri(tui_app *app, viz_canvas *c, int y, int bottom)
{
    const lesson_lab_stark *r = &app->starklab->r;
    char line[200];
    snprintf(line, sizeof line, "FRI, folding by %u  layer  points   degree <  Merkle root",
             r->folding);
    viz_canvas_text_fit(c, 1, y++, c->w - 2, line, tui_style(TR_STRONG));
    /* The last row is the remainder's. */
    for (size_t i = 0; i < r->n_layers && y < bottom - 1; i++) {
        if (i + 1 < r->n_layers && y + 2 == bottom) {
            snprintf(line, sizeof line, "%21s… %zu more layers", "", r->n_layers - i);
            viz_canvas_text_fit(c, 1, y++, c->w - 2, line, tui_style(TR_DIM));
            break;
        }
        const lesson_lab_stark_layer *l = &r->layers[i];
        snprintf(line, sizeof line, "%23zu %9zu %10zu  %s…", i, l->points, l->degree, l->root);
        viz_canvas_text_fit(c, 1, y++, c->w - 2, line, VIZ_PLAIN);
    }
    if (y < bottom) {
        snprintf(line, sizeof line, "%21s  remainder: %zu coefficients sent in the clear", "",
                 r->remainder);
        viz_canvas_text_fit(c, 1, y++, c->w - 2, line, VIZ_PLAIN);
    }
    return y;
}

static void stark_draw(tui_app *app, viz_canvas *c)
{
    tui_starklab *t = app->starklab;
    tui_lab_header(c, "STARK lab", NULL, "Goldilocks, challenges in its degree-2 extension",
                   TR_DIM);
    draw_settings(app, c, 2);
    draw_summary(app, c, 40, 2);
    int bottom = c->h - 3, y = 3 + FIELDS;
    if (t->have && !tui_lab_busy(app, t)) {
        y += draw_phases(app, c, y);
        y = draw_fri(app, c, y, bottom - 2);
        if (t->tampers) {
            char line[400];
            snprintf(line, sizeof line, "t: byte %zu of %zu flipped: %s, stark verify exits %d",
                     t->tamper_at, t->r.proof_len,
                     t->tamper_exit ? "✘ rejected" : "✔ accepted (!)", t->tamper_exit);
            viz_canvas_text_fit(c, 1, y++, c->w - 2, line,
                                tui_style(t->tamper_exit ? TR_BAD : TR_OK));
            if (y < bottom)
                viz_canvas_text_fit(c, 4, y, c->w - 5, t->tamper_why,
                                    tui_style(t->tamper_exit ? TR_BAD : TR_OK));
        } else {
            viz_canvas_text_fit(c, 1, y, c->w - 2, "t flips one bit of the proof and verifies "
                                "it again", tui_style(TR_DIM));
        }
    }
    const char *const keys[] = {c->ascii ? "up/dn <- ->" : "↑↓ ←→", "settings", "Enter",
                                "prove", "t", "tamper", "?", "help", "q", "map"};
    tui_lab_footer(app, c, t, keys, ZK_ARRAY_LEN(keys));
}

/* ---- keys ---- */

/* ←→ on a setting: the next value each way, within the verifier's ranges
 * (a value outside them is refused with a reason when proving). */
static void change(lesson_lab_stark_config *cfg, int f, int d)
{
    stark_options *o = &cfg->opt;
    switch (f) {
    case F_AIR:
        /* The next AIR the lab can build (lesson_lab_stark_buildable). */
        for (size_t i = 0; i < stark_air_count; i++) {
            cfg->air = (cfg->air + (d > 0 ? 1 : stark_air_count - 1)) % stark_air_count;
            if (lesson_lab_stark_buildable(cfg->air))
                break;
        }
        break;
    case F_ROWS:
        cfg->rows = d > 0 ? (cfg->rows < ((uint64_t)1 << 24) ? cfg->rows * 2 : cfg->rows)
                          : (cfg->rows > 4 ? cfg->rows / 2 : cfg->rows);
        break;
    case F_BITS:
        cfg->bits = d > 0 ? (cfg->bits < 20 ? cfg->bits + 1 : 20)
                          : (cfg->bits > 1 ? cfg->bits - 1 : 1);
        break;
    case F_BLOWUP:
        o->log_blowup = d > 0 ? (o->log_blowup < 6 ? o->log_blowup + 1 : 6)
                              : (o->log_blowup > 1 ? o->log_blowup - 1 : 1);
        break;
    case F_QUERIES:
        o->queries = d > 0 ? (o->queries < 200 ? o->queries + 1 : 200)
                           : (o->queries > 1 ? o->queries - 1 : 1);
        break;
    case F_GRINDING:
        o->grinding = d > 0 ? (o->grinding < 32 ? o->grinding + 1 : 32)
                            : (o->grinding > 0 ? o->grinding - 1 : 0);
        break;
    case F_FOLDING:
        o->log_folding = d > 0 ? (o->log_folding < 4 ? o->log_folding + 1 : 4)
                               : (o->log_folding > 1 ? o->log_folding - 1 : 1);
        break;
    default:
        o->zk = !o->zk;
        break;
    }
}

/* A digit typed into a numeric setting: the first replaces the value. */
static void type_digit(tui_starklab *t, int digit)
{
    lesson_lab_stark_config *cfg = &t->cfg;
    uint64_t *v64 = t->field == F_ROWS ? &cfg->rows : NULL;
    unsigned *v = t->field == F_BITS       ? &cfg->bits
                  : t->field == F_QUERIES  ? &cfg->opt.queries
                  : t->field == F_GRINDING ? &cfg->opt.grinding
                                           : NULL;
    uint64_t cur = v64 ? *v64 : v ? *v : 0;
    cur = t->typed ? cur * 10 + (uint64_t)digit : (uint64_t)digit;
    if (cur > ((uint64_t)1 << 26))
        return;
    t->typed = true;
    if (v64)
        *v64 = cur;
    else if (v)
        *v = (unsigned)cur;
}

static void tamper(tui_app *app)
{
    tui_starklab *t = app->starklab;
    if (!t->have) {
        tui_set_status(app, TR_DIM, "Prove first (Enter); then t flips a bit of the proof.");
        return;
    }
    /* Each t a place further on: 1/16, 3/16, … of the way through. */
    t->tamper_at = t->r.proof_len * (size_t)(2 * (t->tampers % 8) + 1) / 16;
    if (lesson_lab_stark_tamper(&t->tamper_exit, t->tamper_why, sizeof t->tamper_why, &t->r,
                         t->tamper_at) != ZK_OK) {
        tui_set_status(app, TR_BAD, "✘ out of memory");
        return;
    }
    t->tampers++;
}

static void stark_key(tui_app *app, int key)
{
    tui_starklab *t = app->starklab;
    if (key == TK_ESC || key == 'q') {
        tui_lab_key_back(app, t, &t->back, key);
        return;
    }
    if (tui_lab_busy(app, t)) {
        tui_set_status(app, TR_DIM, "Proving; Esc stops it.");
        return;
    }
    switch (key) {
    case TK_UP:
    case TK_DOWN:
        t->field = (t->field + (key == TK_UP ? FIELDS - 1 : 1)) % FIELDS;
        t->typed = false;
        break;
    case TK_LEFT:
    case TK_RIGHT:
        change(&t->cfg, t->field, key == TK_RIGHT ? 1 : -1);
        t->typed = false;
        break;
    case TK_ENTER:
        t->ran = t->cfg;
        t->typed = false;
        tui_run_fn(app, work, t, done);
        break;
    case 't':
        tamper(app);
        break;
    default:
        if (key >= '0' && key <= '9')
            type_digit(t, key - '0');
        break;
    }
}

const tui_screen tui_starklab_screen = {
    .name = "starklab",
    .draw = stark_draw,
    .key = stark_key,
    .help_context = "starklab",
    .q_back = true,
};
