#include "nn/idx.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/file.h"

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Reads exactly len bytes; false on a short read or an error. */
static bool read_all(gzFile f, void *buf, size_t len)
{
    uint8_t *p = buf;
    while (len) {
        unsigned chunk = len > (1u << 30) ? 1u << 30 : (unsigned)len;
        int got = gzread(f, p, chunk);
        if (got <= 0)
            return false;
        p += got;
        len -= (size_t)got;
    }
    return true;
}

static uint32_t be32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Reads an IDX file of unsigned bytes with ndims dimensions; dims[0] is
 * the count, the rest must equal want[1..]. */
static zk_err read_idx(const char *path, unsigned ndims, const uint32_t *want, uint32_t *count,
                       uint8_t **data, char *why, size_t why_len)
{
    *data = NULL;
    /* Opened as every input is (core/file.h): a regular file, or the
     * system's reason why not. */
    int fd;
    uint64_t size;
    zk_err err = zk_file_open_input(path, &fd, &size);
    if (err) {
        snprintf(why, why_len, "%s: %s", path, zk_file_why(err));
        return err;
    }
    gzFile f = gzdopen(fd, "rb");
    if (!f) {
        close(fd);
        snprintf(why, why_len, "%s: %s", path, zk_strerror(ZK_ENOMEM));
        return ZK_ENOMEM;
    }
    uint8_t head[16];
    size_t head_len = 4 + 4 * (size_t)ndims;
    if (!read_all(f, head, head_len)) {
        snprintf(why, why_len, "%s: too short for an IDX header", base(path));
        err = ZK_EFORMAT;
        goto out;
    }
    uint32_t magic = be32(head);
    if (magic != (0x0800u | ndims)) {
        snprintf(why, why_len, "%s: IDX magic 0x%08x, want 0x%08x (unsigned bytes, %u dims)",
                 base(path), magic, 0x0800u | ndims, ndims);
        err = ZK_EFORMAT;
        goto out;
    }
    *count = be32(head + 4);
    size_t len = *count;
    for (unsigned i = 1; i < ndims; i++) {
        uint32_t d = be32(head + 4 + 4 * i);
        if (d != want[i]) {
            snprintf(why, why_len, "%s: dimension %u is %u, want %u", base(path), i, d, want[i]);
            err = ZK_EFORMAT;
            goto out;
        }
        len *= d;
    }
    if (*count == 0 || *count > 1000000) {
        snprintf(why, why_len, "%s: %u items (expected 1 to 1,000,000)", base(path), *count);
        err = ZK_EFORMAT;
        goto out;
    }
    /* Deflate expands at most 1032 times (and a raw file not at all), so a
     * header promising more than that is refused before its items are
     * allocated: 16 bytes could otherwise ask for 784 MB. */
    if ((uint64_t)len / 1032 > size) {
        snprintf(why, why_len, "%s: %u items cannot fit in its %llu bytes", base(path), *count,
                 (unsigned long long)size);
        err = ZK_EFORMAT;
        goto out;
    }
    *data = zk_alloc(len, 1);
    if (!*data) {
        err = ZK_ENOMEM;
        goto out;
    }
    if (!read_all(f, *data, len)) {
        snprintf(why, why_len, "%s: truncated (fewer than the %u items its header promises)",
                 base(path), *count);
        err = ZK_EFORMAT;
        zk_free(*data);
        *data = NULL;
    }
out:
    gzclose(f);
    return err;
}

zk_err nn_idx_load(nn_dataset *d, const char *images_path, const char *labels_path, char *why,
                   size_t why_len)
{
    memset(d, 0, sizeof *d);
    static const uint32_t img_dims[3] = {0, 28, 28}, lab_dims[1] = {0};
    uint32_t ni, nl;
    zk_err err = read_idx(images_path, 3, img_dims, &ni, &d->images, why, why_len);
    if (!err)
        err = read_idx(labels_path, 1, lab_dims, &nl, &d->labels, why, why_len);
    if (!err && ni != nl) {
        snprintf(why, why_len, "%s: %u labels for %u images", base(labels_path), nl, ni);
        err = ZK_EFORMAT;
    }
    for (uint32_t i = 0; !err && i < nl; i++)
        if (d->labels[i] > 9) {
            snprintf(why, why_len, "%s: label %u of item %u is not a digit", base(labels_path),
                     d->labels[i], i);
            err = ZK_EFORMAT;
        }
    if (err) {
        nn_dataset_free(d);
        return err;
    }
    d->n = ni;
    return ZK_OK;
}

/* dir/name.gz when it exists, else dir/name. */
static void pick(char *out, size_t len, const char *dir, const char *name)
{
    snprintf(out, len, "%s/%s.gz", dir, name);
    if (access(out, R_OK) != 0)
        snprintf(out, len, "%s/%s", dir, name);
}

void nn_mnist_paths(char *images, char *labels, size_t len, const char *dir, bool train)
{
    pick(images, len, dir, train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte");
    pick(labels, len, dir, train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte");
}

zk_err nn_mnist_load(nn_dataset *d, const char *dir, bool train, char *why, size_t why_len)
{
    char images[4096], labels[4096];
    nn_mnist_paths(images, labels, sizeof images, dir, train);
    return nn_idx_load(d, images, labels, why, why_len);
}

void nn_dataset_free(nn_dataset *d)
{
    zk_free(d->images);
    zk_free(d->labels);
    memset(d, 0, sizeof *d);
}

const char *nn_mnist_dir(const char *dir, char *buf, size_t len)
{
    if (dir && *dir)
        return dir;
    const char *env = getenv("ZKCAVE_MNIST");
    if (env && *env)
        return env;
    env = getenv("ZKCAVE_SHARED_DATA");
    if (env && *env) {
        snprintf(buf, len, "%s/mnist", env);
        return buf;
    }
    /* ../shared/data/mnist from here, else from the program's tree (the
     * workspace's data beside the repository, from any directory), else a
     * copy shipped in an mnist folder of the assets. */
    char found[PATH_MAX];
    if (zk_data_dir(found, sizeof found, "../shared/data/mnist", NULL) == ZK_OK) {
        snprintf(buf, len, "%s", found);
        return buf;
    }
    if (zk_data_dir(found, sizeof found, "assets", "ZKCAVE_ASSETS") == ZK_OK) {
        int n = snprintf(buf, len, "%s/mnist", found);
        if (n > 0 && (size_t)n < len && access(buf, X_OK) == 0)
            return buf;
    }
    snprintf(buf, len, "../shared/data/mnist");   /* named in the error that follows */
    return buf;
}
