#include "poly/gl_poly.h"

#define POLY_NAME gl
#define POLY_T gl_t
#define POLY_ADD(r, a, b) ((r) = gl_add((a), (b)))
#define POLY_SUB(r, a, b) ((r) = gl_sub((a), (b)))
#define POLY_MUL(r, a, b) ((r) = gl_mul((a), (b)))
#define POLY_ONE(r) ((r) = 1)
#define POLY_ZERO(r) ((r) = 0)
#define POLY_IS_ZERO(a) ((a) == 0)
#define POLY_EQ(a, b) ((a) == (b))
#define POLY_INV(r, a) gl_inv(&(r), (a))
#define POLY_POW_U64(r, a, e) ((r) = gl_pow((a), (e)))
#define POLY_FROM_U64(r, x) ((r) = gl_from_u64(x))
#define POLY_ROOT(r, log_n) gl_root_of_unity(&(r), (log_n))

/* Runs of butterflies through the Goldilocks vector kernels (AVX-512 or
 * AVX2 when the CPU has them, the portable loops otherwise), in pieces
 * whose temporary stays in L1. */
static void gl_butterfly_run(gl_t *x, gl_t *y, const gl_t *w, size_t len)
{
    gl_t t[256];
    while (len > 0) {
        size_t m = len < 256 ? len : 256;
        gl_sub_vec(t, x, y, m);
        gl_add_vec(x, x, y, m);
        gl_mul_vec(y, t, w, m);
        x += m;
        y += m;
        w += m;
        len -= m;
    }
}
#define POLY_BUTTERFLY_RUN(x, y, w, len) gl_butterfly_run((x), (y), (w), (len))
#include "poly/ntt_impl.h"
