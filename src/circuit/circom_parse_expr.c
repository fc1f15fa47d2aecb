/* Circom expressions (operator levels of Circom's lang.lalrpop, lowest
 * first: ?: || && comparisons | ^ & shifts + - * / \\ % ** prefix), and the
 * token helpers the whole parser uses. */
#include <stdio.h>

#include "circuit/circom_parse.h"
#include "core/alloc.h"

/* ---- token helpers ----------------------------------------------------------------- */





const char *cc_p_describe(const cc_tok *t)
{
    switch (t->kind) {
    case CC_T_EOF: return "the end of the file";
    case CC_T_NUM: return "a number";
    case CC_T_STRING: return "a string";
    default: return t->text;
    }
}

zk_err cc_p_expected(parser *p, const char *what)
{
    const cc_tok *t = peek(p);
    if (t->kind == CC_T_EOF || t->kind == CC_T_NUM || t->kind == CC_T_STRING)
        return cc_error(p->c, &t->loc, "expected %s, found %s", what, cc_p_describe(t));
    return cc_error(p->c, &t->loc, "expected %s, found '%s'", what, t->text);
}

zk_err cc_p_expect_p(parser *p, const char *s)
{
    if (!is_p(peek(p), s)) {
        char what[16];
        snprintf(what, sizeof what, "'%s'", s);
        /* A missing ';' is best reported at the end of the previous token. */
        if (strcmp(s, ";") == 0 && p->pos > 0) {
            const cc_tok *prev = &p->toks.t[p->pos - 1];
            cc_loc at = prev->loc;
            at.col += prev->len;
            at.len = 1;
            return cc_error(p->c, &at, "missing ';' after this statement");
        }
        return cc_p_expected(p, what);
    }
    next(p);
    return ZK_OK;
}

zk_err cc_p_expect_ident(parser *p, const char **name, cc_loc *loc)
{
    const cc_tok *t = peek(p);
    if (t->kind != CC_T_IDENT) {
        if (t->kind == CC_T_KEYWORD)
            return cc_error(p->c, &t->loc, "'%s' is a keyword and cannot be used as a name", t->text);
        return cc_p_expected(p, "a name");
    }
    next(p);
    *name = t->text;
    if (loc)
        *loc = t->loc;
    return ZK_OK;
}





zk_err cc_p_pv_push(ptrvec *v, void *x)
{
    if (v->n == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 8;
        void **q = zk_realloc(v->v, cap, sizeof *q);
        if (!q)
            return ZK_ENOMEM;
        v->v = q;
        v->cap = cap;
    }
    v->v[v->n++] = x;
    return ZK_OK;
}

void **cc_p_pv_finish(parser *p, ptrvec *v)
{
    void **out = alloc(p, (v->n ? v->n : 1) * sizeof *out);
    if (out && v->n)
        memcpy(out, v->v, v->n * sizeof *out);
    zk_free(v->v);
    v->v = NULL;
    return out;
}

/* ---- expressions ------------------------------------------------------------------- */


cc_expr *cc_p_new_expr(parser *p, cc_expr_kind kind, cc_loc loc)
{
    cc_expr *e = alloc(p, sizeof *e);
    if (e) {
        e->kind = kind;
        e->loc = loc;
    }
    return e;
}

static zk_err parse_list(parser *p, const char *close, ptrvec *v)
{
    zk_err err;
    if (is_p(peek(p), close))
        return ZK_OK;
    for (;;) {
        cc_expr *e;
        if ((err = cc_p_parse_expr(p, &e)) || (err = cc_p_pv_push(v, e)))
            return err;
        if (!is_p(peek(p), ","))
            return ZK_OK;
        next(p);
    }
}

/* The [index] and .member steps after a name, at most 64 of them. They
 * are collected in the heap, not in a local array, because an index holds
 * expressions and so this frame recurs in deeply nested ones. */
