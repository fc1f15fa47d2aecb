/* The inverse NTT in a group and its check, for one group; instantiated
 * for G1 and G2 by ptau_lagrange.c through snark/group_template.h, whose
 * parameters TPL_G (g1 or g2: the functions are G_(lagrange_var) and
 * ptau_check_lagrange_ followed by TPL_G), TPL_F, TPL_DIM and TPL_SPLIT it
 * uses, with the short names below (core/paste.h). */

#include "core/paste.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define F_(op) ZK_PASTE(TPL_F, op)
#define FT ZK_PASTE(TPL_F, t)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)

/* The inverse NTT works in place on affine points, radix 2, decimation in
 * time (inputs in bit-reversed order, outputs natural). Each stage is cut
 * into chunks of butterflies; a chunk
 *   1. multiplies its v's by their twiddles ω^(−k) (k = 0 costs nothing),
 *      through the endomorphism split, all tables of the chunk made affine
 *      together (curve/glv.h), and brings the products t to affine form
 *      with one more inversion;
 *   2. forms u + t and u − t in affine coordinates: both share the
 *      denominator x_t − x_u, and the chunk shares one inversion for all of
 *      them (Montgomery's trick), so a butterfly costs about nine field
 *      multiplications where two Jacobian additions cost thirty.
 * The 1/n of the inverse transform is folded into the last stage, whose u's
 * are multiplied by 1/n and v's by ω^(−k)/n: n multiplications in all
 * there instead of n/2 + n. Infinity (the padding of τ in G1 at the top
 * block) and equal x take the Jacobian formulas. */
enum { G_(ntt_chunk) = 512 };

struct G_(ntt_chunk_buf);

typedef struct G_(ntt_job) {
    struct G_(ntt_chunk_buf) *buf;   /* one per pool thread */
    AFF *a;
    const fr_t *tw;   /* ω_n^(−j), j < n/2 */
    size_t len;       /* butterflies of this stage join a[i] and a[i + len] */
    size_t stride;    /* the twiddle of butterfly k is tw[k·stride] */
    bool last;        /* the stage that also multiplies by 1/n */
    fr_t ninv;
} G_(ntt_job);

typedef struct G_(ntt_chunk_buf) {
    AFF u[G_(ntt_chunk)], t[G_(ntt_chunk)];
    /* The multiplications: inputs, split scalars, where each product goes. */
    AFF in[2 * G_(ntt_chunk)];
    glv_part k[2 * G_(ntt_chunk)][TPL_DIM];
    AFF *dst[2 * G_(ntt_chunk)];
    AFF prod[2 * G_(ntt_chunk)];
    void *scratch;   /* G_(split_scratch_size)() bytes */
    FT den[G_(ntt_chunk)], pre[G_(ntt_chunk)];
} G_(ntt_chunk_buf);

static void G_(queue_mul)(G_(ntt_chunk_buf) *c, size_t *nm, AFF *pt,
                                       const fr_t *s)
{
    uint64_t k[4];
    fr_to_int(k, s);
    c->in[*nm] = *pt;
    TPL_SPLIT(c->k[*nm], k);
    c->dst[(*nm)++] = pt;
}

/* u ← u + t and t ← u − t for the m butterflies of the chunk. */
static void G_(butterflies)(G_(ntt_chunk_buf) *c, size_t m)
{
    FT acc;
    F_(one)(&acc);
    bool plain[G_(ntt_chunk)];
    for (size_t i = 0; i < m; i++) {
        const AFF *u = &c->u[i], *t = &c->t[i];
        plain[i] = !u->inf && !t->inf && !F_(eq)(&u->x, &t->x);
        if (!plain[i])
            continue;
        F_(sub)(&c->den[i], &t->x, &u->x);
        c->pre[i] = acc;
        F_(mul)(&acc, &acc, &c->den[i]);
    }
    F_(inv_var)(&acc, &acc);
    for (size_t i = m; i-- > 0;) {
        AFF *u = &c->u[i], *t = &c->t[i];
        if (!plain[i]) {
            JAC ju, s1, s2;
            AFF nt;
            G_(from_aff)(&ju, u);
            G_(aff_neg)(&nt, t);
            G_(add_mixed_var)(&s1, &ju, t);
            G_(add_mixed_var)(&s2, &ju, &nt);
            G_(to_aff_var)(u, &s1);
            G_(to_aff_var)(t, &s2);
            continue;
        }
        FT inv, xs, l1, l2, x1, x2, y;
        F_(mul)(&inv, &acc, &c->pre[i]);
        F_(mul)(&acc, &acc, &c->den[i]);
        F_(add)(&xs, &u->x, &t->x);
        F_(sub)(&l1, &t->y, &u->y);   /* slope to t */
        F_(mul)(&l1, &l1, &inv);
        F_(add)(&l2, &t->y, &u->y);   /* slope to −t, negated */
        F_(mul)(&l2, &l2, &inv);
        F_(sqr)(&x1, &l1);
        F_(sub)(&x1, &x1, &xs);
        F_(sqr)(&x2, &l2);
        F_(sub)(&x2, &x2, &xs);
        /* u + t = (x1, l1·(x_u − x1) − y_u); u − t = (x2, −l2·(x_u − x2) − y_u). */
        F_(sub)(&y, &u->x, &x2);
        F_(mul)(&y, &y, &l2);
        F_(add)(&y, &y, &u->y);
        F_(neg)(&t->y, &y);
        t->x = x2;
        F_(sub)(&y, &u->x, &x1);
        F_(mul)(&y, &y, &l1);
        F_(sub)(&u->y, &y, &u->y);
        u->x = x1;
    }
}

