/* `zkcave mnist ...`: train, evaluate, calibrate, quantize and predict
 * with the seed CNN (src/nn). */
#include <cJSON.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_mnist_zk.h"
#include "core/core.h"
#include "core/file.h"
#include "nn/calibrate.h"
#include "nn/digit_png.h"
#include "nn/gemm.h"
#include "nn/idx.h"
#include "nn/model_file.h"
#include "nn/quant.h"
#include "nn/quant_eval.h"
#include "nn/train.h"

/* Options shared by the sub-commands; each table names the ones it takes. */
typedef struct mnist_opts {
    const char *model;     /* --model FILE */
    const char *data;      /* --data DIR */
    const char *out;       /* -o FILE */
    const char *settings;  /* --settings FILE */
    uint64_t epochs, seed, shift;
    uint64_t limit;        /* --limit N: the first N images */
    uint64_t scale;        /* --scale S: 2^S */
    double decay;          /* --decay X */
    nn_activation act;     /* --activation relu|square */
    bool json;
} mnist_opts;

static void mnist_init(void *opts)
{
    ((mnist_opts *)opts)->scale = 8;
}

static const char *parse_decay(void *dst, const char *v)
{
    char *end;
    double *d = dst;
    *d = strtod(v, &end);
    return *v && !*end && *d > 0 && *d <= 1 ? NULL : "a number above 0 and at most 1";
}

static const char *parse_activation(void *dst, const char *v)
{
    return nn_activation_parse(dst, v) == ZK_OK ? NULL : "relu or square";
}

#define MNIST_OPT(name, kind, arg, field, lo, hi, help) \
    {name, NULL, kind, arg, offsetof(mnist_opts, field), lo, hi, 0, help, NULL, NULL}
#define OPT_MODEL MNIST_OPT("--model", CLI_STR, "FILE", model, 0, 0, \
                            "the model's weights (default assets/" NN_MODEL_FILE ")")
#define OPT_DATA MNIST_OPT("--data", CLI_STR, "DIR", data, 0, 0, "where MNIST is")
#define OPT_LIMIT MNIST_OPT("--limit", CLI_U64, "N", limit, 1, 1000000, "the first N images only")
#define OPT_OUT(what) {"-o", NULL, CLI_STR, "FILE", offsetof(mnist_opts, out), \
                       .flags = CLI_OPT_REQUIRED, .help = "write the " what " to FILE"}

static const cli_opt train_opts[] = {
    OPT_OUT("weights"),
    MNIST_OPT("--epochs", CLI_U64, "N", epochs, 1, 100, "passes over the training set"),
    MNIST_OPT("--seed", CLI_U64, "S", seed, 0, UINT64_MAX,
              "the initial weights' and the shuffles' seed"),
    MNIST_OPT("--shift", CLI_U64, "N", shift, 0, 8, "images shifted by up to N pixels"),
    {"--decay", NULL, CLI_PARSE, "X", offsetof(mnist_opts, decay), .help =
     "the learning rate's decay per epoch, 0 < X <= 1", .parse = parse_decay, .sample = "0.5"},
    {"--activation", NULL, CLI_PARSE, "relu|square", offsetof(mnist_opts, act), .help =
     "square: x² where ReLU stands (default relu)", .parse = parse_activation,
     .sample = "square"},
    OPT_DATA,
    OPT_LIMIT,
};
static const cli_opt eval_opts[] = {OPT_MODEL, OPT_DATA, OPT_LIMIT};
static const cli_opt calibrate_opts[] = {OPT_OUT("settings"), OPT_MODEL, OPT_DATA, OPT_LIMIT};
static const cli_opt quant_table_opts[] = {
    OPT_MODEL, OPT_DATA, OPT_LIMIT,
    MNIST_OPT("--json", CLI_FLAG, NULL, json, 0, 0, "the table as JSON"),
};
static const cli_opt predict_opts[] = {
    OPT_MODEL,
    MNIST_OPT("--scale", CLI_U64, "S", scale, 0, 24, "every tensor at 2^S (default 2^8)"),
    MNIST_OPT("--settings", CLI_STR, "FILE", settings, 0, 0,
              "the scales of these settings instead of --scale"),
};

