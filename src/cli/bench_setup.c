/* zkcave bench setup: what a trusted setup costs.
 *
 *   setup_g1_mul_* / setup_g2_mul_*   one variable-base multiplication by a
 *       public scalar with and without the endomorphism split (curve/glv.h),
 *       µs of thread CPU time; setup_g?_fixed_many_*, setup_g1_mul_many_ct:
 *       fixed-base and constant-time many-point multiplications (a setup's
 *       and a contribution's), CPU µs a point, all threads;
 *   setup_ptau_prepare_2^k   `ptau prepare` (the group inverse NTT of every
 *       block) of a power-k ceremony, in process: wall and CPU seconds;
 *   setup_from_ptau_2^k_SHAPE[_bare]   `zkcave groth16 setup` from a
 *       prepared ceremony of power k + 1 (the least that holds the key's
 *       circuit hash above 2^14), with its one contribution (and _bare:
 *       --no-contribution, snarkjs's initial key), as a child process: wall,
 *       CPU, peak memory;
 *   setup_from_secrets_2^k_SHAPE   `zkcave groth16 setup F.r1cs --secrets`.
 * Shapes (snark/groth16_demo.h): dense (a squaring chain), bits (Num2Bits
 * blocks) and cnn (products of a private-weight CNN with their rescales and
 * range checks: the zkml circuit's shape), filling a 2^k domain.
 *
 * The ceremonies are made from known secrets with fixed-base tables
 * (ptau_contribute_known, ptau_write_prepared_known: what a real one would
 * hold, minutes where real contributions and prepare take hours) and cached
 * with the circuits in $XDG_CACHE_HOME/zkcave/bench; the 2^21 one takes
 * 2.3 GB there. ZKCAVE_BENCH_SMALL=1 stops at 2^16;
 * ZKCAVE_BENCH_SETUP_2_22=1 adds the setup from secrets of a 2^22 cnn
 * circuit of 3.3M constraints (minutes, the zkml issue's size). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit/r1cs_io.h"
#include "cli/bench.h"
#include "core/alloc.h"
#include "core/core.h"
#include "curve/fixed_base.h"
#include "curve/glv.h"
#include "field/fr.h"
#include "snark/groth16_demo.h"
#include "snark/ptau.h"

static volatile uint64_t g_sink;

/* A chain of multiplications by one scalar, through the function given. */
typedef struct mul_ctx {
    g1_jac p1;
    g2_jac p2;
    uint64_t k[4];
    void (*g1)(g1_jac *r, const g1_jac *p, const uint64_t k[4]);
    void (*g2)(g2_jac *r, const g2_jac *p, const uint64_t k[4]);
} mul_ctx;

static void run_g1(void *p, uint64_t n)
{
    mul_ctx *c = p;
    g1_jac acc = c->p1;
    for (uint64_t i = 0; i < n; i++)
        c->g1(&acc, &acc, c->k);
    g_sink ^= acc.x.v[0];
}

static void run_g2(void *p, uint64_t n)
{
    mul_ctx *c = p;
    g2_jac acc = c->p2;
    for (uint64_t i = 0; i < n; i++)
        c->g2(&acc, &acc, c->k);
    g_sink ^= acc.x.c0.v[0];
}

/* CPU µs a point of fixed_mul_many on 2^14 random scalars. */
static double fixed_many_us(bool g2, bool secret, zk_rng *rng)
{
    enum { N = 1 << 14 };
    fr_t *k = zk_alloc(N, sizeof *k);
    void *out = zk_alloc(N, sizeof(g2_aff));
    g1_fixed f1;
    g2_fixed f2;
    double us = 0;
    unsigned w = secret ? 5 : 10;
    if (k && out && !g1_fixed_init(&f1, &g1_generator, w)) {
        if (!g2_fixed_init(&f2, &g2_generator, w)) {
            for (size_t i = 0; i < N; i++)
                fr_random(&k[i], rng);
            double c0 = bench_cpu_now();
            zk_err err = g2 ? g2_fixed_mul_many(out, &f2, k, N, secret, NULL)
                            : g1_fixed_mul_many(out, &f1, k, N, secret, NULL);
            us = err ? 0 : (bench_cpu_now() - c0) / N * 1e6;
            g2_fixed_free(&f2);
        }
        g1_fixed_free(&f1);
    }
    zk_free(k);
    zk_free(out);
    return us;
}

/* CPU µs a point of g1_mul_many_ct (a contribution's 1/δ) on 2^14 points,
 * and of the one-point constant-time g1_mul it replaced. */
