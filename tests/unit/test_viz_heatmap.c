/* viz/heatmap: colour maps at their ends, ranges, drawing in cells (with
 * and without UTF-8) and as pixels, and the figure PNG read back. */
#include "zk_test.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "viz/heatmap.h"

static void test_colormaps(void **state)
{
    (void)state;
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_GRAY, 0), 0x000000);
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_GRAY, 1), 0xFFFFFF);
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_GRAY, 0.5), 0x808080);
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_HEAT, 0), 0x440154);   /* viridis' ends */
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_HEAT, 1), 0xFDE725);
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_DIVERGING, 0.5), 0xF7F7F7);
    assert_int_equal(viz_colormap_rgb(VIZ_MAP_DIVERGING, -3), 0x2166AC);   /* clamped */
    /* Heat is ordered: brighter (by luma) as t grows. */
    double prev = -1;
    for (int i = 0; i <= 20; i++) {
        uint32_t c = viz_colormap_rgb(VIZ_MAP_HEAT, i / 20.0);
        double luma = 0.299 * (c >> 16) + 0.587 * ((c >> 8) & 255) + 0.114 * (c & 255);
        assert_true(luma > prev);
        prev = luma;
    }
}

static void test_ranges(void **state)
{
    (void)state;
    viz_heatmap hm;
    assert_int_equal(viz_heatmap_init(&hm, "t", "v", 3, 2, 2, VIZ_MAP_DIVERGING), ZK_OK);
    assert_int_equal(hm.cols, 2);
    hm.v[0] = -1, hm.v[5] = 4, hm.v[11] = NAN;
    viz_heatmap_autorange(&hm);
    assert_true(hm.lo == -4 && hm.hi == 4);
    assert_true(viz_heatmap_frac(&hm, 0) == 0.5);
    assert_true(viz_heatmap_frac(&hm, 100) == 1);
    assert_true(viz_heatmap_frac(&hm, NAN) == 0);
    memset(hm.v, 0, 12 * sizeof *hm.v);
    hm.map = VIZ_MAP_HEAT;
    viz_heatmap_autorange(&hm);   /* flat: still a usable range */
    assert_true(hm.hi > hm.lo);
    viz_heatmap_free(&hm);
    assert_int_equal(viz_heatmap_init(&hm, "t", "v", 0, 2, 1, VIZ_MAP_GRAY), ZK_EINVAL);
}

/* A left-to-right ramp drawn in cells: shades grow, the legend names the range. */
static void test_draw_cells(void **state)
{
    (void)state;
    viz_heatmap hm;
    assert_int_equal(viz_heatmap_init(&hm, "ramp", "value", 8, 4, 1, VIZ_MAP_GRAY), ZK_OK);
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 8; x++)
            hm.v[y * 8 + x] = x * 10;
    viz_heatmap_autorange(&hm);
    for (int ascii = 0; ascii < 2; ascii++) {
        viz_canvas c;
        assert_int_equal(viz_canvas_init(&c, 30, 6, ascii), ZK_OK);
        viz_heatmap_draw(&c, 0, 0, 30, 6, &hm);
        char *text = viz_canvas_to_text(&c);
        assert_non_null(strstr(text, "ramp"));
        assert_non_null(strstr(text, "70"));       /* the legend's top */
        assert_non_null(strstr(text, "value"));
        if (ascii) {
            for (const char *p = text; *p; p++)
                assert_true((unsigned char)*p < 0x80);
            assert_non_null(strstr(text, "#"));
        } else {
            char row[256];
            viz_canvas_row_text(&c, 1, row, sizeof row);
            assert_non_null(strstr(row, "█"));
            assert_true(strncmp(row, " ", 1) == 0);   /* the darkest column is blank */
        }
        zk_free(text);
        viz_canvas_free(&c);
    }
    viz_heatmap_free(&hm);
}

static void test_figure_png(void **state)
{
    (void)state;
    viz_heatmap a, b;
    assert_int_equal(viz_heatmap_init(&a, "digit", "pixel", 28, 28, 1, VIZ_MAP_GRAY), ZK_OK);
    assert_int_equal(viz_heatmap_init(&b, "maps", "|e|", 14, 14, 4, VIZ_MAP_HEAT), ZK_OK);
    for (int i = 0; i < 28 * 28; i++)
        a.v[i] = i % 28 < 14 ? 0 : 255;
    a.lo = 0, a.hi = 255;
    for (int i = 0; i < 4 * 14 * 14; i++)
        b.v[i] = 1.0;
    viz_heatmap_autorange(&b);
    viz_chart ch;
    viz_chart_init(&ch, VIZ_CHART_LINE, "line", "x", "y");
    double x[2] = {0, 1}, y[2] = {0, 1};
    assert_int_equal(viz_chart_add_line(&ch, "s", VIZ_CYAN, x, y, 2), ZK_OK);
    char path[] = "/tmp/zkcave-heatmap-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    const viz_chart *charts[1] = {&ch};
    const viz_heatmap *maps[2] = {&a, &b};
    assert_int_equal(viz_figure_png(charts, 1, maps, 2, path), ZK_OK);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    assert_true(png_image_begin_read_from_file(&img, path));
    img.format = PNG_FORMAT_RGB;
    png_bytep rgb = malloc(PNG_IMAGE_SIZE(img));
    assert_true(png_image_finish_read(&img, NULL, rgb, 0, NULL));
    assert_int_equal(img.width, 1120);
    assert_int_equal(img.height, 880);
    /* Pure black and white from the digit, and the flat map's colour. */
    bool black = false, white_in_map = false, flat = false;
    uint32_t want = viz_colormap_rgb(VIZ_MAP_HEAT, viz_heatmap_frac(&b, 1.0));
    for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
        uint32_t c = (uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 | rgb[3 * i + 2];
        size_t px = i % img.width, py = i / img.width;
        black |= c == 0 && py > 420 && px < 560;
        white_in_map |= c == 0xFFFFFF && py > 500 && py < 700 && px > 200 && px < 360;
        flat |= c == want && px > 560 && py > 420;
    }
    assert_true(black && white_in_map && flat);
    free(rgb);
    unlink(path);
    assert_int_equal(viz_figure_png(NULL, 0, NULL, 0, path), ZK_EINVAL);
    viz_chart_free(&ch);
    viz_heatmap_free(&a);
    viz_heatmap_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_colormaps),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_draw_cells),
        cmocka_unit_test(test_figure_png),
    };
    return ZK_RUN_TESTS(tests);
}
