/* Recursive-descent parser for the Circom subset (grammar after Circom's
 * parser/src/lang.lalrpop): statements, definitions, and the include logic:
 * an included file is looked up next to the including file, then in the
 * include directories, and parsed once however often it is included.
 * Expressions are in circom_parse_expr.c. */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/circom_parse.h"
#include "circuit/r1cs_io.h"
#include "core/alloc.h"

/* ---- statements -------------------------------------------------------------------- */

static zk_err parse_stmt(circom_parser *p, circom_stmt **out);

static circom_stmt *new_stmt(circom_parser *p, circom_stmt_kind kind, circom_loc loc)
{
    circom_stmt *s = circom_p_alloc(p, sizeof *s);
    if (s) {
        s->kind = kind;
        s->loc = loc;
    }
    return s;
}

static zk_err make_assign(circom_parser *p, circom_stmt **out, circom_loc loc, circom_expr *lhs,
                          circom_assign_op op, circom_expr *rhs)
{
    if (lhs->kind != CIRCOM_E_VAR)
        return circom_error(p->c, &lhs->loc,
                            "the left side of an assignment must be a variable or a signal");
    circom_stmt *s = new_stmt(p, CIRCOM_S_ASSIGN, loc);
    if (!s)
        return ZK_ENOMEM;
    s->u.assign.lhs = lhs;
    s->u.assign.op = op;
    s->u.assign.rhs = rhs;
    *out = s;
    return ZK_OK;
}

static const struct {
    const char *tok;
    circom_op op;
} compound[] = {
    {"+=", CIRCOM_ADD},   {"-=", CIRCOM_SUB},  {"*=", CIRCOM_MUL},  {"/=", CIRCOM_DIV},
    {"\\=", CIRCOM_IDIV}, {"%=", CIRCOM_MOD},  {"**=", CIRCOM_POW}, {"<<=", CIRCOM_SHL},
    {">>=", CIRCOM_SHR},  {"&=", CIRCOM_BAND}, {"|=", CIRCOM_BOR},  {"^=", CIRCOM_BXOR},
};

/* An assignment, a constraint or an update, without the ';'. */
static zk_err parse_substitution(circom_parser *p, circom_stmt **out)
{
    uint32_t start = p->pos;
    circom_expr *lhs, *rhs;
    zk_err err = circom_p_parse_expr(p, &lhs);
    if (err)
        return err;
    const circom_tok *t = circom_p_peek(p);
    if (circom_p_is(t, "=") || circom_p_is(t, "<==") || circom_p_is(t, "<--")) {
        circom_assign_op op = circom_p_is(t, "=")     ? CIRCOM_AS_VAR
                              : circom_p_is(t, "<==") ? CIRCOM_AS_CSIG
                                                      : CIRCOM_AS_SIG;
        circom_p_next(p);
        if ((err = circom_p_parse_expr(p, &rhs)))
            return err;
        return make_assign(p, out, circom_p_span(p, start), lhs, op, rhs);
    }
    if (circom_p_is(t, "==>") || circom_p_is(t, "-->")) {
        circom_assign_op op = circom_p_is(t, "==>") ? CIRCOM_AS_CSIG : CIRCOM_AS_SIG;
        circom_p_next(p);
        if ((err = circom_p_parse_expr(p, &rhs)))
            return err;
        return make_assign(p, out, circom_p_span(p, start), rhs, op, lhs);
    }
    if (circom_p_is(t, "===")) {
        circom_p_next(p);
        if ((err = circom_p_parse_expr(p, &rhs)))
            return err;
        circom_stmt *s = new_stmt(p, CIRCOM_S_CONSTRAIN, circom_p_span(p, start));
        if (!s)
            return ZK_ENOMEM;
        s->u.constrain.a = lhs;
        s->u.constrain.b = rhs;
        *out = s;
        return ZK_OK;
    }
    circom_op op = CIRCOM_ADD;
    bool upd = false;
    if (circom_p_is(t, "++") || circom_p_is(t, "--")) {
        op = circom_p_is(t, "++") ? CIRCOM_ADD : CIRCOM_SUB;
        circom_p_next(p);
        rhs = circom_p_new_expr(p, CIRCOM_E_NUM, t->loc);
        if (!rhs)
            return ZK_ENOMEM;
        fr_one(&rhs->u.num);
        upd = true;
    } else {
        for (size_t k = 0; k < ZK_ARRAY_LEN(compound); k++) {
            if (circom_p_is(t, compound[k].tok)) {
                op = compound[k].op;
                circom_p_next(p);
                if ((err = circom_p_parse_expr(p, &rhs)))
                    return err;
                upd = true;
                break;
            }
        }
    }
    if (!upd) {
        if (lhs->kind == CIRCOM_E_CALL)
            return circom_error(p->c, &lhs->loc,
                                "a call's result must be used (assign it to a variable)");
        return circom_p_expected(p, "'=', '<==', '<--', '===' or an update after this expression");
    }
    circom_expr *sum = circom_p_new_expr(p, CIRCOM_E_BIN, circom_p_span(p, start));
    if (!sum)
        return ZK_ENOMEM;
    sum->op = op;
    sum->u.ops.a = lhs;
    sum->u.ops.b = rhs;
    if ((err = make_assign(p, out, circom_p_span(p, start), lhs, CIRCOM_AS_VAR, sum)))
        return err;
    (*out)->u.assign.compound = true;
    return ZK_OK;
}

