#include "nn/digit_png.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"

enum { BOX = 20, MIN_CONTRAST = 32 };

static int cmp_u8(const void *a, const void *b)
{
    return *(const uint8_t *)a - *(const uint8_t *)b;
}

/* The median of the border pixels: the paper's shade. */
static uint8_t border_median(const uint8_t *g, unsigned w, unsigned h, uint8_t *scratch)
{
    size_t n = 0;
    for (unsigned x = 0; x < w; x++) {
        scratch[n++] = g[x];
        if (h > 1)
            scratch[n++] = g[(size_t)(h - 1) * w + x];
    }
    for (unsigned y = 1; y + 1 < h; y++) {
        scratch[n++] = g[(size_t)y * w];
        if (w > 1)
            scratch[n++] = g[(size_t)y * w + w - 1];
    }
    qsort(scratch, n, 1, cmp_u8);
    return scratch[n / 2];
}

/* Area-averaging resample of src (sw × sh) to dst (dw × dh): each target
 * pixel is the mean of the source area it covers, partial pixels weighted
 * by how much of them it covers. Done one axis at a time. */
typedef struct axis {
    float *data;
    size_t item, elem;   /* strides between lines and along a line */
} axis;

static void resample_axis(axis dst, size_t dn, axis src, size_t sn, size_t lines)
{
    double scale = (double)sn / (double)dn;
    for (size_t c = 0; c < lines; c++)
        for (size_t i = 0; i < dn; i++) {
            double lo = i * scale, hi = (i + 1) * scale, sum = 0;
            for (size_t s = (size_t)lo; s < sn && (double)s < hi; s++) {
                double a = fmax(lo, (double)s), b = fmin(hi, (double)s + 1);
                sum += (b - a) * src.data[c * src.item + s * src.elem];
            }
            dst.data[c * dst.item + i * dst.elem] = (float)(sum / (hi - lo));
        }
}

zk_err nn_digit_normalize(uint8_t out[NN_PIXELS], const uint8_t *gray, const uint8_t *alpha,
                          unsigned w, unsigned h, nn_png_info *info, char *why,
                          size_t why_len)
{
    nn_png_info local;
    if (!info)
        info = &local;
    info->from_alpha = info->inverted = info->as_is = false;
    size_t n = (size_t)w * h;
    if (w == 0 || h == 0)
        return ZK_EINVAL;
    uint8_t *ink = zk_alloc(n, 1), *scratch = zk_alloc(2 * (size_t)(w + h), 1);
    float *crop = NULL, *mid = NULL;
    zk_err err = ink && scratch ? ZK_OK : ZK_ENOMEM;
    if (err)
        goto out;
    uint8_t amin = 255, amax = 0;
    for (size_t i = 0; alpha && i < n; i++) {
        amin = alpha[i] < amin ? alpha[i] : amin;
        amax = alpha[i] > amax ? alpha[i] : amax;
    }
    if (alpha && amax - amin > 64) {
        info->from_alpha = true;
        memcpy(ink, alpha, n);
    } else {
        uint8_t paper = border_median(gray, w, h, scratch);
        info->inverted = paper >= 128;
        for (size_t i = 0; i < n; i++) {
            int v = info->inverted ? paper - gray[i] : gray[i] - paper;
            ink[i] = (uint8_t)(v > 0 ? v : 0);
        }
        if (w == NN_SIDE && h == NN_SIDE && !info->inverted) {
            bool any = false;
            for (size_t i = 0; i < n; i++)
                any |= gray[i] >= MIN_CONTRAST;
            if (any) {
                memcpy(out, gray, NN_PIXELS);
                info->as_is = true;
                info->box_x = info->box_y = 0;
                info->box_w = info->box_h = NN_SIDE;
                goto out;
            }
        }
    }
    uint8_t top = 0;
    for (size_t i = 0; i < n; i++)
        top = ink[i] > top ? ink[i] : top;
    if (top < MIN_CONTRAST) {
        snprintf(why, why_len, "no digit found: the image is blank (no stroke stands out "
                               "from the background)");
        err = ZK_EFORMAT;
        goto out;
    }
    /* The bounding box of clear ink, so faint specks do not stretch it. */
    unsigned x0 = w, y0 = h, x1 = 0, y1 = 0;
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++)
            if (ink[(size_t)y * w + x] * 4 >= top) {
                x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
            }
    unsigned bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    info->box_x = x0, info->box_y = y0, info->box_w = bw, info->box_h = bh;
    unsigned longer = bw > bh ? bw : bh;
    unsigned nw = (unsigned)lround((double)bw * BOX / longer);
    unsigned nh = (unsigned)lround((double)bh * BOX / longer);
    nw = nw ? nw : 1, nh = nh ? nh : 1;
    crop = zk_alloc((size_t)bw * bh, sizeof *crop);
    mid = zk_alloc((size_t)nw * bh, sizeof *mid);
    float patch[BOX * BOX];
    if (!crop || !mid) {
        err = ZK_ENOMEM;
        goto out;
    }
    for (unsigned y = 0; y < bh; y++)
        for (unsigned x = 0; x < bw; x++)
            crop[(size_t)y * bw + x] = ink[(size_t)(y0 + y) * w + x0 + x] * (255.0f / top);
    /* Rows first (bh rows of bw → nw), then columns (nw columns of bh → nh). */
    resample_axis((axis){mid, nw, 1}, nw, (axis){crop, bw, 1}, bw, bh);
    resample_axis((axis){patch, 1, nw}, nh, (axis){mid, 1, nw}, bh, nw);
    /* Centre of mass, with pixel centres at x + 0.5. */
    double sum = 0, sx = 0, sy = 0;
    for (unsigned y = 0; y < nh; y++)
        for (unsigned x = 0; x < nw; x++) {
            double v = patch[y * nw + x];
            sum += v, sx += v * (x + 0.5), sy += v * (y + 0.5);
        }
    long ox = lround(NN_SIDE / 2.0 - sx / sum), oy = lround(NN_SIDE / 2.0 - sy / sum);
    memset(out, 0, NN_PIXELS);
    for (unsigned y = 0; y < nh; y++)
        for (unsigned x = 0; x < nw; x++) {
            long tx = (long)x + ox, ty = (long)y + oy;
            if (tx >= 0 && ty >= 0 && tx < NN_SIDE && ty < NN_SIDE) {
                long v = lround(patch[y * nw + x]);
                out[ty * NN_SIDE + tx] = (uint8_t)(v > 255 ? 255 : v < 0 ? 0 : v);
            }
        }
