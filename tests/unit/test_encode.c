/* Point encodings: every EIP-196 ecAdd/ecMul vector of go-ethereum, the G1 and
 * G2 points of the EIP-197 pairing vectors and of a snarkjs proof and key
 * (decode, re-encode byte for byte), round trips of every format, and crafted
 * bad inputs for each error the decoders promise. */
#include "zk_test.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "curve/encode.h"
#include "field/field.h"

/* ---- helpers ----------------------------------------------------------------- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
}

/* Decodes hex into out[0..cap), zero-padding short input and dropping the
 * rest of long input, as the precompiles do. */
static void hex_to_padded(uint8_t *out, size_t cap, const char *hex)
{
    memset(out, 0, cap);
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = (uint8_t)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
}

static cJSON *load_json(const char *rel)
{
    char *text = zk_test_read_shared(rel);
    cJSON *j = cJSON_Parse(text);
    free(text);
    assert_non_null(j);
    return j;
}

/* A point of the twist outside G2 (a random one is, but for 1 in 10^76). */
static void random_g2_on_twist(g2_aff *r, zk_rng *rng)
{
    g2_random_on_twist_var(r, rng);
    assert_false(g2_is_in_subgroup_var(r));
}

/* q as 32 big-endian bytes, plus delta in the last byte. */
static void q_plus(uint8_t out[32], unsigned delta)
{
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 8; b++)
            out[31 - (8 * i + b)] = (uint8_t)(fq_params.p[i] >> (8 * b));
    out[31] = (uint8_t)(out[31] + delta);   /* no carry: q ends in 0x47 */
}

/* ---- EIP-196 vectors --------------------------------------------------------- */

static void test_eip196_add(void **state)
{
    (void)state;
    cJSON *root = load_json("vectors/eip196_197/bn256Add.json");
    int count = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, root)
    {
        uint8_t in[128], want[64], got[64];
        hex_to_padded(in, sizeof in, cJSON_GetObjectItem(c, "Input")->valuestring);
        hex_to_padded(want, sizeof want, cJSON_GetObjectItem(c, "Expected")->valuestring);
        g1_aff a, b, s;
        assert_int_equal(g1_decode_eip196(&a, in, 64), ZK_OK);
        assert_int_equal(g1_decode_eip196(&b, in + 64, 64), ZK_OK);
        g1_jac pa, r;
        g1_from_aff(&pa, &a);
        g1_add_mixed_var(&r, &pa, &b);
        g1_to_aff(&s, &r);
        g1_encode_eip196(got, &s);
        if (memcmp(got, want, 64) != 0)
            fail_msg("ecAdd vector %s", cJSON_GetObjectItem(c, "Name")->valuestring);
        count++;
    }
    assert_int_equal(count, 16);
    cJSON_Delete(root);
}

static void test_eip196_mul(void **state)
{
    (void)state;
    cJSON *root = load_json("vectors/eip196_197/bn256ScalarMul.json");
    int count = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, root)
    {
        uint8_t in[96], want[64], got[64];
        hex_to_padded(in, sizeof in, cJSON_GetObjectItem(c, "Input")->valuestring);
        hex_to_padded(want, sizeof want, cJSON_GetObjectItem(c, "Expected")->valuestring);
        g1_aff a, s;
        assert_int_equal(g1_decode_eip196(&a, in, 64), ZK_OK);
        /* Any 256-bit scalar, used as it is (no reduction mod r). */
        uint64_t k[4] = {0};
        for (int i = 0; i < 32; i++)
            k[(31 - i) / 8] |= (uint64_t)in[64 + i] << (8 * ((31 - i) % 8));
        g1_jac p, r;
        g1_from_aff(&p, &a);
        g1_mul_var(&r, &p, k);
        g1_to_aff_var(&s, &r);
        g1_encode_eip196(got, &s);
        if (memcmp(got, want, 64) != 0)
            fail_msg("ecMul vector %s (wNAF)", cJSON_GetObjectItem(c, "Name")->valuestring);
        g1_mul(&r, &p, k);
        g1_to_aff(&s, &r);
        g1_encode_eip196(got, &s);
        if (memcmp(got, want, 64) != 0)
            fail_msg("ecMul vector %s (constant-time)", cJSON_GetObjectItem(c, "Name")->valuestring);
        count++;
    }
    assert_int_equal(count, 19);
    cJSON_Delete(root);
}

