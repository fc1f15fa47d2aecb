/* viz/: UTF-8 and ASCII stand-ins, the canvas, scales and ticks, charts in
 * cells and in pixels, the bitmap font and PNG output (read back through
 * libpng). */
#include "zk_test.h"

#include <dirent.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "viz/bigtext.h"
#include "viz/canvas.h"
#include "viz/chart.h"
#include "viz/font.h"
#include "viz/heatmap.h"
#include "viz/raster.h"
#include "viz/text.h"

static void test_utf8_round_trip(void **state)
{
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 97)) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char buf[5];
        size_t n = viz_utf8_encode(buf, cp), used;
        assert_int_equal(strlen(buf), cp ? n : 0);
        if (cp)
            assert_int_equal(viz_utf8_decode(buf, n, &used), cp);
        if (cp)
            assert_int_equal(used, n);
    }
    size_t used;
    /* Malformed input decodes as U+FFFD one byte at a time. */
    assert_int_equal(viz_utf8_decode("\xC0\x80", 2, &used), 0xFFFD);   /* overlong NUL */
    assert_int_equal(used, 1);
    assert_int_equal(viz_utf8_decode("\xED\xA0\x80", 3, &used), 0xFFFD);   /* surrogate */
    assert_int_equal(viz_utf8_decode("\xE2\x9C", 2, &used), 0xFFFD);   /* truncated ✔ */
    assert_int_equal(used, 1);
    assert_int_equal(viz_utf8_decode("\xF4\x90\x80\x80", 4, &used), 0xFFFD);   /* > U+10FFFF */
    assert_int_equal(viz_utf8_decode("\x80", 1, &used), 0xFFFD);
}

static void test_ascii_fallbacks(void **state)
{
    (void)state;
    static const struct {
        uint32_t cp;
        const char *ascii;
    } cases[] = {
        {'a', "a"},      {0x00A0, " "},   {0x00B2, "^2"},  {0x00D7, "x"},   {0x0393, "Gamma"},
        {0x03A0, "Pi"},  {0x03A3, "Sigma"}, {0x03C4, "tau"}, {0x2014, "--"}, {0x2192, "->"},
        {0x2212, "-"},   {0x2500, "-"},   {0x2502, "|"},   {0x253C, "+"},   {0x2588, "#"},
        {0x25CF, "*"},   {0x25E6, "o"},   {0x2714, "ok"},  {0x2718, "XX"},  {0xFFFD, "?"},
        {0x2801, "."},   {0x1F600, "?"},
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(cases); i++)
        assert_string_equal(viz_ascii_fallback(cases[i].cp), cases[i].ascii);
    assert_int_equal(viz_text_width("✔ ok", strlen("✔ ok"), false), 4);
    assert_int_equal(viz_text_width("✔ ok", strlen("✔ ok"), true), 5);
    assert_int_equal(viz_text_width("x²", strlen("x²"), true), 3);
}

