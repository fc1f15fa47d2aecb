/* The Ali Baba cave (Quisquater et al., "How to explain zero-knowledge
 * protocols to your children", CRYPTO 1989), simulated.
 *
 * A ring-shaped cave has one entrance that forks into passages A and B,
 * joined at the far end by a door that opens only to a magic word. Each
 * round: the prover walks into A or B out of sight; the verifier, at the
 * fork, shouts the side the prover must come out of; the prover comes out.
 *
 *   honest prover   knows the word: enters a random side and, when the
 *                   challenge is the other side, opens the door. Always
 *                   exits where asked.
 *   cheating prover does not know the word: must guess the challenge when
 *                   entering, and can only come back the way it went in.
 *                   Passes a round exactly when the guess was right:
 *                   probability 1/2, independently each round.
 *
 * The verifier accepts after k rounds only if every round passed, so a
 * cheater is accepted with probability 2^-k: the soundness error of the
 * protocol repeated k times. cave_run gives one run round by round for the
 * step-by-step view; cave_experiment repeats many runs and sets the observed
 * cheat rate next to 2^-k for k = 1..K (the lesson's plot). */
#ifndef ZK_SIGMA_CAVE_H
#define ZK_SIGMA_CAVE_H

#include "core/err.h"
#include "core/event.h"
#include "core/rng.h"
#include "core/types.h"

typedef enum cave_side {
    CAVE_A = 0,
    CAVE_B = 1,
} cave_side;

typedef enum cave_prover {
    CAVE_HONEST,
    CAVE_CHEATER,
} cave_prover;

/* Most rounds in one run. */
#define CAVE_MAX_ROUNDS 64

typedef struct cave_round {
    cave_side entered;     /* the passage the prover walked into */
    cave_side challenge;   /* the side the verifier asked for */
    cave_side exited;      /* the side the prover came out of */
    bool used_door;        /* the honest prover opened the door (entered != challenge) */
    bool passed;           /* exited == challenge */
} cave_round;

typedef struct cave_run {
    cave_prover prover;
    unsigned k;                         /* rounds played */
    cave_round rounds[CAVE_MAX_ROUNDS];
    unsigned passed;                    /* rounds passed */
    int first_failure;                  /* index of the first failed round, -1 if none */
    bool accepted;                      /* every round passed */
} cave_run;

/* Plays k rounds (1 <= k <= CAVE_MAX_ROUNDS, else ZK_EINVAL). All k rounds are
 * recorded even after a failure, so the screen can show how the rest would
 * have gone; the verdict is still "rejected at round first_failure + 1".
 * Each round draws two fair coins from rng: the prover's side, then the
 * verifier's challenge. */
zk_err cave_play(cave_run *out, cave_prover who, unsigned k, zk_rng *rng);

/* One line of the soundness experiment. */
typedef struct cave_stat {
    unsigned k;            /* rounds */
    uint64_t trials;       /* cheating runs */
    uint64_t accepted;     /* runs in which all of the first k rounds passed */
    double rate;           /* accepted / trials */
    double exact;          /* 2^-k */
    double sigma;          /* sqrt(2^-k (1 - 2^-k) / trials): the binomial
                              standard deviation of rate */
} cave_stat;

/* Runs `trials` cheating runs of K rounds each (1 <= K <= CAVE_MAX_ROUNDS,
 * trials >= 1) and fills out[0..K-1] for k = 1..K. A run counts as accepted
 * for k when its first k rounds passed — a verifier who stops after k rounds
 * — so each line is an exact binomial(trials, 2^-k) sample (lines for
 * different k share runs and are correlated). Emits ZK_EV_BEGIN,
 * ZK_EV_PROGRESS (done = runs, total = trials) and ZK_EV_END under phase
 * "cave"; ZK_ECANCELLED if the subscriber stops. Tens of millions of runs
 * per second: most runs end at their first or second round. */
zk_err cave_experiment(cave_stat *out, unsigned K, uint64_t trials, zk_rng *rng,
                       const zk_events *ev);

#endif
