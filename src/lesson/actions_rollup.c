/* rollup.*: lesson 13, a ZK rollup. The state tree of circuit/rollup.h
 * drawn small with one transfer's path; a batch of transfers proven with
 * Groth16 on BN254 as one update of the root (circuits/rollup.circom
 * compiled by zkcave's compiler, a key made from secrets drawn and wiped
 * here, prove, verify, tampered public inputs); and the cost per transfer
 * as the batch grows, measured.
 *
 * The witness holds the transfers, which a rollup posts on chain anyway
 * (that is its data availability): nothing in it is a secret. */
#include <stdio.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/circom_search.h"
#include "circuit/rollup.h"
#include "core/alloc.h"
#include "curve/encode.h"
#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "snark/groth16.h"
#include "snark/groth16_demo.h"

/* Gas of the BN254 precompiles after EIP-1108 (Istanbul): ecAdd 150, ecMul
 * 6,000, a pairing check 45,000 + 34,000 per pair. zkcave's verifier
 * contract (snark/solidity.h) does one ecMul and one ecAdd per public
 * signal and one pairing check of 4 pairs. */
enum {
    GAS_ECADD = 150,
    GAS_ECMUL = 6000,
    GAS_PAIRING_BASE = 45000,
    GAS_PAIRING_PAIR = 34000,
    ROLLUP_PUBLIC = 3,   /* old root, new root, batch hash */
};

static uint64_t verifier_precompile_gas(size_t n_public)
{
    return n_public * (GAS_ECMUL + GAS_ECADD) + GAS_PAIRING_BASE + 4 * GAS_PAIRING_PAIR;
}

/* The first 3 bytes of v in hex, then "…": enough to tell nodes apart. */
static char *short_fr(char buf[16], const fr_t *v)
{
    uint8_t be[32];
    fr_to_bytes_be(be, v);
    snprintf(buf, 16, "%02x%02x%02x…", be[0], be[1], be[2]);
    return buf;
}

static uint64_t fr_low(const fr_t *v)
{
    uint64_t limbs[4];
    fr_to_int(limbs, v);
    return limbs[0];
}

/* ---- rollup.tree: the state, one transfer, the path it changes ---- */

/* One line per level, root first, each node's short hash centred in its
 * share of the width; a node that differs from before[] gets a '*'. */
static void draw_tree(lesson_result *out, const rollup_state *s, const fr_t *before)
{
    enum { SLOT = 10, LABEL_COLS = 8 };   /* "*0a1b2c…": the '…' is one column */
    size_t width = s->n * SLOT;
    for (unsigned level = 0; level <= s->depth; level++) {
        char line[512];
        size_t used = 0, col = 0, count = (size_t)1 << level, slot = width / count;
        for (size_t k = 0; k < count; k++) {
            size_t node = count + k, at = k * slot + (slot - LABEL_COLS) / 2;
            bool changed = before && !fr_eq(&before[node], &s->nodes[node]);
            char h[16];
            used += (size_t)snprintf(line + used, sizeof line - used, "%*s%c%s",
                                     (int)(at - col), "", changed ? '*' : ' ',
                                     short_fr(h, &s->nodes[node]));
            col = at + LABEL_COLS;
        }
        lesson_result_line(out, LESSON_MARK_NONE, "%s", line);
    }
}

static void account_line(lesson_result *out, const rollup_state *s, size_t i)
{
    const rollup_account *a = &s->accounts[i];
    char h[16];
    lesson_result_line(out, LESSON_MARK_NONE, "#%zu  key %llu  balance %llu  nonce %llu  leaf %s",
                       i, (unsigned long long)fr_low(&a->key),
                       (unsigned long long)fr_low(&a->balance),
                       (unsigned long long)fr_low(&a->nonce), short_fr(h, &s->nodes[s->n + i]));
}

