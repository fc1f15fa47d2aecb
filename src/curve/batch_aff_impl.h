/* The batched affine formulas of curve/batch_aff.h, written once for G1
 * and G2. Included twice by curve/batch_aff.c, with no include guard, after
 * defining TPL_G (g1 or g2) and TPL_F (fq or fq2).
 *
 * Chord and tangent (affine short Weierstrass, a = 0):
 *   P + Q: λ = (y2 − y1)/(x2 − x1), x3 = λ^2 − x1 − x2, y3 = λ(x1 − x3) − y1;
 *   2P:    λ = 3x^2/(2y),           x3 = λ^2 − 2x,      y3 = λ(x − x3) − y.
 * The denominators of the batch are multiplied up (prefix products kept),
 * the product inverted once, and each inverse peeled off walking back. A
 * pair whose denominator would be zero (or undefined) is marked by a zero
 * denominator and done on the side. */

#include "core/paste.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define F_(op) ZK_PASTE(TPL_F, op)
#define FT ZK_PASTE(TPL_F, t)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)

/* Whether a pair leaves the batch for the side path (or a batch is
 * empty): with secret scalars false except with negligible probability
 * (curve/batch_aff.h), so the decision is declassified (core/ctime.h). */
static bool G_(side)(bool taken)
{
    zk_ct_public(&taken, sizeof taken);
    return taken;
}

/* acc ← 1/acc; blinded by a random ρ when blind is set. acc = 1 (no
 * denominator in the batch) needs nothing. */
static void G_(batch_invert)(FT *acc, zk_rng *blind)
{
    if (G_(side)(F_(is_one)(acc)))
        return;
    if (!blind) {
        F_(inv_var)(acc, acc);
        return;
    }
    FT rho;
    do
        F_(random)(&rho, blind);
    while (F_(is_zero)(&rho));
    F_(mul)(acc, acc, &rho);
    /* acc·ρ is uniform in the non-zero elements whatever acc is: the
     * variable-time inversion may see it (core/ctime.h); its result is as
     * secret as acc was. */
    zk_ct_public(acc, sizeof *acc);
    F_(inv_var)(acc, acc);
    zk_ct_secret(acc, sizeof *acc);
    F_(mul)(acc, acc, &rho);
}

/* The shared tail: with the slope l, a ← (l^2 − x_a − x_b, l(x_a − x3) − y_a). */
static void G_(chord)(AFF *a, const FT *l, const FT *xb)
{
    FT x3, t;
    F_(sqr)(&x3, l);
    F_(sub)(&x3, &x3, &a->x);
    F_(sub)(&x3, &x3, xb);
    F_(sub)(&t, &a->x, &x3);
    F_(mul)(&t, &t, l);
    F_(sub)(&a->y, &t, &a->y);
    a->x = x3;
}

/* Walking back: inv ← 1/den[i] from the running inverse acc of the
 * prefix product, and acc steps past den[i]. */
static void G_(peel)(FT *inv, FT *acc, const FT *pre, const FT *den)
{
    F_(mul)(inv, acc, pre);
    F_(mul)(acc, acc, den);
}

void G_(aff_add_many_at)(AFF *a, const size_t *at, const AFF *b, size_t n, FT *tmp,
                         zk_rng *blind)
{
    FT *den = tmp, *pre = tmp + n, acc;
    F_(one)(&acc);
    for (size_t i = 0; i < n; i++) {
        const AFF *x = at ? &a[at[i]] : &a[i];
        if (G_(side)(x->inf | b[i].inf | F_(eq)(&x->x, &b[i].x))) {
            F_(zero)(&den[i]);
            continue;
        }
        F_(sub)(&den[i], &b[i].x, &x->x);
        pre[i] = acc;
        F_(mul)(&acc, &acc, &den[i]);
    }
    G_(batch_invert)(&acc, blind);
    for (size_t i = n; i-- > 0;) {
        AFF *x = at ? &a[at[i]] : &a[i];
        JAC j;
        if (G_(side)(F_(is_zero)(&den[i]))) {
            if (b[i].inf)
                continue;
            if (x->inf) {
                *x = b[i];
                continue;
            }
            G_(from_aff)(&j, x);
            G_(add_mixed_var)(&j, &j, &b[i]);
            G_(to_aff_var)(x, &j);
            continue;
        }
        FT inv, l;
        G_(peel)(&inv, &acc, &pre[i], &den[i]);
        F_(sub)(&l, &b[i].y, &x->y);
        F_(mul)(&l, &l, &inv);
        G_(chord)(x, &l, &b[i].x);
    }
}

void G_(aff_add_many)(AFF *a, const AFF *b, size_t n, FT *tmp, zk_rng *blind)
{
    G_(aff_add_many_at)(a, NULL, b, n, tmp, blind);
}

void G_(aff_dbl_many)(AFF *a, size_t n, FT *tmp, zk_rng *blind)
{
    FT *den = tmp, *pre = tmp + n, acc;
    F_(one)(&acc);
    for (size_t i = 0; i < n; i++) {
        /* y = 0 has order 2: not in a group of odd order, but kept exact. */
        if (G_(side)(a[i].inf | F_(is_zero)(&a[i].y))) {
            F_(zero)(&den[i]);
            continue;
        }
        F_(dbl)(&den[i], &a[i].y);
        pre[i] = acc;
        F_(mul)(&acc, &acc, &den[i]);
    }
    G_(batch_invert)(&acc, blind);
    for (size_t i = n; i-- > 0;) {
        JAC j;
        if (G_(side)(F_(is_zero)(&den[i]))) {
            if (a[i].inf)
                continue;
            G_(from_aff)(&j, &a[i]);
            G_(dbl)(&j, &j);
            G_(to_aff_var)(&a[i], &j);
            continue;
        }
        FT inv, l, x2, x = a[i].x;
        G_(peel)(&inv, &acc, &pre[i], &den[i]);
        F_(sqr)(&x2, &a[i].x);
        F_(dbl)(&l, &x2);
        F_(add)(&l, &l, &x2);
        F_(mul)(&l, &l, &inv);
        G_(chord)(&a[i], &l, &x);
    }
}

#undef G_
#undef F_
#undef FT
#undef AFF
#undef JAC
#undef TPL_G
#undef TPL_F
