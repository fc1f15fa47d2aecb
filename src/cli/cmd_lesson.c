/* The lesson commands: `zkcave lessons`, `lesson N`, `check` and
 * `check-lessons`, and the workbench's own options (--headless ...). */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "lesson/catalog.h"
#include "lesson/progress.h"
#include "lesson/verify.h"
#include "tui/app.h"
#include "viz/text.h"

/* Marks for lessons in plain output, with ASCII twins for non-UTF-8 locales. */
typedef struct marks {
    const char *done, *started, *fresh, *bad;
} marks;

static marks pick_marks(void)
{
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    if (cs && strcmp(cs, "UTF-8") == 0)
        return (marks){"✔", "▶", "·", "✘"};
    return (marks){"ok", "..", "  ", "XX"};
}

typedef struct lesson_env {
    lesson_catalog catalog;
    lesson_progress progress;
} lesson_env;

/* Opens the lessons and the progress file; prints why and returns
 * CLI_USAGE when it cannot. */
static int open_env(lesson_env *env, const char *dir_opt)
{
    char dir[1024];
    memset(env, 0, sizeof *env);
    if (dir_opt)
        snprintf(dir, sizeof dir, "%s", dir_opt);
    else if (lesson_catalog_find_dir(dir, sizeof dir) != ZK_OK)
        return cli_error(CLI_USAGE, "cannot find the lessons directory (run from the zkcave "
                                    "directory or set ZKCAVE_LESSONS)");
    if (lesson_catalog_open(&env->catalog, dir) != ZK_OK)
        return cli_error(CLI_USAGE, "cannot read lessons from %s", dir);
    char path[4096], note[512];
    if (lesson_progress_default_path(path, sizeof path) == ZK_OK) {
        lesson_progress_load(&env->progress, path, note, sizeof note);
        if (note[0])
            fprintf(stderr, "zkcave: %s\n", note);
    }
    return CLI_OK;
}

/* Saves the progress check just read (merging with the file, so nothing in
 * it changes): the check that it can be kept. Prints why not, in one line,
 * and returns CLI_USAGE when it cannot. */
static int keep_progress(lesson_env *env)
{
    const lesson_progress *p = &env->progress;
    if (!p->path[0])
        return cli_error(CLI_USAGE, "cannot save progress: neither XDG_STATE_HOME nor HOME "
                                    "is an absolute path");
    if (p->read_only)
        return CLI_USAGE;   /* open_env printed why */
    if (lesson_progress_save(&env->progress) != ZK_OK)
        return cli_error(CLI_USAGE, "cannot save progress to %s: %s", p->path, strerror(errno));
    return CLI_OK;
}

static void close_env(lesson_env *env)
{
    lesson_catalog_free(&env->catalog);
    lesson_progress_free(&env->progress);
}

static const char *mark_of(const marks *m, lesson_status st)
{
    switch (st) {
    case LESSON_DONE:
        return m->done;
    case LESSON_STARTED:
        return m->started;
    case LESSON_BROKEN:
        return m->bad;
    default:
        return m->fresh;
    }
}

static int parse_lesson_number(const char *s, int *out)
{
    uint64_t n;
    if (!cli_parse_u64(s, 1, LESSON_MAX, &n))
        return cli_error(CLI_USAGE, "lesson numbers run from 1 to %d, not '%s'", LESSON_MAX,
                         cli_text(s));
    *out = (int)n;
    return CLI_OK;
}

/* Asks on stderr and reads the answer from stdin, as rm -i does (so a
 * script can pipe it); only y or yes agrees, end of input declines. */
static bool confirm(const char *question)
{
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    char line[64];
    if (!fgets(line, sizeof line, stdin))
        return false;
    line[strcspn(line, "\r\n")] = '\0';
    return !strcmp(line, "y") || !strcmp(line, "Y") || !strcmp(line, "yes");
}

/* `lessons --reset N|all [--yes]`: clears one lesson's progress, or every
 * lesson's, after asking (unless --yes), saved so that the reset wins
 * over what another workbench saves afterwards (progress.h). */
