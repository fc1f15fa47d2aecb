/* Phase-2 contributions to a proving key and their verification
 * (snark/zkey_mpc.h). */
#include "snark/zkey_mpc.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "curve/msm.h"
#include "curve/pairing.h"
#include "snark/ptau_internal.h"
#include "snark/snarkjs_rng.h"

/* The transcript hash up to (not including) the new contribution's s, x·s. */
static void transcript_prefix(blake2b_state *h, const zkey_mpc *m, size_t upto)
{
    blake2b_init(h);
    blake2b_update(h, m->cs_hash, 64);
    for (size_t i = 0; i < upto; i++)
        zkey_hash_contribution(h, &m->c[i]);
}

static zk_err apply(groth16_pk *pk, const fr_t *x, const g1_aff *s, zkey_contribution *c,
                    uint8_t hash[64], const zk_events *ev)
{
    if (fr_is_zero(x))
        return ZK_EINVAL;
    uint64_t e[4];
    fr_to_int(e, x);
    g1_jac j;
    g1_from_aff(&j, s);
    g1_mul(&j, &j, e);
    c->g1_s = *s;
    g1_to_aff_var(&c->g1_sx, &j);

    blake2b_state h;
    transcript_prefix(&h, &pk->mpc, pk->mpc.n);
    snarkjs_hash_g1(&h, &c->g1_s);
    snarkjs_hash_g1(&h, &c->g1_sx);
    blake2b_final(&h, c->transcript);
    g2_aff sp;
    snarkjs_hash_to_g2(&sp, c->transcript);
    g2_jac j2;
    g2_from_aff(&j2, &sp);
    g2_mul(&j2, &j2, e);
    g2_to_aff_var(&c->g2_spx, &j2);

    zkey_header *hd = &pk->h;
    g1_from_aff(&j, &hd->delta1);
    g1_mul(&j, &j, e);
    g1_to_aff_var(&hd->delta1, &j);
    g2_from_aff(&j2, &hd->delta2);
    g2_mul(&j2, &j2, e);
    g2_to_aff_var(&hd->delta2, &j2);
    c->delta_after = hd->delta1;
    sodium_memzero(e, sizeof e);

    /* C and H carry 1/δ. */
    fr_t xi, one;
    fr_one(&one);
    zk_err err = fr_inv(&xi, x);
    size_t npriv = hd->n_vars - hd->n_public - 1;
    uint64_t done = 0, total = npriv + hd->domain_size;
    if (!err)
        err = zk_emit(ev, ZK_EV_BEGIN, "contribute", 0, total, NULL);
    if (!err)
        err = ptau_apply_key(pk->c, false, npriv, &xi, &one, &done, total, ev);
    if (!err)
        err = ptau_apply_key(pk->hq, false, hd->domain_size, &xi, &one, &done, total, ev);
    sodium_memzero(&xi, sizeof xi);
    if (err)
        return err;
    zkey_contribution *grown = zk_realloc(pk->mpc.c, pk->mpc.n + 1, sizeof *grown);
    if (!grown)
        return ZK_ENOMEM;
    pk->mpc.c = grown;
    pk->mpc.c[pk->mpc.n++] = *c;
    if (hash) {
        blake2b_init(&h);
        zkey_hash_contribution(&h, c);
        blake2b_final(&h, hash);
    }
    return zk_emit(ev, ZK_EV_END, "contribute", total, total, NULL);
}

static void set_name(zkey_contribution *c, const char *name)
{
    memset(c, 0, sizeof *c);
    if (name) {
        size_t l = strnlen(name, 64);
        memcpy(c->name, name, l);
        c->name[l] = 0;
    }
}

zk_err zkey_contribute_hash(groth16_pk *pk, const char *name, zk_rng *rng, uint8_t hash[64],
                            const zk_events *ev)
{
    zkey_contribution c;
    set_name(&c, name);
    fr_t x;
    do
        fr_random(&x, rng);
    while (fr_is_zero(&x));
    g1_aff s;
    g1_random_var(&s, rng);
    zk_err err = apply(pk, &x, &s, &c, hash, ev);
    sodium_memzero(&x, sizeof x);
    return err;
}

