/* Elaboration from start to finish: running main, then putting the signals
 * and constraints in Circom's order (the labels of the .sym file), and the
 * warnings that need the whole circuit. */
#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/circom_elab.h"
#include "core/alloc.h"

zk_err circom_elab_init(circom_elab_ctx *x, circom_ctx *cc, bool witness, const cJSON *inputs,
                        FILE *log)
{
    memset(x, 0, sizeof *x);
    x->cc = cc;
    x->witness = witness;
    x->inputs = inputs;
    x->log = log;
    x->max_steps = CIRCOM_DEFAULT_STEPS;
    x->max_constraints = circom_default_max_constraints();
    r1cs_init(&x->sys);
    circom_val_scratch_init(&x->scratch);
    x->vc.scratch = &x->scratch;
    for (int i = 0; i < 3; i++)
        r1cs_lc_init(&x->lc[i]);
    /* Temporary id 0 is the constant one, as wire 0. */
    x->cap_sig = 1024;
    x->val = zk_alloc(x->cap_sig, sizeof *x->val);
    x->flags = zk_calloc(x->cap_sig, 1);
    x->alias = zk_alloc(x->cap_sig, sizeof *x->alias);
    if (!x->val || !x->flags || !x->alias)
        return ZK_ENOMEM;
    x->nsig = 1;
    fr_one(&x->val[0]);
    x->flags[0] = CIRCOM_ELAB_SF_ASSIGNED | CIRCOM_ELAB_SF_KNOWN;
    x->alias[0] = 0;
    return ZK_OK;
}

void circom_elab_free(circom_elab_ctx *x)
{
    for (uint32_t i = 0; i < x->ninsts; i++) {
        circom_elab_inst *in = x->insts[i];
        for (uint32_t k = 0; k < in->nargs; k++)
            zk_free(in->args[k].v);
        zk_free(in->args);
        zk_free(in->sigs);
        zk_free(in->kids);
        zk_free(in->ph);
        zk_free(in->ph_hash);
        zk_free(in);
    }
    zk_free(x->insts);
    if (x->val)
        zk_free_secret(x->val, x->cap_sig, sizeof *x->val);
    zk_free(x->flags);
    zk_free(x->alias);
    zk_free(x->con_inst);
    zk_free(x->con_stmt);
    r1cs_free(&x->sys);
    circom_val_scratch_free(&x->scratch);
    for (int i = 0; i < 3; i++)
        r1cs_lc_free(&x->lc[i]);
    memset(x, 0, sizeof *x);
}

zk_err circom_elab_run_main(circom_elab_ctx *x)
{
    const circom_expr *call = x->cc->main.call;
    const circom_def *t = call->u.call.def;
    circom_elab_inst *root;
    zk_err err = circom_elab_new_inst(x, NULL, t, "main", NULL, 0, &call->loc, &root);
    if (err)
        return err;
    x->root = root;
    root->loc = call->loc;
    root->args = zk_calloc(t->nparams ? t->nparams : 1, sizeof *root->args);
    if (!root->args)
        return ZK_ENOMEM;
    root->nargs = t->nparams;
    /* main's arguments are constant expressions, evaluated in an empty frame. */
    circom_elab_frame top = {NULL, NULL, NULL, false, NULL};
    for (uint32_t i = 0; i < t->nparams; i++) {
        circom_val_mark m = circom_val_scratch_mark(&x->scratch);
        circom_elab_res r;
        if ((err = circom_elab_eval(x, &top, call->u.call.args[i], &r)))
            return err;
        circom_elab_arg *a = &root->args[i];
        a->n = r.arr ? r.n : 1;
        a->ndims = r.arr ? r.ndims : 0;
        memcpy(a->dims, r.dims, a->ndims * sizeof *r.dims);
        a->v = zk_alloc(a->n, sizeof *a->v);
        if (!a->v)
            return ZK_ENOMEM;
        for (uint32_t k = 0; k < a->n; k++) {
            const circom_val *v = r.arr ? &r.elems[k] : &r.v;
            if (v->kind != CIRCOM_VAL_CONST)
                return circom_error(x->cc, &call->loc, "the arguments of main must be constants");
            a->v[k] = v->w;
        }
        circom_val_scratch_release(&x->scratch, m);
    }
    return circom_elab_run_inst(x, root, &call->loc);
}

