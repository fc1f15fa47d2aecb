/* What the circuit actions (lessons 05, 06, 19) share: field values as a
 * student reads them, and a small R1CS shown as matrices or equations with
 * every row checked against a witness.
 *
 * The panel of an action is 72 columns wide on an 80-column terminal, less
 * two for the ✔ / ✘ mark, so a system is drawn as its three matrices side by
 * side only when a row fits in LESSON_R1CS_COLS; otherwise each row is shown
 * as the equation it stands for ("x · x = sym_1"), which any width can
 * wrap. */
#ifndef ZK_LESSON_CIRCUIT_VIEW_H
#define ZK_LESSON_CIRCUIT_VIEW_H

#include "circuit/r1cs.h"
#include "circuit/r1cs_view.h"
#include "lesson/action.h"

enum { LESSON_R1CS_COLS = 70, LESSON_FR_TEXT = 48 };

/* A field element as a signed integer when it is one below 2^64 or the
 * negative of one ("-5" for r - 5), else its decimal digits shortened
 * ("1234567…89"). */
char *lesson_fr_text(char out[LESSON_FR_TEXT], const fr_t *v);

/* Reads a whole number by the answer checker's rules ("-5", "35", "2^64")
 * into v, reduced mod r. ZK_EPARSE when it is not one. */
zk_err lesson_fr_parse(fr_t *v, const char *s);

/* One side (0 A, 1 B, 2 C) of row i as a linear combination of names:
 * "x + sym_2", "5", "0". */
void lesson_r1cs_side_text(char *buf, size_t cap, const r1cs *s, size_t i, int side,
                           const char *const *names);

/* Row i as the equation it states: "x · x = sym_1", "(sym_3 + 5) · 1 =
 * out", a linear row as "0 = C". */
void lesson_r1cs_row_equation(char *buf, size_t cap, const r1cs *s, size_t i,
                              const char *const *names);
/* A checked row's values: "3 · 3 = 9", or "10 · 3 = 30 ≠ 27" when it fails. */
void lesson_r1cs_row_values(char *buf, size_t cap, const r1cs_row_check *rc);

typedef struct lesson_r1cs_view {
    const char *const *names;   /* one per wire */
    const fr_t *w;              /* a witness to check, or NULL */
    bool matrices;              /* draw A, B, C when they fit */
    size_t max_rows;            /* rows shown before "… N more"; 0: all */
} lesson_r1cs_view;

/* Appends the system to out: a line naming the columns, then one line per
 * row, marked ✔ or ✘ when a witness is given. Returns the number of
 * failing rows (0 without a witness) in *failing and the first in *first
 * (n_rows when none). ZK_ENOMEM only. */
zk_err lesson_r1cs_show(lesson_result *out, const r1cs *s, const lesson_r1cs_view *v,
                        size_t *failing, size_t *first);

/* A checker's typed answer as a field value ("-5" is r - 5): ZK_EPARSE (and
 * a feedback message in out) when it is not a whole number. */
zk_err lesson_answer_fr(lesson_result *out, const lesson_params *p, fr_t *v);

#endif
