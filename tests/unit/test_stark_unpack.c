/* stark/air_sponge_unpack: the unpack lanes on the shipped model — every
 * parameter written once, at its index, with the architecture's
 * multiplicity and its value; every element written once and equal to
 * zkml_hash_gl_elements' packing; the whole commitment (model-commit:
 * lanes, sponge, range table) satisfied with zkml_model_hash_gl's digest —
 * and on a small model proven, verified from its statement, and rejected
 * for a slot out of its width, a changed packing step or another digest. */
#include "zk_stark_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hex.h"
#include "cnn_fixture.h"
#include "stark/air_sponge.h"
#include "stark/air_sponge_unpack.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"
#include "zkml/tensors.h"

static nn_qmodel *g_qm;
static zkml_settings g_s;
static int64_t *g_values[ZKML_TENSORS];

static int group_setup(void **state)
{
    (void)state;
    if (cf_model_setup(&g_s))
        return -1;
    g_qm = cf_qm;
    for (int k = 0; k < ZKML_TENSORS; k++) {
        g_values[k] = malloc(zkml_tensor_len(k) * sizeof(int64_t));
        if (!g_values[k])
            return -1;
        for (size_t i = 0; i < zkml_tensor_len(k); i++)
            g_values[k][i] = zkml_tensor_at(g_qm, k, i);
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    for (int k = 0; k < ZKML_TENSORS; k++)
        free(g_values[k]);
    cf_model_teardown();
    return 0;
}

/* The lanes alone, for the shipped layout with the architecture's uses:
 * a trace of the gadget's own columns (main, then fixed), in 4 lanes
 * (model-commit's) or 7 (cnn's). */
static void shipped_writes(unsigned lanes)
{
    const size_t nm = AIR_UNPACK_MAIN(lanes), nf = AIR_UNPACK_FIXED(lanes);
    air_unpack u = {.n_tensors = ZKML_TENSORS, .lanes = lanes, .range_bits = 16,
                    .elem_base = 1000, .row0 = 1, .col = 0, .fcol = nm, .aux = 0};
    u.n_header = zkml_hash_header(u.header, &g_s, g_qm);
    size_t param0 = 0;
    for (int k = 0; k < ZKML_TENSORS; k++) {
        u.t[k] = (air_unpack_tensor){zkml_tensor_len(k), (unsigned)zkml_width_of(g_qm, k),
                                     zkml_gl_uses(k), 5000 + param0};
        param0 += zkml_tensor_len(k);
    }
    assert_true(air_unpack_ok(&u));
    /* The architecture's counts (the header comment's). */
    static const uint64_t uses[ZKML_TENSORS] = {784, 784, 196, 196, 1, 1, 1, 1};
    for (int k = 0; k < ZKML_TENSORS; k++)
        assert_int_equal(u.t[k].uses, uses[k]);
    gl_t *e;
    size_t n;
    assert_int_equal(zkml_hash_gl_elements(&e, &n, &g_s, g_qm), ZK_OK);
    assert_int_equal(air_unpack_elements(&u), n);
    size_t h = air_unpack_rows(&u), rows = u.row0 + h + 1, w = nm + nf;
    assert_true(h * lanes >= param0);
    assert_true(h <= 65536 - 2);
    /* Filled within one element of the even share: a lane ends where its
     * next element does not fit. */
    assert_true(h <= (param0 + lanes - 1) / lanes + 10);
    print_message("# %zu parameters in %u lanes of %zu rows\n", param0, lanes, h);
    gl_t *f = calloc(rows * nf, sizeof *f), *t = calloc(rows * w, sizeof *t);
    air_unpack_fixed(&u, f, nm, nf);
    for (size_t r = 0; r < rows; r++)
        memcpy(t + r * w + nm, f + r * nf, nf * sizeof *f);
    air_unpack_trace(&u, t, w, (const int64_t *const *)g_values);
    unsigned char *seen = calloc(param0, 1), *eseen = calloc(n, 1);
    for (size_t r = 0; r < rows; r++) {
        const gl_t *row = t + r * w, *fx = row + nm;
        for (size_t l = 0; l < lanes; l++) {
            const gl_t *m = row + UP_LANE(l), *fl = fx + UF_LANE(l);
            if (fl[UF_PM]) {
                size_t idx = (size_t)fl[UF_PA] - 5000;
                assert_true(idx < param0);
                seen[idx]++;
                int k = 0;
                size_t i = idx;
                while (i >= zkml_tensor_len(k))
                    i -= zkml_tensor_len(k++);
                assert_int_equal(fl[UF_PM], uses[k]);
                gl_t wv = gl_sub(m[UP_U], fl[UF_OFF]);
                int64_t want = zkml_tensor_at(g_qm, k, i);
                assert_int_equal(wv, want < 0 ? gl_neg((gl_t)-want) : (gl_t)want);
                assert_int_equal(fl[UF_OFF], (gl_t)1 << (u.t[k].bits - 1));
                assert_true(m[UP_U] < (gl_t)1 << u.t[k].bits);
            }
            if (fl[UF_EM]) {
                size_t k = (size_t)fl[UF_EA] - 1000;
                assert_true(k < n);
                eseen[k]++;
                if (m[UP_PACK] != e[k])
                    fail_msg("element %zu: lanes %llu, native %llu", k,
                             (unsigned long long)m[UP_PACK], (unsigned long long)e[k]);
            }
        }
        if (fx[UF_HM(lanes)]) {
            size_t k = (size_t)fx[UF_HA(lanes)] - 1000;
            assert_true(k < u.n_header);
            eseen[k]++;
            assert_int_equal(fx[UF_HV(lanes)], e[k]);
        }
    }
    for (size_t i = 0; i < param0; i++)
        if (seen[i] != 1)
            fail_msg("parameter %zu written %d times", i, seen[i]);
    for (size_t k = 0; k < n; k++)
        if (eseen[k] != 1)
            fail_msg("element %zu written %d times", k, eseen[k]);
    free(seen);
    free(eseen);
    free(f);
    free(t);
    zk_free_secret(e, n, sizeof *e);
}

static void test_shipped_writes(void **state)
{
    (void)state;
    shipped_writes(4);
    shipped_writes(7);
}

/* The whole commitment from the raw parameters: model-commit on the
 * shipped model, 2^16 rows, digest zkml_model_hash_gl's. */
static void test_shipped_commit(void **state)
{
    (void)state;
    uint64_t head[ZKML_HEADER_MAX];
    size_t nh = zkml_hash_header(head, &g_s, g_qm);
    gl_t d[ZKML_GL_DIGEST];
    assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
    stark_air a;
    assert_int_equal(air_model_commit_new(&a, head, nh, (const int64_t *const *)g_values, 16),
                     ZK_OK);
    assert_int_equal(a.n_rows, 65536);
    assert_memory_equal(a.pub + nh, d, sizeof d);
    gl_t *t = zk_stark_full_trace(&a);
    stark_check_report rep;
    zk_stark_check_all(&a, t, &rep);
    if (!rep.ok)
        fail_msg("row %zu: %s", rep.row, a.cons[rep.constraint].name);
    hash_digest root;
    assert_int_equal(stark_air_fixed_root(&root, &a, 3), ZK_OK);
    char hex[2 * HASH_BYTES + 1];
    zk_hex_encode(hex, root.b, HASH_BYTES);
    if (a.fixed_root_log_blowup != 3 || memcmp(root.b, a.fixed_root.b, HASH_BYTES) != 0) {
        fprintf(stderr, "header:");
        for (size_t k = 0; k < nh; k++)
            fprintf(stderr, " %llu,", (unsigned long long)head[k]);
        fail_msg("the cached fixed root is not %s", hex);
    }
    print_message("# model-commit: %zu rows × %zu main + %zu fixed + %zu aux (extension)\n",
                  a.n_rows, a.n_main, a.n_fixed, a.n_aux);
    zk_free(t);
    stark_air_free(&a);
}

/* A small model: one layer, three inputs, two outputs. */
static const uint64_t small_head[12] = {1, 0, 1, 0, 3, 2, 4, 8, 4, 20, 4, 5};
static int64_t small_w[6] = {-8, 7, 0, 3, -1, 5}, small_b[2] = {-16, 15};

static void small_air(stark_air *a)
{
    const int64_t *vals[2] = {small_w, small_b};
    assert_int_equal(air_model_commit_new(a, small_head, 12, vals, 6), ZK_OK);
}

static void test_small(void **state)
{
    (void)state;
    stark_air a, v;
    small_air(&a);
    assert_int_equal(a.n_rows, 64);
    /* The digest is hash_no_pad of the header and the packed slots. */
    gl_t e[14] = {1, 0, 1, 0, 3, 2, 4, 8, 4, 20, 4, 5}, d[4];
    for (int i = 0; i < 6; i++)
        e[12] |= (gl_t)(small_w[i] + 8) << (4 * i);
    for (int i = 0; i < 2; i++)
        e[13] |= (gl_t)(small_b[i] + 16) << (5 * i);
    poseidon_gl_hash_no_pad(d, e, 14);
    assert_memory_equal(a.pub + 12, d, sizeof d);
    gl_t *t = zk_stark_full_trace(&a);
    stark_check_report rep;
    zk_stark_check_all(&a, t, &rep);
    assert_true(rep.ok);
    zk_free(t);
    zk_rng rng;
    zk_test_rng(&rng, "model-commit");
    stark_options o = zk_stark_small_options();
    zk_stark_prove_verify(&a, &o, &rng);
    uint64_t params[1] = {6};
    assert_int_equal(stark_air_from_statement(&v, "model-commit", params, 1, a.pub, 16), ZK_OK);
    stark_proof p;
    assert_int_equal(stark_prove(&p, &a, &o, &rng, NULL, NULL), ZK_OK);
    assert_int_equal(stark_verify(&p, &v, ANY_LEVEL, NULL), ZK_OK);
    p.pub[13] = v.pub[13] = gl_add(v.pub[13], 1);
    assert_int_equal(stark_verify(&p, &v, ANY_LEVEL, NULL), ZK_EVERIFY);
    stark_proof_free(&p);
    stark_air_free(&v);
    /* Statements it refuses: a salted header, R below a width. */
    gl_t bad[16];
    memcpy(bad, a.pub, sizeof bad);
    bad[3] = 1;
    assert_int_equal(stark_air_from_statement(&v, "model-commit", params, 1, bad, 16), ZK_EINVAL);
    params[0] = 4;
    assert_int_equal(stark_air_from_statement(&v, "model-commit", params, 1, a.pub, 16),
                     ZK_EINVAL);
    /* A packing step changed: refused at that row. */
    stark_air_vt vt;
    zk_stark_tamper(&a, &vt, 3, AIR_SPONGE_MAIN + UP_PACK);
    zk_stark_rejected(&a, 2, "unpack lane 0 PACK' = SH' PACK + U'", &rng);
    zk_stark_untamper(&a);
    stark_air_free(&a);
}

/* A weight one past its width (u = 2^b): the range lookup has no such
 * row and the LogUp sum does not close; the prover refuses. */
static void test_slot_out_of_range(void **state)
{
    (void)state;
    int64_t keep = small_w[1];
    small_w[1] = 8;
    stark_air a;
    small_air(&a);
    gl_t *t = zk_stark_full_trace(&a);
    stark_check_report rep;
    zk_stark_check_all(&a, t, &rep);
    assert_false(rep.ok);
    assert_int_equal(rep.row, a.n_rows - 1);
    assert_string_equal(a.cons[rep.constraint].name, "LogUp sum closes at 0");
    zk_free(t);
    stark_air_free(&a);
    small_w[1] = keep;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_writes),
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_slot_out_of_range),
        cmocka_unit_test(test_shipped_commit),
    };
    if (group_setup(NULL))
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    group_teardown(NULL);
    return failed;
}
