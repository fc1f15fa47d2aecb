/* Zero knowledge made visible: real Schnorr transcripts against simulated
 * ones (schnorr.h), compared exactly in a toy group and statistically in a
 * real one.
 *
 * Exactly (schnorr_dist_exact). In a group of small order q every
 * possibility can be listed. A real transcript for a fixed secret x comes
 * from a uniform nonce r and a uniform challenge c: q·q equally likely pairs
 * (r, c), each giving (t, c, s) = (g^r, c, r + c·x). A simulated one comes
 * from uniform (c, s): q·q pairs, each giving (g^s·y^-c, c, s). Counting how
 * often each triple (t, c, s) occurs gives two tables of q^3 cells; honest-
 * verifier zero knowledge says the tables are equal — each of the q^2
 * accepting triples occurs exactly once in both. A lesson can also shrink
 * the nonce range (r_count < q, a biased prover) and watch the tables differ.
 *
 * Statistically (schnorr_dist_sample). In secp256k1 nothing can be listed,
 * so n real and n simulated transcripts are drawn and a few of their bits
 * are binned: the low 4 bits of t's encoding (of x(t) on the curve), of c
 * and of s. Each pair of histograms gets a two-sample chi-squared statistic
 * and p-value (chi2.h); a small p-value (say < 0.001) would mean the
 * simulator is distinguishable. */
#ifndef ZK_SIGMA_SCHNORR_DIST_H
#define ZK_SIGMA_SCHNORR_DIST_H

#include "sigma/chi2.h"
#include "sigma/schnorr.h"

/* Largest q for the exact tables (q^3 cells each). */
#define SCHNORR_DIST_MAX_Q 64

typedef struct schnorr_dist {
    unsigned q;            /* group order */
    unsigned r_count;      /* nonces used for the real side: r in [0, r_count) */
    /* Counts of the triple (t = g^i, c, s) at index (i·q + c)·q + s; t is
     * indexed by its discrete log i so that the table has no holes. */
    uint32_t *real, *sim;
    /* Marginals, q entries each: how often t = g^i, how often s = j. */
    uint32_t *real_t, *sim_t, *real_s, *sim_s;
    uint64_t real_total;   /* r_count · q */
    uint64_t sim_total;    /* q · q */
    uint64_t support;      /* triples with a non-zero count in real or sim */
    bool identical;        /* real and sim agree in every cell */
} schnorr_dist;

/* Fills d for the key x (0 <= x < q) of a toy group (q <= SCHNORR_DIST_MAX_Q,
 * else ZK_EUNSUPPORTED), with real nonces r in [0, r_count) (1 <= r_count
 * <= q; q is the honest prover). Allocates the tables: ZK_ENOMEM; on any
 * error d holds nothing. Clear with schnorr_dist_clear. */
zk_err schnorr_dist_exact(const sg_group *g, schnorr_dist *d, const mpz_t x, unsigned r_count);
void schnorr_dist_clear(schnorr_dist *d);

/* Bins per histogram of schnorr_dist_sample: 4 bits. */
#define SCHNORR_HIST_BINS 16

typedef struct schnorr_hist {
    const char *what;                  /* "t", "c" or "s" */
    uint32_t real[SCHNORR_HIST_BINS];
    uint32_t sim[SCHNORR_HIST_BINS];
    chi2_result chi2;
} schnorr_hist;

typedef struct schnorr_sample {
    uint32_t n;                        /* transcripts of each kind */
    schnorr_hist t, c, s;
} schnorr_sample;

/* Draws n real transcripts (schnorr_prove_round with kp) and n simulated ones
 * (schnorr_simulate with kp->y) and fills the histograms and their tests.
 * 1 <= n <= 2^24 (else ZK_EINVAL). Emits ZK_EV_BEGIN / ZK_EV_PROGRESS
 * (done = transcripts made, total = 2n) / ZK_EV_END under phase
 * "schnorr_sample"; ZK_ECANCELLED if the subscriber stops. A real and a
 * simulated transcript cost three exponentiations together: on secp256k1
 * with the affine GMP code about 3 ms, so n = 1000 takes some 3 seconds —
 * show the progress. The histograms look at distributions only; that every
 * simulated transcript verifies is schnorr_verify's business. */
zk_err schnorr_dist_sample(const sg_group *g, schnorr_sample *out, const schnorr_keypair *kp,
                           uint32_t n, zk_rng *rng, const zk_events *ev);

#endif
