/* The optimal ate pairing on BN254 (alt_bn128, the curve of EIP-196/197 and
 * snarkjs):
 *   e: G1 × G2 -> GT ⊂ Fq12*,  e(P, Q) = f_{6x+2,Q}(P)·l_{T,π(Q)}(P)·l_{T',-π²(Q)}(P)
 * raised to m·(q^12 - 1)/r (Vercauteren, "Optimal pairings", IEEE TIT 2010;
 * x = 4965661367192848881 is the BN parameter; m is explained at
 * bn254_final_exp).
 *
 * G1 is E(Fq): y^2 = x^3 + 3. G2 is the order-r subgroup of the D-type
 * sextic twist E'(Fq2): y^2 = x^3 + 3/ξ, ξ = 9 + u, mapped into E(Fq12) by
 * (x, y) -> (x w^2, y w^3). The tower is in curve/fq12.h.
 *
 * Inputs are the group code's affine points (curve/g1.h, curve/g2.h). The
 * pairing functions trust their inputs: P must be on E, Q on E' and in G2
 * (order r). Points that are not give meaningless values, never a crash.
 * Untrusted points come through the decoders of curve/encode.h, which check
 * all of that; bn254_pairing_check_eip197 is the entry point for EIP-197
 * bytes. */
#ifndef ZK_CURVE_PAIRING_H
#define ZK_CURVE_PAIRING_H

#include "curve/fq12.h"
#include "curve/g1.h"
#include "curve/g2.h"

/* The BN parameter x of BN254: q = 36x^4 + 36x^3 + 24x^2 + 6x + 1,
 * r = 36x^4 + 36x^3 + 18x^2 + 6x + 1. */
#define BN254_ATE_X UINT64_C(0x44e992b44a6909f1)

/* The longest NAF bn254_naf writes. */
#define BN254_NAF_MAX 129

/* The pairing's names for the group code's affine points. */
typedef g1_aff bn254_g1_aff;
typedef g2_aff bn254_g2_aff;

/* f = the Miller loop of the optimal ate pairing, before the final
 * exponentiation. f = 1 when P or Q is the point at infinity. */
void bn254_miller_loop(fq12_t *f, const bn254_g1_aff *P, const bn254_g2_aff *Q);

/* f = Π_i millerloop(P[i], Q[i]), sharing the squarings of f between the n
 * pairs (cheaper than n separate loops). Pairs with a point at infinity
 * contribute 1; n = 0 gives f = 1. */
void bn254_miller_loop_multi(fq12_t *f, const bn254_g1_aff *P, const bn254_g2_aff *Q, size_t n);

/* r = f^(m·(q^12 - 1)/r) with m = 2x(6x^2 + 3x + 1), prime to r: the
 * convention of snarkjs/ffjavascript and arkworks (Fuentes-Castañeda et al.'s
 * final exponentiation), so pairing values agree with theirs byte for byte.
 * f must be non-zero (a Miller loop output always is); f = 0 gives r = 0. */
void bn254_final_exp(fq12_t *r, const fq12_t *f);

/* r = e(P, Q). */
void bn254_pairing(fq12_t *r, const bn254_g1_aff *P, const bn254_g2_aff *Q);

/* *ok = (Π_i e(P[i], Q[i]) = 1), with one multi-Miller loop and one final
 * exponentiation: the check of EIP-197 and of Groth16 verification. n = 0
 * gives *ok = true. ZK_EINVAL for NULL pointers (with n > 0). */
zk_err bn254_pairing_check(const bn254_g1_aff P[], const bn254_g2_aff Q[], size_t n, bool *ok);

/* Signed binary (non-adjacent form) digits of n < 2^127, least significant
 * first, each -1, 0 or 1 with no two adjacent non-zero; returns the count.
 * The Miller loop walks 6x + 2 and the final exponentiation x this way. */
int bn254_naf(int8_t digits[BN254_NAF_MAX], zk_u128 n);

/* ---- EIP-197 (the Ethereum precompile at address 0x08) ------------------- */

/* Bytes in one EIP-197 input pair. */
#define BN254_EIP197_PAIR_BYTES 192

/* Decodes and validates one EIP-197 pair: G1 x || y, then G2
 * x_imag || x_real || y_imag || y_real, each a 32-byte big-endian integer.
 * All-zero coordinates encode infinity. Errors: ZK_ENONCANONICAL (a
 * coordinate >= q), ZK_ENOTONCURVE (P not on E or Q not on E'),
 * ZK_ENOTINSUBGROUP (Q not of order r; G1 has cofactor 1). Variable-time. */
zk_err bn254_eip197_read_pair(bn254_g1_aff *P, bn254_g2_aff *Q,
                              const uint8_t in[BN254_EIP197_PAIR_BYTES]);

/* The precompile: in is k pairs of 192 bytes (k = 0 allowed); *ok is the
 * pairing-product check. ZK_EFORMAT when len is not a multiple of 192,
 * otherwise the first error of bn254_eip197_read_pair, with *ok = false. */
zk_err bn254_pairing_check_eip197(const uint8_t *in, size_t len, bool *ok);

#endif
