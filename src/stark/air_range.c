/* range-check: n private values, each proven to lie in [0, 2^bits), with a
 * LogUp lookup into the table 0..2^bits - 1.
 *
 * LogUp (Haböck, "Multivariate lookups based on logarithmic derivatives",
 * ePrint 2022/1530): the values v_i all lie in the table {t_j} exactly when,
 * for multiplicities m_j counting how often t_j occurs among the v_i,
 *     Σ_i 1/(α - v_i) = Σ_j m_j/(α - t_j)
 * as rational functions of α; checking it at a random α drawn after the
 * prover committed to v, t and m is sound up to (2n)/|F| (gl2: 2^-100 and
 * less at these sizes).
 *
 * Main columns (committed first): v, the table t (0, 1, ..., 2^bits - 1 and
 * then the last entry repeated) and the multiplicities m. The auxiliary
 * column s is the running sum, built after α:
 *     s_0 = 0,  s_{i+1} = s_i + 1/(α - v_i) - m_i/(α - t_i),  s_N = 0,
 * with the division multiplied out so the constraints are polynomials:
 *     (s' - s)(α - v)(α - t) = (α - t) - m(α - v)       (degree 3)
 * and the table is pinned by t_0 = 0, t_{N-1} = 2^bits - 1 and
 * (t' - t)(t' - t - 1) = 0: it steps by 0 or 1, so it covers the range. */
#include <string.h>

#include "core/alloc.h"
#include "stark/air_builtin.h"

enum { RC_V, RC_T, RC_M, RC_WIDTH };

static void rc_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                         const gl_t *per)
{
    (void)per;
    gl_t d = gl_sub(next[RC_T], cur[RC_T]);
    out[0] = gl_mul(d, gl_sub(d, 1));
    out[1] = cur[RC_T];
    out[2] = gl_sub(cur[RC_T], (gl_t)(((uint64_t)1 << a->params[1]) - 1));
}

static void rc_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *per)
{
    (void)per;
    gl2_t d = gl2_sub(next[RC_T], cur[RC_T]);
    out[0] = gl2_mul(d, gl2_sub(d, gl2_from_base(1)));
    out[1] = cur[RC_T];
    out[2] = gl2_sub(cur[RC_T], gl2_from_base((gl_t)(((uint64_t)1 << a->params[1]) - 1)));
}

/* (s' - s)(α - v)(α - t) - (α - t) + m(α - v), the step of the running sum. */
static gl2_t logup_step(gl2_t s, gl2_t s_next, const gl2_t *cur, gl2_t alpha)
{
    gl2_t av = gl2_sub(alpha, cur[RC_V]), at = gl2_sub(alpha, cur[RC_T]);
    gl2_t lhs = gl2_mul(gl2_mul(gl2_sub(s_next, s), av), at);
    return gl2_add(gl2_sub(lhs, at), gl2_mul(cur[RC_M], av));
}

static void rc_eval_aux(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                        const gl2_t *acur, const gl2_t *anext, const gl2_t *chal,
                        const gl2_t *per)
{
    (void)a;
    (void)next;
    (void)per;
    out[0] = acur[0];
    out[1] = logup_step(acur[0], anext[0], cur, chal[0]);
    out[2] = logup_step(acur[0], gl2_from_base(0), cur, chal[0]);
}

typedef struct rc_witness {
    size_t n;
    uint64_t *values;
} rc_witness;

static zk_err rc_trace(const stark_air *a, gl_t *t)
{
    const rc_witness *w = a->witness;
    size_t n = a->n_rows, table = (size_t)1 << a->params[1];
    for (size_t i = 0; i < n; i++) {
        t[i * RC_WIDTH + RC_V] = gl_from_u64(w->values[i]);
        t[i * RC_WIDTH + RC_T] = (gl_t)(i < table ? i : table - 1);
        t[i * RC_WIDTH + RC_M] = 0;
    }
    /* Each value's count goes on the table row that first lists it; values
     * outside the table have no row, and the sum will not close. */
    for (size_t i = 0; i < n; i++)
        if (w->values[i] < table)
            t[w->values[i] * RC_WIDTH + RC_M] = gl_add(t[w->values[i] * RC_WIDTH + RC_M], 1);
    return ZK_OK;
}

