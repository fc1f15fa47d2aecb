/* Powers of tau in memory and on disk, and contributions (snark/ptau.h). */
#include "snark/ptau.h"

#include <sodium.h>
#include <string.h>

#include "core/alloc.h"
#include "core/binfile.h"
#include "core/pool.h"
#include "curve/encode.h"
#include "curve/glv.h"
#include "snark/blake2b.h"
#include "snark/contrib.h"
#include "snark/points_io.h"
#include "snark/ptau_internal.h"
#include "snark/snarkjs_rng.h"

void ptau_free(ptau *t)
{
    zk_free(t->tau_g1);
    zk_free(t->tau_g2);
    zk_free(t->alpha_g1);
    zk_free(t->beta_g1);
    zk_free(t->c);
    memset(t, 0, sizeof *t);
}

static zk_err ptau_alloc(ptau *t, unsigned power)
{
    size_t n = (size_t)1 << power;
    t->power = power;
    t->tau_g1 = zk_alloc(2 * n - 1, sizeof *t->tau_g1);
    t->tau_g2 = zk_alloc(n, sizeof *t->tau_g2);
    t->alpha_g1 = zk_alloc(n, sizeof *t->alpha_g1);
    t->beta_g1 = zk_alloc(n, sizeof *t->beta_g1);
    if (!t->tau_g1 || !t->tau_g2 || !t->alpha_g1 || !t->beta_g1) {
        ptau_free(t);
        return ZK_ENOMEM;
    }
    return ZK_OK;
}

zk_err ptau_new(ptau *t, unsigned power)
{
    memset(t, 0, sizeof *t);
    if (power < 1 || power > PTAU_MAX_POWER)
        return ZK_EINVAL;
    zk_err err = ptau_alloc(t, power);
    if (err)
        return err;
    t->ceremony_power = power;
    size_t n = (size_t)1 << power;
    for (size_t i = 0; i < 2 * n - 1; i++)
        t->tau_g1[i] = g1_generator;
    for (size_t i = 0; i < n; i++) {
        t->tau_g2[i] = g2_generator;
        t->alpha_g1[i] = g1_generator;
        t->beta_g1[i] = g1_generator;
    }
    t->beta_g2 = g2_generator;
    return ZK_OK;
}

/* ---- hashing -------------------------------------------------------------------- */

/* powersoftau_utils.js calculateFirstChallengeHash: BLAKE2b of the empty
 * string's BLAKE2b, then every point of a fresh file, uncompressed. */
static void first_challenge(uint8_t out[64], unsigned power)
{
    blake2b_state h;
    uint8_t empty[64], g1u[64], g2u[128];
    blake2b_512(empty, NULL, 0);
    blake2b_init(&h);
    blake2b_update(&h, empty, 64);
    snarkjs_g1_uncompressed(g1u, &g1_generator);
    snarkjs_g2_uncompressed(g2u, &g2_generator);
    size_t n = (size_t)1 << power;
    for (size_t i = 0; i < 2 * n - 1; i++)
        blake2b_update(&h, g1u, 64);
    for (size_t i = 0; i < n; i++)
        blake2b_update(&h, g2u, 128);
    for (size_t i = 0; i < 2 * n; i++)
        blake2b_update(&h, g1u, 64);
    blake2b_update(&h, g2u, 128);
    blake2b_final(&h, out);
}

void ptau_last_challenge(uint8_t out[64], const ptau *t)
{
    if (t->n_c)
        memcpy(out, t->c[t->n_c - 1].next_challenge, 64);
    else
        first_challenge(out, t->ceremony_power);
}

/* Every point of sections 2-6, uncompressed, into h (the next challenge). */
void ptau_hash_points(blake2b_state *h, const ptau *t)
{
    size_t n = (size_t)1 << t->power;
    for (size_t i = 0; i < 2 * n - 1; i++)
        snarkjs_hash_g1(h, &t->tau_g1[i]);
    for (size_t i = 0; i < n; i++)
        snarkjs_hash_g2(h, &t->tau_g2[i]);
    for (size_t i = 0; i < n; i++)
        snarkjs_hash_g1(h, &t->alpha_g1[i]);
    for (size_t i = 0; i < n; i++)
        snarkjs_hash_g1(h, &t->beta_g1[i]);
    snarkjs_hash_g2(h, &t->beta_g2);
}

