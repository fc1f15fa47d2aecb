/* Judging a typed answer against a lesson's expected one.
 *
 * Answers are compared the way a teacher would read them: case, spacing and
 * a leading "s =" do not matter; numbers are compared by value, so "2^-20",
 * "1/1048576", "(1/2)^20" and "2⁻²⁰" are the same answer, and a decimal
 * within 0.5 % of a non-integer expected value counts (9.54e-7 for 2^-20).
 * An integer expected value must be hit exactly. A one-letter expected
 * answer (multiple choice) also accepts "(c)" and "c)". */
#ifndef ZK_LESSON_ANSWER_H
#define ZK_LESSON_ANSWER_H

#include "core/err.h"
#include "core/types.h"

bool lesson_answer_matches(const char *typed, const char *expected);

/* Evaluates an arithmetic answer: decimal numbers (with e-notation and
 * digit-grouping commas), + - * / ^, unary minus, parentheses, a trailing %,
 * and the Unicode signs · × − and superscript digits. ZK_EPARSE when s is
 * not such an expression. */
zk_err lesson_answer_eval(const char *s, double *out);

/* The normal form used for text comparison (lower case, single spaces, no
 * surrounding blanks or final full stop), into out. */
void lesson_answer_normalize(const char *s, char *out, size_t out_len);

#endif
