#include "nn/explore.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "nn/model_file.h"
#include "nn/quant_eval.h"
#include "nn/train.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_digits(nn_explorer *x)
{
    char probe[600];
    if (nn_asset_path(probe, sizeof probe, "digits") != ZK_OK)
        return;
    memcpy(x->digits_dir, probe, sizeof x->digits_dir);
    DIR *d = opendir(x->digits_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && x->ndigits < NN_EXPLORE_MAX_DIGITS) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".png") == 0)
            x->digits[x->ndigits++] = zk_strdup(e->d_name);
    }
    closedir(d);
    qsort(x->digits, x->ndigits, sizeof *x->digits, cmp_names);
}

/* The label a bundled file name carries: "7_0000.png", "drawn_3_rgb_….png". */
static int label_of(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (strncmp(base, "drawn_", 6) == 0)
        base += 6;
    return base[0] >= '0' && base[0] <= '9' && base[1] == '_' ? base[0] - '0' : -1;
}

static zk_err recompute(nn_explorer *x)
{
    return nn_compare(x->cmp, &x->model, x->qm, x->img, &x->ws, x->tr);
}

zk_err nn_explorer_set_scale(nn_explorer *x, int s)
{
    nn_qparams q;
    nn_qparams_uniform(&q, s);
    nn_qmodel *qm;
    zk_err err = nn_qmodel_init(&qm, &x->model, &q);
    if (err)
        return err;
    nn_qmodel_free(x->qm);
    x->qm = qm;
    x->scale = s;
    return recompute(x);
}

zk_err nn_explorer_open(nn_explorer *x, char *why, size_t why_len)
{
    memset(x, 0, sizeof *x);
    char path[600];
    if (nn_asset_path(path, sizeof path, NN_MODEL_FILE) != ZK_OK) {
        snprintf(why, why_len, "cannot find assets/%s (run from the zkcave directory or set "
                               "ZKCAVE_ASSETS)", NN_MODEL_FILE);
        return ZK_EIO;
    }
    zk_err err = nn_model_load(&x->model, path, NULL, x->hash, why, why_len);
    if (err)
        return err;
    x->tr = zk_alloc(1, sizeof *x->tr);
    x->cmp = zk_alloc(1, sizeof *x->cmp);
    err = x->tr && x->cmp ? nn_cnn_ws_init(&x->ws, 1, false) : ZK_ENOMEM;
    if (!err) {
        list_digits(x);
        x->label = -1;
        snprintf(x->source, sizeof x->source, "a blank image");
        if (x->ndigits)
            err = nn_explorer_load_bundled(x, 0, why, why_len);
    }
    if (!err)
        err = nn_explorer_set_scale(x, 8);
    if (err) {
        if (!why[0])
            snprintf(why, why_len, "%s", zk_strerror(err));
        nn_explorer_close(x);
    }
    return err;
}

void nn_explorer_close(nn_explorer *x)
{
    nn_cnn_free(&x->model);
    nn_cnn_ws_free(&x->ws);
    nn_qmodel_free(x->qm);
    zk_free(x->tr);
    zk_free(x->cmp);
    for (size_t i = 0; i < x->ndigits; i++)
        zk_free(x->digits[i]);
    nn_dataset_free(&x->set);
    memset(x, 0, sizeof *x);
}

zk_err nn_explorer_load_png(nn_explorer *x, const char *path, char *why, size_t why_len)
{
    uint8_t img[NN_PIXELS];
    nn_png_info info;
    zk_err err = nn_digit_load_png(img, path, &info, why, why_len);
    if (err)
        return err;
    memcpy(x->img, img, sizeof img);
    x->info = info;
    x->label = label_of(path);
    snprintf(x->source, sizeof x->source, "%s", path);
    return x->qm ? recompute(x) : ZK_OK;
}

zk_err nn_explorer_load_bundled(nn_explorer *x, size_t i, char *why, size_t why_len)
{
    if (i >= x->ndigits)
        return ZK_EINVAL;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", x->digits_dir, x->digits[i]);
    return nn_explorer_load_png(x, path, why, why_len);
}

