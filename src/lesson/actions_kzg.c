/* kzg.*: lesson 08, KZG commitments on a toy curve where every point can be
 * written down, then on BN254 (snark/kzg.h). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

#include "curve/encode.h"
#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "lesson/action_util.h"
#include "poly/zp_poly.h"
#include "snark/kzg.h"

enum { PT = 160 };

/* Everything the toy actions start from: the curve, τ, the SRS, p and its
 * commitment. */
typedef struct toy_setup {
    toy_curve c;
    kzg_toy_srs srs;
    mpz_t tau, z;
    mpz_t *p;
    size_t len;
    toy_point cm;
    bool have_curve, have_srs;
} toy_setup;

static void toy_close(toy_setup *t)
{
    if (t->have_srs) {
        kzg_toy_srs_free(&t->srs);
        toy_point_clear(&t->cm);
    }
    zp_poly_free(t->p, t->len);
    mpz_clears(t->tau, t->z, NULL);
    if (t->have_curve)
        toy_curve_clear(&t->c);
}

static zk_err toy_open(toy_setup *t, lesson_result *out, const lesson_params *p, size_t n1)
{
    memset(t, 0, sizeof *t);
    mpz_inits(t->tau, t->z, NULL);
    zk_err err = lesson_snark_toy_curve(out, p, &t->c);
    if (err)
        return err;
    t->have_curve = true;
    if ((err = lesson_snark_param_mod(out, p, "tau", 5, t->c.r, t->tau)) ||
        (err = lesson_snark_param_mod(out, p, "z", 3, t->c.r, t->z)) ||
        (err = lesson_snark_poly_param(out, p, "p", "2,1,3", &t->p, &t->len)))
        return err;
    for (size_t i = 0; i < t->len; i++)
        mpz_mod(t->p[i], t->p[i], t->c.r);
    if (t->len > n1)
        n1 = t->len;
    if ((err = kzg_toy_setup(&t->srs, &t->c, t->tau, n1, 2)))
        return lesson_fail(out, err, "setup: %s", zk_strerror(err));
    t->have_srs = true;
    toy_point_init(&t->cm);
    return kzg_toy_commit(&t->srs, &t->cm, t->p, t->len);
}

static void srs_lines(lesson_result *out, const toy_setup *t)
{
    char a[PT], b[PT];
    lesson_result_line(out, LESSON_MARK_HEAD, "setup on %s: G1 of order r = %lu, τ = %lu",
                       t->c.name, mpz_get_ui(t->c.r), mpz_get_ui(t->tau));
    for (size_t i = 0; i < t->srs.n1; i++)
        lesson_result_line(out, LESSON_MARK_NONE, "[τ^%zu]_1 = %s", i,
                           lesson_snark_toy_point_str(&t->c, a, sizeof a, &t->srs.g1[i]));
    lesson_result_line(out, LESSON_MARK_NONE, "[1]_2 = %s    [τ]_2 = %s",
                       lesson_snark_toy_point_str(&t->c, a, sizeof a, &t->srs.g2[0]),
                       lesson_snark_toy_point_str(&t->c, b, sizeof b, &t->srs.g2[1]));
    lesson_result_line(out, LESSON_MARK_NOTE, "τ itself is now thrown away: the points are all "
                       "anyone keeps");
}

static void check_lines(lesson_result *out, const toy_curve *c, const kzg_toy_check *chk,
                        const char *what)
{
    char a[PT], b[PT];
    lesson_result_line(out, LESSON_MARK_NONE, "e(C - [y]_1, [1]_2)     = %s",
                       toy_elt_str(&c->F, &chk->lhs, a, sizeof a));
    lesson_result_line(out, LESSON_MARK_NONE, "e(π, [τ]_2 - [z]_2)     = %s",
                       toy_elt_str(&c->F, &chk->rhs, b, sizeof b));
    lesson_result_line(out, chk->ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "%s %s", what,
                       chk->ok ? "accepted" : "rejected");
}

