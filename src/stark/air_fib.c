/* fibonacci and fibonacci-sq: two-column AIRs, the smallest real examples.
 *
 * fibonacci walks (a, b) → (b, a + b) from (1, 1): linear constraints.
 * fibonacci-sq is STARK101's FibonacciSq, a_{n+2} = a_{n+1}² + a_n², laid out
 * as (a_n, a_{n+1}) per row so that every constraint reads two consecutive
 * rows: (a, b) → (b, a² + b²) from (1, x) with x private. Since only squares
 * of x enter, x and -x reach the same public value: two witnesses for one
 * statement, which the zero-knowledge test uses. */
#include <string.h>

#include "core/alloc.h"
#include "stark/air_builtin.h"

/* ---- fibonacci ------------------------------------------------------------ */

static void fib_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                          const gl_t *per)
{
    (void)per;
    out[0] = gl_sub(next[0], cur[1]);
    out[1] = gl_sub(next[1], gl_add(cur[0], cur[1]));
    out[2] = gl_sub(cur[0], 1);
    out[3] = gl_sub(cur[1], 1);
    out[4] = gl_sub(cur[1], a->pub[0]);
}

static void fib_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                         const gl2_t *per)
{
    (void)per;
    gl2_t one = gl2_from_base(1);
    out[0] = gl2_sub(next[0], cur[1]);
    out[1] = gl2_sub(next[1], gl2_add(cur[0], cur[1]));
    out[2] = gl2_sub(cur[0], one);
    out[3] = gl2_sub(cur[1], one);
    out[4] = gl2_sub(cur[1], gl2_from_base(a->pub[0]));
}

static zk_err fib_trace(const stark_air *a, gl_t *t)
{
    t[0] = t[1] = 1;
    for (size_t i = 1; i < a->n_rows; i++) {
        t[2 * i] = t[2 * i - 1];
        t[2 * i + 1] = gl_add(t[2 * i - 2], t[2 * i - 1]);
    }
    return ZK_OK;
}

static const stark_air_vt fib_vt = {fib_eval_base, fib_eval_ext, NULL, fib_trace, NULL, NULL, NULL};

static zk_err fib_shape(stark_air *a, size_t n)
{
    zk_err err = stark_air_init(a, "fibonacci", n, 2);
    if (!err)
        err = stark_air_alloc_constraints(a, 5);
    if (err)
        return err;
    a->vt = &fib_vt;
    a->n_main_cons = 5;
    a->params[0] = n;
    a->n_params = 1;
    a->n_pub = 1;
    stark_air_set_constraint(a, 0, STARK_TRANSITION, 0, 1, false, "next.a = b");
    stark_air_set_constraint(a, 1, STARK_TRANSITION, 0, 1, false, "next.b = a + b");
    stark_air_set_constraint(a, 2, STARK_ROW, 0, 1, false, "a = 1 at row 0");
    stark_air_set_constraint(a, 3, STARK_ROW, 0, 1, false, "b = 1 at row 0");
    stark_air_set_constraint(a, 4, STARK_ROW, n - 1, 1, false, "b = result at the last row");
    return ZK_OK;
}

zk_err air_fibonacci_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                               size_t npub)
{
    if (np != 1 || npub != 1 || !air_rows_ok(params[0]))
        return ZK_EINVAL;
    zk_err err = fib_shape(a, (size_t)params[0]);
    if (err)
        return err;
    a->pub[0] = pub[0];
    return ZK_OK;
}

zk_err air_fibonacci_new(stark_air *a, size_t n_rows)
{
    memset(a, 0, sizeof *a);
    if (!air_rows_ok(n_rows))
        return ZK_EINVAL;
    zk_err err = fib_shape(a, n_rows);
    if (err)
        return err;
    gl_t x = 1, y = 1;
    for (size_t i = 1; i < n_rows; i++) {
        gl_t t = gl_add(x, y);
        x = y;
        y = t;
    }
    a->pub[0] = y;
    return ZK_OK;
}

