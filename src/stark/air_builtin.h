/* The built-in AIRs' statement constructors, for the registry in
 * air_registry.c: each builds an AIR from its shape parameters and public
 * inputs alone, as a verifier must. Not a public interface. */
#ifndef ZK_STARK_AIR_BUILTIN_H
#define ZK_STARK_AIR_BUILTIN_H

#include "stark/air.h"

/* Traces longer than this are refused (2^26 rows of even two columns are
 * more than this machine proves in reasonable time). */
#define AIR_MAX_LOG_ROWS 26

zk_err air_fibonacci_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                               size_t npub);
zk_err air_fibsq_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                           size_t npub);
zk_err air_poseidon_chain_statement(stark_air *a, const uint64_t *params, size_t np,
                                    const gl_t *pub, size_t npub);
zk_err air_range_check_statement(stark_air *a, const uint64_t *params, size_t np,
                                 const gl_t *pub, size_t npub);
zk_err air_cnn_conv1_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                               size_t npub);

zk_err air_model_hash_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                                size_t npub);

zk_err air_model_commit_statement(stark_air *a, const uint64_t *params, size_t np,
                                  const gl_t *pub, size_t npub);

/* out = M·in over the extension (Poseidon's MDS matrix, hash/poseidon_gl.h);
 * out must not be in. */
void air_poseidon_mds_ext(gl2_t out[12], const gl2_t in[12]);

zk_err air_cnn_statement(stark_air *a, const uint64_t *params, size_t np, const gl_t *pub,
                         size_t npub);

/* Whether n is a power of two in [4, 2^AIR_MAX_LOG_ROWS]. */
bool air_rows_ok(uint64_t n);

#endif
