#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/ctime.h"

static const char *const err_text[] = {
#define ZK_ERR_TEXT(name, text) text,
    ZK_ERRORS(ZK_ERR_TEXT)
#undef ZK_ERR_TEXT
};

static const char *const err_name[] = {
#define ZK_ERR_NAME(name, text) #name,
    ZK_ERRORS(ZK_ERR_NAME)
#undef ZK_ERR_NAME
};

const char *zk_strerror(zk_err err)
{
    if ((unsigned)err >= ZK_ERR_COUNT)
        return "unknown error";
    return err_text[err];
}

const char *zk_errname(zk_err err)
{
    if ((unsigned)err >= ZK_ERR_COUNT)
        return "ZK_E?";
    return err_name[err];
}

/* core/ctime.h: the failure of a ZK_VERIFY in a debug build. */
_Noreturn void zk_verify_fail(const char *file, int line, const char *cond)
{
    fprintf(stderr, "zkcave: invariant failed at %s:%d: %s\n", file, line, cond);
    abort();
}
