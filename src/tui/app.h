/* The workbench: the full-screen terminal application.
 *
 * One main loop owns input and resizing. Every screen draws onto an
 * in-memory canvas (viz/canvas.h); the loop then shows the canvas on the
 * terminal through ncurses, or, in headless mode, prints it as text after
 * feeding a script of keys, so tests see exactly what a person would.
 *
 * Headless key scripts (--keys) are tokens separated by spaces:
 *   a single character       that key: n  p  6  ?  q
 *   Enter Tab BTab Esc BSpace Space Up Down Left Right PgUp PgDn Home End
 *                            the named key (BTab is Shift-Tab)
 *   'text                    types every character of text: '2^-20
 *   resize:WxH               the terminal becomes W columns by H rows
 *   print                    (headless) the screen now, then a form feed line
 *   click:X,Y drag:X,Y up:X,Y
 *                            the mouse's first button pressed at column X,
 *                            row Y, moved there held down, released there */
#ifndef ZK_TUI_APP_H
#define ZK_TUI_APP_H

#include "core/err.h"
#include "core/types.h"
#include "viz/canvas.h"

typedef struct tui_options {
    bool headless;              /* no terminal: run keys, print the final screen */
    int cols, rows;             /* headless screen size (default 100×30) */
    const char *keys;           /* headless key script */
    int lesson;                 /* open this lesson (1..20) instead of the map; 0 = map */
    bool restart;               /* with lesson: its progress cleared, from its first step */
    const char *lessons_dir;    /* NULL: lesson_catalog_find_dir */
    const char *progress_path;  /* NULL: lesson_progress_default_path */
    const char *exports_dir;    /* NULL: $XDG_DATA_HOME/zkcave/exports (tui_export_dir) */
    int ascii;                  /* -1: from the locale; 0: UTF-8 glyphs; 1: ASCII */
    const char *transcript;     /* NULL, or a file that gets a line for each step shown,
                                 * action finished (with its time), answer revealed
                                 * and answer checked: what a class saw */
} tui_options;

/* Defaults: interactive, 100×30 when headless, map, found paths, locale. */
void tui_options_default(tui_options *o);

/* Runs the workbench until the user quits; returns the process exit code
 * (2 with a one-line message when there is no usable terminal or lesson). */
int tui_main(void);
int tui_run(const tui_options *o);

/* The application without a terminal, for tests and headless mode. */
typedef struct tui_app tui_app;

/* Opens the catalogue and progress and shows the first screen. On failure
 * (no lessons found, bad lesson number) why says so in one line. */
zk_err tui_app_open(tui_app **out, const tui_options *o, char *why, size_t why_len);
void tui_app_close(tui_app *app);
/* Handles one key (a TK_* code or a character), as the main loop does. */
void tui_app_key(tui_app *app, int key);
void tui_app_resize(tui_app *app, int cols, int rows);
/* Draws the current screen and returns it. */
const viz_canvas *tui_app_render(tui_app *app);
/* Whether the user has quit. */
bool tui_app_done(const tui_app *app);
/* Waits for a running action to finish (headless mode and tests). */
void tui_app_settle(tui_app *app);

/* One step of a key script: a key, a resize when key == TK_RESIZE (cols ×
 * rows), a mouse event (TK_MOUSE_*) at column cols, row rows, or TK_PRINT
 * (the token `print`): a headless run prints the screen as it is then, and
 * a line holding a form feed, before going on — one run can show a step at
 * two sizes without computing it twice. */
typedef struct tui_input {
    int key;
    int cols, rows;
} tui_input;

/* Hands one input to the app: tui_app_resize, a mouse event, or
 * tui_app_key. */
void tui_app_input(tui_app *app, const tui_input *in);

/* Parses a key script (see above) into at most max inputs. ZK_EPARSE with
 * the offending token in why. */
zk_err tui_keys_parse(const char *script, tui_input *out, size_t max, size_t *n, char *why,
                      size_t why_len);

/* Keys beyond single bytes. Printable ASCII keys are their own code. */
enum {
    TK_ENTER = 0x1000,
    TK_TAB,
    TK_BTAB,
    TK_ESC,
    TK_BACKSPACE,
    TK_UP,
    TK_DOWN,
    TK_LEFT,
    TK_RIGHT,
    TK_PGUP,
    TK_PGDN,
    TK_HOME,
    TK_END,
    TK_DELETE,
    TK_F1,
    TK_F2,
    TK_F3,
    TK_CTRL_U,
    TK_RESIZE,
    TK_TICK,     /* no key: time passed (redraw a running action) */
    TK_MOUSE_DOWN,   /* the first button pressed at the app's mouse position */
    TK_MOUSE_DRAG,   /* moved with it held */
    TK_MOUSE_UP,     /* released */
    TK_PRINT,        /* no key: a headless run prints the screen here, then a form feed line */
};

#endif