/* The pairing vectors' points: 12 + 2 valid cases, all points in their groups. */
static void test_eip197_points(void **state)
{
    (void)state;
    cJSON *root = load_json("vectors/eip196_197/bn256Pairing.json");
    int g2_points = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, root)
    {
        const char *hex = cJSON_GetObjectItem(c, "Input")->valuestring;
        size_t len = strlen(hex) / 2;
        assert_int_equal(len % 192, 0);
        for (size_t off = 0; off < len; off += 192) {
            uint8_t in[192], out[128];
            hex_to_padded(in, sizeof in, hex + 2 * off);
            g1_aff a;
            g2_aff b;
            assert_int_equal(g1_decode_eip196(&a, in, 64), ZK_OK);
            assert_int_equal(g2_decode_eip197(&b, in + 64, 128), ZK_OK);
            g1_encode_eip196(out, &a);
            assert_memory_equal(out, in, 64);
            g2_encode_eip197(out, &b);
            assert_memory_equal(out, in + 64, 128);
            g2_points += !b.inf;
        }
    }
    assert_true(g2_points >= 20);
    cJSON_Delete(root);
}

/* ---- bad inputs ---------------------------------------------------------------- */

static void test_decode_rejects(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "decode_rejects");
    uint8_t b64[64], b128[128], keep[sizeof(g2_aff)];
    g1_aff a = g1_generator;
    g2_aff g;

    /* Wrong lengths, one byte short or long, and empty: never read. */
    uint8_t big[129] = {0};
    const size_t sizes[6] = {G1_EIP196_BYTES, G2_EIP197_BYTES, G1_LEM_BYTES,
                             G2_LEM_BYTES, G1_COMPRESSED_BYTES, G2_COMPRESSED_BYTES};
    for (int f = 0; f < 6; f++) {
        const size_t lens[3] = {0, sizes[f] - 1, sizes[f] + 1};
        for (int l = 0; l < 3; l++) {
            zk_err e1 = ZK_OK;
            switch (f) {
            case 0: e1 = g1_decode_eip196(&a, big, lens[l]); break;
            case 1: e1 = g2_decode_eip197(&g, big, lens[l]); break;
            case 2: e1 = g1_decode_lem(&a, big, lens[l]); break;
            case 3: e1 = g2_decode_lem(&g, big, lens[l], true); break;
            case 4: e1 = g1_decode_compressed(&a, big, lens[l]); break;
            default: e1 = g2_decode_compressed(&g, big, lens[l]); break;
            }
            assert_int_equal(e1, ZK_EFORMAT);
        }
    }

    /* G1, big-endian: x or y equal to q or above; off the curve. */
    for (int coord = 0; coord < 2; coord++) {
        for (unsigned d = 0; d < 2; d++) {
            g1_encode_eip196(b64, &g1_generator);
            q_plus(b64 + 32 * coord, d);
            assert_int_equal(g1_decode_eip196(&a, b64, 64), ZK_ENONCANONICAL);
        }
    }
    memset(b64, 0xff, 64);
    assert_int_equal(g1_decode_eip196(&a, b64, 64), ZK_ENONCANONICAL);
    g1_encode_eip196(b64, &g1_generator);
    b64[63] = 3;   /* (1, 3) */
    assert_int_equal(g1_decode_eip196(&a, b64, 64), ZK_ENOTONCURVE);
    memset(b64, 0, 64);
    b64[63] = 1;   /* (0, 1) */
    assert_int_equal(g1_decode_eip196(&a, b64, 64), ZK_ENOTONCURVE);
    assert_true(g1_aff_eq(&a, &g1_generator));   /* untouched */

    /* G2, big-endian: each of the four coordinates >= q; off the curve;
     * on the twist but outside G2. */
    for (int coord = 0; coord < 4; coord++) {
        g2_encode_eip197(b128, &g2_generator);
        q_plus(b128 + 32 * coord, (unsigned)coord % 2);
        assert_int_equal(g2_decode_eip197(&g, b128, 128), ZK_ENONCANONICAL);
    }
    g2_encode_eip197(b128, &g2_generator);
    b128[127] ^= 1;
    assert_int_equal(g2_decode_eip197(&g, b128, 128), ZK_ENOTONCURVE);
    g2_aff twist;
    random_g2_on_twist(&twist, &rng);
    g2_encode_eip197(b128, &twist);
    g = g2_generator;
    assert_int_equal(g2_decode_eip197(&g, b128, 128), ZK_ENOTINSUBGROUP);
    memcpy(keep, &g, sizeof g);
    assert_memory_equal(keep, &g2_generator, sizeof g);

    /* LEM: limbs >= q, off-curve, outside G2 (and accepted when the caller
     * waives the subgroup check). */
    g1_encode_lem(b64, &g1_generator);
    for (int i = 0; i < 32; i++)
        b64[32 + i] = (uint8_t)(fq_params.p[i / 8] >> (8 * (i % 8)));
    assert_int_equal(g1_decode_lem(&a, b64, 64), ZK_ENONCANONICAL);
    b64[32] ^= 1;   /* q is odd, so this is y = q - 1: canonical, off the curve */
    assert_int_equal(g1_decode_lem(&a, b64, 64), ZK_ENOTONCURVE);
    g2_encode_lem(b128, &twist);
    assert_int_equal(g2_decode_lem(&g, b128, 128, true), ZK_ENOTINSUBGROUP);
    assert_int_equal(g2_decode_lem(&g, b128, 128, false), ZK_OK);
    assert_true(g2_aff_eq(&g, &twist));
    b128[64] ^= 1;
    assert_int_equal(g2_decode_lem(&g, b128, 128, false), ZK_ENOTONCURVE);

    /* Compressed: no flag, junk with the infinity flag, x >= q, x with no
     * point, outside G2. */
    uint8_t c32[32], c64[64];
    g1_encode_compressed(c32, &g1_generator);
    c32[0] &= 0x3f;
    assert_int_equal(g1_decode_compressed(&a, c32, 32), ZK_EFORMAT);
    memset(c32, 0, 32);
    c32[0] = 0x40;
    c32[31] = 1;
    assert_int_equal(g1_decode_compressed(&a, c32, 32), ZK_EFORMAT);
    q_plus(c32, 0);
    c32[0] |= 0x80;
    assert_int_equal(g1_decode_compressed(&a, c32, 32), ZK_ENONCANONICAL);
    memset(c32, 0, 32);
    c32[0] = 0x80;   /* x = 0: y^2 = 3 has no root */
    assert_int_equal(g1_decode_compressed(&a, c32, 32), ZK_ENOTONCURVE);
    g2_encode_compressed(c64, &twist);
    assert_int_equal(g2_decode_compressed(&g, c64, 64), ZK_ENOTINSUBGROUP);
    c64[0] &= 0x3f;
    assert_int_equal(g2_decode_compressed(&g, c64, 64), ZK_EFORMAT);
    int nonsquare = 0;
    for (int t = 0; t < 20 && !nonsquare; t++) {
        fq2_t x, rhs, y;
        fq2_random(&x, &rng);
        fq2_sqr(&rhs, &x);
        fq2_mul(&rhs, &rhs, &x);
        fq2_add(&rhs, &rhs, &g2_b);
        if (fq2_sqrt_var(&y, &rhs) == ZK_OK)
            continue;
        g2_aff fake = {x, x, false};
        g2_encode_compressed(c64, &fake);
        assert_int_equal(g2_decode_compressed(&g, c64, 64), ZK_ENOTONCURVE);
        nonsquare = 1;
    }
    assert_true(nonsquare);
}

