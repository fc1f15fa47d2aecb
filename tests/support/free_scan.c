/* A free() that looks for secrets left in freed memory: preloaded into a
 * zkcave command (LD_PRELOAD) by tests/screen/secrets.sh, it scans every
 * block the program frees (and every block realloc moves) for marker
 * values, in each form a secret takes in zkcave's memory:
 *   - the decimal text (input.json, cJSON's strings, GMP's output);
 *   - the integer's little-endian bytes (GMP limbs, canonical field
 *     elements, .wtns bytes, MSM scalars, Goldilocks values);
 *   - its Montgomery form modulo BN254's r (fr_t, a·2^256 mod r), when
 *     it is below r.
 * A block that holds one is a secret freed unwiped. At exit it writes
 * "free_scan: H of N freed blocks held a marker" to stderr, and for each
 * of the first few hits the block's size, the form found and, under
 * AddressSanitizer, the stack that freed it.
 *
 * Environment: ZK_SCAN_MARKERS, integers (decimal, or hex after 0x)
 * separated by commas (each at least 2^56, so that its bytes are no common
 * pattern).
 *
 * It is a test tool built by the test (not part of libzk) with the
 * system's compiler and no sanitizer. Under ASan the program's malloc is
 * ASan's: this library comes before it in the lookup order, so the run
 * needs ASAN_OPTIONS=verify_asan_link_order=0; the real free is the next
 * one (dlsym RTLD_NEXT), and malloc_usable_size is ASan's, which reports
 * the size the block was asked for. GMP is linked for the conversions,
 * done once before main. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <gmp.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_PATTERNS = 24, MAX_REPORTED = 4 };

typedef struct pattern {
    unsigned char bytes[96];
    size_t len;
    const char *form;
} pattern;

static pattern patterns[MAX_PATTERNS];
static size_t n_patterns;
/* Set once the patterns are ready: until then (and while they are being
 * made, which itself allocates) free only passes through. */
static atomic_bool ready;
static atomic_ulong scanned, hits;

static void (*real_free)(void *);
static void *(*real_realloc)(void *, size_t);

static const char R_DEC[] =
    "21888242871839275222246405745257275088548364400416034343698204186575808495617";

static void add(const void *bytes, size_t len, const char *form)
{
    if (n_patterns < MAX_PATTERNS && len && len <= sizeof patterns[0].bytes) {
        memcpy(patterns[n_patterns].bytes, bytes, len);
        patterns[n_patterns].len = len;
        patterns[n_patterns].form = form;
        n_patterns++;
    }
}

/* The forms of one marker; false when it is no integer >= 2^56. */
static bool add_marker(const char *dec, size_t len)
{
    char text[96];
    if (len == 0 || len >= sizeof text)
        return false;
    memcpy(text, dec, len);
    text[len] = 0;
    mpz_t v, r, m;
    mpz_inits(v, r, m, NULL);
    /* Base 0: decimal, or 0x hex (a .wtns value read with od). */
    bool ok = mpz_set_str(v, text, 0) == 0 && mpz_sizeinbase(v, 2) > 56;
    if (ok) {
        mpz_get_str(text, 10, v);
        add(text, strlen(text), "decimal text");
        unsigned char le[96];
        size_t n = 0;
        mpz_export(le, &n, -1, 1, -1, 0, v);   /* least significant byte first */
        add(le, n, "little-endian bytes");
        mpz_set_str(r, R_DEC, 10);
        if (mpz_cmp(v, r) < 0) {
            mpz_mul_2exp(m, v, 256);
            mpz_mod(m, m, r);
            unsigned char mont[32] = {0};
            mpz_export(mont, &n, -1, 1, -1, 0, m);
            add(mont, 32, "Montgomery form mod r");
        }
    }
    mpz_clears(v, r, m, NULL);
    return ok;
}

/* The next free and realloc, found on first use: the loader and ASan's
 * start-up free memory before any constructor runs. A block freed while
 * they are being looked up (dlsym may free) is dropped: a few bytes. */
static void resolve(void)
{
    /* No thread-local flag: this runs before TLS is set up for a preloaded
     * library. The first lookup happens before any thread starts. */
    static atomic_bool resolving;
    if (real_free || atomic_exchange(&resolving, true))
        return;
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
}

__attribute__((constructor)) static void scan_init(void)
{
    resolve();
    const char *m = getenv("ZK_SCAN_MARKERS");
    while (m && *m) {
        size_t len = strcspn(m, ",");
        if (!add_marker(m, len)) {
            fprintf(stderr, "free_scan: bad marker in ZK_SCAN_MARKERS\n");
            _exit(2);
        }
        m += len + (m[len] == ',');
    }
    atomic_store(&ready, true);
}

/* The pattern p holds, or NULL. */
static const pattern *find(const void *p, size_t size)
{
    for (size_t i = 0; i < n_patterns; i++)
        if (memmem(p, size, patterns[i].bytes, patterns[i].len))
            return &patterns[i];
    return NULL;
}

static void report(const pattern *hit, size_t size)
{
    unsigned long k = atomic_fetch_add(&hits, 1);
    if (k >= MAX_REPORTED)
        return;
    char line[160];
    int n = snprintf(line, sizeof line, "free_scan: a freed block of %zu bytes holds a marker "
                     "(%s)\n", size, hit->form);
    if (n > 0)
        (void)!write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
    void (*trace)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "__sanitizer_print_stack_trace");
    if (trace)
        trace();
}

static const pattern *scan(void *p, size_t *size)
{
    if (!p || !atomic_load(&ready) || !n_patterns)
        return NULL;
    *size = malloc_usable_size(p);
    atomic_fetch_add(&scanned, 1);
    return find(p, *size);
}

void free(void *p)
{
    size_t size = 0;
    const pattern *hit = scan(p, &size);
    if (hit)
        report(hit, size);
    resolve();
    if (real_free)
        real_free(p);
}

/* A block realloc moves is freed with its old contents. */
void *realloc(void *p, size_t n)
{
    size_t size = 0;
    const pattern *hit = n ? scan(p, &size) : NULL;
    resolve();
    if (!real_realloc)
        return NULL;
    void *q = real_realloc(p, n);
    if (hit && q && q != p)
        report(hit, size);
    return q;
}

__attribute__((destructor)) static void scan_done(void)
{
    if (!n_patterns)
        return;
    char line[128];
    int n = snprintf(line, sizeof line, "free_scan: %lu of %lu freed blocks held a marker\n",
                     atomic_load(&hits), atomic_load(&scanned));
    if (n > 0)
        (void)!write(2, line, (size_t)n);
}
