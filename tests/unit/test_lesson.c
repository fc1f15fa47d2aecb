/* src/lesson: the Markdown lesson format, answers, exercises (three tries,
 * then the answer), the action registry, the progress store (atomic writes,
 * corrupt files set aside), the catalogue and check-lessons. */
#include "zk_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/file.h"
#include "lesson/action.h"
#include "lesson/answer.h"
#include "lesson/catalog.h"
#include "lesson/doc.h"
#include "lesson/exercise.h"
#include "lesson/progress.h"
#include "lesson/verify.h"

static const char sample[] =
    "# Sample lesson\n"
    "\n"
    "Intro with *emph*, **strong**, `code` and a [link](x) &amp; &#x2713;.\n"
    "\n"
    "## First step\n"
    "\n"
    "- one\n"
    "- two\n"
    "  1. nested\n"
    "  2. again\n"
    "\n"
    "> quoted\n"
    "\n"
    "Hard  \n"
    "break.\n"
    "\n"
    "### A heading\n"
    "\n"
    "| a | b |\n"
    "|:--|--:|\n"
    "| 1 | 2 |\n"
    "\n"
    "```c\n"
    "int x;\n"
    "```\n"
    "\n"
    "---\n"
    "\n"
    "## Second step\n"
    "\n"
    "```action\n"
    "demo.sum a=2 b=\"3\"\n"
    "input: b=5 the second number\n"
    "title: Adding\n"
    "```\n"
    "\n"
    "```exercise\n"
    "prompt: What is\n"
    "two plus three?\n"
    "  a) 5\n"
    "answer: 5\n"
    "answer: five\n"
    "accept: 5.0\n"
    "reject: 6\n"
    "reject: 5.01\n"
    "hint: count\n"
    "hint: 5\n"
    "```\n"
    "\n"
    "```exercise\n"
    "id: sum\n"
    "prompt: 4 + 5?\n"
    "check: demo.check_sum a=4 b=5\n"
    "answer: 9\n"
    "reject: 9 9\n"
    "```\n";

static void test_parse_structure(void **state)
{
    (void)state;
    lesson_doc d;
    char why[200];
    assert_int_equal(lesson_doc_parse(&d, sample, strlen(sample), "07-sample", why, sizeof why),
                     ZK_OK);
    assert_string_equal(d.title, "Sample lesson");
    assert_int_equal(d.number, 7);
    assert_int_equal(d.nsteps, 3);
    assert_string_equal(d.steps[0].title, "Sample lesson");   /* the intro */
    assert_string_equal(d.steps[1].title, "First step");
    assert_string_equal(d.steps[2].title, "Second step");
    /* Inline styles, entities. */
    const lesson_block *intro = &d.steps[0].blocks[0];
    assert_int_equal(intro->kind, LESSON_PARA);
    char plain[256];
    lesson_inline_plain(&intro->text, plain, sizeof plain);
    assert_string_equal(plain, "Intro with emph, strong, code and a link & ✓.");
    unsigned styles = 0;
    for (size_t i = 0; i < intro->text.n; i++)
        styles |= intro->text.runs[i].style;
    assert_int_equal(styles, LESSON_EMPH | LESSON_STRONG | LESSON_CODE | LESSON_LINK);
    /* Lists: bullets, numbering, nesting indent; a quote; a hard break. */
    const lesson_step *s1 = &d.steps[1];
    assert_string_equal(s1->blocks[0].bullet, "• ");
    assert_int_equal(s1->blocks[0].indent, 0);
    assert_string_equal(s1->blocks[1].bullet, "• ");
    assert_string_equal(s1->blocks[2].bullet, "1. ");
    assert_int_equal(s1->blocks[2].indent, 2);
    assert_string_equal(s1->blocks[3].bullet, "2. ");
    assert_true(s1->blocks[4].quote);
    lesson_inline_plain(&s1->blocks[5].text, plain, sizeof plain);
    assert_string_equal(plain, "Hard\nbreak.");
    assert_int_equal(s1->blocks[6].kind, LESSON_HEADING);
    assert_int_equal(s1->blocks[6].level, 3);
    const lesson_block *t = &s1->blocks[7];
    assert_int_equal(t->kind, LESSON_TABLE);
    assert_int_equal(t->rows, 2);
    assert_int_equal(t->cols, 2);
    assert_int_equal(t->align[0], LESSON_ALIGN_LEFT);
    assert_int_equal(t->align[1], LESSON_ALIGN_RIGHT);
    lesson_inline_plain(&t->cells[3], plain, sizeof plain);
    assert_string_equal(plain, "2");
    assert_int_equal(s1->blocks[8].kind, LESSON_CODE_BLOCK);
    assert_string_equal(s1->blocks[8].code, "int x;");
    assert_string_equal(s1->blocks[8].info, "c");
    assert_int_equal(s1->blocks[9].kind, LESSON_RULE);
    /* Action and exercise blocks. */
    assert_int_equal(d.nactions, 1);
    const lesson_call *a = d.actions[0];
    assert_string_equal(a->name, "demo.sum");
    assert_string_equal(lesson_param_get(&a->params, "b", NULL), "3");
    assert_string_equal(a->title, "Adding");
    assert_int_equal(a->ninputs, 1);
    assert_string_equal(a->inputs[0].name, "b");
    assert_string_equal(a->inputs[0].value, "5");
    assert_string_equal(a->inputs[0].label, "the second number");
    assert_int_equal(d.nexercises, 2);
    const lesson_exercise_def *e = d.exercises[0];
    assert_string_equal(e->id, "1");
    assert_string_equal(e->prompt, "What is two plus three?\n  a) 5");
    assert_int_equal(e->nanswers, 2);
    assert_int_equal(e->nhints, 2);
    assert_null(e->check);
    assert_int_equal(e->step, 2);
    assert_string_equal(d.exercises[1]->id, "sum");
    assert_string_equal(d.exercises[1]->check->name, "demo.check_sum");
    lesson_doc_free(&d);
}

/* unit: lines let a typed answer carry its unit after the value, as a
 * word of its own; another unit, the unit alone or glued on, are refused,
 * and a checker gets the value without it. */
static void test_exercise_units(void **state)
{
    (void)state;
    const char *text = "# T\n\n```exercise\nprompt: How many bytes?\nanswer: 128\n"
                       "unit: bytes\nunit: B\nreject: 127\n```\n\n```exercise\n"
                       "prompt: sum?\ncheck: demo.check_sum a=2 b=3\nanswer: 5\nunit: apples\n"
                       "reject: 4\n```\n";
    lesson_doc d;
    char why[200];
    assert_int_equal(lesson_doc_parse(&d, text, strlen(text), "01-x", why, sizeof why), ZK_OK);
    const lesson_exercise_def *e = d.exercises[0];
    assert_int_equal(e->nunits, 2);
    static const char *const good[] = {"128", "128 bytes", "128 B", "128 BYTES", "n = 128 bytes",
                                       "2^7 bytes"};
    static const char *const wrong[] = {"128 ms", "128bytes", "bytes", "127 bytes", "128 bytes b",
                                        "128 bytes."};
    bool right;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_int_equal(lesson_exercise_judge(e, good[i], &right, NULL, 0), ZK_OK);
        if (!right)
            fail_msg("'%s' refused", good[i]);
    }
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        assert_int_equal(lesson_exercise_judge(e, wrong[i], &right, NULL, 0), ZK_OK);
        if (right && strcmp(wrong[i], "128 bytes.") != 0)
            fail_msg("'%s' accepted", wrong[i]);
    }
    assert_int_equal(lesson_exercise_judge(d.exercises[1], "5 apples", &right, NULL, 0), ZK_OK);
    assert_true(right);
    assert_int_equal(lesson_exercise_judge(d.exercises[1], "5 pears", &right, NULL, 0), ZK_OK);
    assert_false(right);
    lesson_doc_free(&d);
}

