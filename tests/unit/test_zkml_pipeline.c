/* The zkML workflow (zkml/pipeline.h) on a reduced model, fc2 alone (its
 * input, fc1's activations of a real MNIST digit, private): keys made once
 * and found again in the cache without a setup; proofs whose statement is
 * nn_qinfer's logits; a changed logit, a changed model hash, a missing
 * signal, a key of another circuit, a damaged cache entry, each refused;
 * another model with the same circuit (one weight moved by one step) gets
 * a valid proof that is reported as about another model; and the forgery
 * of private visibility: fc2's weights zero and its biases z·2^r prove
 * "the logits are z" for any image under the honest model's key. */
#define _XOPEN_SOURCE 700

#include "zk_test.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "nn/digit_png.h"
#include "nn/model_file.h"
#include "zkml/pipeline.h"

static char g_cache[64];
static nn_cnn g_cnn;
static zkml_settings g_s;
static nn_qparams g_q;

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    snprintf(g_cache, sizeof g_cache, "/tmp/zk_pipeline_XXXXXX");
    if (!mkdtemp(g_cache))
        return -1;
    setenv("XDG_CACHE_HOME", g_cache, 1);
    char why[300];
    if (nn_model_load(&g_cnn, "assets/" NN_MODEL_FILE, NULL, NULL, why, sizeof why) ||
        zkml_settings_load(&g_s, &g_q, "assets/" ZKML_SETTINGS_FILE, why, sizeof why)) {
        fprintf(stderr, "# %s\n", why);
        return -1;
    }
    g_s.first_layer = 3;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    nn_cnn_free(&g_cnn);
    nftw(g_cache, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

static void load_digit(uint8_t img[NN_PIXELS], const char *name)
{
    char path[256], why[300];
    snprintf(path, sizeof path, "assets/digits/%s", name);
    assert_int_equal(nn_digit_load_png(img, path, NULL, why, sizeof why), ZK_OK);
}

static void model(zkml_model *m, const nn_cnn *cnn, zkml_visibility v)
{
    zkml_settings s = g_s;
    s.params = v;
    char why[300] = "";
    zk_err err = zkml_model_init(m, cnn, &g_q, &s, NULL, why, sizeof why);
    if (err)
        fprintf(stderr, "# %s\n", why);
    assert_int_equal(err, ZK_OK);
}

/* Counts the setups an ensure runs. */
static bool count_setups(void *user, const zk_event *ev)
{
    if (ev->kind == ZK_EV_BEGIN && strcmp(ev->phase, "pipeline_setup") == 0)
        ++*(int *)user;
    return true;
}

static void keys(zkml_keys *k, const zkml_model *m, int *setups)
{
    char why[600] = "";
    zk_events ev = {count_setups, setups};
    zk_err err = zkml_keys_ensure(k, m, &ev, why, sizeof why);
    if (err)
        fprintf(stderr, "# %s\n", why);
    assert_int_equal(err, ZK_OK);
    assert_true(k->zkey[0] != 0);
}

static void prove(zkml_proof *p, const zkml_model *m, const zkml_keys *k, const char *digit)
{
    uint8_t img[NN_PIXELS];
    load_digit(img, digit);
    zkml_report rep;
    zk_err err = zkml_prove_image(p, m, k, img, NULL, &rep);
    if (err)
        fprintf(stderr, "# %s\n", rep.msg);
    assert_int_equal(err, ZK_OK);
}

static zkml_verdict verdict(const zkml_model *m, const groth16_vk *vk, const fr_t *pub, size_t n,
                            const groth16_proof *proof, const fr_t *expected, zkml_verified *out)
{
    char why[300] = "";
    zk_err err = zkml_verify(out, vk, &m->layout, pub, n, proof, expected, NULL, why,
                             sizeof why);
    if (err)
        fprintf(stderr, "# %s\n", why);
    assert_int_equal(err, ZK_OK);
    return out->verdict;
}

/* The statement is nn_qinfer's, the key is cached, the next ensure finds
 * it without a setup, and what the cache holds verifies. */
static void test_cache_and_statement(void **state)
{
    (void)state;
    zkml_model m;
    model(&m, &g_cnn, ZKML_HASHED);
    zkml_keys k;
    char why[600];
    assert_int_equal(zkml_keys_find(&k, &m, why, sizeof why), ZK_ENOENT);
    int setups = 0;
    keys(&k, &m, &setups);
    assert_int_equal(setups, 1);
    assert_true(k.made);
    assert_non_null(k.pk);

    uint8_t img[NN_PIXELS];
    load_digit(img, "7_0000.png");
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    int pred;
    assert_int_equal(nn_qinfer(m.qm, img, tr, &pred, NULL), ZK_OK);
    zkml_proof p;
    prove(&p, &m, &k, "7_0000.png");
    assert_int_equal(p.stmt.cls, 7);
    assert_int_equal(pred, 7);
    for (int j = 0; j < NN_CLASSES; j++)
        assert_int_equal(p.stmt.logits[j], tr->z[j]);
    assert_true(fr_eq(&p.stmt.model_hash, &m.hash));
    zk_free(tr);
    zkml_keys_free(&k);

    keys(&k, &m, &setups);
    assert_int_equal(setups, 1);   /* a hit: no second setup */
    assert_false(k.made);
    assert_null(k.pk);
    zkml_verified v;
    assert_int_equal(verdict(&m, &k.vk, p.pub, p.n_pub, &p.proof, &m.hash, &v), ZKML_VALID);
    assert_int_equal(v.stmt.cls, 7);
    /* from the cached file this time */
    zkml_proof p2;
    prove(&p2, &m, &k, "2_0001.png");
    assert_int_equal(p2.stmt.cls, 2);
    assert_int_equal(verdict(&m, &k.vk, p2.pub, p2.n_pub, &p2.proof, &m.hash, &v), ZKML_VALID);

    /* a proof of another image with these public signals */
    assert_int_equal(verdict(&m, &k.vk, p.pub, p.n_pub, &p2.proof, &m.hash, &v), ZKML_INVALID);
    zkml_proof_free(&p2);
    zkml_proof_free(&p);
    zkml_keys_free(&k);
    zkml_model_free(&m);
}

/* One logit, the model hash, a missing signal, a key of another circuit. */
static void test_tampering(void **state)
{
    (void)state;
    zkml_model m;
    model(&m, &g_cnn, ZKML_HASHED);
    zkml_keys k;
    int setups = 0;
    keys(&k, &m, &setups);
    zkml_proof p;
    prove(&p, &m, &k, "7_0000.png");
    fr_t *pub = zk_alloc(p.n_pub, sizeof *pub);
    zkml_verified v;

    zkml_public st = p.stmt;
    st.logits[0] += 1;   /* still below class 7's logit: the statement decodes */
    assert_int_equal(zkml_public_encode(pub, &m.layout, &st), ZK_OK);
    assert_int_equal(verdict(&m, &k.vk, pub, p.n_pub, &p.proof, &m.hash, &v), ZKML_INVALID);
    assert_int_equal(v.stmt.logits[0], p.stmt.logits[0] + 1);

    st = p.stmt;
    fr_t one;
    fr_one(&one);
    fr_add(&st.model_hash, &st.model_hash, &one);
    assert_int_equal(zkml_public_encode(pub, &m.layout, &st), ZK_OK);
    assert_int_equal(verdict(&m, &k.vk, pub, p.n_pub, &p.proof, &m.hash, &v), ZKML_INVALID);
    assert_true(v.model_checked);
    assert_false(v.model_matches);

    char why[300];
    assert_int_equal(zkml_verify(&v, &k.vk, &m.layout, p.pub, p.n_pub - 1, &p.proof, &m.hash,
                                 NULL, why, sizeof why),
                     ZK_EFORMAT);
    /* the class must be the first largest logit: the circuit proves it is */
    memcpy(pub, p.pub, p.n_pub * sizeof *pub);
    fr_from_u64(&pub[m.layout.cls], 3);
    assert_int_equal(zkml_verify(&v, &k.vk, &m.layout, pub, p.n_pub, &p.proof, &m.hash, NULL,
                                 why, sizeof why),
                     ZK_EFORMAT);

    /* a key with another number of public inputs */
    groth16_vk other = k.vk;
    other.n_public = k.vk.n_public - 1;
    assert_int_equal(zkml_verify(&v, &other, &m.layout, p.pub, p.n_pub, &p.proof, &m.hash, NULL,
                                 why, sizeof why),
                     ZK_EINVAL);
    zk_free(pub);
    zkml_proof_free(&p);
    zkml_keys_free(&k);
    zkml_model_free(&m);
}

/* A model one weight step away: the same circuit (and key), another model
 * hash; its valid proof is "another model" to whoever expects the first. */
static void test_other_model(void **state)
{
    (void)state;
    zkml_model a, b;
    model(&a, &g_cnn, ZKML_HASHED);
    nn_cnn other;
    assert_int_equal(nn_cnn_init(&other), ZK_OK);
    memcpy(other.p, g_cnn.p, NN_PARAMS * sizeof *other.p);
    const nn_layer_info *L = &nn_layers[NN_LAYERS - 1];
    size_t small = 0;
    for (size_t i = 1; i < L->weights; i++)
        if (fabsf(other.p[L->weight_off + i]) < fabsf(other.p[L->weight_off + small]))
            small = i;
    /* one quantization step (2^-w_exp) up: an integer weight moves by 1,
     * far inside its slot */
    other.p[L->weight_off + small] += ldexpf(1.0f, -g_q.w_exp[NN_LAYERS - 1]);
    model(&b, &other, ZKML_HASHED);
    assert_memory_equal(a.id, b.id, sizeof a.id);
    assert_false(fr_eq(&a.hash, &b.hash));

    zkml_keys k;
    int setups = 0;
    keys(&k, &a, &setups);
    zkml_proof p;
    prove(&p, &b, &k, "7_0000.png");
    zkml_verified v;
    assert_int_equal(verdict(&a, &k.vk, p.pub, p.n_pub, &p.proof, &a.hash, &v), ZKML_OTHER_MODEL);
    assert_true(v.pairing);
    assert_true(fr_eq(&v.stmt.model_hash, &b.hash));
    assert_int_equal(verdict(&a, &k.vk, p.pub, p.n_pub, &p.proof, &b.hash, &v), ZKML_VALID);
    assert_int_equal(verdict(&a, &k.vk, p.pub, p.n_pub, &p.proof, NULL, &v), ZKML_VALID);
    assert_false(v.model_checked);
    zkml_proof_free(&p);
    zkml_keys_free(&k);
    zkml_model_free(&a);
    zkml_model_free(&b);
    nn_cnn_free(&other);
}

/* Private visibility binds nothing: the forged model proves chosen logits
 * under the honest model's key; hashed visibility names it another model. */
static void test_private_forgery(void **state)
{
    (void)state;
    static const int64_t z[NN_CLASSES] = {-40, 12, 0, 300, -7, 5, 1, 2, -100, 64};
    nn_cnn forged;
    assert_int_equal(zkml_forge_logits(&forged, &g_cnn, &g_q, z), ZK_OK);
    zkml_model honest, fake;
    model(&honest, &g_cnn, ZKML_PRIVATE);
    model(&fake, &forged, ZKML_PRIVATE);
    assert_memory_equal(honest.id, fake.id, sizeof honest.id);
    assert_false(honest.has_hash);
    zkml_keys k;
    int setups = 0;
    keys(&k, &honest, &setups);
    zkml_verified v;
    static const char *const digits[] = {"7_0000.png", "0_0003.png"};
    for (int d = 0; d < 2; d++) {
        zkml_proof p;
        prove(&p, &fake, &k, digits[d]);
        assert_int_equal(verdict(&honest, &k.vk, p.pub, p.n_pub, &p.proof, NULL, &v), ZKML_VALID);
        assert_int_equal(v.stmt.cls, 3);
        for (int j = 0; j < NN_CLASSES; j++)
            assert_int_equal(v.stmt.logits[j], z[j]);
        zkml_proof_free(&p);
    }
    /* a logit that does not fit fc2's accumulator cannot be forged so */
    int64_t big[NN_CLASSES] = {0};
    big[0] = (int64_t)1 << 40;
    nn_cnn none;
    assert_int_equal(zkml_forge_logits(&none, &g_cnn, &g_q, big), ZK_EINVAL);

    zkml_model hashed, hashed_fake;
    model(&hashed, &g_cnn, ZKML_HASHED);
    model(&hashed_fake, &forged, ZKML_HASHED);
    assert_false(fr_eq(&hashed.hash, &hashed_fake.hash));

    /* a vk.json that is not the one meta.json pinned: a damaged entry */
    zkml_keys_free(&k);
    char why[600];
    assert_int_equal(zkml_keys_find(&k, &honest, why, sizeof why), ZK_OK);
    FILE *f = fopen(k.vk_path, "a");
    assert_non_null(f);
    fputs(" ", f);
    fclose(f);
    zkml_keys_free(&k);
    assert_int_equal(zkml_keys_find(&k, &honest, why, sizeof why), ZK_EFORMAT);
    assert_non_null(strstr(why, "SHA-256"));
    zkml_keys_free(&k);
    zkml_model_free(&hashed);
    zkml_model_free(&hashed_fake);
    zkml_model_free(&honest);
    zkml_model_free(&fake);
    nn_cnn_free(&forged);
}

/* The circuit of a file is recognised term for term. */
static void test_same_circuit(void **state)
{
    (void)state;
    zkml_model m;
    model(&m, &g_cnn, ZKML_HASHED);
    zkml_circuit c;
    char why[300];
    assert_int_equal(zkml_compile(&c, &m.s, m.qm, NULL, why, sizeof why), ZK_OK);
    groth16_cs cs;
    assert_int_equal(groth16_cs_from_r1cs(&cs, &c.cs), ZK_OK);
    assert_int_equal(zkml_same_circuit(&m, &cs, NULL, why, sizeof why), ZK_OK);
    fr_t one;
    fr_one(&one);
    fr_add(&cs.terms[cs.n_terms / 2].coef, &cs.terms[cs.n_terms / 2].coef, &one);
    assert_int_equal(zkml_same_circuit(&m, &cs, NULL, why, sizeof why), ZK_EVERIFY);
    assert_non_null(strstr(why, "constraint"));
    groth16_cs_free(&cs);
    zkml_circuit_free(&c);
    zkml_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_and_statement),
        cmocka_unit_test(test_tampering),
        cmocka_unit_test(test_other_model),
        cmocka_unit_test(test_private_forgery),
        cmocka_unit_test(test_same_circuit),
    };
    if (group_setup(NULL))
        return 1;
    int failed = ZK_RUN_TESTS(tests);
    group_teardown(NULL);
    return failed;
}
