/* The zkML workflow, engine side: what `zkcave mnist compile | setup |
 * witness | prove | verify` and lesson 18 call, so that both do the same.
 *
 *   zkml_model        a quantized model with its settings: its circuit's
 *                     identity, its model hash, its public layout;
 *   zkml_keys         the key pair PINNED for that circuit, from the cache
 *                     (zkml_keys_find) or made and cached (zkml_keys_ensure);
 *   zkml_prove_image  witness → Groth16 → proof and public signals, the
 *                     proof checked against the pinned key before it is
 *                     returned;
 *   zkml_verify       the pairing under a key the verifier chose, the
 *                     public signals decoded (zkml/zkml.h's layout), the
 *                     model hash compared with the model expected.
 *
 * Which key a verifier trusts. A proof comes with public signals and often
 * with a vk.json beside it; a verifier who takes that vk lets the prover
 * pick the key, and a prover who made the key (knowing its τ) can prove
 * anything. So the verifier here uses the key pinned for the circuit: the
 * one its own setup made (`zkcave mnist setup` or the first `zkcave mnist
 * prove`), read back from the cache; another key only when the user names
 * it, and then with its fingerprint on screen.
 *
 * The key cache: $XDG_CACHE_HOME/zkcave/mnist/ID/ (~/.cache when unset),
 * ID the circuit id in hex:
 *   key.zkey   the proving key (absent when `mnist setup` pinned a key the
 *              user keeps elsewhere: meta.json says where);
 *   vk.json    the verification key, snarkjs's format;
 *   meta.json  what the key is for, vk.json's SHA-256, where the .zkey is,
 *              how it was made. Written last;
 *   lock       held (fcntl) by whoever makes or pins a key, from looking
 *              for the record until it is written: two first proofs at
 *              once make one key.
 * Each file is replaced atomically (core/file.h). A directory whose
 * meta.json is missing or names another circuit, whose vk.json does not
 * have the SHA-256 meta.json records, or whose .zkey holds another key than
 * vk.json, has no usable proving key: zkml_keys_ensure makes a new one.
 *
 * The circuit id: BLAKE2b-256 of a format tag, the settings (visibility,
 * pixel layout, salt, first layer), the quantization (every exponent and
 * acc_bits), what of the model the circuit holds (hashed: each tensor's
 * slot width; fixed: every quantized parameter; public and private:
 * nothing), and the constraint, wire and term counts of every row and
 * operation (zkml_count). Two models that differ only in their weights
 * therefore share one circuit and one key in hashed visibility, and a proof
 * about the other model verifies but carries the other model hash: it is
 * reported as that, not as a broken proof.
 *
 * Setup's trust: keys are made from secrets (τ, α, β, γ, δ) sampled from
 * libsodium on this machine and wiped after use. Whoever ran the setup
 * could have kept τ, and τ alone forges proofs of anything; a phase-2
 * contribution re-randomises δ only and does not remove that trust. A key
 * the user made is trusted by that user; to trust no single machine, use
 * `zkcave groth16 setup` with a prepared ceremony file (README).
 *
 * Progress: phases "pipeline_compile", "pipeline_setup", "pipeline_witness"
 * and "pipeline_prove" begin and end around the engine's own events
 * ("zkml_compile", "setup", "zkml_witness", "load", "qap_h", "msm_*"). */
#ifndef ZK_ZKML_PIPELINE_H
#define ZK_ZKML_PIPELINE_H

#include "nn/cnn.h"
#include "snark/groth16.h"
#include "snark/groth16_cs.h"
#include "zkml/zkml.h"

/* ---- settings ------------------------------------------------------------ */

/* The settings file the app ships (assets/), the default of every command. */
#define ZKML_SETTINGS_FILE "mnist-settings.json"
/* The x² network's own calibration (nn/model_file.h NN_MODEL_SQUARE_FILE). */
#define ZKML_SETTINGS_SQUARE_FILE "mnist-settings-square.json"