/* Parses text expecting ZK_EFORMAT with `expect` in the reason. */
static void bad(const char *text, const char *expect)
{
    lesson_doc d;
    char why[200];
    assert_int_equal(lesson_doc_parse(&d, text, strlen(text), "01-x", why, sizeof why),
                     ZK_EFORMAT);
    if (!strstr(why, expect))
        fail_msg("reason '%s' lacks '%s'", why, expect);
}

static void test_parse_errors(void **state)
{
    (void)state;
    bad("No title\n", "line 1: a lesson starts with a '# Title'");
    bad("# T\n\ntext\n\n```exercise\nprompt: p\n```\n", "line 6: exercise has no answer");
    bad("# T\n\n```exercise\nanswer: 1\n```\n", "exercise has no prompt");
    bad("# T\n\n```exercise\nprompt: p\nanswer: 1\nbogus\n```\n", "line 6: expected prompt:");
    bad("# T\n\n```action\ndemo.sum\ndemo.sum\n```\n", "line 5: an action block holds one call");
    bad("# T\n\n```action\ndemo.sum a\n```\n", "parameter 'a' is not key=value");
    bad("# T\n\n```action\ndemo.sum a=\"x\n```\n", "unterminated quote");
    bad("# T\n\n```action\nDemo!\n```\n", "expected an action name");
    bad("# T\n\n```action\ntitle: only\n```\n", "action block without an action name");
    bad("# T\n\n```action\nx\ninput: novalue\n```\n", "input needs name=default");
    bad("# T\n\n```exercise\nid: a\nprompt: p\nanswer: 1\n```\n\n```exercise\nid: a\n"
        "prompt: q\nanswer: 2\n```\n", "exercise id 'a' is used twice");
    /* Any bytes at all: an error or a lesson, never a crash. */
    char junk[512];
    zk_rng rng;
    zk_test_rng(&rng, "junk");
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)zk_random_below(&rng, sizeof junk);
        zk_random_bytes(&rng, junk, n);
        static const char alphabet[] = "# \n`*_[]()>|-:=\"action exercise prompt: answer:\xe2\x9c";
        for (size_t i = 0; i < n; i++)
            junk[i] = alphabet[(unsigned char)junk[i] % (sizeof alphabet - 1)];
        lesson_doc d;
        char why[200];
        if (lesson_doc_parse(&d, junk, n, "01-junk", why, sizeof why) == ZK_OK)
            lesson_doc_free(&d);
    }
}

static void test_answers(void **state)
{
    (void)state;
    static const char *const choices = "Which one?\n  a) the first\n  b) no: the statement y\n"
                                       "  c) yes: the commitment t";
    static const struct {
        const char *typed, *expected;
        bool match;
    } cases[] = {
        /* exact forms, exactly */
        {"2^-20", "2^-20", true},     {"1/1048576", "2^-20", true}, {"(1/2)^20", "2^-20", true},
        {"2⁻²⁰", "2^-20", true},      {"2**-256", "2^-256", true},  {"1/2^256", "2^-256", true},
        {"2^-128", "2^-256", false},  {"0", "2^-256", false},       {"0.0", "2^-256", false},
        {"2^-255", "2^-256", false},  {"0.5", "1/2", true},         {"50%", "1/2", true},
        {"6", "6", true},             {"s = 6", "6", true},         {" 6. ", "6", true},
        {"6.0", "6", true},           {"6e0", "6", true},           {"−3", "-3", true},
        {"2·3", "6", true},           {"17", "6", false},           {"x == 6", "6", false},
        {"", "6", false},             {"6 6", "6", false},          {"6x", "6", false},
        {"0", "0", true},             {"-0", "0", true},            {"0.001", "0", false},
        /* decimals: at least 3 significant digits, within 0.5 %, never for counts */
        {"9.54e-7", "2^-20", true},   {"9.5e-7", "2^-20", false},   {"1e-6", "2^-20", false},
        {"1.00e-6", "2^-20", false},  {"8.64e-78", "2^-256", true}, {"0.0909", "1/11", true},
        {"0.09", "1/11", false},      {"0.00195", "2^-9", true},    {"0.002", "2^-9", false},
        {"6.01", "6", false},         {"1.02e3", "1021", false},    {"25213.6", "25214", false},
        /* digit grouping only in threes */
        {"1,048,576", "1048576", true}, {"1048,576", "1048576", false},
        {"1,04,8576", "1048576", false}, {"1,048,576.5", "1048576", false},
        /* choices: the letter, or the text the prompt gives it */
        {"(c)", "c", true},           {"C", "c", true},             {"c)", "c", true},
        {"c.", "c", true},            {"b", "c", false},            {"(c", "c", false},
        {"c b", "c", false},          {"bc", "c", false},           {"Five", "five", true},
        /* lists, strictly */
        {"[1, 3, 35]", "[1, 3, 35]", true},   {"1, 3, 35", "[1, 3, 35]", true},
        {"(1,3,35)", "[1, 3, 35]", true},     {"[1, 3, 2^5+3]", "[1, 3, 35]", true},
        {"1, 3, 35[", "[1, 3, 35]", false},   {"[1, 3, 35", "[1, 3, 35]", false},
        {"1, 3, 35]", "[1, 3, 35]", false},   {"[1, 3, 35]]", "[1, 3, 35]", false},
        {"1, 3", "[1, 3, 35]", false},        {"1, 3, 35, 0", "[1, 3, 35]", false},
        {"1,, 3, 35", "[1, 3, 35]", false},   {"1 3 35 [", "[1, 3, 35]", false},   {"1 3 35", "[1, 3, 35]", true},
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(cases); i++)
        if (lesson_answer_matches(cases[i].typed, cases[i].expected, NULL) != cases[i].match)
            fail_msg("'%s' vs '%s' should %smatch", cases[i].typed, cases[i].expected,
                     cases[i].match ? "" : "not ");
    static const struct {
        const char *typed;
        bool match;
    } choice_cases[] = {
        {"b", true},           {"no: the statement y", true}, {"b) no: the statement y", true},
        {"(b) No: the statement Y.", true}, {"no", true},     {"c) no: the statement y", false},
        {"yes", false},        {"the statement y", false},   {"the first", false},
        {"no: the statement", false},
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(choice_cases); i++)
        if (lesson_answer_matches(choice_cases[i].typed, "b", choices) != choice_cases[i].match)
            fail_msg("'%s' should %smatch choice b", choice_cases[i].typed,
                     choice_cases[i].match ? "" : "not ");
    /* Whole numbers for checkers: exact, any size, by the same rules. */
    mpz_t z;
    mpz_init(z);
    assert_int_equal(lesson_answer_integer(z, "2^3^2"), ZK_OK);
    assert_true(mpz_cmp_ui(z, 512) == 0);   /* right-associative */
    assert_int_equal(lesson_answer_integer(z, "-2^2"), ZK_OK);
    assert_true(mpz_cmp_si(z, -4) == 0);
    assert_int_equal(lesson_answer_integer(z, "2^256 - 1"), ZK_OK);
    assert_int_equal(mpz_sizeinbase(z, 2), 256);
    assert_int_equal(lesson_answer_integer(z, "q = 1.7e1"), ZK_OK);
    assert_true(mpz_cmp_ui(z, 17) == 0);
    static const char *const broken[] = {"2^", "(", "abc", "1/0", "1 2", "é", ")", "1/2",
                                         "0^-1", "2^0.5", "10^10^10", "1e99999", "6 6",
                                         "5 + 4·3 = 17", "17,0"};
    for (size_t i = 0; i < ZK_ARRAY_LEN(broken); i++)
        if (lesson_answer_integer(z, broken[i]) != ZK_EPARSE)
            fail_msg("'%s' read as a whole number", broken[i]);
    char deep[400];
    memset(deep, '(', sizeof deep - 1);
    deep[sizeof deep - 1] = '\0';
    assert_int_equal(lesson_answer_integer(z, deep), ZK_EPARSE);
    mpz_clear(z);
    /* Lists keep their items' text and say whether they were bracketed. */
    lesson_list l;
    assert_int_equal(lesson_answer_list(&l, " [ 1 , (2, 3) ,x ] "), ZK_OK);
    assert_int_equal(l.n, 3);
    assert_true(l.bracketed);
    assert_string_equal(l.items[1], "(2, 3)");
    assert_int_equal(lesson_answer_list(&l, "7"), ZK_OK);
    assert_int_equal(l.n, 1);
    assert_false(l.bracketed);
    assert_int_equal(lesson_answer_list(&l, "(1+2), 3"), ZK_OK);
    assert_int_equal(l.n, 2);
    assert_false(l.bracketed);
    static const char *const bad_lists[] = {"", "[]", "[1,]", "1, 3]", "[1, 3", "(1, 3]]", "1, ,3"};
    for (size_t i = 0; i < ZK_ARRAY_LEN(bad_lists); i++)
        if (lesson_answer_list(&l, bad_lists[i]) != ZK_EPARSE)
            fail_msg("'%s' read as a list", bad_lists[i]);
}

