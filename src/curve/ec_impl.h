/* The group law of a short Weierstrass curve y^2 = x^3 + b (a = 0) over a
 * field F, written once for G1 (F = Fq) and G2 (F = Fq2).
 *
 * Included once, with no include guard, by curve/g1.c and curve/g2.c after
 * defining
 *   TPL_G          the group prefix, g1 or g2 (types g1_aff, g1_jac, g1_proj)
 *   TPL_F          the field prefix, fq or fq2 (functions fq_add, ...)
 *   EC_B           an expression for a const pointer to b
 *   EC_MUL_B3(r,a) r = 3b·a
 * It defines the functions declared in curve/g1.h (and the same ones in
 * curve/g2.h); their contracts are stated there. */

#include <sodium.h>

#include "core/paste.h"
#include "core/pool.h"
#include "curve/recode.h"

#define G_(op) ZK_PASTE(TPL_G, op)
#define F_(op) ZK_PASTE(TPL_F, op)
#define FT ZK_PASTE(TPL_F, t)
#define AFF ZK_PASTE(TPL_G, aff)
#define JAC ZK_PASTE(TPL_G, jac)
#define PROJ ZK_PASTE(TPL_G, proj)

void G_(set_inf)(JAC *r)
{
    F_(one)(&r->x);
    F_(one)(&r->y);
    F_(zero)(&r->z);
}

bool G_(is_inf)(const JAC *p) { return F_(is_zero)(&p->z); }

void G_(aff_set_inf)(AFF *r)
{
    F_(zero)(&r->x);
    F_(zero)(&r->y);
    r->inf = true;
}

void G_(from_aff)(JAC *r, const AFF *a)
{
    if (a->inf) {
        G_(set_inf)(r);
        return;
    }
    r->x = a->x;
    r->y = a->y;
    F_(one)(&r->z);
}

/* x = X/Z^2, y = Y/Z^3 with zi = 1/Z. */
static void to_aff_with(AFF *r, const JAC *p, const FT *zi)
{
    FT zi2, zi3;
    F_(sqr)(&zi2, zi);
    F_(mul)(&zi3, &zi2, zi);
    F_(mul)(&r->x, &p->x, &zi2);
    F_(mul)(&r->y, &p->y, &zi3);
    r->inf = false;
}

void G_(to_aff)(AFF *r, const JAC *p)
{
    /* Constant-time: always invert (0 maps to 0), then select infinity. */
    FT zi, zero;
    bool inf = G_(is_inf)(p);
    F_(inv)(&zi, &p->z);
    to_aff_with(r, p, &zi);
    F_(zero)(&zero);
    F_(cmov)(&r->x, &zero, inf);
    F_(cmov)(&r->y, &zero, inf);
    r->inf = inf;
    ZK_VERIFY(G_(is_on_curve)(r));
}

void G_(to_aff_var)(AFF *r, const JAC *p)
{
    if (G_(is_inf)(p)) {
        G_(aff_set_inf)(r);
        return;
    }
    FT zi;
    F_(inv_var)(&zi, &p->z);
    to_aff_with(r, p, &zi);
    ZK_VERIFY(G_(is_on_curve)(r));
}

void G_(batch_to_aff_var)(AFF *r, const JAC *p, size_t n)
{
    /* Montgomery's trick, with the prefix products parked in r[i].x so that
     * no scratch memory is needed: r[i].x = Z_0·…·Z_{i-1} over the finite
     * points. */
    FT acc;
    F_(one)(&acc);
    for (size_t i = 0; i < n; i++) {
        r[i].x = acc;
        if (!G_(is_inf)(&p[i]))
            F_(mul)(&acc, &acc, &p[i].z);
    }
    F_(inv_var)(&acc, &acc);   /* acc = 1/(product of all finite Z) */
    for (size_t i = n; i-- > 0;) {
        if (G_(is_inf)(&p[i])) {
            G_(aff_set_inf)(&r[i]);
            continue;
        }
        FT zi;
        F_(mul)(&zi, &acc, &r[i].x);
        F_(mul)(&acc, &acc, &p[i].z);
        to_aff_with(&r[i], &p[i], &zi);
    }
}

