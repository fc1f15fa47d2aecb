/* The CNN as a trace of steps, its commitments and the bisection game
 * (nn/dispute.h). The steps recompute nn_qinfer's integers one channel or
 * neuron at a time, in plain 64-bit arithmetic: the referee's code, which
 * the tests hold equal to nn_qinfer's trace. */
#include "nn/dispute.h"

#include <string.h>

#include "core/alloc.h"
#include "hash/merkle.h"

const char *const nn_step_kind_names[NN_STEP_KINDS] = {"conv1", "pool1", "conv2", "pool2",
                                                       "fc1",   "fc2",   "argmax"};

/* Steps of each kind, and the values each of its steps writes. */
static const size_t kind_steps[NN_STEP_KINDS] = {NN_C1, NN_C1, NN_C2, NN_C2, NN_FC_HIDDEN,
                                                 NN_CLASSES, 1};
static const size_t kind_width[NN_STEP_KINDS] = {NN_PIXELS, 196, 196, 49, 1, 1, 1};

size_t nn_step_first(nn_step_kind kind, size_t *count)
{
    size_t first = 0;
    for (int k = 0; k < (int)kind; k++)
        first += kind_steps[k];
    if (count)
        *count = kind_steps[kind];
    return first;
}

void nn_step_info(nn_step_kind *kind, size_t *index, size_t s)
{
    int k = 0;
    while (k < NN_STEP_KINDS - 1 && s >= kind_steps[k])
        s -= kind_steps[k++];
    *kind = (nn_step_kind)k;
    *index = s;
}

size_t nn_step_macs(size_t s)
{
    nn_step_kind k;
    size_t i;
    nn_step_info(&k, &i, s);
    switch (k) {
    case NN_STEP_CONV1: return 9 * NN_PIXELS;
    case NN_STEP_CONV2: return 9 * NN_C1 * 196;
    case NN_STEP_FC1: return NN_FC_IN;
    case NN_STEP_FC2: return NN_FC_HIDDEN;
    default: return 0;
    }
}

/* The leaves step s reads: a pool its own channel's conv leaf, conv1 the
 * input, every other step all of the previous kind's leaves. */
static void step_reads(size_t *first, size_t *count, size_t s)
{
    nn_step_kind k;
    size_t i, n;
    nn_step_info(&k, &i, s);
    if (k == NN_STEP_CONV1) {
        *first = 0;
        *count = 1;
        return;
    }
    size_t prev = nn_step_first(k - 1, &n) + 1;
    if (k == NN_STEP_POOL1 || k == NN_STEP_POOL2) {
        *first = prev + i;
        *count = 1;
    } else {
        *first = prev;
        *count = n;
    }
}

/* Where layer l's biases start in qm->bias. */
static size_t bias_start(int l)
{
    size_t b = 0;
    for (int i = 0; i < l; i++)
        b += nn_layers[i].biases;
    return b;
}

static int64_t finish(const nn_qmodel *qm, int l, int64_t acc, bool act)
{
    int r = nn_qparams_layer_in(&qm->q, l) + qm->q.w_exp[l] - qm->q.out_exp[l];
    int64_t v = nn_rescale(acc, r);
    return act ? nn_qactivate(v, qm->q.act, qm->q.out_exp[l]) : v;
}

/* Output channel c of a 3×3, pad 1 convolution over cin planes of side n. */
static void conv(int64_t *y, const nn_qmodel *qm, int l, const int64_t *x, size_t cin, size_t n,
                 size_t c)
{
    const int32_t *w = qm->w + nn_layers[l].weight_off + c * cin * 9;
    int64_t b = qm->bias[bias_start(l) + c];
    for (size_t py = 0; py < n; py++)
        for (size_t px = 0; px < n; px++) {
            int64_t acc = b;
            for (size_t ci = 0; ci < cin; ci++)
                for (size_t dy = 0; dy < 3; dy++)
                    for (size_t dx = 0; dx < 3; dx++) {
                        size_t sy = py + dy, sx = px + dx;   /* shifted by the padding */
                        if (sy < 1 || sx < 1 || sy > n || sx > n)
                            continue;
                        acc += (int64_t)w[ci * 9 + dy * 3 + dx] *
                               x[ci * n * n + (sy - 1) * n + (sx - 1)];
                    }
            y[py * n + px] = finish(qm, l, acc, true);
        }
}

static void pool(int64_t *y, const int64_t *x, size_t n)
{
    for (size_t i = 0; i < n / 2; i++)
        for (size_t j = 0; j < n / 2; j++) {
            const int64_t *q = x + 2 * i * n + 2 * j;
            int64_t m = q[0];
            m = q[1] > m ? q[1] : m;
            m = q[n] > m ? q[n] : m;
            m = q[n + 1] > m ? q[n + 1] : m;
            y[i * (n / 2) + j] = m;
        }
}

static int64_t dense(const nn_qmodel *qm, int l, const int64_t *x, size_t o, bool act)
{
    const nn_layer_info *L = &nn_layers[l];
    const int32_t *w = qm->w + L->weight_off + o * L->fan_in;
    int64_t acc = qm->bias[bias_start(l) + o];
    for (size_t k = 0; k < L->fan_in; k++)
        acc += (int64_t)w[k] * x[k];
    return finish(qm, l, acc, act);
}

