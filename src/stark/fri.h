/* FRI: a proof that a function on D is close to a polynomial of low degree.
 *
 * Ben-Sasson, Bentov, Horesh, Riabzev, "Fast Reed-Solomon Interactive
 * Oracle Proofs of Proximity" (ICALP 2018). Write f(x) = Σ_t x^t·f_t(x^F)
 * for the folding factor F; with a random β the verifier asks for
 *     fold(f)(y) = Σ_t β^t·f_t(y)        on D^F = {x^F},
 * a polynomial of degree < d/F when f had degree < d. From the F values of
 * f on a coset {x·ζ^k} (ζ a primitive F-th root of unity) the folded value
 * at y = x^F is Σ_t (β/x)^t·(1/F)·Σ_k f(xζ^k)·ζ^(-kt); for F = 2 this is
 *     (f(x) + f(-x))/2 + β·(f(x) - f(-x))/(2x).
 * Each layer is committed in a Merkle tree whose leaf j holds the coset of
 * position j (positions j + k·n/F for k < F), so one opening gives the
 * verifier everything one fold needs. After the committed layers the prover
 * sends the last function's interpolating polynomial (the remainder)
 * outright, and the verifier checks its query paths end on it. */
#ifndef ZK_STARK_FRI_H
#define ZK_STARK_FRI_H

#include "core/event.h"
#include "hash/merkle.h"
#include "hash/transcript.h"
#include "stark/stark.h"

#define FRI_MAX_LAYERS 32

typedef struct fri_config {
    unsigned log_n;       /* layer 0 has 2^log_n points */
    unsigned log_fold;    /* F = 2^log_fold */
    unsigned layers;      /* committed layers */
    size_t rem_len;       /* remainder coefficients */
    gl_t shift;           /* layer 0 is shift·<ω>, layer i is shift^(F^i)·<ω^(F^i)> */
    size_t salt_len;
} fri_config;

typedef struct fri_prover {
    fri_config cfg;
    gl2_t *evals[FRI_MAX_LAYERS + 1];   /* layer i's values; evals[layers] on the remainder domain */
    gl_t *leaves[FRI_MAX_LAYERS];       /* layer i's leaf rows: 2F base values each */
    uint8_t *salts[FRI_MAX_LAYERS];
    merkle_tree trees[FRI_MAX_LAYERS];
    gl2_t *rem;                         /* rem_len coefficients */
} fri_prover;

/* One layer as it was folded, for events (ZK_EV_NOTE, phase "fri_fold",
 * data points to this). */
typedef struct fri_layer_info {
    unsigned layer;
    size_t size;            /* points */
    const hash_digest *root;
} fri_layer_info;

/* The commit phase: layer 0 is f (2^log_n values, copied), committed;
 * then for each layer a challenge β from the transcript and the fold. The
 * remainder's coefficients are absorbed last. rng gives the salts. */
zk_err fri_commit(fri_prover *fp, const fri_config *cfg, const gl2_t *f, transcript *t,
                  zk_rng *rng, const zk_events *ev);
void fri_prover_free(fri_prover *fp);

/* The query phase: opens every layer at the layer-0 positions pos[0..n)
 * (sorted, distinct). open[i] receives layer i's opening (allocated here). */
zk_err fri_open(const fri_prover *fp, const size_t *pos, size_t n, stark_opening *open);

/* The verifier's commit phase: absorbs the roots, drawing the β's between
 * them, then the remainder. */
void fri_replay(const fri_config *cfg, const hash_digest *roots, const gl2_t *rem,
                transcript *t, gl2_t *betas);

/* The verifier's query phase: val[k] is f at the layer-0 position pos[k]
 * (sorted, distinct), as the verifier computed it. ZK_EVERIFY (why names
 * the layer) when a path, a fold or the remainder disagrees, or an opening
 * has the wrong shape. */
zk_err fri_check(const fri_config *cfg, const hash_digest *roots, const gl2_t *rem,
                 const stark_opening *open, const gl2_t *betas, const size_t *pos,
                 const gl2_t *val, size_t n, const char **why);

/* Fills opening o of tree t at the given leaves from the leaf rows
 * (width values each, rows stride elements apart) and salts: values, salts
 * and batched nodes. Shared with the trace trees. */
zk_err stark_opening_fill(stark_opening *o, const merkle_tree *t, const gl_t *rows, size_t width,
                          size_t stride, const uint8_t *salts, size_t salt_len,
                          const size_t *leaves, size_t n);
/* Checks opening o against root at the given leaves (sorted, distinct):
 * shape, then the batched Merkle proof. */
zk_err stark_opening_check(const stark_opening *o, const hash_digest *root, unsigned depth,
                           const size_t *leaves, size_t n, size_t width, size_t salt_len);
void stark_opening_free(stark_opening *o);

/* Sorts v[0..n) and drops repeats in place; returns how many remain. */
size_t stark_sort_unique(size_t *v, size_t n);

#endif