/* kzg.toy curve= tau= p= z=: setup, commit, open, verify with every number. */
static zk_err toy_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    toy_setup t;
    zk_err err = toy_open(&t, out, p, 3);
    if (!err) {
        const zp_field *f = &t.srs.fr;
        char a[PT], b[PT];
        srs_lines(out, &t);
        mpz_t v, y, k;
        mpz_inits(v, y, k, NULL);
        lesson_result_line(out, LESSON_MARK_HEAD, "commit to p(x) = %s",
                           zp_poly_str(f, a, sizeof a, t.p, t.len, "x"));
        size_t used = 0;
        for (size_t i = 0; i < t.len && used + 1 < sizeof b; i++)
            used += (size_t)snprintf(b + used, sizeof b - used, "%s%lu·[τ^%zu]_1", i ? " + " : "",
                                     mpz_get_ui(t.p[i]), i);
        zp_poly_eval(f, v, t.p, t.len, t.tau);
        lesson_result_line(out, LESSON_MARK_NONE, "C = %s = %s", b,
                           lesson_snark_toy_point_str(&t.c, a, sizeof a, &t.cm));
        lesson_result_line(out, LESSON_MARK_NOTE, "= [p(τ)]_1 = [%lu]_1: the committer never "
                           "needed τ, only the points", mpz_get_ui(v));

        lesson_result_line(out, LESSON_MARK_HEAD, "open at z = %lu", mpz_get_ui(t.z));
        toy_point proof;
        toy_point_init(&proof);
        mpz_t *q = zp_poly_new(t.len);
        err = q ? kzg_toy_open(&t.srs, &proof, y, t.p, t.len, t.z) : ZK_ENOMEM;
        if (!err) {
            zp_poly_div_linear(f, q, NULL, t.p, t.len, t.z);
            lesson_result_line(out, LESSON_MARK_NONE, "y = p(%lu) = %lu (mod %lu)",
                               mpz_get_ui(t.z), mpz_get_ui(y), mpz_get_ui(t.c.r));
            lesson_result_line(out, LESSON_MARK_NONE, "q(x) = (p(x) - y)/(x - z) = %s",
                               zp_poly_str(f, a, sizeof a, q, t.len - 1, "x"));
            zp_poly_eval(f, k, q, t.len - 1, t.tau);
            lesson_result_line(out, LESSON_MARK_NONE, "π = [q(τ)]_1 = [%lu]_1 = %s", mpz_get_ui(k),
                               lesson_snark_toy_point_str(&t.c, a, sizeof a, &proof));
            lesson_result_line(out, LESSON_MARK_HEAD, "verify: e(C - [y]_1, [1]_2) = e(π, [τ - z]_2)?");
            kzg_toy_check chk;
            kzg_toy_check_init(&chk);
            err = kzg_toy_verify(&t.srs, &chk, &t.cm, t.z, y, &proof);
            if (!err)
                check_lines(out, &t.c, &chk, "the opening is");
            kzg_toy_check_clear(&chk);
            lesson_result_line(out, LESSON_MARK_NOTE, "in the exponent: p(τ) - y = q(τ)·(τ - z), "
                               "checked without knowing τ");
        }
        zp_poly_free(q, t.len);
        toy_point_clear(&proof);
        mpz_clears(v, y, k, NULL);
    }
    toy_close(&t);
    return err;
}

/* kzg.two_values curve= tau= p= z= y=: a false value y' (default p(z)+1).
 * The honest division leaves a remainder; of all r points of G1 exactly one
 * passes as a proof, the one that takes τ to compute. */
