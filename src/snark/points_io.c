#include "snark/points_io.h"

#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/encode.h"

/* Points decoded per read: big enough to keep both cores busy, small
 * enough that the byte buffer stays a few megabytes. */
#define CHUNK_POINTS 16384

typedef struct decode_job {
    const uint8_t *in;
    void *out;
    bool g2, subgroup;
    zk_err err[64];   /* one slot per worker */
} decode_job;

static void decode_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    decode_job *j = ctx;
    for (size_t i = begin; i < end; i++) {
        zk_err e;
        if (j->g2)
            e = g2_decode_lem((g2_aff *)j->out + i, j->in + i * G2_LEM_BYTES, G2_LEM_BYTES,
                              j->subgroup);
        else
            e = g1_decode_lem((g1_aff *)j->out + i, j->in + i * G1_LEM_BYTES, G1_LEM_BYTES);
        if (e && !j->err[worker % 64])
            j->err[worker % 64] = e;
    }
}

static zk_err read_points(void *out, const zk_binfile *b, const zk_binfile_section *s, uint64_t first,
                          size_t n, bool g2, bool subgroup)
{
    size_t sz = g2 ? G2_LEM_BYTES : G1_LEM_BYTES;
    if (first > s->size / sz || n > s->size / sz - first)
        return ZK_EFORMAT;
    size_t chunk = n < CHUNK_POINTS ? n : CHUNK_POINTS;
    uint8_t *buf = zk_alloc(chunk ? chunk : 1, sz);
    if (!buf)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    for (size_t i = 0; !err && i < n; i += chunk) {
        size_t m = n - i < chunk ? n - i : chunk;
        if ((err = zk_binfile_read_in(b, s, (first + i) * sz, buf, m * sz)))
            break;
        decode_job j = {.in = buf,
                        .out = g2 ? (void *)((g2_aff *)out + i) : (void *)((g1_aff *)out + i),
                        .g2 = g2,
                        .subgroup = subgroup};
        zk_parallel_for(m, g2 && subgroup ? 16 : 1024, decode_range, &j);
        for (int w = 0; w < 64 && !err; w++)
            err = j.err[w];
    }
    zk_free(buf);
    return err;
}

zk_err snark_read_g1s(g1_aff *out, const zk_binfile *b, const zk_binfile_section *s, uint64_t first,
                      size_t n)
{
    return read_points(out, b, s, first, n, false, false);
}

zk_err snark_read_g2s(g2_aff *out, const zk_binfile *b, const zk_binfile_section *s, uint64_t first,
                      size_t n, bool check_subgroup)
{
    return read_points(out, b, s, first, n, true, check_subgroup);
}

void snark_write_g1s(zk_binwriter *w, const g1_aff *p, size_t n)
{
    uint8_t buf[64 * G1_LEM_BYTES];
    for (size_t i = 0; i < n && !w->err; i += 64) {
        size_t m = n - i < 64 ? n - i : 64;
        for (size_t k = 0; k < m; k++)
            g1_encode_lem(buf + k * G1_LEM_BYTES, &p[i + k]);
        zk_binwriter_bytes(w, buf, m * G1_LEM_BYTES);
    }
}

void snark_write_g2s(zk_binwriter *w, const g2_aff *p, size_t n)
{
    uint8_t buf[32 * G2_LEM_BYTES];
    for (size_t i = 0; i < n && !w->err; i += 32) {
        size_t m = n - i < 32 ? n - i : 32;
        for (size_t k = 0; k < m; k++)
            g2_encode_lem(buf + k * G2_LEM_BYTES, &p[i + k]);
        zk_binwriter_bytes(w, buf, m * G2_LEM_BYTES);
    }
}

static zk_err load_points(void **out, const zk_binfile *b, uint32_t type, size_t n, bool g2,
                          bool subgroup)
{
    const zk_binfile_section *s;
    zk_err err = zk_binfile_section_get(b, type, &s);
    size_t sz = g2 ? G2_LEM_BYTES : G1_LEM_BYTES;
    if (!err && s->size != (uint64_t)n * sz)
        err = ZK_EFORMAT;
    if (err)
        return err;
    void *p = zk_alloc(n ? n : 1, g2 ? sizeof(g2_aff) : sizeof(g1_aff));
    if (!p)
        return ZK_ENOMEM;
    if ((err = read_points(p, b, s, 0, n, g2, subgroup))) {
        zk_free(p);
        return err;
    }
    *out = p;
    return ZK_OK;
}

zk_err snark_load_g1s(g1_aff **out, const zk_binfile *b, uint32_t type, size_t n)
{
    void *p = NULL;
    zk_err err = load_points(&p, b, type, n, false, false);
    *out = p;
    return err;
}

zk_err snark_load_g2s(g2_aff **out, const zk_binfile *b, uint32_t type, size_t n,
                      bool check_subgroup)
{
    void *p = NULL;
    zk_err err = load_points(&p, b, type, n, true, check_subgroup);
    *out = p;
    return err;
}
