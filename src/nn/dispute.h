/* Optimistic zkML: the quantized CNN's run as a trace of small steps that an
 * asserter commits to, and the bisection game a challenger plays against it
 * (the refereed-games shape of Canetti, Riva and Rothblum, "Practical
 * delegation of computation using multiple servers", CCS 2011, which
 * optimistic rollups and opML use).
 *
 * Steps. The integer CNN of nn/quant.h, cut where one step writes one piece
 * of the state: conv1 → rescale → ReLU (or the square model's square) for
 * one output channel (16 steps),
 * its 2×2 max-pool (16), conv2 per channel (32), its pool (32), one fc1
 * neuron (128), one fc2 logit (10) and the argmax (1): 235 steps. The
 * state after step s holds the input and the outputs of steps 0..s−1.
 *
 * Commitments. Leaf 0 is the input (784 quantized pixels), leaf s + 1 the
 * output of step s; a leaf not yet written is 32 zero bytes, a written one
 * BLAKE2b-256(0x00 || s+1 as u32 LE || values as i64 LE). The state's root
 * is the BLAKE2b Merkle tree of hash/merkle.h over 256 leaves. So state
 * s + 1 differs from state s in exactly leaf s + 1, and one authentication
 * path proves both that leaf empty under root s and written under root
 * s + 1.
 *
 * The game. Both sides agree on state 0 (the input is the statement) and
 * disagree on state N (the claimed output). Each round the asserter reveals
 * its root at the middle of the disputed range and the challenger says
 * whether its own root there is the same: the range halves, so after
 * ceil(log2 N) rounds one step remains, from an agreed state to a disputed
 * one. The referee re-executes that step alone: the asserter opens the
 * leaves it reads against the agreed root and the leaf it writes against
 * the disputed root (same path, empty before); the asserter loses when an
 * opening fails or the step's output differs, the challenger otherwise. */
#ifndef ZK_NN_DISPUTE_H
#define ZK_NN_DISPUTE_H

#include "hash/hash.h"
#include "nn/quant.h"

enum {
    NN_DISPUTE_STEPS = 235,
    NN_DISPUTE_LEAVES = 256,   /* the input and the steps, padded to a power of two */
    NN_DISPUTE_DEPTH = 8,
    NN_DISPUTE_MAX_ROUNDS = 16,
};

/* The seven kinds of step, in the order they run. */
typedef enum nn_step_kind {
    NN_STEP_CONV1,
    NN_STEP_POOL1,
    NN_STEP_CONV2,
    NN_STEP_POOL2,
    NN_STEP_FC1,
    NN_STEP_FC2,
    NN_STEP_ARGMAX,
    NN_STEP_KINDS,
} nn_step_kind;

extern const char *const nn_step_kind_names[NN_STEP_KINDS];   /* "conv1", …, "argmax" */

/* Step s's kind and its channel, neuron or logit within the kind. */
void nn_step_info(nn_step_kind *kind, size_t *index, size_t s);
/* The first step of a kind and how many it has. */
size_t nn_step_first(nn_step_kind kind, size_t *count);
/* Multiply-accumulates of step s (the referee's work): 9·784 for a conv1
 * channel, 144·196 for conv2, 1568 for an fc1 neuron, 128 for fc2, 0 for
 * pools and the argmax (comparisons only). */
size_t nn_step_macs(size_t s);

/* One party's view of a run: every leaf's values and hash. */
typedef struct nn_trace {
    int64_t *vals;                          /* all leaves' values, leaf after leaf */
    size_t off[NN_DISPUTE_STEPS + 2];       /* leaf i is vals[off[i] .. off[i+1]) */
    hash_digest leaf[NN_DISPUTE_LEAVES];    /* written leaves' hashes */
    int cls;                                /* the claimed class (the argmax leaf) */
} nn_trace;

/* Runs qm on image step by step. With tamper < NN_DISPUTE_STEPS, that step's
 * output is changed (its first value raised by delta, or for the argmax the
 * next class) and every later step computed from the changed state: a
 * cheater who lies once and is consistent afterwards. Overflow is not
 * checked here (run nn_qinfer first, as the tests do). ZK_ENOMEM. */
zk_err nn_trace_run(nn_trace *t, const nn_qmodel *qm, const uint8_t image[NN_PIXELS],
                    size_t tamper, int64_t delta);
void nn_trace_free(nn_trace *t);
/* The root of state s (0..NN_DISPUTE_STEPS): the tree over leaves 0..s. */
zk_err nn_trace_root(hash_digest *root, const nn_trace *t, size_t s);

/* One round: the range (lo, hi) before it, the middle asked, both roots
 * there and the challenger's answer. */
typedef struct nn_round {
    size_t lo, hi, mid;
    hash_digest asserter, challenger;
    bool agree;
} nn_round;

typedef enum nn_dispute_state {
    NN_DISPUTE_NONE,        /* the final roots agree: nothing to dispute */
    NN_DISPUTE_PLAYING,     /* more rounds to go */
    NN_DISPUTE_ASSERTER_LOST,
    NN_DISPUTE_CHALLENGER_LOST,
} nn_dispute_state;

typedef struct nn_dispute {
    const nn_qmodel *qm;
    const nn_trace *asserter, *challenger;
    nn_dispute_state state;
    size_t lo, hi;                          /* agreed at lo, disputed at hi */
    nn_round rounds[NN_DISPUTE_MAX_ROUNDS];
    size_t nrounds;
    hash_digest next_asserter, next_challenger;  /* the roots at the next middle */
    const char *why;                        /* the referee's reason, once decided */
} nn_dispute;

/* Starts a game: the final roots compared (NN_DISPUTE_NONE when equal), and
 * the first middle's roots ready. */
zk_err nn_dispute_begin(nn_dispute *d, const nn_qmodel *qm, const nn_trace *asserter,
                        const nn_trace *challenger);
/* The next middle; valid while PLAYING. */
size_t nn_dispute_mid(const nn_dispute *d);
/* The challenger's answer at the middle: agree (the roots are equal, says
 * the challenger) or not. After the last round the referee decides. */
zk_err nn_dispute_answer(nn_dispute *d, bool agree);
/* The whole game with a challenger who answers by comparing the roots. */
zk_err nn_dispute_play(nn_dispute *d, const nn_qmodel *qm, const nn_trace *asserter,
                       const nn_trace *challenger);

/* The referee alone: the asserter's openings for step s checked against
 * the roots it committed to at s and s + 1, and the step re-executed.
 * *honest = the asserter's output for the step is right; ZK_EVERIFY (and
 * *why) when an opening fails. */
zk_err nn_referee(bool *honest, const char **why, const nn_qmodel *qm, const nn_trace *asserter,
                  size_t s);

#endif
