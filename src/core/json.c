#include "core/json.h"

#include <sodium.h>
#include <string.h>

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

cJSON *zk_json_parse(const char *text, size_t len)
{
    if (memchr(text, 0, len) || has_nul_escape(text, len))
        return NULL;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!root)
        return NULL;
    for (size_t i = (size_t)(end - text); i < len; i++) {
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') {
            cJSON_Delete(root);
            return NULL;
        }
    }
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
