/* Component instances, their signals, and the placeholders through which a
 * parent writes the inputs of a component that has not run yet. */
#include <stdio.h>
#include <string.h>

#include "circuit/circom_exec.h"
#include "core/alloc.h"

/* Room for one more element past n (core/alloc.h's growable array, with
 * the instance tables' 32-bit counts). */
static zk_err grow(void **p, uint32_t *cap, uint32_t n, size_t elem)
{
    size_t c = *cap;
    zk_err err = zk_grow(p, &c, (size_t)n + 1, elem, UINT32_MAX);
    *cap = (uint32_t)c;
    return err;
}

zk_err circom_elab_new_signals(circom_elab_ctx *x, uint32_t n, const circom_loc *loc,
                               uint32_t *base)
{
    if ((uint64_t)x->nsig + n > x->max_constraints)
        return circom_elab_over_budget(x, loc, CIRCOM_ELAB_B_SIGNALS);
    uint32_t first;
    zk_err err = r1cs_new_wires(&x->sys, n, &first);
    if (err)
        return err;
    uint64_t need = (uint64_t)first + n;
    if (need > x->cap_sig) {
        uint64_t cap = x->cap_sig ? x->cap_sig : 1024;
        while (cap < need)
            cap *= 2;
        if (cap > UINT32_MAX)
            return ZK_EOVERFLOW;
        fr_t *v = zk_realloc_secret(x->val, x->cap_sig, cap, sizeof *v);
        if (!v)
            return ZK_ENOMEM;
        x->val = v;
        uint8_t *fl = zk_realloc(x->flags, cap, 1);
        if (!fl)
            return ZK_ENOMEM;
        x->flags = fl;
        uint32_t *al = zk_realloc(x->alias, cap, sizeof *al);
        if (!al)
            return ZK_ENOMEM;
        x->alias = al;
        x->cap_sig = (uint32_t)cap;
    }
    for (uint32_t i = 0; i < n; i++) {
        x->flags[first + i] = 0;
        x->alias[first + i] = first + i;
        fr_zero(&x->val[first + i]);
    }
    x->nsig = (uint32_t)need;
    *base = first;
    return ZK_OK;
}

zk_err circom_elab_new_inst(circom_elab_ctx *x, circom_elab_inst *parent, const circom_def *t,
                            const char *name, const uint32_t *idx, uint32_t nidx,
                            const circom_loc *loc, circom_elab_inst **out)
{
    if (x->ninsts >= x->max_constraints)
        return circom_elab_over_budget(x, loc, CIRCOM_ELAB_B_INSTANCES);
    zk_err err = grow((void **)&x->insts, &x->cap_insts, x->ninsts, sizeof *x->insts);
    if (err)
        return err;
    circom_elab_inst *in = zk_calloc(1, sizeof *in);
    if (!in)
        return ZK_ENOMEM;
    in->tmpl = t;
    in->parent = parent;
    in->name = name;
    in->nidx = nidx;
    if (nidx)
        memcpy(in->idx, idx, nidx * sizeof *idx);
    in->id = x->ninsts;
    x->insts[x->ninsts++] = in;
    if (parent) {
        if ((err = grow((void **)&parent->kids, &parent->cap_kids, parent->nkids, sizeof *parent->kids)))
            return err;
        parent->kids[parent->nkids++] = in;
    }
    *out = in;
    return ZK_OK;
}

circom_elab_sigdecl *circom_elab_find_sig(circom_elab_inst *inst, const char *name)
{
    for (uint32_t i = 0; i < inst->nsigs; i++)
        if (inst->sigs[i].name == name)
            return &inst->sigs[i];
    return NULL;
}

/* ---- placeholders ----------------------------------------------------------------------- */

static uint32_t ph_key(const char *name, const uint32_t *idx, uint32_t nidx)
{
    uint64_t h = (uint64_t)(uintptr_t)name * 0x9e3779b97f4a7c15u;
    for (uint32_t i = 0; i < nidx; i++)
        h = (h ^ idx[i]) * 0xbf58476d1ce4e5b9u;
    return (uint32_t)(h ^ (h >> 31));
}

static bool ph_eq(const circom_elab_ph *p, const char *name, const uint32_t *idx, uint32_t nidx)
{
    return p->name == name && p->nidx == nidx && memcmp(p->idx, idx, nidx * sizeof *idx) == 0;
}

