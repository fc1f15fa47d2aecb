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
#include "core/paste.h"
#include "core/pool.h"

#define POLY_FN(op) ZK_PASTE(POLY_NAME, op)
#define POLY_DOMAIN ZK_PASTE(POLY_NAME, domain)

/* Elements per cache-resident block (2^12: 128 KiB of 32-byte elements). */
#define NTT_BLOCK_LOG 12
/* Below this size a transform runs on the calling thread only. */
#define NTT_PARALLEL_MIN ((size_t)1 << 13)
#ifndef POLY_RUN_MIN
#define POLY_RUN_MIN 16
#endif

/* len butterflies x[k], y[k] with twiddles w[k]: through the field's vector
 * kernel when it has one and the run is long enough. */
static inline void ZK_PASTE(POLY_NAME, butterflies)(POLY_T *x, POLY_T *y, const POLY_T *w, size_t len)
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

/* Cooley-Tukey butterflies x' = x + y·w, y' = x - y·w: the decimation-in-
 * time transform, which takes bit-reversed input to natural order. */
static inline void ZK_PASTE(POLY_NAME, dit_butterflies)(POLY_T *x, POLY_T *y, const POLY_T *w, size_t len)
{
    for (size_t k = 0; k < len; k++) {
        POLY_T t;
        POLY_MUL(t, y[k], w[k]);
        POLY_SUB(y[k], x[k], t);
        POLY_ADD(x[k], x[k], t);
    }
}

typedef struct ZK_PASTE(POLY_NAME, ntt_job) {
    POLY_T *a;
    const POLY_T *tw;
    size_t n;
    size_t len;        /* half-span of the stage (stage jobs) */
    size_t block;      /* block size (block jobs) */
    POLY_T factor;     /* coset shift or 1/n */
    unsigned log_n;
    bool dit;          /* stage jobs: Cooley-Tukey butterflies (dit_transform) */
} ZK_PASTE(POLY_NAME, ntt_job);
#define NTT_JOB ZK_PASTE(POLY_NAME, ntt_job)

/* One stage, butterflies [begin, end) of the n/2 in the stage (DIF, or DIT
 * when j->dit). The butterfly index i is (block, k) = (i / len, i % len);
 * divide once, then step, since a division per butterfly costs as much as
 * the butterfly. */
static void ZK_PASTE(POLY_NAME, stage_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    size_t len = j->len;
    const POLY_T *tw = j->tw + len;
    size_t blk = begin / len, k = begin % len;
    for (size_t i = begin; i < end;) {
        POLY_T *x = &j->a[2 * len * blk], *y = x + len;
        size_t stop = k + (end - i) < len ? k + (end - i) : len;
        if (j->dit)
            ZK_PASTE(POLY_NAME, dit_butterflies)(x + k, y + k, tw + k, stop - k);
        else
            ZK_PASTE(POLY_NAME, butterflies)(x + k, y + k, tw + k, stop - k);
        i += stop - k;
        k = 0;
        blk++;
    }
}

/* The stage of half-span 1, whose twiddles are all 1 (ω_2^0): x' = x + y,
 * y' = x - y without the multiplications, a tenth of a 2^20 transform's. */
static void ZK_PASTE(POLY_NAME, unit_stage)(POLY_T *a, size_t block)
{
    for (size_t i = 0; i < block; i += 2) {
        POLY_T t;
        POLY_SUB(t, a[i], a[i + 1]);
        POLY_ADD(a[i], a[i], a[i + 1]);
        a[i + 1] = t;
    }
}

/* The stages with half-span block/2 down to 1, inside one block. */
static void ZK_PASTE(POLY_NAME, block_stages)(POLY_T *a, const POLY_T *tw, size_t block)
{
    for (size_t len = block / 2; len >= 2; len >>= 1) {
        const POLY_T *w = tw + len;
        for (size_t start = 0; start < block; start += 2 * len)
            ZK_PASTE(POLY_NAME, butterflies)(a + start, a + start + len, w, len);
    }
    ZK_PASTE(POLY_NAME, unit_stage)(a, block);
}

