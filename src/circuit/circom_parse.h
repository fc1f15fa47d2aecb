/* Internals of the Circom parser shared by circom_parse.c (statements,
 * definitions, files) and circom_parse_expr.c (expressions): the token
 * cursor and small helpers. */
#ifndef ZK_CIRCUIT_CIRCOM_PARSE_H
#define ZK_CIRCUIT_CIRCOM_PARSE_H

#include <string.h>

#include "circuit/circom_front.h"

typedef struct parser {
    cc_ctx *c;
    cc_toks toks;
    uint32_t pos;
    uint32_t file;
    unsigned depth;
} parser;

/* A growable array of pointers in the heap, copied to the arena when done. */
typedef struct ptrvec {
    void **v;
    uint32_t n, cap;
} ptrvec;

static inline const cc_tok *peek(const parser *p)
{
    return &p->toks.t[p->pos];
}

static inline const cc_tok *next(parser *p)
{
    const cc_tok *t = &p->toks.t[p->pos];
    if (t->kind != CC_T_EOF)
        p->pos++;
    return t;
}

static inline bool is_p(const cc_tok *t, const char *s)
{
    return t->kind == CC_T_PUNCT && strcmp(t->text, s) == 0;
}

static inline bool is_kw(const cc_tok *t, const char *s)
{
    return t->kind == CC_T_KEYWORD && strcmp(t->text, s) == 0;
}

static inline void *alloc(parser *p, size_t n)
{
    return zk_arena_alloc(&p->c->arena, n);
}

/* The span from token `from` to the token before the current one, cut at
 * the end of from's line. */
static inline cc_loc span(const parser *p, uint32_t from)
{
    cc_loc l = p->toks.t[from].loc;
    uint32_t last = p->pos > from ? p->pos - 1 : from;
    const cc_tok *e = &p->toks.t[last];
    if (e->loc.line == l.line && e->loc.col + e->len > l.col)
        l.len = e->loc.col + e->len - l.col;
    return l;
}

/* Errors "expected X, found Y"; a missing ';' is reported after the
 * previous token. */
zk_err cc_p_expected(parser *p, const char *what);
zk_err cc_p_expect_p(parser *p, const char *s);
zk_err cc_p_expect_ident(parser *p, const char **name, cc_loc *loc);
zk_err cc_p_pv_push(ptrvec *v, void *x);
/* Moves the pointers into the arena; NULL when out of memory. */
void **cc_p_pv_finish(parser *p, ptrvec *v);
zk_err cc_p_parse_expr(parser *p, cc_expr **out);
/* A new expression node in the arena; NULL when out of memory. */
cc_expr *cc_p_new_expr(parser *p, cc_expr_kind kind, cc_loc loc);
/* "the end of the file", "a number", or the token's text. */
const char *cc_p_describe(const cc_tok *t);

#endif
