/* Instantiates a group template (a header written once for both groups,
 * core/paste.h) for G1 and then for G2: define TPL_TEMPLATE as the
 * template's header name, in quotes, then include this file. Included once
 * per file that needs it.
 *
 * The template sees TPL_G and TPL_F (core/paste.h: it makes G_, F_, FT, AFF
 * and JAC from them), and TPL_DIM and TPL_SPLIT, the endomorphism split of
 * curve/glv.h (G_(mul_split_many_var) takes TPL_DIM parts a scalar). */
#ifndef TPL_TEMPLATE
#error "define TPL_TEMPLATE before including snark/group_template.h"
#endif

#define TPL_G g1
#define TPL_F fq
#define TPL_DIM 2
#define TPL_SPLIT glv_split_g1
#include TPL_TEMPLATE
#undef TPL_G
#undef TPL_F
#undef TPL_DIM
#undef TPL_SPLIT

#define TPL_G g2
#define TPL_F fq2
#define TPL_DIM 4
#define TPL_SPLIT glv_split_g2
#include TPL_TEMPLATE
#undef TPL_G
#undef TPL_F
#undef TPL_DIM
#undef TPL_SPLIT

#undef TPL_TEMPLATE
