/* The seed CNN assembled from the gadgets: one pass that counts, builds,
 * computes the witness or checks it, depending on the builder (zkml/builder.h).
 *
 * Wires, in the order of the .r1cs file: w_0 = 1; the public outputs (class,
 * packed logits, model hash); the public inputs (pixels, public parameters);
 * the private inputs (the salt and the packed parameter elements when
 * hashed, the raw parameters when private; then, in a reduced model, the
 * input activations); then every internal wire, layer by layer.
 *
 * Per pooled output of a conv layer the order is: the four accumulators'
 * products, the max-of-four, the rescale, the ReLU (a square model: the
 * four rescales, the max-of-four of their |q|, the square and its rescale);
 * so at most four accumulators are held at a time and the circuit streams
 * into the store. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "zkml/gadget.h"
#include "zkml/tensors.h"

typedef struct net {
    zc *c;
    const zkml_settings *s;
    const nn_qmodel *qm;
    const nn_qtrace *tr;          /* values: the reference */
    const uint8_t *image;
    const fr_t *salt;
    zkml_layout L;
    int slot[ZKML_TENSORS];
    zv *param[ZKML_TENSORS];
    zv *act, *next;               /* a layer's input and output */
    zv *wbuf, *xbuf;
    zg_elem *elems;               /* hashed: what the sponge absorbs */
    size_t n_elems;
    r1cs_lc acc[4], one;
    zv z[NN_CLASSES];
    uint32_t w_prv;
    zkml_report *rep;
    const zk_events *ev;
    const char *phase;
} net;

static const zkml_row layer_row[NN_LAYERS] = {ZKML_ROW_CONV1, ZKML_ROW_CONV2, ZKML_ROW_FC1,
                                              ZKML_ROW_FC2};

/* A difference from nn_qinfer: ZK_EVERIFY with the stage and index. */
static void compare(net *n, const char *stage, size_t index, int64_t circuit, int64_t reference)
{
    zc *c = n->c;
    if (!n->tr || c->err || circuit == reference)
        return;
    c->err = ZK_EVERIFY;
    if (n->rep) {
        n->rep->mismatch = true;
        n->rep->stage = stage;
        n->rep->index = index;
        n->rep->circuit = circuit;
        n->rep->reference = reference;
        snprintf(n->rep->msg, sizeof n->rep->msg,
                 "%s[%zu]: the circuit computes %lld where nn_qinfer has %lld", stage, index,
                 (long long)circuit, (long long)reference);
    }
}

/* A value with bits made a wire (one linear constraint), for a parameter
 * that many products read. */
static zv to_wire(zc *c, const zv *v)
{
    if (v->kind == ZV_CONST || v->kind == ZV_WIRE)
        return *v;
    uint32_t w = zc_wires(c, 1);
    zc_set_i64(c, w, v->value);
    if (c->lcs) {
        r1cs_lc *d = &c->t[2];
        r1cs_lc_clear(d);
        zl_i64(c, d, w, 1);
        zl_zv_i64(c, d, v, -1);
        zc_add(c, NULL, NULL, d);
    }
    return zv_wire(w, v->value);
}

