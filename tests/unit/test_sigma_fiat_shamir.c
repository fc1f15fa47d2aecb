/* Fiat-Shamir: tagged hashes, non-interactive proofs in both modes, and the
 * weak-mode forgery that passes the weak verifier and fails the strong one.
 * (The tagged hash against published values is in test_sigma_bip340.) */
#include "zk_test.h"

#include <sodium.h>
#include <string.h>

#include "sigma/fiat_shamir.h"

static void test_tagged_hash(void **state)
{
    (void)state;
    /* The definition, spelled out with one-shot SHA-256 calls. */
    const char *tag = "zkcave/test";
    const uint8_t msg[5] = {'h', 'e', 'l', 'l', 'o'};
    uint8_t th[32], buf[69], want[32], got[32];
    crypto_hash_sha256(th, (const uint8_t *)tag, strlen(tag));
    memcpy(buf, th, 32);
    memcpy(buf + 32, th, 32);
    memcpy(buf + 64, msg, 5);
    crypto_hash_sha256(want, buf, sizeof buf);
    fs_tagged_hash(got, tag, msg, 5);
    assert_memory_equal(got, want, 32);
    /* In parts, including empty ones, it is the hash of the concatenation. */
    fs_part parts[4] = {{msg, 2}, {NULL, 0}, {msg + 2, 3}, {NULL, 0}};
    fs_tagged_hash_parts(got, tag, parts, 4);
    assert_memory_equal(got, want, 32);
    /* Another tag, another hash. */
    fs_tagged_hash(got, "zkcave/other", msg, 5);
    assert_memory_not_equal(got, want, 32);
    crypto_hash_sha256(want, buf, 64);
    fs_tagged_hash(got, tag, NULL, 0);
    assert_memory_equal(got, want, 32);
}

static void test_prove_verify_both_modes(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "fs_prove");
    const char *names[2] = {"toy11", "secp256k1"};
    const uint8_t msg[] = "pay Bob 5";
    for (int n = 0; n < 2; n++) {
        sg_group g;
        assert_int_equal(sg_init_named(&g, names[n]), ZK_OK);
        schnorr_keypair kp, other;
        fs_proof pf;
        fs_verdict v;
        schnorr_keypair_init(&kp);
        schnorr_keypair_init(&other);
        fs_proof_init(&pf);
        fs_verdict_init(&v);
        for (int i = 0; i < 4; i++) {
            schnorr_keygen(&g, &kp, &rng);
            for (int m = 0; m < 2; m++) {
                fs_mode mode = m ? FS_WEAK : FS_STRONG;
                fs_prove(&g, &pf, mode, &kp, msg, sizeof msg, &rng);
                assert_int_equal(fs_verify(&g, &v, mode, &kp.y, &pf, msg, sizeof msg), ZK_OK);
                assert_true(v.check.ok);
                mpz_t c;
                mpz_init(c);
                fs_challenge(&g, c, mode, &kp.y, &pf.t, msg, sizeof msg);
                ZK_ASSERT_MPZ_EQ(c, v.c);
                mpz_clear(c);
                assert_int_equal(fs_verify(&g, NULL, mode, &kp.y, &pf, msg, sizeof msg), ZK_OK);
                if (g.kind == SG_EC) {
                    /* Another message, another statement, another mode: rejected. */
                    assert_int_equal(fs_verify(&g, &v, mode, &kp.y, &pf, msg, 3), ZK_EVERIFY);
                    assert_false(v.check.ok);
                    schnorr_keygen(&g, &other, &rng);
                    assert_int_equal(fs_verify(&g, NULL, mode, &other.y, &pf, msg, sizeof msg),
                                     ZK_EVERIFY);
                    assert_int_equal(
                        fs_verify(&g, NULL, mode == FS_STRONG ? FS_WEAK : FS_STRONG, &kp.y, &pf,
                                  msg, sizeof msg),
                        ZK_EVERIFY);
                }
            }
        }
        /* Malformed proofs and statements. */
        fs_prove(&g, &pf, FS_STRONG, &kp, NULL, 0, &rng);
        assert_int_equal(fs_verify(&g, NULL, FS_STRONG, &kp.y, &pf, NULL, 0), ZK_OK);
        mpz_set(pf.s, SG_ORDER(&g));
        assert_int_equal(fs_verify(&g, NULL, FS_STRONG, &kp.y, &pf, NULL, 0), ZK_ENONCANONICAL);
        mpz_set_ui(pf.s, 1);
        if (g.kind == SG_ZP) {
            mpz_set_ui(other.y.v, 5);
            assert_int_equal(fs_verify(&g, NULL, FS_STRONG, &other.y, &pf, NULL, 0),
                             ZK_ENOTINSUBGROUP);
        } else {
            sg_elt_set(&other.y, &kp.y);
            mpz_add_ui(other.y.pt.x, other.y.pt.x, 1);
            assert_int_equal(fs_verify(&g, NULL, FS_STRONG, &other.y, &pf, NULL, 0),
                             ZK_ENOTONCURVE);
        }
        schnorr_keypair_clear(&kp);
        schnorr_keypair_clear(&other);
        fs_proof_clear(&pf);
        fs_verdict_clear(&v);
        sg_clear(&g);
    }
}

