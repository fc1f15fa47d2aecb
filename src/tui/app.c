/* The workbench's main loop and title screen.
 *
 * One loop owns input and resizing: it draws the current screen, waits for a
 * key, and redraws on KEY_RESIZE. Colour is used only when the terminal has
 * it and NO_COLOR is unset (https://no-color.org); every colour also has a
 * glyph, so nothing is lost without it. */
#include "tui/app.h"

#include <langinfo.h>
#include <locale.h>
#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "field/field.h"

#define MIN_COLS 80
#define MIN_ROWS 24

enum { PAIR_TITLE = 1, PAIR_OK, PAIR_DIM, PAIR_KEY };

typedef struct app {
    bool color;
    bool help;
} app;

/* Box-drawing and check glyphs, with ASCII stand-ins when the locale cannot
 * show UTF-8 (LANG=C on a bare console). */
typedef struct glyphs {
    const char *h, *v, *tl, *tr, *bl, *br, *ok, *bad, *dash;
    int mark_cols;   /* columns taken by ok/bad */
} glyphs;

static const glyphs utf8_glyphs = {"─", "│", "┌", "┐", "└", "┘", "✔", "✘", "—", 1};
static const glyphs ascii_glyphs = {"-", "|", "+", "+", "+", "+", "ok", "XX", "-", 2};
static const glyphs *g = &ascii_glyphs;

static void style_on(const app *a, int pair, attr_t extra)
{
    attron(extra);
    if (a->color)
        attron(COLOR_PAIR(pair));
}

static void style_off(const app *a, int pair, attr_t extra)
{
    attroff(extra);
    if (a->color)
        attroff(COLOR_PAIR(pair));
}

static void hline_at(int y)
{
    move(y, 0);
    for (int x = 0; x < COLS; x++)
        addstr(g->h);
}

/* Facts the title screen shows, computed when drawn: the roots of unity the
 * NTTs will use really have the order they claim. */
static bool fr_root_ok(void)
{
    fr_t w, m1;
    fr_root_of_unity(&w, FR_TWO_ADICITY);
    for (int i = 0; i < FR_TWO_ADICITY - 1; i++)
        fr_sqr(&w, &w);
    fr_one(&m1);
    fr_neg(&m1, &m1);
    return fr_eq(&w, &m1);   /* w^(2^27) = -1, so w has order exactly 2^28 */
}

static bool gl_root_ok(void)
{
    gl_t w;
    gl_root_of_unity(&w, GL_TWO_ADICITY);
    for (int i = 0; i < GL_TWO_ADICITY - 1; i++)
        w = gl_sqr(w);
    return w == GL_P - 1;
}

static void draw_check(const app *a, int y, int x, bool ok, const char *text)
{
    style_on(a, ok ? PAIR_OK : PAIR_TITLE, A_BOLD);
    mvaddstr(y, x, ok ? g->ok : g->bad);
    style_off(a, ok ? PAIR_OK : PAIR_TITLE, A_BOLD);
    mvaddstr(y, x + g->mark_cols + 1, text);
}

static void draw_too_small(void)
{
    char line[128];
    snprintf(line, sizeof line, "zkcave needs at least %dx%d; this terminal is %dx%d.",
             MIN_COLS, MIN_ROWS, COLS, LINES);
    int y = LINES / 2 - 1;
    mvaddnstr(y < 0 ? 0 : y, 0, line, COLS);
    mvaddnstr(y + 1 < LINES ? y + 1 : 0, 0, "Make the window larger, or press q to quit.", COLS);
}

