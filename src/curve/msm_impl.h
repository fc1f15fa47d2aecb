/* The multi-scalar multiplication of curve/msm.h, written once for G1 and G2.
 *
 * Included once, with no include guard, by curve/msm_g1.c and curve/msm_g2.c
 * after defining
 *   TPL_G      the group prefix, g1 or g2
 *   TPL_F      its field prefix, fq or fq2
 *   MSM_PHASE  the event phase name, "msm_g1" or "msm_g2"
 * and the scratch its batched additions need (curve/msm_lanes.h):
 *   MSM_LANES  vectors per group of eight for the eight-lane kernels
 *              (MSM_LANES_SCRATCH_G1 or _G2)
 *   MSM_X4     fq_t per addition for the 4×64-bit kernels (MSM_X4_SCRATCH_G1
 *              or _G2).
 * Everything here is static except <group>_msm_var and <group>_msm_var_with. */

#include <string.h>

#include "core/alloc.h"
#include "core/paste.h"
#include "core/pool.h"
#include "curve/msm_plan.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define F_(op) ZK_PASTE(TPL_F, op)
#define FT ZK_PASTE(TPL_F, t)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)
#define L_(op) ZK_PASTE(ZK_PASTE(msm_lanes, op), TPL_G)
#define X4_(op) ZK_PASTE(ZK_PASTE(msm_x4, op), TPL_G)
#define LGROUP ZK_PASTE(msm_lanes_group, TPL_G)
#define XSLOT ZK_PASTE(msm_x4_slot, TPL_G)

/* Bucket states. An affine bucket is FULL once it holds a point, BUSY while
 * an addition into it waits in the current batch; JAC marks a non-empty
 * Jacobian side bucket (collisions, or every bucket in Jacobian mode). */
enum { ST_FULL = 1, ST_BUSY = 2, ST_JAC = 4 };

/* An affine bucket: just the coordinates, 64 bytes in G1 (one cache line:
 * bucket accesses are random, and with 2^15 buckets they miss the L2). */
typedef struct bucket {
    FT x, y;
} bucket;

/* A point waiting for its bucket to leave the current batch. */
typedef struct deferred {
    const AFF *point;
    uint32_t bucket;
    bool neg;
} deferred;

/* One worker's scratch: its buckets and its batch. */
typedef struct workspace {
    bucket *aff;
    JAC *jac;
    uint8_t *state;
    uint32_t *slot_bucket;     /* the bucket of each staged addition */
    size_t cap;
    bool lanes;                /* the eight-lane kernels, else the 4×64 ones */
    void *batch;               /* the staged additions: groups of eight for
                                * the lanes (LGROUP), else slots (XSLOT) */
    void *add_scratch;         /* m52x8 (lanes) or fq_t (4×64) */
    fq_t *x4_acc;              /* the 4×64 batch's MSM_X4_CHAINS prefix chains,
                                * at add_scratch's end: written at every
                                * staging, they must not share a cache line
                                * with another worker's workspace */
    deferred *pend;            /* at most cap */
    size_t npend;
    bucket *chain;             /* the reduction's chains: run, then sum */
    uint8_t *chain_has;
    const bucket **chain_add;
    zk_err err;   /* set when this worker could not get its scratch */
} workspace;

typedef struct msm_job {
    const AFF *points;
    const msm_scalars *s;
    size_t n;
    msm_plan plan;
    workspace *ws;        /* one per pool thread, allocated by its first task */
    JAC *task_sums;       /* one per (window, part) */
    size_t first_task;
} msm_job;

static void workspace_free(workspace *w)
{
    zk_free(w->aff);
    zk_free(w->jac);
    zk_free(w->state);
    zk_free(w->slot_bucket);
    zk_free(w->batch);
    zk_free(w->add_scratch);
    zk_free(w->pend);
    zk_free(w->chain);
    zk_free(w->chain_has);
    zk_free(w->chain_add);
    memset(w, 0, sizeof *w);
}

