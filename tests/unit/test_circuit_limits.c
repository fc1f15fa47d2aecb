/* The compiler stays within bounds (issue 13): programs nested past what
 * the stack holds get a located error, not a crash, also inside a thread
 * with an 8 MB stack; loops that would make 10^8 constraints, signals or
 * components, or run forever, stop at a budget with an error naming it;
 * sizes and indices out of range say what is wrong with them. */
#include "zk_test.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "circuit/circom.h"
#include "circuit/circom_value.h"
#include "circuit/r1cs.h"

static const char *const lib_dirs[] = {"circuits"};

/* Compiles src ("x.circom") with the given budgets (0: the defaults). */
static zk_err compile_limited(circom_circuit *c, const char *src, const char *inputs,
                              uint64_t max_steps, uint64_t max_constraints)
{
    circom_options o = {1, lib_dirs, 1, inputs, NULL, max_steps, max_constraints};
    return circom_compile_text(c, "x.circom", src, &o);
}

/* err and an error that starts with `where` ("x.circom:5:12") and holds msg. */
static void expect_error(const char *what, const char *src, zk_err want, const char *where,
                         const char *msg, uint64_t max_steps, uint64_t max_constraints)
{
    circom_circuit c;
    zk_err err = compile_limited(&c, src, NULL, max_steps, max_constraints);
    if (err != want || !c.error || strncmp(c.error, where, strlen(where)) != 0 ||
        !strstr(c.error, msg))
        fail_msg("%s: got %s \"%s\", want %s \"%s...%s\"", what, zk_errname(err),
                 c.error ? c.error : "", zk_errname(want), where, msg);
    assert_int_equal(c.sys.n_rows, 0);
    circom_circuit_free(&c);
}

/* "template T() {\n    signal output o;\n    var x = EXPR;\n    o <== x;\n}..." */
static char *with_expr(const char *head, const char *unit, size_t n, const char *mid,
                       const char *tail_unit, const char *tail)
{
    size_t len = strlen(head) + n * (strlen(unit) + strlen(tail_unit)) + strlen(mid) + strlen(tail) + 1;
    char *s = malloc(len), *p = s;
    assert_non_null(s);
    p += sprintf(p, "%s", head);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s", unit);
    p += sprintf(p, "%s", mid);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s", tail_unit);
    sprintf(p, "%s", tail);
    return s;
}

/* 1 + 1 + ... + 1 leans left as deep as it is long: 20,000 terms crashed
 * the evaluator (10,000 worked); now the chain is walked with a loop. */
static void test_long_chains(void **state)
{
    (void)state;
    const char *head = "template T() {\n    signal output o;\n    var x = 1";
    char *src = with_expr(head, " + 1", 19999, "", "", ";\n    o <== x;\n}\ncomponent main = T();\n");
    circom_circuit c;
    assert_int_equal(compile_limited(&c, src, "{}", 0, 0), ZK_OK);
    fr_t want;
    fr_from_u64(&want, 20000);
    assert_true(fr_eq(&c.witness[1], &want));
    circom_circuit_free(&c);
    free(src);
    /* The resolver walks the chain too, and still names the right place. */
    src = with_expr(head, " * 1", 30000, " + zz", "", ";\n    o <== x;\n}\ncomponent main = T();\n");
    char where[64];
    snprintf(where, sizeof where, "x.circom:3:%d: error: ", 14 + 30000 * 4 + 3);
    expect_error("unknown name after a long chain", src, ZK_EPARSE, where, "unknown name 'zz'", 0, 0);
    free(src);
}

/* A sum built in a loop, `s += a[i]`, copied the whole sum on every turn:
 * 200,000 signals took hours. Terms after the sum's last signal are
 * appended in place now; others are merged (that turn costs the sum's
 * length), and either gives the same constraint as before. */
