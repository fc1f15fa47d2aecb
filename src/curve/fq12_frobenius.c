/* The Frobenius maps a -> a^(q^k) of Fq12 (curve/fq12.h).
 *
 * With a = Σ a_i w^i (a_i in Fq2, i = 0..5) and w^6 = ξ,
 *   a^(q^k) = Σ a_i^(q^k) w^(i q^k) = Σ conj^k(a_i)·γ_{k,i}·w^i,
 *   γ_{k,i} = w^(i(q^k - 1)) = ξ^(i(q^k - 1)/6),
 * because raising to q is a ring map, a_i^q is the conjugate in Fq2, and
 * w^(q^k) = w·(w^6)^((q^k - 1)/6). 6 divides q^k - 1 since q ≡ 1 (mod 6).
 *
 * The tables below are γ_{k,i} in Montgomery form, printed by
 * scripts/gen_bn254_frobenius.py from that definition; test_fq12.c recomputes
 * each one by exponentiation and checks the maps against a^(q^k). */
#include "curve/fq12.h"

const fq2_t fq12_frob_gamma1[5] = {
    {{{0xaf9ba69633144907u, 0xca6b1d7387afb78au, 0x11bded5ef08a2087u, 0x02f34d751a1f3a7cu}},
     {{0xa222ae234c492d72u, 0xd00f02a4565de15bu, 0xdc2ff3a253dfc926u, 0x10a75716b3899551u}}},   /* i = 1 */
    {{{0xb5773b104563ab30u, 0x347f91c8a9aa6454u, 0x7a007127242e0991u, 0x1956bcd8118214ecu}},
     {{0x6e849f1ea0aa4757u, 0xaa1c7b6d89f89141u, 0xb6e713cdfae0ca3au, 0x26694fbb4e82ebc3u}}},   /* i = 2 */
    {{{0xe4bbdd0c2936b629u, 0xbb30f162e133bacbu, 0x31a9d1b6f9645366u, 0x253570bea500f8ddu}},
     {{0xa1d77ce45ffe77c7u, 0x07affd117826d1dbu, 0x6d16bd27bb7edc6bu, 0x2c87200285defeccu}}},   /* i = 3 */
    {{{0x7361d77f843abe92u, 0xa5bb2bd3273411fbu, 0x9c941f314b3e2399u, 0x15df9cddbb9fd3ecu}},
     {{0x5dddfd154bd8c949u, 0x62cb29a5a4445b60u, 0x37bc870a0c7dd2b9u, 0x24830a9d3171f0fdu}}},   /* i = 4 */
    {{{0xc970692f41690fe7u, 0xe240342127694b0bu, 0x32bee66b83c459e8u, 0x12aabced0ab08841u}},
     {{0x0d485d2340aebfa9u, 0x05193418ab2fcc57u, 0xd3b0a40b8a4910f5u, 0x2f21ebb535d2925au}}},   /* i = 5 */
};
const fq_t fq12_frob_gamma2[5] = {
    {{0xca8d800500fa1bf2u, 0xf0c5d61468b39769u, 0x0e201271ad0d4418u, 0x04290f65bad856e6u}},   /* i = 1 */
    {{0x3350c88e13e80b9cu, 0x7dce557cdb5e56b9u, 0x6001b4b8b615564au, 0x2682e617020217e0u}},   /* i = 2 */
    {{0x68c3488912edefaau, 0x8d087f6872aabf4fu, 0x51e1a24709081231u, 0x2259d6b14729c0fau}},   /* i = 3 */
    {{0x71930c11d782e155u, 0xa6bb947cffbe3323u, 0xaa303344d4741444u, 0x2c3b3f0d26594943u}},   /* i = 4 */
    {{0x08cfc388c494f1abu, 0x19b315148d1373d4u, 0x584e90fdcb6c0213u, 0x09e1685bdf2f8849u}},   /* i = 5 */
};
const fq2_t fq12_frob_gamma3[5] = {
    {{{0x365316184e46d97du, 0x0af7129ed4c96d9fu, 0x659da72fca1009b5u, 0x08116d8983a20d23u}},
     {{0xb1df4af7c39c1939u, 0x3d9f02878a73bf7fu, 0x9b2220928caf0ae0u, 0x26684515eff054a6u}}},   /* i = 1 */
    {{{0xc9af22f716ad6badu, 0xb311782a4aa662b2u, 0x19eeaf64e248c7f4u, 0x20273e77e3439f82u}},
     {{0xacc02860f7ce93acu, 0x3933d5817ba76b4cu, 0x69e6188b446c8467u, 0x0a46036d4417cc55u}}},   /* i = 2 */
    {{{0x5764af0aaf46471eu, 0xdc50792e873e0fc1u, 0x86a673ff881d04f6u, 0x0b2eddb43c30a74cu}},
     {{0x9a490f32787e8580u, 0x8fd16d7ff04af8b1u, 0x4b39888ec6027bf2u, 0x03dd2e705b52a15du}}},   /* i = 3 */
    {{{0x448a93a57b6762dfu, 0xbfd62df528fdeadfu, 0xd858f5d00e9bd47au, 0x06b03d4d3476ec58u}},
     {{0x2b19daf4bcc936d1u, 0xa1a54e7a56f4299fu, 0xb533eee05adeaef1u, 0x170c812b84dda0b2u}}},   /* i = 4 */
    {{{0xe0bc4b2275cf559fu, 0xc238b945c154e60fu, 0x803982a5929a7d5eu, 0x15ce052df7e4a37eu}},
     {{0x2d28efbdbf3799a7u, 0x9b097e3c1ad60773u, 0x982d4113af4a535bu, 0x24e18991e3056063u}}},   /* i = 5 */
};

