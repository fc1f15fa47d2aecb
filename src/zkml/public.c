/* The public signals: the one place that writes and reads their order
 * (zkml/zkml.h says what it is). */
#include <stdio.h>
#include <string.h>

#include "zkml/builder.h"
#include "zkml/tensors.h"

enum { PIXELS_PER_ELEM = 31 };

zk_err zkml_layout_init(zkml_layout *L, const zkml_settings *s, const nn_qparams *q)
{
    memset(L, 0, sizeof *L);
    if (s->first_layer < 0 || s->first_layer >= NN_LAYERS)
        return ZK_EINVAL;
    int K = zkml_logit_bits(q);
    if (K < 1 || K > 252)
        return ZK_EINVAL;
    L->logit_bits = K;
    L->logits_per_elem = (int)zkml_slots(K);
    L->n_logit_elems = (uint32_t)((NN_CLASSES + L->logits_per_elem - 1) / L->logits_per_elem);
    uint32_t at = 0;
    L->cls = at++;
    L->logits = at;
    at += L->n_logit_elems;
    L->has_hash = s->params == ZKML_HASHED;
    if (L->has_hash)
        L->hash = at++;
    L->n_pub_out = at;
    L->pixels = s->pixels;
    L->has_pixels = s->first_layer == 0;
    if (L->has_pixels) {
        L->pixel_elems = at;
        L->n_pixel_elems = s->pixels == ZKML_PIXELS_PACKED
                               ? (NN_PIXELS + PIXELS_PER_ELEM - 1) / PIXELS_PER_ELEM
                               : NN_PIXELS;
        at += L->n_pixel_elems;
    }
    L->has_params = s->params == ZKML_PUBLIC;
    if (L->has_params) {
        L->params = at;
        for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++)
            L->n_params += (uint32_t)zkml_tensor_len(k);
        at += L->n_params;
    }
    L->n_public = at;
    L->n_pub_in = at - L->n_pub_out;
    return ZK_OK;
}

/* Bits [at, at + n) of a 256-bit integer, n <= 63. */
static uint64_t bits_at(const uint64_t x[4], unsigned at, unsigned n)
{
    uint64_t v = x[at / 64] >> (at % 64);
    if (at % 64 && at / 64 < 3)
        v |= x[at / 64 + 1] << (64 - at % 64);
    return v & (((uint64_t)1 << n) - 1);
}

/* Whether x < 2^n. */
static bool below_pow2(const uint64_t x[4], unsigned n)
{
    for (unsigned i = 0; i < 4; i++) {
        unsigned lo = 64 * i;
        if (lo >= n) {
            if (x[i])
                return false;
        } else if (n - lo < 64 && (x[i] >> (n - lo))) {
            return false;
        }
    }
    return true;
}

zk_err zkml_public_encode(fr_t *pub, const zkml_layout *L, const zkml_public *p)
{
    if (p->cls < 0 || p->cls >= NN_CLASSES)
        return ZK_EINVAL;
    for (uint32_t i = 0; i < L->n_public; i++)
        fr_zero(&pub[i]);
    fr_from_u64(&pub[L->cls], (uint64_t)p->cls);
    int K = L->logit_bits;
    int64_t half = (int64_t)1 << (K - 1);
    for (int k = 0; k < NN_CLASSES; k++) {
        if (p->logits[k] < -half || p->logits[k] >= half)
            return ZK_EINVAL;
        zc_add_shifted(&pub[L->logits + (uint32_t)(k / L->logits_per_elem)],
                    (uint64_t)(p->logits[k] + half), (unsigned)(K * (k % L->logits_per_elem)));
    }
    if (L->has_hash)
        pub[L->hash] = p->model_hash;
    if (L->has_pixels)
        for (int i = 0; i < NN_PIXELS; i++) {
            if (L->pixels == ZKML_PIXELS_PACKED)
                zc_add_shifted(&pub[L->pixel_elems + (uint32_t)(i / PIXELS_PER_ELEM)],
                            p->pixels[i], (unsigned)(8 * (i % PIXELS_PER_ELEM)));
            else
                fr_from_u64(&pub[L->pixel_elems + (uint32_t)i], p->pixels[i]);
        }
    if (L->has_params && p->params)
        for (uint32_t i = 0; i < L->n_params; i++)
            zc_fr_from_i64(&pub[L->params + i], p->params[i]);
    return ZK_OK;
}

