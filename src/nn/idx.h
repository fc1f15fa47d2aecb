/* MNIST in its original IDX files (LeCun, Cortes and Burges), gzip-
 * compressed or not: zlib's gzread reads both.
 *
 * An IDX file is a big-endian header, magic 0x00000800 | type << 8 | ndims
 * (type 0x08 = unsigned bytes), one u32 size per dimension, then the data
 * in row-major order. Images are 0x00000803 (count, 28, 28) and labels
 * 0x00000801 (count), values 0..9. */
#ifndef ZK_NN_IDX_H
#define ZK_NN_IDX_H

#include "core/err.h"
#include "core/types.h"

typedef struct nn_dataset {
    size_t n;
    uint8_t *images;   /* n × 784 pixels, 0 background, 255 ink */
    uint8_t *labels;   /* n labels, 0..9 */
} nn_dataset;

/* Reads an image file and its label file. On failure why says which file
 * and what is wrong in one line ("t10k-labels-idx1-ubyte.gz: 9999 labels
 * for 10000 images"); ZK_EIO when unreadable, ZK_EFORMAT when malformed. */
zk_err nn_idx_load(nn_dataset *d, const char *images_path, const char *labels_path, char *why,
                   size_t why_len);
/* The standard files in dir ("train-images-idx3-ubyte[.gz]" and so on). */
zk_err nn_mnist_load(nn_dataset *d, const char *dir, bool train, char *why, size_t why_len);
/* The two files nn_mnist_load reads (images, labels; len bytes each), so a
 * command can refuse an output over one of them before it works. */
void nn_mnist_paths(char *images, char *labels, size_t len, const char *dir, bool train);
void nn_dataset_free(nn_dataset *d);

/* The MNIST directory to use: dir when given, else $ZKCAVE_MNIST, else
 * $ZKCAVE_SHARED_DATA/mnist, else the first that exists of
 * ../shared/data/mnist from the current directory, the same from the
 * program's directory or its tree (zk_data_dir), and mnist/ in the assets;
 * else ../shared/data/mnist (for the error message). buf holds the path
 * when one is built. */
const char *nn_mnist_dir(const char *dir, char *buf, size_t len);

#endif