static void test_canvas_text_and_boxes(void **state)
{
    (void)state;
    viz_canvas c;
    assert_int_equal(viz_canvas_init(&c, 12, 4, false), ZK_OK);
    /* Text is clipped at max_w and at the right edge. */
    assert_int_equal(viz_canvas_text(&c, 8, 0, 10, "abcdef", VIZ_PLAIN), 6);
    assert_int_equal(viz_canvas_text(&c, 0, 1, 3, "✔ done", (viz_style){VIZ_GREEN, VIZ_BOLD}), 3);
    assert_string_equal(viz_canvas_at(&c, 0, 1)->glyph, "✔");
    assert_int_equal(viz_canvas_at(&c, 0, 1)->fg, VIZ_GREEN);
    assert_null(viz_canvas_at(&c, 12, 0));
    assert_null(viz_canvas_at(&c, -1, 0));
    viz_canvas_text_fit(&c, 0, 2, 5, "abcdefgh", VIZ_PLAIN);
    char *text = viz_canvas_to_text(&c);
    assert_string_equal(text, "        abcd\n✔ d\nabcd…\n\n");
    zk_free(text);
    /* Control characters (ESC, DEL, C1's CSI U+009B) are drawn as blanks. */
    viz_canvas_text(&c, 0, 3, 12, "a\033[2J\x7f\xc2\x9b" "b\xc2\xa0", VIZ_PLAIN);
    text = viz_canvas_to_text(&c);
    assert_string_equal(text, "        abcd\n✔ d\nabcd…\na [2J  b\xc2\xa0\n");
    zk_free(text);
    /* Growing keeps what is drawn; ASCII canvases store only ASCII. */
    assert_int_equal(viz_canvas_grow(&c, 40), ZK_OK);
    assert_int_equal(c.h, 40);
    assert_string_equal(viz_canvas_at(&c, 0, 1)->glyph, "✔");
    assert_string_equal(viz_canvas_at(&c, 5, 39)->glyph, " ");
    viz_canvas_free(&c);
    assert_int_equal(viz_canvas_init(&c, 10, 3, true), ZK_OK);
    viz_canvas_box(&c, 0, 0, 10, 3, "Hi", VIZ_PLAIN);
    viz_canvas_text(&c, 1, 1, 8, "✔ x²", VIZ_PLAIN);
    text = viz_canvas_to_text(&c);
    assert_string_equal(text, "+ Hi ----+\n|ok x^2  |\n+--------+\n");
    zk_free(text);
    /* Blit clips at both canvases' edges. */
    viz_canvas d;
    assert_int_equal(viz_canvas_init(&d, 4, 2, true), ZK_OK);
    viz_canvas_blit(&d, 2, 1, &c, 0, 0, 10, 3);
    text = viz_canvas_to_text(&d);
    assert_string_equal(text, "\n  +\n");
    zk_free(text);
    viz_canvas_free(&d);
    viz_canvas_free(&c);
}

static void test_nice_ticks(void **state)
{
    (void)state;
    double first, step;
    viz_nice_ticks(0, 1, 6, &first, &step);
    assert_true(fabs(step - 0.2) < 1e-12 && fabs(first) < 1e-12);
    viz_nice_ticks(0, 97, 6, &first, &step);
    assert_true(step == 20 && first == 0);
    viz_nice_ticks(-3.2, 7.9, 8, &first, &step);
    assert_true(step == 2 && first == -2);
    viz_nice_ticks(1e-7, 3e-7, 5, &first, &step);
    assert_true(fabs(step - 5e-8) < 1e-20);
    char buf[32];
    viz_scale s = {0, 1, 0, 0.2, false};
    viz_format_tick(buf, sizeof buf, &s, 0.4);
    assert_string_equal(buf, "0.4");
    viz_format_tick(buf, sizeof buf, &s, -1e-17);
    assert_string_equal(buf, "0.0");
    viz_scale lg = {-3, 0, -3, 1, true};
    viz_format_tick(buf, sizeof buf, &lg, -3);
    assert_string_equal(buf, "0.001");
    viz_format_tick(buf, sizeof buf, &lg, -7);
    assert_string_equal(buf, "1e-7");
    assert_true(fabs(viz_scale_frac(&lg, 0.01) - 1.0 / 3) < 1e-12);
    assert_true(isnan(viz_scale_frac(&lg, 0)));
    assert_true(isnan(viz_scale_frac(&s, NAN)));
}

