/* The constraint counter (SCREENS.md "Constraint counts", the `v` tool):
 * the seed CNN's circuit counted per layer and operation by zkml_count, for
 * each visibility mode, pixel layout and max-pool order, as a table with
 * bars, as charts, and against the time a prover takes on this machine.
 * The engine is lesson/zkml_views.h; this file draws it and maps keys.
 *
 *   Tab    page: table, charts, scale
 *   ←→     weights hashed / fixed / public / private
 *   o      the max-pool before the rescale (the optimisation) or after
 *   x      pixels packed 31 to a public input, or one a public input
 *   ↑↓     the layer whose operations are listed (table)
 *   t      measure the prover's throughput again (scale)
 *   e      the charts as a PNG */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/zkml_views.h"
#include "tui/tui.h"
#include "viz/text.h"

enum { PAGE_TABLE, PAGE_CHARTS, PAGE_SCALE, PAGES };
static const char *const page_names[PAGES] = {"table", "charts", "scale"};

struct tui_counts {
    lesson_zkml z;
    lesson_zkml_config cfg;
    /* counts by [weights][pixels][pool first], computed when first shown */
    zkml_counts k[ZKML_VISIBILITIES][2][2];
    bool have[ZKML_VISIBILITIES][2][2];
    double cpu[ZKML_VISIBILITIES][2][2];   /* thread CPU seconds each count took */
    int page;
    int sel;                               /* selected row of the table */
    /* the prover's throughput: measured on fc2 alone, and the last whole
     * CNN proof made here (lesson_zkml_rate_load) */
    lesson_zkml_rate small, full;
    bool have_small, have_full, measuring, measure_failed;
    lesson_zkml_rate job_rate;             /* the worker's */
    char job_why[200];
    tui_return back;
};

static zkml_counts *counts_of(tui_app *app, zkml_visibility v, bool pool_first)
{
    tui_counts *t = app->counts;
    int px = t->cfg.pixels == ZKML_PIXELS_EACH, pf = pool_first;
    if (!t->have[v][px][pf]) {
        lesson_zkml_config c = t->cfg;
        c.params = v;
        c.pool_first = pool_first;
        char why[200];
        if (lesson_zkml_count(&t->k[v][px][pf], &t->cpu[v][px][pf], &t->z, &c, why,
                              sizeof why) != ZK_OK) {
            tui_set_status(app, TR_BAD, "✘ cannot count: %s", why);
            return NULL;
        }
        t->have[v][px][pf] = true;
    }
    return &t->k[v][px][pf];
}

static zkml_counts *current(tui_app *app)
{
    return counts_of(app, app->counts->cfg.params, app->counts->cfg.pool_first);
}

/* ---- measuring the prover ---- */

static zk_err measure_work(void *ctx, const zk_events *ev)
{
    tui_counts *t = ctx;
    t->job_why[0] = '\0';
    return lesson_zkml_measure_rate(&t->job_rate, &t->z, ev, t->job_why, sizeof t->job_why);
}

static void measure_done(tui_app *app)
{
    tui_counts *t = app->counts;
    if (!t)
        return;
    t->measuring = false;
    if (app->job.err == ZK_OK) {
        t->small = t->job_rate;
        t->have_small = true;
        t->measure_failed = false;
    } else if (app->job.err == ZK_ECANCELLED) {
        tui_set_status(app, TR_DIM, "Measuring stopped.");
    } else {
        t->measure_failed = true;
        tui_set_status(app, TR_BAD, "✘ could not time a proof: %s", t->job_why);
    }
}

static void measure(tui_app *app)
{
    tui_counts *t = app->counts;
    t->measuring = tui_run_fn(app, measure_work, t, measure_done) && app->job.active;
}

/* ---- opening ---- */

void tui_open_counts(tui_app *app)
{
    if (!app->counts) {
        tui_counts *t = zk_calloc(1, sizeof *t);
        char why[300] = "";
        if (!t) {
            tui_set_status(app, TR_BAD, "✘ out of memory");
            return;
        }
        if (lesson_zkml_open(&t->z, why, sizeof why) != ZK_OK) {
            tui_set_status(app, TR_BAD, "✘ constraint counter: %s", why);
            zk_free(t);
            return;
        }
        lesson_zkml_config_default(&t->cfg, &t->z);
        t->sel = ZKML_ROW_CONV1;
        app->counts = t;
    }
    tui_counts *t = app->counts;
    t->have_full = lesson_zkml_rate_load(&t->full) == ZK_OK;
    tui_return_here(&t->back, app);
    tui_switch(app, &tui_counts_screen);
}

