/* Verification of a powers-of-tau file, as `snarkjs powersoftau verify`
 * does it (snark/ptau.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/pool.h"
#include "curve/msm.h"
#include "curve/pairing.h"
#include "snark/points_io.h"
#include "snark/ptau_internal.h"
#include "snark/snarkjs_rng.h"

/* misc.js sameRatio: e(a, d) = e(b, c), i.e. b/a = d/c "in the exponent";
 * false for any point at infinity. */
bool ptau_same_ratio(const g1_aff *a, const g1_aff *b, const g2_aff *c, const g2_aff *d)
{
    if (a->inf || b->inf || c->inf || d->inf)
        return false;
    bn254_g1_aff P[2] = {*a, *b};
    bn254_g2_aff Q[2] = {*d, *c};
    g1_aff_neg(&P[1], b);
    bool ok = false;
    return bn254_pairing_check(P, Q, 2, &ok) == ZK_OK && ok;
}

/* code, with the formatted reason in why (if not NULL). */
static zk_err fail_with(zk_err code, char why[160], const char *fmt, va_list ap)
{
    if (why)
        vsnprintf(why, 160, fmt, ap);
    return code;
}

zk_err ptau_fail(char why[160], const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    zk_err err = fail_with(ZK_EVERIFY, why, fmt, ap);
    va_end(ap);
    return err;
}

/* A G2 point outside the subgroup: the file is malformed (what a decoder
 * that checks subgroups would say), not a contribution that fails. */
static zk_err outside_g2(char why[160], const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    zk_err err = fail_with(ZK_ENOTINSUBGROUP, why, fmt, ap);
    va_end(ap);
    return err;
}

/* The fields verifyContribution reads of a contribution or of the start. */
typedef struct link {
    g1_aff tau_g1, alpha_g1, beta_g1;
    g2_aff tau_g2, beta_g2;
    uint8_t next_challenge[64];
} link;

static void link_of(link *l, const ptau_contribution *c)
{
    l->tau_g1 = c->tau_g1;
    l->tau_g2 = c->tau_g2;
    l->alpha_g1 = c->alpha_g1;
    l->beta_g1 = c->beta_g1;
    l->beta_g2 = c->beta_g2;
    memcpy(l->next_challenge, c->next_challenge, 64);
}

/* powersoftau_verify.js verifyContribution. */
static zk_err check_contribution(const ptau_contribution *cur, const link *prev, int id,
                                 char why[160])
{
    static const char *names[3] = {"tau", "alpha", "beta"};
    if (cur->type == 1) {
        fr_t s[3];
        ptau_pubkey key[3];
        zk_err err = ptau_beacon_key(s, key, prev->next_challenge, cur->beacon, cur->beacon_len,
                                     cur->beacon_exp, NULL);
        if (err == ZK_EINVAL)
            return ptau_fail(why, "contribution #%d: bad beacon parameters", id);
        if (err)
            return err;
        for (int k = 0; k < 3; k++)
            if (!g1_aff_eq(&key[k].g1_s, &cur->key[k].g1_s) ||
                !g1_aff_eq(&key[k].g1_sx, &cur->key[k].g1_sx) ||
                !g2_aff_eq(&key[k].g2_spx, &cur->key[k].g2_spx))
                return ptau_fail(why, "contribution #%d: the beacon's key is not derived from it", id);
    }
    g2_aff sp[3];
    for (int k = 0; k < 3; k++) {
        if (!g2_is_in_subgroup_var(&cur->key[k].g2_spx))
            return outside_g2(why, "contribution #%d: a key point is outside G2", id);
        snarkjs_g2_sp(&sp[k], (uint8_t)k, prev->next_challenge, &cur->key[k].g1_s,
                      &cur->key[k].g1_sx);
        if (!ptau_same_ratio(&cur->key[k].g1_s, &cur->key[k].g1_sx, &sp[k], &cur->key[k].g2_spx)) {
            if (why)
                snprintf(why, 160, "contribution #%d: invalid proof of knowledge of %s", id,
                         names[k]);
            return ZK_EVERIFY;
        }
    }
    if (!g2_is_in_subgroup_var(&cur->tau_g2) || !g2_is_in_subgroup_var(&cur->beta_g2))
        return outside_g2(why, "contribution #%d: a G2 point is outside the subgroup", id);
    if (!ptau_same_ratio(&prev->tau_g1, &cur->tau_g1, &sp[0], &cur->key[0].g2_spx))
        return ptau_fail(why, "contribution #%d: tau*G1 does not follow the previous contribution", id);
    if (!ptau_same_ratio(&cur->key[0].g1_s, &cur->key[0].g1_sx, &prev->tau_g2, &cur->tau_g2))
        return ptau_fail(why, "contribution #%d: tau*G2 does not follow the previous contribution", id);
    if (!ptau_same_ratio(&prev->alpha_g1, &cur->alpha_g1, &sp[1], &cur->key[1].g2_spx))
        return ptau_fail(why, "contribution #%d: alpha*G1 does not follow the previous contribution", id);
    if (!ptau_same_ratio(&prev->beta_g1, &cur->beta_g1, &sp[2], &cur->key[2].g2_spx))
        return ptau_fail(why, "contribution #%d: beta*G1 does not follow the previous contribution", id);
    if (!ptau_same_ratio(&cur->key[2].g1_s, &cur->key[2].g1_sx, &prev->beta_g2, &cur->beta_g2))
        return ptau_fail(why, "contribution #%d: beta*G2 does not follow the previous contribution", id);
    return ZK_OK;
}