/* The same compressed: the response. */
static void hash_points_compressed(blake2b_state *h, const ptau *t)
{
    size_t n = (size_t)1 << t->power;
    uint8_t b[64];
    for (size_t i = 0; i < 2 * n - 1; i++) {
        snarkjs_g1_compressed(b, &t->tau_g1[i]);
        blake2b_update(h, b, 32);
    }
    for (size_t i = 0; i < n; i++) {
        snarkjs_g2_compressed(b, &t->tau_g2[i]);
        blake2b_update(h, b, 64);
    }
    for (size_t i = 0; i < n; i++) {
        snarkjs_g1_compressed(b, &t->alpha_g1[i]);
        blake2b_update(h, b, 32);
    }
    for (size_t i = 0; i < n; i++) {
        snarkjs_g1_compressed(b, &t->beta_g1[i]);
        blake2b_update(h, b, 32);
    }
    snarkjs_g2_compressed(b, &t->beta_g2);
    blake2b_update(h, b, 64);
}

/* The public key as the response hash takes it: six G1 then three G2
 * points, uncompressed (powersoftau_utils.js toPtauPubKeyRpr). */
void ptau_hash_pubkey(blake2b_state *h, const ptau_pubkey key[3])
{
    for (int k = 0; k < 3; k++) {
        snarkjs_hash_g1(h, &key[k].g1_s);
        snarkjs_hash_g1(h, &key[k].g1_sx);
    }
    for (int k = 0; k < 3; k++)
        snarkjs_hash_g2(h, &key[k].g2_spx);
}

void ptau_response_hash(uint8_t out[64], const ptau_contribution *c)
{
    blake2b_state h;
    if (blake2b_restore(&h, c->partial_hash) != ZK_OK) {
        memset(out, 0, 64);
        return;
    }
    ptau_hash_pubkey(&h, c->key);
    blake2b_final(&h, out);
}

/* ---- applying a contribution ------------------------------------------------------- */

#define APPLY_CHUNK 4096

/* pts[i] ← (first·inc^i)·pts[i] for i < n, in constant time in the scalars
 * (they are a contributor's secrets; curve/glv.h g1_mul_many_ct). Progress
 * counts points into *done. */
zk_err ptau_apply_key(void *pts, bool g2, size_t n, const fr_t *first, const fr_t *inc,
                      uint64_t *done, uint64_t total, const zk_events *ev)
{
    fr_t *k = zk_alloc(APPLY_CHUNK, sizeof *k);
    zk_err err = k ? ZK_OK : ZK_ENOMEM;
    fr_t f = *first;
    for (size_t i = 0; !err && i < n; i += APPLY_CHUNK) {
        size_t m = n - i < APPLY_CHUNK ? n - i : APPLY_CHUNK;
        for (size_t q = 0; q < m; q++) {
            k[q] = f;
            fr_mul(&f, &f, inc);
        }
        if (g2) {
            g2_aff *p = (g2_aff *)pts + i;
            err = g2_mul_many_ct(p, p, k, m);
        } else {
            g1_aff *p = (g1_aff *)pts + i;
            err = g1_mul_many_ct(p, p, k, m);
        }
        *done += m;
        if (!err)
            err = zk_emit(ev, ZK_EV_PROGRESS, "contribute", *done, total, NULL);
    }
    sodium_memzero(&f, sizeof f);
    zk_free_secret(k, APPLY_CHUNK, sizeof *k);
    return err;
}

/* Multiplies every series by the secrets (known: a fresh file's, from the
 * generators with fixed-base tables, ptau_known_series) and records the
 * contribution whose public key (key) the caller made for them. */
