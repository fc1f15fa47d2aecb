/* Calls of the Circom interpreter: functions, component runs, and main's
 * inputs from circom's input.json. */
#include <cJSON.h>
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"

/* ---- main's inputs ------------------------------------------------------------------------ */

static zk_err json_value(cx_ctx *x, const cJSON *j, fr_t *out, const char *name)
{
    if (cJSON_IsString(j)) {
        const char *s = j->valuestring;
        bool neg = s[0] == '-';
        zk_err err = fr_from_str(out, s + neg);
        if (err == ZK_ENONCANONICAL)
            return cc_error(x->cc, NULL, "input '%s': %s is not below the field modulus", name, s);
        if (err)
            return cc_error(x->cc, NULL, "input '%s': \"%s\" is not a number", name, s);
        if (neg)
            fr_neg(out, out);
        return ZK_OK;
    }
    if (cJSON_IsNumber(j)) {
        double d = j->valuedouble;
        if (d != (double)(int64_t)d || d > 9007199254740992.0 || d < -9007199254740992.0)
            return cc_error(x->cc, NULL, "input '%s': %g is not an integer that JSON numbers "
                            "hold exactly; write big values as strings", name, d);
        int64_t v = (int64_t)d;
        fr_from_u64(out, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
        if (v < 0)
            fr_neg(out, out);
        return ZK_OK;
    }
    return cc_error(x->cc, NULL, "input '%s': values must be numbers or decimal strings", name);
}

/* Flattens nested arrays into out[*n], at most max values. */
static zk_err json_flatten(cx_ctx *x, const cJSON *j, fr_t *out, uint32_t *n, uint32_t max,
                           const char *name, int depth)
{
    if (depth > CX_MAXD + 1)
        return cc_error(x->cc, NULL, "input '%s' is nested too deeply", name);
    if (cJSON_IsArray(j)) {
        for (const cJSON *e = j->child; e; e = e->next) {
            zk_err err = json_flatten(x, e, out, n, max, name, depth + 1);
            if (err)
                return err;
        }
        return ZK_OK;
    }
    if (*n >= max)
        return cc_error(x->cc, NULL, "input '%s' has more than the %u values it needs", name, max);
    return json_value(x, j, &out[(*n)++], name);
}

zk_err cx_main_input(cx_ctx *x, const cx_sigdecl *sd)
{
    for (uint32_t i = 0; i < sd->n; i++)
        x->flags[sd->base + i] |= CX_SF_ASSIGNED;
    if (!x->witness)
        return ZK_OK;
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(x->inputs, sd->name);
    if (!j)
        return cc_error(x->cc, NULL, "input '%s' is missing from the inputs", sd->name);
    uint32_t n = 0;
    zk_err err = json_flatten(x, j, x->val + sd->base, &n, sd->n, sd->name, 0);
    if (err)
        return err;
    if (n != sd->n)
        return cc_error(x->cc, NULL, "input '%s' needs %u value%s but %u %s given", sd->name,
                        sd->n, sd->n == 1 ? "" : "s", n, n == 1 ? "is" : "are");
    for (uint32_t i = 0; i < sd->n; i++)
        x->flags[sd->base + i] |= CX_SF_KNOWN;
    return ZK_OK;
}

/* ---- calls --------------------------------------------------------------------------------- */

static zk_err bind_param(cx_ctx *x, const cc_loc *loc, cx_slot *slot, const cx_res *r)
{
    uint32_t n = r->arr ? r->n : 1;
    zk_err err = cx_slot_var(x, loc, slot, r->dims, r->arr ? r->ndims : 0, n);
    for (uint32_t i = 0; !err && i < n; i++)
        err = cv_store(&slot->vals[i], r->arr ? &r->elems[i] : &r->v);
    return err;
}

zk_err cx_call_function(cx_ctx *x, cx_frame *f, const cc_expr *call, cx_res *out)
{
    const cc_def *d = call->u.call.def;
    if (x->depth >= CX_MAX_DEPTH)
        return cx_error(x, f, &call->loc, "calls nested too deeply (over %d): endless recursion?",
                        CX_MAX_DEPTH);
    cx_frame g = {d, NULL, zk_calloc(d->nslots ? d->nslots : 1, sizeof(cx_slot)), false, NULL};
    if (!g.slots)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < d->nparams && !err; i++) {
        cx_res a;
        if (!(err = cx_eval(x, f, call->u.call.args[i], &a)))
            err = bind_param(x, &call->loc, &g.slots[i], &a);
    }
    cx_res ret;
    memset(&ret, 0, sizeof ret);
    g.ret = &ret;
    x->depth++;
    cv_mark m = cv_scratch_mark(&x->scratch);
    if (!err)
        err = cx_exec_stmt(x, &g, d->body);
    cv_scratch_release(&x->scratch, m);
    x->depth--;
    if (!err && !g.returned)
        err = cx_error(x, f, &call->loc, "function '%s' ends without returning a value", d->name);
    /* Bring the heap copy of the result back onto the caller's scratch. */
    uint32_t n = ret.arr ? ret.n : 1;
    if (!err) {
        *out = ret;
        if (ret.arr) {
            out->elems = cv_scratch_alloc(&x->scratch, (size_t)n * sizeof *out->elems);
            if (!out->elems)
                err = ZK_ENOMEM;
        }
        for (uint32_t i = 0; !err && i < n; i++)
            err = cv_copy_scratch(&x->vc, ret.arr ? &out->elems[i] : &out->v, &ret.elems[i]);
    }
    if (ret.elems) {
        for (uint32_t i = 0; i < n; i++)
            cv_release(&ret.elems[i]);
        zk_free(ret.elems);
    }
    cx_free_slots(x, g.slots, d->nslots);
    return err;
}

