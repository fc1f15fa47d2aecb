/* Statements of the Circom interpreter: declarations, assignments and
 * constraints, control flow, function calls and component runs. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"
#include "core/text.h"

zk_err cx_error(cx_ctx *x, const cx_frame *f, const cc_loc *loc, const char *fmt, ...)
{
    char msg[768], where[400] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    (void)f;
    cx_inst *in = NULL;
    for (uint32_t i = x->ninsts; i-- > 0;)
        if (x->insts[i]->state == CX_RUNNING) {
            in = x->insts[i];
            break;
        }
    if (in && in->parent) {
        char path[200], title[100];
        cx_inst_path(in, path, sizeof path);
        cx_inst_title(in, title, sizeof title);
        snprintf(where, sizeof where, " (in %s, %s)", path, title);
    }
    return cc_error(x->cc, loc, "%s%s", msg, where);
}

/* ---- frames ------------------------------------------------------------------------------- */

void cx_free_slots(cx_ctx *x, cx_slot *slots, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (slots[i].vals) {
            x->var_elems -= slots[i].n;
            for (uint32_t k = 0; k < slots[i].n; k++)
                cv_release(&slots[i].vals[k]);
            zk_free(slots[i].vals);
        }
        zk_free(slots[i].comps);
    }
    zk_free(slots);
}

zk_err cx_slot_var(cx_ctx *x, const cc_loc *loc, cx_slot *slot, const uint32_t *dims,
                   uint32_t ndims, uint32_t n)
{
    if (slot->vals && slot->n != n) {
        for (uint32_t k = 0; k < slot->n; k++)
            cv_release(&slot->vals[k]);
        zk_free(slot->vals);
        slot->vals = NULL;
        x->var_elems -= slot->n;
    }
    if (!slot->vals) {
        if (x->var_elems + n > x->max_constraints)
            return cx_over_budget(x, loc, CX_B_VARS);
        slot->vals = zk_calloc(n ? n : 1, sizeof *slot->vals);
        if (!slot->vals)
            return ZK_ENOMEM;
        x->var_elems += n;
    }
    fr_t zero;
    fr_zero(&zero);
    for (uint32_t k = 0; k < n; k++) {
        cv_release(&slot->vals[k]);
        cv_const(&slot->vals[k], &zero);
    }
    slot->kind = CC_SLOT_VAR;
    slot->ndims = ndims;
    memcpy(slot->dims, dims, ndims * sizeof *dims);
    slot->n = n;
    return ZK_OK;
}

static zk_err eval_dims(cx_ctx *x, cx_frame *f, const cc_stmt *s, uint32_t *dims, uint32_t *n)
{
    if (s->u.decl.ndims > CX_MAXD)
        return cx_error(x, f, &s->loc, "too many dimensions (at most %d)", CX_MAXD);
    uint64_t total = 1;
    for (uint32_t i = 0; i < s->u.decl.ndims; i++) {
        zk_err err = cx_eval_size(x, f, s->u.decl.dims[i], s->u.decl.name, &dims[i]);
        if (err)
            return err;
        total *= dims[i];
        if (total > CX_INDEX_CAP)
            return cx_error(x, f, &s->loc, "'%s' is too large (%llu elements; at most 2^31)",
                            s->u.decl.name, (unsigned long long)total);
    }
    *n = (uint32_t)total;
    return ZK_OK;
}

/* Stores r into a var place (scalar into one element, array into a range of
 * the same size; a whole var declared without dimensions takes r's shape). */
static zk_err store_var(cx_ctx *x, cx_frame *f, const cc_loc *loc, cx_place *pl, const cx_res *r)
{
    zk_err err;
    if (!r->arr) {
        if (pl->n != 1)
            return cx_error(x, f, loc, "a single value is assigned to an array");
        return cv_store(&pl->slot->vals[pl->off], &r->v);
    }
    if (pl->n == 1 && pl->ndims == 0 && pl->slot->ndims == 0) {
        if ((err = cx_slot_var(x, loc, pl->slot, r->dims, r->ndims, r->n)))
            return err;
        pl->n = r->n;
    }
    if (pl->n != r->n)
        return cx_error(x, f, loc, "array sizes differ (%u elements assigned to %u)", r->n, pl->n);
    for (uint32_t i = 0; i < r->n; i++)
        if ((err = cv_store(&pl->slot->vals[pl->off + i], &r->elems[i])))
            return err;
    return ZK_OK;
}

