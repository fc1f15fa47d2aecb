/* The Miller loop of the optimal ate pairing (curve/pairing.h), and the
 * public pairing entry points.
 *
 * The loop runs over 6x + 2 in signed binary (NAF) form with the G2 point T
 * in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, on the
 * twist E': y^2 = x^3 + b', b' = 3/ξ. Each doubling or addition yields the
 * line through the untwisted points, evaluated at P, already in the sparse
 * shape l0 + l1 w + l3 w^3 that fq12_mul_by_013 consumes.
 *
 * Lines are computed up to factors in Fq2 (and other proper subfields of
 * Fq12): the final exponentiation sends every such factor to 1, which is
 * what lets the formulas skip all inversions. */
#include "curve/pairing.h"

/* 3b' = 9/ξ = (81 - 9u)/82, Montgomery form (b' is twist_b in
 * ../shared/data/vectors/bn254_misc/bn254_constants.json). */
static const fq2_t twist_b3 = {
    {{0x3baa927cb62e0d6au, 0xd71e7c52d1b664fdu, 0x03873e63d95d4664u, 0x0e75b5b1082ab8f4u}},
    {{0xaab7c6667596fe35u, 0x31d21a78bb6a27bau, 0x85dd7297680401ffu, 0x03c52d6adf39a7e9u}},
};

/* n -> n - d with d = 2 - (n mod 4) for odd n leaves an even n - d, so
 * the next digit is 0: no two adjacent non-zero digits. */
int bn254_naf(int8_t digits[BN254_NAF_MAX], zk_u128 n)
{
    int len = 0;
    while (n != 0) {
        int8_t d = 0;
        if (n & 1) {
            d = (n & 3) == 1 ? 1 : -1;
            n = d == 1 ? n - 1 : n + 1;
        }
        digits[len++] = d;
        n >>= 1;
    }
    return len;
}

/* r = a/2: add q when a is odd (a + q < 2^255), then shift. Constant-time. */
static void fq_half(fq_t *r, const fq_t *a)
{
    const uint64_t *q = fq_params.p;
    uint64_t mask = (uint64_t)0 - (a->v[0] & 1), t[4], carry = 0;
    MONT256_ADC(t[0], a->v[0], q[0] & mask, carry);
    MONT256_ADC(t[1], a->v[1], q[1] & mask, carry);
    MONT256_ADC(t[2], a->v[2], q[2] & mask, carry);
    MONT256_ADC(t[3], a->v[3], q[3] & mask, carry);
    r->v[0] = (t[0] >> 1) | (t[1] << 63);
    r->v[1] = (t[1] >> 1) | (t[2] << 63);
    r->v[2] = (t[2] >> 1) | (t[3] << 63);
    r->v[3] = (t[3] >> 1) | (carry << 63);
}

static void fq2_half(fq2_t *r, const fq2_t *a)
{
    fq_half(&r->c0, &a->c0);
    fq_half(&r->c1, &a->c1);
}

/* T runs in homogeneous projective coordinates, the group code's g2_proj. */

/* A line l0 + l1 w + l3 w^3. */
typedef struct line {
    fq2_t l0, l1, l3;
} line;

/* One pair's state in the loop: T, and P as (-xP, yP). */
typedef struct miller_pair {
    g2_proj t;
    bn254_g2_aff q, neg_q;
    fq_t neg_xp, yp;
} miller_pair;

/* T = 2T and the tangent line at T, evaluated at P. Doubling from Aranha,
 * Karabina, Longa, Gebotys, López, "Faster explicit formulas for computing
 * pairings over ordinary curves", Eurocrypt 2011:
 *   A = XY/2, B = Y^2, C = Z^2, E = 3b'C, F = 3E, G = (B + F)/2,
 *   H = (Y + Z)^2 - (B + C),
 *   X3 = A(B - F), Y3 = G^2 - 3E^2, Z3 = BH.
 * The tangent at (x, y) on the untwisted curve has slope λw with
 * λ = 3x^2/(2y); its value at P, times 2yZ^2 (in Fq2, so harmless), using
 * x^3 = y^2 - b', is
 *   2YZ·yP - 3X^2·xP w + (Y^2 - 3b'Z^2) w^3 = H·yP - 3X^2·xP w + (B - E) w^3. */