static void many_ct_figures(zk_rng *rng)
{
    enum { N = 1 << 14 };
    fr_t *k = zk_alloc(N, sizeof *k);
    g1_aff *p = zk_alloc(N, sizeof *p), a, b;
    if (!k || !p) {
        zk_free(k);
        zk_free(p);
        return;
    }
    g1_random_var(&a, rng);
    g1_random_var(&b, rng);
    g1_progression_var(p, N, &a, &b);
    for (size_t i = 0; i < N; i++)
        fr_random(&k[i], rng);
    double c0 = bench_cpu_now();
    for (size_t i = 0; i < 256; i++) {
        uint64_t e[4];
        g1_jac j;
        fr_to_int(e, &k[i]);
        g1_from_aff(&j, &p[i]);
        g1_mul(&j, &j, e);
    }
    bench_line("setup_g1_mul_ct", (bench_cpu_now() - c0) / 256 * 1e6, "us/op");
    c0 = bench_cpu_now();
    if (!g1_mul_many_ct(p, p, k, N))
        bench_line("setup_g1_mul_many_ct", (bench_cpu_now() - c0) / N * 1e6, "us/point");
    zk_free(k);
    zk_free(p);
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
    c.g1 = g1_mul_var;
    c.g2 = g2_mul_var;
    double g1 = bench_ns_per_iter(run_g1, &c, 0.2) / 1e3;
    double g2 = bench_ns_per_iter(run_g2, &c, 0.2) / 1e3;
    c.g1 = g1_mul_glv_var;
    c.g2 = g2_mul_glv_var;
    double g1s = bench_ns_per_iter(run_g1, &c, 0.2) / 1e3;
    double g2s = bench_ns_per_iter(run_g2, &c, 0.2) / 1e3;
    bench_line("setup_g1_mul_wnaf", g1, "us/op");
    bench_line("setup_g1_mul_glv", g1s, "us/op");
    bench_line("setup_g1_mul_glv_gain", g1 / g1s, "x");
    bench_line("setup_g2_mul_wnaf", g2, "us/op");
    bench_line("setup_g2_mul_psi", g2s, "us/op");
    bench_line("setup_g2_mul_psi_gain", g2 / g2s, "x");
    bench_line("setup_g1_fixed_many_w10", fixed_many_us(false, false, &rng), "us/point");
    bench_line("setup_g1_fixed_many_ct_w5", fixed_many_us(false, true, &rng), "us/point");
    bench_line("setup_g2_fixed_many_w10", fixed_many_us(true, false, &rng), "us/point");
    bench_line("setup_g2_fixed_many_ct_w5", fixed_many_us(true, true, &rng), "us/point");
    many_ct_figures(&rng);
}

/* ---- cached inputs ---------------------------------------------------------------- */

/* A demo circuit of shape "dense", "bits" or "cnn" with at least m
 * constraints, as an .r1cs file in the cache. */
static zk_err demo_r1cs(char *path, size_t n, const char *shape, uint32_t m)
{
    char dir[512];
    zk_err err = bench_cache_dir(dir, sizeof dir);
    if (err)
        return err;
    snprintf(path, n, "%s/%s-%u.r1cs", dir, shape, m);
    if (bench_file_exists(path))
        return ZK_OK;
    r1cs s;
    if (strcmp(shape, "dense") == 0)
        err = groth16_demo_square_chain(&s, m);
    else if (strcmp(shape, "bits") == 0)
        err = groth16_demo_bits(&s, m, NULL);
    else
        err = groth16_demo_cnn(&s, m, NULL);
    if (!err)
        err = r1cs_write_file(&s, path);
    r1cs_free(&s);
    return err;
}

/* A ceremony of power p from known secrets (published here: seed 20240611),
 * prepared or not, in the cache. */
static zk_err known_ptau(char *path, size_t n, unsigned p, bool prepared)
{
    char dir[512];
    zk_err err = bench_cache_dir(dir, sizeof dir);
    if (err)
        return err;
    snprintf(path, n, "%s/known-%u%s.ptau", dir, p, prepared ? "-prepared" : "");
    if (bench_file_exists(path))
        return ZK_OK;
    zk_rng rng;
    zk_rng_seed_u64(&rng, 20240611);
    fr_t s[3];
    for (int i = 0; i < 3; i++)
        fr_random(&s[i], &rng);
    double t0 = bench_now();
    ptau t;
    if (!(err = ptau_new(&t, p)) &&
        !(err = ptau_contribute_known(&t, "bench (known secrets)", &s[0], &s[1], &s[2], &rng, NULL)))
        err = prepared ? ptau_write_prepared_known(&t, path, s, NULL) : ptau_write(&t, path, false, NULL);
    ptau_free(&t);
    printf("setup: made %s in %.0f s\n", path, bench_now() - t0);
    return err;
}

