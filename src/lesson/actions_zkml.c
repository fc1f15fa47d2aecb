/* zkml.*: the zkML pipeline as `zkcave mnist` runs it. Lesson 17 (the
 * settings' run arguments and public signals, compile, setup, witness,
 * prove and verify) and lesson 18 (a digit, its Groth16 proof, the
 * statement tampered with — the class, a pixel, the model — and the
 * forgery that private weights allow); the helpers of actions_zkml.h.
 *
 * The whole CNN (layers=all) takes a one-time setup of minutes and about a
 * minute a proof, so a block proves fc2 alone unless the student asks for
 * all: that keeps `check-lessons` within seconds. zkml.tamper never proves
 * the whole CNN itself: with layers=all it takes the last such proof made
 * here (lesson_zkml_proof_load), or says that there is none yet. */
#include "lesson/actions_zkml.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "lesson/answer.h"
#include "lesson/circuit_view.h"
#include "nn/digit_png.h"
#include "nn/idx.h"
#include "nn/model_file.h"
#include "nn/train.h"

/* ---- shared helpers ---- */

const char *const zkml_act_row_names[ZKML_ROWS] = {"input", "conv1", "conv2", "fc1",
                                                    "fc2",   "output", "model"};

zk_err zkml_act_open(lesson_result *out, lesson_zkml *z)
{
    char why[400] = "";
    zk_err err = lesson_zkml_open(z, why, sizeof why);
    return err ? lesson_fail(out, err, "%s", why) : ZK_OK;
}

zk_err zkml_act_weights(lesson_result *out, const lesson_params *p, const lesson_zkml *z,
                        zkml_visibility *v)
{
    static const char *const names[ZKML_VISIBILITIES] = {"hashed", "fixed", "public", "private"};
    *v = z->settings.params;
    if (!lesson_param_get(p, "weights", NULL))
        return ZK_OK;
    size_t i;
    zk_err err = lesson_param_choice(out, p, "weights", names, ZKML_VISIBILITIES, &i);
    if (!err)
        *v = (zkml_visibility)i;
    return err;
}

zk_err zkml_act_layers(lesson_result *out, const lesson_params *p, int *first_layer)
{
    static const char *const names[NN_LAYERS] = {"all", "conv2", "fc1", "fc2"};
    *first_layer = 3;
    if (!lesson_param_get(p, "layers", NULL))
        return ZK_OK;
    size_t i;
    zk_err err = lesson_param_choice(out, p, "layers", names, NN_LAYERS, &i);
    if (!err)
        *first_layer = (int)i;
    return err;
}

