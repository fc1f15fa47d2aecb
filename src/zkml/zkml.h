/* The seed CNN as a rank-1 constraint system: "a model with this
 * commitment, given this image, produced these logits", for Groth16.
 *
 * The circuit is built through the C API of circuit/r1cs.h, never through
 * Circom text, by one gadget per operation (src/zkml/gadget_*.c, each with
 * its constraint count in its header comment). Its witness is the integer
 * inference of nn/quant.h, bit for bit: the same gadget code that emits the
 * constraints computes the values, and every layer's output is compared with
 * nn_qinfer's; a difference is reported with the layer and the index.
 *
 * What the circuit computes, layer by layer (A = acc_bits, r = the rescale
 * shift in + w − out of the layer, K = A − r + 1):
 *   pixels   each raw byte p range-checked to 8 bits; x = floor((p·2^(e+1)
 *            + 255) / 510) with its remainder in [0, 510) and x < 2^(e+1);
 *   MAC      acc = b + Σ w·x: one product constraint per multiply-accumulate
 *            whose weight is a wire, none with fixed weights (a linear sum);
 *   max-pool on the accumulators, before the rescale: m − aᵢ ∈ [0, 2^A) for
 *            all four and (m − a₀)(m − a₁)(m − a₂)(m − a₃) = 0;
 *   rescale  m + 2^(r−1) = 2^r·q + t, t ∈ [0, 2^r) and q + 2^(K−1) ∈ [0, 2^K)
 *            (both range checks: without the second, a field division by 2^r
 *            admits 2^r quotients);
 *   ReLU     y = s·q with s the top bit of q + 2^(K−1) (s = 1 iff q >= 0);
 *   square   (a square model, nn/quant.h) in ReLU's place: y = q·q, then
 *            rescaled by out_exp with zg_rescale's two range checks at
 *            A₂ = 2K (q² <= 2^(2K−2)), the result made a wire (2K + 4);
 *            a conv layer cannot pool its accumulators first (x² is not
 *            monotone): each of the four is rescaled, the max-of-four taken
 *            on their |q| (one product each), then one square and one
 *            rescale a window (zkml/gadget_square.c says why it is exact);
 *   class    the first index of the largest logit, as nn_qinfer picks it.
 * Pooling first is exact: the rescale y(a) = floor((a + 2^(r−1))/2^r) is
 * monotone non-decreasing, and so is ReLU, so both commute with max; and
 * y(0) = floor(1/2) = 0, so ReLU(y(a)) = max(y(a), 0) = max(y(a), y(0)) =
 * y(ReLU(a)). A circuit that pools the 4 accumulators first rescales once
 * instead of four times. The accumulator width A is the calibration's worst
 * case over every image (nn/calibrate.h acc_bits_worst_case), so any digit,
 * however far from the training data, proves.
 *
 * Visibility of the parameters (EZKL's names):
 *   hashed   the default: weights private, bound by the model hash, a public
 *            output (the encoding is below);
 *   fixed    weights are constants of the circuit, the MACs are free; the
 *            weights can be read in the .r1cs and the .zkey, and a vk names
 *            the model only for someone who trusts setup;
 *   public   every parameter is a public input (206,922 of them: a vk of tens
 *            of MB and no Solidity verifier);
 *   private  weights private and uncommitted: any prover may choose them,
 *            which lets anyone produce any logits (kept to show the forgery).
 *
 * The public signals, in order (w_1, w_2, ... of the witness; public.json):
 *   outputs  [class] [logits packed] [model hash, hashed only]
 *   inputs   [pixels, whole CNN only] [parameters, public only]
 * class      0..9;
 * logits     logit k at slot k % S of element k / S, S = floor(252 / K),
 *            as u = z + 2^(K−1) ∈ [0, 2^K) (K of fc2): element = Σ u·2^(K·slot);
 * pixels     packed (default): byte i of the image at bits 8·(i % 31) of
 *            element i / 31 (26 elements); each: one element a pixel (784);
 * parameters public only: every parameter of the layers in the circuit, in
 *            nn/cnn.h order (NN_PARAMS for the whole CNN), signed (−v as r − v).
 * zkml_public_encode and zkml_public_decode are the one place that writes and
 * reads this order.
 *
 * The model hash (hashed visibility): a Poseidon sponge over BN254 with the
 * circomlib parameters of width 17 (hash/poseidon_bn254.h), rate 16, the
 * capacity element first. The state starts as [tag, 0, ..., 0] with
 * tag = 2^64·version + N (version 1, N the number of elements absorbed);
 * the elements are absorbed 16 at a time, added to state[1..16], the last
 * block padded with zeros, the permutation applied after each block; the hash
 * is state[0] at the end. With circomlibjs, one permutation of a state S is
 * poseidon(S[1..16], S[0], 17). The elements, in order:
 *   header   one small integer an element: 1 (format), first_layer, the
 *            number of layers L hashed, salted (0/1); format 2 for a model
 *            whose activation is not ReLU, with its code (nn/cnn.h: 1 for
 *            square) after salted; then for each hashed
 *            layer: fan_in, outputs, w_exp, in_exp, out_exp, acc_bits,
 *            weight slot bits b_w, bias slot bits b_b (zkml_hash_header);
 *   salt     salted only: one private field element;
 *   tensors  for each hashed layer, its weights then its biases, in nn/cnn.h
 *            order, each value v stored as u = v + 2^(b−1) ∈ [0, 2^b) with b
 *            the tensor's slot width (the least b with every v in
 *            [−2^(b−1), 2^(b−1))); floor(252 / b) slots an element, slot j
 *            at bits b·j, a tensor starting a new element.
 * In the circuit every slot is range-checked to b bits: that is what makes
 * the packing binding (without it, (u₀ + 2^b, u₁ − 1) packs to the same
 * element). An unsalted hash binds the model but does not hide it: weights
 * are low-entropy, so a salt is needed for a model that must stay secret.
 *
 * Memory: constraints go straight into the r1cs store (eight bytes a term);
 * the witness is computed without building any constraint (zkml_witness),
 * and zkml_witness with check = true tests every constraint as it is
 * generated, so the full circuit can be checked without being stored. */
