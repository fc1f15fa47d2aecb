/* What this CPU can do, read once from CPUID.
 *
 * zkcave is built for the x86-64 baseline and picks faster kernels at run
 * time (never -march=native). ZKCAVE_KERNEL=portable forces the portable C
 * kernels everywhere, which is how the tests and benchmarks compare them. */
#ifndef ZK_CORE_CPU_H
#define ZK_CORE_CPU_H

#include "core/types.h"

typedef struct zk_cpu {
    char model[64];     /* brand string, "unknown" when CPUID has none */
    bool x86_64;
    bool bmi2;          /* MULX */
    bool adx;           /* ADCX / ADOX */
    bool avx2;
    bool avx512f;       /* and the OS saves the ZMM state */
    bool avx512ifma;
    bool forced_portable; /* ZKCAVE_KERNEL=portable: use no fast kernel */
} zk_cpu;

/* Detected on first call; the result never changes afterwards. */
const zk_cpu *zk_cpu_get(void);

#endif
