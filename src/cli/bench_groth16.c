/* zkcave bench groth16: our prover against `snarkjs groth16 prove` on the
 * same .zkey and .wtns, in one run.
 *
 * Circuits fill a domain (the next power of two at or above constraints +
 * public inputs + 1): 65,000 constraints for 2^16 and 1,040,000 for 2^20,
 * each as a squaring chain (a dense witness) and as Num2Bits blocks (a
 * witness of bits), built with the R1CS builder (snark/groth16_demo.h). The
 * keys come from known secrets (groth16_setup_toxic: a ceremony at 2^20
 * would take hours and prove nothing about proving speed) and are cached in
 * $XDG_CACHE_HOME/zkcave/bench (~/.cache/zkcave/bench).
 *
 * Reported: our total and phases (best of three, in process), CPU time, the
 * peak resident memory of `zkcave groth16 prove` run as a child against the
 * .zkey size, and snarkjs's time, CPU time and memory on the same files
 * with the ratio. snarkjs runs when tests/interop/node_modules has it (or
 * ZKCAVE_SNARKJS names it); at 2^20 only with ZKCAVE_BENCH_SNARKJS_LARGE=1,
 * since it takes minutes there. ZKCAVE_BENCH_SMALL=1 skips the 2^20 cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circuit/r1cs_io.h"
#include "cli/bench.h"
#include "core/alloc.h"
#include "core/file.h"
#include "field/field.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"
#include "snark/groth16_setup.h"
#include "snark/points_io.h"

/* The prover's phases, timed from its events. */
#define N_PHASES 7
static const char *const phase_names[N_PHASES] = {"load", "qap_h", "msm_c", "msm_a",
                                                  "msm_b1", "msm_b2", "finish"};

static const char *find_snarkjs(void)
{
    const char *env = getenv("ZKCAVE_SNARKJS");
    if (env && *env)
        return access(env, X_OK) == 0 ? env : NULL;
    static const char *p = "tests/interop/node_modules/snarkjs/build/cli.cjs";
    return access(p, R_OK) == 0 ? p : NULL;
}

static const char *find_node(void)
{
    static const char *cands[] = {"/usr/bin/node", "/usr/local/bin/node"};
    for (size_t i = 0; i < sizeof cands / sizeof *cands; i++)
        if (access(cands[i], X_OK) == 0)
            return cands[i];
    return NULL;
}

/* ---- the keys ---------------------------------------------------------------------- */

/* The .zkey and .wtns of one case, made (and cached) when missing. */
static zk_err make_files(bool bits, uint32_t m, const char *zkey, const char *wtns, const char *label)
{
    if (bench_file_exists(zkey) && bench_file_exists(wtns))
        return ZK_OK;
    double t0 = bench_now();
    r1cs s;
    zk_err err = bits ? groth16_demo_bits(&s, m, NULL) : groth16_demo_square_chain(&s, m);
    fr_t *w = NULL;
    groth16_cs cs = {0};
    groth16_pk pk = {0};
    if (!err)
        err = groth16_demo_witness(&w, &s, 1);
    if (!err)
        err = groth16_cs_from_r1cs(&cs, &s);
    if (!err) {
        zk_rng rng;
        zk_rng_seed_u64(&rng, 20240601);
        groth16_toxic t;
        groth16_toxic_random(&t, &rng);
        /* Public secrets, published by this comment: variable-time is fine. */
        err = groth16_setup_toxic(&pk, &cs, &t, false, NULL);
    }
    if (!err)
        err = zkey_write(&pk, zkey);
    if (!err)
        err = wtns_write_file(wtns, w, s.n_wires);
    if (!err) {
        char name[96];
        snprintf(name, sizeof name, "groth16_setup_%s", label);
        bench_line(name, bench_now() - t0, "s");
    }
    groth16_pk_free(&pk);
    groth16_cs_free(&cs);
    r1cs_free(&s);
    zk_free(w);
    return err;
}

static void line2(const char *label, const char *what, double v, const char *unit)
{
    char name[128];
    snprintf(name, sizeof name, "groth16_%s_%s", what, label);
    bench_line(name, v, unit);
}

