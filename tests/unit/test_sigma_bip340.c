/* BIP-340: all 19 published vectors (sign where a secret key is given, verify
 * every one, the invalid ones for the reason the file states), bad input,
 * and the nonce-reuse key recovery of the lesson. */
#include "zk_test.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sigma/bip340.h"
#include "core/hex.h"

typedef struct vector {
    int index;
    char *sk, *pk, *aux, *msg, *sig, *comment;
    bool valid;
} vector;

/* Splits one CSV line in place into its 8 fields; the comment, last, may be
 * empty. Returns false for a line that is not a vector. */
static bool parse_line(char *line, vector *v)
{
    char *f[8];
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < 8; p++) {
        if (*p == ',') {
            *p = '\0';
            f[n++] = p + 1;
        }
    }
    if (n != 8)
        return false;
    char *end = f[7] + strlen(f[7]);
    while (end > f[7] && (end[-1] == '\r' || end[-1] == '\n'))
        *--end = '\0';
    v->index = atoi(f[0]);
    v->sk = f[1];
    v->pk = f[2];
    v->aux = f[3];
    v->msg = f[4];
    v->sig = f[5];
    v->valid = strcmp(f[6], "TRUE") == 0;
    v->comment = f[7];
    return strcmp(f[6], "TRUE") == 0 || strcmp(f[6], "FALSE") == 0;
}

/* What the file's comment says, as the verifier's reason. Vectors 7 and 8
 * (negated message, negated s) leave a random R, which fails either by odd y
 * or by a wrong x: both are accepted for them. */
static void check_reason(const vector *v, zk_err err, const bip340_verdict *vd)
{
    struct {
        const char *says;
        bip340_result result;
        zk_err err;
    } reasons[] = {
        {"public key not on the curve", BIP340_PK_NOT_ON_CURVE, ZK_ENOTONCURVE},
        {"has_even_y(R) is false", BIP340_R_ODD_Y, ZK_EVERIFY},
        {"sG - eP is infinite", BIP340_R_INFINITE, ZK_EVERIFY},
        {"sig[0:32] is equal to field size", BIP340_R_RANGE, ZK_ENONCANONICAL},
        {"sig[32:64] is equal to curve order", BIP340_S_RANGE, ZK_ENONCANONICAL},
        {"exceeds the field size", BIP340_PK_RANGE, ZK_ENONCANONICAL},
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(reasons); i++) {
        if (strstr(v->comment, reasons[i].says)) {
            assert_int_equal(vd->result, reasons[i].result);
            assert_int_equal(err, reasons[i].err);
            return;
        }
    }
    if (strstr(v->comment, "negated")) {
        assert_int_equal(err, ZK_EVERIFY);
        assert_true(vd->result == BIP340_R_ODD_Y || vd->result == BIP340_R_MISMATCH);
        return;
    }
    if (strstr(v->comment, "is not an X coordinate on the curve")) {
        /* Verify never lifts r; it fails at the end, and the verdict notes
         * that no point has x = r. */
        assert_int_equal(err, ZK_EVERIFY);
        assert_false(vd->r_on_curve);
        assert_true(vd->result == BIP340_R_ODD_Y || vd->result == BIP340_R_MISMATCH);
        return;
    }
    fail_msg("vector %d: no expected reason for comment '%s'", v->index, v->comment);
}

