/* Proving a digit from the workbench: the drawing pad's `p` and lesson 18's
 * panels, both through the zkML pipeline (zkml/pipeline.h) that `zkcave
 * mnist prove` uses, so the key, the circuit and the statement are the
 * command line's. What this adds: the phases timed, the files written
 * where the workbench keeps its proofs, the last proof of a circuit read
 * back (lesson 18 tampers with it), and the statement tampered with. */
#ifndef ZK_LESSON_ZKML_PROVE_H
#define ZK_LESSON_ZKML_PROVE_H

#include "lesson/zkml_views.h"
#include "zkml/pipeline.h"

/* Which circuit: the weights' visibility and the first layer kept (0: the
 * whole CNN, 3: fc2 alone), for the shipped model or another one. */
typedef struct lesson_zkml_target {
    zkml_visibility params;
    int first_layer;
    const nn_cnn *cnn;           /* NULL: the shipped model */
} lesson_zkml_target;

/* The shipped settings with the target's changes, as a pipeline model. */
zk_err lesson_zkml_model(zkml_model *m, const lesson_zkml *z, const lesson_zkml_target *t,
                         char *why, size_t why_len);

typedef struct lesson_zkml_proof {
    zkml_model m;
    zkml_keys k;                 /* the key pinned for the circuit */
    zkml_proof pr;               /* proof, public signals, statement */
    bool proved;                 /* made now (false: read back) */
    bool key_made;               /* setup ran for it */
    double setup_s, witness_s, prove_s, prove_cpu, total_s;
    char dir[4200];              /* where proof.json, public.json, vk.json are */
} lesson_zkml_proof;

/* $XDG_CACHE_HOME/zkcave/proofs/ID16 (created) for a circuit id. */
zk_err lesson_zkml_proof_dir(char *out, size_t len, const zkml_model *m);

/* Proves img: the key (made and cached when there is none: the setup of
 * the whole CNN takes minutes), the witness, Groth16, the proof checked
 * under the pinned key, and proof.json, public.json and vk.json written to
 * the circuit's proof directory. A proof of the whole CNN also becomes
 * the throughput the constraint counter shows (lesson_zkml_rate_save).
 * Progress: the pipeline's phases. why on failure. */
zk_err lesson_zkml_prove(lesson_zkml_proof *out, const lesson_zkml *z,
                         const lesson_zkml_target *t, const uint8_t img[NN_PIXELS],
                         const zk_events *ev, char *why, size_t why_len);
/* The last proof written for the target's circuit, with the key pinned for
 * it. ZK_ENOENT when there is none (or no key is pinned). */
zk_err lesson_zkml_proof_load(lesson_zkml_proof *out, const lesson_zkml *z,
                              const lesson_zkml_target *t, char *why, size_t why_len);
void lesson_zkml_proof_free(lesson_zkml_proof *p);

/* The public signals pub (n) with the proof checked under the pinned key,
 * the model hash compared with expected (NULL: the proof's model's). */
zk_err lesson_zkml_verify(zkml_verified *out, const lesson_zkml_proof *p, const fr_t *pub,
                          size_t n, const fr_t *expected, char *why, size_t why_len);

/* The statement with the prover's claim changed: "the image is a `cls`"
 * (that class's logit raised to one above the largest, the class set to
 * it); or pixel i set to v. New signals in *pub (n_pub, zk_alloc'ed).
 * ZK_EINVAL when the statement has no pixels (a reduced model). */
zk_err lesson_zkml_claim_class(fr_t **pub, const lesson_zkml_proof *p, int cls);
zk_err lesson_zkml_claim_pixel(fr_t **pub, const lesson_zkml_proof *p, int i, uint8_t v);

/* "0x267e2273…b2d25307". */
char *lesson_zkml_hash_str(char *out, size_t len, const fr_t *h);

#endif