static void dbl_step(line *l, g2_proj *T, const fq_t *neg_xp, const fq_t *yp)
{
    fq2_t A, B, C, E, F, G, H, t;
    fq2_mul(&A, &T->x, &T->y);
    fq2_half(&A, &A);
    fq2_sqr(&B, &T->y);
    fq2_sqr(&C, &T->z);
    fq2_mul(&E, &C, &twist_b3);
    fq2_dbl(&F, &E);
    fq2_add(&F, &F, &E);
    fq2_add(&G, &B, &F);
    fq2_half(&G, &G);
    fq2_add(&H, &T->y, &T->z);
    fq2_sqr(&H, &H);
    fq2_add(&t, &B, &C);
    fq2_sub(&H, &H, &t);

    /* The line reads X before X3 overwrites it. */
    fq2_sqr(&t, &T->x);
    fq2_dbl(&l->l1, &t);
    fq2_add(&l->l1, &l->l1, &t);
    fq2_mul_fq(&l->l1, &l->l1, neg_xp);
    fq2_mul_fq(&l->l0, &H, yp);
    fq2_sub(&l->l3, &B, &E);

    fq2_sub(&t, &B, &F);
    fq2_mul(&T->x, &A, &t);
    fq2_sqr(&t, &E);
    fq2_sqr(&T->y, &G);
    fq2_sub(&T->y, &T->y, &t);
    fq2_dbl(&t, &t);
    fq2_sub(&T->y, &T->y, &t);   /* G^2 - 3E^2 */
    fq2_mul(&T->z, &B, &H);
}

/* T = T + Q (Q affine) and the chord through T and Q, evaluated at P.
 * Mixed addition (Aranha et al. 2011; Costello, Lange, Naehrig, PKC 2010): with θ = Y - yQ·Z and λ = X - xQ·Z,
 *   C = θ^2, D = λ^2, E = λ^3, F = ZC, G = XD, H = E + F - 2G,
 *   X3 = λH, Y3 = θ(G - H) - YE, Z3 = ZE.
 * The chord has slope (θ/λ)w; its value at P, times λ, is
 *   λ·yP - θ·xP w + (θ·xQ - λ·yQ) w^3. */
static void add_step(line *l, g2_proj *T, const bn254_g2_aff *Q, const fq_t *neg_xp,
                     const fq_t *yp)
{
    fq2_t theta, lambda, C, D, E, F, G, H, t;
    fq2_mul(&t, &Q->y, &T->z);
    fq2_sub(&theta, &T->y, &t);
    fq2_mul(&t, &Q->x, &T->z);
    fq2_sub(&lambda, &T->x, &t);
    fq2_sqr(&C, &theta);
    fq2_sqr(&D, &lambda);
    fq2_mul(&E, &lambda, &D);
    fq2_mul(&F, &T->z, &C);
    fq2_mul(&G, &T->x, &D);
    fq2_dbl(&t, &G);
    fq2_add(&H, &E, &F);
    fq2_sub(&H, &H, &t);

    fq2_mul(&T->x, &lambda, &H);
    fq2_sub(&t, &G, &H);
    fq2_mul(&t, &theta, &t);
    fq2_mul(&T->y, &T->y, &E);
    fq2_sub(&T->y, &t, &T->y);
    fq2_mul(&T->z, &T->z, &E);

    fq2_mul_fq(&l->l0, &lambda, yp);
    fq2_mul_fq(&l->l1, &theta, neg_xp);
    fq2_mul(&l->l3, &theta, &Q->x);
    fq2_mul(&t, &lambda, &Q->y);
    fq2_sub(&l->l3, &l->l3, &t);
}

/* The Frobenius of the twist, ψ^-1 ∘ π ∘ ψ with ψ(x, y) = (x w^2, y w^3):
 * (x, y) -> (conj(x)·γ_{1,2}, conj(y)·γ_{1,3}); applied twice and negated,
 * -π^2: (x, y) -> (x·γ_{2,2}, -y·γ_{2,3}) = (x·γ_{2,2}, y) as γ_{2,3} = -1. */
static void twist_frobenius(bn254_g2_aff *q1, bn254_g2_aff *minus_q2, const bn254_g2_aff *Q)
{
    fq2_t t;
    fq2_conj(&t, &Q->x);
    fq2_mul(&q1->x, &t, &fq12_frob_gamma1[1]);
    fq2_conj(&t, &Q->y);
    fq2_mul(&q1->y, &t, &fq12_frob_gamma1[2]);
    q1->inf = false;
    fq2_mul_fq(&minus_q2->x, &Q->x, &fq12_frob_gamma2[1]);
    minus_q2->y = Q->y;
    minus_q2->inf = false;
}

