/* zkml.*: lesson 16 (scale and memory: the constraint counts per layer,
 * operation and visibility, pooling first, the prover's throughput here
 * and the extrapolation, the prover's memory) and lesson 17 (the zkML
 * workflow: settings, compile, setup, witness), over src/zkml and its
 * pipeline. The proving actions of lessons 17 and 18 are in
 * actions_zkml.c. */
#include "lesson/actions_zkml.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "lesson/answer.h"
#include "lesson/circuit_view.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"

/* ---- shared helpers ---- */

zk_err zkml_act_open(lesson_result *out, lesson_zkml *z)
{
    char why[400] = "";
    zk_err err = lesson_zkml_open(z, why, sizeof why);
    return err ? lesson_fail(out, err, "%s", why) : ZK_OK;
}

zk_err zkml_act_weights(lesson_result *out, const lesson_params *p, const lesson_zkml *z,
                        zkml_visibility *v)
{
    static const char *const names[ZKML_VISIBILITIES] = {"hashed", "fixed", "public", "private"};
    *v = z->settings.params;
    if (!lesson_param_get(p, "weights", NULL))
        return ZK_OK;
    size_t i;
    zk_err err = lesson_param_choice(out, p, "weights", names, ZKML_VISIBILITIES, &i);
    if (!err)
        *v = (zkml_visibility)i;
    return err;
}

zk_err zkml_act_layers(lesson_result *out, const lesson_params *p, int *first_layer)
{
    static const char *const names[NN_LAYERS] = {"all", "conv2", "fc1", "fc2"};
    *first_layer = 3;
    if (!lesson_param_get(p, "layers", NULL))
        return ZK_OK;
    size_t i;
    zk_err err = lesson_param_choice(out, p, "layers", names, NN_LAYERS, &i);
    if (!err)
        *first_layer = (int)i;
    return err;
}

