/* The seed CNN as an AIR over Goldilocks: the design, and its first slice.
 *
 * The statement is the Groth16 one (zkml/zkml.h): "a model with this
 * commitment, given these pixels, produced these logits", over the same
 * integers as nn/quant.h, bit for bit. Only the commitment differs: each
 * backend hashes in its own field (below, "Model commitment").
 *
 * ==== The design (issue 16) ====
 *
 * One table of N = 2^16 rows (the engine has one height; see "Hash table"
 * for the exception it forces), blowup 8: |D| = 2^19 <= 2^27. Row types are
 * chosen by fixed selector columns: the layer schedule is preprocessed, so
 * every address, multiplicity and per-layer constant below is a fixed
 * column the verifier's root pins (air.h), never a prover's choice.
 *
 * Two lookups share one LogUp running sum (Haböck, ePrint 2022/1530; with
 * independent challenges the sum vanishes only if each relation holds):
 *   memory   (address, value) pairs compressed as α - a - β·v. A write is a
 *            table entry with a multiplicity, a read a fraction 1/(α - a -
 *            β·v). Every activation and every parameter has an address. The
 *            multiplicities are fixed columns: how often each address is
 *            read is the architecture's (9 taps × channels, zero padding
 *            included), public. The public-input column is one such table
 *            (address = row): its pixels are read by the quantization rows
 *            and its logits by fc2's output rows, which is how both are
 *            bound to the public values without a boundary constraint each.
 *            Zero padding reads an address whose value is 0.
 *   range    γ - v against the fixed table 0..2^16 - 1 (the row index:
 *            N = 2^16 exactly), multiplicities RM a main column (they depend
 *            on the values). v < 2^b for b <= 16 is two reads, v and
 *            v·2^(16-b) (both below 2^16 forces v < 2^b; no wrap, p > 2^32);
 *            wider values are split into 16-bit limbs.
 * Each fraction costs half an extension column: helpers h = 1/d1 + 1/d2
 * with h·d1·d2 = d1 + d2 (degree 3), and one running sum L' = L + Σ h.
 *
 * Row types and their columns (base columns, shared where types exclude
 * each other):
 *   MAC      k = 36 slots: X_j, W_j (72 main); fixed XA_j (36: the address
 *            each X_j reads) and WA (W_j reads WA + j, weights of one output
 *            being consecutive); ACC_0..3 (4 main). A conv1 row holds the
 *            four outputs of one 2×2 pool window (their 9 weights shared,
 *            the 16 pixels of the patch, as the first slice does);
 *            conv2 (fan-in 144), fc1 (1568) and fc2 (128) chain ACC_0 over
 *            4, 44 and 4 rows (FIRST: ACC = B + Σ W·X;
 *            otherwise ACC = ACC_prev + Σ W·X). 72 reads a row.
 *   post     on the last row of an output: pool first, as the Groth16
 *            circuit does (rescale and ReLU are monotone, so they commute
 *            with max): D_g = M - ACC_g >= 0 for each window member
 *            (two limbs of R bits, a read each) and a zero product
 *            (E = D_0·D_1, E·D_2·D_3 = 0 on conv1 rows; on conv2 a running
 *            product Z' = Z·D over the window's four outputs, M held by
 *            M' = M). Then M + 2^(r-1) = 2^r·Q + T, T < 2^r (2 reads), the
 *            sign bit S and U = S·Q + (1 - S)(-1 - Q) < 2^(K-1) (2 reads:
 *            this one bound is both Q's K-bit range and the sign),
 *            Y = S·Q written to memory (fixed address YA, fixed
 *            multiplicity: the next layer's reads). fc2 has no ReLU and no
 *            pool: its Q is read from the public logits. r, 2^r and
 *            2^(r-1) per layer are fixed columns. ~20 main, ~20 reads.
 *   quant    784 rows: raw pixel p read from the public column, x·510 +
 *            rem = p·2^(e+1) + 255 with rem < 510 (2 reads), x written.
 *   unpack   4 lanes on every row (262,144 slots >= 206,922 parameters):
 *            slot u < 2^b (2 reads), the parameter w = u - 2^(b-1) written
 *            to memory at its index (fixed address, fixed multiplicity: its
 *            uses, 1 to 784), and packed: PACK' = PACK·2^b + u, the element
 *            written to an element memory when complete (<= 63 bits).
 * The weight tie is the memory relation itself: the (index, weight) pairs
 * the hash absorbs are the writes, and every MAC slot's weight is a read at
 * that index (784 uses of a conv1 weight, 196 of a conv2 one). A trace whose
 * MACs use any other weight has a read with no matching write, and the
 * LogUp sum does not close.
 *
 * Model commitment (zkml/model_hash_gl.h computes it natively): Poseidon
 * over Goldilocks with Plonky2's parameters (hash/poseidon_gl.h; width 12,
 * the permutation the poseidon-chain AIR proves) in Plonky2's hash_no_pad
 * sponge (rate 8, capacity 4), header elements as the BN254 hash's
 * (zkml_hash_header) then the packed tensors, a tensor starting a new
 * element; the digest is 4 elements (one would give 32-bit collision
 * resistance) at public rows of the pub column. Slots of b bits (zkml
 * slot widths), floor(63/b) to an element: for the shipped model 20,741
 * elements, 2,593 permutations (26K unpacked). The Groth16 proof hashes
 * 252-bit elements with circomlib's BN254 Poseidon (width 17): the same
 * weights, another field, another hash; neither digest can be computed
 * cheaply inside the other's proof.
 *
 * Hash table: a permutation a row is the poseidon-chain layout (118
 * columns, degree 7). Gated by a selector in the main table it would reach
 * degree 8 (8 composition chunks) and widen every row; so the design needs
 * the engine's next step, tables of different heights: the 2,593
 * permutations in a table of 2^12 rows × (118 + 8 element reads), tied to
 * the main table by the element memory. (Without it: one round a row with
 * the round constants as periodic columns added linearly, degree 7 and one
 * known factor, 32 rows a permutation beside the MACs.)
 *
 * Trace size for the seed CNN (main table, 2^16 rows):
 *   rows     MAC 3,136 (conv1) + 25,088 (conv2) + 5,632 (fc1) + 40 (fc2),
 *            quant 784: 34,680 of 65,536 (unpack lanes run on all rows);
 *   columns  main ~115 (72 + 4 MAC, ~20 post, 8 unpack, RM, selectors'
 *            companions), fixed ~55 (36 XA, WA, BA, YA, multiplicities,
 *            layer constants, selectors), aux ~54 extension = 108 base
 *            (36 MAC helpers, ~10 post, 6 unpack, 2 tables, the sum):
 *            ~280 base columns <= 800;
 *   cells    65,536 × 280 = 18.4M, plus the hash table 4,096 × ~140 =
 *            0.6M: ~19M <= 26M; LDE 2^19 × 280;
 *   degree   3 (the helpers and the selector-gated post constraints),
 *            composition 3 chunks (with zero knowledge);
 *   proof    28 queries × ~290 opened values, 4 + 1 Merkle trees of depth
 *            19, FRI at folding 8: ~160 KB <= 250 KB (estimate).
 *
 * ==== The first slice: cnn-conv1 ====
 *
 * conv1's block for c <= 16 channels: convolution, 2×2 max-pool on the
 * accumulators, rescale, ReLU, as the design's conv1 rows: one pool window
 * (o, wy, wx) a row, channel-major (row o·196 + wy·14 + wx is nn_qtrace
 * p1's index). N is the power of two >= max(196·c, 2^R), R = max(10, r, s)
 * the range table's bits. The public-input column holds the statement: the
 * quantized pixels x (rows 0..783; the raw bytes and the quant rows come
 * later), the weights (9 per channel) and biases, then Σ Y; as the memory
 * table it is read at address = row, 0 past the public values (the zero
 * address for padding).
 *   main   X_0..15 (the 4×4 patch the window's four 3×3 windows cover),
 *          W_0..8, B, M, DL_0..3, DH_0..3, E, Q, T, S, U, Y, RM, SUM: 43
 *   fixed  XA_0..15, WA, BA, MULT (memory multiplicity), IDX (the row: the
 *          memory table's address), RT (the range table, min(row, 2^R - 1)):
 *          21
 *   aux    19 helpers of two reads each (16 patch cells, 9 weights, the bias,
 *          8 limbs, T, T·2^(R-r), U, U·2^(R-s)), the range table's, the
 *          memory table's; and L: 22 extension columns
 * Constraints, with ACC_g = B + Σ_t W_t·X(g, t) for the window's member g:
 * M - ACC_g = DL_g + 2^R·DH_g (limbs < 2^R by lookup, so 0 <= M - ACC_g <
 * 2^2R), E = D_0·D_1 and E·D_2·D_3 = 0 (M is one of them: the largest);
 * M + 2^(r-1) = 2^r·Q + T, S(S - 1) = 0, U as above, Y = S·Q; SUM' = SUM +
 * Y, SUM = 0 at row 0, SUM + Y = the public sum at the last row; the
 * helpers (degree 3; the tables' degree 2, the memory table's with the
 * public column as a known factor), L_0 = 0, L' = L + Σ h, L + Σ h = 0 at
 * the last row. s = acc_bits - r, so that Q ∈ [-2^s, 2^s): the accumulator
 * width nn/quant.h allows. Padding rows read channel 0's weights and zeros
 * and hold M = Q = 0, T = 2^(r-1), S = 1, which satisfies every
 * constraint. For the seed CNN (c = 16, r = 5, s = 9): 4,096 rows × (64 +
 * 44) base columns = 0.44M cells; pooling first rescales a quarter of the
 * outputs. */
