/* Tensors: a float buffer with a four-dimensional shape.
 *
 * Shapes are (n, c, h, w): images × channels × rows × columns, with w
 * varying fastest. Inside a batch the CNN keeps activations channel-major,
 * (c, n, h, w), because a convolution done as one matrix product over the
 * whole batch produces them in that order (see nn/layers.h); with n = 1 the
 * two orders agree. The data is 64-byte aligned for the matrix kernels. */
#ifndef ZK_NN_TENSOR_H
#define ZK_NN_TENSOR_H

#include "core/err.h"
#include "core/types.h"

typedef struct nn_tensor {
    float *data;
    size_t n, c, h, w;
} nn_tensor;

/* A zeroed tensor of the given shape; ZK_EOVERFLOW when the size overflows. */
zk_err nn_tensor_init(nn_tensor *t, size_t n, size_t c, size_t h, size_t w);
void nn_tensor_free(nn_tensor *t);
/* n · c · h · w. */
size_t nn_tensor_len(const nn_tensor *t);
/* The element at (i, j, y, x), unchecked. */
float *nn_tensor_at(const nn_tensor *t, size_t i, size_t j, size_t y, size_t x);

#endif
