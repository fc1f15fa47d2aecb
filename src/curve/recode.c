#include "curve/recode.h"

size_t recode_wnaf(int8_t digits[RECODE_WNAF_MAX], const uint64_t k[4], unsigned w)
{
    /* A fifth limb absorbs the carry of k - d for negative d near 2^256. */
    uint64_t e[5] = {k[0], k[1], k[2], k[3], 0};
    const uint64_t mask = ((uint64_t)1 << w) - 1, half = (uint64_t)1 << (w - 1);
    size_t n = 0;
    while ((e[0] | e[1] | e[2] | e[3] | e[4]) != 0) {
        int d = 0;
        if (e[0] & 1) {
            uint64_t m = e[0] & mask;
            if (m >= half) {
                /* d = m - 2^w < 0: e -= d adds 2^w - m. */
                d = (int)m - (int)(mask + 1);
                uint64_t add = (mask + 1) - m, carry = add;
                for (int i = 0; i < 5 && carry; i++) {
                    e[i] += carry;
                    carry = e[i] < carry;
                }
            } else {
                d = (int)m;
                e[0] -= m;   /* clears the low bits, no borrow */
            }
        }
        digits[n++] = (int8_t)d;
        for (int i = 0; i < 4; i++)
            e[i] = (e[i] >> 1) | (e[i + 1] << 63);
        e[4] >>= 1;
    }
    return n;
}

unsigned recode_bit_length(const uint64_t k[4])
{
    for (int i = 3; i >= 0; i--) {
        if (k[i]) {
            unsigned b = 64;
            while (!((k[i] >> (b - 1)) & 1))
                b--;
            return 64 * (unsigned)i + b;
        }
    }
    return 0;
}
