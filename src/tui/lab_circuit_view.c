/* The circuits lab (c on the map): any .circom compiled to R1CS, its
 * rows as the equations A·B = C they state, scrollable, each checked
 * against the witness of the example input (or of the inputs typed in the
 * form); edit one signal of the witness and every row is checked again,
 * the failing ones lit (✘ and red) and the first brought into view. The
 * engine is lesson/lab.h and circuit/r1cs_view.h.
 *
 *   Tab         rows, witness, or the inputs form
 *   ↑↓ PgUp PgDn  scroll the rows / choose a signal or an input
 *   0-9 - ^     type a value; Enter sets the signal (witness) or computes
 *               the witness again from the inputs (form)
 *   +           the chosen signal plus one
 *   w           the witness again from the inputs, as the circuit computes it
 *   l           Circom's simplification level: --O0, --O1, --O2
 *   o           another circuit;  q Esc  the map */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "circuit/r1cs_view.h"
#include "core/alloc.h"
#include "lesson/circuit_view.h"
#include "tui/tui.h"
#include "viz/text.h"

enum { FOCUS_ROWS, FOCUS_WITNESS, FOCUS_INPUTS, FOCUSES };
enum { OP_OPEN, OP_WITNESS };

struct tui_circlab {
    tui_lab_pick pick;
    bool open;
    lesson_lab_circuit lc, next;     /* next: the worker's while it opens one */
    int level;
    fr_t *w, *next_w;         /* the witness shown (NULL: none), the worker's */
    size_t w_n, next_w_n;     /* their lengths */
    char w_why[LESSON_LAB_WHY_MAX];  /* why there is none */
    r1cs_row_check *checks;   /* every row against w */
    size_t first_fail, n_fail;
    int focus;
    int row_top, sig, in_sel;
    char edit[LESSON_LAB_VALUE_MAX]; /* a value being typed for signal sig */
    int op;
    char open_path[LESSON_LAB_PATH_MAX];
    char why[LESSON_LAB_WHY_MAX];
    tui_return back;
};

static void free_witness(fr_t **w, size_t n)
{
    if (*w)
        sodium_memzero(*w, n * sizeof **w);
    zk_free(*w);
    *w = NULL;
}

static zk_err work(void *ctx, const zk_events *ev)
{
    tui_circlab *t = ctx;
    t->why[0] = t->w_why[0] = '\0';
    zk_err err = ZK_OK;
    lesson_lab_circuit *lc = &t->lc;
    if (t->op == OP_OPEN) {
        lc = &t->next;
        err = lesson_lab_circuit_open(lc, t->open_path, t->level, ev, t->why, sizeof t->why);
    }
    /* No witness is no failure: the rows are shown without values. */
    if (!err && !(err = zk_emit(ev, ZK_EV_BEGIN, "lab_witness", 0, 0, "witness")))
        lesson_lab_circuit_witness(&t->next_w, lc, t->w_why, sizeof t->w_why);
    t->next_w_n = t->next_w ? lc->c.sys.n_wires : 0;
    return err;
}

static void recheck(tui_circlab *t)
{
    const r1cs *s = &t->lc.c.sys;
    t->n_fail = 0;
    t->first_fail = s->n_rows;
    if (!t->w || !t->checks)
        return;
    t->first_fail = r1cs_check_rows(s, t->w, t->checks);
    for (size_t i = 0; i < s->n_rows; i++)
        t->n_fail += !t->checks[i].holds;
}

static void done(tui_app *app)
{
    tui_circlab *t = app->circlab;
    if (!t)
        return;
    zk_err err = app->job.err;
    if (err) {
        if (t->op == OP_OPEN)
            lesson_lab_circuit_close(&t->next);
        free_witness(&t->next_w, t->next_w_n);
        if (err == ZK_ECANCELLED)
            tui_lab_status(app, &tui_circlab_screen, TR_DIM, "Stopped.");
        else
            tui_lab_status(app, &tui_circlab_screen, TR_BAD, "✘ %s", t->why);
        return;
    }
    if (t->op == OP_OPEN) {
        if (t->open)
            lesson_lab_circuit_close(&t->lc);
        t->lc = t->next;
        memset(&t->next, 0, sizeof t->next);
        t->open = true;
        t->row_top = t->sig = t->in_sel = 0;
        t->edit[0] = '\0';
        zk_free(t->checks);
        t->checks = zk_alloc(t->lc.c.sys.n_rows ? t->lc.c.sys.n_rows : 1, sizeof *t->checks);
    }
    free_witness(&t->w, t->w_n);
    t->w = t->next_w;
    t->w_n = t->next_w_n;
    t->next_w = NULL;
    recheck(t);
    if (!t->w)
        tui_lab_status(app, &tui_circlab_screen, TR_BAD, "✘ no witness: %s", t->w_why);
    else
        tui_lab_status(app, &tui_circlab_screen, TR_OK,
                       "✔ every row holds for the witness; Tab, then edit a signal");
}

