/* Helpers shared by the Part 2 SNARK actions (lessons 07-10): the lesson
 * circuit and its witness from a lesson's parameters, toy-curve points as
 * text, polynomials typed as coefficient lists, and a stopwatch
 * (snark_common.c). */
#ifndef ZK_LESSON_ACTIONS_SNARK_H
#define ZK_LESSON_ACTIONS_SNARK_H

#include <gmp.h>

#include "circuit/flatten.h"
#include "curve/g1.h"
#include "curve/toy.h"
#include "lesson/action.h"
#include "snark/qap.h"

/* `expr=` (default "x^3 + x + 5") flattened into fc and its R1CS s (which
 * the caller frees with r1cs_free). */
zk_err lesson_snark_circuit(lesson_result *out, const lesson_params *p, flat_circuit *fc, r1cs *s);

/* `field=bn254` or a prime below 2^31 (`field=13`), default fallback. */
zk_err lesson_snark_field(lesson_result *out, const lesson_params *p, const char *fallback,
                          mpz_t modulus);

/* The circuit's QAP over the lesson's field; on error nothing needs freeing. */
zk_err lesson_snark_qap(lesson_result *out, const lesson_params *p, const char *field_fallback,
                        flat_circuit *fc, qap *q);

/* The witness for `x=` (default 3) in q's field (q->n values, initialised by
 * the caller), with `set=name:value` overriding one wire afterwards (*changed
 * then says so). */
zk_err lesson_snark_witness(lesson_result *out, const lesson_params *p, const flat_circuit *fc,
                            const qap *q, mpz_t *w, bool *changed);

/* "[1, 3, 35, 9, 27, 30]" */
char *lesson_snark_vector_str(const zp_field *f, char *buf, size_t size, mpz_t *v, size_t n);

/* "(13, 15)", "(7t^2, 16t^3)" or "O" for the point at infinity. */
char *lesson_snark_toy_point_str(const toy_curve *c, char *buf, size_t size, const toy_point *pt);

/* A polynomial typed as its coefficients from the constant up, "2,1,3" for
 * 3x^2 + x + 2; *coeffs from zp_poly_new (free with zp_poly_free). */
zk_err lesson_snark_poly_param(lesson_result *out, const lesson_params *p, const char *key,
                        const char *fallback, mpz_t **coeffs, size_t *len);

/* `curve=tjj13|bls6_6` (default bls6_6); clear with toy_curve_clear. */
zk_err lesson_snark_toy_curve(lesson_result *out, const lesson_params *p, toy_curve *c);

/* A u64 parameter reduced mod m. */
zk_err lesson_snark_param_mod(lesson_result *out, const lesson_params *p, const char *key,
                       uint64_t fallback, const mpz_t m, mpz_t v);

/* A BN254 G1 point as the hex of its compressed encoding. */
char *lesson_snark_g1_short(char *buf, size_t size, const g1_aff *a);

/* Seconds on a monotonic clock. */
double lesson_snark_now(void);

#endif