zk_err zkml_act_digit(lesson_result *out, const lesson_params *p, uint8_t img[NN_PIXELS],
                      char *source, size_t source_len)
{
    const char *d = lesson_param_get(p, "digit", "7_0000.png");
    char dir[700], path[1500], why[1700];
    if (strchr(d, '/')) {
        snprintf(path, sizeof path, "%s", d);
    } else if (nn_asset_path(dir, sizeof dir, "digits") == ZK_OK) {
        snprintf(path, sizeof path, "%s/%s", dir, d);
    } else {
        return lesson_fail(out, ZK_EIO, "cannot find assets/digits (set ZKCAVE_ASSETS)");
    }
    zk_err err = nn_digit_load_png(img, path, NULL, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    snprintf(source, source_len, "%s", strchr(d, '/') ? d : path);
    return ZK_OK;
}

void zkml_act_art(lesson_result *out, const uint8_t img[NN_PIXELS])
{
    static const char ramp[] = " .:-=+*#%@";
    for (int y = 0; y < NN_SIDE; y += 2) {
        char line[NN_SIDE + 8];
        int n = snprintf(line, sizeof line, "    |");
        for (int x = 0; x < NN_SIDE; x++) {
            int a = img[y * NN_SIDE + x], b = img[(y + 1) * NN_SIDE + x];
            line[n++] = ramp[(a > b ? a : b) * 9 / 255];
        }
        line[n++] = '|';
        line[n] = '\0';
        lesson_result_line(out, LESSON_MARK_NONE, "%s", line);
    }
}

void zkml_act_statement(lesson_result *out, lesson_mark mark, const zkml_public *st,
                        const zkml_model *m)
{
    int e = m->qm->q.out_exp[NN_LAYERS - 1];
    char logits[200];
    size_t n = 0;
    for (int k = 0; k < NN_CLASSES && n < sizeof logits; k++)
        n += (size_t)snprintf(logits + n, sizeof logits - n, " %lld", (long long)st->logits[k]);
    lesson_result_line(out, mark, "class %d; logits at 2^%d:%s (logit %d = %.3f)", st->cls, e,
                       logits, st->cls, ldexp((double)st->logits[st->cls], -e));
    if (st->has_hash) {
        char h[40];
        lesson_result_line(out, LESSON_MARK_NONE, "model hash %s",
                           lesson_zkml_hash_str(h, sizeof h, &st->model_hash));
    }
}

zk_err zkml_act_verdict(lesson_result *out, bool pass, const char *fmt, ...)
{
    out->verdict = pass ? LESSON_VERDICT_PASS : LESSON_VERDICT_FAIL;
    if (!pass && fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(out->message, sizeof out->message, fmt, ap);
        va_end(ap);
    }
    return ZK_OK;
}

/* The target of a proving action: weights= (default the shipped settings')
 * and layers= (default fc2 alone). */
static zk_err target(lesson_result *out, const lesson_params *p, const lesson_zkml *z,
                     lesson_zkml_target *t)
{
    memset(t, 0, sizeof *t);
    zk_err err = zkml_act_weights(out, p, z, &t->params);
    return err ? err : zkml_act_layers(out, p, &t->first_layer);
}

static const char *verdict_text(zkml_verdict v)
{
    return v == ZKML_VALID ? "VALID" : v == ZKML_INVALID ? "INVALID: the pairing equation fails"
                                                         : "a valid proof about ANOTHER model";
}

/* Verifies pub with the proof and the pinned key; one line with the
 * verdict, ✔ when it is the one expected. */
static zk_err verify_line(lesson_result *out, const lesson_zkml_proof *pf, const fr_t *pub,
                          const fr_t *expected, zkml_verdict want, const char *what)
{
    zkml_verified v;
    char why[300] = "";
    zk_err err = lesson_zkml_verify(&v, pf, pub, pf->pr.n_pub, expected, why, sizeof why);
    if (err == ZK_EFORMAT) {
        lesson_result_line(out, want == ZKML_VALID ? LESSON_MARK_BAD : LESSON_MARK_OK,
                           "%s: rejected before the pairing: %s", what, why);
        return ZK_OK;
    }
    if (err)
        return lesson_fail(out, err, "%s", why);
    lesson_result_line(out, v.verdict == want ? LESSON_MARK_OK : LESSON_MARK_BAD, "%s: %s", what,
                       verdict_text(v.verdict));
    return ZK_OK;
}

/* zkml.digit digit=: the digit, and what the quantized CNN says of it. */
static zk_err digit_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    uint8_t img[NN_PIXELS];
    char src[1600];
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    int pred;
    nn_qoverflow ov;
    if (!tr)
        err = ZK_ENOMEM;
    if (!err && !(err = zkml_act_digit(out, p, img, src, sizeof src))) {
        lesson_result_line(out, LESSON_MARK_HEAD, "%s", src);
        zkml_act_art(out, img);
        if ((err = nn_qinfer(z.qm, img, tr, &pred, &ov)) == ZK_OK) {
            int e = z.qm->q.out_exp[NN_LAYERS - 1];
            char line[200];
            size_t n = 0;
            for (int k = 0; k < NN_CLASSES; k++)
                n += (size_t)snprintf(line + n, sizeof line - n, " %lld", (long long)tr->z[k]);
            lesson_result_line(out, LESSON_MARK_OK, "the quantized CNN (%s) says %d", z.source,
                               pred);
            lesson_result_line(out, LESSON_MARK_NONE, "logits at 2^%d:%s", e, line);
        } else {
            lesson_fail(out, err, "%s overflowed %d bits", nn_layers[ov.layer].name, ov.bits);
        }
    }
    zk_free(tr);
    lesson_zkml_close(&z);
    return err;
}

