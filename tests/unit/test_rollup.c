/* The rollup of lesson 13: circuit/rollup.c's state and batch witness, held
 * against a separate computation of every root (a whole tree rehashed from
 * plain integers after each transfer), and circuits/rollup.circom compiled
 * by zkcave's compiler with those inputs: honest batches satisfy it, and an
 * overdraft, a wrong nonce, a wrong path or a wrong root do not. Then
 * lesson 13's actions say what the lesson promises. */
#include "zk_test.h"
#include "lesson_fixture.h"

#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/rollup.h"
#include "core/alloc.h"
#include "hash/poseidon_bn254.h"

static const char *const lib_dirs[] = {"circuits"};

/* The accounts as plain integers, and the root of their tree computed level
 * by level from scratch, with none of rollup.c's code. */
typedef struct plain_account {
    uint64_t key, balance, nonce;
} plain_account;

static void plain_root(fr_t *root, const plain_account *a, unsigned depth)
{
    size_t n = (size_t)1 << depth;
    fr_t *level = malloc(n * sizeof *level);
    assert_non_null(level);
    for (size_t i = 0; i < n; i++) {
        fr_t in[3];
        fr_from_u64(&in[0], a[i].key);
        fr_from_u64(&in[1], a[i].balance);
        fr_from_u64(&in[2], a[i].nonce);
        assert_int_equal(poseidon_bn254_hash(&level[i], in, 3), ZK_OK);
    }
    for (; n > 1; n /= 2)
        for (size_t i = 0; i < n / 2; i++) {
            fr_t in[2] = {level[2 * i], level[2 * i + 1]};
            assert_int_equal(poseidon_bn254_hash(&level[i], in, 2), ZK_OK);
        }
    *root = level[0];
    free(level);
}

static void plain_demo(plain_account *a, unsigned depth)
{
    for (size_t i = 0; i < (size_t)1 << depth; i++)
        a[i] = (plain_account){i + 1, 1000 * (i + 1), 0};
}

/* Every root of a demo batch, and the batch hash, against the plain
 * computation; the state's paths lead to its root. */
static void test_roots_independent(void **state)
{
    (void)state;
    enum { DEPTH = 3, N = 12 };
    rollup_state s;
    assert_int_equal(rollup_demo_state(&s, DEPTH), ZK_OK);
    plain_account plain[1 << DEPTH];
    plain_demo(plain, DEPTH);
    fr_t want;
    plain_root(&want, plain, DEPTH);
    assert_true(fr_eq(rollup_state_root(&s), &want));

    rollup_tx tx[N];
    assert_int_equal(rollup_demo_txs(tx, N, &s, 7), ZK_OK);
    rollup_batch b;
    assert_int_equal(rollup_batch_apply(&b, &s, tx, N, true, NULL, NULL), ZK_OK);
    assert_true(fr_eq(&b.old_root, &want));
    fr_t h;
    fr_zero(&h);
    for (size_t t = 0; t < N; t++) {
        plain_root(&want, plain, DEPTH);
        assert_true(fr_eq(&b.roots[t], &want));
        assert_true(tx[t].amount >= 1 && tx[t].amount <= plain[tx[t].from].balance);
        assert_int_equal(tx[t].nonce, plain[tx[t].from].nonce);
        plain[tx[t].from].balance -= tx[t].amount;
        plain[tx[t].from].nonce++;
        plain[tx[t].to].balance += tx[t].amount;
        fr_t in[5] = {h};
        fr_from_u64(&in[1], tx[t].from);
        fr_from_u64(&in[2], tx[t].to);
        fr_from_u64(&in[3], tx[t].amount);
        fr_from_u64(&in[4], tx[t].nonce);
        assert_int_equal(poseidon_bn254_hash(&h, in, 5), ZK_OK);
    }
    plain_root(&want, plain, DEPTH);
    assert_true(fr_eq(&b.new_root, &want));
    assert_true(fr_eq(&b.roots[N], &want));
    assert_true(fr_eq(&b.tx_hash, &h));

    /* A path hashed up by hand reaches the root, the index's bits choosing
     * the side at each level. */
    for (size_t i = 0; i < s.n; i++) {
        fr_t sib[DEPTH], cur;
        rollup_state_path(sib, &s, i);
        rollup_leaf(&cur, &s.accounts[i]);
        for (unsigned l = 0; l < DEPTH; l++) {
            fr_t in[2] = {cur, sib[l]};
            if ((i >> l) & 1) {
                in[0] = sib[l];
                in[1] = cur;
            }
            poseidon_bn254_hash(&cur, in, 2);
        }
        assert_true(fr_eq(&cur, rollup_state_root(&s)));
    }
    rollup_batch_free(&b);
    rollup_state_free(&s);
}

