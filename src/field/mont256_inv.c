/* Variable-time modular inversion by Bernstein-Yang "safegcd" divsteps
 * ("Fast constant-time gcd computation and modular inversion", CHES 2019),
 * in the variable-time form that skips runs of zero bits and cancels up to
 * four low bits of g per step (the "eta" formulation).
 *
 * Numbers live in signed radix 2^62: five int64 limbs, the low four in
 * [0, 2^62), the top one signed. 62 divsteps at a time are computed from the
 * low 64 bits of f and g alone, as a 2×2 matrix scaled by 2^62, which is then
 * applied to the full (f, g) and, modulo p, to the cofactors (d, e).
 *
 * No signed __int128 is available (C17 plus unsigned __int128 only), so the
 * 128-bit signed sums below are kept in two's complement inside zk_u128. The
 * code assumes two's complement int64 with arithmetic right shift, as gcc and
 * clang define them. */
#include "field/mont256.h"

#include <string.h>

#define M62 (((uint64_t)1 << 62) - 1)

typedef struct s62 {
    int64_t v[5];
} s62;

/* Matrix scaled by 2^62: [f', g'] = [[u, v], [q, r]]·[f, g] / 2^62. */
typedef struct mat62 {
    int64_t u, v, q, r;
} mat62;

/* Signed 64×64 product in a two's complement 128-bit word. */
static inline zk_u128 smul(int64_t a, int64_t b)
{
    return (zk_u128)a * (zk_u128)b;
}

/* Arithmetic shift right by 62 of a two's complement 128-bit word. */
static inline zk_u128 sar62(zk_u128 x)
{
    zk_u128 fill = (zk_u128)0 - (x >> 127);
    return (x >> 62) | (fill << 66);
}

static inline unsigned ctz64(uint64_t x)
{
    /* x != 0. A de Bruijn multiply would avoid the loop; runs are short. */
    unsigned n = 0;
    while (!(x & 1)) {
        x >>= 1;
        n++;
    }
    return n;
}

/* -f^-1 mod 16 for odd f, indexed by (f mod 16)/2. */
static const uint8_t neg_inv16[8] = {15, 5, 3, 9, 7, 13, 11, 1};

/* 62 divsteps on the low bits of f (odd) and g; returns the new eta. */
static int64_t divsteps62_var(int64_t eta, uint64_t f, uint64_t g, mat62 *t)
{
    uint64_t u = 1, v = 0, q = 0, r = 1;
    int i = 62;
    for (;;) {
        /* Bit i is set as a stop: at most i zeros are removed. */
        unsigned zeros = ctz64(g | ((uint64_t)1 << i));
        g >>= zeros;
        u <<= zeros;
        v <<= zeros;
        eta -= zeros;
        i -= (int)zeros;
        if (i == 0)
            break;
        /* g is odd here. */
        if (eta < 0) {
            uint64_t tmp;
            eta = -eta;
            tmp = f; f = g; g = 0 - tmp;
            tmp = u; u = q; q = 0 - tmp;
            tmp = v; v = r; r = 0 - tmp;
        }
        int limit = (int)eta + 1 < i ? (int)eta + 1 : i;
        if (limit > 4)
            limit = 4;
        uint64_t mask = (((uint64_t)1 << limit) - 1);
        uint64_t w = (g * neg_inv16[(f & 15) >> 1]) & mask;
        g += w * f;
        q += w * u;
        r += w * v;
    }
    t->u = (int64_t)u;
    t->v = (int64_t)v;
    t->q = (int64_t)q;
    t->r = (int64_t)r;
    return eta;
}

/* [f, g] = t·[f, g] / 2^62; the division is exact by construction of t. */
static void update_fg(s62 *f, s62 *g, const mat62 *t)
{
    zk_u128 cf = smul(t->u, f->v[0]) + smul(t->v, g->v[0]);
    zk_u128 cg = smul(t->q, f->v[0]) + smul(t->r, g->v[0]);
    cf = sar62(cf);
    cg = sar62(cg);
    for (int i = 1; i < 5; i++) {
        cf += smul(t->u, f->v[i]) + smul(t->v, g->v[i]);
        cg += smul(t->q, f->v[i]) + smul(t->r, g->v[i]);
        f->v[i - 1] = (int64_t)((uint64_t)cf & M62);
        g->v[i - 1] = (int64_t)((uint64_t)cg & M62);
        cf = sar62(cf);
        cg = sar62(cg);
    }
    f->v[4] = (int64_t)(uint64_t)cf;
    g->v[4] = (int64_t)(uint64_t)cg;
}

/* [d, e] = t·[d, e] / 2^62 mod p. Multiples of p are added so the division
 * is exact; with d, e in (-2p, p) on entry they stay in that range. */
