/* frontier.*: lesson 20. Where a Groth16 prover's time goes (a real proof
 * of a squaring chain, its phases timed from their events), recursion as a
 * cost model fed with that measured rate and with operations counted from
 * our own verifier, the x² network against the ReLU one (both shipped,
 * their circuits counted, a layer of the x² one proven), and the
 * optimistic challenge game over the CNN (nn/dispute.h), played against a
 * referee. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "core/alloc.h"
#include "core/json.h"
#include "curve/pairing.h"
#include "field/field.h"
#include "lesson/action_util.h"
#include "lesson/actions_zkml.h"
#include "nn/dispute.h"
#include "nn/model_file.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"

static double now_s(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* ---- where the prover's time goes -------------------------------------------- */

/* groth16_prove's phases (snark/groth16.h) and the group each counts in. */
enum { PHASES = 6, GROUPS = 4 };
static const char *const phase_names[PHASES] = {"qap_h", "msm_a", "msm_b1", "msm_c",
                                                "msm_b2", "finish"};
static const int phase_group[PHASES] = {0, 1, 1, 1, 2, 3};
static const char *const group_names[GROUPS] = {"NTT/QAP", "G1 MSMs", "G2 MSM", "rest"};

typedef struct phase_clock {
    const zk_events *up;     /* the caller's sink: progress and Esc */
    double start[PHASES], wall[PHASES], cpu0[PHASES], cpu[PHASES];
} phase_clock;

static bool on_event(void *user, const zk_event *ev)
{
    phase_clock *c = user;
    for (int i = 0; i < PHASES; i++)
        if (ev->phase && strcmp(ev->phase, phase_names[i]) == 0) {
            if (ev->kind == ZK_EV_BEGIN) {
                c->start[i] = now_s(CLOCK_MONOTONIC);
                c->cpu0[i] = now_s(CLOCK_PROCESS_CPUTIME_ID);
            } else if (ev->kind == ZK_EV_END) {
                c->wall[i] += now_s(CLOCK_MONOTONIC) - c->start[i];
                c->cpu[i] += now_s(CLOCK_PROCESS_CPUTIME_ID) - c->cpu0[i];
            }
        }
    return zk_emit_data(c->up, ev) == ZK_OK;
}

/* One measured prover run: the best of reps proofs of a squaring chain
 * filling a 2^log_n domain. */
typedef struct prove_share {
    uint32_t constraints;
    unsigned log_n;
    double total, cpu_total;     /* the best proof's wall clock and process CPU */
    double wall[GROUPS], cpu[GROUPS];
    size_t n_public;
    bool verified;
} prove_share;

/* The key comes from secrets drawn from a seeded generator, published by
 * this comment (as `zkcave bench` makes its keys): the setup is not what
 * is measured, and a variable-time setup keeps the lesson quick. */
static zk_err measure_share(prove_share *out, unsigned log_n, unsigned reps, const zk_events *ev)
{
    memset(out, 0, sizeof *out);
    out->log_n = log_n;
    out->constraints = (1u << log_n) - 3;   /* + 2 public signals + 1 fill 2^log_n */
    r1cs s;
    groth16_demo_key k = {0};
    fr_t *w = NULL;
    zk_err err = groth16_demo_square_chain(&s, out->constraints);
    if (err)
        return err;
    err = groth16_demo_witness(&w, &s, 1);
    zk_rng rng;
    zk_rng_seed_u64(&rng, 20);
    if (!err)
        err = groth16_demo_key_make(&k, &s, &rng, false, ev);
    out->total = INFINITY;
    groth16_proof pr;
    for (unsigned r = 0; r < reps && !err; r++) {
        phase_clock c = {.up = ev};
        zk_events mine = {on_event, &c};
        double t0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
        err = groth16_prove(&pr, &k.pk, w, s.n_wires, &rng, &mine);
        double t = now_s(CLOCK_MONOTONIC) - t0, ct = now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        if (err || t >= out->total)
            continue;
        out->total = t;
        out->cpu_total = ct;
        double in_phases = 0, cpu_phases = 0;
        memset(out->wall, 0, sizeof out->wall);
        memset(out->cpu, 0, sizeof out->cpu);
        for (int i = 0; i < PHASES; i++) {
            out->wall[phase_group[i]] += c.wall[i];
            out->cpu[phase_group[i]] += c.cpu[i];
            in_phases += c.wall[i];
            cpu_phases += c.cpu[i];
        }
        /* Whatever ran between the phases counts as the rest. */
        out->wall[3] += t - in_phases > 0 ? t - in_phases : 0;
        out->cpu[3] += ct - cpu_phases > 0 ? ct - cpu_phases : 0;
    }
    out->n_public = k.vk.n_public;
    if (!err)
        err = groth16_verify(&out->verified, &k.vk, w + 1, k.vk.n_public, &pr);
    groth16_demo_key_free(&k);
    r1cs_free(&s);
    zk_free(w);
    return err;
}

