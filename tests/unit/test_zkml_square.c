/* zkml with the square activation: the shipped weights under x² (the
 * circuit's arithmetic does not care how well they classify), every
 * tensor at 2^4 or finer as calibration makes them, with the worst-case
 * widths. (At 2^5 fc2's worst case passes 62 bits: under x² the bound on
 * a layer's input is the square of the last one's.)
 *   - the model hash: format 2 with the activation, so the same weights
 *     under ReLU and x² hash differently; the ReLU hash is unchanged;
 *   - fc1 + fc2 and conv2 + fc1 + fc2 end to end: compile, the witness with
 *     every constraint checked, the stored circuit against it, nn_qinfer's
 *     logits; the counts per operation against the gadgets' formulas, and
 *     against the ReLU model's from the same weights;
 *   - forged: a square that is not y², a |q| that is not |q|;
 *   - the dispute trace under x²: its logits nn_qinfer's, every step honest
 *     to the referee, a step changed by one found at that step;
 *   - settings: the activation written and read back, a mismatch refused. */
#include "zk_test.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "nn/calibrate.h"
#include "nn/dispute.h"
#include "zkml/pipeline.h"
#include "zkml/zkml.h"
#include "zkml_fixture.h"

static nn_cnn sq_model;
static nn_qmodel *sq_qm;

static int setup(void)
{
    if (zf_setup() != 0)
        return -1;
    sq_model = zf_model;   /* the same weights (borrowed, not freed twice) */
    sq_model.act = NN_ACT_SQUARE;
    nn_qparams q;
    nn_qparams_for_scale(&q, &sq_model, 4);
    nn_qmodel *x;
    if (nn_qmodel_init(&x, &sq_model, &q) != ZK_OK)
        return -1;
    nn_acc_bits_worst(q.acc_bits, x);
    nn_qmodel_free(x);
    return nn_qmodel_init(&sq_qm, &sq_model, &q) == ZK_OK ? 0 : -1;
}

static void teardown(void)
{
    nn_qmodel_free(sq_qm);
    zf_teardown();
}

static uint64_t cell(const zkml_counts *k, zkml_row r, zkml_op o)
{
    return k->cell[r][o].constraints;
}

/* K, the bits of layer l's rescaled value. */
static int k_bits(const nn_qmodel *qm, int l)
{
    const nn_qparams *q = &qm->q;
    return q->acc_bits[l] - (nn_qparams_layer_in(q, l) + q->w_exp[l] - q->out_exp[l]) + 1;
}

static void test_square_hash(void **state)
{
    (void)state;
    assert_int_equal(sq_qm->q.act, NN_ACT_SQUARE);
    char why[200];
    for (int first = 0; first < NN_LAYERS; first += 2) {
        zkml_settings s = zf_settings(ZKML_HASHED, first);
        assert_int_equal(zkml_settings_check(&s, sq_qm, why, sizeof why), ZK_OK);
        uint64_t hr[ZKML_HEADER_MAX], hs[ZKML_HEADER_MAX];
        size_t nr = zkml_hash_header(hr, &s, zf_qm), ns = zkml_hash_header(hs, &s, sq_qm);
        /* format 1 for ReLU; 2 and the code 1 after salted for x² */
        assert_int_equal(hr[0], 1);
        assert_int_equal(hs[0], 2);
        assert_int_equal(ns, nr + 1);
        assert_int_equal(hs[4], NN_ACT_SQUARE);
        fr_t a, b;
        assert_int_equal(zkml_model_hash(&a, &s, zf_qm, NULL), ZK_OK);
        assert_int_equal(zkml_model_hash(&b, &s, sq_qm, NULL), ZK_OK);
        assert_false(fr_eq(&a, &b));
    }
}

/* compile, the checked witness, the stored circuit, nn_qinfer's logits */
static void end_to_end(const zkml_settings *s, const char *digit, zkml_counts *k)
{
    char why[200];
    zkml_circuit c;
    assert_int_equal(zkml_compile(&c, s, sq_qm, NULL, why, sizeof why), ZK_OK);
    zkml_counts counted;
    assert_int_equal(zkml_count(&counted, s, sq_qm, why, sizeof why), ZK_OK);
    assert_memory_equal(&counted, &c.counts, sizeof counted);
    uint8_t img[NN_PIXELS];
    zf_digit(img, digit);
    zkml_witness w;
    zkml_report rep;
    zf_checked_witness(&w, s, sq_qm, img);
    if (zkml_check(&c, w.w, w.n, &rep) != ZK_OK)
        fail_msg("%s", rep.msg);
    for (int j = 0; j < NN_CLASSES; j++)
        assert_int_equal(w.pub.logits[j], w.trace->z[j]);
    /* the activations really are squares: fc1's outputs, none negative,
     * each the rescaled square of fc1's rescaled accumulator */
    for (size_t o = 0; o < NN_FC_HIDDEN; o++)
        assert_true(w.trace->f1[o] >= 0);
    *k = c.counts;
    zkml_witness_free(&w);
    zkml_circuit_free(&c);
}

