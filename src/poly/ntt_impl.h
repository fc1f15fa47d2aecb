/* Dense polynomials and NTTs over a 2-adic prime field: the implementation.
 *
 * Included by exactly one .c file per field, after its header, with:
 *   POLY_NAME, POLY_T                     as for poly/ntt_template.h
 *   POLY_ADD(r, a, b)  POLY_SUB(r, a, b)  POLY_MUL(r, a, b)   r = a op b (lvalues)
 *   POLY_ONE(r)  POLY_ZERO(r)  POLY_IS_ZERO(a)  POLY_EQ(a, b)
 *   POLY_INV(r, a)       r = 1/a (a != 0)
 *   POLY_POW_U64(r, a, e)
 *   POLY_FROM_U64(r, x)
 *   POLY_ROOT(r, log_n)  returns zk_err, as fr_root_of_unity
 * and optionally
 *   POLY_BUTTERFLY_RUN(x, y, w, len)   len consecutive butterflies
 *       t = x[k] - y[k], x[k] = x[k] + y[k], y[k] = t·w[k]   (k < len)
 *   for a field with vector kernels; runs shorter than POLY_RUN_MIN stay
 *   on the scalar loop.
 *
 * The forward transform is decimation in frequency (Gentleman-Sande
 * butterflies x' = x + y, y' = (x - y)·w) from natural order to bit-reversed
 * order, followed by a bit-reversal permutation; the inverse runs the same
 * with ω^-1 and scales by 1/n. Stages whose butterflies span more than a
 * block are run one at a time across the thread pool; the remaining stages
 * run block by block, each block while it sits in cache. */

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"

#define NTT_CAT2(a, b) a##_##b
#define NTT_CAT(a, b) NTT_CAT2(a, b)
#define NTT_FN(op) NTT_CAT(POLY_NAME, op)
#define NTT_DOMAIN NTT_CAT(POLY_NAME, domain)

/* Elements per cache-resident block (2^12: 128 KiB of 32-byte elements). */
#define NTT_BLOCK_LOG 12
/* Below this size a transform runs on the calling thread only. */
#define NTT_PARALLEL_MIN ((size_t)1 << 13)
#ifndef POLY_RUN_MIN
#define POLY_RUN_MIN 16
#endif

/* len butterflies x[k], y[k] with twiddles w[k]: through the field's vector
 * kernel when it has one and the run is long enough. */
static inline void NTT_CAT(POLY_NAME, butterflies)(POLY_T *x, POLY_T *y, const POLY_T *w, size_t len)
{
#ifdef POLY_BUTTERFLY_RUN
    if (len >= POLY_RUN_MIN) {
        POLY_BUTTERFLY_RUN(x, y, w, len);
        return;
    }
#endif
    for (size_t k = 0; k < len; k++) {
        POLY_T t;
        POLY_SUB(t, x[k], y[k]);
        POLY_ADD(x[k], x[k], y[k]);
        POLY_MUL(y[k], t, w[k]);
    }
}

zk_err NTT_FN(domain_init)(NTT_DOMAIN *d, unsigned log_n)
{
    memset(d, 0, sizeof *d);
    zk_err err = POLY_ROOT(d->omega, log_n);
    if (err)
        return err;
    if (log_n >= 8 * sizeof(size_t) - 1)
        return ZK_EINVAL;
    d->log_n = log_n;
    d->n = (size_t)1 << log_n;
    POLY_INV(d->omega_inv, d->omega);
    POLY_FROM_U64(d->n_inv, d->n);
    POLY_INV(d->n_inv, d->n_inv);
    d->tw = zk_alloc_aligned(d->n, sizeof(POLY_T));
    d->tw_inv = zk_alloc_aligned(d->n, sizeof(POLY_T));
    if (!d->tw || !d->tw_inv) {
        NTT_FN(domain_free)(d);
        return ZK_ENOMEM;
    }
    /* Stage tables: tw[len + k] = ω_{2len}^k for k < len, so every stage
     * reads its twiddles contiguously. ω_{2len} = ω^(n/(2len)) comes from
     * squaring ω down, largest stage first. */
    POLY_T w = d->omega, wi = d->omega_inv;
    for (size_t len = d->n / 2; len >= 1; len >>= 1) {
        POLY_ONE(d->tw[len]);
        POLY_ONE(d->tw_inv[len]);
        for (size_t k = 1; k < len; k++) {
            POLY_MUL(d->tw[len + k], d->tw[len + k - 1], w);
            POLY_MUL(d->tw_inv[len + k], d->tw_inv[len + k - 1], wi);
        }
        POLY_MUL(w, w, w);
        POLY_MUL(wi, wi, wi);
    }
    return ZK_OK;
}

