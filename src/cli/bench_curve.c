/* Curve benchmarks: group operations as dependent chains (ns/op), scalar
 * multiplications (µs/op), and multi-scalar multiplications on all threads
 * (seconds, best of several runs).
 *
 * MSM inputs: points A + i·B (distinct, unrelated to the scalars) and either
 * dense uniform scalars, or "_bits" scalars shaped like an R1CS witness:
 * three quarters are bits (0 or 1), one quarter dense. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/bench.h"
#include "core/core.h"
#include "curve/encode.h"
#include "curve/fixed_base.h"
#include "curve/g1.h"
#include "curve/g2.h"
#include "curve/msm.h"
#include "field/field.h"

static volatile uint64_t g_sink;

typedef struct curve_ctx {
    g1_jac p1, q1;
    g1_aff a1;
    g2_jac p2, q2;
    uint64_t k[4];
    g1_fixed fixed8, fixed4;
    const g1_fixed *fixed;
    void (*fixed_mul)(g1_jac *r, const g1_fixed *f, const uint64_t k[4]);
} curve_ctx;

static void run_g1_add(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_add_var(&acc, &acc, &c->q1);
    g_sink ^= acc.x.v[0];
}

static void run_g1_dbl(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_dbl(&acc, &acc);
    g_sink ^= acc.x.v[0];
}

static void run_g1_add_mixed(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_add_mixed_var(&acc, &acc, &c->a1);
    g_sink ^= acc.x.v[0];
}

static void run_g1_mul(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_mul_var(&acc, &acc, c->k);
    g_sink ^= acc.x.v[0];
}

static void run_g1_mul_ct(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_mul(&acc, &acc, c->k);
    g_sink ^= acc.x.v[0];
}

/* A fixed-base multiplication by a scalar that changes every time. */
static void run_g1_fixed(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g1_jac r;
    for (uint64_t i = 0; i < n; i++) {
        c->k[0] ^= i;
        c->fixed_mul(&r, c->fixed, c->k);
        g_sink ^= r.x.v[0];
    }
}

static void run_g2_add(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g2_jac acc = c->p2;
    for (uint64_t i = 0; i < n; i++)
        g2_add_var(&acc, &acc, &c->q2);
    g_sink ^= acc.x.c0.v[0];
}

static void run_g2_mul(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g2_jac acc = c->p2;
    for (uint64_t i = 0; i < n; i++)
        g2_mul_var(&acc, &acc, c->k);
    g_sink ^= acc.x.c0.v[0];
}

static void run_g2_subgroup(void *p, uint64_t n)
{
    curve_ctx *c = p;
    g2_aff a;
    g2_to_aff_var(&a, &c->p2);
    for (uint64_t i = 0; i < n; i++)
        g_sink ^= g2_is_in_subgroup_var(&a);
}

static void fill_scalars(fr_t *s, size_t n, bool bits, zk_rng *rng)
{
    for (size_t i = 0; i < n; i++) {
        if (bits && zk_random_below(rng, 4) != 0)
            fr_from_u64(&s[i], zk_random_u64(rng) & 1);
        else
            fr_random(&s[i], rng);
    }
}