/* zkml.prove digit= layers= weights=: prove, write the files, verify. */
static zk_err prove_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    lesson_zkml z;
    lesson_zkml_target t;
    lesson_zkml_proof pf;
    uint8_t img[NN_PIXELS];
    char src[1600], why[600] = "", a[32];
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    if ((err = target(out, p, &z, &t)) || (err = zkml_act_digit(out, p, img, src, sizeof src))) {
        lesson_zkml_close(&z);
        return err;
    }
    if ((err = lesson_zkml_prove(&pf, &z, &t, img, ev, why, sizeof why))) {
        lesson_zkml_close(&z);
        return lesson_fail(out, err, "%s", why);
    }
    lesson_result_line(out, LESSON_MARK_HEAD, "%s, the circuit from %s on, weights %s", src,
                       nn_layers[t.first_layer].name, zkml_visibility_name(t.params));
    lesson_result_line(out, LESSON_MARK_NONE, "%s constraints (2^%u)",
                       lesson_zkml_commas(a, sizeof a, pf.m.counts.total.constraints),
                       pf.m.counts.log_domain);
    lesson_result_line(out, LESSON_MARK_NONE, "setup %s %.1f s · witness %.2f s · prove %.2f s "
                       "(%.2f s CPU)", pf.key_made ? "now" : "earlier, cached:", pf.setup_s,
                       pf.witness_s, pf.prove_s, pf.prove_cpu);
    zkml_act_statement(out, LESSON_MARK_OK, &pf.pr.stmt, &pf.m);
    if (!(err = verify_line(out, &pf, pf.pr.pub, NULL, ZKML_VALID,
                            "checked with the key pinned for the circuit")))
        lesson_result_line(out, LESSON_MARK_NOTE, "proof.json, public.json, vk.json in %s; "
                           "`zkcave mnist verify` or snarkjs read them", pf.dir);
    lesson_zkml_proof_free(&pf);
    lesson_zkml_close(&z);
    return err;
}

/* The proof a tampering starts from: the last one of the whole CNN, or a
 * fresh one of a reduced model. ZK_ENOENT (a note, no failure) when the
 * whole CNN has not been proven here. */
static zk_err honest(lesson_result *out, const lesson_params *p, lesson_zkml *z,
                     lesson_zkml_target *t, lesson_zkml_proof *pf, const zk_events *ev)
{
    char why[600] = "", src[1600];
    uint8_t img[NN_PIXELS];
    zk_err err = target(out, p, z, t);
    if (err)
        return err;
    if (t->first_layer == 0) {
        err = lesson_zkml_proof_load(pf, z, t, why, sizeof why);
        if (err == ZK_ENOENT)
            lesson_result_line(out, LESSON_MARK_NOTE, "the whole CNN has not been proven here "
                               "yet: prove it above (layers = all) or on the drawing pad (d, "
                               "then p), then press r here");
        else if (err)
            lesson_fail(out, err, "the last proof: %s", why);
        else
            lesson_result_line(out, LESSON_MARK_HEAD, "the last proof of the whole CNN made "
                               "here (%s)", pf->dir);
        return err;
    }
    if ((err = zkml_act_digit(out, p, img, src, sizeof src)))
        return err;
    if ((err = lesson_zkml_prove(pf, z, t, img, ev, why, sizeof why)))
        return lesson_fail(out, err, "%s", why);
    lesson_result_line(out, LESSON_MARK_HEAD, "a proof of %s, the circuit from %s on", src,
                       nn_layers[t->first_layer].name);
    return ZK_OK;
}

