/* Goldilocks vector operations: the portable loops and the choice between
 * them and the SIMD kernels of goldilocks_x86_64.S. */
#include "field/goldilocks.h"

#include <string.h>

#include "core/cpu.h"

/* The portable loops are the assembly's twins: element by element through
 * the same inline arithmetic the rest of the code uses. */
void gl_mul_vec_portable(gl_t *out, const gl_t *a, const gl_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = gl_mul(a[i], b[i]);
}

void gl_add_vec_portable(gl_t *out, const gl_t *a, const gl_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = gl_add(a[i], b[i]);
}

void gl_sub_vec_portable(gl_t *out, const gl_t *a, const gl_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = gl_sub(a[i], b[i]);
}

static const gl_kernels kernels_portable = {
    gl_mul_vec_portable, gl_add_vec_portable, gl_sub_vec_portable, "portable",
};
#if defined(__x86_64__)
static const gl_kernels kernels_avx2 = {
    gl_mul_vec_avx2, gl_add_vec_avx2, gl_sub_vec_avx2, "avx2",
};
static const gl_kernels kernels_avx512 = {
    gl_mul_vec_avx512, gl_add_vec_avx512, gl_sub_vec_avx512, "avx512",
};
#endif

gl_kernels gl_k = {
    gl_mul_vec_portable, gl_add_vec_portable, gl_sub_vec_portable, "portable",
};

bool gl_select(const char *name)
{
    const gl_kernels *k = NULL;
    if (strcmp(name, "portable") == 0)
        k = &kernels_portable;
#if defined(__x86_64__)
    /* zk_cpu's avx2 and avx512f already include the OS saving the wider
     * registers (XCR0), without which the instructions would fault. */
    const zk_cpu *cpu = zk_cpu_get();
    if (strcmp(name, "avx2") == 0 && cpu->avx2)
        k = &kernels_avx2;
    if (strcmp(name, "avx512") == 0 && cpu->avx512f)
        k = &kernels_avx512;
#endif
    if (!k)
        return false;
    gl_k = *k;
    return true;
}
