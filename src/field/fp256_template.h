/* The typed front end of a 256-bit Montgomery field (field/mont256.h).
 *
 * Included once per field, with no include guard, after defining
 *   FP256_NAME    the prefix, e.g. fr  → type fr_t, functions fr_add, ...
 *   FP256_PARAMS  the name of its const mont256 (defined in a .c file)
 * Everything is a static inline one-liner, so the additive operations fold
 * the modulus in as constants, and the types keep Fr and Fq from mixing.
 *
 * The functions, for a field named fp (outputs first, as everywhere):
 *   fp_zero fp_one fp_from_u64 fp_is_zero fp_is_one fp_eq fp_cmov
 *   fp_add fp_sub fp_neg fp_dbl fp_mul fp_sqr fp_pow fp_pow_u64
 *   fp_inv fp_inv_var fp_batch_inv fp_legendre fp_sqrt fp_random
 *   fp_from_int fp_to_int
 *   fp_from_bytes_be fp_from_bytes_le fp_to_bytes_be fp_to_bytes_le
 *   fp_from_str fp_from_dec fp_from_hex fp_to_dec fp_to_hex
 * Their contracts are those of the mont256_ function of the same stem. */

#include "core/paste.h"

#define FP256_FN(op) ZK_PASTE(FP256_NAME, op)
#define FP256_T ZK_PASTE(FP256_NAME, t)
#define FP256_M (&FP256_PARAMS)

typedef struct FP256_T {
    uint64_t v[4];
} FP256_T;

_Static_assert(sizeof(FP256_T) == 32, "field element must be four packed limbs");

extern const mont256 FP256_PARAMS;

static inline void FP256_FN(zero)(FP256_T *r) { r->v[0] = r->v[1] = r->v[2] = r->v[3] = 0; }
static inline void FP256_FN(one)(FP256_T *r)
{
    for (int i = 0; i < 4; i++)
        r->v[i] = FP256_M->one[i];
}
static inline void FP256_FN(from_u64)(FP256_T *r, uint64_t x)
{
    const uint64_t raw[4] = {x, 0, 0, 0};
    /* Any u64 is below a 254-bit modulus; smaller moduli are not used here. */
    mont256_from_int(r->v, raw, FP256_M);
}
static inline bool FP256_FN(is_zero)(const FP256_T *a) { return mont256_is_zero(a->v); }
static inline bool FP256_FN(is_one)(const FP256_T *a) { return mont256_eq(a->v, FP256_M->one); }
static inline bool FP256_FN(eq)(const FP256_T *a, const FP256_T *b) { return mont256_eq(a->v, b->v); }
static inline void FP256_FN(cmov)(FP256_T *r, const FP256_T *a, bool cond) { mont256_cmov(r->v, a->v, cond); }

static inline void FP256_FN(add)(FP256_T *r, const FP256_T *a, const FP256_T *b) { mont256_add(r->v, a->v, b->v, FP256_M); }
static inline void FP256_FN(sub)(FP256_T *r, const FP256_T *a, const FP256_T *b) { mont256_sub(r->v, a->v, b->v, FP256_M); }
static inline void FP256_FN(neg)(FP256_T *r, const FP256_T *a) { mont256_neg(r->v, a->v, FP256_M); }
static inline void FP256_FN(dbl)(FP256_T *r, const FP256_T *a) { mont256_add(r->v, a->v, a->v, FP256_M); }
static inline void FP256_FN(mul)(FP256_T *r, const FP256_T *a, const FP256_T *b) { mont256_mul(r->v, a->v, b->v, FP256_M); }
static inline void FP256_FN(sqr)(FP256_T *r, const FP256_T *a) { mont256_sqr(r->v, a->v, FP256_M); }
/* e is a plain 256-bit integer, little-endian limbs. */
static inline void FP256_FN(pow)(FP256_T *r, const FP256_T *a, const uint64_t e[4]) { mont256_pow(r->v, a->v, e, FP256_M); }
static inline void FP256_FN(pow_u64)(FP256_T *r, const FP256_T *a, uint64_t e)
{
    const uint64_t ee[4] = {e, 0, 0, 0};
    mont256_pow(r->v, a->v, ee, FP256_M);
}
static inline zk_err FP256_FN(inv)(FP256_T *r, const FP256_T *a) { return mont256_inv(r->v, a->v, FP256_M); }
static inline zk_err FP256_FN(inv_var)(FP256_T *r, const FP256_T *a) { return mont256_inv_var(r->v, a->v, FP256_M); }
static inline void FP256_FN(batch_inv)(FP256_T *out, const FP256_T *in, size_t n, FP256_T *scratch)
{
    mont256_batch_inv((uint64_t(*)[4])out, (const uint64_t(*)[4])in, n,
                         (uint64_t(*)[4])scratch, FP256_M);
}
static inline int FP256_FN(legendre)(const FP256_T *a) { return mont256_legendre(a->v, FP256_M); }
static inline zk_err FP256_FN(sqrt)(FP256_T *r, const FP256_T *a) { return mont256_sqrt(r->v, a->v, FP256_M); }
static inline void FP256_FN(random)(FP256_T *r, zk_rng *rng) { mont256_random(r->v, rng, FP256_M); }

/* Plain integers (< p, little-endian limbs) in and out of Montgomery form. */
static inline void FP256_FN(from_int)(FP256_T *r, const uint64_t x[4]) { mont256_from_int(r->v, x, FP256_M); }
static inline void FP256_FN(to_int)(uint64_t r[4], const FP256_T *a) { mont256_to_int(r, a->v, FP256_M); }

static inline zk_err FP256_FN(from_bytes_be)(FP256_T *r, const uint8_t in[32]) { return mont256_from_bytes_be(r->v, in, FP256_M); }
static inline zk_err FP256_FN(from_bytes_le)(FP256_T *r, const uint8_t in[32]) { return mont256_from_bytes_le(r->v, in, FP256_M); }
static inline void FP256_FN(to_bytes_be)(uint8_t out[32], const FP256_T *a) { mont256_to_bytes_be(out, a->v, FP256_M); }
static inline void FP256_FN(to_bytes_le)(uint8_t out[32], const FP256_T *a) { mont256_to_bytes_le(out, a->v, FP256_M); }
static inline zk_err FP256_FN(from_str)(FP256_T *r, const char *s) { return mont256_from_str(r->v, s, FP256_M); }
static inline zk_err FP256_FN(from_dec)(FP256_T *r, const char *s) { return mont256_from_dec(r->v, s, FP256_M); }
static inline zk_err FP256_FN(from_hex)(FP256_T *r, const char *s) { return mont256_from_hex(r->v, s, FP256_M); }
static inline char *FP256_FN(to_dec)(char out[MONT256_DEC_MAX], const FP256_T *a) { return mont256_to_dec(out, a->v, FP256_M); }
static inline char *FP256_FN(to_hex)(char out[MONT256_HEX_MAX], const FP256_T *a) { return mont256_to_hex(out, a->v, FP256_M); }

#undef FP256_FN
#undef FP256_T
#undef FP256_M
#undef FP256_NAME
#undef FP256_PARAMS
