/* BN254's base field Fq, q = 0x30644e72…d87cfd47 (254 bits): the field the
 * curve's coordinates live in. q ≡ 3 (mod 4). The operations are listed in
 * field/fp256_template.h. */
#ifndef ZK_FIELD_FQ_H
#define ZK_FIELD_FQ_H

#include "field/mont256.h"

#define FP256_NAME fq
#define FP256_PARAMS fq_params
#include "field/fp256_template.h"

#endif
