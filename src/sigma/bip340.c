/* BIP-340, section "Specification": PubKey, Sign and Verify, step by step
 * with the BIP's own names (d', d, t, rand, k', k, R, e). */
#include "sigma/bip340.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "sigma/fiat_shamir.h"
#include "core/hex.h"

static bool is_secp(const sg_group *g)
{
    return g->kind == SG_EC && strcmp(g->name, "secp256k1") == 0;
}

static void int_from(mpz_t r, const uint8_t b[32])
{
    mpz_import(r, 32, 1, 1, 1, 0, b);
}

/* lift_x(x): the point with this x and even y. sg_decode of 0x02 || x does
 * exactly the BIP's checks: x < p (ZK_ENONCANONICAL) and x^3 + 7 a square
 * (ZK_ENOTONCURVE). */
static zk_err lift_x(const sg_group *g, ec_zp_point *r, const uint8_t x[32])
{
    uint8_t enc[33];
    enc[0] = 0x02;
    memcpy(enc + 1, x, 32);
    sg_elt e;
    sg_elt_init(&e);
    zk_err err = sg_decode(g, &e, enc, sizeof enc);
    if (!err)
        ec_zp_point_set(r, &e.pt);
    sg_elt_clear(&e);
    return err;
}

/* e = int(H_challenge(r || P || m)) mod n. */
static void challenge(const sg_group *g, mpz_t e, const uint8_t rx[32], const uint8_t px[32],
                      const uint8_t *msg, size_t len)
{
    uint8_t h[32];
    fs_part parts[3] = {{rx, 32}, {px, 32}, {msg, msg ? len : 0}};
    fs_tagged_hash_parts(h, BIP340_TAG_CHALLENGE, parts, 3);
    int_from(e, h);
    mpz_mod(e, e, SG_ORDER(g));
}

/* Q = k'·G with x(Q) written to x; negates k (k = n - k') when Q has odd y,
 * so that k·G is the even-y point with that x. Returns whether it negated. */
static bool even_y_mul(const sg_group *g, uint8_t x[32], mpz_t k)
{
    ec_zp_point q;
    ec_zp_point_init(&q);
    ec_zp_mul(&g->ec, &q, &g->ec.g, k);
    sg_export_be(x, 32, q.x);
    bool odd = mpz_odd_p(q.y) != 0;
    if (odd)
        mpz_sub(k, SG_ORDER(g), k);
    ec_zp_point_clear(&q);
    return odd;
}

/* d' from sk, checked: ZK_EINVAL for 0, ZK_ENONCANONICAL for >= n. */
static zk_err secret_from(const sg_group *g, mpz_t d, const uint8_t sk[32])
{
    int_from(d, sk);
    if (mpz_sgn(d) == 0)
        return ZK_EINVAL;
    return mpz_cmp(d, SG_ORDER(g)) >= 0 ? ZK_ENONCANONICAL : ZK_OK;
}

zk_err bip340_pubkey(const sg_group *g, uint8_t pk[32], const uint8_t sk[32])
{
    if (!is_secp(g))
        return ZK_EINVAL;
    mpz_t d;
    mpz_init(d);
    zk_err err = secret_from(g, d, sk);
    if (!err)
        even_y_mul(g, pk, d);   /* bytes(d'·G): only x, so the sign of d is moot */
    sg_scalar_wipe(d);
    mpz_clear(d);
    return err;
}

const char *bip340_result_str(bip340_result r)
{
    switch (r) {
    case BIP340_VALID: return "the signature is valid";
    case BIP340_PK_RANGE: return "the public key is not below the field size p";
    case BIP340_PK_NOT_ON_CURVE: return "no curve point has the public key as x coordinate";
    case BIP340_R_RANGE: return "r = sig[0:32] is not below the field size p";
    case BIP340_S_RANGE: return "s = sig[32:64] is not below the curve order n";
    case BIP340_R_INFINITE: return "R = s*G - e*P is the point at infinity";
    case BIP340_R_ODD_Y: return "R = s*G - e*P has an odd y coordinate";
    case BIP340_R_MISMATCH: return "the x coordinate of R = s*G - e*P is not r";
    }
    return "unknown result";
}