static zk_err parse_dims(circom_parser *p, circom_ptrvec *dims)
{
    zk_err err;
    while (circom_p_is(circom_p_peek(p), "[")) {
        circom_p_next(p);
        circom_expr *e;
        if ((err = circom_p_parse_expr(p, &e)) || (err = circom_p_expect_p(p, "]")) ||
            (err = circom_p_pv_push(dims, e)))
            return err;
    }
    return ZK_OK;
}

/* var / signal / component declarations, each symbol becoming a declaration
 * and an optional assignment, in a sequence. */
static zk_err parse_decl(circom_parser *p, circom_stmt **out)
{
    uint32_t start = p->pos;
    const circom_tok *kw = circom_p_next(p);
    circom_stmt_kind kind = circom_p_is_kw(kw, "var")      ? CIRCOM_S_VAR
                            : circom_p_is_kw(kw, "signal") ? CIRCOM_S_SIGNAL
                                                           : CIRCOM_S_COMP;
    circom_sig_kind sig = CIRCOM_SIG_INTER;
    zk_err err;
    if (kind == CIRCOM_S_SIGNAL) {
        if (circom_p_is_kw(circom_p_peek(p), "input"))
            sig = CIRCOM_SIG_INPUT, circom_p_next(p);
        else if (circom_p_is_kw(circom_p_peek(p), "output"))
            sig = CIRCOM_SIG_OUTPUT, circom_p_next(p);
        if (circom_p_is(circom_p_peek(p), "{")) {
            /* Tags ({binary}, {maxbit}) document intent; they add no
             * constraint, so they are read and ignored. */
            circom_p_next(p);
            while (circom_p_peek(p)->kind == CIRCOM_T_IDENT || circom_p_is(circom_p_peek(p), ","))
                circom_p_next(p);
            if ((err = circom_p_expect_p(p, "}")))
                return err;
        }
    }
    if (circom_p_is(circom_p_peek(p), "("))
        return circom_error(p->c, &circom_p_peek(p)->loc,
                            "tuple declarations are not supported; declare one name at a time");
    if (kind == CIRCOM_S_COMP && circom_p_is_kw(circom_p_peek(p), "main"))
        return circom_error(p->c, &kw->loc,
                            "'component main' inside a template body: is a '}' missing above?");
    circom_ptrvec items = {0};
    for (;;) {
        uint32_t sym_start = p->pos;
        const char *name;
        circom_loc nloc;
        circom_ptrvec dims = {0};
        if ((err = circom_p_expect_ident(p, &name, &nloc)) || (err = parse_dims(p, &dims))) {
            zk_free(dims.v);
            goto fail;
        }
        circom_stmt *d = new_stmt(p, kind, nloc);
        if (!d) {
            zk_free(dims.v);
            err = ZK_ENOMEM;
            goto fail;
        }
        d->u.decl.name = name;
        d->u.decl.sig = sig;
        d->u.decl.ndims = dims.n;
        d->u.decl.dims = (circom_expr **)circom_p_pv_finish(p, &dims);
        if ((err = circom_p_pv_push(&items, d)))
            goto fail;
        const circom_tok *t = circom_p_peek(p);
        circom_assign_op op = CIRCOM_AS_VAR;
        bool init = false;
        if (circom_p_is(t, "=") && kind != CIRCOM_S_SIGNAL)
            init = true;
        else if ((circom_p_is(t, "<==") || circom_p_is(t, "<--")) && kind == CIRCOM_S_SIGNAL)
            init = true, op = circom_p_is(t, "<==") ? CIRCOM_AS_CSIG : CIRCOM_AS_SIG;
        else if (circom_p_is(t, "=") || circom_p_is(t, "<==") || circom_p_is(t, "<--")) {
            err = circom_error(p->c, &t->loc, "'%s' cannot initialise a %s", t->text,
                               kind == CIRCOM_S_SIGNAL ? "signal (use <== or <--)"
                                                       : "variable (use =)");
            goto fail;
        }
        if (init) {
            circom_p_next(p);
            circom_expr *rhs, *lhs = circom_p_new_expr(p, CIRCOM_E_VAR, nloc);
            if (!lhs) {
                err = ZK_ENOMEM;
                goto fail;
            }
            lhs->u.var.name = name;
            circom_stmt *a = NULL;
            if ((err = circom_p_parse_expr(p, &rhs)) ||
                (err = make_assign(p, &a, circom_p_span(p, sym_start), lhs, op, rhs)) ||
                (err = circom_p_pv_push(&items, a)))
                goto fail;
        }
        if (!circom_p_is(circom_p_peek(p), ","))
            break;
        circom_p_next(p);
    }
    circom_stmt *seq = new_stmt(p, CIRCOM_S_SEQ, circom_p_span(p, start));
    if (!seq) {
        err = ZK_ENOMEM;
        goto fail;
    }
    seq->u.block.n = items.n;
    seq->u.block.items = (circom_stmt **)circom_p_pv_finish(p, &items);
    *out = seq;
    return seq->u.block.items ? ZK_OK : ZK_ENOMEM;
fail:
    zk_free(items.v);
    return err;
}

