/* The constant-time claims of field/ and curve/, checked under valgrind's
 * memcheck in the manner of libsecp256k1's ctime_tests (core/ctime.h).
 *
 * Each check copies a random secret into place, marks its bytes undefined
 * (zk_ct_secret), runs the function that claims to be constant-time in it,
 * declassifies the output (zk_ct_public) and compares it with the
 * variable-time twin, so that the check also fails on a wrong answer.
 * Memcheck reports any conditional jump or memory address that depended on
 * the secret on the way: run as
 *
 *   valgrind --error-exitcode=42 build/ctime/tests/test_ctime
 *
 * (tests/screen/ctime.sh). Outside valgrind it only checks the answers.
 * `--leak-demo` adds one branch on a secret, to show that the harness sees
 * one: under valgrind it must then fail.
 *
 * Valgrind hides ADX and AVX-512 from the program, so what runs here is
 * the portable C twin of each field kernel; the first line printed names
 * the kernels checked. The MULX/ADX and IFMA assembly is covered by the
 * disassembly check of tests/screen/ctime.sh (no conditional jump, no
 * indexed address in those routines).
 *
 * Not checked, because not claimed: BIP-340 and Schnorr signing in
 * src/sigma are variable-time GMP arithmetic (their headers say so: made to
 * be read and to check the published vectors), and every `_var` function. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/ctime.h"
#include "curve/fixed_base.h"
#include "curve/fq2.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "curve/glv.h"
#include "field/field.h"
#include "field/fr.h"

static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        printf("ctime: WRONG ANSWER in %s\n", what);
        failures++;
    }
}

/* A secret scalar below r, and its plain-integer form marked secret. */
static void secret_scalar(fr_t *k, uint64_t plain[4], zk_rng *rng)
{
    fr_random(k, rng);
    fr_to_int(plain, k);
    zk_ct_secret(k, sizeof *k);
    zk_ct_secret(plain, 4 * sizeof plain[0]);
}

static void check_fields(zk_rng *rng)
{
    fr_t a, r, want;
    fr_random(&a, rng);
    fr_inv_var(&want, &a);
    zk_ct_secret(&a, sizeof a);
    fr_inv(&r, &a);
    zk_ct_public(&r, sizeof r);
    check(fr_eq(&r, &want), "fr_inv");

    fq_t b, c, s, fw;
    fq_random(&b, rng);
    fq_random(&c, rng);
    fq_mul(&fw, &b, &c);
    fq_sqr(&s, &b);
    fq_add(&fw, &fw, &s);
    fq_sub(&fw, &fw, &c);
    zk_ct_secret(&b, sizeof b);
    zk_ct_secret(&c, sizeof c);
    fq_t m;
    fq_mul(&m, &b, &c);
    fq_sqr(&s, &b);
    fq_add(&m, &m, &s);
    fq_sub(&m, &m, &c);
    zk_ct_public(&m, sizeof m);
    check(fq_eq(&m, &fw), "fq_mul/sqr/add/sub");

    fq_random(&b, rng);
    fq_inv_var(&fw, &b);
    zk_ct_secret(&b, sizeof b);
    fq_inv(&m, &b);
    zk_ct_public(&m, sizeof m);
    check(fq_eq(&m, &fw), "fq_inv");

    fq2_t x, xi, xw;
    fq2_random(&x, rng);
    fq2_inv_var(&xw, &x);
    zk_ct_secret(&x, sizeof x);
    fq2_inv(&xi, &x);
    zk_ct_public(&xi, sizeof xi);
    check(fq2_eq(&xi, &xw), "fq2_inv");
}