static void test_histogram_counts(void **state)
{
    (void)state;
    viz_chart ch;
    viz_chart_init(&ch, VIZ_CHART_HIST, "h", "x", "n");
    double samples[60];
    size_t n = 0;
    for (int v = 0; v < 10; v++)
        for (int k = 0; k < v; k++)
            samples[n++] = v;
    samples[n++] = 9.5;    /* hi itself: the last bin */
    samples[n++] = 10.5;   /* outside: not counted */
    samples[n++] = -1;
    assert_int_equal(viz_chart_add_samples(&ch, "s", VIZ_GREEN, samples, n), ZK_EINVAL);
    assert_int_equal(viz_chart_set_bins(&ch, 1, 1, 10), ZK_EINVAL);
    assert_int_equal(viz_chart_set_bins(&ch, -0.5, 9.5, 10), ZK_OK);
    assert_int_equal(viz_chart_add_samples(&ch, "s", VIZ_GREEN, samples, n), ZK_OK);
    viz_plot p;
    assert_int_equal(viz_plot_prepare(&p, &ch), ZK_OK);
    assert_int_equal(p.ngroups, 10);
    for (int v = 0; v < 10; v++)
        assert_true(p.values[v] == (v == 9 ? 10 : v));
    assert_true(p.y.lo == 0 && p.y.hi >= 10);
    viz_plot_free(&p);
    viz_chart_free(&ch);
    /* Series limits and kinds are enforced. */
    viz_chart_init(&ch, VIZ_CHART_BARS, "b", "", "");
    const char *labels[2] = {"a", "b"};
    double v2[2] = {1, 2};
    assert_int_equal(viz_chart_add_bars(&ch, "x", VIZ_RED, v2, 2), ZK_EINVAL);
    assert_int_equal(viz_chart_set_categories(&ch, labels, 2), ZK_OK);
    for (int i = 0; i < VIZ_MAX_SERIES; i++)
        assert_int_equal(viz_chart_add_bars(&ch, "x", VIZ_RED, v2, 2), ZK_OK);
    assert_int_equal(viz_chart_add_bars(&ch, "x", VIZ_RED, v2, 2), ZK_EINVAL);
    assert_int_equal(viz_chart_add_line(&ch, "x", VIZ_RED, v2, v2, 2), ZK_EINVAL);
    viz_chart_free(&ch);
}

/* Finds the row whose y label is `label` (text before the ┤). */
static int label_row(const viz_canvas *c, const char *label)
{
    char row[1024];
    for (int y = 0; y < c->h; y++) {
        viz_canvas_row_text(c, y, row, sizeof row);
        const char *axis = strstr(row, "┤");
        if (!axis)
            continue;
        const char *p = row;
        while (*p == ' ')
            p++;
        if ((size_t)(axis - p) == strlen(label) + 1 && strncmp(p, label, strlen(label)) == 0)
            return y;
    }
    return -1;
}

/* Where lines cross, the first series (the measured one) is on top, in
 * cells and in pixels. */
static void test_first_series_on_top(void **state)
{
    (void)state;
    viz_chart ch;
    viz_chart_init(&ch, VIZ_CHART_LINE, "measured over exact", "k", "p");
    double x[40], y[40];
    for (int i = 0; i < 40; i++)
        x[i] = y[i] = i;
    assert_int_equal(viz_chart_add_line(&ch, "measured", VIZ_YELLOW, x, y, 40), ZK_OK);
    assert_int_equal(viz_chart_add_line(&ch, "exact", VIZ_CYAN, x, y, 40), ZK_OK);
    viz_canvas c;
    assert_int_equal(viz_canvas_init(&c, 60, 16, false), ZK_OK);
    viz_chart_draw(&c, 0, 0, 60, 16, &ch);
    int yellow = 0, cyan = 0;
    for (int j = 2; j < c.h - 2; j++)
        for (int i = 8; i < c.w; i++) {
            const char *g = viz_canvas_at(&c, i, j)->glyph;
            if ((unsigned char)g[0] == 0xE2 && (unsigned char)g[1] == 0xA0) {   /* braille */
                yellow += viz_canvas_at(&c, i, j)->fg == VIZ_YELLOW;
                cyan += viz_canvas_at(&c, i, j)->fg == VIZ_CYAN;
            }
        }
    assert_true(yellow > 10);
    assert_int_equal(cyan, 0);
    viz_canvas_free(&c);
    viz_raster r;
    assert_int_equal(viz_raster_init(&r, 600, 400, 0xffffff), ZK_OK);
    viz_chart_render(&r, 0, 0, 600, 400, &ch);
    long ypix = 0, cpix = 0;
    for (int j = 100; j < 360; j++)
        for (int i = 80; i < 580; i++) {
            ypix += viz_raster_get(&r, i, j) == viz_color_rgb(VIZ_YELLOW);
            cpix += viz_raster_get(&r, i, j) == viz_color_rgb(VIZ_CYAN);
        }
    assert_true(ypix > 200);
    assert_true(cpix < ypix / 20);   /* only where a legend or marker shows it */
    viz_raster_free(&r);
    viz_chart_free(&ch);
}

