#include "circuit/r1cs_opt.h"

#include <string.h>

#include "core/alloc.h"

/* A substitution w := Σ coef·wire, stored as a small linear combination. */
typedef struct subst {
    r1cs_lc e;
    bool set;
} subst;

typedef struct opt {
    r1cs *s;
    const uint8_t *forbidden;
    uint32_t n;            /* wires (labels) */
    subst *sub;            /* per wire */
    uint8_t *alive;        /* per row */
    size_t *origin;        /* per row */
    size_t cap_rows;
    /* dense accumulator for rewriting one side */
    fr_t *acc;
    uint8_t *touched;
    uint32_t *list;
    uint32_t nlist;
    /* work stack for expanding substitutions */
    uint32_t *stw;
    fr_t *stk;
    size_t nst, cap_st;
    r1cs_lc side[3];
} opt;

static void decode(const r1cs *s, size_t i, int side, r1cs_lc *out)
{
    uint32_t n;
    const r1cs_term *t = r1cs_side(s, i, side, &n);
    r1cs_lc_clear(out);
    for (uint32_t k = 0; k < n; k++)
        r1cs_lc_push(out, t[k].wire, &s->coefs[t[k].coef]);
}

static bool has_sub(const opt *o, const r1cs_lc *lc)
{
    for (uint32_t k = 0; k < lc->n; k++)
        if (o->sub[lc->wire[k]].set)
            return true;
    return false;
}

static zk_err st_push(opt *o, uint32_t w, const fr_t *k)
{
    if (o->nst == o->cap_st) {
        size_t cap = o->cap_st ? o->cap_st * 2 : 1024;
        uint32_t *a = zk_realloc(o->stw, cap, sizeof *a);
        if (!a)
            return ZK_ENOMEM;
        o->stw = a;
        fr_t *b = zk_realloc(o->stk, cap, sizeof *b);
        if (!b)
            return ZK_ENOMEM;
        o->stk = b;
        o->cap_st = cap;
    }
    o->stw[o->nst] = w;
    o->stk[o->nst++] = *k;
    return ZK_OK;
}

/* Rewrites lc through every substitution (expanding them until no
 * substituted wire is left), merging equal wires and dropping zeros; the
 * result is sorted by wire. */
static zk_err rewrite(opt *o, r1cs_lc *lc)
{
    zk_err err;
    o->nst = 0;
    for (uint32_t k = lc->n; k-- > 0;)
        if ((err = st_push(o, lc->wire[k], &lc->coef[k])))
            return err;
    o->nlist = 0;
    while (o->nst) {
        o->nst--;
        uint32_t w = o->stw[o->nst];
        fr_t c = o->stk[o->nst];
        const subst *sb = &o->sub[w];
        if (sb->set) {
            for (uint32_t k = 0; k < sb->e.n; k++) {
                fr_t p;
                fr_mul(&p, &c, &sb->e.coef[k]);
                if ((err = st_push(o, sb->e.wire[k], &p)))
                    return err;
            }
            continue;
        }
        if (!o->touched[w]) {
            o->touched[w] = 1;
            fr_zero(&o->acc[w]);
            o->list[o->nlist++] = w;
        }
        fr_add(&o->acc[w], &o->acc[w], &c);
    }
    /* Insertion into sorted order: lists are short in practice. */
    for (uint32_t i = 1; i < o->nlist; i++) {
        uint32_t v = o->list[i], j = i;
        while (j > 0 && o->list[j - 1] > v) {
            o->list[j] = o->list[j - 1];
            j--;
        }
        o->list[j] = v;
    }
    r1cs_lc_clear(lc);
    for (uint32_t i = 0; i < o->nlist; i++) {
        uint32_t w = o->list[i];
        o->touched[w] = 0;
        if (!fr_is_zero(&o->acc[w]) && (err = r1cs_lc_push(lc, w, &o->acc[w])))
            return err;
    }
    return ZK_OK;
}

