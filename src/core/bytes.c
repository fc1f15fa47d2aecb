#include "core/bytes.h"

#include <string.h>

#include "core/alloc.h"

void zk_bytes_init(zk_bytes *w, size_t cap)
{
    memset(w, 0, sizeof *w);
    if (cap && !(w->p = zk_alloc(cap, 1)))
        w->failed = true;
    else
        w->cap = cap;
}

void zk_bytes_put(zk_bytes *w, const void *data, size_t n)
{
    if (w->failed)
        return;
    if (n > w->cap - w->len) {
        size_t cap = w->cap;
        if (n > SIZE_MAX / 2 - w->len) {
            w->failed = true;
            return;
        }
        if (zk_grow((void **)&w->p, &cap, w->len + n, 1, SIZE_MAX / 2) != ZK_OK) {
            w->failed = true;
            return;
        }
        w->cap = cap;
    }
    memcpy(w->p + w->len, data, n);
    w->len += n;
}

void zk_bytes_put_le(zk_bytes *w, uint64_t v, unsigned width)
{
    uint8_t b[8];
    for (unsigned i = 0; i < width && i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    zk_bytes_put(w, b, width < 8 ? width : 8);
}