static void start(tui_app *app, int op)
{
    app->circlab->op = op;
    tui_run_fn(app, work, app->circlab, done);
}

void tui_open_circlab(tui_app *app)
{
    tui_circlab *t = app->circlab;
    if (!t && (t = app->circlab = tui_lab_alloc(app, sizeof *t)))
        t->level = 1;
    if (t)
        tui_lab_show(app, &t->pick, &t->back, &tui_circlab_screen);
}

void tui_circlab_free(tui_app *app)
{
    tui_circlab *t = app->circlab;
    if (!t)
        return;
    tui_lab_release(app, t, &t->pick, &t->lc, t->open, &t->next);
    free_witness(&t->next_w, t->next_w_n);
    free_witness(&t->w, t->w_n);
    zk_free(t->checks);
    zk_free(t);
    app->circlab = NULL;
}

/* ---- drawing ---- */

static void draw_header(tui_app *app, viz_canvas *c)
{
    tui_circlab *t = app->circlab;
    const r1cs *s = &t->lc.c.sys;
    char right[120] = "";
    if (t->open) {
        if (!t->w)
            snprintf(right, sizeof right, "--O%d · %zu rows · no witness", t->level, s->n_rows);
        else if (t->n_fail)
            snprintf(right, sizeof right, "--O%d · ✘ %zu of %zu rows fail", t->level, t->n_fail,
                     s->n_rows);
        else
            snprintf(right, sizeof right, "--O%d · ✔ all %zu rows hold", t->level, s->n_rows);
    }
    tui_lab_header(c, "Circuits lab", t->open ? t->lc.path : NULL, right,
                   !t->w || t->n_fail ? TR_BAD : TR_OK);
}

/* The rows pane: x from 0 to w, rows y to bottom. */
static void draw_rows(tui_app *app, viz_canvas *c, int w, int y, int bottom)
{
    tui_circlab *t = app->circlab;
    const r1cs *s = &t->lc.c.sys;
    char head[80];
    snprintf(head, sizeof head, "R1CS: %zu rows  A·B = C", s->n_rows);
    viz_canvas_text_fit(c, 1, y++, w - 2, head,
                        tui_style(t->focus == FOCUS_ROWS ? TR_FOCUS : TR_STRONG));
    int rows = bottom - y;
    if (t->row_top > (int)s->n_rows - rows)
        t->row_top = (int)s->n_rows - rows > 0 ? (int)s->n_rows - rows : 0;
    for (size_t i = (size_t)t->row_top; i < s->n_rows && y < bottom; i++, y++) {
        char eq[400], vals[200], label[24];
        bool bad = t->w && !t->checks[i].holds;
        snprintf(label, sizeof label, "r%zu", i + 1);
        viz_canvas_put(c, 1, y, !t->w ? " " : bad ? "✘" : "✔", tui_style(bad ? TR_BAD : TR_OK));
        viz_canvas_text(c, 3, y, 5, label, tui_style(bad ? TR_BAD : TR_DIM));
        lesson_r1cs_row_equation(eq, sizeof eq, s, i, (const char *const *)t->lc.names);
        int vw = 0;
        if (t->w) {
            lesson_r1cs_row_values(vals, sizeof vals, &t->checks[i]);
            vw = (int)strlen(vals);
            vw = vw > w / 2 ? w / 2 : vw;
        }
        viz_canvas_text_fit(c, 8, y, w - 10 - vw, eq, bad ? tui_style(TR_BAD) : VIZ_PLAIN);
        if (t->w)
            viz_canvas_text_fit(c, w - 1 - vw, y, vw, vals, tui_style(bad ? TR_BAD : TR_DIM));
        if (bad && i == t->first_fail)
            viz_canvas_restyle(c, 1, y, w - 2, 1, (viz_style){VIZ_RED, VIZ_BOLD | VIZ_REVERSE});
    }
}

