/* Field benchmarks: latency of dependent chains for the 256-bit fields (each
 * operation waits for the previous one, as in a pairing or a scalar
 * multiplication), throughput over vectors for Goldilocks (as in an NTT or a
 * STARK trace). */
#include <stdio.h>
#include <string.h>

#include "cli/bench.h"
#include "core/core.h"
#include "field/field.h"

static volatile uint64_t g_sink;

typedef struct chain_ctx {
    fr_t fr_x, fr_y;
    fq_t fq_x, fq_y;
} chain_ctx;

static void run_fr_mul(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fr_t x = c->fr_x;
    for (uint64_t i = 0; i < n; i++)
        fr_mul(&x, &x, &c->fr_y);
    g_sink ^= x.v[0];
}

static void run_fr_sqr(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fr_t x = c->fr_x;
    for (uint64_t i = 0; i < n; i++)
        fr_sqr(&x, &x);
    g_sink ^= x.v[0];
}

static void run_fr_add(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fr_t x = c->fr_x;
    for (uint64_t i = 0; i < n; i++)
        fr_add(&x, &x, &c->fr_y);
    g_sink ^= x.v[0];
}

static void run_fr_inv(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fr_t x = c->fr_x;
    for (uint64_t i = 0; i < n; i++) {
        fr_inv(&x, &x);
        fr_add(&x, &x, &c->fr_y);   /* keep the chain away from a fixed point */
    }
    g_sink ^= x.v[0];
}

static void run_fr_inv_var(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fr_t x = c->fr_x;
    for (uint64_t i = 0; i < n; i++) {
        fr_inv_var(&x, &x);
        fr_add(&x, &x, &c->fr_y);
    }
    g_sink ^= x.v[0];
}

static void run_fq_mul(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fq_t x = c->fq_x;
    for (uint64_t i = 0; i < n; i++)
        fq_mul(&x, &x, &c->fq_y);
    g_sink ^= x.v[0];
}

static void run_fq_sqrt(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fq_t x = c->fq_x, s;
    for (uint64_t i = 0; i < n; i++) {
        fq_sqr(&s, &x);
        fq_sqrt(&x, &s);
        fq_add(&x, &x, &c->fq_y);
    }
    g_sink ^= x.v[0];
}

#define GL_VEC (1u << 16)

typedef struct gl_ctx {
    gl_t *a, *b, *out;
} gl_ctx;

static void run_gl_mul_vec(void *p, uint64_t n)
{
    gl_ctx *c = p;
    for (uint64_t i = 0; i < n; i++) {
        gl_mul_vec(c->out, c->a, c->b, GL_VEC);
        c->a[i % GL_VEC] ^= c->out[0] & 1;   /* keep the loop from being hoisted */
    }
    g_sink ^= c->out[GL_VEC - 1];
}

static void run_gl_add_vec(void *p, uint64_t n)
{
    gl_ctx *c = p;
    for (uint64_t i = 0; i < n; i++) {
        gl_add_vec(c->out, c->a, c->b, GL_VEC);
        c->a[i % GL_VEC] ^= c->out[0] & 1;
    }
    g_sink ^= c->out[GL_VEC - 1];
}

static void run_gl_mul_chain(void *p, uint64_t n)
{
    gl_ctx *c = p;
    gl_t x = c->a[0], y = c->b[0];
    for (uint64_t i = 0; i < n; i++)
        x = gl_mul(x, y);
    g_sink ^= x;
}

/* Four independent chains, taking turns: the multiplier's throughput, which
 * bounds batched work (an MSM's additions, an NTT's butterflies), where the
 * single chain above measures its latency. */
static void run_fq_mul4(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fq_t x[4] = {c->fq_x, c->fq_y, c->fq_x, c->fq_y};
    for (uint64_t i = 0; i < n; i += 4)
        for (int k = 0; k < 4; k++)
            fq_mul(&x[k], &x[k], &c->fq_y);
    g_sink ^= x[0].v[0] ^ x[1].v[0] ^ x[2].v[0] ^ x[3].v[0];
}

static void run_fq_sqr4(void *p, uint64_t n)
{
    chain_ctx *c = p;
    fq_t x[4] = {c->fq_x, c->fq_y, c->fq_x, c->fq_y};
    for (uint64_t i = 0; i < n; i += 4)
        for (int k = 0; k < 4; k++)
            fq_sqr(&x[k], &x[k]);
    g_sink ^= x[0].v[0] ^ x[1].v[0] ^ x[2].v[0] ^ x[3].v[0];
}

