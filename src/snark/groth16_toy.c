/* Groth16 on a toy curve: see groth16_toy.h. */
#include "snark/groth16_toy.h"

#include <string.h>

#include "core/alloc.h"
#include "poly/zp_poly.h"
#include "snark/kzg.h"

void groth16_toy_toxic_init(groth16_toy_toxic *tw)
{
    mpz_inits(tw->tau, tw->alpha, tw->beta, tw->gamma, tw->delta, NULL);
}

void groth16_toy_toxic_clear(groth16_toy_toxic *tw)
{
    mpz_clears(tw->tau, tw->alpha, tw->beta, tw->gamma, tw->delta, NULL);
}

void groth16_toy_key_free(groth16_toy_key *key)
{
    if (!key->c)
        return;
    kzg_toy_points_free(key->a1, key->n);
    kzg_toy_points_free(key->b1, key->n);
    kzg_toy_points_free(key->b2, key->n);
    kzg_toy_points_free(key->k1, key->n);
    kzg_toy_points_free(key->ic, key->n);
    kzg_toy_points_free(key->h1, key->m ? key->m - 1 : 0);
    toy_point *fixed[] = {&key->alpha1, &key->beta1, &key->delta1, &key->beta2, &key->gamma2,
                          &key->delta2};
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        toy_point_clear(fixed[i]);
    toy_elt_clear(&key->alpha_beta);
    zk_free(key->pub);
    memset(key, 0, sizeof *key);
}

zk_err groth16_toy_setup(groth16_toy_key *key, const toy_curve *c, const qap *q, const bool *pub,
                         const groth16_toy_toxic *tw)
{
    memset(key, 0, sizeof *key);
    const zp_field *f = &q->f;
    if (mpz_cmp(f->p, c->r) != 0 || !pub[0])
        return ZK_EINVAL;
    size_t n = q->n, m = q->m;
    mpz_t *u = zp_poly_new(n), *v = zp_poly_new(n), *w = zp_poly_new(n);
    mpz_t tt, gi, di, k, pw, tau, alpha, beta;
    mpz_inits(tt, gi, di, k, pw, tau, alpha, beta, NULL);
    zp_reduce(f, tau, tw->tau);
    zp_reduce(f, alpha, tw->alpha);
    zp_reduce(f, beta, tw->beta);
    zp_reduce(f, gi, tw->gamma);
    zp_reduce(f, di, tw->delta);
    zk_err err = u && v && w ? ZK_OK : ZK_ENOMEM;
    if (!err) {
        qap_columns_at(q, u, v, w, tt, tau);
        if (!mpz_sgn(tt) || zp_inv(f, gi, gi) || zp_inv(f, di, di))
            err = ZK_EINVAL;
    }
    if (!err) {
        key->c = c;
        key->n = n;
        key->m = m;
        key->pub = zk_alloc(n, sizeof *key->pub);
        key->a1 = kzg_toy_points_new(n);
        key->b1 = kzg_toy_points_new(n);
        key->b2 = kzg_toy_points_new(n);
        key->k1 = kzg_toy_points_new(n);
        key->ic = kzg_toy_points_new(n);
        key->h1 = kzg_toy_points_new(m - 1);
        toy_point *fixed[] = {&key->alpha1, &key->beta1, &key->delta1, &key->beta2,
                              &key->gamma2, &key->delta2};
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
            toy_point_init(fixed[i]);
        toy_elt_init(&key->alpha_beta);
        if (!key->pub || !key->a1 || !key->b1 || !key->b2 || !key->k1 || !key->ic || !key->h1)
            err = ZK_ENOMEM;
    }
    if (!err) {
        memcpy(key->pub, pub, n * sizeof *pub);
        for (size_t j = 1; j < n; j++)
            key->n_pub += pub[j];
        toy_point_mul(c, &key->alpha1, &c->g1, alpha);
        toy_point_mul(c, &key->beta1, &c->g1, beta);
        toy_point_mul(c, &key->delta1, &c->g1, tw->delta);
        toy_point_mul(c, &key->beta2, &c->g2, beta);
        toy_point_mul(c, &key->gamma2, &c->g2, tw->gamma);
        toy_point_mul(c, &key->delta2, &c->g2, tw->delta);
        for (size_t j = 0; j < n; j++) {
            toy_point_mul(c, &key->a1[j], &c->g1, u[j]);
            toy_point_mul(c, &key->b1[j], &c->g1, v[j]);
            toy_point_mul(c, &key->b2[j], &c->g2, v[j]);
            /* K_j = β·A_j(τ) + α·B_j(τ) + C_j(τ), over γ or δ. */
            zp_mul(f, k, beta, u[j]);
            zp_mul(f, pw, alpha, v[j]);
            zp_add(f, k, k, pw);
            zp_add(f, k, k, w[j]);
            zp_mul(f, k, k, pub[j] ? gi : di);
            toy_point_mul(c, pub[j] ? &key->ic[j] : &key->k1[j], &c->g1, k);
            (pub[j] ? &key->k1[j] : &key->ic[j])->inf = true;
        }
        /* [τ^i·t(τ)/δ]_1 */
        zp_mul(f, k, tt, di);
        for (size_t i = 0; i + 1 < m; i++) {
            toy_point_mul(c, &key->h1[i], &c->g1, k);
            zp_mul(f, k, k, tau);
        }
        err = kzg_toy_pair(c, &key->alpha_beta, &key->alpha1, &key->beta2);
    }
    zp_poly_free(u, n);
    zp_poly_free(v, n);
    zp_poly_free(w, n);
    mpz_clears(tt, gi, di, k, pw, tau, alpha, beta, NULL);
    if (err)
        groth16_toy_key_free(key);
    return err;
}

