/* The split multiplications of curve/glv.h, written once for G1 and G2.
 *
 * Included twice by curve/glv.c, with no include guard, after defining
 *   GLV_G      the group prefix, g1 or g2
 *   GLV_DIM    the number of parts, 2 or 4
 *   GLV_W      the wNAF width of each part
 *   GLV_MAP    the endomorphism on an affine point (φ or ψ)
 *   GLV_SPLIT  the decomposition (glv_split_g1 or glv_split_g2)
 *
 * k·P = Σ_i k_i·M^i(P): a table of the odd multiples P, 3P, ... of P,
 * made affine, and its images under M, M^2, ...; then Straus's
 * interleaving: one doubling per digit position and one mixed addition per
 * non-zero digit of any part. */

#define GLV_CAT2(a, b) a##_##b
#define GLV_CAT(a, b) GLV_CAT2(a, b)
#define G_(op) GLV_CAT(GLV_G, op)
#define AFF GLV_CAT(GLV_G, aff)
#define JAC GLV_CAT(GLV_G, jac)

enum { GLV_CAT(GLV_G, odd) = 1 << (GLV_W - 2) };   /* odd multiples 1, 3, ..., per table */
#define ODD GLV_CAT(GLV_G, odd)
/* Points whose tables share one inversion. */
enum { GLV_CAT(GLV_G, chunk) = 16 };
#define CHUNK GLV_CAT(GLV_G, chunk)

/* The tables of a chunk: for point i, part d, entry e at
 * tab[(i·DIM + d)·ODD + e], with jac scratch for the first table. */
typedef struct GLV_CAT(GLV_G, glv_scratch) {
    AFF tab[CHUNK * GLV_DIM * ODD];
    JAC jac[CHUNK * ODD];
    AFF first[CHUNK * ODD];
} GLV_CAT(GLV_G, glv_scratch);

/* r = Σ_d k_d·M^d(P) from the point's tables. */
static void GLV_CAT(GLV_G, ladder)(JAC *r, const AFF *tab, const glv_part *k)
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
static void GLV_CAT(GLV_G, tables)(GLV_CAT(GLV_G, glv_scratch) *s, const JAC *p, size_t m)
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

/* The scratch lives on the stack (tens of KB): no allocation to fail. */
void G_(mul_split_many_var)(JAC *r, const AFF *p, const glv_part (*k)[GLV_DIM], size_t n)
{
    GLV_CAT(GLV_G, glv_scratch) s;
    JAC pj[CHUNK];
    for (size_t at = 0; at < n; at += CHUNK) {
        size_t m = n - at < CHUNK ? n - at : CHUNK;
        for (size_t i = 0; i < m; i++)
            G_(from_aff)(&pj[i], &p[at + i]);
        GLV_CAT(GLV_G, tables)(&s, pj, m);
        for (size_t i = 0; i < m; i++) {
            if (p[at + i].inf)
                G_(set_inf)(&r[at + i]);
            else
                GLV_CAT(GLV_G, ladder)(&r[at + i], &s.tab[i * GLV_DIM * ODD], k[at + i]);
        }
    }
}

void G_(mul_glv_var)(JAC *r, const JAC *p, const uint64_t k[4])
{
    if (G_(is_inf)(p)) {
        G_(set_inf)(r);
        return;
    }
    GLV_CAT(GLV_G, glv_scratch) s;
    glv_part parts[GLV_DIM];
    GLV_SPLIT(parts, k);
    GLV_CAT(GLV_G, tables)(&s, p, 1);
    GLV_CAT(GLV_G, ladder)(r, s.tab, parts);
}

#undef GLV_CAT2
#undef GLV_CAT
#undef G_
#undef AFF
#undef JAC
#undef ODD
#undef CHUNK
#undef GLV_G
#undef GLV_DIM
#undef GLV_W
#undef GLV_MAP
#undef GLV_SPLIT