/* A store through an index that depends on signals: after it, which
 * element changed is unknown at compile time, so the whole variable turns
 * opaque, keeping its concrete values in witness mode (where the index is
 * known and the store happens). */
static zk_err store_var_dynamic(cx_ctx *x, cx_frame *f, const cc_loc *loc, cx_place *pl,
                                const cx_res *r)
{
    zk_err err;
    if (!pl->unknown && (err = store_var(x, f, loc, pl, r)))
        return err;
    cx_slot *slot = pl->slot;
    for (uint32_t i = 0; i < slot->n; i++) {
        cv_make_opaque(&slot->vals[i]);
        if (!x->witness || pl->unknown)
            slot->vals[i].known = false;
    }
    return ZK_OK;
}

/* ---- constraints ------------------------------------------------------------------------ */

static zk_err lc_from(cx_ctx *x, r1cs_lc *out, const cv_lc *lc, bool negate)
{
    r1cs_lc_clear(out);
    zk_err err;
    fr_t k;
    if (!fr_is_zero(&lc->k)) {
        k = lc->k;
        if (negate)
            fr_neg(&k, &k);
        if ((err = r1cs_lc_push(out, 0, &k)))
            return err;
    }
    for (uint32_t i = 0; i < lc->n; i++) {
        k = lc->t[i].k;
        if (negate)
            fr_neg(&k, &k);
        if ((err = r1cs_lc_push(out, lc->t[i].sig, &k)))
            return err;
        x->flags[lc->t[i].sig] |= CX_SF_CONSTRAINED;
    }
    return ZK_OK;
}

/* Adds the constraint e = 0, made by statement st, as A·B - C = 0 with
 * e = A·B + c, so C = -c. In witness mode it must hold right away. */
static zk_err emit(cx_ctx *x, cx_frame *f, const cc_stmt *st, const cv_val *e, const cv_val *lhs,
                   const cv_val *rhs)
{
    if (e->kind == CV_NONQ)
        return cx_error(x, f, &st->loc, "non-quadratic constraint: it multiplies more than two "
                        "signal terms or divides by a signal (use <-- to compute the value and "
                        "=== on a quadratic expression to constrain it)");
    if (e->kind == CV_CONST) {
        if (fr_is_zero(&e->w))
            return ZK_OK;
        return cx_error(x, f, &st->loc, "this constraint can never hold: its two sides are "
                        "different constants");
    }
    if (x->witness) {
        if (!e->known)
            return cx_error(x, f, &st->loc, "this constraint reads a signal that has no value yet");
        if (!fr_is_zero(&e->w)) {
            char a[MONT256_DEC_MAX + 1], b[MONT256_DEC_MAX + 1];
            cv_format(a, &lhs->w);
            cv_format(b, &rhs->w);
            return cx_error(x, f, &st->loc, "constraint does not hold: left side = %s, right "
                            "side = %s", a, b);
        }
    }
    zk_err err;
    if (e->kind == CV_QUAD) {
        if ((err = lc_from(x, &x->lc[0], &e->s->a, false)) ||
            (err = lc_from(x, &x->lc[1], &e->s->b, false)))
            return err;
    } else {
        r1cs_lc_clear(&x->lc[0]);
        r1cs_lc_clear(&x->lc[1]);
    }
    if ((err = lc_from(x, &x->lc[2], &e->s->c, true)))
        return err;
    size_t row = x->sys.n_rows;
    if (row >= x->max_constraints)
        return cx_over_budget(x, &st->loc, CX_B_CONSTRAINTS);
    if (x->sys.n_terms + x->lc[0].n + x->lc[1].n + x->lc[2].n >
        CX_TERMS_PER_CONSTRAINT * x->max_constraints)
        return cx_over_budget(x, &st->loc, CX_B_TERMS);
    if ((err = r1cs_add(&x->sys, &x->lc[0], &x->lc[1], &x->lc[2])))
        return err;
    if (row + 1 > x->cap_con) {
        size_t cap = x->cap_con ? x->cap_con * 2 : 1024;
        uint32_t *ci = zk_realloc(x->con_inst, cap, sizeof *ci);
        if (!ci)
            return ZK_ENOMEM;
        x->con_inst = ci;
        const cc_stmt **cs = zk_realloc(x->con_stmt, cap, sizeof *cs);
        if (!cs)
            return ZK_ENOMEM;
        x->con_stmt = cs;
        x->cap_con = cap;
    }
    x->con_inst[row] = f->inst->id;
    x->con_stmt[row] = st;
    f->inst->own_constraints++;
    return ZK_OK;
}

