/* Statements of the Circom interpreter: declarations, assignments and
 * constraints, control flow, function calls and component runs. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"
#include "core/text.h"

zk_err circom_elab_error(circom_elab_ctx *x, const circom_elab_frame *f, const circom_loc *loc,
                         const char *fmt, ...)
{
    char msg[768], where[400] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    (void)f;
    circom_elab_inst *in = NULL;
    for (uint32_t i = x->ninsts; i-- > 0;)
        if (x->insts[i]->state == CIRCOM_ELAB_RUNNING) {
            in = x->insts[i];
            break;
        }
    if (in && in->parent) {
        char path[200], title[100];
        circom_elab_inst_path(in, path, sizeof path);
        circom_elab_inst_title(in, title, sizeof title);
        snprintf(where, sizeof where, " (in %s, %s)", path, title);
    }
    return circom_error(x->cc, loc, "%s%s", msg, where);
}

/* ---- frames ------------------------------------------------------------------------------- */

void circom_elab_free_slots(circom_elab_ctx *x, circom_elab_slot *slots, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (slots[i].vals) {
            x->var_elems -= slots[i].n;
            for (uint32_t k = 0; k < slots[i].n; k++)
                circom_val_release(&slots[i].vals[k]);
            zk_free(slots[i].vals);
        }
        zk_free(slots[i].comps);
    }
    zk_free(slots);
}

zk_err circom_elab_slot_var(circom_elab_ctx *x, const circom_loc *loc, circom_elab_slot *slot,
                            const uint32_t *dims, uint32_t ndims, uint32_t n)
{
    if (slot->vals && slot->n != n) {
        for (uint32_t k = 0; k < slot->n; k++)
            circom_val_release(&slot->vals[k]);
        zk_free(slot->vals);
        slot->vals = NULL;
        x->var_elems -= slot->n;
    }
    if (!slot->vals) {
        if (x->var_elems + n > x->max_constraints)
            return circom_elab_over_budget(x, loc, CIRCOM_ELAB_B_VARS);
        slot->vals = zk_calloc(n ? n : 1, sizeof *slot->vals);
        if (!slot->vals)
            return ZK_ENOMEM;
        x->var_elems += n;
    }
    fr_t zero;
    fr_zero(&zero);
    for (uint32_t k = 0; k < n; k++) {
        circom_val_release(&slot->vals[k]);
        circom_val_const(&slot->vals[k], &zero);
    }
    slot->kind = CIRCOM_SLOT_VAR;
    slot->ndims = ndims;
    memcpy(slot->dims, dims, ndims * sizeof *dims);
    slot->n = n;
    return ZK_OK;
}

static zk_err eval_dims(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s,
                        uint32_t *dims, uint32_t *n)
{
    if (s->u.decl.ndims > CIRCOM_ELAB_MAXD)
        return circom_elab_error(x, f, &s->loc, "too many dimensions (at most %d)",
                                 CIRCOM_ELAB_MAXD);
    uint64_t total = 1;
    for (uint32_t i = 0; i < s->u.decl.ndims; i++) {
        zk_err err = circom_elab_eval_size(x, f, s->u.decl.dims[i], s->u.decl.name, &dims[i]);
        if (err)
            return err;
        total *= dims[i];
        if (total > CIRCOM_ELAB_INDEX_CAP)
            return circom_elab_error(x, f, &s->loc,
                                     "'%s' is too large (%llu elements; at most 2^31)",
                                     s->u.decl.name, (unsigned long long)total);
    }
    *n = (uint32_t)total;
    return ZK_OK;
}

/* Stores r into a var place (scalar into one element, array into a range of
 * the same size; a whole var declared without dimensions takes r's shape). */
static zk_err store_var(circom_elab_ctx *x, circom_elab_frame *f, const circom_loc *loc,
                        circom_elab_place *pl, const circom_elab_res *r)
{
    zk_err err;
    if (!r->arr) {
        if (pl->n != 1)
            return circom_elab_error(x, f, loc, "a single value is assigned to an array");
        return circom_val_store(&pl->slot->vals[pl->off], &r->v);
    }
    if (pl->n == 1 && pl->ndims == 0 && pl->slot->ndims == 0) {
        if ((err = circom_elab_slot_var(x, loc, pl->slot, r->dims, r->ndims, r->n)))
            return err;
        pl->n = r->n;
    }
    if (pl->n != r->n)
        return circom_elab_error(x, f, loc, "array sizes differ (%u elements assigned to %u)", r->n,
                                 pl->n);
    for (uint32_t i = 0; i < r->n; i++)
        if ((err = circom_val_store(&pl->slot->vals[pl->off + i], &r->elems[i])))
            return err;
    return ZK_OK;
}