static zk_err load_test_set(nn_explorer *x, char *why, size_t why_len)
{
    if (x->set_loaded && x->set_is_test)
        return ZK_OK;
    char buf[1024];
    nn_dataset d;
    zk_err err = nn_mnist_load(&d, nn_mnist_dir(NULL, buf, sizeof buf), false, why, why_len);
    if (err)
        return err;
    nn_dataset_free(&x->set);
    x->set = d;
    x->set_loaded = x->set_is_test = true;
    memset(x->have_acc, 0, sizeof x->have_acc);
    x->float_acc = -1;
    return ZK_OK;
}

zk_err nn_explorer_load_test(nn_explorer *x, size_t i, char *why, size_t why_len)
{
    zk_err err = load_test_set(x, why, why_len);
    if (err)
        return err;
    i %= x->set.n;
    memcpy(x->img, x->set.images + i * NN_PIXELS, NN_PIXELS);
    x->label = x->set.labels[i];
    memset(&x->info, 0, sizeof x->info);
    x->info.width = x->info.height = NN_SIDE;
    x->info.as_is = true;
    snprintf(x->source, sizeof x->source, "MNIST test image %zu", i);
    return recompute(x);
}

/* Without MNIST, the bundled digits (labels from their names) are the set. */
static zk_err load_bundled_set(nn_explorer *x)
{
    size_t n = 0;
    uint8_t *img = zk_alloc(x->ndigits ? x->ndigits : 1, NN_PIXELS);
    uint8_t *lab = zk_alloc(x->ndigits ? x->ndigits : 1, 1);
    if (!img || !lab) {
        zk_free(img), zk_free(lab);
        return ZK_ENOMEM;
    }
    for (size_t i = 0; i < x->ndigits; i++) {
        char path[1024], why[256];
        snprintf(path, sizeof path, "%s/%s", x->digits_dir, x->digits[i]);
        int label = label_of(x->digits[i]);
        if (label >= 0 && nn_digit_load_png(img + n * NN_PIXELS, path, NULL, why,
                                            sizeof why) == ZK_OK)
            lab[n++] = (uint8_t)label;
    }
    x->set = (nn_dataset){n, img, lab};
    x->set_loaded = true;
    x->set_is_test = false;
    x->float_acc = -1;
    return n ? ZK_OK : ZK_EIO;
}

zk_err nn_explorer_accuracy(nn_explorer *x, int s, double *acc, double *float_acc,
                            const char **what)
{
    if (s < NN_QEXP_MIN || s > NN_QEXP_MAX)
        return ZK_EINVAL;
    zk_err err = ZK_OK;
    if (!x->set_loaded) {
        char why[256];
        if (load_test_set(x, why, sizeof why) != ZK_OK)
            err = load_bundled_set(x);
    }
    if (err)
        return err;
    size_t n = x->set.n < NN_EXPLORE_ACC_IMAGES ? x->set.n : NN_EXPLORE_ACC_IMAGES;
    if (x->float_acc < 0) {
        size_t right;
        if ((err = nn_evaluate(&x->model, &x->set, n, NULL, NULL, &right)))
            return err;
        x->float_acc = 100.0 * (double)right / (double)n;
    }
    if (!x->have_acc[s]) {
        nn_qparams q;
        nn_qparams_uniform(&q, s);
        nn_qmodel *qm;
        nn_qeval e;
        if ((err = nn_qmodel_init(&qm, &x->model, &q)))
            return err;
        err = nn_qevaluate(&e, qm, &x->set, n, NULL);
        nn_qmodel_free(qm);
        if (err)
            return err;
        x->acc[s] = 100.0 * (double)e.correct / (double)n;
        x->have_acc[s] = true;
    }
    snprintf(x->acc_what, sizeof x->acc_what, "%zu %s", n,
             x->set_is_test ? "MNIST test images" : "bundled digits");
    *acc = x->acc[s];
    *float_acc = x->float_acc;
    if (what)
        *what = x->acc_what;
    return ZK_OK;
}