/* ---- fibonacci-sq --------------------------------------------------------- */

static void fibsq_eval_base(const stark_air *a, gl_t *out, const gl_t *cur, const gl_t *next,
                            const gl_t *per)
{
    (void)per;
    out[0] = gl_sub(next[0], cur[1]);
    out[1] = gl_sub(next[1], gl_add(gl_sqr(cur[0]), gl_sqr(cur[1])));
    out[2] = gl_sub(cur[0], 1);
    out[3] = gl_sub(cur[0], a->pub[0]);
}

static void fibsq_eval_ext(const stark_air *a, gl2_t *out, const gl2_t *cur, const gl2_t *next,
                           const gl2_t *per)
{
    (void)per;
    out[0] = gl2_sub(next[0], cur[1]);
    out[1] = gl2_sub(next[1], gl2_add(gl2_sqr(cur[0]), gl2_sqr(cur[1])));
    out[2] = gl2_sub(cur[0], gl2_from_base(1));
    out[3] = gl2_sub(cur[0], gl2_from_base(a->pub[0]));
}

static zk_err fibsq_trace(const stark_air *a, gl_t *t)
{
    t[0] = 1;
    t[1] = *(const gl_t *)a->witness;
    for (size_t i = 1; i < a->n_rows; i++) {
        t[2 * i] = t[2 * i - 1];
        t[2 * i + 1] = gl_add(gl_sqr(t[2 * i - 2]), gl_sqr(t[2 * i - 1]));
    }
    return ZK_OK;
}

static void fibsq_free(stark_air *a)
{
    zk_free_secret(a->witness, 1, sizeof(gl_t));
    a->witness = NULL;
}

static const stark_air_vt fibsq_vt = {fibsq_eval_base, fibsq_eval_ext, NULL,
                                      fibsq_trace, NULL, fibsq_free, NULL};

static zk_err fibsq_shape(stark_air *a, size_t n)
{
    zk_err err = stark_air_init(a, "fibonacci-sq", n, 2);
    if (!err)
        err = stark_air_alloc_constraints(a, 4);
    if (err)
        return err;
    a->vt = &fibsq_vt;
    a->n_main_cons = 4;
    a->params[0] = n;
    a->n_params = 1;
    a->n_pub = 1;
    stark_air_set_constraint(a, 0, STARK_TRANSITION, 0, 1, false, "next.a = b");
    stark_air_set_constraint(a, 1, STARK_TRANSITION, 0, 2, false, "next.b = a² + b²");
    stark_air_set_constraint(a, 2, STARK_ROW, 0, 1, false, "a = 1 at row 0");
    stark_air_set_constraint(a, 3, STARK_ROW, n - 1, 1, false, "a = result at the last row");
    return ZK_OK;
}

zk_err air_fibsq_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                           size_t npub)
{
    if (np != 1 || npub != 1 || !air_rows_ok(params[0]))
        return ZK_EINVAL;
    zk_err err = fibsq_shape(a, (size_t)params[0]);
    if (err)
        return err;
    a->pub[0] = pub[0];
    return ZK_OK;
}

zk_err air_fibsq_new(stark_air *a, size_t n_rows, gl_t x)
{
    memset(a, 0, sizeof *a);
    if (!air_rows_ok(n_rows))
        return ZK_EINVAL;
    zk_err err = fibsq_shape(a, n_rows);
    if (err)
        return err;
    gl_t *w = zk_alloc(1, sizeof *w);
    if (!w) {
        stark_air_free(a);
        return ZK_ENOMEM;
    }
    *w = x;
    a->witness = w;
    gl_t u = 1, v = x;
    for (size_t i = 1; i < n_rows; i++) {
        gl_t t = gl_add(gl_sqr(u), gl_sqr(v));
        u = v;
        v = t;
    }
    a->pub[0] = u;
    return ZK_OK;
}
