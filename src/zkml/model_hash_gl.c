/* The STARK's model commitment (model_hash_gl.h), computed natively. */
#include "zkml/model_hash_gl.h"

#include "core/alloc.h"
#include "core/hex.h"
#include "hash/poseidon_gl.h"
#include "zkml/tensors.h"

static size_t gl_tensor_elems(int k, int b)
{
    size_t s = zkml_gl_slots(b);
    return (zkml_tensor_len(k) + s - 1) / s;
}

zk_err zkml_hash_gl_elements(gl_t **elems, size_t *n, const zkml_settings *s,
                             const nn_qmodel *qm)
{
    *elems = NULL;
    *n = 0;
    if (s->params != ZKML_HASHED || s->salted || s->first_layer < 0 ||
        s->first_layer >= NN_LAYERS)
        return ZK_EINVAL;
    uint64_t head[ZKML_HEADER_MAX];
    size_t nh = zkml_hash_header(head, s, qm), total = nh;
    for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++) {
        int b = zkml_width_of(qm, k);
        if (b > 63)   /* a value no element holds (quant.h keeps biases below 2^62) */
            return ZK_EINVAL;
        total += gl_tensor_elems(k, b);
    }
    gl_t *e = zk_calloc(total, sizeof *e);
    if (!e)
        return ZK_ENOMEM;
    size_t at = 0;
    for (size_t i = 0; i < nh; i++)
        e[at++] = head[i];
    for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++) {
        int b = zkml_width_of(qm, k);
        size_t len = zkml_tensor_len(k), slots = zkml_gl_slots(b);
        for (size_t i = 0; i < len; i++) {
            /* u = v + 2^(b-1) at bits b·(i mod S) of element i / S; the
             * slots of an element fill at most 63 bits, so it stays < p. */
            uint64_t u = (uint64_t)zkml_tensor_at(qm, k, i) + ((uint64_t)1 << (b - 1));
            e[at + i / slots] |= u << (b * (int)(i % slots));
        }
        at += (len + slots - 1) / slots;
    }
    *elems = e;
    *n = total;
    return ZK_OK;
}

zk_err zkml_model_hash_gl(gl_t out[ZKML_GL_DIGEST], const zkml_settings *s,
                          const nn_qmodel *qm)
{
    gl_t *e;
    size_t n;
    zk_err err = zkml_hash_gl_elements(&e, &n, s, qm);
    if (err)
        return err;
    poseidon_gl_hash_no_pad(out, e, n);
    zk_free_secret(e, n, sizeof *e);
    return ZK_OK;
}

uint64_t zkml_gl_uses(int k)
{
    const nn_layer_info *L = &nn_layers[k / 2];
    return k % 2 == 0 ? (uint64_t)(L->macs / L->weights) : (uint64_t)(L->outputs / L->biases);
}

/* Element k's 8 bytes, most significant first, at b + 8k. */
void zkml_gl_digest_hex(char out[ZKML_GL_DIGEST_HEX + 1], const gl_t d[ZKML_GL_DIGEST])
{
    uint8_t b[8 * ZKML_GL_DIGEST];
    for (int k = 0; k < 8 * ZKML_GL_DIGEST; k++)
        b[k] = (uint8_t)(d[k / 8] >> (56 - 8 * (k % 8)));
    zk_hex_encode(out, b, sizeof b);
}

zk_err zkml_gl_digest_parse(gl_t d[ZKML_GL_DIGEST], const char *hex)
{
    uint8_t b[8 * ZKML_GL_DIGEST];
    if (zk_hex_decode_exact(b, sizeof b, hex))
        return ZK_EINVAL;
    for (int k = 0; k < ZKML_GL_DIGEST; k++) {
        uint64_t v = 0;
        for (int i = 0; i < 8; i++)
            v = v << 8 | b[8 * k + i];
        if (v >= GL_P)
            return ZK_EINVAL;
        d[k] = v;
    }
    return ZK_OK;
}