bool G_(eq)(const JAC *p, const JAC *q)
{
    /* X1·Z2^2 = X2·Z1^2 and Y1·Z2^3 = Y2·Z1^3, or both at infinity. */
    FT z1z1, z2z2, a, b, c, d;
    F_(sqr)(&z1z1, &p->z);
    F_(sqr)(&z2z2, &q->z);
    F_(mul)(&a, &p->x, &z2z2);
    F_(mul)(&b, &q->x, &z1z1);
    F_(mul)(&z1z1, &z1z1, &p->z);
    F_(mul)(&z2z2, &z2z2, &q->z);
    F_(mul)(&c, &p->y, &z2z2);
    F_(mul)(&d, &q->y, &z1z1);
    bool pi = G_(is_inf)(p), qi = G_(is_inf)(q);
    bool same = F_(eq)(&a, &b) & F_(eq)(&c, &d);
    return (pi & qi) | (!pi & !qi & same);
}

bool G_(aff_eq)(const AFF *a, const AFF *b)
{
    bool same = F_(eq)(&a->x, &b->x) & F_(eq)(&a->y, &b->y);
    return (a->inf & b->inf) | (!a->inf & !b->inf & same);
}

bool G_(is_on_curve)(const AFF *a)
{
    FT l, rr;
    F_(sqr)(&l, &a->y);
    F_(sqr)(&rr, &a->x);
    F_(mul)(&rr, &rr, &a->x);
    F_(add)(&rr, &rr, EC_B);
    return a->inf | F_(eq)(&l, &rr);
}

void G_(neg)(JAC *r, const JAC *p)
{
    r->x = p->x;
    F_(neg)(&r->y, &p->y);
    r->z = p->z;
}

void G_(aff_neg)(AFF *r, const AFF *a)
{
    r->x = a->x;
    F_(neg)(&r->y, &a->y);
    r->inf = a->inf;
}

/* dbl-2009-l (Lange, EFD "g1p/shortw/jacobian-0"), 2M + 5S:
 *   A = X1^2, B = Y1^2, C = B^2, D = 2((X1 + B)^2 - A - C), E = 3A, F = E^2,
 *   X3 = F - 2D, Y3 = E(D - X3) - 8C, Z3 = 2·Y1·Z1. */
void G_(dbl)(JAC *r, const JAC *p)
{
    FT a, b, c, d, e, f, t;
    F_(sqr)(&a, &p->x);
    F_(sqr)(&b, &p->y);
    F_(sqr)(&c, &b);
    F_(add)(&d, &p->x, &b);
    F_(sqr)(&d, &d);
    F_(sub)(&d, &d, &a);
    F_(sub)(&d, &d, &c);
    F_(dbl)(&d, &d);
    F_(dbl)(&e, &a);
    F_(add)(&e, &e, &a);
    F_(sqr)(&f, &e);
    F_(mul)(&t, &p->y, &p->z);   /* before r->y is overwritten */
    F_(dbl)(&r->z, &t);
    F_(sub)(&r->x, &f, &d);
    F_(sub)(&r->x, &r->x, &d);
    F_(sub)(&t, &d, &r->x);
    F_(mul)(&t, &e, &t);
    F_(dbl)(&c, &c);
    F_(dbl)(&c, &c);
    F_(dbl)(&c, &c);
    F_(sub)(&r->y, &t, &c);
}

/* add-2007-bl (Bernstein, Lange, EFD "g1p/shortw/jacobian-0"), 11M + 5S:
 *   U1 = X1·Z2Z2, U2 = X2·Z1Z1, S1 = Y1·Z2·Z2Z2, S2 = Y2·Z1·Z1Z1,
 *   H = U2 - U1, I = (2H)^2, J = H·I, r = 2(S2 - S1), V = U1·I,
 *   X3 = r^2 - J - 2V, Y3 = r(V - X3) - 2·S1·J,
 *   Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2)·H.
 * H = 0 means equal x: then P = Q (double) or P = -Q (infinity). */
