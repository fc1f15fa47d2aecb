/* src/tui: the workbench without a terminal. Screens are rendered onto the
 * in-memory canvas and read as text: the map and a lesson at 80×24 and
 * 200×60, the too-small message and the recovery, typing answers (three
 * tries, then the answer), the quit question, help, inputs, PNG export,
 * jobs with progress and cancellation, ASCII mode, and progress that
 * survives a restart. Uses tests/fixtures/lessons and a temporary state
 * directory, never the user's. */
#include "zk_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/json.h"
#include "lesson/digit_pad.h"
#include "lesson/doc.h"
#include "lesson/zkml_views.h"
#include "tui/tui.h"

static const char *const fixtures = "tests/fixtures/lessons";
static char state_dir[64];
static char progress_path[128];

static int setup(void **state)
{
    (void)state;
    snprintf(state_dir, sizeof state_dir, "/tmp/zkcave-tui-XXXXXX");
    assert_non_null(mkdtemp(state_dir));
    snprintf(progress_path, sizeof progress_path, "%s/progress.json", state_dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(state_dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[400];
        snprintf(path, sizeof path, "%s/%s", state_dir, e->d_name);
        if (e->d_name[0] != '.')
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(state_dir);
    return 0;
}

static tui_app *open_app_in(const char *lessons, int lesson, int cols, int rows, int ascii)
{
    tui_options o;
    tui_options_default(&o);
    o.headless = true;
    o.cols = cols;
    o.rows = rows;
    o.lesson = lesson;
    o.lessons_dir = lessons;
    o.progress_path = progress_path;
    o.exports_dir = state_dir;
    o.ascii = ascii;
    tui_app *app;
    char why[256];
    if (tui_app_open(&app, &o, why, sizeof why) != ZK_OK)
        fail_msg("cannot open the app: %s", why);
    return app;
}

static tui_app *open_app(int lesson, int cols, int rows, int ascii)
{
    return open_app_in(fixtures, lesson, cols, rows, ascii);
}

static void keys(tui_app *app, const char *script)
{
    tui_input in[256];
    size_t n;
    char why[128];
    assert_int_equal(tui_keys_parse(script, in, 256, &n, why, sizeof why), ZK_OK);
    for (size_t i = 0; i < n; i++) {
        tui_app_input(app, &in[i]);
        tui_app_settle(app);
    }
}

/* The screen as text; the caller frees it. */
static char *screen(tui_app *app)
{
    char *text = viz_canvas_to_text(tui_app_render(app));
    assert_non_null(text);
    return text;
}

static void expect(tui_app *app, const char *what)
{
    char *text = screen(app);
    if (!strstr(text, what))
        fail_msg("the screen lacks '%s':\n%s", what, text);
    zk_free(text);
}

static void expect_not(tui_app *app, const char *what)
{
    char *text = screen(app);
    if (strstr(text, what))
        fail_msg("the screen shows '%s':\n%s", what, text);
    zk_free(text);
}

/* The column where needle starts in a row of text (code points, not bytes). */
static int column_of(const char *row_text, const char *needle)
{
    const char *at = strstr(row_text, needle);
    assert_non_null(at);
    int col = 0;
    for (const char *p = row_text; p < at; p++)
        col += ((unsigned char)*p & 0xC0) != 0x80;
    return col;
}

static char *row(tui_app *app, int y)
{
    static char buf[4096];
    return viz_canvas_row_text(tui_app_render(app), y, buf, sizeof buf);
}

static void test_key_scripts(void **state)
{
    (void)state;
    tui_input in[16];
    size_t n;
    char why[128];
    assert_int_equal(tui_keys_parse("n Enter 'ab resize:80x24 BTab Space", in, 16, &n, why,
                                    sizeof why), ZK_OK);
    assert_int_equal(n, 7);
    assert_int_equal(in[0].key, 'n');
    assert_int_equal(in[1].key, TK_ENTER);
    assert_int_equal(in[2].key, 'a');
    assert_int_equal(in[3].key, 'b');
    assert_int_equal(in[4].key, TK_RESIZE);
    assert_int_equal(in[4].cols, 80);
    assert_int_equal(in[4].rows, 24);
    assert_int_equal(in[5].key, TK_BTAB);
    assert_int_equal(in[6].key, ' ');
    assert_int_equal(tui_keys_parse("print p", in, 16, &n, why, sizeof why), ZK_OK);
    assert_int_equal(n, 2);
    assert_int_equal(in[0].key, TK_PRINT);
    assert_int_equal(in[1].key, 'p');
    assert_int_equal(tui_keys_parse("n Foo", in, 16, &n, why, sizeof why), ZK_EPARSE);
    assert_non_null(strstr(why, "unknown key 'Foo'"));
    assert_int_equal(tui_keys_parse("resize:0x5", in, 16, &n, why, sizeof why), ZK_EPARSE);
    assert_int_equal(tui_keys_parse("'abcdef", in, 3, &n, why, sizeof why), ZK_EOVERFLOW);
    assert_int_equal(tui_keys_parse("", in, 16, &n, why, sizeof why), ZK_OK);
    assert_int_equal(n, 0);
}

static void test_word_wrap(void **state)
{
    (void)state;
    viz_canvas c;
    assert_int_equal(viz_canvas_init(&c, 20, 6, false), ZK_OK);
    const char *text = "hello world foo\n  kept indent\nabcdefghijklmnopqrstuvwxyz";
    int rows = tui_draw_wrapped(&c, 0, 0, 11, text, VIZ_PLAIN);
    assert_int_equal(rows, tui_draw_wrapped(NULL, 0, 0, 11, text, VIZ_PLAIN));
    char *out = viz_canvas_to_text(&c);
    assert_string_equal(out, "hello world\nfoo\n  kept\nindent\nabcdefghijk\nlmnopqrstuv\n");
    zk_free(out);
    assert_int_equal(rows, 7);
    viz_canvas_free(&c);
}

static const char md[] =
    "# M\n\n## S\n\n"
    "Some *emphasised* words and `code` wrapped to forty columns of text here.\n\n"
    "- first\n  1. inner\n\n"
    "> quoted line\n\n"
    "| n | n² |\n|--:|---:|\n| 2 | 4 |\n| 10 | 100 |\n\n"
    "```\nint main(void);\n```\n";

static char *render_md(bool ascii, viz_canvas *page)
{
    lesson_doc d;
    assert_int_equal(lesson_doc_parse(&d, md, strlen(md), "01-m", NULL, 0), ZK_OK);
    assert_int_equal(viz_canvas_init(page, 40, 0, ascii), ZK_OK);
    int y = 0;
    const lesson_step *s = &d.steps[0];
    for (size_t i = 0; i < s->nblocks; i++)
        y = tui_md_block(page, y, 40, &s->blocks[i]);
    lesson_doc_free(&d);
    return viz_canvas_to_text(page);
}

static void test_markdown_renderer(void **state)
{
    (void)state;
    viz_canvas page;
    char *text = render_md(false, &page);
    assert_string_equal(text,
                        "Some emphasised words and code wrapped\n"
                        "to forty columns of text here.\n"
                        "• first\n"
                        "  1. inner\n"
                        "│ quoted line\n"
                        " n │  n²\n"
                        "───┼────\n"
                        " 2 │   4\n"
                        "10 │ 100\n"
                        "│ int main(void);\n");
    /* Styles: emphasis is italic, code is the code colour, headers bold. */
    assert_true(viz_canvas_at(&page, 5, 0)->attr & VIZ_ITALIC);
    assert_int_equal(viz_canvas_at(&page, 26, 0)->fg, tui_style(TR_CODE).fg);
    assert_false(viz_canvas_at(&page, 0, 0)->attr & VIZ_ITALIC);
    assert_true(viz_canvas_at(&page, 1, 5)->attr & VIZ_BOLD);
    zk_free(text);
    viz_canvas_free(&page);
    text = render_md(true, &page);
    assert_non_null(strstr(text, "* first\n"));
    assert_non_null(strstr(text, " n | n^2\n---+----\n"));
    assert_non_null(strstr(text, "| quoted line\n"));
    zk_free(text);
    viz_canvas_free(&page);
}

/* Whatever a lesson file holds, laying it out never crashes or writes out
 * of bounds (ASan watches). */
static void test_markdown_renderer_fuzz(void **state)
{
    (void)state;
    static const char alphabet[] = "# \n\n`*_[]()>|-:=1.\"action exercise prompt: answer: ab"
                                   "\xe2\x9c\x94\xc2\xb2";
    zk_rng rng;
    zk_test_rng(&rng, "md fuzz");
    char text[600];
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)zk_random_below(&rng, sizeof text);
        for (size_t i = 0; i < n; i++)
            text[i] = alphabet[zk_random_below(&rng, sizeof alphabet - 1)];
        lesson_doc d;
        if (lesson_doc_parse(&d, text, n, "01-fuzz", NULL, 0) != ZK_OK)
            continue;
        viz_canvas page;
        assert_int_equal(viz_canvas_init(&page, 1 + (int)zk_random_below(&rng, 60), 0,
                                         round % 2), ZK_OK);
        for (size_t s = 0; s < d.nsteps; s++) {
            int y = 0;
            for (size_t b = 0; b < d.steps[s].nblocks; b++)
                y = tui_md_block(&page, y, page.w, &d.steps[s].blocks[b]);
        }
        viz_canvas_free(&page);
        lesson_doc_free(&d);
    }
}

