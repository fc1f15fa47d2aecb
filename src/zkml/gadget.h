/* The gadgets of the CNN circuit, one operation a file (internal to
 * src/zkml). Each writes its constraints to a builder (zkml/builder.h) and,
 * when the builder holds values, computes the values of the wires it
 * creates from its inputs' values. The counts below are what each call adds;
 * gadget_*.c say why each constraint is there.
 *
 * Conventions: a range-checked value is kept as its bits (zv ZV_UBITS, or
 * ZV_SBITS for v + 2^(n−1)), so a later constraint that needs the value
 * uses the bits' combination directly instead of a wire tied to them by one
 * more constraint. Bits are constrained as b·b = b. */
#ifndef ZK_ZKML_GADGET_H
#define ZK_ZKML_GADGET_H

#include "hash/poseidon_bn254.h"
#include "zkml/builder.h"

/* gadget_range.c: n bits of value (0 <= value < 2^n): n constraints, n
 * wires. The caller ties the bits to the value (usually inside a linear
 * constraint it adds anyway). Returns the first bit wire. */
uint32_t zg_bits(zc *c, int n, uint64_t value);
/* v (value in [0, 2^n)) range-checked: zg_bits and Σ 2^i·bit_i = v;
 * n + 1 constraints, n wires. */
zv zg_range(zc *c, const r1cs_lc *v, int n, uint64_t value);

/* gadget_mac.c: acc = bias + Σ_{k<n} w[k]·x[k]. A term with a constant
 * side joins acc as it is (fixed weights: no constraint); any other is one
 * product w·x = p with a fresh wire p. n_products constraints and wires.
 * acc (cleared first) receives the combination when the builder forms them;
 * *value its integer. */
void zg_mac(zc *c, r1cs_lc *acc, int64_t *value, const zv *bias, const zv *w, const zv *x,
            size_t n);

/* gadget_max4.c: m = max(a₀, a₁, a₂, a₃) for combinations with |aᵢ| <
 * 2^(A−1): 4A + 7 constraints, 4A + 3 wires. Returns m (a wire). */
zv zg_max4(zc *c, const r1cs_lc a[4], const int64_t av[4], int A);

/* gadget_rescale.c: q = floor((v + 2^(r−1)) / 2^r) for |v| < 2^(A−1), r >= 1;
 * q + 2^(K−1) ∈ [0, 2^K), K = A − r + 1. A + 2 constraints, A + 1 wires.
 * Returns q as ZV_SBITS of K bits. */
zv zg_rescale(zc *c, const r1cs_lc *v, int64_t value, int A, int r);

/* gadget_relu.c: y = max(q, 0) for q as ZV_SBITS: 1 constraint, 1 wire. */
zv zg_relu(zc *c, const zv *q);

/* gadget_square.c: s = y·y for any y: 1 constraint, 1 wire (a wire). */
zv zg_square(zc *c, const zv *y);
/* gadget_square.c: |y| for y as ZV_SBITS: 1 constraint, 1 wire. */
zv zg_abs(zc *c, const zv *y);

/* gadget_quantize.c: x = floor((p·2^(e+1) + 255) / 510) for a pixel p in
 * [0, 256): e + 22 constraints, e + 20 wires. Returns x (a wire). */
zv zg_quantize(zc *c, const zv *p, int e);

/* gadget_pack.c: w_elem = Σ_j 2^(b·j)·u_j, with u_j the bits of slots[j]
 * (ZV_UBITS or ZV_SBITS of b bits: the stored slot is the bits' value):
 * 1 linear constraint. */
void zg_pack(zc *c, uint32_t elem, const zv *slots, size_t n, int b);

/* gadget_argmax.c: w_cls = the first index of the largest z_j (ZV_SBITS of
 * K bits each): n(K + 3) + 2 constraints, n(K + 2) wires. */
void zg_argmax(zc *c, uint32_t cls, const zv *z, int n, int K);

/* gadget_poseidon.c: the Poseidon permutation of width t as constraints,
 * 3(8t + P) constraints and wires (P partial rounds), and the sponge of the
 * model hash over it. */
typedef struct zg_poseidon zg_poseidon;
zk_err zg_poseidon_new(zg_poseidon **p, unsigned t);
void zg_poseidon_free(zg_poseidon *p);

/* The state: t combinations (formed when the builder forms them) and their
 * values (when it has values). Replaced by the permuted state. A state that
 * is constant is permuted natively, at no cost. */
typedef struct zg_state {
    r1cs_lc lc[POSEIDON_BN254_MAX_T];
    fr_t val[POSEIDON_BN254_MAX_T];
    bool constant;      /* known in every mode, so wires are numbered alike */
} zg_state;

void zg_poseidon_perm(zc *c, const zg_poseidon *p, zg_state *st);

/* An element to absorb: a wire with its value, or (wire 0) a constant. */
typedef struct zg_elem {
    uint32_t wire;
    fr_t value;
} zg_elem;

/* The sponge of zkml.h (rate t − 1, capacity state[0] = tag) over elems;
 * out (a wire) = the final state[0]: one linear constraint besides the
 * permutations. Each block's constraints are indexed by the block. */
void zg_sponge(zc *c, const zg_poseidon *p, const fr_t *tag, const zg_elem *elems, size_t n,
               uint32_t out);

#endif