#ifndef ZK_ZKML_ZKML_H
#define ZK_ZKML_ZKML_H

#include "circuit/r1cs.h"
#include "core/err.h"
#include "core/event.h"
#include "field/fr.h"
#include "nn/quant.h"

/* ---- settings ------------------------------------------------------------ */

typedef enum zkml_visibility {
    ZKML_HASHED,
    ZKML_FIXED,
    ZKML_PUBLIC,
    ZKML_PRIVATE,
    ZKML_VISIBILITIES
} zkml_visibility;

typedef enum zkml_pixels {
    ZKML_PIXELS_PACKED,   /* 31 bytes a public input (26): the Solidity verifier deploys */
    ZKML_PIXELS_EACH,     /* one public input a pixel (784): no Solidity export */
} zkml_pixels;

/* Everything about the circuit except the quantization, which is the
 * nn_qmodel's q (exponents, and acc_bits = the worst case). */
typedef struct zkml_settings {
    zkml_visibility params;
    zkml_pixels pixels;
    bool salted;        /* hashed only: a private salt is absorbed after the header */
    /* 0: the whole CNN from the pixels. 1..3, a reduced model for tests and
     * lessons: layers before first_layer are left out and that layer's input
     * activations (nn_qtrace p1, p2 or f1 of the same image) are private
     * inputs; no pixels are public and only the layers kept are hashed. */
    int first_layer;
    /* An ablation for the constraint-count visualizer's "before": pool after
     * the rescale and ReLU, as the float model does (four rescales and
     * ReLUs a window, the max-of-four on K-bit activations). The same
     * values, more constraints; never the default. */
    bool pool_last;
} zkml_settings;

