#include "circuit/r1cs_io.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/binfile.h"
#include "core/bytes.h"
#include "core/file.h"

#define N8 32


/* ---- the container's pieces ---------------------------------------------------- */

static void w_u32(zk_bytes *b, uint32_t v)
{
    zk_bytes_put_le(b, v, 4);
}

static void w_u64(zk_bytes *b, uint64_t v)
{
    zk_bytes_put_le(b, v, 8);
}

static void w_prime(zk_bytes *b)
{
    for (int i = 0; i < 4; i++)
        w_u64(b, fr_params.p[i]);
}

/* A section of a container opened in memory, as a byte range. */
typedef struct section {
    const uint8_t *p;
    uint64_t len;
    bool present;
} section;

/* Opens the container in buf (the magic and exactly this version) and
 * locates sections 1..n_want, each at most once (core/binfile.h; other
 * types are ignored). b is closed again before returning. */
static zk_err sections_of(const uint8_t *buf, size_t len, const char magic[4], uint32_t version,
                          section *sec, uint32_t n_want)
{
    memset(sec, 0, sizeof *sec * (n_want + 1));
    zk_binfile b;
    zk_err err = zk_binfile_open_mem(&b, buf, len, magic, version);
    if (err)
        return err;
    if (b.version != version)
        err = ZK_EFORMAT;
    for (uint32_t t = 1; !err && t <= n_want; t++) {
        const zk_binfile_section *s;
        if (!zk_binfile_has(&b, t))
            continue;
        if ((err = zk_binfile_section_get(&b, t, &s)))
            break;
        sec[t] = (section){zk_binfile_mem(&b, s), s->size, true};
    }
    zk_binfile_close(&b);
    return err;
}

static bool prime_ok(const uint8_t *p)
{
    for (int i = 0; i < 4; i++)
        if (zk_le64(p + 8 * i) != fr_params.p[i])
            return false;
    return true;
}

/* ---- .r1cs ------------------------------------------------------------------- */

zk_err r1cs_to_bytes(const r1cs *s, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (s->n_rows > UINT32_MAX)
        return ZK_EOVERFLOW;
    /* Each distinct coefficient is converted once. */
    uint8_t *coef = zk_alloc(s->n_coefs ? s->n_coefs : 1, N8);
    if (!coef)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < s->n_coefs; i++)
        fr_to_bytes_le(coef + (size_t)N8 * i, &s->coefs[i]);

    zk_bytes b;
    zk_bytes_init(&b, 0);
    zk_bytes_put(&b, "r1cs", 4);
    w_u32(&b, 1);
    w_u32(&b, 3);

    w_u32(&b, 1);
    w_u64(&b, 4 + N8 + 16 + 8 + 4);
    w_u32(&b, N8);
    w_prime(&b);
    w_u32(&b, s->n_wires);
    w_u32(&b, s->n_pub_out);
    w_u32(&b, s->n_pub_in);
    w_u32(&b, s->n_prv_in);
    w_u64(&b, s->n_labels ? s->n_labels : s->n_wires);
    w_u32(&b, (uint32_t)s->n_rows);

    uint64_t body = 0;
    for (size_t i = 0; i < s->n_rows; i++)
        body += 12 + (uint64_t)(4 + N8) * (s->rows[i].na + s->rows[i].nb + s->rows[i].nc);
    w_u32(&b, 2);
    w_u64(&b, body);
    for (size_t i = 0; i < s->n_rows && !b.failed; i++) {
        const r1cs_row *r = &s->rows[i];
        const r1cs_term *t = s->terms + r->off;
        uint32_t n[3] = {r->na, r->nb, r->nc};
        for (int k = 0; k < 3; k++) {
            w_u32(&b, n[k]);
            for (uint32_t j = 0; j < n[k]; j++, t++) {
                w_u32(&b, t->wire);
                zk_bytes_put(&b, coef + (size_t)N8 * t->coef, N8);
            }
        }
    }

    w_u32(&b, 3);
    w_u64(&b, (uint64_t)8 * s->n_wires);
    for (uint32_t i = 0; i < s->n_wires; i++)
        w_u64(&b, s->wire_label ? s->wire_label[i] : i);
    zk_free(coef);
    if (b.failed) {
        zk_free(b.p);
        return ZK_ENOMEM;
    }
    *out = b.p;
    *len = b.len;
    return ZK_OK;
}

