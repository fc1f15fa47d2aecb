/* Training and evaluating the seed CNN.
 *
 * Mini-batch training with Adam (Kingma and Ba, "Adam: A Method for
 * Stochastic Optimization", ICLR 2015, Algorithm 1) on the softmax
 * cross-entropy. Each batch is split into a fixed number of shards; the
 * shards run on the thread pool, each writing the gradient of its own images
 * into its own buffer, and the buffers are then added in shard order. So a
 * given seed gives the same bytes however many threads run and however the
 * pool hands out the shards (with one GEMM kernel: see nn/gemm.h).
 *
 * Randomness is one seeded ChaCha20 stream: first the initial weights, then
 * per epoch one Fisher-Yates shuffle of the training set and, for each
 * image as it is drawn, a random shift of up to ±shift pixels in x and y
 * (the digit moves, the border fills with background). Shifting is the
 * classic MNIST augmentation (Simard, Steinkraus and Platt, ICDAR 2003)
 * and is what takes this small network past 99 % on the test set. */
#ifndef ZK_NN_TRAIN_H
#define ZK_NN_TRAIN_H

#include "core/err.h"
#include "core/event.h"
#include "core/rng.h"
#include "nn/cnn.h"
#include "nn/idx.h"

typedef struct nn_train_opts {
    uint64_t seed;
    unsigned epochs;
    unsigned batch;      /* images per step */
    unsigned shards;     /* parts of a batch computed independently, 1..16 */
    float lr;            /* Adam's step size α in the first epoch */
    float lr_decay;      /* α is multiplied by this after every epoch */
    float beta1, beta2, eps;
    unsigned shift;      /* augmentation: move each image by up to ±shift pixels */
    size_t limit;        /* train on the first limit images only (0: all) */
    float clip;          /* the batch gradient's L2 norm capped at this (0: never) */
} nn_train_opts;

/* The recipe of the shipped weights: seed 1, 10 epochs of 64-image batches
 * in 4 shards, shifts of up to ±1 pixel, Adam α = 0.001 times 0.7 after
 * each epoch, β = (0.9, 0.999), ε = 1e-8. */
void nn_train_opts_default(nn_train_opts *o);
/* The recipe of a square model (nn/cnn.h): the default's, with the changes
 * train.c explains. */
void nn_train_opts_square(nn_train_opts *o);

typedef struct nn_trainer {
    nn_cnn *model;
    nn_train_opts opt;
    zk_rng rng;
    float *m, *v;             /* Adam's moment estimates */
    float *grads;             /* shards × NN_PARAMS */
    float *grad;              /* their sum */
    nn_cnn_ws *ws;            /* one per shard */
    uint8_t *batch_images;    /* shards × cap × 784 */
    uint8_t *batch_labels;
    double *shard_loss;
    size_t *shard_correct;
    uint32_t *order;          /* the current epoch's permutation */
    size_t order_len;
    uint64_t step;            /* Adam's t */
    float lr;
} nn_trainer;

typedef struct nn_epoch_stats {
    double loss;              /* mean cross-entropy over the epoch */
    double accuracy;          /* on the training batches, before each step */
    double seconds;           /* wall clock */
    double cpu_seconds;       /* this process's CPU time, all threads */
} nn_epoch_stats;

/* Initialises the model's weights from opt->seed and the optimiser state. */
zk_err nn_trainer_init(nn_trainer *t, nn_cnn *model, const nn_train_opts *opt);
void nn_trainer_free(nn_trainer *t);
/* One pass over d in a fresh random order. Emits "train_epoch" progress on
 * ev (per batch) and returns ZK_ECANCELLED when asked to stop. */
zk_err nn_trainer_epoch(nn_trainer *t, const nn_dataset *d, unsigned epoch,
                        const zk_events *ev, nn_epoch_stats *st);
/* One optimiser step on n images (for tests): returns the batch's loss. */
double nn_trainer_step(nn_trainer *t, const uint8_t *images, const uint8_t *labels, size_t n);

/* Predictions of the float model on the first n images of d (n = 0: all),
 * computed in parallel. preds (n ints) and logits (n × 10) may be NULL;
 * *correct counts the right ones. */
zk_err nn_evaluate(const nn_cnn *m, const nn_dataset *d, size_t n, int *preds, float *logits,
                   size_t *correct);

/* CPU seconds used by the whole process so far. */
double nn_cpu_seconds(void);
/* Seconds on a monotonic clock. */
double nn_wall_seconds(void);

#endif
