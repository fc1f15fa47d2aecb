/* circom.compile, circom.witness, circom.templates, circom.source and
 * their checkers: lessons 06 and 19, over zkcave's Circom compiler
 * (circuit/circom.h). Circuits are named relative to the circuit search
 * path that `zkcave circuit` uses (circuit/circom_search.h), so
 * "circuits/lessons/cubic.circom" is found from the source tree and beside
 * an installed program alike. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circuit/circom.h"
#include "circuit/circom_search.h"
#include "circuit/r1cs_view.h"
#include "core/alloc.h"
#include "core/file.h"
#include "lesson/actions.h"
#include "lesson/answer.h"
#include "lesson/circuit_view.h"

/* The main inputs an action passes on to the circuit, by signal name. */
static const char *const input_names[] = {"in", "weights", "bias", "x", "a", "b"};
enum { N_INPUTS = sizeof input_names / sizeof input_names[0] };

/* level=O0|O1|O2 (also "--O1" or "1"). */
static zk_err level_param(lesson_result *out, const lesson_params *p, int fallback, int *level)
{
    const char *s = lesson_param_get(p, "level", NULL);
    if (!s) {
        *level = fallback;
        return ZK_OK;
    }
    const char *d = s;
    while (*d == '-')
        d++;
    if (*d == 'O' || *d == 'o')
        d++;
    if (d[0] < '0' || d[0] > '2' || d[1])
        return lesson_fail(out, ZK_EINVAL, "level must be O0, O1 or O2, not '%s'", s);
    *level = d[0] - '0';
    return ZK_OK;
}

/* Signal names without the "main." every one of them starts with. */
static const char *short_name(const char *name)
{
    return strncmp(name, "main.", 5) == 0 ? name + 5 : name;
}

/* The inputs given as parameters, as circom's input.json: each value a
 * decimal string (mod r, so "-5" is r - 5) or an array of them. NULL with
 * out->message set when a value is not numbers, or when there are none. */
static char *inputs_json(lesson_result *out, const lesson_params *p, const char *override_key,
                         const char *override_value)
{
    enum { CAP = N_INPUTS * (LESSON_LIST_MAX * (MONT256_DEC_MAX + 4) + 32) + 8 };
    char *json = zk_alloc(CAP, 1);
    if (!json) {
        lesson_fail(out, ZK_ENOMEM, "out of memory");
        return NULL;
    }
    size_t used = (size_t)snprintf(json, CAP, "{");
    size_t given = 0;
    for (size_t i = 0; i < N_INPUTS; i++) {
        const char *v = override_key && strcmp(override_key, input_names[i]) == 0
                            ? override_value
                            : lesson_param_get(p, input_names[i], NULL);
        if (!v)
            continue;
        /* Read by the answer checker's rules; each value goes to the JSON as
         * its canonical decimal mod r. */
        lesson_list items;
        bool ok = !*v ? false : lesson_answer_list(&items, v) == ZK_OK;
        fr_t vals[LESSON_LIST_MAX];
        for (size_t k = 0; ok && k < items.n; k++)
            ok = lesson_fr_parse(&vals[k], items.items[k]) == ZK_OK;
        if (!ok) {
            zk_free(json);
            lesson_fail(out, ZK_EINVAL, "%s must be whole numbers (a list in [ ]), not '%s'",
                        input_names[i], v);
            return NULL;
        }
        bool list = items.n > 1 || items.bracketed;
        used += (size_t)snprintf(json + used, CAP - used, "%s\"%s\": %s", given++ ? ", " : "",
                                 input_names[i], list ? "[" : "");
        for (size_t k = 0; k < items.n; k++) {
            char dec[MONT256_DEC_MAX];
            used += (size_t)snprintf(json + used, CAP - used, "%s\"%s\"", k ? ", " : "",
                                     fr_to_dec(dec, &vals[k]));
        }
        used += (size_t)snprintf(json + used, CAP - used, "%s", list ? "]" : "");
    }
    snprintf(json + used, CAP - used, "}");
    if (!given) {
        zk_free(json);
        lesson_fail(out, ZK_EINVAL, "give the circuit's inputs, like in=5");
        return NULL;
    }
    return json;
}

/* Compiles `file=` (with `main="T(args)"`: a main of that template, the
 * file included) at the level, with inputs when json is not NULL. On a
 * program error the first diagnostic is the message; when the inputs break
 * a constraint the result is ZK_EVERIFY with c->error saying where. */
