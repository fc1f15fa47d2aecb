#include "snark/zkey.h"

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/encode.h"
#include "snark/contrib.h"
#include "snark/points_io.h"
#include "snark/snarkjs_rng.h"

#define ZKEY_HEADER_BYTES (4 + 32 + 4 + 32 + 12 + 3 * G1_LEM_BYTES + 3 * G2_LEM_BYTES)

static void put_prime(uint8_t out[32], const uint64_t p[4])
{
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            out[8 * i + j] = (uint8_t)(p[i] >> (8 * j));
}

static bool is_prime_bytes(const uint8_t *in, const uint64_t p[4])
{
    uint8_t want[32];
    put_prime(want, p);
    return memcmp(in, want, 32) == 0;
}

/* ---- the header ---------------------------------------------------------------- */

static zk_err parse_header(zkey_header *h, const uint8_t *p, size_t len)
{
    if (len != ZKEY_HEADER_BYTES || zk_le32(p) != 32 || !is_prime_bytes(p + 4, fq_params.p) ||
        zk_le32(p + 36) != 32 || !is_prime_bytes(p + 40, fr_params.p))
        return ZK_EFORMAT;
    p += 72;
    h->n_vars = zk_le32(p);
    h->n_public = zk_le32(p + 4);
    h->domain_size = zk_le32(p + 8);
    p += 12;
    unsigned k = 0;
    while (k < 31 && ((uint32_t)1 << k) < h->domain_size)
        k++;
    if (h->n_vars == 0 || h->n_public >= h->n_vars || h->domain_size == 0 ||
        ((uint32_t)1 << k) != h->domain_size || k > FR_TWO_ADICITY ||
        h->domain_size < h->n_public + 1)
        return ZK_EFORMAT;
    h->log_n = k;
    zk_err err;
    if ((err = g1_decode_lem(&h->alpha1, p, G1_LEM_BYTES)) ||
        (err = g1_decode_lem(&h->beta1, p + 64, G1_LEM_BYTES)) ||
        (err = g2_decode_lem(&h->beta2, p + 128, G2_LEM_BYTES, true)) ||
        (err = g2_decode_lem(&h->gamma2, p + 256, G2_LEM_BYTES, true)) ||
        (err = g1_decode_lem(&h->delta1, p + 384, G1_LEM_BYTES)) ||
        (err = g2_decode_lem(&h->delta2, p + 448, G2_LEM_BYTES, true)))
        return err;
    /* Each is a secret (or, for γ and a fresh δ, 1) times a generator: at
     * infinity the pairing term it guards drops out of the equation. */
    if (h->alpha1.inf || h->beta1.inf || h->beta2.inf || h->gamma2.inf || h->delta1.inf ||
        h->delta2.inf)
        return ZK_EINFINITY;
    return ZK_OK;
}

void zkey_write_header(zk_binwriter *w, const zkey_header *h)
{
    zk_binwriter_begin(w, ZKEY_SEC_PROTOCOL);
    zk_binwriter_u32(w, 1);
    zk_binwriter_end(w);
    uint8_t b[ZKEY_HEADER_BYTES], *p = b;
    zk_le_put32(p, 32);
    put_prime(p + 4, fq_params.p);
    zk_le_put32(p + 36, 32);
    put_prime(p + 40, fr_params.p);
    zk_le_put32(p + 72, h->n_vars);
    zk_le_put32(p + 76, h->n_public);
    zk_le_put32(p + 80, h->domain_size);
    p += 84;
    g1_encode_lem(p, &h->alpha1);
    g1_encode_lem(p + 64, &h->beta1);
    g2_encode_lem(p + 128, &h->beta2);
    g2_encode_lem(p + 256, &h->gamma2);
    g1_encode_lem(p + 384, &h->delta1);
    g2_encode_lem(p + 448, &h->delta2);
    zk_binwriter_begin(w, ZKEY_SEC_HEADER);
    zk_binwriter_bytes(w, b, sizeof b);
    zk_binwriter_end(w);
}