/* rollup.tree depth= from= to= amount= nonce= */
static zk_err tree_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t depth;
    rollup_tx tx;
    zk_err err = lesson_param_u64(out, p, "depth", 2, 1, 3, &depth);
    if (!err)
        err = lesson_param_u64(out, p, "from", 0, 0, UINT64_MAX, &tx.from);
    if (!err)
        err = lesson_param_u64(out, p, "to", 1, 0, UINT64_MAX, &tx.to);
    if (!err)
        err = lesson_param_u64(out, p, "amount", 250, 0, UINT64_MAX, &tx.amount);
    if (!err)
        err = lesson_param_u64(out, p, "nonce", 0, 0, UINT64_MAX, &tx.nonce);
    if (err)
        return err;
    rollup_state s;
    if ((err = rollup_demo_state(&s, (unsigned)depth)))
        return lesson_fail(out, err, "%s", zk_strerror(err));
    fr_t *before = zk_alloc(2 * s.n, sizeof *before);
    if (!before) {
        rollup_state_free(&s);
        return lesson_fail(out, ZK_ENOMEM, "out of memory");
    }
    memcpy(before, s.nodes, 2 * s.n * sizeof *before);
    lesson_result_line(out, LESSON_MARK_HEAD, "%zu accounts, leaf = Poseidon(key, balance, nonce), "
                       "node = Poseidon(left, right)", s.n);
    for (size_t i = 0; i < s.n; i++)
        account_line(out, &s, i);
    lesson_result_line(out, LESSON_MARK_NOTE, "the tree, root on top (each hash's first 3 bytes)");
    draw_tree(out, &s, NULL);

    lesson_result_line(out, LESSON_MARK_HEAD, "transfer %llu from #%llu to #%llu, nonce %llu",
                       (unsigned long long)tx.amount, (unsigned long long)tx.from,
                       (unsigned long long)tx.to, (unsigned long long)tx.nonce);
    rollup_batch b;
    rollup_fault fault;
    err = rollup_batch_apply(&b, &s, &tx, 1, true, &fault, NULL);
    if (err == ZK_EVERIFY) {
        lesson_result_line(out, LESSON_MARK_BAD, "refused: %s; the state stays as it is",
                           rollup_fault_str(fault));
        err = ZK_OK;
    } else if (!err) {
        account_line(out, &s, tx.from);
        if (tx.to != tx.from)
            account_line(out, &s, tx.to);
        draw_tree(out, &s, before);
        size_t changed = 0;
        for (size_t k = 1; k < 2 * s.n; k++)
            changed += !fr_eq(&before[k], &s.nodes[k]);
        lesson_result_line(out, LESSON_MARK_OK, "%zu of %zu nodes changed (*): the two leaves and "
                           "the nodes above them; the other %zu are untouched",
                           changed, 2 * s.n - 1, 2 * s.n - 1 - changed);
        rollup_batch_free(&b);
    } else {
        err = lesson_fail(out, err, "%s", zk_strerror(err));
    }
    zk_free(before);
    rollup_state_free(&s);
    return err;
}

/* ---- one batch proven ---- */

typedef struct batch_run {
    rollup_batch batch;
    size_t constraints, wires;
    unsigned log_domain;
    double t_witness, t_setup, t_prove, t_verify;   /* seconds */
    groth16_vk vk;
    bool have_vk;
    groth16_proof proof;
    fr_t pub[ROLLUP_PUBLIC];
    bool accepted;
} batch_run;

static void batch_run_free(batch_run *r)
{
    rollup_batch_free(&r->batch);
    if (r->have_vk)
        groth16_vk_free(&r->vk);
    memset(r, 0, sizeof *r);
}

/* RollupBatch(n, depth) from circuits/rollup.circom compiled by zkcave's
 * compiler, with the inputs json (NULL: only the system). On a constraint
 * the inputs break, ZK_EVERIFY with c->error saying where. */
static zk_err compile_batch(lesson_result *out, circom_circuit *c, size_t n, unsigned depth,
                            const char *json)
{
    circom_search sp;
    circom_search_default(&sp);
    char path[CIRCOM_PATH_MAX], text[256];
    zk_err err = circom_search_find(&sp, "rollup.circom", path, sizeof path);
    if (err) {
        memset(c, 0, sizeof *c);
        return lesson_fail(out, err, "cannot find circuits/rollup.circom");
    }
    snprintf(text, sizeof text, "pragma circom 2.0.0;\ninclude \"rollup.circom\";\ncomponent main "
             "{public [oldRoot, newRoot, txHash]} = RollupBatch(%zu, %u);\n", n, depth);
    circom_options o = {1, sp.dir, sp.n, json, NULL, 0, 0};
    err = circom_compile_text(c, "rollup_main.circom", text, &o);
    if (err && err != ZK_EVERIFY)
        return lesson_fail(out, err, "%s", c->error ? c->error : zk_strerror(err));
    return err;
}

/* n demo transfers on a tree of the given depth: witness, a key from fresh
 * secrets, a proof, and its verification against the three public inputs. */