/* Another model: the shipped one with one fc2 weight moved by one step of
 * its scale, and (with MNIST here) one trained briefly from seed 2. */
static zk_err other_models(lesson_result *out, const lesson_zkml *z,
                           const lesson_zkml_proof *pf, const zk_events *ev)
{
    const nn_layer_info *L = &nn_layers[NN_LAYERS - 1];
    nn_cnn b;
    zk_err err = nn_cnn_init(&b);
    if (err)
        return err;
    for (int which = 0; which < 2 && !err; which++) {
        char what[200];
        if (which == 0) {
            memcpy(b.p, z->cnn.p, NN_PARAMS * sizeof *b.p);
            b.p[L->weight_off] += ldexpf(1.0f, -z->qm->q.w_exp[NN_LAYERS - 1]);
            snprintf(what, sizeof what, "the model with fc2's first weight one step larger");
        } else {
            char buf[600], why[300];
            nn_dataset d;
            if (nn_mnist_load(&d, nn_mnist_dir(NULL, buf, sizeof buf), true, why,
                              sizeof why) != ZK_OK) {
                lesson_result_line(out, LESSON_MARK_NOTE, "(no MNIST training set here to "
                                   "retrain from another seed: %s)", why);
                break;
            }
            nn_train_opts o;
            nn_trainer tr;
            nn_epoch_stats st;
            nn_train_opts_default(&o);
            o.seed = 2;
            o.limit = 1000;
            if (!(err = nn_trainer_init(&tr, &b, &o))) {
                err = nn_trainer_epoch(&tr, &d, 0, ev, &st);
                nn_trainer_free(&tr);
            }
            nn_dataset_free(&d);
            snprintf(what, sizeof what, "a model trained from seed 2 (one epoch on 1,000 images)");
        }
        nn_qmodel *qb = NULL;
        fr_t hb;
        char h[40];
        if (!err && !(err = nn_qmodel_init(&qb, &b, &z->qm->q)) &&
            !(err = zkml_model_hash(&hb, &pf->m.s, qb, NULL))) {
            lesson_result_line(out, LESSON_MARK_NONE, "%s: model hash %s", what,
                               lesson_zkml_hash_str(h, sizeof h, &hb));
            err = verify_line(out, pf, pf->pr.pub, &hb, ZKML_OTHER_MODEL,
                              "the proof checked by someone who expects it");
        }
        nn_qmodel_free(qb);
    }
    nn_cnn_free(&b);
    return err;
}

/* zkml.tamper what=class|pixel|model digit= layers= cls=: the honest
 * statement verifies; the changed one does not. */