/* True when lc is a constant (only w_0); its value in *k. */
static bool lc_constant(const r1cs_lc *lc, fr_t *k)
{
    fr_zero(k);
    for (uint32_t i = 0; i < lc->n; i++) {
        if (lc->wire[i] != 0)
            return false;
        fr_add(k, k, &lc->coef[i]);
    }
    return true;
}

static zk_err add_row(opt *o, const r1cs_lc *a, const r1cs_lc *b, const r1cs_lc *c, size_t origin)
{
    zk_err err = r1cs_add(o->s, a, b, c);
    if (err)
        return err;
    if (o->s->n_rows > o->cap_rows) {
        size_t cap = o->cap_rows * 2 + 16;
        uint8_t *al = zk_realloc(o->alive, cap, 1);
        if (!al)
            return ZK_ENOMEM;
        o->alive = al;
        size_t *og = zk_realloc(o->origin, cap, sizeof *og);
        if (!og)
            return ZK_ENOMEM;
        o->origin = og;
        o->cap_rows = cap;
    }
    o->alive[o->s->n_rows - 1] = 1;
    o->origin[o->s->n_rows - 1] = origin;
    return ZK_OK;
}

/* Rewrites row i through the substitutions; a product with a constant side
 * becomes linear, and a row left empty dies. *linear tells which it is. */
static zk_err rewrite_row(opt *o, size_t i, bool *linear)
{
    zk_err err;
    for (int k = 0; k < 3; k++) {
        decode(o->s, i, k, &o->side[k]);
        if ((err = rewrite(o, &o->side[k])))
            return err;
    }
    r1cs_lc *a = &o->side[0], *b = &o->side[1], *c = &o->side[2];
    fr_t ka, kb;
    bool ca = lc_constant(a, &ka), cb = lc_constant(b, &kb);
    if (ca || cb) {
        /* k·B - C = 0 is the linear constraint C - k·B = 0. */
        const r1cs_lc *other = ca ? b : a;
        const fr_t *k = ca ? &ka : &kb;
        for (uint32_t j = 0; j < other->n; j++) {
            fr_t p;
            fr_mul(&p, &other->coef[j], k);
            fr_neg(&p, &p);
            if ((err = r1cs_lc_push(c, other->wire[j], &p)))
                return err;
        }
        if ((err = rewrite(o, c)))
            return err;
        r1cs_lc_clear(a);
        r1cs_lc_clear(b);
    }
    *linear = a->n == 0 || b->n == 0;
    o->alive[i] = 0;
    if (*linear && c->n == 0)
        return ZK_OK;
    return add_row(o, a, b, c, o->origin[i]);
}

/* ---- --O1 --------------------------------------------------------------------------- */

static uint32_t uf_find(uint32_t *p, uint32_t x)
{
    uint32_t r = x;
    while (p[r] != r)
        r = p[r];
    while (p[x] != r) {
        uint32_t nx = p[x];
        p[x] = r;
        x = nx;
    }
    return r;
}

enum { K_NONLINEAR, K_LINEAR, K_EQ, K_CONST_EQ };

static int classify(const r1cs *s, size_t i)
{
    const r1cs_row *r = &s->rows[i];
    if (r->na && r->nb)
        return K_NONLINEAR;
    const r1cs_term *t = s->terms + r->off + r->na + r->nb;
    /* a·x = 0 counts as signal = constant too (Circom's
     * signal_equals_constant), but a bare constant does not. */
    if (r->nc == 1)
        return t[0].wire != 0 ? K_CONST_EQ : K_LINEAR;
    if (r->nc != 2)
        return K_LINEAR;
    if (t[0].wire == 0)
        return K_CONST_EQ;
    fr_t sum;
    fr_add(&sum, &s->coefs[t[0].coef], &s->coefs[t[1].coef]);
    return fr_is_zero(&sum) ? K_EQ : K_LINEAR;
}

static zk_err set_sub(opt *o, uint32_t w, uint32_t to, const fr_t *k)
{
    subst *sb = &o->sub[w];
    r1cs_lc_clear(&sb->e);
    sb->set = true;
    return r1cs_lc_push(&sb->e, to, k);
}

