#include "poly/fr_poly.h"

#define POLY_NAME fr
#define POLY_T fr_t
#define POLY_ADD(r, a, b) fr_add(&(r), &(a), &(b))
#define POLY_SUB(r, a, b) fr_sub(&(r), &(a), &(b))
#define POLY_MUL(r, a, b) fr_mul(&(r), &(a), &(b))
#define POLY_ONE(r) fr_one(&(r))
#define POLY_ZERO(r) fr_zero(&(r))
#define POLY_IS_ZERO(a) fr_is_zero(&(a))
#define POLY_EQ(a, b) fr_eq(&(a), &(b))
#define POLY_INV(r, a) fr_inv_var(&(r), &(a))
#define POLY_POW_U64(r, a, e) fr_pow_u64(&(r), &(a), (e))
#define POLY_FROM_U64(r, x) fr_from_u64(&(r), (x))
#define POLY_ROOT(r, log_n) fr_root_of_unity(&(r), (log_n))
#include "poly/ntt_impl.h"
