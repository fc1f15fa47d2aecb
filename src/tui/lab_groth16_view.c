/* The Groth16 lab (g on the map): a circuit chosen from those that ship or
 * typed as a path, compiled; its inputs in a form (the example input
 * beside it when there is one); then setup from fresh secrets, witness,
 * prove and verify on the job thread, each phase with its measured time,
 * and proof.json as snarkjs writes it. t changes a public signal by one
 * and verifies again: the verifier must say no. The engine is
 * lesson/lab.h.
 *
 *   ↑↓ digits   choose an input, type its value
 *   Enter       prove (the first time, set up the key too)
 *   t           verify with the next public signal changed by one
 *   k           a new key (setup again)
 *   j           proof.json in full
 *   o           another circuit
 *   q Esc       the map (Esc first stops a running phase) */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/circuit_view.h"
#include "tui/tui.h"
#include "viz/text.h"

enum { OP_OPEN, OP_RUN, OP_SETUP };

struct tui_g16lab {
    tui_lab_pick pick;
    bool open;                /* lc is a compiled circuit */
    lesson_lab_circuit lc, next;     /* next: the worker's while it opens one */
    lesson_lab_groth16 g;            /* the worker's while a job runs */
    int sel;
    int op;
    char open_path[LESSON_LAB_PATH_MAX];
    char why[LESSON_LAB_WHY_MAX];
    bool failed;              /* the last run stopped with why */
    /* the last tampered verification */
    bool tampered, tamper_ok;
    size_t tamper_which;
    fr_t tamper_value;
    bool json;                /* proof.json shown in full */
    int json_top;
    tui_return back;
};

static zk_err work(void *ctx, const zk_events *ev)
{
    tui_g16lab *t = ctx;
    t->why[0] = '\0';
    if (t->op == OP_OPEN)
        return lesson_lab_circuit_open(&t->next, t->open_path, 1, ev, t->why, sizeof t->why);
    zk_err err = ZK_OK;
    if (t->op == OP_SETUP || !t->g.have_key)
        err = lesson_lab_groth16_setup(&t->g, &t->lc, ev, t->why, sizeof t->why);
    if (!err && t->op == OP_RUN)
        err = lesson_lab_groth16_prove(&t->g, &t->lc, ev, t->why, sizeof t->why);
    return err;
}

static void done(tui_app *app)
{
    tui_g16lab *t = app->g16lab;
    if (!t)
        return;
    zk_err err = app->job.err;
    t->failed = err && err != ZK_ECANCELLED;
    if (t->op == OP_OPEN) {
        if (err) {
            lesson_lab_circuit_close(&t->next);
            if (err == ZK_ECANCELLED)
                tui_lab_status(app, &tui_g16lab_screen, TR_DIM, "Compiling stopped.");
            else
                tui_lab_status(app, &tui_g16lab_screen, TR_BAD, "✘ %s", t->why);
            t->failed = false;
            return;
        }
        if (t->open)
            lesson_lab_circuit_close(&t->lc);
        lesson_lab_groth16_free(&t->g);
        t->lc = t->next;
        memset(&t->next, 0, sizeof t->next);
        t->open = true;
        t->sel = 0;
        t->tampered = false;
        tui_lab_status(app, &tui_g16lab_screen, TR_DIM,
                       "Compiled. Enter sets up a key and proves.");
        return;
    }
    t->tampered = false;
    if (err == ZK_ECANCELLED)
        tui_lab_status(app, &tui_g16lab_screen, TR_DIM, "Stopped; nothing was proven.");
    else if (err)
        tui_lab_status(app, &tui_g16lab_screen, TR_BAD, "✘ %s", t->why);
    else if (t->g.proved)
        tui_lab_status(app, &tui_g16lab_screen, t->g.valid ? TR_OK : TR_BAD,
                       t->g.valid ? "✔ verified; t changes a public signal and verifies again"
                                  : "✘ the proof does not verify");
}

static void start(tui_app *app, int op)
{
    tui_g16lab *t = app->g16lab;
    t->op = op;
    tui_run_fn(app, work, t, done);
}

void tui_open_g16lab(tui_app *app)
{
    tui_g16lab *t = app->g16lab;
    if (!t && (t = app->g16lab = tui_lab_alloc(app, sizeof *t)))
        lesson_lab_groth16_init(&t->g);
    if (t)
        tui_lab_show(app, &t->pick, &t->back, &tui_g16lab_screen);
}

