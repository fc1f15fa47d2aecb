#include "curve/fq6.h"

/* Karatsuba over the cubic extension, six Fq2 products (Devegili, Ó hÉigeartaigh,
 * Scott, Dahab, "Multiplication and squaring on pairing-friendly fields",
 * ePrint 2006/471), with v^3 = ξ:
 *   c0 = v0 + ξ((a1 + a2)(b1 + b2) - v1 - v2)
 *   c1 = (a0 + a1)(b0 + b1) - v0 - v1 + ξ v2
 *   c2 = (a0 + a2)(b0 + b2) - v0 - v2 + v1,   vi = ai·bi. */
void fq6_mul(fq6_t *r, const fq6_t *a, const fq6_t *b)
{
    fq2_t v0, v1, v2, s, t, c0, c1, c2;
    fq2_mul(&v0, &a->c0, &b->c0);
    fq2_mul(&v1, &a->c1, &b->c1);
    fq2_mul(&v2, &a->c2, &b->c2);

    fq2_add(&s, &a->c1, &a->c2);
    fq2_add(&t, &b->c1, &b->c2);
    fq2_mul(&c0, &s, &t);
    fq2_sub(&c0, &c0, &v1);
    fq2_sub(&c0, &c0, &v2);
    fq2_mul_xi(&c0, &c0);
    fq2_add(&c0, &c0, &v0);

    fq2_add(&s, &a->c0, &a->c1);
    fq2_add(&t, &b->c0, &b->c1);
    fq2_mul(&c1, &s, &t);
    fq2_sub(&c1, &c1, &v0);
    fq2_sub(&c1, &c1, &v1);
    fq2_mul_xi(&t, &v2);
    fq2_add(&c1, &c1, &t);

    fq2_add(&s, &a->c0, &a->c2);
    fq2_add(&t, &b->c0, &b->c2);
    fq2_mul(&c2, &s, &t);
    fq2_sub(&c2, &c2, &v0);
    fq2_sub(&c2, &c2, &v2);
    fq2_add(&c2, &c2, &v1);

    r->c0 = c0;
    r->c1 = c1;
    r->c2 = c2;
}

/* Chung-Hasan SQR2 ("Asymmetric squaring formulae", ARITH 2007; as listed by
 * Devegili et al. 2006/471): two products and three squarings in Fq2.
 *   s0 = a0^2, s1 = 2 a0 a1, s2 = (a0 - a1 + a2)^2, s3 = 2 a1 a2, s4 = a2^2
 *   c0 = s0 + ξ s3,  c1 = s1 + ξ s4,  c2 = s1 + s2 + s3 - s0 - s4. */
void fq6_sqr(fq6_t *r, const fq6_t *a)
{
    fq2_t s0, s1, s2, s3, s4, t;
    fq2_sqr(&s0, &a->c0);
    fq2_mul(&s1, &a->c0, &a->c1);
    fq2_dbl(&s1, &s1);
    fq2_sub(&s2, &a->c0, &a->c1);
    fq2_add(&s2, &s2, &a->c2);
    fq2_sqr(&s2, &s2);
    fq2_mul(&s3, &a->c1, &a->c2);
    fq2_dbl(&s3, &s3);
    fq2_sqr(&s4, &a->c2);

    fq2_mul_xi(&t, &s3);
    fq2_add(&r->c0, &s0, &t);
    fq2_add(&r->c2, &s1, &s2);
    fq2_add(&r->c2, &r->c2, &s3);
    fq2_sub(&r->c2, &r->c2, &s0);
    fq2_sub(&r->c2, &r->c2, &s4);
    fq2_mul_xi(&t, &s4);
    fq2_add(&r->c1, &s1, &t);
}

void fq6_mul_fq2(fq6_t *r, const fq6_t *a, const fq2_t *b)
{
    fq2_t t = *b;   /* b may alias a coefficient of r */
    fq2_mul(&r->c0, &a->c0, &t);
    fq2_mul(&r->c1, &a->c1, &t);
    fq2_mul(&r->c2, &a->c2, &t);
}