static zk_err workspace_alloc(workspace *w, const msm_plan *p)
{
    size_t nb = ((size_t)1 << (p->c - 1)) / p->ranges, cap = p->batch ? p->batch_size : 1;
    memset(w, 0, sizeof *w);
    w->cap = cap;
    /* Jacobian mode keeps every bucket on the Jacobian side. */
    w->aff = zk_alloc_aligned(p->batch ? nb : 1, sizeof *w->aff);
    w->jac = zk_alloc_aligned(nb, sizeof *w->jac);
    w->state = zk_alloc(nb, 1);
    bool ok = w->aff && w->jac && w->state;
    if (p->batch) {
        size_t groups = (cap + ZK_M52_LANES - 1) / ZK_M52_LANES;
        w->lanes = p->lanes;
        w->slot_bucket = zk_alloc(cap, sizeof *w->slot_bucket);
        w->batch = zk_alloc_aligned(groups, sizeof(LGROUP));
        w->add_scratch = p->lanes ? zk_alloc_aligned(MSM_LANES * groups, sizeof(m52x8))
                                  : zk_alloc_aligned(MSM_X4 * cap + MSM_X4_CHAINS, sizeof(fq_t));
        if (!p->lanes && w->add_scratch)
            w->x4_acc = (fq_t *)w->add_scratch + MSM_X4 * cap;
        w->pend = zk_alloc(cap, sizeof *w->pend);
        w->chain = zk_alloc(2 * cap, sizeof *w->chain);
        w->chain_has = zk_alloc(2 * cap, 1);
        w->chain_add = zk_alloc(cap, sizeof *w->chain_add);
        ok = ok && w->slot_bucket && w->batch && w->add_scratch && w->pend && w->chain
             && w->chain_has && w->chain_add;
    }
    if (!ok) {
        workspace_free(w);
        return ZK_ENOMEM;
    }
    return ZK_OK;
}

/* Adds ±P into Jacobian side bucket b. */
static void side_add(workspace *w, uint32_t b, const AFF *p, bool neg)
{
    AFF t = *p;
    if (neg)
        F_(neg)(&t.y, &t.y);
    if (w->state[b] & ST_JAC) {
        G_(add_mixed_var)(&w->jac[b], &w->jac[b], &t);
    } else {
        G_(from_aff)(&w->jac[b], &t);
        w->state[b] |= ST_JAC;
    }
}

/* sum += times·run, times >= 1. */
static void add_times(JAC *sum, const JAC *run, uint64_t times)
{
    if (G_(is_inf)(run))
        return;
    if (times == 1) {
        G_(add_var)(sum, sum, run);
        return;
    }
    JAC t;
    const uint64_t k[4] = {times, 0, 0, 0};
    G_(mul_var)(&t, run, k);
    G_(add_var)(sum, sum, &t);
}

/* Σ_b (b + 1)·bucket_b over a task's nb buckets, and in *total Σ_b bucket_b,
 * as a running sum from the top bucket down: after bucket b,
 * run = Σ_{b' >= b} bucket_b' and the sum has gained run. Across a stretch
 * of empty buckets run does not change, so the stretch's additions of run
 * are made at once as a small multiple: sparse buckets (few points, small
 * scalars) then cost next to nothing. Only the parts of each bucket that
 * use selects (ST_FULL, ST_JAC or both) count, and only buckets
 * [off, off + nb), bucket off + b weighing b + 1. */
static void buckets_reduce(JAC *r, JAC *total, const workspace *w, size_t off, size_t nb,
                           uint8_t use)
{
    JAC run, sum;
    G_(set_inf)(&run);
    G_(set_inf)(&sum);
    uint64_t pending = 0;   /* additions of run owed to sum */
    for (size_t b = off + nb; b-- > off;) {
        uint8_t st = w->state[b] & use;
        if (st & (ST_FULL | ST_JAC)) {
            if (pending)
                add_times(&sum, &run, pending);
            pending = 0;
            if (st & ST_FULL) {
                AFF a = {w->aff[b].x, w->aff[b].y, false};
                G_(add_mixed_var)(&run, &run, &a);
            }
            if (st & ST_JAC)
                G_(add_var)(&run, &run, &w->jac[b]);
        }
        pending++;
    }
    add_times(&sum, &run, pending);
    *r = sum;
    *total = run;
}