static zk_err tamper_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    static const char *const whats[3] = {"class", "pixel", "model"};
    size_t what;
    lesson_zkml z;
    lesson_zkml_target t;
    lesson_zkml_proof pf;
    zk_err err = lesson_param_choice(out, p, "what", whats, 3, &what);
    if (err || (err = zkml_act_open(out, &z)))
        return err;
    if ((err = honest(out, p, &z, &t, &pf, ev))) {
        lesson_zkml_close(&z);
        return err == ZK_ENOENT ? ZK_OK : err;
    }
    char h[40];
    zkml_act_statement(out, LESSON_MARK_NONE, &pf.pr.stmt, &pf.m);
    err = verify_line(out, &pf, pf.pr.pub, NULL, ZKML_VALID, "as proven");
    fr_t *pub = NULL;
    if (!err && what == 0) {
        uint64_t c;
        int second = pf.pr.stmt.cls == 0 ? 1 : 0;
        for (int k = 0; k < NN_CLASSES; k++)
            if (k != pf.pr.stmt.cls && pf.pr.stmt.logits[k] > pf.pr.stmt.logits[second])
                second = k;
        if (!(err = lesson_param_u64(out, p, "cls", (uint64_t)second, 0, 9, &c))) {
            if (c == (uint64_t)pf.pr.stmt.cls)
                c = (uint64_t)second;
            err = lesson_zkml_claim_class(&pub, &pf, (int)c);
        }
        if (!err) {
            lesson_result_line(out, LESSON_MARK_NONE, "public.json changed to say: class %d, "
                               "its logit one above the largest", (int)c);
            err = verify_line(out, &pf, pub, NULL, ZKML_INVALID, "the same proof");
        }
    } else if (!err && what == 1) {
        if (!pf.pr.stmt.has_pixels) {
            lesson_result_line(out, LESSON_MARK_NOTE, "this reduced model's statement has no "
                               "pixels: its input is private; set layers = all");
        } else {
            int at = 0;
            for (int i = 1; i < NN_PIXELS; i++)
                at = pf.pr.stmt.pixels[i] > pf.pr.stmt.pixels[at] ? i : at;
            uint8_t was = pf.pr.stmt.pixels[at];
            if (!(err = lesson_zkml_claim_pixel(&pub, &pf, at, 0))) {
                lesson_result_line(out, LESSON_MARK_NONE, "public.json changed: pixel (%d, %d) "
                                   "from %u to 0", at % NN_SIDE, at / NN_SIDE, was);
                err = verify_line(out, &pf, pub, NULL, ZKML_INVALID, "the same proof");
            }
        }
    } else if (!err) {
        lesson_result_line(out, LESSON_MARK_NONE, "the shipped model's hash %s%s%s%s",
                           lesson_zkml_hash_str(h, sizeof h, &pf.m.hash),
                           t.first_layer ? " (of the layers from " : "",
                           t.first_layer ? nn_layers[t.first_layer].name : "",
                           t.first_layer ? " on, which this circuit keeps)" : "");
        err = other_models(out, &z, &pf, ev);
    }
    zk_free(pub);
    lesson_zkml_proof_free(&pf);
    lesson_zkml_close(&z);
    return err;
}

/* zkml.forge cls= digit= layers=: private weights prove any logits. */
static zk_err forge_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    lesson_zkml z;
    uint64_t cls;
    uint8_t img[NN_PIXELS];
    char src[1600], why[600] = "", h[40], h2[40];
    zk_err err = lesson_param_u64(out, p, "cls", 3, 0, 9, &cls);
    if (err || (err = zkml_act_open(out, &z)))
        return err;
    lesson_zkml_target t = {ZKML_PRIVATE, 3, NULL};
    nn_cnn forged;
    memset(&forged, 0, sizeof forged);
    int64_t zl[NN_CLASSES] = {0};
    zl[cls] = (int64_t)10 << z.qm->q.out_exp[NN_LAYERS - 1];   /* 10.0 */
    if (!(err = zkml_act_layers(out, p, &t.first_layer)) &&
        !(err = zkml_act_digit(out, p, img, src, sizeof src)) &&
        (err = zkml_forge_logits(&forged, &z.cnn, &z.qm->q, zl)))
        lesson_fail(out, err, "these logits do not fit fc2's accumulator");
    lesson_zkml_proof pf;
    memset(&pf, 0, sizeof pf);
    if (!err) {
        t.cnn = &forged;
        if ((err = lesson_zkml_prove(&pf, &z, &t, img, ev, why, sizeof why)))
            lesson_fail(out, err, "%s", why);
    }
    if (!err) {
        lesson_result_line(out, LESSON_MARK_HEAD, "%s with private weights: fc2's weights set "
                           "to zero, its biases to the logits wanted", src);
        zkml_act_statement(out, LESSON_MARK_NONE, &pf.pr.stmt, &pf.m);
        err = verify_line(out, &pf, pf.pr.pub, NULL, ZKML_VALID,
                          "checked with the key pinned for the private circuit");
    }
    if (!err) {
        lesson_result_line(out, LESSON_MARK_BAD, "a valid proof that the image is a %d: nothing "
                           "ties private weights to any model", (int)cls);
        zkml_settings s = z.settings;
        s.params = ZKML_HASHED;
        s.first_layer = t.first_layer;
        nn_qmodel *qf = NULL;
        fr_t hf, hs;
        if (!(err = nn_qmodel_init(&qf, &forged, &z.qm->q)) &&
            !(err = zkml_model_hash(&hf, &s, qf, NULL)) &&
            !(err = zkml_model_hash(&hs, &s, z.qm, NULL)))
            lesson_result_line(out, LESSON_MARK_OK, "with hashed weights the circuit outputs "
                               "the weights' hash: %s for these, not the published %s",
                               lesson_zkml_hash_str(h, sizeof h, &hf),
                               lesson_zkml_hash_str(h2, sizeof h2, &hs));
        nn_qmodel_free(qf);
    }
    lesson_zkml_proof_free(&pf);
    nn_cnn_free(&forged);
    lesson_zkml_close(&z);
    return err;
}