zk_err zkml_act_digit(lesson_result *out, const lesson_params *p, uint8_t img[NN_PIXELS],
                      char *source, size_t source_len)
{
    const char *d = lesson_param_get(p, "digit", "7_0000.png");
    char dir[700], path[1500], why[1700];
    if (strchr(d, '/')) {
        snprintf(path, sizeof path, "%s", d);
    } else if (nn_asset_path(dir, sizeof dir, "digits") == ZK_OK) {
        snprintf(path, sizeof path, "%s/%s", dir, d);
    } else {
        return lesson_fail(out, ZK_EIO, "cannot find assets/digits (set ZKCAVE_ASSETS)");
    }
    zk_err err = nn_digit_load_png(img, path, NULL, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    snprintf(source, source_len, "%s", strchr(d, '/') ? d : path);
    return ZK_OK;
}

void zkml_act_art(lesson_result *out, const uint8_t img[NN_PIXELS])
{
    static const char ramp[] = " .:-=+*#%@";
    for (int y = 0; y < NN_SIDE; y += 2) {
        char line[NN_SIDE + 8];
        int n = snprintf(line, sizeof line, "    |");
        for (int x = 0; x < NN_SIDE; x++) {
            int a = img[y * NN_SIDE + x], b = img[(y + 1) * NN_SIDE + x];
            line[n++] = ramp[(a > b ? a : b) * 9 / 255];
        }
        line[n++] = '|';
        line[n] = '\0';
        lesson_result_line(out, LESSON_MARK_NONE, "%s", line);
    }
}

void zkml_act_statement(lesson_result *out, lesson_mark mark, const zkml_public *st,
                        const zkml_model *m)
{
    int e = m->qm->q.out_exp[NN_LAYERS - 1];
    char logits[200];
    size_t n = 0;
    for (int k = 0; k < NN_CLASSES && n < sizeof logits; k++)
        n += (size_t)snprintf(logits + n, sizeof logits - n, " %lld", (long long)st->logits[k]);
    lesson_result_line(out, mark, "class %d; logits at 2^%d:%s (logit %d = %.3f)", st->cls, e,
                       logits, st->cls, ldexp((double)st->logits[st->cls], -e));
    if (st->has_hash) {
        char h[40];
        lesson_result_line(out, LESSON_MARK_NONE, "model hash %s",
                           lesson_zkml_hash_str(h, sizeof h, &st->model_hash));
    }
}

zk_err zkml_act_verdict(lesson_result *out, bool pass, const char *fmt, ...)
{
    out->verdict = pass ? LESSON_VERDICT_PASS : LESSON_VERDICT_FAIL;
    if (!pass && fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(out->message, sizeof out->message, fmt, ap);
        va_end(ap);
    }
    return ZK_OK;
}

/* The configuration a counting action names: weights=, pool=first|last,
 * pixels=packed|each, layers= (default all here: counting is cheap). */
static zk_err count_config(lesson_result *out, const lesson_params *p, const lesson_zkml *z,
                           lesson_zkml_config *cfg)
{
    static const char *const pools[2] = {"first", "last"}, *const pix[2] = {"packed", "each"};
    lesson_zkml_config_default(cfg, z);
    size_t pool = 0, px = 0;
    zk_err err = zkml_act_weights(out, p, z, &cfg->params);
    if (!err && lesson_param_get(p, "pool", NULL))
        err = lesson_param_choice(out, p, "pool", pools, 2, &pool);
    if (!err && lesson_param_get(p, "pixels", NULL))
        err = lesson_param_choice(out, p, "pixels", pix, 2, &px);
    if (!err && lesson_param_get(p, "layers", NULL))
        err = zkml_act_layers(out, p, &cfg->first_layer);
    cfg->pool_first = pool == 0;
    cfg->pixels = px ? ZKML_PIXELS_EACH : ZKML_PIXELS_PACKED;
    return err;
}

static zk_err count(lesson_result *out, const lesson_zkml *z, const lesson_zkml_config *cfg,
                    zkml_counts *k)
{
    char why[300] = "";
    zk_err err = lesson_zkml_count(k, NULL, z, cfg, why, sizeof why);
    return err ? lesson_fail(out, err, "%s", why) : ZK_OK;
}

/* Opens the shipped model and counts the configuration p names; z stays
 * open only on success. */
static zk_err open_counted(lesson_result *out, const lesson_params *p, lesson_zkml *z,
                           lesson_zkml_config *cfg, zkml_counts *k)
{
    zk_err err = zkml_act_open(out, z);
    if (err)
        return err;
    if ((err = count_config(out, p, z, cfg)) || (err = count(out, z, cfg, k)))
        lesson_zkml_close(z);
    return err;
}

static const char *const row_names[ZKML_ROWS] = {"input", "conv1", "conv2", "fc1",
                                                 "fc2",   "output", "model"};

/* ---- lesson 16 ---- */

/* zkml.counts weights= pool= pixels=: the table of the `v` tool. */
static zk_err counts_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k;
    zk_err err = open_counted(out, p, &z, &cfg, &k);
    if (err)
        return err;
    char what[160], a[32], b[32];
    lesson_zkml_config_str(what, sizeof what, &cfg);
    lesson_result_line(out, LESSON_MARK_HEAD, "%s", what);
    lesson_result_line(out, LESSON_MARK_NOTE, "row     operation               constraints  "
                       "share");
    for (int r = 0; r < ZKML_ROWS; r++) {
        bool first = true;
        for (int o = 0; o < ZKML_OPS; o++) {
            uint64_t n = k.cell[r][o].constraints;
            if (!n)
                continue;
            lesson_result_line(out, LESSON_MARK_NONE, "%-7s %-20s %13s %5.1f%%",
                               first ? row_names[r] : "", zkml_op_name((zkml_op)o),
                               lesson_zkml_commas(a, sizeof a, n),
                               100.0 * (double)n / (double)k.total.constraints);
            first = false;
        }
    }
    lesson_result_line(out, LESSON_MARK_OK, "total %s constraints, %s wires, %u public "
                       "signals: a 2^%u domain", lesson_zkml_commas(a, sizeof a,
                                                                    k.total.constraints),
                       lesson_zkml_commas(b, sizeof b, k.n_wires), k.n_public, k.log_domain);
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Constraints per row", "row",
                                        "constraints");
    double y[ZKML_ROWS];
    for (int r = 0; r < ZKML_ROWS; r++)
        y[r] = (double)lesson_zkml_row_total(&k, (zkml_row)r);
    if (!(err = viz_chart_set_categories(ch, row_names, ZKML_ROWS)))
        err = viz_chart_add_bars(ch, zkml_visibility_name(cfg.params), VIZ_YELLOW, y, ZKML_ROWS);
    lesson_zkml_close(&z);
    return err;
}

