#include "core/cpu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static zk_cpu g_cpu;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

#if defined(__x86_64__)
/* In cpuid.S: CPUID and XGETBV need instructions C cannot name. */
void zk_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
uint64_t zk_xgetbv(uint32_t index);

static void detect_x86(zk_cpu *c)
{
    uint32_t r[4];
    c->x86_64 = true;
    zk_cpuid(0, 0, r);
    uint32_t max_leaf = r[0];
    bool osxsave = false;
    if (max_leaf >= 1) {
        zk_cpuid(1, 0, r);
        osxsave = (r[2] >> 27) & 1;
    }
    /* AVX-512 needs the OS to save opmask and ZMM state (XCR0 bits 1,2,5,6,7). */
    uint64_t xcr0 = osxsave ? zk_xgetbv(0) : 0;
    bool os_avx = (xcr0 & 0x6) == 0x6;
    bool os_avx512 = (xcr0 & 0xe6) == 0xe6;
    if (max_leaf >= 7) {
        zk_cpuid(7, 0, r);
        c->bmi2 = (r[1] >> 8) & 1;
        c->adx = (r[1] >> 19) & 1;
        c->avx2 = os_avx && ((r[1] >> 5) & 1);
        c->avx512f = os_avx512 && ((r[1] >> 16) & 1);
        c->avx512ifma = c->avx512f && ((r[1] >> 21) & 1);
    }
    zk_cpuid(0x80000000u, 0, r);
    if (r[0] >= 0x80000004u) {
        char brand[49] = {0};
        for (uint32_t leaf = 0; leaf < 3; leaf++) {
            zk_cpuid(0x80000002u + leaf, 0, r);
            memcpy(brand + 16 * leaf, r, 16);
        }
        const char *s = brand;
        while (*s == ' ')
            s++;
        strncpy(c->model, s, sizeof c->model - 1);
        size_t n = strlen(c->model);
        while (n > 0 && c->model[n - 1] == ' ')
            c->model[--n] = '\0';
    }
}
#endif

static void detect(void)
{
    strcpy(g_cpu.model, "unknown");
#if defined(__x86_64__)
    detect_x86(&g_cpu);
#endif
    const char *k = getenv("ZKCAVE_KERNEL");
    if (k && strcmp(k, "portable") == 0) {
        g_cpu.forced_portable = true;
    }
}

const zk_cpu *zk_cpu_get(void)
{
    pthread_once(&g_once, detect);
    return &g_cpu;
}