/* ---- signal assignment ------------------------------------------------------------------- */

static zk_err assign_signal(cx_ctx *x, cx_frame *f, const cc_stmt *s, cx_place *pl, uint32_t i,
                            const cv_val *v)
{
    uint32_t id;
    zk_err err = cx_place_sig(x, pl, i, &s->loc, &id);
    if (err)
        return err;
    uint32_t real = x->alias[id];
    const char *name = pl->kind == CX_PL_SIG ? pl->sd->name : pl->member;
    if (pl->kind == CX_PL_SIG && !pl->foreign && pl->sd->kind == CC_SIG_INPUT)
        return cx_error(x, f, &s->loc, "'%s' is an input of this template: its parent assigns it",
                        name);
    if (x->flags[real] & CX_SF_ASSIGNED)
        return cx_error(x, f, &s->loc, "signal '%s' is assigned twice", name);
    x->flags[real] |= CX_SF_ASSIGNED | (s->u.assign.op == CC_AS_SIG ? CX_SF_ARROW : 0);
    if (x->witness) {
        if (!v->known)
            return cx_error(x, f, &s->loc, "the value assigned to '%s' depends on a signal that "
                            "has no value yet", name);
        x->val[real] = v->w;
        x->flags[real] |= CX_SF_KNOWN;
    }
    if (s->u.assign.op != CC_AS_CSIG)
        return ZK_OK;
    cv_val sig, e;
    if ((err = cv_signal(&x->vc, &sig, real, x->witness, &x->val[real])))
        return err;
    if (cv_binop(&x->vc, &e, CC_SUB, v, &sig))
        return cx_error(x, f, &s->loc, "%s", x->vc.error);
    return emit(x, f, s, &e, &sig, v);
}

static zk_err exec_signal_assign(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    cx_place pl;
    zk_err err = cx_place_of(x, f, s->u.assign.lhs, true, &pl);
    if (err)
        return err;
    if (pl.kind == CX_PL_VAR || pl.kind == CX_PL_COMP)
        return cx_error(x, f, &s->loc, "'%s' is not a signal", s->u.assign.lhs->u.var.name);
    if (pl.dynamic)
        return cx_error(x, f, &s->loc, "the signal assigned must be chosen by indices known at "
                        "compile time, but one of these depends on a signal");
    cx_res r;
    /* Constraint generation does not need the value of a <-- assignment;
     * only the witness does. */
    if (s->u.assign.op == CC_AS_SIG && !x->witness) {
        memset(&r, 0, sizeof r);
        cv_nonq(&r.v, false, NULL);
        if (pl.kind == CX_PL_SIG && pl.n > 1) {
            r.arr = true;
            r.n = pl.n;
            r.ndims = pl.ndims;
            memcpy(r.dims, pl.dims, pl.ndims * sizeof *pl.dims);
            r.elems = cv_scratch_alloc(&x->scratch, (size_t)r.n * sizeof *r.elems);
            if (!r.elems)
                return ZK_ENOMEM;
            for (uint32_t i = 0; i < r.n; i++)
                cv_nonq(&r.elems[i], false, NULL);
        }
    } else {
        x->in_constraint += s->u.assign.op == CC_AS_CSIG;
        err = cx_eval(x, f, s->u.assign.rhs, &r);
        x->in_constraint -= s->u.assign.op == CC_AS_CSIG;
        if (err)
            return err;
    }
    if (pl.kind == CX_PL_PH && r.arr) {
        if (pl.nidx + r.ndims > CX_MAXD)
            return cx_error(x, f, &s->loc, "too many dimensions");
        pl.ndims = r.ndims;
        memcpy(pl.dims, r.dims, r.ndims * sizeof *r.dims);
        pl.n = r.n;
    }
    if (!r.arr) {
        if (pl.n != 1 || pl.ndims)
            return cx_error(x, f, &s->loc, "a single value is assigned to a signal array");
        return assign_signal(x, f, s, &pl, 0, &r.v);
    }
    if (r.n != pl.n)
        return cx_error(x, f, &s->loc, "array sizes differ (%u values for %u signals)", r.n, pl.n);
    for (uint32_t i = 0; i < r.n; i++)
        if ((err = assign_signal(x, f, s, &pl, i, &r.elems[i])))
            return err;
    return ZK_OK;
}

