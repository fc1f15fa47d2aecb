/* mnist.*: lesson 14, floats versus fields, over src/nn: the seed CNN's
 * size, fixed-point numbers, and the quantization-error explorer on a PNG
 * digit (nn/explore.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "lesson/actions.h"
#include "lesson/answer.h"
#include "lesson/mnist_views.h"
#include "nn/model_file.h"

/* The explorer with the digit named by `digit=` (a path, or a file in
 * assets/digits) or `test=N`, at `scale=S`. */
static zk_err open_explorer(lesson_result *out, const lesson_params *p, nn_explorer *x)
{
    char why[400] = "";
    uint64_t s;
    zk_err err = lesson_param_u64(out, p, "scale", 8, NN_QEXP_MIN, 16, &s);
    if (err)
        return err;
    if ((err = nn_explorer_open(x, why, sizeof why)))
        return lesson_fail(out, err, "%s", why);
    const char *digit = lesson_param_get(p, "digit", NULL);
    const char *test = lesson_param_get(p, "test", NULL);
    if (test) {
        uint64_t i;
        err = lesson_param_u64(out, p, "test", 0, 0, 9999, &i);
        if (!err && (err = nn_explorer_load_test(x, (size_t)i, why, sizeof why)))
            lesson_fail(out, err, "%s", why);
    } else if (digit) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", x->digits_dir, digit);
        const char *use = strchr(digit, '/') ? digit : path;
        if ((err = nn_explorer_load_png(x, use, why, sizeof why)))
            lesson_fail(out, err, "%s", why);
    }
    if (!err)
        err = nn_explorer_set_scale(x, (int)s);
    if (err)
        nn_explorer_close(x);
    return err;
}

static zk_err add_note_line(void *ctx, const char *row)
{
    return lesson_result_line(ctx, LESSON_MARK_NONE, "%s", row);
}

/* mnist.model: the network, layer by layer, and its real size. */
static zk_err model_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)p, (void)ev;
    char path[600], why[400], *recipe = NULL;
    nn_cnn m;
    uint8_t hash[32];
    if (nn_asset_path(path, sizeof path, NN_MODEL_FILE) != ZK_OK)
        return lesson_fail(out, ZK_EIO, "cannot find assets/%s", NN_MODEL_FILE);
    zk_err err = nn_model_load(&m, path, &recipe, hash, why, sizeof why);
    if (err)
        return lesson_fail(out, err, "%s", why);
    /* A table (cells between tabs): the workbench keeps its rows whole at
     * any width. */
    lesson_result_line(out, LESSON_MARK_HEAD,
                       "layer\tshape\tweights\tbiases\tparameters\tMACs per image");
    size_t total = 0, macs = 0;
    for (int l = 0; l < NN_LAYERS; l++) {
        const nn_layer_info *L = &nn_layers[l];
        size_t n = L->weights + L->biases;
        total += n, macs += L->macs;
        lesson_result_line(out, LESSON_MARK_NONE, "%s\t%s\t%zu\t%zu\t%zu\t%zu", L->name, L->shape,
                           L->weights, L->biases, n, L->macs);
    }
    lesson_result_line(out, total == 206922 ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "total: %zu parameters, %zu multiply-accumulates per image", total, macs);
    lesson_result_line(out, LESSON_MARK_NOTE,
                       "the article says \"~408K parameters\"; counting every weight and bias "
                       "gives %zu, about half", total);
    /* Where the weights came from, and the float accuracy they reached. */
    const char *acc = recipe ? strstr(recipe, "\"test_accuracy\": ") : NULL;
    if (acc)
        lesson_result_line(out, LESSON_MARK_NOTE,
                           "shipped weights: trained by zkcave, float test accuracy %.2f%%, "
                           "BLAKE2b %02x%02x%02x%02x…",
                           100 * atof(acc + 17), hash[0], hash[1], hash[2], hash[3]);
    zk_free(recipe);
    nn_cnn_free(&m);
    return ZK_OK;
}

