/* Name resolution and static checks.
 *
 * Every declaration gets its own slot in the frame of its template or
 * function (parameters first), and every use of a name is bound to the slot
 * of the declaration in scope, so the interpreter indexes frames and never
 * compares strings. Scopes are Circom's: a block, and a for statement with
 * its header. A name may not shadow another visible one, and functions may
 * not touch signals, components or constraints. */
#include <string.h>

#include "circuit/circom_front.h"
#include "core/alloc.h"

typedef struct binding {
    const char *name;
    uint32_t slot;
    circom_slot_kind kind;
    circom_loc loc;
} binding;

typedef struct resolver {
    circom_ctx *c;
    circom_def *def;
    binding *b;
    uint32_t n, cap;
    uint32_t nslots;
    const char **slot_names;
    uint32_t cap_slots;
} resolver;

static const binding *lookup(const resolver *r, const char *name)
{
    for (uint32_t i = r->n; i-- > 0;)
        if (r->b[i].name == name)
            return &r->b[i];
    return NULL;
}

static zk_err declare(resolver *r, const char *name, circom_slot_kind kind, const circom_loc *loc,
                      uint32_t *slot)
{
    const binding *old = lookup(r, name);
    if (old) {
        zk_err err = circom_error(r->c, loc, "'%s' is already declared", name);
        circom_note(r->c, &old->loc, "the earlier declaration of '%s' is here", name);
        return err;
    }
    /* Variables and definitions live in separate namespaces (circomlib's
     * sha256 has a variable H and a function H): a call always means the
     * definition, a bare name the variable. */
    if (r->n == r->cap) {
        uint32_t cap = r->cap ? r->cap * 2 : 32;
        binding *q = zk_realloc(r->b, cap, sizeof *q);
        if (!q)
            return ZK_ENOMEM;
        r->b = q;
        r->cap = cap;
    }
    if (r->nslots == r->cap_slots) {
        uint32_t cap = r->cap_slots ? r->cap_slots * 2 : 32;
        const char **q = zk_realloc(r->slot_names, cap, sizeof *q);
        if (!q)
            return ZK_ENOMEM;
        r->slot_names = q;
        r->cap_slots = cap;
    }
    r->slot_names[r->nslots] = name;
    *slot = r->nslots++;
    r->b[r->n++] = (binding){name, *slot, kind, *loc};
    return ZK_OK;
}

static zk_err resolve_expr(resolver *r, circom_expr *e);

static zk_err resolve_call(resolver *r, circom_expr *e, bool template_ok)
{
    circom_def *d = circom_find_def(r->c, e->u.call.name);
    if (!d) {
        if (lookup(r, e->u.call.name))
            return circom_error(r->c, &e->loc, "'%s' is not a function or template",
                                e->u.call.name);
        return circom_error(r->c, &e->loc, "unknown function or template '%s'", e->u.call.name);
    }
    if (d->kind == CIRCOM_DEF_TEMPLATE && !template_ok)
        return circom_error(r->c, &e->loc,
                            "template '%s' can only be instantiated by assigning it to a component",
                            d->name);
    if (d->nparams != e->u.call.nargs)
        return circom_error(r->c, &e->loc, "'%s' takes %u argument%s, not %u", d->name, d->nparams,
                            d->nparams == 1 ? "" : "s", e->u.call.nargs);
    e->u.call.def = d;
    for (uint32_t i = 0; i < e->u.call.nargs; i++) {
        zk_err err = resolve_expr(r, e->u.call.args[i]);
        if (err)
            return err;
    }
    return ZK_OK;
}

/* A chain like 1 + 1 + ... + 1 is a tree leaning left, as deep as it is
 * long: its left edge is walked with a loop (operands left to right), so
 * that only right operands, whose depth the parser bounds, recurse. */
