/* A digit from any PNG, brought to the MNIST convention.
 *
 * The MNIST digits were "size normalized to fit in a 20x20 pixel box while
 * preserving their aspect ratio", anti-aliased, and "centered in a 28x28
 * image by computing the center of mass of the pixels, and translating the
 * image so as to position this point at the center of the 28x28 field"
 * (LeCun, Cortes and Burges, the MNIST page). This does the same to any
 * PNG: gray, gray+alpha, RGB, RGBA or palette, 1 to 16 bits, any size
 * (libpng's simplified API turns every one into 8-bit gray and alpha).
 *
 *  1. Ink. With real transparency (alpha varies), the ink is the alpha:
 *     a digit drawn on a transparent canvas. Otherwise the paper is the
 *     median of the border pixels; on light paper ink = paper − gray (a
 *     dark pen, turned around to white on black), on dark paper
 *     ink = gray − paper. The ink is stretched so its maximum is 255.
 *  2. The digit's bounding box (ink >= 25 % of the maximum) is scaled by
 *     area averaging so that its longer side is 20 pixels.
 *  3. Its centre of mass is put at the centre (14, 14) of a 28×28 field,
 *     moved by whole pixels.
 *
 * A 28×28 white-on-black image (an MNIST digit saved as PNG) is taken as it
 * is: it already follows the convention. */
#ifndef ZK_NN_DIGIT_PNG_H
#define ZK_NN_DIGIT_PNG_H

#include "core/err.h"
#include "core/types.h"
#include "nn/cnn.h"

typedef struct nn_png_info {
    unsigned width, height;
    int bit_depth, color_type;   /* as the file's header says (PNG colour type 0, 2, 3, 4, 6) */
    bool from_alpha;             /* ink taken from transparency */
    bool inverted;               /* dark on light, turned around */
    bool as_is;                  /* already 28×28 white on black */
    unsigned box_x, box_y, box_w, box_h;   /* the digit in the source image */
} nn_png_info;

/* The largest image accepted, in pixels (a 8000 × 8000 photo is fine). */
enum { NN_PNG_MAX_PIXELS = 64 * 1000 * 1000 };

/* Decodes PNG bytes into 784 MNIST pixels. ZK_EFORMAT with why ("not a PNG
 * file", "damaged PNG: ...", "no digit found: the image is blank") on
 * anything that is not a readable image with a digit in it; ZK_EOVERFLOW
 * for images over NN_PNG_MAX_PIXELS. info may be NULL. */
zk_err nn_digit_from_png(uint8_t out[NN_PIXELS], const void *data, size_t len,
                         nn_png_info *info, char *why, size_t why_len);
/* The same from a file (ZK_EIO when it cannot be read). */
zk_err nn_digit_load_png(uint8_t out[NN_PIXELS], const char *path, nn_png_info *info,
                         char *why, size_t why_len);
/* Steps 1-3 on decoded 8-bit gray and alpha (w × h each; alpha may be
 * NULL), for callers that already have pixels. */
zk_err nn_digit_normalize(uint8_t out[NN_PIXELS], const uint8_t *gray, const uint8_t *alpha,
                          unsigned w, unsigned h, nn_png_info *info, char *why,
                          size_t why_len);

#endif
