/* Phase-2 preparation of a .ptau: every series in the Lagrange basis of
 * every domain size (snarkjs powersoftau_preparephase2.js), and the check
 * of those sections. */
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/glv.h"
#include "curve/msm.h"
#include "snark/points_io.h"
#include "snark/ptau_internal.h"

#define TPL_TEMPLATE "snark/group_ntt_impl.h"
#include "snark/group_template.h"

/* One block by the group NTT: the first 2^k points of a series (for τ in
 * G1 at k = p + 1, the 2^k − 1 that exist and infinity), in the Lagrange
 * basis. */
static zk_err ntt_block(void *ctx, void *p, const ptau_prepared_section *sec, unsigned k)
{
    (void)ctx;
    size_t n = (size_t)1 << k, sz = sec->g2 ? sizeof(g2_aff) : sizeof(g1_aff);
    size_t take = sec->have < n ? sec->have : n;
    memcpy(p, sec->series, take * sz);
    for (size_t i = take; i < n; i++) {
        if (sec->g2)
            g2_aff_set_inf((g2_aff *)p + i);
        else
            g1_aff_set_inf((g1_aff *)p + i);
    }
    return sec->g2 ? g2_lagrange_var(p, k) : g1_lagrange_var(p, k);
}

void ptau_prepared_sections(ptau_prepared_section sec[4], const ptau *t)
{
    unsigned p = t->power;
    size_t n = (size_t)1 << p;
    ptau_prepared_section s[4] = {
        {PTAU_SEC_LAGRANGE_TAU_G1, t->tau_g1, 2 * n - 1, false, p + 1},
        {PTAU_SEC_LAGRANGE_TAU_G2, t->tau_g2, n, true, p},
        {PTAU_SEC_LAGRANGE_ALPHA_G1, t->alpha_g1, n, false, p},
        {PTAU_SEC_LAGRANGE_BETA_G1, t->beta_g1, n, false, p},
    };
    memcpy(sec, s, sizeof s);
}

zk_err ptau_write_blocks(zk_binwriter *w, const ptau *t, ptau_block_fn fill, void *ctx,
                         const zk_events *ev)
{
    ptau_prepared_section sec[4];
    ptau_prepared_sections(sec, t);
    /* Progress in points written: 2^(p+2) − 1 for τ in G1, 2^(p+1) − 1 each
     * for the others. */
    uint64_t n = (uint64_t)1 << t->power;
    uint64_t total = (4 * n - 1) + 3 * (2 * n - 1), done = 0;
    /* The biggest block: τ in G1's top one, 2^(p+1) points, which holds
     * τ in G2's 2^p as well. */
    _Static_assert(2 * sizeof(g1_aff) >= sizeof(g2_aff), "a G1 block holds half as many G2 points");
    void *p = zk_alloc((size_t)1 << (t->power + 1), sizeof(g1_aff));
    if (!p)
        return ZK_ENOMEM;
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "prepare", 0, total, NULL);
    for (int s = 0; !err && s < 4; s++) {
        zk_binwriter_begin(w, sec[s].type);
        for (unsigned k = 0; !err && k <= sec[s].top; k++) {
            size_t m = (size_t)1 << k;
            if (!(err = fill(ctx, p, &sec[s], k))) {
                if (sec[s].g2)
                    snark_write_g2s(w, p, m);
                else
                    snark_write_g1s(w, p, m);
            }
            done += m;
            if (!err)
                err = zk_emit(ev, ZK_EV_PROGRESS, "prepare", done, total, NULL);
        }
        zk_binwriter_end(w);
    }
    zk_free(p);
    if (!err)
        err = w->err;
    if (!err)
        err = zk_emit(ev, ZK_EV_END, "prepare", total, total, NULL);
    return err;
}

zk_err ptau_write_lagrange(zk_binwriter *w, const ptau *t, const zk_events *ev)
{
    zk_err err = ptau_check_g2(t);
    return err ? err : ptau_write_blocks(w, t, ntt_block, NULL, ev);
}