static zk_err two_values_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    toy_setup t;
    zk_err err = toy_open(&t, out, p, 3);
    mpz_t y, yf, k, rem;
    mpz_inits(y, yf, k, rem, NULL);
    mpz_t *q = NULL;
    toy_point proof, g;
    toy_point_init(&proof);
    toy_point_init(&g);
    kzg_toy_check chk;
    kzg_toy_check_init(&chk);
    if (!err) {
        const zp_field *f = &t.srs.fr;
        zp_poly_eval(f, y, t.p, t.len, t.z);
        mpz_add_ui(yf, y, 1);
        err = lesson_snark_param_mod(out, p, "y", mpz_get_ui(yf), t.c.r, yf);
    }
    if (!err && mpz_cmp(y, yf) == 0)
        err = lesson_fail(out, ZK_EINVAL, "y must differ from p(z) = %lu to be a lie",
                          mpz_get_ui(y));
    if (!err && !(q = zp_poly_new(t.len)))
        err = ZK_ENOMEM;
    if (!err) {
        const zp_field *f = &t.srs.fr;
        char a[PT];
        unsigned long r = mpz_get_ui(t.c.r);
        lesson_result_line(out, LESSON_MARK_NONE, "p(x) = %s, z = %lu: the true value is "
                           "p(z) = %lu, the prover claims y' = %lu",
                           zp_poly_str(f, a, sizeof a, t.p, t.len, "x"), mpz_get_ui(t.z),
                           mpz_get_ui(y), mpz_get_ui(yf));
        /* (p - y')/(x - z) = q with remainder p(z) - y'. */
        mpz_t *shifted = t.p;
        zp_sub(f, shifted[0], shifted[0], yf);
        zp_poly_div_linear(f, q, rem, shifted, t.len, t.z);
        zp_add(f, shifted[0], shifted[0], yf);
        lesson_result_line(out, LESSON_MARK_BAD, "(p(x) - y')/(x - z) = %s, remainder %lu: "
                           "not a polynomial", zp_poly_str(f, a, sizeof a, q, t.len - 1, "x"),
                           mpz_get_ui(rem));
        err = kzg_toy_commit(&t.srs, &proof, q, t.len - 1);
        if (!err)
            err = kzg_toy_verify(&t.srs, &chk, &t.cm, t.z, yf, &proof);
        if (!err)
            lesson_result_line(out, chk.ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                               "its quotient committed anyway, π' = %s: %s",
                               lesson_snark_toy_point_str(&t.c, a, sizeof a, &proof),
                               chk.ok ? "accepted" : "rejected");
        /* Every point [k]_1 of G1 as the proof. */
        char line[400];
        size_t used = 0;
        unsigned long found = r;
        g.inf = true;
        for (unsigned long i = 0; !err && i < r; i++) {
            err = kzg_toy_verify(&t.srs, &chk, &t.cm, t.z, yf, &g);
            if (chk.ok)
                found = i;
            used += (size_t)snprintf(line + used, sizeof line - used, "%s%lu%s", i ? " " : "",
                                     i, chk.ok ? "✔" : "✘");
            toy_point_add(&t.c, &g, &g, &t.c.g1);
        }
        if (!err) {
            lesson_result_line(out, LESSON_MARK_HEAD, "every one of the %lu points [k]_1 tried as π:", r);
            lesson_result_line(out, LESSON_MARK_NONE, "k: %s", line);
        }
        if (!err && found < r) {
            mpz_t num, den;
            mpz_inits(num, den, NULL);
            zp_poly_eval(f, num, t.p, t.len, t.tau);
            zp_sub(f, num, num, yf);
            zp_sub(f, den, t.tau, t.z);
            lesson_result_line(out, LESSON_MARK_OK, "only k = %lu passes, and k = (p(τ) - y')/(τ - z) "
                               "= %lu/%lu mod %lu: a formula in τ", found, mpz_get_ui(num),
                               mpz_get_ui(den), r);
            mpz_clears(num, den, NULL);
            lesson_result_line(out, LESSON_MARK_NOTE, "here 13 guesses find it; on BN254 there "
                               "are 2^254, and without τ no way to compute the right one");
        } else if (!err) {
            lesson_result_line(out, LESSON_MARK_NOTE, "z = τ here, so [τ - z]_2 is the point at "
                               "infinity: choose another z");
        }
    }
    kzg_toy_check_clear(&chk);
    toy_point_clear(&proof);
    toy_point_clear(&g);
    zp_poly_free(q, t.len);
    mpz_clears(y, yf, k, rem, NULL);
    toy_close(&t);
    return err;
}

