/* Expressions and access paths (x[i], c[j].in[k]) of the Circom interpreter. */
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"

zk_err cx_scalar_expected(cx_ctx *x, cx_frame *f, const cc_expr *e)
{
    return cx_error(x, f, &e->loc, "an array is used where a single value is expected");
}

zk_err cx_eval_scalar(cx_ctx *x, cx_frame *f, const cc_expr *e, cv_val *out)
{
    cx_res r;
    zk_err err = cx_eval(x, f, e, &r);
    if (err)
        return err;
    if (r.arr)
        return cx_scalar_expected(x, f, e);
    *out = r.v;
    return ZK_OK;
}

/* Why v is no index below limit: negative, too large, or out of range. */
static zk_err index_error(cx_ctx *x, cx_frame *f, const cc_loc *loc, const cv_val *v,
                          uint64_t limit)
{
    char d[MONT256_DEC_MAX + 1];
    cv_format_signed(d, &v->w);
    if (d[0] == '-')
        return cx_error(x, f, loc, "index %s is negative", d);
    if (limit == CX_INDEX_CAP)
        return cx_error(x, f, loc, "index %s is too large (indices stay below 2^31)", d);
    return cx_error(x, f, loc, "index %s is out of range (the size is %llu)", d,
                    (unsigned long long)limit);
}

/* e's value, which must be a compile-time constant; what names it in the
 * error ("an array index"). */
static zk_err eval_constant(cx_ctx *x, cx_frame *f, const cc_expr *e, const char *what,
                            const char *name, cv_val *v)
{
    zk_err err = cx_eval_scalar(x, f, e, v);
    if (err)
        return err;
    if (v->kind != CV_CONST)
        return cx_error(x, f, &e->loc, "%s%s%s must be known at compile time, but it depends on "
                        "a signal", what, name ? name : "", name ? "'" : "");
    return ZK_OK;
}

zk_err cx_eval_index(cx_ctx *x, cx_frame *f, const cc_expr *e, uint64_t limit, uint32_t *out)
{
    cv_val v;
    uint64_t i;
    zk_err err = eval_constant(x, f, e, "an array index", NULL, &v);
    if (err)
        return err;
    if (!cv_to_index(&v, limit, &i))
        return index_error(x, f, &e->loc, &v, limit);
    *out = (uint32_t)i;
    return ZK_OK;
}

zk_err cx_eval_size(cx_ctx *x, cx_frame *f, const cc_expr *e, const char *name, uint32_t *out)
{
    cv_val v;
    uint64_t n;
    zk_err err = eval_constant(x, f, e, "the size of '", name, &v);
    if (err)
        return err;
    if (cv_to_index(&v, CX_INDEX_CAP + 1, &n)) {
        *out = (uint32_t)n;
        return ZK_OK;
    }
    char d[MONT256_DEC_MAX + 1];
    cv_format_signed(d, &v.w);
    if (d[0] == '-')
        return cx_error(x, f, &e->loc, "the size of '%s' is negative (%s)", name, d);
    return cx_error(x, f, &e->loc, "the size of '%s' is %s, over the limit of 2^31", name, d);
}

/* Narrows pl to element idx of its first dimension. */
static void narrow(cx_place *pl, uint32_t idx)
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
static zk_err take_indices(cx_ctx *x, cx_frame *f, const cc_expr *e, uint32_t *i, cx_place *pl,
                           const char *what)
{
    while (*i < e->u.var.nacc && e->u.var.acc[*i].index) {
        const cc_access *a = &e->u.var.acc[*i];
        if (pl->ndims == 0)
            return cx_error(x, f, &a->loc, "too many indices: '%s' has no more dimensions", what);
        uint32_t ix;
        zk_err err;
        if (pl->kind == CX_PL_COMP) {
            if ((err = cx_eval_index(x, f, a->index, pl->dims[0], &ix)))
                return err;
        } else {
            cv_val v;
            if ((err = cx_eval_scalar(x, f, a->index, &v)))
                return err;
            uint64_t k = 0;
            if (v.kind != CV_CONST && x->in_constraint)
                return cx_error(x, f, &a->index->loc, "an array index in a constraint must be "
                                "known at compile time, but this one depends on a signal (the "
                                "constraint would not be quadratic)");
            if (v.kind != CV_CONST) {
                pl->dynamic = true;
                pl->unknown |= !(x->witness && v.known);
            }
            if (v.kind == CV_CONST || (x->witness && v.known)) {
                if (!cv_index_of(&v.w, pl->dims[0], &k))
                    return index_error(x, f, &a->index->loc, &v, pl->dims[0]);
            }
            ix = (uint32_t)k;
        }
        narrow(pl, ix);
        (*i)++;
    }
    return ZK_OK;
}

