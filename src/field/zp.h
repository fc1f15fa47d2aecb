/* Prime fields of any size over GMP, for lessons that want numbers small
 * enough to follow by hand (Schnorr in a group of order 11, a curve over
 * F_13) and for anything too odd for the fixed-size fields.
 *
 * Elements are mpz_t values kept in [0, p). Every function takes the field
 * first, then outputs, then inputs; outputs may alias inputs. Not
 * constant-time: never use these for secrets of real size. */
#ifndef ZK_FIELD_ZP_H
#define ZK_FIELD_ZP_H

#include <gmp.h>

#include "core/err.h"
#include "core/rng.h"
#include "core/types.h"

typedef struct zp_field {
    mpz_t p;
    unsigned bits;
} zp_field;

/* The modulus as decimal or 0x-hex text; ZK_EPARSE for bad text, ZK_ENOTPRIME
 * unless it is a (probable) prime >= 2. On error nothing needs clearing. */
zk_err zp_field_init(zp_field *f, const char *modulus);
zk_err zp_field_init_u64(zp_field *f, uint64_t modulus);
void zp_field_clear(zp_field *f);

/* r = a mod p for any integer a (negative too). */
void zp_reduce(const zp_field *f, mpz_t r, const mpz_t a);
void zp_set_u64(const zp_field *f, mpz_t r, uint64_t a);
void zp_add(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t b);
void zp_sub(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t b);
void zp_neg(const zp_field *f, mpz_t r, const mpz_t a);
void zp_mul(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t b);
void zp_sqr(const zp_field *f, mpz_t r, const mpz_t a);
/* e >= 0. */
void zp_pow(const zp_field *f, mpz_t r, const mpz_t a, const mpz_t e);
void zp_pow_u64(const zp_field *f, mpz_t r, const mpz_t a, uint64_t e);
/* ZK_EZERO for a = 0. */
zk_err zp_inv(const zp_field *f, mpz_t r, const mpz_t a);
/* 1, -1 or 0 (a = 0). */
int zp_legendre(const zp_field *f, const mpz_t a);
/* Tonelli-Shanks; ZK_ENOSQRT for a non-residue. */
zk_err zp_sqrt(const zp_field *f, mpz_t r, const mpz_t a);
void zp_random(const zp_field *f, mpz_t r, zk_rng *rng);
/* A canonical decimal or 0x-hex value; ZK_EPARSE / ZK_ENONCANONICAL. */
zk_err zp_set_str(const zp_field *f, mpz_t r, const char *s);

#endif