void groth16_toy_proof_init(groth16_toy_proof *pr)
{
    toy_point_init(&pr->a);
    toy_point_init(&pr->b);
    toy_point_init(&pr->c);
}

void groth16_toy_proof_clear(groth16_toy_proof *pr)
{
    toy_point_clear(&pr->a);
    toy_point_clear(&pr->b);
    toy_point_clear(&pr->c);
}

/* acc += k·P */
static void add_mul(const toy_curve *c, toy_point *acc, const toy_point *p, const mpz_t k,
                    toy_point *tmp)
{
    toy_point_mul(c, tmp, p, k);
    toy_point_add(c, acc, acc, tmp);
}

/* The prover's arithmetic with h given as coefficients: shared by the honest
 * prover and the τ forgery (which passes a constant h). */
static void assemble(groth16_toy_proof *pr, const groth16_toy_key *key, mpz_t *w,
                     mpz_t *h, size_t hlen, const mpz_t r, const mpz_t s)
{
    const toy_curve *c = key->c;
    toy_point b1, t;
    toy_point_init(&b1);
    toy_point_init(&t);
    /* A = α + Σ w_j A_j(τ) + r·δ, B likewise in both groups */
    toy_point_set(c, &pr->a, &key->alpha1);
    toy_point_set(c, &pr->b, &key->beta2);
    toy_point_set(c, &b1, &key->beta1);
    for (size_t j = 0; j < key->n; j++) {
        add_mul(c, &pr->a, &key->a1[j], w[j], &t);
        add_mul(c, &pr->b, &key->b2[j], w[j], &t);
        add_mul(c, &b1, &key->b1[j], w[j], &t);
    }
    add_mul(c, &pr->a, &key->delta1, r, &t);
    add_mul(c, &pr->b, &key->delta2, s, &t);
    add_mul(c, &b1, &key->delta1, s, &t);
    /* C = Σ_private w_j K_j/δ + h(τ)t(τ)/δ + s·A + r·B - r·s·δ */
    pr->c.inf = true;
    for (size_t j = 0; j < key->n; j++)
        if (!key->pub[j])
            add_mul(c, &pr->c, &key->k1[j], w[j], &t);
    for (size_t i = 0; i < hlen; i++)
        add_mul(c, &pr->c, &key->h1[i], h[i], &t);
    add_mul(c, &pr->c, &pr->a, s, &t);
    add_mul(c, &pr->c, &b1, r, &t);
    mpz_t rs;
    mpz_init(rs);
    mpz_mul(rs, r, s);
    mpz_neg(rs, rs);
    mpz_mod(rs, rs, c->r);
    add_mul(c, &pr->c, &key->delta1, rs, &t);
    mpz_clear(rs);
    toy_point_clear(&b1);
    toy_point_clear(&t);
}

zk_err groth16_toy_prove(groth16_toy_proof *pr, const groth16_toy_key *key, const qap *q,
                         mpz_t *w, const mpz_t r, const mpz_t s, bool *satisfied)
{
    if (q->n != key->n || q->m != key->m)
        return ZK_EINVAL;
    qap_sol sol;
    zk_err err = qap_solve(&sol, q, w);
    if (err)
        return err;
    if (satisfied)
        *satisfied = sol.exact;
    assemble(pr, key, w, sol.h, key->m - 1, r, s);
    qap_sol_free(&sol);
    return ZK_OK;
}

void groth16_toy_check_init(groth16_toy_check *chk)
{
    toy_point_init(&chk->ic);
    toy_elt *e[] = {&chk->lhs, &chk->ab, &chk->icg, &chk->cd, &chk->rhs};
    for (size_t i = 0; i < 5; i++)
        toy_elt_init(e[i]);
    chk->ok = false;
}

void groth16_toy_check_clear(groth16_toy_check *chk)
{
    toy_point_clear(&chk->ic);
    toy_elt *e[] = {&chk->lhs, &chk->ab, &chk->icg, &chk->cd, &chk->rhs};
    for (size_t i = 0; i < 5; i++)
        toy_elt_clear(e[i]);
}

