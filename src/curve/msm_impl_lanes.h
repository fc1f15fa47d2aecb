/* The batched parts of the MSM template (curve/msm_impl.h): bucket
 * accumulation and bucket reduction with batches of affine additions
 * (curve/msm_lanes.h), on the eight-lane kernels or the 4×64-bit ones.
 * Included by msm_impl.h, at the point where its workspace, side buckets
 * and scalar reduction are defined; no include guard, like msm_impl.h.
 *
 * A point whose x equals its bucket's (P = ±B) goes to the Jacobian side
 * bucket at once, so every staged addition has a non-zero denominator; and
 * a point whose bucket already waits in the batch is deferred to the next
 * batch (as gnark-crypto's MSM does) rather than added in Jacobian
 * coordinates, which would cost twice a batched addition. Deferred points
 * that find no room go to the side bucket after all. */

/* Performs the m staged additions (m > 0); for the lanes the last group
 * is padded. */
static void lanes_run(workspace *w, size_t m)
{
    if (!w->lanes) {
        X4_(finish)(w->batch, m, w->cap, w->add_scratch, w->x4_acc);
        return;
    }
    LGROUP *g = w->batch;
    size_t groups = (m + ZK_M52_LANES - 1) / ZK_M52_LANES;
    if (m % ZK_M52_LANES)
        L_(pad)(&g[groups - 1], (unsigned)(m % ZK_M52_LANES));
    L_(add)(g, groups, w->add_scratch);
}

/* Stages (xb, yb) + (xp, yp) as addition t of the batch (t = 0, 1, ...;
 * the 4×64 kernels start its share of the shared inversion here). */
static inline void lanes_stage(workspace *w, size_t t, const FT *xb, const FT *yb, const FT *xp,
                               const FT *yp)
{
    if (w->lanes) {
        L_(stage)(&((LGROUP *)w->batch)[t / ZK_M52_LANES], (unsigned)(t % ZK_M52_LANES), xb, yb,
                  xp, yp);
    } else {
        X4_(stage)(w->batch, t, w->cap, w->add_scratch, w->x4_acc, xb, yb, xp, yp);
    }
}

/* Reads staged addition t's sum into b. */
static void lanes_result(bucket *b, const workspace *w, size_t t)
{
    if (w->lanes) {
        L_(result)(&b->x, &b->y, &((const LGROUP *)w->batch)[t / ZK_M52_LANES],
                   (unsigned)(t % ZK_M52_LANES));
    } else {
        const XSLOT *sl = &((const XSLOT *)w->batch)[t];
        b->x = sl->xb;
        b->y = sl->yb;
    }
}

/* Writes the batch's results back to their buckets. */
static void lanes_flush(workspace *w, size_t m)
{
    if (m == 0)
        return;
    lanes_run(w, m);
    for (size_t t = 0; t < m; t++) {
        uint32_t b = w->slot_bucket[t];
        lanes_result(&w->aff[b], w, t);
        w->state[b] &= (uint8_t)~ST_BUSY;
    }
}

/* Adds ±P to bucket b: fills an empty bucket, stages an addition as slot
 * *m, defers it, or hands it to the side bucket. Never flushes. */
static void lanes_add(workspace *w, size_t *m, uint32_t b, const AFF *p, bool neg)
{
    uint8_t st = w->state[b];
    bucket *bk = &w->aff[b];
    if (!(st & ST_FULL)) {
        bk->x = p->x;
        if (neg)
            F_(neg)(&bk->y, &p->y);
        else
            bk->y = p->y;
        w->state[b] = st | ST_FULL;
    } else if (st & ST_BUSY) {
        if (w->npend < w->cap)
            w->pend[w->npend++] = (deferred){p, b, neg};
        else
            side_add(w, b, p, neg);
    } else if (F_(eq)(&bk->x, &p->x)) {
        side_add(w, b, p, neg);
    } else {
        size_t t = (*m)++;
        FT ny;
        if (neg)
            F_(neg)(&ny, &p->y);
        lanes_stage(w, t, &bk->x, &bk->y, &p->x, neg ? &ny : &p->y);
        w->slot_bucket[t] = b;
        w->state[b] = st | ST_BUSY;
    }
}

