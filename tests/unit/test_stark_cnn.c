/* stark/air_cnn: the conv1 slice of the CNN AIR (convolution, max-pool,
 * rescale, ReLU) against nn/quant.h's integers, bit for bit, on real MNIST
 * test images through the shipped quantized model; its pool and its
 * rescale and ReLU constraints exhaustively on small values; every main
 * cell of a row changed, and a weight other than the published one,
 * rejected; a proof that verifies through the registry, round-trips and
 * fails with any byte flipped. */
#include "zk_stark_test.h"
#include "cnn_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nn/quant.h"
#include "stark/air_cnn.h"
#include "stark/stark.h"

/* The statement for test image k, its first `channels` channels. */
static void conv1_air(stark_air *a, nn_qtrace *tr, size_t k, unsigned channels)
{
    int pred;
    assert_int_equal(nn_qinfer(cf_qm, cf_test.images + k * NN_PIXELS, tr, &pred, NULL), ZK_OK);
    const nn_qparams *q = &cf_qm->q;
    air_cnn_conv1_input in = {
        .channels = channels,
        .shift = (unsigned)(q->in_exp + q->w_exp[0] - q->out_exp[0]),
        .sign_bits = (unsigned)(q->acc_bits[0] - (q->in_exp + q->w_exp[0] - q->out_exp[0])),
        .pixels = tr->x,
        .weights = cf_qm->w + NN_OFF_CONV1_W,
        .biases = cf_qm->bias,
    };
    assert_int_equal(air_cnn_conv1_new(a, &in), ZK_OK);
}

/* All sixteen channels of real test images: the trace's pooled
 * activations are nn_qinfer's p1, every one, and the trace satisfies every
 * constraint. */
static void test_conv1_matches_quant(void **state)
{
    (void)state;
    static nn_qtrace tr;
    static int32_t y[NN_C1 * 196];
    for (size_t k = 0; k < 3; k++) {
        stark_air a;
        conv1_air(&a, &tr, k * 1234, NN_C1);
        assert_int_equal(a.n_rows, 4096);
        gl_t *t = zk_stark_full_trace(&a);
        assert_int_equal(air_cnn_conv1_output(&a, t, y), NN_C1 * 196);
        gl_t sum = 0;
        for (size_t i = 0; i < NN_C1 * 196; i++) {
            if (y[i] != tr.p1[i])
                fail_msg("image %zu, p1[%zu]: AIR %d, nn_qinfer %d", k * 1234, i, y[i],
                         tr.p1[i]);
            sum = gl_add(sum, (gl_t)tr.p1[i]);
        }
        assert_int_equal(a.pub[a.n_pub - 1], sum);
        stark_check_report rep;
        zk_stark_check_all(&a, t, &rep);
        if (!rep.ok)
            fail_msg("row %zu: %s", rep.row, a.cons[rep.constraint].name);
        zk_free(t);
        stark_air_free(&a);
    }
}

static gl_t field(int64_t v)
{
    return v < 0 ? gl_neg((gl_t)-v) : (gl_t)v;
}

/* The pool's constraints with their limb lookups, on every four
 * accumulators in [-2, 2] and every M in [-3, 3]: satisfied exactly when M
 * is their largest. The limbs and E are what the constraints force (two
 * limbs below 2^R are unique when they exist: none do for M - ACC < 0,
 * whose field value is near p). */
static void test_pool_exhaustive(void **state)
{
    (void)state;
    static const int32_t px[AIR_CNN_PIXELS] = {0};
    const int32_t w[9] = {0};
    const int64_t b = 0;
    air_cnn_conv1_input in = {1, 5, 9, px, w, &b};
    stark_air a;
    assert_int_equal(air_cnn_conv1_new(&a, &in), ZK_OK);
    const unsigned R = 10;
    gl_t cur[CNN1_WIDTH] = {0}, next[CNN1_WIDTH] = {0}, out[16], per[1] = {0};
    cur[CNN1_W] = 1;   /* ACC_g = W_0 times the patch cell of member g's tap 0 */
    static const int cell[4] = {0, 1, 4, 5};
    size_t accepted = 0;
    for (int code = 0; code < 625; code++) {
        int64_t acc[4], mx = -99;
        for (int g = 0, c = code; g < 4; g++, c /= 5) {
            acc[g] = c % 5 - 2;
            cur[CNN1_X + cell[g]] = field(acc[g]);
            mx = acc[g] > mx ? acc[g] : mx;
        }
        for (int64_t m = -3; m <= 3; m++) {
            cur[CNN1_M] = field(m);
            bool limbs_ok = true;
            gl_t d[4];
            for (int g = 0; g < 4; g++) {
                d[g] = gl_sub(field(m), field(acc[g]));
                cur[CNN1_DL + g] = d[g] & (((gl_t)1 << R) - 1);
                cur[CNN1_DH + g] = d[g] >> R;
                limbs_ok = limbs_ok && cur[CNN1_DH + g] < (gl_t)1 << R;
            }
            cur[CNN1_E] = gl_mul(d[0], d[1]);
            a.vt->eval_base(&a, out, cur, next, per);
            bool holds = limbs_ok;
            for (int k = 0; k < 6; k++)
                holds = holds && out[k] == 0;
            if (holds != (m == mx))
                fail_msg("ACC %lld %lld %lld %lld, M %lld: %s", (long long)acc[0],
                         (long long)acc[1], (long long)acc[2], (long long)acc[3], (long long)m,
                         holds ? "accepted" : "rejected");
            accepted += holds;
        }
    }
    assert_int_equal(accepted, 625);
    stark_air_free(&a);
}

