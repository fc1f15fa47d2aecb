#include "stark/lde.h"

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"

zk_err stark_domains_init(stark_domains *dm, const stark_layout *l)
{
    memset(dm, 0, sizeof *dm);
    dm->l = l;
    if (l->blowup > STARK_MAX_BLOWUP)
        return ZK_EINVAL;
    zk_err err = gl_domain_init(&dm->dn, l->log_n);
    if (!err)
        err = gl_domain_init(&dm->dl, l->log_lde);
    if (!err && !(dm->xs = zk_alloc_aligned(l->lde, sizeof *dm->xs)))
        err = ZK_ENOMEM;
    if (!err && !(dm->coset_pows = zk_alloc_aligned(l->lde, sizeof *dm->coset_pows)))
        err = ZK_ENOMEM;
    if (!err && !(dm->bitrev = zk_alloc(l->n, sizeof *dm->bitrev)))
        err = ZK_ENOMEM;
    if (err) {
        stark_domains_free(dm);
        return err;
    }
    gl_t w = 1;
    for (size_t k = 0; k < l->blowup; k++) {
        dm->coset_shift[k] = gl_mul(l->shift, w);
        dm->coset_shift_n[k] = gl_pow(dm->coset_shift[k], l->n);
        w = gl_mul(w, l->omega_lde);
    }
    gl_t x = l->shift;
    for (size_t j = 0; j < l->lde; j++) {
        dm->xs[j] = x;
        x = gl_mul(x, l->omega_lde);
    }
    for (size_t i = 0; i < l->n; i++) {
        uint32_t r = 0;
        for (unsigned b = 0; b < l->log_n; b++)
            r |= (uint32_t)((i >> b) & 1) << (l->log_n - 1 - b);
        dm->bitrev[i] = r;
    }
    for (size_t k = 0; k < l->blowup; k++) {
        gl_t *pw = dm->coset_pows + k * l->n, v = 1;
        for (size_t i = 0; i < l->n; i++) {
            pw[i] = v;
            v = gl_mul(v, dm->coset_shift[k]);
        }
    }
    return ZK_OK;
}

void stark_domains_free(stark_domains *dm)
{
    gl_domain_free(&dm->dn);
    gl_domain_free(&dm->dl);
    zk_free(dm->xs);
    zk_free(dm->coset_pows);
    zk_free(dm->bitrev);
    memset(dm, 0, sizeof *dm);
}

typedef struct interp_job {
    const stark_domains *dm;
    const gl_t *rows;
    size_t stride, col0, len, k_rand;
    gl_t *coeffs;
    const gl_t *rand;   /* k_rand per column */
} interp_job;

static void interp_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const interp_job *j = ctx;
    size_t n = j->dm->l->n;
    for (size_t c = begin; c < end; c++) {
        gl_t *p = j->coeffs + c * j->len;
        for (size_t i = 0; i < n; i++)
            p[i] = j->rows[i * j->stride + j->col0 + c];
        gl_intt(&j->dm->dn, p);
        memset(p + n, 0, (j->len - n) * sizeof *p);
        /* + (x^N - 1)·r: r's coefficients land at N.. and, negated, at 0.. */
        const gl_t *r = j->rand + c * j->k_rand;
        for (size_t i = 0; i < j->k_rand; i++) {
            p[n + i] = gl_add(p[n + i], r[i]);
            p[i] = gl_sub(p[i], r[i]);
        }
    }
}

zk_err stark_interpolate(const stark_domains *dm, const gl_t *rows, size_t stride, size_t col0,
                         size_t ncols, gl_t *coeffs, size_t len, size_t k_rand, zk_rng *rng)
{
    size_t n = dm->l->n;
    if (len < n || k_rand > len - n)
        return ZK_EINVAL;
    gl_t *rand = zk_alloc(ncols * k_rand + 1, sizeof *rand);
    if (!rand)
        return ZK_ENOMEM;
    for (size_t i = 0; i < ncols * k_rand; i++)
        rand[i] = gl_random(rng);
    interp_job j = {dm, rows, stride, col0, len, k_rand, coeffs, rand};
    zk_parallel_for(ncols, 1, interp_range, &j);
    zk_free_secret(rand, ncols * k_rand + 1, sizeof *rand);
    return ZK_OK;
}

/* Columns are extended in groups of this many, so that each coset's values
 * are written into the row-major table a cache line at a time. */