void G_(add_var)(JAC *r, const JAC *p, const JAC *q)
{
    if (G_(is_inf)(p)) {
        *r = *q;
        return;
    }
    if (G_(is_inf)(q)) {
        *r = *p;
        return;
    }
    FT z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;
    F_(sqr)(&z1z1, &p->z);
    F_(sqr)(&z2z2, &q->z);
    F_(mul)(&u1, &p->x, &z2z2);
    F_(mul)(&u2, &q->x, &z1z1);
    F_(mul)(&s1, &p->y, &q->z);
    F_(mul)(&s1, &s1, &z2z2);
    F_(mul)(&s2, &q->y, &p->z);
    F_(mul)(&s2, &s2, &z1z1);
    F_(sub)(&h, &u2, &u1);
    F_(sub)(&rr, &s2, &s1);
    if (F_(is_zero)(&h)) {
        if (F_(is_zero)(&rr))
            G_(dbl)(r, p);
        else
            G_(set_inf)(r);
        return;
    }
    F_(dbl)(&rr, &rr);
    F_(dbl)(&i, &h);
    F_(sqr)(&i, &i);
    F_(mul)(&j, &h, &i);
    F_(mul)(&v, &u1, &i);
    F_(add)(&t, &p->z, &q->z);
    F_(sqr)(&t, &t);
    F_(sub)(&t, &t, &z1z1);
    F_(sub)(&t, &t, &z2z2);
    F_(mul)(&r->z, &t, &h);
    F_(sqr)(&r->x, &rr);
    F_(sub)(&r->x, &r->x, &j);
    F_(sub)(&r->x, &r->x, &v);
    F_(sub)(&r->x, &r->x, &v);
    F_(sub)(&t, &v, &r->x);
    F_(mul)(&t, &rr, &t);
    F_(mul)(&s1, &s1, &j);
    F_(dbl)(&s1, &s1);
    F_(sub)(&r->y, &t, &s1);
}

/* madd-2007-bl (EFD "g1p/shortw/jacobian-0", Z2 = 1), 7M + 4S:
 *   U2 = X2·Z1Z1, S2 = Y2·Z1·Z1Z1, H = U2 - X1, HH = H^2, I = 4HH,
 *   J = H·I, r = 2(S2 - Y1), V = X1·I, X3 = r^2 - J - 2V,
 *   Y3 = r(V - X3) - 2·Y1·J, Z3 = (Z1 + H)^2 - Z1Z1 - HH. */
void G_(add_mixed_var)(JAC *r, const JAC *p, const AFF *q)
{
    if (q->inf) {
        *r = *p;
        return;
    }
    if (G_(is_inf)(p)) {
        G_(from_aff)(r, q);
        return;
    }
    FT z1z1, u2, s2, h, hh, i, j, rr, v, t;
    F_(sqr)(&z1z1, &p->z);
    F_(mul)(&u2, &q->x, &z1z1);
    F_(mul)(&s2, &q->y, &p->z);
    F_(mul)(&s2, &s2, &z1z1);
    F_(sub)(&h, &u2, &p->x);
    F_(sub)(&rr, &s2, &p->y);
    if (F_(is_zero)(&h)) {
        if (F_(is_zero)(&rr))
            G_(dbl)(r, p);
        else
            G_(set_inf)(r);
        return;
    }
    F_(dbl)(&rr, &rr);
    F_(sqr)(&hh, &h);
    F_(dbl)(&i, &hh);
    F_(dbl)(&i, &i);
    F_(mul)(&j, &h, &i);
    F_(mul)(&v, &p->x, &i);
    F_(add)(&t, &p->z, &h);
    F_(sqr)(&t, &t);
    F_(sub)(&t, &t, &z1z1);
    F_(sub)(&r->z, &t, &hh);
    F_(mul)(&t, &p->y, &j);      /* Y1·J, before r->y is overwritten */
    F_(dbl)(&t, &t);
    F_(sqr)(&r->x, &rr);
    F_(sub)(&r->x, &r->x, &j);
    F_(sub)(&r->x, &r->x, &v);
    F_(sub)(&r->x, &r->x, &v);
    F_(sub)(&v, &v, &r->x);
    F_(mul)(&v, &rr, &v);
    F_(sub)(&r->y, &v, &t);
}

/* wNAF of width 5: a table of the odd multiples P, 3P, ..., 15P, one
 * doubling per digit and an addition per non-zero digit (about 256/6). */
void G_(mul_var)(JAC *r, const JAC *p, const uint64_t k[4])
{
    enum { W = 5, TABLE = 1 << (W - 2) };
    JAC table[TABLE], p2, acc;
    int8_t digits[RECODE_WNAF_MAX];
    size_t nd = recode_wnaf(digits, k, W);
    table[0] = *p;
    G_(dbl)(&p2, p);
    for (int i = 1; i < TABLE; i++)
        G_(add_var)(&table[i], &table[i - 1], &p2);
    G_(set_inf)(&acc);
    for (size_t i = nd; i-- > 0;) {
        G_(dbl)(&acc, &acc);
        int d = digits[i];
        if (d > 0) {
            G_(add_var)(&acc, &acc, &table[(d - 1) / 2]);
        } else if (d < 0) {
            JAC t;
            G_(neg)(&t, &table[(-d - 1) / 2]);
            G_(add_var)(&acc, &acc, &t);
        }
    }
    *r = acc;
}