static zk_err share_params(lesson_result *out, const lesson_params *p, unsigned *log_n,
                           unsigned *reps)
{
    uint64_t l, r;
    zk_err err = lesson_param_u64(out, p, "log", 12, 8, 16, &l);
    if (!err)
        err = lesson_param_u64(out, p, "reps", 3, 1, 5, &r);
    *log_n = (unsigned)l;
    *reps = (unsigned)r;
    return err;
}

static zk_err measured(lesson_result *out, const lesson_params *p, const zk_events *ev,
                       prove_share *m)
{
    unsigned log_n, reps;
    zk_err err = share_params(out, p, &log_n, &reps);
    if (err)
        return err;
    if ((err = measure_share(m, log_n, reps, ev)))
        return lesson_fail(out, err, "the prover failed: %s", zk_strerror(err));
    if (!m->verified)
        return lesson_fail(out, ZK_EVERIFY, "the proof does not verify");
    return ZK_OK;
}

/* frontier.share log= reps=: the phases of one prover run as a table and a
 * bar chart of their shares. */
static zk_err share_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    prove_share m;
    zk_err err = measured(out, p, ev, &m);
    if (err)
        return err;
    char a[32];
    lesson_result_line(out, LESSON_MARK_OK, "a squaring chain of %s constraints (2^%u domain), "
                       "proven and verified: best of %s", lesson_zkml_commas(a, sizeof a,
                                                                             m.constraints),
                       m.log_n, lesson_param_get(p, "reps", "3"));
    /* Shares of CPU time: on a machine others share, a phase's wall clock
     * also counts the time its threads waited for a core. */
    lesson_result_line(out, LESSON_MARK_HEAD, "part\tms\tCPU ms\tshare");
    double pct[GROUPS];
    for (int g = 0; g < GROUPS; g++) {
        pct[g] = 100.0 * m.cpu[g] / m.cpu_total;
        lesson_result_line(out, LESSON_MARK_NONE, "%s\t%.1f\t%.1f\t%.0f %%", group_names[g],
                           m.wall[g] * 1e3, m.cpu[g] * 1e3, pct[g]);
    }
    lesson_result_line(out, LESSON_MARK_NONE, "total\t%.1f\t%.1f\t100 %%", m.total * 1e3,
                       m.cpu_total * 1e3);
    lesson_result_line(out, LESSON_MARK_OK, "MSMs together: %.0f %% of the prove",
                       pct[1] + pct[2]);
    lesson_result_line(out, LESSON_MARK_NOTE, "%s constraints/s on this machine (kernels: %s)",
                       lesson_zkml_short(a, sizeof a, m.constraints / m.total), field_kernels());
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Where the prove time goes", "",
                                        "% of CPU time");
    if (!(err = viz_chart_set_categories(ch, group_names, GROUPS)))
        err = viz_chart_add_bars(ch, "share", VIZ_YELLOW, pct, GROUPS);
    return err;
}

/* ---- recursion as a cost model ------------------------------------------------ */

/* What one BN254 pairing check costs in F_q multiplications, counted from
 * the code of curve/pairing.c and curve/pairing_final_exp.c: the loop's
 * length and additions from the NAF the code itself walks, the work of each
 * step from the multiplications written in it. The conversion of F_q2 and
 * F_q12 operations into F_q multiplications is the model's (Karatsuba: an
 * F_q2 product 3, an F_q12 product 3·6·3 = 54, a squaring 36, a sparse line
 * product 13 F_q2 products, a cyclotomic squaring 9 F_q2 squarings of 2). */
typedef struct verifier_count {
    int loop_len, loop_adds;       /* NAF of 6x + 2 */
    int x_len, x_adds;             /* NAF of x */
    size_t pairs;
    double fq_muls;
} verifier_count;

