#include "curve/msm_plan.h"

#include <math.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/recode.h"
#include "field/mont52x8.h"

/* ---- scalars ------------------------------------------------------------ */

typedef struct prep_stats {
    size_t n_many, n_one;
    unsigned bits;
} prep_stats;

typedef struct prep_ctx {
    msm_scalars *s;
    const fr_t *in;
    prep_stats *stats;   /* one per worker */
} prep_ctx;

/* k <= (r-1)/2 stays; k > (r-1)/2 becomes r - k < r/2 with the point negated:
 * every scalar then has at most 253 bits, and "r - small" (a small negative
 * number, common in witnesses) becomes small. */
static void prep_range(void *vctx, size_t begin, size_t end, unsigned worker)
{
    prep_ctx *c = vctx;
    prep_stats *st = &c->stats[worker];
    const uint64_t *half = fr_params.p_minus_1_half, *r = fr_params.p;
    for (size_t i = begin; i < end; i++) {
        uint64_t *k = c->s->k[i];
        fr_to_int(k, &c->in[i]);
        uint8_t f = 0;
        if ((k[0] | k[1] | k[2] | k[3]) == 0) {
            c->s->flags[i] = 0;
            continue;
        }
        if (u256_cmp(k, half) > 0) {
            uint64_t borrow = 0;
            for (int l = 0; l < 4; l++)
                MONT256_SBB(k[l], r[l], k[l], borrow);
            f |= MSM_NEG;
        }
        if (k[0] == 1 && (k[1] | k[2] | k[3]) == 0) {
            f |= MSM_ONE;
            st->n_one++;
        } else {
            f |= MSM_MANY;
            st->n_many++;
            unsigned b = recode_bit_length(k);
            if (b > st->bits)
                st->bits = b;
        }
        c->s->flags[i] = f;
    }
}

zk_err msm_scalars_prepare(msm_scalars *s, const fr_t *scalars, size_t n)
{
    memset(s, 0, sizeof *s);
    unsigned threads = zk_pool_threads();
    s->k = zk_alloc_aligned(n ? n : 1, sizeof *s->k);
    if (!s->k)
        return ZK_ENOMEM;   /* before asking for the rest */
    s->n = n;
    s->flags = zk_alloc(n ? n : 1, 1);
    prep_stats *stats = zk_calloc(threads, sizeof *stats);
    if (!s->flags || !stats) {
        zk_free(stats);
        msm_scalars_free(s);
        return ZK_ENOMEM;
    }
    prep_ctx c = {s, scalars, stats};
    zk_parallel_for(n, 4096, prep_range, &c);
    for (unsigned t = 0; t < threads; t++) {
        s->n_many += stats[t].n_many;
        s->n_one += stats[t].n_one;
        if (stats[t].bits > s->bits)
            s->bits = stats[t].bits;
    }
    zk_free(stats);
    return ZK_OK;
}

void msm_scalars_free(msm_scalars *s)
{
    zk_free_secret(s->k, s->k ? s->n : 0, sizeof *s->k);
    zk_free_secret(s->flags, s->flags ? s->n : 0, 1);
    zk_free_secret(s->digits, s->n_digits, sizeof *s->digits);
    s->k = NULL;
    s->flags = NULL;
    s->digits = NULL;
}

/* ---- the plan ------------------------------------------------------------- */

/* Costs in 4×64-bit field multiplications, measured on G1 and close enough
 * for G2 (whose operations all scale by about the same factor).
 *
 * Jacobian buckets: a mixed addition (madd-2007-bl, 7M + 4S, plus
 * additions) per point, and per bucket at the end two Jacobian additions
 * (running sum and total).
 *
 * Batch-affine buckets, per kernel set (curve/msm_lanes.h): an addition
 * with its staging and its bucket's cache miss; one shared inversion,
 * spread over a batch; a collision, which only defers the point to the next
 * batch; and reducing a bucket, two batched additions and the chains' share
 * of the inversions. With IFMA, eight at a time (curve/msm_lanes.c), an
 * addition costs about four and a half scalar multiplications (measured on
 * the Zen 5 development machine) and the inversion a little more than alone
 * (the eight lanes' products are combined first). With the 4×64-bit kernels
 * (curve/msm_x4.c) an addition is 5M + 1S and about three multiplications'
 * worth of scanning, staging and cache misses, the inversion a safegcd
 * inversion and the four chains' combination (measured on a Sapphire Rapids
 * with AVX-512 masked off, ZKCAVE_CPU_MASK=avx512f).
 *
 * Per point and task, reading and testing the digit. Splitting a window's
 * buckets into ranges did not make the additions measurably cheaper through
 * the cache on the 2-core development machine (the points streaming past
 * evict the buckets anyway), so ranges are priced by their scanning only and
 * serve to balance the threads. */
