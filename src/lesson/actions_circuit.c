/* circuit.*: lessons 05 and 06, over the
 * flattener of circuit/flatten.h. A polynomial in x becomes gates (Vitalik
 * Buterin, "Quadratic Arithmetic Programs: from Zero to Hero", 2016), the
 * gates a witness and an R1CS, and every row of the R1CS is checked against
 * the witness, which the student may edit. */
#include <stdio.h>
#include <string.h>

#include "circuit/flatten.h"
#include "circuit/r1cs_view.h"
#include "lesson/actions.h"
#include "lesson/answer.h"
#include "lesson/circuit_view.h"

/* Circuits a lesson may name instead of spelling the polynomial out. */
static const struct {
    const char *name, *expr;
} named[] = {
    {"cubic", "x^3 + x + 5"},
};

/* The polynomial of `expr=` or `circuit=`, flattened. On a parse error the
 * expression and a caret under the place go into the result first. */
static zk_err flatten_param(lesson_result *out, const lesson_params *p, flat_circuit *fc,
                            const char **expr_out)
{
    const char *expr = lesson_param_get(p, "expr", NULL);
    const char *circuit = lesson_param_get(p, "circuit", NULL);
    if (!expr && circuit) {
        for (size_t i = 0; i < sizeof named / sizeof named[0] && !expr; i++)
            if (strcmp(circuit, named[i].name) == 0)
                expr = named[i].expr;
        if (!expr)
            return lesson_fail(out, ZK_EINVAL, "no circuit named '%s' (try circuit=cubic)", circuit);
    }
    if (!expr || !*expr)
        return lesson_fail(out, ZK_EINVAL, "give a polynomial in x, like expr=\"x^3 + x + 5\"");
    *expr_out = expr;
    char why[128] = "";
    size_t at = 0;
    zk_err err = flat_parse(fc, expr, why, &at);
    if (err == ZK_EOVERFLOW)
        return lesson_fail(out, err, "too big for a lesson: at most %d gates and exponents up to 64",
                           FLAT_MAX_GATES);
    if (err) {
        lesson_result_line(out, LESSON_MARK_NONE, "%s", expr);
        lesson_result_line(out, LESSON_MARK_BAD, "%*s^ %s", (int)at, "", why);
        return lesson_fail(out, err, "cannot flatten '%s': %s (column %zu)", expr, why,
                           at + 1);
    }
    return ZK_OK;
}

static size_t count_mul(const flat_circuit *fc)
{
    size_t n = 0;
    for (size_t i = 0; i < fc->n_gates; i++)
        n += fc->gates[i].op == FLAT_MUL;
    return n;
}

static const char *const *flat_names(const flat_circuit *fc, const char *names[FLAT_MAX_GATES + 3])
{
    for (size_t i = 0; i < fc->n_vars; i++)
        names[i] = fc->names[i];
    return names;
}

/* "[one, x, out, sym_1]" or the values "[1, 3, 35, 9]". */
static void witness_list(char *buf, size_t cap, const flat_circuit *fc, const fr_t *w)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < fc->n_vars && used + 1 < cap; i++) {
        char v[LESSON_FR_TEXT];
        const char *text = w ? lesson_fr_text(v, &w[i]) : fc->names[i];
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? ", " : "[", text);
    }
    if (used + 1 < cap)
        snprintf(buf + used, cap - used, "]");
}

static void const_fr(fr_t *v, int64_t k)
{
    fr_from_u64(v, k < 0 ? (uint64_t)0 - (uint64_t)k : (uint64_t)k);
    if (k < 0)
        fr_neg(v, v);
}

/* x from the parameters, a signed integer. */
static zk_err x_param(lesson_result *out, const lesson_params *p, fr_t *x)
{
    const char *s = lesson_param_get(p, "x", "3");
    if (lesson_fr_parse(x, s))
        return lesson_fail(out, ZK_EINVAL, "x must be a whole number such as 3 or -2, not '%s'", s);
    return ZK_OK;
}

/* The polynomial and x, for the actions that evaluate it. */
static zk_err flatten_x(lesson_result *out, const lesson_params *p, flat_circuit *fc,
                        const char **expr, fr_t *x)
{
    zk_err err = flatten_param(out, p, fc, expr);
    return err ? err : x_param(out, p, x);
}