static zk_err member_place(cx_ctx *x, cx_frame *f, const cc_expr *e, uint32_t *i, bool for_write,
                           cx_place *pl)
{
    const cc_access *a = &e->u.var.acc[*i];
    const char *vname = e->u.var.name;
    if (pl->ndims)
        return cx_error(x, f, &a->loc, "choose one component of the array '%s' before '.%s'",
                        vname, a->member);
    cx_inst *kid = pl->slot->comps[pl->off];
    if (!kid)
        return cx_error(x, f, &e->loc, "component '%s' is used before a template is assigned to it",
                        vname);
    (*i)++;
    const char *m = a->member;
    if (kid->state == CX_PENDING) {
        int io = cx_template_io(kid->tmpl, m);
        if (io == 0)
            return cx_error(x, f, &a->loc, "template %s has no input or output named '%s'",
                            kid->tmpl->name, m);
        if (io == 2) {
            if (for_write)
                return cx_error(x, f, &e->loc, "'%s.%s' is an output of %s: it is assigned inside "
                                "the template, not by its parent", vname, m, kid->tmpl->name);
            zk_err err = cx_run_inst(x, kid, &e->loc);
            if (err)
                return err;
        } else {
            memset(pl, 0, sizeof *pl);
            pl->kind = CX_PL_PH;
            pl->inst = kid;
            pl->member = m;
            pl->n = 1;
            pl->foreign = true;
            while (*i < e->u.var.nacc && e->u.var.acc[*i].index) {
                if (pl->nidx == CX_MAXD)
                    return cx_error(x, f, &e->loc, "too many indices");
                zk_err err = cx_eval_index(x, f, e->u.var.acc[*i].index, CX_INDEX_CAP,
                                           &pl->idx[pl->nidx]);
                if (err)
                    return err;
                pl->nidx++;
                (*i)++;
            }
            return ZK_OK;
        }
    }
    cx_sigdecl *sd = cx_find_sig(kid, m);
    if (!sd)
        return cx_error(x, f, &a->loc, "template %s has no input or output named '%s'",
                        kid->tmpl->name, m);
    if (sd->kind == CC_SIG_INTER)
        return cx_error(x, f, &a->loc, "'%s' is an intermediate signal of %s; only its inputs "
                        "and outputs can be used outside", m, kid->tmpl->name);
    if (for_write && sd->kind == CC_SIG_OUTPUT)
        return cx_error(x, f, &e->loc, "'%s.%s' is an output of %s: it is assigned inside the "
                        "template, not by its parent", vname, m, kid->tmpl->name);
    if (for_write && kid->state == CX_DONE)
        return cx_error(x, f, &e->loc, "input '%s.%s' is assigned after component '%s' already "
                        "ran (its outputs were read earlier)", vname, m, vname);
    memset(pl, 0, sizeof *pl);
    pl->kind = CX_PL_SIG;
    pl->inst = kid;
    pl->sd = sd;
    pl->n = sd->n;
    pl->ndims = sd->ndims;
    memcpy(pl->dims, sd->dims, sd->ndims * sizeof *sd->dims);
    pl->foreign = true;
    return take_indices(x, f, e, i, pl, m);
}

zk_err cx_place_of(cx_ctx *x, cx_frame *f, const cc_expr *e, bool for_write, cx_place *pl)
{
    cx_slot *slot = &f->slots[e->u.var.slot];
    memset(pl, 0, sizeof *pl);
    if (slot->kind == CC_SLOT_NONE)
        return cx_error(x, f, &e->loc, "'%s' is used before its declaration has run",
                        e->u.var.name);
    pl->kind = slot->kind == CC_SLOT_VAR ? CX_PL_VAR : slot->kind == CC_SLOT_SIGNAL ? CX_PL_SIG : CX_PL_COMP;
    pl->slot = slot;
    pl->n = slot->n;
    pl->ndims = slot->ndims;
    memcpy(pl->dims, slot->dims, slot->ndims * sizeof *slot->dims);
    if (pl->kind == CX_PL_SIG) {
        pl->inst = f->inst;
        pl->sd = &f->inst->sigs[slot->sig];
    }
    uint32_t i = 0;
    zk_err err = take_indices(x, f, e, &i, pl, e->u.var.name);
    if (err)
        return err;
    if (i < e->u.var.nacc) {
        if (pl->kind != CX_PL_COMP)
            return cx_error(x, f, &e->u.var.acc[i].loc, "'%s' is not a component", e->u.var.name);
        if ((err = member_place(x, f, e, &i, for_write, pl)))
            return err;
        if (i < e->u.var.nacc)
            return cx_error(x, f, &e->u.var.acc[i].loc, "a signal has no members");
    }
    return ZK_OK;
}

