/* Polynomials and NTTs over BN254 Fr: the QAP, KZG and Groth16 layer's
 * arithmetic. Domains are the 2^k-th roots of unity of fr_root_of_unity
 * (the ones snarkjs uses), k <= 28. The functions are listed in
 * poly/ntt_template.h: fr_domain_init, fr_ntt, fr_intt, fr_coset_ntt, ... */
#ifndef ZK_POLY_FR_POLY_H
#define ZK_POLY_FR_POLY_H

#include "field/fr.h"

#define POLY_NAME fr
#define POLY_T fr_t
#include "poly/ntt_template.h"

#endif
