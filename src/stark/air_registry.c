#include <string.h>

#include "stark/air_builtin.h"

typedef zk_err (*statement_fn)(stark_air *, const uint64_t *, size_t, const gl_t *, size_t);

static const struct {
    const char *name;
    statement_fn make;
    const char *params[STARK_AIR_MAX_PARAMS];   /* what each shape parameter means */
} registry[] = {
    {"fibonacci", air_fibonacci_statement, {"rows"}},
    {"fibonacci-sq", air_fibsq_statement, {"rows"}},
    {"poseidon-chain", air_poseidon_chain_statement, {"rows"}},
    {"range-check", air_range_check_statement, {"rows", "bits"}},
    {"cnn-conv1", air_cnn_conv1_statement, {"channels", "shift", "sign bits"}},
    {"model-hash", air_model_hash_statement, {"elements"}},
    {"model-commit", air_model_commit_statement, {"range bits"}},
    {"cnn", air_cnn_statement, {"input exp", "shifts by layer", "sign bits by layer"}},
};

const char *const stark_air_names[] = {"fibonacci", "fibonacci-sq", "poseidon-chain",
                                       "range-check", "cnn-conv1", "model-hash",
                                       "model-commit", "cnn"};
const size_t stark_air_count = sizeof registry / sizeof registry[0];

bool air_rows_ok(uint64_t n)
{
    return n >= 4 && n <= ((uint64_t)1 << AIR_MAX_LOG_ROWS) && (n & (n - 1)) == 0;
}

zk_err stark_air_from_statement(stark_air *a, const char *name, const uint64_t *params,
                                size_t n_params, const gl_t *pub, size_t n_pub)
{
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < stark_air_count; i++)
        if (strcmp(name, registry[i].name) == 0)
            return registry[i].make(a, params, n_params, pub, n_pub);
    return ZK_EINVAL;
}

const char *stark_air_param_name(const stark_air *a, size_t i)
{
    for (size_t k = 0; k < stark_air_count; k++)
        if (strcmp(a->name, registry[k].name) == 0)
            return i < STARK_AIR_MAX_PARAMS ? registry[k].params[i] : NULL;
    return NULL;
}
