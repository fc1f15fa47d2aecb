/* The sigma layer: Part 1 of the curriculum (lessons 01-04) as an engine.
 *
 * One include for all of it. Nothing here draws: functions return structs of
 * numbers, strings and flags that a screen shows step by step, and the few
 * long computations report progress through zk_events (core/event.h).
 * Randomness: pass a seeded zk_rng in lessons and tests so that a replay shows
 * the same numbers; pass NULL for real use (operating-system randomness).
 * Errors are zk_err codes; bad input never crashes.
 *
 * Where each lesson finds its pieces:
 *
 *   01 The cave                       cave.h
 *      one run, round by round        cave_play -> cave_run.rounds[i]
 *                                     (entered, challenge, exited, passed)
 *      cheat rate against 2^-k        cave_experiment -> cave_stat[k-1]
 *                                     (rate, exact, sigma), phase "cave"
 *
 *   02 Completeness, soundness, ZK    schnorr.h, schnorr_dist.h
 *      real vs simulated transcript   schnorr_prove_round / schnorr_simulate
 *      the exact tables (toy group)   schnorr_dist_exact -> identical, marginals
 *      histograms (secp256k1)         schnorr_dist_sample -> 3 x (16 bins,
 *                                     chi-squared, p-value), phase
 *                                     "schnorr_sample"
 *      the simulator that rewinds     schnorr_simulate_rewind, phase "rewind"
 *                                     (one note per try)
 *
 *   03 Schnorr                        group.h, schnorr.h
 *      the groups                     sg_init_named("toy11" | "secp256k1"),
 *                                     sg_describe for the side panel,
 *                                     sg_to_str / sg_set_str for elements
 *      the three moves                schnorr_commit(_with), schnorr_challenge,
 *                                     schnorr_respond, schnorr_verify ->
 *                                     schnorr_check (g^s, y^c, t*y^c)
 *      the student types r, c, s      schnorr_check_student -> which equation
 *                                     failed and a sentence saying so
 *      special soundness, nonce reuse schnorr_extract -> (ds, dc, 1/dc, x)
 *
 *   04 Fiat-Shamir                    fiat_shamir.h, bip340.h
 *      non-interactive proof          fs_prove / fs_verify (FS_STRONG)
 *      BIP-340 signatures             bip340_sign / bip340_verify (+ _hex),
 *                                     bip340_trace, bip340_verdict
 *      nonce reuse on Bitcoin's curve bip340_sign_with_nonce_unsafe,
 *                                     bip340_recover_nonce_reuse
 *      the weak Fiat-Shamir forgery   fs_forge_weak, then fs_verify with
 *                                     FS_WEAK (accepts) and FS_STRONG (rejects)
 */
#ifndef ZK_SIGMA_SIGMA_H
#define ZK_SIGMA_SIGMA_H

#include "core/hex.h"
#include "sigma/bip340.h"
#include "sigma/cave.h"
#include "sigma/chi2.h"
#include "sigma/fiat_shamir.h"
#include "sigma/group.h"
#include "sigma/schnorr.h"
#include "sigma/schnorr_dist.h"

#endif
