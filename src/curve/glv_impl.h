/* The split multiplications of curve/glv.h, written once for G1 and G2.
 *
 * Included twice by curve/glv.c, with no include guard, after defining
 *   TPL_G         the group prefix, g1 or g2
 *   TPL_F         its field prefix, fq or fq2
 *   GLV_DIM       the number of parts, 2 or 4
 *   GLV_W         the wNAF width of each part
 *   GLV_CT_T      the 4-bit windows of a part in the constant-time path
 *   GLV_MAP       the endomorphism on an affine point (φ or ψ)
 *   GLV_SPLIT     the decomposition (glv_split_g1 or glv_split_g2)
 *   GLV_SPLIT_CT  the same for k < r, in constant time
 *
 * k·P = Σ_i k_i·M^i(P): a table of the odd multiples P, 3P, ... of P,
 * made affine, and its images under M, M^2, ...; then Straus's
 * interleaving: one doubling per digit position and one mixed addition per
 * non-zero digit of any part. */

#include "core/paste.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)
#define FT ZK_PASTE(TPL_F, t)
#define F_(op) ZK_PASTE(TPL_F, op)

enum { G_(odd) = 1 << (GLV_W - 2) };   /* odd multiples 1, 3, ..., per table */
#define ODD G_(odd)
/* Points whose tables share one inversion. */
enum { G_(chunk) = 16 };
#define CHUNK G_(chunk)

/* The tables of a chunk: for point i, part d, entry e at
 * tab[(i·DIM + d)·ODD + e], with jac scratch for the first table. */
typedef struct G_(glv_scratch) {
    AFF tab[CHUNK * GLV_DIM * ODD];
    JAC jac[CHUNK * ODD];
    AFF first[CHUNK * ODD];
} G_(glv_scratch);

/* r = Σ_d k_d·M^d(P) from the point's tables. */
static void G_(ladder)(JAC *r, const AFF *tab, const glv_part *k)
{
    int8_t dg[GLV_DIM][GLV_DIGITS];
    size_t nd[GLV_DIM], top = 0;
    for (unsigned d = 0; d < GLV_DIM; d++) {
        nd[d] = wnaf128(dg[d], &k[d], GLV_W);
        if (nd[d] > top)
            top = nd[d];
    }
    JAC acc;
    G_(set_inf)(&acc);
    bool started = false;
    for (size_t b = top; b-- > 0;) {
        if (started)
            G_(dbl)(&acc, &acc);
        for (unsigned d = 0; d < GLV_DIM; d++) {
            if (b >= nd[d] || dg[d][b] == 0)
                continue;
            int v = dg[d][b];
            const AFF *e = &tab[d * ODD + (size_t)((v < 0 ? -v : v) - 1) / 2];
            if ((v < 0) != k[d].neg) {
                AFF ne;
                G_(aff_neg)(&ne, e);
                G_(add_mixed_var)(&acc, &acc, &ne);
            } else {
                G_(add_mixed_var)(&acc, &acc, e);
            }
            started = true;
        }
    }
    *r = acc;
}

/* Tables for m <= CHUNK points given in Jacobian form. */
static void G_(tables)(G_(glv_scratch) *s, const JAC *p, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        JAC *t = &s->jac[i * ODD], p2;
        t[0] = p[i];
        G_(dbl)(&p2, &p[i]);
        for (size_t e = 1; e < ODD; e++)
            G_(add_var)(&t[e], &t[e - 1], &p2);
    }
    G_(batch_to_aff_var)(s->first, s->jac, m * ODD);
    for (size_t i = 0; i < m; i++) {
        AFF *t = &s->tab[i * GLV_DIM * ODD];
        for (size_t e = 0; e < ODD; e++)
            t[e] = s->first[i * ODD + e];
        for (unsigned d = 1; d < GLV_DIM; d++)
            for (size_t e = 0; e < ODD; e++)
                GLV_MAP(&t[d * ODD + e], &t[(d - 1) * ODD + e]);
    }
}

/* ---- many points in lock step ------------------------------------------------------ */

/* The points of a block go through the wNAF positions together: each
 * position doubles every started accumulator with one batched affine
 * doubling, then each part adds its entry (or nothing, for a zero digit)
 * with one batched affine addition (curve/batch_aff.h): six or seven
 * multiplications a step against Jacobian's seven and eleven, tables made
 * affine as they are built, no normalisation at the end. */