static zk_err rc_aux(const stark_air *a, gl2_t *aux, const gl_t *t, const gl2_t *chal)
{
    gl2_t s = gl2_from_base(0);
    for (size_t i = 0; i < a->n_rows; i++) {
        const gl_t *row = t + i * RC_WIDTH;
        aux[i] = s;
        gl2_t iv, it;
        if (gl2_inv(&iv, gl2_sub(chal[0], gl2_from_base(row[RC_V]))) ||
            gl2_inv(&it, gl2_sub(chal[0], gl2_from_base(row[RC_T]))))
            return ZK_EZERO;
        s = gl2_add(s, gl2_sub(iv, gl2_mul_base(it, row[RC_M])));
    }
    return ZK_OK;
}

static void rc_free(stark_air *a)
{
    rc_witness *w = a->witness;
    zk_free_secret(w->values, w->n, sizeof *w->values);
    zk_free(w);
    a->witness = NULL;
}

static const stark_air_vt rc_vt = {rc_eval_base, rc_eval_ext, rc_eval_aux, rc_trace, rc_aux,
                                   rc_free, NULL};

static zk_err rc_shape(stark_air *a, size_t n, unsigned bits)
{
    zk_err err = stark_air_init(a, "range-check", n, RC_WIDTH);
    if (!err)
        err = stark_air_alloc_constraints(a, 6);
    if (err)
        return err;
    a->vt = &rc_vt;
    a->n_aux = 1;
    a->n_challenges = 1;
    a->n_main_cons = 3;
    a->params[0] = n;
    a->params[1] = bits;
    a->n_params = 2;
    stark_air_set_constraint(a, 0, STARK_TRANSITION, 0, 2, false, "table steps by 0 or 1");
    stark_air_set_constraint(a, 1, STARK_ROW, 0, 1, false, "table starts at 0");
    stark_air_set_constraint(a, 2, STARK_ROW, n - 1, 1, false, "table ends at 2^%u - 1", bits);
    stark_air_set_constraint(a, 3, STARK_ROW, 0, 1, true, "LogUp sum starts at 0");
    stark_air_set_constraint(a, 4, STARK_TRANSITION, 0, 3, true, "LogUp sum step");
    stark_air_set_constraint(a, 5, STARK_ROW, n - 1, 3, true, "LogUp sum closes at 0");
    return ZK_OK;
}

static bool rc_ok(uint64_t n, uint64_t bits)
{
    return air_rows_ok(n) && bits >= 1 && bits <= 20 && ((uint64_t)1 << bits) <= n;
}

zk_err air_range_check_statement(stark_air *a, const uint64_t *params, size_t np,
                                 const gl_t *pub, size_t npub)
{
    (void)pub;
    if (np != 2 || npub != 0 || !rc_ok(params[0], params[1]))
        return ZK_EINVAL;
    return rc_shape(a, (size_t)params[0], (unsigned)params[1]);
}

zk_err air_range_check_new(stark_air *a, size_t n_rows, unsigned bits, const uint64_t *values,
                           zk_rng *rng)
{
    memset(a, 0, sizeof *a);
    if (!rc_ok(n_rows, bits))
        return ZK_EINVAL;
    zk_err err = rc_shape(a, n_rows, bits);
    if (err)
        return err;
    rc_witness *w = zk_calloc(1, sizeof *w);
    uint64_t *v = zk_alloc(n_rows, sizeof *v);
    if (!w || !v) {
        zk_free(w);
        zk_free(v);
        stark_air_free(a);
        return ZK_ENOMEM;
    }
    for (size_t i = 0; i < n_rows; i++)
        v[i] = values ? values[i] : zk_random_below(rng, (uint64_t)1 << bits);
    w->n = n_rows;
    w->values = v;
    a->witness = w;
    return ZK_OK;
}