static void check_g1(zk_rng *rng)
{
    fr_t k;
    uint64_t plain[4];
    g1_aff pa;
    g1_random_var(&pa, rng);
    g1_jac p, r, want;
    g1_from_aff(&p, &pa);

    /* The point is secret too: g1_mul claims constant time in k and p. */
    secret_scalar(&k, plain, rng);
    uint64_t open[4];
    memcpy(open, plain, sizeof open);
    zk_ct_public(open, sizeof open);
    g1_mul_var(&want, &p, open);
    zk_ct_secret(&p, sizeof p);
    g1_mul(&r, &p, plain);
    g1_aff ra;
    g1_to_aff(&ra, &r);   /* constant-time inversion of Z */
    zk_ct_public(&ra, sizeof ra);
    g1_aff wa;
    g1_to_aff_var(&wa, &want);
    check(g1_aff_eq(&ra, &wa), "g1_mul");

    g1_fixed f;
    if (g1_fixed_init(&f, &pa, 5)) {
        check(false, "g1_fixed_init");
        return;
    }
    secret_scalar(&k, plain, rng);
    g1_fixed_mul(&r, &f, plain);
    g1_to_aff(&ra, &r);
    zk_ct_public(&ra, sizeof ra);
    zk_ct_public(plain, sizeof plain);
    g1_fixed_mul_var(&want, &f, plain);
    g1_to_aff_var(&wa, &want);
    check(g1_aff_eq(&ra, &wa), "g1_fixed_mul");

    enum { N = 5 };
    fr_t ks[N];
    g1_aff many[N], pts[N], w2;
    for (int i = 0; i < N; i++) {
        fr_random(&ks[i], rng);
        g1_random_var(&pts[i], rng);
    }
    fr_t kopen[N];
    memcpy(kopen, ks, sizeof ks);
    zk_ct_secret(ks, sizeof ks);
    if (g1_fixed_mul_many(many, &f, ks, N, true, NULL))
        check(false, "g1_fixed_mul_many");
    zk_ct_public(many, sizeof many);
    for (int i = 0; i < N; i++) {
        fr_to_int(open, &kopen[i]);
        g1_fixed_mul_var(&want, &f, open);
        g1_to_aff_var(&w2, &want);
        check(g1_aff_eq(&many[i], &w2), "g1_fixed_mul_many");
    }
    g1_fixed_free(&f);

    memcpy(ks, kopen, sizeof ks);
    zk_ct_secret(ks, sizeof ks);
    if (g1_mul_many_ct(many, pts, ks, N))
        check(false, "g1_mul_many_ct");
    zk_ct_public(many, sizeof many);
    for (int i = 0; i < N; i++) {
        fr_to_int(open, &kopen[i]);
        g1_from_aff(&p, &pts[i]);
        g1_mul_var(&want, &p, open);
        g1_to_aff_var(&w2, &want);
        check(g1_aff_eq(&many[i], &w2), "g1_mul_many_ct");
    }
}

static void check_g2(zk_rng *rng)
{
    fr_t k;
    uint64_t plain[4], open[4];
    g2_aff pa, ra, wa;
    g2_random_var(&pa, rng);
    g2_jac p, r, want;
    g2_from_aff(&p, &pa);

    secret_scalar(&k, plain, rng);
    memcpy(open, plain, sizeof open);
    zk_ct_public(open, sizeof open);
    g2_mul_var(&want, &p, open);
    zk_ct_secret(&p, sizeof p);
    g2_mul(&r, &p, plain);
    g2_to_aff(&ra, &r);
    zk_ct_public(&ra, sizeof ra);
    g2_to_aff_var(&wa, &want);
    check(g2_aff_eq(&ra, &wa), "g2_mul");

    g2_fixed f;
    if (g2_fixed_init(&f, &pa, 4)) {
        check(false, "g2_fixed_init");
        return;
    }
    secret_scalar(&k, plain, rng);
    g2_fixed_mul(&r, &f, plain);
    g2_to_aff(&ra, &r);
    zk_ct_public(&ra, sizeof ra);
    zk_ct_public(plain, sizeof plain);
    g2_fixed_mul_var(&want, &f, plain);
    g2_to_aff_var(&wa, &want);
    check(g2_aff_eq(&ra, &wa), "g2_fixed_mul");
    g2_fixed_free(&f);

    enum { N = 3 };
    fr_t ks[N], kopen[N];
    g2_aff many[N], pts[N];
    for (int i = 0; i < N; i++) {
        fr_random(&ks[i], rng);
        g2_random_var(&pts[i], rng);
    }
    memcpy(kopen, ks, sizeof ks);
    zk_ct_secret(ks, sizeof ks);
    if (g2_mul_many_ct(many, pts, ks, N))
        check(false, "g2_mul_many_ct");
    zk_ct_public(many, sizeof many);
    for (int i = 0; i < N; i++) {
        fr_to_int(open, &kopen[i]);
        g2_from_aff(&p, &pts[i]);
        g2_mul_var(&want, &p, open);
        g2_to_aff_var(&wa, &want);
        check(g2_aff_eq(&many[i], &wa), "g2_mul_many_ct");
    }
}

/* A deliberate leak: the harness must report this one. */
static void leak_demo(zk_rng *rng)
{
    fr_t k;
    uint64_t plain[4];
    secret_scalar(&k, plain, rng);
    volatile int sink = 0;
    if (plain[0] & 1)
        sink = 1;
    (void)sink;
}

int main(int argc, char **argv)
{
    bool demo = argc > 1 && strcmp(argv[1], "--leak-demo") == 0;
    if (argc > 1 && !demo) {
        fprintf(stderr, "usage: test_ctime [--leak-demo]\n");
        return 2;
    }
    if (zk_core_init() || field_init()) {
        fprintf(stderr, "test_ctime: cannot initialise\n");
        return 2;
    }
    printf("ctime: kernels checked: %s\n", field_kernels());
    zk_rng rng;
    zk_rng_seed_u64(&rng, 2026);
    if (demo) {
        leak_demo(&rng);
        printf("ctime: leak demo ran (valgrind must report a jump on a secret)\n");
        return 0;
    }
    check_fields(&rng);
    check_g1(&rng);
    check_g2(&rng);
    printf("ctime: %s\n", failures ? "wrong answers" : "all answers right");
    return failures ? 1 : 0;
}
