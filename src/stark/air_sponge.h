/* The model commitment's sponge as AIR rows: Plonky2's hash_no_pad
 * (hash/poseidon_gl.h) over elements READ from an element memory, a
 * gadget a host AIR embeds, and the standalone AIR `model-hash`.
 *
 * ==== Rows ====
 *
 * One permutation is 10 rows of the host's table, from row0 on:
 *   t = 0..3   F rows, full rounds 0..3 (one a row)
 *   t = 4, 5   P rows, partial rounds 4..14 and 15..25 (eleven a row)
 *   t = 6..9   F rows, full rounds 26..29
 * so n elements take 10·ceil(n/8) rows: the shipped model's 20,741
 * elements 2,593 permutations, 25,930 rows.
 *
 * ==== Columns (the gadget's own, at the host's offsets) ====
 *
 *   main   IN 12    the state entering the row
 *          TF 12    (IN_i + RC_i)^3          the full round's x^3 helpers
 *          XF 12    TF_i^2·(IN_i + RC_i)     its S-box outputs, x^7
 *          TP 11    U_j^3                    a partial round's x^3 helper
 *          XP 11    TP_j^2·U_j               its S-box output
 *                   58
 *   fixed  RC 12    a F row's round constants; a P row's output offset
 *          PK 11    a P row's constant in U_j
 *          F, P     the row's kind
 *          CH       1 on rows whose next row is a gadget row (row0 - 1 ..
 *                   the second last)
 *          RD 8     1 where IN_i is read from the element memory (the first
 *                   row of a permutation, i < the block's length)
 *          RA       the address IN_0 is read at (IN_i at RA + i)
 *          DG       1 on the last row: its output is the digest
 *                   36
 *   aux    4 helpers, two reads each (extension columns; the host adds
 *          them to its LogUp running sum)
 *
 * A partial round changes one element nonlinearly: writing the state after
 * j partial rounds of a P row as Lin_j(IN, XP_0..XP_(j-1)) + K_j, Lin_j
 * linear without constants and K_j a constant vector (K_0 = 0, K_(j+1) =
 * M·(0, K_j[1..11] + c[1..11]), c the round's constants), the S-box input
 * is U_j = Lin_j[0] + PK_j with PK_j = K_j[0] + c[0], and the row's output
 * Lin_11 + K_11 (RC holds K_11 on P rows). Lin_j is the same on both P
 * rows; the constants are fixed columns the builder computes.
 *
 * ==== Constraints, degree 3 ====
 *
 *   every row    TF_i = (IN_i + RC_i)^3, XF_i = TF_i^2 (IN_i + RC_i)   24
 *                TP_j = U_j^3, XP_j = TP_j^2 U_j                       22
 *   transition   (CH - RD_i') (IN_i' - F·(M·XF)_i - P·(Lin_11 + RC)_i)  12
 *                (RD_i' the next row's; RD_i = 0 for the capacity i >= 8)
 *   every row    DG·((M·XF)_i - digest_i), i < 4                       4
 *   aux          h·d_a·d_b = RD_a·d_b + RD_b·d_a,
 *                d_i = α - (RA + i) - β·IN_i                           4
 * The x^3 and x^7 constraints are definitions, not gated: every row
 * computes both the full round and the partial rounds of its IN (the
 * prover fills the unused half too), and F and P, fixed, select which
 * output chains into the next row; so no selector multiplies a degree-3
 * term. The chaining factor CH - RD_i' is 0 where the next row's element
 * is overwritten by a read (absorption, hash_no_pad's overwrite mode) and
 * after the last row; at row0 - 1 it is 1 for every element not read,
 * which with F = P = 0 there pins the initial state's capacity and unread
 * rate to 0. Reads are fractions +RD_i/d_i; the host writes each element
 * once, -1/(α - a - β·e), in the same running sum.
 *
 * ==== Embedding ====
 *
 * Two ways, the host's choice:
 *   own columns     every constraint holds on a row of zeros with zero
 *                   fixed values, so outside its rows the gadget's columns
 *                   stay zero and need no selector: degree 3, but its 102
 *                   base columns (58 + 36 + 4 extension) run down the whole
 *                   table (6.7M cells at 2^16 rows, used on 25,930).
 *   shared main     its 58 main columns reuse columns other rows use (the
 *                   MAC rows' 72 X/W), its 36 fixed and 4 helpers stay its
 *                   own: the host multiplies each MAIN constraint by its
 *                   row selector (1 on row0 - 1 .. the last; row0 - 1 is a
 *                   spacer row, zero in the gadget's main columns): degree
 *                   4, one more composition chunk (2 base columns). The
 *                   helper constraints stay ungated: off its rows RD = 0
 *                   forces each helper to 0 whatever the shared columns
 *                   hold (gating them instead would free the helpers and
 *                   break the LogUp sum). 44 base columns of its own.
 * row0 >= 1 (row0 - 1 sets the initial state: CH = 1 with F = P = 0 there
 * pins it), and the rows end before the host's last. The element memory
 * shares the host's (α, β) with addresses of its own (addr_base + k for
 * element k).
 *
 * For the shipped model: 25,930 rows × (58 + 36 + 8) base columns; the
 * standalone `model-hash` adds the element writes (ELEM, WA, WM, one
 * helper, the running sum) in a table of 2^15 rows. */
