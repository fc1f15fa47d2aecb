/* Arrays of BN254 points in and out of .ptau / .zkey sections.
 *
 * Sections store points in snarkjs's LEM encoding (curve/encode.h): 64 bytes
 * per G1 point, 128 per G2 point, all zero for infinity. Reading decodes in
 * chunks on the thread pool and checks every point (canonical coordinates,
 * on the curve); G2 subgroup membership costs about a 64-bit scalar
 * multiplication per point, so the caller says when it is needed (a file
 * whose points a verifier has checked by pairings as a whole does not). */
#ifndef ZK_SNARK_POINTS_IO_H
#define ZK_SNARK_POINTS_IO_H

#include "curve/g1.h"
#include "curve/g2.h"
#include "core/binfile.h"

/* n points starting at point index first of section s. ZK_EFORMAT when the
 * section is too short; the decoders' errors otherwise (ZK_ENOTONCURVE, ...). */
zk_err snark_read_g1s(g1_aff *out, const zk_binfile *b, const zk_binfile_section *s, uint64_t first,
                      size_t n);
zk_err snark_read_g2s(g2_aff *out, const zk_binfile *b, const zk_binfile_section *s, uint64_t first,
                      size_t n, bool check_subgroup);

/* Appends n points to the open section of w. */
void snark_write_g1s(zk_binwriter *w, const g1_aff *p, size_t n);
void snark_write_g2s(zk_binwriter *w, const g2_aff *p, size_t n);

/* A whole section of exactly n points, allocated (zk_alloc) into *out. */
zk_err snark_load_g1s(g1_aff **out, const zk_binfile *b, uint32_t type, size_t n);
zk_err snark_load_g2s(g2_aff **out, const zk_binfile *b, uint32_t type, size_t n,
                      bool check_subgroup);

#endif
