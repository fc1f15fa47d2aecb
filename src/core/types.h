/* Fixed-width integer types shared by every layer. */
#ifndef ZK_CORE_TYPES_H
#define ZK_CORE_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* The one compiler extension the project allows: 64×64→128-bit products. */
__extension__ typedef unsigned __int128 zk_u128;

#define ZK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
