#include "curve/toy.h"

#include <stdio.h>
#include <string.h>

/* ---- F_{p^k} ----------------------------------------------------------- */

void toy_elt_init(toy_elt *a)
{
    for (int i = 0; i < TOY_MAX_K; i++)
        mpz_init(a->c[i]);
}

void toy_elt_clear(toy_elt *a)
{
    for (int i = 0; i < TOY_MAX_K; i++)
        mpz_clear(a->c[i]);
}

void toy_elt_set(const toy_field *F, toy_elt *r, const toy_elt *a)
{
    for (unsigned i = 0; i < F->k; i++)
        mpz_set(r->c[i], a->c[i]);
}

void toy_elt_set_u64(const toy_field *F, toy_elt *r, uint64_t v)
{
    zp_set_u64(&F->fp, r->c[0], v);
    for (unsigned i = 1; i < F->k; i++)
        mpz_set_ui(r->c[i], 0);
}

void toy_elt_set_monomial(const toy_field *F, toy_elt *r, uint64_t v, unsigned e)
{
    for (unsigned i = 0; i < F->k; i++)
        mpz_set_ui(r->c[i], 0);
    if (e < F->k)
        zp_set_u64(&F->fp, r->c[e], v);
}

bool toy_elt_eq(const toy_field *F, const toy_elt *a, const toy_elt *b)
{
    for (unsigned i = 0; i < F->k; i++)
        if (mpz_cmp(a->c[i], b->c[i]) != 0)
            return false;
    return true;
}

bool toy_elt_in_base(const toy_field *F, const toy_elt *a)
{
    for (unsigned i = 1; i < F->k; i++)
        if (mpz_sgn(a->c[i]) != 0)
            return false;
    return true;
}

bool toy_elt_is_zero(const toy_field *F, const toy_elt *a)
{
    return toy_elt_in_base(F, a) && mpz_sgn(a->c[0]) == 0;
}

bool toy_elt_is_one(const toy_field *F, const toy_elt *a)
{
    return toy_elt_in_base(F, a) && mpz_cmp_ui(a->c[0], 1) == 0;
}

void toy_add(const toy_field *F, toy_elt *r, const toy_elt *a, const toy_elt *b)
{
    for (unsigned i = 0; i < F->k; i++)
        zp_add(&F->fp, r->c[i], a->c[i], b->c[i]);
}

void toy_sub(const toy_field *F, toy_elt *r, const toy_elt *a, const toy_elt *b)
{
    for (unsigned i = 0; i < F->k; i++)
        zp_sub(&F->fp, r->c[i], a->c[i], b->c[i]);
}

void toy_neg(const toy_field *F, toy_elt *r, const toy_elt *a)
{
    for (unsigned i = 0; i < F->k; i++)
        zp_neg(&F->fp, r->c[i], a->c[i]);
}

/* Schoolbook product, then t^k = -(m_0 + ... + m_{k-1} t^{k-1}) from the
 * top coefficient down. This is the ring F_p[t]/(m) whatever m is, which
 * the irreducibility test relies on. */
void toy_mul(const toy_field *F, toy_elt *r, const toy_elt *a, const toy_elt *b)
{
    unsigned k = F->k;
    mpz_t t[2 * TOY_MAX_K];
    for (unsigned i = 0; i < 2 * k - 1; i++)
        mpz_init(t[i]);
    for (unsigned i = 0; i < k; i++)
        for (unsigned j = 0; j < k; j++)
            mpz_addmul(t[i + j], a->c[i], b->c[j]);
    for (unsigned d = 2 * k - 2; d >= k; d--) {
        mpz_mod(t[d], t[d], F->fp.p);
        for (unsigned i = 0; i < k; i++)
            mpz_submul(t[d - k + i], t[d], F->m[i]);
    }
    for (unsigned i = 0; i < k; i++)
        zp_reduce(&F->fp, r->c[i], t[i]);
    for (unsigned i = 0; i < 2 * k - 1; i++)
        mpz_clear(t[i]);
}