/* y = step s's output from x, the values of the leaves it reads. */
static void step_run(int64_t *y, const nn_qmodel *qm, size_t s, const int64_t *x)
{
    nn_step_kind k;
    size_t i;
    nn_step_info(&k, &i, s);
    switch (k) {
    case NN_STEP_CONV1: conv(y, qm, 0, x, 1, NN_SIDE, i); break;
    case NN_STEP_POOL1: pool(y, x, NN_SIDE); break;
    case NN_STEP_CONV2: conv(y, qm, 1, x, NN_C1, 14, i); break;
    case NN_STEP_POOL2: pool(y, x, 14); break;
    case NN_STEP_FC1: y[0] = dense(qm, 2, x, i, true); break;
    case NN_STEP_FC2: y[0] = dense(qm, 3, x, i, false); break;
    default: {
        size_t best = 0;   /* the first of equal largest, as nn_qinfer */
        for (size_t c = 1; c < NN_CLASSES; c++)
            best = x[c] > x[best] ? c : best;
        y[0] = (int64_t)best;
    }
    }
}

static void leaf_hash(hash_digest *h, size_t leaf, const int64_t *v, size_t n)
{
    uint8_t head[5] = {0, (uint8_t)leaf, (uint8_t)(leaf >> 8), (uint8_t)(leaf >> 16),
                       (uint8_t)(leaf >> 24)};
    /* Little-endian i64s: the machines zkcave runs on store them so. */
    hash_blake2b2(h, head, sizeof head, v, n * sizeof *v);
}

zk_err nn_trace_run(nn_trace *t, const nn_qmodel *qm, const uint8_t image[NN_PIXELS],
                    size_t tamper, int64_t delta)
{
    memset(t, 0, sizeof *t);
    t->off[1] = NN_PIXELS;
    for (size_t s = 0; s < NN_DISPUTE_STEPS; s++) {
        nn_step_kind k;
        size_t i;
        nn_step_info(&k, &i, s);
        t->off[s + 2] = t->off[s + 1] + kind_width[k];
    }
    t->vals = zk_calloc(t->off[NN_DISPUTE_STEPS + 1], sizeof *t->vals);
    if (!t->vals)
        return ZK_ENOMEM;
    for (size_t p = 0; p < NN_PIXELS; p++)
        t->vals[p] = nn_quantize_pixel(image[p], qm->q.in_exp);
    leaf_hash(&t->leaf[0], 0, t->vals, NN_PIXELS);
    for (size_t s = 0; s < NN_DISPUTE_STEPS; s++) {
        size_t first, count;
        step_reads(&first, &count, s);
        int64_t *y = t->vals + t->off[s + 1];
        step_run(y, qm, s, t->vals + t->off[first]);
        if (s == tamper)
            y[0] = s == NN_DISPUTE_STEPS - 1 ? (y[0] + 1) % NN_CLASSES : y[0] + delta;
        leaf_hash(&t->leaf[s + 1], s + 1, y, t->off[s + 2] - t->off[s + 1]);
    }
    t->cls = (int)t->vals[t->off[NN_DISPUTE_STEPS]];
    return ZK_OK;
}

void nn_trace_free(nn_trace *t)
{
    zk_free(t->vals);
    memset(t, 0, sizeof *t);
}

/* The tree of state s: leaves 0..s written, the others zero. */
static zk_err state_tree(merkle_tree *m, const nn_trace *t, size_t s)
{
    hash_digest leaves[NN_DISPUTE_LEAVES];
    memset(leaves, 0, sizeof leaves);
    memcpy(leaves, t->leaf, (s + 1) * sizeof *leaves);
    return merkle_build(m, leaves, NN_DISPUTE_LEAVES);
}

zk_err nn_trace_root(hash_digest *root, const nn_trace *t, size_t s)
{
    if (s > NN_DISPUTE_STEPS)
        return ZK_EINVAL;
    merkle_tree m;
    zk_err err = state_tree(&m, t, s);
    if (!err)
        *root = *merkle_root(&m);
    merkle_free(&m);
    return err;
}

