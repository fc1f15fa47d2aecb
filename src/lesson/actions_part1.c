/* Part 1 actions (the cave, Schnorr, Fiat-Shamir) over src/sigma. */
#include "lesson/actions.h"

static const lesson_action actions[] = {
    {"demo.placeholder", "", "", NULL},
};

const lesson_action_table lesson_actions_part1 = {actions, 0};
