/* KZG on the toy pairing curves: the scheme of kzg.h with numbers small
 * enough to check by hand. Scalars are mod r (5 or 13), points print as
 * (x, y) over F_p or F_{p^k}. */
#include "snark/kzg.h"

#include <string.h>

#include "core/alloc.h"
#include "poly/zp_poly.h"

zk_err kzg_toy_pair(const toy_curve *c, toy_elt *r, const toy_point *p, const toy_point *q)
{
    if (p->inf || q->inf) {
        toy_elt_set_u64(&c->F, r, 1);
        return ZK_OK;
    }
    return toy_pairing(c, r, p, q);
}

zk_err kzg_toy_dlog(const toy_curve *c, mpz_t k, const toy_point *p, const toy_point *b)
{
    toy_point t;
    toy_point_init(&t);
    t.inf = true;
    zk_err err = ZK_EINVAL;
    unsigned long r = mpz_get_ui(c->r);
    for (unsigned long i = 0; i < r; i++) {
        if (toy_point_eq(c, &t, p)) {
            mpz_set_ui(k, i);
            err = ZK_OK;
            break;
        }
        toy_point_add(c, &t, &t, b);
    }
    toy_point_clear(&t);
    return err;
}

toy_point *kzg_toy_points_new(size_t n)
{
    toy_point *p = zk_alloc(n ? n : 1, sizeof *p);
    if (p)
        for (size_t i = 0; i < n; i++)
            toy_point_init(&p[i]);
    return p;
}

void kzg_toy_points_free(toy_point *p, size_t n)
{
    if (!p)
        return;
    for (size_t i = 0; i < n; i++)
        toy_point_clear(&p[i]);
    zk_free(p);
}

void kzg_toy_srs_free(kzg_toy_srs *srs)
{
    kzg_toy_points_free(srs->g1, srs->n1);
    kzg_toy_points_free(srs->g2, srs->n2);
    if (srs->c)
        zp_field_clear(&srs->fr);
    memset(srs, 0, sizeof *srs);
}

/* An empty SRS of the given sizes with its scalar field. */
static zk_err srs_alloc(kzg_toy_srs *srs, const toy_curve *c, size_t n1, size_t n2)
{
    memset(srs, 0, sizeof *srs);
    if (n1 == 0 || n2 < 2)
        return ZK_EINVAL;
    zk_err err = zp_field_init_u64(&srs->fr, mpz_get_ui(c->r));
    if (err)
        return err;
    srs->c = c;
    srs->n1 = n1;
    srs->n2 = n2;
    srs->g1 = kzg_toy_points_new(n1);
    srs->g2 = kzg_toy_points_new(n2);
    if (!srs->g1 || !srs->g2) {
        kzg_toy_srs_free(srs);
        return ZK_ENOMEM;
    }
    return ZK_OK;
}

zk_err kzg_toy_setup(kzg_toy_srs *srs, const toy_curve *c, const mpz_t tau, size_t n1, size_t n2)
{
    zk_err err = srs_alloc(srs, c, n1, n2);
    if (err)
        return err;
    mpz_t t, pw;
    mpz_inits(t, pw, NULL);
    zp_reduce(&srs->fr, t, tau);
    mpz_set_ui(pw, 1);
    for (size_t i = 0; i < n1 || i < n2; i++) {
        if (i < n1)
            toy_point_mul(c, &srs->g1[i], &c->g1, pw);
        if (i < n2)
            toy_point_mul(c, &srs->g2[i], &c->g2, pw);
        zp_mul(&srs->fr, pw, pw, t);
    }
    mpz_clears(t, pw, NULL);
    return ZK_OK;
}

zk_err kzg_toy_srs_copy(kzg_toy_srs *dst, const kzg_toy_srs *src)
{
    zk_err err = srs_alloc(dst, src->c, src->n1, src->n2);
    if (err)
        return err;
    for (size_t i = 0; i < src->n1; i++)
        toy_point_set(src->c, &dst->g1[i], &src->g1[i]);
    for (size_t i = 0; i < src->n2; i++)
        toy_point_set(src->c, &dst->g2[i], &src->g2[i]);
    return ZK_OK;
}

