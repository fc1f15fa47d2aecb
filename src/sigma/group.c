#include "sigma/group.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/hex.h"

/* ---- parameter digest ------------------------------------------------- */

/* Feeds a non-negative integer as a 4-byte big-endian length and its
 * big-endian bytes, so that no two parameter lists hash the same input. */
static void hash_mpz(crypto_hash_sha256_state *st, const mpz_t a)
{
    uint8_t buf[SG_ENC_MAX + 8];
    size_t n = 0;
    if (mpz_sgn(a) != 0)
        mpz_export(buf, &n, 1, 1, 1, 0, a);
    uint8_t len[4] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
    crypto_hash_sha256_update(st, len, 4);
    crypto_hash_sha256_update(st, buf, n);
}

static void compute_id(sg_group *g)
{
    static const char domain[] = "zkcave/sigma/group";
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const uint8_t *)domain, sizeof domain - 1);
    uint8_t kind = (uint8_t)g->kind;
    crypto_hash_sha256_update(&st, &kind, 1);
    if (g->kind == SG_ZP) {
        hash_mpz(&st, g->zp.p);
        hash_mpz(&st, g->fq.p);
        hash_mpz(&st, g->zp_g);
    } else {
        hash_mpz(&st, g->ec.f.p);
        hash_mpz(&st, g->ec.a);
        hash_mpz(&st, g->ec.b);
        hash_mpz(&st, g->ec.g.x);
        hash_mpz(&st, g->ec.g.y);
        hash_mpz(&st, g->fq.p);
    }
    crypto_hash_sha256_final(&st, g->id);
}

/* ---- groups ------------------------------------------------------------ */

/* Finishes a Z_p^* group whose fields zp, fq and zp_g are set: checks that
 * q divides p - 1 and that gen has order q. On error g holds nothing. */
static zk_err zp_finish(sg_group *g, const char *name)
{
    zk_err err = ZK_OK;
    mpz_t t;
    mpz_init(t);
    mpz_sub_ui(t, g->zp.p, 1);
    if (g->zp.bits > SG_ZP_MAX_BITS)
        err = ZK_EOVERFLOW;
    else if (!mpz_divisible_p(t, g->fq.p))
        err = ZK_EINVAL;
    else if (mpz_cmp_ui(g->zp_g, 1) <= 0)
        err = ZK_EINVAL;   /* 0 is not in Z_p^*, and 1 generates nothing */
    else {
        /* With q prime, gen^q = 1 and gen != 1 mean gen has order exactly q. */
        mpz_powm(t, g->zp_g, g->fq.p, g->zp.p);
        if (mpz_cmp_ui(t, 1) != 0)
            err = ZK_ENOTINSUBGROUP;
    }
    mpz_clear(t);
    if (err) {
        mpz_clear(g->zp_g);
        zp_field_clear(&g->fq);
        zp_field_clear(&g->zp);
        return err;
    }
    g->kind = SG_ZP;
    snprintf(g->name, sizeof g->name, "%s", name);
    g->elt_bytes = (g->zp.bits + 7) / 8;
    compute_id(g);
    return ZK_OK;
}

zk_err sg_init_zp(sg_group *g, const char *p, const char *q, const char *gen)
{
    if (!p || !q || !gen)
        return ZK_EINVAL;
    /* Refuse absurd texts before GMP's primality test spends minutes on them:
     * SG_ZP_MAX_BITS bits take at most 1234 decimal digits. */
    if (strlen(p) > SG_STR_MAX || strlen(q) > SG_STR_MAX)
        return ZK_EOVERFLOW;
    zk_err err = zp_field_init(&g->zp, p);
    if (err)
        return err;
    err = zp_field_init(&g->fq, q);
    if (err) {
        zp_field_clear(&g->zp);
        return err;
    }
    mpz_init(g->zp_g);
    err = zp_set_str(&g->zp, g->zp_g, gen);
    if (err) {
        mpz_clear(g->zp_g);
        zp_field_clear(&g->fq);
        zp_field_clear(&g->zp);
        return err;
    }
    return zp_finish(g, "zp");
}

zk_err sg_init_toy11(sg_group *g)
{
    zk_err err = sg_init_zp(g, "23", "11", "4");
    if (!err)
        snprintf(g->name, sizeof g->name, "toy11");
    return err;
}

