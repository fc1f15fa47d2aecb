/* groth16.*: lessons 09 and 10. On the toy curve BLS6_6
 * (snark/groth16_toy.h, snark/kzg.h), for x^3 + x + 5 = out with out
 * public, where every scalar is below 13 and every point can be checked;
 * then groth16.bn254, lesson 10's real run — the same circuit on BN254
 * (snark/groth16.h): setup, prove, verify, the snarkjs JSON, and, when
 * snarkjs is installed, its verdict on the same files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "lesson/action_util.h"
#include "curve/encode.h"
#include "poly/zp_poly.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"
#include "snark/groth16_snarkjs.h"
#include "snark/ptau.h"
#include "snark/groth16_toy.h"
#include "snark/kzg.h"

enum { PT = 160 };

/* The circuit's QAP over F_13, the toxic waste and the key. */
typedef struct g16 {
    toy_curve c;
    flat_circuit fc;
    qap q;
    bool pub[FLAT_MAX_GATES + 3];
    groth16_toy_toxic tw;
    groth16_toy_key key;
    mpz_t *w;
    bool have_curve, have_q, have_key;
} g16;

static void g16_close(g16 *g)
{
    if (g->have_key)
        groth16_toy_key_free(&g->key);
    if (g->have_q) {
        zp_poly_free(g->w, g->q.n);
        qap_free(&g->q);
    }
    groth16_toy_toxic_clear(&g->tw);
    if (g->have_curve)
        toy_curve_clear(&g->c);
}

/* gamma_default lets the δ = γ demo start from an uncontributed key. */
static zk_err g16_open(g16 *g, lesson_result *out, const lesson_params *p, uint64_t gamma_default)
{
    memset(g, 0, sizeof *g);
    groth16_toy_toxic_init(&g->tw);
    zk_err err = toy_curve_init(&g->c, "bls6_6");
    if (err)
        return lesson_fail(out, err, "bls6_6: %s", zk_strerror(err));
    g->have_curve = true;
    if ((err = lesson_snark_param_mod(out, p, "tau", 6, g->c.r, g->tw.tau)) ||
        (err = lesson_snark_param_mod(out, p, "alpha", 2, g->c.r, g->tw.alpha)) ||
        (err = lesson_snark_param_mod(out, p, "beta", 8, g->c.r, g->tw.beta)) ||
        (err = lesson_snark_param_mod(out, p, "gamma", gamma_default, g->c.r, g->tw.gamma)) ||
        (err = lesson_snark_param_mod(out, p, "delta", 11, g->c.r, g->tw.delta)))
        return err;
    r1cs s;
    if ((err = lesson_snark_circuit(out, p, &g->fc, &s)))
        return err;
    err = qap_init(&g->q, &s, g->c.r, NULL);
    r1cs_free(&s);
    if (err)
        return lesson_fail(out, err, "the circuit needs fewer than 13 constraints for F_13");
    g->have_q = true;
    if (!(g->w = zp_poly_new(g->q.n)))
        return ZK_ENOMEM;
    for (size_t j = 0; j < g->q.n; j++)
        g->pub[j] = j == 0 || j == 2;   /* one and out */
    err = groth16_toy_setup(&g->key, &g->c, &g->q, g->pub, &g->tw);
    if (err)
        return lesson_fail(out, err, "setup: τ must avoid the points 1..%zu, and γ, δ must not be "
                           "0 mod 13", g->q.m);
    g->have_key = true;
    return ZK_OK;
}

static void toxic_line(lesson_result *out, const g16 *g)
{
    lesson_result_line(out, LESSON_MARK_NOTE, "toxic waste: τ = %lu, α = %lu, β = %lu, γ = %lu, "
                       "δ = %lu (mod r = 13); G1 = (13, 15), G2 = (7t^2, 16t^3)",
                       mpz_get_ui(g->tw.tau), mpz_get_ui(g->tw.alpha), mpz_get_ui(g->tw.beta),
                       mpz_get_ui(g->tw.gamma), mpz_get_ui(g->tw.delta));
}

