/* Unpack lanes: the model's parameters as range-checked slots, written to
 * the CNN's memory at their indices and packed into the elements the
 * sponge (air_sponge.h) reads — the tie between the hashed weights and the
 * weights the multiply-accumulates use (stark/air_cnn.h, "The model commitment, and the tie").
 *
 * ==== What is packed ====
 *
 * The element sequence of zkml/model_hash_gl.h: the header (nh small
 * integers, one an element), then for each tensor its values v as slots u
 * = v + 2^(b-1) of its width b, S = floor(63/b) to an element, slot j at
 * bits b·j, a tensor starting a new element. Element k is at address
 * elem_base + k of the element memory (the sponge's addr_base).
 *
 * ==== Lanes ====
 *
 * `lanes` lanes side by side, each a column of rows; an element
 * is a run of consecutive rows of one lane holding its slots from the
 * highest (j = S - 1, or the last element's last) down to j = 0, so that
 * Horner's rule PACK = PACK·2^b + u ends with Σ_j u_j·2^(b·j), exactly the
 * native packing. Elements go to lane 0 until the next does not fit, then
 * to lane 1, ...; rows after a lane's last element are padding (u = 0).
 *
 * Columns per lane:
 *   main   U      the slot u
 *          U2     u·2^(R-b)   (R the range table's bits, b <= R)
 *          PACK   the element so far
 *   fixed  SH     2^b on a slot continuing an element, 0 on its first slot
 *                 (and on padding)
 *          RS     2^(R-b)
 *          OFF    2^(b-1): the parameter is w = u - OFF
 *          PA     the parameter's address in the CNN's memory
 *          PM     its multiplicity there: its uses (0 on padding)
 *          EA     the element's address (elem_base + k)
 *          EM     1 on the element's last slot row (j = 0): the write
 * and for the header, on the gadget's first nh rows: fixed HA = elem_base +
 * k, HV = the header's value, HM = 1.
 * Main 3 a lane, fixed 7 a lane + 3 (AIR_UNPACK_MAIN(l), _FIXED(l)).
 *
 * Constraints (degree 3):
 *   every row    U2 = RS·U
 *   transition   PACK' = SH'·PACK + U'  (SH' = 0 at an element's first slot:
 *                PACK' = U' whatever came before, so row0 - 1 is free)
 *   aux          range  h·(γ - U)(γ - U2) = (γ - U) + (γ - U2): both below 2^R
 *                       force U < 2^b (no wrap: p > 2^(2R)); every row reads,
 *                       padding reads 0, the host's table counts them
 *                write  h·dP·dE = -(PM·dE + EM·dP), dP = α - PA - β·(U - OFF),
 *                       dE = α - EA - β·PACK: the parameter (memory) and the
 *                       complete element (element memory)
 *                header h·dH = -HM, dH = α - HA - β·HV
 * Aux: 2 a lane + 1. Its columns are its own (the range reads run on every
 * row of the host's table, reading 0 where the lanes hold nothing). A
 * packed element is below 2^(S·b) <= 2^63 < p, so the field element is
 * the integer: a prover can write no other element for the same slots,
 * and no slots but the parameters' for an element.
 *
 * Multiplicities: the host's. The architecture's uses of a parameter (its
 * multiply-accumulates, zero-padding taps included, or its outputs for a
 * bias) are macs/weights and outputs/biases of nn/cnn.h's table: conv1
 * weights 784 (28·28 outputs of its channel) and biases 784, conv2 196
 * (14·14) and 196, fc1 1 and 1, fc2 1 and 1 (zkml_hash_gl_tensors). A CNN
 * AIR that reads a weight once for several outputs of one row (cnn-conv1
 * reads a conv1 weight once for a 2×2 pool window: 196) passes its own
 * counts. */
#ifndef ZK_STARK_AIR_SPONGE_UNPACK_H
#define ZK_STARK_AIR_SPONGE_UNPACK_H

#include "stark/air.h"

/* The lanes are the host's choice (air_unpack.lanes): model-commit takes
 * 4, cnn as many as its parameters need in its 2^15 rows. The column and
 * constraint counts below are for l lanes. */
#define AIR_UNPACK_LANES_MAX 8
#define AIR_UNPACK_TENSORS_MAX 8
#define AIR_UNPACK_HEADER_MAX 64
#define AIR_UNPACK_MAIN(l) (3 * (l))
#define AIR_UNPACK_FIXED(l) (7 * (l) + 3)
#define AIR_UNPACK_AUX(l) (2 * (l) + 1)
#define AIR_UNPACK_CONS(l) (2 * (l))
#define AIR_UNPACK_AUX_CONS(l) AIR_UNPACK_AUX(l)