zk_err cx_place_sig(cx_ctx *x, const cx_place *pl, uint32_t i, const cc_loc *loc, uint32_t *id)
{
    if (pl->kind == CX_PL_SIG) {
        *id = pl->sd->base + pl->off + i;
        return ZK_OK;
    }
    uint32_t idx[CX_MAXD], n = pl->nidx;
    memcpy(idx, pl->idx, n * sizeof *idx);
    if (n + pl->ndims > CX_MAXD)
        return cx_error(x, NULL, loc, "too many dimensions");
    for (uint32_t d = pl->ndims; d-- > 0;) {
        idx[n + d] = i % pl->dims[d];
        i /= pl->dims[d];
    }
    n += pl->ndims;
    return cx_placeholder(x, pl->inst, pl->member, idx, n, loc, id);
}

/* ---- evaluation ------------------------------------------------------------------------- */

/* Circom refuses to read a signal before it is assigned (its error T3001);
 * so does zkcave, naming the signal. */
static zk_err check_assigned(cx_ctx *x, cx_frame *f, const cc_expr *e, uint32_t id)
{
    if (x->flags[x->alias[id]] & CX_SF_ASSIGNED)
        return ZK_OK;
    return cx_error(x, f, &e->loc, "'%s' is read before it is assigned", e->u.var.name);
}

static zk_err read_signal(cx_ctx *x, uint32_t id, cv_val *v)
{
    uint32_t real = x->alias[id];
    bool known = x->flags[real] & CX_SF_KNOWN;
    return cv_signal(&x->vc, v, real, known, &x->val[real]);
}

/* Element k of a var, signal or placeholder place as an expression reads
 * it. An element chosen by a signal-dependent index is opaque (no
 * constraint can be built from it) and has no value when the index has
 * none. */
static zk_err read_elem(cx_ctx *x, cx_frame *f, const cc_expr *e, const cx_place *pl, uint32_t k,
                        cv_val *v)
{
    if (pl->unknown) {
        cv_nonq(v, false, NULL);
        return ZK_OK;
    }
    if (pl->kind == CX_PL_VAR) {
        *v = pl->slot->vals[pl->off + k];
        v->owned = false;
    } else {
        uint32_t id;
        zk_err err;
        if ((err = cx_place_sig(x, pl, k, &e->loc, &id)) || (err = check_assigned(x, f, e, id)) ||
            (err = read_signal(x, id, v)))
            return err;
    }
    if (pl->dynamic)
        cv_nonq(v, v->known, &v->w);
    return ZK_OK;
}

static zk_err eval_var(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    cx_place pl;
    zk_err err = cx_place_of(x, f, e, false, &pl);
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    if (pl.kind == CX_PL_COMP)
        return cx_error(x, f, &e->loc, "'%s' is a component, not a value", e->u.var.name);
    if (pl.ndims == 0)
        return read_elem(x, f, e, &pl, 0, &out->v);
    out->arr = true;
    out->ndims = pl.ndims;
    memcpy(out->dims, pl.dims, pl.ndims * sizeof *pl.dims);
    out->n = pl.n;
    out->elems = cv_scratch_alloc(&x->scratch, (size_t)pl.n * sizeof *out->elems);
    if (!out->elems)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < pl.n; i++)
        if ((err = read_elem(x, f, e, &pl, i, &out->elems[i])))
            return err;
    return ZK_OK;
}

static zk_err eval_array(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    uint32_t n = e->u.arr.n;
    cx_res first;
    zk_err err = cx_eval(x, f, e->u.arr.elems[0], &first);
    if (err)
        return err;
    uint32_t inner = first.arr ? first.n : 1;
    if (first.arr && first.ndims + 1 > CX_MAXD)
        return cx_error(x, f, &e->loc, "too many dimensions");
    if ((uint64_t)inner * n > UINT32_MAX / 2)
        return cx_error(x, f, &e->loc, "array too large");
    memset(out, 0, sizeof *out);
    out->arr = true;
    out->n = inner * n;
    out->ndims = 1 + (first.arr ? first.ndims : 0);
    out->dims[0] = n;
    if (first.arr)
        memcpy(out->dims + 1, first.dims, first.ndims * sizeof *first.dims);
    out->elems = cv_scratch_alloc(&x->scratch, (size_t)out->n * sizeof *out->elems);
    if (!out->elems)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        cx_res r;
        if (i == 0)
            r = first;
        else if ((err = cx_eval(x, f, e->u.arr.elems[i], &r)))
            return err;
        bool same = r.arr == first.arr && (!r.arr || (r.ndims == first.ndims &&
                    memcmp(r.dims, first.dims, r.ndims * sizeof *r.dims) == 0));
        if (!same)
            return cx_error(x, f, &e->u.arr.elems[i]->loc,
                            "the elements of an array literal must all have the same shape");
        if (r.arr)
            memcpy(out->elems + (size_t)i * inner, r.elems, inner * sizeof *r.elems);
        else
            out->elems[i] = r.v;
    }
    return ZK_OK;
}