zk_err kzg_toy_commit(const kzg_toy_srs *srs, toy_point *c, mpz_t *p, size_t len)
{
    if (len > srs->n1)
        return ZK_EINVAL;
    toy_point t;
    toy_point_init(&t);
    c->inf = true;
    for (size_t i = 0; i < len; i++) {
        toy_point_mul(srs->c, &t, &srs->g1[i], p[i]);
        toy_point_add(srs->c, c, c, &t);
    }
    toy_point_clear(&t);
    return ZK_OK;
}

zk_err kzg_toy_open(const kzg_toy_srs *srs, toy_point *proof, mpz_t y, mpz_t *p, size_t len,
                    const mpz_t z)
{
    if (len == 0 || len > srs->n1)
        return ZK_EINVAL;
    mpz_t *q = zp_poly_new(len), *pr = zp_poly_new(len);
    mpz_t zr;
    mpz_init(zr);
    zk_err err = q && pr ? ZK_OK : ZK_ENOMEM;
    if (!err) {
        for (size_t i = 0; i < len; i++)
            zp_reduce(&srs->fr, pr[i], p[i]);
        zp_reduce(&srs->fr, zr, z);
        zp_poly_div_linear(&srs->fr, q, y, pr, len, zr);
        err = kzg_toy_commit(srs, proof, q, len - 1);
    }
    mpz_clear(zr);
    zp_poly_free(q, len);
    zp_poly_free(pr, len);
    return err;
}

void kzg_toy_check_init(kzg_toy_check *chk)
{
    toy_elt_init(&chk->lhs);
    toy_elt_init(&chk->rhs);
    chk->ok = false;
}

void kzg_toy_check_clear(kzg_toy_check *chk)
{
    toy_elt_clear(&chk->lhs);
    toy_elt_clear(&chk->rhs);
}

zk_err kzg_toy_verify(const kzg_toy_srs *srs, kzg_toy_check *chk, const toy_point *c,
                      const mpz_t z, const mpz_t y, const toy_point *proof)
{
    const toy_curve *cv = srs->c;
    toy_point l, r, t;
    toy_point_init(&l);
    toy_point_init(&r);
    toy_point_init(&t);
    /* C - [y]_1 and [τ]_2 - [z]_2 */
    toy_point_mul(cv, &t, &cv->g1, y);
    toy_point_neg(cv, &t, &t);
    toy_point_add(cv, &l, c, &t);
    toy_point_mul(cv, &t, &cv->g2, z);
    toy_point_neg(cv, &t, &t);
    toy_point_add(cv, &r, &srs->g2[1], &t);
    zk_err err = kzg_toy_pair(cv, &chk->lhs, &l, &cv->g2);
    if (!err)
        err = kzg_toy_pair(cv, &chk->rhs, proof, &r);
    chk->ok = !err && toy_elt_eq(&cv->F, &chk->lhs, &chk->rhs);
    toy_point_clear(&l);
    toy_point_clear(&r);
    toy_point_clear(&t);
    return err;
}

zk_err kzg_toy_open_batch(const kzg_toy_srs *srs, toy_point *proof, mpz_t *ys,
                          mpz_t *const *polys, const size_t *lens, size_t k, const mpz_t z,
                          const mpz_t gamma)
{
    size_t maxlen = 0;
    for (size_t i = 0; i < k; i++)
        maxlen = lens[i] > maxlen ? lens[i] : maxlen;
    if (k == 0 || maxlen == 0 || maxlen > srs->n1)
        return ZK_EINVAL;
    mpz_t *p = zp_poly_new(maxlen);
    if (!p)
        return ZK_ENOMEM;
    mpz_t g, y;
    mpz_inits(g, y, NULL);
    mpz_set_ui(g, 1);
    for (size_t i = 0; i < k; i++) {
        zp_poly_eval(&srs->fr, ys[i], polys[i], lens[i], z);
        zp_poly_add_scaled(&srs->fr, p, p, maxlen, polys[i], lens[i], g);
        zp_mul(&srs->fr, g, g, gamma);
    }
    zk_err err = kzg_toy_open(srs, proof, y, p, maxlen, z);
    mpz_clears(g, y, NULL);
    zp_poly_free(p, maxlen);
    return err;
}

