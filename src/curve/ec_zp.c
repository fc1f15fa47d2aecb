#include "curve/ec_zp.h"

void ec_zp_point_init(ec_zp_point *p)
{
    mpz_inits(p->x, p->y, NULL);
    p->inf = true;
}

void ec_zp_point_clear(ec_zp_point *p)
{
    mpz_clears(p->x, p->y, NULL);
}

void ec_zp_point_set(ec_zp_point *r, const ec_zp_point *p)
{
    mpz_set(r->x, p->x);
    mpz_set(r->y, p->y);
    r->inf = p->inf;
}

void ec_zp_point_set_inf(ec_zp_point *r)
{
    mpz_set_ui(r->x, 0);
    mpz_set_ui(r->y, 0);
    r->inf = true;
}

bool ec_zp_on_curve(const ec_zp_curve *c, const ec_zp_point *p)
{
    if (p->inf)
        return true;
    mpz_t lhs, rhs;
    mpz_inits(lhs, rhs, NULL);
    zp_sqr(&c->f, lhs, p->y);
    zp_sqr(&c->f, rhs, p->x);
    zp_add(&c->f, rhs, rhs, c->a);
    zp_mul(&c->f, rhs, rhs, p->x);
    zp_add(&c->f, rhs, rhs, c->b);   /* x^3 + a x + b = (x^2 + a)·x + b */
    bool ok = mpz_cmp(lhs, rhs) == 0;
    mpz_clears(lhs, rhs, NULL);
    return ok;
}

zk_err ec_zp_point_set_xy(const ec_zp_curve *c, ec_zp_point *r, const mpz_t x, const mpz_t y)
{
    if (mpz_sgn(x) < 0 || mpz_sgn(y) < 0 || mpz_cmp(x, c->f.p) >= 0 || mpz_cmp(y, c->f.p) >= 0)
        return ZK_ENONCANONICAL;
    ec_zp_point t;
    ec_zp_point_init(&t);
    mpz_set(t.x, x);
    mpz_set(t.y, y);
    t.inf = false;
    zk_err err = ec_zp_on_curve(c, &t) ? ZK_OK : ZK_ENOTONCURVE;
    if (!err)
        ec_zp_point_set(r, &t);
    ec_zp_point_clear(&t);
    return err;
}

bool ec_zp_eq(const ec_zp_point *p, const ec_zp_point *q)
{
    if (p->inf || q->inf)
        return p->inf == q->inf;
    return mpz_cmp(p->x, q->x) == 0 && mpz_cmp(p->y, q->y) == 0;
}

void ec_zp_neg(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p)
{
    mpz_set(r->x, p->x);
    zp_neg(&c->f, r->y, p->y);
    r->inf = p->inf;
}

/* The third point on the line of slope num/den through p and q, negated:
 * λ = num/den, x3 = λ^2 - xp - xq, y3 = λ(xp - x3) - yp. num and den are
 * consumed. */
static void chord(const ec_zp_curve *c, ec_zp_point *r, mpz_t num, mpz_t den,
                  const ec_zp_point *p, const ec_zp_point *q)
{
    mpz_t x3;
    mpz_init(x3);
    zp_inv(&c->f, den, den);
    zp_mul(&c->f, num, num, den);
    zp_sqr(&c->f, x3, num);
    zp_sub(&c->f, x3, x3, p->x);
    zp_sub(&c->f, x3, x3, q->x);
    zp_sub(&c->f, den, p->x, x3);
    zp_mul(&c->f, den, den, num);
    zp_sub(&c->f, r->y, den, p->y);
    mpz_set(r->x, x3);
    r->inf = false;
    mpz_clear(x3);
}

/* Tangent rule: λ = (3x^2 + a)/(2y), x' = λ^2 - 2x, y' = λ(x - x') - y. */
void ec_zp_dbl(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p)
{
    if (p->inf || mpz_sgn(p->y) == 0) {   /* 2-torsion doubles to infinity */
        ec_zp_point_set_inf(r);
        return;
    }
    mpz_t l, t;
    mpz_inits(l, t, NULL);
    zp_sqr(&c->f, l, p->x);
    mpz_mul_ui(l, l, 3);
    mpz_add(l, l, c->a);
    zp_reduce(&c->f, l, l);
    zp_add(&c->f, t, p->y, p->y);
    chord(c, r, l, t, p, p);
    mpz_clears(l, t, NULL);
}