/* Loads the model given with --model, or the shipped one. */
static int load_model(nn_cnn *m, const mnist_opts *o, char **recipe)
{
    char path[4096], why[512];
    if (o->model)
        snprintf(path, sizeof path, "%s", o->model);
    else if (nn_asset_path(path, sizeof path, NN_MODEL_FILE) != ZK_OK)
        return cli_error(CLI_USAGE, "cannot find assets/%s (run from the zkcave directory, set "
                                    "ZKCAVE_ASSETS, or pass --model FILE)", NN_MODEL_FILE);
    if (nn_model_load(m, path, recipe, NULL, why, sizeof why) != ZK_OK)
        return cli_error(CLI_USAGE, "%s", why);
    return CLI_OK;
}

static int load_data(nn_dataset *d, const mnist_opts *o, bool train)
{
    char buf[4096], why[512];
    const char *dir = nn_mnist_dir(o->data, buf, sizeof buf);
    if (nn_mnist_load(d, dir, train, why, sizeof why) != ZK_OK)
        return cli_error(CLI_USAGE, "MNIST %s set: %s (use --data DIR or set ZKCAVE_MNIST)",
                         train ? "training" : "test", why);
    return CLI_OK;
}

/* Progress on stderr, one line rewritten in place when it is a terminal. */
static bool progress_event(void *user, const zk_event *ev)
{
    (void)user;
    if (ev->kind == ZK_EV_PROGRESS && ev->total && isatty(STDERR_FILENO)) {
        fprintf(stderr, "\r  %s: %llu/%llu batches", ev->detail ? ev->detail : ev->phase,
                (unsigned long long)ev->done, (unsigned long long)ev->total);
        if (ev->done == ev->total)
            fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    return true;
}

extern const cli_cmd cli_cmd_mnist_train;

static int run_train(void *opts, const cli_args *a)
{
    const mnist_opts o = *(const mnist_opts *)opts;
    const cli_cmd *self = &cli_cmd_mnist_train;
    int rc;
    /* Refuse a place that cannot hold the weights, or that is one of the
     * data files read, before training. */
    char dbuf[4096], d[4][4096];
    nn_mnist_paths(d[0], d[1], sizeof d[0], nn_mnist_dir(o.data, dbuf, sizeof dbuf), true);
    nn_mnist_paths(d[2], d[3], sizeof d[0], nn_mnist_dir(o.data, dbuf, sizeof dbuf), false);
    const zk_file_arg files[] = {{"weights", o.out, true}, {"training images", d[0], false},
                                 {"training labels", d[1], false}, {"test images", d[2], false},
                                 {"test labels", d[3], false}};
    if ((rc = cli_files_check("mnist train", files, 5)))
        return rc;
    nn_activation act = o.act;
    nn_train_opts to;
    if (act == NN_ACT_SQUARE)
        nn_train_opts_square(&to);
    else
        nn_train_opts_default(&to);
    if (cli_given(self, a, "--epochs"))
        to.epochs = (unsigned)o.epochs;
    if (cli_given(self, a, "--seed"))
        to.seed = o.seed;
    to.limit = o.limit;
    if (cli_given(self, a, "--shift"))
        to.shift = (unsigned)o.shift;
    if (cli_given(self, a, "--decay"))
        to.lr_decay = (float)o.decay;
    nn_dataset train, test;
    if ((rc = load_data(&train, &o, true)))
        return rc;
    if ((rc = load_data(&test, &o, false))) {
        nn_dataset_free(&train);
        return rc;
    }
    nn_cnn m;
    nn_trainer t;
    zk_err err = nn_cnn_init(&m);
    m.act = act;
    if (!err)
        err = nn_trainer_init(&t, &m, &to);
    if (err) {
        nn_cnn_free(&m);
        nn_dataset_free(&train);
        nn_dataset_free(&test);
        return cli_error(CLI_USAGE, "mnist train: %s", zk_strerror(err));
    }
    size_t n = to.limit && to.limit < train.n ? to.limit : train.n;
    printf("training the seed CNN (%d parameters, %s) on %zu images: seed %llu, %u epochs, "
           "batch %u in %u shards, shifts ±%u, Adam lr %g decay %g%s; kernel %s, %u threads\n",
           NN_PARAMS, nn_activation_name(act), n, (unsigned long long)to.seed, to.epochs,
           to.batch, to.shards, to.shift, (double)to.lr, (double)to.lr_decay,
           to.clip > 0 ? ", gradient norm clipped at 1" : "", nn_gemm_kernel_name(),
           zk_pool_threads());
    fflush(stdout);
    zk_events ev = {progress_event, NULL};
    double wall = 0, cpu = 0, acc = 0;
    for (unsigned e = 0; e < to.epochs && !err; e++) {
        nn_epoch_stats st;
        err = nn_trainer_epoch(&t, &train, e, &ev, &st);
        if (err)
            break;
        wall += st.seconds;
        cpu += st.cpu_seconds;
        /* A trial run on --limit images is measured on as many test images. */
        size_t right = 0, tn = to.limit && to.limit < test.n ? to.limit : test.n;
        err = nn_evaluate(&m, &test, tn, NULL, NULL, &right);
        acc = (double)right / (double)tn;
        printf("epoch %u: loss %.4f, train accuracy %.2f%%, test accuracy %.2f%% (%zu of %zu); "
               "%.1f s wall, %.1f s CPU\n",
               e + 1, st.loss, 100 * st.accuracy, 100 * acc, right, tn, st.seconds,
               st.cpu_seconds);
        fflush(stdout);
    }
    if (!err) {
        char recipe[1024];
        snprintf(recipe, sizeof recipe,
                 "{\"model\": \"seed-cnn\", \"params\": %d, \"seed\": %llu, \"epochs\": %u, "
                 "\"batch\": %u, \"shards\": %u, \"shift\": %u, \"optimizer\": \"adam\", \"lr\": %g, "
                 "\"lr_decay\": %g, \"beta1\": %g, \"beta2\": %g, \"eps\": %g, "
                 "\"train_images\": %zu, \"input\": \"pixel/255\", \"init\": \"%s\", "
                 "\"activation\": \"%s\", \"clip\": %g, "
                 "\"kernel\": \"%s\", \"test_accuracy\": %.4f}",
                 NN_PARAMS, (unsigned long long)to.seed, to.epochs, to.batch, to.shards,
                 to.shift, (double)to.lr, (double)to.lr_decay, (double)to.beta1, (double)to.beta2,
                 (double)to.eps, n, act == NN_ACT_SQUARE ? "he-uniform/2" : "he-uniform",
                 nn_activation_name(act), (double)to.clip, nn_gemm_kernel_name(), acc);
        err = nn_model_save(o.out, &m, recipe);
        if (!err)
            printf("wrote %s: test accuracy %.2f%%, trained in %.1f s (%.1f s CPU)\n", o.out,
                   100 * acc, wall, cpu);
    }
    nn_trainer_free(&t);
    nn_cnn_free(&m);
    nn_dataset_free(&train);
    nn_dataset_free(&test);
    if (err && zk_file_which(err, NULL))
        return cli_file_error("mnist train", true, o.out, err, NULL);
    if (err)
        return cli_error(CLI_FAIL, "mnist train: %s", zk_strerror(err));
    return CLI_OK;
}

/* The model (--model or the shipped one) and the test set; n is --limit
 * or all. Prints why and returns CLI_USAGE when either is missing. */
static int open_model_and_test(const mnist_opts *o, nn_cnn *m, nn_dataset *test, size_t *n)
{
    int rc = load_model(m, o, NULL);
    if (rc)
        return rc;
    if ((rc = load_data(test, o, false))) {
        nn_cnn_free(m);
        return rc;
    }
    *n = o->limit && o->limit < test->n ? o->limit : test->n;
    return CLI_OK;
}

static int run_eval(void *opts, const cli_args *a)
{
    (void)a;
    const mnist_opts o = *(const mnist_opts *)opts;
    int rc;
    nn_cnn m;
    nn_dataset test;
    size_t n, right = 0;
    if ((rc = open_model_and_test(&o, &m, &test, &n)))
        return rc;
    double t0 = nn_wall_seconds();
    zk_err err = nn_evaluate(&m, &test, n, NULL, NULL, &right);
    double dt = nn_wall_seconds() - t0;
    if (!err)
        printf("float model (%s): test accuracy %.2f%% (%zu of %zu images right) in %.2f s\n",
               nn_activation_name(m.act), 100.0 * (double)right / (double)n, right, n, dt);
    nn_cnn_free(&m);
    nn_dataset_free(&test);
    return err ? cli_error(CLI_FAIL, "mnist eval: %s", zk_strerror(err)) : CLI_OK;
}

/* Float logits of the first n test images, for comparisons. */
static int float_logits(const nn_cnn *m, const nn_dataset *d, size_t n, float **logits,
                        size_t *correct)
{
    *logits = zk_alloc(n * NN_CLASSES, sizeof **logits);
    if (!*logits || nn_evaluate(m, d, n, NULL, *logits, correct) != ZK_OK) {
        zk_free(*logits);
        return cli_error(CLI_FAIL, "out of memory");
    }
    return CLI_OK;
}

static int run_quant_table(void *opts, const cli_args *a)
{
    (void)a;
    const mnist_opts o = *(const mnist_opts *)opts;
    int rc;
    nn_cnn m;
    nn_dataset test;
    size_t n, fright;
    if ((rc = open_model_and_test(&o, &m, &test, &n)))
        return rc;
    float *logits;
    if ((rc = float_logits(&m, &test, n, &logits, &fright))) {
        nn_cnn_free(&m);
        nn_dataset_free(&test);
        return rc;
    }
    double facc = 100.0 * (double)fright / (double)n;
    cJSON *rows = o.json ? cJSON_CreateArray() : NULL;
    if (!o.json) {
        printf("seed CNN on %zu MNIST test images; every tensor at scale 2^s, rescale rounds "
               "half up\nfloat model: %.2f%%\n\n", n, facc);
        printf("  scale   accuracy   vs float   agrees with float   max |logit error|   "
               "overflows\n");
    }
    zk_err err = ZK_OK;
    for (int s = 4; s <= 16 && !err; s++) {
        nn_qparams q;
        nn_qparams_uniform(&q, s);
        nn_qmodel *qm;
        nn_qeval e;
        err = nn_qmodel_init(&qm, &m, &q);
        if (!err)
            err = nn_qevaluate(&e, qm, &test, n, logits);
        nn_qmodel_free(qm);
        if (err)
            break;
        double acc = 100.0 * (double)e.correct / (double)n;
        double agree = 100.0 * (double)e.agree / (double)n;
        if (rows) {
            cJSON *r = cJSON_CreateObject();
            cJSON_AddNumberToObject(r, "scale_bits", s);
            cJSON_AddNumberToObject(r, "accuracy", acc);
            cJSON_AddNumberToObject(r, "agreement", agree);
            cJSON_AddNumberToObject(r, "max_logit_error", e.max_logit_err);
            cJSON_AddNumberToObject(r, "overflows", (double)e.overflows);
            cJSON_AddItemToArray(rows, r);
        } else {
            printf("  2^%-4d  %7.2f%%   %+7.2f    %7.2f%%            %9.4f           %zu\n", s,
                   acc, acc - facc, agree, e.max_logit_err, e.overflows);
            fflush(stdout);
        }
    }
    if (rows && !err) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddNumberToObject(root, "images", (double)n);
        cJSON_AddNumberToObject(root, "float_accuracy", facc);
        cJSON_AddItemToObject(root, "rows", rows);
        char *text = cJSON_Print(root);
        if (text)
            puts(text);
        free(text);
        cJSON_Delete(root);
    } else {
        cJSON_Delete(rows);
    }
    zk_free(logits);
    nn_cnn_free(&m);
    nn_dataset_free(&test);
    return err ? cli_error(CLI_FAIL, "mnist quant-table: %s", zk_strerror(err)) : CLI_OK;
}

