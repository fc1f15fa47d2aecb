#include "core/event.h"

zk_err zk_emit_data(const zk_events *sink, const zk_event *ev)
{
    if (!sink || !sink->fn)
        return ZK_OK;
    return sink->fn(sink->user, ev) ? ZK_OK : ZK_ECANCELLED;
}

zk_err zk_emit(const zk_events *sink, zk_event_kind kind, const char *phase,
               uint64_t done, uint64_t total, const char *detail)
{
    zk_event ev = {
        .kind = kind, .phase = phase, .detail = detail,
        .done = done, .total = total, .data = NULL,
    };
    return zk_emit_data(sink, &ev);
}