static zk_err exec_constrain(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    cx_res a, b;
    x->in_constraint++;
    zk_err err = cx_eval(x, f, s->u.constrain.a, &a);
    if (!err)
        err = cx_eval(x, f, s->u.constrain.b, &b);
    x->in_constraint--;
    if (err)
        return err;
    if (a.arr != b.arr || (a.arr && a.n != b.n))
        return cx_error(x, f, &s->loc, "the two sides of === have different shapes");
    uint32_t n = a.arr ? a.n : 1;
    for (uint32_t i = 0; i < n; i++) {
        const cv_val *l = a.arr ? &a.elems[i] : &a.v, *r = b.arr ? &b.elems[i] : &b.v;
        cv_val e;
        if (cv_binop(&x->vc, &e, CC_SUB, l, r))
            return cx_error(x, f, &s->loc, "%s", x->vc.error);
        if ((err = emit(x, f, s, &e, l, r)))
            return err;
    }
    return ZK_OK;
}

/* ---- components ------------------------------------------------------------------------ */

static zk_err exec_component_assign(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    const cc_expr *lhs = s->u.assign.lhs, *call = s->u.assign.rhs;
    cx_place pl;
    zk_err err = cx_place_of(x, f, lhs, true, &pl);
    if (err)
        return err;
    if (pl.ndims)
        return cx_error(x, f, &s->loc, "assign a template to one element of '%s' at a time",
                        lhs->u.var.name);
    if (pl.slot->comps[pl.off])
        return cx_error(x, f, &s->loc, "component '%s' is assigned twice", lhs->u.var.name);
    const cc_def *t = call->u.call.def;
    uint32_t idx[CX_MAXD], nidx = 0;
    for (uint32_t i = 0; i < lhs->u.var.nacc; i++) {
        /* Recompute the indices (already checked by cx_place_of). */
        if ((err = cx_eval_index(x, f, lhs->u.var.acc[i].index, CX_INDEX_CAP, &idx[nidx++])))
            return err;
    }
    cx_arg *args = zk_calloc(t->nparams ? t->nparams : 1, sizeof *args);
    if (!args)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < t->nparams && !err; i++) {
        cx_res r;
        if ((err = cx_eval(x, f, call->u.call.args[i], &r)))
            break;
        uint32_t n = r.arr ? r.n : 1;
        args[i].ndims = r.arr ? r.ndims : 0;
        memcpy(args[i].dims, r.dims, args[i].ndims * sizeof *r.dims);
        args[i].n = n;
        args[i].v = zk_alloc(n, sizeof *args[i].v);
        if (!args[i].v) {
            err = ZK_ENOMEM;
            break;
        }
        for (uint32_t k = 0; k < n; k++) {
            const cv_val *v = r.arr ? &r.elems[k] : &r.v;
            if (v->kind != CV_CONST) {
                err = cx_error(x, f, &call->u.call.args[i]->loc,
                               "template arguments must be known at compile time, but this one "
                               "depends on a signal");
                break;
            }
            args[i].v[k] = v->w;
        }
    }
    cx_inst *kid = NULL;
    if (!err)
        err = cx_new_inst(x, f->inst, t, lhs->u.var.name, idx, nidx, &s->loc, &kid);
    if (err) {
        for (uint32_t i = 0; i < t->nparams; i++)
            zk_free(args[i].v);
        zk_free(args);
        return err;
    }
    kid->args = args;
    kid->nargs = t->nparams;
    kid->loc = s->loc;
    pl.slot->comps[pl.off] = kid;
    /* Circom runs a component once its inputs are set; one without inputs
     * is ready at once. */
    if (!cx_template_has_inputs(t))
        return cx_run_inst(x, kid, &s->loc);
    return ZK_OK;
}