static char *g1_hex(char *out, size_t cap, const g1_aff *a)
{
    uint8_t b[G1_COMPRESSED_BYTES];
    g1_encode_compressed(b, a);
    return lesson_hex(out, cap, b, sizeof b);
}

static char *fr_short(char *out, size_t cap, const fr_t *a)
{
    uint8_t b[32];
    fr_to_bytes_be(b, a);
    return lesson_hex(out, cap, b, sizeof b);
}

/* kzg.bn254 n= seed=: the real thing, with times; then what τ would buy. */
static zk_err bn254_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t n;
    zk_rng storage, *rng;
    zk_err err = lesson_param_u64(out, p, "n", 1024, 2, 1 << 16, &n);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    fr_t *poly = zk_alloc(n, sizeof *poly);
    if (!poly)
        return ZK_ENOMEM;
    fr_t tau, z, y, y2, one;
    for (uint64_t i = 0; i < n; i++)
        fr_random(&poly[i], rng);
    fr_random(&tau, rng);
    fr_random(&z, rng);
    kzg_srs srs;
    double t0 = lesson_snark_now();
    err = kzg_setup(&srs, &tau, n, 2, ev);
    double t1 = lesson_snark_now();
    if (err) {
        zk_free(poly);
        return lesson_fail(out, err, "setup: %s", zk_strerror(err));
    }
    char a[LESSON_NUM], b[LESSON_NUM];
    lesson_result_line(out, LESSON_MARK_NONE, "setup: %llu powers [τ^i]_1 and [τ]_2 in %.0f ms "
                       "(%llu KiB of G1 points, uncompressed)", (unsigned long long)n,
                       (t1 - t0) * 1e3, (unsigned long long)(n * 64 / 1024));
    g1_aff c, proof;
    t0 = lesson_snark_now();
    err = kzg_commit(&c, &srs, poly, n, ev);
    t1 = lesson_snark_now();
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE, "commit to %llu random coefficients: C = %s "
                           "(%.1f ms, one MSM)", (unsigned long long)n, g1_hex(a, sizeof a, &c),
                           (t1 - t0) * 1e3);
        t0 = lesson_snark_now();
        err = kzg_open(&proof, &y, &srs, poly, n, &z, ev);
        t1 = lesson_snark_now();
    }
    bool ok = false;
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE, "open at a random z = %s: y = p(z) = %s (%.1f ms)",
                           fr_short(a, sizeof a, &z), fr_short(b, sizeof b, &y), (t1 - t0) * 1e3);
        lesson_result_line(out, LESSON_MARK_NONE, "π = %s: 32 bytes, whatever the degree",
                           g1_hex(a, sizeof a, &proof));
        t0 = lesson_snark_now();
        err = kzg_verify(&ok, &srs, &c, &z, &y, &proof);
        t1 = lesson_snark_now();
    }
    if (!err) {
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "verify: two pairings, "
                           "%.1f ms — %s", (t1 - t0) * 1e3, ok ? "accepted" : "rejected");
        fr_one(&one);
        fr_add(&y2, &y, &one);
        err = kzg_verify(&ok, &srs, &c, &z, &y2, &proof);
    }
    if (!err) {
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "the same π for y + 1: %s",
                           ok ? "accepted" : "rejected");
        err = kzg_forge_open(&proof, &tau, poly, n, &z, &y2);
    }
    if (!err)
        err = kzg_verify(&ok, &srs, &c, &z, &y2, &proof);
    if (!err) {
        lesson_result_line(out, ok ? LESSON_MARK_BAD : LESSON_MARK_OK,
                           "but with τ, π' = [(p(τ) - y - 1)/(τ - z)]_1 for y + 1: %s",
                           ok ? "accepted — whoever kept τ can open C to anything" : "rejected");
    }
    sodium_memzero(&tau, sizeof tau);
    kzg_srs_free(&srs);
    zk_free(poly);
    return err;
}