static void test_sums_in_loops(void **state)
{
    (void)state;
    const char *tmpl = "template T(n) {\n    signal input a[n];\n    signal output o;\n"
                       "    var s = 5;\n    for (var i = 0; i < n; i++) {\n"
                       "        s += a[i] * (i + 1);\n        s += 2;\n    }\n"
                       "    for (var i = 0; i < %d; i++) {\n        s -= a[i];\n    }\n"
                       "    o <== s;\n}\ncomponent main = T(%d);\n";
    char src[512];
    snprintf(src, sizeof src, tmpl, 0, 200000);
    circom_circuit c;
    time_t t0 = time(NULL);
    assert_int_equal(compile_limited(&c, src, NULL, 0, 0), ZK_OK);
    assert_true(time(NULL) - t0 < 60);
    /* One constraint over the 200,000 inputs, o and the constant. */
    assert_int_equal(c.sys.n_rows, 1);
    assert_int_equal(c.sys.n_terms, 200002);
    circom_circuit_free(&c);
    /* o = 5 + 2n + sum (i + 1) a_i - sum a_i = 5 + 2n + sum i a_i; a_i = i,
     * and the second loop merges into the sum instead of appending. */
    snprintf(src, sizeof src, tmpl, 4, 4);
    assert_int_equal(compile_limited(&c, src, "{\"a\": [0, 1, 2, 3]}", 0, 0), ZK_OK);
    fr_t want;
    fr_from_u64(&want, 5 + 8 + 0 + 1 + 4 + 9);
    assert_true(fr_eq(&c.witness[1], &want));
    /* a_0 cancels out of the constraint, (1 - 1)·a_0: a_1..a_3, o, 1. */
    assert_int_equal(c.sys.n_terms, 5);
    circom_circuit_free(&c);
    /* Signals in scrambled order, some cancelling: the witness must match
     * the sum computed here, and the constraint must hold for it. */
    const char *mix = "template T(n) {\n    signal input a[n];\n    signal output o;\n    var s = 0;\n"
                      "    for (var i = 0; i < n; i++) {\n        s += a[(i * 7) %% n] * (i + 1);\n"
                      "        s = s - a[(i * 3) %% n];\n        s -= a[i] * (i %% 2);\n    }\n"
                      "    o <== s;\n}\ncomponent main = T(11);\n";
    snprintf(src, sizeof src, mix);
    char in[128] = "{\"a\": [1";
    for (int i = 1; i < 11; i++)
        snprintf(in + strlen(in), sizeof in - strlen(in), ", %d", i + 1);
    strcat(in, "]}");
    long long sum = 0;
    for (int i = 0; i < 11; i++)
        sum += (long long)((i * 7) % 11 + 1) * (i + 1) - ((i * 3) % 11 + 1) - (i + 1) * (i % 2);
    for (int level = 0; level <= 2; level++) {
        circom_options o = {level, lib_dirs, 1, in, NULL, 0, 0};
        assert_int_equal(circom_compile_text(&c, "x.circom", src, &o), ZK_OK);
        fr_from_u64(&want, (uint64_t)sum);
        assert_true(fr_eq(&c.witness[1], &want));
        assert_int_equal(r1cs_check(&c.sys, c.witness, NULL), ZK_OK);
        circom_circuit_free(&c);
    }
}

/* `s = a[i] + s` in a loop asks the scratch stack for a bigger block each
 * statement; released blocks too small for the next one were all kept, and
 * such a loop over 60,000 signals held 24 GB. */
static void test_scratch_reuse(void **state)
{
    (void)state;
    circom_val_scratch s;
    circom_val_scratch_init(&s);
    size_t largest = 0;
    for (size_t i = 1; i <= 2000; i++) {
        circom_val_mark m = circom_val_scratch_mark(&s);
        size_t size = ((size_t)1 << 16) + 1024 * i;
        assert_non_null(circom_val_scratch_alloc(&s, 64));
        assert_non_null(circom_val_scratch_alloc(&s, size));
        largest = size;
        circom_val_scratch_release(&s, m);
        assert_true(circom_val_scratch_held(&s) <= 4 * largest);
    }
    circom_val_scratch_free(&s);
}

/* ---- nesting, in a thread with an 8 MB stack ------------------------------------------- */

typedef struct deep_case {
    const char *name;
    char *src;                 /* x.circom, or NULL for the include chain */
    const char *where, *msg;   /* expected start and part of the error */
    zk_err err;                /* what the thread saw */
    char got[512];
} deep_case;

/* The program of a function f(n) whose return value is EXPR around
 * f(n - 1), unit and tail_unit repeated k times, called 10^6 deep. */