/* ---- declarations ------------------------------------------------------------------------ */

static zk_err exec_decl(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    uint32_t dims[CX_MAXD], n = 0;
    cx_slot *slot = &f->slots[s->u.decl.slot];
    zk_err err = eval_dims(x, f, s, dims, &n);
    if (err)
        return err;
    if (s->kind == CC_S_VAR)
        return cx_slot_var(x, &s->loc, slot, dims, s->u.decl.ndims, n);
    if (slot->kind != CC_SLOT_NONE)
        return cx_error(x, f, &s->loc, "'%s' is declared again (a declaration inside a loop?)",
                        s->u.decl.name);
    slot->ndims = s->u.decl.ndims;
    memcpy(slot->dims, dims, slot->ndims * sizeof *dims);
    slot->n = n;
    if (s->kind == CC_S_COMP) {
        /* An array of more components than the budget allows is refused
         * before its table is allocated. */
        if (n > x->max_constraints)
            return cx_over_budget(x, &s->loc, CX_B_INSTANCES);
        slot->comps = zk_calloc(n ? n : 1, sizeof *slot->comps);
        if (!slot->comps)
            return ZK_ENOMEM;
        slot->kind = CC_SLOT_COMP;
        return ZK_OK;
    }
    if ((err = cx_declare_signals(x, f->inst, s, dims, slot->ndims, &slot->sig)))
        return err;
    slot->kind = CC_SLOT_SIGNAL;
    const cx_sigdecl *sd = &f->inst->sigs[slot->sig];
    if (sd->kind != CC_SIG_INPUT)
        return ZK_OK;
    if (f->inst == x->root)
        return cx_main_input(x, sd);
    for (uint32_t i = 0; i < sd->n; i++) {
        if (!(x->flags[sd->base + i] & CX_SF_ASSIGNED)) {
            char path[256], title[128], ix[64] = "";
            cx_inst_path(f->inst, path, sizeof path);
            cx_inst_title(f->inst, title, sizeof title);
            uint32_t r = i;
            for (uint32_t d = sd->ndims; d-- > 0;) {
                char part[24];
                snprintf(part, sizeof part, "[%u]", r % sd->dims[d]);
                memmove(ix + strlen(part), ix, strlen(ix) + 1);
                memcpy(ix, part, strlen(part));
                r /= sd->dims[d];
            }
            return cc_error(x->cc, &f->inst->loc, "input %s.%s%s of %s is never assigned before "
                            "the component runs", path, sd->name, ix, title);
        }
    }
    return ZK_OK;
}

/* ---- control flow on signals ------------------------------------------------------------- */

/* After a branch or loop whose condition depends on signals, every variable
 * it assigns is opaque to constraint generation. */
static void make_opaque(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case CC_S_ASSIGN:
        /* A signal assigned with <-- in such a branch counts as assigned
         * (whichever way the branch goes, it gets a value). */
        if (s->u.assign.op == CC_AS_SIG && s->u.assign.lhs->u.var.slot_kind == CC_SLOT_SIGNAL) {
            const cx_slot *slot = &f->slots[s->u.assign.lhs->u.var.slot];
            if (slot->kind == CC_SLOT_SIGNAL) {
                const cx_sigdecl *sd = &f->inst->sigs[slot->sig];
                for (uint32_t i = 0; i < sd->n; i++)
                    x->flags[sd->base + i] |= CX_SF_ASSIGNED | CX_SF_ARROW;
            }
        }
        if (s->u.assign.op == CC_AS_VAR && s->u.assign.lhs->u.var.slot_kind == CC_SLOT_VAR) {
            cx_slot *slot = &f->slots[s->u.assign.lhs->u.var.slot];
            for (uint32_t i = 0; slot->kind == CC_SLOT_VAR && i < slot->n; i++) {
                cv_make_opaque(&slot->vals[i]);
                if (!x->witness)
                    slot->vals[i].known = false;
            }
        }
        break;
    case CC_S_BLOCK:
    case CC_S_SEQ:
        for (uint32_t i = 0; i < s->u.block.n; i++)
            make_opaque(x, f, s->u.block.items[i]);
        break;
    case CC_S_IF:
        make_opaque(x, f, s->u.if_.then);
        make_opaque(x, f, s->u.if_.els);
        break;
    case CC_S_WHILE:
    case CC_S_FOR:
        make_opaque(x, f, s->u.loop.init);
        make_opaque(x, f, s->u.loop.body);
        make_opaque(x, f, s->u.loop.step);
        break;
    default:
        break;
    }
}

