/* Scalar decompositions and endomorphism-accelerated multiplication
 * (curve/glv.h). The constants were derived with exact integer arithmetic
 * (LLL on the lattice, then the inverse of the basis) from the BN parameter
 * x = 4965661367192848881; tests/unit/test_glv.c recomputes the facts they
 * must satisfy: λ^2 + λ + 1 ≡ 0 and μ^4 − μ^2 + 1 ≡ 0 (mod r), φ(P) = λ·P,
 * ψ(Q) = μ·Q, every basis vector in the lattice, and the split bounds. */
#include "curve/glv.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/batch_aff.h"
#include "curve/recode.h"
#include "field/fr.h"

typedef zk_u128 u128;

/* Digits of a part's wNAF: its magnitude is below 2^127. */
#define GLV_DIGITS 129

/* λ = 0xb3c4d79d41a917585bfc41088d8daaa78b17ea66b99c90dd, the cube root of
 * unity mod r that φ(x, y) = (β·x, y) multiplies by, with β below. */
const uint64_t glv_lambda[4] = {0x8b17ea66b99c90ddu, 0x5bfc41088d8daaa7u, 0xb3c4d79d41a91758u, 0};
/* μ = 6x^2 = q − r. */
const uint64_t glv_mu[4] = {0xf83e9682e87cfd46u, 0x6f4d8248eeb859fbu, 0, 0};
/* β = 0x59e26bcea0d48bacd4f263f1acdb5c4f5763473177fffffe, times 2^256 mod q. */
const fq_t glv_beta = {{0x71930c11d782e155u, 0xa6bb947cffbe3323u, 0xaa303344d4741444u,
                        0x2c3b3f0d26594943u}};

/* A signed integer below 2^128 in magnitude. */
typedef struct glv_int {
    uint64_t lo, hi;
    bool neg;
} glv_int;

/* Reduced lattice bases, one vector a row. G1 (x the BN parameter):
 *   ( 6x^2 + 4x + 1,  2x + 1 ),  ( 2x + 1,  −(6x^2 + 2x) ).
 * G2 (Galbraith–Scott's basis up to order and sign):
 *   (2x + 1, 0, 2x, 1), (2x, x + 1, −x, x), (x + 1, x, x, −2x),
 *   (2x + 1, −x, −(x + 1), −x). */
#define X_ 0x44e992b44a6909f1u
#define X1 0x44e992b44a6909f2u   /* x + 1 */
#define X2 0x89d3256894d213e2u   /* 2x */
#define X21 0x89d3256894d213e3u  /* 2x + 1 */
static const glv_int basis_g1[2][2] = {
    {{0x0be4e1541221250bu, 0x6f4d8248eeb859fdu, false}, {X21, 0, false}},
    {{X21, 0, false}, {0x8211bbeb7d4f1128u, 0x6f4d8248eeb859fcu, true}},
};
static const glv_int basis_g2[4][4] = {
    {{X21, 0, false}, {0, 0, false}, {X2, 0, false}, {1, 0, false}},
    {{X2, 0, false}, {X1, 0, false}, {X_, 0, true}, {X_, 0, false}},
    {{X1, 0, false}, {X_, 0, false}, {X_, 0, false}, {X2, 0, true}},
    {{X21, 0, false}, {X_, 0, true}, {X1, 0, true}, {X_, 0, true}},
};
#undef X_
#undef X1
#undef X2
#undef X21

/* round(α_j·2^256) for α the first row of the basis's inverse (all
 * positive here), in three limbs. */
static const uint64_t round_g1[2][3] = {
    {0x7a7bd9d4391eb18eu, 0x4ccef014a773d2cfu, 2},
    {0xd91d232ec7e0b3d7u, 2, 0},
};
static const uint64_t round_g2[4][3] = {
    {0x2dff291532e42728u, 0x55b4ca7ba3e5577fu, 0x9e80318ab0d92b95u},
    {0x46f4bda995d51bb1u, 0x08e5da66fc7184aeu, 0x9e80318ab0d92b93u},
    {0xd91d232ec7e0b3d7u, 2, 0},
    {0xc170977dcef3cd3fu, 0x55b4ca7ba3e5577du, 0x9e80318ab0d92b95u},
};

static const uint64_t r_int[4] = {0x43e1f593f0000001u, 0x2833e84879b97091u, 0xb85045b68181585du,
                                  0x30644e72e131a029u};

static bool geq_r(const uint64_t k[4])
{
    for (int i = 3; i >= 0; i--)
        if (k[i] != r_int[i])
            return k[i] > r_int[i];
    return true;
}

/* round(k·g/2^256) mod 2^128, for k < 2^254 and g below 2^192: bits 256 to
 * 383 of k·g + 2^255. */
static u128 round_mul(const uint64_t k[4], const uint64_t g[3])
{
    uint64_t t[7] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 3; j++) {
            u128 v = (u128)k[i] * g[j] + t[i + j] + carry;
            t[i + j] = (uint64_t)v;
            carry = (uint64_t)(v >> 64);
        }
        t[i + 3] = carry;
    }
    /* + 2^255, carried up through limb 5. */
    u128 s = (u128)t[3] + ((uint64_t)1 << 63);
    s = (s >> 64) + t[4];
    uint64_t lo = (uint64_t)s;
    s = (s >> 64) + t[5];
    return (u128)lo | ((u128)(uint64_t)s << 64);
}