/* zkml.modes pool=: the total of every visibility, and each row's. */
static zk_err modes_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    zkml_counts *k = zk_calloc(ZKML_VISIBILITIES, sizeof *k);
    char why[300] = "";
    if (!k)
        err = ZK_ENOMEM;
    if (!err && !(err = count_config(out, p, &z, &cfg)) &&
        (err = lesson_zkml_count_modes(k, &z, &cfg, why, sizeof why)))
        lesson_fail(out, err, "%s", why);
    for (int v = 0; v < ZKML_VISIBILITIES && !err; v++) {
        char a[32];
        lesson_result_line(out, LESSON_MARK_HEAD, "weights %-8s %13s constraints, 2^%u, %u "
                           "public signals", zkml_visibility_name((zkml_visibility)v),
                           lesson_zkml_commas(a, sizeof a, k[v].total.constraints),
                           k[v].log_domain, k[v].n_public);
        lesson_result_line(out, LESSON_MARK_NOTE, "%s",
                           zkml_visibility_meaning((zkml_visibility)v));
    }
    if (!err) {
        viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Constraints per row", "row",
                                            "constraints");
        err = lesson_zkml_mode_chart(ch, k);
    }
    zk_free(k);
    lesson_zkml_close(&z);
    return err;
}

/* zkml.pool weights=: the conv layers with the max-pool first and last. */
static zk_err pool_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k[2];
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    if (!(err = count_config(out, p, &z, &cfg))) {
        cfg.pool_first = false;
        if (!(err = count(out, &z, &cfg, &k[1]))) {
            cfg.pool_first = true;
            err = count(out, &z, &cfg, &k[0]);
        }
    }
    if (err) {
        lesson_zkml_close(&z);
        return err;
    }
    static const zkml_op ops[3] = {ZKML_OP_MAXPOOL, ZKML_OP_RESCALE, ZKML_OP_RELU};
    lesson_result_line(out, LESSON_MARK_HEAD, "weights %s         pool last    pool first",
                       zkml_visibility_name(cfg.params));
    char a[32], b[32];
    for (int r = ZKML_ROW_CONV1; r <= ZKML_ROW_CONV2; r++)
        for (int i = 0; i < 3; i++)
            lesson_result_line(out, LESSON_MARK_NONE, "%-6s %-10s %13s %13s", row_names[r],
                               zkml_op_name(ops[i]),
                               lesson_zkml_commas(a, sizeof a, k[1].cell[r][ops[i]].constraints),
                               lesson_zkml_commas(b, sizeof b, k[0].cell[r][ops[i]].constraints));
    lesson_result_line(out, LESSON_MARK_OK, "whole circuit: %s (2^%u) with the pool last, %s "
                       "(2^%u) with it first", lesson_zkml_commas(a, sizeof a,
                                                                  k[1].total.constraints),
                       k[1].log_domain, lesson_zkml_commas(b, sizeof b, k[0].total.constraints),
                       k[0].log_domain);
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Max-pool last or first", "",
                                        "constraints");
    err = lesson_zkml_pool_chart(ch, &k[0], &k[1]);
    lesson_zkml_close(&z);
    return err;
}

