/* stark101.*: lesson 11, StarkWare's STARK101 tutorial protocol step by
 * step (stark/stark101.h), each value the tutorial asserts checked. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/actions.h"
#include "stark/fri.h"
#include "stark/stark.h"
#include "stark/stark101.h"

/* The tutorial's str(): the representative closer to zero. */
static const char *s101_num(char *buf, size_t cap, f101_t v)
{
    if (v > F101_P / 2)
        snprintf(buf, cap, "-%llu", (unsigned long long)(F101_P - v));
    else
        snprintf(buf, cap, "%llu", (unsigned long long)v);
    return buf;
}

static f101_t eval_at(const f101_t *p, size_t len, f101_t x)
{
    f101_t v = 0;
    for (size_t i = len; i-- > 0;)
        v = f101_add(f101_mul(v, x), p[i]);
    return v;
}

/* A check line: ✔ when got equals want, ✘ otherwise. */
static void check_u(lesson_result *out, const char *what, uint64_t got, uint64_t want)
{
    lesson_result_line(out, got == want ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "%s = %llu%s", what, (unsigned long long)got,
                       got == want ? "   (the tutorial's value)" : "   ≠ the tutorial's value");
}

static void check_hex(lesson_result *out, const char *what, const char *got, const char *want)
{
    bool ok = strcmp(got, want) == 0;
    lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD, "%s %.16s…%s", what, got,
                       ok ? "   (the tutorial's)" : "   ≠ the tutorial's");
}

/* Parts 1 and 2 on the heap (the state is a few hundred KiB). */
static zk_err run_parts(lesson_result *out, s101 **s, bool part2)
{
    *s = zk_calloc(1, sizeof **s);
    if (!*s)
        return ZK_ENOMEM;
    zk_err err = s101_part1(*s);
    if (!err && part2)
        err = s101_part2(*s);
    if (err) {
        s101_free(*s);
        zk_free(*s);
        *s = NULL;
        return lesson_fail(out, err, "the tutorial's computation failed: %s", zk_strerror(err));
    }
    return ZK_OK;
}

static void done_parts(s101 *s)
{
    if (s) {
        s101_free(s);
        zk_free(s);
    }
}

/* stark101.trace: the FibonacciSq trace, the group G and the trace polynomial. */
static zk_err trace_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p;
    (void)ev;
    s101 *s;
    zk_err err = run_parts(out, &s, false);
    if (err)
        return err;
    char b[24];
    lesson_result_line(out, LESSON_MARK_HEAD, "the trace: a[n+2] = a[n+1]² + a[n]² mod 3221225473");
    lesson_result_line(out, LESSON_MARK_NONE, "a[0] = 1, a[1] = %llu, a[2] = %llu, a[3] = %llu, …",
                       (unsigned long long)s->a[1], (unsigned long long)s->a[2],
                       (unsigned long long)s->a[3]);
    check_u(out, "a[1022]", s->a[1022], S101_RESULT);
    lesson_result_line(out, LESSON_MARK_HEAD, "the domain: G = <g>, g = 5^(3·2^20)");
    lesson_result_line(out, f101_pow(s->g, 1024) == 1 && f101_pow(s->g, 512) != 1 ? LESSON_MARK_OK
                                                                                 : LESSON_MARK_BAD,
                       "g = %llu has order exactly 1024 (g^512 = %s)", (unsigned long long)s->g,
                       s101_num(b, sizeof b, f101_pow(s->g, 512)));
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "the trace polynomial f: degree < 1023 with f(g^i) = a[i]");
    check_u(out, "f(2)", eval_at(s->f, S101_TRACE, 2), 1302089273u);
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "f(g^i) = a[i] for all 1023 points; at g^1023 f is whatever it is");
    done_parts(s);
    return ZK_OK;
}

/* stark101.commit: the low-degree extension and its Merkle root. */
static zk_err commit_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p;
    (void)ev;
    s101 *s;
    zk_err err = run_parts(out, &s, false);
    if (err)
        return err;
    char b0[24], b1[24], b2[24], hex[2 * HASH_BYTES + 1];
    lesson_result_line(out, LESSON_MARK_NONE,
                       "eval domain: 5·<h>, h = 5^(3·2^30/8192), 8192 points, 8× the trace");
    lesson_result_line(out, LESSON_MARK_NONE, "f(5) = %s, f(5h) = %s, f(5h²) = %s, …",
                       s101_num(b0, sizeof b0, s->f_eval[0]), s101_num(b1, sizeof b1, s->f_eval[1]),
                       s101_num(b2, sizeof b2, s->f_eval[2]));
    s101_hash_list(hex, s->f_eval, S101_DOMAIN, true);
    check_hex(out, "sha256 of the 8192 values:", hex,
              "1d357f674c27194715d1440f6a166e30855550cb8cb8efeb72827f6a1bf9b5bb");
    check_hex(out, "Merkle root of f on the domain:", s->f_tree.node[1],
              "6c266a104eeaceae93c14ad799ce595ec8c2764359d7ad1b4b7c57a4da52be04");
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "the channel now holds sha256(\"0\" + root) = %.16s…: every later "
                       "challenge depends on this commitment", s->ch.state);
    done_parts(s);
    return ZK_OK;
}