/* "[k]_1 = (x, y)" with k found by trying every multiple. */
static char *named_point(const g16 *g, char *buf, size_t size, const toy_point *pt, int group)
{
    mpz_t k;
    mpz_init(k);
    char s[PT - 32];   /* room for the "[k]_1 = " in front */
    lesson_snark_toy_point_str(&g->c, s, sizeof s, pt);
    if (kzg_toy_dlog(&g->c, k, pt, group == 1 ? &g->c.g1 : &g->c.g2) == ZK_OK)
        snprintf(buf, size, "[%lu]_%d = %s", mpz_get_ui(k), group, s);
    else
        snprintf(buf, size, "%s", s);
    mpz_clear(k);
    return buf;
}

static void setup_view(lesson_result *out, g16 *g)
{
    const zp_field *f = &g->q.f;
    size_t n = g->q.n;
    mpz_t *u = zp_poly_new(n), *v = zp_poly_new(n), *w = zp_poly_new(n);
    mpz_t tt, k, t;
    mpz_inits(tt, k, t, NULL);
    qap_columns_at(&g->q, u, v, w, tt, g->tw.tau);
    char a[PT], b[PT], c[PT];
    toxic_line(out, g);
    lesson_result_line(out, LESSON_MARK_HEAD, "the QAP at τ = %lu: t(τ) = %lu", mpz_get_ui(g->tw.tau),
                       mpz_get_ui(tt));
    /* A table (cells between tabs): the workbench keeps its rows whole at
     * any width. */
    lesson_result_line(out, LESSON_MARK_NOTE, "K_j = β·A_j + α·B_j + C_j, in the verifying key "
                       "as [K_j/γ]_1 for a public wire, in the proving key as [K_j/δ]_1");
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "wire\tA_j(τ)\tB_j(τ)\tC_j(τ)\tK_j\tgoes to\t[K_j/γ or δ]_1");
    for (size_t j = 0; j < n; j++) {
        zp_mul(f, k, g->tw.beta, u[j]);
        zp_mul(f, t, g->tw.alpha, v[j]);
        zp_add(f, k, k, t);
        zp_add(f, k, k, w[j]);
        bool pub = g->pub[j];
        lesson_result_line(out, LESSON_MARK_NONE, "%s\t%lu\t%lu\t%lu\t%lu\t%s\t%s",
                           g->fc.names[j], mpz_get_ui(u[j]), mpz_get_ui(v[j]), mpz_get_ui(w[j]),
                           mpz_get_ui(k), pub ? "verifying (γ)" : "proving (δ)",
                           named_point(g, a, sizeof a, pub ? &g->key.ic[j] : &g->key.k1[j], 1));
    }
    lesson_result_line(out, LESSON_MARK_HEAD, "the other key points");
    lesson_result_line(out, LESSON_MARK_NONE, "[α]_1 = %s   [β]_1 = %s   [δ]_1 = %s",
                       named_point(g, a, sizeof a, &g->key.alpha1, 1),
                       named_point(g, b, sizeof b, &g->key.beta1, 1),
                       named_point(g, c, sizeof c, &g->key.delta1, 1));
    lesson_result_line(out, LESSON_MARK_NONE, "[β]_2 = %s", named_point(g, a, sizeof a, &g->key.beta2, 2));
    lesson_result_line(out, LESSON_MARK_NONE, "[γ]_2 = %s", named_point(g, a, sizeof a, &g->key.gamma2, 2));
    lesson_result_line(out, LESSON_MARK_NONE, "[δ]_2 = %s", named_point(g, a, sizeof a, &g->key.delta2, 2));
    for (size_t i = 0; i + 1 < g->q.m; i++)
        lesson_result_line(out, LESSON_MARK_NONE, "[τ^%zu·t(τ)/δ]_1 = %s", i,
                           named_point(g, a, sizeof a, &g->key.h1[i], 1));
    lesson_result_line(out, LESSON_MARK_NOTE, "plus [A_j(τ)]_1, [B_j(τ)]_1 and [B_j(τ)]_2 for every "
                       "wire; then the five numbers are deleted");
    mpz_clears(tt, k, t, NULL);
    zp_poly_free(u, n);
    zp_poly_free(v, n);
    zp_poly_free(w, n);
}