/* Reads one linear combination at *pos of the constraint section into lc. */
static zk_err read_lc(const section *sec, uint64_t *pos, uint32_t n_wires, r1cs_lc *lc)
{
    r1cs_lc_clear(lc);
    if (sec->len - *pos < 4)
        return ZK_EFORMAT;
    uint32_t n = zk_le32(sec->p + *pos);
    *pos += 4;
    if ((sec->len - *pos) / (4 + N8) < n)
        return ZK_EFORMAT;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *t = sec->p + *pos;
        uint32_t wire = zk_le32(t);
        fr_t k;
        if (wire >= n_wires || fr_from_bytes_le(&k, t + 4) != ZK_OK)
            return ZK_EFORMAT;
        zk_err err = r1cs_lc_push(lc, wire, &k);
        if (err)
            return err;
        *pos += 4 + N8;
    }
    return ZK_OK;
}

bool r1cs_wire_count_fits(uint32_t n_wires, uint64_t n_public, bool has_labels,
                          uint64_t label_bytes, uint64_t constraint_bytes)
{
    if (n_wires == 0 || n_public + 1 > n_wires)
        return false;
    if (has_labels)
        return label_bytes == (uint64_t)8 * n_wires;
    return n_wires - 1 - n_public <= constraint_bytes / (4 + N8);
}

zk_err r1cs_from_bytes(r1cs *s, const uint8_t *buf, size_t len)
{
    r1cs_init(s);
    section sec[4];
    zk_err err = sections_of(buf, len, "r1cs", 1, sec, 3);
    if (err)
        return err;
    if (!sec[1].present || !sec[2].present || sec[1].len < 4 + N8 + 28)
        return ZK_EFORMAT;
    const uint8_t *h = sec[1].p;
    if (zk_le32(h) != N8 || !prime_ok(h + 4))
        return ZK_EFORMAT;
    h += 4 + N8;
    uint32_t n_wires = zk_le32(h), n_out = zk_le32(h + 4), n_pub = zk_le32(h + 8),
             n_prv = zk_le32(h + 12);
    uint64_t n_labels = zk_le64(h + 16);
    uint32_t m = zk_le32(h + 24);
    /* Simplification may remove private inputs from the wires, never public
     * ones, so only the public part must fit. */
    if (n_wires == 0 || 1 + (uint64_t)n_out + n_pub > n_wires)
        return ZK_EFORMAT;
    if (!r1cs_wire_count_fits(n_wires, (uint64_t)n_out + n_pub, sec[3].present, sec[3].len,
                              sec[2].len))
        return ZK_EFORMAT;
    /* Every constraint takes at least 12 bytes, so a count the section cannot
     * hold is rejected before anything is allocated for it. */
    if (sec[2].len / 12 < m)
        return ZK_EFORMAT;
    s->n_wires = n_wires;
    s->n_pub_out = n_out;
    s->n_pub_in = n_pub;
    s->n_prv_in = n_prv;
    s->n_labels = n_labels;

    r1cs_lc lc[3];
    for (int i = 0; i < 3; i++)
        r1cs_lc_init(&lc[i]);
    uint64_t pos = 0;
    for (uint32_t i = 0; i < m && !err; i++) {
        for (int k = 0; k < 3 && !err; k++)
            err = read_lc(&sec[2], &pos, n_wires, &lc[k]);
        if (!err)
            err = r1cs_add(s, &lc[0], &lc[1], &lc[2]);
    }
    for (int i = 0; i < 3; i++)
        r1cs_lc_free(&lc[i]);
    if (err)
        return err;
    if (pos != sec[2].len)
        return ZK_EFORMAT;

    if (sec[3].present) {
        s->wire_label = zk_alloc(n_wires, sizeof *s->wire_label);
        if (!s->wire_label)
            return ZK_ENOMEM;
        for (uint32_t i = 0; i < n_wires; i++) {
            s->wire_label[i] = zk_le64(sec[3].p + 8 * (size_t)i);
            if (s->wire_label[i] >= (n_labels > n_wires ? n_labels : n_wires))
                return ZK_EFORMAT;
        }
    }
    return ZK_OK;
}

