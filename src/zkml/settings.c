/* zkml settings: names, the settings JSON, and what makes a circuit. */
#include <cJSON.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "nn/calibrate.h"
#include "zkml/zkml.h"

static const char *const vis_names[ZKML_VISIBILITIES] = {"hashed", "fixed", "public", "private"};

void zkml_settings_default(zkml_settings *s)
{
    *s = (zkml_settings){ZKML_HASHED, ZKML_PIXELS_PACKED, false, 0, false};
}

const char *zkml_visibility_name(zkml_visibility v)
{
    return (unsigned)v < ZKML_VISIBILITIES ? vis_names[v] : "?";
}

zk_err zkml_visibility_parse(zkml_visibility *v, const char *name)
{
    for (int i = 0; i < ZKML_VISIBILITIES; i++)
        if (strcmp(name, vis_names[i]) == 0) {
            *v = (zkml_visibility)i;
            return ZK_OK;
        }
    return ZK_EINVAL;
}

zk_err zkml_settings_parse(zkml_settings *s, nn_qparams *q, const char *json, char *why,
                           size_t why_len)
{
    zkml_settings_default(s);
    zk_err err = nn_settings_parse(q, json, why, why_len);
    if (err)
        return err;
    cJSON *root = zk_json_parse(json, strlen(json));
    if (!root) {
        snprintf(why, why_len, "not valid JSON");
        return ZK_EPARSE;
    }
    const cJSON *tensors = cJSON_GetObjectItemCaseSensitive(root, "tensors");
    for (int l = 0; l < NN_LAYERS && !err; l++) {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(tensors, nn_layers[l].name);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(t, "acc_bits_worst_case");
        if (!cJSON_IsNumber(v) || v->valuedouble != (int)v->valuedouble || v->valuedouble < 1 ||
            v->valuedouble > 62) {
            snprintf(why, why_len, "tensors.%s.acc_bits_worst_case must be an integer 1..62",
                     nn_layers[l].name);
            err = ZK_EFORMAT;
        } else {
            q->acc_bits[l] = (int)v->valuedouble;
        }
    }
    const cJSON *run = cJSON_GetObjectItemCaseSensitive(root, "run_args");
    const cJSON *vis = cJSON_GetObjectItemCaseSensitive(run, "param_visibility");
    if (!err && vis &&
        (!cJSON_IsString(vis) || zkml_visibility_parse(&s->params, vis->valuestring))) {
        snprintf(why, why_len,
                 "run_args.param_visibility must be hashed, fixed, public or private");
        err = ZK_EFORMAT;
    }
    const cJSON *pix = cJSON_GetObjectItemCaseSensitive(run, "pixel_layout");
    if (!err && pix) {
        if (cJSON_IsString(pix) && strcmp(pix->valuestring, "packed") == 0) {
            s->pixels = ZKML_PIXELS_PACKED;
        } else if (cJSON_IsString(pix) && strcmp(pix->valuestring, "each") == 0) {
            s->pixels = ZKML_PIXELS_EACH;
        } else {
            snprintf(why, why_len, "run_args.pixel_layout must be packed or each");
            err = ZK_EFORMAT;
        }
    }
    const cJSON *salted = cJSON_GetObjectItemCaseSensitive(run, "salted");
    if (!err && salted) {
        if (!cJSON_IsBool(salted)) {
            snprintf(why, why_len, "run_args.salted must be true or false");
            err = ZK_EFORMAT;
        } else {
            s->salted = cJSON_IsTrue(salted);
        }
    }
    cJSON_Delete(root);
    return err;
}

zk_err zkml_settings_check(const zkml_settings *s, const nn_qmodel *qm, char *why,
                           size_t why_len)
{
    char dummy[8];
    if (!why) {
        why = dummy;
        why_len = sizeof dummy;
    }
    if ((unsigned)s->params >= ZKML_VISIBILITIES || (s->pixels != ZKML_PIXELS_PACKED &&
                                                      s->pixels != ZKML_PIXELS_EACH)) {
        snprintf(why, why_len, "unknown visibility or pixel layout");
        return ZK_EINVAL;
    }
    if (s->first_layer < 0 || s->first_layer >= NN_LAYERS) {
        snprintf(why, why_len, "first_layer must be 0..%d", NN_LAYERS - 1);
        return ZK_EINVAL;
    }
    if (s->salted && s->params != ZKML_HASHED) {
        snprintf(why, why_len, "only a hashed model takes a salt");
        return ZK_EINVAL;
    }
    const nn_qparams *q = &qm->q;
    if (nn_qparams_check(q)) {
        snprintf(why, why_len, "an exponent or acc_bits is out of range");
        return ZK_EINVAL;
    }
    int worst[NN_LAYERS];
    nn_acc_bits_worst(worst, qm);
    for (int l = s->first_layer; l < NN_LAYERS; l++) {
        const char *name = nn_layers[l].name;
        int r = nn_qparams_layer_in(q, l) + q->w_exp[l] - q->out_exp[l];
        int A = q->acc_bits[l];
        if (r < 1) {
            snprintf(why, why_len, "%s: the rescale shift is %d; the circuit needs at least 1",
                     name, r);
            return ZK_EINVAL;
        }
        if (A < worst[l]) {
            snprintf(why, why_len,
                     "%s: acc_bits %d is below the worst case %d: some image would not prove",
                     name, A, worst[l]);
            return ZK_EINVAL;
        }
        if (A < r + 1) {
            snprintf(why, why_len, "%s: acc_bits %d is below the rescale shift %d + 1", name, A, r);
            return ZK_EINVAL;
        }
        if (q->act == NN_ACT_SQUARE && l < NN_LAYERS - 1 &&
            (q->out_exp[l] < 1 || 2 * (A - r + 1) > 62)) {
            snprintf(why, why_len,
                     "%s: a square needs out_exp >= 1 and a %d-bit rescaled value to square "
                     "within 62 bits (at most 31)",
                     name, A - r + 1);
            return ZK_EINVAL;
        }
    }
    return ZK_OK;
}