static void test_published_vectors(void **state)
{
    (void)state;
    sg_group g;
    assert_int_equal(sg_init_secp256k1(&g), ZK_OK);
    char *csv = zk_test_read_shared("vectors/bip340/test-vectors.csv");
    int count = 0, signed_count = 0, invalid = 0;
    char *save = NULL;
    for (char *line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        vector v;
        if (strncmp(line, "index,", 6) == 0 || !parse_line(line, &v))
            continue;
        assert_int_equal(v.index, count);
        count++;
        if (*v.sk) {
            char pk_hex[65], sig_hex[129];
            assert_int_equal(bip340_pubkey_hex(&g, pk_hex, v.sk), ZK_OK);
            assert_true(strcasecmp(pk_hex, v.pk) == 0);
            assert_int_equal(bip340_sign_hex(&g, sig_hex, v.sk, v.msg, v.aux, NULL), ZK_OK);
            if (strcasecmp(sig_hex, v.sig) != 0)
                fail_msg("vector %d: signature %s, expected %s", v.index, sig_hex, v.sig);
            /* The trace shows the public steps of the same signature. */
            uint8_t sk[32], aux[32], msg[128], sig[64], want[64];
            size_t len;
            bip340_trace tr;
            bip340_verdict vd;
            assert_int_equal(zk_hex_decode_exact(sk, 32, v.sk), ZK_OK);
            assert_int_equal(zk_hex_decode_exact(aux, 32, v.aux), ZK_OK);
            assert_int_equal(zk_hex_decode(msg, sizeof msg, &len, v.msg), ZK_OK);
            assert_int_equal(zk_hex_decode_exact(want, 64, v.sig), ZK_OK);
            assert_int_equal(bip340_sign(&g, sig, &tr, sk, msg, len, aux, NULL), ZK_OK);
            assert_memory_equal(sig, want, 64);
            assert_memory_equal(tr.rx, want, 32);
            assert_int_equal(bip340_verify(&g, &vd, tr.px, msg, len, sig), ZK_OK);
            assert_memory_equal(tr.e, vd.e, 32);
            assert_memory_equal(vd.rx, want, 32);
            assert_true(vd.r_on_curve && !vd.r_odd);
            signed_count++;
        }
        bip340_verdict vd;
        zk_err err = bip340_verify_hex(&g, &vd, v.pk, v.msg, v.sig);
        if (v.valid) {
            if (err != ZK_OK)
                fail_msg("vector %d: %s", v.index, bip340_result_str(vd.result));
            assert_int_equal(vd.result, BIP340_VALID);
        } else {
            assert_int_not_equal(err, ZK_OK);
            check_reason(&v, err, &vd);
            invalid++;
        }
    }
    assert_int_equal(count, 19);
    assert_int_equal(signed_count, 8);
    assert_int_equal(invalid, 10);
    free(csv);
    sg_clear(&g);
}

static const char sk3[] = "0B432B2677937381AEF05BB02A66ECD012773062CF3FA2549E44F58ED2401710";
static const char n_hex[] = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141";
static const char pk1[] = "DFF1D77F2A671C5F36183726DB2341BE58FEAE1DA2DECED843240F7B502BA659";

static void test_bad_input(void **state)
{
    (void)state;
    sg_group g, toy;
    assert_int_equal(sg_init_secp256k1(&g), ZK_OK);
    assert_int_equal(sg_init_toy11(&toy), ZK_OK);
    char pk[65], sig[129];
    zk_rng rng;
    zk_test_rng(&rng, "bip340_bad");
    /* Secret keys: not hex, wrong length, zero, n. */
    assert_int_equal(bip340_pubkey_hex(&g, pk, "0B43zz"), ZK_EPARSE);
    assert_int_equal(bip340_pubkey_hex(&g, pk, "0B43"), ZK_EINVAL);
    assert_int_equal(bip340_pubkey_hex(&g, pk, NULL), ZK_EINVAL);
    assert_int_equal(
        bip340_pubkey_hex(&g, pk, "0000000000000000000000000000000000000000000000000000000000000000"),
        ZK_EINVAL);
    assert_int_equal(bip340_pubkey_hex(&g, pk, n_hex), ZK_ENONCANONICAL);
    assert_int_equal(bip340_sign_hex(&g, sig, n_hex, "", NULL, &rng), ZK_ENONCANONICAL);
    assert_string_equal(sig, "");
    /* Messages and aux: odd length, not hex, wrong aux length. */
    assert_int_equal(bip340_sign_hex(&g, sig, sk3, "123", NULL, &rng), ZK_EPARSE);
    assert_int_equal(bip340_sign_hex(&g, sig, sk3, "zz", NULL, &rng), ZK_EPARSE);
    assert_int_equal(bip340_sign_hex(&g, sig, sk3, "1", NULL, &rng), ZK_EPARSE);
    assert_int_equal(bip340_sign_hex(&g, sig, sk3, "", "00", &rng), ZK_EINVAL);
    /* Random aux: a valid signature that does not match vector 3's. */
    assert_int_equal(bip340_sign_hex(&g, sig, sk3, "abcd", NULL, &rng), ZK_OK);
    assert_int_equal(bip340_pubkey_hex(&g, pk, sk3), ZK_OK);
    bip340_verdict vd;
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, "abcd", sig), ZK_OK);
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, "abce", sig), ZK_EVERIFY);
    sig[127] = sig[127] == '0' ? '1' : '0';
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, "abcd", sig), ZK_EVERIFY);
    /* Verification input: lengths and hex. */
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, "abcd", "00"), ZK_EINVAL);
    assert_int_equal(bip340_verify_hex(&g, &vd, "00", "abcd", sig), ZK_EINVAL);
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, "abc", sig), ZK_EPARSE);
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, NULL, sig), ZK_EINVAL);
    sig[0] = 'x';
    assert_int_equal(bip340_verify_hex(&g, &vd, pk, "abcd", sig), ZK_EPARSE);
    /* The wrong group. */
    uint8_t k[32] = {1}, s[64], m[1] = {0};
    assert_int_equal(bip340_pubkey(&toy, (uint8_t[32]){0}, k), ZK_EINVAL);
    assert_int_equal(bip340_verify(&toy, NULL, k, m, 1, s), ZK_EINVAL);
    assert_int_equal(bip340_sign(&toy, s, NULL, k, m, 1, NULL, &rng), ZK_EINVAL);
    assert_int_equal(bip340_pubkey_hex(&toy, pk, sk3), ZK_EINVAL);
    (void)pk1;
    sg_clear(&toy);
    sg_clear(&g);
}