/* A store through an index that depends on signals: after it, which
 * element changed is unknown at compile time, so the whole variable turns
 * opaque, keeping its concrete values in witness mode (where the index is
 * known and the store happens). */
static zk_err store_var_dynamic(circom_elab_ctx *x, circom_elab_frame *f, const circom_loc *loc,
                                circom_elab_place *pl, const circom_elab_res *r)
{
    zk_err err;
    if (!pl->unknown && (err = store_var(x, f, loc, pl, r)))
        return err;
    circom_elab_slot *slot = pl->slot;
    for (uint32_t i = 0; i < slot->n; i++) {
        circom_val_make_opaque(&slot->vals[i]);
        if (!x->witness || pl->unknown)
            slot->vals[i].known = false;
    }
    return ZK_OK;
}

/* ---- constraints ------------------------------------------------------------------------ */

static zk_err lc_from(circom_elab_ctx *x, r1cs_lc *out, const circom_val_lc *lc, bool negate)
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
        x->flags[lc->t[i].sig] |= CIRCOM_ELAB_SF_CONSTRAINED;
    }
    return ZK_OK;
}

/* Adds the constraint e = 0, made by statement st, as A·B - C = 0 with
 * e = A·B + c, so C = -c. In witness mode it must hold right away. */
static zk_err emit(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *st,
                   const circom_val *e, const circom_val *lhs, const circom_val *rhs)
{
    if (e->kind == CIRCOM_VAL_NONQ)
        return circom_elab_error(
            x, f, &st->loc,
            "non-quadratic constraint: it multiplies more than two "
            "signal terms or divides by a signal (use <-- to compute the value and "
            "=== on a quadratic expression to constrain it)");
    if (e->kind == CIRCOM_VAL_CONST) {
        if (fr_is_zero(&e->w))
            return ZK_OK;
        return circom_elab_error(x, f, &st->loc,
                                 "this constraint can never hold: its two sides are "
                                 "different constants");
    }
    if (x->witness) {
        if (!e->known)
            return circom_elab_error(x, f, &st->loc,
                                     "this constraint reads a signal that has no value yet");
        if (!fr_is_zero(&e->w)) {
            char a[MONT256_DEC_MAX + 1], b[MONT256_DEC_MAX + 1];
            circom_val_format(a, &lhs->w);
            circom_val_format(b, &rhs->w);
            return circom_elab_error(x, f, &st->loc,
                                     "constraint does not hold: left side = %s, right "
                                     "side = %s",
                                     a, b);
        }
    }
    zk_err err;
    if (e->kind == CIRCOM_VAL_QUAD) {
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
        return circom_elab_over_budget(x, &st->loc, CIRCOM_ELAB_B_CONSTRAINTS);
    if (x->sys.n_terms + x->lc[0].n + x->lc[1].n + x->lc[2].n >
        CIRCOM_ELAB_TERMS_PER_CONSTRAINT * x->max_constraints)
        return circom_elab_over_budget(x, &st->loc, CIRCOM_ELAB_B_TERMS);
    if ((err = r1cs_add(&x->sys, &x->lc[0], &x->lc[1], &x->lc[2])))
        return err;
    if (row + 1 > x->cap_con) {
        size_t cap = x->cap_con ? x->cap_con * 2 : 1024;
        uint32_t *ci = zk_realloc(x->con_inst, cap, sizeof *ci);
        if (!ci)
            return ZK_ENOMEM;
        x->con_inst = ci;
        const circom_stmt **cs = zk_realloc(x->con_stmt, cap, sizeof *cs);
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

static zk_err assign_signal(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s,
                            circom_elab_place *pl, uint32_t i, const circom_val *v)
{
    uint32_t id;
    zk_err err = circom_elab_place_sig(x, pl, i, &s->loc, &id);
    if (err)
        return err;
    uint32_t real = x->alias[id];
    const char *name = pl->kind == CIRCOM_ELAB_PL_SIG ? pl->sd->name : pl->member;
    if (pl->kind == CIRCOM_ELAB_PL_SIG && !pl->foreign && pl->sd->kind == CIRCOM_SIG_INPUT)
        return circom_elab_error(x, f, &s->loc,
                                 "'%s' is an input of this template: its parent assigns it", name);
    if (x->flags[real] & CIRCOM_ELAB_SF_ASSIGNED)
        return circom_elab_error(x, f, &s->loc, "signal '%s' is assigned twice", name);
    x->flags[real] |=
        CIRCOM_ELAB_SF_ASSIGNED | (s->u.assign.op == CIRCOM_AS_SIG ? CIRCOM_ELAB_SF_ARROW : 0);
    if (x->witness) {
        if (!v->known)
            return circom_elab_error(x, f, &s->loc,
                                     "the value assigned to '%s' depends on a signal that "
                                     "has no value yet",
                                     name);
        x->val[real] = v->w;
        x->flags[real] |= CIRCOM_ELAB_SF_KNOWN;
    }
    if (s->u.assign.op != CIRCOM_AS_CSIG)
        return ZK_OK;
    circom_val sig, e;
    if ((err = circom_val_signal(&x->vc, &sig, real, x->witness, &x->val[real])))
        return err;
    if (circom_val_binop(&x->vc, &e, CIRCOM_SUB, v, &sig))
        return circom_elab_error(x, f, &s->loc, "%s", x->vc.error);
    return emit(x, f, s, &e, &sig, v);
}

static zk_err exec_signal_assign(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    circom_elab_place pl;
    zk_err err = circom_elab_place_of(x, f, s->u.assign.lhs, true, &pl);
    if (err)
        return err;
    if (pl.kind == CIRCOM_ELAB_PL_VAR || pl.kind == CIRCOM_ELAB_PL_COMP)
        return circom_elab_error(x, f, &s->loc, "'%s' is not a signal",
                                 s->u.assign.lhs->u.var.name);
    if (pl.dynamic)
        return circom_elab_error(x, f, &s->loc,
                                 "the signal assigned must be chosen by indices known at "
                                 "compile time, but one of these depends on a signal");
    circom_elab_res r;
    /* Constraint generation does not need the value of a <-- assignment;
     * only the witness does. */
    if (s->u.assign.op == CIRCOM_AS_SIG && !x->witness) {
        memset(&r, 0, sizeof r);
        circom_val_nonq(&r.v, false, NULL);
        if (pl.kind == CIRCOM_ELAB_PL_SIG && pl.n > 1) {
            r.arr = true;
            r.n = pl.n;
            r.ndims = pl.ndims;
            memcpy(r.dims, pl.dims, pl.ndims * sizeof *pl.dims);
            r.elems = circom_val_scratch_alloc(&x->scratch, (size_t)r.n * sizeof *r.elems);
            if (!r.elems)
                return ZK_ENOMEM;
            for (uint32_t i = 0; i < r.n; i++)
                circom_val_nonq(&r.elems[i], false, NULL);
        }
    } else {
        x->in_constraint += s->u.assign.op == CIRCOM_AS_CSIG;
        err = circom_elab_eval(x, f, s->u.assign.rhs, &r);
        x->in_constraint -= s->u.assign.op == CIRCOM_AS_CSIG;
        if (err)
            return err;
    }
    if (pl.kind == CIRCOM_ELAB_PL_PH && r.arr) {
        if (pl.nidx + r.ndims > CIRCOM_ELAB_MAXD)
            return circom_elab_error(x, f, &s->loc, "too many dimensions");
        pl.ndims = r.ndims;
        memcpy(pl.dims, r.dims, r.ndims * sizeof *r.dims);
        pl.n = r.n;
    }
    if (!r.arr) {
        if (pl.n != 1 || pl.ndims)
            return circom_elab_error(x, f, &s->loc, "a single value is assigned to a signal array");
        return assign_signal(x, f, s, &pl, 0, &r.v);
    }
    if (r.n != pl.n)
        return circom_elab_error(x, f, &s->loc, "array sizes differ (%u values for %u signals)",
                                 r.n, pl.n);
    for (uint32_t i = 0; i < r.n; i++)
        if ((err = assign_signal(x, f, s, &pl, i, &r.elems[i])))
            return err;
    return ZK_OK;
}

static zk_err exec_constrain(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    circom_elab_res a, b;
    x->in_constraint++;
    zk_err err = circom_elab_eval(x, f, s->u.constrain.a, &a);
    if (!err)
        err = circom_elab_eval(x, f, s->u.constrain.b, &b);
    x->in_constraint--;
    if (err)
        return err;
    if (a.arr != b.arr || (a.arr && a.n != b.n))
        return circom_elab_error(x, f, &s->loc, "the two sides of === have different shapes");
    uint32_t n = a.arr ? a.n : 1;
    for (uint32_t i = 0; i < n; i++) {
        const circom_val *l = a.arr ? &a.elems[i] : &a.v, *r = b.arr ? &b.elems[i] : &b.v;
        circom_val e;
        if (circom_val_binop(&x->vc, &e, CIRCOM_SUB, l, r))
            return circom_elab_error(x, f, &s->loc, "%s", x->vc.error);
        if ((err = emit(x, f, s, &e, l, r)))
            return err;
    }
    return ZK_OK;
}

/* ---- components ------------------------------------------------------------------------ */

static zk_err exec_component_assign(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    const circom_expr *lhs = s->u.assign.lhs, *call = s->u.assign.rhs;
    circom_elab_place pl;
    zk_err err = circom_elab_place_of(x, f, lhs, true, &pl);
    if (err)
        return err;
    if (pl.ndims)
        return circom_elab_error(
            x, f, &s->loc, "assign a template to one element of '%s' at a time", lhs->u.var.name);
    if (pl.slot->comps[pl.off])
        return circom_elab_error(x, f, &s->loc, "component '%s' is assigned twice",
                                 lhs->u.var.name);
    const circom_def *t = call->u.call.def;
    uint32_t idx[CIRCOM_ELAB_MAXD], nidx = 0;
    for (uint32_t i = 0; i < lhs->u.var.nacc; i++) {
        /* Recompute the indices (already checked by circom_elab_place_of). */
        if ((err = circom_elab_eval_index(x, f, lhs->u.var.acc[i].index, CIRCOM_ELAB_INDEX_CAP,
                                          &idx[nidx++])))
            return err;
    }
    circom_elab_arg *args = zk_calloc(t->nparams ? t->nparams : 1, sizeof *args);
    if (!args)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < t->nparams && !err; i++) {
        circom_elab_res r;
        if ((err = circom_elab_eval(x, f, call->u.call.args[i], &r)))
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
            const circom_val *v = r.arr ? &r.elems[k] : &r.v;
            if (v->kind != CIRCOM_VAL_CONST) {
                err = circom_elab_error(
                    x, f, &call->u.call.args[i]->loc,
                    "template arguments must be known at compile time, but this one "
                    "depends on a signal");
                break;
            }
            args[i].v[k] = v->w;
        }
    }
    circom_elab_inst *kid = NULL;
    if (!err)
        err = circom_elab_new_inst(x, f->inst, t, lhs->u.var.name, idx, nidx, &s->loc, &kid);
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
    if (!circom_elab_template_has_inputs(t))
        return circom_elab_run_inst(x, kid, &s->loc);
    return ZK_OK;
}

/* ---- declarations ------------------------------------------------------------------------ */

static zk_err exec_decl(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    uint32_t dims[CIRCOM_ELAB_MAXD], n = 0;
    circom_elab_slot *slot = &f->slots[s->u.decl.slot];
    zk_err err = eval_dims(x, f, s, dims, &n);
    if (err)
        return err;
    if (s->kind == CIRCOM_S_VAR)
        return circom_elab_slot_var(x, &s->loc, slot, dims, s->u.decl.ndims, n);
    if (slot->kind != CIRCOM_SLOT_NONE)
        return circom_elab_error(
            x, f, &s->loc, "'%s' is declared again (a declaration inside a loop?)", s->u.decl.name);
    slot->ndims = s->u.decl.ndims;
    memcpy(slot->dims, dims, slot->ndims * sizeof *dims);
    slot->n = n;
    if (s->kind == CIRCOM_S_COMP) {
        /* An array of more components than the budget allows is refused
         * before its table is allocated. */
        if (n > x->max_constraints)
            return circom_elab_over_budget(x, &s->loc, CIRCOM_ELAB_B_INSTANCES);
        slot->comps = zk_calloc(n ? n : 1, sizeof *slot->comps);
        if (!slot->comps)
            return ZK_ENOMEM;
        slot->kind = CIRCOM_SLOT_COMP;
        return ZK_OK;
    }
    if ((err = circom_elab_declare_signals(x, f->inst, s, dims, slot->ndims, &slot->sig)))
        return err;
    slot->kind = CIRCOM_SLOT_SIGNAL;
    const circom_elab_sigdecl *sd = &f->inst->sigs[slot->sig];
    if (sd->kind != CIRCOM_SIG_INPUT)
        return ZK_OK;
    if (f->inst == x->root)
        return circom_elab_main_input(x, sd);
    for (uint32_t i = 0; i < sd->n; i++) {
        if (!(x->flags[sd->base + i] & CIRCOM_ELAB_SF_ASSIGNED)) {
            char path[256], title[128], ix[64] = "";
            circom_elab_inst_path(f->inst, path, sizeof path);
            circom_elab_inst_title(f->inst, title, sizeof title);
            uint32_t r = i;
            for (uint32_t d = sd->ndims; d-- > 0;) {
                char part[24];
                snprintf(part, sizeof part, "[%u]", r % sd->dims[d]);
                memmove(ix + strlen(part), ix, strlen(ix) + 1);
                memcpy(ix, part, strlen(part));
                r /= sd->dims[d];
            }
            return circom_error(x->cc, &f->inst->loc,
                                "input %s.%s%s of %s is never assigned before "
                                "the component runs",
                                path, sd->name, ix, title);
        }
    }
    return ZK_OK;
}

/* ---- control flow on signals ------------------------------------------------------------- */

/* After a branch or loop whose condition depends on signals, every variable
 * it assigns is opaque to constraint generation. */
static void make_opaque(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    if (!s)
        return;
    switch (s->kind) {
    case CIRCOM_S_ASSIGN:
        /* A signal assigned with <-- in such a branch counts as assigned
         * (whichever way the branch goes, it gets a value). */
        if (s->u.assign.op == CIRCOM_AS_SIG &&
            s->u.assign.lhs->u.var.slot_kind == CIRCOM_SLOT_SIGNAL) {
            const circom_elab_slot *slot = &f->slots[s->u.assign.lhs->u.var.slot];
            if (slot->kind == CIRCOM_SLOT_SIGNAL) {
                const circom_elab_sigdecl *sd = &f->inst->sigs[slot->sig];
                for (uint32_t i = 0; i < sd->n; i++)
                    x->flags[sd->base + i] |= CIRCOM_ELAB_SF_ASSIGNED | CIRCOM_ELAB_SF_ARROW;
            }
        }
        if (s->u.assign.op == CIRCOM_AS_VAR &&
            s->u.assign.lhs->u.var.slot_kind == CIRCOM_SLOT_VAR) {
            circom_elab_slot *slot = &f->slots[s->u.assign.lhs->u.var.slot];
            for (uint32_t i = 0; slot->kind == CIRCOM_SLOT_VAR && i < slot->n; i++) {
                circom_val_make_opaque(&slot->vals[i]);
                if (!x->witness)
                    slot->vals[i].known = false;
            }
        }
        break;
    case CIRCOM_S_BLOCK:
    case CIRCOM_S_SEQ:
        for (uint32_t i = 0; i < s->u.block.n; i++)
            make_opaque(x, f, s->u.block.items[i]);
        break;
    case CIRCOM_S_IF:
        make_opaque(x, f, s->u.if_.then);
        make_opaque(x, f, s->u.if_.els);
        break;
    case CIRCOM_S_WHILE:
    case CIRCOM_S_FOR:
        make_opaque(x, f, s->u.loop.init);
        make_opaque(x, f, s->u.loop.body);
        make_opaque(x, f, s->u.loop.step);
        break;
    default:
        break;
    }
}

static zk_err check_no_constraints(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s,
                                   const circom_expr *cond)
{
    if (s->constrains)
        return circom_elab_error(
            x, f, &cond->loc,
            "this condition depends on a signal, so it is unknown "
            "at compile time, but the code it controls declares signals or components "
            "or makes constraints");
    return ZK_OK;
}

static zk_err exec_if(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    circom_val c;
    circom_val_mark m = circom_val_scratch_mark(&x->scratch);
    zk_err err = circom_elab_eval_scalar(x, f, s->u.if_.cond, &c);
    /* Only the kind and the concrete value are used from here on. */
    circom_val_scratch_release(&x->scratch, m);
    c.s = NULL;
    if (err)
        return err;
    if (c.kind == CIRCOM_VAL_CONST) {
        const circom_stmt *b = circom_val_truth(&c) ? s->u.if_.then : s->u.if_.els;
        return b ? circom_elab_exec_stmt(x, f, b) : ZK_OK;
    }
    if ((err = check_no_constraints(x, f, s, s->u.if_.cond)))
        return err;
    if (x->witness) {
        if (!c.known)
            return circom_elab_error(x, f, &s->u.if_.cond->loc,
                                     "this condition reads a signal that has no value yet");
        const circom_stmt *b = circom_val_truth(&c) ? s->u.if_.then : s->u.if_.els;
        if (b && (err = circom_elab_exec_stmt(x, f, b)))
            return err;
    }
    make_opaque(x, f, s);
    return ZK_OK;
}

static zk_err exec_loop(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    zk_err err;
    if (s->u.loop.init && (err = circom_elab_exec_stmt(x, f, s->u.loop.init)))
        return err;
    bool opaque = false;
    for (;;) {
        circom_val_mark m = circom_val_scratch_mark(&x->scratch);
        circom_val c;
        if ((err = circom_elab_eval_scalar(x, f, s->u.loop.cond, &c)))
            return err;
        circom_val_scratch_release(&x->scratch, m);
        if (c.kind != CIRCOM_VAL_CONST) {
            if ((err = check_no_constraints(x, f, s, s->u.loop.cond)))
                return err;
            if (!x->witness) {
                opaque = true;
                break;
            }
            if (!c.known)
                return circom_elab_error(x, f, &s->u.loop.cond->loc,
                                         "this condition reads a signal that has no value yet");
            opaque = true;
        }
        if (!circom_val_truth(&c))
            break;
        if ((err = circom_elab_exec_stmt(x, f, s->u.loop.body)))
            return err;
        if (f->returned)
            break;
        if (s->u.loop.step && (err = circom_elab_exec_stmt(x, f, s->u.loop.step)))
            return err;
    }
    if (opaque)
        make_opaque(x, f, s);
    return ZK_OK;
}

static zk_err exec_log(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    if (!x->witness || !x->log)
        return ZK_OK;
    for (uint32_t i = 0; i < s->u.log.n; i++) {
        const circom_log_arg *a = &s->u.log.args[i];
        if (i)
            fputc(' ', x->log);
        if (a->str) {
            /* A string from the source goes to a terminal: escaped. */
            zk_text_write(x->log, a->str, false);
            continue;
        }
        circom_val v;
        zk_err err = circom_elab_eval_scalar(x, f, a->expr, &v);
        if (err)
            return err;
        if (!v.known) {
            fputs("(unknown)", x->log);
            continue;
        }
        char d[MONT256_DEC_MAX + 1];
        circom_val_format(d, &v.w);
        fputs(d, x->log);
    }
    fputc('\n', x->log);
    return ZK_OK;
}

static zk_err exec_assert(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    circom_val c;
    zk_err err = circom_elab_eval_scalar(x, f, s->u.assert_.cond, &c);
    if (err)
        return err;
    bool decided = c.kind == CIRCOM_VAL_CONST || (x->witness && c.known);
    if (decided && !circom_val_truth(&c))
        return circom_elab_error(x, f, &s->loc, "assert fails");
    return ZK_OK;
}

/* ---- statements ------------------------------------------------------------------------- */

/* `x += e`, `x -= e` (and `x = x + e`) on one element of a variable, added
 * in place (see circom_val_accumulate): a sum over n signals built in a loop would
 * otherwise be copied on every turn, n^2 work. *done is false when the
 * general way must be taken (only the place was evaluated then). */
static zk_err accumulate(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s, bool *done)
{
    const circom_expr *rhs = s->u.assign.rhs, *lhs = s->u.assign.lhs;
    *done = false;
    if (rhs->kind != CIRCOM_E_BIN || (rhs->op != CIRCOM_ADD && rhs->op != CIRCOM_SUB))
        return ZK_OK;
    /* x += e, or x = x + e with x a plain variable */
    const circom_expr *a = rhs->u.ops.a;
    bool same = a->kind == CIRCOM_E_VAR && a->u.var.slot == lhs->u.var.slot && !a->u.var.nacc &&
                !lhs->u.var.nacc;
    if (!s->u.assign.compound && !same)
        return ZK_OK;
    circom_elab_place pl;
    circom_elab_res b;
    zk_err err = circom_elab_place_of(x, f, lhs, true, &pl);
    if (err || pl.kind != CIRCOM_ELAB_PL_VAR || pl.dynamic || pl.n != 1 || pl.ndims)
        return err;
    if ((err = circom_elab_eval(x, f, rhs->u.ops.b, &b)))
        return err;
    circom_val *dst = &pl.slot->vals[pl.off];
    if (!b.arr && (err = circom_val_accumulate(&x->vc, dst, &b.v, rhs->op == CIRCOM_SUB, done)))
        return err;
    if (*done)
        return ZK_OK;
    /* Not a sum of linear values: the general way, on the value already
     * evaluated. */
    circom_val cur = *dst, r;
    cur.owned = false;
    if (b.arr)
        return circom_elab_scalar_expected(x, f, rhs->u.ops.b);
    x->vc.error = NULL;
    if (circom_val_binop(&x->vc, &r, rhs->op, &cur, &b.v))
        return circom_elab_op_error(x, f, rhs);
    *done = true;
    return circom_val_store(dst, &r);
}

static zk_err exec_var_assign(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    const circom_expr *lhs = s->u.assign.lhs;
    circom_elab_res r;
    circom_elab_place pl;
    bool done;
    zk_err err = accumulate(x, f, s, &done);
    if (err || done)
        return err;
    if ((err = circom_elab_eval(x, f, s->u.assign.rhs, &r)) ||
        (err = circom_elab_place_of(x, f, lhs, true, &pl)))
        return err;
    if (pl.kind != CIRCOM_ELAB_PL_VAR)
        return circom_elab_error(x, f, &s->loc, "'%s' is not a variable", lhs->u.var.name);
    if (!pl.dynamic)
        return store_var(x, f, &s->loc, &pl, &r);
    return store_var_dynamic(x, f, &s->loc, &pl, &r);
}

/* The three kinds of assignment, called through a table for the reason
 * given at exec_by_kind below. */
typedef zk_err (*exec_fn)(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s);
static const exec_fn assign_by_form[] = {exec_var_assign, exec_signal_assign, exec_component_assign};

static zk_err exec_assign(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    const circom_expr *rhs = s->u.assign.rhs;
    bool component = s->u.assign.lhs->u.var.slot_kind == CIRCOM_SLOT_COMP &&
                     rhs->kind == CIRCOM_E_CALL && rhs->u.call.def &&
                     rhs->u.call.def->kind == CIRCOM_DEF_TEMPLATE;
    return assign_by_form[component ? 2 : s->u.assign.op != CIRCOM_AS_VAR](x, f, s);
}

static zk_err exec_return(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    circom_elab_res r;
    zk_err err = circom_elab_eval(x, f, s->u.ret.value, &r);
    if (err)
        return err;
    /* The value outlives this statement's scratch: keep it on the heap
     * until the caller copies it back. */
    circom_elab_res *ret = f->ret;
    *ret = r;
    uint32_t n = r.arr ? r.n : 1;
    circom_val *heap = zk_calloc(n, sizeof *heap);
    if (!heap)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        if ((err = circom_val_store(&heap[i], r.arr ? &r.elems[i] : &r.v))) {
            for (uint32_t k = 0; k < n; k++)
                circom_val_release(&heap[k]);
            zk_free(heap);
            return err;
        }
    }
    ret->elems = heap;
    f->returned = true;
    return ZK_OK;
}