/* Flushes the batch and stages the deferred points into the next one, as
 * long as batches fill up. With last set, flushes until nothing is staged
 * and sends what is still deferred to the side buckets. */
static void lanes_drain(workspace *w, size_t *m, bool last)
{
    do {
        lanes_flush(w, *m);
        *m = 0;
        size_t np = w->npend;
        w->npend = 0;
        /* Re-deferred entries land at indices below the one being read. */
        for (size_t i = 0; i < np; i++) {
            deferred e = w->pend[i];
            if (*m == w->cap)
                w->pend[w->npend++] = e;
            else
                lanes_add(w, m, e.bucket, e.point, e.neg);
        }
    } while (*m == w->cap || (last && *m > 0));
    if (last) {
        for (size_t i = 0; i < w->npend; i++)
            side_add(w, w->pend[i].bucket, w->pend[i].point, w->pend[i].neg);
        w->npend = 0;
    }
}

#ifndef MSM_AHEAD
#define MSM_AHEAD 16
#endif
/* Point i's bucket for digit d, or a value >= nb for none: digit |d| is
 * bucket |d| - 1 - lo, in copy i mod copies of the period's buckets. */
static inline uint32_t lanes_bucket(int32_t d, size_t i, size_t lo, size_t period,
                                    size_t copies)
{
    uint32_t b = (uint32_t)(d < 0 ? -d : d) - 1 - (uint32_t)lo;
    return b + (uint32_t)(period * (i & (copies - 1)));
}

/* With period < nb (a narrow window, see task_run), point i goes to copy
 * i mod (nb/period) of the period buckets its digit selects. */
static void task_scan_lanes(workspace *w, const msm_job *jb, const int16_t *digits, size_t lo,
                            size_t nb, size_t period)
{
    const uint8_t *flags = jb->s->flags;
    const size_t copies = nb / period;
    size_t m = 0;
    w->npend = 0;
    for (size_t i = 0; i < jb->n; i++) {
        if (i + MSM_AHEAD < jb->n && digits[i + MSM_AHEAD] != 0) {
            uint32_t ba = lanes_bucket(digits[i + MSM_AHEAD], i + MSM_AHEAD, lo, period, copies);
            if (ba < nb)
                msm_prefetch(&w->aff[ba]);
        }
        int32_t d = digits[i];
        if (d == 0)
            continue;
        uint32_t b = lanes_bucket(d, i, lo, period, copies);
        if (b >= nb)
            continue;
        const AFF *p = &jb->points[i];
        if (p->inf)
            continue;
        lanes_add(w, &m, b, p, (d < 0) ^ (bool)(flags[i] & MSM_NEG));
        if (m == w->cap)
            lanes_drain(w, &m, false);
    }
    lanes_drain(w, &m, true);
}

/* acc += a for affine points with equal x, which the lanes cannot take
 * (a doubling, or a sum at infinity): in Jacobian coordinates and back,
 * one inversion. Rare: only inputs built to repeat points get here. */
static void chain_add_slow(bucket *acc, uint8_t *has, const bucket *a)
{
    JAC j;
    AFF pa = {acc->x, acc->y, false}, pb = {a->x, a->y, false};
    G_(from_aff)(&j, &pa);
    G_(add_mixed_var)(&j, &j, &pb);
    G_(to_aff_var)(&pa, &j);
    acc->x = pa.x;
    acc->y = pa.y;
    *has = !pa.inf;
}

/* acc[k] += add[k] for the chains k < L whose add is present: copies into
 * empty accumulators, stages the rest as one batch of lanes. */
