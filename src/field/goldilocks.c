#include "field/goldilocks.h"

#include <string.h>

#include "field/mont256.h"

gl_t gl_pow(gl_t a, uint64_t e)
{
    gl_t r = 1;
    /* Square-and-multiply from the top bit; every bit costs the same. */
    for (int i = 63; i >= 0; i--) {
        r = gl_sqr(r);
        gl_t m = gl_mul(r, a);
        uint64_t mask = (uint64_t)0 - ((e >> i) & 1);
        r = (m & mask) | (r & ~mask);
    }
    return r;
}

zk_err gl_inv(gl_t *r, gl_t a)
{
    *r = gl_pow(a, GL_P - 2);
    return a == 0 ? ZK_EZERO : ZK_OK;
}

void gl_batch_inv(gl_t *out, const gl_t *in, size_t n, gl_t *scratch)
{
    if (n == 0)
        return;
    gl_t acc = 1;
    for (size_t i = 0; i < n; i++) {
        scratch[i] = acc;
        acc = gl_mul(acc, in[i] ? in[i] : 1);
    }
    gl_inv(&acc, acc);
    for (size_t i = n; i-- > 0;) {
        gl_t x = in[i];
        out[i] = x ? gl_mul(acc, scratch[i]) : 0;
        acc = gl_mul(acc, x ? x : 1);
    }
}

/* 7^((p-1)/2^32): Plonky3's TWO_ADIC_GENERATORS[32]. */
#define GL_ROOT_2_32 0x185629dcda58878cu

zk_err gl_root_of_unity(gl_t *r, unsigned log2n)
{
    if (log2n > GL_TWO_ADICITY)
        return ZK_EINVAL;
    gl_t w = GL_ROOT_2_32;
    for (unsigned k = GL_TWO_ADICITY; k > log2n; k--)
        w = gl_sqr(w);
    *r = w;
    return ZK_OK;
}

zk_err gl_sqrt(gl_t *r, gl_t a)
{
    if (a == 0) {
        *r = 0;
        return ZK_OK;
    }
    if (gl_pow(a, (GL_P - 1) / 2) != 1)
        return ZK_ENOSQRT;
    /* Tonelli-Shanks with p - 1 = 2^32·t and c = 7^t, a primitive 2^32-th root. */
    const uint64_t t = (GL_P - 1) >> GL_TWO_ADICITY;
    gl_t x = gl_pow(a, (t + 1) / 2), b = gl_pow(a, t), c = GL_ROOT_2_32;
    unsigned v = GL_TWO_ADICITY;
    while (b != 1) {
        /* Least k with b^(2^k) = 1; k reaching v would mean no root, which
         * Euler's criterion above already excluded: stop rather than spin. */
        unsigned k = 0;
        gl_t s = b;
        while (s != 1) {
            s = gl_sqr(s);
            if (++k >= v)
                return ZK_ENOSQRT;
        }
        gl_t w = c;
        for (unsigned i = 0; i < v - k - 1; i++)
            w = gl_sqr(w);
        x = gl_mul(x, w);
        c = gl_sqr(w);
        b = gl_mul(b, c);
        v = k;
    }
    *r = x;
    return ZK_OK;
}

gl_t gl_random(zk_rng *rng)
{
    return (gl_t)zk_random_below(rng, GL_P);
}

zk_err gl_from_str(gl_t *r, const char *s)
{
    uint64_t x[4];
    zk_err err = (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? u256_from_hex(x, s)
                                                                : u256_from_dec(x, s);
    if (err)
        return err;
    if (x[1] | x[2] | x[3] || x[0] >= GL_P)
        return ZK_ENONCANONICAL;
    *r = x[0];
    return ZK_OK;
}