static zk_err parse_block(circom_parser *p, circom_stmt **out)
{
    uint32_t start = p->pos;
    zk_err err = circom_p_expect_p(p, "{");
    if (err)
        return err;
    circom_ptrvec items = {0};
    while (!circom_p_is(circom_p_peek(p), "}")) {
        if (circom_p_peek(p)->kind == CIRCOM_T_EOF) {
            zk_free(items.v);
            return circom_error(p->c, &p->toks.t[start].loc, "this '{' is never closed");
        }
        circom_stmt *s;
        if ((err = parse_stmt(p, &s)) || (err = circom_p_pv_push(&items, s))) {
            zk_free(items.v);
            return err;
        }
    }
    circom_p_next(p);
    circom_stmt *b = new_stmt(p, CIRCOM_S_BLOCK, p->toks.t[start].loc);
    if (!b) {
        zk_free(items.v);
        return ZK_ENOMEM;
    }
    b->u.block.n = items.n;
    b->u.block.items = (circom_stmt **)circom_p_pv_finish(p, &items);
    *out = b;
    return b->u.block.items ? ZK_OK : ZK_ENOMEM;
}

static zk_err parse_log(circom_parser *p, circom_stmt **out, circom_loc loc)
{
    zk_err err = circom_p_expect_p(p, "(");
    if (err)
        return err;
    circom_log_arg args[64];
    uint32_t n = 0;
    while (!circom_p_is(circom_p_peek(p), ")")) {
        if (n == ZK_ARRAY_LEN(args))
            return circom_error(p->c, &loc, "too many arguments to log (at most 64)");
        if (circom_p_peek(p)->kind == CIRCOM_T_STRING) {
            args[n].str = circom_p_next(p)->text;
            args[n].expr = NULL;
        } else {
            args[n].str = NULL;
            if ((err = circom_p_parse_expr(p, &args[n].expr)))
                return err;
        }
        n++;
        if (!circom_p_is(circom_p_peek(p), ","))
            break;
        circom_p_next(p);
    }
    if ((err = circom_p_expect_p(p, ")")) || (err = circom_p_expect_p(p, ";")))
        return err;
    circom_stmt *s = new_stmt(p, CIRCOM_S_LOG, loc);
    if (!s)
        return ZK_ENOMEM;
    s->u.log.n = n;
    s->u.log.args = circom_p_alloc(p, (n ? n : 1) * sizeof *args);
    if (!s->u.log.args)
        return ZK_ENOMEM;
    memcpy(s->u.log.args, args, n * sizeof *args);
    *out = s;
    return ZK_OK;
}

