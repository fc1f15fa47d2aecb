#include "curve/fq12.h"

/* Karatsuba over the quadratic extension, w^2 = v:
 *   (a0 + a1 w)(b0 + b1 w) = (t0 + v t1) + ((a0 + a1)(b0 + b1) - t0 - t1) w,
 * ti = ai·bi: three Fq6 products, 18 in Fq2. */
void fq12_mul(fq12_t *r, const fq12_t *a, const fq12_t *b)
{
    fq6_t t0, t1, s, t;
    fq6_mul(&t0, &a->c0, &b->c0);
    fq6_mul(&t1, &a->c1, &b->c1);
    fq6_add(&s, &a->c0, &a->c1);
    fq6_add(&t, &b->c0, &b->c1);
    fq6_mul(&s, &s, &t);
    fq6_sub(&s, &s, &t0);
    fq6_sub(&r->c1, &s, &t1);
    fq6_mul_by_v(&t1, &t1);
    fq6_add(&r->c0, &t0, &t1);
}

/* Complex squaring (Devegili et al., ePrint 2006/471): with t = a0 a1,
 *   (a0 + a1 w)^2 = ((a0 + a1)(a0 + v a1) - t - v t) + 2t w,
 * two Fq6 products. */
void fq12_sqr(fq12_t *r, const fq12_t *a)
{
    fq6_t t, s, u;
    fq6_mul(&t, &a->c0, &a->c1);
    fq6_add(&s, &a->c0, &a->c1);
    fq6_mul_by_v(&u, &a->c1);
    fq6_add(&u, &u, &a->c0);
    fq6_mul(&s, &s, &u);
    fq6_sub(&s, &s, &t);
    fq6_mul_by_v(&u, &t);
    fq6_sub(&r->c0, &s, &u);
    fq6_dbl(&r->c1, &t);
}

/* The line is L0 + L1 w with L0 = l0 and L1 = l1 + l3 v, both sparse in Fq6,
 * so Karatsuba's three products become one Fq6·Fq2 (3 Fq2 products) and two
 * fq6_mul_by_01 (5 each). */
void fq12_mul_by_013(fq12_t *r, const fq12_t *a, const fq2_t *l0, const fq2_t *l1,
                     const fq2_t *l3)
{
    fq6_t t0, t1, s;
    fq2_t m0;
    fq2_add(&m0, l0, l1);
    fq6_mul_fq2(&t0, &a->c0, l0);
    fq6_mul_by_01(&t1, &a->c1, l1, l3);
    fq6_add(&s, &a->c0, &a->c1);
    fq6_mul_by_01(&s, &s, &m0, l3);
    fq6_sub(&s, &s, &t0);
    fq6_sub(&r->c1, &s, &t1);
    fq6_mul_by_v(&t1, &t1);
    fq6_add(&r->c0, &t0, &t1);
}

/* (x + y s)^2 in Fq4 = Fq2[s]/(s^2 - ξ): three Fq2 squarings. */
static void fq4_sqr(fq2_t *re, fq2_t *im, const fq2_t *x, const fq2_t *y)
{
    fq2_t t0, t1, s;
    fq2_sqr(&t0, x);
    fq2_sqr(&t1, y);
    fq2_add(&s, x, y);
    fq2_sqr(&s, &s);
    fq2_sub(&s, &s, &t0);
    fq2_sub(im, &s, &t1);
    fq2_mul_xi(&t1, &t1);
    fq2_add(re, &t0, &t1);
}

/* r = 3x - 2y and r = 3x + 2y, the shapes of Granger-Scott's outputs. */
static void three_minus_two(fq2_t *r, const fq2_t *x, const fq2_t *y)
{
    fq2_t t;
    fq2_sub(&t, x, y);
    fq2_dbl(&t, &t);
    fq2_add(r, &t, x);
}

static void three_plus_two(fq2_t *r, const fq2_t *x, const fq2_t *y)
{
    fq2_t t;
    fq2_add(&t, x, y);
    fq2_dbl(&t, &t);
    fq2_add(r, &t, x);
}

