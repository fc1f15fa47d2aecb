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
 *            four outputs of one 2×2 pool window (4 × 9 slots, ACC_g their
 *            sums plus biases); conv2 (fan-in 144), fc1 (1568) and fc2 (128)
 *            chain ACC_0 over 4, 44 and 4 rows (FIRST: ACC = B + Σ W·X;
 *            otherwise ACC = ACC_prev + Σ W·X). 72 reads a row.
 *   post     on the last row of an output: pool first, as the Groth16
 *            circuit does (rescale and ReLU are monotone, so they commute
 *            with max): D_g = M - ACC_g >= 0 for each window member
 *            (limbs + 3 range reads each, A <= 20 bits) and a zero product
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
 * conv1 → rescale → ReLU for c <= 16 channels, one output (o, p) a row,
 * channel-major (row o·784 + p is nn_qtrace a1[o·784 + p]), N the power of
 * two >= max(784·c, 2^R) with R = max(10, r, s) the range table's bits.
 * The public-input column holds the statement: the quantized pixels x
 * (rows 0..783; the raw bytes and the quant rows come later), the weights
 * (9 per channel) and biases, then Σ Y; as the memory table, read at
 * address = row, 0 past the public values (the zero address for padding).
 *   main   X_0..8 (the 3×3 window), W_0..8, B, Q, T, S, U, Y, RM, SUM: 26
 *   fixed  XA_0..8, WA, BA, MULT (memory multiplicity), IDX (the row: the
 *          memory table's address), RT (the range table, min(row, 2^R - 1)):
 *          14
 *   aux    13 helpers: (X_t, W_t) for t < 9, (B, T), (T·2^(R-r), U),
 *          (U·2^(R-s), the range table), the memory table alone; and L: 14
 *          extension columns
 * Constraints: B + Σ W_t·X_t + 2^(r-1) = 2^r·Q + T, S(S - 1) = 0, U as
 * above, Y = S·Q (degree 2); SUM' = SUM + Y, SUM = 0 at row 0, SUM + Y = the
 * public sum at the last row; the helpers (degree 3; the memory table's is
 * degree 2 with the public column as a known factor), L_0 = 0,
 * L' = L + Σ h, L + Σ h = 0 at the last row. s = acc_bits - r, so that
 * Q ∈ [-2^s, 2^s): the accumulator width nn/quant.h allows. Padding rows
 * read channel 0's weights and zeros and hold Q = 0, T = 2^(r-1), S = 1,
 * which satisfies every constraint. For the seed CNN (c = 16, r = 5,
 * s = 9): 16,384 rows × (40 + 28) base columns = 1.1M cells. */
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

/* Public values of a statement with c channels: 784 + 10c + 1. */
size_t air_cnn_conv1_n_pub(unsigned channels);
/* Builds the AIR and its statement (Σ of the activations computed here).
 * No witness: every value of the trace follows from the statement.
 * ZK_EINVAL for parameters out of range. */
zk_err air_cnn_conv1_new(stark_air *a, const air_cnn_conv1_input *in);
/* The activations Y of a built trace (row-major, the AIR's width), channel-
 * major as nn_qtrace a1; returns how many (784·c). */
size_t air_cnn_conv1_output(const stark_air *a, const gl_t *trace, int32_t *out);

#endif