/* mnist.fixed value=V bits=B: V as an integer at scale 2^B, and what the
 * round trip costs; the error for every scale up to 2^24 as a chart. */
static zk_err fixed_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    const char *vs = lesson_param_get(p, "value", "0.3847291");
    char *end;
    double v = strtod(vs, &end);
    uint64_t bits;
    if (*end || !isfinite(v) || fabs(v) > 1e6)
        return lesson_fail(out, ZK_EINVAL, "value must be a number, not '%s'", vs);
    zk_err err = lesson_param_u64(out, p, "bits", 16, 0, 24, &bits);
    if (err)
        return err;
    double scaled = ldexp(v, (int)bits);
    int32_t q;
    if ((err = nn_quantize_value(&q, v, (int)bits)))
        return lesson_fail(out, err, "%g × 2^%d does not fit 31 bits", v, (int)bits);
    double back = ldexp((double)q, -(int)bits);
    lesson_result_line(out, LESSON_MARK_NONE, "%s × 2^%d = %s × %.0f = %.4f", vs, (int)bits, vs,
                       ldexp(1, (int)bits), scaled);
    lesson_result_line(out, LESSON_MARK_OK, "nearest integer: %d  (this is what the field holds)",
                       q);
    lesson_result_line(out, LESSON_MARK_NONE, "back: %d / 2^%d = %.10f, error %.3g (at most "
                       "2^-%d = %.3g)", q, (int)bits, back, fabs(back - v), (int)bits + 1,
                       ldexp(1, -(int)bits - 1));
    if (strcmp(vs, "0.3847291") == 0 && bits == 16) {
        double wrong = 25217 / 65536.0;
        lesson_result_line(out, LESSON_MARK_BAD, "the article's 25,217 stands for %.10f: off by "
                           "%.3g, %.1f times the error of 25,214", wrong, fabs(wrong - v),
                           fabs(wrong - v) / fabs(back - v));
    }
    viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Round-trip error of the value",
                                        "scale bits", "|error|");
    ch->log_y = true;
    double x[25], y[25], bound[25];
    size_t n = 0;
    for (int b = 0; b <= 24; b++) {
        int32_t qb;
        if (nn_quantize_value(&qb, v, b) != ZK_OK)
            break;
        x[n] = b;
        y[n] = fabs(ldexp((double)qb, -b) - v);
        y[n] = y[n] > 0 ? y[n] : 1e-12;
        bound[n++] = ldexp(1, -b - 1);
    }
    if ((err = viz_chart_add_line(ch, "|error|", VIZ_YELLOW, x, y, n)) ||
        (err = viz_chart_add_line(ch, "2^-(b+1)", VIZ_CYAN, x, bound, n)))
        return err;
    return ZK_OK;
}

static void prediction_line(lesson_result *out, const nn_explorer *x)
{
    const nn_comparison *c = x->cmp;
    if (c->qerr == ZK_EOVERFLOW) {
        lesson_result_line(out, LESSON_MARK_BAD, "float predicts %d; the quantized model "
                           "overflowed in %s (%s)", c->fpred, nn_layers[c->ov.layer].name,
                           c->ov.what);
        return;
    }
    bool agree = c->fpred == c->qpred;
    lesson_result_line(out, agree ? LESSON_MARK_OK : LESSON_MARK_BAD,
                       "float predicts %d, quantized at 2^%d predicts %d%s%s", c->fpred,
                       x->scale, c->qpred, agree ? " — they agree" : " — they differ",
                       x->label >= 0 ? (c->fpred == x->label ? " (the label is right)" : "")
                                     : "");
}

