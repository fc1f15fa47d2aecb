/* KZG on BN254: see kzg.h. */
#include "snark/kzg.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "curve/fixed_base.h"
#include "curve/msm.h"
#include "curve/pairing.h"
#include "poly/fr_poly.h"

/* Fixed-base windows: the tables are built once per setup; a small window
 * keeps the constant-time scan (all 2^(w-1) entries per window) cheap. */
enum { KZG_WINDOW_G1 = 5, KZG_WINDOW_G2 = 4 };

void kzg_srs_free(kzg_srs *srs)
{
    zk_free(srs->g1);
    zk_free(srs->g2);
    memset(srs, 0, sizeof *srs);
}

zk_err kzg_setup(kzg_srs *srs, const fr_t *tau, size_t n1, size_t n2, const zk_events *ev)
{
    memset(srs, 0, sizeof *srs);
    if (n1 == 0 || n2 < 2)
        return ZK_EINVAL;
    size_t n = n1 > n2 ? n1 : n2;
    fr_t *pw = zk_alloc(n, sizeof *pw);
    srs->g1 = zk_alloc(n1, sizeof *srs->g1);
    srs->g2 = zk_alloc(n2, sizeof *srs->g2);
    g1_fixed t1 = {0};
    g2_fixed t2 = {0};
    zk_err err = pw && srs->g1 && srs->g2 ? ZK_OK : ZK_ENOMEM;
    if (!err) {
        fr_one(&pw[0]);
        for (size_t i = 1; i < n; i++)
            fr_mul(&pw[i], &pw[i - 1], tau);
        err = g1_fixed_init(&t1, &g1_generator, KZG_WINDOW_G1);
    }
    if (!err)
        err = g2_fixed_init(&t2, &g2_generator, KZG_WINDOW_G2);
    if (!err)
        err = g1_fixed_mul_many(srs->g1, &t1, pw, n1, true, ev);
    if (!err)
        err = g2_fixed_mul_many(srs->g2, &t2, pw, n2, true, ev);
    if (pw)
        zk_free_secret(pw, n, sizeof *pw);
    g1_fixed_free(&t1);
    g2_fixed_free(&t2);
    if (err)
        kzg_srs_free(srs);
    else {
        srs->n1 = n1;
        srs->n2 = n2;
    }
    return err;
}

zk_err kzg_setup_random(kzg_srs *srs, size_t n1, size_t n2, zk_rng *rng, const zk_events *ev)
{
    fr_t tau;
    fr_random(&tau, rng);
    zk_err err = kzg_setup(srs, &tau, n1, n2, ev);
    sodium_memzero(&tau, sizeof tau);
    return err;
}

zk_err kzg_commit(g1_aff *c, const kzg_srs *srs, const fr_t *p, size_t len, const zk_events *ev)
{
    if (len > srs->n1)
        return ZK_EINVAL;
    g1_jac r;
    zk_err err = g1_msm_var(&r, srs->g1, p, len, ev);
    if (!err)
        g1_to_aff_var(c, &r);
    return err;
}

/* q (len - 1 coefficients) = (p - p(z))/(x - z), y = p(z): synthetic
 * division from the top, q_{k-1} = p_k + z·q_k. */
static void div_linear(fr_t *q, fr_t *y, const fr_t *p, size_t len, const fr_t *z)
{
    fr_t carry;
    fr_zero(&carry);
    for (size_t k = len; k-- > 0;) {
        fr_mul(&carry, &carry, z);
        fr_add(&carry, &carry, &p[k]);
        if (k > 0)
            q[k - 1] = carry;
    }
    *y = carry;
}

zk_err kzg_open(g1_aff *proof, fr_t *y, const kzg_srs *srs, const fr_t *p, size_t len,
                const fr_t *z, const zk_events *ev)
{
    if (len == 0 || len > srs->n1)
        return ZK_EINVAL;
    if (len == 1) {
        /* A constant: the quotient is zero and so is the proof. */
        *y = p[0];
        g1_aff_set_inf(proof);
        return ZK_OK;
    }
    fr_t *q = zk_alloc(len - 1, sizeof *q);
    if (!q)
        return ZK_ENOMEM;
    div_linear(q, y, p, len, z);
    zk_err err = kzg_commit(proof, srs, q, len - 1, ev);
    zk_free(q);
    return err;
}

/* r = k·P for a public scalar. */
static void g1_mul_fr_var(g1_jac *r, const g1_aff *p, const fr_t *k)
{
    uint64_t e[4];
    fr_to_int(e, k);
    g1_jac pj;
    g1_from_aff(&pj, p);
    g1_mul_var(r, &pj, e);
}

