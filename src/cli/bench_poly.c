/* NTT benchmarks: the transforms a Groth16 prover (Fr, 2^16 and 2^20) and
 * a STARK prover (Goldilocks, 2^20) spend their FFT time in. */
#include <stdio.h>

#include "cli/bench.h"
#include "core/core.h"
#include "poly/fr_poly.h"
#include "poly/gl_poly.h"

static void bench_fr_ntt(unsigned log_n, zk_rng *rng)
{
    fr_domain d;
    if (fr_domain_init(&d, log_n) != ZK_OK)
        return;
    fr_t *a = zk_alloc_aligned(d.n, sizeof *a);
    if (!a) {
        fr_domain_free(&d);
        return;
    }
    for (size_t i = 0; i < d.n; i++)
        fr_random(&a[i], rng);
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = bench_now();
        fr_ntt(&d, a);
        double t = bench_now() - t0;
        if (t < best)
            best = t;
    }
    char name[32];
    snprintf(name, sizeof name, "fr_ntt_2^%u", log_n);
    bench_line(name, best * 1e3, "ms");
    zk_free(a);
    fr_domain_free(&d);
}

static void bench_gl_ntt(unsigned log_n, zk_rng *rng)
{
    gl_domain d;
    if (gl_domain_init(&d, log_n) != ZK_OK)
        return;
    gl_t *a = zk_alloc_aligned(d.n, sizeof *a);
    if (!a) {
        gl_domain_free(&d);
        return;
    }
    for (size_t i = 0; i < d.n; i++)
        a[i] = gl_random(rng);
    double best = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = bench_now();
        gl_ntt(&d, a);
        double t = bench_now() - t0;
        if (t < best)
            best = t;
    }
    char name[32];
    snprintf(name, sizeof name, "gl_ntt_2^%u", log_n);
    bench_line(name, best * 1e3, "ms");
    zk_free(a);
    gl_domain_free(&d);
}

void bench_poly(void)
{
    zk_rng rng;
    zk_rng_seed_u64(&rng, 7);
    bench_fr_ntt(16, &rng);
    bench_fr_ntt(20, &rng);
    bench_gl_ntt(16, &rng);
    bench_gl_ntt(20, &rng);
}
