/* groth16.bn254: lesson 10's real run — the lesson circuit x^3 + x + 5 =
 * out on BN254 (snark/groth16.h): setup, prove, verify, the snarkjs JSON,
 * and, when snarkjs is installed, its verdict on the same files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "curve/encode.h"
#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "lesson/action_util.h"
#include "snark/groth16.h"
#include "snark/groth16_setup.h"
#include "snark/ptau.h"

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

/* The path of an executable named snarkjs: on PATH, or where the interop
 * tests install it. */
static bool find_snarkjs(char *path, size_t size)
{
    if (access("tests/interop/node_modules/.bin/snarkjs", X_OK) == 0) {
        snprintf(path, size, "tests/interop/node_modules/.bin/snarkjs");
        return true;
    }
    const char *env = getenv("PATH");
    if (!env)
        return false;
    char dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", env);
    for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
        snprintf(path, size, "%s/snarkjs", d);
        if (access(path, X_OK) == 0)
            return true;
    }
    return false;
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

/* Writes the three files and asks snarkjs; a line with its verdict. */
static void snarkjs_check(lesson_result *out, const groth16_vk *vk, const fr_t *pub, size_t n_pub,
                          const groth16_proof *proof)
{
    char exe[4200], dir[3100];
    if (!find_snarkjs(exe, sizeof exe)) {
        lesson_result_line(out, LESSON_MARK_NOTE, "snarkjs is not installed here, so it cannot "
                           "check this proof now (npm install -g snarkjs, then r); zkcave's "
                           "tests prove both tools accept each other's proofs");
        return;
    }
    if (!scratch_dir(dir, sizeof dir)) {
        lesson_result_line(out, LESSON_MARK_NOTE, "no cache directory for the files snarkjs reads");
        return;
    }
    char vkp[3200], pubp[3200], prp[3200], cmd[14000];
    snprintf(vkp, sizeof vkp, "%s/verification_key.json", dir);
    snprintf(pubp, sizeof pubp, "%s/public.json", dir);
    snprintf(prp, sizeof prp, "%s/proof.json", dir);
    cJSON *j[3] = {groth16_vk_to_json(vk), groth16_public_to_json(pub, n_pub),
                   groth16_proof_to_json(proof)};
    const char *paths[3] = {vkp, pubp, prp};
    zk_err err = ZK_OK;
    for (int i = 0; i < 3; i++) {
        if (!err)
            err = j[i] ? groth16_json_write(j[i], paths[i]) : ZK_ENOMEM;
        cJSON_Delete(j[i]);
    }
    if (err) {
        lesson_result_line(out, LESSON_MARK_NOTE, "cannot write the files for snarkjs: %s",
                           zk_strerror(err));
        return;
    }
    snprintf(cmd, sizeof cmd, "'%s' groth16 verify '%s' '%s' '%s' 2>&1", exe, vkp, pubp, prp);
    FILE *f = popen(cmd, "r");
    char line[512], last[512] = "";
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "snarkJS"))
            snprintf(last, sizeof last, "%s", line);
    int status = f ? pclose(f) : -1;
    /* Drop the colour codes (ESC [ ... m) snarkjs's logger adds. */
    size_t k = 0;
    for (size_t i = 0; last[i] && last[i] != '\n' && last[i] != '\r'; i++) {
        if (last[i] == 0x1b) {
            while (last[i] && last[i] != 'm')
                i++;
            if (!last[i])
                break;
            continue;
        }
        last[k++] = last[i];
    }
    last[k] = '\0';
    bool ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && strstr(last, "OK");
    lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "snarkjs groth16 verify on the "
                       "same files (in %s): %s", dir, last[0] ? last : "no answer");
}

