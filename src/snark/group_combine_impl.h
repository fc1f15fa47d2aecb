/* Sparse sums of points, Σ_k coef_k·base[idx_k] for each output, for one
 * group; instantiated for G1 and G2 by groth16_setup_ptau.c through
 * snark/group_template.h (GN_NAME, GN_AFF, GN_JAC, GN_(op)).
 *
 * A Groth16 key's point for wire j is such a sum over the constraints the
 * wire appears in (zkey_new.js composeAndWritePoints); most coefficients
 * circom writes are ±1, which cost an addition instead of a
 * multiplication. */

typedef struct GN_CAT(GN_NAME, combine_job) {
    GN_AFF *out;
    GN_JAC *acc;
    const combine_term *terms;
    const uint64_t *start;   /* terms of output j: [start[j], start[j+1]) */
    const GN_AFF *const *bases;
} GN_CAT(GN_NAME, combine_job);

/* The bit length of a 256-bit scalar (little-endian limbs). */
static unsigned GN_CAT(GN_NAME, scalar_bits)(const uint64_t k[4])
{
    for (int i = 3; i >= 0; i--)
        for (int b = 63; b >= 0; b--)
            if (k[i] >> b & 1)
                return (unsigned)(64 * i + b + 1);
    return 0;
}

static void GN_CAT(GN_NAME, combine_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const GN_CAT(GN_NAME, combine_job) *j = ctx;
    fr_t one, minus_one;
    fr_one(&one);
    fr_neg(&minus_one, &one);
    for (size_t o = begin; o < end; o++) {
        GN_JAC acc, t;
        GN_(set_inf)(&acc);
        for (uint64_t k = j->start[o]; k < j->start[o + 1]; k++) {
            const combine_term *tm = &j->terms[k];
            const GN_AFF *b = &j->bases[tm->base][tm->idx];
            if (fr_eq(&tm->coef, &one)) {
                GN_(add_mixed_var)(&acc, &acc, b);
            } else if (fr_eq(&tm->coef, &minus_one)) {
                GN_AFF nb;
                GN_(aff_neg)(&nb, b);
                GN_(add_mixed_var)(&acc, &acc, &nb);
            } else {
                /* c·P = (−c)·(−P): the shorter of c and r − c, since a
                 * small negative coefficient (−2, −i) is a 254-bit number
                 * and the wNAF costs one doubling per bit. */
                uint64_t e[4], en[4];
                fr_t nc;
                fr_neg(&nc, &tm->coef);
                fr_to_int(e, &tm->coef);
                fr_to_int(en, &nc);
                GN_(from_aff)(&t, b);
                if (GN_CAT(GN_NAME, scalar_bits)(en) < GN_CAT(GN_NAME, scalar_bits)(e)) {
                    memcpy(e, en, sizeof e);
                    GN_(neg)(&t, &t);
                }
                GN_(mul_var)(&t, &t, e);
                GN_(add_var)(&acc, &acc, &t);
            }
        }
        j->acc[o] = acc;
    }
}

/* out[j] for j < n_out from terms grouped by output (start). */
static zk_err GN_CAT(GN_NAME, combine)(GN_AFF *out, size_t n_out, const combine_term *terms,
                                       const uint64_t *start, const GN_AFF *const *bases)
{
    GN_JAC *acc = zk_alloc(n_out ? n_out : 1, sizeof *acc);
    if (!acc)
        return ZK_ENOMEM;
    GN_CAT(GN_NAME, combine_job) j = {out, acc, terms, start, bases};
    zk_parallel_for(n_out, 64, GN_CAT(GN_NAME, combine_range), &j);
    GN_(batch_to_aff_var)(out, acc, n_out);
    zk_free(acc);
    return ZK_OK;
}