static void count_verifier(verifier_count *v, size_t pairs)
{
    int8_t naf[BN254_NAF_MAX];
    v->pairs = pairs;
    v->loop_len = bn254_naf(naf, (zk_u128)BN254_ATE_X * 6 + 2);
    v->loop_adds = 0;
    for (int i = 0; i < v->loop_len - 1; i++)
        v->loop_adds += naf[i] != 0;
    v->x_len = bn254_naf(naf, BN254_ATE_X);
    v->x_adds = 0;
    for (int i = 0; i < v->x_len - 1; i++)
        v->x_adds += naf[i] != 0;
    const double fq2 = 3, mul12 = 54, sqr12 = 36, line = 13 * fq2, cyclo = 9 * 2;
    const double dbl = 10 * fq2 + 2 * 2, add = 13 * fq2 + 2 * 2;   /* dbl_step, add_step */
    double loop = (v->loop_len - 2) * sqr12 + (double)pairs * ((v->loop_len - 1) * (dbl + line) +
                                                                (v->loop_adds + 2) * (add + line));
    /* Three exponentiations by x, 12 more F_q12 products, and the easy
     * part's inversion (an F_q inversion taken as 100 products) with two. */
    double fexp = 3 * ((v->x_len - 1) * cyclo + v->x_adds * mul12) + 12 * mul12 + 2 * mul12 +
                  100;
    v->fq_muls = loop + fexp;
}

/* A duration for the table: ms below a second, s above. */
static char *duration(char *out, size_t len, double s)
{
    char t[32];
    if (s < 1)
        snprintf(out, len, "%.1f ms", s * 1e3);
    else if (s < 100)
        snprintf(out, len, "%.1f s", s);
    else
        snprintf(out, len, "%s s", lesson_zkml_short(t, sizeof t, s));
    return out;
}

/* frontier.recursion log= limb= pub=: the verifier in a circuit, three ways. */
static zk_err recursion_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t limb, pub;
    zk_err err = lesson_param_u64(out, p, "limb", 64, 16, 120, &limb);
    if (!err)
        err = lesson_param_u64(out, p, "pub", 1, 0, 1000, &pub);
    prove_share m;
    if (err || (err = measured(out, p, ev, &m)))
        return err;
    double rate = m.constraints / m.total;
    verifier_count v;
    count_verifier(&v, 4);   /* e(−A, B)·e(α, β)·e(vk_x, γ)·e(C, δ): groth16_verify */
    /* A scalar multiplication in G1: 254 doublings and about 127 additions
     * in Jacobian coordinates, some 12 F_q products each (model). */
    double g1_mul = (254 + 127) * 12.0;
    double fq_total = v.fq_muls + (double)pub * g1_mul;
    /* Non-native F_q in an F_r circuit, k limbs of b bits: a·b = t·q + c
     * with k² limb products, t and c range-checked bit by bit (2k·b), and
     * 2k − 1 carries of b + 8 bits checked the same way (model; lookup
     * arguments make range checks far cheaper, R1CS has none). */
    double b = (double)limb, k = ceil(254.0 / b);
    double per_mul = k * k + 2 * k * b + (2 * k - 1) * (b + 8);
    double nonnative = fq_total * per_mul;
    /* Folding (Nova): the verifier circuit is two scalar multiplications
     * on a curve native to the circuit (a cycle), some 254·2 additions of
     * ~6 constraints each (model), plus a hash of the instance. */
    double folding = 2 * 254 * 2 * 6.0 + 1000;
    char a[32], c[32];
    lesson_result_line(out, LESSON_MARK_HEAD, "counted from our verifier");
    lesson_result_line(out, LESSON_MARK_NONE, "%zu pairs in one Miller loop over 6x + 2: %d "
                       "doubling steps, %d addition steps + 2", v.pairs, v.loop_len - 1,
                       v.loop_adds);
    lesson_result_line(out, LESSON_MARK_NONE, "final exponentiation: 3 powers of x (%d "
                       "squarings, %d products each)", v.x_len - 1, v.x_adds);
    lesson_result_line(out, LESSON_MARK_NONE, "%s F_q products in the pairing check, %s with "
                       "%llu public input%s", lesson_zkml_commas(a, sizeof a, (uint64_t)v.fq_muls),
                       lesson_zkml_commas(c, sizeof c, (uint64_t)fq_total),
                       (unsigned long long)pub, pub == 1 ? "" : "s");
    lesson_result_line(out, LESSON_MARK_HEAD, "measured here");
    lesson_result_line(out, LESSON_MARK_NONE, "rate: %s constraints/s (2^%u chain, %.1f ms)",
                       lesson_zkml_short(a, sizeof a, rate), m.log_n, m.total * 1e3);
    lesson_result_line(out, LESSON_MARK_HEAD, "model\tconstraints\tprove here");
    lesson_result_line(out, LESSON_MARK_NONE, "BN254 in BN254 (%.0f limbs of %llu bits)\t%s\t%s",
                       k, (unsigned long long)limb, lesson_zkml_short(a, sizeof a, nonnative),
                       duration(c, sizeof c, nonnative / rate));
    lesson_result_line(out, LESSON_MARK_NONE, "native field (a cycle)\t%s\t%s",
                       lesson_zkml_short(a, sizeof a, fq_total),
                       duration(c, sizeof c, fq_total / rate));
    lesson_result_line(out, LESSON_MARK_NONE, "folding step (Nova)\t%s\t%s",
                       lesson_zkml_short(a, sizeof a, folding),
                       duration(c, sizeof c, folding / rate));
    lesson_result_line(out, LESSON_MARK_OK, "per non-native product: %.0f constraints",
                       per_mul);
    lesson_result_line(out, LESSON_MARK_NOTE, "measured: the rate; counted: the steps; "
                       "model: everything converted into constraints");
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Verifying one proof in a circuit",
                                        "", "log10 constraints");
    static const char *const cats[3] = {"non-native", "cycle", "folding"};
    double y[3] = {log10(nonnative), log10(fq_total), log10(folding)};
    if (!(err = viz_chart_set_categories(ch, cats, 3)))
        err = viz_chart_add_bars(ch, "model", VIZ_CYAN, y, 3);
    return err;
}

