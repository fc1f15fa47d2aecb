/* snarkjs's Groth16 proving key file, .zkey (snarkjs src/zkey_utils.js,
 * zkey_new.js), and the proving key in memory.
 *
 * An iden3 container (core/binfile.h) of type "zkey", version 1, ten sections:
 *   1  protocol: u32, 1 = Groth16
 *   2  header: n8q u32, q (n8q bytes LE), n8r u32, r, nVars u32, nPublic u32,
 *      domainSize u32, then α1, β1 (G1), β2, γ2 (G2), δ1 (G1), δ2 (G2)
 *   3  IC: nPublic + 1 G1 points, (β·A_i(τ) + α·B_i(τ) + C_i(τ))/γ
 *   4  coefficients: u32 count, then (matrix u32: 0 = A, 1 = B; constraint
 *      u32; signal u32; value as 32 LE bytes of value·R^2 mod r, R = 2^256)
 *   5  A_i(τ)·G1 for every wire i            (nVars points)
 *   6  B_i(τ)·G1                             (nVars)
 *   7  B_i(τ)·G2                             (nVars)
 *   8  (β·A_i + α·B_i + C_i)(τ)/δ·G1 for the private wires i > nPublic
 *   9  L^(2n)_(2i+1)(τ)/δ·G1 for i < n = domainSize: the Lagrange basis of
 *      the 2n-th roots of unity at the odd points, i.e. on the coset
 *      ω_2n·⟨ω_n⟩ where the prover evaluates A·B − C (snark/groth16.h)
 *  10  MPC: the circuit hash (64 bytes, BLAKE2b of the initial key, see
 *      zkey_cs_hash) then u32 count and the phase-2 contributions, each
 *      δ-after (G1), g1_s, g1_sx (G1), g2_spx (G2), transcript (64 bytes),
 *      type u32 (0 = contribution, 1 = beacon) and parameters (u32 length;
 *      tag 1 name: u8 length + bytes; tag 2 beacon exponent: u8; tag 3
 *      beacon hash: u8 length + bytes; tags in increasing order).
 * Points are LEM-encoded (curve/encode.h). Section 4 also lists, for each
 * public wire s (0..nPublic), A coefficient 1 in the extra constraint
 * nConstraints + s: it makes the A polynomials of the public wires linearly
 * independent, which Groth16's soundness proof needs. γ is the generator in
 * every key snarkjs makes (so, here too): only δ is ever contributed. */
#ifndef ZK_SNARK_ZKEY_H
#define ZK_SNARK_ZKEY_H

#include "core/binfile.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "field/fr.h"
#include "snark/blake2b.h"

enum {
    ZKEY_SEC_PROTOCOL = 1,
    ZKEY_SEC_HEADER = 2,
    ZKEY_SEC_IC = 3,
    ZKEY_SEC_COEFS = 4,
    ZKEY_SEC_A = 5,
    ZKEY_SEC_B1 = 6,
    ZKEY_SEC_B2 = 7,
    ZKEY_SEC_C = 8,
    ZKEY_SEC_H = 9,
    ZKEY_SEC_MPC = 10,
};

#define ZKEY_COEF_BYTES 44

typedef struct zkey_header {
    uint32_t n_vars;        /* wires, the constant 1 included */
    uint32_t n_public;      /* public outputs and inputs, without the 1 */
    uint32_t domain_size;   /* n, a power of two */
    unsigned log_n;
    g1_aff alpha1, beta1, delta1;
    g2_aff beta2, gamma2, delta2;
} zkey_header;

/* One entry of section 4, value in Montgomery form (the real coefficient). */
typedef struct zkey_coef {
    uint32_t matrix, constraint, signal;
    fr_t value;
} zkey_coef;

/* A phase-2 contribution: δ ← δ·x with a proof of knowledge of x. */
typedef struct zkey_contribution {
    g1_aff delta_after;     /* δ·G1 after this contribution */
    g1_aff g1_s, g1_sx;     /* a random point s and x·s */
    g2_aff g2_spx;          /* x·hashToG2(transcript) */
    uint8_t transcript[64];
    uint32_t type;          /* 0 contribution, 1 beacon */
    char name[65];          /* at most 64 bytes, as snarkjs truncates */
    uint8_t beacon_exp;
    uint8_t beacon_len;
    uint8_t beacon[255];
} zkey_contribution;

typedef struct zkey_mpc {
    uint8_t cs_hash[64];
    zkey_contribution *c;
    size_t n;
} zkey_mpc;

void zkey_mpc_free(zkey_mpc *m);

/* An open .zkey: header read and every section's size checked against it. */
typedef struct zkey_file {
    zk_binfile bf;
    zkey_header h;
} zkey_file;

/* ZK_EIO unreadable; ZK_EFORMAT not a Groth16 zkey of BN254, a missing or
 * repeated section, a section of the wrong size; ZK_ENOTONCURVE etc. for a
 * header point, ZK_EINFINITY for one at infinity; ZK_EUNSUPPORTED for
 * another protocol (PLONK, FFLONK). */
zk_err zkey_open(zkey_file *z, const char *path);
void zkey_close(zkey_file *z);

/* Section 4, values converted to Montgomery form; indices checked against
 * nVars and the domain. *c is zk_alloc'ed. */
zk_err zkey_read_coefs(const zkey_file *z, zkey_coef **c, size_t *n);
zk_err zkey_read_mpc(const zkey_file *z, zkey_mpc *m);

/* The Groth16 proving key in memory: every section of a .zkey. */
typedef struct groth16_pk {
    zkey_header h;
    zkey_coef *coefs;
    size_t n_coefs;
    g1_aff *ic;    /* n_public + 1 */
    g1_aff *a, *b1;
    g2_aff *b2;    /* n_vars each */
    g1_aff *c;     /* n_vars - n_public - 1 */
    g1_aff *hq;    /* domain_size */
    zkey_mpc mpc;
} groth16_pk;

void groth16_pk_free(groth16_pk *pk);
/* Allocates the point arrays for the header already filled in (ZK_ENOMEM;
 * the coefficients are the caller's). */
zk_err groth16_pk_alloc(groth16_pk *pk);

/* The whole file. check_subgroup checks every G2 point of section 7. */
zk_err zkey_read(groth16_pk *pk, const char *path, bool check_subgroup);
zk_err zkey_write(const groth16_pk *pk, const char *path);

/* Parts of a zkey, for writers that stream (setup, contributions). */
void zkey_write_header(zk_binwriter *w, const zkey_header *h);
void zkey_write_coefs(zk_binwriter *w, const zkey_coef *c, size_t n);
void zkey_write_mpc(zk_binwriter *w, const zkey_mpc *m);

/* snarkjs zkey_utils hashPubKey: a contribution's public key into h. */
void zkey_hash_contribution(blake2b_state *h, const zkey_contribution *c);

#endif