/* A lesson file with front matter only and one line of text. */
static void write_lesson(const char *dir, const char *name, const char *title, const char *part)
{
    char path[256], text[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(text, sizeof text, "---\ntitle: %s\npart: %s\nsummary: About %s.\n---\n# %s\n\n"
             "Text.\n", title, part, title, title);
    assert_int_equal(zk_file_write_atomic(path, text, strlen(text)), ZK_OK);
}

/* The map is laid out from the lessons' front matter: the fixture, lesson
 * 05 opening part 2 and 14 opening part 3, the numbers between unwritten. */
static void test_home_layout(void **state)
{
    (void)state;
    char *demo, path[256];
    size_t len;
    assert_int_equal(zk_file_read("tests/fixtures/lessons/01-demo.md", 1 << 20, &demo, &len),
                     ZK_OK);
    snprintf(path, sizeof path, "%s/01-demo.md", state_dir);
    assert_int_equal(zk_file_write_atomic(path, demo, len), ZK_OK);
    zk_free(demo);
    write_lesson(state_dir, "05-circuits.md", "Arithmetic circuits", "2 Proving computation");
    write_lesson(state_dir, "14-fields.md", "Floats vs fields", "3 ZK meets AI");
    static const int sizes[][2] = {{80, 24}, {200, 60}};
    for (size_t k = 0; k < 2; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        tui_app *app = open_app_in(state_dir, 0, w, h, 0);
        const viz_canvas *c = tui_app_render(app);
        assert_int_equal(c->w, w);
        assert_int_equal(c->h, h);
        assert_non_null(strstr(row(app, 0), "zkcave — zero knowledge, by running it"));
        /* Progress counts the lessons there (three of fourteen). */
        assert_non_null(strstr(row(app, 0), "0/3, 11 unwritten"));
        /* At 80 columns the part headings drop "PART" to fit. */
        assert_non_null(strstr(row(app, 3), w > 80 ? "PART 1  FOUNDATIONS" : "1  FOUNDATIONS"));
        assert_non_null(strstr(row(app, 3), w > 80 ? "PART 2  PROVING COMPUTATION"
                                                   : "2  PROVING COMPUTATION"));
        assert_non_null(strstr(row(app, 3), "3  ZK MEETS AI"));
        /* All fourteen lessons are on the map, each in its part's column. */
        char *text = screen(app);
        for (int n = 1; n <= 14; n++) {
            char num[16];
            snprintf(num, sizeof num, "%02d ", n);
            assert_non_null(strstr(text, num));
        }
        zk_free(text);
        const char *r4 = row(app, 4);
        assert_true(strstr(r4, "05 ") - r4 > strstr(r4, "01 ") - r4);
        assert_true(strstr(r4, "14 ") - r4 > strstr(r4, "05 ") - r4);
        expect(app, "Continue");
        expect(app, "Start with 01 The demo lesson");
        assert_non_null(strstr(row(app, h - 1), "Enter open"));
        assert_non_null(strstr(row(app, h - 1), "q quit"));
        assert_non_null(strstr(row(app, h - 2), "────"));
        /* The selected lesson is shown in reverse video. */
        int x = column_of(row(app, 4), "01 ");
        assert_true(viz_canvas_at(tui_app_render(app), x, 4)->attr & VIZ_REVERSE);
        assert_true(viz_canvas_at(tui_app_render(app), x + 5, 4)->attr & VIZ_REVERSE);
        /* The description is the front matter's summary. */
        keys(app, "Right");
        expect(app, "05 Arithmetic circuits — About Arithmetic circuits.");
        /* Lessons without a file say they are not written, promising no date. */
        keys(app, "Down");
        expect(app, "06 (no file)");
        expect(app, "06 — not written yet");
        keys(app, "Enter");
        expect(app, "Lesson 06 is not written yet.");
        tui_app_close(app);
    }
}

static void test_too_small_then_back(void **state)
{
    (void)state;
    tui_app *app = open_app(1, 100, 30, 0);
    keys(app, "n n n '4");   /* exercises, typing "4" */
    char *before = screen(app);
    keys(app, "resize:60x15");
    expect(app, "zkcave needs at least 80x24; this terminal is 60x15.");
    keys(app, "n p x");      /* ignored while too small */
    keys(app, "resize:100x30");
    char *after = screen(app);
    assert_string_equal(before, after);
    zk_free(before);
    zk_free(after);
    keys(app, "resize:79x30");
    expect(app, "needs at least 80x24");
    keys(app, "q");
    assert_true(tui_app_done(app));
    tui_app_close(app);
}

static void test_lesson_layout_and_steps(void **state)
{
    (void)state;
    tui_app *app = open_app(1, 80, 24, 0);
    assert_non_null(strstr(row(app, 0), "01 The demo lesson ─ step 1/5"));
    assert_non_null(strstr(row(app, 0), "exercises 0/2"));
    assert_non_null(strstr(row(app, 21), "▶ n: next step — Text"));
    assert_non_null(strstr(row(app, 23), "n next"));
    assert_non_null(strstr(row(app, 23), "q quit"));
    keys(app, "p");
    expect(app, "This is the first step.");
    keys(app, "n");
    assert_non_null(strstr(row(app, 0), "step 2/5: Text"));
    expect(app, "• a bullet");
    keys(app, "n");
    expect(app, "Squares, computed now");
    expect(app, "✔ n² = 36");
    /* Longer than the view: scrolling shows the rest and the rule says so. */
    assert_non_null(strstr(row(app, 22), "↓ more"));
    keys(app, "End");
    expect(app, "✔ 2 + 3 = 5");
    keys(app, "Left");
    assert_non_null(strstr(row(app, 0), "step 2/5"));
    keys(app, "Esc");
    expect(app, "1  FOUNDATIONS");
    expect(app, "01 The demo lesson — step 2 of 5: \"Text\"");
    keys(app, "Space");
    assert_non_null(strstr(row(app, 0), "step 2/5"));
    tui_app_close(app);
    /* At 200×60 the page is centred and at most 100 columns wide. */
    unlink(progress_path);
    app = open_app(1, 200, 60, 0);
    keys(app, "n n");
    const char *r = row(app, 0);
    assert_non_null(strstr(r, "step 3/5"));
    char *text = screen(app);
    const char *box = strstr(text, "┌ Squares");
    assert_non_null(box);
    const char *line_start = box;
    while (line_start > text && line_start[-1] != '\n')
        line_start--;
    assert_int_equal(box - line_start, 50);   /* (200 − 100) / 2 */
    zk_free(text);
    tui_app_close(app);
}

static void test_exercise_flow_and_restart(void **state)
{
    (void)state;
    tui_app *app = open_app(1, 80, 24, 0);
    keys(app, "n n n");
    expect(app, "exercise 1 of 2");
    expect(app, "▶ Exercise 1: type your answer, Enter checks it; Esc leaves the field.");
    keys(app, "'4 Enter");
    expect(app, "✘ Not quite. 2 tries before the answer is shown.");
    keys(app, "h");   /* in the field h is a letter: the hint needs Esc first */
    expect(app, "> h ");
    expect_not(app, "hint 1:");
    keys(app, "Esc");
    expect(app, "▶ Exercise 1: Enter goes back to its answer field.");
    expect(app, "h hint (2 left)");
    keys(app, "h");
    expect(app, "hint 1: Count on your fingers.");
    keys(app, "'6 Enter '7 Enter");
    expect(app, "● answer: 5");
    expect_not(app, "2 more wrong");
    keys(app, "'five Enter");
    expect(app, "exercise 1 of 2 ✔");
    expect(app, "exercises 1/2");
    /* Focus moves on to the next open exercise; its checker explains. */
    expect(app, "▶ Exercise 2: type your answer, Enter checks it; Esc leaves the field.");
    keys(app, "'20 Enter");
    expect(app, "that is a × b");
    tui_app_close(app);
    /* The progress file has it, and a new session shows it. */
    char *text;
    size_t len;
    assert_int_equal(zk_file_read(progress_path, 1 << 16, &text, &len), ZK_OK);
    assert_non_null(strstr(text, "\"01-demo\""));
    assert_non_null(strstr(text, "\"solved\":\t[\"1\"]"));
    zk_free(text);
    app = open_app(0, 80, 24, 0);
    expect(app, "01 The demo lesson — step 4 of 5: \"Exercises\"");
    keys(app, "Space");
    keys(app, "PgDn");   /* exercise 2 has the field: PgDn scrolls, Space would type */
    expect(app, "> 5 ✔ solved");
    keys(app, "'9 Enter");
    expect(app, "exercises 2/2");
    keys(app, "n");
    expect(app, "✔ Lesson complete. Esc goes back to the map.");
    keys(app, "Esc");
    expect(app, "progress ██████████████ 1/1");
    expect(app, "Every lesson is done.");
    /* Done lessons carry a green ✔ on the map. */
    int x = column_of(row(app, 4), "✔");
    assert_int_equal(viz_canvas_at(tui_app_render(app), x, 4)->fg, VIZ_GREEN);
    tui_app_close(app);
}

static void test_quit_asks_only_while_typing(void **state)
{
    (void)state;
    tui_app *app = open_app(1, 80, 24, 0);
    keys(app, "n n n '4");
    keys(app, "q");   /* in the field q is a letter */
    assert_false(tui_app_done(app));
    expect_not(app, "Quit zkcave?");
    expect(app, "> 4q");
    keys(app, "BSpace Esc q");   /* out of it, q asks about the unchecked answer */
    assert_false(tui_app_done(app));
    expect(app, "Quit zkcave?");
    expect(app, "The answer you are typing has not been checked.");
    keys(app, "n");
    expect_not(app, "Quit zkcave?");
    expect(app, "> 4");
    keys(app, "q y");
    assert_true(tui_app_done(app));
    tui_app_close(app);
    /* It resumes in the field; with nothing typed, Esc q quits at once. */
    app = open_app(1, 80, 24, 0);
    keys(app, "Esc q");
    assert_true(tui_app_done(app));
    tui_app_close(app);
}

static void test_help_overlay(void **state)
{
    (void)state;
    tui_app *app = open_app(0, 80, 24, 0);
    keys(app, "?");
    expect(app, "┌ Keys");
    expect(app, "continue where you left off");
    expect(app, "after 3 wrong tries the answer is shown");
    keys(app, "j");   /* any key closes it, and does nothing else */
    expect_not(app, "┌ Keys");
    tui_app_close(app);
}

/* The PNG files directly in dir. */
static int pngs_in(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        n += len > 4 && strcmp(e->d_name + len - 4, ".png") == 0;
    }
    closedir(d);
    return n;
}