static char *recursive_fn(const char *unit, size_t k, const char *tail_unit)
{
    return with_expr("function f(n) {\n    if (n == 0) {\n        return 0;\n    }\n    return ", unit, k,
                     "f(n - 1)", tail_unit,
                     ";\n}\ntemplate T() {\n    signal output o;\n    var x = f(1000000);\n"
                     "    o <== x;\n}\ncomponent main = T();\n");
}

static void *run_deep(void *arg)
{
    deep_case *dc = arg;
    for (; dc->name; dc++) {
        circom_circuit c;
        if (dc->src) {
            dc->err = compile_limited(&c, dc->src, NULL, 0, 0);
        } else {
            /* 100 files, each including the next. */
            circom_source src[101];
            char names[101][24], *texts[101];
            for (int i = 0; i <= 100; i++) {
                texts[i] = malloc(128);
                snprintf(names[i], sizeof names[i], i ? "f%d.circom" : "x.circom", i);
                if (i == 0)
                    snprintf(texts[i], 128, "include \"f1.circom\";\ncomponent main = F1();\n");
                else if (i < 100)
                    snprintf(texts[i], 128, "include \"f%d.circom\";\ntemplate F%d() {}\n", i + 1, i);
                else
                    snprintf(texts[i], 128, "template F%d() {}\n", i);
                src[i] = (circom_source){names[i], texts[i]};
            }
            circom_options o = {1, NULL, 0, NULL, NULL, 0, 0};
            dc->err = circom_compile_sources(&c, src, 101, &o);
            for (int i = 0; i <= 100; i++)
                free(texts[i]);
        }
        snprintf(dc->got, sizeof dc->got, "%s", c.error ? c.error : "");
        circom_circuit_free(&c);
    }
    return NULL;
}

static void test_deep_nesting(void **state)
{
    (void)state;
    deep_case cases[] = {
        {"a function calling itself 10^6 deep", recursive_fn("", 0, " + 1"), "x.circom:5:12: error: ",
         "calls nested too deeply (over 400)", 0, ""},
        {"a template instantiating itself",
         strdup("template T(n) {\n    signal output o;\n    if (n > 0) {\n        component c = T(n - 1);\n"
                "        o <== c.o + 1;\n    } else {\n        o <== 1;\n    }\n}\n"
                "component main = T(1000000);\n"),
         "x.circom:4:19: error: ", "components nested too deeply (over 400)", 0, ""},
        {"1 + (1 + (... f(n - 1))) in recursion", recursive_fn("1 + (", 120, ")"),
         "x.circom:5:", "nested too deeply: over 4000", 0, ""},
        {"- - - f(n - 1) in recursion", recursive_fn("- ", 250, ""), "x.circom:5:",
         "nested too deeply: over 4000", 0, ""},
        {"1 ? 1 ? ... f(n - 1) : 0 : 0 in recursion", recursive_fn("1 ? ", 120, " : 0"), "x.circom:5:",
         "nested too deeply: over 4000", 0, ""},
        {"blocks nested in a recursive template",
         with_expr("template T(n) {\n    signal output o;\n    ", "if (n >= 0) {", 120,
                   "if (n > 0) { component c = T(n - 1); o <== c.o + 1; } else { o <== 1; }", "}",
                   "\n}\ncomponent main = T(1000000);\n"),
         "x.circom:3:", "nested too deeply: over 4000", 0, ""},
        {"300 nested blocks",
         with_expr("template T() {\n    signal output o;\n    ", "{", 300, "o <== 1;", "}",
                   "\n}\ncomponent main = T();\n"),
         "x.circom:3:", "statements nested too deeply", 0, ""},
        {"a[a[a[...]]] 300 deep",
         with_expr("template T() {\n    signal output o;\n    var a[2];\n    var x = ", "a[", 300, "0", "]",
                   ";\n    o <== x;\n}\ncomponent main = T();\n"),
         "x.circom:4:", "expression nested too deeply", 0, ""},
        {"an include chain of 100 files", NULL, "f64.circom:1:9: error: ",
         "includes nested too deeply (over 64 files", 0, ""},
        {NULL, NULL, NULL, NULL, 0, ""},
    };
    /* The limits must hold where the stack is a common 8 MB, whatever
     * the sanitizers add to each frame. */
    pthread_attr_t attr;
    pthread_t th;
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, (size_t)8 << 20), 0);
    assert_int_equal(pthread_create(&th, &attr, run_deep, cases), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    pthread_attr_destroy(&attr);
    for (deep_case *dc = cases; dc->name; dc++) {
        if (dc->err != ZK_EPARSE || strncmp(dc->got, dc->where, strlen(dc->where)) != 0 ||
            !strstr(dc->got, dc->msg))
            fail_msg("%s: got %s \"%s\", want \"%s...%s\"", dc->name, zk_errname(dc->err), dc->got,
                     dc->where, dc->msg);
        free(dc->src);
    }
}

