#include "lesson/catalog.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"

zk_err lesson_catalog_find_dir(char *out, size_t len)
{
    return zk_data_dir(out, len, "lessons", "ZKCAVE_LESSONS");
}

/* "03-schnorr.md" → 3; 0 for names that are not lesson files. */
static int lesson_number(const char *name)
{
    size_t len = strlen(name);
    if (len < 7 || name[0] < '0' || name[0] > '9' || name[1] < '0' || name[1] > '9' ||
        name[2] != '-' || strcmp(name + len - 3, ".md") != 0)
        return 0;
    return (name[0] - '0') * 10 + (name[1] - '0');
}

/* The slot's file name, for messages. */
static const char *slot_file(const lesson_slot *s)
{
    const char *base = strrchr(s->path, '/');
    return base ? base + 1 : s->path;
}

/* Marks s broken: "03-schnorr.md: " and the reason. */
static void slot_fail(lesson_slot *s, const char *fmt, ...)
{
    int n = snprintf(s->error, sizeof s->error, "%.100s: ", slot_file(s));
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error + n, sizeof s->error - (size_t)n, fmt, ap);
    va_end(ap);
    if (s->loaded)
        lesson_doc_free(&s->doc);
    s->loaded = false;
}

/* The map's information for slot s from its file's text: the front matter,
 * or when that is broken the slug ("07-qap" → "qap") and no summary. */
static void read_info(lesson_slot *s, const char *text, size_t len)
{
    lesson_front f;
    size_t body;
    int line;
    char why[200];
    const char *base = slot_file(s);
    if (lesson_front_parse(&f, &body, &line, text, len, why, sizeof why) == ZK_OK) {
        snprintf(s->info.title, sizeof s->info.title, "%s", f.title);
        snprintf(s->info.summary, sizeof s->info.summary, "%s", f.summary);
        snprintf(s->info.part_name, sizeof s->info.part_name, "%s", f.part_name);
        s->info.part = f.part - 1;
        s->info.part_line = f.part_line;
        return;
    }
    size_t n = strcspn(base + 3, ".");
    snprintf(s->info.title, sizeof s->info.title, "%.*s", (int)(n < 20 ? n : 20), base + 3);
    s->info.part = -1;
    slot_fail(s, "%s", why);
}

static void load_slot(lesson_slot *s)
{
    char *text;
    size_t len;
    const char *base = slot_file(s);
    zk_err err = zk_file_read(s->path, 1u << 22, &text, &len);
    if (err) {
        slot_fail(s, "cannot be read (%s)", zk_strerror(err));
        s->info.part = -1;
        return;
    }
    read_info(s, text, len);
    if (!s->error[0]) {
        char why[200];
        char slug[128];
        size_t n = strcspn(base, ".");
        snprintf(slug, sizeof slug, "%.*s", (int)(n < sizeof slug - 1 ? n : sizeof slug - 1),
                 base);
        err = lesson_doc_parse(&s->doc, text, len, slug, why, sizeof why);
        s->loaded = err == ZK_OK;
        if (err)
            slot_fail(s, "%s", why[0] ? why : zk_strerror(err));
    }
    zk_free(text);
}

/* Parts run 1, 2, … in lesson order, each named one way, each at most
 * LESSON_PART_ROWS lessons; a lesson that breaks this is marked broken (its
 * file is wrong, not the map's code). A lesson without a readable part joins
 * the part before it. */