static zk_err check_no_constraints(cx_ctx *x, cx_frame *f, const cc_stmt *s, const cc_expr *cond)
{
    if (s->constrains)
        return cx_error(x, f, &cond->loc, "this condition depends on a signal, so it is unknown "
                        "at compile time, but the code it controls declares signals or components "
                        "or makes constraints");
    return ZK_OK;
}

static zk_err exec_if(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    cv_val c;
    cv_mark m = cv_scratch_mark(&x->scratch);
    zk_err err = cx_eval_scalar(x, f, s->u.if_.cond, &c);
    /* Only the kind and the concrete value are used from here on. */
    cv_scratch_release(&x->scratch, m);
    c.s = NULL;
    if (err)
        return err;
    if (c.kind == CV_CONST) {
        const cc_stmt *b = cv_truth(&c) ? s->u.if_.then : s->u.if_.els;
        return b ? cx_exec_stmt(x, f, b) : ZK_OK;
    }
    if ((err = check_no_constraints(x, f, s, s->u.if_.cond)))
        return err;
    if (x->witness) {
        if (!c.known)
            return cx_error(x, f, &s->u.if_.cond->loc, "this condition reads a signal that has no value yet");
        const cc_stmt *b = cv_truth(&c) ? s->u.if_.then : s->u.if_.els;
        if (b && (err = cx_exec_stmt(x, f, b)))
            return err;
    }
    make_opaque(x, f, s);
    return ZK_OK;
}

static zk_err exec_loop(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    zk_err err;
    if (s->u.loop.init && (err = cx_exec_stmt(x, f, s->u.loop.init)))
        return err;
    bool opaque = false;
    for (;;) {
        cv_mark m = cv_scratch_mark(&x->scratch);
        cv_val c;
        if ((err = cx_eval_scalar(x, f, s->u.loop.cond, &c)))
            return err;
        cv_scratch_release(&x->scratch, m);
        if (c.kind != CV_CONST) {
            if ((err = check_no_constraints(x, f, s, s->u.loop.cond)))
                return err;
            if (!x->witness) {
                opaque = true;
                break;
            }
            if (!c.known)
                return cx_error(x, f, &s->u.loop.cond->loc, "this condition reads a signal that has no value yet");
            opaque = true;
        }
        if (!cv_truth(&c))
            break;
        if ((err = cx_exec_stmt(x, f, s->u.loop.body)))
            return err;
        if (f->returned)
            break;
        if (s->u.loop.step && (err = cx_exec_stmt(x, f, s->u.loop.step)))
            return err;
    }
    if (opaque)
        make_opaque(x, f, s);
    return ZK_OK;
}

static zk_err exec_log(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    if (!x->witness || !x->log)
        return ZK_OK;
    for (uint32_t i = 0; i < s->u.log.n; i++) {
        const cc_log_arg *a = &s->u.log.args[i];
        if (i)
            fputc(' ', x->log);
        if (a->str) {
            /* A string from the source goes to a terminal: escaped. */
            zk_text_write(x->log, a->str, false);
            continue;
        }
        cv_val v;
        zk_err err = cx_eval_scalar(x, f, a->expr, &v);
        if (err)
            return err;
        if (!v.known) {
            fputs("(unknown)", x->log);
            continue;
        }
        char d[MONT256_DEC_MAX + 1];
        cv_format(d, &v.w);
        fputs(d, x->log);
    }
    fputc('\n', x->log);
    return ZK_OK;
}

static zk_err exec_assert(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    cv_val c;
    zk_err err = cx_eval_scalar(x, f, s->u.assert_.cond, &c);
    if (err)
        return err;
    bool decided = c.kind == CV_CONST || (x->witness && c.known);
    if (decided && !cv_truth(&c))
        return cx_error(x, f, &s->loc, "assert fails");
    return ZK_OK;
}