/* The parameters as values of the circuit, by visibility. */
static void params(net *n)
{
    zc *c = n->c;
    uint32_t pub = 1 + n->L.params, prv = n->w_prv;
    if (n->s->salted) {
        n->elems[n->n_elems++] = (zg_elem){prv, n->salt ? *n->salt : (fr_t){{0}}};
        zc_set(c, prv, &n->elems[n->n_elems - 1].value);
        prv++;
    }
    for (int k = 2 * n->s->first_layer; k < ZKML_TENSORS && !c->err; k++) {
        int l = k / 2, b = n->slot[k];
        size_t len = zkml_tensor_len(k), S = zkml_slots(b);
        zkml_row row = layer_row[l];
        /* conv parameters are read by hundreds of products: a wire each */
        bool reused = l < 2;
        for (size_t i = 0; i < len && !c->err; i++) {
            int64_t v = zkml_tensor_at(n->qm, k, i);
            zv *p = &n->param[k][i];
            switch (n->s->params) {
            case ZKML_FIXED:
                *p = zv_const(v);
                break;
            case ZKML_PUBLIC:
                *p = zv_wire(pub, v);
                zc_set_i64(c, pub++, v);
                break;
            case ZKML_PRIVATE:
                *p = zv_wire(prv, v);
                zc_set_i64(c, prv++, v);
                break;
            case ZKML_HASHED:
            case ZKML_VISIBILITIES:
                zc_at(c, row, ZKML_OP_WEIGHTS, i, "weight slot");
                *p = (zv){ZV_SBITS, (uint8_t)b,
                          zg_bits(c, b, (uint64_t)v + ((uint64_t)1 << (b - 1))), v};
                if (i % S == S - 1 || i == len - 1) {
                    /* the element these slots fill */
                    size_t first = i - i % S;
                    fr_t e;
                    fr_zero(&e);
                    for (size_t j = first; j <= i; j++)
                        zc_add_shifted(&e,
                                       (uint64_t)n->param[k][j].value + ((uint64_t)1 << (b - 1)),
                                       (unsigned)(b * (int)(j - first)));
                    zc_at(c, row, ZKML_OP_WEIGHTS, first, "weight packing");
                    zc_set(c, prv, &e);
                    zg_pack(c, prv, &n->param[k][first], i - first + 1, b);
                    n->elems[n->n_elems++] = (zg_elem){prv, e};
                    prv++;
                }
                break;
            }
        }
        if (n->s->params == ZKML_HASHED && reused)
            for (size_t i = 0; i < len; i++) {
                zc_at(c, row, ZKML_OP_WEIGHTS, i, "weight wire");
                n->param[k][i] = to_wire(c, &n->param[k][i]);
            }
    }
    n->w_prv = prv;
}

/* The pixels, range-checked, packed and quantized into n->act. */
static void pixels(net *n)
{
    zc *c = n->c;
    const zkml_layout *L = &n->L;
    zv p[31];
    for (int i = 0; i < NN_PIXELS && !c->err; i++) {
        int64_t v = n->image ? n->image[i] : 0;
        if (L->pixels == ZKML_PIXELS_PACKED) {
            zc_at(c, ZKML_ROW_INPUT, ZKML_OP_PIXELS, (uint64_t)i, "pixel bits");
            p[i % 31] = (zv){ZV_UBITS, 8, zg_bits(c, 8, (uint64_t)v), v};
            if (i % 31 == 30 || i == NN_PIXELS - 1) {
                uint32_t e = 1 + L->pixel_elems + (uint32_t)(i / 31);
                fr_t ev;
                fr_zero(&ev);
                for (int j = 0; j <= i % 31; j++)
                    zc_add_shifted(&ev, (uint64_t)p[j].value, (unsigned)(8 * j));
                zc_set(c, e, &ev);
                zc_at(c, ZKML_ROW_INPUT, ZKML_OP_PIXELS, (uint64_t)(i - i % 31), "pixel packing");
                zg_pack(c, e, p, (size_t)(i % 31 + 1), 8);
            }
        } else {
            uint32_t w = 1 + L->pixel_elems + (uint32_t)i;
            zc_set_i64(c, w, v);
            zc_at(c, ZKML_ROW_INPUT, ZKML_OP_PIXELS, (uint64_t)i, "pixel range");
            r1cs_lc_clear(&n->one);
            if (c->lcs)
                zl_i64(c, &n->one, w, 1);
            p[0] = zg_range(c, &n->one, 8, (uint64_t)v);
        }
        zv *px = L->pixels == ZKML_PIXELS_PACKED ? &p[i % 31] : &p[0];
        zc_at(c, ZKML_ROW_INPUT, ZKML_OP_QUANTIZE, (uint64_t)i, "quantize");
        n->act[i] = zg_quantize(c, px, n->qm->q.in_exp);
        compare(n, "pixels", (size_t)i, n->act[i].value, n->tr ? n->tr->x[i] : 0);
    }
}

/* A square model's activation of q (|q| <= 2^(K−1)): q², rescaled from
 * 2^(2·out) back to 2^out, as one wire for the products that read it. */
static zv square(net *n, int l, uint64_t index, const zv *q)
{
    zc *c = n->c;
    const nn_qparams *p = &n->qm->q;
    int K = p->acc_bits[l] - zkml_shift(p, l) + 1;
    zc_at(c, layer_row[l], ZKML_OP_SQUARE, index, "x²");
    zv s = zg_square(c, q);
    r1cs_lc_clear(&n->one);
    if (c->lcs)
        zl_i64(c, &n->one, s.wire, 1);
    zv y = zg_rescale(c, &n->one, s.value, 2 * K, p->out_exp[l]);
    return to_wire(c, &y);
}

