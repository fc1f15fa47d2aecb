#include "snark/groth16_cs.h"

#include <string.h>

#include "circuit/r1cs_io.h"
#include "core/alloc.h"
#include "core/binfile.h"

void groth16_cs_free(groth16_cs *cs)
{
    zk_free(cs->terms);
    zk_free(cs->off);
    memset(cs, 0, sizeof *cs);
}

unsigned groth16_cs_log_domain(const groth16_cs *cs)
{
    uint64_t x = (uint64_t)cs->n_constraints + cs->n_public;
    unsigned k = 0;
    while (((uint64_t)1 << k) <= x)
        k++;
    return k;
}

static zk_err cs_alloc(groth16_cs *cs, uint64_t n_terms)
{
    cs->terms = zk_alloc(n_terms ? (size_t)n_terms : 1, sizeof *cs->terms);
    cs->off = zk_alloc(3 * (size_t)cs->n_constraints + 1, sizeof *cs->off);
    return cs->terms && cs->off ? ZK_OK : ZK_ENOMEM;
}

zk_err groth16_cs_from_r1cs(groth16_cs *cs, const r1cs *s)
{
    memset(cs, 0, sizeof *cs);
    if (s->n_rows > UINT32_MAX)
        return ZK_EOVERFLOW;
    cs->n_wires = s->n_wires;
    cs->n_public = s->n_pub_out + s->n_pub_in;
    cs->n_constraints = (uint32_t)s->n_rows;
    zk_err err = cs_alloc(cs, s->n_terms);
    if (err) {
        groth16_cs_free(cs);
        return err;
    }
    uint64_t t = 0;
    for (size_t c = 0; c < s->n_rows; c++) {
        for (int k = 0; k < 3; k++) {
            cs->off[3 * c + k] = t;
            uint32_t n;
            const r1cs_term *side = r1cs_side(s, c, k, &n);
            for (uint32_t i = 0; i < n; i++)
                cs->terms[t++] = (groth16_term){side[i].wire, s->coefs[side[i].coef]};
        }
    }
    cs->off[3 * (size_t)s->n_rows] = t;
    cs->n_terms = t;
    return ZK_OK;
}

/* Bytes of one term in section 2: wire u32 and a 32-byte coefficient. */
#define TERM_BYTES 36

zk_err groth16_cs_read(groth16_cs *cs, const char *path)
{
    memset(cs, 0, sizeof *cs);
    zk_binfile b;
    zk_err err = zk_binfile_open(&b, path, "r1cs", 1);
    if (err)
        return err;
    const zk_binfile_section *sh, *sc;
    uint8_t h[64];
    if ((err = zk_binfile_section_get(&b, 1, &sh)) || (err = zk_binfile_section_get(&b, 2, &sc)))
        goto out;
    if (sh->size != 64 || (err = zk_binfile_read_in(&b, sh, 0, h, 64))) {
        err = err ? err : ZK_EFORMAT;
        goto out;
    }
    uint8_t prime[32];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            prime[8 * i + j] = (uint8_t)(fr_params.p[i] >> (8 * j));
    if (zk_le32(h) != 32 || memcmp(h + 4, prime, 32) != 0) {
        err = ZK_EFORMAT;
        goto out;
    }
    cs->n_wires = zk_le32(h + 36);
    uint64_t pub = (uint64_t)zk_le32(h + 40) + zk_le32(h + 44);
    cs->n_constraints = zk_le32(h + 60);
    const zk_binfile_section *sl = NULL;
    bool labels = zk_binfile_has(&b, 3);
    if ((labels && (err = zk_binfile_section_get(&b, 3, &sl))))
        goto out;
    /* nPrvIn is not checked against the wires: circom counts the private
     * inputs it declared, also those its simplification merged away (a
     * bit.circom at --O1 has 1 private input and 2 wires), and setup, like
     * snarkjs's, needs only the public ones. */
    if (cs->n_wires == 0 ||
        !r1cs_wire_count_fits(cs->n_wires, pub, labels, labels ? sl->size : 0, sc->size)) {
        err = ZK_EFORMAT;
        goto out;
    }
    cs->n_public = (uint32_t)pub;
    /* Each constraint takes at least 12 bytes (three counts). */
    if (cs->n_constraints > sc->size / 12) {
        err = ZK_EFORMAT;
        goto out;
    }
    uint8_t *buf = zk_alloc(sc->size ? (size_t)sc->size : 1, 1);
    if (!buf) {
        err = ZK_ENOMEM;
        goto out;
    }
    /* The section holds 12 bytes of counts a constraint and the terms; the
     * terms array is sized for what is left once every count is set aside,
     * and a count whose terms would eat into the bytes of later counts is
     * caught by the cap below, not by running past the array. */
    uint64_t cap = (sc->size - 12 * (uint64_t)cs->n_constraints) / TERM_BYTES;
    if ((err = zk_binfile_read_in(&b, sc, 0, buf, (size_t)sc->size)) || (err = cs_alloc(cs, cap))) {
        zk_free(buf);
        goto out;
    }
    uint64_t pos = 0, t = 0, len = sc->size;
    for (uint32_t c = 0; !err && c < cs->n_constraints; c++) {
        for (int k = 0; !err && k < 3; k++) {
            cs->off[3 * (size_t)c + k] = t;
            if (len - pos < 4) {
                err = ZK_EFORMAT;
                break;
            }
            uint32_t n = zk_le32(buf + pos);
            pos += 4;
            if (n > (len - pos) / TERM_BYTES || n > cap - t) {
                err = ZK_EFORMAT;
                break;
            }
            for (uint32_t i = 0; i < n; i++, pos += TERM_BYTES) {
                groth16_term *term = &cs->terms[t++];
                term->wire = zk_le32(buf + pos);
                if (term->wire >= cs->n_wires ||
                    fr_from_bytes_le(&term->coef, buf + pos + 4) != ZK_OK) {
                    err = ZK_EFORMAT;
                    break;
                }
            }
        }
    }
    if (!err && pos != len)
        err = ZK_EFORMAT;
    cs->off[3 * (size_t)cs->n_constraints] = t;
    cs->n_terms = t;
    zk_free(buf);
out:
    zk_binfile_close(&b);
    if (err)
        groth16_cs_free(cs);
    return err;
}
