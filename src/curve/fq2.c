#include "curve/fq2.h"

#if defined(__x86_64__)
/* fq2_x86_64.S: lazy-reduction kernels, used with the MULX/ADX field kernels. */
void fq2_mul_adx(fq2_t *r, const fq2_t *a, const fq2_t *b, const mont256 *m);
void fq2_sqr_adx(fq2_t *r, const fq2_t *a, const mont256 *m);
/* Baseline x86-64, used whenever the field's additions are the assembly ones. */
void fq2_mul_xi_x86(fq2_t *r, const fq2_t *a, const mont256 *m);
#define FQ2_ADX (mont256_k.mul == mont256_mul_adx)
#define FQ2_X86 (mont256_k.add == mont256_add_x86)
#endif

/* Karatsuba: (a0 + a1 u)(b0 + b1 u) = a0 b0 - a1 b1 + ((a0 + a1)(b0 + b1) - a0 b0 - a1 b1) u.
 * The C below is the portable version and the assembly's twin; the assembly
 * computes the same formula with two Montgomery reductions instead of three. */
void fq2_mul(fq2_t *r, const fq2_t *a, const fq2_t *b)
{
#if defined(__x86_64__)
    if (FQ2_ADX) {
        fq2_mul_adx(r, a, b, &fq_params);
        return;
    }
#endif
    fq_t t0, t1, s0, s1;
    fq_mul(&t0, &a->c0, &b->c0);
    fq_mul(&t1, &a->c1, &b->c1);
    fq_add(&s0, &a->c0, &a->c1);
    fq_add(&s1, &b->c0, &b->c1);
    fq_mul(&s0, &s0, &s1);
    fq_sub(&r->c0, &t0, &t1);
    fq_sub(&s0, &s0, &t0);
    fq_sub(&r->c1, &s0, &t1);
}

/* Complex squaring: (a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u. */
void fq2_sqr(fq2_t *r, const fq2_t *a)
{
#if defined(__x86_64__)
    if (FQ2_ADX) {
        fq2_sqr_adx(r, a, &fq_params);
        return;
    }
#endif
    fq_t s, d, m;
    fq_add(&s, &a->c0, &a->c1);
    fq_sub(&d, &a->c0, &a->c1);
    fq_mul(&m, &a->c0, &a->c1);
    fq_mul(&r->c0, &s, &d);
    fq_dbl(&r->c1, &m);
}

/* (a0 + a1 u)(9 + u) = (9 a0 - a1) + (a0 + 9 a1) u, with 9x = 8x + x. */
void fq2_mul_xi(fq2_t *r, const fq2_t *a)
{
#if defined(__x86_64__)
    if (FQ2_X86) {
        fq2_mul_xi_x86(r, a, &fq_params);
        return;
    }
#endif
    fq_t n0, n1;
    fq_dbl(&n0, &a->c0);
    fq_dbl(&n0, &n0);
    fq_dbl(&n0, &n0);
    fq_add(&n0, &n0, &a->c0);   /* 9 a0 */
    fq_dbl(&n1, &a->c1);
    fq_dbl(&n1, &n1);
    fq_dbl(&n1, &n1);
    fq_add(&n1, &n1, &a->c1);   /* 9 a1 */
    fq_t c0;
    fq_sub(&c0, &n0, &a->c1);
    fq_add(&r->c1, &a->c0, &n1);
    r->c0 = c0;
}

/* 1/(a0 + a1 u) = (a0 - a1 u)/(a0^2 + a1^2); the norm vanishes only at 0. */
static zk_err inv_with(fq2_t *r, const fq2_t *a, zk_err (*inv)(fq_t *, const fq_t *))
{
    fq_t n, t;
    fq_sqr(&n, &a->c0);
    fq_sqr(&t, &a->c1);
    fq_add(&n, &n, &t);
    zk_err err = inv(&n, &n);
    fq_mul(&r->c0, &a->c0, &n);
    fq_mul(&t, &a->c1, &n);
    fq_neg(&r->c1, &t);
    return err;
}

zk_err fq2_inv(fq2_t *r, const fq2_t *a)
{
    return inv_with(r, a, fq_inv);
}

zk_err fq2_inv_var(fq2_t *r, const fq2_t *a)
{
    return inv_with(r, a, fq_inv_var);
}

void fq2_pow(fq2_t *r, const fq2_t *a, const uint64_t e[4])
{
    fq2_t acc, base = *a;
    fq2_one(&acc);
    for (int i = 255; i >= 0; i--) {
        fq2_sqr(&acc, &acc);
        if ((e[i / 64] >> (i % 64)) & 1)
            fq2_mul(&acc, &acc, &base);
    }
    *r = acc;
}

int fq2_legendre(const fq2_t *a)
{
    /* a is a square in Fq2 iff its norm a0^2 + a1^2 is a square in Fq. */
    fq_t n, t;
    fq_sqr(&n, &a->c0);
    fq_sqr(&t, &a->c1);
    fq_add(&n, &n, &t);
    return fq_legendre(&n);
}

/* Square root for q ≡ 3 (mod 4): algorithm 9 of Adj and Rodríguez-Henríquez,
 * "Square root computation over even extension fields" (IEEE TC 2014).
 *   a1 = a^((q-3)/4), α = a1^2·a, a0 = α^q·α;
 *   if a0 = -1: no root;
 *   x0 = a1·a; if α = -1: x = u·x0; else b = (1 + α)^((q-1)/2), x = b·x0. */
zk_err fq2_sqrt_var(fq2_t *r, const fq2_t *a)
{
    if (fq2_is_zero(a)) {
        fq2_zero(r);
        return ZK_OK;
    }
    /* (q - 3)/4 and (q - 1)/2 as plain integers. */
    uint64_t e34[4], e12[4];
    const uint64_t *q = fq_params.p;
    uint64_t borrow = 3;
    for (int i = 0; i < 4; i++) {   /* q - 3 */
        uint64_t v = q[i] - borrow;
        borrow = q[i] < borrow;
        e34[i] = v;
    }
    for (int i = 0; i < 4; i++)     /* >> 2 */
        e34[i] = (e34[i] >> 2) | (i < 3 ? e34[i + 1] << 62 : 0);
    for (int i = 0; i < 4; i++)
        e12[i] = fq_params.p_minus_1_half[i];

    fq2_t a1, alpha, a0, x0, t, minus_one;
    fq2_one(&minus_one);
    fq2_neg(&minus_one, &minus_one);
    fq2_pow(&a1, a, e34);
    fq2_sqr(&alpha, &a1);
    fq2_mul(&alpha, &alpha, a);
    fq2_conj(&a0, &alpha);
    fq2_mul(&a0, &a0, &alpha);
    if (fq2_eq(&a0, &minus_one))
        return ZK_ENOSQRT;
    fq2_mul(&x0, &a1, a);
    if (fq2_eq(&alpha, &minus_one)) {
        /* u·(c0 + c1 u) = -c1 + c0 u */
        fq_neg(&t.c0, &x0.c1);
        t.c1 = x0.c0;
        *r = t;
    } else {
        fq2_one(&t);
        fq2_add(&t, &t, &alpha);
        fq2_pow(&t, &t, e12);
        fq2_mul(r, &t, &x0);
    }
    return ZK_OK;
}

void fq2_random(fq2_t *r, zk_rng *rng)
{
    fq_random(&r->c0, rng);
    fq_random(&r->c1, rng);
}