static void test_exercise_reveal_after_three(void **state)
{
    (void)state;
    lesson_doc d;
    assert_int_equal(lesson_doc_parse(&d, sample, strlen(sample), "07-sample", NULL, 0), ZK_OK);
    lesson_exercise ex;
    lesson_exercise_init(&ex, d.exercises[0], false);
    assert_int_equal(lesson_exercise_tries_left(&ex), 3);
    assert_int_equal(lesson_exercise_submit(&ex, "   "), LESSON_EMPTY);
    assert_int_equal(lesson_exercise_tries_left(&ex), 3);
    assert_int_equal(lesson_exercise_submit(&ex, "4"), LESSON_WRONG);
    assert_false(ex.revealed);
    assert_non_null(strstr(ex.feedback, "2 tries"));
    assert_int_equal(lesson_exercise_submit(&ex, "6"), LESSON_WRONG);
    assert_false(ex.revealed);
    assert_int_equal(lesson_exercise_submit(&ex, "7"), LESSON_WRONG);
    assert_true(ex.revealed);
    assert_int_equal(lesson_exercise_tries_left(&ex), 0);
    assert_non_null(strstr(ex.feedback, "shown"));
    assert_int_equal(lesson_exercise_submit(&ex, "8"), LESSON_WRONG);
    assert_int_equal(ex.tries, 3);   /* no counting past the reveal */
    assert_false(ex.solved);
    assert_int_equal(lesson_exercise_submit(&ex, "five"), LESSON_RIGHT);
    assert_true(ex.solved);
    assert_int_equal(lesson_exercise_submit(&ex, "anything"), LESSON_RIGHT);
    /* Hints come in order, then run out. */
    lesson_exercise_init(&ex, d.exercises[0], false);
    assert_int_equal(lesson_exercise_hints_left(&ex), 2);
    assert_string_equal(lesson_exercise_hint(&ex), "count");
    assert_string_equal(lesson_exercise_hint(&ex), "5");
    assert_null(lesson_exercise_hint(&ex));
    assert_int_equal(lesson_exercise_hints_left(&ex), 0);
    /* A checker explains a wrong answer. */
    lesson_exercise_init(&ex, d.exercises[1], false);
    assert_int_equal(lesson_exercise_submit(&ex, "20"), LESSON_WRONG);
    assert_non_null(strstr(ex.feedback, "a × b"));
    assert_int_equal(lesson_exercise_submit(&ex, "9"), LESSON_RIGHT);
    lesson_doc_free(&d);
    /* A broken checker costs no try. */
    const char *broken = "# T\n\n```exercise\nprompt: p\ncheck: demo.nothing\nanswer: 1\n```\n";
    assert_int_equal(lesson_doc_parse(&d, broken, strlen(broken), "01-b", NULL, 0), ZK_OK);
    lesson_exercise_init(&ex, d.exercises[0], false);
    assert_int_equal(lesson_exercise_submit(&ex, "1"), LESSON_EMPTY);
    assert_int_equal(ex.tries, 0);
    assert_non_null(strstr(ex.feedback, "checker failed"));
    lesson_doc_free(&d);
}

static zk_err fixture_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    return lesson_result_line(out, LESSON_MARK_OK, "got %s", lesson_param_get(p, "v", "-"));
}

