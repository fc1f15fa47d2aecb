/* The seed CNN proven with the STARK: the cnn AIR built from a quantized
 * model and a digit, proven into a proof file, and a proof file checked
 * against the model a verifier expects (zkml_stark.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "stark/air_cnn.h"
#include "zkml/zkml_stark.h"

/* stark/ keeps its own copy of the network's shape (it does not depend on
 * nn/); here both are in sight. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(AIR_CNN_C1, NN_C1) && SAME(AIR_CNN_C2, NN_C2) &&
                   SAME(AIR_CNN_FC_IN, NN_FC_IN) && SAME(AIR_CNN_HIDDEN, NN_FC_HIDDEN) &&
                   SAME(AIR_CNN_CLASSES, NN_CLASSES) && SAME(AIR_CNN_LAYERS, NN_LAYERS) &&
                   SAME(AIR_CNN_PIXELS, NN_PIXELS),
               "the CNN AIR's shape is nn/cnn.h's");
_Static_assert(SAME(AIR_CNN_OFF_CONV2_W, NN_OFF_CONV2_W) && SAME(AIR_CNN_OFF_FC1_W, NN_OFF_FC1_W) &&
                   SAME(AIR_CNN_OFF_FC2_B, NN_OFF_FC2_B) && SAME(AIR_CNN_PARAMS, NN_PARAMS),
               "the CNN AIR's parameter offsets are nn/cnn.h's");
#undef SAME

static double clock_s(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The AIR's shape parameters for qm: the input exponent, and per layer the
 * rescale shift r = in + w - out and the sign bits s = acc_bits - r, as
 * air_cnn_new packs them (a byte a layer, the first layer lowest). */
static void cnn_shape(air_cnn_input *in, uint64_t params[3], const nn_qmodel *qm)
{
    in->in_exp = (unsigned)qm->q.in_exp;
    params[0] = in->in_exp;
    params[1] = params[2] = 0;
    for (int l = 0; l < NN_LAYERS; l++) {
        int r = nn_qparams_layer_in(&qm->q, l) + qm->q.w_exp[l] - qm->q.out_exp[l];
        in->shift[l] = r > 0 ? (unsigned)r : 0;
        in->sign_bits[l] = qm->q.acc_bits[l] > r ? (unsigned)(qm->q.acc_bits[l] - r) : 0;
        params[1] |= (uint64_t)in->shift[l] << (8 * l);
        params[2] |= (uint64_t)in->sign_bits[l] << (8 * l);
    }
}

zk_err zkml_stark_air(stark_air *a, const zkml_settings *s, const nn_qmodel *qm,
                      const uint8_t img[NN_PIXELS], char *why, size_t why_len)
{
    if (qm->q.act != NN_ACT_RELU) {
        snprintf(why, why_len, "the STARK's CNN AIR proves ReLU networks (its max-pool comes "
                               "before the activation); this model is %s",
                 nn_activation_name(qm->q.act));
        return ZK_EINVAL;
    }
    /* The statement names the model by its Goldilocks commitment, hashed
     * under the header the verifier sees. */
    uint64_t head[ZKML_HEADER_MAX];
    gl_t digest[ZKML_GL_DIGEST];
    size_t nh = zkml_hash_header(head, s, qm);
    if (s->first_layer != 0 || zkml_model_hash_gl(digest, s, qm) != ZK_OK) {
        snprintf(why, why_len, "the STARK's statement names the whole model by its digest: the "
                               "settings must hash every layer's weights, unsalted");
        return ZK_EINVAL;
    }
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    if (!tr)
        return ZK_ENOMEM;
    int pred;
    nn_qoverflow ov;
    zk_err err = nn_qinfer(qm, img, tr, &pred, &ov);
    if (err) {
        snprintf(why, why_len, "the quantized network overflows on this image (%s of layer %d)",
                 ov.what ? ov.what : "?", ov.layer + 1);
    } else {
        air_cnn_input in = {.pixels = img, .logits = tr->z, .weights = qm->w,
                            .biases = qm->bias, .digest = digest, .header = head,
                            .n_header = nh};
        uint64_t params[3];
        cnn_shape(&in, params, qm);
        if ((err = air_cnn_new(a, &in)) == ZK_EINVAL)
            snprintf(why, why_len, "the model's quantization does not fit the CNN AIR");
        else if (err)
            snprintf(why, why_len, "%s", zk_strerror(err));
    }
    /* The activations follow from the private weights. */
    zk_free_secret(tr, 1, sizeof *tr);
    return err;
}