static zk_err level1(opt *o, uint8_t *kind)
{
    r1cs *s = o->s;
    size_t n_rows = s->n_rows;
    zk_err err = ZK_OK;
    uint32_t *parent = zk_alloc(o->n, sizeof *parent), *best = zk_alloc(o->n, sizeof *best);
    uint8_t *in_eq = zk_calloc(o->n, 1);
    if (!parent || !best || !in_eq) {
        err = ZK_ENOMEM;
        goto done;
    }
    for (uint32_t w = 0; w < o->n; w++)
        parent[w] = w;
    for (size_t i = 0; i < n_rows; i++) {
        kind[i] = (uint8_t)classify(s, i);
        if (kind[i] != K_EQ)
            continue;
        const r1cs_term *t = s->terms + s->rows[i].off;
        uint32_t x = uf_find(parent, t[0].wire), y = uf_find(parent, t[1].wire);
        in_eq[t[0].wire] = in_eq[t[1].wire] = 1;
        if (x != y)
            parent[x > y ? x : y] = x > y ? y : x;
        o->alive[i] = 0;
    }
    /* Each cluster's representative: its smallest forbidden signal, else its
     * smallest signal. Wires are visited in increasing order, so the first
     * candidate seen is the smallest. */
    for (uint32_t w = 0; w < o->n; w++)
        best[w] = UINT32_MAX;
    for (uint32_t w = 0; w < o->n; w++) {
        if (!in_eq[w])
            continue;
        uint32_t r = uf_find(parent, w);
        if (best[r] == UINT32_MAX || (o->forbidden[w] && !o->forbidden[best[r]]))
            best[r] = w;
    }
    fr_t one;
    fr_one(&one);
    r1cs_lc_clear(&o->side[0]);
    r1cs_lc_clear(&o->side[1]);
    for (uint32_t w = 0; w < o->n && !err; w++) {
        if (!in_eq[w])
            continue;
        uint32_t rep = best[uf_find(parent, w)];
        if (w == rep)
            continue;
        if (o->forbidden[w]) {
            /* Two forbidden signals of one cluster stay tied by a constraint. */
            r1cs_lc *c = &o->side[2];
            r1cs_lc_clear(c);
            fr_t m1;
            fr_neg(&m1, &one);
            if (!(err = r1cs_lc_push(c, rep, &one)) && !(err = r1cs_lc_push(c, w, &m1)))
                err = add_row(o, &o->side[0], &o->side[1], c, 0);
            continue;
        }
        err = set_sub(o, w, rep, &one);
    }
    /* Signal = constant, once the equalities are applied. Like Circom, every
     * such constraint on a signal goes, even when two of them name it. */
    size_t n_pend = 0;
    fr_t *pend = err ? NULL : zk_alloc(n_rows ? n_rows : 1, sizeof *pend);
    uint32_t *pend_w = err ? NULL : zk_alloc(n_rows ? n_rows : 1, sizeof *pend_w);
    if (!err && (!pend || !pend_w))
        err = ZK_ENOMEM;
    for (size_t i = 0; i < n_rows && !err; i++) {
        if (kind[i] != K_CONST_EQ)
            continue;
        r1cs_lc *c = &o->side[2];
        decode(s, i, 2, c);
        if ((err = rewrite(o, c)))
            break;
        fr_t k0, k1;
        uint32_t x = UINT32_MAX;
        fr_zero(&k0);
        fr_zero(&k1);
        for (uint32_t j = 0; j < c->n; j++) {
            if (c->wire[j] == 0)
                k0 = c->coef[j];
            else
                x = c->wire[j], k1 = c->coef[j];
        }
        if (x == UINT32_MAX || o->forbidden[x])
            continue;
        /* k0 + k1·x = 0, so x = -k0/k1. */
        fr_inv_var(&pend[n_pend], &k1);
        fr_mul(&pend[n_pend], &pend[n_pend], &k0);
        fr_neg(&pend[n_pend], &pend[n_pend]);
        pend_w[n_pend++] = x;
        o->alive[i] = 0;
    }
    for (size_t i = 0; i < n_pend && !err; i++)
        err = set_sub(o, pend_w[i], 0, &pend[i]);
    zk_free(pend);
    zk_free(pend_w);
    for (size_t i = 0; i < n_rows && !err; i++) {
        if (!o->alive[i])
            continue;
        bool hit = false;
        for (int k = 0; k < 3 && !hit; k++) {
            decode(s, i, k, &o->side[k]);
            hit = has_sub(o, &o->side[k]);
        }
        bool lin;
        if (hit)
            err = rewrite_row(o, i, &lin);
    }
done:
    zk_free(parent);
    zk_free(best);
    zk_free(in_eq);
    return err;
}

