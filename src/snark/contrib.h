#ifndef ZK_SNARK_CONTRIB_H
#define ZK_SNARK_CONTRIB_H

#include "core/err.h"
#include "core/types.h"

/* The parameters snarkjs stores after each contribution of a .ptau and of
 * a .zkey (inside their core/binfile.h containers): tagged fields in increasing tag order, each optional: 1 the name
 * (a length byte, at most 64 bytes), 2 the beacon's iteration exponent (one
 * byte), 3 the beacon's hash (a length byte and the bytes). */
typedef struct contrib_params {
    char *name;          /* [65], NUL-terminated */
    uint8_t *beacon_exp;
    uint8_t *beacon_len;
    uint8_t *beacon;     /* [255] */
} contrib_params;

#define CONTRIB_PARAMS_MAX (2 + 64 + 2 + 2 + 255)

/* Parses len bytes at p into the fields q points at (unset fields keep
 * their values); ZK_EFORMAT for tags out of order, unknown or overlong. */
zk_err contrib_params_get(const contrib_params *q, const uint8_t *p, size_t len);
/* Encodes into out (CONTRIB_PARAMS_MAX bytes) the name when it is
 * not empty and, for a beacon, its exponent and hash; returns the length. */
size_t contrib_params_put(uint8_t *out, const char *name, bool beacon, uint8_t beacon_exp,
                                  const uint8_t *beacon_hash, uint8_t beacon_len);

#endif