/* mnist.explore digit=PNG scale=S layer=L: the explorer in a panel. */
static zk_err explore_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    static const char *const layers[] = {"conv1", "conv2", "fc1", "fc2"};
    size_t layer;
    zk_err err = lesson_param_choice(out, p, "layer", layers, NN_LAYERS, &layer);
    nn_explorer x;
    if (err || (err = open_explorer(out, p, &x)))
        return err;
    const nn_comparison *c = x.cmp;
    lesson_result_line(out, LESSON_MARK_HEAD, "%s", x.source);
    viz_heatmap hm;
    if (!(err = lesson_mnist_digit_map(&hm, x.img))) {
        hm.title[0] = '\0';
        err = lesson_mnist_text_art(&hm, 28, 15, add_note_line, out);
        viz_heatmap_free(&hm);
    }
    prediction_line(out, &x);
    if (!err && c->qerr == ZK_OK) {
        lesson_result_line(out, LESSON_MARK_HEAD, "class   float logit   quantized (integer)   "
                                                  "|error|");
        for (int k = 0; k < NN_CLASSES; k++)
            lesson_result_line(out, LESSON_MARK_NONE, "  %d%s  %10.4f   %10.4f (%8lld)   %.4f", k,
                               k == c->fpred ? " ←" : "  ", (double)c->z[k],
                               ldexp((double)c->zq[k], -c->e), (long long)c->zq[k],
                               c->logit_err[k]);
        for (int l = 0; l < NN_LAYERS; l++)
            lesson_result_line(out, LESSON_MARK_NOTE, "%-5s max |error| %.4f, mean %.5f",
                               nn_layers[l].name, c->max_err[l], c->mean_err[l]);
        if (!(err = lesson_mnist_error_map(&hm, c, (int)layer, false))) {
            err = lesson_mnist_text_art(&hm, 40, layer < 2 ? 16 : 6, add_note_line, out);
            viz_heatmap_free(&hm);
        }
        viz_chart *ch = lesson_result_chart(out, VIZ_CHART_BARS, "Float and quantized "
                                            "confidence", "class", "softmax");
        if (!err)
            err = lesson_mnist_prob_chart(ch, c, x.scale);
        ch = lesson_result_chart(out, VIZ_CHART_BARS, "Error per layer", "layer", "|error|");
        if (!err)
            err = lesson_mnist_layer_chart(ch, c, x.scale);
    }
    nn_explorer_close(&x);
    return err;
}

/* mnist.scales digit=PNG: the same digit at every scale from 2^1 to 2^16. */
static zk_err scales_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    nn_explorer x;
    zk_err err = open_explorer(out, p, &x);
    if (err)
        return err;
    lesson_result_line(out, LESSON_MARK_HEAD, "%s: float predicts %d", x.source, x.cmp->fpred);
    double bits[16], lerr[16];
    size_t n = 0;
    int smallest = 17;
    for (int s = 16; s >= 1 && !err; s--) {
        if ((err = nn_explorer_set_scale(&x, s)))
            break;
        if (x.cmp->qpred == x.cmp->fpred && smallest == s + 1)
            smallest = s;
        if (x.cmp->qerr == ZK_OK) {
            bits[n] = s;
            lerr[n++] = x.cmp->max_err[NN_LAYERS - 1];
        }
        err = zk_emit(ev, ZK_EV_PROGRESS, "mnist_scales", (uint64_t)(17 - s), 16, NULL);
    }
    for (size_t i = n; err == ZK_OK && i-- > 0;) {
        int s = (int)bits[i];
        if (s == 1 || s == 2 || s == 3 || s == 4 || s == 5 || s == 6 || s == 8 || s == 12 ||
            s == 16)
            lesson_result_line(out, LESSON_MARK_NONE, "2^%-2d  max |logit error| %8.4f", s,
                               lerr[i]);
    }
    if (!err) {
        lesson_result_line(out, LESSON_MARK_OK, "the prediction holds from 2^%d up", smallest);
        viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Largest logit error",
                                            "scale bits s", "max |error|");
        ch->log_y = true;
        err = viz_chart_add_line(ch, "logits", VIZ_YELLOW, bits, lerr, n);
    }
    nn_explorer_close(&x);
    return err;
}

/* mnist.check_min_scale digit=PNG answer=S: "the smallest scale that keeps
 * the prediction" (2^S or S). */