static zk_err verify_core(const sg_group *g, bip340_verdict *v, const uint8_t pk[32],
                          const uint8_t *msg, size_t len, const uint8_t sig[64])
{
    memset(v, 0, sizeof *v);
    ec_zp_point p, r, t;
    mpz_t rr, s, e;
    ec_zp_point_init(&p);
    ec_zp_point_init(&r);
    ec_zp_point_init(&t);
    mpz_inits(rr, s, e, NULL);
    zk_err err = lift_x(g, &p, pk);
    if (err) {
        v->result = err == ZK_ENONCANONICAL ? BIP340_PK_RANGE : BIP340_PK_NOT_ON_CURVE;
        goto done;
    }
    int_from(rr, sig);
    int_from(s, sig + 32);
    if (mpz_cmp(rr, g->ec.f.p) >= 0) {
        v->result = BIP340_R_RANGE;
        err = ZK_ENONCANONICAL;
        goto done;
    }
    v->r_on_curve = lift_x(g, &t, sig) == ZK_OK;
    if (mpz_cmp(s, SG_ORDER(g)) >= 0) {
        v->result = BIP340_S_RANGE;
        err = ZK_ENONCANONICAL;
        goto done;
    }
    challenge(g, e, sig, pk, msg, len);
    sg_export_be(v->e, 32, e);
    v->have_e = true;
    /* R = s·G - e·P. */
    ec_zp_mul(&g->ec, &r, &g->ec.g, s);
    mpz_neg(e, e);
    ec_zp_mul(&g->ec, &t, &p, e);
    ec_zp_add(&g->ec, &r, &r, &t);
    err = ZK_EVERIFY;
    if (r.inf) {
        v->result = BIP340_R_INFINITE;
        goto done;
    }
    v->have_r = true;
    sg_export_be(v->rx, 32, r.x);
    v->r_odd = mpz_odd_p(r.y) != 0;
    if (v->r_odd)
        v->result = BIP340_R_ODD_Y;
    else if (mpz_cmp(r.x, rr) != 0)
        v->result = BIP340_R_MISMATCH;
    else {
        v->result = BIP340_VALID;
        err = ZK_OK;
    }
done:
    ec_zp_point_clear(&p);
    ec_zp_point_clear(&r);
    ec_zp_point_clear(&t);
    mpz_clears(rr, s, e, NULL);
    return err;
}

zk_err bip340_verify(const sg_group *g, bip340_verdict *v, const uint8_t pk[32],
                     const uint8_t *msg, size_t len, const uint8_t sig[64])
{
    if (!is_secp(g))
        return ZK_EINVAL;
    bip340_verdict local;
    return verify_core(g, v ? v : &local, pk, msg, len, sig);
}

/* Sign, with the nonce either derived as the BIP says (kfixed NULL) or
 * forced (the unsafe lesson signer). */
static zk_err sign_core(const sg_group *g, uint8_t sig[64], bip340_trace *trace,
                        const uint8_t sk[32], const uint8_t *msg, size_t len,
                        const uint8_t aux[32], const uint8_t *kfixed)
{
    if (!is_secp(g))
        return ZK_EINVAL;
    bip340_trace tr;
    mpz_t d, k, e;
    uint8_t buf[64], h[32];
    mpz_inits(d, k, e, NULL);
    memset(&tr, 0, sizeof tr);

    zk_err err = secret_from(g, d, sk);
    if (err)
        goto done;
    /* P = d'·G; d = d' if has_even_y(P) else n - d'. */
    tr.d_negated = even_y_mul(g, tr.px, d);

    if (kfixed) {
        int_from(k, kfixed);
        if (mpz_sgn(k) == 0) {
            err = ZK_EINVAL;
            goto done;
        }
        if (mpz_cmp(k, SG_ORDER(g)) >= 0) {
            err = ZK_ENONCANONICAL;
            goto done;
        }
    } else {
        /* t = bytes(d) xor H_aux(a); rand = H_nonce(t || bytes(P) || m);
         * k' = int(rand) mod n. */
        fs_tagged_hash(h, BIP340_TAG_AUX, aux, 32);
        sg_export_be(buf, 32, d);
        for (int i = 0; i < 32; i++)
            buf[i] ^= h[i];
        memcpy(buf + 32, tr.px, 32);
        fs_part parts[2] = {{buf, 64}, {msg, msg ? len : 0}};
        fs_tagged_hash_parts(h, BIP340_TAG_NONCE, parts, 2);
        int_from(k, h);
        mpz_mod(k, k, SG_ORDER(g));
        if (mpz_sgn(k) == 0) {   /* probability about 2^-256 */
            err = ZK_EINVAL;
            goto done;
        }
    }
    /* R = k'·G; k = k' if has_even_y(R) else n - k'. */
    tr.k_negated = even_y_mul(g, tr.rx, k);
    /* e = int(H_challenge(bytes(R) || bytes(P) || m)) mod n; s = k + e·d. */
    challenge(g, e, tr.rx, tr.px, msg, len);
    sg_export_be(tr.e, 32, e);
    mpz_mul(e, e, d);
    mpz_add(e, e, k);
    mpz_mod(e, e, SG_ORDER(g));
    memcpy(sig, tr.rx, 32);
    sg_export_be(sig + 32, 32, e);
    err = bip340_verify(g, NULL, tr.px, msg, len, sig) ? ZK_EVERIFY : ZK_OK;
    if (!err && trace)
        *trace = tr;
done:
    sg_scalar_wipe(d);
    sg_scalar_wipe(k);
    sg_scalar_wipe(e);
    mpz_clears(d, k, e, NULL);
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(h, sizeof h);
    if (err)
        sodium_memzero(sig, 64);
    return err;
}