void tui_counts_free(tui_app *app)
{
    if (!app->counts)
        return;
    if (app->job.active && app->job.ctx == app->counts) {
        tui_job_cancel(&app->job);
        tui_job_wait(&app->job);
    }
    lesson_zkml_close(&app->counts->z);
    zk_free(app->counts);
    app->counts = NULL;
}

/* ---- drawing ---- */

static void draw_header(viz_canvas *c, const zkml_counts *k)
{
    char right[96], n[32];
    if (k)
        snprintf(right, sizeof right, "total %s · 2^%u domain",
                 lesson_zkml_commas(n, sizeof n, k->total.constraints), k->log_domain);
    else
        snprintf(right, sizeof right, "no counts");
    int rw = (int)viz_text_width(right, strlen(right), c->ascii);
    viz_canvas_text_fit(c, 1, 0, c->w - rw - 4, "Constraints ─ seed CNN", tui_style(TR_TITLE));
    viz_canvas_text(c, c->w - rw - 1, 0, rw, right, tui_style(TR_STRONG));
    tui_draw_rule(c, 1);
}

/* "weights [hashed] fixed public private · pixels packed · pool first ✔" */
static void draw_config(tui_app *app, viz_canvas *c, int y)
{
    tui_counts *t = app->counts;
    int x = 1;
    x += viz_canvas_text(c, x, y, c->w - x, "weights ", tui_style(TR_DIM));
    for (int v = 0; v < ZKML_VISIBILITIES; v++) {
        char item[24];
        bool on = (int)t->cfg.params == v;
        snprintf(item, sizeof item, on ? "[%s]" : " %s ", zkml_visibility_name((zkml_visibility)v));
        x += viz_canvas_text(c, x, y, c->w - x, item,
                             on ? tui_style(TR_STRONG) : tui_style(TR_DIM));
    }
    char rest[96];
    snprintf(rest, sizeof rest, " · pixels %s · max-pool %s",
             t->cfg.pixels == ZKML_PIXELS_PACKED ? "packed" : "one each",
             t->cfg.pool_first ? "first ✔" : "last ✘");
    viz_canvas_text_fit(c, x, y, c->w - x - 1, rest, VIZ_PLAIN);
}

static const char *const row_titles[ZKML_ROWS] = {"input", "conv1", "conv2", "fc1",
                                                  "fc2",   "output", "model hash"};

static void table_line(viz_canvas *c, int y, int indent, const char *label, uint64_t n,
                       const zkml_counts *k, double top, viz_style st, tui_role bar_role)
{
    char num[32], share[16];
    lesson_zkml_commas(num, sizeof num, n);
    snprintf(share, sizeof share, "%5.1f%%",
             k->total.constraints ? 100.0 * (double)n / (double)k->total.constraints : 0);
    viz_canvas_text_fit(c, 3 + indent, y, 26 - indent, label, st);
    int nw = (int)strlen(num);
    viz_canvas_text(c, 40 - nw, y, nw, num, st);
    viz_canvas_text(c, 41, y, 7, share, tui_style(TR_DIM));
    int bw = c->w - 50 - 1;
    if (bw < 4)
        return;
    double f = top > 0 ? (double)n / top : 0;
    int full = (int)(f * bw + 0.5);
    if (full == 0 && n > 0)
        viz_canvas_put(c, 49, y, "▏", tui_style(bar_role));
    else
        viz_canvas_fill(c, 49, y, full, 1, "█", tui_style(bar_role));
}