void toy_pow(const toy_field *F, toy_elt *r, const toy_elt *a, const mpz_t e)
{
    toy_elt acc, base;
    toy_elt_init(&acc);
    toy_elt_init(&base);
    toy_elt_set_u64(F, &acc, 1);
    toy_elt_set(F, &base, a);
    for (size_t i = mpz_sizeinbase(e, 2); i-- > 0;) {
        toy_mul(F, &acc, &acc, &acc);
        if (mpz_tstbit(e, i))
            toy_mul(F, &acc, &acc, &base);
    }
    if (mpz_sgn(e) == 0)
        toy_elt_set_u64(F, &acc, 1);
    toy_elt_set(F, r, &acc);
    toy_elt_clear(&acc);
    toy_elt_clear(&base);
}

zk_err toy_inv(const toy_field *F, toy_elt *r, const toy_elt *a)
{
    if (toy_elt_is_zero(F, a))
        return ZK_EZERO;
    mpz_t e;
    mpz_init(e);
    mpz_sub_ui(e, F->q, 2);
    toy_pow(F, r, a, e);   /* a^(q-2) = a^-1 in a field of q elements */
    mpz_clear(e);
    return ZK_OK;
}

void toy_frobenius(const toy_field *F, toy_elt *r, const toy_elt *a)
{
    toy_pow(F, r, a, F->fp.p);
}

/* Tonelli-Shanks over F_q with q - 1 = 2^s·u; the non-residue is the first
 * of t, t + 1, t + 2, ... (or 2, 3, ... when k = 1) whose Euler criterion
 * gives -1, so the answer is the same on every run. */
zk_err toy_sqrt(const toy_field *F, toy_elt *r, const toy_elt *a)
{
    if (toy_elt_is_zero(F, a)) {
        toy_elt_set_u64(F, r, 0);
        return ZK_OK;
    }
    mpz_t e, u;
    toy_elt z, c, x, b, w, tmp, minus_one;
    mpz_inits(e, u, NULL);
    toy_elt *all[] = {&z, &c, &x, &b, &w, &tmp, &minus_one};
    for (size_t i = 0; i < 7; i++)
        toy_elt_init(all[i]);
    zk_err err = ZK_OK;
    toy_elt_set_u64(F, &minus_one, 1);
    toy_neg(F, &minus_one, &minus_one);
    mpz_sub_ui(e, F->q, 1);
    mpz_tdiv_q_2exp(e, e, 1);
    toy_pow(F, &tmp, a, e);
    if (!toy_elt_is_one(F, &tmp)) {
        err = ZK_ENOSQRT;
        goto out;
    }
    mpz_sub_ui(u, F->q, 1);
    unsigned long s = mpz_scan1(u, 0);
    mpz_tdiv_q_2exp(u, u, s);
    for (uint64_t cand = 0;; cand++) {
        if (F->k > 1) {
            toy_elt_set_monomial(F, &z, 1, 1);   /* z = t + cand */
            zp_set_u64(&F->fp, z.c[0], cand);
        } else {
            toy_elt_set_u64(F, &z, cand + 2);
        }
        toy_pow(F, &tmp, &z, e);
        if (toy_elt_eq(F, &tmp, &minus_one))
            break;
    }
    toy_pow(F, &c, &z, u);
    mpz_add_ui(e, u, 1);
    mpz_tdiv_q_2exp(e, e, 1);
    toy_pow(F, &x, a, e);
    toy_pow(F, &b, a, u);
    unsigned long v = s;
    while (!toy_elt_is_one(F, &b)) {
        unsigned long k = 0;
        toy_elt_set(F, &tmp, &b);
        while (!toy_elt_is_one(F, &tmp) && k < v) {
            toy_mul(F, &tmp, &tmp, &tmp);
            k++;
        }
        if (k >= v) {   /* excluded by Euler's criterion; never spin */
            err = ZK_ENOSQRT;
            goto out;
        }
        toy_elt_set(F, &w, &c);
        for (unsigned long i = 0; i + k + 1 < v; i++)
            toy_mul(F, &w, &w, &w);
        toy_mul(F, &x, &x, &w);
        toy_mul(F, &c, &w, &w);
        toy_mul(F, &b, &b, &c);
        v = k;
    }
    toy_elt_set(F, r, &x);
out:
    for (size_t i = 0; i < 7; i++)
        toy_elt_clear(all[i]);
    mpz_clears(e, u, NULL);
    return err;
}

