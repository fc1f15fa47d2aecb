/* Multi-scalar multiplication over G1 (curve/msm.h). */
#include "curve/msm.h"
#include "curve/msm_lanes.h"

#define TPL_G g1
#define TPL_F fq
#define MSM_PHASE "msm_g1"
#define MSM_LANES MSM_LANES_SCRATCH_G1
#define MSM_X4 MSM_X4_SCRATCH_G1
#include "curve/msm_impl.h"
