#include "nn/calibrate.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/json.h"
#include "nn/quant_eval.h"
#include "nn/train.h"

void nn_calib_opts_default(nn_calib_opts *o)
{
    o->min_exp = 4;
    o->max_exp = 16;
    o->tolerance = 0.1;
    o->headroom_bits = 2;
}

int nn_signed_bits(uint64_t v)
{
    int bits = 1;
    while (v) {
        bits++;
        v >>= 1;
    }
    return bits;
}

static double abs_max(const float *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fabs(v[i]) > m ? fabs(v[i]) : m;
    return m;
}

void nn_qparams_for_scale(nn_qparams *q, const nn_cnn *m, int s)
{
    nn_qparams_uniform(q, s);
    q->act = m->act;
    for (int l = 0; l < NN_LAYERS; l++) {
        double wmax = abs_max(m->p + nn_layers[l].weight_off, nn_layers[l].weights);
        int e = s;
        while (e < NN_QEXP_MAX && wmax > 0 && llround(ldexp(wmax, e + 1)) < ((int64_t)1 << s))
            e++;
        q->w_exp[l] = e;
    }
}

void nn_acc_bits_worst(int bits[NN_LAYERS], const nn_qmodel *qm)
{
    double x = ldexp(1, qm->q.in_exp);   /* pixel 255 → exactly 2^in_exp */
    for (int l = 0; l < NN_LAYERS; l++) {
        double bound = (double)qm->row_abs_max[l] * x + (double)qm->bias_abs_max[l];
        bits[l] = bound >= 0x1p62 ? 64 : nn_signed_bits((uint64_t)bound);
        int r = nn_qparams_layer_in(&qm->q, l) + qm->q.w_exp[l] - qm->q.out_exp[l];
        x = ceil(ldexp(bound, -r)) + 1;
        /* a square takes |y| <= x to at most x² / 2^out, rounded up */
        if (qm->q.act == NN_ACT_SQUARE && l < NN_LAYERS - 1)
            x = ceil(ldexp(x * x, -qm->q.out_exp[l])) + 1;
    }
}

zk_err nn_calibrate(nn_calibration *c, const nn_cnn *m, const nn_dataset *sample, size_t n,
                    const nn_calib_opts *o, const zk_events *ev)
{
    memset(c, 0, sizeof *c);
    if (n == 0 || n > sample->n)
        n = sample->n;
    if (o->min_exp < NN_QEXP_MIN || o->max_exp > NN_QEXP_MAX || o->min_exp > o->max_exp ||
        o->headroom_bits < 0 || o->headroom_bits > 16 || !(o->tolerance >= 0))
        return ZK_EINVAL;
    float *logits = zk_alloc(n * NN_CLASSES, sizeof *logits);
    if (!logits)
        return ZK_ENOMEM;
    size_t right;
    zk_err err = nn_evaluate(m, sample, n, NULL, logits, &right);
    c->samples = n;
    c->float_accuracy = 100.0 * (double)right / (double)n;
    for (int l = 0; l < NN_LAYERS; l++)
        c->w_abs_max[l] = abs_max(m->p + nn_layers[l].weight_off, nn_layers[l].weights);
    unsigned total = (unsigned)(o->max_exp - o->min_exp + 1);
    if (!err)
        err = zk_emit(ev, ZK_EV_BEGIN, "calibrate", 0, total, NULL);
    nn_qeval chosen_eval;
    bool found = false;
    for (int s = o->min_exp; s <= o->max_exp && !err && !found; s++) {
        nn_qparams q;
        nn_qparams_for_scale(&q, m, s);
        nn_qmodel *qm;
        nn_qeval e;
        err = nn_qmodel_init(&qm, m, &q);
        if (!err)
            err = nn_qevaluate(&e, qm, sample, n, logits);
        nn_qmodel_free(qm);
        if (err)
            break;
        nn_calib_try *t = &c->tried[c->ntried++];
        t->scale = s;
        t->accuracy = 100.0 * (double)e.correct / (double)n;
        t->agreement = 100.0 * (double)e.agree / (double)n;
        t->max_logit_err = e.max_logit_err;
        t->overflows = e.overflows;
        found = t->accuracy >= c->float_accuracy - o->tolerance &&
                t->agreement >= 100.0 - o->tolerance && !e.overflows;
        if (found || s == o->max_exp) {
            c->q = q;
            c->scale = s;
            c->chosen = *t;
            chosen_eval = e;
        }
        err = zk_emit(ev, ZK_EV_PROGRESS, "calibrate", (uint64_t)(s - o->min_exp + 1), total,
                      NULL);
    }
    zk_free(logits);
    if (err)
        return err;
    c->met = found;
    nn_qmodel *qm;
    if ((err = nn_qmodel_init(&qm, m, &c->q)))
        return err;
    nn_acc_bits_worst(c->acc_bits_worst, qm);
    nn_qmodel_free(qm);
    for (int l = 0; l < NN_LAYERS; l++) {
        c->acc_max[l] = chosen_eval.acc_max[l];
        c->acc_bits_observed[l] = nn_signed_bits((uint64_t)c->acc_max[l]);
        int bits = c->acc_bits_observed[l] + o->headroom_bits;
        c->q.acc_bits[l] = bits < c->acc_bits_worst[l] ? bits : c->acc_bits_worst[l];
        if (c->q.acc_bits[l] > 62)
            c->q.acc_bits[l] = 62;
    }
    zk_emit(ev, ZK_EV_END, "calibrate", total, total, NULL);
    return ZK_OK;
}