static zk_err compile(lesson_result *out, const lesson_params *p, int level, const char *json,
                      circom_circuit *c)
{
    memset(c, 0, sizeof *c);
    const char *file = lesson_param_get(p, "file", NULL);
    if (!file || !*file)
        return lesson_fail(out, ZK_EINVAL, "which circuit? give file=circuits/lessons/...circom");
    circom_search sp;
    circom_search_default(&sp);
    char path[CIRCOM_PATH_MAX];
    zk_err err = circom_search_find(&sp, file, path, sizeof path);
    if (err)
        return lesson_fail(out, err, "cannot find %s (looked in %s%s, circuits/ beside zkcave and "
                           "./circuits)", file, sp.n > 2 ? "$ZKCAVE_CIRCUITS" : "",
                           sp.n > 2 ? "," : "");
    circom_options o = {level, sp.dir, sp.n, json, NULL, 0, 0};
    const char *main = lesson_param_get(p, "main", NULL);
    if (main) {
        for (const char *q = main; *q; q++)
            if (!isalnum((unsigned char)*q) && !strchr("_(), ", *q))
                return lesson_fail(out, ZK_EINVAL, "main must be a template call like DotProduct(10)");
        char text[CIRCOM_PATH_MAX + 256];
        const char *rel = strncmp(file, "circuits/", 9) == 0 ? file + 9 : file;
        snprintf(text, sizeof text, "pragma circom 2.0.0;\ninclude \"%s\";\ncomponent main = %s;\n",
                 rel, main);
        err = circom_compile_text(c, "main.circom", text, &o);
    } else {
        err = circom_compile_file(c, path, &o);
    }
    if (err && err != ZK_EVERIFY) {
        const char *why = c->error ? c->error : zk_strerror(err);
        if (strncmp(why, "error: ", 7) == 0)
            why += 7;
        return lesson_fail(out, err, "%s", why);
    }
    return err;
}

/* level= (default fallback), then compile() without inputs; on failure
 * nothing needs freeing. */
static zk_err compile_at(lesson_result *out, const lesson_params *p, int fallback, int *level,
                         circom_circuit *c)
{
    zk_err err = level_param(out, p, fallback, level);
    if (!err && (err = compile(out, p, *level, NULL, c)))
        circom_circuit_free(c);
    return err;
}

static const char *level_text(int level)
{
    return level == 0 ? "--O0" : level == 1 ? "--O1" : "--O2";
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The wire names of a compiled circuit, "main." dropped. */
static zk_err short_names(lesson_result *out, const circom_circuit *c, char ***names)
{
    zk_err err = circom_wire_names(c, names);
    if (err)
        return lesson_fail(out, err, "out of memory");
    for (uint32_t i = 0; i < c->sys.n_wires; i++)
        memmove((*names)[i], short_name((*names)[i]), strlen(short_name((*names)[i])) + 1);
    return ZK_OK;
}

/* circom.compile file= level= [show=counts|matrices|equations]. */
static zk_err compile_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const shows[] = {"counts", "matrices", "equations"};
    size_t show;
    int level;
    circom_circuit c;
    zk_err err = lesson_param_choice(out, p, "show", shows, 3, &show);
    if (err || (err = compile_at(out, p, 1, &level, &c)))
        return err;
    const r1cs *s = &c.sys;
    lesson_result_line(out, LESSON_MARK_HEAD, "%s, main = %s, at %s",
                       base_name(lesson_param_get(p, "file", "")), c.main_template,
                       level_text(level));
    lesson_result_line(out, LESSON_MARK_NONE, "%zu constraints: %zu non-linear, %zu linear",
                       s->n_rows, c.n_nonlinear, c.n_linear);
    lesson_result_line(out, LESSON_MARK_NONE,
                       "%u wires: one, %u public output%s, %u public input%s, %u private input%s, "
                       "%u internal", s->n_wires, s->n_pub_out, s->n_pub_out == 1 ? "" : "s",
                       s->n_pub_in, s->n_pub_in == 1 ? "" : "s", s->n_prv_in,
                       s->n_prv_in == 1 ? "" : "s",
                       s->n_wires - 1 - s->n_pub_out - s->n_pub_in - s->n_prv_in);
    if (c.n_warnings)
        lesson_result_line(out, LESSON_MARK_NOTE, "%u warning%s from the compiler", c.n_warnings,
                           c.n_warnings == 1 ? "" : "s");
    if (show) {
        char **names;
        if (!(err = short_names(out, &c, &names))) {
            lesson_r1cs_view v = {(const char *const *)names, NULL, show == 1, 16};
            size_t failing, first;
            err = lesson_r1cs_show(out, s, &v, &failing, &first);
            r1cs_free_names(names, s->n_wires);
        }
    }
    circom_circuit_free(&c);
    return err;
}

