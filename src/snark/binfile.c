#include "snark/binfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"

/* A section list is read one 12-byte header at a time; no real file has more
 * than a few dozen sections, and the cap stops a hostile count early. */
#define BINFILE_MAX_SECTIONS 4096
#define BINWRITER_BUF (1u << 20)

zk_err binfile_open(binfile *b, const char *path, const char magic[4], uint32_t max_version)
{
    memset(b, 0, sizeof *b);
    zk_err err = zk_file_open_input(path, &b->fd, &b->file_size);
    if (err)
        return err;
    uint8_t h[12];
    err = binfile_read(b, 0, h, sizeof h);
    if (!err && memcmp(h, magic, 4) != 0)
        err = ZK_EFORMAT;
    b->version = binfile_u32(h + 4);
    uint32_t n = binfile_u32(h + 8);
    if (!err && (b->version < 1 || b->version > max_version || n > BINFILE_MAX_SECTIONS))
        err = ZK_EFORMAT;
    if (!err && n && !(b->sec = zk_alloc(n, sizeof *b->sec)))
        err = ZK_ENOMEM;
    uint64_t off = 12;
    for (uint32_t i = 0; !err && i < n; i++) {
        uint8_t sh[12];
        if ((err = binfile_read(b, off, sh, sizeof sh)))
            break;
        uint64_t size = binfile_u64(sh + 4);
        off += 12;
        if (size > b->file_size - off) {
            err = ZK_EFORMAT;
            break;
        }
        b->sec[i] = (binfile_section){binfile_u32(sh), off, size};
        off += size;
        b->n_sec++;
    }
    if (err) {
        binfile_close(b);
        return err;
    }
    return ZK_OK;
}

void binfile_close(binfile *b)
{
    if (b->fd >= 0)
        close(b->fd);
    zk_free(b->sec);
    memset(b, 0, sizeof *b);
    b->fd = -1;
}

zk_err binfile_section_get(const binfile *b, uint32_t type, const binfile_section **s)
{
    const binfile_section *found = NULL;
    for (size_t i = 0; i < b->n_sec; i++) {
        if (b->sec[i].type != type)
            continue;
        if (found)
            return ZK_EFORMAT;
        found = &b->sec[i];
    }
    if (!found)
        return ZK_EFORMAT;
    *s = found;
    return ZK_OK;
}

bool binfile_has(const binfile *b, uint32_t type)
{
    for (size_t i = 0; i < b->n_sec; i++)
        if (b->sec[i].type == type)
            return true;
    return false;
}

zk_err binfile_read(const binfile *b, uint64_t off, void *dst, size_t n)
{
    if (off > b->file_size || n > b->file_size - off)
        return ZK_EFORMAT;
    uint8_t *p = dst;
    while (n) {
        ssize_t got = pread(b->fd, p, n, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return ZK_EIO;
        p += got;
        off += (uint64_t)got;
        n -= (size_t)got;
    }
    return ZK_OK;
}

zk_err binfile_read_in(const binfile *b, const binfile_section *s, uint64_t off, void *dst,
                       size_t n)
{
    if (off > s->size || n > s->size - off)
        return ZK_EFORMAT;
    return binfile_read(b, s->off + off, dst, n);
}

/* ---- writing ------------------------------------------------------------- */

static void w_flush(binwriter *w)
{
    const uint8_t *p = w->buf;
    size_t n = w->n;
    while (!w->err && n) {
        ssize_t put = pwrite(w->st.fd, p, n, (off_t)w->pos);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0) {
            w->err = zk_file_fail(w->st.path, true, put < 0 ? errno : ENOSPC, ZK_EIO);
            break;
        }
        p += put;
        n -= (size_t)put;
        w->pos += (uint64_t)put;
    }
    w->n = 0;
}

zk_err binwriter_open(binwriter *w, const char *path, const char magic[4], uint32_t version,
                      uint32_t n_sections)
{
    memset(w, 0, sizeof *w);
    w->st.fd = -1;
    w->buf = zk_alloc(BINWRITER_BUF, 1);
    if (!w->buf)
        return ZK_ENOMEM;
    zk_err err = zk_stage_open(&w->st, path);
    if (err) {
        zk_free(w->buf);
        w->buf = NULL;
        return err;
    }
    binwriter_bytes(w, magic, 4);
    binwriter_u32(w, version);
    binwriter_u32(w, n_sections);
    return w->err;
}

void binwriter_bytes(binwriter *w, const void *data, size_t n)
{
    const uint8_t *p = data;
    while (!w->err && n) {
        size_t take = BINWRITER_BUF - w->n < n ? BINWRITER_BUF - w->n : n;
        memcpy(w->buf + w->n, p, take);
        w->n += take;
        p += take;
        n -= take;
        if (w->n == BINWRITER_BUF)
            w_flush(w);
    }
}

