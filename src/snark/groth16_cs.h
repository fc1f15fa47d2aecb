/* A constraint system as Groth16 setup reads it: every term of every
 * constraint in the order of the .r1cs file.
 *
 * snarkjs builds a .zkey from the .r1cs file as stored (zkey_new.js): the
 * coefficient section lists the A and B terms in file order, and `snarkjs
 * zkey verify` compares that section byte for byte with its own. The
 * circuit layer's reader (circuit/r1cs_io.h) normalises constraints as it
 * loads them (sorting, merging, dropping a product with an empty side),
 * which is right for solving but not for reproducing snarkjs's bytes, so
 * setup reads the file here, as it is. */
#ifndef ZK_SNARK_GROTH16_CS_H
#define ZK_SNARK_GROTH16_CS_H

#include "circuit/r1cs.h"

typedef struct groth16_term {
    uint32_t wire;
    fr_t coef;   /* Montgomery form */
} groth16_term;

typedef struct groth16_cs {
    uint32_t n_wires;       /* including the constant 1 */
    uint32_t n_public;      /* public outputs + public inputs */
    uint32_t n_constraints;
    groth16_term *terms;
    uint64_t n_terms;
    uint64_t *off;          /* 3·n_constraints + 1: side k (0 A, 1 B, 2 C) of
                             * constraint c is terms[off[3c+k] .. off[3c+k+1]) */
} groth16_cs;

void groth16_cs_free(groth16_cs *cs);
/* A .r1cs file (iden3 format, see circuit/r1cs_io.h). ZK_EIO, ZK_EFORMAT
 * (also for a field other than BN254's Fr, a wire out of range, a
 * coefficient >= r). */
zk_err groth16_cs_read(groth16_cs *cs, const char *path);
/* From a system built in memory (its stored order). */
zk_err groth16_cs_from_r1cs(groth16_cs *cs, const r1cs *s);

/* The terms of side k of constraint c. */
static inline const groth16_term *groth16_cs_side(const groth16_cs *cs, size_t c, int k, size_t *n)
{
    *n = (size_t)(cs->off[3 * c + k + 1] - cs->off[3 * c + k]);
    return cs->terms + cs->off[3 * c + k];
}

/* The domain snarkjs picks: the least power of two above nConstraints +
 * nPublic (room for the extra public-input constraints and the 1). */
unsigned groth16_cs_log_domain(const groth16_cs *cs);

#endif
