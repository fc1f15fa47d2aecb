#include "stark/air.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

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

void stark_air_periodic_at_row(const stark_air *a, size_t row, gl_t *per)
{
    for (size_t k = 0; k < a->n_periodic; k++)
        per[k] = a->periodic[k].values[row & (a->periodic[k].period - 1)];
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

zk_err stark_trace_check(const stark_air *a, const gl_t *trace, const gl2_t *aux,
                         const gl2_t *chal, stark_check_report *rep)
{
    size_t n = a->n_rows, nm = a->n_main_cons, na = a->n_cons - a->n_main_cons;
    rep->ok = true;
    rep->row = rep->constraint = 0;
    gl_t *out = zk_alloc(nm + 1, sizeof *out);
    gl2_t *eout = zk_alloc(na + 1, sizeof *eout);
    gl2_t *ecur = zk_alloc(2 * a->n_main + 1, sizeof *ecur);
    gl2_t eper[STARK_AIR_MAX_PERIODIC];
    if (!out || !eout || !ecur) {
        zk_free(out);
        zk_free(eout);
        zk_free(ecur);
        return ZK_ENOMEM;
    }
    gl_t per[STARK_AIR_MAX_PERIODIC];
    for (size_t row = 0; row < n && rep->ok; row++) {
        const gl_t *cur = trace + row * a->n_main;
        const gl_t *next = trace + ((row + 1) % n) * a->n_main;
        stark_air_periodic_at_row(a, row, per);
        a->vt->eval_base(a, out, cur, next, per);
        for (size_t i = 0; i < nm; i++) {
            if (out[i] != 0 && applies(&a->cons[i], row, n)) {
                rep->ok = false;
                rep->row = row;
                rep->constraint = i;
                break;
            }
        }
        if (!rep->ok || !aux || na == 0)
            continue;
        for (size_t c = 0; c < a->n_main; c++) {
            ecur[c] = gl2_from_base(cur[c]);
            ecur[a->n_main + c] = gl2_from_base(next[c]);
        }
        for (size_t k = 0; k < a->n_periodic; k++)
            eper[k] = gl2_from_base(per[k]);
        a->vt->eval_aux(a, eout, ecur, ecur + a->n_main, aux + row * a->n_aux,
                        aux + ((row + 1) % n) * a->n_aux, chal, eper);
        for (size_t i = 0; i < na; i++) {
            if (!gl2_eq(eout[i], gl2_from_base(0)) && applies(&a->cons[nm + i], row, n)) {
                rep->ok = false;
                rep->row = row;
                rep->constraint = nm + i;
                break;
            }
        }
    }
    zk_free(out);
    zk_free(eout);
    zk_free(ecur);
    return ZK_OK;
}
