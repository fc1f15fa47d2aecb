/* One include for the field layer, and its start-up. */
#ifndef ZK_FIELD_FIELD_H
#define ZK_FIELD_FIELD_H

#include "field/f101.h"
#include "field/fq.h"
#include "field/fr.h"
#include "field/gl_ext.h"
#include "field/goldilocks.h"
#include "field/mont256.h"
#include "field/mont52x8.h"
#include "field/zp.h"

/* Initialises the core layer and picks the fastest field kernels this CPU
 * supports (MULX/ADX Montgomery multiplication, AVX-512 or AVX2 Goldilocks
 * vectors, when present), unless ZKCAVE_KERNEL=portable. Idempotent; call
 * before starting threads. */
zk_err field_init(void);

/* A one-line description of the kernels in use, for benchmarks and --version. */
const char *field_kernels(void);

#endif