/* Rescale (and the activation) of one accumulator or pooled maximum held
 * in lc. */
static zv finish(net *n, int l, uint64_t index, const r1cs_lc *lc, int64_t value, bool act)
{
    zc *c = n->c;
    const nn_qparams *q = &n->qm->q;
    zc_at(c, layer_row[l], ZKML_OP_RESCALE, index, "rescale");
    zv y = zg_rescale(c, lc, value, q->acc_bits[l], zkml_shift(q, l));
    if (!act)
        return y;
    if (q->act == NN_ACT_SQUARE)
        return square(n, l, index, &y);
    zc_at(c, layer_row[l], ZKML_OP_RELU, index, "ReLU");
    return zg_relu(c, &y);
}

/* A square layer's window: the four accumulators rescaled, the largest |q|
 * (it has the largest square), then one square (gadget_square.c). */
static zv pool_squares(net *n, int l, size_t out, const int64_t av[4])
{
    zc *c = n->c;
    const nn_qparams *q = &n->qm->q;
    int A = q->acc_bits[l], r = zkml_shift(q, l), K = A - r + 1;
    zv y[4];
    int64_t mv[4];
    for (int d = 0; d < 4; d++) {
        zc_at(c, layer_row[l], ZKML_OP_RESCALE, 4 * out + (size_t)d, "rescale");
        y[d] = zg_rescale(c, &n->acc[d], av[d], A, r);
    }
    zc_at(c, layer_row[l], ZKML_OP_MAXPOOL, out, "max-of-four |q|");
    for (int d = 0; d < 4; d++) {
        zv a = zg_abs(c, &y[d]);
        mv[d] = a.value;
        r1cs_lc_clear(&n->acc[d]);
        if (c->lcs)
            zl_i64(c, &n->acc[d], a.wire, 1);
    }
    /* |q| <= 2^(K−1) < 2^K */
    zv m = zg_max4(c, n->acc, mv, K + 1);
    return square(n, l, out, &m);
}

/* The ablation: each of the four accumulators rescaled and ReLU'd, then
 * the max-of-four of the activations (in [0, 2^(K−1)], so K bits hold
 * their differences; a square's in [0, 2^(2K−out−1)], its rescale's
 * 2K − out + 1 bits). */
static void pool_last(net *n, int l, size_t out, const int64_t av[4])
{
    zc *c = n->c;
    const nn_qparams *q = &n->qm->q;
    int K = q->acc_bits[l] - zkml_shift(q, l) + 1;
    if (q->act == NN_ACT_SQUARE)
        K = 2 * K - q->out_exp[l] + 1;
    int64_t yv[4];
    for (int d = 0; d < 4; d++) {
        zv y = finish(n, l, 4 * out + (size_t)d, &n->acc[d], av[d], true);
        yv[d] = y.value;
        r1cs_lc_clear(&n->acc[d]);
        if (c->lcs)
            zl_i64(c, &n->acc[d], y.wire, 1);
    }
    zc_at(c, layer_row[l], ZKML_OP_MAXPOOL, out, "max-of-four");
    n->next[out] = zg_max4(c, n->acc, yv, K);
}

/* conv 3×3, pad 1, C → O channels of H×W, then the 2×2 max-pool, rescale
 * and ReLU: n->act → n->next, O × H/2 × W/2. */
