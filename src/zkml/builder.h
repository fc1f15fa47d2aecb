/* The builder every zkml gadget writes to (internal to src/zkml).
 *
 * One pass of the same gadget code serves four purposes, chosen by what the
 * builder holds:
 *   count    no store, no values: constraints, wires and terms are counted
 *            per row × operation (zkml_count);
 *   build    constraints go into an r1cs (zkml_compile), each instance's
 *            first constraint recorded for zkml_locate;
 *   witness  values only: no linear combination is even formed, which is
 *            what keeps the witness of three million constraints fast;
 *   check    values, and every constraint formed and evaluated on them as
 *            it is generated, then dropped: the full circuit checked
 *            without being stored.
 * Wires are numbered the same way in every mode, so a witness made without
 * the circuit fits the circuit made without a witness.
 *
 * Errors are sticky: a gadget that fails (out of memory, a value that does
 * not fit its range) sets c->err and later calls do nothing, so gadget code
 * reads as the arithmetic it encodes; the caller tests c->err at the end. */
#ifndef ZK_ZKML_BUILDER_H
#define ZK_ZKML_BUILDER_H

#include "zkml/zkml.h"

struct zkml_segment {
    uint64_t first;         /* its first constraint */
    uint64_t index;
    const char *gadget;
    uint8_t row, op;
};

/* A value in the circuit: a constant, a wire, or a combination of bit wires
 * w_wire .. w_{wire+bits−1}: Σ 2^i·bit_i (unsigned) or that − 2^(bits−1)
 * (signed, the offset form every range check here produces). value is the
 * integer (the constant, or the witness value when the builder has values). */
typedef enum zv_kind { ZV_CONST, ZV_WIRE, ZV_UBITS, ZV_SBITS } zv_kind;

typedef struct zv {
    uint8_t kind;
    uint8_t bits;
    uint32_t wire;
    int64_t value;
} zv;

static inline zv zv_const(int64_t v) { return (zv){ZV_CONST, 0, 0, v}; }
static inline zv zv_wire(uint32_t w, int64_t v) { return (zv){ZV_WIRE, 0, w, v}; }

typedef struct zc {
    r1cs *s;                /* build: the store */
    zkml_circuit *circ;     /* build: where segments go */
    fr_t *w;                /* witness / check: the values */
    size_t w_cap;
    bool lcs;               /* form linear combinations: count, build, check */
    bool check;
    uint32_t n_wires;
    uint64_t n_rows;
    zkml_counts *counts;
    zkml_row row;
    zkml_op op;
    uint64_t index;
    const char *gadget;
    bool seg_current;       /* the last segment is (row, op, index, gadget) */
    zk_err err;
    zkml_report *rep;       /* the first failing constraint or value */
    fr_t pow2[256];         /* 2^i */
    /* Scratch combinations: t[0], t[1] belong to zg_bits and zg_range, t[2]
     * .. t[4] to the gadget that calls them; a caller passes none of them
     * to a gadget. */
    r1cs_lc t[5];
} zc;

/* s, circ: build; w: values (with check: evaluate every constraint). */
zk_err zc_init(zc *c, r1cs *s, zkml_circuit *circ, bool values, bool check,
               zkml_counts *counts, zkml_report *rep);
void zc_free(zc *c);   /* frees the scratch; the values stay in c->w for the caller */

/* The IO wires (r1cs_set_io): call once before any zc_wires. */
void zc_io(zc *c, uint32_t n_pub_out, uint32_t n_pub_in, uint32_t n_prv_in);
/* Where the next constraints and wires are counted and what they are for. */
void zc_at(zc *c, zkml_row row, zkml_op op, uint64_t index, const char *gadget);
/* n fresh internal wires, the first returned (counted in the current cell). */
uint32_t zc_wires(zc *c, uint32_t n);
/* Sets a wire's value (values only). */
void zc_set(zc *c, uint32_t wire, const fr_t *v);
void zc_set_i64(zc *c, uint32_t wire, int64_t v);
/* <a,w>·<b,w> = <cc,w> (a or b NULL: linear). */
void zc_add(zc *c, const r1cs_lc *a, const r1cs_lc *b, const r1cs_lc *cc);
/* Records a value that does not fit (witness): ZK_EOVERFLOW with where. */
void zc_fail_value(zc *c, int64_t value, int bits);

/* ---- field helpers ---- */
void zc_fr_from_i64(fr_t *out, int64_t v);
/* acc += 2^e·v for e < 256, v < 2^64: packing slots into an element. */
void zc_add_shifted(fr_t *acc, uint64_t v, unsigned e);
/* <lc, w> (values only). */
void zc_eval(const zc *c, fr_t *out, const r1cs_lc *lc);

/* ---- linear-combination helpers (errors sticky in c->err) ---- */
void zl_fr(zc *c, r1cs_lc *lc, uint32_t wire, const fr_t *k);
void zl_i64(zc *c, r1cs_lc *lc, uint32_t wire, int64_t k);
/* lc += k·v for any kind of v. */
void zl_zv(zc *c, r1cs_lc *lc, const zv *v, const fr_t *k);
void zl_zv_i64(zc *c, r1cs_lc *lc, const zv *v, int64_t k);
/* lc += k·Σ_{i<n} 2^i·w_{first+i}. */
void zl_bits(zc *c, r1cs_lc *lc, uint32_t first, int n, const fr_t *k);

#endif
