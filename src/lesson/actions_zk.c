/* zk.simulate / compare / sample / rewind: lesson 02, zero knowledge
 * made visible (sigma/schnorr.h, sigma/schnorr_dist.h). */
#include <stdio.h>
#include <string.h>

#include "lesson/actions.h"
#include "lesson/action_util.h"

/* A key for the lesson: x = 8 in the toy group (y = 9), random elsewhere. */
static void lesson_key(const sg_group *g, schnorr_keypair *kp, zk_rng *rng)
{
    if (g->kind == SG_ZP && mpz_cmp_ui(SG_ORDER(g), 8) > 0) {
        mpz_t x;
        mpz_init_set_ui(x, 8);
        schnorr_keypair_set(g, kp, x);
        mpz_clear(x);
    } else {
        schnorr_keygen(g, kp, rng);
    }
}

/* zk.simulate n=N: transcripts made from y alone, each accepted. */
static zk_err simulate_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    sg_group g;
    zk_rng storage, *rng;
    uint64_t n;
    zk_err err = lesson_param_u64(out, p, "n", 5, 1, 20, &n);
    if (err || (err = lesson_group_rng(out, p, &g, &storage, &rng)))
        return err;
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    lesson_key(&g, &kp, rng);
    char y[LESSON_NUM];
    lesson_result_line(out, LESSON_MARK_NOTE, "the simulator is given y = %s and nothing else",
                       lesson_elt(y, sizeof y, &g, &kp.y));
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    for (uint64_t i = 0; i < n && !err; i++) {
        schnorr_simulate(&g, &tr, &kp.y, rng);
        zk_err v = schnorr_verify(&g, NULL, &kp.y, &tr);
        char t[LESSON_NUM], c[LESSON_NUM], s[LESSON_NUM];
        lesson_result_line(out, v ? LESSON_MARK_BAD : LESSON_MARK_OK,
                           "pick c = %-6s s = %-6s then t = g^s·y^-c = %-8s %s",
                           lesson_num(c, sizeof c, tr.c), lesson_num(s, sizeof s, tr.s),
                           lesson_elt(t, sizeof t, &g, &tr.t), v ? "rejected" : "accepted");
        if (v && v != ZK_EVERIFY)
            err = v;
    }
    schnorr_transcript_clear(&tr);
    schnorr_keypair_clear(&kp);
    sg_clear(&g);
    return err;
}

/* Bars of how often each commitment t = g^i appears, labelled by t's value. */
static zk_err t_chart(lesson_result *out, const sg_group *g, const char *title,
                      const uint32_t *counts, unsigned q, viz_color color)
{
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, title, "commitment t", "count");
    if (!ch)
        return ZK_EOVERFLOW;
    char labels[SCHNORR_DIST_MAX_Q][8];
    const char *names[SCHNORR_DIST_MAX_Q];
    double values[SCHNORR_DIST_MAX_Q];
    sg_elt e;
    sg_elt_init(&e);
    mpz_t k;
    mpz_init(k);
    for (unsigned i = 0; i < q; i++) {
        mpz_set_ui(k, i);
        sg_exp_g(g, &e, k);
        gmp_snprintf(labels[i], sizeof labels[i], "%Zd", e.v);
        names[i] = labels[i];
        values[i] = counts[i];
    }
    mpz_clear(k);
    sg_elt_clear(&e);
    ch->y_fixed = true;
    ch->y_lo = 0;
    ch->y_hi = 2.0 * q;
    zk_err err = viz_chart_set_categories(ch, names, q);
    return err ? err : viz_chart_add_bars(ch, "transcripts", color, values, q);
}

/* zk.compare nonces=R: every real and every simulated transcript of
 * the toy group counted; with R < q the prover is biased and it shows. */
