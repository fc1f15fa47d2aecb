/* Ceremonies with known secrets, made with fixed-base tables instead of
 * per-point scalar multiplications and the group NTT (snark/ptau.h
 * ptau_contribute_known, ptau_write_prepared_known). Variable-time: the
 * secrets are the caller's by definition. */
#include <string.h>

#include "core/alloc.h"
#include "curve/fixed_base.h"
#include "snark/groth16_setup.h"
#include "snark/points_io.h"
#include "snark/ptau_internal.h"

/* Wide windows pay off over many points (curve/fixed_base.h). */
static unsigned window_for(size_t n)
{
    return n >= (1u << 16) ? 10 : n >= 1024 ? 8 : 5;
}

typedef struct known_tables {
    g1_fixed g1;
    g2_fixed g2;
} known_tables;

static zk_err tables_init(known_tables *k, size_t n)
{
    memset(k, 0, sizeof *k);
    zk_err err = g1_fixed_init(&k->g1, &g1_generator, window_for(n));
    if (!err && (err = g2_fixed_init(&k->g2, &g2_generator, window_for(n))))
        g1_fixed_free(&k->g1);
    return err;
}

static void tables_free(known_tables *k)
{
    g1_fixed_free(&k->g1);
    g2_fixed_free(&k->g2);
}

/* s[i] = first·x^i for i < n. */
static void geometric(fr_t *s, size_t n, const fr_t *first, const fr_t *x)
{
    if (n)
        s[0] = *first;
    for (size_t i = 1; i < n; i++)
        fr_mul(&s[i], &s[i - 1], x);
}

zk_err ptau_known_series(ptau *t, const fr_t s[3], const zk_events *ev)
{
    size_t n = (size_t)1 << t->power;
    fr_t *k = zk_alloc(2 * n - 1, sizeof *k), one;
    known_tables tb;
    zk_err err = k ? tables_init(&tb, 2 * n) : ZK_ENOMEM;
    if (err) {
        zk_free(k);
        return err;
    }
    fr_one(&one);
    geometric(k, 2 * n - 1, &one, &s[0]);
    if (!(err = g1_fixed_mul_many(t->tau_g1, &tb.g1, k, 2 * n - 1, false, ev)) &&
        !(err = g2_fixed_mul_many(t->tau_g2, &tb.g2, k, n, false, ev))) {
        geometric(k, n, &s[1], &s[0]);
        if (!(err = g1_fixed_mul_many(t->alpha_g1, &tb.g1, k, n, false, ev))) {
            geometric(k, n, &s[2], &s[0]);
            err = g1_fixed_mul_many(t->beta_g1, &tb.g1, k, n, false, ev);
        }
    }
    tables_free(&tb);
    zk_free_secret(k, 2 * n - 1, sizeof *k);
    return err;
}

/* Block k of a series x^j·c (c = 1, α or β) of which the first `have`
 * powers exist, in the Lagrange basis: c·(L_i(τ) − Σ_{j ≥ have} ω^(−ij)·τ^j/n),
 * the missing powers' share of L_i(x) = (1/n)·Σ_j ω^(−ij)·x^j taken out
 * (τ in G1's top block lacks its last power). */
static zk_err block_scalars(fr_t *out, unsigned k, size_t have, const fr_t *tau, const fr_t *c)
{
    size_t n = (size_t)1 << k;
    zk_err err = groth16_lagrange_at(out, k, tau);
    if (err)
        return err;
    fr_t w, ninv;
    fr_root_of_unity(&w, k);
    fr_inv_var(&w, &w);
    fr_from_u64(&ninv, n);
    fr_inv_var(&ninv, &ninv);
    for (size_t j = have; j < n; j++) {
        fr_t tj, wj, x;
        fr_pow_u64(&tj, tau, j);
        fr_mul(&tj, &tj, &ninv);
        fr_pow_u64(&wj, &w, j);   /* ω^(−j), then ω^(−ij) along i */
        fr_one(&x);
        for (size_t i = 0; i < n; i++) {
            fr_t d;
            fr_mul(&d, &x, &tj);
            fr_sub(&out[i], &out[i], &d);
            fr_mul(&x, &x, &wj);
        }
    }
    for (size_t i = 0; i < n; i++)
        fr_mul(&out[i], &out[i], c);
    return ZK_OK;
}

typedef struct known_ctx {
    const fr_t *s;   /* τ, α, β */
    fr_t *k;
    known_tables tb;
} known_ctx;

static zk_err known_block(void *vctx, void *out, const ptau_prepared_section *sec, unsigned b)
{
    known_ctx *c = vctx;
    size_t m = (size_t)1 << b;
    fr_t one;
    fr_one(&one);
    const fr_t *f = sec->type == PTAU_SEC_LAGRANGE_ALPHA_G1  ? &c->s[1]
                    : sec->type == PTAU_SEC_LAGRANGE_BETA_G1 ? &c->s[2]
                                                             : &one;
    zk_err err = block_scalars(c->k, b, sec->have < m ? sec->have : m, &c->s[0], f);
    if (!err)
        err = sec->g2 ? g2_fixed_mul_many(out, &c->tb.g2, c->k, m, false, NULL)
                      : g1_fixed_mul_many(out, &c->tb.g1, c->k, m, false, NULL);
    return err;
}

zk_err ptau_write_lagrange_known(zk_binwriter *w, const ptau *t, const fr_t s[3],
                                 const zk_events *ev)
{
    size_t top = (size_t)1 << (t->power + 1);
    known_ctx c = {s, zk_alloc(top, sizeof(fr_t)), {{0}, {0}}};
    zk_err err = c.k ? tables_init(&c.tb, top) : ZK_ENOMEM;
    if (!err) {
        err = ptau_write_blocks(w, t, known_block, &c, ev);
        tables_free(&c.tb);
    }
    zk_free_secret(c.k, top, sizeof(fr_t));
    return err;
}