/* ---- lesson 17 ---- */

/* "3..28", or "1" for one element. */
static void span(char *out, size_t len, uint32_t first, uint32_t n)
{
    if (n == 1)
        snprintf(out, len, "%u", first);
    else
        snprintf(out, len, "%u..%u", first, first + n - 1);
}

/* zkml.settings: the shipped settings' run arguments and the public signals
 * in order. */
static zk_err settings_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    lesson_zkml z;
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    int first = z.settings.first_layer;
    if (lesson_param_get(p, "layers", NULL) && (err = zkml_act_layers(out, p, &first))) {
        lesson_zkml_close(&z);
        return err;
    }
    zkml_settings s = z.settings;
    s.first_layer = first;
    zkml_layout L;
    const nn_qparams *q = &z.qm->q;
    if ((err = zkml_layout_init(&L, &s, q))) {
        lesson_zkml_close(&z);
        return lesson_fail(out, err, "the settings make no layout");
    }
    lesson_result_line(out, LESSON_MARK_HEAD, "%s", z.source);
    lesson_result_line(out, LESSON_MARK_NONE, "input_visibility  %s    (the pixels)",
                       first == 0 ? "public" : "private");
    lesson_result_line(out, LESSON_MARK_NONE, "output_visibility public    (the class and logits)");
    lesson_result_line(out, LESSON_MARK_NONE, "param_visibility  %-8s  (the weights and biases)",
                       zkml_visibility_name(s.params));
    lesson_result_line(out, LESSON_MARK_NONE, "scales: input 2^%d; weights conv1 2^%d, conv2 2^%d, "
                       "fc1 2^%d, fc2 2^%d; activations 2^%d", q->in_exp, q->w_exp[0], q->w_exp[1],
                       q->w_exp[2], q->w_exp[3], q->out_exp[0]);
    lesson_result_line(out, LESSON_MARK_HEAD, "public signals, in order (public.json)");
    lesson_result_line(out, LESSON_MARK_NONE, "%-10u the class, 0 to 9", L.cls);
    char at[32];
    span(at, sizeof at, L.logits, L.n_logit_elems);
    lesson_result_line(out, LESSON_MARK_NONE, "%-10s the 10 logits, %d to an element as "
                       "logit + 2^%d in %d bits", at, L.logits_per_elem, L.logit_bits - 1,
                       L.logit_bits);
    if (L.has_hash)
        lesson_result_line(out, LESSON_MARK_NONE, "%-10u the model hash (Poseidon)", L.hash);
    if (L.has_pixels) {
        span(at, sizeof at, L.pixel_elems, L.n_pixel_elems);
        lesson_result_line(out, LESSON_MARK_NONE, "%-10s the 784 pixel bytes, %s", at,
                           L.pixels == ZKML_PIXELS_PACKED ? "31 to an element" : "one each");
    }
    if (!L.has_pixels)
        lesson_result_line(out, LESSON_MARK_NOTE, "no pixels: this reduced model starts at %s, "
                           "whose input stays private", nn_layers[first].name);
    lesson_result_line(out, LESSON_MARK_OK, "%u public signals; everything else is private",
                       L.n_public);
    lesson_zkml_close(&z);
    return ZK_OK;
}