/* ---- the optimistic challenge game ------------------------------------------- */

static const char *step_name(char *buf, size_t len, size_t s)
{
    nn_step_kind k;
    size_t i;
    nn_step_info(&k, &i, s);
    static const char *const unit[NN_STEP_KINDS] = {"channel", "channel", "channel", "channel",
                                                    "neuron",  "logit",   ""};
    if (k == NN_STEP_ARGMAX)
        snprintf(buf, len, "step %zu (argmax)", s);
    else
        snprintf(buf, len, "step %zu (%s %s %zu)", s, nn_step_kind_names[k], unit[k], i);
    return buf;
}

static void short_hex(char out[13], const hash_digest *d)
{
    char hex[2 * HASH_BYTES + 1];
    hash_to_hex(hex, d);
    snprintf(out, 13, "%.8s…", hex);
}

static void show_round(lesson_result *out, size_t n, const nn_round *r, bool student)
{
    char ha[13], hc[13];
    short_hex(ha, &r->asserter);
    short_hex(hc, &r->challenger);
    lesson_result_line(out, r->agree ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "%zu\t%zu–%zu\tstate %zu\t%s\t%s\t%s%s", n + 1, r->lo, r->hi, r->mid,
                       ha, hc, r->agree ? "agree" : "disagree", student ? " (you)" : "");
}

/* The tampered step: tamper=KIND index= (the student's cheat), or for the
 * computer's cheat a step drawn from seed. */
static zk_err cheat_step(lesson_result *out, const lesson_params *p, bool student, size_t *s)
{
    if (student) {
        size_t kind, n;
        uint64_t idx;
        zk_err err = lesson_param_choice(out, p, "tamper", nn_step_kind_names, NN_STEP_KINDS,
                                         &kind);
        size_t first = nn_step_first((nn_step_kind)kind, &n);
        if (!err)
            err = lesson_param_u64(out, p, "index", 3, 0, n - 1, &idx);
        *s = first + (size_t)idx;
        return err;
    }
    zk_rng storage, *rng;
    zk_err err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    *s = (size_t)zk_random_below(rng, NN_DISPUTE_STEPS);
    return ZK_OK;
}

/* The answers a student challenger typed: a (agree) or d (disagree), one
 * a round. */
static zk_err read_moves(lesson_result *out, const char *moves, bool *agree, size_t *n)
{
    *n = 0;
    for (const char *c = moves; *c; c++) {
        if (*c == ' ' || *c == ',')
            continue;
        if ((*c != 'a' && *c != 'd') || *n == NN_DISPUTE_MAX_ROUNDS)
            return lesson_fail(out, ZK_EINVAL, "moves are letters a (agree) and d (disagree), "
                               "one a round");
        agree[(*n)++] = *c == 'a';
    }
    return ZK_OK;
}