static zk_err exec_block(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    zk_err err;
    for (uint32_t i = 0; i < s->u.block.n && !f->returned; i++)
        if ((err = circom_elab_exec_stmt(x, f, s->u.block.items[i])))
            return err;
    return ZK_OK;
}

/* One function per kind of statement, called through this table rather
 * than a switch: the compiler then cannot merge their locals into one big
 * frame, and each level of a deep recursion costs only the frame of the
 * statement it is in. */
static const exec_fn exec_by_kind[] = {
    [CIRCOM_S_VAR] = exec_decl,
    [CIRCOM_S_SIGNAL] = exec_decl,
    [CIRCOM_S_COMP] = exec_decl,
    [CIRCOM_S_ASSIGN] = exec_assign,
    [CIRCOM_S_CONSTRAIN] = exec_constrain,
    [CIRCOM_S_IF] = exec_if,
    [CIRCOM_S_WHILE] = exec_loop,
    [CIRCOM_S_FOR] = exec_loop,
    [CIRCOM_S_RETURN] = exec_return,
    [CIRCOM_S_LOG] = exec_log,
    [CIRCOM_S_ASSERT] = exec_assert,
    [CIRCOM_S_BLOCK] = exec_block,
    [CIRCOM_S_SEQ] = exec_block,
};

