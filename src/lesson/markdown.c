/* Lesson Markdown → lesson_doc, through md4c's callbacks (CommonMark with the
 * GitHub table and strikethrough extensions; raw HTML is shown as text).
 *
 * md4c reports nested blocks as enter/leave events; this file keeps a small
 * stack of the lists and quotes it is inside and turns every paragraph into a
 * flat block that carries its indent and bullet, which is all a terminal
 * renderer needs. */
#include <md4c.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/file.h"
#include "lesson/doc.h"
#include "viz/text.h"

enum { MAX_NEST = 16 };

typedef struct parse_ctx {
    lesson_doc *doc;
    const char *src;
    size_t src_len;
    zk_err err;
    char *why;
    size_t why_len;

    /* Lists and quotes we are inside, outermost first. */
    struct {
        bool ordered, quote;
        unsigned next;   /* next item number of an ordered list */
    } nest[MAX_NEST];
    int depth;
    bool item_fresh;     /* the next paragraph starts a list item */

    lesson_inline *cur;  /* where text goes now, or NULL */
    lesson_inline scratch;   /* headings collect here */
    bool implicit;       /* cur is a paragraph opened by text in a tight item */
    int em, strong, in_code_span, link, del;

    bool in_code;
    char *code;
    size_t code_len, code_cap;
    const char *code_start;   /* first text of the block, for line numbers */

    bool in_table, in_head;
    lesson_block *table;
    size_t cell_cap, col;
} parse_ctx;

static int fail(parse_ctx *c, zk_err err, const char *fmt, ...)
{
    if (!c->err) {
        c->err = err;
        if (fmt && c->why && c->why_len) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(c->why, c->why_len, fmt, ap);
            va_end(ap);
        }
    }
    return 1;   /* non-zero stops md4c */
}

static int line_of(const parse_ctx *c, const char *p)
{
    int line = 1;
    for (const char *s = c->src; s < p; s++)
        line += *s == '\n';
    return line;
}

static lesson_step *add_step(parse_ctx *c, const char *title)
{
    lesson_doc *d = c->doc;
    if (!zk_arena_reserve(&d->arena, (void **)&d->steps, &d->cap, d->nsteps + 1,
                              sizeof *d->steps))
        return NULL;
    lesson_step *s = &d->steps[d->nsteps++];
    memset(s, 0, sizeof *s);
    s->title = zk_arena_strdup(&d->arena, title);
    return s->title ? s : NULL;
}

/* A new block in the current step (opening a first step when text comes
 * before any `## ` heading). */