zk_err sg_init_secp256k1(sg_group *g)
{
    zk_err err = ec_zp_curve_secp256k1(&g->ec);
    if (err)
        return err;
    char text[2 + SG_ENC_MAX * 2 + 1] = "0x";
    mpz_get_str(text + 2, 16, g->ec.n);
    err = zp_field_init(&g->fq, text);
    if (err) {
        ec_zp_curve_clear(&g->ec);
        return err;
    }
    g->kind = SG_EC;
    snprintf(g->name, sizeof g->name, "secp256k1");
    g->elt_bytes = 1 + (g->ec.f.bits + 7) / 8;
    compute_id(g);
    return ZK_OK;
}

zk_err sg_init_named(sg_group *g, const char *name)
{
    if (name && strcmp(name, "toy11") == 0)
        return sg_init_toy11(g);
    if (name && strcmp(name, "secp256k1") == 0)
        return sg_init_secp256k1(g);
    return ZK_EINVAL;
}

/* Draw a (bits-1)-bit q with its top bit set, move to the next prime, and
 * keep it when p = 2q + 1 is prime with exactly `bits` bits. A prime q > 3
 * with q = 1 (mod 3) makes 3 divide p, so those are skipped before the costly
 * primality test of p. */
zk_err sg_init_safe_prime(sg_group *g, unsigned bits, zk_rng *rng, const zk_events *ev)
{
    if (bits < 5 || bits > 256)
        return ZK_EINVAL;
    mpz_t p, q;
    mpz_inits(p, q, NULL);
    uint8_t buf[32];
    size_t nbytes = (bits - 1 + 7) / 8;
    zk_err err = ZK_OK;
    for (uint64_t tries = 1;; tries++) {
        zk_random_bytes(rng, buf, nbytes);
        mpz_import(q, nbytes, 1, 1, 0, 0, buf);
        mpz_fdiv_r_2exp(q, q, bits - 1);
        mpz_setbit(q, bits - 2);
        mpz_nextprime(q, q);
        mpz_mul_2exp(p, q, 1);
        mpz_add_ui(p, p, 1);
        bool ok = mpz_sizeinbase(p, 2) == bits &&
                  (mpz_cmp_ui(q, 3) <= 0 || mpz_fdiv_ui(q, 3) == 2) &&
                  mpz_probab_prime_p(p, 40) != 0;
        if (ok) {
            char ptext[80], qtext[80];
            mpz_get_str(ptext, 10, p);
            mpz_get_str(qtext, 10, q);
            err = sg_init_zp(g, ptext, qtext, "4");
            if (!err)
                snprintf(g->name, sizeof g->name, "safe%u", bits);
            break;
        }
        if (tries % 16 == 0 && zk_emit(ev, ZK_EV_PROGRESS, "safe_prime", tries, 0, NULL)) {
            err = ZK_ECANCELLED;
            break;
        }
    }
    mpz_clears(p, q, NULL);
    return err;
}

void sg_clear(sg_group *g)
{
    zp_field_clear(&g->fq);
    if (g->kind == SG_ZP) {
        mpz_clear(g->zp_g);
        zp_field_clear(&g->zp);
    } else {
        ec_zp_curve_clear(&g->ec);
    }
}

/* A number in the given base, cut to "head...tail" beyond 20 digits. */
static void short_num(char out[48], const mpz_t a, int base)
{
    char buf[SG_STR_MAX + 2];
    if (mpz_sizeinbase(a, base) > SG_STR_MAX - 2) {
        snprintf(out, 48, "(huge)");
        return;
    }
    mpz_get_str(buf, base, a);
    size_t n = strlen(buf);
    if (n <= 20)
        snprintf(out, 48, "%s%.20s", base == 16 ? "0x" : "", buf);
    else
        snprintf(out, 48, "%s%.4s...%s", base == 16 ? "0x" : "", buf, buf + n - 4);
}

char *sg_describe(const sg_group *g, char *out, size_t cap)
{
    char a[48], b[48], c[48];
    if (g->kind == SG_ZP) {
        short_num(a, g->zp.p, 10);
        short_num(b, g->fq.p, 10);
        short_num(c, g->zp_g, 10);
        snprintf(out, cap, "p = %s, q = %s, g = %s", a, b, c);
    } else {
        short_num(a, g->ec.a, 10);
        short_num(b, g->ec.b, 10);
        short_num(c, g->fq.p, 16);
        if (mpz_sgn(g->ec.a) == 0)
            snprintf(out, cap, "%s: y^2 = x^3 + %s, n = %s", g->name, b, c);
        else
            snprintf(out, cap, "%s: y^2 = x^3 + %s*x + %s, n = %s", g->name, a, b, c);
    }
    return out;
}

/* ---- elements ---------------------------------------------------------- */

void sg_elt_init(sg_elt *a)
{
    mpz_init_set_ui(a->v, 1);
    ec_zp_point_init(&a->pt);
}

