/* Inside the workbench: the application state, screens and drawing helpers.
 * Nothing here includes <ncurses.h>; only term.c talks to the terminal. */
#ifndef ZK_TUI_TUI_H
#define ZK_TUI_TUI_H

#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>

#include "lesson/action.h"
#include "lesson/catalog.h"
#include "lesson/exercise.h"
#include "lesson/lab.h"
#include "lesson/progress.h"
#include "tui/app.h"
#include "viz/canvas.h"

enum { TUI_MIN_COLS = 80, TUI_MIN_ROWS = 24 };

/* Meaning, not colour: the present step drops colour when the terminal has
 * none or NO_COLOR is set, and every colour here also comes with a glyph. */
typedef enum tui_role {
    TR_TEXT,
    TR_DIM,
    TR_TITLE,
    TR_HEADING,
    TR_KEY,
    TR_OK,
    TR_BAD,
    TR_LIVE,
    TR_CODE,
    TR_LINK,
    TR_FOCUS,
    TR_SELECT,
    TR_RULE,
    TR_EMPH,
    TR_STRONG,
} tui_role;

viz_style tui_style(tui_role role);

/* An action running on a worker thread while the loop keeps drawing. */
typedef struct tui_job {
    bool active;              /* started and not yet collected (main thread only) */
    int panel;                /* which panel asked */
    pthread_t thread;
    bool threaded;            /* false: it ran on the caller's thread */
    atomic_bool finished;
    atomic_bool cancel;
    pthread_mutex_t lock;     /* guards the progress fields */
    char phase[48];
    uint64_t done, total;
    const lesson_call *call;
    lesson_param extra[8];
    char extra_vals[8][64];
    size_t nextra;
    lesson_result result;
    zk_err err;
    /* A job that is not a lesson action: fn(ctx, events) on the worker
     * (tui_job_start_fn), and on_done(app) on the main thread once collected
     * (NULL: the lesson screen's tui_lesson_job_done). */
    zk_err (*fn)(void *ctx, const zk_events *ev);
    void *ctx;
    void (*on_done)(tui_app *app);
} tui_job;

/* A live block of the open lesson: an action panel or an exercise. */
typedef struct tui_panel {
    const lesson_block *block;
    size_t step;
    int number;               /* exercises: 1-based within the lesson */
    /* action */
    lesson_result result;
    bool has_result, pending, running;
    zk_err err;
    char inputs[8][64];
    int input_cur;
    /* exercise */
    lesson_exercise ex;
    char answer[128];
    bool replace;             /* the answer was checked: the next key typed starts afresh */
    bool solved_before;       /* solved in an earlier session */
    bool shown;               /* presenter mode: its answer and hints revealed (F3) */
    double started;           /* monotonic seconds when the action last started */
    /* where the last layout put it on the page */
    int y0, y1;
    int cursor_x, cursor_y;   /* page position of the typing cursor */
} tui_panel;

typedef struct tui_lesson {
    lesson_slot *slot;
    size_t step;
    int scroll;
    int focus;                /* panel index, -1 for none */
    bool typing;
    bool jumping;             /* ':' typed: digits name the step to go to */
    char jump[8];
    bool follow;              /* scroll to the focused panel on the next draw */
    bool follow_top;          /* ... putting its top at the top of the view */
    int clicks;               /* presenter mode: the step's actions Space went through */
    tui_panel *panels;
    size_t npanels;
    viz_canvas page;          /* the step laid out in full; the view shows a window of it */
    int page_x, view_y, view_h;
} tui_lesson;

typedef struct tui_home {
    int part, row;            /* the selected lesson */
    int confirm_reset;        /* the lesson whose reset awaits y/N, or 0 */
} tui_home;

typedef struct tui_screen tui_screen;
typedef struct tui_mnist tui_mnist;   /* the MNIST explorer's state (mnist_view.c) */
typedef struct tui_counts tui_counts; /* the constraint counter's (counts_view.c) */
typedef struct tui_pad tui_pad;       /* the drawing pad's (pad_view.c) */
typedef struct tui_g16lab tui_g16lab; /* the Groth16 lab's (lab_groth16_view.c) */
typedef struct tui_circlab tui_circlab; /* the circuits lab's (lab_circuit_view.c) */
typedef struct tui_starklab tui_starklab; /* the STARK lab's (lab_stark_view.c) */

/* Where a tool opened from the map or a lesson returns with Esc. */
typedef struct tui_return {
    const tui_screen *screen;
    int lesson;               /* the lesson to reopen at its saved step, or 0 */
} tui_return;