static zk_err resolve_chain(resolver *r, circom_expr *e)
{
    circom_expr *small[16], **spine = small;
    size_t n = 0;
    for (circom_expr *p = e; p->kind == CIRCOM_E_BIN; p = p->u.ops.a)
        n++;
    if (n > ZK_ARRAY_LEN(small) && !(spine = zk_alloc(n, sizeof *spine)))
        return ZK_ENOMEM;
    circom_expr *leaf = e;
    for (size_t k = 0; k < n; k++, leaf = leaf->u.ops.a)
        spine[k] = leaf;
    zk_err err = resolve_expr(r, leaf);
    for (size_t k = n; !err && k-- > 0;)
        err = resolve_expr(r, spine[k]->u.ops.b);
    if (spine != small)
        zk_free(spine);
    return err;
}

static zk_err resolve_expr(resolver *r, circom_expr *e)
{
    zk_err err;
    switch (e->kind) {
    case CIRCOM_E_NUM:
        return ZK_OK;
    case CIRCOM_E_VAR: {
        const binding *b = lookup(r, e->u.var.name);
        if (!b) {
            if (circom_find_def(r->c, e->u.var.name))
                return circom_error(r->c, &e->loc,
                                    "'%s' is a template or function; call it with (...)",
                                    e->u.var.name);
            return circom_error(r->c, &e->loc,
                                "unknown name '%s' (not a declared variable, signal or component)",
                                e->u.var.name);
        }
        e->u.var.slot = b->slot;
        e->u.var.slot_kind = b->kind;
        for (uint32_t i = 0; i < e->u.var.nacc; i++) {
            circom_access *a = &e->u.var.acc[i];
            if (a->index && (err = resolve_expr(r, a->index)))
                return err;
            if (a->member && b->kind != CIRCOM_SLOT_COMP)
                return circom_error(r->c, &a->loc, "'%s' is not a component, so it has no '.%s'",
                                    e->u.var.name, a->member);
        }
        if (r->def->kind == CIRCOM_DEF_FUNCTION && b->kind != CIRCOM_SLOT_VAR)
            return circom_error(r->c, &e->loc, "functions cannot use signals or components");
        return ZK_OK;
    }
    case CIRCOM_E_CALL:
        return resolve_call(r, e, false);
    case CIRCOM_E_ARRAY:
        for (uint32_t i = 0; i < e->u.arr.n; i++)
            if ((err = resolve_expr(r, e->u.arr.elems[i])))
                return err;
        return ZK_OK;
    case CIRCOM_E_BIN:
        return resolve_chain(r, e);
    case CIRCOM_E_UN:
        return resolve_expr(r, e->u.ops.a);
    case CIRCOM_E_TERN:
        if ((err = resolve_expr(r, e->u.ops.a)) || (err = resolve_expr(r, e->u.ops.b)))
            return err;
        return resolve_expr(r, e->u.ops.c);
    }
    return ZK_OK;
}

static zk_err resolve_stmt(resolver *r, circom_stmt *s);

static zk_err resolve_list(resolver *r, circom_stmt *s, bool scope)
{
    uint32_t mark = r->n;
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < s->u.block.n && !err; i++) {
        err = resolve_stmt(r, s->u.block.items[i]);
        s->constrains |= s->u.block.items[i]->constrains;
    }
    if (scope)
        r->n = mark;
    return err;
}