static void test_inputs_and_export(void **state)
{
    (void)state;
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char lessons[600];
    snprintf(lessons, sizeof lessons, "%s/%s", cwd, fixtures);
    tui_options o;
    tui_options_default(&o);
    o.headless = true;
    o.lessons_dir = lessons;
    o.progress_path = progress_path;
    o.lesson = 1;
    o.ascii = 0;
    char exports[128];   /* made by the export, parents and all */
    snprintf(exports, sizeof exports, "%s/out/png", state_dir);
    o.exports_dir = exports;
    tui_app *app;
    char why[128];
    assert_int_equal(tui_app_open(&app, &o, why, sizeof why), ZK_OK);
    keys(app, "n n Tab");
    expect(app, "b = [ 3 ]");
    keys(app, "7 Enter");
    expect(app, "✔ 2 + 7 = 9");
    /* Exports went to the working directory under fixed names, replacing
     * the last: now each takes a new name in the exports directory, and a
     * file already there (the user's, or an earlier export) stays. */
    char png[256], line[300];
    assert_int_equal(zk_mkdir_p(exports, 0700), ZK_OK);
    snprintf(png, sizeof png, "%s/zkcave-01-demo-demo-square.png", exports);
    assert_int_equal(zk_file_write_atomic(png, "mine", 4), ZK_OK);
    assert_int_equal(chdir(state_dir), 0);
    keys(app, "Tab e");
    assert_int_equal(pngs_in("."), 0);   /* nothing where the app runs */
    assert_int_equal(chdir(cwd), 0);
    snprintf(line, sizeof line, "✔ saved %s/zkcave-01-demo-demo-square-2.png", exports);
    expect(app, line);
    keys(app, "e");
    snprintf(line, sizeof line, "✔ saved %s/zkcave-01-demo-demo-square-3.png", exports);
    expect(app, line);
    char *kept;
    size_t len;
    assert_int_equal(zk_file_read(png, 100, &kept, &len), ZK_OK);
    assert_string_equal(kept, "mine");
    zk_free(kept);
    struct stat st;
    for (int i = 2; i <= 3; i++) {
        snprintf(png, sizeof png, "%s/zkcave-01-demo-demo-square-%d.png", exports, i);
        assert_int_equal(stat(png, &st), 0);
        assert_true(st.st_size > 1000);
        unlink(png);
    }
    snprintf(png, sizeof png, "%s/zkcave-01-demo-demo-square.png", exports);
    unlink(png);
    /* A directory that cannot be made: one line, and no file left. */
    snprintf(png, sizeof png, "%s/file", state_dir);
    assert_int_equal(zk_file_write_atomic(png, "x", 1), ZK_OK);
    snprintf(line, sizeof line, "%s/file/sub", state_dir);
    app->opt.exports_dir = line;
    keys(app, "e");
    expect(app, "✘ cannot export to");
    expect(app, "Not a directory");
    unlink(png);
    keys(app, "n");
    keys(app, "Esc e");   /* step 4 opens in an exercise's field */
    expect(app, "No chart on this step to export.");
    rmdir(exports);
    snprintf(png, sizeof png, "%s/out", state_dir);
    rmdir(png);
    tui_app_close(app);
}

