/* BN254's scalar field Fr, r = 0x30644e72…f0000001 (254 bits).
 *
 * The field of circuit wires, witnesses and Groth16 scalars; what snarkjs and
 * circom call the bn128 scalar field. r - 1 = 2^28·t, so NTTs of any size up
 * to 2^28 exist. The operations are listed in field/fp256_template.h. */
#ifndef ZK_FIELD_FR_H
#define ZK_FIELD_FR_H

#include "field/mont256.h"

#define FP256_NAME fr
#define FP256_PARAMS fr_params
#include "field/fp256_template.h"

#define FR_TWO_ADICITY 28

/* A primitive 2^log2n-th root of unity, 0 <= log2n <= 28, the one snarkjs
 * (ffjavascript) uses: w_28 = 5^((r-1)/2^28) and w_k = w_{k+1}^2.
 * ZK_EINVAL for log2n > 28. */
zk_err fr_root_of_unity(fr_t *r, unsigned log2n);

#endif