static void ZK_PASTE(POLY_NAME, block_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t b = begin; b < end; b++)
        ZK_PASTE(POLY_NAME, block_stages)(j->a + b * j->block, j->tw, j->block);
}

static size_t ZK_PASTE(POLY_NAME, bitrev)(size_t i, unsigned bits)
{
    size_t r = 0;
    for (unsigned b = 0; b < bits; b++) {
        r = (r << 1) | (i & 1);
        i >>= 1;
    }
    return r;
}

static void ZK_PASTE(POLY_NAME, bitrev_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t i = begin; i < end; i++) {
        size_t r = ZK_PASTE(POLY_NAME, bitrev)(i, j->log_n);
        if (i < r) {
            POLY_T t = j->a[i];
            j->a[i] = j->a[r];
            j->a[r] = t;
        }
    }
}

/* a[i] *= factor^i. */
static void ZK_PASTE(POLY_NAME, powers_range)(void *ctx, size_t begin, size_t end, unsigned worker)
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

/* a[k] = -tw[n/2 - k] for 0 < k < n/2, a[0] = 1 (a and tw: the top
 * stages of tw_inv and tw). ω^-k = ω^(n-k) = ω^(n/2)·ω^(n/2-k) =
 * -ω^(n/2-k): the inverse table is the forward one reversed and negated. */
static void ZK_PASTE(POLY_NAME, negate_reversed_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    POLY_T zero;
    POLY_ZERO(zero);
    for (size_t k = begin; k < end; k++) {
        if (k == 0)
            POLY_ONE(j->a[0]);
        else
            POLY_SUB(j->a[k], zero, j->tw[j->n - k]);
    }
}

static void ZK_PASTE(POLY_NAME, scale_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t i = begin; i < end; i++)
        POLY_MUL(j->a[i], j->a[i], j->factor);
}

zk_err POLY_FN(domain_init)(POLY_DOMAIN *d, unsigned log_n)
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
        POLY_FN(domain_free)(d);
        return ZK_ENOMEM;
    }
    /* Stage tables: tw[len + k] = ω_{2len}^k for k < len, so every stage
     * reads its twiddles contiguously. Only the top stage (len = n/2, the
     * powers of ω) is computed; ω_{2len}^k = ω_{4len}^(2k), so each lower
     * stage takes every other entry of the one above, and the inverse
     * tables come from the forward ones by symmetry: n multiplications in
     * all (powers_range over ones) instead of 2n, on the thread pool. */
    size_t half = d->n / 2;
    if (half == 0)
        return ZK_OK;
    size_t grain = d->n >= NTT_PARALLEL_MIN ? 4096 : half;
    for (size_t k = 0; k < half; k++)
        POLY_ONE(d->tw[half + k]);
    NTT_JOB job = {.a = d->tw + half, .factor = d->omega};
    zk_parallel_for(half, grain, ZK_PASTE(POLY_NAME, powers_range), &job);
    job.a = d->tw_inv + half;
    job.tw = d->tw + half;
    job.n = half;
    zk_parallel_for(half, grain, ZK_PASTE(POLY_NAME, negate_reversed_range), &job);
    for (size_t len = half / 2; len >= 1; len >>= 1) {
        for (size_t k = 0; k < len; k++) {
            d->tw[len + k] = d->tw[2 * len + 2 * k];
            d->tw_inv[len + k] = d->tw_inv[2 * len + 2 * k];
        }
    }
    return ZK_OK;
}

void POLY_FN(domain_free)(POLY_DOMAIN *d)
{
    zk_free(d->tw);
    zk_free(d->tw_inv);
    d->tw = d->tw_inv = NULL;
}

/* DIF (dit false): the wide stages one at a time across the pool, then the
 * small ones block by block while each block sits in cache, then the
 * reordering when asked. DIT (dit true, dit_block_range defined below):
 * the mirror image, small stages first, never reordered. */
static void ZK_PASTE(POLY_NAME, dit_block_range)(void *ctx, size_t begin, size_t end, unsigned worker);

