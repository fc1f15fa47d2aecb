/* A growing NUL-terminated string built with printf-style appends, for the
 * text exports (a contract's source, a matrix view). A failed allocation
 * sticks: later appends do nothing and zk_strbuf_finish reports it, so a
 * builder checks once at the end instead of after every line. */
#ifndef ZK_CORE_STRBUF_H
#define ZK_CORE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

typedef struct zk_strbuf {
    char *p;
    size_t n, cap;
    bool failed;
} zk_strbuf;

/* Appends the formatted text (of any length). */
void zk_strbuf_printf(zk_strbuf *b, const char *fmt, ...);

/* The string (zk_alloc'ed, to zk_free) in *out, or ZK_ENOMEM with the
 * buffer freed when an append failed. The builder is empty afterwards. */
zk_err zk_strbuf_finish(zk_strbuf *b, char **out);

#endif