/* The rescale and ReLU constraints with their range lookups, on every
 * accumulator and every (Q, T, S, U, Y) of small widths (r = 2, s = 3):
 * satisfied exactly by nn_rescale's quotient and its ReLU. */
static void test_rescale_relu_exhaustive(void **state)
{
    (void)state;
    static const int32_t px[AIR_CNN_PIXELS] = {0};
    const int32_t w[9] = {0};
    const int64_t b = 0;
    air_cnn_conv1_input in = {1, 2, 3, px, w, &b};
    stark_air a;
    assert_int_equal(air_cnn_conv1_new(&a, &in), ZK_OK);
    const unsigned r = 2, s = 3;
    gl_t cur[CNN1_WIDTH] = {0}, next[CNN1_WIDTH] = {0}, out[16], per[1] = {0};
    size_t accepted = 0;
    for (int64_t acc = -40; acc <= 40; acc++) {
        for (int64_t q = -12; q <= 12; q++)
            for (int64_t t = -2; t <= 5; t++)
                for (int sb = 0; sb <= 1; sb++)
                    for (int64_t u = -1; u <= 9; u++)
                        for (int64_t y = -1; y <= 9; y++) {
                            /* B carries the accumulator of all four
                             * members (W = X = 0), M = B. */
                            cur[CNN1_B] = cur[CNN1_M] = field(acc);
                            cur[CNN1_Q] = field(q);
                            cur[CNN1_T] = field(t);
                            cur[CNN1_S] = (gl_t)sb;
                            cur[CNN1_U] = field(u);
                            cur[CNN1_Y] = field(y);
                            a.vt->eval_base(&a, out, cur, next, per);
                            bool holds = true;
                            for (int k = 0; k < 10; k++)
                                holds = holds && out[k] == 0;
                            /* what the lookups allow: T < 2^r, U < 2^s */
                            holds = holds && t >= 0 && t < (1 << r) && u >= 0 && u < (1 << s);
                            /* the one honest row: nn_rescale's quotient,
                             * its remainder, sign, bound and ReLU */
                            int64_t want_q = nn_rescale(acc, (int)r);
                            bool in_range = want_q >= -(1 << s) && want_q < (1 << s);
                            bool honest = in_range && q == want_q &&
                                          t == acc + (1 << (r - 1)) - q * (1 << r) &&
                                          sb == (q >= 0) && u == (q >= 0 ? q : -1 - q) &&
                                          y == (q > 0 ? q : 0);
                            if (holds != honest)
                                fail_msg("acc %lld: Q %lld T %lld S %d U %lld Y %lld: %s",
                                         (long long)acc, (long long)q, (long long)t, sb,
                                         (long long)u, (long long)y,
                                         holds ? "accepted" : "rejected");
                            accepted += holds;
                        }
    }
    /* One row for each accumulator whose quotient fits s bits. */
    size_t fits = 0;
    for (int64_t acc = -40; acc <= 40; acc++) {
        int64_t qq = nn_rescale(acc, (int)r);
        fits += qq >= -(1 << s) && qq < (1 << s);
    }
    assert_int_equal(accepted, fits);
    stark_air_free(&a);
}

/* Every main cell of one row changed alone breaks a constraint: at that
 * row (or the row above, through SUM's transition), or the LogUp sum. (The
 * fixed cells are the verifier's: a prover cannot change them.) */
static void test_conv1_every_cell(void **state)
{
    (void)state;
    static nn_qtrace tr;
    stark_air a;
    conv1_air(&a, &tr, 7, 1);
    gl_t *t = zk_stark_full_trace(&a);
    size_t w = stark_air_row_width(&a), row = 7 * 14 + 7;
    for (size_t c = 0; c < a.n_main; c++) {
        gl_t keep = t[row * w + c];
        t[row * w + c] = gl_add(keep, 1);
        stark_check_report rep;
        zk_stark_check_all(&a, t, &rep);
        if (rep.ok)
            fail_msg("column %zu changed at row %zu: still satisfied", c, row);
        assert_true(rep.row == row || rep.row == row - 1 || rep.row == a.n_rows - 1);
        t[row * w + c] = keep;
    }
    zk_free(t);
    stark_air_free(&a);
}

