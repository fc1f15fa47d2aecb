/* The front end's shared state: arena, interned names, sources, diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit/circom_front.h"
#include "core/alloc.h"

void circom_ctx_init(circom_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->max_errors = 1;
}

void circom_ctx_free(circom_ctx *c)
{
    for (uint32_t i = 0; i < c->n_src; i++) {
        zk_free(c->src[i].path);
        zk_free(c->src[i].text);
    }
    zk_free(c->src);
    for (uint32_t i = 0; i < c->n_diags; i++)
        zk_free(c->diags[i].msg);
    zk_free(c->diags);
    zk_free(c->names);
    zk_free(c->defs);
    zk_arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211u;
    return h;
}

const char *circom_intern(circom_ctx *c, const char *name, size_t n)
{
    if (c->names_n * 2 >= c->names_cap) {
        size_t cap = c->names_cap ? c->names_cap * 2 : 1024;
        const char **t = zk_calloc(cap, sizeof *t);
        if (!t)
            return NULL;
        for (size_t i = 0; i < c->names_cap; i++) {
            const char *s = c->names[i];
            if (!s)
                continue;
            size_t h = hash_bytes(s, strlen(s)) & (cap - 1);
            while (t[h])
                h = (h + 1) & (cap - 1);
            t[h] = s;
        }
        zk_free(c->names);
        c->names = t;
        c->names_cap = cap;
    }
    size_t h = hash_bytes(name, n) & (c->names_cap - 1);
    while (c->names[h]) {
        const char *s = c->names[h];
        if (strncmp(s, name, n) == 0 && s[n] == 0)
            return s;
        h = (h + 1) & (c->names_cap - 1);
    }
    char *d = zk_arena_strndup(&c->arena, name, n);
    if (!d)
        return NULL;
    c->names[h] = d;
    c->names_n++;
    return d;
}

zk_err circom_add_source(circom_ctx *c, const char *path, char *text, size_t len, uint32_t *id)
{
    if (c->n_src == c->cap_src) {
        uint32_t cap = c->cap_src ? c->cap_src * 2 : 8;
        circom_loaded *s = zk_realloc(c->src, cap, sizeof *s);
        if (!s)
            return ZK_ENOMEM;
        c->src = s;
        c->cap_src = cap;
    }
    char *p = zk_strdup(path);
    if (!p)
        return ZK_ENOMEM;
    c->src[c->n_src] = (circom_loaded){p, text, len};
    *id = c->n_src++;
    return ZK_OK;
}

void circom_vdiag(circom_ctx *c, circom_severity sev, const circom_loc *loc, const char *fmt,
                  va_list ap)
{
    if (c->n_diags == c->cap_diags) {
        uint32_t cap = c->cap_diags ? c->cap_diags * 2 : 8;
        circom_diag *d = zk_realloc(c->diags, cap, sizeof *d);
        if (!d)
            return;
        c->diags = d;
        c->cap_diags = cap;
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    circom_diag *d = &c->diags[c->n_diags];
    d->sev = sev;
    d->has_loc = loc != NULL;
    if (loc)
        d->loc = *loc;
    else
        memset(&d->loc, 0, sizeof d->loc);
    d->msg = zk_strdup(buf);
    if (!d->msg)
        return;
    c->n_diags++;
    if (sev == CIRCOM_ERROR)
        c->n_errors++;
}

zk_err circom_error(circom_ctx *c, const circom_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    circom_vdiag(c, CIRCOM_ERROR, loc, fmt, ap);
    va_end(ap);
    return ZK_EPARSE;
}

void circom_warning(circom_ctx *c, const circom_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    circom_vdiag(c, CIRCOM_WARNING, loc, fmt, ap);
    va_end(ap);
}

void circom_note(circom_ctx *c, const circom_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    circom_vdiag(c, CIRCOM_NOTE, loc, fmt, ap);
    va_end(ap);
}

/* ---- rendering ------------------------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *q = zk_realloc(b->p, cap, 1);
        if (!q)
            return;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static const char *sev_name(circom_severity s)
{
    return s == CIRCOM_ERROR ? "error" : s == CIRCOM_WARNING ? "warning" : "note";
}

static void render_head(sbuf *b, const circom_ctx *c, const circom_diag *d)
{
    char head[512];
    if (d->has_loc && d->loc.file < c->n_src)
        snprintf(head, sizeof head, "%s:%u:%u: %s: ", c->src[d->loc.file].path, d->loc.line,
                 d->loc.col, sev_name(d->sev));
    else
        snprintf(head, sizeof head, "%s: ", sev_name(d->sev));
    sb_str(b, head);
    sb_str(b, d->msg);
}

/* The source line of loc, and a caret (with tildes over the rest of the
 * construct) under it. Tabs are kept so the caret lines up in a terminal. */
static void render_excerpt(sbuf *b, const circom_ctx *c, const circom_loc *loc)
{
    const circom_loaded *s = &c->src[loc->file];
    const char *p = s->text;
    for (uint32_t line = 1; line < loc->line && *p; p++)
        if (*p == '\n')
            line++;
    const char *e = p;
    while (*e && *e != '\n')
        e++;
    /* A long line is shown as a window around the place. */
    uint32_t col = loc->col;
    const char *from = p;
    bool cut_left = false, cut_right = false;
    if (col > 60 && e - p > 120) {
        from = p + col - 40;
        col = 41;
        cut_left = true;
    }
    if (e - from > 120) {
        e = from + 120;
        cut_right = true;
    }
    if (from > e)
        return;
    sb_str(b, cut_left ? "    ..." : "    ");
    sb_put(b, from, (size_t)(e - from));
    sb_str(b, cut_right ? "...\n    " : "\n    ");
    if (cut_left)
        sb_str(b, "   ");
    for (uint32_t i = 1; i < col && from + i - 1 < e; i++)
        sb_put(b, from[i - 1] == '\t' ? "\t" : " ", 1);
    sb_str(b, "^");
    for (uint32_t i = 1; i < loc->len && from + col - 1 + i < e; i++)
        sb_str(b, "~");
    sb_str(b, "\n");
}

char *circom_render_diags(const circom_ctx *c)
{
    sbuf b = {0};
    sb_str(&b, "");
    for (uint32_t i = 0; i < c->n_diags; i++) {
        const circom_diag *d = &c->diags[i];
        render_head(&b, c, d);
        sb_str(&b, "\n");
        if (d->has_loc && d->loc.file < c->n_src && d->loc.line > 0)
            render_excerpt(&b, c, &d->loc);
    }
    return b.p;
}

char *circom_render_one_line(const circom_ctx *c, const circom_diag *d)
{
    sbuf b = {0};
    render_head(&b, c, d);
    return b.p;
}