static void draw_table(tui_app *app, viz_canvas *c, const zkml_counts *k)
{
    tui_counts *t = app->counts;
    int y = 3;
    viz_canvas_text(c, 3, y, 26, "layer / operation", tui_style(TR_STRONG));
    viz_canvas_text(c, 29, y, 11, "constraints", tui_style(TR_STRONG));
    viz_canvas_text(c, 43, y, 5, "share", tui_style(TR_STRONG));
    y++;
    double top = 0;
    for (int r = 0; r < ZKML_ROWS; r++) {
        double v = (double)lesson_zkml_row_total(k, (zkml_row)r);
        top = v > top ? v : top;
    }
    zkml_row dom = lesson_zkml_dominant(k);
    int bottom = c->h - 7;
    for (int r = 0; r < ZKML_ROWS && y < bottom; r++) {
        uint64_t n = lesson_zkml_row_total(k, (zkml_row)r);
        bool sel = r == t->sel;
        viz_canvas_put(c, 1, y, sel ? "▾" : "▸", tui_style(sel ? TR_FOCUS : TR_DIM));
        table_line(c, y, 0, row_titles[r], n, k, top, tui_style(TR_STRONG),
                   r == (int)dom ? TR_LIVE : TR_OK);
        if (sel)
            viz_canvas_restyle(c, 3, y, 26, 1, tui_style(TR_SELECT));
        y++;
        if (!sel)
            continue;
        for (int o = 0; o < ZKML_OPS && y < bottom; o++)
            if (k->cell[r][o].constraints)
                table_line(c, y++, 2, zkml_op_name((zkml_op)o), k->cell[r][o].constraints, k,
                           top, VIZ_PLAIN, TR_DIM);
    }
    char line[300], a[32], b[32], w[32];
    snprintf(line, sizeof line, "%s constraints · %s wires · %u public signals",
             lesson_zkml_commas(a, sizeof a, k->total.constraints),
             lesson_zkml_commas(w, sizeof w, k->n_wires), k->n_public);
    viz_canvas_text_fit(c, 3, c->h - 6, c->w - 4, line, VIZ_PLAIN);
    /* the optimisation, before and after */
    const zkml_counts *other = counts_of(app, t->cfg.params, !t->cfg.pool_first);
    if (other) {
        const zkml_counts *first = t->cfg.pool_first ? k : other,
                          *last = t->cfg.pool_first ? other : k;
        uint64_t saved = last->total.constraints - first->total.constraints;
        snprintf(line, sizeof line, "max-pool first %s (2^%u) · last %s (2^%u) · saves %s",
                 lesson_zkml_commas(a, sizeof a, first->total.constraints), first->log_domain,
                 lesson_zkml_commas(b, sizeof b, last->total.constraints), last->log_domain,
                 lesson_zkml_commas(w, sizeof w, saved));
        viz_canvas_text_fit(c, 3, c->h - 5, c->w - 4, line, tui_style(TR_DIM));
    }
    /* the other modes' totals */
    int x = 3;
    for (int v = 0; v < ZKML_VISIBILITIES; v++) {
        const zkml_counts *m = counts_of(app, (zkml_visibility)v, t->cfg.pool_first);
        if (!m)
            break;
        snprintf(line, sizeof line, "%s%s %s", v ? " · " : "",
                 zkml_visibility_name((zkml_visibility)v),
                 lesson_zkml_commas(a, sizeof a, m->total.constraints));
        x += viz_canvas_text(c, x, c->h - 4, c->w - x - 1, line,
                             v == (int)t->cfg.params ? tui_style(TR_STRONG) : tui_style(TR_DIM));
    }
}

static void draw_charts(tui_app *app, viz_canvas *c)
{
    tui_counts *t = app->counts;
    zkml_counts modes[ZKML_VISIBILITIES];
    for (int v = 0; v < ZKML_VISIBILITIES; v++) {
        const zkml_counts *m = counts_of(app, (zkml_visibility)v, true);
        if (!m)
            return;
        modes[v] = *m;
    }
    const zkml_counts *first = counts_of(app, t->cfg.params, true),
                      *last = counts_of(app, t->cfg.params, false);
    if (!first || !last)
        return;
    viz_chart a, b;
    char title[80];
    snprintf(title, sizeof title, "Max-pool first or last, weights %s",
             zkml_visibility_name(t->cfg.params));
    viz_chart_init(&a, VIZ_CHART_BARS, "Constraints per row, each visibility", "", "");
    viz_chart_init(&b, VIZ_CHART_BARS, title, "", "");
    int h = (c->h - 6) / 2;
    if (lesson_zkml_mode_chart(&a, modes) == ZK_OK)
        viz_chart_draw(c, 1, 3, c->w - 2, h, &a);
    if (lesson_zkml_pool_chart(&b, first, last) == ZK_OK)
        viz_chart_draw(c, 1, 3 + h, c->w - 2, c->h - 6 - h, &b);
    viz_chart_free(&a);
    viz_chart_free(&b);
}

