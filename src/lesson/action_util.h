/* Helpers shared by the Part 1 actions: randomness, groups and numbers from
 * a lesson's parameters, and short texts for big numbers. */
#ifndef ZK_LESSON_ACTIONS_UTIL_H
#define ZK_LESSON_ACTIONS_UTIL_H

#include <gmp.h>

#include "lesson/action.h"
#include "sigma/sigma.h"

/* With `seed=N` a seeded stream in *storage (the same numbers every run);
 * without, NULL: fresh randomness from the operating system. */
zk_err lesson_rng(lesson_result *out, const lesson_params *p, zk_rng *storage, zk_rng **rng);

/* `group=toy11` (default) or `group=secp256k1`. Clear with sg_clear. */
zk_err lesson_group(lesson_result *out, const lesson_params *p, sg_group *g);

/* Both of the above; on failure nothing needs clearing. */
zk_err lesson_group_rng(lesson_result *out, const lesson_params *p, sg_group *g, zk_rng *storage,
                        zk_rng **rng);

/* An optional scalar parameter in [0, q): *given says whether it was there.
 * Sets out->message on a bad value. */
zk_err lesson_scalar(lesson_result *out, const lesson_params *p, const char *key,
                     const sg_group *g, mpz_t v, bool *given);

/* Display forms: small numbers in decimal, big ones as "0x1a2b…9f3c"; group
 * elements as sg_to_str gives them, shortened the same way. */
char *lesson_num(char *out, size_t cap, const mpz_t v);
char *lesson_elt(char *out, size_t cap, const sg_group *g, const sg_elt *e);
char *lesson_hex(char *out, size_t cap, const uint8_t *bytes, size_t n);
/* A size: "128 B", "54.2 KB", "8.4 MB" (binary units). */
char *lesson_bytes(char *out, size_t cap, double bytes);

enum { LESSON_NUM = 48 };

#endif
