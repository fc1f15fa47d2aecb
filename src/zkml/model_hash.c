/* The model hash, computed natively: the encoding of zkml/zkml.h. */
#include <string.h>

#include "core/alloc.h"
#include "hash/poseidon_bn254.h"
#include "zkml/builder.h"
#include "zkml/tensors.h"

size_t zkml_tensor_len(int k)
{
    const nn_layer_info *L = &nn_layers[k / 2];
    return k % 2 ? L->biases : L->weights;
}

int64_t zkml_tensor_at(const nn_qmodel *qm, int k, size_t i)
{
    const nn_layer_info *L = &nn_layers[k / 2];
    if (k % 2 == 0)
        return qm->w[L->weight_off + i];
    size_t b0 = 0;
    for (int l = 0; l < k / 2; l++)
        b0 += nn_layers[l].biases;
    return qm->bias[b0 + i];
}

/* Bits of a signed slot holding v. */
static int width(int64_t v)
{
    uint64_t m = v < 0 ? (uint64_t)(-(v + 1)) : (uint64_t)v;
    int b = 1;
    while (m) {
        b++;
        m >>= 1;
    }
    return b;
}

int zkml_width_of(const nn_qmodel *qm, int k)
{
    int b = 1;
    for (size_t i = 0, n = zkml_tensor_len(k); i < n; i++) {
        int w = width(zkml_tensor_at(qm, k, i));
        b = w > b ? w : b;
    }
    return b;
}

void zkml_slot_bits(int bits[ZKML_TENSORS], const nn_qmodel *qm)
{
    for (int k = 0; k < ZKML_TENSORS; k++)
        bits[k] = zkml_width_of(qm, k);
}

int zkml_shift(const nn_qparams *q, int l)
{
    return nn_qparams_layer_in(q, l) + q->w_exp[l] - q->out_exp[l];
}

int zkml_logit_bits(const nn_qparams *q)
{
    return q->acc_bits[NN_LAYERS - 1] - zkml_shift(q, NN_LAYERS - 1) + 1;
}

size_t zkml_hash_header(uint64_t out[ZKML_HEADER_MAX], const zkml_settings *s,
                        const nn_qmodel *qm)
{
    const nn_qparams *q = &qm->q;
    size_t n = 0;
    /* Format 1 is a ReLU model's, unchanged; another activation is format
     * 2 and names itself, so equal weights under x² hash differently. */
    bool relu = q->act == NN_ACT_RELU;
    out[n++] = relu ? 1 : 2;
    out[n++] = (uint64_t)s->first_layer;
    out[n++] = (uint64_t)(NN_LAYERS - s->first_layer);
    out[n++] = s->salted;
    if (!relu)
        out[n++] = (uint64_t)q->act;
    for (int l = s->first_layer; l < NN_LAYERS; l++) {
        out[n++] = nn_layers[l].fan_in;
        out[n++] = nn_layers[l].biases;
        out[n++] = (uint64_t)q->w_exp[l];
        out[n++] = (uint64_t)nn_qparams_layer_in(q, l);
        out[n++] = (uint64_t)q->out_exp[l];
        out[n++] = (uint64_t)q->acc_bits[l];
        out[n++] = (uint64_t)zkml_width_of(qm, 2 * l);
        out[n++] = (uint64_t)zkml_width_of(qm, 2 * l + 1);
    }
    return n;
}

zk_err zkml_hash_elements(fr_t **elems, size_t *n, fr_t *tag, const zkml_settings *s,
                          const nn_qmodel *qm, const fr_t *salt)
{
    *elems = NULL;
    *n = 0;
    if (s->params != ZKML_HASHED || s->salted != (salt != NULL) || s->first_layer < 0 ||
        s->first_layer >= NN_LAYERS)
        return ZK_EINVAL;
    uint64_t head[ZKML_HEADER_MAX];
    size_t nh = zkml_hash_header(head, s, qm), total = nh + (salt != NULL);
    for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++)
        total += zkml_tensor_elems(k, zkml_width_of(qm, k));
    fr_t *e = zk_calloc(total, sizeof *e);
    if (!e)
        return ZK_ENOMEM;
    size_t at = 0;
    for (size_t i = 0; i < nh; i++)
        fr_from_u64(&e[at++], head[i]);
    if (salt)
        e[at++] = *salt;
    for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++) {
        int b = zkml_width_of(qm, k);
        size_t len = zkml_tensor_len(k), S = zkml_slots(b);
        for (size_t i = 0; i < len; i++) {
            /* u = v + 2^(b−1) at bits b·(i mod S) of element i / S */
            uint64_t u = (uint64_t)zkml_tensor_at(qm, k, i) + ((uint64_t)1 << (b - 1));
            zc_add_shifted(&e[at + i / S], u, (unsigned)(b * (int)(i % S)));
        }
        at += (len + S - 1) / S;
    }
    fr_from_u64(tag, total);
    zc_add_shifted(tag, 1, 64);   /* 2^64 · version 1 + N */
    *elems = e;
    *n = total;
    return ZK_OK;
}

zk_err zkml_model_hash(fr_t *out, const zkml_settings *s, const nn_qmodel *qm, const fr_t *salt)
{
    fr_t *e, tag;
    size_t n;
    zk_err err = zkml_hash_elements(&e, &n, &tag, s, qm, salt);
    if (err)
        return err;
    fr_t st[17] = {0};
    st[0] = tag;
    for (size_t b = 0; b < n && !err; b += 16) {
        for (size_t i = 0; i < 16 && b + i < n; i++)
            fr_add(&st[1 + i], &st[1 + i], &e[b + i]);
        fr_t nx[17];
        err = poseidon_bn254_hash_ex(nx, 17, st + 1, 16, &st[0]);
        memcpy(st, nx, sizeof st);
    }
    *out = st[0];
    zk_free_secret(e, n, sizeof *e);
    return err;
}
