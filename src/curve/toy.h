/* Toy pairing-friendly curves, small enough to follow by hand, on GMP.
 *
 * The KZG and Groth16-by-hand lessons need a pairing whose every number a
 * student can check: a curve over a small prime field F_p, its order-r
 * subgroup G1, a second order-r subgroup G2 over the extension F_{p^k}
 * (k the embedding degree), and the reduced Tate pairing
 *   e(P, Q) = f_{r,P}(Q)^((p^k - 1)/r)  ∈ μ_r ⊂ F_{p^k}*
 * (Miller's algorithm; Menezes, "An introduction to pairing-based
 * cryptography", 2005). Two curves are built in:
 *   tjj13   y^2 = x^3 + 8x + 8 over F_13, #E = 20, r = 5, k = 4,
 *           F_{13^4} = F_13[t]/(t^4 + 2)  (the "tiny jubjub" of the
 *           MoonMath manual, in Weierstrass form)
 *   bls6_6  y^2 = x^3 + 6 over F_43, #E = 39, r = 13, k = 6,
 *           F_{43^6} = F_43[t]/(t^6 + 6), G1 generator (13, 15), G2
 *           generator (7t^2, 16t^3)  (the MoonMath manual's BLS6_6)
 * Everything here is variable-time and slow by design; the real curve is
 * BN254 (curve/g1.h, curve/pairing.h). */
#ifndef ZK_CURVE_TOY_H
#define ZK_CURVE_TOY_H

#include "field/zp.h"

#define TOY_MAX_K 12

/* F_{p^k} = F_p[t]/(m(t)), m monic of degree k: t^k = -(m_0 + ... + m_{k-1} t^{k-1}). */
typedef struct toy_field {
    zp_field fp;
    unsigned k;
    mpz_t m[TOY_MAX_K];
    mpz_t q;   /* p^k, the field's size */
} toy_field;

/* c_0 + c_1 t + ... + c_{k-1} t^{k-1}, coefficients in [0, p). */
typedef struct toy_elt {
    mpz_t c[TOY_MAX_K];
} toy_elt;

/* ZK_ENOTPRIME for a composite p, ZK_EINVAL for k out of range or m
 * reducible (Rabin's irreducibility test). On error nothing needs clearing. */
zk_err toy_field_init(toy_field *F, uint64_t p, unsigned k, const uint64_t *m);
void toy_field_clear(toy_field *F);

void toy_elt_init(toy_elt *a);
void toy_elt_clear(toy_elt *a);
void toy_elt_set(const toy_field *F, toy_elt *r, const toy_elt *a);
void toy_elt_set_u64(const toy_field *F, toy_elt *r, uint64_t v);
/* v·t^e (e < k): how lessons write points such as (7t^2, 16t^3). */
void toy_elt_set_monomial(const toy_field *F, toy_elt *r, uint64_t v, unsigned e);
bool toy_elt_eq(const toy_field *F, const toy_elt *a, const toy_elt *b);
bool toy_elt_is_zero(const toy_field *F, const toy_elt *a);
bool toy_elt_is_one(const toy_field *F, const toy_elt *a);
/* Whether a lies in the prime field (c_1 = ... = c_{k-1} = 0). */
bool toy_elt_in_base(const toy_field *F, const toy_elt *a);
void toy_add(const toy_field *F, toy_elt *r, const toy_elt *a, const toy_elt *b);
void toy_sub(const toy_field *F, toy_elt *r, const toy_elt *a, const toy_elt *b);
void toy_neg(const toy_field *F, toy_elt *r, const toy_elt *a);
void toy_mul(const toy_field *F, toy_elt *r, const toy_elt *a, const toy_elt *b);
void toy_pow(const toy_field *F, toy_elt *r, const toy_elt *a, const mpz_t e);
/* ZK_EZERO for 0. */
zk_err toy_inv(const toy_field *F, toy_elt *r, const toy_elt *a);
/* a^p, the Frobenius map. */
void toy_frobenius(const toy_field *F, toy_elt *r, const toy_elt *a);
/* A square root (Tonelli-Shanks over F_q); ZK_ENOSQRT when none. */
zk_err toy_sqrt(const toy_field *F, toy_elt *r, const toy_elt *a);
/* "16t^3 + 7t^2 + 5" (highest power first, "0" for zero) into buf. */
char *toy_elt_str(const toy_field *F, const toy_elt *a, char *buf, size_t size);

typedef struct toy_point {
    toy_elt x, y;
    bool inf;
} toy_point;

typedef struct toy_curve {
    const char *name;
    toy_field F;
    mpz_t a, b;     /* y^2 = x^3 + a x + b, a and b in F_p */
    mpz_t r;        /* the prime order of G1 and G2 */
    mpz_t n1, nk;   /* #E(F_p) and #E(F_{p^k}) */
    toy_point g1;   /* generates G1 = E(F_p)[r] */
    toy_point g2;   /* generates G2, the trace-zero part of E(F_{p^k})[r] */
} toy_curve;

/* "tjj13" or "bls6_6"; ZK_EINVAL for another name. */
zk_err toy_curve_init(toy_curve *c, const char *name);
void toy_curve_clear(toy_curve *c);

void toy_point_init(toy_point *p);
void toy_point_clear(toy_point *p);
void toy_point_set(const toy_curve *c, toy_point *r, const toy_point *p);
bool toy_point_eq(const toy_curve *c, const toy_point *p, const toy_point *q);
bool toy_on_curve(const toy_curve *c, const toy_point *p);
void toy_point_neg(const toy_curve *c, toy_point *r, const toy_point *p);
void toy_point_add(const toy_curve *c, toy_point *r, const toy_point *p, const toy_point *q);
void toy_point_mul(const toy_curve *c, toy_point *r, const toy_point *p, const mpz_t k);
void toy_point_mul_u64(const toy_curve *c, toy_point *r, const toy_point *p, uint64_t k);
/* π(P) = (x^p, y^p). */
void toy_point_frobenius(const toy_curve *c, toy_point *r, const toy_point *p);

/* The reduced Tate pairing e(P, Q) for P ∈ G1 and Q ∈ G2 (see the top).
 * ZK_EINVAL when P or Q is not of order r (or is infinity: then r = 1). */
zk_err toy_pairing(const toy_curve *c, toy_elt *r, const toy_point *P, const toy_point *Q);

#endif