static void chains_add(workspace *w, bucket *acc, uint8_t *acc_has, const bucket *const *add,
                       size_t L)
{
    size_t m = 0;
    for (size_t k = 0; k < L; k++) {
        if (!add[k])
            continue;
        if (!acc_has[k]) {
            acc[k] = *add[k];
            acc_has[k] = 1;
        } else if (F_(eq)(&acc[k].x, &add[k]->x)) {
            chain_add_slow(&acc[k], &acc_has[k], add[k]);
        } else {
            lanes_stage(w, m, &acc[k].x, &acc[k].y, &add[k]->x, &add[k]->y);
            w->slot_bucket[m++] = (uint32_t)k;
        }
    }
    if (m == 0)
        return;
    lanes_run(w, m);
    for (size_t t = 0; t < m; t++)
        lanes_result(&acc[w->slot_bucket[t]], w, t);
}

/* The number of chains lanes_reduce cuts nb buckets into, 0 when too few
 * buckets would make it pay. */
static size_t lanes_chains(const workspace *w, size_t nb)
{
    size_t L = nb / 8 < 256 ? nb / 8 : 256;
    if (L > w->cap)
        L = w->cap;
    L -= L % ZK_M52_LANES;
    return L < 32 || nb % L != 0 ? 0 : L;
}

/* buckets_reduce's sums with the additions eight at a time, for buckets
 * whose weights repeat with a period P dividing nb (bucket b weighs
 * (b mod P) + 1; P = nb but for the copies of a narrow window). The nb
 * buckets are cut into L chains of s consecutive buckets (s divides P), each
 * with its own affine running sum run_k and weighted sum sum_k, and the
 * chains step down together, so that each step is two batches of up to L
 * independent additions (run_k += B, then sum_k += run_k). At the end, with
 * bucket k·s + t weighing (k mod P/s)·s + t + 1,
 *   Σ_b weight_b·B_b = Σ_k sum_k + s·Σ_k (k mod P/s)·run_k,   Σ_b B_b = Σ_k run_k,
 * a few Jacobian additions per chain. The Jacobian side buckets are summed
 * apart by buckets_reduce, one period at a time. Returns false (doing
 * nothing) when there are too few buckets to pay. */
static bool lanes_reduce(JAC *r, JAC *total, workspace *w, size_t nb, size_t period)
{
    const size_t L = lanes_chains(w, nb);
    if (L == 0 || period < nb / L)
        return false;
    const size_t s = nb / L, per = period / s;
    bucket *run = w->chain, *sum = w->chain + L;
    uint8_t *run_has = w->chain_has, *sum_has = w->chain_has + L;
    const bucket **add = w->chain_add;
    memset(w->chain_has, 0, 2 * L);
    for (size_t t = s; t-- > 0;) {
        for (size_t k = 0; k < L; k++)
            add[k] = (w->state[k * s + t] & ST_FULL) ? &w->aff[k * s + t] : NULL;
        chains_add(w, run, run_has, add, L);
        for (size_t k = 0; k < L; k++)
            add[k] = run_has[k] ? &run[k] : NULL;
        chains_add(w, sum, sum_has, add, L);
    }
    /* acc = Σ run_k' over the period's chains k' >= k, from the top;
     * weighted = Σ_k (k mod per)·run_k; all = Σ_k run_k. */
    JAC acc, weighted, res, all;
    G_(set_inf)(&acc);
    G_(set_inf)(&weighted);
    G_(set_inf)(&res);
    G_(set_inf)(&all);
    for (size_t k = L; k-- > 0;) {
        if (run_has[k]) {
            AFF a = {run[k].x, run[k].y, false};
            G_(add_mixed_var)(&acc, &acc, &a);
        }
        if (sum_has[k]) {
            AFF a = {sum[k].x, sum[k].y, false};
            G_(add_mixed_var)(&res, &res, &a);
        }
        if (k % per != 0) {
            G_(add_var)(&weighted, &weighted, &acc);
        } else {
            G_(add_var)(&all, &all, &acc);
            G_(set_inf)(&acc);
        }
    }
    for (size_t d = s; d > 1; d /= 2)
        G_(dbl)(&weighted, &weighted);
    G_(add_var)(r, &res, &weighted);
    *total = all;
    for (size_t off = 0; off < nb; off += period) {
        JAC side, side_total;
        buckets_reduce(&side, &side_total, w, off, period, ST_JAC);
        G_(add_var)(r, r, &side);
        G_(add_var)(total, total, &side_total);
    }
    return true;
}
