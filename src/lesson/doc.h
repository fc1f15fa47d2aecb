/* A lesson as data: `lessons/<NN>-<slug>.md` read with md4c.
 *
 * A lesson file opens with its front matter, what the map shows of it:
 *
 *   ---
 *   title: Schnorr                      (the map's title, at most 20 columns)
 *   part: 1 Foundations                 (the part's number and name)
 *   summary: Prove you know x with g^x = y; ...
 *   ---
 *
 * Then the Markdown: the first `# ` heading is the lesson's title; each `## ` heading starts a
 * step (text before the first one is a step titled like the lesson). Within
 * a step the Markdown becomes a flat list of blocks: headings, paragraphs
 * (with the indent and bullet of the list or quote they sit in), code,
 * tables, rules, and two kinds of fenced block that make a lesson live:
 *
 *   ```action                      ```exercise
 *   cave.run rounds=10 trials=500  prompt: After 20 rounds, the cheater's chance?
 *   input: c=7 your challenge c    answer: 2^-20
 *   title: Ten rounds in the cave  hint: Each round is a coin toss she must win.
 *   ```                            ```
 *
 * An action block names an engine action and its parameters (key=value,
 * "quoted" for spaces); `input:` lines declare values the student may type
 * (name=default label), `title:` a caption, `big:` a figure for presenter
 * mode (lesson_result_figure). An exercise holds `prompt:`
 * (a continuation line carries on the sentence; an indented or blank one
 * starts a new line, for choices), one or more `answer:` lines
 * (the first is the one revealed; all are accepted), optionally `check:` with
 * an action that judges typed answers, `hint:` lines and an `id:`, and the
 * exercise's own test table: `accept:` lines the judge must take and
 * `reject:` lines (near misses a sloppy judge would take) it must refuse,
 * which `zkcave check-lessons` runs. */
#ifndef ZK_LESSON_DOC_H
#define ZK_LESSON_DOC_H

#include "core/err.h"
#include "core/types.h"
#include "core/arena.h"

enum {
    LESSON_EMPH = 1,
    LESSON_STRONG = 2,
    LESSON_CODE = 4,
    LESSON_LINK = 8,
    LESSON_STRIKE = 16,
};

/* A piece of text in one style; "\n" inside text is a hard line break. */
typedef struct lesson_run {
    char *text;
    unsigned style;
} lesson_run;

typedef struct lesson_inline {
    lesson_run *runs;
    size_t n, cap;
} lesson_inline;

typedef struct lesson_param {
    char *key;
    char *value;
} lesson_param;

typedef struct lesson_params {
    lesson_param *items;
    size_t n;
} lesson_params;

typedef struct lesson_input {
    char *name;
    char *value;   /* the default */
    char *label;
} lesson_input;

/* A call of a registered action, as written in a lesson. */
typedef struct lesson_call {
    char *name;
    lesson_params params;
    lesson_input *inputs;
    size_t ninputs;
    char *title;   /* caption, may be NULL */
    char **big;    /* `big:` labels: the figures presenter mode shows in large type */
    size_t nbig;
    int line;      /* line in the lesson file, for messages */
} lesson_call;

typedef struct lesson_exercise_def {
    char *id;       /* stable key in the progress file: "1", "2"... or the block's id: */
    char *prompt;
    char **answers;
    size_t nanswers;
    char **hints;
    size_t nhints;
    char **accepts;       /* more right answers, for check-lessons only */
    size_t naccepts;
    char **rejects;       /* wrong answers the judge must refuse */
    size_t nrejects;
    char **units;         /* words a typed answer may carry after its value */
    size_t nunits;
    lesson_call *check;   /* NULL: typed answers are compared with answers */
    size_t step;          /* the step it belongs to */
    int line;
} lesson_exercise_def;

typedef enum lesson_block_kind {
    LESSON_HEADING,
    LESSON_PARA,
    LESSON_CODE_BLOCK,
    LESSON_TABLE,
    LESSON_RULE,
    LESSON_ACTION,
    LESSON_EXERCISE,
} lesson_block_kind;

