#include "poly/zp_poly.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

mpz_t *zp_poly_new(size_t len)
{
    if (len == 0)
        return NULL;
    mpz_t *p = zk_alloc(len, sizeof *p);
    if (p)
        for (size_t i = 0; i < len; i++)
            mpz_init(p[i]);
    return p;
}

void zp_poly_free(mpz_t *p, size_t len)
{
    if (!p)
        return;
    for (size_t i = 0; i < len; i++)
        mpz_clear(p[i]);
    zk_free(p);
}

void zp_poly_copy(mpz_t *r, mpz_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        mpz_set(r[i], p[i]);
}

long zp_poly_degree(mpz_t *p, size_t len)
{
    for (size_t i = len; i-- > 0;)
        if (mpz_sgn(p[i]))
            return (long)i;
    return -1;
}

void zp_poly_eval(const zp_field *f, mpz_t r, mpz_t *p, size_t len, const mpz_t x)
{
    mpz_set_ui(r, 0);
    for (size_t i = len; i-- > 0;) {
        zp_mul(f, r, r, x);
        zp_add(f, r, r, p[i]);
    }
}

void zp_poly_add_scaled(const zp_field *f, mpz_t *r, mpz_t *a, size_t la, mpz_t *b,
                        size_t lb, const mpz_t k)
{
    mpz_t t;
    mpz_init(t);
    size_t n = la > lb ? la : lb;
    for (size_t i = 0; i < n; i++) {
        if (i < lb)
            zp_mul(f, t, b[i], k);
        else
            mpz_set_ui(t, 0);
        if (i < la)
            zp_add(f, r[i], a[i], t);
        else
            mpz_set(r[i], t);
    }
    mpz_clear(t);
}

void zp_poly_mul(const zp_field *f, mpz_t *out, mpz_t *a, size_t la, mpz_t *b, size_t lb)
{
    mpz_t t;
    mpz_init(t);
    for (size_t i = 0; i < la + lb - 1; i++)
        mpz_set_ui(out[i], 0);
    for (size_t i = 0; i < la; i++)
        for (size_t k = 0; k < lb; k++) {
            zp_mul(f, t, a[i], b[k]);
            zp_add(f, out[i + k], out[i + k], t);
        }
    mpz_clear(t);
}

/* Long division from the top: each step cancels the leading coefficient of
 * the running remainder with a multiple of b shifted into place. */
zk_err zp_poly_divmod(const zp_field *f, mpz_t *q, mpz_t *rem, mpz_t *a, size_t la,
                      mpz_t *b, size_t lb, bool *exact)
{
    if (lb == 0 || la < lb)
        return ZK_EINVAL;
    mpz_t lead_inv, c, t;
    mpz_inits(lead_inv, c, t, NULL);
    zk_err err = zp_inv(f, lead_inv, b[lb - 1]);
    mpz_t *r = err ? NULL : zp_poly_new(la);
    if (!err && !r)
        err = ZK_ENOMEM;
    if (!err) {
        zp_poly_copy(r, a, la);
        for (size_t k = la - lb + 1; k-- > 0;) {
            zp_mul(f, c, r[k + lb - 1], lead_inv);
            mpz_set(q[k], c);
            for (size_t i = 0; i < lb; i++) {
                zp_mul(f, t, c, b[i]);
                zp_sub(f, r[k + i], r[k + i], t);
            }
        }
        bool zero = true;
        for (size_t i = 0; i + 1 < lb; i++) {
            mpz_set(rem[i], r[i]);
            zero = zero && mpz_sgn(r[i]) == 0;
        }
        if (exact)
            *exact = zero;
    }
    zp_poly_free(r, la);
    mpz_clears(lead_inv, c, t, NULL);
    return err;
}

/* p(x) = q(x)(x - z) + p(z): from the top, q_{k-1} = p_k + z·q_k, and the
 * last step's carry is p(z) (Horner's rule in disguise). */
void zp_poly_div_linear(const zp_field *f, mpz_t *q, mpz_t value, mpz_t *p, size_t len,
                        const mpz_t z)
{
    mpz_t carry;
    mpz_init(carry);
    for (size_t k = len; k-- > 0;) {
        zp_mul(f, carry, carry, z);
        zp_add(f, carry, carry, p[k]);
        if (k > 0)
            mpz_set(q[k - 1], carry);
    }
    if (value)
        mpz_set(value, carry);
    mpz_clear(carry);
}

void zp_poly_from_roots(const zp_field *f, mpz_t *m, mpz_t *xs, size_t n)
{
    mpz_t t;
    mpz_init(t);
    mpz_set_ui(m[0], 1);
    for (size_t j = 0; j < n; j++) {
        /* m ← m·(x - x_j), in place from the top coefficient down. */
        mpz_set_ui(m[j + 1], 0);
        for (size_t k = j + 1; k > 0; k--) {
            zp_mul(f, t, m[k], xs[j]);
            zp_sub(f, m[k], m[k - 1], t);
        }
        zp_mul(f, m[0], m[0], xs[j]);
        zp_neg(f, m[0], m[0]);
    }
    mpz_clear(t);
}

/* p = Σ y_i·L_i, L_i = M/(x - x_i) / M'(x_i) with M = Π (x - x_j): each
 * numerator by synthetic division of M. */