static zk_err ph_rehash(circom_elab_inst *in, uint32_t cap)
{
    uint32_t *t = zk_calloc(cap, sizeof *t);
    if (!t)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < in->nph; i++) {
        uint32_t h = ph_key(in->ph[i].name, in->ph[i].idx, in->ph[i].nidx) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = i + 1;
    }
    zk_free(in->ph_hash);
    in->ph_hash = t;
    in->ph_hash_cap = cap;
    return ZK_OK;
}

zk_err circom_elab_placeholder(circom_elab_ctx *x, circom_elab_inst *in, const char *name,
                               const uint32_t *idx, uint32_t nidx, const circom_loc *loc,
                               uint32_t *id)
{
    zk_err err;
    if ((uint64_t)(in->nph + 1) * 2 > in->ph_hash_cap &&
        (err = ph_rehash(in, in->ph_hash_cap ? in->ph_hash_cap * 2 : 64)))
        return err;
    uint32_t mask = in->ph_hash_cap - 1, h = ph_key(name, idx, nidx) & mask;
    while (in->ph_hash[h]) {
        circom_elab_ph *p = &in->ph[in->ph_hash[h] - 1];
        if (ph_eq(p, name, idx, nidx)) {
            *id = p->id;
            return ZK_OK;
        }
        h = (h + 1) & mask;
    }
    if ((err = grow((void **)&in->ph, &in->cap_ph, in->nph, sizeof *in->ph)))
        return err;
    circom_elab_ph *p = &in->ph[in->nph];
    memset(p, 0, sizeof *p);
    p->name = name;
    p->nidx = nidx;
    memcpy(p->idx, idx, nidx * sizeof *idx);
    p->loc = *loc;
    if ((err = circom_elab_new_signals(x, 1, loc, &p->id)))
        return err;
    x->flags[p->id] |= CIRCOM_ELAB_SF_PLACEHOLDER;
    in->ph_hash[h] = ++in->nph;
    *id = p->id;
    return ZK_OK;
}

zk_err circom_elab_declare_signals(circom_elab_ctx *x, circom_elab_inst *in, const circom_stmt *st,
                                   const uint32_t *dims, uint32_t ndims, uint32_t *sig_index)
{
    uint64_t n = 1;
    for (uint32_t i = 0; i < ndims; i++) {
        n *= dims[i];
        if (n > UINT32_MAX / 2)
            return circom_elab_error(x, NULL, &st->loc, "signal array '%s' is too large",
                                     st->u.decl.name);
    }
    zk_err err = grow((void **)&in->sigs, &in->cap_sigs, in->nsigs, sizeof *in->sigs);
    if (err)
        return err;
    circom_elab_sigdecl *sd = &in->sigs[in->nsigs];
    memset(sd, 0, sizeof *sd);
    sd->name = st->u.decl.name;
    sd->kind = st->u.decl.sig;
    sd->ndims = ndims;
    memcpy(sd->dims, dims, ndims * sizeof *dims);
    sd->n = (uint32_t)n;
    sd->decl = st;
    if (in == x->root && sd->kind == CIRCOM_SIG_INPUT) {
        for (uint32_t i = 0; i < x->cc->main.npub; i++)
            sd->pub |= x->cc->main.pub[i] == sd->name;
    }
    if ((err = circom_elab_new_signals(x, sd->n, &st->loc, &sd->base)))
        return err;
    *sig_index = in->nsigs++;
    if (sd->kind != CIRCOM_SIG_INPUT)
        return ZK_OK;
    /* Inputs written by the parent before this body ran take over the
     * placeholders' values; every placeholder of this name must fit. */
    for (uint32_t k = 0; k < in->nph; k++) {
        circom_elab_ph *p = &in->ph[k];
        if (p->name != sd->name)
            continue;
        if (p->nidx != ndims) {
            char path[256];
            circom_elab_inst_path(in, path, sizeof path);
            return circom_elab_error(
                x, NULL, &p->loc, "%s.%s has %u dimension%s, but %u ind%s given", path, sd->name,
                ndims, ndims == 1 ? "" : "s", p->nidx, p->nidx == 1 ? "ex is" : "ices are");
        }
        uint64_t flat = 0;
        for (uint32_t d = 0; d < ndims; d++) {
            if (p->idx[d] >= dims[d]) {
                char path[256];
                circom_elab_inst_path(in, path, sizeof path);
                return circom_elab_error(x, NULL, &p->loc,
                                         "index %u is out of range for %s.%s (size %u)", p->idx[d],
                                         path, sd->name, dims[d]);
            }
            flat = flat * dims[d] + p->idx[d];
        }
        uint32_t real = sd->base + (uint32_t)flat;
        x->alias[p->id] = real;
        x->flags[real] |= x->flags[p->id] & ~CIRCOM_ELAB_SF_PLACEHOLDER;
        x->val[real] = x->val[p->id];
        p->bound = true;
    }
    return ZK_OK;
}