void NTT_FN(domain_free)(NTT_DOMAIN *d)
{
    zk_free(d->tw);
    zk_free(d->tw_inv);
    d->tw = d->tw_inv = NULL;
}

typedef struct NTT_CAT(POLY_NAME, ntt_job) {
    POLY_T *a;
    const POLY_T *tw;
    size_t n;
    size_t len;        /* half-span of the stage (stage jobs) */
    size_t block;      /* block size (block jobs) */
    POLY_T factor;     /* coset shift or 1/n */
    unsigned log_n;
} NTT_CAT(POLY_NAME, ntt_job);
#define NTT_JOB NTT_CAT(POLY_NAME, ntt_job)

/* One DIF stage, butterflies [begin, end) of the n/2 in the stage. The
 * butterfly index i is (block, k) = (i / len, i % len); divide once, then
 * step, since a division per butterfly costs as much as the butterfly. */
static void NTT_CAT(POLY_NAME, stage_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    size_t len = j->len;
    const POLY_T *tw = j->tw + len;
    size_t blk = begin / len, k = begin % len;
    for (size_t i = begin; i < end;) {
        POLY_T *x = &j->a[2 * len * blk], *y = x + len;
        size_t stop = k + (end - i) < len ? k + (end - i) : len;
        NTT_CAT(POLY_NAME, butterflies)(x + k, y + k, tw + k, stop - k);
        i += stop - k;
        k = 0;
        blk++;
    }
}

/* The stages with half-span block/2 down to 1, inside one block. */
static void NTT_CAT(POLY_NAME, block_stages)(POLY_T *a, const POLY_T *tw, size_t block)
{
    for (size_t len = block / 2; len >= 1; len >>= 1) {
        const POLY_T *w = tw + len;
        for (size_t start = 0; start < block; start += 2 * len)
            NTT_CAT(POLY_NAME, butterflies)(a + start, a + start + len, w, len);
    }
}

static void NTT_CAT(POLY_NAME, block_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t b = begin; b < end; b++)
        NTT_CAT(POLY_NAME, block_stages)(j->a + b * j->block, j->tw, j->block);
}

static size_t NTT_CAT(POLY_NAME, bitrev)(size_t i, unsigned bits)
{
    size_t r = 0;
    for (unsigned b = 0; b < bits; b++) {
        r = (r << 1) | (i & 1);
        i >>= 1;
    }
    return r;
}

static void NTT_CAT(POLY_NAME, bitrev_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t i = begin; i < end; i++) {
        size_t r = NTT_CAT(POLY_NAME, bitrev)(i, j->log_n);
        if (i < r) {
            POLY_T t = j->a[i];
            j->a[i] = j->a[r];
            j->a[r] = t;
        }
    }
}

/* a[i] *= factor^i. */
static void NTT_CAT(POLY_NAME, powers_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    POLY_T w;
    POLY_POW_U64(w, j->factor, (uint64_t)begin);
    for (size_t i = begin; i < end; i++) {
        POLY_MUL(j->a[i], j->a[i], w);
        POLY_MUL(w, w, j->factor);
    }
}