static void ZK_PASTE(POLY_NAME, transform)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *tw,
                                          bool reorder, bool dit)
{
    size_t n = d->n;
    if (n == 1)
        return;
    size_t block = (size_t)1 << NTT_BLOCK_LOG;
    if (block > n)
        block = n;
    size_t grain = n >= NTT_PARALLEL_MIN ? 1024 : n, block_grain = n >= NTT_PARALLEL_MIN ? 1 : n / block;
    NTT_JOB job = {.a = a, .tw = tw, .n = n, .log_n = d->log_n, .block = block, .dit = dit};
    if (dit) {
        zk_parallel_for(n / block, block_grain, ZK_PASTE(POLY_NAME, dit_block_range), &job);
        for (size_t len = block; len < n; len <<= 1) {
            job.len = len;
            zk_parallel_for(n / 2, grain, ZK_PASTE(POLY_NAME, stage_range), &job);
        }
        return;
    }
    for (size_t len = n / 2; len >= block; len >>= 1) {
        job.len = len;
        zk_parallel_for(n / 2, grain, ZK_PASTE(POLY_NAME, stage_range), &job);
    }
    zk_parallel_for(n / block, block_grain, ZK_PASTE(POLY_NAME, block_range), &job);
    if (reorder)
        zk_parallel_for(n, grain, ZK_PASTE(POLY_NAME, bitrev_range), &job);
}

void POLY_FN(ntt)(const POLY_DOMAIN *d, POLY_T *a)
{
    ZK_PASTE(POLY_NAME, transform)(d, a, d->tw, true, false);
}

void POLY_FN(ntt_bitrev)(const POLY_DOMAIN *d, POLY_T *a)
{
    ZK_PASTE(POLY_NAME, transform)(d, a, d->tw, false, false);
}

void POLY_FN(intt)(const POLY_DOMAIN *d, POLY_T *a)
{
    ZK_PASTE(POLY_NAME, transform)(d, a, d->tw_inv, true, false);
    NTT_JOB job = {.a = a, .factor = d->n_inv};
    zk_parallel_for(d->n, d->n >= NTT_PARALLEL_MIN ? 1024 : d->n, ZK_PASTE(POLY_NAME, scale_range), &job);
}

/* p(shift·ω^i) = Σ (a_k·shift^k)·ω^(ik): scale the coefficients, then NTT. */
void POLY_FN(coset_ntt)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *shift)
{
    NTT_JOB job = {.a = a, .factor = *shift};
    zk_parallel_for(d->n, d->n >= NTT_PARALLEL_MIN ? 1024 : d->n, ZK_PASTE(POLY_NAME, powers_range), &job);
    POLY_FN(ntt)(d, a);
}

void POLY_FN(coset_intt)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *shift)
{
    POLY_FN(intt)(d, a);
    NTT_JOB job = {.a = a};
    POLY_INV(job.factor, *shift);
    zk_parallel_for(d->n, d->n >= NTT_PARALLEL_MIN ? 1024 : d->n, ZK_PASTE(POLY_NAME, powers_range), &job);
}

/* ---- from the domain to a coset, without reordering ---------------------------- */

static void ZK_PASTE(POLY_NAME, dit_block_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const NTT_JOB *j = ctx;
    for (size_t b = begin; b < end; b++) {
        POLY_T *a = j->a + b * j->block;
        ZK_PASTE(POLY_NAME, unit_stage)(a, j->block);
        for (size_t len = 2; len < j->block; len <<= 1)
            for (size_t start = 0; start < j->block; start += 2 * len)
                ZK_PASTE(POLY_NAME, dit_butterflies)(a + start, a + start + len, j->tw + len, len);
    }
}

typedef struct ZK_PASTE(POLY_NAME, rev_scale_job) {
    POLY_T *a;
    POLY_T first;           /* the factor at index 0: 1/n */
    POLY_T shift;
    POLY_T step[64];        /* step[k]: the factor's change when j + 1 has k trailing zeros */
    unsigned log_n;
} ZK_PASTE(POLY_NAME, rev_scale_job);

