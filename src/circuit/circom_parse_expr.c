/* Circom expressions (operator levels of Circom's lang.lalrpop, lowest
 * first: ?: || && comparisons | ^ & shifts + - * / \\ % ** prefix), and the
 * token helpers the whole parser uses. */
#include <stdio.h>

#include "circuit/circom_parse.h"
#include "core/alloc.h"

/* ---- token helpers ----------------------------------------------------------------- */





const char *circom_p_describe(const circom_tok *t)
{
    switch (t->kind) {
    case CIRCOM_T_EOF: return "the end of the file";
    case CIRCOM_T_NUM: return "a number";
    case CIRCOM_T_STRING: return "a string";
    default: return t->text;
    }
}

zk_err circom_p_expected(circom_parser *p, const char *what)
{
    const circom_tok *t = circom_p_peek(p);
    if (t->kind == CIRCOM_T_EOF || t->kind == CIRCOM_T_NUM || t->kind == CIRCOM_T_STRING)
        return circom_error(p->c, &t->loc, "expected %s, found %s", what, circom_p_describe(t));
    return circom_error(p->c, &t->loc, "expected %s, found '%s'", what, t->text);
}

zk_err circom_p_expect_p(circom_parser *p, const char *s)
{
    if (!circom_p_is(circom_p_peek(p), s)) {
        char what[16];
        snprintf(what, sizeof what, "'%s'", s);
        /* A missing ';' is best reported at the end of the previous token. */
        if (strcmp(s, ";") == 0 && p->pos > 0) {
            const circom_tok *prev = &p->toks.t[p->pos - 1];
            circom_loc at = prev->loc;
            at.col += prev->len;
            at.len = 1;
            return circom_error(p->c, &at, "missing ';' after this statement");
        }
        return circom_p_expected(p, what);
    }
    circom_p_next(p);
    return ZK_OK;
}

zk_err circom_p_expect_ident(circom_parser *p, const char **name, circom_loc *loc)
{
    const circom_tok *t = circom_p_peek(p);
    if (t->kind != CIRCOM_T_IDENT) {
        if (t->kind == CIRCOM_T_KEYWORD)
            return circom_error(p->c, &t->loc, "'%s' is a keyword and cannot be used as a name",
                                t->text);
        return circom_p_expected(p, "a name");
    }
    circom_p_next(p);
    *name = t->text;
    if (loc)
        *loc = t->loc;
    return ZK_OK;
}





zk_err circom_p_pv_push(circom_ptrvec *v, void *x)
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

void **circom_p_pv_finish(circom_parser *p, circom_ptrvec *v)
{
    void **out = circom_p_alloc(p, (v->n ? v->n : 1) * sizeof *out);
    if (out && v->n)
        memcpy(out, v->v, v->n * sizeof *out);
    zk_free(v->v);
    v->v = NULL;
    return out;
}

/* ---- expressions ------------------------------------------------------------------- */


circom_expr *circom_p_new_expr(circom_parser *p, circom_expr_kind kind, circom_loc loc)
{
    circom_expr *e = circom_p_alloc(p, sizeof *e);
    if (e) {
        e->kind = kind;
        e->loc = loc;
    }
    return e;
}

static zk_err parse_list(circom_parser *p, const char *close, circom_ptrvec *v)
{
    zk_err err;
    if (circom_p_is(circom_p_peek(p), close))
        return ZK_OK;
    for (;;) {
        circom_expr *e;
        if ((err = circom_p_parse_expr(p, &e)) || (err = circom_p_pv_push(v, e)))
            return err;
        if (!circom_p_is(circom_p_peek(p), ","))
            return ZK_OK;
        circom_p_next(p);
    }
}

/* The [index] and .member steps after a name, at most 64 of them. They
 * are collected in the heap, not in a local array, because an index holds
 * expressions and so this frame recurs in deeply nested ones. */