/* ---- ptau prepare ------------------------------------------------------------------- */

static void prepare_figure(unsigned p)
{
    char in[600], out[640];
    if (known_ptau(in, sizeof in, p, false))
        return;
    snprintf(out, sizeof out, "%s.out", in);
    ptau t;
    if (ptau_read(&t, in))
        return;
    double t0 = bench_now(), c0 = bench_cpu_now();
    zk_err err = ptau_write(&t, out, true, NULL);
    double wall = bench_now() - t0, cpu = bench_cpu_now() - c0;
    ptau_free(&t);
    remove(out);
    if (err) {
        printf("setup: ptau prepare 2^%u: %s\n", p, zk_strerror(err));
        return;
    }
    char name[64];
    snprintf(name, sizeof name, "setup_ptau_prepare_2^%u", p);
    bench_line(name, wall, "s");
    snprintf(name, sizeof name, "setup_ptau_prepare_2^%u_cpu", p);
    bench_line(name, cpu, "s");
}

/* ---- setups as child processes -------------------------------------------------------- */

static void child_lines(const char *label, const bench_child *st)
{
    char name[96];
    snprintf(name, sizeof name, "setup_%s", label);
    bench_line(name, st->wall, "s");
    snprintf(name, sizeof name, "setup_%s_cpu", label);
    bench_line(name, st->cpu, "s");
    snprintf(name, sizeof name, "setup_%s_peak_rss", label);
    bench_line(name, st->rss_mb, "MB");
}

static uint32_t constraints_for(unsigned k)
{
    /* The domain holds constraints + public inputs + 1. */
    return ((uint32_t)1 << k) - 600;
}

static void from_ptau_figure(const char *shape, unsigned k, bool bare)
{
    char r1cs_path[600], ptau_path[600], zkey[640], label[64];
    if (demo_r1cs(r1cs_path, sizeof r1cs_path, shape, constraints_for(k)) ||
        known_ptau(ptau_path, sizeof ptau_path, k + 1, true))
        return;
    snprintf(zkey, sizeof zkey, "%s.zkey", r1cs_path);
    char *argv[] = {"/proc/self/exe", "groth16", "setup", "-q", r1cs_path, ptau_path, zkey,
                    bare ? "--no-contribution" : NULL, NULL};
    bench_child st;
    snprintf(label, sizeof label, "from_ptau_2^%u_%s%s", k, shape, bare ? "_bare" : "");
    if (bench_run_child(&st, argv))
        child_lines(label, &st);
    else
        printf("setup: %s failed\n", label);
    remove(zkey);
}

/* m constraints, 0 to fill the 2^k domain. */
static void from_secrets_figure(const char *shape, unsigned k, uint32_t m)
{
    char r1cs_path[600], zkey[640], label[64];
    if (demo_r1cs(r1cs_path, sizeof r1cs_path, shape, m ? m : constraints_for(k)))
        return;
    snprintf(zkey, sizeof zkey, "%s.zkey", r1cs_path);
    char *argv[] = {"/proc/self/exe", "groth16", "setup", "-q", r1cs_path, "--secrets", zkey, NULL};
    bench_child st;
    snprintf(label, sizeof label, "from_secrets_2^%u_%s", k, shape);
    if (bench_run_child(&st, argv)) {
        child_lines(label, &st);
        snprintf(label, sizeof label, "setup_from_secrets_2^%u_%s_zkey_size", k, shape);
        bench_line(label, bench_file_mb(zkey), "MB");
    } else {
        printf("setup: %s failed\n", label);
    }
    remove(zkey);
}

static bool env_is_1(const char *name)
{
    const char *v = getenv(name);
    return v && strcmp(v, "1") == 0;
}

void bench_setup(void)
{
    scalar_mul_figures();
    bool small = env_is_1("ZKCAVE_BENCH_SMALL");
    prepare_figure(12);
    if (!small)
        prepare_figure(16);
    static const char *const shapes[] = {"dense", "bits", "cnn"};
    for (int i = 0; i < 3; i++) {
        from_ptau_figure(shapes[i], 16, true);
        from_ptau_figure(shapes[i], 16, false);
        from_secrets_figure(shapes[i], 16, 0);
    }
    if (small)
        return;
    from_ptau_figure("dense", 20, true);
    from_ptau_figure("dense", 20, false);
    from_ptau_figure("cnn", 20, true);
    from_ptau_figure("cnn", 20, false);
    from_secrets_figure("cnn", 20, 0);
    if (env_is_1("ZKCAVE_BENCH_SETUP_2_22"))
        from_secrets_figure("cnn", 22, 3300000);
}