/* ---- --O2 --------------------------------------------------------------------------- */

/* Uses linear row i to eliminate its largest non-forbidden signal. */
static zk_err eliminate(opt *o, size_t i)
{
    r1cs_lc *c = &o->side[2];
    decode(o->s, i, 2, c);
    zk_err err = rewrite(o, c);
    if (err)
        return err;
    o->alive[i] = 0;
    if (c->n == 0)
        return ZK_OK;
    int pick = -1;
    for (uint32_t j = 0; j < c->n; j++)
        if (!o->forbidden[c->wire[j]])
            pick = (int)j;
    if (pick < 0) {
        r1cs_lc_clear(&o->side[0]);
        r1cs_lc_clear(&o->side[1]);
        return add_row(o, &o->side[0], &o->side[1], c, o->origin[i]);
    }
    /* Σ c_j·w_j = 0, so w_p = Σ_{j≠p} (-c_j / c_p)·w_j. */
    uint32_t w = c->wire[pick];
    fr_t inv;
    fr_inv_var(&inv, &c->coef[pick]);
    fr_neg(&inv, &inv);
    subst *sb = &o->sub[w];
    r1cs_lc_clear(&sb->e);
    sb->set = true;
    for (uint32_t j = 0; j < c->n; j++) {
        if ((int)j == pick)
            continue;
        fr_t k;
        fr_mul(&k, &c->coef[j], &inv);
        if ((err = r1cs_lc_push(&sb->e, c->wire[j], &k)))
            return err;
    }
    return ZK_OK;
}

static zk_err level2(opt *o)
{
    zk_err err = ZK_OK;
    for (;;) {
        size_t n_rows = o->s->n_rows;
        bool any = false;
        for (size_t i = 0; i < n_rows && !err; i++) {
            const r1cs_row *r = &o->s->rows[i];
            if (o->alive[i] && !(r->na && r->nb)) {
                err = eliminate(o, i);
                any = true;
            }
        }
        if (err || !any)
            return err;
        /* Products may have turned linear; they feed the next round. */
        n_rows = o->s->n_rows;
        bool new_linear = false;
        for (size_t i = 0; i < n_rows && !err; i++) {
            const r1cs_row *r = &o->s->rows[i];
            if (!o->alive[i] || !(r->na && r->nb))
                continue;
            bool hit = false;
            for (int k = 0; k < 3 && !hit; k++) {
                decode(o->s, i, k, &o->side[k]);
                hit = has_sub(o, &o->side[k]);
            }
            bool lin = false;
            if (hit && !(err = rewrite_row(o, i, &lin)))
                new_linear |= lin;
        }
        if (err || !new_linear)
            return err;
    }
}

/* ---- driver ------------------------------------------------------------------------- */