static zk_err prove_view(lesson_result *out, g16 *g, const lesson_params *p, groth16_toy_proof *pr,
                         bool show)
{
    bool changed, sat;
    mpz_t r, s;
    mpz_inits(r, s, NULL);
    zk_err err = lesson_snark_witness(out, p, &g->fc, &g->q, g->w, &changed);
    if (!err)
        err = lesson_snark_param_mod(out, p, "r", 4, g->c.r, r);
    if (!err)
        err = lesson_snark_param_mod(out, p, "s", 10, g->c.r, s);
    if (!err)
        err = groth16_toy_prove(pr, &g->key, &g->q, g->w, r, s, &sat);
    if (!err && show) {
        char a[PT], wv[200];
        lesson_result_line(out, LESSON_MARK_NONE, "witness w = %s mod 13%s, blinding r = %lu, s = %lu",
                           lesson_snark_vector_str(&g->q.f, wv, sizeof wv, g->w, g->q.n),
                           sat ? "" : " (it does NOT satisfy the circuit)", mpz_get_ui(r),
                           mpz_get_ui(s));
        lesson_result_line(out, LESSON_MARK_NONE, "A = [α + Σ w_j·A_j(τ) + r·δ]_1           = %s",
                           named_point(g, a, sizeof a, &pr->a, 1));
        lesson_result_line(out, LESSON_MARK_NONE, "B = [β + Σ w_j·B_j(τ) + s·δ]_2           = %s",
                           named_point(g, a, sizeof a, &pr->b, 2));
        lesson_result_line(out, LESSON_MARK_NONE, "C = [Σ_private w_j·K_j/δ + h(τ)t(τ)/δ]_1 + s·A "
                           "+ r·B - r·s·[δ]_1 = %s", named_point(g, a, sizeof a, &pr->c, 1));
        lesson_result_line(out, LESSON_MARK_NOTE, "the proof: three points, whatever the size of "
                           "the circuit");
    }
    mpz_clears(r, s, NULL);
    return err;
}

/* The verifier's equation with every factor; *ok its verdict. A key
 * anyone can forge for is refused before any pairing unless insecure (a
 * demonstration of the forgery, which then says so). */
static zk_err verify_view(lesson_result *out, g16 *g, const groth16_toy_proof *pr, const mpz_t outv,
                          bool detail, bool insecure, bool *ok)
{
    groth16_toy_check chk;
    groth16_toy_check_init(&chk);
    mpz_t pubv[1];
    mpz_init_set(pubv[0], outv);
    mpz_mod(pubv[0], pubv[0], g->c.r);
    zk_err err = groth16_toy_verify(&chk, &g->key, pubv, pr, insecure);
    bool refused = err == ZK_EFORGEABLE;
    if (refused) {
        lesson_result_line(out, LESSON_MARK_BAD, "out = %lu: refused before any pairing, forgeable "
                           "key: %s", mpz_get_ui(pubv[0]),
                           groth16_weakness_str(groth16_toy_key_weakness(&g->key)));
        err = ZK_OK;
    }
    if (!err && !refused && detail) {
        char a[PT];
        const toy_field *F = &g->c.F;
        lesson_result_line(out, LESSON_MARK_NONE, "public input out = %lu: IC = [K_one/γ]_1 + out·[K_out/γ]_1 = %s",
                           mpz_get_ui(pubv[0]), named_point(g, a, sizeof a, &chk.ic, 1));
        lesson_result_line(out, LESSON_MARK_NONE, "e(A, B)    = %s", toy_elt_str(F, &chk.lhs, a, sizeof a));
        lesson_result_line(out, LESSON_MARK_NONE, "e(α, β)    = %s", toy_elt_str(F, &chk.ab, a, sizeof a));
        lesson_result_line(out, LESSON_MARK_NONE, "e(IC, γ)   = %s", toy_elt_str(F, &chk.icg, a, sizeof a));
        lesson_result_line(out, LESSON_MARK_NONE, "e(C, δ)    = %s", toy_elt_str(F, &chk.cd, a, sizeof a));
        lesson_result_line(out, LESSON_MARK_NONE, "product    = %s", toy_elt_str(F, &chk.rhs, a, sizeof a));
        /* The same equation between discrete logs. */
        mpz_t la, lb, li, lc, lhs, rhs, t;
        mpz_inits(la, lb, li, lc, lhs, rhs, t, NULL);
        const zp_field *f = &g->q.f;
        if (!kzg_toy_dlog(&g->c, la, &pr->a, &g->c.g1) && !kzg_toy_dlog(&g->c, lb, &pr->b, &g->c.g2) &&
            !kzg_toy_dlog(&g->c, li, &chk.ic, &g->c.g1) && !kzg_toy_dlog(&g->c, lc, &pr->c, &g->c.g1)) {
            zp_mul(f, lhs, la, lb);
            zp_mul(f, rhs, g->tw.alpha, g->tw.beta);
            zp_mul(f, t, li, g->tw.gamma);
            zp_add(f, rhs, rhs, t);
            zp_mul(f, t, lc, g->tw.delta);
            zp_add(f, rhs, rhs, t);
            lesson_result_line(out, LESSON_MARK_NOTE, "in the exponent: a·b = %lu·%lu = %lu and "
                               "α·β + ic·γ + c·δ = %lu·%lu + %lu·%lu + %lu·%lu = %lu (mod 13)",
                               mpz_get_ui(la), mpz_get_ui(lb), mpz_get_ui(lhs),
                               mpz_get_ui(g->tw.alpha), mpz_get_ui(g->tw.beta), mpz_get_ui(li),
                               mpz_get_ui(g->tw.gamma), mpz_get_ui(lc), mpz_get_ui(g->tw.delta),
                               mpz_get_ui(rhs));
        }
        mpz_clears(la, lb, li, lc, lhs, rhs, t, NULL);
    }
    if (!err && !refused)
        lesson_result_line(out, chk.ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "e(A, B) = e(α, β)·e(IC, γ)·e(C, δ) for out = %lu: %s",
                           mpz_get_ui(pubv[0]), chk.ok ? "accepted" : "rejected");
    *ok = chk.ok;
    mpz_clear(pubv[0]);
    groth16_toy_check_clear(&chk);
    return err;
}