void tui_g16lab_free(tui_app *app)
{
    tui_g16lab *t = app->g16lab;
    if (!t)
        return;
    tui_lab_release(app, t, &t->pick, &t->lc, t->open, &t->next);
    lesson_lab_groth16_free(&t->g);
    zk_free(t);
    app->g16lab = NULL;
}

/* ---- drawing ---- */

static void draw_header(tui_app *app, viz_canvas *c)
{
    tui_g16lab *t = app->g16lab;
    char right[120] = "BN254";
    if (t->open)
        snprintf(right, sizeof right, "BN254 · %zu constraints · %u wires · %u public",
                 t->lc.c.sys.n_rows, t->lc.c.sys.n_wires,
                 t->lc.c.sys.n_pub_out + t->lc.c.sys.n_pub_in);
    tui_lab_header(c, "Groth16 lab", t->open ? t->lc.path : NULL, right, TR_STRONG);
}

/* "123456…789" in at most w characters. */
static void shorten(char *out, size_t cap, const char *dec, int w)
{
    int len = (int)strlen(dec);
    if (len <= w || w < 5)
        snprintf(out, cap, "%s", dec);
    else
        snprintf(out, cap, "%.*s…%s", (w - 1) / 2, dec, dec + len - (w - 1 - (w - 1) / 2));
}

/* One line of proof.json, its numbers shortened to fit w columns. */
static void json_point(viz_canvas *c, int y, int w, const char *key, const cJSON *v)
{
    char nums[12][MONT256_DEC_MAX];
    int n = 0;
    bool nested = false;
    for (const cJSON *e = v ? v->child : NULL; e && n < 12; e = e->next) {
        if (cJSON_IsArray(e)) {
            nested = true;
            for (const cJSON *f = e->child; f && n < 12; f = f->next)
                snprintf(nums[n++], sizeof nums[0], "%s", cJSON_IsString(f) ? f->valuestring : "?");
        } else {
            snprintf(nums[n++], sizeof nums[0], "%s", cJSON_IsString(e) ? e->valuestring : "?");
        }
    }
    int each = n ? (w - (int)strlen(key) - 6 - 4 * n - (nested ? 2 * n : 0)) / n : 0;
    char line[400];
    size_t used = (size_t)snprintf(line, sizeof line, "\"%s\": [", key);
    for (int i = 0; i < n; i++) {
        char s[64];
        shorten(s, sizeof s, nums[i], each);
        const char *open = nested && i % 2 == 0 ? "[" : "";
        const char *close = nested && i % 2 == 1 ? "]" : "";
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s\"%s\"%s", i ? ", " : "",
                                 open, s, close);
        if (used >= sizeof line)
            break;
    }
    snprintf(line + (used < sizeof line ? used : sizeof line - 1),
             sizeof line - (used < sizeof line ? used : sizeof line - 1), "]");
    viz_canvas_text_fit(c, 3, y, w, line, tui_style(TR_CODE));
}

static void draw_phase(viz_canvas *c, int y, const char *name, double s, const char *what,
                       tui_role role)
{
    char t[32] = "";
    if (s >= 0)
        tui_lab_seconds(t, sizeof t, s);
    viz_canvas_text(c, 3, y, 9, name, tui_style(TR_STRONG));
    viz_canvas_text(c, 12, y, 10, t, VIZ_PLAIN);
    viz_canvas_text_fit(c, 22, y, c->w - 23, what, tui_style(role));
}

