#include "field/field.h"

#include <stdio.h>

#include "core/core.h"

zk_err field_init(void)
{
    zk_err err = zk_core_init();
    if (err)
        return err;
    const zk_cpu *cpu = zk_cpu_get();
    if (cpu->forced_portable || !mont256_select("adx"))
        mont256_select(cpu->forced_portable ? "portable" : "x86-64");
    /* Goldilocks vectors: the widest SIMD kernel this CPU runs. */
    if (cpu->forced_portable || (!gl_select("avx512") && !gl_select("avx2")))
        gl_select("portable");
    /* Eight-lane 52-bit Montgomery arithmetic: IFMA, or the C twin. */
    if (cpu->forced_portable || !m52x8_select("ifma"))
        m52x8_select("portable");
    return ZK_OK;
}

const char *field_kernels(void)
{
    static char text[128];
    snprintf(text, sizeof text, "mont256=%s goldilocks=%s mont52x8=%s", mont256_k.name,
             gl_k.name, m52x8_k.name);
    return text;
}
