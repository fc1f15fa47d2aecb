/* Groth16 setup from known secrets, and the parts every setup shares
 * (snark/groth16_setup.h). */
#include "snark/groth16_setup.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "curve/fixed_base.h"

void groth16_toxic_random(groth16_toxic *t, zk_rng *rng)
{
    fr_t *e[5] = {&t->tau, &t->alpha, &t->beta, &t->gamma, &t->delta};
    for (int i = 0; i < 5; i++)
        do
            fr_random(e[i], rng);
        while (fr_is_zero(e[i]));
}

void groth16_toxic_wipe(groth16_toxic *t) { sodium_memzero(t, sizeof *t); }

zk_err groth16_lagrange_at(fr_t *out, unsigned log_n, const fr_t *x)
{
    size_t n = (size_t)1 << log_n;
    fr_t w, num, n_inv, wi;
    zk_err err = fr_root_of_unity(&w, log_n);
    if (err)
        return err;
    fr_pow_u64(&num, x, n);
    fr_t one;
    fr_one(&one);
    fr_sub(&num, &num, &one);
    if (fr_is_zero(&num))
        return ZK_EINVAL;
    fr_from_u64(&n_inv, n);
    fr_inv_var(&n_inv, &n_inv);
    fr_mul(&num, &num, &n_inv);
    fr_t *scratch = zk_alloc(n, sizeof *scratch);
    if (!scratch)
        return ZK_ENOMEM;
    /* out[i] = x − ω^i, inverted all at once, times (x^n − 1)/n·ω^i. */
    fr_one(&wi);
    for (size_t i = 0; i < n; i++) {
        fr_sub(&out[i], x, &wi);
        fr_mul(&wi, &wi, &w);
    }
    fr_batch_inv(out, out, n, scratch);
    fr_one(&wi);
    for (size_t i = 0; i < n; i++) {
        fr_mul(&out[i], &out[i], &wi);
        fr_mul(&out[i], &out[i], &num);
        fr_mul(&wi, &wi, &w);
    }
    /* x is τ in a setup: the prefix products of (x − ω^i) start with x − 1,
     * and num is (x^n − 1)/n. */
    zk_free_secret(scratch, n, sizeof *scratch);
    sodium_memzero(&num, sizeof num);
    return ZK_OK;
}

zk_err groth16_setup_coefs(zkey_coef **out, size_t *n_out, const groth16_cs *cs)
{
    size_t n = cs->n_public + 1;
    for (size_t c = 0; c < cs->n_constraints; c++)
        n += (size_t)(cs->off[3 * c + 2] - cs->off[3 * c]);
    zkey_coef *co = zk_alloc(n, sizeof *co);
    if (!co)
        return ZK_ENOMEM;
    size_t k = 0;
    for (uint32_t c = 0; c < cs->n_constraints; c++) {
        for (uint32_t m = 0; m < 2; m++) {
            size_t nt;
            const groth16_term *t = groth16_cs_side(cs, c, (int)m, &nt);
            for (size_t i = 0; i < nt; i++)
                co[k++] = (zkey_coef){m, c, t[i].wire, t[i].coef};
        }
    }
    for (uint32_t s = 0; s <= cs->n_public; s++) {
        co[k] = (zkey_coef){0, cs->n_constraints + s, s, {{0}}};
        fr_one(&co[k++].value);
    }
    *out = co;
    *n_out = n;
    return ZK_OK;
}

/* Fixed-base windows: wide tables pay off over many points; the
 * constant-time scan wants narrow ones (curve/fixed_base.h; 5 was the
 * fastest of 3 to 6 in `zkcave bench setup`, 4 a close second). */
static unsigned window_for(size_t n, bool secret)
{
    if (secret)
        return 5;
    return n >= (1u << 16) ? 10 : n >= 4096 ? 8 : 5;
}

void groth16_setup_sizes(zkey_header *h, const groth16_cs *cs)
{
    unsigned log_n = groth16_cs_log_domain(cs);
    h->n_vars = cs->n_wires;
    h->n_public = cs->n_public;
    h->domain_size = (uint32_t)1 << log_n;
    h->log_n = log_n;
}

