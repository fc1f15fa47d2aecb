/* nn/digit_png: every PNG colour type and bit depth decodes to the same
 * digit; the normalisation follows the MNIST recipe (20×20 box, centre of
 * mass at the centre, white on black); damaged or foreign files get a
 * clear error. Test images are encoded here with libpng's writer. */
#include "zk_test.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/alloc.h"
#include "core/file.h"
#include "nn/digit_png.h"
#include "nn/idx.h"
#include "nn/model_file.h"

typedef struct buf {
    uint8_t *data;
    size_t len, cap;
} buf;

static void buf_write(png_structp png, png_bytep data, png_size_t len)
{
    buf *b = png_get_io_ptr(png);
    if (b->len + len > b->cap) {
        b->cap = (b->cap + len) * 2;
        b->data = realloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

static void buf_flush(png_structp png)
{
    (void)png;
}

/* A source image: 8-bit gray and alpha per pixel, and an ink colour. */
typedef struct src_image {
    unsigned w, h;
    const uint8_t *gray, *alpha;   /* alpha may be NULL (opaque) */
} src_image;

/* Packs sample v (0..255) at the given depth into row at index i. */
static void put_sample(uint8_t *row, size_t i, int depth, unsigned v)
{
    if (depth == 16) {
        row[2 * i] = (uint8_t)v, row[2 * i + 1] = (uint8_t)v;   /* v·257 */
    } else if (depth == 8) {
        row[i] = (uint8_t)v;
    } else {
        unsigned per = 8 / (unsigned)depth, shift = (unsigned)(8 - depth) - (unsigned)((i % per) * (unsigned)depth);
        row[i / per] |= (uint8_t)((v >> (8 - depth)) << shift);
    }
}

/* Encodes s as a PNG of the given colour type and depth. Colour images
 * carry the gray in all three channels; palettes hold 2^depth grays. */
static buf encode(const src_image *s, int type, int depth, bool interlace)
{
    buf out = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png)))
        fail_msg("libpng could not encode type %d depth %d", type, depth);
    png_set_write_fn(png, &out, buf_write, buf_flush);
    png_set_IHDR(png, info, s->w, s->h, depth, type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    int levels = 1 << (depth > 8 ? 8 : depth);
    if (type == PNG_COLOR_TYPE_PALETTE) {
        png_color pal[256];
        for (int i = 0; i < levels; i++)
            pal[i].red = pal[i].green = pal[i].blue = (png_byte)(i * 255 / (levels - 1));
        png_set_PLTE(png, info, pal, levels);
        if (s->alpha) {
            png_byte trns[256];
            for (int i = 0; i < levels; i++)
                trns[i] = 255;
            png_set_tRNS(png, info, trns, levels, NULL);
        }
    }
    png_write_info(png, info);
    int channels = type == 0 || type == 3 ? 1 : type == 4 ? 2 : type == 2 ? 3 : 4;
    size_t row_bytes = ((size_t)s->w * channels * depth + 7) / 8;
    png_bytep *rows = calloc(s->h, sizeof *rows);
    for (unsigned y = 0; y < s->h; y++) {
        rows[y] = calloc(row_bytes, 1);
        for (unsigned x = 0; x < s->w; x++) {
            size_t i = (size_t)y * s->w + x;
            unsigned g = s->gray[i], a = s->alpha ? s->alpha[i] : 255;
            size_t at = (size_t)x * channels;
            if (type == 3) {
                put_sample(rows[y], at, depth, g);
                continue;
            }
            for (int c = 0; c < (type == 2 || type == 6 ? 3 : 1); c++)
                put_sample(rows[y], at + c, depth, g);
            if (type == 4 || type == 6)
                put_sample(rows[y], at + channels - 1, depth, a);
        }
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    for (unsigned y = 0; y < s->h; y++)
        free(rows[y]);
    free(rows);
    return out;
}

static nn_dataset g_test;

static const uint8_t *mnist(size_t i)
{
    if (!g_test.n) {
        char b[1024], why[256];
        if (nn_mnist_load(&g_test, nn_mnist_dir(NULL, b, sizeof b), false, why, sizeof why))
            fail_msg("MNIST: %s (set ZKCAVE_SHARED_DATA)", why);
    }
    return g_test.images + i * NN_PIXELS;
}

/* Test image i, k times larger (nearest neighbour), optionally dark on light. */
static uint8_t *enlarged(size_t i, unsigned k, bool dark_on_light)
{
    const uint8_t *d = mnist(i);
    unsigned w = 28 * k;
    uint8_t *g = malloc((size_t)w * w);
    for (unsigned y = 0; y < w; y++)
        for (unsigned x = 0; x < w; x++) {
            uint8_t v = d[(y / k) * 28 + x / k];
            g[y * w + x] = dark_on_light ? (uint8_t)(255 - v) : v;
        }
    return g;
}

static int max_diff(const uint8_t *a, const uint8_t *b)
{
    int m = 0;
    for (int i = 0; i < NN_PIXELS; i++)
        m = abs(a[i] - b[i]) > m ? abs(a[i] - b[i]) : m;
    return m;
}

static void decode_ok(uint8_t out[NN_PIXELS], const buf *b, nn_png_info *info)
{
    char why[256];
    zk_err err = nn_digit_from_png(out, b->data, b->len, info, why, sizeof why);
    if (err)
        fail_msg("decode: %s", why);
}

static void test_every_colour_type(void **state)
{
    (void)state;
    uint8_t *gray = enlarged(0, 3, true);   /* a 7, 84×84, black on white */
    src_image s = {84, 84, gray, NULL};
    buf ref_png = encode(&s, PNG_COLOR_TYPE_GRAY, 8, false);
    uint8_t ref[NN_PIXELS], out[NN_PIXELS];
    nn_png_info info;
    decode_ok(ref, &ref_png, &info);
    assert_true(info.inverted && !info.as_is && !info.from_alpha);
    assert_int_equal(info.width, 84);
    assert_int_equal(info.bit_depth, 8);
    static const struct {
        int type, depth;
        bool interlace, alpha;
        int tolerance;
    } cases[] = {
        {PNG_COLOR_TYPE_GRAY, 16, false, false, 0},
        {PNG_COLOR_TYPE_GRAY, 8, true, false, 0},
        {PNG_COLOR_TYPE_GRAY_ALPHA, 8, false, true, 0},
        {PNG_COLOR_TYPE_GRAY_ALPHA, 16, false, true, 0},
        {PNG_COLOR_TYPE_RGB, 8, false, false, 2},
        {PNG_COLOR_TYPE_RGB, 16, true, false, 2},
        {PNG_COLOR_TYPE_RGB_ALPHA, 8, false, true, 2},
        {PNG_COLOR_TYPE_RGB_ALPHA, 16, false, true, 2},
        {PNG_COLOR_TYPE_PALETTE, 8, false, false, 2},
        {PNG_COLOR_TYPE_PALETTE, 8, false, true, 2},
    };
    uint8_t *opaque = malloc(84 * 84);
    memset(opaque, 255, 84 * 84);
    for (size_t c = 0; c < ZK_ARRAY_LEN(cases); c++) {
        src_image t = {84, 84, gray, cases[c].alpha ? opaque : NULL};
        buf b = encode(&t, cases[c].type, cases[c].depth, cases[c].interlace);
        decode_ok(out, &b, &info);
        assert_int_equal(info.color_type, cases[c].type);
        assert_int_equal(info.bit_depth, cases[c].depth);
        if (max_diff(out, ref) > cases[c].tolerance)
            fail_msg("type %d depth %d: differs from 8-bit gray by %d", cases[c].type,
                     cases[c].depth, max_diff(out, ref));
        free(b.data);
    }
    /* Low bit depths: a two-level image at 1, 2 and 4 bits, gray and palette. */
    uint8_t *bin = malloc(84 * 84);
    for (size_t i = 0; i < 84 * 84; i++)
        bin[i] = gray[i] < 128 ? 0 : 255;
    src_image sb = {84, 84, bin, NULL};
    buf bref = encode(&sb, PNG_COLOR_TYPE_GRAY, 8, false);
    decode_ok(ref, &bref, NULL);
    for (int depth = 1; depth <= 4; depth *= 2)
        for (int type = 0; type <= 3; type += 3) {
            buf b = encode(&sb, type, depth, false);
            decode_ok(out, &b, &info);
            assert_int_equal(info.bit_depth, depth);
            assert_int_equal(max_diff(out, ref), 0);
            free(b.data);
        }
    free(bref.data), free(ref_png.data), free(bin), free(opaque), free(gray);
}

/* Ink on a transparent canvas: the alpha is the ink, whatever its colour. */
static void test_transparent_canvas(void **state)
{
    (void)state;
    uint8_t *ink = enlarged(1, 2, false);   /* a 2, white on black, 56×56 */
    uint8_t *dark = malloc(56 * 56);
    memset(dark, 30, 56 * 56);
    uint8_t ref[NN_PIXELS], out[NN_PIXELS];
    src_image plain = {56, 56, ink, NULL};
    buf b1 = encode(&plain, PNG_COLOR_TYPE_GRAY, 8, false);
    decode_ok(ref, &b1, NULL);
    src_image drawn = {56, 56, dark, ink};   /* dark strokes, alpha = ink */
    nn_png_info info;
    buf b2 = encode(&drawn, PNG_COLOR_TYPE_RGB_ALPHA, 8, false);
    decode_ok(out, &b2, &info);
    assert_true(info.from_alpha);
    assert_int_equal(max_diff(out, ref), 0);
    free(b1.data), free(b2.data), free(ink), free(dark);
}

/* The MNIST recipe: light-on-dark and dark-on-light agree; the digit fits
 * a 20×20 box; its centre of mass is at the centre; MNIST files pass as
 * they are. */
static void test_mnist_convention(void **state)
{
    (void)state;
    uint8_t a[NN_PIXELS], b[NN_PIXELS];
    char why[256];
    for (size_t i = 0; i < 6; i++) {
        uint8_t *light = enlarged(i * 101, 5, false), *dark = enlarged(i * 101, 5, true);
        nn_png_info ia, ib;
        assert_int_equal(nn_digit_normalize(a, light, NULL, 140, 140, &ia, why, sizeof why),
                         ZK_OK);
        assert_int_equal(nn_digit_normalize(b, dark, NULL, 140, 140, &ib, why, sizeof why),
                         ZK_OK);
        assert_false(ia.inverted);
        assert_true(ib.inverted);
        assert_memory_equal(a, b, NN_PIXELS);
        int x0 = 28, x1 = -1, y0 = 28, y1 = -1;
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++) {
                int v = a[y * 28 + x];
                sum += v, sx += v * (x + 0.5), sy += v * (y + 0.5);
                if (v >= 64) {
                    x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
                    y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
                }
            }
        int side = (x1 - x0 > y1 - y0 ? x1 - x0 : y1 - y0) + 1;
        assert_true(side >= 18 && side <= 20);
        assert_true(fabs(sx / sum - 14) <= 0.5 && fabs(sy / sum - 14) <= 0.5);
        free(light), free(dark);
    }
    /* A bundled MNIST test image decodes to exactly the IDX pixels. */
    nn_png_info info;
    assert_int_equal(nn_digit_load_png(a, "assets/digits/7_0000.png", &info, why, sizeof why),
                     ZK_OK);
    assert_true(info.as_is);
    assert_memory_equal(a, mnist(0), NN_PIXELS);
}