/* Where exports go without --exports: the XDG data directory, never a
 * relative one (the specification says to ignore those). */
static void test_export_dir(void **state)
{
    (void)state;
    char *saved[2];
    const char *names[2] = {"XDG_DATA_HOME", "HOME"};
    for (int i = 0; i < 2; i++)
        saved[i] = getenv(names[i]) ? zk_strdup(getenv(names[i])) : NULL;
    char dir[256];
    setenv("HOME", "/home/student", 1);
    setenv("XDG_DATA_HOME", "/data", 1);
    assert_int_equal(tui_export_dir(dir, sizeof dir, NULL), ZK_OK);
    assert_string_equal(dir, "/data/zkcave/exports");
    assert_int_equal(tui_export_dir(dir, sizeof dir, "here"), ZK_OK);
    assert_string_equal(dir, "here");
    setenv("XDG_DATA_HOME", "relative", 1);
    assert_int_equal(tui_export_dir(dir, sizeof dir, NULL), ZK_OK);
    assert_string_equal(dir, "/home/student/.local/share/zkcave/exports");
    unsetenv("XDG_DATA_HOME");
    assert_int_equal(tui_export_dir(dir, sizeof dir, NULL), ZK_OK);
    assert_string_equal(dir, "/home/student/.local/share/zkcave/exports");
    unsetenv("HOME");
    assert_int_equal(tui_export_dir(dir, sizeof dir, NULL), ZK_EINVAL);
    for (int i = 0; i < 2; i++) {
        if (saved[i])
            setenv(names[i], saved[i], 1);
        zk_free(saved[i]);
    }
}

