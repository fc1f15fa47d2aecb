/* The parts of the protocol the prover and the verifier must do
 * identically: what goes into the transcript and in which order, and what
 * comes out of it. Internal. */
#ifndef ZK_STARK_PROTOCOL_H
#define ZK_STARK_PROTOCOL_H

#include "hash/transcript.h"
#include "stark/fri.h"
#include "stark/stark.h"

#define STARK_PROTOCOL_LABEL "zkcave-stark-v1"

/* Starts the transcript with the statement (AIR name, shape parameters,
 * public inputs) and the options, so a proof is bound to what it proves
 * and how. */
void stark_transcript_start(transcript *t, const stark_air *air, const stark_options *o);
/* The out-of-domain point: drawn until it lies outside Goldilocks (u ≠ 0),
 * so it is never in D or H and no denominator vanishes. */
gl2_t stark_draw_ood(transcript *t);
/* q query positions in D, sorted and distinct; returns how many remain. */
size_t stark_draw_queries(transcript *t, const stark_layout *l, unsigned q, size_t *pos);
void stark_fri_config(fri_config *cfg, const stark_layout *l, const stark_options *o);
/* p(z) for p with base-field coefficients, z in the extension (Horner). */
gl2_t stark_eval_base_poly(const gl_t *p, size_t len, gl2_t z);

#endif
