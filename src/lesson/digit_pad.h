/* The drawing pad's engine: a 28×28 sheet of ink, a pen, and the digit the
 * CNN reads from it, predicted by the float and the quantized model as the
 * ink changes. The workbench's pad screen draws it; lesson 18 and the tests
 * drive it directly.
 *
 * The pad is a page of white paper with dark ink: the digit the CNN reads
 * is nn_digit_normalize of the page, exactly what nn/digit_png.h does to a
 * PNG drawn dark on light (ink found against the paper, its box scaled to
 * 20×20, centred by its centre of mass). lesson_pad_write_png saves that
 * page, so `zkcave mnist predict` or `prove` on the file reads the same
 * digit. A PNG loaded onto the pad (a bundled digit or any path) is read
 * by nn_digit_load_png as the command line reads it; once drawn on, the pad
 * holds a drawing again. */
#ifndef ZK_LESSON_DIGIT_PAD_H
#define ZK_LESSON_DIGIT_PAD_H

#include "lesson/zkml_views.h"
#include "nn/compare.h"
#include "nn/digit_png.h"

typedef struct lesson_pad {
    uint8_t ink[NN_PIXELS];      /* 0 paper .. 255 full ink; row-major */
    int x, y;                    /* the pen, 0..27 */
    bool pen;                    /* down: moving draws */
    /* the digit */
    bool from_png;               /* the ink is a loaded PNG's digit, untouched */
    char source[600];            /* "drawn on the pad" or the PNG's path */
    bool has_digit;              /* false: nothing the CNN could read (why) */
    char why[240];
    uint8_t img[NN_PIXELS];      /* what the CNN reads, MNIST-normalised */
    nn_png_info info;
    nn_comparison *cmp;          /* float and quantized on img (has_digit) */
    /* scratch for the comparison */
    nn_cnn_ws ws;
    nn_qtrace *tr;
} lesson_pad;

zk_err lesson_pad_init(lesson_pad *p);
void lesson_pad_free(lesson_pad *p);

/* Blank paper, pen up in the middle. */
void lesson_pad_clear(lesson_pad *p);
/* Ink at (x, y) with a round pen about three pixels wide (full ink at the
 * centre and its four neighbours, half at the diagonals, never lighter
 * than what is there). Outside the pad, nothing. */
void lesson_pad_dab(lesson_pad *p, int x, int y);
/* Dabs along the line from (x0, y0) to (x1, y1). */
void lesson_pad_stroke(lesson_pad *p, int x0, int y0, int x1, int y1);
/* Moves the pen by (dx, dy), drawing when it is down. */
void lesson_pad_move(lesson_pad *p, int dx, int dy);
/* Pen down (dabbing where it is) or up. */
void lesson_pad_pen(lesson_pad *p, bool down);

/* The paper as 8-bit gray (255 − ink): what lesson_pad_write_png saves. */
void lesson_pad_page(const lesson_pad *p, uint8_t gray[NN_PIXELS]);
/* Re-reads the digit from the ink (or keeps a loaded PNG's) and predicts
 * it with z's float and quantized model. */
zk_err lesson_pad_update(lesson_pad *p, const lesson_zkml *z);
/* A PNG onto the pad: the digit as nn_digit_load_png reads it, shown as
 * ink. On failure (why) the pad keeps what it had. */
zk_err lesson_pad_load_png(lesson_pad *p, const lesson_zkml *z, const char *path, char *why,
                           size_t why_len);
/* The page as a PNG (gray, dark ink on white). */
zk_err lesson_pad_write_png(const lesson_pad *p, const char *path);

#endif
