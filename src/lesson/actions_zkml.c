/* zkml.* proofs: lesson 17's prove-and-verify and lesson 18 (a digit, its
 * Groth16 proof through the pipeline `zkcave mnist prove` uses, the
 * statement tampered with — the class, a pixel, the model — and the
 * forgery that private weights allow).
 *
 * The whole CNN (layers=all) takes a one-time setup of minutes and about a
 * minute a proof, so a block proves fc2 alone unless the student asks for
 * all: that keeps `check-lessons` within seconds. zkml.tamper never proves
 * the whole CNN itself: with layers=all it takes the last such proof made
 * here (lesson_zkml_proof_load), or says that there is none yet. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/actions_zkml.h"
#include "nn/idx.h"
#include "nn/train.h"

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

static const lesson_action actions[] = {
    {"zkml.digit", "digit", "a digit and the quantized CNN's logits", digit_action},
    {"zkml.prove", "digit layers weights", "a Groth16 proof of the CNN on a digit, verified",
     prove_action},
    {"zkml.tamper", "what digit layers weights cls",
     "a proven statement changed: the class, a pixel, the model", tamper_action},
    {"zkml.forge", "cls digit layers", "any logits proven with private weights", forge_action},
};

const lesson_action_table lesson_actions_zkml_proof = {actions,
                                                       sizeof actions / sizeof actions[0]};
