/* Powers of tau: the universal phase 1 of a Groth16 trusted setup, in
 * snarkjs's .ptau format (snarkjs src/powersoftau_*.js), which `snarkjs
 * powersoftau verify` accepts from us and we accept from it.
 *
 * For a ceremony of power p (circuits up to 2^p constraints) a .ptau holds,
 * for secrets τ, α, β that no single contributor knows,
 *   section 2  τ^i·G1,   i < 2^(p+1) − 1
 *   section 3  τ^i·G2,   i < 2^p
 *   section 4  α·τ^i·G1, i < 2^p
 *   section 5  β·τ^i·G1, i < 2^p
 *   section 6  β·G2
 *   section 7  the contributions (below)
 * and, once prepared for phase 2 (ptau_prepare), the same four series in
 * the Lagrange basis of every domain size 2^k, k = 0..p (section 2's also
 * for k = p + 1): section 12 (τ), 13 (τ in G2), 14 (α), 15 (β), each the
 * blocks for k = 0, 1, ... one after the other, block k holding
 * L_i(τ)·G for the 2^k-th roots of unity (snark/groth16_setup.h). Section 1
 * is n8 = 32 (u32), q (32 bytes LE), p (u32), ceremonyPower (u32).
 *
 * A contribution multiplies the i-th point of each series by x^i (and α,
 * β's by a, b) for fresh secrets x, a, b, and records, with snarkjs's
 * transcript hashes (BLAKE2b-512):
 *   tauG1 = τ·G1, tauG2 = τ·G2, alphaG1, betaG1, betaG2 after it;
 *   for each of x, a, b a proof of knowledge: a random point s ∈ G1, x·s,
 *   and x·hashToG2(personalisation ‖ previous challenge ‖ s ‖ x·s)
 *   (snark/snarkjs_rng.h);
 *   the response hash's state before the public key (snark/blake2b.h),
 *   the next challenge = BLAKE2b(response hash ‖ every point, uncompressed);
 *   type 0, or 1 for a random beacon (its value and iteration exponent),
 *   and a name.
 * The response hash covers the previous challenge, every point of the new
 * file compressed, then the public key uncompressed.
 *
 * Files are held in memory while worked on: a power-20 ceremony takes
 * about 450 MB this way (and its prepared file 1.3 GB on disk). */
#ifndef ZK_SNARK_PTAU_H
#define ZK_SNARK_PTAU_H

#include "core/event.h"
#include "core/rng.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"

/* The largest power we accept: 2^27 points in G1 would not fit a file
 * anyone has made, and domains stop at 2^28. */
#define PTAU_MAX_POWER 27

enum {
    PTAU_SEC_HEADER = 1,
    PTAU_SEC_TAU_G1 = 2,
    PTAU_SEC_TAU_G2 = 3,
    PTAU_SEC_ALPHA_G1 = 4,
    PTAU_SEC_BETA_G1 = 5,
    PTAU_SEC_BETA_G2 = 6,
    PTAU_SEC_CONTRIBUTIONS = 7,
    PTAU_SEC_LAGRANGE_TAU_G1 = 12,
    PTAU_SEC_LAGRANGE_TAU_G2 = 13,
    PTAU_SEC_LAGRANGE_ALPHA_G1 = 14,
    PTAU_SEC_LAGRANGE_BETA_G1 = 15,
};

/* A proof of knowledge of one secret x: s, x·s and x·g2_sp, where g2_sp is
 * derived from the transcript (and so not stored). */
typedef struct ptau_pubkey {
    g1_aff g1_s, g1_sx;
    g2_aff g2_spx;
} ptau_pubkey;

enum { PTAU_KEY_TAU, PTAU_KEY_ALPHA, PTAU_KEY_BETA };

typedef struct ptau_contribution {
    g1_aff tau_g1;
    g2_aff tau_g2;
    g1_aff alpha_g1, beta_g1;
    g2_aff beta_g2;
    ptau_pubkey key[3];        /* τ, α, β */
    uint8_t partial_hash[216];
    uint8_t next_challenge[64];
    uint32_t type;             /* 0 contribution, 1 beacon */
    char name[65];
    uint8_t beacon_exp, beacon_len;
    uint8_t beacon[255];
} ptau_contribution;

typedef struct ptau {
    unsigned power, ceremony_power;
    g1_aff *tau_g1;            /* 2^(power+1) − 1 */
    g2_aff *tau_g2;            /* 2^power */
    g1_aff *alpha_g1, *beta_g1;
    g2_aff beta_g2;
    ptau_contribution *c;
    size_t n_c;
} ptau;

void ptau_free(ptau *t);

/* A fresh accumulator (every point a generator, no contribution), as
 * `snarkjs powersoftau new bn128 power` makes. 1 <= power <= PTAU_MAX_POWER. */
zk_err ptau_new(ptau *t, unsigned power);

/* Sections 1-7 of a file (the prepared sections are not loaded). Points
 * are checked on the curve; G2 subgroup membership is ptau_verify's job.
 * ZK_EIO, ZK_EFORMAT, the decoders' errors, ZK_EINFINITY for a point at
 * infinity (no secret is 0, so no point of a ceremony is). */