static int reset_lessons(lesson_env *env, const char *which, bool yes)
{
    int number = 0;
    if (strcmp(which, "all") != 0 && parse_lesson_number(which, &number))
        return CLI_USAGE;
    const lesson_slot *s = number ? lesson_catalog_slot(&env->catalog, number) : NULL;
    if (number && (!s || !s->loaded))
        return cli_error(CLI_USAGE, "lesson %d: %s", number,
                         s && s->path[0] ? s->error : "no lesson file for it");
    char question[200];
    if (number)
        snprintf(question, sizeof question,
                 "Reset progress of lesson %02d, %s (%zu/%zu exercises solved)?", number,
                 s->doc.title, lesson_slot_solved(s, &env->progress), s->doc.nexercises);
    else
        snprintf(question, sizeof question, "Reset the progress of every lesson?");
    if (!yes && !confirm(question)) {
        printf("Nothing was reset.\n");
        return CLI_FAIL;
    }
    zk_err err = ZK_OK;
    if (number)
        err = lesson_progress_reset(&env->progress, s->doc.slug);
    for (size_t i = 0; !number && !err && i < env->progress.n; i++)
        err = lesson_progress_reset(&env->progress, env->progress.entries[i].slug);
    if (err)
        return cli_error(CLI_USAGE, "cannot reset: %s", zk_strerror(err));
    int rc = keep_progress(env);
    if (!rc && number)
        printf("Lesson %02d starts afresh: zkcave lesson %d\n", number, number);
    else if (!rc)
        printf("Every lesson starts afresh.\n");
    return rc;
}

typedef struct lessons_opts {
    const char *reset;
    bool yes;
} lessons_opts;

static const cli_opt lessons_opts_table[] = {
    {"--reset", NULL, CLI_STR, "N|all", offsetof(lessons_opts, reset), .help =
     "clear lesson N's progress (or every lesson's) after asking y/N"},
    {"--yes", "-y", CLI_FLAG, NULL, offsetof(lessons_opts, yes), .help =
     "with --reset: do not ask"},
};

static int run_lessons(void *opts, const cli_args *a)
{
    (void)a;
    const lessons_opts *lo = opts;
    const char *reset = lo->reset;
    bool yes = lo->yes;
    if (yes && !reset)
        return cli_error(CLI_USAGE, "--yes goes with --reset N|all");
    lesson_env env;
    int rc = open_env(&env, NULL);
    if (rc)
        return rc;
    if (reset) {
        rc = reset_lessons(&env, reset, yes);
        close_env(&env);
        return rc;
    }
    marks m = pick_marks();
    int done = 0, unwritten = 0;
    for (int part = 0; part < env.catalog.nparts; part++) {
        printf("%sPart %d  %s\n", part ? "\n" : "", part + 1, env.catalog.parts[part]);
        for (int i = 0; i < env.catalog.count; i++) {
            const lesson_slot *s = &env.catalog.slots[i];
            if (s->info.part != part)
                continue;
            lesson_status st = lesson_slot_status(s, &env.progress);
            const char *title = s->loaded ? s->doc.title : s->info.title;
            char state[160];
            done += st == LESSON_DONE;
            unwritten += st == LESSON_MISSING;
            if (st == LESSON_MISSING)
                snprintf(state, sizeof state, "not written yet");
            else if (st == LESSON_BROKEN)
                snprintf(state, sizeof state, "cannot be read: %s", s->error);
            else
                snprintf(state, sizeof state, "%s, %zu/%zu exercises",
                         st == LESSON_DONE ? "done" : st == LESSON_STARTED ? "in progress" : "new",
                         lesson_slot_solved(s, &env.progress), s->doc.nexercises);
            printf("  %s %02d %-42s %s\n", mark_of(&m, st), i + 1, title, state);
        }
    }
    /* In the map's words: progress counts the lessons that exist. */
    printf("\nprogress %d/%d", done, env.catalog.count - unwritten);
    if (unwritten)
        printf(", %d unwritten", unwritten);
    printf("\n");
    close_env(&env);
    return CLI_OK;
}