/* Hashed, packed pixels, no salt, the whole CNN, pooling first. */
void zkml_settings_default(zkml_settings *s);

/* "hashed", "fixed", "public", "private". */
const char *zkml_visibility_name(zkml_visibility v);
zk_err zkml_visibility_parse(zkml_visibility *v, const char *name);

/* Reads settings JSON (nn/calibrate.h nn_settings_json): q as
 * nn_settings_parse reads it but with acc_bits = each layer's
 * acc_bits_worst_case (required); run_args.param_visibility (default
 * hashed), run_args.pixel_layout "packed" | "each" (default packed),
 * run_args.salted (default false). ZK_EPARSE / ZK_EFORMAT with why. */
zk_err zkml_settings_parse(zkml_settings *s, nn_qparams *q, const char *json, char *why,
                           size_t why_len);

/* Whether the settings and the model make a circuit: every rescale shift
 * >= 1, every acc_bits >= the model's worst case (nn_acc_bits_worst) and
 * large enough for its shift, first_layer in 0..3, salted only when hashed;
 * a square model's hidden layers with out_exp >= 1 and K <= 31 (so that
 * q² fits the 62 bits a rescale takes).
 * ZK_EINVAL with a one-line why. Every function below checks this first. */
zk_err zkml_settings_check(const zkml_settings *s, const nn_qmodel *qm, char *why,
                           size_t why_len);

/* ---- the public signals -------------------------------------------------- */

/* Where each public signal is: indices into the public signals (public.json,
 * i.e. w[1 + index]). */
typedef struct zkml_layout {
    uint32_t n_pub_out, n_pub_in, n_public;   /* n_public = n_pub_out + n_pub_in */
    uint32_t cls;                             /* the class */
    uint32_t logits, n_logit_elems;           /* packed logits */
    int logit_bits, logits_per_elem;          /* K and S above */
    bool has_hash;
    uint32_t hash;
    bool has_pixels;
    zkml_pixels pixels;
    uint32_t pixel_elems, n_pixel_elems;
    bool has_params;
    uint32_t params, n_params;                /* public visibility */
} zkml_layout;

zk_err zkml_layout_init(zkml_layout *L, const zkml_settings *s, const nn_qparams *q);

/* The public statement in plain values. */
typedef struct zkml_public {
    int cls;
    int64_t logits[NN_CLASSES];          /* at 2^out_exp[3] */
    bool has_hash;
    fr_t model_hash;
    bool has_pixels;
    uint8_t pixels[NN_PIXELS];
    int64_t *params;                     /* public visibility: layout.n_params values,
                                          * caller's buffer; NULL to skip */
} zkml_public;

/* pub[0 .. L->n_public) from p. ZK_EINVAL for a value that does not fit its
 * slot (a logit outside K bits, a class outside 0..9). */
zk_err zkml_public_encode(fr_t *pub, const zkml_layout *L, const zkml_public *p);
/* p from pub (n values). ZK_EFORMAT with why for a wrong count, a slot or
 * element out of range, a class outside 0..9 or one that is not the first
 * largest logit (the circuit proves it is). */
zk_err zkml_public_decode(zkml_public *p, const zkml_layout *L, const fr_t *pub, size_t n,
                          char *why, size_t why_len);

/* ---- the model hash ------------------------------------------------------ */

enum { ZKML_TENSORS = 2 * NN_LAYERS };   /* layer l's weights at 2l, its biases at 2l + 1 */

/* The slot width b of every tensor (the least b with each value in
 * [−2^(b−1), 2^(b−1)); 1 for an all-zero tensor). */
void zkml_slot_bits(int bits[ZKML_TENSORS], const nn_qmodel *qm);

/* The header elements (at most ZKML_HEADER_MAX) as small integers. */
enum { ZKML_HEADER_MAX = 5 + 8 * NN_LAYERS };
size_t zkml_hash_header(uint64_t out[ZKML_HEADER_MAX], const zkml_settings *s,
                        const nn_qmodel *qm);

