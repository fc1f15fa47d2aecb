/* The fixture of the tests of lesson actions: one action line run as the
 * workbench runs it, and the result lines looked up by their text. */
#ifndef ZK_TEST_LESSON_FIXTURE_H
#define ZK_TEST_LESSON_FIXTURE_H

#include <stdbool.h>

#include "lesson/action.h"

/* Parses and runs one action line (`qap.demo expr=...`) into r; fails the
 * test unless the action returns want. ZK_DUMP=1 prints the result. */
void lf_run(lesson_result *r, const char *text, zk_err want);
/* The first line containing needle; fails the test when there is none. */
const lesson_line *lf_line_with(const lesson_result *r, const char *needle);
bool lf_has_line(const lesson_result *r, const char *needle);
/* How many lines carry mark m. */
size_t lf_count_mark(const lesson_result *r, lesson_mark m);

#endif