zk_err cx_run_inst(cx_ctx *x, cx_inst *in, const cc_loc *why)
{
    (void)why;
    if (x->depth >= CX_MAX_DEPTH)
        return cc_error(x->cc, &in->loc, "components nested too deeply (over %d): a template that "
                        "instantiates itself?", CX_MAX_DEPTH);
    const cc_def *t = in->tmpl;
    cx_frame g = {t, in, zk_calloc(t->nslots ? t->nslots : 1, sizeof(cx_slot)), false, NULL};
    if (!g.slots)
        return ZK_ENOMEM;
    in->state = CX_RUNNING;
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < in->nargs && !err; i++) {
        cx_res a;
        memset(&a, 0, sizeof a);
        cv_val *vals = zk_calloc(in->args[i].n, sizeof *vals);
        if (!vals) {
            err = ZK_ENOMEM;
            break;
        }
        for (uint32_t k = 0; k < in->args[i].n; k++)
            cv_const(&vals[k], &in->args[i].v[k]);
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
    cv_mark m = cv_scratch_mark(&x->scratch);
    if (!err)
        err = cx_exec_stmt(x, &g, t->body);
    /* Components whose outputs were never read still run, in the order
     * they were created. */
    for (uint32_t i = 0; !err && i < in->nkids; i++)
        if (in->kids[i]->state == CX_PENDING)
            err = cx_run_inst(x, in->kids[i], &in->kids[i]->loc);
    cv_scratch_release(&x->scratch, m);
    x->in_constraint = in_constraint;
    x->depth--;
    for (uint32_t i = 0; !err && i < in->nph; i++) {
        const cx_ph *p = &in->ph[i];
        if (!p->bound)
            err = cc_error(x->cc, &p->loc, "template %s has no input '%s'%s", t->name, p->name,
                           cx_template_io(t, p->name) == 1 ? " declared with these dimensions" : "");
    }
    cx_free_slots(x, g.slots, t->nslots);
    in->state = CX_DONE;
    return err;
}