/* The referee's checks, the asserter's openings made from its own trees. */
zk_err nn_referee(bool *honest, const char **why, const nn_qmodel *qm, const nn_trace *a,
                  size_t s)
{
    *honest = false;
    *why = NULL;
    if (s >= NN_DISPUTE_STEPS)
        return ZK_EINVAL;
    size_t first, count, idx[NN_FC_HIDDEN + 1];
    step_reads(&first, &count, s);
    hash_digest opened[NN_FC_HIDDEN + 1], path[(NN_FC_HIDDEN + 1) * NN_DISPUTE_DEPTH];
    hash_digest before, after, zero, claimed;
    merkle_tree m0, m1;
    zk_err err = state_tree(&m0, a, s);
    if (!err && (err = state_tree(&m1, a, s + 1)))
        merkle_free(&m0);
    if (err)
        return err;
    before = *merkle_root(&m0);
    after = *merkle_root(&m1);
    merkle_free(&m1);
    /* The inputs: every leaf the step reads, hashed from the values the
     * asserter opens and checked against the agreed root. */
    for (size_t i = 0; i < count; i++) {
        idx[i] = first + i;
        leaf_hash(&opened[i], first + i, a->vals + a->off[first + i],
                  a->off[first + i + 1] - a->off[first + i]);
    }
    size_t np = merkle_prove_batch(&m0, idx, count, path);
    err = merkle_verify_batch(&before, NN_DISPUTE_DEPTH, idx, opened, count, path, np);
    if (err == ZK_EVERIFY)
        *why = "the step's inputs do not open against the agreed root";
    /* The output: one path, an empty leaf under the agreed root and the
     * claimed one under the disputed root. */
    size_t w = s + 1;
    const int64_t *y = a->vals + a->off[w];
    size_t ny = a->off[w + 1] - a->off[w];
    leaf_hash(&claimed, w, y, ny);
    memset(&zero, 0, sizeof zero);
    if (!err) {
        np = merkle_prove_batch(&m0, &w, 1, path);
        err = merkle_verify_batch(&before, NN_DISPUTE_DEPTH, &w, &zero, 1, path, np);
        if (!err)
            err = merkle_verify_batch(&after, NN_DISPUTE_DEPTH, &w, &claimed, 1, path, np);
        if (err == ZK_EVERIFY)
            *why = "the disputed root is not the agreed one with this step's output added";
    }
    merkle_free(&m0);
    if (err)
        return err;
    int64_t out[NN_PIXELS];
    step_run(out, qm, s, a->vals + a->off[first]);
    *honest = memcmp(out, y, ny * sizeof *y) == 0;
    *why = *honest ? "the step re-executed gives the asserter's output"
                   : "the step re-executed gives another output than the asserter's";
    return ZK_OK;
}

static zk_err prepare_round(nn_dispute *d)
{
    size_t mid = nn_dispute_mid(d);
    zk_err err = nn_trace_root(&d->next_asserter, d->asserter, mid);
    return err ? err : nn_trace_root(&d->next_challenger, d->challenger, mid);
}

size_t nn_dispute_mid(const nn_dispute *d)
{
    return d->lo + (d->hi - d->lo) / 2;
}

zk_err nn_dispute_begin(nn_dispute *d, const nn_qmodel *qm, const nn_trace *asserter,
                        const nn_trace *challenger)
{
    memset(d, 0, sizeof *d);
    d->qm = qm;
    d->asserter = asserter;
    d->challenger = challenger;
    d->lo = 0;
    d->hi = NN_DISPUTE_STEPS;
    hash_digest a, c;
    zk_err err = nn_trace_root(&a, asserter, 0);
    if (!err)
        err = nn_trace_root(&c, challenger, 0);
    if (err)
        return err;
    if (memcmp(&a, &c, sizeof a) != 0) {
        /* The input is the statement: a claim about another one loses. */
        d->state = NN_DISPUTE_ASSERTER_LOST;
        d->why = "the asserter's state 0 is not the input both sides were given";
        return ZK_OK;
    }
    if ((err = nn_trace_root(&a, asserter, d->hi)) || (err = nn_trace_root(&c, challenger, d->hi)))
        return err;
    if (memcmp(&a, &c, sizeof a) == 0) {
        d->state = NN_DISPUTE_NONE;
        return ZK_OK;
    }
    d->state = NN_DISPUTE_PLAYING;
    return prepare_round(d);
}

zk_err nn_dispute_answer(nn_dispute *d, bool agree)
{
    if (d->state != NN_DISPUTE_PLAYING || d->nrounds == NN_DISPUTE_MAX_ROUNDS)
        return ZK_EINVAL;
    size_t mid = nn_dispute_mid(d);
    d->rounds[d->nrounds++] = (nn_round){d->lo, d->hi, mid, d->next_asserter,
                                         d->next_challenger, agree};
    if (agree)
        d->lo = mid;
    else
        d->hi = mid;
    if (d->hi - d->lo > 1)
        return prepare_round(d);
    bool honest;
    zk_err err = nn_referee(&honest, &d->why, d->qm, d->asserter, d->lo);
    if (err == ZK_EVERIFY) {
        d->state = NN_DISPUTE_ASSERTER_LOST;
        return ZK_OK;
    }
    if (!err)
        d->state = honest ? NN_DISPUTE_CHALLENGER_LOST : NN_DISPUTE_ASSERTER_LOST;
    return err;
}

zk_err nn_dispute_play(nn_dispute *d, const nn_qmodel *qm, const nn_trace *asserter,
                       const nn_trace *challenger)
{
    zk_err err = nn_dispute_begin(d, qm, asserter, challenger);
    while (!err && d->state == NN_DISPUTE_PLAYING)
        err = nn_dispute_answer(d, memcmp(&d->next_asserter, &d->next_challenger,
                                          sizeof d->next_asserter) == 0);
    return err;
}
