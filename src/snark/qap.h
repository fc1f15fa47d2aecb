/* Quadratic arithmetic programs: an R1CS turned into polynomials, the step
 * between lesson 06's matrices and Groth16 (Gennaro, Gentry, Parno, Raykova,
 * "Quadratic span programs and succinct NIZKs without PCPs", EUROCRYPT 2013;
 * Buterin, "Quadratic Arithmetic Programs: from Zero to Hero", 2016).
 *
 * Constraint i of m lives at a point x_i. For each wire j the column of A
 * becomes the polynomial A_j(x) of degree < m with A_j(x_i) = A[i][j], and
 * likewise B_j, C_j. For a witness w,
 *     A(x) = Σ_j w_j·A_j(x),  B(x), C(x) likewise,  P(x) = A(x)·B(x) - C(x),
 * and P(x_i) = <A_i,w>·<B_i,w> - <C_i,w>: every constraint holds exactly when
 * P vanishes at every x_i, i.e. when the target polynomial
 *     t(x) = Π_i (x - x_i)
 * divides P. Then h(x) = P(x)/t(x) has degree at most m - 2, and the whole
 * system is checked by one equation A(s)·B(s) - C(s) = h(s)·t(s) at a random
 * point s: two different polynomials of degree d agree at no more than d
 * points (Schwartz–Zippel), so a false P passes with probability ≤ 2(m-1)/p.
 *
 * Two implementations:
 *  - qap_*     exact, on GMP, over any prime field and any points (1..m by
 *              default, as in the article series of src/nn/cnn.h), every
 *              coefficient at hand: the lessons, over BN254's Fr or the
 *              toy curves' small fields;
 *  - qap_fr_*  over Fr on the NTT domain of snarkjs (the points ω^i), in
 *              evaluation form, for circuits of millions of constraints. */
#ifndef ZK_SNARK_QAP_H
#define ZK_SNARK_QAP_H

#include <gmp.h>

#include "circuit/r1cs.h"
#include "field/zp.h"
#include "poly/fr_poly.h"

/* ---- exact QAP over a GMP prime field -------------------------------- */

typedef struct qap {
    zp_field f;
    size_t m;          /* constraints, one point each */
    size_t n;          /* wires, w_0 = 1 included */
    mpz_t *xs;         /* the points x_0..x_{m-1} */
    mpz_t *a, *b, *c;  /* column polynomials: A_j's m coefficients at a + j·m */
    mpz_t *t;          /* t(x) = Π (x - x_i), m + 1 coefficients */
} qap;

/* The QAP of s over F_p. xs (m distinct values) or NULL for the points
 * 1, 2, ..., m. An Fr coefficient c of s enters F_p as the integer in
 * (-r/2, r/2] congruent to c, so a circuit's -1 or 5 keeps its meaning in a
 * toy field (for p = r this changes nothing). ZK_ENOTPRIME for a bad p,
 * ZK_EINVAL for no constraints, repeated points or m ≥ p with the default
 * points, ZK_ENOMEM. On error q needs no freeing. */
zk_err qap_init(qap *q, const r1cs *s, const mpz_t p, mpz_t *xs);
void qap_free(qap *q);

/* The coefficients of column j's polynomial (0 = A, 1 = B, 2 = C). */
static inline mpz_t *qap_column(const qap *q, int side, size_t j)
{
    mpz_t *base = side == 0 ? q->a : side == 1 ? q->b : q->c;
    return base + j * q->m;
}

/* A witness of Fr values (n of them) as elements of F_p, by the same signed
 * convention as the coefficients. w holds q->n initialised mpz_t. */
void qap_witness_from_fr(const qap *q, mpz_t *w, const fr_t *wf);

/* Everything a witness turns into. */
typedef struct qap_sol {
    size_t m;
    mpz_t *a, *b, *c;   /* A(x), B(x), C(x): m coefficients each */
    mpz_t *p;           /* A·B - C: 2m - 1 coefficients */
    mpz_t *h;           /* P / t: m - 1 coefficients (none for m = 1) */
    mpz_t *rem;         /* P mod t: m coefficients */
    bool exact;         /* rem = 0: the witness satisfies every constraint */
} qap_sol;