/* Every element the sponge absorbs, in order (header, salt, packed tensors),
 * and the initial capacity tag: for tests and for recomputing the hash
 * elsewhere. *elems zk_alloc'ed (secret when salted or the weights are:
 * free with zk_free_secret). salt: NULL unless s->salted. */
zk_err zkml_hash_elements(fr_t **elems, size_t *n, fr_t *tag, const zkml_settings *s,
                          const nn_qmodel *qm, const fr_t *salt);

/* The model hash, computed natively (the value the circuit outputs).
 * ZK_EINVAL when s is not hashed or the salt is missing or unexpected. */
zk_err zkml_model_hash(fr_t *out, const zkml_settings *s, const nn_qmodel *qm,
                       const fr_t *salt);

/* ---- constraint accounting ----------------------------------------------- */

typedef enum zkml_row {
    ZKML_ROW_INPUT,     /* the pixels */
    ZKML_ROW_CONV1,     /* each layer: its MACs, pool, rescale, ReLU, weight range checks */
    ZKML_ROW_CONV2,
    ZKML_ROW_FC1,
    ZKML_ROW_FC2,
    ZKML_ROW_OUTPUT,    /* the class and the packed logits */
    ZKML_ROW_MODEL,     /* the model hash's permutations */
    ZKML_ROWS
} zkml_row;

typedef enum zkml_op {
    ZKML_OP_MAC,          /* multiply-accumulate */
    ZKML_OP_MAXPOOL,      /* max-of-four */
    ZKML_OP_RESCALE,
    ZKML_OP_RELU,
    ZKML_OP_WEIGHTS,      /* weight range checks and packing (hashed) */
    ZKML_OP_PIXELS,       /* pixel packing and 8-bit range checks */
    ZKML_OP_QUANTIZE,     /* the ÷510 of the pixels */
    ZKML_OP_POSEIDON,
    ZKML_OP_ARGMAX,       /* the class */
    ZKML_OP_LOGITS,       /* logit packing */
    ZKML_OP_SQUARE,       /* a square model's x² and the rescale after it */
    ZKML_OPS
} zkml_op;

const char *zkml_row_name(zkml_row r);   /* "input", "conv1", ..., "model" */
const char *zkml_op_name(zkml_op o);     /* "MAC", "max-pool", "rescale", ... */

typedef struct zkml_cell {
    uint64_t constraints;   /* all of them: Groth16's domain counts linear ones too */
    uint64_t wires;         /* new internal wires */
    uint64_t terms;         /* non-zero coefficients of A, B and C */
} zkml_cell;

typedef struct zkml_counts {
    zkml_cell cell[ZKML_ROWS][ZKML_OPS];
    zkml_cell total;
    uint32_t n_wires;            /* including w_0 = 1 and the inputs */
    uint32_t n_public;
    unsigned log_domain;         /* the least 2^k >= constraints + n_public + 1 (snarkjs's) */
} zkml_counts;

/* The counts of the circuit zkml_compile would build, without storing a
 * constraint (the same code runs; a second or two for the full CNN). */
zk_err zkml_count(zkml_counts *out, const zkml_settings *s, const nn_qmodel *qm, char *why,
                  size_t why_len);

/* ---- compiling ----------------------------------------------------------- */

/* Where a constraint comes from: the row, the operation, the gadget and
 * which instance. The index is, by operation: MAC, the accumulator (a1's
 * channel-major index for conv1, (o, y, x) of the 14×14 grid for conv2,
 * the output for fc); max-pool, rescale and ReLU, the layer's output as
 * nn_qtrace indexes it (p1, p2, f1, z; with pool_last, rescale and ReLU
 * index 4·window + position); weights, the parameter within its tensor
 * ("weight slot", "weight wire") or the first parameter of the element
 * ("weight packing"); pixels and quantize, the pixel ("pixel packing": the
 * element's first pixel); Poseidon, the block absorbed; argmax 0; logit
 * packing, the element's first logit. */