static zk_err compare_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    sg_group g;
    zk_rng storage, *rng;
    zk_err err = lesson_group_rng(out, p, &g, &storage, &rng);
    if (err)
        return err;
    if (g.kind != SG_ZP || mpz_cmp_ui(SG_ORDER(&g), SCHNORR_DIST_MAX_Q) > 0) {
        sg_clear(&g);
        return lesson_fail(out, ZK_EUNSUPPORTED, "exact tables need a toy group (group=toy11)");
    }
    unsigned q = (unsigned)mpz_get_ui(SG_ORDER(&g));
    uint64_t nonces;
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    schnorr_dist d;
    memset(&d, 0, sizeof d);
    err = lesson_param_u64(out, p, "nonces", q, 1, q, &nonces);
    if (!err) {
        lesson_key(&g, &kp, rng);
        err = schnorr_dist_exact(&g, &d, kp.x, (unsigned)nonces);
    }
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE,
                           "real: %u nonces r × %u challenges c = %llu transcripts (t, c, s)",
                           d.r_count, q, (unsigned long long)d.real_total);
        lesson_result_line(out, LESSON_MARK_NONE,
                           "simulated: %u choices of c × %u of s = %llu transcripts", q, q,
                           (unsigned long long)d.sim_total);
        if (d.identical)
            lesson_result_line(out, LESSON_MARK_OK,
                               "the two tables agree in all %u^3 cells: each of the %llu accepting "
                               "triples occurs exactly once in both", q,
                               (unsigned long long)d.support);
        else
            lesson_result_line(out, LESSON_MARK_BAD,
                               "the tables differ: a prover using only %u nonces can be told "
                               "apart from the simulator", d.r_count);
        err = t_chart(out, &g, "t in real transcripts", d.real_t, q, VIZ_GREEN);
        if (!err)
            err = t_chart(out, &g, "t in simulated ones", d.sim_t, q, VIZ_MAGENTA);
        schnorr_dist_clear(&d);
    }
    schnorr_keypair_clear(&kp);
    sg_clear(&g);
    return err;
}

static zk_err hist_chart(lesson_result *out, const schnorr_hist *h, const char *title)
{
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, title, "low 4 bits", "count");
    if (!ch)
        return ZK_EOVERFLOW;
    char labels[SCHNORR_HIST_BINS][4];
    const char *names[SCHNORR_HIST_BINS];
    double real[SCHNORR_HIST_BINS], sim[SCHNORR_HIST_BINS];
    for (int i = 0; i < SCHNORR_HIST_BINS; i++) {
        snprintf(labels[i], sizeof labels[i], "%x", i);
        names[i] = labels[i];
        real[i] = h->real[i];
        sim[i] = h->sim[i];
    }
    zk_err err = viz_chart_set_categories(ch, names, SCHNORR_HIST_BINS);
    if (!err)
        err = viz_chart_add_bars(ch, "real", VIZ_GREEN, real, SCHNORR_HIST_BINS);
    if (!err)
        err = viz_chart_add_bars(ch, "simulated", VIZ_MAGENTA, sim, SCHNORR_HIST_BINS);
    return err;
}

/* zk.sample n=N: on a real group, histograms and chi-squared tests. */
static zk_err sample_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    sg_group g;
    zk_rng storage, *rng;
    uint64_t n;
    zk_err err = lesson_param_u64(out, p, "n", 300, 1, 1u << 20, &n);
    if (err || (err = lesson_group_rng(out, p, &g, &storage, &rng)))
        return err;
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    lesson_key(&g, &kp, rng);
    schnorr_sample sm;
    err = schnorr_dist_sample(&g, &sm, &kp, (uint32_t)n, rng, ev);
    if (err == ZK_ECANCELLED)
        lesson_fail(out, err, "the sampling was stopped");
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE, "%llu real and %llu simulated transcripts",
                           (unsigned long long)n, (unsigned long long)n);
        const schnorr_hist *hs[3] = {&sm.t, &sm.c, &sm.s};
        for (int i = 0; i < 3; i++) {
            bool same = hs[i]->chi2.p_value >= 0.001;
            lesson_result_line(out, same ? LESSON_MARK_OK : LESSON_MARK_BAD,
                               "%s: chi-squared %.1f on %u degrees of freedom, p = %.3f%s",
                               hs[i]->what, hs[i]->chi2.stat, hs[i]->chi2.df, hs[i]->chi2.p_value,
                               same ? "  (no evidence of a difference)" : "  (they differ!)");
        }
        err = hist_chart(out, &sm.t, "t: real vs simulated");
        if (!err)
            err = hist_chart(out, &sm.s, "s: real vs simulated");
    }
    schnorr_keypair_clear(&kp);
    sg_clear(&g);
    return err;
}

