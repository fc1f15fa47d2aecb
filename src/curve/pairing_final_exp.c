/* The final exponentiation of the BN254 pairing: f -> f^(m·(q^12 - 1)/r)
 * with m = 2x(6x^2 + 3x + 1), a fixed integer prime to r.
 *
 * (q^12 - 1)/r = (q^6 - 1)(q^2 + 1)·(q^4 - q^2 + 1)/r. The first two factors
 * (the "easy part") cost an inversion and Frobenius maps and land f in the
 * cyclotomic subgroup, where inversion is conjugation and squaring has the
 * cheaper Granger-Scott form. For the "hard part" Fuentes-Castañeda, Knapp
 * and Rodríguez-Henríquez ("Faster hashing to G2", SAC 2011) observed
 * that a multiple m of (q^4 - q^2 + 1)/r has small base-q digits, polynomials
 * in the BN parameter x; as an identity of integers,
 *   m·(q^4 - q^2 + 1)/r = λ0 + λ1 q + λ2 q^2 + λ3 q^3,
 *   λ0 = 12x^3 + 12x^2 + 6x + 1,  λ1 = 12x^3 + 6x^2 + 4x,
 *   λ2 = 12x^3 + 6x^2 + 6x,       λ3 = 12x^3 + 6x^2 + 4x - 1.
 * Raising to a power prime to r keeps the pairing bilinear and
 * non-degenerate, and m is the convention of snarkjs/ffjavascript (and
 * arkworks): GT values such as a verification key's vk_alphabeta_12 come out
 * identical (tests/unit/test_pairing.c checks one). */
#include "curve/pairing.h"

/* r = a^x for a in the cyclotomic subgroup, x = 4965661367192848881, by the
 * signed binary (NAF) form of x: a^-1 is conj(a), so a digit -1 costs the
 * same as +1, and the NAF has 24 non-zero digits where binary has 28. */
static void cyclotomic_exp_x(fq12_t *r, const fq12_t *a)
{
    int8_t naf[BN254_NAF_MAX];
    int len = bn254_naf(naf, BN254_ATE_X);
    fq12_t acc = *a, inv;
    fq12_conj(&inv, a);
    for (int i = len - 2; i >= 0; i--) {
        fq12_cyclotomic_sqr(&acc, &acc);
        if (naf[i] > 0)
            fq12_mul(&acc, &acc, a);
        else if (naf[i] < 0)
            fq12_mul(&acc, &acc, &inv);
    }
    *r = acc;
}

/* r = f^(λ0 + λ1 q + λ2 q^2 + λ3 q^3) for f in the cyclotomic subgroup,
 * with three exponentiations by x and the λ's assembled from shared pieces:
 *   a = f^(6x), b = f^(6x^2), c = f^(12x^3),
 *   u = c·b·a = f^λ2,  v = u·f^(-2x) = f^λ1,  w = u·b·f = f^λ0,
 *   v·f^-1 = f^λ3,
 *   r = w · v^q · u^(q^2) · (v·f^-1)^(q^3). */
static void hard_part(fq12_t *r, const fq12_t *f)
{
    fq12_t f2x, a, b, c, u, v, w, t;
    cyclotomic_exp_x(&t, f);               /* f^x */
    fq12_cyclotomic_sqr(&f2x, &t);         /* f^(2x) */
    fq12_cyclotomic_sqr(&a, &f2x);         /* f^(4x) */
    fq12_mul(&a, &a, &f2x);                /* f^(6x) */
    cyclotomic_exp_x(&b, &a);              /* f^(6x^2) */
    fq12_cyclotomic_sqr(&c, &b);           /* f^(12x^2) */
    cyclotomic_exp_x(&c, &c);              /* f^(12x^3) */

    fq12_mul(&u, &c, &b);
    fq12_mul(&u, &u, &a);                  /* f^λ2 */
    fq12_conj(&t, &f2x);
    fq12_mul(&v, &u, &t);                  /* f^λ1 */
    fq12_mul(&w, &u, &b);
    fq12_mul(&w, &w, f);                   /* f^λ0 */

    fq12_frobenius(&t, &v, 1);
    fq12_mul(&w, &w, &t);
    fq12_frobenius(&t, &u, 2);
    fq12_mul(&w, &w, &t);
    fq12_conj(&t, f);
    fq12_mul(&t, &v, &t);                  /* f^λ3 */
    fq12_frobenius(&t, &t, 3);
    fq12_mul(r, &w, &t);
}

void bn254_final_exp(fq12_t *r, const fq12_t *f)
{
    /* Easy part: m = f^(q^6 - 1) = conj(f)/f, then m^(q^2 + 1). */
    fq12_t m, t;
    fq12_inv(&t, f);   /* constant-time: pairing inputs may be secret */
    fq12_conj(&m, f);
    fq12_mul(&m, &m, &t);
    fq12_frobenius(&t, &m, 2);
    fq12_mul(&m, &m, &t);
    hard_part(r, &m);
}