static zk_err run_batch(lesson_result *out, batch_run *r, size_t n, unsigned depth, uint64_t seed,
                        const zk_events *ev)
{
    memset(r, 0, sizeof *r);
    rollup_state s;
    zk_err err = rollup_demo_state(&s, depth);
    if (err)
        return lesson_fail(out, err, "%s", zk_strerror(err));
    rollup_tx *tx = zk_alloc(n, sizeof *tx);
    char *json = NULL;
    if (!tx)
        err = ZK_ENOMEM;
    if (!err)
        err = rollup_demo_txs(tx, n, &s, seed);
    if (!err)
        err = rollup_batch_apply(&r->batch, &s, tx, n, true, NULL, NULL);
    if (!err && !(json = rollup_batch_inputs_json(&r->batch)))
        err = ZK_ENOMEM;
    zk_free(tx);
    rollup_state_free(&s);
    if (err) {
        zk_free(json);
        return lesson_fail(out, err, "the batch: %s", zk_strerror(err));
    }
    double t0 = lesson_snark_now();
    circom_circuit c;
    err = compile_batch(out, &c, n, depth, json);
    zk_free(json);
    r->t_witness = lesson_snark_now() - t0;
    if (err == ZK_EVERIFY)
        err = lesson_fail(out, err, "the honest batch breaks a constraint: %s", c.error);
    groth16_demo_key key = {0};
    if (!err) {
        r->constraints = c.n_nonlinear + c.n_linear;
        r->wires = c.sys.n_wires;
        memcpy(r->pub, &c.witness[1], sizeof r->pub);
        t0 = lesson_snark_now();
        err = groth16_demo_key_make(&key, &c.sys, NULL, true, ev);
        r->t_setup = lesson_snark_now() - t0;
        r->log_domain = key.log_domain;
    }
    if (!err) {
        t0 = lesson_snark_now();
        err = groth16_prove(&r->proof, &key.pk, c.witness, c.sys.n_wires, NULL, ev);
        r->t_prove = lesson_snark_now() - t0;
    }
    if (!err) {
        r->vk = key.vk;   /* the batch keeps the verifying key */
        memset(&key.vk, 0, sizeof key.vk);
        r->have_vk = true;
    }
    /* Verification takes milliseconds, less than a scheduler's hiccup on a
     * busy machine: the best of three. */
    for (int run = 0; run < 3 && !err; run++) {
        t0 = lesson_snark_now();
        err = groth16_verify(&r->accepted, &r->vk, r->pub, ROLLUP_PUBLIC, &r->proof);
        double t = lesson_snark_now() - t0;
        r->t_verify = run == 0 || t < r->t_verify ? t : r->t_verify;
    }
    groth16_demo_key_free(&key);
    circom_circuit_free(&c);
    if (err) {
        batch_run_free(r);
        if (!out->message[0])
            lesson_fail(out, err, "%s", zk_strerror(err));
    }
    return err;
}

/* Verifies r's proof against pub; one line, ✔ when the verdict is `want`. */
static zk_err verify_line(lesson_result *out, const batch_run *r, const fr_t *pub, bool want,
                          const char *what)
{
    bool ok;
    zk_err err = groth16_verify(&ok, &r->vk, pub, ROLLUP_PUBLIC, &r->proof);
    if (err)
        return lesson_fail(out, err, "verify: %s", zk_strerror(err));
    lesson_result_line(out, ok == want ? LESSON_MARK_OK : LESSON_MARK_BAD, "%s: %s", what,
                       ok ? "accepted" : "rejected");
    return ZK_OK;
}

/* A dishonest batch: `over` more than the sender has, applied in the field
 * as a cheating prover would. The compiler's witness run stops at the
 * first constraint that fails, so no proof can be made. */
static zk_err cheat_line(lesson_result *out, unsigned depth)
{
    rollup_state s;
    zk_err err = rollup_demo_state(&s, depth);
    if (err)
        return lesson_fail(out, err, "%s", zk_strerror(err));
    rollup_tx tx = {0, 1, 1001, 0};   /* account #0 holds 1,000 */
    rollup_batch b;
    char *json = NULL;
    err = rollup_batch_apply(&b, &s, &tx, 1, false, NULL, NULL);
    if (!err && !(json = rollup_batch_inputs_json(&b)))
        err = ZK_ENOMEM;
    rollup_state_free(&s);
    if (err) {
        rollup_batch_free(&b);
        return lesson_fail(out, err, "%s", zk_strerror(err));
    }
    circom_circuit c;
    err = compile_batch(out, &c, 1, depth, json);
    if (err == ZK_EVERIFY) {
        const char *in = c.error ? strstr(c.error, "(in ") : NULL;
        lesson_result_line(out, LESSON_MARK_OK, "an overdraft (1,001 from #0, which holds 1,000): "
                           "the witness breaks a constraint %s, so there is no proof to make",
                           in ? in : "");
        err = ZK_OK;
    } else if (!err) {
        lesson_result_line(out, LESSON_MARK_BAD, "an overdraft satisfied the circuit");
    }
    circom_circuit_free(&c);
    zk_free(json);
    rollup_batch_free(&b);
    return err;
}

