/* compare.* (lesson 12): one computation proven by both backends, each in
 * its own field, and measured side by side.
 *
 * The computation is a chain of Poseidon permutations, h_i = P(h_(i-1)):
 *  - for Groth16, over BN254's Fr: circuits/poseidon_chain.circom
 *    (Poseidon(1), circomlib's parameters, width 2), compiled by zkcave's
 *    Circom compiler, a key made here from secrets drawn and wiped (a demo
 *    key, as lesson 10's), proven and verified on BN254;
 *  - for the STARK, over Goldilocks: the poseidon-chain AIR (Plonky2's
 *    Poseidon, width 12, one permutation a row), its options raised until
 *    the verifier's 100-bit minimum holds (stark_options_fit, as
 *    `zkcave stark prove` does), proven with zero knowledge and verified.
 * Both provers take the same seeded randomness when `seed=` is given, so a
 * STARK proof has the same size every time (its Merkle paths depend on the
 * query positions) and the checker below recomputes the table's figure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/circom_search.h"
#include "core/alloc.h"
#include "curve/encode.h"
#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "lesson/action_util.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"
#include "snark/zkey.h"
#include "stark/stark.h"

/* A Groth16 proof: A and C in G1, B in G2, compressed. */
#define G16_PROOF_BYTES (2 * G1_COMPRESSED_BYTES + G2_COMPRESSED_BYTES)

typedef struct g16_row {
    size_t constraints;
    double setup_s, prove_s, verify_ms;
    double key_mb;
    bool ok, tamper_rejected;
} g16_row;

typedef struct stark_row {
    size_t rows, cols;
    double prove_s, verify_ms;
    size_t proof_bytes;
    unsigned bits, proven;
    bool ok, tamper_rejected;
} stark_row;

/* The proving key's points and coefficients as a .zkey holds them (G1
 * points 64 bytes, G2 128, a coefficient ZKEY_COEF_BYTES): all of the file
 * but its few hundred bytes of header. */
static double key_mb(const groth16_pk *pk)
{
    const zkey_header *h = &pk->h;
    double g1 = (double)(h->n_public + 1) + h->domain_size + (h->n_vars - h->n_public - 1) +
                2.0 * h->n_vars;
    double bytes = 64 * g1 + 128.0 * h->n_vars + (double)ZKEY_COEF_BYTES * pk->n_coefs;
    return bytes / (1 << 20);
}

static zk_err groth16_side(lesson_result *out, size_t steps, zk_rng *rng, const zk_events *ev,
                           g16_row *row)
{
    memset(row, 0, sizeof *row);
    circom_search sp;
    circom_search_default(&sp);
    char text[256], inputs[96];
    snprintf(text, sizeof text,
             "pragma circom 2.0.0;\ninclude \"poseidon_chain.circom\";\n"
             "component main = PoseidonChain(%zu);\n", steps);
    snprintf(inputs, sizeof inputs, "{\"x\": \"%llu\"}",
             (unsigned long long)(rng ? zk_random_below(rng, 1000000) : 271828));
    circom_options o = {1, sp.dir, sp.n, inputs, NULL, 0, 0};
    circom_circuit c;
    zk_err err = circom_compile_text(&c, "chain.circom", text, &o);
    if (err) {
        const char *why = c.error ? c.error : zk_strerror(err);
        err = lesson_fail(out, err, "compiling PoseidonChain(%zu): %s", steps, why);
        circom_circuit_free(&c);
        return err;
    }
    row->constraints = c.sys.n_rows;
    groth16_demo_key k;
    double t0 = lesson_snark_now();
    err = groth16_demo_key_make(&k, &c.sys, rng, true, ev);
    row->setup_s = lesson_snark_now() - t0;
    if (!err)
        row->key_mb = key_mb(&k.pk);
    groth16_proof proof;
    if (!err) {
        t0 = lesson_snark_now();
        err = groth16_prove(&proof, &k.pk, c.witness, c.sys.n_wires, rng, ev);
        row->prove_s = lesson_snark_now() - t0;
    }
    if (!err) {
        /* The chain's end is the one public signal (wire 1). */
        t0 = lesson_snark_now();
        err = groth16_verify(&row->ok, &k.vk, &c.witness[1], 1, &proof);
        row->verify_ms = (lesson_snark_now() - t0) * 1e3;
    }
    if (!err) {
        fr_t other, one;
        bool ok = true;
        fr_one(&one);
        fr_add(&other, &c.witness[1], &one);
        err = groth16_verify(&ok, &k.vk, &other, 1, &proof);
        row->tamper_rejected = !ok;
    }
    groth16_demo_key_free(&k);
    circom_circuit_free(&c);
    return err ? lesson_fail(out, err, "Groth16 at %zu steps: %s", steps, zk_strerror(err)) : ZK_OK;
}

/* The STARK side: the poseidon-chain AIR at steps rows, proven, measured and
 * tampered with (the checker uses it too, for the proof's size). */
