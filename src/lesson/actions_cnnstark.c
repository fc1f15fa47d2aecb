/* cnnstark.*: the seed CNN proven with the STARK in the lessons, through
 * zkml/zkml_stark.h, so the proof is the one `zkcave mnist prove --backend
 * stark` makes (the whole CNN from the raw pixels, zero knowledge on, the
 * options raised until the verifier's 100-bit minimum holds).
 *
 *   cnnstark.prove digit=           lesson 18: the digit proven and
 *                                   verified, then its proof tampered with
 *                                   (the class's logit in the statement, a
 *                                   byte in the middle) and rejected, and
 *                                   checked against another model's digest.
 *   cnnstark.compare digit= layers= lesson 12: the same digit with Groth16
 *                                   and with the STARK, measured side by
 *                                   side. Groth16 proves fc2 alone unless
 *                                   layers=all: the whole CNN's key takes
 *                                   minutes and ~2 GB to make, once; a key
 *                                   made earlier is used as it is and its
 *                                   setup time is not measured again.
 *   cnnstark.check_cells answer=    checker: the STARK trace's cells (rows
 *                                   × columns), from the AIR built here. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "curve/encode.h"
#include "lesson/action_util.h"
#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "lesson/actions_zkml.h"
#include "lesson/zkml_prove.h"
#include "zkml/zkml_stark.h"

/* A Groth16 proof: A and C in G1, B in G2, compressed. */
#define G16_PROOF_BYTES (2 * G1_COMPRESSED_BYTES + G2_COMPRESSED_BYTES)

/* A STARK proof of the digit, the file's bytes, and the verifier's view. */
typedef struct stark_run {
    uint8_t *buf;
    size_t len;
    zkml_stark_statement st;
    zkml_stark_figures prove;
    zkml_stark_verified check;
} stark_run;

/* Proves img with the shipped model (whole CNN, hashed settings) and
 * verifies the proof. m receives the model (the caller frees it). */