/* ---- budgets ---------------------------------------------------------------------------- */

static void test_size_budget(void **state)
{
    (void)state;
    const char *budget = "the limit set by --max-constraints (1000)";
    /* The loop of the issue, which was at 5.4 GB after 60 s. */
    expect_error("10^8 constraints",
                 "template T() {\n    signal input a;\n    signal b;\n    b <== a * a;\n"
                 "    for (var i = 0; i < 100000000; i++) {\n        b === a * a;\n    }\n}\n"
                 "component main = T();\n",
                 ZK_EOVERFLOW, "x.circom:6:9: error: the circuit makes more than 1000 constraints",
                 budget, 0, 1000);
    expect_error("10^8 signals",
                 "template T() {\n    signal s[100000000];\n}\ncomponent main = T();\n", ZK_EOVERFLOW,
                 "x.circom:2:12: error: the circuit has more than 1000 signals", budget, 0, 1000);
    expect_error("components of components",
                 "template V() {}\ntemplate U() {\n    component d[500];\n"
                 "    for (var i = 0; i < 500; i++) {\n        d[i] = V();\n    }\n}\n"
                 "template T() {\n    component c[500];\n"
                 "    for (var i = 0; i < 500; i++) {\n        c[i] = U();\n    }\n}\n"
                 "component main = T();\n",
                 ZK_EOVERFLOW, "x.circom:5:9: error: the circuit has more than 1000 component instances",
                 budget, 0, 1000);
    expect_error("an array of 10^8 components",
                 "template U() {}\ntemplate T() {\n    component c[100000000];\n}\n"
                 "component main = T();\n",
                 ZK_EOVERFLOW, "x.circom:3:15: error: the circuit has more than 1000 component instances",
                 budget, 0, 1000);
    expect_error("a variable of 10^8 values",
                 "template T() {\n    var big[100000000];\n}\ncomponent main = T();\n", ZK_EOVERFLOW,
                 "x.circom:2:9: error: the variables hold more than 1000 values at once", budget, 0, 1000);
    /* Each frame of a recursion holds its own: they add up. */
    expect_error("variables along a recursion",
                 "function f(n) {\n    var t[300];\n    return n == 0 ? 0 : f(n - 1);\n}\n"
                 "template T() {\n    var x = f(10);\n}\ncomponent main = T();\n",
                 ZK_EOVERFLOW, "x.circom:2:9: error: the variables hold more than 1000 values", budget,
                 0, 1000);
    expect_error("wide constraints",
                 "template T() {\n    signal input a[64];\n    var s = 0;\n"
                 "    for (var i = 0; i < 64; i++) {\n        s += a[i];\n    }\n"
                 "    for (var i = 0; i < 200; i++) {\n        s === 0;\n    }\n}\n"
                 "component main = T();\n",
                 ZK_EOVERFLOW, "x.circom:8:9: error: the constraints hold more than 4800 terms",
                 "--max-constraints (300)", 0, 300);
    /* Under the budget everything is as before, and a witness computed
     * from the bundle obeys the budget it is given. */
    const char *src = "template T(n) {\n    signal input a;\n    signal s[n];\n    s[0] <== a * a;\n"
                      "    for (var i = 1; i < n; i++) {\n        s[i] <== s[i - 1] * a;\n    }\n}\n"
                      "component main = T(900);\n";
    circom_circuit c;
    assert_int_equal(compile_limited(&c, src, NULL, 0, 1000), ZK_OK);
    assert_int_equal(c.sys.n_rows, 900);
    char path[64];
    snprintf(path, sizeof path, "/tmp/zkcave_limits_%d.zkwc", (int)getpid());
    assert_int_equal(circom_bundle_write(&c, path), ZK_OK);
    circom_circuit_free(&c);
    circom_options lim = {0, NULL, 0, NULL, NULL, 0, 800};
    assert_int_equal(circom_witness_from_bundle(&c, path, "{\"a\": 2}", &lim), ZK_EOVERFLOW);
    assert_non_null(strstr(c.error, "more than 800 signals"));
    circom_circuit_free(&c);
    lim.max_constraints = 1000;
    assert_int_equal(circom_witness_from_bundle(&c, path, "{\"a\": 2}", &lim), ZK_OK);
    circom_circuit_free(&c);
    unlink(path);
}