/* e(lhs, -H)·e(π, rhs2) = 1. */
static zk_err pairing_eq(bool *ok, const g1_jac *lhs, const g1_aff *proof, const g2_aff *rhs2)
{
    g1_aff p[2];
    g2_aff q[2];
    g1_to_aff_var(&p[0], lhs);
    g2_aff_neg(&q[0], &g2_generator);
    p[1] = *proof;
    q[1] = *rhs2;
    return bn254_pairing_check(p, q, 2, ok);
}

zk_err kzg_verify(bool *ok, const kzg_srs *srs, const g1_aff *c, const fr_t *z, const fr_t *y,
                  const g1_aff *proof)
{
    *ok = false;
    if (srs->n2 < 2)
        return ZK_EINVAL;
    /* C - [y]_1 + z·π: moving the [z]_2 of [τ - z]_2 to the left. */
    g1_jac lhs, t;
    g1_mul_fr_var(&lhs, &g1_generator, y);
    g1_neg(&lhs, &lhs);
    g1_add_mixed_var(&lhs, &lhs, c);
    g1_mul_fr_var(&t, proof, z);
    g1_add_var(&lhs, &lhs, &t);
    return pairing_eq(ok, &lhs, proof, &srs->g2[1]);
}

/* p = Σ γ^i p_i into out (maxlen coefficients, zeroed here). */
static void combine(fr_t *out, size_t maxlen, const fr_t *const *polys, const size_t *lens,
                    size_t k, const fr_t *gamma)
{
    for (size_t j = 0; j < maxlen; j++)
        fr_zero(&out[j]);
    fr_t g;
    fr_one(&g);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < lens[i]; j++) {
            fr_t t;
            fr_mul(&t, &polys[i][j], &g);
            fr_add(&out[j], &out[j], &t);
        }
        fr_mul(&g, &g, gamma);
    }
}

zk_err kzg_open_batch(g1_aff *proof, fr_t *ys, const kzg_srs *srs, const fr_t *const *polys,
                      const size_t *lens, size_t k, const fr_t *z, const fr_t *gamma,
                      const zk_events *ev)
{
    size_t maxlen = 0;
    for (size_t i = 0; i < k; i++) {
        if (lens[i] == 0 || lens[i] > srs->n1)
            return ZK_EINVAL;
        maxlen = lens[i] > maxlen ? lens[i] : maxlen;
    }
    if (k == 0)
        return ZK_EINVAL;
    for (size_t i = 0; i < k; i++)
        fr_poly_eval(&ys[i], polys[i], lens[i], z);
    fr_t *p = zk_alloc(maxlen, sizeof *p);
    if (!p)
        return ZK_ENOMEM;
    combine(p, maxlen, polys, lens, k, gamma);
    fr_t y;
    zk_err err = kzg_open(proof, &y, srs, p, maxlen, z, ev);
    zk_free(p);
    return err;
}

zk_err kzg_verify_batch(bool *ok, const kzg_srs *srs, const g1_aff *cs, const fr_t *ys, size_t k,
                        const fr_t *z, const fr_t *gamma, const g1_aff *proof)
{
    *ok = false;
    if (k == 0)
        return ZK_EINVAL;
    /* C = Σ γ^i C_i and y = Σ γ^i y_i by Horner from the last. */
    g1_jac c;
    g1_set_inf(&c);
    fr_t y;
    fr_zero(&y);
    for (size_t i = k; i-- > 0;) {
        g1_jac t;
        g1_aff ca;
        g1_to_aff_var(&ca, &c);
        g1_mul_fr_var(&t, &ca, gamma);
        g1_add_mixed_var(&c, &t, &cs[i]);
        fr_mul(&y, &y, gamma);
        fr_add(&y, &y, &ys[i]);
    }
    g1_aff ca;
    g1_to_aff_var(&ca, &c);
    return kzg_verify(ok, srs, &ca, z, &y, proof);
}

/* Z = Π (x - z_i) (k + 1 coefficients). */
static void from_roots(fr_t *m, const fr_t *zs, size_t k)
{
    fr_one(&m[0]);
    for (size_t j = 0; j < k; j++) {
        fr_zero(&m[j + 1]);
        for (size_t i = j + 1; i > 0; i--) {
            fr_t t;
            fr_mul(&t, &m[i], &zs[j]);
            fr_sub(&m[i], &m[i - 1], &t);
        }
        fr_mul(&m[0], &m[0], &zs[j]);
        fr_neg(&m[0], &m[0]);
    }
}