#ifndef ZK_STARK_AIR_SPONGE_H
#define ZK_STARK_AIR_SPONGE_H

#include "hash/poseidon_gl.h"
#include "stark/air.h"

#define AIR_SPONGE_ROWS_PER_PERM 10
#define AIR_SPONGE_PARTIAL_PER_ROW 11
#define AIR_SPONGE_MAIN 58
#define AIR_SPONGE_FIXED 36
#define AIR_SPONGE_AUX 4
#define AIR_SPONGE_CONS 62   /* main constraints */
#define AIR_SPONGE_AUX_CONS 4

/* Main columns, from the gadget's first. */
enum { SP_IN = 0, SP_TF = 12, SP_XF = 24, SP_TP = 36, SP_XP = 47 };
/* Fixed columns, from the gadget's first fixed one. */
enum { SF_RC = 0, SF_PK = 12, SF_F = 23, SF_P, SF_CH, SF_RD, SF_RA = SF_RD + 8, SF_DG };

typedef struct air_sponge {
    size_t n_elems;      /* >= 1 */
    size_t row0;         /* the first permutation's first row, >= 1 */
    size_t col;          /* the gadget's first main column in the host's row */
    size_t fcol;         /* its first fixed column, counted in the host's row (>= n_main) */
    size_t aux;          /* its first auxiliary column */
    uint64_t addr_base;  /* element k is read at address addr_base + k */
    const gl_t *digest;  /* 4 public elements */
} air_sponge;

static inline size_t air_sponge_perms(size_t n_elems)
{
    return (n_elems + POSEIDON_GL_RATE - 1) / POSEIDON_GL_RATE;
}

/* The rows the gadget occupies, row0 .. row0 + rows - 1. */
static inline size_t air_sponge_rows(size_t n_elems)
{
    return AIR_SPONGE_ROWS_PER_PERM * air_sponge_perms(n_elems);
}

/* Names and degrees of its constraints: main ones at a->cons[first..],
 * auxiliary ones at a->cons[first_aux..]. */
void air_sponge_constraints(const air_sponge *g, stark_air *a, size_t first, size_t first_aux);
/* Its fixed columns into the host's fixed table (N × n_fixed, row-major;
 * the host's row has n_main main columns before them). Rows outside
 * row0 - 1 .. the last are left as they are (the host zeroes them). */
void air_sponge_fixed(const air_sponge *g, gl_t *fixed, size_t n_rows, size_t n_main,
                      size_t n_fixed);
/* Its main columns on its rows, in a trace whose fixed columns are
 * written (width = the host's row), absorbing elems[0..n_elems). */
void air_sponge_trace(const air_sponge *g, gl_t *trace, size_t width, const gl_t *elems);
/* Its helpers on its rows (aux rows aux_width wide; chal[0] = α, chal[1] =
 * β); zero elsewhere is right. ZK_EVERIFY if a denominator vanishes. */
zk_err air_sponge_aux(const air_sponge *g, gl2_t *aux, size_t aux_width, const gl_t *trace,
                      size_t width, const gl2_t *chal);
/* The constraints at a point, out[0..AIR_SPONGE_CONS). */
void air_sponge_eval_base(const air_sponge *g, gl_t *out, const gl_t *cur, const gl_t *next);
void air_sponge_eval_ext(const air_sponge *g, gl2_t *out, const gl2_t *cur, const gl2_t *next);
/* out[0..AIR_SPONGE_AUX_CONS); acur is the host's aux row. */
void air_sponge_eval_aux(const air_sponge *g, gl2_t *out, const gl2_t *cur, const gl2_t *acur,
                         const gl2_t *chal);

/* model-hash: "these private elements (n >= 1) hash to this public
 * digest" with Plonky2's hash_no_pad, through the gadget: the elements
 * written once each to the element memory (rows 0..n-1), read by the
 * sponge. ZK_EINVAL for n = 0 or too many. */
zk_err air_model_hash_new(stark_air *a, const gl_t *elems, size_t n);

#endif