/* zkml.scale weights=: the prover's throughput here, and the networks
 * extrapolated with it and with the 10^6 constraints/s of the article series
 * (src/nn/cnn.h). */
static zk_err scale_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k;
    lesson_zkml_rate small, full;
    char why[300] = "", a[32], b[32], c[32], d[32];
    zk_err err = open_counted(out, p, &z, &cfg, &k);
    if (err)
        return err;
    if ((err = lesson_zkml_measure_rate(&small, &z, ev, why, sizeof why))) {
        lesson_zkml_close(&z);
        return lesson_fail(out, err, "timing a proof: %s", why);
    }
    bool have_full = lesson_zkml_rate_load(&full) == ZK_OK;
    const lesson_zkml_rate *use = have_full ? &full : &small;
    lesson_result_line(out, LESSON_MARK_HEAD, "Groth16 on this machine (%s)", small.kernels);
    lesson_result_line(out, LESSON_MARK_OK, "proved %s in %.3f s (best of 3): %s constraints/s",
                       small.what, small.seconds,
                       lesson_zkml_short(a, sizeof a, lesson_zkml_rate_per_second(&small)));
    if (have_full)
        lesson_result_line(out, LESSON_MARK_OK, "proved %s in %s (%s): %s constraints/s",
                           full.what, lesson_zkml_duration(b, sizeof b, full.seconds), full.when,
                           lesson_zkml_short(a, sizeof a, lesson_zkml_rate_per_second(&full)));
    else
        lesson_result_line(out, LESSON_MARK_NOTE, "a rate measured at 2^14 need not hold at 2^22; "
                           "once the whole CNN is proven here (lesson 18), its own rate is used");
    double ratio = (double)k.total.constraints / lesson_zkml_nets[0].macs, rate =
        lesson_zkml_rate_per_second(use);
    lesson_result_line(out, LESSON_MARK_HEAD, "%.2f constraints a multiply-accumulate (weights "
                       "%s)", ratio, zkml_visibility_name(cfg.params));
    lesson_result_line(out, LESSON_MARK_NOTE, "%-10s %14s %11s %8s %9s", "network", "MACs",
                       "constraints", "at 10^6/s", "here");
    for (int i = 0; i < LESSON_ZKML_NETS; i++) {
        const lesson_zkml_net *n = &lesson_zkml_nets[i];
        double cons = i == 0 ? (double)k.total.constraints : n->macs * ratio;
        char macs[48];
        snprintf(macs, sizeof macs, "%s/%s", lesson_zkml_short(a, sizeof a, n->macs), n->per);
        lesson_result_line(out, LESSON_MARK_NONE, "%-10s %14s %11s %8s %9s", n->name, macs,
                           lesson_zkml_short(b, sizeof b, cons),
                           lesson_zkml_duration(c, sizeof c, cons / LESSON_ZKML_ARTICLE_RATE),
                           lesson_zkml_duration(d, sizeof d, cons / rate));
    }
    for (int i = 1; i < LESSON_ZKML_NETS; i++)
        lesson_result_line(out, LESSON_MARK_NOTE, "%s: %s", lesson_zkml_nets[i].name,
                           lesson_zkml_nets[i].source);
    lesson_zkml_close(&z);
    return ZK_OK;
}

/* The size of the proving key pinned here for cfg's circuit, or 0. */
static double pinned_key_bytes(const lesson_zkml *z, const lesson_zkml_config *cfg)
{
    lesson_zkml_target t = {cfg->params, cfg->first_layer, NULL};
    zkml_model zm;
    zkml_keys keys;
    char why[300];
    struct stat st;
    double bytes = 0;
    if (!cfg->pool_first || cfg->pixels != z->settings.pixels ||
        lesson_zkml_model(&zm, z, &t, why, sizeof why) != ZK_OK)
        return 0;
    if (zkml_keys_find(&keys, &zm, why, sizeof why) == ZK_OK) {
        if (keys.zkey[0] && stat(keys.zkey, &st) == 0)
            bytes = (double)st.st_size;
        zkml_keys_free(&keys);
    }
    zkml_model_free(&zm);
    return bytes;
}

