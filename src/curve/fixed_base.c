/* Fixed-base tables for G1 and G2 (curve/fixed_base.h). */
#include "curve/fixed_base.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/recode.h"

static zk_err g1_check_base(const g1_aff *a)
{
    return g1_is_on_curve(a) ? ZK_OK : ZK_ENOTONCURVE;
}

static zk_err g2_check_base(const g2_aff *a)
{
    if (!g2_is_on_curve(a))
        return ZK_ENOTONCURVE;
    return g2_is_in_subgroup_var(a) ? ZK_OK : ZK_ENOTINSUBGROUP;
}

#define FB_G g1
#define FB_F fq
#define FB_PHASE "fixed_g1"
#define FB_CHECK g1_check_base
#include "curve/fixed_base_impl.h"

#define FB_G g2
#define FB_F fq2
#define FB_PHASE "fixed_g2"
#define FB_CHECK g2_check_base
#include "curve/fixed_base_impl.h"