/* The figures presenter mode reads from a result (big: lines). */
static void test_result_figure(void **state)
{
    (void)state;
    lesson_result r;
    lesson_result_init(&r);
    lesson_result_line(&r, LESSON_MARK_NONE, "setup for x^3 + x + 5: 3 ms");
    lesson_result_line(&r, LESSON_MARK_NONE, "prove with x = 3, out = 35: 13.7 ms (2.1 ms CPU)");
    lesson_result_line(&r, LESSON_MARK_OK, "check   g^s = 13   t·y^c = 13   accepted");
    lesson_result_line(&r, LESSON_MARK_OK, "as proven: VALID");
    lesson_result_line(&r, LESSON_MARK_OK, "the same proof: INVALID: the pairing fails");
    lesson_result_line(&r, LESSON_MARK_NONE, "class 7; chance 2^-128, size 1,024.");
    lesson_result_line(&r, LESSON_MARK_NONE, "label = none here, Valid");
    /* label, the figure, its unit; "g^s" finds the check line, the first
     * holding it ("x^3" holds no "g^s"). */
    static const char *const found[][3] = {
        {"out = 35:", "13.7", "ms"},  {"t·y^c =", "13", ""},     {"g^s", "13", ""},
        {"as proven:", "VALID", ""},  {"the same proof", "INVALID", ""},
        {"class", "7", ""},           {"chance", "2^-128", ""},  {"size", "1,024", ""},
    };
    char v[32], u[16];
    for (size_t i = 0; i < ZK_ARRAY_LEN(found); i++) {
        assert_true(lesson_result_figure(&r, found[i][0], v, sizeof v, u, sizeof u));
        assert_string_equal(v, found[i][1]);
        assert_string_equal(u, found[i][2]);
    }
    /* No number, a capitalised word, no such label. */
    assert_false(lesson_result_figure(&r, "label =", v, sizeof v, u, sizeof u));
    assert_false(lesson_result_figure(&r, "here,", v, sizeof v, u, sizeof u));
    assert_false(lesson_result_figure(&r, "nowhere", v, sizeof v, u, sizeof u));
    lesson_result_free(&r);
}

static void test_registry(void **state)
{
    (void)state;
    static const char *const builtins[] = {"demo.square", "cave.run",    "cave.plot",
                                           "schnorr.round", "zk.sample", "fs.forge",
                                           "bip340.sign"};
    for (size_t i = 0; i < ZK_ARRAY_LEN(builtins); i++)
        assert_non_null(lesson_action_find(builtins[i]));
    assert_null(lesson_action_find("demo.nothing"));
    size_t n = lesson_action_count();
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            assert_string_not_equal(lesson_action_at(i)->name, lesson_action_at(k)->name);
    /* One family a file: every built-in action is named "<family>.…" and
     * lives in src/lesson's actions_<family>.c, which exists. */
    for (size_t i = 0; i < n; i++) {
        const lesson_action *a = lesson_action_at(i);
        const char *family = lesson_action_family(a);
        assert_non_null(family);
        size_t len = strlen(family);
        if (strncmp(a->name, family, len) != 0 || a->name[len] != '.')
            fail_msg("%s is in the table of actions_%s.c", a->name, family);
        char path[128];
        snprintf(path, sizeof path, "src/lesson/actions_%s.c", family);
        assert_int_equal(access(path, R_OK), 0);
    }
    static const lesson_action fixture = {"test.fixture", "v", "a test fixture", fixture_action};
    static const lesson_action bad_name = {"Test Fixture", "", "", fixture_action};
    assert_int_equal(lesson_action_register(&fixture), ZK_OK);
    assert_int_equal(lesson_action_register(&fixture), ZK_EINVAL);
    assert_int_equal(lesson_action_register(&bad_name), ZK_EINVAL);
    assert_int_equal(lesson_action_count(), n + 1);
    assert_ptr_equal(lesson_action_find("test.fixture"), &fixture);
    assert_null(lesson_action_family(&fixture));
    assert_true(lesson_action_accepts(&fixture, "v"));
    assert_false(lesson_action_accepts(&fixture, "w"));
    assert_true(lesson_action_accepts(lesson_action_find("cave.plot"), "trials"));
    /* Typed inputs override the block's parameters. */
    lesson_call call = {0};
    zk_arena arena = {0};
    assert_int_equal(lesson_call_parse(&arena, &call, "demo.sum a=2 b=3", NULL, 0), ZK_OK);
    lesson_param typed = {"b", "10"};
    lesson_params extra = {&typed, 1};
    lesson_result r;
    assert_int_equal(lesson_action_run(&r, &call, &extra, NULL), ZK_OK);
    assert_int_equal(r.nlines, 1);
    assert_string_equal(r.lines[0].text, "2 + 10 = 12");
    lesson_result_free(&r);
    typed.value = "ten";
    assert_int_equal(lesson_action_run(&r, &call, &extra, NULL), ZK_EINVAL);
    assert_non_null(strstr(r.message, "b must be a whole number"));
    lesson_result_free(&r);
    call.name = "demo.nothing";
    assert_int_equal(lesson_action_run(&r, &call, NULL, NULL), ZK_EINVAL);
    assert_string_equal(r.message, "no action named 'demo.nothing'");
    lesson_result_free(&r);
    zk_arena_free(&arena);
}

static bool stop_at_three(void *user, const zk_event *ev)
{
    (void)user;
    return !(ev->kind == ZK_EV_PROGRESS && ev->done >= 3);
}

static void test_actions_report_and_cancel(void **state)
{
    (void)state;
    lesson_call call = {0};
    zk_arena arena = {0};
    assert_int_equal(lesson_call_parse(&arena, &call, "demo.work steps=50", NULL, 0), ZK_OK);
    zk_events ev = {stop_at_three, NULL};
    lesson_result r;
    assert_int_equal(lesson_action_run(&r, &call, NULL, &ev), ZK_ECANCELLED);
    assert_non_null(strstr(r.message, "stopped after 3 of 50"));
    lesson_result_free(&r);
    /* A Part 1 action with a seed repeats itself exactly. */
    assert_int_equal(lesson_call_parse(&arena, &call, "cave.plot rounds=6 trials=4000 seed=5",
                                       NULL, 0), ZK_OK);
    lesson_result r2;
    assert_int_equal(lesson_action_run(&r, &call, NULL, NULL), ZK_OK);
    assert_int_equal(lesson_action_run(&r2, &call, NULL, NULL), ZK_OK);
    assert_int_equal(r.nlines, r2.nlines);
    for (size_t i = 0; i < r.nlines; i++)
        assert_string_equal(r.lines[i].text, r2.lines[i].text);
    assert_int_equal(r.ncharts, 1);
    assert_int_equal(r.charts[0].nseries, 2);
    assert_true(r.charts[0].series[1].y[6] == 1.0 / 64);   /* the 2^-k line */
    lesson_result_free(&r);
    lesson_result_free(&r2);
    zk_arena_free(&arena);
}

/* ---- progress ---- */

