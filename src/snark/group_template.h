/* Instantiates a template written once for both groups (a header naming
 * its functions GN_CAT(GN_NAME, ...) and its operations GN_(op)) for G1
 * and for G2: define GN_TEMPLATE as the template's header name, in quotes,
 * then include this file. Included once per file that needs it. */
#ifndef GN_TEMPLATE
#error "define GN_TEMPLATE before including snark/group_template.h"
#endif

#define GN_CAT2(a, b) a##_##b
#define GN_CAT(a, b) GN_CAT2(a, b)

#define GN_NAME g1
#define GN_AFF g1_aff
#define GN_JAC g1_jac
#define GN_(op) g1_##op
#include GN_TEMPLATE
#undef GN_NAME
#undef GN_AFF
#undef GN_JAC
#undef GN_

#define GN_NAME g2
#define GN_AFF g2_aff
#define GN_JAC g2_jac
#define GN_(op) g2_##op
#include GN_TEMPLATE
#undef GN_NAME
#undef GN_AFF
#undef GN_JAC
#undef GN_

#undef GN_TEMPLATE
