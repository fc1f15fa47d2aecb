/* Whole-file reads and crash-safe writes.
 *
 * A file that a person cares about (lesson progress, an exported chart) is
 * never left half-written: zk_file_write_atomic writes a temporary file in
 * the same directory, flushes it to disk, renames it over the target (rename
 * is atomic within a file system, POSIX.1-2017 rename()) and then flushes the
 * directory, so after a crash either the old or the new file is there. */
#ifndef ZK_CORE_FILE_H
#define ZK_CORE_FILE_H

#include "core/err.h"
#include "core/types.h"

/* Replaces path with len bytes of data, atomically (see above). The
 * temporary file is removed on failure. ZK_EIO when the directory is not
 * writable or the disk is full. */
zk_err zk_file_write_atomic(const char *path, const void *data, size_t len);

/* Reads a whole file of at most max bytes into a NUL-terminated buffer the
 * caller frees with zk_free. ZK_EIO when it cannot be read (errno tells why;
 * ENOENT for a missing file), ZK_EOVERFLOW when it is larger than max. */
zk_err zk_file_read(const char *path, size_t max, char **data, size_t *len);

/* Finds the directory of data the program ships (lessons, assets,
 * circuits), named name: $env_var when set (and then only there), else
 * ./name, else name beside the zkcave program, two levels up from it (the
 * build tree), or in ../share/zkcave/ next to it (an installed tree). Writes
 * the resolved path into out; ZK_EIO when none exists. */
zk_err zk_data_dir(char *out, size_t len, const char *name, const char *env_var);

/* Creates a directory and its missing parents with the given mode (like
 * mkdir -p). An existing directory is fine. */
zk_err zk_mkdir_p(const char *path, unsigned mode);

#endif
