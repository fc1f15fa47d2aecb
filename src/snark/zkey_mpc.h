/* Phase 2 of a Groth16 ceremony on a proving key (snarkjs zkey_contribute.js,
 * zkey_beacon.js, zkey_verify_frominit.js).
 *
 * A contribution with secret x replaces δ by x·δ: δ1, δ2 are multiplied by
 * x and the C (section 8) and H (section 9) points, which carry 1/δ, by
 * 1/x. Its record proves knowledge of x: a random point s ∈ G1, x·s, and
 * x·hashToG2(transcript), where the transcript is BLAKE2b(circuit hash ‖
 * every earlier contribution's public key ‖ s ‖ x·s) (snark/zkey.h,
 * snark/snarkjs_rng.h). Anyone can check the chain from the key that
 * `groth16 setup` derives from the circuit and the powers of tau. */
#ifndef ZK_SNARK_ZKEY_MPC_H
#define ZK_SNARK_ZKEY_MPC_H

#include "core/event.h"
#include "core/rng.h"
#include "snark/groth16_cs.h"
#include "snark/zkey.h"

/* A contribution with a secret from rng (NULL: the OS), wiped afterwards.
 * name may be NULL. Progress: "contribute". hash, if not NULL, receives
 * the contribution hash snarkjs prints (BLAKE2b of the public key). */
zk_err zkey_contribute(groth16_pk *pk, const char *name, zk_rng *rng, const zk_events *ev);
zk_err zkey_contribute_hash(groth16_pk *pk, const char *name, zk_rng *rng, uint8_t hash[64],
                            const zk_events *ev);

/* A contribution whose secret is derived from a public beacon: the value
 * hashed with SHA-256 2^exp times (10 <= exp <= 63, 1..255 bytes). */
zk_err zkey_beacon(groth16_pk *pk, const char *name, const uint8_t *beacon, size_t len,
                   unsigned exp, const zk_events *ev);

/* Everything `snarkjs zkey verify circuit.r1cs pot.ptau key.zkey` checks:
 * the key's circuit part is exactly what setup derives from cs and the ptau
 * (sections 3-7 and the circuit hash), every contribution's proof of
 * knowledge and transcript (beacons re-derived), δ after the last one, and
 * that C and H differ from the initial key's by that δ alone (random linear
 * combinations and a pairing check each). ZK_EVERIFY with a one-line reason
 * in why; the setup's errors (ZK_EOVERFLOW: the ptau is too small). */
zk_err zkey_verify(const groth16_pk *pk, const groth16_cs *cs, const char *ptau_path,
                   char why[160], const zk_events *ev);

/* groth16_setup_ptau without the contribution: the key snarkjs's `groth16
 * setup` writes (δ = γ = the generator). Defined in groth16_setup_ptau.c. */
zk_err groth16_setup_ptau_init(groth16_pk *pk, const groth16_cs *cs, const char *ptau_path,
                               const zk_events *ev);

enum {
    GROTH16_SETUP_CONTRIBUTE = 1,   /* add one phase-2 contribution */
    GROTH16_SETUP_INSECURE = 2,     /* accept a ceremony with no secret (demonstrations) */
};

/* The setup we recommend: groth16_setup_ptau_init, then, with
 * GROTH16_SETUP_CONTRIBUTE, one contribution (zkey_contribute) named name.
 * ZK_EFORGEABLE, before any work, when the ceremony has no secret
 * (ptau_no_secret says why), unless GROTH16_SETUP_INSECURE. */
zk_err groth16_setup_ptau(groth16_pk *pk, const groth16_cs *cs, const char *ptau_path,
                          const char *name, zk_rng *rng, unsigned flags, const zk_events *ev);

#endif
