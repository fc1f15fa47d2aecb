/* Expressions and access paths (x[i], c[j].in[k]) of the Circom interpreter. */
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"

zk_err circom_elab_scalar_expected(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e)
{
    return circom_elab_error(x, f, &e->loc, "an array is used where a single value is expected");
}

zk_err circom_elab_eval_scalar(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                               circom_val *out)
{
    circom_elab_res r;
    zk_err err = circom_elab_eval(x, f, e, &r);
    if (err)
        return err;
    if (r.arr)
        return circom_elab_scalar_expected(x, f, e);
    *out = r.v;
    return ZK_OK;
}

/* Why v is no index below limit: negative, too large, or out of range. */
static zk_err index_error(circom_elab_ctx *x, circom_elab_frame *f, const circom_loc *loc,
                          const circom_val *v, uint64_t limit)
{
    char d[MONT256_DEC_MAX + 1];
    circom_val_format_signed(d, &v->w);
    if (d[0] == '-')
        return circom_elab_error(x, f, loc, "index %s is negative", d);
    if (limit == CIRCOM_ELAB_INDEX_CAP)
        return circom_elab_error(x, f, loc, "index %s is too large (indices stay below 2^31)", d);
    return circom_elab_error(x, f, loc, "index %s is out of range (the size is %llu)", d,
                             (unsigned long long)limit);
}

/* e's value, which must be a compile-time constant; what names it in the
 * error ("an array index"). */
static zk_err eval_constant(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                            const char *what, const char *name, circom_val *v)
{
    zk_err err = circom_elab_eval_scalar(x, f, e, v);
    if (err)
        return err;
    if (v->kind != CIRCOM_VAL_CONST)
        return circom_elab_error(x, f, &e->loc,
                                 "%s%s%s must be known at compile time, but it depends on "
                                 "a signal",
                                 what, name ? name : "", name ? "'" : "");
    return ZK_OK;
}

zk_err circom_elab_eval_index(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                              uint64_t limit, uint32_t *out)
{
    circom_val v;
    uint64_t i;
    zk_err err = eval_constant(x, f, e, "an array index", NULL, &v);
    if (err)
        return err;
    if (!circom_val_to_index(&v, limit, &i))
        return index_error(x, f, &e->loc, &v, limit);
    *out = (uint32_t)i;
    return ZK_OK;
}

zk_err circom_elab_eval_size(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                             const char *name, uint32_t *out)
{
    circom_val v;
    uint64_t n;
    zk_err err = eval_constant(x, f, e, "the size of '", name, &v);
    if (err)
        return err;
    if (circom_val_to_index(&v, CIRCOM_ELAB_INDEX_CAP + 1, &n)) {
        *out = (uint32_t)n;
        return ZK_OK;
    }
    char d[MONT256_DEC_MAX + 1];
    circom_val_format_signed(d, &v.w);
    if (d[0] == '-')
        return circom_elab_error(x, f, &e->loc, "the size of '%s' is negative (%s)", name, d);
    return circom_elab_error(x, f, &e->loc, "the size of '%s' is %s, over the limit of 2^31", name,
                             d);
}

/* Narrows pl to element idx of its first dimension. */
static void narrow(circom_elab_place *pl, uint32_t idx)
{
    uint32_t stride = pl->n / pl->dims[0];
    pl->off += idx * stride;
    pl->n = stride;
    memmove(pl->dims, pl->dims + 1, (pl->ndims - 1) * sizeof *pl->dims);
    pl->ndims--;
}

/* Takes the [index] steps of an access path at *i. A var or signal
 * element may be chosen by a value that depends on signals (circom allows
 * it in code that computes witnesses, like `out <-- table[in]`): in witness
 * mode its known value picks the element, otherwise pl->unknown says the
 * element cannot be named at compile time (pl then spans element 0's shape,
 * for the caller to read as an opaque value). Components need constants. */
