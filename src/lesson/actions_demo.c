/* demo.*: small actions with known answers. The lesson format's tests and the
 * fixture lesson (tests/fixtures/lessons) use them to exercise every kind of
 * result: lines with marks, inputs, a checker, charts, progress with
 * cancellation, and an error. */
#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/rng.h"
#include "lesson/actions.h"

static zk_err demo_square(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t n;
    zk_err err = lesson_param_u64(out, p, "n", 5, 0, 1000, &n);
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_NONE, "n = %llu", (unsigned long long)n);
    lesson_result_line(out, LESSON_MARK_OK, "n² = %llu", (unsigned long long)(n * n));
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Squares", "k", "k²");
    double x[64], y[64];
    size_t count = n + 1 < 64 ? (size_t)n + 1 : 64;
    for (size_t k = 0; k < count; k++) {
        x[k] = (double)k;
        y[k] = (double)(k * k);
    }
    return viz_chart_add_line(ch, "k²", VIZ_CYAN, x, y, count);
}

static zk_err read_ab(lesson_result *out, const lesson_params *p, uint64_t *a, uint64_t *b)
{
    zk_err err = lesson_param_u64(out, p, "a", 2, 0, 1000000, a);
    return err ? err : lesson_param_u64(out, p, "b", 3, 0, 1000000, b);
}

static zk_err demo_sum(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t a, b;
    zk_err err = read_ab(out, p, &a, &b);
    if (err)
        return err;
    return lesson_result_line(out, LESSON_MARK_OK, "%llu + %llu = %llu", (unsigned long long)a,
                              (unsigned long long)b, (unsigned long long)(a + b));
}

static zk_err demo_check_sum(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t a, b, answer;
    zk_err err = read_ab(out, p, &a, &b);
    if (err)
        return err;
    if (lesson_answer_u64(out, p, &answer)) {
        out->verdict = LESSON_VERDICT_FAIL;
        return ZK_OK;
    }
    out->verdict = answer == a + b ? LESSON_VERDICT_PASS : LESSON_VERDICT_FAIL;
    if (out->verdict == LESSON_VERDICT_FAIL && answer == a * b)
        lesson_fail(out, ZK_OK, "that is a × b; the question asks for a + b");
    return ZK_OK;
}

/* Real work with progress: BLAKE2b over a chained 64-byte state, so a step
 * cannot be skipped and the result is the same on every machine. */
static zk_err demo_work(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t steps;
    zk_err err = lesson_param_u64(out, p, "steps", 100, 1, 100000, &steps);
    if (err)
        return err;
    unsigned char state[32] = {0};
    if ((err = zk_emit(ev, ZK_EV_BEGIN, "demo_work", 0, steps, "hashing")))
        return err;
    for (uint64_t i = 0; i < steps; i++) {
        for (int k = 0; k < 2000; k++)
            crypto_generichash(state, sizeof state, state, sizeof state, NULL, 0);
        if ((err = zk_emit(ev, ZK_EV_PROGRESS, "demo_work", i + 1, steps, NULL)))
            return lesson_fail(out, err, "stopped after %llu of %llu steps",
                               (unsigned long long)i + 1, (unsigned long long)steps);
    }
    zk_emit(ev, ZK_EV_END, "demo_work", steps, steps, NULL);
    return lesson_result_line(out, LESSON_MARK_OK, "%llu steps, state %02x%02x%02x%02x…",
                              (unsigned long long)steps, state[0], state[1], state[2], state[3]);
}

static zk_err demo_fail(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p, (void)ev;
    return lesson_fail(out, ZK_EINVAL, "this action always fails, to show how failures look");
}

/* Two histograms of the same uniform distribution, from two seeds: the
 * picture lesson 02 shows for real and simulated transcripts. */
static zk_err demo_hist(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t n, seed;
    zk_err err = lesson_param_u64(out, p, "n", 1000, 1, 100000, &n);
    if (!err)
        err = lesson_param_u64(out, p, "seed", 1, 0, UINT64_MAX, &seed);
    if (err)
        return err;
    const char *names[2] = {"first", "second"};
    for (int c = 0; c < 2; c++) {
        zk_rng rng;
        zk_rng_seed_u64(&rng, seed + (uint64_t)c);
        viz_chart *ch = lesson_result_chart(out, VIZ_CHART_HIST, names[c], "value", "count");
        viz_chart_set_bins(ch, -0.5, 10.5, 11);
        double *v = zk_alloc((size_t)n, sizeof *v);
        if (!v)
            return ZK_ENOMEM;
        for (uint64_t i = 0; i < n; i++)
            v[i] = (double)zk_random_below(&rng, 11);
        err = viz_chart_add_samples(ch, names[c], c ? VIZ_MAGENTA : VIZ_GREEN, v, (size_t)n);
        zk_free(v);
        if (err)
            return err;
    }
    return lesson_result_line(out, LESSON_MARK_NOTE, "%llu samples each", (unsigned long long)n);
}

static const lesson_action actions[] = {
    {"demo.square", "n", "n and n², with a chart of k²", demo_square},
    {"demo.sum", "a b", "a + b", demo_sum},
    {"demo.check_sum", "a b answer", "checks that the answer is a + b", demo_check_sum},
    {"demo.work", "steps", "hashes for a while, reporting progress", demo_work},
    {"demo.fail", "", "always fails", demo_fail},
    {"demo.hist", "n seed", "two histograms of uniform samples", demo_hist},
};

const lesson_action_table lesson_actions_demo = {actions, sizeof actions / sizeof actions[0]};