char *toy_elt_str(const toy_field *F, const toy_elt *a, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned i = F->k; i-- > 0;) {
        if (mpz_sgn(a->c[i]) == 0)
            continue;
        char coef[64];
        mpz_get_str(coef, 10, a->c[i]);
        const char *c = (i > 0 && strcmp(coef, "1") == 0) ? "" : coef;
        int w;
        if (i == 0)
            w = snprintf(buf + n, size - n, "%s%s", n ? " + " : "", coef);
        else if (i == 1)
            w = snprintf(buf + n, size - n, "%s%st", n ? " + " : "", c);
        else
            w = snprintf(buf + n, size - n, "%s%st^%u", n ? " + " : "", c, i);
        if (w < 0 || (size_t)w >= size - n)
            return buf;
        n += (size_t)w;
    }
    if (n == 0)
        snprintf(buf, size, "0");
    return buf;
}

/* ---- irreducibility (Rabin, "Probabilistic algorithms in finite fields",
 * 1980): m of degree k is irreducible over F_p iff t^(p^k) ≡ t (mod m) and
 * gcd(t^(p^(k/d)) - t, m) = 1 for every prime d dividing k. ------------- */

/* Degree of a polynomial of at most len coefficients, -1 for zero. */
static int poly_deg(mpz_t *a, int len)
{
    for (int i = len - 1; i >= 0; i--)
        if (mpz_sgn(a[i]) != 0)
            return i;
    return -1;
}

/* Whether gcd(a, b) over F_p is a constant; a and b are overwritten. */
static bool poly_coprime(mpz_t *a, mpz_t *b, int len, const mpz_t p)
{
    mpz_t inv, f;
    mpz_inits(inv, f, NULL);
    int da = poly_deg(a, len), db = poly_deg(b, len);
    while (db >= 0) {
        /* a mod b */
        mpz_invert(inv, b[db], p);
        while (da >= db) {
            mpz_mul(f, a[da], inv);
            mpz_mod(f, f, p);
            for (int i = 0; i <= db; i++) {
                mpz_submul(a[da - db + i], f, b[i]);
                mpz_mod(a[da - db + i], a[da - db + i], p);
            }
            da = poly_deg(a, len);
        }
        mpz_t *t = a;
        a = b;
        b = t;
        int td = da;
        da = db;
        db = td;
    }
    mpz_clears(inv, f, NULL);
    return da == 0;
}

static bool is_irreducible(const toy_field *F)
{
    unsigned k = F->k;
    if (k == 1)
        return true;
    toy_elt t, h;
    toy_elt_init(&t);
    toy_elt_init(&h);
    toy_elt_set_monomial(F, &t, 1, 1);
    mpz_t e;
    mpz_init(e);
    bool ok = true;
    mpz_t a[TOY_MAX_K + 1], b[TOY_MAX_K + 1];
    for (int i = 0; i <= TOY_MAX_K; i++)
        mpz_inits(a[i], b[i], NULL);
    for (unsigned d = 2; d <= k && ok; d++) {
        if (k % d != 0)
            continue;
        bool prime = true;
        for (unsigned j = 2; j * j <= d; j++)
            prime &= d % j != 0;
        if (!prime)
            continue;
        mpz_pow_ui(e, F->fp.p, k / d);
        toy_pow(F, &h, &t, e);
        toy_sub(F, &h, &h, &t);
        for (unsigned i = 0; i < k; i++) {
            mpz_set(a[i], h.c[i]);
            mpz_set(b[i], F->m[i]);
        }
        mpz_set_ui(a[k], 0);
        mpz_set_ui(b[k], 1);   /* m is monic */
        ok = poly_coprime(a, b, (int)k + 1, F->fp.p);
    }
    toy_pow(F, &h, &t, F->q);
    ok = ok && toy_elt_eq(F, &h, &t);
    for (int i = 0; i <= TOY_MAX_K; i++)
        mpz_clears(a[i], b[i], NULL);
    mpz_clear(e);
    toy_elt_clear(&t);
    toy_elt_clear(&h);
    return ok;
}

