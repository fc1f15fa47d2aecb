#include "sigma/schnorr_dist.h"

#include <string.h>

#include "core/alloc.h"

void schnorr_dist_clear(schnorr_dist *d)
{
    zk_free(d->real);
    zk_free(d->sim);
    zk_free(d->real_t);
    d->real = d->sim = d->real_t = d->sim_t = d->real_s = d->sim_s = NULL;
}

/* Index of t by its discrete log: the table of g^0 .. g^(q-1) is built once,
 * then looked up by value (q is at most 64, so a linear scan is fine). */
static unsigned log_index(mpz_t *powers, unsigned q, const mpz_t v)
{
    for (unsigned i = 0; i < q; i++)
        if (mpz_cmp(powers[i], v) == 0)
            return i;
    return q;   /* not a power of g: cannot happen for members */
}

zk_err schnorr_dist_exact(const sg_group *g, schnorr_dist *d, const mpz_t x, unsigned r_count)
{
    memset(d, 0, sizeof *d);
    if (g->kind != SG_ZP || mpz_cmp_ui(SG_ORDER(g), SCHNORR_DIST_MAX_Q) > 0)
        return ZK_EUNSUPPORTED;
    unsigned q = (unsigned)mpz_get_ui(SG_ORDER(g));
    if (r_count < 1 || r_count > q || mpz_sgn(x) < 0 || mpz_cmp_ui(x, q) >= 0)
        return ZK_EINVAL;
    size_t cells = (size_t)q * q * q;
    d->real = zk_calloc(cells, sizeof *d->real);
    d->sim = zk_calloc(cells, sizeof *d->sim);
    d->real_t = zk_calloc(4 * (size_t)q, sizeof *d->real_t);   /* the four marginals */
    if (!d->real || !d->sim || !d->real_t) {
        schnorr_dist_clear(d);
        return ZK_ENOMEM;
    }
    d->sim_t = d->real_t + q;
    d->real_s = d->real_t + 2 * q;
    d->sim_s = d->real_t + 3 * q;
    d->q = q;
    d->r_count = r_count;

    mpz_t powers[SCHNORR_DIST_MAX_Q], k, c, s;
    mpz_inits(k, c, s, NULL);
    sg_elt gen;
    sg_elt_init(&gen);
    sg_set_generator(g, &gen);
    for (unsigned i = 0; i < q; i++) {
        mpz_init(powers[i]);
        mpz_set_ui(k, i);
        mpz_powm(powers[i], gen.v, k, g->zp.p);
    }
    schnorr_keypair kp;
    schnorr_keypair_init(&kp);
    schnorr_keypair_set(g, &kp, x);
    schnorr_prover pr;
    schnorr_prover_init(&pr);
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);

    /* The real prover: every nonce r and every challenge c, once each. */
    for (unsigned r = 0; r < r_count; r++) {
        mpz_set_ui(k, r);
        schnorr_commit_with(g, &pr, k);
        unsigned ti = log_index(powers, q, pr.t.v);
        for (unsigned ci = 0; ci < q; ci++) {
            mpz_set_ui(c, ci);
            schnorr_respond(g, s, &pr, &kp, c);
            unsigned si = (unsigned)mpz_get_ui(s);
            d->real[((size_t)ti * q + ci) * q + si]++;
            d->real_t[ti]++;
            d->real_s[si]++;
        }
    }
    /* The simulator: every challenge c and every response s, once each. */
    for (unsigned ci = 0; ci < q; ci++) {
        for (unsigned si = 0; si < q; si++) {
            mpz_set_ui(c, ci);
            mpz_set_ui(s, si);
            schnorr_simulate_with(g, &tr, &kp.y, c, s);
            unsigned ti = log_index(powers, q, tr.t.v);
            d->sim[((size_t)ti * q + ci) * q + si]++;
            d->sim_t[ti]++;
            d->sim_s[si]++;
        }
    }
    d->real_total = (uint64_t)r_count * q;
    d->sim_total = (uint64_t)q * q;
    d->identical = true;
    for (size_t i = 0; i < cells; i++) {
        d->support += d->real[i] || d->sim[i];
        d->identical &= d->real[i] == d->sim[i];
    }

    for (unsigned i = 0; i < q; i++)
        mpz_clear(powers[i]);
    mpz_clears(k, c, s, NULL);
    sg_elt_clear(&gen);
    schnorr_keypair_clear(&kp);
    schnorr_prover_clear(&pr);
    schnorr_transcript_clear(&tr);
    return ZK_OK;
}

/* The low 4 bits of the last byte of t's encoding: of the residue in Z_p^*,
 * of x(t) on the curve (the prefix byte comes first). */
static unsigned t_bin(const sg_group *g, const sg_elt *t)
{
    uint8_t enc[SG_ENC_MAX];
    sg_encode(g, enc, t);
    return enc[g->elt_bytes - 1] & (SCHNORR_HIST_BINS - 1);
}

static unsigned scalar_bin(const mpz_t a)
{
    return (unsigned)(mpz_fdiv_ui(a, SCHNORR_HIST_BINS));
}

static void bin(const sg_group *g, schnorr_sample *out, const schnorr_transcript *tr, bool real)
{
    (real ? out->t.real : out->t.sim)[t_bin(g, &tr->t)]++;
    (real ? out->c.real : out->c.sim)[scalar_bin(tr->c)]++;
    (real ? out->s.real : out->s.sim)[scalar_bin(tr->s)]++;
}

zk_err schnorr_dist_sample(const sg_group *g, schnorr_sample *out, const schnorr_keypair *kp,
                           uint32_t n, zk_rng *rng, const zk_events *ev)
{
    memset(out, 0, sizeof *out);
    if (n < 1 || n > (1u << 24))
        return ZK_EINVAL;
    out->n = n;
    out->t.what = "t";
    out->c.what = "c";
    out->s.what = "s";
    const char *phase = "schnorr_sample";
    zk_err err = zk_emit(ev, ZK_EV_BEGIN, phase, 0, 2 * (uint64_t)n, NULL);
    schnorr_transcript tr;
    schnorr_transcript_init(&tr);
    /* Real and simulated transcripts alternate so that a cancelled run still
     * leaves comparable halves. */
    for (uint32_t i = 0; i < n && !err; i++) {
        schnorr_prove_round(g, &tr, kp, rng);
        bin(g, out, &tr, true);
        schnorr_simulate(g, &tr, &kp->y, rng);
        bin(g, out, &tr, false);
        if ((i + 1) % 64 == 0 || i + 1 == n)
            err = zk_emit(ev, ZK_EV_PROGRESS, phase, 2 * (uint64_t)(i + 1), 2 * (uint64_t)n, NULL);
    }
    schnorr_transcript_clear(&tr);
    if (err)
        return err;
    schnorr_hist *h[3] = {&out->t, &out->c, &out->s};
    for (int i = 0; i < 3; i++)
        h[i]->chi2 = chi2_two_sample(h[i]->real, h[i]->sim, SCHNORR_HIST_BINS);
    return zk_emit(ev, ZK_EV_END, phase, 2 * (uint64_t)n, 2 * (uint64_t)n, NULL);
}