static void conv(net *n, int l, size_t C, size_t O, size_t H, size_t W)
{
    zc *c = n->c;
    zkml_row row = layer_row[l];
    const zv *wt = n->param[2 * l], *bias = n->param[2 * l + 1];
    int A = n->qm->q.acc_bits[l];
    const int32_t *ref = l == 0 ? (n->tr ? n->tr->p1 : NULL) : (n->tr ? n->tr->p2 : NULL);
    for (size_t o = 0; o < O && !c->err; o++)
        for (size_t i = 0; i < H / 2; i++)
            for (size_t j = 0; j < W / 2 && !c->err; j++) {
                int64_t av[4];
                for (int d = 0; d < 4; d++) {
                    size_t y = 2 * i + (size_t)(d / 2), x = 2 * j + (size_t)(d % 2), m = 0;
                    for (size_t ch = 0; ch < C; ch++)
                        for (size_t ky = 0; ky < 3; ky++)
                            for (size_t kx = 0; kx < 3; kx++) {
                                size_t sy = y + ky, sx = x + kx;   /* source + 1 */
                                if (sy < 1 || sy > H || sx < 1 || sx > W)
                                    continue;
                                n->wbuf[m] = wt[((o * C + ch) * 3 + ky) * 3 + kx];
                                n->xbuf[m++] = n->act[(ch * H + sy - 1) * W + sx - 1];
                            }
                    zc_at(c, row, ZKML_OP_MAC, (o * H + y) * W + x, "MAC");
                    zg_mac(c, &n->acc[d], &av[d], &bias[o], n->wbuf, n->xbuf, m);
                }
                size_t out = (o * (H / 2) + i) * (W / 2) + j;
                if (n->s->pool_last) {
                    pool_last(n, l, out, av);
                } else if (n->qm->q.act == NN_ACT_SQUARE) {
                    n->next[out] = pool_squares(n, l, out, av);
                } else {
                    zc_at(c, row, ZKML_OP_MAXPOOL, out, "max-of-four");
                    zv m = zg_max4(c, n->acc, av, A);
                    r1cs_lc_clear(&n->one);
                    if (c->lcs)
                        zl_i64(c, &n->one, m.wire, 1);
                    n->next[out] = finish(n, l, out, &n->one, m.value, true);
                }
                compare(n, l == 0 ? "pool1" : "pool2", out, n->next[out].value,
                        ref ? ref[out] : 0);
            }
}

/* A linear layer: n->act (fan-in values) → n->next (or the logits). */
static void dense(net *n, int l)
{
    zc *c = n->c;
    const nn_layer_info *L = &nn_layers[l];
    bool last = l == NN_LAYERS - 1;
    for (size_t o = 0; o < L->biases && !c->err; o++) {
        int64_t v;
        zc_at(c, layer_row[l], ZKML_OP_MAC, o, "MAC");
        zg_mac(c, &n->acc[0], &v, &n->param[2 * l + 1][o], n->param[2 * l] + o * L->fan_in,
               n->act, L->fan_in);
        zv y = finish(n, l, o, &n->acc[0], v, !last);
        if (last) {
            n->z[o] = y;
            compare(n, "logits", o, y.value, n->tr ? n->tr->z[o] : 0);
        } else {
            n->next[o] = y;
            compare(n, "fc1", o, y.value, n->tr ? n->tr->f1[o] : 0);
        }
    }
}

static void swap(net *n)
{
    zv *t = n->act;
    n->act = n->next;
    n->next = t;
}

/* The class and the packed logits. */
static void outputs(net *n)
{
    zc *c = n->c;
    const zkml_layout *L = &n->L;
    int K = L->logit_bits, S = L->logits_per_elem;
    zc_at(c, ZKML_ROW_OUTPUT, ZKML_OP_ARGMAX, 0, "argmax");
    zg_argmax(c, 1 + L->cls, n->z, NN_CLASSES, K);
    for (uint32_t e = 0; e < L->n_logit_elems; e++) {
        int first = (int)e * S, cnt = NN_CLASSES - first < S ? NN_CLASSES - first : S;
        fr_t ev;
        fr_zero(&ev);
        for (int j = 0; j < cnt; j++)
            zc_add_shifted(&ev, (uint64_t)(n->z[first + j].value + ((int64_t)1 << (K - 1))),
                        (unsigned)(K * j));
        zc_set(c, 1 + L->logits + e, &ev);
        zc_at(c, ZKML_ROW_OUTPUT, ZKML_OP_LOGITS, (uint64_t)first, "logit packing");
        zg_pack(c, 1 + L->logits + e, &n->z[first], (size_t)cnt, K);
    }
}