static char *temp_dir(void)
{
    char *dir = zk_strdup("/tmp/zkcave-lesson-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static int count_files(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

static void test_progress_path(void **state)
{
    (void)state;
    char path[256];
    char *saved_state = getenv("XDG_STATE_HOME") ? zk_strdup(getenv("XDG_STATE_HOME")) : NULL;
    char *saved_home = getenv("HOME") ? zk_strdup(getenv("HOME")) : NULL;
    setenv("XDG_STATE_HOME", "/somewhere/state", 1);
    assert_int_equal(lesson_progress_default_path(path, sizeof path), ZK_OK);
    assert_string_equal(path, "/somewhere/state/zkcave/progress.json");
    setenv("XDG_STATE_HOME", "relative/dir", 1);   /* ignored, as the spec says */
    setenv("HOME", "/home/student", 1);
    assert_int_equal(lesson_progress_default_path(path, sizeof path), ZK_OK);
    assert_string_equal(path, "/home/student/.local/state/zkcave/progress.json");
    unsetenv("XDG_STATE_HOME");
    unsetenv("HOME");
    assert_int_equal(lesson_progress_default_path(path, sizeof path), ZK_EINVAL);
    if (saved_state)
        setenv("XDG_STATE_HOME", saved_state, 1);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    zk_free(saved_state);
    zk_free(saved_home);
}

static void test_progress_round_trip(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600], sub[512];
    snprintf(sub, sizeof sub, "%s/new/zkcave", dir);
    snprintf(path, sizeof path, "%s/progress.json", sub);
    lesson_progress p;
    char note[512];
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_string_equal(note, "");
    assert_int_equal(p.n, 0);
    assert_int_equal(lesson_progress_visit(&p, "03-schnorr", 2), ZK_OK);
    assert_int_equal(lesson_progress_visit(&p, "03-schnorr", 1), ZK_OK);
    lesson_progress_entry *e = lesson_progress_entry_get(&p, "03-schnorr", false);
    assert_int_equal(e->step, 1);
    assert_int_equal(e->seen, 3);   /* never goes back */
    assert_int_equal(lesson_progress_mark_solved(e, "1"), ZK_OK);
    assert_int_equal(lesson_progress_mark_solved(e, "1"), ZK_OK);
    assert_int_equal(lesson_progress_mark_solved(e, "x"), ZK_OK);
    assert_int_equal(lesson_progress_visit(&p, "01-the-cave", 0), ZK_OK);
    assert_int_equal(lesson_progress_save(&p), ZK_OK);   /* creates new/zkcave */
    lesson_progress_free(&p);
    /* No temporary file is left next to it. */
    assert_int_equal(count_files(sub, "progress.json.tmp."), 0);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_string_equal(p.last, "01-the-cave");
    e = lesson_progress_entry_get(&p, "03-schnorr", false);
    assert_non_null(e);
    assert_int_equal(e->step, 1);
    assert_int_equal(e->seen, 3);
    assert_int_equal(e->nsolved, 2);
    assert_true(lesson_progress_is_solved(e, "x"));
    assert_false(lesson_progress_is_solved(e, "2"));
    assert_null(lesson_progress_entry_get(&p, "05-nothing", false));
    /* A path that cannot be written is an error and leaves the old file. */
    snprintf(p.path, sizeof p.path, "%s/progress.json/inside.json", sub);
    assert_int_equal(lesson_progress_save(&p), ZK_EIO);
    lesson_progress_free(&p);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_int_equal(p.n, 2);
    lesson_progress_free(&p);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

/* Shows step of lesson slug in p and solves exercise id there. */
static void solve(lesson_progress *p, const char *slug, int step, const char *id)
{
    assert_int_equal(lesson_progress_visit(p, slug, step), ZK_OK);
    assert_int_equal(lesson_progress_mark_solved(lesson_progress_entry_get(p, slug, false), id),
                     ZK_OK);
}

/* Two workbenches on one file: each save keeps what the other saved (every
 * solved exercise, the furthest step seen), and each keeps its own step. */
static void test_progress_two_instances(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600], note[512];
    snprintf(path, sizeof path, "%s/zkcave/progress.json", dir);
    lesson_progress a, b;
    assert_int_equal(lesson_progress_load(&a, path, note, sizeof note), ZK_OK);
    assert_int_equal(lesson_progress_load(&b, path, note, sizeof note), ZK_OK);
    solve(&a, "03-schnorr", 4, "1");
    assert_int_equal(lesson_progress_save(&a), ZK_OK);
    solve(&b, "03-schnorr", 1, "2");
    assert_int_equal(lesson_progress_visit(&b, "01-the-cave", 0), ZK_OK);
    assert_int_equal(lesson_progress_save(&b), ZK_OK);   /* later: must not drop a's "1" */
    /* b now shows a's work too; a sees b's on its next save. */
    const lesson_progress_entry *e = lesson_progress_entry_get(&b, "03-schnorr", false);
    assert_true(lesson_progress_is_solved(e, "1") && lesson_progress_is_solved(e, "2"));
    assert_int_equal(e->step, 1);
    assert_int_equal(e->seen, 5);
    assert_int_equal(lesson_progress_save(&a), ZK_OK);
    assert_non_null(lesson_progress_entry_get(&a, "01-the-cave", false));
    lesson_progress_free(&a);
    lesson_progress_free(&b);
    lesson_progress p;
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_string_equal(note, "");
    e = lesson_progress_entry_get(&p, "03-schnorr", false);
    assert_non_null(e);
    assert_int_equal(e->nsolved, 2);
    assert_true(lesson_progress_is_solved(e, "1") && lesson_progress_is_solved(e, "2"));
    assert_int_equal(e->step, 4);   /* a saved last: its own step */
    assert_int_equal(e->seen, 5);
    assert_non_null(lesson_progress_entry_get(&p, "01-the-cave", false));
    assert_string_equal(p.last, "03-schnorr");
    lesson_progress_free(&p);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

/* A reset wins over the union a save takes: a process that resets a lesson
 * drops what the file holds for it (and keeps other lessons), a process
 * that saves afterwards without having seen the reset loses its old solved
 * exercises to it, and a file without "resets" (older zkcave) reads as 0. */
static void test_progress_reset_wins(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600], note[512];
    snprintf(path, sizeof path, "%s/progress.json", dir);
    lesson_progress a, b, p;
    assert_int_equal(lesson_progress_load(&a, path, note, sizeof note), ZK_OK);
    solve(&a, "03-schnorr", 4, "1");
    solve(&a, "03-schnorr", 4, "2");
    solve(&a, "01-the-cave", 2, "1");
    assert_int_equal(lesson_progress_save(&a), ZK_OK);
    assert_int_equal(lesson_progress_load(&b, path, note, sizeof note), ZK_OK);
    assert_int_equal(lesson_progress_entry_get(&b, "03-schnorr", false)->resets, 0);
    /* b restarts lesson 03 (as `zkcave lesson 3 --restart` does) and saves
     * into a file that still holds a's solved "1" and "2". */
    assert_int_equal(lesson_progress_reset(&b, "03-schnorr"), ZK_OK);
    assert_int_equal(lesson_progress_visit(&b, "03-schnorr", 0), ZK_OK);
    assert_int_equal(lesson_progress_save(&b), ZK_OK);
    const lesson_progress_entry *e = lesson_progress_entry_get(&b, "03-schnorr", false);
    assert_int_equal(e->nsolved, 0);
    assert_int_equal(e->step, 0);
    assert_int_equal(e->seen, 1);
    assert_int_equal(e->resets, 1);
    assert_true(lesson_progress_is_solved(lesson_progress_entry_get(&b, "01-the-cave", false),
                                          "1"));
    /* a, still on step 4 of the lesson as it was, solves nothing new and
     * saves: the reset stands, a's step stays its own, lesson 01 is kept. */
    assert_int_equal(lesson_progress_visit(&a, "01-the-cave", 2), ZK_OK);
    assert_int_equal(lesson_progress_save(&a), ZK_OK);
    e = lesson_progress_entry_get(&a, "03-schnorr", false);
    assert_int_equal(e->nsolved, 0);
    assert_int_equal(e->resets, 1);
    assert_int_equal(e->step, 4);
    assert_int_equal(e->seen, 5);
    /* After the reset both count 1: solving again merges as a union. */
    solve(&a, "03-schnorr", 4, "2");
    assert_int_equal(lesson_progress_save(&a), ZK_OK);
    solve(&b, "03-schnorr", 0, "1");
    assert_int_equal(lesson_progress_save(&b), ZK_OK);
    lesson_progress_free(&a);
    lesson_progress_free(&b);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_string_equal(note, "");
    e = lesson_progress_entry_get(&p, "03-schnorr", false);
    assert_int_equal(e->nsolved, 2);
    assert_int_equal(e->resets, 1);
    assert_true(lesson_progress_is_solved(lesson_progress_entry_get(&p, "01-the-cave", false),
                                          "1"));
    lesson_progress_free(&p);
    /* Older files have no "resets"; a bad one makes the file damaged. */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"version\": 1, \"last\": null, \"lessons\": {\"03-schnorr\": "
          "{\"step\": 1, \"seen\": 2, \"solved\": [\"1\"]}}}\n", f);
    fclose(f);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_string_equal(note, "");
    assert_int_equal(lesson_progress_entry_get(&p, "03-schnorr", false)->resets, 0);
    lesson_progress_free(&p);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"version\": 1, \"last\": null, \"lessons\": {\"03-schnorr\": "
          "{\"step\": 1, \"seen\": 2, \"solved\": [], \"resets\": -1}}}\n", f);
    fclose(f);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_non_null(strstr(note, "damaged"));
    lesson_progress_free(&p);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

