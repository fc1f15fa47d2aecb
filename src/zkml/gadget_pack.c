/* Packing range-checked slots into one field element:
 * elem = Σ_j 2^(b·j)·u_j, where u_j is the value of slot j's b bits.
 *
 * One linear constraint. It binds only because every slot is range-checked
 * (its bits are constrained elsewhere) and the slots fill at most 252 bits:
 * the element is then an integer below r whose base-2^b digits are the u_j,
 * and no other choice of in-range slots gives it. (With a slot unchecked,
 * (u₀ + 2^b, u₁ − 1) packs to the same element.) */
#include "zkml/gadget.h"

void zg_pack(zc *c, uint32_t elem, const zv *slots, size_t n, int b)
{
    if (!c->lcs)
        return;
    r1cs_lc *d = &c->t[2];
    r1cs_lc_clear(d);
    fr_t minus;
    fr_one(&minus);
    fr_neg(&minus, &minus);
    zl_i64(c, d, elem, 1);
    for (size_t j = 0; j < n; j++) {
        fr_t k;
        fr_neg(&k, &c->pow2[(size_t)b * j]);
        zl_bits(c, d, slots[j].wire, slots[j].bits, &k);
    }
    zc_add(c, NULL, NULL, d);
}