static zk_err apply_contribution(ptau *t, const fr_t s[3], const ptau_pubkey key[3],
                                 ptau_contribution *c, uint8_t response[64], bool known,
                                 const zk_events *ev)
{
    if (t->power != t->ceremony_power)
        return ZK_EINVAL;
    uint8_t challenge[64];
    ptau_last_challenge(challenge, t);
    size_t n = (size_t)1 << t->power;
    uint64_t done = 0, total = 5 * (uint64_t)n;
    fr_t one;
    fr_one(&one);
    zk_err err;
    if ((!known && (err = ptau_check_g2(t))) ||
        (err = zk_emit(ev, ZK_EV_BEGIN, "contribute", 0, total, NULL)))
        return err;
    if (known)
        err = ptau_known_series(t, s, ev);
    else if ((err = ptau_apply_key(t->tau_g1, false, 2 * n - 1, &one, &s[0], &done, total, ev)) ||
             (err = ptau_apply_key(t->tau_g2, true, n, &one, &s[0], &done, total, ev)) ||
             (err = ptau_apply_key(t->alpha_g1, false, n, &s[1], &s[0], &done, total, ev)) ||
             (err = ptau_apply_key(t->beta_g1, false, n, &s[2], &s[0], &done, total, ev)))
        return err;
    if (err || (err = ptau_apply_key(&t->beta_g2, true, 1, &s[2], &s[0], &done, total, ev)))
        return err;
    c->tau_g1 = t->tau_g1[1];
    c->tau_g2 = t->tau_g2[1];
    c->alpha_g1 = t->alpha_g1[0];
    c->beta_g1 = t->beta_g1[0];
    c->beta_g2 = t->beta_g2;
    memcpy(c->key, key, sizeof c->key);

    blake2b_state h;
    blake2b_init(&h);
    blake2b_update(&h, challenge, 64);
    hash_points_compressed(&h, t);
    blake2b_save(c->partial_hash, &h);
    ptau_hash_pubkey(&h, key);
    uint8_t resp[64];
    blake2b_final(&h, resp);
    if (response)
        memcpy(response, resp, 64);

    blake2b_init(&h);
    blake2b_update(&h, resp, 64);
    ptau_hash_points(&h, t);
    blake2b_final(&h, c->next_challenge);

    ptau_contribution *grown = zk_realloc(t->c, t->n_c + 1, sizeof *t->c);
    if (!grown)
        return ZK_ENOMEM;
    t->c = grown;
    t->c[t->n_c++] = *c;
    return zk_emit(ev, ZK_EV_END, "contribute", total, total, NULL);
}

/* keypair.js calculatePubKey: s, x·s, x·hashToG2(pers ‖ challenge ‖ s ‖ x·s). */
static void make_pubkey(ptau_pubkey *k, const fr_t *x, const g1_aff *s, uint8_t pers,
                        const uint8_t challenge[64])
{
    uint64_t e[4];
    fr_to_int(e, x);
    g1_jac p, q;
    g1_from_aff(&p, s);
    g1_mul(&q, &p, e);
    k->g1_s = *s;
    g1_to_aff_var(&k->g1_sx, &q);
    g2_aff sp;
    snarkjs_g2_sp(&sp, pers, challenge, &k->g1_s, &k->g1_sx);
    g2_jac p2, q2;
    g2_from_aff(&p2, &sp);
    g2_mul(&q2, &p2, e);
    g2_to_aff_var(&k->g2_spx, &q2);
    sodium_memzero(e, sizeof e);
}

static void set_name(ptau_contribution *c, const char *name)
{
    if (name) {
        size_t l = strnlen(name, 64);
        memcpy(c->name, name, l);
        c->name[l] = 0;
    }
}

/* A contribution with the secrets s (τ, α, β), wiped afterwards: public
 * keys on random points from rng against the last challenge, then every
 * series updated. */
static zk_err contribute_secrets(ptau *t, fr_t s[3], const char *name, zk_rng *rng,
                                 uint8_t response_hash[64], bool known, const zk_events *ev)
{
    uint8_t challenge[64];
    ptau_last_challenge(challenge, t);
    ptau_pubkey key[3];
    for (int i = 0; i < 3; i++) {
        g1_aff pt;
        g1_random_var(&pt, rng);
        make_pubkey(&key[i], &s[i], &pt, (uint8_t)i, challenge);
    }
    ptau_contribution c;
    memset(&c, 0, sizeof c);
    set_name(&c, name);
    zk_err err = apply_contribution(t, s, key, &c, response_hash, known, ev);
    sodium_memzero(s, 3 * sizeof *s);
    return err;
}

zk_err ptau_contribute_with(ptau *t, const char *name, const fr_t *x, const fr_t *a,
                            const fr_t *b, zk_rng *rng, const zk_events *ev)
{
    fr_t s[3] = {*x, *a, *b};
    return contribute_secrets(t, s, name, rng, NULL, false, ev);
}