static zk_err take_indices(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                           uint32_t *i, circom_elab_place *pl, const char *what)
{
    while (*i < e->u.var.nacc && e->u.var.acc[*i].index) {
        const circom_access *a = &e->u.var.acc[*i];
        if (pl->ndims == 0)
            return circom_elab_error(x, f, &a->loc, "too many indices: '%s' has no more dimensions",
                                     what);
        uint32_t ix;
        zk_err err;
        if (pl->kind == CIRCOM_ELAB_PL_COMP) {
            if ((err = circom_elab_eval_index(x, f, a->index, pl->dims[0], &ix)))
                return err;
        } else {
            circom_val v;
            if ((err = circom_elab_eval_scalar(x, f, a->index, &v)))
                return err;
            uint64_t k = 0;
            if (v.kind != CIRCOM_VAL_CONST && x->in_constraint)
                return circom_elab_error(
                    x, f, &a->index->loc,
                    "an array index in a constraint must be "
                    "known at compile time, but this one depends on a signal (the "
                    "constraint would not be quadratic)");
            if (v.kind != CIRCOM_VAL_CONST) {
                pl->dynamic = true;
                pl->unknown |= !(x->witness && v.known);
            }
            if (v.kind == CIRCOM_VAL_CONST || (x->witness && v.known)) {
                if (!circom_val_index_of(&v.w, pl->dims[0], &k))
                    return index_error(x, f, &a->index->loc, &v, pl->dims[0]);
            }
            ix = (uint32_t)k;
        }
        narrow(pl, ix);
        (*i)++;
    }
    return ZK_OK;
}

static zk_err member_place(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                           uint32_t *i, bool for_write, circom_elab_place *pl)
{
    const circom_access *a = &e->u.var.acc[*i];
    const char *vname = e->u.var.name;
    if (pl->ndims)
        return circom_elab_error(
            x, f, &a->loc, "choose one component of the array '%s' before '.%s'", vname, a->member);
    circom_elab_inst *kid = pl->slot->comps[pl->off];
    if (!kid)
        return circom_elab_error(
            x, f, &e->loc, "component '%s' is used before a template is assigned to it", vname);
    (*i)++;
    const char *m = a->member;
    if (kid->state == CIRCOM_ELAB_PENDING) {
        int io = circom_elab_template_io(kid->tmpl, m);
        if (io == 0)
            return circom_elab_error(x, f, &a->loc, "template %s has no input or output named '%s'",
                                     kid->tmpl->name, m);
        if (io == 2) {
            if (for_write)
                return circom_elab_error(x, f, &e->loc,
                                         "'%s.%s' is an output of %s: it is assigned inside "
                                         "the template, not by its parent",
                                         vname, m, kid->tmpl->name);
            zk_err err = circom_elab_run_inst(x, kid, &e->loc);
            if (err)
                return err;
        } else {
            memset(pl, 0, sizeof *pl);
            pl->kind = CIRCOM_ELAB_PL_PH;
            pl->inst = kid;
            pl->member = m;
            pl->n = 1;
            pl->foreign = true;
            while (*i < e->u.var.nacc && e->u.var.acc[*i].index) {
                if (pl->nidx == CIRCOM_ELAB_MAXD)
                    return circom_elab_error(x, f, &e->loc, "too many indices");
                zk_err err = circom_elab_eval_index(x, f, e->u.var.acc[*i].index,
                                                    CIRCOM_ELAB_INDEX_CAP, &pl->idx[pl->nidx]);
                if (err)
                    return err;
                pl->nidx++;
                (*i)++;
            }
            return ZK_OK;
        }
    }
    circom_elab_sigdecl *sd = circom_elab_find_sig(kid, m);
    if (!sd)
        return circom_elab_error(x, f, &a->loc, "template %s has no input or output named '%s'",
                                 kid->tmpl->name, m);
    if (sd->kind == CIRCOM_SIG_INTER)
        return circom_elab_error(x, f, &a->loc,
                                 "'%s' is an intermediate signal of %s; only its inputs "
                                 "and outputs can be used outside",
                                 m, kid->tmpl->name);
    if (for_write && sd->kind == CIRCOM_SIG_OUTPUT)
        return circom_elab_error(x, f, &e->loc,
                                 "'%s.%s' is an output of %s: it is assigned inside the "
                                 "template, not by its parent",
                                 vname, m, kid->tmpl->name);
    if (for_write && kid->state == CIRCOM_ELAB_DONE)
        return circom_elab_error(x, f, &e->loc,
                                 "input '%s.%s' is assigned after component '%s' already "
                                 "ran (its outputs were read earlier)",
                                 vname, m, vname);
    memset(pl, 0, sizeof *pl);
    pl->kind = CIRCOM_ELAB_PL_SIG;
    pl->inst = kid;
    pl->sd = sd;
    pl->n = sd->n;
    pl->ndims = sd->ndims;
    memcpy(pl->dims, sd->dims, sd->ndims * sizeof *sd->dims);
    pl->foreign = true;
    return take_indices(x, f, e, i, pl, m);
}

