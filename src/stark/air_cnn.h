/* The seed CNN as an AIR over Goldilocks: the whole network (cnn), and the
 * first slice that preceded it (cnn-conv1).
 *
 * The statement is the Groth16 one (zkml/zkml.h): "a model with this
 * commitment, given these pixels, produced these logits", over the same
 * integers as nn/quant.h, bit for bit. Only the commitment differs: each
 * backend hashes in its own field (below, "The model commitment").
 *
 * ==== cnn: the layout (air_cnn.c constraints, air_cnn_rows.c schedule) ====
 *
 * One table of N = 2^15 rows, blowup 8: |D| = 2^18 <= 2^27. What a row
 * does is chosen by fixed columns: the layer schedule is preprocessed, so
 * every address, multiplicity and per-row constant below is a fixed column
 * the verifier's root pins (air.h), never a prover's choice.
 *
 * Two lookups share one LogUp running sum (Haböck, ePrint 2022/1530; with
 * independent challenges the sum vanishes only if each relation holds):
 *   memory   (address, value) pairs compressed as α - a - β·v. A read adds
 *            1/(α - a - β·v), a write -m/(α - a - β·v) with m its number of
 *            reads, a fixed column (the architecture's, zero padding
 *            included). A write with m = -1 is a read. Address map:
 *              0 .. 206,921         the parameters at nn/cnn.h's offsets
 *                                   (biases at theirs, at 2^(in + w))
 *              2^18 + 0 .. 783      x, the quantized pixels
 *              2^18 + 1024 + ...    p1 (16·196, channel-major)
 *              2^18 + 5120 + ...    p2 (32·49, fc1's input order)
 *              2^18 + 7168 + ...    f1 (128)
 *              2^19 + row           the public-input column as a table:
 *                                   raw pixels (rows 0..783), logits (784..
 *                                   793), 0 past them: address 2^19 + 794
 *                                   is the zero that padding reads.
 *   range    γ - v against the table 0..2^15 - 1 (the row index: N = 2^15
 *            exactly), multiplicities RM a main column. 0 <= v < B for B <=
 *            2^15 is two reads, v and v + 2^15 - B (no wrap: p > 2^32);
 *            wider values are two limbs.
 *
 * Rows: 4 groups × 12 MAC slots, one operand of each product shared by
 * the groups (a convolution's weights, a dense layer's inputs), the other
 * the group's own. Group g's accumulator
 *     ACC_g = B_g + CHAIN·ACC_g(row above) + Σ_j A_j·G_{g,j}
 * (CHAIN fixed: 0 on an output's first row, whose B_g reads the bias; 1
 * after, B_g reading the zero). Every A_j is a read at the fixed AA_j,
 * every G_{g,j} at GA_{g,j}, B_g at BA_g: 64 reads a row, unused slots
 * reading the zero.
 * Post units g = 0..3 on every row (idle rows: SC = 0, HALF = 0, DIV = 1,
 * which forces Q = T = 0):
 *     V_g·SC + HALF = DIV·Q_g + T_g,  0 <= T_g < DIV,
 *     S_g a bit, U_g = S·Q + (1 - S)(-1 - Q) < 2^s as two limbs (one bound
 *     for both Q's range and its sign), Y_g = RELU ? S·Q : Q,
 * and Y_g written at the fixed YA_g with multiplicity YM_g. V_g = ACC_g,
 * except V_0 = M on pool rows (POOL fixed): pool first, as the Groth16
 * circuit does (rescale and ReLU are monotone, so they commute with max):
 * POOL·(M - ACC_g - D_g) = 0 with D_g = DL_g + 2^15·DH_g (limbs by lookup:
 * M >= every ACC_g), E = D_0·D_1, E2 = E·D_2, POOL·E2·D_3 = 0 (M is one);
 * (1 - POOL)·M = 0, so that no cell is free.
 * The stages, in row order (producers before their readers):
 *   quant  784 rows: B_0 reads the raw byte p from the public table, SC =
 *          2^(e+1), HALF = 255, DIV = 510: x = floor((p·2^(e+1) + 255) /
 *          510), nn_quantize_pixel's rule; x written (read by every conv1
 *          tap that covers it: up to 9 × 16 times).
 *   conv1  3,136 rows, one pool window (o, wy, wx) a row: group g is member
 *          (dy, dx), its 9 inputs in slots 0..8, the channel's weights (A)
 *          and bias shared; pooled, rescaled, p1 written (read by conv2).
 *   conv2  1,568 windows × 12 rows: row c holds taps k = 12c..12c+11 (k =
 *          9·ch + t; weights A) for all four members; the last row pools
 *          and rescales; p2 written (read by fc1's 32 quads).
 *   fc1    32 quads × 131 rows: four outputs a row sharing the input
 *          slice A (1,568 = 130·12 + 8), the weights each group's own;
 *          rescale and ReLU on the last; f1.
 *   fc2    3 quads × 11 rows, no ReLU; each logit is Y_g "written" with
 *          m = -1 at its public address: a read of the statement's logit.
 *   pad    5,807 rows reading zeros.
 * 26,961 rows of 32,768.
 *
 * ==== The model commitment, and the tie ====
 *
 * The statement names the model by a 4-element Goldilocks digest
 * (zkml/model_hash_gl.h computes it natively): Poseidon over Goldilocks
 * with Plonky2's parameters (hash/poseidon_gl.h; width 12, the permutation
 * the poseidon-chain AIR proves) in Plonky2's hash_no_pad sponge (rate 8,
 * capacity 4), over the header (zkml_hash_header: format 1 = ReLU, first
 * layer 0, 4 layers, unsalted, then per layer fan-in, outputs, w_exp,
 * in_exp, out_exp, acc_bits and the slot widths b_w, b_b) and the packed
 * tensors: a value v as u = v + 2^(b-1) in a b-bit slot, floor(63/b) to an
 * element, a tensor starting a new element. One element would give 32-bit
 * collision resistance; four give ~128. For the shipped model 20,741
 * elements, 2,593 permutations (26K unpacked). The Groth16 proof hashes
 * 252-bit elements with circomlib's BN254 Poseidon (width 17): the same
 * weights, another field, another hash; neither digest can be computed
 * cheaply inside the other's proof.
 *
 * Public values (the public-input column, rows): raw pixels 0..783, logits
 * 784..793, the digest 794..797, the header 798..833 (the verifier checks
 * it against the shifts and sign bits, and derives the lanes' layout from
 * its widths: it is part of what the proof is about). The zero that
 * padding reads is at 2^19 + 834.
 *
 * Two gadgets in their own columns, each constraint at degree 3 with no
 * selector (both hold on rows of zeros with zero fixed columns):
 *   unpack lanes (stark/air_sponge_unpack.h), 7 side by side from row 1
 *            (206,922 parameters in rows 1..29,562): a slot u per row,
 *            range-checked below 2^b through the range table (u and
 *            u·2^(15-b) both < 2^15), the parameter w = u - 2^(b-1)
 *            WRITTEN to the memory at its index with multiplicity = its
 *            reads in this schedule (a conv1 weight 196, its bias 784, a
 *            conv2 weight 49, its bias 196, an fc parameter 1: the fixed
 *            columns take them from the schedule's own counts, refusing a
 *            tensor whose counts differ), and packed by Horner's rule into
 *            the element written to the element memory at 2^20 + k; the
 *            header's elements written by fixed columns.
 *   sponge   (stark/air_sponge.h), 10 rows a permutation from row 1 (row 0
 *            pins the zero initial state): rows 1..25,930, reading element
 *            k at 2^20 + k; its last row's output equals the statement's
 *            digest (a constraint whose constants are public values).
 * The tie is the memory relation: the lanes are the only writes of
 * addresses 0..206,921, every MAC operand and bias is a read there, and
 * each write's multiplicity is its number of reads, so the LogUp sum
 * closes only if every weight a multiply-accumulate uses is the slot the
 * sponge absorbed (Haböck, ePrint 2022/1530: reads and writes balance per
 * (address, value) pair). A slot wider than the range table (b > 15) would
 * need limbs, which the lanes do not have: such a model is refused
 * (ZK_EINVAL), as is one whose elements outgrow the table (fc1's weights at
 * 8 bits or more: the sponge would need more than 32,766 rows).
 *
 * Columns: main 183 (the CNN's 104: A 12, G 48, B 4, ACC 4, M, DL 4, DH 4,
 * E, E2, Q 4, T 4, S 4, U 4, UH 4, Y 4, RM; the lanes' 21: U, U2, PACK a
 * lane; the sponge's 58); fixed 170 (the CNN's 82: AA 12, GA 48, BA 4, YA
 * 4, YM 4, CHAIN, POOL, RELU, SC, HALF, DIV, UOFF, UOFFH, IDX, MPUB; the
 * lanes' 52; the sponge's 36); auxiliary 72 extension columns (the CNN's
 * 100 paired terms, 64 reads, 4 Y writes, 32 range reads, in 50 helpers of
 * two, h·d1·d2 = n1·d2 + n2·d1; the range table's term and the public
 * table's alone, its denominator holding the public column; the lanes' 15:
 * a range pair and a parameter + element write pair a lane, the header's
 * writes; the sponge's 4; the sum L) = 144 base.
 *   cells    32,768 × (183 + 170 + 144) = 497 base columns, 16.3M cells
 *            (budget 26M, 800 columns); LDE 2^18 × 497;
 *   degree   3 (helpers; POOL·E2·D3; V·SC with V holding POOL·M; RELU·S·Q;
 *            the sponge's x^3 and x^7 helpers), 182 constraints (108 main,
 *            74 auxiliary), 3 composition chunks with zero knowledge.
 * (Without the commitment the CNN alone was 111 + 96 + 112 = 319 base
 * columns, its parameters written by 7 private lanes bound to nothing; a
 * first cut read both operands of every product: 383 base columns.)
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
#include "stark/air_sponge.h"
#include "stark/air_sponge_unpack.h"

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
    /* The model commitment's header: zkml_hash_header's for a ReLU model
     * hashed from its first layer, unsalted (format 1, first layer 0, 4
     * layers, salted 0, then 8 values a layer). */
    AIR_CNN_HEADER = 4 + 8 * AIR_CNN_LAYERS,
    AIR_CNN_DIGEST = 4,
    /* The statement: the raw pixel bytes, the logits, the model's digest,
     * the header it was hashed under. */
    AIR_CNN_PUB_LOGITS = AIR_CNN_PIXELS,
    AIR_CNN_PUB_DIGEST = AIR_CNN_PUB_LOGITS + AIR_CNN_CLASSES,
    AIR_CNN_PUB_HEADER = AIR_CNN_PUB_DIGEST + AIR_CNN_DIGEST,
    AIR_CNN_PUB = AIR_CNN_PUB_HEADER + AIR_CNN_HEADER,
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
    const gl_t *digest;  /* 4, the model commitment (public): the prover passes
                          * zkml_model_hash_gl's; NULL computes it here */
    const uint64_t *header;                /* zkml_hash_header's (public): n_header values */
    size_t n_header;                       /* AIR_CNN_HEADER */
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
    CNN_LANES = 7,                           /* unpack lanes (the parameters' writes) */
    CNN_A = 0,                               /* 12: the operand the groups share */
    CNN_G = CNN_A + CNN_SLOTS,               /* 48: group g's own, G_{g,j} at g·12 + j */
    CNN_B = CNN_G + CNN_GROUPS * CNN_SLOTS,  /* 4 */
    CNN_ACC = CNN_B + CNN_GROUPS,            /* 4 */
    CNN_M = CNN_ACC + CNN_GROUPS,
    CNN_DL, CNN_DH = CNN_DL + CNN_GROUPS,
    CNN_E = CNN_DH + CNN_GROUPS, CNN_E2,
    CNN_Q, CNN_T = CNN_Q + CNN_GROUPS, CNN_S = CNN_T + CNN_GROUPS, CNN_U = CNN_S + CNN_GROUPS,
    CNN_UH = CNN_U + CNN_GROUPS,             /* U = U_lo + 2^R·UH: s may pass R */
    CNN_Y = CNN_UH + CNN_GROUPS,
    CNN_RM = CNN_Y + CNN_GROUPS,
    CNN_UP,                                  /* 21: the unpack lanes' U, U2, PACK */
    CNN_SP = CNN_UP + AIR_UNPACK_MAIN(CNN_LANES), /* 58: the sponge's */
    CNN_MAIN = CNN_SP + AIR_SPONGE_MAIN,
    CNN_AA = CNN_MAIN,                       /* fixed: 12 addresses of A_j */
    CNN_GA = CNN_AA + CNN_SLOTS,             /* 48 of G_{g,j} */
    CNN_BA = CNN_GA + CNN_GROUPS * CNN_SLOTS,
    CNN_YA = CNN_BA + CNN_GROUPS,
    CNN_YM = CNN_YA + CNN_GROUPS,
    CNN_CHAIN = CNN_YM + CNN_GROUPS,
    CNN_POOL, CNN_RELU, CNN_SC, CNN_HALF, CNN_DIV, CNN_UOFF, CNN_UOFFH,
    CNN_IDX, CNN_MPUB,
    CNN_UF,                                  /* 52: the unpack lanes' */
    CNN_SF = CNN_UF + AIR_UNPACK_FIXED(CNN_LANES), /* 36: the sponge's */
    CNN_WIDTH = CNN_SF + AIR_SPONGE_FIXED,
    CNN_FIXED = CNN_WIDTH - CNN_MAIN,
};