/* Frozen Heart: the forged (y, t, s) satisfies the weak verifier's equation
 * although y was solved for after t and s were fixed, and the strong verifier,
 * which hashes y, rejects it. */
static void test_weak_fiat_shamir_forgery(void **state)
{
    (void)state;
    zk_rng rng;
    zk_test_rng(&rng, "frozen_heart");
    const uint8_t msg[] = "I know the secret of y";
    const char *names[2] = {"secp256k1", "toy11"};
    for (int n = 0; n < 2; n++) {
        sg_group g;
        assert_int_equal(sg_init_named(&g, names[n]), ZK_OK);
        fs_forgery f;
        fs_verdict v;
        fs_forgery_init(&f);
        fs_verdict_init(&v);
        int rounds = g.kind == SG_EC ? 4 : 55, strong_fooled = 0;
        for (int i = 0; i < rounds; i++) {
            fs_forge_weak(&g, &f, msg, sizeof msg, &rng);
            assert_true(f.tries >= 1);
            assert_int_equal(sg_check(&g, &f.y), ZK_OK);
            assert_false(sg_is_identity(&g, &f.y));
            /* c was fixed before y existed, and c·c^-1 = 1. */
            mpz_t one;
            mpz_init(one);
            mpz_mul(one, f.c, f.c_inv);
            mpz_mod(one, one, SG_ORDER(&g));
            assert_int_equal(mpz_cmp_ui(one, 1), 0);
            mpz_clear(one);
            assert_int_equal(fs_verify(&g, &v, FS_WEAK, &f.y, &f.proof, msg, sizeof msg), ZK_OK);
            ZK_ASSERT_MPZ_EQ(v.c, f.c);
            assert_true(v.check.ok);
            zk_err strong = fs_verify(&g, &v, FS_STRONG, &f.y, &f.proof, msg, sizeof msg);
            assert_true(strong == ZK_OK || strong == ZK_EVERIFY);
            strong_fooled += strong == ZK_OK;
        }
        if (g.kind == SG_EC)
            assert_int_equal(strong_fooled, 0);
        else
            assert_true(strong_fooled < 20);   /* about 55/11 = 5 by luck of the hash */
        fs_forgery_clear(&f);
        fs_verdict_clear(&v);
        sg_clear(&g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tagged_hash),
        cmocka_unit_test(test_prove_verify_both_modes),
        cmocka_unit_test(test_weak_fiat_shamir_forgery),
    };
    return ZK_RUN_TESTS(tests);
}