enum { G_(blk) = GLV_BLK };
#define BLK G_(blk)

struct G_(split_scratch) {
    int8_t dg[BLK][GLV_DIM][GLV_DIGITS];
    uint8_t nd[BLK][GLV_DIM];
    /* Entry e of part d for point i at tab[(d·ODD + e)·BLK + i]. */
    AFF tab[GLV_DIM * ODD * BLK], d2[BLK], acc[BLK], sel[BLK];
    size_t at[BLK];
    FT tmp[2 * BLK];
};

size_t G_(split_scratch_size)(void)
{
    return sizeof(struct G_(split_scratch));
}

static void G_(split_block)(AFF *r, const AFF *p, const glv_part (*k)[GLV_DIM], size_t m,
                                        struct G_(split_scratch) *s)
{
    size_t top = 0;
    for (size_t i = 0; i < m; i++)
        for (unsigned d = 0; d < GLV_DIM; d++) {
            size_t nd = p[i].inf ? 0 : wnaf128(s->dg[i][d], &k[i][d], GLV_W);
            s->nd[i][d] = (uint8_t)nd;
            if (nd > top)
                top = nd;
        }
    /* Odd multiples 1, 3, ... of each point, then their images. */
    memcpy(s->tab, p, m * sizeof *p);
    memcpy(s->d2, p, m * sizeof *p);
    G_(aff_dbl_many)(s->d2, m, s->tmp, NULL);
    for (size_t e = 1; e < ODD; e++) {
        AFF *col = &s->tab[e * BLK];
        memcpy(col, col - BLK, m * sizeof *col);
        G_(aff_add_many)(col, s->d2, m, s->tmp, NULL);
    }
    for (unsigned d = 1; d < GLV_DIM; d++)
        for (size_t e = 0; e < ODD; e++)
            for (size_t i = 0; i < m; i++)
                GLV_MAP(&s->tab[(d * ODD + e) * BLK + i], &s->tab[((d - 1) * ODD + e) * BLK + i]);
    for (size_t i = 0; i < m; i++)
        G_(aff_set_inf)(&s->acc[i]);
    bool started = false;
    for (size_t b = top; b-- > 0;) {
        if (started)
            G_(aff_dbl_many)(s->acc, m, s->tmp, NULL);
        /* Each part adds for the points whose digit here is not zero. */
        for (unsigned d = 0; d < GLV_DIM; d++) {
            size_t q = 0;
            for (size_t i = 0; i < m; i++) {
                int v = b < s->nd[i][d] ? s->dg[i][d][b] : 0;
                if (v == 0)
                    continue;
                s->sel[q] = s->tab[(d * ODD + (size_t)((v < 0 ? -v : v) - 1) / 2) * BLK + i];
                if ((v < 0) != k[i][d].neg)
                    G_(aff_neg)(&s->sel[q], &s->sel[q]);
                s->at[q++] = i;
            }
            if (q) {
                G_(aff_add_many_at)(s->acc, s->at, s->sel, q, s->tmp, NULL);
                started = true;
            }
        }
    }
    memcpy(r, s->acc, m * sizeof *r);
}

void G_(mul_split_many_var)(AFF *r, const AFF *p, const glv_part (*k)[GLV_DIM], size_t n,
                            void *scratch)
{
    for (size_t at = 0; at < n; at += BLK)
        G_(split_block)(r + at, p + at, k + at, n - at < BLK ? n - at : BLK, scratch);
}

void G_(mul_glv_var)(JAC *r, const JAC *p, const uint64_t k[4])
{
    if (G_(is_inf)(p)) {
        G_(set_inf)(r);
        return;
    }
    G_(glv_scratch) s;
    glv_part parts[GLV_DIM];
    GLV_SPLIT(parts, k);
    G_(tables)(&s, p, 1);
    G_(ladder)(r, s.tab, parts);
}


/* ---- constant time, many points in lock step -------------------------------------- */