static void NTT_CAT(POLY_NAME, scale_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t i = begin; i < end; i++)
        POLY_MUL(j->a[i], j->a[i], j->factor);
}

static void NTT_CAT(POLY_NAME, transform)(const NTT_DOMAIN *d, POLY_T *a, const POLY_T *tw,
                                          bool reorder)
{
    size_t n = d->n;
    if (n == 1)
        return;
    size_t block = (size_t)1 << NTT_BLOCK_LOG;
    if (block > n)
        block = n;
    size_t grain = n >= NTT_PARALLEL_MIN ? 1024 : n;
    NTT_JOB job = {.a = a, .tw = tw, .n = n, .log_n = d->log_n, .block = block};
    for (size_t len = n / 2; len >= block; len >>= 1) {
        job.len = len;
        zk_parallel_for(n / 2, grain, NTT_CAT(POLY_NAME, stage_range), &job);
    }
    zk_parallel_for(n / block, n >= NTT_PARALLEL_MIN ? 1 : n / block, NTT_CAT(POLY_NAME, block_range), &job);
    if (reorder)
        zk_parallel_for(n, grain, NTT_CAT(POLY_NAME, bitrev_range), &job);
}

void NTT_FN(ntt)(const NTT_DOMAIN *d, POLY_T *a)
{
    NTT_CAT(POLY_NAME, transform)(d, a, d->tw, true);
}

void NTT_FN(ntt_bitrev)(const NTT_DOMAIN *d, POLY_T *a)
{
    NTT_CAT(POLY_NAME, transform)(d, a, d->tw, false);
}

void NTT_FN(intt)(const NTT_DOMAIN *d, POLY_T *a)
{
    NTT_CAT(POLY_NAME, transform)(d, a, d->tw_inv, true);
    NTT_JOB job = {.a = a, .factor = d->n_inv};
    zk_parallel_for(d->n, d->n >= NTT_PARALLEL_MIN ? 1024 : d->n, NTT_CAT(POLY_NAME, scale_range), &job);
}

/* p(shift·ω^i) = Σ (a_k·shift^k)·ω^(ik): scale the coefficients, then NTT. */
void NTT_FN(coset_ntt)(const NTT_DOMAIN *d, POLY_T *a, const POLY_T *shift)
{
    NTT_JOB job = {.a = a, .factor = *shift};
    zk_parallel_for(d->n, d->n >= NTT_PARALLEL_MIN ? 1024 : d->n, NTT_CAT(POLY_NAME, powers_range), &job);
    NTT_FN(ntt)(d, a);
}

void NTT_FN(coset_intt)(const NTT_DOMAIN *d, POLY_T *a, const POLY_T *shift)
{
    NTT_FN(intt)(d, a);
    NTT_JOB job = {.a = a};
    POLY_INV(job.factor, *shift);
    zk_parallel_for(d->n, d->n >= NTT_PARALLEL_MIN ? 1024 : d->n, NTT_CAT(POLY_NAME, powers_range), &job);
}

void NTT_FN(poly_eval)(POLY_T *r, const POLY_T *p, size_t len, const POLY_T *x)
{
    POLY_T acc;
    POLY_ZERO(acc);
    for (size_t i = len; i-- > 0;) {
        POLY_MUL(acc, acc, *x);
        POLY_ADD(acc, acc, p[i]);
    }
    *r = acc;
}

void NTT_FN(poly_mul_naive)(POLY_T *out, const POLY_T *a, size_t la, const POLY_T *b, size_t lb)
{
    if (la == 0 || lb == 0)
        return;
    for (size_t i = 0; i < la + lb - 1; i++)
        POLY_ZERO(out[i]);
    for (size_t i = 0; i < la; i++) {
        for (size_t k = 0; k < lb; k++) {
            POLY_T t;
            POLY_MUL(t, a[i], b[k]);
            POLY_ADD(out[i + k], out[i + k], t);
        }
    }
}

