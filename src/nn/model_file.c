#include "nn/model_file.h"

#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/rng.h"

static const char MAGIC[8] = {'Z', 'K', 'C', 'V', 'C', 'N', 'N', '1'};
static const char MAGIC2[8] = {'Z', 'K', 'C', 'V', 'C', 'N', 'N', '2'};
enum { HASH = 32, MAX_RECIPE = 1 << 16 };

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

zk_err nn_model_save(const char *path, const nn_cnn *m, const char *recipe)
{
    zk_err err = zk_rng_init();
    if (err)
        return err;
    if (!recipe)
        recipe = "{}";
    size_t L = strlen(recipe);
    if (L > MAX_RECIPE)
        return ZK_EOVERFLOW;
    if ((unsigned)m->act >= NN_ACTIVATIONS)
        return ZK_EINVAL;
    /* h: where the version-1 layout's recipe length sits */
    size_t h = m->act == NN_ACT_RELU ? 8 : 12;
    size_t len = h + 8 + L + 4 * (size_t)NN_PARAMS + HASH;
    uint8_t *buf = zk_alloc(len, 1);
    if (!buf)
        return ZK_ENOMEM;
    memcpy(buf, h == 8 ? MAGIC : MAGIC2, 8);
    if (h == 12)
        put32(buf + 8, (uint32_t)m->act);
    put32(buf + h, (uint32_t)L);
    memcpy(buf + h + 4, recipe, L);
    put32(buf + h + 4 + L, NN_PARAMS);
    uint8_t *at = buf + h + 8 + L;
    for (size_t i = 0; i < NN_PARAMS; i++) {
        uint32_t bits;
        memcpy(&bits, &m->p[i], 4);
        put32(at + 4 * i, bits);
    }
    crypto_generichash(buf + len - HASH, HASH, buf, len - HASH, NULL, 0);
    err = zk_file_write_atomic(path, buf, len);
    zk_free(buf);
    return err;
}

zk_err nn_model_load(nn_cnn *m, const char *path, char **recipe, uint8_t hash[32], char *why,
                     size_t why_len)
{
    m->p = NULL;
    if (recipe)
        *recipe = NULL;
    zk_err err = zk_rng_init();
    if (err)
        return err;
    char *data;
    size_t len;
    err = zk_file_read(path, 20 + MAX_RECIPE + 4 * (size_t)NN_PARAMS + HASH, &data, &len);
    if (err) {
        snprintf(why, why_len, "%s: %s", path,
                 err == ZK_EOVERFLOW ? "too large for a model file" : zk_file_why(err));
        return err;
    }
    const uint8_t *b = (const uint8_t *)data;
    bool v2 = len >= 8 && memcmp(b, MAGIC2, 8) == 0;
    size_t h = v2 ? 12 : 8;   /* where the recipe length sits */
    size_t L = len >= h + 4 ? get32(b + h) : 0;
    uint32_t act = v2 && len >= 12 ? get32(b + 8) : NN_ACT_RELU;
    uint8_t sum[HASH];
    err = ZK_EFORMAT;
    if (len < h + 4 || (!v2 && memcmp(b, MAGIC, 8) != 0)) {
        snprintf(why, why_len, "%s: not a zkcave model file (no ZKCVCNN1 or ZKCVCNN2 magic)",
                 path);
    } else if (L > MAX_RECIPE || len != h + 8 + L + 4 * (size_t)NN_PARAMS + HASH) {
        snprintf(why, why_len, "%s: %zu bytes, which does not fit its header (truncated?)",
                 path, len);
    } else if (get32(b + h + 4 + L) != NN_PARAMS) {
        snprintf(why, why_len, "%s: %u parameters, the seed CNN has %d", path,
                 get32(b + h + 4 + L), NN_PARAMS);
    } else if (crypto_generichash(sum, HASH, b, len - HASH, NULL, 0) != 0 ||
               sodium_memcmp(sum, b + len - HASH, HASH) != 0) {
        snprintf(why, why_len, "%s: checksum mismatch (the file is damaged)", path);
    } else if (v2 && (act == NN_ACT_RELU || act >= NN_ACTIVATIONS)) {
        /* version 2 exists for another activation; relu there is malformed too */
        snprintf(why, why_len, "%s: activation code %u is not one this zkcave knows (1: square)",
                 path, act);
    } else {
        err = nn_cnn_init(m);
    }
    if (!err) {
        m->act = (nn_activation)act;
        const uint8_t *at = b + h + 8 + L;
        /* The checksum catches damage, not intent (anyone can recompute
         * it), and every consumer assumes finite parameters: NaN or an
         * infinity is a malformed file. */
        for (size_t i = 0; i < NN_PARAMS && !err; i++) {
            uint32_t bits = get32(at + 4 * i);
            memcpy(&m->p[i], &bits, 4);
            if (!isfinite(m->p[i])) {
                snprintf(why, why_len, "%s: parameter %zu is not a finite number", path, i);
                err = ZK_EFORMAT;
                nn_cnn_free(m);
            }
        }
    }
    if (!err) {
        if (hash)
            memcpy(hash, sum, HASH);
        if (recipe) {
            *recipe = zk_alloc(L + 1, 1);
            if (*recipe) {
                memcpy(*recipe, b + h + 4, L);
                (*recipe)[L] = '\0';
            }
        }
    }
    zk_free(data);
    return err;
}

zk_err nn_asset_path(char *out, size_t len, const char *name)
{
    char dir[PATH_MAX];
    zk_err err = zk_data_dir(dir, sizeof dir, "assets", "ZKCAVE_ASSETS");
    if (err)
        return err;
    int n = snprintf(out, len, "%s/%s", dir, name);
    return n > 0 && (size_t)n < len && access(out, R_OK) == 0 ? ZK_OK : ZK_EIO;
}