static zk_err parse_stmt_inner(circom_parser *p, circom_stmt **out)
{
    const circom_tok *t = circom_p_peek(p);
    uint32_t start = p->pos;
    zk_err err;
    if (circom_p_is(t, "{"))
        return parse_block(p, out);
    if (circom_p_is_kw(t, "var") || circom_p_is_kw(t, "signal") || circom_p_is_kw(t, "component")) {
        if ((err = parse_decl(p, out)))
            return err;
        return circom_p_expect_p(p, ";");
    }
    if (circom_p_is_kw(t, "if")) {
        circom_p_next(p);
        circom_stmt *s = new_stmt(p, CIRCOM_S_IF, t->loc);
        if (!s)
            return ZK_ENOMEM;
        if ((err = circom_p_expect_p(p, "(")) || (err = circom_p_parse_expr(p, &s->u.if_.cond)) ||
            (err = circom_p_expect_p(p, ")")) || (err = parse_stmt(p, &s->u.if_.then)))
            return err;
        if (circom_p_is_kw(circom_p_peek(p), "else")) {
            circom_p_next(p);
            if ((err = parse_stmt(p, &s->u.if_.els)))
                return err;
        }
        *out = s;
        return ZK_OK;
    }
    if (circom_p_is_kw(t, "while")) {
        circom_p_next(p);
        circom_stmt *s = new_stmt(p, CIRCOM_S_WHILE, t->loc);
        if (!s)
            return ZK_ENOMEM;
        if ((err = circom_p_expect_p(p, "(")) || (err = circom_p_parse_expr(p, &s->u.loop.cond)) ||
            (err = circom_p_expect_p(p, ")")) || (err = parse_stmt(p, &s->u.loop.body)))
            return err;
        *out = s;
        return ZK_OK;
    }
    if (circom_p_is_kw(t, "for")) {
        circom_p_next(p);
        circom_stmt *s = new_stmt(p, CIRCOM_S_FOR, t->loc);
        if (!s)
            return ZK_ENOMEM;
        if ((err = circom_p_expect_p(p, "(")))
            return err;
        if (circom_p_is_kw(circom_p_peek(p), "var"))
            err = parse_decl(p, &s->u.loop.init);
        else
            err = parse_substitution(p, &s->u.loop.init);
        if (err || (err = circom_p_expect_p(p, ";")) ||
            (err = circom_p_parse_expr(p, &s->u.loop.cond)) || (err = circom_p_expect_p(p, ";")) ||
            (err = parse_substitution(p, &s->u.loop.step)) || (err = circom_p_expect_p(p, ")")) ||
            (err = parse_stmt(p, &s->u.loop.body)))
            return err;
        *out = s;
        return ZK_OK;
    }
    if (circom_p_is_kw(t, "return")) {
        circom_p_next(p);
        circom_stmt *s = new_stmt(p, CIRCOM_S_RETURN, t->loc);
        if (!s)
            return ZK_ENOMEM;
        if ((err = circom_p_parse_expr(p, &s->u.ret.value)) || (err = circom_p_expect_p(p, ";")))
            return err;
        s->loc = circom_p_span(p, start);
        *out = s;
        return ZK_OK;
    }
    if (circom_p_is_kw(t, "log")) {
        circom_p_next(p);
        return parse_log(p, out, t->loc);
    }
    if (circom_p_is_kw(t, "assert")) {
        circom_p_next(p);
        circom_stmt *s = new_stmt(p, CIRCOM_S_ASSERT, t->loc);
        if (!s)
            return ZK_ENOMEM;
        if ((err = circom_p_expect_p(p, "(")) ||
            (err = circom_p_parse_expr(p, &s->u.assert_.cond)) ||
            (err = circom_p_expect_p(p, ")")) || (err = circom_p_expect_p(p, ";")))
            return err;
        s->loc = circom_p_span(p, start);
        *out = s;
        return ZK_OK;
    }
    if (t->kind == CIRCOM_T_KEYWORD && !circom_p_is_kw(t, "parallel"))
        return circom_error(p->c, &t->loc, "'%s' cannot start a statement here", t->text);
    if (circom_p_is(t, ";"))
        return circom_error(p->c, &t->loc, "empty statement (a stray ';')");
    if ((err = parse_substitution(p, out)))
        return err;
    return circom_p_expect_p(p, ";");
}