bool zkml_stark_digest(gl_t d[ZKML_GL_DIGEST], const stark_air *a)
{
    memset(d, 0, ZKML_GL_DIGEST * sizeof *d);
    if (strcmp(a->name, "cnn") != 0 || a->n_pub != AIR_CNN_PUB)
        return false;
    air_cnn_digest(a, d);
    return true;
}

static void figures_of(zkml_stark_figures *f, const stark_air *a)
{
    f->rows = a->n_rows;
    f->columns = a->n_main + a->n_fixed + 2 * a->n_aux;
}

/* The statement: class, logits and pixels as the Groth16 side's, and the
 * digest. */
static void statement_of(zkml_stark_statement *st, const stark_air *a)
{
    zkml_public *p = &st->pub;
    memset(st, 0, sizeof *st);
    st->has_digest = zkml_stark_digest(st->digest, a);
    int64_t z[AIR_CNN_CLASSES];
    p->cls = air_cnn_logits(a, z);
    memcpy(p->logits, z, sizeof z);
    p->has_pixels = true;
    for (int i = 0; i < NN_PIXELS; i++)
        p->pixels[i] = (uint8_t)a->pub[i];
}

zk_err zkml_stark_prove(uint8_t **buf, size_t *len, zkml_stark_statement *st,
                        zkml_stark_figures *f,
                        const zkml_model *m, const uint8_t img[NN_PIXELS], const zk_events *ev,
                        char *why, size_t why_len)
{
    memset(f, 0, sizeof *f);
    stark_air a;
    zk_err err = zkml_stark_air(&a, &m->s, m->qm, img, why, why_len);
    if (err)
        return err;
    stark_options o;
    stark_options_default(&o);
    /* `stark prove`'s promise: the defaults, raised until the default
     * verifier accepts the proof. */
    if ((err = stark_options_fit(&o, &a, STARK_MIN_BITS_DEFAULT))) {
        snprintf(why, why_len, "no proof options reach %u bits for this trace",
                 STARK_MIN_BITS_DEFAULT);
        stark_air_free(&a);
        return err;
    }
    stark_layout l;
    const char *lw = NULL;
    if ((err = stark_layout_make(&l, &a, &o, &lw))) {
        snprintf(why, why_len, "%s", lw ? lw : zk_strerror(err));
        stark_air_free(&a);
        return err;
    }
    stark_security_of(&f->sec, &l, &o);
    figures_of(f, &a);
    statement_of(st, &a);
    stark_proof p;
    stark_check_report rep;
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    err = zk_emit(ev, ZK_EV_BEGIN, "pipeline_prove", 0, 1, NULL);
    if (!err)
        err = stark_prove(&p, &a, &o, NULL, ev, &rep);
    if (!err)
        zk_emit(ev, ZK_EV_END, "pipeline_prove", 1, 1, NULL);
    f->seconds = clock_s(CLOCK_MONOTONIC) - t0;
    f->cpu_seconds = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (err == ZK_ETRACE) {
        snprintf(why, why_len, "the trace fails constraint %zu (%s) at row %zu", rep.constraint,
                 a.cons[rep.constraint].name, rep.row);
    } else if (err) {
        snprintf(why, why_len, "proving failed: %s", zk_strerror(err));
    } else {
        err = stark_proof_encode(&p, &a, buf, len);
        stark_proof_free(&p);
        f->bytes = err ? 0 : *len;
    }
    stark_air_free(&a);
    return err;
}

bool zkml_stark_is_proof(const uint8_t *buf, size_t len)
{
    static const uint8_t magic[8] = {'Z', 'K', 'S', 'T', 'A', 'R', 'K', 0};
    return len >= sizeof magic && memcmp(buf, magic, sizeof magic) == 0;
}