zk_err ptau_read(ptau *t, const char *path);
/* Writes sections 1-7, then, when prepare is set, 12-15 (ptau_prepare's
 * Lagrange forms, computed here; "prepare" progress events; first
 * ZK_ENOTINSUBGROUP from ptau_check_g2). Atomic. */
zk_err ptau_write(const ptau *t, const char *path, bool prepare, const zk_events *ev);

/* The challenge a contributor answers: the last contribution's next
 * challenge, or for a fresh file the hash of the initial points (computed
 * for the ceremony power). */
void ptau_last_challenge(uint8_t out[64], const ptau *t);

/* Adds a contribution with secrets drawn from rng (NULL: the OS), which
 * are wiped afterwards. name may be NULL (at most 64 bytes are kept).
 * response_hash, if not NULL, receives the hash a contributor publishes.
 * Progress: "contribute" events counting points. ZK_EINVAL when the file
 * was truncated to a smaller power than its ceremony's; ZK_ENOTINSUBGROUP
 * (ptau_check_g2) before any work. */
zk_err ptau_contribute(ptau *t, const char *name, zk_rng *rng, uint8_t response_hash[64],
                       const zk_events *ev);

/* The same with the secrets derived from a public random beacon (snarkjs
 * powersoftau beacon): 10 <= exp <= 63, 1 <= len <= 255. */
zk_err ptau_beacon(ptau *t, const char *name, const uint8_t *beacon, size_t len, unsigned exp,
                   const zk_events *ev);

/* Why anyone can compute the secrets τ, α, β of t, or NULL when some
 * contribution keeps them unknown: τ·G1, α·G1 or β·G1 is still the
 * generator (a fresh file, whatever its records say), no contribution is
 * recorded, or every one is a public random beacon (snarkjs records type 1
 * with the beacon's value and iteration exponent; its secrets follow from
 * them and the previous challenge). A key from such a ceremony is
 * forgeable by anyone (snark/groth16.h), so prepare and setup refuse it
 * unless told it is for a demonstration. */
const char *ptau_no_secret(const ptau *t);

/* The same for a file, reading only those points and the records (the
 * file's other errors are ptau_read's). *why is NULL when a secret is kept. */
zk_err ptau_file_no_secret(const char **why, const char *path);

/* ZK_ENOTINSUBGROUP when a point of the G2 sections (τ's powers, β) lies
 * outside G2 (ptau_read checks the curve only). Contributing and preparing
 * check it first: their G2 arithmetic assumes G2 (curve/glv.h), and a
 * secret multiplied into points of small order would show the points'
 * maker its residues modulo the cofactor's small factors. */
zk_err ptau_check_g2(const ptau *t);

/* Checks everything `snarkjs powersoftau verify` checks: every
 * contribution's proofs of knowledge against its challenge (beacons
 * re-derived), that each follows the previous one, that the points are
 * powers of the last contribution's τ (random linear combinations and one
 * pairing check per series), that they start at the generators, and the
 * last next-challenge hash. Also that every G2 point is in the subgroup.
 * ZK_EVERIFY with a one-line reason in why (if not NULL) when it fails;
 * a file with no secret (ptau_no_secret: no contribution, or only beacons)
 * fails too, where snarkjs accepts one made of beacons alone. A G2 point
 * outside the subgroup is a malformed file: ZK_ENOTINSUBGROUP, with why. */
zk_err ptau_verify(const ptau *t, char why[160], const zk_events *ev);

/* For a file on disk: ptau_verify, plus the prepared sections, when
 * present, checked against the powers (a random evaluation per block). */
zk_err ptau_verify_file(const char *path, char why[160], const zk_events *ev);

/* The contribution's secrets, for the lessons' "toxic waste" demonstration:
 * the same as ptau_contribute with the secrets given (τ multiplies the
 * powers, a and b the α and β series). Not for real ceremonies. */
zk_err ptau_contribute_with(ptau *t, const char *name, const fr_t *x, const fr_t *a,
                            const fr_t *b, zk_rng *rng, const zk_events *ev);

/* Ceremonies whose secrets the caller knows, made fast, for benchmarks and
 * tests that need a big one (a power-21 file in minutes where the
 * contributions and prepare of a real one take hours): anyone holding the
 * secrets forges proofs for every key made from such a file.
 * ptau_contribute_known is ptau_contribute_with on a fresh file (ZK_EINVAL
 * when t has a contribution), its series computed from the generators with
 * fixed-base tables, in variable time. ptau_write_prepared_known writes
 * what ptau_write(t, path, true, ev) writes, byte for byte, the Lagrange
 * sections computed from s = (τ, α, β), t's only contribution's secrets,
 * as L_i(τ)·G, α·L_i(τ)·G1, β·L_i(τ)·G1 (snark/groth16_setup.h) instead
 * of by the group NTT. */
zk_err ptau_contribute_known(ptau *t, const char *name, const fr_t *x, const fr_t *a,
                             const fr_t *b, zk_rng *rng, const zk_events *ev);
zk_err ptau_write_prepared_known(const ptau *t, const char *path, const fr_t s[3],
                                 const zk_events *ev);

#endif
