#include "field/fr.h"

/* Constants derived from r and checked against GMP by tests/unit/test_mont256.c.
 * The smallest quadratic non-residue mod r is 5, as in ffjavascript. */
const mont256 fr_params = {
    .p = {0x43e1f593f0000001u, 0x2833e84879b97091u, 0xb85045b68181585du, 0x30644e72e131a029u},
    .n0 = 0xc2e1f593efffffffu,
    .one = {0xac96341c4ffffffbu, 0x36fc76959f60cd29u, 0x666ea36f7879462eu, 0x0e0a77c19a07df2fu},
    .r2 = {0x1bb8e645ae216da7u, 0x53fe3ab1e35c59e3u, 0x8c49833d53bb8085u, 0x0216d0b17f4e44a5u},
    .r3 = {0x5e94d8e1b4bf0040u, 0x2a489cbe1cfbb6b8u, 0x893cc664a19fcfedu, 0x0cf8594b7fcc657cu},
    .p_minus_2 = {0x43e1f593efffffffu, 0x2833e84879b97091u, 0xb85045b68181585du, 0x30644e72e131a029u},
    .p_minus_1_half = {0xa1f0fac9f8000000u, 0x9419f4243cdcb848u, 0xdc2822db40c0ac2eu, 0x183227397098d014u},
    .two_adicity = 28,
    .t_minus_1_half = {0xcdcb848a1f0fac9fu, 0x0c0ac2e9419f4243u, 0x098d014dc2822db4u, 0x0000000183227397u},
    .nqr_t = {0x636e735580d13d9cu, 0xa22bf3742445ffd6u, 0x56452ac01eb203d8u, 0x1860ef942963f9e7u},
    .pinv62 = 0x3d1e0a6c10000001u,
    .bits = 254,
    .name = "bn254 Fr",
};

/* 5^((r-1)/2^28), the ffjavascript Fr.w[28]; ../shared/data/vectors/bn254_misc
 * lists it as Fr_root_of_unity_2_28 (plain integer). */
static const uint64_t root_2_28[4] = {
    0x9bd61b6e725b19f0u, 0x402d111e41112ed4u, 0x00e0a7eb8ef62abcu, 0x2a3c09f0a58a7e85u,
};

zk_err fr_root_of_unity(fr_t *r, unsigned log2n)
{
    if (log2n > FR_TWO_ADICITY)
        return ZK_EINVAL;
    fr_from_int(r, root_2_28);
    for (unsigned k = FR_TWO_ADICITY; k > log2n; k--)
        fr_sqr(r, r);
    return ZK_OK;
}