/* circuit.flatten expr=: the gates, one operation each. */
static zk_err flatten_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    const char *expr;
    zk_err err = flatten_param(out, p, &fc, &expr);
    if (err)
        return err;
    size_t mul = count_mul(&fc);
    lesson_result_line(out, LESSON_MARK_HEAD, "%s: %zu gate%s, %zu multiplication%s", expr,
                       fc.n_gates, fc.n_gates == 1 ? "" : "s", mul, mul == 1 ? "" : "s");
    for (size_t i = 0; i < fc.n_gates; i++) {
        char g[96];
        flat_gate_text(&fc, i, g, sizeof g);
        if (fc.gates[i].op == FLAT_MUL)
            lesson_result_line(out, LESSON_MARK_NONE, "%2zu  %-28s multiplication", i + 1, g);
        else
            lesson_result_line(out, LESSON_MARK_NONE, "%2zu  %s", i + 1, g);
    }
    char names[512];
    witness_list(names, sizeof names, &fc, NULL);
    lesson_result_line(out, LESSON_MARK_NOTE, "wires, in witness order: %s", names);
    return ZK_OK;
}

/* circuit.eval expr= x= [target=]: every gate run on x, and the witness. */
static zk_err eval_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    const char *expr;
    fr_t x, w[FLAT_MAX_GATES + 3], target;
    zk_err err = flatten_x(out, p, &fc, &expr, &x);
    const char *ts = lesson_param_get(p, "target", NULL);
    if (!err && ts && lesson_fr_parse(&target, ts))
        err = lesson_fail(out, ZK_EINVAL, "target must be a whole number, not '%s'", ts);
    if (err)
        return err;
    flat_eval(&fc, &x, w);
    char xs[LESSON_FR_TEXT];
    lesson_result_line(out, LESSON_MARK_HEAD, "%s with x = %s, gate by gate", expr,
                       lesson_fr_text(xs, &x));
    for (size_t i = 0; i < fc.n_gates; i++) {
        const flat_gate *g = &fc.gates[i];
        char text[96], a[LESSON_FR_TEXT], b[LESSON_FR_TEXT], r[LESSON_FR_TEXT];
        fr_t av, bv;
        flat_gate_text(&fc, i, text, sizeof text);
        /* Operand values read back from the witness, constants as written. */
        const flat_operand *ops[2] = {&g->left, &g->right};
        fr_t *vals[2] = {&av, &bv};
        for (int k = 0; k < 2; k++) {
            if (ops[k]->var >= 0)
                *vals[k] = w[ops[k]->var];
            else
                const_fr(vals[k], ops[k]->k);
        }
        const char *op = g->op == FLAT_MUL ? "·" : g->op == FLAT_ADD ? "+" : "-";
        lesson_result_line(out, LESSON_MARK_NONE, "%-24s  %s %s %s = %s", text,
                           lesson_fr_text(a, &av), op, lesson_fr_text(b, &bv),
                           lesson_fr_text(r, &w[g->out]));
    }
    char names[512], values[512];
    witness_list(names, sizeof names, &fc, NULL);
    witness_list(values, sizeof values, &fc, w);
    lesson_result_line(out, LESSON_MARK_HEAD, "the witness %s", names);
    lesson_result_line(out, LESSON_MARK_NONE, "          = %s", values);
    if (ts) {
        char o[LESSON_FR_TEXT], t[LESSON_FR_TEXT];
        bool hit = fr_eq(&w[2], &target);
        lesson_fr_text(t, &target);
        lesson_result_line(out, hit ? LESSON_MARK_OK : LESSON_MARK_BAD, "out = %s%s%s",
                           lesson_fr_text(o, &w[2]), hit ? ", the target " : ", not the target ",
                           t);
    }
    return ZK_OK;
}

/* circuit.r1cs expr=: one constraint per gate, as matrices. */
static zk_err from_gates_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    const char *expr;
    zk_err err = flatten_param(out, p, &fc, &expr);
    if (err)
        return err;
    r1cs s;
    if ((err = flat_to_r1cs(&fc, &s)))
        return lesson_fail(out, err, "cannot build the R1CS: %s", zk_strerror(err));
    const char *names[FLAT_MAX_GATES + 3];
    lesson_r1cs_view v = {flat_names(&fc, names), NULL, true, 0};
    size_t failing, first;
    lesson_result_line(out, LESSON_MARK_HEAD, "%s: %zu constraints over %u wires", expr, s.n_rows,
                       s.n_wires);
    err = lesson_r1cs_show(out, &s, &v, &failing, &first);
    r1cs_free(&s);
    return err;
}

/* Applies `set=` edits ("sym_1:10", several separated by spaces or commas;
 * "=" works as well as ":") to the witness. */
