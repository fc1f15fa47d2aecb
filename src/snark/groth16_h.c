/* The prover's polynomial part: from the witness to the values of A·B − C on
 * the coset where the .zkey's H points live (snark/groth16.h). */
#include "core/pool.h"
#include "snark/groth16.h"

void groth16_coset_shift(fr_t *shift, unsigned log_n)
{
    if (log_n < FR_TWO_ADICITY) {
        fr_root_of_unity(shift, log_n + 1);
    } else {
        fr_from_u64(shift, 25);
    }
}

typedef struct ab_job {
    fr_t *out[2];
    size_t domain;
    const zkey_coef *coefs;
    size_t n;
    const fr_t *w;
    unsigned parts;
} ab_job;

/* Part k owns a contiguous range of constraints, so each output element has
 * one writer and the coefficient list needs no sorting. Every part scans
 * all coefficients and skips the others' (a scan costs far less than the
 * multiplications it saves the other part). */
static void ab_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const ab_job *j = ctx;
    for (size_t part = begin; part < end; part++) {
        size_t lo = j->domain * part / j->parts, hi = j->domain * (part + 1) / j->parts;
        for (size_t i = 0; i < j->n; i++) {
            const zkey_coef *c = &j->coefs[i];
            if (c->constraint < lo || c->constraint >= hi)
                continue;
            const fr_t *x = &j->w[c->signal];
            fr_t *o = &j->out[c->matrix][c->constraint];
            /* Witnesses are mostly bits: skip 0, add for 1. */
            if (fr_is_zero(x))
                continue;
            if (fr_is_one(x)) {
                fr_add(o, o, &c->value);
            } else {
                fr_t t;
                fr_mul(&t, &c->value, x);
                fr_add(o, o, &t);
            }
        }
    }
}

void groth16_eval_ab(fr_t *a, fr_t *b, size_t domain_size, const zkey_coef *coefs, size_t n,
                     const fr_t *w)
{
    for (size_t i = 0; i < domain_size; i++) {
        fr_zero(&a[i]);
        fr_zero(&b[i]);
    }
    unsigned parts = zk_pool_threads();
    if (parts > domain_size)
        parts = (unsigned)domain_size;
    if (n < 4096)
        parts = 1;
    ab_job j = {{a, b}, domain_size, coefs, n, w, parts};
    zk_parallel_for(parts, 1, ab_range, &j);
}

typedef struct hadamard_job {
    fr_t *a;
    const fr_t *b, *c;
} hadamard_job;

static void product_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    hadamard_job *j = ctx;
    fr_t *c = (fr_t *)j->c;
    for (size_t i = begin; i < end; i++)
        fr_mul(&c[i], &j->a[i], &j->b[i]);
}

static void join_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    hadamard_job *j = ctx;
    for (size_t i = begin; i < end; i++) {
        fr_t t;
        fr_mul(&t, &j->a[i], &j->b[i]);
        fr_sub(&j->a[i], &t, &j->c[i]);
    }
}

zk_err groth16_h_coset(fr_t *a, fr_t *b, fr_t *c, const fr_domain *d, const zk_events *ev)
{
    size_t n = d->n;
    fr_t shift;
    groth16_coset_shift(&shift, d->log_n);
    hadamard_job j = {a, b, c};
    zk_parallel_for(n, 4096, product_range, &j);
    fr_t *v[3] = {a, b, c};
    zk_err err = zk_emit(ev, ZK_EV_PROGRESS, "qap_h", 0, 6, "NTTs");
    /* Interpolate on the domain, then evaluate on the coset: A(x), B(x)
     * and C(x) have degree < n, so n values on the coset determine
     * everything the odd-point Lagrange basis needs. fr_domain_to_coset
     * does both without reordering in between. */
    for (int k = 0; k < 3 && !err; k++) {
        fr_domain_to_coset(d, v[k], &shift);
        err = zk_emit(ev, ZK_EV_PROGRESS, "qap_h", 2 * (uint64_t)k + 2, 6, "NTTs");
    }
    if (err)
        return err;
    zk_parallel_for(n, 4096, join_range, &j);
    return ZK_OK;
}