/* zkml.memory weights=: what the Groth16 prover holds, and the key on
 * disk when one is pinned for the circuit here. */
static zk_err memory_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k;
    zk_err err = open_counted(out, p, &z, &cfg, &k);
    if (err)
        return err;
    lesson_zkml_memory m;
    lesson_zkml_memory_estimate(&m, &k);
    char a[32], b[32], c[32], d[32];
    lesson_result_line(out, LESSON_MARK_HEAD, "weights %s: %s wires, a 2^%u domain",
                       zkml_visibility_name(cfg.params), lesson_zkml_commas(a, sizeof a, k.n_wires),
                       k.log_domain);
    /* The witness's own size is the exercise under this panel (wires × 32):
     * the panel gives the wires and leaves the product to the student. */
    lesson_result_line(out, LESSON_MARK_NONE, "proving key    ≤ %10s  (A, B₁, C, H in G1, B₂ in "
                       "G2, the coefficients)", lesson_zkml_bytes(b, sizeof b, m.key));
    lesson_result_line(out, LESSON_MARK_NONE, "quotient         %10s  (three vectors over the "
                       "domain)", lesson_zkml_bytes(c, sizeof c, m.domain));
    lesson_result_line(out, LESSON_MARK_OK, "with the witness ≤ %8s  (one 32-byte value a wire)",
                       lesson_zkml_bytes(d, sizeof d, m.total));
    double key = pinned_key_bytes(&z, &cfg);
    if (key > 0)
        lesson_result_line(out, LESSON_MARK_OK, "the key made here for this circuit: %s on disk",
                           lesson_zkml_bytes(a, sizeof a, key));
    double per = m.total / (double)k.total.constraints;
    double ratio = (double)k.total.constraints / lesson_zkml_nets[0].macs;
    for (int i = 1; i < LESSON_ZKML_NETS; i++)
        lesson_result_line(out, LESSON_MARK_NOTE, "%s at the same bytes a constraint: ≈ %s a%s %s",
                           lesson_zkml_nets[i].name,
                           lesson_zkml_bytes(a, sizeof a, per * ratio * lesson_zkml_nets[i].macs),
                           lesson_zkml_nets[i].per[0] == 'i' ? "n" : "", lesson_zkml_nets[i].per);
    lesson_zkml_close(&z);
    return ZK_OK;
}

/* zkml.check_dominant weights= answer=: the layer with the most
 * constraints. */
static zk_err check_dominant(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k;
    zk_err err = open_counted(out, p, &z, &cfg, &k);
    if (err)
        return err;
    lesson_zkml_close(&z);
    char typed[64];
    lesson_answer_normalize(lesson_param_get(p, "answer", ""), typed, sizeof typed);
    const char *want = row_names[lesson_zkml_dominant(&k)];
    if (strcmp(typed, want) == 0)
        return zkml_act_verdict(out, true, NULL);
    for (int r = ZKML_ROW_CONV1; r <= ZKML_ROW_FC2; r++)
        if (strcmp(typed, row_names[r]) == 0) {
            char a[32];
            return zkml_act_verdict(out, false, "%s has %s constraints; another layer has more "
                                    "(add up each layer's operations)", row_names[r],
                                    lesson_zkml_commas(a, sizeof a, lesson_zkml_row_total(
                                                                        &k, (zkml_row)r)));
        }
    return zkml_act_verdict(out, false, "type a layer: conv1, conv2, fc1 or fc2");
}

/* zkml.check_saving weights= answer=: what pooling first saves. */
static zk_err check_saving(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k[2];
    zk_err err = open_counted(out, p, &z, &cfg, &k[0]);
    if (err)
        return err;
    cfg.pool_first = false;
    err = count(out, &z, &cfg, &k[1]);
    lesson_zkml_close(&z);
    if (err)
        return err;
    uint64_t typed, want = k[1].total.constraints - k[0].total.constraints;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &typed))
        return ZK_OK;
    return zkml_act_verdict(out, typed == want, "not quite: subtract the whole circuit's count "
                            "with the pool first from its count with the pool last");
}

