/* qap.*: lesson 07, an R1CS turned into polynomials (snark/qap.h). */
#include "lesson/actions_snark.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/actions.h"
#include "lesson/action_util.h"
#include "poly/zp_poly.h"

/* ---- qap.columns -------------------------------------------------------------- */

static const char *const side_names[3] = {"A", "B", "C"};

/* One side's columns: the entries at the points and the interpolated
 * polynomial, one wire a line. */
static void columns_of(lesson_result *out, const qap *q, const flat_circuit *fc, int side)
{
    lesson_result_line(out, LESSON_MARK_HEAD, "%s: column j at x = 1..%zu, interpolated", side_names[side],
                       q->m);
    mpz_t v;
    mpz_init(v);
    for (size_t j = 0; j < q->n; j++) {
        mpz_t *col = qap_column(q, side, j);
        char vals[160], poly[240];
        size_t used = 0;
        vals[0] = '\0';
        for (size_t i = 0; i < q->m && used + 1 < sizeof vals; i++) {
            zp_poly_eval(&q->f, v, col, q->m, q->xs[i]);
            char e[96];
            zp_show(&q->f, e, sizeof e, v);
            used += (size_t)snprintf(vals + used, sizeof vals - used, "%s%s", i ? ", " : "[", e);
        }
        if (used + 1 < sizeof vals)
            snprintf(vals + used, sizeof vals - used, "]");
        zp_poly_str(&q->f, poly, sizeof poly, col, q->m, "x");
        lesson_result_line(out, LESSON_MARK_NONE, "%-6s %-14s  →  %s_%s(x) = %s", fc->names[j],
                           vals, side_names[side], fc->names[j], poly);
    }
    mpz_clear(v);
}

static void field_line(lesson_result *out, const qap *q)
{
    if (q->f.bits > 64)
        lesson_result_line(out, LESSON_MARK_NOTE, "over BN254's Fr, where 1/6 is the element "
                           "that gives 1 when multiplied by 6");
    else
        lesson_result_line(out, LESSON_MARK_NOTE, "over F_%lu: every number is reduced mod %lu",
                           mpz_get_ui(q->f.p), mpz_get_ui(q->f.p));
}

/* qap.columns expr= field= side=A|B|C|all */
static zk_err columns_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const sides[] = {"all", "A", "B", "C"};
    size_t which;
    zk_err err = lesson_param_choice(out, p, "side", sides, 4, &which);
    if (err)
        return err;
    flat_circuit fc;
    qap q;
    if ((err = lesson_snark_qap(out, p, "bn254", &fc, &q)))
        return err;
    field_line(out, &q);
    for (int side = 0; side < 3; side++)
        if (which == 0 || which == (size_t)side + 1)
            columns_of(out, &q, &fc, side);
    /* t closes the full listing, or the last side's. */
    if (which == 0 || which == 3) {
        char t[240];
        lesson_result_line(out, LESSON_MARK_HEAD, "the target polynomial");
        lesson_result_line(out, LESSON_MARK_NONE, "t(x) = (x - 1)···(x - %zu) = %s", q.m,
                           zp_poly_str(&q.f, t, sizeof t, q.t, q.m + 1, "x"));
    }
    qap_free(&q);
    return ZK_OK;
}

/* ---- qap.divide / qap.check ----------------------------------------------------- */

typedef struct solved {
    flat_circuit fc;
    qap q;
    mpz_t *w;
    qap_sol sol;
    bool changed, have_q, have_sol;
} solved;

static zk_err solved_open(solved *sv, lesson_result *out, const lesson_params *p)
{
    memset(sv, 0, sizeof *sv);
    zk_err err = lesson_snark_qap(out, p, "bn254", &sv->fc, &sv->q);
    if (err)
        return err;
    sv->have_q = true;
    sv->w = zp_poly_new(sv->q.n);
    if (!sv->w)
        return ZK_ENOMEM;
    if ((err = lesson_snark_witness(out, p, &sv->fc, &sv->q, sv->w, &sv->changed)))
        return err;
    if ((err = qap_solve(&sv->sol, &sv->q, sv->w)))
        return lesson_fail(out, err, "%s", zk_strerror(err));
    sv->have_sol = true;
    return ZK_OK;
}

