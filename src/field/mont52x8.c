/* The portable kernels of field/mont52x8.h (the assembly's twin and test
 * oracle), the modulus conversion, and the kernel selection. */
#include "field/mont52x8.h"

#include <string.h>

#include "core/cpu.h"

#define MASK52 (((uint64_t)1 << 52) - 1)

void zk_mont52_from_mont256(zk_mont52 *r, const mont256 *m)
{
    const uint64_t *p = m->p;
    r->p[0] = p[0] & MASK52;
    r->p[1] = ((p[0] >> 52) | (p[1] << 12)) & MASK52;
    r->p[2] = ((p[1] >> 40) | (p[2] << 24)) & MASK52;
    r->p[3] = ((p[2] >> 28) | (p[3] << 36)) & MASK52;
    r->p[4] = p[3] >> 16;
    /* -p^-1 mod 2^64 reduces to -p^-1 mod 2^52. */
    r->n0 = m->n0 & MASK52;
}

/* Carries limbs 0..3 into the next, leaving them below 2^52; the top limb
 * keeps the rest. Limbs are read as signed so that a subtraction's borrows
 * propagate (an arithmetic shift is a floor division by 2^52). */
static void normalize(int64_t t[ZK_M52_LIMBS])
{
    for (int j = 0; j < ZK_M52_LIMBS - 1; j++) {
        /* Floor division by 2^52 without right-shifting a negative number
         * (implementation-defined in C). */
        int64_t c = t[j] >= 0 ? t[j] / ((int64_t)1 << 52)
                              : -((-t[j] + (int64_t)MASK52) / ((int64_t)1 << 52));
        t[j] -= c * ((int64_t)1 << 52);
        t[j + 1] += c;
    }
}

/* Montgomery multiplication by rows (Koç, Acar and Kaliski's CIOS, 1996, in
 * radix 2^52): row i adds a·b_i to the columns, then q_i = t_i·n0 mod 2^52
 * times p clears column i, whose carry moves up. The 52×52-bit products are
 * split into low and high 52 bits exactly as VPMADD52LUQ/HUQ split them.
 * Columns stay below 2^57 (at most twenty 52-bit terms and a carry). */
static void mul_portable(m52x8 *r, const m52x8 *a, const m52x8 *b,
                         const zk_mont52 *m)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        uint64_t t[2 * ZK_M52_LIMBS] = {0};
        for (int i = 0; i < ZK_M52_LIMBS; i++) {
            uint64_t bi = b->l[i][k] & MASK52;
            for (int j = 0; j < ZK_M52_LIMBS; j++) {
                zk_u128 pr = (zk_u128)(a->l[j][k] & MASK52) * bi;
                t[i + j] += (uint64_t)pr & MASK52;
                t[i + j + 1] += (uint64_t)(pr >> 52) & MASK52;
            }
            uint64_t q = (t[i] * m->n0) & MASK52;
            for (int j = 0; j < ZK_M52_LIMBS; j++) {
                zk_u128 pr = (zk_u128)q * m->p[j];
                t[i + j] += (uint64_t)pr & MASK52;
                t[i + j + 1] += (uint64_t)(pr >> 52) & MASK52;
            }
            t[i + 1] += t[i] >> 52;
        }
        int64_t s[ZK_M52_LIMBS];
        for (int j = 0; j < ZK_M52_LIMBS; j++)
            s[j] = (int64_t)t[ZK_M52_LIMBS + j];
        normalize(s);
        for (int j = 0; j < ZK_M52_LIMBS; j++)
            r->l[j][k] = (uint64_t)s[j];
    }
}

/* t = x - y + (add_p ? p : 0) per lane, normalized, with the sign of the
 * result in the top limb. */
static void sub_lane(int64_t t[ZK_M52_LIMBS], const m52x8 *x, const uint64_t *y_lane,
                     const m52x8 *y, int k)
{
    for (int j = 0; j < ZK_M52_LIMBS; j++)
        t[j] = (int64_t)x->l[j][k] - (int64_t)(y ? y->l[j][k] : y_lane[j]);
    normalize(t);
}

