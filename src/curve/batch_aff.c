/* Batched affine additions and doublings (curve/batch_aff.h). */
#include "curve/batch_aff.h"

#include <sodium.h>

#include "core/ctime.h"

void aff_blind_seed(zk_rng *blind)
{
    uint8_t seed[32];
    zk_random_bytes(NULL, seed, sizeof seed);
    zk_rng_seed(blind, seed);
    sodium_memzero(seed, sizeof seed);
}

#define TPL_G g1
#define TPL_F fq
#include "curve/batch_aff_impl.h"

#define TPL_G g2
#define TPL_F fq2
#include "curve/batch_aff_impl.h"