static void compare_costs(lesson_result *out, const nn_qmodel *qm, const uint8_t *img,
                          size_t s, size_t rounds)
{
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    nn_trace t;
    char a[32], name[64];
    if (!tr)
        return;
    /* Best of three of each: one run on a busy machine says little. */
    double whole = INFINITY, one = INFINITY;
    int pred;
    bool ok = true, honest;
    const char *why;
    for (int r = 0; r < 3 && ok; r++) {
        double t0 = now_s(CLOCK_MONOTONIC);
        ok = nn_qinfer(qm, img, tr, &pred, NULL) == ZK_OK;
        whole = fmin(whole, now_s(CLOCK_MONOTONIC) - t0);
    }
    zk_free(tr);
    if (!ok || nn_trace_run(&t, qm, img, NN_DISPUTE_STEPS, 0))
        return;
    for (int r = 0; r < 3 && ok; r++) {
        double t0 = now_s(CLOCK_MONOTONIC);
        ok = nn_referee(&honest, &why, qm, &t, s) == ZK_OK;
        one = fmin(one, now_s(CLOCK_MONOTONIC) - t0);
    }
    nn_trace_free(&t);
    if (!ok)
        return;
    lesson_result_line(out, LESSON_MARK_HEAD, "what the dispute cost");
    lesson_result_line(out, LESSON_MARK_NONE, "%zu rounds, one root from each side a round",
                       rounds);
    if (nn_step_macs(s))
        lesson_result_line(out, LESSON_MARK_NONE, "referee: %s, %s multiply-accumulates of "
                           "the CNN's 1,218,048, %.2f ms with its openings",
                           step_name(name, sizeof name, s),
                           lesson_zkml_commas(a, sizeof a, nn_step_macs(s)), one * 1e3);
    else
        lesson_result_line(out, LESSON_MARK_NONE, "referee: %s, comparisons only, %.2f ms with "
                           "its openings", step_name(name, sizeof name, s), one * 1e3);
    lesson_result_line(out, LESSON_MARK_NONE, "the whole integer CNN here: %.2f ms", whole * 1e3);
    lesson_zkml_rate r;
    if (lesson_zkml_rate_load(&r) == ZK_OK)
        lesson_result_line(out, LESSON_MARK_NONE, "a Groth16 proof of the whole CNN here: %.1f s "
                           "(%s, %s)", r.seconds, r.what, r.when);
    else
        lesson_result_line(out, LESSON_MARK_NOTE, "prove the whole CNN in lesson 18 (layers = "
                           "all) to set its proving time beside these");
}

