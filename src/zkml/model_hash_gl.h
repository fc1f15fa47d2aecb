/* The model commitment of the STARK statement (stark/air_cnn.h, "Model
 * commitment"): the encoding of the BN254 model hash (zkml/zkml.h), in
 * Goldilocks.
 *
 * The elements: the same header (zkml_hash_header: one small integer an
 * element), then for each hashed layer its weights and its biases, each
 * value v stored as u = v + 2^(b-1) in a slot of the tensor's width b
 * (zkml_slot_bits), floor(63/b) slots to an element, slot j at bits b·j, a
 * tensor starting a new element. 63 bits keep every element below p, so
 * the packing is the integer's, and the STARK range-checks each slot to b
 * bits, which is what makes it binding, as in the circuit.
 *
 * The sponge: Plonky2's Poseidon permutation (hash/poseidon_gl.h) in
 * Plonky2's hash_no_pad form: the state starts at zero; each block of 8
 * elements overwrites state[0..8) (the last block may be shorter) and is
 * permuted; the digest is state[0..4) (poseidon_gl_hash_no_pad). Anyone
 * with Plonky2 recomputes it as PoseidonHash::hash_no_pad over these
 * elements (test_hash holds vectors from an independent model of it). The
 * number of elements follows from the header (shapes and slot widths), so
 * no padding is needed to tell lengths apart. Four elements: one would give 32-bit
 * collision resistance (birthday bound on 64 bits); the capacity of 4
 * elements and the 4-element digest give about 128 bits.
 *
 * Why not the BN254 hash: each backend hashes in its own field. A STARK
 * over Goldilocks cannot hold a 254-bit element, and the Groth16 circuit
 * would need non-native arithmetic for a Goldilocks permutation; so the two
 * proofs commit to the same quantized weights under two digests, and
 * `mnist prove --backend stark` is to show both. Salted models are not
 * supported yet (a Goldilocks salt wants four elements). */
#ifndef ZK_ZKML_MODEL_HASH_GL_H
#define ZK_ZKML_MODEL_HASH_GL_H

#include "field/goldilocks.h"
#include "hash/poseidon_gl.h"
#include "zkml/zkml.h"

#define ZKML_GL_DIGEST POSEIDON_GL_DIGEST
#define ZKML_GL_RATE POSEIDON_GL_RATE

/* Slots of b bits in one Goldilocks element: floor(63 / b). */
static inline size_t zkml_gl_slots(int b) { return (size_t)(63 / b); }

/* Every element the sponge absorbs, in order. *elems zk_alloc'ed (the
 * weights: free with zk_free_secret). ZK_EINVAL unless s is hashed and
 * unsalted. */
zk_err zkml_hash_gl_elements(gl_t **elems, size_t *n, const zkml_settings *s,
                             const nn_qmodel *qm);

/* How often the CNN uses each parameter of tensor k (layer k/2's weights
 * for even k, its biases for odd): a weight's multiply-accumulates per
 * image, zero-padding taps included (macs / weights: conv1 784, conv2 196,
 * fc1 and fc2 1), a bias's outputs (outputs / biases: 784, 196, 1, 1). The
 * multiplicity the unpack lanes give its write (stark/air_sponge_unpack.h). */
uint64_t zkml_gl_uses(int k);

/* The digest. ZK_EINVAL as above. */
zk_err zkml_model_hash_gl(gl_t out[ZKML_GL_DIGEST], const zkml_settings *s,
                          const nn_qmodel *qm);

/* The digest as text: its four elements in order, each 16 hex digits
 * (most significant first), 64 in all. */
#define ZKML_GL_DIGEST_HEX (16 * ZKML_GL_DIGEST)
void zkml_gl_digest_hex(char out[ZKML_GL_DIGEST_HEX + 1], const gl_t d[ZKML_GL_DIGEST]);
/* And back: exactly 64 hex digits, each element below p; else ZK_EINVAL. */
zk_err zkml_gl_digest_parse(gl_t d[ZKML_GL_DIGEST], const char *hex);

#endif
