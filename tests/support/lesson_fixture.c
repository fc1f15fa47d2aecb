#include "lesson_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zk_test.h"
#include "core/arena.h"

void lf_run(lesson_result *r, const char *text, zk_err want)
{
    zk_arena arena = {0};
    lesson_call call = {0};
    assert_int_equal(lesson_call_parse(&arena, &call, text, NULL, 0), ZK_OK);
    zk_err err = lesson_action_run(r, &call, NULL, NULL);
    if (getenv("ZK_DUMP")) {
        printf("## %s -> %s %s\n", text, zk_strerror(err), r->message);
        for (size_t i = 0; i < r->nlines; i++)
            printf("%c %s\n", " +x-#"[r->lines[i].mark], r->lines[i].text);
    }
    zk_arena_free(&arena);
    if (err != want)
        fail_msg("%s: %s (%s), want %s", text, zk_strerror(err), r->message, zk_strerror(want));
}

bool lf_has_line(const lesson_result *r, const char *needle)
{
    for (size_t i = 0; i < r->nlines; i++)
        if (strstr(r->lines[i].text, needle))
            return true;
    return false;
}

const lesson_line *lf_line_with(const lesson_result *r, const char *needle)
{
    for (size_t i = 0; i < r->nlines; i++)
        if (strstr(r->lines[i].text, needle))
            return &r->lines[i];
    fail_msg("no line contains '%s'", needle);
    return NULL;
}

size_t lf_count_mark(const lesson_result *r, lesson_mark m)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nlines; i++)
        n += r->lines[i].mark == m;
    return n;
}
