#include "stark/air.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"

zk_err stark_air_init(stark_air *a, const char *name, size_t n_rows, size_t n_main)
{
    memset(a, 0, sizeof *a);
    if (strlen(name) >= STARK_AIR_NAME_MAX || n_rows < 2 || (n_rows & (n_rows - 1)) != 0 ||
        n_main == 0)
        return ZK_EINVAL;
    strcpy(a->name, name);
    a->n_rows = n_rows;
    a->n_main = n_main;
    return ZK_OK;
}

zk_err stark_air_alloc_constraints(stark_air *a, size_t n)
{
    a->cons = zk_calloc(n, sizeof *a->cons);
    if (!a->cons)
        return ZK_ENOMEM;
    a->n_cons = n;
    return ZK_OK;
}

void stark_air_set_constraint(stark_air *a, size_t i, stark_ckind kind, size_t row,
                              unsigned degree, bool aux, const char *fmt, ...)
{
    stark_constraint *c = &a->cons[i];
    c->kind = kind;
    c->row = row;
    c->degree = degree;
    c->aux = aux;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->name, sizeof c->name, fmt, ap);
    va_end(ap);
}

void stark_air_set_known(stark_air *a, size_t i, unsigned factors)
{
    a->cons[i].known = factors;
}

void stark_logup_sum_eval(gl2_t out[3], const gl2_t *acur, const gl2_t *anext, size_t l)
{
    gl2_t sum = gl2_from_base(0);
    for (size_t k = 0; k < l; k++)
        sum = gl2_add(sum, acur[k]);
    out[0] = acur[l];
    out[1] = gl2_sub(anext[l], gl2_add(acur[l], sum));
    out[2] = gl2_add(acur[l], sum);
}

size_t stark_logup_sum_constraints(stark_air *a, size_t k, size_t n)
{
    stark_air_set_constraint(a, k, STARK_ROW, 0, 1, true, "LogUp sum starts at 0");
    stark_air_set_constraint(a, k + 1, STARK_TRANSITION, 0, 1, true, "LogUp sum step");
    stark_air_set_constraint(a, k + 2, STARK_ROW, n - 1, 1, true, "LogUp sum closes at 0");
    return k + 3;
}

zk_err stark_air_add_periodic(stark_air *a, const gl_t *values, size_t period)
{
    if (a->n_periodic == STARK_AIR_MAX_PERIODIC || period == 0 || (period & (period - 1)) != 0 ||
        period > a->n_rows)
        return ZK_EINVAL;
    gl_t *v = zk_alloc(period, sizeof *v);
    if (!v)
        return ZK_ENOMEM;
    memcpy(v, values, period * sizeof *v);
    a->periodic[a->n_periodic].period = period;
    a->periodic[a->n_periodic].values = v;
    a->n_periodic++;
    return ZK_OK;
}

void stark_air_free(stark_air *a)
{
    if (a->vt && a->vt->free_witness && a->witness)
        a->vt->free_witness(a);
    for (size_t i = 0; i < a->n_periodic; i++)
        zk_free(a->periodic[i].values);
    zk_free(a->cons);
    memset(a, 0, sizeof *a);
}

unsigned stark_air_max_degree(const stark_air *a)
{
    unsigned d = 1;
    for (size_t i = 0; i < a->n_cons; i++)
        if (a->cons[i].degree > d)
            d = a->cons[i].degree;
    return d;
}

size_t stark_air_known_degree(const stark_air *a)
{
    size_t n = a->n_rows, k = a->pub_column ? n - 1 : 0;
    for (size_t i = 0; i < a->n_periodic; i++) {
        size_t p = a->periodic[i].period, deg = n - n / p;
        if (deg > k)
            k = deg;
    }
    return k;
}

void stark_air_known_at_row(const stark_air *a, size_t row, gl_t *per)
{
    for (size_t k = 0; k < a->n_periodic; k++)
        per[k] = a->periodic[k].values[row & (a->periodic[k].period - 1)];
    if (a->pub_column)
        per[a->n_periodic] = row < a->n_pub ? a->pub[row] : 0;
}

/* P(z) = Σ_i pub_i·L_i(z) with L_i(z) = ω^i·(z^N - 1)/(N·(z - ω^i)), the
 * Lagrange basis of H (its denominator Π_{j≠i}(ω^i - ω^j) is the
 * derivative of x^N - 1 at ω^i, N·ω^(-i)). The z - ω^i are inverted
 * together. */
zk_err stark_air_public_at(gl2_t *out, const stark_air *a, gl2_t z)
{
    size_t n = a->n_rows, m = a->n_pub;
    *out = gl2_from_base(0);
    if (!a->pub_column || m == 0)
        return ZK_OK;
    gl2_t *den = zk_alloc(2 * m, sizeof *den);
    if (!den)
        return ZK_ENOMEM;
    unsigned log_n = 0;
    while (((size_t)1 << log_n) < n)
        log_n++;
    gl_t omega, w = 1;
    gl_root_of_unity(&omega, log_n);
    for (size_t i = 0; i < m; i++) {
        den[i] = gl2_sub(z, gl2_from_base(w));
        w = gl_mul(w, omega);
    }
    zk_err err = gl2_batch_inv(den, m, den + m);
    if (err) {
        zk_free(den);
        return ZK_EVERIFY;
    }
    gl2_t sum = gl2_from_base(0);
    w = 1;
    for (size_t i = 0; i < m; i++) {
        sum = gl2_add(sum, gl2_mul_base(den[i], gl_mul(a->pub[i], w)));
        w = gl_mul(w, omega);
    }
    zk_free(den);
    gl_t n_inv;
    gl_inv(&n_inv, (gl_t)n);
    gl2_t zn1 = gl2_sub(gl2_pow(z, n), gl2_from_base(1));
    *out = gl2_mul_base(gl2_mul(sum, zn1), n_inv);
    return ZK_OK;
}