zk_err ptau_contribute_known(ptau *t, const char *name, const fr_t *x, const fr_t *a,
                             const fr_t *b, zk_rng *rng, const zk_events *ev)
{
    if (t->n_c != 0)
        return ZK_EINVAL;
    fr_t s[3] = {*x, *a, *b};
    return contribute_secrets(t, s, name, rng, NULL, true, ev);
}

zk_err ptau_contribute(ptau *t, const char *name, zk_rng *rng, uint8_t response_hash[64],
                       const zk_events *ev)
{
    if (t->power != t->ceremony_power)
        return ZK_EINVAL;
    fr_t s[3];
    for (int i = 0; i < 3; i++) {
        do
            fr_random(&s[i], rng);
        while (fr_is_zero(&s[i]));
    }
    return contribute_secrets(t, s, name, rng, response_hash, false, ev);
}

/* powersoftau_utils.js keyFromBeacon: three Fr draws, then the three
 * public keys, each drawing its s from the same ChaCha stream. */
zk_err ptau_beacon_key(fr_t s[3], ptau_pubkey key[3], const uint8_t challenge[64],
                       const uint8_t *beacon, size_t len, unsigned exp, const zk_events *ev)
{
    snarkjs_chacha c;
    zk_err err = snarkjs_beacon_rng(&c, beacon, len, exp, ev);
    if (err)
        return err;
    for (int i = 0; i < 3; i++)
        snarkjs_fr_from_rng(&s[i], &c);
    for (int i = 0; i < 3; i++) {
        g1_aff pt;
        snarkjs_g1_from_rng(&pt, &c);
        make_pubkey(&key[i], &s[i], &pt, (uint8_t)i, challenge);
    }
    snarkjs_chacha_wipe(&c);
    return ZK_OK;
}

zk_err ptau_beacon(ptau *t, const char *name, const uint8_t *beacon, size_t len, unsigned exp,
                   const zk_events *ev)
{
    if (len == 0 || len > 255 || exp < 10 || exp > 63)
        return ZK_EINVAL;
    if (t->power != t->ceremony_power)
        return ZK_EINVAL;
    uint8_t challenge[64];
    ptau_last_challenge(challenge, t);
    fr_t s[3];
    ptau_pubkey key[3];
    zk_err err = ptau_beacon_key(s, key, challenge, beacon, len, exp, ev);
    if (err)
        return err;
    ptau_contribution c;
    memset(&c, 0, sizeof c);
    set_name(&c, name);
    c.type = 1;
    c.beacon_exp = (uint8_t)exp;
    c.beacon_len = (uint8_t)len;
    memcpy(c.beacon, beacon, len);
    err = apply_contribution(t, s, key, &c, NULL, false, ev);
    sodium_memzero(s, sizeof s);
    return err;
}

/* ---- the file ---------------------------------------------------------------------- */

#define CONTRIB_POINTS (3 * G1_LEM_BYTES + 2 * G2_LEM_BYTES + 6 * G1_LEM_BYTES + 3 * G2_LEM_BYTES)
#define CONTRIB_FIXED (CONTRIB_POINTS + 216 + 64 + 4 + 4)

static void put_contribution(uint8_t *b, const ptau_contribution *c)
{
    g1_encode_lem(b, &c->tau_g1);
    g2_encode_lem(b + 64, &c->tau_g2);
    g1_encode_lem(b + 192, &c->alpha_g1);
    g1_encode_lem(b + 256, &c->beta_g1);
    g2_encode_lem(b + 320, &c->beta_g2);
    uint8_t *p = b + 448;
    for (int k = 0; k < 3; k++) {
        g1_encode_lem(p, &c->key[k].g1_s);
        g1_encode_lem(p + 64, &c->key[k].g1_sx);
        p += 128;
    }
    for (int k = 0; k < 3; k++, p += 128)
        g2_encode_lem(p, &c->key[k].g2_spx);
    memcpy(p, c->partial_hash, 216);
    memcpy(p + 216, c->next_challenge, 64);
    zk_le_put32(p + 280, c->type);
}