/* Two signatures with one nonce give the key away (the PlayStation 3 and
 * "same r on the blockchain" bug), with the BIP's sign conventions. */
static void test_nonce_reuse_recovers_key(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "bip340_nonce_reuse");
    sg_group g;
    assert_int_equal(sg_init_secp256k1(&g), ZK_OK);
    for (int round = 0; round < 3; round++) {
        uint8_t sk[32], k[32], pk[32], sig1[64], sig2[64], sig3[64], got[32], pk_got[32];
        mpz_t d;
        mpz_init(d);
        sg_scalar_random_nonzero(&g, d, &rng);
        sg_export_be(sk, 32, d);
        sg_scalar_random_nonzero(&g, d, &rng);
        sg_export_be(k, 32, d);
        const uint8_t m1[] = "transfer 1 coin to Alice", m2[] = "transfer 9 coins to Mallory";
        assert_int_equal(bip340_pubkey(&g, pk, sk), ZK_OK);
        assert_int_equal(bip340_sign_with_nonce_unsafe(&g, sig1, sk, m1, sizeof m1, k), ZK_OK);
        assert_int_equal(bip340_sign_with_nonce_unsafe(&g, sig2, sk, m2, sizeof m2, k), ZK_OK);
        assert_int_equal(bip340_verify(&g, NULL, pk, m1, sizeof m1, sig1), ZK_OK);
        assert_int_equal(bip340_verify(&g, NULL, pk, m2, sizeof m2, sig2), ZK_OK);
        assert_memory_equal(sig1, sig2, 32);   /* the same r: the tell-tale */
        assert_int_equal(
            bip340_recover_nonce_reuse(&g, got, pk, m1, sizeof m1, sig1, m2, sizeof m2, sig2),
            ZK_OK);
        /* The recovered key is sk or n - sk; either signs for pk. */
        mpz_t a, b;
        mpz_inits(a, b, NULL);
        mpz_import(a, 32, 1, 1, 1, 0, sk);
        mpz_import(b, 32, 1, 1, 1, 0, got);
        if (mpz_cmp(a, b) != 0) {
            mpz_sub(b, SG_ORDER(&g), b);
            ZK_ASSERT_MPZ_EQ(a, b);
        }
        mpz_clears(a, b, NULL);
        assert_int_equal(bip340_pubkey(&g, pk_got, got), ZK_OK);
        assert_memory_equal(pk_got, pk, 32);
        /* Honest signatures of the same two messages use different nonces. */
        assert_int_equal(bip340_sign(&g, sig3, NULL, sk, m1, sizeof m1, NULL, &rng), ZK_OK);
        assert_int_equal(bip340_sign(&g, sig2, NULL, sk, m2, sizeof m2, NULL, &rng), ZK_OK);
        assert_memory_not_equal(sig3, sig2, 32);
        assert_int_equal(
            bip340_recover_nonce_reuse(&g, got, pk, m1, sizeof m1, sig3, m2, sizeof m2, sig2),
            ZK_EINVAL);
        assert_int_equal(
            bip340_recover_nonce_reuse(&g, got, pk, m1, sizeof m1, sig1, m1, sizeof m1, sig1),
            ZK_EINVAL);
        sig1[40] ^= 1;
        assert_int_equal(
            bip340_recover_nonce_reuse(&g, got, pk, m1, sizeof m1, sig1, m2, sizeof m2, sig2),
            ZK_EVERIFY);
        mpz_clear(d);
    }
    uint8_t zero[32] = {0}, sk[32] = {0, 1}, sig[64];
    assert_int_equal(bip340_sign_with_nonce_unsafe(&g, sig, sk, NULL, 0, zero), ZK_EINVAL);
    uint8_t big[32];
    memset(big, 0xff, 32);
    assert_int_equal(bip340_sign_with_nonce_unsafe(&g, sig, sk, NULL, 0, big), ZK_ENONCANONICAL);
    sg_clear(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_vectors),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_nonce_reuse_recovers_key),
    };
    return ZK_RUN_TESTS(tests);
}
