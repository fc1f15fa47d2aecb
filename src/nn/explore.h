/* The quantization-error explorer's engine: the shipped model, one digit
 * (a bundled PNG, any PNG, or a test-set image), a scale, and everything
 * the explorer shows, recomputed when one of them changes. The workbench
 * screen and the lesson actions both drive it; neither computes anything
 * itself. */
#ifndef ZK_NN_EXPLORE_H
#define ZK_NN_EXPLORE_H

#include "core/err.h"
#include "nn/compare.h"
#include "nn/digit_png.h"
#include "nn/idx.h"

enum { NN_EXPLORE_ACC_IMAGES = 200, NN_EXPLORE_MAX_DIGITS = 64 };

typedef struct nn_explorer {
    nn_cnn model;
    uint8_t hash[32];
    nn_cnn_ws ws;
    nn_qtrace *tr;
    nn_qmodel *qm;
    int scale;                   /* every tensor at 2^scale */
    uint8_t img[NN_PIXELS];      /* the digit, MNIST-normalised */
    int label;                   /* known label, or -1 */
    char source[300];            /* "assets/digits/7_0000.png", "test image 42" */
    nn_png_info info;
    nn_comparison *cmp;          /* for img at scale */
    /* bundled digits, sorted by name */
    char digits_dir[600];
    char *digits[NN_EXPLORE_MAX_DIGITS];
    size_t ndigits;
    /* accuracy per scale on the first NN_EXPLORE_ACC_IMAGES test images (or,
     * without MNIST, on the bundled digits), computed on first use */
    nn_dataset set;
    bool set_loaded, set_is_test;
    double float_acc;
    char acc_what[64];           /* what the accuracy is measured on */
    double acc[NN_QEXP_MAX + 1];
    bool have_acc[NN_QEXP_MAX + 1];
} nn_explorer;

/* Loads the shipped model and the list of bundled digits, and shows the
 * first digit at 2^8. why says what is missing. */
zk_err nn_explorer_open(nn_explorer *x, char *why, size_t why_len);
void nn_explorer_close(nn_explorer *x);

/* A digit from a PNG file. On failure the previous digit stays. */
zk_err nn_explorer_load_png(nn_explorer *x, const char *path, char *why, size_t why_len);
/* Bundled digit i (0 ≤ i < ndigits). */
zk_err nn_explorer_load_bundled(nn_explorer *x, size_t i, char *why, size_t why_len);
/* MNIST test image i; ZK_EIO with why when the test set is not here. */
zk_err nn_explorer_load_test(nn_explorer *x, size_t i, char *why, size_t why_len);
/* Changes the scale (NN_QEXP_MIN … NN_QEXP_MAX) and recomputes. */
zk_err nn_explorer_set_scale(nn_explorer *x, int s);

/* Quantized accuracy at 2^s in percent, with the float model's in *float_acc
 * and what it was measured on in *what ("500 MNIST test images" or "27
 * bundled digits"). */
zk_err nn_explorer_accuracy(nn_explorer *x, int s, double *acc, double *float_acc,
                            const char **what);

#endif