/* A batch's size (under `key`, 1 to 64, default 4), depth= (1 to 10,
 * default 4) and seed= (the demo transfers', default 1). */
static zk_err batch_params(lesson_result *out, const lesson_params *p, const char *key,
                           uint64_t *n, uint64_t *depth, uint64_t *seed)
{
    zk_err err = lesson_param_u64(out, p, key, 4, 1, 64, n);
    if (!err)
        err = lesson_param_u64(out, p, "depth", 4, 1, 10, depth);
    if (!err)
        err = lesson_param_u64(out, p, "seed", 1, 0, UINT64_MAX, seed);
    return err;
}

/* rollup.prove n= depth= seed= */
static zk_err prove_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t n, depth, seed;
    zk_err err = batch_params(out, p, "n", &n, &depth, &seed);
    if (err)
        return err;
    batch_run r;
    if ((err = run_batch(out, &r, n, (unsigned)depth, seed, ev)))
        return err;
    const rollup_batch *b = &r.batch;
    lesson_result_line(out, LESSON_MARK_HEAD, "%llu transfers among %zu accounts (depth %llu)",
                       (unsigned long long)n, (size_t)1 << depth, (unsigned long long)depth);
    for (size_t t = 0; t < b->n_tx && t < 6; t++)
        lesson_result_line(out, LESSON_MARK_NONE, "#%llu → #%llu: %llu (nonce %llu)",
                           (unsigned long long)b->tx[t].from, (unsigned long long)b->tx[t].to,
                           (unsigned long long)b->tx[t].amount,
                           (unsigned long long)b->tx[t].nonce);
    if (b->n_tx > 6)
        lesson_result_line(out, LESSON_MARK_NONE, "… and %zu more", b->n_tx - 6);
    lesson_result_line(out, LESSON_MARK_NONE, "witness: RollupBatch(%llu, %llu) compiled with both "
                       "paths of every transfer, %zu constraints, %zu wires, each checked (%.2f s)",
                       (unsigned long long)n, (unsigned long long)depth, r.constraints, r.wires,
                       r.t_witness);
    lesson_result_line(out, LESSON_MARK_NONE, "setup: a demo key from τ, α, β, γ, δ drawn here and "
                       "wiped at once, domain 2^%u (%.2f s)", r.log_domain, r.t_setup);
    lesson_result_line(out, LESSON_MARK_NONE, "prove: %.2f s; A, B, C take %d bytes as the EVM "
                       "reads them (%d compressed)", r.t_prove,
                       2 * G1_EIP196_BYTES + G2_EIP197_BYTES,
                       2 * G1_COMPRESSED_BYTES + G2_COMPRESSED_BYTES);
    char h0[16], h1[16], h2[16];
    lesson_result_line(out, LESSON_MARK_NONE, "public: old root %s, new root %s, batch hash %s",
                       short_fr(h0, &r.pub[0]), short_fr(h1, &r.pub[1]), short_fr(h2, &r.pub[2]));
    lesson_result_line(out, r.accepted ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "verify: %s (%.1f ms, the best of 3; 3 public inputs)",
                       r.accepted ? "accepted" : "rejected", r.t_verify * 1e3);

    /* The same proof against other statements. */
    fr_t pub[ROLLUP_PUBLIC], one;
    fr_one(&one);
    memcpy(pub, r.pub, sizeof pub);
    fr_add(&pub[1], &pub[1], &one);
    err = verify_line(out, &r, pub, false, "another new root (the operator claims a state the "
                      "transfers do not give)");
    if (!err) {
        rollup_tx changed[64];
        memcpy(changed, b->tx, b->n_tx * sizeof *changed);
        changed[0].amount += 1;
        memcpy(pub, r.pub, sizeof pub);
        fr_zero(&pub[2]);
        for (size_t t = 0; t < b->n_tx; t++)
            rollup_tx_hash(&pub[2], &pub[2], &changed[t]);
        err = verify_line(out, &r, pub, false, "the batch hash of other transfers (the first "
                          "amount + 1)");
    }
    if (!err) {
        memcpy(pub, r.pub, sizeof pub);
        pub[0] = r.pub[1];
        err = verify_line(out, &r, pub, false, "the new root as the old one (the batch replayed "
                          "on the state after it)");
    }
    if (!err)
        err = cheat_line(out, (unsigned)depth);
    batch_run_free(&r);
    return err;
}

