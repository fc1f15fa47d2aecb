#include "stark/deep.h"

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"

static inline gl2_t row2(const gl_t *row, size_t i)
{
    return gl2_make(row[2 * i], row[2 * i + 1]);
}

void stark_deep_init(stark_deep *dp, size_t n_main, size_t n_aux, size_t n_comp,
                     const gl2_t *gamma, gl2_t lambda, const gl2_t *delta, gl2_t z, gl2_t gz,
                     const gl2_t *ood_main, const gl2_t *ood_aux, const gl2_t *ood_comp)
{
    dp->gamma = gamma;
    dp->delta = delta;
    dp->lambda = lambda;
    dp->z = z;
    dp->gz = gz;
    dp->n_main = n_main;
    dp->n_aux = n_aux;
    dp->n_comp = n_comp;
    gl2_t az = gl2_from_base(0), agz = az, cz = az;
    for (size_t i = 0; i < n_main; i++) {
        az = gl2_add(az, gl2_mul(gamma[i], ood_main[i]));
        agz = gl2_add(agz, gl2_mul(gamma[i], ood_main[n_main + i]));
    }
    for (size_t i = 0; i < n_aux; i++) {
        az = gl2_add(az, gl2_mul(gamma[n_main + i], ood_aux[i]));
        agz = gl2_add(agz, gl2_mul(gamma[n_main + i], ood_aux[n_aux + i]));
    }
    for (size_t k = 0; k < n_comp; k++)
        cz = gl2_add(cz, gl2_mul(delta[k], ood_comp[k]));
    dp->a_z = az;
    dp->a_gz = agz;
    dp->c_z = cz;
}

/* A(x) and C(x) at one point. */
static void numerators(const stark_deep *dp, const gl_t *main_row, const gl_t *aux_row,
                       const gl_t *comp_row, gl2_t *a, gl2_t *c)
{
    /* Main columns are base-field values: two multiplications each. */
    gl_t a0 = 0, a1 = 0;
    for (size_t i = 0; i < dp->n_main; i++) {
        a0 = gl_add(a0, gl_mul(dp->gamma[i].c[0], main_row[i]));
        a1 = gl_add(a1, gl_mul(dp->gamma[i].c[1], main_row[i]));
    }
    gl2_t acc = gl2_make(a0, a1);
    for (size_t i = 0; i < dp->n_aux; i++)
        acc = gl2_add(acc, gl2_mul(dp->gamma[dp->n_main + i], row2(aux_row, i)));
    *a = acc;
    gl2_t cc = gl2_from_base(0);
    for (size_t k = 0; k < dp->n_comp; k++)
        cc = gl2_add(cc, gl2_mul(dp->delta[k], row2(comp_row, k)));
    *c = cc;
}

static gl2_t combine(const stark_deep *dp, gl2_t a, gl2_t c, gl2_t inv_z, gl2_t inv_gz)
{
    gl2_t t1 = gl2_mul(gl2_add(gl2_sub(a, dp->a_z), gl2_sub(c, dp->c_z)), inv_z);
    gl2_t t2 = gl2_mul(gl2_mul(gl2_sub(a, dp->a_gz), inv_gz), dp->lambda);
    return gl2_add(t1, t2);
}

zk_err stark_deep_at(gl2_t *f, const stark_deep *dp, gl_t x, const gl_t *main_row,
                     const gl_t *aux_row, const gl_t *comp_row)
{
    gl2_t a, c, iz, igz;
    numerators(dp, main_row, aux_row, comp_row, &a, &c);
    if (gl2_inv(&iz, gl2_sub(gl2_from_base(x), dp->z)) ||
        gl2_inv(&igz, gl2_sub(gl2_from_base(x), dp->gz)))
        return ZK_EVERIFY;
    *f = combine(dp, a, c, iz, igz);
    return ZK_OK;
}

typedef struct deep_job {
    const stark_deep *dp;
    const stark_domains *dm;
    const gl_t *main_lde, *aux_lde, *comp_lde;
    gl2_t *f;
    gl2_t *scratch;   /* 3·|D|: the two denominators and prefix products */
    bool bad;
} deep_job;

static void deep_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    deep_job *j = ctx;
    const stark_layout *l = j->dm->l;
    size_t n = end - begin;
    gl2_t *dz = j->scratch + begin, *dgz = j->scratch + l->lde + begin;
    gl2_t *pre = j->scratch + 2 * l->lde + begin;
    for (size_t p = begin; p < end; p++) {
        gl2_t x = gl2_from_base(j->dm->xs[p]);
        dz[p - begin] = gl2_sub(x, j->dp->z);
        dgz[p - begin] = gl2_sub(x, j->dp->gz);
    }
    if (gl2_batch_inv(dz, n, pre) || gl2_batch_inv(dgz, n, pre)) {
        j->bad = true;
        return;
    }
    size_t wm = j->dp->n_main, wa = 2 * j->dp->n_aux, wc = 2 * j->dp->n_comp;
    for (size_t p = begin; p < end; p++) {
        gl2_t a, c;
        numerators(j->dp, j->main_lde + p * wm, j->aux_lde ? j->aux_lde + p * wa : NULL,
                   j->comp_lde + p * wc, &a, &c);
        j->f[p] = combine(j->dp, a, c, dz[p - begin], dgz[p - begin]);
    }
}

zk_err stark_deep_on_lde(gl2_t *f, const stark_deep *dp, const stark_domains *dm,
                         const gl_t *main_lde, const gl_t *aux_lde, const gl_t *comp_lde)
{
    gl2_t *scratch = zk_alloc_aligned(3 * dm->l->lde, sizeof *scratch);
    if (!scratch)
        return ZK_ENOMEM;
    deep_job j = {dp, dm, main_lde, aux_lde, comp_lde, f, scratch, false};
    zk_parallel_for(dm->l->lde, 4096, deep_range, &j);
    zk_free(scratch);
    return j.bad ? ZK_EVERIFY : ZK_OK;
}