void sg_elt_clear(sg_elt *a)
{
    mpz_clear(a->v);
    ec_zp_point_clear(&a->pt);
}

void sg_elt_set(sg_elt *r, const sg_elt *a)
{
    mpz_set(r->v, a->v);
    ec_zp_point_set(&r->pt, &a->pt);
}

void sg_set_identity(const sg_group *g, sg_elt *r)
{
    (void)g;
    mpz_set_ui(r->v, 1);
    ec_zp_point_set_inf(&r->pt);
}

void sg_set_generator(const sg_group *g, sg_elt *r)
{
    if (g->kind == SG_ZP)
        mpz_set(r->v, g->zp_g);
    else
        ec_zp_point_set(&r->pt, &g->ec.g);
}

bool sg_is_identity(const sg_group *g, const sg_elt *a)
{
    return g->kind == SG_ZP ? mpz_cmp_ui(a->v, 1) == 0 : a->pt.inf;
}

bool sg_eq(const sg_group *g, const sg_elt *a, const sg_elt *b)
{
    return g->kind == SG_ZP ? mpz_cmp(a->v, b->v) == 0 : ec_zp_eq(&a->pt, &b->pt);
}

void sg_mul(const sg_group *g, sg_elt *r, const sg_elt *a, const sg_elt *b)
{
    if (g->kind == SG_ZP)
        zp_mul(&g->zp, r->v, a->v, b->v);
    else
        ec_zp_add(&g->ec, &r->pt, &a->pt, &b->pt);
}

void sg_inv(const sg_group *g, sg_elt *r, const sg_elt *a)
{
    if (g->kind == SG_ZP) {
        /* Members are never zero; a non-member zero stays zero. */
        if (zp_inv(&g->zp, r->v, a->v))
            mpz_set_ui(r->v, 0);
    } else {
        ec_zp_neg(&g->ec, &r->pt, &a->pt);
    }
}

void sg_exp(const sg_group *g, sg_elt *r, const sg_elt *a, const mpz_t k)
{
    mpz_t e;
    mpz_init(e);
    mpz_mod(e, k, g->fq.p);
    if (g->kind == SG_ZP)
        mpz_powm(r->v, a->v, e, g->zp.p);
    else
        ec_zp_mul(&g->ec, &r->pt, &a->pt, e);
    sg_scalar_wipe(e);
    mpz_clear(e);
}

void sg_exp_g(const sg_group *g, sg_elt *r, const mpz_t k)
{
    sg_elt base;
    sg_elt_init(&base);
    sg_set_generator(g, &base);
    sg_exp(g, r, &base, k);
    sg_elt_clear(&base);
}

zk_err sg_check(const sg_group *g, const sg_elt *a)
{
    if (g->kind == SG_ZP) {
        if (mpz_sgn(a->v) <= 0 || mpz_cmp(a->v, g->zp.p) >= 0)
            return ZK_ENONCANONICAL;
        mpz_t t;
        mpz_init(t);
        mpz_powm(t, a->v, g->fq.p, g->zp.p);
        bool in = mpz_cmp_ui(t, 1) == 0;
        mpz_clear(t);
        return in ? ZK_OK : ZK_ENOTINSUBGROUP;
    }
    if (a->pt.inf)
        return ZK_OK;
    if (mpz_sgn(a->pt.x) < 0 || mpz_sgn(a->pt.y) < 0 || mpz_cmp(a->pt.x, g->ec.f.p) >= 0 ||
        mpz_cmp(a->pt.y, g->ec.f.p) >= 0)
        return ZK_ENONCANONICAL;
    if (!ec_zp_on_curve(&g->ec, &a->pt))
        return ZK_ENOTONCURVE;
    /* secp256k1 has cofactor 1: every point of the curve is in the group. */
    if (mpz_cmp_ui(g->ec.h, 1) != 0) {
        ec_zp_point t;
        ec_zp_point_init(&t);
        ec_zp_mul(&g->ec, &t, &a->pt, g->fq.p);
        bool in = t.inf;
        ec_zp_point_clear(&t);
        if (!in)
            return ZK_ENOTINSUBGROUP;
    }
    return ZK_OK;
}

void sg_export_be(uint8_t *out, size_t n, const mpz_t a)
{
    size_t len = (mpz_sizeinbase(a, 2) + 7) / 8;
    memset(out, 0, n);
    if (mpz_sgn(a) != 0 && len <= n) {
        size_t written = 0;
        mpz_export(out + (n - len), &written, 1, 1, 1, 0, a);
    }
}