zk_err circom_elab_too_deep(circom_elab_ctx *x, const circom_elab_frame *f, const circom_loc *loc)
{
    return circom_elab_error(x, f, loc,
                             "nested too deeply: over %d expressions, statements and calls "
                             "inside one another (endless recursion?)",
                             CIRCOM_ELAB_MAX_NEST);
}

zk_err circom_elab_over_budget(circom_elab_ctx *x, const circom_loc *loc, circom_elab_budget b)
{
    static const char *const what[] = {
        [CIRCOM_ELAB_B_CONSTRAINTS] = "the circuit makes more than %llu constraints",
        [CIRCOM_ELAB_B_TERMS] = "the constraints hold more than %llu terms",
        [CIRCOM_ELAB_B_SIGNALS] = "the circuit has more than %llu signals",
        [CIRCOM_ELAB_B_INSTANCES] = "the circuit has more than %llu component instances",
        [CIRCOM_ELAB_B_VARS] = "the variables hold more than %llu values at once",
    };
    uint64_t n =
        x->max_constraints * (b == CIRCOM_ELAB_B_TERMS ? CIRCOM_ELAB_TERMS_PER_CONSTRAINT : 1);
    char msg[160];
    snprintf(msg, sizeof msg, what[b], (unsigned long long)n);
    x->over_budget = true;
    return circom_elab_error(x, NULL, loc,
                             "%s, the limit set by --max-constraints (%llu); raise it to go on",
                             msg, (unsigned long long)x->max_constraints);
}