/* The prover on the paths this CPU runs besides the chosen one, so that a
 * regression in any of them shows: the 4×64-bit MSM batches where the IFMA
 * lanes were chosen, and the portable C kernels (ZKCAVE_KERNEL=portable). */
static void other_paths(const char *label, const char *zkey, const char *wtns)
{
    for (int path = 0; path < 2; path++) {
        if (path == 0 ? !m52x8_fast() : strcmp(mont256_k.name, "portable") == 0)
            continue;
        m52x8_select("portable");
        if (path == 1)
            mont256_select("portable");
        groth16_proof p;
        fr_t *pubv = NULL;
        size_t np = 0;
        double t0 = bench_now();
        zk_err err = groth16_prove_files(&p, &pubv, &np, zkey, wtns, NULL, NULL);
        double t = bench_now() - t0;
        zk_free(pubv);
        field_init();
        if (!err)
            line2(label, path == 0 ? "prove_x4" : "prove_portable", t, "s");
    }
}

static void bench_case(bool bits, uint32_t m, unsigned log_n, bool snarkjs_too)
{
    char label[48], dir[512], zkey[600], wtns[600], proof[600], pub[600];
    snprintf(label, sizeof label, "2^%u_%s", log_n, bits ? "bits" : "dense");
    if (bench_cache_dir(dir, sizeof dir)) {
        printf("groth16: cannot create %s\n", dir);
        return;
    }
    snprintf(zkey, sizeof zkey, "%s/%s-%u.zkey", dir, bits ? "bits" : "chain", m);
    snprintf(wtns, sizeof wtns, "%s/%s-%u.wtns", dir, bits ? "bits" : "chain", m);
    snprintf(proof, sizeof proof, "%s/proof-%s.json", dir, label);
    snprintf(pub, sizeof pub, "%s/public-%s.json", dir, label);
    zk_err err = make_files(bits, m, zkey, wtns, label);
    if (err) {
        printf("groth16: cannot make the %s key: %s\n", label, zk_strerror(err));
        return;
    }

    /* Ours, in process: best of three. */
    double best = 1e30, best_cpu = 0;
    bench_phases best_clock = {.names = phase_names, .n = N_PHASES};
    groth16_proof p;
    fr_t *pubv = NULL;
    size_t np = 0;
    for (int rep = 0; rep < 3; rep++) {
        bench_phases clk = {.names = phase_names, .n = N_PHASES};
        zk_events ev = {bench_phases_on_event, &clk};
        zk_free(pubv);
        pubv = NULL;
        double t0 = bench_now(), c0 = bench_cpu_now();
        err = groth16_prove_files(&p, &pubv, &np, zkey, wtns, NULL, &ev);
        double t = bench_now() - t0, c = bench_cpu_now() - c0;
        if (err) {
            printf("groth16: prove %s: %s\n", label, zk_strerror(err));
            return;
        }
        if (t < best) {
            best = t;
            best_cpu = c;
            best_clock = clk;
        }
    }
    line2(label, "prove", best, "s");
    line2(label, "prove_cpu", best_cpu, "s");
    if (log_n <= 16)
        other_paths(label, zkey, wtns);
    double msm = 0;
    for (int i = 0; i < N_PHASES; i++) {
        char what[32];
        snprintf(what, sizeof what, "prove_%s", phase_names[i]);
        line2(label, what, best_clock.dt[i] * 1e3, "ms");
        msm += strncmp(phase_names[i], "msm_", 4) == 0 ? best_clock.dt[i] : 0;
    }
    /* The share lesson 20 shows: the four MSMs against the whole prove. */
    line2(label, "prove_msm_share", 100 * msm / best, "%");
    /* The proof must verify: a fast wrong prover is no prover. */
    zkey_file zf;
    if (!zkey_open(&zf, zkey)) {
        groth16_vk vk = {np, zf.h.alpha1, zf.h.beta2, zf.h.gamma2, zf.h.delta2, NULL};
        vk.ic = zk_alloc(np + 1, sizeof *vk.ic);
        bool ok = false;
        const zk_binfile_section *sec;
        if (vk.ic && !zk_binfile_section_get(&zf.bf, ZKEY_SEC_IC, &sec) &&
            !snark_read_g1s(vk.ic, &zf.bf, sec, 0, np + 1))
            groth16_verify(&ok, &vk, pubv, np, &p);
        if (!ok)
            printf("groth16: the %s proof DOES NOT VERIFY\n", label);
        zk_free(vk.ic);
        zkey_close(&zf);
    }
    zk_free(pubv);

    /* Peak memory of the command-line prover, against the key's size. */
    bench_child st;
    char *zargv[] = {"/proc/self/exe", "groth16", "prove", "-q", zkey, wtns, proof, pub, NULL};
    if (bench_run_child(&st, zargv)) {
        line2(label, "prove_peak_rss", st.rss_mb, "MB");
        line2(label, "zkey_size", bench_file_mb(zkey), "MB");
        line2(label, "prove_rss_over_zkey", st.rss_mb / bench_file_mb(zkey), "x");
    }

    const char *sj = find_snarkjs(), *node = find_node();
    if (!snarkjs_too || !sj || !node) {
        if (snarkjs_too)
            printf("groth16: snarkjs not found (run scripts/install-deps.sh --interop)\n");
        return;
    }
    char *sargv[] = {(char *)node, (char *)sj, "groth16", "prove", zkey, wtns, proof, pub, NULL};
    if (!bench_run_child(&st, sargv)) {
        printf("groth16: snarkjs groth16 prove failed on %s\n", label);
        return;
    }
    line2(label, "snarkjs_prove", st.wall, "s");
    line2(label, "snarkjs_prove_cpu", st.cpu, "s");
    line2(label, "snarkjs_prove_peak_rss", st.rss_mb, "MB");
    line2(label, "speedup_vs_snarkjs", st.wall / best, "x");
    line2(label, "cpu_ratio_vs_snarkjs", st.cpu / best_cpu, "x");
}

