/* Error codes: one list, one string table.
 *
 * Every fallible function in zkcave returns a zk_err. ZK_OK is zero so that
 * `if (err) return err;` reads naturally. New codes are added to ZK_ERRORS
 * only; the enum and zk_strerror are generated from it.
 *
 * The file codes (ZK_ENOENT, ZK_EACCES, ZK_EISDIR) read as the system's
 * own reasons (strerror in the C locale), because a person sees them next to
 * a path; src/core/file.h maps errno onto them and keeps the exact errno of
 * the last failure for the rarer reasons (a full disk, a read-only file
 * system), which stay ZK_EIO. */
#ifndef ZK_CORE_ERR_H
#define ZK_CORE_ERR_H

#define ZK_ERRORS(X)                                                            \
    X(ZK_OK,              "success")                                           \
    X(ZK_ENOMEM,          "out of memory")                                     \
    X(ZK_EINVAL,          "invalid argument")                                  \
    X(ZK_EOVERFLOW,       "size or value too large")                           \
    X(ZK_EPARSE,          "malformed number or text")                          \
    X(ZK_ENONCANONICAL,   "value is not below the field modulus")              \
    X(ZK_EZERO,           "zero has no inverse")                               \
    X(ZK_ENOSQRT,         "not a square in this field")                        \
    X(ZK_ENOTPRIME,       "modulus is not prime")                              \
    X(ZK_EIO,             "input/output error")                                \
    X(ZK_EFORMAT,         "malformed file")                                    \
    X(ZK_ENOTONCURVE,     "point is not on the curve")                         \
    X(ZK_ENOTINSUBGROUP,  "point is not in the prime-order subgroup")          \
    X(ZK_EINFINITY,       "point is at infinity where none is allowed")        \
    X(ZK_EDUPKEY,         "a JSON object names the same key twice")            \
    X(ZK_EVERIFY,         "verification failed")                               \
    X(ZK_EFORGEABLE,      "forgeable key: its setup has no unknown secret")    \
    X(ZK_EUNSUPPORTED,    "not supported")                                     \
    X(ZK_ECANCELLED,      "cancelled")                                         \
    X(ZK_ETHREAD,         "could not start a thread")                          \
    X(ZK_ECRYPTO,         "cryptographic library failed to initialise")        \
    X(ZK_ETRACE,          "the trace does not satisfy its constraints")      \
    X(ZK_ENOENT,          "No such file or directory")                       \
    X(ZK_EACCES,          "Permission denied")                               \
    X(ZK_EISDIR,          "Is a directory")                                  \
    X(ZK_ENOTREG,         "not a regular file (a device, pipe or socket is "  \
                          "not read: it has no size to check)")              \
    X(ZK_ESAMEFILE,       "an output names the same file as another argument")

typedef enum zk_err {
#define ZK_ERR_ENUM(name, text) name,
    ZK_ERRORS(ZK_ERR_ENUM)
#undef ZK_ERR_ENUM
    ZK_ERR_COUNT
} zk_err;

/* A static, human-readable sentence for an error code; never NULL. */
const char *zk_strerror(zk_err err);

/* The code's symbolic name ("ZK_EPARSE"), for logs and tests; never NULL. */
const char *zk_errname(zk_err err);

#endif