void sg_encode(const sg_group *g, uint8_t *out, const sg_elt *a)
{
    if (g->kind == SG_ZP) {
        sg_export_be(out, g->elt_bytes, a->v);
        return;
    }
    if (a->pt.inf) {
        memset(out, 0, g->elt_bytes);
        return;
    }
    out[0] = mpz_odd_p(a->pt.y) ? 0x03 : 0x02;
    sg_export_be(out + 1, g->elt_bytes - 1, a->pt.x);
}

/* The point with this x and the parity of y asked for (SEC 1, 2.3.4). */
static zk_err ec_lift(const sg_group *g, ec_zp_point *r, const mpz_t x, bool odd)
{
    if (mpz_cmp(x, g->ec.f.p) >= 0)
        return ZK_ENONCANONICAL;
    mpz_t rhs, y;
    mpz_inits(rhs, y, NULL);
    zp_sqr(&g->ec.f, rhs, x);
    zp_add(&g->ec.f, rhs, rhs, g->ec.a);
    zp_mul(&g->ec.f, rhs, rhs, x);
    zp_add(&g->ec.f, rhs, rhs, g->ec.b);
    zk_err err = zp_sqrt(&g->ec.f, y, rhs);
    if (err) {
        err = ZK_ENOTONCURVE;
    } else {
        if ((mpz_odd_p(y) != 0) != odd)
            zp_neg(&g->ec.f, y, y);
        err = ec_zp_point_set_xy(&g->ec, r, x, y);
    }
    mpz_clears(rhs, y, NULL);
    return err;
}

zk_err sg_decode(const sg_group *g, sg_elt *r, const uint8_t *in, size_t len)
{
    if (len != g->elt_bytes)
        return ZK_EINVAL;
    mpz_t x;
    mpz_init(x);
    zk_err err = ZK_OK;
    if (g->kind == SG_ZP) {
        mpz_import(x, len, 1, 1, 1, 0, in);
        sg_elt t;
        sg_elt_init(&t);
        mpz_set(t.v, x);
        err = sg_check(g, &t);
        if (!err)
            mpz_set(r->v, x);
        sg_elt_clear(&t);
    } else if (in[0] == 0x00) {
        bool zero = true;
        for (size_t i = 1; i < len; i++)
            zero &= in[i] == 0;
        if (zero)
            ec_zp_point_set_inf(&r->pt);
        else
            err = ZK_EINVAL;
    } else if (in[0] == 0x02 || in[0] == 0x03) {
        mpz_import(x, len - 1, 1, 1, 1, 0, in + 1);
        err = ec_lift(g, &r->pt, x, in[0] == 0x03);
    } else {
        err = ZK_EINVAL;
    }
    mpz_clear(x);
    return err;
}

char *sg_to_str(const sg_group *g, char *out, const sg_elt *a)
{
    if (g->kind == SG_ZP) {
        if (mpz_sizeinbase(a->v, 10) + 2 > SG_STR_MAX)
            snprintf(out, SG_STR_MAX, "(too large)");
        else
            mpz_get_str(out, 10, a->v);
        return out;
    }
    if (a->pt.inf) {
        snprintf(out, SG_STR_MAX, "O");
        return out;
    }
    uint8_t enc[SG_ENC_MAX];
    sg_encode(g, enc, a);
    return zk_hex_encode(out, enc, g->elt_bytes);
}

zk_err sg_set_str(const sg_group *g, sg_elt *r, const char *s)
{
    if (!s)
        return ZK_EINVAL;
    if (g->kind == SG_ZP) {
        sg_elt t;
        sg_elt_init(&t);
        zk_err err = zp_set_str(&g->zp, t.v, s);
        if (!err)
            err = sg_check(g, &t);
        if (!err)
            mpz_set(r->v, t.v);
        sg_elt_clear(&t);
        return err;
    }
    if (strcmp(s, "O") == 0) {
        ec_zp_point_set_inf(&r->pt);
        return ZK_OK;
    }
    uint8_t enc[SG_ENC_MAX];
    zk_err err = zk_hex_decode_exact(enc, g->elt_bytes, s);
    if (err)
        return err == ZK_EINVAL ? ZK_EPARSE : err;
    return sg_decode(g, r, enc, g->elt_bytes);
}

