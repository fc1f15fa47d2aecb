/* Internals of the Circom parser shared by circom_parse.c (statements,
 * definitions, files) and circom_parse_expr.c (expressions): the token
 * cursor and small helpers. */
#ifndef ZK_CIRCUIT_CIRCOM_PARSE_H
#define ZK_CIRCUIT_CIRCOM_PARSE_H

#include <string.h>

#include "circuit/circom_front.h"

typedef struct circom_parser {
    circom_ctx *c;
    circom_toks toks;
    uint32_t pos;
    uint32_t file;
    unsigned depth;
} circom_parser;

/* A growable array of pointers in the heap, copied to the arena when done. */
typedef struct circom_ptrvec {
    void **v;
    uint32_t n, cap;
} circom_ptrvec;

static inline const circom_tok *circom_p_peek(const circom_parser *p)
{
    return &p->toks.t[p->pos];
}

static inline const circom_tok *circom_p_next(circom_parser *p)
{
    const circom_tok *t = &p->toks.t[p->pos];
    if (t->kind != CIRCOM_T_EOF)
        p->pos++;
    return t;
}

static inline bool circom_p_is(const circom_tok *t, const char *s)
{
    return t->kind == CIRCOM_T_PUNCT && strcmp(t->text, s) == 0;
}

static inline bool circom_p_is_kw(const circom_tok *t, const char *s)
{
    return t->kind == CIRCOM_T_KEYWORD && strcmp(t->text, s) == 0;
}

static inline void *circom_p_alloc(circom_parser *p, size_t n)
{
    return zk_arena_alloc(&p->c->arena, n);
}

/* The span from token `from` to the token before the current one, cut at
 * the end of from's line. */
static inline circom_loc circom_p_span(const circom_parser *p, uint32_t from)
{
    circom_loc l = p->toks.t[from].loc;
    uint32_t last = p->pos > from ? p->pos - 1 : from;
    const circom_tok *e = &p->toks.t[last];
    if (e->loc.line == l.line && e->loc.col + e->len > l.col)
        l.len = e->loc.col + e->len - l.col;
    return l;
}

/* Errors "expected X, found Y"; a missing ';' is reported after the
 * previous token. */
zk_err circom_p_expected(circom_parser *p, const char *what);
zk_err circom_p_expect_p(circom_parser *p, const char *s);
zk_err circom_p_expect_ident(circom_parser *p, const char **name, circom_loc *loc);
zk_err circom_p_pv_push(circom_ptrvec *v, void *x);
/* Moves the pointers into the arena; NULL when out of memory. */
void **circom_p_pv_finish(circom_parser *p, circom_ptrvec *v);
zk_err circom_p_parse_expr(circom_parser *p, circom_expr **out);
/* A new expression node in the arena; NULL when out of memory. */
circom_expr *circom_p_new_expr(circom_parser *p, circom_expr_kind kind, circom_loc loc);
/* "the end of the file", "a number", or the token's text. */
const char *circom_p_describe(const circom_tok *t);

#endif