zk_err circom_elab_exec_stmt(circom_elab_ctx *x, circom_elab_frame *f, const circom_stmt *s)
{
    /* Work that makes nothing is what an endless loop does: the program may
     * run max_steps statements, and more as it makes constraints and
     * signals, which the size budget bounds in turn. Long sums cost time
     * too, a step for every CIRCOM_ELAB_TERMS_PER_STEP terms added up. */
    uint64_t work = ++x->steps + x->vc.work / CIRCOM_ELAB_TERMS_PER_STEP;
    if (work > x->max_steps + CIRCOM_ELAB_STEPS_PER_ITEM * ((uint64_t)x->sys.n_rows + x->nsig)) {
        x->over_budget = true;
        return circom_elab_error(
            x, f, &s->loc,
            "the program runs too long: more than %llu steps (the "
            "limit set by --max-steps, plus %d for each constraint or signal made): "
            "an endless loop?",
            (unsigned long long)x->max_steps, CIRCOM_ELAB_STEPS_PER_ITEM);
    }
    if (x->nest >= CIRCOM_ELAB_MAX_NEST)
        return circom_elab_too_deep(x, f, &s->loc);
    x->nest++;
    zk_err err;
    /* Blocks and loops keep no temporaries of their own; everything else
     * frees its temporaries when done. */
    if (s->kind == CIRCOM_S_BLOCK || s->kind == CIRCOM_S_SEQ || s->kind == CIRCOM_S_FOR ||
        s->kind == CIRCOM_S_WHILE || s->kind == CIRCOM_S_IF) {
        err = exec_by_kind[s->kind](x, f, s);
    } else {
        circom_val_mark m = circom_val_scratch_mark(&x->scratch);
        err = exec_by_kind[s->kind](x, f, s);
        circom_val_scratch_release(&x->scratch, m);
    }
    x->nest--;
    return err;
}