/* Lane l's columns, from the gadget's first main / fixed one; the header's
 * fixed columns after the last of `lanes` lanes. */
enum { UP_U = 0, UP_U2, UP_PACK };
enum { UF_SH = 0, UF_RS, UF_OFF, UF_PA, UF_PM, UF_EA, UF_EM };
#define UP_LANE(l) (3 * (l))
#define UF_LANE(l) (7 * (l))
#define UF_HA(lanes) (7 * (lanes))
#define UF_HV(lanes) (UF_HA(lanes) + 1)
#define UF_HM(lanes) (UF_HA(lanes) + 2)

typedef struct air_unpack_tensor {
    size_t len;      /* parameters */
    unsigned bits;   /* slot width b, 1..R */
    uint64_t uses;   /* each parameter's multiplicity in the CNN's memory */
    uint64_t addr;   /* the CNN's memory address of parameter 0 (i at addr + i) */
} air_unpack_tensor;

typedef struct air_unpack {
    air_unpack_tensor t[AIR_UNPACK_TENSORS_MAX];
    size_t n_tensors;
    uint64_t header[AIR_UNPACK_HEADER_MAX];
    size_t n_header;
    unsigned lanes;       /* 1..AIR_UNPACK_LANES_MAX */
    unsigned range_bits;  /* R */
    uint64_t elem_base;
    size_t row0;          /* >= 1 */
    size_t col, fcol, aux;
} air_unpack;

/* Elements in all (header included): the sponge's n_elems. */
size_t air_unpack_elements(const air_unpack *u);
/* The lanes' height: rows row0 .. row0 + rows - 1 (>= n_header); the
 * smallest in which the elements fit the lanes. */
size_t air_unpack_rows(const air_unpack *u);
/* Whether the layout is one the gadget takes (widths 1..R, R <= 32, S·b
 * <= 63, 1..AIR_UNPACK_LANES_MAX lanes, at most the maxima). */
bool air_unpack_ok(const air_unpack *u);

void air_unpack_constraints(const air_unpack *u, stark_air *a, size_t first, size_t first_aux);
/* Fixed columns on its rows (the host zeroes the others). */
void air_unpack_fixed(const air_unpack *u, gl_t *fixed, size_t n_main, size_t n_fixed);
/* Main columns on its rows from the parameters: values[k] holds tensor k's
 * len signed integers, each in [-2^(b-1), 2^(b-1)). The host's table
 * holds zeros in these columns elsewhere. */
void air_unpack_trace(const air_unpack *u, gl_t *trace, size_t width,
                      const int64_t *const *values);
/* The elements the lanes write (air_unpack_elements of them): the header,
 * then each tensor's values packed, as zkml_hash_gl_elements packs them
 * (a value out of its width is cut to it: its slot's range read fails). */
void air_unpack_pack(gl_t *elems, const air_unpack *u, const int64_t *const *values);
/* Adds its range reads (U, U2 on every one of n_rows rows) to counts[v]
 * for v < 2^R; returns false if a value is out of range (the lookup will
 * fail, as it must). */
bool air_unpack_range_counts(const air_unpack *u, const gl_t *trace, size_t width,
                             size_t n_rows, gl_t *counts);
/* Its helpers on every row of n_rows (the range reads are on all of
 * them). ZK_EVERIFY if a denominator vanishes. */
zk_err air_unpack_aux(const air_unpack *u, gl2_t *aux, size_t aux_width, const gl_t *trace,
                      size_t width, size_t n_rows, const gl2_t *chal);
void air_unpack_eval_base(const air_unpack *u, gl_t *out, const gl_t *cur, const gl_t *next);
void air_unpack_eval_ext(const air_unpack *u, gl2_t *out, const gl2_t *cur, const gl2_t *next);
/* chal: α, β (memories), γ (range). */
void air_unpack_eval_aux(const air_unpack *u, gl2_t *out, const gl2_t *cur, const gl2_t *acur,
                         const gl2_t *chal);

/* model-commit (air_model_commit.c): the unpack lanes and the sponge
 * standing alone, proving that parameters within their widths hash, under
 * a public header, to a public digest. header: zkml_hash_header's layout
 * (nh = 4 + 8 layers); values[k]: tensor k's parameters (layer k/2's
 * weights, then its biases); R the range table's bits (>= every width).
 * ZK_EINVAL for a header or R it does not take. */
zk_err air_model_commit_new(stark_air *a, const uint64_t *header, size_t nh,
                            const int64_t *const *values, unsigned range_bits);

#endif