static zk_err parse_accesses(parser *p, cc_expr *e)
{
    enum { MAX_ACCESSES = 64 };
    cc_access *acc = NULL;
    uint32_t n = 0, cap = 0;
    zk_err err = ZK_OK;
    for (;;) {
        const cc_tok *t = peek(p);
        bool index = is_p(t, "[");
        if (!index && !is_p(t, "."))
            break;
        if (n == MAX_ACCESSES) {
            err = cc_error(p->c, &t->loc, "too many accesses in one name (at most 64)");
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 4;
            cc_access *q = zk_realloc(acc, cap, sizeof *q);
            if (!q) {
                err = ZK_ENOMEM;
                break;
            }
            acc = q;
        }
        uint32_t start = p->pos;
        next(p);
        if (index) {
            cc_expr *ix;
            if ((err = cc_p_parse_expr(p, &ix)) || (err = cc_p_expect_p(p, "]")))
                break;
            acc[n++] = (cc_access){NULL, ix, span(p, start)};
        } else {
            const char *name;
            cc_loc loc;
            if ((err = cc_p_expect_ident(p, &name, &loc)))
                break;
            acc[n++] = (cc_access){name, NULL, loc};
        }
    }
    if (!err && n) {
        e->u.var.acc = alloc(p, n * sizeof *acc);
        if (!e->u.var.acc)
            err = ZK_ENOMEM;
        else
            memcpy(e->u.var.acc, acc, n * sizeof *acc);
    }
    zk_free(acc);
    e->u.var.nacc = err ? 0 : n;
    return err;
}

static zk_err parse_primary(parser *p, cc_expr **out)
{
    const cc_tok *t = peek(p);
    uint32_t start = p->pos;
    zk_err err;
    if (is_kw(t, "parallel")) {
        next(p);
        return parse_primary(p, out);
    }
    if (t->kind == CC_T_NUM) {
        next(p);
        cc_expr *e = cc_p_new_expr(p, CC_E_NUM, t->loc);
        if (!e)
            return ZK_ENOMEM;
        e->u.num = t->num;
        *out = e;
        return ZK_OK;
    }
    if (t->kind == CC_T_IDENT) {
        next(p);
        if (is_p(peek(p), "(")) {
            next(p);
            ptrvec args = {0};
            if ((err = parse_list(p, ")", &args)) || (err = cc_p_expect_p(p, ")"))) {
                zk_free(args.v);
                return err;
            }
            if (is_p(peek(p), "(")) {
                zk_free(args.v);
                return cc_error(p->c, &t->loc,
                                "anonymous components (%s(...)(...)) are not supported; declare a component", t->text);
            }
            cc_expr *e = cc_p_new_expr(p, CC_E_CALL, span(p, start));
            if (!e)
                return ZK_ENOMEM;
            e->u.call.name = t->text;
            e->u.call.nargs = args.n;
            e->u.call.args = (cc_expr **)cc_p_pv_finish(p, &args);
            *out = e;
            return e->u.call.args ? ZK_OK : ZK_ENOMEM;
        }
        cc_expr *e = cc_p_new_expr(p, CC_E_VAR, t->loc);
        if (!e)
            return ZK_ENOMEM;
        e->u.var.name = t->text;
        if ((err = parse_accesses(p, e)))
            return err;
        e->loc = span(p, start);
        *out = e;
        return ZK_OK;
    }
    if (is_p(t, "[")) {
        next(p);
        ptrvec v = {0};
        if ((err = parse_list(p, "]", &v)) || (err = cc_p_expect_p(p, "]"))) {
            zk_free(v.v);
            return err;
        }
        if (v.n == 0)
            return cc_error(p->c, &t->loc, "an array literal needs at least one element");
        cc_expr *e = cc_p_new_expr(p, CC_E_ARRAY, span(p, start));
        if (!e)
            return ZK_ENOMEM;
        e->u.arr.n = v.n;
        e->u.arr.elems = (cc_expr **)cc_p_pv_finish(p, &v);
        *out = e;
        return e->u.arr.elems ? ZK_OK : ZK_ENOMEM;
    }
    if (is_p(t, "(")) {
        next(p);
        if ((err = cc_p_parse_expr(p, out)))
            return err;
        if (is_p(peek(p), ","))
            return cc_error(p->c, &peek(p)->loc, "tuples are not supported");
        return cc_p_expect_p(p, ")");
    }
    return cc_p_expected(p, "an expression");
}