struct tui_app {
    tui_options opt;
    bool ascii;
    int cols, rows;
    viz_canvas canvas;
    lesson_catalog catalog;
    lesson_progress progress;
    const tui_screen *screen;
    tui_home home;
    tui_lesson lesson;
    tui_mnist *mnist;         /* created when the explorer first opens */
    tui_counts *counts;       /* ... the constraint counter */
    tui_pad *pad;             /* ... the drawing pad */
    tui_g16lab *g16lab;       /* ... the labs: g, c, s */
    tui_circlab *circlab;
    tui_starklab *starklab;
    tui_job job;
    bool help, confirm_quit, done;
    int help_scroll;          /* first row of the help shown (clamped when drawn) */
    /* Presenter mode (F2, lessons): large figures, half-block charts, the
     * whole width, answers and hints hidden until F3. Kept from lesson to
     * lesson until F2 again. */
    bool presenter;
    int frame;                /* ticks, for the spinner */
    char status[320];         /* a message shown until the next key */
    tui_role status_role;
    char save_warning[300];   /* why progress is not being saved, shown on
                               * the status line after every key until a
                               * save succeeds; "" while saves work */
    int cursor_x, cursor_y;   /* terminal cursor while typing, -1 hidden */
    int mouse_x, mouse_y;     /* the cell of the last mouse event */
    FILE *transcript;         /* tui_options.transcript, open; or NULL */
};

/* A screen is a table of functions, as in htop and tig. */
struct tui_screen {
    const char *name;
    void (*enter)(tui_app *app);
    void (*leave)(tui_app *app);
    void (*draw)(tui_app *app, viz_canvas *c);
    void (*key)(tui_app *app, int key);
    /* A field has the keys: every printable one, ? and q included, goes
     * into it; F1 still opens the help. */
    bool (*typing)(const tui_app *app);
    /* Typed text not yet checked, which q asks about before quitting. */
    bool (*unchecked)(const tui_app *app);
    const char *help_context;
    bool mouse;               /* wants mouse events (elsewhere the terminal keeps
                               * its own text selection) */
    bool q_back;              /* q goes back to the map (the labs), not quit */
};

extern const tui_screen tui_home_screen;
extern const tui_screen tui_lesson_screen;
extern const tui_screen tui_mnist_screen;
extern const tui_screen tui_counts_screen;
extern const tui_screen tui_pad_screen;
extern const tui_screen tui_g16lab_screen;
extern const tui_screen tui_circlab_screen;
extern const tui_screen tui_starklab_screen;

void tui_switch(tui_app *app, const tui_screen *screen);
/* Opens lesson number at its saved step; false (and a status line) when it
 * cannot be opened. */
bool tui_open_lesson(tui_app *app, int number);
void tui_set_status(tui_app *app, tui_role role, const char *fmt, ...);
/* One line (printf format) in the transcript, when one is being kept. */
void tui_transcript(tui_app *app, const char *fmt, ...);
/* Opens the MNIST explorer; Esc returns to the current screen. */
void tui_open_mnist(tui_app *app);
void tui_mnist_free(tui_app *app);
/* The constraint counter (v) and the drawing pad (d), likewise. */
void tui_open_counts(tui_app *app);
void tui_counts_free(tui_app *app);
void tui_open_pad(tui_app *app);
void tui_pad_free(tui_app *app);
/* The labs on the map: g Groth16, c circuits, s STARK. q and Esc go back
 * to the map (Esc first stops a running job). */
void tui_open_g16lab(tui_app *app);
void tui_g16lab_free(tui_app *app);
void tui_open_circlab(tui_app *app);
void tui_circlab_free(tui_app *app);
void tui_open_starklab(tui_app *app);
void tui_starklab_free(tui_app *app);
/* Esc in a tool: stops the job the tool (ctx) started, or goes back. */
void tui_tool_escape(tui_app *app, const void *ctx, const tui_return *back);
/* Remembers the current screen as the way back; goes back to it. */
void tui_return_here(tui_return *r, const tui_app *app);
void tui_return_go(tui_app *app, const tui_return *r);
/* Saves progress; a failure (or progress that cannot be saved at all)
 * becomes the save warning, which stays until a save succeeds. */
void tui_save_progress(tui_app *app);
/* Exports (export.c). The directory they go to: opt (--exports DIR) when
 * given, else $XDG_DATA_HOME/zkcave/exports, else
 * $HOME/.local/share/zkcave/exports; ZK_EINVAL when neither is absolute. */
