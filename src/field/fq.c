#include "field/fq.h"

/* Constants derived from q and checked against GMP by tests/unit/test_mont256.c.
 * The smallest quadratic non-residue mod q is 3. */
const mont256 fq_params = {
    .p = {0x3c208c16d87cfd47u, 0x97816a916871ca8du, 0xb85045b68181585du, 0x30644e72e131a029u},
    .n0 = 0x87d20782e4866389u,
    .one = {0xd35d438dc58f0d9du, 0x0a78eb28f5c70b3du, 0x666ea36f7879462cu, 0x0e0a77c19a07df2fu},
    .r2 = {0xf32cfc5b538afa89u, 0xb5e71911d44501fbu, 0x47ab1eff0a417ff6u, 0x06d89f71cab8351fu},
    .r3 = {0xb1cd6dafda1530dfu, 0x62f210e6a7283db6u, 0xef7f0b0c0ada0afbu, 0x20fd6e902d592544u},
    .p_minus_2 = {0x3c208c16d87cfd45u, 0x97816a916871ca8du, 0xb85045b68181585du, 0x30644e72e131a029u},
    .p_minus_1_half = {0x9e10460b6c3e7ea3u, 0xcbc0b548b438e546u, 0xdc2822db40c0ac2eu, 0x183227397098d014u},
    .two_adicity = 1,
    .t_minus_1_half = {0x4f082305b61f3f51u, 0x65e05aa45a1c72a3u, 0x6e14116da0605617u, 0x0c19139cb84c680au},
    .nqr_t = {0x68c3488912edefaau, 0x8d087f6872aabf4fu, 0x51e1a24709081231u, 0x2259d6b14729c0fau},
    .pinv62 = 0x382df87d1b799c77u,
    .bits = 254,
    .name = "bn254 Fq",
};
