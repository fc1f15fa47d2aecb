/* zkml: forged witnesses are rejected, with the gadget named, and the one
 * forgery the private visibility exists to show is accepted:
 *   - a rescale with q ± 1 and t ∓ 2^r (the equation holds, t's range does not);
 *   - a packed weight re-split as (u₀ + 2^b, u₁ − 1) (its element unchanged);
 *   - another model's weights, or another salt, under this model's hash;
 *   - a pool that picks a non-maximum, a changed pixel, logit or class;
 *   - private weights: fc2 weights 0 and biases z·2^r give logits z;
 *   - a circuit value that leaves nn_qinfer's, reported with stage and index. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "zkml/zkml.h"
#include "zkml_fixture.h"


/* The wire that constraint i's booleanity checks (b·b = b). */
static uint32_t bit_of(const zkml_circuit *c, size_t i)
{
    uint32_t n;
    const r1cs_term *a = r1cs_side(&c->cs, i, 0, &n);
    assert_int_equal(n, 1);
    return a[0].wire;
}

static uint64_t small(const fr_t *x)
{
    uint64_t v[4];
    fr_to_int(v, x);
    assert_true(v[1] == 0 && v[2] == 0 && v[3] == 0);
    return v[0];
}

/* The integer held in n bit wires from wire first. */
static uint64_t bits_value(const fr_t *w, uint32_t first, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= small(&w[first + (uint32_t)i]) << i;
    return v;
}

static void set_bits(fr_t *w, uint32_t first, int n, uint64_t v)
{
    for (int i = 0; i < n; i++)
        fr_from_u64(&w[first + (uint32_t)i], (v >> i) & 1);
}

static void set_i64(fr_t *x, int64_t v)
{
    fr_from_u64(x, (uint64_t)(v < 0 ? -v : v));
    if (v < 0)
        fr_neg(x, x);
}

/* Adds d to the field value of wire x. */
static void add_to(fr_t *x, int64_t d)
{
    fr_t t;
    fr_from_u64(&t, (uint64_t)(d < 0 ? -d : d));
    if (d < 0)
        fr_sub(x, x, &t);
    else
        fr_add(x, x, &t);
}

/* fc2's rescale with q ± 1 and t ∓ 2^r: the equation still holds, the
 * range check on t does not. */
static void test_forged_rescale(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_HASHED, 3);
    zkml_circuit c;
    zkml_witness w;
    zkml_report rep;
    zf_prepare(&c, &w, &s, zf_qm, "4_0006");
    const int r = zf_qm->q.w_exp[3] + zf_qm->q.out_exp[2] - zf_qm->q.out_exp[3];
    const int K = zf_qm->q.acc_bits[3] - r + 1;
    for (uint64_t o = 0; o < NN_CLASSES; o++)
        for (int dir = -1; dir <= 1; dir += 2) {
            size_t first, count;
            assert_int_equal(zkml_constraints_of(&first, &count, &c, ZKML_ROW_FC2,
                                                 ZKML_OP_RESCALE, o), ZK_OK);
            assert_int_equal(count, r + K + 1);
            uint32_t t0 = bit_of(&c, first), q0 = bit_of(&c, first + (size_t)r);
            fr_t *f = zk_alloc(w.n, sizeof *f);
            memcpy(f, w.w, w.n * sizeof *f);
            uint64_t q = bits_value(f, q0, K);
            set_bits(f, q0, K, q + (uint64_t)dir);
            /* t ∓ 2^r in t's lowest bit: the only way its sum can move by 2^r */
            add_to(&f[t0], -dir * (1 << r));
            assert_int_equal(
                zf_assert_rejected(&c, f, w.n, ZKML_ROW_FC2, ZKML_OP_RESCALE, "rescale"), o);
            /* the honest witness passes */
            assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
            zk_free(f);
        }
    zkml_witness_free(&w);
    zkml_circuit_free(&c);
}

/* A packed weight re-split as (u₀ + 2^b, u₁ − 1) keeps its element and
 * fails the slot's range check. */
static void test_forged_packing(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_HASHED, 3);
    zkml_circuit c;
    zkml_witness w;
    zf_prepare(&c, &w, &s, zf_qm, "1_0005");
    int bits[ZKML_TENSORS];
    zkml_slot_bits(bits, zf_qm);
    int b = bits[6];
    size_t f0, n0, f1, n1;
    assert_int_equal(zkml_constraints_of(&f0, &n0, &c, ZKML_ROW_FC2, ZKML_OP_WEIGHTS, 0), ZK_OK);
    assert_int_equal(zkml_constraints_of(&f1, &n1, &c, ZKML_ROW_FC2, ZKML_OP_WEIGHTS, 1), ZK_OK);
    assert_int_equal(n0, b);
    uint32_t u0 = bit_of(&c, f0), u1 = bit_of(&c, f1);
    fr_t *f = zk_alloc(w.n, sizeof *f);
    memcpy(f, w.w, w.n * sizeof *f);
    uint64_t v1 = bits_value(f, u1, b);
    assert_true(v1 > 0);
    set_bits(f, u1, b, v1 - 1);
    add_to(&f[u0 + (uint32_t)b - 1], 2);   /* + 2^b on the top slot bit */
    assert_int_equal(
        zf_assert_rejected(&c, f, w.n, ZKML_ROW_FC2, ZKML_OP_WEIGHTS, "weight slot"), 0);
    zk_free(f);
    zkml_witness_free(&w);
    zkml_circuit_free(&c);
}

