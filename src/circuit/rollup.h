/* A ZK rollup's state and the witness of circuits/rollup.circom (lesson 13).
 *
 * The state is 2^depth accounts in a Poseidon-Merkle tree (BN254 Poseidon,
 * circomlib's parameters, hash/poseidon_bn254.h):
 *   leaf = Poseidon(key, balance, nonce),  node = Poseidon(left, right),
 * leaf i at the bottom of the path whose bits, lowest level first, are the
 * bits of i. Every account exists (a dense tree: the lesson's trees are
 * small). A transfer {from, to, amount, nonce} moves amount from one
 * account to another; it is valid when both indices are in the tree, the
 * nonce is the sender's, amount <= the sender's balance and the receiver's
 * new balance stays below 2^ROLLUP_BALANCE_BITS. The batch hash binds the
 * transfers: h_0 = 0, h_{i+1} = Poseidon(h_i, from, to, amount, nonce).
 *
 * A batch records what the circuit's RollupBatch(n, depth) takes: both
 * paths of every transfer, the accounts before it, and the public old
 * root, new root and batch hash; rollup_batch_inputs_json writes them as
 * circom's input.json. */
#ifndef ZK_CIRCUIT_ROLLUP_H
#define ZK_CIRCUIT_ROLLUP_H

#include "core/err.h"
#include "core/types.h"
#include "field/fr.h"

#define ROLLUP_BALANCE_BITS 64
#define ROLLUP_MAX_DEPTH 20

typedef struct rollup_account {
    fr_t key;       /* a name here; a public key where transfers are signed */
    fr_t balance;   /* below 2^64 in a valid state */
    fr_t nonce;     /* transfers sent so far */
} rollup_account;

typedef struct rollup_state {
    unsigned depth;
    size_t n;                  /* 2^depth accounts */
    rollup_account *accounts;  /* n */
    fr_t *nodes;               /* 2n, heap order: nodes[1] the root, nodes[n + i] leaf i */
} rollup_state;

typedef struct rollup_tx {
    uint64_t from, to, amount, nonce;
} rollup_tx;

typedef enum rollup_fault {
    ROLLUP_VALID,
    ROLLUP_BAD_INDEX,    /* from or to is not an account of the tree */
    ROLLUP_BAD_NONCE,    /* the transfer's nonce is not the sender's */
    ROLLUP_OVERDRAFT,    /* amount > the sender's balance */
    ROLLUP_OVERFLOW,     /* the receiver's balance would reach 2^64 */
} rollup_fault;

/* One line: what is wrong with such a transfer. */
const char *rollup_fault_str(rollup_fault f);

/* Poseidon(key, balance, nonce). */
void rollup_leaf(fr_t *out, const rollup_account *a);

/* A tree of 2^depth accounts (1 <= depth <= ROLLUP_MAX_DEPTH) holding
 * accounts[0..2^depth). ZK_EINVAL for another depth, ZK_ENOMEM. */
zk_err rollup_state_init(rollup_state *s, unsigned depth, const rollup_account *accounts);
void rollup_state_free(rollup_state *s);
static inline const fr_t *rollup_state_root(const rollup_state *s)
{
    return &s->nodes[1];
}
/* siblings[0..depth): the path of account i, lowest level first. */
void rollup_state_path(fr_t *siblings, const rollup_state *s, size_t i);
/* Replaces account i and rehashes its path. */
void rollup_state_set(rollup_state *s, size_t i, const rollup_account *a);

/* What is wrong with tx applied to s, or ROLLUP_VALID. */
rollup_fault rollup_tx_check(const rollup_state *s, const rollup_tx *tx);
/* h = Poseidon(prev, from, to, amount, nonce). */
void rollup_tx_hash(fr_t *h, const fr_t *prev, const rollup_tx *tx);

typedef struct rollup_batch {
    unsigned depth;
    size_t n_tx;
    fr_t old_root, new_root, tx_hash;   /* the public inputs */
    rollup_tx *tx;                      /* n_tx */
    rollup_account *sender, *receiver;  /* n_tx: each before its transfer */
    fr_t *sender_path, *receiver_path;  /* n_tx·depth siblings */
    fr_t *roots;                        /* n_tx + 1: the root before each transfer, then after all */
} rollup_batch;

/* Applies tx[0..n) in order to s, recording the batch. With check, the
 * first invalid transfer stops it: ZK_EVERIFY, *fault says why and *at
 * which (s then holds the transfers before it, b is freed). Without check
 * (a dishonest prover's witness, for tests and the lesson's tamper demo)
 * every transfer with indices in the tree is applied in the field, so an
 * overdraft leaves a balance of r - k; only ROLLUP_BAD_INDEX stops it.
 * ZK_EINVAL for n = 0, ZK_ENOMEM. fault and at may be NULL. */
zk_err rollup_batch_apply(rollup_batch *b, rollup_state *s, const rollup_tx *tx, size_t n,
                          bool check, rollup_fault *fault, size_t *at);
void rollup_batch_free(rollup_batch *b);

/* circom's input.json for RollupBatch(b->n_tx, b->depth), every value a
 * decimal string; zk_alloc'ed, NULL when out of memory. */
char *rollup_batch_inputs_json(const rollup_batch *b);

/* A demo state and valid transfers, the same for the same seed: account i
 * has key i + 1 and balance 1000·(i + 1), nonce 0; the transfers move
 * 1..100 between accounts chosen from seed (xorshift, not secret), each
 * valid after the ones before it applied to s. ZK_ENOMEM, ZK_EINVAL as
 * init. */
zk_err rollup_demo_state(rollup_state *s, unsigned depth);
zk_err rollup_demo_txs(rollup_tx *out, size_t n, const rollup_state *s, uint64_t seed);

#endif
