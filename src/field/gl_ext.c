#include "field/gl_ext.h"

/* (a0 + a1 u)(b0 + b1 u) = a0 b0 + 7 a1 b1 + (a0 b1 + a1 b0) u, with the
 * middle term from one product (Karatsuba). */
gl2_t gl2_mul(gl2_t a, gl2_t b)
{
    gl_t t0 = gl_mul(a.c[0], b.c[0]);
    gl_t t1 = gl_mul(a.c[1], b.c[1]);
    gl_t mid = gl_mul(gl_add(a.c[0], a.c[1]), gl_add(b.c[0], b.c[1]));
    return gl2_make(gl_add(t0, gl_mul(t1, GL2_NONRESIDUE)), gl_sub(gl_sub(mid, t0), t1));
}

gl2_t gl2_sqr(gl2_t a)
{
    return gl2_mul(a, a);
}

/* 1/(a0 + a1 u) = (a0 - a1 u)/(a0^2 - 7 a1^2); the norm is zero only for a = 0. */
zk_err gl2_inv(gl2_t *r, gl2_t a)
{
    gl_t norm = gl_sub(gl_sqr(a.c[0]), gl_mul(gl_sqr(a.c[1]), GL2_NONRESIDUE));
    gl_t ni;
    zk_err err = gl_inv(&ni, norm);
    *r = gl2_make(gl_mul(a.c[0], ni), gl_neg(gl_mul(a.c[1], ni)));
    return err;
}

zk_err gl2_batch_inv(gl2_t *v, size_t n, gl2_t *scratch)
{
    gl2_t acc = gl2_from_base(1);
    for (size_t i = 0; i < n; i++) {
        scratch[i] = acc;
        acc = gl2_mul(acc, v[i]);
    }
    gl2_t inv;
    if (gl2_inv(&inv, acc))
        return ZK_EZERO;
    for (size_t i = n; i-- > 0;) {
        gl2_t t = gl2_mul(inv, scratch[i]);
        inv = gl2_mul(inv, v[i]);
        v[i] = t;
    }
    return ZK_OK;
}

gl2_t gl2_pow(gl2_t a, uint64_t e)
{
    gl2_t r = gl2_from_base(1);
    for (int i = 63; i >= 0; i--) {
        r = gl2_sqr(r);
        if ((e >> i) & 1)
            r = gl2_mul(r, a);
    }
    return r;
}

gl2_t gl2_random(zk_rng *rng)
{
    gl_t c0 = gl_random(rng);
    return gl2_make(c0, gl_random(rng));
}

/* Schoolbook product, then x^3 = x + 1 and x^4 = x^2 + x. */
gl3_t gl3_mul(gl3_t a, gl3_t b)
{
    gl_t r0 = gl_mul(a.c[0], b.c[0]);
    gl_t r1 = gl_add(gl_mul(a.c[0], b.c[1]), gl_mul(a.c[1], b.c[0]));
    gl_t r2 = gl_add(gl_add(gl_mul(a.c[0], b.c[2]), gl_mul(a.c[1], b.c[1])), gl_mul(a.c[2], b.c[0]));
    gl_t r3 = gl_add(gl_mul(a.c[1], b.c[2]), gl_mul(a.c[2], b.c[1]));
    gl_t r4 = gl_mul(a.c[2], b.c[2]);
    return gl3_make(gl_add(r0, r3), gl_add(gl_add(r1, r3), r4), gl_add(r2, r4));
}

gl3_t gl3_sqr(gl3_t a)
{
    return gl3_mul(a, a);
}

/* Multiplication by a is the linear map with columns a, a·x, a·x^2:
 *       | a0   a2        a1      |
 *   M = | a1   a0 + a2   a1 + a2 |
 *       | a2   a1        a0 + a2 |
 * and a^-1 is the solution of M·c = (1, 0, 0): the first column of the
 * adjugate divided by det M (Cramer). det M is a's norm, zero only for a = 0. */
zk_err gl3_inv(gl3_t *r, gl3_t a)
{
    gl_t m00 = a.c[0], m01 = a.c[2], m02 = a.c[1];
    gl_t m10 = a.c[1], m11 = gl_add(a.c[0], a.c[2]), m12 = gl_add(a.c[1], a.c[2]);
    gl_t m20 = a.c[2], m21 = a.c[1], m22 = gl_add(a.c[0], a.c[2]);
    /* Cofactors of the first row, i.e. the first column of the adjugate. */
    gl_t c0 = gl_sub(gl_mul(m11, m22), gl_mul(m12, m21));
    gl_t c1 = gl_sub(gl_mul(m12, m20), gl_mul(m10, m22));
    gl_t c2 = gl_sub(gl_mul(m10, m21), gl_mul(m11, m20));
    gl_t det = gl_add(gl_add(gl_mul(m00, c0), gl_mul(m01, c1)), gl_mul(m02, c2));
    gl_t di;
    zk_err err = gl_inv(&di, det);
    *r = gl3_make(gl_mul(c0, di), gl_mul(c1, di), gl_mul(c2, di));
    return err;
}

gl3_t gl3_pow(gl3_t a, uint64_t e)
{
    gl3_t r = gl3_from_base(1);
    for (int i = 63; i >= 0; i--) {
        r = gl3_sqr(r);
        if ((e >> i) & 1)
            r = gl3_mul(r, a);
    }
    return r;
}

gl3_t gl3_random(zk_rng *rng)
{
    gl_t c0 = gl_random(rng);
    gl_t c1 = gl_random(rng);
    return gl3_make(c0, c1, gl_random(rng));
}
