/* ceremony.*: lesson 09's powers-of-tau ceremonies. ceremony.toy on the toy
 * curve BLS6_6 (snark/kzg.h), where every secret is printed and every check
 * is a pairing anyone can compute; ceremony.bn254 on BN254 in snarkjs's
 * .ptau format (snark/ptau.h), checked as `snarkjs powersoftau verify` does. */
#include <stdio.h>
#include <string.h>

#include "lesson/actions.h"
#include "lesson/actions_snark.h"
#include "lesson/action_util.h"
#include "snark/kzg.h"
#include "snark/ptau.h"

enum { PT = 160 };

/* What both ceremonies take: contributors= (1..8, default 3), cheat= (the
 * contributor who cheats, 0 for none) and seed=. */
static zk_err ceremony_params(lesson_result *out, const lesson_params *p, uint64_t *n,
                              uint64_t *cheat, zk_rng *storage, zk_rng **rng)
{
    zk_err err = lesson_param_u64(out, p, "contributors", 3, 1, 8, n);
    if (!err)
        err = lesson_param_u64(out, p, "cheat", 0, 0, 8, cheat);
    return err ? err : lesson_rng(out, p, storage, rng);
}

/* ceremony.toy contributors= cheat= seed=: a powers-of-tau ceremony on
 * BLS6_6, each update checked by pairings anyone can compute. */
static zk_err toy_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t n, cheat;
    zk_rng storage, *rng;
    zk_err err = ceremony_params(out, p, &n, &cheat, &storage, &rng);
    if (err)
        return err;
    toy_curve c;
    if ((err = toy_curve_init(&c, "bls6_6")))
        return lesson_fail(out, err, "bls6_6: %s", zk_strerror(err));
    kzg_toy_srs srs, old;
    mpz_t one, s, prod, k;
    mpz_inits(one, s, prod, k, NULL);
    mpz_set_ui(one, 1);
    mpz_set_ui(prod, 1);
    toy_point pub;
    toy_point_init(&pub);
    err = kzg_toy_setup(&srs, &c, one, 4, 2);
    char a[PT], b[PT];
    if (!err)
        lesson_result_line(out, LESSON_MARK_NONE, "start: τ = 1, [τ^i]_1 = G1 for i < 4 — nobody's "
                           "secret yet");
    bool all_ok = true;
    for (uint64_t i = 1; !err && i <= n; i++) {
        if ((err = kzg_toy_srs_copy(&old, &srs)))
            break;
        mpz_set_ui(s, 2 + zk_random_below(rng, 11));   /* 2..12: never 0, and 1 changes nothing */
        err = kzg_toy_contribute(&srs, &pub, s);
        if (!err && i == cheat)   /* a dishonest update: one power that is not a power */
            toy_point_add(&c, &srs.g1[2], &srs.g1[2], &c.g1);
        bool pw = false, up = false;
        if (!err)
            err = kzg_toy_check_powers(&pw, &srs);
        if (!err)
            err = kzg_toy_check_update(&up, &old, &srs, &pub);
        if (!err) {
            zp_mul(&srs.fr, prod, prod, s);
            lesson_result_line(out, pw && up ? LESSON_MARK_OK : LESSON_MARK_BAD,
                               "contributor %llu: secret s_%llu = %lu; [τ]_1 = %s, publishes "
                               "[s_%llu]_2 = %s; powers %s, update %s%s",
                               (unsigned long long)i, (unsigned long long)i, mpz_get_ui(s),
                               lesson_snark_toy_point_str(&c, a, sizeof a, &srs.g1[1]),
                               (unsigned long long)i, lesson_snark_toy_point_str(&c, b, sizeof b, &pub),
                               pw ? "✔" : "✘", up ? "✔" : "✘",
                               i == cheat ? " (this one cheated)" : "");
            all_ok = all_ok && pw && up;
        }
        mpz_set_ui(s, 0);
        kzg_toy_srs_free(&old);
    }
    if (!err && all_ok && !kzg_toy_dlog(&c, k, &srs.g1[1], &c.g1)) {
        lesson_result_line(out, LESSON_MARK_OK, "final τ = s_1·…·s_%llu mod 13 = %lu, and [τ]_1 = "
                           "[%lu]_1 agrees", (unsigned long long)n, mpz_get_ui(prod), mpz_get_ui(k));
        lesson_result_line(out, LESSON_MARK_NOTE, "this toy printed every s_i; a real contributor "
                           "deletes hers, and τ stays unknown if even one did");
    } else if (!err) {
        lesson_result_line(out, LESSON_MARK_BAD, "the ceremony's transcript is rejected: the "
                           "checks need no secret, so anyone can catch a bad update");
    }
    toy_point_clear(&pub);
    mpz_clears(one, s, prod, k, NULL);
    if (srs.c)
        kzg_toy_srs_free(&srs);
    toy_curve_clear(&c);
    return err;
}