zk_err zkey_contribute(groth16_pk *pk, const char *name, zk_rng *rng, const zk_events *ev)
{
    return zkey_contribute_hash(pk, name, rng, NULL, ev);
}

/* zkey_beacon.js: the secret and s drawn from the beacon's ChaCha stream. */
static zk_err beacon_key(fr_t *x, g1_aff *s, const uint8_t *beacon, size_t len, unsigned exp,
                         const zk_events *ev)
{
    snarkjs_chacha c;
    zk_err err = snarkjs_beacon_rng(&c, beacon, len, exp, ev);
    if (err)
        return err;
    snarkjs_fr_from_rng(x, &c);
    snarkjs_g1_from_rng(s, &c);
    snarkjs_chacha_wipe(&c);
    return ZK_OK;
}

zk_err zkey_beacon(groth16_pk *pk, const char *name, const uint8_t *beacon, size_t len,
                   unsigned exp, const zk_events *ev)
{
    if (len == 0 || len > 255 || exp < 10 || exp > 63)
        return ZK_EINVAL;
    zkey_contribution c;
    set_name(&c, name);
    c.type = 1;
    c.beacon_exp = (uint8_t)exp;
    c.beacon_len = (uint8_t)len;
    memcpy(c.beacon, beacon, len);
    fr_t x;
    g1_aff s;
    zk_err err = beacon_key(&x, &s, beacon, len, exp, ev);
    if (!err)
        err = apply(pk, &x, &s, &c, NULL, ev);
    return err;
}

/* ---- verification -------------------------------------------------------------------- */

/* Σ r_i·a_i and Σ r_i·b_i for random r_i: equal ratios in every pair, with
 * overwhelming probability, if the two sums have that ratio. */
static zk_err section_ratio(bool *ok, const g1_aff *a, const g1_aff *b, size_t n,
                            const g2_aff *delta, const g2_aff *delta_init)
{
    *ok = true;
    if (n == 0)
        return ZK_OK;
    fr_t *r = zk_alloc(n, sizeof *r);
    if (!r)
        return ZK_ENOMEM;
    for (size_t i = 0; i < n; i++)
        fr_random(&r[i], NULL);
    g1_jac ja, jb;
    zk_err err = g1_msm_var(&ja, a, r, n, NULL);
    if (!err)
        err = g1_msm_var(&jb, b, r, n, NULL);
    zk_free(r);
    if (err)
        return err;
    g1_aff ra, rb;
    g1_to_aff_var(&ra, &ja);
    g1_to_aff_var(&rb, &jb);
    /* e(R_init, δ_init) = e(R, δ): the section scaled by δ_init/δ. */
    *ok = ptau_same_ratio(&ra, &rb, delta, delta_init);
    return ZK_OK;
}

static bool g1s_equal(const g1_aff *a, const g1_aff *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!g1_aff_eq(&a[i], &b[i]))
            return false;
    return true;
}

