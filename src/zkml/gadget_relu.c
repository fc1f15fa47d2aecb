/* ReLU of a range-checked value.
 *
 * q comes from a rescale as the K bits of q + 2^(K−1), so its top bit s is
 * 1 exactly when q >= 0; y = s·q is then max(q, 0). The bits are already
 * constrained, so one product does it: 1 constraint, 1 wire. */
#include "zkml/gadget.h"

zv zg_relu(zc *c, const zv *q)
{
    int64_t y = q->value > 0 ? q->value : 0;
    uint32_t yw = zc_wires(c, 1);
    zc_set_i64(c, yw, y);
    if (c->lcs) {
        r1cs_lc *a = &c->t[2], *b = &c->t[3], *o = &c->t[4];
        r1cs_lc_clear(a);
        r1cs_lc_clear(b);
        r1cs_lc_clear(o);
        zl_i64(c, a, q->wire + q->bits - 1u, 1);
        zl_zv_i64(c, b, q, 1);
        zl_i64(c, o, yw, 1);
        zc_add(c, a, b, o);
    }
    return zv_wire(yw, y);
}