/* R1 = Σ r_i·P_i and R2 = Σ r_i·P_(i+1) over i < n − 1, for random r_i:
 * if R2/R1 has the ratio τ in the exponent, so has every consecutive pair
 * except with negligible probability. */
static zk_err shifted_sums(void *r1, void *r2, const void *pts, size_t n, bool g2)
{
    if (n < 2)
        return ZK_EINVAL;
    fr_t *r = zk_alloc(n - 1, sizeof *r);
    if (!r)
        return ZK_ENOMEM;
    for (size_t i = 0; i < n - 1; i++)
        fr_random(&r[i], NULL);
    zk_err err;
    g1_jac a1, b1;
    g2_jac a2, b2;
    if (g2) {
        const g2_aff *p = pts;
        if (!(err = g2_msm_var(&a2, p, r, n - 1, NULL)) && !(err = g2_msm_var(&b2, p + 1, r, n - 1, NULL))) {
            g2_to_aff_var(r1, &a2);
            g2_to_aff_var(r2, &b2);
        }
    } else {
        const g1_aff *p = pts;
        if (!(err = g1_msm_var(&a1, p, r, n - 1, NULL)) && !(err = g1_msm_var(&b1, p + 1, r, n - 1, NULL))) {
            g1_to_aff_var(r1, &a1);
            g1_to_aff_var(r2, &b1);
        }
    }
    zk_free(r);
    return err;
}

typedef struct sub_job {
    const g2_aff *p;
    bool bad[64];
} sub_job;

static void subgroup_range(void *ctx, size_t begin, size_t end, unsigned worker)
{
    sub_job *j = ctx;
    for (size_t i = begin; i < end; i++)
        if (!g2_is_in_subgroup_var(&j->p[i]))
            j->bad[worker % 64] = true;
}

static bool all_in_g2(const g2_aff *p, size_t n)
{
    sub_job j = {p, {false}};
    zk_parallel_for(n, 16, subgroup_range, &j);
    for (int w = 0; w < 64; w++)
        if (j.bad[w])
            return false;
    return true;
}

zk_err ptau_check_g2(const ptau *t)
{
    size_t n = (size_t)1 << t->power;
    return all_in_g2(t->tau_g2, n) && all_in_g2(&t->beta_g2, 1) ? ZK_OK : ZK_ENOTINSUBGROUP;
}