/* The witness pane: every signal and its value, from column x. */
static void draw_witness(tui_app *app, viz_canvas *c, int x, int y, int bottom)
{
    tui_circlab *t = app->circlab;
    const r1cs *s = &t->lc.c.sys;
    int w = c->w - x - 1;
    viz_canvas_text_fit(c, x, y++, w, "witness",
                        tui_style(t->focus == FOCUS_WITNESS ? TR_FOCUS : TR_STRONG));
    if (!t->w) {
        tui_draw_wrapped(c, x, y, w, t->w_why, tui_style(TR_BAD));
        return;
    }
    int rows = bottom - y;
    int top = t->sig >= rows ? t->sig - rows + 1 : 0;
    for (int i = top; i < (int)s->n_wires && y < bottom; i++, y++) {
        bool on = i == t->sig && t->focus == FOCUS_WITNESS;
        char v[LESSON_FR_TEXT];
        const char *shown = on && t->edit[0] ? t->edit : lesson_fr_text(v, &t->w[i]);
        int nw = w * 3 / 5;   /* names are longer than most values */
        viz_canvas_text_fit(c, x, y, nw - 1, t->lc.names[i], VIZ_PLAIN);
        viz_canvas_text_fit(c, x + nw, y, w - nw, shown,
                            on ? tui_style(TR_SELECT) : tui_style(TR_CODE));
    }
}

static void circ_draw(tui_app *app, viz_canvas *c)
{
    tui_circlab *t = app->circlab;
    draw_header(app, c);
    if (!t->open || t->pick.typing) {
        tui_lab_pick_page(app, c, t, &t->pick);
        return;
    }
    int bottom = c->h - 3;
    if (t->focus == FOCUS_INPUTS) {
        int y = tui_lab_form_draw(c, &t->lc, t->in_sel, true, 2, bottom - 4);
        viz_canvas_text_fit(c, 1, y + 1, c->w - 2, "Enter: the witness of these inputs, as "
                            "the circuit computes it.  Tab: the rows.",
                            tui_style(TR_DIM));
    } else {
        int split = c->w - (c->w >= 100 ? 40 : 30);
        draw_rows(app, c, split, 2, bottom);
        viz_canvas_vline(c, split, 2, bottom - 2, tui_style(TR_RULE));
        draw_witness(app, c, split + 2, 2, bottom);
    }
    const char *const keys[] = {"Tab", "rows/witness/inputs", c->ascii ? "0-9 Enter" : "0-9 ⏎",
                                "set", "+", "plus one", "w", "witness", "l", "level",
                                "o", "circuit", "?", "help", "q", "map"};
    tui_lab_footer(app, c, t, keys, ZK_ARRAY_LEN(keys));
}

/* ---- keys ---- */

/* The signal's value set: every row checked again, the first failing one
 * brought into view. */
static void set_signal(tui_app *app, const fr_t *v)
{
    tui_circlab *t = app->circlab;
    if (t->sig == 0) {
        tui_set_status(app, TR_DIM, "Signal 0 is the constant one; every row relies on it.");
        return;
    }
    t->w[t->sig] = *v;
    recheck(t);
    int rows = app->rows - 6;
    if (t->n_fail && ((int)t->first_fail < t->row_top || (int)t->first_fail >= t->row_top + rows))
        t->row_top = (int)t->first_fail - rows / 2 > 0 ? (int)t->first_fail - rows / 2 : 0;
    if (t->n_fail) {
        char vals[200];
        lesson_r1cs_row_values(vals, sizeof vals, &t->checks[t->first_fail]);
        tui_set_status(app, TR_BAD, "✘ row r%zu fails first (%zu failing): %s", t->first_fail + 1,
                       t->n_fail, vals);
    } else {
        tui_set_status(app, TR_OK, "✔ every row still holds");
    }
}