static void lay_out_parts(lesson_catalog *c)
{
    for (int i = 0; i < c->count; i++) {
        lesson_slot *s = &c->slots[i];
        int last = c->nparts ? c->nparts - 1 : 0, want = s->info.part;
        char name[sizeof c->parts[0]] = "";
        for (size_t k = 0; s->info.part_name[k] && k + 1 < sizeof name; k++) {
            char ch = s->info.part_name[k];
            name[k] = (char)(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
        }
        const char *problem = NULL;
        if (want >= 0 && want != c->nparts && want != c->nparts - 1)
            problem = "parts run 1, 2, 3 in lesson order, and this one is out of order";
        else if (want < 0)
            want = last;
        if (!problem && want < c->nparts && name[0] && c->parts[want][0] &&
            strcmp(c->parts[want], name) != 0)
            problem = "the part's name differs from the earlier lessons' of that part";
        if (!problem && want < c->nparts && c->part_count[want] >= LESSON_PART_ROWS)
            problem = "the map shows at most ten lessons a part";
        if (problem) {
            slot_fail(s, "line %d: %s", s->info.part_line, problem);
            want = last;
        }
        if (want == c->nparts) {
            c->part_first[want] = i + 1;
            c->nparts++;
        }
        if (!c->parts[want][0])
            snprintf(c->parts[want], sizeof c->parts[want], "%s", name);
        s->info.part = want;
        c->part_count[want]++;
    }
}

zk_err lesson_catalog_open(lesson_catalog *c, const char *dir)
{
    memset(c, 0, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    for (int i = 0; i < LESSON_MAX; i++)
        c->slots[i].info.number = i + 1;
    DIR *d = opendir(dir);
    if (!d)
        return ZK_EIO;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        int number = lesson_number(ent->d_name);
        lesson_slot *s = number >= 1 && number <= LESSON_MAX ? &c->slots[number - 1] : NULL;
        /* Two files for one number: the first in name order wins, stably. */
        if (!s || (s->path[0] && strcmp(s->path + strlen(dir) + 1, ent->d_name) < 0))
            continue;
        snprintf(s->path, sizeof s->path, "%s/%s", dir, ent->d_name);
        c->count = number > c->count ? number : c->count;
    }
    closedir(d);
    for (int i = 0; i < c->count; i++)
        if (c->slots[i].path[0])
            load_slot(&c->slots[i]);
        else
            c->slots[i].info.part = -1;
    lay_out_parts(c);
    return ZK_OK;
}

void lesson_catalog_free(lesson_catalog *c)
{
    for (int i = 0; i < c->count; i++)
        if (c->slots[i].loaded)
            lesson_doc_free(&c->slots[i].doc);
    memset(c, 0, sizeof *c);
}

lesson_slot *lesson_catalog_slot(lesson_catalog *c, int number)
{
    return number >= 1 && number <= c->count ? &c->slots[number - 1] : NULL;
}

size_t lesson_slot_solved(const lesson_slot *s, const lesson_progress *p)
{
    if (!s->loaded)
        return 0;
    const lesson_progress_entry *e =
        lesson_progress_entry_get((lesson_progress *)p, s->doc.slug, false);
    size_t n = 0;
    for (size_t i = 0; i < s->doc.nexercises; i++)
        n += lesson_progress_is_solved(e, s->doc.exercises[i]->id);
    return n;
}

lesson_status lesson_slot_status(const lesson_slot *s, const lesson_progress *p)
{
    if (!s->path[0])
        return LESSON_MISSING;
    if (!s->loaded)
        return LESSON_BROKEN;
    const lesson_progress_entry *e =
        lesson_progress_entry_get((lesson_progress *)p, s->doc.slug, false);
    if (!e)
        return LESSON_NEW;
    size_t solved = lesson_slot_solved(s, p);
    if (solved == s->doc.nexercises && (size_t)e->seen >= s->doc.nsteps)
        return LESSON_DONE;
    return e->seen > 0 || solved ? LESSON_STARTED : LESSON_NEW;
}

int lesson_catalog_next(const lesson_catalog *c, const lesson_progress *p)
{
    /* From the lesson opened last: itself while unfinished, else the next
     * unfinished one after it, wrapping round to earlier ones. */
    int last = -1;
    for (int i = 0; i < c->count; i++)
        if (c->slots[i].loaded && strcmp(c->slots[i].doc.slug, p->last) == 0)
            last = i;
    int start = last < 0 ? 0 : last;
    for (int k = 0; k < c->count; k++) {
        int i = (start + k) % c->count;
        lesson_status st = lesson_slot_status(&c->slots[i], p);
        if (st == LESSON_NEW || st == LESSON_STARTED)
            return i + 1;
    }
    return 0;
}
