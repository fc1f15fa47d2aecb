/* Keys that anyone can forge proofs for, and keys with points at infinity
 * (snark/groth16.h). */
#include <stdio.h>

#include "core/alloc.h"
#include "snark/groth16.h"

groth16_weakness groth16_weakness_of(bool alpha_is_g1, bool beta_is_g2, bool beta_is_gamma,
                                     bool delta_is_gamma)
{
    /* The powers-of-tau case first: contributing to δ alone does not mend
     * it, and it is what a user who skipped `ptau contribute` must hear. */
    if (alpha_is_g1 && beta_is_g2)
        return GROTH16_NO_PTAU_SECRET;
    if (beta_is_gamma)
        return GROTH16_BETA_IS_GAMMA;
    if (delta_is_gamma)
        return GROTH16_DELTA_IS_GAMMA;
    return GROTH16_SOUND;
}

/* Multiples 1·p .. GROTH16_SMALL_MULTIPLE·p of each point compared, in
 * affine form, by x alone: two points of G1 (or of G2) with one x are
 * equal or opposite, so each comparison covers ±k. */
enum { SMALL = GROTH16_SMALL_MULTIPLE };

/* Whether p = ±k·q or q = ±k·p for some 1 <= k <= SMALL, from the tables
 * mp[i] = (i+1)·p and mq. */
static bool g1_related(const g1_aff *mp, const g1_aff *mq)
{
    for (size_t k = 0; k < SMALL; k++)
        if (fq_eq(&mq[k].x, &mp[0].x) || fq_eq(&mp[k].x, &mq[0].x))
            return true;
    return false;
}

static bool g2_related(const g2_aff *mp, const g2_aff *mq)
{
    for (size_t k = 0; k < SMALL; k++)
        if (fq2_eq(&mq[k].x, &mp[0].x) || fq2_eq(&mp[k].x, &mq[0].x))
            return true;
    return false;
}

/* The relations of groth16.h's list beyond plain equality. A key with a
 * point at infinity is malformed, not weak: it is left to the caller. */
static groth16_weakness small_relations(const groth16_vk *vk)
{
    if (vk->alpha1.inf || vk->beta2.inf || vk->gamma2.inf || vk->delta2.inf)
        return GROTH16_SOUND;
    g1_aff *m1 = zk_alloc(2 * SMALL, sizeof *m1);
    g2_aff *m2 = zk_alloc(4 * SMALL, sizeof *m2);
    groth16_weakness w = GROTH16_SOUND;
    if (!m1 || !m2) {
        /* Out of memory: the exact cases were checked; say nothing more
         * rather than call a key weak without a reason. */
        zk_free(m1);
        zk_free(m2);
        return w;
    }
    g1_aff *alpha = m1, *g1 = m1 + SMALL;
    g2_aff *beta = m2, *gamma = m2 + SMALL, *delta = m2 + 2 * SMALL, *g2 = m2 + 3 * SMALL;
    g1_progression_var(alpha, SMALL, &vk->alpha1, &vk->alpha1);
    g1_progression_var(g1, SMALL, &g1_generator, &g1_generator);
    g2_progression_var(beta, SMALL, &vk->beta2, &vk->beta2);
    g2_progression_var(gamma, SMALL, &vk->gamma2, &vk->gamma2);
    g2_progression_var(delta, SMALL, &vk->delta2, &vk->delta2);
    g2_progression_var(g2, SMALL, &g2_generator, &g2_generator);
    if (g1_related(alpha, g1) && g2_related(beta, g2))
        w = GROTH16_ALPHA_BETA_KNOWN;
    else if (g2_related(beta, gamma))
        w = GROTH16_BETA_GAMMA_RELATED;
    else if (g2_related(delta, gamma))
        w = GROTH16_DELTA_GAMMA_RELATED;
    zk_free(m1);
    zk_free(m2);
    return w;
}