zk_err tui_export_dir(char *out, size_t n, const char *opt);
/* Makes the directory and takes a name in it no file holds yet,
 * stem.png or stem-N.png, created empty with O_EXCL, into path. False
 * (and a status line saying why) when it cannot. */
bool tui_export_begin(tui_app *app, char *path, size_t n, const char *stem);
/* After the writer ran on path: the status line shows the path written,
 * or with err removes the reserved file and says why (why when the
 * writer gave one, else the path and the system's reason for err). */
void tui_export_end(tui_app *app, const char *path, zk_err err, const char *why);

/* Drawing helpers (draw.c). */
void tui_draw_rule(viz_canvas *c, int y);
/* The bottom line: pairs of key and meaning, dropping pairs from the middle
 * when the line is too narrow (the last two always stay: help and quit, or
 * while typing help and the way out of the field). */
void tui_draw_keys(viz_canvas *c, int y, const char *const *pairs, size_t npairs);
/* A screen's three bottom lines where o opens a PNG: the path being typed
 * (path non-NULL; the cursor after it) or else the status, a rule, and the
 * keys: npairs pairs of keys, or while typing Enter, F1 help and Esc. */
void tui_draw_path_footer(tui_app *app, viz_canvas *c, const char *path,
                          const char *const *keys, size_t npairs);
/* A bar of width cells, filled in proportion to done/total. */
void tui_draw_bar(viz_canvas *c, int x, int y, int width, double fraction, tui_role role);
/* Word-wraps text ("\n" breaks lines) into width columns from (x, y) in one
 * style, the first line after prefix; returns the rows used. With
 * c == NULL only counts. */
int tui_draw_wrapped(viz_canvas *c, int x, int y, int width, const char *text, viz_style st);
/* text in at most w columns from (x, y): whole, or "…" and its end (for
 * paths, whose end names the file). Returns the columns written. */
int tui_draw_tail(viz_canvas *c, int x, int y, int w, const char *text, viz_style st);
/* One key typed into a one-line field (a path): printable characters
 * append, BSpace and Delete erase, Ctrl-U clears. Returns TK_ENTER or
 * TK_ESC when the typing ends that way, else 0. */
int tui_line_key(char *line, size_t cap, int key);
/* The spinner frame for a tick count. */
const char *tui_spinner(const tui_app *app);

/* Markdown (mdview.c): lays out one text block at page row y within width
 * columns and returns the next free row; grows the page as needed. */
int tui_md_block(viz_canvas *page, int y, int width, const lesson_block *b);

/* Tables (table.c). Column widths for cols columns, gap apart, in avail
 * columns: the natural widths when they fit, else the widest columns
 * narrowed, none below its longest word (its cells then wrap inside it).
 * False when even the longest words do not fit side by side. */
bool tui_table_widths(int *widths, const int *natural, const int *word, size_t cols, int gap,
                      int avail);
/* Result lines whose cells are separated by tabs, as a table at page row
 * (x, y) in width columns (a first line marked LESSON_MARK_HEAD is its
 * header); rows never mix: cells wrap inside their columns, or each row
 * becomes a block of "header: value" lines. Returns the next free row. */
int tui_result_table(viz_canvas *page, int x, int y, int width, const lesson_line *rows,
                     size_t nrows);

/* Panels (panels.c): draw at page row y and return the next free row. */
int tui_panel_draw(tui_app *app, viz_canvas *page, int y, int width, int index);

/* Jobs (job.c). */
void tui_job_init(tui_job *job);
void tui_job_destroy(tui_job *job);
/* Starts call with the extra parameters on a worker thread (or, when sync,
 * right here). False when a job is already active or no thread started. */
bool tui_job_start(tui_job *job, int panel, const lesson_call *call, const lesson_param *extra,
                   size_t nextra, bool sync);
/* Starts fn(ctx, events) on a worker thread (or here, when sync); done runs
 * on the main thread when the loop collects it. fn touches only ctx. False
 * when a job is already active. */
bool tui_job_start_fn(tui_job *job, zk_err (*fn)(void *ctx, const zk_events *ev), void *ctx,
                      void (*done)(tui_app *app), bool sync);
/* tui_job_start_fn for a screen: a status line instead when a job is
 * running already; headless, the job runs here and is finished at once. */
bool tui_run_fn(tui_app *app, zk_err (*fn)(void *ctx, const zk_events *ev), void *ctx,
                void (*done)(tui_app *app));
