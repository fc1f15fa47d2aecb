#include "circuit/circom_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void circom_search_default(circom_search *s)
{
    s->n = 0;
    s->exe_dir[0] = '\0';
    const char *env = getenv("ZKCAVE_CIRCUITS");
    if (env && *env)
        s->dir[s->n++] = env;
    char exe[CIRCOM_PATH_MAX - 16];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(s->exe_dir, sizeof s->exe_dir, "%s/circuits", exe);
            s->dir[s->n++] = s->exe_dir;
        }
    }
    s->dir[s->n++] = "circuits";
}

zk_err circom_search_find(const circom_search *s, const char *name, char *out, size_t cap)
{
    if (!name || !*name || name[0] == '/' || strstr(name, ".."))
        return ZK_EINVAL;
    if (strncmp(name, "circuits/", 9) == 0)
        name += 9;
    for (size_t i = 0; i < s->n; i++) {
        struct stat st;
        int len = snprintf(out, cap, "%s/%s", s->dir[i], name);
        if (len > 0 && (size_t)len < cap && stat(out, &st) == 0 && S_ISREG(st.st_mode) &&
            access(out, R_OK) == 0)
            return ZK_OK;
    }
    if (cap)
        out[0] = '\0';
    return ZK_EIO;
}