void binwriter_u32(binwriter *w, uint32_t v)
{
    uint8_t b[4];
    binfile_put_u32(b, v);
    binwriter_bytes(w, b, 4);
}

void binwriter_u64(binwriter *w, uint64_t v)
{
    binwriter_u32(w, (uint32_t)v);
    binwriter_u32(w, (uint32_t)(v >> 32));
}

void binwriter_begin(binwriter *w, uint32_t type)
{
    if (w->sec_start && !w->err)
        w->err = ZK_EINVAL;   /* a section is already open: a bug in the caller */
    binwriter_u32(w, type);
    w->sec_start = w->pos + w->n;
    binwriter_u64(w, 0);
}

void binwriter_end(binwriter *w)
{
    if (w->err)
        return;
    if (!w->sec_start) {
        w->err = ZK_EINVAL;
        return;
    }
    uint64_t end = w->pos + w->n;
    uint64_t size = end - w->sec_start - 8;
    uint8_t b[8];
    binfile_put_u32(b, (uint32_t)size);
    binfile_put_u32(b + 4, (uint32_t)(size >> 32));
    if (w->sec_start >= w->pos) {
        memcpy(w->buf + (w->sec_start - w->pos), b, 8);
    } else {
        /* The size field was flushed already: patch it on disk. A field
         * straddling the buffer start is written in two parts. */
        size_t on_disk = w->pos - w->sec_start < 8 ? (size_t)(w->pos - w->sec_start) : 8;
        if (pwrite(w->st.fd, b, on_disk, (off_t)w->sec_start) != (ssize_t)on_disk)
            w->err = zk_file_fail(w->st.path, true, errno, ZK_EIO);
        if (on_disk < 8)
            memcpy(w->buf, b + on_disk, 8 - on_disk);
    }
    w->sec_start = 0;
}

void binwriter_copy_section(binwriter *w, const binfile *b, const binfile_section *s)
{
    binwriter_begin(w, s->type);
    uint8_t *chunk = zk_alloc(BINWRITER_BUF, 1);
    if (!chunk && !w->err)
        w->err = ZK_ENOMEM;
    for (uint64_t off = 0; !w->err && off < s->size; off += BINWRITER_BUF) {
        size_t n = s->size - off < BINWRITER_BUF ? (size_t)(s->size - off) : BINWRITER_BUF;
        zk_err err = binfile_read_in(b, s, off, chunk, n);
        if (err)
            w->err = err;
        else
            binwriter_bytes(w, chunk, n);
    }
    zk_free(chunk);
    binwriter_end(w);
}

void binwriter_abort(binwriter *w)
{
    if (w->buf)
        (void)zk_stage_close(&w->st, ZK_ECANCELLED);
    zk_free(w->buf);
    memset(w, 0, sizeof *w);
    w->st.fd = -1;
}

zk_err binwriter_commit(binwriter *w)
{
    if (!w->err && w->sec_start)
        w->err = ZK_EINVAL;
    w_flush(w);
    zk_err err = zk_stage_close(&w->st, w->err);
    zk_free(w->buf);
    memset(w, 0, sizeof *w);
    w->st.fd = -1;
    return err;
}

/* ---- contribution parameters ------------------------------------------------ */

zk_err binfile_contrib_params_get(const binfile_contrib_params *q, const uint8_t *p, size_t len)
{
    size_t i = 0;
    unsigned last = 0;
    while (i < len) {
        unsigned tag = p[i++];
        if (tag <= last || tag > 3 || i >= len)
            return ZK_EFORMAT;
        last = tag;
        if (tag == 2) {
            *q->beacon_exp = p[i++];
            continue;
        }
        size_t l = p[i++];
        if (l > len - i || (tag == 1 && l > 64))
            return ZK_EFORMAT;
        if (tag == 1) {
            memcpy(q->name, p + i, l);
            q->name[l] = 0;
        } else {
            memcpy(q->beacon, p + i, l);
            *q->beacon_len = (uint8_t)l;
        }
        i += l;
    }
    return ZK_OK;
}

size_t binfile_contrib_params_put(uint8_t *out, const char *name, bool beacon, uint8_t beacon_exp,
                                  const uint8_t *beacon_hash, uint8_t beacon_len)
{
    size_t n = 0, l = strnlen(name, 64);
    if (l) {
        out[n++] = 1;
        out[n++] = (uint8_t)l;
        memcpy(out + n, name, l);
        n += l;
    }
    if (beacon) {
        out[n++] = 2;
        out[n++] = beacon_exp;
        out[n++] = 3;
        out[n++] = beacon_len;
        memcpy(out + n, beacon_hash, beacon_len);
        n += beacon_len;
    }
    return n;
}