/* ---- round trips ----------------------------------------------------------------- */

static void test_round_trips(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "round_trips");
    for (int it = 0; it < 40; it++) {
        g1_aff a, b;
        g2_aff g, h;
        if (it == 0) {
            g1_aff_set_inf(&a);
            g2_aff_set_inf(&g);
        } else {
            g1_random_var(&a, &rng);
            g2_random_var(&g, &rng);
        }
        uint8_t buf[128];
        g1_encode_eip196(buf, &a);
        assert_int_equal(g1_decode_eip196(&b, buf, 64), ZK_OK);
        assert_true(g1_aff_eq(&a, &b));
        g1_encode_lem(buf, &a);
        assert_int_equal(g1_decode_lem(&b, buf, 64), ZK_OK);
        assert_true(g1_aff_eq(&a, &b));
        g1_encode_compressed(buf, &a);
        assert_int_equal(g1_decode_compressed(&b, buf, 32), ZK_OK);
        assert_true(g1_aff_eq(&a, &b));
        g1_aff_neg(&a, &a);   /* the other sign of y */
        g1_encode_compressed(buf, &a);
        assert_int_equal(g1_decode_compressed(&b, buf, 32), ZK_OK);
        assert_true(g1_aff_eq(&a, &b));

        g2_encode_eip197(buf, &g);
        assert_int_equal(g2_decode_eip197(&h, buf, 128), ZK_OK);
        assert_true(g2_aff_eq(&g, &h));
        g2_encode_lem(buf, &g);
        assert_int_equal(g2_decode_lem(&h, buf, 128, true), ZK_OK);
        assert_true(g2_aff_eq(&g, &h));
        g2_encode_compressed(buf, &g);
        assert_int_equal(g2_decode_compressed(&h, buf, 64), ZK_OK);
        assert_true(g2_aff_eq(&g, &h));
        g2_aff_neg(&g, &g);
        g2_encode_compressed(buf, &g);
        assert_int_equal(g2_decode_compressed(&h, buf, 64), ZK_OK);
        assert_true(g2_aff_eq(&g, &h));
        if (it == 1) {
            /* With y.c1 = 0 the sign is decided by c0: y and -y (not a
             * curve point, but the flag rule does not care) get different
             * flags. */
            fq2_t y = g.y;
            fq_zero(&y.c1);
            g2_aff r1 = {g.x, y, false};
            uint8_t e1[64], e2[64];
            g2_encode_compressed(e1, &r1);
            fq2_neg(&r1.y, &r1.y);
            g2_encode_compressed(e2, &r1);
            assert_int_not_equal(e1[0] & 0xc0, e2[0] & 0xc0);
        }

        cJSON *j = g1_to_json(&a);
        assert_non_null(j);
        assert_int_equal(g1_from_json(&b, j), ZK_OK);
        assert_true(g1_aff_eq(&a, &b));
        cJSON_Delete(j);
        j = g2_to_json(&g);
        assert_non_null(j);
        assert_int_equal(g2_from_json(&h, j), ZK_OK);
        assert_true(g2_aff_eq(&g, &h));
        cJSON_Delete(j);
    }
}