static void solved_close(solved *sv)
{
    if (sv->have_sol)
        qap_sol_free(&sv->sol);
    if (sv->have_q) {
        zp_poly_free(sv->w, sv->q.n);
        qap_free(&sv->q);
    }
}

static void witness_line(lesson_result *out, solved *sv)
{
    char buf[240], names[240];
    size_t used = 0;
    for (size_t j = 0; j < sv->q.n && used + 1 < sizeof names; j++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", j ? ", " : "[",
                                 sv->fc.names[j]);
    lesson_result_line(out, LESSON_MARK_NONE, "w = %s] = %s%s", names,
                       lesson_snark_vector_str(&sv->q.f, buf, sizeof buf, sv->w, sv->q.n),
                       sv->changed ? "  (one value changed)" : "");
}

/* qap.divide expr= field= x= set= */
static zk_err divide_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    solved sv;
    zk_err err = solved_open(&sv, out, p);
    if (!err) {
        const zp_field *f = &sv.q.f;
        size_t m = sv.q.m;
        char b[400];
        field_line(out, &sv.q);
        witness_line(out, &sv);
        lesson_result_line(out, LESSON_MARK_NONE, "A(x) = Σ w_j·A_j(x) = %s",
                           zp_poly_str(f, b, sizeof b, sv.sol.a, m, "x"));
        lesson_result_line(out, LESSON_MARK_NONE, "B(x) = Σ w_j·B_j(x) = %s",
                           zp_poly_str(f, b, sizeof b, sv.sol.b, m, "x"));
        lesson_result_line(out, LESSON_MARK_NONE, "C(x) = Σ w_j·C_j(x) = %s",
                           zp_poly_str(f, b, sizeof b, sv.sol.c, m, "x"));
        lesson_result_line(out, LESSON_MARK_NONE, "P(x) = A(x)·B(x) - C(x) = %s",
                           zp_poly_str(f, b, sizeof b, sv.sol.p, 2 * m - 1, "x"));
        lesson_result_line(out, LESSON_MARK_NONE, "t(x) = %s",
                           zp_poly_str(f, b, sizeof b, sv.q.t, m + 1, "x"));
        lesson_result_line(out, LESSON_MARK_NONE, "h(x) = P(x) / t(x) = %s",
                           zp_poly_str(f, b, sizeof b, sv.sol.h, m - 1, "x"));
        lesson_result_line(out, sv.sol.exact ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "remainder %s", zp_poly_str(f, b, sizeof b, sv.sol.rem, m, "x"));
        if (sv.sol.exact) {
            lesson_result_line(out, LESSON_MARK_NOTE, "t divides P: P vanishes at 1..%zu, so "
                               "every constraint holds", m);
        } else {
            /* P(i) is row i's A·B - C: name the failing rows. */
            mpz_t v;
            mpz_init(v);
            for (size_t i = 0; i < m; i++) {
                zp_poly_eval(f, v, sv.sol.p, 2 * m - 1, sv.q.xs[i]);
                if (mpz_sgn(v)) {
                    char e[96];
                    lesson_result_line(out, LESSON_MARK_BAD, "P(%zu) = %s ≠ 0: constraint %zu "
                                       "fails", i + 1, zp_show(f, e, sizeof e, v), i + 1);
                }
            }
            mpz_clear(v);
            lesson_result_line(out, LESSON_MARK_NOTE, "t does not divide P: no polynomial h "
                               "with P = h·t exists");
        }
    }
    solved_close(&sv);
    return err;
}

/* qap.check expr= field= x= set= seed=: the Schwartz–Zippel test at one
 * random point, and over a small field the count of all points that pass. */