static zk_err parse_accesses(circom_parser *p, circom_expr *e)
{
    enum { MAX_ACCESSES = 64 };
    circom_access *acc = NULL;
    uint32_t n = 0, cap = 0;
    zk_err err = ZK_OK;
    for (;;) {
        const circom_tok *t = circom_p_peek(p);
        bool index = circom_p_is(t, "[");
        if (!index && !circom_p_is(t, "."))
            break;
        if (n == MAX_ACCESSES) {
            err = circom_error(p->c, &t->loc, "too many accesses in one name (at most 64)");
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 4;
            circom_access *q = zk_realloc(acc, cap, sizeof *q);
            if (!q) {
                err = ZK_ENOMEM;
                break;
            }
            acc = q;
        }
        uint32_t start = p->pos;
        circom_p_next(p);
        if (index) {
            circom_expr *ix;
            if ((err = circom_p_parse_expr(p, &ix)) || (err = circom_p_expect_p(p, "]")))
                break;
            acc[n++] = (circom_access){NULL, ix, circom_p_span(p, start)};
        } else {
            const char *name;
            circom_loc loc;
            if ((err = circom_p_expect_ident(p, &name, &loc)))
                break;
            acc[n++] = (circom_access){name, NULL, loc};
        }
    }
    if (!err && n) {
        e->u.var.acc = circom_p_alloc(p, n * sizeof *acc);
        if (!e->u.var.acc)
            err = ZK_ENOMEM;
        else
            memcpy(e->u.var.acc, acc, n * sizeof *acc);
    }
    zk_free(acc);
    e->u.var.nacc = err ? 0 : n;
    return err;
}

static zk_err parse_primary(circom_parser *p, circom_expr **out)
{
    const circom_tok *t = circom_p_peek(p);
    uint32_t start = p->pos;
    zk_err err;
    if (circom_p_is_kw(t, "parallel")) {
        circom_p_next(p);
        return parse_primary(p, out);
    }
    if (t->kind == CIRCOM_T_NUM) {
        circom_p_next(p);
        circom_expr *e = circom_p_new_expr(p, CIRCOM_E_NUM, t->loc);
        if (!e)
            return ZK_ENOMEM;
        e->u.num = t->num;
        *out = e;
        return ZK_OK;
    }
    if (t->kind == CIRCOM_T_IDENT) {
        circom_p_next(p);
        if (circom_p_is(circom_p_peek(p), "(")) {
            circom_p_next(p);
            circom_ptrvec args = {0};
            if ((err = parse_list(p, ")", &args)) || (err = circom_p_expect_p(p, ")"))) {
                zk_free(args.v);
                return err;
            }
            if (circom_p_is(circom_p_peek(p), "(")) {
                zk_free(args.v);
                return circom_error(
                    p->c, &t->loc,
                    "anonymous components (%s(...)(...)) are not supported; declare a component",
                    t->text);
            }
            circom_expr *e = circom_p_new_expr(p, CIRCOM_E_CALL, circom_p_span(p, start));
            if (!e)
                return ZK_ENOMEM;
            e->u.call.name = t->text;
            e->u.call.nargs = args.n;
            e->u.call.args = (circom_expr **)circom_p_pv_finish(p, &args);
            *out = e;
            return e->u.call.args ? ZK_OK : ZK_ENOMEM;
        }
        circom_expr *e = circom_p_new_expr(p, CIRCOM_E_VAR, t->loc);
        if (!e)
            return ZK_ENOMEM;
        e->u.var.name = t->text;
        if ((err = parse_accesses(p, e)))
            return err;
        e->loc = circom_p_span(p, start);
        *out = e;
        return ZK_OK;
    }
    if (circom_p_is(t, "[")) {
        circom_p_next(p);
        circom_ptrvec v = {0};
        if ((err = parse_list(p, "]", &v)) || (err = circom_p_expect_p(p, "]"))) {
            zk_free(v.v);
            return err;
        }
        if (v.n == 0)
            return circom_error(p->c, &t->loc, "an array literal needs at least one element");
        circom_expr *e = circom_p_new_expr(p, CIRCOM_E_ARRAY, circom_p_span(p, start));
        if (!e)
            return ZK_ENOMEM;
        e->u.arr.n = v.n;
        e->u.arr.elems = (circom_expr **)circom_p_pv_finish(p, &v);
        *out = e;
        return e->u.arr.elems ? ZK_OK : ZK_ENOMEM;
    }
    if (circom_p_is(t, "(")) {
        circom_p_next(p);
        if ((err = circom_p_parse_expr(p, out)))
            return err;
        if (circom_p_is(circom_p_peek(p), ","))
            return circom_error(p->c, &circom_p_peek(p)->loc, "tuples are not supported");
        return circom_p_expect_p(p, ")");
    }
    return circom_p_expected(p, "an expression");
}

