/* Sparse sums of points, Σ_k coef_k·base[idx_k] for each output, for one
 * group; instantiated for G1 and G2 by groth16_setup_ptau.c through
 * snark/group_template.h (its parameters TPL_G, TPL_F, TPL_DIM and
 * TPL_SPLIT; the short names below, core/paste.h).
 *
 * A Groth16 key's point for wire j is such a sum over the constraints the
 * wire appears in (zkey_new.js composeAndWritePoints); most coefficients
 * circom writes are ±1, which cost an addition instead of a
 * multiplication. */

#include "core/paste.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define F_(op) ZK_PASTE(TPL_F, op)
#define FT ZK_PASTE(TPL_F, t)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)

/* Terms with other coefficients are queued, a few hundred at a time, and
 * multiplied together through the endomorphism split (curve/glv.h: the
 * points in lock step, batched affine steps), then added to their outputs:
 * a small or small negative coefficient (−2, 2^k, −i) splits into parts as
 * short as itself. Outputs are summed a block at a time in Jacobian form
 * and the block made affine with one inversion. */
enum { G_(combine_q) = 256, G_(combine_blk) = 1024 };

typedef struct G_(combine_buf) {
    AFF in[G_(combine_q)];
    glv_part k[G_(combine_q)][TPL_DIM];
    size_t owner[G_(combine_q)];   /* in the block */
    AFF prod[G_(combine_q)];
    size_t n;
    JAC acc[G_(combine_blk)];
    void *scratch;   /* G_(split_scratch_size)() bytes */
} G_(combine_buf);

typedef struct G_(combine_job) {
    AFF *out;
    const combine_term *terms;
    const uint64_t *start;   /* terms of output j: [start[j], start[j+1]) */
    const AFF *const *bases;
    G_(combine_buf) *buf;   /* one per pool thread */
} G_(combine_job);

static void G_(combine_flush)(G_(combine_buf) *b)
{
    if (!b->n)
        return;
    G_(mul_split_many_var)(b->prod, b->in, (const glv_part(*)[TPL_DIM])b->k, b->n, b->scratch);
    for (size_t q = 0; q < b->n; q++)
        G_(add_mixed_var)(&b->acc[b->owner[q]], &b->acc[b->owner[q]], &b->prod[q]);
    b->n = 0;
}

static void G_(combine_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    const G_(combine_job) *j = ctx;
    G_(combine_buf) *b = &j->buf[worker];
    fr_t one, minus_one;
    fr_one(&one);
    fr_neg(&minus_one, &one);
    b->n = 0;
    for (size_t blk = begin; blk < end; blk += G_(combine_blk)) {
        size_t stop = end - blk < G_(combine_blk) ? end : blk + G_(combine_blk);
        for (size_t o = blk; o < stop; o++) {
            JAC *acc = &b->acc[o - blk];
            G_(set_inf)(acc);
            for (uint64_t k = j->start[o]; k < j->start[o + 1]; k++) {
                const combine_term *tm = &j->terms[k];
                const AFF *p = &j->bases[tm->base][tm->idx];
                if (fr_eq(&tm->coef, &one)) {
                    G_(add_mixed_var)(acc, acc, p);
                } else if (fr_eq(&tm->coef, &minus_one)) {
                    AFF np;
                    G_(aff_neg)(&np, p);
                    G_(add_mixed_var)(acc, acc, &np);
                } else {
                    uint64_t e[4];
                    fr_to_int(e, &tm->coef);
                    b->in[b->n] = *p;
                    TPL_SPLIT(b->k[b->n], e);
                    b->owner[b->n++] = o - blk;
                    if (b->n == G_(combine_q))
                        G_(combine_flush)(b);
                }
            }
        }
        G_(combine_flush)(b);
        G_(batch_to_aff_var)(&j->out[blk], b->acc, stop - blk);
    }
}

/* out[j] for j < n_out from terms grouped by output (start). */
static zk_err G_(combine)(AFF *out, size_t n_out, const combine_term *terms,
                                       const uint64_t *start, const AFF *const *bases)
{
    unsigned threads = zk_pool_threads();
    G_(combine_buf) *buf = zk_alloc(threads, sizeof *buf);
    uint8_t *scratch = zk_alloc(threads, G_(split_scratch_size)());
    if (!buf || !scratch) {
        zk_free(buf);
        zk_free(scratch);
        return ZK_ENOMEM;
    }
    for (unsigned i = 0; i < threads; i++)
        buf[i].scratch = scratch + i * G_(split_scratch_size)();
    G_(combine_job) j = {out, terms, start, bases, buf};
    zk_parallel_for(n_out, G_(combine_blk), G_(combine_range), &j);
    zk_free(buf);
    zk_free(scratch);
    return ZK_OK;
}

#undef G_
#undef F_
#undef FT
#undef AFF
#undef JAC
