/* zkcave bench setup: what a trusted setup costs.
 *
 * Single variable-base multiplications by public scalars with and without
 * the endomorphism splits (curve/glv.h), in µs of thread CPU time. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/bench.h"
#include "core/core.h"
#include "curve/glv.h"
#include "field/fr.h"

static volatile uint64_t g_sink;

typedef struct mul_ctx {
    g1_jac p1;
    g2_jac p2;
    uint64_t k[4];
} mul_ctx;

static void run_g1_mul(void *p, uint64_t n)
{
    mul_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_mul_var(&acc, &acc, c->k);
    g_sink ^= acc.x.v[0];
}

static void run_g1_glv(void *p, uint64_t n)
{
    mul_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        g1_mul_glv_var(&acc, &acc, c->k);
    g_sink ^= acc.x.v[0];
}

static void run_g2_mul(void *p, uint64_t n)
{
    mul_ctx *c = p;
    g2_jac acc = c->p2;
    for (uint64_t i = 0; i < n; i++)
        g2_mul_var(&acc, &acc, c->k);
    g_sink ^= acc.x.c0.v[0];
}

static void run_g2_glv(void *p, uint64_t n)
{
    mul_ctx *c = p;
    g2_jac acc = c->p2;
    for (uint64_t i = 0; i < n; i++)
        g2_mul_glv_var(&acc, &acc, c->k);
    g_sink ^= acc.x.c0.v[0];
}

static void scalar_mul_figures(void)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 3);
    mul_ctx c;
    g1_aff a;
    g2_aff b;
    g1_random_var(&a, &rng);
    g2_random_var(&b, &rng);
    g1_from_aff(&c.p1, &a);
    g2_from_aff(&c.p2, &b);
    fr_t k;
    fr_random(&k, &rng);
    fr_to_int(c.k, &k);
    double g1 = bench_ns_per_iter(run_g1_mul, &c, 0.2) / 1e3;
    double g1s = bench_ns_per_iter(run_g1_glv, &c, 0.2) / 1e3;
    double g2 = bench_ns_per_iter(run_g2_mul, &c, 0.2) / 1e3;
    double g2s = bench_ns_per_iter(run_g2_glv, &c, 0.2) / 1e3;
    bench_line("setup_g1_mul_wnaf", g1, "us/op");
    bench_line("setup_g1_mul_glv", g1s, "us/op");
    bench_line("setup_g1_mul_glv_gain", g1 / g1s, "x");
    bench_line("setup_g2_mul_wnaf", g2, "us/op");
    bench_line("setup_g2_mul_psi", g2s, "us/op");
    bench_line("setup_g2_mul_psi_gain", g2 / g2s, "x");
}

void bench_setup(void)
{
    scalar_mul_figures();
}