/* ceremony.bn254 contributors= power= cheat= seed=: a powers-of-tau
 * ceremony in snarkjs's .ptau format, checked as `snarkjs powersoftau
 * verify` checks it. */
static zk_err bn254_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    uint64_t n, power, cheat;
    zk_rng storage, *rng;
    zk_err err = ceremony_params(out, p, &n, &cheat, &storage, &rng);
    if (!err)
        err = lesson_param_u64(out, p, "power", 4, 1, 10, &power);
    if (err)
        return err;
    ptau t;
    if ((err = ptau_new(&t, (unsigned)power)))
        return lesson_fail(out, err, "ptau: %s", zk_strerror(err));
    lesson_result_line(out, LESSON_MARK_NONE, "new ceremony of power %llu: %llu points in G1, "
                       "%llu in G2, all generators", (unsigned long long)power,
                       (unsigned long long)((2ull << power) - 1), (unsigned long long)(1ull << power));
    char a[LESSON_NUM], b[LESSON_NUM];
    for (uint64_t i = 1; !err && i <= n; i++) {
        char name[32];
        uint8_t hash[64];
        snprintf(name, sizeof name, "contributor %llu", (unsigned long long)i);
        double t0 = lesson_snark_now();
        err = ptau_contribute(&t, name, rng, hash, ev);
        double t1 = lesson_snark_now();
        if (err)
            break;
        if (i == cheat)   /* replace one power by another: no longer powers of one τ */
            t.tau_g1[3] = t.tau_g1[2];
        lesson_result_line(out, LESSON_MARK_NONE, "%s: τ·G1 = %s, response hash %s (%.0f ms)%s",
                           name, lesson_snark_g1_short(a, sizeof a, &t.tau_g1[1]),
                           lesson_hex(b, sizeof b, hash, sizeof hash), (t1 - t0) * 1e3,
                           i == cheat ? " — then alters [τ^3]_1" : "");
    }
    if (!err) {
        char why[160] = "";
        double t0 = lesson_snark_now();
        zk_err v = ptau_verify(&t, why, ev);
        double t1 = lesson_snark_now();
        if (v && v != ZK_EVERIFY)
            err = v;
        else
            lesson_result_line(out, v ? LESSON_MARK_BAD : LESSON_MARK_OK, "verify every "
                               "contribution and every power (%.0f ms): %s", (t1 - t0) * 1e3,
                               v ? why : "valid");
    }
    ptau_free(&t);
    return err ? lesson_fail(out, err, "%s", zk_strerror(err)) : ZK_OK;
}

static const lesson_action actions[] = {
    {"ceremony.toy", "contributors cheat seed", "a powers-of-tau ceremony on BLS6_6", toy_action},
    {"ceremony.bn254", "contributors power cheat seed",
     "a powers-of-tau ceremony on BN254 in snarkjs's .ptau format", bn254_action},
};

const lesson_action_table lesson_actions_ceremony = {actions, sizeof actions / sizeof actions[0]};