static const char *color_type_name(int t)
{
    switch (t) {
    case 0:
        return "gray";
    case 2:
        return "RGB";
    case 3:
        return "palette";
    case 4:
        return "gray+alpha";
    case 6:
        return "RGBA";
    default:
        return "unknown";
    }
}

/* The quantization parameters: --settings FILE, else every tensor at
 * 2^--scale. */
static int pick_qparams(nn_qparams *q, const mnist_opts *o, char *label, size_t label_len)
{
    if (o->settings) {
        char *text, why[256];
        size_t len;
        zk_err err = zk_file_read(o->settings, 1 << 20, &text, &len);
        if (err)
            return cli_file_error("mnist", false, o->settings, err, NULL);
        err = nn_settings_parse(q, text, why, sizeof why);
        zk_free(text);
        if (err)
            return cli_error(CLI_USAGE, "%s: %s", o->settings, why);
        snprintf(label, label_len, "%s", o->settings);
        return CLI_OK;
    }
    nn_qparams_uniform(q, (int)o->scale);
    snprintf(label, label_len, "2^%llu", (unsigned long long)o->scale);
    if (nn_qparams_check(q) != ZK_OK)
        return cli_error(CLI_USAGE, "--scale must be from %d to %d", NN_QEXP_MIN, NN_QEXP_MAX);
    return CLI_OK;
}

