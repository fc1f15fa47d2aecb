#include "circuit/circom_value.h"

#include <gmp.h>
#include <string.h>

#include "core/alloc.h"

/* ---- scratch stack ------------------------------------------------------------- */

#define CHUNK_SIZE ((size_t)1 << 16)

struct circom_val_chunk {
    circom_val_chunk *prev;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void circom_val_scratch_init(circom_val_scratch *s)
{
    s->head = s->spare = NULL;
}

static void free_chain(circom_val_chunk *c)
{
    while (c) {
        circom_val_chunk *p = c->prev;
        zk_free(c);
        c = p;
    }
}

void circom_val_scratch_free(circom_val_scratch *s)
{
    free_chain(s->head);
    free_chain(s->spare);
    s->head = s->spare = NULL;
}

void *circom_val_scratch_alloc(circom_val_scratch *s, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (!s->head || s->head->cap - s->head->used < size) {
        circom_val_chunk *c = NULL;
        if (s->spare && s->spare->cap >= size) {
            c = s->spare;
            s->spare = c->prev;
        } else {
            /* A spare too small for this is freed, not kept: as a sum grows
             * by a term a statement, each statement asks for a bigger chunk,
             * and kept spares piled up to gigabytes. */
            if (s->spare) {
                circom_val_chunk *small = s->spare;
                s->spare = small->prev;
                zk_free(small);
            }
            size_t cap = size > CHUNK_SIZE ? size : CHUNK_SIZE;
            c = zk_alloc(1, sizeof *c + cap);
            if (!c)
                return NULL;
            c->cap = cap;
        }
        c->used = 0;
        c->prev = s->head;
        s->head = c;
    }
    void *p = s->head->data + s->head->used;
    s->head->used += size;
    return p;
}

circom_val_mark circom_val_scratch_mark(const circom_val_scratch *s)
{
    return (circom_val_mark){s->head, s->head ? s->head->used : 0};
}

void circom_val_scratch_release(circom_val_scratch *s, circom_val_mark m)
{
    while (s->head && s->head != m.chunk) {
        circom_val_chunk *c = s->head;
        s->head = c->prev;
        c->prev = s->spare;
        s->spare = c;
    }
    if (s->head)
        s->head->used = m.used;
}

size_t circom_val_scratch_held(const circom_val_scratch *s)
{
    size_t n = 0;
    for (const circom_val_chunk *c = s->head; c; c = c->prev)
        n += c->cap;
    for (const circom_val_chunk *c = s->spare; c; c = c->prev)
        n += c->cap;
    return n;
}

/* ---- linear combinations --------------------------------------------------------- */

static zk_err lc_alloc(circom_val_ctx *c, circom_val_lc *lc, uint32_t n)
{
    lc->n = 0;
    lc->cap = 0;
    lc->t = n ? circom_val_scratch_alloc(c->scratch, (size_t)n * sizeof *lc->t) : NULL;
    return n && !lc->t ? ZK_ENOMEM : ZK_OK;
}

/* out = x·a + y·b (x, y field elements; NULL means 1). */
static zk_err lc_combine(circom_val_ctx *c, circom_val_lc *out, const circom_val_lc *a,
                         const fr_t *x, const circom_val_lc *b, const fr_t *y)
{
    zk_err err = lc_alloc(c, out, a->n + b->n);
    c->work += (uint64_t)a->n + b->n;
    if (err)
        return err;
    fr_t ka = a->k, kb = b->k;
    if (x)
        fr_mul(&ka, &ka, x);
    if (y)
        fr_mul(&kb, &kb, y);
    fr_add(&out->k, &ka, &kb);
    uint32_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        circom_val_term t;
        if (j >= b->n || (i < a->n && a->t[i].sig < b->t[j].sig)) {
            t = a->t[i++];
            if (x)
                fr_mul(&t.k, &t.k, x);
        } else if (i >= a->n || b->t[j].sig < a->t[i].sig) {
            t = b->t[j++];
            if (y)
                fr_mul(&t.k, &t.k, y);
        } else {
            fr_t u = a->t[i].k, v = b->t[j].k;
            if (x)
                fr_mul(&u, &u, x);
            if (y)
                fr_mul(&v, &v, y);
            t.sig = a->t[i].sig;
            fr_add(&t.k, &u, &v);
            i++, j++;
            if (fr_is_zero(&t.k))
                continue;
        }
        out->t[out->n++] = t;
    }
    return ZK_OK;
}