static zk_err apply_set(lesson_result *out, const char *set, const flat_circuit *fc, fr_t *w)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", set);
    for (char *tok = strtok(buf, " ,;"); tok; tok = strtok(NULL, " ,;")) {
        char *sep = strpbrk(tok, ":=");
        if (!sep)
            return lesson_fail(out, ZK_EINVAL, "write an edit as wire:value, like sym_1:10, not '%s'",
                               tok);
        *sep = '\0';
        size_t j = 0;
        while (j < fc->n_vars && strcmp(fc->names[j], tok) != 0)
            j++;
        if (j == fc->n_vars) {
            char names[512];
            witness_list(names, sizeof names, fc, NULL);
            return lesson_fail(out, ZK_EINVAL, "no wire named '%s'; the wires are %s", tok, names);
        }
        if (lesson_fr_parse(&w[j], sep + 1))
            return lesson_fail(out, ZK_EINVAL, "%s must be set to a whole number, not '%s'", tok,
                               sep + 1);
    }
    return ZK_OK;
}

/* Reads a witness list "[1, 3, 35, 9, 27, 30]" (brackets optional) into w;
 * *n is how many values it had. */
static zk_err parse_list(const char *text, fr_t *w, size_t max, size_t *n)
{
    lesson_list list;
    *n = 0;
    if (lesson_answer_list(&list, text) || list.n > max)
        return ZK_EPARSE;
    for (; *n < list.n; (*n)++)
        if (lesson_fr_parse(&w[*n], list.items[*n]))
            return ZK_EPARSE;
    return ZK_OK;
}

/* Lists the failing rows: "rows 0 and 1 fail". */
static void failing_line(lesson_result *out, const r1cs *s, const fr_t *w, size_t failing)
{
    if (!failing) {
        lesson_result_line(out, LESSON_MARK_OK, "all %zu rows hold: the witness satisfies the system",
                           s->n_rows);
        return;
    }
    char list[256] = "";
    size_t used = 0, seen = 0;
    for (size_t i = 0; i < s->n_rows && used + 1 < sizeof list; i++)
        if (!r1cs_row_holds(s, i, w)) {
            seen++;
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%zu",
                                     seen == 1 ? "" : seen == failing ? " and " : ", ", i);
        }
    lesson_result_line(out, LESSON_MARK_BAD, "row%s %s fail%s: a verifier would reject this witness",
                       failing == 1 ? "" : "s", list, failing == 1 ? "s" : "");
}

/* circuit.satisfy circuit=cubic x= [w=] [set=wire:value]: the witness of x (or
 * the one given), edited, checked row by row. */
static zk_err check_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    const char *expr;
    fr_t x, w[FLAT_MAX_GATES + 3];
    zk_err err = flatten_x(out, p, &fc, &expr, &x);
    if (err)
        return err;
    flat_eval(&fc, &x, w);
    const char *given = lesson_param_get(p, "w", NULL);
    size_t n;
    if (given && *given && (parse_list(given, w, fc.n_vars, &n) || n != fc.n_vars)) {
        char names[512];
        witness_list(names, sizeof names, &fc, NULL);
        return lesson_fail(out, ZK_EINVAL, "w must be %zu whole numbers, one for each of %s",
                           fc.n_vars, names);
    }
    const char *set = lesson_param_get(p, "set", NULL);
    if (set && *set && (err = apply_set(out, set, &fc, w)))
        return err;
    r1cs s;
    if ((err = flat_to_r1cs(&fc, &s)))
        return lesson_fail(out, err, "cannot build the R1CS: %s", zk_strerror(err));
    char names[512], values[512];
    witness_list(names, sizeof names, &fc, NULL);
    witness_list(values, sizeof values, &fc, w);
    lesson_result_line(out, LESSON_MARK_HEAD, "w = %s", names);
    lesson_result_line(out, LESSON_MARK_HEAD, "  = %s", values);
    const char *nm[FLAT_MAX_GATES + 3];
    lesson_r1cs_view v = {flat_names(&fc, nm), w, true, 0};
    size_t failing, first;
    if (!(err = lesson_r1cs_show(out, &s, &v, &failing, &first)))
        failing_line(out, &s, w, failing);
    r1cs_free(&s);
    return err;
}

/* ---- checkers ------------------------------------------------------------------- */

/* circuit.check_gates expr= count=mul|all answer=: the number of
 * multiplication gates, or of all gates (= R1CS rows). */
