/* Short Weierstrass curves y^2 = x^3 + a·x + b over any prime field, on GMP.
 *
 * Affine points, textbook formulas, variable-time: for lessons that need a
 * real curve without a fast implementation behind it (Schnorr and BIP-340
 * over secp256k1 in Part 1, the G1 side of the toy pairing curves) and as a
 * test oracle for the fast BN254 code. Not for secrets that must resist
 * timing attacks.
 *
 * Functions take the curve first, then outputs, then inputs; outputs may
 * alias inputs. */
#ifndef ZK_CURVE_EC_ZP_H
#define ZK_CURVE_EC_ZP_H

#include "field/zp.h"

typedef struct ec_zp_point {
    mpz_t x, y;
    bool inf;   /* the point at infinity; x and y are then meaningless */
} ec_zp_point;

typedef struct ec_zp_curve {
    zp_field f;
    mpz_t a, b;
    ec_zp_point g;   /* base point */
    mpz_t n;         /* order of g (prime) */
    mpz_t h;         /* cofactor: #E = h·n */
    const char *name;
} ec_zp_curve;

/* Parameters as decimal or 0x-hex text. Checks that p is prime, the curve is
 * not singular (4a^3 + 27b^2 != 0), g is on it, and n·g = O.
 * ZK_EPARSE, ZK_ENOTPRIME, ZK_EINVAL (singular), ZK_ENOTONCURVE (g off the
 * curve or n·g != O). On error nothing needs clearing. */
zk_err ec_zp_curve_init(ec_zp_curve *c, const char *name, const char *p, const char *a,
                        const char *b, const char *gx, const char *gy, const char *n,
                        const char *h);
void ec_zp_curve_clear(ec_zp_curve *c);

/* secp256k1 (SEC 2, section 2.4.1): the curve of Bitcoin and BIP-340. */
zk_err ec_zp_curve_secp256k1(ec_zp_curve *c);

void ec_zp_point_init(ec_zp_point *p);   /* starts as infinity */
void ec_zp_point_clear(ec_zp_point *p);
void ec_zp_point_set(ec_zp_point *r, const ec_zp_point *p);
void ec_zp_point_set_inf(ec_zp_point *r);
/* (x, y) must be field elements (< p); ZK_ENOTONCURVE if not on the curve,
 * ZK_ENONCANONICAL if a coordinate is >= p (r is left unchanged then). */
zk_err ec_zp_point_set_xy(const ec_zp_curve *c, ec_zp_point *r, const mpz_t x, const mpz_t y);

bool ec_zp_on_curve(const ec_zp_curve *c, const ec_zp_point *p);
bool ec_zp_eq(const ec_zp_point *p, const ec_zp_point *q);
void ec_zp_neg(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p);
void ec_zp_add(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p, const ec_zp_point *q);
void ec_zp_dbl(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p);
/* r = k·p for any integer k (negative too). */
void ec_zp_mul(const ec_zp_curve *c, ec_zp_point *r, const ec_zp_point *p, const mpz_t k);

#endif