/* "out[3]" → the length of "out" and 3; false for a name without an index. */
static bool indexed(const char *name, size_t *base_len, unsigned long *index)
{
    size_t n = strlen(name);
    if (n < 4 || name[n - 1] != ']')
        return false;
    const char *open = strrchr(name, '[');
    if (!open || open[1] == ']')
        return false;
    char *end;
    *index = strtoul(open + 1, &end, 10);
    if (*end != ']')
        return false;
    *base_len = (size_t)(open - name);
    return true;
}

/* One line for the wires [from, to) of an array: bits as a binary number,
 * most significant first, or the values as a list. */
static void array_line(lesson_result *out, char **names, const fr_t *w, uint32_t from, uint32_t to,
                       size_t base_len, const char *role)
{
    bool bits = to - from > 4;
    for (uint32_t i = from; i < to && bits; i++)
        bits = fr_is_zero(&w[i]) || fr_is_one(&w[i]);
    char text[640];
    size_t used = 0;
    if (bits) {
        used = (size_t)snprintf(text, sizeof text, "%.*s[%u..0] = ", (int)base_len, names[from],
                                to - from - 1);
        for (uint32_t i = to; i-- > from && used + 4 < sizeof text;) {
            text[used++] = fr_is_one(&w[i]) ? '1' : '0';
            if (i > from && (i - from) % 4 == 0)
                text[used++] = ' ';
        }
        text[used] = '\0';
    } else {
        used = (size_t)snprintf(text, sizeof text, "%.*s = [", (int)base_len, names[from]);
        for (uint32_t i = from; i < to && used + 60 < sizeof text; i++) {
            char v[LESSON_FR_TEXT];
            used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", i > from ? ", " : "",
                                     lesson_fr_text(v, &w[i]));
        }
        snprintf(text + used, sizeof text - used, "]");
    }
    lesson_result_line(out, LESSON_MARK_NONE, "%s%s", text, role);
}

/* The witness by signal, arrays on one line each. */
static void witness_lines(lesson_result *out, const circom_circuit *c, char **names)
{
    const r1cs *s = &c->sys;
    uint32_t first_internal = 1 + s->n_pub_out + s->n_pub_in + s->n_prv_in;
    for (uint32_t i = 1; i < s->n_wires;) {
        const char *role = i <= s->n_pub_out                 ? "   (public output)"
                           : i <= s->n_pub_out + s->n_pub_in ? "   (public input)"
                           : i < first_internal              ? "   (private input)"
                                                             : "";
        size_t base_len;
        unsigned long index;
        uint32_t end = i + 1;
        if (indexed(names[i], &base_len, &index) && index == 0) {
            size_t bl;
            unsigned long k;
            while (end < s->n_wires && indexed(names[end], &bl, &k) && bl == base_len &&
                   k == end - i && strncmp(names[end], names[i], base_len) == 0)
                end++;
        }
        if (end - i > 1) {
            array_line(out, names, c->witness, i, end, base_len, role);
        } else {
            char v[LESSON_FR_TEXT];
            lesson_result_line(out, LESSON_MARK_NONE, "%s = %s%s", names[i],
                               lesson_fr_text(v, &c->witness[i]), role);
        }
        i = end;
    }
}

/* circom.witness file= [level=] in= weights= ...: the circuit run on the
 * inputs, every signal's value, and every constraint checked. */