/* ---- opening ------------------------------------------------------------------- */

static zk_err check_size(const zk_binfile *b, uint32_t type, uint64_t want)
{
    const zk_binfile_section *s;
    zk_err err = zk_binfile_section_get(b, type, &s);
    if (!err && s->size != want)
        err = ZK_EFORMAT;
    return err;
}

zk_err zkey_open(zkey_file *z, const char *path)
{
    memset(z, 0, sizeof *z);
    zk_err err = zk_binfile_open(&z->bf, path, "zkey", 2);
    if (err)
        return err;
    const zk_binfile *b = &z->bf;
    const zk_binfile_section *s;
    uint8_t buf[ZKEY_HEADER_BYTES];
    if ((err = zk_binfile_section_get(b, ZKEY_SEC_PROTOCOL, &s)))
        goto fail;
    if (s->size != 4 || (err = zk_binfile_read_in(b, s, 0, buf, 4))) {
        err = err ? err : ZK_EFORMAT;
        goto fail;
    }
    if (zk_le32(buf) != 1) {
        /* 2 is PLONK and 10 FFLONK: files snarkjs makes, but not ours to prove. */
        err = ZK_EUNSUPPORTED;
        goto fail;
    }
    if ((err = zk_binfile_section_get(b, ZKEY_SEC_HEADER, &s)))
        goto fail;
    if (s->size != ZKEY_HEADER_BYTES) {
        err = ZK_EFORMAT;
        goto fail;
    }
    if ((err = zk_binfile_read_in(b, s, 0, buf, ZKEY_HEADER_BYTES)) ||
        (err = parse_header(&z->h, buf, ZKEY_HEADER_BYTES)))
        goto fail;
    const zkey_header *h = &z->h;
    uint64_t npriv = (uint64_t)h->n_vars - h->n_public - 1;
    if ((err = check_size(b, ZKEY_SEC_IC, ((uint64_t)h->n_public + 1) * G1_LEM_BYTES)) ||
        (err = check_size(b, ZKEY_SEC_A, (uint64_t)h->n_vars * G1_LEM_BYTES)) ||
        (err = check_size(b, ZKEY_SEC_B1, (uint64_t)h->n_vars * G1_LEM_BYTES)) ||
        (err = check_size(b, ZKEY_SEC_B2, (uint64_t)h->n_vars * G2_LEM_BYTES)) ||
        (err = check_size(b, ZKEY_SEC_C, npriv * G1_LEM_BYTES)) ||
        (err = check_size(b, ZKEY_SEC_H, (uint64_t)h->domain_size * G1_LEM_BYTES)))
        goto fail;
    if ((err = zk_binfile_section_get(b, ZKEY_SEC_COEFS, &s)))
        goto fail;
    if (s->size < 4 || (err = zk_binfile_read_in(b, s, 0, buf, 4)) ||
        s->size != 4 + (uint64_t)zk_le32(buf) * ZKEY_COEF_BYTES) {
        err = err ? err : ZK_EFORMAT;
        goto fail;
    }
    if ((err = zk_binfile_section_get(b, ZKEY_SEC_MPC, &s)))
        goto fail;
    return ZK_OK;
fail:
    zk_binfile_close(&z->bf);
    return err;
}

void zkey_close(zkey_file *z) { zk_binfile_close(&z->bf); }

/* ---- coefficients -------------------------------------------------------------- */

/* A stored coefficient S is value·R^2 mod r. Read as Montgomery limbs it is
 * the element value·R, so one Montgomery multiplication by the limbs 1
 * (the element R^-1) gives value; writing multiplies by the limbs R^2. */
static const fr_t raw_one = {{1, 0, 0, 0}};

typedef struct coef_job {
    const uint8_t *in;
    zkey_coef *out;
    uint32_t n_vars, domain;
    bool bad[64];
} coef_job;