zk_err circom_elab_place_of(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                            bool for_write, circom_elab_place *pl)
{
    circom_elab_slot *slot = &f->slots[e->u.var.slot];
    memset(pl, 0, sizeof *pl);
    if (slot->kind == CIRCOM_SLOT_NONE)
        return circom_elab_error(x, f, &e->loc, "'%s' is used before its declaration has run",
                                 e->u.var.name);
    pl->kind = slot->kind == CIRCOM_SLOT_VAR      ? CIRCOM_ELAB_PL_VAR
               : slot->kind == CIRCOM_SLOT_SIGNAL ? CIRCOM_ELAB_PL_SIG
                                                  : CIRCOM_ELAB_PL_COMP;
    pl->slot = slot;
    pl->n = slot->n;
    pl->ndims = slot->ndims;
    memcpy(pl->dims, slot->dims, slot->ndims * sizeof *slot->dims);
    if (pl->kind == CIRCOM_ELAB_PL_SIG) {
        pl->inst = f->inst;
        pl->sd = &f->inst->sigs[slot->sig];
    }
    uint32_t i = 0;
    zk_err err = take_indices(x, f, e, &i, pl, e->u.var.name);
    if (err)
        return err;
    if (i < e->u.var.nacc) {
        if (pl->kind != CIRCOM_ELAB_PL_COMP)
            return circom_elab_error(x, f, &e->u.var.acc[i].loc, "'%s' is not a component",
                                     e->u.var.name);
        if ((err = member_place(x, f, e, &i, for_write, pl)))
            return err;
        if (i < e->u.var.nacc)
            return circom_elab_error(x, f, &e->u.var.acc[i].loc, "a signal has no members");
    }
    return ZK_OK;
}

zk_err circom_elab_place_sig(circom_elab_ctx *x, const circom_elab_place *pl, uint32_t i,
                             const circom_loc *loc, uint32_t *id)
{
    if (pl->kind == CIRCOM_ELAB_PL_SIG) {
        *id = pl->sd->base + pl->off + i;
        return ZK_OK;
    }
    uint32_t idx[CIRCOM_ELAB_MAXD], n = pl->nidx;
    memcpy(idx, pl->idx, n * sizeof *idx);
    if (n + pl->ndims > CIRCOM_ELAB_MAXD)
        return circom_elab_error(x, NULL, loc, "too many dimensions");
    for (uint32_t d = pl->ndims; d-- > 0;) {
        idx[n + d] = i % pl->dims[d];
        i /= pl->dims[d];
    }
    n += pl->ndims;
    return circom_elab_placeholder(x, pl->inst, pl->member, idx, n, loc, id);
}

/* ---- evaluation ------------------------------------------------------------------------- */

/* Circom refuses to read a signal before it is assigned (its error T3001);
 * so does zkcave, naming the signal. */
static zk_err check_assigned(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                             uint32_t id)
{
    if (x->flags[x->alias[id]] & CIRCOM_ELAB_SF_ASSIGNED)
        return ZK_OK;
    return circom_elab_error(x, f, &e->loc, "'%s' is read before it is assigned", e->u.var.name);
}

static zk_err read_signal(circom_elab_ctx *x, uint32_t id, circom_val *v)
{
    uint32_t real = x->alias[id];
    bool known = x->flags[real] & CIRCOM_ELAB_SF_KNOWN;
    return circom_val_signal(&x->vc, v, real, known, &x->val[real]);
}

/* Element k of a var, signal or placeholder place as an expression reads
 * it. An element chosen by a signal-dependent index is opaque (no
 * constraint can be built from it) and has no value when the index has
 * none. */
