#include "nn/tensor.h"

#include <string.h>

#include "core/alloc.h"

zk_err nn_tensor_init(nn_tensor *t, size_t n, size_t c, size_t h, size_t w)
{
    memset(t, 0, sizeof *t);
    size_t len = n;
    const size_t dims[3] = {c, h, w};
    for (size_t i = 0; i < 3; i++) {
        if (dims[i] && len > SIZE_MAX / sizeof(float) / dims[i])
            return ZK_EOVERFLOW;
        len *= dims[i];
    }
    t->data = zk_alloc_aligned(len ? len : 1, sizeof(float));
    if (!t->data)
        return ZK_ENOMEM;
    memset(t->data, 0, (len ? len : 1) * sizeof(float));
    t->n = n, t->c = c, t->h = h, t->w = w;
    return ZK_OK;
}

void nn_tensor_free(nn_tensor *t)
{
    zk_free(t->data);
    memset(t, 0, sizeof *t);
}

size_t nn_tensor_len(const nn_tensor *t)
{
    return t->n * t->c * t->h * t->w;
}

float *nn_tensor_at(const nn_tensor *t, size_t i, size_t j, size_t y, size_t x)
{
    return t->data + ((i * t->c + j) * t->h + y) * t->w + x;
}