static void model_hash(net *n)
{
    zc *c = n->c;
    uint64_t head[ZKML_HEADER_MAX];
    size_t nh = zkml_hash_header(head, n->s, n->qm);
    zg_elem *all = zk_alloc(nh + n->n_elems, sizeof *all);
    zg_poseidon *p = NULL;
    if (!all || (c->err = zg_poseidon_new(&p, 17))) {
        c->err = c->err ? c->err : ZK_ENOMEM;
        zk_free(all);
        return;
    }
    for (size_t i = 0; i < nh; i++) {
        all[i].wire = 0;
        fr_from_u64(&all[i].value, head[i]);
    }
    memcpy(all + nh, n->elems, n->n_elems * sizeof *all);
    fr_t tag;
    fr_from_u64(&tag, nh + n->n_elems);
    zc_add_shifted(&tag, 1, 64);   /* 2^64 · version 1 + N */
    zc_at(c, ZKML_ROW_MODEL, ZKML_OP_POSEIDON, 0, "poseidon");
    zg_sponge(c, p, &tag, all, nh + n->n_elems, 1 + n->L.hash);
    zg_poseidon_free(p);
    zk_free_secret(all, nh + n->n_elems, sizeof *all);
}

static zk_err stage(net *n, unsigned done)
{
    if (n->c->err)
        return n->c->err;
    return zk_emit(n->ev, ZK_EV_PROGRESS, n->phase, done, ZKML_ROWS, NULL);
}

/* The whole pass. */
static zk_err run(net *n)
{
    zc *c = n->c;
    const zkml_settings *s = n->s;
    const nn_qparams *q = &n->qm->q;
    zk_err err = zkml_layout_init(&n->L, s, q);
    if (err)
        return err;
    zkml_slot_bits(n->slot, n->qm);
    uint32_t n_prv = 0;
    for (int k = 2 * s->first_layer; k < ZKML_TENSORS; k++)
        n_prv += (uint32_t)(s->params == ZKML_HASHED ? zkml_tensor_elems(k, n->slot[k])
                            : s->params == ZKML_PRIVATE ? zkml_tensor_len(k)
                                                        : 0);
    n_prv += s->salted;
    static const size_t in_len[NN_LAYERS] = {NN_PIXELS, NN_C1 * 196, NN_FC_IN, NN_FC_HIDDEN};
    if (s->first_layer > 0)
        n_prv += (uint32_t)in_len[s->first_layer];
    zc_io(c, n->L.n_pub_out, n->L.n_pub_in, n_prv);
    n->w_prv = 1 + n->L.n_public;
    size_t n_elems = s->salted;
    for (int k = 0; k < ZKML_TENSORS; k++) {
        n->param[k] = zk_calloc(zkml_tensor_len(k), sizeof(zv));
        n_elems += zkml_tensor_elems(k, n->slot[k]);
        if (!n->param[k])
            return ZK_ENOMEM;
    }
    n->act = zk_calloc(NN_C1 * NN_PIXELS, sizeof(zv));
    n->next = zk_calloc(NN_C1 * NN_PIXELS, sizeof(zv));
    n->wbuf = zk_calloc(NN_FC_IN, sizeof(zv));
    n->xbuf = zk_calloc(NN_FC_IN, sizeof(zv));
    n->elems = zk_calloc(n_elems, sizeof *n->elems);
    if (!n->act || !n->next || !n->wbuf || !n->xbuf || !n->elems)
        return ZK_ENOMEM;
    if ((err = zk_emit(n->ev, ZK_EV_BEGIN, n->phase, 0, ZKML_ROWS, NULL)))
        return err;
    params(n);
    if (s->first_layer == 0) {
        pixels(n);
    } else {
        const int32_t *src[NN_LAYERS] = {NULL, n->tr ? n->tr->p1 : NULL,
                                         n->tr ? n->tr->p2 : NULL, n->tr ? n->tr->f1 : NULL};
        uint32_t w = n->w_prv;
        for (size_t i = 0; i < in_len[s->first_layer]; i++) {
            int64_t v = src[s->first_layer] ? src[s->first_layer][i] : 0;
            n->act[i] = zv_wire(w + (uint32_t)i, v);
            zc_set_i64(c, w + (uint32_t)i, v);
        }
    }
    if ((err = stage(n, 1)))
        return err;
    if (s->first_layer <= 0)
        conv(n, 0, 1, NN_C1, NN_SIDE, NN_SIDE), swap(n);
    if ((err = stage(n, 2)))
        return err;
    if (s->first_layer <= 1)
        conv(n, 1, NN_C1, NN_C2, 14, 14), swap(n);
    if ((err = stage(n, 3)))
        return err;
    if (s->first_layer <= 2)
        dense(n, 2), swap(n);
    if ((err = stage(n, 4)))
        return err;
    dense(n, 3);
    if ((err = stage(n, 5)))
        return err;
    outputs(n);
    if (n->tr && !c->err) {
        int best = 0;
        for (int k = 1; k < NN_CLASSES; k++)
            best = n->tr->z[k] > n->tr->z[best] ? k : best;
        int64_t got = 0;
        if (c->w) {
            uint64_t x[4];
            fr_to_int(x, &c->w[1 + n->L.cls]);
            got = (int64_t)x[0];
        }
        compare(n, "class", 0, got, best);
    }
    if ((err = stage(n, 6)))
        return err;
    if (s->params == ZKML_HASHED)
        model_hash(n);
    if ((err = stage(n, 7)))
        return err;
    return zk_emit(n->ev, ZK_EV_END, n->phase, ZKML_ROWS, ZKML_ROWS, NULL);
}