/* ---- Circom's order -------------------------------------------------------------------- */

static int cmp_kids(const void *a, const void *b)
{
    const circom_elab_inst *x = *(circom_elab_inst *const *)a, *y = *(circom_elab_inst *const *)b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    for (uint32_t i = 0; i < x->nidx && i < y->nidx; i++)
        if (x->idx[i] != y->idx[i])
            return x->idx[i] < y->idx[i] ? -1 : 1;
    return x->nidx < y->nidx ? -1 : x->nidx > y->nidx;
}

/* The order of an instance's own signal declarations: outputs, public
 * inputs, private inputs, intermediates, each in declaration order. */
static int decl_rank(const circom_elab_sigdecl *sd)
{
    switch (sd->kind) {
    case CIRCOM_SIG_OUTPUT: return 0;
    case CIRCOM_SIG_INPUT: return sd->pub ? 1 : 2;
    default: return 3;
    }
}

zk_err circom_elab_walk(circom_elab_ctx *x, circom_elab_inst *in, circom_elab_walk_fn fn,
                        void *user, uint32_t *dfs)
{
    in->dfs = (*dfs)++;
    zk_err err;
    for (int rank = 0; rank < 4; rank++) {
        for (uint32_t i = 0; i < in->nsigs; i++) {
            const circom_elab_sigdecl *sd = &in->sigs[i];
            if (decl_rank(sd) != rank)
                continue;
            for (uint32_t k = 0; k < sd->n; k++)
                if ((err = fn(user, in, sd, k)))
                    return err;
        }
    }
    if (in->nkids > 1)
        qsort(in->kids, in->nkids, sizeof *in->kids, cmp_kids);
    for (uint32_t i = 0; i < in->nkids; i++)
        if ((err = circom_elab_walk(x, in->kids[i], fn, user, dfs)))
            return err;
    return ZK_OK;
}

typedef struct number_ctx {
    circom_elab_ctx *x;
    uint32_t *map;
    uint32_t next;
} number_ctx;

static zk_err number_one(void *user, circom_elab_inst *in, const circom_elab_sigdecl *sd,
                         uint32_t k)
{
    (void)in;
    number_ctx *n = user;
    n->map[sd->base + k] = n->next++;
    return ZK_OK;
}

