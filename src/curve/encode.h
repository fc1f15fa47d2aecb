/* Point encodings of BN254 G1 and G2, the ones the ecosystem's files use.
 *
 *   EIP-196/197  Ethereum's precompiles: big-endian 32-byte coordinates, G1
 *                x || y (64 bytes), G2 x.c1 || x.c0 || y.c1 || y.c0 (128
 *                bytes, imaginary part first); all zero is infinity.
 *   LEM          snarkjs/ffjavascript's .ptau and .zkey sections (toRprLEM):
 *                each coordinate as the 32 little-endian bytes of its
 *                Montgomery form x·2^256 mod q, G1 x || y, G2 x.c0 || x.c1 ||
 *                y.c0 || y.c1; all zero is infinity. This is exactly fq_t's
 *                memory, so it costs no multiplication either way.
 *   compressed   x and two flag bits, gnark-crypto's convention (documented
 *                in its bn254 marshal.go and shared by the Solidity verifiers
 *                that accept compressed proofs): big-endian x (G2: x.c1 ||
 *                x.c0, 32 or 64 bytes) whose top two bits, free because
 *                q < 2^254, say 0b10 "y is the smaller of ±y", 0b11 "the
 *                larger", 0b01 "infinity" (everything else zero). "Larger"
 *                compares canonical integers, y > (q-1)/2; in Fq2 it is
 *                decided by c1, or by c0 when c1 = 0. We follow gnark rather
 *                than arkworks (little-endian, other bit meanings) because
 *                BN254 tooling around snarkjs and Ethereum is big-endian
 *                throughout.
 *   JSON         snarkjs's proof and key files: G1 ["x", "y", "z"] and G2
 *                [["x.c0", "x.c1"], ["y.c0", "y.c1"], ["z.c0", "z.c1"]],
 *                decimal strings. snarkjs writes z = 1 (affine), and
 *                ["0", "1", "0"] for infinity; reading accepts any z as
 *                Jacobian coordinates (x/z^2, y/z^3), as ffjavascript does,
 *                z = 0 meaning infinity.
 *
 * Byte decoders take the input's length, which must be the format's size
 * exactly (the *_BYTES constants): a file section or a message cut short is
 * refused, never read past. (The precompiles' own rule, zero-padding short
 * input, is the caller's business.) Every decoder checks, in this order, and
 * leaves r untouched on error:
 *   ZK_EFORMAT         wrong length, malformed JSON or compressed flags;
 *   ZK_ENONCANONICAL   a coordinate >= q;
 *   ZK_ENOTONCURVE     not on the curve (or, compressed, no such y);
 *   ZK_ENOTINSUBGROUP  a G2 point outside the order-r subgroup.
 * G1 needs no subgroup check: its cofactor is 1. The G2 check costs about
 * one 64-bit scalar multiplication (curve/g2.h); g2_decode_lem can skip it
 * for data already checked as a whole (a .ptau verified by pairings). */
#ifndef ZK_CURVE_ENCODE_H
#define ZK_CURVE_ENCODE_H

#include <cJSON.h>

#include "curve/g1.h"
#include "curve/g2.h"

#define G1_EIP196_BYTES 64
#define G2_EIP197_BYTES 128
#define G1_LEM_BYTES 64
#define G2_LEM_BYTES 128
#define G1_COMPRESSED_BYTES 32
#define G2_COMPRESSED_BYTES 64

zk_err g1_decode_eip196(g1_aff *r, const uint8_t *in, size_t len);
void g1_encode_eip196(uint8_t out[G1_EIP196_BYTES], const g1_aff *a);
zk_err g2_decode_eip197(g2_aff *r, const uint8_t *in, size_t len);
void g2_encode_eip197(uint8_t out[G2_EIP197_BYTES], const g2_aff *a);

zk_err g1_decode_lem(g1_aff *r, const uint8_t *in, size_t len);
void g1_encode_lem(uint8_t out[G1_LEM_BYTES], const g1_aff *a);
zk_err g2_decode_lem(g2_aff *r, const uint8_t *in, size_t len, bool check_subgroup);
void g2_encode_lem(uint8_t out[G2_LEM_BYTES], const g2_aff *a);

/* Decompression takes a square root: variable-time, about 10 µs in G1. */
zk_err g1_decode_compressed(g1_aff *r, const uint8_t *in, size_t len);
void g1_encode_compressed(uint8_t out[G1_COMPRESSED_BYTES], const g1_aff *a);
zk_err g2_decode_compressed(g2_aff *r, const uint8_t *in, size_t len);
void g2_encode_compressed(uint8_t out[G2_COMPRESSED_BYTES], const g2_aff *a);

/* A new cJSON array in snarkjs's layout (the caller deletes it), NULL when
 * out of memory. */
cJSON *g1_to_json(const g1_aff *a);
cJSON *g2_to_json(const g2_aff *a);
zk_err g1_from_json(g1_aff *r, const cJSON *j);
zk_err g2_from_json(g2_aff *r, const cJSON *j);

#endif