static void net_free(net *n)
{
    for (int k = 0; k < ZKML_TENSORS; k++)
        zk_free_secret(n->param[k], n->param[k] ? zkml_tensor_len(k) : 0, sizeof(zv));
    zk_free_secret(n->act, n->act ? NN_C1 * NN_PIXELS : 0, sizeof(zv));
    zk_free_secret(n->next, n->next ? NN_C1 * NN_PIXELS : 0, sizeof(zv));
    zk_free_secret(n->wbuf, n->wbuf ? NN_FC_IN : 0, sizeof(zv));
    zk_free_secret(n->xbuf, n->xbuf ? NN_FC_IN : 0, sizeof(zv));
    zk_free_secret(n->elems, n->n_elems, sizeof *n->elems);   /* the packed weights */
    for (int i = 0; i < 4; i++)
        r1cs_lc_free(&n->acc[i]);
    r1cs_lc_free(&n->one);
}

/* Runs one pass over c; the caller owns c's store and values. */
static zk_err pass(zc *c, const zkml_settings *s, const nn_qmodel *qm, const nn_qtrace *tr,
                   const uint8_t *image, const fr_t *salt, zkml_report *rep,
                   const zk_events *ev, const char *phase)
{
    net n;
    memset(&n, 0, sizeof n);
    n.c = c;
    n.s = s;
    n.qm = qm;
    n.tr = tr;
    n.image = image;
    n.salt = salt;
    n.rep = rep;
    n.ev = ev;
    n.phase = phase;
    for (int i = 0; i < 4; i++)
        r1cs_lc_init(&n.acc[i]);
    r1cs_lc_init(&n.one);
    zk_err err = run(&n);
    if (!err)
        err = c->err;
    net_free(&n);
    return err;
}

static void totals(zkml_counts *k, uint32_t n_wires, uint32_t n_public)
{
    k->total = (zkml_cell){0, 0, 0};
    for (int r = 0; r < ZKML_ROWS; r++)
        for (int o = 0; o < ZKML_OPS; o++) {
            k->total.constraints += k->cell[r][o].constraints;
            k->total.wires += k->cell[r][o].wires;
            k->total.terms += k->cell[r][o].terms;
        }
    k->n_wires = n_wires;
    k->n_public = n_public;
    uint64_t x = k->total.constraints + n_public;
    unsigned d = 0;
    while (((uint64_t)1 << d) <= x)
        d++;
    k->log_domain = d;
}

zk_err zkml_count(zkml_counts *out, const zkml_settings *s, const nn_qmodel *qm, char *why,
                  size_t why_len)
{
    memset(out, 0, sizeof *out);
    zk_err err = zkml_settings_check(s, qm, why, why_len);
    if (err)
        return err;
    zc c;
    if ((err = zc_init(&c, NULL, NULL, false, false, out, NULL)) == ZK_OK)
        err = pass(&c, s, qm, NULL, NULL, NULL, NULL, NULL, "zkml_count");
    zkml_layout L;
    if (!err && !(err = zkml_layout_init(&L, s, &qm->q)))
        totals(out, c.n_wires, L.n_public);
    zc_free(&c);
    return err;
}

void zkml_circuit_free(zkml_circuit *c)
{
    r1cs_free(&c->cs);
    zk_free(c->seg);
    memset(c, 0, sizeof *c);
}