/* Two lines: what was proved and how fast. */
static int draw_rate(viz_canvas *c, int y, const lesson_zkml_rate *r, const char *label)
{
    char line[300], rate[32], secs[32];
    snprintf(line, sizeof line, "%s %s", label, r->what);
    viz_canvas_text_fit(c, 3, y, c->w - 4, line, VIZ_PLAIN);
    snprintf(line, sizeof line, "in %s wall, %.1f s CPU: %s constraints/s (%s)",
             lesson_zkml_duration(secs, sizeof secs, r->seconds), r->cpu_seconds,
             lesson_zkml_short(rate, sizeof rate, lesson_zkml_rate_per_second(r)), r->when);
    viz_canvas_text_fit(c, 5, y + 1, c->w - 6, line, tui_style(TR_OK));
    return y + 2;
}

static void draw_scale(tui_app *app, viz_canvas *c, const zkml_counts *k)
{
    tui_counts *t = app->counts;
    int y = 3;
    char line[400], a[32], b[32], d1[32], d2[32];
    viz_canvas_text(c, 1, y++, c->w - 2, "Measured on this machine", tui_style(TR_STRONG));
    const lesson_zkml_rate *use = NULL;
    if (t->have_full) {
        y = draw_rate(c, y, &t->full, "Groth16, last proof of");
        use = &t->full;
    }
    if (t->measuring) {
        viz_canvas_text_fit(c, 3, y++, c->w - 4, "timing a Groth16 proof of fc2 alone…",
                            tui_style(TR_LIVE));
    } else if (t->have_small) {
        y = draw_rate(c, y, &t->small, "Groth16, timed now:");
        use = use ? use : &t->small;
    } else {
        viz_canvas_text_fit(c, 3, y++, c->w - 4, "no proof timed yet: t times one (a second "
                            "or two)", tui_style(TR_DIM));
    }
    int px = t->cfg.pixels == ZKML_PIXELS_EACH, pf = t->cfg.pool_first;
    double cpu = t->cpu[t->cfg.params][px][pf];
    snprintf(line, sizeof line, "building, not proving: %s constraints in %.2f s CPU, %s/s",
             lesson_zkml_commas(a, sizeof a, k->total.constraints), cpu,
             lesson_zkml_short(b, sizeof b, cpu > 0 ? (double)k->total.constraints / cpu : 0));
    viz_canvas_text_fit(c, 3, y++, c->w - 4, line, tui_style(TR_DIM));
    y++;
    double ratio = (double)k->total.constraints / lesson_zkml_nets[0].macs;
    double rate = use ? lesson_zkml_rate_per_second(use) : 0;
    snprintf(line, sizeof line, "Extrapolated: %.2f constraints a multiply-accumulate (weights "
             "%s)", ratio, zkml_visibility_name(t->cfg.params));
    viz_canvas_text_fit(c, 1, y++, c->w - 2, line, tui_style(TR_STRONG));
    snprintf(line, sizeof line, "%-11s %-5s %9s %11s %9s %9s", "network", "per", "MACs",
             "constraints", "at 10^6/s", rate > 0 ? "measured" : "");
    viz_canvas_text_fit(c, 3, y++, c->w - 4, line, tui_style(TR_DIM));
    for (int i = 0; i < LESSON_ZKML_NETS; i++) {
        const lesson_zkml_net *n = &lesson_zkml_nets[i];
        double cons = i == 0 ? (double)k->total.constraints : n->macs * ratio;
        snprintf(line, sizeof line, "%-11s %-5s %9s %11s %9s %9s", n->name, n->per,
                 lesson_zkml_short(a, sizeof a, n->macs), lesson_zkml_short(b, sizeof b, cons),
                 lesson_zkml_duration(d1, sizeof d1, cons / LESSON_ZKML_ARTICLE_RATE),
                 rate > 0 ? lesson_zkml_duration(d2, sizeof d2, cons / rate) : "");
        viz_canvas_text_fit(c, 3, y++, c->w - 4, line, VIZ_PLAIN);
    }
    y++;
    lesson_zkml_memory mem;
    lesson_zkml_memory_estimate(&mem, k);
    char w[32], key[32], dom[32], tot[32], big[32];
    viz_canvas_text(c, 1, y++, c->w - 2, "Memory of the Groth16 prover", tui_style(TR_STRONG));
    snprintf(line, sizeof line, "witness %s · key ≤ %s · quotient %s · total ≤ %s",
             lesson_zkml_bytes(w, sizeof w, mem.witness), lesson_zkml_bytes(key, sizeof key, mem.key),
             lesson_zkml_bytes(dom, sizeof dom, mem.domain),
             lesson_zkml_bytes(tot, sizeof tot, mem.total));
    viz_canvas_text_fit(c, 3, y++, c->w - 4, line, VIZ_PLAIN);
    snprintf(line, sizeof line, "ResNet-18 at the same bytes a constraint: ≈ %s",
             lesson_zkml_bytes(big, sizeof big,
                               mem.total / (double)k->total.constraints * lesson_zkml_nets[1].macs *
                                   ratio));
    viz_canvas_text_fit(c, 3, y++, c->w - 4, line, VIZ_PLAIN);
    if (y < c->h - 4)
        viz_canvas_text_fit(c, 1, y, c->w - 2, "sizes: He et al. 2016, Table 1; Radford et al. "
                            "2019; Kaplan et al. 2020", tui_style(TR_DIM));
}