static zk_err bad(char *why, size_t why_len, const char *what, uint32_t index)
{
    if (why)
        snprintf(why, why_len, "public signal %u (%s) is out of range", index + 1, what);
    return ZK_EFORMAT;
}

zk_err zkml_public_decode(zkml_public *p, const zkml_layout *L, const fr_t *pub, size_t n,
                          char *why, size_t why_len)
{
    int64_t *params = p->params;
    memset(p, 0, sizeof *p);
    p->params = params;
    if (n != L->n_public) {
        if (why)
            snprintf(why, why_len, "%zu public signals where this circuit has %u", n,
                     L->n_public);
        return ZK_EFORMAT;
    }
    uint64_t x[4];
    fr_to_int(x, &pub[L->cls]);
    if (!below_pow2(x, 4) || x[0] >= NN_CLASSES)
        return bad(why, why_len, "class", L->cls);
    p->cls = (int)x[0];
    unsigned K = (unsigned)L->logit_bits;
    int64_t half = (int64_t)1 << (K - 1);
    for (uint32_t e = 0; e < L->n_logit_elems; e++) {
        fr_to_int(x, &pub[L->logits + e]);
        unsigned slots = (unsigned)L->logits_per_elem;
        if (e == L->n_logit_elems - 1 && NN_CLASSES % slots)
            slots = NN_CLASSES % slots;
        if (!below_pow2(x, K * slots))
            return bad(why, why_len, "logits", L->logits + e);
        for (unsigned j = 0; j < slots; j++)
            p->logits[e * (unsigned)L->logits_per_elem + j] =
                (int64_t)bits_at(x, K * j, K) - half;
    }
    int best = 0;
    for (int k = 1; k < NN_CLASSES; k++)
        if (p->logits[k] > p->logits[best])
            best = k;
    if (best != p->cls) {
        if (why)
            snprintf(why, why_len, "the class %d is not the first largest logit (%d)", p->cls,
                     best);
        return ZK_EFORMAT;
    }
    p->has_hash = L->has_hash;
    if (L->has_hash)
        p->model_hash = pub[L->hash];
    p->has_pixels = L->has_pixels;
    for (uint32_t e = 0; L->has_pixels && e < L->n_pixel_elems; e++) {
        fr_to_int(x, &pub[L->pixel_elems + e]);
        unsigned count = L->pixels == ZKML_PIXELS_PACKED ? PIXELS_PER_ELEM : 1;
        if (L->pixels == ZKML_PIXELS_PACKED && e == L->n_pixel_elems - 1)
            count = NN_PIXELS - e * PIXELS_PER_ELEM;
        if (!below_pow2(x, 8 * count))
            return bad(why, why_len, "pixels", L->pixel_elems + e);
        uint32_t first = L->pixels == ZKML_PIXELS_PACKED ? e * PIXELS_PER_ELEM : e;
        for (unsigned j = 0; j < count; j++)
            p->pixels[first + j] = (uint8_t)bits_at(x, 8 * j, 8);
    }
    for (uint32_t i = 0; L->has_params && p->params && i < L->n_params; i++) {
        fr_t neg;
        fr_neg(&neg, &pub[L->params + i]);
        fr_to_int(x, &pub[L->params + i]);
        if (below_pow2(x, 63)) {
            p->params[i] = (int64_t)x[0];
            continue;
        }
        fr_to_int(x, &neg);
        if (!below_pow2(x, 63))
            return bad(why, why_len, "parameter", L->params + i);
        p->params[i] = -(int64_t)x[0];
    }
    return ZK_OK;
}