static zk_err stark_side(lesson_result *out, size_t steps, zk_rng *rng, const zk_events *ev,
                         stark_row *row)
{
    memset(row, 0, sizeof *row);
    gl_t seed[12];
    for (int i = 0; i < 12; i++)
        seed[i] = rng ? gl_random(rng) : gl_from_u64((uint64_t)i + 1);
    stark_air a;
    zk_err err = air_poseidon_chain_new(&a, steps, seed);
    if (err)
        return lesson_fail(out, err, "cannot build the poseidon-chain AIR of %zu rows", steps);
    row->rows = a.n_rows;
    row->cols = a.n_main;
    stark_options o;
    stark_options_default(&o);
    if ((err = stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT))) {
        stark_air_free(&a);
        return lesson_fail(out, err, "no options reach %u bits at %zu rows", STARK_MIN_BITS_DEFAULT,
                           steps);
    }
    stark_proof pr;
    double t0 = lesson_snark_now();
    if ((err = stark_prove(&pr, &a, &o, rng, ev, NULL))) {
        stark_air_free(&a);
        return lesson_fail(out, err, "STARK at %zu steps: %s", steps, zk_strerror(err));
    }
    row->prove_s = lesson_snark_now() - t0;
    stark_security sec;
    const char *why = NULL;
    if (!stark_proof_security(&sec, &pr, &a, &why)) {
        row->bits = sec.conjectured;
        row->proven = sec.proven_ldr;
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    if (!(err = stark_proof_encode(&pr, &a, &buf, &len))) {
        row->proof_bytes = len;
        t0 = lesson_snark_now();
        row->ok = stark_verify(&pr, &a, STARK_MIN_BITS_DEFAULT, &why) == ZK_OK;
        row->verify_ms = (lesson_snark_now() - t0) * 1e3;
        /* One flipped bit in the middle of the encoded proof. */
        buf[len / 2] ^= 1;
        stark_proof bad;
        if (stark_proof_decode(&bad, buf, len, &a) == ZK_OK) {
            row->tamper_rejected = stark_verify(&bad, &a, STARK_MIN_BITS_DEFAULT, &why) != ZK_OK;
            stark_proof_free(&bad);
        } else {
            row->tamper_rejected = true;
        }
    }
    zk_free(buf);
    stark_proof_free(&pr);
    stark_air_free(&a);
    return err ? lesson_fail(out, err, "encoding the STARK proof: %s", zk_strerror(err)) : ZK_OK;
}

/* 54712 → "54,712". */
static char *thousands(char *out, size_t cap, size_t v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%zu", v), w = 0;
    for (int i = 0; i < n && w + 2 < (int)cap; i++) {
        if (i && (n - i) % 3 == 0)
            out[w++] = ',';
        out[w++] = digits[i];
    }
    out[w] = '\0';
    return out;
}

static void human_s(char *out, size_t cap, double s)
{
    if (s < 1)
        snprintf(out, cap, "%.0f ms", s * 1e3);
    else
        snprintf(out, cap, "%.2f s", s);
}

enum { MAX_SIZES = 8 };