/* groth16.toy show=setup|prove|verify|all x= set= tau= alpha= beta= gamma=
 * delta= r= s= */
static zk_err toy_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const shows[] = {"all", "setup", "prove", "verify"};
    size_t show;
    zk_err err = lesson_param_choice(out, p, "show", shows, 4, &show);
    if (err)
        return err;
    g16 g;
    groth16_toy_proof pr;
    groth16_toy_proof_init(&pr);
    err = g16_open(&g, out, p, 7);
    if (!err && (show == 0 || show == 1))
        setup_view(out, &g);
    if (!err && show != 1) {
        if (show == 0)
            lesson_result_line(out, LESSON_MARK_HEAD, "prove");
        err = prove_view(out, &g, p, &pr, show == 0 || show == 2);
    }
    if (!err && (show == 0 || show == 3)) {
        if (show == 0)
            lesson_result_line(out, LESSON_MARK_HEAD, "verify");
        else
            toxic_line(out, &g);
        bool ok;
        mpz_t o;
        mpz_init_set(o, g.w[2]);
        err = verify_view(out, &g, &pr, o, true, false, &ok);
        mpz_add_ui(o, o, 1);
        if (!err)
            err = verify_view(out, &g, &pr, o, false, false, &ok);
        mpz_clear(o);
    }
    groth16_toy_proof_clear(&pr);
    g16_close(&g);
    return err;
}

/* Which values of out no x reaches, over F_13. */
static bool reachable(g16 *g, const mpz_t outv)
{
    fr_t xf, wf[FLAT_MAX_GATES + 3];
    mpz_t *w = zp_poly_new(g->q.n), o;
    mpz_init(o);
    mpz_mod(o, outv, g->c.r);
    bool found = false;
    for (uint64_t x = 0; w && x < 13 && !found; x++) {
        fr_from_u64(&xf, x);
        flat_eval(&g->fc, &xf, wf);
        qap_witness_from_fr(&g->q, w, wf);
        found = mpz_cmp(w[2], o) == 0;
    }
    mpz_clear(o);
    zp_poly_free(w, g->q.n);
    return found;
}

/* Knowing τ alone: the private wires are zero, and h the constant that
 * makes the check hold at τ. */