static zk_err check_gates(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const kinds[] = {"mul", "all"};
    size_t kind;
    flat_circuit fc;
    const char *expr;
    zk_err err = lesson_param_choice(out, p, "count", kinds, 2, &kind);
    if (!err)
        err = flatten_param(out, p, &fc, &expr);
    if (err)
        return err;
    size_t want = kind == 0 ? count_mul(&fc) : fc.n_gates;
    uint64_t typed;
    out->verdict = LESSON_VERDICT_FAIL;
    if (lesson_answer_u64(out, p, &typed))
        return ZK_OK;
    if (typed == want)
        out->verdict = LESSON_VERDICT_PASS;
    else if (kind == 0 && typed == fc.n_gates)
        lesson_fail(out, ZK_OK, "that counts every gate; additions are not multiplications");
    else if (kind == 1 && typed == count_mul(&fc))
        lesson_fail(out, ZK_OK, "that counts only multiplications; additions are rows too");
    return ZK_OK;
}

/* circuit.check_eval expr= x= answer=: out for that x. */
static zk_err check_eval(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    const char *expr;
    fr_t x, w[FLAT_MAX_GATES + 3], typed;
    zk_err err = flatten_x(out, p, &fc, &expr, &x);
    if (err)
        return err;
    flat_eval(&fc, &x, w);
    out->verdict = LESSON_VERDICT_FAIL;
    if (!lesson_answer_fr(out, p, &typed) && fr_eq(&typed, &w[2]))
        out->verdict = LESSON_VERDICT_PASS;
    return ZK_OK;
}

/* circuit.check_witness circuit=cubic x= answer=: any witness list that has
 * the given x and satisfies every row. */
static zk_err check_witness(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    flat_circuit fc;
    const char *expr;
    fr_t x, w[FLAT_MAX_GATES + 3];
    zk_err err = flatten_x(out, p, &fc, &expr, &x);
    if (err)
        return err;
    out->verdict = LESSON_VERDICT_FAIL;
    char names[512];
    witness_list(names, sizeof names, &fc, NULL);
    size_t n;
    if (parse_list(lesson_param_get(p, "answer", ""), w, fc.n_vars, &n) || n != fc.n_vars) {
        lesson_fail(out, ZK_OK, "type %zu numbers, one for each of %s", fc.n_vars, names);
        return ZK_OK;
    }
    if (!fr_is_one(&w[0])) {
        lesson_fail(out, ZK_OK, "the first entry is the wire one: it is always 1");
        return ZK_OK;
    }
    if (!fr_eq(&w[1], &x)) {
        char xs[LESSON_FR_TEXT];
        lesson_fail(out, ZK_OK, "the second entry is x, which is %s here", lesson_fr_text(xs, &x));
        return ZK_OK;
    }
    r1cs s;
    if ((err = flat_to_r1cs(&fc, &s)))
        return lesson_fail(out, err, "cannot build the R1CS: %s", zk_strerror(err));
    size_t bad;
    if (r1cs_check(&s, w, &bad) == ZK_OK) {
        out->verdict = LESSON_VERDICT_PASS;
    } else {
        r1cs_row_check rc[FLAT_MAX_GATES];
        r1cs_check_rows(&s, w, rc);
        const char *nm[FLAT_MAX_GATES + 3];
        char a[160], b[160], c[160], av[LESSON_FR_TEXT], bv[LESSON_FR_TEXT], cv[LESSON_FR_TEXT];
        flat_names(&fc, nm);
        lesson_r1cs_side_text(a, sizeof a, &s, bad, 0, nm);
        lesson_r1cs_side_text(b, sizeof b, &s, bad, 1, nm);
        lesson_r1cs_side_text(c, sizeof c, &s, bad, 2, nm);
        lesson_fail(out, ZK_OK, "row %zu, (%s)·(%s) = %s, fails: %s · %s ≠ %s", bad, a, b, c,
                    lesson_fr_text(av, &rc[bad].a), lesson_fr_text(bv, &rc[bad].b),
                    lesson_fr_text(cv, &rc[bad].c));
    }
    r1cs_free(&s);
    return ZK_OK;
}

static const lesson_action actions[] = {
    {"circuit.flatten", "expr circuit", "a polynomial in x flattened into gates", flatten_action},
    {"circuit.eval", "expr circuit x target", "the gates run on x: every wire's value", eval_action},
    {"circuit.r1cs", "expr circuit", "the A, B, C matrices of a flattened polynomial",
     from_gates_action},
    {"circuit.satisfy", "expr circuit x w set", "a witness (edited with set=wire:value) checked row by row",
     check_action},
    {"circuit.check_gates", "expr circuit count answer", "checks a count of gates", check_gates},
    {"circuit.check_eval", "expr circuit x answer", "checks the output for an x", check_eval},
    {"circuit.check_witness", "expr circuit x answer", "checks a typed witness against every row",
     check_witness},
};

const lesson_action_table lesson_actions_circuit = {actions, sizeof actions / sizeof actions[0]};