/* kzg.batch curve=bls6_6|bn254: several polynomials at one point with one
 * proof; on BN254 also one polynomial at several points. */
static zk_err batch_toy(lesson_result *out, const lesson_params *p)
{
    toy_setup t;
    zk_err err = toy_open(&t, out, p, 3);
    mpz_t *p2 = NULL, ys[2], gamma;
    mpz_inits(ys[0], ys[1], gamma, NULL);
    toy_point cs[2], proof;
    toy_point_init(&cs[0]);
    toy_point_init(&cs[1]);
    toy_point_init(&proof);
    kzg_toy_check chk;
    kzg_toy_check_init(&chk);
    size_t l2 = 0;
    if (!err)
        err = lesson_snark_poly_param(out, p, "p2", "9,4", &p2, &l2);
    if (!err)
        err = lesson_snark_param_mod(out, p, "gamma", 3, t.c.r, gamma);
    if (!err && l2 > t.srs.n1)
        err = lesson_fail(out, ZK_EINVAL, "p2 has more coefficients than the setup");
    if (!err) {
        for (size_t i = 0; i < l2; i++)
            mpz_mod(p2[i], p2[i], t.c.r);
        const zp_field *f = &t.srs.fr;
        char a[PT], b[PT];
        toy_point_set(&t.c, &cs[0], &t.cm);
        err = kzg_toy_commit(&t.srs, &cs[1], p2, l2);
        mpz_t *polys[2] = {t.p, p2};
        size_t lens[2] = {t.len, l2};
        if (!err)
            err = kzg_toy_open_batch(&t.srs, &proof, ys, polys, lens, 2, t.z, gamma);
        if (!err) {
            lesson_result_line(out, LESSON_MARK_NONE, "p_1(x) = %s   C_1 = %s",
                               zp_poly_str(f, a, sizeof a, t.p, t.len, "x"),
                               lesson_snark_toy_point_str(&t.c, b, sizeof b, &cs[0]));
            lesson_result_line(out, LESSON_MARK_NONE, "p_2(x) = %s   C_2 = %s",
                               zp_poly_str(f, a, sizeof a, p2, l2, "x"),
                               lesson_snark_toy_point_str(&t.c, b, sizeof b, &cs[1]));
            lesson_result_line(out, LESSON_MARK_NONE, "at z = %lu: y_1 = %lu, y_2 = %lu; the "
                               "verifier's random γ = %lu", mpz_get_ui(t.z), mpz_get_ui(ys[0]),
                               mpz_get_ui(ys[1]), mpz_get_ui(gamma));
            lesson_result_line(out, LESSON_MARK_NONE, "one proof for p_1 + γ·p_2: π = %s",
                               lesson_snark_toy_point_str(&t.c, a, sizeof a, &proof));
            lesson_result_line(out, LESSON_MARK_NOTE, "the verifier forms C_1 + γ·C_2 and "
                               "y_1 + γ·y_2 itself and checks one opening");
            err = kzg_toy_verify_batch(&t.srs, &chk, cs, ys, 2, t.z, gamma, &proof);
        }
        if (!err) {
            check_lines(out, &t.c, &chk, "both openings are");
            zp_add(f, ys[1], ys[1], gamma);
            err = kzg_toy_verify_batch(&t.srs, &chk, cs, ys, 2, t.z, gamma, &proof);
        }
        if (!err)
            lesson_result_line(out, chk.ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "with y_2 + γ "
                               "instead (a lie in p_2 alone): %s", chk.ok ? "accepted" : "rejected");
    }
    kzg_toy_check_clear(&chk);
    toy_point_clear(&cs[0]);
    toy_point_clear(&cs[1]);
    toy_point_clear(&proof);
    zp_poly_free(p2, l2);
    mpz_clears(ys[0], ys[1], gamma, NULL);
    toy_close(&t);
    return err;
}