/* Best of runs MSMs, in seconds; cfg = NULL lets the MSM choose its path. */
static double time_msm_g1(const g1_aff *pts, const fr_t *sc, size_t n, int runs,
                          const msm_config *cfg)
{
    double best = -1;
    for (int i = 0; i < runs; i++) {
        g1_jac r;
        double t0 = bench_now();
        if (g1_msm_var_with(&r, pts, sc, n, NULL, cfg) != ZK_OK)
            return -1;
        double t = bench_now() - t0;
        g_sink ^= r.x.v[0];
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

static double time_msm_g2(const g2_aff *pts, const fr_t *sc, size_t n, int runs,
                          const msm_config *cfg)
{
    double best = -1;
    for (int i = 0; i < runs; i++) {
        g2_jac r;
        double t0 = bench_now();
        if (g2_msm_var_with(&r, pts, sc, n, NULL, cfg) != ZK_OK)
            return -1;
        double t = bench_now() - t0;
        g_sink ^= r.x.c0.v[0];
        if (best < 0 || t < best)
            best = t;
    }
    return best;
}

/* The same 2^16 MSM through snarkjs's engine (ffjavascript, in the interop
 * test tree), timed by a node script in this run, with the ratio; skipped
 * with a note when node or the packages are missing. The results must
 * agree, or the comparison is void. */
static void msm_peer_figures(const g1_aff *pts, const fr_t *sc, size_t n, double ours)
{
    const char *script = "tests/interop/msm_peer.mjs";
    if (access(script, R_OK) != 0 || access("tests/interop/node_modules/ffjavascript", R_OK) != 0 ||
        system("node --version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "zkcave: bench: no node or no tests/interop packages here: "
                        "skipping the snarkjs comparison (run 'make test' once)\n");
        return;
    }
    char path[] = "/tmp/zkcave-msm-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "wb");
    uint8_t b[G1_LEM_BYTES];
    for (size_t i = 0; f && i < n; i++) {
        g1_encode_lem(b, &pts[i]);
        fwrite(b, 1, sizeof b, f);
    }
    for (size_t i = 0; f && i < n; i++) {
        fr_to_bytes_le(b, &sc[i]);
        fwrite(b, 1, 32, f);
    }
    if (f)
        fclose(f);
    char cmd[256], line[512];
    snprintf(cmd, sizeof cmd, "node %s %s %zu", script, path, n);
    FILE *p = popen(cmd, "r");
    double secs = 0;
    char xs[100] = "", ys[100] = "";
    bool got = p && fgets(line, sizeof line, p) && sscanf(line, "%lf %99s %99s", &secs, xs, ys) == 3;
    if (p)
        pclose(p);
    unlink(path);
    if (!got) {
        fprintf(stderr, "zkcave: bench: the snarkjs comparison did not run\n");
        return;
    }
    g1_jac r;
    g1_aff ra;
    fq_t x, y;
    bool agree = g1_msm_var(&r, pts, sc, n, NULL) == ZK_OK && fq_from_dec(&x, xs) == ZK_OK &&
                 fq_from_dec(&y, ys) == ZK_OK;
    if (agree) {
        g1_to_aff_var(&ra, &r);
        agree = !ra.inf && fq_eq(&ra.x, &x) && fq_eq(&ra.y, &y);
    }
    if (!agree) {
        fprintf(stderr, "zkcave: bench: snarkjs's MSM result differs from ours; no ratio\n");
        return;
    }
    bench_line("msm_g1_2^16_snarkjs", secs, "s");
    bench_line("msm_g1_2^16_speedup_vs_snarkjs", secs / ours, "x");
}

/* The paths this CPU runs besides the one the MSM chose, on dense scalars,
 * so that a regression in any of them shows: the 4×64-bit batches where
 * the IFMA lanes were chosen, and the portable C kernels everywhere (what
 * ZKCAVE_KERNEL=portable runs). */
static void other_paths(const g1_aff *p1, const g2_aff *p2, fr_t *sc, zk_rng *rng)
{
    const size_t n16 = (size_t)1 << 16, n20 = (size_t)1 << 20;
    fill_scalars(sc, n20, false, rng);
    if (m52x8_fast()) {
        const msm_config x4 = {0, 1, 0};
        bench_line("msm_g1_2^16_x4", time_msm_g1(p1, sc, n16, 5, &x4), "s");
        bench_line("msm_g1_2^20_x4", time_msm_g1(p1, sc, n20, 2, &x4), "s");
        bench_line("msm_g2_2^16_x4", time_msm_g2(p2, sc, n16, 3, &x4), "s");
    }
    if (strcmp(mont256_k.name, "portable") == 0)
        return;
    mont256_select("portable");
    m52x8_select("portable");
    bench_line("msm_g1_2^16_portable", time_msm_g1(p1, sc, n16, 3, NULL), "s");
    bench_line("msm_g1_2^20_portable", time_msm_g1(p1, sc, n20, 1, NULL), "s");
    bench_line("msm_g2_2^16_portable", time_msm_g2(p2, sc, n16, 2, NULL), "s");
    field_init();
}

/* What an MSM split by an endomorphism would run at best: GLV in G1 turns
 * 2^16 scalars of 254 bits into 2^17 of 127 bits (on P and φ(P)), the
 * ψ-split in G2 into 2^18 of 64 bits. These MSMs, before the split and the
 * images are paid for, are the bound such a split cannot beat; with batched
 * bucket sums they come out at the plain MSM's time, since only the
 * buckets' share shrinks (curve/msm.h). */
static void endo_shapes(const g1_aff *p1, zk_rng *rng)
{
    const size_t n = (size_t)1 << 18;
    g2_aff *p2 = zk_alloc(n, sizeof *p2), a, b;
    fr_t *sc = zk_alloc(n, sizeof *sc);
    if (p2 && sc) {
        g2_random_var(&a, rng);
        g2_random_var(&b, rng);
        g2_progression_var(p2, n, &a, &b);
        for (size_t i = 0; i < n; i++) {
            uint64_t k[4] = {zk_random_u64(rng), zk_random_u64(rng) >> 1, 0, 0};
            fr_from_int(&sc[i], k);
        }
        bench_line("msm_g1_2^16_glv_shape", time_msm_g1(p1, sc, n / 2, 5, NULL), "s");
        for (size_t i = 0; i < n; i++) {
            uint64_t k[4] = {zk_random_u64(rng) >> 1, 0, 0, 0};
            fr_from_int(&sc[i], k);
        }
        bench_line("msm_g2_2^16_psi_shape", time_msm_g2(p2, sc, n, 3, NULL), "s");
    }
    zk_free(p2);
    zk_free(sc);
}

static void msm_figures(zk_rng *rng)
{
    const unsigned g1_logs[] = {16, 18, 20};
    const size_t max = (size_t)1 << 20, max2 = (size_t)1 << 16;
    g1_aff *p1 = zk_alloc(max, sizeof *p1), a1, b1;
    g2_aff *p2 = zk_alloc(max2, sizeof *p2), a2, b2;
    fr_t *sc = zk_alloc(max, sizeof *sc);
    if (!p1 || !p2 || !sc) {
        fprintf(stderr, "zkcave: bench: out of memory\n");
        goto out;
    }
    g1_random_var(&a1, rng);
    g1_random_var(&b1, rng);
    g1_progression_var(p1, max, &a1, &b1);
    g2_random_var(&a2, rng);
    g2_random_var(&b2, rng);
    g2_progression_var(p2, max2, &a2, &b2);
    char name[64];
    double g1_16 = 0;
    for (int bits = 0; bits < 2; bits++) {
        fill_scalars(sc, max, bits, rng);
        for (size_t i = 0; i < ZK_ARRAY_LEN(g1_logs); i++) {
            size_t n = (size_t)1 << g1_logs[i];
            snprintf(name, sizeof name, "msm_g1_2^%u%s", g1_logs[i], bits ? "_bits" : "");
            double t = time_msm_g1(p1, sc, n, g1_logs[i] >= 20 ? 3 : 5, NULL);
            bench_line(name, t, "s");
            if (!bits && g1_logs[i] == 16) {
                g1_16 = t;
                msm_peer_figures(p1, sc, n, t);
            }
        }
        snprintf(name, sizeof name, "msm_g2_2^16%s", bits ? "_bits" : "");
        double t2 = time_msm_g2(p2, sc, max2, 3, NULL);
        bench_line(name, t2, "s");
        if (!bits && g1_16 > 0)
            bench_line("msm_g2_over_g1_2^16", t2 / g1_16, "x");
    }
    endo_shapes(p1, rng);
    other_paths(p1, p2, sc, rng);
out:
    zk_free(p1);
    zk_free(p2);
    zk_free(sc);
}

void bench_curve(void)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 2);
    curve_ctx ctx = {0};
    g1_aff a, b;
    g1_random_var(&a, &rng);
    g1_random_var(&b, &rng);
    g1_random_var(&ctx.a1, &rng);
    g1_from_aff(&ctx.p1, &a);
    g1_from_aff(&ctx.q1, &b);
    g1_dbl(&ctx.q1, &ctx.q1);   /* a general Z */
    g2_aff a2, b2;
    g2_random_var(&a2, &rng);
    g2_random_var(&b2, &rng);
    g2_from_aff(&ctx.p2, &a2);
    g2_from_aff(&ctx.q2, &b2);
    g2_dbl(&ctx.q2, &ctx.q2);
    fr_t k;
    fr_random(&k, &rng);
    fr_to_int(ctx.k, &k);

    bench_line("g1_add", bench_ns_per_iter(run_g1_add, &ctx, 0.1), "ns/op");
    bench_line("g1_dbl", bench_ns_per_iter(run_g1_dbl, &ctx, 0.1), "ns/op");
    bench_line("g1_add_mixed", bench_ns_per_iter(run_g1_add_mixed, &ctx, 0.1), "ns/op");
    bench_line("g1_scalar_mul", bench_ns_per_iter(run_g1_mul, &ctx, 0.2) / 1e3, "us/op");
    bench_line("g1_scalar_mul_ct", bench_ns_per_iter(run_g1_mul_ct, &ctx, 0.2) / 1e3, "us/op");
    /* Fixed-base, as in a setup: 8-bit windows looked up directly, and
     * 4-bit windows scanned in constant time for secret scalars. */
    if (g1_fixed_init(&ctx.fixed8, &g1_generator, 8) == ZK_OK
        && g1_fixed_init(&ctx.fixed4, &g1_generator, 4) == ZK_OK) {
        ctx.fixed = &ctx.fixed8;
        ctx.fixed_mul = g1_fixed_mul_var;
        bench_line("g1_fixed_mul_w8", bench_ns_per_iter(run_g1_fixed, &ctx, 0.2) / 1e3, "us/op");
        ctx.fixed = &ctx.fixed4;
        ctx.fixed_mul = g1_fixed_mul;
        bench_line("g1_fixed_mul_ct_w4", bench_ns_per_iter(run_g1_fixed, &ctx, 0.2) / 1e3, "us/op");
    }
    g1_fixed_free(&ctx.fixed8);
    g1_fixed_free(&ctx.fixed4);
    double g1_add = bench_ns_per_iter(run_g1_add, &ctx, 0.1);
    double g2_add = bench_ns_per_iter(run_g2_add, &ctx, 0.1);
    bench_line("g2_add", g2_add, "ns/op");
    bench_line("g2_add_over_g1_add", g2_add / g1_add, "x");
    bench_line("g2_scalar_mul", bench_ns_per_iter(run_g2_mul, &ctx, 0.2) / 1e3, "us/op");
    bench_line("g2_subgroup_check", bench_ns_per_iter(run_g2_subgroup, &ctx, 0.2) / 1e3, "us/op");
    msm_figures(&rng);
}
