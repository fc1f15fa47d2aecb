/* The QAP over Fr on snarkjs's NTT domain: see qap.h.
 *
 * Groth16 provers never build the column polynomials: they need A, B and C
 * only as values. On H = {ω^i} those values are the rows' dot products, and
 * h = (A·B - C)/t is found where t is easy: on the coset g·H with g = ω_{2n},
 * t(x) = x^n - 1 = g^n - 1 = -2 at every point. So h's values there are
 * (A·B - C)/(-2), and one inverse NTT on the coset gives its coefficients
 * (snarkjs and rapidsnark do the same; the .zkey's H points absorb the
 * constant and the inverse NTT). */
#include "snark/qap.h"

#include "core/alloc.h"

zk_err qap_fr_domain_log(unsigned *log_n, const r1cs *s)
{
    uint64_t need = (uint64_t)s->n_rows + s->n_pub_out + s->n_pub_in + 1;
    unsigned k = 0;
    while (((uint64_t)1 << k) < need) {
        if (++k > FR_TWO_ADICITY)
            return ZK_EOVERFLOW;
    }
    *log_n = k;
    return ZK_OK;
}

zk_err qap_fr_abc(fr_t *a, fr_t *b, fr_t *c, size_t n, const r1cs *s, const fr_t *w)
{
    size_t n_pub = (size_t)s->n_pub_out + s->n_pub_in;
    if (n < s->n_rows + n_pub + 1)
        return ZK_EINVAL;
    for (size_t i = 0; i < s->n_rows; i++) {
        r1cs_eval_side(s, &a[i], i, 0, w);
        r1cs_eval_side(s, &b[i], i, 1, w);
        r1cs_eval_side(s, &c[i], i, 2, w);
    }
    for (size_t i = s->n_rows; i < n; i++) {
        size_t k = i - s->n_rows;
        if (k <= n_pub)
            a[i] = w[k];
        else
            fr_zero(&a[i]);
        fr_zero(&b[i]);
        fr_zero(&c[i]);
    }
    return ZK_OK;
}

void qap_fr_coset_shift(fr_t *g, const fr_domain *d)
{
    /* log_n < 28 is guaranteed by callers that built d for a QAP; a domain
     * of the full 2^28 has no 2n-th root and gets the shift 5 instead (a
     * non-residue generator of Fr*: 5·H is still a coset other than H). */
    if (fr_root_of_unity(g, d->log_n + 1) != ZK_OK)
        fr_from_u64(g, 5);
}

void qap_fr_coset_abc(const fr_domain *d, fr_t *a, fr_t *b, fr_t *c)
{
    fr_t g;
    qap_fr_coset_shift(&g, d);
    fr_intt(d, a);
    fr_intt(d, b);
    fr_intt(d, c);
    fr_coset_ntt(d, a, &g);
    fr_coset_ntt(d, b, &g);
    fr_coset_ntt(d, c, &g);
    for (size_t i = 0; i < d->n; i++) {
        fr_mul(&a[i], &a[i], &b[i]);
        fr_sub(&a[i], &a[i], &c[i]);
    }
}

void qap_fr_h(fr_t *h, const fr_domain *d, fr_t *a, fr_t *b, fr_t *c)
{
    fr_t g, z, zinv, one;
    qap_fr_coset_shift(&g, d);
    qap_fr_coset_abc(d, a, b, c);
    /* t(g·ω^i) = g^n - 1 for every i. */
    fr_pow_u64(&z, &g, d->n);
    fr_one(&one);
    fr_sub(&z, &z, &one);
    fr_inv_var(&zinv, &z);
    for (size_t i = 0; i < d->n; i++)
        fr_mul(&h[i], &a[i], &zinv);
    fr_coset_intt(d, h, &g);
}

zk_err qap_fr_lagrange_at(fr_t *l, const fr_domain *d, const fr_t *x)
{
    size_t n = d->n;
    fr_t wi, zx, one, nn;
    fr_one(&one);
    /* l_i ← x - ω^i, then inverted in one batch; x ∈ H shows as a zero. */
    fr_one(&wi);
    for (size_t i = 0; i < n; i++) {
        fr_sub(&l[i], x, &wi);
        if (fr_is_zero(&l[i])) {
            for (size_t k = 0; k < n; k++)
                fr_zero(&l[k]);
            l[i] = one;
            return ZK_OK;
        }
        fr_mul(&wi, &wi, &d->omega);
    }
    fr_t *scratch = zk_alloc(n, sizeof *scratch);
    if (!scratch)
        return ZK_ENOMEM;
    fr_batch_inv(l, l, n, scratch);
    zk_free(scratch);
    fr_pow_u64(&zx, x, n);
    fr_sub(&zx, &zx, &one);
    fr_mul(&nn, &zx, &d->n_inv);   /* (x^n - 1)/n */
    fr_one(&wi);
    for (size_t i = 0; i < n; i++) {
        fr_t t;
        fr_mul(&t, &wi, &nn);
        fr_mul(&l[i], &l[i], &t);
        fr_mul(&wi, &wi, &d->omega);
    }
    return ZK_OK;
}

void qap_fr_eval(fr_t *r, const fr_t *evals, const fr_t *l, size_t n)
{
    fr_zero(r);
    for (size_t i = 0; i < n; i++) {
        fr_t t;
        fr_mul(&t, &evals[i], &l[i]);
        fr_add(r, r, &t);
    }
}

zk_err qap_fr_check_at(bool *ok, const fr_domain *d, const fr_t *a, const fr_t *b,
                       const fr_t *c, const fr_t *h, const fr_t *s)
{
    fr_t *l = zk_alloc(d->n, sizeof *l);
    if (!l)
        return ZK_ENOMEM;
    zk_err err = qap_fr_lagrange_at(l, d, s);
    if (!err) {
        fr_t as, bs, cs, hs, zs, one, lhs, rhs;
        qap_fr_eval(&as, a, l, d->n);
        qap_fr_eval(&bs, b, l, d->n);
        qap_fr_eval(&cs, c, l, d->n);
        fr_poly_eval(&hs, h, d->n, s);
        fr_pow_u64(&zs, s, d->n);
        fr_one(&one);
        fr_sub(&zs, &zs, &one);
        fr_mul(&lhs, &as, &bs);
        fr_sub(&lhs, &lhs, &cs);
        fr_mul(&rhs, &hs, &zs);
        *ok = fr_eq(&lhs, &rhs);
    }
    zk_free(l);
    return err;
}
