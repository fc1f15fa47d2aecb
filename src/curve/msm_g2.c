/* Multi-scalar multiplication over G2 (curve/msm.h). */
#include "curve/msm.h"
#include "curve/msm_lanes.h"

#define TPL_G g2
#define TPL_F fq2
#define MSM_PHASE "msm_g2"
#define MSM_LANES MSM_LANES_SCRATCH_G2
#define MSM_X4 MSM_X4_SCRATCH_G2
#include "curve/msm_impl.h"