/* stark101.constraints: p0, p1, p2 and the composition polynomial. */
static zk_err constraints_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p;
    (void)ev;
    s101 *s;
    zk_err err = run_parts(out, &s, true);
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_HEAD, "p0 = (f - 1)/(x - 1): a[0] = 1");
    check_u(out, "p0(2718)", eval_at(s->p0, S101_GROUP, 2718), 2509888982u);
    lesson_result_line(out, LESSON_MARK_HEAD, "p1 = (f - 2338775057)/(x - g^1022): a[1022]");
    check_u(out, "p1(5772)", eval_at(s->p1, S101_GROUP, 5772), 232961446u);
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "p2 = (f(g²x) - f(gx)² - f(x)²) / ((x^1024 - 1)/((x - g^1021)(x - g^1022)(x - g^1023)))");
    size_t deg = S101_GROUP;
    while (deg > 0 && s->p2[deg - 1] == 0)
        deg--;
    lesson_result_line(out, deg == 1024 ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "p2 has degree %zu: the division was exact", deg - 1);
    check_u(out, "p2(31415)", eval_at(s->p2, S101_GROUP, 31415), 2090051528u);
    lesson_result_line(out, LESSON_MARK_HEAD, "CP = α0·p0 + α1·p1 + α2·p2, the α's from the channel");
    s101_channel ch;
    s101_channel_init(&ch);
    f101_t *cp = zk_alloc(S101_GROUP + S101_DOMAIN, sizeof *cp);
    if (!cp) {
        done_parts(s);
        return ZK_ENOMEM;
    }
    s101_cp_from(s, &ch, cp);
    check_u(out, "with a fresh channel, CP(2439804)", eval_at(cp, S101_GROUP, 2439804), 838767343u);
    s101_tree t = {0};
    if (!s101_eval_domain(cp, S101_GROUP, cp + S101_GROUP) &&
        !s101_tree_build(&t, cp + S101_GROUP, S101_DOMAIN))
        check_hex(out, "and its Merkle root", t.node[1],
                  "a8c87ef9764af3fa005a1a2cf3ec8db50e754ccb655be7597ead15ed4a9110f1");
    s101_tree_free(&t);
    zk_free(cp);
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "if any constraint failed somewhere, its quotient would not be a "
                       "polynomial, and neither (almost surely) would CP");
    done_parts(s);
    return ZK_OK;
}

/* stark101.fri query=Q: the FRI view, layer by layer, with one query's path. */
static zk_err fri_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    uint64_t q;
    zk_err err = lesson_param_u64(out, p, "query", 7527, 0, S101_DOMAIN - 1, &q);
    if (err)
        return err;
    s101 *s;
    if ((err = run_parts(out, &s, true)))
        return err;
    s101_fri fr;
    s101_channel ch = s->ch;
    if ((err = s101_fri_commit(&fr, s->cp, s->cp_eval, &ch))) {
        done_parts(s);
        return lesson_fail(out, err, "FRI failed: %s", zk_strerror(err));
    }
    char v1[24], v2[24];
    /* A table (cells between tabs): the workbench keeps its rows whole at
     * any width; 12 hex digits of a root tell the layers apart. */
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "layer\tdeg <\tdomain\tMerkle root\tquery\tf(x)\tf(-x)");
    size_t idx = (size_t)q;
    for (size_t i = 0; i < fr.n_layers; i++) {
        idx %= fr.size[i];
        size_t sib = (idx + fr.size[i] / 2) % fr.size[i];
        if (i + 1 < fr.n_layers)
            lesson_result_line(out, LESSON_MARK_NONE, "%zu\t%zu\t%zu\t%.12s…\t● %zu\t%s\t%s", i,
                               fr.poly_len[i], fr.size[i], fr.tree[i].node[1], idx,
                               s101_num(v1, sizeof v1, fr.layer[i][idx]),
                               s101_num(v2, sizeof v2, fr.layer[i][sib]));
        else
            lesson_result_line(out, LESSON_MARK_NONE, "%zu\t%zu\t%zu\t%.12s…\t●\t%s\t",
                               i, fr.poly_len[i], fr.size[i], fr.tree[i].node[1],
                               s101_num(v1, sizeof v1, fr.layer[i][0]));
    }
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "each step: f'(x²) = (f(x) + f(-x))/2 + β·(f(x) - f(-x))/(2x), that is "
                       "even + β·odd coefficients; degree and domain halve, and the last layer "
                       "is a constant, which the prover sends");
    /* The same path checked as a verifier would: each fold from the pair. */
    idx = (size_t)q;
    bool ok = true;
    for (size_t i = 0; i + 1 < fr.n_layers; i++) {
        idx %= fr.size[i];
        size_t sib = (idx + fr.size[i] / 2) % fr.size[i];
        f101_t x = f101_mul(fr.offset[i], f101_pow(f101_pow(s->h, (uint64_t)1 << i), idx));
        f101_t a = fr.layer[i][idx], b = fr.layer[i][sib], inv2, invx;
        f101_inv(&inv2, 2);
        f101_inv(&invx, x);
        f101_t even = f101_mul(f101_add(a, b), inv2);
        f101_t odd = f101_mul(f101_mul(f101_sub(a, b), inv2), invx);
        f101_t folded = f101_add(even, f101_mul(fr.beta[i + 1], odd));
        ok &= folded == fr.layer[i + 1][idx % fr.size[i + 1]];
    }
    lesson_result_line(out, ok ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "the query path folds consistently through all %zu layers", fr.n_layers);
    s101_fri_free(&fr);
    /* The notebook's own test: FriCommit with a fresh channel. */
    s101_channel_init(&ch);
    if (!(err = s101_fri_commit(&fr, s->cp, s->cp_eval, &ch))) {
        lesson_result_line(out, fr.n_layers == 11 && fr.size[10] == 8 ? LESSON_MARK_OK : LESSON_MARK_BAD,
                           "with a fresh channel: %zu layers, the last of %zu points", fr.n_layers,
                           fr.size[fr.n_layers - 1]);
        check_u(out, "its constant (the tutorial writes -1138734538)", fr.layer[fr.n_layers - 1][0],
                F101_P - 1138734538u);
        check_hex(out, "its last root", fr.tree[fr.n_layers - 1].node[1],
                  "1c033312a4df82248bda518b319479c22ea87bd6e15a150db400eeff653ee2ee");
        check_hex(out, "the channel state after", ch.state,
                  "61452c72d8f4279b86fa49e9fb0fdef0246b396a4230a2bfb24e2d5d6bf79c2e");
        s101_fri_free(&fr);
    }
    done_parts(s);
    return err;
}