static void test_faults(void **state)
{
    (void)state;
    rollup_state s;
    assert_int_equal(rollup_demo_state(&s, 2), ZK_OK);
    static const struct {
        rollup_tx tx;
        rollup_fault fault;
    } cases[] = {
        {{0, 1, 1000, 0}, ROLLUP_VALID},        /* the whole balance */
        {{0, 1, 1001, 0}, ROLLUP_OVERDRAFT},
        {{0, 1, 5, 1}, ROLLUP_BAD_NONCE},
        {{4, 1, 5, 0}, ROLLUP_BAD_INDEX},
        {{0, 4, 5, 0}, ROLLUP_BAD_INDEX},
        {{3, 3, 4000, 0}, ROLLUP_VALID},        /* to oneself */
        {{3, 3, 4001, 0}, ROLLUP_OVERDRAFT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(rollup_tx_check(&s, &cases[i].tx), cases[i].fault);
    /* A receiver at 2^64 - 1 cannot take one more. */
    rollup_account a = s.accounts[1];
    fr_t big;
    uint64_t limbs[4] = {UINT64_MAX, 0, 0, 0};
    fr_from_int(&big, limbs);
    a.balance = big;
    rollup_state_set(&s, 1, &a);
    rollup_tx over = {0, 1, 1, 0};
    assert_int_equal(rollup_tx_check(&s, &over), ROLLUP_OVERFLOW);

    /* The second of two transfers overdraws once the first has gone
     * through: the batch stops there, and says which. */
    rollup_tx two[2] = {{2, 0, 2000, 0}, {2, 0, 1001, 1}};
    rollup_batch b;
    rollup_fault f;
    size_t at;
    assert_int_equal(rollup_batch_apply(&b, &s, two, 2, true, &f, &at), ZK_EVERIFY);
    assert_int_equal(f, ROLLUP_OVERDRAFT);
    assert_int_equal(at, 1);
    assert_null(b.tx);
    rollup_state_free(&s);
}

/* RollupBatch(n, depth) compiled with the inputs json: ZK_OK when the
 * witness satisfies every constraint. */
static zk_err compile_batch(circom_circuit *c, size_t n, unsigned depth, const char *json)
{
    char text[256];
    snprintf(text, sizeof text,
             "pragma circom 2.0.0;\ninclude \"rollup.circom\";\n"
             "component main {public [oldRoot, newRoot, txHash]} = RollupBatch(%zu, %u);\n",
             n, depth);
    circom_options o = {.opt_level = 1, .include_dirs = lib_dirs, .n_include_dirs = 1,
                        .inputs_json = json};
    return circom_compile_text(c, "batch.circom", text, &o);
}

/* A batch from the demo state with the given transfers, checked or not,
 * as input.json. */
static char *batch_json(rollup_batch *b, unsigned depth, const rollup_tx *tx, size_t n, bool check)
{
    rollup_state s;
    assert_int_equal(rollup_demo_state(&s, depth), ZK_OK);
    assert_int_equal(rollup_batch_apply(b, &s, tx, n, check, NULL, NULL), ZK_OK);
    char *json = rollup_batch_inputs_json(b);
    assert_non_null(json);
    rollup_state_free(&s);
    return json;
}

static void test_circuit_accepts(void **state)
{
    (void)state;
    enum { DEPTH = 3, N = 4 };
    rollup_state s;
    assert_int_equal(rollup_demo_state(&s, DEPTH), ZK_OK);
    rollup_tx tx[N];
    assert_int_equal(rollup_demo_txs(tx, N, &s, 1), ZK_OK);
    tx[N - 1] = (rollup_tx){5, 5, 10, 0};   /* to oneself: only the nonce moves */
    rollup_state_free(&s);
    rollup_batch b;
    char *json = batch_json(&b, DEPTH, tx, N, true);
    circom_circuit c;
    zk_err err = compile_batch(&c, N, DEPTH, json);
    if (err)
        fail_msg("%s: %s", zk_strerror(err), c.error ? c.error : "");
    /* Wires 1..3 are the public inputs, in declaration order. */
    assert_int_equal(c.sys.n_pub_in, 3);
    assert_true(fr_eq(&c.witness[1], &b.old_root));
    assert_true(fr_eq(&c.witness[2], &b.new_root));
    assert_true(fr_eq(&c.witness[3], &b.tx_hash));
    size_t failing;
    assert_int_equal(r1cs_check(&c.sys, c.witness, &failing), ZK_OK);
    /* circom 2.2.3 counts the same for RollupBatch(4, 3) at --O1
     * (tests/interop/circom.sh compares the two on RollupBatch(2, 2)). */
    assert_int_equal(c.n_nonlinear, 17886);
    assert_int_equal(c.n_linear, 294);
    circom_circuit_free(&c);
    zk_free(json);
    rollup_batch_free(&b);
}

/* Line `line` of circuits/rollup.circom into buf. */
static void source_line(char *buf, size_t size, int line)
{
    FILE *f = fopen("circuits/rollup.circom", "r");
    assert_non_null(f);
    buf[0] = '\0';
    for (int i = 1; i <= line && fgets(buf, (int)size, f); i++)
        ;
    fclose(f);
}

/* The compiler refuses the inputs in the component instance named (NULL:
 * main itself, which the message does not name), at a
 * constraint of circuits/rollup.circom whose line contains `where` (NULL:
 * anywhere). */
static void expect_broken(const rollup_batch *b, const char *json, const char *instance,
                          const char *where)
{
    circom_circuit c;
    zk_err err = compile_batch(&c, b->n_tx, b->depth, json);
    assert_int_equal(err, ZK_EVERIFY);
    assert_non_null(c.error);
    const char *at = strstr(c.error, "rollup.circom:");
    int line = 0;
    char text[200] = "", in[80];
    if (at && sscanf(at, "rollup.circom:%d:", &line) == 1)
        source_line(text, sizeof text, line);
    snprintf(in, sizeof in, "(in %s,", instance ? instance : "");
    if ((where && !strstr(text, where)) || !strstr(c.error, instance ? in : ": error:") ||
        (!instance && strstr(c.error, "(in ")))
        fail_msg("expected the failure at '%s' %s, got: %s", where ? where : "", in, c.error);
    circom_circuit_free(&c);
}

static void test_circuit_refuses(void **state)
{
    (void)state;
    enum { DEPTH = 2 };
    rollup_batch b;
    /* Overdraft: a consistent witness in the field (the sender's balance
     * becomes r - 1), refused only by the range check. */
    rollup_tx over[2] = {{1, 0, 500, 0}, {0, 2, 1501, 0}};
    char *json = batch_json(&b, DEPTH, over, 2, false);
    expect_broken(&b, json, "main.tx[1].senderRange", NULL);
    zk_free(json);
    rollup_batch_free(&b);

    /* A wrong nonce: the sender's leaf does not hash to the one in the tree. */
    rollup_tx nonce[1] = {{1, 0, 5, 1}};
    json = batch_json(&b, DEPTH, nonce, 1, false);
    expect_broken(&b, json, "main.tx[0]", "senderPath.oldRoot === rootIn");
    zk_free(json);
    rollup_batch_free(&b);

    /* A wrong path: one sibling of the receiver's path changed. */
    rollup_tx ok[2] = {{1, 0, 5, 0}, {3, 2, 7, 0}};
    json = batch_json(&b, DEPTH, ok, 2, true);
    fr_add(&b.receiver_path[1 * DEPTH + 1], &b.receiver_path[1 * DEPTH + 1],
           &b.receiver_path[0]);
    char *bad = rollup_batch_inputs_json(&b);
    expect_broken(&b, bad, "main.tx[1]", "receiverPath.oldRoot === senderPath.newRoot");
    zk_free(bad);

    /* A new root that is not the batch's. */
    fr_t one;
    fr_one(&one);
    rollup_batch_free(&b);
    zk_free(json);
    json = batch_json(&b, DEPTH, ok, 2, true);
    fr_add(&b.new_root, &b.new_root, &one);
    bad = rollup_batch_inputs_json(&b);
    expect_broken(&b, bad, NULL, "newRoot === root");
    zk_free(bad);
    zk_free(json);
    rollup_batch_free(&b);
}

/* rollup.tree marks the changed nodes and refuses a bad transfer;
 * rollup.prove's proof verifies for its statement and for none of the
 * three tampered ones, and the overdraft has no witness; rollup.sweep's
 * table holds the exact constraint counts. */
static void test_actions(void **state)
{
    (void)state;
    lesson_result r;
    lf_run(&r, "rollup.tree depth=2 from=0 to=3 amount=1000", ZK_OK);
    /* Two paths of 3 nodes that meet at the root: 5 of 7 change. */
    assert_int_equal(lf_line_with(&r, "5 of 7 nodes changed")->mark, LESSON_MARK_OK);
    lesson_result_free(&r);
    lf_run(&r, "rollup.tree depth=2 from=0 to=3 amount=1001", ZK_OK);
    assert_int_equal(lf_line_with(&r, "refused: the amount exceeds")->mark, LESSON_MARK_BAD);
    lesson_result_free(&r);
    lf_run(&r, "rollup.tree depth=2 from=1 nonce=1", ZK_OK);
    assert_int_equal(lf_line_with(&r, "refused: the nonce")->mark, LESSON_MARK_BAD);
    lesson_result_free(&r);

    lf_run(&r, "rollup.prove n=2 depth=2", ZK_OK);
    assert_int_equal(lf_count_mark(&r, LESSON_MARK_BAD), 0);
    assert_int_equal(lf_count_mark(&r, LESSON_MARK_OK), 5);
    lf_line_with(&r, "verify: accepted");
    lf_line_with(&r, "another new root (the operator claims a state the transfers do not give): "
                     "rejected");
    lf_line_with(&r, "(the first amount + 1): rejected");
    lf_line_with(&r, "(the batch replayed on the state after it): rejected");
    lf_line_with(&r, "(in main.tx[0].senderRange, Num2Bits(64))");
    lf_line_with(&r, "256 bytes");
    lesson_result_free(&r);

    lf_run(&r, "rollup.sweep upto=3 depth=1", ZK_OK);
    /* 1, 2 and 3 transfers at depth 1; one transfer at depths 1, 2, 3:
     * 4,545 at depth 3, as circom2 counts in test_circuit_accepts, 986 less
     * a level, and 2 less again at depth 1, where Num2Bits(1)'s sum is the
     * bit itself (a signal = signal constraint, which --O1 drops) for each
     * index. */
    assert_int_equal(r.ncharts, 2);
    assert_int_equal(r.charts[0].series[0].n, 3);
    size_t per_tx = 2571;
    char row[64];
    for (size_t n = 1; n <= 3; n++) {
        snprintf(row, sizeof row, "%5zu %11zu %6zu", n, n * per_tx, per_tx);
        lf_line_with(&r, row);
    }
    snprintf(row, sizeof row, "depth 1, 2, 3: %zu, %zu, %zu constraints", per_tx,
             (size_t)4545 - 986, (size_t)4545);
    lf_line_with(&r, row);
    lf_line_with(&r, "= 199450)");
    lesson_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roots_independent),
        cmocka_unit_test(test_faults),
        cmocka_unit_test(test_circuit_accepts),
        cmocka_unit_test(test_circuit_refuses),
        cmocka_unit_test(test_actions),
    };
    return ZK_RUN_TESTS(tests);
}
