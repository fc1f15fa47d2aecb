/* A second opinion from snarkjs itself: zkcave's Groth16 files handed to
 * `snarkjs groth16 verify` in a child process, for the lessons that show a
 * proof made here accepted by the reference tool. snarkjs is optional at
 * run time (ARCHITECTURE.md: Node is for interop tests and benchmarks), so
 * "not installed" is an answer, not an error. */
#ifndef ZK_SNARK_GROTH16_SNARKJS_H
#define ZK_SNARK_GROTH16_SNARKJS_H

#include "snark/groth16.h"

/* The path of an executable named snarkjs: where the interop tests install
 * it (tests/interop/node_modules/.bin, from the repository's root), else on
 * PATH. false when there is none. */
bool groth16_snarkjs_find(char *path, size_t size);

typedef enum groth16_snarkjs_answer {
    GROTH16_SNARKJS_ABSENT,   /* no snarkjs here */
    GROTH16_SNARKJS_OK,       /* it verified the proof */
    GROTH16_SNARKJS_REJECTED, /* it ran and did not say OK */
} groth16_snarkjs_answer;

/* Writes verification_key.json, public.json and proof.json into dir (as
 * snarkjs writes them) and runs `snarkjs groth16 verify` on them; said gets
 * snarkjs's last line without its colour codes ("" when it said nothing).
 * Errors: those of writing the files (nothing is run then). */
zk_err groth16_snarkjs_verify(groth16_snarkjs_answer *answer, char *said, size_t said_len,
                              const char *dir, const groth16_vk *vk, const fr_t *pub,
                              size_t n_pub, const groth16_proof *proof);

#endif