/* ---- statements ------------------------------------------------------------------------- */

/* `x += e`, `x -= e` (and `x = x + e`) on one element of a variable, added
 * in place (see cv_accumulate): a sum over n signals built in a loop would
 * otherwise be copied on every turn, n^2 work. *done is false when the
 * general way must be taken (only the place was evaluated then). */
static zk_err accumulate(cx_ctx *x, cx_frame *f, const cc_stmt *s, bool *done)
{
    const cc_expr *rhs = s->u.assign.rhs, *lhs = s->u.assign.lhs;
    *done = false;
    if (rhs->kind != CC_E_BIN || (rhs->op != CC_ADD && rhs->op != CC_SUB))
        return ZK_OK;
    /* x += e, or x = x + e with x a plain variable */
    const cc_expr *a = rhs->u.ops.a;
    bool same = a->kind == CC_E_VAR && a->u.var.slot == lhs->u.var.slot && !a->u.var.nacc &&
                !lhs->u.var.nacc;
    if (!s->u.assign.compound && !same)
        return ZK_OK;
    cx_place pl;
    cx_res b;
    zk_err err = cx_place_of(x, f, lhs, true, &pl);
    if (err || pl.kind != CX_PL_VAR || pl.dynamic || pl.n != 1 || pl.ndims)
        return err;
    if ((err = cx_eval(x, f, rhs->u.ops.b, &b)))
        return err;
    cv_val *dst = &pl.slot->vals[pl.off];
    if (!b.arr && (err = cv_accumulate(&x->vc, dst, &b.v, rhs->op == CC_SUB, done)))
        return err;
    if (*done)
        return ZK_OK;
    /* Not a sum of linear values: the general way, on the value already
     * evaluated. */
    cv_val cur = *dst, r;
    cur.owned = false;
    if (b.arr)
        return cx_scalar_expected(x, f, rhs->u.ops.b);
    x->vc.error = NULL;
    if (cv_binop(&x->vc, &r, rhs->op, &cur, &b.v))
        return cx_op_error(x, f, rhs);
    *done = true;
    return cv_store(dst, &r);
}

static zk_err exec_var_assign(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    const cc_expr *lhs = s->u.assign.lhs;
    cx_res r;
    cx_place pl;
    bool done;
    zk_err err = accumulate(x, f, s, &done);
    if (err || done)
        return err;
    if ((err = cx_eval(x, f, s->u.assign.rhs, &r)) || (err = cx_place_of(x, f, lhs, true, &pl)))
        return err;
    if (pl.kind != CX_PL_VAR)
        return cx_error(x, f, &s->loc, "'%s' is not a variable", lhs->u.var.name);
    if (!pl.dynamic)
        return store_var(x, f, &s->loc, &pl, &r);
    return store_var_dynamic(x, f, &s->loc, &pl, &r);
}

/* The three kinds of assignment, called through a table for the reason
 * given at exec_by_kind below. */
typedef zk_err (*exec_fn)(cx_ctx *x, cx_frame *f, const cc_stmt *s);
static const exec_fn assign_by_form[] = {exec_var_assign, exec_signal_assign, exec_component_assign};

static zk_err exec_assign(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    const cc_expr *rhs = s->u.assign.rhs;
    bool component = s->u.assign.lhs->u.var.slot_kind == CC_SLOT_COMP && rhs->kind == CC_E_CALL &&
                     rhs->u.call.def && rhs->u.call.def->kind == CC_DEF_TEMPLATE;
    return assign_by_form[component ? 2 : s->u.assign.op != CC_AS_VAR](x, f, s);
}

static zk_err exec_return(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    cx_res r;
    zk_err err = cx_eval(x, f, s->u.ret.value, &r);
    if (err)
        return err;
    /* The value outlives this statement's scratch: keep it on the heap
     * until the caller copies it back. */
    cx_res *ret = f->ret;
    *ret = r;
    uint32_t n = r.arr ? r.n : 1;
    cv_val *heap = zk_calloc(n, sizeof *heap);
    if (!heap)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        if ((err = cv_store(&heap[i], r.arr ? &r.elems[i] : &r.v))) {
            for (uint32_t k = 0; k < n; k++)
                cv_release(&heap[k]);
            zk_free(heap);
            return err;
        }
    }
    ret->elems = heap;
    f->returned = true;
    return ZK_OK;
}