/* frontier.challenge role= tamper= index= digit= moves= seed=: the game. */
static zk_err challenge_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const roles[2] = {"asserter", "challenger"};
    size_t role, s;
    zk_err err = lesson_param_choice(out, p, "role", roles, 2, &role);
    bool student_cheats = role == 0;
    if (err || (err = cheat_step(out, p, student_cheats, &s)))
        return err;
    bool moves[NN_DISPUTE_MAX_ROUNDS];
    size_t nmoves = 0;
    if (!student_cheats && (err = read_moves(out, lesson_param_get(p, "moves", ""), moves,
                                             &nmoves)))
        return err;
    lesson_zkml z;
    uint8_t img[NN_PIXELS];
    char src[1600], name[64], ha[13], hc[13];
    if ((err = zkml_act_open(out, &z)))
        return err;
    nn_trace cheat = {0}, honest = {0};
    nn_dispute d;
    if ((err = zkml_act_digit(out, p, img, src, sizeof src)) ||
        (err = nn_trace_run(&cheat, z.qm, img, s, 1000)) ||
        (err = nn_trace_run(&honest, z.qm, img, NN_DISPUTE_STEPS, 0)) ||
        (err = nn_dispute_begin(&d, z.qm, &cheat, &honest)))
        goto done;
    const char *base = strrchr(src, '/');
    lesson_result_line(out, LESSON_MARK_HEAD, "%s: %d steps, every state committed by a "
                       "BLAKE2b Merkle root", base ? base + 1 : src, NN_DISPUTE_STEPS);
    lesson_result_line(out, LESSON_MARK_NONE, "the asserter posts: class %d", cheat.cls);
    if (student_cheats)
        lesson_result_line(out, LESSON_MARK_NOTE, "you, the asserter, changed %s by +1000 "
                           "and computed honestly after it", step_name(name, sizeof name, s));
    else
        lesson_result_line(out, LESSON_MARK_NOTE, "the asserter may have lied at one step; "
                           "your node computed every state itself");
    if (d.state == NN_DISPUTE_NONE) {
        lesson_result_line(out, LESSON_MARK_OK, "the final roots agree: nothing to dispute");
        goto done;
    }
    lesson_result_line(out, LESSON_MARK_HEAD, "round\tsteps\tasked\tasserter\tchallenger\t"
                       "answer");
    size_t used = 0;
    while (!err && d.state == NN_DISPUTE_PLAYING) {
        bool agree;
        if (student_cheats) {
            agree = memcmp(&d.next_asserter, &d.next_challenger, HASH_BYTES) == 0;
        } else if (used < nmoves) {
            agree = moves[used++];
        } else {
            short_hex(ha, &d.next_asserter);
            short_hex(hc, &d.next_challenger);
            lesson_result_line(out, LESSON_MARK_NONE, "next\t%zu–%zu\tstate %zu\t%s\t%s\t?",
                               d.lo, d.hi, nn_dispute_mid(&d), ha, hc);
            lesson_result_line(out, LESSON_MARK_NOTE, "your move: type a (the roots agree) or "
                               "d (they differ) at the end of moves, then Enter");
            goto done;
        }
        err = nn_dispute_answer(&d, agree);
        if (!err)
            show_round(out, d.nrounds - 1, &d.rounds[d.nrounds - 1], !student_cheats);
    }
    if (err)
        goto done;
    lesson_result_line(out, LESSON_MARK_NONE, "one step left: %s, from state %zu (agreed) to "
                       "%zu (disputed)", step_name(name, sizeof name, d.lo), d.lo, d.hi);
    bool caught = d.state == NN_DISPUTE_ASSERTER_LOST;
    lesson_result_line(out, LESSON_MARK_NONE, "referee: %s", d.why);
    lesson_result_line(out, caught ? LESSON_MARK_OK : LESSON_MARK_BAD, "winner: %s",
                       caught ? "CHALLENGER" : "ASSERTER");
    for (size_t r = 0; !student_cheats && r < d.nrounds; r++)
        if (d.rounds[r].agree != (memcmp(&d.rounds[r].asserter, &d.rounds[r].challenger,
                                         HASH_BYTES) == 0)) {
            lesson_result_line(out, LESSON_MARK_BAD, "round %zu: you said %s, but the roots "
                               "%s", r + 1, d.rounds[r].agree ? "agree" : "differ",
                               d.rounds[r].agree ? "differ" : "agree");
            break;
        }
    if (!student_cheats && caught)
        lesson_result_line(out, LESSON_MARK_OK, "you found the lie at %s",
                           step_name(name, sizeof name, s));
    compare_costs(out, z.qm, img, d.lo, d.nrounds);
done:
    nn_trace_free(&cheat);
    nn_trace_free(&honest);
    lesson_zkml_close(&z);
    return err;
}

/* ---- networks made for proofs -------------------------------------------------- */

/* The test accuracy `mnist train` recorded in a shipped model's recipe
 * (the float model on the 10,000 MNIST test images); NAN when absent. */
static double recipe_accuracy(const char *asset)
{
    char path[700], why[300], *recipe = NULL;
    nn_cnn m;
    double acc = NAN;
    if (nn_asset_path(path, sizeof path, asset) != ZK_OK ||
        nn_model_load(&m, path, &recipe, NULL, why, sizeof why) != ZK_OK)
        return acc;
    nn_cnn_free(&m);
    cJSON *j = recipe ? zk_json_parse(recipe, strlen(recipe)) : NULL;
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(j, "test_accuracy");
    if (cJSON_IsNumber(a))
        acc = 100 * a->valuedouble;
    cJSON_Delete(j);
    zk_free(recipe);
    return acc;
}

/* Both shipped networks, opened with their own settings, and the full
 * circuit (weights hashed, as shipped) of each counted. */
typedef struct two_nets {
    lesson_zkml net[2];          /* ReLU, x² */
    zkml_counts k[2];
    double acc[2];
} two_nets;

static void two_nets_close(two_nets *t)
{
    lesson_zkml_close(&t->net[0]);
    lesson_zkml_close(&t->net[1]);
}

static zk_err two_nets_open(lesson_result *out, two_nets *t)
{
    static const char *const files[2][2] = {{NN_MODEL_FILE, ZKML_SETTINGS_FILE},
                                            {NN_MODEL_SQUARE_FILE, ZKML_SETTINGS_SQUARE_FILE}};
    char why[600] = "";
    zk_err err = ZK_OK;
    memset(t, 0, sizeof *t);
    for (int i = 0; i < 2 && !err; i++) {
        if ((err = lesson_zkml_open_asset(&t->net[i], files[i][0], files[i][1], why,
                                          sizeof why)) ||
            (err = zkml_count(&t->k[i], &t->net[i].settings, t->net[i].qm, why, sizeof why)))
            lesson_fail(out, err, "%s", why);
        t->acc[i] = recipe_accuracy(files[i][0]);
    }
    if (err)
        two_nets_close(t);
    return err;
}

