/* Lesson 11's STARK101 replica (stark/stark101.h) against every value the
 * tutorial's notebooks assert (starkware-industries/stark101, tutorial/
 * Stark101-part1..4.ipynb at commit 06a7e4d0f52cc2ead6357753a7e8d85a59b34a8b): the trace, f(2), the LDE and its Merkle root,
 * the constraint quotients at the test points, CP and its root, the FRI
 * layers, the last layer's constant and root, and the channel states after
 * the decommitment tests. */
#include "zk_test.h"

#include <stdio.h>
#include <string.h>

#include "stark/stark101.h"

static s101 S;
static s101_fri FRI_TEST, FRI_SESSION;

/* Parts 1 to 3 once, for all the tests (interpolating 1023 points and
 * building 24 SHA-256 trees is the slow part). */
static void setup(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    assert_int_equal(s101_part1(&S), ZK_OK);
    assert_int_equal(s101_part2(&S), ZK_OK);
    /* Part 3's test: FriCommit on part2()'s CP with a fresh channel. */
    s101_channel ch;
    s101_channel_init(&ch);
    assert_int_equal(s101_fri_commit(&FRI_TEST, S.cp, S.cp_eval, &ch), ZK_OK);
    /* Part 4 uses part3(): the tutorial session's own channel. */
    s101_channel session = S.ch;
    assert_int_equal(s101_fri_commit(&FRI_SESSION, S.cp, S.cp_eval, &session), ZK_OK);
}

static void test_part1(void **state)
{
    (void)state;
    setup();
    assert_int_equal(S.a[1022], 2338775057u);
    assert_int_equal(f101_pow(S.g, 1024), 1);
    assert_int_not_equal(f101_pow(S.g, 512), 1);
    f101_t v = 0;
    for (size_t i = S101_TRACE; i-- > 0;)
        v = f101_add(f101_mul(v, 2), S.f[i]);
    assert_int_equal(v, 1302089273u);
    /* sha256(str(H[1])) and sha256 of the whole LDE, serialised. */
    char hex[2 * HASH_BYTES + 1], s[24];
    /* str(H[1]): h is above p/2, so the tutorial prints it negative. */
    snprintf(s, sizeof s, "-%llu", (unsigned long long)(F101_P - S.h));
    hash_digest d;
    hash_sha256(&d, s, strlen(s));
    hash_to_hex(hex, &d);
    assert_string_equal(hex, "55fe9505f35b6d77660537f6541d441ec1bd919d03901210384c6aa1da2682ce");
    s101_hash_list(hex, S.f_eval, S101_DOMAIN, true);
    assert_string_equal(hex, "1d357f674c27194715d1440f6a166e30855550cb8cb8efeb72827f6a1bf9b5bb");
    assert_string_equal(S.f_tree.node[1],
                        "6c266a104eeaceae93c14ad799ce595ec8c2764359d7ad1b4b7c57a4da52be04");
}

static f101_t eval(const f101_t *p, size_t len, f101_t x)
{
    f101_t v = 0;
    for (size_t i = len; i-- > 0;)
        v = f101_add(f101_mul(v, x), p[i]);
    return v;
}

static void test_part2(void **state)
{
    (void)state;
    setup();
    assert_int_equal(eval(S.p0, S101_GROUP, 2718), 2509888982u);
    assert_int_equal(eval(S.p1, S101_GROUP, 5772), 232961446u);
    assert_int_not_equal(S.p2[1023], 0);   /* degree 1023 */
    assert_int_equal(eval(S.p2, S101_GROUP, 31415), 2090051528u);
    /* CP with alphas from a fresh channel: the notebook's test values. */
    s101_channel ch;
    s101_channel_init(&ch);
    f101_t cp[S101_GROUP], ev[S101_DOMAIN];
    s101_cp_from(&S, &ch, cp);
    assert_int_not_equal(cp[1023], 0);
    assert_int_equal(eval(cp, S101_GROUP, 2439804), 838767343u);
    assert_int_equal(s101_eval_domain(cp, S101_GROUP, ev), ZK_OK);
    s101_tree t;
    assert_int_equal(s101_tree_build(&t, ev, S101_DOMAIN), ZK_OK);
    assert_string_equal(t.node[1], "a8c87ef9764af3fa005a1a2cf3ec8db50e754ccb655be7597ead15ed4a9110f1");
    s101_tree_free(&t);
}

