/* Circuits built straight from C (circuit/r1cs.h) for benchmarks, tests and
 * lessons, in the two shapes that bound a prover's speed:
 *
 *   square chain   x_1 = x_0^2, x_2 = x_1^2, ..., y = x_(m-1)^2: public
 *                  input x_0, public output y, m constraints. Every witness
 *                  value is a full-size field element (a "dense" witness).
 *   bits           Num2Bits(64) blocks as circomlib writes them: for a value
 *                  v, 64 constraints b·(b − 1) = 0 and Σ 2^k·b_k = v. The
 *                  first value is a public input, the others private; the
 *                  witness is almost all zeros and ones.
 *   cnn layer      the shape of a quantized CNN's circuit with private
 *                  weights (the zkml issue's): neurons of 32 products
 *                  p = x·w (A = x from a pool of 256 activations, B = w
 *                  from a pool of 256 weights, both private inputs below
 *                  2^8, one of them public), then the rescale of their sum
 *                  Σp + 2^15 = 2^16·q + t with t and q range-checked to 16
 *                  bits (32 constraints b·(b − 1) = 0 and one linear
 *                  constraint of 65 terms with coefficients 2^k): 65
 *                  constraints and 64 new wires a neuron.
 * All solve with r1cs_solve from their inputs. */
#ifndef ZK_SNARK_GROTH16_DEMO_H
#define ZK_SNARK_GROTH16_DEMO_H

#include "circuit/r1cs.h"
#include "core/event.h"
#include "core/rng.h"
#include "snark/groth16.h"

/* m >= 1 constraints; s is initialised here (free with r1cs_free). */
zk_err groth16_demo_square_chain(r1cs *s, uint32_t m);
/* At least m constraints, in blocks of 65 (blocks = ceil(m / 65)). */
zk_err groth16_demo_bits(r1cs *s, uint32_t m, uint32_t *blocks);

/* At least m constraints, in neurons of 65 (neurons = ceil(m / 65)). */
zk_err groth16_demo_cnn(r1cs *s, uint32_t m, uint32_t *neurons);

/* The inputs r1cs_solve wants: the chain's x_0 = 3, the bit blocks' values
 * pseudo-random 64-bit numbers from seed. inputs has room for the system's
 * n_pub_in + n_prv_in values. */
void groth16_demo_inputs(const r1cs *s, fr_t *inputs, uint64_t seed);
/* The witness of s solved from groth16_demo_inputs(seed): *w holds
 * s->n_wires elements (zk_alloc'ed; NULL on failure). Errors: ZK_ENOMEM,
 * those of r1cs_solve. */
zk_err groth16_demo_witness(fr_t **w, const r1cs *s, uint64_t seed);
/* The cnn layer's: 512 pseudo-random values below 2^8 from seed. */
void groth16_demo_cnn_inputs(fr_t inputs[512], uint64_t seed);

/* A key made on the spot from five random secrets, for demonstrations
 * (lessons, labs, the comparisons of lesson 12): nobody but this process
 * ever knew the secrets, but nobody else can check that either, which is
 * what a ceremony is for (snark/groth16_setup.h). */
typedef struct groth16_demo_key {
    groth16_pk pk;
    groth16_vk vk;
    unsigned log_domain;   /* the circuit's evaluation domain, 2^log_domain */
} groth16_demo_key;

/* The proving and verifying keys of s from five secrets drawn from rng
 * (NULL: the OS), wiped before returning. secret = true takes the
 * constant-time setup (groth16_setup_secrets, a key someone may rely on);
 * false the faster variable-time one, for keys whose secrets are no secret
 * (benchmarks, the prover's phases of lesson 20). On failure nothing needs
 * freeing and k->log_domain still says the domain the circuit wants
 * (ZK_EOVERFLOW: more than BN254's 2^28). Errors: ZK_ENOMEM, those of
 * groth16_cs_from_r1cs and groth16_setup_toxic. */
zk_err groth16_demo_key_make(groth16_demo_key *k, const r1cs *s, zk_rng *rng, bool secret,
                             const zk_events *ev);
void groth16_demo_key_free(groth16_demo_key *k);

#endif
