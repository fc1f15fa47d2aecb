/* Batched affine additions and doublings (curve/batch_aff.h). */
#include "curve/batch_aff.h"

#define BA_G g1
#define BA_F fq
#include "curve/batch_aff_impl.h"

#define BA_G g2
#define BA_F fq2
#include "curve/batch_aff_impl.h"
