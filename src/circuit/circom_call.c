/* Calls of the Circom interpreter: functions, component runs, and main's
 * inputs from circom's input.json. */
#include <cJSON.h>
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"

/* ---- main's inputs ------------------------------------------------------------------------ */

static zk_err json_value(circom_elab_ctx *x, const cJSON *j, fr_t *out, const char *name)
{
    if (cJSON_IsString(j)) {
        const char *s = j->valuestring;
        bool neg = s[0] == '-';
        zk_err err = fr_from_str(out, s + neg);
        if (err == ZK_ENONCANONICAL)
            return circom_error(x->cc, NULL, "input '%s': %s is not below the field modulus", name,
                                s);
        if (err)
            return circom_error(x->cc, NULL, "input '%s': \"%s\" is not a number", name, s);
        if (neg)
            fr_neg(out, out);
        return ZK_OK;
    }
    if (cJSON_IsNumber(j)) {
        double d = j->valuedouble;
        if (d != (double)(int64_t)d || d > 9007199254740992.0 || d < -9007199254740992.0)
            return circom_error(x->cc, NULL, "input '%s': %g is not an integer that JSON numbers "
                                "hold exactly; write big values as strings", name, d);
        int64_t v = (int64_t)d;
        fr_from_u64(out, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
        if (v < 0)
            fr_neg(out, out);
        return ZK_OK;
    }
    return circom_error(x->cc, NULL, "input '%s': values must be numbers or decimal strings", name);
}

/* Flattens nested arrays into out[*n], at most max values. */
static zk_err json_flatten(circom_elab_ctx *x, const cJSON *j, fr_t *out, uint32_t *n, uint32_t max,
                           const char *name, int depth)
{
    if (depth > CIRCOM_ELAB_MAXD + 1)
        return circom_error(x->cc, NULL, "input '%s' is nested too deeply", name);
    if (cJSON_IsArray(j)) {
        for (const cJSON *e = j->child; e; e = e->next) {
            zk_err err = json_flatten(x, e, out, n, max, name, depth + 1);
            if (err)
                return err;
        }
        return ZK_OK;
    }
    if (*n >= max)
        return circom_error(x->cc, NULL, "input '%s' has more than the %u values it needs", name,
                            max);
    return json_value(x, j, &out[(*n)++], name);
}

zk_err circom_elab_main_input(circom_elab_ctx *x, const circom_elab_sigdecl *sd)
{
    for (uint32_t i = 0; i < sd->n; i++)
        x->flags[sd->base + i] |= CIRCOM_ELAB_SF_ASSIGNED;
    if (!x->witness)
        return ZK_OK;
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(x->inputs, sd->name);
    if (!j)
        return circom_error(x->cc, NULL, "input '%s' is missing from the inputs", sd->name);
    uint32_t n = 0;
    zk_err err = json_flatten(x, j, x->val + sd->base, &n, sd->n, sd->name, 0);
    if (err)
        return err;
    if (n != sd->n)
        return circom_error(x->cc, NULL, "input '%s' needs %u value%s but %u %s given", sd->name,
                            sd->n, sd->n == 1 ? "" : "s", n, n == 1 ? "is" : "are");
    for (uint32_t i = 0; i < sd->n; i++)
        x->flags[sd->base + i] |= CIRCOM_ELAB_SF_KNOWN;
    return ZK_OK;
}

/* ---- calls --------------------------------------------------------------------------------- */

static zk_err bind_param(circom_elab_ctx *x, const circom_loc *loc, circom_elab_slot *slot,
                         const circom_elab_res *r)
{
    uint32_t n = r->arr ? r->n : 1;
    zk_err err = circom_elab_slot_var(x, loc, slot, r->dims, r->arr ? r->ndims : 0, n);
    for (uint32_t i = 0; !err && i < n; i++)
        err = circom_val_store(&slot->vals[i], r->arr ? &r->elems[i] : &r->v);
    return err;
}

zk_err circom_elab_call_function(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *call,
                                 circom_elab_res *out)
{
    const circom_def *d = call->u.call.def;
    if (x->depth >= CIRCOM_ELAB_MAX_DEPTH)
        return circom_elab_error(x, f, &call->loc,
                                 "calls nested too deeply (over %d): endless recursion?",
                                 CIRCOM_ELAB_MAX_DEPTH);
    circom_elab_frame g = {d, NULL, zk_calloc(d->nslots ? d->nslots : 1, sizeof(circom_elab_slot)),
                           false, NULL};
    if (!g.slots)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < d->nparams && !err; i++) {
        circom_elab_res a;
        if (!(err = circom_elab_eval(x, f, call->u.call.args[i], &a)))
            err = bind_param(x, &call->loc, &g.slots[i], &a);
    }
    circom_elab_res ret;
    memset(&ret, 0, sizeof ret);
    g.ret = &ret;
    x->depth++;
    circom_val_mark m = circom_val_scratch_mark(&x->scratch);
    if (!err)
        err = circom_elab_exec_stmt(x, &g, d->body);
    circom_val_scratch_release(&x->scratch, m);
    x->depth--;
    if (!err && !g.returned)
        err = circom_elab_error(x, f, &call->loc, "function '%s' ends without returning a value",
                                d->name);
    /* Bring the heap copy of the result back onto the caller's scratch. */
    uint32_t n = ret.arr ? ret.n : 1;
    if (!err) {
        *out = ret;
        if (ret.arr) {
            out->elems = circom_val_scratch_alloc(&x->scratch, (size_t)n * sizeof *out->elems);
            if (!out->elems)
                err = ZK_ENOMEM;
        }
        for (uint32_t i = 0; !err && i < n; i++)
            err =
                circom_val_copy_scratch(&x->vc, ret.arr ? &out->elems[i] : &out->v, &ret.elems[i]);
    }
    if (ret.elems) {
        for (uint32_t i = 0; i < n; i++)
            circom_val_release(&ret.elems[i]);
        zk_free(ret.elems);
    }
    circom_elab_free_slots(x, g.slots, d->nslots);
    return err;
}

