/* Instantiates a template written once for both groups (a header naming
 * its functions GN_CAT(GN_NAME, ...) and its operations GN_(op)) for G1
 * and for G2: define GN_TEMPLATE as the template's header name, in quotes,
 * then include this file. Included once per file that needs it.
 *
 * Besides GN_NAME, GN_AFF, GN_JAC and GN_(op) (the group's functions), a
 * template sees GN_FT and GN_F(op), the coordinate field's type and
 * functions, and GN_DIM and GN_SPLIT, the endomorphism split of
 * curve/glv.h (GN_(mul_split_many_var) takes GN_DIM parts a scalar). */
#ifndef GN_TEMPLATE
#error "define GN_TEMPLATE before including snark/group_template.h"
#endif

#define GN_CAT2(a, b) a##_##b
#define GN_CAT(a, b) GN_CAT2(a, b)

#define GN_NAME g1
#define GN_AFF g1_aff
#define GN_JAC g1_jac
#define GN_(op) g1_##op
#define GN_FT fq_t
#define GN_F(op) fq_##op
#define GN_DIM 2
#define GN_SPLIT glv_split_g1
#include GN_TEMPLATE
#undef GN_NAME
#undef GN_AFF
#undef GN_JAC
#undef GN_
#undef GN_FT
#undef GN_F
#undef GN_DIM
#undef GN_SPLIT

#define GN_NAME g2
#define GN_AFF g2_aff
#define GN_JAC g2_jac
#define GN_(op) g2_##op
#define GN_FT fq2_t
#define GN_F(op) fq2_##op
#define GN_DIM 4
#define GN_SPLIT glv_split_g2
#include GN_TEMPLATE
#undef GN_NAME
#undef GN_AFF
#undef GN_JAC
#undef GN_
#undef GN_FT
#undef GN_F
#undef GN_DIM
#undef GN_SPLIT

#undef GN_TEMPLATE