static zk_err stark_run_make(lesson_result *out, stark_run *s, zkml_model *m, const lesson_zkml *z,
                             const uint8_t img[NN_PIXELS], const zk_events *ev)
{
    memset(s, 0, sizeof *s);
    char why[600] = "";
    lesson_zkml_target t = {ZKML_HASHED, 0, NULL};
    zk_err err = lesson_zkml_model(m, z, &t, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    if ((err = zkml_stark_prove(&s->buf, &s->len, &s->st, &s->prove, m, img, ev, why,
                                sizeof why)) ||
        (err = zkml_stark_verify(&s->check, s->buf, s->len, m, NULL, STARK_MIN_BITS_DEFAULT, why,
                                 sizeof why))) {
        zk_free(s->buf);
        s->buf = NULL;
        zkml_model_free(m);
        return lesson_fail(out, err, "the STARK proof: %s", why);
    }
    return ZK_OK;
}

/* buf[at..at+n) in another copy, as a verifier reading it would find it. */
static bool rejected(const stark_run *s, const zkml_model *m, size_t at, const uint8_t *bytes,
                     size_t n, char *why, size_t why_len)
{
    uint8_t *c = zk_alloc(s->len, 1);
    if (!c) {
        snprintf(why, why_len, "out of memory");
        return false;
    }
    memcpy(c, s->buf, s->len);
    memcpy(c + at, bytes, n);
    zkml_stark_verified r;
    zk_err err = zkml_stark_verify(&r, c, s->len, m, NULL, STARK_MIN_BITS_DEFAULT, why, why_len);
    zk_free(c);
    if (err == ZK_EFORMAT)
        return true;   /* why: the reader's refusal */
    return !err && r.verdict != ZKML_STARK_VALID;
}

/* A logit as the statement's field element: v, or p + v below 0. */
static uint64_t logit_field(int64_t v)
{
    return v < 0 ? GL_P - (uint64_t)(-v) : (uint64_t)v;
}

/* Where the statement's logits sit in the file: ten field elements, eight
 * bytes each, little-endian (stark/proof_io.c's statement). */
static size_t logits_at(const stark_run *s)
{
    uint8_t pat[8 * NN_CLASSES];
    for (int k = 0; k < NN_CLASSES; k++) {
        uint64_t v = logit_field(s->st.pub.logits[k]);
        for (int b = 0; b < 8; b++)
            pat[8 * k + b] = (uint8_t)(v >> (8 * b));
    }
    for (size_t i = 0; i + sizeof pat <= s->len; i++)
        if (memcmp(s->buf + i, pat, sizeof pat) == 0)
            return i;
    return SIZE_MAX;
}

static void stark_run_free(stark_run *s)
{
    zk_free(s->buf);
}

/* The proof checked by a verifier who expects the shipped model with fc2's
 * first weight one step of its scale larger: its digest differs, so the
 * valid proof is about ANOTHER model. */
static zk_err other_model(lesson_result *out, const stark_run *s, const zkml_model *m,
                          const lesson_zkml *z)
{
    char dh[ZKML_GL_DIGEST_HEX + 1], why[600] = "";
    zkml_gl_digest_hex(dh, s->check.st.digest);
    lesson_result_line(out, LESSON_MARK_NONE, "model digest in the proof %.16s… (Goldilocks "
                       "Poseidon, 4 elements)", dh);
    nn_cnn b;
    zk_err err = nn_cnn_init(&b);
    if (err)
        return lesson_fail(out, err, "%s", zk_strerror(err));
    const nn_layer_info *L = &nn_layers[NN_LAYERS - 1];
    memcpy(b.p, z->cnn.p, NN_PARAMS * sizeof *b.p);
    b.p[L->weight_off] += ldexpf(1.0f, -z->qm->q.w_exp[NN_LAYERS - 1]);
    nn_qmodel *qb = NULL;
    gl_t d[ZKML_GL_DIGEST];
    zkml_stark_verified r;
    if (!(err = nn_qmodel_init(&qb, &b, &z->qm->q)) &&
        !(err = zkml_model_hash_gl(d, &m->s, qb)) &&
        !(err = zkml_stark_verify(&r, s->buf, s->len, m, d, STARK_MIN_BITS_DEFAULT, why,
                                  sizeof why))) {
        bool other = r.verdict == ZKML_STARK_OTHER_MODEL;
        zkml_gl_digest_hex(dh, d);
        lesson_result_line(out, other ? LESSON_MARK_OK : LESSON_MARK_BAD, "checked against the "
                           "model with fc2's first weight one step larger (digest %.16s…): %s",
                           dh, other ? "about ANOTHER model" : "accepted");
    }
    nn_qmodel_free(qb);
    nn_cnn_free(&b);
    return err ? lesson_fail(out, err, "another model: %s", why[0] ? why : zk_strerror(err))
               : ZK_OK;
}

/* cnnstark.prove digit=: lesson 18's STARK half. */
static zk_err prove_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    lesson_zkml z;
    uint8_t img[NN_PIXELS];
    char src[1600], a[32], why[600];
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    if ((err = zkml_act_digit(out, p, img, src, sizeof src))) {
        lesson_zkml_close(&z);
        return err;
    }
    stark_run s;
    zkml_model m;
    if ((err = stark_run_make(out, &s, &m, &z, img, ev))) {
        lesson_zkml_close(&z);
        return err;
    }
    const zkml_stark_figures *f = &s.prove;
    lesson_result_line(out, LESSON_MARK_HEAD, "%s, the whole CNN as the STARK AIR cnn", src);
    lesson_result_line(out, LESSON_MARK_NONE, "trace %s rows × %zu columns · no setup · zero "
                       "knowledge on", lesson_zkml_commas(a, sizeof a, f->rows), f->columns);
    lesson_result_line(out, LESSON_MARK_NONE, "prove %.2f s (%.2f s CPU) · proof %s bytes",
                       f->seconds, f->cpu_seconds, lesson_zkml_commas(a, sizeof a, f->bytes));
    lesson_result_line(out, LESSON_MARK_NONE, "security %u bits conjectured, %u proven (list "
                       "decoding)", f->sec.conjectured, f->sec.proven_ldr);
    zkml_act_statement(out, LESSON_MARK_OK, &s.st.pub, &m);
    bool valid = s.check.verdict == ZKML_STARK_VALID;
    lesson_result_line(out, valid ? LESSON_MARK_OK : LESSON_MARK_BAD, "verified: %s in %.2f ms",
                       valid ? "VALID" : "not valid", s.check.fig.seconds * 1e3);
    /* The class's logit lowered below the runner-up's: the statement of
     * another class. */
    size_t at = logits_at(&s);
    if (at != SIZE_MAX) {
        int c = s.st.pub.cls;
        int64_t v = s.st.pub.logits[c] - 1000;
        uint64_t fe = logit_field(v);
        uint8_t b[8];
        for (int i = 0; i < 8; i++)
            b[i] = (uint8_t)(fe >> (8 * i));
        bool r = rejected(&s, &m, at + 8 * (size_t)c, b, 8, why, sizeof why);
        lesson_result_line(out, r ? LESSON_MARK_OK : LESSON_MARK_BAD, "logit %d set to %lld in "
                           "the proof's statement: %s (%s)", c, (long long)v,
                           r ? "REJECTED" : "accepted", r ? why : "a forgery");
    }
    uint8_t flip = s.buf[s.len / 2] ^ 0x20;
    bool r = rejected(&s, &m, s.len / 2, &flip, 1, why, sizeof why);
    lesson_result_line(out, r ? LESSON_MARK_OK : LESSON_MARK_BAD, "one byte in the middle of "
                       "the proof changed: %s (%s)", r ? "REJECTED" : "accepted", why);
    if (!(err = other_model(out, &s, &m, &z)))
        lesson_result_line(out, LESSON_MARK_NOTE, "the weights stay private; the digest binds "
                           "them: the proof hashes, inside the AIR, the very weights its "
                           "multiply-accumulates read");
    stark_run_free(&s);
    zkml_model_free(&m);
    lesson_zkml_close(&z);
    return err;
}

