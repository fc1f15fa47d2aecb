/* cave.*: lesson 01, the Ali Baba cave (sigma/cave.h). */
#include <math.h>
#include <stdio.h>

#include "lesson/actions.h"
#include "lesson/action_util.h"

static const char *side(cave_side s)
{
    return s == CAVE_A ? "A" : "B";
}

/* cave.run prover=honest|cheater rounds=K: one run, round by round. */
static zk_err cave_run_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const who[] = {"honest", "cheater"};
    size_t w;
    uint64_t k;
    zk_rng storage, *rng;
    zk_err err = lesson_param_choice(out, p, "prover", who, 2, &w);
    if (!err)
        err = lesson_param_u64(out, p, "rounds", 5, 1, 20, &k);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    cave_run run;
    err = cave_play(&run, w ? CAVE_CHEATER : CAVE_HONEST, (unsigned)k, rng);
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_HEAD, "%s, %u rounds",
                       w ? "Peggy does not know the word" : "Peggy knows the word", run.k);
    unsigned doors = 0;
    for (unsigned i = 0; i < run.k; i++) {
        const cave_round *r = &run.rounds[i];
        doors += r->used_door;
        const char *how = r->passed ? (r->used_door ? "opens the door and comes out of"
                                                    : "walks back out of")
                                    : "cannot open the door and comes back out of";
        lesson_result_line(out, r->passed ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "round %2u: Peggy walks into %s · Victor calls %s · she %s %s", i + 1,
                           side(r->entered), side(r->challenge), how, side(r->exited));
        if (!r->passed) {
            lesson_result_line(out, LESSON_MARK_NOTE,
                               "one wrong exit is enough: Victor stops here");
            break;
        }
    }
    if (run.accepted)
        lesson_result_line(out, LESSON_MARK_OK, "Victor accepts after %u rounds%s", run.k,
                           w ? " — she guessed every challenge" : "");
    else
        lesson_result_line(out, LESSON_MARK_BAD, "Victor rejects at round %d",
                           run.first_failure + 1);
    if (!w)
        lesson_result_line(out, LESSON_MARK_NOTE,
                           "she used the door in %u of %u rounds; from the fork Victor cannot "
                           "tell which", doors, run.k);
    return ZK_OK;
}

/* cave.plot rounds=K trials=N: the cheat rate against 2^-k, plotted. */
static zk_err cave_plot_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t K, trials;
    zk_rng storage, *rng;
    zk_err err = lesson_param_u64(out, p, "rounds", 10, 1, 40, &K);
    if (!err)
        err = lesson_param_u64(out, p, "trials", 20000, 1, 100000000, &trials);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    cave_stat stats[CAVE_MAX_ROUNDS];
    err = cave_experiment(stats, (unsigned)K, trials, rng, ev);
    if (err)
        return lesson_fail(out, err, "the experiment %s",
                           err == ZK_ECANCELLED ? "was stopped" : zk_strerror(err));
    double x[CAVE_MAX_ROUNDS + 1], seen[CAVE_MAX_ROUNDS + 1], exact[CAVE_MAX_ROUNDS + 1];
    x[0] = 0, seen[0] = 1, exact[0] = 1;   /* before any round everybody passes */
    for (unsigned k = 1; k <= K; k++) {
        x[k] = k;
        seen[k] = stats[k - 1].rate;
        exact[k] = stats[k - 1].exact;
    }
    char name[40];
    snprintf(name, sizeof name, "%llu cheating runs", (unsigned long long)trials);
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "A cheater's chance of passing",
                                        "rounds k", "accepted");
    ch->y_fixed = true;
    ch->y_lo = 0;
    ch->y_hi = 1;
    if ((err = viz_chart_add_line(ch, name, VIZ_YELLOW, x, seen, (size_t)K + 1)) ||
        (err = viz_chart_add_line(ch, "2^-k", VIZ_CYAN, x, exact, (size_t)K + 1)))
        return err;
    /* The rate is binomial: within three standard deviations of 2^-k almost
     * always (99.7 %), so a ✘ here would be news. */
    static const unsigned show[] = {1, 2, 3, 5, 10, 20, 30, 40};
    for (size_t i = 0; i < sizeof show / sizeof show[0]; i++) {
        unsigned k = show[i];
        if (k > K)
            break;
        const cave_stat *s = &stats[k - 1];
        bool close = fabs(s->rate - s->exact) <= 3 * s->sigma + 1e-12;
        lesson_result_line(out, close ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "k = %2u: %9llu of %llu runs passed = %.6f    2^-%-2u = %.6f", k,
                           (unsigned long long)s->accepted, (unsigned long long)s->trials, s->rate,
                           k, s->exact);
    }
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"cave.run", "prover rounds seed", "one run of the cave, round by round", cave_run_action},
    {"cave.plot", "rounds trials seed", "a cheater's pass rate against 2^-k, plotted",
     cave_plot_action},
};

const lesson_action_table lesson_actions_cave = {actions, sizeof actions / sizeof actions[0]};
