/* Q = Σ α_i·C_i/Z_i, with the vanishing polynomials
 *   transition   Z = (x^N - 1)/(x - ω^(N-1))     every row but the last
 *   row j        Z = x - ω^j
 *   every row    Z = x^N - 1
 * On D, x^N takes only blowup values (one per coset of H), so 1/(x^N - 1)
 * is a table of blowup entries; 1/(x - ω^j) is one batch inversion per
 * boundary row. */
#include "stark/quotient.h"

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"

/* The distinct rows of the boundary constraints, and each constraint's slot. */
typedef struct row_slots {
    size_t rows[64];
    size_t n;
    size_t *slot;   /* per constraint */
} row_slots;

static zk_err collect_rows(row_slots *rs, const stark_air *air)
{
    rs->n = 0;
    rs->slot = zk_calloc(air->n_cons + 1, sizeof *rs->slot);
    if (!rs->slot)
        return ZK_ENOMEM;
    for (size_t i = 0; i < air->n_cons; i++) {
        if (air->cons[i].kind != STARK_ROW)
            continue;
        size_t k = 0;
        while (k < rs->n && rs->rows[k] != air->cons[i].row)
            k++;
        if (k == rs->n) {
            if (rs->n == sizeof rs->rows / sizeof rs->rows[0]) {
                zk_free(rs->slot);
                return ZK_EINVAL;
            }
            rs->rows[rs->n++] = air->cons[i].row;
        }
        rs->slot[i] = k;
    }
    return ZK_OK;
}

typedef struct quot_job {
    const stark_domains *dm;
    const stark_air *air;
    const gl_t *main_lde, *aux_lde;
    const gl2_t *chal, *alpha;
    gl_t *q0, *q1;
    const row_slots *rs;
    gl_t *inv_row;         /* rs->n arrays of |D| */
    gl_t inv_zh[STARK_MAX_BLOWUP];
    gl_t omega_last;       /* ω^(N-1) */
    gl_t *per_tab[STARK_AIR_MAX_KNOWN];   /* the known columns on D, periodically */
    size_t per_len[STARK_AIR_MAX_KNOWN];
    gl_t *scratch;         /* per worker */
    size_t scratch_len;
} quot_job;

static void quot_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    const quot_job *j = ctx;
    const stark_air *air = j->air;
    const stark_layout *l = j->dm->l;
    size_t nm = air->n_main_cons, na = air->n_cons - nm, w = stark_air_row_width(air);
    size_t wa = air->n_aux, nk = stark_air_n_known(air);
    gl_t *out = j->scratch + (size_t)worker * j->scratch_len;
    gl2_t *eout = (gl2_t *)(void *)(out + nm + 1);
    gl2_t *ecur = eout + na + 1, *enext = ecur + w;
    gl2_t acc_row[64];
    gl_t per[STARK_AIR_MAX_KNOWN];
    gl2_t eper[STARK_AIR_MAX_KNOWN];
    for (size_t p = begin; p < end; p++) {
        size_t pn = (p + l->blowup) & (l->lde - 1);
        const gl_t *cur = j->main_lde + p * w, *next = j->main_lde + pn * w;
        for (size_t k = 0; k < nk; k++)
            per[k] = j->per_tab[k][p % j->per_len[k]];
        air->vt->eval_base(air, out, cur, next, per);
        gl2_t acc_t = gl2_from_base(0), acc_e = acc_t;
        for (size_t r = 0; r < j->rs->n; r++)
            acc_row[r] = acc_t;
        for (size_t i = 0; i < nm; i++) {
            gl2_t t = gl2_mul_base(j->alpha[i], out[i]);
            switch (air->cons[i].kind) {
            case STARK_TRANSITION: acc_t = gl2_add(acc_t, t); break;
            case STARK_EVERY_ROW: acc_e = gl2_add(acc_e, t); break;
            case STARK_ROW: acc_row[j->rs->slot[i]] = gl2_add(acc_row[j->rs->slot[i]], t); break;
            }
        }
        if (na > 0) {
            for (size_t c = 0; c < w; c++) {
                ecur[c] = gl2_from_base(cur[c]);
                enext[c] = gl2_from_base(next[c]);
            }
            for (size_t k = 0; k < nk; k++)
                eper[k] = gl2_from_base(per[k]);
            air->vt->eval_aux(air, eout, ecur, enext,
                              (const gl2_t *)(const void *)(j->aux_lde + p * 2 * wa),
                              (const gl2_t *)(const void *)(j->aux_lde + pn * 2 * wa), j->chal,
                              eper);
            for (size_t i = 0; i < na; i++) {
                gl2_t t = gl2_mul(j->alpha[nm + i], eout[i]);
                switch (air->cons[nm + i].kind) {
                case STARK_TRANSITION: acc_t = gl2_add(acc_t, t); break;
                case STARK_EVERY_ROW: acc_e = gl2_add(acc_e, t); break;
                case STARK_ROW:
                    acc_row[j->rs->slot[nm + i]] = gl2_add(acc_row[j->rs->slot[nm + i]], t);
                    break;
                }
            }
        }
        gl_t izh = j->inv_zh[p & (l->blowup - 1)];
        gl2_t q = gl2_mul_base(acc_t, gl_mul(gl_sub(j->dm->xs[p], j->omega_last), izh));
        q = gl2_add(q, gl2_mul_base(acc_e, izh));
        for (size_t r = 0; r < j->rs->n; r++)
            q = gl2_add(q, gl2_mul_base(acc_row[r], j->inv_row[r * l->lde + p]));
        j->q0[p] = q.c[0];
        j->q1[p] = q.c[1];
    }
}

