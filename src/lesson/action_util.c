#include "lesson/action_util.h"

#include <stdio.h>
#include <string.h>

zk_err lesson_rng(lesson_result *out, const lesson_params *p, zk_rng *storage, zk_rng **rng)
{
    *rng = NULL;
    if (!lesson_param_get(p, "seed", NULL))
        return ZK_OK;
    uint64_t seed;
    zk_err err = lesson_param_u64(out, p, "seed", 0, 0, UINT64_MAX, &seed);
    if (err)
        return err;
    zk_rng_seed_u64(storage, seed);
    *rng = storage;
    return ZK_OK;
}

zk_err lesson_group(lesson_result *out, const lesson_params *p, sg_group *g)
{
    static const char *const names[] = {"toy11", "secp256k1"};
    size_t which;
    zk_err err = lesson_param_choice(out, p, "group", names, 2, &which);
    if (err)
        return err;
    err = sg_init_named(g, names[which]);
    return err ? lesson_fail(out, err, "cannot set up %s: %s", names[which], zk_strerror(err))
               : ZK_OK;
}

zk_err lesson_group_rng(lesson_result *out, const lesson_params *p, sg_group *g, zk_rng *storage,
                        zk_rng **rng)
{
    zk_err err = lesson_group(out, p, g);
    if (err)
        return err;
    err = lesson_rng(out, p, storage, rng);
    if (err)
        sg_clear(g);
    return err;
}

zk_err lesson_scalar(lesson_result *out, const lesson_params *p, const char *key,
                     const sg_group *g, mpz_t v, bool *given)
{
    const char *s = lesson_param_get(p, key, NULL);
    *given = s != NULL && *s;
    if (!*given)
        return ZK_OK;
    zk_err err = sg_scalar_set_str(g, v, s);
    if (err) {
        char q[LESSON_NUM];
        return lesson_fail(out, ZK_EINVAL, "%s must be a whole number from 0 to %s - 1, not '%s'",
                           key, lesson_num(q, sizeof q, SG_ORDER(g)), s);
    }
    return ZK_OK;
}

/* "0123456789abcdef…" → "0x01234567…89abcdef" when longer than 18 digits. */
static char *shorten(char *out, size_t cap, const char *text, bool hex)
{
    size_t n = strlen(text);
    if (n <= 18)
        snprintf(out, cap, "%s%s", hex ? "0x" : "", text);
    else
        snprintf(out, cap, "%s%.8s…%s", hex ? "0x" : "", text, text + n - 8);
    return out;
}

char *lesson_num(char *out, size_t cap, const mpz_t v)
{
    char buf[80];
    if (mpz_sizeinbase(v, 10) <= 15) {
        gmp_snprintf(out, cap, "%Zd", v);
        return out;
    }
    if (mpz_sizeinbase(v, 16) > 64) {
        snprintf(out, cap, "(%zu bits)", mpz_sizeinbase(v, 2));
        return out;
    }
    gmp_snprintf(buf, sizeof buf, "%Zx", v);
    return shorten(out, cap, buf, true);
}

char *lesson_elt(char *out, size_t cap, const sg_group *g, const sg_elt *e)
{
    char buf[SG_STR_MAX];
    sg_to_str(g, buf, e);
    return shorten(out, cap, buf, false);
}

char *lesson_hex(char *out, size_t cap, const uint8_t *bytes, size_t n)
{
    char buf[160];
    if (n > 64)
        n = 64;
    zk_hex_encode(buf, bytes, n);
    return shorten(out, cap, buf, false);
}

char *lesson_bytes(char *out, size_t cap, double bytes)
{
    if (bytes < 1024)
        snprintf(out, cap, "%.0f B", bytes);
    else if (bytes < 1 << 20)
        snprintf(out, cap, "%.1f KB", bytes / 1024);
    else
        snprintf(out, cap, "%.1f MB", bytes / (1 << 20));
    return out;
}