/* Another process holds the lock while it rewrites the file: a save waits
 * for it, then merges what it wrote, rather than reading the old file
 * first (and then writing over the other's work). */
static void test_progress_save_waits_for_lock(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600], lock[640], note[512];
    snprintf(path, sizeof path, "%s/progress.json", dir);
    snprintf(lock, sizeof lock, "%s.lock", path);
    lesson_progress p;
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        int fd = open(lock, O_RDWR | O_CREAT, 0600);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        bool ok = fd >= 0 && fcntl(fd, F_SETLKW, &fl) == 0 && write(ready[1], "L", 1) == 1;
        nanosleep(&(struct timespec){0, 300 * 1000 * 1000}, NULL);
        static const char theirs[] = "{\"version\": 1, \"last\": \"02-x\", \"lessons\": "
                                     "{\"02-x\": {\"step\": 0, \"seen\": 1, \"solved\": [\"9\"]}}}";
        ok = ok && zk_file_write_atomic(path, theirs, strlen(theirs)) == ZK_OK;
        _exit(ok ? 0 : 1);   /* exiting releases the lock */
    }
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    close(ready[1]);
    solve(&p, "03-schnorr", 0, "1");
    assert_int_equal(lesson_progress_save(&p), ZK_OK);
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    lesson_progress_free(&p);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_true(lesson_progress_is_solved(lesson_progress_entry_get(&p, "02-x", false), "9"));
    assert_true(lesson_progress_is_solved(lesson_progress_entry_get(&p, "03-schnorr", false), "1"));
    lesson_progress_free(&p);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

/* Writes an empty file dir/name, mtime age seconds ago. */
static void touch_file(const char *dir, const char *name, time_t age)
{
    char file[700];
    snprintf(file, sizeof file, "%s/%s", dir, name);
    assert_int_equal(zk_file_write_atomic(file, "", 0), ZK_OK);
    struct timespec t[2] = {{time(NULL) - age, 0}, {time(NULL) - age, 0}};
    assert_int_equal(utimensat(AT_FDCWD, file, t, 0), 0);
}

static bool exists(const char *dir, const char *name)
{
    char file[700];
    snprintf(file, sizeof file, "%s/%s", dir, name);
    return access(file, F_OK) == 0;
}

/* Saves killed midway leave progress.json.tmp.<pid>; loading removes those
 * of processes that are gone, of this process, and any over an hour old,
 * and nothing else. */
static void test_progress_stale_temporaries(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600], note[512], name[64];
    snprintf(path, sizeof path, "%s/progress.json", dir);
    static const char empty[] = "{\"version\": 1, \"lessons\": {}}";
    assert_int_equal(zk_file_write_atomic(path, empty, strlen(empty)), ZK_OK);
    pid_t gone = fork();
    assert_true(gone >= 0);
    if (gone == 0)
        _exit(0);
    assert_int_equal(waitpid(gone, NULL, 0), gone);
    static const char *const kept[] = {"progress.json.tmp.12x", "progress.json.tmp.-1",
                                       "progress.json.tmp.", "other.json.tmp.1",
                                       "progress.json.tmp.1.x"};
    char dead[64], dead2[64], mine[64], alive_new[64];
    snprintf(dead, sizeof dead, "progress.json.tmp.%ld", (long)gone);
    snprintf(dead2, sizeof dead2, "progress.json.tmp.%ld.1", (long)gone);   /* a second stage */
    snprintf(mine, sizeof mine, "progress.json.tmp.%ld", (long)getpid());
    snprintf(alive_new, sizeof alive_new, "progress.json.tmp.%ld", (long)getppid());
    touch_file(dir, dead, 0);
    touch_file(dir, dead2, 0);
    touch_file(dir, mine, 0);
    touch_file(dir, alive_new, 0);
    touch_file(dir, "progress.json.tmp.1", 2 * 3600);   /* pid 1 lives; the file is old */
    for (size_t i = 0; i < ZK_ARRAY_LEN(kept); i++)
        touch_file(dir, kept[i], 2 * 3600);
    lesson_progress p;
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    lesson_progress_free(&p);
    assert_false(exists(dir, dead));
    assert_false(exists(dir, dead2));
    assert_false(exists(dir, mine));
    assert_false(exists(dir, "progress.json.tmp.1"));
    assert_true(exists(dir, alive_new));   /* perhaps still being written */
    for (size_t i = 0; i < ZK_ARRAY_LEN(kept); i++) {
        snprintf(name, sizeof name, "%s", kept[i]);
        if (!exists(dir, name))
            fail_msg("%s was removed", name);
    }
    assert_string_equal(note, "");
    assert_true(exists(dir, "progress.json"));
    zk_test_remove_tree(dir);
    zk_free(dir);
}