static zk_err get_contribution(ptau_contribution *c, const uint8_t *b)
{
    zk_err err;
    if ((err = g1_decode_lem(&c->tau_g1, b, 64)) ||
        (err = g2_decode_lem(&c->tau_g2, b + 64, 128, false)) ||
        (err = g1_decode_lem(&c->alpha_g1, b + 192, 64)) ||
        (err = g1_decode_lem(&c->beta_g1, b + 256, 64)) ||
        (err = g2_decode_lem(&c->beta_g2, b + 320, 128, false)))
        return err;
    const uint8_t *p = b + 448;
    for (int k = 0; k < 3; k++, p += 128)
        if ((err = g1_decode_lem(&c->key[k].g1_s, p, 64)) ||
            (err = g1_decode_lem(&c->key[k].g1_sx, p + 64, 64)))
            return err;
    for (int k = 0; k < 3; k++, p += 128)
        if ((err = g2_decode_lem(&c->key[k].g2_spx, p, 128, false)))
            return err;
    memcpy(c->partial_hash, p, 216);
    memcpy(c->next_challenge, p + 216, 64);
    c->type = zk_le32(p + 280);
    return c->type <= 1 ? ZK_OK : ZK_EFORMAT;
}

static zk_err read_contributions(ptau *t, const zk_binfile *b)
{
    const zk_binfile_section *s;
    zk_err err = zk_binfile_section_get(b, PTAU_SEC_CONTRIBUTIONS, &s);
    if (err)
        return err;
    if (s->size < 4 || s->size > (64u << 20))
        return ZK_EFORMAT;
    uint8_t *buf = zk_alloc((size_t)s->size, 1);
    if (!buf)
        return ZK_ENOMEM;
    size_t len = (size_t)s->size, pos = 4;
    if ((err = zk_binfile_read_in(b, s, 0, buf, len)))
        goto out;
    uint32_t n = zk_le32(buf);
    if (n > len / CONTRIB_FIXED) {
        err = ZK_EFORMAT;
        goto out;
    }
    if (n && !(t->c = zk_calloc(n, sizeof *t->c))) {
        err = ZK_ENOMEM;
        goto out;
    }
    for (uint32_t i = 0; !err && i < n; i++) {
        if (len - pos < CONTRIB_FIXED) {
            err = ZK_EFORMAT;
            break;
        }
        if ((err = get_contribution(&t->c[i], buf + pos)))
            break;
        uint32_t plen = zk_le32(buf + pos + CONTRIB_FIXED - 4);
        pos += CONTRIB_FIXED;
        if (plen > len - pos) {
            err = ZK_EFORMAT;
            break;
        }
        ptau_contribution *c = &t->c[i];
        contrib_params q = {c->name, &c->beacon_exp, &c->beacon_len, c->beacon};
        err = contrib_params_get(&q, buf + pos, plen);
        pos += plen;
        t->n_c++;
    }
    if (!err && pos != len)
        err = ZK_EFORMAT;
out:
    zk_free(buf);
    return err;
}

/* Section 1 of a .ptau: ZK_EFORMAT unless it is BN254's with a sane power. */
zk_err ptau_read_header(const zk_binfile *b, unsigned *power, unsigned *ceremony_power)
{
    const zk_binfile_section *s;
    uint8_t h[44], q[32];
    zk_err err = zk_binfile_section_get(b, PTAU_SEC_HEADER, &s);
    if (err)
        return err;
    if (s->size != 44 || (err = zk_binfile_read_in(b, s, 0, h, 44)))
        return err ? err : ZK_EFORMAT;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            q[8 * i + j] = (uint8_t)(fq_params.p[i] >> (8 * j));
    *power = zk_le32(h + 36);
    *ceremony_power = zk_le32(h + 40);
    if (zk_le32(h) != 32 || memcmp(h + 4, q, 32) != 0 || *power < 1 ||
        *power > PTAU_MAX_POWER || *ceremony_power < *power || *ceremony_power > PTAU_MAX_POWER)
        return ZK_EFORMAT;
    return ZK_OK;
}

/* The unique section of a type, exactly size bytes long. */
static zk_err section_sized(const zk_binfile_section **s, const zk_binfile *b, uint32_t type,
                            uint64_t size)
{
    zk_err err = zk_binfile_section_get(b, type, s);
    return err ? err : (*s)->size == size ? ZK_OK : ZK_EFORMAT;
}