zk_err cx_op_error(cx_ctx *x, cx_frame *f, const cc_expr *e)
{
    return cx_error(x, f, &e->loc, "%s", x->vc.error ? x->vc.error : "arithmetic error");
}

/* A chain like 1 + 1 + ... + 1 parses into a tree leaning left, as deep
 * as the chain is long. It is evaluated along that left edge with a loop,
 * so only right operands recurse, and the parser bounds their depth. */
static zk_err eval_bin(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    const cc_expr *small[4], **spine = small;
    uint32_t n = 0;
    for (const cc_expr *p = e; p->kind == CC_E_BIN; p = p->u.ops.a)
        n++;
    if (n > ZK_ARRAY_LEN(small) &&
        !(spine = cv_scratch_alloc(&x->scratch, (size_t)n * sizeof *spine)))
        return ZK_ENOMEM;
    const cc_expr *leaf = e;
    for (uint32_t k = 0; k < n; k++, leaf = leaf->u.ops.a)
        spine[k] = leaf;
    cv_val acc;
    zk_err err = cx_eval_scalar(x, f, leaf, &acc);
    for (uint32_t k = n; !err && k-- > 0;) {
        const cc_expr *node = spine[k];
        /* && and || skip their right side when the left one decides, so
         * that a guard like `i > 0 && a[i - 1] == 0` is safe. */
        if ((node->op == CC_AND || node->op == CC_OR) && acc.kind == CV_CONST &&
            cv_truth(&acc) == (node->op == CC_OR)) {
            cv_const_u64(&acc, node->op == CC_OR);
            continue;
        }
        /* cx_eval rather than cx_eval_scalar: one frame less a level. */
        cx_res b;
        if ((err = cx_eval(x, f, node->u.ops.b, &b)))
            break;
        if (b.arr)
            return cx_scalar_expected(x, f, node->u.ops.b);
        x->vc.error = NULL;
        if (cv_binop(&x->vc, &b.v, node->op, &acc, &b.v))
            return cx_op_error(x, f, node);
        acc = b.v;
    }
    if (err)
        return err;
    memset(out, 0, sizeof *out);
    out->v = acc;
    return ZK_OK;
}

static zk_err eval_tern(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    cv_val c;
    zk_err err = cx_eval_scalar(x, f, e->u.ops.a, &c);
    if (err)
        return err;
    if (c.kind == CV_CONST)
        return cx_eval(x, f, cv_truth(&c) ? e->u.ops.b : e->u.ops.c, out);
    /* A condition on signals: only the concrete run can choose, and the
     * result is opaque to constraint generation. */
    memset(out, 0, sizeof *out);
    if (!x->witness || !c.known) {
        cv_nonq(&out->v, false, NULL);
        return ZK_OK;
    }
    if ((err = cx_eval(x, f, cv_truth(&c) ? e->u.ops.b : e->u.ops.c, out)))
        return err;
    if (out->arr)
        return cx_error(x, f, &e->loc, "a condition on signals cannot choose between arrays");
    cv_nonq(&out->v, out->v.known, &out->v.w);
    return ZK_OK;
}

static zk_err eval_num(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    (void)x;
    (void)f;
    memset(out, 0, sizeof *out);
    cv_const(&out->v, &e->u.num);
    return ZK_OK;
}

static zk_err eval_un(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    /* Straight into out: no frame of cx_eval_scalar a level. */
    zk_err err = cx_eval(x, f, e->u.ops.a, out);
    if (err)
        return err;
    if (out->arr)
        return cx_scalar_expected(x, f, e->u.ops.a);
    x->vc.error = NULL;
    if (cv_unop(&x->vc, &out->v, e->op, &out->v))
        return cx_op_error(x, f, e);
    return ZK_OK;
}

/* One function per kind of expression, called through this table rather
 * than a switch, so that each level of a deep expression costs only the
 * frame of its own kind (see CX_MAX_NEST). */
typedef zk_err (*eval_fn)(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out);
static const eval_fn eval_by_kind[] = {
    [CC_E_NUM] = eval_num,      [CC_E_VAR] = eval_var,  [CC_E_CALL] = cx_call_function,
    [CC_E_ARRAY] = eval_array,  [CC_E_BIN] = eval_bin,  [CC_E_UN] = eval_un,
    [CC_E_TERN] = eval_tern,
};

zk_err cx_eval(cx_ctx *x, cx_frame *f, const cc_expr *e, cx_res *out)
{
    if (x->nest >= CX_MAX_NEST)
        return cx_too_deep(x, f, &e->loc);
    x->nest++;
    zk_err err = eval_by_kind[e->kind](x, f, e, out);
    x->nest--;
    return err;
}
