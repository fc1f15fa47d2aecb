/* The square activation's two small gadgets (CryptoNets' x², lesson 15).
 *
 * zg_square: s = y·y, one product: 1 constraint, 1 wire. The rescale that
 * brings s from 2^(2e) back to 2^e is zg_rescale's, range checks included;
 * circuit.c applies it.
 *
 * zg_abs: a square is not monotone, so a square layer cannot pool its
 * accumulators first as a ReLU layer does; but it is monotone in |y|, and
 * so is the rescale after it, so max over the window of rescale(yᵢ²) =
 * rescale((max |yᵢ|)²): one square and one rescale a window instead of
 * four. |y| for y from a rescale (ZV_SBITS of K bits, top bit s = 1 iff
 * y >= 0) is (2s − 1)·y: 1 constraint, 1 wire. */
#include "zkml/gadget.h"

zv zg_square(zc *c, const zv *y)
{
    int64_t s = y->value * y->value;
    uint32_t sw = zc_wires(c, 1);
    zc_set_i64(c, sw, s);
    if (c->lcs) {
        r1cs_lc *a = &c->t[2], *o = &c->t[4];
        r1cs_lc_clear(a);
        r1cs_lc_clear(o);
        zl_zv_i64(c, a, y, 1);
        zl_i64(c, o, sw, 1);
        zc_add(c, a, a, o);
    }
    return zv_wire(sw, s);
}

zv zg_abs(zc *c, const zv *y)
{
    int64_t v = y->value < 0 ? -y->value : y->value;
    uint32_t aw = zc_wires(c, 1);
    zc_set_i64(c, aw, v);
    if (c->lcs) {
        r1cs_lc *a = &c->t[2], *b = &c->t[3], *o = &c->t[4];
        r1cs_lc_clear(a);
        r1cs_lc_clear(b);
        r1cs_lc_clear(o);
        zl_i64(c, a, y->wire + y->bits - 1u, 2);
        zl_i64(c, a, 0, -1);
        zl_zv_i64(c, b, y, 1);
        zl_i64(c, o, aw, 1);
        zc_add(c, a, b, o);
    }
    return zv_wire(aw, v);
}