static int run_calibrate(void *opts, const cli_args *a)
{
    (void)a;
    const mnist_opts o = *(const mnist_opts *)opts;
    int rc;
    char path[4096], why[512];
    if (o.model)
        snprintf(path, sizeof path, "%s", o.model);
    else if (nn_asset_path(path, sizeof path, NN_MODEL_FILE) != ZK_OK)
        return cli_error(CLI_USAGE, "cannot find assets/%s (pass --model FILE)", NN_MODEL_FILE);
    char dbuf[4096], d[2][4096];
    nn_mnist_paths(d[0], d[1], sizeof d[0], nn_mnist_dir(o.data, dbuf, sizeof dbuf), true);
    const zk_file_arg files[] = {{"model", path, false}, {"settings", o.out, true},
                                 {"training images", d[0], false}, {"training labels", d[1], false}};
    if ((rc = cli_files_check("mnist calibrate", files, 4)))
        return rc;
    nn_cnn m;
    uint8_t hash[32];
    if (nn_model_load(&m, path, NULL, hash, why, sizeof why) != ZK_OK)
        return cli_error(CLI_USAGE, "%s", why);
    /* Calibration data is a sample of the training set: the test set stays
     * for measuring. */
    nn_dataset train;
    if ((rc = load_data(&train, &o, true))) {
        nn_cnn_free(&m);
        return rc;
    }
    size_t n = o.limit ? o.limit : 1000;
    n = n < train.n ? n : train.n;
    nn_calib_opts co;
    nn_calib_opts_default(&co);
    nn_calibration cal;
    zk_err err = nn_calibrate(&cal, &m, &train, n, &co, NULL);
    char source[64];
    snprintf(source, sizeof source, "MNIST training images 0..%zu", n - 1);
    char *json = err ? NULL : nn_settings_json(&cal, hash, source);
    if (!err && !json)
        err = ZK_ENOMEM;
    if (!err)
        err = zk_file_write_atomic(o.out, json, strlen(json));
    if (!err) {
        printf("calibrated on %zu training images: float accuracy %.2f%%\n", n,
               cal.float_accuracy);
        for (size_t i = 0; i < cal.ntried; i++)
            printf("  2^%-2d  accuracy %6.2f%%  agreement %6.2f%%  max |logit error| %.4f%s\n",
                   cal.tried[i].scale, cal.tried[i].accuracy, cal.tried[i].agreement,
                   cal.tried[i].max_logit_err, cal.tried[i].scale == cal.scale ? "  ← chosen" : "");
        if (!cal.met)
            printf("no scale met the tolerance of %.2f points; using the finest, 2^%d\n",
                   co.tolerance, cal.scale);
        printf("scales: input 2^%d, activations 2^%d, weights", cal.q.in_exp, cal.scale);
        for (int l = 0; l < NN_LAYERS; l++)
            printf(" %s 2^%d", nn_layers[l].name, cal.q.w_exp[l]);
        printf("\naccumulator bits (observed + %d, capped by the worst case):", co.headroom_bits);
        for (int l = 0; l < NN_LAYERS; l++)
            printf(" %s %d (worst %d)", nn_layers[l].name, cal.q.acc_bits[l],
                   cal.acc_bits_worst[l]);
        printf("\nwrote %s\n", o.out);
    }
    zk_free(json);
    nn_cnn_free(&m);
    nn_dataset_free(&train);
    if (err && zk_file_which(err, NULL))
        return cli_file_error("mnist calibrate", true, o.out, err, NULL);
    return err ? cli_error(CLI_FAIL, "mnist calibrate: %s", zk_strerror(err)) : CLI_OK;
}

