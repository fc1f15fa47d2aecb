/* Trace interpolation, zero-knowledge randomisation and low-degree
 * extension onto the evaluation domain D = s·<ω_D>, |D| = blowup·N.
 * Internal to the prover (the verifier never extends anything). */
#ifndef ZK_STARK_LDE_H
#define ZK_STARK_LDE_H

#include "poly/gl_poly.h"
#include "stark/stark.h"

#define STARK_MAX_BLOWUP 64

typedef struct stark_domains {
    const stark_layout *l;
    gl_domain dn;                          /* the trace domain H, N points */
    gl_domain dl;                          /* <ω_D>, |D| points */
    gl_t coset_shift[STARK_MAX_BLOWUP];    /* s·ω_D^k: D is the union of these cosets of H */
    gl_t coset_shift_n[STARK_MAX_BLOWUP];  /* (s·ω_D^k)^N, the value of x^N on coset k */
    gl_t *xs;                              /* the points of D in order: s·ω_D^j */
    gl_t *coset_pows;                      /* [k·N + i] = (s·ω_D^k)^i, for coset NTTs */
    uint32_t *bitrev;                      /* bit reversal over log2 N bits */
} stark_domains;

zk_err stark_domains_init(stark_domains *dm, const stark_layout *l);
void stark_domains_free(stark_domains *dm);

/* Interpolates ncols columns of an N-row table (row-major, rows stride
 * elements apart, starting at column col0) over H: coeffs[c·len + i] for
 * i < len, column-major, len >= N. With k_rand > 0 each column T becomes
 * T + Z_H·r for r random of degree < k_rand (k_rand <= len - N): the same
 * values on H, a polynomial of degree < N + k_rand. */
zk_err stark_interpolate(const stark_domains *dm, const gl_t *rows, size_t stride, size_t col0,
                         size_t ncols, gl_t *coeffs, size_t len, size_t k_rand, zk_rng *rng);

/* Evaluates ncols polynomials (column-major, len coefficients each,
 * N <= len <= 2N or len <= N) on D: out[j·width + col0 + c] is column c at
 * the point s·ω_D^j. Each coset of H is one N-point NTT, after folding the
 * coefficients past N back with x^N = (its shift)^N. Parallel. */
zk_err stark_lde(const stark_domains *dm, const gl_t *coeffs, size_t ncols, size_t len,
                 gl_t *out, size_t width, size_t col0);

/* The periodic column's values on D: tab[j mod (blowup·period)] is its
 * value at s·ω_D^j. tab holds blowup·period elements. */
zk_err stark_periodic_lde(const stark_domains *dm, const stark_periodic *p, gl_t *tab);
/* The periodic polynomial's coefficients (period of them): p(x^(N/period))
 * is the column's value at x. */
zk_err stark_periodic_coeffs(const stark_periodic *p, gl_t *coeffs);

/* The fixed columns' Merkle tree over their extension: n_fixed values of
 * each of the |D| rows, rows stride elements apart, unsalted. */
zk_err stark_fixed_tree(merkle_tree *t, const stark_layout *l, const gl_t *lde, size_t n_fixed,
                        size_t stride);

#endif