/* The Groth16 side of the comparison: a proof of the digit with the
 * shipped settings from layers= on, its key's file size and verify time. */
typedef struct g16_run {
    lesson_zkml_proof pf;
    double verify_ms, key_bytes;
    bool ok;
} g16_run;

static zk_err g16_run_make(lesson_result *out, g16_run *g, const lesson_zkml *z, int first_layer,
                           const uint8_t img[NN_PIXELS], const zk_events *ev)
{
    memset(g, 0, sizeof *g);
    char why[600] = "";
    lesson_zkml_target t = {ZKML_HASHED, first_layer, NULL};
    zk_err err = lesson_zkml_prove(&g->pf, z, &t, img, ev, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "the Groth16 proof: %s", why);
    zkml_verified v;
    double t0 = lesson_snark_now();
    err = lesson_zkml_verify(&v, &g->pf, g->pf.pr.pub, g->pf.pr.n_pub, NULL, why, sizeof why);
    g->verify_ms = (lesson_snark_now() - t0) * 1e3;
    g->ok = !err && v.verdict == ZKML_VALID;
    struct stat st;
    if (g->pf.k.zkey[0] && stat(g->pf.k.zkey, &st) == 0)
        g->key_bytes = (double)st.st_size;
    return ZK_OK;
}

/* cnnstark.compare digit= layers=: lesson 12's CNN table. */
static zk_err compare_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    lesson_zkml z;
    uint8_t img[NN_PIXELS];
    char src[1600];
    int first;
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    if ((err = zkml_act_layers(out, p, &first)) ||
        (err = zkml_act_digit(out, p, img, src, sizeof src))) {
        lesson_zkml_close(&z);
        return err;
    }
    g16_run g;
    stark_run s;
    zkml_model m;
    if ((err = g16_run_make(out, &g, &z, first, img, ev))) {
        lesson_zkml_close(&z);
        return err;
    }
    if ((err = stark_run_make(out, &s, &m, &z, img, ev))) {
        lesson_zkml_proof_free(&g.pf);
        lesson_zkml_close(&z);
        return err;
    }
    const zkml_stark_figures *f = &s.prove;
    char a[32], b[32], c[32];
    lesson_result_line(out, LESSON_MARK_HEAD, "%s: class %d by both proofs", src, s.st.pub.cls);
    lesson_result_line(out, LESSON_MARK_HEAD, "\tGroth16 (BN254)\tSTARK (Goldilocks)");
    lesson_result_line(out, LESSON_MARK_NONE, "proves\t%s\tthe whole CNN",
                       first ? "fc2 on (fc1's output private)" : "the whole CNN");
    lesson_result_line(out, LESSON_MARK_NONE, "size\tR1CS %s (2^%u)\tAIR %s×%zu",
                       lesson_zkml_commas(a, sizeof a, g.pf.m.counts.total.constraints),
                       g.pf.m.counts.log_domain, lesson_zkml_commas(b, sizeof b, f->rows),
                       f->columns);
    if (g.pf.key_made)
        snprintf(c, sizeof c, "trusted, %.1f s", g.pf.setup_s);
    else
        snprintf(c, sizeof c, "trusted, cached");
    lesson_result_line(out, LESSON_MARK_NONE, "setup\t%s\tnone", c);
    lesson_bytes(a, sizeof a, g.key_bytes);
    lesson_result_line(out, LESSON_MARK_NONE, "key\t%s\tnone", g.key_bytes > 0 ? a : "?");
    lesson_result_line(out, LESSON_MARK_NONE, "prove\t%.2f s\t%.2f s", g.pf.prove_s, f->seconds);
    lesson_result_line(out, LESSON_MARK_NONE, "proof\t%d B\t%s B", G16_PROOF_BYTES,
                       lesson_zkml_commas(a, sizeof a, f->bytes));
    lesson_result_line(out, LESSON_MARK_NONE, "verify\t%.2f ms\t%.2f ms", g.verify_ms,
                       s.check.fig.seconds * 1e3);
    lesson_result_line(out, LESSON_MARK_NONE, "bits\t≈100 (BN254's\t%u conjectured,",
                       f->sec.conjectured);
    lesson_result_line(out, LESSON_MARK_NONE, "\tpairing groups)\t%u proven", f->sec.proven_ldr);
    lesson_result_line(out, LESSON_MARK_NONE, "rests on\tpairings, τ destroyed\thashes, FRI");
    lesson_result_line(out, LESSON_MARK_NONE, "post-quantum\tno\tplausibly");
    bool ok = g.ok && s.check.verdict == ZKML_STARK_VALID;
    bool same = memcmp(g.pf.pr.stmt.logits, s.st.pub.logits, sizeof s.st.pub.logits) == 0;
    lesson_result_line(out, ok && same ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "both proofs verified%s, and state the same ten logits%s", ok ? "" : " (NOT)",
                       same ? "" : " (NOT)");
    lesson_result_line(out, LESSON_MARK_NOTE, "Groth16: %s; its proof is A, C in G1 and B in G2 "
                       "compressed. Times are this run's, on this machine.",
                       g.pf.key_made ? "the key was made now (setup timed above)"
                                     : "the key was made earlier and cached here: its setup is "
                                       "not timed again");
    double gp[1] = {g.pf.prove_s}, sp[1] = {f->seconds};
    double gb[1] = {G16_PROOF_BYTES / 1024.0}, sb[1] = {(double)f->bytes / 1024};
    static const char *const cat[1] = {"this digit"};
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Prove time", "", "s");
    if (ch && !(err = viz_chart_set_categories(ch, cat, 1)) &&
        !(err = viz_chart_add_bars(ch, "Groth16", VIZ_YELLOW, gp, 1)))
        err = viz_chart_add_bars(ch, "STARK", VIZ_CYAN, sp, 1);
    ch = err ? NULL : lesson_result_chart(out, VIZ_CHART_BARS, "Proof size", "", "KB");
    if (ch && !(err = viz_chart_set_categories(ch, cat, 1)) &&
        !(err = viz_chart_add_bars(ch, "Groth16", VIZ_YELLOW, gb, 1)))
        err = viz_chart_add_bars(ch, "STARK", VIZ_CYAN, sb, 1);
    stark_run_free(&s);
    zkml_model_free(&m);
    lesson_zkml_proof_free(&g.pf);
    lesson_zkml_close(&z);
    return err ? lesson_fail(out, err, "chart: %s", zk_strerror(err)) : ZK_OK;
}