/* ---- homogeneous projective coordinates, complete formulas ---------------- */

void G_(proj_from_jac)(PROJ *r, const JAC *p)
{
    /* (X : Y : Z) Jacobian is (X·Z : Y : Z^3) projective; infinity becomes
     * (0 : Y : 0), and Y is forced to 1 in case it was 0. */
    FT z3, one;
    bool inf = G_(is_inf)(p);
    F_(sqr)(&z3, &p->z);
    F_(mul)(&z3, &z3, &p->z);
    F_(mul)(&r->x, &p->x, &p->z);
    r->y = p->y;
    r->z = z3;
    F_(one)(&one);
    F_(cmov)(&r->y, &one, inf);
}

void G_(jac_from_proj)(JAC *r, const PROJ *p)
{
    /* (X : Y : Z) projective is (X·Z : Y·Z^2 : Z) Jacobian. */
    FT z2, one;
    bool inf = F_(is_zero)(&p->z);
    F_(sqr)(&z2, &p->z);
    F_(mul)(&r->x, &p->x, &p->z);
    F_(mul)(&r->y, &p->y, &z2);
    r->z = p->z;
    F_(one)(&one);
    F_(cmov)(&r->x, &one, inf);
    F_(cmov)(&r->y, &one, inf);
}

/* The part algorithms 7 and 8 share (their steps 19-33 and 12-26): from
 * t0 = X1·X2, t1 = Y1·Y2, z = Z1·Z2, t3 = X1·Y2 + X2·Y1, t4 = Y1·Z2 + Y2·Z1
 * and y3 = X1·Z2 + X2·Z1 (each as the algorithms compute them) to the sum. */
static void rcb_tail(PROJ *r, FT t0, FT t1, const FT *z, const FT *t3, const FT *t4, FT y3)
{
    FT t2, x3, z3;
    F_(dbl)(&x3, &t0);
    F_(add)(&t0, &x3, &t0);
    EC_MUL_B3(&t2, z);
    F_(add)(&z3, &t1, &t2);
    F_(sub)(&t1, &t1, &t2);
    EC_MUL_B3(&y3, &y3);
    F_(mul)(&x3, t4, &y3);
    F_(mul)(&t2, t3, &t1);
    F_(sub)(&x3, &t2, &x3);
    F_(mul)(&y3, &y3, &t0);
    F_(mul)(&t1, &t1, &z3);
    F_(add)(&y3, &t1, &y3);
    F_(mul)(&t0, &t0, t3);
    F_(mul)(&z3, &z3, t4);
    F_(add)(&z3, &z3, &t0);
    r->x = x3;
    r->y = y3;
    r->z = z3;
}

/* Algorithm 7 of Renes-Costello-Batina (a = 0), 12M + 2 multiplications by 3b. */
void G_(proj_add)(PROJ *r, const PROJ *p, const PROJ *q)
{
    FT t0, t1, t2, t3, t4, x3, y3;
    F_(mul)(&t0, &p->x, &q->x);
    F_(mul)(&t1, &p->y, &q->y);
    F_(mul)(&t2, &p->z, &q->z);
    F_(add)(&t3, &p->x, &p->y);
    F_(add)(&t4, &q->x, &q->y);
    F_(mul)(&t3, &t3, &t4);
    F_(add)(&t4, &t0, &t1);
    F_(sub)(&t3, &t3, &t4);
    F_(add)(&t4, &p->y, &p->z);
    F_(add)(&x3, &q->y, &q->z);
    F_(mul)(&t4, &t4, &x3);
    F_(add)(&x3, &t1, &t2);
    F_(sub)(&t4, &t4, &x3);
    F_(add)(&x3, &p->x, &p->z);
    F_(add)(&y3, &q->x, &q->z);
    F_(mul)(&x3, &x3, &y3);
    F_(add)(&y3, &t0, &t2);
    F_(sub)(&y3, &x3, &y3);
    rcb_tail(r, t0, t1, &t2, &t3, &t4, y3);
}

