/* EIP-197 input: decoding and validating untrusted pairs through the group
 * code's decoders (curve/encode.h: canonical coordinates, on the curve, G2
 * in the subgroup by the ψ test), then one multi-pairing check. Everything
 * here works on public data and is variable-time. */
#include "curve/encode.h"
#include "curve/pairing.h"

zk_err bn254_eip197_read_pair(bn254_g1_aff *P, bn254_g2_aff *Q,
                              const uint8_t in[BN254_EIP197_PAIR_BYTES])
{
    zk_err err = g1_decode_eip196(P, in, 64);
    if (!err)
        err = g2_decode_eip197(Q, in + 64, 128);
    return err;
}

/* Pairs decoded and paired per pass: bounds the stack without allocating. */
#define EIP197_BATCH 8

zk_err bn254_pairing_check_eip197(const uint8_t *in, size_t len, bool *ok)
{
    if (!ok)
        return ZK_EINVAL;
    *ok = false;
    if (len % BN254_EIP197_PAIR_BYTES != 0 || (len > 0 && !in))
        return ZK_EFORMAT;
    size_t n = len / BN254_EIP197_PAIR_BYTES;
    /* Validate everything before any pairing work: a bad last pair must not
     * cost Miller loops first. The Miller loops then run in batches, which
     * bounds the stack without allocating; validated pairs are decoded again
     * without the checks' cost, since only the subgroup test is expensive. */
    for (size_t i = 0; i < n; i++) {
        bn254_g1_aff P;
        bn254_g2_aff Q;
        zk_err err = bn254_eip197_read_pair(&P, &Q, in + i * BN254_EIP197_PAIR_BYTES);
        if (err)
            return err;
    }
    bn254_g1_aff P[EIP197_BATCH];
    bn254_g2_aff Q[EIP197_BATCH];
    fq12_t acc, f;
    fq12_one(&acc);
    for (size_t i = 0; i < n; i += EIP197_BATCH) {
        size_t k = n - i < EIP197_BATCH ? n - i : EIP197_BATCH;
        for (size_t j = 0; j < k; j++)
            (void)bn254_eip197_read_pair(&P[j], &Q[j], in + (i + j) * BN254_EIP197_PAIR_BYTES);
        bn254_miller_loop_multi(&f, P, Q, k);
        fq12_mul(&acc, &acc, &f);
    }
    bn254_final_exp(&acc, &acc);
    *ok = fq12_is_one(&acc);
    return ZK_OK;
}
