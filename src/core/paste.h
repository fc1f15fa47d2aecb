/* The one token-pasting macro of zkcave's templates, and the idiom they
 * share.
 *
 * Code written once for several types (the two BN254 fields, G1 and G2,
 * the NTT fields) is a template: a header with no include guard, included
 * after defining its parameters, which its top comment lists. A template
 * named *_template.h declares (types, prototypes, inline functions) and is
 * included by a public header once per instance (field/fp256_template.h,
 * poly/ntt_template.h); one named *_impl.h defines and is included by one
 * .c file per instance (curve/ec_impl.h, curve/msm_impl.h, poly/ntt_impl.h,
 * ...). snark/group_template.h includes a group template once for G1 and
 * once for G2. A template spells out at its top the short names it makes
 * from its parameters with ZK_PASTE, and undefines them and its parameters
 * at its end.
 *
 * The parameters and short names mean the same in every group template:
 *   TPL_G      the group's prefix, g1 or g2
 *   TPL_F      its coordinate field's prefix, fq or fq2
 *   G_(op)     the group's function: G_(add_var) is g1_add_var
 *   F_(op)     the field's function: F_(mul) is fq_mul
 *   FT         the field's element type, fq_t or fq2_t
 *   AFF, JAC, PROJ  the group's affine, Jacobian and projective points
 * and in the field templates FP256_FN(op) / POLY_FN(op) name the field's
 * functions, FP256_T / POLY_T its element type. */
#ifndef ZK_CORE_PASTE_H
#define ZK_CORE_PASTE_H

/* a_b, after a and b are expanded: ZK_PASTE(TPL_G, aff) is g1_aff. */
#define ZK_PASTE2(a, b) a##_##b
#define ZK_PASTE(a, b) ZK_PASTE2(a, b)

#endif