/* Granger and Scott, "Faster squaring in the cyclotomic subgroup of sixth
 * degree extensions", PKC 2010. Group the w-coefficients a0..a5 into
 * three elements of Fq4 = Fq2[s]/(s^2 - ξ), s = w^3:
 *   A = a0 + a3 s,  B = a1 + a4 s,  C = a2 + a5 s,  a = A + B w + C w^2.
 * For a in the cyclotomic subgroup, conjugation (w -> -w) is inversion, and
 * a·conj(a) = 1 lets the cross terms of a^2 be traded for conjugates:
 *   A' = 3A^2 - 2 Ā,  B' = 3 s C^2 + 2 B̄,  C' = 3 B^2 - 2 C̄,
 * with Ā = a0 - a3 s the conjugate in Fq4. (The signs were checked against
 * plain squaring in tests/unit/test_fq12.c.) */
void fq12_cyclotomic_sqr(fq12_t *r, const fq12_t *a)
{
    /* w-coefficients: a0 = c0.c0, a1 = c1.c0, a2 = c0.c1, a3 = c1.c1,
     * a4 = c0.c2, a5 = c1.c2. */
    fq2_t a_re, a_im, b_re, b_im, c_re, c_im;
    fq4_sqr(&a_re, &a_im, &a->c0.c0, &a->c1.c1);   /* A^2 */
    fq4_sqr(&b_re, &b_im, &a->c1.c0, &a->c0.c2);   /* B^2 */
    fq4_sqr(&c_re, &c_im, &a->c0.c1, &a->c1.c2);   /* C^2 */
    fq2_mul_xi(&c_im, &c_im);                       /* s·C^2 = ξ c_im + c_re s */

    fq12_t out;
    three_minus_two(&out.c0.c0, &a_re, &a->c0.c0);
    three_plus_two(&out.c1.c1, &a_im, &a->c1.c1);
    three_plus_two(&out.c1.c0, &c_im, &a->c1.c0);
    three_minus_two(&out.c0.c2, &c_re, &a->c0.c2);
    three_minus_two(&out.c0.c1, &b_re, &a->c0.c1);
    three_plus_two(&out.c1.c2, &b_im, &a->c1.c2);
    *r = out;
}

/* 1/(a0 + a1 w) = (a0 - a1 w)/(a0^2 - v a1^2), and the denominator is in Fq6. */
static zk_err inv_with(fq12_t *r, const fq12_t *a, zk_err (*inv6)(fq6_t *, const fq6_t *))
{
    fq6_t t0, t1;
    fq6_sqr(&t0, &a->c0);
    fq6_sqr(&t1, &a->c1);
    fq6_mul_by_v(&t1, &t1);
    fq6_sub(&t0, &t0, &t1);
    zk_err err = inv6(&t0, &t0);
    fq6_mul(&r->c0, &a->c0, &t0);
    fq6_mul(&t1, &a->c1, &t0);
    fq6_neg(&r->c1, &t1);
    return err;
}

zk_err fq12_inv(fq12_t *r, const fq12_t *a)
{
    return inv_with(r, a, fq6_inv);
}

zk_err fq12_inv_var(fq12_t *r, const fq12_t *a)
{
    return inv_with(r, a, fq6_inv_var);
}

void fq12_pow_var(fq12_t *r, const fq12_t *a, const uint64_t *e, size_t n)
{
    fq12_t acc, base = *a;
    fq12_one(&acc);
    size_t top = n * 64;
    while (top > 0 && !((e[(top - 1) / 64] >> ((top - 1) % 64)) & 1))
        top--;
    for (size_t i = top; i-- > 0;) {
        fq12_sqr(&acc, &acc);
        if ((e[i / 64] >> (i % 64)) & 1)
            fq12_mul(&acc, &acc, &base);
    }
    *r = acc;
}

void fq12_random(fq12_t *r, zk_rng *rng)
{
    fq6_random(&r->c0, rng);
    fq6_random(&r->c1, rng);
}

void fq12_to_bytes(uint8_t out[FQ12_BYTES], const fq12_t *a)
{
    const fq6_t *halves[2] = {&a->c0, &a->c1};
    for (int h = 0; h < 2; h++) {
        const fq2_t *c[3] = {&halves[h]->c0, &halves[h]->c1, &halves[h]->c2};
        for (int i = 0; i < 3; i++) {
            fq_to_bytes_be(out + 192 * h + 64 * i, &c[i]->c0);
            fq_to_bytes_be(out + 192 * h + 64 * i + 32, &c[i]->c1);
        }
    }
}
