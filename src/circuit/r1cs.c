#include "circuit/r1cs.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* Makes room for `more` elements past *n in *p (capacity *cap). */
static zk_err grow(void **p, size_t *cap, size_t n, size_t more, size_t elem)
{
    return more > SIZE_MAX - n ? ZK_EOVERFLOW : zk_grow(p, cap, n + more, elem, SIZE_MAX);
}

void r1cs_lc_init(r1cs_lc *lc)
{
    memset(lc, 0, sizeof *lc);
}

void r1cs_lc_free(r1cs_lc *lc)
{
    zk_free(lc->wire);
    zk_free(lc->coef);
    memset(lc, 0, sizeof *lc);
}

static zk_err lc_reserve(r1cs_lc *lc, uint32_t more)
{
    if ((uint64_t)lc->n + more <= lc->cap)
        return ZK_OK;
    uint64_t c = lc->cap ? lc->cap : 8;
    while (c < (uint64_t)lc->n + more)
        c *= 2;
    if (c > UINT32_MAX)
        return ZK_EOVERFLOW;
    uint32_t *w = zk_realloc(lc->wire, c, sizeof *w);
    if (!w)
        return ZK_ENOMEM;
    lc->wire = w;
    fr_t *k = zk_realloc(lc->coef, c, sizeof *k);
    if (!k)
        return ZK_ENOMEM;
    lc->coef = k;
    lc->cap = (uint32_t)c;
    return ZK_OK;
}

zk_err r1cs_lc_push(r1cs_lc *lc, uint32_t wire, const fr_t *coef)
{
    zk_err err = lc_reserve(lc, 1);
    if (err)
        return err;
    lc->wire[lc->n] = wire;
    lc->coef[lc->n] = *coef;
    lc->n++;
    return ZK_OK;
}

zk_err r1cs_lc_push_i64(r1cs_lc *lc, uint32_t wire, int64_t coef)
{
    fr_t k;
    fr_from_u64(&k, coef < 0 ? (uint64_t)0 - (uint64_t)coef : (uint64_t)coef);
    if (coef < 0)
        fr_neg(&k, &k);
    return r1cs_lc_push(lc, wire, &k);
}

/* ---- the system ------------------------------------------------------------ */

void r1cs_init(r1cs *s)
{
    memset(s, 0, sizeof *s);
    s->n_wires = 1;
    for (int i = 0; i < 3; i++)
        r1cs_lc_init(&s->scratch[i]);
}

void r1cs_free(r1cs *s)
{
    zk_free(s->wire_label);
    zk_free(s->rows);
    zk_free(s->terms);
    zk_free(s->coefs);
    zk_free(s->coef_index);
    zk_free(s->hints);
    zk_free(s->hint_wires);
    for (int i = 0; i < 3; i++)
        r1cs_lc_free(&s->scratch[i]);
    memset(s, 0, sizeof *s);
}

zk_err r1cs_set_io(r1cs *s, uint32_t n_pub_out, uint32_t n_pub_in, uint32_t n_prv_in)
{
    if (s->n_wires != 1)
        return ZK_EINVAL;
    uint64_t n = 1 + (uint64_t)n_pub_out + n_pub_in + n_prv_in;
    if (n >= UINT32_MAX)
        return ZK_EOVERFLOW;
    s->n_pub_out = n_pub_out;
    s->n_pub_in = n_pub_in;
    s->n_prv_in = n_prv_in;
    s->n_wires = (uint32_t)n;
    return ZK_OK;
}

zk_err r1cs_new_wires(r1cs *s, uint32_t count, uint32_t *first)
{
    if ((uint64_t)s->n_wires + count >= UINT32_MAX)
        return ZK_EOVERFLOW;
    *first = s->n_wires;
    s->n_wires += count;
    return ZK_OK;
}

zk_err r1cs_new_wire(r1cs *s, uint32_t *wire)
{
    return r1cs_new_wires(s, 1, wire);
}

/* ---- coefficient table ----------------------------------------------------- */