static void coef_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    coef_job *j = ctx;
    for (size_t i = begin; i < end; i++) {
        const uint8_t *p = j->in + i * ZKEY_COEF_BYTES;
        zkey_coef *c = &j->out[i];
        c->matrix = zk_le32(p);
        c->constraint = zk_le32(p + 4);
        c->signal = zk_le32(p + 8);
        fr_t raw;
        for (int k = 0; k < 4; k++)
            raw.v[k] = zk_le64(p + 12 + 8 * k);
        bool canonical = false;
        for (int k = 3; k >= 0; k--)
            if (raw.v[k] != fr_params.p[k]) {
                canonical = raw.v[k] < fr_params.p[k];
                break;
            }
        if (c->matrix > 1 || c->constraint >= j->domain || c->signal >= j->n_vars || !canonical)
            j->bad[worker % 64] = true;
        fr_mul(&c->value, &raw, &raw_one);
    }
}

zk_err zkey_read_coefs(const zkey_file *z, zkey_coef **out, size_t *n_out)
{
    const zk_binfile_section *s;
    uint8_t b4[4];
    zk_err err = zk_binfile_section_get(&z->bf, ZKEY_SEC_COEFS, &s);
    if (!err)
        err = zk_binfile_read_in(&z->bf, s, 0, b4, 4);
    if (err)
        return err;
    size_t n = zk_le32(b4);
    zkey_coef *c = zk_alloc(n ? n : 1, sizeof *c);
    size_t chunk = 1 << 16;
    uint8_t *buf = zk_alloc(chunk, ZKEY_COEF_BYTES);
    if (!c || !buf) {
        zk_free(c);
        zk_free(buf);
        return ZK_ENOMEM;
    }
    for (size_t i = 0; !err && i < n; i += chunk) {
        size_t m = n - i < chunk ? n - i : chunk;
        if ((err = zk_binfile_read_in(&z->bf, s, 4 + (uint64_t)i * ZKEY_COEF_BYTES, buf,
                                   m * ZKEY_COEF_BYTES)))
            break;
        coef_job j = {.in = buf, .out = c + i, .n_vars = z->h.n_vars, .domain = z->h.domain_size};
        zk_parallel_for(m, 4096, coef_range, &j);
        for (int w = 0; w < 64; w++)
            if (j.bad[w])
                err = ZK_EFORMAT;
    }
    zk_free(buf);
    if (err) {
        zk_free(c);
        return err;
    }
    *out = c;
    *n_out = n;
    return ZK_OK;
}

void zkey_write_coefs(zk_binwriter *w, const zkey_coef *c, size_t n)
{
    const fr_t *r2 = (const fr_t *)fr_params.r2;
    zk_binwriter_begin(w, ZKEY_SEC_COEFS);
    zk_binwriter_u32(w, (uint32_t)n);
    for (size_t i = 0; i < n && !w->err; i++) {
        uint8_t b[ZKEY_COEF_BYTES];
        zk_le_put32(b, c[i].matrix);
        zk_le_put32(b + 4, c[i].constraint);
        zk_le_put32(b + 8, c[i].signal);
        fr_t s;
        fr_mul(&s, &c[i].value, r2);
        for (int k = 0; k < 4; k++) {
            zk_le_put32(b + 12 + 8 * k, (uint32_t)s.v[k]);
            zk_le_put32(b + 16 + 8 * k, (uint32_t)(s.v[k] >> 32));
        }
        zk_binwriter_bytes(w, b, sizeof b);
    }
    zk_binwriter_end(w);
}

/* ---- MPC section ----------------------------------------------------------------- */

void zkey_mpc_free(zkey_mpc *m)
{
    zk_free(m->c);
    m->c = NULL;
    m->n = 0;
}

#define CONTRIB_FIXED (3 * G1_LEM_BYTES + G2_LEM_BYTES + 64 + 4 + 4)

