/* Seeded mutations of a file image, shared by the readers' regression test
 * (tests/unit/test_harden.c) and the CLI mutation driver (tests/fuzz/).
 *
 * A mutation is a function of the seed alone, so a finding replays from its
 * seed. Images that start like an iden3 zk_binfile (a 4-byte magic, a u32
 * version and a u32 section count: .r1cs, .wtns, .ptau, .zkey) also get
 * container-aware mutations, because those are the fields a reader trusts
 * first: a section's size or the count set to 0, 1, huge or
 * "negative-looking", a section duplicated or dropped. Every image gets
 * truncations, byte flips, boundary words at aligned offsets, chunk
 * deletions and copies, and hostile JSON tokens spliced in (numbers >= p,
 * 1e999, wrong types, deep nesting, non-decimal strings). */
#ifndef ZK_TEST_MUTATE_H
#define ZK_TEST_MUTATE_H

#include <stddef.h>
#include <stdint.h>

/* Mutates buf[0..len) in place (it may grow up to cap bytes, which must be
 * at least len) and returns the new length. */
size_t zk_mutate(uint8_t *buf, size_t len, size_t cap, uint64_t seed);

#endif