#include "curve/msm_impl_lanes.h"

/* One task: window j, buckets [lo, lo + nb) of it. The digits are those of
 * the folded scalar; MSM_NEG says the point to use is -P. */
static void task_run(workspace *w, const msm_job *jb, unsigned j, size_t lo, size_t nb, JAC *out)
{
    const uint8_t *flags = jb->s->flags;
    const int16_t *digits = jb->s->digits + (size_t)j * jb->n;
    memset(w->state, 0, nb);
    /* Bucket b of the range stands for digit lo + b + 1: the reduction's
     * weights b + 1 fall short by lo each. */
    JAC total;
    if (jb->plan.batch) {
        /* A window above the longest scalar's top bits (the top window,
         * mostly) has digits up to 2^top only: its few buckets would make
         * every batch collide. Its points are spread over nb/period copies
         * of them instead, which the reduction weighs alike. */
        size_t period = nb;
        unsigned c = jb->plan.c, bits = jb->s->bits;
        unsigned top = bits > c * j ? bits - c * j : 0;
        size_t L = lanes_chains(w, nb);
        if (lo == 0 && top < c - 1 && ((size_t)1 << top) < nb && L
            && ((size_t)1 << top) >= nb / L)
            period = (size_t)1 << top;
        task_scan_lanes(w, jb, digits, lo, nb, period);
        if (lanes_reduce(out, &total, w, nb, period)) {
            add_times(out, &total, lo);
            return;
        }
    } else {
        for (size_t i = 0; i < jb->n; i++) {
            int32_t d = digits[i];
            if (d == 0)
                continue;
            /* Unsigned wrap-around makes one comparison test both ends. */
            uint32_t b = (uint32_t)(d < 0 ? -d : d) - 1 - (uint32_t)lo;
            if (b < nb && !jb->points[i].inf)
                side_add(w, b, &jb->points[i], (d < 0) ^ (bool)(flags[i] & MSM_NEG));
        }
    }
    buckets_reduce(out, &total, w, 0, nb, ST_FULL | ST_JAC);
    add_times(out, &total, lo);
}

static void task_range(void *vctx, size_t begin, size_t end, unsigned worker)
{
    const msm_job *jb = vctx;
    const size_t nb = ((size_t)1 << (jb->plan.c - 1)) / jb->plan.ranges;
    for (size_t t = begin; t < end; t++) {
        size_t task = jb->first_task + t;
        unsigned j = (unsigned)(task / jb->plan.ranges);
        size_t range = task % jb->plan.ranges;
        workspace *w = &jb->ws[worker];
        /* Scratch is taken by the threads that get work, not by every
         * thread of the pool: a big pool with few tasks stays small. */
        if (!w->state && !w->err)
            w->err = workspace_alloc(w, &jb->plan);
        if (w->err)
            return;
        task_run(w, jb, j, range * nb, nb, &jb->task_sums[task]);
    }
}

/* ---- scalars ±1 ----------------------------------------------------------- */

/* The points with scalar ±1 are summed apart. Many of them (an R1CS
 * witness is mostly bits) are summed as a tree of batched affine additions,
 * the pairs of a level added with one inversion a batch, at half the cost
 * of a Jacobian addition each; a few are added in Jacobian coordinates. */
#define ONES_BATCHED 256   /* fewer in a range: Jacobian additions */
#define ONES_TREE_MIN 16   /* a tree level this small is finished in Jacobian */
#define ONES_CHUNK 8192    /* points a tree takes at most (1 MB in G2, in cache) */

typedef struct ones_ctx {
    const AFF *points;
    const uint8_t *flags;
    JAC *acc;            /* one per worker */
    msm_plan plan;       /* batch = false: Jacobian additions only */
    workspace *ws;       /* one per worker, allocated by its first range */
    zk_err *err;         /* one per worker */
} ones_ctx;

static void add_bucket(JAC *acc, const bucket *b)
{
    AFF a = {b->x, b->y, false};
    G_(add_mixed_var)(acc, acc, &a);
}