zk_err circom_elab_run_inst(circom_elab_ctx *x, circom_elab_inst *in, const circom_loc *why)
{
    (void)why;
    if (x->depth >= CIRCOM_ELAB_MAX_DEPTH)
        return circom_error(x->cc, &in->loc,
                            "components nested too deeply (over %d): a template that "
                            "instantiates itself?",
                            CIRCOM_ELAB_MAX_DEPTH);
    const circom_def *t = in->tmpl;
    circom_elab_frame g = {t, in, zk_calloc(t->nslots ? t->nslots : 1, sizeof(circom_elab_slot)),
                           false, NULL};
    if (!g.slots)
        return ZK_ENOMEM;
    in->state = CIRCOM_ELAB_RUNNING;
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < in->nargs && !err; i++) {
        circom_elab_res a;
        memset(&a, 0, sizeof a);
        circom_val *vals = zk_calloc(in->args[i].n, sizeof *vals);
        if (!vals) {
            err = ZK_ENOMEM;
            break;
        }
        for (uint32_t k = 0; k < in->args[i].n; k++)
            circom_val_const(&vals[k], &in->args[i].v[k]);
        a.arr = in->args[i].ndims > 0;
        a.ndims = in->args[i].ndims;
        memcpy(a.dims, in->args[i].dims, a.ndims * sizeof *a.dims);
        a.n = in->args[i].n;
        a.elems = vals;
        a.v = vals[0];
        err = bind_param(x, &in->loc, &g.slots[i], &a);
        zk_free(vals);
    }
    x->depth++;
    /* A component may run while its parent evaluates a constraint that
     * reads its output; its own statements are not part of that. */
    unsigned in_constraint = x->in_constraint;
    x->in_constraint = 0;
    circom_val_mark m = circom_val_scratch_mark(&x->scratch);
    if (!err)
        err = circom_elab_exec_stmt(x, &g, t->body);
    /* Components whose outputs were never read still run, in the order
     * they were created. */
    for (uint32_t i = 0; !err && i < in->nkids; i++)
        if (in->kids[i]->state == CIRCOM_ELAB_PENDING)
            err = circom_elab_run_inst(x, in->kids[i], &in->kids[i]->loc);
    circom_val_scratch_release(&x->scratch, m);
    x->in_constraint = in_constraint;
    x->depth--;
    for (uint32_t i = 0; !err && i < in->nph; i++) {
        const circom_elab_ph *p = &in->ph[i];
        if (!p->bound)
            err = circom_error(
                x->cc, &p->loc, "template %s has no input '%s'%s", t->name, p->name,
                circom_elab_template_io(t, p->name) == 1 ? " declared with these dimensions" : "");
    }
    circom_elab_free_slots(x, g.slots, t->nslots);
    in->state = CIRCOM_ELAB_DONE;
    return err;
}