/* The total of a circuit as zkml_count gives it, with digit groups. */
static void counted(char *out, size_t len, zkml_visibility v, bool pool_first)
{
    lesson_zkml z;
    char why[300];
    if (lesson_zkml_open(&z, why, sizeof why) != ZK_OK)
        fail_msg("the shipped model: %s", why);
    lesson_zkml_config cfg;
    lesson_zkml_config_default(&cfg, &z);
    cfg.params = v;
    cfg.pool_first = pool_first;
    zkml_counts k;
    assert_int_equal(lesson_zkml_count(&k, NULL, &z, &cfg, why, sizeof why), ZK_OK);
    char n[32];
    snprintf(out, len, "total %s · 2^%u domain", lesson_zkml_commas(n, sizeof n,
                                                                    k.total.constraints),
             k.log_domain);
    lesson_zkml_close(&z);
}

/* The `v` tool: the counts on screen are zkml_count's, for the mode and
 * the pool order chosen; nothing is cut at 80×24; e writes the charts. */
static void test_counts_tool(void **state)
{
    (void)state;
    char want[96];
    tui_app *app = open_app(0, 80, 24, 0);
    keys(app, "v");
    counted(want, sizeof want, ZKML_HASHED, true);
    expect(app, want);
    expect(app, "weights [hashed]");
    expect(app, "▾ conv1");
    expect_not(app, "…");
    keys(app, "Right");
    counted(want, sizeof want, ZKML_FIXED, true);
    expect(app, want);
    expect(app, "weights  hashed [fixed]");
    keys(app, "o");
    counted(want, sizeof want, ZKML_FIXED, false);
    expect(app, want);
    expect(app, "max-pool last ✘");
    expect_not(app, "…");
    keys(app, "o Left Down");
    expect(app, "▾ conv2");
    keys(app, "Tab");
    expect(app, "Constraints per row, each visibility");
    expect(app, "Max-pool first or last, weights hashed");
    keys(app, "e");
    char png[256], line[300];
    snprintf(png, sizeof png, "%s/zkcave-constraints.png", state_dir);
    snprintf(line, sizeof line, "✔ saved %s", png);
    expect(app, line);
    struct stat st;
    assert_int_equal(stat(png, &st), 0);
    assert_true(st.st_size > 1000);
    keys(app, "?");
    expect(app, "table, charts, scale");
    expect(app, "pool first or last");
    expect(app, "time a proof here");
    expect_not(app, "…");
    keys(app, "j Esc");
    expect(app, "FOUNDATIONS");
    tui_app_close(app);
}

