/* `make check-lessons`: every lesson file in a directory parses, every
 * action it calls is registered and reads the parameters and inputs the
 * lesson gives it, every action runs without error, and every exercise
 * accepts its answers and accept: lines and refuses its reject: lines
 * (through its checker when it has one; at least one reject: each), while a
 * checker also refuses nonsense. */
#ifndef ZK_LESSON_VERIFY_H
#define ZK_LESSON_VERIFY_H

#include <stdio.h>

#include "core/types.h"

typedef struct lesson_verify_stats {
    size_t lessons, steps, actions, exercises;
    size_t problems;
} lesson_verify_stats;

/* Checks every NN-*.md in dir, printing one line per problem to out
 * ("lessons/03-schnorr.md:42: no action named 'schnorr.rond'") and one line
 * per lesson. run_actions = false only resolves names and parameters. */
void lesson_verify_dir(lesson_verify_stats *stats, const char *dir, bool run_actions, FILE *out);

#endif