static zk_err check_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    solved sv;
    zk_rng storage, *rng;
    zk_err err = solved_open(&sv, out, p);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (!err) {
        const zp_field *f = &sv.q.f;
        witness_line(out, &sv);
        qap_point pt;
        qap_point_init(&pt);
        mpz_t s;
        mpz_init(s);
        zp_random(f, s, rng);
        bool ok = qap_check_at(&pt, &sv.q, &sv.sol, s);
        char a[96], b[96], c[96], d[96], e[96];
        lesson_result_line(out, LESSON_MARK_NONE, "random point s = %s", zp_show(f, a, sizeof a, pt.s));
        lesson_result_line(out, LESSON_MARK_NONE, "A(s) = %s   B(s) = %s   C(s) = %s",
                           zp_show(f, a, sizeof a, pt.a), zp_show(f, b, sizeof b, pt.b),
                           zp_show(f, c, sizeof c, pt.c));
        lesson_result_line(out, LESSON_MARK_NONE, "h(s) = %s   t(s) = %s",
                           zp_show(f, d, sizeof d, pt.h), zp_show(f, e, sizeof e, pt.t));
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "A(s)·B(s) - C(s) = %s   h(s)·t(s) = %s   %s",
                           zp_show(f, a, sizeof a, pt.lhs), zp_show(f, b, sizeof b, pt.rhs),
                           ok ? "equal" : "different");
        size_t m = sv.q.m;
        if (f->bits <= 20) {
            /* A small field: try every point. */
            unsigned long pv = mpz_get_ui(f->p), passes = 0;
            for (unsigned long i = 0; i < pv; i++) {
                mpz_set_ui(s, i);
                passes += qap_check_at(&pt, &sv.q, &sv.sol, s);
            }
            lesson_result_line(out, LESSON_MARK_NOTE, "all %lu points of F_%lu tried: %lu pass%s",
                               pv, pv, passes, sv.sol.exact ? "" : " — each a point where the "
                               "cheat goes unnoticed");
        } else if (!sv.sol.exact) {
            lesson_result_line(out, LESSON_MARK_NOTE, "P - h·t is a non-zero polynomial of degree "
                               "< %zu: it vanishes at no more than %zu of the 2^254 points",
                               m, m - 1);
        } else {
            lesson_result_line(out, LESSON_MARK_NOTE, "P = h·t as polynomials, so every point "
                               "passes");
        }
        mpz_clear(s);
        qap_point_clear(&pt);
    }
    solved_close(&sv);
    return err;
}

/* qap.check_degree expr= answer=: the degree of h for the circuit. */
static zk_err check_degree(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    r1cs s;
    zk_err err = lesson_snark_circuit(out, p, &fc, &s);
    if (err)
        return err;
    long m = (long)s.n_rows;
    r1cs_free(&s);
    long v;
    out->verdict = LESSON_VERDICT_FAIL;
    if (!lesson_answer_long(p, &v))
        lesson_fail(out, ZK_OK, "type a whole number");
    else if (v == m - 2)
        out->verdict = LESSON_VERDICT_PASS;
    else if (v == m - 1)
        lesson_fail(out, ZK_OK, "%ld is the degree of A, B and C (through %ld points)", v, m);
    else if (v == 2 * (m - 1))
        lesson_fail(out, ZK_OK, "%ld is the degree of P = A·B - C; now divide by t", v);
    else if (v == m)
        lesson_fail(out, ZK_OK, "%ld is the degree of t, the divisor", v);
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"qap.columns", "expr field side", "the R1CS columns as interpolated polynomials",
     columns_action},
    {"qap.divide", "expr field x set", "A·B - C for a witness, divided by t(x)", divide_action},
    {"qap.check", "expr field x set seed", "the Schwartz–Zippel check at a random point",
     check_action},
    {"qap.check_degree", "expr answer", "checks the degree of h", check_degree},
};

const lesson_action_table lesson_actions_qap = {actions, sizeof actions / sizeof actions[0]};
