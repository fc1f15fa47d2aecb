/* The zkML workflow (zkml/pipeline.h): the model, proving, verifying, and
 * the forgery of private visibility. The key cache is pipeline_keys.c. */
#include <cJSON.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"
#include "zkml/pipeline.h"
#include "zkml/tensors.h"

/* ---- settings ------------------------------------------------------------ */

zk_err zkml_settings_load(zkml_settings *s, nn_qparams *q, const char *path, char *why,
                          size_t why_len)
{
    char *text;
    size_t len;
    zk_err err = zk_file_read(path, 1 << 20, &text, &len);
    if (err) {
        snprintf(why, why_len, "%s", zk_file_why(err));
        return err;
    }
    err = zkml_settings_parse(s, q, text, why, why_len);
    cJSON *root = err ? NULL : zk_json_parse(text, len);
    const cJSON *run = cJSON_GetObjectItemCaseSensitive(root, "run_args");
    const cJSON *fl = cJSON_GetObjectItemCaseSensitive(run, "first_layer");
    if (fl && (!cJSON_IsNumber(fl) || fl->valuedouble != (int)fl->valuedouble ||
               fl->valuedouble < 0 || fl->valuedouble >= NN_LAYERS)) {
        snprintf(why, why_len, "run_args.first_layer must be 0 (the whole CNN) to %d (fc2 alone)",
                 NN_LAYERS - 1);
        err = ZK_EFORMAT;
    } else if (fl) {
        s->first_layer = (int)fl->valuedouble;
    }
    cJSON_Delete(root);
    zk_free(text);
    return err;
}

/* ---- the model ----------------------------------------------------------- */

static void id_u64(crypto_generichash_state *h, uint64_t v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

/* The circuit id (pipeline.h): everything that makes one circuit another. */
static void circuit_id(zkml_model *m)
{
    static const char tag[] = "zkcave mnist circuit 1";
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, sizeof m->id);
    crypto_generichash_update(&h, (const unsigned char *)tag, sizeof tag);
    const zkml_settings *s = &m->s;
    const nn_qparams *q = &m->qm->q;
    id_u64(&h, (uint64_t)s->params);
    id_u64(&h, (uint64_t)s->pixels);
    id_u64(&h, s->salted);
    id_u64(&h, (uint64_t)s->first_layer);
    id_u64(&h, (uint64_t)q->in_exp);
    if (q->act != NN_ACT_RELU)   /* a ReLU circuit's id as before */
        id_u64(&h, 0x100 + (uint64_t)q->act);
    for (int l = 0; l < NN_LAYERS; l++) {
        id_u64(&h, (uint64_t)q->w_exp[l]);
        id_u64(&h, (uint64_t)q->out_exp[l]);
        id_u64(&h, (uint64_t)q->acc_bits[l]);
    }
    for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++) {
        if (s->params == ZKML_HASHED)
            id_u64(&h, (uint64_t)zkml_width_of(m->qm, k));
        if (s->params == ZKML_FIXED)
            for (size_t i = 0, n = zkml_tensor_len(k); i < n; i++)
                id_u64(&h, (uint64_t)zkml_tensor_at(m->qm, k, i));
    }
    const zkml_counts *c = &m->counts;
    for (int r = 0; r < ZKML_ROWS; r++)
        for (int o = 0; o < ZKML_OPS; o++) {
            id_u64(&h, c->cell[r][o].constraints);
            id_u64(&h, c->cell[r][o].wires);
            id_u64(&h, c->cell[r][o].terms);
        }
    id_u64(&h, c->n_wires);
    id_u64(&h, c->n_public);
    crypto_generichash_final(&h, m->id, sizeof m->id);
    for (size_t i = 0; i < sizeof m->id; i++)
        snprintf(m->id_hex + 2 * i, 3, "%02x", m->id[i]);
}

zk_err zkml_model_init(zkml_model *m, const nn_cnn *cnn, const nn_qparams *q,
                       const zkml_settings *s, const fr_t *salt, char *why, size_t why_len)
{
    memset(m, 0, sizeof *m);
    m->s = *s;
    if (q->act != cnn->act) {
        /* the scales and widths were calibrated for another network */
        snprintf(why, why_len, "the settings are for a %s model and this one is %s (make its "
                 "own with mnist calibrate --model)",
                 nn_activation_name(q->act), nn_activation_name(cnn->act));
        return ZK_EINVAL;
    }
    zk_err err = nn_qmodel_init(&m->qm, cnn, q);
    if (err == ZK_EOVERFLOW) {
        snprintf(why, why_len, "a weight does not fit 31 bits at its scale");
        return err;
    }
    if (err) {
        snprintf(why, why_len, "%s", zk_strerror(err));
        return err;
    }
    if (s->salted != (salt != NULL)) {
        snprintf(why, why_len, s->salted ? "the settings say the model is salted: give the salt"
                                         : "a salt for settings that are not salted");
        err = ZK_EINVAL;
    }
    if (!err)
        err = zkml_settings_check(s, m->qm, why, why_len);
    if (!err && (err = zkml_layout_init(&m->layout, s, q)))
        snprintf(why, why_len, "the logits do not fit a field element");
    if (!err)
        err = zkml_count(&m->counts, s, m->qm, why, why_len);
    if (!err && salt) {
        m->has_salt = true;
        m->salt = *salt;
    }
    if (!err && s->params == ZKML_HASHED) {
        m->has_hash = true;
        if ((err = zkml_model_hash(&m->hash, s, m->qm, salt)))
            snprintf(why, why_len, "the model hash: %s", zk_strerror(err));
    }
    if (err) {
        zkml_model_free(m);
        return err;
    }
    circuit_id(m);
    return ZK_OK;
}