static void add_layer(cJSON *tensors, const nn_calibration *c, int l)
{
    const nn_qparams *q = &c->q;
    int in = nn_qparams_layer_in(q, l);
    cJSON *t = cJSON_AddObjectToObject(tensors, nn_layers[l].name);
    cJSON_AddStringToObject(t, "shape", nn_layers[l].shape);
    cJSON_AddNumberToObject(t, "weight_exp", q->w_exp[l]);
    cJSON_AddNumberToObject(t, "weight_abs_max", c->w_abs_max[l]);
    cJSON_AddNumberToObject(t, "bias_exp", in + q->w_exp[l]);
    cJSON_AddNumberToObject(t, "input_exp", in);
    cJSON_AddNumberToObject(t, "output_exp", q->out_exp[l]);
    cJSON_AddNumberToObject(t, "rescale_shift", in + q->w_exp[l] - q->out_exp[l]);
    cJSON_AddNumberToObject(t, "acc_bits", q->acc_bits[l]);
    cJSON_AddNumberToObject(t, "acc_abs_max_observed", (double)c->acc_max[l]);
    cJSON_AddNumberToObject(t, "acc_bits_observed", c->acc_bits_observed[l]);
    cJSON_AddNumberToObject(t, "acc_bits_worst_case", c->acc_bits_worst[l]);
    cJSON_AddStringToObject(t, "activation",
                            l < NN_LAYERS - 1 ? nn_activation_name(q->act) : "none");
}

