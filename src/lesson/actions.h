/* The built-in action tables, one per part of the curriculum. */
#ifndef ZK_LESSON_ACTIONS_H
#define ZK_LESSON_ACTIONS_H

#include "lesson/action.h"

typedef struct lesson_action_table {
    const lesson_action *actions;
    size_t n;
} lesson_action_table;

/* demo.*: small actions the tests and the lesson format's own example use. */
extern const lesson_action_table lesson_actions_demo;
/* Part 1, over src/sigma: cave.* (lesson 01), schnorr.* (02, 03), fs.* and
 * bip340.* (04). */
extern const lesson_action_table lesson_actions_cave;
extern const lesson_action_table lesson_actions_schnorr;
extern const lesson_action_table lesson_actions_zk;
extern const lesson_action_table lesson_actions_fs;
/* Part 2, over src/snark: qap.* (lesson 07), kzg.* (08), ceremony.* (09) and
 * groth16.* (09, 10). */
extern const lesson_action_table lesson_actions_qap;
extern const lesson_action_table lesson_actions_kzg;
extern const lesson_action_table lesson_actions_groth16;
extern const lesson_action_table lesson_actions_bn254;
/* Part 2, over src/circuit/rollup.h and src/snark: rollup.* (lesson 13). */
extern const lesson_action_table lesson_actions_rollup;
/* Part 2, over src/stark: stark101.* and stark.* (lesson 11). */
extern const lesson_action_table lesson_actions_stark;
/* Part 2, over src/snark and src/stark: compare.* (lesson 12). */
extern const lesson_action_table lesson_actions_compare;
/* Part 3 over src/nn: mnist.* (lesson 14) and act.* (lesson 15). */
extern const lesson_action_table lesson_actions_mnist;
extern const lesson_action_table lesson_actions_act;
/* Part 2, over src/circuit: circuit.flatten, circuit.eval, r1cs.* (lessons
 * 05, 06) and the Circom actions circuit.compile, .witness, .templates
 * (06, 19). */
extern const lesson_action_table lesson_actions_circuit;
extern const lesson_action_table lesson_actions_circom;
/* Part 3 over src/zkml: zkml.* (lessons 16, 17 and 18; actions_zkml.h). */
extern const lesson_action_table lesson_actions_zkml;
extern const lesson_action_table lesson_actions_zkml_proof;
/* Part 3, lesson 20: frontier.* (the prover's phases, recursion's cost, the
 * optimistic challenge game of nn/dispute.h). */
extern const lesson_action_table lesson_actions_frontier;

#endif