/* Pairs handled together in one pass of the loop; longer inputs are cut into
 * passes of this many, so the state lives on the stack. */
#define MILLER_BATCH 8

/* f = Π millerloop over pairs[0..n), n <= MILLER_BATCH, none at infinity. */
static void miller_batch(fq12_t *f, miller_pair *pairs, size_t n)
{
    /* 6x + 2 = 29793968203157093288, the optimal ate loop length (Vercauteren,
     * "Optimal pairings", 2010: for BN curves the short vector is
     * (6x + 2, 1, -1, 1)). */
    int8_t naf[BN254_NAF_MAX];
    int len = bn254_naf(naf, (zk_u128)BN254_ATE_X * 6 + 2);
    line l;
    fq12_one(f);
    for (size_t j = 0; j < n; j++) {
        miller_pair *m = &pairs[j];
        m->t.x = m->q.x;
        m->t.y = m->q.y;
        fq2_one(&m->t.z);
        m->neg_q = m->q;
        fq2_neg(&m->neg_q.y, &m->q.y);
    }
    /* The top digit is 1: T starts at Q, f at 1, so the first squaring is skipped. */
    for (int i = len - 2; i >= 0; i--) {
        if (i != len - 2)
            fq12_sqr(f, f);
        for (size_t j = 0; j < n; j++) {
            miller_pair *m = &pairs[j];
            dbl_step(&l, &m->t, &m->neg_xp, &m->yp);
            fq12_mul_by_013(f, f, &l.l0, &l.l1, &l.l3);
            if (naf[i] != 0) {
                add_step(&l, &m->t, naf[i] > 0 ? &m->q : &m->neg_q, &m->neg_xp, &m->yp);
                fq12_mul_by_013(f, f, &l.l0, &l.l1, &l.l3);
            }
        }
    }
    /* The two extra lines of the optimal ate pairing: T + π(Q), then - π^2(Q). */
    for (size_t j = 0; j < n; j++) {
        miller_pair *m = &pairs[j];
        bn254_g2_aff q1, minus_q2;
        twist_frobenius(&q1, &minus_q2, &m->q);
        add_step(&l, &m->t, &q1, &m->neg_xp, &m->yp);
        fq12_mul_by_013(f, f, &l.l0, &l.l1, &l.l3);
        add_step(&l, &m->t, &minus_q2, &m->neg_xp, &m->yp);
        fq12_mul_by_013(f, f, &l.l0, &l.l1, &l.l3);
    }
}

void bn254_miller_loop_multi(fq12_t *f, const bn254_g1_aff *P, const bn254_g2_aff *Q, size_t n)
{
    miller_pair pairs[MILLER_BATCH];
    fq12_t acc, part;
    size_t k = 0;
    fq12_one(&acc);
    for (size_t i = 0; i < n; i++) {
        if (P[i].inf || Q[i].inf)
            continue;
        fq_neg(&pairs[k].neg_xp, &P[i].x);
        pairs[k].yp = P[i].y;
        pairs[k].q = Q[i];
        if (++k == MILLER_BATCH) {
            miller_batch(&part, pairs, k);
            fq12_mul(&acc, &acc, &part);
            k = 0;
        }
    }
    if (k > 0) {
        miller_batch(&part, pairs, k);
        fq12_mul(&acc, &acc, &part);
    }
    *f = acc;
}

void bn254_miller_loop(fq12_t *f, const bn254_g1_aff *P, const bn254_g2_aff *Q)
{
    bn254_miller_loop_multi(f, P, Q, 1);
}

void bn254_pairing(fq12_t *r, const bn254_g1_aff *P, const bn254_g2_aff *Q)
{
    fq12_t f;
    bn254_miller_loop(&f, P, Q);
    bn254_final_exp(r, &f);
}

zk_err bn254_pairing_check(const bn254_g1_aff P[], const bn254_g2_aff Q[], size_t n, bool *ok)
{
    if (!ok || (n > 0 && (!P || !Q)))
        return ZK_EINVAL;
    fq12_t f;
    bn254_miller_loop_multi(&f, P, Q, n);
    bn254_final_exp(&f, &f);
    *ok = fq12_is_one(&f);
    return ZK_OK;
}
