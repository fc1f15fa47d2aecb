/* Sparse sums of points, Σ_k coef_k·base[idx_k] for each output, for one
 * group; instantiated for G1 and G2 by groth16_setup_ptau.c through
 * snark/group_template.h (GN_NAME, GN_AFF, GN_JAC, GN_(op)).
 *
 * A Groth16 key's point for wire j is such a sum over the constraints the
 * wire appears in (zkey_new.js composeAndWritePoints); most coefficients
 * circom writes are ±1, which cost an addition instead of a
 * multiplication. */

/* Terms with other coefficients are queued, a few hundred at a time, and
 * multiplied together through the endomorphism split (curve/glv.h: the
 * points in lock step, batched affine steps), then added to their outputs:
 * a small or small negative coefficient (−2, 2^k, −i) splits into parts as
 * short as itself. Outputs are summed a block at a time in Jacobian form
 * and the block made affine with one inversion. */
enum { GN_CAT(GN_NAME, combine_q) = 256, GN_CAT(GN_NAME, combine_blk) = 1024 };

typedef struct GN_CAT(GN_NAME, combine_buf) {
    GN_AFF in[GN_CAT(GN_NAME, combine_q)];
    glv_part k[GN_CAT(GN_NAME, combine_q)][GN_DIM];
    size_t owner[GN_CAT(GN_NAME, combine_q)];   /* in the block */
    GN_AFF prod[GN_CAT(GN_NAME, combine_q)];
    size_t n;
    GN_JAC acc[GN_CAT(GN_NAME, combine_blk)];
    void *scratch;   /* GN_(split_scratch_size)() bytes */
} GN_CAT(GN_NAME, combine_buf);

typedef struct GN_CAT(GN_NAME, combine_job) {
    GN_AFF *out;
    const combine_term *terms;
    const uint64_t *start;   /* terms of output j: [start[j], start[j+1]) */
    const GN_AFF *const *bases;
    GN_CAT(GN_NAME, combine_buf) *buf;   /* one per pool thread */
} GN_CAT(GN_NAME, combine_job);

static void GN_CAT(GN_NAME, combine_flush)(GN_CAT(GN_NAME, combine_buf) *b)
{
    if (!b->n)
        return;
    GN_(mul_split_many_var)(b->prod, b->in, (const glv_part(*)[GN_DIM])b->k, b->n, b->scratch);
    for (size_t q = 0; q < b->n; q++)
        GN_(add_mixed_var)(&b->acc[b->owner[q]], &b->acc[b->owner[q]], &b->prod[q]);
    b->n = 0;
}

static void GN_CAT(GN_NAME, combine_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    const GN_CAT(GN_NAME, combine_job) *j = ctx;
    GN_CAT(GN_NAME, combine_buf) *b = &j->buf[worker];
    fr_t one, minus_one;
    fr_one(&one);
    fr_neg(&minus_one, &one);
    b->n = 0;
    for (size_t blk = begin; blk < end; blk += GN_CAT(GN_NAME, combine_blk)) {
        size_t stop = end - blk < GN_CAT(GN_NAME, combine_blk) ? end : blk + GN_CAT(GN_NAME, combine_blk);
        for (size_t o = blk; o < stop; o++) {
            GN_JAC *acc = &b->acc[o - blk];
            GN_(set_inf)(acc);
            for (uint64_t k = j->start[o]; k < j->start[o + 1]; k++) {
                const combine_term *tm = &j->terms[k];
                const GN_AFF *p = &j->bases[tm->base][tm->idx];
                if (fr_eq(&tm->coef, &one)) {
                    GN_(add_mixed_var)(acc, acc, p);
                } else if (fr_eq(&tm->coef, &minus_one)) {
                    GN_AFF np;
                    GN_(aff_neg)(&np, p);
                    GN_(add_mixed_var)(acc, acc, &np);
                } else {
                    uint64_t e[4];
                    fr_to_int(e, &tm->coef);
                    b->in[b->n] = *p;
                    GN_SPLIT(b->k[b->n], e);
                    b->owner[b->n++] = o - blk;
                    if (b->n == GN_CAT(GN_NAME, combine_q))
                        GN_CAT(GN_NAME, combine_flush)(b);
                }
            }
        }
        GN_CAT(GN_NAME, combine_flush)(b);
        GN_(batch_to_aff_var)(&j->out[blk], b->acc, stop - blk);
    }
}

/* out[j] for j < n_out from terms grouped by output (start). */
static zk_err GN_CAT(GN_NAME, combine)(GN_AFF *out, size_t n_out, const combine_term *terms,
                                       const uint64_t *start, const GN_AFF *const *bases)
{
    unsigned threads = zk_pool_threads();
    GN_CAT(GN_NAME, combine_buf) *buf = zk_alloc(threads, sizeof *buf);
    uint8_t *scratch = zk_alloc(threads, GN_(split_scratch_size)());
    if (!buf || !scratch) {
        zk_free(buf);
        zk_free(scratch);
        return ZK_ENOMEM;
    }
    for (unsigned i = 0; i < threads; i++)
        buf[i].scratch = scratch + i * GN_(split_scratch_size)();
    GN_CAT(GN_NAME, combine_job) j = {out, terms, start, bases, buf};
    zk_parallel_for(n_out, GN_CAT(GN_NAME, combine_blk), GN_CAT(GN_NAME, combine_range), &j);
    zk_free(buf);
    zk_free(scratch);
    return ZK_OK;
}