#define COST_ADD_JAC 12.5
#define COST_REDUCE_JAC 33.0
#define COST_SCAN 0.1

typedef struct batch_costs {
    double add, inv, collide, reduce;
} batch_costs;

static const batch_costs costs_lanes = {4.5, 300.0, 0.5, 9.0};
static const batch_costs costs_x4 = {9.0, 175.0, 0.5, 20.0};

/* Independent additions per inversion. A larger batch spreads the inversion
 * thinner (inv / b per addition), but a point whose bucket is already
 * waiting in the batch (probability about b/2 out of the task's buckets)
 * waits for the next (collide more). The sum is smallest at
 * b = sqrt(2·inv·buckets/collide). */
static size_t batch_size_for(size_t buckets, const batch_costs *k)
{
    size_t b = (size_t)sqrt(2 * k->inv * (double)buckets / k->collide);
    b = b < 16 ? 16 : b > 2048 ? 2048 : b;
    /* About b²/(2·buckets) points of a batch find their bucket taken and
     * wait; kept to a quarter of the batch, the waiting list never fills.
     * And past 1024 additions (256 KB of staged coordinates) the batch
     * falls out of the L2 cache for no measurable gain in inversions. */
    if (b > buckets / 2)
        b = buckets / 2;
    if (b > 1024)
        b = 1024;
    return b < 8 ? 8 : (b + 7) / 8 * 8;
}

static double plan_cost(const msm_plan *p, size_t n, unsigned bits, unsigned threads)
{
    size_t nb = (size_t)1 << (p->c - 1), range = nb / p->ranges;
    const batch_costs *k = p->lanes ? &costs_lanes : &costs_x4;
    double collide = (double)p->batch_size / 2 / (double)range;
    double per_add = p->batch ? k->add + k->inv / (double)p->batch_size
                                    + k->collide * (collide < 1 ? collide : 1)
                              : COST_ADD_JAC;
    double task = (double)n * COST_SCAN + (double)n / p->ranges * per_add
                  + (double)range * (p->batch ? k->reduce : COST_REDUCE_JAC)
                  + (p->batch ? k->inv : 0);
    size_t tasks = (size_t)p->windows * p->ranges;
    double cost = (double)((tasks + threads - 1) / threads) * task;
    /* The top window's digits reach 2^top only. In batches its points are
     * spread over copies of those few buckets, unless they are fewer than
     * a reduction chain is long (msm_impl.h, task_run): then nearly every
     * point collides and takes a Jacobian addition. */
    if (p->batch) {
        unsigned top = bits > p->c * (p->windows - 1) ? bits - p->c * (p->windows - 1) : 0;
        size_t chains = nb / 8 < 256 ? nb / 8 : 256;
        if (top < p->c - 1 && ((size_t)1 << top) < (chains ? nb / chains : nb))
            cost += (double)n * (COST_ADD_JAC - k->add) / threads;
    }
    return cost;
}

/* Eight at a time when forced, or unless batch = 1 forbids it, when the
 * kernels make it pay; forcing it runs the C twin of the kernels where
 * there is no IFMA. */
static bool use_lanes(bool lanes, const msm_config *cfg)
{
    int force = cfg ? cfg->batch : 0;
    return lanes && (force == 2 || (force == 0 && m52x8_fast()));
}

