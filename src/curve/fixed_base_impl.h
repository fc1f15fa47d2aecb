/* The fixed-base tables of curve/fixed_base.h, written once for G1 and G2.
 *
 * Included twice by curve/fixed_base.c, with no include guard, after defining
 *   FB_G      the group prefix, g1 or g2
 *   FB_F      its field prefix, fq or fq2
 *   FB_PHASE  the event phase, "fixed_g1" or "fixed_g2"
 *   FB_CHECK  a function zk_err (const AFF *) checking a base point
 * Every name defined here carries the group prefix, so both instances live in
 * one translation unit. */

#define FB_CAT2(a, b) a##_##b
#define FB_CAT(a, b) FB_CAT2(a, b)
#define G_(op) FB_CAT(FB_G, op)
#define F_(op) FB_CAT(FB_F, op)
#define AFF FB_CAT(FB_G, aff)
#define JAC FB_CAT(FB_G, jac)
#define PROJ FB_CAT(FB_G, proj)
#define FIXED FB_CAT(FB_G, fixed)

zk_err G_(fixed_init)(FIXED *f, const AFF *base, unsigned w)
{
    memset(f, 0, sizeof *f);
    if (w < 2 || w > 12 || base->inf)
        return ZK_EINVAL;
    zk_err err = FB_CHECK(base);
    if (err)
        return err;
    const size_t half = (size_t)1 << (w - 1);
    const unsigned windows = (257 + w - 1) / w;
    AFF *t = zk_alloc_aligned((size_t)windows * half, sizeof *t);
    JAC *tmp = zk_alloc(half, sizeof *tmp);
    if (!t || !tmp) {
        zk_free(t);
        zk_free(tmp);
        return ZK_ENOMEM;
    }
    /* Window j: e·B_j for e = 1..half, with B_j = 2^(wj)·B. */
    /* A base of prime order r gives no infinite entry: e·2^(wj) < 2^257 is
     * never a multiple of r unless e·2^(wj) = 0. The check stays as a guard. */
    JAC bj;
    G_(from_aff)(&bj, base);
    for (unsigned j = 0; j < windows && !err; j++) {
        tmp[0] = bj;
        for (size_t e = 1; e < half; e++)
            G_(add_var)(&tmp[e], &tmp[e - 1], &bj);
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
    f->windows = windows;
    f->t = t;
    return ZK_OK;
}

void G_(fixed_free)(FIXED *f)
{
    zk_free(f->t);
    memset(f, 0, sizeof *f);
}

void G_(fixed_mul_var)(JAC *r, const FIXED *f, const uint64_t k[4])
{
    const size_t half = (size_t)1 << (f->w - 1);
    JAC acc;
    G_(set_inf)(&acc);
    for (unsigned j = 0; j < f->windows; j++) {
        int32_t d = recode_window(k, j, f->w);
        if (d == 0)
            continue;
        const AFF *e = &f->t[(size_t)j * half + (size_t)(d < 0 ? -d : d) - 1];
        if (d > 0) {
            G_(add_mixed_var)(&acc, &acc, e);
        } else {
            AFF ne;
            G_(aff_neg)(&ne, e);
            G_(add_mixed_var)(&acc, &acc, &ne);
        }
    }
    *r = acc;
}

void G_(fixed_mul)(JAC *r, const FIXED *f, const uint64_t k[4])
{
    const size_t half = (size_t)1 << (f->w - 1);
    PROJ acc, sum;
    F_(zero)(&acc.x);
    F_(one)(&acc.y);
    F_(zero)(&acc.z);
    AFF sel;
    for (unsigned j = 0; j < f->windows; j++) {
        /* |d| and its sign without branches: mask is all ones for d < 0. */
        int32_t d = recode_window(k, j, f->w);
        uint32_t mask = 0u - (uint32_t)(d < 0);
        uint32_t mag = ((uint32_t)d ^ mask) - mask;
        const AFF *row = &f->t[(size_t)j * half];
        sel = row[0];
        for (size_t i = 1; i < half; i++) {
            bool hit = (uint32_t)(i + 1) == mag;
            F_(cmov)(&sel.x, &row[i].x, hit);
            F_(cmov)(&sel.y, &row[i].y, hit);
        }
        AFF neg;
        F_(neg)(&neg.y, &sel.y);
        F_(cmov)(&sel.y, &neg.y, mask & 1);
        /* Digit 0 adds entry 1 anyway and keeps the old sum. */
        G_(proj_add_mixed)(&sum, &acc, &sel);
        bool use = mag != 0;
        F_(cmov)(&acc.x, &sum.x, use);
        F_(cmov)(&acc.y, &sum.y, use);
        F_(cmov)(&acc.z, &sum.z, use);
    }
    G_(jac_from_proj)(r, &acc);
    sodium_memzero(&sel, sizeof sel);
    sodium_memzero(&sum, sizeof sum);
}

typedef struct FB_CAT(FB_G, many_ctx) {
    AFF *r;
    const FIXED *f;
    const fr_t *k;
    bool secret;
    size_t first;
} FB_CAT(FB_G, many_ctx);

static void FB_CAT(FB_G, many_range)(void *vctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const FB_CAT(FB_G, many_ctx) *c = vctx;
    enum { BLOCK = 128 };
    JAC block[BLOCK];
    uint64_t k[4];
    for (size_t i = begin; i < end; i += BLOCK) {
        size_t m = end - i < BLOCK ? end - i : BLOCK;
        for (size_t t = 0; t < m; t++) {
            fr_to_int(k, &c->k[c->first + i + t]);
            if (c->secret)
                G_(fixed_mul)(&block[t], c->f, k);
            else
                G_(fixed_mul_var)(&block[t], c->f, k);
        }
        G_(batch_to_aff_var)(&c->r[c->first + i], block, m);
    }
    sodium_memzero(k, sizeof k);
    if (c->secret)
        sodium_memzero(block, sizeof block);
}

zk_err G_(fixed_mul_many)(AFF *r, const FIXED *f, const fr_t *k, size_t n, bool secret,
                          const zk_events *ev)
{
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, FB_PHASE, 0, n, NULL);
    /* Rounds of a few thousand points between progress reports. */
    const size_t round = 8192;
    FB_CAT(FB_G, many_ctx) c = {r, f, k, secret, 0};
    for (size_t done = 0; done < n && !err; done += round) {
        size_t m = n - done < round ? n - done : round;
        c.first = done;
        zk_parallel_for(m, 256, FB_CAT(FB_G, many_range), &c);
        err = zk_emit(ev, ZK_EV_PROGRESS, FB_PHASE, done + m, n, NULL);
    }
    return err ? err : zk_emit(ev, ZK_EV_END, FB_PHASE, n, n, NULL);
}

#undef FB_CAT2
#undef FB_CAT
#undef G_
#undef F_
#undef AFF
#undef JAC
#undef PROJ
#undef FIXED
#undef FB_G
#undef FB_F
#undef FB_PHASE
#undef FB_CHECK