/* SHA-256 blocks of (id, tag, counter, block, msg), concatenated to n bytes. */
static void hash_expand(const sg_group *g, uint8_t *out, size_t n, const char *tag,
                        uint32_t ctr, const uint8_t *msg, size_t len)
{
    for (uint32_t block = 0; n > 0; block++) {
        crypto_hash_sha256_state st;
        uint8_t h[32], be[8] = {(uint8_t)(ctr >> 24), (uint8_t)(ctr >> 16), (uint8_t)(ctr >> 8),
                                (uint8_t)ctr, (uint8_t)(block >> 24), (uint8_t)(block >> 16),
                                (uint8_t)(block >> 8), (uint8_t)block};
        size_t tlen = strlen(tag);
        uint8_t tl[4] = {(uint8_t)(tlen >> 24), (uint8_t)(tlen >> 16), (uint8_t)(tlen >> 8),
                         (uint8_t)tlen};
        crypto_hash_sha256_init(&st);
        crypto_hash_sha256_update(&st, g->id, sizeof g->id);
        crypto_hash_sha256_update(&st, tl, 4);
        crypto_hash_sha256_update(&st, (const uint8_t *)tag, tlen);
        crypto_hash_sha256_update(&st, be, sizeof be);
        crypto_hash_sha256_update(&st, msg, len);
        crypto_hash_sha256_final(&st, h);
        size_t take = n < 32 ? n : 32;
        memcpy(out, h, take);
        out += take;
        n -= take;
    }
}

void sg_hash_to_elt(const sg_group *g, sg_elt *r, const char *tag, const uint8_t *msg,
                    size_t len)
{
    /* 16 bytes beyond the modulus make the reduction's bias negligible. */
    uint8_t buf[SG_ENC_MAX + 16];
    size_t n = g->elt_bytes + 16;
    mpz_t x, e;
    mpz_inits(x, e, NULL);
    if (g->kind == SG_ZP) {
        mpz_sub_ui(e, g->zp.p, 1);
        mpz_divexact(e, e, g->fq.p);
    }
    for (uint32_t ctr = 0;; ctr++) {
        hash_expand(g, buf, n, tag ? tag : "", ctr, msg, msg ? len : 0);
        mpz_import(x, n, 1, 1, 1, 0, buf);
        if (g->kind == SG_ZP) {
            /* h^((p-1)/q) lands in the order-q subgroup; 1 carries no
             * information and is skipped. */
            mpz_mod(x, x, g->zp.p);
            mpz_powm(r->v, x, e, g->zp.p);
            if (mpz_sgn(r->v) != 0 && mpz_cmp_ui(r->v, 1) != 0)
                break;
        } else {
            mpz_mod(x, x, g->ec.f.p);
            if (ec_lift(g, &r->pt, x, false) == ZK_OK)
                break;
        }
    }
    mpz_clears(x, e, NULL);
}

zk_err sg_dlog_small_var(const sg_group *g, mpz_t k, const sg_elt *a)
{
    if (mpz_sizeinbase(g->fq.p, 2) > 20)
        return ZK_EUNSUPPORTED;
    zk_err err = sg_check(g, a);
    if (err)
        return err == ZK_ENOTONCURVE || err == ZK_ENONCANONICAL ? ZK_ENOTINSUBGROUP : err;
    unsigned long q = mpz_get_ui(g->fq.p);
    sg_elt acc, base;
    sg_elt_init(&acc);
    sg_elt_init(&base);
    sg_set_identity(g, &acc);
    sg_set_generator(g, &base);
    err = ZK_ENOTINSUBGROUP;
    for (unsigned long i = 0; i < q; i++) {
        if (sg_eq(g, &acc, a)) {
            mpz_set_ui(k, i);
            err = ZK_OK;
            break;
        }
        sg_mul(g, &acc, &acc, &base);
    }
    sg_elt_clear(&acc);
    sg_elt_clear(&base);
    return err;
}

/* ---- scalars ----------------------------------------------------------- */

void sg_scalar_random(const sg_group *g, mpz_t r, zk_rng *rng)
{
    zp_random(&g->fq, r, rng);
}

void sg_scalar_random_nonzero(const sg_group *g, mpz_t r, zk_rng *rng)
{
    do
        sg_scalar_random(g, r, rng);
    while (mpz_sgn(r) == 0);
}

zk_err sg_scalar_set_str(const sg_group *g, mpz_t r, const char *s)
{
    return s ? zp_set_str(&g->fq, r, s) : ZK_EINVAL;
}

void sg_scalar_reduce(const sg_group *g, mpz_t r, const mpz_t a)
{
    mpz_mod(r, a, g->fq.p);
}

void sg_scalar_wipe(mpz_t a)
{
    size_t n = mpz_size(a);
    if (n > 0) {
        mp_limb_t *limbs = mpz_limbs_modify(a, (mp_size_t)n);
        sodium_memzero(limbs, n * sizeof *limbs);
    }
    mpz_set_ui(a, 0);
}