static uint32_t coef_hash(const fr_t *c)
{
    uint64_t h = c->v[0] * 0x9e3779b97f4a7c15u ^ c->v[1] ^ (c->v[2] << 7) ^ (c->v[3] >> 3);
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9u;
    return (uint32_t)(h ^ (h >> 32));
}

static zk_err coef_rehash(r1cs *s, uint32_t cap)
{
    uint32_t *t = zk_calloc(cap, sizeof *t);
    if (!t)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < s->n_coefs; i++) {
        uint32_t h = coef_hash(&s->coefs[i]) & (cap - 1);
        while (t[h])
            h = (h + 1) & (cap - 1);
        t[h] = i + 1;
    }
    zk_free(s->coef_index);
    s->coef_index = t;
    s->coef_index_cap = cap;
    return ZK_OK;
}

zk_err r1cs_coef_intern(r1cs *s, const fr_t *coef, uint32_t *index)
{
    zk_err err;
    if (s->coef_index_cap == 0 || (uint64_t)(s->n_coefs + 1) * 2 > s->coef_index_cap) {
        uint64_t cap = s->coef_index_cap ? (uint64_t)s->coef_index_cap * 2 : 64;
        if (cap > (1u << 31))
            return ZK_EOVERFLOW;
        if ((err = coef_rehash(s, (uint32_t)cap)))
            return err;
    }
    uint32_t mask = s->coef_index_cap - 1, h = coef_hash(coef) & mask;
    while (s->coef_index[h]) {
        uint32_t i = s->coef_index[h] - 1;
        if (fr_eq(&s->coefs[i], coef)) {
            *index = i;
            return ZK_OK;
        }
        h = (h + 1) & mask;
    }
    size_t cap = s->cap_coefs;
    if ((err = grow((void **)&s->coefs, &cap, s->n_coefs, 1, sizeof(fr_t))))
        return err;
    s->cap_coefs = (uint32_t)cap;
    s->coefs[s->n_coefs] = *coef;
    s->coef_index[h] = s->n_coefs + 1;
    *index = s->n_coefs++;
    return ZK_OK;
}

/* ---- adding constraints ---------------------------------------------------- */

typedef struct wire_pos {
    uint32_t wire, pos;
} wire_pos;

static int cmp_wire_pos(const void *a, const void *b)
{
    const wire_pos *x = a, *y = b;
    if (x->wire != y->wire)
        return x->wire < y->wire ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Copies src into dst sorted by wire, duplicates summed, zeros dropped. */
static zk_err lc_normalise(r1cs_lc *dst, const r1cs_lc *src, uint32_t n_wires)
{
    r1cs_lc_clear(dst);
    if (!src || src->n == 0)
        return ZK_OK;
    zk_err err = lc_reserve(dst, src->n);
    if (err)
        return err;
    bool sorted = true;
    for (uint32_t i = 0; i < src->n; i++) {
        if (src->wire[i] >= n_wires)
            return ZK_EINVAL;
        if (i && src->wire[i] <= src->wire[i - 1])
            sorted = false;
    }
    if (sorted) {
        for (uint32_t i = 0; i < src->n; i++) {
            if (fr_is_zero(&src->coef[i]))
                continue;
            dst->wire[dst->n] = src->wire[i];
            dst->coef[dst->n++] = src->coef[i];
        }
        return ZK_OK;
    }
    wire_pos *wp = zk_alloc(src->n, sizeof *wp);
    if (!wp)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < src->n; i++)
        wp[i] = (wire_pos){src->wire[i], i};
    qsort(wp, src->n, sizeof *wp, cmp_wire_pos);
    for (uint32_t i = 0; i < src->n;) {
        fr_t sum = src->coef[wp[i].pos];
        uint32_t j = i + 1;
        for (; j < src->n && wp[j].wire == wp[i].wire; j++)
            fr_add(&sum, &sum, &src->coef[wp[j].pos]);
        if (!fr_is_zero(&sum)) {
            dst->wire[dst->n] = wp[i].wire;
            dst->coef[dst->n++] = sum;
        }
        i = j;
    }
    zk_free(wp);
    return ZK_OK;
}

