#include "core/json.h"

#include <stdlib.h>
#include <sodium.h>
#include <string.h>

#include "core/alloc.h"

/* A NUL byte, raw or as the escape \u0000, would end a C string early;
 * neither belongs in our files. The escape is a backslash that is not itself
 * escaped (an even run of backslashes before it) followed by u0000. Outside
 * strings a backslash is a syntax error anyway, so no tokenizing is needed. */
static bool has_nul_escape(const char *text, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '\\') {
            run = 0;
            continue;
        }
        run++;
        if (run % 2 == 1 && len - i > 5 && memcmp(text + i + 1, "u0000", 5) == 0)
            return true;
    }
    return false;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ZK_EDUPKEY when one object of j, at any depth, names a key twice (keys
 * compared after unescaping, as JSON.parse compares them). Sorting makes a
 * hostile object of a million keys cost n·log n, not n². The depth is
 * cJSON's nesting limit at most. */
static zk_err check_keys(const cJSON *j)
{
    size_t n = 0;
    for (const cJSON *c = j->child; c; c = c->next) {
        zk_err err = check_keys(c);
        if (err)
            return err;
        n++;
    }
    if (!cJSON_IsObject(j) || n < 2)
        return ZK_OK;
    const char *small[16], **keys = n <= 16 ? small : zk_alloc(n, sizeof *keys);
    if (!keys)
        return ZK_ENOMEM;
    size_t i = 0;
    for (const cJSON *c = j->child; c; c = c->next)
        keys[i++] = c->string;
    qsort(keys, n, sizeof *keys, key_cmp);
    zk_err err = ZK_OK;
    for (i = 1; i < n && !err; i++)
        if (strcmp(keys[i - 1], keys[i]) == 0)
            err = ZK_EDUPKEY;
    if (keys != small)
        zk_free(keys);
    return err;
}

zk_err zk_json_parse_err(cJSON **out, const char *text, size_t len)
{
    *out = NULL;
    if (memchr(text, 0, len) || has_nul_escape(text, len))
        return ZK_EFORMAT;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!root)
        return ZK_EFORMAT;
    zk_err err = ZK_OK;
    for (size_t i = (size_t)(end - text); i < len && !err; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
            err = ZK_EFORMAT;
    if (!err)
        err = check_keys(root);
    if (err) {
        cJSON_Delete(root);
        return err;
    }
    *out = root;
    return ZK_OK;
}

cJSON *zk_json_parse(const char *text, size_t len)
{
    cJSON *root;
    zk_json_parse_err(&root, text, len);
    return root;
}

/* Wipes the strings and numbers of j and everything under it. cJSON's
 * nesting limit (1000) bounds the recursion. */
static void wipe(cJSON *j)
{
    for (; j; j = j->next) {
        if (j->valuestring)
            sodium_memzero(j->valuestring, strlen(j->valuestring));
        if (j->string)
            sodium_memzero(j->string, strlen(j->string));
        j->valuedouble = 0;
        j->valueint = 0;
        wipe(j->child);
    }
}

void zk_json_delete_secret(cJSON *j)
{
    if (!j)
        return;
    cJSON *next = j->next;
    j->next = NULL;   /* only j's own tree, as cJSON_Delete(j) on a lone item */
    wipe(j);
    j->next = next;
    cJSON_Delete(j);
}