static zk_err read_elem(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                        const circom_elab_place *pl, uint32_t k, circom_val *v)
{
    if (pl->unknown) {
        circom_val_nonq(v, false, NULL);
        return ZK_OK;
    }
    if (pl->kind == CIRCOM_ELAB_PL_VAR) {
        *v = pl->slot->vals[pl->off + k];
        v->owned = false;
    } else {
        uint32_t id;
        zk_err err;
        if ((err = circom_elab_place_sig(x, pl, k, &e->loc, &id)) ||
            (err = check_assigned(x, f, e, id)) || (err = read_signal(x, id, v)))
            return err;
    }
    if (pl->dynamic)
        circom_val_nonq(v, v->known, &v->w);
    return ZK_OK;
}

static zk_err eval_var(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                       circom_elab_res *out)
{
    circom_elab_place pl;
    zk_err err = circom_elab_place_of(x, f, e, false, &pl);
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    if (pl.kind == CIRCOM_ELAB_PL_COMP)
        return circom_elab_error(x, f, &e->loc, "'%s' is a component, not a value", e->u.var.name);
    if (pl.ndims == 0)
        return read_elem(x, f, e, &pl, 0, &out->v);
    out->arr = true;
    out->ndims = pl.ndims;
    memcpy(out->dims, pl.dims, pl.ndims * sizeof *pl.dims);
    out->n = pl.n;
    out->elems = circom_val_scratch_alloc(&x->scratch, (size_t)pl.n * sizeof *out->elems);
    if (!out->elems)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < pl.n; i++)
        if ((err = read_elem(x, f, e, &pl, i, &out->elems[i])))
            return err;
    return ZK_OK;
}

static zk_err eval_array(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                         circom_elab_res *out)
{
    uint32_t n = e->u.arr.n;
    circom_elab_res first;
    zk_err err = circom_elab_eval(x, f, e->u.arr.elems[0], &first);
    if (err)
        return err;
    uint32_t inner = first.arr ? first.n : 1;
    if (first.arr && first.ndims + 1 > CIRCOM_ELAB_MAXD)
        return circom_elab_error(x, f, &e->loc, "too many dimensions");
    if ((uint64_t)inner * n > UINT32_MAX / 2)
        return circom_elab_error(x, f, &e->loc, "array too large");
    memset(out, 0, sizeof *out);
    out->arr = true;
    out->n = inner * n;
    out->ndims = 1 + (first.arr ? first.ndims : 0);
    out->dims[0] = n;
    if (first.arr)
        memcpy(out->dims + 1, first.dims, first.ndims * sizeof *first.dims);
    out->elems = circom_val_scratch_alloc(&x->scratch, (size_t)out->n * sizeof *out->elems);
    if (!out->elems)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        circom_elab_res r;
        if (i == 0)
            r = first;
        else if ((err = circom_elab_eval(x, f, e->u.arr.elems[i], &r)))
            return err;
        bool same = r.arr == first.arr && (!r.arr || (r.ndims == first.ndims &&
                    memcmp(r.dims, first.dims, r.ndims * sizeof *r.dims) == 0));
        if (!same)
            return circom_elab_error(
                x, f, &e->u.arr.elems[i]->loc,
                "the elements of an array literal must all have the same shape");
        if (r.arr)
            memcpy(out->elems + (size_t)i * inner, r.elems, inner * sizeof *r.elems);
        else
            out->elems[i] = r.v;
    }
    return ZK_OK;
}

zk_err circom_elab_op_error(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e)
{
    return circom_elab_error(x, f, &e->loc, "%s", x->vc.error ? x->vc.error : "arithmetic error");
}

/* A chain like 1 + 1 + ... + 1 parses into a tree leaning left, as deep
 * as the chain is long. It is evaluated along that left edge with a loop,
 * so only right operands recurse, and the parser bounds their depth. */