static void witness_key(tui_app *app, int key)
{
    tui_circlab *t = app->circlab;
    int n = (int)t->lc.c.sys.n_wires;
    size_t len = strlen(t->edit);
    if (key == TK_UP || key == TK_DOWN) {
        if (key == TK_UP)
            t->sig = t->sig > 0 ? t->sig - 1 : 0;
        else
            t->sig = t->sig + 1 < n ? t->sig + 1 : t->sig;
        t->edit[0] = '\0';
    } else if (((key >= '0' && key <= '9') || key == '-' || key == '^') &&
               len + 1 < sizeof t->edit) {
        t->edit[len] = (char)key;
        t->edit[len + 1] = '\0';
    } else if (key == TK_BACKSPACE && len) {
        t->edit[len - 1] = '\0';
    } else if (key == TK_ENTER && len) {
        fr_t v;
        if (lesson_fr_parse(&v, t->edit) != ZK_OK)
            tui_set_status(app, TR_BAD, "✘ '%s' is not a whole number", t->edit);
        else
            set_signal(app, &v);
        t->edit[0] = '\0';
    } else if (key == '+') {
        fr_t v, one;
        fr_one(&one);
        fr_add(&v, &t->w[t->sig], &one);
        set_signal(app, &v);
    }
}

/* The form's inputs from the witness as it stands (its input signals,
 * edited or not), so w recomputes everything else from them. */
static void inputs_from_witness(tui_circlab *t)
{
    const r1cs *s = &t->lc.c.sys;
    if (!t->w || t->lc.n_inputs != (size_t)s->n_pub_in + s->n_prv_in)
        return;   /* at --O1 and up a private input may have been folded away */
    for (size_t i = 0; i < t->lc.n_inputs; i++) {
        char dec[MONT256_DEC_MAX];
        snprintf(t->lc.inputs[i].value, sizeof t->lc.inputs[i].value, "%s",
                 fr_to_dec(dec, &t->w[1 + s->n_pub_out + i]));
    }
}

static void circ_key(tui_app *app, int key)
{
    tui_circlab *t = app->circlab;
    bool picking = !t->open && !tui_lab_busy(app, t) && key != 'q' && key != TK_ESC;
    if (t->pick.typing || picking) {
        const char *path = tui_lab_pick_key(&t->pick, key);
        if (path) {
            snprintf(t->open_path, sizeof t->open_path, "%s", path);
            start(app, OP_OPEN);
        }
        return;
    }
    if (key == TK_ESC || key == 'q') {
        tui_lab_key_back(app, t, &t->back, key);
        return;
    }
    if (tui_lab_busy(app, t)) {
        tui_set_status(app, TR_DIM, "Working; Esc stops it.");
        return;
    }
    switch (key) {
    case TK_TAB:
        t->focus = (t->focus + 1) % FOCUSES;
        t->edit[0] = '\0';
        return;
    case TK_BTAB:
        t->focus = (t->focus + FOCUSES - 1) % FOCUSES;
        t->edit[0] = '\0';
        return;
    case 'w':
        inputs_from_witness(t);
        start(app, OP_WITNESS);
        return;
    case 'l':
        t->level = (t->level + 1) % 3;
        snprintf(t->open_path, sizeof t->open_path, "%s", t->lc.path);
        start(app, OP_OPEN);
        return;
    case 'o':
        t->open = false;
        free_witness(&t->w, t->w_n);
        lesson_lab_circuit_close(&t->lc);
        return;
    default:
        break;
    }
    if (t->focus == FOCUS_INPUTS) {
        if (key == TK_ENTER)
            start(app, OP_WITNESS);
        else
            tui_lab_form_key(&t->lc, &t->in_sel, key);
    } else if (t->focus == FOCUS_WITNESS && t->w) {
        witness_key(app, key);
    } else if (key == TK_UP || key == TK_DOWN || key == TK_PGUP || key == TK_PGDN) {
        int step = key == TK_UP || key == TK_DOWN ? 1 : app->rows - 8;
        t->row_top += key == TK_UP || key == TK_PGUP ? -step : step;
        t->row_top = t->row_top < 0 ? 0 : t->row_top;
    }
}

static bool circ_typing(const tui_app *app)
{
    return app->circlab->pick.typing;
}

const tui_screen tui_circlab_screen = {
    .name = "circlab",
    .draw = circ_draw,
    .key = circ_key,
    .typing = circ_typing,
    .help_context = "circlab",
    .q_back = true,
};
