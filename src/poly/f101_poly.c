#include "poly/f101_poly.h"

#define POLY_NAME f101
#define POLY_T f101_t
#define POLY_ADD(r, a, b) ((r) = f101_add((a), (b)))
#define POLY_SUB(r, a, b) ((r) = f101_sub((a), (b)))
#define POLY_MUL(r, a, b) ((r) = f101_mul((a), (b)))
#define POLY_ONE(r) ((r) = 1)
#define POLY_ZERO(r) ((r) = 0)
#define POLY_IS_ZERO(a) ((a) == 0)
#define POLY_EQ(a, b) ((a) == (b))
#define POLY_INV(r, a) f101_inv(&(r), (a))
#define POLY_POW_U64(r, a, e) ((r) = f101_pow((a), (e)))
#define POLY_FROM_U64(r, x) ((r) = f101_from_u64(x))
#define POLY_ROOT(r, log_n) f101_root_of_unity(&(r), (log_n))
#include "poly/ntt_impl.h"