static uint64_t row_total(const zkml_counts *k, zkml_row r)
{
    uint64_t n = 0;
    for (int o = 0; o < ZKML_OPS; o++)
        n += k->cell[r][o].constraints;
    return n;
}

/* A hidden layer's pooling, rescale and activation: what the activation
 * decides (its MACs and weight checks are the same in both networks). */
static uint64_t act_total(const zkml_counts *k, zkml_row r)
{
    return k->cell[r][ZKML_OP_MAXPOOL].constraints + k->cell[r][ZKML_OP_RESCALE].constraints +
           k->cell[r][ZKML_OP_RELU].constraints + k->cell[r][ZKML_OP_SQUARE].constraints;
}

/* frontier.square digit=: the two networks side by side, then fc1 and fc2
 * of the x² one proven (weights fixed: seconds, where hashed fc1 weights
 * add 1.2 million constraints of range checks). */
static zk_err square_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    two_nets t;
    char a[32], b[32], src[1600], why[600] = "";
    zk_err err = two_nets_open(out, &t);
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_HEAD, "\tReLU\tx²");
    lesson_result_line(out, LESSON_MARK_NONE, "test accuracy (float)\t%.2f %%\t%.2f %%",
                       t.acc[0], t.acc[1]);
    lesson_result_line(out, LESSON_MARK_NONE, "calibrated scale\t2^%d\t2^%d",
                       t.net[0].qm->q.in_exp, t.net[1].qm->q.in_exp);
    static const zkml_row rows[4] = {ZKML_ROW_CONV1, ZKML_ROW_CONV2, ZKML_ROW_FC1,
                                     ZKML_ROW_FC2};
    for (int l = 0; l < NN_LAYERS; l++)
        lesson_result_line(out, LESSON_MARK_NONE, "%s\t%s\t%s", nn_layers[l].name,
                           lesson_zkml_commas(a, sizeof a, row_total(&t.k[0], rows[l])),
                           lesson_zkml_commas(b, sizeof b, row_total(&t.k[1], rows[l])));
    uint64_t rest[2];
    for (int i = 0; i < 2; i++) {
        rest[i] = t.k[i].total.constraints;
        for (int l = 0; l < NN_LAYERS; l++)
            rest[i] -= row_total(&t.k[i], rows[l]);
    }
    lesson_result_line(out, LESSON_MARK_NONE, "the rest (pixels, class, hash)\t%s\t%s",
                       lesson_zkml_commas(a, sizeof a, rest[0]),
                       lesson_zkml_commas(b, sizeof b, rest[1]));
    lesson_result_line(out, LESSON_MARK_NONE, "whole CNN\t%s\t%s",
                       lesson_zkml_commas(a, sizeof a, t.k[0].total.constraints),
                       lesson_zkml_commas(b, sizeof b, t.k[1].total.constraints));
    lesson_result_line(out, LESSON_MARK_HEAD, "pool, rescale, activation\tReLU\tx²");
    for (int l = 0; l < 3; l++)
        lesson_result_line(out, LESSON_MARK_NONE, "%s\t%s\t%s", nn_layers[l].name,
                           lesson_zkml_commas(a, sizeof a, act_total(&t.k[0], rows[l])),
                           lesson_zkml_commas(b, sizeof b, act_total(&t.k[1], rows[l])));
    lesson_result_line(out, LESSON_MARK_NONE, "fc1's x² with its rescale: %s constraints for "
                       "%d neurons",
                       lesson_zkml_commas(a, sizeof a,
                                          t.k[1].cell[ZKML_ROW_FC1][ZKML_OP_SQUARE].constraints),
                       NN_FC_HIDDEN);
    lesson_result_line(out, LESSON_MARK_NOTE, "counted from the circuits `mnist compile` builds "
                       "(weights hashed); accuracy as `mnist train` measured it on the 10,000 "
                       "test images");
    lesson_result_line(out, LESSON_MARK_NONE, "x² network: %.1f %% of ReLU's constraints",
                       100.0 * (double)t.k[1].total.constraints /
                           (double)t.k[0].total.constraints);
    /* a live proof of the x² network's last two layers */
    lesson_zkml_target tg = {ZKML_FIXED, 2, NULL};
    lesson_zkml_proof pf;
    uint8_t img[NN_PIXELS];
    if ((err = zkml_act_digit(out, p, img, src, sizeof src)))
        goto done;
    if ((err = lesson_zkml_prove(&pf, &t.net[1], &tg, img, ev, why, sizeof why))) {
        lesson_fail(out, err, "%s", why);
        goto done;
    }
    const char *base = strrchr(src, '/');
    lesson_result_line(out, LESSON_MARK_HEAD, "the x² network's fc1 and fc2 proven, %s",
                       base ? base + 1 : src);
    lesson_result_line(out, LESSON_MARK_NONE, "%s constraints (2^%u), weights fixed in the "
                       "circuit, pool2's outputs private inputs",
                       lesson_zkml_commas(a, sizeof a, pf.m.counts.total.constraints),
                       pf.m.counts.log_domain);
    lesson_result_line(out, LESSON_MARK_NONE, "setup %s %.2f s · witness %.2f s · prove %.2f s",
                       pf.key_made ? "now" : "earlier, cached:", pf.setup_s, pf.witness_s,
                       pf.prove_s);
    zkml_act_statement(out, LESSON_MARK_OK, &pf.pr.stmt, &pf.m);
    zkml_verified v;
    if ((err = lesson_zkml_verify(&v, &pf, pf.pr.pub, pf.pr.n_pub, NULL, why, sizeof why)))
        lesson_fail(out, err, "%s", why);
    else
        lesson_result_line(out, v.verdict == ZKML_VALID ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "verified with the key pinned for the circuit: %s",
                           v.verdict == ZKML_VALID ? "VALID" : "INVALID");
    lesson_zkml_proof_free(&pf);