static zk_err parse_stmt(circom_parser *p, circom_stmt **out)
{
    if (++p->depth > CIRCOM_MAX_NESTING)
        return circom_error(p->c, &circom_p_peek(p)->loc, "statements nested too deeply");
    zk_err err = parse_stmt_inner(p, out);
    p->depth--;
    return err;
}

/* ---- definitions and files ------------------------------------------------------------ */

static zk_err add_def(circom_ctx *c, circom_def *d)
{
    circom_def *old = circom_find_def(c, d->name);
    if (old) {
        zk_err err = circom_error(c, &d->loc, "'%s' is defined twice", d->name);
        circom_note(c, &old->loc, "the first definition of '%s' is here", d->name);
        return err;
    }
    if (c->n_defs == c->cap_defs) {
        uint32_t cap = c->cap_defs ? c->cap_defs * 2 : 32;
        circom_def **q = zk_realloc(c->defs, cap, sizeof *q);
        if (!q)
            return ZK_ENOMEM;
        c->defs = q;
        c->cap_defs = cap;
    }
    c->defs[c->n_defs++] = d;
    return ZK_OK;
}

circom_def *circom_find_def(const circom_ctx *c, const char *name)
{
    for (uint32_t i = 0; i < c->n_defs; i++)
        if (c->defs[i]->name == name)
            return c->defs[i];
    return NULL;
}

static zk_err parse_def(circom_parser *p)
{
    const circom_tok *kw = circom_p_next(p);
    circom_def *d = circom_p_alloc(p, sizeof *d);
    if (!d)
        return ZK_ENOMEM;
    d->kind = circom_p_is_kw(kw, "template") ? CIRCOM_DEF_TEMPLATE : CIRCOM_DEF_FUNCTION;
    zk_err err;
    if (d->kind == CIRCOM_DEF_TEMPLATE) {
        if (circom_p_is_kw(circom_p_peek(p), "custom"))
            return circom_error(p->c, &circom_p_peek(p)->loc, "custom templates are not supported");
        if (circom_p_is_kw(circom_p_peek(p), "parallel"))
            d->parallel = true, circom_p_next(p);
    }
    if ((err = circom_p_expect_ident(p, &d->name, &d->loc)) || (err = circom_p_expect_p(p, "(")))
        return err;
    circom_ptrvec params = {0};
    while (!circom_p_is(circom_p_peek(p), ")")) {
        const char *name;
        if ((err = circom_p_expect_ident(p, &name, NULL)) ||
            (err = circom_p_pv_push(&params, (void *)name))) {
            zk_free(params.v);
            return err;
        }
        if (!circom_p_is(circom_p_peek(p), ","))
            break;
        circom_p_next(p);
    }
    d->nparams = params.n;
    d->params = (const char **)circom_p_pv_finish(p, &params);
    if (!d->params)
        return ZK_ENOMEM;
    if ((err = circom_p_expect_p(p, ")")) || (err = parse_block(p, &d->body)))
        return err;
    return add_def(p->c, d);
}

static zk_err parse_main(circom_parser *p)
{
    const circom_tok *kw = circom_p_next(p);   /* component */
    zk_err err;
    if (!circom_p_is_kw(circom_p_peek(p), "main"))
        return circom_error(p->c, &kw->loc,
                            "only 'component main' may be declared outside a template");
    circom_p_next(p);
    circom_main *m = &p->c->main;
    if (m->present) {
        err = circom_error(p->c, &kw->loc, "a second main component");
        circom_note(p->c, &m->loc, "the first main component is here");
        return err;
    }
    m->present = true;
    m->loc = kw->loc;
    if (circom_p_is(circom_p_peek(p), "{")) {
        circom_p_next(p);
        if (!circom_p_is_kw(circom_p_peek(p), "public"))
            return circom_p_expected(p, "'public'");
        circom_p_next(p);
        if ((err = circom_p_expect_p(p, "[")))
            return err;
        const char *names[256];
        circom_loc locs[256];
        uint32_t n = 0;
        while (!circom_p_is(circom_p_peek(p), "]")) {
            if (n == ZK_ARRAY_LEN(names))
                return circom_error(p->c, &circom_p_peek(p)->loc, "too many public inputs listed");
            if ((err = circom_p_expect_ident(p, &names[n], &locs[n])))
                return err;
            n++;
            if (!circom_p_is(circom_p_peek(p), ","))
                break;
            circom_p_next(p);
        }
        if ((err = circom_p_expect_p(p, "]")) || (err = circom_p_expect_p(p, "}")))
            return err;
        m->npub = n;
        m->pub = circom_p_alloc(p, (n ? n : 1) * sizeof *m->pub);
        m->pub_loc = circom_p_alloc(p, (n ? n : 1) * sizeof *m->pub_loc);
        if (!m->pub || !m->pub_loc)
            return ZK_ENOMEM;
        memcpy(m->pub, names, n * sizeof *names);
        memcpy(m->pub_loc, locs, n * sizeof *locs);
    }
    if ((err = circom_p_expect_p(p, "=")) || (err = circom_p_parse_expr(p, &m->call)))
        return err;
    if (m->call->kind != CIRCOM_E_CALL)
        return circom_error(p->c, &m->call->loc,
                            "the main component must be a template call, like T(1, 2)");
    return circom_p_expect_p(p, ";");
}