static void test_square_reduced(void **state)
{
    (void)state;
    static const struct {
        zkml_visibility v;
        int first;
        const char *digit;
    } cases[] = {{ZKML_HASHED, 2, "3_0030"}, {ZKML_FIXED, 2, "8_0061"},
                 {ZKML_FIXED, 1, "7_0000"}};
    char why[200];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zkml_settings s = zf_settings(cases[i].v, cases[i].first);
        zkml_counts k, relu;
        end_to_end(&s, cases[i].digit, &k);
        assert_int_equal(zkml_count(&relu, &s, zf_qm, why, sizeof why), ZK_OK);
        /* fc1: per neuron a rescale (A + 2), then y·y, its rescale at 2K
         * bits (2K + 2) and a wire (1); no ReLU anywhere */
        int A = sq_qm->q.acc_bits[2], K = k_bits(sq_qm, 2);
        assert_int_equal(cell(&k, ZKML_ROW_FC1, ZKML_OP_RESCALE), 128u * (uint64_t)(A + 2));
        assert_int_equal(cell(&k, ZKML_ROW_FC1, ZKML_OP_SQUARE), 128u * (uint64_t)(2 * K + 4));
        assert_int_equal(cell(&k, ZKML_ROW_FC1, ZKML_OP_RELU), 0);
        assert_int_equal(cell(&relu, ZKML_ROW_FC1, ZKML_OP_RELU), 128);
        assert_int_equal(cell(&relu, ZKML_ROW_FC1, ZKML_OP_SQUARE), 0);
        if (cases[i].first == 1) {
            /* conv2: four rescales a window, |q| and the max-of-four on
             * K + 1 bits, one square and its rescale */
            int A2 = sq_qm->q.acc_bits[1], K2 = k_bits(sq_qm, 1);
            assert_int_equal(cell(&k, ZKML_ROW_CONV2, ZKML_OP_RESCALE),
                             4u * 1568u * (uint64_t)(A2 + 2));
            assert_int_equal(cell(&k, ZKML_ROW_CONV2, ZKML_OP_MAXPOOL),
                             1568u * (4u + 4u * (uint64_t)(K2 + 1) + 7u));
            assert_int_equal(cell(&k, ZKML_ROW_CONV2, ZKML_OP_SQUARE),
                             1568u * (uint64_t)(2 * K2 + 4));
            assert_int_equal(cell(&relu, ZKML_ROW_CONV2, ZKML_OP_RESCALE),
                             1568u * (uint64_t)(A2 + 2));
            print_message("# conv2 + fc1 + fc2, fixed: %llu constraints under x², %llu under "
                          "ReLU\n",
                          (unsigned long long)k.total.constraints,
                          (unsigned long long)relu.total.constraints);
            assert_true(k.total.constraints > relu.total.constraints);
        }
    }
}

/* The wire on side `side` of constraint i, when that side is one term. */
static uint32_t wire_of(const zkml_circuit *c, size_t i, int side)
{
    uint32_t n;
    const r1cs_term *t = r1cs_side(&c->cs, i, side, &n);
    assert_int_equal(n, 1);
    return t[0].wire;
}

static void bump(fr_t *x)
{
    fr_t one;
    fr_one(&one);
    fr_add(x, x, &one);
}

static void test_square_forged(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_FIXED, 1);
    zkml_circuit c;
    zkml_witness w;
    char why[200];
    assert_int_equal(zkml_compile(&c, &s, sq_qm, NULL, why, sizeof why), ZK_OK);
    uint8_t img[NN_PIXELS];
    zf_digit(img, "2_0001");
    zf_checked_witness(&w, &s, sq_qm, img);
    size_t first, count;
    /* fc1 neuron 5's square s = y·y claims y² + 1 */
    assert_int_equal(zkml_constraints_of(&first, &count, &c, ZKML_ROW_FC1, ZKML_OP_SQUARE, 5),
                     ZK_OK);
    uint32_t sw = wire_of(&c, first, 2);
    fr_t keep = w.w[sw];
    bump(&w.w[sw]);
    zf_assert_rejected(&c, w.w, w.n, ZKML_ROW_FC1, ZKML_OP_SQUARE, "x²");
    w.w[sw] = keep;
    zkml_report rep;
    assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
    /* a conv2 window's first |q| claimed one larger (a pool could then
     * pick it): the |q| product refuses it */
    assert_int_equal(zkml_constraints_of(&first, &count, &c, ZKML_ROW_CONV2, ZKML_OP_MAXPOOL, 77),
                     ZK_OK);
    uint32_t aw = wire_of(&c, first, 2);
    keep = w.w[aw];
    bump(&w.w[aw]);
    zf_assert_rejected(&c, w.w, w.n, ZKML_ROW_CONV2, ZKML_OP_MAXPOOL, "max-of-four |q|");
    w.w[aw] = keep;
    assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
    zkml_witness_free(&w);
    zkml_circuit_free(&c);
}