static void update_de(s62 *d, s62 *e, const mat62 *t, const s62 *p, uint64_t pinv62)
{
    int64_t sd = d->v[4] >> 63, se = e->v[4] >> 63;   /* 0 or -1 */
    int64_t md = (t->u & sd) + (t->v & se);
    int64_t me = (t->q & sd) + (t->r & se);
    zk_u128 cd = smul(t->u, d->v[0]) + smul(t->v, e->v[0]);
    zk_u128 ce = smul(t->q, d->v[0]) + smul(t->r, e->v[0]);
    md -= (int64_t)((pinv62 * (uint64_t)cd + (uint64_t)md) & M62);
    me -= (int64_t)((pinv62 * (uint64_t)ce + (uint64_t)me) & M62);
    cd += smul(p->v[0], md);
    ce += smul(p->v[0], me);
    cd = sar62(cd);
    ce = sar62(ce);
    for (int i = 1; i < 5; i++) {
        cd += smul(t->u, d->v[i]) + smul(t->v, e->v[i]) + smul(p->v[i], md);
        ce += smul(t->q, d->v[i]) + smul(t->r, e->v[i]) + smul(p->v[i], me);
        d->v[i - 1] = (int64_t)((uint64_t)cd & M62);
        e->v[i - 1] = (int64_t)((uint64_t)ce & M62);
        cd = sar62(cd);
        ce = sar62(ce);
    }
    d->v[4] = (int64_t)(uint64_t)cd;
    e->v[4] = (int64_t)(uint64_t)ce;
}

static void s62_from_u256(s62 *r, const uint64_t x[4])
{
    r->v[0] = (int64_t)(x[0] & M62);
    r->v[1] = (int64_t)(((x[0] >> 62) | (x[1] << 2)) & M62);
    r->v[2] = (int64_t)(((x[1] >> 60) | (x[2] << 4)) & M62);
    r->v[3] = (int64_t)(((x[2] >> 58) | (x[3] << 6)) & M62);
    r->v[4] = (int64_t)(x[3] >> 56);
}

static bool s62_is_zero(const s62 *a)
{
    return (a->v[0] | a->v[1] | a->v[2] | a->v[3] | a->v[4]) == 0;
}

/* Brings limbs 0..3 into [0, 2^62), carrying into the signed top limb. */
static void s62_carry(s62 *a)
{
    for (int i = 0; i < 4; i++) {
        int64_t c = a->v[i] >> 62;
        a->v[i] &= (int64_t)M62;
        a->v[i + 1] += c;
    }
}

static void s62_add(s62 *a, const s62 *b, int64_t sign)
{
    for (int i = 0; i < 5; i++)
        a->v[i] += sign * b->v[i];
    s62_carry(a);
}

static int s62_cmp(const s62 *a, const s62 *b)
{
    for (int i = 4; i >= 0; i--) {
        if (a->v[i] != b->v[i])
            return a->v[i] < b->v[i] ? -1 : 1;
    }
    return 0;
}

/* Plain-integer inverse of x in [1, p). */
static void modinv_var(uint64_t out[4], const uint64_t x[4], const mont256 *m)
{
    s62 f, g, d = {{0}}, e = {{1, 0, 0, 0, 0}}, p;
    s62_from_u256(&p, m->p);
    f = p;
    s62_from_u256(&g, x);
    int64_t eta = -1;
    while (!s62_is_zero(&g)) {
        mat62 t;
        eta = divsteps62_var(eta, (uint64_t)f.v[0] | ((uint64_t)f.v[1] << 62),
                             (uint64_t)g.v[0] | ((uint64_t)g.v[1] << 62), &t);
        update_de(&d, &e, &t, &p, m->pinv62);
        update_fg(&f, &g, &t);
    }
    /* gcd(p, x) = 1, so f = ±1 and x^-1 = f·d. */
    if (f.v[4] < 0) {
        for (int i = 0; i < 5; i++)
            d.v[i] = -d.v[i];
    }
    s62_carry(&d);
    while (d.v[4] < 0)
        s62_add(&d, &p, 1);
    while (s62_cmp(&d, &p) >= 0)
        s62_add(&d, &p, -1);
    out[0] = (uint64_t)d.v[0] | ((uint64_t)d.v[1] << 62);
    out[1] = ((uint64_t)d.v[1] >> 2) | ((uint64_t)d.v[2] << 60);
    out[2] = ((uint64_t)d.v[2] >> 4) | ((uint64_t)d.v[3] << 58);
    out[3] = ((uint64_t)d.v[3] >> 6) | ((uint64_t)d.v[4] << 56);
}

zk_err mont256_inv_var(uint64_t r[4], const uint64_t a[4], const mont256 *m)
{
    if (mont256_is_zero(a)) {
        memset(r, 0, 32);
        return ZK_EZERO;
    }
    /* a holds A = x·R. The integer inverse is A^-1 = x^-1·R^-1, and one
     * Montgomery product with R^3 gives x^-1·R, the form we store. */
    uint64_t inv[4];
    modinv_var(inv, a, m);
    mont256_mul(r, inv, m->r3, m);
    return ZK_OK;
}
