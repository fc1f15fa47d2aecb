/* EIP-197 input: decoding and validating untrusted pairs, then the pairing
 * check (curve/pairing.h).
 *
 * This duplicates, in small, what the G1/G2 group code does for its own
 * encodings (on-curve and subgroup checks); it exists so the pairing can be
 * tested against the published EIP-197 vectors on its own, and should be
 * rebased onto the group code once both are in main. Everything here works
 * on public data and is variable-time. */
#include "curve/pairing.h"

#include "field/fr.h"

/* Jacobian coordinates on the twist: x = X/Z^2, y = Y/Z^3, Z = 0 at infinity. */
typedef struct g2_jac {
    fq2_t x, y, z;
} g2_jac;

/* dbl-2009-l (Explicit-Formulas Database, a = 0):
 *   A = X^2, B = Y^2, C = B^2, D = 2((X + B)^2 - A - C), E = 3A, F = E^2,
 *   X3 = F - 2D, Y3 = E(D - X3) - 8C, Z3 = 2YZ.
 * A point with Y = 0 (order 2) gives Z3 = 0, infinity, as it should. */
static void jac_dbl(g2_jac *r, const g2_jac *p)
{
    fq2_t A, B, C, D, E, F, t;
    fq2_sqr(&A, &p->x);
    fq2_sqr(&B, &p->y);
    fq2_sqr(&C, &B);
    fq2_add(&D, &p->x, &B);
    fq2_sqr(&D, &D);
    fq2_sub(&D, &D, &A);
    fq2_sub(&D, &D, &C);
    fq2_dbl(&D, &D);
    fq2_dbl(&E, &A);
    fq2_add(&E, &E, &A);
    fq2_sqr(&F, &E);
    fq2_mul(&t, &p->y, &p->z);
    fq2_dbl(&r->z, &t);
    fq2_dbl(&t, &D);
    fq2_sub(&r->x, &F, &t);
    fq2_sub(&t, &D, &r->x);
    fq2_mul(&t, &E, &t);
    fq2_dbl(&C, &C);
    fq2_dbl(&C, &C);
    fq2_dbl(&C, &C);
    fq2_sub(&r->y, &t, &C);
}

/* r = p + q for affine q, madd-2007-bl (EFD):
 *   Z1Z1 = Z1^2, U2 = x2 Z1Z1, S2 = y2 Z1 Z1Z1, H = U2 - X1, HH = H^2,
 *   I = 4HH, J = HI, rr = 2(S2 - Y1), V = X1 I,
 *   X3 = rr^2 - J - 2V, Y3 = rr(V - X3) - 2 Y1 J, Z3 = (Z1 + H)^2 - Z1Z1 - HH,
 * with the exceptional cases (p at infinity, p = q, p = -q) handled first. */
static void jac_add_aff(g2_jac *r, const g2_jac *p, const bn254_g2_aff *q)
{
    if (fq2_is_zero(&p->z)) {
        r->x = q->x;
        r->y = q->y;
        fq2_one(&r->z);
        return;
    }
    fq2_t z1z1, u2, s2, H, HH, I, J, rr, V, t;
    fq2_sqr(&z1z1, &p->z);
    fq2_mul(&u2, &q->x, &z1z1);
    fq2_mul(&s2, &q->y, &p->z);
    fq2_mul(&s2, &s2, &z1z1);
    fq2_sub(&H, &u2, &p->x);
    fq2_sub(&rr, &s2, &p->y);
    if (fq2_is_zero(&H)) {
        if (fq2_is_zero(&rr))
            jac_dbl(r, p);
        else
            fq2_zero(&r->z);   /* p = -q */
        return;
    }
    fq2_dbl(&rr, &rr);
    fq2_sqr(&HH, &H);
    fq2_dbl(&I, &HH);
    fq2_dbl(&I, &I);
    fq2_mul(&J, &H, &I);
    fq2_mul(&V, &p->x, &I);
    fq2_t z3;
    fq2_add(&z3, &p->z, &H);
    fq2_sqr(&z3, &z3);
    fq2_sub(&z3, &z3, &z1z1);
    fq2_sub(&z3, &z3, &HH);
    fq2_t y1j;
    fq2_mul(&y1j, &p->y, &J);
    fq2_dbl(&y1j, &y1j);
    fq2_sqr(&r->x, &rr);
    fq2_sub(&r->x, &r->x, &J);
    fq2_dbl(&t, &V);
    fq2_sub(&r->x, &r->x, &t);
    fq2_sub(&t, &V, &r->x);
    fq2_mul(&t, &rr, &t);
    fq2_sub(&r->y, &t, &y1j);
    r->z = z3;
}

/* [r]Q = O for the group order r: the definition of G2 membership on the
 * twist, whose full group has order r·(2q - r). Double-and-add over the bits
 * of r, about the cost of one Miller loop. */