/* Every point of a ceremony is a non-zero multiple of a generator (the
 * secrets are never 0), so a point at infinity is a malformed file, not a
 * contribution that fails to verify. */
static zk_err check_finite(const ptau *t)
{
    size_t n = (size_t)1 << t->power;
    bool inf = t->beta_g2.inf;
    for (size_t i = 0; i < 2 * n - 1 && !inf; i++)
        inf = t->tau_g1[i].inf;
    for (size_t i = 0; i < n && !inf; i++)
        inf = t->tau_g2[i].inf || t->alpha_g1[i].inf || t->beta_g1[i].inf;
    for (size_t i = 0; i < t->n_c && !inf; i++) {
        const ptau_contribution *c = &t->c[i];
        inf = c->tau_g1.inf || c->tau_g2.inf || c->alpha_g1.inf || c->beta_g1.inf ||
              c->beta_g2.inf;
        for (int k = 0; k < 3 && !inf; k++)
            inf = c->key[k].g1_s.inf || c->key[k].g1_sx.inf || c->key[k].g2_spx.inf;
    }
    return inf ? ZK_EINFINITY : ZK_OK;
}

zk_err ptau_read(ptau *t, const char *path)
{
    memset(t, 0, sizeof *t);
    zk_binfile b;
    zk_err err = zk_binfile_open(&b, path, "ptau", 1);
    if (err)
        return err;
    unsigned power, cpow;
    if ((err = ptau_read_header(&b, &power, &cpow)))
        goto out;
    size_t n = (size_t)1 << power;
    /* The header's power sizes gigabytes of points; the sections it implies
     * must be in the file before any of that is allocated. */
    const zk_binfile_section *tg1, *tg2, *ag1, *bg1;
    if ((err = section_sized(&tg1, &b, PTAU_SEC_TAU_G1, (2 * n - 1) * 64)) ||
        (err = section_sized(&tg2, &b, PTAU_SEC_TAU_G2, n * 128)) ||
        (err = section_sized(&ag1, &b, PTAU_SEC_ALPHA_G1, n * 64)) ||
        (err = section_sized(&bg1, &b, PTAU_SEC_BETA_G1, n * 64)) || (err = ptau_alloc(t, power)))
        goto out;
    t->ceremony_power = cpow;
    g2_aff *b2 = NULL;
    if ((err = snark_read_g1s(t->tau_g1, &b, tg1, 0, 2 * n - 1)) ||
        (err = snark_read_g2s(t->tau_g2, &b, tg2, 0, n, false)) ||
        (err = snark_read_g1s(t->alpha_g1, &b, ag1, 0, n)) ||
        (err = snark_read_g1s(t->beta_g1, &b, bg1, 0, n)) ||
        (err = snark_load_g2s(&b2, &b, PTAU_SEC_BETA_G2, 1, false)))
        goto out;
    t->beta_g2 = b2[0];
    zk_free(b2);
    if (!(err = read_contributions(t, &b)))
        err = check_finite(t);
out:
    zk_binfile_close(&b);
    if (err)
        ptau_free(t);
    return err;
}

void ptau_write_header(zk_binwriter *w, unsigned power, unsigned ceremony_power)
{
    uint8_t h[44];
    zk_le_put32(h, 32);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            h[4 + 8 * i + j] = (uint8_t)(fq_params.p[i] >> (8 * j));
    zk_le_put32(h + 36, power);
    zk_le_put32(h + 40, ceremony_power);
    zk_binwriter_begin(w, PTAU_SEC_HEADER);
    zk_binwriter_bytes(w, h, sizeof h);
    zk_binwriter_end(w);
}

/* known: the secrets τ, α, β the prepared sections are computed from, or
 * NULL for the group NTT. */