/* ---- rollup.sweep: the cost per transfer as the batch grows ---- */

enum { SWEEP_MAX = 8 };   /* 1, 2, 4, ..., 64 and one more */

/* rollup.sweep upto= depth= seed= */
static zk_err sweep_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t upto, depth, seed;
    zk_err err = batch_params(out, p, "upto", &upto, &depth, &seed);
    if (err)
        return err;
    /* Powers of two up to `upto`, and `upto` itself. */
    size_t sizes[SWEEP_MAX], count = 0;
    for (size_t n = 1; n <= upto; n *= 2)
        sizes[count++] = n;
    if (sizes[count - 1] != upto)
        sizes[count++] = upto;

    uint64_t gas = verifier_precompile_gas(ROLLUP_PUBLIC);
    /* Single spaces between the columns keep a row within an 80-column
     * screen's panel. */
    lesson_result_line(out, LESSON_MARK_NONE, "batch constraints per tx prove s ms/tx verify ms "
                       "proof B gas/tx");
    double xs[SWEEP_MAX], per_tx_ms[SWEEP_MAX], gas_per_tx[SWEEP_MAX];
    size_t done = 0;
    for (size_t i = 0; i < count && !err; i++) {
        char what[64];
        snprintf(what, sizeof what, "batch of %zu (up to %llu)", sizes[i],
                 (unsigned long long)upto);
        if ((err = zk_emit(ev, ZK_EV_BEGIN, "rollup_batch", i, count, what))) {
            lesson_fail(out, err, "cancelled");
            break;
        }
        batch_run r;
        if ((err = run_batch(out, &r, sizes[i], (unsigned)depth, seed, ev)))
            break;
        double n = (double)sizes[i];
        xs[i] = n;
        per_tx_ms[i] = r.t_prove * 1e3 / n;
        gas_per_tx[i] = (double)gas / n;
        lesson_result_line(out, r.accepted ? LESSON_MARK_NONE : LESSON_MARK_BAD,
                           "%5zu %11zu %6zu %7.2f %5.0f %9.1f %7d %6.0f", sizes[i],
                           r.constraints, r.constraints / sizes[i], r.t_prove, per_tx_ms[i],
                           r.t_verify * 1e3, 2 * G1_EIP196_BYTES + G2_EIP197_BYTES,
                           gas_per_tx[i]);
        done++;
        batch_run_free(&r);
        zk_emit(ev, ZK_EV_END, "rollup_batch", i + 1, count, NULL);
    }
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_NOTE, "prove and verify times measured here, on BN254 "
                       "with the real Groth16; gas/tx: the verifier's precompile gas (EIP-1108: "
                       "pairing 45,000 + 4·34,000, and 3·(6,000 + 150) for the public inputs = "
                       "%llu) shared by the batch", (unsigned long long)gas);

    /* One transfer at three depths: what a bigger tree costs. */
    size_t per_depth[3];
    for (unsigned k = 0; k < 3 && !err; k++) {
        circom_circuit c;
        unsigned d = (unsigned)depth + k;
        err = compile_batch(out, &c, 1, d, NULL);
        per_depth[k] = c.n_nonlinear + c.n_linear;
        circom_circuit_free(&c);
    }
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_NONE, "one transfer at depth %llu, %llu, %llu: %zu, %zu, "
                       "%zu constraints", (unsigned long long)depth,
                       (unsigned long long)depth + 1, (unsigned long long)depth + 2, per_depth[0],
                       per_depth[1], per_depth[2]);

    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Prove time per transfer",
                                        "transfers in the batch", "ms");
    err = viz_chart_add_line(ch, "prove", VIZ_YELLOW, xs, per_tx_ms, done);
    ch = lesson_result_chart(out, VIZ_CHART_LINE, "Verification gas per transfer",
                             "transfers in the batch", "gas");
    ch->log_y = true;
    if (!err)
        err = viz_chart_add_line(ch, "precompiles", VIZ_CYAN, xs, gas_per_tx, done);
    return err ? lesson_fail(out, err, "%s", zk_strerror(err)) : ZK_OK;
}

static const lesson_action actions[] = {
    {"rollup.tree", "depth from to amount nonce",
     "the rollup's state tree and the path one transfer changes", tree_action},
    {"rollup.prove", "n depth seed",
     "a batch of transfers proven with Groth16 as one root update, then tampered with",
     prove_action},
    {"rollup.sweep", "upto depth seed",
     "constraints, prove and verify time and gas per transfer as the batch grows", sweep_action},
};

const lesson_action_table lesson_actions_rollup = {actions, sizeof actions / sizeof actions[0]};