/* ---- static facts about templates -------------------------------------------------------- */

static int io_of(const circom_stmt *s, const char *name)
{
    switch (s->kind) {
    case CIRCOM_S_SIGNAL:
        if (s->u.decl.name == name)
            return s->u.decl.sig == CIRCOM_SIG_INPUT    ? 1
                   : s->u.decl.sig == CIRCOM_SIG_OUTPUT ? 2
                                                        : 3;
        return 0;
    case CIRCOM_S_BLOCK:
    case CIRCOM_S_SEQ:
        for (uint32_t i = 0; i < s->u.block.n; i++) {
            int r = io_of(s->u.block.items[i], name);
            if (r)
                return r;
        }
        return 0;
    case CIRCOM_S_IF: {
        int r = io_of(s->u.if_.then, name);
        return r ? r : s->u.if_.els ? io_of(s->u.if_.els, name) : 0;
    }
    case CIRCOM_S_WHILE:
    case CIRCOM_S_FOR:
        return io_of(s->u.loop.body, name);
    default:
        return 0;
    }
}

int circom_elab_template_io(const circom_def *t, const char *name)
{
    int r = io_of(t->body, name);
    return r == 3 ? 0 : r;
}

static bool has_inputs(const circom_stmt *s)
{
    switch (s->kind) {
    case CIRCOM_S_SIGNAL:
        return s->u.decl.sig == CIRCOM_SIG_INPUT;
    case CIRCOM_S_BLOCK:
    case CIRCOM_S_SEQ:
        for (uint32_t i = 0; i < s->u.block.n; i++)
            if (has_inputs(s->u.block.items[i]))
                return true;
        return false;
    case CIRCOM_S_IF:
        return has_inputs(s->u.if_.then) || (s->u.if_.els && has_inputs(s->u.if_.els));
    case CIRCOM_S_WHILE:
    case CIRCOM_S_FOR:
        return has_inputs(s->u.loop.body);
    default:
        return false;
    }
}

bool circom_elab_template_has_inputs(const circom_def *t)
{
    return has_inputs(t->body);
}

/* ---- names --------------------------------------------------------------------------------- */

static size_t append(char *buf, size_t n, size_t at, const char *s)
{
    size_t len = strlen(s);
    if (at + len + 1 > n)
        len = at + 1 < n ? n - at - 1 : 0;
    memcpy(buf + at, s, len);
    buf[at + len] = 0;
    return at + len;
}

static size_t path_rec(const circom_elab_inst *in, char *buf, size_t n)
{
    size_t at = 0;
    if (in->parent) {
        at = path_rec(in->parent, buf, n);
        at = append(buf, n, at, ".");
    }
    at = append(buf, n, at, in->name);
    for (uint32_t i = 0; i < in->nidx; i++) {
        char ix[16];
        snprintf(ix, sizeof ix, "[%u]", in->idx[i]);
        at = append(buf, n, at, ix);
    }
    return at;
}

void circom_elab_inst_path(const circom_elab_inst *inst, char *buf, size_t n)
{
    if (n == 0)
        return;
    buf[0] = 0;
    path_rec(inst, buf, n);
}

void circom_elab_inst_title(const circom_elab_inst *inst, char *buf, size_t n)
{
    if (n == 0)
        return;
    buf[0] = 0;
    size_t at = append(buf, n, 0, inst->tmpl->name);
    at = append(buf, n, at, "(");
    for (uint32_t i = 0; i < inst->nargs; i++) {
        const circom_elab_arg *a = &inst->args[i];
        if (i)
            at = append(buf, n, at, ", ");
        if (a->ndims) {
            at = append(buf, n, at, "[...]");
            continue;
        }
        char d[MONT256_DEC_MAX + 1];
        circom_val_format(d, &a->v[0]);
        at = append(buf, n, at, d);
    }
    append(buf, n, at, ")");
}
