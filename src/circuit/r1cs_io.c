#include "circuit/r1cs_io.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"

#define N8 32


/* ---- little-endian buffers --------------------------------------------------- */

typedef struct wbuf {
    uint8_t *p;
    size_t n, cap;
    bool failed;
} wbuf;

static void w_bytes(wbuf *b, const void *src, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n > b->cap) {
        size_t c = b->cap ? b->cap : 4096;
        while (c < b->n + n)
            c *= 2;
        uint8_t *q = zk_realloc(b->p, c, 1);
        if (!q) {
            b->failed = true;
            return;
        }
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->n, src, n);
    b->n += n;
}

static void w_u32(wbuf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    w_bytes(b, x, 4);
}

static void w_u64(wbuf *b, uint64_t v)
{
    w_u32(b, (uint32_t)v);
    w_u32(b, (uint32_t)(v >> 32));
}

static void w_prime(wbuf *b)
{
    uint8_t x[N8];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            x[8 * i + j] = (uint8_t)(zk_fr_params.p[i] >> (8 * j));
    w_bytes(b, x, N8);
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get_u64(const uint8_t *p)
{
    return get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

/* A section located in a binfile image. */
typedef struct section {
    const uint8_t *p;
    uint64_t len;
    bool present;
} section;

/* Checks the magic and version and locates sections 1..n_want; a section
 * given twice, or running past the end, is ZK_EFORMAT. */
static zk_err binfile_parse(const uint8_t *buf, size_t len, const char magic[4], uint32_t version,
                            section *sec, uint32_t n_want)
{
    memset(sec, 0, sizeof *sec * (n_want + 1));
    if (len < 12 || memcmp(buf, magic, 4) != 0 || get_u32(buf + 4) != version)
        return ZK_EFORMAT;
    uint32_t n_sections = get_u32(buf + 8);
    size_t pos = 12;
    for (uint32_t i = 0; i < n_sections; i++) {
        if (len - pos < 12)
            return ZK_EFORMAT;
        uint32_t type = get_u32(buf + pos);
        uint64_t size = get_u64(buf + pos + 4);
        pos += 12;
        if (size > len - pos)
            return ZK_EFORMAT;
        if (type >= 1 && type <= n_want) {
            if (sec[type].present)
                return ZK_EFORMAT;
            sec[type] = (section){buf + pos, size, true};
        }
        pos += (size_t)size;
    }
    return ZK_OK;
}

static bool prime_ok(const uint8_t *p)
{
    for (int i = 0; i < 4; i++)
        if (get_u64(p + 8 * i) != zk_fr_params.p[i])
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

    wbuf b = {0};
    w_bytes(&b, "r1cs", 4);
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
                w_bytes(&b, coef + (size_t)N8 * t->coef, N8);
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
    *len = b.n;
    return ZK_OK;
}

/* Reads one linear combination at *pos of the constraint section into lc. */
static zk_err read_lc(const section *sec, uint64_t *pos, uint32_t n_wires, r1cs_lc *lc)
{
    r1cs_lc_clear(lc);
    if (sec->len - *pos < 4)
        return ZK_EFORMAT;
    uint32_t n = get_u32(sec->p + *pos);
    *pos += 4;
    if ((sec->len - *pos) / (4 + N8) < n)
        return ZK_EFORMAT;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *t = sec->p + *pos;
        uint32_t wire = get_u32(t);
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
    zk_err err = binfile_parse(buf, len, "r1cs", 1, sec, 3);
    if (err)
        return err;
    if (!sec[1].present || !sec[2].present || sec[1].len < 4 + N8 + 28)
        return ZK_EFORMAT;
    const uint8_t *h = sec[1].p;
    if (get_u32(h) != N8 || !prime_ok(h + 4))
        return ZK_EFORMAT;
    h += 4 + N8;
    uint32_t n_wires = get_u32(h), n_out = get_u32(h + 4), n_pub = get_u32(h + 8),
             n_prv = get_u32(h + 12);
    uint64_t n_labels = get_u64(h + 16);
    uint32_t m = get_u32(h + 24);
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
            s->wire_label[i] = get_u64(sec[3].p + 8 * (size_t)i);
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
    wbuf b = {zk_alloc(total, 1), 0, total, false};
    if (!b.p)
        return ZK_ENOMEM;
    w_bytes(&b, "wtns", 4);
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
        w_bytes(&b, x, N8);
    }
    sodium_memzero(x, sizeof x);
    if (b.failed) {
        zk_free_secret(b.p, b.cap, 1);
        return ZK_ENOMEM;
    }
    *out = b.p;
    *len = b.n;
    return ZK_OK;
}

zk_err wtns_from_bytes(fr_t **w, size_t *n, const uint8_t *buf, size_t len)
{
    *w = NULL;
    *n = 0;
    section sec[3];
    zk_err err = binfile_parse(buf, len, "wtns", 2, sec, 2);
    if (err)
        return err;
    if (!sec[1].present || !sec[2].present || sec[1].len < 4 + N8 + 4)
        return ZK_EFORMAT;
    if (get_u32(sec[1].p) != N8 || !prime_ok(sec[1].p + 4))
        return ZK_EFORMAT;
    uint32_t count = get_u32(sec[1].p + 4 + N8);
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
