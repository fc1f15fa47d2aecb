/* The fixed-base tables of curve/fixed_base.h, written once for G1 and G2.
 *
 * Included twice by curve/fixed_base.c, with no include guard, after defining
 *   TPL_G      the group prefix, g1 or g2
 *   TPL_F      its field prefix, fq or fq2
 *   FB_PHASE  the event phase, "fixed_g1" or "fixed_g2"
 *   FB_CHECK  a function zk_err (const AFF *) checking a base point
 * Every name defined here carries the group prefix, so both instances live in
 * one translation unit. */

#include "core/paste.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define F_(op) ZK_PASTE(TPL_F, op)
#define FT ZK_PASTE(TPL_F, t)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)
#define PROJ ZK_PASTE(TPL_G, proj)
#define FIXED G_(fixed)

zk_err G_(fixed_init)(FIXED *f, const AFF *base, unsigned w)
{
    memset(f, 0, sizeof *f);
    if (w < 2 || w > 12 || base->inf)
        return ZK_EINVAL;
    zk_err err = FB_CHECK(base);
    if (err)
        return err;
    const size_t half = (size_t)1 << (w - 1);
    const unsigned rows = fixed_rows(w);
    AFF *t = zk_alloc_aligned((size_t)rows * half, sizeof *t);
    JAC *tmp = zk_alloc(half, sizeof *tmp);
    if (!t || !tmp) {
        zk_free(t);
        zk_free(tmp);
        return ZK_ENOMEM;
    }
    /* Row j: (2e + 1)·B_j for e < half, with B_j = 2^(wj)·B. A base of
     * prime order r gives no infinite entry ((2e + 1)·2^(wj) < 2^267 is never
     * a multiple of r): the check stays as a guard. */
    JAC bj, b2;
    G_(from_aff)(&bj, base);
    for (unsigned j = 0; j < rows && !err; j++) {
        tmp[0] = bj;
        G_(dbl)(&b2, &bj);
        for (size_t e = 1; e < half; e++)
            G_(add_var)(&tmp[e], &tmp[e - 1], &b2);
        AFF *row = &t[(size_t)j * half];
        G_(batch_to_aff_var)(row, tmp, half);
        for (size_t e = 0; e < half; e++)
            if (row[e].inf)
                err = ZK_EINVAL;
        for (unsigned i = 0; i < w; i++)
            G_(dbl)(&bj, &bj);
    }
    zk_free(tmp);
    if (err) {
        zk_free(t);
        return err;
    }
    f->w = w;
    f->windows = rows;
    f->t = t;
    return ZK_OK;
}

void G_(fixed_free)(FIXED *f)
{
    zk_free(f->t);
    memset(f, 0, sizeof *f);
}

/* Row j's entry for the digit of k' there (fixed_digit), negated for a
 * negative digit: by direct look-up (var), or by scanning the whole row
 * with conditional moves. */
static void G_(entry)(AFF *r, const FIXED *f, const uint64_t k[4], unsigned j, bool ct)
{
    const size_t half = (size_t)1 << (f->w - 1);
    uint32_t e;
    bool neg = fixed_digit(&e, k, j, f->w);
    const AFF *row = &f->t[(size_t)j * half];
    if (ct) {
        *r = row[0];
        for (size_t i = 1; i < half; i++) {
            bool hit = (uint32_t)i == e;
            F_(cmov)(&r->x, &row[i].x, hit);
            F_(cmov)(&r->y, &row[i].y, hit);
        }
    } else {
        *r = row[e];
    }
    FT ny;
    F_(neg)(&ny, &r->y);
    F_(cmov)(&r->y, &ny, neg);
}

void G_(fixed_mul_var)(JAC *r, const FIXED *f, const uint64_t k_in[4])
{
    uint64_t k[4];
    bool neg = fixed_scalar(k, k_in);
    const size_t half = (size_t)1 << (f->w - 1);
    const unsigned top = f->windows - 1;
    JAC acc;
    G_(from_aff)(&acc, &f->t[(size_t)top * half]);
    for (unsigned j = top; j-- > 0;) {
        AFF e;
        G_(entry)(&e, f, k, j, false);
        G_(add_mixed_var)(&acc, &acc, &e);
    }
    if (neg)
        G_(neg)(&acc, &acc);
    *r = acc;
}

void G_(fixed_mul)(JAC *r, const FIXED *f, const uint64_t k_in[4])
{
    uint64_t k[4];
    bool neg = fixed_scalar(k, k_in);
    const size_t half = (size_t)1 << (f->w - 1);
    const unsigned top = f->windows - 1;
    /* Every digit is non-zero, so every window adds: the complete formulas
     * need no dummy addition. */
    PROJ acc;
    AFF sel;
    JAC start;
    G_(from_aff)(&start, &f->t[(size_t)top * half]);
    G_(proj_from_jac)(&acc, &start);
    for (unsigned j = top; j-- > 0;) {
        G_(entry)(&sel, f, k, j, true);
        G_(proj_add_mixed)(&acc, &acc, &sel);
    }
    FT ny;
    F_(neg)(&ny, &acc.y);
    F_(cmov)(&acc.y, &ny, neg);
    G_(jac_from_proj)(r, &acc);
    sodium_memzero(&sel, sizeof sel);
    sodium_memzero(k, sizeof k);
}