#ifndef ZK_STARK_AIR_CNN_H
#define ZK_STARK_AIR_CNN_H

#include "stark/air.h"

#define AIR_CNN_SIDE 28
#define AIR_CNN_PIXELS (AIR_CNN_SIDE * AIR_CNN_SIDE)
#define AIR_CNN_CONV1_CHANNELS 16
/* The range table's bits: at least this many, at most the max (N = 2^16). */
#define AIR_CNN_RANGE_BITS_MIN 10
#define AIR_CNN_RANGE_BITS_MAX 16

/* conv1's statement, in the integers of nn/quant.h (the caller takes them
 * from an nn_qmodel and nn_qtrace: stark/ does not depend on nn/). */
typedef struct air_cnn_conv1_input {
    unsigned channels;      /* 1..16: the first channels of conv1 */
    unsigned shift;         /* r = in_exp + w_exp - out_exp, >= 1 */
    unsigned sign_bits;     /* s = acc_bits - r: Q ∈ [-2^s, 2^s) */
    const int32_t *pixels;  /* 784 quantized pixels (nn_qtrace x) */
    const int32_t *weights; /* 9 per channel, channel-major (nn/cnn.h order) */
    const int64_t *biases;  /* one per channel, at 2^(in + w) */
} air_cnn_conv1_input;

