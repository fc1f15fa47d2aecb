/* What this CPU can do, read once from CPUID.
 *
 * zkcave is built for the x86-64 baseline and picks faster kernels at run
 * time (never -march=native). ZKCAVE_KERNEL=portable forces the portable C
 * kernels everywhere, which is how the tests and benchmarks compare them.
 *
 * ZKCAVE_CPU_MASK lists features to treat as absent (words from bmi2, adx,
 * avx2, avx512f, avx512ifma, separated by commas or spaces), so one machine
 * can run what a smaller one runs: ZKCAVE_CPU_MASK=avx512f is an AVX2-only
 * CPU. Turning a feature off also turns off those built on it (avx2 takes
 * the AVX-512 ones with it, avx512f takes avx512ifma). */
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
    char masked[64];    /* features ZKCAVE_CPU_MASK turned off, "" for none */
    char mask_unknown[24]; /* the first word of ZKCAVE_CPU_MASK that names no
                            * feature, "" when all do; callers refuse to run */
} zk_cpu;

/* Detected on first call; the result never changes afterwards. */
const zk_cpu *zk_cpu_get(void);

/* The words ZKCAVE_CPU_MASK understands. */
#define ZK_CPU_MASK_FEATURES "bmi2 adx avx2 avx512f avx512ifma"

/* The time-stamp counter (x86-64), 0 where there is none: benchmarks
 * report cycles per operation with it. */
uint64_t zk_cpu_tsc(void);

/* Whether ZKCAVE_CPU_MASK turned feature off (directly or through one it
 * is built on). */
bool zk_cpu_masked(const char *feature);

#endif
