/* Choosing the fixed-point scales from data: the EZKL "calibrate" step.
 *
 * For each candidate s (2^4 … 2^16 by default) the input and every
 * activation get scale 2^s and each weight tensor its own power of two:
 * 2^s, or finer while its largest weight stays below 2^s in magnitude
 * (small weights get more fractional bits at no cost in range). The quantized model runs on
 * the sample; the smallest s whose accuracy is within `tolerance` points of
 * the float model's, and whose predictions agree with the float model's on
 * all but `tolerance` percent of the sample, wins.
 *
 * Accumulator widths: each layer's largest |accumulator| on the sample,
 * plus headroom bits, capped by the worst case over every possible image
 * (Σ|w|·max|x| + |b| carried through the layers from pixels <= 1). A
 * circuit range-checks the accumulator to that width; inference reports an
 * image that exceeds it instead of wrapping. */
#ifndef ZK_NN_CALIBRATE_H
#define ZK_NN_CALIBRATE_H

#include "core/err.h"
#include "core/event.h"
#include "nn/idx.h"
#include "nn/quant.h"

typedef struct nn_calib_opts {
    int min_exp, max_exp;     /* candidate scales, 2^min … 2^max */
    double tolerance;         /* percentage points, e.g. 0.1 */
    int headroom_bits;        /* added to the observed accumulator width */
} nn_calib_opts;

void nn_calib_opts_default(nn_calib_opts *o);   /* 4, 16, 0.1, 2 */

typedef struct nn_calib_try {
    int scale;
    double accuracy, agreement, max_logit_err;
    size_t overflows;
} nn_calib_try;

typedef struct nn_calibration {
    nn_qparams q;                  /* the chosen parameters, acc_bits included */
    int scale;                     /* the chosen s */
    bool met;                      /* false: no candidate met the tolerance; s is the largest */
    size_t samples;
    double float_accuracy;         /* percent */
    nn_calib_try chosen;
    nn_calib_try tried[NN_QEXP_MAX + 1];
    size_t ntried;
    double w_abs_max[NN_LAYERS];
    int64_t acc_max[NN_LAYERS];    /* on the sample, at the chosen scales */
    int acc_bits_observed[NN_LAYERS];
    int acc_bits_worst[NN_LAYERS]; /* for any image */
} nn_calibration;

/* The per-tensor parameters for candidate s (without acc_bits). */
void nn_qparams_for_scale(nn_qparams *q, const nn_cnn *m, int s);

/* Calibrates on the first n images of sample (n = 0: all). Emits one
 * "calibrate" progress event per candidate. */
zk_err nn_calibrate(nn_calibration *c, const nn_cnn *m, const nn_dataset *sample, size_t n,
                    const nn_calib_opts *o, const zk_events *ev);

/* The accumulator width each layer needs for ANY image (the
 * acc_bits_worst_case of the settings): |acc| <= Σ|w|·X + |b| with X the
 * largest input magnitude (2^in_exp for pixels), carried to the next layer
 * rescaled (pooling and ReLU do not enlarge it; a square takes X to
 * X²/2^out_exp); 64 past 62 bits. */
void nn_acc_bits_worst(int bits[NN_LAYERS], const nn_qmodel *qm);

/* Bits of a signed integer that holds ±v: ceil(log2(v + 1)) + 1. */
int nn_signed_bits(uint64_t v);

/* The settings file (EZKL-style JSON): run_args with scales and visibility,
 * every tensor's exponent, each layer's rescale and accumulator width, and
 * what calibration measured. Returns text to free with zk_free, or NULL. */
char *nn_settings_json(const nn_calibration *c, const uint8_t model_hash[32],
                       const char *sample_source);
/* Reads the quantization parameters back from settings JSON. */
zk_err nn_settings_parse(nn_qparams *q, const char *json, char *why, size_t why_len);

#endif