typedef struct row_inv_job {
    const gl_t *xs;
    gl_t a;            /* ω^row */
    gl_t *out, *scratch;
} row_inv_job;

static void row_inv_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const row_inv_job *j = ctx;
    for (size_t i = begin; i < end; i++)
        j->out[i] = gl_sub(j->xs[i], j->a);
    gl_batch_inv(j->out + begin, j->out + begin, end - begin, j->scratch + begin);
}

zk_err stark_quotient_on_lde(const stark_domains *dm, const stark_air *air,
                             const gl_t *main_lde, const gl_t *aux_lde, const gl2_t *chal,
                             const gl2_t *alpha, gl_t *q0, gl_t *q1)
{
    const stark_layout *l = dm->l;
    row_slots rs;
    zk_err err = collect_rows(&rs, air);
    if (err)
        return err;
    quot_job j;
    memset(&j, 0, sizeof j);
    stark_periodic pub_col = {l->n, NULL};
    j.dm = dm;
    j.air = air;
    j.main_lde = main_lde;
    j.aux_lde = aux_lde;
    j.chal = chal;
    j.alpha = alpha;
    j.q0 = q0;
    j.q1 = q1;
    j.rs = &rs;
    j.omega_last = gl_pow(l->omega_n, l->n - 1);
    for (size_t k = 0; k < l->blowup; k++)
        gl_inv(&j.inv_zh[k], gl_sub(dm->coset_shift_n[k], 1));
    j.scratch_len = (air->n_cons + 2) + 2 * (air->n_cons + 2) + 4 * stark_air_row_width(air);
    unsigned threads = zk_pool_threads();
    j.inv_row = zk_alloc_aligned(rs.n * l->lde + 1, sizeof *j.inv_row);
    gl_t *tmp = zk_alloc_aligned(l->lde, sizeof *tmp);
    j.scratch = zk_alloc_aligned((size_t)threads * j.scratch_len, sizeof *j.scratch);
    if (!j.inv_row || !tmp || !j.scratch) {
        err = ZK_ENOMEM;
        goto out;
    }
    for (size_t r = 0; r < rs.n; r++) {
        row_inv_job rj = {dm->xs, gl_pow(l->omega_n, rs.rows[r]), j.inv_row + r * l->lde, tmp};
        zk_parallel_for(l->lde, 4096, row_inv_range, &rj);
    }
    /* The public-input column is a column of period N: its values are the
     * public inputs, then zeros. */
    if (air->pub_column) {
        if (!(pub_col.values = zk_calloc(l->n, sizeof(gl_t)))) {
            err = ZK_ENOMEM;
            goto out;
        }
        memcpy(pub_col.values, air->pub, air->n_pub * sizeof(gl_t));
    }
    for (size_t k = 0; k < stark_air_n_known(air); k++) {
        const stark_periodic *col = k < air->n_periodic ? &air->periodic[k] : &pub_col;
        j.per_len[k] = l->blowup * col->period;
        if (!(j.per_tab[k] = zk_alloc(j.per_len[k], sizeof(gl_t)))) {
            err = ZK_ENOMEM;
            goto out;
        }
        if ((err = stark_periodic_lde(dm, col, j.per_tab[k])))
            goto out;
    }
    zk_parallel_for(l->lde, 512, quot_range, &j);
out:
    zk_free(pub_col.values);
    for (size_t k = 0; k < stark_air_n_known(air); k++)
        zk_free(j.per_tab[k]);
    zk_free(j.inv_row);
    zk_free(tmp);
    zk_free(j.scratch);
    zk_free(rs.slot);
    return err;
}

