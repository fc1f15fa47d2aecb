/* The terminal, through ncurses: the only part of zkcave that includes
 * <ncurses.h>. It shows a canvas and reads keys; the screens never see it. */
#ifndef ZK_TUI_TERM_H
#define ZK_TUI_TERM_H

#include "core/err.h"
#include "viz/canvas.h"

/* Takes over the terminal. color: use colours if the terminal has them.
 * ZK_EIO with a one-line reason when the terminal cannot be used. */
zk_err tui_term_open(bool color, char *why, size_t why_len);
void tui_term_close(void);
void tui_term_size(int *cols, int *rows);
/* Shows the canvas; a cursor at (x, y) when x >= 0. */
void tui_term_present(const viz_canvas *c, int cursor_x, int cursor_y);
/* The next key (a TK_* code or a character); TK_TICK after timeout_ms
 * without one (timeout_ms < 0 waits), TK_RESIZE when the terminal changed
 * size, 'q' after SIGINT or SIGTERM so the app can save and leave cleanly. */
int tui_term_key(int timeout_ms);
/* Reports of the mouse's first button (pressed, moved while held,
 * released) as TK_MOUSE_* keys, on or off; off by default. Where the
 * terminal has no mouse, nothing arrives and the keys do the work. */
void tui_term_mouse(bool on);
/* The cell of the last TK_MOUSE_* key. */
void tui_term_mouse_at(int *x, int *y);
/* Whether colours are in use. */
bool tui_term_color(void);

#endif
