/* The Ali Baba cave: the honest prover always passes, the cheater's
 * acceptance rate for k = 1..8 rounds stays within 6 binomial standard
 * deviations of 2^-k, and every round of a transcript obeys the cave. */
#include "zk_test.h"

#include <math.h>

#include "sigma/cave.h"

static void check_round_rules(const cave_run *run)
{
    unsigned passed = 0;
    int first = -1;
    for (unsigned i = 0; i < run->k; i++) {
        const cave_round *r = &run->rounds[i];
        assert_true(r->entered == CAVE_A || r->entered == CAVE_B);
        assert_true(r->challenge == CAVE_A || r->challenge == CAVE_B);
        assert_int_equal(r->passed, r->exited == r->challenge);
        if (run->prover == CAVE_HONEST) {
            /* Knows the word: exits where asked, through the door only when
             * it is on the other side. */
            assert_int_equal(r->exited, r->challenge);
            assert_int_equal(r->used_door, r->entered != r->challenge);
        } else {
            /* Cannot open the door: back the way it came. */
            assert_int_equal(r->exited, r->entered);
            assert_false(r->used_door);
            assert_int_equal(r->passed, r->entered == r->challenge);
        }
        passed += r->passed;
        if (!r->passed && first < 0)
            first = (int)i;
    }
    assert_int_equal(run->passed, passed);
    assert_int_equal(run->first_failure, first);
    assert_int_equal(run->accepted, first < 0);
}

static void test_honest_always_passes(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "cave_honest");
    cave_run run;
    unsigned doors = 0;
    for (int t = 0; t < 2000; t++) {
        assert_int_equal(cave_play(&run, CAVE_HONEST, CAVE_MAX_ROUNDS, &rng), ZK_OK);
        assert_true(run.accepted);
        assert_int_equal(run.passed, CAVE_MAX_ROUNDS);
        check_round_rules(&run);
        for (unsigned i = 0; i < run.k; i++)
            doors += run.rounds[i].used_door;
    }
    /* The door is needed in about half the rounds: 64000 ± 6·126. */
    assert_true(doors > 64000 - 760 && doors < 64000 + 760);
}

static void test_cheater_transcripts(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "cave_cheater");
    cave_run run;
    unsigned accepted = 0, caught_first = 0;
    for (int t = 0; t < 4000; t++) {
        assert_int_equal(cave_play(&run, CAVE_CHEATER, 3, &rng), ZK_OK);
        check_round_rules(&run);
        accepted += run.accepted;
        caught_first += run.first_failure == 0;
    }
    /* 4000/8 = 500 ± 6·21; caught in round 1: 2000 ± 6·32. */
    assert_true(accepted > 500 - 126 && accepted < 500 + 126);
    assert_true(caught_first > 2000 - 190 && caught_first < 2000 + 190);
    assert_int_equal(cave_play(&run, CAVE_CHEATER, 0, &rng), ZK_EINVAL);
    assert_int_equal(cave_play(&run, CAVE_CHEATER, CAVE_MAX_ROUNDS + 1, &rng), ZK_EINVAL);
    assert_int_equal(cave_play(&run, (cave_prover)7, 3, &rng), ZK_EINVAL);
}

static bool stop_early(void *user, const zk_event *ev)
{
    unsigned *n = user;
    if (ev->kind == ZK_EV_PROGRESS)
        (*n)++;
    return ev->kind != ZK_EV_PROGRESS || ev->done < 65536 * 2;
}

/* Soundness error 2^-k, measured: 200000 cheating runs, each line within 6σ
 * of the exact value (a false alarm has probability about 2·10^-9 per line). */
static void test_cheat_rate_matches_two_to_minus_k(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "cave_experiment");
    cave_stat st[8];
    const uint64_t trials = 200000;
    assert_int_equal(cave_experiment(st, 8, trials, &rng, NULL), ZK_OK);
    for (unsigned k = 1; k <= 8; k++) {
        const cave_stat *s = &st[k - 1];
        assert_int_equal(s->k, k);
        assert_int_equal(s->trials, trials);
        assert_true(s->exact == 1.0 / (double)(1u << k));
        double p = s->exact;
        double sd = sqrt(trials * p * (1 - p));
        double dev = fabs((double)s->accepted - trials * p);
        assert_true(dev <= 6 * sd);
        assert_true(fabs(s->rate - (double)s->accepted / trials) < 1e-15);
        assert_true(fabs(s->sigma - sd / trials) < 1e-15);
        if (k > 1)
            assert_true(s->accepted <= st[k - 2].accepted);
    }
    /* Cancellation and bad arguments. */
    unsigned calls = 0;
    zk_events ev = {stop_early, &calls};
    assert_int_equal(cave_experiment(st, 8, 1000000, &rng, &ev), ZK_ECANCELLED);
    assert_int_equal(calls, 2);
    assert_int_equal(cave_experiment(st, 0, 10, &rng, NULL), ZK_EINVAL);
    assert_int_equal(cave_experiment(st, 8, 0, &rng, NULL), ZK_EINVAL);
    assert_int_equal(cave_experiment(st, CAVE_MAX_ROUNDS + 1, 10, &rng, NULL), ZK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_honest_always_passes),
        cmocka_unit_test(test_cheater_transcripts),
        cmocka_unit_test(test_cheat_rate_matches_two_to_minus_k),
    };
    return ZK_RUN_TESTS(tests);
}