void zkml_model_free(zkml_model *m)
{
    /* The quantized weights are the model's secret in hashed visibility. */
    if (m->qm) {
        sodium_memzero(m->qm->w, NN_PARAMS * sizeof *m->qm->w);
        sodium_memzero(m->qm->wf, NN_PARAMS * sizeof *m->qm->wf);
        sodium_memzero(m->qm->bias, sizeof m->qm->bias);
    }
    nn_qmodel_free(m->qm);
    sodium_memzero(m, sizeof *m);
}

const char *zkml_visibility_meaning(zkml_visibility v)
{
    switch (v) {
    case ZKML_HASHED:
        return "hashed: the weights stay private; the proof binds them through the model hash, "
               "a public output anyone holding the weights can recompute (README)";
    case ZKML_FIXED:
        return "fixed: the weights are constants of the circuit, readable in the .r1cs and in "
               "the .zkey's coefficient section, so every prover holds the model; a vk names "
               "the model only for someone who trusts the setup, or re-runs 'zkey verify' "
               "against the .r1cs and a ceremony file";
    case ZKML_PUBLIC:
        return "public: every parameter is a public input: a verification key of one point a "
               "parameter (tens of MB for the whole CNN), and no Solidity verifier (far above "
               "a contract's 24,576-byte limit)";
    case ZKML_PRIVATE:
    case ZKML_VISIBILITIES:
        break;
    }
    return "private: the weights are private and committed to NOTHING: a prover may pick any "
           "weights (fc2's weights zero and its biases z_j*2^r give the logits z for every "
           "image), so the proof says nothing about which model ran";
}

/* ---- proving ------------------------------------------------------------- */

static zk_err phase(const zk_events *ev, zk_event_kind k, const char *name)
{
    return zk_emit(ev, k, name, k == ZK_EV_END, 1, NULL);
}

zk_err zkml_witness_for(zkml_witness *w, const zkml_model *m, const uint8_t image[NN_PIXELS],
                        bool check, const zk_events *ev, zkml_report *rep)
{
    memset(w, 0, sizeof *w);
    zk_err err = phase(ev, ZK_EV_BEGIN, "pipeline_witness");
    if (!err)
        err = zkml_witness_compute(w, &m->s, m->qm, image, m->has_salt ? &m->salt : NULL,
                                   check, rep, ev);
    if (!err)
        err = phase(ev, ZK_EV_END, "pipeline_witness");
    if (err)
        zkml_witness_free(w);
    return err;
}

void zkml_proof_free(zkml_proof *p)
{
    zk_free(p->pub);
    memset(p, 0, sizeof *p);
}

zk_err zkml_prove_image(zkml_proof *out, const zkml_model *m, const zkml_keys *k,
                        const uint8_t image[NN_PIXELS], const zk_events *ev, zkml_report *rep)
{
    memset(out, 0, sizeof *out);
    zkml_report dummy;
    if (!rep)
        rep = &dummy;
    memset(rep, 0, sizeof *rep);
    if (!k->pk && !k->zkey[0]) {
        snprintf(rep->msg, sizeof rep->msg, "no proving key for this circuit");
        return ZK_ENOENT;
    }
    zkml_witness w;
    zk_err err = zkml_witness_for(&w, m, image, false, ev, rep);
    if (err)
        return err;
    if (!(err = phase(ev, ZK_EV_BEGIN, "pipeline_prove")))
        err = k->pk ? groth16_prove(&out->proof, k->pk, w.w, w.n, NULL, ev)
                    : groth16_prove_zkey(&out->proof, k->zkey, w.w, w.n, NULL, ev);
    if (!err)
        err = phase(ev, ZK_EV_END, "pipeline_prove");
    if (err == ZK_EINVAL)
        snprintf(rep->msg, sizeof rep->msg, "the proving key %.100s is for another circuit "
                 "(its witness length differs)", k->pk ? "in memory" : k->zkey);
    else if (err && !k->pk)
        snprintf(rep->msg, sizeof rep->msg, "%.120s: %.60s", k->zkey, zk_file_why(err));
    out->n_pub = m->layout.n_public;
    out->pub = err ? NULL : zk_alloc(out->n_pub, sizeof *out->pub);
    if (!err && !out->pub)
        err = ZK_ENOMEM;
    if (!err) {
        memcpy(out->pub, w.w + 1, out->n_pub * sizeof *out->pub);
        out->stmt = w.pub;
    }
    zkml_witness_free(&w);
    if (err) {
        zkml_proof_free(out);
        return err;
    }
    /* A proof the pinned key rejects is never handed out: it means the
     * witness breaks a constraint (found by checking every one) or the key
     * is not this circuit's. */
    bool ok = false;
    err = groth16_verify(&ok, &k->vk, out->pub, out->n_pub, &out->proof);
    if (!err && ok)
        return ZK_OK;
    zkml_witness w2;
    zk_err e2 = zkml_witness_for(&w2, m, image, true, NULL, rep);
    zkml_witness_free(&w2);
    if (e2 != ZK_EVERIFY)
        snprintf(rep->msg, sizeof rep->msg, "every constraint holds, yet the proof does not "
                 "verify under the key pinned in %.60s: not this circuit's key (remove it)",
                 k->dir);
    zkml_proof_free(out);
    return ZK_EVERIFY;
}