zk_err zkml_stark_verify(zkml_stark_verified *r, const uint8_t *buf, size_t len,
                         const zkml_model *m, const gl_t *expected, unsigned min_bits, char *why,
                         size_t why_len)
{
    memset(r, 0, sizeof *r);
    why[0] = 0;
    if (!zkml_stark_is_proof(buf, len)) {
        snprintf(why, why_len, "not a zkcave STARK proof");
        return ZK_EFORMAT;
    }
    char name[STARK_AIR_NAME_MAX];
    stark_open_stage stage;
    stark_air a;
    stark_proof p;
    zk_err err = stark_proof_open(&a, &p, name, &stage, buf, len);
    if (!err && strcmp(a.name, "cnn") != 0) {
        /* Built-in names only (stark_air_from_statement knows no other). */
        snprintf(why, why_len, "a STARK proof of the AIR %s, not of the CNN", a.name);
        stark_proof_free(&p);
        stark_air_free(&a);
        return ZK_EFORMAT;
    }
    if (err) {
        snprintf(why, why_len, "%s",
                 stage == STARK_OPEN_STATEMENT ? "not a zkcave STARK proof (its statement does "
                                                 "not parse)"
                 : stage == STARK_OPEN_AIR     ? "its statement names no AIR this verifier has"
                                               : "a malformed STARK proof");
        return ZK_EFORMAT;
    }
    const char *vw = NULL;
    if ((err = stark_proof_security(&r->fig.sec, &p, &a, &vw))) {
        snprintf(why, why_len, "a malformed STARK proof (%s)", vw ? vw : zk_strerror(err));
        goto out;
    }
    figures_of(&r->fig, &a);
    r->fig.bytes = len;
    statement_of(&r->st, &a);
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    err = stark_verify(&p, &a, min_bits, &vw);
    r->fig.seconds = clock_s(CLOCK_MONOTONIC) - t0;
    r->fig.cpu_seconds = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (err == ZK_EVERIFY) {
        r->verdict = r->fig.sec.conjectured < min_bits ? ZKML_STARK_WEAK : ZKML_STARK_INVALID;
        snprintf(why, why_len, "%s", vw ? vw : "the verifier refused it");
        err = ZK_OK;
        goto out;
    }
    if (err) {
        snprintf(why, why_len, "%s%s%s", zk_strerror(err), vw ? ": " : "", vw ? vw : "");
        goto out;
    }
    /* Valid: now whether it is about the model expected: its digest first
     * (a statement without one matches no digest asked for), then its
     * quantization (the AIR's shape parameters). */
    r->verdict = ZKML_STARK_VALID;
    gl_t d[ZKML_GL_DIGEST];
    const gl_t *want_d = expected;
    if (!want_d && r->st.has_digest) {
        if ((err = zkml_model_hash_gl(d, &m->s, m->qm))) {
            snprintf(why, why_len, "the settings hash no model to compare (hashed, unsalted "
                                   "weights only)");
            goto out;
        }
        want_d = d;
    }
    char got[ZKML_GL_DIGEST_HEX + 1], want[ZKML_GL_DIGEST_HEX + 1];
    if (r->st.has_digest && memcmp(want_d, r->st.digest, sizeof d) != 0) {
        r->verdict = ZKML_STARK_OTHER_MODEL;
        zkml_gl_digest_hex(got, r->st.digest);
        zkml_gl_digest_hex(want, want_d);
        snprintf(why, why_len, "its model digest is %s, the model expected has %s", got, want);
    } else if (!r->st.has_digest && expected) {
        r->verdict = ZKML_STARK_OTHER_MODEL;
        snprintf(why, why_len, "it carries no model digest to compare");
    }
    air_cnn_input in;
    uint64_t shape[3];
    cnn_shape(&in, shape, m->qm);
    r->quant_matches = a.n_params == 3 && memcmp(a.params, shape, sizeof shape) == 0;
    if (r->verdict == ZKML_STARK_VALID && !r->quant_matches) {
        r->verdict = ZKML_STARK_OTHER_MODEL;
        snprintf(why, why_len, "its quantization (shifts and widths) is not the model's");
    }
out:
    stark_proof_free(&p);
    stark_air_free(&a);
    return err;
}