zk_err circom_elab_finalize(circom_elab_ctx *x, uint32_t *n_labels)
{
    uint32_t *map = zk_alloc(x->nsig, sizeof *map);
    if (!map)
        return ZK_ENOMEM;
    number_ctx nc = {x, map, 1};
    map[0] = 0;
    uint32_t dfs = 0;
    zk_err err = circom_elab_walk(x, x->root, number_one, &nc, &dfs);
    if (!err) {
        /* Placeholders stand for the inputs that took them over. */
        for (uint32_t id = 1; id < x->nsig; id++)
            if (x->flags[id] & CIRCOM_ELAB_SF_PLACEHOLDER)
                map[id] = map[x->alias[id]];
        err = r1cs_renumber(&x->sys, map, nc.next);
    }
    if (!err) {
        /* Values follow their signals to the new numbering. */
        fr_t *val = zk_alloc(nc.next, sizeof *val);
        uint8_t *flags = zk_alloc(nc.next, 1);
        if (!val || !flags) {
            zk_free(val);
            zk_free(flags);
            err = ZK_ENOMEM;
        } else {
            for (uint32_t id = 0; id < x->nsig; id++) {
                if (x->flags[id] & CIRCOM_ELAB_SF_PLACEHOLDER)
                    continue;
                val[map[id]] = x->val[id];
                flags[map[id]] = x->flags[id];
            }
            zk_free_secret(x->val, x->cap_sig, sizeof *x->val);
            zk_free(x->flags);
            x->val = val;
            x->flags = flags;
            x->cap_sig = x->nsig = nc.next;
        }
    }
    zk_free(map);
    if (err)
        return err;
    /* Constraints of a component come before those of its subcomponents:
     * a stable counting sort by the instance's place in the walk. */
    size_t n = x->sys.n_rows;
    size_t *count = zk_calloc((size_t)x->ninsts + 1, sizeof *count);
    size_t *order = zk_alloc(n ? n : 1, sizeof *order);
    const circom_stmt **stmts = zk_alloc(n ? n : 1, sizeof *stmts);
    uint32_t *insts = zk_alloc(n ? n : 1, sizeof *insts);
    if (!count || !order || !stmts || !insts) {
        err = ZK_ENOMEM;
    } else {
        for (size_t i = 0; i < n; i++)
            count[x->insts[x->con_inst[i]]->dfs + 1]++;
        for (uint32_t i = 0; i < x->ninsts; i++)
            count[i + 1] += count[i];
        for (size_t i = 0; i < n; i++) {
            size_t at = count[x->insts[x->con_inst[i]]->dfs]++;
            order[at] = i;
            stmts[at] = x->con_stmt[i];
            insts[at] = x->con_inst[i];
        }
        err = r1cs_reorder_rows(&x->sys, order, n);
        if (!err && n) {
            memcpy(x->con_stmt, stmts, n * sizeof *stmts);
            memcpy(x->con_inst, insts, n * sizeof *insts);
        }
    }
    zk_free(count);
    zk_free(order);
    zk_free(stmts);
    zk_free(insts);
    if (err)
        return err;
    const circom_elab_inst *r = x->root;
    uint32_t out = 0, pub = 0, prv = 0;
    for (uint32_t i = 0; i < r->nsigs; i++) {
        const circom_elab_sigdecl *sd = &r->sigs[i];
        if (sd->kind == CIRCOM_SIG_OUTPUT)
            out += sd->n;
        else if (sd->kind == CIRCOM_SIG_INPUT && sd->pub)
            pub += sd->n;
        else if (sd->kind == CIRCOM_SIG_INPUT)
            prv += sd->n;
    }
    x->sys.n_pub_out = out;
    x->sys.n_pub_in = pub;
    x->sys.n_prv_in = prv;
    x->sys.n_labels = nc.next;
    *n_labels = nc.next;
    return ZK_OK;
}

/* ---- warnings --------------------------------------------------------------------------- */

void circom_elab_warn(circom_elab_ctx *x)
{
    const uint32_t max = 20;
    uint32_t n = 0;
    const circom_stmt **seen = zk_calloc(2 * max + 2, sizeof *seen);
    uint32_t nseen = 0;
    if (!seen)
        return;
    for (uint32_t i = 0; i < x->ninsts && n < max; i++) {
        const circom_elab_inst *in = x->insts[i];
        for (uint32_t s = 0; s < in->nsigs && n < max; s++) {
            const circom_elab_sigdecl *sd = &in->sigs[s];
            bool out_free = false, arrow_free = false;
            for (uint32_t k = 0; k < sd->n; k++) {
                uint8_t f = x->flags[sd->base + k];
                if (!(f & CIRCOM_ELAB_SF_CONSTRAINED)) {
                    out_free |= sd->kind == CIRCOM_SIG_OUTPUT;
                    arrow_free |= (f & CIRCOM_ELAB_SF_ARROW) != 0;
                }
            }
            if (!out_free && !arrow_free)
                continue;
            bool dup = false;
            for (uint32_t k = 0; k < nseen; k++)
                dup |= seen[k] == sd->decl;
            if (dup)
                continue;
            seen[nseen++] = sd->decl;
            if (out_free)
                circom_warning(x->cc, &sd->decl->loc,
                               "output '%s' of %s is never constrained: a prover "
                               "may set it to anything",
                               sd->name, in->tmpl->name);
            else
                circom_warning(x->cc, &sd->decl->loc,
                               "'%s' of %s is assigned with <-- but appears in no "
                               "constraint: nothing checks its value",
                               sd->name, in->tmpl->name);
            n++;
        }
    }
    zk_free(seen);
}
