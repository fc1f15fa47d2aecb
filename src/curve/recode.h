/* Scalar recodings shared by the G1 and G2 scalar multiplications, the
 * fixed-base tables and the multi-scalar multiplication.
 *
 * Scalars here are plain 256-bit integers in four little-endian 64-bit limbs
 * (not Montgomery form). Two recodings:
 *
 * wNAF (width-w non-adjacent form; Hankerson, Menezes, Vanstone, "Guide to
 * Elliptic Curve Cryptography", Algorithm 3.35): digits that are zero or odd
 * with |d| < 2^(w-1), at most one non-zero digit in any w consecutive ones.
 * Variable-time: for public scalars only.
 *
 * Signed fixed windows of c bits: k = Σ d_j·2^(cj) with d_j in
 * [-2^(c-1), 2^(c-1)]. The usual recoding walks the windows from the bottom
 * and carries 1 into the next window whenever a digit exceeds 2^(c-1) - 1.
 * The carry into window j is then exactly bit cj - 1 of k (the partial sum
 * of the lower digits lies in [-2^(cj-1), 2^(cj-1)), so the carry is 1 iff
 * k mod 2^(cj) >= 2^(cj-1)), which lets any digit be computed on its own
 * from c + 1 bits of k: d_j = raw_j + bit(cj - 1) - 2^c·bit(cj + c - 1).
 * With windows·c >= bits(k) + 1 the top window never carries out. */
#ifndef ZK_CURVE_RECODE_H
#define ZK_CURVE_RECODE_H

#include "core/types.h"

/* Enough digits for any 256-bit scalar in wNAF (one more than the bits). */
#define RECODE_WNAF_MAX 257

/* Writes the wNAF digits of k, least significant first, and returns how
 * many there are (0 for k = 0). 2 <= w <= 7. Variable-time. */
size_t recode_wnaf(int8_t digits[RECODE_WNAF_MAX], const uint64_t k[4], unsigned w);

/* len <= 33 bits of k starting at bit pos; bits above 255 read as zero. */
static inline uint64_t recode_bits(const uint64_t k[4], unsigned pos, unsigned len)
{
    unsigned limb = pos / 64, off = pos % 64;
    if (limb >= 4)
        return 0;
    uint64_t v = k[limb] >> off;
    if (off != 0 && off + len > 64 && limb + 1 < 4)
        v |= k[limb + 1] << (64 - off);
    return v & (((uint64_t)1 << len) - 1);
}

/* The signed digit of window j (bits cj .. cj + c - 1), 1 <= c <= 31, by the
 * rule above. Branch-free, so usable on secret scalars. */
static inline int32_t recode_window(const uint64_t k[4], unsigned j, unsigned c)
{
    uint64_t raw, carry;
    if (j == 0) {
        raw = recode_bits(k, 0, c);
        carry = 0;
    } else {
        uint64_t w = recode_bits(k, j * c - 1, c + 1);
        carry = w & 1;
        raw = w >> 1;
    }
    int64_t d = (int64_t)(raw + carry) - (int64_t)((raw >> (c - 1)) << c);
    return (int32_t)d;
}

/* Bit length of k (0 for k = 0). */
unsigned recode_bit_length(const uint64_t k[4]);

#endif