/* zkml.check_witness_bytes weights= answer=: 32 bytes a wire. */
static zk_err check_witness_bytes(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    lesson_zkml_config cfg;
    zkml_counts k;
    zk_err err = open_counted(out, p, &z, &cfg, &k);
    if (err)
        return err;
    lesson_zkml_close(&z);
    uint64_t typed;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &typed))
        return ZK_OK;
    return zkml_act_verdict(out, typed == 32 * (uint64_t)k.n_wires,
                            typed == 32 * k.total.constraints
                                ? "that is 32 bytes a constraint; the witness holds one value "
                                  "a wire"
                                : "the witness holds one 32-byte value for every wire");
}

/* ---- lesson 17 ---- */

/* "3..28", or "1" for one element. */
static void span(char *out, size_t len, uint32_t first, uint32_t n)
{
    if (n == 1)
        snprintf(out, len, "%u", first);
    else
        snprintf(out, len, "%u..%u", first, first + n - 1);
}

/* zkml.settings: the shipped settings' run arguments and the public signals
 * in order. */
static zk_err settings_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    int first = z.settings.first_layer;
    if (lesson_param_get(p, "layers", NULL) && (err = zkml_act_layers(out, p, &first))) {
        lesson_zkml_close(&z);
        return err;
    }
    zkml_settings s = z.settings;
    s.first_layer = first;
    zkml_layout L;
    const nn_qparams *q = &z.qm->q;
    if ((err = zkml_layout_init(&L, &s, q))) {
        lesson_zkml_close(&z);
        return lesson_fail(out, err, "the settings make no layout");
    }
    lesson_result_line(out, LESSON_MARK_HEAD, "%s", z.source);
    lesson_result_line(out, LESSON_MARK_NONE, "input_visibility  %s    (the pixels)",
                       first == 0 ? "public" : "private");
    lesson_result_line(out, LESSON_MARK_NONE, "output_visibility public    (the class and logits)");
    lesson_result_line(out, LESSON_MARK_NONE, "param_visibility  %-8s  (the weights and biases)",
                       zkml_visibility_name(s.params));
    lesson_result_line(out, LESSON_MARK_NONE, "scales: input 2^%d; weights conv1 2^%d, conv2 2^%d, "
                       "fc1 2^%d, fc2 2^%d; activations 2^%d", q->in_exp, q->w_exp[0], q->w_exp[1],
                       q->w_exp[2], q->w_exp[3], q->out_exp[0]);
    lesson_result_line(out, LESSON_MARK_HEAD, "public signals, in order (public.json)");
    lesson_result_line(out, LESSON_MARK_NONE, "%-10u the class, 0 to 9", L.cls);
    char at[32];
    span(at, sizeof at, L.logits, L.n_logit_elems);
    lesson_result_line(out, LESSON_MARK_NONE, "%-10s the 10 logits, %d to an element as "
                       "logit + 2^%d in %d bits", at, L.logits_per_elem, L.logit_bits - 1,
                       L.logit_bits);
    if (L.has_hash)
        lesson_result_line(out, LESSON_MARK_NONE, "%-10u the model hash (Poseidon)", L.hash);
    if (L.has_pixels) {
        span(at, sizeof at, L.pixel_elems, L.n_pixel_elems);
        lesson_result_line(out, LESSON_MARK_NONE, "%-10s the 784 pixel bytes, %s", at,
                           L.pixels == ZKML_PIXELS_PACKED ? "31 to an element" : "one each");
    }
    if (!L.has_pixels)
        lesson_result_line(out, LESSON_MARK_NOTE, "no pixels: this reduced model starts at %s, "
                           "whose input stays private", nn_layers[first].name);
    lesson_result_line(out, LESSON_MARK_OK, "%u public signals; everything else is private",
                       L.n_public);
    lesson_zkml_close(&z);
    return ZK_OK;
}