static int run_predict(void *opts, const cli_args *a)
{
    const mnist_opts o = *(const mnist_opts *)opts;
    const char *png = a->pos[0];
    int rc;
    nn_qparams q;
    char qlabel[64], why[600];
    if ((rc = pick_qparams(&q, &o, qlabel, sizeof qlabel)))
        return rc;
    uint8_t img[NN_PIXELS];
    nn_png_info info;
    zk_err err = nn_digit_load_png(img, png, &info, why, sizeof why);
    if (err)
        return cli_error(CLI_USAGE, "%s", why);
    nn_cnn m;
    if ((rc = load_model(&m, &o, NULL)))
        return rc;
    nn_cnn_ws ws;
    nn_qmodel *qm = NULL;
    nn_qtrace *tr = zk_alloc(1, sizeof *tr);
    err = tr ? nn_cnn_ws_init(&ws, 1, false) : ZK_ENOMEM;
    if (err) {
        zk_free(tr);
        nn_cnn_free(&m);
        return cli_error(CLI_FAIL, "mnist predict: %s", zk_strerror(err));
    }
    float z[NN_CLASSES];
    int fpred = nn_cnn_predict(&m, &ws, img, z), qpred = -1;
    /* layer stays -1 when the weights themselves do not fit (nn_qmodel_init
     * refuses them before any inference can say where). */
    nn_qoverflow ov = {.layer = -1};
    err = nn_qmodel_init(&qm, &m, &q);
    if (!err)
        err = nn_qinfer(qm, img, tr, &qpred, &ov);
    printf("%s: %u×%u, %d-bit %s%s\n", png, info.width, info.height, info.bit_depth,
           color_type_name(info.color_type),
           info.as_is ? ", already MNIST-style (28×28 white on black)"
           : info.from_alpha ? ", ink from transparency, scaled into 20×20 and centred"
           : info.inverted ? ", dark on light: inverted, scaled into 20×20 and centred"
                           : ", scaled into 20×20 and centred");
    if (err == ZK_EOVERFLOW && (ov.layer < 0 || ov.layer >= NN_LAYERS)) {
        printf("prediction: %d (float); the model's weights or biases do not fit 62 bits at "
               "%s\n", fpred, qlabel);
    } else if (err == ZK_EOVERFLOW) {
        printf("prediction: %d (float); the quantized model overflowed in %s: %s %lld does "
               "not fit %d bits\n", fpred, nn_layers[ov.layer].name, ov.what,
               (long long)ov.value, ov.bits);
    } else if (!err) {
        int e = q.out_exp[NN_LAYERS - 1];
        double lerr[NN_CLASSES];
        nn_logit_error(tr->z, e, z, lerr);
        printf("prediction: %d (float), %d (quantized, %s)%s\n\n", fpred, qpred, qlabel,
               fpred == qpred ? "" : "  ← they differ");
        printf("  class   float logit   quantized logit  (integer at 2^%d)   |error|\n", e);
        for (int k = 0; k < NN_CLASSES; k++)
            printf("  %d%s   %11.4f   %11.4f  %14lld        %.4f\n", k,
                   k == fpred ? " ←" : "  ", (double)z[k], ldexp((double)tr->z[k], -e),
                   (long long)tr->z[k], lerr[k]);
    }
    nn_qmodel_free(qm);
    nn_cnn_ws_free(&ws);
    zk_free(tr);
    nn_cnn_free(&m);
    if (err && err != ZK_EOVERFLOW)
        return cli_error(CLI_FAIL, "mnist predict: %s", zk_strerror(err));
    return CLI_OK;
}