zk_err kzg_open_multi(g1_aff *proof, fr_t *ys, const kzg_srs *srs, const fr_t *p, size_t len,
                      const fr_t *zs, size_t k, const zk_events *ev)
{
    if (k == 0 || k >= srs->n2 || len == 0 || len > srs->n1)
        return ZK_EINVAL;
    for (size_t i = 0; i < k; i++)
        fr_poly_eval(&ys[i], p, len, &zs[i]);
    size_t rl = len > k ? len : k;
    fr_t *ip = zk_calloc(k, sizeof *ip), *r = zk_alloc(rl, sizeof *r);
    fr_t *zpoly = zk_alloc(k + 1, sizeof *zpoly);
    zk_err err = ip && r && zpoly ? ZK_OK : ZK_ENOMEM;
    if (!err)
        err = fr_poly_interpolate(ip, zs, ys, k);
    if (!err) {
        /* r = p - I, then divided by the monic Z_S from the top; the
         * division is exact, so only the quotient is kept. */
        for (size_t j = 0; j < rl; j++) {
            if (j < len)
                r[j] = p[j];
            else
                fr_zero(&r[j]);
            if (j < k)
                fr_sub(&r[j], &r[j], &ip[j]);
        }
        from_roots(zpoly, zs, k);
        if (len <= k) {
            g1_aff_set_inf(proof);
        } else {
            size_t ql = len - k;
            for (size_t j = ql; j-- > 0;) {
                fr_t c = r[j + k];
                for (size_t i = 0; i <= k; i++) {
                    fr_t t;
                    fr_mul(&t, &c, &zpoly[i]);
                    fr_sub(&r[j + i], &r[j + i], &t);
                }
                r[j + k] = c;   /* r[k..] now holds the quotient shifted by k */
            }
            err = kzg_commit(proof, srs, r + k, ql, ev);
        }
    }
    zk_free(ip);
    zk_free(r);
    zk_free(zpoly);
    return err;
}

zk_err kzg_verify_multi(bool *ok, const kzg_srs *srs, const g1_aff *c, const fr_t *zs,
                        const fr_t *ys, size_t k, const g1_aff *proof)
{
    *ok = false;
    if (k == 0 || k >= srs->n2 || k > srs->n1)
        return ZK_EINVAL;
    fr_t *ip = zk_alloc(k, sizeof *ip), *zpoly = zk_alloc(k + 1, sizeof *zpoly);
    zk_err err = ip && zpoly ? ZK_OK : ZK_ENOMEM;
    if (!err)
        err = fr_poly_interpolate(ip, zs, ys, k);
    g1_aff ic;
    g2_jac z2;
    if (!err)
        err = kzg_commit(&ic, srs, ip, k, NULL);
    if (!err) {
        from_roots(zpoly, zs, k);
        err = g2_msm_var(&z2, srs->g2, zpoly, k + 1, NULL);
    }
    if (!err) {
        /* e(C - [I(τ)]_1, H) = e(π, [Z_S(τ)]_2) */
        g1_jac lhs;
        g1_aff nic;
        g1_aff_neg(&nic, &ic);
        g1_from_aff(&lhs, c);
        g1_add_mixed_var(&lhs, &lhs, &nic);
        g2_aff z2a;
        g2_to_aff_var(&z2a, &z2);
        err = pairing_eq(ok, &lhs, proof, &z2a);
    }
    zk_free(ip);
    zk_free(zpoly);
    return err;
}

zk_err kzg_forge_open(g1_aff *proof, const fr_t *tau, const fr_t *p, size_t len, const fr_t *z,
                      const fr_t *y)
{
    fr_t d, v, k;
    fr_sub(&d, tau, z);
    if (fr_is_zero(&d))
        return ZK_EINVAL;
    fr_poly_eval(&v, p, len, tau);
    fr_sub(&v, &v, y);
    fr_inv(&d, &d);
    fr_mul(&k, &v, &d);
    uint64_t e[4];
    fr_to_int(e, &k);
    g1_jac g, r;
    g1_from_aff(&g, &g1_generator);
    g1_mul(&r, &g, e);
    g1_to_aff(proof, &r);
    sodium_memzero(&d, sizeof d);
    sodium_memzero(&v, sizeof v);
    sodium_memzero(&k, sizeof k);
    sodium_memzero(e, sizeof e);
    return ZK_OK;
}