static zk_err push_terms(r1cs *s, const r1cs_lc *lc)
{
    size_t cap = (size_t)s->cap_terms;
    zk_err err = grow((void **)&s->terms, &cap, (size_t)s->n_terms, lc->n, sizeof(r1cs_term));
    if (err)
        return err;
    s->cap_terms = cap;
    for (uint32_t i = 0; i < lc->n; i++) {
        uint32_t k;
        if ((err = r1cs_coef_intern(s, &lc->coef[i], &k)))
            return err;
        s->terms[s->n_terms++] = (r1cs_term){lc->wire[i], k};
    }
    return ZK_OK;
}

zk_err r1cs_add(r1cs *s, const r1cs_lc *a, const r1cs_lc *b, const r1cs_lc *c)
{
    zk_err err;
    r1cs_lc *x = s->scratch;
    if ((err = lc_normalise(&x[0], a, s->n_wires)) || (err = lc_normalise(&x[1], b, s->n_wires)) ||
        (err = lc_normalise(&x[2], c, s->n_wires)))
        return err;
    /* A product with an empty side is zero: keep only C, so that every stored
     * constraint with a non-empty A also has a non-empty B. */
    if (x[0].n == 0 || x[1].n == 0)
        x[0].n = x[1].n = 0;
    if ((err = grow((void **)&s->rows, &s->cap_rows, s->n_rows, 1, sizeof(r1cs_row))))
        return err;
    r1cs_row row = {s->n_terms, x[0].n, x[1].n, x[2].n};
    uint64_t before = s->n_terms;
    for (int i = 0; i < 3; i++) {
        if ((err = push_terms(s, &x[i]))) {
            s->n_terms = before;
            return err;
        }
    }
    s->rows[s->n_rows++] = row;
    return ZK_OK;
}

zk_err r1cs_add_eq(r1cs *s, const r1cs_lc *a, const r1cs_lc *b)
{
    /* 0 · 0 - (a - b) = 0. */
    r1cs_lc d;
    r1cs_lc_init(&d);
    zk_err err = lc_reserve(&d, a->n + b->n);
    for (uint32_t i = 0; !err && i < a->n; i++)
        err = r1cs_lc_push(&d, a->wire[i], &a->coef[i]);
    for (uint32_t i = 0; !err && i < b->n; i++) {
        fr_t k;
        fr_neg(&k, &b->coef[i]);
        err = r1cs_lc_push(&d, b->wire[i], &k);
    }
    if (!err)
        err = r1cs_add(s, NULL, NULL, &d);
    r1cs_lc_free(&d);
    return err;
}

/* ---- hints ----------------------------------------------------------------- */

static zk_err push_hint(r1cs *s, const r1cs_hint *h)
{
    zk_err err = grow((void **)&s->hints, &s->cap_hints, s->n_hints, 1, sizeof(r1cs_hint));
    if (err)
        return err;
    s->hints[s->n_hints++] = *h;
    return ZK_OK;
}

/* Stores an LC's terms unsorted (hints are evaluated, never compared). */
static zk_err push_raw_terms(r1cs *s, const r1cs_lc *lc)
{
    for (uint32_t i = 0; i < lc->n; i++) {
        if (lc->wire[i] >= s->n_wires)
            return ZK_EINVAL;
    }
    return push_terms(s, lc);
}

zk_err r1cs_hint_lc(r1cs *s, uint32_t out, const r1cs_lc *lc)
{
    if (out == 0 || out >= s->n_wires)
        return ZK_EINVAL;
    r1cs_hint h = {R1CS_HINT_LC, out, 1, s->n_terms, lc->n, 0, NULL, NULL};
    zk_err err = push_raw_terms(s, lc);
    return err ? err : push_hint(s, &h);
}

zk_err r1cs_hint_mul(r1cs *s, uint32_t out, const r1cs_lc *a, const r1cs_lc *b)
{
    if (out == 0 || out >= s->n_wires)
        return ZK_EINVAL;
    r1cs_hint h = {R1CS_HINT_MUL, out, 1, s->n_terms, a->n, b->n, NULL, NULL};
    zk_err err = push_raw_terms(s, a);
    if (!err)
        err = push_raw_terms(s, b);
    return err ? err : push_hint(s, &h);
}

