#include "tui/term.h"

#include <ncurses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"

static SCREEN *screen;
static bool use_color;
static bool mouse_on;
static int mouse_x, mouse_y;
/* Mouse events read but not yet handed out, oldest first. */
enum { MOUSE_QUEUE = 32 };
typedef struct mouse_event {
    int key, x, y;
} mouse_event;
static mouse_event mouse_queue[MOUSE_QUEUE];
static int mouse_queued, mouse_next;
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

zk_err tui_term_open(bool color, char *why, size_t why_len)
{
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        const char *term = getenv("TERM");
        snprintf(why, why_len, "cannot use this terminal (TERM=%s)", term ? term : "unset");
        return ZK_EIO;
    }
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    use_color = color && has_colors();
    if (use_color) {
        start_color();
        use_default_colors();
        static const short colors[] = {COLOR_BLACK, COLOR_RED,     COLOR_GREEN, COLOR_YELLOW,
                                       COLOR_BLUE,  COLOR_MAGENTA, COLOR_CYAN,  COLOR_WHITE};
        for (short i = 0; i < 8; i++)
            init_pair((short)(i + 1), colors[i], -1);
    }
    /* Ctrl-C and kill leave through the main loop, which saves and restores
     * the terminal; no SA_RESTART, so a blocked read returns at once. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    return ZK_OK;
}

void tui_term_mouse(bool on)
{
    if (!screen || on == mouse_on)
        return;
    mouse_on = on;
    mousemask(on ? BUTTON1_PRESSED | BUTTON1_RELEASED | REPORT_MOUSE_POSITION : 0, NULL);
    mouseinterval(0);
    /* ncurses asks xterm-like terminals for clicks only (mode 1000); mode
     * 1002 adds motion while a button is held, which drawing needs. */
    fputs(on ? "\033[?1002h" : "\033[?1002l", stdout);
    fflush(stdout);
}

void tui_term_mouse_at(int *x, int *y)
{
    *x = mouse_x;
    *y = mouse_y;
}

static int mouse_kind(mmask_t b)
{
    if (b & BUTTON1_PRESSED)
        return TK_MOUSE_DOWN;
    if (b & BUTTON1_RELEASED)
        return TK_MOUSE_UP;
    if (b & REPORT_MOUSE_POSITION)
        return TK_MOUSE_DRAG;
    return TK_TICK;
}

/* The next queued event, or TK_TICK. */
static int mouse_pop(void)
{
    if (mouse_next >= mouse_queued)
        return TK_TICK;
    mouse_x = mouse_queue[mouse_next].x;
    mouse_y = mouse_queue[mouse_next].y;
    return mouse_queue[mouse_next++].key;
}

/* Reports that arrive together (a quick stroke) reach ncurses in one read,
 * and getmouse gives them newest first, one a call: all are taken now and
 * handed out oldest first, so a drag keeps its press. */
static int mouse_key(void)
{
    MEVENT ev;
    int n = 0;
    while (n < MOUSE_QUEUE && getmouse(&ev) == OK) {
        mouse_queue[n].key = mouse_kind(ev.bstate);
        mouse_queue[n].x = ev.x;
        mouse_queue[n].y = ev.y;
        n++;
    }
    for (int i = 0; i < n / 2; i++) {
        mouse_event t = mouse_queue[i];
        mouse_queue[i] = mouse_queue[n - 1 - i];
        mouse_queue[n - 1 - i] = t;
    }
    mouse_queued = n;
    mouse_next = 0;
    return mouse_pop();
}

void tui_term_close(void)
{
    if (!screen)
        return;
    tui_term_mouse(false);
    endwin();
    delscreen(screen);
    screen = NULL;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

bool tui_term_color(void)
{
    return use_color;
}

void tui_term_size(int *cols, int *rows)
{
    *cols = COLS;
    *rows = LINES;
}

static attr_t attrs_of(const viz_cell *cell)
{
    attr_t a = 0;
    if (cell->attr & VIZ_BOLD)
        a |= A_BOLD;
    if (cell->attr & VIZ_DIM)
        a |= A_DIM;
    if (cell->attr & VIZ_UNDERLINE)
        a |= A_UNDERLINE;
    if (cell->attr & VIZ_REVERSE)
        a |= A_REVERSE;
#ifdef A_ITALIC
    if (cell->attr & VIZ_ITALIC)
        a |= A_ITALIC;
#endif
    return a;
}

void tui_term_present(const viz_canvas *c, int cursor_x, int cursor_y)
{
    int rows = c->h < LINES ? c->h : LINES, cols = c->w < COLS ? c->w : COLS;
    for (int y = 0; y < rows; y++) {
        for (int x = 0; x < cols; x++) {
            const viz_cell *cell = viz_canvas_at(c, x, y);
            short pair = use_color && cell->fg != VIZ_DEFAULT ? (short)cell->fg : 0;
            attr_set(attrs_of(cell), pair, NULL);
            mvaddstr(y, x, cell->glyph);
        }
    }
    attr_set(A_NORMAL, 0, NULL);
    if (cursor_x >= 0 && cursor_y >= 0 && cursor_x < COLS && cursor_y < LINES) {
        curs_set(1);
        move(cursor_y, cursor_x);
    } else {
        curs_set(0);
    }
    refresh();
}

int tui_term_key(int timeout_ms)
{
    if (interrupted)
        return 'q';
    if (mouse_next < mouse_queued)
        return mouse_pop();
    timeout(timeout_ms);
    int ch = getch();
    if (interrupted)
        return 'q';
    switch (ch) {
    case ERR:
        return TK_TICK;
    case KEY_RESIZE:
        return TK_RESIZE;
    case KEY_MOUSE:
        return mouse_key();
    case '\n':
    case '\r':
    case KEY_ENTER:
        return TK_ENTER;
    case '\t':
        return TK_TAB;
    case KEY_BTAB:
        return TK_BTAB;
    case 27:
        return TK_ESC;
    case KEY_BACKSPACE:
    case 127:
    case 8:
        return TK_BACKSPACE;
    case KEY_DC:
        return TK_DELETE;
    case KEY_UP:
        return TK_UP;
    case KEY_DOWN:
        return TK_DOWN;
    case KEY_LEFT:
        return TK_LEFT;
    case KEY_RIGHT:
        return TK_RIGHT;
    case KEY_PPAGE:
        return TK_PGUP;
    case KEY_NPAGE:
        return TK_PGDN;
    case KEY_HOME:
        return TK_HOME;
    case KEY_END:
        return TK_END;
    case 21:
        return TK_CTRL_U;
    default:
        break;
    }
    if (ch == KEY_F(1))
        return TK_F1;
    if (ch == KEY_F(2))
        return TK_F2;
    if (ch == KEY_F(3))
        return TK_F3;
    if (ch >= 32 && ch < 127)
        return ch;
    return TK_TICK;   /* keys we do not use */
}