static zk_err eval_bin(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                       circom_elab_res *out)
{
    const circom_expr *small[4], **spine = small;
    uint32_t n = 0;
    for (const circom_expr *p = e; p->kind == CIRCOM_E_BIN; p = p->u.ops.a)
        n++;
    if (n > ZK_ARRAY_LEN(small) &&
        !(spine = circom_val_scratch_alloc(&x->scratch, (size_t)n * sizeof *spine)))
        return ZK_ENOMEM;
    const circom_expr *leaf = e;
    for (uint32_t k = 0; k < n; k++, leaf = leaf->u.ops.a)
        spine[k] = leaf;
    circom_val acc;
    zk_err err = circom_elab_eval_scalar(x, f, leaf, &acc);
    for (uint32_t k = n; !err && k-- > 0;) {
        const circom_expr *node = spine[k];
        /* && and || skip their right side when the left one decides, so
         * that a guard like `i > 0 && a[i - 1] == 0` is safe. */
        if ((node->op == CIRCOM_AND || node->op == CIRCOM_OR) && acc.kind == CIRCOM_VAL_CONST &&
            circom_val_truth(&acc) == (node->op == CIRCOM_OR)) {
            circom_val_const_u64(&acc, node->op == CIRCOM_OR);
            continue;
        }
        /* circom_elab_eval rather than circom_elab_eval_scalar: one frame less a level. */
        circom_elab_res b;
        if ((err = circom_elab_eval(x, f, node->u.ops.b, &b)))
            break;
        if (b.arr)
            return circom_elab_scalar_expected(x, f, node->u.ops.b);
        x->vc.error = NULL;
        if (circom_val_binop(&x->vc, &b.v, node->op, &acc, &b.v))
            return circom_elab_op_error(x, f, node);
        acc = b.v;
    }
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    out->v = acc;
    return ZK_OK;
}

static zk_err eval_tern(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                        circom_elab_res *out)
{
    circom_val c;
    zk_err err = circom_elab_eval_scalar(x, f, e->u.ops.a, &c);
    if (err)
        return err;
    if (c.kind == CIRCOM_VAL_CONST)
        return circom_elab_eval(x, f, circom_val_truth(&c) ? e->u.ops.b : e->u.ops.c, out);
    /* A condition on signals: only the concrete run can choose, and the
     * result is opaque to constraint generation. */
    memset(out, 0, sizeof *out);
    if (!x->witness || !c.known) {
        circom_val_nonq(&out->v, false, NULL);
        return ZK_OK;
    }
    if ((err = circom_elab_eval(x, f, circom_val_truth(&c) ? e->u.ops.b : e->u.ops.c, out)))
        return err;
    if (out->arr)
        return circom_elab_error(x, f, &e->loc,
                                 "a condition on signals cannot choose between arrays");
    circom_val_nonq(&out->v, out->v.known, &out->v.w);
    return ZK_OK;
}

static zk_err eval_num(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                       circom_elab_res *out)
{
    (void)x;
    (void)f;
    memset(out, 0, sizeof *out);
    circom_val_const(&out->v, &e->u.num);
    return ZK_OK;
}

static zk_err eval_un(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                      circom_elab_res *out)
{
    /* Straight into out: no frame of circom_elab_eval_scalar a level. */
    zk_err err = circom_elab_eval(x, f, e->u.ops.a, out);
    if (err)
        return err;
    if (out->arr)
        return circom_elab_scalar_expected(x, f, e->u.ops.a);
    x->vc.error = NULL;
    if (circom_val_unop(&x->vc, &out->v, e->op, &out->v))
        return circom_elab_op_error(x, f, e);
    return ZK_OK;
}

/* One function per kind of expression, called through this table rather
 * than a switch, so that each level of a deep expression costs only the
 * frame of its own kind (see CIRCOM_ELAB_MAX_NEST). */
typedef zk_err (*eval_fn)(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                          circom_elab_res *out);
static const eval_fn eval_by_kind[] = {
    [CIRCOM_E_NUM] = eval_num,
    [CIRCOM_E_VAR] = eval_var,
    [CIRCOM_E_CALL] = circom_elab_call_function,
    [CIRCOM_E_ARRAY] = eval_array,
    [CIRCOM_E_BIN] = eval_bin,
    [CIRCOM_E_UN] = eval_un,
    [CIRCOM_E_TERN] = eval_tern,
};

zk_err circom_elab_eval(circom_elab_ctx *x, circom_elab_frame *f, const circom_expr *e,
                        circom_elab_res *out)
{
    if (x->nest >= CIRCOM_ELAB_MAX_NEST)
        return circom_elab_too_deep(x, f, &e->loc);
    x->nest++;
    zk_err err = eval_by_kind[e->kind](x, f, e, out);
    x->nest--;
    return err;
}
