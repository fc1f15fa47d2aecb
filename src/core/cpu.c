#include "core/cpu.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static zk_cpu g_cpu;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* The features ZKCAVE_CPU_MASK can turn off. Turning one off takes along
 * every feature that needs it: no CPU has AVX-512 without AVX2, and IFMA is
 * an AVX-512 extension. */
enum { F_BMI2 = 1, F_ADX = 2, F_AVX2 = 4, F_AVX512F = 8, F_AVX512IFMA = 16 };
static const struct {
    const char *name;
    unsigned own, takes;
} g_features[] = {
    {"bmi2", F_BMI2, F_BMI2},
    {"adx", F_ADX, F_ADX},
    {"avx2", F_AVX2, F_AVX2 | F_AVX512F | F_AVX512IFMA},
    {"avx512f", F_AVX512F, F_AVX512F | F_AVX512IFMA},
    {"avx512ifma", F_AVX512IFMA, F_AVX512IFMA},
};
static unsigned g_masked;
#define N_FEATURES (sizeof g_features / sizeof g_features[0])

/* The entry of g_features named name, or -1. */
static int feature_index(const char *name)
{
    for (size_t i = 0; i < N_FEATURES; i++)
        if (strcmp(g_features[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Reads the mask's words into g_masked and clears those features in c. */
static void apply_mask(zk_cpu *c, const char *spec)
{
    const char *sep = ", \t";
    while (*(spec += strspn(spec, sep))) {
        size_t len = strcspn(spec, sep);
        char word[sizeof c->mask_unknown];
        snprintf(word, sizeof word, "%.*s", (int)len, spec);
        spec += len;
        int f = len < sizeof word ? feature_index(word) : -1;
        if (f >= 0)
            g_masked |= g_features[f].takes;
        else if (!c->mask_unknown[0])
            snprintf(c->mask_unknown, sizeof c->mask_unknown, "%s", word);
    }
    c->bmi2 = c->bmi2 && !(g_masked & F_BMI2);
    c->adx = c->adx && !(g_masked & F_ADX);
    c->avx2 = c->avx2 && !(g_masked & F_AVX2);
    c->avx512f = c->avx512f && !(g_masked & F_AVX512F);
    c->avx512ifma = c->avx512ifma && !(g_masked & F_AVX512IFMA);
    for (size_t i = 0; i < N_FEATURES; i++)
        if (g_masked & g_features[i].own) {
            size_t at = strlen(c->masked);
            snprintf(c->masked + at, sizeof c->masked - at, "%s%s", at ? " " : "",
                     g_features[i].name);
        }
}

#if defined(__x86_64__)
/* In cpuid.S: CPUID, XGETBV and RDTSC need instructions C cannot name. */
void zk_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
uint64_t zk_xgetbv(uint32_t index);
uint64_t zk_rdtsc(void);

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
    const char *mask = getenv("ZKCAVE_CPU_MASK");
    if (mask)
        apply_mask(&g_cpu, mask);
}

uint64_t zk_cpu_tsc(void)
{
#if defined(__x86_64__)
    return zk_rdtsc();
#else
    return 0;
#endif
}

const zk_cpu *zk_cpu_get(void)
{
    pthread_once(&g_once, detect);
    return &g_cpu;
}

bool zk_cpu_masked(const char *feature)
{
    pthread_once(&g_once, detect);
    int f = feature_index(feature);
    return f >= 0 && (g_masked & g_features[f].own) != 0;
}