static void test_conv1_prove(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "cnn-conv1");
    static nn_qtrace tr;
    stark_air a;
    conv1_air(&a, &tr, 0, 1);
    assert_int_equal(a.n_rows, 1024);
    stark_options o;
    stark_options_default(&o);
    o.queries = 8;
    o.grinding = 2;
    stark_proof p, q;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    const char *why = NULL;
    if (stark_verify(&p, &a, ANY_LEVEL, &why))
        fail_msg("%s", why ? why : "?");
    /* The verifier's AIR from the statement alone, through the file. */
    uint8_t *buf;
    size_t len;
    assert_int_equal(stark_proof_encode(&p, &a, &buf, &len), ZK_OK);
    char name[STARK_AIR_NAME_MAX];
    uint64_t params[STARK_AIR_MAX_PARAMS];
    static gl_t pub[STARK_AIR_MAX_PUB];
    size_t np, npub;
    assert_int_equal(stark_proof_peek(buf, len, name, params, &np, pub, &npub), ZK_OK);
    stark_air v;
    assert_int_equal(stark_air_from_statement(&v, name, params, np, pub, npub), ZK_OK);
    assert_int_equal(stark_proof_decode(&q, buf, len, &v), ZK_OK);
    assert_int_equal(stark_verify(&q, &v, ANY_LEVEL, NULL), ZK_OK);
    stark_proof_free(&q);
    /* Any flipped byte: refused by the parser or by the verifier. */
    for (int trial = 0; trial < 40; trial++) {
        size_t at = (size_t)zk_random_below(&rng, len);
        uint8_t bit = (uint8_t)(1u << zk_random_below(&rng, 8));
        buf[at] ^= bit;
        if (stark_proof_decode(&q, buf, len, &v) == ZK_OK) {
            assert_int_not_equal(stark_verify(&q, &v, ANY_LEVEL, NULL), ZK_OK);
            stark_proof_free(&q);
        }
        buf[at] ^= bit;
    }
    zk_free(buf);
    /* Another pixel in the statement (the proof's and the verifier's
     * alike): only the public-input column can tell. */
    v.pub[300] = gl_add(v.pub[300], 1);
    p.pub[300] = v.pub[300];
    assert_int_equal(stark_verify(&p, &v, ANY_LEVEL, NULL), ZK_EVERIFY);
    stark_proof_free(&p);
    stark_air_free(&v);
    /* Another weight than the published one where the arithmetic cannot
     * tell: row 0's patch is the image's blank corner, so every product
     * with W_4 is 0 and only the weight lookup (its sum's end) catches it;
     * the proof made regardless fails. */
    gl_t *t = zk_stark_full_trace(&a);
    for (int k = 0; k < 16; k++)
        assert_int_equal(t[CNN1_X + k], 0);
    zk_free(t);
    stark_air_vt vt;
    zk_stark_tamper(&a, &vt, 0, CNN1_W + 4);
    zk_stark_rejected(&a, a.n_rows - 1, "LogUp sum closes at 0", &rng);
    zk_stark_untamper(&a);
    stark_air_free(&a);
}

/* Statements the registry refuses. */
static void test_conv1_statement(void **state)
{
    (void)state;
    static gl_t pub[STARK_AIR_MAX_PUB];
    stark_air a;
    uint64_t ok[3] = {2, 5, 9};
    assert_int_equal(stark_air_from_statement(&a, "cnn-conv1", ok, 3, pub,
                                              air_cnn_conv1_n_pub(2)),
                     ZK_OK);
    assert_int_equal(a.n_rows, 1024);
    assert_int_equal(a.fixed_root_log_blowup, 0);
    stark_air_free(&a);
    /* The shipped statement's root, known to the AIR, is its columns'. */
    uint64_t shipped[3] = {16, 5, 9};
    assert_int_equal(stark_air_from_statement(&a, "cnn-conv1", shipped, 3, pub,
                                              air_cnn_conv1_n_pub(16)),
                     ZK_OK);
    assert_int_equal(a.fixed_root_log_blowup, 3);
    hash_digest root;
    assert_int_equal(stark_air_fixed_root(&root, &a, 3), ZK_OK);
    assert_memory_equal(root.b, a.fixed_root.b, HASH_BYTES);
    stark_air_free(&a);
    uint64_t bad[][3] = {{0, 5, 9}, {17, 5, 9}, {2, 0, 9}, {2, 5, 0}, {2, 17, 9}, {2, 5, 17}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(stark_air_from_statement(&a, "cnn-conv1", bad[i], 3, pub,
                                                  air_cnn_conv1_n_pub((unsigned)bad[i][0])),
                         ZK_EINVAL);
    assert_int_equal(stark_air_from_statement(&a, "cnn-conv1", ok, 3, pub,
                                              air_cnn_conv1_n_pub(2) - 1),
                     ZK_EINVAL);
    assert_int_equal(stark_air_from_statement(&a, "cnn-conv1", ok, 2, pub,
                                              air_cnn_conv1_n_pub(2)),
                     ZK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_exhaustive),
        cmocka_unit_test(test_rescale_relu_exhaustive),
        cmocka_unit_test(test_conv1_statement),
        cmocka_unit_test(test_conv1_matches_quant),
        cmocka_unit_test(test_conv1_every_cell),
        cmocka_unit_test(test_conv1_prove),
    };
    if (cf_setup())
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    cf_teardown();
    return failed;
}