/* Builds the AIR with its statement (pixels, logits, digest, header) and
 * witness (the parameters). The logits and the digest are the caller's
 * claim: a trace whose own logits differ does not close its LogUp sum, one
 * whose weights hash to another digest fails the sponge's digest row.
 * ZK_EINVAL for parameters out of range or a header the AIR does not take
 * (not zkml_hash_header's for these shifts and sign bits: another shape, a
 * salted or non-ReLU model, a first layer other than 0, or a slot wider
 * than the range table's 15 bits), ZK_ENOMEM. */
zk_err air_cnn_new(stark_air *a, const air_cnn_input *in);
/* The statement's model digest, of a built or verified AIR. */
void air_cnn_digest(const stark_air *a, gl_t d[AIR_CNN_DIGEST]);
/* The statement's logits as integers; returns the class they predict (the
 * first of equal largest, as nn_qinfer). */
int air_cnn_logits(const stark_air *a, int64_t z[AIR_CNN_CLASSES]);
/* The integers a built trace holds (row-major, the AIR's width). */
void air_cnn_values_of(air_cnn_values *v, const stark_air *a, const gl_t *trace);
/* The first row of each stage: quant, conv1, conv2, fc1, fc2, padding. */
size_t air_cnn_stage_row(unsigned stage);

#endif
