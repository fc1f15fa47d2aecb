/* Progress and trace events.
 *
 * Engine code never draws. A long computation (an MSM, an NTT, a FRI fold)
 * reports what it is doing through a zk_events sink; the TUI turns the events
 * into a progress bar, the CLI into a line on stderr, the tests into asserts.
 * A subscriber may ask the computation to stop by returning false; the engine
 * then unwinds and returns ZK_ECANCELLED without leaving half-written files.
 *
 * Events are emitted from the thread that called the engine, never from pool
 * workers, so a subscriber needs no locking. */
#ifndef ZK_CORE_EVENT_H
#define ZK_CORE_EVENT_H

#include "core/err.h"
#include "core/types.h"

typedef enum zk_event_kind {
    ZK_EV_BEGIN,     /* a named phase starts; total = its amount of work, 0 if unknown */
    ZK_EV_PROGRESS,  /* done out of total units of the current phase */
    ZK_EV_END,       /* the phase finished */
    ZK_EV_NOTE,      /* a line of commentary for lessons and verbose CLI output */
} zk_event_kind;

typedef struct zk_event {
    zk_event_kind kind;
    const char *phase;   /* stable machine name: "msm_g1", "ntt", "fri_fold" */
    const char *detail;  /* optional human text, may be NULL */
    uint64_t done;
    uint64_t total;
    const void *data;    /* optional layer-specific payload, documented where emitted */
} zk_event;

/* Return true to go on, false to cancel the computation. */
typedef bool (*zk_event_fn)(void *user, const zk_event *ev);

typedef struct zk_events {
    zk_event_fn fn;
    void *user;
} zk_events;

/* Sends one event to sink (NULL or a sink without fn ignores it).
 * Returns ZK_ECANCELLED when the subscriber asked to stop, ZK_OK otherwise. */
zk_err zk_emit(const zk_events *sink, zk_event_kind kind, const char *phase,
               uint64_t done, uint64_t total, const char *detail);

/* As zk_emit, with a payload for subscribers that know the phase. */
zk_err zk_emit_data(const zk_events *sink, const zk_event *ev);

#endif
