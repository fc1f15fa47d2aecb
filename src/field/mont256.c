/* Montgomery multiplication kernels, their selection, and the operations
 * built from multiplication: conversion, powers, Fermat inversion, batch
 * inversion, square roots. */
#include "field/mont256.h"

#include <sodium.h>
#include <string.h>

#include "core/cpu.h"

/* Portable CIOS (coarsely integrated operand scanning; Koç, Acar, Kaliski,
 * "Analyzing and comparing Montgomery multiplication algorithms", 1996).
 *
 * Invariant: with a, b < p < 2^255, the running total T stays below 2p after
 * every outer step, because (T + a·b_i + q·p)/2^64 < (2p + 2·2^64·p)/2^64.
 * So T fits in four words between steps and one conditional subtraction at
 * the end makes it canonical.
 *
 * One outer step: T += a·b_i, then T += q·p with q making the low word zero,
 * then T /= 2^64. Written as a macro because gcc -O2 keeps the four-trip
 * loop rolled, which costs a third of the speed. */
#define CIOS_STEP(bi)                                                   \
    do {                                                                \
        zk_u128 c_;                                                     \
        uint64_t t4_, q_;                                               \
        c_ = (zk_u128)a[0] * (bi) + t0;                                 \
        t0 = (uint64_t)c_;                                              \
        c_ = (zk_u128)a[1] * (bi) + t1 + (uint64_t)(c_ >> 64);          \
        t1 = (uint64_t)c_;                                              \
        c_ = (zk_u128)a[2] * (bi) + t2 + (uint64_t)(c_ >> 64);          \
        t2 = (uint64_t)c_;                                              \
        c_ = (zk_u128)a[3] * (bi) + t3 + (uint64_t)(c_ >> 64);          \
        t3 = (uint64_t)c_;                                              \
        t4_ = (uint64_t)(c_ >> 64);                                     \
        q_ = t0 * n0;                                                   \
        c_ = (zk_u128)q_ * p[0] + t0;                                   \
        c_ = (zk_u128)q_ * p[1] + t1 + (uint64_t)(c_ >> 64);            \
        t0 = (uint64_t)c_;                                              \
        c_ = (zk_u128)q_ * p[2] + t2 + (uint64_t)(c_ >> 64);            \
        t1 = (uint64_t)c_;                                              \
        c_ = (zk_u128)q_ * p[3] + t3 + (uint64_t)(c_ >> 64);            \
        t2 = (uint64_t)c_;                                              \
        t3 = t4_ + (uint64_t)(c_ >> 64); /* < 2^64 by the invariant */  \
    } while (0)

void mont256_mul_portable(uint64_t r[4], const uint64_t a[4],
                             const uint64_t b[4], const mont256 *m)
{
    const uint64_t *p = m->p, n0 = m->n0;
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];   /* r may alias b */
    CIOS_STEP(b0);
    CIOS_STEP(b1);
    CIOS_STEP(b2);
    CIOS_STEP(b3);
    const uint64_t t[4] = {t0, t1, t2, t3};
    mont256_reduce_once(r, t, 0, m);
}

/* Squaring: the 512-bit square with each cross product a_i·a_j (i < j)
 * taken once and doubled, then Montgomery's reduction of it one word at a
 * time (separated operand scanning; Koç, Acar and Kaliski, as above). The
 * C twin of mont256_sqr_adx, which follows the same steps. */