static char *g1_short(char *buf, size_t size, const g1_aff *a)
{
    uint8_t b[G1_COMPRESSED_BYTES];
    g1_encode_compressed(b, a);
    return lesson_hex(buf, size, b, sizeof b);
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
    groth16_cs cs;
    groth16_pk pk;
    groth16_vk vk;
    groth16_toxic tw;
    memset(&pk, 0, sizeof pk);
    memset(&vk, 0, sizeof vk);
    bool have_pk = false, have_vk = false;
    err = groth16_cs_from_r1cs(&cs, &s);
    double t0 = lesson_snark_now(), t1 = t0;
    if (!err) {
        groth16_toxic_random(&tw, rng);
        err = groth16_setup_toxic(&pk, &cs, &tw, true, ev);
        groth16_toxic_wipe(&tw);
        have_pk = !err;
        t1 = lesson_snark_now();
    }
    if (!err) {
        err = groth16_vk_from_pk(&vk, &pk);
        have_vk = !err;
    }
    char a[LESSON_NUM], b[LESSON_NUM], c[LESSON_NUM];
    if (!err)
        lesson_result_line(out, LESSON_MARK_NONE, "setup for x^3 + x + 5 = out (%zu constraints, "
                           "out public): τ, α, β, γ, δ random and wiped, %.0f ms",
                           s.n_rows, (t1 - t0) * 1e3);
    groth16_proof proof;
    if (!err) {
        t0 = lesson_snark_now();
        err = groth16_prove(&proof, &pk, w, s.n_wires, rng, ev);
        t1 = lesson_snark_now();
    }
    if (!err) {
        char dec[MONT256_DEC_MAX];
        lesson_result_line(out, LESSON_MARK_NONE, "prove with x = %llu (private), out = %s: "
                           "%.1f ms", (unsigned long long)x, fr_to_dec(dec, &w[1]), (t1 - t0) * 1e3);
        lesson_result_line(out, LESSON_MARK_NONE, "A = %s   C = %s  (G1, 32 bytes compressed)",
                           g1_short(a, sizeof a, &proof.a), g1_short(b, sizeof b, &proof.c));
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
        err = groth16_verify(&ok, &vk, &w[1], 1, &proof);
        t1 = lesson_snark_now();
        if (!err)
            lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "verify with out = %s: "
                               "%s (%.1f ms, one multi-pairing)", fr_to_dec(dec, &w[1]),
                               ok ? "accepted" : "rejected", (t1 - t0) * 1e3);
        fr_t other, one;
        fr_one(&one);
        fr_add(&other, &w[1], &one);
        if (!err)
            err = groth16_verify(&ok, &vk, &other, 1, &proof);
        if (!err)
            lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "verify with out = %s: "
                               "%s", fr_to_dec(dec, &other), ok ? "accepted" : "rejected");
        if (!err && mode == 0)
            snarkjs_check(out, &vk, &w[1], 1, &proof);
    }
    if (have_vk)
        groth16_vk_free(&vk);
    if (have_pk)
        groth16_pk_free(&pk);
    groth16_cs_free(&cs);
    r1cs_free(&s);
    return err ? lesson_fail(out, err, "%s", zk_strerror(err)) : ZK_OK;
}

/* ceremony.bn254 contributors= power= cheat= seed=: a powers-of-tau
 * ceremony in snarkjs's .ptau format, checked as `snarkjs powersoftau
 * verify` checks it. */
static zk_err ceremony_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t n, power, cheat;
    zk_rng storage, *rng;
    zk_err err = lesson_param_u64(out, p, "contributors", 3, 1, 8, &n);
    if (!err)
        err = lesson_param_u64(out, p, "power", 4, 1, 10, &power);
    if (!err)
        err = lesson_param_u64(out, p, "cheat", 0, 0, 8, &cheat);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    ptau t;
    if ((err = ptau_new(&t, (unsigned)power)))
        return lesson_fail(out, err, "ptau: %s", zk_strerror(err));
    lesson_result_line(out, LESSON_MARK_NONE, "new ceremony of power %llu: %llu points in G1, "
                       "%llu in G2, all generators", (unsigned long long)power,
                       (unsigned long long)((2ull << power) - 1), (unsigned long long)(1ull << power));
    char a[LESSON_NUM], b[LESSON_NUM];
    for (uint64_t i = 1; !err && i <= n; i++) {
        char name[32];
        uint8_t hash[64];
        snprintf(name, sizeof name, "contributor %llu", (unsigned long long)i);
        double t0 = lesson_snark_now();
        err = ptau_contribute(&t, name, rng, hash, ev);
        double t1 = lesson_snark_now();
        if (err)
            break;
        if (i == cheat)   /* replace one power by another: no longer powers of one τ */
            t.tau_g1[3] = t.tau_g1[2];
        lesson_result_line(out, LESSON_MARK_NONE, "%s: τ·G1 = %s, response hash %s (%.0f ms)%s",
                           name, g1_short(a, sizeof a, &t.tau_g1[1]),
                           lesson_hex(b, sizeof b, hash, sizeof hash), (t1 - t0) * 1e3,
                           i == cheat ? " — then alters [τ^3]_1" : "");
    }
    if (!err) {
        char why[160] = "";
        double t0 = lesson_snark_now();
        zk_err v = ptau_verify(&t, why, ev);
        double t1 = lesson_snark_now();
        if (v && v != ZK_EVERIFY)
            err = v;
        else
            lesson_result_line(out, v ? LESSON_MARK_BAD : LESSON_MARK_OK, "verify every "
                               "contribution and every power (%.0f ms): %s", (t1 - t0) * 1e3,
                               v ? why : "valid");
    }
    ptau_free(&t);
    return err ? lesson_fail(out, err, "%s", zk_strerror(err)) : ZK_OK;
}

static const lesson_action actions[] = {
    {"ceremony.bn254", "contributors power cheat seed",
     "a powers-of-tau ceremony on BN254 in snarkjs's .ptau format", ceremony_action},
    {"groth16.bn254", "expr x seed snarkjs", "Groth16 on BN254: setup, prove, verify, snarkjs JSON",
     bn254_action},
};

const lesson_action_table lesson_actions_bn254 = {actions, sizeof actions / sizeof actions[0]};