/* compare.poseidon from= to= seed=: steps from 2^from to 2^to. */
static zk_err poseidon_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t from, to;
    zk_rng storage, *rng;
    zk_err err = lesson_param_u64(out, p, "from", 6, 2, 12, &from);
    if (!err)
        err = lesson_param_u64(out, p, "to", 8, 2, 12, &to);
    if (!err && to < from)
        err = lesson_fail(out, ZK_EINVAL, "to must be at least from");
    if (!err && to - from + 1 > MAX_SIZES)
        err = lesson_fail(out, ZK_EINVAL, "at most %d sizes at once", MAX_SIZES);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    size_t n = (size_t)(to - from + 1);
    g16_row g[MAX_SIZES];
    stark_row s[MAX_SIZES];
    double x[MAX_SIZES], gp[MAX_SIZES], sp[MAX_SIZES], gb[MAX_SIZES], sb[MAX_SIZES];
    for (size_t i = 0; i < n; i++) {
        size_t steps = (size_t)1 << (from + i);
        /* The same stream for both sides of a size, whatever ran before. */
        zk_rng r_g = storage, r_s = storage;
        if ((err = groth16_side(out, steps, rng ? &r_g : NULL, ev, &g[i])) ||
            (err = stark_side(out, steps, rng ? &r_s : NULL, ev, &s[i])))
            return err;
        x[i] = (double)(from + i);
        gp[i] = g[i].prove_s * 1e3;
        sp[i] = s[i].prove_s * 1e3;
        gb[i] = G16_PROOF_BYTES;
        sb[i] = (double)s[i].proof_bytes;
    }
    /* Two tables, so that each fits 80 columns: time, then size and security. */
    lesson_result_line(out, LESSON_MARK_HEAD, "steps\tbackend\tsetup\tprove\tverify");
    for (size_t i = 0; i < n; i++) {
        size_t steps = (size_t)1 << (from + i);
        char su[32], pg[32], ps[32];
        human_s(su, sizeof su, g[i].setup_s);
        human_s(pg, sizeof pg, g[i].prove_s);
        human_s(ps, sizeof ps, s[i].prove_s);
        lesson_result_line(out, LESSON_MARK_NONE, "%zu\tGroth16\t%s\t%s\t%.1f ms", steps, su, pg,
                           g[i].verify_ms);
        lesson_result_line(out, LESSON_MARK_NONE, "%zu\tSTARK\tnone\t%s\t%.1f ms", steps, ps,
                           s[i].verify_ms);
    }
    lesson_result_line(out, LESSON_MARK_NONE, "");
    lesson_result_line(out, LESSON_MARK_HEAD, "steps\tbackend\tcircuit\tkey\tproof\tbits");
    for (size_t i = 0; i < n; i++) {
        size_t steps = (size_t)1 << (from + i);
        char kb[32], pb[32], c1[32];
        lesson_bytes(kb, sizeof kb, g[i].key_mb * (1 << 20));
        lesson_result_line(out, g[i].ok && g[i].tamper_rejected ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "%zu\tGroth16\tR1CS %s\t%s\t%d B\t≈100", steps,
                           thousands(c1, sizeof c1, g[i].constraints), kb, G16_PROOF_BYTES);
        lesson_result_line(out, s[i].ok && s[i].tamper_rejected ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "%zu\tSTARK\tAIR %zu×%zu\tnone\t%s B\t%u (%u proven)", steps,
                           s[i].rows, s[i].cols, thousands(pb, sizeof pb, s[i].proof_bytes),
                           s[i].bits, s[i].proven);
    }
    bool all = true;
    for (size_t i = 0; i < n; i++)
        all = all && g[i].ok && g[i].tamper_rejected && s[i].ok && s[i].tamper_rejected;
    lesson_result_line(out, all ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "every proof verified%s; a Groth16 proof checked against end + 1 and a STARK "
                       "proof with one bit flipped were %s", all ? "" : " (not all)",
                       all ? "rejected" : "not all rejected");
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "Groth16: the key is a demo key (its secrets drawn here and wiped); the proof "
                       "is A, C in G1 and B in G2 compressed, whatever the steps");
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Prove time", "log2(steps)", "ms");
    if (ch) {
        ch->log_y = true;
        if ((err = viz_chart_add_line(ch, "STARK", VIZ_CYAN, x, sp, n)) ||
            (err = viz_chart_add_line(ch, "Groth16", VIZ_YELLOW, x, gp, n)))
            return lesson_fail(out, err, "chart: %s", zk_strerror(err));
    }
    ch = lesson_result_chart(out, VIZ_CHART_LINE, "Proof size", "log2(steps)", "bytes");
    if (ch) {
        ch->log_y = true;
        if ((err = viz_chart_add_line(ch, "STARK", VIZ_CYAN, x, sb, n)) ||
            (err = viz_chart_add_line(ch, "Groth16", VIZ_YELLOW, x, gb, n)))
            return lesson_fail(out, err, "chart: %s", zk_strerror(err));
    }
    return ZK_OK;
}

/* compare.check_ratio steps= seed= answer=: the STARK proof's size over the
 * Groth16 proof's at that many steps, to the nearest whole number — the
 * proof made again with the lesson's seed, so it is the table's. */
static zk_err check_ratio(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t log_steps;
    zk_rng storage, *rng;
    zk_err err = lesson_param_u64(out, p, "steps", 8, 2, 12, &log_steps);
    if (!err)
        err = lesson_rng(out, p, &storage, &rng);
    if (err)
        return err;
    long v;
    if (!lesson_answer_long(p, &v) || v < 1) {
        out->verdict = LESSON_VERDICT_FAIL;
        return lesson_fail(out, ZK_OK, "type a whole number: how many times the size");
    }
    uint64_t answer = (uint64_t)v;
    stark_row s;
    zk_rng r_s = storage;
    if ((err = stark_side(out, (size_t)1 << log_steps, rng ? &r_s : NULL, ev, &s)))
        return err;
    uint64_t want = (uint64_t)llround((double)s.proof_bytes / G16_PROOF_BYTES);
    out->verdict = answer == want ? LESSON_VERDICT_PASS : LESSON_VERDICT_FAIL;
    if (answer != want)
        snprintf(out->message, sizeof out->message,
                 "%llu × %d B = %llu B; the STARK proof has %zu bytes", (unsigned long long)answer,
                 G16_PROOF_BYTES, (unsigned long long)answer * G16_PROOF_BYTES, s.proof_bytes);
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"compare.poseidon", "from to seed",
     "a Poseidon chain proven with Groth16 (BN254) and with the STARK (Goldilocks), measured",
     poseidon_action},
    {"compare.check_ratio", "steps seed answer",
     "checks the STARK proof's size over the Groth16 proof's", check_ratio},
};

const lesson_action_table lesson_actions_compare = {actions, sizeof actions / sizeof actions[0]};