/* ---- many scalars at once ----------------------------------------------------------- */

/* Points of one worker run in lock step: every accumulator starts at the
 * top row's entry, then each row adds one entry to all of them with one
 * batched affine addition (curve/batch_aff.h). The partial sums of the
 * regular recoding grow from 2^(wt) down to k', and at row j the
 * accumulator's multiple of B is at least 2^(w(j+1)) while the entry's is
 * below 2^(w(j+1)): they meet (equal x) only when a partial sum wraps past
 * a multiple of r, which a scalar does with negligible probability unless
 * it is chosen for it (the zero scalar is set aside: its result is
 * infinity, and whether a coefficient is zero is the circuit's, public). */
enum { G_(block) = 512 };

typedef struct G_(many_buf) {
    uint64_t k[G_(block)][4];
    bool neg[G_(block)];
    size_t at[G_(block)];
    AFF acc[G_(block)], sel[G_(block)];
    FT tmp[2 * G_(block)];
    zk_rng blind;   /* the batch inversions' blinding, for secrets */
} G_(many_buf);

typedef struct G_(many_ctx) {
    AFF *r;
    const FIXED *f;
    const fr_t *k;
    bool secret;
    size_t first;
    G_(many_buf) *buf;   /* one per pool thread */
} G_(many_ctx);

static void G_(many_block)(const G_(many_ctx) *c, G_(many_buf) *b,
                                     size_t begin, size_t end)
{
    const FIXED *f = c->f;
    const size_t half = (size_t)1 << (f->w - 1);
    const unsigned top = f->windows - 1;
    size_t m = 0;
    for (size_t i = begin; i < end; i++) {
        const fr_t *s = &c->k[c->first + i];
        /* Whether a scalar is zero is public (the header's promise is for
         * the non-zero ones). */
        bool zero = fr_is_zero(s);
        zk_ct_public(&zero, sizeof zero);
        if (zero) {
            G_(aff_set_inf)(&c->r[c->first + i]);
            continue;
        }
        uint64_t raw[4];
        fr_to_int(raw, s);
        b->neg[m] = fixed_scalar(b->k[m], raw);
        b->at[m] = c->first + i;
        b->acc[m] = f->t[(size_t)top * half];
        m++;
        sodium_memzero(raw, sizeof raw);
    }
    for (unsigned j = top; j-- > 0;) {
        for (size_t q = 0; q < m; q++)
            G_(entry)(&b->sel[q], f, b->k[q], j, c->secret);
        G_(aff_add_many)(b->acc, b->sel, m, b->tmp, c->secret ? &b->blind : NULL);
    }
    for (size_t q = 0; q < m; q++) {
        AFF *o = &c->r[b->at[q]];
        *o = b->acc[q];
        FT ny;
        F_(neg)(&ny, &o->y);
        F_(cmov)(&o->y, &ny, b->neg[q] & !o->inf);   /* no branch on the sign */
    }
    if (c->secret) {
        sodium_memzero(b->k, sizeof b->k);
        sodium_memzero(b->neg, sizeof b->neg);
        sodium_memzero(b->acc, sizeof b->acc);
        sodium_memzero(b->sel, sizeof b->sel);
        sodium_memzero(b->tmp, sizeof b->tmp);
    }
}

static void G_(many_range)(void *vctx, size_t begin, size_t end, unsigned worker)
{
    const G_(many_ctx) *c = vctx;
    const size_t blk = G_(block);
    for (size_t i = begin; i < end; i += blk)
        G_(many_block)(c, &c->buf[worker], i, end - i < blk ? end : i + blk);
}

zk_err G_(fixed_mul_many)(AFF *r, const FIXED *f, const fr_t *k, size_t n, bool secret,
                          const zk_events *ev)
{
    unsigned threads = zk_pool_threads();
    G_(many_buf) *buf = zk_alloc(threads, sizeof *buf);
    if (!buf)
        return ZK_ENOMEM;
    for (unsigned i = 0; i < threads; i++)
        aff_blind_seed(&buf[i].blind);
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, FB_PHASE, 0, n, NULL);
    /* Rounds of a few thousand points between progress reports. */
    const size_t round = 8192;
    G_(many_ctx) c = {r, f, k, secret, 0, buf};
    for (size_t done = 0; done < n && !err; done += round) {
        size_t m = n - done < round ? n - done : round;
        c.first = done;
        zk_parallel_for(m, G_(block), G_(many_range), &c);
        err = zk_emit(ev, ZK_EV_PROGRESS, FB_PHASE, done + m, n, NULL);
    }
    for (unsigned i = 0; i < threads; i++)
        zk_rng_wipe(&buf[i].blind);
    zk_free(buf);
    return err ? err : zk_emit(ev, ZK_EV_END, FB_PHASE, n, n, NULL);
}

#undef G_
#undef F_
#undef FT
#undef AFF
#undef JAC
#undef PROJ
#undef FIXED
#undef TPL_G
#undef TPL_F
#undef FB_PHASE
#undef FB_CHECK
