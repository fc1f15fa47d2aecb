/* Files: whole-file reads, outputs that never destroy an input nor appear by
 * halves, and one way of saying why a file could not be used.
 *
 * Reading. Only regular files are read. Their size is known before the
 * first byte (fstat), so a file larger than the reader's bound is refused
 * at once and the buffer is allocated once, never grown (growing leaves
 * copies of the contents in freed blocks, which matters for a witness). A
 * device, FIFO or socket (/dev/zero, a pipe) has no size: it could feed
 * bytes forever or block, so it is refused with ZK_ENOTREG, and it is
 * opened without blocking to find that out.
 *
 * Writing. Every output is staged: written to a temporary file beside its
 * target, flushed to disk, then renamed over the target (rename is atomic
 * within a file system, POSIX.1-2017 rename()) and the directory flushed,
 * so after a crash either the old or the new file is there. A temporary
 * is removed when SIGINT, SIGTERM or SIGHUP ends the program, and one that
 * a process killed outright left is swept when its target is next staged. A target that
 * is a symbolic link is replaced where the link points (a dangling link's
 * target is created, as a shell's > creates it). A target that is a
 * device or a FIFO (/dev/null, a named pipe) is never renamed over, which
 * as root would replace the device node with a regular file: its temporary
 * lives in $TMPDIR and is copied into the device when published.
 *
 * A command's outputs. Between zk_outputs_begin and zk_outputs_end every
 * output written through this module (zk_file_write_atomic, zk_stage_*, and
 * so core/binfile.h's writer of .ptau and .zkey files) stays a temporary file;
 * zk_outputs_end publishes all of them or removes all of them, so a
 * command that fails on its second output leaves no first one behind.
 * zk_file_args_check refuses, before any work, an output that names the
 * same file as an input or as another output.
 *
 * Failures. A failed open, read or write returns ZK_ENOENT, ZK_EACCES,
 * ZK_EISDIR, ZK_ENOTREG, ZK_EOVERFLOW (larger than the bound) or ZK_EIO,
 * and records the path and the system's errno for this thread, like errno
 * itself: zk_file_why and zk_file_which turn an error code just returned
 * into the system's reason and the path that failed, so every command
 * says "cannot read PATH: No such file or directory" the same way. */
#ifndef ZK_CORE_FILE_H
#define ZK_CORE_FILE_H

#include "core/err.h"
#include "core/types.h"

/* ---- reading ------------------------------------------------------------------------ */

/* Opens path for reading when it is a regular file: *fd (close-on-exec)
 * and its *size. ZK_ENOTREG for a device, FIFO or socket, ZK_EISDIR for a
 * directory, the errno's code otherwise; *fd is -1 on error. */
zk_err zk_file_open_input(const char *path, int *fd, uint64_t *size);

/* Reads a whole regular file of at most max bytes into a NUL-terminated
 * buffer the caller frees with zk_free. ZK_EOVERFLOW (before reading) when
 * it is larger than max; see above for the other codes. */
zk_err zk_file_read(const char *path, size_t max, char **data, size_t *len);

/* zk_file_read for a file holding secrets (a witness, private inputs): the
 * one buffer is wiped on every error path, and the caller releases it with
 * zk_file_free_secret, which wipes it too. */
zk_err zk_file_read_secret(const char *path, size_t max, char **data, size_t *len);
void zk_file_free_secret(char *data, size_t len);

/* ---- failures ----------------------------------------------------------------------- */

/* Records that path could not be read (writing false) or written: errnum
 * is the system's errno, or 0 when code alone says why. Returns code, or
 * for code == ZK_EIO the code errnum maps to (ENOENT → ZK_ENOENT, ...). */
zk_err zk_file_fail(const char *path, bool writing, int errnum, zk_err code);

/* Forgets the last failure; every function here that opens a file calls it
 * first, so a failure that a caller recovered from (a missing optional
 * file) is not mistaken for a later error of the same code. */
void zk_file_fail_clear(void);

/* The system's reason for err when the last failure recorded on this thread
 * returned err ("No space left on device"), else zk_strerror(err). */
const char *zk_file_why(zk_err err);
/* The path of that failure, or fallback when the last failure is not err. */
const char *zk_file_which(zk_err err, const char *fallback);
/* Whether that failure was a write. */
bool zk_file_was_write(zk_err err);

/* ---- writing ------------------------------------------------------------------------ */