static void G_(ntt_range)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    const G_(ntt_job) *j = ctx;
    enum { CH = G_(ntt_chunk) };
    G_(ntt_chunk_buf) *c = &j->buf[worker];
    size_t iu[CH];
    for (size_t b0 = begin; b0 < end; b0 += CH) {
        size_t m = end - b0 < CH ? end - b0 : CH, nm = 0;
        for (size_t i = 0; i < m; i++) {
            size_t k = (b0 + i) % j->len;
            iu[i] = ((b0 + i) / j->len) * 2 * j->len + k;
            c->u[i] = j->a[iu[i]];
            c->t[i] = j->a[iu[i] + j->len];
            if (j->last) {
                fr_t w;
                fr_mul(&w, &j->tw[k * j->stride], &j->ninv);
                G_(queue_mul)(c, &nm, &c->t[i], &w);
                G_(queue_mul)(c, &nm, &c->u[i], &j->ninv);
            } else if (k != 0) {
                G_(queue_mul)(c, &nm, &c->t[i], &j->tw[k * j->stride]);
            }
        }
        if (nm) {
            G_(mul_split_many_var)(c->prod, c->in, (const glv_part(*)[TPL_DIM])c->k, nm, c->scratch);
            for (size_t q = 0; q < nm; q++)
                *c->dst[q] = c->prod[q];
        }
        G_(butterflies)(c, m);
        for (size_t i = 0; i < m; i++) {
            j->a[iu[i]] = c->u[i];
            j->a[iu[i] + j->len] = c->t[i];
        }
    }
}

zk_err G_(lagrange_var)(AFF *p, unsigned log_n)
{
    if (log_n == 0)
        return ZK_OK;   /* L_0 = P_0 */
    size_t n = (size_t)1 << log_n;
    unsigned threads = zk_pool_threads();
    fr_t *tw = zk_alloc(n / 2, sizeof *tw);
    G_(ntt_chunk_buf) *buf = zk_alloc(threads, sizeof *buf);
    uint8_t *scratch = zk_alloc(threads, G_(split_scratch_size)());
    if (!tw || !buf || !scratch) {
        zk_free(tw);
        zk_free(buf);
        zk_free(scratch);
        return ZK_ENOMEM;
    }
    for (unsigned i = 0; i < threads; i++)
        buf[i].scratch = scratch + i * G_(split_scratch_size)();
    for (size_t i = 0; i < n; i++) {
        size_t r = 0;
        for (unsigned b = 0; b < log_n; b++)
            r |= ((i >> b) & 1) << (log_n - 1 - b);
        if (i < r) {
            AFF t = p[i];
            p[i] = p[r];
            p[r] = t;
        }
    }
    fr_t w;
    fr_root_of_unity(&w, log_n);
    fr_inv_var(&w, &w);
    fr_one(&tw[0]);
    for (size_t k = 1; k < n / 2; k++)
        fr_mul(&tw[k], &tw[k - 1], &w);
    G_(ntt_job) j = {buf, p, tw, 0, 0, false, {{0}}};
    fr_from_u64(&j.ninv, n);
    fr_inv_var(&j.ninv, &j.ninv);
    for (unsigned s = 1; s <= log_n; s++) {
        j.len = (size_t)1 << (s - 1);
        j.stride = n / (2 * j.len);
        j.last = s == log_n;
        zk_parallel_for(n / 2, G_(ntt_chunk), G_(ntt_range), &j);
    }
    zk_free(tw);
    zk_free(buf);
    zk_free(scratch);
    return ZK_OK;
}

zk_err ZK_PASTE(ptau_check_lagrange, TPL_G)(bool *ok, const AFF *lagrange, const AFF *powers,
                                             size_t n_powers, unsigned log_k)
{
    *ok = false;
    size_t n = (size_t)1 << log_k;
    fr_t *c = zk_alloc(2 * n, sizeof *c);
    if (!c)
        return ZK_ENOMEM;
    fr_t rho, w, x, one, rn;
    fr_one(&one);
    fr_root_of_unity(&w, log_k);
    /* c_i = (ρ^n − 1)/(ρ·ω^i − 1): Σ_j (ρ·ω^i)^j summed in closed form. */
    for (;;) {
        fr_random(&rho, NULL);
        fr_pow_u64(&rn, &rho, n);
        fr_sub(&rn, &rn, &one);
        x = rho;
        bool degenerate = fr_is_zero(&rn);
        for (size_t i = 0; i < n; i++) {
            fr_sub(&c[i], &x, &one);
            degenerate |= fr_is_zero(&c[i]);
            fr_mul(&x, &x, &w);
        }
        if (!degenerate)
            break;
    }
    fr_batch_inv(c, c, n, c + n);
    for (size_t i = 0; i < n; i++)
        fr_mul(&c[i], &c[i], &rn);
    /* ρ^j for the powers. */
    fr_t *r = c + n;
    fr_one(&r[0]);
    for (size_t j = 1; j < n_powers; j++)
        fr_mul(&r[j], &r[j - 1], &rho);
    JAC lhs, rhs;
    zk_err err = G_(msm_var)(&lhs, powers, r, n_powers, NULL);
    if (!err)
        err = G_(msm_var)(&rhs, lagrange, c, n, NULL);
    if (!err)
        *ok = G_(eq)(&lhs, &rhs);
    zk_free(c);
    return err;
}

#undef G_
#undef F_
#undef FT
#undef AFF
#undef JAC