static void test_line_chart_in_cells(void **state)
{
    (void)state;
    viz_chart ch;
    viz_chart_init(&ch, VIZ_CHART_LINE, "y = x", "x", "y");
    double x[11], y[11];
    for (int i = 0; i <= 10; i++)
        x[i] = y[i] = i;
    assert_int_equal(viz_chart_add_line(&ch, "identity", VIZ_CYAN, x, y, 11), ZK_OK);
    viz_canvas c;
    assert_int_equal(viz_canvas_init(&c, 50, 14, false), ZK_OK);
    viz_chart_draw(&c, 0, 0, 50, 14, &ch);
    char row[1024];
    assert_string_equal(viz_canvas_row_text(&c, 0, row, sizeof row), "y = x");
    assert_non_null(strstr(viz_canvas_row_text(&c, 1, row, sizeof row), "● identity"));
    /* (10, 10) is at the end of the "10" row, (0, 0) right of the axis on "0". */
    int top = label_row(&c, "10"), bottom = label_row(&c, "0");
    assert_true(top >= 2 && bottom > top);
    viz_canvas_row_text(&c, top, row, sizeof row);
    assert_non_null(strstr(row, "●"));
    assert_true(strstr(row, "●") > strstr(row, "┤") + 30);
    viz_canvas_row_text(&c, bottom, row, sizeof row);
    assert_non_null(strstr(row, "┤●"));
    /* The marker carries the series' colour. */
    int mx = -1;
    for (int i = 0; i < c.w; i++)
        if (!strcmp(viz_canvas_at(&c, i, bottom)->glyph, "●"))
            mx = i;
    assert_int_equal(viz_canvas_at(&c, mx, bottom)->fg, VIZ_CYAN);
    /* The x axis is labelled 0 .. 10 under the plot. */
    viz_canvas_row_text(&c, 13, row, sizeof row);
    assert_non_null(strstr(row, "0"));
    assert_non_null(strstr(row, "10"));
    /* In ASCII only ASCII comes out. */
    viz_canvas a;
    assert_int_equal(viz_canvas_init(&a, 50, 14, true), ZK_OK);
    viz_chart_draw(&a, 0, 0, 50, 14, &ch);
    char *text = viz_canvas_to_text(&a);
    for (const char *p = text; *p; p++)
        assert_true((unsigned char)*p < 0x80);
    assert_non_null(strstr(text, "* identity"));
    zk_free(text);
    viz_canvas_free(&a);
    viz_canvas_free(&c);
    viz_chart_free(&ch);
}

static void test_font(void **state)
{
    (void)state;
    const int rows = VIZ_FONT_H + VIZ_FONT_DESCENT;
    /* 'A' is ".###." on top and "#...#" below; ' ' is empty. */
    assert_false(viz_font_pixel('A', 0, 0));
    assert_true(viz_font_pixel('A', 1, 0));
    assert_true(viz_font_pixel('A', 0, 6));
    assert_false(viz_font_pixel('A', 5, 0));
    assert_false(viz_font_pixel('g', 0, rows));
    for (int y = 0; y < rows; y++)
        for (int x = 0; x < VIZ_FONT_W; x++)
            assert_false(viz_font_pixel(' ', x, y));
    /* Every other printable character draws something, and no two alike;
     * exactly g, j, p, q, y and the tails of , and ; reach below the
     * baseline, and g, p, q, y sit on it as the other lower-case letters
     * do (their bowls end on its row). */
    for (int a = 0x21; a < 0x7F; a++) {
        int on = 0, below = 0;
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < VIZ_FONT_W; x++) {
                on += viz_font_pixel((unsigned char)a, x, y);
                below += y >= VIZ_FONT_H && viz_font_pixel((unsigned char)a, x, y);
            }
        assert_true(on > 0);
        if ((below > 0) != (strchr("gjpqy,;", a) != NULL))
            fail_msg("'%c' %s below the baseline", a, below ? "reaches" : "does not reach");
        for (int b = a + 1; b < 0x7F; b++) {
            bool same = true;
            for (int y = 0; y < rows && same; y++)
                for (int x = 0; x < VIZ_FONT_W && same; x++)
                    same = viz_font_pixel((unsigned char)a, x, y) ==
                           viz_font_pixel((unsigned char)b, x, y);
            if (same)
                fail_msg("glyphs '%c' and '%c' look the same", a, b);
        }
    }
    for (const char *c = "gpqy"; *c; c++) {
        bool on_baseline = false;
        for (int x = 0; x < VIZ_FONT_W; x++)
            on_baseline |= viz_font_pixel((unsigned char)*c, x, VIZ_FONT_H - 1);
        assert_true(on_baseline);
    }
}