static zk_err forge_tau(lesson_result *out, g16 *g, const lesson_params *p, mpz_t *pub,
                        groth16_toy_proof *pr)
{
    mpz_srcptr o = pub[0];
    uint64_t raw;
    lesson_param_u64(out, p, "out", 36, 0, UINT64_MAX, &raw);
    bool reach = reachable(g, o);
    lesson_result_line(out, LESSON_MARK_NONE, "claim: \"I know x with x^3 + x + 5 = %llu\", "
                       "i.e. %lu mod 13", (unsigned long long)raw, mpz_get_ui(o));
    lesson_result_line(out, reach ? LESSON_MARK_NOTE : LESSON_MARK_BAD,
                       reach ? "some x does give that: the claim is true" :
                       "all 13 values of x tried: none gives it — the claim is false");
    lesson_result_line(out, LESSON_MARK_NONE, "the forger kept τ = %lu from the setup, and "
                       "knows nothing else secret (not α, β, γ, δ)", mpz_get_ui(g->tw.tau));
    lesson_result_line(out, LESSON_MARK_NONE, "with private wires 0, A(τ), B(τ), C(τ) are just "
                       "numbers; h := (A(τ)·B(τ) - C(τ))/t(τ) is a constant");
    mpz_t r, s;
    mpz_init_set_ui(r, 4);
    mpz_init_set_ui(s, 10);
    zk_err err = groth16_toy_forge_tau(pr, &g->key, &g->q, g->tw.tau, pub, r, s);
    mpz_clears(r, s, NULL);
    if (!err) {
        char a[PT], b[PT], c[PT];
        lesson_result_line(out, LESSON_MARK_NONE, "forged proof: A = %s, B = %s, C = %s",
                           lesson_snark_toy_point_str(&g->c, a, sizeof a, &pr->a),
                           lesson_snark_toy_point_str(&g->c, b, sizeof b, &pr->b),
                           lesson_snark_toy_point_str(&g->c, c, sizeof c, &pr->c));
    }
    return err;
}

/* A key with δ = γ: the forgery from the verifying key alone. */
static zk_err forge_delta_gamma(lesson_result *out, g16 *g, mpz_t *pub, groth16_toy_proof *pr)
{
    bool same = mpz_cmp(g->tw.gamma, g->tw.delta) == 0;
    lesson_result_line(out, same ? LESSON_MARK_BAD : LESSON_MARK_OK, "γ = %lu, δ = %lu: %s",
                       mpz_get_ui(g->tw.gamma), mpz_get_ui(g->tw.delta),
                       same ? "[δ]_2 = [γ]_2, as in a key nobody contributed to" :
                       "δ differs from γ");
    lesson_result_line(out, LESSON_MARK_NONE, "forger: A = [α]_1, B = [β]_2, C = -IC, from the "
                       "verifying key alone, for out = %lu", mpz_get_ui(pub[0]));
    return groth16_toy_forge_delta_gamma(pr, &g->key, pub);
}

/* groth16.toy_forge and groth16.toy_delta_gamma: a forged proof of out=
 * (default 36, a false statement), then the verifier's verdict. */
static zk_err forgery(lesson_result *out, const lesson_params *p, bool with_tau)
{
    g16 g;
    groth16_toy_proof pr;
    groth16_toy_proof_init(&pr);
    mpz_t o[1];   /* the public values: out */
    mpz_init(o[0]);
    /* The δ = γ demo starts from the uncontributed key: γ defaults to δ. */
    zk_err err = g16_open(&g, out, p, with_tau ? 7 : 11);
    if (!err)
        err = lesson_snark_param_mod(out, p, "out", 36, g.c.r, o[0]);
    if (!err)
        err = with_tau ? forge_tau(out, &g, p, o, &pr) : forge_delta_gamma(out, &g, o, &pr);
    /* The δ = γ demonstration asks the verifier to take a key it would
     * refuse, and says so: the forgery is the lesson. */
    bool insecure = !with_tau && groth16_toy_key_weakness(&g.key) != GROTH16_SOUND;
    if (!err && insecure)
        lesson_result_line(out, LESSON_MARK_NOTE, "the verifier is told to accept a forgeable key "
                           "(insecure, as `zkcave groth16 verify --insecure`): without that it "
                           "refuses this key before any pairing");
    bool ok = false;
    if (!err)
        err = verify_view(out, &g, &pr, o[0], false, insecure, &ok);
    if (!err && with_tau && ok)
        lesson_result_line(out, LESSON_MARK_NOTE, "the verifier checks h·t only at τ: whoever "
                           "knows τ picks h to fit");
    else if (!err && !with_tau)
        lesson_result_line(out, LESSON_MARK_NOTE, ok ? "e(α, β)·e(IC, γ)·e(-IC, δ) = e(α, β) "
                           "when δ = γ: the public and private parts are no longer kept apart" :
                           "e(IC, γ)·e(-IC, δ) ≠ 1 once δ ≠ γ: the trick fails");
    mpz_clear(o[0]);
    groth16_toy_proof_clear(&pr);
    g16_close(&g);
    return err;
}

