/* One include for the core layer, and its start-up. */
#ifndef ZK_CORE_CORE_H
#define ZK_CORE_CORE_H

#include "core/alloc.h"
#include "core/cpu.h"
#include "core/err.h"
#include "core/event.h"
#include "core/pool.h"
#include "core/rng.h"
#include "core/types.h"

/* Initialises libsodium, makes GMP wipe the memory it frees, and reads the
 * CPU's features. Idempotent. */
zk_err zk_core_init(void);

#endif