static bool g2_in_subgroup(const bn254_g2_aff *Q)
{
    const uint64_t *r = zk_fr_params.p;
    g2_jac acc = {Q->x, Q->y, {{{0}}, {{0}}}};
    fq2_one(&acc.z);
    int top = 255;
    while (!((r[top / 64] >> (top % 64)) & 1))
        top--;
    for (int i = top - 1; i >= 0; i--) {
        jac_dbl(&acc, &acc);
        if ((r[i / 64] >> (i % 64)) & 1)
            jac_add_aff(&acc, &acc, Q);
    }
    return fq2_is_zero(&acc.z);
}

/* y^2 = x^3 + 3. */
static bool g1_on_curve(const bn254_g1_aff *P)
{
    fq_t lhs, rhs, three;
    fq_sqr(&lhs, &P->y);
    fq_sqr(&rhs, &P->x);
    fq_mul(&rhs, &rhs, &P->x);
    fq_from_u64(&three, 3);
    fq_add(&rhs, &rhs, &three);
    return fq_eq(&lhs, &rhs);
}

/* y^2 = x^3 + 3/ξ, checked as ξ(y^2 - x^3) = 3 so no constant is needed. */
static bool g2_on_curve(const bn254_g2_aff *Q)
{
    fq2_t lhs, t, three;
    fq2_sqr(&lhs, &Q->y);
    fq2_sqr(&t, &Q->x);
    fq2_mul(&t, &t, &Q->x);
    fq2_sub(&lhs, &lhs, &t);
    fq2_mul_xi(&lhs, &lhs);
    fq_from_u64(&three.c0, 3);
    fq_zero(&three.c1);
    return fq2_eq(&lhs, &three);
}

/* The coordinates only: ZK_ENONCANONICAL for a value >= q. */
static zk_err decode_pair(bn254_g1_aff *P, bn254_g2_aff *Q,
                          const uint8_t in[BN254_EIP197_PAIR_BYTES])
{
    /* Six coordinates in input order: P.x, P.y, Q.x.c1, Q.x.c0, Q.y.c1, Q.y.c0. */
    fq_t *dst[6] = {&P->x, &P->y, &Q->x.c1, &Q->x.c0, &Q->y.c1, &Q->y.c0};
    for (int i = 0; i < 6; i++) {
        zk_err err = fq_from_bytes_be(dst[i], in + 32 * i);
        if (err)
            return err;
    }
    P->inf = fq_is_zero(&P->x) && fq_is_zero(&P->y);
    Q->inf = fq2_is_zero(&Q->x) && fq2_is_zero(&Q->y);
    return ZK_OK;
}

zk_err bn254_eip197_read_pair(bn254_g1_aff *P, bn254_g2_aff *Q,
                              const uint8_t in[BN254_EIP197_PAIR_BYTES])
{
    zk_err err = decode_pair(P, Q, in);
    if (err)
        return err;
    if (!P->inf && !g1_on_curve(P))
        return ZK_ENOTONCURVE;
    if (!Q->inf && !g2_on_curve(Q))
        return ZK_ENOTONCURVE;
    if (!Q->inf && !g2_in_subgroup(Q))
        return ZK_ENOTINSUBGROUP;
    return ZK_OK;
}

/* Pairs decoded and paired per pass: bounds the stack without allocating. */
#define EIP197_BATCH 8

zk_err bn254_pairing_check_eip197(const uint8_t *in, size_t len, bool *ok)
{
    if (!ok)
        return ZK_EINVAL;
    *ok = false;
    if (len % BN254_EIP197_PAIR_BYTES != 0 || (len > 0 && !in))
        return ZK_EFORMAT;
    size_t n = len / BN254_EIP197_PAIR_BYTES;
    /* Validate everything before any pairing work (a bad last pair must not
     * cost Miller loops first), then decode again in batches: decoding is
     * cheap next to the subgroup checks, which run once. */
    for (size_t i = 0; i < n; i++) {
        bn254_g1_aff P;
        bn254_g2_aff Q;
        zk_err err = bn254_eip197_read_pair(&P, &Q, in + i * BN254_EIP197_PAIR_BYTES);
        if (err)
            return err;
    }
    bn254_g1_aff P[EIP197_BATCH];
    bn254_g2_aff Q[EIP197_BATCH];
    fq12_t acc, f;
    fq12_one(&acc);
    for (size_t i = 0; i < n; i += EIP197_BATCH) {
        size_t k = n - i < EIP197_BATCH ? n - i : EIP197_BATCH;
        for (size_t j = 0; j < k; j++)
            (void)decode_pair(&P[j], &Q[j], in + (i + j) * BN254_EIP197_PAIR_BYTES);
        bn254_miller_loop_multi(&f, P, Q, k);
        fq12_mul(&acc, &acc, &f);
    }
    bn254_final_exp(&acc, &acc);
    *ok = fq12_is_one(&acc);
    return ZK_OK;
}
