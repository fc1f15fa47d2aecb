#include <string.h>

#include "stark/air_builtin.h"

typedef zk_err (*statement_fn)(stark_air *, const uint64_t *, size_t, const gl_t *, size_t);

static const struct {
    const char *name;
    statement_fn make;
} registry[] = {
    {"fibonacci", air_fibonacci_statement},
    {"fibonacci-sq", air_fibsq_statement},
    {"poseidon-chain", air_poseidon_chain_statement},
    {"range-check", air_range_check_statement},
};

const char *const stark_air_names[] = {"fibonacci", "fibonacci-sq", "poseidon-chain",
                                       "range-check"};
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