static zk_err lc_scale(circom_val_ctx *c, circom_val_lc *out, const circom_val_lc *a, const fr_t *x)
{
    c->work += a->n;
    zk_err err = lc_alloc(c, out, a->n);
    if (err)
        return err;
    fr_mul(&out->k, &a->k, x);
    for (uint32_t i = 0; i < a->n; i++) {
        out->t[i].sig = a->t[i].sig;
        fr_mul(&out->t[i].k, &a->t[i].k, x);
    }
    out->n = a->n;
    return ZK_OK;
}

static circom_val_sym *new_sym(circom_val_ctx *c)
{
    circom_val_sym *s = circom_val_scratch_alloc(c->scratch, sizeof *s);
    if (s)
        memset(s, 0, sizeof *s);
    return s;
}

/* ---- constructors ------------------------------------------------------------------ */

void circom_val_const(circom_val *v, const fr_t *x)
{
    memset(v, 0, sizeof *v);
    v->kind = CIRCOM_VAL_CONST;
    v->known = true;
    v->w = *x;
}

void circom_val_const_u64(circom_val *v, uint64_t x)
{
    fr_t f;
    fr_from_u64(&f, x);
    circom_val_const(v, &f);
}

void circom_val_nonq(circom_val *v, bool known, const fr_t *w)
{
    /* w may point into v itself (a value made opaque in place), so it is
     * read before v is cleared. */
    fr_t keep;
    fr_zero(&keep);
    known = known && w;
    if (known)
        keep = *w;
    memset(v, 0, sizeof *v);
    v->kind = CIRCOM_VAL_NONQ;
    v->known = known;
    if (known)
        v->w = keep;
}

zk_err circom_val_signal(circom_val_ctx *c, circom_val *v, uint32_t sig, bool known, const fr_t *w)
{
    memset(v, 0, sizeof *v);
    v->kind = CIRCOM_VAL_LIN;
    v->known = known;
    if (known)
        v->w = *w;
    v->s = new_sym(c);
    if (!v->s)
        return ZK_ENOMEM;
    zk_err err = lc_alloc(c, &v->s->c, 1);
    if (err)
        return err;
    v->s->c.t[0].sig = sig;
    fr_one(&v->s->c.t[0].k);
    v->s->c.n = 1;
    return ZK_OK;
}

/* Linear values with no signal left are constants. */
static void normalise(circom_val *v)
{
    if (v->kind == CIRCOM_VAL_LIN && v->s->c.n == 0) {
        fr_t k = v->s->c.k;
        circom_val_const(v, &k);
    }
}

/* ---- plain-integer helpers (values as representatives in [0, r)) ---------------------- */

static void to_mpz(mpz_t r, const fr_t *x)
{
    uint64_t l[4];
    fr_to_int(l, x);
    mpz_import(r, 4, -1, sizeof(uint64_t), 0, 0, l);
}

static void from_mpz(fr_t *r, mpz_t x)
{
    mpz_t p;
    mpz_init(p);
    mpz_import(p, 4, -1, sizeof(uint64_t), 0, 0, fr_params.p);
    mpz_mod(x, x, p);
    uint64_t l[4] = {0, 0, 0, 0};
    size_t count;
    mpz_export(l, &count, -1, sizeof(uint64_t), 0, 0, x);
    fr_from_int(r, l);
    mpz_clear(p);
}