static lesson_block *add_block(parse_ctx *c, lesson_block_kind kind)
{
    lesson_doc *d = c->doc;
    if (!d->nsteps && !add_step(c, d->title ? d->title : "Introduction")) {
        fail(c, ZK_ENOMEM, NULL);
        return NULL;
    }
    lesson_step *s = &d->steps[d->nsteps - 1];
    if (!zk_arena_reserve(&d->arena, (void **)&s->blocks, &s->cap, s->nblocks + 1,
                              sizeof *s->blocks)) {
        fail(c, ZK_ENOMEM, NULL);
        return NULL;
    }
    lesson_block *b = &s->blocks[s->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    for (int i = 0; i < c->depth; i++) {
        b->indent += 2;
        b->quote |= c->nest[i].quote;
    }
    return b;
}

static unsigned cur_style(const parse_ctx *c)
{
    return (c->em ? LESSON_EMPH : 0) | (c->strong ? LESSON_STRONG : 0) |
           (c->in_code_span ? LESSON_CODE : 0) | (c->link ? LESSON_LINK : 0) |
           (c->del ? LESSON_STRIKE : 0);
}

/* Appends text in the current style, merging with the previous run when the
 * style is the same. */
static void append(parse_ctx *c, lesson_inline *in, const char *text, size_t len)
{
    zk_arena *a = &c->doc->arena;
    unsigned style = cur_style(c);
    if (in->n && in->runs[in->n - 1].style == style) {
        lesson_run *r = &in->runs[in->n - 1];
        size_t old = strlen(r->text);
        char *joined = zk_arena_alloc(a, old + len + 1);
        if (!joined) {
            fail(c, ZK_ENOMEM, NULL);
            return;
        }
        memcpy(joined, r->text, old);
        memcpy(joined + old, text, len);
        r->text = joined;
        return;
    }
    if (!zk_arena_reserve(a, (void **)&in->runs, &in->cap, in->n + 1, sizeof *in->runs)) {
        fail(c, ZK_ENOMEM, NULL);
        return;
    }
    lesson_run *r = &in->runs[in->n++];
    r->style = style;
    r->text = zk_arena_strndup(a, text, len);
    if (!r->text)
        fail(c, ZK_ENOMEM, NULL);
}

/* The bullet of a fresh list item: "• " (then "◦ " when nested) or "N. ". */
static char *take_bullet(parse_ctx *c)
{
    if (!c->item_fresh)
        return NULL;
    c->item_fresh = false;
    int list = c->depth - 1;
    while (list >= 0 && c->nest[list].quote)
        list--;
    if (list < 0)
        return NULL;
    char buf[16];
    if (c->nest[list].ordered) {
        snprintf(buf, sizeof buf, "%u. ", c->nest[list].next++);
    } else {
        int level = 0;
        for (int i = 0; i < list; i++)
            level += !c->nest[i].quote;
        snprintf(buf, sizeof buf, "%s ", level % 2 ? "◦" : "•");
    }
    return zk_arena_strdup(&c->doc->arena, buf);
}

static void open_para(parse_ctx *c, bool implicit)
{
    lesson_block *b = add_block(c, LESSON_PARA);
    if (!b)
        return;
    /* The list item's own indent is where its bullet hangs. */
    if (b->indent >= 2 && c->depth > 0 && !c->nest[c->depth - 1].quote)
        b->indent -= 2;
    b->bullet = take_bullet(c);
    if (!b->bullet && c->depth > 0 && !c->nest[c->depth - 1].quote)
        b->indent += 2;   /* a later paragraph of an item lines up with its text */
    c->cur = &b->text;
    c->implicit = implicit;
}

static void close_implicit(parse_ctx *c)
{
    if (c->implicit) {
        c->cur = NULL;
        c->implicit = false;
    }
}

static void push_nest(parse_ctx *c, bool ordered, bool quote, unsigned start)
{
    close_implicit(c);
    if (c->depth >= MAX_NEST) {
        fail(c, ZK_EFORMAT, "lists or quotes nested more than %d deep", MAX_NEST);
        return;
    }
    c->nest[c->depth].ordered = ordered;
    c->nest[c->depth].quote = quote;
    c->nest[c->depth].next = start;
    c->depth++;
}

static void finish_heading(parse_ctx *c, int level)
{
    char title[256];
    lesson_inline_plain(&c->scratch, title, sizeof title);
    lesson_doc *d = c->doc;
    if (level == 1 && !d->title) {
        d->title = zk_arena_strdup(&d->arena, title);
        if (!d->title)
            fail(c, ZK_ENOMEM, NULL);
    } else if (level <= 2) {
        if (!add_step(c, title))
            fail(c, ZK_ENOMEM, NULL);
    } else {
        lesson_block *b = add_block(c, LESSON_HEADING);
        if (b) {
            b->level = level;
            b->text = c->scratch;
        }
    }
    memset(&c->scratch, 0, sizeof c->scratch);
}

static void finish_code(parse_ctx *c, const MD_BLOCK_CODE_DETAIL *detail)
{
    zk_arena *a = &c->doc->arena;
    char *body = zk_arena_strndup(a, c->code ? c->code : "", c->code_len);
    char *info = zk_arena_strndup(a, detail->info.text ? detail->info.text : "",
                                      detail->info.size);
    if (!body || !info) {
        fail(c, ZK_ENOMEM, NULL);
        return;
    }
    size_t lang_len = strcspn(info, " \t");
    int first = c->code_start ? line_of(c, c->code_start) : 0;
    lesson_doc *d = c->doc;
    if (lang_len == 6 && strncmp(info, "action", 6) == 0) {
        lesson_block *b = add_block(c, LESSON_ACTION);
        lesson_call *call = zk_arena_alloc(a, sizeof *call);
        if (!b || !call ||
            !zk_arena_reserve(a, (void **)&d->actions, &d->act_cap, d->nactions + 1,
                                  sizeof *d->actions)) {
            fail(c, ZK_ENOMEM, NULL);
            return;
        }
        zk_err err = lesson_action_block_parse(a, call, body, first, c->why, c->why_len);
        if (err) {
            fail(c, err, NULL);
            return;
        }
        b->action = call;
        d->actions[d->nactions++] = call;
    } else if (lang_len == 8 && strncmp(info, "exercise", 8) == 0) {
        lesson_block *b = add_block(c, LESSON_EXERCISE);
        lesson_exercise_def *ex = zk_arena_alloc(a, sizeof *ex);
        if (!b || !ex ||
            !zk_arena_reserve(a, (void **)&d->exercises, &d->ex_cap, d->nexercises + 1,
                                  sizeof *d->exercises)) {
            fail(c, ZK_ENOMEM, NULL);
            return;
        }
        zk_err err = lesson_exercise_block_parse(a, ex, body, first, c->why, c->why_len);
        if (err) {
            fail(c, err, NULL);
            return;
        }
        ex->step = d->nsteps - 1;
        if (!ex->id) {
            char id[16];
            snprintf(id, sizeof id, "%zu", d->nexercises + 1);
            ex->id = zk_arena_strdup(a, id);
        }
        for (size_t i = 0; i < d->nexercises; i++)
            if (strcmp(d->exercises[i]->id, ex->id) == 0) {
                fail(c, ZK_EFORMAT, "line %d: exercise id '%s' is used twice", first, ex->id);
                return;
            }
        b->exercise = ex;
        d->exercises[d->nexercises++] = ex;
    } else {
        lesson_block *b = add_block(c, LESSON_CODE_BLOCK);
        if (b) {
            /* The fence's last newline is not part of the code. */
            size_t n = strlen(body);
            if (n && body[n - 1] == '\n')
                body[n - 1] = '\0';
            b->code = body;
            b->info = info;
        }
    }
}

static void table_cell(parse_ctx *c, const MD_BLOCK_TD_DETAIL *td)
{
    lesson_block *t = c->table;
    zk_arena *a = &c->doc->arena;
    if (!t || c->col >= t->cols)
        return;   /* md4c gives every row col_count cells; more would be a bug */
    size_t index = (t->rows - 1) * t->cols + c->col;
    if (!zk_arena_reserve(a, (void **)&t->cells, &c->cell_cap, index + 1, sizeof *t->cells)) {
        fail(c, ZK_ENOMEM, NULL);
        return;
    }
    memset(&t->cells[index], 0, sizeof t->cells[index]);
    if (t->rows == 1)
        t->align[c->col] = td->align == MD_ALIGN_CENTER  ? LESSON_ALIGN_CENTER
                           : td->align == MD_ALIGN_RIGHT ? LESSON_ALIGN_RIGHT
                                                         : LESSON_ALIGN_LEFT;
    c->cur = &t->cells[index];
    c->col++;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    parse_ctx *c = user;
    switch (type) {
    case MD_BLOCK_UL:
        push_nest(c, false, false, 0);
        break;
    case MD_BLOCK_OL:
        push_nest(c, true, false, ((MD_BLOCK_OL_DETAIL *)detail)->start);
        break;
    case MD_BLOCK_QUOTE:
        push_nest(c, false, true, 0);
        break;
    case MD_BLOCK_LI:
        close_implicit(c);
        c->item_fresh = true;
        break;
    case MD_BLOCK_P:
        if (!c->in_table)
            open_para(c, false);
        break;
    case MD_BLOCK_H:
        close_implicit(c);
        memset(&c->scratch, 0, sizeof c->scratch);
        c->cur = &c->scratch;
        break;
    case MD_BLOCK_CODE:
        close_implicit(c);
        c->in_code = true;
        c->code_len = 0;
        c->code_start = NULL;
        break;
    case MD_BLOCK_HR:
        close_implicit(c);
        add_block(c, LESSON_RULE);
        break;
    case MD_BLOCK_TABLE: {
        close_implicit(c);
        c->table = add_block(c, LESSON_TABLE);
        if (!c->table)
            break;
        c->table->cols = ((MD_BLOCK_TABLE_DETAIL *)detail)->col_count;
        c->table->align = zk_arena_alloc(&c->doc->arena, c->table->cols + 1);
        c->cell_cap = 0;
        c->in_table = true;
        if (!c->table->align)
            fail(c, ZK_ENOMEM, NULL);
        break;
    }
    case MD_BLOCK_TR:
        if (c->table) {
            c->table->rows++;
            c->col = 0;
        }
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        table_cell(c, detail);
        break;
    case MD_BLOCK_HTML:
        open_para(c, false);
        break;
    default:
        break;
    }
    return c->err ? 1 : 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    parse_ctx *c = user;
    switch (type) {
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_QUOTE:
        close_implicit(c);
        if (c->depth > 0)
            c->depth--;
        break;
    case MD_BLOCK_LI:
        close_implicit(c);
        c->item_fresh = false;
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
        c->cur = NULL;
        break;
    case MD_BLOCK_H:
        c->cur = NULL;
        finish_heading(c, (int)((MD_BLOCK_H_DETAIL *)detail)->level);
        break;
    case MD_BLOCK_CODE:
        c->in_code = false;
        finish_code(c, detail);
        break;
    case MD_BLOCK_TABLE:
        /* Every row must have all its cells, even if the input was short of
         * some: the ones never filled stay empty (the arena zeroes). */
        if (c->table && !zk_arena_reserve(&c->doc->arena, (void **)&c->table->cells,
                                              &c->cell_cap, c->table->rows * c->table->cols + 1,
                                              sizeof *c->table->cells))
            fail(c, ZK_ENOMEM, NULL);
        c->in_table = false;
        c->table = NULL;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        c->cur = NULL;
        break;
    default:
        break;
    }
    return c->err ? 1 : 0;
}

static int span(MD_SPANTYPE type, int delta, parse_ctx *c)
{
    switch (type) {
    case MD_SPAN_EM:
        c->em += delta;
        break;
    case MD_SPAN_STRONG:
        c->strong += delta;
        break;
    case MD_SPAN_CODE:
        c->in_code_span += delta;
        break;
    case MD_SPAN_A:
    case MD_SPAN_WIKILINK:
        c->link += delta;
        break;
    case MD_SPAN_DEL:
        c->del += delta;
        break;
    default:
        break;
    }
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)detail;
    return span(type, 1, user);
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)detail;
    return span(type, -1, user);
}