/* Chord rule: λ = (y2 - y1)/(x2 - x1); P + (-P) = O; P + P doubles. */
void ec_zp_add(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p, const ec_zp_point *q)
{
    if (p->inf) {
        ec_zp_point_set(r, q);
        return;
    }
    if (q->inf) {
        ec_zp_point_set(r, p);
        return;
    }
    if (mpz_cmp(p->x, q->x) == 0) {
        if (mpz_cmp(p->y, q->y) == 0)
            ec_zp_dbl(c, r, p);
        else
            ec_zp_point_set_inf(r);
        return;
    }
    mpz_t l, t;
    mpz_inits(l, t, NULL);
    zp_sub(&c->f, l, q->y, p->y);
    zp_sub(&c->f, t, q->x, p->x);
    chord(c, r, l, t, p, q);
    mpz_clears(l, t, NULL);
}

void ec_zp_mul(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p, const mpz_t k)
{
    ec_zp_point acc, base;
    mpz_t e;
    ec_zp_point_init(&acc);
    ec_zp_point_init(&base);
    mpz_init(e);
    mpz_abs(e, k);
    if (mpz_sgn(k) < 0)
        ec_zp_neg(c, &base, p);
    else
        ec_zp_point_set(&base, p);
    /* Left to right double-and-add over |k|. */
    for (size_t i = mpz_sizeinbase(e, 2); i-- > 0;) {
        ec_zp_dbl(c, &acc, &acc);
        if (mpz_tstbit(e, i))
            ec_zp_add(c, &acc, &acc, &base);
    }
    ec_zp_point_set(r, &acc);
    ec_zp_point_clear(&acc);
    ec_zp_point_clear(&base);
    mpz_clear(e);
}

static zk_err set_num(mpz_t r, const char *s)
{
    const char *digits = s;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        digits = s + 2;
        base = 16;
    }
    if (!*digits)
        return ZK_EPARSE;
    for (const char *ch = digits; *ch; ch++) {
        bool ok = (*ch >= '0' && *ch <= '9') ||
                  (base == 16 && ((*ch >= 'a' && *ch <= 'f') || (*ch >= 'A' && *ch <= 'F')));
        if (!ok)
            return ZK_EPARSE;
    }
    return mpz_set_str(r, digits, base) == 0 ? ZK_OK : ZK_EPARSE;
}

zk_err ec_zp_curve_init(ec_zp_curve *c, const char *name, const char *p, const char *a,
                        const char *b, const char *gx, const char *gy, const char *n,
                        const char *h)
{
    zk_err err = zp_field_init(&c->f, p);
    if (err)
        return err;
    mpz_inits(c->a, c->b, c->n, c->h, NULL);
    ec_zp_point_init(&c->g);
    c->name = name;
    mpz_t x, y, t;
    mpz_inits(x, y, t, NULL);
    err = set_num(c->a, a);
    if (!err) err = set_num(c->b, b);
    if (!err) err = set_num(x, gx);
    if (!err) err = set_num(y, gy);
    if (!err) err = set_num(c->n, n);
    if (!err) err = set_num(c->h, h);
    if (!err && (mpz_cmp(c->a, c->f.p) >= 0 || mpz_cmp(c->b, c->f.p) >= 0))
        err = ZK_ENONCANONICAL;
    if (!err) {
        /* 4a^3 + 27b^2 = 0 (mod p) means a cusp or a node, not a curve. */
        mpz_powm_ui(t, c->a, 3, c->f.p);
        mpz_mul_ui(t, t, 4);
        mpz_t b2;
        mpz_init(b2);
        mpz_mul(b2, c->b, c->b);
        mpz_addmul_ui(t, b2, 27);
        mpz_clear(b2);
        mpz_mod(t, t, c->f.p);
        if (mpz_sgn(t) == 0)
            err = ZK_EINVAL;
    }
    if (!err)
        err = ec_zp_point_set_xy(c, &c->g, x, y);
    if (!err) {
        ec_zp_point o;
        ec_zp_point_init(&o);
        ec_zp_mul(c, &o, &c->g, c->n);
        if (!o.inf)
            err = ZK_ENOTONCURVE;
        ec_zp_point_clear(&o);
    }
    mpz_clears(x, y, t, NULL);
    if (err)
        ec_zp_curve_clear(c);
    return err;
}

void ec_zp_curve_clear(ec_zp_curve *c)
{
    mpz_clears(c->a, c->b, c->n, c->h, NULL);
    ec_zp_point_clear(&c->g);
    zp_field_clear(&c->f);
}

zk_err ec_zp_curve_secp256k1(ec_zp_curve *c)
{
    return ec_zp_curve_init(
        c, "secp256k1",
        "0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", "0", "7",
        "0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
        "0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
        "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "1");
}