zk_err zp_poly_interpolate(const zp_field *f, mpz_t *coeffs, mpz_t *xs, mpz_t *ys,
                           size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (mpz_cmp(xs[i], xs[j]) == 0)
                return ZK_EINVAL;
    for (size_t i = 0; i < n; i++)
        mpz_set_ui(coeffs[i], 0);
    if (n == 0)
        return ZK_OK;
    mpz_t *m = zp_poly_new(n + 1), *num = zp_poly_new(n);
    mpz_t den, s;
    mpz_inits(den, s, NULL);
    zk_err err = m && num ? ZK_OK : ZK_ENOMEM;
    if (!err)
        zp_poly_from_roots(f, m, xs, n);
    for (size_t i = 0; !err && i < n; i++) {
        zp_poly_div_linear(f, num, NULL, m, n + 1, xs[i]);
        zp_poly_eval(f, den, num, n, xs[i]);
        err = zp_inv(f, s, den);
        if (!err) {
            zp_mul(f, s, s, ys[i]);
            zp_poly_add_scaled(f, coeffs, coeffs, n, num, n, s);
        }
    }
    mpz_clears(den, s, NULL);
    zp_poly_free(m, n + 1);
    zp_poly_free(num, n);
    return err;
}

/* Rational reconstruction (Wang, "A p-adic algorithm for univariate partial
 * fractions", 1981): the extended Euclidean algorithm on (p, v) stopped at
 * the first remainder below the bound gives a ≡ v·b (mod p) with a small a;
 * the fraction is accepted when b is small too. */
static bool small_fraction(const mpz_t p, const mpz_t v, mpz_t a, mpz_t b, unsigned bound_bits)
{
    mpz_t r0, r1, t0, t1, q, tmp;
    mpz_inits(r0, r1, t0, t1, q, tmp, NULL);
    mpz_set(r0, p);
    mpz_set(r1, v);
    mpz_set_ui(t0, 0);
    mpz_set_ui(t1, 1);
    while (mpz_sizeinbase(r1, 2) > bound_bits && mpz_sgn(r1)) {
        mpz_fdiv_qr(q, tmp, r0, r1);
        mpz_swap(r0, r1);
        mpz_swap(r1, tmp);
        mpz_mul(tmp, q, t1);
        mpz_sub(tmp, t0, tmp);
        mpz_swap(t0, t1);
        mpz_swap(t1, tmp);
    }
    bool ok = mpz_sgn(t1) != 0 && mpz_sizeinbase(t1, 2) <= bound_bits;
    if (ok) {
        mpz_set(a, r1);
        mpz_set(b, t1);
        if (mpz_sgn(b) < 0) {
            mpz_neg(a, a);
            mpz_neg(b, b);
        }
    }
    mpz_clears(r0, r1, t0, t1, q, tmp, NULL);
    return ok;
}

char *zp_show(const zp_field *f, char *buf, size_t size, const mpz_t v)
{
    if (f->bits <= 64) {
        gmp_snprintf(buf, size, "%Zd", v);
        return buf;
    }
    mpz_t a, b;
    mpz_inits(a, b, NULL);
    if (small_fraction(f->p, v, a, b, 24)) {
        if (mpz_cmp_ui(b, 1) == 0)
            gmp_snprintf(buf, size, "%Zd", a);
        else
            gmp_snprintf(buf, size, "%Zd/%Zd", a, b);
    } else {
        char hex[80];
        gmp_snprintf(hex, sizeof hex, "%Zx", v);
        size_t n = strlen(hex);
        if (n > 12)
            snprintf(buf, size, "0x%.4s…%s", hex, hex + n - 4);
        else
            snprintf(buf, size, "0x%s", hex);
    }
    mpz_clears(a, b, NULL);
    return buf;
}

/* Appends text, marking the end with "…" once the buffer is full. */
static void append(char *buf, size_t size, size_t *used, const char *text)
{
    size_t n = strlen(text);
    if (*used + n + 1 > size) {
        const char *ell = "…";
        size_t e = strlen(ell);
        if (size > e && *used + 1 <= size) {
            size_t at = size - e - 1 < *used ? size - e - 1 : *used;
            memcpy(buf + at, ell, e + 1);
        }
        *used = size;
        return;
    }
    memcpy(buf + *used, text, n + 1);
    *used += n;
}

char *zp_poly_str(const zp_field *f, char *buf, size_t size, mpz_t *p, size_t len,
                  const char *var)
{
    size_t used = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    mpz_t neg;
    mpz_init(neg);
    bool first = true;
    for (size_t i = len; i-- > 0 && used < size;) {
        if (!mpz_sgn(p[i]))
            continue;
        char c[96], term[160];
        zp_show(f, c, sizeof c, p[i]);
        /* A negative coefficient (as displayed) becomes a minus sign. */
        bool minus = c[0] == '-' && !first;
        if (minus) {
            zp_neg(f, neg, p[i]);
            zp_show(f, c, sizeof c, neg);
        }
        bool is_one = strcmp(c, "1") == 0, is_neg_one = strcmp(c, "-1") == 0;
        const char *sep = first ? "" : minus ? " - " : " + ";
        char coef[112];
        if (i > 0 && is_one)
            coef[0] = '\0';
        else if (i > 0 && is_neg_one)
            snprintf(coef, sizeof coef, "-");
        else if (i > 0 && strchr(c, '/'))
            snprintf(coef, sizeof coef, "(%s)", c);
        else
            snprintf(coef, sizeof coef, "%s", c);
        if (i == 0)
            snprintf(term, sizeof term, "%s%s", sep, c);
        else if (i == 1)
            snprintf(term, sizeof term, "%s%s%s", sep, coef, var);
        else
            snprintf(term, sizeof term, "%s%s%s^%zu", sep, coef, var, i);
        append(buf, size, &used, term);
        first = false;
    }
    if (first)
        append(buf, size, &used, "0");
    mpz_clear(neg);
    return buf;
}