static void corrupt_case(const char *content, const char *expect_note)
{
    char *dir = temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/progress.json", dir);
    assert_int_equal(zk_file_write_atomic(path, content, strlen(content)), ZK_OK);
    lesson_progress p;
    char note[1024];
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    if (!strstr(note, expect_note))
        fail_msg("note '%s' lacks '%s'", note, expect_note);
    assert_int_equal(p.n, 0);
    /* The damaged file was renamed, not lost: its bytes are intact. */
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(count_files(dir, "progress.json.corrupt-"), 1);
    char *moved = strstr(note, "moved to ") + strlen("moved to ");
    *strstr(moved, " and progress") = '\0';
    char *text;
    size_t len;
    assert_int_equal(zk_file_read(moved, 1 << 20, &text, &len), ZK_OK);
    assert_string_equal(text, content);
    zk_free(text);
    /* Saving now writes a fresh file beside the old one. */
    assert_int_equal(lesson_progress_visit(&p, "01-the-cave", 0), ZK_OK);
    assert_int_equal(lesson_progress_save(&p), ZK_OK);
    lesson_progress_free(&p);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_string_equal(note, "");
    assert_int_equal(p.n, 1);
    lesson_progress_free(&p);
    /* A second corrupt file gets its own name. */
    assert_int_equal(zk_file_write_atomic(path, "{", 1), ZK_OK);
    assert_int_equal(lesson_progress_load(&p, path, note, sizeof note), ZK_OK);
    assert_int_equal(count_files(dir, "progress.json.corrupt-"), 2);
    lesson_progress_free(&p);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

static void test_progress_corrupt_set_aside(void **state)
{
    (void)state;
    corrupt_case("{not json", "was damaged; it was moved to");
    corrupt_case("{\"version\": \"one\", \"lessons\": {}}", "was damaged");
    corrupt_case("{\"version\": 1, \"lessons\": {\"a\": {\"step\": -1, \"seen\": 0, "
                 "\"solved\": []}}}", "was damaged");
    corrupt_case("{\"version\": 1, \"lessons\": {\"a\": {\"step\": 0, \"seen\": 0, "
                 "\"solved\": [3]}}}", "was damaged");
    corrupt_case("{\"version\": 2, \"lessons\": {}}", "written by a newer zkcave");
}

/* ---- catalogue and check-lessons ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(zk_file_write_atomic(path, text, strlen(text)), ZK_OK);
}

/* A lesson file: front matter (five lines, part 1) and body. */
static void write_lesson(const char *dir, const char *name, const char *body)
{
    char *text = zk_alloc(strlen(body) + 128, 1);
    assert_non_null(text);
    sprintf(text, "---\ntitle: %.20s\npart: 1 Basics\nsummary: About %s.\n---\n%s", name + 3,
            name, body);
    write_file(dir, name, text);
    zk_free(text);
}

static void test_catalog_status(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_lesson(dir, "02-sample.md", sample);
    write_lesson(dir, "03-broken.md", "no title here\n");
    write_lesson(dir, "notes.md", sample);
    lesson_catalog c;
    assert_int_equal(lesson_catalog_open(&c, dir), ZK_OK);
    lesson_progress p;
    memset(&p, 0, sizeof p);
    assert_int_equal(lesson_slot_status(lesson_catalog_slot(&c, 1), &p), LESSON_MISSING);
    assert_int_equal(lesson_slot_status(lesson_catalog_slot(&c, 3), &p), LESSON_BROKEN);
    assert_non_null(strstr(lesson_catalog_slot(&c, 3)->error, "03-broken.md: line 6"));
    /* Numbers run to the highest file's; those between without one are unwritten. */
    /* Numbers run to the highest file's; a number below it without one is
     * unwritten, and it has no title but its number. */
    assert_int_equal(c.count, 3);
    assert_null(lesson_catalog_slot(&c, 4));
    assert_string_equal(lesson_catalog_slot(&c, 1)->info.title, "");
    assert_string_equal(lesson_catalog_slot(&c, 2)->info.summary, "About 02-sample.md.");
    lesson_slot *s = lesson_catalog_slot(&c, 2);
    assert_int_equal(lesson_slot_status(s, &p), LESSON_NEW);
    assert_int_equal(lesson_catalog_next(&c, &p), 2);
    lesson_progress_visit(&p, "02-sample", 0);
    assert_int_equal(lesson_slot_status(s, &p), LESSON_STARTED);
    lesson_progress_entry *e = lesson_progress_entry_get(&p, "02-sample", false);
    lesson_progress_mark_solved(e, "1");
    lesson_progress_mark_solved(e, "sum");
    assert_int_equal(lesson_slot_solved(s, &p), 2);
    assert_int_equal(lesson_slot_status(s, &p), LESSON_STARTED);   /* not every step seen */
    lesson_progress_visit(&p, "02-sample", 2);
    assert_int_equal(lesson_slot_status(s, &p), LESSON_DONE);
    assert_int_equal(lesson_catalog_next(&c, &p), 0);
    /* After a finished lesson comes the next unfinished one, wrapping round. */
    zk_test_remove_tree(dir);
    zk_free(dir);
    dir = temp_dir();
    write_lesson(dir, "01-first.md", sample);
    write_lesson(dir, "02-sample.md", sample);
    write_lesson(dir, "05-later.md", sample);
    lesson_catalog_free(&c);
    assert_int_equal(lesson_catalog_open(&c, dir), ZK_OK);
    assert_int_equal(lesson_catalog_next(&c, &p), 5);
    lesson_progress_visit(&p, "05-later", 2);
    e = lesson_progress_entry_get(&p, "05-later", false);
    lesson_progress_mark_solved(e, "1");
    lesson_progress_mark_solved(e, "sum");
    assert_int_equal(lesson_catalog_next(&c, &p), 1);
    assert_null(lesson_catalog_slot(&c, 6));
    lesson_progress_free(&p);
    lesson_catalog_free(&c);
    assert_int_equal(lesson_catalog_open(&c, "/nonexistent/zkcave"), ZK_EIO);
    lesson_catalog_free(&c);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

/* A front matter refused, with its line and the reason. */
static void bad_front(const char *front, const char *expect)
{
    char text[512];
    snprintf(text, sizeof text, "%s# T\n\ntext\n", front);
    lesson_front f;
    size_t body;
    int line;
    char why[200];
    assert_int_equal(lesson_front_parse(&f, &body, &line, text, strlen(text), why, sizeof why),
                     ZK_EFORMAT);
    if (!strstr(why, expect))
        fail_msg("front matter '%s': reason '%s' lacks '%s'", front, why, expect);
    /* The lesson as a whole is refused for the same reason. */
    lesson_doc d;
    if (lesson_doc_parse(&d, text, strlen(text), "01-x", why, sizeof why) == ZK_OK) {
        lesson_doc_free(&d);
        if (strncmp(text, "---\n", 4) == 0)
            fail_msg("front matter '%s' parsed as a lesson", front);
    }
}

static void test_front_matter(void **state)
{
    (void)state;
    const char *good = "---\ntitle: The cave\npart: 2 Proving computation\n"
                       "summary: Run the cave.  \n---\n# The cave\n\n```exercise\nprompt: p\n"
                       "answer: 1\nreject: 2\n```\n";
    lesson_front f;
    size_t body;
    int line;
    char why[200];
    assert_int_equal(lesson_front_parse(&f, &body, &line, good, strlen(good), why, sizeof why),
                     ZK_OK);
    assert_string_equal(f.title, "The cave");
    assert_int_equal(f.part, 2);
    assert_int_equal(f.part_line, 3);
    assert_string_equal(f.part_name, "Proving computation");
    assert_string_equal(f.summary, "Run the cave.");
    assert_int_equal(line, 6);
    assert_string_equal(good + body, "# The cave\n\n```exercise\nprompt: p\nanswer: 1\nreject: 2\n"
                                     "```\n");
    /* Line numbers in the body still count the front matter. */
    lesson_doc d;
    assert_int_equal(lesson_doc_parse(&d, good, strlen(good), "01-x", why, sizeof why), ZK_OK);
    assert_true(d.has_front);
    assert_string_equal(d.title, "The cave");
    assert_int_equal(d.exercises[0]->line, 9);   /* the block's first line */
    lesson_doc_free(&d);

    bad_front("# T\n", "line 1: a lesson starts with its front matter");
    bad_front("---\ntitle: A\npart: 1 P\nsummary: S\ntitel: B\n---\n",
              "line 5: unknown key 'titel'");
    bad_front("---\ntitle: A\npart: 1 P\ntitle: B\nsummary: S\n---\n",
              "line 4: 'title' given twice (first on line 2)");
    bad_front("---\ntitle: A\npart: 1 P\n---\n", "line 4: the front matter has no 'summary'");
    bad_front("---\ntitle: A\npart: 1 P\nsummary: S\n", "line 5: expected 'key: value'");
    bad_front("---\ntitle: A\npart: P\nsummary: S\n---\n", "line 3: part is 'N Name'");
    bad_front("---\ntitle: A\npart: 4 P\nsummary: S\n---\n", "line 3: part is 'N Name'");
    bad_front("---\ntitle:\npart: 1 P\nsummary: S\n---\n", "line 2: expected 'key: value'");
    bad_front("---\ntitle:  \npart: 1 P\nsummary: S\n---\n", "line 2: 'title' is empty");
    bad_front("---\ntitle A\npart: 1 P\nsummary: S\n---\n", "line 2: expected 'key: value'");
    bad_front("---\ntitle: Twenty-one columns wide\npart: 1 P\nsummary: S\n---\n",
              "line 2: the title is wider than 20 columns");
}

/* Parts come from the lessons' front matter, in order; a lesson that breaks
 * the order is refused at its part: line, the rest laid out. */
static void test_catalog_parts(void **state)
{
    (void)state;
    char *dir = temp_dir();
    static const struct {
        const char *name, *part;
    } files[] = {
        {"01-a.md", "1 Foundations"},        {"02-b.md", "1 Foundations"},
        {"03-c.md", "2 Proving computation"}, {"04-d.md", "1 Foundations"},
        {"05-e.md", "2 Proving"},            {"06-f.md", "3 ZK meets AI"},
        {"07-g.md", "3 ZK meets AI"},
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(files); i++) {
        char text[256];
        snprintf(text, sizeof text, "---\ntitle: T%zu\npart: %s\nsummary: S\n---\n# T\n\nx\n",
                 i + 1, files[i].part);
        write_file(dir, files[i].name, text);
    }
    lesson_catalog c;
    assert_int_equal(lesson_catalog_open(&c, dir), ZK_OK);
    assert_int_equal(c.count, 7);
    assert_int_equal(c.nparts, 3);
    assert_string_equal(c.parts[0], "FOUNDATIONS");
    assert_string_equal(c.parts[1], "PROVING COMPUTATION");
    assert_string_equal(c.parts[2], "ZK MEETS AI");
    assert_int_equal(c.part_first[1], 3);
    assert_int_equal(c.part_count[1], 3);   /* 03, and 04, 05 refused but shown there */
    assert_int_equal(c.part_first[2], 6);
    assert_true(lesson_catalog_slot(&c, 3)->loaded);
    assert_string_equal(lesson_catalog_slot(&c, 3)->info.title, "T3");
    assert_string_equal(lesson_catalog_slot(&c, 3)->info.summary, "S");
    assert_false(lesson_catalog_slot(&c, 4)->loaded);
    assert_non_null(strstr(lesson_catalog_slot(&c, 4)->error, "04-d.md: line 3: parts run"));
    assert_false(lesson_catalog_slot(&c, 5)->loaded);
    assert_non_null(strstr(lesson_catalog_slot(&c, 5)->error, "05-e.md: line 3: the part's name"));
    assert_true(lesson_catalog_slot(&c, 7)->loaded);
    lesson_catalog_free(&c);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

static void test_verify_finds_problems(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_lesson(dir, "01-good.md", sample);
    /* After five lines of front matter: */
    write_lesson(dir, "02-bad.md",
               "# Bad\n\n"
               "```action\ndemo.sumx a=1\n```\n\n"                 /* line 9: unknown action */
               "```action\ndemo.sum c=1\n```\n\n"                  /* line 13: unknown parameter */
               "```action\ndemo.sum a=x\n```\n\n"                  /* line 17: fails to run */
               "```exercise\nprompt: p\ncheck: demo.check_sum a=1 b=1\nanswer: 3\nreject: 2\n```\n\n"   /* 21 */
               "```exercise\nprompt: p\ncheck: demo.sum a=1\nanswer: 3\n```\n");   /* no 'answer' */
    FILE *out = tmpfile();
    lesson_verify_stats st;
    lesson_verify_dir(&st, dir, true, out);
    rewind(out);
    char log[4096] = "";
    size_t n = fread(log, 1, sizeof log - 1, out);
    log[n] = '\0';
    fclose(out);
    assert_int_equal(st.lessons, 2);
    assert_int_equal(st.problems, 6);
    static const char *const expect[] = {
        "02-bad.md:9: no action named 'demo.sumx'",
        "02-bad.md:13: demo.sum has no parameter 'c'",
        "02-bad.md:17: action demo.sum failed: a must be a whole number",
        "02-bad.md:21: exercise 1 does not accept its answer '3'",
        "02-bad.md:21: exercise 1 accepts its reject: '2'",
        "a checker must read the parameter 'answer'",
        "ok   ", "01-good.md",
        "FAIL ",
    };
    for (size_t i = 0; i < ZK_ARRAY_LEN(expect); i++)
        if (!strstr(log, expect[i]))
            fail_msg("check-lessons output lacks '%s':\n%s", expect[i], log);
    zk_test_remove_tree(dir);
    zk_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_structure),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_exercise_units),
        cmocka_unit_test(test_answers),
        cmocka_unit_test(test_exercise_reveal_after_three),
        cmocka_unit_test(test_result_figure),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_actions_report_and_cancel),
        cmocka_unit_test(test_progress_path),
        cmocka_unit_test(test_progress_round_trip),
        cmocka_unit_test(test_progress_corrupt_set_aside),
        cmocka_unit_test(test_progress_two_instances),
        cmocka_unit_test(test_progress_reset_wins),
        cmocka_unit_test(test_progress_save_waits_for_lock),
        cmocka_unit_test(test_progress_stale_temporaries),
        cmocka_unit_test(test_catalog_status),
        cmocka_unit_test(test_front_matter),
        cmocka_unit_test(test_catalog_parts),
        cmocka_unit_test(test_verify_finds_problems),
    };
    return ZK_RUN_TESTS(tests);
}