zk_err zkml_compile(zkml_circuit *c, const zkml_settings *s, const nn_qmodel *qm,
                    const zk_events *ev, char *why, size_t why_len)
{
    memset(c, 0, sizeof *c);
    r1cs_init(&c->cs);
    zk_err err = zkml_settings_check(s, qm, why, why_len);
    if (err)
        return err;
    c->settings = *s;
    c->q = qm->q;
    if ((err = zkml_layout_init(&c->layout, s, &qm->q)))
        return err;
    zc b;
    if ((err = zc_init(&b, &c->cs, c, false, false, &c->counts, NULL)) == ZK_OK)
        err = pass(&b, s, qm, NULL, NULL, NULL, NULL, ev, "zkml_compile");
    zc_free(&b);
    if (err) {
        if (why)
            snprintf(why, why_len, "%s", zk_strerror(err));
        zkml_circuit_free(c);
        return err;
    }
    totals(&c->counts, c->cs.n_wires, c->layout.n_public);
    c->cs.n_labels = c->cs.n_wires;
    return ZK_OK;
}

void zkml_witness_free(zkml_witness *w)
{
    if (w->w)
        zk_free_secret(w->w, w->n, sizeof *w->w);
    if (w->trace)
        zk_free_secret(w->trace, 1, sizeof *w->trace);
    memset(w, 0, sizeof *w);
}

zk_err zkml_witness_compute(zkml_witness *out, const zkml_settings *s, const nn_qmodel *qm,
                            const uint8_t image[NN_PIXELS], const fr_t *salt, bool check,
                            zkml_report *rep, const zk_events *ev)
{
    memset(out, 0, sizeof *out);
    zkml_report dummy;
    if (!rep)
        rep = &dummy;
    memset(rep, 0, sizeof *rep);
    zk_err err = zkml_settings_check(s, qm, rep->msg, sizeof rep->msg);
    if (err)
        return err;
    if (s->salted != (salt != NULL)) {
        snprintf(rep->msg, sizeof rep->msg, s->salted ? "the model is salted: give the salt"
                                                      : "a salt for a model without one");
        return ZK_EINVAL;
    }
    out->trace = zk_alloc(1, sizeof *out->trace);
    if (!out->trace)
        return ZK_ENOMEM;
    int pred;
    rep->ov.layer = -1;
    err = nn_qinfer(qm, image, out->trace, &pred, &rep->ov);
    if (err == ZK_EOVERFLOW)
        snprintf(rep->msg, sizeof rep->msg, "%s %s[%zu] = %lld does not fit %d bits",
                 nn_layers[rep->ov.layer].name, rep->ov.what, rep->ov.index,
                 (long long)rep->ov.value, rep->ov.bits);
    zc c;
    memset(&c, 0, sizeof c);
    if (!err && (err = zc_init(&c, NULL, NULL, true, check, NULL, rep)) == ZK_OK)
        err = pass(&c, s, qm, out->trace, image, salt, rep, ev, "zkml_witness");
    if (err) {
        if (c.w)
            zk_free_secret(c.w, c.w_cap, sizeof *c.w);
        zc_free(&c);
        zkml_witness_free(out);
        return err;
    }
    zc_free(&c);
    out->w = c.w;
    out->n = c.n_wires;
    zkml_layout L;
    zkml_layout_init(&L, s, &qm->q);
    char why[160];
    out->pub.params = NULL;
    err = zkml_public_decode(&out->pub, &L, out->w + 1, L.n_public, why, sizeof why);
    if (err) {
        snprintf(rep->msg, sizeof rep->msg, "the witness's public signals: %s", why);
        zkml_witness_free(out);
    }
    return err;
}

zk_err zkml_check(const zkml_circuit *c, const fr_t *w, size_t n, zkml_report *rep)
{
    zkml_report dummy;
    if (!rep)
        rep = &dummy;
    memset(rep, 0, sizeof *rep);
    if (n != c->cs.n_wires) {
        snprintf(rep->msg, sizeof rep->msg, "the witness has %zu values; the circuit %u wires", n,
                 c->cs.n_wires);
        return ZK_EINVAL;
    }
    size_t bad;
    zk_err err = r1cs_check(&c->cs, w, &bad);
    if (err == ZK_EVERIFY) {
        rep->failed_constraint = true;
        rep->constraint = bad;
        zkml_locate(&rep->where, c, bad);
        char at[120];
        zkml_where_str(at, sizeof at, &rep->where);
        snprintf(rep->msg, sizeof rep->msg, "constraint %zu (%s) does not hold", bad, at);
    }
    return err;
}
