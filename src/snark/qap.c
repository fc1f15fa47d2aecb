/* The exact QAP over a GMP prime field: see qap.h. */
#include "snark/qap.h"

#include <string.h>

#include "core/alloc.h"
#include "poly/zp_poly.h"

/* An Fr value as the integer in (-r/2, r/2] congruent to it, reduced into
 * F_p: small signed constants keep their meaning in any field. */
static void fr_to_signed_zp(const zp_field *f, mpz_t r, const fr_t *v)
{
    uint64_t limbs[4];
    fr_to_int(limbs, v);
    mpz_t x, rr, half;
    mpz_inits(x, rr, half, NULL);
    mpz_import(x, 4, -1, sizeof limbs[0], 0, 0, limbs);
    mpz_import(rr, 4, -1, sizeof limbs[0], 0, 0, fr_params.p);
    mpz_fdiv_q_2exp(half, rr, 1);
    if (mpz_cmp(x, half) > 0)
        mpz_sub(x, x, rr);
    zp_reduce(f, r, x);
    mpz_clears(x, rr, half, NULL);
}

void qap_witness_from_fr(const qap *q, mpz_t *w, const fr_t *wf)
{
    for (size_t j = 0; j < q->n; j++)
        fr_to_signed_zp(&q->f, w[j], &wf[j]);
}

void qap_free(qap *q)
{
    zp_poly_free(q->xs, q->m);
    zp_poly_free(q->a, q->m * q->n);
    zp_poly_free(q->b, q->m * q->n);
    zp_poly_free(q->c, q->m * q->n);
    zp_poly_free(q->t, q->m + 1);
    zp_field_clear(&q->f);
    memset(q, 0, sizeof *q);
}

/* Interpolates every column of one side: the values of column j at the m
 * points are its entries in the m rows. */
static zk_err interpolate_side(qap *q, const r1cs *s, int side, mpz_t *out)
{
    size_t m = q->m, n = q->n;
    mpz_t *vals = zp_poly_new(m * n);
    if (!vals)
        return ZK_ENOMEM;
    for (size_t i = 0; i < m; i++) {
        uint32_t nt;
        const r1cs_term *t = r1cs_side(s, i, side, &nt);
        for (uint32_t k = 0; k < nt; k++) {
            mpz_t v;
            mpz_init(v);
            fr_to_signed_zp(&q->f, v, &s->coefs[t[k].coef]);
            zp_add(&q->f, vals[(size_t)t[k].wire * m + i], vals[(size_t)t[k].wire * m + i], v);
            mpz_clear(v);
        }
    }
    zk_err err = ZK_OK;
    for (size_t j = 0; !err && j < n; j++)
        err = zp_poly_interpolate(&q->f, out + j * m, q->xs, vals + j * m, m);
    zp_poly_free(vals, m * n);
    return err;
}

zk_err qap_init(qap *q, const r1cs *s, const mpz_t p, mpz_t *xs)
{
    memset(q, 0, sizeof *q);
    if (s->n_rows == 0 || s->n_wires == 0)
        return ZK_EINVAL;
    size_t len = mpz_sizeinbase(p, 10) + 2;
    char *text = zk_alloc(len, 1);
    if (!text)
        return ZK_ENOMEM;
    gmp_snprintf(text, len, "%Zd", p);
    zk_err err = zp_field_init(&q->f, text);
    zk_free(text);
    if (err)
        return err;
    q->m = s->n_rows;
    q->n = s->n_wires;
    if (!xs && mpz_cmp_ui(p, q->m) <= 0) {
        zp_field_clear(&q->f);
        memset(q, 0, sizeof *q);
        return ZK_EINVAL;
    }
    q->xs = zp_poly_new(q->m);
    q->a = zp_poly_new(q->m * q->n);
    q->b = zp_poly_new(q->m * q->n);
    q->c = zp_poly_new(q->m * q->n);
    q->t = zp_poly_new(q->m + 1);
    if (!q->xs || !q->a || !q->b || !q->c || !q->t) {
        qap_free(q);
        return ZK_ENOMEM;
    }
    for (size_t i = 0; i < q->m; i++) {
        if (xs)
            zp_reduce(&q->f, q->xs[i], xs[i]);
        else
            mpz_set_ui(q->xs[i], i + 1);
    }
    err = interpolate_side(q, s, 0, q->a);
    if (!err)
        err = interpolate_side(q, s, 1, q->b);
    if (!err)
        err = interpolate_side(q, s, 2, q->c);
    if (!err)
        zp_poly_from_roots(&q->f, q->t, q->xs, q->m);
    if (err)
        qap_free(q);
    return err;
}