static buf copy_of(const void *p, size_t n)
{
    buf b = {malloc(n ? n : 1), n, n};
    memcpy(b.data, p, n);
    return b;
}

static void expect_error(const buf *b, zk_err want, const char *words)
{
    uint8_t out[NN_PIXELS];
    char why[256] = "";
    zk_err err = nn_digit_from_png(out, b->data, b->len, NULL, why, sizeof why);
    if (err != want || !strstr(why, words))
        fail_msg("want %s with \"%s\", got %s: %s", zk_errname(want), words, zk_errname(err),
                 why);
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static void test_bad_files(void **state)
{
    (void)state;
    buf empty = copy_of("", 0), text = copy_of("hello, this is not an image at all.....", 40);
    expect_error(&empty, ZK_EFORMAT, "not a PNG");
    expect_error(&text, ZK_EFORMAT, "not a PNG");
    uint8_t *gray = enlarged(3, 2, true);
    src_image s = {56, 56, gray, NULL};
    buf good = encode(&s, PNG_COLOR_TYPE_GRAY, 8, false);
    buf cut = copy_of(good.data, good.len / 2);
    expect_error(&cut, ZK_EFORMAT, "damaged PNG");
    buf flipped = copy_of(good.data, good.len);
    flipped.data[good.len - 20] ^= 0x40;   /* inside the image data: its CRC fails */
    expect_error(&flipped, ZK_EFORMAT, "damaged PNG");
    buf junk = copy_of(good.data, 40);
    memset(junk.data + 8, 0xAB, 32);   /* the signature, then garbage */
    expect_error(&junk, ZK_EFORMAT, "damaged PNG");
    /* A header promising 20000 × 20000 pixels, with a valid CRC. */
    buf huge = copy_of(good.data, good.len);
    put_be32(huge.data + 16, 20000);
    put_be32(huge.data + 20, 20000);
    put_be32(huge.data + 29, (uint32_t)crc32(0, huge.data + 12, 17));
    expect_error(&huge, ZK_EOVERFLOW, "too large");
    /* A blank page. */
    memset(gray, 250, 56 * 56);
    buf blank = encode(&s, PNG_COLOR_TYPE_GRAY, 8, false);
    expect_error(&blank, ZK_EFORMAT, "no digit");
    uint8_t out[NN_PIXELS];
    char why[256];
    assert_int_equal(nn_digit_load_png(out, "/nonexistent/x.png", NULL, why, sizeof why),
                     ZK_ENOENT);
    assert_non_null(strstr(why, "/nonexistent/x.png: No such file or directory"));
    buf *all[] = {&empty, &text, &good, &cut, &flipped, &junk, &huge, &blank};
    for (size_t i = 0; i < ZK_ARRAY_LEN(all); i++)
        free(all[i]->data);
    free(gray);
}

/* The bundled digits all decode, and each names its digit in its file name. */
static void test_bundled_digits(void **state)
{
    (void)state;
    static const char *const names[] = {
        "drawn_0_gray16_200x200.png", "drawn_1_rgba_64x64.png",   "drawn_2_rgb_100x80.png",
        "drawn_3_rgb_120x150.png",    "drawn_4_graya_48x64.png",  "drawn_5_palette_36x44.png",
        "drawn_7_palette_90x120.png",
    };
    static const int types[] = {0, 6, 2, 2, 4, 3, 3};
    for (size_t i = 0; i < ZK_ARRAY_LEN(names); i++) {
        char path[128], why[256];
        snprintf(path, sizeof path, "assets/digits/%s", names[i]);
        uint8_t out[NN_PIXELS];
        nn_png_info info;
        assert_int_equal(nn_digit_load_png(out, path, &info, why, sizeof why), ZK_OK);
        assert_int_equal(info.color_type, types[i]);
        assert_false(info.as_is);
    }
    nn_dataset_free(&g_test);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_colour_type),
        cmocka_unit_test(test_transparent_canvas),
        cmocka_unit_test(test_mnist_convention),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_bundled_digits),
    };
    return ZK_RUN_TESTS(tests);
}