zk_err toy_field_init(toy_field *F, uint64_t p, unsigned k, const uint64_t *m)
{
    if (k < 1 || k > TOY_MAX_K)
        return ZK_EINVAL;
    zk_err err = zp_field_init_u64(&F->fp, p);
    if (err)
        return err;
    F->k = k;
    for (unsigned i = 0; i < TOY_MAX_K; i++)
        mpz_init(F->m[i]);
    for (unsigned i = 0; i < k; i++)
        zp_set_u64(&F->fp, F->m[i], m ? m[i] : 0);
    mpz_init(F->q);
    mpz_pow_ui(F->q, F->fp.p, k);
    if (!is_irreducible(F)) {
        toy_field_clear(F);
        return ZK_EINVAL;
    }
    return ZK_OK;
}

void toy_field_clear(toy_field *F)
{
    for (unsigned i = 0; i < TOY_MAX_K; i++)
        mpz_clear(F->m[i]);
    mpz_clear(F->q);
    zp_field_clear(&F->fp);
}

/* ---- the curve ---------------------------------------------------------- */

void toy_point_init(toy_point *p)
{
    toy_elt_init(&p->x);
    toy_elt_init(&p->y);
    p->inf = true;
}

void toy_point_clear(toy_point *p)
{
    toy_elt_clear(&p->x);
    toy_elt_clear(&p->y);
}

void toy_point_set(const toy_curve *c, toy_point *r, const toy_point *p)
{
    toy_elt_set(&c->F, &r->x, &p->x);
    toy_elt_set(&c->F, &r->y, &p->y);
    r->inf = p->inf;
}

bool toy_point_eq(const toy_curve *c, const toy_point *p, const toy_point *q)
{
    if (p->inf || q->inf)
        return p->inf == q->inf;
    return toy_elt_eq(&c->F, &p->x, &q->x) && toy_elt_eq(&c->F, &p->y, &q->y);
}

/* x^3 + a x + b. */
static void rhs(const toy_curve *c, toy_elt *r, const toy_elt *x)
{
    toy_elt t;
    toy_elt_init(&t);
    toy_mul(&c->F, &t, x, x);
    zp_add(&c->F.fp, t.c[0], t.c[0], c->a);
    toy_mul(&c->F, &t, &t, x);
    zp_add(&c->F.fp, t.c[0], t.c[0], c->b);
    toy_elt_set(&c->F, r, &t);
    toy_elt_clear(&t);
}

bool toy_on_curve(const toy_curve *c, const toy_point *p)
{
    if (p->inf)
        return true;
    toy_elt l, r;
    toy_elt_init(&l);
    toy_elt_init(&r);
    toy_mul(&c->F, &l, &p->y, &p->y);
    rhs(c, &r, &p->x);
    bool ok = toy_elt_eq(&c->F, &l, &r);
    toy_elt_clear(&l);
    toy_elt_clear(&r);
    return ok;
}

void toy_point_neg(const toy_curve *c, toy_point *r, const toy_point *p)
{
    toy_elt_set(&c->F, &r->x, &p->x);
    toy_neg(&c->F, &r->y, &p->y);
    r->inf = p->inf;
}

/* The slope of the line through p and q (the tangent when p = q); false
 * when that line is vertical (q = -p, or a point of order 2 doubled). */
static bool slope(const toy_curve *c, toy_elt *l, const toy_point *p, const toy_point *q)
{
    const toy_field *F = &c->F;
    toy_elt num, den;
    toy_elt_init(&num);
    toy_elt_init(&den);
    bool ok = true;
    if (toy_elt_eq(F, &p->x, &q->x)) {
        toy_add(F, &den, &p->y, &q->y);
        if (toy_elt_is_zero(F, &den) || !toy_elt_eq(F, &p->y, &q->y)) {
            ok = false;
        } else {   /* (3x^2 + a)/(2y) */
            toy_mul(F, &num, &p->x, &p->x);
            toy_add(F, l, &num, &num);
            toy_add(F, &num, l, &num);
            zp_add(&F->fp, num.c[0], num.c[0], c->a);
        }
    } else {
        toy_sub(F, &num, &q->y, &p->y);
        toy_sub(F, &den, &q->x, &p->x);
    }
    if (ok) {
        toy_inv(F, &den, &den);
        toy_mul(F, l, &num, &den);
    }
    toy_elt_clear(&num);
    toy_elt_clear(&den);
    return ok;
}