/* *acc += Σ v[0..k), level by level: pairs with distinct x are staged and
 * added in batches, their sums written to the front of v (never past the
 * pair being read); pairs with equal x (P + P, P - P) go to acc apart. */
static void ones_tree(workspace *w, bucket *v, size_t k, JAC *acc)
{
    while (k > ONES_TREE_MIN) {
        size_t out = 0, m = 0;
        for (size_t i = 0; i + 1 < k; i += 2) {
            if (F_(eq)(&v[i].x, &v[i + 1].x)) {
                add_bucket(acc, &v[i]);
                add_bucket(acc, &v[i + 1]);
                continue;
            }
            lanes_stage(w, m, &v[i].x, &v[i].y, &v[i + 1].x, &v[i + 1].y);
            w->slot_bucket[m++] = (uint32_t)out++;
            if (m == w->cap || i + 3 >= k) {
                lanes_run(w, m);
                for (size_t t = 0; t < m; t++)
                    lanes_result(&v[w->slot_bucket[t]], w, t);
                m = 0;
            }
        }
        if (m) {
            lanes_run(w, m);
            for (size_t t = 0; t < m; t++)
                lanes_result(&v[w->slot_bucket[t]], w, t);
        }
        if (k % 2)
            v[out++] = v[k - 1];
        k = out;
    }
    for (size_t i = 0; i < k; i++)
        add_bucket(acc, &v[i]);
}

static void ones_range(void *vctx, size_t begin, size_t end, unsigned worker)
{
    ones_ctx *c = vctx;
    JAC *acc = &c->acc[worker];
    workspace *w = &c->ws[worker];
    bucket *v = NULL;
    size_t k = 0;
    if (c->plan.batch && end - begin >= ONES_BATCHED && !c->err[worker]) {
        if (!w->state)
            c->err[worker] = workspace_alloc(w, &c->plan);
        if (!c->err[worker] && !(v = zk_alloc(ONES_CHUNK, sizeof *v)))
            c->err[worker] = ZK_ENOMEM;
    }
    for (size_t i = begin; i < end; i++) {
        if (!(c->flags[i] & MSM_ONE) || c->points[i].inf)
            continue;
        AFF t = c->points[i];
        if (c->flags[i] & MSM_NEG)
            F_(neg)(&t.y, &t.y);
        if (!v) {
            G_(add_mixed_var)(acc, acc, &t);
            continue;
        }
        v[k].x = t.x;
        v[k++].y = t.y;
        if (k == ONES_CHUNK) {
            ones_tree(w, v, k, acc);
            k = 0;
        }
    }
    if (v)
        ones_tree(w, v, k, acc);
    zk_free(v);
}

/* ---- the driver ----------------------------------------------------------- */

/* When most scalars are 0 or ±1 (an R1CS witness), the points that go
 * through the windows are scattered over the input, and every window would
 * fetch each from memory again. Copying them (with their scalars and flags)
 * next to each other once makes the windows stream them instead. The copy
 * replaces s's arrays' prefix in place; the ±1 pass must come first. */
static AFF *pack_many(msm_scalars *s, const AFF *points, size_t n)
{
    AFF *packed = zk_alloc(s->n_many, sizeof *packed);
    if (!packed)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(s->flags[i] & MSM_MANY))
            continue;
        packed[m] = points[i];
        memmove(s->k[m], s->k[i], sizeof s->k[m]);
        s->flags[m] = s->flags[i];
        m++;
    }
    return packed;
}