static zk_err forge_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    return forgery(out, p, true);
}

static zk_err delta_gamma_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    return forgery(out, p, false);
}

/* ---- BN254 ---- */

/* The lesson circuit with iden3's wire order [one, out, x, sym_1, ...]:
 * flatten.h numbers x before out, so the two swap places, and out becomes
 * the public output. w (fc->n_vars) is the witness for x in that order. */
static zk_err iden3_cubic(lesson_result *out, const lesson_params *p, flat_circuit *fc, r1cs *s,
                          fr_t *w, uint64_t *x)
{
    zk_err err = lesson_snark_circuit(out, p, fc, s);
    if (err)
        return err;
    if ((err = lesson_param_u64(out, p, "x", 3, 0, UINT64_MAX, x))) {
        r1cs_free(s);
        return err;
    }
    uint32_t map[FLAT_MAX_GATES + 3];
    for (uint32_t j = 0; j < fc->n_vars; j++)
        map[j] = j == 1 ? 2 : j == 2 ? 1 : j;
    if ((err = r1cs_renumber(s, map, (uint32_t)fc->n_vars))) {
        r1cs_free(s);
        return lesson_fail(out, err, "renumbering: %s", zk_strerror(err));
    }
    s->n_pub_out = 1;
    s->n_prv_in = 1;
    fr_t xf, wf[FLAT_MAX_GATES + 3];
    fr_from_u64(&xf, *x);
    flat_eval(fc, &xf, wf);
    for (uint32_t j = 0; j < fc->n_vars; j++)
        w[map[j]] = wf[j];
    return ZK_OK;
}

/* $XDG_CACHE_HOME/zkcave/lesson10 (default ~/.cache), created. */
static bool scratch_dir(char *dir, size_t size)
{
    const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char base[3000];
    if (cache && *cache)
        snprintf(base, sizeof base, "%s", cache);
    else if (home && *home)
        snprintf(base, sizeof base, "%s/.cache", home);
    else
        return false;
    static const char *const parts[] = {"", "/zkcave", "/zkcave/lesson10"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(dir, size, "%s%s", base, parts[i]);
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return false;
    }
    return true;
}

/* Asks snarkjs for its verdict on the same proof (snark/groth16_snarkjs.h);
 * a line with it. */
static void snarkjs_check(lesson_result *out, const groth16_vk *vk, const fr_t *pub, size_t n_pub,
                          const groth16_proof *proof)
{
    char dir[3100], said[512];
    groth16_snarkjs_answer answer;
    if (!groth16_snarkjs_find(said, sizeof said)) {
        lesson_result_line(out, LESSON_MARK_NOTE, "snarkjs is not installed here, so it cannot "
                           "check this proof now (npm install -g snarkjs, then r); zkcave's "
                           "tests prove both tools accept each other's proofs");
        return;
    }
    if (!scratch_dir(dir, sizeof dir)) {
        lesson_result_line(out, LESSON_MARK_NOTE, "no cache directory for the files snarkjs reads");
        return;
    }
    zk_err err = groth16_snarkjs_verify(&answer, said, sizeof said, dir, vk, pub, n_pub, proof);
    if (err)
        lesson_result_line(out, LESSON_MARK_NOTE, "cannot write the files for snarkjs: %s",
                           zk_strerror(err));
    else
        lesson_result_line(out, answer == GROTH16_SNARKJS_OK ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "snarkjs groth16 verify on the same files (in %s): %s", dir,
                           said[0] ? said : "no answer");
}