static void test_part3(void **state)
{
    (void)state;
    setup();
    char hex[2 * HASH_BYTES + 1];
    /* next_fri_domain(eval_domain) and next_fri_polynomial(cp, 987654321). */
    f101_t dom[S101_DOMAIN / 2], x = S.w;
    for (size_t i = 0; i < S101_DOMAIN / 2; i++) {
        dom[i] = f101_mul(x, x);
        x = f101_mul(x, S.h);
    }
    s101_hash_list(hex, dom, S101_DOMAIN / 2, false);
    assert_string_equal(hex, "5446c90d6ed23ea961513d4ae38fc6585f6614a3d392cb087e837754bfd32797");
    f101_t next[S101_GROUP / 2];
    size_t len = s101_fold_poly(next, S.cp, S101_GROUP, 987654321);
    s101_hash_list(hex, next, len, false);
    assert_string_equal(hex, "6bff4c35e1aa9693f9ceb1599b6a484d7636612be65990e726e52a32452c2154");
    /* The notebook's tiny case: 2 + 3x + x^3 folded with β = 7 is 23 + 7x. */
    f101_t p[4] = {2, 3, 0, 1}, q[2];
    assert_int_equal(s101_fold_poly(q, p, 4, 7), 2);
    assert_int_equal(q[0], 23);
    assert_int_equal(q[1], 7);
    assert_int_equal(f101_add(q[0], f101_mul(q[1], 9)), 86);
    /* FriCommit: 11 layers, the last of 8 equal values, its root, and the
     * channel state after. */
    assert_int_equal(FRI_TEST.n_layers, S101_LAYERS);
    assert_int_equal(FRI_TEST.size[S101_LAYERS - 1], 8);
    assert_int_equal(FRI_TEST.poly_len[S101_LAYERS - 1], 1);
    for (size_t i = 0; i < 8; i++)   /* FieldElement(-1138734538) */
        assert_int_equal(FRI_TEST.layer[S101_LAYERS - 1][i], F101_P - 1138734538u);
    assert_string_equal(FRI_TEST.tree[S101_LAYERS - 1].node[1],
                        "1c033312a4df82248bda518b319479c22ea87bd6e15a150db400eeff653ee2ee");
    s101_channel ch;
    s101_channel_init(&ch);
    s101_fri again;
    assert_int_equal(s101_fri_commit(&again, S.cp, S.cp_eval, &ch), ZK_OK);
    assert_string_equal(ch.state, "61452c72d8f4279b86fa49e9fb0fdef0246b396a4230a2bfb24e2d5d6bf79c2e");
    s101_fri_free(&again);
}

static void test_part4(void **state)
{
    (void)state;
    setup();
    s101_channel ch;
    s101_channel_init(&ch);
    static const size_t q1[] = {7527, 8168, 1190, 2668, 1262, 1889, 3828, 5798, 396, 2518};
    for (size_t i = 0; i < sizeof q1 / sizeof q1[0]; i++)
        assert_int_equal(s101_decommit_fri_layers(&FRI_SESSION, q1[i], &ch), ZK_OK);
    assert_string_equal(ch.state, "ad4fe9aaee0fbbad0130ae0fda896393b879c5078bf57d6c705ec41ce240861b");
    s101_channel_init(&ch);
    static const size_t q2[] = {8134, 1110, 1134, 6106, 7149, 4796, 144, 4738, 957};
    for (size_t i = 0; i < sizeof q2 / sizeof q2[0]; i++)
        assert_int_equal(s101_decommit_query(&S, &FRI_SESSION, q2[i], &ch), ZK_OK);
    assert_string_equal(ch.state, "16a72acce8d10ffb318f8f5cd557930e38cdba236a40439c9cf04aaf650cfb96");
    s101_channel_init(&ch);
    size_t q[3];
    assert_int_equal(s101_decommit(&S, &FRI_SESSION, &ch, q), ZK_OK);
    assert_string_equal(ch.state, "eb96b3b77fe6cd48cfb388467c72440bdf035c51d0cfe8b4c003dd1e65e952fd");
    s101_fri_free(&FRI_TEST);
    s101_fri_free(&FRI_SESSION);
    s101_free(&S);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_part1),
        cmocka_unit_test(test_part2),
        cmocka_unit_test(test_part3),
        cmocka_unit_test(test_part4),
    };
    return ZK_RUN_TESTS(tests);
}