/* zkml.check_layout what=pixel_elems|publics answer=. */
static zk_err check_layout(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const whats[2] = {"pixel_elems", "publics"};
    lesson_zkml z;
    size_t what;
    zk_err err = lesson_param_choice(out, p, "what", whats, 2, &what);
    if (err || (err = zkml_act_open(out, &z)))
        return err;
    zkml_layout L;
    err = zkml_layout_init(&L, &z.settings, &z.qm->q);
    lesson_zkml_close(&z);
    if (err)
        return lesson_fail(out, err, "the settings make no layout");
    uint64_t typed, want = what == 0 ? L.n_pixel_elems : L.n_public;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &typed))
        return ZK_OK;
    return zkml_act_verdict(out, typed == want, what == 0 ? "784 bytes, 31 to an element: "
                            "the last element is not full" : "count every element: class, "
                            "logits, model hash, pixels");
}

/* The pipeline's model of the shipped settings from layers= on, for body;
 * out->message set on a failure before body runs. */
typedef zk_err (*model_body)(lesson_result *out, const lesson_params *p, const zk_events *ev,
                             const zkml_model *m);

static zk_err with_model(lesson_result *out, const lesson_params *p, const zk_events *ev,
                         model_body body)
{
    lesson_zkml z;
    lesson_zkml_target t = {ZKML_HASHED, 3, NULL};
    zkml_model m;
    char why[600] = "";
    zk_err err = zkml_act_open(out, &z);
    if (err)
        return err;
    t.params = z.settings.params;
    if (!(err = zkml_act_layers(out, p, &t.first_layer))) {
        if ((err = lesson_zkml_model(&m, &z, &t, why, sizeof why))) {
            lesson_fail(out, err, "%s", why);
        } else {
            err = body(out, p, ev, &m);
            zkml_model_free(&m);
        }
    }
    lesson_zkml_close(&z);
    return err;
}

/* zkml.compile layers=: the circuit built, as `zkcave mnist compile`. */
static zk_err compile_body(lesson_result *out, const lesson_params *p, const zk_events *ev,
                           const zkml_model *m)
{
    (void)p;
    zkml_circuit c;
    char why[300] = "", a[32], b[32];
    zk_err err = zkml_compile(&c, &m->s, m->qm, ev, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    lesson_result_line(out, LESSON_MARK_HEAD, "the circuit from %s on (%s weights)",
                       nn_layers[m->s.first_layer].name, zkml_visibility_name(m->s.params));
    lesson_result_line(out, LESSON_MARK_OK, "%s constraints, %s wires, %u public signals, %s "
                       "terms: a 2^%u domain",
                       lesson_zkml_commas(a, sizeof a, c.counts.total.constraints),
                       lesson_zkml_commas(b, sizeof b, c.cs.n_wires), c.counts.n_public,
                       lesson_zkml_short(why, sizeof why, (double)c.counts.total.terms),
                       c.counts.log_domain);
    for (int r = 0; r < ZKML_ROWS; r++)
        if (lesson_zkml_row_total(&c.counts, (zkml_row)r))
            lesson_result_line(out, LESSON_MARK_NONE, "  %-6s %13s", zkml_act_row_names[r],
                               lesson_zkml_commas(a, sizeof a,
                                                  lesson_zkml_row_total(&c.counts, (zkml_row)r)));
    lesson_result_line(out, LESSON_MARK_NOTE, "circuit id %.16s… (what the key cache files it "
                       "under)", m->id_hex);
    zkml_circuit_free(&c);
    return ZK_OK;
}

static zk_err compile_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    return with_model(out, p, ev, compile_body);
}