/* The verifier of the rewinding demo picks its challenge from t (a hash of
 * its encoding), as a cheating verifier could. */
typedef struct rewind_verifier {
    const sg_group *g;
    uint64_t bound;
} rewind_verifier;

static zk_err choose_challenge(void *user, mpz_t c, const sg_elt *t)
{
    rewind_verifier *v = user;
    uint8_t enc[SG_ENC_MAX], h[32];
    sg_encode(v->g, enc, t);
    fs_tagged_hash(h, "zkcave/lesson/verifier", enc, v->g->elt_bytes);
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x = x << 8 | h[i];
    mpz_set_ui(c, (unsigned long)(x % v->bound));
    return ZK_OK;
}

typedef struct rewind_log {
    lesson_result *out;
    const zk_events *outer;
    unsigned shown;
} rewind_log;

/* Each try's note becomes a line (the first 12 of them); progress goes on
 * to the workbench. */
static bool on_rewind(void *user, const zk_event *e)
{
    rewind_log *log = user;
    if (e->kind == ZK_EV_NOTE && e->detail && log->shown < 12) {
        log->shown++;
        lesson_result_line(log->out, LESSON_MARK_NOTE, "%s", e->detail);
    }
    return zk_emit_data(log->outer, e) == ZK_OK;
}

/* zk.rewind bound=B: the simulator against a verifier whose challenge
 * depends on t, by guessing and rewinding. */
static zk_err rewind_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    sg_group g;
    zk_rng storage, *rng;
    zk_err err = lesson_group_rng(out, p, &g, &storage, &rng);
    if (err)
        return err;
    uint64_t bound, limit = mpz_fits_ulong_p(SG_ORDER(&g)) ? mpz_get_ui(SG_ORDER(&g)) : 1u << 16;
    err = lesson_param_u64(out, p, "bound", limit < 11 ? limit : 11, 1, limit, &bound);
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    if (!err) {
        lesson_key(&g, &kp, rng);
        rewind_verifier v = {&g, bound};
        rewind_log log = {out, ev, 0};
        zk_events sink = {on_rewind, &log};
        uint64_t tries = 0;
        err = schnorr_simulate_rewind(&g, &tr, &tries, &kp.y, bound, choose_challenge, &v,
                                      100000, rng, &sink);
        if (!err) {
            if (tries > log.shown)
                lesson_result_line(out, LESSON_MARK_NOTE, "… %llu tries in all",
                                   (unsigned long long)tries);
            char t[LESSON_NUM], c[LESSON_NUM], s[LESSON_NUM];
            bool ok = schnorr_verify(&g, NULL, &kp.y, &tr) == ZK_OK;
            lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                               "after %llu %s: t = %s, c = %s, s = %s, %s — made without x",
                               (unsigned long long)tries, tries == 1 ? "try" : "tries",
                               lesson_elt(t, sizeof t, &g, &tr.t), lesson_num(c, sizeof c, tr.c),
                               lesson_num(s, sizeof s, tr.s), ok ? "accepted" : "rejected");
        } else if (err == ZK_EOVERFLOW) {
            lesson_fail(out, err, "gave up after 100000 tries: with %llu possible challenges "
                        "rewinding is hopeless", (unsigned long long)bound);
        }
    }
    schnorr_transcript_clear(&tr);
    schnorr_keypair_clear(&kp);
    sg_clear(&g);
    return err;
}

static const lesson_action actions[] = {
    {"zk.simulate", "group n seed", "transcripts made without the secret",
     simulate_action},
    {"zk.compare", "group nonces seed", "every real and simulated transcript, counted",
     compare_action},
    {"zk.sample", "group n seed", "real and simulated transcripts, histograms and tests",
     sample_action},
    {"zk.rewind", "group bound seed", "the simulator that guesses and rewinds",
     rewind_action},
};

const lesson_action_table lesson_actions_zk = {actions, sizeof actions / sizeof actions[0]};