/* out (m coefficients) = Σ_j w_j·col_j. */
static void combine(const qap *q, mpz_t *out, mpz_t *cols, mpz_t *w)
{
    for (size_t k = 0; k < q->m; k++)
        mpz_set_ui(out[k], 0);
    for (size_t j = 0; j < q->n; j++)
        if (mpz_sgn(w[j]))
            zp_poly_add_scaled(&q->f, out, out, q->m, cols + j * q->m, q->m, w[j]);
}

void qap_sol_free(qap_sol *sol)
{
    size_t m = sol->m;
    zp_poly_free(sol->a, m);
    zp_poly_free(sol->b, m);
    zp_poly_free(sol->c, m);
    zp_poly_free(sol->p, 2 * m - 1);
    zp_poly_free(sol->h, m - 1);
    zp_poly_free(sol->rem, m);
    memset(sol, 0, sizeof *sol);
}

zk_err qap_solve(qap_sol *sol, const qap *q, mpz_t *w)
{
    memset(sol, 0, sizeof *sol);
    size_t m = q->m;
    sol->m = m;
    sol->a = zp_poly_new(m);
    sol->b = zp_poly_new(m);
    sol->c = zp_poly_new(m);
    sol->p = zp_poly_new(2 * m - 1);
    sol->h = zp_poly_new(m - 1);
    sol->rem = zp_poly_new(m);
    if (!sol->a || !sol->b || !sol->c || !sol->p || (m > 1 && !sol->h) || !sol->rem) {
        qap_sol_free(sol);
        return ZK_ENOMEM;
    }
    combine(q, sol->a, q->a, w);
    combine(q, sol->b, q->b, w);
    combine(q, sol->c, q->c, w);
    zp_poly_mul(&q->f, sol->p, sol->a, m, sol->b, m);
    mpz_t minus_one;
    mpz_init(minus_one);
    mpz_sub_ui(minus_one, q->f.p, 1);
    zp_poly_add_scaled(&q->f, sol->p, sol->p, 2 * m - 1, sol->c, m, minus_one);
    mpz_clear(minus_one);
    /* P has 2m - 1 coefficients and t has m + 1, so h has m - 1 and the
     * remainder m; for m = 1 the quotient is empty and P is its own
     * remainder. */
    zk_err err = ZK_OK;
    if (m > 1) {
        err = zp_poly_divmod(&q->f, sol->h, sol->rem, sol->p, 2 * m - 1, q->t, m + 1, &sol->exact);
    } else {
        mpz_set(sol->rem[0], sol->p[0]);
        sol->exact = mpz_sgn(sol->p[0]) == 0;
    }
    if (err)
        qap_sol_free(sol);
    return err;
}

void qap_point_init(qap_point *pt)
{
    mpz_inits(pt->s, pt->a, pt->b, pt->c, pt->h, pt->t, pt->lhs, pt->rhs, NULL);
}

void qap_point_clear(qap_point *pt)
{
    mpz_clears(pt->s, pt->a, pt->b, pt->c, pt->h, pt->t, pt->lhs, pt->rhs, NULL);
}

bool qap_check_at(qap_point *pt, const qap *q, const qap_sol *sol, const mpz_t s)
{
    const zp_field *f = &q->f;
    zp_reduce(f, pt->s, s);
    zp_poly_eval(f, pt->a, sol->a, q->m, pt->s);
    zp_poly_eval(f, pt->b, sol->b, q->m, pt->s);
    zp_poly_eval(f, pt->c, sol->c, q->m, pt->s);
    zp_poly_eval(f, pt->h, sol->h, q->m - 1, pt->s);
    zp_poly_eval(f, pt->t, q->t, q->m + 1, pt->s);
    zp_mul(f, pt->lhs, pt->a, pt->b);
    zp_sub(f, pt->lhs, pt->lhs, pt->c);
    zp_mul(f, pt->rhs, pt->h, pt->t);
    return mpz_cmp(pt->lhs, pt->rhs) == 0;
}

void qap_columns_at(const qap *q, mpz_t *u, mpz_t *v, mpz_t *w, mpz_t tx, const mpz_t x)
{
    for (size_t j = 0; j < q->n; j++) {
        zp_poly_eval(&q->f, u[j], q->a + j * q->m, q->m, x);
        zp_poly_eval(&q->f, v[j], q->b + j * q->m, q->m, x);
        zp_poly_eval(&q->f, w[j], q->c + j * q->m, q->m, x);
    }
    zp_poly_eval(&q->f, tx, q->t, q->m + 1, x);
}