zk_err zkey_read_mpc(const zkey_file *z, zkey_mpc *m)
{
    memset(m, 0, sizeof *m);
    const zk_binfile_section *s;
    zk_err err = zk_binfile_section_get(&z->bf, ZKEY_SEC_MPC, &s);
    if (err)
        return err;
    if (s->size < 68 || s->size > (64u << 20))
        return ZK_EFORMAT;
    uint8_t *buf = zk_alloc((size_t)s->size, 1);
    if (!buf)
        return ZK_ENOMEM;
    if ((err = zk_binfile_read_in(&z->bf, s, 0, buf, (size_t)s->size))) {
        zk_free(buf);
        return err;
    }
    size_t len = (size_t)s->size, pos = 68;
    memcpy(m->cs_hash, buf, 64);
    uint32_t n = zk_le32(buf + 64);
    if (n > len / CONTRIB_FIXED)
        err = ZK_EFORMAT;
    if (!err && n && !(m->c = zk_calloc(n, sizeof *m->c)))
        err = ZK_ENOMEM;
    for (uint32_t i = 0; !err && i < n; i++) {
        zkey_contribution *c = &m->c[i];
        if (len - pos < CONTRIB_FIXED) {
            err = ZK_EFORMAT;
            break;
        }
        const uint8_t *p = buf + pos;
        if ((err = g1_decode_lem(&c->delta_after, p, 64)) ||
            (err = g1_decode_lem(&c->g1_s, p + 64, 64)) ||
            (err = g1_decode_lem(&c->g1_sx, p + 128, 64)) ||
            (err = g2_decode_lem(&c->g2_spx, p + 192, 128, true)))
            break;
        if (c->delta_after.inf || c->g1_s.inf || c->g1_sx.inf || c->g2_spx.inf) {
            err = ZK_EINFINITY;   /* no contribution's secret or random point is 0 */
            break;
        }
        memcpy(c->transcript, p + 320, 64);
        c->type = zk_le32(p + 384);
        uint32_t plen = zk_le32(p + 388);
        pos += CONTRIB_FIXED;
        if (plen > len - pos || c->type > 1) {
            err = ZK_EFORMAT;
            break;
        }
        contrib_params q = {c->name, &c->beacon_exp, &c->beacon_len, c->beacon};
        err = contrib_params_get(&q, buf + pos, plen);
        pos += plen;
        m->n++;
    }
    if (!err && pos != len)
        err = ZK_EFORMAT;
    zk_free(buf);
    if (err)
        zkey_mpc_free(m);
    return err;
}

void zkey_write_mpc(zk_binwriter *w, const zkey_mpc *m)
{
    zk_binwriter_begin(w, ZKEY_SEC_MPC);
    zk_binwriter_bytes(w, m->cs_hash, 64);
    zk_binwriter_u32(w, (uint32_t)m->n);
    for (size_t i = 0; i < m->n; i++) {
        const zkey_contribution *c = &m->c[i];
        uint8_t b[CONTRIB_FIXED - 8];
        g1_encode_lem(b, &c->delta_after);
        g1_encode_lem(b + 64, &c->g1_s);
        g1_encode_lem(b + 128, &c->g1_sx);
        g2_encode_lem(b + 192, &c->g2_spx);
        memcpy(b + 320, c->transcript, 64);
        zk_binwriter_bytes(w, b, sizeof b);
        zk_binwriter_u32(w, c->type);
        uint8_t params[CONTRIB_PARAMS_MAX];
        size_t n = contrib_params_put(params, c->name, c->type == 1, c->beacon_exp,
                                              c->beacon, c->beacon_len);
        zk_binwriter_u32(w, (uint32_t)n);
        zk_binwriter_bytes(w, params, n);
    }
    zk_binwriter_end(w);
}

void zkey_hash_contribution(blake2b_state *h, const zkey_contribution *c)
{
    snarkjs_hash_g1(h, &c->delta_after);
    snarkjs_hash_g1(h, &c->g1_s);
    snarkjs_hash_g1(h, &c->g1_sx);
    snarkjs_hash_g2(h, &c->g2_spx);
    blake2b_update(h, c->transcript, 64);
}

/* ---- the whole key ----------------------------------------------------------------- */