/* Each part's magnitude m is made odd as m' = m + 1 + (m mod 2) and written
 * in the regular recoding of curve/fixed_base.h with 4-bit windows (every
 * digit odd and non-zero, a leading 1 at 2^(4t)); the sum of the parts'
 * m'·M^d(±P) is built for all points of a block at once, one batched
 * affine doubling or addition a step (curve/batch_aff.h, inversions
 * blinded), table entries picked by scanning; the excess 1 or 2 times
 * each part's base is taken off at the end. Every point goes through the
 * same steps whatever its scalar. */
enum { G_(ct_odd) = 8, G_(ct_blk) = GLV_CT_BLK };
#define CT_ODD G_(ct_odd)
#define CT_BLK G_(ct_blk)

typedef struct G_(ct_buf) {
    uint64_t mk[CT_BLK][GLV_DIM][4];   /* m' as a 4-limb integer for recode_bits */
    bool pneg[CT_BLK][GLV_DIM], two[CT_BLK][GLV_DIM];
    size_t at[CT_BLK];
    /* Entry e of part d's table for point q: tab[(d·CT_ODD + e)·CT_BLK + q];
     * d2[d·CT_BLK + q] = 2·M^d(P). Column-major so a step's operands are
     * contiguous. */
    AFF tab[GLV_DIM * CT_ODD * CT_BLK], d2[GLV_DIM * CT_BLK];
    AFF acc[CT_BLK], sel[CT_BLK];
    FT tmp[2 * CT_BLK];
    zk_rng blind;
} G_(ct_buf);

typedef struct G_(ct_job) {
    AFF *r;
    const AFF *p;
    const fr_t *k;
    G_(ct_buf) *buf;   /* one per pool thread */
} G_(ct_job);

/* sel[q] = ±(entry e of part d) for every point, e and the sign from the
 * digit of window j (or, for j = −1, the leading 1; j = −2, the final
 * correction). */
static void G_(ct_select)(G_(ct_buf) *b, size_t m, unsigned d, int j)
{
    for (size_t q = 0; q < m; q++) {
        uint32_t e = 0;
        bool neg = b->pneg[q][d];
        const AFF *col = &b->tab[(size_t)d * CT_ODD * CT_BLK + q];
        AFF *s = &b->sel[q];
        if (j >= 0) {
            uint32_t u = (uint32_t)recode_bits(b->mk[q][d], (unsigned)j * 4 + 1, 4);
            uint32_t top = u >> 3, mask = top - 1;
            e = (u ^ mask) & 7;
            neg ^= top == 0;
        }
        *s = col[0];
        for (uint32_t i = 1; i < CT_ODD; i++) {
            bool hit = i == e;
            F_(cmov)(&s->x, &col[(size_t)i * CT_BLK].x, hit);
            F_(cmov)(&s->y, &col[(size_t)i * CT_BLK].y, hit);
        }
        if (j == -2) {
            /* Take off 1 or 2 times the part's base. */
            const AFF *dd = &b->d2[(size_t)d * CT_BLK + q];
            F_(cmov)(&s->x, &dd->x, b->two[q][d]);
            F_(cmov)(&s->y, &dd->y, b->two[q][d]);
            neg = !neg;
        }
        FT ny;
        F_(neg)(&ny, &s->y);
        F_(cmov)(&s->y, &ny, neg);
    }
}