/* The directory part of path ("." when none), into buf. */
static void dir_of(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, n, ".");
    else if (slash == path)
        snprintf(buf, n, "/");
    else
        snprintf(buf, n, "%.*s", (int)(slash - path), path);
}

static const char *vfs_find(const circom_ctx *c, const char *path)
{
    for (size_t i = 0; i < c->n_vfs; i++)
        if (strcmp(c->vfs_path[i], path) == 0)
            return c->vfs_text[i];
    return NULL;
}

/* In a bundle the include directories of the original compilation are gone:
 * an include then names the stored source whose path ends in it. */
static const char *vfs_suffix(const circom_ctx *c, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < c->n_vfs; i++) {
        size_t m = strlen(c->vfs_path[i]);
        if (m == n ? strcmp(c->vfs_path[i], name) == 0
                   : m > n && c->vfs_path[i][m - n - 1] == '/' && strcmp(c->vfs_path[i] + m - n, name) == 0)
            return c->vfs_path[i];
    }
    return NULL;
}

/* The file's identity for "parsed once": its real path when it has one. */
static const char *file_key(const circom_ctx *c, const char *path, char *buf)
{
    return !c->vfs_only && realpath(path, buf) ? buf : path;
}

static zk_err load_file(circom_ctx *c, const char *path, uint32_t *id, bool *already)
{
    /* PATH_MAX buffers live in the heap: this frame recurs once for each
     * level of includes. */
    char *real = zk_alloc(2, PATH_MAX);
    if (!real)
        return ZK_ENOMEM;
    const char *key = file_key(c, path, real);
    for (uint32_t i = 0; i < c->n_src; i++) {
        if (strcmp(key, file_key(c, c->src[i].path, real + PATH_MAX)) == 0) {
            zk_free(real);
            *id = i;
            *already = true;
            return ZK_OK;
        }
    }
    zk_free(real);
    *already = false;
    char *text;
    size_t len;
    const char *mem = vfs_find(c, path);
    zk_err err;
    if (mem) {
        len = strlen(mem);
        text = zk_alloc(len + 1, 1);
        if (!text)
            return ZK_ENOMEM;
        memcpy(text, mem, len + 1);
    } else if (c->vfs_only) {
        return ZK_EIO;
    } else if ((err = zk_file_read(path, (size_t)64 << 20, &text, &len))) {
        return err;
    }
    if (memchr(text, 0, len)) {
        zk_free(text);
        return ZK_EFORMAT;
    }
    err = circom_add_source(c, path, (char *)text, len, id);
    if (err)
        zk_free(text);
    return err;
}

static zk_err parse_file(circom_ctx *c, uint32_t file_id, bool is_top);

/* Loads and parses the included file at path (each file once), counting
 * how deep includes nest: parsing recurs for each level. */
