#include "snark/groth16_demo.h"

#include <string.h>

#include "core/alloc.h"
#include "snark/groth16_setup.h"

zk_err groth16_demo_square_chain(r1cs *s, uint32_t m)
{
    r1cs_init(s);
    if (m == 0)
        return ZK_EINVAL;
    /* Wires: 0 the constant, 1 the output y, 2 the input x_0, then x_1 ... */
    zk_err err = r1cs_set_io(s, 1, 1, 0);
    uint32_t first = 0;
    if (!err && m > 1)
        err = r1cs_new_wires(s, m - 1, &first);
    r1cs_lc a, c;
    r1cs_lc_init(&a);
    r1cs_lc_init(&c);
    for (uint32_t i = 0; !err && i < m; i++) {
        uint32_t x = i == 0 ? 2 : first + i - 1, y = i + 1 == m ? 1 : first + i;
        r1cs_lc_clear(&a);
        r1cs_lc_clear(&c);
        if ((err = r1cs_lc_push_i64(&a, x, 1)) || (err = r1cs_lc_push_i64(&c, y, 1)) ||
            (err = r1cs_add(s, &a, &a, &c)))
            break;
        err = r1cs_hint_mul(s, y, &a, &a);
    }
    r1cs_lc_free(&a);
    r1cs_lc_free(&c);
    return err;
}

/* The 64 bits of in[0] (which fits in 64 bits by construction). */
static zk_err hint_bits64(void *user, fr_t *out, size_t n_out, const fr_t *in, size_t n_in)
{
    (void)user;
    (void)n_in;
    uint64_t v[4];
    fr_to_int(v, &in[0]);
    for (size_t k = 0; k < n_out; k++) {
        if ((v[0] >> k) & 1)
            fr_one(&out[k]);
        else
            fr_zero(&out[k]);
    }
    return ZK_OK;
}

zk_err groth16_demo_bits(r1cs *s, uint32_t m, uint32_t *blocks_out)
{
    r1cs_init(s);
    uint32_t blocks = (m + 64) / 65;
    if (blocks == 0)
        return ZK_EINVAL;
    /* Wires: 0 the constant, 1 the public value, 2.. the private values. */
    zk_err err = r1cs_set_io(s, 0, 1, blocks - 1);
    r1cs_lc b, bm1, sum, v;
    r1cs_lc_init(&b);
    r1cs_lc_init(&bm1);
    r1cs_lc_init(&sum);
    r1cs_lc_init(&v);
    for (uint32_t blk = 0; !err && blk < blocks; blk++) {
        uint32_t first, in = 1 + blk, outs[64];
        if ((err = r1cs_new_wires(s, 64, &first)))
            break;
        for (uint32_t k = 0; k < 64; k++)
            outs[k] = first + k;
        if ((err = r1cs_hint_fn_add(s, hint_bits64, NULL, &in, 1, outs, 64)))
            break;
        r1cs_lc_clear(&sum);
        fr_t pow;
        fr_one(&pow);
        for (uint32_t k = 0; !err && k < 64; k++) {
            r1cs_lc_clear(&b);
            r1cs_lc_clear(&bm1);
            if ((err = r1cs_lc_push_i64(&b, first + k, 1)) ||
                (err = r1cs_lc_push_i64(&bm1, first + k, 1)) ||
                (err = r1cs_lc_push_i64(&bm1, 0, -1)) || (err = r1cs_add(s, &b, &bm1, NULL)))
                break;
            err = r1cs_lc_push(&sum, first + k, &pow);
            fr_dbl(&pow, &pow);
        }
        r1cs_lc_clear(&v);
        if (!err && !(err = r1cs_lc_push_i64(&v, in, 1)))
            err = r1cs_add_eq(s, &sum, &v);
    }
    r1cs_lc_free(&b);
    r1cs_lc_free(&bm1);
    r1cs_lc_free(&sum);
    r1cs_lc_free(&v);
    if (blocks_out)
        *blocks_out = blocks;
    return err;
}

/* ---- the cnn layer ---------------------------------------------------------------- */

enum { CNN_MACS = 32, CNN_BITS = 16, CNN_POOL = 256 };

/* The 2·16 bits of t and q for Σ in[i] + 2^15 = 2^16·q + t (the sum of 32
 * products of 8-bit values is below 2^21, so q fits 16 bits). */
static zk_err hint_rescale(void *user, fr_t *out, size_t n_out, const fr_t *in, size_t n_in)
{
    (void)user;
    uint64_t acc = (uint64_t)1 << (CNN_BITS - 1);
    for (size_t i = 0; i < n_in; i++) {
        uint64_t v[4];
        fr_to_int(v, &in[i]);
        acc += v[0];
    }
    uint64_t t = acc & 0xffffu, q = acc >> CNN_BITS;
    for (size_t k = 0; k < n_out; k++) {
        uint64_t bit = k < CNN_BITS ? (t >> k) & 1 : (q >> (k - CNN_BITS)) & 1;
        fr_from_u64(&out[k], bit);
    }
    return ZK_OK;
}

/* One neuron: products of pool wires chosen by a fixed stride, their
 * rescale and the range checks of its quotient and remainder. */