/* w: q->n values in [0, p). ZK_ENOMEM; on error sol needs no freeing. */
zk_err qap_solve(qap_sol *sol, const qap *q, mpz_t *w);
void qap_sol_free(qap_sol *sol);

/* The Schwartz–Zippel check at s: lhs = A(s)·B(s) - C(s), rhs = h(s)·t(s);
 * returns lhs = rhs. */
typedef struct qap_point {
    mpz_t s, a, b, c, h, t, lhs, rhs;
} qap_point;

void qap_point_init(qap_point *pt);
void qap_point_clear(qap_point *pt);
bool qap_check_at(qap_point *pt, const qap *q, const qap_sol *sol, const mpz_t s);

/* u_j = A_j(x), v_j = B_j(x), w_j = C_j(x) for every wire (q->n initialised
 * mpz_t each), and tx = t(x): what a Groth16 setup evaluates at τ. */
void qap_columns_at(const qap *q, mpz_t *u, mpz_t *v, mpz_t *w, mpz_t tx, const mpz_t x);

/* ---- fast QAP over Fr, snarkjs's domain ------------------------------- */

/* log2 of the domain: the smallest power of two n ≥ m + n_pub + 1, where
 * n_pub = public outputs + public inputs (snarkjs adds one constraint row per
 * public wire and the constant, see qap_fr_abc). ZK_EOVERFLOW beyond 2^28. */
zk_err qap_fr_domain_log(unsigned *log_n, const r1cs *s);

/* The evaluations of A(x), B(x), C(x) on the domain's n points ω^i (arrays
 * of n): row i < m holds <A_i,w>, <B_i,w>, <C_i,w>; rows m .. m + n_pub hold
 * a = w_k for k = 0 .. n_pub (snarkjs's extra rows, which keep the public
 * wires' polynomials linearly independent), b = c = 0; the rest are zero.
 * ZK_EINVAL when n is too small. */
zk_err qap_fr_abc(fr_t *a, fr_t *b, fr_t *c, size_t n, const r1cs *s, const fr_t *w);

/* The shift g = ω_{2n} of the odd coset g·H, where t(x) = x^n - 1 takes the
 * constant value g^n - 1 = -2. */
void qap_fr_coset_shift(fr_t *g, const fr_domain *d);

/* From evaluations on H (a, b, c, each d->n, overwritten): e_i = A·B - C at
 * g·ω^i, the values snarkjs's prover multiplies with the .zkey's H points.
 * No allocation; the NTTs use the thread pool. */
void qap_fr_coset_abc(const fr_domain *d, fr_t *a, fr_t *b, fr_t *c);

/* h's coefficients (d->n of them; the top one is zero for a satisfying
 * witness, whose h has degree ≤ n - 2) from evaluations on H: a, b and c
 * are overwritten, h may be a. When the witness does not satisfy the
 * system, t does not divide P and h is a polynomial that fails the
 * Schwartz–Zippel check. */
void qap_fr_h(fr_t *h, const fr_domain *d, fr_t *a, fr_t *b, fr_t *c);

/* L_i(x) for i < n, the Lagrange basis of H at x:
 *     L_i(x) = ω^i·(x^n - 1) / (n·(x - ω^i)),
 * or the indicator of x's index when x ∈ H. ZK_ENOMEM. */
zk_err qap_fr_lagrange_at(fr_t *l, const fr_domain *d, const fr_t *x);

/* A(x), B(x), C(x) from their evaluations on H and the basis at x. */
void qap_fr_eval(fr_t *r, const fr_t *evals, const fr_t *l, size_t n);

/* The Schwartz–Zippel check A(s)·B(s) - C(s) = h(s)·(s^n - 1), from the
 * evaluations on H (a, b, c, unchanged) and h's n coefficients. *ok = the
 * verdict. ZK_ENOMEM. */
zk_err qap_fr_check_at(bool *ok, const fr_domain *d, const fr_t *a, const fr_t *b,
                       const fr_t *c, const fr_t *h, const fr_t *s);

#endif