/* cnn-conv1's columns (the layout above): main, then fixed. */
enum {
    CNN1_X = 0,                 /* 16: the 4×4 patch under the window's four 3×3 windows */
    CNN1_W = CNN1_X + 16,         /* 9: the channel's weights */
    CNN1_B = CNN1_W + 9,          /* its bias */
    CNN1_M,                     /* the largest of the four accumulators */
    CNN1_DL,                    /* 4: M - ACC_g = DL_g + 2^R·DH_g */
    CNN1_DH = CNN1_DL + 4,        /* 4 */
    CNN1_E = CNN1_DH + 4,         /* D_0·D_1 */
    CNN1_Q, CNN1_T, CNN1_S, CNN1_U, CNN1_Y,
    CNN1_RM,                    /* the range multiplicity of the value on this row */
    CNN1_SUM,                   /* Σ Y over the rows above */
    CNN1_MAIN,
    CNN1_XA = CNN1_MAIN,          /* fixed: 16 patch addresses */
    CNN1_WA = CNN1_XA + 16,       /* the address of W_0 (W_t at WA + t) */
    CNN1_BA, CNN1_MULT, CNN1_IDX, CNN1_RT,
    CNN1_WIDTH,
    CNN1_FIXED = CNN1_WIDTH - CNN1_MAIN,
};

/* Public values of a statement with c channels: 784 + 10c + 1. */
size_t air_cnn_conv1_n_pub(unsigned channels);
/* Builds the AIR and its statement (Σ of the activations computed here).
 * No witness: every value of the trace follows from the statement.
 * ZK_EINVAL for parameters out of range. */
zk_err air_cnn_conv1_new(stark_air *a, const air_cnn_conv1_input *in);
/* The pooled activations Y of a built trace (row-major, the AIR's width),
 * channel-major as nn_qtrace p1; returns how many (196·c). */
size_t air_cnn_conv1_output(const stark_air *a, const gl_t *trace, int32_t *out);

/* ==== The whole network: cnn ==== (layout in air_cnn.c's header) */

/* The seed CNN's shape (nn/cnn.h; cmd_stark_cnn.c asserts they agree). */
enum {
    AIR_CNN_C1 = 16,
    AIR_CNN_C2 = 32,
    AIR_CNN_FC_IN = 1568,
    AIR_CNN_HIDDEN = 128,
    AIR_CNN_CLASSES = 10,
    AIR_CNN_OFF_CONV1_W = 0,
    AIR_CNN_OFF_CONV1_B = AIR_CNN_OFF_CONV1_W + AIR_CNN_C1 * 9,
    AIR_CNN_OFF_CONV2_W = AIR_CNN_OFF_CONV1_B + AIR_CNN_C1,
    AIR_CNN_OFF_CONV2_B = AIR_CNN_OFF_CONV2_W + AIR_CNN_C2 * AIR_CNN_C1 * 9,
    AIR_CNN_OFF_FC1_W = AIR_CNN_OFF_CONV2_B + AIR_CNN_C2,
    AIR_CNN_OFF_FC1_B = AIR_CNN_OFF_FC1_W + AIR_CNN_HIDDEN * AIR_CNN_FC_IN,
    AIR_CNN_OFF_FC2_W = AIR_CNN_OFF_FC1_B + AIR_CNN_HIDDEN,
    AIR_CNN_OFF_FC2_B = AIR_CNN_OFF_FC2_W + AIR_CNN_CLASSES * AIR_CNN_HIDDEN,
    AIR_CNN_PARAMS = AIR_CNN_OFF_FC2_B + AIR_CNN_CLASSES,
    AIR_CNN_LAYERS = 4,
    /* The statement: the raw pixel bytes, then the logits. */
    AIR_CNN_PUB = AIR_CNN_PIXELS + AIR_CNN_CLASSES,
};