zk_err bip340_sign(const sg_group *g, uint8_t sig[64], bip340_trace *trace, const uint8_t sk[32],
                   const uint8_t *msg, size_t len, const uint8_t aux[32], zk_rng *rng)
{
    uint8_t fresh[32];
    if (!aux) {
        zk_random_bytes(rng, fresh, sizeof fresh);
        aux = fresh;
    }
    zk_err err = sign_core(g, sig, trace, sk, msg, len, aux, NULL);
    sodium_memzero(fresh, sizeof fresh);
    return err;
}

zk_err bip340_sign_with_nonce_unsafe(const sg_group *g, uint8_t sig[64], const uint8_t sk[32],
                                     const uint8_t *msg, size_t len, const uint8_t k[32])
{
    return sign_core(g, sig, NULL, sk, msg, len, NULL, k);
}

zk_err bip340_recover_nonce_reuse(const sg_group *g, uint8_t sk[32], const uint8_t pk[32],
                                  const uint8_t *msg1, size_t len1, const uint8_t sig1[64],
                                  const uint8_t *msg2, size_t len2, const uint8_t sig2[64])
{
    memset(sk, 0, 32);
    if (!is_secp(g))
        return ZK_EINVAL;
    bip340_verdict v1, v2;
    if (bip340_verify(g, &v1, pk, msg1, len1, sig1) ||
        bip340_verify(g, &v2, pk, msg2, len2, sig2))
        return ZK_EVERIFY;
    if (memcmp(sig1, sig2, 32) != 0 || memcmp(v1.e, v2.e, 32) == 0)
        return ZK_EINVAL;
    /* Both verify with the same R, so s_i = k + e_i·d with one k. */
    const zp_field *fn = &g->fq;
    mpz_t s1, s2, e1, e2, d;
    mpz_inits(s1, s2, e1, e2, d, NULL);
    int_from(s1, sig1 + 32);
    int_from(s2, sig2 + 32);
    int_from(e1, v1.e);
    int_from(e2, v2.e);
    zp_sub(fn, s1, s1, s2);
    zp_sub(fn, e1, e1, e2);
    zp_inv(fn, e1, e1);   /* e1 != e2 and both < n */
    zp_mul(fn, d, s1, e1);
    sg_export_be(sk, 32, d);
    sg_scalar_wipe(d);
    sg_scalar_wipe(s1);
    mpz_clears(s1, s2, e1, e2, d, NULL);
    return ZK_OK;
}

/* ---- hex forms --------------------------------------------------------- */

zk_err bip340_pubkey_hex(const sg_group *g, char pk_hex[65], const char *sk_hex)
{
    uint8_t sk[32], pk[32];
    pk_hex[0] = '\0';
    zk_err err = zk_hex_decode_exact(sk, 32, sk_hex);
    if (!err)
        err = bip340_pubkey(g, pk, sk);
    if (!err)
        zk_hex_encode(pk_hex, pk, 32);
    sodium_memzero(sk, sizeof sk);
    return err;
}

/* Decodes a message of any length into fresh memory (*out NULL for none). */
static zk_err msg_from_hex(uint8_t **out, size_t *len, const char *hex)
{
    *out = NULL;
    *len = 0;
    if (!hex)
        return ZK_EINVAL;
    size_t cap = strlen(hex) / 2;
    if (cap == 0)
        return zk_hex_decode(NULL, 0, len, hex);
    *out = zk_alloc(cap, 1);
    if (!*out)
        return ZK_ENOMEM;
    zk_err err = zk_hex_decode(*out, cap, len, hex);
    if (err) {
        zk_free(*out);
        *out = NULL;
    }
    return err;
}

zk_err bip340_sign_hex(const sg_group *g, char sig_hex[129], const char *sk_hex,
                       const char *msg_hex, const char *aux_hex, zk_rng *rng)
{
    uint8_t sk[32], aux[32], sig[64], *msg = NULL;
    size_t len = 0;
    bool have_aux = aux_hex && *aux_hex;
    sig_hex[0] = '\0';
    zk_err err = zk_hex_decode_exact(sk, 32, sk_hex);
    if (!err && have_aux)
        err = zk_hex_decode_exact(aux, 32, aux_hex);
    if (!err)
        err = msg_from_hex(&msg, &len, msg_hex);
    if (!err)
        err = bip340_sign(g, sig, NULL, sk, msg, len, have_aux ? aux : NULL, rng);
    if (!err)
        zk_hex_encode(sig_hex, sig, 64);
    zk_free(msg);
    sodium_memzero(sk, sizeof sk);
    return err;
}

zk_err bip340_verify_hex(const sg_group *g, bip340_verdict *v, const char *pk_hex,
                         const char *msg_hex, const char *sig_hex)
{
    uint8_t pk[32], sig[64], *msg = NULL;
    size_t len = 0;
    zk_err err = zk_hex_decode_exact(pk, 32, pk_hex);
    if (!err)
        err = zk_hex_decode_exact(sig, 64, sig_hex);
    if (!err)
        err = msg_from_hex(&msg, &len, msg_hex);
    if (!err)
        err = bip340_verify(g, v, pk, msg, len, sig);
    zk_free(msg);
    return err;
}