static void mont256_figures(const char *suffix, chain_ctx *ctx)
{
    char name[64];
    struct {
        const char *name;
        void (*fn)(void *, uint64_t);
        double seconds;
        bool cycles;   /* also in TSC cycles */
    } rows[] = {
        {"fr_mul", run_fr_mul, 0.2, true},
        {"fr_sqr", run_fr_sqr, 0.2, true},
        {"fq_mul", run_fq_mul, 0.2, true},
        {"fq_mul_throughput", run_fq_mul4, 0.2, true},
        {"fq_sqr_throughput", run_fq_sqr4, 0.2, true},
        {"fr_inv", run_fr_inv, 0.2, false},
        {"fr_inv_var", run_fr_inv_var, 0.2, false},
    };
    double ghz = bench_tsc_ghz();
    for (size_t i = 0; i < ZK_ARRAY_LEN(rows); i++) {
        double ns = bench_ns_per_iter(rows[i].fn, ctx, rows[i].seconds);
        snprintf(name, sizeof name, "%s%s", rows[i].name, suffix);
        bench_line(name, ns, "ns/op");
        if (rows[i].cycles && ghz > 0) {
            snprintf(name, sizeof name, "%s%s_cycles", rows[i].name, suffix);
            bench_line(name, ns * ghz, "tsc-cycles/op");
        }
    }
}

void bench_field(void)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 1);
    chain_ctx ctx;
    fr_random(&ctx.fr_x, &rng);
    fr_random(&ctx.fr_y, &rng);
    fq_random(&ctx.fq_x, &rng);
    fq_random(&ctx.fq_y, &rng);

    /* The selected kernels first: these are the figures the targets refer to. */
    mont256_figures("", &ctx);
    bench_line("fr_add", bench_ns_per_iter(run_fr_add, &ctx, 0.1), "ns/op");
    bench_line("fq_sqrt", bench_ns_per_iter(run_fq_sqrt, &ctx, 0.1) , "ns/op");

    gl_ctx g = {
        .a = zk_alloc_aligned(GL_VEC, sizeof(gl_t)),
        .b = zk_alloc_aligned(GL_VEC, sizeof(gl_t)),
        .out = zk_alloc_aligned(GL_VEC, sizeof(gl_t)),
    };
    if (!g.a || !g.b || !g.out) {
        fprintf(stderr, "zkcave: bench: out of memory\n");
    } else {
        for (size_t i = 0; i < GL_VEC; i++) {
            g.a[i] = gl_random(&rng);
            g.b[i] = gl_random(&rng);
        }
        bench_line("goldilocks_mul",
                   bench_ns_per_iter(run_gl_mul_vec, &g, 0.2) / GL_VEC, "ns/op");
        bench_line("goldilocks_mul_latency", bench_ns_per_iter(run_gl_mul_chain, &g, 0.1), "ns/op");
        bench_line("goldilocks_add",
                   bench_ns_per_iter(run_gl_add_vec, &g, 0.1) / GL_VEC, "ns/op");
        /* The narrower kernels this CPU also runs, when a SIMD one was in use. */
        if (strcmp(gl_k.name, "portable") != 0) {
            static const char *const narrower[] = {"avx2", "portable"};
            gl_kernels was = gl_k;
            for (size_t i = 0; i < ZK_ARRAY_LEN(narrower); i++) {
                if (strcmp(narrower[i], was.name) == 0 || !gl_select(narrower[i]))
                    continue;
                char name[64];
                snprintf(name, sizeof name, "goldilocks_mul_%s", narrower[i]);
                bench_line(name, bench_ns_per_iter(run_gl_mul_vec, &g, 0.2) / GL_VEC, "ns/op");
            }
            gl_k = was;
        }
    }
    zk_free(g.a);
    zk_free(g.b);
    zk_free(g.out);

    /* The portable twin, for comparison, when a faster kernel was in use. */
    if (strcmp(mont256_k.name, "portable") != 0) {
        mont256_kernels was = mont256_k;
        mont256_select("portable");
        mont256_figures("_portable", &ctx);
        bench_line("fr_add_portable", bench_ns_per_iter(run_fr_add, &ctx, 0.1), "ns/op");
        mont256_k = was;
    }
}