/* Reads a settings file: zkml_settings_parse, and run_args.first_layer
 * (0..3, default 0: the reduced models of zkml.h). Errors: the file's
 * (core/file.h), ZK_EPARSE / ZK_EFORMAT with why. */
zk_err zkml_settings_load(zkml_settings *s, nn_qparams *q, const char *path, char *why,
                          size_t why_len);

/* ---- the model ----------------------------------------------------------- */

typedef struct zkml_model {
    zkml_settings s;
    nn_qmodel *qm;
    zkml_layout layout;
    zkml_counts counts;
    bool has_hash;           /* hashed visibility */
    fr_t hash;               /* the model hash the circuit outputs */
    bool has_salt;
    fr_t salt;               /* secret */
    uint8_t id[32];          /* the circuit id */
    char id_hex[65];
} zkml_model;

/* Quantizes cnn with q, checks the settings (zkml_settings_check), counts
 * the circuit, computes the model hash and the circuit id. salt: exactly
 * when s->salted. ZK_EINVAL / ZK_EOVERFLOW with why. */
zk_err zkml_model_init(zkml_model *m, const nn_cnn *cnn, const nn_qparams *q,
                       const zkml_settings *s, const fr_t *salt, char *why, size_t why_len);
void zkml_model_free(zkml_model *m);

/* One line saying what the visibility means for whoever trusts a proof:
 * hashed weights behind the model hash; fixed weights readable by every
 * prover; public weights with no Solidity verifier; private weights
 * committed to nothing. */
const char *zkml_visibility_meaning(zkml_visibility v);

/* ---- keys ---------------------------------------------------------------- */

typedef struct zkml_keys {
    char dir[4096];          /* the cache directory of the circuit */
    char zkey[4096];         /* the proving key, "" when none is usable */
    char vk_path[4096];      /* vk.json in dir */
    groth16_vk vk;           /* the pinned verification key */
    uint8_t vk_sha256[32];   /* of vk.json's bytes */
    bool made;               /* setup ran in this call */
    double setup_seconds;    /* of the setup that made the key */
    groth16_pk *pk;          /* made: the key still in memory, for the first proof */
} zkml_keys;

/* $XDG_CACHE_HOME/zkcave/mnist, or ~/.cache/zkcave/mnist (not created).
 * ZK_EINVAL when neither variable is set. */
zk_err zkml_cache_root(char *out, size_t len);

/* The key pinned for m's circuit. ZK_ENOENT (why: "no key is pinned ...")
 * when there is none or its record cannot be read; ZK_EFORMAT when the cache entry is damaged (a vk.json
 * without its recorded SHA-256, a key anyone can forge for); ZK_EFORGEABLE
 * when its directory belongs to another user or others may write to it
 * (zkml_keys_ensure and zkml_keys_pin refuse it too). k->zkey is ""
 * when the proving key is missing or is not vk's. */
zk_err zkml_keys_find(zkml_keys *k, const zkml_model *m, char *why, size_t why_len);

/* zkml_keys_find, and when there is no usable proving key: compile, setup
 * from fresh secrets, write key.zkey, vk.json and meta.json into the
 * cache (a ZK_EV_NOTE says when this replaces a pinned key). */
zk_err zkml_keys_ensure(zkml_keys *k, const zkml_model *m, const zk_events *ev, char *why,
                        size_t why_len);

/* Setup from fresh secrets for a circuit (the one place the pipeline makes
 * keys; secret = constant-time). Phase "pipeline_setup" around it. */
zk_err zkml_setup(groth16_pk *pk, const groth16_cs *cs, const zk_events *ev);

/* Pins vk for m's circuit (`mnist setup`): vk.json and meta.json, with
 * zkey_path (absolute) as where its proving key is; a key.zkey cached for
 * an earlier key is removed. The caller has checked that the key is for
 * m's circuit. k is filled as zkml_keys_find would. */
zk_err zkml_keys_pin(zkml_keys *k, const zkml_model *m, const groth16_vk *vk,
                     const char *zkey_path, double setup_seconds, char *why, size_t why_len);