/* IC = [K_0/γ]_1 + Σ public w_j·[K_j/γ]_1 */
static void public_sum(toy_point *ic, const groth16_toy_key *key, mpz_t *pub_values)
{
    toy_point t;
    toy_point_init(&t);
    toy_point_set(key->c, ic, &key->ic[0]);
    size_t k = 0;
    for (size_t j = 1; j < key->n; j++)
        if (key->pub[j])
            add_mul(key->c, ic, &key->ic[j], pub_values[k++], &t);
    toy_point_clear(&t);
}

groth16_weakness groth16_toy_key_weakness(const groth16_toy_key *key)
{
    const toy_curve *c = key->c;
    return groth16_weakness_of(toy_point_eq(c, &key->alpha1, &c->g1),
                               toy_point_eq(c, &key->beta2, &c->g2),
                               toy_point_eq(c, &key->beta2, &key->gamma2),
                               toy_point_eq(c, &key->delta2, &key->gamma2));
}

zk_err groth16_toy_verify(groth16_toy_check *chk, const groth16_toy_key *key,
                          mpz_t *pub_values, const groth16_toy_proof *pr, bool insecure)
{
    const toy_curve *c = key->c;
    chk->ok = false;
    if (!insecure && groth16_toy_key_weakness(key) != GROTH16_SOUND)
        return ZK_EFORGEABLE;
    public_sum(&chk->ic, key, pub_values);
    toy_elt_set(&c->F, &chk->ab, &key->alpha_beta);
    zk_err err = kzg_toy_pair(c, &chk->lhs, &pr->a, &pr->b);
    if (!err)
        err = kzg_toy_pair(c, &chk->icg, &chk->ic, &key->gamma2);
    if (!err)
        err = kzg_toy_pair(c, &chk->cd, &pr->c, &key->delta2);
    if (err)
        return err;
    toy_mul(&c->F, &chk->rhs, &chk->ab, &chk->icg);
    toy_mul(&c->F, &chk->rhs, &chk->rhs, &chk->cd);
    chk->ok = toy_elt_eq(&c->F, &chk->lhs, &chk->rhs);
    return ZK_OK;
}

/* The full wire vector with the given public values and zero private ones. */
static void public_witness(mpz_t *w, const groth16_toy_key *key, mpz_t *pub_values)
{
    size_t k = 0;
    mpz_set_ui(w[0], 1);
    for (size_t j = 1; j < key->n; j++) {
        if (key->pub[j])
            mpz_mod(w[j], pub_values[k++], key->c->r);
        else
            mpz_set_ui(w[j], 0);
    }
}

zk_err groth16_toy_forge_tau(groth16_toy_proof *pr, const groth16_toy_key *key, const qap *q,
                             const mpz_t tau, mpz_t *pub_values, const mpz_t r, const mpz_t s)
{
    if (q->n != key->n || q->m != key->m || key->m < 2)
        return ZK_EINVAL;
    const zp_field *f = &q->f;
    size_t n = key->n;
    mpz_t *w = zp_poly_new(n), *u = zp_poly_new(n), *v = zp_poly_new(n), *cw = zp_poly_new(n);
    mpz_t tt, a, b, cc, h, t;
    mpz_inits(tt, a, b, cc, h, t, NULL);
    zk_err err = w && u && v && cw ? ZK_OK : ZK_ENOMEM;
    if (!err) {
        public_witness(w, key, pub_values);
        qap_columns_at(q, u, v, cw, tt, tau);
        for (size_t j = 0; j < n; j++) {
            zp_mul(f, t, w[j], u[j]);
            zp_add(f, a, a, t);
            zp_mul(f, t, w[j], v[j]);
            zp_add(f, b, b, t);
            zp_mul(f, t, w[j], cw[j]);
            zp_add(f, cc, cc, t);
        }
        /* The only h the verifier can tell apart is its value at τ. */
        zp_mul(f, h, a, b);
        zp_sub(f, h, h, cc);
        err = zp_inv(f, t, tt) ? ZK_EINVAL : ZK_OK;
    }
    if (!err) {
        zp_mul(f, h, h, t);
        assemble(pr, key, w, &h, 1, r, s);
    }
    mpz_clears(tt, a, b, cc, h, t, NULL);
    zp_poly_free(w, n);
    zp_poly_free(u, n);
    zp_poly_free(v, n);
    zp_poly_free(cw, n);
    return err;
}

zk_err groth16_toy_forge_delta_gamma(groth16_toy_proof *pr, const groth16_toy_key *key,
                                     mpz_t *pub_values)
{
    toy_point_set(key->c, &pr->a, &key->alpha1);
    toy_point_set(key->c, &pr->b, &key->beta2);
    public_sum(&pr->c, key, pub_values);
    toy_point_neg(key->c, &pr->c, &pr->c);
    return ZK_OK;
}
