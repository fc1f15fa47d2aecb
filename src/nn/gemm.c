#include "nn/gemm.h"

#include <pthread.h>
#include <string.h>

#include "core/cpu.h"

enum { MR = NN_GEMM_MR, NR = NN_GEMM_NR, KC = NN_GEMM_KC, MC = NN_GEMM_MC, NC = NN_GEMM_NC };

void nn_gemm_kernel_portable(size_t kc, const float *a, const float *b, float *c, size_t ldc,
                             int acc)
{
    /* The tile lives in a local array so that the compiler keeps the inner
     * loop over j free of aliasing with c and can vectorise it. */
    float t[MR][NR];
    memset(t, 0, sizeof t);
    for (size_t p = 0; p < kc; p++) {
        const float *bp = b + p * NR;
        for (int i = 0; i < MR; i++) {
            float ai = a[p * MR + (size_t)i];
            for (int j = 0; j < NR; j++)
                t[i][j] += ai * bp[j];
        }
    }
    for (int i = 0; i < MR; i++) {
        float *ci = c + (size_t)i * ldc;
        if (acc)
            for (int j = 0; j < NR; j++)
                ci[j] += t[i][j];
        else
            for (int j = 0; j < NR; j++)
                ci[j] = t[i][j];
    }
}

typedef struct kernel_entry {
    const char *name;
    nn_gemm_kernel_fn fn;
} kernel_entry;

static kernel_entry g_kernel = {"portable", nn_gemm_kernel_portable};
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static bool kernel_available(const char *name, kernel_entry *out)
{
    if (strcmp(name, "portable") == 0) {
        *out = (kernel_entry){"portable", nn_gemm_kernel_portable};
        return true;
    }
#if defined(__x86_64__)
    /* zk_cpu's avx512f already includes the OS saving the ZMM state. */
    if (strcmp(name, "avx512") == 0 && zk_cpu_get()->avx512f) {
        *out = (kernel_entry){"avx512", nn_gemm_kernel_avx512};
        return true;
    }
#endif
    return false;
}

static void pick_default(void)
{
    if (!zk_cpu_get()->forced_portable)
        kernel_available("avx512", &g_kernel);
}

const char *nn_gemm_kernel_name(void)
{
    pthread_once(&g_once, pick_default);
    return g_kernel.name;
}

zk_err nn_gemm_use(const char *name)
{
    pthread_once(&g_once, pick_default);
    kernel_entry k;
    if (!kernel_available(name, &k))
        return ZK_EUNSUPPORTED;
    g_kernel = k;
    return ZK_OK;
}

/* Copies the mc × kc block of op(A) at (i0, p0) into MR-row micro-panels:
 * panel r holds rows r·MR … r·MR+MR-1, column by column, zero past mc.
 * The loops run along memory on the source side, whichever way A is
 * stored, since a strided gather here costs as much as the product on
 * thin matrices. */
static void pack_a(float *dst, const float *a, size_t lda, bool ta, size_t i0, size_t p0,
                   size_t mc, size_t kc)
{
    for (size_t r = 0; r < mc; r += MR, dst += MR * kc) {
        size_t rows = mc - r < MR ? mc - r : MR;
        if (rows < MR)
            memset(dst, 0, MR * kc * sizeof *dst);
        if (ta) {
            for (size_t p = 0; p < kc; p++)
                memcpy(dst + p * MR, a + (p0 + p) * lda + i0 + r, rows * sizeof *dst);
        } else {
            for (size_t i = 0; i < rows; i++) {
                const float *src = a + (i0 + r + i) * lda + p0;
                for (size_t p = 0; p < kc; p++)
                    dst[p * MR + i] = src[p];
            }
        }
    }
}

/* Copies the kc × nc block of op(B) at (p0, j0) into NR-column micro-panels. */
static void pack_b(float *dst, const float *b, size_t ldb, bool tb, size_t p0, size_t j0,
                   size_t kc, size_t nc)
{
    for (size_t s = 0; s < nc; s += NR, dst += NR * kc) {
        size_t cols = nc - s < NR ? nc - s : NR;
        if (cols < NR)
            memset(dst, 0, NR * kc * sizeof *dst);
        if (tb) {
            for (size_t j = 0; j < cols; j++) {
                const float *src = b + (j0 + s + j) * ldb + p0;
                for (size_t p = 0; p < kc; p++)
                    dst[p * NR + j] = src[p];
            }
        } else if (cols == NR) {
            /* A constant size lets the compiler copy with vector moves. */
            for (size_t p = 0; p < kc; p++)
                memcpy(dst + p * NR, b + (p0 + p) * ldb + j0 + s, NR * sizeof *dst);
        } else {
            for (size_t p = 0; p < kc; p++)
                memcpy(dst + p * NR, b + (p0 + p) * ldb + j0 + s, cols * sizeof *dst);
        }
    }
}

void nn_gemm(float *c, size_t ldc, const float *a, size_t lda, bool ta, const float *b,
             size_t ldb, bool tb, size_t m, size_t n, size_t k, bool accumulate, float *ws)
{
    pthread_once(&g_once, pick_default);
    nn_gemm_kernel_fn kernel = g_kernel.fn;
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        if (!accumulate)
            for (size_t i = 0; i < m; i++)
                memset(c + i * ldc, 0, n * sizeof *c);
        return;
    }
    float *pa = ws, *pb = ws + (size_t)MC * KC;
    for (size_t jc = 0; jc < n; jc += NC) {
        size_t nc = n - jc < NC ? n - jc : NC;
        for (size_t pc = 0; pc < k; pc += KC) {
            size_t kc = k - pc < KC ? k - pc : KC;
            int acc = accumulate || pc > 0;
            pack_b(pb, b, ldb, tb, pc, jc, kc, nc);
            for (size_t ic = 0; ic < m; ic += MC) {
                size_t mc = m - ic < MC ? m - ic : MC;
                pack_a(pa, a, lda, ta, ic, pc, mc, kc);
                for (size_t jr = 0; jr < nc; jr += NR) {
                    size_t cols = nc - jr < NR ? nc - jr : NR;
                    const float *bp = pb + jr * kc;
                    for (size_t ir = 0; ir < mc; ir += MR) {
                        size_t rows = mc - ir < MR ? mc - ir : MR;
                        const float *ap = pa + ir * kc;
                        float *ct = c + (ic + ir) * ldc + jc + jr;
                        if (rows == MR && cols == NR) {
                            kernel(kc, ap, bp, ct, ldc, acc);
                            continue;
                        }
                        /* An edge tile goes through a full tile in memory, so
                         * every element is summed exactly as in the interior. */
                        float tile[MR * NR];
                        memset(tile, 0, sizeof tile);
                        if (acc)
                            for (size_t i = 0; i < rows; i++)
                                memcpy(tile + i * NR, ct + i * ldc, cols * sizeof *tile);
                        kernel(kc, ap, bp, tile, NR, acc);
                        for (size_t i = 0; i < rows; i++)
                            memcpy(ct + i * ldc, tile + i * NR, cols * sizeof *tile);
                    }
                }
            }
        }
    }
}