void msm_plan_ones(msm_plan *p, bool lanes, const msm_config *cfg)
{
    memset(p, 0, sizeof *p);
    p->c = 2;
    p->ranges = 1;
    p->batch = !cfg || cfg->batch >= 0;
    p->lanes = p->batch && use_lanes(lanes, cfg);
    /* A tree's pairs never collide: the batch is as large as the cache
     * comfortably holds. */
    p->batch_size = 1024;
}

void msm_plan_choose(msm_plan *best, size_t n_many, unsigned bits, unsigned threads,
                     bool lanes, const msm_config *cfg)
{
    bool lanes_fast = use_lanes(lanes, cfg);
    if (threads == 0)
        threads = 1;
    double best_cost = -1;
    /* c = 1 has no signed digit set that reaches positive scalars
     * ({-1, 0} only), so windows start at 2 bits. */
    unsigned c_lo = 2, c_hi = 16;
    if (cfg && cfg->window >= 2 && cfg->window <= 16)
        c_lo = c_hi = cfg->window;
    for (unsigned c = c_lo; c <= c_hi; c++) {
        size_t nb = (size_t)1 << (c - 1);
        for (int b = 0; b < 2; b++) {
            if (cfg && ((cfg->batch > 0 && !b) || (cfg->batch < 0 && b)))
                continue;
            /* Powers of two up to 64 ranges; a forced count is rounded down
             * to one, and to the number of buckets. */
            unsigned want = 0;
            if (cfg && cfg->ranges) {
                want = 1;
                while (want * 2 <= cfg->ranges && want * 2 <= 64 && want * 2 <= nb)
                    want *= 2;
            }
            for (unsigned ranges = 1; ranges <= 64 && ranges <= nb; ranges *= 2) {
                if (want && ranges != want)
                    continue;
                msm_plan p = {
                    .c = c,
                    .windows = (bits + 2 + c - 1) / c,
                    .ranges = ranges,
                    .batch = b,
                    .lanes = b && lanes_fast,
                    .batch_size = batch_size_for(nb / ranges, b && lanes_fast ? &costs_lanes
                                                                              : &costs_x4),
                };
                double cost = plan_cost(&p, n_many, bits, threads);
                if (best_cost < 0 || cost < best_cost) {
                    best_cost = cost;
                    *best = p;
                }
            }
        }
    }
}

/* ---- digits ------------------------------------------------------------------ */

typedef struct digits_ctx {
    msm_scalars *s;
    size_t n;
    unsigned c, windows;
} digits_ctx;

/* Bottom-up signed recoding: d = raw + carry, and d >= 2^(c-1) becomes
 * d - 2^c with a carry into the next window. The scalar has at most
 * windows·c - 2 bits, so the top window's raw value is below 2^(c-2) and
 * its digit never wraps. */
static void digits_range(void *vctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const digits_ctx *c = vctx;
    const uint32_t half = (uint32_t)1 << (c->c - 1);
    for (size_t i = begin; i < end; i++) {
        const uint64_t *k = c->s->k[i];
        bool many = c->s->flags[i] & MSM_MANY;
        uint32_t carry = 0;
        for (unsigned j = 0; j < c->windows; j++) {
            uint32_t v = (uint32_t)recode_bits(k, j * c->c, c->c) + carry;
            int32_t d = (int32_t)v;
            carry = v >= half;
            if (carry)
                d -= (int32_t)(half << 1);
            c->s->digits[(size_t)j * c->n + i] = many ? (int16_t)d : 0;
        }
    }
}

zk_err msm_digits(msm_scalars *s, size_t n, const msm_plan *p)
{
    int16_t *d = zk_alloc_aligned(n ? (size_t)p->windows * n : 1, sizeof *d);
    if (!d)
        return ZK_ENOMEM;
    s->digits = d;
    s->n_digits = n ? (size_t)p->windows * n : 1;
    digits_ctx c = {s, n, p->c, p->windows};
    zk_parallel_for(n, 4096, digits_range, &c);
    zk_free_secret(s->k, s->n, sizeof *s->k);
    s->k = NULL;
    return ZK_OK;
}