/* One output being written: write to fd (pwrite is fine), then close. */
typedef struct zk_stage {
    int fd;
    char *path;     /* the target as the caller named it */
    char *dest;     /* where it lands (symbolic links followed) */
    char *tmp;      /* the temporary being written */
    bool device;    /* dest is a device or FIFO: copied into, never renamed over */
} zk_stage;

/* Starts the replacement of path (a directory is ZK_EISDIR). Nothing is
 * visible at path until the stage is published. */
zk_err zk_stage_open(zk_stage *s, const char *path);
/* Appends len bytes at the current position of s->fd. */
zk_err zk_stage_write(zk_stage *s, const void *data, size_t len);
/* Ends the stage. With err (the writer's own failure) it removes the
 * temporary and returns err. Otherwise it flushes the temporary to disk
 * and publishes it, or, while a command's outputs are open, hands it to
 * zk_outputs_end. Frees s either way. */
zk_err zk_stage_close(zk_stage *s, zk_err err);

/* Replaces path with len bytes of data through a stage (see above). */
zk_err zk_file_write_atomic(const char *path, const void *data, size_t len);

/* Opens the outputs of one command (one at a time per process; ZK_EINVAL
 * when some are open already). */
zk_err zk_outputs_begin(void);
/* Closes them. With err, or when a stage failed, removes every temporary
 * and returns err. Otherwise publishes every output, devices first, and
 * returns ZK_OK; should a publication fail midway (a rename refused), the
 * rest are removed, written receives the outputs already in place
 * (", "-separated, "" when none) and the error is returned. */
zk_err zk_outputs_end(zk_err err, char *written, size_t written_len);

/* ---- temporaries (file_tmp.c) ------------------------------------------------------- */

/* A stage's temporary is tracked from just before it is created until it is
 * published or removed; SIGINT, SIGTERM or SIGHUP then remove every tracked
 * one and end the program as the signal would (handlers are installed with
 * the first, for those of the three whose action is the default). Stages are
 * opened and closed on the main thread. */
void zk_tmp_track(const char *path);
void zk_tmp_untrack(const char *path);

/* Removes the temporaries that processes now gone (SIGKILL, a crash) left
 * beside target: "<target>.tmp.<pid>" and "<target>.tmp.<pid>.<n>". With
 * eager, also this process's own and any over an hour old (a pid in use
 * again): for a caller that holds a lock no writer of target runs without.
 * zk_stage_open sweeps so before it stages target. */
void zk_stage_sweep(const char *target, bool eager);
/* The same for the device outputs' temporaries in tmpdir
 * ("zkcave-out.<pid>.<n>.tmp"). */
void zk_stage_sweep_devices(const char *tmpdir);

/* ---- which files a command touches -------------------------------------------------- */

typedef struct zk_file_arg {
    const char *role;   /* "proving key", "proof", ...: for messages */
    const char *path;
    bool output;
} zk_file_arg;

/* Whether a and b are the same file: the same device and inode when both
 * exist, else the same absolute path once "." and "..", and the symbolic
 * links of the part that exists, are resolved ("./a.json" is "a.json"); a
 * dangling link stands for the file it points to (writing creates it). */
bool zk_file_same(const char *a, const char *b);

/* Checks the n files of a command before it starts: ZK_ESAMEFILE when an
 * output (*first) is the same file as an input or an earlier output
 * (*second); two outputs on one character device (/dev/null) are fine.
 * An output that is a directory, or whose directory does not exist, fails
 * here too (recorded as a failed write, *first its index), not after the
 * work. ZK_OK otherwise. */
zk_err zk_file_args_check(const zk_file_arg *args, size_t n, size_t *first, size_t *second);

/* ---- directories -------------------------------------------------------------------- */

/* Finds the directory of data the program ships (lessons, assets,
 * circuits), named name: $env_var when set (and then only there), else
 * ./name, else name beside the zkcave program, two levels up from it (the
 * build tree), or in ../share/zkcave/ next to it (an installed tree). Writes
 * the resolved path into out; ZK_EIO when none exists. */
zk_err zk_data_dir(char *out, size_t len, const char *name, const char *env_var);

/* The directory part of path into out (len bytes): "." for a bare name,
 * "/" for one in the root. false when it does not fit. */
bool zk_path_dir(char *out, size_t len, const char *path);

/* Creates a directory and its missing parents with the given mode (like
 * mkdir -p). An existing directory is fine. */
zk_err zk_mkdir_p(const char *path, unsigned mode);

#endif
