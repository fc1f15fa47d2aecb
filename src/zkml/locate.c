/* Names of rows and operations, and where a constraint comes from. */
#include <stdio.h>

#include "zkml/builder.h"

static const char *const row_names[ZKML_ROWS] = {"input", "conv1", "conv2", "fc1",
                                                 "fc2",   "output", "model"};
static const char *const op_names[ZKML_OPS] = {
    "MAC",           "max-pool", "rescale",  "ReLU",   "weight range checks",
    "pixel packing", "quantize", "Poseidon", "argmax", "logit packing", "x²"};

const char *zkml_row_name(zkml_row r)
{
    return (unsigned)r < ZKML_ROWS ? row_names[r] : "?";
}

const char *zkml_op_name(zkml_op o)
{
    return (unsigned)o < ZKML_OPS ? op_names[o] : "?";
}

zk_err zkml_locate(zkml_where *out, const zkml_circuit *c, size_t i)
{
    if (i >= c->cs.n_rows || c->n_seg == 0)
        return ZK_EINVAL;
    /* the last segment starting at or before i */
    size_t lo = 0, hi = c->n_seg;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->seg[mid].first <= i)
            lo = mid;
        else
            hi = mid;
    }
    const zkml_segment *s = &c->seg[lo];
    *out = (zkml_where){(zkml_row)s->row, (zkml_op)s->op, s->index, s->gadget};
    return ZK_OK;
}

zk_err zkml_constraints_of(size_t *first, size_t *count, const zkml_circuit *c, zkml_row row,
                           zkml_op op, uint64_t index)
{
    for (size_t k = 0; k < c->n_seg; k++) {
        const zkml_segment *s = &c->seg[k];
        if (s->row != row || s->op != op || s->index != index)
            continue;
        *first = (size_t)s->first;
        *count = (size_t)((k + 1 < c->n_seg ? c->seg[k + 1].first : c->cs.n_rows) - s->first);
        return ZK_OK;
    }
    return ZK_EINVAL;
}

void zkml_where_str(char *buf, size_t len, const zkml_where *w)
{
    snprintf(buf, len, "%s %s #%llu (%s)", zkml_row_name(w->row), zkml_op_name(w->op),
             (unsigned long long)w->index, w->gadget ? w->gadget : "?");
}