/* The scale page times a real proof and extrapolates with it. */
static void test_counts_scale(void **state)
{
    (void)state;
    tui_app *app = open_app(0, 80, 24, 0);
    keys(app, "v Tab Tab");
    expect(app, "constraints/s (");
    expect(app, "Groth16, timed now: fc2 alone, 11,482 constraints (2^14)");
    expect(app, "ResNet-18   image");
    expect(app, "GPT-2 1.5B  token");
    expect_not(app, "…");
    tui_app_close(app);
}

/* Rows y0..y1 of the screen inside the pad's frame (columns 2..29). */
static bool pad_has_ink(tui_app *app)
{
    for (int y = 3; y < 3 + 14; y++) {
        const char *r = row(app, y);
        /* the pad is the first box: look between its two side bars */
        const char *l = strstr(r, "│");
        const char *e = l ? strstr(l + 3, "│") : NULL;
        for (const char *c = l; c && c < e; c++)
            if (!strncmp(c, "█", 3) || !strncmp(c, "▀", 3) || !strncmp(c, "▄", 3))
                return true;
    }
    return false;
}

/* The drawing pad: arrows and Space draw, the prediction follows, c
 * clears, the mouse draws, a bundled digit loads; 80×24 holds it all. */
static void test_pad_tool(void **state)
{
    (void)state;
    tui_app *app = open_app(0, 80, 24, 0);
    keys(app, "d");
    expect(app, "Draw a digit");
    expect(app, "Nothing to read yet");
    assert_false(pad_has_ink(app));
    keys(app, "Up Up Up Up Up Up Space Down Down Down Down Down Down Down Down Down Down Down Down");
    assert_true(pad_has_ink(app));
    /* what the engine predicts for the same strokes */
    lesson_pad p;
    lesson_zkml z;
    char why[300];
    assert_int_equal(lesson_pad_init(&p), ZK_OK);
    assert_int_equal(lesson_zkml_open(&z, why, sizeof why), ZK_OK);
    lesson_pad_move(&p, 0, -6);
    lesson_pad_pen(&p, true);
    lesson_pad_move(&p, 0, 12);
    assert_int_equal(lesson_pad_update(&p, &z), ZK_OK);
    assert_true(p.has_digit);
    assert_int_equal(p.cmp->qpred, 1);   /* a vertical stroke reads as a 1 */
    expect(app, "prediction 1");
    expect(app, "✔ float 1");
    lesson_pad_free(&p);
    lesson_zkml_close(&z);
    keys(app, "c");
    assert_false(pad_has_ink(app));
    expect(app, "Nothing to read yet");
    expect_not(app, "prediction");
    /* the mouse: press, drag, release inside the pad (cells 2.., rows 3..) */
    keys(app, "click:8,5 drag:20,5 drag:20,15 up:20,15");
    assert_true(pad_has_ink(app));
    expect(app, "drawn: its");
    keys(app, "?");
    expect(app, "press and drag to draw");
    expect(app, "prove it (whole CNN)");
    keys(app, "j c Tab");
    expect(app, "0_0003.png, read as `mnist predict` reads it");
    expect(app, "prediction 0");
    expect_not(app, "…");
    keys(app, "Esc");
    expect(app, "FOUNDATIONS");
    tui_app_close(app);
}