/* zkml.check_layout what=pixel_elems|publics answer=. */
static zk_err check_layout(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const whats[2] = {"pixel_elems", "publics"};
    lesson_zkml z;
    size_t what;
    zk_err err = lesson_param_choice(out, p, "what", whats, 2, &what);
    if (err || (err = zkml_act_open(out, &z)))
        return err;
    zkml_layout L;
    err = zkml_layout_init(&L, &z.settings, &z.qm->q);
    lesson_zkml_close(&z);
    if (err)
        return lesson_fail(out, err, "the settings make no layout");
    uint64_t typed, want = what == 0 ? L.n_pixel_elems : L.n_public;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &typed))
        return ZK_OK;
    return zkml_act_verdict(out, typed == want, what == 0 ? "784 bytes, 31 to an element: "
                            "the last element is not full" : "count every element: class, "
                            "logits, model hash, pixels");
}

/* The pipeline's model of the shipped settings from layers= on, for body;
 * out->message set on a failure before body runs. */
typedef zk_err (*model_body)(lesson_result *out, const lesson_params *p, const zk_events *ev,
                             const zkml_model *m);

static zk_err with_model(lesson_result *out, const lesson_params *p, const zk_events *ev,
                         model_body body)
{
    lesson_zkml z;
    lesson_zkml_target t = {ZKML_HASHED, 3, NULL};
    zkml_model m;
    char why[600] = "";
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    t.params = z.settings.params;
    if (!(err = zkml_act_layers(out, p, &t.first_layer))) {
        if ((err = lesson_zkml_model(&m, &z, &t, why, sizeof why))) {
            lesson_fail(out, err, "%s", why);
        } else {
            err = body(out, p, ev, &m);
            zkml_model_free(&m);
        }
    }
    lesson_zkml_close(&z);
    return err;
}

/* zkml.compile layers=: the circuit built, as `zkcave mnist compile`. */
static zk_err compile_body(lesson_result *out, const lesson_params *p, const zk_events *ev,
                           const zkml_model *m)
{
    (void)p;
    zkml_circuit c;
    char why[300] = "", a[32], b[32];
    zk_err err = zkml_compile(&c, &m->s, m->qm, ev, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    lesson_result_line(out, LESSON_MARK_HEAD, "the circuit from %s on (%s weights)",
                       nn_layers[m->s.first_layer].name, zkml_visibility_name(m->s.params));
    lesson_result_line(out, LESSON_MARK_OK, "%s constraints, %s wires, %u public signals, %s "
                       "terms: a 2^%u domain",
                       lesson_zkml_commas(a, sizeof a, c.counts.total.constraints),
                       lesson_zkml_commas(b, sizeof b, c.cs.n_wires), c.counts.n_public,
                       lesson_zkml_short(why, sizeof why, (double)c.counts.total.terms),
                       c.counts.log_domain);
    for (int r = 0; r < ZKML_ROWS; r++)
        if (lesson_zkml_row_total(&c.counts, (zkml_row)r))
            lesson_result_line(out, LESSON_MARK_NONE, "  %-6s %13s", row_names[r],
                               lesson_zkml_commas(a, sizeof a,
                                                  lesson_zkml_row_total(&c.counts, (zkml_row)r)));
    lesson_result_line(out, LESSON_MARK_NOTE, "circuit id %.16s… (what the key cache files it "
                       "under)", m->id_hex);
    zkml_circuit_free(&c);
    return ZK_OK;
}

static zk_err compile_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    return with_model(out, p, ev, compile_body);
}