/* True once the job has finished and been joined; its result is then the
 * caller's to take. */
bool tui_job_collect(tui_job *job);
void tui_job_progress(tui_job *job, char *phase, size_t phase_len, uint64_t *done,
                      uint64_t *total);
void tui_job_cancel(tui_job *job);
/* Blocks until an active job has finished (after tui_job_cancel, soon). */
void tui_job_wait(tui_job *job);

/* The help overlay and the quit confirmation (help.c). */
void tui_draw_help(tui_app *app, viz_canvas *c);
void tui_draw_confirm(tui_app *app, viz_canvas *c);
/* A y/N question in a box: title, two lines, and what y and n (any other
 * key) do. */
void tui_draw_ask(viz_canvas *c, const char *title, const char *line1, const char *line2,
                  const char *yes, const char *no);

/* What the circuit labs share (lab_common.c): the circuits that ship, and
 * a path typed after o. */
typedef struct tui_lab_pick {
    lesson_lab_circuit_file *files;
    size_t n;
    int sel;
    bool loaded, typing;
    char path[LESSON_LAB_PATH_MAX];
} tui_lab_pick;
void tui_lab_pick_load(tui_lab_pick *p);
void tui_lab_pick_free(tui_lab_pick *p);
/* The list from row y to bottom (excluded). */
void tui_lab_pick_draw(viz_canvas *c, const tui_lab_pick *p, int y, int bottom);
/* The list below a lab's header, with its footer (the path being typed, or
 * the status and the job of ctx). */
void tui_lab_pick_page(tui_app *app, viz_canvas *c, const void *ctx, const tui_lab_pick *p);
/* ↑↓ choose, Enter opens, o types a path; the path to open, or NULL. */
const char *tui_lab_pick_key(tui_lab_pick *p, int key);
/* main's inputs from row y, rows of them at most, sel marked when focus;
 * returns the next free row. */
int tui_lab_form_draw(viz_canvas *c, const lesson_lab_circuit *lc, int sel, bool focus, int y,
                      int rows);
/* ↑↓ choose an input, digits - ^ type its value, BSpace erases; false
 * when the key is not the form's. */
bool tui_lab_form_key(lesson_lab_circuit *lc, int *sel, int key);
/* Whether the job running is ctx's. */
bool tui_lab_busy(const tui_app *app, const void *ctx);
/* Row 0: the lab's title, the path open (NULL: none) cut from the front to
 * fit, and right at the right edge in right_role; row 1 a rule. */
void tui_lab_header(viz_canvas *c, const char *title, const char *path, const char *right,
                    tui_role right_role);
/* Stops the job of ctx, if one runs, and waits for it (a lab closing). */
void tui_lab_stop(tui_app *app, const void *ctx);
/* A lab's state the first time it opens: size bytes zeroed, or NULL with
 * "out of memory" on the status line. */
void *tui_lab_alloc(tui_app *app, size_t size);
/* Shows a circuit lab: the circuits that ship read again, Esc and q
 * returning to where the lab was opened from. */
void tui_lab_show(tui_app *app, tui_lab_pick *pick, tui_return *back, const tui_screen *lab);
/* A circuit lab closing: its job (ctx's) stopped, the circuit shown (lc,
 * when open) and the one a job was opening (next) closed, the list freed. */
void tui_lab_release(tui_app *app, const void *ctx, tui_lab_pick *pick, lesson_lab_circuit *lc,
                     bool open, lesson_lab_circuit *next);
/* Esc or q in a lab: Esc stops the lab's (ctx's) job, or goes back; q
 * goes back at once, stopping the job. */
void tui_lab_key_back(tui_app *app, const void *ctx, const tui_return *back, int key);
/* A job's outcome on the status line, when the lab is still on screen
 * (after q the job ends behind the map, which it is no news to). */
void tui_lab_status(tui_app *app, const tui_screen *lab, tui_role role, const char *fmt, ...);
/* A measured time as a lab shows it: "2.1 ms", "1.25 s". */
char *tui_lab_seconds(char *out, size_t cap, double s);
/* The status line (a job of ctx: its phase, a spinner and Esc), the rule
 * and the keys. */
void tui_lab_footer(tui_app *app, viz_canvas *c, const void *ctx, const char *const *keys,
                    size_t npairs);

/* Lesson screen internals shared with panels.c. */
void tui_lesson_run_panel(tui_app *app, int index);
void tui_lesson_job_done(tui_app *app);
/* Hands a collected job to whoever started it. */
void tui_job_finish(tui_app *app);

#endif
