#include "sigma/fiat_shamir.h"

#include <sodium.h>
#include <string.h>

void fs_tagged_hash_parts(uint8_t out[32], const char *tag, const fs_part *parts, size_t n)
{
    uint8_t th[32];
    crypto_hash_sha256(th, (const uint8_t *)tag, strlen(tag));
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, th, sizeof th);
    crypto_hash_sha256_update(&st, th, sizeof th);
    for (size_t i = 0; i < n; i++)
        if (parts[i].len > 0)
            crypto_hash_sha256_update(&st, parts[i].data, parts[i].len);
    crypto_hash_sha256_final(&st, out);
    sodium_memzero(&st, sizeof st);   /* the state saw nonces and keys (BIP-340) */
}

void fs_tagged_hash(uint8_t out[32], const char *tag, const uint8_t *msg, size_t len)
{
    fs_part part = {msg, len};
    fs_tagged_hash_parts(out, tag, &part, 1);
}

void fs_challenge(const sg_group *g, mpz_t c, fs_mode mode, const sg_elt *y, const sg_elt *t,
                  const uint8_t *msg, size_t len)
{
    uint8_t ey[SG_ENC_MAX], et[SG_ENC_MAX], h[32];
    fs_part parts[4];
    size_t n = 0;
    parts[n++] = (fs_part){g->id, sizeof g->id};
    if (mode == FS_STRONG) {
        sg_encode(g, ey, y);
        parts[n++] = (fs_part){ey, g->elt_bytes};
    }
    sg_encode(g, et, t);
    parts[n++] = (fs_part){et, g->elt_bytes};
    parts[n++] = (fs_part){msg, msg ? len : 0};
    fs_tagged_hash_parts(h, FS_TAG, parts, n);
    mpz_import(c, sizeof h, 1, 1, 1, 0, h);
    sg_scalar_reduce(g, c, c);
}

void fs_proof_init(fs_proof *pf)
{
    sg_elt_init(&pf->t);
    mpz_init(pf->s);
}

void fs_proof_clear(fs_proof *pf)
{
    sg_elt_clear(&pf->t);
    mpz_clear(pf->s);
}

void fs_prove(const sg_group *g, fs_proof *pf, fs_mode mode, const schnorr_keypair *kp,
              const uint8_t *msg, size_t len, zk_rng *rng)
{
    schnorr_prover pr;
    mpz_t c;
    schnorr_prover_init(&pr);
    mpz_init(c);
    schnorr_commit(g, &pr, rng);
    fs_challenge(g, c, mode, &kp->y, &pr.t, msg, len);
    schnorr_respond(g, pf->s, &pr, kp, c);
    sg_elt_set(&pf->t, &pr.t);
    schnorr_prover_clear(&pr);
    mpz_clear(c);
}

void fs_verdict_init(fs_verdict *v)
{
    mpz_init(v->c);
    schnorr_check_init(&v->check);
}

void fs_verdict_clear(fs_verdict *v)
{
    mpz_clear(v->c);
    schnorr_check_clear(&v->check);
}

zk_err fs_verify(const sg_group *g, fs_verdict *v, fs_mode mode, const sg_elt *y,
                 const fs_proof *pf, const uint8_t *msg, size_t len)
{
    fs_verdict local;
    fs_verdict *w = v ? v : &local;
    if (!v)
        fs_verdict_init(&local);
    zk_err err = sg_check(g, y);
    if (!err)
        err = sg_check(g, &pf->t);
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    if (!err) {
        fs_challenge(g, w->c, mode, y, &pf->t, msg, len);
        schnorr_transcript_set(&tr, &pf->t, w->c, pf->s);
        err = schnorr_verify(g, &w->check, y, &tr);
    }
    schnorr_transcript_clear(&tr);
    if (!v)
        fs_verdict_clear(&local);
    return err;
}

void fs_forgery_init(fs_forgery *f)
{
    sg_elt_init(&f->y);
    fs_proof_init(&f->proof);
    mpz_inits(f->c, f->c_inv, NULL);
    f->tries = 0;
}

void fs_forgery_clear(fs_forgery *f)
{
    sg_elt_clear(&f->y);
    fs_proof_clear(&f->proof);
    mpz_clears(f->c, f->c_inv, NULL);
}

void fs_forge_weak(const sg_group *g, fs_forgery *f, const uint8_t *msg, size_t len,
                   zk_rng *rng)
{
    uint8_t seed[32];
    f->tries = 0;
    do {
        /* A commitment with no known logarithm, and its challenge — which the
         * weak hash lets us compute before any statement exists. */
        zk_random_bytes(rng, seed, sizeof seed);
        sg_hash_to_elt(g, &f->proof.t, "zkcave/frozen-heart/t", seed, sizeof seed);
        fs_challenge(g, f->c, FS_WEAK, NULL, &f->proof.t, msg, len);
        f->tries++;
    } while (mpz_sgn(f->c) == 0);
    /* g^s = t·y^c  <=>  y = (g^s · t^-1)^(c^-1 mod q). An s with g^s = t would
     * give y = 1, whose logarithm 0 everybody knows; such an s is redrawn. */
    sg_elt u, t_inv;
    sg_elt_init(&u);
    sg_elt_init(&t_inv);
    zp_inv(&g->fq, f->c_inv, f->c);
    sg_inv(g, &t_inv, &f->proof.t);
    do {
        sg_scalar_random(g, f->proof.s, rng);
        sg_exp_g(g, &u, f->proof.s);
        sg_mul(g, &u, &u, &t_inv);
    } while (sg_is_identity(g, &u));
    sg_exp(g, &f->y, &u, f->c_inv);
    sg_elt_clear(&u);
    sg_elt_clear(&t_inv);
}
