/* Dense polynomials and NTTs over a 2-adic prime field: the declarations.
 *
 * Included once per field, with no include guard, after defining
 *   POLY_NAME   the prefix, e.g. fr → fr_domain, fr_ntt, fr_poly_eval
 *   POLY_T      the element type (fr_t, gl_t, f101_t)
 * The implementation is poly/ntt_impl.h, included by one .c file per field.
 *
 * A domain of size n = 2^log_n is the group of n-th roots of unity
 * H = {ω^0, ..., ω^(n-1)} for the field's standard ω (fr_root_of_unity,
 * gl_root_of_unity, f101_root_of_unity). Arrays hold n elements in natural
 * order: coefficients a_0..a_(n-1), or evaluations at ω^0..ω^(n-1). */

#include "core/paste.h"

#define POLY_FN(op) ZK_PASTE(POLY_NAME, op)
#define POLY_DOMAIN ZK_PASTE(POLY_NAME, domain)

typedef struct POLY_DOMAIN {
    unsigned log_n;
    size_t n;
    POLY_T omega;      /* primitive n-th root of unity */
    POLY_T omega_inv;
    POLY_T n_inv;      /* 1/n, for the inverse transform */
    POLY_T *tw;        /* tw[len + k] = ω_{2len}^k for each stage len < n, k < len */
    POLY_T *tw_inv;    /* the same for ω^-1 */
} POLY_DOMAIN;

/* ZK_EINVAL when log_n exceeds the field's two-adicity, ZK_ENOMEM. */
zk_err POLY_FN(domain_init)(POLY_DOMAIN *d, unsigned log_n);
void POLY_FN(domain_free)(POLY_DOMAIN *d);

/* In place: coefficients → evaluations on H (ntt), evaluations →
 * coefficients (intt). Large transforms use the thread pool. */
void POLY_FN(ntt)(const POLY_DOMAIN *d, POLY_T *a);
void POLY_FN(intt)(const POLY_DOMAIN *d, POLY_T *a);
/* ntt without its final reordering: afterwards a[bitrev(i)] holds the
 * evaluation at ω^i (bitrev over log_n bits). For callers that scatter the
 * values anyway, the reordering pass is wasted memory traffic. */
void POLY_FN(ntt_bitrev)(const POLY_DOMAIN *d, POLY_T *a);
/* The same on the coset shift·H: evaluations at shift·ω^i. */
void POLY_FN(coset_ntt)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *shift);
void POLY_FN(coset_intt)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *shift);

/* Evaluations of p (degree < n) on H → its evaluations on shift·H, both in
 * natural order: coset_ntt(intt(a)) in one call, without the two
 * reordering passes those make. shift must be nonzero. */
void POLY_FN(domain_to_coset)(const POLY_DOMAIN *d, POLY_T *a, const POLY_T *shift);

/* p(x) for p of len coefficients (Horner). */
void POLY_FN(poly_eval)(POLY_T *r, const POLY_T *p, size_t len, const POLY_T *x);
/* out (la + lb - 1 coefficients) = a·b, schoolbook: for lesson sizes. */
void POLY_FN(poly_mul_naive)(POLY_T *out, const POLY_T *a, size_t la, const POLY_T *b, size_t lb);
/* The polynomial of degree < n through (xs[i], ys[i]) (Lagrange, O(n^2)).
 * ZK_EINVAL when two xs are equal, ZK_ENOMEM. */
zk_err POLY_FN(poly_interpolate)(POLY_T *coeffs, const POLY_T *xs, const POLY_T *ys, size_t n);
/* q = p / (x^m - 1) for p of len coefficients; q has len - m coefficients
 * (len >= m). *exact tells whether the remainder was zero. */
void POLY_FN(poly_div_vanishing)(POLY_T *q, const POLY_T *p, size_t len, size_t m, bool *exact);

#undef POLY_FN
#undef POLY_DOMAIN
#undef POLY_NAME
#undef POLY_T