void zkml_keys_free(zkml_keys *k);

/* Whether cs is m's circuit, term for term (ZK_OK, or ZK_EVERIFY with
 * why naming the first difference). Compiles m. */
zk_err zkml_same_circuit(const zkml_model *m, const groth16_cs *cs, const zk_events *ev,
                         char *why, size_t why_len);

/* SHA-256 of a file's bytes, as hex (65 bytes). */
zk_err zkml_file_sha256(char hex[65], const char *path);

/* ---- proving ------------------------------------------------------------- */

typedef struct zkml_proof {
    groth16_proof proof;
    fr_t *pub;               /* public.json: n_pub values */
    size_t n_pub;
    zkml_public stmt;        /* what they say */
} zkml_proof;

/* Witness, then Groth16 with k (k->pk when set, else k->zkey), then the
 * proof verified with k->vk. ZK_EVERIFY with rep->msg naming the stage or
 * the failing constraint (the witness is then computed again with every
 * constraint checked); ZK_EOVERFLOW for an image whose accumulator leaves
 * acc_bits; ZK_ENOENT when k has no proving key. rep may be NULL. */
zk_err zkml_prove_image(zkml_proof *out, const zkml_model *m, const zkml_keys *k,
                        const uint8_t image[NN_PIXELS], const zk_events *ev, zkml_report *rep);
void zkml_proof_free(zkml_proof *p);

/* The witness alone, as `mnist witness` writes it (every constraint
 * checked as it is made). Phase "pipeline_witness". */
zk_err zkml_witness_for(zkml_witness *w, const zkml_model *m, const uint8_t image[NN_PIXELS],
                        bool check, const zk_events *ev, zkml_report *rep);

/* ---- verifying ----------------------------------------------------------- */

typedef enum zkml_verdict {
    ZKML_VALID,          /* the pairing holds and the model is the one expected */
    ZKML_INVALID,        /* the pairing equation does not hold for this key */
    ZKML_OTHER_MODEL,    /* the pairing holds, but for another model's hash or parameters */
} zkml_verdict;

typedef struct zkml_verified {
    zkml_verdict verdict;
    bool pairing;            /* the pairing equation holds */
    bool model_checked;      /* a model hash or public parameters were compared */
    bool model_matches;
    zkml_public stmt;        /* the statement, decoded */
} zkml_verified;

/* Decodes the public signals with L, checks vk (groth16_vk_check), the
 * pairing, and the model: expected_hash (hashed visibility; NULL: not
 * compared) or expected_params (public visibility: the quantized model
 * whose parameters the statement must list; NULL: not compared).
 * Errors, before any verdict: ZK_EFORMAT (why: a count that is not the
 * circuit's, a value out of its slot, a class that is not the first
 * largest logit), ZK_EINVAL (vk has another count of public inputs),
 * ZK_EFORGEABLE / ZK_EINFINITY for a key that cannot be trusted, ZK_ENOMEM. */
zk_err zkml_verify(zkml_verified *out, const groth16_vk *vk, const zkml_layout *L,
                   const fr_t *pub, size_t n_pub, const groth16_proof *proof,
                   const fr_t *expected_hash, const nn_qmodel *expected_params, char *why,
                   size_t why_len);

/* ---- the forgery that private visibility allows ---------------------------- */

/* A copy of cnn whose logits are z for EVERY image: fc2's weights zero and
 * its biases z_j·2^(−out_exp[3]), which quantize to b_j = z_j·2^r exactly
 * (r fc2's rescale shift) and rescale back to z_j. In private visibility
 * nothing binds the weights, so a prover who uses this model proves "the
 * logits are z" for any image; the model hash of hashed visibility is what
 * stops it. out is initialised here (free with nn_cnn_free). ZK_EINVAL when
 * some |z_j|·2^r does not fit fc2's acc_bits. */
zk_err zkml_forge_logits(nn_cnn *out, const nn_cnn *cnn, const nn_qparams *q,
                         const int64_t z[NN_CLASSES]);

#endif
