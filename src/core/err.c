#include "core/err.h"

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