/* A model with one weight changed has another hash: its witness satisfies
 * the circuit with its own hash and fails it under the shipped model's. */
static void test_forged_model(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_HASHED, 3);
    zkml_circuit c;
    zkml_witness w;
    zkml_report rep;
    nn_qmodel *other = zf_quantize(&zf_model);
    /* a weight near zero, so that no slot width changes */
    size_t at = NN_OFF_FC2_W;
    while (abs(other->w[at]) > 4)
        at++;
    other->w[at] += other->w[at] > 0 ? -1 : 1;
    other->wf[at] = other->w[at];
    zf_prepare(&c, &w, &s, other, "2_0035");
    assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
    fr_t shipped;
    assert_int_equal(zkml_model_hash(&shipped, &s, zf_qm, NULL), ZK_OK);
    assert_false(fr_eq(&shipped, &w.pub.model_hash));
    w.w[1 + c.layout.hash] = shipped;
    zf_assert_rejected(&c, w.w, w.n, ZKML_ROW_MODEL, ZKML_OP_POSEIDON, "poseidon");
    zkml_witness_free(&w);
    nn_qmodel_free(other);
    zkml_circuit_free(&c);
}

/* With private weights the same circuit accepts fc2 weights 0 and biases
 * z_j·2^r: logits z for any input. */
static void test_private_forgery(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_PRIVATE, 3);
    zkml_circuit c;
    zkml_witness w;
    zkml_report rep;
    nn_qmodel *forged = zf_quantize(&zf_model);
    static const int64_t z[NN_CLASSES] = {-3, 1, 4, -1, 5, -9, 2, 6, -5, 42};
    for (size_t i = 0; i < nn_layers[3].weights; i++)
        forged->w[NN_OFF_FC2_W + i] = 0, forged->wf[NN_OFF_FC2_W + i] = 0;
    for (int j = 0; j < NN_CLASSES; j++)
        forged->bias[NN_C1 + NN_C2 + NN_FC_HIDDEN + j] = z[j] * 64;
    zf_prepare(&c, &w, &s, forged, "7_0017");
    assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
    assert_memory_equal(w.pub.logits, z, sizeof z);
    assert_int_equal(w.pub.cls, 9);
    zkml_witness_free(&w);
    nn_qmodel_free(forged);
    zkml_circuit_free(&c);
}

/* The whole CNN with fixed weights: a pool that picks a non-maximum, a
 * changed pixel and a changed logit are each rejected where they happen. */
static void test_forged_full(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_FIXED, 0);
    zkml_circuit c;
    zkml_witness w;
    zkml_report rep;
    zf_prepare(&c, &w, &s, zf_qm, "8_0084");
    assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
    fr_t *f = zk_alloc(w.n, sizeof *f);
    const int A = zf_qm->q.acc_bits[0];
    /* a pool window of conv1 whose four accumulators are all different */
    bool done = false;
    for (uint64_t out = 0; out < 3136 && !done; out++) {
        size_t first, count;
        assert_int_equal(zkml_constraints_of(&first, &count, &c, ZKML_ROW_CONV1,
                                             ZKML_OP_MAXPOOL, out), ZK_OK);
        assert_int_equal(count, 4 * A + 7);
        uint32_t d[4];
        int64_t dv[4];
        for (int i = 0; i < 4; i++) {
            d[i] = bit_of(&c, first + (size_t)(i * A));
            dv[i] = (int64_t)bits_value(w.w, d[i], A);
        }
        /* m's wire comes just before the bits; aᵢ = m − dᵢ */
        uint32_t mw = d[0] - 1, ef = d[3] + (uint32_t)A;
        int zeros = 0, second = -1;
        for (int i = 0; i < 4; i++)
            zeros += dv[i] == 0;
        for (int i = 0; i < 4; i++)
            if (dv[i] > 0 && (second < 0 || dv[i] < dv[second]))
                second = i;
        if (zeros != 1 || second < 0)
            continue;
        /* m' = the second largest: every difference shifts by −dv[second] */
        memcpy(f, w.w, w.n * sizeof *f);
        add_to(&f[mw], -dv[second]);
        for (int i = 0; i < 4; i++) {
            int64_t nd = dv[i] - dv[second];
            if (nd >= 0) {
                set_bits(f, d[i], A, (uint64_t)nd);
            } else {
                set_bits(f, d[i], A, 0);
                add_to(&f[d[i]], nd);   /* a negative difference has no bits */
            }
        }
        fr_t x, y;
        set_i64(&x, dv[0] - dv[second]);
        set_i64(&y, dv[1] - dv[second]);
        fr_mul(&f[ef], &x, &y);
        set_i64(&x, dv[2] - dv[second]);
        set_i64(&y, dv[3] - dv[second]);
        fr_mul(&f[ef + 1], &x, &y);
        assert_int_equal(
            zf_assert_rejected(&c, f, w.n, ZKML_ROW_CONV1, ZKML_OP_MAXPOOL, "max-of-four"), out);
        done = true;
    }
    assert_true(done);
    /* a pixel: the public element changed by one */
    memcpy(f, w.w, w.n * sizeof *f);
    add_to(&f[1 + c.layout.pixel_elems + 10], 1);
    zf_assert_rejected(&c, f, w.n, ZKML_ROW_INPUT, ZKML_OP_PIXELS, "pixel packing");
    /* a logit: its slot in the packed element */
    memcpy(f, w.w, w.n * sizeof *f);
    add_to(&f[1 + c.layout.logits], 1 << 24);
    zf_assert_rejected(&c, f, w.n, ZKML_ROW_OUTPUT, ZKML_OP_LOGITS, "logit packing");
    /* the class */
    memcpy(f, w.w, w.n * sizeof *f);
    add_to(&f[1 + c.layout.cls], 1);
    zf_assert_rejected(&c, f, w.n, ZKML_ROW_OUTPUT, ZKML_OP_ARGMAX, "argmax");
    zk_free(f);
    zkml_witness_free(&w);
    zkml_circuit_free(&c);
}