/* groth16.bn254 x= seed= snarkjs=auto|no */
static zk_err bn254_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    static const char *const modes[] = {"auto", "no"};
    size_t mode;
    zk_rng storage, *rng;
    zk_err err = lesson_param_choice(out, p, "snarkjs", modes, 2, &mode);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    flat_circuit fc;
    r1cs s;
    fr_t w[FLAT_MAX_GATES + 3];
    uint64_t x;
    if ((err = iden3_cubic(out, p, &fc, &s, w, &x)))
        return err;
    groth16_demo_key k;
    double t0 = lesson_snark_now();
    err = groth16_demo_key_make(&k, &s, rng, true, ev);
    double t1 = lesson_snark_now();
    char a[LESSON_NUM], b[LESSON_NUM], c[LESSON_NUM];
    if (!err)
        lesson_result_line(out, LESSON_MARK_NONE, "setup for x^3 + x + 5 = out (%zu constraints, "
                           "out public): τ, α, β, γ, δ random and wiped, %.0f ms",
                           s.n_rows, (t1 - t0) * 1e3);
    groth16_proof proof;
    if (!err) {
        t0 = lesson_snark_now();
        err = groth16_prove(&proof, &k.pk, w, s.n_wires, rng, ev);
        t1 = lesson_snark_now();
    }
    if (!err) {
        char dec[MONT256_DEC_MAX];
        lesson_result_line(out, LESSON_MARK_NONE, "prove with x = %llu (private), out = %s: "
                           "%.1f ms", (unsigned long long)x, fr_to_dec(dec, &w[1]), (t1 - t0) * 1e3);
        lesson_result_line(out, LESSON_MARK_NONE, "A = %s   C = %s  (G1, 32 bytes compressed)",
                           lesson_snark_g1_short(a, sizeof a, &proof.a), lesson_snark_g1_short(b, sizeof b, &proof.c));
        uint8_t b2[G2_COMPRESSED_BYTES];
        g2_encode_compressed(b2, &proof.b);
        lesson_result_line(out, LESSON_MARK_NONE, "B = %s  (G2, 64 bytes compressed)",
                           lesson_hex(c, sizeof c, b2, sizeof b2));
        cJSON *j = groth16_proof_to_json(&proof);
        char *text = j ? cJSON_Print(j) : NULL;
        if (text) {
            /* The size groth16_json_write gives the file: one space per
             * tab, and a final newline. */
            lesson_result_line(out, LESSON_MARK_NOTE, "as snarkjs's proof.json: %zu bytes (decimal "
                               "coordinates, projective z = 1 included)", strlen(text) + 1);
            cJSON_free(text);
        }
        cJSON_Delete(j);
        bool ok = false;
        t0 = lesson_snark_now();
        err = groth16_verify(&ok, &k.vk, &w[1], 1, &proof);
        t1 = lesson_snark_now();
        if (!err)
            lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "verify with out = %s: "
                               "%s (%.1f ms, one multi-pairing)", fr_to_dec(dec, &w[1]),
                               ok ? "accepted" : "rejected", (t1 - t0) * 1e3);
        fr_t other, one;
        fr_one(&one);
        fr_add(&other, &w[1], &one);
        if (!err)
            err = groth16_verify(&ok, &k.vk, &other, 1, &proof);
        if (!err)
            lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "verify with out = %s: "
                               "%s", fr_to_dec(dec, &other), ok ? "accepted" : "rejected");
        if (!err && mode == 0)
            snarkjs_check(out, &k.vk, &w[1], 1, &proof);
    }
    groth16_demo_key_free(&k);
    r1cs_free(&s);
    return err ? lesson_fail(out, err, "%s", zk_strerror(err)) : ZK_OK;
}

static const lesson_action actions[] = {
    {"groth16.toy", "show expr x set tau alpha beta gamma delta r s",
     "Groth16 on BLS6_6 with every number", toy_action},
    {"groth16.toy_forge", "expr out tau alpha beta gamma delta",
     "knowing τ proves a false statement (toy curve)", forge_action},
    {"groth16.toy_delta_gamma", "expr out tau alpha beta gamma delta",
     "a key with δ = γ accepts anything (toy curve)", delta_gamma_action},
    {"groth16.bn254", "expr x seed snarkjs", "Groth16 on BN254: setup, prove, verify, snarkjs JSON",
     bn254_action},
};

const lesson_action_table lesson_actions_groth16 = {actions, sizeof actions / sizeof actions[0]};