static zk_err write_file(const ptau *t, const char *path, bool prepare, const fr_t *known,
                         const zk_events *ev)
{
    zk_binwriter w;
    zk_err err = zk_binwriter_open(&w, path, "ptau", 1, prepare ? 11 : 7);
    if (err)
        return err;
    size_t n = (size_t)1 << t->power;
    ptau_write_header(&w, t->power, t->ceremony_power);
    zk_binwriter_begin(&w, PTAU_SEC_TAU_G1);
    snark_write_g1s(&w, t->tau_g1, 2 * n - 1);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, PTAU_SEC_TAU_G2);
    snark_write_g2s(&w, t->tau_g2, n);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, PTAU_SEC_ALPHA_G1);
    snark_write_g1s(&w, t->alpha_g1, n);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, PTAU_SEC_BETA_G1);
    snark_write_g1s(&w, t->beta_g1, n);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, PTAU_SEC_BETA_G2);
    snark_write_g2s(&w, &t->beta_g2, 1);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, PTAU_SEC_CONTRIBUTIONS);
    zk_binwriter_u32(&w, (uint32_t)t->n_c);
    for (size_t i = 0; i < t->n_c; i++) {
        uint8_t b[CONTRIB_FIXED - 4], params[CONTRIB_PARAMS_MAX];
        put_contribution(b, &t->c[i]);
        zk_binwriter_bytes(&w, b, sizeof b);
        const ptau_contribution *c = &t->c[i];
        size_t pl = contrib_params_put(params, c->name, c->type == 1, c->beacon_exp,
                                               c->beacon, c->beacon_len);
        zk_binwriter_u32(&w, (uint32_t)pl);
        zk_binwriter_bytes(&w, params, pl);
    }
    zk_binwriter_end(&w);
    if (prepare && !w.err &&
        (err = known ? ptau_write_lagrange_known(&w, t, known, ev) : ptau_write_lagrange(&w, t, ev))) {
        zk_binwriter_abort(&w);
        return err;
    }
    return zk_binwriter_commit(&w);
}

zk_err ptau_write(const ptau *t, const char *path, bool prepare, const zk_events *ev)
{
    return write_file(t, path, prepare, NULL, ev);
}

zk_err ptau_write_prepared_known(const ptau *t, const char *path, const fr_t s[3],
                                 const zk_events *ev)
{
    return write_file(t, path, true, s, ev);
}

/* ---- ceremonies with no secret -------------------------------------------------------- */

const char *ptau_no_secret(const ptau *t)
{
    /* The values first: a record can be pasted onto a fresh file, but no
     * contribution leaves τ, α or β at 1 (except with probability 1/r). */
    if (g1_aff_eq(&t->tau_g1[1], &g1_generator) || g1_aff_eq(&t->alpha_g1[0], &g1_generator) ||
        g1_aff_eq(&t->beta_g1[0], &g1_generator))
        return "nobody contributed: tau*G1, alpha*G1 or beta*G1 is still the generator "
               "(tau, alpha or beta = 1)";
    if (t->n_c == 0)
        return "no contribution is recorded, so whoever made the file may know tau";
    for (size_t i = 0; i < t->n_c; i++)
        if (t->c[i].type == 0)
            return NULL;
    return "every contribution is a public random beacon, so anyone can recompute tau";
}

zk_err ptau_file_no_secret(const char **why, const char *path)
{
    *why = NULL;
    zk_binfile b;
    zk_err err = zk_binfile_open(&b, path, "ptau", 1);
    if (err)
        return err;
    /* Only what ptau_no_secret reads: τ·G1 (the second point of section
     * 2), the first points of sections 4 and 5, and the records. */
    g1_aff tau[2], alpha, beta;
    ptau t;
    memset(&t, 0, sizeof t);
    unsigned power, cpow;
    const zk_binfile_section *s2, *s4, *s5;
    if (!(err = ptau_read_header(&b, &power, &cpow)) &&
        !(err = zk_binfile_section_get(&b, PTAU_SEC_TAU_G1, &s2)) &&
        !(err = zk_binfile_section_get(&b, PTAU_SEC_ALPHA_G1, &s4)) &&
        !(err = zk_binfile_section_get(&b, PTAU_SEC_BETA_G1, &s5)) &&
        !(err = snark_read_g1s(tau, &b, s2, 0, 2)) && !(err = snark_read_g1s(&alpha, &b, s4, 0, 1)) &&
        !(err = snark_read_g1s(&beta, &b, s5, 0, 1)) && !(err = read_contributions(&t, &b))) {
        t.tau_g1 = tau;
        t.alpha_g1 = &alpha;
        t.beta_g1 = &beta;
        *why = ptau_no_secret(&t);
    }
    zk_free(t.c);
    zk_binfile_close(&b);
    return err;
}