done:
    two_nets_close(&t);
    return err;
}

/* frontier.check_square what= answer=: read from the x² network's count. */
static zk_err check_square(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t v;
    two_nets t;
    zk_err err = two_nets_open(out, &t);
    if (err)
        return err;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &v) == ZK_OK) {
        uint64_t sq = t.k[1].cell[ZKML_ROW_FC1][ZKML_OP_SQUARE].constraints;
        err = zkml_act_verdict(out, v * NN_FC_HIDDEN == sq,
                               "the table's fc1 x² line, shared by its %d neurons",
                               NN_FC_HIDDEN);
    }
    two_nets_close(&t);
    return err;
}

/* ---- checkers ------------------------------------------------------------------- */

/* frontier.check_rounds steps= answer=: ceil(log2 steps) rounds. */
static zk_err check_rounds(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t steps, v;
    zk_err err = lesson_param_u64(out, p, "steps", NN_DISPUTE_STEPS, 2, (uint64_t)1 << 40,
                                  &steps);
    if (err)
        return err;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &v))
        return ZK_OK;   /* not a number: a wrong answer, said so in the message */
    uint64_t rounds = 0;
    while (((uint64_t)1 << rounds) < steps)
        rounds++;
    return zkml_act_verdict(out, v == rounds, v == steps / 2 ? "that is the first round's "
                            "middle, not the number of rounds" : "each round halves the "
                            "disputed range");
}

/* frontier.check_macs kind= answer=: the multiply-accumulates the referee
 * redoes for one step of that kind. */
static zk_err check_macs(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    size_t kind;
    uint64_t v;
    zk_err err = lesson_param_choice(out, p, "kind", nn_step_kind_names, NN_STEP_KINDS, &kind);
    if (err)
        return err;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &v))
        return ZK_OK;
    size_t want = nn_step_macs(nn_step_first((nn_step_kind)kind, NULL));
    return zkml_act_verdict(out, v == want, "one channel: its 14 × 14 outputs, each summing "
                            "3 × 3 weights over every input channel");
}

static const lesson_action actions[] = {
    {"frontier.share", "log reps", "a Groth16 prove's time by phase: MSMs, NTT, the rest",
     share_action},
    {"frontier.recursion", "log reps limb pub",
     "the cost of verifying a Groth16 proof inside a circuit, three ways", recursion_action},
    {"frontier.challenge", "role tamper index digit moves seed",
     "the optimistic challenge game over the CNN's 235 steps", challenge_action},
    {"frontier.square", "digit", "the x² network against the ReLU one: counted, and a layer "
     "proven", square_action},
    {"frontier.check_square", "answer", "checks a figure read from the x² network's count",
     check_square},
    {"frontier.check_rounds", "steps answer", "checks the rounds of a bisection", check_rounds},
    {"frontier.check_macs", "kind answer", "checks the referee's work for one step",
     check_macs},
};

const lesson_action_table lesson_actions_frontier = {actions, sizeof actions / sizeof actions[0]};