/* stark101.decommit: the query phase and the tutorial's channel checks. */
static zk_err decommit_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p;
    (void)ev;
    s101 *s;
    zk_err err = run_parts(out, &s, true);
    if (err)
        return err;
    s101_fri fr;
    s101_channel ch = s->ch;
    if ((err = s101_fri_commit(&fr, s->cp, s->cp_eval, &ch))) {
        done_parts(s);
        return err;
    }
    size_t q[3];
    s101_channel real = ch;
    if (!(err = s101_decommit(s, &fr, &real, q)))
        lesson_result_line(out, LESSON_MARK_NONE,
                           "the channel picks 3 queries: %zu, %zu, %zu; for each the prover "
                           "sends f(x), f(gx), f(g²x) and a pair per FRI layer, with paths",
                           q[0], q[1], q[2]);
    static const size_t q1[] = {7527, 8168, 1190, 2668, 1262, 1889, 3828, 5798, 396, 2518};
    static const size_t q2[] = {8134, 1110, 1134, 6106, 7149, 4796, 144, 4738, 957};
    s101_channel_init(&ch);
    for (size_t i = 0; i < sizeof q1 / sizeof q1[0] && !err; i++)
        err = s101_decommit_fri_layers(&fr, q1[i], &ch);
    if (!err)
        check_hex(out, "decommit_on_fri_layers over the test queries:", ch.state,
                  "ad4fe9aaee0fbbad0130ae0fda896393b879c5078bf57d6c705ec41ce240861b");
    s101_channel_init(&ch);
    for (size_t i = 0; i < sizeof q2 / sizeof q2[0] && !err; i++)
        err = s101_decommit_query(s, &fr, q2[i], &ch);
    if (!err)
        check_hex(out, "decommit_on_query over the test queries:", ch.state,
                  "16a72acce8d10ffb318f8f5cd557930e38cdba236a40439c9cf04aaf650cfb96");
    s101_channel_init(&ch);
    if (!err && !(err = s101_decommit(s, &fr, &ch, q)))
        check_hex(out, "decommit_fri with a fresh channel:", ch.state,
                  "eb96b3b77fe6cd48cfb388467c72440bdf035c51d0cfe8b4c003dd1e65e952fd");
    s101_fri_free(&fr);
    done_parts(s);
    return err;
}

static const lesson_action actions[] = {
    {"stark101.trace", "", "STARK101 part 1: the FibonacciSq trace and its polynomial", trace_action},
    {"stark101.commit", "", "STARK101 part 1: the LDE on 8192 points and its Merkle root",
     commit_action},
    {"stark101.constraints", "", "STARK101 part 2: p0, p1, p2 and the composition polynomial",
     constraints_action},
    {"stark101.fri", "query", "STARK101 part 3: the FRI layers and one query's path", fri_action},
    {"stark101.decommit", "", "STARK101 part 4: queries, decommitments, the channel checks",
     decommit_action},
};

const lesson_action_table lesson_actions_stark101 = {actions, sizeof actions / sizeof actions[0]};