static bool has_pixel(const png_bytep rgb, int w, int h, uint32_t color)
{
    for (int i = 0; i < w * h; i++)
        if (((uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 | rgb[3 * i + 2]) == color)
            return true;
    return false;
}

/* Nothing a chart or heat map draws leaves its rectangle: rendered into the
 * middle of a raster painted with a sentinel colour, every pixel outside
 * keeps it — with a legend too wide to sit beside the y label (it wraps
 * under it) and a heat map whose tiles fill the height (its colour bar and
 * labels keep their room). */
static bool outside_untouched(const viz_raster *r, int x, int y, int w, int h, uint32_t sentinel)
{
    for (int j = 0; j < r->h; j++)
        for (int i = 0; i < r->w; i++)
            if ((i < x || i >= x + w || j < y || j >= y + h) && viz_raster_get(r, i, j) != sentinel)
                return false;
    return true;
}

static void test_png_stays_in_its_cell(void **state)
{
    (void)state;
    const uint32_t sentinel = 0x123456;
    enum { X = 40, Y = 30, W = 420, H = 300 };
    viz_raster r;
    assert_int_equal(viz_raster_init(&r, W + 2 * X, H + 2 * Y, sentinel), ZK_OK);
    viz_chart ch;
    viz_chart_init(&ch, VIZ_CHART_LINE, "Accuracy by scale", "bits", "accuracy (percent)");
    const double x[3] = {4, 8, 16}, y1[3] = {10, 90, 99}, y2[3] = {98, 99, 99};
    assert_int_equal(viz_chart_add_line(&ch, "quantized, 16-bit weights", VIZ_YELLOW, x, y1, 3), ZK_OK);
    assert_int_equal(viz_chart_add_line(&ch, "float, as trained", VIZ_CYAN, x, y2, 3), ZK_OK);
    assert_int_equal(viz_chart_add_line(&ch, "typing", VIZ_GREEN, x, y2, 3), ZK_OK);
    viz_chart_render(&r, X, Y, W, H, &ch);
    assert_true(outside_untouched(&r, X, Y, W, H, sentinel));
    viz_chart_free(&ch);

    viz_raster_free(&r);
    /* A wide cell, whose height sets the tiles' size: every height in a
     * range, so that some leave the tiles no slack above the colour bar. */
    enum { W2 = 1000, H2 = 420 };
    assert_int_equal(viz_raster_init(&r, W2 + 2 * X, H2 + 2 * Y, sentinel), ZK_OK);
    viz_heatmap hm;
    assert_int_equal(viz_heatmap_init(&hm, "Error, conv1", "absolute error (pqg)", 14, 14, 16,
                                      VIZ_MAP_HEAT),
                     ZK_OK);
    viz_heatmap_autorange(&hm);
    for (int h = 260; h <= H2; h += 3) {
        viz_raster_rect(&r, 0, 0, r.w, r.h, sentinel);
        viz_heatmap_render(&r, X, Y, W2, h, &hm);
        if (!outside_untouched(&r, X, Y, W2, h, sentinel))
            fail_msg("the heat map drew outside its %d x %d cell", W2, h);
    }
    viz_heatmap_free(&hm);
    viz_raster_free(&r);
}

static void test_png_export(void **state)
{
    (void)state;
    char dir[] = "/tmp/zkcave-viz-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/chart.png", dir);
    viz_chart line, hist;
    viz_chart_init(&line, VIZ_CHART_LINE, "Title", "x", "y");
    double x[3] = {0, 1, 2}, y[3] = {1, 0.5, 0.25};
    assert_int_equal(viz_chart_add_line(&line, "halves", VIZ_RED, x, y, 3), ZK_OK);
    viz_chart_init(&hist, VIZ_CHART_HIST, "Counts", "v", "n");
    assert_int_equal(viz_chart_set_bins(&hist, 0, 4, 4), ZK_OK);
    double s[5] = {0.5, 1.5, 1.5, 2.5, 3.9};
    assert_int_equal(viz_chart_add_samples(&hist, "s", VIZ_BLUE, s, 5), ZK_OK);
    const viz_chart *both[2] = {&line, &hist};
    assert_int_equal(viz_charts_png(both, 2, path), ZK_OK);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    assert_true(png_image_begin_read_from_file(&img, path));
    img.format = PNG_FORMAT_RGB;
    assert_int_equal(img.width, 2 * 760);
    assert_int_equal(img.height, 460);
    png_bytep rgb = malloc(PNG_IMAGE_SIZE(img));
    assert_true(png_image_finish_read(&img, NULL, rgb, 0, NULL));
    assert_true(has_pixel(rgb, (int)img.width, (int)img.height, viz_color_rgb(VIZ_RED)));
    assert_true(has_pixel(rgb, (int)img.width, (int)img.height, viz_color_rgb(VIZ_BLUE)));
    assert_int_equal(rgb[0], 0xFF);   /* white background in the corner */
    free(rgb);
    /* Nothing but the PNG is left in the directory. */
    DIR *d = opendir(dir);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d)))
        files += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(files, 1);
    /* An unwritable place is an error, not a crash. */
    snprintf(path, sizeof path, "%s/chart.png/inside.png", dir);
    assert_int_equal(viz_charts_png(both, 2, path), ZK_EIO);
    assert_int_equal(viz_charts_png(both, 0, path), ZK_EINVAL);
    snprintf(path, sizeof path, "%s/chart.png", dir);
    unlink(path);
    rmdir(dir);
    viz_chart_free(&line);
    viz_chart_free(&hist);
}