/* zkml.setup layers=: the key pinned for the circuit, made once. */
static zk_err setup_body(lesson_result *out, const lesson_params *p, const zk_events *ev,
                         const zkml_model *m)
{
    (void)p;
    zkml_keys k;
    char why[600] = "", sha[65];
    zk_err err = zkml_keys_ensure(&k, m, ev, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    lesson_result_line(out, LESSON_MARK_OK, "%s: the key for the circuit from %s on",
                       k.made ? "made now" : "made earlier and pinned",
                       nn_layers[m->s.first_layer].name);
    lesson_result_line(out, LESSON_MARK_NONE, "in %s", k.dir);
    for (int i = 0; i < 32; i++)
        snprintf(sha + 2 * i, 3, "%02x", k.vk_sha256[i]);
    lesson_result_line(out, LESSON_MARK_NONE, "vk.json SHA-256 %.16s…; the setup took %.1f s",
                       sha, k.setup_seconds);
    lesson_result_line(out, LESSON_MARK_NOTE, "from τ, α, β, γ, δ sampled on this machine and "
                       "wiped: you trust this setup because you ran it");
    zkml_keys_free(&k);
    return ZK_OK;
}

static zk_err setup_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    return with_model(out, p, ev, setup_body);
}

/* zkml.witness digit= layers=: the witness, and what of it is public. */
static zk_err witness_body(lesson_result *out, const lesson_params *p, const zk_events *ev,
                          const zkml_model *m)
{
    uint8_t img[NN_PIXELS];
    char src[1600], a[32], b[32];
    zkml_witness w;
    zkml_report rep;
    zk_err err = zkml_act_digit(out, p, img, src, sizeof src);
    if (err)
        return err;
    if ((err = zkml_witness_for(&w, m, img, true, ev, &rep)))
        return lesson_fail(out, err, "%s", rep.msg);
    lesson_result_line(out, LESSON_MARK_HEAD, "%s", src);
    lesson_result_line(out, LESSON_MARK_OK, "%s values, every constraint checked as it was "
                       "made; equal to nn_qinfer layer by layer", lesson_zkml_commas(a, sizeof a,
                                                                                   w.n));
    lesson_result_line(out, LESSON_MARK_NONE, "public: w_1 … w_%u (%u values)",
                       m->layout.n_public, m->layout.n_public);
    lesson_result_line(out, LESSON_MARK_NONE, "private: the other %s, the weights and every "
                       "intermediate value among them",
                       lesson_zkml_commas(b, sizeof b, w.n - 1 - m->layout.n_public));
    zkml_act_statement(out, LESSON_MARK_NONE, &w.pub, m);
    zkml_witness_free(&w);
    return ZK_OK;
}

static zk_err witness_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    return with_model(out, p, ev, witness_body);
}

static const lesson_action actions[] = {
    {"zkml.settings", "layers", "the settings' run arguments and the public signals",
     settings_action},
    {"zkml.check_layout", "what answer", "checks a count of the public layout", check_layout},
    {"zkml.compile", "layers", "builds the circuit", compile_action},
    {"zkml.setup", "layers", "the key pinned for the circuit", setup_action},
    {"zkml.witness", "digit layers", "the witness of a digit", witness_action},
    {"zkml.digit", "digit", "a digit and the quantized CNN's logits", digit_action},
    {"zkml.prove", "digit layers weights", "a Groth16 proof of the CNN on a digit, verified",
     prove_action},
    {"zkml.tamper", "what digit layers weights cls",
     "a proven statement changed: the class, a pixel, the model", tamper_action},
    {"zkml.forge", "cls digit layers", "any logits proven with private weights", forge_action},
};

const lesson_action_table lesson_actions_zkml = {actions, sizeof actions / sizeof actions[0]};