out:
    zk_free(ink);
    zk_free(scratch);
    zk_free(crop);
    zk_free(mid);
    return err;
}

zk_err nn_digit_from_png(uint8_t out[NN_PIXELS], const void *data, size_t len,
                         nn_png_info *info, char *why, size_t why_len)
{
    nn_png_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    const uint8_t *b = data;
    if (len < 33 || png_sig_cmp(b, 0, 8) != 0) {
        snprintf(why, why_len, "not a PNG file (it does not start with the PNG signature)");
        return ZK_EFORMAT;
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, data, len)) {
        snprintf(why, why_len, "damaged PNG: %s", img.message);
        png_image_free(&img);
        return ZK_EFORMAT;
    }
    /* The header (IHDR) is the first chunk: width, height, depth, type. */
    info->width = img.width;
    info->height = img.height;
    info->bit_depth = b[24];
    info->color_type = b[25];
    if ((uint64_t)img.width * img.height > NN_PNG_MAX_PIXELS) {
        snprintf(why, why_len, "image too large: %u × %u pixels (at most %d million)", img.width,
                 img.height, NN_PNG_MAX_PIXELS / 1000000);
        png_image_free(&img);
        return ZK_EOVERFLOW;
    }
    /* Deflate expands its input at most 1032 times and a pixel takes at
     * least one bit, so a file too short for its own header's dimensions is
     * damaged: say so before allocating for those dimensions. */
    if ((uint64_t)img.width * img.height > (uint64_t)len * 1032 * 8) {
        snprintf(why, why_len, "damaged PNG: %u × %u pixels cannot fit in %zu bytes", img.width,
                 img.height, len);
        png_image_free(&img);
        return ZK_EFORMAT;
    }
    /* libpng treats 16-bit samples without a gAMA chunk as linear light
     * and would gamma-encode them on the way to 8 bits, brightening every
     * gray; reading them in its 16-bit linear format and keeping the top
     * byte gives the levels the file holds. */
    bool wide = info->bit_depth == 16;
    img.format = wide ? PNG_FORMAT_LINEAR_Y_ALPHA : PNG_FORMAT_GA;
    size_t n = (size_t)img.width * img.height;
    uint8_t *ga = zk_alloc(n, wide ? 4 : 2), *g = zk_alloc(n, 1), *a = zk_alloc(n, 1);
    zk_err err = ga && g && a ? ZK_OK : ZK_ENOMEM;
    if (err) {
        png_image_free(&img);
    } else if (!png_image_finish_read(&img, NULL, ga, 0, NULL)) {
        snprintf(why, why_len, "damaged PNG: %s", img.message);
        err = ZK_EFORMAT;
    } else {
        for (size_t i = 0; i < n; i++) {
            if (wide) {
                uint16_t v[2];
                memcpy(v, ga + 4 * i, 4);
                g[i] = (uint8_t)((v[0] + 128u) / 257u);
                a[i] = (uint8_t)((v[1] + 128u) / 257u);
            } else {
                g[i] = ga[2 * i];
                a[i] = ga[2 * i + 1];
            }
        }
        err = nn_digit_normalize(out, g, a, img.width, img.height, info, why, why_len);
    }
    zk_free(ga);
    zk_free(g);
    zk_free(a);
    return err;
}

zk_err nn_digit_load_png(uint8_t out[NN_PIXELS], const char *path, nn_png_info *info,
                         char *why, size_t why_len)
{
    char *data;
    size_t len;
    zk_err err = zk_file_read(path, 256u << 20, &data, &len);
    if (err) {
        snprintf(why, why_len, "%s: %s", path,
                 err == ZK_EOVERFLOW ? "file too large" : zk_file_why(err));
        return err;
    }
    char inner[256];
    err = nn_digit_from_png(out, data, len, info, inner, sizeof inner);
    if (err)
        snprintf(why, why_len, "%s: %s", path, inner);
    zk_free(data);
    return err;
}