/* The dispute trace of a square model: the steps re-executed one at a
 * time give nn_qinfer's pools, fc1 and logits. */
static void test_square_dispute(void **state)
{
    (void)state;
    uint8_t img[NN_PIXELS];
    zf_digit(img, "9_0007");
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    int pred;
    assert_int_equal(nn_qinfer(sq_qm, img, tr, &pred, NULL), ZK_OK);
    nn_trace t;
    assert_int_equal(nn_trace_run(&t, sq_qm, img, NN_DISPUTE_STEPS, 0), ZK_OK);
    assert_int_equal(t.cls, pred);
    /* the logits are the outputs of the ten fc2 steps before the argmax */
    for (int j = 0; j < NN_CLASSES; j++)
        assert_int_equal(t.vals[t.off[NN_DISPUTE_STEPS - NN_CLASSES + j]], tr->z[j]);
    /* and they are not the ReLU model's */
    nn_qtrace *relu = zk_alloc(1, sizeof *relu);
    assert_int_equal(nn_qinfer(zf_qm, img, relu, NULL, NULL), ZK_OK);
    assert_memory_not_equal(relu->z, tr->z, sizeof tr->z);
    /* the referee, re-executing any step alone, finds the honest trace
     * honest; a step changed by one is found at that step, the asserter
     * convicted (one step of every kind) */
    for (size_t s = 0; s < NN_DISPUTE_STEPS; s++) {
        bool honest;
        const char *why;
        assert_int_equal(nn_referee(&honest, &why, sq_qm, &t, s), ZK_OK);
        assert_true(honest);
    }
    static const size_t tamper[] = {3, 20, 40, 80, 150, 229, 234};
    for (size_t i = 0; i < sizeof tamper / sizeof *tamper; i++) {
        nn_trace cheat;
        nn_dispute d;
        assert_int_equal(nn_trace_run(&cheat, sq_qm, img, tamper[i], 1), ZK_OK);
        assert_int_equal(nn_dispute_play(&d, sq_qm, &cheat, &t), ZK_OK);
        assert_int_equal(d.state, NN_DISPUTE_ASSERTER_LOST);
        assert_int_equal(d.lo, tamper[i]);
        nn_trace_free(&cheat);
    }
    nn_trace_free(&t);
    zk_free(tr);
    zk_free(relu);
}

/* Settings: a square model's calibration says "square" for its hidden
 * layers and reads back so; a ReLU model's settings are refused for it. */
static void test_square_settings(void **state)
{
    (void)state;
    nn_calibration cal;
    memset(&cal, 0, sizeof cal);
    cal.q = sq_qm->q;
    cal.scale = 5;
    char *json = nn_settings_json(&cal, NULL, "test");
    assert_non_null(json);
    assert_non_null(strstr(json, "\"activation\":\t\"square\""));
    nn_qparams q;
    char why[200];
    assert_int_equal(nn_settings_parse(&q, json, why, sizeof why), ZK_OK);
    assert_int_equal(q.act, NN_ACT_SQUARE);
    /* conv2 saying otherwise */
    char *bad = zk_strdup(json);
    char *at = strstr(strstr(bad, "\"conv2\""), "\"square\"");
    memcpy(at, "\"relu\"  ", 8);
    assert_int_equal(nn_settings_parse(&q, bad, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "conv2.activation"));
    zk_free(bad);
    zk_free(json);
    /* the ReLU model's parameters (relu) with the square model: refused */
    zkml_model m;
    zkml_settings s = zf_settings(ZKML_FIXED, 3);
    nn_qparams qr = zf_qm->q;
    assert_int_equal(zkml_model_init(&m, &sq_model, &qr, &s, NULL, why, sizeof why), ZK_EINVAL);
    assert_non_null(strstr(why, "for a relu model and this one is square"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_square_hash),    cmocka_unit_test(test_square_reduced),
        cmocka_unit_test(test_square_forged),  cmocka_unit_test(test_square_dispute),
        cmocka_unit_test(test_square_settings),
    };
    if (setup() != 0)
        return 1;
    int rc = ZK_RUN_TESTS(tests);
    teardown();
    return rc;
}