void groth16_pk_free(groth16_pk *pk)
{
    zk_free(pk->coefs);
    zk_free(pk->ic);
    zk_free(pk->a);
    zk_free(pk->b1);
    zk_free(pk->b2);
    zk_free(pk->c);
    zk_free(pk->hq);
    zkey_mpc_free(&pk->mpc);
    memset(pk, 0, sizeof *pk);
}

zk_err groth16_pk_alloc(groth16_pk *pk)
{
    const zkey_header *h = &pk->h;
    size_t npriv = h->n_vars - h->n_public - 1;
    pk->ic = zk_alloc(h->n_public + 1, sizeof *pk->ic);
    pk->a = zk_alloc(h->n_vars, sizeof *pk->a);
    pk->b1 = zk_alloc(h->n_vars, sizeof *pk->b1);
    pk->b2 = zk_alloc(h->n_vars, sizeof *pk->b2);
    pk->c = zk_alloc(npriv ? npriv : 1, sizeof *pk->c);
    pk->hq = zk_alloc(h->domain_size, sizeof *pk->hq);
    if (!pk->ic || !pk->a || !pk->b1 || !pk->b2 || !pk->c || !pk->hq)
        return ZK_ENOMEM;
    return ZK_OK;
}

zk_err zkey_read(groth16_pk *pk, const char *path, bool check_subgroup)
{
    memset(pk, 0, sizeof *pk);
    zkey_file z;
    zk_err err = zkey_open(&z, path);
    if (err)
        return err;
    const zkey_header *h = &z.h;
    pk->h = *h;
    size_t npriv = h->n_vars - h->n_public - 1;
    if ((err = zkey_read_coefs(&z, &pk->coefs, &pk->n_coefs)) ||
        (err = snark_load_g1s(&pk->ic, &z.bf, ZKEY_SEC_IC, h->n_public + 1)) ||
        (err = snark_load_g1s(&pk->a, &z.bf, ZKEY_SEC_A, h->n_vars)) ||
        (err = snark_load_g1s(&pk->b1, &z.bf, ZKEY_SEC_B1, h->n_vars)) ||
        (err = snark_load_g2s(&pk->b2, &z.bf, ZKEY_SEC_B2, h->n_vars, check_subgroup)) ||
        (err = snark_load_g1s(&pk->c, &z.bf, ZKEY_SEC_C, npriv)) ||
        (err = snark_load_g1s(&pk->hq, &z.bf, ZKEY_SEC_H, h->domain_size)) ||
        (err = zkey_read_mpc(&z, &pk->mpc)))
        groth16_pk_free(pk);
    zkey_close(&z);
    return err;
}

zk_err zkey_write(const groth16_pk *pk, const char *path)
{
    zk_binwriter w;
    zk_err err = zk_binwriter_open(&w, path, "zkey", 1, 10);
    if (err)
        return err;
    const zkey_header *h = &pk->h;
    /* Sections in the order `snarkjs groth16 setup` writes them, so that
     * our initial key is byte for byte snarkjs's. */
    zkey_write_header(&w, h);
    zkey_write_coefs(&w, pk->coefs, pk->n_coefs);
    zk_binwriter_begin(&w, ZKEY_SEC_IC);
    snark_write_g1s(&w, pk->ic, h->n_public + 1);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, ZKEY_SEC_H);
    snark_write_g1s(&w, pk->hq, h->domain_size);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, ZKEY_SEC_C);
    snark_write_g1s(&w, pk->c, h->n_vars - h->n_public - 1);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, ZKEY_SEC_A);
    snark_write_g1s(&w, pk->a, h->n_vars);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, ZKEY_SEC_B1);
    snark_write_g1s(&w, pk->b1, h->n_vars);
    zk_binwriter_end(&w);
    zk_binwriter_begin(&w, ZKEY_SEC_B2);
    snark_write_g2s(&w, pk->b2, h->n_vars);
    zk_binwriter_end(&w);
    zkey_write_mpc(&w, &pk->mpc);
    return zk_binwriter_commit(&w);
}