void mont256_sqr_portable(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    uint64_t w[8] = {0}, carry;
    zk_u128 t;
    /* Cross products into w[1..6]. */
    for (int i = 0; i < 3; i++) {
        carry = 0;
        for (int j = i + 1; j < 4; j++) {
            t = (zk_u128)a[i] * a[j] + w[i + j] + carry;
            w[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        w[i + 4] = carry;
    }
    /* Doubled, plus the squares a_i^2 at w[2i]. */
    w[7] = w[6] >> 63;
    for (int k = 6; k > 0; k--)
        w[k] = (w[k] << 1) | (w[k - 1] >> 63);
    carry = 0;
    for (int i = 0; i < 4; i++) {
        zk_u128 sq = (zk_u128)a[i] * a[i];
        MONT256_ADC(w[2 * i], w[2 * i], (uint64_t)sq, carry);
        MONT256_ADC(w[2 * i + 1], w[2 * i + 1], (uint64_t)(sq >> 64), carry);
    }
    /* Reduce the low half: adding q·p at word i clears word i; the row's
     * carry out, owed to word i + 4, waits in hi[i], so words below 4
     * are complete when their turn comes. */
    uint64_t hi[4] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t q = w[i] * m->n0;
        carry = 0;
        for (int j = 0; j < 4; j++) {
            t = (zk_u128)q * m->p[j] + w[i + j] + carry;
            w[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        hi[i] = carry;   /* owed to word i + 4 */
    }
    /* w[4..7] + hi·2^0..3 words = (a^2 + Q·p)/2^256 < 2p < 2^256. */
    uint64_t s[4];
    carry = 0;
    MONT256_ADC(s[0], w[4], hi[0], carry);
    MONT256_ADC(s[1], w[5], hi[1], carry);
    MONT256_ADC(s[2], w[6], hi[2], carry);
    MONT256_ADC(s[3], w[7], hi[3], carry);
    mont256_reduce_once(r, s, carry, m);
}

void mont256_add_portable(uint64_t r[4], const uint64_t a[4],
                             const uint64_t b[4], const mont256 *m)
{
    uint64_t s[4], carry = 0;
    MONT256_ADC(s[0], a[0], b[0], carry);
    MONT256_ADC(s[1], a[1], b[1], carry);
    MONT256_ADC(s[2], a[2], b[2], carry);
    MONT256_ADC(s[3], a[3], b[3], carry);
    mont256_reduce_once(r, s, carry, m);
}

void mont256_sub_portable(uint64_t r[4], const uint64_t a[4],
                             const uint64_t b[4], const mont256 *m)
{
    uint64_t d[4], borrow = 0, carry = 0;
    MONT256_SBB(d[0], a[0], b[0], borrow);
    MONT256_SBB(d[1], a[1], b[1], borrow);
    MONT256_SBB(d[2], a[2], b[2], borrow);
    MONT256_SBB(d[3], a[3], b[3], borrow);
    /* Add p back when a < b. */
    uint64_t mask = (uint64_t)0 - borrow;
    MONT256_ADC(r[0], d[0], m->p[0] & mask, carry);
    MONT256_ADC(r[1], d[1], m->p[1] & mask, carry);
    MONT256_ADC(r[2], d[2], m->p[2] & mask, carry);
    MONT256_ADC(r[3], d[3], m->p[3] & mask, carry);
}

/* The steps of a batch of affine additions (mont256.h), one after the
 * other with the selected kernels: the C twin of mont256_chord2_adx. */
void mont256_chord2_portable(uint64_t *xy, uint64_t *acc,
                                const uint64_t *pre, const uint64_t *den,
                                const mont256 *m)
{
    for (int i = 0; i < 2; i++) {
        uint64_t inv[4], lam[4], x3[4], t[4];
        uint64_t *xb = xy + 16 * i, *yb = xb + 4, *xp = xb + 8, *yp = xb + 12;
        uint64_t *a = acc + 4 * i;
        mont256_mul(inv, a, pre + 4 * i, m);
        mont256_mul(a, a, den + 4 * i, m);
        mont256_sub(t, yp, yb, m);
        mont256_mul(lam, t, inv, m);
        mont256_sqr(x3, lam, m);
        mont256_sub(x3, x3, xb, m);
        mont256_sub(x3, x3, xp, m);
        mont256_sub(t, xb, x3, m);
        mont256_mul(t, t, lam, m);
        mont256_sub(yb, t, yb, m);
        memcpy(xb, x3, sizeof x3);
    }
}

static const mont256_kernels kernels_portable = {
    mont256_mul_portable, mont256_sqr_portable, mont256_add_portable,
    mont256_sub_portable, mont256_chord2_portable, "portable",
};
#if defined(__x86_64__)
static const mont256_kernels kernels_x86 = {
    mont256_mul_portable, mont256_sqr_portable, mont256_add_x86,
    mont256_sub_x86, mont256_chord2_portable, "x86-64",
};
static const mont256_kernels kernels_adx = {
    mont256_mul_adx, mont256_sqr_adx, mont256_add_x86,
    mont256_sub_x86, mont256_chord2_adx, "adx",
};
#endif

mont256_kernels mont256_k = {
    mont256_mul_portable, mont256_sqr_portable, mont256_add_portable,
    mont256_sub_portable, mont256_chord2_portable, "portable",
};

bool mont256_select(const char *name)
{
    const mont256_kernels *k = NULL;
    if (strcmp(name, "portable") == 0)
        k = &kernels_portable;
#if defined(__x86_64__)
    const zk_cpu *cpu = zk_cpu_get();
    if (strcmp(name, "x86-64") == 0)
        k = &kernels_x86;
    if (strcmp(name, "adx") == 0 && cpu->bmi2 && cpu->adx)
        k = &kernels_adx;
#endif
    if (!k)
        return false;
    mont256_k = *k;
    return true;
}

/* r = x mod p for any 256-bit x, in constant time in x: p·2^s is
 * subtracted for s from 256 - bits(p) down to 0 whenever that does not
 * borrow (before step s, x < p·2^(s+1); after it, x < p·2^s). */
static void reduce_u256(uint64_t r[4], const uint64_t x[4], const mont256 *m)
{
    uint64_t t[4] = {x[0], x[1], x[2], x[3]};
    for (int s = 256 - (int)m->bits; s >= 0; s--) {
        uint64_t ps[4], d[4], borrow = 0;
        int w = s / 64, b = s % 64;
        for (int i = 3; i >= 0; i--) {
            uint64_t hi = i - w >= 0 ? m->p[i - w] : 0;
            uint64_t lo = i - w - 1 >= 0 ? m->p[i - w - 1] : 0;
            ps[i] = b ? (hi << b) | (lo >> (64 - b)) : hi;
        }
        for (int i = 0; i < 4; i++)
            MONT256_SBB(d[i], t[i], ps[i], borrow);
        mont256_cmov(t, d, borrow == 0);
    }
    for (int i = 0; i < 4; i++)
        r[i] = t[i];
}

void mont256_from_int(uint64_t r[4], const uint64_t x[4], const mont256 *m)
{
    /* The kernels' bound (a·b < p·R with four-word intermediates) wants
     * x < p: reduce first, then x·R²/R. */
    uint64_t xr[4];
    reduce_u256(xr, x, m);
    mont256_mul(r, xr, m->r2, m);
}

void mont256_to_int(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    static const uint64_t raw_one[4] = {1, 0, 0, 0};
    mont256_mul(r, a, raw_one, m);
}

/* Fixed 4-bit windows from the top: 4 squarings and one multiplication per
 * window whatever the digit, so the time depends on e's length only. */
void mont256_pow(uint64_t r[4], const uint64_t a[4], const uint64_t e[4],
                    const mont256 *m)
{
    uint64_t table[16][4], acc[4];
    memcpy(table[0], m->one, 32);
    memcpy(table[1], a, 32);
    for (int i = 2; i < 16; i++)
        mont256_mul(table[i], table[i - 1], a, m);
    int top = 63;
    while (top > 0 && ((e[top / 16] >> (4 * (top % 16))) & 15) == 0)
        top--;
    memcpy(acc, table[(e[top / 16] >> (4 * (top % 16))) & 15], 32);
    for (int w = top - 1; w >= 0; w--) {
        for (int k = 0; k < 4; k++)
            mont256_sqr(acc, acc, m);
        mont256_mul(acc, acc, table[(e[w / 16] >> (4 * (w % 16))) & 15], m);
    }
    memcpy(r, acc, 32);
    sodium_memzero(table, sizeof table);
    sodium_memzero(acc, sizeof acc);
}

zk_err mont256_inv(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    /* a^(p-2) = a^-1 for a != 0, and 0^(p-2) = 0. */
    bool zero = mont256_is_zero(a);
    mont256_pow(r, a, m->p_minus_2, m);
    return zero ? ZK_EZERO : ZK_OK;
}

void mont256_batch_inv(uint64_t (*out)[4], const uint64_t (*in)[4], size_t n,
                          uint64_t (*scratch)[4], const mont256 *m)
{
    if (n == 0)
        return;
    /* scratch[i] = product of the non-zero in[0..i-1]; zeros count as one. */
    uint64_t acc[4], x[4];
    memcpy(acc, m->one, 32);
    for (size_t i = 0; i < n; i++) {
        memcpy(scratch[i], acc, 32);
        memcpy(x, in[i], 32);
        mont256_cmov(x, m->one, mont256_is_zero(in[i]));
        mont256_mul(acc, acc, x, m);
    }
    mont256_inv(acc, acc, m);
    /* Walk back: acc = (in[0]·…·in[i])^-1, so in[i]^-1 = acc·scratch[i]. */
    for (size_t i = n; i-- > 0;) {
        memcpy(x, in[i], 32);
        bool zero = mont256_is_zero(x);
        mont256_cmov(x, m->one, zero);
        mont256_mul(out[i], acc, scratch[i], m);
        mont256_mul(acc, acc, x, m);
        uint64_t zero_elt[4] = {0, 0, 0, 0};
        mont256_cmov(out[i], zero_elt, zero);
    }
    sodium_memzero(acc, sizeof acc);
    sodium_memzero(x, sizeof x);
}

int mont256_legendre(const uint64_t a[4], const mont256 *m)
{
    uint64_t e[4];
    if (mont256_is_zero(a))
        return 0;
    mont256_pow(e, a, m->p_minus_1_half, m);
    return mont256_eq(e, m->one) ? 1 : -1;
}

/* Tonelli-Shanks (Cohen, "A Course in Computational Algebraic Number
 * Theory", algorithm 1.5.1), with p - 1 = 2^s·t and c = z^t for a
 * non-residue z. Variable-time. */
zk_err mont256_sqrt(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    uint64_t w[4], x[4], b[4], c[4], tmp[4];
    if (mont256_is_zero(a)) {
        memset(r, 0, 32);
        return ZK_OK;
    }
    mont256_pow(w, a, m->t_minus_1_half, m);   /* a^((t-1)/2) */
    mont256_mul(x, a, w, m);                     /* a^((t+1)/2) */
    mont256_mul(b, x, w, m);                     /* a^t */
    memcpy(c, m->nqr_t, 32);
    unsigned v = m->two_adicity;
    while (!mont256_eq(b, m->one)) {
        /* Least k with b^(2^k) = 1; k = v means a is not a square. */
        unsigned k = 0;
        memcpy(tmp, b, 32);
        while (!mont256_eq(tmp, m->one)) {
            mont256_sqr(tmp, tmp, m);
            if (++k == v)
                return ZK_ENOSQRT;
        }
        memcpy(w, c, 32);
        for (unsigned i = 0; i < v - k - 1; i++)
            mont256_sqr(w, w, m);
        mont256_mul(x, x, w, m);
        mont256_sqr(c, w, m);
        mont256_mul(b, b, c, m);
        v = k;
    }
    memcpy(r, x, 32);
    return ZK_OK;
}

void mont256_random(uint64_t r[4], zk_rng *rng, const mont256 *m)
{
    uint8_t buf[32];
    uint64_t x[4], mask[4];
    for (int i = 0; i < 4; i++) {
        int have = (int)m->bits - 64 * i;   /* bits of p that fall in limb i */
        mask[i] = have >= 64 ? ~(uint64_t)0 : have <= 0 ? 0 : (((uint64_t)1 << have) - 1);
    }
    /* Rejection sampling on [0, 2^bits): at most two tries expected. */
    do {
        zk_random_bytes(rng, buf, sizeof buf);
        for (int i = 0; i < 4; i++) {
            x[i] = 0;
            for (int j = 0; j < 8; j++)
                x[i] |= (uint64_t)buf[8 * i + j] << (8 * j);
        }
        for (int i = 0; i < 4; i++)
            x[i] &= mask[i];
    } while (u256_cmp(x, m->p) >= 0);
    mont256_from_int(r, x, m);
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(x, sizeof x);
}
