/* The built-in action tables, one per part of the curriculum. */
#ifndef ZK_LESSON_ACTIONS_H
#define ZK_LESSON_ACTIONS_H

#include "lesson/action.h"

typedef struct lesson_action_table {
    const lesson_action *actions;
    size_t n;
} lesson_action_table;

/* demo.*: small actions the tests and the lesson format's own example use. */
extern const lesson_action_table lesson_actions_demo;
/* cave.*, schnorr.*, fs.*, bip340.*: Part 1, over src/sigma. */
extern const lesson_action_table lesson_actions_part1;

#endif
