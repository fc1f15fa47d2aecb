#include "hash/merkle.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"

static void put_u64le(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Rows are hashed as little-endian bytes. On a little-endian machine that
 * is their memory; elsewhere they are converted in pieces of this many
 * elements on the stack. */
#define ROW_PIECE 64

static bool little_endian(void)
{
    const union {
        uint16_t u;
        uint8_t b[2];
    } probe = {1};
    return probe.b[0] == 1;
}

void merkle_hash_row(hash_digest *leaf, const gl_t *row, size_t width, const uint8_t *salt,
                     size_t salt_len)
{
    static const uint8_t prefix = 0x00;
    uint8_t buf[8 * ROW_PIECE];
    crypto_generichash_blake2b_state st;
    crypto_generichash_blake2b_init(&st, NULL, 0, HASH_BYTES);
    crypto_generichash_blake2b_update(&st, &prefix, 1);
    if (salt_len)
        crypto_generichash_blake2b_update(&st, salt, salt_len);
    if (little_endian()) {
        crypto_generichash_blake2b_update(&st, (const uint8_t *)row, 8 * width);
        width = 0;
    }
    for (size_t i = 0; i < width; i += ROW_PIECE) {
        size_t m = width - i < ROW_PIECE ? width - i : ROW_PIECE;
        for (size_t k = 0; k < m; k++)
            put_u64le(buf + 8 * k, row[i + k]);
        crypto_generichash_blake2b_update(&st, buf, 8 * m);
    }
    crypto_generichash_blake2b_final(&st, leaf->b, HASH_BYTES);
}

static void hash_node(hash_digest *out, const hash_digest *l, const hash_digest *r)
{
    uint8_t buf[1 + 2 * HASH_BYTES];
    buf[0] = 0x01;
    memcpy(buf + 1, l->b, HASH_BYTES);
    memcpy(buf + 1 + HASH_BYTES, r->b, HASH_BYTES);
    hash_blake2b(out, buf, sizeof buf);
}

typedef struct rows_job {
    hash_digest *leaves;
    const gl_t *rows;
    size_t width, stride, salt_len;
    const uint8_t *salts;
} rows_job;

static void rows_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const rows_job *j = ctx;
    for (size_t i = begin; i < end; i++)
        merkle_hash_row(&j->leaves[i], j->rows + i * j->stride, j->width,
                        j->salt_len ? j->salts + i * j->salt_len : NULL, j->salt_len);
}

void merkle_hash_rows(hash_digest *leaves, const gl_t *rows, size_t n, size_t width,
                      size_t stride, const uint8_t *salts, size_t salt_len)
{
    rows_job j = {leaves, rows, width, stride, salt_len, salts};
    zk_parallel_for(n, 256, rows_range, &j);
}

typedef struct level_job {
    hash_digest *nodes;
    size_t first;   /* index of the level's first parent node */
} level_job;

static void level_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    (void)worker;
    const level_job *j = ctx;
    for (size_t i = j->first + begin; i < j->first + end; i++)
        hash_node(&j->nodes[i], &j->nodes[2 * i], &j->nodes[2 * i + 1]);
}

zk_err merkle_build(merkle_tree *t, const hash_digest *leaves, size_t n)
{
    memset(t, 0, sizeof *t);
    if (n == 0 || (n & (n - 1)) != 0)
        return ZK_EINVAL;
    t->nodes = zk_alloc_aligned(2 * n, sizeof *t->nodes);
    if (!t->nodes)
        return ZK_ENOMEM;
    t->n_leaves = n;
    while (((size_t)1 << t->depth) < n)
        t->depth++;
    memcpy(t->nodes + n, leaves, n * sizeof *leaves);
    /* With one leaf, nodes[1] is that leaf and also the root. */
    for (size_t first = n / 2; first >= 1; first /= 2) {
        level_job j = {t->nodes, first};
        zk_parallel_for(first, 1024, level_range, &j);
    }
    return ZK_OK;
}

void merkle_free(merkle_tree *t)
{
    zk_free(t->nodes);
    memset(t, 0, sizeof *t);
}

/* Both sides walk the same schedule: at each level the known nodes are a
 * sorted list; a node whose sibling is next in the list pairs with it, any
 * other takes its sibling from the proof. */
size_t merkle_prove_batch(const merkle_tree *t, const size_t *idx, size_t n, hash_digest *out)
{
    size_t *cur = zk_alloc(n ? n : 1, sizeof *cur);
    if (!cur)
        return 0;
    size_t m = n, w = 0;
    for (size_t k = 0; k < n; k++)
        cur[k] = idx[k] + t->n_leaves;
    for (unsigned level = 0; level < t->depth; level++) {
        size_t out_m = 0;
        for (size_t k = 0; k < m; k++) {
            size_t node = cur[k];
            if (k + 1 < m && cur[k + 1] == (node ^ 1)) {
                k++;
            } else {
                out[w++] = t->nodes[node ^ 1];
            }
            cur[out_m++] = node >> 1;
        }
        m = out_m;
    }
    zk_free(cur);
    return w;
}

zk_err merkle_verify_batch(const hash_digest *root, unsigned depth, const size_t *idx,
                           const hash_digest *leaves, size_t n, const hash_digest *proof,
                           size_t n_proof)
{
    if (n == 0 || depth >= 8 * sizeof(size_t) - 1)
        return ZK_EINVAL;
    size_t n_leaves = (size_t)1 << depth;
    for (size_t k = 0; k < n; k++)
        if (idx[k] >= n_leaves || (k > 0 && idx[k] <= idx[k - 1]))
            return ZK_EINVAL;
    size_t *pos = zk_alloc(n, sizeof *pos);
    hash_digest *val = zk_alloc(n, sizeof *val);
    if (!pos || !val) {
        zk_free(pos);
        zk_free(val);
        return ZK_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        pos[k] = idx[k];
        val[k] = leaves[k];
    }
    size_t m = n, used = 0;
    zk_err err = ZK_OK;
    for (unsigned level = 0; level < depth && !err; level++) {
        size_t out_m = 0;
        for (size_t k = 0; k < m; k++) {
            hash_digest parent;
            size_t p = pos[k];
            if (k + 1 < m && pos[k + 1] == (p ^ 1)) {
                hash_node(&parent, &val[k], &val[k + 1]);
                k++;
            } else if (used < n_proof) {
                const hash_digest *sib = &proof[used++];
                if (p & 1)
                    hash_node(&parent, sib, &val[k]);
                else
                    hash_node(&parent, &val[k], sib);
            } else {
                err = ZK_EVERIFY;
                break;
            }
            pos[out_m] = p >> 1;
            val[out_m] = parent;
            out_m++;
        }
        m = out_m;
    }
    if (!err && (used != n_proof || m != 1 || sodium_memcmp(val[0].b, root->b, HASH_BYTES) != 0))
        err = ZK_EVERIFY;
    zk_free(pos);
    zk_free(val);
    return err;
}
