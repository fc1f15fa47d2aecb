#include "field/zp.h"

#include <string.h>

#include "core/alloc.h"

/* GMP accepts leading '+', '-' and blanks; a field element's text does not. */
static zk_err parse_natural(mpz_t r, const char *s)
{
    int base = 10;
    const char *digits = s;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        digits = s + 2;
    }
    if (*digits == '\0')
        return ZK_EPARSE;
    for (const char *c = digits; *c; c++) {
        bool ok = base == 10 ? (*c >= '0' && *c <= '9')
                             : ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f') ||
                                (*c >= 'A' && *c <= 'F'));
        if (!ok)
            return ZK_EPARSE;
    }
    return mpz_set_str(r, digits, base) == 0 ? ZK_OK : ZK_EPARSE;
}

static zk_err field_from(zp_field *f, const mpz_t p)
{
    if (mpz_cmp_ui(p, 2) < 0 || mpz_probab_prime_p(p, 40) == 0)
        return ZK_ENOTPRIME;
    mpz_init_set(f->p, p);
    f->bits = (unsigned)mpz_sizeinbase(p, 2);
    return ZK_OK;
}

zk_err zp_field_init(zp_field *f, const char *modulus)
{
    mpz_t p;
    mpz_init(p);
    zk_err err = parse_natural(p, modulus);
    if (!err)
        err = field_from(f, p);
    mpz_clear(p);
    return err;
}

zk_err zp_field_init_u64(zp_field *f, uint64_t modulus)
{
    mpz_t p;
    mpz_init(p);
    mpz_import(p, 1, -1, sizeof modulus, 0, 0, &modulus);
    zk_err err = field_from(f, p);
    mpz_clear(p);
    return err;
}

void zp_field_clear(zp_field *f)
{
    mpz_clear(f->p);
}

void zp_reduce(const zp_field *f, mpz_t r, const mpz_t a)
{
    mpz_mod(r, a, f->p);   /* mpz_mod's result is never negative */
}

void zp_set_u64(const zp_field *f, mpz_t r, uint64_t a)
{
    mpz_import(r, 1, -1, sizeof a, 0, 0, &a);
    mpz_mod(r, r, f->p);
}

void zp_add(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t b)
{
    mpz_add(r, a, b);
    if (mpz_cmp(r, f->p) >= 0)
        mpz_sub(r, r, f->p);
}

void zp_sub(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t b)
{
    mpz_sub(r, a, b);
    if (mpz_sgn(r) < 0)
        mpz_add(r, r, f->p);
}

void zp_neg(const zp_field *f, mpz_t r, const mpz_t a)
{
    if (mpz_sgn(a) == 0)
        mpz_set_ui(r, 0);
    else
        mpz_sub(r, f->p, a);
}

void zp_mul(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t b)
{
    mpz_mul(r, a, b);
    mpz_mod(r, r, f->p);
}

void zp_sqr(const zp_field *f, mpz_t r, const mpz_t a)
{
    zp_mul(f, r, a, a);
}

void zp_pow(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t e)
{
    mpz_powm(r, a, e, f->p);
}

void zp_pow_u64(const zp_field *f, mpz_t r, const mpz_t a, uint64_t e)
{
    mpz_t ee;
    mpz_init(ee);
    mpz_import(ee, 1, -1, sizeof e, 0, 0, &e);
    mpz_powm(r, a, ee, f->p);
    mpz_clear(ee);
}

zk_err zp_inv(const zp_field *f, mpz_t r, const mpz_t a)
{
    if (mpz_sgn(a) == 0) {
        mpz_set_ui(r, 0);
        return ZK_EZERO;
    }
    mpz_invert(r, a, f->p);
    return ZK_OK;
}

int zp_legendre(const zp_field *f, const mpz_t a)
{
    if (mpz_cmp_ui(f->p, 2) == 0)
        return mpz_sgn(a) == 0 ? 0 : 1;
    return mpz_legendre(a, f->p);
}

/* Tonelli-Shanks, as in field/mont256.c but over GMP integers. */
zk_err zp_sqrt(const zp_field *f, mpz_t r, const mpz_t a)
{
    int leg = zp_legendre(f, a);
    if (leg == 0 || mpz_cmp_ui(f->p, 2) == 0) {
        mpz_set(r, a);
        return ZK_OK;
    }
    if (leg < 0)
        return ZK_ENOSQRT;
    mpz_t t, z, c, x, b, w, tmp;
    mpz_inits(t, z, c, x, b, w, tmp, NULL);
    mpz_sub_ui(t, f->p, 1);
    unsigned long s = mpz_scan1(t, 0);
    mpz_tdiv_q_2exp(t, t, s);
    mpz_set_ui(z, 2);
    while (mpz_legendre(z, f->p) != -1)
        mpz_add_ui(z, z, 1);
    mpz_powm(c, z, t, f->p);
    mpz_add_ui(tmp, t, 1);
    mpz_tdiv_q_2exp(tmp, tmp, 1);
    mpz_powm(x, a, tmp, f->p);   /* a^((t+1)/2) */
    mpz_powm(b, a, t, f->p);     /* a^t */
    unsigned long v = s;
    while (mpz_cmp_ui(b, 1) != 0) {
        unsigned long k = 0;
        mpz_set(tmp, b);
        while (mpz_cmp_ui(tmp, 1) != 0 && k < v) {
            zp_sqr(f, tmp, tmp);
            k++;
        }
        if (k >= v) {   /* excluded by the Legendre symbol; never spin */
            mpz_clears(t, z, c, x, b, w, tmp, NULL);
            return ZK_ENOSQRT;
        }
        mpz_set(w, c);
        for (unsigned long i = 0; i + k + 1 < v; i++)
            zp_sqr(f, w, w);
        zp_mul(f, x, x, w);
        zp_sqr(f, c, w);
        zp_mul(f, b, b, c);
        v = k;
    }
    mpz_set(r, x);
    mpz_clears(t, z, c, x, b, w, tmp, NULL);
    return ZK_OK;
}

void zp_random(const zp_field *f, mpz_t r, zk_rng *rng)
{
    /* Rejection sampling on [0, 2^bits): fewer than two tries expected. */
    size_t nbytes = (f->bits + 7) / 8;
    unsigned char buf[64];
    unsigned char *b = nbytes <= sizeof buf ? buf : zk_alloc(nbytes, 1);
    if (!b) {   /* out of memory for a huge modulus: fall back to zero */
        mpz_set_ui(r, 0);
        return;
    }
    do {
        zk_random_bytes(rng, b, nbytes);
        mpz_import(r, nbytes, 1, 1, 0, 0, b);
        mpz_fdiv_r_2exp(r, r, f->bits);
    } while (mpz_cmp(r, f->p) >= 0);
    if (b != buf)
        zk_free(b);
}

zk_err zp_set_str(const zp_field *f, mpz_t r, const char *s)
{
    mpz_t x;
    mpz_init(x);
    zk_err err = parse_natural(x, s);
    if (!err && mpz_cmp(x, f->p) >= 0)
        err = ZK_ENONCANONICAL;
    if (!err)
        mpz_set(r, x);
    mpz_clear(x);
    return err;
}
