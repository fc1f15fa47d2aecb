/* StarkWare's STARK101 tutorial protocol, exactly, for lesson 11.
 *
 * The statement: "I know x such that the 1023rd element of the FibonacciSq
 * sequence a_{n+2} = a_{n+1}² + a_n² starting 1, x is 2338775057", over the
 * field 3·2^30 + 1 (field/f101.h), with x = 3141592. The tutorial
 * interpolates the trace over a 1024-element group G = <g> (without its
 * last point), evaluates it on the 8192-point coset 5·<h>, commits with a
 * SHA-256 Merkle tree over the values' decimal strings, builds the three
 * constraint quotients p0, p1, p2, their random combination CP, and FRI
 * folds CP through 11 layers (even + β·odd coefficients; domain squared)
 * down to a constant. Its Fiat-Shamir channel hashes hex strings:
 *   send(s):           state = sha256(state + s)        (state starts "0")
 *   receive int [a,b]: a + int(state, 16) mod (b - a + 1); state = sha256(state)
 * A field element is written as the tutorial's str() writes it, the
 * representative closer to zero (so values above p/2 come out negative),
 * except in serialize(), which writes the value itself. The tutorial's
 * session code (tutorial_sessions.part2) builds its third quotient with
 * 1 - x^1024 in place of x^1024 - 1, so the CP that parts 3 and 4 fold is
 * α0·p0 + α1·p1 - α2·p2.
 *
 * Everything here reproduces the tutorial's code and the values its
 * notebooks assert (starkware-industries/stark101, tutorial/, commit
 * 06a7e4d0f52cc2ead6357753a7e8d85a59b34a8b); tests/unit/test_stark101.c
 * checks each one. This is a teaching replica, not zkcave's STARK
 * (stark.h): one 32-bit field, 3 queries, no DEEP, no zero knowledge. */
#ifndef ZK_STARK_STARK101_H
#define ZK_STARK_STARK101_H

#include "field/f101.h"
#include "hash/hash.h"

#define S101_TRACE 1023          /* a_0 .. a_1022 */
#define S101_GROUP 1024          /* |G| */
#define S101_DOMAIN 8192         /* the evaluation coset */
#define S101_LAYERS 11           /* FRI layers, the first being CP itself */
#define S101_SECRET 3141592
#define S101_RESULT 2338775057u

typedef struct s101_channel {
    char state[2 * HASH_BYTES + 1];
} s101_channel;

void s101_channel_init(s101_channel *ch);
void s101_channel_send(s101_channel *ch, const char *s);
uint64_t s101_channel_int(s101_channel *ch, uint64_t lo, uint64_t hi);
f101_t s101_channel_field(s101_channel *ch);

/* The tutorial's MerkleTree over n = 2^k values: leaves sha256(decimal
 * string), nodes sha256(left hex + right hex); hex digests in heap order. */
typedef struct s101_tree {
    size_t n;
    char (*node)[2 * HASH_BYTES + 1];   /* 2n; node[1] is the root */
} s101_tree;

zk_err s101_tree_build(s101_tree *t, const f101_t *data, size_t n);
void s101_tree_free(s101_tree *t);
/* str(get_authentication_path(i)): "['<hex>', '<hex>', ...]", root side
 * first. out needs 68·k + 3 bytes. */
void s101_tree_path_str(const s101_tree *t, size_t i, char *out);

/* Parts 1 and 2 of the tutorial. */
typedef struct s101 {
    f101_t a[S101_TRACE];
    f101_t g, w, h;               /* g of order 1024, w = 5, h of order 8192 */
    f101_t f[S101_GROUP];         /* trace polynomial, degree < 1023 */
    f101_t f_eval[S101_DOMAIN];   /* f on w·<h> */
    s101_tree f_tree;
    s101_channel ch;              /* the tutorial's channel, as part1()/part2() leave it */
    f101_t p0[S101_GROUP], p1[S101_GROUP], p2[S101_GROUP];
    f101_t alpha[3];
    f101_t cp[S101_GROUP];        /* the session's CP: α0·p0 + α1·p1 - α2·p2 */
    f101_t cp_eval[S101_DOMAIN];
    s101_tree cp_tree;
} s101;

/* Part 1: trace, interpolation, LDE, commitment, channel. */
zk_err s101_part1(s101 *s);
/* Part 2: the constraint quotients and CP, its alphas drawn from s->ch,
 * and CP's evaluation, tree and root sent on the channel. */
zk_err s101_part2(s101 *s);
/* The notebook's get_CP: α0·p0 + α1·p1 + α2·p2 with alphas drawn from
 * the given channel (its tests use a fresh one). */
void s101_cp_from(const s101 *s, s101_channel *ch, f101_t cp[S101_GROUP]);
/* Evaluates a polynomial of degree < 1024 on the 8192-point coset. */
zk_err s101_eval_domain(const f101_t *coeffs, size_t len, f101_t out[S101_DOMAIN]);

/* Part 3: FRI commitments. */
typedef struct s101_fri {
    size_t n_layers;
    f101_t *poly[S101_LAYERS];    /* coefficients */
    size_t poly_len[S101_LAYERS];
    f101_t *layer[S101_LAYERS];   /* evaluations */
    size_t size[S101_LAYERS];
    f101_t offset[S101_LAYERS];   /* layer i's domain is offset·<h^(2^i)> */
    f101_t beta[S101_LAYERS];
    s101_tree tree[S101_LAYERS];
} s101_fri;

/* FriCommit(cp, eval_domain, cp_eval, cp_merkle, ch): folds until the
 * polynomial is constant, sending each new root and finally the constant. */
zk_err s101_fri_commit(s101_fri *fr, const f101_t *cp, const f101_t *cp_eval, s101_channel *ch);
void s101_fri_free(s101_fri *fr);
/* next_fri_polynomial: even + β·odd coefficients; returns the new length
 * (trailing zeros trimmed, as the tutorial's Polynomial does). */
size_t s101_fold_poly(f101_t *out, const f101_t *p, size_t len, f101_t beta);

/* Part 4: decommitments. */
zk_err s101_decommit_fri_layers(const s101_fri *fr, size_t idx, s101_channel *ch);
zk_err s101_decommit_query(const s101 *s, const s101_fri *fr, size_t idx, s101_channel *ch);
/* decommit_fri: three queries in [0, 8191 - 16] drawn from the channel
 * (so that x, gx and g²x = positions q, q + 8, q + 16 all exist). */
zk_err s101_decommit(const s101 *s, const s101_fri *fr, s101_channel *ch, size_t q[3]);

/* sha256 of the values joined by commas, as the notebooks' hash checks
 * compute it: with str() (negative above p/2) or, for serialize=true, the
 * channel's serialize() (always the value itself). */
void s101_hash_list(char out[2 * HASH_BYTES + 1], const f101_t *v, size_t n, bool serialize);

void s101_free(s101 *s);

#endif