static zk_err cnn_neuron(r1cs *s, uint32_t idx, r1cs_lc lc[3])
{
    uint32_t p0, b0, prods[CNN_MACS], bits[2 * CNN_BITS];
    zk_err err;
    if ((err = r1cs_new_wires(s, CNN_MACS, &p0)) || (err = r1cs_new_wires(s, 2 * CNN_BITS, &b0)))
        return err;
    r1cs_lc *x = &lc[0], *w = &lc[1], *sum = &lc[2];
    for (uint32_t j = 0; j < CNN_MACS; j++) {
        /* Activations from wires 1 .. 256, weights from 257 .. 512. */
        uint32_t xa = 1 + (idx * 7 + j * 13) % CNN_POOL, wb = 1 + CNN_POOL + (idx * 11 + j) % CNN_POOL;
        prods[j] = p0 + j;
        r1cs_lc_clear(x);
        r1cs_lc_clear(w);
        r1cs_lc_clear(sum);
        if ((err = r1cs_lc_push_i64(x, xa, 1)) || (err = r1cs_lc_push_i64(w, wb, 1)) ||
            (err = r1cs_lc_push_i64(sum, prods[j], 1)) || (err = r1cs_add(s, x, w, sum)) ||
            (err = r1cs_hint_mul(s, prods[j], x, w)))
            return err;
    }
    for (uint32_t k = 0; k < 2 * CNN_BITS; k++)
        bits[k] = b0 + k;
    if ((err = r1cs_hint_fn_add(s, hint_rescale, NULL, prods, CNN_MACS, bits, 2 * CNN_BITS)))
        return err;
    for (uint32_t k = 0; k < 2 * CNN_BITS; k++) {
        r1cs_lc_clear(x);
        r1cs_lc_clear(w);
        if ((err = r1cs_lc_push_i64(x, bits[k], 1)) || (err = r1cs_lc_push_i64(w, bits[k], 1)) ||
            (err = r1cs_lc_push_i64(w, 0, -1)) || (err = r1cs_add(s, x, w, NULL)))
            return err;
    }
    /* Σ p_j + 2^15 = Σ 2^k·t_k + Σ 2^(16+k)·q_k. */
    r1cs_lc_clear(x);
    r1cs_lc_clear(w);
    for (uint32_t j = 0; j < CNN_MACS && !err; j++)
        err = r1cs_lc_push_i64(x, prods[j], 1);
    if (!err)
        err = r1cs_lc_push_i64(x, 0, (int64_t)1 << (CNN_BITS - 1));
    fr_t pow;
    fr_one(&pow);
    for (uint32_t k = 0; k < 2 * CNN_BITS && !err; k++) {
        err = r1cs_lc_push(w, bits[k], &pow);
        fr_dbl(&pow, &pow);
    }
    return err ? err : r1cs_add_eq(s, x, w);
}

zk_err groth16_demo_cnn(r1cs *s, uint32_t m, uint32_t *neurons_out)
{
    r1cs_init(s);
    uint32_t neurons = (m + 64) / 65;
    if (neurons == 0)
        return ZK_EINVAL;
    /* Wires: 0 the constant, 1 the public activation, then 511 private pool values. */
    zk_err err = r1cs_set_io(s, 0, 1, 2 * CNN_POOL - 1);
    r1cs_lc lc[3];
    for (int i = 0; i < 3; i++)
        r1cs_lc_init(&lc[i]);
    for (uint32_t n = 0; !err && n < neurons; n++)
        err = cnn_neuron(s, n, lc);
    for (int i = 0; i < 3; i++)
        r1cs_lc_free(&lc[i]);
    if (neurons_out)
        *neurons_out = neurons;
    return err;
}

void groth16_demo_cnn_inputs(fr_t inputs[512], uint64_t seed)
{
    for (size_t i = 0; i < 2 * CNN_POOL; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        fr_from_u64(&inputs[i], (z ^ (z >> 27)) & 0xff);
    }
}

void groth16_demo_inputs(const r1cs *s, fr_t *inputs, uint64_t seed)
{
    size_t n = (size_t)s->n_pub_in + s->n_prv_in;
    if (s->n_pub_out == 1 && n == 1) {
        fr_from_u64(&inputs[0], 3);
        return;
    }
    /* splitmix64: any spread of 64-bit values will do. */
    for (size_t i = 0; i < n; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        fr_from_u64(&inputs[i], z ^ (z >> 31));
    }
}

zk_err groth16_demo_witness(fr_t **w, const r1cs *s, uint64_t seed)
{
    size_t n_in = (size_t)s->n_pub_in + s->n_prv_in;
    fr_t *in = zk_alloc(n_in ? n_in : 1, sizeof *in);
    *w = zk_alloc(s->n_wires, sizeof **w);
    zk_err err = in && *w ? ZK_OK : ZK_ENOMEM;
    if (!err) {
        groth16_demo_inputs(s, in, seed);
        err = r1cs_solve(s, *w, in, NULL);
    }
    zk_free(in);
    if (err) {
        zk_free(*w);
        *w = NULL;
    }
    return err;
}

zk_err groth16_demo_key_make(groth16_demo_key *k, const r1cs *s, zk_rng *rng, bool secret,
                             const zk_events *ev)
{
    memset(k, 0, sizeof *k);
    groth16_cs cs;
    zk_err err = groth16_cs_from_r1cs(&cs, s);
    if (err)
        return err;
    k->log_domain = groth16_cs_log_domain(&cs);
    if (secret) {
        err = groth16_setup_secrets(&k->pk, &cs, rng, ev);
    } else {
        groth16_toxic t;
        groth16_toxic_random(&t, rng);
        err = groth16_setup_toxic(&k->pk, &cs, &t, false, ev);
        groth16_toxic_wipe(&t);
    }
    groth16_cs_free(&cs);
    if (!err)
        err = groth16_vk_from_pk(&k->vk, &k->pk);
    if (err) {
        unsigned log_domain = k->log_domain;
        groth16_demo_key_free(k);
        k->log_domain = log_domain;
    }
    return err;
}

void groth16_demo_key_free(groth16_demo_key *k)
{
    groth16_pk_free(&k->pk);
    groth16_vk_free(&k->vk);
}