/* p on the pad proves through the pipeline. The whole CNN takes minutes
 * the first time, so this runs the pad with shipped settings of fc2 alone:
 * assets whose mnist-settings.json says run_args.first_layer = 3. */
static void test_pad_proves(void **state)
{
    (void)state;
    char cwd[512], assets[256], path[700], cache[256];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(assets, sizeof assets, "%s/assets", state_dir);
    snprintf(cache, sizeof cache, "%s/cache", state_dir);
    assert_int_equal(mkdir(assets, 0700), 0);
    static const char *const links[] = {"digits", "mnist-cnn.zkw"};
    for (int i = 0; i < 2; i++) {
        char from[700], to[300];
        snprintf(from, sizeof from, "%s/assets/%s", cwd, links[i]);
        snprintf(to, sizeof to, "%s/%s", assets, links[i]);
        assert_int_equal(symlink(from, to), 0);
    }
    char *text;
    size_t len;
    snprintf(path, sizeof path, "%s/assets/mnist-settings.json", cwd);
    assert_int_equal(zk_file_read(path, 1 << 20, &text, &len), ZK_OK);
    cJSON *j = zk_json_parse(text, len);
    zk_free(text);
    assert_non_null(j);
    cJSON_AddNumberToObject(cJSON_GetObjectItemCaseSensitive(j, "run_args"), "first_layer", 3);
    text = cJSON_Print(j);
    cJSON_Delete(j);
    snprintf(path, sizeof path, "%s/mnist-settings.json", assets);
    assert_int_equal(zk_file_write_atomic(path, text, strlen(text)), ZK_OK);
    cJSON_free(text);
    setenv("ZKCAVE_ASSETS", assets, 1);
    setenv("XDG_CACHE_HOME", cache, 1);

    tui_app *app = open_app(0, 80, 24, 0);
    keys(app, "d p");
    expect(app, "Draw a digit first.");
    keys(app, "Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab");   /* 7_0000.png */
    expect(app, "7_0000.png, read as");
    keys(app, "p");
    expect(app, "✔ verified with the pinned key: class 7 · model hash 0x");
    expect(app, "prove ");
    expect(app, "proofs/");
    expect_not(app, "…\n");   /* no line cut short at 80 columns */
    tui_app_close(app);
    unsetenv("ZKCAVE_ASSETS");
    unsetenv("XDG_CACHE_HOME");
    zk_test_remove_tree(assets);
    zk_test_remove_tree(cache);
}

/* v and d open the tools from a lesson, and Esc comes back to it. */
static void test_tools_from_lesson(void **state)
{
    (void)state;
    tui_app *app = open_app(1, 100, 30, 0);
    keys(app, "v");
    expect(app, "Constraints ─ seed CNN");
    keys(app, "Esc");
    expect(app, "01 ");
    keys(app, "d");
    expect(app, "Draw a digit");
    keys(app, "Esc");
    expect(app, "01 ");
    tui_app_close(app);
}

static void pause_ms(void)
{
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
}

static void test_job_progress_and_cancel(void **state)
{
    (void)state;
    zk_arena arena = {0};
    lesson_call call = {0};
    assert_int_equal(lesson_call_parse(&arena, &call, "demo.work steps=100000", NULL, 0), ZK_OK);
    tui_job job;
    tui_job_init(&job);
    assert_true(tui_job_start(&job, 0, &call, NULL, 0, false));
    assert_false(tui_job_start(&job, 0, &call, NULL, 0, false));   /* one at a time */
    char phase[48];
    uint64_t done = 0, total = 0;
    while (done == 0) {
        tui_job_progress(&job, phase, sizeof phase, &done, &total);
        pause_ms();
    }
    assert_int_equal(total, 100000);
    assert_string_equal(phase, "hashing");
    tui_job_cancel(&job);
    while (!tui_job_collect(&job))
        pause_ms();
    assert_int_equal(job.err, ZK_ECANCELLED);
    assert_non_null(strstr(job.result.message, "stopped after"));
    /* A synchronous job is done at once. */
    lesson_call_parse(&arena, &call, "demo.work steps=2", NULL, 0);
    assert_true(tui_job_start(&job, 0, &call, NULL, 0, true));
    assert_true(tui_job_collect(&job));
    assert_int_equal(job.err, ZK_OK);
    tui_job_destroy(&job);
    zk_arena_free(&arena);
}

