#include "circuit/rollup.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/strbuf.h"
#include "hash/poseidon_bn254.h"

const char *rollup_fault_str(rollup_fault f)
{
    switch (f) {
    case ROLLUP_VALID:
        return "valid";
    case ROLLUP_BAD_INDEX:
        return "no such account in the tree";
    case ROLLUP_BAD_NONCE:
        return "the nonce is not the sender's next one";
    case ROLLUP_OVERDRAFT:
        return "the amount exceeds the sender's balance";
    case ROLLUP_OVERFLOW:
        return "a balance would not stay below 2^64";
    }
    return "unknown fault";
}

void rollup_leaf(fr_t *out, const rollup_account *a)
{
    fr_t in[3] = {a->key, a->balance, a->nonce};
    poseidon_bn254_hash(out, in, 3);
}

static void hash_pair(fr_t *out, const fr_t *left, const fr_t *right)
{
    fr_t in[2] = {*left, *right};
    poseidon_bn254_hash(out, in, 2);
}

zk_err rollup_state_init(rollup_state *s, unsigned depth, const rollup_account *accounts)
{
    memset(s, 0, sizeof *s);
    if (depth < 1 || depth > ROLLUP_MAX_DEPTH)
        return ZK_EINVAL;
    size_t n = (size_t)1 << depth;
    s->accounts = zk_alloc(n, sizeof *s->accounts);
    s->nodes = zk_alloc(2 * n, sizeof *s->nodes);
    if (!s->accounts || !s->nodes) {
        rollup_state_free(s);
        return ZK_ENOMEM;
    }
    s->depth = depth;
    s->n = n;
    memcpy(s->accounts, accounts, n * sizeof *accounts);
    fr_zero(&s->nodes[0]);
    for (size_t i = 0; i < n; i++)
        rollup_leaf(&s->nodes[n + i], &accounts[i]);
    for (size_t k = n - 1; k >= 1; k--)
        hash_pair(&s->nodes[k], &s->nodes[2 * k], &s->nodes[2 * k + 1]);
    return ZK_OK;
}

void rollup_state_free(rollup_state *s)
{
    zk_free(s->accounts);
    zk_free(s->nodes);
    memset(s, 0, sizeof *s);
}

void rollup_state_path(fr_t *siblings, const rollup_state *s, size_t i)
{
    /* In heap order the sibling of node k is k ^ 1 and its parent k / 2. */
    size_t k = s->n + i;
    for (unsigned level = 0; level < s->depth; level++, k /= 2)
        siblings[level] = s->nodes[k ^ 1];
}

void rollup_state_set(rollup_state *s, size_t i, const rollup_account *a)
{
    s->accounts[i] = *a;
    size_t k = s->n + i;
    rollup_leaf(&s->nodes[k], a);
    for (k /= 2; k >= 1; k /= 2)
        hash_pair(&s->nodes[k], &s->nodes[2 * k], &s->nodes[2 * k + 1]);
}

/* *v = x when x < 2^64. */
static bool fr_u64(uint64_t *v, const fr_t *x)
{
    uint64_t limbs[4];
    fr_to_int(limbs, x);
    *v = limbs[0];
    return (limbs[1] | limbs[2] | limbs[3]) == 0;
}

rollup_fault rollup_tx_check(const rollup_state *s, const rollup_tx *tx)
{
    if (tx->from >= s->n || tx->to >= s->n)
        return ROLLUP_BAD_INDEX;
    const rollup_account *from = &s->accounts[tx->from], *to = &s->accounts[tx->to];
    fr_t nonce;
    fr_from_u64(&nonce, tx->nonce);
    if (!fr_eq(&nonce, &from->nonce))
        return ROLLUP_BAD_NONCE;
    uint64_t balance, received;
    if (!fr_u64(&balance, &from->balance) || !fr_u64(&received, &to->balance))
        return ROLLUP_OVERFLOW;
    if (tx->amount > balance)
        return ROLLUP_OVERDRAFT;
    /* The receiver is credited after the sender is debited, so a transfer
     * to oneself ends where it started. */
    if (tx->from == tx->to)
        received = balance - tx->amount;
    if (tx->amount > UINT64_MAX - received)
        return ROLLUP_OVERFLOW;
    return ROLLUP_VALID;
}