/* cnnstark.check_cells digit= answer=: the STARK trace's rows × columns
 * (main, fixed, and two a column of the extension), from the AIR built
 * for the digit here. */
static zk_err check_cells(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t answer;
    zk_err err = lesson_answer_u64(out, p, &answer);
    if (err) {
        out->verdict = LESSON_VERDICT_FAIL;
        return ZK_OK;
    }
    lesson_zkml z;
    uint8_t img[NN_PIXELS];
    char src[1600], why[600] = "", a[32];
    if ((err = zkml_act_open(out, &z)))
        return err;
    stark_air air;
    if (!(err = zkml_act_digit(out, p, img, src, sizeof src)) &&
        (err = zkml_stark_air(&air, &z.settings, z.qm, img, why, sizeof why)))
        lesson_fail(out, err, "%s", why);
    lesson_zkml_close(&z);
    if (err)
        return err;
    uint64_t want = (uint64_t)air.n_rows * (air.n_main + air.n_fixed + 2 * air.n_aux);
    stark_air_free(&air);
    out->verdict = answer == want ? LESSON_VERDICT_PASS : LESSON_VERDICT_FAIL;
    if (answer != want)
        snprintf(out->message, sizeof out->message, "%s cells: multiply the rows by the columns",
                 lesson_zkml_commas(a, sizeof a, answer));
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"cnnstark.prove", "digit",
     "the seed CNN proven with the STARK on a digit, verified, then tampered with", prove_action},
    {"cnnstark.compare", "digit layers",
     "the same digit proven with Groth16 and with the STARK, measured side by side",
     compare_action},
    {"cnnstark.check_cells", "digit answer", "checks the STARK trace's rows × columns",
     check_cells},
};

const lesson_action_table lesson_actions_cnnstark = {actions, sizeof actions / sizeof actions[0]};