static zk_err check_min_scale(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    (void)ev;
    nn_explorer x;
    zk_err err = open_explorer(out, p, &x);
    if (err)
        return err;
    int want;
    err = nn_min_scale(&want, &x.model, x.img, 1, 16);
    nn_explorer_close(&x);
    if (err)
        return err;
    /* "2^3" names the scale by its exponent, as "3" does. */
    char a[LESSON_ANSWER_MAX];
    lesson_answer_normalize(lesson_param_get(p, "answer", ""), a, sizeof a);
    mpz_t z;
    mpz_init(z);
    bool ok = lesson_answer_integer(z, strncmp(a, "2^", 2) == 0 ? a + 2 : a) == ZK_OK &&
              mpz_fits_slong_p(z);
    long got = ok ? mpz_get_si(z) : 0;
    mpz_clear(z);
    out->verdict = LESSON_VERDICT_FAIL;
    if (!ok)
        lesson_fail(out, ZK_OK, "type the exponent s (or 2^s)");
    else if (got == want)
        out->verdict = LESSON_VERDICT_PASS;
    else if (got < want)
        lesson_fail(out, ZK_OK, "at 2^%ld the quantized model does not hold the prediction "
                    "everywhere above it", got);
    else
        lesson_fail(out, ZK_OK, "2^%ld keeps it, but a smaller scale does too", got);
    return ZK_OK;
}

/* mnist.accuracy: quantized accuracy against scale bits. */
static zk_err accuracy_action(lesson_result *out, const lesson_params *p, const zk_events *ev)
{
    nn_explorer x;
    zk_err err = open_explorer(out, p, &x);
    if (err)
        return err;
    /* The scales where the curve bends; each costs a pass over the set. */
    static const int scales[] = {2, 3, 4, 5, 6, 8, 12};
    enum { NS = sizeof scales / sizeof scales[0] };
    double bits[NS], acc[NS], fl[NS], facc = 0;
    const char *what = "";
    size_t n = 0;
    err = zk_emit(ev, ZK_EV_BEGIN, "mnist_accuracy", 0, NS, NULL);
    for (size_t i = 0; i < NS && !err; i++) {
        if ((err = nn_explorer_accuracy(&x, scales[i], &acc[n], &facc, &what)))
            break;
        bits[n] = scales[i];
        fl[n++] = facc;
        err = zk_emit(ev, ZK_EV_PROGRESS, "mnist_accuracy", n, NS, NULL);
    }
    if (!err) {
        lesson_result_line(out, LESSON_MARK_HEAD, "on %s: float %.2f%%", what, facc);
        for (size_t i = 0; i < n; i++)
            lesson_result_line(out, fabs(acc[i] - facc) <= 0.1 ? LESSON_MARK_OK
                                                              : LESSON_MARK_NONE,
                               "2^%-2d  %6.2f%%  (%+.2f)", (int)bits[i], acc[i], acc[i] - facc);
        viz_chart *ch = lesson_result_chart(out, VIZ_CHART_LINE, "Accuracy against scale",
                                            "scale bits s", "accuracy %");
        if (!(err = viz_chart_add_line(ch, "quantized", VIZ_YELLOW, bits, acc, n)))
            err = viz_chart_add_line(ch, "float", VIZ_CYAN, bits, fl, n);
    }
    nn_explorer_close(&x);
    return err;
}

static const lesson_action actions[] = {
    {"mnist.model", "", "the seed CNN layer by layer: parameters and MACs", model_action},
    {"mnist.fixed", "value bits", "a real number as a fixed-point integer, and its error",
     fixed_action},
    {"mnist.explore", "digit test scale layer", "float against quantized on one digit",
     explore_action},
    {"mnist.scales", "digit test", "one digit at every scale from 2^1 to 2^16", scales_action},
    {"mnist.check_min_scale", "digit test answer",
     "checks the smallest scale that keeps the prediction", check_min_scale},
    {"mnist.accuracy", "", "quantized accuracy against scale bits", accuracy_action},
};

const lesson_action_table lesson_actions_mnist = {actions, sizeof actions / sizeof actions[0]};