/* a[j] *= (1/n)·shift^rev(j), rev over log_n bits. Going from j to j + 1
 * clears the k trailing ones of j and sets bit k, so rev(j + 1) = rev(j) -
 * Σ_{t<k} 2^(L-1-t) + 2^(L-1-k) and the factor changes by the constant
 * step[k] = shift^(2^(L-1-k)) / Π_{t<k} shift^(2^(L-1-t)): one
 * multiplication per element, with one power at the start of a range. */
static void ZK_PASTE(POLY_NAME, rev_scale_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const ZK_PASTE(POLY_NAME, rev_scale_job) *j = ctx;
    POLY_T f;
    POLY_POW_U64(f, j->shift, (uint64_t)ZK_PASTE(POLY_NAME, bitrev)(begin, j->log_n));
    POLY_MUL(f, f, j->first);
    for (size_t i = begin; i < end; i++) {
        POLY_MUL(j->a[i], j->a[i], f);
        unsigned k = 0;
        for (size_t m = i + 1; k < j->log_n && !(m & 1); m >>= 1)
            k++;
        if (k < j->log_n)
            POLY_MUL(f, f, j->step[k]);
    }
}

/* p on H → p on shift·H: the inverse transform by decimation in frequency
 * leaves n·(coefficients) in bit-reversed order, the scaling by
 * (1/n)·shift^k is applied there, and the forward transform by decimation
 * in time reads bit-reversed order and writes natural order. The pair
 * needs no reordering pass, where ntt and intt each make one. */
void POLY_FN(domain_to_coset)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *shift)
{
    size_t n = d->n;
    ZK_PASTE(POLY_NAME, transform)(d, a, d->tw_inv, false, false);
    ZK_PASTE(POLY_NAME, rev_scale_job) job = {.a = a, .first = d->n_inv, .shift = *shift,
                                              .log_n = d->log_n};
    /* pw[t] = shift^(2^(L-1-t)), and step[k] = pw[k] / (pw[0]·…·pw[k-1]). */
    POLY_T pw[64], prefix;
    POLY_ONE(prefix);
    for (unsigned t = d->log_n; t-- > 0;) {
        pw[t] = t + 1 == d->log_n ? *shift : pw[t + 1];
        if (t + 1 < d->log_n)
            POLY_MUL(pw[t], pw[t], pw[t]);
    }
    for (unsigned k = 0; k < d->log_n; k++) {
        POLY_T inv;
        POLY_INV(inv, prefix);
        POLY_MUL(job.step[k], pw[k], inv);
        POLY_MUL(prefix, prefix, pw[k]);
    }
    zk_parallel_for(n, n >= NTT_PARALLEL_MIN ? 1024 : n, ZK_PASTE(POLY_NAME, rev_scale_range), &job);
    ZK_PASTE(POLY_NAME, transform)(d, a, d->tw, false, true);
}

void POLY_FN(poly_eval)(POLY_T *r, const POLY_T *p, size_t len, const POLY_T *x)
{
    POLY_T acc;
    POLY_ZERO(acc);
    for (size_t i = len; i-- > 0;) {
        POLY_MUL(acc, acc, *x);
        POLY_ADD(acc, acc, p[i]);
    }
    *r = acc;
}

void POLY_FN(poly_mul_naive)(POLY_T *out, const POLY_T *a, size_t la, const POLY_T *b, size_t lb)
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
zk_err POLY_FN(poly_interpolate)(POLY_T *coeffs, const POLY_T *xs, const POLY_T *ys, size_t n)
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
        POLY_FN(poly_eval)(&den, num, n, &xs[i]);
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
void POLY_FN(poly_div_vanishing)(POLY_T *q, const POLY_T *p, size_t len, size_t m, bool *exact)
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

#undef POLY_FN
#undef POLY_DOMAIN
#undef NTT_JOB
#undef NTT_BLOCK_LOG
#undef NTT_PARALLEL_MIN
#undef POLY_RUN_MIN
#ifdef POLY_BUTTERFLY_RUN
#undef POLY_BUTTERFLY_RUN
#endif