static zk_err batch_bn254(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    enum { K = 8, PTS = 4 };
    uint64_t n;
    zk_rng storage, *rng;
    zk_err err = lesson_param_u64(out, p, "n", 256, 2, 1 << 14, &n);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    fr_t *all = zk_alloc(K * n, sizeof *all);
    if (!all)
        return ZK_ENOMEM;
    for (uint64_t i = 0; i < K * n; i++)
        fr_random(&all[i], rng);
    const fr_t *polys[K];
    size_t lens[K];
    for (int i = 0; i < K; i++) {
        polys[i] = all + (size_t)i * n;
        lens[i] = n;
    }
    kzg_srs srs;
    err = kzg_setup_random(&srs, n, PTS + 1, rng, ev);
    g1_aff cs[K], proof;
    fr_t z, gamma, ys[K], zs[PTS], vs[PTS], one;
    fr_random(&z, rng);
    fr_random(&gamma, rng);
    fr_one(&one);
    for (int i = 0; !err && i < K; i++)
        err = kzg_commit(&cs[i], &srs, polys[i], n, ev);
    double t0 = lesson_snark_now(), t1 = t0;
    if (!err) {
        err = kzg_open_batch(&proof, ys, &srs, polys, lens, K, &z, &gamma, ev);
        t1 = lesson_snark_now();
    }
    bool ok = false;
    if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE, "%d polynomials of %llu coefficients, opened "
                           "at one z with one proof (%.1f ms)", K, (unsigned long long)n,
                           (t1 - t0) * 1e3);
        t0 = lesson_snark_now();
        err = kzg_verify_batch(&ok, &srs, cs, ys, K, &z, &gamma, &proof);
        t1 = lesson_snark_now();
    }
    if (!err) {
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "verify: %d values, 32 "
                           "bytes of proof, 2 pairings, %.1f ms — %s", K, (t1 - t0) * 1e3,
                           ok ? "accepted" : "rejected");
        fr_add(&ys[K - 1], &ys[K - 1], &one);
        err = kzg_verify_batch(&ok, &srs, cs, ys, K, &z, &gamma, &proof);
    }
    if (!err) {
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "one of the %d values "
                           "changed: %s", K, ok ? "accepted" : "rejected");
        for (int i = 0; i < PTS; i++)
            fr_random(&zs[i], rng);
        err = kzg_open_multi(&proof, vs, &srs, polys[0], n, zs, PTS, ev);
    }
    if (!err)
        err = kzg_verify_multi(&ok, &srs, &cs[0], zs, vs, PTS, &proof);
    if (!err)
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "one polynomial at %d "
                           "points, one proof π = [(p - I)/Z_S (τ)]_1: %s", PTS,
                           ok ? "accepted" : "rejected");
    kzg_srs_free(&srs);
    zk_free(all);
    return err;
}

static zk_err batch_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    if (strcmp(lesson_param_get(p, "curve", "bls6_6"), "bn254") == 0)
        return batch_bn254(out, p, ev);
    return batch_toy(out, p);
}

static const lesson_action actions[] = {
    {"kzg.toy", "curve tau p z", "KZG setup, commit, open and verify on a toy curve", toy_action},
    {"kzg.two_values", "curve tau p z y", "a false opening: only τ makes one", two_values_action},
    {"kzg.bn254", "n seed", "KZG on BN254, timed, and what τ would allow", bn254_action},
    {"kzg.batch", "curve tau p p2 z gamma n seed", "several openings, one proof", batch_action},
};

const lesson_action_table lesson_actions_kzg = {actions, sizeof actions / sizeof actions[0]};
