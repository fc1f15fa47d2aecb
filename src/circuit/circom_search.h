/* Where Circom files are looked for, the same for `zkcave circuit` and the
 * lessons: $ZKCAVE_CIRCUITS, then circuits/ beside the zkcave program, then
 * ./circuits. Includes are searched there after the including file's own
 * directory, and lessons name their circuits relative to these directories
 * ("lessons/cubic.circom"). */
#ifndef ZK_CIRCUIT_CIRCOM_SEARCH_H
#define ZK_CIRCUIT_CIRCOM_SEARCH_H

#include "core/err.h"
#include "core/types.h"

enum { CIRCOM_SEARCH_MAX = 3, CIRCOM_PATH_MAX = 4096 };

typedef struct circom_search {
    const char *dir[CIRCOM_SEARCH_MAX];
    size_t n;
    char exe_dir[CIRCOM_PATH_MAX];   /* storage for circuits/ beside the program */
} circom_search;

/* The default directories, in order (only those that may exist: the
 * variable when set, the program's directory when /proc tells it). */
void circom_search_default(circom_search *s);

/* The first readable file named `name` in the search directories, into
 * out. A leading "circuits/" is dropped first, so "circuits/lessons/x.circom"
 * works from the source tree and from an installed copy alike. Absolute
 * names and names with ".." are refused (ZK_EINVAL): a lesson may only name
 * circuits that ship with zkcave. ZK_EIO when no directory holds it. */
zk_err circom_search_find(const circom_search *s, const char *name, char *out, size_t cap);

#endif
