/* The seed CNN proven with the STARK (stark/air_cnn.h's `cnn` AIR): what
 * `zkcave mnist prove --backend stark`, `zkcave mnist verify proof.bin`,
 * `zkcave stark prove cnn` and the lessons call, so that all of them prove
 * and check the same statement.
 *
 * The statement is the Groth16 one's (zkml/zkml.h) over the same integers
 * (nn/quant.h): the raw pixels and the ten logits public, the weights
 * private; the AIR's parameters (the input exponent, each layer's rescale
 * shift and sign bits) are the model's quantization, which the verifier
 * compares with the model it expects. The model commitment is a Goldilocks
 * Poseidon digest (zkml/model_hash_gl.h), not the BN254 one of the Groth16
 * proof: each backend hashes in its own field. zkml_stark_digest says
 * whether the statement carries one.
 *
 * A proof file is stark/proof_io.c's, its AIR named "cnn". */
#ifndef ZK_ZKML_ZKML_STARK_H
#define ZK_ZKML_ZKML_STARK_H

#include "core/event.h"
#include "stark/stark.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"

/* The cnn AIR for img under the quantized model qm hashed with the
 * settings s: its statement (the raw pixels, the logits nn_qinfer gives,
 * the model's digest zkml_model_hash_gl and the header it hashes) and
 * witness. ZK_EINVAL with why for a model the AIR does not take (an
 * activation other than ReLU, settings that do not hash the whole model
 * unsalted, a quantization out of its range), ZK_EOVERFLOW when the
 * network overflows on img, ZK_ENOMEM. */
zk_err zkml_stark_air(stark_air *a, const zkml_settings *s, const nn_qmodel *qm,
                      const uint8_t img[NN_PIXELS], char *why, size_t why_len);

/* The model digest a cnn statement carries, in d (air_cnn_digest); false
 * (d zeroed) for a statement of another shape. */
bool zkml_stark_digest(gl_t d[ZKML_GL_DIGEST], const stark_air *a);


/* What a cnn statement says: class, logits and pixels (pub.has_hash is
 * false: the BN254 hash is the Groth16 statement's), and the model digest
 * when it carries one (zkml_stark_digest). */
typedef struct zkml_stark_statement {
    zkml_public pub;
    bool has_digest;
    gl_t digest[ZKML_GL_DIGEST];
} zkml_stark_statement;

/* What a STARK proof of the CNN took and gives. */
typedef struct zkml_stark_figures {
    size_t bytes;               /* the proof file */
    size_t rows, columns;       /* the trace: main + fixed + 2 per extension column */
    double seconds, cpu_seconds;/* proving (or verifying): wall and this process's CPU */
    stark_security sec;         /* the verifier's estimate from the proof's options */
} zkml_stark_figures;

/* Proves img's classification under m (whole CNN, hashed or not): the
 * proof file's bytes in *buf (zk_free), with zero knowledge and the
 * options `stark prove` uses by default, raised until the proof reaches
 * STARK_MIN_BITS_DEFAULT. st gets the statement proven. Events:
 * the engine's phases (stark.h). ZK_EINVAL / ZK_EOVERFLOW with why as
 * zkml_stark_air, ZK_ECANCELLED from a subscriber. */
zk_err zkml_stark_prove(uint8_t **buf, size_t *len, zkml_stark_statement *st,
                        zkml_stark_figures *f,
                        const zkml_model *m, const uint8_t img[NN_PIXELS], const zk_events *ev,
                        char *why, size_t why_len);

/* True when buf starts as a zkcave STARK proof file (its magic). */
bool zkml_stark_is_proof(const uint8_t *buf, size_t len);

typedef enum zkml_stark_verdict {
    ZKML_STARK_VALID,
    ZKML_STARK_INVALID,          /* the verifier refused it (why says where) */
    ZKML_STARK_WEAK,             /* below the minimum security */
    ZKML_STARK_OTHER_MODEL,      /* valid, but not about the model expected */
} zkml_stark_verdict;

typedef struct zkml_stark_verified {
    zkml_stark_verdict verdict;
    zkml_stark_statement st;
    bool quant_matches;          /* its quantization is the model's */
    zkml_stark_figures fig;
} zkml_stark_verified;

/* Reads and checks a proof file: it must be a STARK proof of the cnn AIR
 * (else ZK_EFORMAT with why: another kind of file, another AIR, a
 * malformed proof). Then the STARK verifier at min_bits, and the statement
 * against the model expected: m's quantization, and the digest expected
 * (m's zkml_model_hash_gl, or *expected when not NULL). ZK_OK with the
 * verdict in r (why says what failed). */
zk_err zkml_stark_verify(zkml_stark_verified *r, const uint8_t *buf, size_t len,
                         const zkml_model *m, const gl_t *expected, unsigned min_bits, char *why,
                         size_t why_len);

#endif