static zk_err witness_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    int level;
    zk_err err = level_param(out, p, 0, &level);
    if (err)
        return err;
    char *json = inputs_json(out, p, NULL, NULL);
    if (!json)
        return ZK_EINVAL;
    circom_circuit c;
    err = compile(out, p, level, json, &c);
    zk_free(json);
    if (err == ZK_EVERIFY) {
        lesson_result_line(out, LESSON_MARK_BAD, "%s", c.error ? c.error : "a constraint fails");
        lesson_result_line(out, LESSON_MARK_NOTE,
                           "no witness exists for these inputs, so no proof can be made");
        circom_circuit_free(&c);
        return ZK_OK;
    }
    char **names = NULL;
    if (!err)
        err = short_names(out, &c, &names);
    if (!err) {
        lesson_result_line(out, LESSON_MARK_HEAD, "the witness of %s at %s, signal by signal",
                           c.main_template, level_text(level));
        witness_lines(out, &c, names);
        size_t bad;
        bool ok = r1cs_check(&c.sys, c.witness, &bad) == ZK_OK;
        lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           ok ? "all %zu constraints hold for this witness"
                              : "constraint %zu of %zu fails",
                           ok ? c.sys.n_rows : bad, c.sys.n_rows);
        r1cs_free_names(names, c.sys.n_wires);
    }
    circom_circuit_free(&c);
    return err;
}

/* circom.templates file= level=: what each template instance costs. */
static zk_err templates_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    int level;
    circom_circuit c;
    zk_err err = compile_at(out, p, 1, &level, &c);
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_HEAD, "  %-28s %9s %6s %11s", "template (arguments)",
                       "instances", "each", "constraints");
    uint64_t sum = 0;
    for (size_t i = 0; i < c.n_per_template; i++) {
        const circom_template_count *t = &c.per_template[i];
        char each[24] = "";
        if (t->instances && t->constraints % t->instances == 0)
            snprintf(each, sizeof each, "%llu",
                     (unsigned long long)(t->constraints / t->instances));
        lesson_result_line(out, LESSON_MARK_NONE, "%-28s %9u %6s %11llu", t->title, t->instances,
                           each, (unsigned long long)t->constraints);
        sum += t->constraints;
    }
    /* Every constraint is made by exactly one instance: the rows add up. */
    lesson_result_line(out, sum == c.sys.n_rows ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "total %zu constraints at %s: %zu non-linear, %zu linear", c.sys.n_rows,
                       level_text(level), c.n_nonlinear, c.n_linear);
    circom_circuit_free(&c);
    return ZK_OK;
}

/* circom.source file= [template=]: the text the compiler reads, whole or
 * one template (from its line to its closing brace). */
static zk_err source_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    const char *file = lesson_param_get(p, "file", "");
    const char *tmpl = lesson_param_get(p, "template", NULL);
    circom_search sp;
    circom_search_default(&sp);
    char path[CIRCOM_PATH_MAX];
    if (circom_search_find(&sp, file, path, sizeof path))
        return lesson_fail(out, ZK_EIO, "cannot find %s", file);
    char *text;
    size_t len;
    zk_err err = zk_file_read(path, 1 << 20, &text, &len);
    if (err)
        return lesson_fail(out, err, "cannot read %s", path);
    const char *start = text;
    if (tmpl) {
        char key[128];
        snprintf(key, sizeof key, "template %s(", tmpl);
        start = strstr(text, key);
        if (!start) {
            zk_free(text);
            return lesson_fail(out, ZK_EINVAL, "%s has no template %s", file, tmpl);
        }
    }
    int depth = 0;
    bool opened = false;
    size_t lines = 0;
    for (const char *q = start; *q && lines < 80;) {
        const char *e = q + strcspn(q, "\n");
        for (const char *k = q; k < e; k++) {
            depth += *k == '{';
            opened |= *k == '{';
            depth -= *k == '}';
        }
        lesson_result_line(out, LESSON_MARK_NONE, "%.*s", (int)(e - q), q);
        lines++;
        if (tmpl && opened && depth == 0)
            break;
        q = *e ? e + 1 : e;
    }
    zk_free(text);
    return ZK_OK;
}

/* ---- checkers ------------------------------------------------------------------- */

/* circom.check_count file= [main=] level= answer=: the constraint count. */
static zk_err check_count(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    int level;
    circom_circuit c;
    zk_err err = compile_at(out, p, 1, &level, &c);
    if (err)
        return err;
    size_t want = c.sys.n_rows;
    circom_circuit_free(&c);
    uint64_t typed;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &typed))
        return ZK_OK;
    if (typed == want) {
        out->verdict = LESSON_VERDICT_PASS;
        return ZK_OK;
    }
    /* A count right at another level deserves a word. */
    for (int other = 0; other < 3; other++) {
        if (other == level || compile(out, p, other, NULL, &c)) {
            circom_circuit_free(&c);
            continue;
        }
        if (c.sys.n_rows == typed && c.sys.n_rows != want)
            lesson_fail(out, ZK_OK, "that is the count at %s; the question asks about %s",
                        level_text(other), level_text(level));
        circom_circuit_free(&c);
    }
    return ZK_OK;
}