zk_err r1cs_hint_fn_add(r1cs *s, r1cs_hint_fn fn, void *user, const uint32_t *in, uint32_t n_in,
                        const uint32_t *out, uint32_t n_out)
{
    if (!fn)
        return ZK_EINVAL;
    for (uint32_t i = 0; i < n_in; i++)
        if (in[i] >= s->n_wires)
            return ZK_EINVAL;
    for (uint32_t i = 0; i < n_out; i++)
        if (out[i] == 0 || out[i] >= s->n_wires)
            return ZK_EINVAL;
    zk_err err = grow((void **)&s->hint_wires, &s->cap_hint_wires, s->n_hint_wires,
                      (size_t)n_in + n_out, sizeof(uint32_t));
    if (err)
        return err;
    r1cs_hint h = {R1CS_HINT_FN, (uint32_t)(s->n_hint_wires + n_in), n_out, s->n_hint_wires,
                   n_in, 0, fn, user};
    if (n_in)
        memcpy(s->hint_wires + s->n_hint_wires, in, (size_t)n_in * sizeof *in);
    if (n_out)
        memcpy(s->hint_wires + s->n_hint_wires + n_in, out, (size_t)n_out * sizeof *out);
    s->n_hint_wires += (size_t)n_in + n_out;
    return push_hint(s, &h);
}

/* ---- evaluation ------------------------------------------------------------ */

static void eval_terms(const r1cs *s, fr_t *out, const r1cs_term *t, uint32_t n, const fr_t *w)
{
    fr_zero(out);
    for (uint32_t i = 0; i < n; i++) {
        fr_t p;
        fr_mul(&p, &s->coefs[t[i].coef], &w[t[i].wire]);
        fr_add(out, out, &p);
    }
}

/* True when every wire of the n terms at t is known. */
static bool terms_known(const r1cs_term *t, uint32_t n, const uint8_t *known)
{
    for (uint32_t i = 0; i < n; i++)
        if (!known[t[i].wire])
            return false;
    return true;
}

static zk_err run_hint(const r1cs *s, const r1cs_hint *h, fr_t *w, uint8_t *known, uint32_t *bad)
{
    const r1cs_term *t = s->terms + h->off;
    if (h->kind == R1CS_HINT_LC || h->kind == R1CS_HINT_MUL) {
        uint32_t n = h->kind == R1CS_HINT_LC ? h->na : h->na + h->nb;
        if (!terms_known(t, n, known)) {
            for (uint32_t i = 0; i < n; i++)
                if (!known[t[i].wire] && bad)
                    *bad = t[i].wire;
            return ZK_EINVAL;
        }
        eval_terms(s, &w[h->out], t, h->na, w);
        if (h->kind == R1CS_HINT_MUL) {
            fr_t b;
            eval_terms(s, &b, t + h->na, h->nb, w);
            fr_mul(&w[h->out], &w[h->out], &b);
        }
        known[h->out] = 1;
        return ZK_OK;
    }
    const uint32_t *in = s->hint_wires + h->off, *out = s->hint_wires + h->out;
    fr_t *buf = zk_alloc((size_t)h->na + h->n_out, sizeof(fr_t));
    if (!buf)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    for (uint32_t i = 0; i < h->na; i++) {
        if (!known[in[i]]) {
            if (bad)
                *bad = in[i];
            err = ZK_EINVAL;
            break;
        }
        buf[i] = w[in[i]];
    }
    if (!err)
        err = h->fn(h->user, buf + h->na, h->n_out, buf, h->na);
    for (uint32_t i = 0; !err && i < h->n_out; i++) {
        w[out[i]] = buf[h->na + i];
        known[out[i]] = 1;
    }
    zk_free(buf);
    return err;
}