zk_err groth16_setup_toxic(groth16_pk *pk, const groth16_cs *cs, const groth16_toxic *t,
                           bool secret, const zk_events *ev)
{
    memset(pk, 0, sizeof *pk);
    unsigned log_n = groth16_cs_log_domain(cs);
    if (log_n > FR_TWO_ADICITY - 1)
        return ZK_EOVERFLOW;
    size_t n = (size_t)1 << log_n, nv = cs->n_wires, np = cs->n_public;
    zkey_header *h = &pk->h;
    groth16_setup_sizes(h, cs);

    zk_err err;
    fr_t *L = zk_alloc(2 * n, sizeof *L);   /* L_c(τ), then L^(2n) */
    /* A_j(τ), B_j(τ), C_j(τ); then IC, K and H's scalars in k. Each goes as
     * soon as it is spent (wiped: they are τ's images), so the peak is the
     * key's points and two scalar arrays. */
    fr_t *u = zk_calloc(nv, sizeof *u), *v = zk_calloc(nv, sizeof *v), *w = zk_calloc(nv, sizeof *w);
    fr_t *k = zk_alloc(nv + n, sizeof *k);
    g1_fixed f1 = {0};
    g2_fixed f2 = {0};
    if (!L || !u || !v || !w || !k) {
        err = ZK_ENOMEM;
        goto out;
    }
    if ((err = groth16_lagrange_at(L, log_n, &t->tau)) || (err = groth16_setup_coefs(&pk->coefs, &pk->n_coefs, cs)))
        goto out;
    for (size_t i = 0; i < pk->n_coefs; i++) {
        const zkey_coef *c = &pk->coefs[i];
        fr_t x;
        fr_mul(&x, &c->value, &L[c->constraint]);
        fr_t *dst = c->matrix ? &v[c->signal] : &u[c->signal];
        fr_add(dst, dst, &x);
    }
    for (uint32_t c = 0; c < cs->n_constraints; c++) {
        size_t nt;
        const groth16_term *tm = groth16_cs_side(cs, c, 2, &nt);
        for (size_t i = 0; i < nt; i++) {
            fr_t x;
            fr_mul(&x, &tm[i].coef, &L[c]);
            fr_add(&w[tm[i].wire], &w[tm[i].wire], &x);
        }
    }
    /* IC_j = (β·A_j + α·B_j + C_j)/γ for public j, K_j the same over δ. */
    fr_t gi, di;
    if ((err = fr_inv(&gi, &t->gamma)) || (err = fr_inv(&di, &t->delta)))
        goto out;
    for (size_t j = 0; j < nv; j++) {
        fr_t x, y;
        fr_mul(&x, &t->beta, &u[j]);
        fr_mul(&y, &t->alpha, &v[j]);
        fr_add(&x, &x, &y);
        fr_add(&x, &x, &w[j]);
        fr_mul(&k[j], &x, j <= np ? &gi : &di);
    }
    zk_free_secret(w, nv, sizeof *w);
    w = NULL;
    /* H_i = L^(2n)_(2i+1)(τ)/δ. */
    if ((err = groth16_lagrange_at(L, log_n + 1, &t->tau)))
        goto out;
    for (size_t i = 0; i < n; i++)
        fr_mul(&k[nv + i], &L[2 * i + 1], &di);
    sodium_memzero(&gi, sizeof gi);
    sodium_memzero(&di, sizeof di);
    zk_free_secret(L, 2 * n, sizeof *L);
    L = NULL;

    if ((err = groth16_pk_alloc(pk)))
        goto out;
    unsigned wnd = window_for(nv + n, secret);
    if ((err = g1_fixed_init(&f1, &g1_generator, wnd)) || (err = g2_fixed_init(&f2, &g2_generator, wnd)))
        goto out;
    size_t npriv = nv - np - 1;
    if ((err = zk_emit(ev, ZK_EV_BEGIN, "setup", 0, 6, NULL)) ||
        (err = g1_fixed_mul_many(pk->a, &f1, u, nv, secret, ev)))
        goto out;
    zk_free_secret(u, nv, sizeof *u);
    u = NULL;
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 1, 6, NULL)) ||
        (err = g1_fixed_mul_many(pk->b1, &f1, v, nv, secret, ev)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 2, 6, NULL)) ||
        (err = g2_fixed_mul_many(pk->b2, &f2, v, nv, secret, ev)))
        goto out;
    zk_free_secret(v, nv, sizeof *v);
    v = NULL;
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 3, 6, NULL)) ||
        (err = g1_fixed_mul_many(pk->ic, &f1, k, np + 1, secret, ev)) ||
        (err = g1_fixed_mul_many(pk->c, &f1, k + np + 1, npriv, secret, ev)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 4, 6, NULL)) ||
        (err = g1_fixed_mul_many(pk->hq, &f1, k + nv, n, secret, ev)) ||
        (err = zk_emit(ev, ZK_EV_PROGRESS, "setup", 5, 6, NULL)))
        goto out;
    fr_t s1[3] = {t->alpha, t->beta, t->delta}, s2[3] = {t->beta, t->gamma, t->delta};
    g1_aff p1[3];
    g2_aff p2[3];
    if ((err = g1_fixed_mul_many(p1, &f1, s1, 3, true, NULL)) ||
        (err = g2_fixed_mul_many(p2, &f2, s2, 3, true, NULL)))
        goto out;
    sodium_memzero(s1, sizeof s1);
    sodium_memzero(s2, sizeof s2);
    h->alpha1 = p1[0];
    h->beta1 = p1[1];
    h->delta1 = p1[2];
    h->beta2 = p2[0];
    h->gamma2 = p2[1];
    h->delta2 = p2[2];
    err = zk_emit(ev, ZK_EV_END, "setup", 6, 6, NULL);
out:
    g1_fixed_free(&f1);
    g2_fixed_free(&f2);
    zk_free_secret(L, 2 * n, sizeof(fr_t));
    zk_free_secret(u, nv, sizeof(fr_t));
    zk_free_secret(v, nv, sizeof(fr_t));
    zk_free_secret(w, nv, sizeof(fr_t));
    zk_free_secret(k, nv + n, sizeof(fr_t));
    if (err)
        groth16_pk_free(pk);
    return err;
}

zk_err groth16_setup_secrets(groth16_pk *pk, const groth16_cs *cs, zk_rng *rng,
                             const zk_events *ev)
{
    groth16_toxic t;
    groth16_toxic_random(&t, rng);
    zk_err err = groth16_setup_toxic(pk, cs, &t, true, ev);
    groth16_toxic_wipe(&t);
    return err;
}
