/* The iden3 binary files: .r1cs (constraint system) and .wtns (witness).
 *
 * Both are "binfiles" (iden3/binfileutils): a 4-byte magic, a u32 version, a
 * u32 section count, then sections, each a u32 type, a u64 byte size and
 * that many bytes. All integers are little-endian; field elements take n8 =
 * 32 bytes, little-endian, in plain (not Montgomery) form, below the prime.
 *
 * .r1cs, version 1 (iden3/r1csfile, doc r1cs_bin_format.md):
 *   section 1, header: n8 u32, prime (n8 bytes), nWires u32, nPubOut u32,
 *     nPubIn u32, nPrvIn u32, nLabels u64, mConstraints u32;
 *   section 2, constraints: for each, A, B then C, each as nTerms u32 and
 *     nTerms × (wireId u32, coefficient n8 bytes);
 *   section 3, wire-to-label map: nWires × labelId u64.
 * Sections 4 and 5 (custom gates, PLONK only) are not read.
 *
 * .wtns, version 2 (snarkjs src/wtns_utils.js):
 *   section 1: n8 u32, prime (n8 bytes), nWitness u32;
 *   section 2: nWitness × value (n8 bytes).
 *
 * Readers treat the file as hostile: every count is checked against the
 * bytes actually present, every wire index against nWires and every value
 * against the prime; a bad file is ZK_EFORMAT, never a crash. */
#ifndef ZK_CIRCUIT_R1CS_IO_H
#define ZK_CIRCUIT_R1CS_IO_H

#include <stdio.h>

#include "circuit/r1cs.h"
#include "core/file.h"

/* Serialises s (its rows, IO counts, n_labels and wire_label map). *out is
 * allocated with zk_alloc and owned by the caller. */
zk_err r1cs_to_bytes(const r1cs *s, uint8_t **out, size_t *len);
/* Parses a .r1cs image into s, which this initialises (free with r1cs_free,
 * also after an error). */
zk_err r1cs_from_bytes(r1cs *s, const uint8_t *buf, size_t len);
/* Whether a header's wire count fits the file, for every .r1cs reader:
 * the count sizes each per-wire array of setup and proving, so it must be
 * pinned to bytes that exist. With the label section (label_bytes, which
 * circom always writes) that is 8 bytes a wire; without it, each wire past
 * the n_public + 1 public ones must appear in some constraint, so there can
 * be no more of them than the constraint section (constraint_bytes) has
 * room for terms. */
bool r1cs_wire_count_fits(uint32_t n_wires, uint64_t n_public, bool has_labels,
                          uint64_t label_bytes, uint64_t constraint_bytes);

zk_err r1cs_write_file(const r1cs *s, const char *path);
zk_err r1cs_read_file(r1cs *s, const char *path);

zk_err wtns_to_bytes(const fr_t *w, size_t n, uint8_t **out, size_t *len);
/* *w is allocated (n elements); free it with zk_free_secret(w, n, sizeof *w). */
zk_err wtns_from_bytes(fr_t **w, size_t *n, const uint8_t *buf, size_t len);
zk_err wtns_write_file(const char *path, const fr_t *w, size_t n);
zk_err wtns_read_file(const char *path, fr_t **w, size_t *n);


#endif