char *nn_settings_json(const nn_calibration *c, const uint8_t model_hash[32],
                       const char *sample_source)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON *run = cJSON_AddObjectToObject(root, "run_args");
    cJSON_AddNumberToObject(run, "input_scale", c->q.in_exp);
    cJSON_AddNumberToObject(run, "param_scale", c->scale);
    cJSON_AddNumberToObject(run, "scale_rebase_multiplier", 1);
    /* What zkml/zkml.h proves by default: the image and the logits public,
     * the weights private behind the model hash. */
    cJSON_AddStringToObject(run, "input_visibility", "public");
    cJSON_AddStringToObject(run, "output_visibility", "public");
    cJSON_AddStringToObject(run, "param_visibility", "hashed");
    cJSON_AddStringToObject(run, "pixel_layout", "packed");
    cJSON_AddStringToObject(run, "rounding", "half_up");
    cJSON_AddStringToObject(run, "weight_rounding", "half_away_from_zero");
    cJSON *model = cJSON_AddObjectToObject(root, "model");
    cJSON_AddStringToObject(model, "name", "seed-cnn");
    cJSON_AddNumberToObject(model, "params", NN_PARAMS);
    char hex[65] = "";
    for (int i = 0; model_hash && i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", model_hash[i]);
    cJSON_AddStringToObject(model, "blake2b", hex);
    cJSON *tensors = cJSON_AddObjectToObject(root, "tensors");
    cJSON *input = cJSON_AddObjectToObject(tensors, "input");
    cJSON_AddNumberToObject(input, "exp", c->q.in_exp);
    cJSON_AddStringToObject(input, "rule", "floor((p * 2^(exp+1) + 255) / 510)");
    for (int l = 0; l < NN_LAYERS; l++)
        add_layer(tensors, c, l);
    cJSON *cal = cJSON_AddObjectToObject(root, "calibration");
    cJSON_AddStringToObject(cal, "target", "accuracy");
    cJSON_AddStringToObject(cal, "sample", sample_source ? sample_source : "");
    cJSON_AddNumberToObject(cal, "samples", (double)c->samples);
    cJSON_AddBoolToObject(cal, "tolerance_met", c->met);
    cJSON_AddNumberToObject(cal, "float_accuracy", c->float_accuracy);
    cJSON_AddNumberToObject(cal, "quantized_accuracy", c->chosen.accuracy);
    cJSON_AddNumberToObject(cal, "agreement", c->chosen.agreement);
    cJSON_AddNumberToObject(cal, "max_logit_error", c->chosen.max_logit_err);
    cJSON *tried = cJSON_AddArrayToObject(cal, "tried");
    for (size_t i = 0; i < c->ntried; i++) {
        cJSON *t = cJSON_CreateObject();
        cJSON_AddNumberToObject(t, "scale", c->tried[i].scale);
        cJSON_AddNumberToObject(t, "accuracy", c->tried[i].accuracy);
        cJSON_AddNumberToObject(t, "agreement", c->tried[i].agreement);
        cJSON_AddNumberToObject(t, "max_logit_error", c->tried[i].max_logit_err);
        cJSON_AddNumberToObject(t, "overflows", (double)c->tried[i].overflows);
        cJSON_AddItemToArray(tried, t);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return NULL;
    char *copy = zk_strdup(text);
    free(text);
    return copy;
}

/* An integer field of obj, or false. */
static bool get_int(const cJSON *obj, const char *key, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        fabs(v->valuedouble) > 1000)
        return false;
    *out = (int)v->valuedouble;
    return true;
}

zk_err nn_settings_parse(nn_qparams *q, const char *json, char *why, size_t why_len)
{
    memset(q, 0, sizeof *q);
    cJSON *root = zk_json_parse(json, strlen(json));
    if (!root) {
        snprintf(why, why_len, "not valid JSON");
        return ZK_EPARSE;
    }
    zk_err err = ZK_OK;
    const cJSON *tensors = cJSON_GetObjectItemCaseSensitive(root, "tensors");
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(tensors, "input");
    if (!get_int(input, "exp", &q->in_exp)) {
        snprintf(why, why_len, "no tensors.input.exp");
        err = ZK_EFORMAT;
    }
    for (int l = 0; l < NN_LAYERS && !err; l++) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(tensors, nn_layers[l].name);
        /* The hidden layers' activation: absent (older settings) is ReLU;
         * all three the same, since the model has one. */
        const cJSON *act = cJSON_GetObjectItemCaseSensitive(t, "activation");
        nn_activation a = l == 0 ? NN_ACT_RELU : q->act;
        if (l < NN_LAYERS - 1 && act &&
            (!cJSON_IsString(act) || nn_activation_parse(&a, act->valuestring) ||
             (l > 0 && a != q->act))) {
            snprintf(why, why_len, "tensors.%s.activation must be relu or square, as in conv1",
                     nn_layers[l].name);
            err = ZK_EFORMAT;
            break;
        }
        if (l < NN_LAYERS - 1)
            q->act = a;
        if (!get_int(t, "weight_exp", &q->w_exp[l]) ||
            !get_int(t, "output_exp", &q->out_exp[l]) ||
            !get_int(t, "acc_bits", &q->acc_bits[l])) {
            snprintf(why, why_len, "tensors.%s needs integer weight_exp, output_exp and acc_bits",
                     nn_layers[l].name);
            err = ZK_EFORMAT;
        }
    }
    if (!err && nn_qparams_check(q) != ZK_OK) {
        snprintf(why, why_len, "an exponent is outside %d..%d or an acc_bits outside 0..62",
                 NN_QEXP_MIN, NN_QEXP_MAX);
        err = ZK_EFORMAT;
    }
    cJSON_Delete(root);
    return err;
}
