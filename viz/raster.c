#include "viz/raster.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "viz/font.h"
#include "viz/text.h"

zk_err viz_raster_init(viz_raster *r, int w, int h, uint32_t background)
{
    memset(r, 0, sizeof *r);
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384)
        return ZK_EINVAL;
    r->rgb = zk_alloc((size_t)w * (size_t)h, 3);
    if (!r->rgb)
        return ZK_ENOMEM;
    r->w = w;
    r->h = h;
    viz_raster_rect(r, 0, 0, w, h, background);
    return ZK_OK;
}

void viz_raster_free(viz_raster *r)
{
    zk_free(r->rgb);
    memset(r, 0, sizeof *r);
}

uint32_t viz_raster_get(const viz_raster *r, int x, int y)
{
    if (x < 0 || y < 0 || x >= r->w || y >= r->h)
        return 0;
    const uint8_t *p = r->rgb + 3 * ((size_t)y * (size_t)r->w + (size_t)x);
    return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

void viz_raster_set(viz_raster *r, int x, int y, uint32_t rgb)
{
    if (x < 0 || y < 0 || x >= r->w || y >= r->h)
        return;
    uint8_t *p = r->rgb + 3 * ((size_t)y * (size_t)r->w + (size_t)x);
    p[0] = (uint8_t)(rgb >> 16);
    p[1] = (uint8_t)(rgb >> 8);
    p[2] = (uint8_t)rgb;
}

void viz_raster_rect(viz_raster *r, int x, int y, int w, int h, uint32_t rgb)
{
    int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
    int x1 = x + w > r->w ? r->w : x + w, y1 = y + h > r->h ? r->h : y + h;
    for (int j = y0; j < y1; j++)
        for (int i = x0; i < x1; i++)
            viz_raster_set(r, i, j, rgb);
}

void viz_line_walk(int x0, int y0, int x1, int y1, void (*visit)(void *ctx, int x, int y),
                   void *ctx)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int e = dx + dy;
    for (;;) {
        visit(ctx, x0, y0);
        if (x0 == x1 && y0 == y1)
            return;
        int e2 = 2 * e;
        if (e2 >= dy) {
            e += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            e += dx;
            y0 += sy;
        }
    }
}

typedef struct pen {
    viz_raster *r;
    int thick;
    uint32_t rgb;
} pen;

static void pen_dot(void *ctx, int x, int y)
{
    pen *p = ctx;
    int lo = -(p->thick - 1) / 2;
    viz_raster_rect(p->r, x + lo, y + lo, p->thick, p->thick, p->rgb);
}

void viz_raster_line(viz_raster *r, int x0, int y0, int x1, int y1, int thick, uint32_t rgb)
{
    pen p = {r, thick, rgb};
    viz_line_walk(x0, y0, x1, y1, pen_dot, &p);
}

void viz_raster_disc(viz_raster *r, int cx, int cy, int radius, uint32_t rgb)
{
    for (int j = -radius; j <= radius; j++)
        for (int i = -radius; i <= radius; i++)
            if (i * i + j * j <= radius * radius + radius)
                viz_raster_set(r, cx + i, cy + j, rgb);
}

/* Calls fn for each ASCII character of text after transliteration. */
static int walk_ascii(const char *text, void (*fn)(void *ctx, char ch, int index), void *ctx)
{
    int n = 0;
    size_t len = strlen(text);
    while (len) {
        size_t used;
        uint32_t cp = viz_utf8_decode(text, len, &used);
        text += used;
        len -= used;
        for (const char *a = viz_ascii_fallback(cp); *a; a++)
            fn(ctx, *a, n++);
    }
    return n;
}

typedef struct text_ctx {
    viz_raster *r;
    int x, y, scale;
    uint32_t rgb;
} text_ctx;

static void draw_char(void *ctx, char ch, int index)
{
    text_ctx *t = ctx;
    int ox = t->x + index * (VIZ_FONT_W + 1) * t->scale;
    for (int y = 0; y < VIZ_FONT_H + VIZ_FONT_DESCENT; y++)
        for (int x = 0; x < VIZ_FONT_W; x++)
            if (viz_font_pixel((unsigned char)ch, x, y))
                viz_raster_rect(t->r, ox + x * t->scale, t->y + y * t->scale, t->scale, t->scale,
                                t->rgb);
}

static void count_char(void *ctx, char ch, int index)
{
    (void)ctx, (void)ch, (void)index;
}

int viz_raster_text(viz_raster *r, int x, int y, int scale, const char *text, uint32_t rgb)
{
    text_ctx t = {r, x, y, scale, rgb};
    int n = walk_ascii(text, draw_char, &t);
    return n ? n * (VIZ_FONT_W + 1) * scale - scale : 0;
}

int viz_raster_text_width(const char *text, int scale)
{
    int n = walk_ascii(text, count_char, NULL);
    return n ? n * (VIZ_FONT_W + 1) * scale - scale : 0;
}

int viz_raster_line_height(int scale)
{
    return (VIZ_FONT_H + 3) * scale;
}

/* The PNG is encoded into memory first and then written atomically, so an
 * export interrupted half-way leaves no truncated image behind. */
typedef struct png_buf {
    uint8_t *data;
    size_t len, cap;
    bool failed;
} png_buf;

static void buf_write(png_structp png, png_bytep data, png_size_t len)
{
    png_buf *b = png_get_io_ptr(png);
    if (b->failed)
        return;
    if (b->len + len > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 65536) + len;
        uint8_t *more = zk_realloc(b->data, cap, 1);
        if (!more) {
            b->failed = true;
            return;
        }
        b->data = more;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

static void buf_flush(png_structp png)
{
    (void)png;
}

/* libpng reports errors by longjmp; nothing allocated after setjmp needs
 * freeing apart from the structures, which are released on both paths. */
static zk_err encode_png(const viz_raster *r, png_buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        return ZK_ENOMEM;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return ZK_ENOMEM;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return ZK_EIO;
    }
    png_set_write_fn(png, out, buf_write, buf_flush);
    png_set_IHDR(png, info, (png_uint_32)r->w, (png_uint_32)r->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < r->h; y++)
        png_write_row(png, r->rgb + 3 * (size_t)y * (size_t)r->w);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return out->failed ? ZK_ENOMEM : ZK_OK;
}

zk_err viz_raster_write_png(const viz_raster *r, const char *path)
{
    png_buf b = {0};
    zk_err err = encode_png(r, &b);
    if (!err)
        err = zk_file_write_atomic(path, b.data, b.len);
    zk_free(b.data);
    return err;
}