zk_err kzg_toy_verify_batch(const kzg_toy_srs *srs, kzg_toy_check *chk, const toy_point *cs,
                            mpz_t *ys, size_t k, const mpz_t z, const mpz_t gamma,
                            const toy_point *proof)
{
    if (k == 0)
        return ZK_EINVAL;
    toy_point c, t;
    toy_point_init(&c);
    toy_point_init(&t);
    c.inf = true;
    mpz_t g, y, s;
    mpz_inits(g, y, s, NULL);
    mpz_set_ui(g, 1);
    for (size_t i = 0; i < k; i++) {
        toy_point_mul(srs->c, &t, &cs[i], g);
        toy_point_add(srs->c, &c, &c, &t);
        zp_mul(&srs->fr, s, ys[i], g);
        zp_add(&srs->fr, y, y, s);
        zp_mul(&srs->fr, g, g, gamma);
    }
    zk_err err = kzg_toy_verify(srs, chk, &c, z, y, proof);
    mpz_clears(g, y, s, NULL);
    toy_point_clear(&c);
    toy_point_clear(&t);
    return err;
}

zk_err kzg_toy_contribute(kzg_toy_srs *srs, toy_point *pub, const mpz_t s)
{
    mpz_t sr, pw;
    mpz_inits(sr, pw, NULL);
    zp_reduce(&srs->fr, sr, s);
    zk_err err = mpz_sgn(sr) ? ZK_OK : ZK_EINVAL;
    if (!err) {
        mpz_set_ui(pw, 1);
        for (size_t i = 0; i < srs->n1 || i < srs->n2; i++) {
            if (i < srs->n1)
                toy_point_mul(srs->c, &srs->g1[i], &srs->g1[i], pw);
            if (i < srs->n2)
                toy_point_mul(srs->c, &srs->g2[i], &srs->g2[i], pw);
            zp_mul(&srs->fr, pw, pw, sr);
        }
        toy_point_mul(srs->c, pub, &srs->c->g2, sr);
    }
    mpz_clears(sr, pw, NULL);
    return err;
}

/* e(a1, a2) = e(b1, b2). */
static zk_err same_pairing(bool *ok, const toy_curve *c, const toy_point *a1, const toy_point *a2,
                           const toy_point *b1, const toy_point *b2)
{
    toy_elt x, y;
    toy_elt_init(&x);
    toy_elt_init(&y);
    zk_err err = kzg_toy_pair(c, &x, a1, a2);
    if (!err)
        err = kzg_toy_pair(c, &y, b1, b2);
    *ok = !err && toy_elt_eq(&c->F, &x, &y);
    toy_elt_clear(&x);
    toy_elt_clear(&y);
    return err;
}

zk_err kzg_toy_check_powers(bool *ok, const kzg_toy_srs *srs)
{
    const toy_curve *c = srs->c;
    *ok = toy_point_eq(c, &srs->g1[0], &c->g1) && toy_point_eq(c, &srs->g2[0], &c->g2);
    zk_err err = ZK_OK;
    for (size_t i = 0; !err && *ok && i + 1 < srs->n1; i++)
        err = same_pairing(ok, c, &srs->g1[i + 1], &c->g2, &srs->g1[i], &srs->g2[1]);
    for (size_t i = 0; !err && *ok && i + 1 < srs->n2; i++)
        err = same_pairing(ok, c, &c->g1, &srs->g2[i + 1], &srs->g1[1], &srs->g2[i]);
    /* A pairing error means a point outside the groups: not a valid SRS. */
    if (err == ZK_EINVAL) {
        *ok = false;
        err = ZK_OK;
    }
    return err;
}

zk_err kzg_toy_check_update(bool *ok, const kzg_toy_srs *old_srs, const kzg_toy_srs *new_srs,
                            const toy_point *pub)
{
    *ok = false;
    if (old_srs->n1 < 2 || new_srs->n1 < 2)
        return ZK_EINVAL;
    const toy_curve *c = new_srs->c;
    zk_err err = same_pairing(ok, c, &new_srs->g1[1], &c->g2, &old_srs->g1[1], pub);
    /* s = 0 would reset τ to 0, which the ceremony must refuse. */
    *ok = *ok && !pub->inf;
    if (err == ZK_EINVAL) {
        *ok = false;
        err = ZK_OK;
    }
    return err;
}