static void draw_results(tui_app *app, viz_canvas *c, int y, int bottom)
{
    tui_g16lab *t = app->g16lab;
    const lesson_lab_groth16 *g = &t->g;
    const r1cs *s = &t->lc.c.sys;
    char what[300];
    viz_canvas_text(c, 3, y++, c->w - 4, "phase    time      result", tui_style(TR_DIM));
    snprintf(what, sizeof what, "%zu constraints at --O1, %u wires", s->n_rows, s->n_wires);
    draw_phase(c, y++, "compile", t->lc.compile_seconds, what, TR_TEXT);
    if (tui_lab_busy(app, t)) {
        draw_phase(c, y, "…", -1, "running on the job thread", TR_LIVE);
        return;
    }
    if (!g->have_key) {
        draw_phase(c, y++, "setup", -1, t->failed ? t->why : "Enter: setup, witness, prove, verify",
                   t->failed ? TR_BAD : TR_DIM);
        return;
    }
    snprintf(what, sizeof what, "DEMO KEY from secrets sampled here and wiped (2^%u domain)",
             g->log_domain);
    draw_phase(c, y++, "setup", g->setup_seconds, what, TR_LIVE);
    if (!g->proved) {
        draw_phase(c, y++, "witness", -1, t->failed ? t->why : "Enter: witness, prove, verify",
                   t->failed ? TR_BAD : TR_DIM);
        return;
    }
    snprintf(what, sizeof what, "%u values from the inputs", s->n_wires);
    draw_phase(c, y++, "witness", g->witness_seconds, what, TR_TEXT);
    draw_phase(c, y++, "prove", g->prove_seconds, "A, C in G1 and B in G2 (4 MSMs)", TR_TEXT);
    draw_phase(c, y++, "verify", g->verify_seconds,
               g->valid ? "✔ OK: the proof is valid (exit 0)"
                        : "✘ INVALID proof: the pairing equation does not hold (exit 1)",
               g->valid ? TR_OK : TR_BAD);
    if (t->tampered) {
        char was[LESSON_FR_TEXT], now[LESSON_FR_TEXT];
        lesson_fr_text(was, &g->pub[t->tamper_which]);
        lesson_fr_text(now, &t->tamper_value);
        snprintf(what, sizeof what, "%s %s → %s: %s", t->lc.names[t->tamper_which + 1], was, now,
                 t->tamper_ok ? "✔ accepted (!)" : "✘ FAIL (exit 1): INVALID proof");
        draw_phase(c, y++, "tamper", -1, what, t->tamper_ok ? TR_OK : TR_BAD);
    } else {
        draw_phase(c, y++, "tamper", -1,
                   g->n_pub ? "t: verify with a public signal changed by one"
                            : "no public signal to change",
                   TR_DIM);
    }
    if (y + 2 > bottom)
        return;
    y++;
    cJSON *j = cJSON_Parse(g->proof_json);
    snprintf(what, sizeof what,
             "proof.json, %zu bytes as zkcave groth16 prove writes it (j: in full)",
             strlen(g->proof_json) + 1);
    viz_canvas_text_fit(c, 1, y++, c->w - 2, what, tui_style(TR_STRONG));
    static const char *const keys[] = {"pi_a", "pi_b", "pi_c"};
    for (size_t k = 0; k < 3 && y < bottom; k++)
        json_point(c, y++, c->w - 4, keys[k], cJSON_GetObjectItemCaseSensitive(j, keys[k]));
    cJSON_Delete(j);
}

/* proof.json as the file holds it (one space a level where cJSON puts a
 * tab), long lines wrapped; json_top rows scrolled off. */
static void draw_json(tui_app *app, viz_canvas *c)
{
    tui_g16lab *t = app->g16lab;
    const char *p = t->g.proof_json;
    int row = 0, y = 2;
    while (*p && y < c->h - 3) {
        size_t n = strcspn(p, "\n");
        char buf[400];
        size_t k = 0;
        for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
            buf[k++] = p[i] == '\t' ? ' ' : p[i];
        buf[k] = '\0';
        int rows = tui_draw_wrapped(NULL, 1, 0, c->w - 2, buf, VIZ_PLAIN);
        if (row >= t->json_top)
            y += tui_draw_wrapped(c, 1, y, c->w - 2, buf, tui_style(TR_CODE));
        else if (row + rows > t->json_top)
            t->json_top = row;   /* scroll by whole lines */
        row += rows;
        p += n + (p[n] == '\n');
    }
}