/* The main's first output for the inputs (one overridden by key=value);
 * ZK_EVERIFY when they break a constraint, with a word for the student. */
static zk_err run_output(lesson_result *out, const lesson_params *p, const char *key,
                         const char *value, fr_t *result)
{
    char *json = inputs_json(out, p, key, value);
    if (!json)
        return ZK_EINVAL;
    circom_circuit c;
    zk_err err = compile(out, p, 0, json, &c);
    zk_free(json);
    if (!err && c.sys.n_pub_out == 0)
        err = lesson_fail(out, ZK_EINVAL, "the circuit has no output");
    if (!err)
        *result = c.witness[1];
    if (err == ZK_EVERIFY)
        lesson_fail(out, err, "no witness: %s", c.error ? c.error : "a constraint fails");
    circom_circuit_free(&c);
    return err;
}

/* circom.check_output file= in=... answer=: the circuit's output. */
static zk_err check_output(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    fr_t want, typed;
    zk_err err = run_output(out, p, NULL, NULL, &want);
    if (err)
        return err;
    out->verdict = LESSON_VERDICT_FAIL;
    if (!lesson_answer_fr(out, p, &typed) && fr_eq(&typed, &want))
        out->verdict = LESSON_VERDICT_PASS;
    return ZK_OK;
}

/* circom.check_weights file= in= out= not= answer=: typed weights that
 * give the output `out`, other than `not`: one list, or several separated
 * by ';' (the weights the lesson has already shown). */
static zk_err check_weights(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    fr_t target, got;
    const char *ts = lesson_param_get(p, "out", "");
    if (lesson_fr_parse(&target, ts))
        return lesson_fail(out, ZK_EINVAL, "out must be a whole number, not '%s'", ts);
    const char *answer = lesson_param_get(p, "answer", "");
    out->verdict = LESSON_VERDICT_FAIL;
    /* The same weights as `not`, compared as the circuit reads them. */
    char *a = inputs_json(out, p, "weights", answer);
    if (!a) {
        lesson_fail(out, ZK_OK, "type the weights as numbers, like 1, 2, 3");
        return ZK_OK;
    }
    bool same = false;
    for (const char *n = lesson_param_get(p, "not", ""); *n && !same;) {
        size_t len = strcspn(n, ";");
        char one[512];
        snprintf(one, sizeof one, "%.*s", (int)len, n);
        char *b = inputs_json(out, p, "weights", one);
        same = b && strcmp(a, b) == 0;
        zk_free(b);
        n += len + (n[len] == ';');
    }
    zk_free(a);
    out->message[0] = '\0';
    zk_err err = run_output(out, p, "weights", answer, &got);
    /* Weights that break a constraint, or too few of them, are a wrong
     * answer with the compiler's reason, not a broken checker. */
    if (err == ZK_EVERIFY || err == ZK_EINVAL)
        return ZK_OK;
    if (err)
        return err;
    char g[LESSON_FR_TEXT];
    if (!fr_eq(&got, &target))
        lesson_fail(out, ZK_OK, "those weights give %s, not %s", lesson_fr_text(g, &got), ts);
    else if (same)
        lesson_fail(out, ZK_OK, "the lesson has shown those weights; find others");
    else
        out->verdict = LESSON_VERDICT_PASS;
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"circom.compile", "file main level show",
     "compiles a Circom file: constraints, wires, and the matrices if small", compile_action},
    {"circom.witness", "file main level in weights bias x a b",
     "runs a Circom circuit on inputs: every signal's value, every constraint checked",
     witness_action},
    {"circom.templates", "file main level", "constraints per template instance", templates_action},
    {"circom.source", "file template", "the Circom text of a file or one template", source_action},
    {"circom.check_count", "file main level answer", "checks a constraint count", check_count},
    {"circom.check_output", "file main in weights bias x a b answer",
     "checks a circuit's output for inputs", check_output},
    {"circom.check_weights", "file main in out not answer",
     "checks weights that give a required output", check_weights},
};

const lesson_action_table lesson_actions_circom = {actions, sizeof actions / sizeof actions[0]};