static bool applies(const stark_constraint *c, size_t row, size_t n)
{
    switch (c->kind) {
    case STARK_TRANSITION:
        return row + 1 < n;
    case STARK_ROW:
        return row == c->row;
    case STARK_EVERY_ROW:
        return true;
    }
    return false;
}

typedef struct check_job {
    const stark_air *a;
    const gl_t *trace;
    const gl2_t *aux, *chal;
    size_t chunk;
    size_t n_chunks;
    size_t *first_row;        /* per chunk: first failing row, or SIZE_MAX */
    size_t *first_cons;
    bool oom;
} check_job;

/* Checks rows [begin·chunk, end·chunk) chunk by chunk; each chunk records
 * its first failure, so the smallest failing row wins whatever the order. */
static void check_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    check_job *j = ctx;
    const stark_air *a = j->a;
    size_t n = a->n_rows, nm = a->n_main_cons, na = a->n_cons - a->n_main_cons;
    size_t w = stark_air_row_width(a), nk = stark_air_n_known(a);
    gl_t *out = zk_alloc(nm + 1, sizeof *out);
    gl2_t *eout = zk_alloc(na + 1, sizeof *eout);
    gl2_t *ecur = zk_alloc(2 * w + 1, sizeof *ecur);
    if (!out || !eout || !ecur) {
        j->oom = true;
        goto out;
    }
    gl_t per[STARK_AIR_MAX_KNOWN];
    gl2_t eper[STARK_AIR_MAX_KNOWN];
    for (size_t c = begin; c < end; c++) {
        j->first_row[c] = SIZE_MAX;
        size_t hi = (c + 1) * j->chunk < n ? (c + 1) * j->chunk : n;
        for (size_t row = c * j->chunk; row < hi && j->first_row[c] == SIZE_MAX; row++) {
            const gl_t *cur = j->trace + row * w;
            const gl_t *next = j->trace + ((row + 1) % n) * w;
            stark_air_known_at_row(a, row, per);
            a->vt->eval_base(a, out, cur, next, per);
            for (size_t i = 0; i < nm; i++) {
                if (out[i] != 0 && applies(&a->cons[i], row, n)) {
                    j->first_row[c] = row;
                    j->first_cons[c] = i;
                    break;
                }
            }
            if (j->first_row[c] != SIZE_MAX || !j->aux || na == 0)
                continue;
            for (size_t k = 0; k < w; k++) {
                ecur[k] = gl2_from_base(cur[k]);
                ecur[w + k] = gl2_from_base(next[k]);
            }
            for (size_t k = 0; k < nk; k++)
                eper[k] = gl2_from_base(per[k]);
            a->vt->eval_aux(a, eout, ecur, ecur + w, j->aux + row * a->n_aux,
                            j->aux + ((row + 1) % n) * a->n_aux, j->chal, eper);
            for (size_t i = 0; i < na; i++) {
                if (!gl2_eq(eout[i], gl2_from_base(0)) && applies(&a->cons[nm + i], row, n)) {
                    j->first_row[c] = row;
                    j->first_cons[c] = nm + i;
                    break;
                }
            }
        }
    }
out:
    zk_free(out);
    zk_free(eout);
    zk_free(ecur);
}

zk_err stark_trace_check(const stark_air *a, const gl_t *trace, const gl2_t *aux,
                         const gl2_t *chal, stark_check_report *rep)
{
    size_t n = a->n_rows;
    check_job j = {a, trace, aux, chal, 256, 0, NULL, NULL, false};
    j.n_chunks = (n + j.chunk - 1) / j.chunk;
    j.first_row = zk_alloc(j.n_chunks, sizeof *j.first_row);
    j.first_cons = zk_alloc(j.n_chunks, sizeof *j.first_cons);
    if (!j.first_row || !j.first_cons) {
        zk_free(j.first_row);
        zk_free(j.first_cons);
        return ZK_ENOMEM;
    }
    zk_parallel_for(j.n_chunks, 1, check_range, &j);
    rep->ok = true;
    rep->row = rep->constraint = 0;
    for (size_t c = 0; c < j.n_chunks && rep->ok && !j.oom; c++) {
        if (j.first_row[c] != SIZE_MAX) {
            rep->ok = false;
            rep->row = j.first_row[c];
            rep->constraint = j.first_cons[c];
        }
    }
    zk_free(j.first_row);
    zk_free(j.first_cons);
    return j.oom ? ZK_ENOMEM : ZK_OK;
}