static zk_err parse_unary(circom_parser *p, circom_expr **out)
{
    const circom_tok *t = circom_p_peek(p);
    circom_op op;
    if (circom_p_is(t, "-"))
        op = CIRCOM_NEG;
    else if (circom_p_is(t, "!"))
        op = CIRCOM_NOT;
    else if (circom_p_is(t, "~"))
        op = CIRCOM_BNOT;
    else if (circom_p_is(t, "++") || circom_p_is(t, "--"))
        return circom_error(p->c, &t->loc, "circom has no prefix %s; write x%s; as a statement",
                            t->text, t->text);
    else
        return parse_primary(p, out);
    uint32_t start = p->pos;
    circom_p_next(p);
    if (++p->depth > CIRCOM_MAX_NESTING)
        return circom_error(p->c, &t->loc, "expression nested too deeply");
    circom_expr *a;
    zk_err err = parse_unary(p, &a);
    p->depth--;
    if (err)
        return err;
    circom_expr *e = circom_p_new_expr(p, CIRCOM_E_UN, circom_p_span(p, start));
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
    circom_op op[6];
} levels[] = {
    {{"||"}, {CIRCOM_OR}},
    {{"&&"}, {CIRCOM_AND}},
    {{"==", "!=", "<", ">", "<=", ">="},
     {CIRCOM_EQ, CIRCOM_NE, CIRCOM_LT, CIRCOM_GT, CIRCOM_LE, CIRCOM_GE}},
    {{"|"}, {CIRCOM_BOR}},
    {{"^"}, {CIRCOM_BXOR}},
    {{"&"}, {CIRCOM_BAND}},
    {{"<<", ">>"}, {CIRCOM_SHL, CIRCOM_SHR}},
    {{"+", "-"}, {CIRCOM_ADD, CIRCOM_SUB}},
    {{"*", "/", "\\", "%"}, {CIRCOM_MUL, CIRCOM_DIV, CIRCOM_IDIV, CIRCOM_MOD}},
    {{"**"}, {CIRCOM_POW}},
};

static zk_err parse_bin(circom_parser *p, unsigned level, circom_expr **out)
{
    if (level == ZK_ARRAY_LEN(levels))
        return parse_unary(p, out);
    uint32_t start = p->pos;
    circom_expr *lhs;
    zk_err err = parse_bin(p, level + 1, &lhs);
    if (err)
        return err;
    for (;;) {
        const circom_tok *t = circom_p_peek(p);
        int found = -1;
        for (int k = 0; k < 6 && levels[level].tok[k]; k++)
            if (circom_p_is(t, levels[level].tok[k]))
                found = k;
        if (found < 0)
            break;
        circom_p_next(p);
        circom_expr *rhs;
        if ((err = parse_bin(p, level + 1, &rhs)))
            return err;
        circom_expr *e = circom_p_new_expr(p, CIRCOM_E_BIN, circom_p_span(p, start));
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

zk_err circom_p_parse_expr(circom_parser *p, circom_expr **out)
{
    uint32_t start = p->pos;
    if (++p->depth > CIRCOM_MAX_NESTING)
        return circom_error(p->c, &circom_p_peek(p)->loc, "expression nested too deeply");
    circom_expr *cond;
    zk_err err = parse_bin(p, 0, &cond);
    if (!err && circom_p_is(circom_p_peek(p), "?")) {
        circom_p_next(p);
        circom_expr *a, *b;
        if ((err = circom_p_parse_expr(p, &a)) || (err = circom_p_expect_p(p, ":")) ||
            (err = circom_p_parse_expr(p, &b))) {
            p->depth--;
            return err;
        }
        circom_expr *e = circom_p_new_expr(p, CIRCOM_E_TERN, circom_p_span(p, start));
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
