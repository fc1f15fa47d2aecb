/* Polynomials and NTTs over Goldilocks: the STARK's trace interpolation and
 * low-degree extension. Domains are the 2^k-th roots of unity of
 * gl_root_of_unity (Plonky3's), k <= 32. The functions are listed in
 * poly/ntt_template.h: gl_domain_init, gl_ntt, gl_intt, gl_coset_ntt, ... */
#ifndef ZK_POLY_GL_POLY_H
#define ZK_POLY_GL_POLY_H

#include "field/goldilocks.h"

#define POLY_NAME gl
#define POLY_T gl_t
#include "poly/ntt_template.h"

#endif
