#include "stark/protocol.h"

#include <string.h>

void stark_transcript_start(transcript *t, const stark_air *air, const stark_options *o)
{
    transcript_init(t, STARK_PROTOCOL_LABEL);
    transcript_absorb(t, air->name, strlen(air->name));
    transcript_absorb_u64(t, air->n_params);
    for (size_t i = 0; i < air->n_params; i++)
        transcript_absorb_u64(t, air->params[i]);
    transcript_absorb_u64(t, air->n_pub);
    transcript_absorb_gl(t, air->pub, air->n_pub);
    uint64_t opts[6] = {o->log_blowup, o->queries, o->grinding, o->log_folding,
                        o->fri_remainder, o->zk};
    for (size_t i = 0; i < 6; i++)
        transcript_absorb_u64(t, opts[i]);
}

gl2_t stark_draw_ood(transcript *t)
{
    for (;;) {
        gl2_t z = transcript_draw_gl2(t);
        if (z.c[1] != 0)
            return z;
    }
}

size_t stark_draw_queries(transcript *t, const stark_layout *l, unsigned q, size_t *pos)
{
    for (unsigned k = 0; k < q; k++)
        pos[k] = (size_t)transcript_draw_bits(t, l->log_lde);
    return stark_sort_unique(pos, q);
}

void stark_fri_config(fri_config *cfg, const stark_layout *l, const stark_options *o)
{
    cfg->log_n = l->log_lde;
    cfg->log_fold = o->log_folding;
    cfg->layers = l->fri_layers;
    cfg->rem_len = l->fri_rem;
    cfg->shift = l->shift;
    cfg->salt_len = l->salt_len;
}

gl2_t stark_eval_base_poly(const gl_t *p, size_t len, gl2_t z)
{
    gl2_t acc = gl2_from_base(0);
    for (size_t i = len; i-- > 0;) {
        acc = gl2_mul(acc, z);
        acc.c[0] = gl_add(acc.c[0], p[i]);
    }
    return acc;
}
