/* zkml/model_hash_gl: the STARK's model commitment on the shipped model.
 * Its elements against a packing written here bit by bit, its digest
 * against the sponge written here from the permutation, its size (the
 * permutations the AIR must prove), and a change in any one parameter of
 * any tensor, or in the header, changing the digest. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "hash/poseidon_gl.h"
#include "cnn_fixture.h"
#include "zkml/model_hash_gl.h"
#include "zkml/pipeline.h"
#include "zkml/tensors.h"

static nn_qmodel *g_qm;
static zkml_settings g_s;

static int group_setup(void **state)
{
    (void)state;
    if (cf_model_setup(&g_s))
        return -1;
    g_qm = cf_qm;
    return 0;
}

/* Tensor k's value i and its length, as zkml reads them (the BN254 hash's
 * tensors: layer k/2's weights or biases). */
static int64_t value(int k, size_t i)
{
    return zkml_tensor_at(g_qm, k, i);
}

static size_t length(int k)
{
    return zkml_tensor_len(k);
}

/* The least b with every value of tensor k in [-2^(b-1), 2^(b-1)). */
static int width(int k)
{
    for (int b = 1;; b++) {
        bool fits = true;
        for (size_t i = 0; i < length(k) && fits; i++)
            fits = value(k, i) >= -((int64_t)1 << (b - 1)) && value(k, i) < (int64_t)1 << (b - 1);
        if (fits)
            return b;
    }
}

/* Packs tensor k bit by bit into elements appended at e[*at..]. */
static void pack(gl_t *e, size_t *at, int k)
{
    int b = width(k);
    size_t per = (size_t)(63 / b), len = length(k);
    for (size_t i = 0; i < len; i++) {
        uint64_t u = (uint64_t)(value(k, i) + ((int64_t)1 << (b - 1)));
        for (int bit = 0; bit < b; bit++)
            if (u >> bit & 1)
                e[*at + i / per] += (gl_t)1 << (b * (int)(i % per) + bit);
    }
    *at += (len + per - 1) / per;
}

static void test_elements_and_digest(void **state)
{
    (void)state;
    gl_t *e;
    size_t n;
    assert_int_equal(zkml_hash_gl_elements(&e, &n, &g_s, g_qm), ZK_OK);
    /* The header, then the tensors packed bit by bit here. */
    uint64_t head[ZKML_HEADER_MAX];
    size_t nh = zkml_hash_header(head, &g_s, g_qm), at = nh;
    gl_t *want = calloc(n + 64, sizeof *want);
    for (size_t i = 0; i < nh; i++)
        want[i] = head[i];
    for (int k = 0; k < ZKML_TENSORS; k++)
        pack(want, &at, k);
    assert_int_equal(at, n);
    assert_memory_equal(e, want, n * sizeof *e);
    for (size_t i = 0; i < n; i++)
        assert_true(e[i] < (gl_t)1 << 63);
    /* The sponge: overwrite 8, permute; the first four. */
    gl_t st[POSEIDON_GL_WIDTH] = {0}, d[ZKML_GL_DIGEST];
    size_t perms = 0;
    for (size_t i = 0; i < n; i += 8, perms++) {
        for (size_t j = 0; j < 8 && i + j < n; j++)
            st[j] = want[i + j];
        poseidon_gl_permute(st);
    }
    assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
    assert_memory_equal(d, st, sizeof d);
    /* The size the STARK proves: at most the issue's ~3.3K permutations
     * (26K unpacked). */
    print_message("# %zu elements, %zu permutations\n", n, perms);
    assert_true(perms <= 3300);
    assert_true(perms > 206922 / 8 / 10);
    zk_free_secret(e, n, sizeof *e);
    free(want);
}

/* One parameter of each tensor changed (within its slot width), and one
 * header field: the digest changes. */
static void test_binding(void **state)
{
    (void)state;
    gl_t d0[ZKML_GL_DIGEST], d[ZKML_GL_DIGEST];
    assert_int_equal(zkml_model_hash_gl(d0, &g_s, g_qm), ZK_OK);
    for (int k = 0; k < ZKML_TENSORS; k++) {
        const nn_layer_info *L = &nn_layers[k / 2];
        size_t i = length(k) / 2;
        if (k % 2 == 0) {
            int32_t *w = &g_qm->w[L->weight_off + i], keep = *w;
            *w = keep == 0 ? 1 : 0;
            assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
            *w = keep;
        } else {
            size_t b0 = 0;
            for (int l = 0; l < k / 2; l++)
                b0 += nn_layers[l].biases;
            int64_t *b = &g_qm->bias[b0 + i], keep = *b;
            *b = keep == 0 ? 1 : 0;
            assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
            *b = keep;
        }
        if (memcmp(d, d0, sizeof d) == 0)
            fail_msg("tensor %d: a changed value keeps the digest", k);
    }
    g_qm->q.out_exp[1]++;
    assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
    g_qm->q.out_exp[1]--;
    assert_memory_not_equal(d, d0, sizeof d);
    assert_int_equal(zkml_model_hash_gl(d, &g_s, g_qm), ZK_OK);
    assert_memory_equal(d, d0, sizeof d);
    /* Only hashed, unsalted models. */
    zkml_settings t = g_s;
    t.params = ZKML_FIXED;
    assert_int_equal(zkml_model_hash_gl(d, &t, g_qm), ZK_EINVAL);
    t = g_s;
    t.salted = true;
    assert_int_equal(zkml_model_hash_gl(d, &t, g_qm), ZK_EINVAL);
}

/* The digest as text: 16 hex digits an element, most significant first
 * (a vector written here), and back; 63 or 65 digits, a non-digit, or an
 * element >= p refused. */
static void test_digest_hex(void **state)
{
    (void)state;
    const gl_t d[ZKML_GL_DIGEST] = {0x0123456789abcdefull, 1, GL_P - 1, 0xfedcba9800000000ull};
    char hex[ZKML_GL_DIGEST_HEX + 1];
    zkml_gl_digest_hex(hex, d);
    assert_string_equal(hex, "0123456789abcdef0000000000000001ffffffff00000000fedcba9800000000");
    gl_t back[ZKML_GL_DIGEST];
    assert_int_equal(zkml_gl_digest_parse(back, hex), ZK_OK);
    assert_memory_equal(back, d, sizeof d);
    assert_int_equal(zkml_gl_digest_parse(back, "0123456789ABCDEF0000000000000001ffffffff00000000"
                                                "FEDCBA9800000000"), ZK_OK);
    assert_memory_equal(back, d, sizeof d);
    static const char *bad[] = {
        "0123456789abcdef0000000000000001ffffffff00000000fedcba980000000",
        "0123456789abcdef0000000000000001ffffffff00000000fedcba98000000000",
        "0123456789abcdef0000000000000001ffffffff00000000fedcba980000000g",
        "0123456789abcdef0000000000000001ffffffff00000001fedcba9800000000",
        ""};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_int_equal(zkml_gl_digest_parse(back, bad[k]), ZK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elements_and_digest),
        cmocka_unit_test(test_binding),
        cmocka_unit_test(test_digest_hex),
    };
    if (group_setup(NULL))
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    cf_model_teardown();
    return failed;
}