static void no_high_bytes(tui_app *app)
{
    char *text = screen(app);
    for (const char *p = text; *p; p++)
        if ((unsigned char)*p >= 0x80)
            fail_msg("non-ASCII byte in ASCII mode:\n%s", text);
    zk_free(text);
}

static void test_ascii_mode(void **state)
{
    (void)state;
    tui_app *app = open_app(0, 80, 24, 1);
    no_high_bytes(app);
    expect(app, "zkcave -- zero knowledge");
    keys(app, "?");
    no_high_bytes(app);
    keys(app, "x Enter");
    for (int i = 0; i < 5; i++) {
        no_high_bytes(app);
        keys(app, "n");
    }
    tui_app_close(app);
}

static void test_corrupt_progress_reported(void **state)
{
    (void)state;
    assert_int_equal(zk_file_write_atomic(progress_path, "{oops", 5), ZK_OK);
    tui_app *app = open_app(0, 120, 24, 0);
    expect(app, "was damaged; it was moved to");
    expect(app, "progress.json.corrupt-");
    keys(app, "j");   /* the note goes with the next key */
    expect_not(app, "was damaged");
    tui_app_close(app);
    unlink(progress_path);
}

/* Removes dir/progress.json, its lock file and dir. */
static void remove_state_subdir(const char *dir)
{
    char file[200];
    snprintf(file, sizeof file, "%s/progress.json", dir);
    unlink(file);
    snprintf(file, sizeof file, "%s/progress.json.lock", dir);
    unlink(file);
    assert_int_equal(rmdir(dir), 0);
}

/* A save that fails leaves its warning on the status line through the
 * keys that follow (it used to go with the next key), until a save works. */
static void test_save_warning_stays(void **state)
{
    (void)state;
    char blocker[96], kept[sizeof progress_path];
    snprintf(kept, sizeof kept, "%s", progress_path);
    snprintf(blocker, sizeof blocker, "%s/sub", state_dir);
    snprintf(progress_path, sizeof progress_path, "%s/progress.json", blocker);
    tui_app *app = open_app(1, 120, 24, 0);
    expect_not(app, "cannot save progress");
    /* A file where the directory was stops every save, even root's. */
    remove_state_subdir(blocker);
    assert_int_equal(zk_file_write_atomic(blocker, "", 0), ZK_OK);
    keys(app, "n");
    expect(app, "✘ cannot save progress to");
    expect(app, "sub/progress.json: Not a directory");
    keys(app, "j k Down Up g");
    expect(app, "✘ cannot save progress to");
    assert_int_equal(unlink(blocker), 0);
    keys(app, "n");   /* this save works */
    expect_not(app, "cannot save progress");
    keys(app, "j");
    expect_not(app, "cannot save progress");
    tui_app_close(app);
    remove_state_subdir(blocker);
    snprintf(progress_path, sizeof progress_path, "%s", kept);
}

static void test_open_errors(void **state)
{
    (void)state;
    tui_options o;
    tui_options_default(&o);
    o.headless = true;
    o.progress_path = progress_path;
    o.lessons_dir = fixtures;
    o.lesson = 4;
    tui_app *app;
    char why[256];
    assert_int_equal(tui_app_open(&app, &o, why, sizeof why), ZK_EINVAL);
    assert_string_equal(why, "lesson 4: no file 04-*.md in tests/fixtures/lessons");
    o.lessons_dir = "/nonexistent";
    o.lesson = 0;
    assert_int_equal(tui_app_open(&app, &o, why, sizeof why), ZK_EIO);
    assert_non_null(strstr(why, "cannot read lessons from /nonexistent"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_scripts),
        cmocka_unit_test(test_word_wrap),
        cmocka_unit_test(test_markdown_renderer),
        cmocka_unit_test(test_markdown_renderer_fuzz),
        cmocka_unit_test_setup_teardown(test_home_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_small_then_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lesson_layout_and_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exercise_flow_and_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quit_asks_only_while_typing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_overlay, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inputs_and_export, setup, teardown),
        cmocka_unit_test(test_export_dir),
        cmocka_unit_test(test_job_progress_and_cancel),
        cmocka_unit_test_setup_teardown(test_ascii_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_progress_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_warning_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_tool, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_scale, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pad_tool, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tools_from_lesson, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pad_proves, setup, teardown),
    };
    return ZK_RUN_TESTS(tests);
}