static void test_raster_primitives(void **state)
{
    (void)state;
    viz_raster r;
    assert_int_equal(viz_raster_init(&r, 0, 10, 0), ZK_EINVAL);
    assert_int_equal(viz_raster_init(&r, 20, 10, 0xFFFFFF), ZK_OK);
    viz_raster_line(&r, 0, 0, 19, 9, 1, 0x112233);
    assert_int_equal(viz_raster_get(&r, 0, 0), 0x112233);
    assert_int_equal(viz_raster_get(&r, 19, 9), 0x112233);
    assert_int_equal(viz_raster_get(&r, 19, 0), 0xFFFFFF);
    viz_raster_rect(&r, -5, -5, 100, 6, 0x445566);   /* clipped, no crash */
    assert_int_equal(viz_raster_get(&r, 10, 0), 0x445566);
    assert_int_equal(viz_raster_get(&r, 100, 100), 0);
    /* Text width: 6 pixels a character at scale 1, minus the last gap. */
    assert_int_equal(viz_raster_text_width("ab", 1), 11);
    assert_int_equal(viz_raster_text_width("✔", 2), 2 * 12 - 2);   /* "ok" */
    viz_raster_free(&r);
}

/* Large type against the font it is drawn from: every printable ASCII
 * character, every pixel, two pixel rows a cell. */