/* Karatsuba with b2 = 0:
 *   c0 = a0 b0 + ξ a2 b1 = t0 + ξ((a1 + a2) b1 - t1)
 *   c1 = a0 b1 + a1 b0   = (a0 + a1)(b0 + b1) - t0 - t1
 *   c2 = a1 b1 + a2 b0   = (a0 + a2) b0 - t0 + t1,   t0 = a0 b0, t1 = a1 b1. */
void fq6_mul_by_01(fq6_t *r, const fq6_t *a, const fq2_t *b0, const fq2_t *b1)
{
    fq2_t t0, t1, s, u, c0, c1, c2;
    fq2_mul(&t0, &a->c0, b0);
    fq2_mul(&t1, &a->c1, b1);

    fq2_add(&s, &a->c1, &a->c2);
    fq2_mul(&c0, &s, b1);
    fq2_sub(&c0, &c0, &t1);
    fq2_mul_xi(&c0, &c0);
    fq2_add(&c0, &c0, &t0);

    fq2_add(&s, &a->c0, &a->c1);
    fq2_add(&u, b0, b1);
    fq2_mul(&c1, &s, &u);
    fq2_sub(&c1, &c1, &t0);
    fq2_sub(&c1, &c1, &t1);

    fq2_add(&s, &a->c0, &a->c2);
    fq2_mul(&c2, &s, b0);
    fq2_sub(&c2, &c2, &t0);
    fq2_add(&c2, &c2, &t1);

    r->c0 = c0;
    r->c1 = c1;
    r->c2 = c2;
}

/* The adjugate: with
 *   A = a0^2 - ξ a1 a2,  B = ξ a2^2 - a0 a1,  C = a1^2 - a0 a2,
 * (a0 + a1 v + a2 v^2)(A + B v + C v^2) = a0 A + ξ(a2 B + a1 C), an element
 * of Fq2, so one Fq2 inversion finishes the job (Scott, "Implementing
 * cryptographic pairings", 2007). */
static zk_err inv_with(fq6_t *r, const fq6_t *a, zk_err (*inv2)(fq2_t *, const fq2_t *))
{
    fq2_t A, B, C, t, n;
    fq2_sqr(&A, &a->c0);
    fq2_mul(&t, &a->c1, &a->c2);
    fq2_mul_xi(&t, &t);
    fq2_sub(&A, &A, &t);

    fq2_sqr(&B, &a->c2);
    fq2_mul_xi(&B, &B);
    fq2_mul(&t, &a->c0, &a->c1);
    fq2_sub(&B, &B, &t);

    fq2_sqr(&C, &a->c1);
    fq2_mul(&t, &a->c0, &a->c2);
    fq2_sub(&C, &C, &t);

    fq2_mul(&n, &a->c2, &B);
    fq2_mul(&t, &a->c1, &C);
    fq2_add(&n, &n, &t);
    fq2_mul_xi(&n, &n);
    fq2_mul(&t, &a->c0, &A);
    fq2_add(&n, &n, &t);

    zk_err err = inv2(&n, &n);
    fq2_mul(&r->c0, &A, &n);
    fq2_mul(&r->c1, &B, &n);
    fq2_mul(&r->c2, &C, &n);
    return err;
}

zk_err fq6_inv(fq6_t *r, const fq6_t *a)
{
    return inv_with(r, a, fq2_inv);
}

zk_err fq6_inv_var(fq6_t *r, const fq6_t *a)
{
    return inv_with(r, a, fq2_inv_var);
}

void fq6_random(fq6_t *r, zk_rng *rng)
{
    fq2_random(&r->c0, rng);
    fq2_random(&r->c1, rng);
    fq2_random(&r->c2, rng);
}
