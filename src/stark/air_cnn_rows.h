/* The cnn AIR's layer schedule and trace (air_cnn_rows.c), shared with its
 * constraints (air_cnn.c). Not a public interface. */
#ifndef ZK_STARK_AIR_CNN_ROWS_H
#define ZK_STARK_AIR_CNN_ROWS_H

#include "stark/air_cnn.h"

/* N = 2^15 rows; the range table is the row index, so values are checked
 * below 2^15. */
#define AIR_CNN_LOG_ROWS 15
#define AIR_CNN_LIMB_BITS AIR_CNN_LOG_ROWS
/* x <= 2^e must fit the quantization rows' bound U < 2^(e+1) <= 2^R. */
#define AIR_CNN_IN_EXP_MAX 14
/* The memory's address map (air_cnn.h, "Memory"). */
#define AIR_CNN_A_X ((size_t)1 << 18)
#define AIR_CNN_A_P1 (AIR_CNN_A_X + 1024)
#define AIR_CNN_A_P2 (AIR_CNN_A_P1 + 4096)
#define AIR_CNN_A_F1 (AIR_CNN_A_P2 + 2048)
#define AIR_CNN_A_PUB ((size_t)1 << 19)
/* The model commitment's element memory: element k at 2^20 + k, the
 * sponge's reads and the unpack lanes' writes (apart from the CNN's). */
#define AIR_CNN_A_ELEM ((uint64_t)1 << 20)

/* The auxiliary columns: the CNN's helpers (50 of two terms, the range
 * table's, the public table's), the unpack lanes', the sponge's, and the
 * running sum L. */
enum {
    CNN_AUX_PAIRS = 50,
    CNN_AUX_RT = CNN_AUX_PAIRS,
    CNN_AUX_PUB,
    CNN_AUX_UP,
    CNN_AUX_SP = CNN_AUX_UP + AIR_UNPACK_AUX(CNN_LANES),
    CNN_AUX_L = CNN_AUX_SP + AIR_SPONGE_AUX,
    CNN_AUX_WIDTH,
};

/* The two gadgets' places in the table, with the layout of the statement's
 * header (each tensor's length, width and address; uses 0: the fixed
 * columns take them from the schedule). */
void air_cnn_gadgets(const stark_air *a, air_sponge *g, air_unpack *u);

/* The gadgets, the witness's tensors (values[t] for tensor t) and the
 * elements the lanes pack from them (g.n_elems): prover side. ZK_ENOMEM;
 * air_cnn_pack_free wipes the elements. */
typedef struct air_cnn_packing {
    air_sponge g;
    air_unpack u;
    const int64_t *values[AIR_UNPACK_TENSORS_MAX];
    gl_t *elems;
} air_cnn_packing;
zk_err air_cnn_pack(air_cnn_packing *p, const stark_air *a);
void air_cnn_pack_free(air_cnn_packing *p);

/* A small field element as the signed integer it stands for, and back. */
static inline int64_t air_cnn_signed(gl_t v)
{
    return v > GL_P / 2 ? -(int64_t)(GL_P - v) : (int64_t)v;
}

static inline gl_t air_cnn_field(int64_t v)
{
    return v < 0 ? gl_neg((gl_t)-(uint64_t)v) : (gl_t)v;
}

zk_err air_cnn_rows_fixed(const stark_air *a, gl_t *fixed);
zk_err air_cnn_rows_trace(const stark_air *a, gl_t *trace);

#endif