/* One coefficient of an odd power: r = conj(a)·γ. */
static void frob_coeff_odd(fq2_t *r, const fq2_t *a, const fq2_t *gamma)
{
    fq2_t t;
    fq2_conj(&t, a);
    fq2_mul(r, &t, gamma);
}

/* k = 1 or 3: conjugate every coefficient and scale by γ_{k,i}. */
static void frob_odd(fq12_t *r, const fq12_t *a, const fq2_t gamma[5])
{
    fq2_conj(&r->c0.c0, &a->c0.c0);                    /* w^0 */
    frob_coeff_odd(&r->c1.c0, &a->c1.c0, &gamma[0]);   /* w^1 */
    frob_coeff_odd(&r->c0.c1, &a->c0.c1, &gamma[1]);   /* w^2 */
    frob_coeff_odd(&r->c1.c1, &a->c1.c1, &gamma[2]);   /* w^3 */
    frob_coeff_odd(&r->c0.c2, &a->c0.c2, &gamma[3]);   /* w^4 */
    frob_coeff_odd(&r->c1.c2, &a->c1.c2, &gamma[4]);   /* w^5 */
}

/* k = 2: conj^2 is the identity and γ_{2,i} lies in Fq (two Fq products a
 * coefficient instead of three). */
static void frob2(fq12_t *r, const fq12_t *a)
{
    const fq_t *g = fq12_frob_gamma2;
    r->c0.c0 = a->c0.c0;
    fq2_mul_fq(&r->c1.c0, &a->c1.c0, &g[0]);
    fq2_mul_fq(&r->c0.c1, &a->c0.c1, &g[1]);
    fq2_mul_fq(&r->c1.c1, &a->c1.c1, &g[2]);
    fq2_mul_fq(&r->c0.c2, &a->c0.c2, &g[3]);
    fq2_mul_fq(&r->c1.c2, &a->c1.c2, &g[4]);
}

void fq12_frobenius(fq12_t *r, const fq12_t *a, unsigned k)
{
    k %= 12;
    if (k == 0) {
        *r = *a;
        return;
    }
    /* Steps of at most 3; a^(q^6) is the conjugate, a cheaper step of 6. */
    fq12_t t = *a;
    if (k >= 6) {
        fq12_conj(&t, &t);
        k -= 6;
    }
    while (k > 0) {
        unsigned step = k > 3 ? 3 : k;
        if (step == 2)
            frob2(&t, &t);
        else
            frob_odd(&t, &t, step == 1 ? fq12_frob_gamma1 : fq12_frob_gamma3);
        k -= step;
    }
    *r = t;
}
