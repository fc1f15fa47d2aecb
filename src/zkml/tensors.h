/* The parameter tensors of a quantized model as the circuit sees them
 * (internal to src/zkml): layer l's weights are tensor 2l, its biases
 * 2l + 1, each read as signed integers. */
#ifndef ZK_ZKML_TENSORS_H
#define ZK_ZKML_TENSORS_H

#include "zkml/zkml.h"

/* How many values tensor k holds. */
size_t zkml_tensor_len(int k);
/* Value i of tensor k. */
int64_t zkml_tensor_at(const nn_qmodel *qm, int k, size_t i);
/* The slot width of n values read by at(): the least b with each value in
 * [−2^(b−1), 2^(b−1)). */
int zkml_width_of(const nn_qmodel *qm, int k);
/* Slots of b bits in one element: floor(252 / b). */
static inline size_t zkml_slots(int b) { return (size_t)(252 / b); }
/* The elements tensor k packs into at width b. */
static inline size_t zkml_tensor_elems(int k, int b)
{
    size_t s = zkml_slots(b);
    return (zkml_tensor_len(k) + s - 1) / s;
}
/* The logits' slot width K and the rescale shift of layer l. */
int zkml_shift(const nn_qparams *q, int l);
int zkml_logit_bits(const nn_qparams *q);

#endif