/* Lagrange: p = Σ y_i·L_i with L_i = Π_{j≠i} (x - x_j)/(x_i - x_j). The
 * master polynomial M = Π (x - x_j) is built once; each L_i's numerator is
 * M/(x - x_i) by synthetic division. */
zk_err NTT_FN(poly_interpolate)(POLY_T *coeffs, const POLY_T *xs, const POLY_T *ys, size_t n)
{
    if (n == 0)
        return ZK_OK;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (POLY_EQ(xs[i], xs[j]))
                return ZK_EINVAL;
    POLY_T *m = zk_alloc(n + 1, sizeof(POLY_T));
    POLY_T *num = zk_alloc(n, sizeof(POLY_T));
    if (!m || !num) {
        zk_free(m);
        zk_free(num);
        return ZK_ENOMEM;
    }
    /* M = Π (x - x_j), coefficients low to high: multiply by (x - x_j) in
     * place, from the top coefficient down. */
    POLY_T zero;
    POLY_ZERO(zero);
    POLY_ONE(m[0]);
    for (size_t j = 0; j < n; j++) {
        POLY_ZERO(m[j + 1]);
        for (size_t k = j + 1; k > 0; k--) {
            POLY_T t;
            POLY_MUL(t, m[k], xs[j]);
            POLY_SUB(m[k], m[k - 1], t);
        }
        POLY_MUL(m[0], m[0], xs[j]);
        POLY_SUB(m[0], zero, m[0]);
    }
    for (size_t i = 0; i < n; i++)
        POLY_ZERO(coeffs[i]);
    for (size_t i = 0; i < n; i++) {
        /* num = M/(x - x_i): from the top, num_{k-1} = m_k + x_i·num_k. */
        num[n - 1] = m[n];
        for (size_t k = n - 1; k > 0; k--) {
            POLY_T t;
            POLY_MUL(t, xs[i], num[k]);
            POLY_ADD(num[k - 1], m[k], t);
        }
        /* Scale by y_i / num(x_i). */
        POLY_T den, s;
        NTT_FN(poly_eval)(&den, num, n, &xs[i]);
        POLY_INV(s, den);
        POLY_MUL(s, s, ys[i]);
        for (size_t k = 0; k < n; k++) {
            POLY_T t;
            POLY_MUL(t, num[k], s);
            POLY_ADD(coeffs[k], coeffs[k], t);
        }
    }
    zk_free(m);
    zk_free(num);
    return ZK_OK;
}

/* p = q·(x^m - 1) + r: with q_k = p_{k+m} + q_{k+m}, from the top down; the
 * remainder is r_k = p_k + q_k for k < m. */
void NTT_FN(poly_div_vanishing)(POLY_T *q, const POLY_T *p, size_t len, size_t m, bool *exact)
{
    *exact = true;
    if (len < m) {
        for (size_t k = 0; k < len; k++)
            *exact = *exact && POLY_IS_ZERO(p[k]);
        return;
    }
    size_t ql = len - m;
    for (size_t k = ql; k-- > 0;) {
        q[k] = p[k + m];
        if (k + m < ql)
            POLY_ADD(q[k], q[k], q[k + m]);
    }
    for (size_t k = 0; k < m; k++) {
        POLY_T r = p[k];
        if (k < ql)
            POLY_ADD(r, r, q[k]);
        if (!POLY_IS_ZERO(r))
            *exact = false;
    }
}

#undef NTT_CAT2
#undef NTT_CAT
#undef NTT_FN
#undef NTT_DOMAIN
#undef NTT_JOB
#undef NTT_BLOCK_LOG
#undef NTT_PARALLEL_MIN
#undef POLY_RUN_MIN
#ifdef POLY_BUTTERFLY_RUN
#undef POLY_BUTTERFLY_RUN
#endif
