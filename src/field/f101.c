#include "field/f101.h"

f101_t f101_pow(f101_t a, uint64_t e)
{
    f101_t r = 1;
    while (e) {
        if (e & 1)
            r = f101_mul(r, a);
        a = f101_mul(a, a);
        e >>= 1;
    }
    return r;
}

zk_err f101_inv(f101_t *r, f101_t a)
{
    *r = f101_pow(a, F101_P - 2);
    return a == 0 ? ZK_EZERO : ZK_OK;
}

zk_err f101_root_of_unity(f101_t *r, unsigned log2n)
{
    if (log2n > F101_TWO_ADICITY)
        return ZK_EINVAL;
    *r = f101_pow(F101_GENERATOR, (uint64_t)(F101_P - 1) >> log2n);
    return ZK_OK;
}

f101_t f101_random(zk_rng *rng)
{
    return zk_random_below(rng, F101_P);
}