static zk_err include_file(circom_parser *p, const circom_tok *str, const char *path)
{
    uint32_t id;
    bool already;
    zk_err err = load_file(p->c, path, &id, &already);
    if (err == ZK_EFORMAT)
        return circom_error(p->c, &str->loc, "'%s' is not a text file", str->text);
    if (err)
        return circom_error(p->c, &str->loc, "cannot read '%s': %s", path, zk_strerror(err));
    if (already)
        return ZK_OK;
    if (p->c->include_depth >= CIRCOM_MAX_INCLUDE_DEPTH)
        return circom_error(p->c, &str->loc, "includes nested too deeply (over %d files, each "
                            "including the next)", CIRCOM_MAX_INCLUDE_DEPTH);
    p->c->include_depth++;
    err = parse_file(p->c, id, false);
    p->c->include_depth--;
    return err;
}

static zk_err do_include(circom_parser *p, const circom_tok *str)
{
    const char *name = str->text;
    char *dir = zk_alloc(3, PATH_MAX), *path = dir + PATH_MAX;
    if (!dir)
        return ZK_ENOMEM;
    dir_of(p->c->src[p->file].path, dir, PATH_MAX);
    /* Next to the including file first, then each include directory. */
    size_t n_try = 1 + p->c->n_include_dirs;
    for (size_t k = 0; k < n_try; k++) {
        if (name[0] == '/')
            snprintf(path, 2 * PATH_MAX, "%s", name);
        else
            snprintf(path, 2 * PATH_MAX, "%s/%s", k == 0 ? dir : p->c->include_dirs[k - 1], name);
        if (!vfs_find(p->c, path)) {
            if (p->c->vfs_only)
                continue;
            /* Whether it is there; opening it here would wait on a FIFO.
             * load_file reads it as core/file.h reads every input. */
            if (access(path, F_OK) != 0)
                continue;
        }
        zk_err err = include_file(p, str, path);
        zk_free(dir);
        return err;
    }
    zk_free(dir);
    const char *stored = p->c->vfs_only ? vfs_suffix(p->c, name) : NULL;
    if (stored)
        return include_file(p, str, stored);
    return circom_error(p->c, &str->loc, "include file '%s' not found (looked next to this file%s)",
                        name, p->c->n_include_dirs ? " and in the include directories" : "");
}

static zk_err parse_file(circom_ctx *c, uint32_t file_id, bool is_top)
{
    circom_parser p = {c, {0}, 0, file_id, 0};
    zk_err err = circom_lex(c, file_id, &p.toks);
    while (!err) {
        const circom_tok *t = circom_p_peek(&p);
        if (t->kind == CIRCOM_T_EOF)
            break;
        if (circom_p_is_kw(t, "pragma")) {
            circom_p_next(&p);
            /* pragma circom X.Y.Z; and pragma custom_templates; are accepted
             * and have no effect on this compiler. */
            while (!circom_p_is(circom_p_peek(&p), ";") && circom_p_peek(&p)->kind != CIRCOM_T_EOF)
                circom_p_next(&p);
            err = circom_p_expect_p(&p, ";");
        } else if (circom_p_is_kw(t, "include")) {
            circom_p_next(&p);
            const circom_tok *s = circom_p_peek(&p);
            if (s->kind != CIRCOM_T_STRING) {
                err = circom_p_expected(&p, "a file name in quotes");
                break;
            }
            circom_p_next(&p);
            if (!(err = circom_p_expect_p(&p, ";")))
                err = do_include(&p, s);
        } else if (circom_p_is_kw(t, "template") || circom_p_is_kw(t, "function")) {
            err = parse_def(&p);
        } else if (circom_p_is_kw(t, "component")) {
            if (!is_top) {
                err =
                    circom_error(c, &t->loc, "an included file may not declare the main component");
                break;
            }
            err = parse_main(&p);
        } else if (circom_p_is_kw(t, "bus")) {
            err = circom_error(c, &t->loc, "buses are not supported");
        } else {
            err = circom_error(c, &t->loc,
                               "expected 'template', 'function', 'include', 'pragma' or 'component "
                               "main', found %s%s%s",
                               t->kind == CIRCOM_T_PUNCT || t->kind == CIRCOM_T_IDENT ? "'" : "",
                               circom_p_describe(t),
                               t->kind == CIRCOM_T_PUNCT || t->kind == CIRCOM_T_IDENT ? "'" : "");
        }
    }
    zk_free(p.toks.t);
    return err;
}

zk_err circom_load_file(circom_ctx *c, const char *path, uint32_t *id)
{
    bool already;
    return load_file(c, path, id, &already);
}

zk_err circom_parse_program(circom_ctx *c, uint32_t file_id)
{
    return parse_file(c, file_id, true);
}