static void g16_draw(tui_app *app, viz_canvas *c)
{
    tui_g16lab *t = app->g16lab;
    draw_header(app, c);
    if (!t->open || t->pick.typing) {
        tui_lab_pick_page(app, c, t, &t->pick);
        return;
    }
    if (t->json && t->g.proved && !tui_lab_busy(app, t)) {
        draw_json(app, c);
        const char *const keys[] = {c->ascii ? "up/dn" : "↑↓", "scroll", "j", "back to the lab",
                                    "?", "help", "q", "map"};
        tui_lab_footer(app, c, t, keys, ZK_ARRAY_LEN(keys));
        return;
    }
    /* The results take 12 rows under the form. */
    int rows = c->h - 19 < 2 ? 2 : c->h - 19;
    int y = tui_lab_form_draw(c, &t->lc, t->sel, !tui_lab_busy(app, t), 2, rows);
    draw_results(app, c, y + 1, c->h - 3);
    const char *const keys[] = {c->ascii ? "up/dn 0-9" : "↑↓ 0-9", "inputs", "Enter", "prove",
                                "t", "tamper", "j", "proof.json", "k", "new key",
                                "o", "circuit", "?", "help", "q", "map"};
    tui_lab_footer(app, c, t, keys, ZK_ARRAY_LEN(keys));
}

/* ---- keys ---- */

static void tamper(tui_app *app)
{
    tui_g16lab *t = app->g16lab;
    if (!t->g.proved) {
        tui_set_status(app, TR_DIM, "Prove first (Enter); then t changes a public signal.");
        return;
    }
    if (!t->g.n_pub) {
        tui_set_status(app, TR_DIM, "This circuit has no public signal to change.");
        return;
    }
    /* Each t takes the next public signal. */
    t->tamper_which = t->tampered ? (t->tamper_which + 1) % t->g.n_pub : 0;
    zk_err err = lesson_lab_groth16_verify_tampered(&t->tamper_ok, &t->tamper_value, &t->g,
                                             t->tamper_which);
    t->tampered = err == ZK_OK;
    char v[LESSON_FR_TEXT];
    if (err)
        tui_set_status(app, TR_BAD, "✘ cannot verify: %s", zk_strerror(err));
    else if (!t->tamper_ok)
        tui_set_status(app, TR_BAD, "✘ %s = %s: INVALID proof, the pairing equation "
                       "does not hold (exit 1)", t->lc.names[t->tamper_which + 1],
                       lesson_fr_text(v, &t->tamper_value));
}

static void g16_key(tui_app *app, int key)
{
    tui_g16lab *t = app->g16lab;
    if (t->pick.typing) {
        const char *path = tui_lab_pick_key(&t->pick, key);
        if (path) {
            snprintf(t->open_path, sizeof t->open_path, "%s", path);
            start(app, OP_OPEN);
        }
        return;
    }
    if (key == TK_ESC || key == 'q') {
        if (t->json && key == TK_ESC)
            t->json = false;
        else
            tui_lab_key_back(app, t, &t->back, key);
        return;
    }
    if (tui_lab_busy(app, t)) {
        tui_set_status(app, TR_DIM, "Working; Esc stops it.");
        return;
    }
    if (!t->open) {
        const char *path = tui_lab_pick_key(&t->pick, key);
        if (path) {
            snprintf(t->open_path, sizeof t->open_path, "%s", path);
            start(app, OP_OPEN);
        }
        return;
    }
    if (t->json) {
        int step = key == TK_UP || key == TK_DOWN ? 1 : 10;
        if (key == TK_UP || key == TK_PGUP)
            t->json_top = t->json_top > step ? t->json_top - step : 0;
        else if (key == TK_DOWN || key == TK_PGDN)
            t->json_top += step;
        else if (key == 'j')
            t->json = false;
        return;
    }
    if (tui_lab_form_key(&t->lc, &t->sel, key)) {
        t->g.proved = false;   /* the shown proof is of other inputs */
        t->tampered = false;
        return;
    }
    switch (key) {
    case TK_ENTER:
        start(app, OP_RUN);
        break;
    case 'k':
        start(app, OP_SETUP);
        break;
    case 't':
        tamper(app);
        break;
    case 'j':
        if (t->g.proved) {
            t->json = true;
            t->json_top = 0;
        } else {
            tui_set_status(app, TR_DIM, "No proof yet: Enter proves.");
        }
        break;
    case 'o':
        t->open = false;
        lesson_lab_circuit_close(&t->lc);
        lesson_lab_groth16_free(&t->g);
        t->pick.typing = false;
        break;
    default:
        break;
    }
}

static bool g16_typing(const tui_app *app)
{
    return app->g16lab->pick.typing;
}

const tui_screen tui_g16lab_screen = {
    .name = "g16lab",
    .draw = g16_draw,
    .key = g16_key,
    .typing = g16_typing,
    .help_context = "g16lab",
    .q_back = true,
};