groth16_weakness groth16_vk_weakness(const groth16_vk *vk)
{
    /* The exact cases first: they are what real ceremonies produce, and
     * their messages say which step was skipped. */
    groth16_weakness w = groth16_weakness_of(g1_aff_eq(&vk->alpha1, &g1_generator),
                                             g2_aff_eq(&vk->beta2, &g2_generator),
                                             g2_aff_eq(&vk->beta2, &vk->gamma2),
                                             g2_aff_eq(&vk->delta2, &vk->gamma2));
    return w != GROTH16_SOUND ? w : small_relations(vk);
}

groth16_weakness groth16_mpc_weakness(const zkey_mpc *m)
{
    /* No record is no phase-2 ceremony at all: snarkjs's initial key
     * (δ = γ, caught from the values) or a key from secrets sampled in one
     * place (groth16_setup_secrets), whose trust is its maker's, said when
     * it is made. Only beacons and nothing else is the forgeable case. */
    if (m->n == 0)
        return GROTH16_SOUND;
    for (size_t i = 0; i < m->n; i++)
        if (m->c[i].type == 0)
            return GROTH16_SOUND;
    return GROTH16_NO_PHASE2_SECRET;
}

const char *groth16_weakness_str(groth16_weakness w)
{
    switch (w) {
    case GROTH16_NO_PTAU_SECRET:
        return "alpha and beta are the generators: the powers of tau had no contribution "
               "(run 'zkcave ptau contribute', then setup again)";
    case GROTH16_BETA_IS_GAMMA:
        return "beta = gamma: the powers of tau had no contribution to beta "
               "(run 'zkcave ptau contribute', then setup again)";
    case GROTH16_DELTA_IS_GAMMA:
        return "delta = gamma: nobody contributed to phase 2 (run 'zkcave zkey contribute')";
    case GROTH16_ALPHA_BETA_KNOWN:
        return "alpha and beta are small multiples of the generators, so e(alpha, beta) is "
               "known: a crafted key";
    case GROTH16_BETA_GAMMA_RELATED:
        return "beta and gamma are small multiples of one another: a crafted key";
    case GROTH16_DELTA_GAMMA_RELATED:
        return "delta and gamma are small multiples of one another: a crafted key, or "
               "phase 2 has no secret";
    case GROTH16_NO_PHASE2_SECRET:
        return "phase 2 has only public beacons, so anyone recomputes delta "
               "(run 'zkcave zkey contribute')";
    case GROTH16_SOUND:
        break;
    }
    return "no known forgery";
}

zk_err groth16_vk_check(const groth16_vk *vk, bool insecure, char why[160])
{
    return groth16_key_check(vk, NULL, insecure, why);
}

zk_err groth16_key_check(const groth16_vk *vk, const zkey_mpc *mpc, bool insecure, char why[160])
{
    static const char *const names[4] = {"alpha1", "beta2", "gamma2", "delta2"};
    const bool inf[4] = {vk->alpha1.inf, vk->beta2.inf, vk->gamma2.inf, vk->delta2.inf};
    for (int i = 0; i < 4; i++) {
        if (inf[i]) {
            if (why)
                snprintf(why, 160, "%s is the point at infinity", names[i]);
            return ZK_EINFINITY;
        }
    }
    /* Forgeability before the IC points: a key from a ceremony with τ = 1
     * has most IC points at infinity (L_i(1) = 0 for i > 0), and what its
     * owner must hear is why, not which point. */
    groth16_weakness w = insecure ? GROTH16_SOUND : groth16_vk_weakness(vk);
    if (w == GROTH16_SOUND && mpc && !insecure)
        w = groth16_mpc_weakness(mpc);
    if (w != GROTH16_SOUND) {
        if (why)
            snprintf(why, 160, "%s", groth16_weakness_str(w));
        return ZK_EFORGEABLE;
    }
    for (size_t i = 0; i <= vk->n_public && !insecure; i++) {
        if (vk->ic[i].inf) {
            if (why)
                snprintf(why, 160, "IC[%zu] is the point at infinity (%s)", i,
                         i ? "that public signal could take any value" : "no constant term");
            return ZK_EINFINITY;
        }
    }
    if (why)
        why[0] = 0;
    return ZK_OK;
}