/* Algorithm 8 (a = 0, Z2 = 1), 11M + 2 multiplications by 3b. */
void G_(proj_add_mixed)(PROJ *r, const PROJ *p, const AFF *q)
{
    FT t0, t1, t3, t4, y3;
    F_(mul)(&t0, &p->x, &q->x);
    F_(mul)(&t1, &p->y, &q->y);
    F_(add)(&t3, &q->x, &q->y);
    F_(add)(&t4, &p->x, &p->y);
    F_(mul)(&t3, &t3, &t4);
    F_(add)(&t4, &t0, &t1);
    F_(sub)(&t3, &t3, &t4);
    F_(mul)(&t4, &q->y, &p->z);
    F_(add)(&t4, &t4, &p->y);
    F_(mul)(&y3, &q->x, &p->z);
    F_(add)(&y3, &y3, &p->x);
    rcb_tail(r, t0, t1, &p->z, &t3, &t4, y3);
}

/* Algorithm 9 (a = 0), 6M + 2S + 1 multiplication by 3b. */
void G_(proj_dbl)(PROJ *r, const PROJ *p)
{
    FT t0, t1, t2, x3, y3, z3;
    F_(sqr)(&t0, &p->y);
    F_(dbl)(&z3, &t0);
    F_(dbl)(&z3, &z3);
    F_(dbl)(&z3, &z3);
    F_(mul)(&t1, &p->y, &p->z);
    F_(sqr)(&t2, &p->z);
    EC_MUL_B3(&t2, &t2);
    F_(mul)(&x3, &t2, &z3);
    F_(add)(&y3, &t0, &t2);
    F_(mul)(&z3, &t1, &z3);
    F_(dbl)(&t1, &t2);
    F_(add)(&t2, &t1, &t2);
    F_(sub)(&t0, &t0, &t2);
    F_(mul)(&y3, &t0, &y3);
    F_(add)(&y3, &x3, &y3);
    F_(mul)(&t1, &p->x, &p->y);
    F_(mul)(&x3, &t0, &t1);
    F_(dbl)(&x3, &x3);
    r->x = x3;
    r->y = y3;
    r->z = z3;
}

/* Fixed 4-bit windows from the top: 4 doublings and one addition of a table
 * entry per window, the entry chosen by scanning all 16 with conditional
 * moves, so neither the memory access pattern nor the formulas depend on k. */
void G_(mul)(JAC *r, const JAC *p, const uint64_t k[4])
{
    PROJ table[16], acc, sel;
    F_(zero)(&table[0].x);
    F_(one)(&table[0].y);
    F_(zero)(&table[0].z);
    G_(proj_from_jac)(&table[1], p);
    for (int i = 2; i < 16; i++)
        G_(proj_add)(&table[i], &table[i - 1], &table[1]);
    acc = table[0];
    for (int w = 63; w >= 0; w--) {
        for (int i = 0; i < 4; i++)
            G_(proj_dbl)(&acc, &acc);
        unsigned d = (unsigned)((k[w / 16] >> (4 * (w % 16))) & 15);
        sel = table[0];
        for (unsigned i = 1; i < 16; i++) {
            bool hit = i == d;
            F_(cmov)(&sel.x, &table[i].x, hit);
            F_(cmov)(&sel.y, &table[i].y, hit);
            F_(cmov)(&sel.z, &table[i].z, hit);
        }
        G_(proj_add)(&acc, &acc, &sel);
    }
    G_(jac_from_proj)(r, &acc);
    sodium_memzero(table, sizeof table);
    sodium_memzero(&sel, sizeof sel);
}

/* ---- many points ---------------------------------------------------------- */

typedef struct G_(progression_ctx) {
    AFF *r;
    const AFF *start, *step;
} G_(progression_ctx);

static void progression_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const G_(progression_ctx) *c = ctx;
    enum { BLOCK = 256 };
    JAC block[BLOCK], acc, step;
    uint64_t k[4] = {begin, 0, 0, 0};
    G_(from_aff)(&step, c->step);
    G_(mul_var)(&acc, &step, k);
    G_(add_mixed_var)(&acc, &acc, c->start);
    for (size_t i = begin; i < end; i += BLOCK) {
        size_t m = end - i < BLOCK ? end - i : BLOCK;
        for (size_t t = 0; t < m; t++) {
            block[t] = acc;
            G_(add_mixed_var)(&acc, &acc, c->step);
        }
        G_(batch_to_aff_var)(&c->r[i], block, m);
    }
}

void G_(progression_var)(AFF *r, size_t n, const AFF *start, const AFF *step)
{
    G_(progression_ctx) c = {r, start, step};
    zk_parallel_for(n, 4096, progression_range, &c);
}

#undef G_
#undef F_
#undef FT
#undef AFF
#undef JAC
#undef PROJ
#undef TPL_G
#undef TPL_F
#undef EC_B
#undef EC_MUL_B3
