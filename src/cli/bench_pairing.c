/* Pairing benchmarks: the Fq12 operations the pairing is made of, then its
 * two halves, one pairing, and a four-pair product check (the size of a
 * Groth16 verification). One core; dependent chains, as in the real thing. */
#include <stdio.h>

#include "cli/bench.h"
#include "core/core.h"
#include "curve/pairing.h"

static volatile uint64_t g_sink;

typedef struct pairing_ctx {
    fq12_t a, b, cyc, f;
    bn254_g1_aff P[4];
    bn254_g2_aff Q[4];
    /* The operation a runner times: one of the two kinds below. */
    void (*unary)(fq12_t *r, const fq12_t *a);
    void (*pair)(fq12_t *r, const bn254_g1_aff *P, const bn254_g2_aff *Q);
    const fq12_t *start;
} pairing_ctx;

static void run_fq12_mul(void *p, uint64_t n)
{
    pairing_ctx *c = p;
    fq12_t x = c->a;
    for (uint64_t i = 0; i < n; i++)
        fq12_mul(&x, &x, &c->b);
    g_sink ^= x.c0.c0.c0.v[0];
}

/* A dependent chain x = op(x) from c->start. */
static void run_unary(void *p, uint64_t n)
{
    pairing_ctx *c = p;
    fq12_t x = *c->start;
    for (uint64_t i = 0; i < n; i++)
        c->unary(&x, &x);
    g_sink ^= x.c0.c0.c0.v[0];
}

/* Pairing-type operations over the four prepared pairs in turn. */
static void run_pair(void *p, uint64_t n)
{
    pairing_ctx *c = p;
    fq12_t f;
    for (uint64_t i = 0; i < n; i++) {
        c->pair(&f, &c->P[i % 4], &c->Q[i % 4]);
        g_sink ^= f.c0.c0.c0.v[0];
    }
}

static void run_pairing_check_4(void *p, uint64_t n)
{
    pairing_ctx *c = p;
    bool ok = false;
    for (uint64_t i = 0; i < n; i++) {
        (void)bn254_pairing_check(c->P, c->Q, 4, &ok);
        g_sink ^= ok;
    }
}

static double time_unary(pairing_ctx *c, void (*op)(fq12_t *, const fq12_t *),
                         const fq12_t *start, double seconds)
{
    c->unary = op;
    c->start = start;
    return bench_ns_per_iter(run_unary, c, seconds);
}

static double time_pair(pairing_ctx *c,
                        void (*op)(fq12_t *, const bn254_g1_aff *, const bn254_g2_aff *))
{
    c->pair = op;
    return bench_ns_per_iter(run_pair, c, 0.3);
}

/* Valid inputs that need no group code: G1 = (1, 2) and the published G2
 * generator, with P and -P alternating, so the four-pair check multiplies
 * to 1 and runs its whole path. */
static void load_points(pairing_ctx *c)
{
    bn254_g1_aff P = {.inf = false};
    bn254_g2_aff Q = {.inf = false};
    fq_from_u64(&P.x, 1);
    fq_from_u64(&P.y, 2);
    (void)fq_from_dec(&Q.x.c0, "10857046999023057135944570762232829481370756359578518086990519993285655852781");
    (void)fq_from_dec(&Q.x.c1, "11559732032986387107991004021392285783925812861821192530917403151452391805634");
    (void)fq_from_dec(&Q.y.c0, "8495653923123431417604973247489272438418190587263600148770280649306958101930");
    (void)fq_from_dec(&Q.y.c1, "4082367875863433681332203403145435568316851327593401208105741076214120093531");
    for (int i = 0; i < 4; i++) {
        c->P[i] = P;
        c->Q[i] = Q;
        fq_neg(&P.y, &P.y);   /* alternate P and -P */
    }
}

void bench_pairing(void)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 2);
    pairing_ctx ctx;
    fq12_random(&ctx.a, &rng);
    fq12_random(&ctx.b, &rng);
    load_points(&ctx);
    bn254_miller_loop(&ctx.f, &ctx.P[0], &ctx.Q[0]);
    bn254_final_exp(&ctx.cyc, &ctx.f);

    bench_line("fq12_mul", bench_ns_per_iter(run_fq12_mul, &ctx, 0.2), "ns/op");
    bench_line("fq12_sqr", time_unary(&ctx, fq12_sqr, &ctx.a, 0.2), "ns/op");
    bench_line("fq12_cyclotomic_sqr", time_unary(&ctx, fq12_cyclotomic_sqr, &ctx.cyc, 0.2), "ns/op");
    bench_line("miller_loop", time_pair(&ctx, bn254_miller_loop) / 1e3, "us/op");
    bench_line("final_exp", time_unary(&ctx, bn254_final_exp, &ctx.f, 0.3) / 1e3, "us/op");
    bench_line("pairing", time_pair(&ctx, bn254_pairing) / 1e3, "us/op");
    bench_line("pairing_check_4", bench_ns_per_iter(run_pairing_check_4, &ctx, 0.3) / 1e3, "us/op");
}