zk_err r1cs_simplify(r1cs *s, int level, const uint8_t *forbidden, r1cs_simplified *out)
{
    memset(out, 0, sizeof *out);
    opt o;
    memset(&o, 0, sizeof o);
    o.s = s;
    o.forbidden = forbidden;
    o.n = s->n_wires;
    zk_err err = ZK_OK;
    size_t n0 = s->n_rows;
    o.cap_rows = n0 + 16;
    o.sub = zk_calloc(o.n, sizeof *o.sub);
    o.alive = zk_alloc(o.cap_rows, 1);
    o.origin = zk_alloc(o.cap_rows, sizeof *o.origin);
    o.acc = zk_alloc(o.n, sizeof *o.acc);
    o.touched = zk_calloc(o.n, 1);
    o.list = zk_alloc(o.n, sizeof *o.list);
    uint8_t *kind = zk_alloc(n0 ? n0 : 1, 1);
    uint8_t *used = zk_calloc(o.n, 1);
    for (int k = 0; k < 3; k++)
        r1cs_lc_init(&o.side[k]);
    if (!o.sub || !o.alive || !o.origin || !o.acc || !o.touched || !o.list || !kind || !used) {
        err = ZK_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n0; i++) {
        o.alive[i] = 1;
        o.origin[i] = i;
    }
    if (level >= 1)
        err = level1(&o, kind);
    if (!err && level >= 2)
        err = level2(&o);
    if (err)
        goto done;

    /* Removed: substituted signals, and from --O1 on (as circom 2.2 does)
     * signals that no constraint uses. */
    for (uint32_t w = 0; w < o.n; w++)
        used[w] = !o.sub[w].set && (level < 1 || forbidden[w]);
    if (level >= 1) {
        for (size_t i = 0; i < s->n_rows; i++) {
            if (!o.alive[i])
                continue;
            const r1cs_row *r = &s->rows[i];
            for (uint64_t k = 0; k < (uint64_t)r->na + r->nb + r->nc; k++)
                used[s->terms[r->off + k].wire] = 1;
        }
    }
    out->label_to_wire = zk_alloc(o.n, sizeof *out->label_to_wire);
    uint64_t *labels = zk_alloc(o.n, sizeof *labels);
    size_t n_alive = 0;
    for (size_t i = 0; i < s->n_rows; i++)
        n_alive += o.alive[i];
    size_t *order = zk_alloc(n_alive ? n_alive : 1, sizeof *order);
    out->row_origin = zk_alloc(n_alive ? n_alive : 1, sizeof *out->row_origin);
    if (!out->label_to_wire || !labels || !order || !out->row_origin) {
        zk_free(labels);
        zk_free(order);
        err = ZK_ENOMEM;
        goto done;
    }
    uint32_t nw = 0;
    for (uint32_t w = 0; w < o.n; w++) {
        if (used[w] || w == 0) {
            labels[nw] = w;
            out->label_to_wire[w] = nw++;
        } else {
            out->label_to_wire[w] = R1CS_REMOVED;
        }
    }
    size_t j = 0;
    for (size_t i = 0; i < s->n_rows; i++) {
        if (o.alive[i]) {
            out->row_origin[j] = o.origin[i];
            order[j++] = i;
        }
    }
    out->n_rows = n_alive;
    /* Every removed wire has left all surviving constraints, so the map is
     * total on what remains. */
    err = r1cs_reorder_rows(s, order, n_alive);
    zk_free(order);
    if (!err) {
        for (uint32_t w = 0; w < o.n; w++)
            if (out->label_to_wire[w] == R1CS_REMOVED)
                out->label_to_wire[w] = 0;
        err = r1cs_renumber(s, out->label_to_wire, nw);
        for (uint32_t w = 0; w < o.n; w++)
            if (!(used[w] || w == 0))
                out->label_to_wire[w] = R1CS_REMOVED;
    }
    if (err) {
        zk_free(labels);
        goto done;
    }
    zk_free(s->wire_label);
    s->wire_label = labels;
    s->n_labels = o.n;

done:
    if (o.sub)
        for (uint32_t w = 0; w < o.n; w++)
            r1cs_lc_free(&o.sub[w].e);
    zk_free(o.sub);
    zk_free(o.alive);
    zk_free(o.origin);
    zk_free(o.acc);
    zk_free(o.touched);
    zk_free(o.list);
    zk_free(o.stw);
    zk_free(o.stk);
    zk_free(kind);
    zk_free(used);
    for (int k = 0; k < 3; k++)
        r1cs_lc_free(&o.side[k]);
    if (err)
        r1cs_simplified_free(out);
    return err;
}

void r1cs_simplified_free(r1cs_simplified *r)
{
    zk_free(r->label_to_wire);
    zk_free(r->row_origin);
    memset(r, 0, sizeof *r);
}