/* HTML entities: the few named ones lessons use, and numeric ones. */
static void entity(parse_ctx *c, const char *text, size_t len)
{
    static const struct {
        const char *name, *utf8;
    } named[] = {
        {"&amp;", "&"},   {"&lt;", "<"},    {"&gt;", ">"},     {"&quot;", "\""},
        {"&apos;", "'"},  {"&nbsp;", " "},  {"&times;", "×"},  {"&middot;", "·"},
        {"&minus;", "−"}, {"&rarr;", "→"},  {"&larr;", "←"},   {"&le;", "≤"},
        {"&ge;", "≥"},    {"&ne;", "≠"},    {"&hellip;", "…"}, {"&mdash;", "—"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strlen(named[i].name) == len && strncmp(named[i].name, text, len) == 0) {
            append(c, c->cur, named[i].utf8, strlen(named[i].utf8));
            return;
        }
    if (len > 3 && text[1] == '#') {
        char num[16];
        size_t n = len - 3 < sizeof num - 1 ? len - 3 : sizeof num - 1;
        memcpy(num, text + 2, n);
        num[n] = '\0';
        bool hex = num[0] == 'x' || num[0] == 'X';
        char out[5];
        size_t k = viz_utf8_encode(out, (uint32_t)strtoul(num + hex, NULL, hex ? 16 : 10));
        append(c, c->cur, out, k);
        return;
    }
    append(c, c->cur, text, len);
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *user)
{
    parse_ctx *c = user;
    if (c->in_code) {
        /* md4c hands some text (indentation) from its own buffers: only
         * pointers into the lesson tell a line number. */
        uintptr_t at = (uintptr_t)s, lo = (uintptr_t)c->src;
        if (!c->code_start && at >= lo && at < lo + c->src_len)
            c->code_start = s;
        size_t need = c->code_len + size + 1;
        if (need > c->code_cap) {
            size_t cap = need * 2;
            char *more = zk_realloc(c->code, cap, 1);
            if (!more)
                return fail(c, ZK_ENOMEM, NULL);
            c->code = more;
            c->code_cap = cap;
        }
        memcpy(c->code + c->code_len, s, size);
        c->code_len += size;
        return 0;
    }
    if (!c->cur) {
        if (c->in_table)
            return 0;
        open_para(c, true);   /* text straight inside a tight list item */
        if (!c->cur)
            return 1;
    }
    switch (type) {
    case MD_TEXT_BR:
        append(c, c->cur, "\n", 1);
        break;
    case MD_TEXT_SOFTBR:
        append(c, c->cur, " ", 1);
        break;
    case MD_TEXT_ENTITY:
        entity(c, s, size);
        break;
    case MD_TEXT_NULLCHAR:
        append(c, c->cur, "\xEF\xBF\xBD", 3);
        break;
    default:
        append(c, c->cur, s, size);
        break;
    }
    return c->err ? 1 : 0;
}

zk_err lesson_doc_parse(lesson_doc *doc, const char *src, size_t len, const char *slug,
                        char *why, size_t why_len)
{
    memset(doc, 0, sizeof *doc);
    if (why && why_len)
        why[0] = '\0';
    doc->slug = zk_arena_strdup(&doc->arena, slug);
    doc->number = atoi(slug);
    parse_ctx c = {.doc = doc, .src = src, .src_len = len, .why = why, .why_len = why_len};
    if (!doc->slug)
        c.err = ZK_ENOMEM;
    MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML |
                 MD_FLAG_NOINDENTEDCODEBLOCKS,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = text,
    };
    /* md4c reads the Markdown after the front matter; line numbers still
     * count from the file's first line, since c.src is the whole text. */
    size_t body = 0;
    int body_line = 1;
    if (!c.err && len >= 4 && memcmp(src, "---\n", 4) == 0) {
        c.err = lesson_front_parse(&doc->front, &body, &body_line, src, len, why, why_len);
        doc->has_front = !c.err;
    }
    if (!c.err && len > 0xFFFFFFFFu)
        c.err = ZK_EOVERFLOW;
    if (!c.err && md_parse(src + body, (MD_SIZE)(len - body), &parser, &c) != 0 && !c.err)
        fail(&c, ZK_EFORMAT, "the Markdown parser gave up");
    zk_free(c.code);
    if (!c.err && !doc->title)
        fail(&c, ZK_EFORMAT, "line %d: a lesson starts with a '# Title' heading", body_line);
    if (!c.err && !doc->nsteps)
        fail(&c, ZK_EFORMAT, "the lesson has no text");
    if (c.err) {
        lesson_doc_free(doc);
        return c.err;
    }
    return ZK_OK;
}

zk_err lesson_doc_load(lesson_doc *doc, const char *path, char *why, size_t why_len)
{
    char *text;
    size_t len;
    memset(doc, 0, sizeof *doc);
    zk_err err = zk_file_read(path, 1u << 22, &text, &len);
    if (err) {
        if (why && why_len)
            snprintf(why, why_len, "cannot read %s", path);
        return err;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char slug[128];
    size_t n = strcspn(base, ".");
    snprintf(slug, sizeof slug, "%.*s", (int)(n < sizeof slug - 1 ? n : sizeof slug - 1), base);
    err = lesson_doc_parse(doc, text, len, slug, why, why_len);
    zk_free(text);
    return err;
}

void lesson_doc_free(lesson_doc *doc)
{
    zk_arena_free(&doc->arena);
    memset(doc, 0, sizeof *doc);
}

void lesson_inline_plain(const lesson_inline *in, char *out, size_t out_len)
{
    size_t n = 0;
    if (!out_len)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < in->n; i++) {
        size_t len = strlen(in->runs[i].text);
        if (n + len >= out_len)
            len = out_len - 1 - n;
        memcpy(out + n, in->runs[i].text, len);
        n += len;
        out[n] = '\0';
    }
}