zk_err ptau_verify(const ptau *t, char why[160], const zk_events *ev)
{
    if (why)
        why[0] = 0;
    if (t->n_c == 0)
        return ptau_fail(why, "the file has no contribution: it cannot be used in production");
    link start;
    start.tau_g1 = start.alpha_g1 = start.beta_g1 = g1_generator;
    start.tau_g2 = start.beta_g2 = g2_generator;
    ptau tmp = *t;
    tmp.n_c = 0;
    tmp.power = tmp.ceremony_power;
    ptau_last_challenge(start.next_challenge, &tmp);
    size_t steps = t->n_c + 6;
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, "verify", 0, steps, NULL);
    for (size_t i = t->n_c; !err && i-- > 0;) {
        link prev;
        if (i > 0)
            link_of(&prev, &t->c[i - 1]);
        else
            prev = start;
        if ((err = check_contribution(&t->c[i], &prev, (int)i + 1, why)))
            return err;
        err = zk_emit(ev, ZK_EV_PROGRESS, "verify", t->n_c - i, steps, NULL);
    }
    if (err)
        return err;

    const ptau_contribution *cur = &t->c[t->n_c - 1];
    size_t n = (size_t)1 << t->power;
    g1_aff r1, r2;
    g2_aff s1, s2;
    if ((err = shifted_sums(&r1, &r2, t->tau_g1, 2 * n - 1, false)))
        return err;
    if (!ptau_same_ratio(&r1, &r2, &g2_generator, &cur->tau_g2))
        return ptau_fail(why, "tauG1 section: the points are not powers of tau");
    if (!g1_aff_eq(&t->tau_g1[0], &g1_generator))
        return ptau_fail(why, "the first point of tau*G1 must be the generator");
    if (!g1_aff_eq(&t->tau_g1[1], &cur->tau_g1))
        return ptau_fail(why, "tau*G1 does not match the last contribution");
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "verify", t->n_c + 1, steps, NULL)))
        return err;

    if (!all_in_g2(t->tau_g2, n) || !all_in_g2(&t->beta_g2, 1))
        return outside_g2(why, "a point of the G2 sections is outside the subgroup");
    if (n >= 2) {
        if ((err = shifted_sums(&s1, &s2, t->tau_g2, n, true)))
            return err;
        if (!ptau_same_ratio(&g1_generator, &cur->tau_g1, &s1, &s2))
            return ptau_fail(why, "tauG2 section: the points are not powers of tau");
    }
    if (!g2_aff_eq(&t->tau_g2[0], &g2_generator))
        return ptau_fail(why, "the first point of tau*G2 must be the generator");
    if (!g2_aff_eq(&t->tau_g2[1], &cur->tau_g2))
        return ptau_fail(why, "tau*G2 does not match the last contribution");
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "verify", t->n_c + 3, steps, NULL)))
        return err;

    const g1_aff *series[2] = {t->alpha_g1, t->beta_g1};
    const g1_aff *first[2] = {&cur->alpha_g1, &cur->beta_g1};
    static const char *sname[2] = {"alpha", "beta"};
    for (int k = 0; k < 2; k++) {
        if (n >= 2) {
            if ((err = shifted_sums(&r1, &r2, series[k], n, false)))
                return err;
            if (!ptau_same_ratio(&r1, &r2, &g2_generator, &cur->tau_g2)) {
                if (why)
                    snprintf(why, 160, "%sTauG1 section: the points are not powers of tau", sname[k]);
                return ZK_EVERIFY;
            }
        }
        if (!g1_aff_eq(&series[k][0], first[k])) {
            if (why)
                snprintf(why, 160, "%s*G1 does not match the last contribution", sname[k]);
            return ZK_EVERIFY;
        }
    }
    if (!g2_aff_eq(&t->beta_g2, &cur->beta_g2))
        return ptau_fail(why, "beta*G2 does not match the last contribution");
    if ((err = zk_emit(ev, ZK_EV_PROGRESS, "verify", t->n_c + 5, steps, NULL)))
        return err;

    if (t->power == t->ceremony_power) {
        uint8_t resp[64], next[64];
        ptau_response_hash(resp, cur);
        blake2b_state h;
        blake2b_init(&h);
        blake2b_update(&h, resp, 64);
        ptau_hash_points(&h, t);
        blake2b_final(&h, next);
        if (memcmp(next, cur->next_challenge, 64) != 0)
            return ptau_fail(why, "the points do not hash to the last contribution's next "
                             "challenge");
    }
    /* Every check passed, so the values follow the records: what is left
     * is a ceremony of beacons alone, which snarkjs accepts. */
    const char *none = ptau_no_secret(t);
    if (none)
        return ptau_fail(why, "%s: it cannot be used in production", none);
    return zk_emit(ev, ZK_EV_END, "verify", steps, steps, NULL);
}

/* The prepared sections, block by block, against the powers. */
static zk_err check_prepared(const zk_binfile *b, const ptau *t, char why[160])
{
    ptau_prepared_section sec[4];
    ptau_prepared_sections(sec, t);
    zk_err err = ZK_OK;
    for (int s = 0; !err && s < 4; s++) {
        const zk_binfile_section *bs;
        if ((err = zk_binfile_section_get(b, sec[s].type, &bs)))
            return err;
        size_t sz = sec[s].g2 ? 128 : 64;
        if (bs->size != (((uint64_t)2 << sec[s].top) - 1) * sz)
            return ZK_EFORMAT;
        void *buf = zk_alloc((size_t)1 << sec[s].top, sec[s].g2 ? sizeof(g2_aff) : sizeof(g1_aff));
        if (!buf)
            return ZK_ENOMEM;
        for (unsigned k = 0; !err && k <= sec[s].top; k++) {
            size_t m = (size_t)1 << k, have = sec[s].have < m ? sec[s].have : m;
            bool ok = false;
            if (sec[s].g2) {
                if (!(err = snark_read_g2s(buf, b, bs, m - 1, m, true)))
                    err = ptau_check_lagrange_g2(&ok, buf, sec[s].series, have, k);
            } else {
                if (!(err = snark_read_g1s(buf, b, bs, m - 1, m)))
                    err = ptau_check_lagrange_g1(&ok, buf, sec[s].series, have, k);
            }
            if (!err && !ok) {
                if (why)
                    snprintf(why, 160, "prepared section %u, block 2^%u: not the Lagrange form "
                             "of the powers", (unsigned)sec[s].type, k);
                err = ZK_EVERIFY;
            }
        }
        zk_free(buf);
    }
    return err;
}

zk_err ptau_verify_file(const char *path, char why[160], const zk_events *ev)
{
    if (why)
        why[0] = 0;
    ptau t;
    zk_err err = ptau_read(&t, path);
    if (err)
        return err;
    err = ptau_verify(&t, why, ev);
    if (!err) {
        zk_binfile b;
        if (!(err = zk_binfile_open(&b, path, "ptau", 1))) {
            int present = 0;
            for (uint32_t s = PTAU_SEC_LAGRANGE_TAU_G1; s <= PTAU_SEC_LAGRANGE_BETA_G1; s++)
                present += zk_binfile_has(&b, s);
            if (present == 4)
                err = check_prepared(&b, &t, why);
            else if (present)
                err = ZK_EFORMAT;
            zk_binfile_close(&b);
        }
    }
    ptau_free(&t);
    return err;
}