zk_err G_(msm_var_with)(JAC *r, const AFF *points, const fr_t *scalars, size_t n,
                        const zk_events *ev, const msm_config *cfg)
{
    G_(set_inf)(r);
    msm_scalars s;
    zk_err err = msm_scalars_prepare(&s, scalars, n);
    if (err)
        return err;
    unsigned threads = zk_pool_threads();
    msm_job jb = {.points = points, .s = &s, .n = n};
    msm_plan_choose(&jb.plan, s.n_many, s.bits, threads, true, cfg);
    size_t tasks = s.n_many ? (size_t)jb.plan.windows * jb.plan.ranges : 0;
    AFF *packed = NULL;
    JAC *ones = zk_alloc(threads, sizeof *ones);
    zk_err *ones_err = zk_calloc(threads, sizeof *ones_err);
    jb.ws = zk_calloc(threads, sizeof *jb.ws);
    jb.task_sums = zk_alloc(tasks ? tasks : 1, sizeof *jb.task_sums);
    if (!ones || !ones_err || !jb.ws || !jb.task_sums) {
        err = ZK_ENOMEM;
        goto out;
    }
    if ((err = zk_emit(ev, ZK_EV_BEGIN, MSM_PHASE, 0, tasks, NULL)) != ZK_OK)
        goto out;

    for (unsigned t = 0; t < threads; t++)
        G_(set_inf)(&ones[t]);
    if (s.n_one) {
        /* One range a thread, so that each builds one big tree. */
        ones_ctx oc = {points, s.flags, ones, {0}, jb.ws, ones_err};
        msm_plan_ones(&oc.plan, true, cfg);
        zk_parallel_for(n, (n + threads - 1) / threads, ones_range, &oc);
        for (unsigned t = 0; t < threads; t++) {
            if (!err)
                err = ones_err[t];
            workspace_free(&jb.ws[t]);
        }
        if (err)
            goto out;
    }
    if (tasks && s.n_many <= n / 2) {
        if (!(packed = pack_many(&s, points, n))) {
            err = ZK_ENOMEM;
            goto out;
        }
        jb.points = packed;
        jb.n = s.n_many;
    }
    if (tasks && (err = msm_digits(&s, jb.n, &jb.plan)) != ZK_OK)
        goto out;

    /* Tasks go out in rounds, so that progress is reported and cancellation
     * honoured between rounds: about eight rounds, each with at least two
     * tasks per thread, which the threads take as they become free. */
    size_t round = tasks / 8 > 2 * (size_t)threads ? tasks / 8 : 2 * (size_t)threads;
    for (size_t done = 0; done < tasks; done += round) {
        jb.first_task = done;
        size_t count = tasks - done < round ? tasks - done : round;
        zk_parallel_for(count, 1, task_range, &jb);
        for (unsigned t = 0; t < threads && !err; t++)
            err = jb.ws[t].err;
        if (err)
            goto out;
        if ((err = zk_emit(ev, ZK_EV_PROGRESS, MSM_PHASE, done + count, tasks, NULL)) != ZK_OK)
            goto out;
    }

    /* Σ_j 2^(cj)·S_j by Horner's rule, the ranges of a window added first. */
    JAC acc;
    G_(set_inf)(&acc);
    for (size_t j = jb.plan.windows; tasks && j-- > 0;) {
        for (unsigned i = 0; i < jb.plan.c; i++)
            G_(dbl)(&acc, &acc);
        for (size_t range = 0; range < jb.plan.ranges; range++)
            G_(add_var)(&acc, &acc, &jb.task_sums[j * jb.plan.ranges + range]);
    }
    for (unsigned t = 0; t < threads; t++)
        G_(add_var)(&acc, &acc, &ones[t]);
    *r = acc;
    err = zk_emit(ev, ZK_EV_END, MSM_PHASE, tasks, tasks, NULL);
out:
    if (jb.ws)
        for (unsigned t = 0; t < threads; t++)
            workspace_free(&jb.ws[t]);
    zk_free(jb.ws);
    zk_free(jb.task_sums);
    zk_free(ones);
    zk_free(ones_err);
    zk_free(packed);
    msm_scalars_free(&s);
    if (err)
        G_(set_inf)(r);
    return err;
}

zk_err G_(msm_var)(JAC *r, const AFF *points, const fr_t *scalars, size_t n,
                   const zk_events *ev)
{
    return G_(msm_var_with)(r, points, scalars, n, ev, NULL);
}

#undef G_
#undef F_
#undef FT
#undef AFF
#undef JAC
#undef TPL_G
#undef TPL_F
#undef MSM_PHASE
#undef MSM_LANES
#undef MSM_X4
#undef L_
#undef X4_
#undef LGROUP
#undef XSLOT