zk_err zkey_verify(const groth16_pk *pk, const groth16_cs *cs, const char *ptau_path,
                   char why[160], const zk_events *ev)
{
    if (why)
        why[0] = 0;
    groth16_pk init;
    zk_err err = groth16_setup_ptau_init(&init, cs, ptau_path, ev);
    if (err)
        return err;
    const zkey_header *h = &pk->h, *hi = &init.h;
    size_t nv = h->n_vars, np = h->n_public, npriv = nv - np - 1;
    if (h->n_vars != hi->n_vars || h->n_public != hi->n_public ||
        h->domain_size != hi->domain_size) {
        err = ptau_fail(why, "the key is for another circuit (sizes differ)");
        goto out;
    }
    if (!g1_aff_eq(&h->alpha1, &hi->alpha1) || !g1_aff_eq(&h->beta1, &hi->beta1) ||
        !g2_aff_eq(&h->beta2, &hi->beta2) || !g2_aff_eq(&h->gamma2, &hi->gamma2)) {
        err = ptau_fail(why, "alpha, beta or gamma do not come from these powers of tau");
        goto out;
    }
    if (memcmp(pk->mpc.cs_hash, init.mpc.cs_hash, 64) != 0) {
        err = ptau_fail(why, "the circuit hash does not match the circuit");
        goto out;
    }
    bool same = pk->n_coefs == init.n_coefs;
    for (size_t i = 0; same && i < pk->n_coefs; i++) {
        const zkey_coef *a = &pk->coefs[i], *b = &init.coefs[i];
        same = a->matrix == b->matrix && a->constraint == b->constraint &&
               a->signal == b->signal && fr_eq(&a->value, &b->value);
    }
    if (!same || !g1s_equal(pk->ic, init.ic, np + 1) || !g1s_equal(pk->a, init.a, nv) ||
        !g1s_equal(pk->b1, init.b1, nv)) {
        err = ptau_fail(why, "the coefficient, IC, A or B sections differ from the circuit's");
        goto out;
    }
    for (size_t i = 0; i < nv; i++)
        if (!g2_aff_eq(&pk->b2[i], &init.b2[i])) {
            err = ptau_fail(why, "the B2 section differs from the circuit's at wire %zu", i);
            goto out;
        }

    blake2b_state acc;
    transcript_prefix(&acc, &pk->mpc, 0);
    g1_aff cur = g1_generator;
    for (size_t i = 0; i < pk->mpc.n; i++) {
        const zkey_contribution *c = &pk->mpc.c[i];
        blake2b_state t = acc;
        uint8_t d[64];
        snarkjs_hash_g1(&t, &c->g1_s);
        snarkjs_hash_g1(&t, &c->g1_sx);
        blake2b_final(&t, d);
        if (memcmp(d, c->transcript, 64) != 0) {
            err = ptau_fail(why, "contribution #%zu: inconsistent transcript", i + 1);
            goto out;
        }
        g2_aff sp;
        snarkjs_hash_to_g2(&sp, c->transcript);
        if (!ptau_same_ratio(&c->g1_s, &c->g1_sx, &sp, &c->g2_spx)) {
            err = ptau_fail(why, "contribution #%zu: invalid proof of knowledge", i + 1);
            goto out;
        }
        if (!ptau_same_ratio(&cur, &c->delta_after, &sp, &c->g2_spx)) {
            err = ptau_fail(why, "contribution #%zu: delta does not follow its public key", i + 1);
            goto out;
        }
        if (c->type == 1) {
            fr_t x;
            g1_aff s;
            if (beacon_key(&x, &s, c->beacon, c->beacon_len, c->beacon_exp, NULL) != ZK_OK) {
                err = ptau_fail(why, "contribution #%zu: bad beacon parameters", i + 1);
                goto out;
            }
            uint64_t e[4];
            fr_to_int(e, &x);
            g1_jac j;
            g1_from_aff(&j, &s);
            g1_mul_var(&j, &j, e);
            g1_aff sx;
            g1_to_aff_var(&sx, &j);
            if (!g1_aff_eq(&s, &c->g1_s) || !g1_aff_eq(&sx, &c->g1_sx)) {
                err = ptau_fail(why, "contribution #%zu: the beacon's key is not derived from it", i + 1);
                goto out;
            }
        }
        zkey_hash_contribution(&acc, c);
        cur = c->delta_after;
        if ((err = zk_emit(ev, ZK_EV_PROGRESS, "verify", i + 1, pk->mpc.n + 2, NULL)))
            goto out;
    }
    if (!g1_aff_eq(&h->delta1, &cur)) {
        err = ptau_fail(why, "delta1 is not the last contribution's");
        goto out;
    }
    if (!ptau_same_ratio(&g1_generator, &cur, &g2_generator, &h->delta2)) {
        err = ptau_fail(why, "delta2 does not match delta1");
        goto out;
    }
    bool ok;
    if ((err = section_ratio(&ok, init.c, pk->c, npriv, &h->delta2, &hi->delta2)))
        goto out;
    if (!ok) {
        err = ptau_fail(why, "the C (L) section does not match the contributions");
        goto out;
    }
    if ((err = section_ratio(&ok, init.hq, pk->hq, h->domain_size, &h->delta2, &hi->delta2)))
        goto out;
    if (!ok)
        err = ptau_fail(why, "the H section does not match the contributions");
out:
    groth16_pk_free(&init);
    return err;
}