/* zkml.setup layers=: the key pinned for the circuit, made once. */
static zk_err setup_body(lesson_result *out, const lesson_params *p, const zk_events *ev,
                         const zkml_model *m)
{
    (void)p;
    zkml_keys k;
    char why[600] = "", sha[65];
    zk_err err = zkml_keys_ensure(&k, m, ev, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    lesson_result_line(out, LESSON_MARK_OK, "%s: the key for the circuit from %s on",
                       k.made ? "made now" : "made earlier and pinned",
                       nn_layers[m->s.first_layer].name);
    lesson_result_line(out, LESSON_MARK_NONE, "in %s", k.dir);
    for (int i = 0; i < 32; i++)
        snprintf(sha + 2 * i, 3, "%02x", k.vk_sha256[i]);
    lesson_result_line(out, LESSON_MARK_NONE, "vk.json SHA-256 %.16s…; the setup took %.1f s",
                       sha, k.setup_seconds);
    lesson_result_line(out, LESSON_MARK_NOTE, "from τ, α, β, γ, δ sampled on this machine and "
                       "wiped: you trust this setup because you ran it");
    zkml_keys_free(&k);
    return ZK_OK;
}

static zk_err setup_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    return with_model(out, p, ev, setup_body);
}

/* zkml.witness digit= layers=: the witness, and what of it is public. */
static zk_err witness_body(lesson_result *out, const lesson_params *p, const zk_events *ev,
                          const zkml_model *m)
{
    uint8_t img[NN_PIXELS];
    char src[1600], a[32], b[32];
    zkml_witness w;
    zkml_report rep;
    zk_err err = zkml_act_digit(out, p, img, src, sizeof src);
    if (err)
        return err;
    if ((err = zkml_witness_for(&w, m, img, true, ev, &rep)))
        return lesson_fail(out, err, "%s", rep.msg);
    lesson_result_line(out, LESSON_MARK_HEAD, "%s", src);
    lesson_result_line(out, LESSON_MARK_OK, "%s values, every constraint checked as it was "
                       "made; equal to nn_qinfer layer by layer", lesson_zkml_commas(a, sizeof a,
                                                                                   w.n));
    lesson_result_line(out, LESSON_MARK_NONE, "public: w_1 … w_%u (%u values)",
                       m->layout.n_public, m->layout.n_public);
    lesson_result_line(out, LESSON_MARK_NONE, "private: the other %s, the weights and every "
                       "intermediate value among them",
                       lesson_zkml_commas(b, sizeof b, w.n - 1 - m->layout.n_public));
    zkml_act_statement(out, LESSON_MARK_NONE, &w.pub, m);
    zkml_witness_free(&w);
    return ZK_OK;
}

static zk_err witness_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    return with_model(out, p, ev, witness_body);
}

static const lesson_action actions[] = {
    {"zkml.counts", "weights pool pixels layers", "the CNN's constraints per row and operation",
     counts_action},
    {"zkml.modes", "pool pixels layers", "the constraints of each visibility", modes_action},
    {"zkml.pool", "weights pixels layers", "max-pool before or after the rescale", pool_action},
    {"zkml.scale", "weights pool pixels layers",
     "Groth16 throughput here and the extrapolation to larger networks", scale_action},
    {"zkml.memory", "weights pool pixels layers", "what the Groth16 prover holds",
     memory_action},
    {"zkml.check_dominant", "weights pool pixels layers answer",
     "checks the layer with the most constraints", check_dominant},
    {"zkml.check_saving", "weights pixels layers answer", "checks what pooling first saves",
     check_saving},
    {"zkml.check_witness_bytes", "weights pool pixels layers answer",
     "checks the witness's size in bytes", check_witness_bytes},
    {"zkml.settings", "layers", "the settings' run arguments and the public signals",
     settings_action},
    {"zkml.check_layout", "what answer", "checks a count of the public layout", check_layout},
    {"zkml.compile", "layers", "builds the circuit", compile_action},
    {"zkml.setup", "layers", "the key pinned for the circuit", setup_action},
    {"zkml.witness", "digit layers", "the witness of a digit", witness_action},
};

const lesson_action_table lesson_actions_zkml = {actions, sizeof actions / sizeof actions[0]};
