#include "curve/g2.h"

/* Montgomery forms of the constants; tests/unit/test_g2.c checks them against
 * ../shared/data/vectors/bn254_misc/bn254_constants.json and recomputes the
 * ψ constants with fq2_pow. */
const g2_aff g2_generator = {
    .x = {{{0x8e83b5d102bc2026u, 0xdceb1935497b0172u, 0xfbb8264797811adfu, 0x19573841af96503bu}},
          {{0xafb4737da84c6140u, 0x6043dd5a5802d8c4u, 0x09e950fc52a02f86u, 0x14fef0833aea7b6bu}}},
    .y = {{{0x619dfa9d886be9f6u, 0xfe7fd297f59e9b78u, 0xff9e1a62231b7dfeu, 0x28fd7eebae9e4206u}},
          {{0x64095b56c71856eeu, 0xdc57f922327d3cbbu, 0x55f935be33351076u, 0x0da4a0e693fd6482u}}},
    .inf = false,
};

const fq2_t g2_b = {
    {{0x3bf938e377b802a8u, 0x020b1b273633535du, 0x26b7edf049755260u, 0x2514c6324384a86du}},
    {{0x38e7ecccd1dcff67u, 0x65f0b37d93ce0d3eu, 0xd749d0dd22ac00aau, 0x0141b9ce4a688d4du}},
};

/* 3b' for the complete formulas. */
static const fq2_t g2_b3 = {
    {{0x3baa927cb62e0d6au, 0xd71e7c52d1b664fdu, 0x03873e63d95d4664u, 0x0e75b5b1082ab8f4u}},
    {{0xaab7c6667596fe35u, 0x31d21a78bb6a27bau, 0x85dd7297680401ffu, 0x03c52d6adf39a7e9u}},
};

/* ξ^((q-1)/3) and ξ^((q-1)/2), ξ = 9 + u: the factors of ψ. */
static const fq2_t psi_x = {
    {{0xb5773b104563ab30u, 0x347f91c8a9aa6454u, 0x7a007127242e0991u, 0x1956bcd8118214ecu}},
    {{0x6e849f1ea0aa4757u, 0xaa1c7b6d89f89141u, 0xb6e713cdfae0ca3au, 0x26694fbb4e82ebc3u}},
};
static const fq2_t psi_y = {
    {{0xe4bbdd0c2936b629u, 0xbb30f162e133bacbu, 0x31a9d1b6f9645366u, 0x253570bea500f8ddu}},
    {{0xa1d77ce45ffe77c7u, 0x07affd117826d1dbu, 0x6d16bd27bb7edc6bu, 0x2c87200285defeccu}},
};

/* The BN parameter x = 4965661367192848881 (q and r are polynomials in it). */
static const uint64_t bn_x[4] = {0x44e992b44a6909f1u, 0, 0, 0};

#define TPL_G g2
#define TPL_F fq2
#define EC_B (&g2_b)
#define EC_MUL_B3(r, a) fq2_mul((r), (a), &g2_b3)
#include "curve/ec_impl.h"

void g2_psi(g2_jac *r, const g2_jac *p)
{
    /* Frobenius is a field automorphism, so it commutes with the Jacobian
     * quotients: x̄ = X̄/Z̄^2 and ȳ = Ȳ/Z̄^3. */
    fq2_conj(&r->x, &p->x);
    fq2_mul(&r->x, &r->x, &psi_x);
    fq2_conj(&r->y, &p->y);
    fq2_mul(&r->y, &r->y, &psi_y);
    fq2_conj(&r->z, &p->z);
}

bool g2_is_in_subgroup_var(const g2_aff *a)
{
    if (a->inf)
        return true;
    g2_jac q, xq, lhs, t, rhs;
    g2_from_aff(&q, a);
    g2_mul_var(&xq, &q, bn_x);
    g2_add_var(&lhs, &xq, &q);          /* [x + 1]Q */
    g2_psi(&t, &xq);
    g2_add_var(&lhs, &lhs, &t);         /* + ψ([x]Q) */
    g2_psi(&t, &t);
    g2_add_var(&lhs, &lhs, &t);         /* + ψ^2([x]Q) */
    g2_dbl(&rhs, &xq);
    g2_psi(&rhs, &rhs);
    g2_psi(&rhs, &rhs);
    g2_psi(&rhs, &rhs);                 /* ψ^3([2x]Q) */
    return g2_eq(&lhs, &rhs);
}

void g2_clear_cofactor_var(g2_jac *r, const g2_jac *p)
{
    g2_jac xp, t, acc;
    g2_mul_var(&xp, p, bn_x);
    g2_dbl(&t, &xp);
    g2_add_var(&t, &t, &xp);            /* [3x]P */
    g2_psi(&t, &t);
    g2_add_var(&acc, &xp, &t);          /* [x]P + ψ([3x]P) */
    g2_psi(&t, &xp);
    g2_psi(&t, &t);
    g2_add_var(&acc, &acc, &t);         /* + ψ^2([x]P) */
    g2_psi(&t, p);
    g2_psi(&t, &t);
    g2_psi(&t, &t);
    g2_add_var(r, &acc, &t);            /* + ψ^3(P) */
}

void g2_random_on_twist_var(g2_aff *r, zk_rng *rng)
{
    for (;;) {
        fq2_t rhs;
        fq2_random(&r->x, rng);
        fq2_sqr(&rhs, &r->x);
        fq2_mul(&rhs, &rhs, &r->x);
        fq2_add(&rhs, &rhs, &g2_b);
        if (fq2_sqrt_var(&r->y, &rhs) != ZK_OK)
            continue;
        if (zk_random_u64(rng) & 1)
            fq2_neg(&r->y, &r->y);
        r->inf = false;
        return;
    }
}

void g2_random_var(g2_aff *r, zk_rng *rng)
{
    for (;;) {
        g2_aff on_twist;
        g2_random_on_twist_var(&on_twist, rng);
        g2_jac p;
        g2_from_aff(&p, &on_twist);
        g2_clear_cofactor_var(&p, &p);
        if (g2_is_inf(&p))
            continue;
        g2_to_aff_var(r, &p);
        return;
    }
}
