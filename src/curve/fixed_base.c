/* Fixed-base tables for G1 and G2 (curve/fixed_base.h). */
#include "curve/fixed_base.h"

#include <sodium.h>

#include "core/ctime.h"
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/batch_aff.h"
#include "curve/recode.h"

static zk_err g1_check_base(const g1_aff *a)
{
    return g1_is_on_curve(a) ? ZK_OK : ZK_ENOTONCURVE;
}

static zk_err g2_check_base(const g2_aff *a)
{
    if (!g2_is_on_curve(a))
        return ZK_ENOTONCURVE;
    return g2_is_in_subgroup_var(a) ? ZK_OK : ZK_ENOTINSUBGROUP;
}

/* Rows 0 .. t − 1 for the digits of an odd k' < 2^254 and row t for its
 * leading 1: t = ceil(254 / w). */
static unsigned fixed_rows(unsigned w)
{
    return (254 + w - 1) / w + 1;
}

/* k mod r made odd, in constant time: k' = k, or r − k when k is even
 * (k·B = −(r − k)·B); returns whether it was negated. k = 0 gives r, whose
 * multiple is infinity. */
static bool fixed_scalar(uint64_t out[4], const uint64_t k[4])
{
    const uint64_t *r = fr_params.p;
    uint64_t t[4], v[4] = {k[0], k[1], k[2], k[3]};
    /* k < 2^256 < 6r: five conditional subtractions. */
    for (int round = 0; round < 5; round++) {
        zk_u128 borrow = 0;
        for (int i = 0; i < 4; i++) {
            zk_u128 d = (zk_u128)v[i] - r[i] - borrow;
            t[i] = (uint64_t)d;
            borrow = (d >> 64) & 1;
        }
        uint64_t keep = 0 - (uint64_t)borrow;   /* all ones: v < r, keep v */
        for (int i = 0; i < 4; i++)
            v[i] = (v[i] & keep) | (t[i] & ~keep);
    }
    zk_u128 borrow = 0;
    for (int i = 0; i < 4; i++) {
        zk_u128 d = (zk_u128)r[i] - v[i] - borrow;
        t[i] = (uint64_t)d;
        borrow = (d >> 64) & 1;
    }
    uint64_t odd = 0 - (v[0] & 1);
    for (int i = 0; i < 4; i++)
        out[i] = (v[i] & odd) | (t[i] & ~odd);
    sodium_memzero(t, sizeof t);
    sodium_memzero(v, sizeof v);
    return !(odd & 1);
}

/* The regular recoding of an odd k' (Joye, Tunstall, "Exponent recoding and
 * regular exponentiation algorithms", AFRICACRYPT 2009): with
 * m_0 = k', d_j = (m_j mod 2^(w+1)) − 2^w, m_(j+1) = (m_j − d_j)/2^w, every
 * m_j is odd and every digit odd, in [−(2^w − 1), 2^w − 1], never zero, and
 * k' = Σ_(j<t) d_j·2^(wj) + 2^(wt) once 2^(wt) > k'/2. Unrolled,
 * m_j = 2·floor(k'/2^(wj+1)) + 1, so d_j = 2u + 1 − 2^w with u the w bits
 * of k' from bit wj + 1: each digit from its own bits, branch-free. It is
 * entry e of row j, (2e + 1)·2^(wj)·B, with e = u − 2^(w−1) for u's top bit
 * set and 2^(w−1) − 1 − u, negated, otherwise; returns the negation. */
static bool fixed_digit(uint32_t *e, const uint64_t k[4], unsigned j, unsigned w)
{
    uint32_t u = (uint32_t)recode_bits(k, j * w + 1, w);
    uint32_t top = u >> (w - 1), mask = top - 1;
    *e = (u ^ mask) & ((1u << (w - 1)) - 1);
    return top == 0;
}

#define TPL_G g1
#define TPL_F fq
#define FB_PHASE "fixed_g1"
#define FB_CHECK g1_check_base
#include "curve/fixed_base_impl.h"

#define TPL_G g2
#define TPL_F fq2
#define FB_PHASE "fixed_g2"
#define FB_CHECK g2_check_base
#include "curve/fixed_base_impl.h"