static zk_err parse_unary(parser *p, cc_expr **out)
{
    const cc_tok *t = peek(p);
    cc_op op;
    if (is_p(t, "-"))
        op = CC_NEG;
    else if (is_p(t, "!"))
        op = CC_NOT;
    else if (is_p(t, "~"))
        op = CC_BNOT;
    else if (is_p(t, "++") || is_p(t, "--"))
        return cc_error(p->c, &t->loc, "circom has no prefix %s; write x%s; as a statement",
                        t->text, t->text);
    else
        return parse_primary(p, out);
    uint32_t start = p->pos;
    next(p);
    if (++p->depth > CC_MAX_NESTING)
        return cc_error(p->c, &t->loc, "expression nested too deeply");
    cc_expr *a;
    zk_err err = parse_unary(p, &a);
    p->depth--;
    if (err)
        return err;
    cc_expr *e = cc_p_new_expr(p, CC_E_UN, span(p, start));
    if (!e)
        return ZK_ENOMEM;
    e->op = op;
    e->u.ops.a = a;
    *out = e;
    return ZK_OK;
}

/* Binary levels, lowest first. */
static const struct {
    const char *tok[6];
    cc_op op[6];
} levels[] = {
    {{"||"}, {CC_OR}},
    {{"&&"}, {CC_AND}},
    {{"==", "!=", "<", ">", "<=", ">="}, {CC_EQ, CC_NE, CC_LT, CC_GT, CC_LE, CC_GE}},
    {{"|"}, {CC_BOR}},
    {{"^"}, {CC_BXOR}},
    {{"&"}, {CC_BAND}},
    {{"<<", ">>"}, {CC_SHL, CC_SHR}},
    {{"+", "-"}, {CC_ADD, CC_SUB}},
    {{"*", "/", "\\", "%"}, {CC_MUL, CC_DIV, CC_IDIV, CC_MOD}},
    {{"**"}, {CC_POW}},
};

static zk_err parse_bin(parser *p, unsigned level, cc_expr **out)
{
    if (level == ZK_ARRAY_LEN(levels))
        return parse_unary(p, out);
    uint32_t start = p->pos;
    cc_expr *lhs;
    zk_err err = parse_bin(p, level + 1, &lhs);
    if (err)
        return err;
    for (;;) {
        const cc_tok *t = peek(p);
        int found = -1;
        for (int k = 0; k < 6 && levels[level].tok[k]; k++)
            if (is_p(t, levels[level].tok[k]))
                found = k;
        if (found < 0)
            break;
        next(p);
        cc_expr *rhs;
        if ((err = parse_bin(p, level + 1, &rhs)))
            return err;
        cc_expr *e = cc_p_new_expr(p, CC_E_BIN, span(p, start));
        if (!e)
            return ZK_ENOMEM;
        e->op = levels[level].op[found];
        e->u.ops.a = lhs;
        e->u.ops.b = rhs;
        lhs = e;
    }
    *out = lhs;
    return ZK_OK;
}

zk_err cc_p_parse_expr(parser *p, cc_expr **out)
{
    uint32_t start = p->pos;
    if (++p->depth > CC_MAX_NESTING)
        return cc_error(p->c, &peek(p)->loc, "expression nested too deeply");
    cc_expr *cond;
    zk_err err = parse_bin(p, 0, &cond);
    if (!err && is_p(peek(p), "?")) {
        next(p);
        cc_expr *a, *b;
        if ((err = cc_p_parse_expr(p, &a)) || (err = cc_p_expect_p(p, ":")) || (err = cc_p_parse_expr(p, &b))) {
            p->depth--;
            return err;
        }
        cc_expr *e = cc_p_new_expr(p, CC_E_TERN, span(p, start));
        if (!e) {
            p->depth--;
            return ZK_ENOMEM;
        }
        e->u.ops.a = cond;
        e->u.ops.b = a;
        e->u.ops.c = b;
        cond = e;
    }
    p->depth--;
    *out = cond;
    return err;
}