zk_err stark_quotient_at(gl2_t *q, const stark_layout *l, const stark_air *air,
                         const gl2_t *ood_main, const gl2_t *ood_aux, const gl2_t *chal,
                         const gl2_t *alpha, gl2_t z)
{
    size_t nm = air->n_main_cons, na = air->n_cons - nm, max_period = 1;
    for (size_t k = 0; k < air->n_periodic; k++)
        if (air->periodic[k].period > max_period)
            max_period = air->periodic[k].period;
    gl2_t *out = zk_alloc(air->n_cons + 1, sizeof *out);
    gl_t *pc = zk_alloc(max_period, sizeof *pc);
    if (!out || !pc) {
        zk_free(out);
        zk_free(pc);
        return ZK_ENOMEM;
    }
    gl2_t per[STARK_AIR_MAX_KNOWN];
    zk_err err = ZK_OK;
    for (size_t k = 0; k < air->n_periodic && !err; k++) {
        /* The column at z is P(z^(N/period)). */
        const stark_periodic *p = &air->periodic[k];
        if ((err = stark_periodic_coeffs(p, pc)))
            break;
        gl2_t y = gl2_pow(z, l->n / p->period), acc = gl2_from_base(0);
        for (size_t i = p->period; i-- > 0;)
            acc = gl2_add(gl2_mul(acc, y), gl2_from_base(pc[i]));
        per[k] = acc;
    }
    if (!err && air->pub_column)
        err = stark_air_public_at(&per[air->n_periodic], air, z);
    if (err)
        goto out;
    size_t w = stark_air_row_width(air);
    air->vt->eval_ext(air, out, ood_main, ood_main + w, per);
    if (na > 0)
        air->vt->eval_aux(air, out + nm, ood_main, ood_main + w, ood_aux, ood_aux + air->n_aux,
                          chal, per);
    gl2_t zn = gl2_pow(z, l->n), one = gl2_from_base(1);
    gl2_t zh = gl2_sub(zn, one), izh;
    if (gl2_inv(&izh, zh)) {
        err = ZK_EVERIFY;
        goto out;
    }
    gl2_t last = gl2_from_base(gl_pow(l->omega_n, l->n - 1));
    gl2_t acc = gl2_from_base(0);
    for (size_t i = 0; i < air->n_cons && !err; i++) {
        gl2_t t = gl2_mul(alpha[i], out[i]), inv;
        switch (air->cons[i].kind) {
        case STARK_TRANSITION: t = gl2_mul(t, gl2_mul(gl2_sub(z, last), izh)); break;
        case STARK_EVERY_ROW: t = gl2_mul(t, izh); break;
        case STARK_ROW:
            if (gl2_inv(&inv, gl2_sub(z, gl2_from_base(gl_pow(l->omega_n, air->cons[i].row)))))
                err = ZK_EVERIFY;
            t = gl2_mul(t, inv);
            break;
        }
        acc = gl2_add(acc, t);
    }
    *q = acc;
out:
    zk_free(out);
    zk_free(pc);
    return err;
}