static void counts_draw(tui_app *app, viz_canvas *c)
{
    tui_counts *t = app->counts;
    zkml_counts *k = current(app);
    zkml_counts shown;
    if (k)
        shown = *k;
    draw_header(c, k ? &shown : NULL);
    draw_config(app, c, 2);
    if (k) {
        if (t->page == PAGE_TABLE)
            draw_table(app, c, &shown);
        else if (t->page == PAGE_CHARTS)
            draw_charts(app, c);
        else
            draw_scale(app, c, &shown);
    }
    if (app->job.active && app->job.ctx == t) {
        char phase[48];
        uint64_t done, total;
        tui_job_progress(&app->job, phase, sizeof phase, &done, &total);
        char text[96];
        snprintf(text, sizeof text, "%s timing a proof%s%s  Esc stops", tui_spinner(app),
                 phase[0] ? ": " : "", phase);
        viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, text, tui_style(TR_LIVE));
    } else if (app->status[0]) {
        viz_canvas_text_fit(c, 1, c->h - 3, c->w - 2, app->status, tui_style(app->status_role));
    }
    tui_draw_rule(c, c->h - 2);
    char tab[32];
    snprintf(tab, sizeof tab, "%s", page_names[(t->page + 1) % PAGES]);
    const char *const keys[] = {"Tab", tab, c->ascii ? "<- ->" : "←→", "weights",
                                "o", "pool order", "x", "pixels",
                                c->ascii ? "up/dn" : "↑↓", "layer", "t", "time a proof",
                                "e", "export", "Esc", "back", "?", "help", "q", "quit"};
    tui_draw_keys(c, c->h - 1, keys, ZK_ARRAY_LEN(keys));
}

static void export_view(tui_app *app)
{
    tui_counts *t = app->counts;
    char path[2400], why[300] = "";
    if (tui_export_begin(app, path, sizeof path, "zkcave-constraints"))
        tui_export_end(app, path, lesson_zkml_export(&t->z, &t->cfg, path, why, sizeof why), why);
}

static void counts_key(tui_app *app, int key)
{
    tui_counts *t = app->counts;
    switch (key) {
    case TK_TAB:
    case TK_BTAB:
        t->page = (t->page + (key == TK_TAB ? 1 : PAGES - 1)) % PAGES;
        /* The scale page wants a figure of this machine: time one proof
         * the first time it is shown. */
        if (t->page == PAGE_SCALE && !t->have_small && !t->measuring && !t->measure_failed &&
            !app->job.active)
            measure(app);
        break;
    case TK_LEFT:
    case TK_RIGHT: {
        int n = ZKML_VISIBILITIES, d = key == TK_RIGHT ? 1 : n - 1;
        t->cfg.params = (zkml_visibility)(((int)t->cfg.params + d) % n);
        break;
    }
    case TK_UP:
    case 'k':
        t->sel = (t->sel + ZKML_ROWS - 1) % ZKML_ROWS;
        break;
    case TK_DOWN:
    case 'j':
        t->sel = (t->sel + 1) % ZKML_ROWS;
        break;
    case 'o':
        t->cfg.pool_first = !t->cfg.pool_first;
        break;
    case 'x':
        t->cfg.pixels = t->cfg.pixels == ZKML_PIXELS_PACKED ? ZKML_PIXELS_EACH
                                                            : ZKML_PIXELS_PACKED;
        break;
    case 't':
        measure(app);
        break;
    case 'e':
        export_view(app);
        break;
    case 'd':
        tui_open_pad(app);
        break;
    case TK_ESC:
        tui_tool_escape(app, t, &t->back);
        break;
    default:
        break;
    }
}

const tui_screen tui_counts_screen = {
    .name = "counts",
    .draw = counts_draw,
    .key = counts_key,
    .help_context = "counts",
};