#define MNIST_CMD(sub, pos_args, n_pos, fn, table, text) \
    {CLI_CMD("mnist " sub, pos_args, n_pos, n_pos, fn, table, mnist_opts), .init = mnist_init, \
     .summary = text}

const cli_cmd cli_cmd_mnist_train = MNIST_CMD(
    "train", NULL, 0, run_train, train_opts,
    "train the seed CNN (206,922 parameters) and write its weights;\n"
    "the same seed gives the same bytes for any thread count;\n"
    "with --limit N, on N training and N test images");
const cli_cmd cli_cmd_mnist_eval = MNIST_CMD(
    "eval", NULL, 0, run_eval, eval_opts,
    "test accuracy of the float model on the MNIST test set");
const cli_cmd cli_cmd_mnist_calibrate = MNIST_CMD(
    "calibrate", NULL, 0, run_calibrate, calibrate_opts,
    "choose scales and accumulator widths from N training images\n"
    "(default 1000) and write EZKL-style settings JSON");
const cli_cmd cli_cmd_mnist_quant_table = MNIST_CMD(
    "quant-table", NULL, 0, run_quant_table, quant_table_opts,
    "accuracy, agreement with float and max |logit error| at\n"
    "scales 2^4 ... 2^16 (every tensor at 2^s)");
const cli_cmd cli_cmd_mnist_predict = MNIST_CMD(
    "predict", "FILE.png", 1, run_predict, predict_opts,
    "any PNG as an MNIST digit: the class, float and quantized logits");

const cli_group cli_group_mnist = {
    .name = "mnist",
    .summary = "train, evaluate, calibrate, quantize, predict with and prove the seed CNN",
    .foot = "\n"
            "The model defaults to assets/" NN_MODEL_FILE "; MNIST is read from --data DIR,\n"
            "$ZKCAVE_MNIST, or ../shared/data/mnist. Quantized inference rounds every\n"
            "rescale half up: y = floor((acc + 2^(r-1)) / 2^r).\n"
            "Settings default to assets/" ZKML_SETTINGS_FILE " (hashed weights, packed pixels).\n"
            "Visibility of the weights: hashed (private, bound by the model hash: the\n"
            "default), fixed (constants of the circuit: every prover holds them), public\n"
            "(public inputs: no Solidity verifier), private (bound to nothing: any logits\n"
            "can be proven; kept to show that forgery).\n",
};