void toy_point_add(const toy_curve *c, toy_point *r, const toy_point *p, const toy_point *q)
{
    if (p->inf || q->inf) {
        toy_point_set(c, r, p->inf ? q : p);
        return;
    }
    const toy_field *F = &c->F;
    toy_elt l, x3, t;
    toy_elt_init(&l);
    toy_elt_init(&x3);
    toy_elt_init(&t);
    if (!slope(c, &l, p, q)) {
        r->inf = true;
    } else {   /* x3 = λ^2 - xp - xq, y3 = λ(xp - x3) - yp */
        toy_mul(F, &x3, &l, &l);
        toy_sub(F, &x3, &x3, &p->x);
        toy_sub(F, &x3, &x3, &q->x);
        toy_sub(F, &t, &p->x, &x3);
        toy_mul(F, &t, &t, &l);
        toy_sub(F, &r->y, &t, &p->y);
        toy_elt_set(F, &r->x, &x3);
        r->inf = false;
    }
    toy_elt_clear(&l);
    toy_elt_clear(&x3);
    toy_elt_clear(&t);
}

void toy_point_mul(const toy_curve *c, toy_point *r, const toy_point *p, const mpz_t k)
{
    toy_point acc, base;
    toy_point_init(&acc);
    toy_point_init(&base);
    mpz_t e;
    mpz_init(e);
    mpz_abs(e, k);
    if (mpz_sgn(k) < 0)
        toy_point_neg(c, &base, p);
    else
        toy_point_set(c, &base, p);
    for (size_t i = mpz_sizeinbase(e, 2); i-- > 0;) {
        toy_point_add(c, &acc, &acc, &acc);
        if (mpz_tstbit(e, i))
            toy_point_add(c, &acc, &acc, &base);
    }
    toy_point_set(c, r, &acc);
    mpz_clear(e);
    toy_point_clear(&acc);
    toy_point_clear(&base);
}

void toy_point_mul_u64(const toy_curve *c, toy_point *r, const toy_point *p, uint64_t k)
{
    mpz_t e;
    mpz_init(e);
    mpz_import(e, 1, -1, sizeof k, 0, 0, &k);
    toy_point_mul(c, r, p, e);
    mpz_clear(e);
}

void toy_point_frobenius(const toy_curve *c, toy_point *r, const toy_point *p)
{
    toy_frobenius(&c->F, &r->x, &p->x);
    toy_frobenius(&c->F, &r->y, &p->y);
    r->inf = p->inf;
}

/* ---- the pairing -------------------------------------------------------- */

/* Whether p is a point of order exactly r (r prime: p != O and r·p = O). */
static bool order_r(const toy_curve *c, const toy_point *p)
{
    if (p->inf || !toy_on_curve(c, p))
        return false;
    toy_point t;
    toy_point_init(&t);
    toy_point_mul(c, &t, p, c->r);
    bool ok = t.inf;
    toy_point_clear(&t);
    return ok;
}

/* num·= l_{T,S}(Q) and den·= v_{T+S}(Q), then T = T + S: one step of
 * Miller's algorithm, l the line through T and S (the tangent when equal),
 * v the vertical line through their sum (1 when the sum is O). */
static void miller_step(const toy_curve *c, toy_elt *num, toy_elt *den, toy_point *T,
                        const toy_point *S, const toy_point *Q)
{
    const toy_field *F = &c->F;
    toy_elt l, t, u;
    toy_elt_init(&l);
    toy_elt_init(&t);
    toy_elt_init(&u);
    if (!slope(c, &l, T, S)) {
        toy_sub(F, &t, &Q->x, &T->x);   /* the vertical line x = x_T */
        toy_mul(F, num, num, &t);
        T->inf = true;
    } else {
        toy_sub(F, &t, &Q->x, &T->x);
        toy_mul(F, &t, &t, &l);
        toy_sub(F, &u, &Q->y, &T->y);
        toy_sub(F, &u, &u, &t);          /* y_Q - y_T - λ(x_Q - x_T) */
        toy_mul(F, num, num, &u);
        toy_point_add(c, T, T, S);
        toy_sub(F, &t, &Q->x, &T->x);
        toy_mul(F, den, den, &t);
    }
    toy_elt_clear(&l);
    toy_elt_clear(&t);
    toy_elt_clear(&u);
}