/* a <=> b for 256-bit integers as four little-endian limbs. */
static int cmp_limbs(const uint64_t a[4], const uint64_t b[4])
{
    for (int i = 3; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* Circom's signed view of a field element for comparisons: x above (r-1)/2
 * stands for x - r. Returns -1, 0, 1 as a < b, a = b, a > b. Loops compare
 * on every turn, so this stays in plain limbs. */
static int cmp_signed(const fr_t *a, const fr_t *b)
{
    uint64_t x[4], y[4], half[4];
    const uint64_t *p = fr_params.p;
    for (int i = 0; i < 4; i++)
        half[i] = p[i] >> 1 | (i < 3 ? p[i + 1] << 63 : 0);
    fr_to_int(x, a);
    fr_to_int(y, b);
    /* r is odd, so (r-1)/2 = r >> 1. The negative ones lie above it, and
     * x - r keeps the order among them. */
    bool nx = cmp_limbs(x, half) > 0, ny = cmp_limbs(y, half) > 0;
    if (nx != ny)
        return nx ? -1 : 1;
    return cmp_limbs(x, y);
}

/* Circom's shifts: k above r/2 shifts the other way by r - k; left shifts
 * keep the low 254 bits (the width of r) before reducing modulo r. */
static void shift(fr_t *out, const fr_t *x, const fr_t *k, bool left)
{
    mpz_t a, s, p, half;
    mpz_inits(a, s, p, half, NULL);
    to_mpz(a, x);
    to_mpz(s, k);
    mpz_import(p, 4, -1, sizeof(uint64_t), 0, 0, fr_params.p);
    mpz_tdiv_q_2exp(half, p, 1);
    if (mpz_cmp(s, half) > 0) {
        mpz_sub(s, p, s);
        left = !left;
    }
    if (!mpz_fits_ulong_p(s) || mpz_get_ui(s) > 512) {
        mpz_set_ui(a, 0);
    } else if (left) {
        mpz_mul_2exp(a, a, mpz_get_ui(s));
        mpz_fdiv_r_2exp(a, a, 254);
    } else {
        mpz_tdiv_q_2exp(a, a, mpz_get_ui(s));
    }
    from_mpz(out, a);
    mpz_clears(a, s, p, half, NULL);
}

/* Integer and comparison operators on two known elements. */
static zk_err int_op(circom_val_ctx *c, fr_t *out, circom_op op, const fr_t *x, const fr_t *y)
{
    if (op == CIRCOM_SHL || op == CIRCOM_SHR) {
        shift(out, x, y, op == CIRCOM_SHL);
        return ZK_OK;
    }
    if (op >= CIRCOM_EQ && op <= CIRCOM_GE) {
        int r = op == CIRCOM_EQ || op == CIRCOM_NE ? !fr_eq(x, y) : cmp_signed(x, y);
        bool t = op == CIRCOM_EQ ? r == 0 : op == CIRCOM_NE ? r != 0 : op == CIRCOM_LT ? r < 0
               : op == CIRCOM_GT ? r > 0 : op == CIRCOM_LE ? r <= 0 : r >= 0;
        fr_from_u64(out, t);
        return ZK_OK;
    }
    if (op == CIRCOM_AND || op == CIRCOM_OR) {
        bool a = !fr_is_zero(x), b = !fr_is_zero(y);
        fr_from_u64(out, op == CIRCOM_AND ? (a && b) : (a || b));
        return ZK_OK;
    }
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    to_mpz(a, x);
    to_mpz(b, y);
    zk_err err = ZK_OK;
    switch (op) {
    case CIRCOM_IDIV:
    case CIRCOM_MOD:
        if (mpz_sgn(b) == 0) {
            c->error = op == CIRCOM_IDIV ? "integer division by zero" : "modulo by zero";
            err = ZK_EINVAL;
        } else if (op == CIRCOM_IDIV) {
            mpz_fdiv_q(a, a, b);
        } else {
            mpz_fdiv_r(a, a, b);
        }
        break;
    case CIRCOM_BAND: mpz_and(a, a, b); break;
    case CIRCOM_BOR: mpz_ior(a, a, b); break;
    case CIRCOM_BXOR: mpz_xor(a, a, b); break;
    default: err = ZK_EINVAL; c->error = "internal: not an integer operator"; break;
    }
    if (!err)
        from_mpz(out, a);
    mpz_clears(a, b, NULL);
    return err;
}

/* ---- operators -------------------------------------------------------------------------- */

static zk_err add_sym(circom_val_ctx *c, circom_val *r, const circom_val *a, const circom_val *b,
                      bool sub)
{
    fr_t m1;
    fr_one(&m1);
    fr_neg(&m1, &m1);
    const fr_t *y = sub ? &m1 : NULL;
    if (a->kind == CIRCOM_VAL_NONQ || b->kind == CIRCOM_VAL_NONQ ||
        (a->kind == CIRCOM_VAL_QUAD && b->kind == CIRCOM_VAL_QUAD)) {
        r->kind = CIRCOM_VAL_NONQ;
        return ZK_OK;
    }
    static const circom_val_lc zero;
    const circom_val_lc *la = a->kind == CIRCOM_VAL_CONST ? NULL : &a->s->c,
                        *lb = b->kind == CIRCOM_VAL_CONST ? NULL : &b->s->c;
    circom_val_lc ka = zero, kb = zero;
    if (!la) {
        ka.k = a->w;
        la = &ka;
    }
    if (!lb) {
        kb.k = b->w;
        lb = &kb;
    }
    r->s = new_sym(c);
    if (!r->s)
        return ZK_ENOMEM;
    zk_err err = lc_combine(c, &r->s->c, la, NULL, lb, y);
    if (err)
        return err;
    if (a->kind == CIRCOM_VAL_QUAD) {
        r->kind = CIRCOM_VAL_QUAD;
        r->s->a = a->s->a;
        r->s->b = a->s->b;
    } else if (b->kind == CIRCOM_VAL_QUAD) {
        r->kind = CIRCOM_VAL_QUAD;
        if (sub) {
            if ((err = lc_scale(c, &r->s->a, &b->s->a, &m1)))
                return err;
        } else {
            r->s->a = b->s->a;
        }
        r->s->b = b->s->b;
    } else {
        r->kind = CIRCOM_VAL_LIN;
    }
    return ZK_OK;
}

/* r = k · a for a constant k. */
static zk_err scale(circom_val_ctx *c, circom_val *r, const circom_val *a, const fr_t *k)
{
    if (fr_is_zero(k)) {
        fr_t z;
        fr_zero(&z);
        circom_val_const(r, &z);
        return ZK_OK;
    }
    r->kind = a->kind;
    if (a->kind == CIRCOM_VAL_NONQ)
        return ZK_OK;
    r->s = new_sym(c);
    if (!r->s)
        return ZK_ENOMEM;
    zk_err err = lc_scale(c, &r->s->c, &a->s->c, k);
    if (!err && a->kind == CIRCOM_VAL_QUAD) {
        err = lc_scale(c, &r->s->a, &a->s->a, k);
        r->s->b = a->s->b;
    }
    return err;
}

static zk_err mul_sym(circom_val_ctx *c, circom_val *r, const circom_val *a, const circom_val *b)
{
    if (a->kind == CIRCOM_VAL_CONST)
        return scale(c, r, b, &a->w);
    if (b->kind == CIRCOM_VAL_CONST)
        return scale(c, r, a, &b->w);
    if (a->kind == CIRCOM_VAL_LIN && b->kind == CIRCOM_VAL_LIN) {
        r->kind = CIRCOM_VAL_QUAD;
        r->s = new_sym(c);
        if (!r->s)
            return ZK_ENOMEM;
        r->s->a = a->s->c;
        r->s->b = b->s->c;
        return ZK_OK;
    }
    r->kind = CIRCOM_VAL_NONQ;
    return ZK_OK;
}

zk_err circom_val_binop(circom_val_ctx *c, circom_val *r, circom_op op, const circom_val *a,
                        const circom_val *b)
{
    circom_val out;
    memset(&out, 0, sizeof out);
    bool known = a->known && b->known;
    fr_t w;
    fr_zero(&w);
    zk_err err = ZK_OK;
    /* The concrete value first: it is the whole answer for constants. */
    if (known) {
        switch (op) {
        case CIRCOM_ADD: fr_add(&w, &a->w, &b->w); break;
        case CIRCOM_SUB: fr_sub(&w, &a->w, &b->w); break;
        case CIRCOM_MUL: fr_mul(&w, &a->w, &b->w); break;
        case CIRCOM_DIV:
            /* A constant zero divisor is a mistake in the program; one
             * that a signal makes zero gives 0, as circom's witness
             * calculator computes it (and `x <-- 1 / in` relies on). */
            if (fr_is_zero(&b->w)) {
                if (b->kind != CIRCOM_VAL_CONST)
                    break;
                c->error = "division by zero";
                return ZK_EINVAL;
            }
            fr_inv_var(&w, &b->w);
            fr_mul(&w, &w, &a->w);
            break;
        case CIRCOM_POW: {
            uint64_t e[4];
            fr_to_int(e, &b->w);
            fr_pow(&w, &a->w, e);
            break;
        }
        default:
            if ((err = int_op(c, &w, op, &a->w, &b->w)))
                return err;
        }
    }
    if (a->kind == CIRCOM_VAL_CONST && b->kind == CIRCOM_VAL_CONST) {
        circom_val_const(r, &w);
        return ZK_OK;
    }
    switch (op) {
    case CIRCOM_ADD: err = add_sym(c, &out, a, b, false); break;
    case CIRCOM_SUB: err = add_sym(c, &out, a, b, true); break;
    case CIRCOM_MUL: err = mul_sym(c, &out, a, b); break;
    case CIRCOM_DIV:
        if (b->kind == CIRCOM_VAL_CONST) {
            if (fr_is_zero(&b->w)) {
                c->error = "division by zero";
                return ZK_EINVAL;
            }
            fr_t inv;
            fr_inv_var(&inv, &b->w);
            err = scale(c, &out, a, &inv);
        } else {
            out.kind = CIRCOM_VAL_NONQ;
        }
        break;
    default:
        out.kind = CIRCOM_VAL_NONQ;
        break;
    }
    if (err)
        return err;
    out.known = known;
    out.w = w;
    normalise(&out);
    *r = out;
    return ZK_OK;
}

zk_err circom_val_unop(circom_val_ctx *c, circom_val *r, circom_op op, const circom_val *a)
{
    fr_t w;
    fr_zero(&w);
    if (a->known) {
        if (op == CIRCOM_NEG) {
            fr_neg(&w, &a->w);
        } else if (op == CIRCOM_NOT) {
            fr_from_u64(&w, fr_is_zero(&a->w));
        } else {
            mpz_t x;
            mpz_init(x);
            to_mpz(x, &a->w);
            mpz_com(x, x);
            mpz_fdiv_r_2exp(x, x, 254);
            from_mpz(&w, x);
            mpz_clear(x);
        }
    }
    if (a->kind == CIRCOM_VAL_CONST) {
        circom_val_const(r, &w);
        return ZK_OK;
    }
    circom_val out;
    memset(&out, 0, sizeof out);
    if (op == CIRCOM_NEG) {
        fr_t m1;
        fr_one(&m1);
        fr_neg(&m1, &m1);
        zk_err err = scale(c, &out, a, &m1);
        if (err)
            return err;
    } else {
        out.kind = CIRCOM_VAL_NONQ;
    }
    out.known = a->known;
    out.w = w;
    *r = out;
    return ZK_OK;
}

bool circom_val_truth(const circom_val *v)
{
    return !fr_is_zero(&v->w);
}

bool circom_val_to_index(const circom_val *v, uint64_t limit, uint64_t *out)
{
    return v->kind == CIRCOM_VAL_CONST && circom_val_index_of(&v->w, limit, out);
}

bool circom_val_index_of(const fr_t *w, uint64_t limit, uint64_t *out)
{
    uint64_t l[4];
    fr_to_int(l, w);
    if (l[1] | l[2] | l[3] || l[0] >= limit)
        return false;
    *out = l[0];
    return true;
}

void circom_val_format(char out[MONT256_DEC_MAX + 1], const fr_t *x)
{
    fr_to_dec(out, x);
}

void circom_val_format_signed(char out[MONT256_DEC_MAX + 1], const fr_t *x)
{
    fr_t neg;
    fr_neg(&neg, x);
    uint64_t a[4], b[4];
    fr_to_int(a, x);
    fr_to_int(b, &neg);
    /* x stands for -(r - x) when r - x is the smaller representative. */
    bool negative = false;
    for (int i = 3; i >= 0; i--) {
        if (a[i] != b[i]) {
            negative = b[i] < a[i];
            break;
        }
    }
    if (!negative) {
        fr_to_dec(out, x);
        return;
    }
    out[0] = '-';
    fr_to_dec(out + 1, &neg);
}

/* ---- storage in variables ---------------------------------------------------------------- */

static void lc_release(circom_val_lc *lc)
{
    if (lc->cap)
        zk_free(lc->t);
    memset(lc, 0, sizeof *lc);
}

void circom_val_release(circom_val *v)
{
    if (v->owned && v->s) {
        lc_release(&v->s->a);
        lc_release(&v->s->b);
        lc_release(&v->s->c);
        zk_free(v->s);
    }
    memset(v, 0, sizeof *v);
}

static zk_err lc_copy_owned(circom_val_lc *dst, const circom_val_lc *src)
{
    if (dst->cap < src->n) {
        circom_val_term *t = zk_realloc(dst->cap ? dst->t : NULL, src->n, sizeof *t);
        if (!t)
            return ZK_ENOMEM;
        dst->t = t;
        dst->cap = src->n;
    }
    if (src->n && dst->t != src->t)
        memcpy(dst->t, src->t, src->n * sizeof *src->t);
    dst->n = src->n;
    dst->k = src->k;
    return ZK_OK;
}

zk_err circom_val_store(circom_val *dst, const circom_val *src)
{
    if (dst == src)
        return ZK_OK;
    if (src->kind == CIRCOM_VAL_CONST || src->kind == CIRCOM_VAL_NONQ || !src->s) {
        circom_val_release(dst);
        dst->kind = src->kind;
        dst->known = src->known;
        dst->w = src->w;
        return ZK_OK;
    }
    if (dst->s == src->s)
        return ZK_OK;
    if (!dst->owned || !dst->s) {
        circom_val_release(dst);
        dst->s = zk_calloc(1, sizeof *dst->s);
        if (!dst->s)
            return ZK_ENOMEM;
        dst->owned = true;
    }
    zk_err err = lc_copy_owned(&dst->s->c, &src->s->c);
    if (!err && src->kind == CIRCOM_VAL_QUAD) {
        err = lc_copy_owned(&dst->s->a, &src->s->a);
        if (!err)
            err = lc_copy_owned(&dst->s->b, &src->s->b);
    }
    if (err) {
        circom_val_release(dst);
        return err;
    }
    dst->kind = src->kind;
    dst->known = src->known;
    dst->w = src->w;
    return ZK_OK;
}

/* dst += sign·src for dst held by a variable (heap, cap), in place: the
 * capacity doubles, and src's terms are merged in from the back, so a sum
 * built in a loop is neither copied nor reallocated on every turn. Terms
 * after dst's last signal (a loop in signal order) cost only themselves. */
static zk_err lc_add_owned(circom_val_ctx *c, circom_val_lc *dst, const circom_val_lc *src,
                           bool negate)
{
    fr_t k = src->k;
    if (negate)
        fr_neg(&k, &k);
    fr_add(&dst->k, &dst->k, &k);
    if (src->n == 0)
        return ZK_OK;
    uint64_t need = (uint64_t)dst->n + src->n;
    if (need > UINT32_MAX)
        return ZK_EOVERFLOW;
    if (need > dst->cap) {
        uint64_t cap = 2 * (uint64_t)dst->cap > need ? 2 * (uint64_t)dst->cap : need;
        if (cap > UINT32_MAX)
            cap = need;
        circom_val_term *t = zk_realloc(dst->cap ? dst->t : NULL, cap, sizeof *t);
        if (!t)
            return ZK_ENOMEM;
        dst->t = t;
        dst->cap = (uint32_t)cap;
    }
    circom_val_term *t = dst->t;
    /* From the back: at = where the next largest term goes; dst's own terms
     * below i have not moved yet. */
    int64_t i = (int64_t)dst->n - 1, j = (int64_t)src->n - 1, at = (int64_t)need - 1;
    c->work += (uint64_t)src->n;
    bool zeros = false;
    while (j >= 0) {
        circom_val_term term = src->t[j];
        if (negate)
            fr_neg(&term.k, &term.k);
        if (i >= 0 && t[i].sig > term.sig) {
            t[at--] = t[i--];
            c->work++;
            continue;
        }
        if (i >= 0 && t[i].sig == term.sig) {
            fr_add(&term.k, &term.k, &t[i--].k);
            zeros |= fr_is_zero(&term.k);
        }
        t[at--] = term;
        j--;
    }
    /* t[0..i] are in place; the merged run is t[at+1 .. need-1]. Equal
     * signals merged left a gap between them, and a sum may cancel. */
    uint64_t n = (uint64_t)(i + 1);
    for (int64_t r = at + 1; r < (int64_t)need; r++)
        if (!zeros || !fr_is_zero(&t[r].k))
            t[n++] = t[r];
    dst->n = (uint32_t)n;
    return ZK_OK;
}

zk_err circom_val_accumulate(circom_val_ctx *c, circom_val *dst, const circom_val *b, bool sub,
                             bool *done)
{
    *done = false;
    bool lin = dst->kind == CIRCOM_VAL_LIN && dst->owned && dst->s;
    if (!(dst->kind == CIRCOM_VAL_CONST || lin) ||
        !(b->kind == CIRCOM_VAL_CONST || b->kind == CIRCOM_VAL_LIN))
        return ZK_OK;
    bool known = dst->known && b->known;
    fr_t w;
    if (sub)
        fr_sub(&w, &dst->w, &b->w);
    else
        fr_add(&w, &dst->w, &b->w);
    if (dst->kind == CIRCOM_VAL_CONST && b->kind == CIRCOM_VAL_CONST) {
        circom_val_const(dst, &w);
        *done = true;
        return ZK_OK;
    }
    if (!lin) {
        /* A constant about to take signals: give it its own combination. */
        circom_val_sym *s = zk_calloc(1, sizeof *s);
        if (!s)
            return ZK_ENOMEM;
        s->c.k = dst->w;
        dst->s = s;
        dst->owned = true;
        dst->kind = CIRCOM_VAL_LIN;
    }
    static const circom_val_lc none;
    circom_val_lc konst = none;
    const circom_val_lc *add = b->kind == CIRCOM_VAL_LIN ? &b->s->c : &konst;
    if (b->kind == CIRCOM_VAL_CONST)
        konst.k = b->w;
    zk_err err = lc_add_owned(c, &dst->s->c, add, sub);
    if (err)
        return err;
    dst->known = known;
    dst->w = w;
    if (dst->s->c.n == 0) {
        fr_t k = dst->s->c.k;
        circom_val_release(dst);
        circom_val_const(dst, &k);
    }
    *done = true;
    return ZK_OK;
}

static zk_err lc_copy_scratch(circom_val_ctx *c, circom_val_lc *dst, const circom_val_lc *src)
{
    zk_err err = lc_alloc(c, dst, src->n);
    if (err)
        return err;
    if (src->n)
        memcpy(dst->t, src->t, src->n * sizeof *src->t);
    dst->n = src->n;
    dst->k = src->k;
    return ZK_OK;
}

zk_err circom_val_copy_scratch(circom_val_ctx *c, circom_val *dst, const circom_val *src)
{
    circom_val v = *src;
    v.owned = false;
    if (src->s && (src->kind == CIRCOM_VAL_LIN || src->kind == CIRCOM_VAL_QUAD)) {
        v.s = new_sym(c);
        if (!v.s)
            return ZK_ENOMEM;
        zk_err err = lc_copy_scratch(c, &v.s->c, &src->s->c);
        if (!err && src->kind == CIRCOM_VAL_QUAD) {
            err = lc_copy_scratch(c, &v.s->a, &src->s->a);
            if (!err)
                err = lc_copy_scratch(c, &v.s->b, &src->s->b);
        }
        if (err)
            return err;
    } else {
        v.s = NULL;
    }
    *dst = v;
    return ZK_OK;
}

void circom_val_make_opaque(circom_val *v)
{
    bool known = v->known;
    fr_t w = v->w;
    circom_val_release(v);
    v->kind = CIRCOM_VAL_NONQ;
    v->known = known;
    v->w = w;
}
