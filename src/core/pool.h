/* A small thread pool for data-parallel loops.
 *
 * The machines zkcave runs on have few cores (two, often), so the pool is one
 * fork-join primitive and nothing more: zk_parallel_for splits [0, n) into
 * chunks that the calling thread and the workers take in turn. The number of
 * threads is the number of online CPUs, or ZKCAVE_THREADS when set.
 *
 * A parallel_for called from inside a worker runs serially in that worker,
 * so layers may nest without deadlock. fn must not emit events (events come
 * from the calling thread only, see core/event.h). */
#ifndef ZK_CORE_POOL_H
#define ZK_CORE_POOL_H

#include "core/err.h"
#include "core/types.h"

/* Processes indices [begin, end). worker is in [0, zk_pool_threads()) and is
 * unique among the threads running at the same time: use it to pick scratch. */
typedef void (*zk_range_fn)(void *ctx, size_t begin, size_t end, unsigned worker);

/* Starts the pool with nthreads threads (0 = default). Called lazily by
 * zk_parallel_for; call it yourself to choose the size or to see errors. */
zk_err zk_pool_init(unsigned nthreads);
/* Threads that take part in a parallel_for, the caller included. */
unsigned zk_pool_threads(void);
/* Runs fn over [0, n) in chunks of at least min_chunk indices. */
void zk_parallel_for(size_t n, size_t min_chunk, zk_range_fn fn, void *ctx);
/* Stops and joins the workers; a later parallel_for starts them again. */
void zk_pool_shutdown(void);

#endif