/* Known bytes: the Montgomery form of the generator's x = 1 is R mod q, and
 * gnark compresses (1, 2) to 0x80 00 … 01 (2 is the smaller root). */
static void test_known_bytes(void **state)
{
    (void)state;
    uint8_t buf[64], want[64] = {0};
    g1_encode_lem(buf, &g1_generator);
    for (int i = 0; i < 32; i++)
        want[i] = (uint8_t)(fq_params.one[i / 8] >> (8 * (i % 8)));
    assert_memory_equal(buf, want, 32);
    g1_encode_compressed(buf, &g1_generator);
    memset(want, 0, 32);
    want[0] = 0x80;
    want[31] = 1;
    assert_memory_equal(buf, want, 32);
    g1_aff inf;
    g1_aff_set_inf(&inf);
    g1_encode_compressed(buf, &inf);
    memset(want, 0, 32);
    want[0] = 0x40;
    assert_memory_equal(buf, want, 32);
    g1_encode_lem(buf, &inf);
    memset(want, 0, 64);
    assert_memory_equal(buf, want, 64);

    /* G2 LEM order is c0 first, EIP-197 is c1 first. */
    uint8_t lem[128], eip[128];
    g2_encode_lem(lem, &g2_generator);
    g2_encode_eip197(eip, &g2_generator);
    fq_t c;
    for (int i = 0; i < 4; i++) {
        int eip_slot = i ^ 1;   /* x.c0 is the second EIP-197 word, x.c1 the first */
        assert_int_equal(fq_from_bytes_be(&c, eip + 32 * eip_slot), ZK_OK);
        uint8_t le[32];
        for (int k = 0; k < 32; k++)
            le[k] = (uint8_t)(c.v[k / 8] >> (8 * (k % 8)));
        assert_memory_equal(le, lem + 32 * i, 32);
    }
}

/* ---- snarkjs JSON -------------------------------------------------------------- */

static void assert_json_same(const cJSON *a, const cJSON *b)
{
    char *sa = cJSON_PrintUnformatted(a), *sb = cJSON_PrintUnformatted(b);
    assert_string_equal(sa, sb);
    free(sa);
    free(sb);
}