const cli_cmd cli_cmd_lessons = {
    CLI_CMD("lessons", NULL, 0, 0, run_lessons, lessons_opts_table, lessons_opts),
    .summary = "list the lessons and how far you are in each",
};

static int run_check(void *opts, const cli_args *a)
{
    (void)opts, (void)a;
    lesson_env env;
    int rc = open_env(&env, NULL);
    if (rc)
        return rc;
    marks m = pick_marks();
    size_t lessons = 0, done = 0, solved = 0, total = 0;
    int first_open = 0;
    for (int i = 0; i < env.catalog.count; i++) {
        const lesson_slot *s = &env.catalog.slots[i];
        lesson_status st = lesson_slot_status(s, &env.progress);
        if (st == LESSON_MISSING)
            continue;
        lessons++;
        if (st == LESSON_BROKEN) {
            printf("%s %02d %s\n", m.bad, i + 1, s->error);
            first_open = first_open ? first_open : i + 1;
            continue;
        }
        size_t n = lesson_slot_solved(s, &env.progress), of = s->doc.nexercises;
        solved += n;
        total += of;
        bool all = n == of;
        done += all;
        printf("%s %02d %-20s %zu/%zu", all ? m.done : n ? m.started : m.fresh, i + 1,
               s->info.title, n, of);
        const lesson_progress_entry *e = lesson_progress_entry_get(&env.progress, s->doc.slug,
                                                                   false);
        for (size_t k = 0; k < of; k++) {
            const lesson_exercise_def *ex = s->doc.exercises[k];
            if (lesson_progress_is_solved(e, ex->id))
                continue;
            char prompt[64];
            size_t len = strcspn(ex->prompt, "\n");
            snprintf(prompt, sizeof prompt, "%.*s", (int)(len < 56 ? len : 56), ex->prompt);
            printf("   next: exercise %s in step %zu, \"%s%s\"", ex->id, ex->step + 1, prompt,
                   len > 56 ? "..." : "");
            first_open = first_open ? first_open : i + 1;
            break;
        }
        putchar('\n');
    }
    printf("%zu of %zu lessons complete, %zu of %zu exercises solved.\n", done, lessons, solved,
           total);
    if (first_open)
        printf("Keep going: zkcave lesson %d\n", first_open);
    fflush(stdout);
    rc = keep_progress(&env);
    close_env(&env);
    return rc ? rc : first_open ? CLI_FAIL : CLI_OK;
}

const cli_cmd cli_cmd_check = {
    .name = "check", .run = run_check,
    .summary = "your exercises, lesson by lesson; exits 1 while any is open",
};

typedef struct check_lessons_opts {
    bool no_run;
} check_lessons_opts;

static const cli_opt check_lessons_opts_table[] = {
    {"--no-run", NULL, CLI_FLAG, NULL, offsetof(check_lessons_opts, no_run), .help =
     "load and resolve the actions without running them"},
};

static int run_check_lessons(void *opts, const cli_args *a)
{
    bool run = !((const check_lessons_opts *)opts)->no_run;
    const char *dir = a->npos ? a->pos[0] : NULL;
    char found[1024];
    if (!dir) {
        if (lesson_catalog_find_dir(found, sizeof found) != ZK_OK)
            return cli_error(CLI_USAGE, "cannot find the lessons directory");
        dir = found;
    }
    lesson_verify_stats st;
    lesson_verify_dir(&st, dir, run, stdout);
    printf("check-lessons: %zu lessons, %zu steps, %zu actions, %zu exercises: %s\n", st.lessons,
           st.steps, st.actions, st.exercises,
           st.problems ? "problems above" : st.lessons ? "all good" : "no lessons found");
    return st.problems || !st.lessons ? CLI_FAIL : CLI_OK;
}

const cli_cmd cli_cmd_check_lessons = {
    CLI_CMD("check-lessons", "[DIR]", 0, 1, run_check_lessons, check_lessons_opts_table,
            check_lessons_opts),
    .summary = "load every lesson, resolve and run its actions, and check every\n"
               "exercise against its own answer (for lesson authors)",
};

