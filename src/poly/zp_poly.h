/* Dense polynomials over a GMP prime field (field/zp.h): exact arithmetic
 * for the lessons, where every coefficient is shown, in any field from F_5
 * (a toy curve's scalars) to BN254's Fr.
 *
 * A polynomial is an array of mpz_t coefficients, lowest power first, with
 * its length beside it; a length-0 array is the zero polynomial. Outputs come
 * first and must not overlap inputs unless a comment says so. Input arrays
 * are plain `mpz_t *`: C17 has no implicit conversion from mpz_t * to
 * const mpz_t * (a pointer to arrays), so a const would burden every caller. Schoolbook
 * algorithms throughout: lesson sizes are a handful of coefficients. The
 * fast NTT-based polynomials over Fr are poly/fr_poly.h. */
#ifndef ZK_POLY_ZP_POLY_H
#define ZK_POLY_ZP_POLY_H

#include "field/zp.h"

/* len zero coefficients, initialised; NULL when out of memory (or len = 0,
 * which needs no array). Free with zp_poly_free. */
mpz_t *zp_poly_new(size_t len);
void zp_poly_free(mpz_t *p, size_t len);
void zp_poly_copy(mpz_t *r, mpz_t *p, size_t len);

/* The index of the highest non-zero coefficient, -1 for the zero polynomial. */
long zp_poly_degree(mpz_t *p, size_t len);

/* r = p(x), Horner. r may not be a coefficient of p. */
void zp_poly_eval(const zp_field *f, mpz_t r, mpz_t *p, size_t len, const mpz_t x);

/* r (max(la, lb) coefficients) = a + k·b; r may be a. */
void zp_poly_add_scaled(const zp_field *f, mpz_t *r, mpz_t *a, size_t la, mpz_t *b,
                        size_t lb, const mpz_t k);

/* out (la + lb - 1 coefficients, la, lb >= 1) = a·b. */
void zp_poly_mul(const zp_field *f, mpz_t *out, mpz_t *a, size_t la, mpz_t *b, size_t lb);

/* a = q·b + rem with deg rem < deg b: q has la - lb + 1 coefficients (la >=
 * lb), rem lb - 1. b's top coefficient must be non-zero (ZK_EZERO). *exact
 * (if not NULL) says whether rem = 0. */
zk_err zp_poly_divmod(const zp_field *f, mpz_t *q, mpz_t *rem, mpz_t *a, size_t la,
                      mpz_t *b, size_t lb, bool *exact);

/* q (len - 1 coefficients, len >= 1) = (p - p(z))/(x - z), and *value (if
 * not NULL) = p(z): synthetic division, the quotient of a KZG opening. */
void zp_poly_div_linear(const zp_field *f, mpz_t *q, mpz_t value, mpz_t *p, size_t len,
                        const mpz_t z);

/* m (n + 1 coefficients) = Π (x - xs_i). */
void zp_poly_from_roots(const zp_field *f, mpz_t *m, mpz_t *xs, size_t n);

/* The polynomial of degree < n through (xs_i, ys_i) (Lagrange). ZK_EINVAL
 * when two xs are equal, ZK_ENOMEM. */
zk_err zp_poly_interpolate(const zp_field *f, mpz_t *coeffs, mpz_t *xs, mpz_t *ys,
                           size_t n);

/* A field element as a person would write it: in a field of at most 64 bits
 * its value in [0, p); in a larger one the fraction a/b (|a|, b < 2^24) it
 * equals when there is one, so that -1 reads "-1" and 1/6 "1/6" rather than
 * 77 digits; otherwise "0x1a2b…9f3c". */
char *zp_show(const zp_field *f, char *buf, size_t size, const mpz_t v);

/* "(5/6)x^3 - 5x^2 + (55/6)x - 5": highest power first, terms with a zero
 * coefficient left out, "0" for the zero polynomial; var names the variable.
 * Truncated (ending in "…") when buf is too small. */
char *zp_poly_str(const zp_field *f, char *buf, size_t size, mpz_t *p, size_t len,
                  const char *var);

#endif
