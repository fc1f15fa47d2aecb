#include "sigma/cave.h"

#include <math.h>
#include <string.h>

/* Fair coins, 64 at a time from the generator. */
typedef struct coins {
    zk_rng *rng;
    uint64_t bits;
    unsigned left;
} coins;

static cave_side flip(coins *c)
{
    if (c->left == 0) {
        c->bits = zk_random_u64(c->rng);
        c->left = 64;
    }
    cave_side s = (cave_side)(c->bits & 1);
    c->bits >>= 1;
    c->left--;
    return s;
}

/* One round as the cave dictates: the honest prover can cross through the
 * door, the cheater can only come back the way it entered. */
static cave_round play_round(cave_prover who, coins *c)
{
    cave_round r;
    r.entered = flip(c);
    r.challenge = flip(c);
    bool must_cross = r.entered != r.challenge;
    r.used_door = who == CAVE_HONEST && must_cross;
    r.exited = who == CAVE_HONEST ? r.challenge : r.entered;
    r.passed = r.exited == r.challenge;
    return r;
}

zk_err cave_play(cave_run *out, cave_prover who, unsigned k, zk_rng *rng)
{
    memset(out, 0, sizeof *out);
    if (k < 1 || k > CAVE_MAX_ROUNDS || (who != CAVE_HONEST && who != CAVE_CHEATER))
        return ZK_EINVAL;
    coins c = {rng, 0, 0};
    out->prover = who;
    out->k = k;
    out->first_failure = -1;
    for (unsigned i = 0; i < k; i++) {
        out->rounds[i] = play_round(who, &c);
        if (out->rounds[i].passed)
            out->passed++;
        else if (out->first_failure < 0)
            out->first_failure = (int)i;
    }
    out->accepted = out->first_failure < 0;
    return ZK_OK;
}

zk_err cave_experiment(cave_stat *out, unsigned K, uint64_t trials, zk_rng *rng,
                       const zk_events *ev)
{
    if (K < 1 || K > CAVE_MAX_ROUNDS || trials < 1)
        return ZK_EINVAL;
    /* streak[j]: runs whose first j + 1 rounds all passed. */
    uint64_t streak[CAVE_MAX_ROUNDS] = {0};
    coins c = {rng, 0, 0};
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "cave", 0, trials, NULL);
    for (uint64_t t = 0; t < trials && !err; t++) {
        for (unsigned j = 0; j < K; j++) {
            if (!play_round(CAVE_CHEATER, &c).passed)
                break;   /* the verifier has rejected; later rounds cannot matter */
            streak[j]++;
        }
        if ((t + 1) % 65536 == 0)
            err = zk_emit(ev, ZK_EV_PROGRESS, "cave", t + 1, trials, NULL);
    }
    if (err)
        return err;
    for (unsigned j = 0; j < K; j++) {
        cave_stat *s = &out[j];
        s->k = j + 1;
        s->trials = trials;
        s->accepted = streak[j];
        s->rate = (double)streak[j] / (double)trials;
        s->exact = ldexp(1.0, -(int)(j + 1));
        s->sigma = sqrt(s->exact * (1 - s->exact) / (double)trials);
    }
    return zk_emit(ev, ZK_EV_END, "cave", trials, trials, NULL);
}