static zk_err exec_block(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    zk_err err;
    for (uint32_t i = 0; i < s->u.block.n && !f->returned; i++)
        if ((err = cx_exec_stmt(x, f, s->u.block.items[i])))
            return err;
    return ZK_OK;
}

/* One function per kind of statement, called through this table rather
 * than a switch: the compiler then cannot merge their locals into one big
 * frame, and each level of a deep recursion costs only the frame of the
 * statement it is in. */
static const exec_fn exec_by_kind[] = {
    [CC_S_VAR] = exec_decl,       [CC_S_SIGNAL] = exec_decl,  [CC_S_COMP] = exec_decl,
    [CC_S_ASSIGN] = exec_assign,  [CC_S_CONSTRAIN] = exec_constrain,
    [CC_S_IF] = exec_if,          [CC_S_WHILE] = exec_loop,   [CC_S_FOR] = exec_loop,
    [CC_S_RETURN] = exec_return,  [CC_S_LOG] = exec_log,      [CC_S_ASSERT] = exec_assert,
    [CC_S_BLOCK] = exec_block,    [CC_S_SEQ] = exec_block,
};

zk_err cx_too_deep(cx_ctx *x, const cx_frame *f, const cc_loc *loc)
{
    return cx_error(x, f, loc, "nested too deeply: over %d expressions, statements and calls "
                    "inside one another (endless recursion?)", CX_MAX_NEST);
}

zk_err cx_over_budget(cx_ctx *x, const cc_loc *loc, cx_budget b)
{
    static const char *const what[] = {
        [CX_B_CONSTRAINTS] = "the circuit makes more than %llu constraints",
        [CX_B_TERMS] = "the constraints hold more than %llu terms",
        [CX_B_SIGNALS] = "the circuit has more than %llu signals",
        [CX_B_INSTANCES] = "the circuit has more than %llu component instances",
        [CX_B_VARS] = "the variables hold more than %llu values at once",
    };
    uint64_t n = x->max_constraints * (b == CX_B_TERMS ? CX_TERMS_PER_CONSTRAINT : 1);
    char msg[160];
    snprintf(msg, sizeof msg, what[b], (unsigned long long)n);
    x->over_budget = true;
    return cx_error(x, NULL, loc, "%s, the limit set by --max-constraints (%llu); raise it to go on",
                    msg, (unsigned long long)x->max_constraints);
}

zk_err cx_exec_stmt(cx_ctx *x, cx_frame *f, const cc_stmt *s)
{
    /* Work that makes nothing is what an endless loop does: the program may
     * run max_steps statements, and more as it makes constraints and
     * signals, which the size budget bounds in turn. Long sums cost time
     * too, a step for every CX_TERMS_PER_STEP terms added up. */
    uint64_t work = ++x->steps + x->vc.work / CX_TERMS_PER_STEP;
    if (work > x->max_steps + CX_STEPS_PER_ITEM * ((uint64_t)x->sys.n_rows + x->nsig)) {
        x->over_budget = true;
        return cx_error(x, f, &s->loc, "the program runs too long: more than %llu steps (the "
                        "limit set by --max-steps, plus %d for each constraint or signal made): "
                        "an endless loop?", (unsigned long long)x->max_steps, CX_STEPS_PER_ITEM);
    }
    if (x->nest >= CX_MAX_NEST)
        return cx_too_deep(x, f, &s->loc);
    x->nest++;
    zk_err err;
    /* Blocks and loops keep no temporaries of their own; everything else
     * frees its temporaries when done. */
    if (s->kind == CC_S_BLOCK || s->kind == CC_S_SEQ || s->kind == CC_S_FOR ||
        s->kind == CC_S_WHILE || s->kind == CC_S_IF) {
        err = exec_by_kind[s->kind](x, f, s);
    } else {
        cv_mark m = cv_scratch_mark(&x->scratch);
        err = exec_by_kind[s->kind](x, f, s);
        cv_scratch_release(&x->scratch, m);
    }
    x->nest--;
    return err;
}