/* The whole network's statement and witness, in nn/quant.h's integers. */
typedef struct air_cnn_input {
    unsigned in_exp;                       /* e: x = floor((p·2^(e+1) + 255) / 510) */
    unsigned shift[AIR_CNN_LAYERS];        /* r per layer */
    unsigned sign_bits[AIR_CNN_LAYERS];    /* s = acc_bits - r per layer */
    const uint8_t *pixels;                 /* 784 raw bytes (public) */
    const int64_t *logits;                 /* 10, at 2^out_exp[3] (public) */
    const int32_t *weights;                /* AIR_CNN_PARAMS at nn/cnn.h offsets (private;
                                            * the bias slots unused) */
    const int64_t *biases;                 /* 16 + 32 + 128 + 10, layer by layer (private) */
} air_cnn_input;

/* Every integer of the network a built trace holds (its memory writes). */
typedef struct air_cnn_values {
    int32_t x[AIR_CNN_PIXELS];
    int32_t p1[AIR_CNN_C1 * 196];
    int32_t p2[AIR_CNN_FC_IN];
    int32_t f1[AIR_CNN_HIDDEN];
    int64_t z[AIR_CNN_CLASSES];
} air_cnn_values;

/* cnn's main columns, then its fixed ones (air_cnn.c's header). */
enum {
    CNN_GROUPS = 4,
    CNN_SLOTS = 12,                          /* per group */
    CNN_LANES = 7,                           /* parameter write lanes */
    CNN_X = 0,                               /* 48: X_{g,j} at g·12 + j */
    CNN_W = CNN_X + CNN_GROUPS * CNN_SLOTS,  /* 48: W_{g,j} */
    CNN_B = CNN_W + CNN_GROUPS * CNN_SLOTS,  /* 4 */
    CNN_ACC = CNN_B + CNN_GROUPS,            /* 4 */
    CNN_M = CNN_ACC + CNN_GROUPS,
    CNN_DL, CNN_DH = CNN_DL + CNN_GROUPS,
    CNN_E = CNN_DH + CNN_GROUPS, CNN_E2,
    CNN_Q, CNN_T = CNN_Q + CNN_GROUPS, CNN_S = CNN_T + CNN_GROUPS, CNN_U = CNN_S + CNN_GROUPS,
    CNN_UH = CNN_U + CNN_GROUPS,             /* U = U_lo + 2^R·UH: s may pass R */
    CNN_Y = CNN_UH + CNN_GROUPS,
    CNN_RM = CNN_Y + CNN_GROUPS,
    CNN_WL,                                  /* 7: the parameters' values */
    CNN_MAIN = CNN_WL + CNN_LANES,
    CNN_XA = CNN_MAIN,                       /* fixed: 48 */
    CNN_WA = CNN_XA + CNN_GROUPS * CNN_SLOTS,
    CNN_BA = CNN_WA + CNN_GROUPS,
    CNN_YA = CNN_BA + CNN_GROUPS,
    CNN_YM = CNN_YA + CNN_GROUPS,
    CNN_CHAIN = CNN_YM + CNN_GROUPS,
    CNN_POOL, CNN_RELU, CNN_SC, CNN_HALF, CNN_DIV, CNN_UOFF, CNN_UOFFH,
    CNN_WLA, CNN_WLM = CNN_WLA + CNN_LANES,
    CNN_IDX = CNN_WLM + CNN_LANES, CNN_MPUB,
    CNN_WIDTH,
    CNN_FIXED = CNN_WIDTH - CNN_MAIN,
};

/* Builds the AIR with its statement (pixels, logits) and witness (the
 * parameters). The logits are the caller's claim: a trace whose own differ
 * does not close its LogUp sum. ZK_EINVAL for parameters out of range,
 * ZK_ENOMEM. */
zk_err air_cnn_new(stark_air *a, const air_cnn_input *in);
/* The integers a built trace holds (row-major, the AIR's width). */
void air_cnn_values_of(air_cnn_values *v, const stark_air *a, const gl_t *trace);
/* The first row of each stage: quant, conv1, conv2, fc1, fc2, padding. */
size_t air_cnn_stage_row(unsigned stage);

#endif