static void G_(ct_block)(const G_(ct_job) *jb, G_(ct_buf) *b,
                                     size_t begin, size_t end)
{
    size_t m = 0;
    for (size_t i = begin; i < end; i++) {
        if (jb->p[i].inf)
            continue;
        uint64_t k[4];
        glv_part parts[GLV_DIM];
        fr_to_int(k, &jb->k[i]);
        GLV_SPLIT_CT(parts, k);
        for (unsigned d = 0; d < GLV_DIM; d++) {
            zk_u128 v = (zk_u128)parts[d].mag[0] | ((zk_u128)parts[d].mag[1] << 64);
            uint64_t low = parts[d].mag[0] & 1;
            v += 1 + low;
            b->mk[m][d][0] = (uint64_t)v;
            b->mk[m][d][1] = (uint64_t)(v >> 64);
            b->mk[m][d][2] = b->mk[m][d][3] = 0;
            b->pneg[m][d] = parts[d].neg;
            b->two[m][d] = low != 0;
        }
        sodium_memzero(k, sizeof k);
        sodium_memzero(parts, sizeof parts);
        b->at[m] = i;
        b->tab[m] = jb->p[i];
        b->d2[m] = jb->p[i];
        m++;
    }
    for (size_t i = begin; i < end; i++)
        if (jb->p[i].inf)
            G_(aff_set_inf)(&jb->r[i]);
    if (m == 0)
        return;
    /* Odd multiples 1, 3, ..., 15 of P, and 2P; then their images. */
    G_(aff_dbl_many)(b->d2, m, b->tmp, &b->blind);
    for (size_t e = 1; e < CT_ODD; e++) {
        AFF *col = &b->tab[e * CT_BLK];
        memcpy(col, col - CT_BLK, m * sizeof *col);
        G_(aff_add_many)(col, b->d2, m, b->tmp, &b->blind);
    }
    for (unsigned d = 1; d < GLV_DIM; d++) {
        for (size_t e = 0; e < CT_ODD; e++)
            for (size_t q = 0; q < m; q++)
                GLV_MAP(&b->tab[(d * CT_ODD + e) * CT_BLK + q], &b->tab[((d - 1) * CT_ODD + e) * CT_BLK + q]);
        for (size_t q = 0; q < m; q++)
            GLV_MAP(&b->d2[d * CT_BLK + q], &b->d2[(d - 1) * CT_BLK + q]);
    }
    G_(ct_select)(b, m, 0, -1);
    memcpy(b->acc, b->sel, m * sizeof *b->acc);
    for (unsigned d = 1; d < GLV_DIM; d++) {
        G_(ct_select)(b, m, d, -1);
        G_(aff_add_many)(b->acc, b->sel, m, b->tmp, &b->blind);
    }
    for (int j = GLV_CT_T - 1; j >= 0; j--) {
        for (int i = 0; i < 4; i++)
            G_(aff_dbl_many)(b->acc, m, b->tmp, &b->blind);
        for (unsigned d = 0; d < GLV_DIM; d++) {
            G_(ct_select)(b, m, d, j);
            G_(aff_add_many)(b->acc, b->sel, m, b->tmp, &b->blind);
        }
    }
    for (unsigned d = 0; d < GLV_DIM; d++) {
        G_(ct_select)(b, m, d, -2);
        G_(aff_add_many)(b->acc, b->sel, m, b->tmp, &b->blind);
    }
    for (size_t q = 0; q < m; q++)
        jb->r[b->at[q]] = b->acc[q];
    sodium_memzero(b->mk, sizeof b->mk);
    sodium_memzero(b->pneg, sizeof b->pneg);
    sodium_memzero(b->two, sizeof b->two);
    sodium_memzero(b->sel, sizeof b->sel);
    sodium_memzero(b->tmp, sizeof b->tmp);
}

static void G_(ct_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    const G_(ct_job) *jb = ctx;
    for (size_t i = begin; i < end; i += CT_BLK)
        G_(ct_block)(jb, &jb->buf[worker], i, end - i < CT_BLK ? end : i + CT_BLK);
}

zk_err G_(mul_many_ct)(AFF *r, const AFF *p, const fr_t *k, size_t n)
{
    unsigned threads = zk_pool_threads();
    G_(ct_buf) *buf = zk_alloc(threads, sizeof *buf);
    if (!buf)
        return ZK_ENOMEM;
    for (unsigned i = 0; i < threads; i++)
        aff_blind_seed(&buf[i].blind);
    G_(ct_job) jb = {r, p, k, buf};
    zk_parallel_for(n, CT_BLK, G_(ct_range), &jb);
    for (unsigned i = 0; i < threads; i++)
        zk_rng_wipe(&buf[i].blind);
    zk_free(buf);
    return ZK_OK;
}

#undef CT_ODD
#undef CT_BLK
#undef G_
#undef AFF
#undef JAC
#undef ODD
#undef CHUNK
#undef BLK
#undef TPL_G
#undef GLV_DIM
#undef GLV_W
#undef GLV_MAP
#undef GLV_SPLIT
#undef GLV_SPLIT_CT
#undef GLV_CT_T
#undef GLV_CT_BLK
#undef GLV_BLK
#undef TPL_F
#undef FT
#undef F_
