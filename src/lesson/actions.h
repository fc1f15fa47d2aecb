/* A family of built-in actions: the <family>.* actions, defined in
 * actions_<family>.c (in this folder) as
 *
 *   const lesson_action_table lesson_actions_<family> = {actions, n};
 *
 * and found there by name alone (action.c, from the Makefile's list of
 * those files): grep an action's name and its family's file holds it. */
#ifndef ZK_LESSON_ACTIONS_H
#define ZK_LESSON_ACTIONS_H

#include "lesson/action.h"

typedef struct lesson_action_table {
    const lesson_action *actions;
    size_t n;
} lesson_action_table;

#endif