zk_err r1cs_solve(const r1cs *s, fr_t *w, const fr_t *inputs, uint32_t *bad_wire)
{
    uint8_t *known = zk_calloc(s->n_wires, 1);
    if (!known)
        return ZK_ENOMEM;
    fr_one(&w[0]);
    known[0] = 1;
    uint32_t first_in = 1 + s->n_pub_out, n_in = s->n_pub_in + s->n_prv_in;
    for (uint32_t i = 0; i < n_in; i++) {
        w[first_in + i] = inputs[i];
        known[first_in + i] = 1;
    }
    zk_err err = ZK_OK;
    for (size_t i = 0; !err && i < s->n_hints; i++)
        err = run_hint(s, &s->hints[i], w, known, bad_wire);
    for (uint32_t i = 0; !err && i < s->n_wires; i++) {
        if (!known[i]) {
            if (bad_wire)
                *bad_wire = i;
            err = ZK_EINVAL;
        }
    }
    zk_free(known);
    return err;
}

void r1cs_eval_side(const r1cs *s, fr_t *out, size_t i, int side, const fr_t *w)
{
    uint32_t n;
    const r1cs_term *t = r1cs_side(s, i, side, &n);
    eval_terms(s, out, t, n, w);
}

bool r1cs_row_holds(const r1cs *s, size_t i, const fr_t *w)
{
    fr_t a, b, c;
    r1cs_eval_side(s, &a, i, 0, w);
    r1cs_eval_side(s, &b, i, 1, w);
    r1cs_eval_side(s, &c, i, 2, w);
    fr_mul(&a, &a, &b);
    return fr_eq(&a, &c);
}

zk_err r1cs_check(const r1cs *s, const fr_t *w, size_t *failing)
{
    for (size_t i = 0; i < s->n_rows; i++) {
        if (!r1cs_row_holds(s, i, w)) {
            if (failing)
                *failing = i;
            return ZK_EVERIFY;
        }
    }
    return ZK_OK;
}

void r1cs_count(const r1cs *s, size_t *nonlinear, size_t *linear)
{
    size_t nl = 0;
    for (size_t i = 0; i < s->n_rows; i++)
        nl += s->rows[i].na && s->rows[i].nb;
    *nonlinear = nl;
    *linear = s->n_rows - nl;
}

/* ---- renumbering ----------------------------------------------------------- */

static int cmp_term(const void *a, const void *b)
{
    const r1cs_term *x = a, *y = b;
    return x->wire < y->wire ? -1 : x->wire > y->wire;
}

zk_err r1cs_renumber(r1cs *s, const uint32_t *map, uint32_t new_n_wires)
{
    for (uint64_t i = 0; i < s->n_terms; i++) {
        uint32_t w = s->terms[i].wire;
        if (w >= s->n_wires || map[w] >= new_n_wires)
            return ZK_EINVAL;
    }
    for (size_t r = 0; r < s->n_rows; r++) {
        const r1cs_row *row = &s->rows[r];
        uint32_t len[3] = {row->na, row->nb, row->nc};
        r1cs_term *t = s->terms + row->off;
        for (int k = 0; k < 3; k++) {
            bool sorted = true;
            for (uint32_t j = 0; j < len[k]; j++) {
                t[j].wire = map[t[j].wire];
                if (j && t[j].wire <= t[j - 1].wire)
                    sorted = false;
            }
            if (!sorted)
                qsort(t, len[k], sizeof *t, cmp_term);
            t += len[k];
        }
    }
    s->n_wires = new_n_wires;
    s->n_hints = 0;
    s->n_hint_wires = 0;
    return ZK_OK;
}

zk_err r1cs_reorder_rows(r1cs *s, const size_t *order, size_t n)
{
    r1cs_row *rows = zk_alloc(n ? n : 1, sizeof *rows);
    if (!rows)
        return ZK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (order[i] >= s->n_rows) {
            zk_free(rows);
            return ZK_EINVAL;
        }
        rows[i] = s->rows[order[i]];
    }
    zk_free(s->rows);
    s->rows = rows;
    s->n_rows = n;
    s->cap_rows = n ? n : 1;
    return ZK_OK;
}
