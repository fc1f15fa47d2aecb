#include "snark/groth16_demo.h"

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