typedef struct zkml_where {
    zkml_row row;
    zkml_op op;
    uint64_t index;
    const char *gadget;     /* "range", "max-of-four", "rescale", ... */
} zkml_where;

typedef struct zkml_segment zkml_segment;   /* internal */

typedef struct zkml_circuit {
    r1cs cs;                   /* write with r1cs_write_file; no hints (see zkml_witness) */
    zkml_settings settings;
    nn_qparams q;
    zkml_layout layout;
    zkml_counts counts;
    zkml_segment *seg;         /* the constraints' provenance, for zkml_locate */
    size_t n_seg, cap_seg;
} zkml_circuit;

/* Builds the circuit for s and qm (the weights are read only in fixed
 * visibility; otherwise only their slot widths). Progress: phase
 * "zkml_compile", one step a row. ZK_EINVAL with why for settings that
 * zkml_settings_check refuses. */
zk_err zkml_compile(zkml_circuit *c, const zkml_settings *s, const nn_qmodel *qm,
                    const zk_events *ev, char *why, size_t why_len);
void zkml_circuit_free(zkml_circuit *c);

/* The origin of constraint i. ZK_EINVAL past the end. */
zk_err zkml_locate(zkml_where *out, const zkml_circuit *c, size_t i);
/* The constraints [*first, *first + *count) of one instance. ZK_EINVAL when
 * there is none. */
zk_err zkml_constraints_of(size_t *first, size_t *count, const zkml_circuit *c, zkml_row row,
                           zkml_op op, uint64_t index);
/* "conv2 max-pool #1234 (max-of-four)". */
void zkml_where_str(char *buf, size_t len, const zkml_where *w);

/* ---- the witness --------------------------------------------------------- */

/* What went wrong, for the user: which constraint failed or where the
 * circuit's values left nn_qinfer's. */
typedef struct zkml_report {
    bool failed_constraint;   /* check: constraint `constraint` (from `where`) does not hold */
    size_t constraint;
    zkml_where where;
    bool mismatch;            /* the circuit's value differs from nn_qinfer's */
    const char *stage;        /* "pixels", "pool1", "pool2", "fc1", "logits", "class" */
    size_t index;
    int64_t circuit, reference;
    nn_qoverflow ov;          /* ZK_EOVERFLOW from nn_qinfer */
    char msg[200];            /* one line saying all of the above */
} zkml_report;

typedef struct zkml_witness {
    fr_t *w;                  /* n wires: w[0] = 1, w[1 .. 1 + n_public) the public signals */
    size_t n;
    zkml_public pub;          /* the public statement (pub.params NULL) */
    nn_qtrace *trace;         /* nn_qinfer's trace of the image */
} zkml_witness;

/* The witness for one image (784 bytes 0..255): nn_qinfer runs first; the
 * circuit's own values are then computed and compared with its trace layer
 * by layer (ZK_EVERIFY, rep says the stage and index, on a difference). With
 * check, every constraint is also evaluated as it is generated, and the
 * first that fails is reported (ZK_EVERIFY, rep->failed_constraint), all
 * without storing the circuit. salt: exactly when s->salted. Errors:
 * ZK_EOVERFLOW (an accumulator outside acc_bits, rep->ov), ZK_ENOMEM,
 * ZK_EINVAL for settings zkml_settings_check refuses. rep may be NULL. */
zk_err zkml_witness_compute(zkml_witness *out, const zkml_settings *s, const nn_qmodel *qm,
                            const uint8_t image[NN_PIXELS], const fr_t *salt, bool check,
                            zkml_report *rep, const zk_events *ev);
/* Wipes the witness (it holds the private weights and the salt). */
void zkml_witness_free(zkml_witness *w);

/* Every constraint of c against w (r1cs_check), the first failing one
 * located: ZK_EVERIFY with rep filled, or ZK_OK. */
zk_err zkml_check(const zkml_circuit *c, const fr_t *w, size_t n, zkml_report *rep);

#endif