/* ---- verifying ----------------------------------------------------------- */

/* Whether the public parameters are qm's, the tensors of the layers the
 * circuit keeps (the last n of them). */
static bool params_match(const int64_t *got, size_t n, const nn_qmodel *qm)
{
    int k0 = ZKML_TENSORS;
    size_t total = 0;
    while (k0 > 0 && total < n)
        total += zkml_tensor_len(--k0);
    if (total != n)
        return false;
    size_t at = 0;
    for (int k = k0; k < ZKML_TENSORS; k++)
        for (size_t i = 0, len = zkml_tensor_len(k); i < len; i++)
            if (got[at++] != zkml_tensor_at(qm, k, i))
                return false;
    return true;
}

zk_err zkml_verify(zkml_verified *out, const groth16_vk *vk, const zkml_layout *L,
                   const fr_t *pub, size_t n_pub, const groth16_proof *proof,
                   const fr_t *expected_hash, const nn_qmodel *expected_params, char *why,
                   size_t why_len)
{
    memset(out, 0, sizeof *out);
    out->verdict = ZKML_INVALID;
    int64_t *params = NULL;
    if (L->has_params && expected_params && n_pub == L->n_public) {
        params = zk_alloc(L->n_params, sizeof *params);
        if (!params)
            return ZK_ENOMEM;
    }
    out->stmt.params = params;
    zk_err err = zkml_public_decode(&out->stmt, L, pub, n_pub, why, why_len);
    out->stmt.params = NULL;
    if (!err && vk->n_public != L->n_public) {
        snprintf(why, why_len, "the key has %zu public inputs where the circuit has %u: a key "
                 "for another circuit", vk->n_public, L->n_public);
        err = ZK_EINVAL;
    }
    char w160[160] = "";
    if (!err && (err = groth16_vk_check(vk, false, w160)))
        snprintf(why, why_len, "%s", w160);
    if (!err && (err = groth16_proof_check(proof)))
        snprintf(why, why_len, "a point of the proof is at infinity");
    bool ok = false;
    if (!err && (err = groth16_verify(&ok, vk, pub, n_pub, proof)))
        snprintf(why, why_len, "%s", zk_strerror(err));
    if (!err) {
        out->pairing = ok;
        if (L->has_hash && expected_hash) {
            out->model_checked = true;
            out->model_matches = fr_eq(&out->stmt.model_hash, expected_hash);
        } else if (params) {
            out->model_checked = true;
            out->model_matches = params_match(params, L->n_params, expected_params);
        }
        out->verdict = !ok                                       ? ZKML_INVALID
                       : out->model_checked && !out->model_matches ? ZKML_OTHER_MODEL
                                                                   : ZKML_VALID;
    }
    zk_free(params);
    return err;
}

/* ---- the forgery --------------------------------------------------------- */

zk_err zkml_forge_logits(nn_cnn *out, const nn_cnn *cnn, const nn_qparams *q,
                         const int64_t z[NN_CLASSES])
{
    const int l = NN_LAYERS - 1;
    int r = zkml_shift(q, l), A = q->acc_bits[l];
    for (int j = 0; j < NN_CLASSES; j++) {
        /* b_j = z_j·2^r must be an accumulator of fc2 (A bits, signed) and
         * z_j·2^(−out_exp) a binary32 exactly (24 bits of mantissa). */
        int64_t mag = z[j] < 0 ? -z[j] : z[j];
        if (r < 1 || A > 62 || mag >= ((int64_t)1 << 23) || (mag << r) >= ((int64_t)1 << (A - 1)))
            return ZK_EINVAL;
    }
    zk_err err = nn_cnn_init(out);
    if (err)
        return err;
    memcpy(out->p, cnn->p, NN_PARAMS * sizeof *out->p);
    const nn_layer_info *L = &nn_layers[l];
    for (size_t i = 0; i < L->weights; i++)
        out->p[L->weight_off + i] = 0;
    for (int j = 0; j < NN_CLASSES; j++)
        out->p[L->bias_off + (size_t)j] = ldexpf((float)z[j], -q->out_exp[l]);
    return ZK_OK;
}
