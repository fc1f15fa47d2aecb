#include "lesson/digit_pad.h"

#include <png.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "viz/raster.h"

zk_err lesson_pad_init(lesson_pad *p)
{
    memset(p, 0, sizeof *p);
    p->cmp = zk_alloc(1, sizeof *p->cmp);
    p->tr = zk_alloc(1, sizeof *p->tr);
    zk_err err = p->cmp && p->tr ? nn_cnn_ws_init(&p->ws, 1, false) : ZK_ENOMEM;
    if (err) {
        lesson_pad_free(p);
        return err;
    }
    lesson_pad_clear(p);
    return ZK_OK;
}

void lesson_pad_free(lesson_pad *p)
{
    nn_cnn_ws_free(&p->ws);
    zk_free(p->cmp);
    zk_free(p->tr);
    memset(p, 0, sizeof *p);
}

/* The drawing is a drawing again: the pad no longer stands for a file. */
static void drawn(lesson_pad *p)
{
    p->from_png = false;
    snprintf(p->source, sizeof p->source, "drawn on the pad");
}

void lesson_pad_clear(lesson_pad *p)
{
    memset(p->ink, 0, sizeof p->ink);
    p->x = p->y = NN_SIDE / 2;
    p->pen = false;
    drawn(p);
}

static void ink_at(lesson_pad *p, int x, int y, uint8_t v)
{
    if (x < 0 || y < 0 || x >= NN_SIDE || y >= NN_SIDE)
        return;
    uint8_t *c = &p->ink[y * NN_SIDE + x];
    *c = *c > v ? *c : v;
}

void lesson_pad_dab(lesson_pad *p, int x, int y)
{
    if (x < 0 || y < 0 || x >= NN_SIDE || y >= NN_SIDE)
        return;
    if (p->from_png)
        drawn(p);
    static const int8_t full[5][2] = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    static const int8_t half[4][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
    for (int i = 0; i < 5; i++)
        ink_at(p, x + full[i][0], y + full[i][1], 255);
    for (int i = 0; i < 4; i++)
        ink_at(p, x + half[i][0], y + half[i][1], 128);
}

static void dab_visit(void *ctx, int x, int y)
{
    lesson_pad_dab(ctx, x, y);
}

void lesson_pad_stroke(lesson_pad *p, int x0, int y0, int x1, int y1)
{
    viz_line_walk(x0, y0, x1, y1, dab_visit, p);
}

void lesson_pad_move(lesson_pad *p, int dx, int dy)
{
    int x = p->x + dx, y = p->y + dy;
    x = x < 0 ? 0 : x >= NN_SIDE ? NN_SIDE - 1 : x;
    y = y < 0 ? 0 : y >= NN_SIDE ? NN_SIDE - 1 : y;
    if (p->pen)
        lesson_pad_stroke(p, p->x, p->y, x, y);
    p->x = x;
    p->y = y;
}

void lesson_pad_pen(lesson_pad *p, bool down)
{
    p->pen = down;
    if (down)
        lesson_pad_dab(p, p->x, p->y);
}

void lesson_pad_page(const lesson_pad *p, uint8_t gray[NN_PIXELS])
{
    for (int i = 0; i < NN_PIXELS; i++)
        gray[i] = (uint8_t)(255 - p->ink[i]);
}

zk_err lesson_pad_update(lesson_pad *p, const lesson_zkml *z)
{
    p->why[0] = '\0';
    p->has_digit = false;
    if (!p->from_png) {
        uint8_t page[NN_PIXELS];
        lesson_pad_page(p, page);
        /* exactly what reading the page as a PNG does */
        zk_err err = nn_digit_normalize(p->img, page, NULL, NN_SIDE, NN_SIDE, &p->info, p->why,
                                        sizeof p->why);
        if (err == ZK_EFORMAT)
            return ZK_OK;   /* a blank page: nothing to read yet */
        if (err)
            return err;
    }
    zk_err err = nn_compare(p->cmp, &z->cnn, z->qm, p->img, &p->ws, p->tr);
    p->has_digit = err == ZK_OK;
    return err;
}

zk_err lesson_pad_load_png(lesson_pad *p, const lesson_zkml *z, const char *path, char *why,
                           size_t why_len)
{
    uint8_t img[NN_PIXELS];
    nn_png_info info;
    zk_err err = nn_digit_load_png(img, path, &info, why, why_len);
    if (err)
        return err;
    memcpy(p->img, img, sizeof img);
    memcpy(p->ink, img, sizeof img);
    p->info = info;
    p->from_png = true;
    p->pen = false;
    snprintf(p->source, sizeof p->source, "%s", path);
    return lesson_pad_update(p, z);
}

zk_err lesson_pad_write_png(const lesson_pad *p, const char *path)
{
    uint8_t page[NN_PIXELS];
    lesson_pad_page(p, page);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = NN_SIDE;
    img.height = NN_SIDE;
    img.format = PNG_FORMAT_GRAY;
    png_alloc_size_t len = 0;
    if (!png_image_write_to_memory(&img, NULL, &len, 0, page, NN_SIDE, NULL))
        return ZK_EIO;
    uint8_t *buf = zk_alloc(len, 1);
    if (!buf)
        return ZK_ENOMEM;
    zk_err err = ZK_OK;
    if (!png_image_write_to_memory(&img, buf, &len, 0, page, NN_SIDE, NULL))
        err = ZK_EIO;
    if (!err)
        err = zk_file_write_atomic(path, buf, len);
    zk_free(buf);
    png_image_free(&img);
    return err;
}