zk_err toy_pairing(const toy_curve *c, toy_elt *r, const toy_point *P, const toy_point *Q)
{
    const toy_field *F = &c->F;
    /* P must be F_p-rational and Q not, so no line or vertical through
     * multiples of P vanishes at Q. */
    if (!order_r(c, P) || !order_r(c, Q) || !toy_elt_in_base(F, &P->x) ||
        !toy_elt_in_base(F, &P->y) || toy_elt_in_base(F, &Q->x))
        return ZK_EINVAL;
    toy_elt num, den;
    toy_point T;
    toy_elt_init(&num);
    toy_elt_init(&den);
    toy_point_init(&T);
    toy_elt_set_u64(F, &num, 1);
    toy_elt_set_u64(F, &den, 1);
    toy_point_set(c, &T, P);
    for (size_t i = mpz_sizeinbase(c->r, 2) - 1; i-- > 0;) {
        toy_mul(F, &num, &num, &num);
        toy_mul(F, &den, &den, &den);
        toy_point S;
        toy_point_init(&S);
        toy_point_set(c, &S, &T);
        miller_step(c, &num, &den, &T, &S, Q);
        toy_point_clear(&S);
        if (mpz_tstbit(c->r, i))
            miller_step(c, &num, &den, &T, P, Q);
    }
    zk_err err = toy_inv(F, &den, &den);
    if (!err) {
        toy_mul(F, &num, &num, &den);
        mpz_t e;
        mpz_init(e);
        mpz_sub_ui(e, F->q, 1);
        mpz_divexact(e, e, c->r);
        toy_pow(F, r, &num, e);
        mpz_clear(e);
    }
    toy_elt_clear(&num);
    toy_elt_clear(&den);
    toy_point_clear(&T);
    return err;
}

/* ---- the named curves ---------------------------------------------------- */

/* #E(F_p) by counting: 1 + Σ_x (1 + Legendre(x^3 + a x + b)). */
static void count_base(toy_curve *c)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    mpz_set_ui(c->n1, 1);
    for (mpz_set_ui(x, 0); mpz_cmp(x, c->F.fp.p) < 0; mpz_add_ui(x, x, 1)) {
        zp_sqr(&c->F.fp, y, x);
        zp_add(&c->F.fp, y, y, c->a);
        zp_mul(&c->F.fp, y, y, x);
        zp_add(&c->F.fp, y, y, c->b);
        mpz_add_ui(c->n1, c->n1, (unsigned long)(1 + zp_legendre(&c->F.fp, y)));
    }
    mpz_clears(x, y, NULL);
}

/* #E(F_{p^k}) = p^k + 1 - s_k with s_0 = 2, s_1 = t = p + 1 - #E(F_p),
 * s_i = t s_{i-1} - p s_{i-2} (the Frobenius' eigenvalues' power sums). */
static void count_ext(toy_curve *c)
{
    mpz_t t, s0, s1, s2;
    mpz_inits(t, s0, s1, s2, NULL);
    mpz_add_ui(t, c->F.fp.p, 1);
    mpz_sub(t, t, c->n1);
    mpz_set_ui(s0, 2);
    mpz_set(s1, t);
    for (unsigned i = 2; i <= c->F.k; i++) {
        mpz_mul(s2, t, s1);
        mpz_submul(s2, c->F.fp.p, s0);
        mpz_set(s0, s1);
        mpz_set(s1, s2);
    }
    mpz_add_ui(c->nk, c->F.q, 1);
    mpz_sub(c->nk, c->nk, c->F.k == 1 ? t : s1);
    mpz_clears(t, s0, s1, s2, NULL);
}

/* The first point (by x = 0, 1, 2...) whose cofactor multiple has order r. */
static bool find_g1(toy_curve *c)
{
    mpz_t h;
    mpz_init(h);
    mpz_divexact(h, c->n1, c->r);
    toy_point p;
    toy_point_init(&p);
    bool found = false;
    for (uint64_t x = 0; !found && mpz_cmp_ui(c->F.fp.p, x) > 0; x++) {
        toy_elt_set_u64(&c->F, &p.x, x);
        rhs(c, &p.y, &p.x);
        if (toy_sqrt(&c->F, &p.y, &p.y) != ZK_OK)
            continue;
        p.inf = false;
        toy_point_mul(c, &c->g1, &p, h);
        found = order_r(c, &c->g1);
    }
    toy_point_clear(&p);
    mpz_clear(h);
    return found;
}