enum { LESSON_ALIGN_LEFT, LESSON_ALIGN_CENTER, LESSON_ALIGN_RIGHT };

typedef struct lesson_block {
    lesson_block_kind kind;
    int level;          /* HEADING: 3 for ###, ... */
    int indent;         /* columns of list and quote nesting */
    bool quote;         /* inside a block quote */
    char *bullet;       /* PARA: list marker on the first line ("• ", "2. "), or NULL */
    lesson_inline text; /* HEADING, PARA */
    char *code;         /* CODE_BLOCK */
    char *info;         /* CODE_BLOCK: the fence's info string */
    size_t rows, cols;  /* TABLE: row 0 is the header */
    lesson_inline *cells;   /* rows × cols */
    uint8_t *align;         /* per column */
    lesson_call *action;            /* ACTION */
    lesson_exercise_def *exercise;  /* EXERCISE */
} lesson_block;

typedef struct lesson_step {
    char *title;
    lesson_block *blocks;
    size_t nblocks, cap;
} lesson_step;

enum { LESSON_PARTS_MAX = 3, LESSON_TITLE_COLUMNS = 20 };

typedef struct lesson_front {
    char title[64];       /* short, for the map */
    int part;             /* 1..LESSON_PARTS_MAX */
    char part_name[40];   /* "Foundations" */
    int part_line;        /* where part: stands, for messages */
    char summary[200];    /* one line: what the student does */
} lesson_front;

typedef struct lesson_doc {
    zk_arena arena;
    bool has_front;       /* the text opened with front matter */
    lesson_front front;
    char *slug;     /* "03-schnorr" */
    int number;     /* 3, from the slug */
    char *title;
    lesson_step *steps;
    size_t nsteps, cap;
    lesson_exercise_def **exercises;   /* in reading order */
    size_t nexercises, ex_cap;
    lesson_call **actions;             /* action blocks in reading order */
    size_t nactions, act_cap;
} lesson_doc;

/* Reads the front matter at the start of text strictly: each of title,
 * part and summary exactly once, nothing else. On ZK_OK *body is the offset
 * of the Markdown after it and *body_line that offset's line number; on
 * ZK_EFORMAT why names the line ("line 3: unknown key 'tilte' ..."). */
zk_err lesson_front_parse(lesson_front *f, size_t *body, int *body_line, const char *text,
                          size_t len, char *why, size_t why_len);

/* Parses a lesson's Markdown, after its front matter when the text opens
 * with `---` (the catalog requires it; a text without it parses too). slug names it ("03-schnorr"; the number is read
 * from its first digits). On ZK_EFORMAT, why holds a one-line reason with the
 * line number ("line 12: exercise has no answer:"). */
zk_err lesson_doc_parse(lesson_doc *doc, const char *text, size_t len, const char *slug,
                        char *why, size_t why_len);
/* Reads and parses a lesson file; the slug is the file name without ".md". */
zk_err lesson_doc_load(lesson_doc *doc, const char *path, char *why, size_t why_len);
void lesson_doc_free(lesson_doc *doc);

/* The text of an inline run list without styles, into out (truncated). */
void lesson_inline_plain(const lesson_inline *in, char *out, size_t out_len);

/* The value of key in params, or fallback. */
const char *lesson_param_get(const lesson_params *p, const char *key, const char *fallback);

/* Parses "name k=v k2="v 2"" into a call (used for action blocks and
 * `check:` lines). ZK_EFORMAT with a reason for a malformed line. */
zk_err lesson_call_parse(zk_arena *a, lesson_call *call, const char *line, char *why,
                         size_t why_len);
/* The bodies of fenced action and exercise blocks. first_line is the line
 * number of the body's first line, for messages. */
zk_err lesson_action_block_parse(zk_arena *a, lesson_call *call, const char *body,
                                 int first_line, char *why, size_t why_len);
zk_err lesson_exercise_block_parse(zk_arena *a, lesson_exercise_def *ex, const char *body,
                                   int first_line, char *why, size_t why_len);

#endif