#define LDE_GROUP 8

typedef struct lde_job {
    const stark_domains *dm;
    const gl_t *coeffs;
    size_t ncols, len, width, col0, groups;
    gl_t *out;
    gl_t *scratch;     /* per worker: LDE_GROUP·N */
} lde_job;

static void lde_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    const lde_job *j = ctx;
    const stark_layout *l = j->dm->l;
    size_t n = l->n, blowup = l->blowup;
    gl_t *scratch = j->scratch + (size_t)worker * LDE_GROUP * n;
    for (size_t task = begin; task < end; task++) {
        size_t k = task % blowup, g = task / blowup;
        size_t c0 = g * LDE_GROUP, cn = j->ncols - c0 < LDE_GROUP ? j->ncols - c0 : LDE_GROUP;
        gl_t a = j->dm->coset_shift_n[k];
        for (size_t c = 0; c < cn; c++) {
            const gl_t *p = j->coeffs + (c0 + c) * j->len;
            gl_t *s = scratch + c * n;
            /* On the coset x^N = a, so p = lo + x^N·hi equals lo + a·hi there. */
            size_t lo = j->len < n ? j->len : n;
            memcpy(s, p, lo * sizeof *s);
            memset(s + lo, 0, (n - lo) * sizeof *s);
            for (size_t i = n; i < j->len; i++)
                s[i - n] = gl_add(s[i - n], gl_mul(a, p[i]));
            /* p(shift·ω^i) = NTT of the coefficients scaled by shift^i. */
            gl_mul_vec(s, s, j->dm->coset_pows + k * n, n);
            gl_ntt_bitrev(&j->dm->dn, s);
        }
        /* Point i of coset k is s·ω_D^k·ω_N^i = s·ω_D^(k + blowup·i); the
         * transform left it at position bitrev(i). */
        const uint32_t *rev = j->dm->bitrev;
        for (size_t i = 0; i < n; i++) {
            gl_t *row = j->out + (k + blowup * i) * j->width + j->col0 + c0;
            const gl_t *src = scratch + rev[i];
            for (size_t c = 0; c < cn; c++)
                row[c] = src[c * n];
        }
    }
}

zk_err stark_lde(const stark_domains *dm, const gl_t *coeffs, size_t ncols, size_t len,
                 gl_t *out, size_t width, size_t col0)
{
    size_t n = dm->l->n;
    if (len > 2 * n)
        return ZK_EINVAL;
    if (ncols == 0)
        return ZK_OK;
    unsigned threads = zk_pool_threads();
    gl_t *scratch = zk_alloc_aligned((size_t)threads * LDE_GROUP * n, sizeof *scratch);
    if (!scratch)
        return ZK_ENOMEM;
    size_t groups = (ncols + LDE_GROUP - 1) / LDE_GROUP;
    lde_job j = {dm, coeffs, ncols, len, width, col0, groups, out, scratch};
    zk_parallel_for(groups * dm->l->blowup, 1, lde_range, &j);
    zk_free(scratch);
    return ZK_OK;
}

zk_err stark_periodic_coeffs(const stark_periodic *p, gl_t *coeffs)
{
    unsigned log_p = 0;
    while (((size_t)1 << log_p) < p->period)
        log_p++;
    gl_domain d;
    zk_err err = gl_domain_init(&d, log_p);
    if (err)
        return err;
    memcpy(coeffs, p->values, p->period * sizeof *coeffs);
    gl_intt(&d, coeffs);
    gl_domain_free(&d);
    return ZK_OK;
}

zk_err stark_periodic_lde(const stark_domains *dm, const stark_periodic *p, gl_t *tab)
{
    const stark_layout *l = dm->l;
    size_t m = l->blowup * p->period;
    unsigned log_m = 0;
    while (((size_t)1 << log_m) < m)
        log_m++;
    memset(tab, 0, m * sizeof *tab);
    zk_err err = stark_periodic_coeffs(p, tab);
    if (err)
        return err;
    /* The column at x is P(x^(N/period)); on D, x^(N/period) runs over the
     * coset s^(N/period)·<ω_D^(N/period)> of blowup·period points. */
    gl_domain d;
    if ((err = gl_domain_init(&d, log_m)))
        return err;
    gl_t shift = gl_pow(l->shift, l->n / p->period);
    gl_coset_ntt(&d, tab, &shift);
    gl_domain_free(&d);
    return ZK_OK;
}
