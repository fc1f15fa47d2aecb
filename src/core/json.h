/* Strict parsing of a JSON document with cJSON.
 *
 * cJSON alone accepts a document followed by anything ("{...}xyz" parses as
 * the object) and decodes the escape \u0000 into a string that C then reads
 * as ending there, so "33\u0000junk" would read as "33". It also keeps every
 * member of an object that names a key twice, and its lookup returns the
 * first, where JSON.parse (snarkjs) keeps the last: {"pi_a": GOOD, "pi_a":
 * BAD} would verify here and fail there, and the reverse order flip both.
 * The files zkcave reads (snarkjs proofs and keys, circom inputs, settings,
 * progress) are exactly one JSON value with only whitespace after it, no
 * NUL in any string and no key twice in one object; anything else is
 * rejected here, once for every reader, so no two readers of one file can
 * disagree. Nesting is limited by cJSON (CJSON_NESTING_LIMIT, 1000
 * levels), so a deeply nested file is rejected, not a stack overflow. */
#ifndef ZK_CORE_JSON_H
#define ZK_CORE_JSON_H

#include <cJSON.h>

#include "core/err.h"
#include "core/types.h"

/* The document in text[0..len), or NULL when it is not valid JSON by the
 * rules above (or memory ran out). The caller frees it with cJSON_Delete. */
cJSON *zk_json_parse(const char *text, size_t len);

/* The same, saying why: ZK_EFORMAT (not JSON by the rules above),
 * ZK_EDUPKEY (an object names a key twice), ZK_ENOMEM. *out is NULL on
 * error. */
zk_err zk_json_parse_err(cJSON **out, const char *text, size_t len);
/* cJSON_Delete for a document holding secrets (circom's private inputs):
 * every string, key and number is wiped before its node is freed. */
void zk_json_delete_secret(cJSON *j);

#endif
