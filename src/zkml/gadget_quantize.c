/* The input quantization of nn/quant.h inside the circuit:
 * x = floor((p·2^(e+1) + 255) / 510) = round(p/255 · 2^e), ties up.
 *
 *   p·2^(e+1) + 255 = 510·x + rem,  rem ∈ [0, 510),  x ∈ [0, 2^(e+1))
 * rem's range is two 9-bit checks, of rem and of 509 − rem. x's own range
 * is needed too: for each of the 510 remainders some field element x
 * satisfies the equation, and only the right one is small (with x <
 * 2^(e+1) the equation holds over the integers). x gets a wire because
 * conv1 reads it 144 times.
 * Constraints: e + 1 bits of x and x = Σ 2^i·x_i, 9 + 9 bits, two linear:
 * e + 22; wires: x, its bits, 18 bits: e + 20. */
#include "zkml/gadget.h"

#include "nn/quant.h"

zv zg_quantize(zc *c, const zv *p, int e)
{
    int64_t x = nn_quantize_pixel((uint8_t)p->value, e);
    int64_t rem = (p->value << (e + 1)) + 255 - 510 * x;
    uint32_t xw = zc_wires(c, 1);
    zc_set_i64(c, xw, x);
    uint32_t xb = zg_bits(c, e + 1, (uint64_t)x);
    uint32_t rb = zg_bits(c, 9, (uint64_t)rem);
    uint32_t sb = zg_bits(c, 9, (uint64_t)(509 - rem));
    if (!c->lcs)
        return zv_wire(xw, x);
    r1cs_lc *d = &c->t[2];
    fr_t minus;
    fr_one(&minus);
    fr_neg(&minus, &minus);
    /* x = Σ 2^i·x_i */
    r1cs_lc_clear(d);
    zl_i64(c, d, xw, 1);
    zl_bits(c, d, xb, e + 1, &minus);
    zc_add(c, NULL, NULL, d);
    /* p·2^(e+1) + 255 − 510·x − rem = 0 */
    r1cs_lc_clear(d);
    zl_zv(c, d, p, &c->pow2[e + 1]);
    zl_i64(c, d, 0, 255);
    zl_i64(c, d, xw, -510);
    zl_bits(c, d, rb, 9, &minus);
    zc_add(c, NULL, NULL, d);
    /* rem + (509 − rem) = 509 */
    r1cs_lc_clear(d);
    fr_one(&minus);
    zl_bits(c, d, rb, 9, &minus);
    zl_bits(c, d, sb, 9, &minus);
    zl_i64(c, d, 0, -509);
    zc_add(c, NULL, NULL, d);
    return zv_wire(xw, x);
}
