#include "core/core.h"

zk_err zk_core_init(void)
{
    zk_err err = zk_rng_init();
    if (err)
        return err;
    (void)zk_cpu_get();
    return ZK_OK;
}
