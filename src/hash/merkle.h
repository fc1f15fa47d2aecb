/* Merkle trees over rows of field elements, with salted leaves and batched
 * multi-openings.
 *
 * A STARK commits to a table: row i of the table is leaf i, holding every
 * column's value at one point of the evaluation domain, so one opening
 * answers a query for all columns at once. With zero knowledge on, each leaf
 * carries a random salt, so the hashes on an authentication path say nothing
 * about the rows they cover (the commitment hides as well as binds).
 *
 *   leaf   = BLAKE2b-256(0x00 || salt || row as little-endian u64s)
 *   node   = BLAKE2b-256(0x01 || left || right)
 *
 * The prefix byte keeps leaves and inner nodes apart. A tree has 2^depth
 * leaves, stored in heap order: nodes[1] is the root, nodes[2^depth + i] is
 * leaf i.
 *
 * A batched opening of several leaves sends each sibling a verifier cannot
 * compute from the opened leaves themselves, level by level from the
 * leaves up and left to right: queries that share a subtree share its path. */
#ifndef ZK_HASH_MERKLE_H
#define ZK_HASH_MERKLE_H

#include "field/goldilocks.h"
#include "hash/hash.h"

/* Salt bytes per leaf when hiding: 128 bits of entropy, as much as a
 * 256-bit hash gives against collisions. */
#define MERKLE_SALT_BYTES 16

typedef struct merkle_tree {
    unsigned depth;
    size_t n_leaves;
    hash_digest *nodes;   /* 2·n_leaves entries; nodes[0] unused */
} merkle_tree;

/* leaves[i] = the leaf hash of row i: rows[i·stride .. i·stride + width),
 * prefixed by salts + i·salt_len when salt_len > 0. Parallel. */
void merkle_hash_rows(hash_digest *leaves, const gl_t *rows, size_t n, size_t width,
                      size_t stride, const uint8_t *salts, size_t salt_len);
/* The same for one row (the verifier's side). */
void merkle_hash_row(hash_digest *leaf, const gl_t *row, size_t width, const uint8_t *salt,
                     size_t salt_len);

/* Builds the tree over n = 2^depth leaf hashes (n a power of two, >= 1).
 * ZK_EINVAL for other n, ZK_ENOMEM. Parallel. */
zk_err merkle_build(merkle_tree *t, const hash_digest *leaves, size_t n);
void merkle_free(merkle_tree *t);
static inline const hash_digest *merkle_root(const merkle_tree *t)
{
    return &t->nodes[1];
}

/* The siblings needed to open the leaves idx[0..n) (sorted, distinct, each
 * < n_leaves), in the order merkle_verify_batch reads them. out holds at
 * least n·depth digests; returns how many were written. */
size_t merkle_prove_batch(const merkle_tree *t, const size_t *idx, size_t n, hash_digest *out);

/* Recomputes the root of a 2^depth-leaf tree from the opened leaves
 * (leaf hashes leaves[k] at idx[k], sorted and distinct) and the siblings
 * in proof[0..n_proof). ZK_OK when it equals root and every sibling was
 * used; ZK_EVERIFY otherwise; ZK_EINVAL for unsorted or out-of-range
 * indices; ZK_ENOMEM. */
zk_err merkle_verify_batch(const hash_digest *root, unsigned depth, const size_t *idx,
                           const hash_digest *leaves, size_t n, const hash_digest *proof,
                           size_t n_proof);

#endif