/* By default a quarter of the memory, at CIRCOM_BYTES_PER_CONSTRAINT each. */
static void test_default_budget(void **state)
{
    (void)state;
    uint64_t want = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGE_SIZE) / 4 /
                    CIRCOM_BYTES_PER_CONSTRAINT;
    assert_true(want > 1024);
    assert_true(circom_default_max_constraints() == want);
}

static void test_step_budget(void **state)
{
    (void)state;
    /* Work that makes nothing. */
    expect_error("for (i < 10^12) {}",
                 "template T() {\n    signal output o;\n    for (var i = 0; i < 1000000000000; i++) {\n"
                 "    }\n    o <== 1;\n}\ncomponent main = T();\n",
                 ZK_EOVERFLOW, "x.circom:3:40: error: the program runs too long: more than 100000 steps",
                 "--max-steps", 100000, 0);
    expect_error("a function that loops",
                 "function f() {\n    var i = 0;\n    while (i >= 0) {\n        i++;\n    }\n    return i;\n}\n"
                 "template T() {\n    var x = f();\n}\ncomponent main = T();\n",
                 ZK_EOVERFLOW, "x.circom:", "--max-steps", 100000, 0);
    /* Work that makes constraints earns more statements. */
    const char *src = "template T(n) {\n    signal input a;\n    signal s[n];\n    s[0] <== a * a;\n"
                      "    for (var i = 1; i < n; i++) {\n        var k = 0;\n        k += i;\n"
                      "        s[i] <== s[i - 1] * a + k;\n    }\n}\ncomponent main = T(5000);\n";
    circom_circuit c;
    assert_int_equal(compile_limited(&c, src, NULL, 1000, 0), ZK_OK);
    circom_circuit_free(&c);
}

/* ---- sizes and indices -------------------------------------------------------------------- */

static void test_sizes_and_indices(void **state)
{
    (void)state;
    static const struct {
        const char *decl, *where, *msg;
    } cases[] = {
        /* was "index ... out of range (the size is 2147483648)" */
        {"var x[-5];", "x.circom:3:22", "the size of 'x' is negative (-5)"},
        {"signal s[2][-1];", "x.circom:3:28", "the size of 's' is negative (-1)"},
        {"component c[-2];", "x.circom:3:28", "the size of 'c' is negative (-2)"},
        {"var x[2147483649];", "x.circom:3:22", "the size of 'x' is 2147483649, over the limit of 2^31"},
        {"var x[65536][65536];", "x.circom:3:20", "'x' is too large (4294967296 elements; at most 2^31)"},
        {"var x[3]; x[-1] = 1;", "x.circom:3:28", "index -1 is negative"},
        {"var x[3]; x[3] = 1;", "x.circom:3:28", "index 3 is out of range (the size is 3)"},
        {"component c[2]; c[-1] = U();", "x.circom:3:34", "index -1 is negative"},
        {"component u = V(); u.in[-1] <== 1;", "x.circom:3:40", "index -1 is negative"},
        {"component u = V(); u.in[2147483648] <== 1;", "x.circom:3:40",
         "index 2147483648 is too large (indices stay below 2^31)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[512], where[64];
        snprintf(src, sizeof src, "template U() {}\ntemplate V() { signal input in[2]; }\n"
                 "template T() { %s }\ncomponent main = T();\n", cases[i].decl);
        snprintf(where, sizeof where, "%s: error: ", cases[i].where);
        expect_error(cases[i].decl, src, ZK_EPARSE, where, cases[i].msg, 0, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_sums_in_loops),
        cmocka_unit_test(test_scratch_reuse),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_size_budget),
        cmocka_unit_test(test_default_budget),
        cmocka_unit_test(test_step_budget),
        cmocka_unit_test(test_sizes_and_indices),
    };
    return ZK_RUN_TESTS(tests);
}