void rollup_tx_hash(fr_t *h, const fr_t *prev, const rollup_tx *tx)
{
    fr_t in[5];
    in[0] = *prev;
    fr_from_u64(&in[1], tx->from);
    fr_from_u64(&in[2], tx->to);
    fr_from_u64(&in[3], tx->amount);
    fr_from_u64(&in[4], tx->nonce);
    poseidon_bn254_hash(h, in, 5);
}

void rollup_batch_free(rollup_batch *b)
{
    zk_free(b->tx);
    zk_free(b->sender);
    zk_free(b->receiver);
    zk_free(b->sender_path);
    zk_free(b->receiver_path);
    zk_free(b->roots);
    memset(b, 0, sizeof *b);
}

zk_err rollup_batch_apply(rollup_batch *b, rollup_state *s, const rollup_tx *tx, size_t n,
                          bool check, rollup_fault *fault, size_t *at)
{
    memset(b, 0, sizeof *b);
    rollup_fault dummy_fault;
    size_t dummy_at;
    fault = fault ? fault : &dummy_fault;
    at = at ? at : &dummy_at;
    *fault = ROLLUP_VALID;
    *at = 0;
    if (n == 0)
        return ZK_EINVAL;
    size_t d = s->depth;
    b->tx = zk_alloc(n, sizeof *b->tx);
    b->sender = zk_alloc(n, sizeof *b->sender);
    b->receiver = zk_alloc(n, sizeof *b->receiver);
    b->sender_path = zk_alloc(n * d, sizeof *b->sender_path);
    b->receiver_path = zk_alloc(n * d, sizeof *b->receiver_path);
    b->roots = zk_alloc(n + 1, sizeof *b->roots);
    if (!b->tx || !b->sender || !b->receiver || !b->sender_path || !b->receiver_path ||
        !b->roots) {
        rollup_batch_free(b);
        return ZK_ENOMEM;
    }
    b->depth = s->depth;
    b->n_tx = n;
    b->old_root = *rollup_state_root(s);
    fr_zero(&b->tx_hash);
    for (size_t t = 0; t < n; t++) {
        rollup_fault f = rollup_tx_check(s, &tx[t]);
        if (f == ROLLUP_BAD_INDEX || (check && f != ROLLUP_VALID)) {
            *fault = f;
            *at = t;
            rollup_batch_free(b);
            return ZK_EVERIFY;
        }
        b->tx[t] = tx[t];
        b->roots[t] = *rollup_state_root(s);
        rollup_tx_hash(&b->tx_hash, &b->tx_hash, &tx[t]);

        fr_t amount, one;
        fr_from_u64(&amount, tx[t].amount);
        fr_one(&one);
        rollup_account a = s->accounts[tx[t].from];
        b->sender[t] = a;
        rollup_state_path(&b->sender_path[t * d], s, tx[t].from);
        fr_sub(&a.balance, &a.balance, &amount);
        fr_add(&a.nonce, &a.nonce, &one);
        rollup_state_set(s, tx[t].from, &a);

        a = s->accounts[tx[t].to];
        b->receiver[t] = a;
        rollup_state_path(&b->receiver_path[t * d], s, tx[t].to);
        fr_add(&a.balance, &a.balance, &amount);
        rollup_state_set(s, tx[t].to, &a);
    }
    b->roots[n] = *rollup_state_root(s);
    b->new_root = b->roots[n];
    return ZK_OK;
}

static void put_fr(zk_strbuf *j, const fr_t *v)
{
    char dec[MONT256_DEC_MAX];
    zk_strbuf_printf(j, "\"%s\"", fr_to_dec(dec, v));
}

/* "name": [v_0, ..., v_{n-1}]. */
static void put_array(zk_strbuf *j, const char *name, const fr_t *v, size_t n)
{
    zk_strbuf_printf(j, ",\n\"%s\": [", name);
    for (size_t t = 0; t < n; t++) {
        zk_strbuf_printf(j, "%s", t ? ", " : "");
        put_fr(j, &v[t]);
    }
    zk_strbuf_printf(j, "]");
}

/* "name": [[path of transfer 0], ...]. */
static void put_paths(zk_strbuf *j, const char *name, const fr_t *paths, size_t n, size_t depth)
{
    zk_strbuf_printf(j, ",\n\"%s\": [", name);
    for (size_t t = 0; t < n; t++) {
        zk_strbuf_printf(j, "%s", t ? ",\n  [" : "[");
        for (size_t i = 0; i < depth; i++) {
            zk_strbuf_printf(j, "%s", i ? ", " : "");
            put_fr(j, &paths[t * depth + i]);
        }
        zk_strbuf_printf(j, "]");
    }
    zk_strbuf_printf(j, "]");
}

