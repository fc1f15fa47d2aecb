/* counts.*: lesson 16 (scale and memory: the constraint counts per layer,
 * operation and visibility, pooling first, the prover's throughput here
 * and the extrapolation, the prover's memory) and the counts lesson 17
 * quotes, over src/zkml. The zkML pipeline's own actions (settings,
 * compile, setup, witness, prove) are zkml.*, in actions_zkml.c. */
#include "lesson/actions_zkml.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "lesson/answer.h"

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

/* ---- lesson 16 ---- */

/* counts.layers weights= pool= pixels=: the table of the `v` tool. */
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
                               first ? zkml_act_row_names[r] : "", zkml_op_name((zkml_op)o),
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
    if (!(err = viz_chart_set_categories(ch, zkml_act_row_names, ZKML_ROWS)))
        err = viz_chart_add_bars(ch, zkml_visibility_name(cfg.params), VIZ_YELLOW, y, ZKML_ROWS);
    lesson_zkml_close(&z);
    return err;
}

/* counts.modes pool=: the total of every visibility, and each row's. */
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

/* counts.pool weights=: the conv layers with the max-pool first and last. */
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
            lesson_result_line(out, LESSON_MARK_NONE, "%-6s %-10s %13s %13s", zkml_act_row_names[r],
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

/* counts.scale weights=: the prover's throughput here, and the networks
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

/* counts.memory weights=: what the Groth16 prover holds, and the key on
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

/* counts.check_dominant weights= answer=: the layer with the most
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
    const char *want = zkml_act_row_names[lesson_zkml_dominant(&k)];
    if (strcmp(typed, want) == 0)
        return zkml_act_verdict(out, true, NULL);
    for (int r = ZKML_ROW_CONV1; r <= ZKML_ROW_FC2; r++)
        if (strcmp(typed, zkml_act_row_names[r]) == 0) {
            char a[32];
            return zkml_act_verdict(out, false, "%s has %s constraints; another layer has more "
                                    "(add up each layer's operations)", zkml_act_row_names[r],
                                    lesson_zkml_commas(a, sizeof a, lesson_zkml_row_total(
                                                                        &k, (zkml_row)r)));
        }
    return zkml_act_verdict(out, false, "type a layer: conv1, conv2, fc1 or fc2");
}

/* counts.check_saving weights= answer=: what pooling first saves. */
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

/* counts.check_witness_bytes weights= answer=: 32 bytes a wire. */
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

static const lesson_action actions[] = {
    {"counts.layers", "weights pool pixels layers", "the CNN's constraints per row and operation",
     counts_action},
    {"counts.modes", "pool pixels layers", "the constraints of each visibility", modes_action},
    {"counts.pool", "weights pixels layers", "max-pool before or after the rescale", pool_action},
    {"counts.scale", "weights pool pixels layers",
     "Groth16 throughput here and the extrapolation to larger networks", scale_action},
    {"counts.memory", "weights pool pixels layers", "what the Groth16 prover holds",
     memory_action},
    {"counts.check_dominant", "weights pool pixels layers answer",
     "checks the layer with the most constraints", check_dominant},
    {"counts.check_saving", "weights pixels layers answer", "checks what pooling first saves",
     check_saving},
    {"counts.check_witness_bytes", "weights pool pixels layers answer",
     "checks the witness's size in bytes", check_witness_bytes},
};

const lesson_action_table lesson_actions_counts = {actions, sizeof actions / sizeof actions[0]};