/* The first x = t + j, j = 0, 1, ... giving a point whose r-part, projected
 * to the trace-zero subgroup (k·R - Tr(R), Tr the sum of the Frobenius
 * images), is a point of order r off the prime field. */
static bool find_g2(toy_curve *c)
{
    const toy_field *F = &c->F;
    mpz_t h;
    mpz_init(h);
    mpz_set(h, c->nk);
    while (mpz_divisible_p(h, c->r))
        mpz_divexact(h, h, c->r);
    toy_point p, R, tr, f;
    toy_point_init(&p);
    toy_point_init(&R);
    toy_point_init(&tr);
    toy_point_init(&f);
    bool found = false;
    for (uint64_t j = 0; !found && j < 1000; j++) {
        toy_elt_set_monomial(F, &p.x, 1, 1);
        zp_set_u64(&F->fp, p.x.c[0], j);
        rhs(c, &p.y, &p.x);
        if (toy_sqrt(F, &p.y, &p.y) != ZK_OK)
            continue;
        p.inf = false;
        toy_point_mul(c, &R, &p, h);
        /* R now has order a power of r: step down to order exactly r. */
        while (!R.inf) {
            toy_point_mul(c, &f, &R, c->r);
            if (f.inf)
                break;
            toy_point_set(c, &R, &f);
        }
        if (R.inf)
            continue;
        toy_point_set(c, &tr, &R);
        toy_point_set(c, &f, &R);
        for (unsigned i = 1; i < F->k; i++) {
            toy_point_frobenius(c, &f, &f);
            toy_point_add(c, &tr, &tr, &f);
        }
        toy_point_mul_u64(c, &c->g2, &R, F->k);
        toy_point_neg(c, &tr, &tr);
        toy_point_add(c, &c->g2, &c->g2, &tr);
        found = order_r(c, &c->g2) && !toy_elt_in_base(F, &c->g2.x);
    }
    toy_point_clear(&p);
    toy_point_clear(&R);
    toy_point_clear(&tr);
    toy_point_clear(&f);
    mpz_clear(h);
    return found;
}

zk_err toy_curve_init(toy_curve *c, const char *name)
{
    static const uint64_t m_tjj[4] = {2, 0, 0, 0};            /* t^4 + 2 */
    static const uint64_t m_bls[6] = {6, 0, 0, 0, 0, 0};      /* t^6 + 6 */
    uint64_t p, a, b, r;
    unsigned k;
    const uint64_t *m;
    if (strcmp(name, "tjj13") == 0) {
        p = 13, a = 8, b = 8, r = 5, k = 4, m = m_tjj;
        c->name = "tjj13";
    } else if (strcmp(name, "bls6_6") == 0) {
        p = 43, a = 0, b = 6, r = 13, k = 6, m = m_bls;
        c->name = "bls6_6";
    } else {
        return ZK_EINVAL;
    }
    zk_err err = toy_field_init(&c->F, p, k, m);
    if (err)
        return err;
    mpz_inits(c->a, c->b, c->r, c->n1, c->nk, NULL);
    mpz_set_ui(c->a, a);
    mpz_set_ui(c->b, b);
    mpz_set_ui(c->r, r);
    toy_point_init(&c->g1);
    toy_point_init(&c->g2);
    count_base(c);
    count_ext(c);
    if (strcmp(name, "bls6_6") == 0) {
        /* The MoonMath manual's generators: (13, 15) and (7t^2, 16t^3). */
        toy_elt_set_u64(&c->F, &c->g1.x, 13);
        toy_elt_set_u64(&c->F, &c->g1.y, 15);
        c->g1.inf = false;
        toy_elt_set_monomial(&c->F, &c->g2.x, 7, 2);
        toy_elt_set_monomial(&c->F, &c->g2.y, 16, 3);
        c->g2.inf = false;
        if (!order_r(c, &c->g1) || !order_r(c, &c->g2))
            err = ZK_EINVAL;
    } else if (!find_g1(c) || !find_g2(c)) {
        err = ZK_EINVAL;
    }
    if (err)
        toy_curve_clear(c);
    return err;
}

void toy_curve_clear(toy_curve *c)
{
    toy_point_clear(&c->g1);
    toy_point_clear(&c->g2);
    mpz_clears(c->a, c->b, c->r, c->n1, c->nk, NULL);
    toy_field_clear(&c->F);
}
