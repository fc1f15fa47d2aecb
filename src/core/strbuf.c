/* Growing strings (core/strbuf.h). */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

void zk_strbuf_printf(zk_strbuf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) {
        b->failed = true;
        return;
    }
    /* Room for the text and its NUL, doubling so that n appends cost
     * O(total length) copies. */
    if (b->n + (size_t)need + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + (size_t)need + 1)
            cap *= 2;
        char *q = zk_realloc(b->p, cap, 1);
        if (!q) {
            b->failed = true;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

zk_err zk_strbuf_finish(zk_strbuf *b, char **out)
{
    zk_err err = ZK_OK;
    *out = NULL;
    if (b->failed || !b->p) {
        /* An empty builder still gives an empty string. */
        if (!b->failed && (b->p = zk_alloc(1, 1)) != NULL)
            b->p[0] = 0;
        else
            err = ZK_ENOMEM;
    }
    if (err)
        zk_free(b->p);
    else
        *out = b->p;
    memset(b, 0, sizeof *b);
    return err;
}