static void draw_help(const app *a)
{
    static const char *const lines[] = {
        "Keys",
        "",
        "  ?      show or hide this help",
        "  q      quit",
        "",
        "The lessons and tools arrive as they are built;",
        "this screen shows what already runs.",
    };
    int h = (int)ZK_ARRAY_LEN(lines) + 4, w = 52;
    int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;
    for (int y = 0; y < h; y++)
        mvhline(y0 + y, x0, ' ', w);
    style_on(a, PAIR_KEY, 0);
    mvaddstr(y0, x0, g->tl);
    mvaddstr(y0 + h - 1, x0, g->bl);
    mvaddstr(y0, x0 + w - 1, g->tr);
    mvaddstr(y0 + h - 1, x0 + w - 1, g->br);
    for (int x = 1; x < w - 1; x++) {
        mvaddstr(y0, x0 + x, g->h);
        mvaddstr(y0 + h - 1, x0 + x, g->h);
    }
    for (int y = 1; y < h - 1; y++) {
        mvaddstr(y0 + y, x0, g->v);
        mvaddstr(y0 + y, x0 + w - 1, g->v);
    }
    style_off(a, PAIR_KEY, 0);
    for (size_t i = 0; i < ZK_ARRAY_LEN(lines); i++)
        mvaddstr(y0 + 2 + (int)i, x0 + 3, lines[i]);
}

static void draw_title(const app *a)
{
    style_on(a, PAIR_TITLE, A_BOLD);
    mvprintw(0, 1, "zkcave %s zero knowledge, by running it", g->dash);
    style_off(a, PAIR_TITLE, A_BOLD);
    hline_at(1);

    static const char *const cave[] = {
        "      _____________________      ",
        "     /          |          \\     ",
        "    /    A      |      B    \\    ",
        "   |            |            |   ",
        "   |          magic          |   ",
        "    \\          door         /    ",
        "     \\_______       _______/     ",
        "             |     |             ",
        "             entrance            ",
    };
    int cx = (COLS - 34) / 2;
    for (size_t i = 0; i < ZK_ARRAY_LEN(cave); i++)
        mvaddstr(3 + (int)i, cx, cave[i]);

    int y = 4 + (int)ZK_ARRAY_LEN(cave);
    mvaddstr(y++, 3, "Peggy knows the word that opens the door; Victor calls out A or B.");
    mvaddstr(y++, 3, "Twenty lessons walk from this cave to a Groth16 proof that a CNN read");
    mvaddstr(y++, 3, "your handwritten digit. Running now, checked as this screen was drawn:");
    y++;
    char text[160];
    snprintf(text, sizeof text, "BN254 Fr: w = 5^((r-1)/2^28) has order 2^28 (Montgomery kernel: %s)",
             zk_mont256_k.name);
    draw_check(a, y++, 5, fr_root_ok(), text);
    draw_check(a, y++, 5, gl_root_ok(), "Goldilocks: 7^((p-1)/2^32) has order 2^32");

    hline_at(LINES - 2);
    style_on(a, PAIR_KEY, A_BOLD);
    mvaddstr(LINES - 1, 1, "?");
    mvaddstr(LINES - 1, 9, "q");
    style_off(a, PAIR_KEY, A_BOLD);
    mvaddstr(LINES - 1, 3, "help");
    mvaddstr(LINES - 1, 11, "quit");
}

static void draw(const app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_ROWS)
        draw_too_small();
    else {
        draw_title(a);
        if (a->help)
            draw_help(a);
    }
    refresh();
}

static bool want_color(void)
{
    const char *no = getenv("NO_COLOR");
    return !(no && *no) && has_colors();
}

int tui_main(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("zkcave: the workbench needs a terminal; for commands see 'zkcave help'\n", stderr);
        return 2;
    }
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    g = (codeset && strcmp(codeset, "UTF-8") == 0) ? &utf8_glyphs : &ascii_glyphs;
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        const char *term = getenv("TERM");
        fprintf(stderr, "zkcave: cannot use this terminal (TERM=%s)\n", term ? term : "unset");
        return 2;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    app a = {.color = want_color(), .help = false};
    if (a.color) {
        start_color();
        use_default_colors();
        init_pair(PAIR_TITLE, COLOR_CYAN, -1);
        init_pair(PAIR_OK, COLOR_GREEN, -1);
        init_pair(PAIR_DIM, COLOR_BLUE, -1);
        init_pair(PAIR_KEY, COLOR_YELLOW, -1);
    }
    for (;;) {
        draw(&a);
        int ch = getch();
        if (ch == 'q' || ch == 'Q')
            break;
        if (ch == '?')
            a.help = !a.help;
        else if (ch == 27)   /* Esc closes help */
            a.help = false;
        /* KEY_RESIZE and anything else: redraw at the new size. */
    }
    endwin();
    delscreen(screen);
    return 0;
}