static zk_err resolve_stmt(resolver *r, circom_stmt *s)
{
    zk_err err;
    bool fn = r->def->kind == CIRCOM_DEF_FUNCTION;
    switch (s->kind) {
    case CIRCOM_S_VAR:
    case CIRCOM_S_SIGNAL:
    case CIRCOM_S_COMP: {
        if (fn && s->kind != CIRCOM_S_VAR)
            return circom_error(r->c, &s->loc, "functions cannot declare %s",
                                s->kind == CIRCOM_S_SIGNAL ? "signals" : "components");
        for (uint32_t i = 0; i < s->u.decl.ndims; i++)
            if ((err = resolve_expr(r, s->u.decl.dims[i])))
                return err;
        circom_slot_kind k = s->kind == CIRCOM_S_VAR      ? CIRCOM_SLOT_VAR
                             : s->kind == CIRCOM_S_SIGNAL ? CIRCOM_SLOT_SIGNAL
                                                          : CIRCOM_SLOT_COMP;
        s->constrains = s->kind != CIRCOM_S_VAR;
        return declare(r, s->u.decl.name, k, &s->loc, &s->u.decl.slot);
    }
    case CIRCOM_S_ASSIGN: {
        circom_expr *lhs = s->u.assign.lhs, *rhs = s->u.assign.rhs;
        if ((err = resolve_expr(r, lhs)))
            return err;
        circom_slot_kind k = lhs->u.var.slot_kind;
        bool to_comp = k == CIRCOM_SLOT_COMP;
        for (uint32_t i = 0; i < lhs->u.var.nacc; i++)
            to_comp &= lhs->u.var.acc[i].member == NULL;
        if (rhs->kind == CIRCOM_E_CALL && to_comp) {
            if (s->u.assign.op != CIRCOM_AS_VAR)
                return circom_error(r->c, &s->loc, "a component is assigned with '=', not '%s'",
                                    s->u.assign.op == CIRCOM_AS_CSIG ? "<==" : "<--");
            if ((err = resolve_call(r, rhs, true)))
                return err;
            if (rhs->u.call.def->kind != CIRCOM_DEF_TEMPLATE)
                return circom_error(r->c, &rhs->loc,
                                    "'%s' is a function; a component needs a template",
                                    rhs->u.call.def->name);
            s->constrains = true;
            return ZK_OK;
        }
        if (to_comp)
            return circom_error(r->c, &s->loc, "a component can only be assigned a template call");
        if ((err = resolve_expr(r, rhs)))
            return err;
        if (s->u.assign.op == CIRCOM_AS_VAR && k != CIRCOM_SLOT_VAR)
            return circom_error(
                r->c, &s->loc, "signals are assigned with '<==' or '<--', not '='%s",
                s->u.assign.compound ? " (compound updates work on variables only)" : "");
        if (s->u.assign.op != CIRCOM_AS_VAR && k == CIRCOM_SLOT_VAR)
            return circom_error(r->c, &s->loc, "'%s' is a variable: assign it with '='",
                                lhs->u.var.name);
        if (fn && s->u.assign.op != CIRCOM_AS_VAR)
            return circom_error(r->c, &s->loc, "functions cannot assign signals");
        s->constrains = s->u.assign.op == CIRCOM_AS_CSIG;
        return ZK_OK;
    }
    case CIRCOM_S_CONSTRAIN:
        if (fn)
            return circom_error(r->c, &s->loc, "functions cannot make constraints");
        if ((err = resolve_expr(r, s->u.constrain.a)))
            return err;
        s->constrains = true;
        return resolve_expr(r, s->u.constrain.b);
    case CIRCOM_S_IF:
        if ((err = resolve_expr(r, s->u.if_.cond)))
            return err;
        {
            uint32_t mark = r->n;
            err = resolve_stmt(r, s->u.if_.then);
            r->n = mark;
            if (err)
                return err;
            s->constrains = s->u.if_.then->constrains;
            if (s->u.if_.els) {
                err = resolve_stmt(r, s->u.if_.els);
                r->n = mark;
                s->constrains |= s->u.if_.els->constrains;
            }
        }
        return err;
    case CIRCOM_S_WHILE:
    case CIRCOM_S_FOR: {
        uint32_t mark = r->n;
        err = ZK_OK;
        if (s->u.loop.init)
            err = resolve_stmt(r, s->u.loop.init);
        if (!err)
            err = resolve_expr(r, s->u.loop.cond);
        if (!err && s->u.loop.step)
            err = resolve_stmt(r, s->u.loop.step);
        if (!err)
            err = resolve_stmt(r, s->u.loop.body);
        r->n = mark;
        if (!err)
            s->constrains = s->u.loop.body->constrains;
        return err;
    }
    case CIRCOM_S_RETURN:
        if (!fn)
            return circom_error(r->c, &s->loc, "templates cannot return a value");
        return resolve_expr(r, s->u.ret.value);
    case CIRCOM_S_LOG:
        for (uint32_t i = 0; i < s->u.log.n; i++)
            if (s->u.log.args[i].expr && (err = resolve_expr(r, s->u.log.args[i].expr)))
                return err;
        return ZK_OK;
    case CIRCOM_S_ASSERT:
        return resolve_expr(r, s->u.assert_.cond);
    case CIRCOM_S_BLOCK:
        return resolve_list(r, s, true);
    case CIRCOM_S_SEQ:
        return resolve_list(r, s, false);
    }
    return ZK_OK;
}