zk_err r1cs_write_file(const r1cs *s, const char *path)
{
    uint8_t *buf;
    size_t len;
    zk_err err = r1cs_to_bytes(s, &buf, &len);
    if (err)
        return err;
    err = zk_file_write_atomic(path, buf, len);
    zk_free(buf);
    return err;
}

zk_err r1cs_read_file(r1cs *s, const char *path)
{
    char *buf;
    size_t len;
    zk_err err = zk_file_read(path, (size_t)1 << 36, &buf, &len);
    if (err) {
        r1cs_init(s);
        return err;
    }
    err = r1cs_from_bytes(s, (const uint8_t *)buf, len);
    zk_free(buf);
    return err;
}

/* ---- .wtns ------------------------------------------------------------------- */

zk_err wtns_to_bytes(const fr_t *w, size_t n, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (n > UINT32_MAX)
        return ZK_EOVERFLOW;
    /* Sized exactly up front: growing the buffer would leave copies of
     * witness values in freed blocks. Header, section 1, section 2. */
    size_t total = 12 + (12 + 4 + N8 + 4) + (12 + (size_t)N8 * n);
    zk_bytes b;
    zk_bytes_init(&b, total);
    if (b.failed)
        return ZK_ENOMEM;
    zk_bytes_put(&b, "wtns", 4);
    w_u32(&b, 2);
    w_u32(&b, 2);
    w_u32(&b, 1);
    w_u64(&b, 4 + N8 + 4);
    w_u32(&b, N8);
    w_prime(&b);
    w_u32(&b, (uint32_t)n);
    w_u32(&b, 2);
    w_u64(&b, (uint64_t)N8 * n);
    uint8_t x[N8];
    for (size_t i = 0; i < n && !b.failed; i++) {
        fr_to_bytes_le(x, &w[i]);
        zk_bytes_put(&b, x, N8);
    }
    sodium_memzero(x, sizeof x);
    if (b.failed) {
        zk_free_secret(b.p, b.cap, 1);
        return ZK_ENOMEM;
    }
    *out = b.p;
    *len = b.len;
    return ZK_OK;
}

zk_err wtns_from_bytes(fr_t **w, size_t *n, const uint8_t *buf, size_t len)
{
    *w = NULL;
    *n = 0;
    section sec[3];
    zk_err err = sections_of(buf, len, "wtns", 2, sec, 2);
    if (err)
        return err;
    if (!sec[1].present || !sec[2].present || sec[1].len < 4 + N8 + 4)
        return ZK_EFORMAT;
    if (zk_le32(sec[1].p) != N8 || !prime_ok(sec[1].p + 4))
        return ZK_EFORMAT;
    uint32_t count = zk_le32(sec[1].p + 4 + N8);
    if (sec[2].len != (uint64_t)N8 * count)
        return ZK_EFORMAT;
    fr_t *v = zk_alloc(count ? count : 1, sizeof *v);
    if (!v)
        return ZK_ENOMEM;
    for (uint32_t i = 0; i < count; i++) {
        if (fr_from_bytes_le(&v[i], sec[2].p + (size_t)N8 * i) != ZK_OK) {
            zk_free_secret(v, count, sizeof *v);
            return ZK_EFORMAT;
        }
    }
    *w = v;
    *n = count;
    return ZK_OK;
}

zk_err wtns_write_file(const char *path, const fr_t *w, size_t n)
{
    uint8_t *buf;
    size_t len;
    zk_err err = wtns_to_bytes(w, n, &buf, &len);
    if (err)
        return err;
    err = zk_file_write_atomic(path, buf, len);
    zk_free_secret(buf, len, 1);
    return err;
}

zk_err wtns_read_file(const char *path, fr_t **w, size_t *n)
{
    char *buf;
    size_t len;
    *w = NULL;
    *n = 0;
    zk_err err = zk_file_read_secret(path, (size_t)1 << 36, &buf, &len);
    if (err)
        return err;
    err = wtns_from_bytes(w, n, (const uint8_t *)buf, len);
    zk_file_free_secret(buf, len);
    return err;
}
