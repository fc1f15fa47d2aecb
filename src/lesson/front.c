/* A lesson's front matter: the lines between a first `---` and the next,
 * one `key: value` each, holding what the map and `zkcave lessons` show
 * before the lesson is opened. Read strictly, so a typo is an error at its
 * line rather than a lesson that silently lands in the wrong part. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/doc.h"
#include "viz/text.h"

static zk_err front_fail(char *why, size_t why_len, int line, const char *fmt, ...)
{
    if (why && why_len) {
        int n = snprintf(why, why_len, "line %d: ", line);
        if (n >= 0 && (size_t)n < why_len) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(why + n, why_len - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return ZK_EFORMAT;
}

/* Copies a value into a fixed field: non-empty, fitting, one line. */
static zk_err take(char *out, size_t cap, const char *v, size_t n, const char *key, int line,
                   char *why, size_t why_len)
{
    if (!n)
        return front_fail(why, why_len, line, "'%s' is empty", key);
    if (n >= cap)
        return front_fail(why, why_len, line, "'%s' is longer than %zu bytes", key, cap - 1);
    memcpy(out, v, n);
    out[n] = '\0';
    return ZK_OK;
}

/* "2 Proving computation": the part's number (1..LESSON_PARTS_MAX) and name. */
static zk_err take_part(lesson_front *f, const char *v, size_t n, int line, char *why,
                        size_t why_len)
{
    if (n < 3 || v[0] < '1' || v[0] > '0' + LESSON_PARTS_MAX || v[1] != ' ' || v[2] == ' ')
        return front_fail(why, why_len, line, "part is 'N Name' with N from 1 to %d",
                          LESSON_PARTS_MAX);
    f->part = v[0] - '0';
    f->part_line = line;
    return take(f->part_name, sizeof f->part_name, v + 2, n - 2, "part", line, why, why_len);
}

zk_err lesson_front_parse(lesson_front *f, size_t *body, int *body_line, const char *text,
                          size_t len, char *why, size_t why_len)
{
    static const char *const keys[] = {"title", "part", "summary"};
    memset(f, 0, sizeof *f);
    if (why && why_len)
        why[0] = '\0';
    if (len < 4 || memcmp(text, "---\n", 4) != 0)
        return front_fail(why, why_len, 1, "a lesson starts with its front matter: '---', "
                          "then title:, part: and summary:, then '---'");
    int seen[3] = {0, 0, 0};
    size_t at = 4;
    int line = 2;
    for (;; line++) {
        if (at >= len)
            return front_fail(why, why_len, line, "the front matter has no closing '---'");
        const char *s = text + at;
        const char *nl = memchr(s, '\n', len - at);
        size_t n = nl ? (size_t)(nl - s) : len - at;
        at += n + (nl != NULL);
        if (n == 3 && memcmp(s, "---", 3) == 0)
            break;
        const char *colon = memchr(s, ':', n);
        if (!colon || colon + 1 == s + n || colon[1] != ' ')
            return front_fail(why, why_len, line, "expected 'key: value' in the front matter");
        size_t kn = (size_t)(colon - s);
        size_t k = 0;
        while (k < 3 && (strlen(keys[k]) != kn || memcmp(keys[k], s, kn) != 0))
            k++;
        if (k == 3)
            return front_fail(why, why_len, line, "unknown key '%.*s' in the front matter "
                              "(title, part, summary)", (int)(kn < 40 ? kn : 40), s);
        if (seen[k])
            return front_fail(why, why_len, line, "'%s' given twice (first on line %d)",
                              keys[k], seen[k]);
        seen[k] = line;
        const char *v = colon + 2;
        size_t vn = (size_t)(s + n - v);
        while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\r'))
            vn--;
        zk_err err = k == 0 ? take(f->title, sizeof f->title, v, vn, "title", line, why, why_len)
                   : k == 1 ? take_part(f, v, vn, line, why, why_len)
                            : take(f->summary, sizeof f->summary, v, vn, "summary", line, why,
                                   why_len);
        if (err)
            return err;
        /* The map gives a title one column of its three, at 80 columns. */
        if (k == 0 && viz_text_width(f->title, strlen(f->title), false) > LESSON_TITLE_COLUMNS)
            return front_fail(why, why_len, line, "the title is wider than %d columns "
                              "(the map's)", LESSON_TITLE_COLUMNS);
    }
    for (int k = 0; k < 3; k++)
        if (!seen[k])
            return front_fail(why, why_len, line, "the front matter has no '%s'", keys[k]);
    *body = at;
    *body_line = line + 1;
    return ZK_OK;
}