static void test_big_text(void **state)
{
    (void)state;
    viz_canvas c;
    char text[2] = {0};
    assert_int_equal(viz_canvas_init(&c, VIZ_BIG_ADVANCE, VIZ_BIG_ROWS, false), ZK_OK);
    for (int ch = 0x20; ch <= 0x7E; ch++) {
        text[0] = (char)ch;
        viz_canvas_clear(&c);
        assert_int_equal(viz_big_text(&c, 0, 0, VIZ_BIG_ADVANCE, text, VIZ_PLAIN), VIZ_FONT_W);
        for (int row = 0; row < VIZ_BIG_ROWS; row++)
            for (int x = 0; x < VIZ_BIG_ADVANCE; x++) {
                bool top = x < VIZ_FONT_W && viz_font_pixel((unsigned char)ch, x, 2 * row);
                bool bottom = x < VIZ_FONT_W && 2 * row + 1 < VIZ_FONT_H &&
                              viz_font_pixel((unsigned char)ch, x, 2 * row + 1);
                const char *want = top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ";
                assert_string_equal(viz_canvas_at(&c, x, row)->glyph, want);
            }
    }
    viz_canvas_free(&c);
    assert_int_equal(viz_big_width("2.4"), 3 * VIZ_BIG_ADVANCE - 1);
    assert_int_equal(viz_big_width(""), 0);
    assert_int_equal(viz_big_width("2²"), -1);
    /* Too wide, or not ASCII: nothing drawn. */
    assert_int_equal(viz_canvas_init(&c, 40, VIZ_BIG_ROWS, false), ZK_OK);
    assert_int_equal(viz_big_text(&c, 0, 0, 16, "123", VIZ_PLAIN), -1);
    assert_int_equal(viz_big_text(&c, 0, 0, 40, "x·y", VIZ_PLAIN), -1);
    char *t = viz_canvas_to_text(&c);
    assert_string_equal(t, "\n\n\n\n");
    zk_free(t);
    viz_canvas_free(&c);
}

/* A line chart for a projector draws in half blocks, never Braille; the
 * ordinary one in Braille. */
static void test_chart_blocks(void **state)
{
    (void)state;
    viz_chart ch;
    viz_chart_init(&ch, VIZ_CHART_LINE, "t", "x", "y");
    double x[50], y[50];
    for (int i = 0; i < 50; i++)
        x[i] = i, y[i] = (i * 7) % 13;
    assert_int_equal(viz_chart_add_line(&ch, "a", VIZ_RED, x, y, 50), ZK_OK);
    for (int blocks = 0; blocks < 2; blocks++) {
        viz_canvas c;
        assert_int_equal(viz_canvas_init(&c, 60, 14, false), ZK_OK);
        (blocks ? viz_chart_draw_blocks : viz_chart_draw)(&c, 0, 0, 60, 14, &ch);
        int braille = 0, halves = 0;
        for (int r = 0; r < c.h; r++)
            for (int k = 0; k < c.w; k++) {
                const char *g = viz_canvas_at(&c, k, r)->glyph;
                size_t used;
                uint32_t cp = viz_utf8_decode(g, strlen(g), &used);
                braille += cp >= 0x2801 && cp <= 0x28FF;
                halves += cp == 0x2580 || cp == 0x2584 || cp == 0x2588;
            }
        assert_true(blocks ? halves > 50 && !braille : braille > 50 && !halves);
        viz_canvas_free(&c);
    }
    viz_chart_free(&ch);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_round_trip),
        cmocka_unit_test(test_big_text),
        cmocka_unit_test(test_chart_blocks),
        cmocka_unit_test(test_ascii_fallbacks),
        cmocka_unit_test(test_canvas_text_and_boxes),
        cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_histogram_counts),
        cmocka_unit_test(test_line_chart_in_cells),
        cmocka_unit_test(test_first_series_on_top),
        cmocka_unit_test(test_font),
        cmocka_unit_test(test_png_stays_in_its_cell),
        cmocka_unit_test(test_png_export),
        cmocka_unit_test(test_raster_primitives),
    };
    return ZK_RUN_TESTS(tests);
}
