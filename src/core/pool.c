#include "core/pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/alloc.h"

#define POOL_MAX_THREADS 256

/* One job at a time: submitters serialise on submit_lock. A job is published
 * by bumping generation under lock; each worker remembers the last generation
 * it ran, so a spurious wake-up never runs a job twice. */
typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t done;
    pthread_mutex_t submit_lock;
    pthread_t *threads;
    unsigned nworkers;        /* threads besides the caller */
    uint64_t generation;
    bool stopping;
    unsigned running;         /* workers still inside the current job */

    zk_range_fn fn;
    void *ctx;
    size_t n, chunk;
    atomic_size_t next;
} pool;

static pool g_pool = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .wake = PTHREAD_COND_INITIALIZER,
    .done = PTHREAD_COND_INITIALIZER,
    .submit_lock = PTHREAD_MUTEX_INITIALIZER,
};
static atomic_bool g_started;
static pthread_mutex_t g_init_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local bool t_in_worker;

static void run_chunks(pool *p, unsigned worker)
{
    for (;;) {
        size_t begin = atomic_fetch_add(&p->next, p->chunk);
        if (begin >= p->n)
            break;
        size_t end = begin + p->chunk < p->n ? begin + p->chunk : p->n;
        p->fn(p->ctx, begin, end, worker);
    }
}

typedef struct worker_arg {
    unsigned index;
} worker_arg;

static void *worker_main(void *arg)
{
    unsigned index = ((worker_arg *)arg)->index;
    free(arg);
    t_in_worker = true;
    pool *p = &g_pool;
    uint64_t seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stopping && p->generation == seen)
            pthread_cond_wait(&p->wake, &p->lock);
        if (p->stopping)
            break;
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        run_chunks(p, index);
        pthread_mutex_lock(&p->lock);
        if (--p->running == 0)
            pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static unsigned default_threads(void)
{
    const char *env = getenv("ZKCAVE_THREADS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= POOL_MAX_THREADS)
            return (unsigned)v;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > POOL_MAX_THREADS)
        n = POOL_MAX_THREADS;
    return (unsigned)n;
}

zk_err zk_pool_init(unsigned nthreads)
{
    zk_err err = ZK_OK;
    pthread_mutex_lock(&g_init_lock);
    if (g_started)
        goto out;
    if (nthreads == 0)
        nthreads = default_threads();
    if (nthreads > POOL_MAX_THREADS)
        nthreads = POOL_MAX_THREADS;
    pool *p = &g_pool;
    p->stopping = false;
    p->nworkers = 0;
    p->threads = zk_calloc(nthreads, sizeof *p->threads);
    if (!p->threads) {
        err = ZK_ENOMEM;
        goto out;
    }
    for (unsigned i = 1; i < nthreads; i++) {
        worker_arg *a = malloc(sizeof *a);
        if (!a) {
            err = ZK_ENOMEM;
            break;
        }
        a->index = i;
        if (pthread_create(&p->threads[p->nworkers], NULL, worker_main, a) != 0) {
            free(a);
            err = ZK_ETHREAD;
            break;
        }
        p->nworkers++;
    }
    /* Fewer workers than asked still gives a working (smaller) pool. */
    g_started = true;
out:
    pthread_mutex_unlock(&g_init_lock);
    return err;
}

unsigned zk_pool_threads(void)
{
    if (!g_started)
        zk_pool_init(0);
    return g_pool.nworkers + 1;
}

void zk_parallel_for(size_t n, size_t min_chunk, zk_range_fn fn, void *ctx)
{
    if (n == 0)
        return;
    if (min_chunk == 0)
        min_chunk = 1;
    unsigned threads = zk_pool_threads();
    if (t_in_worker || threads == 1 || n <= min_chunk) {
        fn(ctx, 0, n, 0);
        return;
    }
    pool *p = &g_pool;
    pthread_mutex_lock(&p->submit_lock);
    /* Four chunks per thread balances uneven chunks without much overhead. */
    size_t chunk = (n + 4 * (size_t)threads - 1) / (4 * (size_t)threads);
    if (chunk < min_chunk)
        chunk = min_chunk;

    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->ctx = ctx;
    p->n = n;
    p->chunk = chunk;
    atomic_store(&p->next, 0);
    p->running = p->nworkers;
    p->generation++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);

    /* The caller works too, as worker 0, and marks itself so that a nested
     * parallel_for inside fn runs serially instead of waiting on itself. */
    t_in_worker = true;
    run_chunks(p, 0);
    t_in_worker = false;

    pthread_mutex_lock(&p->lock);
    while (p->running > 0)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
    pthread_mutex_unlock(&p->submit_lock);
}

void zk_pool_shutdown(void)
{
    pthread_mutex_lock(&g_init_lock);
    if (!g_started) {
        pthread_mutex_unlock(&g_init_lock);
        return;
    }
    pool *p = &g_pool;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->nworkers; i++)
        pthread_join(p->threads[i], NULL);
    zk_free(p->threads);
    p->threads = NULL;
    p->nworkers = 0;
    p->generation = 0;
    g_started = false;
    pthread_mutex_unlock(&g_init_lock);
}