typedef struct verify_ctx {
    groth16_vk *vk;
    const fr_t *pub;
    groth16_proof *p;
} verify_ctx;

static void verify_iters(void *ctx, uint64_t iters)
{
    verify_ctx *v = ctx;
    for (uint64_t i = 0; i < iters; i++) {
        bool ok;
        groth16_verify(&ok, v->vk, v->pub, v->vk->n_public, v->p);
    }
}

static void bench_verify(void)
{
    r1cs s;
    groth16_cs cs;
    groth16_pk pk;
    groth16_vk vk;
    fr_t in[1], w[40];
    groth16_toxic t;
    zk_rng rng;
    zk_rng_seed_u64(&rng, 1);
    if (groth16_demo_square_chain(&s, 30))
        return;
    groth16_demo_inputs(&s, in, 1);
    if (!r1cs_solve(&s, w, in, NULL) && !groth16_cs_from_r1cs(&cs, &s)) {
        groth16_toxic_random(&t, &rng);
        if (!groth16_setup_toxic(&pk, &cs, &t, false, NULL)) {
            groth16_proof p;
            if (!groth16_vk_from_pk(&vk, &pk) &&
                !groth16_prove(&p, &pk, w, s.n_wires, &rng, NULL)) {
                verify_ctx v = {&vk, w + 1, &p};
                bench_line("groth16_verify", bench_ns_per_iter(verify_iters, &v, 0.3) / 1e6,
                           "ms");
            }
            groth16_vk_free(&vk);
            groth16_pk_free(&pk);
        }
        groth16_cs_free(&cs);
    }
    r1cs_free(&s);
}

void bench_groth16(void)
{
    bench_verify();
    bench_case(false, 65000, 16, true);
    bench_case(true, 65000, 16, true);
    const char *small = getenv("ZKCAVE_BENCH_SMALL");
    if (small && *small == '1')
        return;
    const char *large = getenv("ZKCAVE_BENCH_SNARKJS_LARGE");
    bool sj = large && *large == '1';
    bench_case(false, 1040000, 20, sj);
    bench_case(true, 1040000, 20, sj);
}
