/* Hexadecimal text to bytes and back, for every layer: keys, messages and
 * signatures that lessons and the command line take as text (BIP-340
 * vectors are hex), digests shown as text, key ids, beacons.
 *
 * Decoding accepts upper and lower case, no "0x" prefix, no blanks: what a
 * person pastes from a test-vector file. */
#ifndef ZK_CORE_HEX_H
#define ZK_CORE_HEX_H

#include "core/err.h"
#include "core/types.h"

/* Decodes hex into out (room for cap bytes); *len gets the byte count.
 * ZK_EPARSE for a character that is not a hex digit or an odd number of
 * digits, ZK_EOVERFLOW when the bytes would not fit in cap. The empty string
 * decodes to zero bytes. */
zk_err zk_hex_decode(uint8_t *out, size_t cap, size_t *len, const char *hex);

/* Decodes exactly n bytes: ZK_EINVAL when the text has another length. */
zk_err zk_hex_decode_exact(uint8_t *out, size_t n, const char *hex);

/* Writes 2n lower-case digits and a NUL to out (room for 2n + 1); returns out. */
char *zk_hex_encode(char *out, const uint8_t *in, size_t n);

#endif