/* `lesson N [--restart]`, after the workbench's options or alone. */
typedef struct lesson_opts {
    bool restart;
} lesson_opts;

static const cli_opt lesson_opts_table[] = {
    {"--restart", NULL, CLI_FLAG, NULL, offsetof(lesson_opts, restart), .help =
     "open it at its first step with its exercises unsolved (others are kept)"},
};

static int lesson_into(tui_options *o, const lesson_opts *lo, const cli_args *a)
{
    o->restart = lo->restart;
    return parse_lesson_number(a->pos[0], &o->lesson);
}

static int run_lesson(void *opts, const cli_args *a)
{
    tui_options o;
    tui_options_default(&o);
    int rc = lesson_into(&o, opts, a);
    return rc ? rc : tui_run(&o);
}

const cli_cmd cli_cmd_lesson = {
    CLI_CMD("lesson", "N", 1, 1, run_lesson, lesson_opts_table, lesson_opts),
    .summary = "open lesson N in the workbench",
};

/* A headless run's own state directory, empty and removed once it ends:
 * scripts and tests drive the workbench headless, and their answers must
 * not become the user's progress. XDG_STATE_HOME is no way to name another
 * place here, since a session may export it for every program: only
 * --state names the progress a headless run keeps. */
static bool throwaway_state(char *dir, size_t len)
{
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(dir, len, "%s/zkcave-headless-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    return n > 0 && (size_t)n < len && mkdtemp(dir);
}

/* Removes the throwaway directory: progress.json and what its saves leave
 * beside it (a lock, a damaged file set aside), all plain files. */
static void remove_state(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[4096];
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            (void)(unlink(path) == 0 || rmdir(path));
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

typedef struct workbench_opts {
    bool headless;
    int size[2];
    const char *keys, *lessons, *exports, *transcript, *state, *data;
} workbench_opts;

static const char *parse_size(void *dst, const char *v)
{
    int *cr = dst;
    char extra;
    if (sscanf(v, "%dx%d%c", &cr[0], &cr[1], &extra) != 2 || cr[0] < 1 || cr[1] < 1 ||
        cr[0] > 1000 || cr[1] > 1000)
        return "COLSxROWS, like 100x30";
    return NULL;
}

static void workbench_init(void *opts)
{
    workbench_opts *w = opts;
    w->size[0] = 100;
    w->size[1] = 30;
}

#define WB_OPT(name, kind, arg, field, flags, help) \
    {name, NULL, kind, arg, offsetof(workbench_opts, field), 0, 0, flags, help, NULL, NULL}
static const cli_opt workbench_opts_table[] = {
    WB_OPT("--lessons", CLI_STR, "DIR", lessons, 0, "read lessons from DIR (default: ./lessons)"),
    WB_OPT("--state", CLI_STR, "DIR", state, CLI_OPT_NONEMPTY,
           "keep progress in DIR/progress.json"),
    WB_OPT("--exports", CLI_STR, "DIR", exports, CLI_OPT_NONEMPTY,
           "write exported PNGs (e) to DIR (default:\n"
           "$XDG_DATA_HOME/zkcave/exports, ~/.local/share/zkcave/exports);\n"
           "an export never replaces a file: name-2.png, name-3.png, ..."),
    WB_OPT("--data", CLI_STR, "DIR", data, CLI_OPT_NONEMPTY,
           "the MNIST files are in DIR (as ZKCAVE_MNIST=DIR)"),
    WB_OPT("--headless", CLI_FLAG, NULL, headless, 0,
           "no terminal: feed --keys, print the final screen as text;\n"
           "progress starts empty and is thrown away unless --state\n"
           "names a directory (XDG_STATE_HOME is not used)"),
    {"--size", NULL, CLI_PARSE, "COLSxROWS", offsetof(workbench_opts, size), .help =
     "the headless screen (default 100x30)", .parse = parse_size, .sample = "80x24"},
    WB_OPT("--keys", CLI_STR, "\"n n Tab\"", keys, 0,
           "keys for --headless, separated by spaces: one character,\n"
           "a name (Enter Tab BTab Esc BSpace Space Up Down Left Right\n"
           "PgUp PgDn Home End F1 F2 F3), 'text to type each\n"
           "character of text, resize:COLSxROWS, or print (the\n"
           "screen at that point, then a form feed line)"),
    WB_OPT("--transcript", CLI_STR, "FILE", transcript, CLI_OPT_NONEMPTY,
           "with --headless: a line in FILE for each step shown, action\n"
           "run (with its time), answer revealed (F3) and checked"),
};

static int run_workbench(void *opts, const cli_args *a)
{
    const workbench_opts *w = opts;
    tui_options o;
    tui_options_default(&o);
    o.headless = w->headless;
    o.cols = w->size[0];
    o.rows = w->size[1];
    o.keys = w->keys;
    o.lessons_dir = w->lessons;
    o.exports_dir = w->exports;
    o.transcript = w->transcript;
    const char *state = w->state;
    /* The explorer and the lessons' actions find MNIST through
     * nn_mnist_dir, which reads $ZKCAVE_MNIST first. */
    if (w->data && setenv("ZKCAVE_MNIST", w->data, 1) != 0)
        return cli_error(CLI_USAGE, "--data: %s", strerror(errno));
    if (a->npos) {
        /* What follows the options is `lesson N [--restart]`, by its table. */
        lesson_opts lo = {false};
        cli_args la;
        if (strcmp(a->pos[0], "lesson") != 0)
            return cli_error(CLI_USAGE, "after the options: nothing, or 'lesson N [--restart]'");
        int rc = cli_parse(&cli_cmd_lesson, &lo, &la, a->npos - 1, a->pos + 1);
        if (rc == CLI_HELP)
            rc = cli_error(CLI_USAGE, "after the options: nothing, or 'lesson N [--restart]'");
        if (rc || (rc = lesson_into(&o, &lo, &la)))
            return rc;
    }
    if ((o.keys || o.cols != 100 || o.rows != 30 || o.transcript) && !o.headless)
        return cli_error(CLI_USAGE, "--size, --keys and --transcript go with --headless");
    char progress[4096], scratch[1024] = "";
    if (state) {
        if (snprintf(progress, sizeof progress, "%s/progress.json", state) >= (int)sizeof progress)
            return cli_error(CLI_USAGE, "--state: the path is too long");
        o.progress_path = progress;
    } else if (o.headless) {
        if (!throwaway_state(scratch, sizeof scratch))
            return cli_error(CLI_USAGE, "cannot make %s for a headless run's progress: %s (name "
                                        "a directory with --state DIR)",
                             scratch, strerror(errno));
        snprintf(progress, sizeof progress, "%s/progress.json", scratch);
        o.progress_path = progress;
    }
    int rc = tui_run(&o);
    if (scratch[0])
        remove_state(scratch);
    return rc;
}

/* Its usage is the program's (`zkcave help`), with about as its end. */
const cli_cmd cli_cmd_workbench = {
    CLI_CMD("", "[lesson N [--restart]]", 0, 3, run_workbench, workbench_opts_table,
            workbench_opts),
    .init = workbench_init,
    .flags = CLI_CMD_IN_ORDER,
    .summary = "the workbench with options",
    .about = "  e.g. zkcave --headless --size 100x30 --keys \"n n n '6 Enter\" lesson 3\n"
             "\n"
             "environment:\n"
             "  ZKCAVE_THREADS=N         threads for parallel work (default: all CPUs)\n"
             "  ZKCAVE_KERNEL=portable   use the portable C kernels, no assembly\n"
             "  NO_COLOR=1               no colours in the workbench\n"
             "  XDG_STATE_HOME=DIR       progress goes to DIR/zkcave/progress.json\n"
             "                           (default ~/.local/state/zkcave/progress.json)\n"
             "  XDG_DATA_HOME=DIR        exports go to DIR/zkcave/exports\n"
             "  ZKCAVE_LESSONS=DIR       where the lessons are\n"
             "  ZKCAVE_MNIST=DIR         where MNIST is (default: ../shared/data/mnist from\n"
             "                           here, assets/mnist, or beside the program's tree)\n",
};
