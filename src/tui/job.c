/* Actions run on a worker thread so the screen keeps moving: the loop wakes
 * every 100 ms to redraw the progress the action reports through events,
 * and Esc asks it to stop (the event callback then returns false and the
 * engine unwinds with ZK_ECANCELLED). The worker touches only the job. */
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

void tui_job_init(tui_job *job)
{
    memset(job, 0, sizeof *job);
    pthread_mutex_init(&job->lock, NULL);
    atomic_init(&job->finished, false);
    atomic_init(&job->cancel, false);
}

void tui_job_destroy(tui_job *job)
{
    if (job->active) {
        atomic_store(&job->cancel, true);
        if (job->threaded)
            pthread_join(job->thread, NULL);
        job->active = false;
    }
    lesson_result_free(&job->result);
    pthread_mutex_destroy(&job->lock);
}

static bool on_event(void *user, const zk_event *ev)
{
    tui_job *job = user;
    pthread_mutex_lock(&job->lock);
    /* A phase's words come with its BEGIN; progress events keep them
     * unless they bring their own. */
    if (ev->kind == ZK_EV_BEGIN || ev->kind == ZK_EV_PROGRESS) {
        if (ev->detail || ev->kind == ZK_EV_BEGIN) {
            snprintf(job->phase, sizeof job->phase, "%s",
                     ev->detail ? ev->detail : ev->phase ? ev->phase : "");
            /* Machine names ("schnorr_sample") read better with spaces. */
            for (char *c = job->phase; *c; c++)
                if (*c == '_')
                    *c = ' ';
        }
        job->done = ev->done;
        job->total = ev->total;
    }
    pthread_mutex_unlock(&job->lock);
    return !atomic_load(&job->cancel);
}

static void *work(void *arg)
{
    tui_job *job = arg;
    zk_events sink = {on_event, job};
    lesson_params extra = {job->extra, job->nextra};
    if (job->fn)
        job->err = job->fn(job->ctx, &sink);
    else
        job->err = lesson_action_run(&job->result, job->call, &extra, &sink);
    atomic_store(&job->finished, true);
    return NULL;
}

/* Clears the last run and starts the worker (or runs it here). */
static void launch(tui_job *job, bool sync)
{
    job->phase[0] = '\0';
    job->done = job->total = 0;
    job->err = ZK_OK;
    atomic_store(&job->finished, false);
    atomic_store(&job->cancel, false);
    job->active = true;
    job->threaded = !sync && pthread_create(&job->thread, NULL, work, job) == 0;
    if (!job->threaded)
        work(job);   /* headless, or no thread to be had: the screen waits */
}

bool tui_job_start(tui_job *job, int panel, const lesson_call *call, const lesson_param *extra,
                   size_t nextra, bool sync)
{
    if (job->active)
        return false;
    lesson_result_free(&job->result);
    job->panel = panel;
    job->call = call;
    job->fn = NULL;
    job->ctx = NULL;
    job->on_done = NULL;
    /* The worker gets its own copies of the typed values. */
    job->nextra = nextra < 8 ? nextra : 8;
    for (size_t i = 0; i < job->nextra; i++) {
        snprintf(job->extra_vals[i], sizeof job->extra_vals[i], "%s", extra[i].value);
        job->extra[i].key = extra[i].key;
        job->extra[i].value = job->extra_vals[i];
    }
    launch(job, sync);
    return true;
}

bool tui_job_start_fn(tui_job *job, zk_err (*fn)(void *ctx, const zk_events *ev), void *ctx,
                      void (*done)(tui_app *app), bool sync)
{
    if (job->active)
        return false;
    lesson_result_free(&job->result);
    job->panel = -1;
    job->call = NULL;
    job->nextra = 0;
    job->fn = fn;
    job->ctx = ctx;
    job->on_done = done;
    launch(job, sync);
    return true;
}

bool tui_job_collect(tui_job *job)
{
    if (!job->active || !atomic_load(&job->finished))
        return false;
    if (job->threaded)
        pthread_join(job->thread, NULL);
    job->active = false;
    return true;
}

void tui_job_progress(tui_job *job, char *phase, size_t phase_len, uint64_t *done,
                      uint64_t *total)
{
    pthread_mutex_lock(&job->lock);
    snprintf(phase, phase_len, "%s", job->phase);
    *done = job->done;
    *total = job->total;
    pthread_mutex_unlock(&job->lock);
}

void tui_job_cancel(tui_job *job)
{
    atomic_store(&job->cancel, true);
}

void tui_job_wait(tui_job *job)
{
    if (!job->active)
        return;
    if (job->threaded)
        pthread_join(job->thread, NULL);
    job->active = false;
}
