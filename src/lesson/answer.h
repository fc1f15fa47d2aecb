/* Judging a typed answer against a lesson's expected one: the one parser and
 * comparer every exercise and every checker action uses.
 *
 * Answers are read the way a careful teacher reads them:
 * - case, spacing, a final full stop and a leading "s =" do not matter, and
 *   pasted Unicode math (2⁻²⁰, 3·4, −1) reads as its ASCII twin;
 * - exact forms are compared exactly, as rationals: "2^-256", "1/1048576",
 *   "(1/2)^20", "0.5", "50%" and "1,048,576" (commas only in groups of three);
 * - a decimal that is not exactly the answer counts only when it carries at
 *   least 3 significant digits and lies within 0.5 % of it ("9.54e-7" for
 *   2^-20, not "1e-6"), and only when the answer is not a whole number;
 *   0 never matches a non-zero answer;
 * - a choice answer ("b") accepts the letter ("b", "(b)", "b)") or the
 *   choice's full text from the prompt ("the statement y"), or the short
 *   text before a colon when no other choice starts the same ("no");
 * - a list ("[1, 3, 35]", "1, 3, 35" or "1 3 35") is read strictly:
 *   brackets matched, no empty item, nothing after the closing bracket. */
#ifndef ZK_LESSON_ANSWER_H
#define ZK_LESSON_ANSWER_H

#include <gmp.h>

#include "core/err.h"
#include "core/types.h"

enum { LESSON_LIST_MAX = 64, LESSON_ANSWER_MAX = 512 };

/* A number as typed: its exact value, and whether it was written as a
 * decimal approximation (a point or an e-exponent) with how many
 * significant digits its least precise decimal has. */
typedef struct lesson_number {
    mpq_t value;
    bool approx;
    int digits;
} lesson_number;

void lesson_number_init(lesson_number *n);
void lesson_number_clear(lesson_number *n);

/* Reads one arithmetic answer: numbers (decimal, e-notation, a trailing %,
 * digit-grouping commas), + - * / ^ (or **) with whole exponents, unary
 * minus and parentheses. ZK_EPARSE for anything else, trailing text
 * included, for a zero divisor, and for results past about 2^65536. */
zk_err lesson_number_parse(lesson_number *out, const char *typed);

/* True when typed is an acceptable way to give the exact value expected. */
bool lesson_number_matches(const lesson_number *typed, const mpq_t expected);

/* A whole number, exactly (any size; "17", "2^10", "-3", "x = 5").
 * ZK_EPARSE when typed is not one. */
zk_err lesson_answer_integer(mpz_t out, const char *typed);

/* The items of a typed list, each its own NUL-terminated text. */
typedef struct lesson_list {
    char *items[LESSON_LIST_MAX];
    size_t n;
    bool bracketed;   /* written inside [ ] or ( ) */
    char buf[LESSON_ANSWER_MAX];
} lesson_list;

/* Splits "[a, b, c]", "(a, b, c)" or "a, b, c" at its top-level commas
 * (at its spaces when it has none: "a b c").
 * ZK_EPARSE for unmatched brackets, an empty item, text after the closing
 * bracket, or more than LESSON_LIST_MAX items. */
zk_err lesson_answer_list(lesson_list *out, const char *typed);

/* True when typed gives the answer expected. prompt (may be NULL) supplies
 * the lettered choices "a) ..." or "(a) ..." of a multiple-choice question. */
bool lesson_answer_matches(const char *typed, const char *expected, const char *prompt);

/* The normal form used for text comparison (Unicode math in ASCII, lower
 * case, single spaces, no surrounding blanks or final full stop, no leading
 * "name ="), into out. */
void lesson_answer_normalize(const char *s, char *out, size_t out_len);

#endif
