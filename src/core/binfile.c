
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/binfile.h"

/* A section list is read one 12-byte header at a time; no real file has more
 * than a few dozen sections, and the cap stops a hostile count early. */
#define ZK_BINFILE_MAX_SECTIONS 4096
#define ZK_BINWRITER_BUF (1u << 20)

/* Reads the header and the section list of b, whose fd or mem and size
 * are set. */
static zk_err list_sections(zk_binfile *b, const char magic[4], uint32_t max_version)
{
    uint8_t h[12];
    zk_err err = zk_binfile_read(b, 0, h, sizeof h);
    if (!err && memcmp(h, magic, 4) != 0)
        err = ZK_EFORMAT;
    b->version = zk_le32(h + 4);
    uint32_t n = zk_le32(h + 8);
    if (!err && (b->version < 1 || b->version > max_version || n > ZK_BINFILE_MAX_SECTIONS))
        err = ZK_EFORMAT;
    if (!err && n && !(b->sec = zk_alloc(n, sizeof *b->sec)))
        err = ZK_ENOMEM;
    uint64_t off = 12;
    for (uint32_t i = 0; !err && i < n; i++) {
        uint8_t sh[12];
        if ((err = zk_binfile_read(b, off, sh, sizeof sh)))
            break;
        uint64_t size = zk_le64(sh + 4);
        off += 12;
        if (size > b->file_size - off) {
            err = ZK_EFORMAT;
            break;
        }
        b->sec[i] = (zk_binfile_section){zk_le32(sh), off, size};
        off += size;
        b->n_sec++;
    }
    if (err)
        zk_binfile_close(b);
    return err;
}

zk_err zk_binfile_open(zk_binfile *b, const char *path, const char magic[4], uint32_t max_version)
{
    memset(b, 0, sizeof *b);
    zk_err err = zk_file_open_input(path, &b->fd, &b->file_size);
    if (err)
        return err;
    return list_sections(b, magic, max_version);
}

zk_err zk_binfile_open_mem(zk_binfile *b, const uint8_t *buf, size_t len, const char magic[4],
                           uint32_t max_version)
{
    memset(b, 0, sizeof *b);
    b->fd = -1;
    b->mem = buf;
    b->file_size = len;
    return list_sections(b, magic, max_version);
}

void zk_binfile_close(zk_binfile *b)
{
    if (b->fd >= 0)
        close(b->fd);
    zk_free(b->sec);
    memset(b, 0, sizeof *b);
    b->fd = -1;
}

zk_err zk_binfile_section_get(const zk_binfile *b, uint32_t type, const zk_binfile_section **s)
{
    const zk_binfile_section *found = NULL;
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

bool zk_binfile_has(const zk_binfile *b, uint32_t type)
{
    for (size_t i = 0; i < b->n_sec; i++)
        if (b->sec[i].type == type)
            return true;
    return false;
}

zk_err zk_binfile_read(const zk_binfile *b, uint64_t off, void *dst, size_t n)
{
    if (off > b->file_size || n > b->file_size - off)
        return ZK_EFORMAT;
    if (b->mem) {
        memcpy(dst, b->mem + off, n);
        return ZK_OK;
    }
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

zk_err zk_binfile_read_in(const zk_binfile *b, const zk_binfile_section *s, uint64_t off, void *dst,
                       size_t n)
{
    if (off > s->size || n > s->size - off)
        return ZK_EFORMAT;
    return zk_binfile_read(b, s->off + off, dst, n);
}

/* ---- writing ------------------------------------------------------------- */

static void w_flush(zk_binwriter *w)
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

zk_err zk_binwriter_open(zk_binwriter *w, const char *path, const char magic[4], uint32_t version,
                      uint32_t n_sections)
{
    memset(w, 0, sizeof *w);
    w->st.fd = -1;
    w->buf = zk_alloc(ZK_BINWRITER_BUF, 1);
    if (!w->buf)
        return ZK_ENOMEM;
    zk_err err = zk_stage_open(&w->st, path);
    if (err) {
        zk_free(w->buf);
        w->buf = NULL;
        return err;
    }
    zk_binwriter_bytes(w, magic, 4);
    zk_binwriter_u32(w, version);
    zk_binwriter_u32(w, n_sections);
    return w->err;
}

void zk_binwriter_bytes(zk_binwriter *w, const void *data, size_t n)
{
    const uint8_t *p = data;
    while (!w->err && n) {
        size_t take = ZK_BINWRITER_BUF - w->n < n ? ZK_BINWRITER_BUF - w->n : n;
        memcpy(w->buf + w->n, p, take);
        w->n += take;
        p += take;
        n -= take;
        if (w->n == ZK_BINWRITER_BUF)
            w_flush(w);
    }
}

void zk_binwriter_u32(zk_binwriter *w, uint32_t v)
{
    uint8_t b[4];
    zk_le_put32(b, v);
    zk_binwriter_bytes(w, b, 4);
}

void zk_binwriter_u64(zk_binwriter *w, uint64_t v)
{
    zk_binwriter_u32(w, (uint32_t)v);
    zk_binwriter_u32(w, (uint32_t)(v >> 32));
}

void zk_binwriter_begin(zk_binwriter *w, uint32_t type)
{
    if (w->sec_start && !w->err)
        w->err = ZK_EINVAL;   /* a section is already open: a bug in the caller */
    zk_binwriter_u32(w, type);
    w->sec_start = w->pos + w->n;
    zk_binwriter_u64(w, 0);
}

void zk_binwriter_end(zk_binwriter *w)
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
    zk_le_put32(b, (uint32_t)size);
    zk_le_put32(b + 4, (uint32_t)(size >> 32));
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

void zk_binwriter_copy_section(zk_binwriter *w, const zk_binfile *b, const zk_binfile_section *s)
{
    zk_binwriter_begin(w, s->type);
    uint8_t *chunk = zk_alloc(ZK_BINWRITER_BUF, 1);
    if (!chunk && !w->err)
        w->err = ZK_ENOMEM;
    for (uint64_t off = 0; !w->err && off < s->size; off += ZK_BINWRITER_BUF) {
        size_t n = s->size - off < ZK_BINWRITER_BUF ? (size_t)(s->size - off) : ZK_BINWRITER_BUF;
        zk_err err = zk_binfile_read_in(b, s, off, chunk, n);
        if (err)
            w->err = err;
        else
            zk_binwriter_bytes(w, chunk, n);
    }
    zk_free(chunk);
    zk_binwriter_end(w);
}

void zk_binwriter_abort(zk_binwriter *w)
{
    if (w->buf)
        (void)zk_stage_close(&w->st, ZK_ECANCELLED);
    zk_free(w->buf);
    memset(w, 0, sizeof *w);
    w->st.fd = -1;
}

zk_err zk_binwriter_commit(zk_binwriter *w)
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
