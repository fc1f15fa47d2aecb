#include "hash/poseidon_bn254.h"

#include <string.h>

static void sbox(fr_t *x)
{
    fr_t x2, x4;
    fr_sqr(&x2, x);
    fr_sqr(&x4, &x2);
    fr_mul(x, &x4, x);
}

zk_err poseidon_bn254_hash_ex(fr_t *out, size_t n_out, const fr_t *in, size_t n,
                              const fr_t *initial)
{
    if (n < 1 || n > POSEIDON_BN254_MAX_INPUTS || n_out < 1 || n_out > n + 1)
        return ZK_EINVAL;
    const poseidon_bn254_params *p = &poseidon_bn254_table[n - 1];
    const unsigned t = p->t, rounds = p->full_rounds + p->partial_rounds;
    const unsigned half = p->full_rounds / 2;
    fr_t st[POSEIDON_BN254_MAX_T], nx[POSEIDON_BN254_MAX_T];
    /* The tables hold plain integers; converting the matrix once per call
     * keeps the inner loop to Montgomery multiplications. */
    fr_t m[POSEIDON_BN254_MAX_T * POSEIDON_BN254_MAX_T];
    for (unsigned i = 0; i < t * t; i++)
        fr_from_int(&m[i], p->m[i]);
    st[0] = *initial;
    memcpy(st + 1, in, n * sizeof *in);
    for (unsigned r = 0; r < rounds; r++) {
        for (unsigned i = 0; i < t; i++) {
            fr_t c;
            fr_from_int(&c, p->c[r * t + i]);
            fr_add(&st[i], &st[i], &c);
        }
        bool full = r < half || r >= half + p->partial_rounds;
        for (unsigned i = 0; i < (full ? t : 1); i++)
            sbox(&st[i]);
        for (unsigned i = 0; i < t; i++) {
            fr_zero(&nx[i]);
            for (unsigned j = 0; j < t; j++) {
                fr_t prod;
                fr_mul(&prod, &m[i * t + j], &st[j]);
                fr_add(&nx[i], &nx[i], &prod);
            }
        }
        memcpy(st, nx, t * sizeof *st);
    }
    memcpy(out, st, n_out * sizeof *out);
    return ZK_OK;
}

zk_err poseidon_bn254_hash(fr_t *out, const fr_t *in, size_t n)
{
    fr_t zero;
    fr_zero(&zero);
    return poseidon_bn254_hash_ex(out, 1, in, n, &zero);
}