static void sub_portable(m52x8 *r, const m52x8 *a, const m52x8 *b,
                         const zk_mont52 *m)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        int64_t t[ZK_M52_LIMBS];
        sub_lane(t, a, NULL, b, k);
        if (t[ZK_M52_LIMBS - 1] < 0) {
            for (int j = 0; j < ZK_M52_LIMBS; j++)
                t[j] += (int64_t)m->p[j];
            normalize(t);
        }
        for (int j = 0; j < ZK_M52_LIMBS; j++)
            r->l[j][k] = (uint64_t)t[j];
    }
}

static void reduce_portable(m52x8 *r, const m52x8 *a, const zk_mont52 *m)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        int64_t t[ZK_M52_LIMBS];
        sub_lane(t, a, m->p, NULL, k);
        /* a - p < 0: a was already below p. */
        for (int j = 0; j < ZK_M52_LIMBS; j++)
            r->l[j][k] = t[ZK_M52_LIMBS - 1] < 0 ? a->l[j][k] : (uint64_t)t[j];
    }
}

static void shl_portable(m52x8 *r, const m52x8 *a, unsigned s)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        uint64_t carry = 0;
        for (int j = 0; j < ZK_M52_LIMBS; j++) {
            uint64_t v = a->l[j][k];
            r->l[j][k] = ((v << s) & MASK52) | carry;
            carry = v >> (52 - s);
        }
    }
}

static void from_u256_portable(m52x8 *r, const zk_u256x8 *a)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        uint64_t w0 = a->w[0][k], w1 = a->w[1][k], w2 = a->w[2][k], w3 = a->w[3][k];
        r->l[0][k] = w0 & MASK52;
        r->l[1][k] = ((w0 >> 52) | (w1 << 12)) & MASK52;
        r->l[2][k] = ((w1 >> 40) | (w2 << 24)) & MASK52;
        r->l[3][k] = ((w2 >> 28) | (w3 << 36)) & MASK52;
        r->l[4][k] = w3 >> 16;
    }
}

static void to_u256_portable(zk_u256x8 *r, const m52x8 *a)
{
    for (int k = 0; k < ZK_M52_LANES; k++) {
        uint64_t l0 = a->l[0][k], l1 = a->l[1][k], l2 = a->l[2][k], l3 = a->l[3][k],
                 l4 = a->l[4][k];
        r->w[0][k] = l0 | (l1 << 52);
        r->w[1][k] = (l1 >> 12) | (l2 << 40);
        r->w[2][k] = (l2 >> 24) | (l3 << 28);
        r->w[3][k] = (l3 >> 36) | (l4 << 16);
    }
}

const m52x8_kernels m52x8_portable = {
    mul_portable, sub_portable, reduce_portable, shl_portable,
    from_u256_portable, to_u256_portable, "portable",
};

#if defined(__x86_64__)
void m52x8_mul_ifma(m52x8 *r, const m52x8 *a, const m52x8 *b, const zk_mont52 *m);
void m52x8_sub_ifma(m52x8 *r, const m52x8 *a, const m52x8 *b, const zk_mont52 *m);
void m52x8_reduce_ifma(m52x8 *r, const m52x8 *a, const zk_mont52 *m);
void m52x8_shl_ifma(m52x8 *r, const m52x8 *a, unsigned k);
void m52x8_from_u256_ifma(m52x8 *r, const zk_u256x8 *a);
void m52x8_to_u256_ifma(zk_u256x8 *r, const m52x8 *a);

const m52x8_kernels m52x8_ifma = {
    m52x8_mul_ifma, m52x8_sub_ifma, m52x8_reduce_ifma, m52x8_shl_ifma,
    m52x8_from_u256_ifma, m52x8_to_u256_ifma, "ifma",
};
#endif

m52x8_kernels m52x8_k = {
    mul_portable, sub_portable, reduce_portable, shl_portable,
    from_u256_portable, to_u256_portable, "portable",
};

bool m52x8_select(const char *name)
{
    const m52x8_kernels *k = NULL;
    if (strcmp(name, "portable") == 0)
        k = &m52x8_portable;
#if defined(__x86_64__)
    const zk_cpu *cpu = zk_cpu_get();
    if (strcmp(name, "ifma") == 0 && cpu->avx512f && cpu->avx512ifma)
        k = &m52x8_ifma;
#endif
    if (!k)
        return false;
    m52x8_k = *k;
    return true;
}

bool m52x8_fast(void)
{
    return strcmp(m52x8_k.name, "ifma") == 0;
}
