/* The trained weights on disk, and where the app's assets are.
 *
 * A .zkw file (little-endian throughout):
 *
 *   offset   size   field
 *   0        8      magic "ZKCVCNN1"
 *   8        4      u32 L: length of the recipe
 *   12       L      recipe: JSON text saying how the weights were made
 *                   (seed, epochs, optimiser, kernel, threads, accuracy)
 *   12+L     4      u32 P: number of parameters, 206,922
 *   16+L     4·P    the parameters as IEEE-754 binary32, in nn/cnn.h order
 *   16+L+4P  32     BLAKE2b-256 (RFC 7693) of every byte before it
 *
 * 827,760 bytes plus the recipe. The hash catches a damaged or truncated
 * file; it also names the model (lessons show its first bytes).
 *
 * A model whose activation is not ReLU (nn/cnn.h) is written as version 2:
 * magic "ZKCVCNN2", then a u32 activation code (1: square), then the
 * version-1 layout from the recipe's length on, the hash still over every
 * byte before it. A ReLU model is still written as version 1, byte for
 * byte as before, and every version-1 file reads as ReLU; a code this
 * program does not know is refused. */
#ifndef ZK_NN_MODEL_FILE_H
#define ZK_NN_MODEL_FILE_H

#include "core/err.h"
#include "nn/cnn.h"

#define NN_MODEL_FILE "mnist-cnn.zkw"
/* The same network with x² in ReLU's place (assets/README.md). */
#define NN_MODEL_SQUARE_FILE "mnist-cnn-square.zkw"

/* Writes m atomically with the recipe (JSON text, may be NULL for "{}"). */
zk_err nn_model_save(const char *path, const nn_cnn *m, const char *recipe);
/* Reads a model into m (initialised here; free with nn_cnn_free). recipe,
 * when not NULL, receives the recipe text (free with zk_free); hash, when
 * not NULL, the file's 32-byte hash. why says what is wrong in one line:
 * ZK_EFORMAT for a wrong size or checksum, or a NaN or infinite parameter
 * (the checksum is unkeyed, so it vouches for nothing finite). */
zk_err nn_model_load(nn_cnn *m, const char *path, char **recipe, uint8_t hash[32], char *why,
                     size_t why_len);

/* Finds a file the app ships: $ZKCAVE_ASSETS/<name>, ./assets/<name>, or
 * assets/<name> next to the program (or two directories up from it, for a
 * build tree). ZK_EIO when it is nowhere. */
zk_err nn_asset_path(char *out, size_t len, const char *name);

#endif