/* When the circuit's values leave nn_qinfer's, the witness says where: here
 * nn_qinfer reads fc2's weights from its doubles, the circuit from the
 * integers, and one double is changed. */
static void test_mismatch_reported(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_HASHED, 3);
    nn_qmodel *m = zf_quantize(&zf_model);
    uint8_t img[NN_PIXELS];
    zf_digit(img, "9_0009");
    zkml_witness w;
    zkml_report rep;
    /* an input of fc2 that is not zero, so that the change shows */
    assert_int_equal(zkml_witness_compute(&w, &s, m, img, NULL, false, &rep, NULL), ZK_OK);
    size_t k = 0;
    while (w.trace->f1[k] == 0)
        k++;
    zkml_witness_free(&w);
    m->wf[NN_OFF_FC2_W + 3 * NN_FC_HIDDEN + k] += 64;
    assert_int_equal(zkml_witness_compute(&w, &s, m, img, NULL, false, &rep, NULL), ZK_EVERIFY);
    assert_true(rep.mismatch);
    assert_string_equal(rep.stage, "logits");
    assert_int_equal(rep.index, 3);
    assert_non_null(strstr(rep.msg, "logits[3]"));
    assert_null(w.w);
    nn_qmodel_free(m);
}


/* A salted model: the salt is a private input, the hash hides the weights
 * and only the right salt proves. */
static void test_salted(void **state)
{
    (void)state;
    zkml_settings s = zf_settings(ZKML_HASHED, 3);
    s.salted = true;
    zkml_circuit c;
    char why[200];
    assert_int_equal(zkml_compile(&c, &s, zf_qm, NULL, why, sizeof why), ZK_OK);
    fr_t salt, other, h;
    fr_from_u64(&salt, 987654321);
    fr_from_u64(&other, 987654322);
    uint8_t img[NN_PIXELS];
    zf_digit(img, "6_0021");
    zkml_witness w;
    zkml_report rep;
    assert_int_equal(zkml_witness_compute(&w, &s, zf_qm, img, NULL, false, &rep, NULL), ZK_EINVAL);
    assert_int_equal(zkml_witness_compute(&w, &s, zf_qm, img, &salt, true, &rep, NULL), ZK_OK);
    assert_int_equal(zkml_check(&c, w.w, w.n, &rep), ZK_OK);
    assert_int_equal(zkml_model_hash(&h, &s, zf_qm, &salt), ZK_OK);
    assert_true(fr_eq(&h, &w.pub.model_hash));
    /* another salt under this hash fails at the sponge */
    zkml_witness w2;
    assert_int_equal(zkml_witness_compute(&w2, &s, zf_qm, img, &other, false, &rep, NULL), ZK_OK);
    w2.w[1 + c.layout.hash] = h;
    zf_assert_rejected(&c, w2.w, w2.n, ZKML_ROW_MODEL, ZKML_OP_POSEIDON, "poseidon");
    zkml_witness_free(&w2);
    zkml_witness_free(&w);
    zkml_circuit_free(&c);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forged_rescale),  cmocka_unit_test(test_forged_packing),
        cmocka_unit_test(test_forged_model),    cmocka_unit_test(test_salted),
        cmocka_unit_test(test_forged_full),     cmocka_unit_test(test_private_forgery),
        cmocka_unit_test(test_mismatch_reported),
    };
    if (zf_setup() != 0)
        return 1;
    int rc = ZK_RUN_TESTS(tests);
    zf_teardown();
    return rc;
}