static void test_snarkjs_json(void **state)
{
    (void)state;
    cJSON *vk = load_json("vectors/snarkjs_groth16/verification_key.json");
    cJSON *proof = load_json("vectors/snarkjs_groth16/proof.json");
    g1_aff a;
    g2_aff g;
    const char *g1_keys[] = {"vk_alpha_1", "pi_a", "pi_c"};
    const char *g2_keys[] = {"vk_beta_2", "vk_gamma_2", "vk_delta_2", "pi_b"};
    for (size_t i = 0; i < ZK_ARRAY_LEN(g1_keys); i++) {
        const cJSON *j = cJSON_GetObjectItem(i ? proof : vk, g1_keys[i]);
        assert_int_equal(g1_from_json(&a, j), ZK_OK);
        cJSON *back = g1_to_json(&a);
        assert_json_same(back, j);
        cJSON_Delete(back);
    }
    for (size_t i = 0; i < ZK_ARRAY_LEN(g2_keys); i++) {
        const cJSON *j = cJSON_GetObjectItem(i == 3 ? proof : vk, g2_keys[i]);
        assert_int_equal(g2_from_json(&g, j), ZK_OK);
        cJSON *back = g2_to_json(&g);
        assert_json_same(back, j);
        cJSON_Delete(back);
    }
    const cJSON *ic;
    int n_ic = 0;
    cJSON_ArrayForEach(ic, cJSON_GetObjectItem(vk, "IC"))
    {
        assert_int_equal(g1_from_json(&a, ic), ZK_OK);
        n_ic++;
    }
    assert_int_equal(n_ic, 2);
    cJSON_Delete(vk);
    cJSON_Delete(proof);

    /* Infinity as snarkjs writes it, and Jacobian z. */
    g1_aff inf;
    g1_aff_set_inf(&inf);
    cJSON *j = g1_to_json(&inf);
    cJSON *want = cJSON_Parse("[\"0\",\"1\",\"0\"]");
    assert_json_same(j, want);
    assert_int_equal(g1_from_json(&a, j), ZK_OK);
    assert_true(a.inf);
    cJSON_Delete(j);
    cJSON_Delete(want);
    g2_aff ginf;
    g2_aff_set_inf(&ginf);
    j = g2_to_json(&ginf);
    want = cJSON_Parse("[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]]");
    assert_json_same(j, want);
    assert_int_equal(g2_from_json(&g, j), ZK_OK);
    assert_true(g.inf);
    cJSON_Delete(j);
    cJSON_Delete(want);
    /* (1, 2) with z = 2 in Jacobian form is (4, 16, 2). */
    j = cJSON_Parse("[\"4\",\"16\",\"2\"]");
    assert_int_equal(g1_from_json(&a, j), ZK_OK);
    assert_true(g1_aff_eq(&a, &g1_generator));
    cJSON_Delete(j);

    /* Malformed. */
    const char *bad[] = {
        "[\"1\",\"2\"]", "[\"1\",\"2\",\"1\",\"1\"]", "{\"x\":1}", "[1,2,1]",
        "[\"1\",\"2x\",\"1\"]", "[\"1\",\"-2\",\"1\"]", "[\"\",\"2\",\"1\"]", "\"1\"",
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(bad); i++) {
        j = cJSON_Parse(bad[i]);
        assert_non_null(j);
        assert_int_equal(g1_from_json(&a, j), ZK_EFORMAT);
        cJSON_Delete(j);
    }
    assert_int_equal(g1_from_json(&a, NULL), ZK_EFORMAT);
    j = cJSON_Parse("[\"21888242871839275222246405745257275088696311157297823662689037894645226208583\",\"2\",\"1\"]");
    assert_int_equal(g1_from_json(&a, j), ZK_ENONCANONICAL);
    cJSON_Delete(j);
    j = cJSON_Parse("[\"1\",\"3\",\"1\"]");
    assert_int_equal(g1_from_json(&a, j), ZK_ENOTONCURVE);
    cJSON_Delete(j);
    const char *bad2[] = {
        "[[\"1\",\"2\"],[\"1\",\"2\"]]", "[[\"1\"],[\"1\",\"2\"],[\"1\",\"0\"]]",
        "[\"1\",\"2\",\"3\"]", "[[\"1\",\"2\"],[\"1\",\"2\"],[\"1\",0]]",
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(bad2); i++) {
        j = cJSON_Parse(bad2[i]);
        assert_int_equal(g2_from_json(&g, j), ZK_EFORMAT);
        cJSON_Delete(j);
    }
    zk_rng rng;
    zk_test_rng(&rng, "json_twist");
    g2_aff twist;
    random_g2_on_twist(&twist, &rng);
    j = g2_to_json(&twist);
    assert_int_equal(g2_from_json(&g, j), ZK_ENOTINSUBGROUP);
    cJSON_Delete(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eip196_add),
        cmocka_unit_test(test_eip196_mul),
        cmocka_unit_test(test_eip197_points),
        cmocka_unit_test(test_decode_rejects),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_known_bytes),
        cmocka_unit_test(test_snarkjs_json),
    };
    return ZK_RUN_TESTS(tests);
}
