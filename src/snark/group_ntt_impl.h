/* The inverse NTT in a group and its check, for one group; instantiated
 * for G1 and G2 by ptau_lagrange.c through snark/group_template.h, which
 * defines:
 *   GN_NAME   g1 or g2: the functions are GN_NAME##_lagrange_var and
 *             ptau_check_lagrange_##GN_NAME
 *   GN_AFF, GN_JAC          the point types
 *   GN_(op)                 the group's functions (GN_(from_aff) = g1_from_aff) */

typedef struct GN_CAT(GN_NAME, ntt_job) {
    GN_JAC *a;
    const uint64_t (*tw)[4];
    size_t len;
} GN_CAT(GN_NAME, ntt_job);

/* Butterflies [begin, end) of one stage: (u, v) → (u + t·v, u − t·v). */
static void GN_CAT(GN_NAME, stage)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const GN_CAT(GN_NAME, ntt_job) *j = ctx;
    for (size_t i = begin; i < end; i++) {
        size_t blk = i / j->len, k = i % j->len;
        GN_JAC *u = &j->a[2 * j->len * blk + k], *v = u + j->len, t, nt;
        if (k == 0)
            t = *v;
        else
            GN_(mul_var)(&t, v, j->tw[k]);
        GN_(neg)(&nt, &t);
        GN_(add_var)(v, u, &nt);
        GN_(add_var)(u, u, &t);
    }
}

typedef struct GN_CAT(GN_NAME, scale_job) {
    GN_JAC *a;
    uint64_t k[4];
} GN_CAT(GN_NAME, scale_job);

static void GN_CAT(GN_NAME, scale)(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const GN_CAT(GN_NAME, scale_job) *j = ctx;
    for (size_t i = begin; i < end; i++)
        GN_(mul_var)(&j->a[i], &j->a[i], j->k);
}

zk_err GN_CAT(GN_NAME, lagrange_var)(GN_AFF *p, unsigned log_n)
{
    size_t n = (size_t)1 << log_n;
    GN_JAC *a = zk_alloc(n, sizeof *a);
    uint64_t(*tw)[4] = zk_alloc(n / 2 + 1, sizeof *tw);
    if (!a || !tw) {
        zk_free(a);
        zk_free(tw);
        return ZK_ENOMEM;
    }
    /* Decimation in time: inputs in bit-reversed order, outputs natural. */
    for (size_t i = 0; i < n; i++) {
        size_t r = 0;
        for (unsigned b = 0; b < log_n; b++)
            r |= ((i >> b) & 1) << (log_n - 1 - b);
        GN_(from_aff)(&a[r], &p[i]);
    }
    for (unsigned s = 1; s <= log_n; s++) {
        size_t len = (size_t)1 << (s - 1);
        fr_t w, wi, x;
        fr_root_of_unity(&w, s);
        fr_inv_var(&wi, &w);
        fr_one(&x);
        for (size_t k = 0; k < len; k++) {
            fr_to_int(tw[k], &x);
            fr_mul(&x, &x, &wi);
        }
        GN_CAT(GN_NAME, ntt_job) j = {a, (const uint64_t(*)[4])tw, len};
        zk_parallel_for(n / 2, 8, GN_CAT(GN_NAME, stage), &j);
    }
    GN_CAT(GN_NAME, scale_job) sj = {a, {0}};
    fr_t ninv;
    fr_from_u64(&ninv, n);
    fr_inv_var(&ninv, &ninv);
    fr_to_int(sj.k, &ninv);
    if (n > 1)
        zk_parallel_for(n, 8, GN_CAT(GN_NAME, scale), &sj);
    GN_(batch_to_aff_var)(p, a, n);
    zk_free(a);
    zk_free(tw);
    return ZK_OK;
}

zk_err GN_CAT(ptau_check_lagrange, GN_NAME)(bool *ok, const GN_AFF *lagrange, const GN_AFF *powers,
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
    GN_JAC lhs, rhs;
    zk_err err = GN_(msm_var)(&lhs, powers, r, n_powers, NULL);
    if (!err)
        err = GN_(msm_var)(&rhs, lagrange, c, n, NULL);
    if (!err)
        *ok = GN_(eq)(&lhs, &rhs);
    zk_free(c);
    return err;
}