static u128 int_val(const glv_int *v)
{
    u128 m = (u128)v->lo | ((u128)v->hi << 64);
    return v->neg ? (u128)0 - m : m;
}

/* Babai rounding in dimension dim (2 or 4) of a k below r, everything mod
 * 2^128: the parts are known to be small, so their low 128 bits are them.
 * Straight-line code, so that secret scalars may be split too. */
static void split_reduced(glv_part *out, const uint64_t k[4], unsigned dim, const glv_int *basis,
                          const uint64_t (*g)[3])
{
    u128 c[4], v[4];
    for (unsigned j = 0; j < dim; j++)
        c[j] = round_mul(k, g[j]);
    for (unsigned i = 0; i < dim; i++) {
        v[i] = i == 0 ? ((u128)k[0] | ((u128)k[1] << 64)) : 0;
        for (unsigned j = 0; j < dim; j++)
            v[i] -= c[j] * int_val(&basis[j * dim + i]);
    }
    for (unsigned i = 0; i < dim; i++) {
        uint64_t neg = 0 - (uint64_t)(v[i] >> 127);
        u128 mask = ((u128)neg << 64) | neg, m = (v[i] ^ mask) - mask;
        out[i] = (glv_part){{(uint64_t)m, (uint64_t)(m >> 64)}, neg & 1};
    }
}

/* Any 256-bit k: reduced mod r first (variable time: public scalars). */
static void split(glv_part *out, const uint64_t k_in[4], unsigned dim, const glv_int *basis,
                  const uint64_t (*g)[3])
{
    uint64_t k[4] = {k_in[0], k_in[1], k_in[2], k_in[3]};
    while (geq_r(k)) {
        u128 borrow = 0;
        for (int i = 0; i < 4; i++) {
            u128 d = (u128)k[i] - r_int[i] - borrow;
            k[i] = (uint64_t)d;
            borrow = (d >> 64) & 1;
        }
    }
    split_reduced(out, k, dim, basis, g);
}

/* For k < r (an fr_t's integer), in constant time. */
static void split_ct_g1(glv_part out[2], const uint64_t k[4])
{
    split_reduced(out, k, 2, &basis_g1[0][0], round_g1);
}

static void split_ct_g2(glv_part out[4], const uint64_t k[4])
{
    split_reduced(out, k, 4, &basis_g2[0][0], round_g2);
}

void glv_split_g1(glv_part out[2], const uint64_t k[4])
{
    split(out, k, 2, &basis_g1[0][0], round_g1);
}

void glv_split_g2(glv_part out[4], const uint64_t k[4])
{
    split(out, k, 4, &basis_g2[0][0], round_g2);
}

void g1_endo(g1_jac *r, const g1_jac *p)
{
    /* x = X/Z^2, so β·x is (β·X)/Z^2. */
    fq_mul(&r->x, &p->x, &glv_beta);
    r->y = p->y;
    r->z = p->z;
}

void g1_aff_endo(g1_aff *r, const g1_aff *p)
{
    fq_mul(&r->x, &p->x, &glv_beta);
    r->y = p->y;
    r->inf = p->inf;
}

/* Width-w NAF of a part's magnitude (below 2^127), least significant digit
 * first; returns the count (at most 128). */
static size_t wnaf128(int8_t d[GLV_DIGITS], const glv_part *k, unsigned w)
{
    u128 e = (u128)k->mag[0] | ((u128)k->mag[1] << 64);
    const unsigned mask = (1u << w) - 1, half = 1u << (w - 1);
    size_t n = 0;
    while (e) {
        int v = 0;
        if (e & 1) {
            unsigned m = (unsigned)e & mask;
            v = m >= half ? (int)m - (int)(mask + 1) : (int)m;
            e = v > 0 ? e - (unsigned)v : e + (unsigned)-v;
        }
        d[n++] = (int8_t)v;
        e >>= 1;
    }
    return n;
}

static void g2_aff_psi(g2_aff *r, const g2_aff *p)
{
    /* With Z = 1, ψ's Jacobian form stays at Z = 1. */
    g2_jac j;
    g2_from_aff(&j, p);
    g2_psi(&j, &j);
    r->x = j.x;
    r->y = j.y;
    r->inf = p->inf;
}

#define TPL_G g1
#define TPL_F fq
#define GLV_DIM 2
#define GLV_W 5
#define GLV_CT_T 32     /* 4-bit windows over a part below 2^127 + 2 */
#define GLV_CT_BLK 512  /* points sharing an inversion: tables of ~600 KB */
#define GLV_BLK 1024    /* the same for the wNAF steps, whose additions take a sixth */
#define GLV_MAP g1_aff_endo
#define GLV_SPLIT glv_split_g1
#define GLV_SPLIT_CT split_ct_g1
#include "curve/glv_impl.h"

#define TPL_G g2
#define TPL_F fq2
#define GLV_DIM 4
#define GLV_W 4
#define GLV_CT_T 17     /* 4-bit windows over a part below 2^65 + 2 */
#define GLV_CT_BLK 256  /* tables of ~1.1 MB */
#define GLV_BLK 256
#define GLV_MAP g2_aff_psi
#define GLV_SPLIT glv_split_g2
#define GLV_SPLIT_CT split_ct_g2
#include "curve/glv_impl.h"