char *rollup_batch_inputs_json(const rollup_batch *b)
{
    /* The per-transfer inputs in the circuit's order, except the paths. */
    static const char *const names[] = {"from", "to", "amount", "nonce", "senderKey",
                                        "senderBalance", "receiverKey", "receiverBalance",
                                        "receiverNonce"};
    enum { N_FIELDS = sizeof names / sizeof names[0] };
    size_t n = b->n_tx;
    zk_strbuf j = {0};
    fr_t *v = zk_alloc(N_FIELDS * n, sizeof *v);
    if (!v)
        return NULL;
    for (size_t t = 0; t < n; t++) {
        fr_from_u64(&v[t], b->tx[t].from);
        fr_from_u64(&v[n + t], b->tx[t].to);
        fr_from_u64(&v[2 * n + t], b->tx[t].amount);
        fr_from_u64(&v[3 * n + t], b->tx[t].nonce);
        v[4 * n + t] = b->sender[t].key;
        v[5 * n + t] = b->sender[t].balance;
        v[6 * n + t] = b->receiver[t].key;
        v[7 * n + t] = b->receiver[t].balance;
        v[8 * n + t] = b->receiver[t].nonce;
    }
    zk_strbuf_printf(&j, "{\"oldRoot\": ");
    put_fr(&j, &b->old_root);
    zk_strbuf_printf(&j, ",\n\"newRoot\": ");
    put_fr(&j, &b->new_root);
    zk_strbuf_printf(&j, ",\n\"txHash\": ");
    put_fr(&j, &b->tx_hash);
    for (size_t f = 0; f < N_FIELDS; f++) {
        put_array(&j, names[f], &v[f * n], n);
        if (f == 5)
            put_paths(&j, "senderSiblings", b->sender_path, n, b->depth);
    }
    put_paths(&j, "receiverSiblings", b->receiver_path, n, b->depth);
    zk_strbuf_printf(&j, "}\n");
    zk_free(v);
    char *json;
    return zk_strbuf_finish(&j, &json) ? NULL : json;
}

zk_err rollup_demo_state(rollup_state *s, unsigned depth)
{
    if (depth < 1 || depth > ROLLUP_MAX_DEPTH) {
        memset(s, 0, sizeof *s);
        return ZK_EINVAL;
    }
    size_t n = (size_t)1 << depth;
    rollup_account *a = zk_alloc(n, sizeof *a);
    if (!a) {
        memset(s, 0, sizeof *s);
        return ZK_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        fr_from_u64(&a[i].key, i + 1);
        fr_from_u64(&a[i].balance, 1000 * (i + 1));
        fr_zero(&a[i].nonce);
    }
    zk_err err = rollup_state_init(s, depth, a);
    zk_free(a);
    return err;
}

/* Marsaglia's xorshift64: a repeatable choice of demo transfers. */
static uint64_t xorshift(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

zk_err rollup_demo_txs(rollup_tx *out, size_t n, const rollup_state *s, uint64_t seed)
{
    uint64_t *balance = zk_alloc(s->n, sizeof *balance), *nonce = zk_alloc(s->n, sizeof *nonce);
    if (!balance || !nonce) {
        zk_free(balance);
        zk_free(nonce);
        return ZK_ENOMEM;
    }
    for (size_t i = 0; i < s->n; i++) {
        fr_u64(&balance[i], &s->accounts[i].balance);
        fr_u64(&nonce[i], &s->accounts[i].nonce);
    }
    uint64_t x = seed * 0x9e3779b97f4a7c15u + 1;
    for (size_t t = 0; t < n; t++) {
        rollup_tx *tx = &out[t];
        do
            tx->from = xorshift(&x) % s->n;
        while (balance[tx->from] == 0);
        tx->to = xorshift(&x) % s->n;
        uint64_t cap = balance[tx->from] < 100 ? balance[tx->from] : 100;
        tx->amount = 1 + xorshift(&x) % cap;
        tx->nonce = nonce[tx->from]++;
        balance[tx->from] -= tx->amount;
        balance[tx->to] += tx->amount;
    }
    zk_free(balance);
    zk_free(nonce);
    return ZK_OK;
}