static zk_err resolve_def(circom_ctx *c, circom_def *d)
{
    resolver r = {c, d, NULL, 0, 0, 0, NULL, 0};
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < d->nparams && !err; i++) {
        uint32_t slot;
        err = declare(&r, d->params[i], CIRCOM_SLOT_VAR, &d->loc, &slot);
    }
    if (!err)
        err = resolve_stmt(&r, d->body);
    d->nslots = r.nslots;
    if (!err && r.nslots) {
        d->slot_names = zk_arena_alloc(&c->arena, r.nslots * sizeof *d->slot_names);
        if (!d->slot_names)
            err = ZK_ENOMEM;
        else
            memcpy(d->slot_names, r.slot_names, r.nslots * sizeof *d->slot_names);
    }
    zk_free(r.b);
    zk_free(r.slot_names);
    return err;
}

/* True when the template body declares an input signal called name. */
static bool declares_input(const circom_stmt *s, const char *name)
{
    switch (s->kind) {
    case CIRCOM_S_SIGNAL:
        return s->u.decl.sig == CIRCOM_SIG_INPUT && s->u.decl.name == name;
    case CIRCOM_S_BLOCK:
    case CIRCOM_S_SEQ:
        for (uint32_t i = 0; i < s->u.block.n; i++)
            if (declares_input(s->u.block.items[i], name))
                return true;
        return false;
    case CIRCOM_S_IF:
        return declares_input(s->u.if_.then, name) ||
               (s->u.if_.els && declares_input(s->u.if_.els, name));
    case CIRCOM_S_WHILE:
    case CIRCOM_S_FOR:
        return declares_input(s->u.loop.body, name);
    default:
        return false;
    }
}

zk_err circom_resolve(circom_ctx *c)
{
    zk_err err;
    for (uint32_t i = 0; i < c->n_defs; i++)
        if ((err = resolve_def(c, c->defs[i])))
            return err;
    if (!c->main.present)
        return ZK_OK;
    circom_expr *call = c->main.call;
    circom_def *d = circom_find_def(c, call->u.call.name);
    if (!d)
        return circom_error(c, &call->loc, "unknown template '%s'", call->u.call.name);
    if (d->kind != CIRCOM_DEF_TEMPLATE)
        return circom_error(c, &call->loc,
                            "'%s' is a function; the main component needs a template", d->name);
    if (d->nparams != call->u.call.nargs)
        return circom_error(c, &call->loc, "'%s' takes %u argument%s, not %u", d->name, d->nparams,
                            d->nparams == 1 ? "" : "s", call->u.call.nargs);
    call->u.call.def = d;
    /* The arguments of main are constants: resolve them in an empty frame. */
    circom_def top = {CIRCOM_DEF_FUNCTION, "main", c->main.loc, NULL, 0, NULL, 0, NULL, false};
    resolver r = {c, &top, NULL, 0, 0, 0, NULL, 0};
    for (uint32_t i = 0; i < call->u.call.nargs; i++)
        if ((err = resolve_expr(&r, call->u.call.args[i])))
            break;
    zk_free(r.b);
    zk_free(r.slot_names);
    if (err)
        return err;
    for (uint32_t i = 0; i < c->main.npub; i++) {
        if (!declares_input(d->body, c->main.pub[i]))
            return circom_error(c, &c->main.pub_loc[i],
                                "'%s' is not an input signal of template '%s'", c->main.pub[i],
                                d->name);
        for (uint32_t j = 0; j < i; j++)
            if (c->main.pub[j] == c->main.pub[i])
                return circom_error(c, &c->main.pub_loc[i], "'%s' is listed as public twice",
                                    c->main.pub[i]);
    }
    return ZK_OK;
}
